//! Virtual time: a clock that jumps, so a run is instant and exact.
//!
//! Same scenario and seed ⇒ the same iterations in the same order ⇒ a
//! byte-identical trace on every machine.

use std::cell::Cell;

use super::{Clock, EventLoop, Iteration};
use crate::time::Micros;

/// A clock that only moves when told: by blocking steps, and by the driver
/// jumping to the next timer when the loop is idle.
#[derive(Debug, Default)]
pub struct VirtualClock {
    now: Cell<Micros>,
}

impl VirtualClock {
    /// Moves the clock forward to `time` (never backwards).
    pub fn advance_to(&self, time: Micros) {
        if time > self.now.get() {
            self.now.set(time);
        }
    }
}

impl Clock for VirtualClock {
    fn now(&self) -> Micros {
        self.now.get()
    }

    fn block(&self, duration: Micros) {
        self.now.set(self.now.get().saturating_add(duration));
    }
}

/// How a virtual run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Nothing is ready and no timer is pending.
    Stalled,
    /// The trace reached the loop's event cap ([`EventLoop::capped`]).
    EventLimit,
}

/// Runs at most `iterations` loop iterations, jumping the clock over idle
/// time: `Some` when the loop stalled or reached its event cap, `None` when
/// it can go on. A run driven in slices makes exactly the iterations of a
/// run driven at once (`usize::MAX`).
pub fn drive_for(event_loop: &EventLoop<VirtualClock>, iterations: usize) -> Option<Stop> {
    for _ in 0..iterations {
        match event_loop.run_iteration() {
            Iteration::Ran => {
                if event_loop.capped() {
                    return Some(Stop::EventLimit);
                }
            }
            Iteration::IdleUntil(time) => event_loop.clock().advance_to(time),
            Iteration::Stalled => return Some(Stop::Stalled),
        }
    }
    None
}
