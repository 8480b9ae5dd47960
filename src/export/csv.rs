//! A run's items as CSV (RFC 4180), one row per item, for a spreadsheet or
//! a dataframe.
//!
//! ```text
//!  index,label,created_ms,done_ms,latency_ms,worker (A),enter_ms (A),start_ms (A),done_ms (A),worker (B),…
//!  0,H,0.000,1000.000,1000.000,0,0.000,0.000,0.000,0,0.000,0.000,1000.000,…
//! ```
//!
//! Per stage: the worker (0-based index within the stage, as in
//! `simulate --json`; the chart's `B·1` is worker 0), when the item entered
//! the stage's input (the previous stage handed it on; for the source, when
//! it was created), when the worker took it, and when it handed it on.
//! Times are milliseconds with three decimals (the trace's microseconds,
//! exactly); a time that never came is an empty cell. Latency is done minus
//! created.
//!
//! Header cells start with a fixed word and the stage name follows in
//! brackets, so a name never starts a cell (no spreadsheet formula from a
//! scenario); fields with a comma, quote or line break are quoted. Pure, so
//! the page downloads the very same text.

use crate::scenario::Scenario;
use crate::stats::item_records;
use crate::time::Micros;
use crate::trace::Trace;

/// The items of `trace` (a run of `scenario`) as CSV text, with a header
/// row; lines end with LF (RFC 4180 readers accept it, and a terminal shows it as is).
pub fn items_csv(scenario: &Scenario, trace: &Trace) -> String {
    let (records, _) = item_records(scenario, trace);
    let mut header: Vec<String> = ["index", "label", "created_ms", "done_ms", "latency_ms"]
        .map(String::from)
        .to_vec();
    for stage in &scenario.stages {
        for column in ["worker", "enter_ms", "start_ms", "done_ms"] {
            header.push(format!("{column} ({})", stage.name));
        }
    }
    let mut out = String::new();
    push_row(&mut out, header.iter().map(String::as_str));
    for (index, (record, label)) in records.iter().zip(&scenario.labels).enumerate() {
        let latency = record
            .created
            .zip(record.done)
            .map(|(created, done)| done.saturating_sub(created));
        let mut row = vec![
            index.to_string(),
            label.clone(),
            time(record.created),
            time(record.done),
            time(latency),
        ];
        let mut entered = record.created;
        for visit in &record.stages {
            match visit {
                Some(visit) => {
                    row.push(visit.worker.to_string());
                    row.push(time(entered));
                    row.push(time(Some(visit.got)));
                    row.push(time(visit.put));
                    entered = visit.put;
                }
                None => {
                    row.extend([String::new(), time(entered), String::new(), String::new()]);
                    entered = None;
                }
            }
        }
        push_row(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// Microseconds as milliseconds with three decimals (exact); empty if none.
fn time(us: Option<Micros>) -> String {
    us.map(|us| format!("{}.{:03}", us / 1000, us % 1000))
        .unwrap_or_default()
}

/// Appends one record, quoting the fields that need it, and LF.
fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push('\n');
}

/// A field, quoted (quotes doubled) if it holds a comma, quote, CR or LF,
/// or starts or ends with a space.
fn push_field(out: &mut String, field: &str) {
    let quote =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}
