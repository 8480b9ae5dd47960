//! The view in the link: what the sender was looking at, beside the
//! scenario, so a copied link opens exactly that.
//!
//! ```text
//!  ?preset=block-then-await&v_zoom=2500-7500&v_item=3&v_tab=scrub&v_t=6000&v_edit=b
//!   └── the scenario (link.rs) ─┘└──────────────── the view (this module) ──────────┘
//!
//!  query ──from_params──► (ViewState, Option<message>)   a malformed v_* ⇒ the default view + message
//!  ViewState ──to_params──► "v_zoom=2500-7500&v_item=3…"  (empty for the default view)
//!  ViewState ──fit(items, end)──► what fits the run shown (out of range ⇒ dropped + message)
//! ```
//!
//! | parameter | meaning |
//! |---|---|
//! | `v_zoom=START-END` | the visible window, ms (`12.5-40`) |
//! | `v_item=N` | the selected item (input position, from 0): its lineage is shown |
//! | `v_tab=ID` | the open Explain tab: `insights`, `ordering`, `scrub`, `sweep`, `compare` |
//! | `v_t=MS` | the scrubber's playhead, ms |
//! | `v_edit=b` | while comparing, the editor edits side B |
//!
//! Whether a comparison is shown is part of the scenario link (`b_preset`,
//! `b_s`), not of the view. The scenario parameters never depend on these:
//! a bad view parameter costs the view, never the scenario. Parsing never
//! panics; times are read as plain decimals (no sign, no exponent).

use std::fmt;

use crate::format::cut;
use crate::time::Micros;
use crate::trace::ItemId;

/// The longest view value read, in bytes.
pub const MAX_VALUE_LEN: usize = 40;
/// The largest time a view names, ms (far past any run the caps allow).
pub const MAX_VIEW_MS: f64 = 1e13;

/// The Explain panel's tabs, as the link names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabId {
    /// Insight sentences and blocking blame (`insights`).
    Insights,
    /// Order in → out per stage (`ordering`).
    Ordering,
    /// The loop's state at the playhead (`scrub`).
    Scrub,
    /// The run replayed one loop iteration at a time (`replay`).
    Replay,
    /// A parameter swept over a range (`sweep`).
    Sweep,
    /// Side A against side B (`compare`).
    Compare,
    /// The scenario as a Python program (`python`).
    Python,
}

impl TabId {
    /// Every tab, in the panel's order.
    pub const ALL: [TabId; 7] = [
        TabId::Insights,
        TabId::Ordering,
        TabId::Scrub,
        TabId::Replay,
        TabId::Sweep,
        TabId::Compare,
        TabId::Python,
    ];

    /// Its id in links (and in the page's tab ids).
    pub fn id(self) -> &'static str {
        match self {
            TabId::Insights => "insights",
            TabId::Ordering => "ordering",
            TabId::Scrub => "scrub",
            TabId::Replay => "replay",
            TabId::Sweep => "sweep",
            TabId::Compare => "compare",
            TabId::Python => "python",
        }
    }

    /// The tab with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tab| tab.id() == id)
    }
}

/// What the page shows of a run, beyond the scenario.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The zoomed window `(start, end)`, µs, start < end; `None`: the whole run.
    pub zoom: Option<(Micros, Micros)>,
    /// The selected item (input position).
    pub item: Option<ItemId>,
    /// The open Explain tab; `None`: the page's default.
    pub tab: Option<TabId>,
    /// The scrubber's playhead, µs.
    pub playhead: Option<Micros>,
    /// While comparing, whether the editor edits side B.
    pub edit_b: bool,
}

/// Why a view parameter was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// The value does not read as the parameter's format.
    Malformed {
        /// The parameter (`v_zoom`).
        param: &'static str,
        /// The value given (cut if long).
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// The parameter is given twice.
    Repeated {
        /// The parameter.
        param: &'static str,
    },
    /// The value reads, but the run shown has no such place.
    OutOfRange {
        /// The parameter.
        param: &'static str,
        /// Why it does not fit.
        reason: String,
    },
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::Malformed {
                param,
                value,
                expected,
            } => write!(
                f,
                "link.{param}: expected {expected}, got \"{value}\"; showing the default view"
            ),
            ViewError::Repeated { param } => {
                write!(f, "link.{param}: given twice; showing the default view")
            }
            ViewError::OutOfRange { param, reason } => {
                write!(f, "link.{param}: {reason}; left out of the view")
            }
        }
    }
}

/// The view parameters, in the order links write them.
const PARAMS: [&str; 5] = ["v_zoom", "v_item", "v_tab", "v_t", "v_edit"];

impl ViewState {
    /// Whether this is the default view (nothing to put in a link).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The view as query parameters (`v_zoom=2500-7500&v_tab=scrub`),
    /// without a leading `&`; empty for the default view.
    pub fn to_params(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some((start, end)) = self.zoom {
            pairs.push(("v_zoom", format!("{}-{}", ms_text(start), ms_text(end))));
        }
        if let Some(item) = self.item {
            pairs.push(("v_item", item.to_string()));
        }
        if let Some(tab) = self.tab {
            pairs.push(("v_tab", tab.id().to_string()));
        }
        if let Some(playhead) = self.playhead {
            pairs.push(("v_t", ms_text(playhead)));
        }
        if self.edit_b {
            pairs.push(("v_edit", "b".to_string()));
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(key, &value);
        }
        query.finish()
    }

    /// The view a link names: a whole URL or its query string. Other
    /// parameters are ignored. If any view parameter is malformed or given
    /// twice, the default view and a message naming it.
    pub fn from_params(link: &str) -> (ViewState, Option<ViewError>) {
        let query = match link.split_once('?') {
            Some((_, query)) => query,
            None if link.contains("://") => "",
            None => link,
        };
        let query = query.split('#').next().unwrap_or_default();
        match Self::parse(query) {
            Ok(view) => (view, None),
            Err(error) => (ViewState::default(), Some(error)),
        }
    }

    fn parse(query: &str) -> Result<ViewState, ViewError> {
        let mut seen = [false; PARAMS.len()];
        let mut view = ViewState::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let Some(index) = PARAMS.iter().position(|p| *p == key) else {
                continue;
            };
            let param = PARAMS[index];
            if std::mem::replace(&mut seen[index], true) {
                return Err(ViewError::Repeated { param });
            }
            let malformed = |expected| ViewError::Malformed {
                param,
                value: cut(&value, MAX_VALUE_LEN),
                expected,
            };
            if value.len() > MAX_VALUE_LEN {
                return Err(malformed("a short value"));
            }
            match param {
                "v_zoom" => {
                    let expected = "START-END in ms with START < END (like 12.5-40)";
                    let (start, end) = value.split_once('-').ok_or_else(|| malformed(expected))?;
                    let (start, end) = (parse_ms(start), parse_ms(end));
                    match (start, end) {
                        (Some(start), Some(end)) if start < end => view.zoom = Some((start, end)),
                        _ => return Err(malformed(expected)),
                    }
                }
                "v_item" => {
                    let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
                    view.item =
                        Some(value.parse().ok().filter(|_| valid).ok_or_else(|| {
                            malformed("an item's position, a whole number from 0")
                        })?);
                }
                "v_tab" => {
                    view.tab =
                        Some(TabId::from_id(&value).ok_or_else(|| {
                            malformed("insights, ordering, scrub, sweep or compare")
                        })?);
                }
                "v_t" => {
                    view.playhead = Some(
                        parse_ms(&value).ok_or_else(|| malformed("a time in ms (like 1200)"))?,
                    );
                }
                _ => {
                    view.edit_b = match value.as_ref() {
                        "a" => false,
                        "b" => true,
                        _ => return Err(malformed("a or b")),
                    };
                }
            }
        }
        Ok(view)
    }

    /// The part of this view that fits a run of `items` items ending at
    /// `end` µs: an item past the last, a window or playhead past the end
    /// is left out (with a message naming the first such parameter); a
    /// window reaching past the end is cut there.
    pub fn fit(self, items: usize, end: Micros) -> (ViewState, Option<ViewError>) {
        let mut view = self;
        let mut error = None;
        let mut out = |param, reason: String| {
            error.get_or_insert(ViewError::OutOfRange { param, reason });
        };
        if let Some(item) = view.item
            && item as usize >= items
        {
            out(
                "v_item",
                format!("item {item} is past the run's {items} items"),
            );
            view.item = None;
        }
        if let Some((start, stop)) = view.zoom {
            if start >= end {
                out(
                    "v_zoom",
                    format!(
                        "the window starts at {} ms, after the run ends ({} ms)",
                        ms_text(start),
                        ms_text(end)
                    ),
                );
                view.zoom = None;
            } else {
                view.zoom = Some((start, stop.min(end)));
            }
        }
        if let Some(playhead) = view.playhead
            && playhead > end
        {
            out(
                "v_t",
                format!(
                    "{} ms is after the run ends ({} ms)",
                    ms_text(playhead),
                    ms_text(end)
                ),
            );
            view.playhead = None;
        }
        (view, error)
    }
}

/// `query` (a link's query string, or empty) with `view`'s parameters
/// appended: what the page writes to the address bar.
pub fn with_view(query: &str, view: &ViewState) -> String {
    let params = view.to_params();
    match (query.is_empty(), params.is_empty()) {
        (_, true) => query.to_string(),
        (true, false) => params,
        (false, false) => format!("{query}&{params}"),
    }
}

/// µs as ms, as short as exact: `12500` ⇒ `12.5`, `7` ⇒ `0.007`.
fn ms_text(us: Micros) -> String {
    let (whole, frac) = (us / 1000, us % 1000);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{frac:03}")
            .trim_end_matches('0')
            .to_string()
    }
}

/// A plain decimal of ms (`12.5`; digits and at most one point, up to
/// [`MAX_VIEW_MS`]) as µs, rounded.
fn parse_ms(text: &str) -> Option<Micros> {
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && text != ".";
    let ms: f64 = text.parse().ok().filter(|_| plain)?;
    (ms.is_finite() && ms <= MAX_VIEW_MS).then(|| (ms * 1000.0).round() as Micros)
}
