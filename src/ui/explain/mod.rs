//! The Explain panel under the chart: why the run looks the way it does.
//!
//! ```text
//!  ┌ [Insights & blame] [Ordering] [Scrub] [Replay] [Sweep] [Compare] [Python] ┐  role=tablist: ← → Home End
//!  │                                                          │  move and focus (NodeRef)
//!  │ the open tab's panel, rendered only while it is open:    │
//!  │   insights.rs  blocking blame, ranked ──hover──► focus (chart outline); lower bound
//!  │   ordering.rs  per stage: lines in → out, inversions, "ordered" toggle and its cost
//!  │   scrub.rs     playhead (slider, keys, chart axis) ──► loop state at that point
//!  │   replay.rs    play / step by loop iteration ──► the loop drawn (holder, ready queue, timers, queues, resources)
//!  │   sweep.rs     parameter × values ──► plot + table ──click──► editor
//!  │   compare.rs   B = copy / synchronous baseline / partner; differences
//!  └──────────────────────────────────────────────────────────┘
//!  also here: insights.rs InsightsLine (under the stats), lineage.rs Lineage
//!  (under the chart), compare.rs CompareLabel (above each chart)
//! ```
//!
//! Every view derives its numbers from the run the chart shows
//! (`displayed`: the preview, or the live run) through pure functions of
//! the native core ([`crate::insight::describe`], [`crate::plot`],
//! [`crate::sweep`], [`crate::compare`]); the components only place them.
//! A closed tab's panel is not rendered, so it computes nothing.

pub mod compare;
pub mod insights;
pub mod lineage;
pub mod ordering;
pub mod python;
pub mod replay;
pub mod scrub;
pub mod sweep;

use leptos::html;
use leptos::prelude::*;

use super::state::{Tab, use_playground};
use super::testid;

pub use compare::CompareLabel;
pub use insights::InsightsLine;
pub use lineage::Lineage;

/// One tab of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TabInfo {
    /// What it opens.
    tab: Tab,
    /// Its id: in element ids and `data-tab`.
    id: &'static str,
    /// Its title.
    title: &'static str,
}

/// The tabs, in order.
const TABS: [TabInfo; 7] = [
    TabInfo {
        tab: Tab::Insights,
        id: "insights",
        title: "Insights & blame",
    },
    TabInfo {
        tab: Tab::Ordering,
        id: "ordering",
        title: "Ordering",
    },
    TabInfo {
        tab: Tab::Scrub,
        id: "scrub",
        title: "Scrub",
    },
    TabInfo {
        tab: Tab::Replay,
        id: "replay",
        title: "Replay",
    },
    TabInfo {
        tab: Tab::Sweep,
        id: "sweep",
        title: "Sweep",
    },
    TabInfo {
        tab: Tab::Compare,
        id: "compare",
        title: "Compare",
    },
    TabInfo {
        tab: Tab::Python,
        id: "python",
        title: "Python",
    },
];

/// The tab a key moves to from tab `at` of `count` (← → wrap around, Home,
/// End), if the key moves at all.
fn moved(at: usize, count: usize, key: &str) -> Option<usize> {
    match key {
        "ArrowRight" => Some((at + 1) % count),
        "ArrowLeft" => Some((at + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

/// The Explain panel: a tablist and the open tab's panel.
#[component]
pub fn ExplainPanel() -> impl IntoView {
    let tab = use_playground().tab;
    let buttons: [NodeRef<html::Button>; TABS.len()] = std::array::from_fn(|_| NodeRef::new());
    // Selecting from the keyboard moves the focus along (roving tabindex).
    let select_and_focus = move |index: usize| {
        tab.set(TABS[index].tab);
        if let Some(button) = buttons[index].get() {
            let _ = button.focus();
        }
    };
    view! {
        <section class="explain" data-testid=testid::EXPLAIN aria-label="Explain the run">
            <div class="tabs" role="tablist" aria-label="Explain the run">
                <For
                    each=move || TABS.into_iter().enumerate()
                    key=|(_, info)| info.id
                    children=move |(index, info)| {
                        let selected = move || tab.get() == info.tab;
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", info.id)
                                data-testid=testid::EXPLAIN_TAB
                                data-tab=info.id
                                aria-controls=format!("panel-{}", info.id)
                                aria-selected=move || selected().to_string()
                                tabindex=move || if selected() { "0" } else { "-1" }
                                node_ref=buttons[index]
                                on:click=move |_| tab.set(info.tab)
                                on:keydown=move |ev| {
                                    if let Some(next) = moved(index, TABS.len(), &ev.key()) {
                                        ev.prevent_default();
                                        select_and_focus(next);
                                    }
                                }
                            >
                                {info.title}
                            </button>
                        }
                    }
                />
            </div>
            <For
                each=move || TABS
                key=|info| info.id
                children=move |info| {
                    let open = Memo::new(move |_| tab.get() == info.tab);
                    view! {
                        <div
                            class="tab-panel"
                            role="tabpanel"
                            id=format!("panel-{}", info.id)
                            aria-labelledby=format!("tab-{}", info.id)
                            data-testid=testid::EXPLAIN_PANEL
                            data-tab=info.id
                            hidden=move || !open.get()
                        >
                            <Show when=move || open.get()>{move || contents(info.tab)}</Show>
                        </div>
                    }
                }
            />
        </section>
    }
}

/// What a tab's panel holds.
fn contents(tab: Tab) -> AnyView {
    match tab {
        Tab::Insights => view! { <insights::BlameTab /> }.into_any(),
        Tab::Ordering => view! { <ordering::OrderingTab /> }.into_any(),
        Tab::Scrub => view! { <scrub::ScrubTab /> }.into_any(),
        Tab::Replay => view! { <replay::ReplayTab /> }.into_any(),
        Tab::Sweep => view! { <sweep::SweepTab /> }.into_any(),
        Tab::Compare => view! { <compare::CompareTab /> }.into_any(),
        Tab::Python => view! { <python::PythonTab /> }.into_any(),
    }
}
