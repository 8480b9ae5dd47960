//! The preset gallery, and the "what to look for" note of the preset shown.
//!
//! ```text
//!  PRESETS ──► one card each (title, source, what to look for) ──click──► load_preset
//!              paired presets: a "compare with …" link ──click──► load_pair (A/B)
//!  preset + raw ──► LookFor: the note, or "edited from …" once changed
//! ```
//!
//! Preset text is rendered as text nodes, never as HTML.

use leptos::prelude::*;

use super::state::use_playground;
use super::testid;
use crate::link::to_query;
use crate::presets::{self, PRESETS, Preset, partner};

/// Every preset as a card; the one shown is marked (`aria-pressed`).
#[component]
pub fn Gallery() -> impl IntoView {
    let playground = use_playground();
    let cards = PRESETS
        .iter()
        .map(|preset: &'static Preset| {
            let selected = move || playground.preset.get() == Some(preset.id);
            view! {
                <li>
                    <button
                        type="button"
                        class="preset-card"
                        data-testid=testid::PRESET_CARD
                        data-preset=preset.id
                        aria-pressed=move || selected().to_string()
                        on:click=move |_| playground.load_preset(preset)
                    >
                        <span class="preset-title">{preset.title}</span>
                        <span class="preset-source">{preset.source}</span>
                        <span class="preset-look-for">{preset.look_for}</span>
                    </button>
                    {pair_link(preset)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="gallery" data-testid=testid::GALLERY aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">"Examples"</h2>
            <ul class="preset-list">{cards}</ul>
        </section>
    }
}

/// For a preset that belongs to a pair, a link that opens both as a
/// comparison (a real link: it also opens in a new tab).
fn pair_link(preset: &'static Preset) -> Option<impl IntoView> {
    let other = presets::find(partner(preset.id)?)?;
    let playground = use_playground();
    let href = format!("?preset={}&b_preset={}", preset.id, other.id);
    Some(view! {
        <a
            class="pair-link"
            href=href
            data-testid=testid::PAIR_LINK
            data-pair=preset.id
            on:click=move |ev| {
                ev.prevent_default();
                playground.load_pair(preset, other);
            }
        >
            {format!("compare with “{}” →", other.title)}
        </a>
    })
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
