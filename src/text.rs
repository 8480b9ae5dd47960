//! Plain-text tables for the terminal: a report, a sweep, an explanation.
//! Times in seconds. [`terminal_safe`] escapes what a terminal would obey.

use std::borrow::Cow;
use std::fmt::Write;

use crate::bounds::lower_bounds;
use crate::engine::{Outcome, Run};
use crate::insight::blame::worst_blocks;
use crate::insight::describe::bound_sentence;
use crate::insight::ordering::stage_orders;
use crate::insight::sentences::insights;
use crate::insight::task_name;
use crate::report::Report;
use crate::scenario::{Scenario, is_bidi_control};
use crate::sweep::SweepPoint;

/// `text` safe for a terminal: every control character but the newline,
/// and every bidirectional control, written as a `\uXXXX` escape (an item
/// label cannot set the window title, clear the screen or reorder a line).
/// Applied to JSON it keeps the JSON valid and equal in meaning.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && (c.is_control() || is_bidi_control(c));
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Longest output order shown in the table (the JSON report has all of it).
const OUTPUT_CHARS: usize = 60;

fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

fn optional_seconds(ms: Option<f64>) -> String {
    ms.map_or_else(|| "—".into(), seconds)
}

/// The human table of `interleave simulate`.
pub fn report(report: &Report) -> String {
    let stats = &report.stats;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} items, {} stages, seed {} ({})",
        report.items.len(),
        report.scenario.stages.len(),
        report.scenario.seed,
        report.mode
    );
    match &report.outcome {
        Outcome::Completed => {}
        Outcome::EventLimit | Outcome::RunCap | Outcome::Stopped => {
            if let Some(stopped) = &report.stopped {
                let _ = writeln!(out, "{stopped}");
            }
        }
        Outcome::Deadlock(waiting) => {
            let _ = writeln!(out, "DEADLOCK: {} tasks wait forever", waiting.len());
            for w in waiting {
                let _ = writeln!(
                    out,
                    "  {} worker {} waits for {}",
                    w.stage, w.worker, w.waits_for
                );
            }
        }
    }
    if let Some(stopped) = &report.baseline_stopped {
        let speedup = if stopped.figures_complete {
            ""
        } else {
            " The speedup is a lower bound."
        };
        let _ = writeln!(out, "Synchronous baseline: {stopped}{speedup}");
    }
    let mut output = report.output_text();
    if let Some((cut, _)) = output.char_indices().nth(OUTPUT_CHARS) {
        output.truncate(cut);
        output.push('…');
    }
    let _ = writeln!(
        out,
        "output      {output}   ({} inversions)",
        stats.inversions
    );
    let _ = writeln!(
        out,
        "makespan    {}   throughput {:.2} items/s   speedup ×{:.2} over synchronous ({})",
        seconds(stats.makespan_ms),
        stats.throughput_per_s,
        stats.speedup,
        seconds(stats.sync_makespan_ms)
    );
    let l = &stats.latency;
    let _ = writeln!(
        out,
        "latency     mean {}  p50 {}  p95 {}  max {}",
        seconds(l.mean_ms),
        seconds(l.p50_ms),
        seconds(l.p95_ms),
        seconds(l.max_ms)
    );
    let _ = writeln!(
        out,
        "loop        blocked {}   ready (lag) {}",
        seconds(stats.loop_blocked_ms),
        seconds(stats.ready_ms)
    );
    for stage in &stats.stages {
        let _ = writeln!(
            out,
            "stage       {:<12} {:>4} workers  {:>5.1}% busy",
            stage.stage,
            stage.workers,
            stage.utilization * 100.0
        );
    }
    for queue in &stats.queues {
        let capacity = queue
            .capacity
            .map_or_else(|| "unbounded".into(), |c| format!("capacity {c}"));
        let _ = writeln!(
            out,
            "queue       → {:<10} max depth {} ({capacity})",
            queue.into, queue.max_depth
        );
    }
    let _ = writeln!(
        out,
        "\n{:>5}  {:<6} {:>10} {:>10}  observed",
        "item", "label", "created", "done"
    );
    for item in &report.items {
        let observed = item
            .observed
            .iter()
            .map(|(counter, value)| format!("{counter}={value}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            out,
            "{:>5}  {:<6} {:>10} {:>10}  {observed}",
            item.index,
            item.label,
            optional_seconds(item.created_ms),
            optional_seconds(item.done_ms)
        );
    }
    out
}

/// The table of `interleave sweep`: concurrency, time, speedup, and the
/// lower bound no schedule can beat.
pub fn sweep(stage: &str, points: &[SweepPoint]) -> String {
    let mut out = format!(
        "{:>12} {:>10} {:>8} {:>12}\n",
        format!("{stage} workers"),
        "time",
        "speedup",
        "lower bound"
    );
    for point in points {
        if point.capped() {
            let _ = writeln!(
                out,
                "{:>12} {:>10} {:>8} {:>12}  capped",
                point.value,
                format!("≥ {}", seconds(point.makespan_ms)),
                "—",
                seconds(point.bound_ms)
            );
        } else {
            let _ = writeln!(
                out,
                "{:>12} {:>10} {:>8.2} {:>12}",
                point.value,
                seconds(point.makespan_ms),
                point.speedup,
                seconds(point.bound_ms)
            );
        }
    }
    if let Some(stop) = points
        .iter()
        .filter(|p| p.capped())
        .find_map(|p| p.stopped.or(p.baseline_stopped))
    {
        let _ = writeln!(
            out,
            "capped: the event cap ({} events) stopped the run or its synchronous baseline \
             before every item finished; the time shown is how far it got, not a result",
            stop.limit
        );
    }
    out
}

/// Most blocking spans listed by `interleave explain`.
const BLAME_ROWS: usize = 5;

/// The text of `interleave explain`: insights, the lower bound, where order
/// is lost, and the blocking steps that delayed others most.
pub fn explain(scenario: &Scenario, report: &Report, run: &Run) -> String {
    let mut out = String::new();
    for insight in insights(scenario, report, &run.trace) {
        let _ = writeln!(out, "{:>12}  {}", insight.figure, insight.text);
    }
    let bounds = lower_bounds(scenario);
    let _ = writeln!(out, "\n{}", bound_sentence(scenario, &bounds));
    let _ = writeln!(out, "\norder per stage (entered → left):");
    for order in stage_orders(scenario, &run.trace) {
        let Some(stage) = scenario.stages.get(order.stage) else {
            continue;
        };
        let labels = |items: &[u32]| -> String {
            let mut text: String = items
                .iter()
                .filter_map(|&i| scenario.labels.get(i as usize).map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((cut, _)) = text.char_indices().nth(OUTPUT_CHARS) {
                text.truncate(cut);
                text.push('…');
            }
            text
        };
        let _ = writeln!(
            out,
            "  {:<12} {} → {}   ({} inversions)",
            stage.name,
            labels(&order.entered),
            labels(&order.left),
            order.inversions
        );
    }
    let (blames, all) = worst_blocks(&run.trace, BLAME_ROWS);
    if !blames.is_empty() {
        let _ = writeln!(out, "\nblocking steps that kept others waiting:");
        for blame in &blames {
            let _ = writeln!(
                out,
                "  {} blocking {} at t={}: delayed {} tasks by {} in all",
                task_name(scenario, &run.trace, blame.task),
                seconds(blame.duration as f64 / 1000.0),
                seconds(blame.start as f64 / 1000.0),
                blame.delayed_tasks,
                seconds(blame.delay as f64 / 1000.0)
            );
        }
        if all > blames.len() {
            let _ = writeln!(out, "  … and {} more", all - blames.len());
        }
    }
    out
}
