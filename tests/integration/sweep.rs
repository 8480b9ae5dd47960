//! Sweeps over workers, capacity and durations, with lower bounds.

use interleave::bounds::{Limit, lower_bounds};
use interleave::insight::describe::bound_sentence;
use interleave::sweep::{Parameter, sweep, with_value};

use super::{checked, raw};

#[test]
fn bounds_name_what_limits_each_preset() {
    let bound = |id: &str| lower_bounds(&checked(&raw(id))).best;
    // Five 5 s waits on five workers: one item's path is the limit.
    assert_eq!(bound("gather").0, 5_000_000);
    // One worker does all five waits in a row.
    assert_eq!(bound("sequential"), (25_000_000, Limit::Stage(1)));
    // All the blocking work is done by the one loop.
    assert_eq!(bound("await-then-block"), (12_500_000, Limit::Loop));
    // The semaphore's ten permits serve 20 downloads of 174 ms.
    assert_eq!(bound("semaphore-limit"), (348_000, Limit::Resource(0)));
    // The producers: 40 items of U(0, 0.5) s shared by 2 workers.
    assert_eq!(bound("producer-consumer").1, Limit::Stage(1));
    let scenario = checked(&raw("await-then-block"));
    assert_eq!(
        bound_sentence(&scenario, &lower_bounds(&scenario)),
        "No run can beat 12.5 s: that is all the blocking work, and the loop does it one step at a time."
    );
}

#[test]
fn every_preset_respects_its_bound() {
    for preset in interleave::presets::PRESETS {
        let scenario = checked(&preset.raw().unwrap());
        let report = interleave::report::Report::run(&scenario, interleave::engine::Mode::Async);
        let bound = lower_bounds(&scenario).best.0 as f64 / 1000.0;
        assert!(
            report.makespan_ms >= bound,
            "{}: {} < {}",
            preset.id,
            report.makespan_ms,
            bound
        );
    }
}

#[test]
fn sweeping_producer_consumer_shows_where_consumers_stop_helping() {
    let values: Vec<f64> = (1..=8).map(f64::from).collect();
    let points = sweep(
        &raw("producer-consumer"),
        Parameter::Workers { stage: 1 },
        &values,
    )
    .unwrap();
    let times: Vec<f64> = points.iter().map(|p| p.makespan_ms).collect();
    assert!(times.windows(2).take(3).all(|w| w[1] < w[0]), "{times:?}");
    assert!(times[3..].iter().all(|&t| t == times[3]), "{times:?}");
    assert!(points.iter().all(|p| p.makespan_ms >= p.bound_ms));
    assert!(
        points
            .iter()
            .all(|p| p.sync_makespan_ms == points[0].sync_makespan_ms)
    );
}

#[test]
fn capacity_and_duration_sweeps() {
    let points = sweep(
        &raw("hello-jitter"),
        Parameter::Capacity { stage: 1 },
        &[0.0, 1.0],
    )
    .unwrap();
    assert_eq!(points.len(), 2);
    let points = sweep(
        &raw("gather"),
        Parameter::Duration { stage: 1, step: 0 },
        &[1000.0, 2000.0],
    )
    .unwrap();
    let times: Vec<f64> = points.iter().map(|p| p.makespan_ms).collect();
    assert_eq!(times, [1000.0, 2000.0]);
    let error = with_value(
        &raw("semaphore-limit"),
        Parameter::Duration { stage: 1, step: 0 },
        1.0,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "sweep.step: cannot be read: step 0 of stage download has no duration"
    );
    let error = sweep(&raw("gather"), Parameter::Workers { stage: 1 }, &[1.5])
        .unwrap_err()
        .to_string();
    assert_eq!(error, "sweep.values: must be a whole number, got 1.5");
    let error = sweep(&raw("gather"), Parameter::Workers { stage: 1 }, &[0.0])
        .unwrap_err()
        .to_string();
    assert_eq!(error, "stages[1].workers: must be 1..=1000, got 0");
    assert!(sweep(&raw("gather"), Parameter::Workers { stage: 9 }, &[1.0]).is_err());
    assert!(sweep(&raw("gather"), Parameter::Workers { stage: 1 }, &[]).is_err());
}

#[test]
fn sweep_values_read_as_typed() {
    use interleave::sweep::parse_values;
    let read = |text: &str| parse_values(text, |t| t.parse().ok());
    assert_eq!(read("1..4"), Ok(vec![1.0, 2.0, 3.0, 4.0]));
    assert_eq!(read("1, 2, 4,8"), Ok(vec![1.0, 2.0, 4.0, 8.0]));
    assert_eq!(read("0..1 step 0.25"), Ok(vec![0.0, 0.25, 0.5, 0.75, 1.0]));
    assert_eq!(read("0..0.3 step 0.1"), Ok(vec![0.0, 0.1, 0.2, 0.3]));
    assert_eq!(read("1..3, 8, 16"), Ok(vec![1.0, 2.0, 3.0, 8.0, 16.0]));
    assert_eq!(read("1..16").map(|v| v.len()), Ok(16));
    assert!(read("").unwrap_err().contains("enter values"));
    assert!(read("1..x").unwrap_err().contains("\"x\" is not a number"));
    assert!(read("-1").unwrap_err().contains("≥ 0"));
    assert!(read("4..1").unwrap_err().contains("backwards"));
    assert!(read("1..2 step 0").unwrap_err().contains("step"));
    assert!(read("1..100").unwrap_err().contains("at most 64"));
    assert!(read(&"1,".repeat(65)).unwrap_err().contains("at most 64"));
}

#[test]
fn sweep_parameters_and_their_first_values() {
    use interleave::sweep::{default_values, parameter_label, parameters};
    let downloads = raw("parallel-downloads");
    let list = parameters(&downloads);
    assert_eq!(list[0], Parameter::Workers { stage: 0 });
    assert!(list.contains(&Parameter::Capacity { stage: 1 }));
    assert!(
        !list.contains(&Parameter::Capacity { stage: 0 }),
        "the source has no queue"
    );
    let detail = Parameter::Workers { stage: 1 };
    assert_eq!(parameter_label(&downloads, detail), "workers of detail");
    assert_eq!(default_values(&downloads, detail), "1..16");
    let duration = *list
        .iter()
        .find(|p| matches!(p, Parameter::Duration { stage: 1, .. }))
        .unwrap();
    assert!(parameter_label(&downloads, duration).ends_with("(wait) duration, ms"));
    // 128 ms detail calls: 0 to 256 ms in quarters.
    assert_eq!(default_values(&downloads, duration), "0..256 step 32");
    assert_eq!(
        default_values(&downloads, Parameter::Capacity { stage: 1 }),
        "0..8"
    );
    let mut many = downloads.clone();
    many.stages[1].workers = 100;
    assert_eq!(default_values(&many, detail), "1..100 step 7");
    // Every default is readable and within the point limit.
    for preset in interleave::presets::PRESETS {
        let raw = raw(preset.id);
        for parameter in parameters(&raw) {
            let text = default_values(&raw, parameter);
            let values = interleave::sweep::parse_values(&text, |t| t.parse().ok())
                .unwrap_or_else(|e| panic!("{}: {text}: {e}", preset.id));
            assert!(
                sweep(&raw, parameter, &values).is_ok(),
                "{}: {text}",
                preset.id
            );
        }
    }
}

#[test]
fn what_sets_a_bound_in_a_few_words() {
    use interleave::insight::describe::limit;
    let named = |id: &str| {
        let scenario = checked(&raw(id));
        limit(&scenario, lower_bounds(&scenario).best.1)
    };
    assert_eq!(named("sequential"), "stage myproc");
    assert_eq!(named("await-then-block"), "the loop (all blocking work)");
    assert_eq!(named("semaphore-limit"), "semaphore \"limit\"");
    // gather with more workers than items: one item's wait is the limit.
    let mut wide = raw("gather");
    wide.stages[1].workers = 10;
    let scenario = checked(&wide);
    assert_eq!(
        limit(&scenario, lower_bounds(&scenario).best.1),
        "item 1's own path"
    );
}
