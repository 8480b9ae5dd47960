//! Browser tests: one wasm binary, run in headless Chromium by
//! `wasm-bindgen-test-runner` (see `.cargo/config.toml`):
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser
//! ```
//!
//! A module per concern. Tests share one page, so each mounts what it needs
//! into its own container ([`support::Fixture`]) and removes it afterwards.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod insight;
mod live;
mod panic;
mod playground;
mod shell;
mod support;
