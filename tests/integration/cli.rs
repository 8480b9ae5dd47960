//! The `interleave` binary: its commands, its JSON report, its errors.

use std::process::Command;

fn interleave(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_interleave"))
        .args(args)
        .output()
        .expect("run interleave");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn presets_lists_every_id() {
    let (code, out, _) = interleave(&["presets"]);
    assert_eq!(code, 0);
    for preset in interleave::presets::PRESETS {
        assert!(out.contains(preset.id), "{}", preset.id);
    }
}

#[test]
fn simulate_json_reports_await_then_block() {
    let (code, out, err) = interleave(&["simulate", "--preset", "await-then-block", "--json"]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let done: Vec<f64> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["done_ms"].as_f64().unwrap())
        .collect();
    assert_eq!(done, [5000.0, 7500.0, 10000.0, 12500.0, 15000.0]);
    assert_eq!(report["makespan_ms"], 15000.0);
    assert_eq!(report["output"][0], "1");
    assert_eq!(report["items"][2]["observed"]["sum"], 3);
    assert_eq!(report["items"][2]["stages"][1]["stage"], "myproc");
    assert_eq!(report["items"][2]["stages"][1]["got_ms"], 0.0);
    assert_eq!(report["scenario"]["version"], 1);
    assert_eq!(report["outcome"]["kind"], "completed");
    assert!(report["stats"]["speedup"].as_f64().unwrap() > 1.6);
}

#[test]
fn simulate_table_file_url_seed_and_sync() {
    let (code, out, _) = interleave(&["simulate", "--preset", "hello-workers"]);
    assert_eq!(code, 0);
    assert!(out.contains("output      HELOL"), "{out}");
    let (_, out, _) = interleave(&["simulate", "--url", "http://x/?preset=hello-workers&seed=3"]);
    assert!(out.contains("HELOL"), "{out}");
    let (_, out, _) = interleave(&["simulate", "--preset", "gather", "--sync"]);
    assert!(out.contains("makespan    25.000 s"), "{out}");
    let path = std::env::temp_dir().join("interleave-cli-test.json");
    std::fs::write(&path, interleave::presets::find("gather").unwrap().json).unwrap();
    let (code, out, _) = interleave(&["simulate", path.to_str().unwrap(), "--seed", "4"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("seed 4") && out.contains("makespan    5.000 s"),
        "{out}"
    );
}

#[test]
fn sweep_prints_the_articles_table() {
    let (code, out, _) = interleave(&[
        "sweep",
        "--preset",
        "parallel-downloads",
        "--stage",
        "detail",
        "--workers",
        "1,2,4,8,16",
    ]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 6, "{out}");
    assert!(
        rows[5].contains("16") && rows[5].contains("1.352 s"),
        "{out}"
    );
}

#[test]
fn bad_input_exits_non_zero_naming_the_field() {
    let (code, _, err) = interleave(&["simulate", "--preset", "nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--preset: cannot be read: no preset named \"nope\""),
        "{err}"
    );
    let path = std::env::temp_dir().join("interleave-cli-bad.json");
    std::fs::write(
        &path,
        r#"{"version":1,"items":{"count":3},"stages":[{"name":"a","workers":0}]}"#,
    )
    .unwrap();
    let (code, _, err) = interleave(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("stages[0].workers: must be 1..=1000, got 0"),
        "{err}"
    );
    let (code, _, err) = interleave(&[
        "sweep",
        "--preset",
        "gather",
        "--stage",
        "x",
        "--workers",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("sweep.stage"), "{err}");
    let (code, _, _) = interleave(&["simulate"]);
    assert_eq!(code, 2);
}

#[test]
fn explain_says_why() {
    let (code, out, _) = interleave(&["explain", "--preset", "await-then-block"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Blocking steps hold the loop 83% of the run"),
        "{out}"
    );
    assert!(
        out.contains("myproc·1 blocking 2.500 s at t=2.500 s: delayed 4 tasks by 10.000 s in all"),
        "{out}"
    );
    let (_, out, _) = interleave(&["explain", "--preset", "hello-workers"]);
    assert!(
        out.contains("B            H E L L O → H E L O L   (1 inversions)"),
        "{out}"
    );
}

#[test]
fn export_python_pipes_into_python3_with_the_pages_order() {
    let (code, program, err) = interleave(&["export", "python", "--preset", "hello-workers"]);
    assert_eq!(code, 0, "{err}");
    assert!(program.starts_with("#!/usr/bin/env python3"), "{program}");
    let mut python = Command::new("python3")
        .args(["-", "--scale", "0.05"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 on PATH");
    std::io::Write::write_all(&mut python.stdin.take().unwrap(), program.as_bytes()).unwrap();
    let output = python.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("output      HELOL"), "{out}");
    let path = std::env::temp_dir().join("interleave-export-test.py");
    let (code, out, _) = interleave(&[
        "export",
        "python",
        "--preset",
        "gather",
        "--sync",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!((code, out.as_str()), (0, ""));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("MODE = \"sync\""), "{written}");
    let (code, _, err) = interleave(&["export", "python", "--preset", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("--preset"), "{err}");
}
