//! SVG path data for the chart: one `<path>` per task state, not one element
//! per span.
//!
//! ```text
//!  rects (Timeline::rects) ──► cap: per lane, at most ~2 rects per pixel column
//!                          ──► group by state ──► "M x y h w v h h -w z M …"
//!                                                   one string per TaskState
//! ```
//!
//! A chart of 10 000 spans is then a handful of DOM nodes whose `d` strings
//! the browser parses in one go. Rects that add less than half a pixel to
//! what their lane already shows are skipped: at that zoom they cannot be
//! seen, and skipping them bounds the path size by the chart's width.

use std::fmt::Write;

use super::{MIN_RECT_WIDTH, Rect, Row, Scale, Timeline};
use crate::trace::{ItemId, TaskState};

/// A rect that extends its lane's drawn part by less than this (px) is skipped.
pub const MIN_NEW_COVERAGE: f64 = 0.5;

/// Appends the outline of a rectangle to an SVG path: `M x y h w v h h -w z`
/// (positions to 0.1 px, widths to 0.01 px).
pub fn push_rect(path: &mut String, x: f64, y: f64, width: f64, height: f64) {
    path.push('M');
    push_fixed(path, x, 1);
    path.push(' ');
    push_fixed(path, y, 1);
    path.push('h');
    push_fixed(path, width, 2);
    path.push('v');
    push_fixed(path, height, 1);
    path.push('h');
    push_fixed(path, -width, 2);
    path.push('z');
}

/// Appends `value` with `decimals` (1 or 2) decimals, like `{:.1}`/`{:.2}`
/// but with integer arithmetic: float formatting dominated the cost of a
/// 10 000-span chart's paths.
pub fn push_fixed(out: &mut String, value: f64, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let scaled = (value * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        // Writing into a String cannot fail.
        let _ = write!(out, "{value:.0$}", decimals as usize);
        return;
    }
    if scaled < 0.0 {
        out.push('-');
    }
    let n = scaled.abs() as u64;
    push_digits(out, n / scale, 1);
    out.push('.');
    push_digits(out, n % scale, decimals as usize);
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    while n > 0 || len < width {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
    }
    for &d in digits[..len].iter().rev() {
        out.push(d as char);
    }
}

/// The chart's spans as one path per state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatePaths {
    /// `(state, d)` for every state with something to draw, in legend order.
    pub paths: Vec<(TaskState, String)>,
    /// Rects drawn (after the per-pixel cap).
    pub drawn: usize,
    /// Rects skipped by the cap.
    pub skipped: usize,
}

/// Which rects of `rects` to draw: per lane (rects arrive lane by lane, in
/// time order within a lane), a rect is kept if it starts past what the lane
/// already shows, or extends it by at least [`MIN_NEW_COVERAGE`] px.
pub fn visible_rects(rects: &[Rect]) -> impl Iterator<Item = &Rect> {
    let mut lane: Option<(f64, bool)> = None;
    let mut covered = f64::NEG_INFINITY;
    rects.iter().filter(move |rect| {
        if lane != Some((rect.y, rect.in_loop_lane)) {
            lane = Some((rect.y, rect.in_loop_lane));
            covered = f64::NEG_INFINITY;
        }
        let right = rect.x + rect.width;
        if rect.x >= covered || right >= covered + MIN_NEW_COVERAGE {
            covered = covered.max(right);
            true
        } else {
            false
        }
    })
}

/// Builds one path per state from `rects`, capped per pixel column
/// ([`visible_rects`]).
pub fn state_paths(rects: &[Rect]) -> StatePaths {
    let mut by_state: Vec<(TaskState, String)> = TaskState::ALL
        .iter()
        .map(|&state| (state, String::new()))
        .collect();
    let mut drawn = 0;
    for rect in visible_rects(rects) {
        if let Some((_, path)) = by_state.iter_mut().find(|(s, _)| *s == rect.state) {
            push_rect(path, rect.x, rect.y, rect.width, rect.height);
            drawn += 1;
        }
    }
    by_state.retain(|(_, path)| !path.is_empty());
    StatePaths {
        paths: by_state,
        drawn,
        skipped: rects.len() - drawn,
    }
}

/// One path outlining every span that carries `item`, in task lanes and in
/// the loop lane, through `scale`: the hover highlight.
pub fn item_path(timeline: &Timeline, scale: &Scale, item: ItemId) -> String {
    let mut path = String::new();
    let lanes = [(false, &timeline.spans), (true, &timeline.holders)];
    for (in_loop_lane, spans) in lanes {
        for span in spans.iter().filter(|s| s.item == Some(item)) {
            let row = if in_loop_lane {
                Row::Loop
            } else {
                Row::Task(span.task)
            };
            if (span.end as f64) < scale.start || (span.start as f64) > scale.end {
                continue;
            }
            if let Some(lane) = timeline.lane(row) {
                let left = scale.x(span.start as f64).max(scale.left);
                let right = scale.x(span.end as f64).min(scale.right);
                let width = (right - left).max(MIN_RECT_WIDTH);
                push_rect(&mut path, left, lane.y, width, lane.height);
            }
        }
    }
    path
}

/// One path for the shaded blocked intervals, each `(x, width)` spanning
/// `[top, top + height]`.
pub fn bands_path(bands: &[(f64, f64)], top: f64, height: f64) -> String {
    let mut path = String::new();
    for &(x, width) in bands {
        push_rect(&mut path, x, top, width, height);
    }
    path
}
