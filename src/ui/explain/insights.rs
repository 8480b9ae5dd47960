//! The insights line under the stats, and the blocking blame list.
//!
//! ```text
//!  displayed ──► Preview::insights (findings, computed once) ──► <li> figure · sentence   (InsightsLine)
//!            ├─► Preview::blame (blame_rows, computed once) ──► ranked <button>s ──hover/focus──► focus ──► chart outline
//!            │                                                   └─click: keep it outlined (pinned)
//!            └─► bound_sentence(preview's bounds) ──► what no schedule can beat
//! ```
//!
//! The outline lasts as long as its entry: when the tab closes, or a new
//! run no longer has that blocking step, it goes.

use leptos::prelude::*;

use crate::insight::describe::{BlameRow, bound_sentence};
use crate::ui::state::{Focus, use_playground};
use crate::ui::testid;

/// A few plain sentences about the run shown, each with its number.
#[component]
pub fn InsightsLine() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    // Findings need the whole run: a live run in progress has none yet.
    let running = move || playground.showing_live_progress();
    let found = move || {
        if running() {
            return Vec::new();
        }
        shown.with(|p| p.insights().to_vec())
    };
    view! {
        <p class="insights-wait" hidden=move || !running()>
            "Insights, the speedup and the bounds come at the end of the run."
        </p>
        <ul class="insights" data-testid=testid::INSIGHTS aria-label="Insights">
            <For
                each=found
                key=|insight| (insight.topic.id(), insight.figure.clone(), insight.text.clone())
                let:insight
            >
                <li data-topic=insight.topic.id()>
                    <span class="insight-figure">{insight.figure}</span>
                    <span class="insight-text">{insight.text}</span>
                </li>
            </For>
        </ul>
    }
}

/// The Insights & blame tab: the blocking steps ranked by the waiting they
/// caused, then the lower bound and what sets it.
#[component]
pub fn BlameTab() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let focus = playground.focus;
    // The entry clicked to keep its span outlined.
    let pinned = RwSignal::new(None::<Focus>);
    let blame = Memo::new(move |_| shown.with(|p| p.blame().clone()));
    let bound = move || {
        if playground.showing_live_progress() {
            return "The bound comes at the end of the run.".to_string();
        }
        shown.with(|p| match p.bounds() {
            Some(bounds) => bound_sentence(&p.scenario, bounds),
            None => "The bound comes once the run is computed.".to_string(),
        })
    };
    // The tab closes: nothing stays outlined.
    on_cleanup(move || {
        focus.try_set(None);
    });
    view! {
        <h3>"Blocking blame"</h3>
        <p class="hint">
            "Each blocking step, with the tasks it kept ready but not running and how long in all. Hover or focus one to outline it on the chart; click to keep it outlined."
        </p>
        <ol class="blame-list" data-testid=testid::BLAME_LIST>
            <Show when=move || blame.with(|(rows, _)| rows.is_empty())>
                <li class="empty">"No blocking step kept another task waiting."</li>
            </Show>
            <For each=move || blame.get().0 key=|row| row.clone() let:row>
                <BlameEntry row=row pinned=pinned />
            </For>
            {move || {
                let more = blame.with(|(_, more)| *more);
                (more > 0).then(|| view! { <li class="more">{format!("… and {more} more")}</li> })
            }}
        </ol>
        <h3>"Lower bound"</h3>
        <p class="bound" data-testid=testid::BOUND>
            {bound}
        </p>
    }
}

/// One blame entry: outlines its span while hovered or focused; a click
/// keeps it outlined (or lets it go).
#[component]
fn BlameEntry(
    /// The blocking step.
    row: BlameRow,
    /// The entry kept outlined, shared by the list.
    pinned: RwSignal<Option<Focus>>,
) -> impl IntoView {
    let focus = use_playground().focus;
    let mine = Focus {
        task: row.task,
        start: row.start,
        end: row.end,
    };
    let show = move || focus.set(Some(mine));
    let hide = move || focus.set(pinned.get_untracked());
    let toggle = move || {
        let again = pinned.get_untracked() == Some(mine);
        pinned.set((!again).then_some(mine));
        focus.set(Some(mine));
    };
    // The entry goes (another run, the tab closes): so does its outline.
    on_cleanup(move || {
        if pinned.try_get_untracked().flatten() == Some(mine) {
            pinned.try_set(None);
        }
        if focus.try_get_untracked().flatten() == Some(mine) {
            focus.try_set(None);
        }
    });
    view! {
        <li>
            <button
                type="button"
                class="blame"
                data-testid=testid::BLAME_ENTRY
                data-index=row.rank
                aria-pressed=move || (pinned.get() == Some(mine)).to_string()
                on:pointerenter=move |_| show()
                on:focus=move |_| show()
                on:pointerleave=move |_| hide()
                on:blur=move |_| hide()
                on:click=move |_| toggle()
            >
                {row.text}
            </button>
        </li>
    }
}
