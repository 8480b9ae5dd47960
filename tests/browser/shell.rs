//! The app shell renders, and the error banner shows, hides and dismisses.

use std::cell::Cell;
use std::rc::Rc;

use interleave::ui::app::TAGLINE;
use interleave::ui::{ErrorBanner, ErrorBannerView, provide_error_banner, testid};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::{Fixture, is_hidden, text, tick};

#[wasm_bindgen_test]
async fn shell_renders_header_timeline_footer_and_a_hidden_banner() {
    let app = Fixture::app();
    tick().await;

    let header = text(&app.by_testid(testid::HEADER));
    assert!(header.contains("Interleave"), "header: {header:?}");
    assert!(header.contains(TAGLINE), "header: {header:?}");

    let timeline = app.by_testid(testid::TIMELINE);
    assert!(!is_hidden(&timeline));
    assert!(
        app.try_by_testid(testid::CHART).is_some(),
        "the page opens with an example drawn"
    );

    let link = app
        .by_testid(testid::FOOTER)
        .query_selector("a")
        .expect("a valid selector")
        .expect("the footer has a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("README.md"));

    let banner = app.by_testid(testid::ERROR_BANNER);
    assert!(is_hidden(&banner), "no error yet, so the banner is hidden");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
}

#[wasm_bindgen_test]
async fn error_banner_shows_a_message_and_dismisses() {
    let handle: Rc<Cell<Option<ErrorBanner>>> = Rc::default();
    let slot = Rc::clone(&handle);
    let fixture = Fixture::mount(move || {
        slot.set(Some(provide_error_banner()));
        leptos::view! { <ErrorBannerView /> }
    });
    tick().await;
    let banner = handle.get().expect("the component provided the banner");
    let element = fixture.by_testid(testid::ERROR_BANNER);
    assert!(is_hidden(&element));

    banner.show("The scenario link is truncated: field `stages` is missing.");
    tick().await;
    assert!(!is_hidden(&element));
    assert_eq!(
        text(&fixture.by_testid(testid::ERROR_MESSAGE)),
        "The scenario link is truncated: field `stages` is missing."
    );

    banner.show("A second message replaces the first.");
    tick().await;
    assert_eq!(
        text(&fixture.by_testid(testid::ERROR_MESSAGE)),
        "A second message replaces the first."
    );

    fixture
        .by_testid(testid::ERROR_DISMISS)
        .dyn_into::<HtmlElement>()
        .expect("the dismiss control is an HTML element")
        .click();
    tick().await;
    assert!(is_hidden(&element), "Dismiss hides the banner");
    assert_eq!(banner.message(), None);
}
