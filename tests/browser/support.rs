//! Helpers shared by the browser tests: a mounted app in its own container,
//! and DOM queries by `data-testid`.

use interleave::ui::App;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the browser tests run in a page with a document")
}

/// A `<div>` appended to `<body>`, with [`App`] mounted in it. Dropping the
/// fixture unmounts the app and removes the container.
pub struct Fixture {
    container: HtmlElement,
    handle: Option<Box<dyn std::any::Any>>,
}

impl Fixture {
    /// Mounts a fresh [`App`] into a new container, on a page address
    /// without a query (the app reads its scenario from the address, and
    /// writes it back as it changes).
    pub fn app() -> Self {
        set_query("");
        Self::mount(App)
    }

    /// Mounts a fresh [`App`] on a page whose query string is `query`.
    pub fn app_at(query: &str) -> Self {
        set_query(query);
        Self::mount(App)
    }

    /// Mounts the view built by `f` into a new container.
    pub fn mount<F, N>(f: F) -> Self
    where
        F: FnOnce() -> N + 'static,
        N: IntoView + 'static,
    {
        let doc = document();
        add_stylesheet(&doc);
        let container: HtmlElement = doc
            .create_element("div")
            .expect("create a container")
            .dyn_into()
            .expect("a div is an HtmlElement");
        doc.body()
            .expect("the page has a body")
            .append_child(&container)
            .expect("append the container");
        let handle = mount_to(container.clone(), f);
        Self {
            container,
            handle: Some(Box::new(handle)),
        }
    }

    /// The element with `data-testid` = `id` inside this fixture.
    pub fn by_testid(&self, id: &str) -> Element {
        self.try_by_testid(id)
            .unwrap_or_else(|| panic!("no element with data-testid={id:?}"))
    }

    /// The first element matching the CSS `selector` inside this fixture.
    pub fn query(&self, selector: &str) -> Option<Element> {
        self.container
            .query_selector(selector)
            .expect("a valid selector")
    }

    /// Every element matching the CSS `selector` inside this fixture.
    pub fn query_all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .container
            .query_selector_all(selector)
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect()
    }

    /// The element with `data-testid` = `id` inside this fixture, if any.
    pub fn try_by_testid(&self, id: &str) -> Option<Element> {
        self.container
            .query_selector(&format!("[data-testid=\"{id}\"]"))
            .expect("a valid selector")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        // Unmount (drops the reactive owner), then remove the container.
        drop(self.handle.take());
        self.container.remove();
    }
}

/// Replaces the page's query string (`""` removes it) without navigating.
pub fn set_query(query: &str) {
    let window = web_sys::window().expect("a window");
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .expect("replaceState");
}

/// The page's query string now, without `?`.
pub fn query() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search.trim_start_matches('?').to_string()
}

/// Lets Leptos flush pending DOM updates.
pub async fn tick() {
    leptos::task::tick().await;
}

/// The page's stylesheet (`www/style.css`), added once: the fixtures are
/// styled as the served page is (some notices are shown by the stylesheet).
fn add_stylesheet(doc: &web_sys::Document) {
    const ID: &str = "interleave-style";
    if doc.get_element_by_id(ID).is_some() {
        return;
    }
    let style = doc.create_element("style").expect("create a <style>");
    style.set_id(ID);
    style.set_text_content(Some(include_str!("../../www/style.css")));
    doc.head()
        .expect("the page has a head")
        .append_child(&style)
        .expect("append the stylesheet");
}

/// Whether `el` is hidden: its `hidden` attribute, or `display: none` (a
/// notice the stylesheet shows only when a field shows a message).
pub fn is_hidden(el: &Element) -> bool {
    el.has_attribute("hidden")
        || web_sys::window()
            .and_then(|w| w.get_computed_style(el).ok().flatten())
            .and_then(|style| style.get_property_value("display").ok())
            .is_some_and(|display| display == "none")
}

/// The element's text, trimmed.
pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_owned()
}

/// Flushes the reactive updates of an edit, and waits for a preview
/// computed in slices between frames (the chart box is `aria-busy` meanwhile;
/// a debug build is slow enough to need a few).
pub async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
    for _ in 0..2_000 {
        if document()
            .query_selector("[aria-busy=\"true\"]")
            .ok()
            .flatten()
            .is_none()
        {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(1).await;
    }
    for _ in 0..3 {
        tick().await;
    }
}
