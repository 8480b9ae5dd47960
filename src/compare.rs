//! A/B comparison: the same numbers side by side, with the change; and the
//! synchronous baseline as a scenario of its own, to put beside the original.
//!
//! ```text
//!  Report A ─┐
//!            ├─► compare ──► rows: makespan · throughput · latency · blocked · ready · order
//!  Report B ─┘
//!  RawScenario ──synchronous──► the same with every wait blocking (side B in one click)
//! ```

use serde::Serialize;

use crate::presets::Preset;
use crate::report::Report;
use crate::scenario::{RawDuration, RawScenario, RawStep};

/// One compared figure.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Difference {
    /// What is compared.
    pub label: &'static str,
    /// Side A, formatted.
    pub a: String,
    /// Side B, formatted.
    pub b: String,
    /// B relative to A (`−40%`, `+2`, `same`).
    pub change: String,
}

fn relative(a: f64, b: f64) -> String {
    if a == b {
        "same".into()
    } else if a == 0.0 {
        "new".into()
    } else {
        let percent = (b / a - 1.0) * 100.0;
        format!(
            "{}{:.0}%",
            if percent > 0.0 { "+" } else { "−" },
            percent.abs()
        )
    }
}

fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// What a side of a comparison is called: its preset's title (`(edited)`
/// once changed), `your pipeline`, or, when it is the other side's
/// synchronous baseline, `synchronous baseline of …` that side's title.
pub fn side_title(
    this: &RawScenario,
    preset: Option<&Preset>,
    other: &RawScenario,
    other_preset: Option<&Preset>,
) -> String {
    let title = |raw: &RawScenario, preset: Option<&Preset>| match preset
        .and_then(|p| p.raw().ok().map(|r| (p, r)))
    {
        Some((p, original)) if &original == raw => p.title.to_string(),
        Some((p, _)) => format!("{} (edited)", p.title),
        None => "your pipeline".to_string(),
    };
    if this != other && &synchronous(other) == this {
        format!("synchronous baseline of {}", title(other, other_preset))
    } else {
        title(this, preset)
    }
}

/// The figures the articles compare: time, throughput, latency, blocking, order.
pub fn compare(a: &Report, b: &Report) -> Vec<Difference> {
    let (sa, sb) = (&a.stats, &b.stats);
    let timed = |label, x: f64, y: f64| Difference {
        label,
        a: seconds(x),
        b: seconds(y),
        change: relative(x, y),
    };
    vec![
        timed("makespan", sa.makespan_ms, sb.makespan_ms),
        Difference {
            label: "throughput",
            a: format!("{:.2} items/s", sa.throughput_per_s),
            b: format!("{:.2} items/s", sb.throughput_per_s),
            change: relative(sa.throughput_per_s, sb.throughput_per_s),
        },
        timed("latency p50", sa.latency.p50_ms, sb.latency.p50_ms),
        timed("latency p95", sa.latency.p95_ms, sb.latency.p95_ms),
        timed("loop blocked", sa.loop_blocked_ms, sb.loop_blocked_ms),
        timed("ready (lag)", sa.ready_ms, sb.ready_ms),
        Difference {
            label: "output order",
            a: order_cell(a),
            b: order_cell(b),
            change: if a.output == b.output {
                "same".into()
            } else {
                "differs".into()
            },
        },
        Difference {
            label: "inversions",
            a: sa.inversions.to_string(),
            b: sb.inversions.to_string(),
            change: match sb.inversions as i64 - sa.inversions as i64 {
                0 => "same".into(),
                d => format!("{d:+}"),
            },
        },
    ]
}

/// Characters of an output order a table cell shows.
const ORDER_CHARS: usize = 40;

/// A run's output order as a table cell: up to [`ORDER_CHARS`] characters,
/// then "…" ("0 1 2 … 16…"): the whole order of 1000 items filled a page.
fn order_cell(report: &Report) -> String {
    let mut text = report.output_text();
    if let Some((cut, _)) = text.char_indices().nth(ORDER_CHARS) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// The synchronous baseline of `raw` as a scenario: every wait made
/// blocking, yields blocking for no time, no loop overhead. Run as written,
/// it behaves like `raw` in [`crate::engine::Mode::Sync`] (same makespan,
/// same jitter: each step keeps its index, hence its random stream), so it
/// can be side B of a comparison, shared and edited like any scenario.
///
/// A racy increment becomes an add followed by the blocking wait (nothing
/// can interleave, so no update is lost); the steps after it move down by
/// one, so their random durations may draw other values.
pub fn synchronous(raw: &RawScenario) -> RawScenario {
    let mut sync = raw.clone();
    sync.loop_overhead_us = 0;
    for stage in &mut sync.stages {
        let steps = std::mem::take(&mut stage.steps);
        for step in steps {
            match step {
                RawStep::Wait(d) => stage.steps.push(RawStep::Block(d)),
                RawStep::Yield => stage.steps.push(RawStep::Block(RawDuration::Fixed(0.0))),
                RawStep::Increment { counter, wait } => {
                    stage.steps.push(RawStep::Add { counter, amount: 1 });
                    stage.steps.push(RawStep::Block(wait));
                }
                other => stage.steps.push(other),
            }
        }
    }
    sync
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::find;

    #[test]
    fn sides_are_named_by_their_preset_or_what_they_are() {
        let gather = find("gather").expect("a preset");
        let sequential = find("sequential").expect("a preset");
        let (a, b) = (
            gather.raw().expect("valid"),
            sequential.raw().expect("valid"),
        );
        assert_eq!(
            side_title(&a, Some(gather), &b, Some(sequential)),
            gather.title
        );
        let mut edited = a.clone();
        edited.seed += 1;
        assert_eq!(
            side_title(&edited, Some(gather), &b, Some(sequential)),
            format!("{} (edited)", gather.title)
        );
        assert_eq!(side_title(&edited, None, &b, None), "your pipeline");
        assert_eq!(
            side_title(&synchronous(&a), None, &a, Some(gather)),
            format!("synchronous baseline of {}", gather.title)
        );
        // A copy is not its own baseline.
        assert_eq!(side_title(&a, Some(gather), &a, Some(gather)), gather.title);
    }
}
