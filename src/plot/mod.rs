//! Plots besides the timeline, as pure geometry: the sweep chart and the
//! ordering (permutation) view. Like [`crate::chart`], every pixel is
//! computed here and tested natively; the UI only draws.

pub mod ordering;
pub mod sweep;

use crate::chart::scale::nice_step;

/// About `target` round values covering `[low, high]` (both included when round).
pub fn nice_values(low: f64, high: f64, target: usize) -> Vec<f64> {
    let span = high - low;
    if !(span.is_finite() && span > 0.0) {
        return vec![low];
    }
    let step = nice_step(span, target);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

pub use crate::format::number_label;
