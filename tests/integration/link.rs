//! Share by URL: round trips and malformed links.

use interleave::link::{decode, encode, from_link, to_query};
use interleave::presets::PRESETS;

use super::raw;

#[test]
fn presets_round_trip_and_stay_short() {
    for preset in PRESETS {
        let scenario = preset.raw().unwrap();
        let payload = encode(&scenario);
        assert_eq!(decode(&payload).unwrap(), scenario, "{}", preset.id);
        let query = format!("s={payload}");
        assert!(
            query.len() < 300,
            "{}: {} characters",
            preset.id,
            query.len()
        );
        assert_eq!(from_link(&query).unwrap(), Some(scenario.clone()));
    }
}

#[test]
fn unchanged_presets_link_by_id() {
    let scenario = raw("hello-workers");
    assert_eq!(
        to_query(&scenario, Some("hello-workers")),
        "preset=hello-workers"
    );
    let mut reseeded = scenario.clone();
    reseeded.seed = 9;
    assert_eq!(
        to_query(&reseeded, Some("hello-workers")),
        "preset=hello-workers&seed=9"
    );
    assert_eq!(
        from_link("https://example.org/?preset=hello-workers&seed=9").unwrap(),
        Some(reseeded.clone())
    );
    let mut edited = scenario;
    edited.stages[1].workers = 2;
    assert!(to_query(&edited, Some("hello-workers")).starts_with("s=1."));
}

#[test]
fn malformed_links_name_what_is_wrong() {
    let payload = encode(&raw("gather"));
    // Cut at a base64 quantum so the text still decodes, to bytes that end early.
    let data_len = payload.len() - 2;
    let truncated = &payload[..2 + (data_len / 4 - 1) * 4];
    let cases = [
        (
            format!("?s={truncated}"),
            "link.s: cannot be read: truncated or corrupt",
        ),
        (
            "?s=2.AAAA".to_string(),
            "link.s: cannot be read: link format 2 is not supported",
        ),
        (
            "?s=hello".to_string(),
            "link.s: cannot be read: missing the format version",
        ),
        (
            "?s=1.!!!".to_string(),
            "link.s: cannot be read: not base64url",
        ),
        (
            "?preset=nope".to_string(),
            "link.preset: cannot be read: no preset named \"nope\"",
        ),
        (
            "?preset=gather&seed=x".to_string(),
            "link.seed: cannot be read: \"x\" is not a whole number",
        ),
    ];
    for (link, want) in cases {
        let error = from_link(&link).unwrap_err().to_string();
        assert!(error.starts_with(want), "{link}: {error}");
    }
    assert_eq!(from_link("https://example.org/").unwrap(), None);
    assert!(from_link(&"a".repeat(20_000)).is_err());
}

#[test]
fn out_of_range_links_decode_but_do_not_validate() {
    let mut scenario = raw("gather");
    scenario.stages[1].workers = 0;
    let decoded = from_link(&format!("s={}", encode(&scenario)))
        .unwrap()
        .unwrap();
    assert_eq!(
        decoded.validate().unwrap_err().to_string(),
        "stages[1].workers: must be 1..=1000, got 0"
    );
}
