//! Replay: the run (preview or live) played back one loop iteration at a
//! time, with the event loop drawn the way a learner pictures it.
//!
//! ```text
//!  ◀ back · ▶ Play / ⏸ Pause · forward ▶ · speed        ← → step, Space plays or pauses
//!  position ──► Positions::last_event ──► state_after ──► state_rows ──► drawn:
//!    ┌ the loop ┐  holder (running / blocking)
//!    ready queue  [w·2] → [w·3] → …        in the order the loop will run them
//!    timers       [w·1 due 1.5 s] …        earliest deadline first
//!    queue → B    [H] [E]                  head first
//!    lock "file"  holding [w·4] · waiting [w·5] …
//!  Play: requestAnimationFrame; the replay clock moves by real time ÷ scale
//! ```
//!
//! Every state is recomputed from the trace, so stepping back is exact. The
//! chart's playhead follows the replay (the playground's `playhead`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::insight::describe::{StateRow, state_rows};
use crate::insight::replay::{Positions, REPLAY_SPEEDS, position_line};
use crate::insight::scrub::state_after;
use crate::preview::live_scale;
use crate::ui::live::speed_options;
use crate::ui::perf;
use crate::ui::state::use_playground;
use crate::ui::testid;

/// Index of speed ×1 in [`REPLAY_SPEEDS`].
const NORMAL_SPEED: usize = 2;

/// The Replay tab.
#[component]
pub fn ReplayTab() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let positions = Memo::new_with_compare(
        move |_| shown.with(|p| Arc::new(Positions::new(&p.trace))),
        |_, _| true,
    );
    // Start where the playhead is (the start if it is not placed).
    let start =
        positions.with_untracked(|p| playground.playhead.get_untracked().map_or(0, |t| p.at(t)));
    let position = RwSignal::new(start);
    let playing = RwSignal::new(false);
    let speed = RwSignal::new(NORMAL_SPEED);
    let clock = StoredValue::new(0.0_f64);
    // Moves the replay, and the chart's playhead with it.
    let go = move |to: usize| {
        let to = positions.with_untracked(|p| to.min(p.last()));
        position.set(to);
        let time = positions.with_untracked(|p| p.time(to));
        clock.set_value(time as f64);
        playground.playhead.set(Some(time));
    };
    let step = move |forwards: bool| {
        playing.set(false);
        let now = position.get_untracked();
        go(positions.with_untracked(|p| p.step(now, forwards)));
    };
    let scale = move || {
        let end = shown.with_untracked(|p| p.timeline.end);
        live_scale(end)
            / REPLAY_SPEEDS
                .get(speed.get_untracked())
                .copied()
                .unwrap_or(1.0)
    };
    // One frame of playing, `dt` real ms after the last; `false` stops.
    let tick = move |dt: f64| {
        if playing.try_get_untracked() != Some(true) {
            return false;
        }
        let at = position.get_untracked();
        let (next, time) = positions.with_untracked(|p| p.play(at, clock.get_value(), dt, scale()));
        clock.set_value(time);
        if next != at {
            position.set(next);
        }
        playground.playhead.set(Some(time as u64));
        let more = !positions.with_untracked(|p| p.at_end(next));
        if !more {
            playing.set(false);
        }
        more
    };
    let toggle = move || {
        if playing.get_untracked() {
            playing.set(false);
            return;
        }
        if positions.with_untracked(|p| p.at_end(position.get_untracked())) {
            go(0);
        }
        playing.set(true);
        play_frames(perf::now(), tick);
    };
    on_cleanup(move || {
        playing.try_set(false);
    });
    let state = Memo::new(move |_| {
        let at = position.get();
        shown.with(|run| {
            positions.with(|p| {
                let last_event = p.last_event(at);
                let loop_state = state_after(&run.scenario, &run.trace, last_event);
                let rows = state_rows(&run.scenario, &run.trace, &loop_state, p.time(at));
                (position_line(p, at), rows)
            })
        })
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "ArrowLeft" => {
                step(false);
                true
            }
            "ArrowRight" => {
                step(true);
                true
            }
            " " => {
                toggle();
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };
    view! {
        <p class="hint">
            "The run replayed one loop iteration at a time: in each, the loop runs the callbacks that were ready when it started. Play moves through time; back and forward step one iteration, exactly, both ways. Keys: ← → step, Space plays or pauses."
        </p>
        <div class="replay-controls" role="toolbar" aria-label="Replay" on:keydown=on_key>
            <button
                type="button"
                data-testid=testid::REPLAY_BACK
                aria-label="One loop iteration back (←)"
                title="One loop iteration back (←)"
                on:click=move |_| step(false)
            >
                "◀ back"
            </button>
            <button
                type="button"
                class="primary"
                data-testid=testid::REPLAY_PLAY
                aria-pressed=move || playing.get().to_string()
                title="Play or pause (Space)"
                on:click=move |_| toggle()
            >
                {move || if playing.get() { "‖ Pause" } else { "▶ Play" }}
            </button>
            <button
                type="button"
                data-testid=testid::REPLAY_FORWARD
                aria-label="One loop iteration forward (→)"
                title="One loop iteration forward (→)"
                on:click=move |_| step(true)
            >
                "forward ▶"
            </button>
            <select
                data-testid=testid::REPLAY_SPEED
                aria-label="Replay speed"
                on:change=move |ev| {
                    if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                        speed.set(index.min(REPLAY_SPEEDS.len() - 1));
                    }
                }
            >
                {speed_options(&REPLAY_SPEEDS, speed)}
            </select>
        </div>
        <p
            class="replay-position"
            data-testid=testid::REPLAY_POSITION
            data-position=move || position.get().to_string()
            data-us=move || positions.with(|p| p.time(position.get())).to_string()
        >
            {move || state.with(|s| s.0.clone())}
        </p>
        <div
            class="loop-drawing"
            role="img"
            aria-label="The event loop at this point"
            data-testid=testid::REPLAY_LOOP
            data-state=move || {
                state.with(|s| {
                    s.1.iter().map(|r| format!("{}={}", r.key, r.text())).collect::<Vec<_>>().join("; ")
                })
            }
        >
            <For each=move || state.with(|s| s.1.clone()) key=|row| row.clone() let:row>
                <LoopRow row=row />
            </For>
        </div>
    }
}

/// One part of the drawn loop: the holder in the loop's ring, or a row of
/// boxes (the ready queue with arrows, timers, a queue's items, a
/// resource's holders or waiters).
#[component]
fn LoopRow(
    /// The row, from the Scrub panel's data.
    row: StateRow,
) -> impl IntoView {
    let kind = row.key.split('-').next().unwrap_or("row").to_string();
    let class = format!("loop-row loop-{kind}");
    let empty = (row.list && row.entries.is_empty())
        .then(|| view! { <span class="chip-empty">"empty"</span> });
    let chips = row
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let class = if entry.flagged {
                "chip overdue"
            } else {
                "chip"
            };
            view! {
                {(i > 0 && kind == "ready").then_some(view! { <span class="chip-arrow" aria-hidden="true">"→"</span> })}
                <span class=class>{entry.text}</span>
            }
        })
        .collect_view();
    view! {
        <div class=class data-key=row.key.clone()>
            <span class="loop-label">{row.label}</span>
            <span class="chips">{chips} {empty}</span>
        </div>
    }
}

/// Calls `tick` with the real ms since the last frame, every animation
/// frame, until it returns `false`.
fn play_frames(last: f64, tick: impl Fn(f64) -> bool + Copy + 'static) {
    request_animation_frame(move || {
        let now = perf::now();
        if tick(now - last) {
            play_frames(now, tick);
        }
    });
}
