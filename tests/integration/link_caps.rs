//! Every link the app writes, it reads: scenarios at every cap round-trip
//! through a link under `MAX_LINK_LEN`, alone and as both sides of a
//! comparison, including the worst case for compression.

use interleave::limits::*;
use interleave::link::{Side, encode, from_link_side, to_query_pair};
use interleave::scenario::{
    RawDuration, RawItems, RawResource, RawScenario, RawStage, RawStep, ResourceKind,
};

/// A small deterministic generator (xorshift64*), so the worst case is the
/// same on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A random 4-byte character (U+10000..=U+10FFFF): the most bytes and
    /// the least redundancy a character can have.
    fn wide_char(&mut self) -> char {
        char::from_u32(0x1_0000 + (self.next() % 0x10_0000) as u32).unwrap_or('\u{10000}')
    }

    fn name(&mut self) -> String {
        (0..MAX_NAME_LEN).map(|_| self.wide_char()).collect()
    }

    /// A random duration in range, all 64 bits of it used.
    fn ms(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * MAX_DURATION_MS
    }
}

/// The scenario with the longest link: every cap at its maximum, in data
/// that does not compress (random 4-byte characters, random durations).
fn worst_case(seed: u64) -> RawScenario {
    let mut noise = Noise(seed | 1);
    let resources: Vec<RawResource> = (0..MAX_RESOURCES)
        .map(|_| RawResource {
            name: noise.name(),
            kind: ResourceKind::Semaphore,
            permits: MAX_PERMITS,
        })
        .collect();
    let counters: Vec<String> = (0..MAX_COUNTERS).map(|_| noise.name()).collect();
    // Steps 4 and 6 of every 8 hold per-item values: a quarter of the steps.
    let per_step = MAX_PER_ITEM_VALUES / (MAX_STAGES * MAX_STEPS / 4);
    let stages = (0..MAX_STAGES)
        .map(|s| {
            let steps = (0..MAX_STEPS)
                .map(|i| match i % 8 {
                    0 => RawStep::Acquire(resources[s % MAX_RESOURCES].name.clone()),
                    1 => RawStep::Increment {
                        counter: counters[(s + i) % MAX_COUNTERS].clone(),
                        wait: RawDuration::Lognormal {
                            median: noise.ms(),
                            sigma: 4.0 * (noise.next() % 1000) as f64 / 1000.0,
                        },
                    },
                    2 => RawStep::Add {
                        counter: counters[i % MAX_COUNTERS].clone(),
                        amount: -MAX_COUNTER_STEP,
                    },
                    3 => RawStep::Release(resources[s % MAX_RESOURCES].name.clone()),
                    4 | 6 => RawStep::Wait(RawDuration::PerItem(
                        (0..per_step).map(|_| noise.ms()).collect(),
                    )),
                    5 => RawStep::Read(counters[(s * 3 + i) % MAX_COUNTERS].clone()),
                    _ => RawStep::Block(RawDuration::Uniform {
                        min: noise.ms() / 2.0,
                        max: MAX_DURATION_MS,
                    }),
                })
                .collect();
            RawStage {
                name: noise.name(),
                workers: (MAX_TASKS / MAX_STAGES) as u32,
                capacity: if s == 0 { 0 } else { MAX_CAPACITY },
                steps,
                ordered: s % 2 == 1,
            }
        })
        .collect();
    RawScenario {
        version: 1,
        seed: u64::MAX - seed,
        items: RawItems::Text((0..MAX_ITEMS).map(|_| noise.wide_char()).collect()),
        loop_overhead_us: MAX_LOOP_OVERHEAD_US,
        resources,
        stages,
    }
}

/// `raw` is valid, and its link (alone, and as both sides of a comparison
/// behind an address) reads back the same; returns the side's query length.
fn round_trips(raw: &RawScenario, what: &str) -> usize {
    raw.validate().unwrap_or_else(|e| panic!("{what}: {e}"));
    let bytes = postcard::to_allocvec(raw).unwrap().len();
    assert!(bytes <= MAX_SCENARIO_BYTES, "{what}: {bytes} bytes");
    let payload = encode(raw);
    assert!(
        payload.len() <= MAX_LINK_PAYLOAD,
        "{what}: {} > {MAX_LINK_PAYLOAD}",
        payload.len()
    );
    let link = format!(
        "https://example.org/interleave/?{}",
        to_query_pair(raw, None, Some((raw, None)))
    );
    assert!(link.len() <= MAX_LINK_LEN, "{what}: {}", link.len());
    for side in [Side::A, Side::B] {
        let back = from_link_side(&link, side).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(back.as_ref(), Some(raw), "{what}");
    }
    println!(
        "{what}: a side's query {} characters (format 1: {})",
        payload.len() + 2,
        4 + (bytes * 4).div_ceil(3)
    );
    payload.len() + 2
}

#[test]
fn the_worst_case_for_compression_round_trips() {
    let worst = worst_case(7);
    let len = round_trips(&worst, "the worst case");
    let bytes = postcard::to_allocvec(&worst).unwrap().len();
    println!(
        "worst case: {bytes} bytes of postcard (bound {MAX_SCENARIO_BYTES}), \
         a side's link {len} characters (bound {MAX_LINK_PAYLOAD}), link cap {MAX_LINK_LEN}"
    );
}

#[test]
fn links_at_every_cap_round_trip() {
    // The case: 10 000 × "é" (a 26 755-character link in format 1).
    let mut e_acute = super::raw("hello-workers");
    e_acute.items = RawItems::Text("é".repeat(MAX_ITEMS));
    assert!(round_trips(&e_acute, "10 000 × é") < 200);
    // 16 stages × 32 steps with max-length names.
    let mut long_names = worst_case(11);
    long_names.stages.iter_mut().enumerate().for_each(|(i, s)| {
        s.name = format!("{i:x<32}");
    });
    round_trips(&long_names, "16 stages × 32 steps, long names");
    // Every count at its cap, plain text items.
    let mut counts = worst_case(13);
    counts.items = RawItems::Count(MAX_ITEMS as u32);
    round_trips(&counts, "counts at the caps");
    // The largest run the caps allow (the 15 329-character pair).
    let largest = super::caps::largest();
    round_trips(&largest, "the largest run");
}

#[test]
fn per_item_values_are_capped_in_all_steps_together() {
    let mut raw = super::raw("gather");
    let values = RawDuration::PerItem(vec![1.0; MAX_PER_ITEM_VALUES]);
    raw.stages[1].steps = vec![RawStep::Wait(values.clone())];
    assert!(raw.validate().is_ok());
    raw.stages[1].steps.push(RawStep::Block(values));
    assert_eq!(
        raw.validate().unwrap_err().to_string(),
        "stages[1].steps[1].block.per_item: must be at most 10000 per-item values in all \
         steps together, got 20000"
    );
}
