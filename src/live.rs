//! Live runs, the pure part: what the page says before, during and after
//! a run on its own event loop.
//!
//! ```text
//!  before   preview's longest block + scale ──► cap_warning: blocks cut at MAX_BLOCK_MS,
//!                                      a run past MAX_RUN_MS, and a scale that fits
//!  during   Progress (scenario µs reached, real ms, scale, paused) ──► status_line
//!           stats labelled "so far"; speedup, insights and bounds wait for the end
//!  after    Outcome + Stopped ──► end_line; lateness samples ──► percentiles
//! ```
//!
//! The browser side ([`crate::driver`] on wasm, `ui::live`) only measures
//! and shows; every sentence and threshold is here, tested natively.

use std::fmt;

use crate::engine::{Outcome, Stopped};
use crate::format::{grouped, micros, real_ms};
use crate::limits::{MAX_BLOCK_MS, MAX_RUN_MS};
use crate::preview::LIVE_SCALES;
use crate::time::Micros;

/// Speeds a live run can change to while it runs, as multiples of the
/// speed it started at.
pub const LIVE_SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

/// Share of [`MAX_RUN_MS`] a suggested scale aims at (room for the engine).
const RUN_HEADROOM: f64 = 0.8;

/// Median and 99th percentile (nearest rank) of the finite values; zeros
/// when there are none.
pub fn percentiles(values: &[f64]) -> (f64, f64) {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return (0.0, 0.0);
    }
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let rank = ((q * sorted.len() as f64).ceil() as usize).saturating_sub(1);
        sorted[rank.min(sorted.len() - 1)]
    };
    (at(0.5), at(0.99))
}

/// What a live run at some scale would run into, said before it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct CapWarning {
    /// The scale asked for, real ms per scenario ms.
    pub scale: f64,
    /// The longest blocking step, scenario µs.
    pub longest_block: Micros,
    /// Whether blocks would be cut at [`MAX_BLOCK_MS`].
    pub blocks_cut: bool,
    /// Whether the run would pass [`MAX_RUN_MS`].
    pub run_capped: bool,
    /// Real ms the run would take at `scale` (blocks uncut).
    pub planned_ms: f64,
    /// A scale from [`fitting_scales`] at which neither happens (`None`:
    /// even the slowest one does not fit).
    pub suggested: Option<f64>,
}

/// Scales a warning may suggest: [`LIVE_SCALES`] and smaller ones in the
/// same 1-2-5 steps, down to 1 µs real per scenario ms.
pub fn fitting_scales() -> Vec<f64> {
    let mut scales: Vec<f64> = [
        1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3,
    ]
    .into_iter()
    .chain(LIVE_SCALES)
    .collect();
    scales.sort_by(f64::total_cmp);
    scales
}

/// The warning for running a scenario whose preview's longest blocking
/// step is `longest_block` µs (the chart's [`crate::chart::Timeline::longest_block`])
/// and makespan `makespan` µs live at `scale`; `None` when it fits the caps.
pub fn cap_warning(longest_block: Micros, makespan: Micros, scale: f64) -> Option<CapWarning> {
    let real = |us: Micros, scale: f64| us as f64 / 1000.0 * scale;
    let fits = |scale: f64| {
        real(longest_block, scale) <= MAX_BLOCK_MS
            && real(makespan, scale) <= MAX_RUN_MS * RUN_HEADROOM
    };
    if fits(scale) {
        return None;
    }
    let suggested = fitting_scales()
        .into_iter()
        .rfind(|&s| s <= scale && fits(s));
    Some(CapWarning {
        scale,
        longest_block,
        blocks_cut: real(longest_block, scale) > MAX_BLOCK_MS,
        run_capped: real(makespan, scale) > MAX_RUN_MS * RUN_HEADROOM,
        planned_ms: real(makespan, scale),
        suggested,
    })
}

impl fmt::Display for CapWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.blocks_cut {
            parts.push(format!(
                "its longest blocking step ({}) would freeze the page for {} and is cut at {} s",
                micros(self.longest_block),
                real_ms(self.longest_block as f64 / 1000.0 * self.scale),
                MAX_BLOCK_MS / 1000.0
            ));
        }
        if self.run_capped {
            parts.push(format!(
                "the run would take {} of real time, past the cap of {} s",
                real_ms(self.planned_ms),
                MAX_RUN_MS / 1000.0
            ));
        }
        write!(f, "At this time scale, {}.", parts.join(", and "))?;
        match self.suggested {
            Some(scale) => write!(
                f,
                " At {} it fits: blocks stay whole and the run ends in time.",
                crate::preview::scale_label(scale)
            ),
            None => write!(f, " No time scale fits; the run will be cut."),
        }
    }
}

/// A live run in progress, as its status line says it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Scenario µs reached.
    pub reached: Micros,
    /// The preview's makespan, µs.
    pub expected: Micros,
    /// Real ms played so far (pauses excluded).
    pub real_ms: f64,
    /// The scale now, real ms per scenario ms.
    pub scale: f64,
    /// Whether it is paused.
    pub paused: bool,
}

/// "Running live at 1 s → 1 s live: 1.234 s of about 2.743 s scenario
/// time, 1.30 s real" (or "Paused at …").
pub fn status_line(p: &Progress) -> String {
    let state = if p.paused { "Paused" } else { "Running live" };
    format!(
        "{state} at {}: {} of about {} scenario time, {} real{}",
        crate::preview::scale_label(p.scale),
        micros(p.reached),
        micros(p.expected),
        real_seconds(p.real_ms),
        if p.paused {
            ". Step runs one loop iteration."
        } else {
            "…"
        }
    )
}

/// The status line of a finished live run.
pub fn end_line(outcome: &Outcome, stopped: Option<&Stopped>, real: f64) -> String {
    match (outcome, stopped) {
        (Outcome::Completed, _) => {
            format!("Live run finished in {} real time.", real_seconds(real))
        }
        (Outcome::Deadlock(waiting), _) => format!(
            "Live run ended in a deadlock: {} tasks wait forever.",
            waiting.len()
        ),
        (_, Some(stopped)) => format!("{stopped} ({} real time)", real_seconds(real)),
        (_, None) => format!("Live run cut short after {} real time.", real_seconds(real)),
    }
}

/// The status line of a live run that is over while its figures are
/// worked out (a big run's take a few frames): how it ended, where, and
/// how many events it recorded.
pub fn finishing_line(outcome: &Outcome, reached: Micros, events: usize) -> String {
    let how = match outcome {
        Outcome::Stopped => "Stopped by you",
        Outcome::RunCap => "Stopped by the live run's cap of 60 s real time",
        Outcome::EventLimit => "Stopped by the event cap",
        Outcome::Completed => "Live run finished",
        Outcome::Deadlock(_) => "Live run ended in a deadlock",
    };
    format!(
        "{how} at {} scenario time: working out the figures of its {} events…",
        micros(reached),
        grouped(events)
    )
}

/// A stat's label while the run it describes is still going.
pub fn so_far(label: &str, running: bool) -> String {
    if running {
        format!("{label} so far")
    } else {
        label.to_string()
    }
}

/// What a figure that needs the whole run shows while it runs.
pub const AT_THE_END: &str = "at the end of the run";

/// What such a figure shows for a run cut short before its items were done.
pub const CUT_SHORT: &str = "none: the run was cut short";

fn real_seconds(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        real_ms(ms)
    }
}
