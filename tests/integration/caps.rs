//! Caps that hold where the work happens: the event cap inside the
//! iteration, what a capped run reports, capped sweep points, and the
//! trace's bytes per event.

use interleave::driver::{simulate, simulate_with_cap};
use interleave::engine::{Cap, Mode, Outcome};
use interleave::limits::{MAX_EVENTS, MAX_ITEMS, MAX_STAGES, MAX_STEPS, MAX_TASKS};
use interleave::report::Report;
use interleave::scenario::{RawDuration, RawItems, RawScenario, RawStage, RawStep};
use interleave::stats::makespan;
use interleave::sweep::{Parameter, sweep};
use interleave::trace::{EVENT_BYTES, EventKind};

use super::{checked, raw};

/// The largest scenario the caps allow, as the issue tried it: 16 stages,
/// 4 096 workers, 10 000 items, 32 long blocks per stage.
pub fn largest() -> RawScenario {
    let per_stage = (MAX_TASKS / MAX_STAGES) as u32;
    RawScenario {
        version: 1,
        seed: 0,
        items: RawItems::Count(MAX_ITEMS as u32),
        loop_overhead_us: 0,
        resources: vec![],
        stages: (0..MAX_STAGES)
            .map(|i| RawStage {
                name: format!("s{i}"),
                workers: per_stage,
                steps: vec![RawStep::Block(RawDuration::Fixed(3_600_000.0)); MAX_STEPS],
                ..RawStage::default()
            })
            .collect(),
    }
}

#[test]
fn the_event_cap_holds_inside_an_iteration() {
    let scenario = checked(&largest());
    // One source step blocks through every item without yielding: before
    // the cap held where events are recorded, this run recorded 10.9 M.
    let run = simulate(&scenario, Mode::Async);
    assert_eq!(run.outcome, Outcome::EventLimit);
    assert_eq!(run.trace.events.len(), MAX_EVENTS);
    assert!(
        run.trace.events.capacity() <= MAX_EVENTS,
        "no slack at the cap"
    );
    let stopped = run.stopped().expect("stopped by a cap");
    assert_eq!(stopped.cap, Cap::Events);
    assert_eq!(stopped.limit, MAX_EVENTS);
    assert_eq!(stopped.items, MAX_ITEMS);
    assert!(!stopped.figures_complete);
    assert_eq!(stopped.items_done, run.items_done());
    let text = stopped.to_string();
    assert!(
        text.starts_with("Stopped by the event cap (5 000 000 trace events) after "),
        "{text}"
    );
    assert!(
        text.contains("the makespan is only the time reached"),
        "{text}"
    );
}

#[test]
fn a_run_capped_after_every_item_finished_is_complete() {
    let scenario = checked(&raw("hello-workers"));
    let full = simulate(&scenario, Mode::Async);
    let last_done = full
        .trace
        .events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Done { .. }))
        .expect("items done");
    assert!(
        last_done + 1 < full.trace.events.len(),
        "shutdown events follow"
    );
    // Room for every event up to the last item's, not the workers' shutdown.
    let capped = simulate_with_cap(&scenario, Mode::Async, last_done + 1);
    assert_eq!(capped.outcome, Outcome::EventLimit);
    assert_eq!(capped.trace.events[..], full.trace.events[..=last_done]);
    let stopped = capped.stopped().expect("stopped");
    assert!(stopped.figures_complete);
    assert_eq!((stopped.items_done, stopped.items), (5, 5));
    assert_eq!(makespan(&capped), makespan(&full));
    assert!(
        stopped
            .to_string()
            .contains("after all 5 items had finished: the figures are complete"),
        "{stopped}"
    );
    // One event fewer: the last item is not done, and the figures say so.
    let short = simulate_with_cap(&scenario, Mode::Async, last_done);
    let stopped = short.stopped().expect("stopped");
    assert!(!stopped.figures_complete);
    assert_eq!(stopped.items_done, 4);
}

#[test]
fn the_report_says_which_cap_and_how_many_items() {
    let report = Report::run(&checked(&largest()), Mode::Async);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["outcome"]["kind"], "event_limit");
    assert_eq!(json["stopped"]["cap"], "events");
    assert_eq!(json["stopped"]["limit"], MAX_EVENTS);
    assert_eq!(json["stopped"]["items"], MAX_ITEMS);
    assert_eq!(json["stopped"]["items_done"], report.stats.items_done);
    assert_eq!(json["stopped"]["figures_complete"], false);
    assert!(
        json["stopped"]["meaning"]
            .as_str()
            .unwrap()
            .contains("figures cover the items that finished")
    );
    assert_eq!(json["stats"]["events"], MAX_EVENTS);
    // The synchronous baseline blocks through the same work: capped too.
    assert_eq!(json["baseline_stopped"]["cap"], "events");
    let table = interleave::text::report(&report);
    assert!(table.contains("Stopped by the event cap"), "{table}");
    assert!(table.contains("The speedup is a lower bound."), "{table}");
    // A complete run has neither field.
    let json = serde_json::to_value(super::report("gather")).unwrap();
    assert!(json.get("stopped").is_none() && json.get("baseline_stopped").is_none());
}

#[test]
fn sweeps_flag_capped_points() {
    let points = sweep(&largest(), Parameter::Workers { stage: 1 }, &[1.0]).unwrap();
    let point = &points[0];
    assert!(point.capped());
    // The time reached is below the bound: not a result, and flagged so.
    assert!(point.makespan_ms < point.bound_ms);
    let table = interleave::text::sweep("s1", &points);
    assert!(table.contains("capped"), "{table}");
    assert!(table.contains("≥ "), "{table}");
    let fine = sweep(&raw("gather"), Parameter::Workers { stage: 1 }, &[5.0]).unwrap();
    assert!(!fine[0].capped() && fine[0].stopped.is_none());
}

#[test]
fn trace_bytes_per_event() {
    // 24 bytes an event (32 before the counter index became 16 bits).
    assert_eq!(EVENT_BYTES, 24);
    let run = simulate(&checked(&raw("url-fetch")), Mode::Async);
    let held = run.trace.events.capacity() * EVENT_BYTES;
    let per_event = held as f64 / run.trace.events.len() as f64;
    println!(
        "url-fetch: {} events, {held} bytes of events held, {per_event:.1} bytes per event; \
         at the cap: {} MB",
        run.trace.events.len(),
        MAX_EVENTS * EVENT_BYTES / 1_000_000
    );
    // Doubling leaves at most as much slack as it holds.
    assert!(per_event <= 2.0 * EVENT_BYTES as f64);
}
