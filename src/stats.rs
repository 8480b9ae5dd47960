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
use crate::spans::{add_depth, queue_depths};
use crate::time::{Micros, ms};
use crate::trace::{Event, EventKind, ItemId, Tally, TaskInfo, TaskState, Trace};

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
    let mut walk = ItemWalk::new(scenario);
    for event in &trace.events {
        walk.apply(&trace.tasks, event);
    }
    (walk.items, walk.output)
}

/// [`item_records`] an event at a time.
struct ItemWalk {
    items: Vec<ItemRecord>,
    output: Vec<ItemId>,
}

impl ItemWalk {
    fn new(scenario: &Scenario) -> Self {
        let record = ItemRecord {
            stages: vec![None; scenario.stages.len()],
            ..ItemRecord::default()
        };
        Self {
            items: vec![record; scenario.item_count()],
            output: Vec::new(),
        }
    }

    fn apply(&mut self, tasks: &[TaskInfo], event: &Event) {
        let time = event.time;
        match event.kind {
            EventKind::Created { item, .. } => {
                if let Some(record) = self.items.get_mut(item as usize) {
                    record.created = Some(time);
                }
            }
            EventKind::Got { item, task } | EventKind::Put { item, task } => {
                let Some(info) = tasks.get(task as usize) else {
                    return;
                };
                let Some(slot) = self
                    .items
                    .get_mut(item as usize)
                    .and_then(|r| r.stages.get_mut(info.stage as usize))
                else {
                    return;
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
                let stage = tasks.get(task as usize).map(|t| t.stage as usize);
                if let Some(visit) = self
                    .items
                    .get_mut(item as usize)
                    .and_then(|r| r.stages.get_mut(stage?))
                    .and_then(Option::as_mut)
                {
                    visit.buffered = Some(time);
                }
            }
            EventKind::Done { item } => {
                if let Some(record) = self.items.get_mut(item as usize) {
                    record.done = Some(time);
                    self.output.push(item);
                }
            }
            EventKind::Observed {
                item,
                counter,
                value,
            } => {
                if let Some(record) = self.items.get_mut(item as usize) {
                    record.observed.insert(counter.into(), value);
                }
            }
            _ => {}
        }
    }
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
    /// Pairs of items that left the stage in the opposite order they
    /// entered it: where order is lost.
    pub inversions: u64,
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
        summarize(scenario, run, sync_makespan).stats
    }
}

/// [`Stats::of`] with the output order and queue depths the walk also
/// finds ([`StatsWalk`] in one go).
pub fn summarize(scenario: &Scenario, run: &Run, sync_makespan: Micros) -> Summary {
    let mut walk = StatsWalk::new(scenario, &run.trace);
    loop {
        if let Some(summary) = walk.step(scenario, run, sync_makespan, usize::MAX) {
            return summary;
        }
    }
}

/// What a [`StatsWalk`] finds: the stats, and what the chart also needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The run's summary.
    pub stats: Stats,
    /// Item ids in completion order.
    pub output: Vec<ItemId>,
    /// Per queue, its depth over time ([`queue_depths`]).
    pub depths: Vec<Vec<(Micros, u32)>>,
    /// The latest time any event carries ([`Trace::end`], without a
    /// second walk).
    pub end: Micros,
}

/// [`Stats::of`] in bounded steps, so a page can work it out between
/// frames: one walk over the events gathers the item records, the tally
/// for the makespan, the time spent blocked and ready, the queue depths and
/// the order each stage took and handed on items; the figures follow in a
/// last step.
pub struct StatsWalk {
    next: usize,
    /// Whether the summary was handed out.
    done: bool,
    items: ItemWalk,
    tally: Tally,
    /// Each task's current state and since when.
    current: Vec<Option<(TaskState, Micros)>>,
    blocked: Micros,
    ready: Micros,
    depths: Vec<Vec<(Micros, u32)>>,
    /// Per stage, the items in the order it took them and handed them on.
    entered: Vec<Vec<ItemId>>,
    left: Vec<Vec<ItemId>>,
}

impl StatsWalk {
    /// The stats of `trace` of `scenario`, not started.
    pub fn new(scenario: &Scenario, trace: &Trace) -> Self {
        Self {
            next: 0,
            done: false,
            items: ItemWalk::new(scenario),
            tally: Tally::default(),
            current: vec![None; trace.tasks.len()],
            blocked: 0,
            ready: 0,
            depths: queue_depths(&Trace::default(), scenario.stages.len().saturating_sub(1)),
            entered: vec![Vec::new(); scenario.stages.len()],
            left: vec![Vec::new(); scenario.stages.len()],
        }
    }

    /// Walks at most `work` events of `run` (the same run every step), or
    /// works out the figures: the summary once done (once only: stepping
    /// further gives `None`).
    pub fn step(
        &mut self,
        scenario: &Scenario,
        run: &Run,
        sync_makespan: Micros,
        work: usize,
    ) -> Option<Summary> {
        let trace = &run.trace;
        if self.done {
            return None;
        }
        if self.next < trace.events.len() {
            let end = self.next.saturating_add(work).min(trace.events.len());
            for event in &trace.events[self.next..end] {
                self.apply(&trace.tasks, event);
            }
            self.next = end;
            return None;
        }
        let stats = self.figures(scenario, run, sync_makespan);
        self.done = true;
        Some(Summary {
            stats,
            output: std::mem::take(&mut self.items.output),
            depths: std::mem::take(&mut self.depths),
            end: self.tally.end,
        })
    }

    fn apply(&mut self, tasks: &[TaskInfo], event: &Event) {
        self.items.apply(tasks, event);
        self.tally.add(event.time, &event.kind);
        match event.kind {
            EventKind::State { task, state, .. } => {
                let Some(slot) = self.current.get_mut(task as usize) else {
                    return;
                };
                if let Some((previous, since)) = *slot {
                    let spent = event.time.saturating_sub(since);
                    match previous {
                        TaskState::Blocked => self.blocked += spent,
                        TaskState::Ready => self.ready += spent,
                        _ => {}
                    }
                }
                *slot = Some((state, event.time));
            }
            EventKind::Depth { .. } => add_depth(&mut self.depths, event.time, event.kind),
            EventKind::Got { .. } | EventKind::Put { .. } => {
                add_stage_order(&mut self.entered, &mut self.left, tasks, event.kind);
            }
            _ => {}
        }
    }

    /// The figures, every event walked.
    fn figures(&self, scenario: &Scenario, run: &Run, sync_makespan: Micros) -> Stats {
        let (items, output) = (&self.items.items, &self.items.output);
        let makespan = makespan_of(&self.tally, &run.outcome, run.items);
        let latencies = items
            .iter()
            .filter_map(|r| Some(r.done?.saturating_sub(r.created?)))
            .collect();
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
                    inversions: match (self.entered.get(index), self.left.get(index)) {
                        (Some(entered), Some(left)) => order_inversions(entered, left),
                        _ => 0,
                    },
                }
            })
            .collect();
        let queues = scenario
            .stages
            .iter()
            .skip(1)
            .zip(&self.depths)
            .map(|(stage, points)| QueueStats {
                into: stage.name.clone(),
                capacity: stage.capacity,
                max_depth: points.iter().map(|&(_, depth)| depth).max().unwrap_or(0),
            })
            .collect();
        Stats {
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
            loop_blocked_ms: ms(self.blocked),
            ready_ms: ms(self.ready),
            inversions: inversions(output),
            sync_makespan_ms: ms(sync_makespan),
            speedup: if makespan > 0 {
                sync_makespan as f64 / makespan as f64
            } else {
                1.0
            },
            events: run.trace.events.len(),
        }
    }
}

impl Stats {
    /// Whether a run that ended with `outcome` was cut short (stopped or
    /// capped) before its `items` were done: its figures cover the part
    /// that ran, and it has no speedup to speak of.
    pub fn cut_before_done(&self, outcome: &Outcome, items: usize) -> bool {
        outcome.cut_short() && self.items_done < items
    }

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
    makespan_of(&Tally::of(&run.trace), &run.outcome, run.items)
}

/// [`makespan`] from a run's [`Tally`], its outcome and its item count.
pub fn makespan_of(tally: &Tally, outcome: &Outcome, items: usize) -> Micros {
    match (outcome, tally.last_done) {
        (Outcome::Completed, Some(time)) => time,
        (outcome, Some(time)) if outcome.cut_short() && tally.done >= items => time,
        _ => tally.end,
    }
}

/// Adds a `Got` (`Put`) event's item to the order its task's stage took
/// (handed on) items in; other events add nothing.
pub(crate) fn add_stage_order(
    entered: &mut [Vec<ItemId>],
    left: &mut [Vec<ItemId>],
    tasks: &[TaskInfo],
    kind: EventKind,
) {
    let (item, task, into) = match kind {
        EventKind::Got { item, task } => (item, task, entered),
        EventKind::Put { item, task } => (item, task, left),
        _ => return,
    };
    if let Some(order) = tasks
        .get(task as usize)
        .and_then(|info| into.get_mut(info.stage as usize))
    {
        order.push(item);
    }
}

/// Pairs of items that left in the opposite order they `entered` (items
/// that never left do not count).
pub fn order_inversions(entered: &[ItemId], left: &[ItemId]) -> u64 {
    let entry = positions(entered);
    let rank: Vec<ItemId> = left
        .iter()
        .filter_map(|&item| entry_of(&entry, item).map(|p| p as ItemId))
        .collect();
    inversions(&rank)
}

/// For each item id, where it is in `order` (`usize::MAX`: absent): a table
/// instead of a search per item, so thousands of items stay linear.
pub(crate) fn positions(order: &[ItemId]) -> Vec<usize> {
    let size = order.iter().map(|&i| i as usize + 1).max().unwrap_or(0);
    let mut at = vec![usize::MAX; size];
    for (position, &item) in order.iter().enumerate() {
        at[item as usize] = position;
    }
    at
}

/// Where `item` is in the order `table` was made from ([`positions`]).
pub(crate) fn entry_of(table: &[usize], item: ItemId) -> Option<usize> {
    table
        .get(item as usize)
        .copied()
        .filter(|&p| p != usize::MAX)
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
