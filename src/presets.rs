//! The built-in examples, one per seed article's program.
//!
//! Ids are public: they appear in links (`?preset=hello-workers`) and in the
//! CLI. Each preset reproduces its article's numbers in virtual time; the
//! integration tests (`tests/integration/presets.rs`) assert them, one test
//! per id. Times in the scenarios are milliseconds.

use crate::scenario::{RawScenario, Scenario, ScenarioError};

/// A named example scenario.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Public id, used in links and the CLI.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Where it comes from.
    pub source: &'static str,
    /// Two sentences: what to look for.
    pub look_for: &'static str,
    /// The scenario, as JSON.
    pub json: &'static str,
}

impl Preset {
    /// The scenario as data.
    pub fn raw(&self) -> Result<RawScenario, ScenarioError> {
        serde_json::from_str(self.json).map_err(|error| ScenarioError::Malformed {
            field: format!("preset {}", self.id),
            reason: error.to_string(),
        })
    }

    /// The checked scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        self.raw()?.validate()
    }
}

/// Presets that make a point together: they open as an A/B comparison.
pub const PAIRS: &[(&str, &str)] = &[
    ("say-after-sequential", "say-after-tasks"),
    ("sequential", "gather"),
    ("await-then-block", "block-then-await"),
    ("file-writes-lock", "file-writes-batched"),
];

/// The preset paired with `id`, if it belongs to a pair.
pub fn partner(id: &str) -> Option<&'static str> {
    PAIRS.iter().find_map(|&(a, b)| {
        if a == id {
            Some(b)
        } else if b == id {
            Some(a)
        } else {
            None
        }
    })
}

/// Finds a preset by id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Every preset, in gallery order.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "hello-pipeline",
        title: "hello → HELLO, one task per stage",
        source: "Python asyncio pipelines (seed 000): basic setup",
        look_for: "Stage A sends all five letters before B processes any, because a put on a queue with room never yields. With one worker per stage the output keeps the input order: HELLO.",
        json: r#"{"version":1,"seed":0,"items":{"text":"HELLO"},"stages":[
            {"name":"A","workers":1},
            {"name":"B","workers":1},
            {"name":"C","workers":1}]}"#,
    },
    Preset {
        id: "hello-jitter",
        title: "hello with random delays",
        source: "Python asyncio pipelines (seed 000): waiting",
        look_for: "A sleeps about 0.1–0.6 s per letter and B about 1–1.5 s, so the stages now overlap in time. One worker per stage still keeps the order: HELLO.",
        json: r#"{"version":1,"seed":1,"items":{"text":"HELLO"},"stages":[
            {"name":"A","workers":1,"steps":[{"wait":{"uniform":{"min":100,"max":600}}}]},
            {"name":"B","workers":1,"steps":[{"wait":{"uniform":{"min":1000,"max":1500}}}]},
            {"name":"C","workers":1}]}"#,
    },
    Preset {
        id: "hello-workers",
        title: "hello with three B workers: HELOL",
        source: "Python asyncio pipelines (seed 000): stage-level concurrency",
        look_for: "Three B workers take letters in order but finish them after random delays, so C receives them out of order. This seed prints HELOL, like the article; the output strip shows the swapped L and O.",
        json: r#"{"version":1,"seed":3,"items":{"text":"HELLO"},"stages":[
            {"name":"A","workers":1},
            {"name":"B","workers":3,"steps":[{"wait":{"uniform":{"min":1000,"max":1500}}}]},
            {"name":"C","workers":1}]}"#,
    },
    Preset {
        id: "parallel-downloads",
        title: "A list call, then detail calls with B concurrency",
        source: "Python asyncio pipelines (seed 000): \"parallel\" downloads",
        look_for: "One list call (0.2 s), then 100 detail calls of 0.128 s each: time falls almost linearly with B's workers, 13.0 s → 6.6 → 3.4 → 1.9. Past 8 workers it flattens because the API serves at most 12 requests at once (the semaphore \"api\"): extra workers wait for a resource instead of downloading.",
        json: r#"{"version":1,"seed":0,"items":{"count":100},
            "resources":[{"name":"api","kind":"semaphore","permits":12}],
            "stages":[
            {"name":"list","workers":1,"steps":[{"wait":{"per_item":[200,0]}}]},
            {"name":"detail","workers":8,"steps":[{"acquire":"api"},{"wait":{"fixed":128}},{"release":"api"}]}]}"#,
    },
    Preset {
        id: "say-after-sequential",
        title: "say_after awaited in turn: 3 s",
        source: "Introduction to Python asyncio (seed 001): coroutines",
        look_for: "Awaiting say_after(1) and then say_after(2) runs them one after the other: 1 s + 2 s = 3 s. One task does both waits, so nothing overlaps.",
        json: r#"{"version":1,"seed":0,"items":{"count":2},"stages":[
            {"name":"main","workers":1,"steps":[{"wait":{"per_item":[1000,2000]}}]}]}"#,
    },
    Preset {
        id: "say-after-tasks",
        title: "say_after as two tasks: 2 s",
        source: "Introduction to Python asyncio (seed 001): tasks",
        look_for: "create_task runs both waits at once, so the program takes as long as the longer one: 2 s. Compare with say-after-sequential.",
        json: r#"{"version":1,"seed":0,"items":{"count":2},"stages":[
            {"name":"main","workers":2,"steps":[{"wait":{"per_item":[1000,2000]}}]}]}"#,
    },
    Preset {
        id: "producer-consumer",
        title: "Two producers, one consumer",
        source: "Introduction to Python asyncio (seed 001): producer–consumer",
        look_for: "Two producers make 8 items a second between them, one consumer handles 2: the queue grows and the consumer is the bottleneck. Raise the consumer's workers: time drops until 4 consumers match the producers, then stops improving.",
        json: r#"{"version":1,"seed":3,"items":{"count":40},"stages":[
            {"name":"produce","workers":2,"steps":[{"wait":{"uniform":{"min":0,"max":500}}}]},
            {"name":"consume","workers":1,"steps":[{"wait":{"fixed":500}}]}]}"#,
    },
    Preset {
        id: "gather",
        title: "gather five 5 s waits: 5 s",
        source: "Make data pipelines scream (seed 002): the async way",
        look_for: "Five tasks each await a 5 s sleep; the waits overlap, so the job takes 5 s, not 25. Every task is awaiting I/O at the same time.",
        json: r#"{"version":1,"seed":0,"items":{"text":"12345"},"stages":[
            {"name":"main","workers":1},
            {"name":"myproc","workers":5,"steps":[{"wait":{"fixed":5000}}]}]}"#,
    },
    Preset {
        id: "sequential",
        title: "five 5 s waits in sequence: 25 s",
        source: "Make data pipelines scream (seed 002): the normal way",
        look_for: "One task does the five 5 s waits one after another: 25 s. Compare with gather, where five tasks overlap them.",
        json: r#"{"version":1,"seed":0,"items":{"text":"12345"},"stages":[
            {"name":"main","workers":1},
            {"name":"myproc","workers":1,"steps":[{"wait":{"fixed":5000}}]}]}"#,
    },
    Preset {
        id: "await-then-block",
        title: "await 2.5 s, then block 2.5 s",
        source: "Make data pipelines scream (seed 002): we control the async part",
        look_for: "All five tasks await together, then each blocking time.sleep holds the loop in turn: items finish at 5, 7.5, 10, 12.5 and 15 s. Each task adds to the shared sum before its block, so they read 1, 2, 3, 4, 5.",
        json: r#"{"version":1,"seed":0,"items":{"text":"12345"},"stages":[
            {"name":"main","workers":1},
            {"name":"myproc","workers":5,"steps":[
                {"wait":{"fixed":2500}},{"add":{"counter":"sum","amount":1}},
                {"block":{"fixed":2500}},{"read":"sum"}]}]}"#,
    },
    Preset {
        id: "block-then-await",
        title: "block 2.5 s, then await 2.5 s",
        source: "Make data pipelines scream (seed 002): order of calls matters",
        look_for: "Each blocking sleep delays the next task's start by 2.5 s, and the first four timers fall due while the loop is blocked: those tasks sit ready until 12.5 s. So the first task takes longest (12.5 s) and every task reads sum = 5.",
        json: r#"{"version":1,"seed":0,"items":{"text":"12345"},"stages":[
            {"name":"main","workers":1},
            {"name":"myproc","workers":5,"steps":[
                {"block":{"fixed":2500}},{"add":{"counter":"sum","amount":1}},
                {"wait":{"fixed":2500}},{"read":"sum"}]}]}"#,
    },
    Preset {
        id: "tile-downloads",
        title: "20 tile downloads with gather",
        source: "asyncio and friends (seed 003): GET 20 files",
        look_for: "Each download costs 3 ms of blocking work (building the request, parsing) and 174 ms of waiting on the network. Concurrently the waits overlap: 0.23 s instead of 3.5 s, about 15× faster (the article measured 3.545 s vs 0.233 s).",
        json: r#"{"version":1,"seed":0,"items":{"count":20},"stages":[
            {"name":"urls","workers":1},
            {"name":"get","workers":20,"steps":[{"block":{"fixed":3}},{"wait":{"fixed":174}}]}]}"#,
    },
    Preset {
        id: "semaphore-limit",
        title: "20 downloads through Semaphore(10)",
        source: "asyncio and friends (seed 003): limiting concurrency",
        look_for: "Twenty tasks start, but the semaphore lets only ten download at a time: the rest wait for a resource. The downloads go in two waves of ten, so the job takes two download times instead of one.",
        json: r#"{"version":1,"seed":0,"items":{"count":20},
            "resources":[{"name":"limit","kind":"semaphore","permits":10}],
            "stages":[
            {"name":"urls","workers":1},
            {"name":"download","workers":20,"steps":[{"acquire":"limit"},{"wait":{"fixed":174}},{"release":"limit"}]}]}"#,
    },
    Preset {
        id: "url-fetch",
        title: "1000 URLs with unbounded async",
        source: "Think twice before using asyncio (seed 004): the good scenario",
        look_for: "Response times are heavy-tailed (log-normal, median 32 ms, sigma 2): the mean is 0.24 s but the slowest of 1000 URLs takes about 20 s. Sequentially every slow URL is paid in turn (≈230 s); a pool of 10 shares the work but a worker stuck on a slow URL finishes late (≈36 s); one task per URL ends when the slowest answer arrives (≈24 s).",
        json: r#"{"version":1,"seed":23,"items":{"count":1000},"stages":[
            {"name":"urls","workers":1},
            {"name":"fetch","workers":1000,"steps":[{"block":{"fixed":2}},{"wait":{"lognormal":{"median":32,"sigma":2.0}}}]}]}"#,
    },
    Preset {
        id: "file-writes-lock",
        title: "1000 tiny file writes behind one lock",
        source: "Think twice before using asyncio (seed 004): the bad scenario",
        look_for: "Each write holds the lock for 20 µs of I/O, but every task resume costs the loop 50 µs: the lock serializes the writes and the loop overhead dominates. The async version is several times slower than the plain synchronous loop.",
        json: r#"{"version":1,"seed":0,"items":{"count":1000},"loop_overhead_us":50,
            "resources":[{"name":"file","kind":"lock"}],
            "stages":[
            {"name":"messages","workers":1},
            {"name":"write","workers":1000,"steps":[{"acquire":"file"},{"wait":{"fixed":0.02}},{"release":"file"}]}]}"#,
    },
    Preset {
        id: "file-writes-batched",
        title: "The same 1000 writes, batched per file",
        source: "Think twice before using asyncio (seed 004): collecting per file",
        look_for: "Messages are grouped into 10 files first and each file is written by one task in one call, so there is no lock and only a few resumes. It beats both the locked version and the synchronous loop.",
        json: r#"{"version":1,"seed":0,"items":{"count":10},"loop_overhead_us":50,
            "stages":[
            {"name":"files","workers":1},
            {"name":"write","workers":10,"steps":[{"wait":{"fixed":2}}]}]}"#,
    },
];
