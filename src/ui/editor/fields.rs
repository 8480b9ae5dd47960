//! Generic editor controls: any [`Field`] as a labelled input, select,
//! checkbox or slider; any [`Action`] as a button; validation messages.
//!
//! ```text
//!  <label> Workers [ 3 ] ─on:input─► model::set ─ok─► playground.edit(…) ─► validate()
//!                                         └─err─► local message ("Enter a whole number.")
//!  validate() error "stages[1].workers: must be 1..=1000, got 0"
//!     ─► anchor_of(field) = "stages[1].workers" ─► the FieldError placed there
//!     ─► covers(field, model::path(..)) ─► aria-invalid on the input
//! ```
//!
//! A field whose [`model::get`] is `None` is hidden, so the views have a
//! fixed shape (no branches): a step shows the inputs its kind needs.

use leptos::prelude::*;

use super::model::{self, Action, Field, Input};
use crate::ui::format::same_number;
use crate::ui::state::{Playground, use_playground};
use crate::ui::testid;

/// Where a validation error is shown: the path of the editor part that owns
/// `field` (a step shows every error inside it; a stage's own fields their
/// own; a resource row its own; "" is the editor's top).
pub fn anchor_of(field: &str) -> String {
    let mut parts = field.split('.');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    if first.starts_with("stages[") {
        return match second {
            Some(second) => format!("{first}.{second}"),
            None => first.to_string(),
        };
    }
    if first.starts_with("resources[") {
        return first.to_string();
    }
    match first {
        "items" | "loop_overhead_us" | "stages" | "resources" | "seed" => first.to_string(),
        _ => String::new(),
    }
}

/// Whether the error at `field` concerns the input at `path` (itself or
/// something inside it).
pub fn covers(field: &str, path: &str) -> bool {
    field == path
        || field
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The validation message for errors anchored at `anchor`, if any.
#[component]
pub fn FieldError(#[prop(into)] anchor: String) -> impl IntoView {
    let playground = use_playground();
    let message = move || {
        playground.edited().error.with(|e| {
            e.as_ref()
                .filter(|e| anchor_of(e.field()) == anchor)
                .map(|e| (e.field().to_string(), e.to_string()))
        })
    };
    move || {
        message().map(|(field, text)| {
            view! {
                <p class="field-error" data-testid=testid::FIELD_ERROR data-field=field>
                    {text}
                </p>
            }
        })
    }
}

/// What every control of a field needs, derived from the scenario.
#[derive(Clone, Copy)]
struct Bound {
    playground: Playground,
    field: Field,
}

impl Bound {
    fn new(field: Field) -> Self {
        Self {
            playground: use_playground(),
            field,
        }
    }

    /// The side being edited (tracked).
    fn pg(self) -> Playground {
        self.playground.edited()
    }

    /// The value (tracked); `None` hides the control.
    fn value(self) -> Option<String> {
        self.pg().raw.with(|r| model::get(r, self.field))
    }

    fn label(self) -> &'static str {
        self.pg().raw.with(|r| model::label(r, self.field))
    }

    fn unit(self) -> &'static str {
        self.pg().raw.with(|r| model::unit(r, self.field))
    }

    fn invalid(self) -> &'static str {
        let path = self.pg().raw.with(|r| model::path(r, self.field));
        let bad = self
            .pg()
            .error
            .with(|e| e.as_ref().is_some_and(|e| covers(e.field(), &path)));
        if bad { "true" } else { "false" }
    }

    /// Applies text; a message when it is not a value.
    fn set(self, text: &str) -> Option<String> {
        let pg = self.pg();
        let mut raw = pg.raw.get_untracked();
        match model::set(&mut raw, self.field, text) {
            Ok(()) => {
                pg.edit(|r| *r = raw);
                None
            }
            Err(message) => Some(message),
        }
    }
}

/// A labelled text or number input for `field`.
#[component]
pub fn InputField(field: Field, testid: &'static str) -> impl IntoView {
    let bound = Bound::new(field);
    let input = NodeRef::<leptos::html::Input>::new();
    let kind = model::input(field);
    // The message and the value it was about: it hides once the value
    // changes from elsewhere (a preset loads).
    let local = RwSignal::new(None::<(Option<String>, String)>);
    let shown = move || {
        let v = bound.value().unwrap_or_default();
        match input.get_untracked() {
            Some(el) if kind != Input::Text && same_number(&el.value(), &v) => el.value(),
            _ => v,
        }
    };
    let message = move || {
        local.with(|l| {
            l.as_ref()
                .filter(|(at, _)| *at == bound.value())
                .map(|(_, m)| m.clone())
        })
    };
    let unit = move || bound.unit();
    view! {
        <label class="field" hidden=move || bound.value().is_none()>
            <span class="field-label">{move || bound.label()}</span>
            <span class="field-input">
                <input
                    type=if kind == Input::Text { "text" } else { "number" }
                    node_ref=input
                    data-testid=testid
                    inputmode=if kind == Input::Text { "text" } else { "decimal" }
                    step=if kind == Input::Whole { "1" } else { "any" }
                    spellcheck="false"
                    aria-invalid=move || bound.invalid()
                    prop:value=shown
                    on:input=move |ev| {
                        let before = bound.pg().raw.with_untracked(|r| model::get(r, field));
                        let error = bound.set(&event_target_value(&ev));
                        local.set(error.map(|m| (before, m)));
                    }
                />
                <span class="unit" hidden=move || unit().is_empty()>
                    {unit}
                </span>
            </span>
            {move || message().map(|m| view! { <span class="field-error local">{m}</span> })}
        </label>
    }
}

/// A labelled select for `field`.
#[component]
pub fn SelectField(field: Field, testid: &'static str) -> impl IntoView {
    let bound = Bound::new(field);
    let options = move || {
        let current = bound.value().unwrap_or_default();
        bound
            .pg()
            .raw
            .with(|r| model::options(r, field))
            .into_iter()
            .map(|(value, label)| {
                let selected = value == current;
                view! {
                    <option value=value prop:selected=selected>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="field" hidden=move || bound.value().is_none()>
            <span class="field-label">{move || bound.label()}</span>
            <select
                data-testid=testid
                aria-invalid=move || bound.invalid()
                on:change=move |ev| {
                    bound.set(&event_target_value(&ev));
                }
            >
                {options}
            </select>
        </label>
    }
}

/// A labelled checkbox for a `true`/`false` field.
#[component]
pub fn CheckField(field: Field, testid: &'static str) -> impl IntoView {
    let bound = Bound::new(field);
    view! {
        <label class="check" hidden=move || bound.value().is_none()>
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || bound.value().as_deref() == Some("true")
                on:change=move |ev| {
                    bound.set(if event_target_checked(&ev) { "true" } else { "false" });
                }
            />
            {move || bound.label()}
        </label>
    }
}

/// A slider for a whole-number field, from 1 to at least `soft_max`.
#[component]
pub fn RangeField(
    field: Field,
    testid: &'static str,
    #[prop(into)] aria_label: String,
    soft_max: u32,
    hard_max: u32,
) -> impl IntoView {
    let bound = Bound::new(field);
    let range = NodeRef::<leptos::html::Input>::new();
    let value = move || {
        bound
            .value()
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
    };
    view! {
        <input
            type="range"
            class="range"
            node_ref=range
            data-testid=testid
            aria-label=aria_label
            min="1"
            max=move || value().clamp(soft_max, hard_max).to_string()
            step="1"
            prop:value=move || {
                let v = value().clamp(1, hard_max).to_string();
                match range.get_untracked() {
                    Some(el) if same_number(&el.value(), &v) => el.value(),
                    _ => v,
                }
            }
            on:input=move |ev| {
                bound.set(&event_target_value(&ev));
            }
        />
    }
}

/// A button that applies `action`, disabled when it cannot apply.
#[component]
pub fn ActionButton(
    action: Action,
    testid: &'static str,
    text: &'static str,
    #[prop(into)] aria_label: String,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let playground = use_playground();
    let disabled = move || !playground.edited().raw.with(|r| model::enabled(r, action));
    view! {
        <button
            type="button"
            class=class
            data-testid=testid
            aria-label=aria_label.clone()
            title=aria_label
            disabled=disabled
            on:click=move |_| {
                let random = js_sys::Math::random();
                playground.edited().edit(|r| model::apply(r, action, random));
            }
        >
            {text}
        </button>
    }
}
