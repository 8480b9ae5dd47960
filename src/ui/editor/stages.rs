//! The pipeline's stages and their steps, and the semaphores and locks:
//! one keyed row per stage, step and resource, so a row keeps its elements
//! (and the focus inside them) while rows are added, moved or removed.
//!
//! ```text
//!  <For stage keys>  StageEditor(key) ── index = draft.stage_index(key) (a Memo)
//!     name · ↑ ↓ ✕ · workers [n] ──slider── · capacity · ordered
//!     [Steps per item (n)] ── a disclosure: shown at first unless the
//!     │                       scenario has more than STEPS_SHOWN_AT_MOST steps
//!     <For step keys>  StepEditor(key) ── (stage, step) = draft.step_index(key)
//!        kind · ↑ ↓ ✕ · resource | counter, amount | law, its parameters
//!        (only the fields the step's kind uses are shown)
//!     [+ Step]
//!  <For resource keys>  ResourceRow(key): name · kind · permits · ✕
//! ```

use leptos::prelude::*;

use super::fields::{
    ActionButton, ErrorSlot, FieldCheck, FieldInput, FieldSelect, WorkersSlider, unique_id,
};
use crate::edit::message::covers;
use crate::edit::{Action, Dir, Field, Key};
use crate::scenario::ResourceKind;
use crate::ui::state::Playground;
use crate::ui::testid;

/// A scenario with more steps than this opens with every stage's steps
/// folded: at the caps (16 stages × 32 steps) their controls are tens of
/// thousands of elements, a second of work before the page shows.
const STEPS_SHOWN_AT_MOST: usize = 64;

/// Every stage, in order, then "+ Stage".
#[component]
pub fn Stages(
    /// The edited side.
    side: Playground,
) -> impl IntoView {
    let keys = move || side.editor.with(|e| e.draft().stage_keys().to_vec());
    view! {
        <div class="stages">
            <h3>"Stages"</h3>
            <ErrorSlot side anchor="stages" />
            <For each=keys key=|k| *k let(key)>
                <StageEditor side key />
            </For>
            <ActionButton
                side
                action=Signal::derive(|| Some(Action::AddStage))
                testid=testid::STAGE_ADD
                text="+ Stage"
                label="Add a stage at the end"
            />
        </div>
    }
}

/// Up, down and remove buttons of a stage or a step.
#[component]
fn MoveButtons(
    side: Playground,
    /// What moves, "stage" or "step", and its 0-based index (`None` while removed).
    what: &'static str,
    #[prop(into)] index: Signal<Option<usize>>,
    /// The actions: up, down, remove.
    #[prop(into)]
    actions: Signal<Option<[Action; 3]>>,
    testids: [&'static str; 3],
) -> impl IntoView {
    let n = move || index.get().map_or(0, |i| i + 1);
    let action = move |k: usize| Signal::derive(move || actions.get().map(|a| a[k]));
    view! {
        <div class="button-row">
            <ActionButton
                side
                action=action(0)
                testid=testids[0]
                text="↑"
                label=Signal::derive(move || format!("Move {what} {} up", n()))
                class="icon"
            />
            <ActionButton
                side
                action=action(1)
                testid=testids[1]
                text="↓"
                label=Signal::derive(move || format!("Move {what} {} down", n()))
                class="icon"
            />
            <ActionButton
                side
                action=action(2)
                testid=testids[2]
                text="✕"
                label=Signal::derive(move || format!("Remove {what} {} (Ctrl+Z undoes)", n()))
                class="icon"
            />
        </div>
    }
}

/// One stage: its fields, its steps, "+ Step".
#[component]
fn StageEditor(side: Playground, key: Key) -> impl IntoView {
    let index = Memo::new(move |_| side.editor.with(|e| e.draft().stage_index(key)));
    let field = move |f: fn(usize) -> Field| Signal::derive(move || index.get().map(f));
    let anchor = move |part: &'static str| {
        Signal::derive(move || format!("stages[{}]{part}", index.get().unwrap_or(usize::MAX)))
    };
    let legend = move || {
        let Some(s) = index.get() else {
            return String::new();
        };
        let name = side
            .raw
            .with(|raw| raw.stages.get(s).map(|st| st.name.clone()))
            .unwrap_or_default();
        if s == 0 {
            format!("Stage 1 · source: {name}")
        } else {
            format!("Stage {}: {name}", s + 1)
        }
    };
    let step_keys = move || {
        side.editor.with(|e| {
            index
                .get()
                .map(|s| e.draft().step_keys(s).to_vec())
                .unwrap_or_default()
        })
    };
    let no_steps = move || step_keys().is_empty();
    let step_count = move || {
        side.editor
            .with(|e| index.get().map_or(0, |s| e.draft().step_keys(s).len()))
    };
    let unfolded = RwSignal::new(side.editor.with_untracked(|e| {
        let draft = e.draft();
        let steps: usize = (0..draft.stage_keys().len())
            .map(|s| draft.step_keys(s).len())
            .sum();
        steps <= STEPS_SHOWN_AT_MOST
    }));
    // A message about one of the steps unfolds them: it must be seen.
    let step_error = move || {
        let Some(s) = index.get() else {
            return false;
        };
        let path = format!("stages[{s}].steps");
        side.error
            .with(|e| e.as_ref().is_some_and(|e| covers(e.field(), &path)))
    };
    let shown = Memo::new(move |_| unfolded.get() || step_error());
    let list_id = unique_id("steps");
    view! {
        <fieldset
            class="stage"
            data-testid=testid::STAGE
            data-stage=move || index.get().map(|s| s.to_string()).unwrap_or_default()
        >
            <legend>{legend}</legend>
            <div class="stage-head">
                <FieldInput side field=field(Field::StageName) testid=testid::STAGE_NAME />
                <MoveButtons
                    side
                    what="stage"
                    index=index
                    actions=Signal::derive(move || {
                        index
                            .get()
                            .map(|s| [
                                Action::MoveStage(s, Dir::Up),
                                Action::MoveStage(s, Dir::Down),
                                Action::RemoveStage(s),
                            ])
                    })
                    testids=[testid::STAGE_UP, testid::STAGE_DOWN, testid::STAGE_REMOVE]
                />
            </div>
            <ErrorSlot side anchor=anchor(".name") />
            <div class="workers-row">
                <FieldInput side field=field(Field::StageWorkers) testid=testid::STAGE_WORKERS />
                <WorkersSlider side stage=index />
            </div>
            <ErrorSlot side anchor=anchor(".workers") />
            <FieldInput side field=field(Field::StageCapacity) testid=testid::STAGE_CAPACITY />
            <ErrorSlot side anchor=anchor(".capacity") />
            <FieldCheck side field=field(Field::StageOrdered) testid=testid::STAGE_ORDERED />
            <ErrorSlot side anchor=anchor(".ordered") />
            <ErrorSlot side anchor=anchor("") />
            <div class="steps">
                <h4>
                    <button
                        type="button"
                        class="disclosure"
                        data-testid=testid::STEPS_TOGGLE
                        aria-expanded=move || shown.get().to_string()
                        aria-controls=list_id.clone()
                        on:click=move |_| unfolded.set(!shown.get_untracked())
                    >
                        {move || format!("Steps per item ({})", step_count())}
                    </button>
                </h4>
                <Show when=move || shown.get()>
                    <div class="step-list" id=list_id.clone()>
                        <p class="hint" hidden=move || !no_steps()>
                            "No steps: the worker hands each item on at once."
                        </p>
                        <For each=step_keys key=|k| *k let(key)>
                            <StepEditor side key />
                        </For>
                        <ErrorSlot side anchor=anchor(".steps") />
                        <ActionButton
                            side
                            action=Signal::derive(move || index.get().map(Action::AddStep))
                            testid=testid::STEP_ADD
                            text="+ Step"
                            label=Signal::derive(move || {
                                format!("Add a step to stage {}", index.get().map_or(0, |s| s + 1))
                            })
                        />
                    </div>
                </Show>
            </div>
        </fieldset>
    }
}

/// One step of a stage.
#[component]
fn StepEditor(side: Playground, key: Key) -> impl IntoView {
    let at = Memo::new(move |_| side.editor.with(|e| e.draft().step_index(key)));
    let field =
        move |f: fn(usize, usize) -> Field| Signal::derive(move || at.get().map(|(s, j)| f(s, j)));
    view! {
        <div
            class="step"
            data-testid=testid::STEP
            data-step=move || at.get().map(|(_, j)| j.to_string()).unwrap_or_default()
        >
            <div class="step-head">
                <FieldSelect side field=field(Field::StepKind) testid=testid::STEP_KIND />
                <MoveButtons
                    side
                    what="step"
                    index=Signal::derive(move || at.get().map(|(_, j)| j))
                    actions=Signal::derive(move || {
                        at.get()
                            .map(|(s, j)| [
                                Action::MoveStep(s, j, Dir::Up),
                                Action::MoveStep(s, j, Dir::Down),
                                Action::RemoveStep(s, j),
                            ])
                    })
                    testids=[testid::STEP_UP, testid::STEP_DOWN, testid::STEP_REMOVE]
                />
            </div>
            <div class="step-params">
                <FieldSelect side field=field(Field::StepResource) testid=testid::STEP_RESOURCE />
                <FieldInput side field=field(Field::StepCounter) testid=testid::STEP_COUNTER />
                <FieldInput side field=field(Field::StepAmount) testid=testid::STEP_AMOUNT />
                <FieldSelect side field=field(Field::StepLaw) testid=testid::STEP_LAW />
                <FieldInput side field=field(Field::StepA) testid=testid::STEP_PARAM_A />
                <FieldInput side field=field(Field::StepB) testid=testid::STEP_PARAM_B />
                <FieldInput side field=field(Field::StepList) testid=testid::STEP_PER_ITEM />
            </div>
            <ErrorSlot
                side
                anchor=Signal::derive(move || {
                    at.get()
                        .map(|(s, j)| format!("stages[{s}].steps[{j}]"))
                        .unwrap_or_default()
                })
            />
        </div>
    }
}

/// The semaphores and locks, then the buttons that add one.
#[component]
pub fn Resources(
    /// The edited side.
    side: Playground,
) -> impl IntoView {
    let keys = move || side.editor.with(|e| e.draft().resource_keys().to_vec());
    view! {
        <fieldset class="resources">
            <legend>"Semaphores and locks"</legend>
            <p class="hint" hidden=move || !keys().is_empty()>
                "None. Steps can acquire one to limit how many workers do something at once."
            </p>
            <For each=keys key=|k| *k let(key)>
                <ResourceRow side key />
            </For>
            <ErrorSlot side anchor="resources" />
            <div class="button-row">
                <ActionButton
                    side
                    action=Signal::derive(|| Some(Action::AddResource(ResourceKind::Semaphore)))
                    testid=testid::RESOURCE_ADD_SEMAPHORE
                    text="+ Semaphore"
                    label="Add a semaphore"
                />
                <ActionButton
                    side
                    action=Signal::derive(|| Some(Action::AddResource(ResourceKind::Lock)))
                    testid=testid::RESOURCE_ADD_LOCK
                    text="+ Lock"
                    label="Add a lock"
                />
            </div>
        </fieldset>
    }
}

/// One semaphore or lock.
#[component]
fn ResourceRow(side: Playground, key: Key) -> impl IntoView {
    let index = Memo::new(move |_| side.editor.with(|e| e.draft().resource_index(key)));
    let field = move |f: fn(usize) -> Field| Signal::derive(move || index.get().map(f));
    view! {
        <div
            class="resource-row"
            data-testid=testid::RESOURCE
            data-resource=move || index.get().map(|r| r.to_string()).unwrap_or_default()
        >
            <FieldInput side field=field(Field::ResourceName) testid=testid::RESOURCE_NAME />
            <FieldSelect side field=field(Field::ResourceKind) testid=testid::RESOURCE_KIND />
            <FieldInput side field=field(Field::ResourcePermits) testid=testid::RESOURCE_PERMITS />
            <ActionButton
                side
                action=Signal::derive(move || index.get().map(Action::RemoveResource))
                testid=testid::RESOURCE_REMOVE
                text="✕"
                label=Signal::derive(move || {
                    format!("Remove resource {}", index.get().map_or(0, |r| r + 1))
                })
                class="icon"
            />
            <ErrorSlot
                side
                anchor=Signal::derive(move || {
                    index.get().map(|r| format!("resources[{r}]")).unwrap_or_default()
                })
            />
        </div>
    }
}
