//! The run report: the public JSON schema of `interleave simulate --json`.
//!
//! ```text
//!  Scenario ──simulate(async)──► Run ─┐
//!           └─simulate(sync)───► Run ─┴─► Report { scenario, outcome, stopped, makespan_ms, items, output, stats }
//! ```
//!
//! The schema is documented in the README; changing a field name is a
//! breaking change for users' scripts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::driver::simulate;
use crate::engine::{Mode, Outcome, Stopped};
use crate::scenario::{RawScenario, Scenario};
use crate::stats::{Stats, item_records, makespan};
use crate::time::ms;
use crate::trace::Trace;

/// A run's full report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The scenario as given.
    pub scenario: RawScenario,
    /// `async` (as written) or `sync` (the synchronous baseline).
    pub mode: &'static str,
    /// Completed, deadlock (with the waiting tasks) or event limit.
    pub outcome: Outcome,
    /// For a run stopped by a cap: which cap, how many items had finished,
    /// and whether the figures are complete (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Stopped>,
    /// The same for the synchronous baseline: if it was stopped, its
    /// makespan and the speedup are only lower bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_stopped: Option<Stopped>,
    /// When the last item was done, in ms.
    pub makespan_ms: f64,
    /// Every item in input order.
    pub items: Vec<ItemReport>,
    /// Item labels in completion order.
    pub output: Vec<String>,
    /// The summary.
    pub stats: Stats,
}

/// One item's story.
#[derive(Clone, Debug, Serialize)]
pub struct ItemReport {
    /// Input position.
    pub index: usize,
    /// Label (a character of the text, or the index).
    pub label: String,
    /// When a source worker took it, in ms.
    pub created_ms: Option<f64>,
    /// When it left the last stage, in ms (`null` if it never did).
    pub done_ms: Option<f64>,
    /// Its pass through each stage it reached.
    pub stages: Vec<StageReport>,
    /// Counter name ⇒ the value this item read.
    pub observed: BTreeMap<String, i64>,
}

/// One item's pass through one stage.
#[derive(Clone, Debug, Serialize)]
pub struct StageReport {
    /// Stage name.
    pub stage: String,
    /// Worker index within the stage.
    pub worker: u32,
    /// When the worker took the item, in ms.
    pub got_ms: f64,
    /// When the worker handed it on, in ms (`null` if it never did).
    pub put_ms: Option<f64>,
    /// When it entered an ordered stage's reorder buffer, in ms (absent
    /// unless it had to wait there for an earlier item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buffered_ms: Option<f64>,
}

impl Report {
    /// Runs `scenario` in `mode` and its synchronous baseline, and reports.
    pub fn run(scenario: &Scenario, mode: Mode) -> Self {
        let baseline = simulate(scenario, Mode::Sync);
        let (sync_makespan, baseline_stopped) = (makespan(&baseline), baseline.stopped());
        // At most one trace at a time: the baseline's goes before the run's comes.
        let run = match mode {
            Mode::Sync => baseline,
            Mode::Async => {
                drop(baseline);
                simulate(scenario, Mode::Async)
            }
        };
        let stats = Stats::of(scenario, &run, sync_makespan);
        let mut report = Self::of(scenario, mode, &run.trace, run.outcome, stats);
        report.baseline_stopped = baseline_stopped;
        report
    }

    /// The report of a run already made: its `trace`, how it ended and its
    /// `stats` (against the synchronous baseline; `baseline_stopped` is left
    /// unset).
    pub fn of(
        scenario: &Scenario,
        mode: Mode,
        trace: &Trace,
        outcome: Outcome,
        stats: Stats,
    ) -> Self {
        let (records, output) = item_records(scenario, trace);
        let items = records
            .into_iter()
            .zip(&scenario.labels)
            .enumerate()
            .map(|(index, (record, label))| ItemReport {
                index,
                label: label.clone(),
                created_ms: record.created.map(ms),
                done_ms: record.done.map(ms),
                stages: record
                    .stages
                    .iter()
                    .zip(&scenario.stages)
                    .filter_map(|(visit, stage)| {
                        let visit = (*visit)?;
                        Some(StageReport {
                            stage: stage.name.clone(),
                            worker: visit.worker,
                            got_ms: ms(visit.got),
                            put_ms: visit.put.map(ms),
                            buffered_ms: visit.buffered.map(ms),
                        })
                    })
                    .collect(),
                observed: record
                    .observed
                    .iter()
                    .filter_map(|(&counter, &value)| {
                        Some((scenario.counters.get(counter as usize)?.clone(), value))
                    })
                    .collect(),
            })
            .collect();
        Self {
            scenario: scenario.raw.clone(),
            mode: match mode {
                Mode::Async => "async",
                Mode::Sync => "sync",
            },
            stopped: Stopped::of(
                &outcome,
                stats.events,
                stats.items_done,
                scenario.item_count(),
                trace.end(),
            ),
            baseline_stopped: None,
            outcome,
            makespan_ms: stats.makespan_ms,
            items,
            output: output
                .iter()
                .filter_map(|&i| scenario.labels.get(i as usize).cloned())
                .collect(),
            stats,
        }
    }

    /// The output labels joined: `HELOL`, or `3 1 2` when labels are longer
    /// than one character.
    pub fn output_text(&self) -> String {
        if self.output.iter().all(|label| label.chars().count() == 1) {
            self.output.concat()
        } else {
            self.output.join(" ")
        }
    }
}
