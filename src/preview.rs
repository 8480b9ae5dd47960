//! A run ready to show: the checked scenario, its stats against the
//! synchronous baseline, the output text and the laid-out timeline.
//!
//! ```text
//!  Scenario ──simulate(async)──► Run ──┬─► Stats (vs baseline makespan), output order,
//!           └─simulate(sync)──► makespan  │   queue depths (one walk: stats::StatsWalk)
//!             (events counted, not kept)  ├─► output text (HELOL)
//!                                         ├─► spans and loop holders (spans::SpanWalk)
//!                                         ├─► Timeline (lanes, from the parts above)
//!                                         ├─► Arc<Trace> (kept: the insight views read it)
//!                                         └─► worst blocks ─► blame list, insights: computed
//!                                             once, when first read (a preview job computes
//!                                             them from the spans, in bounded steps, before
//!                                             the rest of the layout)
//! ```
//!
//! The playground builds one on every valid edit (the preview), and one
//! from a live run's trace; the numbers are the same as the CLI report's.
//! The trace moves into an `Arc`, so keeping it costs nothing.

use std::sync::{Arc, OnceLock};

use crate::bounds::{Bounds, lower_bounds};
use crate::driver::Stepper;
use crate::engine::{Mode, Outcome, Run, Stopped};
use crate::insight::blame::{Blame, BlameJob, worst_of};
use crate::insight::describe::{BlameRow, blame_rows};
use crate::insight::sentences::{Insight, findings};
use crate::report::Report;
use crate::scenario::Scenario;
use crate::stats::{Stats, StatsWalk, Summary, summarize};
use crate::time::Micros;
use crate::trace::Trace;

use crate::chart::strip::output_text;
use crate::chart::{Parts, Timeline};
use crate::spans::{SpanWalk, walk_spans};

/// A run of a scenario, summarized and laid out.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The checked scenario that ran.
    pub scenario: Scenario,
    /// How the run ended.
    pub outcome: Outcome,
    /// Its summary (speedup against the synchronous baseline).
    pub stats: Stats,
    /// Output order as text (`HELOL`; labels joined by spaces when longer).
    pub output_text: String,
    /// The chart geometry.
    pub timeline: Timeline,
    /// Everything that happened (for the scrubber, blame, ordering, lineage).
    pub trace: Arc<Trace>,
    /// Whether this stands in for a run not computed yet ([`Preview::pending`]).
    pending: bool,
    insights: OnceLock<Vec<Insight>>,
    worst: OnceLock<Worst>,
    blame: OnceLock<Blames>,
    bounds: OnceLock<Bounds>,
}

/// The [`BLAME_ROWS`] worst blocking steps, and how many delayed someone.
type Worst = (Vec<Blame>, usize);

/// The blocking steps that kept the most tasks waiting, worded, and how
/// many more there are.
type Blames = (Vec<BlameRow>, usize);

/// Blocking steps the blame list shows (the rest are counted).
pub const BLAME_ROWS: usize = 12;

/// Events (or places, spans or loop holders) the stats, span and blame
/// passes go through per unit of a [`PreviewJob::step`]'s work: a few µs,
/// like a callback.
const EVENTS_PER_WORK: usize = 256;

impl Preview {
    /// Simulates `scenario` in virtual time, with its synchronous baseline.
    pub fn simulate(scenario: Scenario) -> Self {
        let mut job = PreviewJob::new(scenario);
        loop {
            if let Some(preview) = job.step(usize::MAX) {
                return preview;
            }
        }
    }

    /// What is shown of `scenario` before its first run is computed: no
    /// events yet, so no lanes but the loop's and the output's.
    pub fn pending(scenario: Scenario) -> Self {
        let items = scenario.item_count();
        let run = Run {
            trace: Trace::default(),
            outcome: Outcome::Completed,
            items,
        };
        let preview = Self {
            pending: true,
            ..Self::of_run(scenario, run, 0, 0)
        };
        // Nothing to find in no run.
        let _ = preview.insights.set(Vec::new());
        let _ = preview.worst.set((Vec::new(), 0));
        preview
    }

    /// Whether the run was cut short (stopped, capped) before its items
    /// were done: its figures cover the part that ran, and it has no
    /// speedup to speak of.
    pub fn partial(&self) -> bool {
        self.stats
            .cut_before_done(&self.outcome, self.scenario.item_count())
    }

    /// Whether this stands in for a run not computed yet: no insights, no
    /// blame, and no [`Preview::bounds`].
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// Summarizes `run` of `scenario`; `until` extends spans still open (a
    /// run in progress) up to that time.
    pub fn of_run(scenario: Scenario, run: Run, sync_makespan: Micros, until: Micros) -> Self {
        let Summary {
            stats,
            output,
            depths,
            end,
        } = summarize(&scenario, &run, sync_makespan);
        let end = end.max(until);
        let parts = Parts {
            end,
            walked: walk_spans(&run.trace, end),
            output,
            depths,
        };
        let timeline = Timeline::of_parts(&scenario, &run.trace.tasks, parts);
        Self::of_run_with(scenario, run, stats, timeline)
    }

    /// [`Preview::of_run`] with the run's stats already computed.
    fn of_run_with(scenario: Scenario, run: Run, stats: Stats, timeline: Timeline) -> Self {
        Self {
            output_text: output_text(&timeline.labels, &timeline.output),
            outcome: run.outcome,
            stats,
            timeline,
            trace: Arc::new(run.trace),
            scenario,
            pending: false,
            insights: OnceLock::new(),
            worst: OnceLock::new(),
            blame: OnceLock::new(),
            bounds: OnceLock::new(),
        }
    }

    /// What the run shows ([`findings`]), worded; computed once.
    pub fn insights(&self) -> &[Insight] {
        self.insights.get_or_init(|| {
            let worst = self.worst().0.first();
            findings(
                &self.scenario,
                &self.stats,
                &self.outcome,
                &self.trace,
                worst,
            )
        })
    }

    /// What no schedule of the scenario can beat ([`lower_bounds`]);
    /// computed once. `None` for a [pending](Preview::pending) preview:
    /// they wait for its run (at the caps they draw every duration, ~40 ms,
    /// and the page's first task asked for them).
    pub fn bounds(&self) -> Option<&Bounds> {
        (!self.pending).then(|| self.bounds.get_or_init(|| lower_bounds(&self.scenario)))
    }

    /// The [`BLAME_ROWS`] blocking steps that kept the most tasks waiting,
    /// and how many more there are; computed once.
    pub fn blame(&self) -> &Blames {
        self.blame
            .get_or_init(|| blame_rows(&self.scenario, &self.trace, self.worst()))
    }

    /// The worst blocking steps ([`worst_of`] the chart's spans, which a
    /// live run's take up to the time it reached); computed once, for the
    /// blame list and the insights both.
    fn worst(&self) -> &Worst {
        self.worst
            .get_or_init(|| worst_of(&self.timeline.spans, &self.timeline.holders, BLAME_ROWS))
    }

    /// The run's report without its per-item list (`items` is empty): the
    /// stats, outcome and output order of `interleave simulate --json`,
    /// built from what the preview holds, without running again. Enough to
    /// compare two runs ([`crate::compare::compare`]).
    pub fn summary(&self) -> Report {
        Report {
            scenario: self.scenario.raw.clone(),
            mode: "async",
            outcome: self.outcome.clone(),
            stopped: Stopped::of(
                &self.outcome,
                self.stats.events,
                self.stats.items_done,
                self.scenario.item_count(),
                self.timeline.end,
            ),
            baseline_stopped: None,
            makespan_ms: self.stats.makespan_ms,
            items: Vec::new(),
            output: self
                .timeline
                .output
                .iter()
                .filter_map(|&i| self.timeline.labels.get(i as usize).cloned())
                .collect(),
            stats: self.stats.clone(),
        }
    }

    /// Summarizes a live trace that ended with `outcome` at scenario time
    /// `until` (a run cut short before its items were done has the time
    /// reached as its makespan).
    pub fn of_trace(
        scenario: Scenario,
        trace: Trace,
        outcome: Outcome,
        sync_makespan: Micros,
        until: Micros,
    ) -> Self {
        let run = live_run(&scenario, trace, outcome);
        let items = run.items;
        let mut preview = Self::of_run(scenario, run, sync_makespan, until);
        reach(
            &mut preview.stats,
            &preview.outcome,
            items,
            preview.timeline.end,
        );
        preview
    }
}

/// A live run of `scenario` as the engine gives one: its trace and outcome.
fn live_run(scenario: &Scenario, trace: Trace, outcome: Outcome) -> Run {
    Run {
        trace,
        outcome,
        items: scenario.item_count(),
    }
}

/// A run cut short before its items were done (stopped, capped) has the
/// time it reached, `end`, as its makespan.
fn reach(stats: &mut Stats, outcome: &Outcome, items: usize, end: Micros) {
    if stats.cut_before_done(outcome, items) {
        stats.reached(end);
    }
}

/// A preview computed in slices: the synchronous baseline, then the run,
/// a bounded number of loop iterations at a time, then the summary and
/// layout. Stepped to its end it gives exactly [`Preview::simulate`].
///
/// ```text
///  PreviewJob::new(scenario) ─ step(n) ─► None ─ step(n) ─► … ─► Some(Preview)
///     baseline (Sync, events counted, not kept) ──► makespan ──► run (Async) ──┐
///  PreviewJob::of_trace(a live run's trace, its baseline, the time reached) ──┤
///     stats ──► spans ──► blame ──► insights and bounds ──► layout ◄───────────┘
/// ```
pub struct PreviewJob {
    scenario: Scenario,
    phase: Phase,
    /// For a live run's trace: the scenario time it reached (its spans go
    /// on to it; cut short, it is its makespan).
    reached: Option<Micros>,
}

/// Where a [`PreviewJob`] is.
enum Phase {
    /// Running the synchronous baseline.
    Baseline(Stepper),
    /// Running the scenario, the baseline's makespan known.
    Run(Stepper, Micros),
    /// The run is over; its stats being worked out. Then its task spans
    /// (up to the trace's end), its blocking blame (from the spans), its
    /// insights (which name the worst block) and the rest of its layout:
    /// the stats, the spans and the blame a bounded part at a time, the
    /// others a step each.
    Stats(Run, StatsWalk, Micros),
    /// Its stats known; its spans being walked (up to the summary's end).
    Spans(Run, Summary, SpanWalk),
    /// Its spans known; its worst blocking steps being found.
    Blame(Run, Box<Derived>, BlameJob),
    /// Its worst blocking steps known; its insights and its lower bounds
    /// next.
    Insights(Run, Box<Derived>, Worst),
    /// Everything but the chart's layout known; that next.
    Layout(Run, Box<Derived>, Worst, Vec<Insight>, Bounds),
    /// The preview was handed out.
    Done,
}

/// What a [`PreviewJob`] carries past the run: its stats and the parts of
/// its chart.
struct Derived {
    stats: Stats,
    parts: Parts,
}

/// How far a [`PreviewJob`] got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobProgress {
    /// Whether it is still on the synchronous baseline.
    pub baseline: bool,
    /// Whether the run is over and its stats and layout are being made.
    pub summarizing: bool,
    /// Events recorded by the current run so far.
    pub events: usize,
}

impl PreviewJob {
    /// A preview of `scenario`, not started.
    pub fn new(scenario: Scenario) -> Self {
        let baseline = Stepper::new(&scenario, Mode::Sync).count_only();
        Self {
            scenario,
            phase: Phase::Baseline(baseline),
            reached: None,
        }
    }

    /// The preview of a live run's `trace`, which ended with `outcome` at
    /// scenario time `reached`, in the same steps as a preview's after its
    /// run: stepped to its end it gives [`Preview::of_trace`] with its
    /// blame, insights and bounds worked out (`sync_makespan`: the
    /// baseline's, known from the preview).
    pub fn of_trace(
        scenario: Scenario,
        trace: Trace,
        outcome: Outcome,
        sync_makespan: Micros,
        reached: Micros,
    ) -> Self {
        let run = live_run(&scenario, trace, outcome);
        let walk = StatsWalk::new(&scenario, &run.trace);
        Self {
            scenario,
            phase: Phase::Stats(run, walk, sync_makespan),
            reached: Some(reached),
        }
    }

    /// Runs at most `work` callbacks, and blocking steps and items ([`Stepper::step`]),
    /// or walks `work` × 256 events for its stats or its spans, or goes
    /// through as many spans for its blocking blame, or works out its
    /// insights, or the rest of its layout: the preview once it is done (once
    /// only: stepping further gives `None`). The baseline counts its events
    /// instead of recording them (only its makespan is needed), so one
    /// trace at most is held, and the run's trace is given room for a third
    /// more events than the baseline counted at once: it grows without
    /// copying itself (at the caps, 120 MB a copy).
    pub fn step(&mut self, work: usize) -> Option<Preview> {
        match std::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Baseline(mut stepper) => {
                self.phase = if stepper.step(work) {
                    let (sync_makespan, events) = stepper.finish_makespan(&self.scenario);
                    let run = Stepper::new(&self.scenario, Mode::Async);
                    // A run records more events than its baseline (a wait
                    // that does not block goes ready, then running): 1.00
                    // to 1.32 times as many over the presets.
                    run.reserve(events.saturating_add(events / 3).saturating_add(64));
                    Phase::Run(run, sync_makespan)
                } else {
                    Phase::Baseline(stepper)
                };
                None
            }
            Phase::Run(mut stepper, sync_makespan) => {
                self.phase = if stepper.step(work) {
                    let run = stepper.finish(&self.scenario);
                    let walk = StatsWalk::new(&self.scenario, &run.trace);
                    Phase::Stats(run, walk, sync_makespan)
                } else {
                    Phase::Run(stepper, sync_makespan)
                };
                None
            }
            Phase::Stats(run, mut walk, sync_makespan) => {
                let events = work.saturating_mul(EVENTS_PER_WORK);
                self.phase = match walk.step(&self.scenario, &run, sync_makespan, events) {
                    Some(mut summary) => {
                        summary.end = summary.end.max(self.reached.unwrap_or(0));
                        let walk = SpanWalk::new(&run.trace, summary.end);
                        Phase::Spans(run, summary, walk)
                    }
                    None => Phase::Stats(run, walk, sync_makespan),
                };
                None
            }
            Phase::Spans(run, summary, mut walk) => {
                let events = work.saturating_mul(EVENTS_PER_WORK);
                self.phase = match walk.step(&run.trace, events) {
                    Some(walked) => {
                        let Summary {
                            mut stats,
                            output,
                            depths,
                            end,
                        } = summary;
                        if self.reached.is_some() {
                            reach(&mut stats, &run.outcome, run.items, end);
                        }
                        let parts = Parts {
                            end,
                            walked,
                            output,
                            depths,
                        };
                        let derived = Box::new(Derived { stats, parts });
                        Phase::Blame(run, derived, BlameJob::new(BLAME_ROWS))
                    }
                    None => Phase::Spans(run, summary, walk),
                };
                None
            }
            Phase::Blame(run, derived, mut job) => {
                let budget = work.saturating_mul(EVENTS_PER_WORK);
                let walked = &derived.parts.walked;
                self.phase = match job.step(&walked.spans, &walked.holders, budget) {
                    Some(worst) => Phase::Insights(run, derived, worst),
                    None => Phase::Blame(run, derived, job),
                };
                None
            }
            Phase::Insights(run, derived, worst) => {
                let insights = findings(
                    &self.scenario,
                    &derived.stats,
                    &run.outcome,
                    &run.trace,
                    worst.0.first(),
                );
                let bounds = lower_bounds(&self.scenario);
                self.phase = Phase::Layout(run, derived, worst, insights, bounds);
                None
            }
            Phase::Layout(run, derived, worst, insights, bounds) => {
                let Derived { stats, parts } = *derived;
                let timeline = Timeline::of_parts(&self.scenario, &run.trace.tasks, parts);
                let preview = Preview::of_run_with(self.scenario.clone(), run, stats, timeline);
                let _ = preview.insights.set(insights);
                let _ = preview.worst.set(worst);
                let _ = preview.bounds.set(bounds);
                Some(preview)
            }
            Phase::Done => None,
        }
    }

    /// How far it got.
    pub fn progress(&self) -> JobProgress {
        match &self.phase {
            Phase::Baseline(stepper) => JobProgress {
                baseline: true,
                summarizing: false,
                events: stepper.events(),
            },
            Phase::Run(stepper, _) => JobProgress {
                baseline: false,
                summarizing: false,
                events: stepper.events(),
            },
            Phase::Stats(run, ..)
            | Phase::Spans(run, ..)
            | Phase::Blame(run, ..)
            | Phase::Insights(run, ..)
            | Phase::Layout(run, ..) => JobProgress {
                baseline: false,
                summarizing: true,
                events: run.trace.events.len(),
            },
            Phase::Done => JobProgress {
                baseline: false,
                summarizing: false,
                events: 0,
            },
        }
    }
}

/// Live time scales offered, in real ms per scenario ms (0.1 plays one
/// scenario second in 100 ms).
pub const LIVE_SCALES: [f64; 13] = [
    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0,
];

/// Real duration a live run aims at by default, ms.
pub const LIVE_TARGET_MS: f64 = 3_000.0;

/// The scale from [`LIVE_SCALES`] that plays a run of `makespan` µs in about
/// [`LIVE_TARGET_MS`] (nearest on a log scale).
pub fn live_scale(makespan: Micros) -> f64 {
    let makespan_ms = (makespan as f64 / 1000.0).max(1e-3);
    let ideal = (LIVE_TARGET_MS / makespan_ms).ln();
    LIVE_SCALES
        .iter()
        .copied()
        .min_by(|a, b| (a.ln() - ideal).abs().total_cmp(&(b.ln() - ideal).abs()))
        .unwrap_or(1.0)
}

/// How a scale reads: `1 s → 100 ms live`.
pub fn scale_label(scale: f64) -> String {
    let real = (1000.0 * scale * 100.0).round() / 100.0;
    if real >= 1000.0 {
        format!("1 s → {} s live", real / 1000.0)
    } else {
        format!("1 s → {real} ms live")
    }
}
