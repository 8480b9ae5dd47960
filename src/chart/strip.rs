//! The output strip as few elements: labelled boxes when they are wide
//! enough to read, else one path per band of hues.
//!
//! ```text
//!  marks (Timeline::output_marks)
//!    wide (≥ MIN_LABELLED_WIDTH px) ──► one box + label each      H E L O L
//!    narrow                        ──► hue buckets, runs merged   ▇▇▇▇▇▇▇▇ (a rainbow
//!                                      one path per bucket         when in order)
//! ```

use super::OutputMark;
use super::paths::push_rect;
use crate::trace::ItemId;

/// Boxes at least this wide (px) are drawn one by one, with their label.
pub const MIN_LABELLED_WIDTH: f64 = 9.0;
/// Most boxes drawn one by one; past it the strip is drawn as hue bands.
pub const MAX_LABELLED_MARKS: usize = 400;
/// Hue buckets of a dense strip (10° each over the 0–280° range, plus one).
pub const HUE_BUCKETS: usize = 29;

/// Whether the marks are few and wide enough to draw one by one.
pub fn labelled(marks: &[OutputMark]) -> bool {
    marks.len() <= MAX_LABELLED_MARKS && marks.first().is_none_or(|m| m.width >= MIN_LABELLED_WIDTH)
}

/// A dense strip: `(hue, d)` per bucket of hues, consecutive marks of a
/// bucket merged into one rectangle. `top`/`height` place the strip.
pub fn hue_paths(marks: &[OutputMark], top: f64, height: f64) -> Vec<(f64, String)> {
    let bucket_width = 280.0 / (HUE_BUCKETS - 1) as f64;
    let bucket = |hue: f64| ((hue / bucket_width).round() as usize).min(HUE_BUCKETS - 1);
    let mut paths = vec![String::new(); HUE_BUCKETS];
    let mut run: Option<(usize, f64, f64)> = None;
    for mark in marks {
        let b = bucket(mark.hue);
        match &mut run {
            Some((current, _, right)) if *current == b => *right = mark.x + mark.width,
            _ => {
                if let Some((current, left, right)) = run.take() {
                    push_rect(&mut paths[current], left, top, right - left, height);
                }
                run = Some((b, mark.x, mark.x + mark.width));
            }
        }
    }
    if let Some((current, left, right)) = run {
        push_rect(&mut paths[current], left, top, right - left, height);
    }
    paths
        .into_iter()
        .enumerate()
        .filter(|(_, path)| !path.is_empty())
        .map(|(b, path)| (b as f64 * bucket_width, path))
        .collect()
}

/// The mark under `x`, if any (marks are contiguous, left to right).
pub fn mark_at(marks: &[OutputMark], x: f64) -> Option<&OutputMark> {
    let first = marks.first()?;
    if first.width <= 0.0 || x < first.x {
        return None;
    }
    let index = ((x - first.x) / first.width).floor() as usize;
    marks.get(index)
}

/// The output order as text, like the CLI's report: labels joined, or
/// separated by spaces when some label is longer than one character.
pub fn output_text(labels: &[String], output: &[ItemId]) -> String {
    let labels: Vec<&str> = output
        .iter()
        .filter_map(|&item| labels.get(item as usize).map(String::as_str))
        .collect();
    if labels.iter().all(|label| label.chars().count() == 1) {
        labels.concat()
    } else {
        labels.join(" ")
    }
}
