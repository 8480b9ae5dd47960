//! Run live: the same engine on the page's real event loop.
//!
//! ```text
//!  Run live ──► spawn_local(run_live(scenario, scale, control))
//!      │          └─ every ~50 ms: control publishes the trace so far
//!      └─► poll(): requestAnimationFrame loop
//!            take_progress() ──► Preview::of_trace ──► live.view (the chart fills in)
//!  Stop ──► control.stop()   (noticed within one frame once the loop is free)
//!  end  ──► LiveResult: live vs preview makespan, timer lateness median / p99
//! ```
//!
//! A blocking step is a real busy-wait: the page freezes for as long (capped
//! at [`MAX_BLOCK_MS`] per step, [`MAX_RUN_MS`] per run). That is the lesson.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dom::{Dom, rebuild};
use super::format::{micros, real_ms, seconds};
use super::state::{LiveResult, LiveState, Playground, use_playground};
use super::testid;
use crate::chart::Preview;
use crate::chart::preview::scale_label;
use crate::engine::Outcome;
use crate::runtime::browser::{LiveControl, LiveEnd, LiveRun, MAX_BLOCK_MS, MAX_RUN_MS, run_live};
use crate::scenario::Scenario;
use crate::time::Micros;

/// The Run live / Stop buttons and the progress bar.
#[component]
pub fn LiveControls() -> impl IntoView {
    let playground = use_playground();
    let control = StoredValue::new_local(None::<LiveControl>);
    let running = move || playground.live_running();
    let start = move |_| {
        if playground.live_running() {
            return;
        }
        let new_control = LiveControl::default();
        control.set_value(Some(new_control.clone()));
        start_run(playground, new_control);
    };
    let stop = move |_| {
        control.with_value(|c| {
            if let Some(c) = c {
                c.stop();
            }
        });
    };
    let progress = move || {
        playground.live.with(|l| {
            l.as_ref().map_or(0.0, |l| {
                if l.result.is_some() {
                    1.0
                } else {
                    (l.reached as f64 / l.expected.max(1) as f64).min(1.0)
                }
            })
        })
    };
    view! {
        <span class="live-controls">
            <button
                type="button"
                class="primary"
                data-testid=testid::LIVE_RUN
                disabled=running
                on:click=start
                title="Run the pipeline on this page's real event loop"
            >
                "▶ Run live"
            </button>
            <button
                type="button"
                data-testid=testid::LIVE_STOP
                disabled=move || !running()
                on:click=stop
            >
                "■ Stop"
            </button>
            <progress
                data-testid=testid::LIVE_PROGRESS
                max="1"
                prop:value=progress
                aria-label="Live run progress"
                hidden=move || playground.live.with(Option::is_none)
            ></progress>
        </span>
    }
}

fn start_run(playground: Playground, control: LiveControl) {
    let preview = playground.preview.get_untracked();
    let scenario: Scenario = preview.scenario.clone();
    let sync_makespan = micros_from_ms(preview.stats.sync_makespan_ms);
    let scale = playground.scale_untracked();
    playground.live.set(Some(LiveState {
        raw: scenario.raw.clone(),
        view: None,
        scale,
        reached: 0,
        expected: preview.timeline.end.max(1),
        result: None,
    }));
    playground.show_live.set(true);
    let done = Rc::new(Cell::new(false));
    poll(
        playground,
        control.clone(),
        scenario.clone(),
        sync_makespan,
        done.clone(),
    );
    spawn_local(async move {
        let run = run_live(&scenario, scale, control).await;
        done.set(true);
        finish(playground, scenario, sync_makespan, run);
    });
}

/// Each frame until the run is over: draws the trace published so far.
fn poll(
    playground: Playground,
    control: LiveControl,
    scenario: Scenario,
    sync_makespan: Micros,
    done: Rc<Cell<bool>>,
) {
    request_animation_frame(move || {
        if done.get() || playground.live.is_disposed() {
            return;
        }
        if let Some(trace) = control.take_progress() {
            let reached = trace.end();
            let view = Preview::of_trace(
                scenario.clone(),
                trace,
                Outcome::Completed,
                sync_makespan,
                reached,
            );
            playground.live.try_update(|l| {
                if let Some(l) = l.as_mut().filter(|l| l.result.is_none()) {
                    l.view = Some(Arc::new(view));
                    l.reached = reached;
                }
            });
        }
        poll(playground, control, scenario, sync_makespan, done);
    });
}

fn finish(playground: Playground, scenario: Scenario, sync_makespan: Micros, run: LiveRun) {
    let outcome = match &run.end {
        LiveEnd::Finished(outcome) => outcome.clone(),
        // Stopped or capped: the trace ends where the run stopped.
        LiveEnd::Stopped | LiveEnd::Capped => Outcome::EventLimit,
    };
    let reached = run.trace.end();
    let (p50, p99) = percentiles(&run.lateness_ms);
    let result = LiveResult {
        end: run.end.clone(),
        real_ms: run.real_ms,
        lateness_p50_ms: p50,
        lateness_p99_ms: p99,
        timers: run.lateness_ms.len(),
        capped_blocks: run.capped_blocks,
    };
    let view = Preview::of_trace(scenario, run.trace, outcome, sync_makespan, reached);
    playground.live.try_update(|l| {
        if let Some(l) = l.as_mut() {
            l.view = Some(Arc::new(view));
            l.reached = reached;
            l.result = Some(result);
        }
    });
}

/// Median and 99th percentile (nearest rank); zeros when empty.
fn percentiles(values: &[f64]) -> (f64, f64) {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return (0.0, 0.0);
    }
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let rank = ((q * sorted.len() as f64).ceil() as usize).saturating_sub(1);
        sorted[rank.min(sorted.len() - 1)]
    };
    (at(0.5), at(0.99))
}

fn micros_from_ms(ms: f64) -> Micros {
    crate::time::micros_from_ms(ms)
}

/// The live run's status, caps, and its result beside the preview
/// (built by hand, redrawn as the run goes).
#[component]
pub fn LivePanel() -> impl IntoView {
    let playground = use_playground();
    let root = NodeRef::<leptos::html::Section>::new();
    root.on_load(move |el| {
        let el: web_sys::Element = el.into();
        Effect::new(move |_| rebuild(&el, &|dom| live_panel(dom, playground)));
    });
    view! { <section class="live-panel" aria-label="Live run" node_ref=root></section> }
}

fn live_panel(dom: &Dom<'_>, playground: Playground) {
    dom.text(
        "p",
        &[("class", "live-caps")],
        &format!(
            "Run live plays the pipeline on this page's own event loop. Blocking steps really freeze the page (each capped at {} s); a run stops after {} s.",
            MAX_BLOCK_MS / 1000.0,
            MAX_RUN_MS / 1000.0,
        ),
    );
    playground.live.with(|l| {
        let status = match l {
            None => String::new(),
            Some(l) => match &l.result {
                None => format!(
                    "Running live at {}: {} of about {} (scenario time)…",
                    scale_label(l.scale),
                    micros(l.reached),
                    micros(l.expected)
                ),
                Some(r) => match &r.end {
                    LiveEnd::Finished(Outcome::Completed) => {
                        format!("Live run finished in {} real time.", real_ms(r.real_ms))
                    }
                    LiveEnd::Finished(_) => "Live run ended: deadlock.".to_string(),
                    LiveEnd::Stopped => {
                        format!("Stopped after {} real time.", real_ms(r.real_ms))
                    }
                    LiveEnd::Capped => format!(
                        "Stopped at the cap of {} s per live run.",
                        MAX_RUN_MS / 1000.0
                    ),
                },
            },
        };
        dom.text(
            "p",
            &[
                ("class", "live-status"),
                ("role", "status"),
                ("data-testid", testid::LIVE_STATUS),
            ],
            &status,
        );
        let Some((l, r)) = l.as_ref().and_then(|l| Some((l, l.result.as_ref()?))) else {
            return;
        };
        let (makespan, output, preview_raw) = playground.preview.with(|p| {
            (
                p.stats.makespan_ms,
                short(&p.output_text),
                p.scenario.raw == l.raw,
            )
        });
        let live_makespan = l.view.as_ref().map_or(0.0, |v| v.stats.makespan_ms);
        let live_output = l
            .view
            .as_ref()
            .map(|v| short(&v.output_text))
            .unwrap_or_default();
        let Some(table) = dom.el(
            "table",
            &[
                ("class", "live-result"),
                ("data-testid", testid::LIVE_RESULT),
            ],
        ) else {
            return;
        };
        let table = dom.within(&table);
        let rows: [(&str, String, String, &str); 6] = [
            (
                "",
                "Preview (virtual time)".into(),
                "Live (this page)".into(),
                "",
            ),
            (
                "Makespan (scenario time)",
                seconds(makespan),
                seconds(live_makespan),
                testid::LIVE_MAKESPAN,
            ),
            ("Output", output, live_output, ""),
            (
                "Real duration",
                format!("{} planned", real_ms(makespan * l.scale)),
                real_ms(r.real_ms),
                "",
            ),
            (
                "Timer lateness, median",
                "— (exact)".into(),
                real_ms(r.lateness_p50_ms),
                testid::LIVE_LATENESS_P50,
            ),
            (
                "Timer lateness, p99",
                "— (exact)".into(),
                real_ms(r.lateness_p99_ms),
                testid::LIVE_LATENESS_P99,
            ),
        ];
        for (i, (head, preview, live, id)) in rows.iter().enumerate() {
            // The first row is the header: in a <thead>, cells are <th>.
            let parent = if i == 0 { table.el("thead", &[]) } else { None };
            let rows = parent.as_ref().map_or(table, |p| table.within(p));
            let Some(tr) = rows.el("tr", &[]) else {
                continue;
            };
            let tr = rows.within(&tr);
            let (scope, cell) = if i == 0 { ("col", "th") } else { ("row", "td") };
            tr.text("th", &[("scope", scope)], head);
            tr.text(cell, &[], preview);
            let testid: &[(&str, &str)] = if id.is_empty() {
                &[]
            } else {
                &[("data-testid", id)]
            };
            tr.text(cell, testid, live);
        }
        if let Some(tr) = table.el("tr", &[]) {
            let tr = table.within(&tr);
            tr.text("th", &[("scope", "row")], "Timers measured / blocks capped");
            tr.text("td", &[], "—");
            tr.text("td", &[], &format!("{} / {}", r.timers, r.capped_blocks));
        }
        if !preview_raw {
            dom.text(
                "p",
                &[("class", "live-stale")],
                "The scenario changed since this live run; run it again to compare.",
            );
        }
    });
}

/// At most 40 characters of an output order.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
