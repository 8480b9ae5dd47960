//! The canvas chart's frame: visible lanes only, one state per device
//! column, depth and output strip per column.

use interleave::chart::raster::{Run, column_runs, depth_runs, strip_runs};
use interleave::chart::{Row, Scale, Span, Timeline};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::trace::TaskState;

use super::{checked, raw};

fn span(state: TaskState, start: u64, end: u64) -> Span {
    Span {
        task: 0,
        state,
        start,
        end,
        item: None,
    }
}

fn run<T>(x0: i64, x1: i64, value: T) -> Run<T> {
    Run { x0, x1, value }
}

fn timeline(id: &str) -> Timeline {
    let scenario = checked(&raw(id));
    Timeline::new(&scenario, &simulate(&scenario, Mode::Async).trace, 0)
}

#[test]
fn wide_spans_become_runs_and_a_column_shows_what_covers_most_of_it() {
    use TaskState::*;
    // 1 µs per px from x = 10.
    let scale = Scale::new(0.0, 100.0, 10.0, 110.0);
    let spans = [
        span(Running, 0, 20),
        span(AwaitingIo, 20, 40),
        // 40.0–40.3 ready, 40.3–41 running: column 50 is running.
        span(Ready, 40, 41),
    ];
    assert_eq!(
        column_runs(&spans, &scale, 1.0),
        vec![
            run(10, 30, Running),
            run(30, 50, AwaitingIo),
            run(50, 51, Ready)
        ]
    );
    // Twice as many device columns at a ratio of 2.
    assert_eq!(
        column_runs(&spans[..1], &scale, 2.0),
        vec![run(20, 60, Running)]
    );
    // A sliver thinner than a pixel still gets its column; the column's
    // larger share wins.
    let scale = Scale::new(0.0, 1000.0, 0.0, 100.0); // 10 µs per px
    let spans = [
        span(Ready, 0, 3),
        span(Running, 3, 10),
        span(Blocked, 500, 501),
    ];
    assert_eq!(
        column_runs(&spans, &scale, 1.0),
        vec![run(0, 1, Running), run(50, 51, Blocked)]
    );
}

#[test]
fn a_lane_never_has_more_runs_than_columns() {
    // 100 000 alternating 1 µs spans on a 200 px plot.
    let spans: Vec<Span> = (0..100_000u64)
        .map(|i| {
            let state = if i % 2 == 0 {
                TaskState::Running
            } else {
                TaskState::Ready
            };
            span(state, i, i + 1)
        })
        .collect();
    let scale = Scale::new(0.0, 100_000.0, 0.0, 200.0);
    let runs = column_runs(&spans, &scale, 1.0);
    assert!(runs.len() <= 200, "{} runs", runs.len());
    assert!(runs.windows(2).all(|w| w[0].x1 <= w[1].x0));
    assert_eq!(runs.first().map(|r| r.x0), Some(0));
    assert_eq!(runs.last().map(|r| r.x1), Some(200));
}

#[test]
fn depth_runs_keep_the_deepest_per_column() {
    // Depth 3 for 0.2 px inside column 5, then 1 until 20, then 0.
    let scale = Scale::new(0.0, 100.0, 0.0, 100.0);
    let points = [(0, 0), (5, 3), (5, 2), (6, 1), (20, 0)];
    let runs = depth_runs(&points, 30, &scale, 1.0);
    assert_eq!(
        runs,
        vec![run(0, 5, 0), run(5, 6, 3), run(6, 20, 1), run(20, 30, 0)]
    );
}

#[test]
fn a_dense_output_strip_is_one_hue_per_column() {
    let timeline = timeline("url-fetch");
    let marks = timeline.output_marks(100.0, 300.0);
    assert!(marks.len() > 200);
    let runs = strip_runs(&marks, 1.0, 10.0);
    assert!(runs.len() <= 200, "{}", runs.len());
    assert_eq!(runs.first().map(|r| r.x0), Some(100));
    assert_eq!(runs.last().map(|r| r.x1), Some(300));
    assert!(
        runs.iter()
            .all(|r| r.value % 10.0 == 0.0 && r.value <= 280.0)
    );
}

#[test]
fn a_frame_draws_only_the_visible_lanes() {
    let timeline = timeline("url-fetch");
    let scale = Scale::new(0.0, timeline.end as f64, 124.0, 884.0);
    let all = timeline.frame(&scale, 1.0, 0.0, timeline.height);
    assert_eq!(all.lanes, 0..timeline.lanes.len());
    let tasks = timeline
        .lanes
        .iter()
        .filter(|l| matches!(l.row, Row::Task(_)))
        .count();
    // Every task lane and the loop lane.
    assert_eq!(all.spans.len(), tasks + 1);
    assert_eq!(
        all.drawn,
        all.spans.iter().map(|l| l.runs.len()).sum::<usize>()
    );
    assert!(all.drawn <= all.spans.len() * 760 + all.spans.len());
    // A 100 px window in the middle: only the lanes that reach into it.
    let (top, bottom) = (200.0, 300.0);
    let window = timeline.frame(&scale, 1.0, top, bottom);
    assert!(window.lanes.start > 0 && window.lanes.end < timeline.lanes.len());
    for lane in &timeline.lanes[window.lanes.clone()] {
        assert!(lane.y < bottom && lane.y + lane.height > top);
    }
    assert!(window.spans.iter().all(|l| window.lanes.contains(&l.lane)));
    assert!(window.drawn < all.drawn);
}

#[test]
fn blocked_bands_and_depths_come_with_the_frame() {
    let timeline = timeline("block-then-await");
    let scale = Scale::new(0.0, timeline.end as f64, 124.0, 884.0);
    let frame = timeline.frame(&scale, 1.0, 0.0, timeline.height);
    // Five blocking calls, one after another, merge where they touch.
    assert!(!frame.bands.is_empty() && frame.bands.len() <= 5);
    let blocked: i64 = frame.bands.iter().map(|r| r.x1 - r.x0).sum();
    assert!(blocked > 300, "{blocked} px blocked");
    let queues = timeline.frame(&timeline_scale(&timeline), 1.0, 0.0, timeline.height);
    assert_eq!(queues.depths.len(), timeline.depths.len());
}

fn timeline_scale(timeline: &Timeline) -> Scale {
    Scale::new(0.0, timeline.end as f64, 124.0, 884.0)
}

#[test]
fn spans_of_a_task_are_its_lane_in_time_order() {
    let timeline = timeline("url-fetch");
    let mut total = 0;
    for lane in &timeline.lanes {
        if let Row::Task(task) = lane.row {
            let spans = timeline.spans_of(task);
            assert!(spans.iter().all(|s| s.task == task));
            assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
            total += spans.len();
        }
    }
    assert_eq!(total, timeline.spans.len());
}
