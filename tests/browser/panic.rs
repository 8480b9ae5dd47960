//! A real panic reaches the page: the hook writes the message into the
//! error banner with plain DOM calls.
//!
//! The panic is raised inside a `setTimeout` callback, so it aborts (traps)
//! in its own JS task, like a panic in an event handler or a timer of the
//! app would. The test's own task is untouched: it waits on a later timer
//! and then reads the banner.
//!
//! With `panic = "abort"` (the only strategy of `wasm32-unknown-unknown`)
//! the hook runs, then the wasm executes `unreachable`: a `RuntimeError`
//! thrown out of the timer callback, uncaught, while the instance stays
//! callable. Tests that run after this one in the same page still work.

use gloo_timers::future::TimeoutFuture;
use interleave::ui::panic::{FATAL_PREFIX, RELOAD_HINT, show_fatal_error};
use interleave::ui::{install_panic_hook, testid};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Fixture, document, is_hidden, text, tick};

/// The message of the deliberate panic.
const BOOM: &str = "deliberate panic from a timer callback";

#[wasm_bindgen_test]
async fn a_panic_in_a_timer_callback_is_shown_in_the_banner() {
    let app = Fixture::app();
    tick().await;
    let banner = app.by_testid(testid::ERROR_BANNER);
    assert!(is_hidden(&banner));

    // Our hook replaces the harness's one for the rest of this binary, and
    // cannot be swapped back: after the abort std still counts this thread
    // as panicking, and `set_hook` then panics ("cannot modify the panic hook
    // from a panicking thread"). Later failures are still reported, through
    // our hook's console output.
    install_panic_hook();

    let callback = Closure::once_into_js(|| -> () { panic!("{BOOM}") });
    web_sys::window()
        .expect("a window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0)
        .expect("setTimeout");

    // Give the timer (and the trap) a task of its own, then look.
    TimeoutFuture::new(50).await;

    assert!(!is_hidden(&banner), "the banner is shown after the panic");
    assert_eq!(
        banner.get_attribute("data-panicked").as_deref(),
        Some("true")
    );
    let message = text(&app.by_testid(testid::ERROR_MESSAGE));
    assert!(message.starts_with(FATAL_PREFIX), "message: {message:?}");
    assert!(message.contains(BOOM), "message: {message:?}");
    assert!(message.ends_with(RELOAD_HINT), "message: {message:?}");
    assert!(
        is_hidden(&app.by_testid(testid::ERROR_DISMISS)),
        "nothing to dismiss after a panic"
    );
    let reload = app.by_testid("error-reload");
    assert_eq!(reload.get_attribute("href").as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn a_fatal_error_before_the_app_mounted_creates_its_own_banner() {
    let doc = document();
    let selector = format!("[data-testid=\"{}\"]", testid::ERROR_BANNER);
    assert!(
        doc.query_selector(&selector).expect("selector").is_none(),
        "no app is mounted outside the other tests' fixtures"
    );

    show_fatal_error("the app failed to start");

    let banner = doc
        .query_selector(&selector)
        .expect("selector")
        .expect("the banner was created");
    let first = doc.body().and_then(|b| b.first_element_child());
    assert_eq!(first.as_ref(), Some(&banner), "first in <body>");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(!is_hidden(&banner));
    let message = banner
        .query_selector(&format!("[data-testid=\"{}\"]", testid::ERROR_MESSAGE))
        .expect("selector")
        .expect("the banner has a message");
    assert_eq!(text(&message), "the app failed to start");
    assert!(
        banner
            .query_selector("[data-testid=\"error-reload\"]")
            .expect("selector")
            .is_some(),
        "the banner offers a reload"
    );
    banner.remove();
}
