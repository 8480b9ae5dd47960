//! The engine: a scenario's pipeline as async Rust, run on an event loop.
//!
//! ```text
//!  source workers ──► queue ──► stage 1 workers ──► queue ──► … ──► last stage ──► done
//!   take items         (cap)     get · steps · put    (cap)
//! ```
//!
//! The `pipeline` module holds the worker tasks, written once against the runtime seam;
//! [`simulate`] runs them in virtual time. A synchronous baseline
//! ([`Mode::Sync`]) runs the same pipeline with every wait made blocking and
//! no loop overhead: the plain program the speedups are measured against.
//!
//! A run that reaches the event cap ([`MAX_EVENTS`]) stops there, with
//! exactly the cap's number of events in its trace; [`Stopped`] says what
//! that means for its figures (complete if every item had finished).

mod pipeline;

pub use pipeline::spawn_pipeline;

use std::fmt;
use std::rc::Rc;

use serde::Serialize;

use crate::format::grouped;
use crate::limits::MAX_EVENTS;
use crate::runtime::virtual_time::{Stop, VirtualClock, drive_for};
use crate::runtime::{Clock, EventLoop};
use crate::scenario::{ResourceKind, Scenario};
use crate::trace::{EventKind, TaskId, TaskState, Trace};

/// How waits behave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// As written: waits yield to the loop.
    #[default]
    Async,
    /// The synchronous baseline: waits block, yields do nothing, no loop overhead.
    Sync,
}

/// A finished run.
#[derive(Clone, Debug)]
pub struct Run {
    /// Everything that happened.
    pub trace: Trace,
    /// How it ended.
    pub outcome: Outcome,
    /// Items in the scenario that ran.
    pub items: usize,
}

impl Run {
    /// Items that left the last stage.
    pub fn items_done(&self) -> usize {
        items_done(&self.trace)
    }

    /// Which cap stopped the run and what that means, if one did.
    pub fn stopped(&self) -> Option<Stopped> {
        Stopped::of(
            &self.outcome,
            self.trace.events.len(),
            self.items_done(),
            self.items,
        )
    }
}

/// Items that left the last stage in `trace`.
pub fn items_done(trace: &Trace) -> usize {
    trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Done { .. }))
        .count()
}

/// The cap that stopped a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cap {
    /// The trace reached [`MAX_EVENTS`] events.
    Events,
}

/// A run stopped by a cap: which one, how far it got, and so what its
/// figures mean. `Display` says it in plain words (serialized as `meaning`
/// beside the fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// The cap that stopped it.
    pub cap: Cap,
    /// The cap's value (events in the trace).
    pub limit: usize,
    /// Items that left the last stage before the stop.
    pub items_done: usize,
    /// Items in the scenario.
    pub items: usize,
    /// Whether every item had finished: then the makespan, latencies and
    /// output are complete, and only the workers' shutdown is missing from
    /// the trace.
    pub figures_complete: bool,
}

impl Stopped {
    /// The stop of a run that ended with `outcome`, having recorded `events`
    /// events, after `items_done` of `items` items (`None` unless a cap
    /// stopped it). The page has these in its stats.
    pub fn of(outcome: &Outcome, events: usize, items_done: usize, items: usize) -> Option<Self> {
        match outcome {
            Outcome::EventLimit => Some(Self {
                cap: Cap::Events,
                limit: events,
                items_done,
                items,
                figures_complete: items_done >= items,
            }),
            Outcome::Completed | Outcome::Deadlock(_) => None,
        }
    }
}

impl Serialize for Stopped {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Stopped", 6)?;
        out.serialize_field("cap", &self.cap)?;
        out.serialize_field("limit", &self.limit)?;
        out.serialize_field("items_done", &self.items_done)?;
        out.serialize_field("items", &self.items)?;
        out.serialize_field("figures_complete", &self.figures_complete)?;
        out.serialize_field("meaning", &self.to_string())?;
        out.end()
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cap = match self.cap {
            Cap::Events => format!("the event cap ({} trace events)", grouped(self.limit)),
        };
        if self.figures_complete {
            write!(
                f,
                "Stopped by {cap} after all {} items had finished: the figures are complete; \
                 only the workers' shutdown is missing from the trace.",
                grouped(self.items)
            )
        } else {
            write!(
                f,
                "Stopped by {cap} after {} of {} items: the makespan is only the time reached, \
                 and the figures cover the items that finished.",
                grouped(self.items_done),
                grouped(self.items)
            )
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "waiting")]
pub enum Outcome {
    /// Every item went through.
    Completed,
    /// Tasks wait on each other forever; these are the waiting tasks.
    Deadlock(Vec<Waiting>),
    /// The trace reached [`MAX_EVENTS`] events and the run was stopped
    /// there; [`Stopped`] says whether every item had finished.
    EventLimit,
}

/// A task stuck in a deadlock, and what it waits on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Waiting {
    /// The task.
    pub task: TaskId,
    /// Its stage's name.
    pub stage: String,
    /// Its worker index in the stage.
    pub worker: u32,
    /// What it waits on, in words.
    pub waits_for: String,
}

/// Runs `scenario` in virtual time: instant, and identical for the same seed.
pub fn simulate(scenario: &Scenario, mode: Mode) -> Run {
    simulate_with_cap(scenario, mode, MAX_EVENTS)
}

/// [`simulate`] with another event cap than [`MAX_EVENTS`] (tests use a
/// small one to reach it cheaply).
pub fn simulate_with_cap(scenario: &Scenario, mode: Mode, max_events: usize) -> Run {
    let mut stepper = Stepper::with_cap(scenario, mode, max_events);
    while !stepper.step(usize::MAX) {}
    stepper.finish(scenario)
}

/// A virtual run that goes on in slices: the page runs a preview a few
/// thousand iterations at a time between frames. Stepped to its end, it
/// gives exactly [`simulate`]'s run.
///
/// ```text
///  Stepper::new(scenario, mode) ──► step(n) … step(n) == true ──► finish() ──► Run
/// ```
pub struct Stepper {
    event_loop: Rc<EventLoop<VirtualClock>>,
    ended: Option<Stop>,
}

impl Stepper {
    /// A run of `scenario` in `mode`, not started yet.
    pub fn new(scenario: &Scenario, mode: Mode) -> Self {
        Self::with_cap(scenario, mode, MAX_EVENTS)
    }

    /// [`Stepper::new`] with another event cap than [`MAX_EVENTS`].
    pub fn with_cap(scenario: &Scenario, mode: Mode, max_events: usize) -> Self {
        let overhead = match mode {
            Mode::Async => scenario.loop_overhead,
            Mode::Sync => 0,
        };
        let event_loop =
            Rc::new(EventLoop::new(VirtualClock::default(), overhead).with_max_events(max_events));
        spawn_pipeline(&event_loop, scenario, mode);
        Self {
            event_loop,
            ended: None,
        }
    }

    /// Runs at most `iterations` more loop iterations; true once the run
    /// has ended (stepping further does nothing).
    pub fn step(&mut self, iterations: usize) -> bool {
        if self.ended.is_none() {
            self.ended = drive_for(&self.event_loop, iterations);
        }
        self.ended.is_some()
    }

    /// Events recorded so far (the progress shown while it runs).
    pub fn events(&self) -> usize {
        self.event_loop.event_count()
    }

    /// Ends the run (stopping it where it is if it had not ended) and
    /// returns it; `scenario` is the one it was made from.
    pub fn finish(self, scenario: &Scenario) -> Run {
        let outcome = match self.ended {
            Some(Stop::EventLimit) => Outcome::EventLimit,
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
