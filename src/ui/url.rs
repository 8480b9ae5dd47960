//! The scenario in the address bar, and the Copy link button.
//!
//! ```text
//!  page load:  location.href ──► crate::opening::initial_from (pure) ──► App
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

use super::error_banner::ErrorBanner;
use super::state::{Playground, Tab, use_playground};
use super::testid;
use crate::chart::Viewport;
use crate::link::{Side, to_query_pair};
use crate::view::{ViewState, with_view};

/// The page's address now.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The view the page shows now, as the link carries it (tracked).
pub fn current_view(playground: Playground) -> ViewState {
    let tab = playground.tab.get();
    // A comparison opens on the Compare tab, anything else on Insights.
    let comparing = playground.comparing.get();
    let default_tab = if comparing {
        Tab::Compare
    } else {
        Tab::Insights
    };
    ViewState {
        zoom: playground
            .zoom
            .get()
            .map(|v| {
                (
                    v.start.max(0.0).round() as u64,
                    v.end.max(0.0).round() as u64,
                )
            })
            .filter(|(start, end)| start < end),
        item: playground.selected.get(),
        tab: (tab != default_tab).then_some(tab),
        playhead: (tab == Tab::Scrub)
            .then(|| playground.playhead.get())
            .flatten(),
        edit_b: comparing && playground.editing.get() == Side::B,
    }
}

/// Applies a view read from the link (already fitted to the run).
fn apply_view(playground: Playground, view: ViewState) {
    if let Some((start, end)) = view.zoom {
        playground.zoom.set(Some(Viewport {
            start: start as f64,
            end: end as f64,
        }));
    }
    playground.selected.set(view.item);
    if let Some(tab) = view.tab {
        playground.tab.set(tab);
    }
    playground.playhead.set(view.playhead);
    if view.edit_b && playground.comparing.get_untracked() {
        playground.editing.set(Side::B);
    }
}

/// The scenarios' part of the link (tracked).
fn scenario_query(playground: Playground) -> String {
    let raw = playground.preview.with(|p| p.scenario.raw.clone());
    let b = playground.comparing.get().then(|| {
        let b = &playground.b;
        (b.preview.with(|p| p.scenario.raw.clone()), b.preset.get())
    });
    to_query_pair(
        &raw,
        playground.preset.get(),
        b.as_ref().map(|(raw, preset)| (raw, *preset)),
    )
}

/// The query string of the page now: the previewed scenarios and the view
/// (tracked).
pub fn link_query(playground: Playground) -> String {
    with_view(&scenario_query(playground), &current_view(playground))
}

/// How long the view must stay still before the address follows it, ms
/// (a pan or a drag changes it every frame).
const VIEW_SETTLE_MS: u64 = 250;

/// Applies the view the address carries (zoom, item, tab, playhead) once
/// side A's first preview is computed: the view is fitted to that run, so
/// it cannot be fitted to the empty run shown while a big (or, on a busy
/// machine, a small) scenario is still computing. A part that does not fit
/// falls back to the default view with a message; the scenario is kept.
/// Returns whether the view has been applied.
pub fn open_link_view(playground: Playground, banner: ErrorBanner) -> Signal<bool> {
    let opened = RwSignal::new(false);
    let (view, view_error) = ViewState::from_params(&current_href());
    let open = move || {
        let (items, end) = playground
            .preview
            .with_untracked(|p| (p.scenario.item_count(), p.timeline.end));
        let (view, fit_error) = view.fit(items, end);
        apply_view(playground, view);
        if let Some(error) = view_error.clone().or(fit_error)
            && !banner.is_visible()
        {
            banner.show_with_detail(
                "Part of this link's view could not be used, so the chart shows the default view there; the scenario is as shared.",
                error.to_string(),
            );
        }
        opened.set(true);
    };
    if playground.computing.get_untracked().is_none() {
        open();
    } else {
        // Reads nothing tracked once it has run `open`, so it never runs again.
        Effect::new(move |_| {
            if !opened.get_untracked() && playground.computing.get().is_none() {
                untrack(&open);
            }
        });
    }
    opened.into()
}

/// Keeps the address bar's query equal to the previewed scenarios' link,
/// both sides while comparing, and the view (`history.replaceState`:
/// editing adds no history entries), from the moment the link's own view
/// is `opened` (until then the address is the link as opened). A change of
/// scenario is written at once; a change of the view alone once the view
/// settles.
pub fn sync_url(playground: Playground, opened: Signal<bool>) {
    let generation = StoredValue::new(0u64);
    let written = StoredValue::new(String::new());
    // Encoding a scenario (postcard, deflate) runs only when it changes,
    // not on every frame of a pan.
    let scenarios = Memo::new(move |_| scenario_query(playground));
    Effect::new(move |_| {
        if !opened.get() {
            return;
        }
        let scenarios = scenarios.get();
        let query = with_view(&scenarios, &current_view(playground));
        generation.update_value(|g| *g += 1);
        if written.get_value() != scenarios {
            written.set_value(scenarios);
            replace_query(&query);
            return;
        }
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    replace_query(&query);
                }
            },
            Duration::from_millis(VIEW_SETTLE_MS),
        );
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

/// The Copy link button, its confirmation and its fallback field: a click
/// writes the clipboard, then shows "Copied" for a moment, or the link in a
/// read-only field, selected, if the clipboard refused.
#[component]
pub fn CopyLink() -> impl IntoView {
    let playground = use_playground();
    let copied = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let copy = move |_| {
        // The address bar follows the page after a short delay: bring it
        // up to date now, so the link copied is what the page shows.
        replace_query(&untrack(|| link_query(playground)));
        let href = current_href();
        spawn_local(async move {
            if write_clipboard(&href).await {
                refused.set(None);
                copied.set(true);
                set_timeout(
                    move || copied.try_set(false).map_or((), |_| ()),
                    Duration::from_millis(2500),
                );
            } else {
                refused.set(Some(href));
            }
        });
    };
    view! {
        <span class="copy-link">
            <button type="button" data-testid=testid::COPY_LINK on:click=copy>
                "Copy link"
            </button>
            <span class="copy-status" role="status" data-testid=testid::COPY_STATUS hidden=move || !copied.get()>
                "Copied ✓"
            </span>
            {move || {
                refused
                    .get()
                    .map(|href| {
                        view! {
                            <label class="link-field">
                                <span>"The clipboard refused; copy the link from here:"</span>
                                <input
                                    type="text"
                                    readonly
                                    data-testid=testid::LINK_FIELD
                                    prop:value=href
                                    on:focus=move |ev| {
                                        if let Some(input) = ev
                                            .target()
                                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                        {
                                            input.select();
                                        }
                                    }
                                />
                            </label>
                        }
                    })
            }}
        </span>
    }
}

/// Writes `text` to the clipboard; `false` if there is no clipboard or it
/// refused (permissions, an insecure page).
pub async fn write_clipboard(text: &str) -> bool {
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
