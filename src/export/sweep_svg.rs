//! The sweep plot as a standalone SVG document, from the pure geometry of
//! [`crate::plot::sweep`] (the page's Sweep tab draws the same).
//!
//! ```text
//!  points + metric ──sweep_plot──► SweepPlot (px) ──► <svg>: grid · axes · ticks
//!                                                      lower bound (dashed) · baseline · measured + points
//!                                                      legend: metric · bound · baseline · across: parameter
//! ```

use super::svg::{Doc, Style};
use crate::format::number_label;
use crate::plot::sweep::{Metric, sweep_plot};
use crate::sweep::SweepPoint;

/// Size used when none is given, px (the page's plot).
pub const DEFAULT_SIZE: (f64, f64) = (640.0, 280.0);

/// Measured line and points.
const ACCENT: &str = "#1d4ed8";
/// The lower bound line (`--state-io`).
const BOUND: &str = "#16a34a";
/// The synchronous baseline line (`--state-blocked`).
const BASELINE: &str = "#dc2626";
/// Axis and tick text.
const MUTED: &str = "#57606a";
/// Height of the legend under the plot, px.
const LEGEND_HEIGHT: f64 = 24.0;

/// `points` (in sweep order) plotted for `metric` in a `width` × `height`
/// plot, with a legend line under it naming `parameter` (`workers of
/// detail`), as an SVG document.
pub fn sweep_svg(
    points: &[SweepPoint],
    metric: Metric,
    parameter: &str,
    size: (f64, f64),
) -> String {
    let clamp = |v: f64, default: f64| {
        if v.is_finite() {
            v.clamp(160.0, 8000.0)
        } else {
            default
        }
    };
    let (width, height) = (clamp(size.0, DEFAULT_SIZE.0), clamp(size.1, DEFAULT_SIZE.1));
    let plot = sweep_plot(points, metric, width, height);
    let title = format!("{} against {parameter}", metric.label());
    let mut doc = Doc::new(width, height + LEGEND_HEIGHT, &title);
    let (left, top, right, bottom) = plot.area;
    let mut grid = String::new();
    for (y, label) in &plot.y_ticks {
        grid.push_str(&format!("M{left:.1} {y:.1}H{right:.1}"));
        doc.label(left - 6.0, *y, label, &Style::new(11, MUTED, "end"));
    }
    for (x, label) in &plot.x_ticks {
        doc.label(*x, bottom + 14.0, label, &Style::new(11, MUTED, "middle"));
    }
    doc.path(
        &grid,
        &[
            ("stroke", "#d0d7de"),
            ("stroke-dasharray", "2 3"),
            ("fill", "none"),
        ],
    );
    doc.path(
        &format!("M{left:.1} {top:.1}V{bottom:.1}H{right:.1}"),
        &[("stroke", MUTED), ("fill", "none")],
    );
    for (i, series) in plot.references.iter().enumerate() {
        let (colour, dash) = if i == 0 {
            (BOUND, "6 4")
        } else {
            (BASELINE, "none")
        };
        doc.path(
            &series.path,
            &[
                ("class", if i == 0 { "bound" } else { "baseline" }),
                ("stroke", colour),
                ("stroke-width", "2"),
                ("stroke-dasharray", dash),
                ("fill", "none"),
            ],
        );
    }
    doc.path(
        &plot.measured.path,
        &[
            ("class", "measured"),
            ("stroke", ACCENT),
            ("stroke-width", "2"),
            ("fill", "none"),
        ],
    );
    for (i, &(x, y)) in plot.measured.points.iter().enumerate() {
        let (cx, cy) = (format!("{x:.1}"), format!("{y:.1}"));
        let value = points
            .get(i)
            .map(|p| number_label(p.value))
            .unwrap_or_default();
        doc.el(
            "circle",
            &[
                ("class", "point"),
                ("data-value", &value),
                ("cx", &cx),
                ("cy", &cy),
                ("r", "5"),
                ("fill", "#ffffff"),
                ("stroke", ACCENT),
                ("stroke-width", "2"),
            ],
        );
    }
    let y = height + LEGEND_HEIGHT / 2.0;
    let mut x = left;
    let reference = |i: usize| plot.references.get(i).map_or("", |s| s.name).to_string();
    let entries = [
        (Some((ACCENT, "none")), metric.label().to_string()),
        (Some((BOUND, "6 4")), reference(0)),
        (Some((BASELINE, "none")), reference(1)),
        (None, format!("across: {parameter}")),
    ];
    for (line, text) in &entries {
        if let Some((colour, dash)) = line {
            doc.path(
                &format!("M{x:.1} {y:.1}h20"),
                &[
                    ("stroke", colour),
                    ("stroke-width", "2"),
                    ("stroke-dasharray", dash),
                ],
            );
            x += 25.0;
        }
        doc.label(x, y, text, &Style::new(11, MUTED, "start"));
        x += text.chars().count() as f64 * 6.5 + 16.0;
    }
    doc.finish()
}
