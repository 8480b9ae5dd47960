//! What the page opens with, read from its address: the scenario (or two,
//! for a comparison), the preset it names, and what was wrong with the link
//! in plain words, with the technical detail apart.
//!
//! ```text
//!  href ──► link::read ──► validate()
//!             Ok(Some) + valid   ──► that scenario (preset id kept if the link names one)
//!             Ok(None)           ──► the default preset
//!             Err / invalid      ──► (plain message, detail) + the default preset
//!                                    (LinkError's words; user_message for a field)
//!           b_preset / b_seed / b_s ──► side B: a comparison (a bad one: message, A alone)
//! ```

use crate::edit::message::user_message;
use crate::link::{Side, read};
use crate::presets;
use crate::scenario::RawScenario;

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
/// link gives the default preset and a message in plain words (with the
/// technical detail apart); a bad side B gives side A alone and a message.
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
    let instead = format!(
        "Showing the default example ({}) instead.",
        default.map_or("", |p| p.title)
    );
    let a = match read(href, Side::A) {
        Ok(None) => return fallback(None),
        Ok(Some(a)) => a,
        Err(error) => {
            return fallback(Some((
                format!("This link could not be opened. {error} {instead}"),
                error.detail(),
            )));
        }
    };
    if let Err(error) = a.raw.validate() {
        return fallback(Some((
            format!(
                "This link's scenario has a problem. {} {instead}",
                user_message(&a.raw, &error)
            ),
            error.to_string(),
        )));
    }
    let (b, error) = match read(href, Side::B) {
        Ok(None) => (None, None),
        Ok(Some(b)) => match b.raw.validate() {
            Ok(_) => (Some((b.raw, b.preset)), None),
            Err(error) => (
                None,
                Some((
                    format!(
                        "Side B of this comparison has a problem. {} Showing side A alone.",
                        user_message(&b.raw, &error)
                    ),
                    error.to_string(),
                )),
            ),
        },
        Err(error) => (
            None,
            Some((
                format!(
                    "Side B of this comparison could not be opened. {error} Showing side A alone."
                ),
                error.detail(),
            )),
        ),
    };
    Initial {
        raw: a.raw,
        preset: a.preset,
        error,
        b,
    }
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
