//! The insights line under the stats, and the blocking blame list.
//!
//! ```text
//!  displayed ──► findings(scenario, stats, outcome, trace) ──► <li> figure · sentence   (InsightsLine)
//!            ├─► blocking_blame(trace) ──► ranked <button>s ──hover/focus──► focus ──► chart outline
//!            │                                             └─click: keep it outlined
//!            └─► lower_bounds(scenario).explain() ──► what no schedule can beat
//! ```

use leptos::prelude::*;

use super::open;
use crate::bounds::lower_bounds;
use crate::insight::blame::blocking_blame;
use crate::insight::describe::blame_line;
use crate::insight::sentences::{Topic, findings};
use crate::trace::TaskId;
use crate::ui::dom::{Dom, acted_el, by_testid, draw_into, find, int_attr, listen, rebuild};
use crate::ui::state::{Focus, Playground, Tab, use_playground};
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
    // The span of an entry is in its attributes: nothing to keep in memory.
    let pinned = StoredValue::new(None::<Focus>);
    let focus_of = |el: &web_sys::Element| Focus {
        task: int_attr(el, "data-task") as TaskId,
        start: int_attr(el, "data-start"),
        end: int_attr(el, "data-end"),
    };
    let (Some(list), Some(bound)) = (
        by_testid(dom.parent, testid::BLAME_LIST),
        by_testid(dom.parent, testid::BOUND),
    ) else {
        return;
    };
    Effect::new(move |_| {
        // A new run, or another tab: nothing pinned, nothing outlined.
        pinned.set_value(None);
        playground.focus.set(None);
        if !open(playground, Tab::Insights) {
            return;
        }
        rebuild(&list, &|dom| {
            shown.with(|p| {
                let blames = blocking_blame(&p.trace);
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
                    let (i, task, start, end) = (
                        index.to_string(),
                        blame.task.to_string(),
                        blame.start.to_string(),
                        (blame.start + blame.duration).to_string(),
                    );
                    dom.within(&li).text(
                        "button",
                        &[
                            ("type", "button"),
                            ("class", "blame"),
                            ("data-act", "blame"),
                            ("data-index", &i),
                            ("data-task", &task),
                            ("data-start", &start),
                            ("data-end", &end),
                            ("data-testid", testid::BLAME_ENTRY),
                            ("aria-pressed", "false"),
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
                bound.set_text_content(Some(&lower_bounds(&p.scenario).explain(&p.scenario)));
            });
        });
    });
    let panel = dom.parent.clone();
    listen(
        dom.parent,
        &[
            "pointerover",
            "focusin",
            "pointerleave",
            "focusout",
            "click",
        ],
        move |ev| {
            let entry = acted_el(ev);
            let focus = match ev.type_().as_str() {
                "pointerover" | "focusin" => entry.as_ref().map(focus_of),
                "click" => {
                    let Some(entry) = entry else {
                        return;
                    };
                    let clicked = focus_of(&entry);
                    let again = pinned.get_value() == Some(clicked);
                    pinned.set_value((!again).then_some(clicked));
                    if let Some(before) = find(&panel, "[aria-pressed=\"true\"]") {
                        let _ = before.set_attribute("aria-pressed", "false");
                    }
                    let _ =
                        entry.set_attribute("aria-pressed", if again { "false" } else { "true" });
                    Some(clicked)
                }
                _ => None,
            };
            playground.focus.set(focus.or(pinned.get_value()));
        },
    );
}
