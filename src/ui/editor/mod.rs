//! The scenario editor: every field of the [`RawScenario`] being edited.
//!
//! ```text
//!  Editor
//!  ├─ general error (version, anything without a better place)
//!  ├─ items: text | count          seed [ ] [Re-roll]   loop overhead µs
//!  ├─ live time scale
//!  ├─ resources: name · kind · permits                 (lists.rs)
//!  └─ stages: For index ──► StageEditor                (lists.rs)
//!                            └─ steps: For index ──► StepEditor
//!  every control: model::Field / model::Action ──► fields.rs (generic views)
//! ```
//!
//! Every change goes through [`crate::ui::Playground::edit`]; nothing is
//! copied into local state, so the editor always shows the scenario. While
//! comparing, a switch picks the side, and every control reads and edits
//! [`crate::ui::Playground::edited`].
//!
//! [`RawScenario`]: crate::scenario::RawScenario

pub mod fields;
pub mod lists;
pub mod model;

use leptos::prelude::*;

use self::fields::{ActionButton, FieldError, InputField, SelectField};
use self::lists::{ResourcesEditor, StagesEditor};
use self::model::{Action, Field};
use super::explain::SideSwitch;
use super::live::TimeScaleSelect;
use super::state::use_playground;
use super::testid;

/// The whole editor, on the side being edited.
#[component]
pub fn Editor() -> impl IntoView {
    view! {
        <section class="editor" data-testid=testid::EDITOR aria-labelledby="editor-heading">
            <h2 id="editor-heading">"Pipeline"</h2>
            <SideSwitch />
            <EditorFields />
        </section>
    }
}

/// Every field of the scenario given by the nearest [`crate::ui::Playground`].
#[component]
fn EditorFields() -> impl IntoView {
    let playground = use_playground();
    let stale = move || playground.edited().error.with(Option::is_some);
    view! {
            <p
                class="stale-notice"
                role="status"
                data-testid=testid::STALE_NOTICE
                hidden=move || !stale()
            >
                "The chart shows the last valid version until the marked field is fixed."
            </p>
            <FieldError anchor="" />
            <fieldset class="items">
                <legend>"Items"</legend>
                <SelectField field=Field::ItemsMode testid=testid::ITEMS_MODE />
                <InputField field=Field::ItemsText testid=testid::ITEMS_TEXT />
                <InputField field=Field::ItemsCount testid=testid::ITEMS_COUNT />
                <FieldError anchor="items" />
            </fieldset>
            <div class="field-row">
                <div class="seed">
                    <InputField field=Field::Seed testid=testid::SEED />
                    <ActionButton
                        action=Action::Reroll
                        testid=testid::SEED_REROLL
                        text="Re-roll"
                        aria_label="Draw a new seed: the random durations change"
                    />
                </div>
                <InputField field=Field::LoopOverhead testid=testid::LOOP_OVERHEAD />
            </div>
            <FieldError anchor="seed" />
            <FieldError anchor="loop_overhead_us" />
            <TimeScaleSelect />
            <ResourcesEditor />
            <StagesEditor />
    }
}
