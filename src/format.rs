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
/// Hand-written so the bundle carries neither `str::parse::<f64>`'s tables
/// nor a JSON parser. Up to 15 significant digits and a power of ten within
/// ±22 (every duration a person types), the result is correctly rounded: one
/// exact integer times or divided by one exact power of ten is a single
/// IEEE rounding. Longer or larger inputs may be off by an ulp, which no
/// validated field can notice.
pub fn parse_f64(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let mut power: i32 = match exponent {
        None => 0,
        Some(e) => {
            let (sign, e) = match e.as_bytes().first()? {
                b'-' => (-1, &e[1..]),
                b'+' => (1, &e[1..]),
                _ => (1, e),
            };
            if e.is_empty() || e.len() > 4 || !digits(e) {
                return None;
            }
            sign * e.bytes().fold(0i32, |n, b| n * 10 + i32::from(b - b'0'))
        }
    };
    let mut value: u64 = 0;
    let mut significant = 0;
    for b in int.bytes().chain(frac.bytes()) {
        if significant < 19 {
            value = value * 10 + u64::from(b - b'0');
            if value > 0 {
                significant += 1;
            }
        } else {
            power += 1;
        }
    }
    power -= frac.len() as i32;
    let magnitude = value as f64;
    let result = if power >= 0 {
        magnitude * 10f64.powi(power)
    } else if power >= -22 {
        magnitude / 10f64.powi(-power)
    } else {
        magnitude / 10f64.powi(22) / 10f64.powi(-power - 22)
    };
    let result = if negative { -result } else { result };
    result.is_finite().then_some(result)
}

/// Whether two input texts hold the same number (so a field being typed
/// in, like `1.` or `01`, is not rewritten under the cursor).
pub fn same_number(a: &str, b: &str) -> bool {
    matches!((parse_f64(a), parse_f64(b)), (Some(x), Some(y)) if x == y)
}

/// A count with its thousands apart: `10 000`, `5 000 000`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `text` for a message that echoes input: whole if short, else its first
/// `keep` characters, `…` and its length (`abc…(10 000 characters)`).
pub fn cut(text: &str, keep: usize) -> String {
    match text.char_indices().nth(keep) {
        None => text.to_string(),
        Some((end, _)) => format!(
            "{}…({} characters)",
            &text[..end],
            grouped(text.chars().count())
        ),
    }
}

/// A number as a tick label: no trailing zeros, at most three decimals.
pub fn number_label(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
