//! Virtual time: a clock that jumps, so a run is instant and exact.
//!
//! Same scenario and seed ⇒ the same iterations in the same order ⇒ a
//! byte-identical trace on every machine. [`crate::driver::simulate`]
//! jumps it to the next timer whenever the loop is idle.

use std::cell::Cell;

use super::Clock;
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
