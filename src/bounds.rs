//! Lower bounds on a scenario's makespan: no schedule can beat them.
//!
//! ```text
//!  stage s      Σ work of s over all items ÷ workers of s       (the workers are busy)
//!  the loop     Σ blocking work over everything                  (one thread)
//!  resource r   Σ work done holding r ÷ permits of r             (the permits are busy)
//!  one item     max over items of Σ its work through all stages  (its critical path)
//! ```
//!
//! "Work" is every wait and blocking step of an item, with the durations the
//! seed draws. The bound is the largest of these; the sweep draws it as a
//! line, and the gap to the real makespan is time lost to ordering, queues
//! and the loop.

use serde::Serialize;

use crate::scenario::{Scenario, Step};
use crate::time::Micros;

/// What limits the makespan from below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum Limit {
    /// A stage's workers (stage index).
    Stage(usize),
    /// The single-threaded loop: all blocking work in a row.
    Loop,
    /// A semaphore's or lock's permits (resource index).
    Resource(usize),
    /// One item's own path through every stage (item index).
    Item(usize),
}

/// The lower bounds of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bounds {
    /// Per stage: its total work divided by its workers, µs.
    pub stages: Vec<Micros>,
    /// Total blocking work, µs.
    pub blocking: Micros,
    /// Per resource: work done holding it divided by its permits, µs.
    pub resources: Vec<Micros>,
    /// The longest single item's total work, µs, and that item.
    pub critical_path: (Micros, usize),
    /// The largest bound and what sets it.
    pub best: (Micros, Limit),
}

/// The lower bounds of `scenario` (async mode).
pub fn lower_bounds(scenario: &Scenario) -> Bounds {
    let mut durations = scenario.durations();
    let items = scenario.item_count();
    let mut stage_work = vec![0 as Micros; scenario.stages.len()];
    let mut resource_work = vec![0 as Micros; scenario.resources.len()];
    let mut item_work = vec![0 as Micros; items];
    let mut blocking = 0;
    for (s, stage) in scenario.stages.iter().enumerate() {
        for (item, total) in item_work.iter_mut().enumerate() {
            let mut held: Vec<usize> = Vec::new();
            for (index, step) in stage.steps.iter().enumerate() {
                let (work, blocks) = match step {
                    Step::Wait(law) => (durations.get(s, index, item, law), false),
                    Step::Block(law) => (durations.get(s, index, item, law), true),
                    Step::Increment { wait, .. } => (durations.get(s, index, item, wait), false),
                    Step::Acquire(r) => {
                        held.push(*r);
                        continue;
                    }
                    Step::Release(r) => {
                        if let Some(at) = held.iter().rposition(|h| h == r) {
                            held.remove(at);
                        }
                        continue;
                    }
                    Step::Yield | Step::Add { .. } | Step::Read(_) => continue,
                };
                stage_work[s] += work;
                *total += work;
                if blocks {
                    blocking += work;
                }
                for &r in &held {
                    resource_work[r] += work;
                }
            }
        }
    }
    let stages: Vec<Micros> = stage_work
        .iter()
        .zip(&scenario.stages)
        .map(|(work, stage)| work.div_ceil(u64::from(stage.workers.max(1))))
        .collect();
    let resources: Vec<Micros> = resource_work
        .iter()
        .zip(&scenario.resources)
        .map(|(work, r)| work.div_ceil(u64::from(r.permits.max(1))))
        .collect();
    let critical_path = item_work
        .iter()
        .enumerate()
        .map(|(item, &work)| (work, item))
        .max_by_key(|&(work, item)| (work, std::cmp::Reverse(item)))
        .unwrap_or((0, 0));
    let candidates = stages
        .iter()
        .enumerate()
        .map(|(s, &b)| (b, Limit::Stage(s)))
        .chain(std::iter::once((blocking, Limit::Loop)))
        .chain(
            resources
                .iter()
                .enumerate()
                .map(|(r, &b)| (b, Limit::Resource(r))),
        )
        .chain(std::iter::once((
            critical_path.0,
            Limit::Item(critical_path.1),
        )));
    let best = candidates.fold(
        (0, Limit::Loop),
        |best, c| if c.0 > best.0 { c } else { best },
    );
    Bounds {
        stages,
        blocking,
        resources,
        critical_path,
        best,
    }
}
