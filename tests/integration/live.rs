//! Live runs, the pure part: cap warnings, the stop outcomes and their
//! wording, status lines, "so far" labels, lateness percentiles, and the
//! one loop-driving function both clocks share.

use std::cell::Cell;
use std::rc::Rc;

use interleave::chart::Timeline;
use interleave::driver::{Halt, assemble, run_until, simulate};
use interleave::engine::{Cap, Mode, Outcome, Stopped};
use interleave::limits::{MAX_EVENTS, MAX_RUN_MS};
use interleave::live::{
    Progress, cap_warning, end_line, finishing_line, percentiles, so_far, status_line,
};
use interleave::runtime::virtual_time::VirtualClock;
use interleave::scenario::Scenario;
use interleave::stats::makespan;
use interleave::trace::TaskState;

use super::{checked, raw};

fn hour_blocks() -> Scenario {
    Scenario::from_json(include_str!("../../e2e/scenarios/hour-blocks.json"))
        .expect("the e2e scenario is valid")
}

#[test]
fn thirty_five_hour_blocks_warn_and_suggest_a_scale_that_fits() {
    let scenario = hour_blocks();
    let run = simulate(&scenario, Mode::Async);
    let timeline = Timeline::new(&scenario, &run.trace, 0);
    let blocks = timeline
        .holders
        .iter()
        .filter(|h| h.state == TaskState::Blocked);
    assert_eq!(blocks.count(), 35);
    let longest = timeline.longest_block;
    assert_eq!(longest, 3_600_000_000);
    let scale = interleave::preview::live_scale(makespan(&run));
    let warning = cap_warning(longest, makespan(&run), scale).expect("a warning");
    assert!(warning.blocks_cut && warning.run_capped);
    let suggested = warning.suggested.expect("a scale fits");
    assert_eq!(suggested, 2e-4);
    // At the suggested scale: a block is 720 ms, the run 25.2 s.
    assert_eq!(cap_warning(longest, makespan(&run), suggested), None);
    let text = warning.to_string();
    assert!(text.contains("is cut at 2 s"), "{text}");
    assert!(text.contains("past the cap of 60 s"), "{text}");
    assert!(text.contains("1 s → 0.2 ms live"), "{text}");
}

#[test]
fn presets_at_their_automatic_scale_fit_the_caps() {
    for id in [
        "hello-workers",
        "tile-downloads",
        "block-then-await",
        "url-fetch",
    ] {
        let scenario = checked(&raw(id));
        let run = simulate(&scenario, Mode::Async);
        let longest = Timeline::new(&scenario, &run.trace, 0).longest_block;
        let scale = interleave::preview::live_scale(makespan(&run));
        assert_eq!(cap_warning(longest, makespan(&run), scale), None, "{id}");
    }
}

#[test]
fn a_stop_by_the_user_is_its_own_outcome() {
    let stopped = Stopped::of(&Outcome::Stopped, 120, 4, 5, 314_000).expect("stopped");
    assert_eq!(stopped.cap, Cap::User);
    assert!(!stopped.figures_complete);
    assert_eq!(
        stopped.to_string(),
        "Stopped by you at 314.00 ms: 4 of 5 items done; the figures cover only the part that ran."
    );
    let json = serde_json::to_value(stopped).expect("serializes");
    assert_eq!(json["cap"], "user");
    assert_eq!(json["items_done"], 4);
    assert_eq!(json["at_ms"], 314.0);
    let line = end_line(&Outcome::Stopped, Some(&stopped), 1234.0);
    assert!(
        line.starts_with("Stopped by you at 314.00 ms: 4 of 5"),
        "{line}"
    );
    assert!(line.ends_with("(1.23 s real time)"), "{line}");
}

#[test]
fn the_run_cap_is_its_own_outcome_and_says_when_all_items_had_finished() {
    let all = Stopped::of(&Outcome::RunCap, 70, 35, 35, 9_000_000).expect("stopped");
    assert_eq!(all.cap, Cap::RunTime);
    assert_eq!(all.limit, MAX_RUN_MS as usize);
    let text = all.to_string();
    assert!(
        text.starts_with("Stopped by the live run's cap of 60 s real time"),
        "{text}"
    );
    assert!(text.contains("after all 35 items had finished"), "{text}");
    let part = Stopped::of(&Outcome::RunCap, 70, 3, 35, 9_000_000).expect("stopped");
    assert!(part.to_string().contains("after 3 of 35 items"));
    // The event cap keeps its wording and JSON (no at_ms).
    let events = Stopped::of(&Outcome::EventLimit, MAX_EVENTS, 1, 2, 5).expect("stopped");
    assert!(
        serde_json::to_value(events)
            .expect("json")
            .get("at_ms")
            .is_none()
    );
    assert_eq!(Stopped::of(&Outcome::Completed, 1, 1, 1, 1), None);
    assert!(Outcome::Stopped.cut_short() && !Outcome::Completed.cut_short());
}

#[test]
fn the_status_gives_scenario_and_real_time() {
    let p = Progress {
        reached: 1_234_000,
        expected: 2_743_000,
        real_ms: 1300.0,
        scale: 1.0,
        paused: false,
    };
    assert_eq!(
        status_line(&p),
        "Running live at 1 s → 1 s live: 1.234 s of about 2.743 s scenario time, 1.30 s real…"
    );
    let paused = status_line(&Progress { paused: true, ..p });
    assert!(paused.starts_with("Paused at"), "{paused}");
    assert!(
        paused.ends_with("Step runs one loop iteration."),
        "{paused}"
    );
    assert_eq!(so_far("Makespan", true), "Makespan so far");
    assert_eq!(so_far("Makespan", false), "Makespan");
}

#[test]
fn percentiles_take_the_nearest_rank() {
    let values: Vec<f64> = (1..=100).map(f64::from).collect();
    assert_eq!(percentiles(&values), (50.0, 99.0));
    assert_eq!(percentiles(&[]), (0.0, 0.0));
    assert_eq!(percentiles(&[f64::NAN, 3.0]), (3.0, 3.0));
}

/// Handing the page the thread between any two callbacks, and before
/// every block, changes nothing: the live driver's slices give the virtual run's
/// trace.
#[test]
fn yielding_between_callbacks_gives_the_same_trace() {
    // A step that hands an item on, then blocks: the getter it woke is
    // scheduled when the step is over, also when the step is held before
    // its block.
    let handed_on = Scenario::from_json(
        r#"{"version":1,"items":{"text":"abcd"},"stages":[
            {"name":"src","workers":1},
            {"name":"w","workers":2,"steps":[{"wait":{"per_item":[30,10,20,5]}},{"block":{"fixed":1}}]},
            {"name":"out","workers":1}]}"#,
    )
    .expect("valid");
    let presets = [
        "hello-workers",
        "block-then-await",
        "semaphore-limit",
        "producer-consumer",
        "file-writes-lock",
    ]
    .map(|id| (id, checked(&raw(id))));
    for (id, scenario) in presets.into_iter().chain([("handed-on", handed_on)]) {
        let whole = simulate(&scenario, Mode::Async);
        let event_loop = assemble(VirtualClock::default(), &scenario, Mode::Async, MAX_EVENTS);
        // The gate says no every other time: a turn before every block.
        let allow = Rc::new(Cell::new(false));
        event_loop.gate_blocks({
            let allow = Rc::clone(&allow);
            move |_| allow.replace(!allow.get())
        });
        let mut yields = 0;
        loop {
            match run_until(&event_loop, || false) {
                Halt::Yield => yields += 1,
                Halt::Idle(t) => event_loop.clock().advance_to(t),
                Halt::Stalled | Halt::Capped => break,
            }
        }
        assert!(yields > 0, "{id}");
        // In virtual time no timer is ever late: blocks are the model's own.
        assert!(
            event_loop.take_timer_lateness().iter().all(|&l| l == 0),
            "{id}"
        );
        assert_eq!(event_loop.finish(), whole.trace, "{id}");
    }
}

#[test]
fn a_run_over_says_how_it_ended_while_its_figures_are_worked_out() {
    assert_eq!(
        finishing_line(&Outcome::Stopped, 1_520_000, 1_234_567),
        "Stopped by you at 1.520 s scenario time: working out the figures of its 1 234 567 events…"
    );
    // The cap it names is the cap.
    let cap = finishing_line(&Outcome::RunCap, 90_000_000, 10);
    assert!(
        cap.starts_with(&format!(
            "Stopped by the live run's cap of {} s real time at 90.000 s",
            MAX_RUN_MS / 1000.0
        )),
        "{cap}"
    );
    assert!(finishing_line(&Outcome::EventLimit, 5, 5).starts_with("Stopped by the event cap at "));
    assert!(finishing_line(&Outcome::Completed, 5, 5).starts_with("Live run finished at "));
}
