//! Timeline geometry: everything the chart draws, in pixels, with no DOM.
//!
//! ```text
//!  Scenario + Trace ──► Timeline (spans, loop holders, depths, output, lanes)
//!                          │  + Scale (viewport → px)
//!                          ▼
//!      page (canvas): raster::Frame (visible lanes, one state per device column)
//!                     ──► pixels (the spans layer, pattern tiles copied row by row)
//!      exports (SVG): geometry ──► paths (one SVG path per state) · strip
//!      both: hit test (interact), ticks and labels (scale), output marks (strip)
//! ```
//!
//! The UI only hands these numbers to the canvas; every number is computed
//! here and tested natively.

pub mod geometry;
pub mod interact;
pub mod layout;
pub mod legend;
pub mod paths;
pub mod pixels;
pub mod raster;
pub mod scale;
pub mod strip;

pub use crate::spans::Span;
pub use layout::{Lane, Row};
pub use paths::{StatePaths, item_path, state_paths};
pub use scale::{Scale, Tick, Viewport, ticks, time_label};

use crate::scenario::Scenario;
use crate::spans::{Walked, queue_depths, walk_spans};
use crate::stats::{inversions, item_records};
use crate::time::Micros;
use crate::trace::{ItemId, TaskInfo, TaskState, Trace};

/// Narrowest rectangle drawn, px: thinner spans are widened to stay visible.
pub const MIN_RECT_WIDTH: f64 = 0.5;

/// A run laid out for drawing.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// Every task state span, task by task, in time order within a task.
    pub spans: Vec<Span>,
    /// Running and blocked spans, in time order: the loop lane.
    pub holders: Vec<Span>,
    /// Per queue, its depth over time.
    pub depths: Vec<Vec<(Micros, u32)>>,
    /// Item ids in completion order.
    pub output: Vec<ItemId>,
    /// Item labels, by id.
    pub labels: Vec<String>,
    /// Inversions in the output.
    pub inversions: u64,
    /// Time of the last event (or of `until`).
    pub end: Micros,
    /// The longest blocking step.
    pub longest_block: Micros,
    /// Rows, top to bottom.
    pub lanes: Vec<Lane>,
    /// Total height, px.
    pub height: f64,
    /// Lane index of each task.
    task_lane: Vec<usize>,
}

/// What a [`Timeline`] is laid out from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    /// Where the spans end: the trace's end, or later for a run in progress.
    pub end: Micros,
    /// The task spans and the loop's holders up to `end`.
    pub walked: Walked,
    /// Item ids in completion order.
    pub output: Vec<ItemId>,
    /// Per queue, its depth over time ([`queue_depths`]).
    pub depths: Vec<Vec<(Micros, u32)>>,
}

/// A span as a rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left, px.
    pub x: f64,
    /// Top, px.
    pub y: f64,
    /// Width, px.
    pub width: f64,
    /// Height, px.
    pub height: f64,
    /// The state it shows.
    pub state: TaskState,
    /// Index into [`Timeline::spans`] (task lanes) or [`Timeline::holders`] (loop lane).
    pub span: usize,
    /// Whether it sits in the loop lane.
    pub in_loop_lane: bool,
}

/// An item's box in the output strip.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputMark {
    /// Left, px.
    pub x: f64,
    /// Width, px.
    pub width: f64,
    /// The item.
    pub item: ItemId,
    /// Its label.
    pub label: String,
    /// Hue (degrees) from its input position: in-order output is a smooth rainbow.
    pub hue: f64,
}

impl Timeline {
    /// Lays out `trace` of `scenario`, with spans still open drawn up to `until`.
    pub fn new(scenario: &Scenario, trace: &Trace, until: Micros) -> Self {
        let end = trace.end().max(until);
        let (_, output) = item_records(scenario, trace);
        let queues = scenario.stages.len().saturating_sub(1);
        let parts = Parts {
            end,
            walked: walk_spans(trace, end),
            output,
            depths: queue_depths(trace, queues),
        };
        Self::of_parts(scenario, &trace.tasks, parts)
    }

    /// Lays out a run of `scenario` with `tasks` from its parts, worked out
    /// beforehand (in steps, by a preview job).
    pub fn of_parts(scenario: &Scenario, tasks: &[TaskInfo], parts: Parts) -> Self {
        let Parts {
            end,
            walked:
                Walked {
                    spans,
                    holders,
                    longest_block,
                },
            output,
            depths,
        } = parts;
        let (lanes, height) = layout::lanes(scenario, tasks);
        let mut task_lane = vec![0; tasks.len()];
        for (index, lane) in lanes.iter().enumerate() {
            if let Row::Task(task) = lane.row
                && let Some(slot) = task_lane.get_mut(task as usize)
            {
                *slot = index;
            }
        }
        Self {
            inversions: inversions(&output),
            spans,
            holders,
            depths,
            output,
            labels: scenario.labels.clone(),
            end,
            longest_block,
            lanes,
            height,
            task_lane,
        }
    }

    /// The lane of a row, if the chart has it.
    pub fn lane(&self, row: Row) -> Option<&Lane> {
        match row {
            Row::Task(task) => self.lanes.get(*self.task_lane.get(task as usize)?),
            _ => self.lanes.iter().find(|lane| lane.row == row),
        }
    }

    /// The spans of `task`, in time order.
    pub fn spans_of(&self, task: crate::trace::TaskId) -> &[Span] {
        let first = self.spans.partition_point(|s| s.task < task);
        let last = self.spans.partition_point(|s| s.task <= task);
        &self.spans[first..last]
    }

    /// Rectangles of the spans visible through `scale`: task lanes, then the loop lane.
    pub fn rects(&self, scale: &Scale) -> Vec<Rect> {
        let mut rects = Vec::new();
        let mut add = |span: &Span, index: usize, lane: &Lane, in_loop_lane: bool| {
            if (span.end as f64) < scale.start || (span.start as f64) > scale.end {
                return;
            }
            let left = scale.x(span.start as f64).max(scale.left);
            let right = scale.x(span.end as f64).min(scale.right);
            rects.push(Rect {
                x: left,
                y: lane.y,
                width: (right - left).max(MIN_RECT_WIDTH),
                height: lane.height,
                state: span.state,
                span: index,
                in_loop_lane,
            });
        };
        for (index, span) in self.spans.iter().enumerate() {
            if let Some(lane) = self.lane(Row::Task(span.task)) {
                add(span, index, lane, false);
            }
        }
        if let Some(lane) = self.lane(Row::Loop) {
            for (index, span) in self.holders.iter().enumerate() {
                add(span, index, lane, true);
            }
        }
        rects
    }

    /// The x-ranges where the loop is blocked, to shade across all lanes.
    pub fn blocked_bands(&self, scale: &Scale) -> Vec<(f64, f64)> {
        self.holders
            .iter()
            .filter(|s| s.state == TaskState::Blocked)
            .filter(|s| (s.end as f64) >= scale.start && (s.start as f64) <= scale.end)
            .map(|s| {
                let left = scale.x(s.start as f64).max(scale.left);
                let right = scale.x(s.end as f64).min(scale.right);
                (left, (right - left).max(MIN_RECT_WIDTH))
            })
            .collect()
    }

    /// An SVG path (`d`) per queue: its depth as a step line in its track,
    /// scaled to the deepest the queue got.
    pub fn depth_paths(&self, scale: &Scale) -> Vec<(u32, String, u32)> {
        self.depths
            .iter()
            .enumerate()
            .filter_map(|(queue, points)| {
                let lane = self.lane(Row::Queue(queue as u32))?;
                let max = points.iter().map(|p| p.1).max().unwrap_or(0).max(1);
                let y =
                    |depth: u32| lane.y + lane.height - (depth as f64 / max as f64) * lane.height;
                let mut path = format!("M{:.1},{:.1}", scale.left, y(0));
                let mut last = 0;
                for &(time, depth) in points {
                    let x = scale.x(time as f64).clamp(scale.left, scale.right);
                    path.push('H');
                    paths::push_fixed(&mut path, x, 1);
                    path.push('V');
                    paths::push_fixed(&mut path, y(depth), 1);
                    last = depth;
                }
                let end = scale.x(self.end as f64).clamp(scale.left, scale.right);
                path.push_str(&format!("H{end:.1}V{:.1}", y(last)));
                Some((queue as u32, path, max))
            })
            .collect()
    }

    /// Boxes of the output strip, spread over `[left, right]`.
    pub fn output_marks(&self, left: f64, right: f64) -> Vec<OutputMark> {
        let count = self.output.len().max(1) as f64;
        let width = (right - left) / count;
        let items = self.labels.len().max(2) as f64 - 1.0;
        self.output
            .iter()
            .enumerate()
            .map(|(position, &item)| OutputMark {
                x: left + position as f64 * width,
                width,
                item,
                label: self.labels.get(item as usize).cloned().unwrap_or_default(),
                hue: 280.0 * item as f64 / items,
            })
            .collect()
    }

    /// An outline of `task`'s time from `start` to `end` through `scale`:
    /// its rectangle in the task's lane and in the loop lane (an SVG path;
    /// empty when out of view). Marks a blamed block on the chart.
    pub fn focus_path(
        &self,
        scale: &Scale,
        task: crate::trace::TaskId,
        start: Micros,
        end: Micros,
    ) -> String {
        if (end as f64) < scale.start || (start as f64) > scale.end {
            return String::new();
        }
        let left = scale.x(start as f64).max(scale.left);
        let width = (scale.x(end as f64).min(scale.right) - left).max(2.0);
        let mut d = String::new();
        for lane in [self.lane(Row::Task(task)), self.lane(Row::Loop)]
            .into_iter()
            .flatten()
        {
            paths::push_rect(
                &mut d,
                left - 1.0,
                lane.y - 1.0,
                width + 2.0,
                lane.height + 2.0,
            );
        }
        d
    }

    /// The task span under pixel `(x, y)`, if any.
    pub fn span_at(&self, scale: &Scale, x: f64, y: f64) -> Option<&Span> {
        // Lanes top to bottom, a lane's spans in time order: two binary
        // searches, however many spans.
        let lane = self
            .lanes
            .get(self.lanes.partition_point(|lane| lane.y + lane.height <= y))
            .filter(|lane| y >= lane.y)?;
        let time = scale.time_at(x);
        let slack = MIN_RECT_WIDTH / scale.pixels_per_micro();
        let spans = match lane.row {
            Row::Task(task) => self.spans_of(task),
            Row::Loop => &self.holders,
            _ => return None,
        };
        let first = spans.partition_point(|s| (s.end as f64) <= time - slack);
        spans[first..]
            .iter()
            .take_while(|s| (s.start as f64) <= time + slack)
            .next()
    }
}
