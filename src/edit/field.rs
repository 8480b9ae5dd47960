//! Every editable value of a scenario as a [`Field`]: reading, writing,
//! labelling and checking it is plain Rust, so the editor's behaviour is
//! tested natively.
//!
//! ```text
//!  Field::StageWorkers(1) ──get──► "3"            (None: not shown for this scenario)
//!                         ──set("5")──► raw.stages[1].workers = 5   | Err("must be a whole number")
//!                         ──path──► "stages[1].workers"              (where validation errors point)
//! ```

use crate::format::{number, parse_f64};
use crate::limits::MAX_ITEMS;
use crate::scenario::{RawDuration, RawItems, RawScenario, RawStage, RawStep};

/// One editable value of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Items as text or as a count.
    ItemsMode,
    /// The items text.
    ItemsText,
    /// The items count.
    ItemsCount,
    /// The seed.
    Seed,
    /// Loop overhead per resume, µs.
    LoopOverhead,
    /// A resource's name.
    ResourceName(usize),
    /// A resource's kind.
    ResourceKind(usize),
    /// A semaphore's permits.
    ResourcePermits(usize),
    /// A stage's name.
    StageName(usize),
    /// A stage's workers.
    StageWorkers(usize),
    /// A stage's input queue capacity.
    StageCapacity(usize),
    /// Whether a stage hands items on in input order.
    StageOrdered(usize),
    /// A step's kind.
    StepKind(usize, usize),
    /// A step's duration law.
    StepLaw(usize, usize),
    /// A law's first parameter (value, min, mean, median).
    StepA(usize, usize),
    /// A law's second parameter (max, sigma).
    StepB(usize, usize),
    /// Per-item durations, comma-separated.
    StepList(usize, usize),
    /// The counter a counter step names.
    StepCounter(usize, usize),
    /// The amount an add step adds.
    StepAmount(usize, usize),
    /// The resource an acquire/release step names.
    StepResource(usize, usize),
}

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A whole number.
    Whole,
    /// Any number.
    Decimal,
    /// Free text.
    Text,
}

/// Step kinds: (value, label).
pub const KINDS: [(&str, &str); 8] = [
    ("wait", "wait (await)"),
    ("block", "block (holds loop)"),
    ("yield", "yield (sleep 0)"),
    ("acquire", "acquire"),
    ("release", "release"),
    ("add", "add to counter"),
    ("read", "read counter"),
    ("increment", "increment (racy)"),
];

/// Duration laws: (value, label).
pub const LAWS: [(&str, &str); 5] = [
    ("fixed", "fixed"),
    ("uniform", "uniform"),
    ("exponential", "exponential"),
    ("lognormal", "log-normal"),
    ("per_item", "per item"),
];

/// Items used when switching from a count to text.
const DEFAULT_TEXT: &str = "hello";

pub(super) fn stage(raw: &RawScenario, s: usize) -> Option<&RawStage> {
    raw.stages.get(s)
}

pub(super) fn step(raw: &RawScenario, s: usize, j: usize) -> Option<&RawStep> {
    raw.stages.get(s)?.steps.get(j)
}

fn step_mut(raw: &mut RawScenario, s: usize, j: usize) -> Option<&mut RawStep> {
    raw.stages.get_mut(s)?.steps.get_mut(j)
}

fn kind_of(step: &RawStep) -> &'static str {
    match step {
        RawStep::Wait(_) => "wait",
        RawStep::Block(_) => "block",
        RawStep::Yield => "yield",
        RawStep::Acquire(_) => "acquire",
        RawStep::Release(_) => "release",
        RawStep::Add { .. } => "add",
        RawStep::Read(_) => "read",
        RawStep::Increment { .. } => "increment",
    }
}

fn law(step: &RawStep) -> Option<&RawDuration> {
    match step {
        RawStep::Wait(d) | RawStep::Block(d) => Some(d),
        RawStep::Increment { wait, .. } => Some(wait),
        _ => None,
    }
}

fn law_mut(step: &mut RawStep) -> Option<&mut RawDuration> {
    match step {
        RawStep::Wait(d) | RawStep::Block(d) => Some(d),
        RawStep::Increment { wait, .. } => Some(wait),
        _ => None,
    }
}

fn law_kind(law: &RawDuration) -> &'static str {
    match law {
        RawDuration::Fixed(_) => "fixed",
        RawDuration::Uniform { .. } => "uniform",
        RawDuration::Exponential { .. } => "exponential",
        RawDuration::Lognormal { .. } => "lognormal",
        RawDuration::PerItem(_) => "per_item",
    }
}

/// The path of a step's law in validation messages, after `stages[i].steps[j]`.
fn law_path(step: &RawStep) -> &'static str {
    match step {
        RawStep::Block(_) => ".block",
        RawStep::Increment { .. } => ".increment.wait",
        _ => ".wait",
    }
}

fn new_law(kind: &str, typical: f64) -> RawDuration {
    let v = if typical.is_finite() && typical >= 0.0 {
        typical
    } else {
        100.0
    };
    match kind {
        "uniform" => RawDuration::Uniform {
            min: v / 2.0,
            max: v * 1.5,
        },
        "exponential" => RawDuration::Exponential { mean: v },
        "lognormal" => RawDuration::Lognormal {
            median: v,
            sigma: 1.0,
        },
        "per_item" => RawDuration::PerItem(vec![v]),
        _ => RawDuration::Fixed(v),
    }
}

/// A step of `kind`, reusing what `old` had (its law, counter, resource).
fn new_step(kind: &str, old: &RawStep, raw: &RawScenario) -> RawStep {
    let duration = law(old).cloned().unwrap_or(RawDuration::Fixed(100.0));
    let counter = match old {
        RawStep::Add { counter, .. }
        | RawStep::Increment { counter, .. }
        | RawStep::Read(counter) => counter.clone(),
        _ => "sum".into(),
    };
    let resource = match old {
        RawStep::Acquire(name) | RawStep::Release(name) => name.clone(),
        _ => raw
            .resources
            .first()
            .map_or_else(|| "lock".into(), |r| r.name.clone()),
    };
    match kind {
        "wait" => RawStep::Wait(duration),
        "block" => RawStep::Block(duration),
        "yield" => RawStep::Yield,
        "acquire" => RawStep::Acquire(resource),
        "release" => RawStep::Release(resource),
        "add" => RawStep::Add { counter, amount: 1 },
        "read" => RawStep::Read(counter),
        _ => RawStep::Increment {
            counter,
            wait: duration,
        },
    }
}

/// The field's value as the editor shows it; `None` when the field does not
/// apply to the scenario now (it is hidden).
pub fn get(raw: &RawScenario, field: Field) -> Option<String> {
    use Field::*;
    match field {
        ItemsMode => Some(match raw.items {
            RawItems::Text(_) => "text".into(),
            RawItems::Count(_) => "count".into(),
        }),
        ItemsText => match &raw.items {
            RawItems::Text(t) => Some(t.clone()),
            RawItems::Count(_) => None,
        },
        ItemsCount => match raw.items {
            RawItems::Count(n) => Some(n.to_string()),
            RawItems::Text(_) => None,
        },
        Seed => Some(raw.seed.to_string()),
        LoopOverhead => Some(raw.loop_overhead_us.to_string()),
        ResourceName(r) => raw.resources.get(r).map(|r| r.name.clone()),
        ResourceKind(r) => raw.resources.get(r).map(|r| match r.kind {
            crate::scenario::ResourceKind::Semaphore => "semaphore".into(),
            crate::scenario::ResourceKind::Lock => "lock".into(),
        }),
        ResourcePermits(r) => raw
            .resources
            .get(r)
            .filter(|r| r.kind == crate::scenario::ResourceKind::Semaphore || r.permits != 1)
            .map(|r| r.permits.to_string()),
        StageName(s) => stage(raw, s).map(|s| s.name.clone()),
        StageWorkers(s) => stage(raw, s).map(|s| s.workers.to_string()),
        // The source has no input queue: shown only to fix a wrong value.
        StageCapacity(s) => stage(raw, s)
            .filter(|st| s > 0 || st.capacity != 0)
            .map(|s| s.capacity.to_string()),
        StageOrdered(s) => stage(raw, s).map(|s| s.ordered.to_string()),
        StepKind(s, j) => step(raw, s, j).map(|st| kind_of(st).into()),
        StepLaw(s, j) => step(raw, s, j).and_then(law).map(|l| law_kind(l).into()),
        StepA(s, j) => match step(raw, s, j).and_then(law)? {
            RawDuration::Fixed(v)
            | RawDuration::Uniform { min: v, .. }
            | RawDuration::Exponential { mean: v }
            | RawDuration::Lognormal { median: v, .. } => Some(number(*v)),
            RawDuration::PerItem(_) => None,
        },
        StepB(s, j) => match step(raw, s, j).and_then(law)? {
            RawDuration::Uniform { max: v, .. } | RawDuration::Lognormal { sigma: v, .. } => {
                Some(number(*v))
            }
            _ => None,
        },
        StepList(s, j) => match step(raw, s, j).and_then(law)? {
            RawDuration::PerItem(values) => Some(
                values
                    .iter()
                    .map(|v| number(*v))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        },
        StepCounter(s, j) => match step(raw, s, j)? {
            RawStep::Add { counter, .. }
            | RawStep::Increment { counter, .. }
            | RawStep::Read(counter) => Some(counter.clone()),
            _ => None,
        },
        StepAmount(s, j) => match step(raw, s, j)? {
            RawStep::Add { amount, .. } => Some(amount.to_string()),
            _ => None,
        },
        StepResource(s, j) => match step(raw, s, j)? {
            RawStep::Acquire(name) | RawStep::Release(name) => Some(name.clone()),
            _ => None,
        },
    }
}

/// How the field is entered.
pub fn input(field: Field) -> Input {
    use Field::*;
    match field {
        ItemsCount | Seed | LoopOverhead | ResourcePermits(_) | StageWorkers(_)
        | StageCapacity(_) | StepAmount(..) => Input::Whole,
        StepA(..) | StepB(..) => Input::Decimal,
        _ => Input::Text,
    }
}

/// The field's label.
pub fn label(raw: &RawScenario, field: Field) -> &'static str {
    use Field::*;
    let law = |s, j| step(raw, s, j).and_then(law).map_or("fixed", law_kind);
    match field {
        ItemsMode => "Items are",
        ItemsText => "Text (one item per character)",
        ItemsCount => "Count",
        Seed => "Seed",
        LoopOverhead => "Loop overhead",
        ResourceName(_) | StageName(_) => "Name",
        ResourceKind(_) => "Kind",
        ResourcePermits(_) => "Permits",
        StageWorkers(_) => "Workers",
        StageCapacity(_) => "Input queue capacity (0 = unbounded)",
        StageOrdered(_) => "Hand items on in input order (reorder buffer)",
        StepKind(..) => "Step",
        StepLaw(..) => "Duration law",
        StepA(s, j) => match law(s, j) {
            "uniform" => "Min",
            "exponential" => "Mean",
            "lognormal" => "Median",
            _ => "Duration",
        },
        StepB(s, j) => match law(s, j) {
            "lognormal" => "Sigma (shape)",
            _ => "Max",
        },
        StepList(..) => "Per item, in input order (the last repeats)",
        StepCounter(..) => "Counter",
        StepAmount(..) => "Amount",
        StepResource(..) => "Semaphore or lock",
    }
}

/// The unit shown after the input.
pub fn unit(raw: &RawScenario, field: Field) -> &'static str {
    match field {
        Field::LoopOverhead => "µs per resume",
        Field::StepA(..) | Field::StepList(..) => "ms",
        Field::StepB(s, j) if step(raw, s, j).and_then(law).map(law_kind) == Some("uniform") => {
            "ms"
        }
        _ => "",
    }
}

/// Where validation errors about this field point (`stages[1].workers`).
pub fn path(raw: &RawScenario, field: Field) -> String {
    use Field::*;
    let step_path = |s: usize, j: usize| format!("stages[{s}].steps[{j}]");
    let law_field = |s: usize, j: usize, param: &str| {
        let prefix = step(raw, s, j).map_or(".wait", law_path);
        let kind = step(raw, s, j).and_then(law).map_or("fixed", law_kind);
        format!("{}{prefix}.{kind}{param}", step_path(s, j))
    };
    match field {
        ItemsMode | ItemsText | ItemsCount => "items".into(),
        Seed => "seed".into(),
        LoopOverhead => "loop_overhead_us".into(),
        ResourceName(r) => format!("resources[{r}].name"),
        ResourceKind(r) => format!("resources[{r}].kind"),
        ResourcePermits(r) => format!("resources[{r}].permits"),
        StageName(s) => format!("stages[{s}].name"),
        StageWorkers(s) => format!("stages[{s}].workers"),
        StageCapacity(s) => format!("stages[{s}].capacity"),
        StageOrdered(s) => format!("stages[{s}].ordered"),
        StepKind(s, j) => format!("{}.kind", step_path(s, j)),
        StepLaw(s, j) => format!("{}.law", step_path(s, j)),
        StepA(s, j) => {
            let kind = step(raw, s, j).and_then(law).map_or("fixed", law_kind);
            let param = match kind {
                "uniform" => ".min",
                "exponential" => ".mean",
                "lognormal" => ".median",
                _ => "",
            };
            law_field(s, j, param)
        }
        StepB(s, j) => {
            let kind = step(raw, s, j).and_then(law).map_or("fixed", law_kind);
            law_field(
                s,
                j,
                if kind == "lognormal" {
                    ".sigma"
                } else {
                    ".max"
                },
            )
        }
        StepList(s, j) => law_field(s, j, ""),
        StepCounter(s, j) => match step(raw, s, j) {
            Some(RawStep::Read(_)) => format!("{}.read", step_path(s, j)),
            Some(RawStep::Increment { .. }) => format!("{}.increment.counter", step_path(s, j)),
            _ => format!("{}.add.counter", step_path(s, j)),
        },
        StepAmount(s, j) => format!("{}.add.amount", step_path(s, j)),
        StepResource(s, j) => match step(raw, s, j) {
            Some(RawStep::Release(_)) => format!("{}.release", step_path(s, j)),
            _ => format!("{}.acquire", step_path(s, j)),
        },
    }
}

/// The choices of a select field: (value, label).
pub fn options(raw: &RawScenario, field: Field) -> Vec<(String, String)> {
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect()
    };
    match field {
        Field::ItemsMode => pairs(&[
            ("text", "text, one item per character"),
            ("count", "a count of items"),
        ]),
        Field::ResourceKind(_) => pairs(&[("semaphore", "semaphore"), ("lock", "lock")]),
        Field::StepKind(..) => pairs(&KINDS),
        Field::StepLaw(..) => pairs(&LAWS),
        Field::StepResource(..) => {
            let mut names: Vec<(String, String)> = raw
                .resources
                .iter()
                .map(|r| (r.name.clone(), r.name.clone()))
                .collect();
            if let Some(current) = get(raw, field)
                && names.iter().all(|(n, _)| *n != current)
            {
                names.insert(0, (current.clone(), format!("{current} (not declared)")));
            }
            names
        }
        _ => Vec::new(),
    }
}

/// The text after pressing ↑ (`delta` 1) or ↓ (−1) in a number field
/// showing `text`: one more or less, never below 0 for a whole number;
/// `None` for a text field or text that is not a number.
pub fn nudge(input: Input, text: &str, delta: i32) -> Option<String> {
    let value = parse_f64(text)?;
    match input {
        Input::Text => None,
        Input::Whole => Some(number((value.round() + f64::from(delta)).max(0.0))),
        Input::Decimal => Some(number(value + f64::from(delta))),
    }
}

/// Reads a whole number; the error says what it must be
/// ("must be a whole number"), for [`crate::edit::message::typing_message`]
/// to name the field in front of it.
pub fn parse_whole(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WHOLE.into());
    }
    text.parse::<u64>().map_err(|_| match parse_f64(text) {
        Some(v) if v.is_sign_negative() => "must not be negative".to_string(),
        // A number in range that is not a u64: "1.5", "1.0", "1e3".
        Some(v) if v < u64::MAX as f64 => WHOLE.to_string(),
        Some(_) => TOO_LARGE.to_string(),
        None => WHOLE.to_string(),
    })
}

/// What a whole-number field must hold.
const WHOLE: &str = "must be a whole number";
/// What a whole number too large for its field is told.
const TOO_LARGE: &str = "must be a smaller number";

fn parse_u32(text: &str) -> Result<u32, String> {
    u32::try_from(parse_whole(text)?).map_err(|_| TOO_LARGE.to_string())
}

fn parse_number(text: &str) -> Result<f64, String> {
    parse_f64(text).ok_or_else(|| "must be a number".to_string())
}

fn parse_list(text: &str) -> Result<Vec<f64>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| parse_f64(t).ok_or_else(|| format!("must be a number (\"{t}\" is not)")))
        .collect()
}

fn parse_amount(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| "must be a whole number (it may be negative)".to_string())
}

/// Sets the field from the text typed or chosen. Values that parse are
/// stored even out of range (validation names them); text that is not a
/// value at all changes nothing and says what the field must hold ("must
/// be a whole number"; [`crate::edit::message::typing_message`] puts the
/// field's name in front).
pub fn set(raw: &mut RawScenario, field: Field, text: &str) -> Result<(), String> {
    use Field::*;
    match field {
        ItemsMode => {
            raw.items = match (&raw.items, text) {
                (RawItems::Count(_), "text") => RawItems::Text(DEFAULT_TEXT.into()),
                (RawItems::Text(t), "count") => {
                    RawItems::Count(t.chars().count().clamp(1, MAX_ITEMS) as u32)
                }
                (items, _) => items.clone(),
            }
        }
        ItemsText => raw.items = RawItems::Text(text.into()),
        ItemsCount => raw.items = RawItems::Count(parse_u32(text)?),
        Seed => raw.seed = parse_whole(text)?,
        LoopOverhead => raw.loop_overhead_us = parse_whole(text)?,
        ResourceName(r) => {
            let Some(resource) = raw.resources.get_mut(r) else {
                return Ok(());
            };
            let old = std::mem::replace(&mut resource.name, text.into());
            // Steps follow the rename.
            for stage in &mut raw.stages {
                for step in &mut stage.steps {
                    if let RawStep::Acquire(n) | RawStep::Release(n) = step
                        && *n == old
                    {
                        *n = text.into();
                    }
                }
            }
        }
        ResourceKind(r) => {
            if let Some(resource) = raw.resources.get_mut(r) {
                if text == "lock" {
                    resource.kind = crate::scenario::ResourceKind::Lock;
                    resource.permits = 1;
                } else {
                    resource.kind = crate::scenario::ResourceKind::Semaphore;
                }
            }
        }
        ResourcePermits(r) => {
            let permits = parse_u32(text)?;
            if let Some(resource) = raw.resources.get_mut(r) {
                resource.permits = permits;
            }
        }
        StageName(s) => {
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.name = text.into();
            }
        }
        StageWorkers(s) => {
            let workers = parse_u32(text)?;
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.workers = workers;
            }
        }
        StageCapacity(s) => {
            let capacity = parse_u32(text)?;
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.capacity = capacity;
            }
        }
        StageOrdered(s) => {
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.ordered = text == "true";
            }
        }
        StepKind(s, j) => {
            if let Some(old) = step(raw, s, j).cloned() {
                let new = new_step(text, &old, raw);
                if let Some(st) = step_mut(raw, s, j) {
                    *st = new;
                }
            }
        }
        StepLaw(s, j) => {
            if let Some(d) = step_mut(raw, s, j).and_then(law_mut) {
                *d = new_law(text, d.typical_ms());
            }
        }
        StepA(s, j) => {
            let v = parse_number(text)?;
            if let Some(
                RawDuration::Fixed(x)
                | RawDuration::Uniform { min: x, .. }
                | RawDuration::Exponential { mean: x }
                | RawDuration::Lognormal { median: x, .. },
            ) = step_mut(raw, s, j).and_then(law_mut)
            {
                *x = v;
            }
        }
        StepB(s, j) => {
            let v = parse_number(text)?;
            if let Some(
                RawDuration::Uniform { max: x, .. } | RawDuration::Lognormal { sigma: x, .. },
            ) = step_mut(raw, s, j).and_then(law_mut)
            {
                *x = v;
            }
        }
        StepList(s, j) => {
            let values = parse_list(text)?;
            if let Some(d) = step_mut(raw, s, j).and_then(law_mut) {
                *d = RawDuration::PerItem(values);
            }
        }
        StepCounter(s, j) => {
            if let Some(
                RawStep::Add { counter, .. }
                | RawStep::Increment { counter, .. }
                | RawStep::Read(counter),
            ) = step_mut(raw, s, j)
            {
                *counter = text.into();
            }
        }
        StepAmount(s, j) => {
            let v = parse_amount(text)?;
            if let Some(RawStep::Add { amount, .. }) = step_mut(raw, s, j) {
                *amount = v;
            }
        }
        StepResource(s, j) => {
            if let Some(RawStep::Acquire(n) | RawStep::Release(n)) = step_mut(raw, s, j) {
                *n = text.into();
            }
        }
    }
    Ok(())
}
