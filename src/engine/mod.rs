//! The engine: a scenario's pipeline as async Rust, run on an event loop.
//!
//! ```text
//!  source workers ──► queue ──► stage 1 workers ──► queue ──► … ──► last stage ──► done
//!   take items         (cap)     get · steps · put    (cap)
//! ```
//!
//! The `pipeline` module holds the worker tasks, written once against the
//! runtime seam; [`crate::driver`] assembles a run of them on either clock
//! and says how it ended ([`Outcome`]). A synchronous baseline
//! ([`Mode::Sync`]) runs the same pipeline with every wait made blocking and
//! no loop overhead: the plain program the speedups are measured against.
//!
//! A run that reaches the event cap ([`MAX_EVENTS`]) stops there, with
//! exactly the cap's number of events in its trace; a live run also stops
//! when the user presses Stop or at its real-time cap
//! ([`MAX_RUN_MS`]). [`Stopped`] says what that means for its figures
//! (complete if every item had finished).

mod pipeline;

pub use pipeline::spawn_pipeline;

use std::fmt;

use serde::Serialize;

use crate::format::{grouped, micros};
#[cfg(doc)]
use crate::limits::{MAX_EVENTS, MAX_RUN_MS};
use crate::time::Micros;
use crate::trace::{EventKind, TaskId, Trace};

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

    /// What stopped the run early and what that means, if something did.
    pub fn stopped(&self) -> Option<Stopped> {
        Stopped::of(
            &self.outcome,
            self.trace.events.len(),
            self.items_done(),
            self.items,
            self.trace.end(),
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

/// What stopped a run before its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cap {
    /// The trace reached [`MAX_EVENTS`] events.
    Events,
    /// A live run played for [`MAX_RUN_MS`] of real time.
    RunTime,
    /// The user pressed Stop during a live run (not a cap).
    User,
}

/// A run stopped early, by a cap or by the user: what stopped it, how far
/// it got, and so what its figures mean. `Display` says it in plain words
/// (serialized as `meaning` beside the fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// The cap that stopped it.
    pub cap: Cap,
    /// The cap's value: events in the trace, or real ms of a live run
    /// (0 when the user stopped it).
    pub limit: usize,
    /// Scenario time the run had reached, µs.
    pub at: Micros,
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
    /// events, after `items_done` of `items` items, at scenario time `at`
    /// (`None` unless it was stopped early). The page has these in its stats.
    pub fn of(
        outcome: &Outcome,
        events: usize,
        items_done: usize,
        items: usize,
        at: Micros,
    ) -> Option<Self> {
        let (cap, limit) = match outcome {
            Outcome::EventLimit => (Cap::Events, events),
            Outcome::RunCap => (Cap::RunTime, crate::limits::MAX_RUN_MS as usize),
            Outcome::Stopped => (Cap::User, 0),
            Outcome::Completed | Outcome::Deadlock(_) => return None,
        };
        Some(Self {
            cap,
            limit,
            at,
            items_done,
            items,
            figures_complete: items_done >= items,
        })
    }
}

impl Serialize for Stopped {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Stopped", 7)?;
        out.serialize_field("cap", &self.cap)?;
        out.serialize_field("limit", &self.limit)?;
        if self.cap != Cap::Events {
            out.serialize_field("at_ms", &crate::time::ms(self.at))?;
        }
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
            Cap::RunTime => format!(
                "the live run's cap of {} s real time, at {} scenario time,",
                self.limit / 1000,
                micros(self.at)
            ),
            Cap::User => {
                let done = if self.figures_complete {
                    format!("all {} items had finished", grouped(self.items))
                } else {
                    format!(
                        "{} of {} items done; the figures cover only the part that ran",
                        grouped(self.items_done),
                        grouped(self.items)
                    )
                };
                return write!(f, "Stopped by you at {}: {done}.", micros(self.at));
            }
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
    /// A live run reached its real-time cap ([`MAX_RUN_MS`]).
    RunCap,
    /// The user stopped a live run.
    Stopped,
}

impl Outcome {
    /// Whether the run was cut short (a cap or Stop): its trace ends where
    /// it stopped, and [`Stopped`] says what its figures mean.
    pub fn cut_short(&self) -> bool {
        matches!(self, Self::EventLimit | Self::RunCap | Self::Stopped)
    }
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
