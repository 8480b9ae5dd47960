//! The timeline as a standalone SVG document, drawn from the same pure
//! geometry as the page's chart, so it works headless (the CLI) and the page
//! can download it or rasterize it to PNG.
//!
//! ```text
//!  sides: [(caption, Timeline)] + SvgOptions { width, range }
//!     │  one Viewport for all sides (the range, or the longest run)
//!     ▼
//!  per side: Geometry::new(timeline, viewport, width) ──► <g transform="translate(0,y)">
//!     caption · lanes (one <rect class="lane"> per task and the loop) · grid · blocked bands
//!     one <path> per state (fill = its pattern) · axis ticks · queue depths · labels · output strip
//!  then the legend (a swatch per state, the blocked shading)
//! ```
//!
//! There is no stylesheet: colours are the page's light theme (`--state-*`
//! in `www/style.css`) written as presentation attributes, and the state
//! patterns are those of the page (`src/ui/chart/defs.rs`). Every text comes
//! from the scenario through [`escape`], so names and labels cannot break
//! out of the document; characters XML cannot hold become U+FFFD.

use std::fmt::Write;

use crate::chart::geometry::{Geometry, plot_left};
use crate::chart::layout::AXIS_HEIGHT;
use crate::chart::legend::state_id;
use crate::chart::strip::{hue_paths, labelled};
use crate::chart::{Row, Timeline, Viewport};
use crate::format::count;
use crate::trace::TaskState;

/// Width used when none is given, px.
pub const DEFAULT_WIDTH: f64 = 1200.0;
/// Narrowest and widest document, px.
pub const WIDTH_RANGE: (f64, f64) = (320.0, 20_000.0);
/// Font of every text.
pub const FONT: &str =
    "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";

/// Page background.
const SURFACE: &str = "#ffffff";
/// Lane background.
const SURFACE_MUTED: &str = "#eef1f5";
/// Text.
const TEXT: &str = "#1b1f24";
/// Secondary text.
const TEXT_MUTED: &str = "#57606a";
/// Grid and separators.
const BORDER: &str = "#d0d7de";
/// Queue depth areas.
const ACCENT: &str = "#1d4ed8";
/// Height of a side's caption, px.
const CAPTION_HEIGHT: f64 = 22.0;
/// Space between stacked sides, px.
const SIDE_GAP: f64 = 14.0;
/// Height of a legend row, px.
const LEGEND_ROW: f64 = 20.0;
/// Lanes thinner than this get a label only every few lanes, px.
const LABEL_MIN_HEIGHT: f64 = 10.0;
/// Space between labels of thin lanes, px.
const LABEL_SPACING: f64 = 14.0;

/// A state's colour in the page's light theme (`--state-*`).
pub fn state_colour(state: TaskState) -> &'static str {
    match state {
        TaskState::Running => "#2563eb",
        TaskState::Blocked => "#dc2626",
        TaskState::AwaitingIo => "#16a34a",
        TaskState::WaitingItem => "#cbd5e1",
        TaskState::WaitingRoom => "#0891b2",
        TaskState::WaitingResource => "#9333ea",
        TaskState::Ready => "#f59e0b",
        TaskState::Done => "#ffffff",
    }
}

/// The overlay drawn on a state's colour: `(tile size, path d, dots)`, as
/// on the page.
fn overlay(state: TaskState) -> (f64, &'static str, bool) {
    match state {
        TaskState::Blocked => (6.0, "M-1 1l2-2M0 6l6-6M5 7l2-2", false),
        TaskState::AwaitingIo => (4.0, "M0 0.5h4", false),
        TaskState::WaitingRoom => (4.0, "M0.5 0v4", false),
        TaskState::WaitingResource => (6.0, "M0 0l6 6M6 0l-6 6", false),
        TaskState::Ready => (4.0, "", true),
        _ => (6.0, "", false),
    }
}

/// The states drawn as spans, in legend order.
fn drawn_states() -> impl Iterator<Item = TaskState> {
    TaskState::ALL.into_iter().filter(|s| *s != TaskState::Done)
}

/// One run to draw, with the line written above it (empty: none).
#[derive(Clone, Copy, Debug)]
pub struct SvgSide<'a> {
    /// Written above the chart (`A: hello-workers`); empty for none.
    pub caption: &'a str,
    /// The laid-out run.
    pub timeline: &'a Timeline,
}

/// How to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgOptions {
    /// Document width, px (clamped to [`WIDTH_RANGE`]).
    pub width: f64,
    /// The visible time range, µs; `None`: the whole of the longest run.
    pub range: Option<Viewport>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            width: DEFAULT_WIDTH,
            range: None,
        }
    }
}

/// `text` made safe for XML text and attribute values: `& < > " '` as
/// entities, characters XML 1.0 cannot hold (control characters, U+FFFE,
/// U+FFFF) as U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being written.
pub(crate) struct Doc {
    out: String,
}

impl Doc {
    /// Opens `<svg>` of `width` × `height` with a white background and a `<title>`.
    pub(crate) fn new(width: f64, height: f64, title: &str) -> Self {
        let mut doc = Self { out: String::new() };
        let (w, h) = (format!("{width:.0}"), format!("{height:.0}"));
        doc.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        doc.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("width", &w),
                ("height", &h),
                ("viewBox", &format!("0 0 {w} {h}")),
                ("font-family", FONT),
            ],
        );
        doc.text("title", &[], title);
        doc.el("rect", &[("width", &w), ("height", &h), ("fill", SURFACE)]);
        doc
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value));
        }
    }

    /// `<name attrs/>`.
    pub(crate) fn el(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>`; close it with [`Doc::close`].
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.out.push('>');
        self.out.push_str(&escape(text));
        let _ = writeln!(self.out, "</{name}>");
    }

    /// A path with `d`, skipped when `d` is empty.
    pub(crate) fn path(&mut self, d: &str, attrs: &[(&str, &str)]) {
        if !d.is_empty() {
            let mut all = attrs.to_vec();
            all.push(("d", d));
            self.el("path", &all);
        }
    }

    /// A text at `(x, y)`, vertically centred, in `size` px.
    pub(crate) fn label(&mut self, x: f64, y: f64, text: &str, style: &Style<'_>) {
        let (x, y, size) = (format!("{x:.1}"), format!("{y:.1}"), style.size.to_string());
        let mut attrs = vec![
            ("x", x.as_str()),
            ("y", y.as_str()),
            ("font-size", size.as_str()),
            ("fill", style.fill),
            ("text-anchor", style.anchor),
            ("dominant-baseline", "middle"),
        ];
        if style.bold {
            attrs.push(("font-weight", "600"));
        }
        if let Some(class) = style.class {
            attrs.push(("class", class));
        }
        self.text("text", &attrs, text);
    }

    /// Closes `<svg>` and gives the document.
    pub(crate) fn finish(mut self) -> String {
        self.close("svg");
        self.out
    }
}

/// How a label looks.
pub(crate) struct Style<'a> {
    /// Font size, px.
    pub(crate) size: u32,
    /// Colour.
    pub(crate) fill: &'a str,
    /// `start`, `middle` or `end`.
    pub(crate) anchor: &'a str,
    /// Semi-bold.
    pub(crate) bold: bool,
    /// A class, for readers of the file (tests, scripts).
    pub(crate) class: Option<&'a str>,
}

impl<'a> Style<'a> {
    /// `size` px in `fill`, anchored at `anchor`.
    pub(crate) fn new(size: u32, fill: &'a str, anchor: &'a str) -> Self {
        Self {
            size,
            fill,
            anchor,
            bold: false,
            class: None,
        }
    }

    fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    fn class(self, class: &'a str) -> Self {
        Self {
            class: Some(class),
            ..self
        }
    }
}

/// `hsl(hue 70% 58%)` (the output strip's colours) as `#rrggbb`, which
/// every SVG reader understands.
pub fn hue_colour(hue: f64) -> String {
    let (s, l) = (0.70, 0.58);
    let c = (1.0 - (2.0 * l - 1.0f64).abs()) * s;
    let h = hue.rem_euclid(360.0) / 60.0;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// The timelines of `sides`, stacked top to bottom on one time axis, with a
/// legend under them, as an SVG document. With no side it is a legend alone.
pub fn timeline_svg(sides: &[SvgSide<'_>], options: &SvgOptions) -> String {
    let width = if options.width.is_finite() {
        options.width.clamp(WIDTH_RANGE.0, WIDTH_RANGE.1)
    } else {
        DEFAULT_WIDTH
    };
    let longest = sides.iter().map(|s| s.timeline.end).max().unwrap_or(0);
    let viewport = options
        .range
        .filter(|r| r.start.is_finite() && r.end.is_finite() && r.end > r.start)
        .map(|r| Viewport {
            start: r.start.max(0.0),
            end: r.end.max(r.start.max(0.0) + 1.0),
        })
        .unwrap_or_else(|| Viewport::all(longest));
    let legend = legend_rows(width);
    let mut height = 0.0;
    for (i, side) in sides.iter().enumerate() {
        if i > 0 {
            height += SIDE_GAP;
        }
        if !side.caption.is_empty() {
            height += CAPTION_HEIGHT;
        }
        height += side.timeline.height;
    }
    height += 8.0 + legend.len() as f64 * LEGEND_ROW + 6.0;
    let title = match sides {
        [] => "Interleave timeline".to_string(),
        _ => format!(
            "Interleave timeline: {}",
            sides
                .iter()
                .map(|s| s.caption)
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" / ")
        ),
    };
    let mut doc = Doc::new(width, height, title.trim_end_matches(": "));
    patterns(&mut doc);
    let mut y = 0.0;
    for (i, side) in sides.iter().enumerate() {
        if i > 0 {
            y += SIDE_GAP;
        }
        if !side.caption.is_empty() {
            let caption = format!(
                "{} · {} – {} of {}",
                side.caption,
                crate::format::micros(viewport.start as u64),
                crate::format::micros(viewport.end as u64),
                crate::format::micros(side.timeline.end),
            );
            doc.label(
                6.0,
                y + CAPTION_HEIGHT / 2.0,
                &caption,
                &Style::new(13, TEXT, "start").bold().class("caption"),
            );
            y += CAPTION_HEIGHT;
        }
        let translate = format!("translate(0,{y:.1})");
        let index = i.to_string();
        doc.open(
            "g",
            &[
                ("class", "timeline"),
                ("data-side", &index),
                ("transform", &translate),
            ],
        );
        chart(&mut doc, side.timeline, viewport, width);
        doc.close("g");
        y += side.timeline.height;
    }
    draw_legend(&mut doc, &legend, y + 8.0);
    doc.finish()
}

/// One `<pattern>` per drawn state (`#il-pat-running`, …): its colour and
/// the page's overlay.
fn patterns(doc: &mut Doc) {
    doc.open("defs", &[]);
    for state in drawn_states() {
        let (size, d, dots) = overlay(state);
        let size = format!("{size:.0}");
        let id = format!("il-pat-{}", state_id(state));
        doc.open(
            "pattern",
            &[
                ("id", &id),
                ("width", &size),
                ("height", &size),
                ("patternUnits", "userSpaceOnUse"),
            ],
        );
        doc.el(
            "rect",
            &[
                ("width", &size),
                ("height", &size),
                ("fill", state_colour(state)),
            ],
        );
        let ink = [("stroke", "#000000"), ("stroke-opacity", "0.45")];
        doc.path(
            d,
            &[ink[0], ink[1], ("stroke-width", "1.2"), ("fill", "none")],
        );
        if dots {
            doc.el(
                "circle",
                &[
                    ("cx", "2"),
                    ("cy", "2"),
                    ("r", "1"),
                    ("fill", "#000000"),
                    ("fill-opacity", "0.45"),
                ],
            );
        }
        doc.close("pattern");
    }
    doc.close("defs");
}

/// One side's chart, in its own coordinates (the page's layout).
fn chart(doc: &mut Doc, timeline: &Timeline, viewport: Viewport, width: f64) {
    let geometry = Geometry::new(timeline, viewport, width);
    let left = geometry.scale.left;
    let plot_width = format!("{:.1}", geometry.right - left);
    let x = format!("{left:.1}");
    for lane in &timeline.lanes {
        let row = match lane.row {
            Row::Task(_) => "task",
            Row::Loop => "loop",
            _ => continue,
        };
        let (y, h) = (format!("{:.1}", lane.y), format!("{:.1}", lane.height));
        doc.el(
            "rect",
            &[
                ("class", "lane"),
                ("data-row", row),
                ("x", &x),
                ("y", &y),
                ("width", &plot_width),
                ("height", &h),
                ("fill", SURFACE_MUTED),
            ],
        );
    }
    doc.path(
        &geometry.grid,
        &[
            ("stroke", BORDER),
            ("stroke-dasharray", "2 3"),
            ("fill", "none"),
        ],
    );
    doc.path(
        &geometry.bands,
        &[
            ("class", "blocked-band"),
            ("fill", "#dc2626"),
            ("fill-opacity", "0.1"),
        ],
    );
    for (state, d) in &geometry.paths.paths {
        let fill = format!("url(#il-pat-{})", state_id(*state));
        doc.path(
            d,
            &[
                ("class", "span-path"),
                ("data-state", state_id(*state)),
                ("fill", &fill),
            ],
        );
    }
    for (x, label) in &geometry.ticks {
        doc.label(
            *x,
            AXIS_HEIGHT - 9.0,
            label,
            &Style::new(11, TEXT_MUTED, "middle").class("tick"),
        );
    }
    for (d, y, max) in &geometry.depths {
        doc.path(
            d,
            &[
                ("class", "depth"),
                ("fill", ACCENT),
                ("fill-opacity", "0.18"),
                ("stroke", ACCENT),
                ("stroke-width", "1"),
            ],
        );
        doc.label(
            geometry.right - 2.0,
            *y,
            &format!("max {max}"),
            &Style::new(10, TEXT_MUTED, "end"),
        );
    }
    labels(doc, timeline, geometry.right);
    strip(doc, timeline, plot_left(width), geometry.right);
}

/// Stage separators and lane labels (thin lanes labelled every few lanes),
/// as the page draws them.
fn labels(doc: &mut Doc, timeline: &Timeline, right: f64) {
    let mut separators = String::new();
    let mut last_task_label = f64::NEG_INFINITY;
    for lane in &timeline.lanes {
        let middle = lane.y + lane.height / 2.0;
        match lane.row {
            Row::Loop => doc.label(
                6.0,
                middle,
                &lane.label,
                &Style::new(11, TEXT, "start").bold(),
            ),
            Row::Stage(_) => {
                let _ = write!(separators, "M0 {:.1}H{right:.1}", lane.y + 0.5);
                doc.label(
                    6.0,
                    middle + 1.0,
                    &lane.label,
                    &Style::new(12, TEXT, "start").bold().class("stage-label"),
                );
            }
            Row::Task(_) => {
                let roomy = lane.height >= LABEL_MIN_HEIGHT;
                if roomy || lane.y - last_task_label >= LABEL_SPACING {
                    let style = if roomy {
                        Style::new(11, TEXT, "start")
                    } else {
                        Style::new(9, TEXT_MUTED, "start")
                    };
                    doc.label(16.0, middle, &lane.label, &style.class("task-label"));
                    last_task_label = lane.y;
                }
            }
            Row::Queue(_) => doc.label(
                16.0,
                middle,
                &lane.label,
                &Style::new(11, TEXT_MUTED, "start"),
            ),
            Row::Output => {
                doc.label(
                    6.0,
                    lane.y + 8.0,
                    "output",
                    &Style::new(11, TEXT, "start").bold(),
                );
                doc.label(
                    6.0,
                    lane.y + 20.0,
                    &count(timeline.inversions, "inversion"),
                    &Style::new(10, TEXT_MUTED, "start"),
                );
            }
        }
    }
    doc.path(
        &separators,
        &[("stroke", BORDER), ("stroke-width", "1"), ("fill", "none")],
    );
}

/// The output strip between `left` and `right`: labelled boxes when they
/// fit, else hue bands.
fn strip(doc: &mut Doc, timeline: &Timeline, left: f64, right: f64) {
    let Some(lane) = timeline.lane(Row::Output) else {
        return;
    };
    let marks = timeline.output_marks(left, right);
    let (y, height) = (lane.y + 2.0, lane.height - 4.0);
    doc.open("g", &[("class", "output-strip")]);
    if !labelled(&marks) {
        for (hue, d) in hue_paths(&marks, y, height) {
            doc.path(&d, &[("fill", &hue_colour(hue))]);
        }
        doc.close("g");
        return;
    }
    let (ys, hs) = (format!("{y:.1}"), format!("{height:.1}"));
    for mark in &marks {
        let (x, w) = (
            format!("{:.1}", mark.x + 0.5),
            format!("{:.1}", (mark.width - 1.0).max(0.5)),
        );
        doc.el(
            "rect",
            &[
                ("class", "output-mark"),
                ("x", &x),
                ("y", &ys),
                ("width", &w),
                ("height", &hs),
                ("rx", "2"),
                ("fill", &hue_colour(mark.hue)),
                ("stroke", SURFACE),
                ("stroke-width", "0.5"),
            ],
        );
        if mark.width >= 7.0 {
            let size = (mark.width * 0.7).clamp(8.0, 15.0).round() as u32;
            doc.label(
                mark.x + mark.width / 2.0,
                y + height / 2.0 + 0.5,
                &mark.label,
                &Style::new(size, "#111827", "middle").bold(),
            );
        }
    }
    doc.close("g");
}

/// A legend entry: its swatch's state (`None`: the blocked shading) and text.
type Entry = (Option<TaskState>, &'static str);

/// The legend's entries, in rows that fit `width`.
fn legend_rows(width: f64) -> Vec<Vec<(f64, Entry)>> {
    let entries = drawn_states()
        .map(|s| (Some(s), s.label()))
        .chain([(None, "loop blocked (all lanes)")]);
    let mut rows: Vec<Vec<(f64, Entry)>> = vec![Vec::new()];
    let mut x = 6.0;
    for entry in entries {
        // About 6.5 px per character at 11 px, plus the swatch and a gap.
        let advance = 22.0 + 6.0 + entry.1.chars().count() as f64 * 6.5 + 18.0;
        if x + advance > width && rows.last().is_some_and(|r| !r.is_empty()) {
            rows.push(Vec::new());
            x = 6.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, entry));
        }
        x += advance;
    }
    rows
}

fn draw_legend(doc: &mut Doc, rows: &[Vec<(f64, Entry)>], top: f64) {
    doc.open("g", &[("class", "legend")]);
    for (r, row) in rows.iter().enumerate() {
        let y = top + r as f64 * LEGEND_ROW;
        for &(x, (state, text)) in row {
            let (xs, ys) = (format!("{x:.1}"), format!("{:.1}", y + 3.0));
            let fill = match state {
                Some(state) => format!("url(#il-pat-{})", state_id(state)),
                None => "#dc2626".to_string(),
            };
            let mut attrs = vec![
                ("x", xs.as_str()),
                ("y", ys.as_str()),
                ("width", "22"),
                ("height", "12"),
                ("fill", fill.as_str()),
            ];
            if state.is_none() {
                attrs.push(("fill-opacity", "0.1"));
                attrs.push(("stroke", "#dc2626"));
                attrs.push(("stroke-opacity", "0.4"));
            }
            doc.el("rect", &attrs);
            doc.label(x + 28.0, y + 9.0, text, &Style::new(11, TEXT, "start"));
        }
    }
    doc.close("g");
}
