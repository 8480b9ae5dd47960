//! The insight views in a real browser: the insights line, the Explain
//! tabs, the scrubber's state panel, blame outlining a span, the ordering
//! view, a comparison from a link, an item's lineage.

use interleave::ui::testid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::support::{Fixture, is_hidden, query, settle, text};

fn click(el: &Element) {
    el.clone()
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

/// Opens a tab of the Explain panel; returns its panel.
async fn open_tab(app: &Fixture, id: &str) -> Element {
    let tab = app
        .query(&format!(
            "[data-testid=\"{}\"][data-tab=\"{id}\"]",
            testid::EXPLAIN_TAB
        ))
        .expect("the tab");
    click(&tab);
    settle().await;
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
    let panel = app
        .query(&format!(
            "[data-testid=\"{}\"][data-tab=\"{id}\"]",
            testid::EXPLAIN_PANEL
        ))
        .expect("the panel");
    assert!(!is_hidden(&panel));
    panel
}

/// The state panel's value for `key` (`ready`, `timers`, …).
fn state_value(app: &Fixture, key: &str) -> String {
    let el = app
        .query(&format!(
            "[data-testid=\"{}\"] dd[data-key=\"{key}\"]",
            testid::SCRUB_STATE
        ))
        .unwrap_or_else(|| panic!("a state row {key}"));
    text(&el)
}

#[wasm_bindgen_test]
async fn the_insights_line_explains_await_then_block() {
    let app = Fixture::app_at("preset=await-then-block");
    settle().await;
    let line = app.by_testid(testid::INSIGHTS);
    let blocking = line
        .query_selector("li[data-topic=\"blocking\"]")
        .unwrap()
        .expect("a blocking insight");
    let figure = blocking.query_selector(".insight-figure").unwrap().unwrap();
    assert_eq!(text(&figure), "83%");
    assert!(
        text(&blocking).contains(
            "The worst block, myproc·1 for 2.5 s at 2.5 s, kept 4 other tasks waiting 10 s in all."
        ),
        "{}",
        text(&blocking)
    );
    assert!(
        line.query_selector("li[data-topic=\"speedup\"]")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_scrub_panel_shows_the_loop_at_six_seconds() {
    let app = Fixture::app_at("preset=block-then-await");
    settle().await;
    open_tab(&app, "scrub").await;
    let range: HtmlInputElement = app
        .by_testid(testid::SCRUB_RANGE)
        .dyn_into()
        .expect("an input");
    range.set_value("6000000");
    // A bubbling "input" event (MouseEventInit is the EventInit this crate
    // enables; the listener only reads the type and the target's value).
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("input", &init)
        .expect("an input event");
    range.dispatch_event(&event).expect("dispatch");
    settle().await;
    assert_eq!(
        app.by_testid(testid::SCRUB_TIME)
            .get_attribute("data-us")
            .as_deref(),
        Some("6000000")
    );
    assert_eq!(
        state_value(&app, "running"),
        "myproc·3 (blocking: nothing else runs)"
    );
    assert_eq!(state_value(&app, "ready"), "[myproc·4, myproc·5]");
    assert_eq!(
        state_value(&app, "timers"),
        "[myproc·1 due 5 s (overdue), myproc·2 due 7.5 s]"
    );
    let overdue = app.query(".entry.overdue").expect("an overdue timer");
    assert_eq!(text(&overdue), "myproc·1 due 5 s (overdue)");
    assert_eq!(state_value(&app, "queue-0"), "[4, 5]");
    // The playhead is on the chart while the Scrub tab is open.
    assert!(app.query("[data-testid=\"chart\"] path.playhead").is_some());

    // Buttons step back and forth between instants.
    click(&app.by_testid(testid::SCRUB_PREVIOUS));
    settle().await;
    assert_eq!(
        app.by_testid(testid::SCRUB_TIME)
            .get_attribute("data-us")
            .as_deref(),
        Some("2500000")
    );
    click(&app.by_testid(testid::SCRUB_NEXT));
    settle().await;
    assert_eq!(
        app.by_testid(testid::SCRUB_TIME)
            .get_attribute("data-us")
            .as_deref(),
        Some("5000000")
    );
    // Another tab: no playhead on the chart.
    open_tab(&app, "ordering").await;
    assert!(app.query("[data-testid=\"chart\"] path.playhead").is_none());
}

#[wasm_bindgen_test]
async fn a_blame_entry_outlines_its_span() {
    let app = Fixture::app_at("preset=await-then-block");
    settle().await;
    open_tab(&app, "insights").await;
    let entries = app.query_all(&format!("[data-testid=\"{}\"]", testid::BLAME_ENTRY));
    assert_eq!(entries.len(), 4);
    assert_eq!(
        text(&entries[0]),
        "myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s"
    );
    assert!(app.query("[data-testid=\"chart\"] path.focus").is_none());
    click(&entries[0]);
    settle().await;
    let focus = app
        .query("[data-testid=\"chart\"] path.focus")
        .expect("the blamed span is outlined");
    assert_eq!(
        focus
            .get_attribute("d")
            .unwrap_or_default()
            .matches('M')
            .count(),
        2,
        "in its lane and in the loop lane"
    );
    assert_eq!(
        entries[0].get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(text(&app.by_testid(testid::BOUND)).contains("blocking work"));
    // Leaving the tab removes the outline.
    open_tab(&app, "scrub").await;
    assert!(app.query("[data-testid=\"chart\"] path.focus").is_none());
}

#[wasm_bindgen_test]
async fn ordering_shows_helol_and_the_ordered_option_keeps_order() {
    let app = Fixture::app();
    settle().await;
    open_tab(&app, "ordering").await;
    let stage = app
        .query(&format!(
            "[data-testid=\"{}\"][data-stage=\"1\"]",
            testid::STAGE_ORDER
        ))
        .expect("stage B");
    assert_eq!(stage.get_attribute("data-inversions").as_deref(), Some("1"));
    assert_eq!(
        stage
            .query_selector_all(".order-line.crosses")
            .unwrap()
            .length(),
        2
    );
    let check = stage
        .query_selector(&format!("[data-testid=\"{}\"]", testid::ORDER_ORDERED))
        .unwrap()
        .expect("the option");
    click(&check);
    settle().await;
    assert_eq!(
        app.by_testid(testid::OUTPUT_STRIP)
            .get_attribute("data-output")
            .as_deref(),
        Some("HELLO")
    );
    let stage = app
        .query(&format!(
            "[data-testid=\"{}\"][data-stage=\"1\"]",
            testid::STAGE_ORDER
        ))
        .expect("stage B");
    assert_eq!(stage.get_attribute("data-inversions").as_deref(), Some("0"));
    assert!(text(&stage).contains("reorder buffer"));
    assert!(query().starts_with("s=2."), "the link follows: {}", query());
}

#[wasm_bindgen_test]
async fn a_comparison_link_shows_two_charts_and_the_differences() {
    let app = Fixture::app_at("preset=sequential&b_preset=gather");
    settle().await;
    assert!(app.try_by_testid(testid::CHART_B).is_some());
    let width = |id: &str| app.by_testid(id).get_attribute("width");
    assert_eq!(
        width(testid::CHART),
        width(testid::CHART_B),
        "one time axis"
    );
    let cells: Vec<String> = app
        .query_all(&format!(
            "[data-testid=\"{}\"] tr[data-row=\"makespan\"] td",
            testid::COMPARE_TABLE
        ))
        .iter()
        .map(text)
        .collect();
    assert_eq!(cells, ["25.000 s", "5.000 s", "−80%"]);
    assert_eq!(query(), "preset=sequential&b_preset=gather");
    click(&app.by_testid(testid::COMPARE_END));
    settle().await;
    assert!(app.try_by_testid(testid::CHART_B).is_none());
    let after = query();
    assert!(
        after.starts_with("preset=sequential") && !after.contains("b_"),
        "{after}"
    );
}

#[wasm_bindgen_test]
async fn a_bad_side_b_is_named_and_side_a_opens_alone() {
    let app = Fixture::app_at("preset=gather&b_s=1.AAA");
    settle().await;
    assert!(!is_hidden(&app.by_testid(testid::ERROR_BANNER)));
    assert!(text(&app.by_testid(testid::ERROR_MESSAGE)).contains("Side B"));
    assert!(text(&app.by_testid(testid::ERROR_DETAIL)).contains("link.b_s"));
    assert!(app.try_by_testid(testid::CHART_B).is_none());
    assert_eq!(query(), "preset=gather");
}

#[wasm_bindgen_test]
async fn clicking_an_output_box_shows_the_items_lineage() {
    let app = Fixture::app_at("preset=block-then-await");
    settle().await;
    let lineage = app.by_testid(testid::LINEAGE);
    assert!(is_hidden(&lineage));
    // The last box of the strip: item 5.
    let chart = app.by_testid(testid::CHART);
    let rect = chart.get_bounding_client_rect();
    let strip = app
        .by_testid(testid::OUTPUT_STRIP)
        .get_bounding_client_rect();
    let (x, y) = (strip.right() - 4.0, strip.top() + strip.height() / 2.0);
    for kind in ["pointerdown", "pointerup"] {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_client_x(x as i32);
        init.set_client_y(y as i32);
        init.set_button(0);
        let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        chart.dispatch_event(&event).unwrap();
    }
    settle().await;
    assert!(rect.width() > 0.0);
    assert!(!is_hidden(&lineage));
    let shown = text(&lineage);
    assert!(shown.contains("Item “5”"), "{shown}");
    assert!(shown.contains("queued → myproc (t=0 s…10 s)"), "{shown}");
    assert!(
        app.query("[data-testid=\"chart\"] path.selected-item")
            .is_some()
    );
}
