//! The scenario in the address bar, and the Copy link button.
//!
//! ```text
//!  page load:  location.href ──► link::from_link ──► validate()
//!                 Ok(Some) + valid   ──► that scenario (preset id kept if the link names one)
//!                 Ok(None)           ──► the default preset
//!                 Err / invalid      ──► error banner naming the field + the default preset
//!              b_preset / b_seed / b_s ──► side B: a comparison (a bad one: banner, A alone)
//!  every edit: previews (last valid) ──► link::to_query_pair ──► history.replaceState (no new entry)
//!  Copy link:  location.href ──► navigator.clipboard.writeText
//!                 ok      ──► "Copied" for a moment
//!                 refused ──► the link in a read-only field, selected
//! ```
//!
//! The link format is documented in the README ("Share by URL").

use std::time::Duration;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::dom::{Dom, acted, by_testid, find, flag, listen, set_prop};
use super::state::{DEFAULT_PRESET, Playground, use_playground};
use super::testid;
use crate::link::{Side, from_link, from_link_side, to_query_pair};
use crate::presets::{self, Preset};
use crate::scenario::RawScenario;

/// What the page opens with.
pub struct Initial {
    /// The scenario.
    pub raw: RawScenario,
    /// The preset it is (or is derived from), if the link named one.
    pub preset: Option<&'static str>,
    /// Why the link could not be used, for the error banner.
    pub error: Option<String>,
    /// Side B of a comparison, and its preset id, if the link has one.
    pub b: Option<(RawScenario, Option<&'static str>)>,
}

/// Reads the scenario from `href` (the page's address). Never fails: a bad
/// link gives the default preset and a message naming what was wrong.
pub fn initial_from(href: &str) -> Initial {
    let default = presets::find(DEFAULT_PRESET).or_else(|| presets::PRESETS.first());
    let fallback = |error: Option<String>| Initial {
        raw: default
            .and_then(|p| p.raw().ok())
            .unwrap_or_else(empty_scenario),
        preset: default.map(|p| p.id),
        error,
        b: None,
    };
    let explain = |what: String| {
        let title = default.map_or("", |p| p.title);
        format!(
            "This link could not be opened: {what}. Showing the default example ({title}) instead."
        )
    };
    match from_link(href) {
        Ok(None) => fallback(None),
        Err(error) => fallback(Some(explain(error.to_string()))),
        Ok(Some(raw)) => match raw.validate() {
            Err(error) => fallback(Some(explain(error.to_string()))),
            Ok(_) => {
                let (b, error) = match from_link_side(href, Side::B)
                    .and_then(|b| b.map(|b| b.validate().map(|_| b)).transpose())
                {
                    Ok(b) => (b.map(|b| (b, preset_named_in(href, "b_preset"))), None),
                    Err(error) => (
                        None,
                        Some(format!(
                            "Side B of this comparison could not be opened: {error}. Showing side A alone."
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

/// The page's address now.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
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

/// Keeps the address bar's query equal to the previewed scenarios' link,
/// both sides while comparing (`history.replaceState`: editing adds no
/// history entries).
pub fn sync_url(playground: Playground) {
    Effect::new(move |_| {
        let raw = playground.preview.with(|p| p.scenario.raw.clone());
        let b = playground.comparing.get().then(|| {
            let b = &playground.b;
            (b.preview.with(|p| p.scenario.raw.clone()), b.preset.get())
        });
        let query = to_query_pair(
            &raw,
            playground.preset.get(),
            b.as_ref().map(|(raw, preset)| (raw, *preset)),
        );
        replace_query(&query);
    });
}

fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    if location.search().ok().as_deref() == Some(&format!("?{query}")) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?{query}")));
    }
}

/// The Copy link button, its confirmation and its fallback field (built by
/// hand: a click writes the clipboard, then shows "Copied" for a moment, or
/// the link in a read-only field, selected, if the clipboard refused).
#[component]
pub fn CopyLink() -> impl IntoView {
    let playground = use_playground();
    let root = NodeRef::<leptos::html::Span>::new();
    root.on_load(move |el| {
        let el: web_sys::Element = el.into();
        el.set_inner_html(&format!(
            r#"<button type="button" data-act="copy" data-testid="{}">Copy link</button><span class="copy-status" role="status" data-testid="{}" hidden>Copied ✓</span>"#,
            testid::COPY_LINK,
            testid::COPY_STATUS
        ));
        let root = el.clone();
        listen(&el, &["click", "focusin"], move |ev| {
            if ev.type_() == "focusin" {
                // The fallback field selects its link when focused.
                if let Some(input) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.select();
                }
                return;
            }
            if acted(ev).is_none_or(|(act, _)| act != "copy") {
                return;
            }
            // Reading the preview makes sure the address bar is current.
            playground.preview.with_untracked(|_| ());
            let href = current_href();
            let root = root.clone();
            spawn_local(async move {
                let (Some(status), Some(document)) = (
                    by_testid(&root, testid::COPY_STATUS),
                    root.owner_document(),
                ) else {
                    return;
                };
                if let Some(old) = find(&root, ".link-field") {
                    old.remove();
                }
                if write_clipboard(&href).await {
                    flag(&status, "hidden", false);
                    set_timeout(
                        move || flag(&status, "hidden", true),
                        Duration::from_millis(2500),
                    );
                } else if let Some(label) =
                    Dom::html(&root, &document).el("label", &[("class", "link-field")])
                {
                    let label = Dom::html(&label, &document);
                    label.text("span", &[], "The clipboard refused; copy the link from here:");
                    if let Some(input) = label.el(
                        "input",
                        &[
                            ("type", "text"),
                            ("readonly", ""),
                            ("data-testid", testid::LINK_FIELD),
                        ],
                    ) {
                        set_prop(&input, "value", &href.into());
                    }
                }
            });
        });
    });
    view! { <span class="copy-link" node_ref=root></span> }
}

/// Writes `text` to the clipboard; `false` if there is no clipboard or it
/// refused (permissions, an insecure page).
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    if !clipboard.is_object() {
        return false;
    }
    let Ok(write) = Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    match promise.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}
