//! The editor's lists: resources, stages, and each stage's steps. Each row
//! is a fixed set of generic controls ([`super::fields`]) bound to its index.
//!
//! ```text
//!  resources[r]  [name] [kind ▾] [permits] [✕]
//!  Stage 2: B                                 [↑] [↓] [✕]
//!    [name]  Workers [3] ├──●──────┤  capacity [0]  [ ] keep input order
//!    Step 1 [wait ▾] [uniform ▾] Min [1000] ms  Max [1500] ms  [↑][↓][✕]
//!    [+ Step]
//! ```

use leptos::prelude::*;

use super::fields::{ActionButton, CheckField, FieldError, InputField, RangeField, SelectField};
use super::model::{Action, Dir, Field};
use crate::limits::MAX_WORKERS;
use crate::scenario::ResourceKind;
use crate::ui::state::use_playground;
use crate::ui::testid;

/// The slider reaches at least this many workers (more: type the number).
const SLIDER_MAX: u32 = 64;

/// The semaphores and locks.
#[component]
pub fn ResourcesEditor() -> impl IntoView {
    let playground = use_playground();
    let count = Memo::new(move |_| playground.edited().raw.with(|r| r.resources.len()));
    view! {
        <fieldset class="resources">
            <legend>"Semaphores and locks"</legend>
            <p class="hint" hidden=move || count.get() != 0>
                "None. Steps can acquire one to limit how many workers do something at once."
            </p>
            {move || (0..count.get()).map(|r| view! { <ResourceRow index=r /> }).collect_view()}
            <FieldError anchor="resources" />
            <div class="button-row">
                <ActionButton
                    action=Action::AddResource(ResourceKind::Semaphore)
                    testid=testid::RESOURCE_ADD_SEMAPHORE
                    text="+ Semaphore"
                    aria_label="Add a semaphore"
                />
                <ActionButton
                    action=Action::AddResource(ResourceKind::Lock)
                    testid=testid::RESOURCE_ADD_LOCK
                    text="+ Lock"
                    aria_label="Add a lock"
                />
            </div>
        </fieldset>
    }
}

#[component]
fn ResourceRow(index: usize) -> impl IntoView {
    view! {
        <div class="resource-row" data-testid=testid::RESOURCE data-resource=index>
            <InputField field=Field::ResourceName(index) testid="resource-name" />
            <SelectField field=Field::ResourceKind(index) testid="resource-kind" />
            <InputField field=Field::ResourcePermits(index) testid="resource-permits" />
            <ActionButton
                action=Action::RemoveResource(index)
                testid="resource-remove"
                text="✕"
                class="icon"
                aria_label=format!("Remove resource {}", index + 1)
            />
            <FieldError anchor=format!("resources[{index}]") />
        </div>
    }
}

/// The stages, in order.
#[component]
pub fn StagesEditor() -> impl IntoView {
    let playground = use_playground();
    let count = Memo::new(move |_| playground.edited().raw.with(|r| r.stages.len()));
    view! {
        <div class="stages">
            <h3>"Stages"</h3>
            <FieldError anchor="stages" />
            {move || (0..count.get()).map(|s| view! { <StageEditor index=s /> }).collect_view()}
            <ActionButton
                action=Action::AddStage
                testid=testid::STAGE_ADD
                text="+ Stage"
                aria_label="Add a stage at the end"
            />
        </div>
    }
}

#[component]
fn StageEditor(index: usize) -> impl IntoView {
    let playground = use_playground();
    let title = move || {
        let name = playground
            .edited()
            .raw
            .with(|r| r.stages.get(index).map(|s| s.name.clone()))
            .unwrap_or_default();
        if index == 0 {
            format!("Stage 1 · source: {name}")
        } else {
            format!("Stage {}: {name}", index + 1)
        }
    };
    let steps = Memo::new(move |_| {
        playground
            .edited()
            .raw
            .with(|r| r.stages.get(index).map_or(0, |s| s.steps.len()))
    });
    let n = index + 1;
    view! {
        <fieldset class="stage" data-testid=testid::STAGE data-stage=index>
            <legend>{title}</legend>
            <div class="stage-head">
                <InputField field=Field::StageName(index) testid=testid::STAGE_NAME />
                <div class="button-row">
                    <ActionButton
                        action=Action::MoveStage(index, Dir::Up)
                        testid=testid::STAGE_UP
                        text="↑"
                        class="icon"
                        aria_label=format!("Move stage {n} up")
                    />
                    <ActionButton
                        action=Action::MoveStage(index, Dir::Down)
                        testid=testid::STAGE_DOWN
                        text="↓"
                        class="icon"
                        aria_label=format!("Move stage {n} down")
                    />
                    <ActionButton
                        action=Action::RemoveStage(index)
                        testid=testid::STAGE_REMOVE
                        text="✕"
                        class="icon"
                        aria_label=format!("Remove stage {n}")
                    />
                </div>
            </div>
            <FieldError anchor=format!("stages[{index}].name") />
            <div class="workers-row">
                <InputField field=Field::StageWorkers(index) testid=testid::STAGE_WORKERS />
                <RangeField
                    field=Field::StageWorkers(index)
                    testid=testid::STAGE_WORKERS_RANGE
                    aria_label=format!("Workers of stage {n} (slider)")
                    soft_max=SLIDER_MAX
                    hard_max=MAX_WORKERS
                />
            </div>
            <FieldError anchor=format!("stages[{index}].workers") />
            <InputField field=Field::StageCapacity(index) testid=testid::STAGE_CAPACITY />
            <FieldError anchor=format!("stages[{index}].capacity") />
            <CheckField field=Field::StageOrdered(index) testid=testid::STAGE_ORDERED />
            <FieldError anchor=format!("stages[{index}].ordered") />
            <div class="steps">
                <h4>"Steps per item"</h4>
                <p class="hint" hidden=move || steps.get() != 0>
                    "No steps: the worker hands each item on at once."
                </p>
                {move || {
                    (0..steps.get())
                        .map(|j| view! { <StepEditor stage=index step=j /> })
                        .collect_view()
                }}
                <FieldError anchor=format!("stages[{index}].steps") />
                <ActionButton
                    action=Action::AddStep(index)
                    testid=testid::STEP_ADD
                    text="+ Step"
                    aria_label=format!("Add a step to stage {n}")
                />
            </div>
        </fieldset>
    }
}

#[component]
fn StepEditor(stage: usize, step: usize) -> impl IntoView {
    let (s, j) = (stage, step);
    let n = step + 1;
    view! {
        <div class="step" data-testid=testid::STEP data-step=step>
            <div class="step-head">
                <SelectField field=Field::StepKind(s, j) testid=testid::STEP_KIND />
                <div class="button-row">
                    <ActionButton
                        action=Action::MoveStep(s, j, Dir::Up)
                        testid=testid::STEP_UP
                        text="↑"
                        class="icon"
                        aria_label=format!("Move step {n} up")
                    />
                    <ActionButton
                        action=Action::MoveStep(s, j, Dir::Down)
                        testid=testid::STEP_DOWN
                        text="↓"
                        class="icon"
                        aria_label=format!("Move step {n} down")
                    />
                    <ActionButton
                        action=Action::RemoveStep(s, j)
                        testid=testid::STEP_REMOVE
                        text="✕"
                        class="icon"
                        aria_label=format!("Remove step {n}")
                    />
                </div>
            </div>
            <div class="step-params">
                <SelectField field=Field::StepResource(s, j) testid="step-resource" />
                <InputField field=Field::StepCounter(s, j) testid="step-counter" />
                <InputField field=Field::StepAmount(s, j) testid="step-amount" />
                <SelectField field=Field::StepLaw(s, j) testid=testid::STEP_LAW />
                <InputField field=Field::StepA(s, j) testid=testid::STEP_PARAM_A />
                <InputField field=Field::StepB(s, j) testid=testid::STEP_PARAM_B />
                <InputField field=Field::StepList(s, j) testid="step-per-item" />
            </div>
            <FieldError anchor=format!("stages[{s}].steps[{j}]") />
        </div>
    }
}
