//! Blocking blame: which blocking step kept which tasks ready, and how long.
//!
//! While a task blocks, every other task that is ready waits for the loop.
//! Each blocking span is charged the overlap of every other task's ready
//! spans with it; the ranked list answers "who froze everybody?".
//!
//! ```text
//!  task spans ──► ready spans: starts, ends           each sorted
//!  loop holders (in time order) ──► the blocking ones, swept in that order
//!      against the ready count ──► top-N heap
//!  (BlameJob: each pass in bounded steps, for a page between frames)
//! ```
//!
//! Only what the sweep needs is kept (16 bytes per ready span, room made
//! once) and only the N worst blocks are ranked; the blocks are read where
//! the chart keeps them. At the caps (5 M events, 2.3 M blocking spans)
//! sorting every span needed 450 MB.

use std::collections::BinaryHeap;

use serde::Serialize;

use crate::spans::{Span, walk_spans};
use crate::time::Micros;
use crate::trace::{TaskId, TaskState, Trace};

/// One blocking span and the waiting it caused.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blame {
    /// The blocking task.
    pub task: TaskId,
    /// When the block started, µs.
    pub start: u64,
    /// How long it blocked, µs.
    pub duration: u64,
    /// How many other tasks were ready during it.
    pub delayed_tasks: u32,
    /// Their ready time inside the block, summed, µs.
    pub delay: u64,
}

/// Every blocking span that delayed someone, most harmful first (ties by time).
pub fn blocking_blame(trace: &Trace) -> Vec<Blame> {
    worst_blocks(trace, usize::MAX).0
}

/// The `most` blocking spans that delayed someone most, most harmful first
/// (ties by time), and how many delayed someone in all: [`worst_of`] the
/// trace's [`crate::spans::task_spans`] and loop holders.
pub fn worst_blocks(trace: &Trace, most: usize) -> (Vec<Blame>, usize) {
    let walked = walk_spans(trace, trace.end());
    worst_of(&walked.spans, &walked.holders, most)
}

/// [`worst_blocks`] of a run whose task spans and loop holders up to its
/// trace's end are known ([`BlameJob`] in one go).
pub fn worst_of(task_spans: &[Span], holders: &[Span], most: usize) -> (Vec<Blame>, usize) {
    let mut job = BlameJob::new(most);
    loop {
        if let Some(worst) = job.step(task_spans, holders, usize::MAX) {
            return worst;
        }
    }
}

/// [`worst_blocks`] in bounded steps, so a page can work it out between
/// frames: count, then gather the ready spans from the task spans (the chart's,
/// [`crate::spans::task_spans`]), sort them, sweep the blocking ones among the loop's
/// holders (the chart's too, in time order).
///
/// Blocking spans never overlap (one task holds the loop at a time), and a
/// task that is ready stays ready until the loop runs it, so while a block
/// lasts no ready span ends. Hence a block's delay is the integral of the
/// number of ready tasks over it, and the tasks it delayed are the ready
/// spans that overlap it: a sweep over sorted starts and ends, O(n log n).
pub struct BlameJob {
    most: usize,
    phase: Phase,
}

/// Where a [`BlameJob`] is.
enum Phase {
    /// Counting the ready spans from span `next` (this many so far): the
    /// lists get room for all of them at once, since lists doubling as
    /// they grow would leave the memory they outgrew behind (wasm memory
    /// never shrinks).
    Count { next: usize, ready: usize },
    /// Gathering from span `next`.
    Gather { next: usize, spans: Spans },
    /// Everything gathered: sorting next.
    Sort(Spans),
    /// Sweeping the blocks in time order from holder `next`.
    Sweep {
        spans: Spans,
        next: usize,
        ready: ReadyCount,
        worst: Worst,
    },
    /// The result was handed out.
    Done,
}

impl BlameJob {
    /// The `most` worst blocks of a run, not started.
    pub fn new(most: usize) -> Self {
        Self {
            most,
            phase: Phase::Count { next: 0, ready: 0 },
        }
    }

    /// Goes through at most about `work` of the run's task spans or loop
    /// holders (the same every step, [`walk_spans`] up to the trace's end):
    /// the result once it is done (once only: stepping further gives
    /// `None`).
    pub fn step(
        &mut self,
        task_spans: &[Span],
        holders: &[Span],
        work: usize,
    ) -> Option<(Vec<Blame>, usize)> {
        let is_ready = |span: &&Span| span.state == TaskState::Ready;
        match std::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Count { next, ready } => {
                let until = next.saturating_add(work).min(task_spans.len());
                let ready = ready + task_spans[next..until].iter().filter(is_ready).count();
                self.phase = if until == task_spans.len() {
                    let spans = Spans {
                        starts: Vec::with_capacity(ready),
                        ends: Vec::with_capacity(ready),
                    };
                    Phase::Gather { next: 0, spans }
                } else {
                    Phase::Count { next: until, ready }
                };
            }
            Phase::Gather { next, mut spans } => {
                let until = next.saturating_add(work).min(task_spans.len());
                for span in task_spans[next..until].iter().filter(is_ready) {
                    spans.starts.push(span.start);
                    spans.ends.push(span.end);
                }
                self.phase = if until == task_spans.len() {
                    Phase::Sort(spans)
                } else {
                    Phase::Gather { next: until, spans }
                };
            }
            Phase::Sort(mut spans) => {
                spans.starts.sort_unstable();
                spans.ends.sort_unstable();
                self.phase = Phase::Sweep {
                    spans,
                    next: 0,
                    ready: ReadyCount::default(),
                    worst: Worst::new(self.most),
                };
            }
            Phase::Sweep {
                spans,
                next,
                mut ready,
                mut worst,
            } => {
                let until = next.saturating_add(work).min(holders.len());
                for block in &holders[next..until] {
                    if block.state == TaskState::Blocked {
                        worst.add(spans.blame(&mut ready, block.start, block.end, block.task));
                    }
                }
                if until == holders.len() {
                    return Some(worst.finish());
                }
                self.phase = Phase::Sweep {
                    spans,
                    next: until,
                    ready,
                    worst,
                };
            }
            Phase::Done => {}
        }
        None
    }
}

/// What [`BlameJob`] reads of the task spans: the starts and ends of the
/// ready spans.
struct Spans {
    starts: Vec<Micros>,
    ends: Vec<Micros>,
}

impl Spans {
    /// The blame of block `[start, end)` of `task`, the ready count walked
    /// up to it (blocks come in time order).
    fn blame(&self, ready: &mut ReadyCount, start: Micros, end: Micros, task: TaskId) -> Blame {
        while ready.next_time(self).is_some_and(|t| t <= start) {
            ready.apply(self);
        }
        let (mut at, mut delay) = (start, 0);
        while let Some(time) = ready.next_time(self).filter(|&t| t < end) {
            delay += ready.count * (time - at);
            at = time;
            ready.apply(self);
        }
        delay += ready.count * (end - at);
        let begun = self.starts.partition_point(|&s| s < end);
        let over = self.ends.partition_point(|&e| e <= start);
        Blame {
            task,
            start,
            duration: end - start,
            delayed_tasks: begun.saturating_sub(over) as u32,
            delay,
        }
    }
}

/// The number of ready tasks over time, walked forward: it changes at
/// each sorted start (+1) and end (−1), ends first at one instant.
#[derive(Default)]
struct ReadyCount {
    next_start: usize,
    next_end: usize,
    count: u64,
}

impl ReadyCount {
    /// When the count changes next.
    fn next_time(&self, spans: &Spans) -> Option<Micros> {
        let start = spans.starts.get(self.next_start).copied();
        let end = spans.ends.get(self.next_end).copied();
        start.into_iter().chain(end).min()
    }

    /// Applies the next change.
    fn apply(&mut self, spans: &Spans) {
        let start = spans.starts.get(self.next_start).copied();
        let end = spans.ends.get(self.next_end).copied();
        match (end, start) {
            (Some(end), Some(start)) if start < end => self.begin(),
            (Some(_), _) => {
                self.next_end += 1;
                self.count = self.count.saturating_sub(1);
            }
            (None, Some(_)) => self.begin(),
            (None, None) => {}
        }
    }

    fn begin(&mut self) {
        self.next_start += 1;
        self.count += 1;
    }
}

/// The `most` most harmful blocks seen, and how many delayed someone.
struct Worst {
    /// Least key = most harmful: most delay, then earliest start, end and
    /// task (a total order, so ties rank the same every time). A max-heap:
    /// the least harmful kept is on top, dropped first.
    heap: BinaryHeap<(u64, Micros, Micros, TaskId, u32)>,
    most: usize,
    count: usize,
}

impl Worst {
    fn new(most: usize) -> Self {
        Self {
            heap: BinaryHeap::new(),
            most,
            count: 0,
        }
    }

    fn add(&mut self, blame: Blame) {
        if blame.delay == 0 {
            return;
        }
        self.count += 1;
        let key = (
            u64::MAX - blame.delay,
            blame.start,
            blame.start + blame.duration,
            blame.task,
            blame.delayed_tasks,
        );
        if self.heap.len() == self.most && self.heap.peek().is_some_and(|top| key >= *top) {
            return; // no worse than the least harmful kept
        }
        self.heap.push(key);
        if self.heap.len() > self.most {
            self.heap.pop();
        }
    }

    fn finish(self) -> (Vec<Blame>, usize) {
        let blames = self
            .heap
            .into_sorted_vec()
            .into_iter()
            .map(|(key, start, end, task, delayed_tasks)| Blame {
                task,
                start,
                duration: end - start,
                delayed_tasks,
                delay: u64::MAX - key,
            })
            .collect();
        (blames, self.count)
    }
}
