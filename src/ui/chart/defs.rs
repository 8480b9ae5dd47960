//! Task-state fills: a colour AND a pattern per state (so the chart reads
//! without colour too), as SVG `<pattern>`s, and the legend that shows them.
//!
//! ```text
//!  running ███  blocked ╱╱╱  awaiting I/O ═══  waiting for an item ░░░
//!  waiting for room ║║║  waiting for a resource ╳╳╳  ready ∙∙∙
//! ```
//!
//! Colours come from CSS variables (`--state-*`), so the dark theme only
//! changes variables.

use leptos::prelude::*;

use crate::chart::legend::{asyncio_meaning, state_id};
use crate::trace::TaskState;
use crate::ui::editor::fields::unique_id;
use crate::ui::testid;

/// The states drawn as spans, in legend order (`Done` is not a span).
pub fn drawn_states() -> impl Iterator<Item = TaskState> {
    TaskState::ALL.into_iter().filter(|s| *s != TaskState::Done)
}

/// The `fill` that paints a state: its pattern.
pub fn state_fill(state: TaskState) -> String {
    format!("url(#pat-{})", state_id(state))
}

/// The overlay drawn on a state's colour: `(tile size, path d, dots)`.
fn overlay(state: TaskState) -> (f64, &'static str, bool) {
    match state {
        TaskState::Blocked => (6.0, "M-1 1l2-2M0 6l6-6M5 7l2-2", false),
        TaskState::AwaitingIo => (4.0, "M0 0.5h4", false),
        TaskState::WaitingRoom => (4.0, "M0.5 0v4", false),
        TaskState::WaitingResource => (6.0, "M0 0l6 6M6 0l-6 6", false),
        TaskState::Ready => (4.0, "", true),
        _ => (6.0, "", false),
    }
}

/// The `<pattern>` definitions, one per drawn state (`#pat-running`, …).
#[component]
pub fn StatePatterns() -> impl IntoView {
    let patterns = drawn_states()
        .map(|state| {
            let (size, d, dots) = overlay(state);
            let class = state_id(state);
            view! {
                <pattern
                    id=format!("pat-{class}")
                    width=size
                    height=size
                    patternUnits="userSpaceOnUse"
                >
                    <rect width=size height=size class=format!("pat-bg s-{class}") />
                    {(!d.is_empty()).then(|| view! { <path d=d class="pat-fg" /> })}
                    {dots.then(|| view! { <circle cx="2" cy="2" r="1" class="pat-dot" /> })}
                </pattern>
            }
        })
        .collect_view();
    view! { <defs>{patterns}</defs> }
}

/// The legend: a swatch and a label per state, plus the blocked shading.
/// Each entry explains its state in asyncio terms on hover or focus.
#[component]
pub fn Legend() -> impl IntoView {
    let items = drawn_states()
        .map(|state| {
            let tip = unique_id("legend-tip");
            let described_by = tip.clone();
            view! {
                <li tabindex="0" data-testid=testid::LEGEND_ITEM aria-describedby=described_by>
                    <svg class="swatch" width="22" height="12" aria-hidden="true">
                        <rect width="22" height="12" fill=state_fill(state) class="swatch-rect" />
                    </svg>
                    {state.label()}
                    <span class="legend-tip" role="tooltip" id=tip>
                        {asyncio_meaning(state)}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="legend" data-testid=testid::LEGEND aria-label="Legend: task states">
            {items}
            <li tabindex="0" data-testid=testid::LEGEND_ITEM>
                <svg class="swatch" width="22" height="12" aria-hidden="true">
                    <rect width="22" height="12" class="blocked-band" />
                </svg>
                "loop blocked (all lanes)"
                <span class="legend-tip" role="tooltip">
                    "A blocking call held the event loop: shaded across every lane, because no task could run then."
                </span>
            </li>
        </ul>
    }
}

/// The help under the legend: every state in asyncio terms, and the
/// keyboard shortcuts.
#[component]
pub fn ChartHelp() -> impl IntoView {
    let states = drawn_states()
        .map(|state| {
            view! {
                <dt>
                    <svg class="swatch" width="22" height="12" aria-hidden="true">
                        <rect width="22" height="12" fill=state_fill(state) class="swatch-rect" />
                    </svg>
                    {state.label()}
                </dt>
                <dd>{asyncio_meaning(state)}</dd>
            }
        })
        .collect_view();
    view! {
        <details class="chart-help" data-testid=testid::HELP>
            <summary>"How to read the chart · keyboard shortcuts"</summary>
            <p>
                "One lane per worker task, time left to right. The top lane shows which task holds the event loop. Under the tasks, each queue's depth; at the bottom, the items in the order they left the pipeline (boxes in output order, not at their times)."
            </p>
            <dl class="state-help">{states}</dl>
            <h3>"Keyboard"</h3>
            <dl class="shortcuts">
                <dt><kbd>"Ctrl"</kbd>"+"<kbd>"Z"</kbd>" / "<kbd>"⌘"</kbd>"+"<kbd>"Z"</kbd></dt>
                <dd>"Undo the last edit"</dd>
                <dt><kbd>"Shift"</kbd>"+"<kbd>"Ctrl"</kbd>"+"<kbd>"Z"</kbd>" / "<kbd>"Ctrl"</kbd>"+"<kbd>"Y"</kbd></dt>
                <dd>"Redo"</dd>
                <dt><kbd>"+"</kbd>" "<kbd>"−"</kbd>" "<kbd>"←"</kbd>" "<kbd>"→"</kbd>" "<kbd>"0"</kbd></dt>
                <dd>"On the chart: zoom in, zoom out, pan, the whole run"</dd>
                <dt><kbd>"←"</kbd>" "<kbd>"→"</kbd>" "<kbd>"Home"</kbd>" "<kbd>"End"</kbd></dt>
                <dd>"On the Explain tabs: move between tabs"</dd>
                <dt><kbd>"Tab"</kbd>" at the top of the page"</dt>
                <dd>"“Skip to the chart” jumps past the examples"</dd>
            </dl>
        </details>
    }
}
