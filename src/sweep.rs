//! Parameter sweeps: the same scenario at several values of one parameter.
//!
//! Reproduces the first article's table (concurrency, time, speedup): each
//! point is a full virtual run plus its synchronous baseline, and carries the
//! lower bound ([`crate::bounds`]) so a chart can show how close each point
//! gets to the best any schedule could do.

use serde::Serialize;

use crate::bounds::lower_bounds;
use crate::engine::{Mode, simulate};
use crate::limits::MAX_SWEEP_POINTS;
use crate::scenario::{RawDuration, RawScenario, RawStep, ScenarioError};
use crate::stats::makespan;
use crate::time::ms;

/// What a sweep varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    /// The worker count of a stage.
    Workers {
        /// Stage index.
        stage: usize,
    },
    /// The input-queue capacity of a stage (0 = unbounded).
    Capacity {
        /// Stage index.
        stage: usize,
    },
    /// A wait or blocking step's duration, made fixed at each value (ms).
    Duration {
        /// Stage index.
        stage: usize,
        /// Step index.
        step: usize,
    },
}

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    /// The parameter's value.
    pub value: f64,
    /// Makespan, ms.
    pub makespan_ms: f64,
    /// Items per second.
    pub throughput_per_s: f64,
    /// The synchronous baseline's makespan, ms.
    pub sync_makespan_ms: f64,
    /// Synchronous baseline makespan over this point's.
    pub speedup: f64,
    /// The lower bound on the makespan, ms.
    pub bound_ms: f64,
}

/// Runs `raw` with `parameter` set to each of `values`.
pub fn sweep(
    raw: &RawScenario,
    parameter: Parameter,
    values: &[f64],
) -> Result<Vec<SweepPoint>, ScenarioError> {
    if values.is_empty() {
        return Err(ScenarioError::Empty {
            field: "sweep.values".into(),
        });
    }
    if values.len() > MAX_SWEEP_POINTS {
        return Err(ScenarioError::TooLong {
            field: "sweep.values".into(),
            max: MAX_SWEEP_POINTS,
            got: values.len(),
        });
    }
    values
        .iter()
        .map(|&value| {
            let point = with_value(raw, parameter, value)?;
            let scenario = point.validate()?;
            let run = makespan(&simulate(&scenario, Mode::Async));
            let baseline = makespan(&simulate(&scenario, Mode::Sync));
            let items = scenario.item_count() as f64;
            Ok(SweepPoint {
                value,
                makespan_ms: ms(run),
                throughput_per_s: if run > 0 {
                    items / (run as f64 / 1e6)
                } else {
                    0.0
                },
                sync_makespan_ms: ms(baseline),
                speedup: if run > 0 {
                    baseline as f64 / run as f64
                } else {
                    1.0
                },
                bound_ms: ms(lower_bounds(&scenario).best.0),
            })
        })
        .collect()
}

/// `raw` with `parameter` set to `value`; the error names what cannot be set.
pub fn with_value(
    raw: &RawScenario,
    parameter: Parameter,
    value: f64,
) -> Result<RawScenario, ScenarioError> {
    let mut point = raw.clone();
    let stage_index = match parameter {
        Parameter::Workers { stage }
        | Parameter::Capacity { stage }
        | Parameter::Duration { stage, .. } => stage,
    };
    let stage = point
        .stages
        .get_mut(stage_index)
        .ok_or_else(|| ScenarioError::Malformed {
            field: "sweep.stage".into(),
            reason: format!("the scenario has no stage {stage_index}"),
        })?;
    let whole = |value: f64, field: &str| -> Result<u32, ScenarioError> {
        if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX)
        {
            Ok(value as u32)
        } else {
            Err(ScenarioError::OutOfRange {
                field: field.into(),
                allowed: "a whole number".into(),
                got: value.to_string(),
            })
        }
    };
    match parameter {
        Parameter::Workers { .. } => stage.workers = whole(value, "sweep.values")?,
        Parameter::Capacity { .. } => stage.capacity = whole(value, "sweep.values")?,
        Parameter::Duration { step, .. } => match stage.steps.get_mut(step) {
            Some(RawStep::Wait(d) | RawStep::Block(d)) => *d = RawDuration::Fixed(value),
            Some(RawStep::Increment { wait, .. }) => *wait = RawDuration::Fixed(value),
            _ => {
                return Err(ScenarioError::Malformed {
                    field: "sweep.step".into(),
                    reason: format!("step {step} of stage {} has no duration", stage.name),
                });
            }
        },
    }
    Ok(point)
}

/// Runs `raw` with the named stage's workers set to each of `workers` (the CLI's sweep).
pub fn sweep_workers(
    raw: &RawScenario,
    stage: &str,
    workers: &[u32],
) -> Result<Vec<SweepPoint>, ScenarioError> {
    let index = raw
        .stages
        .iter()
        .position(|s| s.name == stage)
        .ok_or_else(|| ScenarioError::Malformed {
            field: "sweep.stage".into(),
            reason: format!("no stage named \"{stage}\""),
        })?;
    let values: Vec<f64> = workers.iter().map(|&w| f64::from(w)).collect();
    sweep(raw, Parameter::Workers { stage: index }, &values)
}
