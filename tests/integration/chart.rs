//! Chart geometry: scales, ticks, viewport, lanes, spans, marks, hit tests.

use interleave::chart::layout::{AXIS_HEIGHT, task_height};
use interleave::chart::paths::visible_rects;
use interleave::chart::{
    Row, Scale, Timeline, Viewport, item_path, state_paths, strip, ticks, time_label,
};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::preview::{self, Preview, live_scale};
use interleave::trace::TaskState;

use super::{checked, raw};

fn timeline(id: &str) -> Timeline {
    let scenario = checked(&raw(id));
    let run = simulate(&scenario, Mode::Async);
    Timeline::new(&scenario, &run.trace, 0)
}

#[test]
fn scale_maps_both_ways() {
    let scale = Scale::new(1_000.0, 3_000.0, 100.0, 500.0);
    assert_eq!(scale.x(1_000.0), 100.0);
    assert_eq!(scale.x(2_000.0), 300.0);
    assert_eq!(scale.time_at(500.0), 3_000.0);
    let empty = Scale::new(5.0, 5.0, 0.0, 10.0);
    assert!(empty.x(5.0).is_finite());
}

#[test]
fn ticks_are_nice_and_labelled_in_the_seeds_units() {
    let labels = |s, e, n| -> Vec<String> { ticks(s, e, n).into_iter().map(|t| t.label).collect() };
    assert_eq!(labels(0.0, 15e6, 4), ["0 s", "5 s", "10 s", "15 s"]);
    assert_eq!(
        labels(0.0, 15e6, 8),
        ["0 s", "2 s", "4 s", "6 s", "8 s", "10 s", "12 s", "14 s"]
    );
    assert_eq!(
        labels(0.0, 1.352e6, 5),
        [
            "0.0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1.0 s", "1.2 s"
        ]
    );
    assert_eq!(
        labels(0.0, 20_000.0, 4),
        ["0 ms", "5 ms", "10 ms", "15 ms", "20 ms"]
    );
    assert_eq!(labels(0.0, 60.0, 3), ["0 µs", "20 µs", "40 µs", "60 µs"]);
    assert_eq!(labels(2.5e6, 2.6e6, 2), ["2500 ms", "2550 ms", "2600 ms"]);
    assert_eq!(time_label(2_500_000.0, 500_000.0), "2.5 s");
    assert_eq!(ticks(0.0, 0.0, 5).len(), 1);
}

#[test]
fn viewport_zooms_around_the_anchor_and_stays_inside_the_run() {
    let all = Viewport::all(10_000);
    assert_eq!(
        all,
        Viewport {
            start: 0.0,
            end: 10_000.0
        }
    );
    let zoomed = all.zoom(0.5, 5_000.0, 10_000);
    assert_eq!(
        zoomed,
        Viewport {
            start: 2_500.0,
            end: 7_500.0
        }
    );
    let edge = all.zoom(0.5, 0.0, 10_000);
    assert_eq!(
        edge,
        Viewport {
            start: 0.0,
            end: 5_000.0
        }
    );
    assert_eq!(
        zoomed.pan(10_000.0, 10_000),
        Viewport {
            start: 5_000.0,
            end: 10_000.0
        }
    );
    assert_eq!(
        zoomed.pan(-1e9, 10_000),
        Viewport {
            start: 0.0,
            end: 5_000.0
        }
    );
    assert_eq!(zoomed.zoom(10.0, 5_000.0, 10_000), all);
    assert_eq!(all.zoom(1e-9, 5_000.0, 10_000).width(), 10.0);
    assert_eq!(all.zoom(f64::NAN, 5_000.0, 10_000), all);
}

#[test]
fn lanes_group_tasks_by_stage_between_loop_and_output() {
    let timeline = timeline("hello-workers");
    let rows: Vec<Row> = timeline.lanes.iter().map(|l| l.row).collect();
    assert_eq!(
        rows,
        [
            Row::Loop,
            Row::Stage(0),
            Row::Task(0),
            Row::Queue(0),
            Row::Stage(1),
            Row::Task(1),
            Row::Task(2),
            Row::Task(3),
            Row::Queue(1),
            Row::Stage(2),
            Row::Task(4),
            Row::Output,
        ]
    );
    let labels: Vec<&str> = timeline.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels[4], "B (3 workers)");
    assert_eq!(labels[6], "B·2");
    assert_eq!(labels[8], "queue → C");
    assert_eq!(timeline.lanes[0].y, AXIS_HEIGHT);
    assert!(
        timeline
            .lanes
            .windows(2)
            .all(|w| w[1].y >= w[0].y + w[0].height)
    );
    assert_eq!(task_height(5), 14.0);
    assert_eq!(task_height(1000), 3.0);
}

#[test]
fn spans_of_block_then_await_show_the_ready_wait() {
    let timeline = timeline("block-then-await");
    // Task 1 is myproc worker 0: blocked 0–2.5 s, awaiting I/O 2.5–5 s,
    // then ready from its timer's deadline until the loop frees at 12.5 s.
    let task1: Vec<(TaskState, u64, u64)> = timeline
        .spans
        .iter()
        .filter(|s| s.task == 1)
        .map(|s| (s.state, s.start, s.end))
        .collect();
    assert_eq!(
        task1,
        [
            (TaskState::Blocked, 0, 2_500_000),
            (TaskState::AwaitingIo, 2_500_000, 5_000_000),
            (TaskState::Ready, 5_000_000, 12_500_000),
        ]
    );
    assert!(
        timeline
            .spans
            .iter()
            .filter(|s| s.task == 1)
            .all(|s| s.item == Some(0))
    );
    let scale = Scale::new(0.0, 15e6, 0.0, 1500.0);
    let bands = timeline.blocked_bands(&scale);
    assert_eq!(
        bands,
        [
            (0.0, 250.0),
            (250.0, 250.0),
            (500.0, 250.0),
            (750.0, 250.0),
            (1000.0, 250.0)
        ]
    );
    let hit = timeline
        .span_at(&scale, 800.0, timeline.lane(Row::Task(1)).unwrap().y + 1.0)
        .unwrap();
    assert_eq!(hit.state, TaskState::Ready);
    assert_eq!(timeline.span_at(&scale, 800.0, 0.0), None);
}

#[test]
fn rects_are_culled_to_the_viewport() {
    let timeline = timeline("await-then-block");
    let all = timeline.rects(&Scale::new(0.0, 15e6, 0.0, 600.0));
    let late = timeline.rects(&Scale::new(12.6e6, 15e6, 0.0, 600.0));
    assert!(late.len() < all.len());
    assert!(
        late.iter()
            .all(|r| r.x >= 0.0 && r.x + r.width <= 600.0 + 0.5)
    );
    let loop_lane: Vec<_> = all.iter().filter(|r| r.in_loop_lane).collect();
    assert_eq!(loop_lane.len(), 5);
    assert!(loop_lane.iter().all(|r| r.state == TaskState::Blocked));
}

#[test]
fn output_strip_shows_helol_with_hues_by_input_position() {
    let timeline = timeline("hello-workers");
    let marks = timeline.output_marks(0.0, 500.0);
    let text: String = marks.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(text, "HELOL");
    assert_eq!(timeline.inversions, 1);
    let hues: Vec<f64> = marks.iter().map(|m| m.hue).collect();
    assert_eq!(hues, [0.0, 70.0, 140.0, 280.0, 210.0]);
    assert_eq!(marks[4].x, 400.0);
}

#[test]
fn depth_paths_step_through_the_queue() {
    let timeline = timeline("hello-pipeline");
    let scale = Scale::new(0.0, 1.0, 0.0, 100.0);
    let paths = timeline.depth_paths(&scale);
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].2, 5, "A put all five letters before B took one");
}

#[test]
fn ten_thousand_spans_lay_out() {
    let mut scenario = raw("url-fetch");
    scenario.items = interleave::scenario::RawItems::Count(4_000);
    let scenario = checked(&scenario);
    let run = simulate(&scenario, Mode::Async);
    let timeline = Timeline::new(&scenario, &run.trace, 0);
    assert!(timeline.spans.len() >= 10_000, "{}", timeline.spans.len());
    let rects = timeline.rects(&Scale::new(0.0, timeline.end as f64, 0.0, 1000.0));
    assert!(rects.len() >= 10_000);
}

fn subpaths(d: &str) -> usize {
    d.matches('M').count()
}

#[test]
fn one_path_per_state_holds_every_visible_rect() {
    let timeline = timeline("block-then-await");
    let scale = Scale::new(0.0, timeline.end as f64, 120.0, 1120.0);
    let rects = timeline.rects(&scale);
    let paths = state_paths(&rects);
    assert_eq!(paths.skipped, 0, "wide spans are all drawn");
    assert_eq!(paths.drawn, rects.len());
    let total: usize = paths.paths.iter().map(|(_, d)| subpaths(d)).sum();
    assert_eq!(total, rects.len());
    let states: Vec<TaskState> = paths.paths.iter().map(|p| p.0).collect();
    assert!(states.contains(&TaskState::Blocked));
    assert!(states.contains(&TaskState::Ready));
    assert!(!states.contains(&TaskState::Done));
    let blocked = &paths
        .paths
        .iter()
        .find(|p| p.0 == TaskState::Blocked)
        .unwrap()
        .1;
    assert!(blocked.starts_with("M120.0 "), "{blocked}");
    assert!(
        blocked.contains("h166.67v"),
        "2.5 s of 15 s over 1000 px: {blocked}"
    );
}

#[test]
fn the_pixel_cap_bounds_a_dense_chart_by_its_width() {
    let mut scenario = raw("url-fetch");
    scenario.items = interleave::scenario::RawItems::Count(4_000);
    let scenario = checked(&scenario);
    let run = simulate(&scenario, Mode::Async);
    let timeline = Timeline::new(&scenario, &run.trace, 0);
    let scale = Scale::new(0.0, timeline.end as f64, 0.0, 1000.0);
    let rects = timeline.rects(&scale);
    let paths = state_paths(&rects);
    assert_eq!(paths.drawn + paths.skipped, rects.len());
    assert!(paths.skipped > 0, "sub-pixel spans are capped");
    // At most about two rects per pixel column in each lane.
    let lanes = timeline.lanes.len();
    assert!(paths.drawn <= lanes * 2 * 1000, "{} drawn", paths.drawn);
    // Zoomed in, nothing visible is lost: every lane keeps its first rect.
    let zoomed = Scale::new(0.0, 50_000.0, 0.0, 1000.0);
    let near = timeline.rects(&zoomed);
    let kept: Vec<_> = visible_rects(&near).collect();
    let lanes_with_rects = |rects: &mut dyn Iterator<Item = &interleave::chart::Rect>| {
        let mut ys: Vec<u64> = rects.map(|r| r.y.to_bits()).collect();
        ys.dedup();
        ys.len()
    };
    assert_eq!(
        lanes_with_rects(&mut kept.iter().copied()),
        lanes_with_rects(&mut near.iter())
    );
}

#[test]
fn the_highlight_path_follows_one_item_through_every_lane() {
    let timeline = timeline("await-then-block");
    let scale = Scale::new(0.0, timeline.end as f64, 0.0, 1000.0);
    let rects = timeline.rects(&scale);
    let of_item = |item| {
        rects
            .iter()
            .filter(|r| {
                let span = if r.in_loop_lane {
                    &timeline.holders[r.span]
                } else {
                    &timeline.spans[r.span]
                };
                span.item == Some(item)
            })
            .count()
    };
    // Item 0 awaits, then blocks: in its task's lane, and holding the loop.
    assert!(of_item(0) >= 3, "{}", of_item(0));
    let path = item_path(&timeline, &scale, 0);
    assert_eq!(subpaths(&path), of_item(0));
    assert!(path.contains(" 22.0h"), "the loop lane is outlined: {path}");
    assert_eq!(item_path(&timeline, &scale, 99), "");
}

#[test]
fn the_output_strip_labels_few_marks_and_bands_many() {
    let few = timeline("hello-workers");
    let marks = few.output_marks(100.0, 600.0);
    assert!(strip::labelled(&marks));
    assert_eq!(strip::output_text(&few.labels, &few.output), "HELOL");
    assert_eq!(
        strip::mark_at(&marks, 450.0).map(|m| m.label.as_str()),
        Some("O")
    );
    assert_eq!(strip::mark_at(&marks, 99.0), None);
    assert_eq!(strip::mark_at(&marks, 600.5), None);

    let many = timeline("url-fetch");
    let marks = many.output_marks(0.0, 800.0);
    assert!(!strip::labelled(&marks));
    let bands = strip::hue_paths(&marks, 10.0, 20.0);
    assert!(!bands.is_empty() && bands.len() <= strip::HUE_BUCKETS);
    let boxes: usize = bands.iter().map(|(_, d)| subpaths(d)).sum();
    assert!(boxes < marks.len(), "runs of one hue merge: {boxes} boxes");
    assert!(strip::output_text(&many.labels, &many.output).contains(' '));
}

#[test]
fn the_preview_says_what_the_cli_report_says_for_every_preset() {
    for preset in interleave::presets::PRESETS {
        let scenario = checked(&raw(preset.id));
        let preview = Preview::simulate(scenario);
        let report = super::report(preset.id);
        assert_eq!(preview.stats, report.stats, "{}", preset.id);
        assert_eq!(preview.output_text, report.output_text(), "{}", preset.id);
        assert_eq!(preview.outcome, report.outcome, "{}", preset.id);
    }
}

#[test]
fn live_scale_plays_a_run_in_a_few_seconds() {
    // hello-workers takes 2.7 s: played at 1 s → 1 s.
    assert_eq!(live_scale(2_743_000), 1.0);
    // sequential takes 25 s: 1 s → 100 ms, 2.5 s live.
    assert_eq!(live_scale(25_000_000), 0.1);
    // tile-downloads takes 0.23 s: 1 s → 10 s live.
    assert_eq!(live_scale(233_000), 10.0);
    assert_eq!(live_scale(0), 100.0);
    assert_eq!(preview::scale_label(0.1), "1 s → 100 ms live");
    assert_eq!(preview::scale_label(10.0), "1 s → 10 s live");
    assert_eq!(preview::scale_label(0.05), "1 s → 50 ms live");
}

#[test]
fn fixed_point_numbers_read_like_float_formatting() {
    use interleave::chart::paths::push_fixed;
    for (value, decimals, want) in [
        (120.0, 1, "120.0"),
        (166.666_6, 2, "166.67"),
        (-166.666_6, 2, "-166.67"),
        (0.5, 2, "0.50"),
        (0.04, 2, "0.04"),
        (3.05, 1, "3.1"),
        (0.0, 1, "0.0"),
        (1e20, 1, "100000000000000000000.0"),
    ] {
        let mut out = String::new();
        push_fixed(&mut out, value, decimals);
        assert_eq!(out, want, "{value} to {decimals}");
    }
}

#[test]
fn a_focused_span_is_outlined_in_its_lane_and_the_loop_lane() {
    // await-then-block: myproc·1 (task 1) blocks from 2.5 s to 5 s.
    let timeline = timeline("await-then-block");
    let scale = Scale::new(0.0, 15_000_000.0, 100.0, 1600.0);
    let path = timeline.focus_path(&scale, 1, 2_500_000, 5_000_000);
    assert_eq!(subpaths(&path), 2);
    let task_lane = timeline.lane(Row::Task(1)).unwrap();
    assert!(path.starts_with("M349.0 "), "{path}");
    assert!(
        path.contains(&format!(" {:.1}h", task_lane.y - 1.0)),
        "{path}"
    );
    assert!(
        path.contains(&format!(" {:.1}h", AXIS_HEIGHT - 1.0)),
        "{path}"
    );
    // Out of view: nothing.
    let later = Scale::new(6_000_000.0, 9_000_000.0, 100.0, 1600.0);
    assert_eq!(timeline.focus_path(&later, 1, 2_500_000, 5_000_000), "");
}

mod interaction {
    //! Zoom, pan and hit testing: the chart's interaction math, natively.

    use interleave::chart::geometry::{Geometry, plot_left, plot_right};
    use interleave::chart::interact::{PAN_STEP, drag, hover_at, key, wheel};
    use interleave::chart::{Scale, Viewport};
    use interleave::preview::Preview;

    use crate::{checked, raw};

    const TOTAL: u64 = 1_000_000;

    fn scale(viewport: Viewport) -> Scale {
        Scale::new(viewport.start, viewport.end, 100.0, 900.0)
    }

    #[test]
    fn wheel_zoom_keeps_the_time_under_the_pointer() {
        let all = Viewport::all(TOTAL);
        let s = scale(all);
        let under = s.time_at(300.0);
        let zoomed = wheel(all, &s, TOTAL, 300.0, 0.0, -200.0);
        assert!(zoomed.width() < all.width());
        let after = scale(zoomed).time_at(300.0);
        assert!((after - under).abs() < 1e-6, "{after} vs {under}");
    }

    #[test]
    fn sideways_wheel_and_drag_pan_without_zooming() {
        let half = Viewport {
            start: 250_000.0,
            end: 750_000.0,
        };
        let s = scale(half);
        let panned = wheel(half, &s, TOTAL, 300.0, 80.0, 0.0);
        assert_eq!(panned.width(), half.width());
        assert_eq!(panned.start, half.start + 80.0 / s.pixels_per_micro());
        // Dragging right by 160 px shows earlier times.
        let dragged = drag(half, &s, TOTAL, 160.0);
        assert_eq!(dragged.start, half.start - 100_000.0);
        // The window never leaves the run.
        let far = drag(half, &s, TOTAL, 1e9);
        assert_eq!(far.start, 0.0);
        assert_eq!(far.width(), half.width());
    }

    #[test]
    fn keys_zoom_pan_and_reset() {
        let all = Viewport::all(TOTAL);
        let zoomed = key(all, TOTAL, "+").flatten().expect("+ zooms");
        assert_eq!(zoomed.width(), all.width() / 2.0);
        assert_eq!((zoomed.start + zoomed.end) / 2.0, TOTAL as f64 / 2.0);
        let right = key(zoomed, TOTAL, "ArrowRight").flatten().expect("→ pans");
        assert_eq!(right.start, zoomed.start + zoomed.width() * PAN_STEP);
        assert_eq!(key(right, TOTAL, "0"), Some(None));
        assert_eq!(key(right, TOTAL, "x"), None);
    }

    #[test]
    fn hovering_a_span_names_its_task_item_and_state() {
        let preview = Preview::simulate(checked(&raw("hello-workers")));
        let width = 1000.0;
        let geometry = Geometry::new(
            &preview.timeline,
            Viewport::all(preview.timeline.end),
            width,
        );
        let marks = preview
            .timeline
            .output_marks(plot_left(width), plot_right(width));
        let rect = geometry
            .rects
            .iter()
            .find(|r| r.width > 4.0)
            .expect("a visible span");
        let hover = hover_at(
            &preview.timeline,
            &geometry.scale,
            &marks,
            rect.x + rect.width / 2.0,
            rect.y + rect.height / 2.0,
        )
        .expect("a span under the pointer");
        assert_eq!(hover.lines.len(), 4);
        assert!(hover.lines[3].starts_with("from "), "{:?}", hover.lines);
        // Left of the plot there is nothing to hover.
        assert_eq!(
            hover_at(
                &preview.timeline,
                &geometry.scale,
                &marks,
                1.0,
                rect.y + 1.0
            ),
            None
        );
    }
}

#[test]
fn every_state_is_explained_in_asyncio_terms() {
    use interleave::chart::legend::asyncio_meaning;
    use interleave::trace::TaskState;
    for state in TaskState::ALL {
        let text = asyncio_meaning(state);
        assert!(text.len() > 40 && text.ends_with('.'), "{state:?}: {text}");
    }
    assert!(asyncio_meaning(TaskState::Blocked).contains("time.sleep()"));
    assert!(asyncio_meaning(TaskState::WaitingItem).contains("queue.get()"));
}

#[test]
fn a_lane_label_is_cut_with_an_ellipsis_to_fit_the_label_column() {
    use interleave::chart::geometry::fit_label;
    // 6 px a character, as a monospace measure.
    let measure = |t: &str| t.chars().count() as f64 * 6.0;
    assert_eq!(fit_label("fetch·12", 60.0, measure), "fetch·12");
    assert_eq!(fit_label("queue → fetch", 60.0, measure), "queue → f…");
    // No space left before the ellipsis.
    assert_eq!(fit_label("queue → fetch", 54.0, measure), "queue →…");
    assert_eq!(fit_label("queue → fetch", 78.0, measure), "queue → fetch");
    assert_eq!(fit_label("queue → fetch", 77.0, measure), "queue → fet…");
    // Multi-byte characters are cut on their boundaries.
    assert_eq!(fit_label("ééééé", 18.0, measure), "éé…");
    assert_eq!(fit_label("abc", 6.0, measure), "");
    assert_eq!(fit_label("", 0.0, measure), "");
    // Whatever the width, the result fits, and is a start of the label.
    for max in 0..100 {
        let fitted = fit_label("stage name → next stage", f64::from(max), measure);
        assert!(measure(&fitted) <= f64::from(max), "{max}: {fitted}");
        let start = fitted.trim_end_matches('…');
        assert!("stage name → next stage".starts_with(start));
    }
}
