//! Engine throughput: trace events simulated per second, natively.
//!
//! `cargo bench --bench engine` measures one virtual run of a four-stage
//! pipeline that records over a million trace events; criterion prints the
//! rate as `thrpt: … Melem/s` (elements are trace events). The README's
//! performance section quotes it; the target is ≥ 10 M events/s. A second
//! benchmark times the sweep view's 16-point sweep (target ≤ 50 ms), a third
//! the insight views on a 4 000-item `url-fetch` (blame, stage orders, the
//! loop state at a playhead, the insight sentences).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::presets::find;
use interleave::scenario::Scenario;
use interleave::sweep::Parameter;

/// 10 000 items through a source, a parsing stage with blocking work, a
/// fetching stage behind a semaphore, and store and index stages behind
/// bounded queues, with shared counters, then an emit stage that yields often.
const PIPELINE: &str = r#"{"version":1,"seed":42,"items":{"count":10000},
    "resources":[{"name":"pool","kind":"semaphore","permits":8}],
    "stages":[
    {"name":"source","workers":2,"steps":[{"wait":{"exponential":{"mean":1}}}]},
    {"name":"parse","workers":16,"capacity":64,"steps":[{"block":{"fixed":0.02}},{"wait":{"uniform":{"min":1,"max":3}}}]},
    {"name":"fetch","workers":32,"capacity":64,"steps":[{"acquire":"pool"},{"wait":{"lognormal":{"median":2,"sigma":0.8}}},{"release":"pool"},"yield"]},
    {"name":"store","workers":4,"capacity":16,"steps":[{"wait":{"fixed":0.5}},{"add":{"counter":"stored","amount":1}},"yield"]},
    {"name":"index","workers":8,"capacity":32,"steps":["yield",{"wait":{"fixed":0.2}},{"read":"stored"},"yield",{"increment":{"counter":"indexed","wait":{"fixed":0.1}}},"yield"]},
    {"name":"emit","workers":8,"capacity":32,"steps":[{"wait":{"fixed":0.1}},"yield","yield","yield","yield",{"wait":{"fixed":0.1}},"yield","yield","yield","yield",{"wait":{"fixed":0.1}},"yield","yield"]}]}"#;

fn engine(c: &mut Criterion) {
    let scenario = Scenario::from_json(PIPELINE).expect("the benchmark scenario is valid");
    let events = simulate(&scenario, Mode::Async).trace.events.len();
    assert!(events >= 1_000_000, "only {events} events");
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(events as u64));
    group.sample_size(10);
    group.bench_function(format!("simulate {events} events"), |b| {
        b.iter(|| simulate(&scenario, Mode::Async))
    });
    group.finish();
}

/// The sweep view's workload: `parallel-downloads` at 1..=16 detail workers,
/// each point a virtual run plus its synchronous baseline (target ≤ 50 ms).
fn sweep(c: &mut Criterion) {
    let preset = find("parallel-downloads").expect("the preset exists");
    let raw = preset.raw().expect("the preset parses");
    let values: Vec<f64> = (1..=16).map(f64::from).collect();
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("parallel-downloads, 16 points", |b| {
        b.iter(|| interleave::sweep::sweep(&raw, Parameter::Workers { stage: 1 }, &values))
    });
    group.finish();
}

/// The Explain panel's work on a large run: `url-fetch` with 4 000 items.
fn insight(c: &mut Criterion) {
    use interleave::insight::{blame, ordering, scrub, sentences};
    let preset = find("url-fetch").expect("the preset exists");
    let mut raw = preset.raw().expect("the preset parses");
    raw.items = interleave::scenario::RawItems::Count(4000);
    let scenario = raw.validate().expect("valid");
    let run = simulate(&scenario, Mode::Async);
    let stats = interleave::stats::Stats::of(&scenario, &run, 0);
    let points = scrub::Points::new(&run.trace);
    let at = points.at(points.bounds().1 / 50);
    let mut group = c.benchmark_group("insight");
    group.sample_size(10);
    group.bench_function("url-fetch 4000 items: blame (12 worst)", |b| {
        b.iter(|| blame::worst_blocks(&run.trace, 12))
    });
    group.bench_function("url-fetch 4000 items: stage orders", |b| {
        b.iter(|| ordering::stage_orders(&scenario, &run.trace))
    });
    group.bench_function("url-fetch 4000 items: loop state", |b| {
        b.iter(|| scrub::state_after(&scenario, &run.trace, at))
    });
    group.bench_function("url-fetch 4000 items: insight sentences", |b| {
        let (worst, _) = blame::worst_blocks(&run.trace, 1);
        b.iter(|| sentences::findings(&scenario, &stats, &run.outcome, &run.trace, worst.first()))
    });
    group.finish();
}

criterion_group!(benches, engine, sweep, insight);
criterion_main!(benches);
