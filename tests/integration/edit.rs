//! The editor's edits as functions of the scenario: typing, buttons, keys
//! that follow their rows, undo and redo, messages in the editor's words.

use interleave::edit::field::nudge;
use interleave::edit::message::{typing_message, user_message};
use interleave::edit::{Action, Dir, Draft, Editor, Field, History, Input};
use interleave::scenario::{RawDuration, RawStep, ResourceKind};

use super::raw;

/// Sets `field` to `text` as the editor's field does: text that is not a
/// value is answered with the field named.
fn typed(editor: &mut Editor, field: Field, text: &str) -> Result<(), String> {
    editor
        .set(field, text)
        .map_err(|why| typing_message(editor.raw(), field, &why))
}

#[test]
fn retyping_a_number_goes_through_text_that_is_not_a_value_yet() {
    let mut editor = Editor::new(raw("hello-workers"));
    assert_eq!(editor.raw().stages[1].workers, 3);
    // Backspace leaves an empty field: a message, the scenario unchanged.
    assert_eq!(
        typed(&mut editor, Field::StageWorkers(1), ""),
        Err("Stage 2 (B): workers must be a whole number.".into())
    );
    assert_eq!(editor.raw().stages[1].workers, 3);
    editor.set(Field::StageWorkers(1), "1").unwrap();
    assert_eq!(editor.raw().stages[1].workers, 1);
}

#[test]
fn negative_and_partial_numbers_get_messages_never_digits_glued_on() {
    let mut editor = Editor::new(raw("hello-workers"));
    for (text, message) in [
        ("-", "Stage 2 (B): workers must be a whole number."),
        ("-5", "Stage 2 (B): workers must not be negative."),
        ("-0", "Stage 2 (B): workers must not be negative."),
        ("1.5", "Stage 2 (B): workers must be a whole number."),
        ("1.0", "Stage 2 (B): workers must be a whole number."),
        (
            "99999999999",
            "Stage 2 (B): workers must be a smaller number.",
        ),
    ] {
        assert_eq!(
            typed(&mut editor, Field::StageWorkers(1), text),
            Err(message.into()),
            "{text}"
        );
    }
    assert_eq!(editor.raw().stages[1].workers, 3);
    // A duration: "-" and "1." are partial; "-5" parses and validation names it.
    assert!(editor.set(Field::StepA(1, 0), "-").is_err());
    editor.set(Field::StepA(1, 0), "-5").unwrap();
    let error = editor.raw().validate().unwrap_err();
    assert_eq!(
        user_message(editor.raw(), &error),
        "Stage 2 (B), step 1: the minimum must be between 0 and 3600000 ms (got -5)."
    );
}

#[test]
fn text_that_is_not_a_value_is_answered_with_the_field_named() {
    let mut editor = Editor::new(raw("hello-workers"));
    editor.apply(Action::AddResource(ResourceKind::Semaphore), 0.0);
    for (field, text, message) in [
        (Field::Seed, "x", "Seed: the seed must be a whole number."),
        (
            Field::ItemsMode,
            "count",
            "", // a choice, always a value
        ),
        (
            Field::ItemsCount,
            "ten",
            "Items: the number of items must be a whole number.",
        ),
        (
            Field::StepA(1, 0),
            "1,5",
            "Stage 2 (B), step 1: the minimum must be a number.",
        ),
        (
            Field::ResourcePermits(0),
            "two",
            "Semaphore 1 (sem1): permits must be a whole number.",
        ),
    ] {
        let result = typed(&mut editor, field, text);
        if message.is_empty() {
            assert_eq!(result, Ok(()), "{field:?}");
        } else {
            assert_eq!(result, Err(message.to_string()), "{field:?} {text}");
        }
    }
    // A per-item list names the entry that is not a number.
    editor.set(Field::StepLaw(1, 0), "per_item").unwrap();
    assert_eq!(
        typed(&mut editor, Field::StepList(1, 0), "100, 2o, 300"),
        Err(
            "Stage 2 (B), step 1: every per-item duration must be a number (\"2o\" is not).".into()
        )
    );
    // Nothing that did not parse was stored.
    assert_eq!(editor.raw().seed, raw("hello-workers").seed);
}

#[test]
fn messages_name_the_stage_as_the_editor_shows_it() {
    let mut scenario = raw("hello-workers");
    scenario.stages[1].workers = 0;
    let error = scenario.validate().unwrap_err();
    assert_eq!(
        user_message(&scenario, &error),
        "Stage 2 (B): workers must be between 1 and 1000 (got 0)."
    );
}

#[test]
fn adding_two_steps_keeps_the_stage_and_gives_each_step_its_own_key() {
    let mut draft = Draft::new(raw("hello-workers"));
    let stage = draft.stage_keys()[1];
    let before = draft.step_keys(1).to_vec();
    draft.apply(Action::AddStep(1), 0.0);
    draft.apply(Action::AddStep(1), 0.0);
    assert_eq!(draft.stage_keys()[1], stage);
    let after = draft.step_keys(1);
    assert_eq!(after.len(), before.len() + 2);
    assert_eq!(&after[..before.len()], before.as_slice());
    assert_ne!(after[before.len()], after[before.len() + 1]);
    assert_eq!(draft.raw().stages[1].steps.len(), before.len() + 2);
}

#[test]
fn keys_travel_with_moved_and_removed_rows() {
    let mut draft = Draft::new(raw("hello-workers"));
    let keys = draft.stage_keys().to_vec();
    let steps_of_last = draft.step_keys(2).to_vec();
    draft.apply(Action::MoveStage(2, Dir::Up), 0.0);
    assert_eq!(draft.stage_keys(), &[keys[0], keys[2], keys[1]]);
    assert_eq!(draft.step_keys(1), steps_of_last.as_slice());
    assert_eq!(draft.stage_index(keys[2]), Some(1));
    draft.apply(Action::RemoveStage(1), 0.0);
    assert_eq!(draft.stage_keys(), &[keys[0], keys[1]]);
    assert_eq!(draft.stage_index(keys[2]), None);
    // Moving the first stage up changes nothing.
    draft.apply(Action::MoveStage(0, Dir::Up), 0.0);
    assert_eq!(draft.stage_keys(), &[keys[0], keys[1]]);
}

#[test]
fn undo_and_redo_restore_every_edit_exactly() {
    let start = raw("hello-workers");
    let mut editor = Editor::new(start.clone());
    assert!(!editor.can_undo());
    editor.apply(Action::RemoveStage(1), 0.0);
    editor.set(Field::Seed, "9").unwrap();
    editor.set(Field::Seed, "99").unwrap(); // typing on: the same entry
    let edited = editor.raw().clone();
    assert!(editor.undo());
    assert_eq!(editor.raw().seed, start.seed);
    assert_eq!(editor.raw().stages.len(), 2);
    assert!(editor.undo());
    assert_eq!(*editor.raw(), start);
    assert!(!editor.undo());
    assert!(editor.redo());
    assert!(editor.redo());
    assert_eq!(*editor.raw(), edited);
    assert!(!editor.redo());
    // A new edit after an undo forgets the undone one.
    editor.undo();
    editor.apply(Action::AddStage, 0.0);
    assert!(!editor.can_redo());
}

#[test]
fn undo_restores_a_removed_stage_with_its_key() {
    let mut editor = Editor::new(raw("hello-workers"));
    let keys = editor.draft().stage_keys().to_vec();
    editor.apply(Action::RemoveStage(1), 0.0);
    editor.undo();
    assert_eq!(editor.draft().stage_keys(), keys.as_slice());
}

#[test]
fn history_is_bounded() {
    let mut history = History::new(3);
    for state in 0..10 {
        history.record(state, None);
    }
    assert_eq!(history.undo_depth(), 3);
    assert_eq!(history.undo(10), Some(9));
    assert_eq!(history.undo(9), Some(8));
    assert_eq!(history.undo(8), Some(7));
    assert_eq!(history.undo(7), None);
}

#[test]
fn replacing_the_scenario_is_undoable_and_a_same_value_is_not_an_edit() {
    let mut editor = Editor::new(raw("hello-workers"));
    editor.replace(raw("hello-workers"), None);
    assert!(!editor.can_undo());
    editor.replace(raw("gather"), Some("gather"));
    assert_eq!(editor.draft().origin(), Some("gather"));
    assert!(editor.undo());
    assert_eq!(*editor.raw(), raw("hello-workers"));
}

#[test]
fn changing_a_law_keeps_its_typical_value() {
    let mut editor = Editor::new(raw("hello-workers"));
    editor.set(Field::StepLaw(1, 0), "fixed").unwrap();
    assert_eq!(
        editor.raw().stages[1].steps[0],
        RawStep::Wait(RawDuration::Fixed(1250.0))
    );
    editor.set(Field::StepA(1, 0), "200").unwrap();
    editor.set(Field::StepLaw(1, 0), "uniform").unwrap();
    assert_eq!(
        editor.raw().stages[1].steps[0],
        RawStep::Wait(RawDuration::Uniform {
            min: 100.0,
            max: 300.0
        })
    );
}

#[test]
fn arrow_keys_step_numbers_by_one_and_never_below_zero_for_whole_ones() {
    assert_eq!(nudge(Input::Whole, "3", 1), Some("4".into()));
    assert_eq!(nudge(Input::Whole, "0", -1), Some("0".into()));
    assert_eq!(nudge(Input::Decimal, "1.5", -1), Some("0.5".into()));
    assert_eq!(nudge(Input::Decimal, "-", 1), None);
    assert_eq!(nudge(Input::Text, "3", 1), None);
}
