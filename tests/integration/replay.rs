//! Replay: positions by loop iteration, stepping both ways to the same
//! state, and playing by the replay clock.

use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::insight::replay::{Positions, position_line};
use interleave::insight::scrub::state_after;

use super::{checked, raw};

#[test]
fn block_then_await_replays_iteration_by_iteration() {
    let scenario = checked(&raw("block-then-await"));
    let run = simulate(&scenario, Mode::Async);
    let positions = Positions::new(&run.trace);
    assert_eq!(positions.len(), run.trace.iterations.len() + 1);
    // Before the first iteration: five tasks spawned, all ready, none running.
    let start = state_after(&scenario, &run.trace, positions.last_event(0));
    assert_eq!(start.ready.len(), 6);
    assert_eq!(start.holder, None);
    // The end is the whole trace.
    let last = positions.last();
    assert_eq!(positions.last_event(last), Some(run.trace.events.len() - 1));
    assert_eq!(positions.time(last), 15_000_000);
    // Forwards then backwards: the very same state.
    let mut p = 0;
    let mut seen = Vec::new();
    while !positions.at_end(p) {
        seen.push(state_after(&scenario, &run.trace, positions.last_event(p)));
        p = positions.step(p, true);
    }
    for expected in seen.iter().rev() {
        p = positions.step(p, false);
        assert_eq!(
            &state_after(&scenario, &run.trace, positions.last_event(p)),
            expected
        );
    }
    assert_eq!(positions.step(0, false), 0);
    assert_eq!(positions.step(last, true), last);
    assert!(position_line(&positions, 3).starts_with("After loop iteration 3 of "));
    assert!(position_line(&positions, 0).starts_with("Before the first loop iteration"));
}

#[test]
fn playing_follows_the_replay_clock_and_stops_at_the_end() {
    let scenario = checked(&raw("block-then-await"));
    let run = simulate(&scenario, Mode::Async);
    let positions = Positions::new(&run.trace);
    // The first iteration runs all five blocks: it ends at 12.5 s.
    assert_eq!(positions.time(1), 12_500_000);
    // 1 real ms per scenario ms: 2.5 s later it is still under way.
    let (p, clock) = positions.play(0, 0.0, 2_500.0, 1.0);
    assert_eq!((p, clock), (0, 2_500_000.0));
    // Playing shows the last of the iterations at one instant (stepping
    // shows each).
    let (p, clock) = positions.play(p, clock, 10_000.0, 1.0);
    assert_eq!((p, clock), (positions.at(12_500_000), 12_500_000.0));
    assert!(p > 1);
    assert!(positions.time(p + 1) > 12_500_000);
    // Never backwards, never past the end.
    let (q, _) = positions.play(p, 0.0, 0.0, 1.0);
    assert_eq!(q, p);
    let (end, clock) = positions.play(p, clock, 1e9, 1.0);
    assert_eq!((end, clock), (positions.last(), 15_000_000.0));
    // Nonsense speeds do not move it.
    assert_eq!(positions.play(p, 0.0, 10.0, f64::NAN).0, p);
}
