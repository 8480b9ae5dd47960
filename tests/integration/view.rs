//! The view in the link: round trips, short preset links, and a malformed
//! view parameter falling back to the default view without losing the
//! scenario.

use interleave::link::{self, Side};
use interleave::presets::PRESETS;
use interleave::view::{TabId, ViewError, ViewState, with_view};

fn full_view() -> ViewState {
    ViewState {
        zoom: Some((2_500_000, 7_512_500)),
        item: Some(3),
        tab: Some(TabId::Scrub),
        playhead: Some(6_000_007),
        edit_b: true,
    }
}

#[test]
fn view_params_round_trip() {
    let views = [
        ViewState::default(),
        full_view(),
        ViewState {
            zoom: Some((0, 1)),
            ..ViewState::default()
        },
        ViewState {
            tab: Some(TabId::Compare),
            playhead: Some(0),
            ..ViewState::default()
        },
    ];
    for view in views {
        let params = view.to_params();
        assert_eq!(ViewState::from_params(&params), (view, None), "{params}");
        let link = format!("http://127.0.0.1:8080/?preset=gather&{params}#top");
        assert_eq!(ViewState::from_params(&link), (view, None), "{link}");
    }
    for tab in TabId::ALL {
        assert_eq!(TabId::from_id(tab.id()), Some(tab));
    }
}

#[test]
fn view_params_read_as_written() {
    assert_eq!(ViewState::default().to_params(), "");
    assert_eq!(
        full_view().to_params(),
        "v_zoom=2500-7512.5&v_item=3&v_tab=scrub&v_t=6000.007&v_edit=b"
    );
    let (view, error) = ViewState::from_params("?v_zoom=12.5-40&v_item=0&v_tab=ordering");
    assert_eq!(error, None);
    assert_eq!(view.zoom, Some((12_500, 40_000)));
    assert_eq!(view.item, Some(0));
    assert_eq!(view.tab, Some(TabId::Ordering));
    let (view, error) = ViewState::from_params("?v_future=1&v_edit=a");
    assert_eq!(
        (view, error),
        (ViewState::default(), None),
        "unknown v_ keys are ignored"
    );
}

#[test]
fn a_preset_link_with_a_view_stays_under_300_characters() {
    let base = "https://example.github.io/interleave/";
    for preset in PRESETS {
        let raw = preset.raw().unwrap();
        let partner = interleave::presets::partner(preset.id).unwrap_or("gather");
        let b = interleave::presets::find(partner).unwrap().raw().unwrap();
        let query = link::to_query_pair(&raw, Some(preset.id), Some((&b, Some(partner))));
        let url = format!("{base}?{}", with_view(&query, &full_view()));
        assert!(url.len() < 300, "{} characters: {url}", url.len());
        assert_eq!(link::read(&url, Side::A).unwrap().unwrap().raw, raw);
        assert_eq!(link::read(&url, Side::B).unwrap().unwrap().raw, b);
        assert_eq!(ViewState::from_params(&url), (full_view(), None));
    }
}

#[test]
fn a_malformed_view_parameter_gives_the_default_view_and_keeps_the_scenario() {
    let cases = [
        ("v_zoom=40-12.5", "v_zoom"),
        ("v_zoom=abc", "v_zoom"),
        ("v_zoom=-5-10", "v_zoom"),
        ("v_zoom=1e3-2e3", "v_zoom"),
        ("v_zoom=NaN-inf", "v_zoom"),
        ("v_zoom=0-99999999999999999", "v_zoom"),
        ("v_item=-1", "v_item"),
        ("v_item=%2B3", "v_item"),
        ("v_item=99999999999", "v_item"),
        ("v_tab=scrubber", "v_tab"),
        ("v_t=", "v_t"),
        ("v_t=1.2.3", "v_t"),
        ("v_t=.", "v_t"),
        ("v_edit=c", "v_edit"),
        ("v_item=1&v_item=2", "v_item"),
        ("v_tab=%FF%FE", "v_tab"),
    ];
    for (params, param) in cases {
        let url =
            format!("http://127.0.0.1:8080/?preset=hello-workers&seed=4&v_tab=sweep&{params}");
        let (view, error) = ViewState::from_params(&url);
        assert_eq!(view, ViewState::default(), "{params}");
        let message = error.expect("a message").to_string();
        assert!(
            message.starts_with(&format!("link.{param}: ")),
            "{params}: {message}"
        );
        assert!(message.contains("default view"), "{message}");
        let shared = link::read(&url, Side::A).unwrap().unwrap();
        assert_eq!(
            (shared.preset, shared.raw.seed),
            (Some("hello-workers"), 4),
            "{params}"
        );
    }
    let long = format!("v_tab={}", "x".repeat(10_000));
    let message = ViewState::from_params(&long).1.unwrap().to_string();
    assert!(message.len() < 200, "an echoed value is cut: {message}");
}

#[test]
fn a_view_is_fitted_to_the_run_shown() {
    let view = ViewState {
        zoom: Some((1_000, 50_000)),
        item: Some(5),
        playhead: Some(60_000),
        ..ViewState::default()
    };
    let (fitted, error) = view.fit(5, 20_000);
    assert_eq!(
        fitted.zoom,
        Some((1_000, 20_000)),
        "a window past the end is cut"
    );
    assert_eq!((fitted.item, fitted.playhead), (None, None));
    let message = error.unwrap().to_string();
    assert_eq!(
        message,
        "link.v_item: item 5 is past the run's 5 items; left out of the view"
    );
    let (fitted, error) = ViewState {
        zoom: Some((30_000, 40_000)),
        ..ViewState::default()
    }
    .fit(5, 20_000);
    assert_eq!(fitted, ViewState::default());
    assert!(matches!(
        error,
        Some(ViewError::OutOfRange {
            param: "v_zoom",
            ..
        })
    ));
    assert_eq!(full_view().fit(10, 10_000_000), (full_view(), None));
}
