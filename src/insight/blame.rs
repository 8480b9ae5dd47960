//! Blocking blame: which blocking step kept which tasks ready, and how long.
//!
//! While a task blocks, every other task that is ready waits for the loop.
//! Each blocking span is charged the overlap of every other task's ready
//! spans with it; the ranked list answers "who froze everybody?".

use serde::Serialize;

use crate::chart::spans::task_spans;
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
    // Every sort here is of (u64, u64, u64) keys: one sort in the binary.
    let spans = task_spans(trace, trace.end());
    let mut blocks: Vec<(u64, u64, u64)> = spans
        .iter()
        .filter(|s| s.state == TaskState::Blocked)
        .map(|s| (s.start, s.end, u64::from(s.task)))
        .collect();
    blocks.sort_unstable();
    let mut delay = vec![0u64; blocks.len()];
    let mut tasks = vec![0u32; blocks.len()];
    // Ready spans task by task, in time order: a block counts a task once.
    let mut ready: Vec<(u64, u64, u64)> = spans
        .iter()
        .filter(|s| s.state == TaskState::Ready)
        .map(|s| (u64::from(s.task), s.start, s.end))
        .collect();
    ready.sort_unstable();
    let mut counted: Option<(u64, usize)> = None;
    for (task, start, end) in ready {
        let first = blocks.partition_point(|b| b.1 <= start);
        for (index, block) in blocks.iter().enumerate().skip(first) {
            if block.0 >= end {
                break;
            }
            let overlap = end.min(block.1).saturating_sub(start.max(block.0));
            if overlap > 0 && task != block.2 {
                delay[index] += overlap;
                if counted != Some((task, index)) {
                    tasks[index] += 1;
                    counted = Some((task, index));
                }
            }
        }
    }
    // Most delay first, then earliest.
    let mut ranked: Vec<(u64, u64, u64)> = delay
        .iter()
        .enumerate()
        .filter(|(_, d)| **d > 0)
        .map(|(index, &d)| (u64::MAX - d, blocks[index].0, index as u64))
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .map(|(_, _, index)| {
            let (start, end, task) = blocks[index as usize];
            Blame {
                task: task as TaskId,
                start,
                duration: end - start,
                delayed_tasks: tasks[index as usize],
                delay: delay[index as usize],
            }
        })
        .collect()
}
