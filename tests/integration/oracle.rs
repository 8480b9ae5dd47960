//! CPython as the engine's oracle.
//!
//! ```text
//!  scenario ─┬─ engine (virtual time) ─────────────────────────────► report ─┐
//!            └─ export::python_program ─► python3 tests/oracle/virtual_clock.py ─► report ─┴─ equal?
//!                                          (asyncio's own loop, only its clock virtual)
//! ```
//!
//! Every preset and its synchronous baseline, then random scenarios from a
//! seeded generator covering every step kind, semaphores and locks shared
//! across stages, small queue capacities, several workers per stage, ordered
//! stages, loop overhead and many equal deadlines. Compared exactly: each
//! item's done time to the microsecond, the output order, the counter values
//! each item read, and whether the run deadlocked.
//!
//! `ORACLE_SCENARIOS=100000 ORACLE_SEED=1 cargo test --test integration
//! oracle::random -- --nocapture` is the long run (the README has its last
//! result); `ORACLE_PYTHON=python3.13` runs another interpreter.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use interleave::engine::{Mode, Outcome};
use interleave::export::{PythonOptions, python_program};
use interleave::presets::PRESETS;
use interleave::report::Report;
use interleave::scenario::{
    FORMAT_VERSION, RawDuration, RawItems, RawResource, RawScenario, RawStage, RawStep,
    ResourceKind, Scenario,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use super::{checked, raw};

/// The helper that runs exported programs on a virtual clock.
const VIRTUAL_CLOCK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/virtual_clock.py");

/// The interpreter: `python3`, or `ORACLE_PYTHON` (say, a 3.13 build).
fn python() -> String {
    std::env::var("ORACLE_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs `programs` under [`python`] on the virtual clock, one report each.
pub fn run_on_cpython(programs: &[String]) -> Vec<Value> {
    let mut child = Command::new(python())
        .arg(VIRTUAL_CLOCK)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 (3.11 or later) must be on PATH for the oracle tests");
    let mut stdin = child.stdin.take().expect("stdin");
    let lines: Vec<String> = programs
        .iter()
        .map(|p| serde_json::to_string(p).expect("a string encodes"))
        .collect();
    let writer = std::thread::spawn(move || {
        for line in lines {
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let reports: Vec<Value> = BufReader::new(stdout)
        .lines()
        .map(|line| serde_json::from_str(&line.expect("read a report")).expect("a JSON report"))
        .collect();
    writer.join().expect("writer thread");
    assert!(child.wait().expect("python3 ends").success());
    assert_eq!(reports.len(), programs.len(), "one report per program");
    reports
}

/// Why the engine's report and CPython's differ, if they do.
pub fn difference(engine: &Report, python: &Value) -> Option<String> {
    if let Some(error) = python.get("error") {
        return Some(format!("the program failed: {error}"));
    }
    let kind = match engine.outcome {
        Outcome::Completed => "completed",
        Outcome::Deadlock(_) => "deadlock",
        Outcome::EventLimit => return Some("the engine hit its event limit".into()),
        Outcome::RunCap | Outcome::Stopped => return Some("a virtual run never stops so".into()),
    };
    if python["outcome"]["kind"] != kind {
        return Some(format!(
            "outcome: engine {kind}, CPython {}",
            python["outcome"]["kind"]
        ));
    }
    for (item, theirs) in engine.items.iter().zip(python["items"].as_array()?) {
        let done = theirs["done_ms"].as_f64();
        if item.done_ms != done {
            return Some(format!(
                "item {} ({:?}) done at: engine {:?} ms, CPython {done:?} ms",
                item.index, item.label, item.done_ms
            ));
        }
        let observed = serde_json::to_value(&item.observed).ok()?;
        if observed != theirs["observed"] {
            return Some(format!(
                "item {} read: engine {observed}, CPython {}",
                item.index, theirs["observed"]
            ));
        }
    }
    let output = serde_json::to_value(&engine.output).ok()?;
    if output != python["output"] {
        return Some(format!(
            "output: engine {output}, CPython {}",
            python["output"]
        ));
    }
    None
}

/// Compares one scenario in one mode; panics with the difference.
fn assert_agrees(scenario: &Scenario, mode: Mode) {
    let options = PythonOptions {
        sync: mode == Mode::Sync,
    };
    let program = python_program(scenario, &options);
    let reports = run_on_cpython(std::slice::from_ref(&program));
    let engine = Report::run(scenario, mode);
    if let Some(difference) = difference(&engine, &reports[0]) {
        panic!("{mode:?}: {difference}");
    }
}

macro_rules! presets {
    ($($test:ident => $id:literal),* $(,)?) => {
        /// Every preset has its oracle tests.
        const TESTED: &[&str] = &[$($id),*];
        $(
            /// The preset as written and as its synchronous baseline, on CPython.
            #[test]
            fn $test() {
                let scenario = checked(&raw($id));
                assert_agrees(&scenario, Mode::Async);
                assert_agrees(&scenario, Mode::Sync);
            }
        )*
    };
}

presets! {
    hello_pipeline => "hello-pipeline",
    hello_jitter => "hello-jitter",
    hello_workers => "hello-workers",
    parallel_downloads => "parallel-downloads",
    say_after_sequential => "say-after-sequential",
    say_after_tasks => "say-after-tasks",
    producer_consumer => "producer-consumer",
    gather => "gather",
    sequential => "sequential",
    await_then_block => "await-then-block",
    block_then_await => "block-then-await",
    tile_downloads => "tile-downloads",
    semaphore_limit => "semaphore-limit",
    url_fetch => "url-fetch",
    file_writes_lock => "file-writes-lock",
    file_writes_batched => "file-writes-batched",
}

#[test]
fn every_preset_is_checked_against_cpython() {
    let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(ids, TESTED);
}

/// Names and labels that would break a program that pasted them as code.
const HOSTILE: &[&str] = &[
    "A",
    "b",
    "fetch detail",
    "q\"uote",
    "back\\slash",
    "it's",
    "x\"); import os; os._exit(3) #",
    "'''",
    "\"\"\"",
    "{braces}",
    "naïve",
    "line\u{2028}sep",
    "🙂",
];

fn pick<'a>(rng: &mut ChaCha8Rng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// A duration from a small set of values, so deadlines often coincide.
fn duration(rng: &mut ChaCha8Rng) -> RawDuration {
    match rng.random_range(0..10) {
        0..=4 => RawDuration::Fixed(f64::from(rng.random_range(0..4u32))),
        5 => RawDuration::Uniform { min: 0.0, max: 3.0 },
        6 => RawDuration::Exponential { mean: 2.0 },
        7 => RawDuration::Lognormal {
            median: 1.0,
            sigma: 1.0,
        },
        _ => RawDuration::PerItem(
            (0..rng.random_range(1..5))
                .map(|_| f64::from(rng.random_range(0..3u32)))
                .collect(),
        ),
    }
}

fn steps(rng: &mut ChaCha8Rng, resources: usize) -> Vec<RawStep> {
    let counters = ["n", "total\"", "c'"];
    let mut steps = Vec::new();
    let mut held: Vec<usize> = Vec::new();
    for _ in 0..rng.random_range(0..6) {
        let step = match rng.random_range(0..12) {
            0..=2 => RawStep::Wait(duration(rng)),
            3 => RawStep::Block(duration(rng)),
            4 => RawStep::Yield,
            5 | 6 if resources > 0 => {
                let r = rng.random_range(0..resources);
                held.push(r);
                RawStep::Acquire(format!("r{r}"))
            }
            7 if !held.is_empty() => {
                let r = held.remove(rng.random_range(0..held.len()));
                RawStep::Release(format!("r{r}"))
            }
            8 => RawStep::Add {
                counter: pick(rng, &counters).into(),
                amount: rng.random_range(-2..3),
            },
            9 => RawStep::Read(pick(rng, &counters).into()),
            10 => RawStep::Increment {
                counter: pick(rng, &counters).into(),
                wait: duration(rng),
            },
            _ => RawStep::Wait(duration(rng)),
        };
        steps.push(step);
    }
    // Mostly release what was taken; sometimes not (a deadlock to detect).
    while let Some(r) = held.pop() {
        if rng.random_bool(0.95) {
            steps.push(RawStep::Release(format!("r{r}")));
        }
    }
    steps
}

/// A random valid scenario and a mode to run it in.
fn random_scenario(rng: &mut ChaCha8Rng) -> (RawScenario, Mode) {
    let resources: Vec<RawResource> = (0..rng.random_range(0..4))
        .map(|r| {
            let lock = rng.random_bool(0.3);
            RawResource {
                name: format!("r{r}"),
                kind: if lock {
                    ResourceKind::Lock
                } else {
                    ResourceKind::Semaphore
                },
                permits: if lock { 1 } else { rng.random_range(1..4) },
            }
        })
        .collect();
    let mut names: Vec<&str> = HOSTILE.to_vec();
    let stages = (0..rng.random_range(1..5))
        .map(|index| {
            let name = names.remove(rng.random_range(0..names.len())).to_string();
            RawStage {
                name,
                workers: rng.random_range(1..5),
                capacity: if index == 0 || rng.random_bool(0.4) {
                    0
                } else {
                    rng.random_range(1..4)
                },
                steps: steps(rng, resources.len()),
                ordered: rng.random_bool(0.2),
            }
        })
        .collect();
    let items = if rng.random_bool(0.6) {
        RawItems::Count(rng.random_range(1..11))
    } else {
        RawItems::Text(
            (0..rng.random_range(1..9))
                .map(|_| pick(rng, &["a", "\"", "\\", "'", "\n", "é", "🙂", "{", "x"]))
                .collect(),
        )
    };
    let scenario = RawScenario {
        version: FORMAT_VERSION,
        seed: rng.random_range(0..1000),
        items,
        loop_overhead_us: if rng.random_bool(0.7) {
            0
        } else {
            [1, 50, 1000][rng.random_range(0..3)]
        },
        resources,
        stages,
    };
    let mode = if rng.random_bool(0.2) {
        Mode::Sync
    } else {
        Mode::Async
    };
    (scenario, mode)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Random scenarios on CPython (2 000 by default; `ORACLE_SCENARIOS`,
/// `ORACLE_SEED` for other runs), in batches of one python process each.
#[test]
fn random_scenarios_agree_with_cpython() {
    let count = env_number("ORACLE_SCENARIOS", 2000);
    let seed = env_number("ORACLE_SEED", 10);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let cases: Vec<(RawScenario, Mode)> = (0..count).map(|_| random_scenario(&mut rng)).collect();
    let batches: Vec<&[(RawScenario, Mode)]> = cases.chunks(1000).collect();
    let mut mismatches = Vec::new();
    for pair in batches.chunks(2) {
        let results: Vec<Vec<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|batch| scope.spawn(move || check_batch(batch)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("batch thread"))
                .collect()
        });
        mismatches.extend(results.into_iter().flatten());
    }
    eprintln!(
        "oracle: {count} random scenarios (seed {seed}), {} mismatches",
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} of {count} scenarios differ from CPython; the first:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(3)].join("\n\n")
    );
}

/// Runs a batch on both sides; each mismatch described with its scenario.
fn check_batch(batch: &[(RawScenario, Mode)]) -> Vec<String> {
    let scenarios: Vec<Scenario> = batch.iter().map(|(raw, _)| checked(raw)).collect();
    let programs: Vec<String> = scenarios
        .iter()
        .zip(batch)
        .map(|(scenario, (_, mode))| {
            python_program(
                scenario,
                &PythonOptions {
                    sync: *mode == Mode::Sync,
                },
            )
        })
        .collect();
    let reports = run_on_cpython(&programs);
    scenarios
        .iter()
        .zip(batch)
        .zip(&reports)
        .filter_map(|((scenario, (raw, mode)), python)| {
            let engine = Report::run(scenario, *mode);
            let difference = difference(&engine, python)?;
            Some(format!(
                "{mode:?}: {difference}\n{}",
                serde_json::to_string(raw).unwrap_or_default()
            ))
        })
        .collect()
}

/// Semaphore cases the oracle found (CPython 3.11 `asyncio.Semaphore`): a
/// permit released while a woken waiter has not run yet cannot be taken by a
/// newcomer (`locked()` counts that waiter), and the woken waiter, when it
/// runs, wakes the next one if permits remain. Both differed before the
/// engine followed `Lib/asyncio/locks.py`.
#[test]
fn semaphore_newcomer_queues_behind_a_woken_waiter() {
    for json in [
        r#"{"version":1,"seed":932,"items":{"text":"'{é\\a\""},"loop_overhead_us":1000,"resources":[{"name":"r0","kind":"semaphore","permits":3}],"stages":[{"name":"s","workers":3,"capacity":0,"steps":[{"increment":{"counter":"total","wait":{"lognormal":{"median":1.0,"sigma":1.0}}}},{"acquire":"r0"},{"wait":{"fixed":1.0}},"yield",{"wait":{"fixed":3.0}},{"release":"r0"}],"ordered":false},{"name":"A","workers":3,"capacity":2,"steps":[{"block":{"fixed":3.0}},{"wait":{"fixed":1.0}},{"acquire":"r0"},"yield",{"acquire":"r0"},{"release":"r0"},{"release":"r0"}],"ordered":false}]}"#,
        r#"{"version":1,"seed":736,"items":{"text":"a\"xé'🙂é🙂"},"loop_overhead_us":0,"resources":[{"name":"r0","kind":"semaphore","permits":3},{"name":"r1","kind":"semaphore","permits":2},{"name":"r2","kind":"semaphore","permits":1}],"stages":[{"name":"s","workers":2,"capacity":0,"steps":[{"wait":{"fixed":0.0}},{"increment":{"counter":"n","wait":{"lognormal":{"median":1.0,"sigma":1.0}}}},{"read":"n"},{"read":"c"}],"ordered":true},{"name":"t","workers":4,"capacity":2,"steps":[{"acquire":"r0"},{"release":"r0"},{"acquire":"r0"},{"acquire":"r0"},"yield",{"release":"r0"},{"release":"r0"}],"ordered":false},{"name":"u","workers":2,"capacity":3,"steps":[],"ordered":true},{"name":"v","workers":4,"capacity":0,"steps":[{"wait":{"fixed":3.0}},{"wait":{"uniform":{"min":0.0,"max":3.0}}},{"wait":{"fixed":3.0}},{"increment":{"counter":"total","wait":{"fixed":3.0}}},{"read":"total"}],"ordered":false}]}"#,
    ] {
        let scenario = Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"));
        assert_agrees(&scenario, Mode::Async);
    }
}

/// Names and labels that try to close a string or a comment stay data: the
/// program is printable ASCII, runs, and reports the labels unchanged.
#[test]
fn hostile_names_stay_string_literals() {
    let mut raw = raw("semaphore-limit");
    raw.items = RawItems::Text("\"'\\\n\u{2028}🙂".into());
    raw.resources[0].name = "x\"); import os; os._exit(3) #".into();
    for (stage, name) in raw.stages.iter_mut().zip(["'''", "\"\"\"\\"]) {
        stage.name = name.into();
    }
    let renamed = raw.resources[0].name.clone();
    for stage in &mut raw.stages {
        for step in &mut stage.steps {
            if let RawStep::Acquire(name) | RawStep::Release(name) = step {
                name.clone_from(&renamed);
            }
        }
    }
    raw.stages[0]
        .steps
        .push(RawStep::Read("a\u{2028}b\"\\".into()));
    let scenario = checked(&raw);
    let program = python_program(&scenario, &PythonOptions::default());
    assert!(
        program
            .bytes()
            .all(|b| b == b'\n' || (b' '..=b'~').contains(&b)),
        "the program is printable ASCII"
    );
    assert_agrees(&scenario, Mode::Async);
    let python = &run_on_cpython(&[program])[0];
    assert_eq!(python["items"][4]["label"], "\u{2028}");
    assert_eq!(python["items"][0]["observed"]["a\u{2028}b\"\\"], 0);
}

/// The real thing: `hello-workers` run by CPython in real time at a tenth of
/// its durations finishes within 5% of the engine's makespan.
#[test]
fn hello_workers_in_real_time_is_within_five_percent() {
    let scenario = checked(&raw("hello-workers"));
    let program = python_program(&scenario, &PythonOptions::default());
    let mut child = Command::new(python())
        .args(["-", "--scale", "0.1", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 on PATH");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(program.as_bytes())
        .expect("write the program");
    let output = child.wait_with_output().expect("python3 ends");
    assert!(output.status.success());
    let python: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let engine = Report::run(&scenario, Mode::Async);
    let real = python["makespan_ms"].as_f64().expect("makespan");
    super::assert_close(real, engine.makespan_ms, 0.05, "real-time makespan");
    assert_eq!(python["output"], serde_json::json!(engine.output));
}
