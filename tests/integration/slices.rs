//! Runs in slices: a virtual run stepped a few iterations at a time, and a
//! preview computed in slices, give exactly what one call gives.

use interleave::driver::{Stepper, simulate, simulate_with_cap};
use interleave::engine::{Mode, Run};
use interleave::limits::MAX_EVENTS;
use interleave::presets;
use interleave::preview::Preview;
use interleave::preview::PreviewJob;
use interleave::scenario::Scenario;
use interleave::stats::makespan;

use super::{checked, raw};

/// Steps `stepper` `iterations` at a time to its end; how many slices it took.
fn step_through(stepper: &mut Stepper, iterations: usize) -> usize {
    let mut slices = 1;
    while !stepper.step(iterations) {
        slices += 1;
    }
    slices
}

#[test]
fn a_stepped_run_is_the_run_of_one_call_for_every_preset() {
    for preset in presets::PRESETS {
        let scenario = checked(&raw(preset.id));
        for mode in [Mode::Async, Mode::Sync] {
            let whole = simulate(&scenario, mode);
            for iterations in [1, 7, 1000] {
                let mut stepper = Stepper::new(&scenario, mode);
                let slices = step_through(&mut stepper, iterations);
                assert!(stepper.step(iterations), "stays ended");
                let stepped = stepper.finish(&scenario);
                assert_eq!(
                    stepped.trace, whole.trace,
                    "{} {mode:?} by {iterations}",
                    preset.id
                );
                assert_eq!(stepped.outcome, whole.outcome, "{}", preset.id);
                if iterations == 1 {
                    assert!(slices > 1, "{} ran in slices", preset.id);
                }
            }
        }
    }
}

/// A task that blocks through every item without awaiting runs the whole
/// run in one callback (the largest valid scenario's 5 M events were one
/// 1.5 s task in the page): a step cuts it between two blocks, and the run
/// is the same.
#[test]
fn a_callback_that_blocks_through_every_item_is_cut_between_blocks() {
    let scenario = Scenario::from_json(
        r#"{"version":1,"items":{"count":200},"stages":[
            {"name":"a","workers":1,"steps":[{"block":{"fixed":1}},{"block":{"fixed":2}},{"block":{"fixed":3}}]},
            {"name":"b","workers":1,"steps":[{"block":{"fixed":1}}]}]}"#,
    )
    .expect("valid");
    for mode in [Mode::Async, Mode::Sync] {
        let (most, slices, stepped) = stepped_by(&scenario, mode, 1);
        assert!(
            most <= 16,
            "{mode:?}: at most one callback's block per step ({most} events)"
        );
        assert!(slices > 600, "{mode:?}: {slices} steps");
        assert_eq!(stepped.trace, simulate(&scenario, mode).trace, "{mode:?}");
    }
}

/// `scenario` run in `mode` by steps of `work`: the most events a step
/// recorded, the steps, and the run.
fn stepped_by(scenario: &Scenario, mode: Mode, work: usize) -> (usize, usize, Run) {
    let mut stepper = Stepper::new(scenario, mode);
    let (mut most, mut steps) = (0, 0);
    loop {
        let before = stepper.events();
        let ended = stepper.step(work);
        most = most.max(stepper.events() - before);
        steps += 1;
        if ended {
            return (most, steps, stepper.finish(scenario));
        }
    }
}

#[test]
fn a_callback_that_never_suspends_is_cut_between_items() {
    // The source's one worker puts 2 000 items into an unbounded queue in
    // one callback: nothing in it suspends, and nothing blocks.
    let scenario = Scenario::from_json(
        r#"{"version":1,"items":{"count":2000},"stages":[
            {"name":"src","workers":1},
            {"name":"b","workers":1,"steps":[{"wait":{"fixed":1}}]}]}"#,
    )
    .expect("valid");
    for mode in [Mode::Async, Mode::Sync] {
        let (most, _, stepped) = stepped_by(&scenario, mode, 4);
        assert!(most <= 64, "{mode:?}: a few items a step ({most} events)");
        assert_eq!(stepped.trace, simulate(&scenario, mode).trace, "{mode:?}");
    }
}

/// The preview's baseline counts its events instead of recording them:
/// same makespan and event count as the recorded synchronous run, capped or
/// not.
#[test]
fn a_baseline_that_counts_its_events_has_the_makespan_of_the_recorded_run() {
    for preset in presets::PRESETS {
        let scenario = checked(&raw(preset.id));
        for cap in [MAX_EVENTS, 40] {
            let recorded = simulate_with_cap(&scenario, Mode::Sync, cap);
            let mut stepper = Stepper::with_cap(&scenario, Mode::Sync, cap).count_only();
            step_through(&mut stepper, 5);
            assert_eq!(
                stepper.finish_makespan(&scenario),
                (makespan(&recorded), recorded.trace.events.len()),
                "{} capped at {cap}",
                preset.id
            );
        }
    }
}

#[test]
fn a_stepped_run_stops_at_the_event_cap_like_one_call() {
    let scenario = checked(&raw("url-fetch"));
    let whole = simulate_with_cap(&scenario, Mode::Async, 5_000);
    let mut stepper = Stepper::with_cap(&scenario, Mode::Async, 5_000);
    step_through(&mut stepper, 3);
    assert_eq!(stepper.events(), 5_000);
    let stepped = stepper.finish(&scenario);
    assert_eq!(stepped.trace, whole.trace);
    assert_eq!(stepped.outcome, whole.outcome);
}

/// Presets whose runs in steps are compared with one call.
const COMPARED: [&str; 4] = [
    "hello-workers",
    "block-then-await",
    "url-fetch",
    "file-writes-lock",
];

/// `a` and `b` show the same run: trace, outcome, stats, output and chart.
fn assert_same_run(a: &Preview, b: &Preview, at: &str) {
    assert_eq!(*a.trace, *b.trace, "{at}");
    assert_eq!(a.stats, b.stats, "{at}");
    assert_eq!(a.outcome, b.outcome, "{at}");
    assert_eq!(a.output_text, b.output_text, "{at}");
    assert_eq!(a.timeline.end, b.timeline.end, "{at}");
    assert_eq!(a.timeline.spans, b.timeline.spans, "{at}");
    assert_eq!(a.timeline.holders, b.timeline.holders, "{at}");
    assert_eq!(a.timeline.depths, b.timeline.depths, "{at}");
    assert_eq!(a.timeline.output, b.timeline.output, "{at}");
}

#[test]
fn a_preview_in_slices_is_the_preview_of_one_call() {
    for id in COMPARED {
        let scenario = checked(&raw(id));
        let whole = Preview::simulate(scenario.clone());
        let mut job = PreviewJob::new(scenario);
        let mut progress = Vec::new();
        let sliced = loop {
            progress.push(job.progress());
            if let Some(preview) = job.step(50) {
                break preview;
            }
        };
        assert_same_run(&sliced, &whole, id);
        // Worked out in steps of their own, the same as when first read
        // (from the chart's spans) by a preview built in one go.
        let scenario = checked(&raw(id));
        let sync = interleave::stats::makespan(&simulate(&scenario, Mode::Sync));
        let run = simulate(&scenario, Mode::Async);
        let lazy = Preview::of_run(scenario, run, sync, 0);
        assert_eq!(sliced.insights(), lazy.insights(), "{id}");
        assert_eq!(sliced.blame(), lazy.blame(), "{id}");
        assert_eq!(sliced.bounds(), lazy.bounds(), "{id}");
        assert_eq!(sliced.timeline.holders, lazy.timeline.holders, "{id}");
        assert_eq!(sliced.stats, lazy.stats, "{id}");
        if id == "block-then-await" {
            assert!(
                !sliced.blame().0.is_empty(),
                "{id}: there is blame to compare"
            );
        }
        // The baseline first, then the run; events only grow within a phase.
        assert!(progress.first().is_some_and(|p| p.baseline), "{id}");
        assert!(progress.last().is_some_and(|p| !p.baseline), "{id}");
        assert!(
            progress
                .windows(2)
                .all(|w| w[0].baseline != w[1].baseline || w[1].events >= w[0].events)
        );
        assert!(job.step(50).is_none(), "handed out once");
    }
}

#[test]
fn a_pending_preview_has_no_task_lanes_yet() {
    let scenario = checked(&raw("gather"));
    let pending = Preview::pending(scenario);
    assert!(pending.timeline.spans.is_empty());
    assert!(
        pending
            .timeline
            .lanes
            .iter()
            .all(|l| !matches!(l.row, interleave::chart::Row::Task(_)))
    );
    // It stands in for a run: no findings, no blame, no bounds (at the caps
    // they drew every duration in the page's first task); a computed
    // preview is not pending and has them.
    assert!(pending.is_pending());
    assert_eq!(pending.bounds(), None);
    assert!(pending.insights().is_empty());
    assert_eq!(pending.blame(), &(Vec::new(), 0));
    let computed = Preview::simulate(checked(&raw("gather")));
    assert!(!computed.is_pending());
    assert!(computed.bounds().is_some());
}

#[test]
fn spans_walked_in_small_steps_are_the_spans_in_one_go() {
    use interleave::spans::{SpanWalk, walk_spans};
    for id in COMPARED {
        let trace = simulate(&checked(&raw(id)), Mode::Async).trace;
        let end = trace.end();
        let whole = walk_spans(&trace, end);
        for work in [1, 13, 5000] {
            let mut walk = SpanWalk::new(&trace, end);
            let mut steps = 0;
            let walked = loop {
                steps += 1;
                if let Some(spans) = walk.step(&trace, work) {
                    break spans;
                }
            };
            assert_eq!(walked, whole, "{id}, {work} a step");
            // Counting and walking are both cut: at least a step per `work`
            // events each.
            assert!(
                steps > 2 * (trace.events.len() / work),
                "{id}, {work} a step"
            );
            assert!(walk.step(&trace, work).is_none(), "handed out once");
        }
    }
}

#[test]
fn stats_walked_in_small_steps_are_the_stats_in_one_go() {
    use interleave::spans::queue_depths;
    use interleave::stats::{StatsWalk, item_records, summarize};
    for id in [
        "hello-workers",
        "producer-consumer",
        "url-fetch",
        "file-writes-lock",
    ] {
        let scenario = checked(&raw(id));
        let run = simulate(&scenario, Mode::Async);
        let whole = summarize(&scenario, &run, 1_234);
        // What the chart reads off the trace itself.
        assert_eq!(whole.output, item_records(&scenario, &run.trace).1, "{id}");
        let queues = scenario.stages.len() - 1;
        assert_eq!(whole.depths, queue_depths(&run.trace, queues), "{id}");
        assert_eq!(whole.end, run.trace.end(), "{id}");
        for work in [1, 13, 5000] {
            let mut walk = StatsWalk::new(&scenario, &run.trace);
            let mut steps = 0;
            let walked = loop {
                steps += 1;
                if let Some(summary) = walk.step(&scenario, &run, 1_234, work) {
                    break summary;
                }
            };
            assert_eq!(walked, whole, "{id}, {work} a step");
            assert!(steps > run.trace.events.len() / work, "{id}, {work} a step");
            let again = walk.step(&scenario, &run, 1_234, work);
            assert!(again.is_none(), "{id}: handed out once");
        }
    }
}

#[test]
fn a_live_runs_preview_in_slices_is_its_preview_of_one_call() {
    use interleave::engine::Outcome;
    for id in COMPARED {
        let scenario = checked(&raw(id));
        let sync = makespan(&simulate(&scenario, Mode::Sync));
        let whole = simulate(&scenario, Mode::Async).trace;
        let end = whole.end();
        // The whole run; the run stopped half-way, "now" a little past its
        // last event; stopped before anything happened.
        let mut half = whole.clone();
        half.events.truncate(whole.events.len() / 2);
        let half_end = half.end();
        let mut none = whole.clone();
        none.events.clear();
        for (trace, outcome, reached) in [
            (whole.clone(), Outcome::Completed, end),
            (half, Outcome::Stopped, half_end + 1_234),
            (none, Outcome::Stopped, 0),
        ] {
            let at = format!("{id}, {outcome:?} at {reached}");
            let one = Preview::of_trace(
                scenario.clone(),
                trace.clone(),
                outcome.clone(),
                sync,
                reached,
            );
            let mut job = PreviewJob::of_trace(scenario.clone(), trace, outcome, sync, reached);
            let sliced = loop {
                if let Some(preview) = job.step(7) {
                    break preview;
                }
            };
            assert_same_run(&sliced, &one, &at);
            assert_eq!(sliced.insights(), one.insights(), "{at}");
            assert_eq!(sliced.blame(), one.blame(), "{at}");
            assert_eq!(sliced.bounds(), one.bounds(), "{at}");
            assert!(job.step(7).is_none(), "{at}: handed out once");
        }
        // Cut short, the makespan is the time reached.
        let mut half = whole.clone();
        half.events.truncate(whole.events.len() / 2);
        let reached = half.end() + 1_234;
        let mut job = PreviewJob::of_trace(scenario.clone(), half, Outcome::Stopped, sync, reached);
        let preview = loop {
            if let Some(preview) = job.step(usize::MAX) {
                break preview;
            }
        };
        if preview.stats.items_done < scenario.item_count() {
            assert_eq!(preview.stats.makespan_ms, reached as f64 / 1000.0, "{id}");
        }
    }
}
