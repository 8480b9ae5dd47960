//! Share by URL: round trips, format 1 links, malformed and conflicting links, messages.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use interleave::limits::MAX_LINK_LEN;
use interleave::link::{Side, decode, encode, from_link, read, to_query};
use interleave::presets::PRESETS;
use interleave::scenario::ScenarioError;

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
    assert!(to_query(&edited, Some("hello-workers")).starts_with("s=2."));
}

#[test]
fn malformed_links_name_what_is_wrong() {
    // Cut at a base64 quantum so the text still decodes, to bytes that end early.
    let cut = |payload: String| payload[..2 + ((payload.len() - 2) / 4 - 1) * 4].to_string();
    let v1 = format!(
        "1.{}",
        URL_SAFE_NO_PAD.encode(postcard::to_allocvec(&raw("gather")).unwrap())
    );
    let cases = [
        (
            format!("?s={}", cut(v1)),
            "link.s: cannot be read: truncated or corrupt",
        ),
        (
            format!("?s={}", cut(encode(&raw("gather")))),
            "link.s: cannot be read: not deflate data",
        ),
        (
            "?s=3.AAAA".to_string(),
            "link.s: cannot be read: link format 3 is not supported",
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
    assert!(from_link(&"a".repeat(MAX_LINK_LEN + 1)).is_err());
}

#[test]
fn format_1_links_still_open() {
    for preset in PRESETS {
        let scenario = preset.raw().unwrap();
        let v1 = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(postcard::to_allocvec(&scenario).unwrap())
        );
        assert_eq!(decode(&v1).unwrap(), scenario, "{}", preset.id);
        assert_eq!(
            from_link(&format!("http://x/?s={v1}")).unwrap(),
            Some(scenario)
        );
    }
    assert!(encode(&raw("gather")).starts_with("2."));
}

/// The message and the detail of reading `link`'s `side`, which must fail.
fn refused(link: &str, side: Side) -> (String, String) {
    let error = read(link, side).expect_err(link);
    (error.to_string(), error.detail())
}

#[test]
fn conflicting_parameters_are_refused_naming_both() {
    let (message, detail) = refused("?preset=hello-workers&preset=gather", Side::A);
    assert_eq!(
        message,
        "This link gives preset= twice (\"hello-workers\" and \"gather\"); keep one."
    );
    assert_eq!(
        detail,
        "link.preset: given twice: \"hello-workers\" and \"gather\""
    );
    let s = encode(&raw("gather"));
    let (message, _) = refused(&format!("?preset=gather&s={s}"), Side::A);
    assert!(
        message.starts_with("This link gives both preset= (\"gather\") and s="),
        "{message}"
    );
    let (message, _) = refused(&format!("?s={s}&b_s={s}&b_s={s}"), Side::B);
    assert!(
        message.starts_with("This link gives b_s= twice"),
        "{message}"
    );
    // A repeated side B parameter does not spoil side A.
    assert!(read(&format!("?s={s}&b_s={s}&b_s={s}"), Side::A).is_ok());
    let (message, _) = refused("?preset=gather&seed=1&seed=2", Side::A);
    assert!(
        message.contains("seed= twice (\"1\" and \"2\")"),
        "{message}"
    );
    // Unrelated parameters may repeat.
    assert!(read("?preset=gather&x=1&x=2", Side::A).unwrap().is_some());
}

#[test]
fn side_b_without_side_a_gets_a_message() {
    for link in ["?b_preset=gather", "http://x/?b_s=2.AAAA", "?b_seed=3"] {
        for side in [Side::A, Side::B] {
            let (message, detail) = refused(link, side);
            assert!(
                message.starts_with("This link has a side B (b_")
                    && message.contains("but no side A"),
                "{link}: {message}"
            );
            assert!(detail.contains("side B given without side A"), "{detail}");
        }
    }
    let (message, _) = refused("?seed=3", Side::A);
    assert_eq!(
        message,
        "This link gives seed= but no example (preset=) or scenario (s=) to use it with."
    );
    let both = read("?preset=sequential&b_preset=gather", Side::B)
        .unwrap()
        .unwrap();
    assert_eq!((both.raw, both.preset), (raw("gather"), Some("gather")));
}

#[test]
fn echoed_input_is_cut_with_its_length() {
    let long = "x".repeat(10_000);
    let (message, detail) = refused(&format!("?preset={long}"), Side::A);
    let cut = format!("\"{}…(10 000 characters)\"", "x".repeat(40));
    assert_eq!(
        message,
        format!("There is no example named {cut} (preset=).")
    );
    assert_eq!(detail, format!("link.preset: no preset named {cut}"));
    let (message, _) = refused(&format!("?preset=gather&seed={long}"), Side::A);
    assert!(message.len() < 200, "{message}");
    let (message, _) = refused(&format!("?s={long}.AAAA"), Side::A);
    assert!(message.contains("…(10 000 characters)"), "{message}");
    let (message, _) = refused(&"a".repeat(MAX_LINK_LEN + 1), Side::A);
    assert!(
        message.starts_with("This link is 550 193 characters long, more than the 550 192"),
        "{message}"
    );
}

#[test]
fn messages_are_plain_and_details_technical() {
    let payload = encode(&raw("gather"));
    let truncated = &payload[..2 + (payload.len() - 2) / 8 * 4];
    let (message, detail) = refused(&format!("?s={truncated}"), Side::A);
    assert_eq!(
        message,
        "The scenario in s= is damaged or cut short (was the link copied whole?)."
    );
    assert!(detail.starts_with("link.s: not deflate data"), "{detail}");
    let (message, _) = refused("?s=9.AAAA", Side::A);
    assert!(message.contains("link format \"9\""), "{message}");
    let error = read("?s=9.AAAA", Side::A).unwrap_err();
    assert_eq!(error.param(), "s");
    // As a ScenarioError (the CLI's and the page's older path): the detail.
    let as_scenario: ScenarioError = error.into();
    assert_eq!(as_scenario.field(), "link.s");
    assert_eq!(
        as_scenario.to_string(),
        "link.s: cannot be read: link format 9 is not supported (this build reads 1 and 2)"
    );
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
