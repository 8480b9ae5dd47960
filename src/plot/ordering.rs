//! The ordering view: per stage, lines from the position an item entered to
//! the position it left. Parallel lines keep the order; crossings lose it.
//!
//! ```text
//!  B in   H  E  L  L  O
//!         │  │  │   ╲╱
//!  B out  H  E  L  O  L     1 inversion
//! ```
//!
//! [`order_plot`] lays a stage out in a fixed box: labels when there is room,
//! one path per line up to [`MAX_LINES`], else two paths (parallel,
//! crossing) so thousands of items stay a handful of elements.

use std::fmt::Write;

use serde::Serialize;

use crate::insight::ordering::StageOrder;

/// One item's line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderLine {
    /// The item.
    pub item: u32,
    /// Where it entered, px.
    pub from_x: f64,
    /// Where it left, px.
    pub to_x: f64,
    /// Hue from its input position (degrees), as in the output strip.
    pub hue: f64,
    /// Whether it overtook or was overtaken (crosses another line).
    pub crosses: bool,
}

/// Lines of one stage, spread over `[left, right]`.
pub fn order_lines(order: &StageOrder, items: usize, left: f64, right: f64) -> Vec<OrderLine> {
    let count = order.entered.len().max(1);
    let step = (right - left) / count as f64;
    let x = |position: usize| left + (position as f64 + 0.5) * step;
    let lines = order.lines();
    let span = items.max(2) as f64 - 1.0;
    // exit[p]: where the item that entered at p left. A line crosses another
    // iff an earlier entrant left after it, or a later entrant left before it.
    let mut exit = vec![None; count];
    for &(from, to) in &lines {
        if let Some(slot) = exit.get_mut(from) {
            *slot = Some(to);
        }
    }
    let mut latest_before = vec![None; count];
    let mut running: Option<usize> = None;
    for (p, slot) in latest_before.iter_mut().enumerate() {
        *slot = running;
        running = running.max(exit[p]);
    }
    let mut earliest_after = vec![None; count];
    let mut running: Option<usize> = None;
    for p in (0..count).rev() {
        earliest_after[p] = running;
        running = match (running, exit[p]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    lines
        .iter()
        .map(|&(from, to)| {
            let item = order.entered.get(from).copied().unwrap_or(0);
            OrderLine {
                item,
                from_x: x(from),
                to_x: x(to),
                hue: 280.0 * f64::from(item) / span,
                crosses: latest_before
                    .get(from)
                    .copied()
                    .flatten()
                    .is_some_and(|t| t > to)
                    || earliest_after
                        .get(from)
                        .copied()
                        .flatten()
                        .is_some_and(|t| t < to),
            }
        })
        .collect()
}

/// The ordering drawing's width in its own units (it scales to the page).
pub const WIDTH: f64 = 640.0;
/// Its height.
pub const HEIGHT: f64 = 100.0;
/// Lines start here (below the entry labels)…
const TOP: f64 = 20.0;
/// …and end here (above the exit labels).
const BOTTOM: f64 = 80.0;
/// Space left and right of the first and last position.
const SIDE: f64 = 8.0;
/// Items are labelled up to this many per stage.
pub const MAX_LABELLED: usize = 60;
/// Lines are drawn one by one (with their hue) up to this many.
pub const MAX_LINES: usize = 240;

/// A label of the drawing: centred at (`x`, `y`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderLabel {
    /// Centre, x.
    pub x: f64,
    /// Centre, y.
    pub y: f64,
    /// The item's label.
    pub text: String,
}

/// One drawn path: a line (with its colour) or a bundle of lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderPath {
    /// SVG path `d`.
    pub d: String,
    /// Stroke colour, when drawn one by one (`None`: the stylesheet's).
    pub stroke: Option<String>,
    /// Whether the lines cross others.
    pub crosses: bool,
    /// Whether this is a bundle of many lines.
    pub dense: bool,
}

/// One stage's drawing in a [`WIDTH`] × [`HEIGHT`] box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderPlot {
    /// Labels of the entry row (top) and the exit row (bottom), when there is room.
    pub labels: Vec<OrderLabel>,
    /// Paths: parallel lines first, crossing ones on top.
    pub paths: Vec<OrderPath>,
    /// Whether no item went through yet.
    pub empty: bool,
}

/// Lays out `order`'s lines and labels; `labels` are the scenario's item labels.
pub fn order_plot(order: &StageOrder, labels: &[String]) -> OrderPlot {
    let lines = order_lines(order, labels.len(), SIDE, WIDTH - SIDE);
    let count = order.entered.len().max(1) as f64;
    let x = |position: usize| SIDE + (position as f64 + 0.5) * (WIDTH - 2.0 * SIDE) / count;
    let label = |item: &u32| {
        labels
            .get(*item as usize)
            .cloned()
            .unwrap_or_else(|| "?".into())
    };
    let mut plot_labels = Vec::new();
    if order.entered.len() <= MAX_LABELLED {
        for (row, y) in [(&order.entered, 10.0), (&order.left, HEIGHT - 9.0)] {
            plot_labels.extend(row.iter().enumerate().map(|(position, item)| OrderLabel {
                x: x(position),
                y,
                text: label(item),
            }));
        }
    }
    let segment = |line: &OrderLine| format!("M{:.1} {TOP}L{:.1} {BOTTOM}", line.from_x, line.to_x);
    let mut paths = Vec::new();
    for crosses in [false, true] {
        let these = lines.iter().filter(|l| l.crosses == crosses);
        if lines.len() <= MAX_LINES {
            paths.extend(these.map(|line| OrderPath {
                d: segment(line),
                stroke: Some(format!("hsl({:.0} 70% 45%)", line.hue)),
                crosses,
                dense: false,
            }));
        } else {
            let mut d = String::new();
            for line in these {
                let _ = write!(d, "{}", segment(line));
            }
            if !d.is_empty() {
                paths.push(OrderPath {
                    d,
                    stroke: None,
                    crosses,
                    dense: true,
                });
            }
        }
    }
    OrderPlot {
        labels: plot_labels,
        paths,
        empty: order.entered.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        text.chars().map(String::from).collect()
    }

    #[test]
    fn helol_has_two_crossing_lines_and_both_label_rows() {
        // B took H E L L O and handed on H E L O L.
        let order = StageOrder {
            stage: 1,
            entered: vec![0, 1, 2, 3, 4],
            left: vec![0, 1, 2, 4, 3],
            inversions: 1,
        };
        let plot = order_plot(&order, &labels("HELLO"));
        assert!(!plot.empty);
        let crossing: Vec<_> = plot.paths.iter().filter(|p| p.crosses).collect();
        assert_eq!(crossing.len(), 2);
        assert!(plot.paths.iter().all(|p| !p.dense && p.stroke.is_some()));
        // Parallel lines come first, so crossing ones are drawn on top.
        assert!(!plot.paths[0].crosses && plot.paths[4].crosses);
        let text: String = plot.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(text, "HELLOHELOL");
        assert_eq!(plot.labels[0].x, 8.0 + 0.5 * 624.0 / 5.0);
        assert_eq!(plot.paths[0].d, "M70.4 20L70.4 80");
    }

    #[test]
    fn many_items_become_two_bundles_without_labels() {
        let n = MAX_LINES as u32 + 1;
        let mut left: Vec<u32> = (0..n).collect();
        left.swap(0, 1);
        let order = StageOrder {
            stage: 1,
            entered: (0..n).collect(),
            left,
            inversions: 1,
        };
        let plot = order_plot(&order, &vec!["x".to_string(); n as usize]);
        assert!(plot.labels.is_empty());
        assert_eq!(plot.paths.len(), 2);
        assert!(plot.paths.iter().all(|p| p.dense && p.stroke.is_none()));
        assert_eq!(plot.paths[1].d.matches('M').count(), 2);
    }

    #[test]
    fn a_stage_nothing_went_through_is_empty() {
        let order = StageOrder {
            stage: 0,
            entered: Vec::new(),
            left: Vec::new(),
            inversions: 0,
        };
        let plot = order_plot(&order, &labels("ab"));
        assert!(plot.empty && plot.paths.is_empty() && plot.labels.is_empty());
    }
}
