//! The insights line: a few plain sentences about a run, each backed by the
//! number shown beside it.

use serde::Serialize;

use super::describe::{count, seconds, seconds_pair};
use super::{
    blame::{Blame, worst_blocks},
    task_name,
};
use crate::engine::Outcome;
use crate::report::Report;
use crate::scenario::{Scenario, Step};
use crate::stats::Stats;
use crate::trace::Trace;

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insight {
    /// What it is about.
    pub topic: Topic,
    /// The sentence.
    pub text: String,
    /// The number behind it, formatted.
    pub figure: String,
}

/// The kinds of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Tasks wait on each other forever.
    Deadlock,
    /// The busiest stage.
    Bottleneck,
    /// A queue that grows large with no capacity.
    QueueGrowth,
    /// Blocking steps holding the loop.
    Blocking,
    /// Items leaving out of order.
    Order,
    /// Async against the synchronous baseline.
    Speedup,
}

impl Topic {
    /// A stable id for the page and its tests (`blocking`, `queue-growth`).
    pub fn id(self) -> &'static str {
        match self {
            Topic::Deadlock => "deadlock",
            Topic::Bottleneck => "bottleneck",
            Topic::QueueGrowth => "queue-growth",
            Topic::Blocking => "blocking",
            Topic::Order => "order",
            Topic::Speedup => "speedup",
        }
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The findings about `report` (a run of `scenario` that recorded `trace`).
pub fn insights(scenario: &Scenario, report: &Report, trace: &Trace) -> Vec<Insight> {
    let worst = worst_blocks(trace, 1).0;
    findings(
        scenario,
        &report.stats,
        &report.outcome,
        trace,
        worst.first(),
    )
}

/// The findings about a run of `scenario` that ended with `outcome`,
/// recorded `trace`, sums up as `stats` and whose worst blocking step is
/// `worst_block` ([`worst_blocks`]; what [`insights`] reads of a report:
/// the page has these without building one).
pub fn findings(
    scenario: &Scenario,
    stats: &Stats,
    outcome: &Outcome,
    trace: &Trace,
    worst_block: Option<&Blame>,
) -> Vec<Insight> {
    let mut found = Vec::new();
    if let Outcome::Deadlock(waiting) = outcome {
        let first = waiting
            .first()
            .map(|w| format!(" ({}·{} waits for {})", w.stage, w.worker + 1, w.waits_for))
            .unwrap_or_default();
        found.push(Insight {
            topic: Topic::Deadlock,
            text: format!("Deadlock: these tasks wait for each other forever{first}."),
            figure: format!("{} tasks", waiting.len()),
        });
    }
    if let Some(busiest) = stats
        .stages
        .iter()
        .max_by(|a, b| a.utilization.total_cmp(&b.utilization))
        .filter(|s| s.utilization >= 0.5 && scenario.stages.len() > 1)
    {
        let workers = if busiest.workers == 1 {
            "its worker is".to_string()
        } else {
            format!("its {} workers are", busiest.workers)
        };
        found.push(Insight {
            topic: Topic::Bottleneck,
            text: format!(
                "Stage {} is the bottleneck: {workers} busy {} of the run.",
                busiest.stage,
                percent(busiest.utilization)
            ),
            figure: percent(busiest.utilization),
        });
    }
    let items = scenario.item_count() as u32;
    for (index, queue) in stats.queues.iter().enumerate() {
        // A producer that takes no time (like gather's list of coroutines)
        // fills its queue at once by design: that is not growth.
        let producer_works = scenario.stages.get(index).is_some_and(|s| {
            s.steps
                .iter()
                .any(|step| matches!(step, Step::Wait(_) | Step::Block(_)))
        });
        if producer_works
            && queue.capacity.is_none()
            && items >= 8
            && queue.max_depth >= (items / 4).max(4)
        {
            found.push(Insight {
                topic: Topic::QueueGrowth,
                text: format!(
                    "The queue into {} grows to {} items because nothing limits it: a capacity (say {}) would slow the producers down instead (back-pressure).",
                    queue.into,
                    queue.max_depth,
                    (queue.max_depth / 4).max(1)
                ),
                figure: format!("{} items", queue.max_depth),
            });
        }
    }
    if stats.loop_blocked_ms > 0.0 && stats.makespan_ms > 0.0 {
        let share = stats.loop_blocked_ms / stats.makespan_ms;
        let worst = worst_block.map(|b| {
            format!(
                " The worst block, {} for {} at {}, kept {} waiting {} in all.",
                task_name(scenario, trace, b.task),
                seconds(b.duration as f64 / 1000.0),
                seconds(b.start as f64 / 1000.0),
                count(u64::from(b.delayed_tasks), "other task"),
                seconds(b.delay as f64 / 1000.0)
            )
        });
        found.push(Insight {
            topic: Topic::Blocking,
            text: format!(
                "Blocking steps hold the loop {} of the run; meanwhile ready tasks cannot run ({} of waiting in all).{}",
                percent(share),
                seconds(stats.ready_ms),
                worst.unwrap_or_default()
            ),
            figure: percent(share),
        });
    }
    for (stage, order) in scenario.stages.iter().zip(&stats.stages) {
        if order.inversions == 0 {
            continue;
        }
        found.push(Insight {
            topic: Topic::Order,
            text: format!(
                "Order is lost in stage {} ({} workers finish items at different speeds): mark it ordered, or give it one worker, to keep the input order.",
                stage.name, stage.workers
            ),
            figure: count(order.inversions, "inversion"),
        });
    }
    // A run cut short has no speedup to speak of: its time is the part that ran.
    let partial = stats.cut_before_done(outcome, scenario.item_count());
    if !partial && stats.makespan_ms > 0.0 && (stats.speedup - 1.0).abs() >= 0.005 {
        let (word, factor) = if stats.speedup >= 1.0 {
            ("faster", stats.speedup)
        } else {
            ("slower", 1.0 / stats.speedup)
        };
        let (run, baseline) = seconds_pair(stats.makespan_ms, stats.sync_makespan_ms);
        found.push(Insight {
            topic: Topic::Speedup,
            text: format!(
                "Async is {factor:.2}× {word} than the same program with every wait blocking ({run} vs {baseline})."
            ),
            figure: format!("×{:.2}", stats.speedup),
        });
    }
    found
}
