//! Run live: the same engine on the page's real event loop, with its
//! playback controls, its status, and the warning before a run the caps
//! would cut.
//!
//! ```text
//!  Run live ──► spawn_local(driver::live::run_live(scenario, scale, events, control, on_progress))
//!      │          on_progress (in idle gaps): trace so far ──► Preview::of_trace ──► live.view
//!      └─► tick(): requestAnimationFrame loop ──► live_now (the chart's "now" line)
//!  Pause / Resume · Step (one loop iteration) · Speed · Stop ──► LiveControl (asks the driver)
//!  end ──► PreviewJob::of_trace in slices (status: finishing_line) ──► LiveResult:
//!          outcome (Stopped by you, the run cap, the event cap), live vs preview
//! ```
//!
//! A blocking step is a real busy-wait: the page freezes for as long
//! (capped at [`MAX_BLOCK_MS`] per step, [`MAX_RUN_MS`] per run). That is the
//! lesson; the warning ([`crate::live::cap_warning`]) says so before a run
//! the caps would cut, and offers a scale that fits. Keyboard: every
//! control is a button or a select; inside the controls, `k` pauses or
//! resumes, `.` steps, Escape stops.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::computing::slice;
use super::state::{LiveResult, LiveState, Playground, use_playground};
use super::testid;
use crate::driver::live::{LiveControl, LiveProgress, LiveRun, next_task, run_live};
use crate::engine::Outcome;
use crate::format::{real_ms, seconds};
use crate::limits::{MAX_BLOCK_MS, MAX_RUN_MS};
use crate::live::{
    LIVE_SPEEDS, Progress, cap_warning, end_line, finishing_line, percentiles, status_line,
};
use crate::preview::scale_label;
use crate::preview::{Preview, PreviewJob};
use crate::scenario::Scenario;
use crate::time::Micros;

/// Index of speed ×1 in [`LIVE_SPEEDS`].
const NORMAL_SPEED: usize = 2;

/// The live run's buttons: Run live, Pause/Resume, Step, Speed, Stop, and
/// the progress bar.
#[component]
pub fn LiveControls() -> impl IntoView {
    let playground = use_playground();
    let control = StoredValue::new_local(None::<LiveControl>);
    let speed = RwSignal::new(NORMAL_SPEED);
    let running = move || playground.live_running();
    // Over, its figures being worked out: nothing to pause, step or stop.
    let playing = move || playground.live_playing();
    // A big scenario's first preview is still being computed: a live run
    // needs its baseline (the speedup) and its size.
    let unready = move || playground.preview.with(|p| p.is_pending());
    let paused = move || {
        playing()
            && playground
                .live
                .with(|l| l.as_ref().is_some_and(|l| l.paused))
    };
    let ask = move |f: &dyn Fn(&LiveControl)| {
        control.with_value(|c| {
            if let Some(c) = c {
                f(c);
            }
        });
    };
    let start = move |_| {
        if playground.live_running() || unready() {
            return;
        }
        let new_control = LiveControl::default();
        control.set_value(Some(new_control.clone()));
        speed.set(NORMAL_SPEED);
        start_run(playground, new_control);
    };
    let stop = move || ask(&|c| c.stop());
    // The run's clock now (see `LiveControl::run_clock`).
    let run_now = move || {
        let now = super::perf::now();
        control.with_value(|c| c.as_ref().map_or(now, |c| c.run_clock(now)))
    };
    let toggle_pause = move || {
        if !playing() {
            return;
        }
        let pause = !paused();
        ask(&|c| c.set_paused(pause));
        // Shown at once; the driver confirms with its next report.
        playground.live.update(|l| {
            if let Some(l) = l.as_mut() {
                l.rebase(run_now());
                l.paused = pause;
            }
        });
    };
    let step = move || {
        if paused() {
            ask(&|c| c.step());
        }
    };
    let set_speed = move |index: usize| {
        let Some(factor) = LIVE_SPEEDS.get(index) else {
            return;
        };
        speed.set(index);
        let base = playground
            .live
            .with_untracked(|l| l.as_ref().map_or(1.0, |l| l.base_scale));
        ask(&|c| c.set_scale(base / factor));
        // Shown at once; the driver confirms with its next report.
        playground.live.update(|l| {
            if let Some(l) = l.as_mut() {
                l.rebase(run_now());
                l.scale = base / factor;
            }
        });
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if !playing() {
            return;
        }
        let handled = match ev.key().as_str() {
            "k" | "K" => {
                toggle_pause();
                true
            }
            "." => {
                step();
                true
            }
            "Escape" => {
                stop();
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
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
                // A run cut short (Stop, a cap) stays where it got to.
                if l.result.as_ref().is_some_and(|r| r.stopped.is_none()) {
                    1.0
                } else {
                    (l.reached as f64 / l.expected.max(1) as f64).min(1.0)
                }
            })
        })
    };
    view! {
        <span
            class="live-controls"
            role="group"
            aria-label="Live run: k pauses or resumes, . steps one loop iteration, Escape stops"
            on:keydown=on_key
        >
            <button
                type="button"
                class="primary"
                node_ref=run_button
                data-testid=testid::LIVE_RUN
                disabled=move || running() || unready()
                on:click=start
                title="Run the pipeline on this page's real event loop"
            >
                "▶ Run live"
            </button>
            <button
                type="button"
                data-testid=testid::LIVE_PAUSE
                disabled=move || !playing()
                aria-pressed=move || paused().to_string()
                title="Pause or resume the live run (k)"
                on:click=move |_| toggle_pause()
            >
                {move || if paused() { "▶ Resume" } else { "‖ Pause" }}
            </button>
            <button
                type="button"
                data-testid=testid::LIVE_STEP
                disabled=move || !paused()
                title="While paused: run one loop iteration (.)"
                on:click=move |_| step()
            >
                "Step ▸"
            </button>
            <label class="live-speed">
                <span class="visually-hidden">"Speed"</span>
                <select
                    data-testid=testid::LIVE_SPEED
                    aria-label="Speed of the live run"
                    disabled=move || !playing()
                    on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                            set_speed(index);
                        }
                    }
                >
                    {speed_options(&LIVE_SPEEDS, speed)}
                </select>
            </label>
            <button
                type="button"
                node_ref=stop_button
                data-testid=testid::LIVE_STOP
                disabled=move || !playing()
                title="Stop the live run (Escape)"
                on:click=move |_| stop()
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

/// The `<option>`s of a speed select: `×factor` for each of `speeds`, the
/// one at index `speed` selected (the live run's and the replay's).
pub fn speed_options(speeds: &'static [f64], speed: RwSignal<usize>) -> impl IntoView {
    speeds
        .iter()
        .enumerate()
        .map(|(i, factor)| {
            view! {
                <option value=i.to_string() prop:selected=move || speed.get() == i>
                    {format!("×{factor}")}
                </option>
            }
        })
        .collect_view()
}

fn start_run(playground: Playground, control: LiveControl) {
    let preview = playground.preview.get_untracked();
    let scenario: Scenario = preview.scenario.clone();
    let sync_makespan = crate::time::micros_from_ms(preview.stats.sync_makespan_ms);
    let expected_events = preview.trace.events.len();
    let scale = playground.scale_untracked();
    playground.live.set(Some(LiveState {
        raw: scenario.raw.clone(),
        view: None,
        base_scale: scale,
        scale,
        reached: 0,
        real_ms: 0.0,
        reported_at: super::perf::now(),
        paused: false,
        undrawn: false,
        expected: preview.timeline.end.max(1),
        finishing: None,
        result: None,
    }));
    playground.show_live.set(true);
    playground.live_now.set(Some(0));
    tick(playground, control.clone());
    spawn_local(async move {
        let on_progress = {
            let scenario = scenario.clone();
            move |progress: LiveProgress| report(playground, &scenario, sync_makespan, progress)
        };
        let run = run_live(&scenario, scale, expected_events, control, on_progress).await;
        finish(playground, scenario, sync_makespan, run).await;
    });
}

/// A progress report: the trace so far laid out (spans in progress drawn
/// up to now), and where the run is.
fn report(playground: Playground, scenario: &Scenario, sync_makespan: Micros, p: LiveProgress) {
    let view = p.trace.map(|trace| {
        // Cut short "so far": the makespan is the time reached, not the last item.
        Arc::new(Preview::of_trace(
            scenario.clone(),
            trace,
            Outcome::Stopped,
            sync_makespan,
            p.now,
        ))
    });
    let undrawn = view.is_none();
    playground.live.try_update(|l| {
        if let Some(l) = l.as_mut().filter(|l| l.result.is_none()) {
            if view.is_some() {
                l.view = view;
            }
            l.undrawn = undrawn;
            l.reached = p.now;
            l.real_ms = p.real_ms;
            l.scale = p.scale;
            l.paused = p.paused;
            l.reported_at = p.at;
        }
    });
    // The "now" line moves with the status, even when the frames that move
    // it in between were skipped (the page keeping still, or frozen by a
    // block).
    playground.live_now.try_set(Some(p.now));
}

/// How often a page keeping still for a live run looks whether it may
/// move again, ms.
const QUIET_POLL_MS: u64 = 4;

/// Each frame while a run is in progress: moves "now" on from the last
/// report at the run's scale (it stays put while paused, and while the
/// run asks the page to keep still before a timer).
fn tick(playground: Playground, control: LiveControl) {
    request_animation_frame(move || {
        let now = playground.live.try_with_untracked(|l| {
            let l = l
                .as_ref()
                .filter(|l| l.result.is_none() && l.finishing.is_none())?;
            Some(l.now_at(control.run_clock(super::perf::now())))
        });
        match now {
            Some(Some(_)) if control.quiet(super::perf::now()) => {
                // No frame is asked for while a timer is about to fall due:
                // even an empty one costs this thread a millisecond or two
                // of the browser's (style, hit testing, paint). Look again
                // in a few ms, from a plain timer task.
                set_timeout(
                    move || tick(playground, control),
                    std::time::Duration::from_millis(QUIET_POLL_MS),
                );
            }
            Some(Some(now)) => {
                playground.live_now.try_set(Some(now));
                tick(playground, control);
            }
            Some(None) => {
                playground.live_now.try_set(None);
            }
            None => {}
        }
    });
}

/// The run is over: its figures are worked out from its trace in slices
/// between frames (a preview job from its stats on: at millions of events,
/// one go held the page for 0.2 s and more), the status saying so meanwhile.
async fn finish(playground: Playground, scenario: Scenario, sync_makespan: Micros, run: LiveRun) {
    let (p50, p99) = percentiles(&run.lateness_ms);
    let LiveRun {
        trace,
        outcome,
        lateness_ms,
        capped_blocks,
        real_ms,
        reached,
    } = run;
    let mut line = Some(finishing_line(&outcome, reached, trace.events.len()));
    let mut job = PreviewJob::of_trace(scenario, trace, outcome.clone(), sync_makespan, reached);
    playground.live_now.try_set(None);
    // A small run is done within the first slice, at once.
    let view = loop {
        if let Some(view) = slice(&mut job) {
            break view;
        }
        if let Some(line) = line.take() {
            playground.live.try_update(|l| {
                if let Some(l) = l.as_mut() {
                    l.reached = reached;
                    l.finishing = Some(line);
                }
            });
        }
        next_task().await;
    };
    let result = LiveResult {
        stopped: view.summary().stopped,
        outcome,
        real_ms,
        lateness_p50_ms: p50,
        lateness_p99_ms: p99,
        timers: lateness_ms.len(),
        capped_blocks,
    };
    playground.live.try_update(|l| {
        if let Some(l) = l.as_mut() {
            l.reached = view.timeline.end;
            l.view = Some(Arc::new(view));
            l.undrawn = false;
            l.finishing = None;
            l.result = Some(result);
        }
    });
}

/// The live run's caps, the warning before a run they would cut, the
/// status, and the result beside the preview's.
#[component]
pub fn LivePanel() -> impl IntoView {
    let playground = use_playground();
    let status = move || {
        playground.live.with(|l| {
            let Some(l) = l.as_ref() else {
                return String::new();
            };
            if let (None, Some(line)) = (&l.result, &l.finishing) {
                return line.clone();
            }
            match &l.result {
                None => {
                    let mut line = status_line(&Progress {
                        reached: l.reached,
                        expected: l.expected,
                        real_ms: l.real_ms,
                        scale: l.scale,
                        paused: l.paused,
                    });
                    if l.undrawn {
                        line.push_str(
                            " Too many events to draw while running: the chart is drawn at the end.",
                        );
                    }
                    line
                }
                Some(r) => end_line(&r.outcome, r.stopped.as_ref(), r.real_ms),
            }
        })
    };
    let finished = move || {
        playground
            .live
            .with(|l| l.as_ref().is_some_and(|l| l.result.is_some()))
    };
    let warning = Memo::new(move |_| {
        let scale = playground.scale();
        playground.preview.with(|p| {
            let makespan = crate::time::micros_from_ms(p.stats.makespan_ms);
            cap_warning(p.timeline.longest_block, makespan, scale)
        })
    });
    let fix = move |_| {
        if let Some(scale) = warning.with_untracked(|w| w.as_ref().and_then(|w| w.suggested)) {
            playground.scale_choice.set(Some(scale));
        }
    };
    view! {
        <section class="live-panel" aria-label="Live run">
            <p class="live-caps">
                {format!(
                    "Run live plays the pipeline on this page's own event loop. Blocking steps really freeze the page (each capped at {} s); a run stops after {} s. While it runs: Pause, Step one loop iteration, change the speed, Stop.",
                    MAX_BLOCK_MS / 1000.0,
                    MAX_RUN_MS / 1000.0,
                )}
            </p>
            <Show when=move || warning.with(Option::is_some) && !playground.live_running()>
                <p class="cap-warning" role="note" data-testid=testid::CAP_WARNING>
                    {move || warning.with(|w| w.as_ref().map(ToString::to_string))}
                    {move || {
                        warning
                            .with(|w| w.as_ref().and_then(|w| w.suggested))
                            .map(|scale| {
                                view! {
                                    " "
                                    <button type="button" data-testid=testid::CAP_FIX on:click=fix>
                                        {format!("Use {}", scale_label(scale))}
                                    </button>
                                }
                            })
                    }}
                </p>
            </Show>
            <p class="live-status" role="status" data-testid=testid::LIVE_STATUS>
                {status}
            </p>
            <Show when=finished>
                <LiveResultTable />
            </Show>
        </section>
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
            let items = l.view.as_ref().map_or(0, |v| v.stats.items_done);
            let total = l.view.as_ref().map_or(0, |v| v.scenario.item_count());
            vec![
                (
                    "Makespan (scenario time)",
                    seconds(makespan),
                    seconds(live_makespan),
                    testid::LIVE_MAKESPAN,
                ),
                (
                    "Items done",
                    total.to_string(),
                    format!("{items} of {total}"),
                    "",
                ),
                ("Output", output, live_output, ""),
                (
                    "Real duration",
                    format!("{} planned", real_ms(makespan * l.base_scale)),
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
        <p class="hint">
            "Timer lateness: how late the page collected each timer after the model says it could (its deadline, or the end of the block holding the loop then)."
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
