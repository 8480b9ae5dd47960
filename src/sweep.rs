//! Parameter sweeps: the same scenario at several worker counts.
//!
//! Reproduces the first article's table (concurrency, time, speedup): each
//! point is a full virtual run, and the speedup is over the scenario's
//! synchronous baseline.

use serde::Serialize;

use crate::engine::{Mode, simulate};
use crate::limits::MAX_SWEEP_POINTS;
use crate::scenario::{RawScenario, ScenarioError};
use crate::stats::makespan;
use crate::time::ms;

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    /// Workers of the swept stage.
    pub workers: u32,
    /// Makespan, in ms.
    pub makespan_ms: f64,
    /// Synchronous baseline makespan over this point's.
    pub speedup: f64,
}

/// Runs `raw` with `stage`'s workers set to each of `workers`.
pub fn sweep_workers(
    raw: &RawScenario,
    stage: &str,
    workers: &[u32],
) -> Result<Vec<SweepPoint>, ScenarioError> {
    if workers.is_empty() {
        return Err(ScenarioError::Empty {
            field: "sweep.workers".into(),
        });
    }
    if workers.len() > MAX_SWEEP_POINTS {
        return Err(ScenarioError::TooLong {
            field: "sweep.workers".into(),
            max: MAX_SWEEP_POINTS,
            got: workers.len(),
        });
    }
    let index = raw
        .stages
        .iter()
        .position(|s| s.name == stage)
        .ok_or_else(|| ScenarioError::Malformed {
            field: "sweep.stage".into(),
            reason: format!("no stage named \"{stage}\""),
        })?;
    workers
        .iter()
        .map(|&count| {
            let mut point = raw.clone();
            if let Some(spec) = point.stages.get_mut(index) {
                spec.workers = count;
            }
            let scenario = point.validate()?;
            let run = makespan(&simulate(&scenario, Mode::Async));
            let baseline = makespan(&simulate(&scenario, Mode::Sync));
            Ok(SweepPoint {
                workers: count,
                makespan_ms: ms(run),
                speedup: if run > 0 {
                    baseline as f64 / run as f64
                } else {
                    1.0
                },
            })
        })
        .collect()
}
