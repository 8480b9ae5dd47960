//! Derived numbers: inversions, percentiles, utilization.

use interleave::stats::{Spread, inversions};

use super::report;

#[test]
fn inversions_count_out_of_order_pairs() {
    assert_eq!(inversions(&[]), 0);
    assert_eq!(inversions(&[0, 1, 2, 3]), 0);
    assert_eq!(inversions(&[3, 2, 1, 0]), 6);
    assert_eq!(inversions(&[0, 1, 2, 4, 3]), 1);
    let brute = |v: &[u32]| {
        let mut n = 0;
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                n += u64::from(v[i] > v[j]);
            }
        }
        n
    };
    let scrambled: Vec<u32> = (0..200u32).map(|i| (i * 73) % 200).collect();
    assert_eq!(inversions(&scrambled), brute(&scrambled));
}

#[test]
fn spread_uses_nearest_rank() {
    let spread = Spread::of((1..=100).map(|ms| ms * 1000).collect());
    assert_eq!(spread.p50_ms, 50.0);
    assert_eq!(spread.p95_ms, 95.0);
    assert_eq!(spread.max_ms, 100.0);
    assert_eq!(spread.mean_ms, 50.5);
    assert_eq!(Spread::of(vec![]), Spread::default());
}

#[test]
fn utilization_and_queues_of_await_then_block() {
    let report = report("await-then-block");
    let stats = &report.stats;
    // Items are held 5, 7.5, 10, 12.5 and 15 s of 5 × 15 s.
    assert_eq!(stats.stages[1].utilization, 50.0 / 75.0);
    assert_eq!(stats.queues[0].max_depth, 5);
    assert_eq!(stats.ready_ms, 25_000.0);
    assert_eq!(stats.latency.p50_ms, 10_000.0);
    assert_eq!(stats.throughput_per_s, 5.0 / 15.0);
}

/// Each stage's inversions in the report are those of its order view
/// (where items entered and left), for every preset.
#[test]
fn stage_inversions_are_those_of_the_stage_orders() {
    use interleave::driver::simulate;
    use interleave::engine::Mode;
    use interleave::insight::ordering::stage_orders;
    use interleave::stats::Stats;
    let mut lost = 0;
    for preset in interleave::presets::PRESETS {
        let scenario = super::checked(&super::raw(preset.id));
        let run = simulate(&scenario, Mode::Async);
        let stats = Stats::of(&scenario, &run, 0);
        let orders = stage_orders(&scenario, &run.trace);
        let got: Vec<u64> = stats.stages.iter().map(|s| s.inversions).collect();
        let want: Vec<u64> = orders.iter().map(|o| o.inversions).collect();
        assert_eq!(got, want, "{}", preset.id);
        lost += got.iter().filter(|&&n| n > 0).count();
    }
    assert!(lost >= 3, "stages that lose order: {lost}");
}
