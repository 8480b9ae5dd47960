//! Raw ⇒ checked: every rule a scenario must follow, each error naming its field.

use std::collections::HashSet;

use rand::distr::Uniform;

use super::{
    FORMAT_VERSION, Law, RawDuration, RawItems, RawResource, RawScenario, RawStage, RawStep,
    Resource, ResourceKind, Scenario, ScenarioError, Stage, Step,
};
use crate::limits::*;
use crate::time::micros_from_ms;

/// Largest log-normal shape accepted: past it one draw dwarfs all others.
const MAX_SIGMA: f64 = 4.0;

pub(super) fn validate(raw: &RawScenario) -> Result<Scenario, ScenarioError> {
    if raw.version != FORMAT_VERSION {
        return Err(ScenarioError::UnsupportedVersion { got: raw.version });
    }
    let labels = labels(&raw.items)?;
    if raw.loop_overhead_us > MAX_LOOP_OVERHEAD_US {
        return Err(out_of_range(
            "loop_overhead_us",
            format!("0..={MAX_LOOP_OVERHEAD_US}"),
            raw.loop_overhead_us,
        ));
    }
    let resources = resources(&raw.resources)?;
    let mut counters = Vec::new();
    let stages = stages(&raw.stages, &resources, &mut counters)?;
    per_item_total(&raw.stages)?;
    Ok(Scenario {
        raw: raw.clone(),
        labels,
        loop_overhead: raw.loop_overhead_us,
        resources,
        counters,
        stages,
    })
}

fn out_of_range(field: impl Into<String>, allowed: String, got: impl ToString) -> ScenarioError {
    ScenarioError::OutOfRange {
        field: field.into(),
        allowed,
        got: got.to_string(),
    }
}

fn labels(items: &RawItems) -> Result<Vec<String>, ScenarioError> {
    match items {
        RawItems::Count(n) => {
            let n = *n as usize;
            if !(1..=MAX_ITEMS).contains(&n) {
                return Err(out_of_range("items.count", format!("1..={MAX_ITEMS}"), n));
            }
            Ok((0..n).map(|i| i.to_string()).collect())
        }
        RawItems::Text(text) => {
            let chars = text.chars().count();
            if chars == 0 {
                return Err(ScenarioError::Empty {
                    field: "items.text".into(),
                });
            }
            if chars > MAX_ITEMS {
                return Err(ScenarioError::TooLong {
                    field: "items.text".into(),
                    max: MAX_ITEMS,
                    got: chars,
                });
            }
            Ok(text.chars().map(String::from).collect())
        }
    }
}

fn check_name(field: &str, name: &str) -> Result<(), ScenarioError> {
    if name.trim().is_empty() {
        return Err(ScenarioError::Empty {
            field: field.into(),
        });
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_LEN {
        return Err(ScenarioError::TooLong {
            field: field.into(),
            max: MAX_NAME_LEN,
            got: chars,
        });
    }
    if name.chars().any(char::is_control) {
        return Err(ScenarioError::Invalid {
            field: field.into(),
            rule: "must not contain control characters",
        });
    }
    if name.chars().any(is_bidi_control) {
        return Err(ScenarioError::Invalid {
            field: field.into(),
            rule: "must not contain bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069)",
        });
    }
    Ok(())
}

/// The bidirectional embedding, override and isolate controls
/// (U+202A–U+202E, U+2066–U+2069): they reorder the text around them, so a
/// name could read as something else.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Per-item values in all steps together stay under [`MAX_PER_ITEM_VALUES`]
/// (which keeps every valid scenario small enough for a link).
fn per_item_total(raw: &[RawStage]) -> Result<(), ScenarioError> {
    let mut total = 0usize;
    for (s, stage) in raw.iter().enumerate() {
        for (i, step) in stage.steps.iter().enumerate() {
            let (kind, law) = match step {
                RawStep::Wait(law) => ("wait", law),
                RawStep::Block(law) => ("block", law),
                RawStep::Increment { wait, .. } => ("increment.wait", wait),
                _ => continue,
            };
            if let RawDuration::PerItem(values) = law {
                total += values.len();
                if total > MAX_PER_ITEM_VALUES {
                    return Err(out_of_range(
                        format!("stages[{s}].steps[{i}].{kind}.per_item"),
                        format!(
                            "at most {MAX_PER_ITEM_VALUES} per-item values in all steps together"
                        ),
                        total,
                    ));
                }
            }
        }
    }
    Ok(())
}

fn check_unique<'a>(
    seen: &mut HashSet<&'a str>,
    field: &str,
    name: &'a str,
) -> Result<(), ScenarioError> {
    if seen.insert(name) {
        Ok(())
    } else {
        Err(ScenarioError::Duplicate {
            field: field.into(),
            name: name.into(),
        })
    }
}

fn resources(raw: &[RawResource]) -> Result<Vec<Resource>, ScenarioError> {
    if raw.len() > MAX_RESOURCES {
        return Err(ScenarioError::TooLong {
            field: "resources".into(),
            max: MAX_RESOURCES,
            got: raw.len(),
        });
    }
    let mut seen = HashSet::new();
    raw.iter()
        .enumerate()
        .map(|(i, resource)| {
            let field = format!("resources[{i}]");
            check_name(&format!("{field}.name"), &resource.name)?;
            check_unique(&mut seen, &format!("{field}.name"), &resource.name)?;
            let (min, max) = match resource.kind {
                ResourceKind::Lock => (1, 1),
                ResourceKind::Semaphore => (1, MAX_PERMITS),
            };
            if !(min..=max).contains(&resource.permits) {
                return Err(out_of_range(
                    format!("{field}.permits"),
                    format!("{min}..={max}"),
                    resource.permits,
                ));
            }
            Ok(Resource {
                name: resource.name.clone(),
                kind: resource.kind,
                permits: resource.permits,
            })
        })
        .collect()
}

fn stages(
    raw: &[RawStage],
    resources: &[Resource],
    counters: &mut Vec<String>,
) -> Result<Vec<Stage>, ScenarioError> {
    if raw.is_empty() {
        return Err(ScenarioError::Empty {
            field: "stages".into(),
        });
    }
    if raw.len() > MAX_STAGES {
        return Err(ScenarioError::TooLong {
            field: "stages".into(),
            max: MAX_STAGES,
            got: raw.len(),
        });
    }
    let mut seen = HashSet::new();
    let mut tasks = 0usize;
    let mut checked = Vec::with_capacity(raw.len());
    for (index, stage) in raw.iter().enumerate() {
        let field = format!("stages[{index}]");
        check_name(&format!("{field}.name"), &stage.name)?;
        check_unique(&mut seen, &format!("{field}.name"), &stage.name)?;
        if !(1..=MAX_WORKERS).contains(&stage.workers) {
            return Err(out_of_range(
                format!("{field}.workers"),
                format!("1..={MAX_WORKERS}"),
                stage.workers,
            ));
        }
        tasks += stage.workers as usize;
        if tasks > MAX_TASKS {
            return Err(out_of_range(
                format!("{field}.workers"),
                format!("at most {MAX_TASKS} workers in all stages together"),
                tasks,
            ));
        }
        let capacity = if index == 0 {
            if stage.capacity != 0 {
                return Err(out_of_range(
                    format!("{field}.capacity"),
                    "0 for the source, which has no input queue".into(),
                    stage.capacity,
                ));
            }
            None
        } else if stage.capacity > MAX_CAPACITY {
            return Err(out_of_range(
                format!("{field}.capacity"),
                format!("0..={MAX_CAPACITY} (0 is unbounded)"),
                stage.capacity,
            ));
        } else {
            (stage.capacity > 0).then_some(stage.capacity)
        };
        if stage.steps.len() > MAX_STEPS {
            return Err(ScenarioError::TooLong {
                field: format!("{field}.steps"),
                max: MAX_STEPS,
                got: stage.steps.len(),
            });
        }
        let steps = steps(&field, &stage.steps, resources, counters)?;
        checked.push(Stage {
            name: stage.name.clone(),
            workers: stage.workers,
            capacity,
            steps,
            ordered: stage.ordered,
        });
    }
    Ok(checked)
}

fn steps(
    stage_field: &str,
    raw: &[RawStep],
    resources: &[Resource],
    counters: &mut Vec<String>,
) -> Result<Vec<Step>, ScenarioError> {
    let mut held = vec![0usize; resources.len()];
    raw.iter()
        .enumerate()
        .map(|(index, step)| {
            let field = format!("{stage_field}.steps[{index}]");
            Ok(match step {
                RawStep::Wait(d) => Step::Wait(law(&format!("{field}.wait"), d)?),
                RawStep::Block(d) => Step::Block(law(&format!("{field}.block"), d)?),
                RawStep::Yield => Step::Yield,
                RawStep::Acquire(name) => {
                    let id = resource(&format!("{field}.acquire"), name, resources)?;
                    held[id] += 1;
                    Step::Acquire(id)
                }
                RawStep::Release(name) => {
                    let field = format!("{field}.release");
                    let id = resource(&field, name, resources)?;
                    if held[id] == 0 {
                        return Err(ScenarioError::ReleaseWithoutAcquire {
                            field,
                            name: name.clone(),
                        });
                    }
                    held[id] -= 1;
                    Step::Release(id)
                }
                RawStep::Add { counter, amount } => {
                    if amount.unsigned_abs() > MAX_COUNTER_STEP.unsigned_abs() {
                        return Err(out_of_range(
                            format!("{field}.add.amount"),
                            format!("-{MAX_COUNTER_STEP}..={MAX_COUNTER_STEP}"),
                            amount,
                        ));
                    }
                    Step::Add {
                        counter: counter_id(&format!("{field}.add.counter"), counter, counters)?,
                        amount: *amount,
                    }
                }
                RawStep::Read(name) => {
                    Step::Read(counter_id(&format!("{field}.read"), name, counters)?)
                }
                RawStep::Increment { counter, wait } => Step::Increment {
                    counter: counter_id(&format!("{field}.increment.counter"), counter, counters)?,
                    wait: law(&format!("{field}.increment.wait"), wait)?,
                },
            })
        })
        .collect()
}

fn resource(field: &str, name: &str, resources: &[Resource]) -> Result<usize, ScenarioError> {
    resources
        .iter()
        .position(|r| r.name == name)
        .ok_or_else(|| ScenarioError::UnknownResource {
            field: field.into(),
            name: name.into(),
        })
}

fn counter_id(field: &str, name: &str, counters: &mut Vec<String>) -> Result<usize, ScenarioError> {
    check_name(field, name)?;
    if let Some(id) = counters.iter().position(|c| c == name) {
        return Ok(id);
    }
    if counters.len() == MAX_COUNTERS {
        return Err(ScenarioError::TooLong {
            field: field.into(),
            max: MAX_COUNTERS,
            got: MAX_COUNTERS + 1,
        });
    }
    counters.push(name.into());
    Ok(counters.len() - 1)
}

/// Checks one value in milliseconds: finite, in `0..=MAX_DURATION_MS`.
fn millis(field: &str, value: f64) -> Result<f64, ScenarioError> {
    if value.is_finite() && (0.0..=MAX_DURATION_MS).contains(&value) {
        Ok(value)
    } else {
        Err(out_of_range(
            field,
            format!("0..={MAX_DURATION_MS} ms"),
            value,
        ))
    }
}

fn law(field: &str, raw: &RawDuration) -> Result<Law, ScenarioError> {
    let bad = |rule| ScenarioError::Invalid {
        field: field.into(),
        rule,
    };
    Ok(match raw {
        RawDuration::Fixed(ms) => {
            Law::Fixed(micros_from_ms(millis(&format!("{field}.fixed"), *ms)?))
        }
        RawDuration::Uniform { min, max } => {
            let min = millis(&format!("{field}.uniform.min"), *min)?;
            let max = millis(&format!("{field}.uniform.max"), *max)?;
            if min > max {
                return Err(bad("uniform.min must not exceed uniform.max"));
            }
            if min == max {
                Law::Fixed(micros_from_ms(min))
            } else {
                let law = Uniform::new(min * 1000.0, max * 1000.0)
                    .map_err(|_| bad("uniform bounds are not a valid range"))?;
                Law::Uniform(law)
            }
        }
        RawDuration::Exponential { mean } => {
            let mean = millis(&format!("{field}.exponential.mean"), *mean)?;
            if mean == 0.0 {
                Law::Fixed(0)
            } else {
                Law::Exponential(mean * 1000.0)
            }
        }
        RawDuration::Lognormal { median, sigma } => {
            let median = millis(&format!("{field}.lognormal.median"), *median)?;
            if !(sigma.is_finite() && (0.0..=MAX_SIGMA).contains(sigma)) {
                return Err(out_of_range(
                    format!("{field}.lognormal.sigma"),
                    format!("0..={MAX_SIGMA}"),
                    sigma,
                ));
            }
            if median == 0.0 || *sigma == 0.0 {
                Law::Fixed(micros_from_ms(median))
            } else {
                Law::LogNormal {
                    mu: libm::log(median * 1000.0),
                    sigma: *sigma,
                }
            }
        }
        RawDuration::PerItem(values) => {
            if values.is_empty() {
                return Err(ScenarioError::Empty {
                    field: format!("{field}.per_item"),
                });
            }
            if values.len() > MAX_ITEMS {
                return Err(ScenarioError::TooLong {
                    field: format!("{field}.per_item"),
                    max: MAX_ITEMS,
                    got: values.len(),
                });
            }
            let values = values
                .iter()
                .enumerate()
                .map(|(i, v)| millis(&format!("{field}.per_item[{i}]"), *v).map(micros_from_ms))
                .collect::<Result<_, _>>()?;
            Law::PerItem(values)
        }
    })
}
