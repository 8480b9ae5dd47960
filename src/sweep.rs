//! Parameter sweeps: the same scenario at several values of one parameter.
//!
//! Reproduces the first article's table (concurrency, time, speedup): each
//! point is a full virtual run plus its synchronous baseline, and carries the
//! lower bound ([`crate::bounds`]) so a chart can show how close each point
//! gets to the best any schedule could do.
//!
//! A point whose run (or baseline) was stopped by the event cap before every
//! item finished is flagged ([`SweepPoint::capped`]): its time is only how
//! far the run got, not a result, and may even fall below the bound.

use serde::Serialize;

use crate::bounds::lower_bounds;
use crate::driver::simulate;
use crate::engine::{Mode, Stopped};
use crate::limits::MAX_SWEEP_POINTS;
use crate::scenario::{RawDuration, RawScenario, RawStep, Scenario, ScenarioError};
use crate::stats::makespan;
use crate::time::ms;

/// What a sweep varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
    /// Set if a cap stopped the run: then `makespan_ms` is the time reached
    /// unless every item had finished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Stopped>,
    /// Set if a cap stopped the synchronous baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_stopped: Option<Stopped>,
}

impl SweepPoint {
    /// Whether a cap stopped the run or its baseline before every item had
    /// finished: the time (or the speedup) is then not a result, only how
    /// far the run got.
    pub fn capped(&self) -> bool {
        [self.stopped, self.baseline_stopped]
            .iter()
            .flatten()
            .any(|stop| !stop.figures_complete)
    }
}

/// Runs `raw` with `parameter` set to each of `values`.
pub fn sweep(
    raw: &RawScenario,
    parameter: Parameter,
    values: &[f64],
) -> Result<Vec<SweepPoint>, ScenarioError> {
    sweep_with_progress(raw, parameter, values, |_| {})
}

/// [`sweep`], calling `done(n)` after the `n`th point (for a progress line).
pub fn sweep_with_progress(
    raw: &RawScenario,
    parameter: Parameter,
    values: &[f64],
    mut done: impl FnMut(usize),
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
        .enumerate()
        .map(|(index, &value)| {
            let (point, _) = sweep_point(raw, parameter, value)?;
            done(index + 1);
            Ok(point)
        })
        .collect()
}

/// One point of a sweep: `raw` with `parameter` at `value`, run (and its
/// synchronous baseline), with the checked scenario that ran (what the
/// page words the point's bound from). The page runs a sweep point by
/// point, yielding between them.
pub fn sweep_point(
    raw: &RawScenario,
    parameter: Parameter,
    value: f64,
) -> Result<(SweepPoint, Scenario), ScenarioError> {
    let scenario = with_value(raw, parameter, value)?.validate()?;
    let (run, baseline) = (
        simulate(&scenario, Mode::Async),
        simulate(&scenario, Mode::Sync),
    );
    let (stopped, baseline_stopped) = (run.stopped(), baseline.stopped());
    let (run, baseline) = (makespan(&run), makespan(&baseline));
    let items = scenario.item_count() as f64;
    let point = SweepPoint {
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
        stopped,
        baseline_stopped,
    };
    Ok((point, scenario))
}

/// The parameter a sweep varies: `chosen` if `raw` still has it, else the
/// workers of the busiest stage (`utilization` per stage, from the stats).
pub fn chosen_parameter(
    raw: &RawScenario,
    chosen: Option<Parameter>,
    utilization: impl IntoIterator<Item = f64>,
) -> Parameter {
    if let Some(p) = chosen.filter(|p| parameters(raw).contains(p)) {
        return p;
    }
    let busiest = utilization
        .into_iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(0, |(i, _)| i);
    Parameter::Workers { stage: busiest }
}

/// Which of `values` of a sweep of `base` over `parameter` is `raw` (the
/// scenario shown now), if any.
pub fn position_of(
    base: &RawScenario,
    parameter: Parameter,
    values: impl IntoIterator<Item = f64>,
    raw: &RawScenario,
) -> Option<usize> {
    values
        .into_iter()
        .position(|v| with_value(base, parameter, v).is_ok_and(|c| &c == raw))
}

/// Why a sweep could not run `parameter` at `value`, in the page's words
/// (no field paths): `workers of B = 2.5: must be a whole number`.
pub fn point_problem(
    raw: &RawScenario,
    parameter: Parameter,
    value: f64,
    error: &ScenarioError,
) -> String {
    let at = format!(
        "{} = {}",
        parameter_label(raw, parameter),
        crate::format::number_label(value)
    );
    match error {
        ScenarioError::OutOfRange { allowed, .. } => match allowed.split_once("..=") {
            Some((low, high)) => format!("{at}: must be between {low} and {high}"),
            None => format!("{at}: must be {allowed}"),
        },
        ScenarioError::Invalid { rule, .. } => format!("{at}: {rule}"),
        _ => format!("{at}: the scenario cannot run with this value"),
    }
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
    sweep_workers_with_progress(raw, stage, workers, |_| {})
}

/// [`sweep_workers`], calling `done(n)` after the `n`th point.
pub fn sweep_workers_with_progress(
    raw: &RawScenario,
    stage: &str,
    workers: &[u32],
    done: impl FnMut(usize),
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
    sweep_with_progress(raw, Parameter::Workers { stage: index }, &values, done)
}

/// What a sweep over `parameter` of `raw` is called on the page
/// (`workers of detail`, `capacity of consume`, `detail step 1 (wait) duration`).
pub fn parameter_label(raw: &RawScenario, parameter: Parameter) -> String {
    let stage = |s: usize| raw.stages.get(s).map_or("?", |st| st.name.as_str());
    match parameter {
        Parameter::Workers { stage: s } => format!("workers of {}", stage(s)),
        Parameter::Capacity { stage: s } => {
            format!("input queue capacity of {} (0 = unbounded)", stage(s))
        }
        Parameter::Duration { stage: s, step } => {
            let kind = match raw.stages.get(s).and_then(|st| st.steps.get(step)) {
                Some(RawStep::Block(_)) => "block",
                Some(RawStep::Increment { .. }) => "increment",
                _ => "wait",
            };
            format!("{} step {} ({kind}) duration, ms", stage(s), step + 1)
        }
    }
}

/// Every parameter a sweep can vary in `raw`: per stage its workers, its
/// input queue's capacity (not the source's), each timed step's duration.
pub fn parameters(raw: &RawScenario) -> Vec<Parameter> {
    let mut list = Vec::new();
    for (stage, st) in raw.stages.iter().enumerate() {
        list.push(Parameter::Workers { stage });
        if stage > 0 {
            list.push(Parameter::Capacity { stage });
        }
        for (step, s) in st.steps.iter().enumerate() {
            if matches!(
                s,
                RawStep::Wait(_) | RawStep::Block(_) | RawStep::Increment { .. }
            ) {
                list.push(Parameter::Duration { stage, step });
            }
        }
    }
    list
}

/// The values a sweep of `parameter` starts with, as the values field
/// reads them: workers `1..16` (or up to the current count, 16 points at
/// most), capacity `0..8`, a duration from 0 to twice its typical value.
pub fn default_values(raw: &RawScenario, parameter: Parameter) -> String {
    match parameter {
        Parameter::Workers { stage } => {
            let now = raw.stages.get(stage).map_or(1, |s| s.workers).max(16);
            let step = (now - 1).div_ceil(15);
            if step <= 1 {
                format!("1..{now}")
            } else {
                format!("1..{now} step {step}")
            }
        }
        Parameter::Capacity { .. } => "0..8".into(),
        Parameter::Duration { stage, step } => {
            let typical = match raw.stages.get(stage).and_then(|s| s.steps.get(step)) {
                Some(RawStep::Wait(d) | RawStep::Block(d)) => d.typical_ms(),
                Some(RawStep::Increment { wait, .. }) => wait.typical_ms(),
                _ => 0.0,
            };
            // A quarter of it, to three decimals like the labels: 9 points.
            let quarter = if typical > 0.0 {
                ((typical / 4.0) * 1000.0).round().max(1.0) / 1000.0
            } else {
                25.0
            };
            format!(
                "0..{} step {}",
                crate::format::number_label(quarter * 8.0),
                crate::format::number_label(quarter)
            )
        }
    }
}

/// Reads the values of a sweep as typed: a list (`1, 2, 4, 8`), ranges
/// (`1..16`, `0..2 step 0.25`), or both (`1..4, 8, 16`). `number` reads one
/// number (the app passes its own parser, which keeps float parsing tables
/// out of the bundle). The message says what is wrong.
pub fn parse_values(text: &str, number: impl Fn(&str) -> Option<f64>) -> Result<Vec<f64>, String> {
    let read = |t: &str| -> Result<f64, String> {
        number(t.trim())
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| format!("\"{}\" is not a number ≥ 0", t.trim()))
    };
    let mut values = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((from, rest)) = part.split_once("..") else {
            values.push(read(part)?);
            continue;
        };
        let (to, step) = match rest.split_once("step") {
            Some((to, step)) => (to, read(step)?),
            None => (rest, 1.0),
        };
        let (from, to) = (read(from)?, read(to)?);
        if step <= 0.0 {
            return Err("a range's step must be more than 0".into());
        }
        if to < from {
            return Err(format!("the range {part} runs backwards"));
        }
        let count = ((to - from) / step + 1e-9).floor() as usize + 1;
        if values.len() + count > MAX_SWEEP_POINTS {
            return Err(format!("at most {MAX_SWEEP_POINTS} points"));
        }
        // Multiplying (not adding up steps) keeps 0.1 steps clean.
        values.extend((0..count).map(|i| ((from + i as f64 * step) * 1e9).round() / 1e9));
    }
    if values.is_empty() {
        return Err("enter values, like 1..16 or 1, 2, 4, 8".into());
    }
    if values.len() > MAX_SWEEP_POINTS {
        return Err(format!("at most {MAX_SWEEP_POINTS} points"));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::find;

    fn raw(id: &str) -> RawScenario {
        find(id).and_then(|p| p.raw().ok()).expect("a preset")
    }

    #[test]
    fn one_point_is_the_sweep_at_that_value() {
        let raw = raw("parallel-downloads");
        let parameter = Parameter::Workers { stage: 1 };
        let (point, scenario) = sweep_point(&raw, parameter, 8.0).expect("a point");
        assert_eq!(scenario.stages[1].workers, 8);
        assert_eq!(sweep(&raw, parameter, &[8.0]).expect("a sweep"), [point]);
    }

    #[test]
    fn the_parameter_chosen_and_the_point_shown() {
        let raw = raw("parallel-downloads");
        let workers = |stage| Parameter::Workers { stage };
        assert_eq!(chosen_parameter(&raw, None, [0.1, 0.9]), workers(1));
        assert_eq!(
            chosen_parameter(&raw, Some(workers(0)), [0.1, 0.9]),
            workers(0)
        );
        // A parameter the scenario no longer has falls back to the busiest stage.
        assert_eq!(
            chosen_parameter(&raw, Some(workers(7)), [0.9, 0.1]),
            workers(0)
        );
        let values = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert_eq!(position_of(&raw, workers(1), values, &raw), Some(3));
        let mut other = raw.clone();
        other.seed += 1;
        assert_eq!(position_of(&raw, workers(1), values, &other), None);
    }

    #[test]
    fn a_point_that_cannot_run_is_named_in_plain_words() {
        let raw = raw("parallel-downloads");
        let parameter = Parameter::Workers { stage: 1 };
        let problem = |value| {
            let error = sweep_point(&raw, parameter, value).expect_err("an error");
            point_problem(&raw, parameter, value, &error)
        };
        assert_eq!(
            problem(2.5),
            "workers of detail = 2.5: must be a whole number"
        );
        assert_eq!(
            problem(0.0),
            "workers of detail = 0: must be between 1 and 1000"
        );
    }
}
