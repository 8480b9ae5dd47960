//! The chart's drawing surface: SVG elements appended by hand to a layer
//! the chart component owns (drawing is the product; everything around it
//! is ordinary Leptos). Text is set with `textContent` only: names from
//! links are never parsed as markup.

use web_sys::{Document, Element};

/// The SVG namespace.
const SVG: &str = "http://www.w3.org/2000/svg";

/// Appends SVG children to `parent`.
#[derive(Clone, Copy)]
pub struct Svg<'a> {
    document: &'a Document,
    /// Where children go.
    pub parent: &'a Element,
}

impl<'a> Svg<'a> {
    /// Empties `layer` and draws into it from scratch.
    pub fn clear(layer: &'a Element, document: &'a Document) -> Self {
        layer.set_text_content(None);
        Self {
            document,
            parent: layer,
        }
    }

    /// Children of `el`.
    pub fn within<'b>(&self, el: &'b Element) -> Svg<'b>
    where
        'a: 'b,
    {
        Svg {
            document: self.document,
            parent: el,
        }
    }

    /// Appends `<tag attrs…>`.
    pub fn el(&self, tag: &str, attrs: &[(&str, &str)]) -> Option<Element> {
        let el = self.document.create_element_ns(Some(SVG), tag).ok()?;
        for (name, value) in attrs {
            let _ = el.set_attribute(name, value);
        }
        self.parent.append_child(&el).ok()?;
        Some(el)
    }

    /// Appends a `<path>` unless `d` is empty.
    pub fn path(&self, class: &str, d: &str) {
        if !d.is_empty() {
            self.el("path", &[("class", class), ("d", d)]);
        }
    }

    /// Appends a `<text>` at (`x`, `y`), vertically centred.
    pub fn label(
        &self,
        x: f64,
        y: f64,
        class: &str,
        content: &str,
        anchor: &str,
    ) -> Option<Element> {
        let (x, y) = (format!("{x:.1}"), format!("{y:.1}"));
        let el = self.el(
            "text",
            &[
                ("x", x.as_str()),
                ("y", y.as_str()),
                ("class", class),
                ("text-anchor", anchor),
                ("dominant-baseline", "middle"),
            ],
        )?;
        el.set_text_content(Some(content));
        Some(el)
    }
}
