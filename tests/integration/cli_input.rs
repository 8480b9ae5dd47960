//! The `interleave` binary on bad input: a closed pipe, terminal escape
//! codes, wrong types, a byte order mark, endless or huge files, hostile
//! names; and `interleave link`, whose links read back.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_interleave");

fn interleave(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(BIN)
        .args(args)
        .output()
        .expect("run interleave");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Writes `json` to a file of its own for this test.
fn file(name: &str, json: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("interleave-cli-input-{name}.json"));
    std::fs::write(&path, json).unwrap();
    path
}

/// A preset's JSON with `edit` applied.
fn preset_json(id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json: serde_json::Value =
        serde_json::from_str(interleave::presets::find(id).unwrap().json).unwrap();
    edit(&mut json);
    json.to_string()
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    // `interleave simulate --preset url-fetch --json | head -1`: the report
    // is far larger than a pipe holds, so the writer meets the closed pipe.
    let mut child = Command::new(BIN)
        .args(["simulate", "--preset", "url-fetch", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "{\n");
    // The reader is dropped here: the pipe closes with most of the report unread.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn escape_codes_in_items_are_escaped_in_the_output() {
    let hostile = "H\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}\u{9b}";
    let path = file(
        "escapes",
        &preset_json("hello-workers", |j| {
            j["items"] = serde_json::json!({"text": hostile})
        }),
    );
    let (code, out, _) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!out.contains(raw), "{raw:?} in {out}");
    }
    assert!(out.contains("\\u001b") && out.contains("\\u202e"), "{out}");
    // The JSON stays valid and reads back the same labels.
    let (code, out, _) = interleave(&["simulate", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0);
    assert!(!out.contains('\u{202e}') && !out.contains('\u{9b}'));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let labels: String = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, hostile);
}

#[test]
fn hostile_names_are_refused_and_errors_escaped() {
    let path = file(
        "bidi",
        &preset_json("hello-workers", |j| {
            j["stages"][1]["name"] = "B\u{202e}cod.exe".into()
        }),
    );
    let (code, _, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: stages[1].name: must not contain bidirectional overrides"),
        "{err}"
    );
    // Input echoed in an error is escaped too.
    let (code, _, err) = interleave(&["simulate", "--preset", "x\u{1b}[2Jy"]);
    assert_eq!(code, 2);
    assert!(
        !err.contains('\u{1b}') && err.contains("x\\u001b[2Jy"),
        "{err}"
    );
}

#[test]
fn input_errors_name_the_field_path() {
    let path = file(
        "types",
        &preset_json("gather", |j| j["stages"][1]["workers"] = "five".into()),
    );
    let (code, _, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "error: stages[1].workers: cannot be read: invalid type: string \"five\", expected u32"
        ),
        "{err}"
    );
    let path = file(
        "duration",
        &preset_json("gather", |j| {
            j["stages"][1]["steps"][0]["wait"] = serde_json::json!({"fixed": [1]})
        }),
    );
    let (_, _, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert!(
        err.starts_with("error: stages[1].steps[0].wait.fixed: cannot be read"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let json = interleave::presets::find("gather").unwrap().json;
    let path = file("bom", &format!("\u{feff}{json}"));
    let (code, out, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("makespan    5.000 s"), "{out}");
}

#[test]
fn endless_huge_and_binary_files_are_refused() {
    let (code, _, err) = interleave(&["simulate", "/dev/zero"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: /dev/zero: cannot be read: larger than 16 MiB, more than any scenario file\n"
    );
    let path = std::env::temp_dir().join("interleave-cli-input-binary.json");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x7b]).unwrap();
    let (code, _, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8 text"), "{err}");
    let (code, _, err) = interleave(&["simulate", "/nonexistent/scenario.json"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: /nonexistent/scenario.json: cannot be read"),
        "{err}"
    );
}

#[test]
fn bad_links_are_refused_naming_the_parameters() {
    let (code, _, err) = interleave(&["simulate", "--url", "?preset=hello-workers&preset=gather"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("link.preset: cannot be read: given twice: \"hello-workers\" and \"gather\""),
        "{err}"
    );
    let (code, _, err) = interleave(&["simulate", "--url", "?b_preset=gather"]);
    assert_eq!(code, 2);
    assert!(err.contains("side B given without side A"), "{err}");
}

#[test]
fn link_writes_links_that_read_back() {
    let (code, out, _) = interleave(&["link", "--preset", "gather"]);
    assert_eq!((code, out.as_str()), (0, "?preset=gather\n"));
    let (_, out, _) = interleave(&[
        "link",
        "--preset",
        "gather",
        "--seed",
        "4",
        "--base",
        "http://127.0.0.1:8080/",
    ]);
    assert_eq!(out, "http://127.0.0.1:8080/?preset=gather&seed=4\n");
    // A file at the caps: its link opens the same scenario.
    let path = file(
        "e-acute",
        &preset_json("hello-workers", |j| {
            j["items"] = serde_json::json!({"text": "é".repeat(10_000)})
        }),
    );
    let (code, link, err) = interleave(&["link", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(link.starts_with("?s=2.") && link.len() < 200, "{link}");
    let (_, from_file, _) = interleave(&["simulate", path.to_str().unwrap(), "--json"]);
    let (_, from_link, _) = interleave(&["simulate", "--url", link.trim_end(), "--json"]);
    assert_eq!(from_file, from_link);
    // An invalid scenario gets no link.
    let path = file(
        "invalid",
        &preset_json("gather", |j| j["stages"][1]["workers"] = 0.into()),
    );
    let (code, out, err) = interleave(&["link", path.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("stages[1].workers"), "{err}");
}

#[test]
fn a_long_sweep_shows_progress_and_flags_capped_points() {
    let path = file(
        "largest",
        &serde_json::to_string(&super::caps::largest()).unwrap(),
    );
    let (code, out, err) = interleave(&[
        "sweep",
        path.to_str().unwrap(),
        "--stage",
        "s1",
        "--workers",
        // Eight points of ~0.3 s each: the progress shows once a second has
        // passed (three points ended just under it on a quiet machine).
        "1,2,3,4,5,6,7,8",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("sweep: ") && err.contains(" of 8 points"),
        "{err}"
    );
    assert!(out.contains("capped"), "{out}");
}
