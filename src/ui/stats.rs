//! The stats panel: the numbers of the run the chart shows.
//!
//! ```text
//!  displayed: Preview ──► makespan · throughput · latency p50/p95 · loop blocked
//!                         · ready · speedup vs sync · inversions · output
//! ```
//!
//! Times read like the CLI's report (`2.743 s`); `data-ms` on the makespan
//! holds the exact value, for tests.

use leptos::prelude::*;

use super::state::use_playground;
use super::testid;
use crate::engine::{Outcome, Stopped};
use crate::format::{count, seconds};
use crate::live;
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

/// The stats of the run the chart shows.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let playground = use_playground();
    let live_shown = move || {
        playground.show_live.get()
            && playground
                .live
                .with(|l| l.as_ref().is_some_and(|l| l.view.is_some()))
    };
    // A live run in progress: every figure is "so far", and those that
    // need the whole run wait for its end.
    let so_far = move || playground.showing_live_progress();
    let makespan = move || playground.displayed.with(|p| p.stats.makespan_ms);
    let outcome = move || {
        if so_far() {
            return None;
        }
        playground.displayed.with(|p| {
            let stopped = Stopped::of(
                &p.outcome,
                p.stats.events,
                p.stats.items_done,
                p.scenario.item_count(),
                p.timeline.end,
            );
            outcome_text(&p.outcome, stopped)
        })
    };
    view! {
        <section class="stats" data-testid=testid::STATS aria-label="Run statistics">
            <Show when=live_shown>
                <p class="stats-source">
                    "Chart and numbers of the live run (real timestamps, in scenario time). Switch to Preview to compare."
                </p>
            </Show>
            <dl class="stat-grid">
                <div class="stat stat-main" title="When the last item was done">
                    <dt>{move || live::so_far("Makespan", so_far())}</dt>
                    <dd data-testid=testid::STAT_MAKESPAN data-ms=move || makespan().to_string()>
                        {move || seconds(makespan())}
                    </dd>
                </div>
                {STATS
                    .into_iter()
                    .map(|(label, id, hint, value)| {
                        view! {
                            <div class="stat" title=hint>
                                <dt>{move || live::so_far(label, so_far())}</dt>
                                <dd data-testid=id>
                                    {move || {
                                        let whole = id == testid::STAT_SPEEDUP;
                                        playground
                                            .displayed
                                            .with(|p| {
                                                if whole && so_far() {
                                                    live::AT_THE_END.to_string()
                                                } else if whole && p.partial() {
                                                    live::CUT_SHORT.to_string()
                                                } else {
                                                    value(&p.stats)
                                                }
                                            })
                                    }}
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <p class="outcome-warning" role="status" data-testid=testid::OUTCOME_WARNING hidden=move || outcome().is_none()>
                {outcome}
            </p>
        </section>
    }
}

/// What the page says about a run that did not complete (`stopped`: what
/// cut it short, if something did).
fn outcome_text(outcome: &Outcome, stopped: Option<Stopped>) -> Option<String> {
    match outcome {
        Outcome::Completed => None,
        Outcome::Deadlock(waiting) => Some(format!(
            "Deadlock: {} waiting forever (e.g. {} worker {} waits for {}).",
            count(waiting.len() as u64, "task"),
            waiting.first().map_or("?", |w| w.stage.as_str()),
            waiting.first().map_or(0, |w| w.worker + 1),
            waiting.first().map_or("?", |w| w.waits_for.as_str()),
        )),
        Outcome::EventLimit | Outcome::RunCap | Outcome::Stopped => stopped.map(|s| s.to_string()),
    }
}
