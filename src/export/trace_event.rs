//! A run as a Chrome/Perfetto trace (the JSON "trace event format"), to open
//! in <https://ui.perfetto.dev> or Chrome's performance panel.
//!
//! ```text
//!  Scenario + Trace ──► process "event loop" (pid 1) ─ thread "event loop": who holds the loop (X),
//!                   │                                  "loop blocked" instants (i) where a block held it
//!                   ├─► process per stage (pid 2 + stage) ─ thread per task, in worker order:
//!                   │        one complete slice (X) per state span, named by state
//!                   │        counter track (C) "queue → B" for the stage's input queue depth
//!                   ├─► flow (s … t … f) per item: took → handed on → taken by the next stage …,
//!                   │        through instants (i) "took H", "handed on H" on the workers' threads
//!                   └─► metadata (M): process and thread names and sort indices
//! ```
//!
//! Timestamps are the trace's own microseconds (the format's unit), so a
//! live run's real timestamps export as they were recorded. The slices are
//! exactly the chart's spans ([`crate::spans::task_spans`]): zero-length
//! states (a step that took no virtual time) are not slices. The module is
//! pure, so the page builds the same file in wasm.
//!
//! Thread ids are [`TASK_TID_BASE`] + task id, unique across processes
//! (Perfetto keys JSON threads by tid).

use serde::Serialize;
use serde_json::{Value, json};

use crate::insight::task_name;
use crate::scenario::Scenario;
use crate::spans::walk_spans;
use crate::time::Micros;
use crate::trace::{EventKind, ItemId, TaskId, TaskState, Trace};

/// Process id of the event loop.
pub const LOOP_PID: u32 = 1;
/// Thread id of the event loop's lane.
pub const LOOP_TID: u32 = 1;
/// Thread id of task 0; task `t` is `TASK_TID_BASE + t`.
pub const TASK_TID_BASE: u32 = 1000;
/// Name of the instant events marking a block that held the loop.
pub const BLOCK_INSTANT: &str = "loop blocked";

/// Process id of stage `stage`.
pub fn stage_pid(stage: u32) -> u32 {
    stage + 2
}

/// One trace event, as the format spells it.
#[derive(Serialize)]
struct TraceEvent {
    name: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    cat: &'static str,
    ph: &'static str,
    ts: Micros,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<Micros>,
    pid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    tid: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    /// Flow binding point: `e` binds to the enclosing slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    bp: Option<&'static str>,
    /// Instant scope: `t` (thread).
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    #[serde(skip_serializing_if = "Value::is_null")]
    args: Value,
}

impl TraceEvent {
    fn new(ph: &'static str, name: String, pid: u32, tid: Option<u32>, ts: Micros) -> Self {
        Self {
            name,
            cat: "",
            ph,
            ts,
            dur: None,
            pid,
            tid,
            id: None,
            bp: None,
            s: None,
            args: Value::Null,
        }
    }

    fn metadata(name: &str, pid: u32, tid: Option<u32>, args: Value) -> Self {
        Self {
            args,
            ..Self::new("M", name.to_string(), pid, tid, 0)
        }
    }
}

/// The whole file.
#[derive(Serialize)]
struct Document {
    #[serde(rename = "traceEvents")]
    trace_events: Vec<TraceEvent>,
    #[serde(rename = "displayTimeUnit")]
    display_time_unit: &'static str,
}

/// The thread id of `task`.
pub fn task_tid(task: TaskId) -> u32 {
    TASK_TID_BASE.saturating_add(task)
}

/// `trace` of `scenario` as a Chrome/Perfetto trace event JSON document
/// (see the module docs for what it holds). Works on any trace: a virtual
/// run's or a live run's; spans still open at the trace's last event end
/// there.
pub fn trace_event_json(scenario: &Scenario, trace: &Trace) -> String {
    let document = Document {
        trace_events: trace_events(scenario, trace),
        display_time_unit: "ms",
    };
    // Plain structs and JSON values always serialize.
    serde_json::to_string(&document).unwrap_or_default()
}

fn trace_events(scenario: &Scenario, trace: &Trace) -> Vec<TraceEvent> {
    let label = |item: ItemId| scenario.labels.get(item as usize).cloned();
    let mut events = metadata(scenario, trace);
    let walked = walk_spans(trace, trace.end());
    for span in &walked.spans {
        let Some(info) = trace.tasks.get(span.task as usize) else {
            continue;
        };
        let mut event = TraceEvent::new(
            "X",
            span.state.label().to_string(),
            stage_pid(info.stage),
            Some(task_tid(span.task)),
            span.start,
        );
        event.cat = "state";
        event.dur = Some(span.duration());
        event.args = item_args(span.item, label);
        events.push(event);
    }
    for holder in &walked.holders {
        let name = task_name(scenario, trace, holder.task);
        let mut event = TraceEvent::new("X", name.clone(), LOOP_PID, Some(LOOP_TID), holder.start);
        event.cat = "loop";
        event.dur = Some(holder.duration());
        let mut args = item_args(holder.item, label);
        args["state"] = json!(holder.state.label());
        event.args = args;
        events.push(event);
        if holder.state == TaskState::Blocked {
            let mut instant = TraceEvent::new(
                "i",
                BLOCK_INSTANT.to_string(),
                LOOP_PID,
                Some(LOOP_TID),
                holder.start,
            );
            instant.cat = "blocking";
            instant.s = Some("t");
            instant.args = json!({
                "task": name,
                "blocked_ms": crate::time::ms(holder.duration()),
            });
            events.push(instant);
        }
    }
    counters(scenario, trace, &mut events);
    flows(trace, label, &mut events);
    events
}

/// `{"item": label, "item_index": n}`, or nothing when no item is held.
fn item_args(item: Option<ItemId>, label: impl Fn(ItemId) -> Option<String>) -> Value {
    match item {
        Some(item) => json!({"item": label(item).unwrap_or_default(), "item_index": item}),
        None => Value::Null,
    }
}

/// Names and sort indices: the loop first, then the stages in order; each
/// stage's tasks in worker order.
fn metadata(scenario: &Scenario, trace: &Trace) -> Vec<TraceEvent> {
    let mut events = vec![
        TraceEvent::metadata(
            "process_name",
            LOOP_PID,
            None,
            json!({"name": "event loop"}),
        ),
        TraceEvent::metadata(
            "process_sort_index",
            LOOP_PID,
            None,
            json!({"sort_index": 0}),
        ),
        TraceEvent::metadata(
            "thread_name",
            LOOP_PID,
            Some(LOOP_TID),
            json!({"name": "event loop"}),
        ),
    ];
    for (index, stage) in scenario.stages.iter().enumerate() {
        let pid = stage_pid(index as u32);
        let workers = if stage.workers == 1 {
            "1 worker".to_string()
        } else {
            format!("{} workers", stage.workers)
        };
        events.push(TraceEvent::metadata(
            "process_name",
            pid,
            None,
            json!({"name": format!("stage {} ({workers})", stage.name)}),
        ));
        events.push(TraceEvent::metadata(
            "process_sort_index",
            pid,
            None,
            json!({"sort_index": index + 1}),
        ));
    }
    for (task, info) in trace.tasks.iter().enumerate() {
        let task = task as TaskId;
        let (pid, tid) = (stage_pid(info.stage), task_tid(task));
        events.push(TraceEvent::metadata(
            "thread_name",
            pid,
            Some(tid),
            json!({"name": task_name(scenario, trace, task)}),
        ));
        events.push(TraceEvent::metadata(
            "thread_sort_index",
            pid,
            Some(tid),
            json!({"sort_index": info.worker}),
        ));
    }
    events
}

/// A counter track per queue, in the process of the stage it feeds: its
/// depth from 0 at the start, every change kept.
fn counters(scenario: &Scenario, trace: &Trace, events: &mut Vec<TraceEvent>) {
    let name = |queue: u32| {
        scenario
            .stages
            .get(queue as usize + 1)
            .map(|stage| format!("queue → {}", stage.name))
    };
    let mut counter = |queue: u32, time: Micros, depth: u32| {
        if let Some(name) = name(queue) {
            let mut event = TraceEvent::new("C", name, stage_pid(queue + 1), None, time);
            event.args = json!({"depth": depth});
            events.push(event);
        }
    };
    for queue in 0..scenario.stages.len().saturating_sub(1) {
        counter(queue as u32, 0, 0);
    }
    for event in &trace.events {
        if let EventKind::Depth { queue, depth } = event.kind {
            counter(queue, event.time, depth);
        }
    }
}

/// One flow per item, through each stage it reached: taken by a worker,
/// handed on, taken by the next stage's worker, …. Each point is an
/// instant on the worker's thread (`took H`, `handed on H`) that the flow
/// binds to: a worker whose steps take no time has no state slice there.
fn flows(trace: &Trace, label: impl Fn(ItemId) -> Option<String>, events: &mut Vec<TraceEvent>) {
    let mut points: Vec<Vec<(TaskId, Micros, &'static str)>> = Vec::new();
    for event in &trace.events {
        let (item, task, what) = match event.kind {
            EventKind::Got { item, task } => (item, task, "took"),
            EventKind::Put { item, task } => (item, task, "handed on"),
            _ => continue,
        };
        let index = item as usize;
        if index >= points.len() {
            points.resize_with(index + 1, Vec::new);
        }
        let path = &mut points[index];
        if path
            .last()
            .is_none_or(|&(t, time, _)| (t, time) != (task, event.time))
        {
            path.push((task, event.time, what));
        }
    }
    for (item, path) in points.iter().enumerate() {
        if path.len() < 2 {
            continue;
        }
        let label = label(item as ItemId).unwrap_or_default();
        let name = format!("item {label}");
        for (position, &(task, time, what)) in path.iter().enumerate() {
            let Some(info) = trace.tasks.get(task as usize) else {
                continue;
            };
            let mut marker = TraceEvent::new(
                "i",
                format!("{what} {label}"),
                stage_pid(info.stage),
                Some(task_tid(task)),
                time,
            );
            marker.cat = "item";
            marker.s = Some("t");
            marker.args = json!({"item": label, "item_index": item});
            events.push(marker);
            let phase = match position {
                0 => "s",
                p if p + 1 == path.len() => "f",
                _ => "t",
            };
            let mut event = TraceEvent::new(
                phase,
                name.clone(),
                stage_pid(info.stage),
                Some(task_tid(task)),
                time,
            );
            event.cat = "item";
            event.id = Some(item as u64 + 1);
            event.bp = Some("e");
            events.push(event);
        }
    }
}
