//! Pointer, wheel and keyboard on the chart: hover (tooltip + item
//! highlight), drag to pan, wheel to zoom, buttons and keys.
//!
//! ```text
//!  pointermove ──► dragging? ──yes──► pan by −dx px
//!                    └─no──► output strip? mark_at(x) : span_at(x, y) ──► Hover
//!  wheel        ──► |dx| > |dy| ? pan : zoom × e^(dy·k) around the time under the pointer
//!  keys         ──► + − ← → 0
//! ```
//!
//! Hit testing is [`crate::chart::Timeline::span_at`] on the geometry, not
//! DOM events per rectangle.

use crate::chart::strip::mark_at;
use crate::chart::{OutputMark, Row, Scale, Timeline, Viewport};
use crate::format::micros;
use crate::trace::ItemId;

/// Zoom factor per wheel pixel (`e^(k·dy)`).
const WHEEL_ZOOM: f64 = 0.0015;
/// Share of the window a pan button or arrow key moves.
pub const PAN_STEP: f64 = 0.25;
/// Zoom factor of a button or key.
pub const ZOOM_STEP: f64 = 0.5;

/// What the pointer is over.
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// Pointer position in chart px.
    pub x: f64,
    /// Pointer position in chart px.
    pub y: f64,
    /// Tooltip lines.
    pub lines: Vec<String>,
    /// The item to highlight in every lane.
    pub item: Option<ItemId>,
}

/// The hover at chart point `(x, y)`.
pub fn hover_at(
    timeline: &Timeline,
    scale: &Scale,
    marks: &[OutputMark],
    x: f64,
    y: f64,
) -> Option<Hover> {
    let item_name = |item: ItemId| {
        let label = timeline
            .labels
            .get(item as usize)
            .cloned()
            .unwrap_or_default();
        format!("item {item} “{label}”")
    };
    if let Some(lane) = timeline.lane(Row::Output)
        && y >= lane.y
        && y < lane.y + lane.height
    {
        let mark = mark_at(marks, x)?;
        let position = marks.iter().position(|m| m.item == mark.item).unwrap_or(0);
        return Some(Hover {
            x,
            y,
            lines: vec![
                item_name(mark.item),
                format!("left the pipeline #{} of {}", position + 1, marks.len()),
                format!("entered #{}", mark.item + 1),
            ],
            item: Some(mark.item),
        });
    }
    if x < scale.left || x > scale.right {
        return None;
    }
    let span = timeline.span_at(scale, x, y)?;
    let task = timeline
        .lane(Row::Task(span.task))
        .map(|l| l.label.clone())
        .unwrap_or_else(|| format!("task {}", span.task));
    let in_loop_lane = timeline
        .lane(Row::Loop)
        .is_some_and(|l| y >= l.y && y < l.y + l.height);
    let who = if in_loop_lane {
        format!("event loop held by {task}")
    } else {
        task
    };
    Some(Hover {
        x,
        y,
        lines: vec![
            who,
            span.item.map_or_else(|| "no item".to_string(), item_name),
            span.state.label().to_string(),
            format!(
                "from {} for {}",
                micros(span.start),
                micros(span.duration())
            ),
        ],
        item: span.item,
    })
}

/// The window after a wheel event at chart x `x`.
pub fn wheel(
    viewport: Viewport,
    scale: &Scale,
    total: u64,
    x: f64,
    delta_x: f64,
    delta_y: f64,
) -> Viewport {
    if delta_x.abs() > delta_y.abs() {
        viewport.pan(delta_x / scale.pixels_per_micro(), total)
    } else {
        let anchor = scale.time_at(x.clamp(scale.left, scale.right));
        viewport.zoom((delta_y * WHEEL_ZOOM).exp(), anchor, total)
    }
}

/// The window after dragging `dx` px from `start`.
pub fn drag(start: Viewport, scale: &Scale, total: u64, dx: f64) -> Viewport {
    start.pan(-dx / scale.pixels_per_micro(), total)
}

/// The window after a key, if the key means something.
pub fn key(viewport: Viewport, total: u64, key: &str) -> Option<Option<Viewport>> {
    let center = (viewport.start + viewport.end) / 2.0;
    let step = viewport.width() * PAN_STEP;
    Some(Some(match key {
        "+" | "=" => viewport.zoom(ZOOM_STEP, center, total),
        "-" | "_" => viewport.zoom(1.0 / ZOOM_STEP, center, total),
        "ArrowLeft" => viewport.pan(-step, total),
        "ArrowRight" => viewport.pan(step, total),
        "0" | "Home" => return Some(None),
        _ => return None,
    }))
}
