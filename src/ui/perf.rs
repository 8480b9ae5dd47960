//! Edit → preview redrawn, measured with `performance.mark`/`measure`.
//!
//! ```text
//!  input event ──► mark_edit()        performance.mark("interleave-edit")
//!       … memos re-simulate, the chart's paths update the DOM …
//!  chart Effect ──► after_redraw()    requestAnimationFrame ─► (style, layout, paint)
//!                                     ─► MessageChannel task ─► measure("interleave-redraw")
//!                                        <html data-redraw-ms="…" data-redraw-seq="n">
//! ```
//!
//! The measure ends in the first task after the frame that shows the new
//! chart, so it covers simulation, DOM updates, style, layout and paint.
//! The first chart drawn after the page loads sets the mark
//! `interleave-first-chart` the same way (navigation → first chart).
//! The end-to-end tests read the `data-` attributes and print a table.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Name of the mark set on every edit.
pub const EDIT_MARK: &str = "interleave-edit";
/// Name of the measure from the edit to the redrawn chart.
pub const REDRAW_MEASURE: &str = "interleave-redraw";
/// Name of the mark set once the first chart has been painted (its
/// `startTime` is the time from navigation to the first chart drawn).
pub const FIRST_CHART_MARK: &str = "interleave-first-chart";

thread_local! {
    static EDIT_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static SEQ: Cell<u32> = const { Cell::new(0) };
    static FIRST_DRAWN: Cell<bool> = const { Cell::new(false) };
    /// The page's `performance`, looked up once: the preview's slices read
    /// the clock every few dozen callbacks (thousands of times an edit).
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|w| w.performance());
}

fn performance() -> Option<web_sys::Performance> {
    PERFORMANCE.with(Clone::clone)
}

/// Real time now, ms (`performance.now()`; 0 without a window).
pub fn now() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

/// Publishes how long a phase of the last redraw took, ms, as
/// `<html data-phase-NAME="…">` (`simulate`, `layout`, `draw`).
pub fn phase(name: &str, since: f64) {
    let elapsed = now() - since;
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(&format!("data-phase-{name}"), &format!("{elapsed:.2}"));
    }
}

/// Marks an edit: the next redraw measures from here.
pub fn mark_edit() {
    if let Some(performance) = performance() {
        let _ = performance.mark(EDIT_MARK);
        EDIT_AT.with(|at| at.set(Some(performance.now())));
    }
}

/// Called when the chart's geometry changed: if an edit is pending,
/// measures up to the first task after the next frame and publishes
/// the result on `<html>` (`data-redraw-ms`, `data-redraw-seq`,
/// `data-redraw-drawn`).
pub fn after_redraw(drawn: usize) {
    if !FIRST_DRAWN.with(|f| f.replace(true)) {
        request_animation_frame(|| {
            after_paint(|| {
                if let Some(performance) = performance() {
                    let _ = performance.mark(FIRST_CHART_MARK);
                }
            })
        });
    }
    let Some(start) = EDIT_AT.with(|at| at.take()) else {
        return;
    };
    request_animation_frame(move || after_paint(move || publish(start, drawn)));
}

/// Runs `f` in a fresh task (after the current frame's paint).
fn after_paint(f: impl FnOnce() + 'static) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        f();
        return;
    };
    let port = channel.port1();
    let keep = channel.clone();
    let handler = Closure::once_into_js(move || {
        keep.port1().set_onmessage(None);
        f();
    });
    port.set_onmessage(Some(handler.unchecked_ref()));
    let _ = channel
        .port2()
        .post_message(&wasm_bindgen::JsValue::UNDEFINED);
}

fn publish(start: f64, drawn: usize) {
    let Some(performance) = performance() else {
        return;
    };
    let elapsed = performance.now() - start;
    let _ = performance.measure_with_start_mark(REDRAW_MEASURE, EDIT_MARK);
    let seq = SEQ.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-redraw-ms", &format!("{elapsed:.2}"));
        let _ = root.set_attribute("data-redraw-drawn", &drawn.to_string());
        let _ = root.set_attribute("data-redraw-seq", &seq.to_string());
    }
}
