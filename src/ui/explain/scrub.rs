//! The scrubber: a playhead over the run and the loop's state there.
//!
//! ```text
//!  playhead ◄── slider · ← → (previous / next event) · Home End · buttons · press/drag the chart's axis
//!     │
//!     ▼  Points::at(t) ──► event index ──► state_after(scenario, trace, index)
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
use wasm_bindgen::JsCast;

use super::open;
use crate::insight::describe::{state_rows, time};
use crate::insight::scrub::{Points, state_after};
use crate::time::Micros;
use crate::ui::dom::{Dom, acted, by_testid, listen, rebuild, set_prop, value_of};
use crate::ui::state::{Playground, Tab};
use crate::ui::testid;

/// The Scrub tab's markup.
pub const HTML: &str = r#"<p class="hint">Move the playhead with the slider, or press the chart's time axis and drag. On the slider, ← and → step to the previous and next instant where something happens; Home and End jump to the start and the end.</p><div class="scrub-controls"><button type="button" data-act="Home" data-testid="scrub-start" aria-label="Start (Home)" title="Start (Home)">Start</button><button type="button" data-act="ArrowLeft" data-testid="scrub-previous" aria-label="Previous event (←)" title="Previous event (←)">◀ previous</button><input type="range" class="scrub-range" data-act="range" data-testid="scrub-range" aria-label="Playhead (µs): ← → previous and next event, Home and End" min="0" step="1"><button type="button" data-act="ArrowRight" data-testid="scrub-next" aria-label="Next event (→)" title="Next event (→)">next ▶</button><button type="button" data-act="End" data-testid="scrub-end" aria-label="End (End)" title="End (End)">End</button></div><p class="scrub-readout" data-testid="scrub-time"></p><dl class="loop-state" data-testid="scrub-state"></dl>"#;

/// The Scrub tab: the slider, the step buttons, where the playhead is, and
/// the loop's state there.
pub fn build(dom: &Dom<'_>, playground: Playground) {
    let shown = playground.displayed;
    let playhead = playground.playhead;
    // The playhead within the run (tracked), and the run's stopping points.
    let at = move || {
        let end = shown.with(|p| p.timeline.end);
        (playhead.get().unwrap_or(0).min(end), end)
    };
    let go = move |key: &str| -> bool {
        let next = untrack(|| {
            let (t, end) = at();
            let points = shown.with(|p| Points::new(&p.trace));
            match key {
                "ArrowRight" | "ArrowUp" => Some(points.next(t)),
                // Back from the instant shown, not from the playhead.
                "ArrowLeft" | "ArrowDown" => {
                    let shown_at = points.at(t).map_or(0, |i| points.time(i));
                    Some(Some(points.previous(shown_at).unwrap_or(0)))
                }
                "Home" => Some(Some(0)),
                "End" => Some(Some(end)),
                _ => None,
            }
        });
        if let Some(Some(t)) = next {
            playhead.set(Some(t));
        }
        next.is_some()
    };
    let (Some(range), Some(readout), Some(state)) = (
        by_testid(dom.parent, testid::SCRUB_RANGE),
        by_testid(dom.parent, testid::SCRUB_TIME),
        by_testid(dom.parent, testid::SCRUB_STATE),
    ) else {
        return;
    };
    Effect::new(move |_| {
        if !open(playground, Tab::Scrub) {
            return;
        }
        let (t, end) = at();
        let _ = range.set_attribute("max", &end.to_string());
        set_prop(&range, "value", &t.to_string().into());
        rebuild(&state, &|dom| {
            shown.with(|p| {
                let points = Points::new(&p.trace);
                let index = points.at(t);
                let text = match index {
                    None => format!("Playhead at {}: before the first event.", time(t)),
                    Some(i) => format!(
                        "Playhead at {}: the loop after event {} of {} (at {}).",
                        time(t),
                        i + 1,
                        p.trace.events.len(),
                        time(points.time(i))
                    ),
                };
                readout.set_text_content(Some(&text));
                let _ = readout.set_attribute("data-us", &t.to_string());
                let loop_state = state_after(&p.scenario, &p.trace, index);
                for row in state_rows(&p.scenario, &p.trace, &loop_state, t) {
                    dom.text("dt", &[], &row.label);
                    let Some(dd) = dom.el("dd", &[("data-key", &row.key)]) else {
                        continue;
                    };
                    let dd = dom.within(&dd);
                    if row.list {
                        dd.plain("[");
                    }
                    for (i, entry) in row.entries.iter().enumerate() {
                        if i > 0 {
                            dd.plain(", ");
                        }
                        let class = if entry.flagged {
                            "entry overdue"
                        } else {
                            "entry"
                        };
                        dd.text("span", &[("class", class)], &entry.text);
                    }
                    if row.list {
                        dd.plain("]");
                    }
                }
            });
        });
    });
    listen(dom.parent, &["click", "input", "keydown"], move |ev| {
        let Some((act, _)) = acted(ev) else {
            return;
        };
        match (ev.type_().as_str(), act.as_str()) {
            ("input", "range") => {
                if let Ok(t) = value_of(ev).parse::<Micros>() {
                    playhead.set(Some(t));
                }
            }
            ("keydown", "range") => {
                let key = ev
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .map(|k| k.key())
                    .unwrap_or_default();
                if go(&key) {
                    ev.prevent_default();
                }
            }
            ("click", key) => {
                go(key);
            }
            _ => {}
        }
    });
}
