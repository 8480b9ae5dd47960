//! Link fuzzing: malformed payloads never panic and always get a message.
//!
//! At least 400 random payloads a run (a mix of damaged real links, valid
//! deflate streams of garbage, random text and random parameter soups), plus
//! every truncation of a real link. `INTERLEAVE_FUZZ_CASES=N` runs N random
//! payloads instead (e.g. 100 000 before a release).

use std::cell::Cell;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use interleave::link::{LinkError, Side, encode, read};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::raw;

/// Random payloads per run unless `INTERLEAVE_FUZZ_CASES` says otherwise.
const DEFAULT_CASES: u32 = 400;

fn cases() -> u32 {
    std::env::var("INTERLEAVE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// A real link's payload, to damage.
fn real_payload() -> String {
    let mut scenario = raw("url-fetch");
    scenario.seed = 12_345;
    encode(&scenario)
}

/// Malformed `s=` values and whole queries.
fn malformed() -> impl Strategy<Value = String> {
    let real = real_payload();
    let (cut_from, flip_in) = (real.clone(), real.clone());
    prop_oneof![
        // A real payload cut anywhere.
        (0..real.len()).prop_map(move |end| format!("s={}", &cut_from[..end])),
        // A real payload with characters replaced.
        prop::collection::vec((2..real.len(), prop::char::range('-', 'z')), 1..6).prop_map(
            move |edits| {
                let mut chars: Vec<char> = flip_in.chars().collect();
                for (at, c) in edits {
                    chars[at] = c;
                }
                format!("s={}", chars.into_iter().collect::<String>())
            }
        ),
        // A valid deflate stream of random bytes (format 2) or raw bytes (format 1).
        (prop::collection::vec(any::<u8>(), 0..400), any::<bool>()).prop_map(|(bytes, v2)| {
            if v2 {
                let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 6);
                format!("s=2.{}", URL_SAFE_NO_PAD.encode(deflated))
            } else {
                format!("s=1.{}", URL_SAFE_NO_PAD.encode(bytes))
            }
        }),
        // Random text after a version.
        ("[0-9]{0,2}", ".{0,300}").prop_map(|(v, text)| format!("s={v}.{text}")),
        // Parameter soups: repeated, conflicting, side B alone, odd seeds.
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "preset", "seed", "s", "b_preset", "b_seed", "b_s", "x"
                ]),
                prop::sample::select(vec![
                    "gather",
                    "hello-workers",
                    "nope",
                    "-1",
                    "18446744073709551616",
                    "2.AAAA",
                    "1.",
                    "%ZZ",
                    "",
                ]),
            ),
            0..6,
        )
        .prop_map(|pairs| {
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        }),
    ]
}

/// A refused link's message and detail are there and short.
fn check(error: &LinkError) -> Result<(), TestCaseError> {
    let (message, detail) = (error.to_string(), error.detail());
    prop_assert!(!message.is_empty() && message.ends_with('.'), "{message}");
    prop_assert!(message.chars().count() < 400, "{message}");
    prop_assert!(detail.starts_with("link"), "{detail}");
    prop_assert!(detail.chars().count() < 600, "{detail}");
    Ok(())
}

#[test]
fn malformed_links_never_panic_and_always_explain() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let (refused, tried) = (Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&malformed(), |query| {
            tried.set(tried.get() + 1);
            for link in [
                format!("?{query}"),
                format!("https://example.org/?{query}#x"),
            ] {
                for side in [Side::A, Side::B] {
                    if let Err(error) = read(&link, side) {
                        refused.set(refused.get() + 1);
                        check(&error)?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    let (refused, tried) = (refused.get(), tried.get());
    println!("{tried} malformed links tried, {refused} refusals explained");
    assert!(tried >= cases().min(DEFAULT_CASES));
    assert!(refused > tried, "most of them are refused");
}

#[test]
fn every_truncation_of_a_real_link_is_explained() {
    let payload = real_payload();
    for end in 0..payload.len() {
        let link = format!("?s={}", &payload[..end]);
        let error = read(&link, Side::A).expect_err(&link);
        check(&error).unwrap();
    }
}
