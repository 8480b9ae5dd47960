//! The preset gallery, and the "what to look for" note of the preset shown.
//!
//! ```text
//!  PRESETS ──► one card each (title, source, what to look for) ──click──► load_preset
//!              paired presets: a "compare with …" link ──click──► load_pair (A/B)
//!  preset + raw ──► LookFor: the note, or "edited from …" once changed
//! ```
//!
//! Preset text is rendered as text nodes, never as HTML. Loading an
//! example clears the error banner (the message was about what is gone).

use leptos::prelude::*;

use super::error_banner::use_error_banner;
use super::state::use_playground;
use super::testid;
use crate::link::to_query;
use crate::presets::{self, PRESETS, partner};

/// One card per example, each with a link to its pair when it has one.
#[component]
pub fn Gallery() -> impl IntoView {
    let playground = use_playground();
    let banner = use_error_banner();
    view! {
        <section class="gallery" data-testid=testid::GALLERY aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">"Examples"</h2>
            <ul class="preset-list">
                <For each=|| PRESETS.iter() key=|preset| preset.id let(preset)>
                    <li>
                        <button
                            type="button"
                            class="preset-card"
                            data-testid=testid::PRESET_CARD
                            data-preset=preset.id
                            aria-pressed=move || (playground.preset.get() == Some(preset.id)).to_string()
                            on:click=move |_| {
                                banner.clear();
                                playground.load_preset(preset);
                            }
                        >
                            <span class="preset-title">{preset.title}</span>
                            <span class="preset-source">{preset.source}</span>
                            <span class="preset-look-for">{preset.look_for}</span>
                        </button>
                        {partner(preset.id)
                            .and_then(presets::find)
                            .map(|other| {
                                view! {
                                    <a
                                        class="pair-link"
                                        href=format!("?preset={}&b_preset={}", preset.id, other.id)
                                        data-testid=testid::PAIR_LINK
                                        data-pair=preset.id
                                        on:click=move |ev| {
                                            ev.prevent_default();
                                            banner.clear();
                                            playground.load_pair(preset, other);
                                        }
                                    >
                                        {format!("compare with “{}” →", other.title)}
                                    </a>
                                }
                            })}
                    </li>
                </For>
            </ul>
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
