//! A column ruling the finder lost in a run of evenly spaced ones, put back.
//!
//! A repayment grid's twelve (or twenty-four) month columns are ruled at one pitch, every
//! ruling over the same rows. On a blurred 150-DPI copy one of them can fail the ruling
//! finder (a glyph or a watermark stroke touching it makes the stroke too wide over a short
//! stretch) while it is still plainly darker than the paper beside it. Without it two months
//! share a cell (`N N`, `0 0`, a header `3 4`) and the grid is not read at all. Where the
//! rulings of one extent step at one pitch and one step is twice that, and the pixels at its
//! middle are darker than the paper beside them along most of the extent, the ruling is put
//! back there. A table whose columns are merely uneven is left alone: the pixel test needs
//! a stroke, and a double-width column has paper (or text) at its middle.

use image::GrayImage;

use crate::content::{Orientation, Ruling};
use crate::raster;

/// Rulings count as one run when their ends agree within this (points).
const EXTENT_TOL_PT: f32 = 3.0;
/// At least this many steps of a run at the pitch (the double step not counted).
const MIN_STEPS: usize = 4;
/// A step is "at the pitch" within this share of it; the double step within twice that.
const PITCH_TOL: f32 = 0.04;
/// Least share of a run's steps, the double ones not counted, that lie at the pitch. A
/// repayment grid's run is its months (one step off: the year column); a table of uneven
/// columns can hold four that happen to match, and a wrapped address in a column twice that
/// width is dark enough down its middle to pass the pixel test (a low-income record's
/// `所在地` cut in two halves, each line's pieces then read in the wrong order).
const MIN_PITCH_SHARE: f32 = 0.75;
/// The lost ruling is looked for this far either side of the double step's middle (points).
const SEARCH_PT: f32 = 1.5;
/// Median depth (grey levels below the paper beside it) of a lost ruling along the extent.
const MIN_DEPTH: u8 = 25;
/// Distance (points) at which the paper beside a column is sampled.
const SIDE_PT: f32 = 2.0;

/// `rulings` with the lost column rulings of evenly spaced runs put back (see the module's
/// notes). `gray` is the page the rulings were found in, `px_per_pt` its scale.
pub fn with_lost_columns(gray: &GrayImage, mut rulings: Vec<Ruling>, px_per_pt: f32) -> Vec<Ruling> {
    let mut vs: Vec<Ruling> = rulings
        .iter()
        .filter(|r| r.orientation == Orientation::Vertical)
        .copied()
        .collect();
    vs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut added = Vec::new();
    let mut used = vec![false; vs.len()];
    for i in 0..vs.len() {
        if used[i] {
            continue;
        }
        let run: Vec<usize> = (i..vs.len())
            .filter(|&j| {
                (vs[j].start - vs[i].start).abs() <= EXTENT_TOL_PT && (vs[j].end - vs[i].end).abs() <= EXTENT_TOL_PT
            })
            .collect();
        for &j in &run {
            used[j] = true;
        }
        let xs: Vec<f32> = run.iter().map(|&j| vs[j].pos).collect();
        for x in lost_in_run(&xs) {
            let (start, end) = (vs[i].start, vs[i].end);
            // Found after all, with other ends (the run's rows cut at a merged cell).
            let overlap = |r: &Ruling| (r.end.min(end) - r.start.max(start)).max(0.0);
            if vs
                .iter()
                .any(|r| (r.pos - x).abs() <= 2.0 * SEARCH_PT && overlap(r) > 0.0)
            {
                continue;
            }
            if let Some(pos) = stroke_near(gray, x, start, end, px_per_pt) {
                added.push(Ruling {
                    orientation: Orientation::Vertical,
                    pos,
                    start,
                    end,
                    color: vs[i].color,
                });
            }
        }
    }
    rulings.extend(added);
    rulings
}

/// Middles of the double steps of a run of positions `xs` (sorted) that steps at one pitch.
fn lost_in_run(xs: &[f32]) -> Vec<f32> {
    if xs.len() < MIN_STEPS + 1 {
        return Vec::new();
    }
    let steps: Vec<f32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let mut sorted = steps.clone();
    sorted.sort_by(f32::total_cmp);
    let pitch = sorted[sorted.len() / 2];
    if pitch <= 0.0 {
        return Vec::new();
    }
    let at = |s: f32, k: f32| (s - k * pitch).abs() <= k * PITCH_TOL * pitch;
    let even = steps.iter().filter(|&&s| at(s, 1.0)).count();
    let single = steps.iter().filter(|&&s| !at(s, 2.0)).count();
    if even < MIN_STEPS || (even as f32) < MIN_PITCH_SHARE * single as f32 {
        return Vec::new();
    }
    steps
        .iter()
        .zip(xs)
        .filter(|&(&s, _)| at(s, 2.0))
        .map(|(&s, &x)| x + s / 2.0)
        .collect()
}

/// Where near `x` (points) the page has a vertical stroke over `start..end`: the column of
/// the greatest median depth within [`SEARCH_PT`], if at least [`MIN_DEPTH`].
fn stroke_near(gray: &GrayImage, x: f32, start: f32, end: f32, px_per_pt: f32) -> Option<f32> {
    let side = (SIDE_PT * px_per_pt).round().max(2.0) as u32;
    let rows = || (start * px_per_pt).round() as u32..(end * px_per_pt).round() as u32;
    let reach = (SEARCH_PT * px_per_pt).round() as i64;
    let centre = (x * px_per_pt).round() as i64;
    let depths: Vec<(i64, u8)> = (centre - reach..=centre + reach)
        .filter(|&c| c >= 0)
        .map(|c| (c, raster::column_depth(gray, c as u32, rows(), side)))
        .collect();
    let deepest = depths.iter().map(|&(_, d)| d).max().filter(|&d| d >= MIN_DEPTH)?;
    // The depth test looks ±1 px, so a stroke is as deep over three columns: take their middle.
    let at: Vec<i64> = depths.iter().filter(|&&(_, d)| d == deepest).map(|&(c, _)| c).collect();
    let mid = at.iter().sum::<i64>() as f32 / at.len() as f32;
    Some((mid + 0.5) / px_per_pt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn v(pos: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Vertical,
            pos,
            start: 20.0,
            end: 120.0,
            color: 0,
        }
    }

    /// A page (1 px per pt) with verticals every 30 pt from 20 to 200 drawn at level 150 on
    /// paper 250, and the rulings found at all but `missing`.
    fn grid(missing: f32, draw_missing: bool) -> (GrayImage, Vec<Ruling>) {
        let mut img = GrayImage::from_pixel(240, 140, Luma([250]));
        let mut found = Vec::new();
        for k in 0..7 {
            let x = 20.0 + 30.0 * k as f32;
            if x != missing || draw_missing {
                for y in 20..120 {
                    img.put_pixel(x as u32, y, Luma([150]));
                }
            }
            if x != missing {
                found.push(v(x + 0.5));
            }
        }
        (img, found)
    }

    #[test]
    fn a_lost_ruling_between_evenly_spaced_ones_is_put_back() {
        let (img, found) = grid(110.0, true);
        let out = with_lost_columns(&img, found, 1.0);
        assert_eq!(out.len(), 7, "{out:?}");
        assert!(out
            .iter()
            .any(|r| (r.pos - 110.5).abs() < 0.01 && r.start == 20.0 && r.end == 120.0));
    }

    #[test]
    fn a_double_width_column_without_a_stroke_stays() {
        let (img, found) = grid(110.0, false);
        assert_eq!(with_lost_columns(&img, found, 1.0).len(), 6);
    }

    #[test]
    fn uneven_columns_are_no_run() {
        assert!(lost_in_run(&[0.0, 30.0, 80.0, 100.0, 160.0, 170.0]).is_empty());
        assert_eq!(lost_in_run(&[0.0, 30.0, 60.0, 120.0, 150.0, 180.0]), vec![90.0]);
    }

    #[test]
    fn a_few_matching_steps_in_an_uneven_table_are_no_run() {
        // Steps 34, 56, 112, 101, 55, 56, 56, 61 (a public-record table): four at one pitch,
        // one twice it, but half the table is not at the pitch.
        let xs = [31.7, 65.5, 121.7, 233.6, 334.8, 390.2, 446.3, 502.8, 564.2];
        assert!(lost_in_run(&xs).is_empty());
        // A repayment grid: the year column, then twelve months with one ruling lost.
        let mut grid = vec![20.0, 70.0];
        grid.extend((1..13).filter(|&k| k != 6).map(|k| 70.0 + 30.0 * k as f32));
        assert_eq!(lost_in_run(&grid), vec![250.0]);
    }
}
