//! Rows of the timeline, top to bottom, and their vertical positions.
//!
//! ```text
//!  ┌ axis ──────────────────────────────┐
//!  │ event loop   ▇▇ ▇▇▇▇ ▇             │  who holds the loop
//!  │ A (1 worker)                        │  stage header
//!  │   A·0        ▇▇░░░░▇▇               │  one lane per task
//!  │ queue → B    ▁▂▃▂▁                  │  depth track
//!  │ B (3 workers) …                     │
//!  │ output       H E L O L · 1 inversion│
//!  └─────────────────────────────────────┘
//! ```

use crate::scenario::Scenario;
use crate::trace::{TaskId, TaskInfo};

/// What a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// The event-loop lane: who holds the loop.
    Loop,
    /// A stage's header.
    Stage(u32),
    /// One task's lane.
    Task(TaskId),
    /// The depth of queue `n` (into stage `n + 1`).
    Queue(u32),
    /// Items in completion order.
    Output,
}

/// A row and where it sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// What it shows.
    pub row: Row,
    /// Its label, drawn left of the plot.
    pub label: String,
    /// Top, px.
    pub y: f64,
    /// Height, px.
    pub height: f64,
}

/// Height of the time axis above the rows, px.
pub const AXIS_HEIGHT: f64 = 22.0;
/// Height of the loop lane, px.
pub const LOOP_HEIGHT: f64 = 16.0;
/// Height of a stage header, px.
pub const HEADER_HEIGHT: f64 = 18.0;
/// Height of a queue-depth track, px.
pub const QUEUE_HEIGHT: f64 = 24.0;
/// Height of the output strip, px.
pub const OUTPUT_HEIGHT: f64 = 26.0;
/// Space below every row, px.
pub const GAP: f64 = 3.0;
/// Task lanes share about this much height before they reach their minimum.
const TASK_AREA: f64 = 420.0;

/// The height of one task lane when there are `tasks` of them: 14 px, less
/// when many tasks share the chart, never under 3 px.
pub fn task_height(tasks: usize) -> f64 {
    (TASK_AREA / tasks.max(1) as f64).clamp(3.0, 14.0)
}

/// Lays the rows out; returns them and the total height.
pub fn lanes(scenario: &Scenario, tasks: &[TaskInfo]) -> (Vec<Lane>, f64) {
    let lane_height = task_height(tasks.len());
    let gap = if lane_height < 8.0 { 1.0 } else { GAP };
    let mut y = AXIS_HEIGHT;
    let mut lanes = Vec::with_capacity(tasks.len() + 2 * scenario.stages.len() + 2);
    let mut push = |row, label: String, height: f64, gap: f64| {
        lanes.push(Lane {
            row,
            label,
            y,
            height,
        });
        y += height + gap;
    };
    push(Row::Loop, "event loop".into(), LOOP_HEIGHT, GAP);
    for (index, stage) in scenario.stages.iter().enumerate() {
        if index > 0 {
            push(
                Row::Queue(index as u32 - 1),
                format!("queue → {}", stage.name),
                QUEUE_HEIGHT,
                GAP,
            );
        }
        let workers = if stage.workers == 1 {
            "1 worker".to_string()
        } else {
            format!("{} workers", stage.workers)
        };
        push(
            Row::Stage(index as u32),
            format!("{} ({workers})", stage.name),
            HEADER_HEIGHT,
            0.0,
        );
        for (task, info) in tasks.iter().enumerate() {
            if info.stage as usize == index {
                push(
                    Row::Task(task as TaskId),
                    format!("{}·{}", stage.name, info.worker + 1),
                    lane_height,
                    gap,
                );
            }
        }
    }
    push(Row::Output, "output".into(), OUTPUT_HEIGHT, 0.0);
    (lanes, y)
}
