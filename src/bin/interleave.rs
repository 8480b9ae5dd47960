//! `interleave`: simulate scenarios and sweep parameters from the terminal.
//!
//! ```text
//! interleave presets
//! interleave simulate (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [--json]
//! interleave sweep (--preset ID | FILE.json | --url URL) --stage NAME --workers 1,2,4,8,16
//! interleave explain (--preset ID | FILE.json | --url URL) [--seed N]
//! interleave export python (--preset ID | FILE.json | --url URL) [--seed N] [--sync] [-o FILE]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use interleave::engine::{Mode, simulate};
use interleave::export::{PythonOptions, python_program};
use interleave::presets::{self, PRESETS};
use interleave::report::Report;
use interleave::scenario::{RawScenario, ScenarioError};
use interleave::sweep::sweep_workers;
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
            let text = std::fs::read_to_string(path).map_err(|error| ScenarioError::Malformed {
                field: path.display().to_string(),
                reason: error.to_string(),
            })?;
            return serde_json::from_str(&text).map_err(|error| ScenarioError::Malformed {
                field: path.display().to_string(),
                reason: error.to_string(),
            });
        }
        let url = self.url.as_deref().unwrap_or_default();
        link::from_link(url)?.ok_or_else(|| ScenarioError::Malformed {
            field: "--url".into(),
            reason: "the link has neither a preset nor a scenario (s=…)".into(),
        })
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
            let points = sweep_workers(&raw, &stage, &workers)?;
            Ok(text::sweep(&stage, &points))
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

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
