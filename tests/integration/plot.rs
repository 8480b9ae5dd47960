//! Sweep chart and ordering view geometry.

use interleave::insight::ordering::stage_orders;
use interleave::plot::ordering::order_lines;
use interleave::plot::sweep::{Metric, sweep_plot};
use interleave::plot::{nice_values, number_label};
use interleave::sweep::{Parameter, sweep};

use super::{checked, raw};

#[test]
fn nice_values_and_labels() {
    assert_eq!(
        nice_values(0.0, 16.0, 6),
        [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0]
    );
    assert_eq!(nice_values(1.0, 16.0, 3), [5.0, 10.0, 15.0]);
    assert_eq!(nice_values(3.0, 3.0, 5), [3.0]);
    assert_eq!(number_label(13.0), "13");
    assert_eq!(number_label(1.352), "1.352");
    assert_eq!(number_label(0.25), "0.25");
}

#[test]
fn the_sweep_chart_of_parallel_downloads() {
    let values: Vec<f64> = [1, 2, 4, 8, 16].into_iter().map(f64::from).collect();
    let points = sweep(
        &raw("parallel-downloads"),
        Parameter::Workers { stage: 1 },
        &values,
    )
    .unwrap();
    let plot = sweep_plot(&points, Metric::Makespan, 600.0, 300.0);
    let (left, top, right, bottom) = plot.area;
    assert_eq!((left, top, right, bottom), (48.0, 10.0, 588.0, 272.0));
    let xs: Vec<f64> = plot.measured.points.iter().map(|p| p.0).collect();
    assert_eq!(xs.first(), Some(&left));
    assert_eq!(xs.last(), Some(&right));
    // Time falls as workers grow: y (px, downwards) grows.
    assert!(plot.measured.points.windows(2).all(|w| w[1].1 > w[0].1));
    // The measured line never goes below the lower bound (larger y is lower time).
    let bound = &plot.references[0];
    assert_eq!(bound.name, "lower bound");
    assert!(
        plot.measured
            .points
            .iter()
            .zip(&bound.points)
            .all(|(m, b)| m.1 <= b.1 + 1e-9)
    );
    assert_eq!(plot.references[1].name, "synchronous baseline");
    assert!(plot.measured.path.starts_with("M48.0,"));
    assert_eq!(plot.nearest(580.0), Some(4));
    assert_eq!(plot.nearest(0.0), Some(0));
    let speedup = sweep_plot(&points, Metric::Speedup, 600.0, 300.0);
    assert_eq!(speedup.references[1].name, "no speedup");
    assert!(speedup.y_ticks.iter().any(|(_, label)| label == "10"));
    let empty = sweep_plot(&[], Metric::Throughput, 600.0, 300.0);
    assert!(empty.measured.points.is_empty());
}

#[test]
fn ordering_lines_cross_where_order_is_lost() {
    let scenario = checked(&raw("hello-workers"));
    let run = interleave::driver::simulate(&scenario, interleave::engine::Mode::Async);
    let orders = stage_orders(&scenario, &run.trace);
    let lines = order_lines(&orders[1], 5, 0.0, 500.0);
    let crossing: Vec<u32> = lines.iter().filter(|l| l.crosses).map(|l| l.item).collect();
    assert_eq!(crossing, [4, 3], "O overtook the second L");
    assert_eq!(lines[0].from_x, 50.0);
    assert_eq!((lines[3].from_x, lines[3].to_x), (450.0, 350.0));
    assert!(
        order_lines(&orders[0], 5, 0.0, 500.0)
            .iter()
            .all(|l| !l.crosses)
    );
}
