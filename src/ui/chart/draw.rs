//! Draws the chart's layer into an SVG `<g>` with plain DOM calls: one pass
//! per redraw, a few dozen elements however many spans.
//!
//! ```text
//!  draw(layer, timeline, geometry, marks)
//!    clear <g>
//!    lane backgrounds · grid · blocked bands         3 paths
//!    one path per task state (fill = its pattern)    ≤ 7 paths
//!    axis tick labels                                ~10 texts
//!    queue depth areas + "max n"                     2 per queue
//!    stage separators + lane labels                  ≤ ~60 texts (thin lanes thinned)
//!    output strip: boxes + labels, or hue bands      ≤ 400 boxes, or ≤ 29 paths
//! ```
//!
//! Called from the chart component's drawing `Effect`, into the layer it
//! owns ([`Svg`]).

use std::fmt::Write;

use web_sys::Element;

use super::defs::{drawn_states, state_class, state_fill};
use super::svg::Svg;
use crate::chart::geometry::Geometry;
use crate::chart::layout::AXIS_HEIGHT;
use crate::chart::strip::{hue_paths, labelled};
use crate::chart::{OutputMark, Preview, Row, Timeline};
use crate::format::count;
use crate::ui::testid;

/// Lanes thinner than this get a label only every few lanes, px.
const LABEL_MIN_HEIGHT: f64 = 10.0;
/// Space between labels of thin lanes, px.
const LABEL_SPACING: f64 = 14.0;

/// Redraws everything in `layer` for the run `shown` through `geometry`.
pub fn draw(layer: &Element, shown: &Preview, geometry: &Geometry, marks: &[OutputMark]) {
    let timeline = &shown.timeline;
    let Some(document) = layer.owner_document() else {
        return;
    };
    let b = Svg::clear(layer, &document);
    b.path("lane-bg", &geometry.lane_backgrounds);
    b.path("grid", &geometry.grid);
    b.path("blocked-band", &geometry.bands);
    for state in drawn_states() {
        let d = geometry.path(state);
        if !d.is_empty() {
            let class = format!("span-path s-{}", state_class(state));
            b.el(
                "path",
                &[("class", &class), ("fill", &state_fill(state)), ("d", &d)],
            );
        }
    }
    for (x, label) in &geometry.ticks {
        let _ = b.label(*x, AXIS_HEIGHT - 9.0, "tick-label", label, "middle");
    }
    for (d, y, max) in &geometry.depths {
        b.path("depth-area", d);
        let _ = b.label(
            geometry.right - 2.0,
            *y,
            "depth-max",
            &format!("max {max}"),
            "end",
        );
    }
    labels(&b, timeline, geometry.right);
    let inversions = timeline.inversions.to_string();
    let group = b.el(
        "g",
        &[
            ("class", "output-strip"),
            ("data-testid", testid::OUTPUT_STRIP),
            ("data-output", &shown.output_text),
            ("data-inversions", &inversions),
        ],
    );
    if let Some(group) = group {
        strip(&b.within(&group), timeline, marks);
    }
}

/// Stage separators and lane labels (thin lanes labelled every few lanes).
fn labels(b: &Svg<'_>, timeline: &Timeline, right: f64) {
    let mut separators = String::new();
    let mut last_task_label = f64::NEG_INFINITY;
    for lane in &timeline.lanes {
        let middle = lane.y + lane.height / 2.0;
        match lane.row {
            Row::Loop => {
                let _ = b.label(6.0, middle, "lane-label loop-label", &lane.label, "start");
            }
            Row::Stage(_) => {
                let _ = write!(separators, "M0 {:.1}H{right:.1}", lane.y + 0.5);
                let _ = b.label(
                    6.0,
                    middle + 1.0,
                    "lane-label stage-label",
                    &lane.label,
                    "start",
                );
            }
            Row::Task(_) => {
                let roomy = lane.height >= LABEL_MIN_HEIGHT;
                if roomy || lane.y - last_task_label >= LABEL_SPACING {
                    let class = if roomy {
                        "lane-label task-label"
                    } else {
                        "lane-label task-label thin"
                    };
                    let _ = b.label(16.0, middle, class, &lane.label, "start");
                    last_task_label = lane.y;
                }
            }
            Row::Queue(_) => {
                let _ = b.label(16.0, middle, "lane-label queue-label", &lane.label, "start");
            }
            Row::Output => {
                let _ = b.label(
                    6.0,
                    lane.y + 8.0,
                    "lane-label output-name",
                    "output order →",
                    "start",
                );
                let inversions = count(timeline.inversions, "inversion");
                let _ = b.label(
                    6.0,
                    lane.y + 20.0,
                    "lane-label inversions-label",
                    &inversions,
                    "start",
                );
            }
        }
    }
    b.path("stage-separators", &separators);
}

/// The output strip: labelled boxes when they fit, else hue bands.
fn strip(b: &Svg<'_>, timeline: &Timeline, marks: &[OutputMark]) {
    let Some(lane) = timeline.lane(Row::Output) else {
        return;
    };
    let (y, height) = (lane.y + 2.0, lane.height - 4.0);
    if !labelled(marks) {
        for (hue, d) in hue_paths(marks, y, height) {
            let fill = format!("hsl({hue:.0} 70% 58%)");
            b.el(
                "path",
                &[("class", "output-band"), ("d", &d), ("fill", &fill)],
            );
        }
        return;
    }
    for mark in marks {
        let fill = format!("hsl({:.0} 70% 58%)", mark.hue);
        let (x, w) = (
            format!("{:.1}", mark.x + 0.5),
            format!("{:.1}", (mark.width - 1.0).max(0.5)),
        );
        let (ys, hs) = (format!("{y:.1}"), format!("{height:.1}"));
        b.el(
            "rect",
            &[
                ("class", "output-mark"),
                ("x", &x),
                ("y", &ys),
                ("width", &w),
                ("height", &hs),
                ("rx", "2"),
                ("fill", &fill),
            ],
        );
        if mark.width >= 7.0 {
            let size = format!("{:.0}", (mark.width * 0.7).clamp(8.0, 15.0));
            let center = mark.x + mark.width / 2.0;
            if let Some(label) = b.label(
                center,
                y + height / 2.0 + 0.5,
                "output-label",
                &mark.label,
                "middle",
            ) {
                let _ = label.set_attribute("font-size", &size);
            }
        }
    }
}
