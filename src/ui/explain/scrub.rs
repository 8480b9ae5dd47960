//! The scrubber: a playhead over the run and the loop's state there.
//!
//! ```text
//!  playhead ◄── slider · ← → (previous / next event) · Home End · buttons · press/drag the chart's axis
//!     │          Points::step(playhead, end, Step)
//!     ▼  Points::at(t) ──► event index ──► state_after(scenario, trace, index) ──► state_rows
//!  Running     myproc·3 (blocking: nothing else runs)
//!  Ready queue [myproc·4, myproc·5]
//!  Timers      [myproc·1 due 5 s (overdue), myproc·2 due 7.5 s]
//!  Queue → B   [H, E]          api: holding [...] · waiting [...]
//! ```
//!
//! Stepping goes from instant to instant where something happens, as easily
//! backwards as forwards: every state is recomputed from the trace, so
//! nothing has to be undone. Works on the preview and on a live run.

use leptos::prelude::*;

use crate::insight::describe::{StateRow, playhead_line, state_rows};
use crate::insight::scrub::{Points, Step, state_after};
use crate::time::Micros;
use crate::ui::state::use_playground;
use crate::ui::testid;

/// The state panel at one playhead.
#[derive(Clone, Debug, PartialEq)]
struct AtPlayhead {
    /// The playhead, µs (within the run).
    playhead: Micros,
    /// Where it is, in words.
    line: String,
    /// The loop's state there.
    rows: Vec<StateRow>,
}

/// The Scrub tab: the slider, the step buttons, where the playhead is, and
/// the loop's state there.
#[component]
pub fn ScrubTab() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let playhead = playground.playhead;
    let end = move || shown.with(|p| p.timeline.end);
    let at = move || playhead.get().unwrap_or(0).min(end());
    let go = move |to: Step| {
        let next = shown.with_untracked(|p| {
            let end = p.timeline.end;
            let now = playhead.get_untracked().unwrap_or(0).min(end);
            Points::new(&p.trace).step(now, end, to)
        });
        if let Some(t) = next {
            playhead.set(Some(t));
        }
    };
    let state = Memo::new(move |_| {
        let t = at();
        shown.with(|p| {
            let points = Points::new(&p.trace);
            let index = points.at(t);
            AtPlayhead {
                playhead: t,
                line: playhead_line(t, index.map(|i| (i, points.time(i))), p.trace.events.len()),
                rows: state_rows(
                    &p.scenario,
                    &p.trace,
                    &state_after(&p.scenario, &p.trace, index),
                    t,
                ),
            }
        })
    });
    view! {
        <p class="hint">
            "Move the playhead with the slider, or press the chart's time axis and drag. On the slider, ← and → step to the previous and next instant where something happens; Home and End jump to the start and the end."
        </p>
        <div class="scrub-controls">
            <button
                type="button"
                data-testid=testid::SCRUB_START
                aria-label="Start (Home)"
                title="Start (Home)"
                on:click=move |_| go(Step::Start)
            >
                "Start"
            </button>
            <button
                type="button"
                data-testid=testid::SCRUB_PREVIOUS
                aria-label="Previous event (←)"
                title="Previous event (←)"
                on:click=move |_| go(Step::Previous)
            >
                "◀ previous"
            </button>
            <input
                type="range"
                class="scrub-range"
                data-testid=testid::SCRUB_RANGE
                aria-label="Playhead (µs): ← → previous and next event, Home and End"
                min="0"
                step="1"
                max=move || end().to_string()
                prop:value=move || at().to_string()
                on:input:target=move |ev| {
                    if let Ok(t) = ev.target().value().parse::<Micros>() {
                        playhead.set(Some(t));
                    }
                }
                on:keydown=move |ev| {
                    if let Some(to) = Step::of_key(&ev.key()) {
                        ev.prevent_default();
                        go(to);
                    }
                }
            />
            <button
                type="button"
                data-testid=testid::SCRUB_NEXT
                aria-label="Next event (→)"
                title="Next event (→)"
                on:click=move |_| go(Step::Next)
            >
                "next ▶"
            </button>
            <button
                type="button"
                data-testid=testid::SCRUB_END
                aria-label="End (End)"
                title="End (End)"
                on:click=move |_| go(Step::End)
            >
                "End"
            </button>
        </div>
        <p
            class="scrub-readout"
            data-testid=testid::SCRUB_TIME
            data-us=move || state.with(|s| s.playhead.to_string())
        >
            {move || state.with(|s| s.line.clone())}
        </p>
        <dl class="loop-state" data-testid=testid::SCRUB_STATE>
            <For each=move || state.with(|s| s.rows.clone()) key=|row| row.clone() let:row>
                <StateRowView row=row />
            </For>
        </dl>
    }
}

/// One row of the loop's state: its label, then its entries (a list in
/// brackets; an overdue timer stands out).
#[component]
fn StateRowView(
    /// The row.
    row: StateRow,
) -> impl IntoView {
    let entries = row
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            view! {
                {(i > 0).then_some(", ")}
                <span class=if entry.flagged { "entry overdue" } else { "entry" }>{entry.text}</span>
            }
        })
        .collect_view();
    view! {
        <dt>{row.label}</dt>
        <dd data-key=row.key>{row.list.then_some("[")}{entries}{row.list.then_some("]")}</dd>
    }
}
