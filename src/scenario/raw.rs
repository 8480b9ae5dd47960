//! The scenario as data: what a user, a preset, a file or a link provides.
//!
//! These types mirror the JSON format documented in the README. They accept
//! anything that parses; [`super::validate`] turns them into a checked
//! [`super::Scenario`] or an error naming the field.

use serde::{Deserialize, Serialize};

/// The scenario format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A pipeline scenario as written by a user (unchecked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Format version; must be [`FORMAT_VERSION`].
    pub version: u32,
    /// Seed of every random duration.
    #[serde(default)]
    pub seed: u64,
    /// What enters the pipeline.
    pub items: RawItems,
    /// Microseconds charged each time a task resumes (the event loop's own cost).
    #[serde(default)]
    pub loop_overhead_us: u64,
    /// Named semaphores and locks the steps may acquire.
    #[serde(default)]
    pub resources: Vec<RawResource>,
    /// Stages in order; the first one is the source.
    pub stages: Vec<RawStage>,
}

/// The items that enter the pipeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawItems {
    /// `n` items labelled `0`, `1`, …
    Count(u32),
    /// One item per character of the text (`hello` is five items).
    Text(String),
}

/// A named semaphore or lock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// Name the steps refer to.
    pub name: String,
    /// Semaphore (several permits) or lock (one holder).
    pub kind: ResourceKind,
    /// Permits of a semaphore; a lock has exactly one.
    #[serde(default = "one")]
    pub permits: u32,
}

fn one() -> u32 {
    1
}

/// The kind of a named resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// `asyncio.Semaphore(permits)`.
    Semaphore,
    /// `asyncio.Lock()`.
    Lock,
}

/// One stage of the pipeline, served by `workers` tasks.
///
/// `Default` is for building one field by field (`..RawStage::default()`);
/// its zero workers do not validate on their own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    /// Display name (`A`, `fetch`, …).
    pub name: String,
    /// Worker tasks serving this stage.
    pub workers: u32,
    /// Capacity of this stage's input queue; 0 is unbounded. Ignored for the source.
    #[serde(default)]
    pub capacity: u32,
    /// What a worker does with each item, in order.
    #[serde(default)]
    pub steps: Vec<RawStep>,
    /// Hand items on in the order they entered the stage (a reorder buffer,
    /// like `gather` keeping result order); otherwise as they finish
    /// (`as_completed`).
    #[serde(default)]
    pub ordered: bool,
}

/// One thing a worker does with an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawStep {
    /// Non-blocking wait, like `await asyncio.sleep(d)` or awaiting I/O.
    Wait(RawDuration),
    /// Blocking work, like `time.sleep(d)` or a CPU loop: holds the loop.
    Block(RawDuration),
    /// Give other ready tasks a turn, like `await asyncio.sleep(0)`.
    Yield,
    /// Acquire the named semaphore or lock (waits while none is free).
    Acquire(String),
    /// Release the named semaphore or lock.
    Release(String),
    /// Add `amount` to the named shared counter.
    Add {
        /// Counter name.
        counter: String,
        /// Amount added (may be negative).
        amount: i64,
    },
    /// Read the named counter; the value this item saw goes in the report.
    Read(String),
    /// `v = counter; await wait; counter = v + 1`: loses updates when tasks interleave.
    Increment {
        /// Counter name.
        counter: String,
        /// The await between the read and the write.
        wait: RawDuration,
    },
}

/// A duration law, in milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawDuration {
    /// Always the same.
    Fixed(f64),
    /// Uniform between `min` and `max`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Exponential with the given mean.
    Exponential {
        /// Mean.
        mean: f64,
    },
    /// Log-normal (heavy-tailed): `median · e^(sigma·Z)`, Z standard normal.
    Lognormal {
        /// Median.
        median: f64,
        /// Shape; larger is heavier-tailed.
        sigma: f64,
    },
    /// Value `i` for item `i`; items past the end use the last value.
    PerItem(Vec<f64>),
}

impl RawDuration {
    /// A typical value of the law, ms: the fixed value, the middle of a
    /// uniform range, the mean or the median, or the first per-item value.
    /// Used to keep a duration when its law changes and to seed sweep ranges.
    pub fn typical_ms(&self) -> f64 {
        match self {
            Self::Fixed(v) => *v,
            Self::Uniform { min, max } => (min + max) / 2.0,
            Self::Exponential { mean } => *mean,
            Self::Lognormal { median, .. } => *median,
            Self::PerItem(values) => values.first().copied().unwrap_or(0.0),
        }
    }
}
