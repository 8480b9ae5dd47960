//! `interleave`: simulate scenarios and sweep parameters from the terminal.
//!
//! ```text
//! interleave presets
//! interleave simulate (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [--json]
//! interleave sweep (--preset ID | FILE.json | --url URL) --stage NAME --workers 1,2,4,8,16
//! interleave explain (--preset ID | FILE.json | --url URL) [--seed N]
//! interleave link (--preset ID | FILE.json | --url URL) [--seed N] [--base URL]
//! interleave export python (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [-o FILE]
//! ```

use std::fs::File;
use std::io::{ErrorKind, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use interleave::engine::{Mode, simulate};
use interleave::export::{PythonOptions, python_program};
use interleave::limits::MAX_INPUT_BYTES;
use interleave::presets::{self, PRESETS};
use interleave::report::Report;
use interleave::scenario::{RawScenario, ScenarioError};
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
            let Some(path) = output else {
                return Ok(program);
            };
            std::fs::write(&path, program).map_err(|error| ScenarioError::Malformed {
                field: path.display().to_string(),
                reason: error.to_string(),
            })?;
            Ok(String::new())
        }
    }
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
