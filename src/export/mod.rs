//! Exports: a scenario or a run written out for another tool.
//!
//! ```text
//!  Scenario ──python_program──► a standalone Python asyncio program (text)
//!  Scenario + Trace ──trace_event_json──► Chrome/Perfetto trace event JSON
//!                   └─items_csv─────────► one CSV row per item (times per stage, worker, latency)
//!  Timeline(s) ──timeline_svg──► the chart as an SVG document (the page rasterizes it to PNG)
//!  SweepPoints ──sweep_svg─────► the sweep plot as an SVG document
//! ```
//!
//! Exports are pure functions to text, so the CLI writes them to a file and
//! the page shows and downloads the very same text in the browser. The run
//! report as JSON is [`crate::report::Report`] (`simulate --json`).

pub mod csv;
pub mod python;
pub mod svg;
pub mod sweep_svg;
pub mod trace_event;

pub use csv::items_csv;
pub use python::{PythonOptions, python_program};
pub use svg::{SvgOptions, SvgSide, timeline_svg};
pub use sweep_svg::sweep_svg;
pub use trace_event::trace_event_json;
