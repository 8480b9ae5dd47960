//! Native integration tests: one binary, a module per concern.
#![cfg(not(target_arch = "wasm32"))]

mod caps;
mod chart;
mod cli;
mod cli_input;
mod compare;
mod edit;
mod event_loop;
mod exports;
mod insight;
mod link;
mod link_caps;
mod link_fuzz;
mod live;
mod opening;
mod oracle;
mod pixels;
mod plot;
mod presets;
mod properties;
mod raster;
mod replay;
mod scenario;
mod slices;
mod spans;
mod stats;
mod sweep;
mod view;

use interleave::engine::Mode;
use interleave::presets::find;
use interleave::report::Report;
use interleave::scenario::{RawScenario, Scenario};

/// The raw scenario of a preset, which must exist and parse.
pub fn raw(id: &str) -> RawScenario {
    find(id)
        .unwrap_or_else(|| panic!("no preset {id}"))
        .raw()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A checked scenario from raw, which must be valid.
pub fn checked(raw: &RawScenario) -> Scenario {
    raw.validate().unwrap_or_else(|e| panic!("{e}"))
}

/// The async report of a preset.
pub fn report(id: &str) -> Report {
    Report::run(&checked(&raw(id)), Mode::Async)
}

/// The async report of a preset after `edit`.
pub fn report_with(id: &str, edit: impl FnOnce(&mut RawScenario)) -> Report {
    let mut scenario = raw(id);
    edit(&mut scenario);
    Report::run(&checked(&scenario), Mode::Async)
}

/// Item done times in ms, in input order.
pub fn done_ms(report: &Report) -> Vec<f64> {
    report
        .items
        .iter()
        .map(|i| i.done_ms.expect("item done"))
        .collect()
}

/// Asserts `got` is within `tolerance` (0.15 = 15%) of `want`.
pub fn assert_close(got: f64, want: f64, tolerance: f64, what: &str) {
    let error = (got / want - 1.0).abs();
    assert!(
        error <= tolerance,
        "{what}: got {got:.3}, want {want:.3} within {:.0}% (off by {:.1}%)",
        tolerance * 100.0,
        error * 100.0
    );
}
