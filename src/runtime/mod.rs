//! The runtime seam: the event loop and its two clocks.
//!
//! ```text
//!                  engine (async Rust: workers, queues, semaphores)
//!                        │ now · sleep · block · yield · spawn
//!                  EventLoop<C: Clock>   ready FIFO · timer heap · trace
//!                 ┌──────┴───────┐
//!        VirtualClock           browser clock (wasm, performance.now)
//!        instant, exact         real timers, busy-wait for block
//! ```
//!
//! The [`EventLoop`] holds the scheduling policy (CPython's `_run_once`), the
//! [`Clock`] only says what time it is and how to hold the thread. Only the
//! loop and the clocks live here; [`crate::driver`] assembles runs and
//! drives the loop one callback at a time, jumping the virtual clock or
//! waiting on real timers between iterations.

#[cfg(target_arch = "wasm32")]
pub mod browser;
mod event_loop;
pub mod sync;
pub mod virtual_time;

pub use event_loop::{Block, EventLoop, Iteration, Sleep};

use crate::time::Micros;

/// What time it is, and how to hold the thread for a while.
pub trait Clock {
    /// The current time, in microseconds since the run started.
    fn now(&self) -> Micros;
    /// Holds the thread for `duration` without yielding (a blocking call).
    fn block(&self, duration: Micros);
}
