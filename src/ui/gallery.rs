//! The preset gallery, and the "what to look for" note of the preset shown.
//!
//! ```text
//!  PRESETS ──► one card each (title, source, what to look for) ──click──► load_preset
//!              paired presets: a "compare with …" link ──click──► load_pair (A/B)
//!  preset + raw ──► LookFor: the note, or "edited from …" once changed
//! ```
//!
//! Preset text is rendered as text nodes, never as HTML. The cards are
//! built by hand ([`super::dom`]), with one listener for all of them.

use leptos::prelude::*;

use super::dom::{Dom, acted, listen};
use super::state::use_playground;
use super::testid;
use crate::link::to_query;
use crate::presets::{self, PRESETS, partner};

/// Every preset as a card; the one shown is marked (`aria-pressed`).
/// Built by hand: one listener for every card and link.
#[component]
pub fn Gallery() -> impl IntoView {
    let playground = use_playground();
    let list = NodeRef::<leptos::html::Ul>::new();
    list.on_load(move |el| {
        let el: web_sys::Element = el.into();
        let Some(document) = el.owner_document() else {
            return;
        };
        let dom = Dom::html(&el, &document);
        let mut cards = Vec::new();
        for (i, preset) in PRESETS.iter().enumerate() {
            let Some(li) = dom.el("li", &[]) else {
                continue;
            };
            let li = dom.within(&li);
            let index = i.to_string();
            if let Some(card) = li.el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "preset-card"),
                    ("data-testid", testid::PRESET_CARD),
                    ("data-preset", preset.id),
                    ("data-act", "preset"),
                    ("data-index", &index),
                ],
            ) {
                let inside = li.within(&card);
                inside.text("span", &[("class", "preset-title")], preset.title);
                inside.text("span", &[("class", "preset-source")], preset.source);
                inside.text("span", &[("class", "preset-look-for")], preset.look_for);
                cards.push((preset.id, card));
            }
            if let Some(other) = partner(preset.id).and_then(presets::find) {
                li.text(
                    "a",
                    &[
                        ("class", "pair-link"),
                        (
                            "href",
                            &format!("?preset={}&b_preset={}", preset.id, other.id),
                        ),
                        ("data-testid", testid::PAIR_LINK),
                        ("data-pair", preset.id),
                        ("data-act", "pair"),
                        ("data-index", &index),
                    ],
                    &format!("compare with “{}” →", other.title),
                );
            }
        }
        Effect::new(move |_| {
            let shown = playground.preset.get();
            for (id, card) in &cards {
                let pressed = (shown == Some(*id)).to_string();
                let _ = card.set_attribute("aria-pressed", &pressed);
            }
        });
        listen(&el, &["click"], move |ev| {
            let Some((act, i)) = acted(ev) else {
                return;
            };
            let Some(preset) = PRESETS.get(i) else {
                return;
            };
            if act == "pair" {
                // A real link (it opens in a new tab too); here, no reload.
                ev.prevent_default();
                if let Some(other) = partner(preset.id).and_then(presets::find) {
                    playground.load_pair(preset, other);
                }
            } else {
                playground.load_preset(preset);
            }
        });
    });
    view! {
        <section class="gallery" data-testid=testid::GALLERY aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">"Examples"</h2>
            <ul class="preset-list" node_ref=list></ul>
        </section>
    }
}

/// The shown preset's title and what to look for; says so once edited.
#[component]
pub fn LookFor() -> impl IntoView {
    let playground = use_playground();
    let preset = move || playground.preset.get().and_then(presets::find);
    let edited = move || {
        let id = playground.preset.get();
        playground
            .preview
            .with(|p| !to_query(&p.scenario.raw, id).starts_with("preset="))
    };
    let title = move || match preset() {
        Some(p) if edited() => format!("{} (edited)", p.title),
        Some(p) => p.title.to_string(),
        None => "Your own pipeline".to_string(),
    };
    let text = move || {
        preset().map_or(
            "Edit it on the left; the chart redraws on every change.",
            |p| p.look_for,
        )
    };
    view! {
        <div class="look-for" data-testid=testid::LOOK_FOR>
            <p class="look-for-title">
                <strong>{title}</strong>
            </p>
            <p class="look-for-text">{text}</p>
        </div>
    }
}
