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

use super::state::{Playground, use_playground};
use super::testid;
use crate::link::to_query_pair;

/// The page's address now.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
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

/// The Copy link button, its confirmation and its fallback field: a click
/// writes the clipboard, then shows "Copied" for a moment, or the link in a
/// read-only field, selected, if the clipboard refused.
#[component]
pub fn CopyLink() -> impl IntoView {
    let playground = use_playground();
    let copied = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let copy = move |_| {
        // Reading the preview makes sure the address bar is current.
        playground.preview.with_untracked(|_| ());
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
