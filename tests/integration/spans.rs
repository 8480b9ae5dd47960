//! The chart's spans and the loop's holders, walked with no sort, against
//! their plain definitions: every state change ends a span, sorted after.

use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::presets;
use interleave::spans::{Span, walk_spans};
use interleave::time::Micros;
use interleave::trace::{EventKind, ItemId, TaskState, Trace};

use super::{checked, raw};

/// Every non-empty, non-`Done` state span, a task's last one ending at
/// `until`, sorted by task, then start; as plainly as it can be said.
pub fn naive_spans(trace: &Trace, until: Micros) -> Vec<Span> {
    // (state, since, item it got in the span, item it holds)
    type Open = (TaskState, Micros, Option<ItemId>, Option<ItemId>);
    let mut open: Vec<Option<Open>> = vec![None; trace.tasks.len()];
    let mut spans = Vec::new();
    let mut close = |task: usize, (state, since, item, holding): Open, end: Micros| {
        if end > since && state != TaskState::Done {
            spans.push(Span {
                task: task as u32,
                state,
                start: since,
                end,
                item: item.or(holding),
            });
        }
    };
    for event in &trace.events {
        match event.kind {
            EventKind::State { task, state, .. } => {
                let task = task as usize;
                let holding = open[task].and_then(|o| o.3);
                if let Some(previous) = open[task] {
                    close(task, previous, event.time);
                }
                open[task] = Some((state, event.time, None, holding));
            }
            EventKind::Got { item, task } => {
                if let Some(o) = open[task as usize].as_mut() {
                    (o.2, o.3) = (Some(item), Some(item));
                }
            }
            EventKind::Put { item, task } => {
                if let Some(o) = open[task as usize].as_mut() {
                    (o.2, o.3) = (o.2.or(Some(item)), None);
                }
            }
            _ => {}
        }
    }
    for (task, o) in open.iter().enumerate() {
        if let Some(o) = *o {
            close(task, o, until.max(o.1));
        }
    }
    spans.sort_by_key(|s| (s.task, s.start));
    spans
}

/// The running and blocked spans, sorted by start.
pub fn naive_holders(spans: &[Span]) -> Vec<Span> {
    let mut holders: Vec<Span> = spans
        .iter()
        .filter(|s| s.state.holds_loop())
        .copied()
        .collect();
    holders.sort_by_key(|s| (s.start, s.task));
    holders
}

#[test]
fn walked_spans_and_holders_are_their_definitions_for_every_preset() {
    let mut holders = 0;
    for preset in presets::PRESETS {
        let trace = simulate(&checked(&raw(preset.id)), Mode::Async).trace;
        // Up to the end, and past it (a live run drawn up to now).
        for until in [trace.end(), trace.end() + 5_000] {
            let walked = walk_spans(&trace, until);
            let spans = naive_spans(&trace, until);
            assert_eq!(walked.holders, naive_holders(&spans), "{}", preset.id);
            assert_eq!(walked.spans, spans, "{}", preset.id);
            holders += walked.holders.len();
        }
    }
    assert!(holders > 1_000, "not two empty lists: {holders} holders");
}

#[test]
fn a_trace_cut_anywhere_walks_to_its_definition() {
    // A live run's trace so far ends anywhere: in a block, between a timer
    // and its task, with a task holding an item.
    let trace = simulate(&checked(&raw("file-writes-lock")), Mode::Async).trace;
    for cut in [0, 1, 2, 17, 500, 4_321, trace.events.len() - 1] {
        let part = Trace {
            tasks: trace.tasks.clone(),
            events: trace.events[..cut].to_vec(),
            iterations: Vec::new(),
        };
        let until = part.end() + 1_000;
        let walked = walk_spans(&part, until);
        let spans = naive_spans(&part, until);
        assert_eq!(walked.spans, spans, "cut at {cut}");
        assert_eq!(walked.holders, naive_holders(&spans), "cut at {cut}");
    }
}
