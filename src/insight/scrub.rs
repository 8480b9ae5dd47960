//! The loop's state at any point of a run, for the scrubber.
//!
//! A point is an event index: the state after applying events `0..=index` in
//! the order the loop recorded them. (Event order, not timestamps, because a
//! task woken by a timer that fell due during a block is recorded ready from
//! its deadline, but it only enters the loop's ready queue when the loop gets
//! to collect the timer.) [`Points`] maps a time to the last point at or
//! before it and steps between distinct instants, forwards and backwards.

use serde::Serialize;

use crate::scenario::Scenario;
use crate::time::Micros;
use crate::trace::{EventKind, ItemId, TaskId, TaskState, Trace};

/// Where the scrubber can stop: one per event, with the loop's clock there.
#[derive(Clone, Debug, Default)]
pub struct Points {
    /// For event `i`, the loop's time when it was recorded (never decreasing).
    clock: Vec<Micros>,
}

impl Points {
    /// The points of a trace.
    pub fn new(trace: &Trace) -> Self {
        let mut now = 0;
        let clock = trace
            .events
            .iter()
            .map(|e| {
                now = now.max(e.time);
                now
            })
            .collect();
        Self { clock }
    }

    /// The last event recorded at or before `time` (`None` before the first).
    pub fn at(&self, time: Micros) -> Option<usize> {
        self.clock.partition_point(|&t| t <= time).checked_sub(1)
    }

    /// The loop's time at event `index`.
    pub fn time(&self, index: usize) -> Micros {
        self.clock.get(index).copied().unwrap_or(0)
    }

    /// The next instant after `time` at which something happens.
    pub fn next(&self, time: Micros) -> Option<Micros> {
        let index = self.clock.partition_point(|&t| t <= time);
        self.clock.get(index).copied()
    }

    /// The previous instant before `time` at which something happened.
    pub fn previous(&self, time: Micros) -> Option<Micros> {
        let index = self.clock.partition_point(|&t| t < time);
        index.checked_sub(1).map(|i| self.clock[i])
    }

    /// Where the playhead goes from `playhead` (µs) in a run that ends at
    /// `end` µs. Back goes from the instant shown (the last event at or
    /// before the playhead), not from the playhead itself; `None` when
    /// there is no further instant.
    pub fn step(&self, playhead: Micros, end: Micros, to: Step) -> Option<Micros> {
        match to {
            Step::Start => Some(0),
            Step::Previous => {
                let shown = self.at(playhead).map_or(0, |i| self.time(i));
                Some(self.previous(shown).unwrap_or(0))
            }
            Step::Next => self.next(playhead),
            Step::End => Some(end),
        }
    }

    /// The first and last instants.
    pub fn bounds(&self) -> (Micros, Micros) {
        (
            self.clock.first().copied().unwrap_or(0),
            self.clock.last().copied().unwrap_or(0),
        )
    }
}

/// A move of the playhead between instants where something happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// To the start of the run.
    Start,
    /// To the previous instant.
    Previous,
    /// To the next instant.
    Next,
    /// To the end of the run.
    End,
}

impl Step {
    /// The move a key asks for on the slider: ← ↓ previous, → ↑ next,
    /// Home, End.
    pub fn of_key(key: &str) -> Option<Self> {
        match key {
            "Home" => Some(Self::Start),
            "ArrowLeft" | "ArrowDown" => Some(Self::Previous),
            "ArrowRight" | "ArrowUp" => Some(Self::Next),
            "End" => Some(Self::End),
            _ => None,
        }
    }
}

/// A task waiting on a timer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingTimer {
    /// The task.
    pub task: TaskId,
    /// When its timer falls due (`None`: the trace does not show it yet).
    pub deadline: Option<Micros>,
}

/// A semaphore's or lock's holders and waiters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResourceState {
    /// Tasks holding a permit.
    pub holders: Vec<TaskId>,
    /// Tasks waiting, first in line first.
    pub waiters: Vec<TaskId>,
}

/// Everything the loop knows at one point.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoopState {
    /// The loop's time.
    pub time: Micros,
    /// The task holding the loop (running or blocked), if any.
    pub holder: Option<(TaskId, TaskState)>,
    /// The ready queue, in the order the loop will run it.
    pub ready: Vec<TaskId>,
    /// Sleeping tasks, earliest deadline first.
    pub timers: Vec<PendingTimer>,
    /// Per queue (into stage `n + 1`), its items from head to tail.
    pub queues: Vec<Vec<ItemId>>,
    /// Per resource.
    pub resources: Vec<ResourceState>,
    /// Every task's state and the item it holds.
    pub tasks: Vec<(TaskState, Option<ItemId>)>,
}

/// The loop's state after events `0..=index` (`None`: before any event).
pub fn state_after(scenario: &Scenario, trace: &Trace, index: Option<usize>) -> LoopState {
    let applied = index.map_or(0, |i| (i + 1).min(trace.events.len()));
    let tasks = trace.tasks.len();
    let last_stage = scenario.stages.len().saturating_sub(1);
    let mut states = vec![(TaskState::Ready, None, 0usize, 0u32); tasks];
    let mut queues = vec![Vec::new(); last_stage];
    let mut resources = vec![ResourceState::default(); scenario.resources.len()];
    let stage_of = |task: TaskId| trace.tasks.get(task as usize).map(|t| t.stage as usize);
    for (position, event) in trace.events.iter().take(applied).enumerate() {
        match event.kind {
            EventKind::State { task, state, on } => {
                if let Some(slot) = states.get_mut(task as usize) {
                    slot.0 = state;
                    slot.2 = position;
                    slot.3 = on;
                }
            }
            EventKind::Got { item, task } => {
                if let Some(slot) = states.get_mut(task as usize) {
                    slot.1 = Some(item);
                }
                if let Some(queue) = stage_of(task)
                    .and_then(|s| s.checked_sub(1))
                    .and_then(|q| queues.get_mut(q))
                {
                    queue.retain(|&i| i != item);
                }
            }
            EventKind::Put { item, task } => {
                if let Some(slot) = states.get_mut(task as usize)
                    && slot.1 == Some(item)
                {
                    slot.1 = None;
                }
                if let Some(queue) = stage_of(task).and_then(|s| queues.get_mut(s)) {
                    queue.push(item);
                }
            }
            EventKind::Acquired { resource, task } => {
                if let Some(r) = resources.get_mut(resource as usize) {
                    r.holders.push(task);
                }
            }
            EventKind::Released { resource, task } => {
                if let Some(r) = resources.get_mut(resource as usize)
                    && let Some(at) = r.holders.iter().position(|&t| t == task)
                {
                    r.holders.remove(at);
                }
            }
            _ => {}
        }
    }
    // Tasks in `wanted`, in the order they got there. Keys are (u64, u64,
    // u64) like the other sorts of the insight views: one sort in the binary.
    let by_order = |wanted: TaskState| {
        let mut list: Vec<(u64, u64, u64)> = states
            .iter()
            .enumerate()
            .filter(|(_, s)| s.0 == wanted)
            .map(|(task, s)| (s.2 as u64, task as u64, 0))
            .collect();
        list.sort_unstable();
        list.into_iter()
            .map(|(since, task, _)| (since as usize, task as TaskId))
            .collect::<Vec<_>>()
    };
    for (_, task) in by_order(TaskState::WaitingResource) {
        if let Some(r) = states
            .get(task as usize)
            .and_then(|s| resources.get_mut(s.3 as usize))
        {
            r.waiters.push(task);
        }
    }
    // When each sleeping task is woken: the first `Ready` after it slept,
    // found in one pass over the rest of the trace.
    let sleeping = by_order(TaskState::AwaitingIo);
    let mut since = vec![usize::MAX; tasks];
    for &(position, task) in &sleeping {
        if let Some(slot) = since.get_mut(task as usize) {
            *slot = position;
        }
    }
    let mut woken: Vec<Option<Micros>> = vec![None; tasks];
    let first = sleeping.iter().map(|s| s.0).min().unwrap_or(usize::MAX);
    for (position, event) in trace
        .events
        .iter()
        .enumerate()
        .skip(first.saturating_add(1))
    {
        if let EventKind::State {
            task,
            state: TaskState::Ready,
            ..
        } = event.kind
            && since.get(task as usize).is_some_and(|&s| s < position)
            && let Some(slot) = woken.get_mut(task as usize)
            && slot.is_none()
        {
            *slot = Some(event.time);
        }
    }
    // Earliest deadline first (unknown ones last), then in order of sleeping.
    let mut timers: Vec<(u64, u64, u64)> = sleeping
        .into_iter()
        .map(|(since, task)| {
            let deadline = woken.get(task as usize).copied().flatten();
            (deadline.unwrap_or(u64::MAX), since as u64, u64::from(task))
        })
        .collect();
    timers.sort_unstable();
    let timers: Vec<PendingTimer> = timers
        .into_iter()
        .map(|(deadline, _, task)| PendingTimer {
            task: task as TaskId,
            deadline: (deadline != u64::MAX).then_some(deadline),
        })
        .collect();
    let holder = states
        .iter()
        .enumerate()
        .find(|(_, s)| s.0.holds_loop())
        .map(|(task, s)| (task as TaskId, s.0));
    LoopState {
        time: index.map_or(0, |i| Points::new(trace).time(i)),
        holder,
        ready: by_order(TaskState::Ready)
            .into_iter()
            .map(|(_, task)| task)
            .collect(),
        timers,
        queues,
        resources,
        tasks: states.into_iter().map(|s| (s.0, s.1)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::simulate;
    use crate::engine::Mode;
    use crate::presets::find;

    #[test]
    fn stepping_through_block_then_await() {
        let scenario = find("block-then-await")
            .and_then(|p| p.scenario().ok())
            .expect("a preset");
        let points = Points::new(&simulate(&scenario, Mode::Async).trace);
        let end = 15_000_000;
        let go = |from, key| Step::of_key(key).and_then(|to| points.step(from, end, to));
        assert_eq!(go(7, "Home"), Some(0));
        assert_eq!(go(0, "ArrowRight"), Some(2_500_000));
        assert_eq!(go(2_500_000, "ArrowUp"), Some(5_000_000));
        // From 6 s, back is from the instant shown (5 s): 2.5 s.
        assert_eq!(go(6_000_000, "ArrowLeft"), Some(2_500_000));
        assert_eq!(go(0, "ArrowDown"), Some(0));
        assert_eq!(go(3, "End"), Some(end));
        assert_eq!(go(end, "ArrowRight"), None);
        assert_eq!(Step::of_key("a"), None);
    }
}
