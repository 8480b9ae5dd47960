//! Exports of a run: the Perfetto trace JSON, the timeline and sweep SVGs,
//! the items CSV; each read back and compared with what it was made from.

use std::collections::HashMap;
use std::process::Command;

use interleave::chart::{Timeline, Viewport};
use interleave::driver::simulate;
use interleave::engine::Mode;
use interleave::export::svg::escape;
use interleave::export::trace_event::{BLOCK_INSTANT, LOOP_TID, task_tid};
use interleave::export::{
    SvgOptions, SvgSide, items_csv, sweep_svg, timeline_svg, trace_event_json,
};
use interleave::insight::task_name;
use interleave::plot::sweep::Metric;
use interleave::presets::PRESETS;
use interleave::report::Report;
use interleave::scenario::{RawStage, Scenario};
use interleave::spans::task_spans;
use interleave::sweep::sweep_workers;
use interleave::trace::{TaskState, Trace};
use serde_json::Value;

use crate::{checked, raw};

fn run(id: &str) -> (Scenario, Trace) {
    let scenario = checked(&raw(id));
    let trace = simulate(&scenario, Mode::Async).trace;
    (scenario, trace)
}

fn parse_events(json: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(json).expect("trace JSON parses");
    doc["traceEvents"].as_array().expect("traceEvents").clone()
}

fn of_phase<'a>(events: &'a [Value], ph: &str) -> impl Iterator<Item = &'a Value> {
    events.iter().filter(move |e| e["ph"] == ph)
}

#[test]
fn trace_json_has_a_thread_per_task_and_a_slice_per_span_for_every_preset() {
    for preset in PRESETS {
        let (scenario, trace) = run(preset.id);
        let events = parse_events(&trace_event_json(&scenario, &trace));
        let names: HashMap<u64, String> = of_phase(&events, "M")
            .filter(|e| e["name"] == "thread_name")
            .map(|e| {
                (
                    e["tid"].as_u64().unwrap(),
                    e["args"]["name"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(names.len(), trace.tasks.len() + 1, "{}: threads", preset.id);
        assert_eq!(names[&u64::from(LOOP_TID)], "event loop");
        let spans = task_spans(&trace, trace.end());
        for (task, info) in trace.tasks.iter().enumerate() {
            let tid = u64::from(task_tid(task as u32));
            assert_eq!(names[&tid], task_name(&scenario, &trace, task as u32));
            let sort = of_phase(&events, "M")
                .find(|e| e["name"] == "thread_sort_index" && e["tid"] == tid)
                .map(|e| e["args"]["sort_index"].as_u64().unwrap());
            assert_eq!(
                sort,
                Some(u64::from(info.worker)),
                "{}: sort index",
                preset.id
            );
            let want: Vec<(u64, u64, &str)> = spans
                .iter()
                .filter(|s| s.task == task as u32)
                .map(|s| (s.start, s.duration(), s.state.label()))
                .collect();
            let got: Vec<(u64, u64, &str)> = of_phase(&events, "X")
                .filter(|e| e["tid"] == tid)
                .map(|e| {
                    (
                        e["ts"].as_u64().unwrap(),
                        e["dur"].as_u64().unwrap(),
                        e["name"].as_str().unwrap(),
                    )
                })
                .collect();
            assert_eq!(got, want, "{}: slices of task {task}", preset.id);
        }
        let holders = super::spans::naive_holders(&spans);
        let loop_slices = of_phase(&events, "X")
            .filter(|e| e["tid"] == LOOP_TID)
            .count();
        assert_eq!(loop_slices, holders.len(), "{}: loop slices", preset.id);
        let blocks = holders
            .iter()
            .filter(|h| h.state == TaskState::Blocked)
            .count();
        let instants = of_phase(&events, "i")
            .filter(|e| e["name"] == BLOCK_INSTANT)
            .count();
        assert_eq!(instants, blocks, "{}: loop-blocked instants", preset.id);
    }
}

#[test]
fn trace_json_has_queue_counters_and_a_flow_per_item() {
    let (scenario, trace) = run("hello-workers");
    let events = parse_events(&trace_event_json(&scenario, &trace));
    let counters: Vec<&Value> = of_phase(&events, "C").collect();
    assert!(
        counters
            .iter()
            .all(|c| c["name"] == "queue → B" || c["name"] == "queue → C")
    );
    let peak = counters
        .iter()
        .filter(|c| c["name"] == "queue → B")
        .map(|c| c["args"]["depth"].as_u64().unwrap())
        .max();
    assert_eq!(peak, Some(5), "all five letters wait for B at once");
    // Each item: taken and handed on by A at once (one point), taken and
    // handed on by a B worker, taken and handed on by C at once: s, t, t, f.
    for item in 1..=5u64 {
        let phases: Vec<&str> = events
            .iter()
            .filter(|e| e["cat"] == "item" && e["id"] == item)
            .map(|e| e["ph"].as_str().unwrap())
            .collect();
        assert_eq!(phases, ["s", "t", "t", "f"], "item {item}");
    }
    let block_instants = of_phase(&events, "i")
        .filter(|e| e["cat"] == "blocking")
        .count();
    assert_eq!(block_instants, 0, "hello-workers never blocks");
    let (scenario, trace) = run("block-then-await");
    let events = parse_events(&trace_event_json(&scenario, &trace));
    let blocked: Vec<f64> = of_phase(&events, "i")
        .filter(|e| e["name"] == BLOCK_INSTANT)
        .map(|e| e["args"]["blocked_ms"].as_f64().unwrap())
        .collect();
    assert_eq!(blocked, [2500.0; 5], "five 2.5 s blocks held the loop");
}

#[test]
fn trace_json_keeps_a_live_traces_timestamps_and_open_spans() {
    // A trace as a live run records it: real µs, and a task still waiting at the end.
    let (scenario, mut trace) = run("hello-workers");
    for event in &mut trace.events {
        event.time = event.time * 3 + 17;
    }
    trace.events.truncate(trace.events.len() / 2);
    let events = parse_events(&trace_event_json(&scenario, &trace));
    let spans = task_spans(&trace, trace.end());
    assert_eq!(
        of_phase(&events, "X")
            .filter(|e| e["tid"] != LOOP_TID)
            .count(),
        spans.len()
    );
    let last = of_phase(&events, "X")
        .map(|e| e["ts"].as_u64().unwrap() + e["dur"].as_u64().unwrap())
        .max();
    assert_eq!(
        last,
        Some(trace.end()),
        "open spans end at the trace's last event"
    );
}

#[test]
fn trace_json_stays_valid_with_hostile_names() {
    let mut scenario = raw("hello-workers");
    scenario.stages[1].name = "B\"</x>\\".into();
    let scenario = checked(&scenario);
    let trace = simulate(&scenario, Mode::Async).trace;
    let events = parse_events(&trace_event_json(&scenario, &trace));
    assert!(
        of_phase(&events, "M").any(|e| e["args"]["name"] == "B\"</x>\\·2"),
        "the name survives as data"
    );
}

/// A parsed SVG's elements named `tag` with attribute `key` = `value`.
fn count(doc: &roxmltree::Document<'_>, tag: &str, key: &str, value: &str) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute(key) == Some(value))
        .count()
}

fn svg_of(id: &str, options: &SvgOptions) -> (String, Timeline, usize) {
    let (scenario, trace) = run(id);
    let timeline = Timeline::new(&scenario, &trace, 0);
    let svg = timeline_svg(
        &[SvgSide {
            caption: id,
            timeline: &timeline,
        }],
        options,
    );
    (svg, timeline, trace.tasks.len())
}

#[test]
fn svg_parses_as_xml_with_a_lane_per_task_for_every_preset() {
    for preset in PRESETS {
        let (svg, timeline, tasks) = svg_of(preset.id, &SvgOptions::default());
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{}: not XML: {e}", preset.id));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(
            count(&doc, "rect", "data-row", "task"),
            tasks,
            "{}",
            preset.id
        );
        assert_eq!(count(&doc, "rect", "data-row", "loop"), 1, "{}", preset.id);
        let states: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("data-state"))
            .collect();
        for state in states {
            let fill = format!("url(#il-pat-{state})");
            assert_eq!(
                count(&doc, "path", "fill", &fill),
                1,
                "{}: {state}",
                preset.id
            );
            assert_eq!(count(&doc, "pattern", "id", &format!("il-pat-{state}")), 1);
        }
        let stages = count(&doc, "text", "class", "stage-label");
        assert_eq!(
            stages,
            raw(preset.id).stages.len(),
            "{}: stage labels",
            preset.id
        );
        assert!(count(&doc, "rect", "class", "output-mark") <= timeline.output.len());
        let legend: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("legend"))
            .collect();
        assert_eq!(legend.len(), 1, "{}: one legend", preset.id);
        assert_eq!(
            legend[0]
                .children()
                .filter(|n| n.has_tag_name("rect"))
                .count(),
            8,
            "seven states and the blocked shading"
        );
    }
}

#[test]
fn svg_shows_the_output_strip_and_the_visible_range() {
    let (svg, _, _) = svg_of("hello-workers", &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: String = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("output-strip"))
        .flat_map(|g| {
            g.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
        })
        .map(str::trim)
        .collect();
    assert_eq!(labels, "HELOL");
    let range = SvgOptions {
        width: 900.0,
        range: Some(Viewport {
            start: 500_000.0,
            end: 1_000_000.0,
        }),
    };
    let (svg, _, _) = svg_of("hello-workers", &range);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("900"));
    let ticks: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tick"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(ticks.first(), Some(&"0.5 s"), "{ticks:?}");
    assert_eq!(ticks.last(), Some(&"1.0 s"), "{ticks:?}");
}

#[test]
fn svg_stacks_both_sides_of_a_comparison() {
    let (a, ta) = run("await-then-block");
    let (b, tb) = run("block-then-await");
    let (la, lb) = (Timeline::new(&a, &ta, 0), Timeline::new(&b, &tb, 0));
    let svg = timeline_svg(
        &[
            SvgSide {
                caption: "A: await-then-block",
                timeline: &la,
            },
            SvgSide {
                caption: "B: block-then-await",
                timeline: &lb,
            },
        ],
        &SvgOptions::default(),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(count(&doc, "g", "class", "timeline"), 2);
    assert_eq!(count(&doc, "rect", "data-row", "loop"), 2);
    assert_eq!(
        count(&doc, "rect", "data-row", "task"),
        ta.tasks.len() + tb.tasks.len()
    );
    let captions: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("caption"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        captions[0].starts_with("A: await-then-block"),
        "{captions:?}"
    );
    assert!(
        captions[1].starts_with("B: block-then-await"),
        "{captions:?}"
    );
}

#[test]
fn svg_escapes_names_and_labels() {
    let mut scenario = raw("hello-workers");
    scenario.stages[1].name = "<b>&\"'".into();
    scenario.items = interleave::scenario::RawItems::Text("a<\u{1}&".into());
    let scenario = checked(&scenario);
    let trace = simulate(&scenario, Mode::Async).trace;
    let timeline = Timeline::new(&scenario, &trace, 0);
    let svg = timeline_svg(
        &[SvgSide {
            caption: "x</svg>",
            timeline: &timeline,
        }],
        &SvgOptions::default(),
    );
    let doc = roxmltree::Document::parse(&svg).expect("hostile text stays text");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"<b>&\"' (3 workers)"), "{texts:?}");
    assert!(
        texts.contains(&"\u{FFFD}"),
        "a control character becomes U+FFFD"
    );
    assert_eq!(escape("a\u{FFFE}<"), "a\u{FFFD}&lt;");
}

#[test]
fn sweep_svg_plots_every_point() {
    let raw = raw("parallel-downloads");
    let points = sweep_workers(&raw, "detail", &[1, 2, 4, 8, 16]).unwrap();
    let svg = sweep_svg(
        &points,
        Metric::Speedup,
        "workers of detail",
        (640.0, 280.0),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let values: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .filter_map(|n| n.attribute("data-value"))
        .collect();
    assert_eq!(values, ["1", "2", "4", "8", "16"]);
    assert_eq!(count(&doc, "path", "class", "bound"), 1);
    assert_eq!(count(&doc, "path", "class", "baseline"), 1);
    let empty = sweep_svg(&[], Metric::Makespan, "nothing", (f64::NAN, -1.0));
    roxmltree::Document::parse(&empty).expect("an empty sweep is still a document");
}

/// RFC 4180 fields of one CSV text (quoted fields, doubled quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => row.last_mut().unwrap().push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\n') => rows.push(vec![String::new()]),
            (false, c) => row.last_mut().unwrap().push(c),
        }
    }
    rows.pop_if(|r| r.len() == 1 && r[0].is_empty());
    rows
}

#[test]
fn csv_reads_back_as_the_reports_numbers() {
    for id in [
        "hello-workers",
        "producer-consumer",
        "url-fetch",
        "file-writes-lock",
    ] {
        let (scenario, trace) = run(id);
        let rows = parse_csv(&items_csv(&scenario, &trace));
        let report = Report::run(&scenario, Mode::Async);
        let header = &rows[0];
        assert_eq!(header.len(), 5 + 4 * scenario.stages.len(), "{id}");
        assert_eq!(rows.len(), report.items.len() + 1, "{id}");
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let ms = |cell: &str| (!cell.is_empty()).then(|| cell.parse::<f64>().unwrap());
        for (row, item) in rows[1..].iter().zip(&report.items) {
            assert_eq!(row[col("index")], item.index.to_string());
            assert_eq!(row[col("label")], item.label);
            assert_eq!(ms(&row[col("created_ms")]), item.created_ms);
            assert_eq!(ms(&row[col("done_ms")]), item.done_ms);
            let latency = item.created_ms.zip(item.done_ms).map(|(c, d)| d - c);
            let got = ms(&row[col("latency_ms")]);
            assert!(
                got.zip(latency).is_none_or(|(g, l)| (g - l).abs() < 1e-6),
                "{id}: latency {got:?} vs {latency:?}"
            );
            let mut entered = item.created_ms;
            for visit in &item.stages {
                let name = |column: &str| format!("{column} ({})", visit.stage);
                assert_eq!(row[col(&name("worker"))], visit.worker.to_string());
                assert_eq!(ms(&row[col(&name("enter_ms"))]), entered);
                assert_eq!(ms(&row[col(&name("start_ms"))]), Some(visit.got_ms));
                assert_eq!(ms(&row[col(&name("done_ms"))]), visit.put_ms);
                entered = visit.put_ms;
            }
        }
    }
}

#[test]
fn csv_quotes_names_and_labels_and_never_starts_a_cell_with_a_name() {
    let mut scenario = raw("hello-workers");
    scenario.stages[1] = RawStage {
        name: "=1+1,\"x\"".into(),
        ..scenario.stages[1].clone()
    };
    scenario.items = interleave::scenario::RawItems::Text(",\"\n".into());
    let scenario = checked(&scenario);
    let trace = simulate(&scenario, Mode::Async).trace;
    let text = items_csv(&scenario, &trace);
    let rows = parse_csv(&text);
    assert!(
        rows[0].contains(&"worker (=1+1,\"x\")".to_string()),
        "{:?}",
        rows[0]
    );
    let labels: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(labels, [",", "\"", "\n"]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}

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
fn cli_exports_trace_csv_svg_and_sweep_svg() {
    let (code, out, err) = interleave(&["export", "trace", "--preset", "hello-workers"]);
    assert_eq!(code, 0, "{err}");
    let (scenario, trace) = run("hello-workers");
    assert_eq!(out, trace_event_json(&scenario, &trace));
    let (code, out, err) =
        interleave(&["export", "csv", "--preset", "hello-workers", "--seed", "3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("index,label,created_ms,done_ms,latency_ms,worker (A)"));
    let (code, out, err) = interleave(&[
        "export",
        "svg",
        "--url",
        "?preset=await-then-block&b_preset=block-then-await",
        "--width",
        "800",
        "--from",
        "2500",
        "--to",
        "7500",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = roxmltree::Document::parse(&out).unwrap();
    assert_eq!(
        count(&doc, "g", "class", "timeline"),
        2,
        "both sides of the link"
    );
    let (code, out, err) = interleave(&[
        "export",
        "sweep-svg",
        "--preset",
        "parallel-downloads",
        "--stage",
        "detail",
        "--workers",
        "1,2,4",
        "--metric",
        "throughput",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = roxmltree::Document::parse(&out).unwrap();
    assert_eq!(count(&doc, "circle", "class", "point"), 3);
}

#[test]
fn cli_export_refuses_a_backwards_range_and_writes_files() {
    let (code, _, err) = interleave(&[
        "export", "svg", "--preset", "gather", "--from", "5", "--to", "1",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--from (5 ms) must be before --to (1 ms)"),
        "{err}"
    );
    let dir = std::env::temp_dir().join(format!("interleave-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gather.json");
    let path = file.to_str().unwrap();
    let (code, out, err) = interleave(&[
        "export", "trace", "--preset", "gather", "--sync", "-o", path,
    ]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    let sync = checked(&raw("gather"));
    let trace = simulate(&sync, Mode::Sync).trace;
    assert_eq!(text, trace_event_json(&sync, &trace));
    std::fs::remove_dir_all(&dir).unwrap();
}
