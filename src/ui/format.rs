//! How numbers read on the page: times in seconds like the CLI's report
//! (`2.743 s`), short durations in ms or µs, counts with their noun.

use crate::time::Micros;

/// Milliseconds as the CLI shows them: seconds with three decimals.
pub fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// A duration or instant in µs, in the unit that reads best.
pub fn micros(us: Micros) -> String {
    if us >= 1_000_000 {
        format!("{:.3} s", us as f64 / 1e6)
    } else if us >= 1_000 {
        format!("{:.2} ms", us as f64 / 1e3)
    } else {
        format!("{us} µs")
    }
}

/// Real milliseconds, with a precision that suits timer lateness.
pub fn real_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// `1 inversion`, `3 inversions`.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A number for an input field: no trailing `.0` on whole numbers.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// Reads a number as typed (`1.5`, `-2`, `1e3`, and the in-between forms
/// `1.` and `.5`); `None` if it is not one.
///
/// Parsed by `serde_json`, which the app links anyway: `str::parse::<f64>`
/// would add core's float tables (~10 KB gzip) to the bundle.
pub fn parse_f64(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => body.split_at(at),
        None => (body, ""),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    // JSON wants no leading zeros, a digit before and after the point.
    let int = match int.trim_start_matches('0') {
        "" => "0",
        int => int,
    };
    let sign = if negative { "-" } else { "" };
    let json = if frac.is_empty() {
        format!("{sign}{int}{exponent}")
    } else {
        format!("{sign}{int}.{frac}{exponent}")
    };
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|v| v.is_finite())
}

/// Whether two input texts hold the same number (so a field being typed
/// in, like `1.` or `01`, is not rewritten under the cursor).
pub fn same_number(a: &str, b: &str) -> bool {
    matches!((parse_f64(a), parse_f64(b)), (Some(x), Some(y)) if x == y)
}
