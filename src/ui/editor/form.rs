//! The editor's form, built by hand from the [`model`]: every input is a
//! [`Field`], every button an [`Action`]; one effect keeps the form equal
//! to the scenario, one listener applies what the user does.
//!
//! ```text
//!  edited side's raw + error ──► shape (resources, stages, steps per stage)
//!       changed? ──► rebuild the form: controls[i] = (Field, element), buttons[k] = Action
//!                    (the focused control gets the focus back)
//!       always   ──► update in place: values (a number being typed, `1.` or `01`, is
//!                    left alone), labels, units, options, hidden, aria-invalid,
//!                    disabled, legends, the validation message at its anchor
//!  input / change / click ──► data-act (f: field, a: action, side, scale) + data-index
//!       ──► model::set / model::apply ──► playground.edit   | Err ──► local message
//! ```
//!
//! Validation errors are shown at the anchor of the editor part that owns
//! the field ([`anchor_of`]); the input they concern is marked
//! `aria-invalid` ([`covers`]). Names from links are only ever set as text.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::Element;

use super::model::{self, Action, Dir, Field, Input};
use crate::chart::preview::{LIVE_SCALES, scale_label};
use crate::limits::MAX_WORKERS;
use crate::link::Side;
use crate::scenario::{RawScenario, ResourceKind};
use crate::ui::dom::{Dom, acted, find, flag, listen, rebuild, set_prop, value_of};
use crate::ui::format::same_number;
use crate::ui::state::Playground;
use crate::ui::testid;

/// The slider reaches at least this many workers (more: type the number).
const SLIDER_MAX: u32 = 64;

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

/// How a field's control looks.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Input,
    Select,
    Check,
    Range,
}

/// One control of the form.
struct Control {
    field: Field,
    kind: Kind,
    /// The `<input>` or `<select>`.
    el: Element,
    /// The element hidden when the field does not apply.
    wrap: Element,
    /// The label text and the unit, if the control shows them.
    label: Option<Element>,
    unit: Option<Element>,
}

/// What the form holds between updates.
#[derive(Default)]
struct Form {
    /// Resources, stages, steps per stage: a change rebuilds the form.
    shape: Vec<usize>,
    controls: Vec<Control>,
    buttons: Vec<(Action, Element)>,
    /// Validation message slots: (anchor, slot).
    slots: Vec<(String, Element)>,
    /// Stage legends, "no steps" hints (per stage), "no resources" hint.
    legends: Vec<Element>,
    step_hints: Vec<Element>,
    resource_hint: Option<Element>,
    side_buttons: Vec<Element>,
    scale: Option<Element>,
    stale: Option<Element>,
}

/// Builds the form into `root` and keeps it in step with the edited side.
pub fn build(root: &Element, playground: Playground) {
    let form = Rc::new(RefCell::new(Form::default()));
    // The last text that was not a value: (field, the value then, message).
    let local = RwSignal::new(None::<(Field, Option<String>, String)>);
    let target = root.clone();
    let state = form.clone();
    Effect::new(move |_| {
        let pg = playground.edited();
        let comparing = playground.comparing.get();
        let editing = playground.editing.get();
        let scale = playground.scale_choice.get();
        let auto = scale_label(crate::chart::live_scale(
            playground.preview.with(|p| p.timeline.end),
        ));
        let local = local.get();
        pg.raw.with(|raw| {
            pg.error.with(|error| {
                let shape = shape(raw);
                let mut form = state.borrow_mut();
                if form.shape != shape {
                    let fresh = RefCell::new(Form {
                        shape,
                        ..Form::default()
                    });
                    rebuild(&target, &|dom| layout(dom, raw, &mut fresh.borrow_mut()));
                    *form = fresh.into_inner();
                }
                let error = error
                    .as_ref()
                    .map(|e| (e.field().to_string(), e.to_string()));
                update(&form, raw, error.as_ref(), local.as_ref());
                for (side, el) in [Side::A, Side::B].into_iter().zip(&form.side_buttons) {
                    let _ = el.set_attribute("aria-pressed", &(side == editing).to_string());
                }
                if let Some(group) = form.side_buttons.first().and_then(|b| b.parent_element()) {
                    flag(&group, "hidden", !comparing);
                }
                if let Some(select) = &form.scale {
                    if let Some(first) = select.first_element_child() {
                        first.set_text_content(Some(&format!("auto: {auto}")));
                    }
                    let value = scale
                        .and_then(|s| LIVE_SCALES.iter().position(|&x| x == s))
                        .map_or_else(|| "auto".to_string(), |i| i.to_string());
                    set_prop(select, "value", &value.into());
                }
            });
        });
    });
    listen(root, &["input", "change", "click"], move |ev| {
        let Some((act, index)) = acted(ev) else {
            return;
        };
        let pg = playground.edited();
        let kind = ev.type_();
        match act.as_str() {
            "f" => {
                let Some((field, control)) =
                    form.borrow().controls.get(index).map(|c| (c.field, c.kind))
                else {
                    return;
                };
                // Text and numbers apply as typed; selects and checkboxes on change.
                let on_change = matches!(control, Kind::Select | Kind::Check);
                if (kind == "change") != on_change {
                    return;
                }
                let text = if control == Kind::Check {
                    let checked = ev
                        .target()
                        .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false);
                    checked.to_string()
                } else {
                    value_of(ev)
                };
                let mut raw = pg.raw.get_untracked();
                let before = model::get(&raw, field);
                match model::set(&mut raw, field, &text) {
                    Ok(()) => {
                        local.set(None);
                        pg.edit(|r| *r = raw);
                    }
                    Err(message) => local.set(Some((field, before, message))),
                }
            }
            "a" if kind == "click" => {
                let action = form.borrow().buttons.get(index).map(|b| b.0);
                if let Some(action) = action {
                    let random = js_sys::Math::random();
                    pg.edit(|r| model::apply(r, action, random));
                }
            }
            "side" if kind == "click" => {
                playground
                    .editing
                    .set(if index == 1 { Side::B } else { Side::A });
            }
            "scale" if kind == "change" => {
                let value = value_of(ev);
                let scale = value
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| LIVE_SCALES.get(i).copied());
                playground.scale_choice.set(scale);
            }
            _ => {}
        }
    });
}

/// What decides the form's structure.
fn shape(raw: &RawScenario) -> Vec<usize> {
    let mut shape = vec![raw.resources.len(), raw.stages.len()];
    shape.extend(raw.stages.iter().map(|s| s.steps.len()));
    shape
}

/// Builds the form's elements (values come in [`update`]).
fn layout(dom: &Dom<'_>, raw: &RawScenario, form: &mut Form) {
    form.stale = dom.text(
        "p",
        &[
            ("class", "stale-notice"),
            ("role", "status"),
            ("data-testid", testid::STALE_NOTICE),
            ("hidden", ""),
        ],
        "The chart shows the last valid version until the marked field is fixed.",
    );
    if let Some(group) = dom.el(
        "div",
        &[
            ("class", "side-switch"),
            ("role", "group"),
            ("aria-label", "Which side the editor edits"),
        ],
    ) {
        for (i, side) in ["A", "B"].into_iter().enumerate() {
            let index = i.to_string();
            if let Some(b) = dom.within(&group).text(
                "button",
                &[
                    ("type", "button"),
                    ("data-act", "side"),
                    ("data-index", &index),
                    ("data-testid", testid::EDIT_SIDE),
                    ("data-side", side),
                ],
                &format!("Edit {side}"),
            ) {
                form.side_buttons.push(b);
            }
        }
    }
    slot(dom, form, "");
    if let Some(items) = dom.el("fieldset", &[("class", "items")]) {
        let items = dom.within(&items);
        items.text("legend", &[], "Items");
        control(&items, form, Field::ItemsMode, testid::ITEMS_MODE);
        control(&items, form, Field::ItemsText, testid::ITEMS_TEXT);
        control(&items, form, Field::ItemsCount, testid::ITEMS_COUNT);
        slot(&items, form, "items");
    }
    if let Some(row) = dom.el("div", &[("class", "field-row")]) {
        let row = dom.within(&row);
        if let Some(seed) = row.el("div", &[("class", "seed")]) {
            let seed = row.within(&seed);
            control(&seed, form, Field::Seed, testid::SEED);
            button(
                &seed,
                form,
                Action::Reroll,
                testid::SEED_REROLL,
                "Re-roll",
                "Draw a new seed: the random durations change",
                "",
            );
        }
        control(&row, form, Field::LoopOverhead, testid::LOOP_OVERHEAD);
    }
    slot(dom, form, "seed");
    slot(dom, form, "loop_overhead_us");
    if let Some(label) = dom.el("label", &[("class", "field")]) {
        let label = dom.within(&label);
        label.text("span", &[("class", "field-label")], "Live time scale");
        if let Some(select) = label.el(
            "select",
            &[("data-testid", testid::TIME_SCALE), ("data-act", "scale")],
        ) {
            let options = label.within(&select);
            options.text("option", &[("value", "auto")], "auto");
            for (i, &scale) in LIVE_SCALES.iter().enumerate() {
                options.text("option", &[("value", &i.to_string())], &scale_label(scale));
            }
            form.scale = Some(select);
        }
    }
    resources(dom, raw, form);
    stages(dom, raw, form);
}

fn resources(dom: &Dom<'_>, raw: &RawScenario, form: &mut Form) {
    let Some(set) = dom.el("fieldset", &[("class", "resources")]) else {
        return;
    };
    let set = dom.within(&set);
    set.text("legend", &[], "Semaphores and locks");
    form.resource_hint = set.text(
        "p",
        &[("class", "hint")],
        "None. Steps can acquire one to limit how many workers do something at once.",
    );
    for r in 0..raw.resources.len() {
        let index = r.to_string();
        let Some(row) = set.el(
            "div",
            &[
                ("class", "resource-row"),
                ("data-testid", testid::RESOURCE),
                ("data-resource", &index),
            ],
        ) else {
            continue;
        };
        let row = set.within(&row);
        control(&row, form, Field::ResourceName(r), "resource-name");
        control(&row, form, Field::ResourceKind(r), "resource-kind");
        control(&row, form, Field::ResourcePermits(r), "resource-permits");
        button(
            &row,
            form,
            Action::RemoveResource(r),
            "resource-remove",
            "✕",
            &format!("Remove resource {}", r + 1),
            "icon",
        );
        slot(&row, form, &format!("resources[{r}]"));
    }
    slot(&set, form, "resources");
    if let Some(buttons) = set.el("div", &[("class", "button-row")]) {
        let buttons = set.within(&buttons);
        button(
            &buttons,
            form,
            Action::AddResource(ResourceKind::Semaphore),
            testid::RESOURCE_ADD_SEMAPHORE,
            "+ Semaphore",
            "Add a semaphore",
            "",
        );
        button(
            &buttons,
            form,
            Action::AddResource(ResourceKind::Lock),
            testid::RESOURCE_ADD_LOCK,
            "+ Lock",
            "Add a lock",
            "",
        );
    }
}

/// Up, down and remove buttons for stage `s` (or its step `j`).
fn moves(dom: &Dom<'_>, form: &mut Form, s: usize, step: Option<usize>) {
    let Some(row) = dom.el("div", &[("class", "button-row")]) else {
        return;
    };
    let row = dom.within(&row);
    let (what, n) = match step {
        Some(j) => ("step", j + 1),
        None => ("stage", s + 1),
    };
    for (dir, text, id_stage, id_step, word) in [
        (Some(Dir::Up), "↑", testid::STAGE_UP, testid::STEP_UP, "up"),
        (
            Some(Dir::Down),
            "↓",
            testid::STAGE_DOWN,
            testid::STEP_DOWN,
            "down",
        ),
        (None, "✕", testid::STAGE_REMOVE, testid::STEP_REMOVE, ""),
    ] {
        let action = match (dir, step) {
            (Some(d), Some(j)) => Action::MoveStep(s, j, d),
            (Some(d), None) => Action::MoveStage(s, d),
            (None, Some(j)) => Action::RemoveStep(s, j),
            (None, None) => Action::RemoveStage(s),
        };
        let label = if word.is_empty() {
            format!("Remove {what} {n}")
        } else {
            format!("Move {what} {n} {word}")
        };
        let id = if step.is_some() { id_step } else { id_stage };
        button(&row, form, action, id, text, &label, "icon");
    }
}

fn stages(dom: &Dom<'_>, raw: &RawScenario, form: &mut Form) {
    let Some(stages) = dom.el("div", &[("class", "stages")]) else {
        return;
    };
    let stages = dom.within(&stages);
    stages.text("h3", &[], "Stages");
    slot(&stages, form, "stages");
    for (s, stage) in raw.stages.iter().enumerate() {
        let index = s.to_string();
        let Some(set) = stages.el(
            "fieldset",
            &[
                ("class", "stage"),
                ("data-testid", testid::STAGE),
                ("data-stage", &index),
            ],
        ) else {
            continue;
        };
        let set = stages.within(&set);
        if let Some(legend) = set.el("legend", &[]) {
            form.legends.push(legend);
        }
        if let Some(head) = set.el("div", &[("class", "stage-head")]) {
            let head = set.within(&head);
            control(&head, form, Field::StageName(s), testid::STAGE_NAME);
            moves(&head, form, s, None);
        }
        slot(&set, form, &format!("stages[{s}].name"));
        if let Some(row) = set.el("div", &[("class", "workers-row")]) {
            let row = set.within(&row);
            control(&row, form, Field::StageWorkers(s), testid::STAGE_WORKERS);
            range(&row, form, s);
        }
        slot(&set, form, &format!("stages[{s}].workers"));
        control(&set, form, Field::StageCapacity(s), testid::STAGE_CAPACITY);
        slot(&set, form, &format!("stages[{s}].capacity"));
        control(&set, form, Field::StageOrdered(s), testid::STAGE_ORDERED);
        slot(&set, form, &format!("stages[{s}].ordered"));
        let Some(steps) = set.el("div", &[("class", "steps")]) else {
            continue;
        };
        let steps = set.within(&steps);
        steps.text("h4", &[], "Steps per item");
        if let Some(hint) = steps.text(
            "p",
            &[("class", "hint")],
            "No steps: the worker hands each item on at once.",
        ) {
            form.step_hints.push(hint);
        }
        for j in 0..stage.steps.len() {
            let index = j.to_string();
            let Some(step) = steps.el(
                "div",
                &[
                    ("class", "step"),
                    ("data-testid", testid::STEP),
                    ("data-step", &index),
                ],
            ) else {
                continue;
            };
            let step = steps.within(&step);
            if let Some(head) = step.el("div", &[("class", "step-head")]) {
                let head = step.within(&head);
                control(&head, form, Field::StepKind(s, j), testid::STEP_KIND);
                moves(&head, form, s, Some(j));
            }
            if let Some(params) = step.el("div", &[("class", "step-params")]) {
                let params = step.within(&params);
                control(&params, form, Field::StepResource(s, j), "step-resource");
                control(&params, form, Field::StepCounter(s, j), "step-counter");
                control(&params, form, Field::StepAmount(s, j), "step-amount");
                control(&params, form, Field::StepLaw(s, j), testid::STEP_LAW);
                control(&params, form, Field::StepA(s, j), testid::STEP_PARAM_A);
                control(&params, form, Field::StepB(s, j), testid::STEP_PARAM_B);
                control(&params, form, Field::StepList(s, j), "step-per-item");
            }
            slot(&step, form, &format!("stages[{s}].steps[{j}]"));
        }
        slot(&steps, form, &format!("stages[{s}].steps"));
        button(
            &steps,
            form,
            Action::AddStep(s),
            testid::STEP_ADD,
            "+ Step",
            &format!("Add a step to stage {}", s + 1),
            "",
        );
    }
    button(
        &stages,
        form,
        Action::AddStage,
        testid::STAGE_ADD,
        "+ Stage",
        "Add a stage at the end",
        "",
    );
}

/// A validation message slot for errors anchored at `anchor`.
fn slot(dom: &Dom<'_>, form: &mut Form, anchor: &str) {
    if let Some(el) = dom.el("div", &[("class", "error-slot")]) {
        form.slots.push((anchor.to_string(), el));
    }
}

/// A button applying `action`.
fn button(
    dom: &Dom<'_>,
    form: &mut Form,
    action: Action,
    id: &str,
    text: &str,
    label: &str,
    class: &str,
) {
    let index = form.buttons.len().to_string();
    if let Some(el) = dom.text(
        "button",
        &[
            ("type", "button"),
            ("class", class),
            ("data-act", "a"),
            ("data-index", &index),
            ("data-testid", id),
            ("aria-label", label),
            ("title", label),
        ],
        text,
    ) {
        form.buttons.push((action, el));
    }
}

/// A labelled control for `field`: a text or number input, a select or a
/// checkbox, as the model says.
fn control(dom: &Dom<'_>, form: &mut Form, field: Field, id: &str) {
    let index = form.controls.len().to_string();
    let common = [
        ("data-act", "f"),
        ("data-index", index.as_str()),
        ("data-testid", id),
    ];
    let options = matches!(
        field,
        Field::ItemsMode
            | Field::ResourceKind(_)
            | Field::StepKind(..)
            | Field::StepLaw(..)
            | Field::StepResource(..)
    );
    if matches!(field, Field::StageOrdered(_)) {
        let Some(wrap) = dom.el("label", &[("class", "check")]) else {
            return;
        };
        let inside = dom.within(&wrap);
        let mut attrs = vec![("type", "checkbox")];
        attrs.extend(common);
        let el = inside.el("input", &attrs);
        let label = inside.el("span", &[]);
        if let Some(el) = el {
            form.controls.push(Control {
                field,
                kind: Kind::Check,
                el,
                wrap,
                label,
                unit: None,
            });
        }
        return;
    }
    let Some(wrap) = dom.el("label", &[("class", "field")]) else {
        return;
    };
    let inside = dom.within(&wrap);
    let label = inside.el("span", &[("class", "field-label")]);
    if options {
        if let Some(el) = inside.el("select", &common) {
            form.controls.push(Control {
                field,
                kind: Kind::Select,
                el,
                wrap,
                label,
                unit: None,
            });
        }
        return;
    }
    let Some(span) = inside.el("span", &[("class", "field-input")]) else {
        return;
    };
    let span = inside.within(&span);
    let kind = model::input(field);
    let mut attrs = vec![
        (
            "type",
            if kind == Input::Text {
                "text"
            } else {
                "number"
            },
        ),
        (
            "inputmode",
            if kind == Input::Text {
                "text"
            } else {
                "decimal"
            },
        ),
        ("step", if kind == Input::Whole { "1" } else { "any" }),
        ("spellcheck", "false"),
    ];
    attrs.extend(common);
    let el = span.el("input", &attrs);
    let unit = span.el("span", &[("class", "unit")]);
    if let Some(el) = el {
        form.controls.push(Control {
            field,
            kind: Kind::Input,
            el,
            wrap,
            label,
            unit,
        });
    }
}

/// The workers slider of stage `s` (the same field as the number input).
fn range(dom: &Dom<'_>, form: &mut Form, s: usize) {
    let index = form.controls.len().to_string();
    let label = format!("Workers of stage {} (slider)", s + 1);
    if let Some(el) = dom.el(
        "input",
        &[
            ("type", "range"),
            ("class", "range"),
            ("min", "1"),
            ("step", "1"),
            ("aria-label", &label),
            ("data-act", "f"),
            ("data-index", &index),
            ("data-testid", testid::STAGE_WORKERS_RANGE),
        ],
    ) {
        form.controls.push(Control {
            field: Field::StageWorkers(s),
            kind: Kind::Range,
            wrap: el.clone(),
            el,
            label: None,
            unit: None,
        });
    }
}

/// The current `value` of a control.
fn current(el: &Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Puts the scenario's values, labels and state into the form.
fn update(
    form: &Form,
    raw: &RawScenario,
    error: Option<&(String, String)>,
    local: Option<&(Field, Option<String>, String)>,
) {
    if let Some(notice) = &form.stale {
        flag(notice, "hidden", error.is_none());
    }
    for c in &form.controls {
        let value = model::get(raw, c.field);
        flag(&c.wrap, "hidden", value.is_none());
        let value = value.unwrap_or_default();
        if let Some(label) = &c.label {
            label.set_text_content(Some(model::label(raw, c.field)));
        }
        if let Some(unit) = &c.unit {
            let text = model::unit(raw, c.field);
            unit.set_text_content(Some(text));
            flag(unit, "hidden", text.is_empty());
        }
        let path = model::path(raw, c.field);
        let invalid = error.is_some_and(|(field, _)| covers(field, &path));
        let _ = c.el.set_attribute("aria-invalid", &invalid.to_string());
        match c.kind {
            Kind::Check => set_prop(&c.el, "checked", &(value == "true").into()),
            Kind::Select => {
                let options = model::options(raw, c.field);
                let labels: Vec<&str> = options.iter().map(|o| o.1.as_str()).collect();
                if c.el.text_content().as_deref() != Some(labels.concat().as_str()) {
                    rebuild(&c.el, &|dom| {
                        for (v, l) in &options {
                            dom.text("option", &[("value", v)], l);
                        }
                    });
                }
                set_prop(&c.el, "value", &value.into());
            }
            Kind::Input | Kind::Range => {
                let value = if c.kind == Kind::Range {
                    let workers: u32 = value.parse().unwrap_or(1);
                    let max = workers.clamp(SLIDER_MAX, MAX_WORKERS);
                    let _ = c.el.set_attribute("max", &max.to_string());
                    workers.clamp(1, MAX_WORKERS).to_string()
                } else {
                    value
                };
                let shown = current(&c.el);
                let keep = model::input(c.field) != Input::Text && same_number(&shown, &value);
                if shown != value && !keep {
                    set_prop(&c.el, "value", &value.into());
                }
            }
        }
        // A message about text that was not a value, until the value changes.
        if c.kind == Kind::Input {
            if let Some(old) = find(&c.wrap, ".local") {
                old.remove();
            }
            if let Some((field, before, message)) = local
                && *field == c.field
                && model::get(raw, c.field) == *before
                && let Some(document) = c.wrap.owner_document()
            {
                Dom::html(&c.wrap, &document).text(
                    "span",
                    &[("class", "field-error local")],
                    message,
                );
            }
        }
    }
    for (action, el) in &form.buttons {
        flag(el, "disabled", !model::enabled(raw, *action));
    }
    for (s, legend) in form.legends.iter().enumerate() {
        let name = raw.stages.get(s).map_or("", |st| st.name.as_str());
        let title = if s == 0 {
            format!("Stage 1 · source: {name}")
        } else {
            format!("Stage {}: {name}", s + 1)
        };
        legend.set_text_content(Some(&title));
    }
    for (s, hint) in form.step_hints.iter().enumerate() {
        flag(
            hint,
            "hidden",
            raw.stages.get(s).is_some_and(|st| !st.steps.is_empty()),
        );
    }
    if let Some(hint) = &form.resource_hint {
        flag(hint, "hidden", !raw.resources.is_empty());
    }
    for (anchor, slot) in &form.slots {
        slot.set_text_content(None);
        if let Some((field, text)) = error
            && anchor_of(field) == *anchor
            && let Some(document) = slot.owner_document()
        {
            Dom::html(slot, &document).text(
                "p",
                &[
                    ("class", "field-error"),
                    ("data-testid", testid::FIELD_ERROR),
                    ("data-field", field),
                ],
                text,
            );
        }
    }
}
