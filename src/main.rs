//! `interleave-web`: the browser app's entry point (built by Trunk for
//! `wasm32-unknown-unknown`). Deliberately thin: everything lives in
//! [`interleave::ui`], where it can be tested.
//!
//! Built natively (e.g. by `cargo test --bins`), it only explains where the
//! app is and exits with a failure status.

/// Installs the panic hook and mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
fn main() {
    interleave::ui::start();
}

/// Native stand-in: this binary is the browser app.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "interleave-web is the browser app: run `make serve` and open the URL it prints.\n\
         For the command-line tool, run `cargo run --bin interleave -- --help`."
    );
    std::process::ExitCode::FAILURE
}
