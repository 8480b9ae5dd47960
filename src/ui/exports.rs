//! The Export menu: the run the chart shows, taken elsewhere. Every file is
//! made by a pure function of [`crate::export`]; this module only hands it
//! to the browser (a download, a picture drawn on a canvas, a message to
//! the Perfetto UI).
//!
//! ```text
//!  displayed run ──► trace_event_json ──► Download trace (.json) · Open in Perfetto
//!                ├─► timeline_svg (visible range, both sides) ──► .svg · canvas ──► .png
//!                ├─► items_csv ──► .csv          summary() ──► report .json
//!  Open in Perfetto: window.open(UI) ──PING…──► PONG ──► {perfetto: {buffer, title, url}}
//! ```
//!
//! The Perfetto UI's address is <https://ui.perfetto.dev> unless the page's
//! address sets `perfetto=URL` (the tests point it at an offline copy). A
//! cross-origin isolated page (COOP/COEP) cannot message the window it
//! opens: there the trace is downloaded and Perfetto opened to drop it in.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::{Playground, use_playground};
use super::testid;
use crate::chart::Viewport;
use crate::export::{SvgOptions, SvgSide, items_csv, timeline_svg, trace_event_json};

/// The public Perfetto UI.
pub const PERFETTO_UI: &str = "https://ui.perfetto.dev";
/// Width of an exported timeline picture, px.
const PICTURE_WIDTH: f64 = 1200.0;
/// How long to wait for the Perfetto UI's PONG, ms.
const PERFETTO_TIMEOUT_MS: u32 = 20_000;

/// Hands `text` to the browser as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(name, &blob)
}

/// Hands `blob` to the browser as a download named `name`.
fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let anchor: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has its own reference by now; free ours a moment later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}

/// The file names' common start: the preset's id, or "scenario".
fn base_name(playground: Playground) -> String {
    let id = playground.preset.get_untracked().unwrap_or("scenario");
    let live =
        playground.show_live.get_untracked() && playground.live.with_untracked(Option::is_some);
    if live {
        format!("interleave-{id}-live")
    } else {
        format!("interleave-{id}")
    }
}

/// The timeline as drawn: the visible range, both sides while comparing.
fn picture(playground: Playground) -> String {
    let zoom: Option<Viewport> = playground.zoom.get_untracked();
    let options = SvgOptions {
        width: PICTURE_WIDTH,
        range: zoom,
    };
    let a = playground.displayed.get_untracked();
    let comparing = playground.comparing.get_untracked();
    let b = comparing.then(|| playground.b.preview.get_untracked());
    let mut sides = vec![SvgSide {
        caption: if comparing { "A" } else { "" },
        timeline: &a.timeline,
    }];
    if let Some(b) = &b {
        sides.push(SvgSide {
            caption: "B",
            timeline: &b.timeline,
        });
    }
    timeline_svg(&sides, &options)
}

/// Draws `svg` on a canvas and downloads it as a PNG (device pixel ratio 2).
pub fn download_png(name: String, svg: String) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = image.clone();
    let source = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let draw = || -> Result<(), JsValue> {
            let (w, h) = (loaded.natural_width(), loaded.natural_height());
            let canvas: web_sys::HtmlCanvasElement =
                document().create_element("canvas")?.unchecked_into();
            canvas.set_width(w * 2);
            canvas.set_height(h * 2);
            let context: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2d context"))?
                .unchecked_into();
            context.scale(2.0, 2.0)?;
            context.draw_image_with_html_image_element(&loaded, 0.0, 0.0)?;
            let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
                if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                    let _ = download_blob(&name, &blob);
                }
            });
            canvas.to_blob(done.unchecked_ref())
        };
        let _ = draw();
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// The Perfetto UI's address: `perfetto=` in the page's address, else the public one.
fn perfetto_ui() -> String {
    let href = super::url::current_href();
    href.split_once('?')
        .and_then(|(_, query)| {
            form_urlencoded::parse(query.split('#').next().unwrap_or_default().as_bytes())
                .find(|(k, _)| k == "perfetto")
                .map(|(_, v)| v.into_owned())
        })
        .filter(|ui| ui.starts_with("https://") || ui.starts_with("http://127.0.0.1"))
        .unwrap_or_else(|| PERFETTO_UI.to_string())
}

/// Whether the page is cross-origin isolated (served with COOP/COEP): it
/// then keeps no handle on a cross-origin window it opens.
fn isolated() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("crossOriginIsolated"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Opens the Perfetto UI and hands it `trace` with Perfetto's documented
/// handshake: PING until it answers PONG, then the trace as an ArrayBuffer.
/// A cross-origin isolated page cannot talk to that window: it downloads
/// the trace (`file_name`) and opens Perfetto to drop it in instead.
fn open_in_perfetto(
    ui: String,
    trace: String,
    title: String,
    file_name: String,
    status: RwSignal<Option<String>>,
) {
    if isolated() {
        let downloaded = download(&file_name, "application/json", &trace).is_ok();
        let _ = window().open_with_url_and_target(&ui, "_blank");
        status.set(Some(if downloaded {
            format!(
                "This page is cross-origin isolated (for precise live timings), so it cannot hand the trace to Perfetto: {file_name} was downloaded; drop it onto the Perfetto window."
            )
        } else {
            "The browser refused the trace download.".into()
        }));
        return;
    }
    let origin = ui.split('/').take(3).collect::<Vec<_>>().join("/");
    let Ok(Some(opened)) = window().open_with_url_and_target(&format!("{ui}#!/viewer"), "_blank")
    else {
        status.set(Some(
            "The browser blocked the Perfetto window: allow pop-ups for this page.".into(),
        ));
        return;
    };
    status.set(Some("Opening Perfetto…".into()));
    let pinged = opened.clone();
    let ping_origin = origin.clone();
    let ping = set_interval_with_handle(
        move || {
            let _ = pinged.post_message(&JsValue::from_str("PING"), &ping_origin);
        },
        Duration::from_millis(50),
    )
    .ok();
    let sent = StoredValue::new(false);
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        // A cross-origin window is not `instanceof Window` here: compare
        // the objects themselves.
        let from_ui = ev
            .source()
            .is_some_and(|source| JsValue::from(source) == JsValue::from(opened.clone()));
        if !from_ui || ev.data().as_string().as_deref() != Some("PONG") || sent.get_value() {
            return;
        }
        sent.set_value(true);
        if let Some(ping) = ping {
            ping.clear();
        }
        let buffer = js_sys::Uint8Array::from(trace.as_bytes()).buffer();
        let message = js_sys::Object::new();
        let inner = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&inner, &"buffer".into(), &buffer);
        let _ = js_sys::Reflect::set(&inner, &"title".into(), &JsValue::from_str(&title));
        let _ = js_sys::Reflect::set(
            &inner,
            &"url".into(),
            &JsValue::from_str(&super::url::current_href()),
        );
        let _ = js_sys::Reflect::set(&message, &"perfetto".into(), &inner);
        let _ = opened.post_message(&message, &origin);
        status.set(Some("Sent to Perfetto ✓".into()));
    });
    // Give up (and stop listening) if the UI never answers.
    set_timeout(
        move || {
            if let Some(ping) = ping {
                ping.clear();
            }
            listener.remove();
            if !sent.get_value() {
                status.try_set(Some(
                    "Perfetto did not answer; download the trace and open it there.".into(),
                ));
            }
        },
        Duration::from_millis(u64::from(PERFETTO_TIMEOUT_MS)),
    );
}

/// The Export menu of the run bar.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let playground = use_playground();
    // Read while the address is still the one the page opened with.
    let perfetto = StoredValue::new(perfetto_ui());
    let status = RwSignal::new(None::<String>);
    let report = move |what: &str, result: Result<(), JsValue>| {
        status.set(Some(match result {
            Ok(()) => format!("{what} downloaded ✓"),
            Err(_) => format!("The browser refused the {what} download."),
        }));
    };
    let trace_json = move || {
        playground
            .displayed
            .with_untracked(|p| trace_event_json(&p.scenario, &p.trace))
    };
    view! {
        <details class="export-menu" data-testid=testid::EXPORT_MENU>
            <summary>"Export"</summary>
            <div class="export-items" role="group" aria-label="Export the run shown">
                <button
                    type="button"
                    data-testid=testid::EXPORT_TRACE
                    title="Chrome/Perfetto trace event JSON: a thread per task, a slice per state"
                    on:click=move |_| {
                        let name = format!("{}.trace.json", base_name(playground));
                        report("trace", download(&name, "application/json", &trace_json()));
                    }
                >
                    "Trace (Perfetto JSON)"
                </button>
                <button
                    type="button"
                    data-testid=testid::EXPORT_PERFETTO
                    title="Open the trace in the Perfetto UI (a new window)"
                    on:click=move |_| {
                        let base = base_name(playground);
                        let title = format!("Interleave: {base}");
                        open_in_perfetto(
                            perfetto.get_value(),
                            trace_json(),
                            title,
                            format!("{base}.trace.json"),
                            status,
                        );
                    }
                >
                    "Open in Perfetto"
                </button>
                <button
                    type="button"
                    data-testid=testid::EXPORT_SVG
                    title="The timeline as drawn (visible range, both sides)"
                    on:click=move |_| {
                        let name = format!("{}.svg", base_name(playground));
                        report("SVG", download(&name, "image/svg+xml", &picture(playground)));
                    }
                >
                    "Picture (SVG)"
                </button>
                <button
                    type="button"
                    data-testid=testid::EXPORT_PNG
                    on:click=move |_| {
                        let name = format!("{}.png", base_name(playground));
                        report("PNG", download_png(name, picture(playground)));
                    }
                >
                    "Picture (PNG)"
                </button>
                <button
                    type="button"
                    data-testid=testid::EXPORT_CSV
                    title="Per item: worker, enter, start and done times per stage, latency"
                    on:click=move |_| {
                        let csv = playground.displayed.with_untracked(|p| items_csv(&p.scenario, &p.trace));
                        let name = format!("{}.items.csv", base_name(playground));
                        report("CSV", download(&name, "text/csv", &csv));
                    }
                >
                    "Items (CSV)"
                </button>
                <button
                    type="button"
                    data-testid=testid::EXPORT_REPORT
                    title="The report, as `interleave simulate --json` prints it"
                    on:click=move |_| {
                        let json = playground
                            .displayed
                            .with_untracked(|p| serde_json::to_string_pretty(&p.summary()).unwrap_or_default());
                        let name = format!("{}.report.json", base_name(playground));
                        report("report", download(&name, "application/json", &json));
                    }
                >
                    "Report (JSON)"
                </button>
            </div>
            <p class="export-status" role="status" data-testid=testid::EXPORT_STATUS>
                {move || status.get()}
            </p>
        </details>
    }
}
