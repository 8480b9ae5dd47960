//! Share by URL: a scenario in a link's query string, versioned and compact.
//!
//! ```text
//!  ?preset=hello-workers            a preset, unchanged
//!  ?preset=hello-workers&seed=9     a preset with another seed
//!  ?s=1.<base64url(postcard(RawScenario))>   any scenario (format 1)
//! ```
//!
//! The payload is the [`RawScenario`] in `postcard`'s compact binary form,
//! base64url without padding; the `1.` prefix is the link format version.
//! Decoding never panics: a truncated or hand-edited link gives a
//! [`ScenarioError`] naming the parameter, and the caller falls back to a
//! working scenario.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::limits::MAX_LINK_LEN;
use crate::presets;
use crate::scenario::{RawScenario, ScenarioError};

/// The link format this build writes.
pub const LINK_VERSION: &str = "1";

/// Which scenario of a link: the main one, or side B of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// `preset`, `seed`, `s`.
    A,
    /// `b_preset`, `b_seed`, `b_s`.
    B,
}

impl Side {
    fn key(self, name: &str) -> String {
        match self {
            Side::A => name.to_string(),
            Side::B => format!("b_{name}"),
        }
    }
}

/// The query string sharing side A and, for a comparison, side B.
pub fn to_query_pair(
    a: &RawScenario,
    a_preset: Option<&str>,
    b: Option<(&RawScenario, Option<&str>)>,
) -> String {
    let mut query = to_query(a, a_preset);
    if let Some((b, b_preset)) = b {
        query.push('&');
        query.push_str(&side_query(b, b_preset, Side::B));
    }
    query
}

/// The query string (without `?`) that shares `raw`; `preset` if it is one unchanged.
pub fn to_query(raw: &RawScenario, preset: Option<&str>) -> String {
    side_query(raw, preset, Side::A)
}

fn side_query(raw: &RawScenario, preset: Option<&str>, side: Side) -> String {
    let (preset_key, seed_key, s_key) = (side.key("preset"), side.key("seed"), side.key("s"));
    if let Some(preset) = preset.and_then(presets::find)
        && let Ok(original) = preset.raw()
    {
        if &original == raw {
            return format!("{preset_key}={}", preset.id);
        }
        let mut reseeded = original;
        reseeded.seed = raw.seed;
        if &reseeded == raw {
            return format!("{preset_key}={}&{seed_key}={}", preset.id, raw.seed);
        }
    }
    format!("{s_key}={}", encode(raw))
}

/// The compact payload of `raw`: `1.<base64url>`.
pub fn encode(raw: &RawScenario) -> String {
    // Serializing plain data structures into a Vec cannot fail.
    let bytes = postcard::to_allocvec(raw).unwrap_or_default();
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Reads a scenario from a link: a whole URL, or just its query string.
///
/// `Ok(None)` means the link names no scenario (no `preset` or `s`).
pub fn from_link(link: &str) -> Result<Option<RawScenario>, ScenarioError> {
    from_link_side(link, Side::A)
}

/// Reads side A or B of a link; errors name the parameter (`link.b_s`).
pub fn from_link_side(link: &str, side: Side) -> Result<Option<RawScenario>, ScenarioError> {
    if link.len() > MAX_LINK_LEN {
        return Err(malformed(
            "link",
            format!("longer than {MAX_LINK_LEN} characters"),
        ));
    }
    let query = match link.split_once('?') {
        Some((_, query)) => query,
        None if link.contains("://") => "",
        None => link,
    };
    let query = query.split('#').next().unwrap_or_default();
    let (mut preset, mut seed, mut payload) = (None, None, None);
    let (preset_key, seed_key, s_key) = (side.key("preset"), side.key("seed"), side.key("s"));
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key == preset_key.as_str() {
            preset = Some(value.into_owned());
        } else if key == seed_key.as_str() {
            seed = Some(value.into_owned());
        } else if key == s_key.as_str() {
            payload = Some(value.into_owned());
        }
    }
    let mut raw = match (payload, preset) {
        (Some(payload), _) => decode_field(&payload, &format!("link.{s_key}"))?,
        (None, Some(id)) => presets::find(&id)
            .ok_or_else(|| {
                malformed(
                    &format!("link.{preset_key}"),
                    format!("no preset named \"{id}\""),
                )
            })?
            .raw()?,
        (None, None) => return Ok(None),
    };
    if let Some(seed) = seed {
        raw.seed = seed.parse().map_err(|_| {
            malformed(
                &format!("link.{seed_key}"),
                format!("\"{seed}\" is not a whole number"),
            )
        })?;
    }
    Ok(Some(raw))
}

/// Decodes a `1.<base64url>` payload.
pub fn decode(payload: &str) -> Result<RawScenario, ScenarioError> {
    decode_field(payload, "link.s")
}

fn decode_field(payload: &str, field: &str) -> Result<RawScenario, ScenarioError> {
    let Some((version, data)) = payload.split_once('.') else {
        return Err(malformed(
            field,
            "missing the format version (expected \"1.…\")".into(),
        ));
    };
    if version != LINK_VERSION {
        return Err(malformed(
            field,
            format!("link format {version} is not supported (this build reads {LINK_VERSION})"),
        ));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|error| malformed(field, format!("not base64url: {error}")))?;
    let (raw, rest) = postcard::take_from_bytes::<RawScenario>(&bytes)
        .map_err(|error| malformed(field, format!("truncated or corrupt: {error}")))?;
    if !rest.is_empty() {
        return Err(malformed(
            field,
            format!("{} unexpected bytes after the scenario", rest.len()),
        ));
    }
    Ok(raw)
}

fn malformed(field: &str, reason: String) -> ScenarioError {
    ScenarioError::Malformed {
        field: field.into(),
        reason,
    }
}
