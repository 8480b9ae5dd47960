//! Validation errors in the editor's words: where the message goes, which
//! inputs it marks, and the sentence itself ("Stage 2 (B): workers must be
//! between 1 and 1000"), without the scenario format's field paths.
//!
//! ```text
//!  ScenarioError { field: "stages[1].workers", allowed: "1..=1000", got: "0" }
//!     anchor_of ──► "stages[1].workers"        (the slot under the workers row)
//!     covers(field, "stages[1].workers") ──► the input marked aria-invalid
//!     user_message ──► "Stage 2 (B): workers must be between 1 and 1000 (got 0)."
//!  typed "2.5" into Field::StageWorkers(1)
//!     typing_message ──► "Stage 2 (B): workers must be a whole number."
//! ```

use crate::edit::Field;
use crate::scenario::{RawScenario, ResourceKind, ScenarioError};

/// Where a validation error is shown: the path of the editor part that owns
/// `field` (a step shows every error inside it; a stage's own fields their
/// own; a resource row its own; "" is the editor's top).
pub fn anchor_of(field: &str) -> String {
    let mut parts = field.split('.');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    if first.starts_with("stages[") {
        return match second {
            Some(second) => format!("{first}.{second}"),
            None => first.to_string(),
        };
    }
    if first.starts_with("resources[") {
        return first.to_string();
    }
    match first {
        "items" | "loop_overhead_us" | "stages" | "resources" | "seed" => first.to_string(),
        _ => String::new(),
    }
}

/// Whether the error at `field` concerns the input at `path` (itself or
/// something inside it).
pub fn covers(field: &str, path: &str) -> bool {
    field == path
        || field
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The index inside `name[…]` at the start of `part`.
fn index_in(part: &str, name: &str) -> Option<usize> {
    part.strip_prefix(name)?
        .strip_prefix('[')?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// Where in the editor `field` is, in words: "Stage 2 (B), step 1".
pub fn place(raw: &RawScenario, field: &str) -> String {
    let mut parts = field.split('.');
    let first = parts.next().unwrap_or_default();
    if let Some(s) = index_in(first, "stages") {
        let name = raw.stages.get(s).map_or("", |st| st.name.as_str());
        let mut place = if name.trim().is_empty() {
            format!("Stage {}", s + 1)
        } else {
            format!("Stage {} ({})", s + 1, name)
        };
        if let Some(j) = parts.next().and_then(|p| index_in(p, "steps")) {
            place.push_str(&format!(", step {}", j + 1));
        }
        return place;
    }
    if let Some(r) = index_in(first, "resources") {
        let Some(resource) = raw.resources.get(r) else {
            return format!("Resource {}", r + 1);
        };
        let kind = match resource.kind {
            ResourceKind::Semaphore => "Semaphore",
            ResourceKind::Lock => "Lock",
        };
        return if resource.name.trim().is_empty() {
            format!("{kind} {}", r + 1)
        } else {
            format!("{kind} {} ({})", r + 1, resource.name)
        };
    }
    match first {
        "items" => "Items",
        "seed" => "Seed",
        "loop_overhead_us" => "Loop overhead",
        "stages" => "Stages",
        "resources" => "Semaphores and locks",
        "version" => "Format version",
        _ => "The scenario",
    }
    .to_string()
}

/// What the field's last path segment is called in the editor.
fn what(field: &str) -> &'static str {
    let last = field.rsplit('.').next().unwrap_or_default();
    match last {
        "workers" => "workers",
        "capacity" => "the input queue capacity",
        "name" => "the name",
        "permits" => "permits",
        "count" => "the number of items",
        "text" | "items" => "the items",
        "min" => "the minimum",
        "max" => "the maximum",
        "mean" => "the mean",
        "median" => "the median",
        "sigma" => "sigma",
        "fixed" | "wait" | "block" => "the duration",
        "per_item" => "every per-item duration",
        "amount" => "the amount",
        "counter" | "read" => "the counter name",
        "acquire" | "release" => "the semaphore or lock",
        "steps" => "the steps",
        "stages" => "the stages",
        "resources" => "the semaphores and locks",
        "seed" => "the seed",
        "loop_overhead_us" => "the loop overhead (µs)",
        _ => "this value",
    }
}

/// `1..=1000` as "between 1 and 1000"; other wordings as they are.
fn allowed_words(allowed: &str) -> String {
    let (range, rest) = allowed.split_once(' ').unwrap_or((allowed, ""));
    match range.split_once("..=") {
        Some((low, high)) => {
            let rest = if rest.is_empty() {
                String::new()
            } else {
                format!(" {rest}")
            };
            format!("between {low} and {high}{rest}")
        }
        None => allowed.to_string(),
    }
}

/// Internal words in a rule, as the editor labels them.
fn rule_words(rule: &str) -> String {
    rule.replace("uniform.min", "the minimum")
        .replace("uniform.max", "the maximum")
}

/// Why typed text is not a value of `field` (`why`: "must be a whole
/// number", from [`crate::edit::field::set`]) as a sentence that names
/// the field: "Stage 2 (B): workers must be a whole number."
pub fn typing_message(raw: &RawScenario, field: Field, why: &str) -> String {
    let path = match field {
        // Validation points at "items" for both of its fields.
        Field::ItemsCount => "items.count".to_string(),
        _ => crate::edit::field::path(raw, field),
    };
    format!("{}: {} {why}.", place(raw, &path), what(&path))
}

/// The error as a sentence for the editor: the place in the editor, then
/// what is wrong in its words.
pub fn user_message(raw: &RawScenario, error: &ScenarioError) -> String {
    let field = error.field();
    let place = place(raw, field);
    let what = what(field);
    let body = match error {
        ScenarioError::Malformed { .. } => "cannot be read".to_string(),
        ScenarioError::UnsupportedVersion { got } => format!(
            "version {got} is not one this page reads (it reads version {})",
            crate::scenario::FORMAT_VERSION
        ),
        ScenarioError::OutOfRange { allowed, got, .. } => {
            format!("{what} must be {} (got {got})", allowed_words(allowed))
        }
        ScenarioError::Empty { .. } => format!("{what} must not be empty"),
        ScenarioError::TooLong { max, got, .. } => {
            format!("{what} can be at most {max} long (got {got})")
        }
        ScenarioError::Duplicate { name, .. } => {
            format!("the name \"{name}\" is used twice; names must differ")
        }
        ScenarioError::UnknownResource { name, .. } => {
            format!(
                "there is no semaphore or lock named \"{name}\"; add one under Semaphores and locks"
            )
        }
        ScenarioError::ReleaseWithoutAcquire { name, .. } => {
            format!("releases \"{name}\" without acquiring it first in this stage")
        }
        ScenarioError::Invalid { rule, .. } => rule_words(rule),
    };
    format!("{place}: {body}.")
}
