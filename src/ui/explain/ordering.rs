//! The ordering view: per stage, a line from the position each item entered
//! to the position it left; crossing lines are where order is lost.
//!
//! ```text
//!  B · 3 workers: 1 inversion                        [ ] hand items on in input order
//!   H  E  L  L  O      entered
//!   │  │  │   ╲╱       crossing lines drawn bold, the others faint
//!   H  E  L  O  L      left
//!  reorder buffer: … · latency p50 … p95 …           (the option's cost, from the stats)
//! ```
//!
//! Lines come from [`crate::plot::ordering::order_lines`]; many items are
//! drawn as two paths (crossing, parallel) instead of a line each.

use std::fmt::Write;

use leptos::prelude::*;

use super::open;
use crate::chart::Preview;
use crate::insight::describe::time;
use crate::insight::ordering::{StageOrder, stage_orders};
use crate::plot::ordering::order_lines;
use crate::stats::item_records;
use crate::ui::dom::{Dom, acted, find, listen, rebuild};
use crate::format::seconds;
use crate::ui::state::{Playground, Tab};
use crate::ui::testid;

/// The drawing's width in its own units (it scales to the page).
const WIDTH: f64 = 640.0;
/// Its height.
const HEIGHT: f64 = 100.0;
/// Lines start and end here.
const TOP: f64 = 20.0;
const BOTTOM: f64 = 80.0;
/// Items are labelled up to this many per stage.
const MAX_LABELLED: usize = 60;
/// Lines are drawn one by one (with their hue) up to this many.
const MAX_LINES: usize = 240;

/// The Ordering tab's markup.
pub const HTML: &str = r#"<p class="hint">Each line joins where an item entered a stage (top row) to where it left it (bottom row). Parallel lines keep the order; crossing lines (bold) are items that overtook each other: that is where order is lost, like HELLO becoming HELOL when three workers finish at different speeds. An ordered stage hands items on in input order through a reorder buffer, like gather keeps results in order where as_completed does not: items then wait for the ones before them.</p><div class="stage-orders"></div>"#;

/// The Ordering tab: every stage where order can change (all but a
/// one-worker source), with its lines, inversions, the ordered option and
/// what it costs.
pub fn build(dom: &Dom<'_>, playground: Playground) {
    let shown = playground.displayed;
    let Some(stages) = find(dom.parent, ".stage-orders") else {
        return;
    };
    Effect::new(move |_| {
        if !open(playground, Tab::Ordering) {
            return;
        }
        rebuild(&stages, &|dom| {
            shown.with(|p| {
                dom.text(
                    "p",
                    &[("class", "order-latency"), ("data-testid", testid::ORDER_LATENCY)],
                    &format!(
                        "Latency of the run: mean {}, p50 {}, p95 {} (toggle an ordered stage to see its cost).",
                        seconds(p.stats.latency.mean_ms),
                        seconds(p.stats.latency.p50_ms),
                        seconds(p.stats.latency.p95_ms)
                    ),
                );
                for order in stage_orders(&p.scenario, &p.trace) {
                    let Some(stage) = p.scenario.stages.get(order.stage) else {
                        continue;
                    };
                    if order.stage == 0 && stage.workers == 1 {
                        continue;
                    }
                    stage_block(dom, p, &order);
                }
            });
        });
    });
    listen(dom.parent, &["change"], move |ev| {
        if let Some((act, s)) = acted(ev)
            && act == "ordered"
        {
            let on = ev
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            playground.edit(|raw| {
                if let Some(stage) = raw.stages.get_mut(s) {
                    stage.ordered = on;
                }
            });
        }
    });
}

/// One stage: title, the option, the lines, the reorder buffer's cost.
fn stage_block(dom: &Dom<'_>, p: &Preview, order: &StageOrder) {
    let Some(stage) = p.scenario.stages.get(order.stage) else {
        return;
    };
    let (s, inversions) = (order.stage.to_string(), order.inversions.to_string());
    let Some(block) = dom.el(
        "div",
        &[
            ("class", "stage-order"),
            ("data-testid", testid::STAGE_ORDER),
            ("data-stage", &s),
            ("data-inversions", &inversions),
        ],
    ) else {
        return;
    };
    let block = dom.within(&block);
    if let Some(head) = block.el("div", &[("class", "stage-order-head")]) {
        let head = block.within(&head);
        let n = order.inversions;
        head.text(
            "strong",
            &[],
            &format!(
                "{} · {} worker{}: {n} inversion{}",
                stage.name,
                stage.workers,
                if stage.workers == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" }
            ),
        );
        if let Some(label) = head.el("label", &[("class", "check")]) {
            let label = head.within(&label);
            let mut attrs = vec![
                ("type", "checkbox"),
                ("data-act", "ordered"),
                ("data-index", s.as_str()),
                ("data-testid", testid::ORDER_ORDERED),
            ];
            if stage.ordered {
                attrs.push(("checked", ""));
            }
            label.el("input", &attrs);
            label.plain("hand items on in input order (reorder buffer)");
        }
    }
    if let Some(svg) = block.svg().el(
        "svg",
        &[
            ("class", "order-lines"),
            ("viewBox", &format!("0 0 {WIDTH} {HEIGHT}")),
            ("role", "img"),
            ("aria-label", "Lines from entry position to exit position"),
        ],
    ) {
        draw(&block.within(&svg).svg(), order, &p.scenario.labels);
    }
    if stage.ordered {
        let (records, _) = item_records(&p.scenario, &p.trace);
        let (count, waited) = records
            .iter()
            .filter_map(|r| r.stages.get(order.stage).copied().flatten())
            .filter_map(|v| Some(v.put?.saturating_sub(v.buffered?)))
            .fold((0, 0), |(n, sum), w| (n + 1, sum + w));
        let cost = match count {
            0 => "Ordered: no item had to wait for an earlier one.".to_string(),
            n => format!(
                "Ordered: {n} item{} waited in the reorder buffer, {} in all.",
                if n == 1 { "" } else { "s" },
                time(waited)
            ),
        };
        block.text("p", &[("class", "order-cost")], &cost);
    }
}

/// The lines of one stage, with labels when there is room.
fn draw(dom: &Dom<'_>, order: &StageOrder, labels: &[String]) {
    let lines = order_lines(order, labels.len(), 8.0, WIDTH - 8.0);
    if order.entered.is_empty() {
        dom.label(
            WIDTH / 2.0,
            HEIGHT / 2.0,
            "order-empty",
            "No item went through yet.",
            "middle",
        );
        return;
    }
    let count = order.entered.len().max(1) as f64;
    let x = |position: usize| 8.0 + (position as f64 + 0.5) * (WIDTH - 16.0) / count;
    if order.entered.len() <= MAX_LABELLED {
        let label = |item: &u32| labels.get(*item as usize).map_or("?", String::as_str);
        for (position, item) in order.entered.iter().enumerate() {
            dom.label(x(position), 10.0, "order-label", label(item), "middle");
        }
        for (position, item) in order.left.iter().enumerate() {
            dom.label(
                x(position),
                HEIGHT - 9.0,
                "order-label",
                label(item),
                "middle",
            );
        }
    }
    if lines.len() <= MAX_LINES {
        // Parallel lines first, crossing ones on top.
        for crossing in [false, true] {
            for line in lines.iter().filter(|l| l.crosses == crossing) {
                let stroke = format!("hsl({:.0} 70% 45%)", line.hue);
                let d = format!("M{:.1} {TOP}L{:.1} {BOTTOM}", line.from_x, line.to_x);
                dom.el(
                    "path",
                    &[
                        (
                            "class",
                            if crossing {
                                "order-line crosses"
                            } else {
                                "order-line"
                            },
                        ),
                        ("d", &d),
                        ("stroke", &stroke),
                    ],
                );
            }
        }
        return;
    }
    for crossing in [false, true] {
        let mut d = String::new();
        for line in lines.iter().filter(|l| l.crosses == crossing) {
            let _ = write!(d, "M{:.1} {TOP}L{:.1} {BOTTOM}", line.from_x, line.to_x);
        }
        dom.path(
            if crossing {
                "order-line crosses dense"
            } else {
                "order-line dense"
            },
            &d,
        );
    }
}
