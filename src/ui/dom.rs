//! Elements built by hand, for the parts of the page that are redrawn as a
//! whole from data (the chart's layer, the Explain panel's lists, tables
//! and plots): one small code path instead of a view per shape, which keeps
//! the wasm small. Static markup (the Explain panel's skeleton, written in
//! this crate, never from user input) is set as HTML once; everything that
//! comes from a scenario is set as text.
//!
//! ```text
//!  Effect ──► clear(container) ──► Dom::html(container)
//!                                    .el("li", &[("class", "x")])      ─► <li class="x">
//!                                    .text("span", &[], "myproc·1")    ─► <span>myproc·1</span>
//!                                    .within(&li).svg()…                 ─► children, SVG namespace
//!  events ──► listen(container, kinds, handler): one listener ──► acted(ev) = the nearest
//!             [data-act] (action, index)
//!  redraw  ──► rebuild(container, build): the focused control ([data-act][data-index])
//!             gets the focus back in the new contents
//! ```
//!
//! Text is only ever set with `textContent`: names from links are never
//! parsed as markup.

use leptos::prelude::{Effect, StoredValue};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element, Event, HtmlElement};

/// The SVG namespace.
pub const SVG: &str = "http://www.w3.org/2000/svg";

/// Appends children to `parent`, in the HTML or the SVG namespace.
#[derive(Clone, Copy)]
pub struct Dom<'a> {
    /// The document elements are created in.
    pub document: &'a Document,
    /// Where children go.
    pub parent: &'a Element,
    svg: bool,
}

impl<'a> Dom<'a> {
    /// HTML children of `parent`, created in `document`.
    pub fn html(parent: &'a Element, document: &'a Document) -> Self {
        Self {
            document,
            parent,
            svg: false,
        }
    }

    /// The same parent, SVG children from now on.
    pub fn svg(self) -> Self {
        Self { svg: true, ..self }
    }

    /// Children of `el` (same namespace).
    pub fn within<'b>(&self, el: &'b Element) -> Dom<'b>
    where
        'a: 'b,
    {
        Dom {
            document: self.document,
            parent: el,
            svg: self.svg,
        }
    }

    /// Appends `<tag attrs…>`.
    pub fn el(&self, tag: &str, attrs: &[(&str, &str)]) -> Option<Element> {
        let el = if self.svg {
            self.document.create_element_ns(Some(SVG), tag).ok()?
        } else {
            self.document.create_element(tag).ok()?
        };
        for (name, value) in attrs {
            let _ = el.set_attribute(name, value);
        }
        self.parent.append_child(&el).ok()?;
        Some(el)
    }

    /// Appends `<tag attrs…>text</tag>`.
    pub fn text(&self, tag: &str, attrs: &[(&str, &str)], text: &str) -> Option<Element> {
        let el = self.el(tag, attrs)?;
        el.set_text_content(Some(text));
        Some(el)
    }

    /// Appends a text node.
    pub fn plain(&self, text: &str) {
        let node = self.document.create_text_node(text);
        let _ = self.parent.append_child(&node);
    }

    /// Appends an SVG `<path>` unless `d` is empty.
    pub fn path(&self, class: &str, d: &str) {
        if !d.is_empty() {
            self.el("path", &[("class", class), ("d", d)]);
        }
    }

    /// Appends an SVG `<text>` at (`x`, `y`), vertically centred.
    pub fn label(&self, x: f64, y: f64, class: &str, content: &str, anchor: &str) {
        let (x, y) = (format!("{x:.1}"), format!("{y:.1}"));
        let attrs = [
            ("x", x.as_str()),
            ("y", y.as_str()),
            ("class", class),
            ("text-anchor", anchor),
            ("dominant-baseline", "middle"),
        ];
        self.text("text", &attrs, content);
    }
}

/// Empties `el` and hands back a builder for its new (HTML) children.
pub fn fill<'a>(el: &'a Element, document: &'a Document) -> Dom<'a> {
    el.set_text_content(None);
    Dom::html(el, document)
}

/// The `data-act` and `data-index` of the element an event happened in
/// (or its nearest ancestor that has them): what a delegated listener acts on.
pub fn acted(ev: &web_sys::Event) -> Option<(String, usize)> {
    let el = acted_el(ev)?;
    let act = el.get_attribute("data-act")?;
    let index = el
        .get_attribute("data-index")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    Some((act, index))
}

/// The element with `data-act` an event happened in (or its nearest such
/// ancestor).
pub fn acted_el(ev: &web_sys::Event) -> Option<Element> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    target.closest("[data-act]").ok()?
}

/// An integer attribute of `el` (0 when absent or not a number).
pub fn int_attr(el: &Element, name: &str) -> u64 {
    el.get_attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Rebuilds `target`'s contents with `build` now and whenever what `build`
/// reads changes (an `Effect`: the DOM is the outside world here).
pub fn draw_into(
    target: impl Fn() -> Option<Element> + 'static,
    build: impl Fn(&Dom<'_>) + 'static,
) {
    Effect::new(move |_| {
        if let Some(el) = target() {
            rebuild(&el, &build);
        }
    });
}

/// Replaces `el`'s contents with what `build` makes. If the focus was on a
/// control inside (one with `data-act`), the same control in the new
/// contents gets it back, so keyboard users keep their place.
pub fn rebuild(el: &Element, build: &dyn Fn(&Dom<'_>)) {
    let Some(document) = el.owner_document() else {
        return;
    };
    let focused = document
        .active_element()
        .filter(|a| el.contains(Some(a)))
        .and_then(|a| {
            let act = a.get_attribute("data-act")?;
            Some((act, a.get_attribute("data-index").unwrap_or_default()))
        });
    build(&fill(el, &document));
    if let Some((act, index)) = focused {
        let selector = format!("[data-act=\"{act}\"][data-index=\"{index}\"]");
        if let Some(again) = el
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<HtmlElement>().ok())
        {
            let _ = again.focus();
        }
    }
}

/// Calls `handler` for every event of the `kinds` on `el` or inside it,
/// for as long as the current reactive owner lives (the listener is then
/// dropped). It listens in the capture phase, so events that do not bubble
/// (`focus`, a script's `input`) reach it too.
pub fn listen(el: &Element, kinds: &[&str], handler: impl Fn(&Event) + 'static) {
    let closure = Closure::<dyn Fn(Event)>::new(move |ev: Event| handler(&ev));
    for kind in kinds {
        let _ = el.add_event_listener_with_callback_and_bool(
            kind,
            closure.as_ref().unchecked_ref(),
            true,
        );
    }
    StoredValue::new_local(closure);
}

/// Sets or removes a boolean attribute (`hidden`, `disabled`).
pub fn flag(el: &Element, name: &str, on: bool) {
    let _ = if on {
        el.set_attribute(name, "")
    } else {
        el.remove_attribute(name)
    };
}

/// The `value` of the `<input>` or `<select>` an event came from.
pub fn value_of(ev: &Event) -> String {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Sets a property (`value`, `checked`, `max`) of an element: what the
/// control shows now, unlike the attribute (its initial value).
pub fn set_prop(el: &Element, name: &str, value: &wasm_bindgen::JsValue) {
    let _ = js_sys::Reflect::set(el, &name.into(), value);
}

/// The first element under `root` matching the CSS `selector`.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// The element under `root` whose `data-testid` is `id`.
pub fn by_testid(root: &Element, id: &str) -> Option<Element> {
    find(root, &format!("[data-testid=\"{id}\"]"))
}
