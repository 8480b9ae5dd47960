//! Every cap that keeps a scenario finite and quick, in one place.
//!
//! Validation ([`crate::scenario`]) enforces the structural caps; the engine
//! enforces [`MAX_EVENTS`] while it runs. The link caps are derived from the
//! scenario caps, so every valid scenario can be shared. The README's
//! "Limits" table mirrors this file.

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
/// Most per-item duration values in a scenario, all steps together.
pub const MAX_PER_ITEM_VALUES: usize = 10_000;
/// Most trace events one run may record: the trace stops there (24 bytes an
/// event: 120 MB at the cap).
pub const MAX_EVENTS: usize = 5_000_000;
/// Most points in one parameter sweep.
pub const MAX_SWEEP_POINTS: usize = 64;
/// Largest scenario file the command line reads, in bytes (16 MiB).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Largest binary (postcard) form of a valid scenario, in bytes: an upper
/// bound derived from the caps above (every name and the items text in
/// 4-byte characters, every step the longest kind, every per-item value).
pub const MAX_SCENARIO_BYTES: usize = {
    const VARINT32: usize = 5;
    const VARINT64: usize = 10;
    const NAME: usize = VARINT32 + 4 * MAX_NAME_LEN;
    // Tag, then the longest step: a counter name and a two-number law
    // (per-item lists are counted below).
    const STEP: usize = 1 + NAME + 1 + VARINT32 + 2 * 8;
    const STAGE: usize = NAME + 3 * VARINT32 + MAX_STEPS * STEP + 1;
    const RESOURCE: usize = NAME + 1 + VARINT32;
    let header = VARINT32 + VARINT64 + VARINT64;
    let items = 1 + VARINT32 + 4 * MAX_ITEMS;
    let resources = VARINT32 + MAX_RESOURCES * RESOURCE;
    let stages = VARINT32 + MAX_STAGES * STAGE;
    header + items + resources + stages + 8 * MAX_PER_ITEM_VALUES
};

/// Longest payload of one side of a link (`s=2.…`), in characters: the
/// largest valid scenario, deflated (which never grows data by more than a
/// few bytes a block; this allows 1 in 1 024 and 64 more), in base64url.
pub const MAX_LINK_PAYLOAD: usize = {
    let deflated = MAX_SCENARIO_BYTES + MAX_SCENARIO_BYTES / 1024 + 64;
    2 + (deflated * 4).div_ceil(3)
};

/// Longest link accepted, in characters: both sides of a comparison at
/// their longest, and 4 KiB for the address and the other parameters. Every
/// valid scenario, alone or compared, has a link under it (tested at the caps).
pub const MAX_LINK_LEN: usize = 2 * MAX_LINK_PAYLOAD + 4096;

/// Longest real busy-wait of one blocking step of a live run, ms.
pub const MAX_BLOCK_MS: f64 = 2_000.0;
/// Longest a live run plays, real ms (paused time does not count).
pub const MAX_RUN_MS: f64 = 60_000.0;
