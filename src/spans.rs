//! From events to intervals: task state spans, loop holders, queue depths.
//!
//! ```text
//!  State events of task 3:  Ready@0  Running@0  AwaitingIo@0  Ready@2.5  Running@5 …
//!  spans of task 3:         (ready, running: empty)  [0,2.5) I/O  [2.5,5) ready …
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
    walk_spans(trace, until).spans
}

/// The task spans and the loop's holders of `trace` up to `until`
/// ([`SpanWalk`] in one go).
pub fn walk_spans(trace: &Trace, until: Micros) -> Walked {
    let mut walk = SpanWalk::new(trace, until);
    loop {
        if let Some(walked) = walk.step(trace, usize::MAX) {
            return walked;
        }
    }
}

/// What a [`SpanWalk`] finds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Walked {
    /// Every task span, task by task, in time order within a task.
    pub spans: Vec<Span>,
    /// The running and blocked spans (who holds the loop when), in time
    /// order: one task holds the loop at a time, so they end in the order
    /// they start, and the walk closes them in that order.
    pub holders: Vec<Span>,
    /// The longest blocking span.
    pub longest_block: Micros,
}

/// [`task_spans`] and the loop's holders in bounded steps, so a page can
/// work them out between frames, with no sort: each task's spans counted
/// (each task gets a run of places, exactly as many, so the list never
/// doubles: at the caps it holds millions), the places made, the events
/// walked (a task's spans close in time order, each into its task's next
/// place).
pub struct SpanWalk {
    stage: Stage,
    /// Where spans still open at the end of the trace end.
    until: Micros,
    /// The next event to count or walk.
    next: usize,
    /// Each task's current state.
    open: Vec<Option<Open>>,
    /// Each task's state and since when, while counting.
    counting: Vec<Option<(TaskState, Micros)>>,
    /// Each task's next place in `spans` (its spans, while counting).
    fill: Vec<usize>,
    spans: Vec<Span>,
    holders: Vec<Span>,
    longest_block: Micros,
}

/// Where a [`SpanWalk`] is.
enum Stage {
    /// Counting each task's spans, and the holders (this many so far).
    Count(usize),
    /// Making a place for every span (this many in all).
    Place(usize),
    /// Walking the events.
    Walk,
    /// The spans were handed out.
    Done,
}

/// A place in [`SpanWalk::spans`] not filled yet.
const EMPTY: Span = Span {
    task: 0,
    state: TaskState::Done,
    start: 0,
    end: 0,
    item: None,
};

/// A task's current state, since when, and the item it holds.
#[derive(Clone, Copy)]
struct Open {
    state: TaskState,
    since: Micros,
    item: Option<ItemId>,
    holding: Option<ItemId>,
}

impl SpanWalk {
    /// The spans of `trace`, spans still open ending at `until`, not
    /// started.
    pub fn new(trace: &Trace, until: Micros) -> Self {
        Self {
            until,
            stage: Stage::Count(0),
            next: 0,
            open: vec![None; trace.tasks.len()],
            counting: vec![None; trace.tasks.len()],
            fill: vec![0; trace.tasks.len()],
            spans: Vec::new(),
            holders: Vec::new(),
            longest_block: 0,
        }
    }

    /// Counts or walks at most `work` events of `trace` (the same trace
    /// every step), or makes `work` places: the spans once done (once
    /// only: stepping further gives `None`).
    pub fn step(&mut self, trace: &Trace, work: usize) -> Option<Walked> {
        let (events, until) = (&trace.events, self.until);
        match self.stage {
            Stage::Count(mut holding) => {
                let end = self.next.saturating_add(work).min(events.len());
                for event in &events[self.next..end] {
                    if let EventKind::State { task, state, .. } = event.kind
                        && let Some(slot) = self.counting.get_mut(task as usize)
                        && let Some((previous, since)) = slot.replace((state, event.time))
                    {
                        holding += self.count(task, previous, since, event.time);
                    }
                }
                self.next = end;
                if end == events.len() {
                    for task in 0..self.counting.len() {
                        if let Some((state, since)) = self.counting[task] {
                            holding += self.count(task as TaskId, state, since, until.max(since));
                        }
                    }
                    self.counting = Vec::new();
                    let mut total = 0;
                    for count in &mut self.fill {
                        total += std::mem::replace(count, total);
                    }
                    self.spans = Vec::with_capacity(total);
                    self.holders = Vec::with_capacity(holding);
                    self.stage = Stage::Place(total);
                } else {
                    self.stage = Stage::Count(holding);
                }
            }
            Stage::Place(total) => {
                let len = self.spans.len().saturating_add(work).min(total);
                self.spans.resize(len, EMPTY);
                if len == total {
                    self.stage = Stage::Walk;
                    self.next = 0;
                }
            }
            Stage::Walk => {
                let end = self.next.saturating_add(work).min(events.len());
                for event in &events[self.next..end] {
                    self.apply(event.time, event.kind);
                }
                self.next = end;
                if end == events.len() {
                    for task in 0..self.open.len() {
                        if let Some(o) = self.open[task] {
                            self.close(task as TaskId, &o, until.max(o.since));
                        }
                    }
                    self.stage = Stage::Done;
                    return Some(Walked {
                        spans: std::mem::take(&mut self.spans),
                        holders: std::mem::take(&mut self.holders),
                        longest_block: self.longest_block,
                    });
                }
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
                    self.close(task, &previous, time);
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

    /// Counts the span of `task` in `state` from `since` to `end` if it is
    /// one ([`SpanWalk::close`] keeps the same ones); 1 if it holds the loop.
    fn count(&mut self, task: TaskId, state: TaskState, since: Micros, end: Micros) -> usize {
        if !is_span(state, since, end) {
            return 0;
        }
        if let Some(count) = self.fill.get_mut(task as usize) {
            *count += 1;
        }
        usize::from(state.holds_loop())
    }

    /// Ends `open`'s span at `end` into the task's next place (an empty
    /// span, or `Done`, is no span), and into the holders if it held the
    /// loop.
    fn close(&mut self, task: TaskId, open: &Open, end: Micros) {
        if !is_span(open.state, open.since, end) {
            return;
        }
        let span = Span {
            task,
            state: open.state,
            start: open.since,
            end,
            item: open.item.or(open.holding),
        };
        if let Some(place) = self.fill.get_mut(task as usize)
            && let Some(slot) = self.spans.get_mut(*place)
        {
            *slot = span;
            *place += 1;
        }
        if span.state.holds_loop() {
            self.holders.push(span);
        }
        if span.state == TaskState::Blocked {
            self.longest_block = self.longest_block.max(span.duration());
        }
    }
}

/// Whether a task in `state` from `since` to `end` makes a span: not an
/// empty one, and `Done` is none.
fn is_span(state: TaskState, since: Micros, end: Micros) -> bool {
    end > since && state != TaskState::Done
}

/// The depth of each queue over time: `(time, depth)` steps, starting at 0.
/// Several changes at one instant are all kept, so the peak survives.
pub fn queue_depths(trace: &Trace, queues: usize) -> Vec<Vec<(Micros, u32)>> {
    let mut series = vec![vec![(0, 0)]; queues];
    for event in &trace.events {
        add_depth(&mut series, event.time, event.kind);
    }
    series
}

/// Adds a [`EventKind::Depth`] event to its queue's [`queue_depths`] series.
pub fn add_depth(series: &mut [Vec<(Micros, u32)>], time: Micros, kind: EventKind) {
    if let EventKind::Depth { queue, depth } = kind
        && let Some(points) = series.get_mut(queue as usize)
    {
        points.push((time, depth));
    }
}
