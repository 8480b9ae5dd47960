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

use super::state::{LiveResult, LiveState, Playground, use_playground};
use super::testid;
use crate::chart::Preview;
use crate::chart::preview::scale_label;
use crate::engine::Outcome;
use crate::format::{micros, real_ms, seconds};
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
    // Focus follows the run: Run live ──► Stop while it runs, back after.
    let run_button = NodeRef::<leptos::html::Button>::new();
    let stop_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was: Option<bool>| {
        let now = running();
        if was.is_some_and(|was| was != now) {
            let target = if now { stop_button } else { run_button };
            request_animation_frame(move || focus_if_free(target, [run_button, stop_button]));
        }
        now
    });
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
                node_ref=run_button
                data-testid=testid::LIVE_RUN
                disabled=running
                on:click=start
                title="Run the pipeline on this page's real event loop"
            >
                "▶ Run live"
            </button>
            <button
                type="button"
                node_ref=stop_button
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

/// Focuses `target` unless the user has put the focus somewhere else than
/// the page itself or one of `ours`.
fn focus_if_free(target: NodeRef<leptos::html::Button>, ours: [NodeRef<leptos::html::Button>; 2]) {
    let active = document().active_element();
    let free = active.as_ref().is_none_or(|a| {
        a.tag_name().eq_ignore_ascii_case("body")
            || ours.iter().any(|o| {
                o.get_untracked()
                    .is_some_and(|b| AsRef::<web_sys::Element>::as_ref(&b) == a)
            })
    });
    if free && let Some(button) = target.get_untracked() {
        let _ = button.focus();
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

/// The live run's caps, status and result beside the preview's.
#[component]
pub fn LivePanel() -> impl IntoView {
    let playground = use_playground();
    let status = move || {
        playground
            .live
            .with(|l| l.as_ref().map(status_text).unwrap_or_default())
    };
    let finished = move || {
        playground
            .live
            .with(|l| l.as_ref().is_some_and(|l| l.result.is_some()))
    };
    view! {
        <section class="live-panel" aria-label="Live run">
            <p class="live-caps">
                {format!(
                    "Run live plays the pipeline on this page's own event loop. Blocking steps really freeze the page (each capped at {} s); a run stops after {} s.",
                    MAX_BLOCK_MS / 1000.0,
                    MAX_RUN_MS / 1000.0,
                )}
            </p>
            <p class="live-status" role="status" data-testid=testid::LIVE_STATUS>
                {status}
            </p>
            <Show when=finished>
                <LiveResultTable />
            </Show>
        </section>
    }
}

/// The status line of a live run.
fn status_text(l: &LiveState) -> String {
    match &l.result {
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
            LiveEnd::Stopped => format!("Stopped after {} real time.", real_ms(r.real_ms)),
            LiveEnd::Capped => format!(
                "Stopped at the cap of {} s per live run.",
                MAX_RUN_MS / 1000.0
            ),
        },
    }
}

/// A finished live run beside the preview, row by row.
#[component]
fn LiveResultTable() -> impl IntoView {
    let playground = use_playground();
    let rows = move || {
        playground.live.with(|l| {
            let Some((l, r)) = l.as_ref().and_then(|l| Some((l, l.result.as_ref()?))) else {
                return Vec::new();
            };
            let (makespan, output) = playground
                .preview
                .with(|p| (p.stats.makespan_ms, short(&p.output_text)));
            let live_makespan = l.view.as_ref().map_or(0.0, |v| v.stats.makespan_ms);
            let live_output = l
                .view
                .as_ref()
                .map(|v| short(&v.output_text))
                .unwrap_or_default();
            vec![
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
                (
                    "Timers measured / blocks capped",
                    "—".into(),
                    format!("{} / {}", r.timers, r.capped_blocks),
                    "",
                ),
            ]
        })
    };
    let stale = move || {
        playground.live.with(|l| {
            l.as_ref()
                .is_some_and(|l| playground.preview.with(|p| p.scenario.raw != l.raw))
        })
    };
    view! {
        <table class="live-result" data-testid=testid::LIVE_RESULT>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">"Preview (virtual time)"</th>
                    <th scope="col">"Live (this page)"</th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=|row| row.clone() let((head, preview, live, id))>
                    <tr>
                        <th scope="row">{head}</th>
                        <td>{preview}</td>
                        <td data-testid=(!id.is_empty()).then_some(id)>{live}</td>
                    </tr>
                </For>
            </tbody>
        </table>
        <p class="live-stale" hidden=move || !stale()>
            "The scenario changed since this live run; run it again to compare."
        </p>
    }
}

/// At most 40 characters of an output order.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
