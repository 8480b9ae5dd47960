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
pub fn blocking_blame(trace: &Trace) -> Vec<Blame> {
    let spans = task_spans(trace, trace.end());
    let mut ready: Vec<&Span> = spans
        .iter()
        .filter(|s| s.state == TaskState::Ready)
        .collect();
    ready.sort_by_key(|s| s.start);
    let mut blames: Vec<Blame> = spans
        .iter()
        .filter(|s| s.state == TaskState::Blocked)
        .filter_map(|block| {
            let mut delay = 0;
            let mut tasks = Vec::new();
            for span in ready.iter().take_while(|r| r.start < block.end) {
                let overlap = span
                    .end
                    .min(block.end)
                    .saturating_sub(span.start.max(block.start));
                if overlap > 0 && span.task != block.task {
                    delay += overlap;
                    if !tasks.contains(&span.task) {
                        tasks.push(span.task);
                    }
                }
            }
            (delay > 0).then(|| Blame {
                task: block.task,
                start: block.start,
                duration: block.duration(),
                delayed_tasks: tasks.len() as u32,
                delay,
            })
        })
        .collect();
    blames.sort_by(|a, b| b.delay.cmp(&a.delay).then(a.start.cmp(&b.start)));
    blames
}
