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

/// The query string (without `?`) that shares `raw`; `preset` if it is one unchanged.
pub fn to_query(raw: &RawScenario, preset: Option<&str>) -> String {
    if let Some(preset) = preset.and_then(presets::find)
        && let Ok(original) = preset.raw()
    {
        if &original == raw {
            return format!("preset={}", preset.id);
        }
        let mut reseeded = original;
        reseeded.seed = raw.seed;
        if &reseeded == raw {
            return format!("preset={}&seed={}", preset.id, raw.seed);
        }
    }
    format!("s={}", encode(raw))
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
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "preset" => preset = Some(value.into_owned()),
            "seed" => seed = Some(value.into_owned()),
            "s" => payload = Some(value.into_owned()),
            _ => {}
        }
    }
    let mut raw = match (payload, preset) {
        (Some(payload), _) => decode(&payload)?,
        (None, Some(id)) => presets::find(&id)
            .ok_or_else(|| malformed("link.preset", format!("no preset named \"{id}\"")))?
            .raw()?,
        (None, None) => return Ok(None),
    };
    if let Some(seed) = seed {
        raw.seed = seed
            .parse()
            .map_err(|_| malformed("link.seed", format!("\"{seed}\" is not a whole number")))?;
    }
    Ok(Some(raw))
}

/// Decodes a `1.<base64url>` payload.
pub fn decode(payload: &str) -> Result<RawScenario, ScenarioError> {
    let Some((version, data)) = payload.split_once('.') else {
        return Err(malformed(
            "link.s",
            "missing the format version (expected \"1.…\")".into(),
        ));
    };
    if version != LINK_VERSION {
        return Err(malformed(
            "link.s",
            format!("link format {version} is not supported (this build reads {LINK_VERSION})"),
        ));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|error| malformed("link.s", format!("not base64url: {error}")))?;
    let (raw, rest) = postcard::take_from_bytes::<RawScenario>(&bytes)
        .map_err(|error| malformed("link.s", format!("truncated or corrupt: {error}")))?;
    if !rest.is_empty() {
        return Err(malformed(
            "link.s",
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
