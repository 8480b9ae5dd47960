//! Replay a run one loop iteration at a time, forwards or backwards.
//!
//! ```text
//!  Trace::iterations (first event of each) ──► Positions
//!     position 0     after the setup (tasks spawned), before iteration 1
//!     position k     after iteration k                 ──► last event ──► scrub::state_after
//!  Step: ±1 position · Play: the replay clock moves by real time × speed,
//!        the position follows it (never backwards while playing)
//! ```
//!
//! Stepping back is exact: a position's state is recomputed from the trace
//! ([`crate::insight::scrub::state_after`]), never undone.

use crate::time::Micros;
use crate::trace::Trace;

use super::scrub::Points;

/// The positions of a replay: one before the first iteration and one
/// after each iteration, with the loop's time there.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    /// For position `p`, the index of the last event applied (`None`: none).
    last_event: Vec<Option<usize>>,
    /// For position `p`, the loop's time there.
    time: Vec<Micros>,
}

impl Positions {
    /// The positions of `trace` (a trace without recorded iterations has
    /// one position: its end).
    pub fn new(trace: &Trace) -> Self {
        let points = Points::new(trace);
        let events = trace.events.len();
        let mut last_event: Vec<Option<usize>> = trace
            .iterations
            .iter()
            .map(|&first| first.min(events).checked_sub(1))
            .collect();
        last_event.push(events.checked_sub(1));
        let time = last_event
            .iter()
            .map(|e| e.map_or(0, |i| points.time(i)))
            .collect();
        Self { last_event, time }
    }

    /// How many positions there are (iterations + 1).
    pub fn len(&self) -> usize {
        self.last_event.len()
    }

    /// Whether there are none (never: even an empty trace has its end).
    pub fn is_empty(&self) -> bool {
        self.last_event.is_empty()
    }

    /// The last position.
    pub fn last(&self) -> usize {
        self.len().saturating_sub(1)
    }

    /// The last event applied at `position` (clamped to the last position).
    pub fn last_event(&self, position: usize) -> Option<usize> {
        self.last_event
            .get(position.min(self.last()))
            .copied()
            .flatten()
    }

    /// The loop's time at `position` (clamped).
    pub fn time(&self, position: usize) -> Micros {
        self.time
            .get(position.min(self.last()))
            .copied()
            .unwrap_or(0)
    }

    /// The last position whose time is at or before `time`.
    pub fn at(&self, time: Micros) -> usize {
        self.time.partition_point(|&t| t <= time).saturating_sub(1)
    }

    /// One iteration forwards (`true`) or backwards from `position`,
    /// within the run.
    pub fn step(&self, position: usize, forwards: bool) -> usize {
        if forwards {
            (position + 1).min(self.last())
        } else {
            position.min(self.last()).saturating_sub(1)
        }
    }

    /// Where playing goes from `position` and replay clock `clock` (µs)
    /// after `real_ms` at `scale` real ms per scenario ms: the new clock,
    /// and the last position at or before it (never behind `position`).
    /// The clock stops at the end of the run.
    pub fn play(&self, position: usize, clock: f64, real_ms: f64, scale: f64) -> (usize, f64) {
        let end = self.time(self.last()) as f64;
        let advance = if scale.is_finite() && scale > 0.0 && real_ms.is_finite() {
            real_ms.max(0.0) / scale * 1000.0
        } else {
            0.0
        };
        let clock = (clock.max(self.time(position) as f64) + advance).min(end);
        let reached = self.at(clock as Micros).max(position).min(self.last());
        (reached, clock)
    }

    /// Whether `position` is the end of the run.
    pub fn at_end(&self, position: usize) -> bool {
        position >= self.last()
    }
}

/// Replay speeds offered, as multiples of the automatic rate (which plays
/// the run in a few seconds).
pub const REPLAY_SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

/// "Iteration 12 of 40 · 1.500 s": where a replay is, in words.
pub fn position_line(positions: &Positions, position: usize) -> String {
    let position = position.min(positions.last());
    let time = crate::format::micros(positions.time(position));
    if position == 0 {
        format!(
            "Before the first loop iteration (tasks spawned) · {time} · {} iterations in all",
            positions.last()
        )
    } else {
        format!(
            "After loop iteration {position} of {} · {time}",
            positions.last()
        )
    }
}
