//! The sweep view: one parameter over a range of values, every point run
//! in virtual time, plotted and tabulated like the first article's table.
//!
//! ```text
//!  [workers of detail ▾] values [1..16      ] [makespan ▾] [Run sweep] ▭▭▭▭ progress
//!      │                   parse_values            │
//!      ▼                                           ▼
//!  spawn_local: per value sweep(raw, parameter, [v]) + the bound's explanation,
//!               next_task() whenever ~12 ms passed (the page stays responsive)
//!      ▼
//!  SweepResult ──► sweep_plot (points clickable, bound and baseline lines, tooltips)
//!              └─► table: value · time · items/s · speedup · bound (what sets it)
//!  click a point or a row ──► with_value(base, parameter, v) ──► the editor (side A)
//! ```
//!
//! The run is timed with `performance.now()` and shown under the plot (also
//! `<html data-sweep-ms>`, `data-sweep-points` for the end-to-end tests).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use super::open;
use crate::bounds::lower_bounds;
use crate::insight::describe::limit;
use crate::link::Side;
use crate::plot::sweep::{Metric, sweep_plot};
use crate::plot::{number_label, sweep::SweepPlot};
use crate::runtime::browser::next_task;
use crate::scenario::RawScenario;
use crate::sweep::{
    Parameter, SweepPoint, default_values, parameter_label, parameters, parse_values, sweep,
    with_value,
};
use crate::ui::dom::{Dom, acted, by_testid, find, flag, listen, rebuild, set_prop, value_of};
use crate::format::{parse_f64, seconds};
use crate::ui::perf;
use crate::ui::state::{Playground, Tab};
use crate::ui::testid;

/// The plot's size in its own units (it scales to the page).
const PLOT: (f64, f64) = (640.0, 280.0);
/// Computing this long between two yields to the page, ms.
const SLICE_MS: f64 = 12.0;

/// A finished sweep.
#[derive(Debug)]
pub struct SweepResult {
    /// The scenario it varied.
    pub base: RawScenario,
    /// What it varied.
    pub parameter: Parameter,
    /// Its points, in the order of the values.
    pub points: Vec<SweepPoint>,
    /// Per point, what sets its lower bound: (in a few words, in a sentence).
    pub bounds: Vec<(String, String)>,
    /// Time spent computing, ms.
    pub compute_ms: f64,
    /// From Run to result, including the page's turns, ms.
    pub wall_ms: f64,
}

/// The sweep's settings, progress and last result.
#[derive(Clone, Debug, Default)]
pub struct Sweep {
    /// The parameter chosen (`None`: the default).
    parameter: Option<Parameter>,
    /// The values typed (`None`: the parameter's default).
    values: Option<String>,
    /// Index into [`METRICS`].
    metric: usize,
    /// The last result.
    result: Option<Arc<SweepResult>>,
    /// Points done of all, while running.
    progress: Option<(usize, usize)>,
    /// Why the last run could not start or finish.
    error: Option<String>,
    /// Counts runs: a newer run stops an older one.
    run: u32,
}

/// The sweep's state, one signal: it outlives the tab (context of the app).
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

/// The parameter chosen, or by default the workers of the busiest stage.
fn chosen(playground: Playground, chosen: Option<Parameter>) -> Parameter {
    let list = playground.raw.with(parameters);
    if let Some(p) = chosen.filter(|p| list.contains(p)) {
        return p;
    }
    let busiest = playground.preview.with(|p| {
        p.stats
            .stages
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.utilization.total_cmp(&b.1.utilization))
            .map_or(0, |(i, _)| i)
    });
    Parameter::Workers { stage: busiest }
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
    if let Err(error) = raw.validate() {
        return fail(format!("Fix the scenario first: {error}"));
    }
    let (parameter, text) = untrack(|| {
        let (p, values) = state.with(|s| (s.parameter, s.values.clone()));
        let parameter = chosen(playground, p);
        let text = values.unwrap_or_else(|| default_values(&raw, parameter));
        (parameter, text)
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
        let mut bounds = Vec::with_capacity(values.len());
        for (done, &value) in values.iter().enumerate() {
            if state.try_with_untracked(|s| s.run) != Some(id) {
                return; // a newer run took over
            }
            let t = perf::now();
            let point = sweep(&raw, parameter, &[value]).and_then(|mut p| {
                let scenario = with_value(&raw, parameter, value)?.validate()?;
                let bound = lower_bounds(&scenario);
                bounds.push((limit(&scenario, bound.best.1), bound.explain(&scenario)));
                p.pop().ok_or(crate::scenario::ScenarioError::Empty {
                    field: "sweep.values".into(),
                })
            });
            compute_ms += perf::now() - t;
            match point {
                Ok(point) => points.push(point),
                Err(error) => return fail(format!("At {}: {error}", number_label(value))),
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
            bounds,
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
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-sweep-ms", &format!("{compute_ms:.2}"));
        let _ = root.set_attribute("data-sweep-wall-ms", &format!("{wall_ms:.2}"));
        let _ = root.set_attribute("data-sweep-points", &points.to_string());
    }
}

/// The Sweep tab's markup.
pub const HTML: &str = r#"<p class="hint">Run the pipeline at several values of one parameter (each point is a full run and its synchronous baseline, in virtual time). Values: a list like 1, 2, 4, 8, or a range like 1..16 or 0..2 step 0.25. Click a point or a row to load that configuration into the editor.</p><div class="sweep-controls"><label class="field"><span class="field-label">Vary</span><select data-act="parameter" data-testid="sweep-parameter"></select></label><label class="field"><span class="field-label">Values</span><input type="text" spellcheck="false" data-act="values" data-testid="sweep-values"></label><label class="field"><span class="field-label">Plot</span><select data-act="metric" data-testid="sweep-metric"><option value="makespan">makespan (s)</option><option value="throughput">throughput (items/s)</option><option value="speedup">speedup (×)</option></select></label><button type="button" class="primary" data-act="run" data-testid="sweep-run">Run sweep</button><progress data-testid="sweep-progress" aria-label="Sweep progress" hidden></progress></div><p class="field-error" role="alert" hidden></p><div class="sweep-results" data-testid="sweep-results"></div><p class="sweep-timing" data-testid="sweep-timing"></p>"#;

/// The metrics: (value, label).
const METRICS: [(Metric, &str); 3] = [
    (Metric::Makespan, "makespan"),
    (Metric::Throughput, "throughput"),
    (Metric::Speedup, "speedup"),
];

/// The Sweep tab: settings, Run, progress, plot and table, timing.
pub fn build(dom: &Dom<'_>, playground: Playground) {
    let state = expect_context::<SweepState>();
    let el = |id: &str| by_testid(dom.parent, id);
    let (
        Some(select),
        Some(input),
        Some(run),
        Some(progress),
        Some(error),
        Some(results),
        Some(timing),
    ) = (
        el(testid::SWEEP_PARAMETER),
        el(testid::SWEEP_VALUES),
        el(testid::SWEEP_RUN),
        el(testid::SWEEP_PROGRESS),
        find(dom.parent, ".field-error"),
        el(testid::SWEEP_RESULTS),
        el(testid::SWEEP_TIMING),
    )
    else {
        return;
    };

    let ui = state.0;
    // Settings: the parameters of the scenario, the values typed or their
    // default (redrawn only when they change, not on every progress step).
    Effect::new(
        move |last: Option<Option<(Parameter, String)>>| -> Option<(Parameter, String)> {
            if !open(playground, Tab::Sweep) {
                return None;
            }
            let (p, values) = ui.with(|s| (s.parameter, s.values.clone()));
            let parameter = chosen(playground, p);
            let text =
                values.unwrap_or_else(|| playground.raw.with(|raw| default_values(raw, parameter)));
            let now = Some((parameter, text.clone()));
            if last.flatten() != now {
                rebuild(&select, &|dom| {
                    playground.raw.with(|raw| {
                        for (i, p) in parameters(raw).into_iter().enumerate() {
                            let i = i.to_string();
                            let mut attrs = vec![("value", i.as_str())];
                            if p == parameter {
                                attrs.push(("selected", ""));
                            }
                            dom.text("option", &attrs, &parameter_label(raw, p));
                        }
                    });
                });
                if value_of_el(&input) != text {
                    set_prop(&input, "value", &text.into());
                }
            }
            now
        },
    );
    // Running, errors, results.
    Effect::new(move |_| {
        ui.with(|s| {
            flag(&run, "disabled", s.progress.is_some());
            flag(&progress, "hidden", s.progress.is_none());
            if let Some((done, of)) = s.progress {
                let _ = progress.set_attribute("max", &of.to_string());
                set_prop(&progress, "value", &(done as f64).into());
            }
            flag(&error, "hidden", s.error.is_none());
            error.set_text_content(s.error.as_deref());
        });
        if !open(playground, Tab::Sweep) {
            return;
        }
        ui.with(|s| {
            let Some(r) = &s.result else {
                return;
            };
            // The configuration shown now, if it is one of the points.
            let current = playground.raw.with(|raw| {
                r.points.iter().position(|p| {
                    with_value(&r.base, r.parameter, p.value).is_ok_and(|c| &c == raw)
                })
            });
            let metric = METRICS.get(s.metric).map_or(Metric::Makespan, |m| m.0);
            rebuild(&results, &|dom| draw(dom, r, metric, current));
            timing.set_text_content(Some(&format!(
                "{} points run in virtual time: {:.1} ms of computing in the browser ({:.1} ms from Run to result; the page stayed responsive).",
                r.points.len(),
                r.compute_ms,
                r.wall_ms
            )));
        });
    });
    let load = move |index: usize| {
        let config = ui.with_untracked(|s| {
            let r = s.result.as_ref()?;
            with_value(&r.base, r.parameter, r.points.get(index)?.value).ok()
        });
        if let Some(config) = config {
            playground.editing.set(Side::A);
            playground.edit(|raw| *raw = config);
        }
    };
    listen(dom.parent, &["click", "change", "input"], move |ev| {
        let Some((act, index)) = acted(ev) else {
            return;
        };
        match (ev.type_().as_str(), act.as_str()) {
            ("click", "run") => start(playground, state),
            ("click", "point") => load(index),
            ("change", "parameter") => {
                let i: usize = value_of(ev).parse().unwrap_or(0);
                let p = playground
                    .raw
                    .with_untracked(|raw| parameters(raw).get(i).copied());
                ui.update(|s| {
                    s.values = None;
                    s.parameter = p;
                });
            }
            ("input", "values") => ui.update(|s| s.values = Some(value_of(ev))),
            ("change", "metric") => {
                let v = value_of(ev);
                if let Some(i) = METRICS.iter().position(|(_, id)| *id == v) {
                    ui.update(|s| s.metric = i);
                }
            }
            _ => {}
        }
    });
}

/// The current `value` of an input.
fn value_of_el(el: &Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The plot and the table of a result.
fn draw(dom: &Dom<'_>, r: &SweepResult, metric: Metric, current: Option<usize>) {
    let plot = sweep_plot(&r.points, metric, PLOT.0, PLOT.1);
    let name = parameter_label(&r.base, r.parameter);
    if let Some(svg) = dom.svg().el(
        "svg",
        &[
            ("class", "sweep-plot"),
            ("viewBox", &format!("0 0 {} {}", PLOT.0, PLOT.1)),
            ("role", "img"),
            ("aria-label", &format!("{} against {name}", metric.label())),
            ("data-testid", testid::SWEEP_PLOT),
        ],
    ) {
        draw_plot(&dom.within(&svg).svg(), r, &plot, current);
    }
    legend(dom, &plot, metric, &name);
    table(dom, r, current);
}

fn draw_plot(svg: &Dom<'_>, r: &SweepResult, plot: &SweepPlot, current: Option<usize>) {
    let (left, top, right, bottom) = plot.area;
    let mut grid = String::new();
    for (y, label) in &plot.y_ticks {
        grid.push_str(&format!("M{left:.1} {y:.1}H{right:.1}"));
        svg.label(left - 6.0, *y, "tick-label", label, "end");
    }
    for (x, label) in &plot.x_ticks {
        svg.label(*x, bottom + 14.0, "tick-label", label, "middle");
    }
    svg.path("grid", &grid);
    svg.path(
        "axis",
        &format!("M{left:.1} {top:.1}V{bottom:.1}H{right:.1}"),
    );
    let last = r.bounds.last().map_or("", |b| b.1.as_str());
    for (i, series) in plot.references.iter().enumerate() {
        let (class, title) = if i == 0 {
            (
                "ref-line bound",
                format!(
                    "{}: no schedule can do better. At the last point: {last}",
                    series.name
                ),
            )
        } else {
            (
                "ref-line baseline",
                format!("{}: every wait made blocking", series.name),
            )
        };
        if let Some(path) = svg.el("path", &[("class", class), ("d", &series.path)]) {
            svg.within(&path).text("title", &[], &title);
        }
    }
    svg.path("measured", &plot.measured.path);
    for (i, &(x, y)) in plot.measured.points.iter().enumerate() {
        let Some(point) = r.points.get(i) else {
            continue;
        };
        let class = if current == Some(i) {
            "point current"
        } else {
            "point"
        };
        let (cx, cy, index) = (format!("{x:.1}"), format!("{y:.1}"), i.to_string());
        let circle = svg.el(
            "circle",
            &[
                ("class", class),
                ("cx", &cx),
                ("cy", &cy),
                ("r", "5"),
                ("data-act", "point"),
                ("data-index", &index),
                ("data-value", &number_label(point.value)),
                ("data-testid", testid::SWEEP_POINT),
            ],
        );
        if let Some(circle) = circle {
            let tip = format!(
                "{}: {} (×{:.2}); bound {}. Click to load it.",
                number_label(point.value),
                seconds(point.makespan_ms),
                point.speedup,
                seconds(point.bound_ms)
            );
            svg.within(&circle).text("title", &[], &tip);
        }
    }
}

fn legend(dom: &Dom<'_>, plot: &SweepPlot, metric: Metric, name: &str) {
    let Some(list) = dom.el("ul", &[("class", "sweep-legend")]) else {
        return;
    };
    let list = dom.within(&list);
    list.text("li", &[("class", "measured")], metric.label());
    for (i, series) in plot.references.iter().enumerate() {
        let class = if i == 0 { "bound" } else { "baseline" };
        list.text("li", &[("class", class)], series.name);
    }
    list.text("li", &[("class", "axis-name")], &format!("across: {name}"));
}

fn table(dom: &Dom<'_>, r: &SweepResult, current: Option<usize>) {
    let Some(table) = dom.el(
        "table",
        &[
            ("class", "sweep-table"),
            ("data-testid", testid::SWEEP_TABLE),
        ],
    ) else {
        return;
    };
    let table = dom.within(&table);
    if let Some(head) = table.el("tr", &[]) {
        let head = table.within(&head);
        for title in [
            "value",
            "time",
            "items/s",
            "speedup",
            "lower bound",
            "what sets it",
        ] {
            head.text("th", &[("scope", "col")], title);
        }
    }
    for (i, point) in r.points.iter().enumerate() {
        let index = i.to_string();
        let mut attrs = vec![("data-act", "point"), ("data-index", index.as_str())];
        if current == Some(i) {
            attrs.push(("class", "current"));
            attrs.push(("aria-current", "true"));
        }
        let Some(row) = table.el("tr", &attrs) else {
            continue;
        };
        let row = table.within(&row);
        if let Some(cell) = row.el("td", &[]) {
            row.within(&cell).text(
                "button",
                &[("type", "button"), ("class", "link")],
                &number_label(point.value),
            );
        }
        row.text("td", &[("class", "num")], &seconds(point.makespan_ms));
        row.text(
            "td",
            &[("class", "num")],
            &format!("{:.2}", point.throughput_per_s),
        );
        row.text("td", &[("class", "num")], &format!("×{:.2}", point.speedup));
        row.text("td", &[("class", "num")], &seconds(point.bound_ms));
        let (what, why) = r
            .bounds
            .get(i)
            .map_or(("", ""), |b| (b.0.as_str(), b.1.as_str()));
        row.text("td", &[("class", "why"), ("title", why)], what);
    }
}
