//! What the canvas chart draws for one frame: the visible lanes only, one
//! state per device-pixel column, runs of equal columns merged.
//!
//! ```text
//!  Timeline + Scale + device ratio + visible rows [top, bottom)
//!     │
//!     ├─ visible lanes (binary search on y)      ─► at most box height / 4 px lanes
//!     ├─ per lane: its spans in time order        ─► column_runs: each device column
//!     │   (binary search on the window)              takes the state covering most of it
//!     ├─ blocked loop time                        ─► band runs (every lane)
//!     ├─ per visible queue: depth                 ─► per column the deepest it got
//!     └─ output strip                             ─► labelled boxes, or a hue per column
//! ```
//!
//! Level of detail is per pixel both ways: a lane is at least 3 px tall and
//! only lanes inside the scrolled box count, a lane never yields more runs
//! than the plot has device columns, so a frame draws at most (visible
//! lanes × columns) rectangles however many spans the run has. No strings:
//! the canvas draws these numbers directly.

use std::ops::Range;

use super::{OutputMark, Row, Scale, Span, Timeline};
use crate::time::Micros;
use crate::trace::TaskState;

/// Spans a device column looks at before it skips the rest of its spans.
pub const MAX_PER_COLUMN: usize = 4;

/// Columns `[x0, x1)` (device px) drawn with one value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Run<T> {
    /// First column.
    pub x0: i64,
    /// One past the last column.
    pub x1: i64,
    /// What the columns show.
    pub value: T,
}

/// A state's runs in one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneRuns {
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Runs, left to right.
    pub runs: Vec<Run<TaskState>>,
}

/// A queue's depth track, per column.
#[derive(Clone, Debug, PartialEq)]
pub struct DepthRuns {
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// The deepest the queue got over the whole run (the track's full height).
    pub max: u32,
    /// Runs of equal depth (the deepest within each column).
    pub runs: Vec<Run<u32>>,
}

/// Everything the canvas draws for one frame, in device pixels along x.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Lanes that intersect the visible rows.
    pub lanes: Range<usize>,
    /// Task and loop lanes with their runs.
    pub spans: Vec<LaneRuns>,
    /// Columns where the loop is blocked (shaded across every lane).
    pub bands: Vec<Run<()>>,
    /// Visible queue tracks.
    pub depths: Vec<DepthRuns>,
    /// Rectangles the frame draws for spans (after merging).
    pub drawn: usize,
}

/// Accumulates time-ordered, non-overlapping intervals into columns: a
/// column shows the value that covers most of it, and any coverage at all
/// shows (a span thinner than a pixel still gets its column).
struct Columns<T: Copy + PartialEq> {
    runs: Vec<Run<T>>,
    /// The partly covered column, if any.
    open: Option<i64>,
    /// What covers the open column: (value, px), reused from column to column.
    covers: Vec<(T, f64)>,
}

impl<T: Copy + PartialEq> Columns<T> {
    fn new() -> Self {
        Self {
            runs: Vec::new(),
            open: None,
            covers: Vec::new(),
        }
    }

    fn emit(&mut self, x0: i64, x1: i64, value: T) {
        if x1 <= x0 {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.x1 == x0
            && last.value == value
        {
            last.x1 = x1;
            return;
        }
        self.runs.push(Run { x0, x1, value });
    }

    fn close_open(&mut self) {
        if let Some(column) = self.open.take() {
            let mut best: Option<(T, f64)> = None;
            for &(value, px) in &self.covers {
                if best.is_none_or(|(_, b)| px > b) {
                    best = Some((value, px));
                }
            }
            self.covers.clear();
            if let Some((value, _)) = best {
                self.emit(column, column + 1, value);
            }
        }
    }

    fn cover(&mut self, column: i64, value: T, px: f64) {
        if self.open.is_some_and(|c| c != column) {
            self.close_open();
        }
        self.open = Some(column);
        match self.covers.iter_mut().find(|(v, _)| *v == value) {
            Some((_, total)) => *total += px,
            None => self.covers.push((value, px)),
        }
    }

    /// Adds `[a, b)` (device px, `a <= b`, after every earlier interval).
    fn add(&mut self, a: f64, b: f64, value: T) {
        let (ca, cb) = (a.floor() as i64, b.floor() as i64);
        if ca == cb || b == cb as f64 && cb == ca + 1 {
            // Within one column (or ending exactly on its right edge).
            self.cover(ca, value, (b - a).max(f64::MIN_POSITIVE));
            return;
        }
        self.cover(ca, value, ca as f64 + 1.0 - a);
        self.close_open();
        self.emit(ca + 1, cb, value);
        if b > cb as f64 {
            self.cover(cb, value, b - cb as f64);
        }
    }

    fn finish(mut self) -> Vec<Run<T>> {
        self.close_open();
        self.runs
    }
}

/// The device-px interval `[a, b)` of times `[start, end)` through `scale`,
/// clipped to the plot; `None` when out of view.
fn device_span(scale: &Scale, ratio: f64, start: Micros, end: Micros) -> Option<(f64, f64)> {
    if (end as f64) < scale.start || (start as f64) > scale.end {
        return None;
    }
    let a = scale.x(start as f64).max(scale.left) * ratio;
    let b = scale.x(end as f64).min(scale.right) * ratio;
    Some((a, b.max(a)))
}

/// One value per device column for time-ordered, non-overlapping spans
/// (the columns of `scale`'s plot at `ratio` device px per CSS px).
pub fn column_runs(spans: &[Span], scale: &Scale, ratio: f64) -> Vec<Run<TaskState>> {
    columns_where(spans, scale, ratio, |_| true).finish()
}

/// [`column_runs`] of the spans whose state passes `keep` (the others
/// leave their columns empty). A column looks at no more than
/// [`MAX_PER_COLUMN`] spans: past them, a binary search jumps to the first
/// span that reaches the next column, so a frame costs O(columns · log n)
/// however many spans a pixel holds.
fn columns_where(
    spans: &[Span],
    scale: &Scale,
    ratio: f64,
    keep: impl Fn(TaskState) -> bool,
) -> Columns<TaskState> {
    let mut columns = Columns::new();
    let (mut i, mut column, mut seen) = (0, i64::MIN, 0);
    while let Some(span) = spans.get(i) {
        i += 1;
        let Some((a, b)) = device_span(scale, ratio, span.start, span.end) else {
            continue;
        };
        if keep(span.state) {
            columns.add(a, b, span.state);
        }
        let (first, last) = (a.floor() as i64, b.floor() as i64);
        if first != column {
            (column, seen) = (first, 0);
        }
        seen += 1;
        if last == column && seen >= MAX_PER_COLUMN {
            // Skip to the first span still running at the next column.
            let next = scale.time_at((column + 1) as f64 / ratio);
            i += spans[i..].partition_point(|s| (s.end as f64) <= next);
        }
    }
    columns
}

/// Per column, the deepest a queue got: `points` are its depth changes in
/// time order, the depth holds until `end`.
pub fn depth_runs(
    points: &[(Micros, u32)],
    end: Micros,
    scale: &Scale,
    ratio: f64,
) -> Vec<Run<u32>> {
    let mut columns: Columns<u32> = Columns::new();
    let mut segments = Vec::new();
    let mut previous: Option<(Micros, u32)> = None;
    for &(time, depth) in points.iter().chain(std::iter::once(&(end, 0))) {
        if let Some((since, value)) = previous
            && let Some((a, b)) = device_span(scale, ratio, since, time.max(since))
        {
            segments.push((a, b, value));
        }
        previous = Some((time, depth));
    }
    // The deepest in each column: a zero-length depth change still counts.
    let mut open: Option<(i64, u32)> = None;
    for (a, b, value) in segments {
        let (ca, cb) = (
            a.floor() as i64,
            (b.ceil() as i64 - 1).max(a.floor() as i64),
        );
        match open {
            Some((column, deepest)) if column == ca => open = Some((column, deepest.max(value))),
            Some((column, deepest)) => {
                columns.emit(column, column + 1, deepest);
                open = Some((ca, value));
            }
            None => open = Some((ca, value)),
        }
        if cb > ca {
            if let Some((column, deepest)) = open.take() {
                columns.emit(column, column + 1, deepest);
            }
            columns.emit(ca + 1, cb, value);
            open = Some((cb, value));
        }
    }
    if let Some((column, deepest)) = open {
        columns.emit(column, column + 1, deepest);
    }
    columns.runs
}

/// A dense output strip, one hue per device column: the mark under each
/// column's centre, runs of marks in the same hue bucket merged (hues are
/// rounded to `bucket` degrees).
pub fn strip_runs(marks: &[OutputMark], ratio: f64, bucket: f64) -> Vec<Run<f64>> {
    let mut columns: Columns<f64> = Columns::new();
    let (Some(first), Some(last)) = (marks.first(), marks.last()) else {
        return Vec::new();
    };
    if first.width <= 0.0 {
        return Vec::new();
    }
    let (x0, x1) = (
        (first.x * ratio).floor() as i64,
        ((last.x + last.width) * ratio).ceil() as i64,
    );
    for column in x0..x1 {
        let centre = (column as f64 + 0.5) / ratio;
        let index = ((centre - first.x) / first.width).floor().max(0.0) as usize;
        if let Some(mark) = marks.get(index.min(marks.len() - 1)) {
            let hue = (mark.hue / bucket).round() * bucket;
            columns.emit(column, column + 1, hue);
        }
    }
    columns.runs
}

impl Timeline {
    /// Lanes that intersect rows `[top, bottom)` (CSS px from the chart's top).
    pub fn lanes_between(&self, top: f64, bottom: f64) -> Range<usize> {
        let first = self.lanes.partition_point(|l| l.y + l.height <= top);
        let last = self.lanes.partition_point(|l| l.y < bottom);
        first..last.max(first)
    }

    /// What the canvas draws of rows `[top, bottom)` through `scale`, at
    /// `ratio` device px per CSS px.
    pub fn frame(&self, scale: &Scale, ratio: f64, top: f64, bottom: f64) -> Frame {
        let lanes = self.lanes_between(top, bottom);
        let mut spans = Vec::new();
        let mut depths = Vec::new();
        let mut drawn = 0;
        for (index, lane) in self.lanes[lanes.clone()].iter().enumerate() {
            let index = lanes.start + index;
            let runs = match lane.row {
                Row::Task(task) => {
                    column_runs(self.window(self.spans_of(task), scale), scale, ratio)
                }
                Row::Loop => column_runs(self.window(&self.holders, scale), scale, ratio),
                Row::Queue(queue) => {
                    if let Some(points) = self.depths.get(queue as usize) {
                        depths.push(DepthRuns {
                            lane: index,
                            max: points.iter().map(|p| p.1).max().unwrap_or(0).max(1),
                            runs: depth_runs(points, self.end, scale, ratio),
                        });
                    }
                    continue;
                }
                _ => continue,
            };
            drawn += runs.len();
            spans.push(LaneRuns { lane: index, runs });
        }
        let holders = self.window(&self.holders, scale);
        let bands = columns_where(holders, scale, ratio, |s| s == TaskState::Blocked)
            .finish()
            .into_iter()
            .map(|r| Run {
                x0: r.x0,
                x1: r.x1,
                value: (),
            })
            .collect();
        Frame {
            lanes,
            spans,
            bands,
            depths,
            drawn,
        }
    }

    /// The spans of `sorted` (one lane's, in time order, not overlapping)
    /// that reach into `scale`'s window.
    fn window<'a>(&self, sorted: &'a [Span], scale: &Scale) -> &'a [Span] {
        let first = sorted.partition_point(|s| (s.end as f64) < scale.start);
        let last = sorted.partition_point(|s| (s.start as f64) <= scale.end);
        &sorted[first..last.max(first)]
    }
}
