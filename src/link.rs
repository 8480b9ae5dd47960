//! Share by URL: a scenario in a link's query string, versioned and compact.
//!
//! ```text
//!  ?preset=hello-workers            a preset, unchanged
//!  ?preset=hello-workers&seed=9     a preset with another seed
//!  ?s=2.<base64url(deflate(postcard(RawScenario)))>   any scenario (format 2, written)
//!  ?s=1.<base64url(postcard(RawScenario))>            format 1 (still read)
//!  b_preset, b_seed, b_s            side B of a comparison
//!
//!  link ─► length ≤ MAX_LINK_LEN ─► parameters: each at most once, preset or s
//!       ─► payload: version ─► base64url ─► inflate (≤ MAX_SCENARIO_BYTES) ─► postcard ─► RawScenario
//! ```
//!
//! The payload is the [`RawScenario`] in `postcard`'s compact binary form,
//! raw-deflated (format 2), base64url without padding; the prefix before the
//! `.` is the link format version. The link caps in [`crate::limits`] are
//! derived from the scenario caps, so every valid scenario has a link this
//! module reads back.
//!
//! Reading never panics. A bad link gives a [`LinkError`]: its `Display` is a
//! sentence for the page (input it echoes is cut, with its length), and
//! [`LinkError::detail`] the technical reason. [`from_link`] and
//! [`from_link_side`] give the same error as a [`ScenarioError`] naming the
//! parameter (`link.s`), whose text is that detail.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::format::{cut, grouped};
use crate::limits::{MAX_LINK_LEN, MAX_SCENARIO_BYTES};
use crate::presets;
use crate::scenario::{RawScenario, ScenarioError};

/// The link format this build writes.
pub const LINK_VERSION: &str = "2";

/// The link formats this build reads, in words.
const READS: &str = "1 and 2";

/// Characters of a value echoed in a message before it is cut.
const ECHO_CHARS: usize = 40;

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

/// One side of a link, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// The scenario.
    pub raw: RawScenario,
    /// The preset the link names (`preset=`), if it names one.
    pub preset: Option<&'static str>,
}

/// Why a link cannot be opened. `Display` says it in plain words for the
/// page; [`LinkError::detail`] gives the technical reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The link is longer than [`MAX_LINK_LEN`] characters.
    TooLong {
        /// Its length, in characters.
        len: usize,
    },
    /// A parameter is given twice (`preset=a&preset=b`).
    Repeated {
        /// The parameter.
        param: String,
        /// Its first value.
        first: String,
        /// Its second value.
        second: String,
    },
    /// One side names a preset and carries a scenario (`preset` with `s`).
    Conflict {
        /// The preset parameter (`preset`, `b_preset`).
        preset_param: String,
        /// The preset it names.
        preset: String,
        /// The scenario parameter (`s`, `b_s`).
        s_param: String,
    },
    /// Side B is given without side A (`?b_preset=gather` alone).
    SideBAlone {
        /// The side B parameter found.
        param: String,
    },
    /// A seed is given without a preset or scenario to use it with.
    SeedAlone {
        /// The seed parameter (`seed`, `b_seed`).
        param: String,
    },
    /// No preset has this id.
    UnknownPreset {
        /// The parameter.
        param: String,
        /// The id given.
        id: String,
    },
    /// The seed is not a whole number.
    BadSeed {
        /// The parameter.
        param: String,
        /// The value given.
        value: String,
    },
    /// The payload has no format version, or one this build does not read.
    Version {
        /// The parameter.
        param: String,
        /// The version found (`None`: no `<version>.` prefix).
        found: Option<String>,
    },
    /// The payload cannot be decoded (not base64url, not deflate data, not
    /// a scenario, or too large for one).
    Damaged {
        /// The parameter.
        param: String,
        /// What the decoder said.
        detail: String,
    },
}

impl LinkError {
    /// The parameter at fault (`s`, `b_preset`), or `link` for the whole link.
    pub fn param(&self) -> &str {
        match self {
            Self::TooLong { .. } => "link",
            Self::Repeated { param, .. }
            | Self::SideBAlone { param }
            | Self::SeedAlone { param }
            | Self::UnknownPreset { param, .. }
            | Self::BadSeed { param, .. }
            | Self::Version { param, .. }
            | Self::Damaged { param, .. } => param,
            Self::Conflict { preset_param, .. } => preset_param,
        }
    }

    /// The technical reason, naming the parameter: `link.s: truncated or
    /// corrupt: …`. Echoed input is cut as in the message.
    pub fn detail(&self) -> String {
        let reason = match self {
            Self::TooLong { len } => {
                format!("{len} characters, more than MAX_LINK_LEN ({MAX_LINK_LEN})")
            }
            Self::Repeated { first, second, .. } => {
                format!("given twice: {} and {}", quote(first), quote(second))
            }
            Self::Conflict {
                preset, s_param, ..
            } => format!("given with {s_param}: {} and a scenario", quote(preset)),
            Self::SideBAlone { .. } => "side B given without side A (preset or s)".into(),
            Self::SeedAlone { .. } => "given without a preset or a scenario (s)".into(),
            Self::UnknownPreset { id, .. } => format!("no preset named {}", quote(id)),
            Self::BadSeed { value, .. } => format!("{} is not a whole number", quote(value)),
            Self::Version { found: None, .. } => {
                format!("missing the format version (expected \"{LINK_VERSION}.…\")")
            }
            Self::Version {
                found: Some(version),
                ..
            } => format!(
                "link format {} is not supported (this build reads {READS})",
                cut(version, ECHO_CHARS)
            ),
            Self::Damaged { detail, .. } => detail.clone(),
        };
        format!("link.{}: {reason}", self.param())
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { len } => write!(
                f,
                "This link is {} characters long, more than the {} this page reads.",
                grouped(*len),
                grouped(MAX_LINK_LEN)
            ),
            Self::Repeated {
                param,
                first,
                second,
            } => write!(
                f,
                "This link gives {param}= twice ({} and {}); keep one.",
                quote(first),
                quote(second)
            ),
            Self::Conflict {
                preset_param,
                preset,
                s_param,
            } => write!(
                f,
                "This link gives both {preset_param}= ({}) and {s_param}= (a scenario of its own) \
                 for the same side; keep one.",
                quote(preset)
            ),
            Self::SideBAlone { param } => write!(
                f,
                "This link has a side B ({param}=) but no side A to compare it with \
                 (preset= or s=)."
            ),
            Self::SeedAlone { param } => write!(
                f,
                "This link gives {param}= but no example (preset=) or scenario (s=) to use it with."
            ),
            Self::UnknownPreset { param, id } => {
                write!(f, "There is no example named {} ({param}=).", quote(id))
            }
            Self::BadSeed { param, value } => write!(
                f,
                "The seed {} ({param}=) is not a whole number from 0 to {}.",
                quote(value),
                u64::MAX
            ),
            Self::Version { param, found: None } => write!(
                f,
                "The scenario in {param}= does not start with its format version: \
                 the link is damaged or cut short."
            ),
            Self::Version {
                param,
                found: Some(version),
            } => write!(
                f,
                "The scenario in {param}= is in link format {}, which this version of \
                 Interleave does not read (it reads formats {READS}).",
                quote(version)
            ),
            Self::Damaged { param, .. } => write!(
                f,
                "The scenario in {param}= is damaged or cut short (was the link copied whole?)."
            ),
        }
    }
}

impl std::error::Error for LinkError {}

impl From<LinkError> for ScenarioError {
    /// `Malformed`, naming the parameter (`link.s`), with the technical reason.
    fn from(error: LinkError) -> Self {
        let field = match error.param() {
            "link" => "link".to_string(),
            param => format!("link.{param}"),
        };
        let detail = error.detail();
        let reason = detail
            .strip_prefix(&format!("{field}: "))
            .unwrap_or(&detail)
            .to_string();
        ScenarioError::Malformed { field, reason }
    }
}

/// A value echoed in a message: quoted, cut if long.
fn quote(value: &str) -> String {
    format!("\"{}\"", cut(value, ECHO_CHARS))
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

/// The compact payload of `raw`: `2.<base64url(deflate(postcard))>`.
pub fn encode(raw: &RawScenario) -> String {
    // Serializing plain data structures into a Vec cannot fail.
    let bytes = postcard::to_allocvec(raw).unwrap_or_default();
    let level = miniz_oxide::deflate::CompressionLevel::BestCompression as u8;
    let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, level);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads a scenario from a link: a whole URL, or just its query string.
///
/// `Ok(None)` means the link names no scenario (no `preset` or `s`, and no
/// side B or seed without them).
pub fn from_link(link: &str) -> Result<Option<RawScenario>, ScenarioError> {
    from_link_side(link, Side::A)
}

/// Reads side A or B of a link; errors name the parameter (`link.b_s`).
pub fn from_link_side(link: &str, side: Side) -> Result<Option<RawScenario>, ScenarioError> {
    Ok(read(link, side)?.map(|shared| shared.raw))
}

/// Reads side A or B of a link, with the preset it names: what the page
/// opens. `Ok(None)`: the link names no scenario for this side.
///
/// Refused: a link over [`MAX_LINK_LEN`], a parameter of this side given
/// twice, `preset` with `s`, a seed with neither, and side B without side A
/// (reading either side says so).
pub fn read(link: &str, side: Side) -> Result<Option<Shared>, LinkError> {
    if link.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong {
            len: link.chars().count(),
        });
    }
    let query = match link.split_once('?') {
        Some((_, query)) => query,
        None if link.contains("://") => "",
        None => link,
    };
    let query = query.split('#').next().unwrap_or_default();
    let params = Params::of(query, side)?;
    let a_names_scenario = match side {
        Side::A => params.preset.is_some() || params.s.is_some(),
        Side::B => given(query, Side::A, &["preset", "s"]).is_some(),
    };
    if !a_names_scenario && let Some(param) = given(query, Side::B, &["preset", "s", "seed"]) {
        return Err(LinkError::SideBAlone { param });
    }
    params.read(side)
}

/// The first of `names` on `side` that the query gives, as its key.
fn given(query: &str, side: Side, names: &[&str]) -> Option<String> {
    let keys: Vec<String> = names.iter().map(|name| side.key(name)).collect();
    form_urlencoded::parse(query.as_bytes())
        .find_map(|(key, _)| keys.iter().find(|k| k.as_str() == key).cloned())
}

/// One side's parameters, each given at most once.
#[derive(Default)]
struct Params {
    preset: Option<String>,
    seed: Option<String>,
    s: Option<String>,
}

impl Params {
    fn of(query: &str, side: Side) -> Result<Self, LinkError> {
        let (preset_key, seed_key, s_key) = (side.key("preset"), side.key("seed"), side.key("s"));
        let mut params = Self::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let slot = if key == preset_key.as_str() {
                &mut params.preset
            } else if key == seed_key.as_str() {
                &mut params.seed
            } else if key == s_key.as_str() {
                &mut params.s
            } else {
                continue;
            };
            if let Some(first) = slot {
                return Err(LinkError::Repeated {
                    param: key.into_owned(),
                    first: first.clone(),
                    second: value.into_owned(),
                });
            }
            *slot = Some(value.into_owned());
        }
        Ok(params)
    }

    fn read(self, side: Side) -> Result<Option<Shared>, LinkError> {
        let (preset_key, seed_key, s_key) = (side.key("preset"), side.key("seed"), side.key("s"));
        let (mut raw, preset) = match (self.s, self.preset) {
            (Some(_), Some(preset)) => {
                return Err(LinkError::Conflict {
                    preset_param: preset_key,
                    preset,
                    s_param: s_key,
                });
            }
            (Some(payload), None) => (decode_payload(&payload, &s_key)?, None),
            (None, Some(id)) => {
                let preset = presets::find(&id).ok_or_else(|| LinkError::UnknownPreset {
                    param: preset_key.clone(),
                    id,
                })?;
                let raw = preset.raw().map_err(|error| LinkError::Damaged {
                    param: preset_key,
                    detail: error.to_string(),
                })?;
                (raw, Some(preset.id))
            }
            (None, None) => {
                return match self.seed {
                    Some(_) => Err(LinkError::SeedAlone { param: seed_key }),
                    None => Ok(None),
                };
            }
        };
        if let Some(seed) = self.seed {
            raw.seed = seed.parse().map_err(|_| LinkError::BadSeed {
                param: seed_key,
                value: seed,
            })?;
        }
        Ok(Some(Shared { raw, preset }))
    }
}

/// Decodes a `2.…` (or format 1) payload.
pub fn decode(payload: &str) -> Result<RawScenario, ScenarioError> {
    Ok(decode_payload(payload, "s")?)
}

fn decode_payload(payload: &str, param: &str) -> Result<RawScenario, LinkError> {
    let damaged = |detail: String| LinkError::Damaged {
        param: param.into(),
        detail,
    };
    let Some((version, data)) = payload.split_once('.') else {
        return Err(LinkError::Version {
            param: param.into(),
            found: None,
        });
    };
    if version != "1" && version != LINK_VERSION {
        return Err(LinkError::Version {
            param: param.into(),
            found: Some(version.into()),
        });
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|error| damaged(format!("not base64url: {error}")))?;
    let bytes = if version == "1" {
        bytes
    } else {
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_SCENARIO_BYTES)
            .map_err(|error| damaged(format!("not deflate data: {error}")))?
    };
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(damaged(format!(
            "{} bytes, more than any valid scenario ({MAX_SCENARIO_BYTES})",
            bytes.len()
        )));
    }
    let (raw, rest) = postcard::take_from_bytes::<RawScenario>(&bytes)
        .map_err(|error| damaged(format!("truncated or corrupt: {error}")))?;
    if !rest.is_empty() {
        return Err(damaged(format!(
            "{} unexpected bytes after the scenario",
            rest.len()
        )));
    }
    Ok(raw)
}
