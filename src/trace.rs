//! The trace: every task state change, item movement and queue depth, in time.
//!
//! The runtime appends events as the loop runs; stats, reports and charts are
//! derived from them afterwards. Times are integer microseconds. Events are
//! appended in the order the loop observed them; each task's own events, and
//! the loop's, never go back in time. (A task whose timer fell due during a
//! blocking step is recorded `Ready` from the timer's deadline: that is the
//! wait blocking caused.)
//!
//! An [`Event`] takes 24 bytes ([`EVENT_BYTES`]); the loop grows the event
//! list by doubling but never past the event cap, so a trace at the cap
//! ([`crate::limits::MAX_EVENTS`]) holds 120 MB of events.

use serde::Serialize;

use crate::time::Micros;

/// Index of a task in [`Trace::tasks`].
pub type TaskId = u32;
/// Index of an item in input order.
pub type ItemId = u32;

/// What a task is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Holds the loop and runs Python-level code.
    Running,
    /// Holds the loop in a blocking call: nothing else can run.
    Blocked,
    /// A non-blocking wait (`await asyncio.sleep`, I/O).
    AwaitingIo,
    /// `get` on an empty queue.
    WaitingItem,
    /// `put` on a full queue: back-pressure.
    WaitingRoom,
    /// Acquiring a semaphore or lock that is taken.
    WaitingResource,
    /// Woken, waiting for the loop to run it.
    Ready,
    /// Finished.
    Done,
}

impl TaskState {
    /// All states, in legend order.
    pub const ALL: [TaskState; 8] = [
        TaskState::Running,
        TaskState::Blocked,
        TaskState::AwaitingIo,
        TaskState::WaitingItem,
        TaskState::WaitingRoom,
        TaskState::WaitingResource,
        TaskState::Ready,
        TaskState::Done,
    ];

    /// Whether the task holds the loop in this state.
    pub fn holds_loop(self) -> bool {
        matches!(self, TaskState::Running | TaskState::Blocked)
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            TaskState::Running => "running",
            TaskState::Blocked => "blocked",
            TaskState::AwaitingIo => "awaiting I/O",
            TaskState::WaitingItem => "waiting for an item",
            TaskState::WaitingRoom => "waiting for room",
            TaskState::WaitingResource => "waiting for a resource",
            TaskState::Ready => "ready",
            TaskState::Done => "done",
        }
    }
}

/// Bytes one [`Event`] takes in a trace (the README's "bytes per event").
pub const EVENT_BYTES: usize = std::mem::size_of::<Event>();

/// One thing that happened, at `time`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// When, in microseconds since the start.
    pub time: Micros,
    /// What.
    pub kind: EventKind,
}

/// The kinds of trace events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A task changed state. `on` names what it waits on: a queue index for
    /// item/room waits, a resource index for resource waits, else 0.
    State {
        /// The task.
        task: TaskId,
        /// Its new state.
        state: TaskState,
        /// Queue or resource index, when waiting on one.
        on: u32,
    },
    /// A source worker took the item: it exists from now on.
    Created {
        /// The item.
        item: ItemId,
        /// The source worker.
        task: TaskId,
    },
    /// A worker of `stage` took the item from its input.
    Got {
        /// The item.
        item: ItemId,
        /// The worker.
        task: TaskId,
    },
    /// A worker handed the item on (to the next queue, or out of the pipeline).
    Put {
        /// The item.
        item: ItemId,
        /// The worker.
        task: TaskId,
    },
    /// A worker of an ordered stage finished the item before an earlier
    /// one: it waits in the stage's reorder buffer until its turn.
    Buffered {
        /// The item.
        item: ItemId,
        /// The worker that finished it.
        task: TaskId,
    },
    /// The item left the last stage.
    Done {
        /// The item.
        item: ItemId,
    },
    /// The depth of queue `queue` (the input of stage `queue + 1`) changed.
    Depth {
        /// Queue index.
        queue: u32,
        /// Items in it now.
        depth: u32,
    },
    /// A task took a permit of a semaphore or lock.
    Acquired {
        /// Resource index.
        resource: u32,
        /// The task.
        task: TaskId,
    },
    /// A task gave a permit back.
    Released {
        /// Resource index.
        resource: u32,
        /// The task.
        task: TaskId,
    },
    /// The item's worker read a shared counter.
    Observed {
        /// The item.
        item: ItemId,
        /// Counter index (at most [`crate::limits::MAX_COUNTERS`]; 16 bits
        /// keep an event at 24 bytes).
        counter: u16,
        /// The value read.
        value: i64,
    },
}

/// Who a task is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TaskInfo {
    /// Stage index.
    pub stage: u32,
    /// Worker index within the stage.
    pub worker: u32,
}

/// A whole run's record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// Every task, by [`TaskId`].
    pub tasks: Vec<TaskInfo>,
    /// Events in the order the loop observed them.
    pub events: Vec<Event>,
    /// Where each loop iteration starts: the index of its first event, in
    /// order (an iteration that recorded nothing still has its entry). Not
    /// part of any export; a replay steps by these.
    pub iterations: Vec<usize>,
}

impl Trace {
    /// Appends an event.
    pub fn push(&mut self, time: Micros, kind: EventKind) {
        self.events.push(Event { time, kind });
    }

    /// The latest time any event carries.
    pub fn end(&self) -> Micros {
        self.events.iter().map(|e| e.time).max().unwrap_or(0)
    }
}

/// What a run's makespan needs of its events, counted as they come: a
/// run that only needs its makespan (the synchronous baseline) keeps this
/// instead of its events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Events counted.
    pub events: usize,
    /// Items done (`Done` events).
    pub done: usize,
    /// When the last item was done.
    pub last_done: Option<Micros>,
    /// The latest time any event carries ([`Trace::end`]).
    pub end: Micros,
}

impl Tally {
    /// The tally of every event of `trace`.
    pub fn of(trace: &Trace) -> Self {
        let mut tally = Self::default();
        for event in &trace.events {
            tally.add(event.time, &event.kind);
        }
        tally
    }

    /// Counts one event.
    pub fn add(&mut self, time: Micros, kind: &EventKind) {
        self.events += 1;
        self.end = self.end.max(time);
        if matches!(kind, EventKind::Done { .. }) {
            self.done += 1;
            self.last_done = self.last_done.max(Some(time));
        }
    }
}
