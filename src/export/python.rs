//! A scenario as a standalone Python asyncio program.
//!
//! ```text
//!  Scenario ─┬─ stages  ──► asyncio.Queue per stage (maxsize = capacity), N worker tasks each
//!            ├─ steps   ──► await asyncio.sleep · time.sleep · Semaphore/Lock · counters · sleep(0)
//!            ├─ seed    ──► the drawn durations, embedded as per-item lists (this exact run)
//!            └─ names   ──► escaped string literals only (a scenario never becomes code)
//! ```
//!
//! The program is written the way a person would write the pipeline: a queue
//! into every stage after the source, worker tasks in an `asyncio.TaskGroup`,
//! `await asyncio.sleep(d)` for a wait and `time.sleep(d)` for blocking work,
//! `asyncio.Semaphore` and `asyncio.Lock`, shared counters read, awaited and
//! written back, a reorder buffer for ordered stages, and Python 3.13's
//! `Queue.shutdown()` (with a small backport for 3.11 and 3.12) to tell a
//! stage's workers that no more items will come. It prints when each item
//! finished and the output order, or with `--json` the fields of
//! `interleave simulate --json` it can reproduce; `--scale` runs it faster
//! than real time and reports times unscaled.
//!
//! Run on CPython with a virtual clock (the oracle of the integration tests,
//! `tests/oracle/virtual_clock.py`), it finishes every item at the
//! microsecond the engine predicts. The module is pure (no I/O), so the page
//! calls it unchanged in wasm.

use crate::scenario::{Law, ResourceKind, Scenario, Step};
use crate::time::Micros;

/// What to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PythonOptions {
    /// Export the synchronous baseline: every wait a `time.sleep`, yields
    /// doing nothing, no loop overhead (the engine's `Mode::Sync`).
    pub sync: bool,
}

/// Lines of Python with indentation.
#[derive(Default)]
struct Code {
    text: String,
}

impl Code {
    /// Appends one line at `indent` levels of four spaces.
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let text = text.as_ref();
        if !text.is_empty() {
            for _ in 0..indent {
                self.text.push_str("    ");
            }
            self.text.push_str(text);
        }
        self.text.push('\n');
    }

    /// Appends lines written at indent 0.
    fn block(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// The Python program of `scenario`: standalone, standard library only,
/// Python 3.11 or later, replaying the durations drawn for its seed.
///
/// Every name and item label appears only as an escaped string literal (in
/// code and in comments alike), so no scenario can inject code.
pub fn python_program(scenario: &Scenario, options: &PythonOptions) -> String {
    let mut code = Code::default();
    let durations = drawn_durations(scenario);
    header(&mut code, scenario, options);
    code.block(IMPORTS);
    items(&mut code, scenario);
    constants(&mut code, scenario, options, &durations);
    code.block(QUEUE);
    code.block(LOG);
    let overhead = !options.sync && scenario.loop_overhead > 0;
    if overhead {
        code.block(OVERHEAD);
    }
    if scenario.stages.iter().any(|s| s.ordered) {
        code.block(REORDER);
    }
    pipeline(&mut code, scenario, options, &durations, overhead);
    code.block(MAIN);
    code.text
}

fn header(code: &mut Code, scenario: &Scenario, options: &PythonOptions) {
    code.block(
        "#!/usr/bin/env python3\n\
         # A pipeline exported from Interleave as a Python asyncio program.\n\
         # Standard library only; Python 3.11 or later.\n\
         #\n\
         #   python3 pipeline.py               run it in real time\n\
         #   python3 pipeline.py --scale 0.05  20 times faster (times are reported unscaled)\n\
         #   python3 pipeline.py --json        JSON comparable to `interleave simulate --json`\n\
         #\n",
    );
    if options.sync {
        code.line(
            0,
            "# The synchronous baseline: every wait is a blocking time.sleep, yields do",
        );
        code.line(0, "# nothing and there is no loop overhead.");
    } else {
        code.line(
            0,
            "# As written: waits are `await asyncio.sleep`, blocking work is `time.sleep`.",
        );
    }
    code.line(0, "#");
    code.line(0, "# Stages, each with its worker tasks:");
    for (index, stage) in scenario.stages.iter().enumerate() {
        let workers = plural(stage.workers, "worker");
        let queue = match (index, stage.capacity) {
            (0, _) => "the source: takes the items in order".to_string(),
            (_, None) => "unbounded input queue".to_string(),
            (_, Some(c)) => format!("input queue of {c}"),
        };
        let ordered = if stage.ordered {
            ", ordered (reorder buffer)"
        } else {
            ""
        };
        code.line(
            0,
            format!(
                "#   stage {index} {}: {workers}, {queue}{ordered}",
                py_str(&stage.name)
            ),
        );
    }
    for resource in &scenario.resources {
        let kind = match resource.kind {
            ResourceKind::Lock => "asyncio.Lock()".to_string(),
            ResourceKind::Semaphore => format!("asyncio.Semaphore({})", resource.permits),
        };
        code.line(0, format!("# Resource {}: {kind}", py_str(&resource.name)));
    }
    if !options.sync && scenario.loop_overhead > 0 {
        code.line(
            0,
            format!(
                "# Loop overhead: {} s each time a task resumes (the loop's own cost).",
                seconds(scenario.loop_overhead)
            ),
        );
    }
    code.line(0, "#");
    code.line(
        0,
        format!(
            "# This program replays one run: the durations below were drawn for seed {},",
            scenario.seed()
        ),
    );
    code.block(
        "# one value per item (item i uses [i]). Edit a list (seconds) to try other\n\
         # durations, or export again with another seed:\n\
         #   interleave export python --preset ID --seed N\n\n",
    );
}

const IMPORTS: &str = "\
import argparse
import asyncio
import json
import sys
import time

";

fn items(code: &mut Code, scenario: &Scenario) {
    let numbered = scenario
        .labels
        .iter()
        .enumerate()
        .all(|(i, label)| *label == i.to_string());
    if numbered {
        code.line(
            0,
            format!("ITEMS = [str(i) for i in range({})]", scenario.labels.len()),
        );
    } else {
        let literals: Vec<String> = scenario.labels.iter().map(|l| py_str(l)).collect();
        wrapped_list(code, "ITEMS", &literals);
    }
}

/// Per stage, per step: the step's durations for every item, if it has a law.
type Durations = Vec<Vec<Option<Drawn>>>;

/// A step's durations.
enum Drawn {
    /// The same for every item.
    Fixed(Micros),
    /// One per item.
    PerItem(Vec<Micros>),
}

fn drawn_durations(scenario: &Scenario) -> Durations {
    let mut table = scenario.durations();
    let items = scenario.item_count();
    scenario
        .stages
        .iter()
        .enumerate()
        .map(|(stage, spec)| {
            spec.steps
                .iter()
                .enumerate()
                .map(|(index, step)| {
                    let law = match step {
                        Step::Wait(law) | Step::Block(law) => law,
                        Step::Increment { wait, .. } => wait,
                        _ => return None,
                    };
                    Some(match law {
                        Law::Fixed(us) => Drawn::Fixed(*us),
                        _ => Drawn::PerItem(
                            (0..items)
                                .map(|item| table.get(stage, index, item, law))
                                .collect(),
                        ),
                    })
                })
                .collect()
        })
        .collect()
}

fn constants(code: &mut Code, scenario: &Scenario, options: &PythonOptions, durations: &Durations) {
    code.line(
        0,
        format!(
            "MODE = {}",
            py_str(if options.sync { "sync" } else { "async" })
        ),
    );
    if !options.sync && scenario.loop_overhead > 0 {
        code.line(
            0,
            format!(
                "LOOP_OVERHEAD = {}  # seconds per task resume",
                seconds(scenario.loop_overhead)
            ),
        );
    }
    let mut first = true;
    for (stage, steps) in durations.iter().enumerate() {
        for (index, drawn) in steps.iter().enumerate() {
            let Some(drawn) = drawn else { continue };
            if first {
                code.line(0, "");
                code.line(0, "# Durations in seconds, per (stage, step).");
                first = false;
            }
            let name = scenario.stages.get(stage).map_or("", |s| s.name.as_str());
            let kind = scenario.stages[stage]
                .steps
                .get(index)
                .map_or("", step_kind);
            code.line(
                0,
                format!("# stage {stage} {}, step {index}: {kind}", py_str(name)),
            );
            let constant = duration_name(stage, index);
            match drawn {
                Drawn::Fixed(us) => code.line(0, format!("{constant} = {}", seconds(*us))),
                Drawn::PerItem(values) => {
                    let values: Vec<String> = values.iter().map(|&us| seconds(us)).collect();
                    wrapped_list(code, &constant, &values);
                }
            }
        }
    }
    code.line(0, "");
}

fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::Wait(_) => "wait",
        Step::Block(_) => "block",
        Step::Increment { .. } => "the await inside an increment",
        _ => "",
    }
}

/// `NAME = [a, b, …]`, eight values a line.
fn wrapped_list(code: &mut Code, name: &str, values: &[String]) {
    if values.len() <= 8 {
        code.line(0, format!("{name} = [{}]", values.join(", ")));
        return;
    }
    code.line(0, format!("{name} = ["));
    for chunk in values.chunks(8) {
        code.line(1, format!("{},", chunk.join(", ")));
    }
    code.line(0, "]");
}

fn duration_name(stage: usize, step: usize) -> String {
    format!("S{stage}_STEP{step}")
}

const QUEUE: &str = r#"
if sys.version_info >= (3, 13):
    Queue, QueueShutDown = asyncio.Queue, asyncio.QueueShutDown
else:

    class QueueShutDown(Exception):
        """Raised by get() on a queue that is shut down and empty."""

    class Queue(asyncio.Queue):
        """asyncio.Queue with Python 3.13's shutdown() (without `immediate`)."""

        _is_shutdown = False

        def shutdown(self):
            """No more items will come: wake every waiting get() to check again."""
            self._is_shutdown = True
            while self._getters:
                getter = self._getters.popleft()
                if not getter.done():
                    getter.set_result(None)

        async def get(self):
            while self.empty():
                if self._is_shutdown:
                    raise QueueShutDown
                getter = asyncio.get_running_loop().create_future()
                self._getters.append(getter)
                try:
                    await getter
                except BaseException:
                    getter.cancel()
                    if getter in self._getters:
                        self._getters.remove(getter)
                    raise
            return self.get_nowait()

"#;

const LOG: &str = r#"
class Log:
    """When each item finished (microseconds of scenario time) and what it read."""

    def __init__(self):
        self.done_us = [None] * len(ITEMS)
        self.observed = [{} for _ in ITEMS]
        self.output = []

    def report(self, outcome="completed"):
        """The run with the field names of `interleave simulate --json`."""
        done = [us for us in self.done_us if us is not None]
        return {
            "mode": MODE,
            "outcome": {"kind": outcome},
            "makespan_ms": max(done, default=0) / 1000,
            "items": [
                {
                    "index": i,
                    "label": label,
                    "done_ms": None if us is None else us / 1000,
                    "observed": self.observed[i],
                }
                for i, (label, us) in enumerate(zip(ITEMS, self.done_us))
            ],
            "output": self.output,
        }

    def table(self):
        """Per item, when it finished; then the output order and the makespan."""
        lines = []
        for i, (label, us) in enumerate(zip(ITEMS, self.done_us)):
            when = "never" if us is None else f"at {us / 1e6:.6f} s"
            seen = "".join(f", read {name}={value}" for name, value in self.observed[i].items())
            lines.append(f"item {i:>4} {label!r:>6} done {when}{seen}")
        if all(len(label) == 1 for label in self.output):
            order = "".join(self.output)
        else:
            order = " ".join(self.output)
        makespan = max((us for us in self.done_us if us is not None), default=0)
        lines.append(f"output      {order}")
        lines.append(f"makespan    {makespan / 1e6:.3f} s")
        return "\n".join(lines)

"#;

const OVERHEAD: &str = r#"
class _Steps:
    """Awaits a coroutine step by step, holding the loop for `seconds` first."""

    def __init__(self, coro, seconds):
        self.coro, self.seconds = coro, seconds

    def __await__(self):
        value, error = None, None
        while True:
            time.sleep(self.seconds)
            try:
                if error is None:
                    signal = self.coro.send(value)
                else:
                    signal = self.coro.throw(error)
            except StopIteration as done:
                return done.value
            value, error = None, None
            try:
                value = yield signal
            except GeneratorExit:
                self.coro.close()
                raise
            except BaseException as raised:  # a cancellation: pass it on
                error = raised


async def with_overhead(coro, seconds):
    """Runs `coro`, spending `seconds` of blocking time each time the loop
    resumes it: the event loop's own cost of a task step."""
    return await _Steps(coro, seconds)

"#;

const REORDER: &str = r#"
class Reorder:
    """A reorder buffer: items leave a stage in the order they entered it."""

    def __init__(self):
        self.entered = 0
        self.next_out = 0
        self.finished = {}
        self.releasing = False

    def enter(self):
        """The sequence number of an item entering the stage."""
        seq = self.entered
        self.entered += 1
        return seq

"#;

fn pipeline(
    code: &mut Code,
    scenario: &Scenario,
    options: &PythonOptions,
    durations: &Durations,
    overhead: bool,
) {
    code.block(
        "\nasync def pipeline(log, scale=1.0):\n    \
         \"\"\"Runs the pipeline once, recording into `log`; `scale` multiplies every duration.\"\"\"\n    \
         loop = asyncio.get_running_loop()\n    \
         start = loop.time()\n\n    \
         def finished(i):\n        \
         log.done_us[i] = round((loop.time() - start) * 1_000_000 / scale)\n        \
         log.output.append(ITEMS[i])\n\n",
    );
    for (index, stage) in scenario.stages.iter().enumerate().skip(1) {
        let queue = match stage.capacity {
            None => "Queue()".to_string(),
            Some(c) => format!("Queue(maxsize={c})"),
        };
        code.line(
            1,
            format!(
                "queue{index} = {queue}  # into stage {index} {}",
                py_str(&stage.name)
            ),
        );
    }
    for (index, resource) in scenario.resources.iter().enumerate() {
        let make = match resource.kind {
            ResourceKind::Lock => "asyncio.Lock()".to_string(),
            ResourceKind::Semaphore => format!("asyncio.Semaphore({})", resource.permits),
        };
        code.line(
            1,
            format!("resource{index} = {make}  # {}", py_str(&resource.name)),
        );
    }
    if !scenario.counters.is_empty() {
        let entries: Vec<String> = scenario
            .counters
            .iter()
            .map(|c| format!("{}: 0", py_str(c)))
            .collect();
        code.line(1, format!("counters = {{{}}}", entries.join(", ")));
    }
    for (index, stage) in scenario.stages.iter().enumerate() {
        if stage.ordered {
            code.line(1, format!("reorder{index} = Reorder()"));
        }
    }
    code.line(
        1,
        "source = iter(range(len(ITEMS)))  # the source's workers share it",
    );
    let live: Vec<String> = scenario
        .stages
        .iter()
        .map(|s| s.workers.to_string())
        .collect();
    code.line(
        1,
        format!(
            "live = [{}]  # workers still running, per stage",
            live.join(", ")
        ),
    );
    for (index, _) in scenario.stages.iter().enumerate() {
        code.line(0, "");
        worker(code, scenario, options, durations, index);
    }
    code.line(0, "");
    code.line(1, "async with asyncio.TaskGroup() as tasks:");
    for (index, stage) in scenario.stages.iter().enumerate() {
        code.line(2, format!("for worker in range({}):", stage.workers));
        let call = format!("{}(worker)", worker_name(scenario, index));
        if overhead {
            code.line(
                3,
                format!("tasks.create_task(with_overhead({call}, LOOP_OVERHEAD * scale))"),
            );
        } else {
            code.line(3, format!("tasks.create_task({call})"));
        }
    }
    code.line(0, "");
}

fn worker_name(scenario: &Scenario, index: usize) -> String {
    let name = scenario.stages.get(index).map_or("", |s| s.name.as_str());
    let mut ident = String::new();
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && ident.ends_with('_')) && ident.len() < 24 {
            ident.push(c);
        }
    }
    let ident = ident.trim_matches('_');
    if ident.is_empty() {
        format!("stage{index}")
    } else {
        format!("stage{index}_{ident}")
    }
}

fn worker(
    code: &mut Code,
    scenario: &Scenario,
    options: &PythonOptions,
    durations: &Durations,
    index: usize,
) {
    let Some(stage) = scenario.stages.get(index) else {
        return;
    };
    code.line(
        1,
        format!("async def {}(worker):", worker_name(scenario, index)),
    );
    code.line(
        2,
        format!(
            "\"\"\"A worker of stage {index} {}.\"\"\"",
            py_str(&stage.name)
        ),
    );
    if index == 0 {
        code.line(2, "for i in source:");
    } else {
        code.line(2, "while True:");
        code.line(3, "try:");
        code.line(4, format!("i = await queue{index}.get()"));
        code.line(3, "except QueueShutDown:");
        code.line(4, "break");
    }
    if stage.ordered {
        code.line(3, format!("seq = reorder{index}.enter()"));
    }
    for (step_index, step) in stage.steps.iter().enumerate() {
        let duration = durations
            .get(index)
            .and_then(|steps| steps.get(step_index))
            .and_then(Option::as_ref)
            .map(|drawn| {
                let name = duration_name(index, step_index);
                match drawn {
                    Drawn::Fixed(_) => format!("{name} * scale"),
                    Drawn::PerItem(_) => format!("{name}[i] * scale"),
                }
            })
            .unwrap_or_else(|| "0".into());
        let wait = |duration: &str| {
            if options.sync {
                format!("time.sleep({duration})")
            } else {
                format!("await asyncio.sleep({duration})")
            }
        };
        match step {
            Step::Wait(_) => code.line(3, wait(&duration)),
            Step::Block(_) => code.line(3, format!("time.sleep({duration})")),
            Step::Yield if options.sync => code.line(
                3,
                "# yield: nothing to yield to in the synchronous baseline",
            ),
            Step::Yield => code.line(3, "await asyncio.sleep(0)"),
            Step::Acquire(r) => code.line(3, format!("await resource{r}.acquire()")),
            Step::Release(r) => code.line(3, format!("resource{r}.release()")),
            Step::Add { counter, amount } => {
                let name = counter_literal(scenario, *counter);
                if *amount < 0 {
                    code.line(3, format!("counters[{name}] -= {}", amount.unsigned_abs()));
                } else {
                    code.line(3, format!("counters[{name}] += {amount}"));
                }
            }
            Step::Read(counter) => {
                let name = counter_literal(scenario, *counter);
                code.line(3, format!("log.observed[i][{name}] = counters[{name}]"));
            }
            Step::Increment { counter, .. } => {
                let name = counter_literal(scenario, *counter);
                code.line(3, format!("seen = counters[{name}]"));
                code.line(3, wait(&duration));
                code.line(3, format!("counters[{name}] = seen + 1"));
            }
        }
    }
    let last = index + 1 == scenario.stages.len();
    let hand_on = |item: &str| {
        if last {
            format!("finished({item})")
        } else {
            format!("await queue{}.put({item})", index + 1)
        }
    };
    if stage.ordered {
        let buffer = format!("reorder{index}");
        code.line(3, format!("{buffer}.finished[seq] = i"));
        code.line(
            3,
            format!("if not {buffer}.releasing:  # one worker at a time hands items on"),
        );
        code.line(4, format!("{buffer}.releasing = True"));
        code.line(4, format!("while {buffer}.next_out in {buffer}.finished:"));
        code.line(
            5,
            format!("item = {buffer}.finished.pop({buffer}.next_out)"),
        );
        code.line(5, format!("{buffer}.next_out += 1"));
        code.line(5, hand_on("item"));
        code.line(4, format!("{buffer}.releasing = False"));
    } else {
        code.line(3, hand_on("i"));
    }
    if !last {
        code.line(2, format!("live[{index}] -= 1"));
        let next = scenario
            .stages
            .get(index + 1)
            .map_or(String::new(), |s| py_str(&s.name));
        code.line(
            2,
            format!("if live[{index}] == 0:  # no more items for {next}"),
        );
        code.line(3, format!("queue{}.shutdown()", index + 1));
    }
}

fn counter_literal(scenario: &Scenario, counter: usize) -> String {
    py_str(scenario.counters.get(counter).map_or("", String::as_str))
}

const MAIN: &str = r#"
def main():
    parser = argparse.ArgumentParser(
        description="Run the exported pipeline and print when each item finished."
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiply every duration by this (0.05 runs 20 times faster); "
        "times are reported unscaled",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON comparable to `interleave simulate --json`",
    )
    args = parser.parse_args()
    if not args.scale > 0:
        parser.error("--scale must be positive")
    log = Log()
    asyncio.run(pipeline(log, args.scale))
    print(json.dumps(log.report(), indent=2) if args.json else log.table())


if __name__ == "__main__":
    main()
"#;

/// `n worker` or `n workers`.
fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Microseconds as a Python number of seconds, exactly: `0.128`, `5`, `0.000001`.
fn seconds(us: Micros) -> String {
    let whole = us / 1_000_000;
    let fraction = us % 1_000_000;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:06}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// `text` as a double-quoted Python string literal in plain printable ASCII:
/// quotes and backslashes escaped, everything else outside `' '..='~'` as
/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`. Safe in code and in comments alike.
pub fn py_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// The file name a program is saved under: `interleave-<preset or
/// scenario>[-sync].py`.
pub fn program_file_name(preset: Option<&str>, options: &PythonOptions) -> String {
    let base = preset.unwrap_or("scenario");
    let sync = if options.sync { "-sync" } else { "" };
    format!("interleave-{base}{sync}.py")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_printable_ascii_with_escapes() {
        assert_eq!(py_str("B"), "\"B\"");
        assert_eq!(
            py_str("a\"b\\c\nd\u{2028}é😀"),
            "\"a\\\"b\\\\c\\nd\\u2028\\xe9\\U0001f600\""
        );
    }

    #[test]
    fn seconds_are_exact() {
        assert_eq!(seconds(0), "0");
        assert_eq!(seconds(5_000_000), "5");
        assert_eq!(seconds(128_000), "0.128");
        assert_eq!(seconds(1), "0.000001");
        assert_eq!(seconds(1_234_567), "1.234567");
    }
}
