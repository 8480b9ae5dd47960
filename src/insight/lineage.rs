//! One item's path through the pipeline, and where its latency went.
//!
//! ```text
//!  item "L":  [queue → B 0.3 s][served by B·3 1.2 s][reorder 0.1 s][queue → C 0 s][served by C·1 0 s]
//! ```

use serde::Serialize;

use crate::scenario::Scenario;
use crate::stats::ItemRecord;
use crate::time::Micros;

/// One leg of an item's path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Leg {
    /// What happened to the item.
    pub kind: LegKind,
    /// Stage index.
    pub stage: usize,
    /// Start, µs.
    pub start: Micros,
    /// End, µs.
    pub end: Micros,
}

/// What an item was doing during a leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegKind {
    /// Waiting in the stage's input queue.
    Queued,
    /// Held by a worker of the stage (worker index).
    Served(u32),
    /// Finished, waiting in the ordered stage's reorder buffer.
    Reordered,
}

/// An item's legs and its latency split.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lineage {
    /// Legs in time order (zero-length legs included: they show the path).
    pub legs: Vec<Leg>,
    /// Time spent waiting in queues (and reorder buffers), µs.
    pub queued: Micros,
    /// Time spent held by workers, µs.
    pub served: Micros,
}

/// The lineage of an item from its record.
pub fn lineage(scenario: &Scenario, record: &ItemRecord) -> Lineage {
    let mut legs = Vec::new();
    let mut previous_exit = record.created;
    for (stage, visit) in record.stages.iter().enumerate().take(scenario.stages.len()) {
        let Some(visit) = visit else { break };
        if let Some(exit) = previous_exit
            && stage > 0
        {
            legs.push(Leg {
                kind: LegKind::Queued,
                stage,
                start: exit,
                end: visit.got.max(exit),
            });
        }
        let served_until = visit.buffered.or(visit.put);
        if let Some(until) = served_until {
            legs.push(Leg {
                kind: LegKind::Served(visit.worker),
                stage,
                start: visit.got,
                end: until.max(visit.got),
            });
        }
        if let (Some(buffered), Some(put)) = (visit.buffered, visit.put) {
            legs.push(Leg {
                kind: LegKind::Reordered,
                stage,
                start: buffered,
                end: put.max(buffered),
            });
        }
        previous_exit = visit.put;
    }
    let total = |wanted: fn(&LegKind) -> bool| -> Micros {
        legs.iter()
            .filter(|l| wanted(&l.kind))
            .map(|l| l.end - l.start)
            .sum()
    };
    Lineage {
        queued: total(|k| matches!(k, LegKind::Queued | LegKind::Reordered)),
        served: total(|k| matches!(k, LegKind::Served(_))),
        legs,
    }
}
