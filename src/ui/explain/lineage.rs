//! The selected item's lineage, under the chart: where its latency went.
//!
//! ```text
//!  click an output box ──► selected ──► item_path(scenario, trace, item)
//!    Item “L” (entered 4th, left 5th): 1.5 s in the pipeline          [✕]
//!    ▇▇▇░░░░░▇▇▇▇▇▇▇▇                 one bar segment per leg (queued · served · reorder)
//!    queued → B (t=…)   0.3 s
//!    served by B·3      1.2 s
//! ```
//!
//! The chart outlines the item's spans in every lane meanwhile.

use leptos::prelude::*;

use crate::insight::describe::{ItemPath, item_path};
use crate::insight::lineage::LegKind;
use crate::ui::state::use_playground;
use crate::ui::testid;

/// The selected item's path and latency split (hidden when none is selected).
#[component]
pub fn Lineage() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let selected = playground.selected;
    let path = Memo::new(move |_| {
        let item = selected.get()?;
        Some(shown.with(|p| item_path(&p.scenario, &p.trace, item)))
    });
    view! {
        <div
            class="lineage"
            data-testid=testid::LINEAGE
            role="region"
            aria-label="The selected item's path"
            hidden=move || selected.with(Option::is_none)
        >
            {move || {
                path.get()
                    .map(|found| match found {
                        Some(path) => view! { <ItemPathView path=path /> }.into_any(),
                        None => view! { <p>"That item is not in this run."</p> }.into_any(),
                    })
            }}
        </div>
    }
}

/// An item's head (with the close button), its bar and its legs.
#[component]
fn ItemPathView(
    /// The path, worded.
    path: ItemPath,
) -> impl IntoView {
    let selected = use_playground().selected;
    let bar = path
        .bar
        .into_iter()
        .map(|(kind, percent)| {
            let class = match kind {
                LegKind::Queued => "leg queued",
                LegKind::Served(_) => "leg served",
                LegKind::Reordered => "leg reordered",
            };
            view! { <span class=class style:width=format!("{percent:.2}%")></span> }
        })
        .collect_view();
    let legs = path
        .legs
        .into_iter()
        .map(|(what, how_long)| {
            view! {
                <tr>
                    <td>{what}</td>
                    <td class="num">{how_long}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="lineage-head">
            <strong>{path.title}</strong>
            <button
                type="button"
                class="icon"
                data-testid=testid::LINEAGE_CLOSE
                aria-label="Close the item's path"
                on:click=move |_| selected.set(None)
            >
                "✕"
            </button>
        </p>
        <div class="leg-bar" aria-hidden="true">
            {bar}
        </div>
        <table class="legs">
            <tbody>{legs}</tbody>
        </table>
    }
}
