//! The scenario: a pipeline described as data, checked in two steps.
//!
//! ```text
//!  JSON / link / editor ──► RawScenario ──validate──► Scenario ──► engine
//!                            (anything       │         (names resolved,
//!                             that parses)   ▼          durations in µs)
//!                                      ScenarioError
//!                                      "stages[1].workers: must be 1..=1000, got 0"
//! ```

mod duration;
mod error;
mod raw;
mod validate;

pub use duration::{DurationTable, Law};
pub use error::ScenarioError;
pub use raw::{
    FORMAT_VERSION, RawDuration, RawItems, RawResource, RawScenario, RawStage, RawStep,
    ResourceKind,
};
pub use validate::is_bidi_control;

use crate::time::Micros;

/// A checked scenario, ready to run.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The scenario as given, for reports and links.
    pub raw: RawScenario,
    /// Item labels in input order.
    pub labels: Vec<String>,
    /// Charged each time a task resumes.
    pub loop_overhead: Micros,
    /// Semaphores and locks, by index.
    pub resources: Vec<Resource>,
    /// Shared counter names, by index, in order of first use.
    pub counters: Vec<String>,
    /// Stages in order; index 0 is the source.
    pub stages: Vec<Stage>,
}

/// A checked semaphore or lock.
#[derive(Clone, Debug)]
pub struct Resource {
    /// Its name.
    pub name: String,
    /// Semaphore or lock.
    pub kind: ResourceKind,
    /// Permits (1 for a lock).
    pub permits: u32,
}

/// A checked stage.
#[derive(Clone, Debug)]
pub struct Stage {
    /// Display name.
    pub name: String,
    /// Worker tasks.
    pub workers: u32,
    /// Input queue capacity; `None` is unbounded (always `None` for the source).
    pub capacity: Option<u32>,
    /// Steps per item.
    pub steps: Vec<Step>,
    /// Items leave in the order they entered (reorder buffer).
    pub ordered: bool,
}

/// A checked step, with names resolved to indices.
#[derive(Clone, Debug)]
pub enum Step {
    /// Non-blocking wait.
    Wait(Law),
    /// Blocking work.
    Block(Law),
    /// `await asyncio.sleep(0)`.
    Yield,
    /// Acquire resource `n`.
    Acquire(usize),
    /// Release resource `n`.
    Release(usize),
    /// Add to counter `counter`.
    Add {
        /// Counter index.
        counter: usize,
        /// Amount.
        amount: i64,
    },
    /// Read counter `n` and report the value.
    Read(usize),
    /// Read, await, write back plus one.
    Increment {
        /// Counter index.
        counter: usize,
        /// The await in between.
        wait: Law,
    },
}

impl RawScenario {
    /// Parses a scenario written as JSON (a leading UTF-8 byte order mark is
    /// skipped). An error names the field path where reading stopped
    /// (`stages[0].workers: cannot be read: invalid type: …`), or
    /// `scenario` when the text breaks off or is not JSON at all.
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut json = serde_json::Deserializer::from_str(text);
        let raw: Self = serde_path_to_error::deserialize(&mut json).map_err(|error| {
            // `.` is the root, `?` a place the parser had not named yet.
            let path = error.path().to_string();
            let path = path.trim_end_matches(".?");
            ScenarioError::Malformed {
                field: match path {
                    "." | "?" => "scenario".into(),
                    path => path.into(),
                },
                reason: error.into_inner().to_string(),
            }
        })?;
        json.end().map_err(|error| ScenarioError::Malformed {
            field: "scenario".into(),
            reason: error.to_string(),
        })?;
        Ok(raw)
    }
}

impl Scenario {
    /// Parses and checks a scenario written as JSON ([`RawScenario::from_json`]).
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        RawScenario::from_json(text)?.validate()
    }

    /// The seed of every random duration.
    pub fn seed(&self) -> u64 {
        self.raw.seed
    }

    /// Number of items.
    pub fn item_count(&self) -> usize {
        self.labels.len()
    }

    /// A fresh table of drawn durations for this scenario.
    pub fn durations(&self) -> DurationTable {
        DurationTable::new(self.seed(), self.stages.iter().map(|s| s.steps.len()))
    }
}

impl RawScenario {
    /// Checks every field; the error names the first one that is wrong.
    pub fn validate(&self) -> Result<Scenario, ScenarioError> {
        validate::validate(self)
    }
}
