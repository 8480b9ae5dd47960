//! Numbers derived from a trace: per-item records and the run's summary.
//!
//! ```text
//!  Trace ──► item_records ──► latency, output order, inversions
//!        └─► task state intervals ──► loop blocked time, ready time, utilization
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::{Outcome, Run};
use crate::scenario::Scenario;
use crate::time::{Micros, ms};
use crate::trace::{EventKind, ItemId, TaskState, Trace};

/// What happened to one item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemRecord {
    /// When a source worker took it.
    pub created: Option<Micros>,
    /// When it left the last stage.
    pub done: Option<Micros>,
    /// Per stage: (worker task's worker index, got, put).
    pub stages: Vec<Option<StageVisit>>,
    /// Counter index ⇒ the last value this item read.
    pub observed: BTreeMap<u32, i64>,
}

/// One item's pass through one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageVisit {
    /// The worker index within the stage.
    pub worker: u32,
    /// When the worker took the item.
    pub got: Micros,
    /// When the worker handed it on (`None`: still holding it).
    pub put: Option<Micros>,
    /// When it finished and went into the stage's reorder buffer, if it had
    /// to wait there for an earlier item.
    pub buffered: Option<Micros>,
}

/// Per-item records and the output order, read off a trace.
pub fn item_records(scenario: &Scenario, trace: &Trace) -> (Vec<ItemRecord>, Vec<ItemId>) {
    let mut items = vec![
        ItemRecord {
            stages: vec![None; scenario.stages.len()],
            ..ItemRecord::default()
        };
        scenario.item_count()
    ];
    let mut output = Vec::new();
    for event in &trace.events {
        let time = event.time;
        match event.kind {
            EventKind::Created { item, .. } => {
                if let Some(record) = items.get_mut(item as usize) {
                    record.created = Some(time);
                }
            }
            EventKind::Got { item, task } | EventKind::Put { item, task } => {
                let Some(info) = trace.tasks.get(task as usize) else {
                    continue;
                };
                let Some(slot) = items
                    .get_mut(item as usize)
                    .and_then(|r| r.stages.get_mut(info.stage as usize))
                else {
                    continue;
                };
                if matches!(event.kind, EventKind::Got { .. }) {
                    *slot = Some(StageVisit {
                        worker: info.worker,
                        got: time,
                        put: None,
                        buffered: None,
                    });
                } else if let Some(visit) = slot {
                    visit.put = Some(time);
                }
            }
            EventKind::Buffered { item, task } => {
                let stage = trace.tasks.get(task as usize).map(|t| t.stage as usize);
                if let Some(visit) = items
                    .get_mut(item as usize)
                    .and_then(|r| r.stages.get_mut(stage?))
                    .and_then(Option::as_mut)
                {
                    visit.buffered = Some(time);
                }
            }
            EventKind::Done { item } => {
                if let Some(record) = items.get_mut(item as usize) {
                    record.done = Some(time);
                    output.push(item);
                }
            }
            EventKind::Observed {
                item,
                counter,
                value,
            } => {
                if let Some(record) = items.get_mut(item as usize) {
                    record.observed.insert(counter.into(), value);
                }
            }
            _ => {}
        }
    }
    (items, output)
}

/// Mean, median, 95th percentile and maximum of a set of durations, in ms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// Mean.
    pub mean_ms: f64,
    /// Median (nearest rank).
    pub p50_ms: f64,
    /// 95th percentile (nearest rank).
    pub p95_ms: f64,
    /// Maximum.
    pub max_ms: f64,
}

impl Spread {
    /// The spread of `values` (microseconds); zeros when empty.
    pub fn of(mut values: Vec<Micros>) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        values.sort_unstable();
        let rank = |q: f64| {
            let index = ((q * values.len() as f64).ceil() as usize).saturating_sub(1);
            ms(values[index.min(values.len() - 1)])
        };
        let sum: u128 = values.iter().map(|&v| v as u128).sum();
        Self {
            mean_ms: sum as f64 / values.len() as f64 / 1000.0,
            p50_ms: rank(0.5),
            p95_ms: rank(0.95),
            max_ms: ms(values[values.len() - 1]),
        }
    }
}

/// One stage's share of the work.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageStats {
    /// Stage name.
    pub stage: String,
    /// Worker tasks.
    pub workers: u32,
    /// Fraction of worker time spent serving an item (got ⇒ put, or ⇒ the
    /// reorder buffer), 0..=1.
    pub utilization: f64,
}

/// One queue's fill.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueueStats {
    /// The stage the queue feeds.
    pub into: String,
    /// Capacity (`None`: unbounded).
    pub capacity: Option<u32>,
    /// Most items it held at once.
    pub max_depth: u32,
}

/// A run's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// When the last item was done (or the run stopped), in ms.
    pub makespan_ms: f64,
    /// Items done per second of makespan.
    pub throughput_per_s: f64,
    /// Items that went all the way through.
    pub items_done: usize,
    /// Created ⇒ done, per item.
    pub latency: Spread,
    /// Per stage.
    pub stages: Vec<StageStats>,
    /// Per queue between stages.
    pub queues: Vec<QueueStats>,
    /// Time some task held the loop in a blocking call, in ms.
    pub loop_blocked_ms: f64,
    /// Time tasks spent ready but not running, summed over tasks, in ms:
    /// the lag that blocking and busy loops cause.
    pub ready_ms: f64,
    /// Pairs of items that left in the opposite order they came in.
    pub inversions: u64,
    /// Makespan of the synchronous baseline, in ms.
    pub sync_makespan_ms: f64,
    /// Synchronous baseline makespan over this run's.
    pub speedup: f64,
    /// Trace events recorded.
    pub events: usize,
}

impl Stats {
    /// Summarizes `run` of `scenario`, given the synchronous baseline's makespan.
    pub fn of(scenario: &Scenario, run: &Run, sync_makespan: Micros) -> Self {
        let trace = &run.trace;
        let (items, output) = item_records(scenario, trace);
        let makespan = makespan(run);
        let latencies = items
            .iter()
            .filter_map(|r| Some(r.done?.saturating_sub(r.created?)))
            .collect();
        let (blocked, ready) = state_totals(trace);
        let stages = scenario
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| {
                let busy: Micros = items
                    .iter()
                    .filter_map(|r| {
                        let visit = r.stages.get(index).copied().flatten()?;
                        let served_until = visit.buffered.or(visit.put).unwrap_or(makespan);
                        Some(served_until.saturating_sub(visit.got))
                    })
                    .sum();
                let capacity = stage.workers as f64 * makespan as f64;
                StageStats {
                    stage: stage.name.clone(),
                    workers: stage.workers,
                    utilization: if capacity > 0.0 {
                        busy as f64 / capacity
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        let mut max_depth = vec![0u32; scenario.stages.len().saturating_sub(1)];
        for event in &trace.events {
            if let EventKind::Depth { queue, depth } = event.kind
                && let Some(max) = max_depth.get_mut(queue as usize)
            {
                *max = (*max).max(depth);
            }
        }
        let queues = scenario
            .stages
            .iter()
            .skip(1)
            .zip(max_depth)
            .map(|(stage, max_depth)| QueueStats {
                into: stage.name.clone(),
                capacity: stage.capacity,
                max_depth,
            })
            .collect();
        Self {
            makespan_ms: ms(makespan),
            throughput_per_s: if makespan > 0 {
                output.len() as f64 / (makespan as f64 / 1e6)
            } else {
                0.0
            },
            items_done: output.len(),
            latency: Spread::of(latencies),
            stages,
            queues,
            loop_blocked_ms: ms(blocked),
            ready_ms: ms(ready),
            inversions: inversions(&output),
            sync_makespan_ms: ms(sync_makespan),
            speedup: if makespan > 0 {
                sync_makespan as f64 / makespan as f64
            } else {
                1.0
            },
            events: trace.events.len(),
        }
    }
}

impl Stats {
    /// The figures of a run cut short at scenario time `reached` (a live
    /// run stopped or capped before its items were done): its makespan is
    /// the time reached, not its last event, and the throughput and speedup
    /// follow (utilization and latencies cover what ran).
    pub fn reached(&mut self, reached: Micros) {
        let reached_ms = ms(reached);
        if reached_ms <= self.makespan_ms {
            return;
        }
        self.makespan_ms = reached_ms;
        self.throughput_per_s = self.items_done as f64 / (reached_ms / 1000.0);
        self.speedup = self.sync_makespan_ms / reached_ms;
    }
}

/// When the run's work ended: the last item done, or the last event if the
/// run did not complete (a capped run whose items had all finished did).
pub fn makespan(run: &Run) -> Micros {
    let (mut done, mut last_done) = (0, None);
    for event in &run.trace.events {
        if matches!(event.kind, EventKind::Done { .. }) {
            done += 1;
            last_done = last_done.max(Some(event.time));
        }
    }
    match (&run.outcome, last_done) {
        (Outcome::Completed, Some(time)) => time,
        (outcome, Some(time)) if outcome.cut_short() && done >= run.items => time,
        _ => run.trace.end(),
    }
}

/// Total time in the `Blocked` and in the `Ready` state, over all tasks.
fn state_totals(trace: &Trace) -> (Micros, Micros) {
    let mut current: Vec<Option<(TaskState, Micros)>> = vec![None; trace.tasks.len()];
    let (mut blocked, mut ready) = (0, 0);
    for event in &trace.events {
        let EventKind::State { task, state, .. } = event.kind else {
            continue;
        };
        let Some(slot) = current.get_mut(task as usize) else {
            continue;
        };
        if let Some((previous, since)) = *slot {
            let spent = event.time.saturating_sub(since);
            match previous {
                TaskState::Blocked => blocked += spent,
                TaskState::Ready => ready += spent,
                _ => {}
            }
        }
        *slot = Some((state, event.time));
    }
    (blocked, ready)
}

/// Pairs (i, j) with i before j in `order` but `order[i] > order[j]`.
pub fn inversions(order: &[ItemId]) -> u64 {
    fn sort_count(values: &mut [ItemId], scratch: &mut Vec<ItemId>) -> u64 {
        if values.len() < 2 {
            return 0;
        }
        let mid = values.len() / 2;
        let (left, right) = values.split_at_mut(mid);
        let mut count = sort_count(left, scratch) + sort_count(right, scratch);
        scratch.clear();
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            if left[i] <= right[j] {
                scratch.push(left[i]);
                i += 1;
            } else {
                scratch.push(right[j]);
                count += (left.len() - i) as u64;
                j += 1;
            }
        }
        scratch.extend_from_slice(&left[i..]);
        scratch.extend_from_slice(&right[j..]);
        values.copy_from_slice(scratch);
        count
    }
    let mut values = order.to_vec();
    sort_count(&mut values, &mut Vec::with_capacity(order.len()))
}
