//! Time in the engine: integer microseconds, shown in milliseconds or seconds.

/// A point in time or a duration, in microseconds since the run started.
pub type Micros = u64;

/// Converts milliseconds (as users write them) to microseconds, rounding.
///
/// Negative and NaN values give 0; callers validate ranges first.
pub fn micros_from_ms(ms: f64) -> Micros {
    if ms.is_nan() || ms <= 0.0 {
        0
    } else {
        (ms * 1000.0).round() as Micros
    }
}

/// Converts microseconds to milliseconds for reports.
pub fn ms(us: Micros) -> f64 {
    us as f64 / 1000.0
}
