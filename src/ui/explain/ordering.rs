//! The ordering view: per stage, a line from the position each item entered
//! to the position it left; crossing lines are where order is lost.
//!
//! ```text
//!  B · 3 workers: 1 inversion                        [ ] hand items on in input order
//!   H  E  L  L  O      entered
//!   │  │  │   ╲╱       crossing lines drawn bold, the others faint
//!   H  E  L  O  L      left
//!  Ordered: 1 item waited in the reorder buffer, …   (the option's cost)
//! ```
//!
//! One memo words and lays out every stage ([`crate::insight::describe`],
//! [`crate::plot::ordering::order_plot`]); each stage is a keyed row that
//! reads its part of it.

use leptos::prelude::*;

use crate::insight::describe::{latency_line, order_can_change, reorder_cost, stage_order_title};
use crate::insight::ordering::stage_orders;
use crate::plot::ordering::{HEIGHT, OrderPlot, WIDTH, order_plot};
use crate::stats::item_records;
use crate::ui::state::use_playground;
use crate::ui::testid;

/// One stage of the view, worded and laid out.
#[derive(Clone, Debug, PartialEq)]
struct StageView {
    /// Stage index.
    stage: usize,
    /// `B · 3 workers: 1 inversion`.
    title: String,
    /// Inversions (for the tests' `data-inversions`).
    inversions: u64,
    /// Whether the stage hands items on in input order.
    ordered: bool,
    /// The lines and labels.
    plot: OrderPlot,
    /// What the reorder buffer cost, when ordered.
    cost: Option<String>,
}

/// The Ordering tab: the run's latency, then every stage where order can
/// change, with its lines, its inversions, the ordered option and its cost.
#[component]
pub fn OrderingTab() -> impl IntoView {
    let shown = use_playground().displayed;
    let stages = Memo::new(move |_| {
        shown.with(|p| {
            let (records, _) = item_records(&p.scenario, &p.trace);
            stage_orders(&p.scenario, &p.trace)
                .into_iter()
                .filter(|order| order_can_change(&p.scenario, order.stage))
                .map(|order| {
                    let ordered = p
                        .scenario
                        .stages
                        .get(order.stage)
                        .is_some_and(|s| s.ordered);
                    StageView {
                        stage: order.stage,
                        title: stage_order_title(&p.scenario, &order),
                        inversions: order.inversions,
                        ordered,
                        plot: order_plot(&order, &p.scenario.labels),
                        cost: ordered.then(|| reorder_cost(&records, order.stage)),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let latency = move || shown.with(|p| latency_line(&p.stats.latency));
    view! {
        <p class="hint">
            "Each line joins where an item entered a stage (top row) to where it left it (bottom row). Parallel lines keep the order; crossing lines (bold) are items that overtook each other: that is where order is lost, like HELLO becoming HELOL when three workers finish at different speeds. An ordered stage hands items on in input order through a reorder buffer, like gather keeps results in order where as_completed does not: items then wait for the ones before them."
        </p>
        <div class="stage-orders">
            <p class="order-latency" data-testid=testid::ORDER_LATENCY>
                {latency}
            </p>
            <For
                each=move || stages.with(|s| s.iter().map(|v| v.stage).collect::<Vec<_>>())
                key=|stage| *stage
                let:stage
            >
                <StageOrderBlock stage=stage stages=stages />
            </For>
        </div>
    }
}

/// One stage: title, the option, the lines, the reorder buffer's cost.
#[component]
fn StageOrderBlock(
    /// Stage index.
    stage: usize,
    /// Every stage of the view.
    stages: Memo<Vec<StageView>>,
) -> impl IntoView {
    let playground = use_playground();
    let this = Memo::new(move |_| stages.with(|s| s.iter().find(|v| v.stage == stage).cloned()));
    let read = move |part: fn(&StageView) -> String| {
        move || this.with(|v| v.as_ref().map(part).unwrap_or_default())
    };
    let ordered = move || this.with(|v| v.as_ref().is_some_and(|v| v.ordered));
    let set_ordered = move |on: bool| {
        playground.edit(|raw| {
            if let Some(s) = raw.stages.get_mut(stage) {
                s.ordered = on;
            }
        });
    };
    let plot = Memo::new(move |_| this.with(|v| v.as_ref().map(|v| v.plot.clone())));
    view! {
        <div
            class="stage-order"
            data-testid=testid::STAGE_ORDER
            data-stage=stage
            data-inversions=read(|v| v.inversions.to_string())
        >
            <div class="stage-order-head">
                <strong>{read(|v| v.title.clone())}</strong>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid=testid::ORDER_ORDERED
                        prop:checked=ordered
                        on:change:target=move |ev| set_ordered(ev.target().checked())
                    />
                    "hand items on in input order (reorder buffer)"
                </label>
            </div>
            <OrderLines plot=plot />
            {move || {
                this.with(|v| v.as_ref().and_then(|v| v.cost.clone()))
                    .map(|cost| view! { <p class="order-cost">{cost}</p> })
            }}
        </div>
    }
}

/// The lines of one stage, with labels when there is room.
#[component]
fn OrderLines(
    /// The stage's drawing.
    plot: Memo<Option<OrderPlot>>,
) -> impl IntoView {
    let labels = move || plot.with(|p| p.as_ref().map(|p| p.labels.clone()).unwrap_or_default());
    let paths = move || plot.with(|p| p.as_ref().map(|p| p.paths.clone()).unwrap_or_default());
    let empty = move || plot.with(|p| p.as_ref().is_some_and(|p| p.empty));
    view! {
        <svg
            class="order-lines"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-label="Lines from entry position to exit position"
        >
            {move || {
                empty()
                    .then(|| {
                        view! {
                            <text
                                x=WIDTH / 2.0
                                y=HEIGHT / 2.0
                                class="order-empty"
                                text-anchor="middle"
                                dominant-baseline="middle"
                            >
                                "No item went through yet."
                            </text>
                        }
                    })
            }}
            <For
                each=labels
                key=|label| (label.text.clone(), label.x.to_bits(), label.y.to_bits())
                let:label
            >
                <text
                    x=format!("{:.1}", label.x)
                    y=format!("{:.1}", label.y)
                    class="order-label"
                    text-anchor="middle"
                    dominant-baseline="middle"
                >
                    {label.text}
                </text>
            </For>
            <For each=paths key=|path| (path.crosses, path.d.clone(), path.stroke.clone()) let:path>
                <path
                    class=match (path.crosses, path.dense) {
                        (false, false) => "order-line",
                        (true, false) => "order-line crosses",
                        (false, true) => "order-line dense",
                        (true, true) => "order-line crosses dense",
                    }
                    d=path.d
                    stroke=path.stroke
                />
            </For>
        </svg>
    }
}
