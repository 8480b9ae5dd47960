//! The built-in examples, one per seed article's program.
//!
//! Ids are public: they appear in links (`?preset=hello-workers`) and in the
//! CLI. Each preset reproduces its article's numbers in virtual time; the
//! integration tests (`tests/integration/presets.rs`) assert them, one test
//! per id. The scenarios live in `presets/ID.json` (times in milliseconds);
//! `build.rs` turns each into the compact binary the app decodes.

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
    /// The scenario as JSON: the readable source, in `presets/ID.json`.
    pub json: &'static str,
    /// The same scenario in `postcard` form, made from the JSON by `build.rs`,
    /// so the browser app decodes it without a JSON parser.
    pub binary: &'static [u8],
}

impl Preset {
    /// The scenario as data.
    pub fn raw(&self) -> Result<RawScenario, ScenarioError> {
        postcard::from_bytes(self.binary).map_err(|error| ScenarioError::Malformed {
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
        source: "Python asyncio pipelines (article 1): basic setup",
        look_for: "Stage A sends all five letters before B processes any, because a put on a queue with room never yields. With one worker per stage the output keeps the input order: HELLO.",
        json: include_str!("../presets/hello-pipeline.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/hello-pipeline.bin")),
    },
    Preset {
        id: "hello-jitter",
        title: "hello with random delays",
        source: "Python asyncio pipelines (article 1): waiting",
        look_for: "A sleeps about 0.1–0.6 s per letter and B about 1–1.5 s, so the stages now overlap in time. One worker per stage still keeps the order: HELLO.",
        json: include_str!("../presets/hello-jitter.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/hello-jitter.bin")),
    },
    Preset {
        id: "hello-workers",
        title: "hello with three B workers: HELOL",
        source: "Python asyncio pipelines (article 1): stage-level concurrency",
        look_for: "Three B workers take letters in order but finish them after random delays, so C receives them out of order. This seed prints HELOL, like the article; the output strip shows the swapped L and O.",
        json: include_str!("../presets/hello-workers.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/hello-workers.bin")),
    },
    Preset {
        id: "parallel-downloads",
        title: "A list call, then detail calls with B concurrency",
        source: "Python asyncio pipelines (article 1): \"parallel\" downloads",
        look_for: "One list call (0.2 s), then 100 detail calls of 0.128 s each: time falls almost linearly with B's workers, 13.0 s → 6.6 → 3.4 → 1.9 at 1, 2, 4 and 8 workers. Past 12 workers it stops improving because the API serves at most 12 requests at once (the semaphore \"api\"): extra workers wait for a resource instead of downloading.",
        json: include_str!("../presets/parallel-downloads.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/parallel-downloads.bin")),
    },
    Preset {
        id: "say-after-sequential",
        title: "say_after awaited in turn: 3 s",
        source: "Introduction to Python asyncio (article 2): coroutines",
        look_for: "Awaiting say_after(1) and then say_after(2) runs them one after the other: 1 s + 2 s = 3 s. One task does both waits, so nothing overlaps.",
        json: include_str!("../presets/say-after-sequential.json"),
        binary: include_bytes!(concat!(
            env!("OUT_DIR"),
            "/presets/say-after-sequential.bin"
        )),
    },
    Preset {
        id: "say-after-tasks",
        title: "say_after as two tasks: 2 s",
        source: "Introduction to Python asyncio (article 2): tasks",
        look_for: "create_task runs both waits at once, so the program takes as long as the longer one: 2 s. Compare with say-after-sequential.",
        json: include_str!("../presets/say-after-tasks.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/say-after-tasks.bin")),
    },
    Preset {
        id: "producer-consumer",
        title: "Two producers, one consumer",
        source: "Introduction to Python asyncio (article 2): producer–consumer",
        look_for: "Two producers make 8 items a second between them, one consumer handles 2: the queue grows and the consumer is the bottleneck. Raise the consumer's workers: time drops until 4 consumers match the producers, then stops improving.",
        json: include_str!("../presets/producer-consumer.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/producer-consumer.bin")),
    },
    Preset {
        id: "gather",
        title: "gather five 5 s waits: 5 s",
        source: "Make data pipelines scream (article 3): the async way",
        look_for: "Five tasks each await a 5 s sleep; the waits overlap, so the job takes 5 s, not 25. Every task is awaiting I/O at the same time.",
        json: include_str!("../presets/gather.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/gather.bin")),
    },
    Preset {
        id: "sequential",
        title: "five 5 s waits in sequence: 25 s",
        source: "Make data pipelines scream (article 3): the normal way",
        look_for: "One task does the five 5 s waits one after another: 25 s. Compare with gather, where five tasks overlap them.",
        json: include_str!("../presets/sequential.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/sequential.bin")),
    },
    Preset {
        id: "await-then-block",
        title: "await 2.5 s, then block 2.5 s",
        source: "Make data pipelines scream (article 3): we control the async part",
        look_for: "All five tasks await together, then each blocking time.sleep holds the loop in turn: items finish at 5, 7.5, 10, 12.5 and 15 s. Each task adds to the shared sum before its block, so they read 1, 2, 3, 4, 5.",
        json: include_str!("../presets/await-then-block.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/await-then-block.bin")),
    },
    Preset {
        id: "block-then-await",
        title: "block 2.5 s, then await 2.5 s",
        source: "Make data pipelines scream (article 3): order of calls matters",
        look_for: "Each blocking sleep delays the next task's start by 2.5 s, and the first four timers fall due while the loop is blocked: those tasks sit ready until 12.5 s. So the first task takes longest (12.5 s) and every task reads sum = 5.",
        json: include_str!("../presets/block-then-await.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/block-then-await.bin")),
    },
    Preset {
        id: "tile-downloads",
        title: "20 tile downloads with gather",
        source: "asyncio and friends (article 4): GET 20 files",
        look_for: "Each download costs 3 ms of blocking work (building the request, parsing) and 174 ms of waiting on the network. Concurrently the waits overlap: 0.23 s instead of 3.5 s, about 15× faster (the article measured 3.545 s vs 0.233 s).",
        json: include_str!("../presets/tile-downloads.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/tile-downloads.bin")),
    },
    Preset {
        id: "semaphore-limit",
        title: "20 downloads through Semaphore(10)",
        source: "asyncio and friends (article 4): limiting concurrency",
        look_for: "Twenty tasks start, but the semaphore lets only ten download at a time: the rest wait for a resource. The downloads go in two waves of ten, so the job takes two download times instead of one.",
        json: include_str!("../presets/semaphore-limit.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/semaphore-limit.bin")),
    },
    Preset {
        id: "url-fetch",
        title: "1000 URLs with unbounded async",
        source: "Think twice before using asyncio (article 5): the good scenario",
        look_for: "Response times are heavy-tailed (log-normal, median 32 ms, sigma 2): the mean is 0.24 s but the slowest of 1000 URLs takes about 20 s. Sequentially every slow URL is paid in turn (≈224 s); a pool of 10 shares the work but a worker stuck on a slow URL finishes late (≈39 s); one task per URL ends when the slowest answer arrives (≈24 s).",
        json: include_str!("../presets/url-fetch.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/url-fetch.bin")),
    },
    Preset {
        id: "file-writes-lock",
        title: "1000 tiny file writes behind one lock",
        source: "Think twice before using asyncio (article 5): the bad scenario",
        look_for: "Each write holds the lock for 20 µs of I/O, but every task resume costs the loop 50 µs: the lock serializes the writes and the loop overhead dominates. The async version is several times slower than the plain synchronous loop.",
        json: include_str!("../presets/file-writes-lock.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/file-writes-lock.bin")),
    },
    Preset {
        id: "file-writes-batched",
        title: "The same 1000 writes, batched per file",
        source: "Think twice before using asyncio (article 5): collecting per file",
        look_for: "Messages are grouped into 10 files first and each file is written by one task in one call, so there is no lock and only a few resumes. It beats both the locked version and the synchronous loop.",
        json: include_str!("../presets/file-writes-batched.json"),
        binary: include_bytes!(concat!(env!("OUT_DIR"), "/presets/file-writes-batched.bin")),
    },
];
