//! The ordering view: per stage, lines from the position an item entered to
//! the position it left. Parallel lines keep the order; crossings lose it.
//!
//! ```text
//!  B in   H  E  L  L  O
//!         │  │  │   ╲╱
//!  B out  H  E  L  O  L     1 inversion
//! ```

use serde::Serialize;

use crate::insight::ordering::StageOrder;

/// One item's line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderLine {
    /// The item.
    pub item: u32,
    /// Where it entered, px.
    pub from_x: f64,
    /// Where it left, px.
    pub to_x: f64,
    /// Hue from its input position (degrees), as in the output strip.
    pub hue: f64,
    /// Whether it overtook or was overtaken (crosses another line).
    pub crosses: bool,
}

/// Lines of one stage, spread over `[left, right]`.
pub fn order_lines(order: &StageOrder, items: usize, left: f64, right: f64) -> Vec<OrderLine> {
    let count = order.entered.len().max(1);
    let step = (right - left) / count as f64;
    let x = |position: usize| left + (position as f64 + 0.5) * step;
    let lines = order.lines();
    let span = items.max(2) as f64 - 1.0;
    // exit[p]: where the item that entered at p left. A line crosses another
    // iff an earlier entrant left after it, or a later entrant left before it.
    let mut exit = vec![None; count];
    for &(from, to) in &lines {
        if let Some(slot) = exit.get_mut(from) {
            *slot = Some(to);
        }
    }
    let mut latest_before = vec![None; count];
    let mut running: Option<usize> = None;
    for (p, slot) in latest_before.iter_mut().enumerate() {
        *slot = running;
        running = running.max(exit[p]);
    }
    let mut earliest_after = vec![None; count];
    let mut running: Option<usize> = None;
    for p in (0..count).rev() {
        earliest_after[p] = running;
        running = match (running, exit[p]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    lines
        .iter()
        .map(|&(from, to)| {
            let item = order.entered.get(from).copied().unwrap_or(0);
            OrderLine {
                item,
                from_x: x(from),
                to_x: x(to),
                hue: 280.0 * f64::from(item) / span,
                crosses: latest_before
                    .get(from)
                    .copied()
                    .flatten()
                    .is_some_and(|t| t > to)
                    || earliest_after
                        .get(from)
                        .copied()
                        .flatten()
                        .is_some_and(|t| t < to),
            }
        })
        .collect()
}
