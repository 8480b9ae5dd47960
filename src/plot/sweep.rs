//! The sweep chart: a metric against the swept parameter, with the lines
//! that explain it (lower bound, synchronous baseline, ideal speedup).
//!
//! ```text
//!  makespan ┤●                       ● measured
//!           │ ╲●                     ┄ lower bound (no schedule can beat it)
//!           │  ╲ ●━━●━━●━━●          ─ synchronous baseline
//!           └──┬──┬──┬──┬──┬── workers
//! ```
//!
//! [`SweepRow`] words a point for the table beside the chart (times in
//! seconds, like the CLI's `interleave sweep`).

use serde::Serialize;

use super::{nice_values, number_label};
use crate::bounds::lower_bounds;
use crate::insight::describe::{bound_sentence, limit};
use crate::scenario::Scenario;
use crate::sweep::SweepPoint;

/// What the chart plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Time to finish, seconds.
    Makespan,
    /// Items per second.
    Throughput,
    /// Synchronous baseline over makespan.
    Speedup,
}

impl Metric {
    /// Axis label.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Makespan => "makespan (s)",
            Metric::Throughput => "throughput (items/s)",
            Metric::Speedup => "speedup (×)",
        }
    }
}

/// A drawn series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// Legend name.
    pub name: &'static str,
    /// SVG path `d`.
    pub path: String,
    /// Its points, px.
    pub points: Vec<(f64, f64)>,
}

/// The chart, laid out in a `width` × `height` box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPlot {
    /// The measured metric (its points are clickable, in sweep order).
    pub measured: Series,
    /// Reference lines: the bound-derived limit, the synchronous baseline.
    pub references: Vec<Series>,
    /// X ticks: (px, label).
    pub x_ticks: Vec<(f64, String)>,
    /// Y ticks: (px, label).
    pub y_ticks: Vec<(f64, String)>,
    /// The plot area: left, top, right, bottom, px.
    pub area: (f64, f64, f64, f64),
}

/// Margins around the plot area: left, top, right, bottom, px.
const MARGIN: (f64, f64, f64, f64) = (48.0, 10.0, 12.0, 28.0);

fn values(points: &[SweepPoint], metric: Metric) -> [Vec<f64>; 3] {
    let items = |p: &SweepPoint| p.throughput_per_s * p.makespan_ms / 1000.0;
    let measured = points
        .iter()
        .map(|p| match metric {
            Metric::Makespan => p.makespan_ms / 1000.0,
            Metric::Throughput => p.throughput_per_s,
            Metric::Speedup => p.speedup,
        })
        .collect();
    let best = points
        .iter()
        .map(|p| match metric {
            Metric::Makespan => p.bound_ms / 1000.0,
            Metric::Throughput if p.bound_ms > 0.0 => items(p) / (p.bound_ms / 1000.0),
            Metric::Speedup if p.bound_ms > 0.0 => p.sync_makespan_ms / p.bound_ms,
            _ => 0.0,
        })
        .collect();
    let baseline = points
        .iter()
        .map(|p| match metric {
            Metric::Makespan => p.sync_makespan_ms / 1000.0,
            Metric::Throughput if p.sync_makespan_ms > 0.0 => {
                items(p) / (p.sync_makespan_ms / 1000.0)
            }
            _ => 1.0,
        })
        .collect();
    [measured, best, baseline]
}

/// Lays out `points` (in sweep order) for `metric` in a `width` × `height` box.
pub fn sweep_plot(points: &[SweepPoint], metric: Metric, width: f64, height: f64) -> SweepPlot {
    let (left, top) = (MARGIN.0, MARGIN.1);
    let (right, bottom) = (
        (width - MARGIN.2).max(left + 1.0),
        (height - MARGIN.3).max(top + 1.0),
    );
    let [measured, best, baseline] = values(points, metric);
    let xs: Vec<f64> = points.iter().map(|p| p.value).collect();
    let finite = |v: &&f64| v.is_finite();
    let (x_low, x_high) = bounds(xs.iter().filter(finite).copied());
    let (_, y_high) = bounds(
        measured
            .iter()
            .chain(&best)
            .chain(&baseline)
            .filter(finite)
            .copied(),
    );
    let y_top = if y_high > 0.0 { y_high * 1.05 } else { 1.0 };
    let x_span = if x_high > x_low { x_high - x_low } else { 1.0 };
    let x_px = |x: f64| left + (x - x_low) / x_span * (right - left);
    let y_px = |y: f64| bottom - (y / y_top).clamp(0.0, 1.0) * (bottom - top);
    let series = |name, ys: &[f64]| {
        let points: Vec<(f64, f64)> = xs
            .iter()
            .zip(ys)
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|(&x, &y)| (x_px(x), y_px(y)))
            .collect();
        let path = points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { 'M' } else { 'L' }))
            .collect();
        Series { name, path, points }
    };
    let (best_name, baseline_name) = match metric {
        Metric::Makespan => ("lower bound", "synchronous baseline"),
        Metric::Throughput => ("upper bound", "synchronous baseline"),
        Metric::Speedup => ("best possible", "no speedup"),
    };
    SweepPlot {
        measured: series(metric.label(), &measured),
        references: vec![series(best_name, &best), series(baseline_name, &baseline)],
        x_ticks: nice_values(x_low, x_high.max(x_low + 1.0), 6)
            .into_iter()
            .map(|x| (x_px(x), number_label(x)))
            .collect(),
        y_ticks: nice_values(0.0, y_top, 5)
            .into_iter()
            .map(|y| (y_px(y), number_label(y)))
            .collect(),
        area: (left, top, right, bottom),
    }
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

impl SweepPlot {
    /// The measured point nearest to pixel `x` (its index in the sweep).
    pub fn nearest(&self, x: f64) -> Option<usize> {
        self.measured
            .points
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1.0 - x).abs().total_cmp(&(b.1.0 - x).abs()))
            .map(|(i, _)| i)
    }
}

/// A point of a sweep as the table and the chart's tooltips word it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepRow {
    /// The parameter's value: `8`, `0.25`.
    pub value: String,
    /// Makespan: `1.864 s`.
    pub time: String,
    /// Items per second: `4.29`.
    pub per_s: String,
    /// Against the synchronous baseline: `×6.97`.
    pub speedup: String,
    /// The lower bound: `1.600 s`.
    pub bound: String,
    /// What sets the bound, in a few words: `stage detail`.
    pub limit: String,
    /// What sets the bound, as a sentence.
    pub why: String,
    /// The point's tooltip on the chart.
    pub tip: String,
}

fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

impl SweepRow {
    /// The row of `point`, a run of `scenario`.
    pub fn new(point: &SweepPoint, scenario: &Scenario) -> Self {
        let bounds = lower_bounds(scenario);
        let value = number_label(point.value);
        Self {
            tip: format!(
                "{value}: {} (×{:.2}); bound {}. Click to load it.",
                seconds(point.makespan_ms),
                point.speedup,
                seconds(point.bound_ms)
            ),
            value,
            time: seconds(point.makespan_ms),
            per_s: format!("{:.2}", point.throughput_per_s),
            speedup: format!("×{:.2}", point.speedup),
            bound: seconds(point.bound_ms),
            limit: limit(scenario, bounds.best.1),
            why: bound_sentence(scenario, &bounds),
        }
    }
}

#[cfg(test)]
mod row_tests {
    use super::*;
    use crate::presets::find;
    use crate::sweep::{Parameter, sweep_point};

    #[test]
    fn eight_downloads_read_like_the_cli_table() {
        let raw = find("parallel-downloads")
            .and_then(|p| p.raw().ok())
            .expect("a preset");
        let (point, scenario) =
            sweep_point(&raw, Parameter::Workers { stage: 1 }, 8.0).expect("a point");
        let row = SweepRow::new(&point, &scenario);
        assert_eq!(
            [&row.value, &row.time, &row.speedup, &row.bound],
            ["8", "1.864 s", "×6.97", "1.600 s"]
        );
        assert_eq!(
            row.tip,
            "8: 1.864 s (×6.97); bound 1.600 s. Click to load it."
        );
        assert!(row.why.starts_with("No run can beat 1.6 s"), "{}", row.why);
    }
}
