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
/// `until` gets a span up to it. `Done` is not a span.
pub fn task_spans(trace: &Trace, until: Micros) -> Vec<Span> {
    struct Open {
        state: TaskState,
        since: Micros,
        item: Option<ItemId>,
        holding: Option<ItemId>,
    }
    let mut open: Vec<Option<Open>> = (0..trace.tasks.len()).map(|_| None).collect();
    // A span ends at each state change, or at `until`: room for that many,
    // so the vector never doubles (at the caps it holds millions).
    let changes = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::State { .. }))
        .count();
    let mut spans = Vec::with_capacity(changes + trace.tasks.len());
    let close = |spans: &mut Vec<Span>, task: TaskId, open: &Open, end: Micros| {
        if end > open.since && open.state != TaskState::Done {
            spans.push(Span {
                task,
                state: open.state,
                start: open.since,
                end,
                item: open.item.or(open.holding),
            });
        }
    };
    for event in &trace.events {
        match event.kind {
            EventKind::State { task, state, .. } => {
                let Some(slot) = open.get_mut(task as usize) else {
                    continue;
                };
                let holding = slot.as_ref().and_then(|o| o.holding);
                if let Some(previous) = slot.as_ref() {
                    close(&mut spans, task, previous, event.time);
                }
                *slot = Some(Open {
                    state,
                    since: event.time,
                    item: None,
                    holding,
                });
            }
            EventKind::Got { item, task } => {
                if let Some(Some(o)) = open.get_mut(task as usize) {
                    o.holding = Some(item);
                    o.item = Some(item);
                }
            }
            EventKind::Put { item, task } => {
                if let Some(Some(o)) = open.get_mut(task as usize) {
                    o.item = o.item.or(Some(item));
                    o.holding = None;
                }
            }
            _ => {}
        }
    }
    for (task, slot) in open.iter().enumerate() {
        if let Some(o) = slot {
            close(&mut spans, task as TaskId, o, until.max(o.since));
        }
    }
    // A task's spans have distinct starts (empty ones are dropped), so the
    // order is total.
    spans.sort_unstable_by_key(|s| (s.task, s.start));
    spans.shrink_to_fit();
    spans
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
