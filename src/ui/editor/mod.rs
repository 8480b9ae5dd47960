//! The scenario editor: every field of the [`RawScenario`] being edited.
//!
//! ```text
//!  Editor
//!  ├─ [Edit A | Edit B] (while comparing)
//!  ├─ general error (version, anything without a better place)
//!  ├─ items: text | count          seed [ ] [Re-roll]   loop overhead µs
//!  ├─ live time scale
//!  ├─ resources: name · kind · permits
//!  └─ stages: name, workers (number + slider), capacity, ordered, ↑ ↓ ✕
//!       └─ steps: kind, law and its parameters (or resource, counter, amount), ↑ ↓ ✕
//!  model.rs: every input a Field, every button an Action (plain Rust)
//!  form.rs:  the form built by hand from the model, kept in step by one effect
//! ```
//!
//! Every change goes through [`crate::ui::Playground::edit`] of the side
//! being edited ([`crate::ui::Playground::edited`]); nothing is copied into
//! local state, so the editor always shows the scenario.
//!
//! [`RawScenario`]: crate::scenario::RawScenario

pub mod form;
pub mod model;

use leptos::prelude::*;

use super::state::use_playground;
use super::testid;

/// The whole editor; its form is built into it once mounted.
#[component]
pub fn Editor() -> impl IntoView {
    let playground = use_playground();
    let form = NodeRef::<leptos::html::Div>::new();
    form.on_load(move |el| form::build(&el, playground));
    view! {
        <section class="editor" data-testid=testid::EDITOR aria-labelledby="editor-heading">
            <h2 id="editor-heading">"Pipeline"</h2>
            <div class="editor-form" node_ref=form></div>
        </section>
    }
}
