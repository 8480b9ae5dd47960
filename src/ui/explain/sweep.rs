//! The sweep view: one parameter over a range of values, every point run
//! in virtual time, plotted and tabulated like the first article's table.
//!
//! ```text
//!  [workers of detail ▾] values [1..16      ] [makespan ▾] [Run sweep] ▭▭▭▭ progress
//!      │ chosen_parameter    parse_values          │
//!      ▼                                           ▼
//!  spawn_local: per value sweep_point(raw, parameter, v) ──► SweepRow (worded),
//!               next_task() whenever ~12 ms passed (the page stays responsive);
//!               a newer run stops an older one
//!      ▼
//!  SweepResult ──► sweep_plot (points clickable, bound and baseline lines, tooltips)
//!              └─► table: value · time · items/s · speedup · bound (what sets it)
//!  click a point or a row ──► with_value(base, parameter, v) ──► the editor (side A)
//! ```
//!
//! The run is timed with `performance.now()` and shown under the plot (also
//! `<html data-sweep-ms data-sweep-wall-ms data-sweep-points>` for the
//! end-to-end tests).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::driver::live::next_task;
use crate::export::sweep_svg;
use crate::format::parse_f64;
use crate::link::Side;
use crate::plot::sweep::{Metric, SweepPlot, SweepRow, sweep_plot};
use crate::scenario::RawScenario;
use crate::sweep::{
    Parameter, SweepPoint, chosen_parameter, default_values, parameter_label, parameters,
    parse_values, point_problem, position_of, sweep_point, with_value,
};
use crate::ui::exports::{download, download_png};
use crate::ui::perf;
use crate::ui::state::{Playground, use_playground};
use crate::ui::testid;

/// The plot's size in its own units (it scales to the page).
const PLOT: (f64, f64) = (640.0, 280.0);
/// Computing this long between two yields to the page, ms.
const SLICE_MS: f64 = 12.0;

/// The metrics the plot can show: (metric, `<option>` value, label).
const METRICS: [(Metric, &str, &str); 3] = [
    (Metric::Makespan, "makespan", "makespan (s)"),
    (Metric::Throughput, "throughput", "throughput (items/s)"),
    (Metric::Speedup, "speedup", "speedup (×)"),
];

/// A finished sweep.
#[derive(Debug)]
struct SweepResult {
    /// The scenario it varied.
    base: RawScenario,
    /// What it varied.
    parameter: Parameter,
    /// Its points, in the order of the values.
    points: Vec<SweepPoint>,
    /// Each point worded for the table and the tooltips.
    rows: Vec<SweepRow>,
    /// Time spent computing, ms.
    compute_ms: f64,
    /// From Run to result, including the page's turns, ms.
    wall_ms: f64,
}

/// The sweep's settings, progress and last result.
#[derive(Clone, Debug, Default)]
struct Sweep {
    /// The parameter chosen (`None`: the default).
    parameter: Option<Parameter>,
    /// The values typed (`None`: the parameter's default).
    values: Option<String>,
    /// The metric plotted.
    metric: Option<Metric>,
    /// The last result.
    result: Option<Arc<SweepResult>>,
    /// Points done of all, while running.
    progress: Option<(usize, usize)>,
    /// Why the last run could not start or finish.
    error: Option<String>,
    /// Counts runs: a newer run stops an older one.
    run: u32,
}

/// The sweep's state: it outlives the tab (the app provides it as context),
/// so a sweep keeps running and its result stays while another tab is open.
#[derive(Clone, Copy)]
pub struct SweepState(RwSignal<Sweep>);

impl SweepState {
    /// Nothing chosen, nothing run.
    pub fn new() -> Self {
        Self(RwSignal::new(Sweep::default()))
    }
}

impl Default for SweepState {
    fn default() -> Self {
        Self::new()
    }
}

/// The parameter in use: the one chosen, or the workers of the busiest stage (tracked).
fn parameter(playground: Playground, state: SweepState) -> Parameter {
    let chosen = state.0.with(|s| s.parameter);
    let utilization = playground.preview.with(|p| {
        p.stats
            .stages
            .iter()
            .map(|s| s.utilization)
            .collect::<Vec<_>>()
    });
    playground
        .raw
        .with(|raw| chosen_parameter(raw, chosen, utilization))
}

/// The values in use: as typed, or the parameter's default (tracked).
fn values_text(playground: Playground, state: SweepState) -> String {
    let parameter = parameter(playground, state);
    state
        .0
        .with(|s| s.values.clone())
        .unwrap_or_else(|| playground.raw.with(|raw| default_values(raw, parameter)))
}

/// Runs the sweep on side A's scenario, a slice at a time.
fn start(playground: Playground, state: SweepState) {
    let state = state.0;
    let raw = playground.raw.get_untracked();
    let fail = move |error: String| {
        state.try_update(|s| {
            s.error = Some(error);
            s.progress = None;
        });
    };
    if raw.validate().is_err() {
        return fail("Fix the scenario first: the editor marks what is wrong.".into());
    }
    let (parameter, text) = untrack(|| {
        (
            parameter(playground, SweepState(state)),
            values_text(playground, SweepState(state)),
        )
    });
    let values = match parse_values(&text, parse_f64) {
        Ok(values) => values,
        Err(error) => return fail(format!("Values: {error}.")),
    };
    let mut id = 0;
    state.update(|s| {
        s.error = None;
        s.run = s.run.wrapping_add(1);
        s.progress = Some((0, values.len()));
        id = s.run;
    });
    spawn_local(async move {
        let began = perf::now();
        let mut compute_ms = 0.0;
        let mut since_yield = began;
        let mut points = Vec::with_capacity(values.len());
        let mut rows = Vec::with_capacity(values.len());
        for (done, &value) in values.iter().enumerate() {
            if state.try_with_untracked(|s| s.run) != Some(id) {
                return; // a newer run took over
            }
            let t = perf::now();
            let point = sweep_point(&raw, parameter, value);
            compute_ms += perf::now() - t;
            match point {
                Ok((point, scenario)) => {
                    rows.push(SweepRow::new(&point, &scenario));
                    points.push(point);
                }
                Err(error) => return fail(point_problem(&raw, parameter, value, &error)),
            }
            if perf::now() - since_yield >= SLICE_MS {
                state.try_update(|s| s.progress = Some((done + 1, values.len())));
                next_task().await;
                since_yield = perf::now();
            }
        }
        let wall_ms = perf::now() - began;
        publish(points.len(), compute_ms, wall_ms);
        let result = Arc::new(SweepResult {
            base: raw,
            parameter,
            points,
            rows,
            compute_ms,
            wall_ms,
        });
        state.try_update(|s| {
            s.result = Some(result);
            s.progress = None;
        });
    });
}

/// `<html data-sweep-ms data-sweep-wall-ms data-sweep-points>`, for the tests.
fn publish(points: usize, compute_ms: f64, wall_ms: f64) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-sweep-ms", &format!("{compute_ms:.2}"));
        let _ = root.set_attribute("data-sweep-wall-ms", &format!("{wall_ms:.2}"));
        let _ = root.set_attribute("data-sweep-points", &points.to_string());
    }
}

/// The Sweep tab: settings, Run, progress, plot and table, timing.
#[component]
pub fn SweepTab() -> impl IntoView {
    let playground = use_playground();
    let state = expect_context::<SweepState>();
    let ui = state.0;
    let chosen = Memo::new(move |_| parameter(playground, state));
    let options = move || {
        playground.raw.with(|raw| {
            parameters(raw)
                .into_iter()
                .enumerate()
                .map(|(i, p)| (i, p, parameter_label(raw, p)))
                .collect::<Vec<_>>()
        })
    };
    let choose = move |index: String| {
        let p = index.parse::<usize>().ok().and_then(|i| {
            playground
                .raw
                .with_untracked(|raw| parameters(raw).get(i).copied())
        });
        ui.update(|s| {
            s.values = None;
            s.parameter = p;
        });
    };
    let metric = Memo::new(move |_| ui.with(|s| s.metric).unwrap_or(Metric::Makespan));
    // A new result (not every progress step) builds a new plot and table.
    let result = Memo::new_with_compare(
        move |_| ui.with(|s| s.result.clone()),
        |old, new| match (old, new) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    let choose_metric = move |value: String| {
        if let Some(&(m, _, _)) = METRICS.iter().find(|(_, id, _)| *id == value) {
            ui.update(|s| s.metric = Some(m));
        }
    };
    let running = move || ui.with(|s| s.progress.is_some());
    let error = move || ui.with(|s| s.error.clone());
    view! {
        <p class="hint">
            "Run the pipeline at several values of one parameter (each point is a full run and its synchronous baseline, in virtual time). Values: a list like 1, 2, 4, 8, or a range like 1..16 or 0..2 step 0.25. Click a point or a row to load that configuration into the editor."
        </p>
        <div class="sweep-controls">
            <label class="field">
                <span class="field-label">"Vary"</span>
                <select
                    data-testid=testid::SWEEP_PARAMETER
                    on:change:target=move |ev| choose(ev.target().value())
                >
                    <For each=options key=|option| option.clone() let:option>
                        <option
                            value=option.0
                            prop:selected=move || chosen.get() == option.1
                        >
                            {option.2}
                        </option>
                    </For>
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Values"</span>
                <input
                    type="text"
                    spellcheck="false"
                    data-testid=testid::SWEEP_VALUES
                    prop:value=move || values_text(playground, state)
                    on:input:target=move |ev| ui.update(|s| s.values = Some(ev.target().value()))
                />
            </label>
            <label class="field">
                <span class="field-label">"Plot"</span>
                <select
                    data-testid=testid::SWEEP_METRIC
                    on:change:target=move |ev| choose_metric(ev.target().value())
                >
                    {METRICS
                        .map(|(m, id, label)| {
                            view! {
                                <option value=id prop:selected=move || metric.get() == m>
                                    {label}
                                </option>
                            }
                        })}
                </select>
            </label>
            <button
                type="button"
                class="primary"
                data-testid=testid::SWEEP_RUN
                disabled=running
                on:click=move |_| start(playground, state)
            >
                "Run sweep"
            </button>
            <progress
                data-testid=testid::SWEEP_PROGRESS
                aria-label="Sweep progress"
                hidden=move || !running()
                max=move || ui.with(|s| s.progress.map_or(1, |p| p.1))
                prop:value=move || ui.with(|s| s.progress.map_or(0.0, |p| p.0 as f64))
            ></progress>
        </div>
        <p class="field-error" role="alert" hidden=move || error().is_none()>
            {error}
        </p>
        <div class="sweep-results" data-testid=testid::SWEEP_RESULTS>
            {move || {
                result.get().map(|result| view! { <SweepResultView result=result metric=metric /> })
            }}
        </div>
        <p class="sweep-timing" data-testid=testid::SWEEP_TIMING>
            {move || {
                result.with(|r| {
                    r.as_ref()
                        .map(|r| {
                            format!(
                                "{} points run in virtual time: {:.1} ms of computing in the browser ({:.1} ms from Run to result; the page stayed responsive).",
                                r.points.len(),
                                r.compute_ms,
                                r.wall_ms,
                            )
                        })
                })
            }}
        </p>
    }
}

/// A result: the plot, its legend and the table. A click on a point or a
/// row loads that configuration into the editor (side A).
#[component]
fn SweepResultView(
    /// The sweep.
    result: Arc<SweepResult>,
    /// The metric plotted.
    metric: Memo<Metric>,
) -> impl IntoView {
    let playground = use_playground();
    // The configuration shown now, if it is one of the points.
    let current = {
        let r = result.clone();
        Memo::new(move |_| {
            playground.raw.with(|raw| {
                position_of(&r.base, r.parameter, r.points.iter().map(|p| p.value), raw)
            })
        })
    };
    let load = {
        let r = result.clone();
        move |index: usize| {
            let Some(config) = r
                .points
                .get(index)
                .and_then(|p| with_value(&r.base, r.parameter, p.value).ok())
            else {
                return;
            };
            playground.editing.set(Side::A);
            playground.edit(|raw| *raw = config);
        }
    };
    let plot = {
        let r = result.clone();
        Memo::new(move |_| sweep_plot(&r.points, metric.get(), PLOT.0, PLOT.1))
    };
    let name = parameter_label(&result.base, result.parameter);
    let last_why = result
        .rows
        .last()
        .map(|r| r.why.clone())
        .unwrap_or_default();
    let rows = result.rows.clone();
    let load_row = load.clone();
    let picture = {
        let r = result.clone();
        let name = name.clone();
        move || sweep_svg(&r.points, metric.get_untracked(), &name, PLOT)
    };
    let picture_png = picture.clone();
    let file = move |extension: &str| {
        let id = playground.preset.get_untracked().unwrap_or("scenario");
        format!("interleave-{id}-sweep.{extension}")
    };
    view! {
        <SweepPlotView plot=plot rows=rows.clone() current=current last_why=last_why name=name.clone() metric=metric load=load />
        <div class="sweep-downloads">
            <button
                type="button"
                data-testid=testid::SWEEP_SVG
                on:click=move |_| {
                    let _ = download(&file("svg"), "image/svg+xml", &picture());
                }
            >
                "Plot (SVG)"
            </button>
            <button
                type="button"
                data-testid=testid::SWEEP_PNG
                on:click=move |_| {
                    let _ = download_png(file("png"), picture_png());
                }
            >
                "Plot (PNG)"
            </button>
        </div>
        <ul class="sweep-legend">
            <li class="measured">{move || metric.get().label()}</li>
            <li class="bound">{move || plot.with(|p| p.references.first().map(|s| s.name))}</li>
            <li class="baseline">{move || plot.with(|p| p.references.get(1).map(|s| s.name))}</li>
            <li class="axis-name">{format!("across: {name}")}</li>
        </ul>
        <table class="sweep-table" data-testid=testid::SWEEP_TABLE>
            <thead>
                <tr>
                    <th scope="col">"value"</th>
                    <th scope="col">"time"</th>
                    <th scope="col">"items/s"</th>
                    <th scope="col">"speedup"</th>
                    <th scope="col">"lower bound"</th>
                    <th scope="col">"what sets it"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.clone().into_iter().enumerate() key=|(i, _)| *i children=move |(i, row)| {
                    let load = load_row.clone();
                    let here = move || current.get() == Some(i);
                    view! {
                        <tr
                            data-index=i
                            class:current=here
                            aria-current=move || here().then_some("true")
                            on:click=move |_| load(i)
                        >
                            <td>
                                <button type="button" class="link">
                                    {row.value}
                                </button>
                            </td>
                            <td class="num">{row.time}</td>
                            <td class="num">{row.per_s}</td>
                            <td class="num">{row.speedup}</td>
                            <td class="num">{row.bound}</td>
                            <td class="why" title=row.why>
                                {row.limit}
                            </td>
                        </tr>
                    }
                } />
            </tbody>
        </table>
    }
}

/// The plot: grid, ticks, axis, the reference lines (with what they mean
/// as tooltips), the measured line and its clickable points.
#[component]
fn SweepPlotView(
    /// The plot's geometry.
    plot: Memo<SweepPlot>,
    /// The points, worded (their tooltips).
    rows: Vec<SweepRow>,
    /// The point shown now.
    current: Memo<Option<usize>>,
    /// What sets the bound at the last point.
    last_why: String,
    /// The parameter's name.
    name: String,
    /// The metric plotted.
    metric: Memo<Metric>,
    /// Loads a point into the editor.
    load: impl Fn(usize) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let area = move || plot.with(|p| p.area);
    let grid = move || {
        let (left, _, right, _) = area();
        plot.with(|p| {
            p.y_ticks
                .iter()
                .map(|(y, _)| format!("M{left:.1} {y:.1}H{right:.1}"))
                .collect::<String>()
        })
    };
    let axis = move || {
        let (left, top, right, bottom) = area();
        format!("M{left:.1} {top:.1}V{bottom:.1}H{right:.1}")
    };
    let ticks = move || {
        plot.with(|p| {
            let (left, _, _, bottom) = p.area;
            let y = p
                .y_ticks
                .iter()
                .map(|(y, label)| (left - 6.0, *y, "end", label.clone()));
            let x = p
                .x_ticks
                .iter()
                .map(|(x, label)| (*x, bottom + 14.0, "middle", label.clone()));
            y.chain(x).collect::<Vec<_>>()
        })
    };
    let reference = move |i: usize| {
        move || plot.with(|p| p.references.get(i).map(|s| (s.name, s.path.clone())))
    };
    let bound = reference(0);
    let baseline = reference(1);
    view! {
        <svg
            class="sweep-plot"
            viewBox=format!("0 0 {} {}", PLOT.0, PLOT.1)
            role="img"
            aria-label=move || format!("{} against {name}", metric.get().label())
            data-testid=testid::SWEEP_PLOT
        >
            <path class="grid" d=grid />
            <For
                each=ticks
                key=|tick| (tick.0.to_bits(), tick.1.to_bits(), tick.3.clone())
                let:tick
            >
                <text
                    x=format!("{:.1}", tick.0)
                    y=format!("{:.1}", tick.1)
                    class="tick-label"
                    text-anchor=tick.2
                    dominant-baseline="middle"
                >
                    {tick.3}
                </text>
            </For>
            <path class="axis" d=axis />
            <path class="ref-line bound" d=move || bound().map(|b| b.1)>
                <title>
                    {move || {
                        bound()
                            .map(|b| {
                                format!("{}: no schedule can do better. At the last point: {last_why}", b.0)
                            })
                    }}
                </title>
            </path>
            <path class="ref-line baseline" d=move || baseline().map(|b| b.1)>
                <title>{move || baseline().map(|b| format!("{}: every wait made blocking", b.0))}</title>
            </path>
            <path class="measured" d=move || plot.with(|p| p.measured.path.clone()) />
            <For
                each=move || rows.clone().into_iter().enumerate()
                key=|(i, _)| *i
                children=move |(i, row)| {
                    let load = load.clone();
                    let at = move || plot.with(|p| p.measured.points.get(i).copied());
                    view! {
                        <circle
                            class=move || if current.get() == Some(i) { "point current" } else { "point" }
                            cx=move || at().map(|(x, _)| format!("{x:.1}"))
                            cy=move || at().map(|(_, y)| format!("{y:.1}"))
                            r="5"
                            data-index=i
                            data-value=row.value
                            data-testid=testid::SWEEP_POINT
                            on:click=move |_| load(i)
                        >
                            <title>{row.tip}</title>
                        </circle>
                    }
                }
            />
        </svg>
    }
}
