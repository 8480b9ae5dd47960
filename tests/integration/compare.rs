//! A/B comparison: pairs of presets, difference rows, two-sided links.

use interleave::compare::compare;
use interleave::link::{Side, from_link_side, to_query_pair};
use interleave::presets::{PAIRS, find, partner};

use super::{raw, report};

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
fn both_sides_travel_in_one_link() {
    let a = raw("sequential");
    let mut b = raw("gather");
    let query = to_query_pair(&a, Some("sequential"), Some((&b, Some("gather"))));
    assert_eq!(query, "preset=sequential&b_preset=gather");
    assert_eq!(from_link_side(&query, Side::A).unwrap(), Some(a.clone()));
    assert_eq!(from_link_side(&query, Side::B).unwrap(), Some(b.clone()));
    b.stages[1].workers = 2;
    let query = to_query_pair(&a, Some("sequential"), Some((&b, None)));
    assert!(query.starts_with("preset=sequential&b_s=1."), "{query}");
    assert_eq!(from_link_side(&query, Side::B).unwrap(), Some(b));
    assert_eq!(from_link_side("preset=gather", Side::B).unwrap(), None);
    let error = from_link_side("preset=gather&b_s=1.AAA", Side::B).unwrap_err();
    assert_eq!(error.field(), "link.b_s");
    let error = from_link_side("preset=gather&b_preset=nope", Side::B).unwrap_err();
    assert_eq!(error.field(), "link.b_preset");
}
