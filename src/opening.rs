//! What the page opens with, read from its address: the scenario (or two,
//! for a comparison), the preset it names, and what was wrong with the link
//! in plain words, with the technical detail apart.
//!
//! ```text
//!  href ──► link::from_link ──► validate()
//!             Ok(Some) + valid   ──► that scenario (preset id kept if the link names one)
//!             Ok(None)           ──► the default preset
//!             Err / invalid      ──► (plain message, detail) + the default preset
//!           b_preset / b_seed / b_s ──► side B: a comparison (a bad one: message, A alone)
//! ```

use crate::edit::message::user_message;
use crate::link::{Side, from_link, from_link_side};
use crate::presets::{self, Preset};
use crate::scenario::{RawScenario, ScenarioError};

/// The preset shown when the address names none.
pub const DEFAULT_PRESET: &str = "hello-workers";

/// What the page opens with.
pub struct Initial {
    /// The scenario.
    pub raw: RawScenario,
    /// The preset it is (or is derived from), if the link named one.
    pub preset: Option<&'static str>,
    /// Why the link could not be used, for the error banner: in plain
    /// words, and the technical detail.
    pub error: Option<(String, String)>,
    /// Side B of a comparison, and its preset id, if the link has one.
    pub b: Option<(RawScenario, Option<&'static str>)>,
}

/// Reads the scenario from `href` (the page's address). Never fails: a bad
/// link gives the default preset and a message naming what was wrong.
pub fn initial_from(href: &str) -> Initial {
    let default = presets::find(DEFAULT_PRESET).or_else(|| presets::PRESETS.first());
    let fallback = |error: Option<(String, String)>| Initial {
        raw: default
            .and_then(|p| p.raw().ok())
            .unwrap_or_else(empty_scenario),
        preset: default.map(|p| p.id),
        error,
        b: None,
    };
    let explain = |what: String, detail: String| {
        let title = default.map_or("", |p| p.title);
        (
            format!("This link could not be opened: {what} Showing the default example ({title}) instead."),
            detail,
        )
    };
    match from_link(href) {
        Ok(None) => fallback(None),
        Err(error) => fallback(Some(explain(link_problem(&error), error.to_string()))),
        Ok(Some(raw)) => match raw.validate() {
            Err(error) => fallback(Some(explain(
                format!("its scenario has a problem. {}", user_message(&raw, &error)),
                error.to_string(),
            ))),
            Ok(_) => {
                let (b, error) = match from_link_side(href, Side::B)
                    .and_then(|b| b.map(|b| b.validate().map(|_| b)).transpose())
                {
                    Ok(b) => (b.map(|b| (b, preset_named_in(href, "b_preset"))), None),
                    Err(error) => (
                        None,
                        Some((
                            format!(
                                "Side B of this comparison could not be opened: {} Showing side A alone.",
                                link_problem(&error)
                            ),
                            error.to_string(),
                        )),
                    ),
                };
                Initial {
                    preset: preset_named_in(href, "preset"),
                    raw,
                    error,
                    b,
                }
            }
        },
    }
}

/// What is wrong with a link, in plain words (the detail is shown on demand).
fn link_problem(error: &ScenarioError) -> String {
    match error {
        ScenarioError::Malformed { .. } => {
            "it looks damaged or cut short (was it copied whole?).".into()
        }
        ScenarioError::UnsupportedVersion { .. } => {
            "it was made by another version of Interleave.".into()
        }
        ScenarioError::TooLong { .. } => "it is longer than this page accepts.".into(),
        other => format!("{}.", other.to_string().trim_end_matches('.')),
    }
}


/// The preset id in the link's `key=` parameter (`preset`, `b_preset`),
/// if it is a known one.
fn preset_named_in(href: &str, key: &str) -> Option<&'static str> {
    let query = href.split_once('?')?.1.split('#').next()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .and_then(|(_, id)| presets::find(&id))
        .map(|p: &Preset| p.id)
}

/// A scenario that cannot fail to parse, if every preset somehow did.
fn empty_scenario() -> RawScenario {
    RawScenario {
        version: crate::scenario::FORMAT_VERSION,
        seed: 0,
        items: crate::scenario::RawItems::Text("a".into()),
        loop_overhead_us: 0,
        resources: Vec::new(),
        stages: Vec::new(),
    }
}
