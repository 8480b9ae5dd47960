//! What the chart draws for one (run, window, width): path strings and
//! ticks, computed by the pure [`crate::chart`] module.
//!
//! ```text
//!  Preview.timeline + Viewport + width ──► Scale ──► rects ──► one path per state
//!                                                 ├─► blocked bands path
//!                                                 ├─► queue depth areas
//!                                                 └─► ticks + grid path
//!  a lane's label + the label column's width ──► fit_label: cut with "…" to fit
//! ```

use crate::chart::layout::AXIS_HEIGHT;
use crate::chart::paths::{bands_path, push_rect};
use crate::chart::{Rect, Row, Scale, StatePaths, Tick, Timeline, Viewport, state_paths, ticks};

/// Width of the label column left of the plot, px.
pub const LABEL_WIDTH: f64 = 124.0;
/// Width of the label column on a narrow (phone) chart, px.
pub const NARROW_LABEL_WIDTH: f64 = 86.0;
/// Charts narrower than this use [`NARROW_LABEL_WIDTH`], px.
const NARROW: f64 = 560.0;
/// Space right of the plot, px.
pub const RIGHT_PAD: f64 = 16.0;
/// Narrowest plot, px.
const MIN_PLOT: f64 = 120.0;
/// About one tick per this many px.
const TICK_SPACING: f64 = 110.0;

/// The drawable shapes of a timeline through a window.
#[derive(Debug)]
pub struct Geometry {
    /// Time ⇄ px.
    pub scale: Scale,
    /// Every visible span's rectangle (for the highlight).
    pub rects: Vec<Rect>,
    /// One path per state.
    pub paths: StatePaths,
    /// Blocked intervals across all lanes.
    pub bands: String,
    /// Per queue: (filled area path, its lane's label y, max depth).
    pub depths: Vec<(String, f64, u32)>,
    /// Axis ticks: (x, label).
    pub ticks: Vec<(f64, String)>,
    /// Vertical grid lines at the ticks.
    pub grid: String,
    /// Faint backgrounds of the task lanes.
    pub lane_backgrounds: String,
    /// Right end of the plot, px.
    pub right: f64,
}

/// The plot's left edge (the label column's width) for a chart `width` px wide.
pub fn plot_left(width: f64) -> f64 {
    if width < NARROW {
        NARROW_LABEL_WIDTH
    } else {
        LABEL_WIDTH
    }
}

/// `label` cut to fit `max` px, as `measure` (px of a text) finds it: the
/// whole label if it fits, else its longest start that fits with "…" after
/// it (a lane's name must not run into the plot: "queue → fetch" on a
/// phone). Nothing fits: empty.
pub fn fit_label<'a>(
    label: &'a str,
    max: f64,
    measure: impl Fn(&str) -> f64,
) -> std::borrow::Cow<'a, str> {
    if measure(label) <= max {
        return label.into();
    }
    // Character boundaries, then the longest start that fits (binary search:
    // a few measures per label).
    let ends: Vec<usize> = label.char_indices().map(|(i, _)| i).skip(1).collect();
    let cut = |n: usize| format!("{}…", label[..ends[n]].trim_end());
    let (mut low, mut high) = (0, ends.len());
    while low < high {
        let middle = (low + high) / 2;
        if measure(&cut(middle)) <= max {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    match low.checked_sub(1) {
        Some(n) => cut(n).into(),
        None => "".into(),
    }
}

/// The plot's right edge for a chart `width` px wide.
pub fn plot_right(width: f64) -> f64 {
    (width - RIGHT_PAD).max(plot_left(width) + MIN_PLOT)
}

/// The axis ticks of `scale`'s window, about one per 110 px:
/// `(x, label)`.
pub fn axis_ticks(scale: &Scale) -> Vec<(f64, String)> {
    let target = ((scale.right - scale.left) / TICK_SPACING).round().max(2.0) as usize;
    let ticks: Vec<Tick> = ticks(scale.start, scale.end, target);
    ticks
        .into_iter()
        .map(|tick| (scale.x(tick.time), tick.label))
        .collect()
}

impl Geometry {
    /// Lays `timeline` out through `viewport` on a chart `width` px wide.
    pub fn new(timeline: &Timeline, viewport: Viewport, width: f64) -> Self {
        let (left, right) = (plot_left(width), plot_right(width));
        let scale = Scale::new(viewport.start, viewport.end, left, right);
        let rects = timeline.rects(&scale);
        let paths = state_paths(&rects);
        let bands = bands_path(
            &timeline.blocked_bands(&scale),
            AXIS_HEIGHT,
            (timeline.height - AXIS_HEIGHT).max(0.0),
        );
        let depths = timeline
            .depth_paths(&scale)
            .into_iter()
            .filter_map(|(queue, mut path, max)| {
                let lane = timeline.lane(Row::Queue(queue))?;
                let bottom = lane.y + lane.height;
                path.push_str(&format!("V{bottom:.1}H{left:.1}z"));
                Some((path, lane.y + lane.height / 2.0, max))
            })
            .collect();
        let ticks = axis_ticks(&scale);
        let mut grid = String::new();
        for (x, _) in &ticks {
            grid.push_str(&format!("M{x:.1} {AXIS_HEIGHT:.1}V{:.1}", timeline.height));
        }
        let mut lane_backgrounds = String::new();
        for lane in &timeline.lanes {
            if matches!(lane.row, Row::Task(_) | Row::Loop) {
                push_rect(
                    &mut lane_backgrounds,
                    left,
                    lane.y,
                    right - left,
                    lane.height,
                );
            }
        }
        Self {
            scale,
            rects,
            paths,
            bands,
            depths,
            ticks,
            grid,
            lane_backgrounds,
            right,
        }
    }

    /// The path of `state`'s spans (empty if none).
    pub fn path(&self, state: crate::trace::TaskState) -> String {
        self.paths
            .paths
            .iter()
            .find(|(s, _)| *s == state)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    }
}
