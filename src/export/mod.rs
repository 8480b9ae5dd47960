//! Exports: a scenario written out for another tool.
//!
//! ```text
//!  Scenario ──python_program──► a standalone Python asyncio program (text)
//! ```
//!
//! Exports are pure functions from a checked scenario to text, so the CLI
//! writes them to a file and the page shows and downloads the very same
//! text in the browser.

pub mod python;

pub use python::{PythonOptions, python_program};
