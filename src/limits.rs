//! Every cap that keeps a scenario finite and quick, in one place.
//!
//! Validation ([`crate::scenario`]) enforces the structural caps; the engine
//! enforces [`MAX_EVENTS`] while it runs. The README's "Limits" table mirrors
//! this file.

/// Most items a scenario may push through its pipeline.
pub const MAX_ITEMS: usize = 10_000;
/// Most stages in a pipeline (the source included).
pub const MAX_STAGES: usize = 16;
/// Most worker tasks serving one stage.
pub const MAX_WORKERS: u32 = 1_000;
/// Most worker tasks across all stages.
pub const MAX_TASKS: usize = 4_096;
/// Most steps a worker performs per item.
pub const MAX_STEPS: usize = 32;
/// Largest input-queue capacity (0 means unbounded).
pub const MAX_CAPACITY: u32 = 100_000;
/// Most named semaphores and locks.
pub const MAX_RESOURCES: usize = 16;
/// Most permits of one semaphore.
pub const MAX_PERMITS: u32 = 1_000;
/// Most named shared counters.
pub const MAX_COUNTERS: usize = 16;
/// Longest name of a stage, resource or counter, in characters.
pub const MAX_NAME_LEN: usize = 32;
/// Longest duration of one step, in milliseconds (one hour).
pub const MAX_DURATION_MS: f64 = 3_600_000.0;
/// Largest per-resume loop overhead, in microseconds.
pub const MAX_LOOP_OVERHEAD_US: u64 = 1_000_000;
/// Largest amount one counter step may add.
pub const MAX_COUNTER_STEP: i64 = 1_000_000;
/// Most trace events one run may record before it is stopped.
pub const MAX_EVENTS: usize = 5_000_000;
/// Longest shared link payload accepted, in characters.
pub const MAX_LINK_LEN: usize = 16_384;
/// Most points in one parameter sweep.
pub const MAX_SWEEP_POINTS: usize = 64;
