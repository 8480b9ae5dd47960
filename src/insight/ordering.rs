//! Ordering: per stage, the order items entered and the order they left.
//!
//! ```text
//!  stage B (3 workers)   in:  H E L L O
//!                        out: H E L O L     1 inversion
//! ```
//!
//! Drawn as lines from input position to output position; a stage that
//! crosses lines is where order is lost.

use serde::Serialize;

use crate::scenario::Scenario;
use crate::stats::{add_stage_order, entry_of, order_inversions, positions};
use crate::trace::{ItemId, Trace};

/// One stage's permutation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageOrder {
    /// Stage index.
    pub stage: usize,
    /// Items in the order the stage took them.
    pub entered: Vec<ItemId>,
    /// Items in the order the stage handed them on.
    pub left: Vec<ItemId>,
    /// Pairs that left in the opposite order they entered.
    pub inversions: u64,
}

impl StageOrder {
    /// For each item that left, its (entry position, exit position).
    pub fn lines(&self) -> Vec<(usize, usize)> {
        let entry = positions(&self.entered);
        self.left
            .iter()
            .enumerate()
            .filter_map(|(out, item)| Some((entry_of(&entry, *item)?, out)))
            .collect()
    }
}

/// The permutation of every stage.
pub fn stage_orders(scenario: &Scenario, trace: &Trace) -> Vec<StageOrder> {
    let stages = scenario.stages.len();
    let mut entered = vec![Vec::new(); stages];
    let mut left = vec![Vec::new(); stages];
    for event in &trace.events {
        add_stage_order(&mut entered, &mut left, &trace.tasks, event.kind);
    }
    entered
        .into_iter()
        .zip(left)
        .enumerate()
        .map(|(stage, (entered, left))| StageOrder {
            stage,
            inversions: order_inversions(&entered, &left),
            entered,
            left,
        })
        .collect()
}
