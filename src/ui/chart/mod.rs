//! The timeline chart: a canvas for the drawing, an SVG on top for the
//! overlays, however many spans.
//!
//! ```text
//!  displayed (Preview) ─┬─ total ──► viewport (zoom or the whole run)
//!                       │                 │        width, box height, scroll (measured)
//!                       ▼                 ▼           │
//!                  scale, ticks: Memo ◄───────────────┘
//!   <div chart-box> (scrolls)
//!     <canvas> sticky at the box's top: the visible rows only (canvas.rs,
//!              from the pure frame of chart::raster, redrawn by one Effect)
//!     <svg data-testid="chart"> as tall as the chart, over the canvas:
//!       pattern defs (the legend's) · tick labels · the output strip's hook
//!       highlight: one <path> for the hovered item
//!       overlays: selected item's path · focused (blamed) span · playhead · now (a live run)
//!     a visually hidden summary (lanes, makespan, output order)
//!   tooltip (text only) ◄── hover ◄── span_at / mark_at on pointermove
//!   press on the axis ──► playhead (drag to scrub) · click in the output strip ──► selected item
//! ```
//!
//! The legend (`defs::Legend`) goes once under the charts. The chart sits in a box of fixed height (it scrolls inside), so a redraw
//! never moves the page. Side B of a comparison is the same component on
//! B's preview, on the same time axis (the longer run's) and zoom; only side
//! A has the toolbar, the legend and the selection.

pub mod canvas;
pub mod defs;

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use self::canvas::{Painted, Painter, View, device_ratio};
use self::defs::StatePatterns;
use super::computing::PROGRESS_MS;
use super::perf;
use super::state::{Tab, use_playground};
use super::testid;
use crate::chart::geometry::{axis_ticks, plot_left, plot_right};
use crate::chart::interact::{self, Hover, hover_at};
use crate::chart::layout::AXIS_HEIGHT;
use crate::chart::paths::push_rect;
use crate::chart::strip::mark_at;
use crate::chart::{Row, Scale, Viewport, item_path};
use crate::format::{count, cut, grouped, seconds};
use crate::link::Side;

/// Width before the chart box is measured, px.
const DEFAULT_WIDTH: f64 = 900.0;
/// Spans from which a new run's chart is drawn in the animation frame
/// after the page takes the run in, not in the same task.
const DRAWN_IN_A_FRAME_OF_ITS_OWN: usize = 500_000;
/// Pointer travel before a press becomes a drag, px.
const DRAG_THRESHOLD: f64 = 3.0;

/// Presses a chart key (`+`, `-`, arrows, `0`): shared by the keyboard
/// handler and the toolbar buttons.
#[derive(Clone, Copy)]
struct ChartKeys(Callback<String>);

/// A toolbar button that presses a chart key.
#[component]
fn ChartButton(
    keyname: &'static str,
    testid: &'static str,
    text: &'static str,
    label: &'static str,
) -> impl IntoView {
    let keys = expect_context::<ChartKeys>();
    view! {
        <button
            type="button"
            data-testid=testid
            aria-label=label
            title=label
            on:click=move |_| keys.0.run(keyname.to_string())
        >
            {text}
        </button>
    }
}

/// How a press on the chart is being dragged: (start x, window then,
/// moved yet?), or the playhead.
#[derive(Clone, Copy)]
enum Drag {
    Pan(f64, Viewport, bool),
    Scrub,
}

/// The chart of `side` (A: the run shown, with its zoom buttons and legend;
/// B: side B of a comparison).
#[component]
pub fn TimelineChart(side: Side) -> impl IntoView {
    let playground = use_playground();
    let is_a = side == Side::A;
    let shown = if is_a {
        playground.displayed
    } else {
        playground.b.preview
    };
    let width = RwSignal::new(DEFAULT_WIDTH);
    let chart_box = NodeRef::<leptos::html::Div>::new();
    // Bumped by a new device pixel ratio: the canvas redraws.
    let rescaled = RwSignal::new(0_u32);
    // The box's scroll position and height, px, as its scroll events and
    // the ResizeObserver report them (reading them in the drawing Effect,
    // right after the DOM changed, forced a layout of the page: 28 ms at
    // the largest scenario). Unmeasured: read when drawing.
    let scroll_top = RwSignal::new(0.0_f64);
    let box_height = RwSignal::new(None::<f64>);
    let theme = RwSignal::new(0_u32);
    // The canvas's painter, for the theme (counter) it read its colours in.
    let painter = StoredValue::new_local(None::<(u32, Painter)>);

    // Also runs from a frame callback and a window listener, which may fire
    // after the chart was unmounted: every access tolerates disposal.
    let measure = move || {
        let Some(el) = chart_box.try_get_untracked().flatten() else {
            return;
        };
        let h = el.client_height() as f64;
        if box_height.try_get_untracked().flatten() != Some(h) {
            box_height.try_set(Some(h));
        }
        // A new size may have moved the scroll position (clamped it).
        let top = el.scroll_top() as f64;
        if scroll_top.try_get_untracked().is_some_and(|old| old != top) {
            scroll_top.try_set(top);
        }
        let w = el.client_width() as f64;
        if w > 0.0
            && width
                .try_get_untracked()
                .is_some_and(|old| (w - old).abs() >= 1.0)
        {
            width.try_set(w);
        }
        // A new pixel ratio (browser zoom, another screen) redraws too.
        if painter
            .try_with_value(|p| p.as_ref().map(|(_, p)| p.ratio()))
            .flatten()
            .is_some_and(|r| r != device_ratio())
        {
            rescaled.try_update(|n| *n = n.wrapping_add(1));
        }
    };
    // The box's width, read when the browser has laid it out anyway (a
    // ResizeObserver): reading it right after the DOM changed forced a
    // layout of the whole page, 0.4 s at the largest scenario.
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn Fn()>)>);
    Effect::new(move |_| {
        let Some(el) = chart_box.get() else {
            return;
        };
        let callback = Closure::<dyn Fn()>::new(measure);
        if let Ok(resize_observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
        {
            resize_observer.observe(&el);
            observer.try_with_value(|o| o.as_ref().map(|(old, _)| old.disconnect()));
            observer.try_set_value(Some((resize_observer, callback)));
        }
    });
    on_cleanup(move || {
        observer.try_with_value(|o| o.as_ref().map(|(old, _)| old.disconnect()));
        observer.try_set_value(None);
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    if let Some(dark) =
        web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    {
        let changed = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            theme.try_update(|n| *n = n.wrapping_add(1));
        });
        dark.set_onchange(Some(changed.as_ref().unchecked_ref()));
        let kept = StoredValue::new_local(Some(changed));
        on_cleanup(move || {
            dark.set_onchange(None);
            kept.try_set_value(None);
        });
    }

    // The run's length; a live run is drawn on the preview's time axis,
    // and both sides of a comparison on the longer one's.
    let total = Memo::new(move |_| {
        let mut end = playground.displayed.with(|p| p.timeline.end);
        if playground.show_live.get() && playground.live.with(Option::is_some) {
            end = end.max(playground.preview.with(|p| p.timeline.end));
            // A run slower than its preview: the view follows it.
            end = end.max(playground.live_now.get().unwrap_or(0));
        }
        if playground.comparing.get() {
            end = end.max(playground.b.preview.with(|p| p.timeline.end));
        }
        end
    });
    let viewport = Memo::new(move |_| {
        let total = total.get();
        playground
            .zoom
            .get()
            .map_or_else(|| Viewport::all(total), |v| v.pan(0.0, total))
    });
    let scale = Memo::new(move |_| {
        let (viewport, width) = (viewport.get(), width.get());
        Scale::new(
            viewport.start,
            viewport.end,
            plot_left(width),
            plot_right(width),
        )
    });
    let ticks = Memo::new(move |_| axis_ticks(&scale.get()));
    let marks = Memo::new_with_compare(
        move |_| {
            let right = plot_right(width.get());
            Arc::new(shown.with(|p| p.timeline.output_marks(plot_left(width.get()), right)))
        },
        |_, _| true,
    );

    // The canvas shows the rows the box shows: redrawn on an edit, zoom,
    // pan, scroll, resize or theme change; then the redraw is measured if
    // an edit caused it.
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let painted = RwSignal::new(Painted::default());
    // A big run is first drawn in the next animation frame, a task of its
    // own: taking in a run at the caps and drawing its first frame were
    // one task of 52–79 ms. The big run whose frame came (by its address),
    // and whether a frame is asked for.
    let ready_run = RwSignal::new(None::<usize>);
    let frame_asked = StoredValue::new(false);
    Effect::new(move |_| {
        let (Some(canvas), Some(el)) = (canvas.get(), chart_box.get()) else {
            return;
        };
        let (run, big) = shown.with(|p| {
            let run = Arc::as_ptr(p) as usize;
            (run, p.timeline.spans.len() >= DRAWN_IN_A_FRAME_OF_ITS_OWN)
        });
        if big && ready_run.get() != Some(run) {
            if !frame_asked.get_value() {
                frame_asked.set_value(true);
                request_animation_frame(move || {
                    frame_asked.try_set_value(false);
                    ready_run.try_set(Some(run));
                });
            }
            return;
        }
        rescaled.track();
        let theme = theme.get();
        let ratio = device_ratio();
        let stale = painter.with_value(|p| {
            p.as_ref()
                .is_none_or(|(t, p)| *t != theme || p.ratio() != ratio)
        });
        if stale {
            painter.set_value(Painter::new(&canvas, ratio).map(|p| (theme, p)));
        }
        let width = width.get();
        let (top, rows_height) = match (scroll_top.get(), box_height.get()) {
            (top, Some(height)) => (top, height),
            (_, None) => (el.scroll_top() as f64, el.client_height() as f64),
        };
        shown.with(|p| {
            let timeline = &p.timeline;
            let height = rows_height.min(timeline.height).max(1.0);
            canvas::size(&canvas, width, height, ratio);
            let scale = scale.get();
            let ticks: Vec<f64> = ticks.with(|t| t.iter().map(|(x, _)| *x).collect());
            marks.with(|marks| {
                let view = View {
                    timeline,
                    scale: &scale,
                    ticks: &ticks,
                    marks,
                    top: top.clamp(0.0, (timeline.height - height).max(0.0)),
                    width,
                    height,
                };
                painter.with_value(|p| {
                    if let Some((_, painter)) = p {
                        let start = perf::now();
                        let frame = painter.frame(&view);
                        perf::phase("layout", start);
                        let start = perf::now();
                        let drawn = painter.paint(&view, &frame);
                        perf::phase("draw", start);
                        perf::after_redraw(drawn.drawn);
                        painted.set(drawn);
                    }
                });
            });
        });
    });

    let hover = RwSignal::new(None::<Hover>);
    let hovered_item = Memo::new(move |_| hover.with(|h| h.as_ref().and_then(|h| h.item)));
    let highlight = move || match hovered_item.get() {
        None => String::new(),
        Some(item) => shown.with(|p| item_path(&p.timeline, &scale.get(), item)),
    };
    let mark_path = move |item: Option<u32>| {
        let item = item?;
        let lane_y = shown.with(|p| p.timeline.lane(Row::Output).map(|l| (l.y, l.height)))?;
        marks.with(|m| {
            let mark = m.iter().find(|m| m.item == item)?;
            let mut d = String::new();
            push_rect(&mut d, mark.x, lane_y.0 + 1.0, mark.width, lane_y.1 - 2.0);
            Some(d)
        })
    };
    let highlight_mark = move || mark_path(hovered_item.get()).unwrap_or_default();

    // Overlays: the selected item (its lineage), the focused span (a
    // blamed block), the playhead (while the Scrub tab is open).
    let selected_path = move || {
        let selected = is_a.then(|| playground.selected.get()).flatten();
        let mut d = selected
            .map(|i| shown.with(|p| item_path(&p.timeline, &scale.get(), i)))
            .unwrap_or_default();
        d.push_str(&mark_path(selected).unwrap_or_default());
        d
    };
    let focus_path = move || {
        let focus = is_a.then(|| playground.focus.get()).flatten();
        focus.map_or_else(String::new, |f| {
            shown.with(|p| p.timeline.focus_path(&scale.get(), f.task, f.start, f.end))
        })
    };
    let playhead_path = move || {
        let playhead = matches!(playground.tab.get(), Tab::Scrub | Tab::Replay)
            .then(|| playground.playhead.get())
            .flatten();
        let Some(t) = playhead else {
            return String::new();
        };
        let height = shown.with(|p| p.timeline.height);
        let scale = scale.get();
        playhead_marker(scale.x(t as f64), &scale, height)
    };

    // A live run in progress: a line at "now" (side A, while the chart
    // shows the live run).
    let live_now = move || {
        (is_a && playground.show_live.get())
            .then(|| playground.live_now.get())
            .flatten()
    };
    let now_path = move || {
        let Some(t) = live_now() else {
            return String::new();
        };
        let height = shown.with(|p| p.timeline.height);
        let scale = scale.get();
        now_marker(scale.x(t as f64), &scale, height)
    };

    // Pointer: hover, drag to pan, press on the axis to scrub, click an
    // output box to select its item.
    let drag = StoredValue::new(None::<Drag>);
    let local = |ev: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let target = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
        let rect = target.get_bounding_client_rect();
        Some((
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        ))
    };
    let scrub_to = move |x: f64| {
        let scale = scale.get_untracked();
        let time = scale.time_at(x.clamp(scale.left, scale.right)).max(0.0);
        playground.playhead.set(Some(time.round() as u64));
        playground.tab.set(Tab::Scrub);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x, y)) = local(&ev) else {
            return;
        };
        match drag.get_value() {
            Some(Drag::Scrub) => {
                scrub_to(x);
                return;
            }
            Some(Drag::Pan(start_x, start_vp, moved)) => {
                let dx = x - start_x;
                if moved || dx.abs() >= DRAG_THRESHOLD {
                    drag.set_value(Some(Drag::Pan(start_x, start_vp, true)));
                    hover.set(None);
                    let scale = scale.get_untracked();
                    let next = interact::drag(start_vp, &scale, total.get_untracked(), dx);
                    perf::mark_edit();
                    playground.zoom.set(Some(next));
                    return;
                }
            }
            None => {}
        }
        let next = shown.with_untracked(|p| {
            let scale = scale.get_untracked();
            marks.with_untracked(|m| hover_at(&p.timeline, &scale, m, x, y))
        });
        if hover.with_untracked(|h| h != &next) {
            hover.set(next);
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        if let Some((x, y)) = local(&ev) {
            if y < AXIS_HEIGHT {
                drag.set_value(Some(Drag::Scrub));
                scrub_to(x);
            } else {
                drag.set_value(Some(Drag::Pan(x, viewport.get_untracked(), false)));
            }
            if let Some(target) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let clicked = matches!(drag.get_value(), Some(Drag::Pan(_, _, false)));
        drag.set_value(None);
        // A tap (no hover on touch screens) shows what is under the finger.
        if clicked
            && ev.pointer_type() != "mouse"
            && let Some((x, y)) = local(&ev)
        {
            let next = shown.with_untracked(|p| {
                let scale = scale.get_untracked();
                marks.with_untracked(|m| hover_at(&p.timeline, &scale, m, x, y))
            });
            hover.set(next);
        }
        let Some((x, y)) = local(&ev).filter(|_| clicked && is_a) else {
            return;
        };
        let item = shown.with_untracked(|p| {
            let lane = p.timeline.lane(Row::Output)?;
            if y < lane.y || y >= lane.y + lane.height {
                return None;
            }
            marks.with_untracked(|m| mark_at(m, x).map(|m| m.item))
        });
        if let Some(item) = item {
            let again = playground.selected.get_untracked() == Some(item);
            playground.selected.set((!again).then_some(item));
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| drag.set_value(None);
    let on_wheel = move |ev: web_sys::WheelEvent| {
        let Some((x, _)) = local(&ev) else {
            return;
        };
        if x < scale.with_untracked(|s| s.left) {
            return;
        }
        ev.prevent_default();
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let scale = scale.get_untracked();
        let next = interact::wheel(
            viewport.get_untracked(),
            &scale,
            total.get_untracked(),
            x,
            ev.delta_x() * unit,
            ev.delta_y() * unit,
        );
        perf::mark_edit();
        playground.zoom.set(Some(next));
    };
    // Keys and toolbar buttons share one handler: `press("+")` zooms in.
    let press = move |key: &str| {
        let next = interact::key(viewport.get_untracked(), total.get_untracked(), key);
        if let Some(next) = next {
            perf::mark_edit();
            playground.zoom.set(next);
        }
        next.is_some()
    };
    provide_context(ChartKeys(Callback::new(move |key: String| {
        press(&key);
    })));

    let on_key = move |ev: web_sys::KeyboardEvent| {
        if press(&ev.key()) {
            ev.prevent_default();
        }
    };

    let height = move || shown.with(|p| p.timeline.height);
    let task_lanes = move || {
        shown.with(|p| {
            p.timeline
                .lanes
                .iter()
                .filter(|l| matches!(l.row, Row::Task(_)))
                .count()
        })
    };
    let tooltip = move || {
        hover.get().map(|h| {
            let w = width.get_untracked();
            let left = if h.x > w - 240.0 {
                h.x - 236.0
            } else {
                h.x + 14.0
            };
            let lines = h
                .lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    let class = if i == 0 { "tip-title" } else { "tip-line" };
                    view! { <span class=class>{line}</span> }
                })
                .collect_view();
            view! {
                <div
                    class="chart-tooltip"
                    role="tooltip"
                    data-testid=testid::TOOLTIP
                    style:left=format!("{:.0}px", left.max(0.0))
                    style:top=format!("{:.0}px", h.y + 16.0)
                >
                    {lines}
                </div>
            }
        })
    };

    // Tick labels stay text (crisp, and few); the output strip keeps an
    // invisible box carrying the output order for tests and the lineage
    // click.
    let tick_labels = move || {
        ticks
            .get()
            .into_iter()
            .map(|(x, label)| {
                view! {
                    <text
                        class="tick-label"
                        x=format!("{x:.1}")
                        y=AXIS_HEIGHT - 9.0
                        text-anchor="middle"
                        dominant-baseline="middle"
                    >
                        {label}
                    </text>
                }
            })
            .collect_view()
    };
    let strip_hook = move || {
        shown.with(|p| {
            let lane = p.timeline.lane(Row::Output)?;
            let (left, right) = (plot_left(width.get()), plot_right(width.get()));
            Some(view! {
                <rect
                    class="output-strip"
                    data-testid=testid::OUTPUT_STRIP
                    data-output=p.output_text.clone()
                    data-inversions=p.timeline.inversions.to_string()
                    x=left
                    y=lane.y
                    width=right - left
                    height=lane.height
                />
            })
        })
    };
    // The text alternative: what the drawing says, for screen readers.
    let summary_id = if is_a {
        "chart-summary"
    } else {
        "chart-summary-b"
    };
    let summary = move || {
        shown.with(|p| {
            let stages = p.scenario.stages.len() as u64;
            format!(
                "{} in {}; the run takes {}. {} Output order: {}.",
                count(task_lanes() as u64, "task lane"),
                count(stages, "stage"),
                seconds(p.stats.makespan_ms),
                count(p.timeline.inversions, "inversion") + " in the output.",
                cut(&p.output_text, 400),
            )
        })
    };

    let tools = is_a.then(|| {
        view! {
            <div class="chart-tools" role="toolbar" aria-label="Zoom and pan the chart">
                <ChartButton keyname="+" testid=testid::ZOOM_IN text="+" label="Zoom in (+)" />
                <ChartButton keyname="-" testid=testid::ZOOM_OUT text="−" label="Zoom out (−)" />
                <ChartButton keyname="ArrowLeft" testid=testid::PAN_LEFT text="←" label="Pan left (←)" />
                <ChartButton keyname="ArrowRight" testid=testid::PAN_RIGHT text="→" label="Pan right (→)" />
                <ChartButton keyname="0" testid=testid::ZOOM_RESET text="Whole run" label="Show the whole run (0)" />
                <span class="chart-hint">
                    "wheel: zoom · drag: pan · press the time axis: playhead · click an output box: its path"
                </span>
            </div>
        }
    });
    // Progress of a preview that takes long (the last one stays drawn).
    let computing = if is_a {
        playground.computing
    } else {
        playground.b.computing
    };
    let progress = move || {
        let c = computing.get()?;
        let elapsed = perf::now() - c.since;
        (elapsed >= PROGRESS_MS).then(|| {
            let events = grouped(c.progress.events);
            let what = if c.progress.baseline {
                format!("the synchronous baseline, {events} events so far")
            } else if c.progress.summarizing {
                format!("the numbers and the chart of its {events} events")
            } else {
                format!("the run, {events} events so far")
            };
            view! {
                <p class="chart-note computing" role="status" data-testid=testid::PREVIEW_PROGRESS>
                    <progress></progress>
                    {format!(
                        " Computing the preview: {what} ({}). The chart shows the last preview until then.",
                        seconds(elapsed),
                    )}
                </p>
            }
        })
    };
    view! {
        {tools}
        {progress}
        <p class="chart-note" hidden=move || shown.with(|p| !p.timeline.spans.is_empty())>
            "No step takes any time here: everything happens at 0 µs, so the lanes stay empty. The queue tracks and the output still show the order of events; add a wait or block step to spread it out."
        </p>
        <div
            class="chart-box"
            node_ref=chart_box
            tabindex="0"
            aria-label="Timeline chart: + and − zoom, arrows pan, 0 shows the whole run"
            on:keydown=on_key
            on:scroll=move |_| {
                if let Some(el) = chart_box.get_untracked() {
                    scroll_top.set(el.scroll_top() as f64);
                }
            }
            aria-busy=move || computing.with(Option::is_some).to_string()
        >
            <div
                class="chart-stage"
                style:width=move || format!("{:.0}px", width.get())
                style:height=move || format!("{:.0}px", height())
            >
                <canvas class="chart-canvas" node_ref=canvas aria-hidden="true"></canvas>
                <svg
                    class="chart"
                    data-testid=if is_a { testid::CHART } else { testid::CHART_B }
                    role="img"
                    aria-label=if is_a {
                        "Timeline of the run: one lane per task"
                    } else {
                        "Timeline of side B, on the same time axis"
                    }
                    aria-describedby=summary_id
                    width=move || width.get()
                    height=height
                    data-task-lanes=move || task_lanes().to_string()
                    data-spans=move || shown.with(|p| p.timeline.spans.len()).to_string()
                    data-source=move || {
                        let live = is_a && playground.show_live.get()
                            && playground.live.with(|l| l.as_ref().is_some_and(|l| l.view.is_some()));
                        if live { "live" } else { "preview" }
                    }
                    data-drawn=move || painted.with(|p| p.drawn).to_string()
                    data-states=move || painted.with(|p| p.states.clone())
                    data-bands=move || painted.with(|p| p.bands).to_string()
                    on:pointermove=on_move
                    on:pointerdown=on_down
                    on:pointerup=on_up
                    on:pointercancel=on_cancel
                    on:pointerleave=move |ev: web_sys::PointerEvent| {
                        // A lifted finger leaves too: its tooltip stays until the next tap.
                        if ev.pointer_type() != "touch" {
                            hover.set(None);
                        }
                    }
                    on:wheel=on_wheel
                >
                    <StatePatterns />
                    {tick_labels}
                    {strip_hook}
                    {move || overlay("selected-item", selected_path())}
                    {move || overlay("focus", focus_path())}
                    {move || overlay("playhead", playhead_path())}
                    <path
                        class="now"
                        data-testid=testid::LIVE_NOW
                        data-us=move || live_now().map(|t| t.to_string())
                        d=now_path
                    />
                    <path class="highlight" d=highlight />
                    <path class="highlight-mark" d=highlight_mark />
                </svg>
            </div>
            {tooltip}
        </div>
        <p class="visually-hidden" id=summary_id data-testid=testid::CHART_SUMMARY>
            {summary}
        </p>
    }
}

/// An overlay path of `class`, only while it has something to draw.
fn overlay(class: &'static str, d: String) -> Option<impl IntoView> {
    (!d.is_empty()).then(|| view! { <path class=class d=d /> })
}

/// The live run's "now" at chart x `x`: a line down the chart with a
/// small bar on the axis; nothing when `x` is outside the plot.
fn now_marker(x: f64, scale: &crate::chart::Scale, height: f64) -> String {
    if x >= scale.left - 0.5 && x <= scale.right + 0.5 {
        format!("M{:.1} 0h6v10h-6z M{x:.1} 0V{height:.1}", x - 3.0)
    } else {
        String::new()
    }
}

/// The playhead's marker at chart x `x`: a triangle on the axis and a line
/// down the chart; nothing when `x` is outside the plot.
fn playhead_marker(x: f64, scale: &crate::chart::Scale, height: f64) -> String {
    if x >= scale.left - 0.5 && x <= scale.right + 0.5 {
        format!("M{:.1} 2h10l-5 8z M{x:.1} 2V{height:.1}", x - 5.0)
    } else {
        String::new()
    }
}
