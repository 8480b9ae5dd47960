//! What the page opens with (its address read into a scenario), and numbers
//! read as typed: the page's pure logic, natively.

use interleave::format::{parse_f64, same_number};
use interleave::opening::initial_from;
use interleave::presets;

#[test]
fn bad_links_name_the_problem_and_fall_back_to_the_default() {
    let default = presets::find("hello-workers").unwrap().raw().unwrap();
    let mut edited = default.clone();
    edited.seed = 99;
    edited.stages[0].name = "source".into();
    let full = interleave::link::to_query(&edited, None);
    let truncated = format!("http://x/?{}", &full[..full.len() / 2]);
    let cases = [
        ("http://x/?preset=nope", "link.preset"),
        (truncated.as_str(), "link.s"),
        ("http://x/?s=9.AAAA", "link format 9"),
        ("http://x/?preset=hello-workers&seed=x", "link.seed"),
    ];
    for (href, named) in cases {
        let initial = initial_from(href);
        let (message, detail) = initial.error.unwrap_or_else(|| panic!("{href} is refused"));
        assert!(detail.contains(named), "{href}: {detail}");
        assert!(message.contains("Showing the default example"), "{message}");
        assert!(!message.contains("link."), "plain words: {message}");
        assert_eq!(initial.raw, default);
    }
    let mut big = default.clone();
    big.stages[1].workers = 5000;
    let href = format!("http://x/?{}", interleave::link::to_query(&big, None));
    let (message, detail) = initial_from(&href).error.expect("out of range");
    assert!(
        message.contains("Stage 2 (B): workers must be between 1 and 1000 (got 5000)."),
        "{message}"
    );
    assert_eq!(detail, "stages[1].workers: must be 1..=1000, got 5000");
    assert!(initial_from("http://x/").error.is_none());
    // Conflicting parameters name both; side B alone is refused; a bad side B
    // keeps side A.
    let (message, _) = initial_from("http://x/?preset=hello-workers&preset=gather")
        .error
        .expect("twice");
    assert!(message.contains("preset= twice"), "{message}");
    let (message, _) = initial_from("http://x/?b_preset=gather")
        .error
        .expect("B alone");
    assert!(message.contains("no side A"), "{message}");
    let half_b = initial_from("http://x/?preset=gather&b_preset=nope");
    assert_eq!(half_b.preset, Some("gather"));
    assert!(half_b.b.is_none());
    assert!(
        half_b
            .error
            .expect("bad B")
            .0
            .contains("Showing side A alone")
    );
    // Parameters of the page, not of the scenario, are left alone.
    let other = initial_from(
        "http://x/?preset=gather&v_tab=scrub&perfetto=http%3A%2F%2F127.0.0.1%3A9001%2F",
    );
    assert!(other.error.is_none(), "{:?}", other.error);
    assert_eq!(other.preset, Some("gather"));
    let reseeded = initial_from("http://x/?preset=gather&seed=7");
    assert_eq!(reseeded.preset, Some("gather"));
    assert_eq!(reseeded.raw.seed, 7);
}

#[test]
fn numbers_read_as_typed_without_core_float_parsing() {
    let cases = [
        ("1.5", Some(1.5)),
        ("  42 ", Some(42.0)),
        ("-0.25", Some(-0.25)),
        ("+3", Some(3.0)),
        ("1.", Some(1.0)),
        (".5", Some(0.5)),
        ("007", Some(7.0)),
        ("1e3", Some(1000.0)),
        ("2.5E-1", Some(0.25)),
        ("", None),
        ("-", None),
        (".", None),
        ("1e", None),
        ("abc", None),
        ("1,5", None),
        ("1e999", None),
    ];
    for (text, want) in cases {
        assert_eq!(parse_f64(text), want, "{text:?}");
    }
    assert!(same_number("1.", "1"));
    assert!(same_number("01", "1"));
    assert!(!same_number("1.5", "1"));
}
