//! Properties over thousands of random valid scenarios.

use std::collections::HashMap;

use interleave::driver::simulate;
use interleave::engine::{Mode, Outcome};
use interleave::insight::blame::{blocking_blame, worst_blocks};
use interleave::link::{decode, encode};
use interleave::scenario::{
    RawDuration, RawItems, RawResource, RawScenario, RawStage, RawStep, ResourceKind,
};
use interleave::trace::{EventKind, TaskState};
use proptest::prelude::*;

fn duration() -> impl Strategy<Value = RawDuration> {
    prop_oneof![
        (0u32..50).prop_map(|ms| RawDuration::Fixed(f64::from(ms))),
        (0u32..20, 0u32..30).prop_map(|(a, b)| RawDuration::Uniform {
            min: f64::from(a),
            max: f64::from(a + b),
        }),
        (0u32..30).prop_map(|m| RawDuration::Exponential { mean: f64::from(m) }),
        (1u32..20, 0u32..15).prop_map(|(m, s)| RawDuration::Lognormal {
            median: f64::from(m),
            sigma: f64::from(s) / 10.0,
        }),
        prop::collection::vec(0u32..40, 1..4)
            .prop_map(|v| RawDuration::PerItem(v.into_iter().map(f64::from).collect())),
    ]
}

/// Steps without resources; resource sections are added separately.
fn simple_step() -> impl Strategy<Value = RawStep> {
    prop_oneof![
        3 => duration().prop_map(RawStep::Wait),
        2 => (0u32..10).prop_map(|ms| RawStep::Block(RawDuration::Fixed(f64::from(ms)))),
        1 => Just(RawStep::Yield),
        1 => (0..2usize, -2i64..3).prop_map(|(c, amount)| RawStep::Add { counter: format!("c{c}"), amount }),
        1 => (0..2usize).prop_map(|c| RawStep::Read(format!("c{c}"))),
        1 => (0..2usize, duration()).prop_map(|(c, wait)| RawStep::Increment { counter: format!("c{c}"), wait }),
    ]
}

/// A stage's steps: simple steps, sometimes wrapped in acquire/release of a resource.
fn steps(resources: usize) -> impl Strategy<Value = Vec<RawStep>> {
    (
        prop::collection::vec(simple_step(), 0..4),
        prop::option::of((0..resources.max(1), 0..4usize, 0..4usize)),
    )
        .prop_map(move |(mut steps, section)| {
            if let (Some((r, a, b)), true) = (section, resources > 0) {
                let start = a.min(steps.len());
                let end = (start + b).min(steps.len());
                steps.insert(end, RawStep::Release(format!("r{r}")));
                steps.insert(start, RawStep::Acquire(format!("r{r}")));
            }
            steps
        })
}

fn scenario() -> impl Strategy<Value = RawScenario> {
    (0..3usize, 1..4usize).prop_flat_map(|(resources, stages)| {
        (
            any::<u64>(),
            prop_oneof![
                (1u32..25).prop_map(RawItems::Count),
                "[a-z]{1,12}".prop_map(RawItems::Text)
            ],
            0u64..30,
            prop::collection::vec((prop::bool::ANY, 1u32..4), resources),
            prop::collection::vec(
                (
                    1u32..5,
                    0u32..4,
                    steps(resources),
                    prop::bool::weighted(0.3),
                ),
                stages,
            ),
        )
            .prop_map(|(seed, items, overhead, resources, stages)| RawScenario {
                version: 1,
                seed,
                items,
                loop_overhead_us: overhead,
                resources: resources
                    .into_iter()
                    .enumerate()
                    .map(|(i, (lock, permits))| RawResource {
                        name: format!("r{i}"),
                        kind: if lock {
                            ResourceKind::Lock
                        } else {
                            ResourceKind::Semaphore
                        },
                        permits: if lock { 1 } else { permits },
                    })
                    .collect(),
                stages: stages
                    .into_iter()
                    .enumerate()
                    .map(|(i, (workers, capacity, steps, ordered))| RawStage {
                        name: format!("s{i}"),
                        workers,
                        capacity: if i == 0 { 0 } else { capacity },
                        steps,
                        ordered,
                    })
                    .collect(),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn pipelines_keep_their_invariants(raw in scenario()) {
        let scenario = raw.validate().expect("generated scenarios are valid");
        for mode in [Mode::Async, Mode::Sync] {
            let run = simulate(&scenario, mode);
            let trace = &run.trace;
            prop_assert!(matches!(run.outcome, Outcome::Completed | Outcome::Deadlock(_)));
            if scenario.resources.is_empty() {
                prop_assert_eq!(&run.outcome, &Outcome::Completed);
            }

            // Every item reaches the end exactly once (when the run completed),
            // and passes each stage at most once.
            let mut done = vec![0u32; scenario.item_count()];
            let mut got: HashMap<(u32, u32), u32> = HashMap::new();
            for event in &trace.events {
                match event.kind {
                    EventKind::Done { item } => done[item as usize] += 1,
                    EventKind::Got { item, task } => {
                        *got.entry((item, trace.tasks[task as usize].stage)).or_default() += 1;
                    }
                    _ => {}
                }
            }
            prop_assert!(got.values().all(|&n| n == 1));
            if run.outcome == Outcome::Completed {
                prop_assert!(done.iter().all(|&n| n == 1), "{:?}", done);
            } else {
                prop_assert!(done.iter().all(|&n| n <= 1));
            }

            // Time never goes backwards: per task, and for everything the loop
            // records as it happens (a Ready state may be dated back to a deadline).
            let mut task_time = vec![0u64; trace.tasks.len()];
            let mut loop_time = 0;
            for event in &trace.events {
                if let EventKind::State { task, state, .. } = event.kind {
                    prop_assert!(event.time >= task_time[task as usize]);
                    task_time[task as usize] = event.time;
                    if state == TaskState::Ready {
                        continue;
                    }
                }
                prop_assert!(event.time >= loop_time);
                loop_time = event.time;
            }

            // At most one task holds the loop at any time.
            let mut holding: Vec<(u64, u64)> = Vec::new();
            let mut since: Vec<Option<u64>> = vec![None; trace.tasks.len()];
            for event in &trace.events {
                if let EventKind::State { task, state, .. } = event.kind {
                    let slot = &mut since[task as usize];
                    if let Some(start) = slot.take() {
                        holding.push((start, event.time));
                    }
                    if state.holds_loop() {
                        *slot = Some(event.time);
                    }
                }
            }
            holding.retain(|(start, end)| end > start);
            holding.sort_unstable();
            prop_assert!(holding.windows(2).all(|w| w[1].0 >= w[0].1), "{:?}", holding);

            // Queues never exceed their capacity; permits never exceed the limit.
            let mut held = vec![0u32; scenario.resources.len()];
            for event in &trace.events {
                match event.kind {
                    EventKind::Depth { queue, depth } => {
                        if let Some(cap) = scenario.stages[queue as usize + 1].capacity {
                            prop_assert!(depth <= cap);
                        }
                    }
                    EventKind::Acquired { resource, .. } => {
                        held[resource as usize] += 1;
                        prop_assert!(held[resource as usize] <= scenario.resources[resource as usize].permits);
                    }
                    EventKind::Released { resource, .. } => held[resource as usize] -= 1,
                    _ => {}
                }
            }

            // An ordered stage hands items on in the order it took them.
            for (index, stage) in scenario.stages.iter().enumerate() {
                if !stage.ordered {
                    continue;
                }
                let of_stage = |wanted: fn(&EventKind) -> Option<u32>| -> Vec<u32> {
                    trace
                        .events
                        .iter()
                        .filter_map(|e| {
                            let item = wanted(&e.kind)?;
                            let task = match e.kind {
                                EventKind::Got { task, .. } | EventKind::Put { task, .. } => task,
                                _ => return None,
                            };
                            (trace.tasks[task as usize].stage as usize == index).then_some(item)
                        })
                        .collect()
                };
                let entered = of_stage(|k| match k { EventKind::Got { item, .. } => Some(*item), _ => None });
                let left = of_stage(|k| match k { EventKind::Put { item, .. } => Some(*item), _ => None });
                prop_assert_eq!(&entered[..left.len()], &left[..]);
            }

            // Deterministic: the same scenario and seed give the same trace.
            let again = simulate(&scenario, mode);
            prop_assert_eq!(&again.trace, trace);
            prop_assert_eq!(&again.outcome, &run.outcome);
        }
    }

    #[test]
    fn links_round_trip(raw in scenario()) {
        prop_assert_eq!(decode(&encode(&raw)).unwrap(), raw);
    }

    #[test]
    fn arbitrary_link_text_never_panics(text in ".{0,200}") {
        let _ = interleave::link::from_link(&text);
        let _ = decode(&format!("1.{text}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The one-pass blame (timers woken late are recorded at their
    /// deadline, out of time order) against its quadratic definition.
    #[test]
    fn blame_equals_its_definition(raw in scenario()) {
        let scenario = raw.validate().expect("generated scenarios are valid");
        let run = simulate(&scenario, Mode::Async);
        let got: Vec<(u32, u64, u64, u32, u64)> = blocking_blame(&run.trace)
            .iter()
            .map(|b| (b.task, b.start, b.duration, b.delayed_tasks, b.delay))
            .collect();
        prop_assert_eq!(got, super::insight::naive_blame(&run.trace));
        let (top, all) = worst_blocks(&run.trace, 2);
        prop_assert_eq!(all, blocking_blame(&run.trace).len());
        prop_assert_eq!(top, blocking_blame(&run.trace).into_iter().take(2).collect::<Vec<_>>());
    }

    /// The chart's spans and the loop's holders, walked without a sort,
    /// against their definitions (sorted after).
    #[test]
    fn walked_spans_equal_their_definition(raw in scenario()) {
        let scenario = raw.validate().expect("generated scenarios are valid");
        let trace = simulate(&scenario, Mode::Async).trace;
        let walked = interleave::spans::walk_spans(&trace, trace.end());
        let spans = super::spans::naive_spans(&trace, trace.end());
        prop_assert_eq!(&walked.holders, &super::spans::naive_holders(&spans));
        prop_assert_eq!(walked.spans, spans);
    }
}
