//! `interleave`: simulate scenarios and sweep parameters from the terminal.
//!
//! ```text
//! interleave presets
//! interleave simulate (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [--json]
//! interleave sweep (--preset ID | FILE.json | --url URL) --stage NAME --workers 1,2,4,8,16
//! interleave explain (--preset ID | FILE.json | --url URL) [--seed N]
//! interleave link (--preset ID | FILE.json | --url URL) [--seed N] [--base URL]
//! interleave export python (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [-o FILE]
//! interleave export trace|csv (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [-o FILE]
//! interleave export svg (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [--width PX] [--from MS] [--to MS] [-o FILE]
//! interleave export sweep-svg (--preset ID | FILE.json | --url URL) --stage NAME --workers 1,2,4 [--metric M] [-o FILE]
//! ```

use std::fs::File;
use std::io::{ErrorKind, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use interleave::chart::{Timeline, Viewport};
use interleave::driver::simulate;
use interleave::engine::{Mode, Run};
use interleave::export::{
    PythonOptions, SvgOptions, SvgSide, items_csv, python_program, sweep_svg, timeline_svg,
    trace_event_json,
};
use interleave::limits::MAX_INPUT_BYTES;
use interleave::plot::sweep::Metric;
use interleave::presets::{self, PRESETS};
use interleave::report::Report;
use interleave::scenario::{RawScenario, Scenario, ScenarioError};
use interleave::sweep::sweep_workers_with_progress;
use interleave::{link, text};

/// Simulate single-threaded async pipelines in virtual time.
#[derive(Parser)]
#[command(name = "interleave", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the preset ids with one-line descriptions.
    Presets,
    /// Run a scenario and print its report.
    Simulate {
        #[command(flatten)]
        source: Source,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Run the synchronous baseline (every wait blocking).
        #[arg(long)]
        sync: bool,
        /// Print the JSON report instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Explain a run: insights, the lower bound, where order is lost, and
    /// which blocking steps delayed the other tasks.
    Explain {
        #[command(flatten)]
        source: Source,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Run a scenario at several worker counts of one stage.
    Sweep {
        #[command(flatten)]
        source: Source,
        /// The stage whose workers vary.
        #[arg(long)]
        stage: String,
        /// Worker counts, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        workers: Vec<u32>,
    },
    /// Print the shareable link of a scenario: its query string, or the
    /// whole URL with --base.
    Link {
        #[command(flatten)]
        source: Source,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// The page's address to put before the query
        /// (e.g. http://127.0.0.1:8080/).
        #[arg(long)]
        base: Option<String>,
    },
    /// Write a scenario out for another tool.
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
}

/// What `interleave export` writes.
#[derive(Subcommand)]
enum ExportFormat {
    /// A standalone Python asyncio program that replays this run
    /// (`python3 program.py [--scale 0.05] [--json]`).
    Python {
        #[command(flatten)]
        source: Source,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Export the synchronous baseline (every wait blocking).
        #[arg(long)]
        sync: bool,
        /// Write the program to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The run as a Chrome/Perfetto trace (JSON trace event format): open
    /// it at https://ui.perfetto.dev or in Chrome's performance panel.
    Trace {
        #[command(flatten)]
        run: RunArgs,
        /// Write the trace to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The run's items as CSV: per item and stage the worker and when it
    /// entered, was taken and was handed on, and its latency.
    Csv {
        #[command(flatten)]
        run: RunArgs,
        /// Write the CSV to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The timeline as an SVG picture (both sides of a comparison link,
    /// stacked on one time axis).
    Svg {
        #[command(flatten)]
        run: RunArgs,
        /// Width of the picture, px.
        #[arg(long, default_value_t = interleave::export::svg::DEFAULT_WIDTH)]
        width: f64,
        /// Start of the visible time range, ms (default: 0).
        #[arg(long)]
        from: Option<f64>,
        /// End of the visible time range, ms (default: the end of the run).
        #[arg(long)]
        to: Option<f64>,
        /// Write the SVG to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The sweep plot over one stage's worker counts as an SVG picture.
    SweepSvg {
        #[command(flatten)]
        source: Source,
        /// The stage whose workers vary.
        #[arg(long)]
        stage: String,
        /// Worker counts, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        workers: Vec<u32>,
        /// What to plot.
        #[arg(long, value_enum, default_value_t = PlotMetric::Makespan)]
        metric: PlotMetric,
        /// Width of the plot, px.
        #[arg(long, default_value_t = interleave::export::sweep_svg::DEFAULT_SIZE.0)]
        width: f64,
        /// Height of the plot (without its legend line), px.
        #[arg(long, default_value_t = interleave::export::sweep_svg::DEFAULT_SIZE.1)]
        height: f64,
        /// Write the SVG to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// What a sweep plot shows.
#[derive(Clone, Copy, ValueEnum)]
enum PlotMetric {
    /// Time to finish, s.
    Makespan,
    /// Items per second.
    Throughput,
    /// Synchronous baseline over makespan.
    Speedup,
}

/// A run to export: the scenario, its seed, the mode.
#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    source: Source,
    /// Override the scenario's seed.
    #[arg(long)]
    seed: Option<u64>,
    /// Run the synchronous baseline (every wait blocking).
    #[arg(long)]
    sync: bool,
}

impl RunArgs {
    /// The checked scenario and its run in virtual time.
    fn run(&self) -> Result<(Scenario, Run), ScenarioError> {
        let mut raw = self.source.load()?;
        if let Some(seed) = self.seed {
            raw.seed = seed;
        }
        let scenario = raw.validate()?;
        let run = simulate(&scenario, self.mode());
        Ok((scenario, run))
    }

    fn mode(&self) -> Mode {
        if self.sync { Mode::Sync } else { Mode::Async }
    }

    /// What the scenario is called in a caption: the preset id, the file
    /// name, or "shared link"; "(synchronous baseline)" with --sync.
    fn caption(&self) -> String {
        let name = match (&self.source.preset, &self.source.file) {
            (Some(id), _) => id.clone(),
            (None, Some(path)) => path.display().to_string(),
            (None, None) => link_name(self.source.url.as_deref(), link::Side::A),
        };
        if self.sync {
            format!("{name} (synchronous baseline)")
        } else {
            name
        }
    }
}

/// Where the scenario comes from: exactly one of these.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct Source {
    /// A preset id (see `interleave presets`).
    #[arg(long)]
    preset: Option<String>,
    /// A scenario JSON file.
    file: Option<PathBuf>,
    /// A shared link (or its query string).
    #[arg(long)]
    url: Option<String>,
}

impl Source {
    fn load(&self) -> Result<RawScenario, ScenarioError> {
        if let Some(id) = &self.preset {
            return presets::find(id)
                .ok_or_else(|| ScenarioError::Malformed {
                    field: "--preset".into(),
                    reason: format!("no preset named \"{id}\" (see `interleave presets`)"),
                })?
                .raw();
        }
        if let Some(path) = &self.file {
            return RawScenario::from_json(&read_input(path)?);
        }
        let url = self.url.as_deref().unwrap_or_default();
        link::from_link(url)?.ok_or_else(|| ScenarioError::Malformed {
            field: "--url".into(),
            reason: "the link has neither a preset nor a scenario (s=…)".into(),
        })
    }
}

/// The text of a scenario file, read up to [`MAX_INPUT_BYTES`] (so
/// `/dev/zero` is refused, not read until memory runs out).
fn read_input(path: &Path) -> Result<String, ScenarioError> {
    let refused = |reason: String| ScenarioError::Malformed {
        field: path.display().to_string(),
        reason,
    };
    let file = File::open(path).map_err(|error| refused(error.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| refused(error.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(refused(format!(
            "larger than {} MiB, more than any scenario file",
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|error| refused(format!("not UTF-8 text: {error}")))
}

/// Reports a long sweep's progress on stderr, once it has taken a second.
struct Progress {
    points: usize,
    started: Instant,
    shown: Option<Instant>,
    terminal: bool,
}

impl Progress {
    fn new(points: usize) -> Self {
        Self {
            points,
            started: Instant::now(),
            shown: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// `done` points are done: a line (rewritten in place on a terminal),
    /// at most every 200 ms, or every second into a file.
    fn point(&mut self, done: usize) {
        let every = Duration::from_millis(if self.terminal { 200 } else { 1000 });
        let now = Instant::now();
        if now - self.started < Duration::from_secs(1)
            || self.shown.is_some_and(|shown| now - shown < every)
        {
            return;
        }
        self.shown = Some(now);
        let line = format!(
            "sweep: {done} of {} points, {:.1} s",
            self.points,
            (now - self.started).as_secs_f64()
        );
        let mut stderr = std::io::stderr();
        let _ = if self.terminal {
            write!(stderr, "\r{line}")
        } else {
            writeln!(stderr, "{line}")
        };
    }

    /// Ends the in-place line, if one was written.
    fn finish(&self) {
        if self.terminal && self.shown.is_some() {
            let _ = writeln!(std::io::stderr());
        }
    }
}

fn run(cli: Cli) -> Result<String, ScenarioError> {
    match cli.command {
        Command::Presets => Ok(PRESETS
            .iter()
            .map(|p| format!("{:<22} {}\n", p.id, p.title))
            .collect()),
        Command::Simulate {
            source,
            seed,
            sync,
            json,
        } => {
            let mut raw = source.load()?;
            if let Some(seed) = seed {
                raw.seed = seed;
            }
            let scenario = raw.validate()?;
            let mode = if sync { Mode::Sync } else { Mode::Async };
            let report = Report::run(&scenario, mode);
            Ok(if json {
                serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
            } else {
                text::report(&report)
            })
        }
        Command::Explain { source, seed } => {
            let mut raw = source.load()?;
            if let Some(seed) = seed {
                raw.seed = seed;
            }
            let scenario = raw.validate()?;
            let report = Report::run(&scenario, Mode::Async);
            let run = simulate(&scenario, Mode::Async);
            Ok(text::explain(&scenario, &report, &run))
        }
        Command::Sweep {
            source,
            stage,
            workers,
        } => {
            let raw = source.load()?;
            raw.validate()?;
            let mut progress = Progress::new(workers.len());
            let points =
                sweep_workers_with_progress(&raw, &stage, &workers, |done| progress.point(done));
            progress.finish();
            Ok(text::sweep(&stage, &points?))
        }
        Command::Link { source, seed, base } => {
            let mut raw = source.load()?;
            if let Some(seed) = seed {
                raw.seed = seed;
            }
            raw.validate()?;
            let query = link::to_query(&raw, source.preset.as_deref());
            Ok(format!("{}?{query}\n", base.as_deref().unwrap_or_default()))
        }
        Command::Export {
            format:
                ExportFormat::Python {
                    source,
                    seed,
                    sync,
                    output,
                },
        } => {
            let mut raw = source.load()?;
            if let Some(seed) = seed {
                raw.seed = seed;
            }
            let program = python_program(&raw.validate()?, &PythonOptions { sync });
            deliver(program, output)
        }
        Command::Export {
            format: ExportFormat::Trace { run, output },
        } => {
            let (scenario, result) = run.run()?;
            deliver(trace_event_json(&scenario, &result.trace), output)
        }
        Command::Export {
            format: ExportFormat::Csv { run, output },
        } => {
            let (scenario, result) = run.run()?;
            deliver(items_csv(&scenario, &result.trace), output)
        }
        Command::Export {
            format:
                ExportFormat::Svg {
                    run,
                    width,
                    from,
                    to,
                    output,
                },
        } => deliver(export_svg(&run, width, from, to)?, output),
        Command::Export {
            format:
                ExportFormat::SweepSvg {
                    source,
                    stage,
                    workers,
                    metric,
                    width,
                    height,
                    output,
                },
        } => {
            let raw = source.load()?;
            raw.validate()?;
            let points = sweep_workers_with_progress(&raw, &stage, &workers, |_| {})?;
            let metric = match metric {
                PlotMetric::Makespan => Metric::Makespan,
                PlotMetric::Throughput => Metric::Throughput,
                PlotMetric::Speedup => Metric::Speedup,
            };
            let name = format!("workers of {stage}");
            deliver(sweep_svg(&points, metric, &name, (width, height)), output)
        }
    }
}

/// The timeline SVG of `run` (and of side B when `--url` is a comparison
/// link), through the range `--from`/`--to` in ms.
fn export_svg(
    run: &RunArgs,
    width: f64,
    from: Option<f64>,
    to: Option<f64>,
) -> Result<String, ScenarioError> {
    let (scenario, result) = run.run()?;
    let mut sides = vec![(run.caption(), Timeline::new(&scenario, &result.trace, 0))];
    if let Some(url) = &run.source.url
        && let Some(raw) = link::from_link_side(url, link::Side::B)?
    {
        let b = raw.validate()?;
        let b_run = simulate(&b, run.mode());
        sides[0].0 = format!("A: {}", sides[0].0);
        let name = link_name(Some(url), link::Side::B);
        sides.push((format!("B: {name}"), Timeline::new(&b, &b_run.trace, 0)));
    }
    let bad = |reason: &str| ScenarioError::Malformed {
        field: "--from/--to".into(),
        reason: reason.into(),
    };
    let range = match (from, to) {
        (None, None) => None,
        (from, to) => {
            let end = sides.iter().map(|s| s.1.end).max().unwrap_or(0) as f64 / 1000.0;
            let (from, to) = (from.unwrap_or(0.0), to.unwrap_or(end));
            if !(from.is_finite() && to.is_finite() && from >= 0.0) {
                return Err(bad("times must be finite ms, from 0"));
            }
            if from >= to {
                return Err(bad(&format!(
                    "--from ({from} ms) must be before --to ({to} ms)"
                )));
            }
            Some(Viewport {
                start: from * 1000.0,
                end: to * 1000.0,
            })
        }
    };
    let sides: Vec<SvgSide<'_>> = sides
        .iter()
        .map(|(caption, timeline)| SvgSide { caption, timeline })
        .collect();
    Ok(timeline_svg(&sides, &SvgOptions { width, range }))
}

/// What a side of a link is called: the preset it names, else "shared link".
fn link_name(url: Option<&str>, side: link::Side) -> String {
    url.and_then(|url| link::read(url, side).ok().flatten())
        .and_then(|shared| shared.preset)
        .unwrap_or("shared link")
        .to_string()
}

/// `text` as the command's output, or written to `output` (then nothing
/// is printed).
fn deliver(text: String, output: Option<PathBuf>) -> Result<String, ScenarioError> {
    let Some(path) = output else {
        return Ok(text);
    };
    std::fs::write(&path, text).map_err(|error| ScenarioError::Malformed {
        field: path.display().to_string(),
        reason: error.to_string(),
    })?;
    Ok(String::new())
}

/// Writes the output, escaped for a terminal. A reader that stops early
/// (`| head -1`) closes the pipe: that ends the program quietly, status 0.
fn emit(output: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text::terminal_safe(output).as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(output) => emit(&output),
        Err(error) => {
            let message = format!("error: {error}\n");
            let _ = std::io::stderr().write_all(text::terminal_safe(&message).as_bytes());
            ExitCode::from(2)
        }
    }
}
