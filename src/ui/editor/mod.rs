//! The scenario editor: every field of the [`RawScenario`] being edited.
//!
//! ```text
//!  Editor (collapsible: closed at first on a phone, where the chart comes first)
//!  ├─ [Edit A | Edit B] (while comparing)            [↶ Undo] [↷ Redo]
//!  ├─ stale notice · the error without a better place
//!  ├─ items: text | count          seed [ ] [Re-roll]   loop overhead µs
//!  ├─ live time scale
//!  ├─ Resources (stages.rs): name · kind · permits · ✕
//!  └─ Stages (stages.rs): name, ↑ ↓ ✕, workers (number + slider), capacity, ordered
//!       └─ steps: kind, ↑ ↓ ✕, law and its parameters (or resource, counter, amount)
//!  fields.rs: one component per kind of control, driven by crate::edit
//! ```
//!
//! Every change goes through the pure [`crate::edit::Editor`] of the side
//! being edited ([`crate::ui::Playground::edited`]): the editor shows the
//! scenario, plus what the user is typing in a field that does not hold a
//! value yet.
//!
//! [`RawScenario`]: crate::scenario::RawScenario

pub mod fields;
pub mod stages;

use leptos::prelude::*;

use self::fields::{ActionButton, ErrorSlot, FieldInput, FieldSelect};
use self::stages::{Resources, Stages};
use crate::edit::{Action, Field};
use crate::link::Side;
use crate::preview::{LIVE_SCALES, scale_label};
use crate::ui::state::{Playground, use_playground};
use crate::ui::testid;

/// Phones: the editor starts closed, under the chart.
pub const PHONE_QUERY: &str = "(max-width: 720px)";

/// Whether the page is as narrow as a phone (read once, at mount).
pub fn is_phone() -> bool {
    window()
        .match_media(PHONE_QUERY)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Undo and redo of the edited side (also Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z).
#[component]
pub fn UndoRedo() -> impl IntoView {
    let playground = use_playground();
    let can_undo = move || playground.edited().editor.with(|e| e.can_undo());
    let can_redo = move || playground.edited().editor.with(|e| e.can_redo());
    view! {
        <div class="undo-redo" role="group" aria-label="Undo and redo">
            <button
                type="button"
                data-testid=testid::UNDO
                title="Undo the last edit (Ctrl+Z)"
                aria-keyshortcuts="Control+Z Meta+Z"
                disabled=move || !can_undo()
                on:click=move |_| {
                    playground.edited().undo();
                }
            >
                "↶ Undo"
            </button>
            <button
                type="button"
                data-testid=testid::REDO
                title="Redo the last undone edit (Shift+Ctrl+Z)"
                aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
                disabled=move || !can_redo()
                on:click=move |_| {
                    playground.edited().redo();
                }
            >
                "↷ Redo"
            </button>
        </div>
    }
}

/// The whole editor.
#[component]
pub fn Editor() -> impl IntoView {
    let playground = use_playground();
    let open = !is_phone();
    view! {
        <section class="editor" data-testid=testid::EDITOR aria-labelledby="editor-heading">
            <details class="editor-details" open=open>
                <summary>
                    <h2 id="editor-heading">"Pipeline"</h2>
                    <span class="summary-hint">"stages, workers, steps"</span>
                </summary>
                <div class="editor-toolbar">
                    <SideSwitch />
                    <UndoRedo />
                </div>
                // A new side's editor is a new form: nothing typed carries over.
                {move || {
                    let side = playground.editing.get();
                    view! { <EditorForm side=playground.side(side) /> }
                }}
            </details>
        </section>
    }
}

/// "Edit A | Edit B", shown while comparing.
#[component]
fn SideSwitch() -> impl IntoView {
    let playground = use_playground();
    view! {
        <div
            class="side-switch"
            role="group"
            aria-label="Which side the editor edits"
            hidden=move || !playground.comparing.get()
        >
            {[Side::A, Side::B]
                .into_iter()
                .map(|side| {
                    let name = if side == Side::A { "A" } else { "B" };
                    view! {
                        <button
                            type="button"
                            data-testid=testid::EDIT_SIDE
                            data-side=name
                            aria-pressed=move || (playground.editing.get() == side).to_string()
                            on:click=move |_| playground.editing.set(side)
                        >
                            {format!("Edit {name}")}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The form of one side.
#[component]
fn EditorForm(side: Playground) -> impl IntoView {
    let some = |f: Field| Signal::derive(move || Some(f));
    view! {
        <div class="editor-form">
            <p
                class="stale-notice stale"
                role="status"
                data-testid=testid::STALE_NOTICE
                class:shown=move || side.error.with(Option::is_some)
            >
                "The chart shows the last valid version until the marked field is fixed."
            </p>
            <ErrorSlot side anchor="" />
            <fieldset class="items">
                <legend>"Items"</legend>
                <FieldSelect side field=some(Field::ItemsMode) testid=testid::ITEMS_MODE />
                <FieldInput side field=some(Field::ItemsText) testid=testid::ITEMS_TEXT />
                <FieldInput side field=some(Field::ItemsCount) testid=testid::ITEMS_COUNT />
                <ErrorSlot side anchor="items" />
            </fieldset>
            <div class="field-row">
                <div class="seed">
                    <FieldInput side field=some(Field::Seed) testid=testid::SEED />
                    <ActionButton
                        side
                        action=Signal::derive(|| Some(Action::Reroll))
                        testid=testid::SEED_REROLL
                        text="Re-roll"
                        label="Draw a new seed: the random durations change"
                    />
                </div>
                <FieldInput side field=some(Field::LoopOverhead) testid=testid::LOOP_OVERHEAD />
            </div>
            <ErrorSlot side anchor="seed" />
            <ErrorSlot side anchor="loop_overhead_us" />
            <TimeScale />
            <Resources side />
            <Stages side />
        </div>
    }
}

/// The live run's time scale: automatic, or one of [`LIVE_SCALES`].
#[component]
fn TimeScale() -> impl IntoView {
    let playground = use_playground();
    let auto = move || {
        scale_label(crate::preview::live_scale(
            playground.preview.with(|p| p.timeline.end),
        ))
    };
    let chosen = move || {
        playground
            .scale_choice
            .get()
            .and_then(|s| LIVE_SCALES.iter().position(|&x| x == s))
    };
    view! {
        <label class="field">
            <span class="field-label">"Live time scale"</span>
            <select
                data-testid=testid::TIME_SCALE
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let scale = value.parse::<usize>().ok().and_then(|i| LIVE_SCALES.get(i).copied());
                    playground.scale_choice.set(scale);
                }
            >
                <option value="auto" prop:selected=move || chosen().is_none()>
                    {move || format!("auto: {}", auto())}
                </option>
                {LIVE_SCALES
                    .iter()
                    .enumerate()
                    .map(|(i, &scale)| {
                        view! {
                            <option value=i.to_string() prop:selected=move || chosen() == Some(i)>
                                {scale_label(scale)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
