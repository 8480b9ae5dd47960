//! Explanations: blocking blame, the loop state for the scrubber, ordering
//! permutations, item lineage and the insight sentences.

use interleave::driver::simulate;
use interleave::engine::{Mode, Outcome, Run};
use interleave::insight::blame::{BlameJob, blocking_blame, worst_blocks};
use interleave::insight::lineage::{LegKind, lineage};
use interleave::insight::ordering::stage_orders;
use interleave::insight::scrub::{PendingTimer, Points, state_after};
use interleave::insight::sentences::{Topic, insights};
use interleave::insight::task_name;
use interleave::preview::Preview;
use interleave::report::Report;
use interleave::scenario::Scenario;
use interleave::stats::{item_records, makespan};
use interleave::trace::TaskState;

use super::{checked, raw};

fn run_preset(id: &str) -> (Scenario, Run) {
    let scenario = checked(&raw(id));
    let run = simulate(&scenario, Mode::Async);
    (scenario, run)
}

#[test]
fn blame_of_await_then_block_adds_up_to_the_ready_time() {
    let (scenario, run) = run_preset("await-then-block");
    let blames = blocking_blame(&run.trace);
    let total: u64 = blames.iter().map(|b| b.delay).sum();
    let report = Report::run(&scenario, Mode::Async);
    assert_eq!(total as f64 / 1000.0, report.stats.ready_ms);
    assert_eq!(total, 25_000_000);
    let worst = &blames[0];
    assert_eq!(task_name(&scenario, &run.trace, worst.task), "myproc·1");
    assert_eq!((worst.start, worst.duration), (2_500_000, 2_500_000));
    assert_eq!((worst.delayed_tasks, worst.delay), (4, 10_000_000));
    let delays: Vec<(u32, u64)> = blames.iter().map(|b| (b.delayed_tasks, b.delay)).collect();
    assert_eq!(
        delays,
        [
            (4, 10_000_000),
            (3, 7_500_000),
            (2, 5_000_000),
            (1, 2_500_000)
        ]
    );
}

#[test]
fn scrubbing_block_then_await_shows_the_loop_state() {
    let (scenario, run) = run_preset("block-then-await");
    let points = Points::new(&run.trace);
    let at = |seconds: f64| state_after(&scenario, &run.trace, points.at((seconds * 1e6) as u64));
    let timer = |task, deadline: f64| PendingTimer {
        task,
        deadline: Some((deadline * 1e6) as u64),
    };

    // At 6 s myproc·3 blocks; myproc·4 and ·5 wait in the ready queue since
    // they were spawned; myproc·1's timer is overdue: the loop cannot collect it.
    let state = at(6.0);
    assert_eq!(state.holder, Some((3, TaskState::Blocked)));
    assert_eq!(state.ready, [4, 5]);
    assert_eq!(state.timers, [timer(1, 5.0), timer(2, 7.5)]);
    // Items 4 and 5 still sit in the queue: their workers have not started.
    assert_eq!(state.queues, [vec![3, 4]]);
    assert_eq!(state.time, 5_000_000);

    let state = at(10.0);
    assert_eq!(state.holder, Some((5, TaskState::Blocked)));
    assert!(state.ready.is_empty());
    assert_eq!(
        state.timers,
        [timer(1, 5.0), timer(2, 7.5), timer(3, 10.0), timer(4, 12.5)]
    );

    let state = at(12.5);
    assert_eq!(state.holder, None);
    assert_eq!(state.timers, [timer(5, 15.0)]);
    let done = state
        .tasks
        .iter()
        .filter(|t| t.0 == TaskState::Done)
        .count();
    assert_eq!(done, 5, "the source and myproc·1–4 are done");

    // Before anything ran, every task is in the ready queue in spawn order.
    let start = state_after(&scenario, &run.trace, None);
    assert_eq!(start.holder, None);
    assert_eq!(start.queues, [Vec::<u32>::new()]);

    assert_eq!(points.next(0), Some(2_500_000));
    assert_eq!(points.next(2_500_000), Some(5_000_000));
    assert_eq!(points.previous(5_000_000), Some(2_500_000));
    assert_eq!(points.previous(0), None);
    assert_eq!(points.bounds(), (0, 15_000_000));
}

#[test]
fn scrubbing_shows_queue_contents_and_semaphore_waiters() {
    let (scenario, run) = run_preset("semaphore-limit");
    let points = Points::new(&run.trace);
    let state = state_after(&scenario, &run.trace, points.at(1_000));
    assert_eq!(state.resources[0].holders.len(), 10);
    assert_eq!(state.resources[0].waiters, (11..=20).collect::<Vec<u32>>());
    let (scenario, run) = run_preset("hello-pipeline");
    // Right after A put its five letters, before B took any.
    let puts_by_a = run
        .trace
        .events
        .iter()
        .rposition(|e| matches!(e.kind, interleave::trace::EventKind::Put { task: 0, .. }))
        .unwrap();
    let state = state_after(&scenario, &run.trace, Some(puts_by_a));
    assert_eq!(state.queues[0], [0, 1, 2, 3, 4]);
}

#[test]
fn ordering_shows_where_helol_is_born() {
    let (scenario, run) = run_preset("hello-workers");
    let orders = stage_orders(&scenario, &run.trace);
    let inversions: Vec<u64> = orders.iter().map(|o| o.inversions).collect();
    assert_eq!(inversions, [0, 1, 0]);
    assert_eq!(orders[1].entered, [0, 1, 2, 3, 4]);
    assert_eq!(orders[1].left, [0, 1, 2, 4, 3]);
    assert_eq!(orders[1].lines(), [(0, 0), (1, 1), (2, 2), (4, 3), (3, 4)]);
    assert_eq!(orders[2].entered, [0, 1, 2, 4, 3]);
}

#[test]
fn lineage_splits_latency_into_queued_and_served() {
    let (scenario, run) = run_preset("block-then-await");
    let (records, _) = item_records(&scenario, &run.trace);
    let first = lineage(&scenario, &records[0]);
    assert_eq!((first.queued, first.served), (0, 12_500_000));
    let last = lineage(&scenario, &records[4]);
    assert_eq!((last.queued, last.served), (10_000_000, 5_000_000));
    let kinds: Vec<LegKind> = last.legs.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [LegKind::Served(0), LegKind::Queued, LegKind::Served(4)]
    );
}

#[test]
fn insight_sentences_carry_their_numbers() {
    let topics = |id: &str| {
        let (scenario, run) = run_preset(id);
        let report = Report::run(&scenario, Mode::Async);
        insights(&scenario, &report, &run.trace)
    };
    let hello = topics("hello-workers");
    let order = hello.iter().find(|i| i.topic == Topic::Order).unwrap();
    assert_eq!(order.figure, "1 inversion");
    assert!(order.text.contains("stage B (3 workers"), "{}", order.text);

    let blocking = topics("await-then-block");
    let block = blocking
        .iter()
        .find(|i| i.topic == Topic::Blocking)
        .unwrap();
    assert_eq!(block.figure, "83%");
    assert!(
        block.text.contains(
            "The worst block, myproc·1 for 2.5 s at 2.5 s, kept 4 other tasks waiting 10 s in all."
        ),
        "{}",
        block.text
    );

    assert!(
        !hello.iter().any(|i| i.topic == Topic::QueueGrowth),
        "5 letters put at once"
    );
    assert!(
        !topics("url-fetch")
            .iter()
            .any(|i| i.topic == Topic::QueueGrowth)
    );

    let pc = topics("producer-consumer");
    let bottleneck = pc.iter().find(|i| i.topic == Topic::Bottleneck).unwrap();
    assert!(
        bottleneck
            .text
            .starts_with("Stage consume is the bottleneck"),
        "{}",
        bottleneck.text
    );
    assert!(pc.iter().any(|i| i.topic == Topic::QueueGrowth));
    let speedup = pc.iter().find(|i| i.topic == Topic::Speedup).unwrap();
    assert_eq!(speedup.figure, "×1.54");

    // The page's findings (from a preview, without a report) are the same.
    for preset in interleave::presets::PRESETS {
        let preview = interleave::preview::Preview::simulate(checked(&super::raw(preset.id)));
        assert_eq!(preview.insights(), topics(preset.id), "{}", preset.id);
    }

    let lock = topics("file-writes-lock");
    let slower = lock.iter().find(|i| i.topic == Topic::Speedup).unwrap();
    assert!(slower.text.contains("slower"), "{}", slower.text);
}

/// The definition of blame, spelled out: every blocking span against every
/// ready span of another task (quadratic; the library's is not).
pub fn naive_blame(trace: &interleave::trace::Trace) -> Vec<(u32, u64, u64, u32, u64)> {
    use interleave::spans::task_spans;
    let spans = task_spans(trace, trace.end());
    let mut blames: Vec<(u32, u64, u64, u32, u64)> = spans
        .iter()
        .filter(|s| s.state == TaskState::Blocked)
        .filter_map(|block| {
            let mut delay = 0;
            let mut tasks = Vec::new();
            for span in spans.iter().filter(|s| s.state == TaskState::Ready) {
                let overlap = span
                    .end
                    .min(block.end)
                    .saturating_sub(span.start.max(block.start));
                if overlap > 0 && span.task != block.task {
                    delay += overlap;
                    if !tasks.contains(&span.task) {
                        tasks.push(span.task);
                    }
                }
            }
            (delay > 0).then(|| {
                (
                    block.task,
                    block.start,
                    block.duration(),
                    tasks.len() as u32,
                    delay,
                )
            })
        })
        .collect();
    blames.sort_by(|a, b| b.4.cmp(&a.4).then(a.1.cmp(&b.1)));
    blames
}

#[test]
fn blame_equals_its_definition_for_every_preset() {
    for preset in interleave::presets::PRESETS {
        if preset.id == "url-fetch" {
            continue; // 1000 tasks: the quadratic definition is slow in debug builds
        }
        let (_, run) = run_preset(preset.id);
        let got: Vec<(u32, u64, u64, u32, u64)> = blocking_blame(&run.trace)
            .iter()
            .map(|b| (b.task, b.start, b.duration, b.delayed_tasks, b.delay))
            .collect();
        assert_eq!(got, naive_blame(&run.trace), "{}", preset.id);
    }
    // Many tasks ready at once while others block: url-fetch, smaller.
    let mut many = super::raw("url-fetch");
    many.items = interleave::scenario::RawItems::Count(150);
    let scenario = checked(&many);
    let run = simulate(&scenario, Mode::Async);
    let got: Vec<(u32, u64, u64, u32, u64)> = blocking_blame(&run.trace)
        .iter()
        .map(|b| (b.task, b.start, b.duration, b.delayed_tasks, b.delay))
        .collect();
    assert!(got.len() > 100);
    assert_eq!(got, naive_blame(&run.trace), "url-fetch, 150 items");
}

#[test]
fn the_page_words_blame_state_and_legs() {
    use interleave::insight::describe::{blame_line, legs, seconds, state_rows};
    assert_eq!(seconds(2500.0), "2.5 s");
    assert_eq!(seconds(128.0), "128 ms");
    assert_eq!(seconds(0.0), "0 s");

    let (scenario, run) = run_preset("await-then-block");
    let blames = blocking_blame(&run.trace);
    assert_eq!(
        blame_line(&scenario, &run.trace, &blames[0]),
        "myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s"
    );
    assert_eq!(
        blame_line(&scenario, &run.trace, &blames[3]),
        "myproc·4 blocking 2.5 s at t=10 s: delayed 1 task by 2.5 s"
    );

    // block-then-await at 6 s: myproc·3 blocks, ·4 and ·5 are ready, ·1's
    // timer (due at 5 s) is overdue, ·2's is not.
    let (scenario, run) = run_preset("block-then-await");
    let points = Points::new(&run.trace);
    let state = state_after(&scenario, &run.trace, points.at(6_000_000));
    let rows = state_rows(&scenario, &run.trace, &state, 6_000_000);
    let row = |key: &str| rows.iter().find(|r| r.key == key).unwrap();
    assert_eq!(
        row("running").text(),
        "myproc·3 (blocking: nothing else runs)"
    );
    assert_eq!(row("ready").text(), "[myproc·4, myproc·5]");
    assert_eq!(
        row("timers").text(),
        "[myproc·1 due 5 s (overdue), myproc·2 due 7.5 s]"
    );
    let flags: Vec<bool> = row("timers").entries.iter().map(|e| e.flagged).collect();
    assert_eq!(flags, [true, false]);
    assert_eq!(row("queue-0").label, "Queue → myproc");
    assert_eq!(row("queue-0").text(), "[4, 5]");
    let end = state_after(&scenario, &run.trace, points.at(15_000_000));
    let rows = state_rows(&scenario, &run.trace, &end, 15_000_000);
    assert_eq!(rows[0].text(), "nobody: every task is done");

    // A semaphore's holders and waiters; long lists are cut.
    let (scenario, run) = run_preset("semaphore-limit");
    let points = Points::new(&run.trace);
    let state = state_after(&scenario, &run.trace, points.at(1_000));
    let rows = state_rows(&scenario, &run.trace, &state, 1_000);
    let holders = rows.iter().find(|r| r.key == "holders-0").unwrap();
    assert_eq!(holders.entries.len(), 10);
    assert!(
        holders.label.contains("semaphore of 10"),
        "{}",
        holders.label
    );
    let waiters = rows.iter().find(|r| r.key == "waiters-0").unwrap();
    assert_eq!(waiters.entries.len(), 10);

    let (scenario, run) = run_preset("url-fetch");
    let state = state_after(&scenario, &run.trace, Some(0));
    let rows = state_rows(&scenario, &run.trace, &state, 0);
    let ready = rows.iter().find(|r| r.key == "ready").unwrap();
    assert!(ready.entries.len() <= interleave::insight::describe::MAX_ENTRIES + 1);

    // The last item of block-then-await waited 10 s in the queue.
    let (scenario, run) = run_preset("block-then-await");
    let (records, _) = item_records(&scenario, &run.trace);
    let lines = legs(&scenario, &lineage(&scenario, &records[4]));
    assert_eq!(
        lines,
        [
            (
                "served by main·1 (t=0 s…0 s)".to_string(),
                "0 s".to_string()
            ),
            (
                "queued → myproc (t=0 s…10 s)".to_string(),
                "10 s".to_string()
            ),
            (
                "served by myproc·5 (t=10 s…15 s)".to_string(),
                "5 s".to_string()
            ),
            (
                "waiting in queues and buffers / being served".to_string(),
                "10 s / 5 s".to_string()
            ),
        ]
    );
}

#[test]
fn blame_in_small_steps_is_blame_in_one_go() {
    use interleave::spans::walk_spans;
    for id in [
        "block-then-await",
        "url-fetch",
        "file-writes-lock",
        "tile-downloads",
    ] {
        let (_, run) = run_preset(id);
        let whole = worst_blocks(&run.trace, 5);
        let walked = walk_spans(&run.trace, run.trace.end());
        let (spans, holders) = (&walked.spans, &walked.holders);
        for work in [1, 7, 1000] {
            let mut job = BlameJob::new(5);
            let mut steps = 0;
            let stepped = loop {
                steps += 1;
                if let Some(worst) = job.step(spans, holders, work) {
                    break worst;
                }
            };
            assert_eq!(stepped, whole, "{id}, {work} a step");
            // Gathering is cut: at least one step per `work` spans.
            assert!(steps > spans.len() / work, "{id}, {work} a step");
            assert!(job.step(spans, holders, work).is_none(), "handed out once");
        }
    }
}

#[test]
fn a_run_cut_short_has_no_speedup_to_speak_of() {
    let scenario = checked(&raw("hello-workers"));
    let sync = makespan(&simulate(&scenario, Mode::Sync));
    let whole = simulate(&scenario, Mode::Async).trace;
    let speedup = |p: &Preview| p.insights().iter().any(|i| i.topic == Topic::Speedup);
    let complete = Preview::of_trace(
        scenario.clone(),
        whole.clone(),
        Outcome::Completed,
        sync,
        whole.end(),
    );
    assert!(!complete.partial());
    assert!(speedup(&complete), "a whole run says how much faster it is");
    // Stopped half-way: its time is the part that ran (×2.67 "faster than
    // the preview" with 4 of 5 items done was issue 11's complaint).
    let stop = whole.end() / 2;
    let mut cut = whole.clone();
    cut.events.retain(|e| e.time <= stop);
    let stopped = Preview::of_trace(scenario.clone(), cut, Outcome::Stopped, sync, stop);
    assert!(
        stopped.partial(),
        "{} of 5 items done",
        stopped.stats.items_done
    );
    assert!(!speedup(&stopped), "a stopped run has no speedup sentence");
    // Capped by the event cap before its items were done: the same.
    let capped = interleave::driver::simulate_with_cap(&scenario, Mode::Async, 40);
    assert_eq!(capped.outcome, Outcome::EventLimit);
    let capped = Preview::of_run(scenario, capped, sync, 0);
    assert!(
        capped.partial(),
        "{} of 5 items done",
        capped.stats.items_done
    );
    assert!(!speedup(&capped), "a capped run has no speedup sentence");
}
