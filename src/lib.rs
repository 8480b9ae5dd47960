//! Interleave: a playground for single-threaded async pipelines.
//!
//! ```text
//!  URL / editor ──► scenario (raw ⇒ checked) ──► engine (async Rust) ──► trace ──► stats, report
//!                                                   │
//!                                      runtime: the clock and the loop
//!                                   ┌──────────────┴──────────────┐
//!                              virtual time                  browser (wasm)
//! ```
//!
//! Everything except `ui` (wasm only) is pure Rust with no web dependency, so the core
//! is tested natively with `cargo test`.

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub mod bounds;
pub mod chart;
pub mod compare;
pub mod driver;
pub mod edit;
pub mod engine;
pub mod export;
pub mod format;
pub mod insight;
pub mod limits;
pub mod link;
pub mod live;
pub mod opening;
pub mod plot;
pub mod presets;
pub mod preview;
pub mod report;
pub mod runtime;
pub mod scenario;
pub mod spans;
pub mod stats;
pub mod sweep;
pub mod text;
pub mod time;
pub mod trace;
pub mod view;
