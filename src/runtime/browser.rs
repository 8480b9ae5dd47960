//! The browser runtime: the same event loop on the page's real event loop.
//!
//! ```text
//!  EventLoop<BrowserClock>
//!    now()    performance.now() since the start, ÷ time scale
//!    block(d) a real busy-wait: the page freezes for d × scale (capped)
//!  drive_live()
//!    Ran          → run more iterations; every few ms hop to a fresh task
//!                   (MessageChannel) so the page can paint and Stop works
//!    IdleUntil(t) → hop to a fresh task, then setTimeout(t − now) from there:
//!                   a timer armed from a MessageChannel task is not nested,
//!                   so it escapes the 4 ms clamp of chained timeouts
//!    Stalled      → done (or deadlocked)
//! ```
//!
//! Time scale: `scale` real milliseconds per scenario millisecond (0.1 plays
//! one scenario second in 100 ms). Timestamps stay in scenario µs, so a live
//! trace reads on the same axis as its preview.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, Performance};

use super::{Clock, EventLoop, Iteration};
use crate::engine::{Mode, Outcome, ended, spawn_pipeline};
use crate::scenario::Scenario;
use crate::time::Micros;
use crate::trace::Trace;

/// Longest real busy-wait of one blocking step, ms.
pub const MAX_BLOCK_MS: f64 = 2_000.0;
/// Longest live run, real ms.
pub const MAX_RUN_MS: f64 = 60_000.0;
/// Longest stretch of iterations before hopping to a fresh task, real ms.
const SLICE_MS: f64 = 8.0;
/// Longest single timer wait, real ms, so Stop is noticed within a frame.
const MAX_WAIT_MS: f64 = 8.0;
/// How often the trace so far is published for drawing, real ms.
const PROGRESS_MS: f64 = 50.0;

/// A clock over `performance.now()`, slowed or sped up by a time scale.
pub struct BrowserClock {
    performance: Performance,
    origin: f64,
    scale: f64,
    capped_blocks: Cell<u32>,
}

impl BrowserClock {
    /// A clock starting now; `scale` real ms per scenario ms.
    pub fn new(performance: Performance, scale: f64) -> Self {
        let origin = performance.now();
        Self {
            performance,
            origin,
            scale,
            capped_blocks: Cell::new(0),
        }
    }

    /// Real ms since the start.
    pub fn real_ms(&self) -> f64 {
        self.performance.now() - self.origin
    }

    /// Real ms from the start to scenario time `micros`.
    pub fn real_ms_at(&self, micros: Micros) -> f64 {
        micros as f64 / 1000.0 * self.scale
    }
}

impl Clock for BrowserClock {
    fn now(&self) -> Micros {
        let micros = self.real_ms() / self.scale * 1000.0;
        if micros.is_finite() && micros > 0.0 {
            micros as Micros
        } else {
            0
        }
    }

    fn block(&self, duration: Micros) {
        let mut real = self.real_ms_at(duration);
        if real > MAX_BLOCK_MS {
            real = MAX_BLOCK_MS;
            self.capped_blocks.set(self.capped_blocks.get() + 1);
        }
        let until = self.performance.now() + real;
        while self.performance.now() < until {}
    }
}

/// How a live run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveEnd {
    /// Like a virtual run: completed or deadlocked.
    Finished(Outcome),
    /// The user pressed Stop.
    Stopped,
    /// The run reached [`MAX_RUN_MS`] or the event cap.
    Capped,
}

/// A finished live run.
#[derive(Clone, Debug)]
pub struct LiveRun {
    /// What happened, in scenario µs.
    pub trace: Trace,
    /// How it ended.
    pub end: LiveEnd,
    /// Real ms each timer was collected after its deadline, in firing order.
    pub lateness_ms: Vec<f64>,
    /// Blocking steps shortened to [`MAX_BLOCK_MS`].
    pub capped_blocks: u32,
    /// Real duration of the run, ms.
    pub real_ms: f64,
}

/// Lets the page stop a live run and watch it progress.
#[derive(Clone, Default)]
pub struct LiveControl {
    stop: Rc<Cell<bool>>,
    progress: Rc<RefCell<Option<Trace>>>,
}

impl LiveControl {
    /// Asks the run to stop at its next chance (within one slice or timer wait).
    pub fn stop(&self) {
        self.stop.set(true);
    }

    /// Whether stop was asked.
    pub fn stopping(&self) -> bool {
        self.stop.get()
    }

    /// The trace recorded so far, if the run published a newer one.
    pub fn take_progress(&self) -> Option<Trace> {
        self.progress.borrow_mut().take()
    }
}

/// Runs `scenario` live on the page's event loop.
pub async fn run_live(scenario: &Scenario, scale: f64, control: LiveControl) -> LiveRun {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return LiveRun {
            trace: Trace::default(),
            end: LiveEnd::Capped,
            lateness_ms: Vec::new(),
            capped_blocks: 0,
            real_ms: 0.0,
        };
    };
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let event_loop = Rc::new(EventLoop::new(
        BrowserClock::new(performance, scale),
        scenario.loop_overhead,
    ));
    spawn_pipeline(&event_loop, scenario, Mode::Async);
    let mut slice_start = event_loop.clock().real_ms();
    let mut published = f64::NEG_INFINITY;
    let end = loop {
        if control.stopping() {
            break LiveEnd::Stopped;
        }
        let clock = event_loop.clock();
        if clock.real_ms() > MAX_RUN_MS || event_loop.capped() {
            break LiveEnd::Capped;
        }
        if clock.real_ms() - published > PROGRESS_MS {
            control.progress.replace(Some(event_loop.snapshot()));
            published = clock.real_ms();
        }
        match event_loop.run_iteration() {
            Iteration::Ran => {
                if clock.real_ms() - slice_start > SLICE_MS {
                    next_task().await;
                    slice_start = clock.real_ms();
                }
            }
            Iteration::IdleUntil(deadline) => {
                let wait = clock.real_ms_at(deadline) - clock.real_ms();
                if wait > 0.0 {
                    next_task().await;
                    sleep_ms(wait.min(MAX_WAIT_MS)).await;
                    slice_start = clock.real_ms();
                }
            }
            Iteration::Stalled => break LiveEnd::Finished(ended(&event_loop, scenario)),
        }
    };
    let clock = event_loop.clock();
    let lateness_ms = event_loop
        .timer_lateness()
        .into_iter()
        .map(|late| clock.real_ms_at(late))
        .collect();
    LiveRun {
        real_ms: clock.real_ms(),
        capped_blocks: clock.capped_blocks.get(),
        trace: event_loop.finish(),
        end,
        lateness_ms,
    }
}

/// Resolves in a fresh macrotask, posted through a `MessageChannel`.
pub async fn next_task() {
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let promise = Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// Resolves after `ms` real milliseconds (a `setTimeout`).
pub async fn sleep_ms(ms: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.max(0.0) as i32);
    });
    let _ = JsFuture::from(promise).await;
}
