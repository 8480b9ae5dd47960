//! The spans layer as pixels: every pixel of a run is its state's tile
//! pixel at (x mod size, (y - the lane's top) mod size), as a canvas
//! pattern anchored at the lane's top paints it; everything else stays
//! transparent.

use interleave::chart::pixels::{LaneRows, Pixels, Tile};
use interleave::chart::raster::Run;
use interleave::chart::{Scale, Timeline};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::trace::TaskState;

use super::{checked, raw};

/// A tile whose every pixel is distinct: (state byte, x, y, 255).
fn tile(state: u8, size: usize) -> Tile {
    let mut rgba = Vec::new();
    for y in 0..size {
        for x in 0..size {
            rgba.extend([state, x as u8, y as u8, 255]);
        }
    }
    Tile { size, rgba }
}

fn tiles() -> Vec<(TaskState, Tile)> {
    // The ready tile is see-through in one pixel a row (a colour with alpha
    // is copied as it is, alpha and all).
    let mut ready = tile(4, 8);
    for y in 0..8 {
        ready.rgba[(y * 8 + 3) * 4 + 3] = 0;
    }
    vec![
        (TaskState::Running, tile(1, 1)),
        (TaskState::Blocked, tile(2, 6)),
        (TaskState::AwaitingIo, tile(3, 4)),
        (TaskState::Ready, ready),
    ]
}

/// The pixel a pattern fill of `state` paints at (x, y) of a lane whose
/// top row is `top`, by definition.
fn expected(tiles: &[(TaskState, Tile)], state: TaskState, x: usize, y: i64, top: i64) -> [u8; 4] {
    let Some((_, tile)) = tiles.iter().find(|(s, _)| *s == state) else {
        return [0; 4];
    };
    let row = (y - top).rem_euclid(tile.size as i64) as usize;
    let at = (row * tile.size + x % tile.size) * 4;
    tile.rgba[at..at + 4].try_into().unwrap()
}

/// The layer drawn pixel by pixel from its definition.
fn naive(
    tiles: &[(TaskState, Tile)],
    width: usize,
    height: usize,
    lanes: &[(i64, i64, Vec<Run<TaskState>>)],
) -> Vec<u8> {
    let mut rgba = vec![0; width * height * 4];
    for (y0, y1, runs) in lanes {
        for y in (*y0).max(0)..(*y1).min(height as i64) {
            for run in runs {
                for x in run.x0.max(0)..run.x1.min(width as i64) {
                    let at = (y as usize * width + x as usize) * 4;
                    let pixel = expected(tiles, run.value, x as usize, y, *y0);
                    rgba[at..at + 4].copy_from_slice(&pixel);
                }
            }
        }
    }
    rgba
}

fn paint(
    pixels: &mut Pixels,
    width: usize,
    height: usize,
    lanes: &[(i64, i64, Vec<Run<TaskState>>)],
) -> (Vec<u8>, Vec<TaskState>) {
    let rows = lanes.iter().map(|(y0, y1, runs)| LaneRows {
        y0: *y0,
        y1: *y1,
        runs,
    });
    let (rgba, states) = pixels.paint(width, height, rows);
    (rgba.to_vec(), states)
}

fn run(x0: i64, x1: i64, value: TaskState) -> Run<TaskState> {
    Run { x0, x1, value }
}

#[test]
fn a_run_paints_its_tile_anchored_at_its_lanes_top_and_nothing_else() {
    let lanes = vec![
        (
            3,
            9,
            vec![
                run(0, 5, TaskState::Running),
                run(5, 13, TaskState::Blocked),
                run(20, 31, TaskState::Ready),
            ],
        ),
        (9, 15, vec![run(2, 7, TaskState::AwaitingIo)]),
    ];
    let mut pixels = Pixels::new(tiles());
    let (rgba, states) = paint(&mut pixels, 32, 16, &lanes);
    assert_eq!(rgba, naive(&tiles(), 32, 16, &lanes));
    // Spot checks of the definition: (x mod 6, (y - 3) mod 6) of the
    // blocked tile in the lane from row 3.
    let at = |x: usize, y: usize| rgba[(y * 32 + x) * 4..(y * 32 + x) * 4 + 4].to_vec();
    assert_eq!(at(7, 8), vec![2, 1, 5, 255]);
    assert_eq!(at(13, 8), vec![0, 0, 0, 0]);
    assert_eq!(at(7, 2), vec![0, 0, 0, 0]);
    assert_eq!(
        states,
        vec![
            TaskState::Running,
            TaskState::Blocked,
            TaskState::AwaitingIo,
            TaskState::Ready
        ]
    );
}

#[test]
fn a_lane_looks_the_same_wherever_the_chart_is_scrolled() {
    let runs = vec![run(0, 9, TaskState::Ready), run(9, 20, TaskState::Blocked)];
    let lane_at = |top: i64| {
        let (rgba, _) = paint(
            &mut Pixels::new(tiles()),
            20,
            40,
            &[(top, top + 10, runs.clone())],
        );
        // The lane's rows that are in view, by their row within the lane.
        (0..10)
            .filter(|r| (0..40).contains(&(top + r)))
            .map(|r| {
                let y = (top + r) as usize;
                (r, rgba[y * 80..(y + 1) * 80].to_vec())
            })
            .collect::<Vec<_>>()
    };
    let whole = lane_at(12);
    for top in [13, 14, 17, 25, -3, 30] {
        for (r, row) in lane_at(top) {
            assert_eq!(row, whole[r as usize].1, "row {r} of the lane at {top}");
        }
    }
}

#[test]
fn runs_and_rows_past_the_layer_are_clipped_and_untiled_states_stay_clear() {
    let lanes = vec![
        (
            -4,
            3,
            vec![
                run(-10, 4, TaskState::Blocked),
                run(30, 99, TaskState::Ready),
            ],
        ),
        (
            14,
            40,
            vec![
                run(0, 32, TaskState::WaitingRoom),
                run(40, 50, TaskState::Running),
            ],
        ),
        (20, 30, vec![run(0, 32, TaskState::Running)]),
        (5, 5, vec![run(0, 32, TaskState::Running)]),
    ];
    let mut pixels = Pixels::new(tiles());
    let (rgba, states) = paint(&mut pixels, 32, 16, &lanes);
    assert_eq!(rgba, naive(&tiles(), 32, 16, &lanes));
    assert_eq!(states, vec![TaskState::Blocked, TaskState::Ready]);
}

#[test]
fn a_layer_reused_at_another_size_paints_as_a_new_one() {
    let lanes = vec![(
        0,
        7,
        vec![
            run(1, 9, TaskState::Blocked),
            run(9, 40, TaskState::AwaitingIo),
        ],
    )];
    let mut reused = Pixels::new(tiles());
    for (width, height) in [(12, 5), (40, 9), (7, 7), (40, 9), (0, 3)] {
        let (rgba, _) = paint(&mut reused, width, height, &lanes);
        assert_eq!(
            rgba,
            naive(&tiles(), width, height, &lanes),
            "{width}×{height}"
        );
        assert_eq!(
            rgba,
            paint(&mut Pixels::new(tiles()), width, height, &lanes).0
        );
    }
}

#[test]
fn a_preset_frame_paints_as_its_definition() {
    for id in ["url-fetch", "block-then-await", "file-writes-lock"] {
        let scenario = checked(&raw(id));
        let timeline = Timeline::new(&scenario, &simulate(&scenario, Mode::Async).trace, 0);
        for ratio in [1.0, 2.0] {
            let scale = Scale::new(0.0, timeline.end as f64, 90.0, 700.0);
            let frame = timeline.frame(&scale, ratio, 0.0, 400.0);
            let (width, height) = ((760.0 * ratio) as usize, (400.0 * ratio) as usize);
            let lanes: Vec<_> = frame
                .spans
                .iter()
                .map(|l| {
                    let lane = &timeline.lanes[l.lane];
                    (
                        (lane.y * ratio).round() as i64,
                        ((lane.y + lane.height) * ratio).round() as i64,
                        l.runs.clone(),
                    )
                })
                .collect();
            assert!(lanes.iter().any(|l| !l.2.is_empty()), "{id}");
            let (rgba, _) = paint(&mut Pixels::new(tiles()), width, height, &lanes);
            assert_eq!(
                rgba,
                naive(&tiles(), width, height, &lanes),
                "{id} at {ratio}"
            );
        }
    }
}
