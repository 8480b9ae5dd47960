//! Explanations derived from a run: why it took as long as it did, and why
//! items came out in the order they did.
//!
//! ```text
//!  Scenario + Trace ──► blame     which blocking step kept which tasks ready, how long
//!                   ├─► scrub     the loop's state after any event (running, ready queue,
//!                   │             timers, queue contents, semaphore holders and waiters)
//!                   ├─► replay    the same state, one loop iteration at a time, played or stepped
//!                   ├─► ordering  per stage: order in vs order out, inversions
//!                   ├─► lineage   one item's path: queued vs served vs reordered
//!                   ├─► sentences plain-language findings, each with its number
//!                   └─► describe  all of the above worded for the page
//! ```

pub mod blame;
pub mod describe;
pub mod lineage;
pub mod ordering;
pub mod replay;
pub mod scrub;
pub mod sentences;

use crate::scenario::Scenario;
use crate::trace::{TaskId, Trace};

/// A task's name as the chart labels it: `B·2` is stage B's second worker.
pub fn task_name(scenario: &Scenario, trace: &Trace, task: TaskId) -> String {
    trace
        .tasks
        .get(task as usize)
        .and_then(|info| {
            let stage = scenario.stages.get(info.stage as usize)?;
            Some(format!("{}·{}", stage.name, info.worker + 1))
        })
        .unwrap_or_else(|| format!("task {task}"))
}
