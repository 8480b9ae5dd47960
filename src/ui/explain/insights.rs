//! The insights line under the stats, and the blocking blame list.
//!
//! ```text
//!  displayed ──► findings(scenario, stats, outcome, trace) ──► <li> figure · sentence   (InsightsLine)
//!            ├─► blocking_blame(trace) ──► ranked <button>s ──hover/focus──► focus ──► chart outline
//!            │                                             └─click: keep it outlined
//!            └─► lower_bounds(scenario).explain() ──► what no schedule can beat
//! ```

use std::sync::Arc;

use leptos::prelude::*;

use super::open;
use crate::bounds::lower_bounds;
use crate::insight::blame::blocking_blame;
use crate::insight::describe::blame_line;
use crate::insight::sentences::{Topic, findings};
use crate::ui::dom::{Dom, acted, by_testid, draw_into, listen, rebuild};
use crate::ui::state::{Focus, Playground, Tab, new_arc, use_playground};
use crate::ui::testid;

/// Most blame entries listed.
const BLAME_ROWS: usize = 12;

fn topic_id(topic: Topic) -> &'static str {
    match topic {
        Topic::Deadlock => "deadlock",
        Topic::Bottleneck => "bottleneck",
        Topic::QueueGrowth => "queue-growth",
        Topic::Blocking => "blocking",
        Topic::Order => "order",
        Topic::Speedup => "speedup",
    }
}

/// A few plain sentences about the run shown, each with its number.
#[component]
pub fn InsightsLine() -> impl IntoView {
    let shown = use_playground().displayed;
    let list = NodeRef::<leptos::html::Ul>::new();
    draw_into(
        move || list.get().map(Into::into),
        move |dom| {
            shown.with(|p| {
                for insight in findings(&p.scenario, &p.stats, &p.outcome, &p.trace) {
                    let Some(li) = dom.el("li", &[("data-topic", topic_id(insight.topic))]) else {
                        continue;
                    };
                    let li = dom.within(&li);
                    li.text("span", &[("class", "insight-figure")], &insight.figure);
                    li.text("span", &[("class", "insight-text")], &insight.text);
                }
            });
        },
    );
    view! { <ul class="insights" data-testid=testid::INSIGHTS aria-label="Insights" node_ref=list></ul> }
}

/// The Insights & blame tab's markup.
pub const HTML: &str = r#"<h3>Blocking blame</h3><p class="hint">Each blocking step, with the tasks it kept ready but not running and how long in all. Hover or focus one to outline it on the chart; click to keep it outlined.</p><ol class="blame-list" data-testid="blame-list"></ol><h3>Lower bound</h3><p class="bound" data-testid="bound"></p>"#;

/// The Insights & blame tab: the blocking steps ranked by the waiting they
/// caused (each outlines its span on the chart while hovered or focused; a
/// click keeps it), then the lower bound and what sets it.
pub fn build(dom: &Dom<'_>, playground: Playground) {
    let shown = playground.displayed;
    let blames = Memo::new_with_compare(
        move |_| shown.with(|p| Arc::new(blocking_blame(&p.trace))),
        new_arc,
    );
    let pinned = StoredValue::new(None::<usize>);
    let show = move |index: Option<usize>| {
        let blame = index
            .or(pinned.get_value())
            .and_then(|i| blames.with_untracked(|b| b.get(i).cloned()));
        playground.focus.set(blame.map(|b| Focus {
            task: b.task,
            start: b.start,
            end: b.start + b.duration,
        }));
    };

    let (Some(list), Some(bound)) = (
        by_testid(dom.parent, testid::BLAME_LIST),
        by_testid(dom.parent, testid::BOUND),
    ) else {
        return;
    };
    Effect::new(move |_| {
        if !open(playground, Tab::Insights) {
            // Leaving the tab: no outline left on the chart.
            playground.focus.set(None);
            return;
        }
        let pinned = pinned.get_value();
        rebuild(&list, &|dom| {
            shown.with(|p| {
                blames.with(|blames| {
                    if blames.is_empty() {
                        dom.text(
                            "li",
                            &[("class", "empty")],
                            "No blocking step kept another task waiting.",
                        );
                    }
                    for (index, blame) in blames.iter().enumerate().take(BLAME_ROWS) {
                        let Some(li) = dom.el("li", &[]) else {
                            continue;
                        };
                        let i = index.to_string();
                        let pressed = if pinned == Some(index) {
                            "true"
                        } else {
                            "false"
                        };
                        dom.within(&li).text(
                            "button",
                            &[
                                ("type", "button"),
                                ("class", "blame"),
                                ("data-act", "blame"),
                                ("data-index", &i),
                                ("data-testid", testid::BLAME_ENTRY),
                                ("aria-pressed", pressed),
                            ],
                            &blame_line(&p.scenario, &p.trace, blame),
                        );
                    }
                    if blames.len() > BLAME_ROWS {
                        dom.text(
                            "li",
                            &[("class", "more")],
                            &format!("… and {} more", blames.len() - BLAME_ROWS),
                        );
                    }
                });
            });
        });
        bound.set_text_content(Some(
            &shown.with(|p| lower_bounds(&p.scenario).explain(&p.scenario)),
        ));
    });
    // A new run: nothing pinned.
    Effect::new(move |first: Option<()>| {
        blames.track();
        if first.is_some() {
            pinned.set_value(None);
        }
    });
    let index_of = |ev: &web_sys::Event| acted(ev).map(|(_, i)| i);
    listen(
        dom.parent,
        &[
            "pointerover",
            "focusin",
            "pointerleave",
            "focusout",
            "click",
        ],
        move |ev| match ev.type_().as_str() {
            "pointerover" | "focusin" => show(index_of(ev)),
            "click" => {
                if let Some(i) = index_of(ev) {
                    let again = pinned.get_value() == Some(i);
                    pinned.set_value((!again).then_some(i));
                    show(Some(i));
                    if let Some(list) = ev
                        .current_target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    {
                        mark_pressed(&list, pinned.get_value());
                    }
                }
            }
            _ => show(None),
        },
    );
}

/// Sets `aria-pressed` on the pinned entry's button only.
fn mark_pressed(panel: &web_sys::Element, pinned: Option<usize>) {
    let Ok(buttons) = panel.query_selector_all("button.blame") else {
        return;
    };
    for i in 0..buttons.length() {
        if let Some(el) = buttons
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        {
            let pressed = pinned == Some(i as usize);
            let _ = el.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    }
}
