//! The stats panel: the numbers of the run the chart shows.
//!
//! ```text
//!  displayed: Preview ──► makespan · throughput · latency p50/p95 · loop blocked
//!                         · ready · speedup vs sync · inversions · output
//! ```
//!
//! Times read like the CLI's report (`2.743 s`); `data-ms` on the makespan
//! holds the exact value, for tests. Built by hand ([`super::dom`]) and
//! redrawn whenever the run shown changes.

use leptos::prelude::*;
use web_sys::Element;

use super::dom::{Dom, rebuild};
use super::format::{count, seconds};
use super::state::{Playground, use_playground};
use super::testid;
use crate::engine::Outcome;
use crate::stats::Stats;

/// The stats after the makespan: (label, testid, hint, value).
type StatRow = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Stats) -> String,
);

const STATS: [StatRow; 7] = [
    (
        "Speedup vs sync",
        testid::STAT_SPEEDUP,
        "The synchronous baseline's makespan (every wait blocking) over this one",
        |s| format!("×{:.2} (sync {})", s.speedup, seconds(s.sync_makespan_ms)),
    ),
    ("Items per second", testid::STAT_THROUGHPUT, "", |s| {
        format!("{:.2}", s.throughput_per_s)
    }),
    (
        "Latency p50",
        testid::STAT_P50,
        "Median time from an item's creation to its exit",
        |s| seconds(s.latency.p50_ms),
    ),
    ("Latency p95", testid::STAT_P95, "", |s| {
        seconds(s.latency.p95_ms)
    }),
    (
        "Loop blocked",
        testid::STAT_BLOCKED,
        "Time a blocking call held the event loop: nothing else could run",
        |s| seconds(s.loop_blocked_ms),
    ),
    (
        "Ready, not running",
        testid::STAT_READY,
        "Time tasks were woken but waited for the loop, summed over tasks",
        |s| seconds(s.ready_ms),
    ),
    (
        "Inversions",
        testid::STAT_INVERSIONS,
        "Pairs of items that left in the opposite order they came in",
        |s| s.inversions.to_string(),
    ),
];

/// The numbers of the displayed run, redrawn with it.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let playground = use_playground();
    let root = NodeRef::<leptos::html::Section>::new();
    root.on_load(move |el| {
        let el: Element = el.into();
        Effect::new(move |_| rebuild(&el, &|dom| stats(dom, playground)));
    });
    view! { <section class="stats" data-testid=testid::STATS aria-label="Run statistics" node_ref=root></section> }
}

fn stats(dom: &Dom<'_>, playground: Playground) {
    let live_shown = playground.show_live.get()
        && playground
            .live
            .with(|l| l.as_ref().is_some_and(|l| l.view.is_some()));
    if live_shown {
        dom.text(
            "p",
            &[("class", "stats-source")],
            "Chart and numbers of the live run (real timestamps, in scenario time). Switch to Preview to compare.",
        );
    }
    playground.displayed.with(|p| {
        let Some(grid) = dom.el("dl", &[("class", "stat-grid")]) else {
            return;
        };
        let grid = dom.within(&grid);
        let ms = p.stats.makespan_ms.to_string();
        stat(
            &grid,
            (
                "Makespan",
                testid::STAT_MAKESPAN,
                "When the last item was done",
            ),
            &seconds(p.stats.makespan_ms),
            &[("data-ms", &ms)],
        );
        for (label, id, hint, value) in STATS {
            stat(&grid, (label, id, hint), &value(&p.stats), &[]);
        }
        let outcome = match &p.outcome {
            Outcome::Completed => None,
            Outcome::Deadlock(waiting) => Some(format!(
                "Deadlock: {} waiting forever (e.g. {} worker {} waits for {}).",
                count(waiting.len() as u64, "task"),
                waiting.first().map_or("?", |w| w.stage.as_str()),
                waiting.first().map_or(0, |w| w.worker + 1),
                waiting.first().map_or("?", |w| w.waits_for.as_str()),
            )),
            Outcome::EventLimit => {
                Some("Stopped: the run recorded more events than the limit allows.".into())
            }
        };
        if let Some(text) = outcome {
            dom.text(
                "p",
                &[
                    ("class", "outcome-warning"),
                    ("role", "status"),
                    ("data-testid", testid::OUTCOME_WARNING),
                ],
                &text,
            );
        }
    });
}

/// One labelled number: `<div class="stat"><dt>label</dt><dd>value</dd></div>`.
fn stat(dom: &Dom<'_>, (label, id, hint): (&str, &str, &str), value: &str, extra: &[(&str, &str)]) {
    let class = if id == testid::STAT_MAKESPAN {
        "stat stat-main"
    } else {
        "stat"
    };
    let Some(div) = dom.el("div", &[("class", class), ("title", hint)]) else {
        return;
    };
    let div = dom.within(&div);
    div.text("dt", &[], label);
    if let Some(dd) = div.text("dd", &[("data-testid", id)], value) {
        for (name, v) in extra {
            let _ = dd.set_attribute(name, v);
        }
    }
}
