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

mod pipeline;

pub use pipeline::spawn_pipeline;

use std::rc::Rc;

use serde::Serialize;

use crate::limits::MAX_EVENTS;
use crate::runtime::virtual_time::{Stop, VirtualClock, drive};
use crate::runtime::{Clock, EventLoop};
use crate::scenario::{ResourceKind, Scenario};
use crate::trace::{TaskId, TaskState, Trace};

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
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "waiting")]
pub enum Outcome {
    /// Every item went through.
    Completed,
    /// Tasks wait on each other forever; these are the waiting tasks.
    Deadlock(Vec<Waiting>),
    /// The run recorded more than [`MAX_EVENTS`] events and was stopped.
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
    let overhead = match mode {
        Mode::Async => scenario.loop_overhead,
        Mode::Sync => 0,
    };
    let event_loop = Rc::new(EventLoop::new(VirtualClock::default(), overhead));
    spawn_pipeline(&event_loop, scenario, mode);
    let stop = drive(&event_loop, MAX_EVENTS);
    let outcome = match stop {
        Stop::EventLimit => Outcome::EventLimit,
        Stop::Stalled => ended(&event_loop, scenario),
    };
    Run {
        trace: event_loop.finish(),
        outcome,
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
