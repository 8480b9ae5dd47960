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

use super::format::{count, seconds};
use super::state::use_playground;
use super::testid;
use crate::engine::Outcome;

/// One labelled number.
#[component]
fn Stat(
    label: &'static str,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="stat" title=hint>
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
        </div>
    }
}

/// The numbers of the displayed run.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let playground = use_playground();
    let shown = playground.displayed;
    let stat = move |f: fn(&crate::stats::Stats) -> String| {
        Signal::derive(move || shown.with(|p| f(&p.stats)))
    };
    let makespan_ms = move || shown.with(|p| p.stats.makespan_ms);
    let outcome = move || {
        shown.with(|p| match &p.outcome {
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
        })
    };
    let live_shown = move || {
        playground.show_live.get()
            && playground
                .live
                .with(|l| l.as_ref().is_some_and(|l| l.view.is_some()))
    };
    view! {
        <section class="stats" data-testid=testid::STATS aria-label="Run statistics">
            <p class="stats-source" hidden=move || !live_shown()>
                "Chart and numbers of the live run (real timestamps, in scenario time). Switch to Preview to compare."
            </p>
            <dl class="stat-grid">
                <div class="stat stat-main" title="When the last item was done">
                    <dt>"Makespan"</dt>
                    <dd data-testid=testid::STAT_MAKESPAN data-ms=move || makespan_ms().to_string()>
                        {move || seconds(makespan_ms())}
                    </dd>
                </div>
                <Stat
                    label="Speedup vs sync"
                    testid=testid::STAT_SPEEDUP
                    hint="The synchronous baseline's makespan (every wait blocking) over this one"
                    value=stat(|s| format!("×{:.2} (sync {})", s.speedup, seconds(s.sync_makespan_ms)))
                />
                <Stat
                    label="Items per second"
                    testid=testid::STAT_THROUGHPUT
                    value=stat(|s| format!("{:.2}", s.throughput_per_s))
                />
                <Stat
                    label="Latency p50"
                    testid=testid::STAT_P50
                    hint="Median time from an item's creation to its exit"
                    value=stat(|s| seconds(s.latency.p50_ms))
                />
                <Stat
                    label="Latency p95"
                    testid=testid::STAT_P95
                    value=stat(|s| seconds(s.latency.p95_ms))
                />
                <Stat
                    label="Loop blocked"
                    testid=testid::STAT_BLOCKED
                    hint="Time a blocking call held the event loop: nothing else could run"
                    value=stat(|s| seconds(s.loop_blocked_ms))
                />
                <Stat
                    label="Ready, not running"
                    testid=testid::STAT_READY
                    hint="Time tasks were woken but waited for the loop, summed over tasks"
                    value=stat(|s| seconds(s.ready_ms))
                />
                <Stat
                    label="Inversions"
                    testid=testid::STAT_INVERSIONS
                    hint="Pairs of items that left in the opposite order they came in"
                    value=stat(|s| s.inversions.to_string())
                />
            </dl>
            <p class="outcome-warning" role="status" data-testid=testid::OUTCOME_WARNING hidden=move || outcome().is_none()>
                {move || outcome().unwrap_or_default()}
            </p>
        </section>
    }
}
