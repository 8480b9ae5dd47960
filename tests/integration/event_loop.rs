//! The event-loop rules, one scenario each, with exact times.

use interleave::driver::simulate;
use interleave::engine::{Mode, Outcome};
use interleave::scenario::Scenario;
use interleave::trace::{EventKind, TaskState};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

/// (task, state) of every state change, in order.
fn states(json: &str) -> Vec<(u64, u32, TaskState)> {
    let run = simulate(&scenario(json), Mode::Async);
    run.trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::State { task, state, .. } => Some((e.time, task, state)),
            _ => None,
        })
        .collect()
}

#[test]
fn equal_deadlines_fire_in_creation_order() {
    // Three workers each sleep 1 s: they resume in the order they slept.
    let json = r#"{"version":1,"items":{"count":3},"stages":[
        {"name":"w","workers":3,"steps":[{"wait":{"fixed":1000}}]}]}"#;
    let resumed: Vec<u32> = states(json)
        .into_iter()
        .filter(|&(t, _, s)| t == 1_000_000 && s == TaskState::Running)
        .map(|(_, task, _)| task)
        .collect();
    assert_eq!(resumed, [0, 1, 2]);
}

#[test]
fn timers_due_during_a_block_make_tasks_ready_from_their_deadline() {
    // Worker 0 sleeps 1 s; worker 1 blocks 3 s meanwhile. Worker 0 is ready
    // from 1 s (its deadline) and only runs at 3 s.
    let json = r#"{"version":1,"items":{"count":2},"stages":[
        {"name":"w","workers":2,"steps":[{"wait":{"per_item":[1000,0]}},{"block":{"per_item":[0,3000]}}]}]}"#;
    let all = states(json);
    assert!(all.contains(&(1_000_000, 0, TaskState::Ready)), "{all:?}");
    assert!(all.contains(&(3_000_000, 0, TaskState::Running)), "{all:?}");
    let run = simulate(&scenario(json), Mode::Async);
    let report = interleave::stats::Stats::of(&scenario(json), &run, 0);
    assert_eq!(report.ready_ms, 2_000.0);
    assert_eq!(report.loop_blocked_ms, 3_000.0);
}

#[test]
fn yield_goes_to_the_back_of_the_ready_queue() {
    // Two workers, each: yield, then read the counter after adding.
    let json = r#"{"version":1,"items":{"count":2},"stages":[
        {"name":"w","workers":2,"steps":[{"add":{"counter":"n","amount":1}},"yield",{"read":"n"}]}]}"#;
    let report = interleave::report::Report::run(&scenario(json), Mode::Async);
    // Both add before either reads: the yield let the other one run.
    let seen: Vec<i64> = report.items.iter().map(|i| i.observed["n"]).collect();
    assert_eq!(seen, [2, 2]);
}

#[test]
fn read_await_write_loses_updates() {
    let json = r#"{"version":1,"items":{"count":4},"stages":[
        {"name":"w","workers":4,"steps":[{"increment":{"counter":"n","wait":{"fixed":10}}}]},
        {"name":"check","workers":1,"steps":[{"read":"n"}]}]}"#;
    let asynchronous = interleave::report::Report::run(&scenario(json), Mode::Async);
    assert!(asynchronous.items.iter().all(|i| i.observed["n"] == 1));
    let synchronous = interleave::report::Report::run(&scenario(json), Mode::Sync);
    assert_eq!(synchronous.items.last().unwrap().observed["n"], 4);
}

#[test]
fn full_queue_applies_back_pressure() {
    let json = r#"{"version":1,"items":{"count":4},"stages":[
        {"name":"fast","workers":1},
        {"name":"slow","workers":1,"capacity":1,"steps":[{"wait":{"fixed":100}}]}]}"#;
    let run = simulate(&scenario(json), Mode::Async);
    let waited_for_room = run.trace.events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::State {
                state: TaskState::WaitingRoom,
                ..
            }
        )
    });
    assert!(waited_for_room);
    let max_depth = run
        .trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Depth { depth, .. } => Some(depth),
            _ => None,
        })
        .max();
    assert_eq!(max_depth, Some(1));
    assert_eq!(interleave::stats::makespan(&run), 400_000);
}

#[test]
fn a_lock_never_released_is_reported_as_a_deadlock() {
    let json = r#"{"version":1,"items":{"count":3},
        "resources":[{"name":"db","kind":"lock"}],
        "stages":[{"name":"src","workers":1},
                  {"name":"w","workers":2,"steps":[{"acquire":"db"},{"wait":{"fixed":5}}]}]}"#;
    let run = simulate(&scenario(json), Mode::Async);
    let Outcome::Deadlock(waiting) = run.outcome else {
        panic!("expected a deadlock, got {:?}", run.outcome)
    };
    let described: Vec<String> = waiting
        .iter()
        .map(|w| format!("{} {} {}", w.stage, w.worker, w.waits_for))
        .collect();
    assert_eq!(described, ["w 0 lock \"db\"", "w 1 lock \"db\""]);
}

#[test]
fn loop_overhead_is_charged_per_resume() {
    let json = r#"{"version":1,"items":{"count":1},"loop_overhead_us":100,"stages":[
        {"name":"w","workers":1,"steps":[{"wait":{"fixed":1}}]}]}"#;
    let run = simulate(&scenario(json), Mode::Async);
    // Resume at start (100 µs), wait 1 ms, resume (100 µs), then the loop
    // finds the queue closed in the same step.
    assert_eq!(interleave::stats::makespan(&run), 1_200);
    let sync = simulate(&scenario(json), Mode::Sync);
    assert_eq!(interleave::stats::makespan(&sync), 1_000);
}

#[test]
fn event_limit_stops_a_huge_run() {
    // 16 stages × 32 yields × 10 000 items: over ten million state changes.
    let stage = |name: String| interleave::scenario::RawStage {
        name,
        workers: 4,
        capacity: 0,
        steps: vec![interleave::scenario::RawStep::Yield; 32],
        ordered: false,
    };
    let raw = interleave::scenario::RawScenario {
        version: 1,
        seed: 0,
        items: interleave::scenario::RawItems::Count(10_000),
        loop_overhead_us: 0,
        resources: vec![],
        stages: (0..16).map(|i| stage(format!("s{i}"))).collect(),
    };
    let run = simulate(&raw.validate().unwrap(), Mode::Async);
    assert_eq!(run.outcome, Outcome::EventLimit);
    // The cap holds where events are recorded: exactly the cap, not the
    // 10.9 M events of the iteration that crossed it.
    assert_eq!(run.trace.events.len(), interleave::limits::MAX_EVENTS);
    let stopped = run.stopped().expect("a stop");
    assert!(!stopped.figures_complete && stopped.items_done < 10_000);
}

#[test]
fn an_ordered_stage_restores_input_order_at_a_latency_cost() {
    let json = |ordered: bool| {
        format!(
            r#"{{"version":1,"items":{{"text":"abc"}},"stages":[
            {{"name":"src","workers":1}},
            {{"name":"w","workers":3,"ordered":{ordered},"steps":[{{"wait":{{"per_item":[30,10,20]}}}}]}}]}}"#
        )
    };
    let unordered = interleave::report::Report::run(&scenario(&json(false)), Mode::Async);
    let ordered = interleave::report::Report::run(&scenario(&json(true)), Mode::Async);
    assert_eq!(unordered.output_text(), "bca");
    assert_eq!(ordered.output_text(), "abc");
    let done = |r: &interleave::report::Report| -> Vec<f64> {
        r.items.iter().map(|i| i.done_ms.unwrap()).collect()
    };
    assert_eq!(done(&unordered), [30.0, 10.0, 20.0]);
    assert_eq!(done(&ordered), [30.0, 30.0, 30.0]);
    assert!(ordered.stats.latency.mean_ms > unordered.stats.latency.mean_ms);
    assert_eq!(ordered.items[1].stages[1].buffered_ms, Some(10.0));
}
