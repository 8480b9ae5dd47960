//! Panic reporting: a panic in wasm kills the app, so say so on the page.
//!
//! ```text
//!  panic!() ──► hook ──► console_error_panic_hook (message + JS stack in the console)
//!                   └──► show_fatal_error(): plain web-sys DOM calls
//!                           banner [data-testid=error-banner] (created if absent)
//!                           ├─ message: "Interleave stopped after an internal error: …"
//!                           ├─ Dismiss button hidden (nothing can recover)
//!                           └─ "Reload" link
//!                ──► abort: the wasm traps (`unreachable`)
//! ```
//!
//! The banner is written without signals on purpose: after a panic the
//! reactive runtime may hold broken state (a half-finished update, a
//! borrowed cell), so only direct DOM calls are trusted. Every DOM step
//! ignores its own failure: the hook must never panic itself.

use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};

use web_sys::{Document, Element};

use super::testid;

/// The first words of the banner text after a panic.
pub const FATAL_PREFIX: &str = "Interleave stopped after an internal error";

/// The last sentence of the banner text after a panic.
pub const RELOAD_HINT: &str = "The page must be reloaded to continue.";

/// Set by the first panic; later panics only go to the console.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// Installs the panic hook: the console report of
/// [`console_error_panic_hook`], plus the message in the error banner.
///
/// Replaces any hook installed before. Safe to call more than once.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(panic_hook));
}

/// The hook installed by [`install_panic_hook`].
fn panic_hook(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    if PANICKED.swap(true, Ordering::SeqCst) {
        return;
    }
    show_fatal_error(&fatal_message(info));
}

/// The text shown in the banner for a panic.
fn fatal_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic");
    match info.location() {
        Some(at) => format!(
            "{FATAL_PREFIX}: {what} (at {}:{}). {RELOAD_HINT}",
            at.file(),
            at.line()
        ),
        None => format!("{FATAL_PREFIX}: {what}. {RELOAD_HINT}"),
    }
}

/// Shows `message` in the error banner with plain DOM calls, hides its
/// Dismiss button and adds a Reload link. Creates the banner at the top of
/// `<body>` if the app has not rendered it (a panic before or during mount).
///
/// Does nothing when there is no `window`/`document` (e.g. a worker).
pub fn show_fatal_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(banner) = find(&document, testid::ERROR_BANNER).or_else(|| create_banner(&document))
    else {
        return;
    };

    let text = banner
        .query_selector(&selector(testid::ERROR_MESSAGE))
        .ok()
        .flatten()
        .or_else(|| append(&document, &banner, "p", testid::ERROR_MESSAGE));
    if let Some(text) = text {
        text.set_text_content(Some(message));
    }

    if let Ok(Some(dismiss)) = banner.query_selector(&selector(testid::ERROR_DISMISS)) {
        let _ = dismiss.set_attribute("hidden", "");
    }
    if let Some(reload) = append(&document, &banner, "a", "error-reload") {
        reload.set_class_name("error-banner-reload");
        // An empty href reloads the current URL, scenario query included.
        let _ = reload.set_attribute("href", "");
        reload.set_text_content(Some("Reload"));
    }

    let _ = banner.set_attribute("data-panicked", "true");
    let _ = banner.remove_attribute("hidden");
}

/// The CSS selector for a `data-testid`.
fn selector(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The first element with `data-testid` = `id`.
fn find(document: &Document, id: &str) -> Option<Element> {
    document.query_selector(&selector(id)).ok().flatten()
}

/// A new banner, inserted first in `<body>`.
fn create_banner(document: &Document) -> Option<Element> {
    let body = document.body()?;
    let banner = document.create_element("div").ok()?;
    banner.set_class_name("error-banner");
    banner
        .set_attribute("data-testid", testid::ERROR_BANNER)
        .ok()?;
    banner.set_attribute("role", "alert").ok()?;
    body.prepend_with_node_1(&banner).ok()?;
    let p = append(document, &banner, "p", testid::ERROR_MESSAGE)?;
    p.set_class_name("error-banner-message");
    Some(banner)
}

/// Appends a new `<tag data-testid=id>` to `parent`.
fn append(document: &Document, parent: &Element, tag: &str, id: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    el.set_attribute("data-testid", id).ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}
