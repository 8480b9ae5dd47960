//! Every preset reproduces its seed article, one test per preset id.

use interleave::driver::simulate;
use interleave::engine::{Mode, Outcome};
use interleave::presets::PRESETS;
use interleave::report::{Report, StageReport};
use interleave::stats::makespan;
use interleave::sweep::sweep_workers;
use interleave::trace::EventKind;

use super::{assert_close, checked, done_ms, raw, report, report_with};

/// Per item, in input order, a time of its visit to `stage`.
fn stage_ms(report: &Report, stage: &str, time: fn(&StageReport) -> Option<f64>) -> Vec<f64> {
    report
        .items
        .iter()
        .map(|item| {
            item.stages
                .iter()
                .find(|s| s.stage == stage)
                .and_then(time)
                .expect("item passed the stage")
        })
        .collect()
}

fn stage_put_ms(report: &Report, stage: &str) -> Vec<f64> {
    stage_ms(report, stage, |s| s.put_ms)
}

fn stage_got_ms(report: &Report, stage: &str) -> Vec<f64> {
    stage_ms(report, stage, |s| Some(s.got_ms))
}

#[test]
fn every_preset_is_valid_and_completes() {
    for preset in PRESETS {
        let scenario = preset
            .scenario()
            .unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        let run = simulate(&scenario, Mode::Async);
        assert_eq!(run.outcome, Outcome::Completed, "{}", preset.id);
        let from_json: interleave::scenario::RawScenario =
            serde_json::from_str(preset.json).unwrap();
        assert_eq!(
            from_json,
            preset.raw().unwrap(),
            "{}: binary = JSON",
            preset.id
        );
        assert!(
            !preset.title.is_empty() && preset.look_for.len() > 40,
            "{}",
            preset.id
        );
    }
}

#[test]
fn hello_pipeline() {
    let report = report("hello-pipeline");
    assert_eq!(report.output_text(), "HELLO");
    // A sends all five letters before B processes any, and B all before C.
    let a_put = stage_put_ms(&report, "A");
    let b_got = stage_got_ms(&report, "B");
    let b_put = stage_put_ms(&report, "B");
    let c_got = stage_got_ms(&report, "C");
    assert_eq!(report.makespan_ms, 0.0);
    let trace_order = order_of_events(&report);
    let last_a_put = trace_order.iter().rposition(|e| e.0 == "A").unwrap();
    let first_b = trace_order.iter().position(|e| e.0 == "B").unwrap();
    let last_b = trace_order.iter().rposition(|e| e.0 == "B").unwrap();
    let first_c = trace_order.iter().position(|e| e.0 == "C").unwrap();
    assert!(last_a_put < first_b, "{trace_order:?}");
    assert!(last_b < first_c, "{trace_order:?}");
    assert!(
        a_put
            .iter()
            .chain(&b_got)
            .chain(&b_put)
            .chain(&c_got)
            .all(|&t| t == 0.0)
    );
}

/// (stage, item) of every put, in trace order.
fn order_of_events(report: &Report) -> Vec<(String, u32)> {
    let scenario = checked(&report.scenario);
    let run = simulate(&scenario, Mode::Async);
    run.trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Put { item, task } => {
                let stage = run.trace.tasks[task as usize].stage as usize;
                Some((scenario.stages[stage].name.clone(), item))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn hello_jitter() {
    let report = report("hello-jitter");
    assert_eq!(report.output_text(), "HELLO");
    // Delays as in the article: A 0.1 + U(0, 0.5) s, B 1 + U(0, 0.5) s per letter.
    let makespan = report.makespan_ms;
    assert!((5_000.0..=8_100.0).contains(&makespan), "{makespan}");
    for seed in 0..20 {
        let other = report_with("hello-jitter", |s| s.seed = seed);
        assert_eq!(other.output_text(), "HELLO", "seed {seed}");
    }
}

#[test]
fn hello_workers() {
    let report = report("hello-workers");
    assert_eq!(report.output_text(), "HELOL");
    assert_eq!(report.stats.inversions, 1);
    // B1 H, B2 E, B3 L, B2 O, B1 L, as printed in the article.
    let mut by_finish: Vec<_> = report
        .items
        .iter()
        .map(|item| {
            let b = item.stages.iter().find(|s| s.stage == "B").unwrap();
            (b.put_ms.unwrap(), b.worker + 1, item.label.clone())
        })
        .collect();
    by_finish.sort_by(|a, b| a.0.total_cmp(&b.0));
    let sequence: Vec<_> = by_finish
        .iter()
        .map(|(_, w, l)| format!("B{w}{l}"))
        .collect();
    assert_eq!(sequence, ["B1H", "B2E", "B3L", "B2O", "B1L"]);
}

#[test]
fn parallel_downloads() {
    let points = sweep_workers(&raw("parallel-downloads"), "detail", &[1, 2, 4, 8, 16]).unwrap();
    let article = [1.03, 2.03, 3.94, 7.44, 10.3];
    for (point, want) in points.iter().zip(article) {
        assert_close(
            point.speedup,
            want,
            0.15,
            &format!("speedup at {}", point.value),
        );
    }
    let times: Vec<f64> = points.iter().map(|p| p.makespan_ms).collect();
    assert_eq!(times, [13_000.0, 6_600.0, 3_400.0, 1_864.0, 1_352.0]);
    // The drop-off after 8 is the API's limit of 12 concurrent requests:
    // without it, 16 workers take 0.2 s + 7 rounds of 0.128 s.
    let mut unlimited = raw("parallel-downloads");
    unlimited.resources[0].permits = 1000;
    let points = sweep_workers(&unlimited, "detail", &[16]).unwrap();
    assert_eq!(points[0].makespan_ms, 1_096.0);
}

#[test]
fn say_after_sequential() {
    let report = report("say-after-sequential");
    assert_eq!(report.makespan_ms, 3_000.0);
    assert_eq!(done_ms(&report), [1_000.0, 3_000.0]);
}

#[test]
fn say_after_tasks() {
    let report = report("say-after-tasks");
    assert_eq!(report.makespan_ms, 2_000.0);
    assert_eq!(done_ms(&report), [1_000.0, 2_000.0]);
}

#[test]
fn producer_consumer() {
    let one = report("producer-consumer");
    let three = report_with("producer-consumer", |s| s.stages[1].workers = 3);
    let sync = Report::run(&checked(&raw("producer-consumer")), Mode::Sync);
    assert!(one.makespan_ms < sync.makespan_ms, "async beats sync");
    assert!(three.makespan_ms < one.makespan_ms, "3 consumers beat 1");
    assert_eq!(one.makespan_ms, 20_040.651);
    assert_eq!(three.makespan_ms, 7_040.651);
    assert_eq!(sync.makespan_ms, one.stats.sync_makespan_ms);
    // Past 4 consumers the producers are the bottleneck.
    let points = sweep_workers(&raw("producer-consumer"), "consume", &[4, 5, 8]).unwrap();
    assert!(
        points
            .iter()
            .all(|p| p.makespan_ms == points[0].makespan_ms)
    );
}

#[test]
fn gather() {
    let report = report("gather");
    assert_eq!(report.makespan_ms, 5_000.0);
    assert_eq!(done_ms(&report), [5_000.0; 5]);
}

#[test]
fn sequential() {
    let report = report("sequential");
    assert_eq!(report.makespan_ms, 25_000.0);
    assert_eq!(
        done_ms(&report),
        [5_000.0, 10_000.0, 15_000.0, 20_000.0, 25_000.0]
    );
}

#[test]
fn await_then_block() {
    let report = report("await-then-block");
    assert_eq!(
        done_ms(&report),
        [5_000.0, 7_500.0, 10_000.0, 12_500.0, 15_000.0]
    );
    let sums: Vec<i64> = report.items.iter().map(|i| i.observed["sum"]).collect();
    assert_eq!(sums, [1, 2, 3, 4, 5]);
    assert_eq!(report.makespan_ms, 15_000.0);
    assert_eq!(report.stats.loop_blocked_ms, 12_500.0);
}

#[test]
fn block_then_await() {
    let report = report("block-then-await");
    assert_eq!(
        done_ms(&report),
        [12_500.0, 12_500.0, 12_500.0, 12_500.0, 15_000.0]
    );
    let picked_up = stage_got_ms(&report, "myproc");
    assert_eq!(picked_up, [0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0]);
    let elapsed: Vec<f64> = done_ms(&report)
        .iter()
        .zip(&picked_up)
        .map(|(done, got)| done - got)
        .collect();
    assert_eq!(elapsed, [12_500.0, 10_000.0, 7_500.0, 5_000.0, 5_000.0]);
    assert_eq!(report.makespan_ms, 15_000.0);
    let sums: Vec<i64> = report.items.iter().map(|i| i.observed["sum"]).collect();
    assert_eq!(sums, [5; 5]);
}

#[test]
fn tile_downloads() {
    let report = report("tile-downloads");
    let sync = report.stats.sync_makespan_ms;
    assert_close(sync, 3_545.0, 0.15, "synchronous");
    assert_close(report.makespan_ms, 233.0, 0.15, "concurrent");
    assert_close(report.stats.speedup, 3.545 / 0.233, 0.15, "ratio");
    assert_eq!((sync, report.makespan_ms), (3_540.0, 234.0));
}

#[test]
fn semaphore_limit() {
    let report = report("semaphore-limit");
    let scenario = checked(&raw("semaphore-limit"));
    let run = simulate(&scenario, Mode::Async);
    let mut held = 0i32;
    let mut most = 0;
    for event in &run.trace.events {
        match event.kind {
            EventKind::Acquired { .. } => held += 1,
            EventKind::Released { .. } => held -= 1,
            _ => {}
        }
        most = most.max(held);
    }
    assert_eq!(most, 10, "never more than 10 in flight");
    // Two waves of ten.
    let done = done_ms(&report);
    assert_eq!(&done[..10], [174.0; 10]);
    assert_eq!(&done[10..], [348.0; 10]);
    assert_eq!(makespan(&run), 348_000);
}

#[test]
fn url_fetch() {
    let points = sweep_workers(&raw("url-fetch"), "fetch", &[10, 1000]).unwrap();
    let sequential = report("url-fetch").stats.sync_makespan_ms / 1000.0;
    let (pool, unbounded) = (
        points[0].makespan_ms / 1000.0,
        points[1].makespan_ms / 1000.0,
    );
    // The article: 239 s sequential, 38 s with a pool of 10, 23 s with asyncio.
    assert_close(sequential / pool, 239.0 / 38.0, 0.15, "sequential / pool");
    assert_close(
        sequential / unbounded,
        239.0 / 23.0,
        0.15,
        "sequential / async",
    );
    assert_close(pool / unbounded, 38.0 / 23.0, 0.15, "pool / async");
    assert_eq!(points[1].makespan_ms, 23_989.976);
}

#[test]
fn file_writes_lock() {
    let report = report("file-writes-lock");
    assert!(
        report.makespan_ms > 2.0 * report.stats.sync_makespan_ms,
        "{} vs {}",
        report.makespan_ms,
        report.stats.sync_makespan_ms
    );
    assert_eq!(report.stats.sync_makespan_ms, 20.0);
    assert_eq!(report.makespan_ms, 169.98);
}

#[test]
fn file_writes_batched() {
    let batched = report("file-writes-batched");
    let locked = report("file-writes-lock");
    assert!(batched.makespan_ms < locked.makespan_ms);
    assert!(batched.makespan_ms < batched.stats.sync_makespan_ms);
    assert!(batched.makespan_ms < locked.stats.sync_makespan_ms);
}
