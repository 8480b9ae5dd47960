//! The playground in a real browser: the page opens with an example drawn,
//! edits redraw the chart, an invalid value is named beside its field while
//! the chart keeps the last valid run, presets load from the gallery, bad
//! links fall back to the default with the banner, hovering shows a
//! tooltip and highlights the item, zoom changes the axis.

use interleave::chart::geometry::{plot_left, plot_right};
use interleave::chart::{Row, Scale, Timeline};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::presets;
use interleave::trace::TaskState;
use interleave::ui::testid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::support::{Fixture, is_hidden, query, settle, text};

fn attr(el: &Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

fn task_lanes(app: &Fixture) -> usize {
    attr(&app.by_testid(testid::CHART), "data-task-lanes")
        .parse()
        .expect("data-task-lanes is a number")
}

/// Types `value` into the input and fires `input`, like a user.
fn type_into(el: &Element, value: &str) {
    let input: HtmlInputElement = el.clone().dyn_into().expect("an input");
    input.set_value(value);
    let event = web_sys::Event::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatch");
}

fn click(el: &Element) {
    el.clone()
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

fn workers_input(app: &Fixture, stage: usize) -> Element {
    app.query(&format!(
        "[data-testid=\"{}\"][data-stage=\"{stage}\"] [data-testid=\"{}\"]",
        testid::STAGE,
        testid::STAGE_WORKERS
    ))
    .expect("the stage's workers input")
}

#[wasm_bindgen_test]
async fn the_page_opens_with_the_default_example_drawn() {
    let app = Fixture::app();
    settle().await;
    // hello-workers: A (1 worker), B (3), C (1).
    assert_eq!(task_lanes(&app), 5);
    let strip = app.by_testid(testid::OUTPUT_STRIP);
    assert_eq!(attr(&strip, "data-output"), "HELOL");
    assert_eq!(text(&app.by_testid(testid::STAT_MAKESPAN)), "2.743 s");
    assert_eq!(text(&app.by_testid(testid::STAT_INVERSIONS)), "1");
    // hello-workers spends time awaiting I/O and waiting for items: the
    // canvas paints those two states.
    let chart = app.by_testid(testid::CHART);
    assert_eq!(attr(&chart, "data-states"), "io item");
    // The runs drawn are the pure frame's: every row of the chart, at the
    // page's pixel ratio.
    let drawn: usize = attr(&chart, "data-drawn").parse().unwrap();
    let width: f64 = attr(&chart, "width").parse().unwrap();
    let scenario = presets::find("hello-workers").unwrap().scenario().unwrap();
    let timeline = Timeline::new(&scenario, &simulate(&scenario, Mode::Async).trace, 0);
    let scale = Scale::new(
        0.0,
        timeline.end as f64,
        plot_left(width),
        plot_right(width),
    );
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let frame = timeline.frame(&scale, ratio, 0.0, timeline.height);
    assert_eq!(drawn, frame.drawn);
    assert!(drawn >= 4, "{drawn} runs drawn");
    assert!(
        chart.query_selector_all("rect, path").unwrap().length() < 60,
        "spans are painted on the canvas, not one element each"
    );
    assert!(app.query("canvas.chart-canvas").is_some());
    let summary = text(&app.by_testid(testid::CHART_SUMMARY));
    assert!(summary.contains("5 task lanes"), "{summary}");
    assert!(summary.contains("HELOL"), "{summary}");
    assert!(text(&app.by_testid(testid::LOOK_FOR)).contains("HELOL"));
    assert_eq!(query(), "preset=hello-workers");
    let selected = app.query("[data-preset=\"hello-workers\"]").unwrap();
    assert_eq!(attr(&selected, "aria-pressed"), "true");
}

#[wasm_bindgen_test]
async fn changing_a_worker_count_changes_the_task_lanes() {
    let app = Fixture::app();
    settle().await;
    assert_eq!(task_lanes(&app), 5);
    type_into(&workers_input(&app, 1), "5");
    settle().await;
    assert_eq!(task_lanes(&app), 7);
    assert!(query().starts_with("s=2."), "the link follows: {}", query());
    type_into(&workers_input(&app, 1), "1");
    settle().await;
    assert_eq!(task_lanes(&app), 3);
    assert_eq!(
        attr(&app.by_testid(testid::OUTPUT_STRIP), "data-output"),
        "HELLO",
        "one worker keeps the order"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_value_is_named_beside_its_field_and_the_chart_stays() {
    let app = Fixture::app();
    settle().await;
    let makespan = text(&app.by_testid(testid::STAT_MAKESPAN));
    let input = workers_input(&app, 1);
    type_into(&input, "0");
    settle().await;
    let error = app
        .query(&format!(
            "[data-testid=\"{}\"][data-stage=\"1\"] [data-testid=\"{}\"]",
            testid::STAGE,
            testid::FIELD_ERROR
        ))
        .expect("a message in stage 2's fieldset");
    assert_eq!(attr(&error, "data-field"), "stages[1].workers");
    assert_eq!(
        text(&error),
        "Stage 2 (B): workers must be between 1 and 1000 (got 0)."
    );
    assert_eq!(attr(&input, "aria-invalid"), "true");
    assert!(!is_hidden(&app.by_testid(testid::STALE_NOTICE)));
    // The chart and stats keep the last valid scenario; so does the link.
    assert_eq!(task_lanes(&app), 5);
    assert_eq!(text(&app.by_testid(testid::STAT_MAKESPAN)), makespan);
    assert_eq!(query(), "preset=hello-workers");

    type_into(&input, "2");
    settle().await;
    assert!(app.try_by_testid(testid::FIELD_ERROR).is_none());
    assert_eq!(attr(&input, "aria-invalid"), "false");
    assert!(is_hidden(&app.by_testid(testid::STALE_NOTICE)));
    assert_eq!(task_lanes(&app), 4);
}

#[wasm_bindgen_test]
async fn text_that_is_not_a_number_gets_a_local_message() {
    let app = Fixture::app();
    settle().await;
    type_into(&workers_input(&app, 1), "2.5");
    settle().await;
    let stage = app
        .query(&format!(
            "[data-testid=\"{}\"][data-stage=\"1\"]",
            testid::STAGE
        ))
        .unwrap();
    assert!(text(&stage).contains("Stage 2 (B): workers must be a whole number."));
    assert_eq!(task_lanes(&app), 5, "nothing changed");
    // The chart is of the last valid version, and says so (it did only
    // for validation errors).
    assert!(!is_hidden(&app.by_testid(testid::STALE_NOTICE)));
    // A second field too: the notice stays until both hold values.
    type_into(&workers_input(&app, 2), "");
    settle().await;
    type_into(&workers_input(&app, 1), "2");
    settle().await;
    assert!(!is_hidden(&app.by_testid(testid::STALE_NOTICE)));
    type_into(&workers_input(&app, 2), "1");
    settle().await;
    assert!(is_hidden(&app.by_testid(testid::STALE_NOTICE)));
    assert_eq!(task_lanes(&app), 4);
}

#[wasm_bindgen_test]
async fn a_gallery_card_loads_its_preset() {
    let app = Fixture::app();
    settle().await;
    click(&app.query("[data-preset=\"block-then-await\"]").unwrap());
    settle().await;
    assert_eq!(query(), "preset=block-then-await");
    assert_eq!(
        attr(&app.by_testid(testid::OUTPUT_STRIP), "data-output"),
        "12345"
    );
    assert_eq!(text(&app.by_testid(testid::STAT_BLOCKED)), "12.500 s");
    assert!(text(&app.by_testid(testid::LOOK_FOR)).contains("sit ready until 12.5 s"));
    let chart = app.by_testid(testid::CHART);
    assert!(attr(&chart, "data-states").contains("blocked"));
    // Five blocking calls, back to back: shaded across the lanes.
    let bands: usize = attr(&chart, "data-bands").parse().unwrap();
    assert!((1..=5).contains(&bands), "{bands} bands");
}

#[wasm_bindgen_test]
async fn opening_a_bad_link_shows_the_banner_and_draws_the_default() {
    let app = Fixture::app_at("preset=nope");
    settle().await;
    let banner = app.by_testid(testid::ERROR_BANNER);
    assert!(!is_hidden(&banner));
    assert!(text(&app.by_testid(testid::ERROR_MESSAGE)).contains("no example named \"nope\""));
    assert_eq!(task_lanes(&app), 5);
    assert_eq!(query(), "preset=hello-workers");
}

#[wasm_bindgen_test]
async fn a_link_restores_an_edited_scenario() {
    let mut raw = presets::find("gather").unwrap().raw().unwrap();
    raw.stages[1].workers = 2;
    raw.items = interleave::scenario::RawItems::Text("<b>hi</b>".into());
    let link = interleave::link::to_query(&raw, Some("gather"));
    let app = Fixture::app_at(&link);
    settle().await;
    assert_eq!(task_lanes(&app), 3);
    assert_eq!(query(), link);
    // Text from a link is text: no <b> element appears.
    assert_eq!(
        attr(&app.by_testid(testid::OUTPUT_STRIP), "data-output"),
        "<b>hi</b>"
    );
    assert!(app.query("svg b, .editor b").is_none());
}

#[wasm_bindgen_test]
async fn hovering_a_span_shows_a_tooltip_and_highlights_the_item() {
    let app = Fixture::app();
    settle().await;
    let chart = app.by_testid(testid::CHART);
    let width: f64 = attr(&chart, "width").parse().unwrap();
    // The same geometry as the chart: B·1 (task 1) awaiting I/O.
    let scenario = presets::find("hello-workers").unwrap().scenario().unwrap();
    let run = simulate(&scenario, Mode::Async);
    let timeline = Timeline::new(&scenario, &run.trace, 0);
    let scale = Scale::new(
        0.0,
        timeline.end as f64,
        plot_left(width),
        plot_right(width),
    );
    let span = timeline
        .spans
        .iter()
        .find(|s| s.task == 1 && s.state == TaskState::AwaitingIo)
        .unwrap();
    let lane = timeline.lane(Row::Task(1)).unwrap();
    let x = scale.x((span.start + span.end) as f64 / 2.0);
    let y = lane.y + lane.height / 2.0;
    let rect = chart.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_client_x((rect.left() + x) as i32);
    init.set_client_y((rect.top() + y) as i32);
    let event = web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).unwrap();
    chart.dispatch_event(&event).unwrap();
    settle().await;
    let tooltip = text(&app.by_testid(testid::TOOLTIP));
    assert!(tooltip.contains("B·1"), "{tooltip}");
    assert!(tooltip.contains("awaiting I/O"), "{tooltip}");
    assert!(tooltip.contains("item 0 “H”"), "{tooltip}");
    // H waited in B·1 (its other spans take no time); its output box too.
    let highlight = app.query("path.highlight").unwrap();
    assert_eq!(attr(&highlight, "d").matches('M').count(), 1);
    let mark = app.query("path.highlight-mark").unwrap();
    assert_eq!(attr(&mark, "d").matches('M').count(), 1);
    chart
        .dispatch_event(&web_sys::PointerEvent::new("pointerleave").unwrap())
        .unwrap();
    settle().await;
    assert!(app.try_by_testid(testid::TOOLTIP).is_none());
}

#[wasm_bindgen_test]
async fn zoom_buttons_change_the_axis_and_whole_run_restores_it() {
    let app = Fixture::app();
    settle().await;
    let ticks = |app: &Fixture| -> Vec<String> {
        app.query_all("text.tick-label").iter().map(text).collect()
    };
    let whole = ticks(&app);
    assert!(
        whole.contains(&"0.0 s".to_string()) || whole.contains(&"0 s".to_string()),
        "{whole:?}"
    );
    click(&app.by_testid(testid::ZOOM_IN));
    settle().await;
    click(&app.by_testid(testid::ZOOM_IN));
    settle().await;
    let zoomed = ticks(&app);
    assert_ne!(zoomed, whole);
    click(&app.by_testid(testid::PAN_RIGHT));
    settle().await;
    assert_ne!(ticks(&app), zoomed);
    click(&app.by_testid(testid::ZOOM_RESET));
    settle().await;
    assert_eq!(ticks(&app), whole);
}
