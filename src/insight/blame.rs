//! Blocking blame: which blocking step kept which tasks ready, and how long.
//!
//! While a task blocks, every other task that is ready waits for the loop.
//! Each blocking span is charged the overlap of every other task's ready
//! spans with it; the ranked list answers "who froze everybody?".

use serde::Serialize;

use crate::spans::task_spans;
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
/// Blocking spans never overlap (one task holds the loop at a time), and a
/// task that is ready stays ready until the loop runs it, so while a block
/// lasts no ready span ends. Hence a block's delay is the integral of the
/// number of ready tasks over it, and the tasks it delayed are the ready
/// spans that overlap it: a sweep over sorted starts and ends, O(n log n)
/// (a 4 000-task run with millions of overlapping pairs takes milliseconds).
pub fn blocking_blame(trace: &Trace) -> Vec<Blame> {
    // Every sort here is of (u64, u64, u64) keys: one sort in the binary.
    let spans = task_spans(trace, trace.end());
    let mut blocks: Vec<(u64, u64, u64)> = spans
        .iter()
        .filter(|s| s.state == TaskState::Blocked)
        .map(|s| (s.start, s.end, u64::from(s.task)))
        .collect();
    blocks.sort_unstable();
    // Ready spans that last: their starts and ends, each sorted; and the
    // changes of the ready count, (time, 1 = one more | 0 = one fewer, 0).
    let ready = spans
        .iter()
        .filter(|s| s.state == TaskState::Ready && s.end > s.start);
    let mut starts: Vec<(u64, u64, u64)> = ready.clone().map(|s| (s.start, 0, 0)).collect();
    let mut ends: Vec<(u64, u64, u64)> = ready.clone().map(|s| (s.end, 0, 0)).collect();
    let mut changes: Vec<(u64, u64, u64)> = ready
        .flat_map(|s| [(s.start, 1, 0), (s.end, 0, 0)])
        .collect();
    starts.sort_unstable();
    ends.sort_unstable();
    changes.sort_unstable();
    let mut next = 0;
    let mut count: u64 = 0;
    let apply = |count: &mut u64, change: (u64, u64, u64)| {
        if change.1 == 1 {
            *count += 1;
        } else {
            *count = count.saturating_sub(1);
        }
    };
    let mut ranked: Vec<(u64, u64, u64)> = Vec::new();
    let mut found: Vec<(u64, u32)> = Vec::with_capacity(blocks.len());
    for (index, &(start, end, _)) in blocks.iter().enumerate() {
        while next < changes.len() && changes[next].0 <= start {
            apply(&mut count, changes[next]);
            next += 1;
        }
        let (mut at, mut delay) = (start, 0);
        while next < changes.len() && changes[next].0 < end {
            delay += count * (changes[next].0 - at);
            at = changes[next].0;
            apply(&mut count, changes[next]);
            next += 1;
        }
        delay += count * (end - at);
        let begun = starts.partition_point(|s| s.0 < end);
        let over = ends.partition_point(|e| e.0 <= start);
        found.push((delay, begun.saturating_sub(over) as u32));
        if delay > 0 {
            // Most delay first, then earliest.
            ranked.push((u64::MAX - delay, start, index as u64));
        }
    }
    ranked.sort_unstable();
    ranked
        .into_iter()
        .map(|(_, _, index)| {
            let (start, end, task) = blocks[index as usize];
            let (delay, delayed_tasks) = found[index as usize];
            Blame {
                task: task as TaskId,
                start,
                duration: end - start,
                delayed_tasks,
                delay,
            }
        })
        .collect()
}
