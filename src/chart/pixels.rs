//! The spans layer as pixels: each state's pattern tile repeated over its
//! runs, written straight into an RGBA buffer that the canvas takes in one
//! `putImageData`.
//!
//! ```text
//!  tiles (one per state, RGBA, size × size)  ──► rows: each tile row repeated
//!                                                 across the layer's width (once per width)
//!  Frame's lane runs + each lane's device rows ──► per run and row: one copy of
//!                                                 the state's row [x0, x1) into the buffer
//! ```
//!
//! A run covers whole device columns and whole device rows, so a copy is
//! exactly what a pattern fill of its rectangle paints, with the pattern
//! anchored at the lane's top row (a lane looks the same wherever the
//! chart is scrolled; anchored at the canvas, its dots and stripes crawled
//! through it as it scrolled) and at the canvas's left column. Filling tens
//! of thousands of pattern rectangles as canvas paths made the browser's
//! software rasterizer spend ~11 ms a frame at 100k spans; copying rows
//! costs one memcpy per run and row.

use super::raster::Run;
use crate::trace::TaskState;

/// A state's pattern tile: `size` × `size` RGBA pixels, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// Side, device px.
    pub size: usize,
    /// `size * size * 4` bytes (non-premultiplied RGBA, as `getImageData`).
    pub rgba: Vec<u8>,
}

/// A lane's runs and the device rows `[y0, y1)` they fill.
pub struct LaneRows<'a> {
    /// First device row (above the layer when the lane is scrolled partly
    /// out of view): the tiles' first row is here.
    pub y0: i64,
    /// One past the last device row.
    pub y1: i64,
    /// Runs of states, left to right (device columns).
    pub runs: &'a [Run<TaskState>],
}

/// An RGBA buffer the spans are painted into, reused from frame to frame.
pub struct Pixels {
    tiles: Vec<(TaskState, Tile)>,
    /// Per tile: its rows, each repeated across `width` columns.
    rows: Vec<Vec<u8>>,
    width: usize,
    rgba: Vec<u8>,
}

impl Pixels {
    /// A layer that paints each state with its tile (states without a tile
    /// are left transparent).
    pub fn new(tiles: Vec<(TaskState, Tile)>) -> Self {
        Self {
            tiles,
            rows: Vec::new(),
            width: 0,
            rgba: Vec::new(),
        }
    }

    /// Paints `lanes` on a cleared `width` × `height` layer; the buffer
    /// (`width * height * 4` bytes) and the states that got a pixel, in
    /// tile order. Runs and rows outside the layer are clipped.
    pub fn paint<'a>(
        &mut self,
        width: usize,
        height: usize,
        lanes: impl IntoIterator<Item = LaneRows<'a>>,
    ) -> (&[u8], Vec<TaskState>) {
        if width != self.width || self.rows.is_empty() {
            self.rows = self
                .tiles
                .iter()
                .map(|(_, tile)| repeated_rows(tile, width))
                .collect();
        }
        self.width = width;
        self.rgba.clear();
        self.rgba.resize(width * height * 4, 0);
        let mut drawn = vec![false; self.tiles.len()];
        let clip = |v: i64, max: usize| v.clamp(0, max as i64) as usize;
        for lane in lanes {
            let (top, y0, y1) = (lane.y0, clip(lane.y0, height), clip(lane.y1, height));
            for run in lane.runs {
                let (x0, x1) = (clip(run.x0, width), clip(run.x1, width));
                let Some(t) = self.tiles.iter().position(|(s, _)| *s == run.value) else {
                    continue;
                };
                if x0 >= x1 || y0 >= y1 {
                    continue;
                }
                drawn[t] = true;
                let size = self.tiles[t].1.size.max(1);
                let pattern = &self.rows[t];
                for y in y0..y1 {
                    let row = (y as i64 - top).rem_euclid(size as i64) as usize;
                    let source = row * width * 4;
                    let target = (y * width) * 4;
                    self.rgba[target + x0 * 4..target + x1 * 4]
                        .copy_from_slice(&pattern[source + x0 * 4..source + x1 * 4]);
                }
            }
        }
        let states = self
            .tiles
            .iter()
            .zip(drawn)
            .filter(|(_, drawn)| *drawn)
            .map(|((state, _), _)| *state)
            .collect();
        (&self.rgba, states)
    }
}

/// `tile`'s rows, each repeated over `width` columns (`size` rows of
/// `width * 4` bytes; transparent where the tile is short of bytes).
fn repeated_rows(tile: &Tile, width: usize) -> Vec<u8> {
    let size = tile.size.max(1);
    let mut rows = vec![0; size * width * 4];
    for y in 0..size {
        for x in 0..width {
            let from = (y * size + x % size) * 4;
            if let Some(pixel) = tile.rgba.get(from..from + 4) {
                let to = (y * width + x) * 4;
                rows[to..to + 4].copy_from_slice(pixel);
            }
        }
    }
    rows
}
