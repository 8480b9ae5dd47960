//! Paints the timeline on a `<canvas>`: the visible rows of the chart, from
//! the pure frame of [`crate::chart::raster`], straight from numbers (no
//! path strings, no DOM nodes per span).
//!
//! ```text
//!  Painter::new(canvas, ratio)      read once per theme and pixel ratio:
//!    --state-* colours, --pattern-ink ─► one pattern tile per state (colour AND pattern)
//!    --surface-muted, --border, --blocked-shade, --accent, --text, --font …
//!  Painter::paint(view)             per frame (edit, zoom, pan, scroll, resize):
//!    spans: each state's tile rows copied          one putImageData (chart::pixels)
//!    under them: blocked bands · grid · lanes      destination-over, device px
//!    queue depths · labels · stage separators       visible lanes only
//!    output strip: labelled boxes or a hue per column
//! ```
//!
//! The canvas is as tall as the chart box shows (it sticks to the box's
//! top while the box scrolls); `top` is the chart row at its top edge.

use std::cell::RefCell;

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::defs::drawn_states;
use crate::chart::geometry::fit_label;
use crate::chart::layout::AXIS_HEIGHT;
use crate::chart::legend::state_id;
use crate::chart::pixels::{LaneRows, Pixels, Tile};
use crate::chart::raster::{Frame, strip_runs};
use crate::chart::strip::labelled;
use crate::chart::{OutputMark, Row, Scale, Timeline};
use crate::format::count;
use crate::trace::TaskState;

/// Lanes thinner than this get a label only every few lanes, px.
const LABEL_MIN_HEIGHT: f64 = 10.0;
/// Space between labels of thin lanes, px.
const LABEL_SPACING: f64 = 14.0;
/// Charts narrower than this (phones) use smaller lane labels, px.
const NARROW: f64 = 560.0;
/// Hue buckets of a dense output strip, degrees.
const HUE_BUCKET: f64 = 10.0;

/// What one frame shows.
pub struct View<'a> {
    /// The run laid out.
    pub timeline: &'a Timeline,
    /// Time ⇄ px.
    pub scale: &'a Scale,
    /// Axis ticks (x) for the grid.
    pub ticks: &'a [f64],
    /// Output strip boxes.
    pub marks: &'a [OutputMark],
    /// Chart row at the canvas's top edge, CSS px.
    pub top: f64,
    /// Canvas size, CSS px.
    pub width: f64,
    /// Canvas height, CSS px.
    pub height: f64,
}

/// What a frame drew (published on the chart for tests and measures).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Painted {
    /// Rectangles drawn for spans.
    pub drawn: usize,
    /// Classes of the states drawn (`io item`), in legend order.
    pub states: String,
    /// Blocked bands drawn.
    pub bands: usize,
}

/// Colours from the page's CSS variables.
struct Palette {
    lane: String,
    border: String,
    band: String,
    accent: String,
    surface: String,
    text: String,
    muted: String,
    font: String,
}

/// Draws frames on one canvas for one theme and pixel ratio.
pub struct Painter {
    ctx: CanvasRenderingContext2d,
    ratio: f64,
    palette: Palette,
    /// The spans layer, each state in its pattern tile.
    pixels: RefCell<Pixels>,
    /// The font and alignment last set during this paint: setting a
    /// canvas font parses it, so a label in the font of the one before
    /// sets none.
    text: RefCell<Option<(String, String)>>,
}

/// A CSS variable of `element`, trimmed (`fallback` when unset).
fn variable(style: &web_sys::CssStyleDeclaration, name: &str, fallback: &str) -> String {
    let value = style.get_property_value(name).unwrap_or_default();
    let value = value.trim();
    if value.is_empty() {
        fallback.to_string()
    } else {
        value.to_string()
    }
}

impl Painter {
    /// A painter for `canvas` at `ratio` device px per CSS px, with the
    /// colours `canvas` sees now; `None` without a 2D context.
    pub fn new(canvas: &HtmlCanvasElement, ratio: f64) -> Option<Self> {
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let style = web_sys::window()?.get_computed_style(canvas).ok()??;
        let var = |name: &str, fallback: &str| variable(&style, name, fallback);
        let palette = Palette {
            lane: var("--surface-muted", "#eef1f5"),
            border: var("--border", "#d0d7de"),
            band: var("--blocked-shade", "rgba(220, 38, 38, 0.1)"),
            accent: var("--accent", "#1d4ed8"),
            surface: var("--surface", "#ffffff"),
            text: var("--text", "#1b1f24"),
            muted: var("--text-muted", "#57606a"),
            font: var("--font", "sans-serif"),
        };
        let ink = var("--pattern-ink", "rgba(0, 0, 0, 0.45)");
        let document = canvas.owner_document()?;
        let tiles = drawn_states()
            .filter_map(|state| {
                let colour = var(&format!("--state-{}", state_id(state)), "#888");
                Some((state, tile(&document, state, &colour, &ink, ratio)?))
            })
            .collect();
        Some(Self {
            ctx,
            ratio,
            palette,
            pixels: RefCell::new(Pixels::new(tiles)),
            text: RefCell::new(None),
        })
    }

    /// The device pixel ratio it paints at.
    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// The frame of `view` (the pure part: visible lanes, runs per column).
    pub fn frame(&self, view: &View<'_>) -> Frame {
        view.timeline
            .frame(view.scale, self.ratio, view.top, view.top + view.height)
    }

    /// Paints `frame` of `view`; what it drew.
    pub fn paint(&self, view: &View<'_>, frame: &Frame) -> Painted {
        let ctx = &self.ctx;
        let r = self.ratio;
        let timeline = view.timeline;
        let scale = view.scale;
        let bottom = view.top + view.height;
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, view.width * r, view.height * r);
        // The canvas may have been resized (its state reset) since.
        self.text.replace(None);
        // Device rows: chart row y is at (y - top) * r.
        let dy = |y: f64| ((y - view.top) * r).round();
        let (left, right) = ((scale.left * r).round(), (scale.right * r).round());

        let states = self.spans(view, frame, &dy);
        // The rest of the background goes under the spans, last drawn
        // lowest: blocked bands over the grid over the lanes.
        let _ = ctx.set_global_composite_operation("destination-over");
        let (band_top, band_bottom) = (dy(AXIS_HEIGHT).max(0.0), dy(timeline.height));
        ctx.set_fill_style_str(&self.palette.band);
        for run in &frame.bands {
            let (x0, x1) = (run.x0 as f64, run.x1 as f64);
            ctx.fill_rect(x0, band_top, x1 - x0, band_bottom - band_top);
        }
        self.grid(view, &dy);
        ctx.set_fill_style_str(&self.palette.lane);
        for lane in &timeline.lanes[frame.lanes.clone()] {
            if matches!(lane.row, Row::Task(_) | Row::Loop) {
                let (y0, y1) = (dy(lane.y), dy(lane.y + lane.height));
                ctx.fill_rect(left, y0, right - left, y1 - y0);
            }
        }
        let _ = ctx.set_global_composite_operation("source-over");
        self.depths(timeline, frame, &dy);
        let _ = ctx.set_transform(r, 0.0, 0.0, r, 0.0, -view.top * r);
        self.labels(
            timeline,
            frame,
            (scale.left, scale.right),
            view.width < NARROW,
        );
        self.strip(timeline, view.marks, view.top, bottom);
        Painted {
            drawn: frame.drawn,
            states,
            bands: frame.bands.len(),
        }
    }

    /// Dashed vertical lines at the ticks, under everything else.
    fn grid(&self, view: &View<'_>, dy: &impl Fn(f64) -> f64) {
        let ctx = &self.ctx;
        let r = self.ratio;
        let dash = js_sys::Array::of2(&JsValue::from(2.0 * r), &JsValue::from(3.0 * r));
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(&self.palette.border);
        ctx.set_line_width(r);
        ctx.begin_path();
        let (y0, y1) = (dy(AXIS_HEIGHT).max(0.0), dy(view.timeline.height));
        for &x in view.ticks {
            let x = (x * r).round() + 0.5;
            ctx.move_to(x, y0);
            ctx.line_to(x, y1);
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    /// The spans' runs as pixels, put on the whole (cleared) canvas; the
    /// classes of the states drawn.
    fn spans(&self, view: &View<'_>, frame: &Frame, dy: &impl Fn(f64) -> f64) -> String {
        let (width, height) = (
            device_px(view.width, self.ratio),
            device_px(view.height, self.ratio),
        );
        let lanes = frame.spans.iter().filter_map(|lane_runs| {
            let lane = view.timeline.lanes.get(lane_runs.lane)?;
            Some(LaneRows {
                y0: dy(lane.y) as i64,
                y1: dy(lane.y + lane.height) as i64,
                runs: &lane_runs.runs,
            })
        });
        let mut pixels = self.pixels.borrow_mut();
        let (rgba, states) = pixels.paint(width as usize, height as usize, lanes);
        if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)
        {
            let _ = self.ctx.put_image_data(&image, 0.0, 0.0);
        }
        let ids: Vec<&str> = states.into_iter().map(state_id).collect();
        ids.join(" ")
    }

    /// Queue depth tracks: a filled step area, the deepest per column.
    fn depths(&self, timeline: &Timeline, frame: &Frame, dy: &impl Fn(f64) -> f64) {
        let ctx = &self.ctx;
        ctx.set_fill_style_str(&self.palette.accent);
        ctx.set_stroke_style_str(&self.palette.accent);
        ctx.set_line_width(self.ratio);
        for track in &frame.depths {
            let Some(lane) = timeline.lanes.get(track.lane) else {
                continue;
            };
            let bottom = dy(lane.y + lane.height);
            let height = bottom - dy(lane.y);
            let y = |depth: u32| bottom - (depth as f64 / track.max as f64 * height).round();
            ctx.set_global_alpha(0.18);
            ctx.begin_path();
            for run in &track.runs {
                let top = y(run.value);
                ctx.rect(run.x0 as f64, top, (run.x1 - run.x0) as f64, bottom - top);
            }
            ctx.fill();
            ctx.set_global_alpha(1.0);
            ctx.begin_path();
            for (i, run) in track.runs.iter().enumerate() {
                let top = y(run.value) + 0.5;
                if i == 0 {
                    ctx.move_to(run.x0 as f64, top);
                } else {
                    ctx.line_to(run.x0 as f64, top);
                }
                ctx.line_to(run.x1 as f64, top);
            }
            ctx.stroke();
        }
    }

    /// Sets the font, colour and alignment of the text that follows.
    fn text_style(&self, weight: &str, size: f64, colour: &str, align: &str) {
        let font = format!("{weight} {size}px {}", self.palette.font);
        let mut last = self.text.borrow_mut();
        // The fill colour is shared with the shapes: always set.
        self.ctx.set_fill_style_str(colour);
        match last.as_mut() {
            Some((f, a)) => {
                if *f != font {
                    self.ctx.set_font(&font);
                    *f = font;
                }
                if a != align {
                    self.ctx.set_text_align(align);
                    *a = align.to_string();
                }
            }
            None => {
                self.ctx.set_font(&font);
                self.ctx.set_text_align(align);
                self.ctx.set_text_baseline("middle");
                *last = Some((font, align.to_string()));
            }
        }
    }

    /// Lane labels (thin lanes every few lanes; smaller on a `narrow`
    /// chart), stage separators and the queues' "max n", in CSS px.
    fn labels(&self, timeline: &Timeline, frame: &Frame, (left, right): (f64, f64), narrow: bool) {
        let (task_size, stage_size) = if narrow { (9.5, 10.5) } else { (11.0, 12.0) };
        let ctx = &self.ctx;
        let p = &self.palette;
        ctx.begin_path();
        for lane in &timeline.lanes[frame.lanes.clone()] {
            if matches!(lane.row, Row::Stage(_)) {
                ctx.move_to(0.0, lane.y + 0.5);
                ctx.line_to(right, lane.y + 0.5);
            }
        }
        ctx.set_stroke_style_str(&p.border);
        ctx.set_line_width(1.0);
        ctx.stroke();
        for lane in &timeline.lanes[frame.lanes.clone()] {
            let middle = lane.y + lane.height / 2.0;
            let text = |weight: &str, size: f64, colour: &str, x: f64, y: f64, label: &str| {
                self.text_style(weight, size, colour, "left");
                // Lanes with a plot beside them: cut to the label column;
                // a stage's heading row, to the chart's width.
                let max = match lane.row {
                    Row::Task(_) | Row::Queue(_) | Row::Loop => left - x - 4.0,
                    _ => right - x,
                };
                let label = fit_label(label, max, |t| {
                    ctx.measure_text(t).map_or(0.0, |m| m.width())
                });
                let _ = ctx.fill_text(&label, x, y);
            };
            match lane.row {
                Row::Loop => text("600", 11.0, &p.text, 6.0, middle, &lane.label),
                Row::Stage(_) => text("700", stage_size, &p.text, 6.0, middle + 1.0, &lane.label),
                Row::Task(task) => {
                    if lane.height >= LABEL_MIN_HEIGHT {
                        text("400", task_size, &p.text, 16.0, middle, &lane.label);
                    } else {
                        // Every few lanes, by task: stable while scrolling.
                        let every = (LABEL_SPACING / lane.height).ceil().max(1.0) as u32;
                        if task % every == 0 {
                            text("400", 9.0, &p.muted, 16.0, middle, &lane.label);
                        }
                    }
                }
                Row::Queue(_) => text("400", 11.0, &p.muted, 16.0, middle, &lane.label),
                Row::Output => {
                    text("600", 11.0, &p.text, 6.0, lane.y + 8.0, "output order");
                    let inversions = count(timeline.inversions, "inversion");
                    text("400", 10.0, &p.muted, 6.0, lane.y + 20.0, &inversions);
                }
            }
        }
        for track in &frame.depths {
            if let Some(lane) = timeline.lanes.get(track.lane) {
                self.text_style("400", 10.0, &p.muted, "right");
                ctx.set_stroke_style_str(&p.surface);
                ctx.set_line_width(3.0);
                ctx.set_line_join("round");
                let label = format!("max {}", track.max);
                let (x, y) = (right - 2.0, lane.y + lane.height / 2.0);
                let _ = ctx.stroke_text(&label, x, y);
                let _ = ctx.fill_text(&label, x, y);
            }
        }
    }

    /// The output strip, when it is in view: labelled boxes, or one hue
    /// per device column.
    fn strip(&self, timeline: &Timeline, marks: &[OutputMark], top: f64, bottom: f64) {
        let Some(lane) = timeline.lane(Row::Output) else {
            return;
        };
        if lane.y >= bottom || lane.y + lane.height <= top {
            return;
        }
        let ctx = &self.ctx;
        let (y, height) = (lane.y + 2.0, lane.height - 4.0);
        if !labelled(marks) {
            let r = self.ratio;
            for run in strip_runs(marks, r, HUE_BUCKET) {
                ctx.set_fill_style_str(&format!("hsl({:.0} 70% 58%)", run.value));
                ctx.fill_rect(run.x0 as f64 / r, y, (run.x1 - run.x0) as f64 / r, height);
            }
            return;
        }
        ctx.set_stroke_style_str(&self.palette.surface);
        ctx.set_line_width(0.5);
        for mark in marks {
            ctx.set_fill_style_str(&format!("hsl({:.0} 70% 58%)", mark.hue));
            let (x, w) = (mark.x + 0.5, (mark.width - 1.0).max(0.5));
            ctx.begin_path();
            let _ = ctx.round_rect_with_f64(x, y, w, height, 2.0);
            ctx.fill();
            ctx.stroke();
            if mark.width >= 7.0 {
                let size = (mark.width * 0.7).clamp(8.0, 15.0).round();
                self.text_style("600", size, "#111827", "center");
                let _ = ctx.fill_text(
                    &mark.label,
                    mark.x + mark.width / 2.0,
                    y + height / 2.0 + 0.5,
                );
            }
        }
    }
}

/// A pattern tile for `state` at `ratio`: its colour, and the overlay
/// that tells it apart without colour (the legend's SVG patterns, drawn).
fn tile(
    document: &web_sys::Document,
    state: TaskState,
    colour: &str,
    ink: &str,
    ratio: f64,
) -> Option<Tile> {
    let size: f64 = match state {
        TaskState::AwaitingIo | TaskState::WaitingRoom | TaskState::Ready => 4.0,
        _ => 6.0,
    };
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    let px = (size * ratio).round().max(1.0) as u32;
    canvas.set_width(px);
    canvas.set_height(px);
    let ctx = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let s = px as f64 / size;
    let _ = ctx.scale(s, s);
    ctx.set_fill_style_str(colour);
    ctx.fill_rect(0.0, 0.0, size, size);
    ctx.set_stroke_style_str(ink);
    ctx.set_fill_style_str(ink);
    ctx.set_line_width(1.2);
    ctx.begin_path();
    let line = |x0: f64, y0: f64, x1: f64, y1: f64| {
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
    };
    match state {
        TaskState::Blocked => {
            line(-1.0, 1.0, 1.0, -1.0);
            line(0.0, 6.0, 6.0, 0.0);
            line(5.0, 7.0, 7.0, 5.0);
        }
        TaskState::AwaitingIo => line(0.0, 0.5, 4.0, 0.5),
        TaskState::WaitingRoom => line(0.5, 0.0, 0.5, 4.0),
        TaskState::WaitingResource => {
            line(0.0, 0.0, 6.0, 6.0);
            line(6.0, 0.0, 0.0, 6.0);
        }
        TaskState::Ready => {
            let _ = ctx.arc(2.0, 2.0, 1.0, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
        _ => {}
    }
    if !matches!(state, TaskState::Ready) {
        ctx.stroke();
    }
    let rgba = ctx
        .get_image_data(0.0, 0.0, px as f64, px as f64)
        .ok()?
        .data();
    Some(Tile {
        size: px as usize,
        rgba: rgba.0,
    })
}

/// The device pixel ratio of the page (1 when unknown).
pub fn device_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// `css` px at `ratio` device px per CSS px, in whole device px (at least 1).
fn device_px(css: f64, ratio: f64) -> u32 {
    (css * ratio).round().max(1.0) as u32
}

/// Sizes `canvas` to `width` × `height` CSS px at `ratio`.
pub fn size(canvas: &HtmlCanvasElement, width: f64, height: f64, ratio: f64) {
    let (w, h) = (device_px(width, ratio), device_px(height, ratio));
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    // Through the CSSOM: the page's CSP forbids style attributes.
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{width:.0}px"));
    let _ = style.set_property("height", &format!("{height:.0}px"));
}
