//! The insight results as the page words them: short times, blame lines,
//! the loop's state at a playhead, an item's legs.
//!
//! ```text
//!  Blame      ──► "myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s"
//!  LoopState  ──► rows: Running · Ready queue [myproc·4, myproc·5] · Timers
//!                 [myproc·1 due 5 s (overdue), …] · Queue → B [H, E] · api holding / waiting
//!  Lineage    ──► "queue → B  0.3 s", "served by B·3  1.2 s", …
//! ```
//!
//! Pure text, tested natively; the UI only puts it in elements.

use super::blame::Blame;
use super::lineage::{LegKind, Lineage};
use super::scrub::LoopState;
use super::task_name;
use crate::bounds::Limit;
use crate::scenario::{ResourceKind, Scenario};
use crate::time::Micros;
use crate::trace::{TaskId, TaskState, Trace};

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

/// [`seconds`] of a time in µs.
pub fn time(us: Micros) -> String {
    seconds(us as f64 / 1000.0)
}

/// One blame entry as a sentence.
pub fn blame_line(scenario: &Scenario, trace: &Trace, blame: &Blame) -> String {
    format!(
        "{} blocking {} at t={}: delayed {} by {}",
        task_name(scenario, trace, blame.task),
        time(blame.duration),
        time(blame.start),
        if blame.delayed_tasks == 1 {
            "1 task".to_string()
        } else {
            format!("{} tasks", blame.delayed_tasks)
        },
        time(blame.delay)
    )
}

/// One entry of a state row; `flagged` marks what needs attention (an
/// overdue timer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The text.
    pub text: String,
    /// Whether to emphasise it.
    pub flagged: bool,
}

/// A labelled row of the state panel: `Ready queue [myproc·4, myproc·5]`.
#[derive(Clone, Debug, PartialEq, Eq)]
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
