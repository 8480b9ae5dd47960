//! Why a scenario was refused, always naming the field.

use std::fmt;

/// A scenario (from JSON, a link or the editor) that cannot run.
///
/// `field` is a path into the scenario, like `stages[1].workers`.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioError {
    /// The text is not a scenario at all (bad JSON, a truncated link).
    Malformed {
        /// Where the text came from (`scenario`, `link`).
        field: String,
        /// What the decoder said.
        reason: String,
    },
    /// The format version is not one this build reads.
    UnsupportedVersion {
        /// The version found.
        got: u32,
    },
    /// A number lies outside its allowed range.
    OutOfRange {
        /// The field.
        field: String,
        /// The allowed range, as shown to the user (`1..=1000`).
        allowed: String,
        /// The value found.
        got: String,
    },
    /// A required list or text is empty.
    Empty {
        /// The field.
        field: String,
    },
    /// A list or text is longer than allowed.
    TooLong {
        /// The field.
        field: String,
        /// The most allowed.
        max: usize,
        /// The length found.
        got: usize,
    },
    /// Two things share a name that must be unique.
    Duplicate {
        /// The field.
        field: String,
        /// The repeated name.
        name: String,
    },
    /// A step names a semaphore or lock that is not declared.
    UnknownResource {
        /// The field.
        field: String,
        /// The missing name.
        name: String,
    },
    /// A step releases a resource the worker does not hold at that point.
    ReleaseWithoutAcquire {
        /// The field.
        field: String,
        /// The resource.
        name: String,
    },
    /// A value breaks a rule of its own (`min > max`, a control character in a name).
    Invalid {
        /// The field.
        field: String,
        /// The rule broken.
        rule: &'static str,
    },
}

impl ScenarioError {
    /// The path of the offending field, for placing the message beside it.
    pub fn field(&self) -> &str {
        match self {
            Self::Malformed { field, .. }
            | Self::OutOfRange { field, .. }
            | Self::Empty { field }
            | Self::TooLong { field, .. }
            | Self::Duplicate { field, .. }
            | Self::UnknownResource { field, .. }
            | Self::ReleaseWithoutAcquire { field, .. }
            | Self::Invalid { field, .. } => field,
            Self::UnsupportedVersion { .. } => "version",
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed { field, reason } => write!(f, "{field}: cannot be read: {reason}"),
            Self::UnsupportedVersion { got } => write!(
                f,
                "version: must be {}, got {got}",
                super::raw::FORMAT_VERSION
            ),
            Self::OutOfRange {
                field,
                allowed,
                got,
            } => write!(f, "{field}: must be {allowed}, got {got}"),
            Self::Empty { field } => write!(f, "{field}: must not be empty"),
            Self::TooLong { field, max, got } => {
                write!(f, "{field}: at most {max} allowed, got {got}")
            }
            Self::Duplicate { field, name } => {
                write!(f, "{field}: the name \"{name}\" is used twice")
            }
            Self::UnknownResource { field, name } => {
                write!(f, "{field}: no semaphore or lock named \"{name}\"")
            }
            Self::ReleaseWithoutAcquire { field, name } => write!(
                f,
                "{field}: releases \"{name}\" without acquiring it first in this stage"
            ),
            Self::Invalid { field, rule } => write!(f, "{field}: {rule}"),
        }
    }
}

impl std::error::Error for ScenarioError {}
