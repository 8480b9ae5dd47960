//! One component per kind of editor control, all driven by the pure
//! [`crate::edit::field`] model: a field is read with `get`, written with
//! [`Playground::set_field`], labelled with `label` and `unit`.
//!
//! ```text
//!  <FieldInput field>     text typed ──► set_field ─ Ok ─► the scenario (the text stays as typed)
//!                                                  └ Err ─► message beside the field; the text
//!                                                           stays, the preview keeps the last
//!                                                           valid scenario
//!  <FieldSelect field>    change ──► set_field          <FieldCheck field>  change ──► set_field
//!  <WorkersSlider stage>  the same field as the workers input, so both always agree
//!  <ActionButton action>  click ──► apply; the focus stays on it (by identity) if the row moved
//!  <ErrorSlot anchor>     the validation error whose field belongs here, in the editor's words
//! ```
//!
//! A number field never rewrites what the user is typing: while the text is
//! not the scenario's value (empty, `-`, `1.`, `01`), the field shows the
//! text; as soon as the scenario's value changes for another reason (undo,
//! another example), it shows the value again. Derived, not synchronised.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::edit::field::{self, Input};
use crate::edit::message::{anchor_of, covers, typing_message, user_message};
use crate::edit::{Action, Field};
use crate::limits::MAX_WORKERS;
use crate::ui::state::Playground;
use crate::ui::testid;

/// The slider reaches at least this many workers (more: type the number).
const SLIDER_MAX: u32 = 64;

/// A page-unique element id with `prefix` (labels and descriptions).
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// What the user typed into a field that the scenario does not hold (yet).
#[derive(Clone, Debug, PartialEq)]
struct Typed {
    /// The text as typed.
    text: String,
    /// The scenario's value when it was typed: the text is shown only while
    /// the value is still this.
    value_then: Option<String>,
    /// What the field must hold, if the text is not a value ("must be a
    /// whole number"; worded with the field's name when shown).
    why: Option<String>,
}

/// The field's value as the scenario holds it (tracked).
fn value_of(side: Playground, field: Signal<Option<Field>>) -> Option<String> {
    let field = field.get()?;
    side.raw.with(|raw| field::get(raw, field))
}

/// Whether the current validation error concerns `field` (tracked).
fn invalid(side: Playground, field: Signal<Option<Field>>) -> bool {
    let Some(field) = field.get() else {
        return false;
    };
    let path = side.raw.with(|raw| field::path(raw, field));
    side.error
        .with(|e| e.as_ref().is_some_and(|e| covers(e.field(), &path)))
}

/// A text or number input with its label, unit and message.
#[component]
pub fn FieldInput(
    /// The edited side.
    side: Playground,
    /// The field (`None` while its row is being removed).
    #[prop(into)]
    field: Signal<Option<Field>>,
    /// Its test id.
    testid: &'static str,
) -> impl IntoView {
    let typed = RwSignal::new(None::<Typed>);
    let value = Memo::new(move |_| value_of(side, field));
    // The typed text wins while the scenario still holds what it held then.
    let pending = move || typed.get().filter(|t| t.value_then == value.get());
    let shown = move || {
        pending()
            .map(|t| t.text)
            .or_else(|| value.get())
            .unwrap_or_default()
    };
    // Worded with the field's place now (a stage renamed or moved).
    let message = move || {
        let why = pending()?.why?;
        let f = field.get()?;
        Some(side.raw.with(|raw| typing_message(raw, f, &why)))
    };
    let kind = move || field.get().map_or(Input::Text, field::input);
    let label = move || {
        field
            .get()
            .map_or("", |f| side.raw.with(|raw| field::label(raw, f)))
    };
    let unit = move || {
        field
            .get()
            .map_or("", |f| side.raw.with(|raw| field::unit(raw, f)))
    };
    let message_id = unique_id("field-message");
    let described_by = message_id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let Some(f) = field.get_untracked() else {
            return;
        };
        let text = event_target_value(&ev);
        let result = side.set_field(f, &text);
        let now = value.get_untracked();
        typed.set(if now.as_deref() == Some(text.as_str()) {
            None
        } else {
            Some(Typed {
                text,
                value_then: now,
                why: result.err(),
            })
        });
    };
    view! {
        <label class="field" hidden=move || value.with(Option::is_none)>
            <span class="field-label">{label}</span>
            <span class="field-input">
                <input
                    type="text"
                    inputmode=move || match kind() {
                        Input::Whole => "numeric",
                        Input::Decimal => "decimal",
                        Input::Text => "text",
                    }
                    class:number=move || kind() != Input::Text
                    spellcheck="false"
                    autocomplete="off"
                    data-testid=testid
                    prop:value=shown
                    aria-invalid=move || (message().is_some() || invalid(side, field)).to_string()
                    aria-describedby=described_by
                    on:input=on_input
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // ↑ and ↓ step a number by one, as in a number input.
                        let delta = match ev.key().as_str() {
                            "ArrowUp" => 1,
                            "ArrowDown" => -1,
                            _ => return,
                        };
                        let (Some(f), Some(next)) = (
                            field.get_untracked(),
                            field::nudge(kind(), &event_target_value(&ev), delta),
                        ) else {
                            return;
                        };
                        ev.prevent_default();
                        if side.set_field(f, &next).is_ok() {
                            typed.set(None);
                        }
                    }
                />
                <span class="unit" hidden=move || unit().is_empty()>
                    {unit}
                </span>
            </span>
            <span class="field-error local" id=message_id role="status">
                {message}
            </span>
        </label>
    }
}

/// A select with its label; its options come from the model.
#[component]
pub fn FieldSelect(
    /// The edited side.
    side: Playground,
    /// The field.
    #[prop(into)]
    field: Signal<Option<Field>>,
    /// Its test id.
    testid: &'static str,
) -> impl IntoView {
    let value = Memo::new(move |_| value_of(side, field));
    let options = Memo::new(move |_| {
        field
            .get()
            .map(|f| side.raw.with(|raw| field::options(raw, f)))
            .unwrap_or_default()
    });
    let label = move || {
        field
            .get()
            .map_or("", |f| side.raw.with(|raw| field::label(raw, f)))
    };
    view! {
        <label class="field" hidden=move || value.with(Option::is_none)>
            <span class="field-label">{label}</span>
            <select
                data-testid=testid
                aria-invalid=move || invalid(side, field).to_string()
                on:change=move |ev| {
                    if let Some(f) = field.get_untracked() {
                        let _ = side.set_field(f, &event_target_value(&ev));
                    }
                }
            >
                <For each=move || options.get() key=|option| option.clone() let((v, l))>
                    <option
                        value=v.clone()
                        prop:selected=move || value.with(|x| x.as_deref() == Some(v.as_str()))
                    >
                        {l}
                    </option>
                </For>
            </select>
        </label>
    }
}

/// A checkbox with its label.
#[component]
pub fn FieldCheck(
    /// The edited side.
    side: Playground,
    /// The field.
    #[prop(into)]
    field: Signal<Option<Field>>,
    /// Its test id.
    testid: &'static str,
) -> impl IntoView {
    let value = Memo::new(move |_| value_of(side, field));
    let label = move || {
        field
            .get()
            .map_or("", |f| side.raw.with(|raw| field::label(raw, f)))
    };
    view! {
        <label class="check" hidden=move || value.with(Option::is_none)>
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.with(|v| v.as_deref() == Some("true"))
                on:change=move |ev| {
                    if let Some(f) = field.get_untracked() {
                        let _ = side.set_field(f, &event_target_checked(&ev).to_string());
                    }
                }
            />
            <span>{label}</span>
        </label>
    }
}

/// The workers slider of a stage: the same field as its number input.
#[component]
pub fn WorkersSlider(
    /// The edited side.
    side: Playground,
    /// The stage's index (`None` while it is being removed).
    #[prop(into)]
    stage: Signal<Option<usize>>,
) -> impl IntoView {
    let field = Signal::derive(move || stage.get().map(Field::StageWorkers));
    let workers = move || {
        value_of(side, field)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let label = move || format!("Workers of stage {} (slider)", stage.get().unwrap_or(0) + 1);
    view! {
        <input
            type="range"
            class="range"
            min="1"
            step="1"
            max=move || workers().clamp(SLIDER_MAX, MAX_WORKERS).to_string()
            prop:value=move || workers().clamp(1, MAX_WORKERS).to_string()
            aria-label=label
            data-testid=testid::STAGE_WORKERS_RANGE
            on:input=move |ev| {
                if let Some(f) = field.get_untracked() {
                    let _ = side.set_field(f, &event_target_value(&ev));
                }
            }
        />
    }
}

/// A button applying an editor [`Action`]. When its row moves, the focus
/// stays on it (or on its enabled neighbour if it became disabled).
#[component]
pub fn ActionButton(
    /// The edited side.
    side: Playground,
    /// The action (`None` while its row is being removed).
    #[prop(into)]
    action: Signal<Option<Action>>,
    /// Its test id.
    testid: &'static str,
    /// Its visible text.
    text: &'static str,
    /// Its accessible name and tooltip.
    #[prop(into)]
    label: Signal<String>,
    /// A CSS class.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    let enabled = move || {
        action
            .get()
            .is_some_and(|a| side.raw.with(|raw| crate::edit::action::enabled(raw, a)))
    };
    view! {
        <button
            type="button"
            class=class
            node_ref=button
            data-testid=testid
            aria-label=move || label.get()
            title=move || label.get()
            disabled=move || !enabled()
            on:click=move |_| {
                let Some(action) = action.get_untracked() else {
                    return;
                };
                side.apply(action);
                if matches!(action, Action::MoveStage(..) | Action::MoveStep(..)) {
                    keep_focus(button);
                }
            }
        >
            {text}
        </button>
    }
}

/// Gives the focus back to `button` after its row moved in the page (a
/// moved element loses the focus), or to an enabled neighbour in its row if
/// it is disabled now (a stage moved to the top cannot move up).
fn keep_focus(button: NodeRef<leptos::html::Button>) {
    request_animation_frame(move || {
        let Some(el) = button.get_untracked() else {
            return;
        };
        let target: Option<web_sys::HtmlElement> = if el.disabled() {
            let row = el.parent_element().map(|p| p.children());
            row.and_then(|row| {
                (0..row.length())
                    .filter_map(|i| row.item(i))
                    .filter_map(|c| c.dyn_into::<web_sys::HtmlButtonElement>().ok())
                    .find(|b| !b.disabled())
                    .map(Into::into)
            })
        } else {
            Some(el.into())
        };
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

/// The validation error of the scenario, if its field belongs at `anchor`,
/// in the editor's words.
#[component]
pub fn ErrorSlot(
    /// The edited side.
    side: Playground,
    /// The editor part's path (`stages[1].workers`; "" for the editor's top).
    #[prop(into)]
    anchor: Signal<String>,
) -> impl IntoView {
    let error = move || {
        side.error.with(|e| {
            e.as_ref()
                .filter(|e| anchor_of(e.field()) == anchor.get())
                .map(|e| {
                    (
                        e.field().to_string(),
                        side.raw.with(|raw| user_message(raw, e)),
                    )
                })
        })
    };
    view! {
        <Show when=move || error().is_some()>
            <p
                class="field-error"
                data-testid=testid::FIELD_ERROR
                data-field=move || error().map(|e| e.0).unwrap_or_default()
            >
                {move || error().map(|e| e.1).unwrap_or_default()}
            </p>
        </Show>
    }
}
