//! Time scales, nice ticks, and the visible window (zoom and pan).

use crate::time::Micros;

/// Maps time (µs) in `[start, end]` onto pixels in `[left, right]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// First visible time.
    pub start: f64,
    /// Last visible time.
    pub end: f64,
    /// Pixel of `start`.
    pub left: f64,
    /// Pixel of `end`.
    pub right: f64,
}

impl Scale {
    /// A scale; an empty time range is widened to 1 µs.
    pub fn new(start: f64, end: f64, left: f64, right: f64) -> Self {
        let end = if end > start { end } else { start + 1.0 };
        Self {
            start,
            end,
            left,
            right,
        }
    }

    /// Pixels per microsecond.
    pub fn pixels_per_micro(&self) -> f64 {
        (self.right - self.left) / (self.end - self.start)
    }

    /// The pixel of time `t`.
    pub fn x(&self, t: f64) -> f64 {
        self.left + (t - self.start) * self.pixels_per_micro()
    }

    /// The time at pixel `x`.
    pub fn time_at(&self, x: f64) -> f64 {
        self.start + (x - self.left) / self.pixels_per_micro()
    }
}

/// A labelled tick on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Its time, in µs.
    pub time: f64,
    /// Its label (`2.5 s`, `150 ms`).
    pub label: String,
}

/// Ticks at 1, 2 or 5 × 10ⁿ µs covering `[start, end]`, the step giving the
/// count nearest to `target`.
pub fn ticks(start: f64, end: f64, target: usize) -> Vec<Tick> {
    let span = end - start;
    if !(span.is_finite() && span > 0.0) || target == 0 {
        return vec![Tick {
            time: start,
            label: time_label(start, 1.0),
        }];
    }
    let step = nice_step(span, target).max(1.0);
    let first = (start / step).ceil() as i64;
    let last = (end / step).floor() as i64;
    (first..=last)
        .map(|i| {
            let time = i as f64 * step;
            Tick {
                time,
                label: time_label(time, step),
            }
        })
        .collect()
}

/// The 1, 2 or 5 × 10ⁿ step that cuts `span` into the count of intervals
/// nearest to `target` (`span` > 0, `target` > 0).
pub fn nice_step(span: f64, target: usize) -> f64 {
    let rough = span / target.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .min_by(|a, b| {
            let off = |step: &f64| (span / step - target as f64).abs();
            off(a).total_cmp(&off(b))
        })
        .unwrap_or(magnitude)
}

/// A time as the seeds write it: seconds from 1 s steps up, else ms or µs,
/// with as many decimals as the step needs.
pub fn time_label(micros: f64, step: f64) -> String {
    let (value, unit, step) = if step >= 100_000.0 {
        (micros / 1e6, "s", step / 1e6)
    } else if step >= 100.0 {
        (micros / 1e3, "ms", step / 1e3)
    } else {
        (micros, "µs", step)
    };
    let decimals = (-step.log10().floor()).clamp(0.0, 6.0) as usize;
    format!("{value:.decimals$} {unit}")
}

/// The visible time window of a chart whose data spans `[0, total]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// First visible time, µs.
    pub start: f64,
    /// Last visible time, µs.
    pub end: f64,
}

/// Narrowest window zoom may reach, µs.
const MIN_WINDOW: f64 = 10.0;

impl Viewport {
    /// The whole run.
    pub fn all(total: Micros) -> Self {
        Self {
            start: 0.0,
            end: (total as f64).max(MIN_WINDOW),
        }
    }

    /// Width of the window, µs.
    pub fn width(&self) -> f64 {
        self.end - self.start
    }

    /// Zooms by `factor` (< 1 zooms in) keeping time `anchor` in place,
    /// clamped to the run `[0, total]`.
    pub fn zoom(&self, factor: f64, anchor: f64, total: Micros) -> Self {
        let total = (total as f64).max(MIN_WINDOW);
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let width = (self.width() * factor).clamp(MIN_WINDOW, total);
        let anchor = anchor.clamp(self.start, self.end);
        let share = (anchor - self.start) / self.width();
        Self {
            start: anchor - share * width,
            end: anchor - share * width + width,
        }
        .clamped(total)
    }

    /// Moves the window by `delta` µs, clamped to the run.
    pub fn pan(&self, delta: f64, total: Micros) -> Self {
        let delta = if delta.is_finite() { delta } else { 0.0 };
        Self {
            start: self.start + delta,
            end: self.end + delta,
        }
        .clamped((total as f64).max(MIN_WINDOW))
    }

    fn clamped(self, total: f64) -> Self {
        let width = self.width().min(total);
        let start = self.start.clamp(0.0, total - width);
        Self {
            start,
            end: start + width,
        }
    }
}
