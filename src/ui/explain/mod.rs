//! The Explain panel under the chart: why the run looks the way it does.
//!
//! ```text
//!  ┌ [Insights & blame] [Ordering] [Scrub] [Sweep] [Compare] ┐  role=tablist (← → Home End)
//!  │ one panel per tab, built once; the open one is shown:    │
//!  │   insights.rs  blocking blame, ranked ──hover──► focus (chart outline); lower bound
//!  │   ordering.rs  per stage: lines in → out, inversions, "ordered" toggle and its cost
//!  │   scrub.rs     playhead (slider, keys, chart axis) ──► loop state at that point
//!  │   sweep.rs     parameter × values ──► plot + table ──click──► editor
//!  │   compare.rs   B = copy / synchronous baseline / partner; differences
//!  └──────────────────────────────────────────────────────────┘
//!  also here: insights.rs InsightsLine (under the stats), lineage.rs (under the chart)
//! ```
//!
//! Every view derives its numbers from the run the chart shows
//! (`displayed`: the preview, or the live run). The panels are built with
//! [`crate::ui::dom`] (elements by hand, one delegated listener per panel,
//! effects that redraw a region): far less wasm than a view per shape. A
//! hidden panel's effects return early without reading its memos, so a
//! closed tab computes nothing.

pub mod compare;
pub mod insights;
pub mod lineage;
pub mod ordering;
pub mod scrub;
pub mod sweep;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::dom::{Dom, acted, find, flag, listen};
use super::state::{Playground, Tab};
use super::testid;

pub use compare::CompareLabel;
pub use insights::InsightsLine;
pub use lineage::Lineage;

/// The tabs: (tab, id used in element ids, title).
const TABS: [(Tab, &str, &str); 5] = [
    (Tab::Insights, "insights", "Insights & blame"),
    (Tab::Ordering, "ordering", "Ordering"),
    (Tab::Scrub, "scrub", "Scrub"),
    (Tab::Sweep, "sweep", "Sweep"),
    (Tab::Compare, "compare", "Compare"),
];

/// Whether `tab` is open (tracked): a panel's effects start with it.
pub fn open(playground: Playground, tab: Tab) -> bool {
    playground.tab.get() == tab
}

/// The Explain panel; its contents are built into it once mounted.
#[component]
pub fn ExplainPanel() -> impl IntoView {
    let playground = super::state::use_playground();
    let root = NodeRef::<leptos::html::Section>::new();
    root.on_load(move |el| build(&el, playground));
    view! { <section class="explain" data-testid=testid::EXPLAIN aria-label="Explain the run" node_ref=root></section> }
}

fn build(root: &Element, playground: Playground) {
    // The skeleton is static markup from this crate: tabs, then the panels.
    let mut html =
        String::from(r#"<div class="tabs" role="tablist" aria-label="Explain the run">"#);
    for (index, (_, id, title)) in TABS.iter().enumerate() {
        html.push_str(&format!(
            r#"<button type="button" role="tab" id="tab-{id}" data-testid="{}" data-tab="{id}" data-act="tab" data-index="{index}" aria-controls="panel-{id}">{title}</button>"#,
            testid::EXPLAIN_TAB
        ));
    }
    html.push_str("</div>");
    for (tab, id, _) in TABS {
        let inner = match tab {
            Tab::Insights => insights::HTML,
            Tab::Ordering => ordering::HTML,
            Tab::Scrub => scrub::HTML,
            Tab::Sweep => sweep::HTML,
            Tab::Compare => compare::HTML,
        };
        html.push_str(&format!(
            r#"<div class="tab-panel" role="tabpanel" id="panel-{id}" aria-labelledby="tab-{id}" data-testid="{}" data-tab="{id}">{inner}</div>"#,
            testid::EXPLAIN_PANEL
        ));
    }
    root.set_inner_html(&html);
    let Some(document) = root.owner_document() else {
        return;
    };
    let mut buttons = Vec::new();
    let mut panels = Vec::new();
    for (tab, id, _) in TABS {
        let (Some(button), Some(panel)) = (
            find(root, &format!("#tab-{id}")),
            find(root, &format!("#panel-{id}")),
        ) else {
            return;
        };
        let inside = Dom::html(&panel, &document);
        match tab {
            Tab::Insights => insights::build(&inside, playground),
            Tab::Ordering => ordering::build(&inside, playground),
            Tab::Scrub => scrub::build(&inside, playground),
            Tab::Sweep => sweep::build(&inside, playground),
            Tab::Compare => compare::build(&inside, playground),
        }
        buttons.push(button);
        panels.push(panel);
    }
    let tab = playground.tab;
    Effect::new(move |_| {
        let open = tab.get();
        for ((button, panel), &(which, _, _)) in buttons.iter().zip(&panels).zip(&TABS) {
            let selected = which == open;
            let _ = button.set_attribute("aria-selected", if selected { "true" } else { "false" });
            let _ = button.set_attribute("tabindex", if selected { "0" } else { "-1" });
            flag(panel, "hidden", !selected);
        }
    });
    let Some(strip) = find(root, ".tabs") else {
        return;
    };
    let strip_el = strip.clone();
    listen(&strip, &["click", "keydown"], move |ev| {
        let Some((_, at)) = acted(ev) else {
            return;
        };
        let next = match ev.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()) {
            None => at,
            Some(key) => match key.as_str() {
                "ArrowRight" => (at + 1) % TABS.len(),
                "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            },
        };
        ev.prevent_default();
        tab.set(TABS[next.min(TABS.len() - 1)].0);
        if let Some(button) = find(&strip_el, &format!("[data-index=\"{next}\"]"))
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    });
}
