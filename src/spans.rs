//! From events to intervals: task state spans, loop holders, queue depths.
//!
//! ```text
//!  State events of task 3:  Ready@0  Running@0  AwaitingIo@0  Ready@2.5  Running@5 …
//!  spans of task 3:         [0,0) ready  [0,0) running  [0,2.5) I/O  [2.5,5) ready …
//! ```
//!
//! Zero-length spans are dropped: nothing can be drawn or hovered there.

use crate::time::Micros;
use crate::trace::{EventKind, ItemId, TaskId, TaskState, Trace};

/// A task in one state for a while.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The task.
    pub task: TaskId,
    /// Its state.
    pub state: TaskState,
    /// Start, inclusive.
    pub start: Micros,
    /// End, exclusive.
    pub end: Micros,
    /// The item the task held during the span, if any.
    pub item: Option<ItemId>,
}

impl Span {
    /// Its length.
    pub fn duration(&self) -> Micros {
        self.end - self.start
    }
}

/// Every non-empty state span of every task; a task still in a state at
/// `until` gets a span up to it. `Done` is not a span. Task by task, in
/// time order within a task ([`SpanWalk`] in one go).
pub fn task_spans(trace: &Trace, until: Micros) -> Vec<Span> {
    let mut walk = SpanWalk::new(trace);
    loop {
        if let Some(spans) = walk.step(trace, until, usize::MAX) {
            return spans;
        }
    }
}

/// [`task_spans`] in bounded steps, so a page can work it out between
/// frames: the state changes counted (room for every span, so the list
/// never doubles: at the caps it holds millions), the events walked, the
/// spans sorted task by task.
pub struct SpanWalk {
    stage: Stage,
    /// The next event to count or walk.
    next: usize,
    /// Each task's current state.
    open: Vec<Option<Open>>,
    spans: Vec<Span>,
}

/// Where a [`SpanWalk`] is.
enum Stage {
    /// Counting state changes (this many so far).
    Count(usize),
    /// Walking the events.
    Walk,
    /// Every span closed: sorting next.
    Sort,
    /// The spans were handed out.
    Done,
}

/// A task's current state, since when, and the item it holds.
#[derive(Clone, Copy)]
struct Open {
    state: TaskState,
    since: Micros,
    item: Option<ItemId>,
    holding: Option<ItemId>,
}

impl SpanWalk {
    /// The spans of `trace`, not started.
    pub fn new(trace: &Trace) -> Self {
        Self {
            stage: Stage::Count(0),
            next: 0,
            open: vec![None; trace.tasks.len()],
            spans: Vec::new(),
        }
    }

    /// Counts or walks at most `work` events of `trace` (the same trace
    /// every step), or sorts: the spans once done, spans still open ending
    /// at `until` (once only: stepping further gives `None`).
    pub fn step(&mut self, trace: &Trace, until: Micros, work: usize) -> Option<Vec<Span>> {
        let events = &trace.events;
        let end = self.next.saturating_add(work).min(events.len());
        match self.stage {
            Stage::Count(changes) => {
                let changes = changes
                    + events[self.next..end]
                        .iter()
                        .filter(|e| matches!(e.kind, EventKind::State { .. }))
                        .count();
                if end == events.len() {
                    // A span ends at each state change, or at `until`.
                    self.spans = Vec::with_capacity(changes + self.open.len());
                    self.stage = Stage::Walk;
                    self.next = 0;
                } else {
                    self.stage = Stage::Count(changes);
                    self.next = end;
                }
            }
            Stage::Walk => {
                for event in &events[self.next..end] {
                    self.apply(event.time, event.kind);
                }
                self.next = end;
                if end == events.len() {
                    for (task, slot) in self.open.iter().enumerate() {
                        if let Some(o) = slot {
                            close(&mut self.spans, task as TaskId, o, until.max(o.since));
                        }
                    }
                    self.stage = Stage::Sort;
                }
            }
            Stage::Sort => {
                let mut spans = std::mem::take(&mut self.spans);
                // A task's spans have distinct starts (empty ones are
                // dropped), so the order is total.
                spans.sort_unstable_by_key(|s| (s.task, s.start));
                spans.shrink_to_fit();
                self.stage = Stage::Done;
                return Some(spans);
            }
            Stage::Done => {}
        }
        None
    }

    /// One event: a state change closes the task's span and opens the next.
    fn apply(&mut self, time: Micros, kind: EventKind) {
        match kind {
            EventKind::State { task, state, .. } => {
                let Some(slot) = self.open.get_mut(task as usize) else {
                    return;
                };
                let previous = slot.replace(Open {
                    state,
                    since: time,
                    item: None,
                    holding: None,
                });
                if let Some(previous) = previous {
                    if let Some(o) = slot.as_mut() {
                        o.holding = previous.holding;
                    }
                    close(&mut self.spans, task, &previous, time);
                }
            }
            EventKind::Got { item, task } => {
                if let Some(Some(o)) = self.open.get_mut(task as usize) {
                    o.holding = Some(item);
                    o.item = Some(item);
                }
            }
            EventKind::Put { item, task } => {
                if let Some(Some(o)) = self.open.get_mut(task as usize) {
                    o.item = o.item.or(Some(item));
                    o.holding = None;
                }
            }
            _ => {}
        }
    }
}

/// Ends `open`'s span at `end` (an empty one, or `Done`, is no span).
fn close(spans: &mut Vec<Span>, task: TaskId, open: &Open, end: Micros) {
    if end > open.since && open.state != TaskState::Done {
        spans.push(Span {
            task,
            state: open.state,
            start: open.since,
            end,
            item: open.item.or(open.holding),
        });
    }
}

/// Who holds the loop when: the running and blocked spans, in time order.
pub fn loop_spans(spans: &[Span]) -> Vec<Span> {
    let holds = |s: &&Span| s.state.holds_loop();
    let mut holders = Vec::with_capacity(spans.iter().filter(holds).count());
    holders.extend(spans.iter().filter(holds).copied());
    // One task holds the loop at a time and a task's spans have distinct
    // starts: (start, task) orders them totally, as a stable sort by start
    // of the task-ordered spans would.
    holders.sort_unstable_by_key(|s| (s.start, s.task));
    holders
}

/// The depth of each queue over time: `(time, depth)` steps, starting at 0.
/// Several changes at one instant are all kept, so the peak survives.
pub fn queue_depths(trace: &Trace, queues: usize) -> Vec<Vec<(Micros, u32)>> {
    let mut series = vec![vec![(0, 0)]; queues];
    for event in &trace.events {
        if let EventKind::Depth { queue, depth } = event.kind
            && let Some(points) = series.get_mut(queue as usize)
        {
            points.push((event.time, depth));
        }
    }
    series
}
