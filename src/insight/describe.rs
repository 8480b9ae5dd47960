//! The insight results as the page words them: short times, blame lines,
//! the loop's state at a playhead, an item's legs.
//!
//! ```text
//!  Blame      ──► "myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s"
//!  LoopState  ──► rows: Running · Ready queue [myproc·4, myproc·5] · Timers
//!                 [myproc·1 due 5 s (overdue), …] · Queue → B [H, E] · api holding / waiting
//!  Lineage    ──► "queue → B  0.3 s", "served by B·3  1.2 s", …
//!  Bounds     ──► "No run can beat 12.5 s: that is all the blocking work, …"
//!  StageOrder ──► "B · 3 workers: 1 inversion", the reorder buffer's cost
//!  playhead   ──► "Playhead at 6 s: the loop after event 41 of 88 (at 5 s)."
//! ```
//!
//! Pure text, tested natively; the UI only puts it in elements.

use super::blame::Blame;
use super::lineage::{LegKind, Lineage, lineage};
use super::ordering::StageOrder;
use super::scrub::LoopState;
use super::task_name;
use crate::bounds::{Bounds, Limit};
use crate::scenario::{ResourceKind, Scenario};
use crate::stats::{ItemRecord, Spread, item_records};
use crate::time::Micros;
use crate::trace::{ItemId, TaskId, TaskState, Trace};

/// Most entries a state row lists; the rest are counted.
pub const MAX_ENTRIES: usize = 24;

/// A number with at most three decimals, trailing zeros dropped.
pub fn short(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A time in ms as a person says it: `2.5 s`, `128 ms`, `0 s`.
pub fn seconds(ms: f64) -> String {
    if ms >= 1000.0 || ms == 0.0 {
        format!("{} s", short(ms / 1000.0))
    } else {
        format!("{} ms", short(ms))
    }
}

/// Two durations in ms, in one unit: seconds if either reaches a second
/// (`348 ms` beside `3.48 s` reads as `0.348 s vs 3.48 s`).
pub fn seconds_pair(a: f64, b: f64) -> (String, String) {
    if a.max(b) >= 1000.0 {
        let in_seconds = |ms: f64| format!("{} s", short(ms / 1000.0));
        (in_seconds(a), in_seconds(b))
    } else {
        (seconds(a), seconds(b))
    }
}

/// [`seconds`] of a time in µs.
pub fn time(us: Micros) -> String {
    seconds(us as f64 / 1000.0)
}

/// `1 worker`, `3 workers`: a count with its noun, singular or plural.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `1st`, `2nd`, `11th`, `23rd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// One blame entry as a sentence.
pub fn blame_line(scenario: &Scenario, trace: &Trace, blame: &Blame) -> String {
    format!(
        "{} blocking {} at t={}: delayed {} by {}",
        task_name(scenario, trace, blame.task),
        time(blame.duration),
        time(blame.start),
        count(u64::from(blame.delayed_tasks), "task"),
        time(blame.delay)
    )
}

/// One entry of the blame list: the span it outlines and its sentence.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BlameRow {
    /// Its rank, from 0 (the worst).
    pub rank: usize,
    /// The blocking task.
    pub task: TaskId,
    /// Start of the blocking step, µs.
    pub start: Micros,
    /// Its end, µs.
    pub end: Micros,
    /// [`blame_line`].
    pub text: String,
}

/// The blame list of the worst blocking steps, worst first (`worst`, from
/// [`super::blame::worst_blocks`]: those steps and how many delayed someone), and how
/// many more there are.
pub fn blame_rows(
    scenario: &Scenario,
    trace: &Trace,
    worst: &(Vec<Blame>, usize),
) -> (Vec<BlameRow>, usize) {
    let (blames, all) = worst;
    let more = all.saturating_sub(blames.len());
    let rows = blames
        .iter()
        .enumerate()
        .map(|(rank, blame)| BlameRow {
            rank,
            task: blame.task,
            start: blame.start,
            end: blame.start + blame.duration,
            text: blame_line(scenario, trace, blame),
        })
        .collect();
    (rows, more)
}

/// What no schedule can beat, and what sets it, as a sentence.
pub fn bound_sentence(scenario: &Scenario, bounds: &Bounds) -> String {
    let best = time(bounds.best.0);
    match bounds.best.1 {
        Limit::Stage(s) => {
            let stage = scenario.stages.get(s);
            let workers = stage.map_or(0, |st| st.workers);
            let share = if workers == 1 {
                "its 1 worker does it all".to_string()
            } else {
                format!("{workers} workers share it")
            };
            format!(
                "No run can beat {best}: stage {} has that much work per worker ({share}).",
                stage.map_or("?", |st| st.name.as_str()),
            )
        }
        Limit::Loop => format!(
            "No run can beat {best}: that is all the blocking work, and the loop does it one step at a time."
        ),
        Limit::Resource(r) => match scenario.resources.get(r) {
            Some(res) if res.kind == ResourceKind::Lock => format!(
                "No run can beat {best}: that is the work done holding lock \"{}\", which one task holds at a time.",
                res.name
            ),
            Some(res) => format!(
                "No run can beat {best}: that is the work done holding semaphore \"{}\", divided by its {}.",
                res.name,
                count(u64::from(res.permits), "permit")
            ),
            None => format!("No run can beat {best}: a resource is that busy."),
        },
        Limit::Item(item) => format!(
            "No run can beat {best}: item {} alone needs that long through every stage (its critical path).",
            scenario.labels.get(item).map_or("?", String::as_str)
        ),
    }
}

/// The latency line of the ordering view.
pub fn latency_line(latency: &Spread) -> String {
    format!(
        "Latency of the run: mean {}, p50 {}, p95 {} (toggle an ordered stage to see its cost).",
        seconds(latency.mean_ms),
        seconds(latency.p50_ms),
        seconds(latency.p95_ms)
    )
}

/// Whether the ordering view shows a stage: every stage where order can
/// change (all but a one-worker source).
pub fn order_can_change(scenario: &Scenario, stage: usize) -> bool {
    scenario
        .stages
        .get(stage)
        .is_some_and(|s| stage > 0 || s.workers > 1)
}

/// A stage's title in the ordering view: `B · 3 workers: 1 inversion`.
pub fn stage_order_title(scenario: &Scenario, order: &StageOrder) -> String {
    let stage = scenario.stages.get(order.stage);
    format!(
        "{} · {}: {}",
        stage.map_or("?", |s| s.name.as_str()),
        count(u64::from(stage.map_or(0, |s| s.workers)), "worker"),
        count(order.inversions, "inversion")
    )
}

/// What an ordered stage's reorder buffer cost: how many items waited in it
/// for an earlier one, and how long in all.
pub fn reorder_cost(records: &[ItemRecord], stage: usize) -> String {
    let (waited, total) = records
        .iter()
        .filter_map(|r| r.stages.get(stage).copied().flatten())
        .filter_map(|v| Some(v.put?.saturating_sub(v.buffered?)))
        .fold((0, 0), |(n, sum), w| (n + 1, sum + w));
    match waited {
        0 => "Ordered: no item had to wait for an earlier one.".to_string(),
        n => format!(
            "Ordered: {} waited in the reorder buffer, {} in all.",
            count(n, "item"),
            time(total)
        ),
    }
}

/// Where the playhead is: before the first event, or after event `index`
/// (of `events`, at `at` µs).
pub fn playhead_line(playhead: Micros, event: Option<(usize, Micros)>, events: usize) -> String {
    match event {
        None => format!("Playhead at {}: before the first event.", time(playhead)),
        Some((index, at)) => format!(
            "Playhead at {}: the loop after event {} of {events} (at {}).",
            time(playhead),
            index + 1,
            time(at)
        ),
    }
}

/// An item's path as the page shows it under the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPath {
    /// `Item “L” (entered 4th, left 5th): 1.5 s in the pipeline`.
    pub title: String,
    /// Each leg's share of the path, in percent (a bar).
    pub bar: Vec<(LegKind, f64)>,
    /// Each leg as (what, how long), then the split ([`legs`]).
    pub legs: Vec<(String, String)>,
}

/// The path of `item` in a run of `scenario` that recorded `trace`
/// (`None` if the item is not in the run).
pub fn item_path(scenario: &Scenario, trace: &Trace, item: ItemId) -> Option<ItemPath> {
    let (records, output) = item_records(scenario, trace);
    let record = records.get(item as usize)?;
    let line = lineage(scenario, record);
    let left = output.iter().position(|&i| i == item);
    Some(ItemPath {
        title: lineage_title(scenario, item, record, left),
        bar: leg_shares(&line),
        legs: legs(scenario, &line),
    })
}

/// The head of an item's lineage: `Item “L” (entered 4th, left 5th): 1.5 s
/// in the pipeline`; `left` is its place in the output, if it left.
fn lineage_title(
    scenario: &Scenario,
    item: ItemId,
    record: &ItemRecord,
    left: Option<usize>,
) -> String {
    let label = scenario
        .labels
        .get(item as usize)
        .map_or("?", String::as_str);
    let left = left.map_or_else(
        || "not out yet".to_string(),
        |at| format!("left {}", ordinal(at + 1)),
    );
    let total = match (record.created, record.done) {
        (Some(from), Some(to)) => format!(": {} in the pipeline", time(to.saturating_sub(from))),
        _ => String::new(),
    };
    format!(
        "Item “{label}” (entered {}, {left}){total}",
        ordinal(item as usize + 1)
    )
}

/// Each leg's share of the item's path, in percent (for a bar).
fn leg_shares(lineage: &Lineage) -> Vec<(LegKind, f64)> {
    let span = lineage
        .legs
        .iter()
        .map(|l| l.end.saturating_sub(l.start))
        .sum::<u64>()
        .max(1);
    lineage
        .legs
        .iter()
        .map(|l| {
            (
                l.kind,
                l.end.saturating_sub(l.start) as f64 * 100.0 / span as f64,
            )
        })
        .collect()
}

/// One entry of a state row; `flagged` marks what needs attention (an
/// overdue timer).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The text.
    pub text: String,
    /// Whether to emphasise it.
    pub flagged: bool,
}

/// A labelled row of the state panel: `Ready queue [myproc·4, myproc·5]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateRow {
    /// What the row is (`Ready queue`, `Queue → B`).
    pub label: String,
    /// A stable key for tests (`running`, `ready`, `timers`, `queue-0`, `holders-0`, `waiters-0`).
    pub key: String,
    /// Its entries, in order (at most [`MAX_ENTRIES`], then `… n more`).
    pub entries: Vec<Entry>,
    /// Whether the entries form a list (drawn in brackets) or one value.
    pub list: bool,
}

impl StateRow {
    /// The row's value as text: `[a, b]` for a list.
    pub fn text(&self) -> String {
        let joined = self
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if self.list {
            format!("[{joined}]")
        } else {
            joined
        }
    }
}

fn entries(texts: impl Iterator<Item = (String, bool)>, len: usize) -> Vec<Entry> {
    let mut list: Vec<Entry> = texts
        .take(MAX_ENTRIES)
        .map(|(text, flagged)| Entry { text, flagged })
        .collect();
    if len > MAX_ENTRIES {
        list.push(Entry {
            text: format!("… {} more", len - MAX_ENTRIES),
            flagged: false,
        });
    }
    list
}

/// The rows of the state panel for `state`, seen at `playhead` µs (a timer
/// due before the playhead is overdue: the loop has not collected it).
pub fn state_rows(
    scenario: &Scenario,
    trace: &Trace,
    state: &LoopState,
    playhead: Micros,
) -> Vec<StateRow> {
    let name = |task: TaskId| task_name(scenario, trace, task);
    let list = |label: String, key: String, tasks: &[TaskId]| StateRow {
        label,
        key,
        entries: entries(tasks.iter().map(|&t| (name(t), false)), tasks.len()),
        list: true,
    };
    let running = match state.holder {
        Some((task, TaskState::Blocked)) => format!("{} (blocking: nothing else runs)", name(task)),
        Some((task, _)) => name(task),
        None if state.tasks.iter().all(|t| t.0 == TaskState::Done) && !state.tasks.is_empty() => {
            "nobody: every task is done".to_string()
        }
        None => "nobody: the loop waits".to_string(),
    };
    let mut rows = vec![
        StateRow {
            label: "Running".into(),
            key: "running".into(),
            entries: vec![Entry {
                text: running,
                flagged: false,
            }],
            list: false,
        },
        list("Ready queue".into(), "ready".into(), &state.ready),
        StateRow {
            label: "Timers".into(),
            key: "timers".into(),
            entries: entries(
                state.timers.iter().map(|t| match t.deadline {
                    Some(due) if due < playhead => (
                        format!("{} due {} (overdue)", name(t.task), time(due)),
                        true,
                    ),
                    Some(due) => (format!("{} due {}", name(t.task), time(due)), false),
                    None => (format!("{} (not due yet)", name(t.task)), false),
                }),
                state.timers.len(),
            ),
            list: true,
        },
    ];
    for (queue, items) in state.queues.iter().enumerate() {
        let into = scenario.stages.get(queue + 1);
        let capacity = into
            .and_then(|s| s.capacity)
            .map_or(String::new(), |c| format!(" (capacity {c})"));
        rows.push(StateRow {
            label: format!(
                "Queue → {}{capacity}",
                into.map_or("?", |s| s.name.as_str())
            ),
            key: format!("queue-{queue}"),
            entries: entries(
                items.iter().map(|&i| {
                    let label = scenario.labels.get(i as usize).map_or("?", String::as_str);
                    (label.to_string(), false)
                }),
                items.len(),
            ),
            list: true,
        });
    }
    for (index, (resource, held)) in scenario.resources.iter().zip(&state.resources).enumerate() {
        let kind = match resource.kind {
            ResourceKind::Lock => "lock".to_string(),
            ResourceKind::Semaphore => format!("semaphore of {}", resource.permits),
        };
        rows.push(list(
            format!("{} ({kind}): holding", resource.name),
            format!("holders-{index}"),
            &held.holders,
        ));
        rows.push(list(
            format!("{}: waiting", resource.name),
            format!("waiters-{index}"),
            &held.waiters,
        ));
    }
    rows
}

/// An item's legs as (what, how long) lines, then its split.
pub fn legs(scenario: &Scenario, lineage: &Lineage) -> Vec<(String, String)> {
    let stage = |s: usize| scenario.stages.get(s).map_or("?", |st| st.name.as_str());
    let mut lines: Vec<(String, String)> = lineage
        .legs
        .iter()
        .map(|leg| {
            let what = match leg.kind {
                LegKind::Queued => format!("queued → {}", stage(leg.stage)),
                LegKind::Served(worker) => {
                    format!("served by {}·{}", stage(leg.stage), worker + 1)
                }
                LegKind::Reordered => format!("reorder buffer of {}", stage(leg.stage)),
            };
            (
                format!("{what} (t={}…{})", time(leg.start), time(leg.end)),
                time(leg.end - leg.start),
            )
        })
        .collect();
    lines.push((
        "waiting in queues and buffers / being served".into(),
        format!("{} / {}", time(lineage.queued), time(lineage.served)),
    ));
    lines
}

/// What sets a lower bound, in a few words: `stage detail`, `the loop`,
/// `semaphore "api"`, `item 3's own path`.
pub fn limit(scenario: &Scenario, limit: Limit) -> String {
    match limit {
        Limit::Stage(s) => format!(
            "stage {}",
            scenario.stages.get(s).map_or("?", |st| st.name.as_str())
        ),
        Limit::Loop => "the loop (all blocking work)".into(),
        Limit::Resource(r) => scenario.resources.get(r).map_or_else(
            || "a resource".into(),
            |res| match res.kind {
                ResourceKind::Lock => format!("lock \"{}\"", res.name),
                ResourceKind::Semaphore => format!("semaphore \"{}\"", res.name),
            },
        ),
        Limit::Item(i) => format!(
            "item {}'s own path",
            scenario.labels.get(i).map_or("?", String::as_str)
        ),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_pair_of_times_shares_one_unit() {
        assert_eq!(
            super::seconds_pair(348.0, 3480.0),
            ("0.348 s".to_string(), "3.48 s".to_string())
        );
        assert_eq!(
            super::seconds_pair(12.0, 40.5),
            ("12 ms".to_string(), "40.5 ms".to_string())
        );
    }

    use super::*;
    use crate::bounds::lower_bounds;
    use crate::driver::simulate;
    use crate::engine::Mode;
    use crate::insight::blame::worst_blocks;
    use crate::insight::ordering::stage_orders;
    use crate::presets::find;
    use crate::stats::item_records;

    fn scenario(id: &str) -> Scenario {
        find(id)
            .and_then(|p| p.scenario().ok())
            .expect("a valid preset")
    }

    #[test]
    fn counts_and_ordinals() {
        assert_eq!(count(1, "worker"), "1 worker");
        assert_eq!(count(0, "worker"), "0 workers");
        assert_eq!(count(3, "inversion"), "3 inversions");
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            ordinals,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn bounds_are_said_in_seconds_with_the_right_plural() {
        let sentence = |id: &str| {
            let s = scenario(id);
            bound_sentence(&s, &lower_bounds(&s))
        };
        assert_eq!(
            sentence("await-then-block"),
            "No run can beat 12.5 s: that is all the blocking work, and the loop does it one step at a time."
        );
        assert_eq!(
            sentence("sequential"),
            "No run can beat 25 s: stage myproc has that much work per worker (its 1 worker does it all)."
        );
        assert_eq!(
            sentence("semaphore-limit"),
            "No run can beat 348 ms: that is the work done holding semaphore \"limit\", divided by its 10 permits."
        );
    }

    #[test]
    fn the_blame_list_of_await_then_block() {
        let s = scenario("await-then-block");
        let trace = simulate(&s, Mode::Async).trace;
        let (rows, more) = blame_rows(&s, &trace, &worst_blocks(&trace, 2));
        assert_eq!(more, 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].text,
            "myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s"
        );
        assert_eq!((rows[0].start, rows[0].end), (2_500_000, 5_000_000));
        let (all, none) = blame_rows(&s, &trace, &worst_blocks(&trace, 12));
        assert_eq!((all.len(), none), (4, 0));
    }

    #[test]
    fn helol_in_the_ordering_view() {
        let s = scenario("hello-workers");
        let trace = simulate(&s, Mode::Async).trace;
        let orders = stage_orders(&s, &trace);
        assert_eq!(
            stage_order_title(&s, &orders[1]),
            "B · 3 workers: 1 inversion"
        );
        assert!(!order_can_change(&s, 0), "a one-worker source keeps order");
        assert!(order_can_change(&s, 1));
        let (records, _) = item_records(&s, &trace);
        assert_eq!(
            reorder_cost(&records, 1),
            "Ordered: no item had to wait for an earlier one."
        );
    }

    #[test]
    fn an_ordered_stage_says_what_its_buffer_cost() {
        let mut raw = find("hello-workers")
            .and_then(|p| p.raw().ok())
            .expect("a preset");
        raw.stages[1].ordered = true;
        let s = raw.validate().expect("valid");
        let trace = simulate(&s, Mode::Async).trace;
        let (records, _) = item_records(&s, &trace);
        let cost = reorder_cost(&records, 1);
        assert!(
            cost.starts_with("Ordered: 1 item waited in the reorder buffer, "),
            "{cost}"
        );
    }

    #[test]
    fn playhead_and_latency_lines() {
        assert_eq!(
            playhead_line(6_000_000, Some((40, 5_000_000)), 88),
            "Playhead at 6 s: the loop after event 41 of 88 (at 5 s)."
        );
        assert_eq!(
            playhead_line(0, None, 88),
            "Playhead at 0 s: before the first event."
        );
        let spread = Spread {
            mean_ms: 1500.0,
            p50_ms: 250.0,
            p95_ms: 2000.0,
            max_ms: 2000.0,
        };
        assert_eq!(
            latency_line(&spread),
            "Latency of the run: mean 1.5 s, p50 250 ms, p95 2 s (toggle an ordered stage to see its cost)."
        );
    }

    #[test]
    fn an_items_lineage_head_and_bar() {
        let s = scenario("block-then-await");
        let trace = simulate(&s, Mode::Async).trace;
        let path = item_path(&s, &trace, 4).expect("item 5 is in the run");
        assert!(
            path.title.starts_with("Item “5” (entered 5th, left 5th): "),
            "{}",
            path.title
        );
        let total: f64 = path.bar.iter().map(|s| s.1).sum();
        assert!((total - 100.0).abs() < 1e-9);
        assert!(
            path.legs
                .iter()
                .any(|(what, _)| what.starts_with("queued → myproc (t=0 s…10 s)"))
        );
        assert_eq!(item_path(&s, &trace, 99), None);
    }
}
