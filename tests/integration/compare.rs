//! A/B comparison: pairs of presets, difference rows, two-sided links.

use interleave::compare::{compare, synchronous};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::link::{Side, from_link_side, to_query_pair};
use interleave::presets::{PAIRS, find, partner};
use interleave::stats::makespan;

use super::{checked, raw, report};

#[test]
fn pairs_name_existing_presets() {
    for &(a, b) in PAIRS {
        assert!(find(a).is_some() && find(b).is_some(), "{a} / {b}");
        assert_eq!(partner(a), Some(b));
        assert_eq!(partner(b), Some(a));
    }
    assert_eq!(partner("hello-workers"), None);
}

#[test]
fn comparison_rows_of_await_then_block_against_block_then_await() {
    let rows = compare(&report("await-then-block"), &report("block-then-await"));
    let row = |label: &str| rows.iter().find(|r| r.label == label).unwrap();
    assert_eq!(row("makespan").change, "same");
    assert_eq!(row("makespan").a, "15.000 s");
    assert_eq!(row("latency p50").a, "10.000 s");
    assert_eq!(row("latency p50").b, "12.500 s");
    assert_eq!(row("latency p50").change, "+25%");
    assert_eq!(row("ready (lag)").b, "40.000 s");
    assert_eq!(row("output order").change, "same");
    let rows = compare(&report("sequential"), &report("gather"));
    assert_eq!(rows[0].change, "−80%");
}

#[test]
fn a_long_output_order_is_shortened_in_its_cell() {
    let rows = compare(&report("file-writes-lock"), &report("file-writes-batched"));
    let order = rows.iter().find(|r| r.label == "output order").unwrap();
    // 1000 labels would fill a page: the first 40 characters.
    assert_eq!(order.a, "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16…");
    assert_eq!(order.b, "0123456789");
    assert_eq!(order.change, "differs");
}

#[test]
fn both_sides_travel_in_one_link() {
    let a = raw("sequential");
    let mut b = raw("gather");
    let query = to_query_pair(&a, Some("sequential"), Some((&b, Some("gather"))));
    assert_eq!(query, "preset=sequential&b_preset=gather");
    assert_eq!(from_link_side(&query, Side::A).unwrap(), Some(a.clone()));
    assert_eq!(from_link_side(&query, Side::B).unwrap(), Some(b.clone()));
    b.stages[1].workers = 2;
    let query = to_query_pair(&a, Some("sequential"), Some((&b, None)));
    assert!(query.starts_with("preset=sequential&b_s=2."), "{query}");
    assert_eq!(from_link_side(&query, Side::B).unwrap(), Some(b));
    assert_eq!(from_link_side("preset=gather", Side::B).unwrap(), None);
    let error = from_link_side("preset=gather&b_s=1.AAA", Side::B).unwrap_err();
    assert_eq!(error.field(), "link.b_s");
    let error = from_link_side("preset=gather&b_preset=nope", Side::B).unwrap_err();
    assert_eq!(error.field(), "link.b_preset");
}

#[test]
fn the_synchronous_scenario_runs_like_the_synchronous_baseline() {
    for preset in interleave::presets::PRESETS {
        let original = checked(&raw(preset.id));
        let sync = checked(&synchronous(&original.raw));
        let baseline = simulate(&original, Mode::Sync);
        let as_written = simulate(&sync, Mode::Async);
        assert_eq!(makespan(&as_written), makespan(&baseline), "{}", preset.id);
        let report = |run| {
            let (_, output) = interleave::stats::item_records(&original, &run);
            output
        };
        assert_eq!(
            report(as_written.trace),
            report(baseline.trace),
            "{}: output order",
            preset.id
        );
        // Nothing is left to make faster: its own baseline is itself.
        assert_eq!(synchronous(&sync.raw), sync.raw, "{}", preset.id);
    }
    // Yields and racy increments have blocking equivalents too.
    let mut raw = raw("hello-workers");
    raw.loop_overhead_us = 40;
    raw.stages[1]
        .steps
        .insert(0, interleave::scenario::RawStep::Yield);
    raw.stages[1]
        .steps
        .push(interleave::scenario::RawStep::Increment {
            counter: "c".into(),
            wait: interleave::scenario::RawDuration::Fixed(5.0),
        });
    raw.stages[1]
        .steps
        .push(interleave::scenario::RawStep::Read("c".into()));
    let original = checked(&raw);
    let sync = checked(&synchronous(&raw));
    assert_eq!(sync.raw.loop_overhead_us, 0);
    let baseline = interleave::report::Report::run(&original, Mode::Sync);
    let as_written = interleave::report::Report::run(&sync, Mode::Async);
    assert_eq!(as_written.makespan_ms, baseline.makespan_ms);
    let reads = |r: &interleave::report::Report| -> Vec<i64> {
        r.items.iter().map(|i| i.observed["c"]).collect()
    };
    assert_eq!(reads(&as_written), reads(&baseline));
    assert_eq!(reads(&baseline), [1, 2, 3, 4, 5], "no update lost");
}

#[test]
fn previews_compare_like_full_reports() {
    use interleave::presets::PAIRS;
    use interleave::preview::Preview;
    for &(a, b) in PAIRS {
        let preview = |id: &str| Preview::simulate(checked(&raw(id)));
        assert_eq!(
            compare(&preview(a).summary(), &preview(b).summary()),
            compare(&report(a), &report(b)),
            "{a} / {b}"
        );
    }
}
