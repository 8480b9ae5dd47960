//! Validation: every bad field is refused with a message naming it.

use interleave::scenario::{RawDuration, RawScenario, RawStep, Scenario};

use super::raw;

fn error_of(edit: impl FnOnce(&mut interleave::scenario::RawScenario)) -> String {
    let mut scenario = raw("hello-workers");
    edit(&mut scenario);
    scenario.validate().map(|_| ()).unwrap_err().to_string()
}

#[test]
fn workers_out_of_range_names_the_field() {
    assert_eq!(
        error_of(|s| s.stages[1].workers = 0),
        "stages[1].workers: must be 1..=1000, got 0"
    );
    assert_eq!(
        error_of(|s| s.stages[2].workers = 1001),
        "stages[2].workers: must be 1..=1000, got 1001"
    );
}

#[test]
fn bad_durations_name_the_field() {
    assert_eq!(
        error_of(|s| s.stages[1].steps[0] = RawStep::Wait(RawDuration::Fixed(-1.0))),
        "stages[1].steps[0].wait.fixed: must be 0..=3600000 ms, got -1"
    );
    assert_eq!(
        error_of(|s| s.stages[1].steps[0] = RawStep::Block(RawDuration::Fixed(f64::NAN))),
        "stages[1].steps[0].block.fixed: must be 0..=3600000 ms, got NaN"
    );
    assert_eq!(
        error_of(|s| {
            s.stages[1].steps[0] = RawStep::Wait(RawDuration::Uniform { min: 5.0, max: 1.0 })
        }),
        "stages[1].steps[0].wait: uniform.min must not exceed uniform.max"
    );
    assert_eq!(
        error_of(|s| s.stages[1].steps[0] = RawStep::Wait(RawDuration::PerItem(vec![]))),
        "stages[1].steps[0].wait.per_item: must not be empty"
    );
    assert_eq!(
        error_of(|s| {
            s.stages[1].steps[0] = RawStep::Wait(RawDuration::Lognormal {
                median: 10.0,
                sigma: 9.0,
            })
        }),
        "stages[1].steps[0].wait.lognormal.sigma: must be 0..=4, got 9"
    );
}

#[test]
fn resources_are_checked() {
    assert_eq!(
        error_of(|s| s.stages[1].steps.push(RawStep::Acquire("db".into()))),
        "stages[1].steps[1].acquire: no semaphore or lock named \"db\""
    );
    let mut scenario = raw("semaphore-limit");
    scenario.stages[1].steps.swap(0, 2);
    assert_eq!(
        scenario.validate().unwrap_err().to_string(),
        "stages[1].steps[0].release: releases \"limit\" without acquiring it first in this stage"
    );
    let mut scenario = raw("file-writes-lock");
    scenario.resources[0].permits = 2;
    assert_eq!(
        scenario.validate().unwrap_err().to_string(),
        "resources[0].permits: must be 1..=1, got 2"
    );
}

#[test]
fn names_items_and_structure_are_checked() {
    assert_eq!(
        error_of(|s| s.stages[2].name = "A".into()),
        "stages[2].name: the name \"A\" is used twice"
    );
    assert_eq!(
        error_of(|s| s.stages[0].name = "  ".into()),
        "stages[0].name: must not be empty"
    );
    assert_eq!(error_of(|s| s.stages.clear()), "stages: must not be empty");
    assert_eq!(
        error_of(|s| s.items = interleave::scenario::RawItems::Text(String::new())),
        "items.text: must not be empty"
    );
    assert_eq!(
        error_of(|s| s.items = interleave::scenario::RawItems::Count(10_001)),
        "items.count: must be 1..=10000, got 10001"
    );
    assert_eq!(
        error_of(|s| s.stages[0].capacity = 3),
        "stages[0].capacity: must be 0 for the source, which has no input queue, got 3"
    );
    assert_eq!(error_of(|s| s.version = 2), "version: must be 1, got 2");
    assert_eq!(
        error_of(|s| {
            for stage in &mut s.stages {
                stage.workers = 1000;
            }
            s.stages.push(s.stages[1].clone());
            s.stages[3].name = "D".into();
            s.stages.push(s.stages[1].clone());
            s.stages[4].name = "E".into();
        }),
        "stages[4].workers: must be at most 4096 workers in all stages together, got 5000"
    );
}

#[test]
fn json_errors_name_the_scenario() {
    let error = Scenario::from_json("{\"version\":1,").unwrap_err();
    assert_eq!(error.field(), "scenario");
    let error = Scenario::from_json(r#"{"version":1,"items":{"count":1},"stages":[],"extra":1}"#)
        .unwrap_err();
    assert!(
        error.to_string().contains("unknown field `extra`"),
        "{error}"
    );
}

#[test]
fn json_round_trips() {
    let scenario = raw("parallel-downloads");
    let text = serde_json::to_string(&scenario).unwrap();
    let back: interleave::scenario::RawScenario = serde_json::from_str(&text).unwrap();
    assert_eq!(back, scenario);
}

#[test]
fn json_errors_name_the_field_path() {
    let error = RawScenario::from_json(
        r#"{"version":1,"items":{"count":3},"stages":[{"name":"a","workers":"x"}]}"#,
    )
    .unwrap_err();
    assert_eq!(error.field(), "stages[0].workers");
    assert!(
        error.to_string().starts_with(
            "stages[0].workers: cannot be read: invalid type: string \"x\", expected u32"
        ),
        "{error}"
    );
    let error = RawScenario::from_json(
        r#"{"version":1,"items":{"count":3},"stages":[{"name":"a","workers":1,"steps":[{"wait":{"fixed":"1"}}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(error.field(), "stages[0].steps[0].wait.fixed");
    let error =
        RawScenario::from_json(r#"{"version":1,"items":{"count":3},"stages":[]} x"#).unwrap_err();
    assert!(error.to_string().contains("trailing characters"), "{error}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let json = interleave::presets::find("gather").unwrap().json;
    let read = RawScenario::from_json(&format!("\u{feff}{json}")).unwrap();
    assert_eq!(read, raw("gather"));
}

#[test]
fn names_refuse_control_characters_and_bidi_overrides() {
    for bad in [
        "a\u{1b}]0;x\u{7}",
        "evil\u{202e}txt",
        "x\u{2066}y",
        "tab\there",
    ] {
        let mut raw = raw("gather");
        raw.stages[1].name = bad.into();
        let error = raw.validate().unwrap_err();
        assert_eq!(error.field(), "stages[1].name", "{bad:?}");
        assert!(error.to_string().contains("must not contain"), "{error}");
    }
    let mut fine = raw("gather");
    fine.stages[1].name = "שלום·é".into();
    assert!(fine.validate().is_ok());
}
