//! The driver: one place that assembles a run of the engine, on either clock.
//!
//! ```text
//!  Scenario ──► EventLoop<C> + spawn_pipeline ──► run_until(loop, more?) ──► Halt
//!                                                   │  one callback at a time
//!        simulate (virtual clock)                   │  live::run_live (browser clock, wasm)
//!          Yield    → never asked                   │    Yield    → hand the page a task
//!          Idle(t)  → jump the clock to t           │    Idle(t)  → wait on a real timer
//!          Stalled  → done or deadlock ─────────────┴──  Stalled  → done or deadlock
//!          Capped   → the event cap                      Capped   → the event cap
//!                                                        Stop, pause, speed, step, run cap
//! ```
//!
//! Both runs go through [`run_until`], so they follow the loop's rules the
//! same way; they differ only in what they do when the loop must wait
//! (virtual time jumps, real time sleeps) and in what may interrupt them
//! (nothing, or the page). `runtime` holds only the clocks and the loop.

#[cfg(target_arch = "wasm32")]
mod hop;
#[cfg(target_arch = "wasm32")]
pub mod live;

use std::cell::Cell;
use std::rc::Rc;

use crate::engine::{Mode, Outcome, Run, Waiting, spawn_pipeline};
use crate::limits::MAX_EVENTS;
use crate::runtime::virtual_time::VirtualClock;
use crate::runtime::{Clock, EventLoop, Iteration};
use crate::scenario::{ResourceKind, Scenario};
use crate::stats::makespan_of;
use crate::time::Micros;
use crate::trace::{Tally, TaskState};

/// Why [`run_until`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The caller's `more` said stop for now, or a task waits for a turn
    /// before its blocking step (between two callbacks).
    Yield,
    /// Nothing is ready; the next timer is due at this time.
    Idle(Micros),
    /// Nothing is ready and no timer is pending: the run is over.
    Stalled,
    /// The trace reached the loop's event cap.
    Capped,
}

/// Runs the loop one callback at a time, starting iterations as needed,
/// until it must wait, is over, is capped, or `more()` (asked after each
/// callback) returns `false`, or a task waits for a turn before it blocks
/// ([`EventLoop::gate_blocks`]).
pub fn run_until<C: Clock>(event_loop: &EventLoop<C>, mut more: impl FnMut() -> bool) -> Halt {
    loop {
        if event_loop.capped() {
            return Halt::Capped;
        }
        if !event_loop.in_iteration() {
            match event_loop.start_iteration() {
                Iteration::Ran => {}
                Iteration::IdleUntil(time) => return Halt::Idle(time),
                Iteration::Stalled => return Halt::Stalled,
            }
        }
        event_loop.run_callback();
        if event_loop.capped() {
            return Halt::Capped;
        }
        if event_loop.holding() || !more() {
            return Halt::Yield;
        }
    }
}

/// The loop a run of `scenario` in `mode` uses, on `clock`, with its
/// pipeline spawned.
pub fn assemble<C: Clock + 'static>(
    clock: C,
    scenario: &Scenario,
    mode: Mode,
    max_events: usize,
) -> Rc<EventLoop<C>> {
    let overhead = match mode {
        Mode::Async => scenario.loop_overhead,
        Mode::Sync => 0,
    };
    let event_loop = Rc::new(EventLoop::new(clock, overhead).with_max_events(max_events));
    spawn_pipeline(&event_loop, scenario, mode);
    event_loop
}

/// Runs `scenario` in virtual time: instant, and identical for the same seed.
pub fn simulate(scenario: &Scenario, mode: Mode) -> Run {
    simulate_with_cap(scenario, mode, MAX_EVENTS)
}

/// [`simulate`] with another event cap than [`MAX_EVENTS`] (tests use a
/// small one to reach it cheaply).
pub fn simulate_with_cap(scenario: &Scenario, mode: Mode, max_events: usize) -> Run {
    let event_loop = assemble(VirtualClock::default(), scenario, mode, max_events);
    let outcome = loop {
        match run_until(&event_loop, || true) {
            Halt::Idle(time) => event_loop.clock().advance_to(time),
            Halt::Capped => break Outcome::EventLimit,
            Halt::Stalled => break ended(&event_loop, scenario),
            // `more` never says stop.
            Halt::Yield => {}
        }
    };
    Run {
        trace: event_loop.finish(),
        outcome,
        items: scenario.item_count(),
    }
}

/// A virtual run that goes on in slices: the page runs a preview a few
/// thousand callbacks at a time between frames. Stepped to its end, it
/// gives exactly [`simulate`]'s run (both go through [`run_until`]).
///
/// ```text
///  Stepper::new(scenario, mode) ──► step(n) … step(n) == true ──► finish() ──► Run
/// ```
pub struct Stepper {
    event_loop: Rc<EventLoop<VirtualClock>>,
    /// Blocking steps the current [`Stepper::step`] may still start, and
    /// items it may still take up: a task that blocks through every item,
    /// or puts item after item, without awaiting (one callback, millions
    /// of events) is cut between two blocks or two items.
    blocks_left: Rc<Cell<usize>>,
    ended: Option<Halt>,
}

impl Stepper {
    /// A run of `scenario` in `mode`, not started yet.
    pub fn new(scenario: &Scenario, mode: Mode) -> Self {
        Self::with_cap(scenario, mode, MAX_EVENTS)
    }

    /// [`Stepper::new`] with another event cap than [`MAX_EVENTS`].
    pub fn with_cap(scenario: &Scenario, mode: Mode, max_events: usize) -> Self {
        let event_loop = assemble(VirtualClock::default(), scenario, mode, max_events);
        let blocks_left = Rc::new(Cell::new(0_usize));
        event_loop.gate_blocks({
            let blocks_left = Rc::clone(&blocks_left);
            move |_| {
                let left = blocks_left.get();
                blocks_left.set(left.saturating_sub(1));
                left > 0
            }
        });
        Self {
            event_loop,
            blocks_left,
            ended: None,
        }
    }

    /// Runs at most `work` more callbacks, and starts at most `work` more
    /// blocking steps and items in all (jumping the clock over idle time); true once the run
    /// has ended (stepping further does nothing). The run is the same
    /// however it is cut.
    pub fn step(&mut self, work: usize) -> bool {
        let mut left = work;
        self.blocks_left.set(work);
        while self.ended.is_none() && left > 0 {
            match run_until(&self.event_loop, || {
                left = left.saturating_sub(1);
                left > 0
            }) {
                Halt::Idle(time) => self.event_loop.clock().advance_to(time),
                // Out of blocks and items: the task goes on at the next step.
                Halt::Yield if self.event_loop.holding() => break,
                Halt::Yield => {}
                halt @ (Halt::Stalled | Halt::Capped) => self.ended = Some(halt),
            }
        }
        self.ended.is_some()
    }

    /// The same run counting its events instead of recording them (a
    /// synchronous baseline): [`Stepper::finish_makespan`] gives its
    /// makespan, the same as [`crate::stats::makespan`] of the recorded run
    /// ([`Stepper::finish`] gives a trace without events).
    pub fn count_only(self) -> Self {
        self.event_loop.tally_only();
        self
    }

    /// Makes room for about `events` events at once (see
    /// [`EventLoop::reserve`]).
    pub fn reserve(&self, events: usize) {
        self.event_loop.reserve(events);
    }

    /// Events recorded (or counted) so far (the progress shown while it runs).
    pub fn events(&self) -> usize {
        self.event_loop.event_count()
    }

    /// Ends a run that [counts its events](Stepper::count_only), like
    /// [`Stepper::finish`]: its makespan and how many events it had.
    pub fn finish_makespan(self, scenario: &Scenario) -> (Micros, usize) {
        let counted = self.event_loop.tally();
        let run = self.finish(scenario);
        let tally = counted.unwrap_or_else(|| Tally::of(&run.trace));
        (makespan_of(&tally, &run.outcome, run.items), tally.events)
    }

    /// Ends the run (stopping it where it is if it had not ended) and
    /// returns it; `scenario` is the one it was made from.
    pub fn finish(self, scenario: &Scenario) -> Run {
        let outcome = match self.ended {
            Some(Halt::Capped) => Outcome::EventLimit,
            _ => ended(&self.event_loop, scenario),
        };
        Run {
            trace: self.event_loop.finish(),
            outcome,
            items: scenario.item_count(),
        }
    }
}

/// The outcome of a loop that stalled: done, or deadlocked.
pub fn ended<C: Clock>(event_loop: &EventLoop<C>, scenario: &Scenario) -> Outcome {
    let unfinished = event_loop.unfinished();
    if unfinished.is_empty() {
        return Outcome::Completed;
    }
    let tasks = event_loop.tasks();
    let waiting = unfinished
        .into_iter()
        .filter_map(|(task, state, on)| {
            let info = tasks.get(task as usize)?;
            let stage = scenario.stages.get(info.stage as usize)?;
            Some(Waiting {
                task,
                stage: stage.name.clone(),
                worker: info.worker,
                waits_for: describe_wait(scenario, state, on),
            })
        })
        .collect();
    Outcome::Deadlock(waiting)
}

fn describe_wait(scenario: &Scenario, state: TaskState, on: u32) -> String {
    let stage_name = |queue: u32| {
        scenario
            .stages
            .get(queue as usize + 1)
            .map_or("?", |s| s.name.as_str())
    };
    match state {
        TaskState::WaitingItem => format!("an item on the queue into {}", stage_name(on)),
        TaskState::WaitingRoom => format!("room on the queue into {}", stage_name(on)),
        TaskState::WaitingResource => match scenario.resources.get(on as usize) {
            Some(r) if r.kind == ResourceKind::Lock => format!("lock \"{}\"", r.name),
            Some(r) => format!("semaphore \"{}\"", r.name),
            None => "a resource".into(),
        },
        other => other.label().into(),
    }
}
