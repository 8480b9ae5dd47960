//! The selected item's lineage, under the chart: where its latency went.
//!
//! ```text
//!  click an output box ──► selected ──► item_records ──► lineage(record)
//!    Item “L” (entered 4th, left 5th): 1.5 s in the pipeline          [✕]
//!    ▇▇▇░░░░░▇▇▇▇▇▇▇▇                 one bar segment per leg (queued · served · reorder)
//!    queued → B (t=…)   0.3 s
//!    served by B·3      1.2 s
//! ```
//!
//! The chart outlines the item's spans in every lane meanwhile.

use leptos::prelude::*;

use crate::insight::describe::{legs, time};
use crate::insight::lineage::{LegKind, lineage};
use crate::stats::item_records;
use crate::ui::dom::{acted, draw_into, flag, listen};
use crate::ui::state::use_playground;
use crate::ui::testid;

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The selected item's path and latency split (hidden when none is selected).
#[component]
pub fn Lineage() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let selected = playground.selected;
    let panel = NodeRef::<leptos::html::Div>::new();
    draw_into(
        move || panel.get().map(Into::into),
        move |dom| {
            let item = selected.get();
            if let Some(panel) = panel.get_untracked() {
                flag(&panel, "hidden", item.is_none());
            }
            let Some(item) = item else {
                return;
            };
            shown.with(|p| {
                let (records, output) = item_records(&p.scenario, &p.trace);
                let Some(record) = records.get(item as usize) else {
                    dom.text("p", &[], "That item is not in this run.");
                    return;
                };
                let line = lineage(&p.scenario, record);
                let label = p
                    .scenario
                    .labels
                    .get(item as usize)
                    .map_or("?", |l| l.as_str());
                let left = output.iter().position(|&i| i == item).map_or_else(
                    || "not out yet".to_string(),
                    |at| format!("left {}", ordinal(at + 1)),
                );
                let total = match (record.created, record.done) {
                    (Some(from), Some(to)) => format!(": {} in the pipeline", time(to - from)),
                    _ => String::new(),
                };
                if let Some(head) = dom.el("p", &[("class", "lineage-head")]) {
                    let head = dom.within(&head);
                    head.text(
                        "strong",
                        &[],
                        &format!(
                            "Item “{label}” (entered {}, {left}){total}",
                            ordinal(item as usize + 1)
                        ),
                    );
                    head.text(
                        "button",
                        &[
                            ("type", "button"),
                            ("class", "icon"),
                            ("data-act", "close"),
                            ("aria-label", "Close the item's path"),
                        ],
                        "✕",
                    );
                }
                let span = line
                    .legs
                    .iter()
                    .map(|l| l.end - l.start)
                    .sum::<u64>()
                    .max(1);
                if let Some(bar) = dom.el("div", &[("class", "leg-bar"), ("aria-hidden", "true")]) {
                    let bar = dom.within(&bar);
                    for leg in &line.legs {
                        let class = match leg.kind {
                            LegKind::Queued => "leg queued",
                            LegKind::Served(_) => "leg served",
                            LegKind::Reordered => "leg reordered",
                        };
                        let width = format!(
                            "width:{:.2}%",
                            (leg.end - leg.start) as f64 * 100.0 / span as f64
                        );
                        bar.el("span", &[("class", class), ("style", &width)]);
                    }
                }
                if let Some(table) = dom.el("table", &[("class", "legs")]) {
                    let table = dom.within(&table);
                    for (what, how_long) in legs(&p.scenario, &line) {
                        if let Some(row) = table.el("tr", &[]) {
                            let row = table.within(&row);
                            row.text("td", &[], &what);
                            row.text("td", &[("class", "num")], &how_long);
                        }
                    }
                }
            });
        },
    );
    panel.on_load(move |el| {
        listen(&el, &["click"], move |ev| {
            if acted(ev).is_some_and(|(act, _)| act == "close") {
                selected.set(None);
            }
        });
    });
    view! {
        <div
            class="lineage"
            data-testid=testid::LINEAGE
            role="region"
            aria-label="The selected item's path"
            node_ref=panel
            hidden
        ></div>
    }
}
