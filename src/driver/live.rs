//! The live run: the engine on the page's own event loop (wasm only).
//!
//! ```text
//!  run_live(scenario, scale, expected events, control, on_progress)
//!    loop
//!      Stop asked            → Outcome::Stopped
//!      real > MAX_RUN_MS     → Outcome::RunCap (played, and the page's turns)
//!      speed asked           → clock.set_scale (scenario time goes on from where it is)
//!      paused                → wait a frame; a step runs exactly one loop iteration
//!      run_until(loop, slice < SLICE_MS)   one callback at a time
//!        Yield    → hand the page a fresh task (MessageChannel): paint, clicks
//!                   (scenario time paused meanwhile: the page's time, not the program's)
//!        Idle(t)  → publish progress if the gap is long enough; spin through the
//!                   last SPIN_MS; before that a fresh task and setTimeout(t − now
//!                   − SPIN_MS) from there: a timer armed from a MessageChannel
//!                   task is not nested, so no 4 ms clamp
//!        Stalled  → done (or deadlocked) · Capped → the event cap
//! ```
//!
//! Timers are collected on time (lateness p99 ≤ 2 ms) because nothing the
//! page does lands just before a deadline:
//! - while the loop is busy, the page's turns do not count as scenario
//!   time (a program on its own would have gone straight on): no timer
//!   falls due during one, and the live makespan is the preview's within
//!   1 % on the blocking presets (the turns made it 2–16 % longer);
//! - a blocking step starts only within a slice of the page's last turn
//!   (`EventLoop::gate_blocks`): the turn comes *before* the next block,
//!   not after the last one, so what a block made due runs at once;
//! - from [`QUIET_MS`] before the next deadline until the driver runs
//!   again, the page keeps still ([`LiveControl::quiet`]: the "now" line
//!   does not move, no report goes out), so a frame there costs little;
//! - a report goes out only in a gap that holds its measured cost (script
//!   and the frame that shows it) twice, and the quiet window;
//! - the run's first moment (time 0, up to its first block or the first
//!   item a worker takes: both wait for a turn of the page) is drawn
//!   before its clock starts: the costliest report, the one that mounts
//!   the live chart, lands where no timer can be late;
//! - before the clock starts, a throwaway copy of the run makes the
//!   engine's code hot (for 10 ms) and a few frames go by: V8's
//!   optimizing compile of that code, on another thread, and the mount's
//!   raster no longer compete with the first timers.
//!
//! Progress (the trace so far) is laid out by the page, which costs time
//! on this same thread: it is published in idle gaps longer than its
//! measured cost, so it does not make timers late, and only if stale for
//! long (a run that never idles) between two callbacks. A trace predicted
//! too large to lay out within [`MAX_PUBLISH_MS`] (from the cost per event
//! of the last big report, or an assumed one before it) is no longer
//! published: the chart is drawn at the end, and Stop stays within a frame.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;

use wasm_bindgen_futures::JsFuture;

pub use super::hop::next_task;
use super::{Halt, assemble, ended, run_until};
use crate::engine::{Mode, Outcome};
use crate::limits::{MAX_EVENTS, MAX_RUN_MS};
use crate::runtime::Clock;
use crate::runtime::browser::BrowserClock;
use crate::scenario::Scenario;
use crate::time::Micros;
use crate::trace::Trace;

/// Longest stretch of callbacks before handing the page a task, real ms.
const SLICE_MS: f64 = 8.0;
/// Longest single timer wait, real ms, so Stop is noticed within a frame.
const MAX_WAIT_MS: f64 = 8.0;
/// The last stretch of a wait is spun on rather than slept: a timer (and a
/// paint the page may slip in before it) would make it late. Longer waits
/// sleep until this much before the deadline. Spinning counts toward the
/// slice, so the page still gets its turn every [`SLICE_MS`].
const SPIN_MS: f64 = 3.0;
/// Shortest time between two progress reports, real ms.
const PROGRESS_MS: f64 = 50.0;
/// A report this stale is published between two callbacks, even without
/// an idle gap (and at least 50 times its cost apart), real ms.
const STALE_MS: f64 = 1_000.0;
/// What a report is assumed to cost before the first is measured, real ms
/// (the first mounts the live chart: 23–45 ms measured).
const FIRST_COST_MS: f64 = 40.0;
/// How much of the costliest recent report the estimate keeps per report.
const COST_MEMORY: f64 = 0.75;
/// A report whose trace is predicted to cost more than this to lay out is
/// not sent with it, real ms.
pub const MAX_PUBLISH_MS: f64 = 40.0;
/// A report that did cost more than this, waits for frames included, is
/// the last with a trace until the end, real ms.
const MAX_MEASURED_MS: f64 = 150.0;
/// What a report costs whatever its size (the frame that shows it), ms.
const REPORT_BASE_MS: f64 = 5.0;
/// Reports with fewer events say little of the cost per event (the frame
/// and the page's own work outweigh it).
const MEASURED_FROM_EVENTS: usize = 20_000;
/// What laying out a trace costs per event until a report measures it, ms
/// (a release build in headless Chromium: ~0.05 ms per thousand events for
/// the stats and spans, as much again for the blame and the page).
const PER_EVENT_MS: f64 = 0.000_1;
/// Frames let go by after the run's first moment is drawn and the engine
/// warmed up, before the clock starts (the optimized code and the mount's
/// raster done).
const SETTLE_FRAMES: u32 = 3;
/// Real ms a throwaway copy of the run goes on before the run, time flying.
const WARM_UP_MS: f64 = 10.0;
/// Events a throwaway copy of the run records at most.
const WARM_UP_EVENTS: usize = 100_000;
/// How long a paused run waits before looking at its controls again, real ms.
const PAUSED_POLL_MS: f64 = 16.0;
/// How long before a timer's deadline the page is asked to keep still (no
/// "now" line moved, no report): a frame that redraws the chart takes
/// several ms of this thread, and one begun just before the deadline would
/// make the timer late.
pub const QUIET_MS: f64 = 12.0;

/// What the page asks of a run in progress: Stop, pause, speed, step.
#[derive(Clone, Default)]
pub struct LiveControl(Rc<Asks>);

#[derive(Default)]
struct Asks {
    stop: Cell<bool>,
    paused: Cell<bool>,
    scale: Cell<Option<f64>>,
    steps: Cell<u32>,
    /// `performance.now()` window in which the page should keep still.
    quiet: Cell<(f64, f64)>,
    /// Real ms that were not scenario time though the run was not paused,
    /// so far: the wait before its clock started, the page's turns while
    /// the loop was busy.
    turned: Cell<f64>,
    /// When the wait or turn in progress began (`performance.now()`).
    turn_from: Cell<Option<f64>>,
}

/// A window that is never now.
const NEVER_QUIET: (f64, f64) = (f64::INFINITY, f64::INFINITY);

impl LiveControl {
    /// Asks the run to stop at its next chance (within a slice, a timer
    /// wait or a frame, or after the blocking step in progress).
    pub fn stop(&self) {
        self.0.stop.set(true);
    }

    /// Whether Stop was asked.
    pub fn stopping(&self) -> bool {
        self.0.stop.get()
    }

    /// Pauses (`true`) or resumes the run: scenario time stops meanwhile.
    pub fn set_paused(&self, paused: bool) {
        self.0.paused.set(paused);
    }

    /// Whether the run is (asked to be) paused.
    pub fn paused(&self) -> bool {
        self.0.paused.get()
    }

    /// Changes the time scale from now on (real ms per scenario ms).
    pub fn set_scale(&self, scale: f64) {
        self.0.scale.set(Some(scale));
    }

    /// While paused: runs one more loop iteration.
    pub fn step(&self) {
        self.0.steps.set(self.0.steps.get().saturating_add(1));
    }

    /// The run's own clock at `now` (`performance.now()`), real ms: `now`
    /// less the wait before the clock started and the page's turns while
    /// the loop was busy, which are not scenario time (it stands still
    /// through one). Between two reports, scenario time moves with it at
    /// the run's scale, unless paused.
    pub fn run_clock(&self, now: f64) -> f64 {
        let now = self.0.turn_from.get().map_or(now, |from| from.min(now));
        now - self.0.turned.get()
    }

    /// Whether the page should keep still at `now` (`performance.now()`):
    /// a timer is due within [`QUIET_MS`], and a redraw could make it late.
    pub fn quiet(&self, now: f64) -> bool {
        let (from, until) = self.0.quiet.get();
        from <= now && now < until
    }
}

/// A run in progress, as published to the page.
#[derive(Clone, Debug)]
pub struct LiveProgress {
    /// The trace so far (`None`: too large to lay out while running).
    pub trace: Option<Trace>,
    /// Scenario µs reached.
    pub now: Micros,
    /// Real ms the run took so far (the page's turns included, pauses not).
    pub real_ms: f64,
    /// The run's clock ([`LiveControl::run_clock`]) when `now` was reached.
    pub at: f64,
    /// Real ms per scenario ms now.
    pub scale: f64,
    /// Whether the run is paused.
    pub paused: bool,
}

/// A finished live run.
#[derive(Clone, Debug)]
pub struct LiveRun {
    /// What happened, in scenario µs.
    pub trace: Trace,
    /// How it ended.
    pub outcome: Outcome,
    /// Real ms each timer was collected late (see
    /// [`crate::runtime::EventLoop::take_timer_lateness`]), in firing order.
    pub lateness_ms: Vec<f64>,
    /// Blocking steps shortened to [`crate::limits::MAX_BLOCK_MS`].
    pub capped_blocks: u32,
    /// Real ms the run took (the page's turns included, pauses not).
    pub real_ms: f64,
    /// Scenario µs the clock had reached at the end (past the last event
    /// when the run was stopped while it waited).
    pub reached: Micros,
}

/// When to publish progress, from the cost of the last report.
struct Publisher {
    last: f64,
    cost: f64,
    traces: bool,
    /// When the report in flight started (its cost is known once the
    /// page's effects have run, after the next hop), and the events of its
    /// trace (`None`: no trace; 0: the first, which mounts the live chart).
    pending: Option<(f64, Option<usize>)>,
    /// What laying out a trace costs per event beyond [`REPORT_BASE_MS`],
    /// ms, as the last report of [`MEASURED_FROM_EVENTS`] or more (the
    /// largest so far: traces only grow) measured it, never under a quarter
    /// of [`PER_EVENT_MS`] (a report that waited for no frame can cost less
    /// than the base); [`PER_EVENT_MS`] until one did.
    per_event: Option<f64>,
}

impl Publisher {
    /// The page has had its turn since the report started at `pending`:
    /// the report's whole cost (layout and drawing) is known.
    fn settle(&mut self, now: f64) {
        if let Some((start, events)) = self.pending.take() {
            let cost = now - start;
            // A report's cost varies (a frame that lays out more, a busy
            // machine): the estimate forgets a costly one slowly.
            self.cost = cost.max(self.cost * COST_MEMORY);
            self.last = now;
            if let Some(events) = events.filter(|&e| e >= MEASURED_FROM_EVENTS) {
                let measured = (cost - REPORT_BASE_MS) / events as f64;
                self.per_event = Some(measured.max(PER_EVENT_MS / 4.0));
            }
            // The first report (it mounts the live chart) and frame waits
            // make a cost; only a report far past the prediction stops them.
            if events.is_some_and(|e| e > 0) && cost > MAX_MEASURED_MS {
                self.traces = false;
            }
        }
    }

    /// Whether a report may carry the trace of `events` events: its layout
    /// is predicted (from the cost per event measured so far) to stay within
    /// [`MAX_PUBLISH_MS`]. Once too large, a trace never is again (it only
    /// grows): the chart is drawn at the end.
    fn with_trace(&mut self, events: usize) -> bool {
        let predicted = REPORT_BASE_MS + self.per_event.unwrap_or(PER_EVENT_MS) * events as f64;
        if predicted > MAX_PUBLISH_MS {
            self.traces = false;
        }
        self.traces
    }

    /// Whether a report is due, given `gap` real ms of idle time ahead
    /// (`None`: the loop is busy).
    fn due(&self, now: f64, gap: Option<f64>) -> bool {
        let since = now - self.last;
        match gap {
            // The page paints after the report: a margin beyond its cost,
            // and the frame that shows it done before the quiet window.
            Some(gap) => since >= PROGRESS_MS && gap >= 2.0 * self.cost + 2.0 + QUIET_MS,
            None => since >= STALE_MS.max(50.0 * self.cost),
        }
    }
}

/// Runs `scenario` live on the page's event loop at `scale` real ms per
/// scenario ms, under `control`; `on_progress` receives the run so far.
/// The trace gets room for `expected_events` (the preview's count, about
/// what the live run records) at once: doubling as it grew copied it, up
/// to 60 ms at a time for a run of millions of events.
pub async fn run_live(
    scenario: &Scenario,
    scale: f64,
    expected_events: usize,
    control: LiveControl,
    mut on_progress: impl FnMut(LiveProgress),
) -> LiveRun {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return LiveRun {
            trace: Trace::default(),
            outcome: Outcome::Stopped,
            lateness_ms: Vec::new(),
            capped_blocks: 0,
            real_ms: 0.0,
            reached: 0,
        };
    };
    let page_clock = performance.clone();
    let event_loop = assemble(
        BrowserClock::new(performance, scale),
        scenario,
        Mode::Async,
        MAX_EVENTS,
    );
    event_loop.reserve(expected_events.saturating_add(expected_events / 8));
    // The page's last turn. A block starts only within a slice of one: two
    // blocks never follow each other without a turn between them, even in
    // a step that never yields (35 blocks of an hour freeze the page for
    // one capped block at a time, not 70 s). The turn comes before the next
    // block, not after the last one: what the block made due (a timer, a
    // task it woke) runs at once, as in asyncio.
    let turn_at = Rc::new(Cell::new(f64::NEG_INFINITY));
    event_loop.gate_blocks({
        let turn_at = Rc::clone(&turn_at);
        move |clock: &BrowserClock| clock.real_ms() - turn_at.get() < SLICE_MS
    });
    let clock = event_loop.clock();
    // The page's turns while the loop is busy are not scenario time, but
    // real time the run took: the run cap and the real duration count them
    // (the wait before the clock starts, counted as a turn for the page's
    // "now" line, is not).
    let turns = &control.0.turned;
    let starting = Cell::new(0.0);
    let real_ms = || clock.played_ms() + turns.get() - starting.get();
    // The page's clock for the run stands still from `begin_turn` to
    // `end_turn`, which returns the turn's length.
    let begin_turn = || control.0.turn_from.set(Some(page_clock.now()));
    let end_turn = || {
        let length = control
            .0
            .turn_from
            .take()
            .map_or(0.0, |from| page_clock.now() - from);
        turns.set(turns.get() + length);
        length
    };
    // The page has just had its turn: a new slice starts.
    let turned = || {
        turn_at.set(clock.real_ms());
        clock.real_ms()
    };
    // Real ms of callbacks run since `slice_start`, blocks aside (they are
    // the lesson; the gate gives the page its turn around them).
    let spent = |slice_start: f64| {
        let block_end = clock.real_ms() + clock.real_ms_until(event_loop.last_block_end());
        clock.real_ms() - slice_start.max(block_end)
    };
    let mut lateness_ms = Vec::new();
    let mut collect = |lateness: Vec<Micros>| {
        lateness_ms.extend(lateness.into_iter().map(|late| clock.real_ms_of(late)));
    };
    let mut publisher = Publisher {
        last: f64::NEG_INFINITY,
        cost: FIRST_COST_MS,
        traces: true,
        pending: None,
        per_event: None,
    };
    // Publishes now; the cost is settled after the next hop to the page.
    let mut publish = |publisher: &mut Publisher| {
        let events = event_loop.event_count();
        let traced = publisher.with_trace(events);
        // The first report (none went out before) mounts the chart.
        let counted = if publisher.last.is_finite() {
            events
        } else {
            0
        };
        publisher.pending = Some((clock.real_ms(), traced.then_some(counted)));
        publisher.last = clock.real_ms();
        on_progress(LiveProgress {
            trace: traced.then(|| event_loop.snapshot()),
            now: clock.now(),
            real_ms: real_ms(),
            at: control.run_clock(page_clock.now()),
            scale: clock.scale(),
            paused: control.paused(),
        });
    };
    // Asks the page to keep still from QUIET_MS before `deadline` (µs)
    // until the driver runs callbacks again (even if it wakes late).
    let keep_quiet_until = |deadline: Micros| {
        let due_at = page_clock.now() + clock.real_ms_until(deadline);
        control.0.quiet.set((due_at - QUIET_MS, f64::INFINITY));
    };
    let stop_quiet = || control.0.quiet.set(NEVER_QUIET);
    // The run's first moment (scenario time 0, up to its first block or
    // the first item a worker takes: the gate holds both until the page
    // has had a turn) is shown before its clock starts: the page mounts the live chart and
    // draws the first spans (the costliest report) while no timer can be
    // late. The loop below takes over from wherever this stopped.
    clock.pause();
    run_until(&event_loop, || event_loop.in_iteration());
    begin_turn();
    publish(&mut publisher);
    next_frame().await;
    next_task().await;
    publisher.settle(clock.real_ms());
    // V8 first runs wasm from a quick baseline compile and compiles the
    // functions that turn out hot again, optimized, on another thread:
    // on two cores, that work (and the mount's raster) made the first
    // timers of a run late by 2–6 ms. A throwaway copy of the run makes
    // the engine's code hot now, and a few frames go by before the clock
    // starts.
    warm_up(&page_clock, scenario);
    for _ in 0..SETTLE_FRAMES {
        next_frame().await;
    }
    next_task().await;
    starting.set(end_turn());
    clock.resume();
    let mut slice_start = turned();
    let outcome = loop {
        if control.stopping() {
            break Outcome::Stopped;
        }
        if real_ms() > MAX_RUN_MS {
            break Outcome::RunCap;
        }
        if let Some(scale) = control.0.scale.take() {
            clock.set_scale(scale);
        }
        if control.paused() {
            // No timer is due while paused: the page may move.
            stop_quiet();
            if !clock.paused() {
                clock.pause();
                publish(&mut publisher);
            }
            if control.0.steps.get() == 0 {
                sleep_ms(PAUSED_POLL_MS).await;
                turned();
                publisher.settle(clock.real_ms());
                continue;
            }
            control.0.steps.set(control.0.steps.get() - 1);
            clock.resume();
            // A step runs its whole iteration, blocks and all; the page
            // gets its turn after it.
            turn_at.set(f64::INFINITY);
            let halt = step_iteration(&event_loop);
            turn_at.set(f64::NEG_INFINITY);
            clock.pause();
            collect(event_loop.take_timer_lateness());
            publish(&mut publisher);
            match halt {
                Halt::Stalled => break ended(&event_loop, scenario),
                Halt::Capped => break Outcome::EventLimit,
                Halt::Yield | Halt::Idle(_) => continue,
            }
        }
        if clock.paused() {
            clock.resume();
            slice_start = clock.real_ms();
        }
        let halt = run_until(&event_loop, || spent(slice_start) < SLICE_MS);
        stop_quiet();
        collect(event_loop.take_timer_lateness());
        match halt {
            Halt::Yield => {
                if let Some(deadline) = event_loop.next_deadline() {
                    keep_quiet_until(deadline);
                }
                // The loop is busy: a program on its own would go straight
                // on. The page's turn (a report laid out, a frame, a
                // click) is the page's time, not the scenario's: no timer
                // falls due during it.
                begin_turn();
                clock.pause();
                if publisher.due(clock.real_ms(), None) {
                    publish(&mut publisher);
                }
                next_task().await;
                clock.resume();
                end_turn();
                slice_start = turned();
                publisher.settle(slice_start);
            }
            Halt::Idle(deadline) => {
                if publisher.due(clock.real_ms(), Some(clock.real_ms_until(deadline))) {
                    publish(&mut publisher);
                    // Let the page's effects run and the frame that shows
                    // them be drawn: the report's whole cost.
                    next_frame().await;
                    next_task().await;
                    slice_start = turned();
                    publisher.settle(slice_start);
                }
                let wait = clock.real_ms_until(deadline);
                keep_quiet_until(deadline);
                // Within a timer's resolution (1 ms) of the spin: spin.
                if wait > 0.0 && wait <= SPIN_MS + 1.0 && spent(slice_start) < SLICE_MS {
                    while clock.real_ms_until(deadline) > 0.0 {}
                    continue;
                }
                if wait > 0.0 {
                    next_task().await;
                    let wait = clock.real_ms_until(deadline) - SPIN_MS;
                    if wait > 0.0 {
                        sleep_ms(wait.min(MAX_WAIT_MS)).await;
                    }
                    slice_start = turned();
                }
            }
            Halt::Stalled => break ended(&event_loop, scenario),
            Halt::Capped => break Outcome::EventLimit,
        }
    };
    stop_quiet();
    LiveRun {
        reached: clock.now(),
        real_ms: real_ms(),
        capped_blocks: clock.capped_blocks(),
        trace: event_loop.finish(),
        outcome,
        lateness_ms,
    }
}

/// Runs exactly one loop iteration, jumping the clock to the next timer if
/// nothing is ready (a step while paused).
fn step_iteration(event_loop: &crate::runtime::EventLoop<BrowserClock>) -> Halt {
    let first = run_until(event_loop, || event_loop.in_iteration());
    match first {
        Halt::Idle(deadline) => {
            event_loop.clock().jump_to(deadline);
            run_until(event_loop, || event_loop.in_iteration())
        }
        other => other,
    }
}

/// Runs a throwaway copy of `scenario` for [`WARM_UP_MS`] at a scale that
/// makes its timers due at once and its blocks last no time: the engine's
/// code for a live run is hot (and optimized) before its clock starts. A
/// callback that puts many items, or blocks, stops at its next item or
/// block once the time is up ([`EventLoop::gate_blocks`]).
///
/// [`EventLoop::gate_blocks`]: crate::runtime::EventLoop::gate_blocks
fn warm_up(performance: &web_sys::Performance, scenario: &Scenario) {
    let warm = assemble(
        BrowserClock::new(performance.clone(), 1e-9),
        scenario,
        Mode::Async,
        WARM_UP_EVENTS,
    );
    let more = |clock: &BrowserClock| clock.real_ms() < WARM_UP_MS;
    warm.gate_blocks(more);
    while more(warm.clock())
        && matches!(
            run_until(&warm, || more(warm.clock())),
            Halt::Yield | Halt::Idle(_)
        )
    {}
    // Its tasks hold the loop: finishing drops them (and the trace).
    warm.finish();
}

/// Resolves at the next animation frame (before it is drawn).
async fn next_frame() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(promise).await;
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
