//! Blocking blame: which blocking step kept which tasks ready, and how long.
//!
//! While a task blocks, every other task that is ready waits for the loop.
//! Each blocking span is charged the overlap of every other task's ready
//! spans with it; the ranked list answers "who froze everybody?".

use serde::Serialize;

use crate::chart::spans::{Span, task_spans};
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
///
/// Blocking spans never overlap (one task holds the loop at a time), so the
/// blocks a ready span overlaps are found by binary search: the cost grows
/// with the overlaps, not with blocks × ready spans.
pub fn blocking_blame(trace: &Trace) -> Vec<Blame> {
    let spans = task_spans(trace, trace.end());
    let mut blocks: Vec<&Span> = spans
        .iter()
        .filter(|s| s.state == TaskState::Blocked)
        .collect();
    blocks.sort_by_key(|s| s.start);
    let mut delay = vec![0u64; blocks.len()];
    let mut tasks = vec![0u32; blocks.len()];
    // Ready spans task by task, in time order: a block counts a task once.
    let mut ready: Vec<&Span> = spans
        .iter()
        .filter(|s| s.state == TaskState::Ready)
        .collect();
    ready.sort_by_key(|s| (s.task, s.start));
    let mut counted: Option<(TaskId, usize)> = None;
    for span in ready {
        let first = blocks.partition_point(|b| b.end <= span.start);
        for (index, block) in blocks.iter().enumerate().skip(first) {
            if block.start >= span.end {
                break;
            }
            let overlap = span
                .end
                .min(block.end)
                .saturating_sub(span.start.max(block.start));
            if overlap > 0 && span.task != block.task {
                delay[index] += overlap;
                if counted != Some((span.task, index)) {
                    tasks[index] += 1;
                    counted = Some((span.task, index));
                }
            }
        }
    }
    let mut blames: Vec<Blame> = blocks
        .iter()
        .zip(delay.into_iter().zip(tasks))
        .filter(|(_, (delay, _))| *delay > 0)
        .map(|(block, (delay, delayed_tasks))| Blame {
            task: block.task,
            start: block.start,
            duration: block.duration(),
            delayed_tasks,
            delay,
        })
        .collect();
    blames.sort_by(|a, b| b.delay.cmp(&a.delay).then(a.start.cmp(&b.start)));
    blames
}
