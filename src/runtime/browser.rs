//! The browser clock: `performance.now()`, at a time scale that can change,
//! and that can be paused.
//!
//! ```text
//!  scenario now = base + (performance.now() − real base) ÷ scale    (playing)
//!               = base                                              (paused)
//!  set_scale / pause / resume / jump_to: rebase, so scenario time never jumps back
//!  block(d)  a real busy-wait of d × scale, capped at MAX_BLOCK_MS: the page freezes
//! ```
//!
//! Timestamps stay in scenario µs, so a live trace reads on the same axis
//! as its preview; `scale` is real ms per scenario ms (0.1 plays one
//! scenario second in 100 ms). [`crate::driver::live`] drives a loop on it.

use std::cell::Cell;

use web_sys::Performance;

use super::Clock;
use crate::limits::MAX_BLOCK_MS;
use crate::time::Micros;

/// A clock over `performance.now()`, slowed or sped up by a time scale.
pub struct BrowserClock {
    performance: Performance,
    origin: f64,
    /// Scenario µs at `real_base`.
    base: Cell<f64>,
    /// Real ms (since `origin`) when `base` was taken.
    real_base: Cell<f64>,
    scale: Cell<f64>,
    paused: Cell<bool>,
    /// Real ms played before the current stretch (paused time excluded).
    played: Cell<f64>,
    capped_blocks: Cell<u32>,
}

impl BrowserClock {
    /// A clock starting now at scenario time 0; `scale` real ms per
    /// scenario ms (anything not positive and finite counts as 1).
    pub fn new(performance: Performance, scale: f64) -> Self {
        let origin = performance.now();
        Self {
            performance,
            origin,
            base: Cell::new(0.0),
            real_base: Cell::new(0.0),
            scale: Cell::new(valid_scale(scale)),
            paused: Cell::new(false),
            played: Cell::new(0.0),
            capped_blocks: Cell::new(0),
        }
    }

    /// Real ms since the start.
    pub fn real_ms(&self) -> f64 {
        self.performance.now() - self.origin
    }

    /// Real ms the clock has been playing (paused time excluded).
    pub fn played_ms(&self) -> f64 {
        if self.paused.get() {
            self.played.get()
        } else {
            self.played.get() + (self.real_ms() - self.real_base.get())
        }
    }

    /// The time scale in use, real ms per scenario ms.
    pub fn scale(&self) -> f64 {
        self.scale.get()
    }

    /// Whether the clock is paused.
    pub fn paused(&self) -> bool {
        self.paused.get()
    }

    /// Real ms from now until scenario time `micros` at the current scale
    /// (negative once it has passed).
    pub fn real_ms_until(&self, micros: Micros) -> f64 {
        (micros as f64 - self.scenario_us()) / 1000.0 * self.scale.get()
    }

    /// A scenario duration in real ms at the current scale.
    pub fn real_ms_of(&self, micros: Micros) -> f64 {
        micros as f64 / 1000.0 * self.scale.get()
    }

    /// Changes the scale from now on; scenario time goes on from where it is.
    pub fn set_scale(&self, scale: f64) {
        self.rebase();
        self.scale.set(valid_scale(scale));
    }

    /// Stops scenario time (until [`Self::resume`]).
    pub fn pause(&self) {
        if !self.paused.get() {
            // Counts the stretch played so far (once: `rebase` adds it).
            self.rebase();
            self.paused.set(true);
        }
    }

    /// Lets scenario time run again from where it was paused.
    pub fn resume(&self) {
        if self.paused.get() {
            self.real_base.set(self.real_ms());
            self.paused.set(false);
        }
    }

    /// Moves scenario time forward to `micros` (a step while paused jumps
    /// to the next timer); never backwards.
    pub fn jump_to(&self, micros: Micros) {
        self.rebase();
        if micros as f64 > self.base.get() {
            self.base.set(micros as f64);
        }
    }

    /// Blocking steps shortened to [`MAX_BLOCK_MS`] so far.
    pub fn capped_blocks(&self) -> u32 {
        self.capped_blocks.get()
    }

    fn scenario_us(&self) -> f64 {
        if self.paused.get() {
            self.base.get()
        } else {
            self.base.get() + (self.real_ms() - self.real_base.get()) / self.scale.get() * 1000.0
        }
    }

    fn rebase(&self) {
        let now = self.scenario_us();
        if !self.paused.get() {
            let real = self.real_ms();
            self.played
                .set(self.played.get() + (real - self.real_base.get()));
            self.real_base.set(real);
        }
        self.base.set(now);
    }
}

fn valid_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    }
}

impl Clock for BrowserClock {
    fn now(&self) -> Micros {
        let micros = self.scenario_us();
        if micros.is_finite() && micros > 0.0 {
            micros as Micros
        } else {
            0
        }
    }

    fn block(&self, duration: Micros) {
        let mut real = self.real_ms_of(duration);
        if real > MAX_BLOCK_MS {
            real = MAX_BLOCK_MS;
            self.capped_blocks.set(self.capped_blocks.get() + 1);
        }
        let until = self.performance.now() + real;
        while self.performance.now() < until {}
        if self.paused.get() {
            // A step while paused: the block still takes its scenario time.
            self.base.set(self.base.get() + duration as f64);
        }
    }
}
