//! Page orientation. Text lines and table rows are horizontal on an upright page, so ink
//! projected onto rows is far more uneven than ink projected onto columns; a page turned by
//! 90° shows the opposite. That settles 0/180 versus 90/270 without any model; the remaining
//! upside-down question is answered by the direction classifier voting over text crops.

use image::GrayImage;

use crate::raster;

/// Ink is sampled on cells of this many pixels a side before the profiles are taken: the
/// search below tries many angles, and the profiles only need to resolve text lines.
const CELL_PX: u32 = 2;

/// Angle step of the search, degrees: small enough that a text line stays within a cell or
/// two across the page at the best angle tried.
const STEP_DEG: f32 = 0.25;

/// Quarter turns needed to make the page's text lines horizontal: 0 or 1 (90° clockwise).
/// Upside-down is decided later by the classifier vote. Each direction is judged at its own
/// best angle up to `max_skew_deg`: a turned page scanned 2° askew smears its column profile
/// over a text line's height across the page, and an unsheared comparison then keeps it
/// lying on its side.
pub fn lines_are_vertical(ink: &GrayImage, max_skew_deg: f32) -> bool {
    let (w, h) = ink.dimensions();
    if w == 0 || h == 0 {
        return false;
    }
    let pts = raster::skew::ink_points(ink, CELL_PX);
    let (cw, ch) = (w / CELL_PX, h / CELL_PX);
    let across: Vec<(f32, f32)> = pts.iter().map(|&(x, y)| (y, x)).collect();
    let rows = best_profile_cv(&pts, cw, ch, max_skew_deg);
    let cols = best_profile_cv(&across, ch, cw, max_skew_deg);
    // Rulings make both profiles spiky; text rows dominate on report pages, and a clear
    // margin is required before turning a page.
    cols > 1.25 * rows
}

/// The largest coefficient of variation of the profile of `pts` (on a `w` × `h` grid) onto
/// the y axis after shearing by each angle up to `max_deg`. The coefficient, not the
/// variance, so the page's aspect ratio does not bias the comparison of directions.
fn best_profile_cv(pts: &[(f32, f32)], w: u32, h: u32, max_deg: f32) -> f64 {
    let steps = (max_deg.max(0.0) / STEP_DEG).round() as i32;
    (-steps..=steps)
        .map(|i| profile_cv(pts, w, h, i as f32 * STEP_DEG))
        .fold(0.0, f64::max)
}

fn profile_cv(pts: &[(f32, f32)], w: u32, h: u32, deg: f32) -> f64 {
    let t = deg.to_radians().tan();
    // Every position a sheared row of the grid can reach, so each angle sees the same page.
    let reach = (w as f32 * t.abs()).ceil() as i64;
    let offset = if t > 0.0 { reach } else { 0 };
    let mut bins = vec![0u32; (h as i64 + reach + 1) as usize];
    for &(x, y) in pts {
        let b = (y - x * t).round() as i64 + offset;
        if b >= 0 && (b as usize) < bins.len() {
            bins[b as usize] += 1;
        }
    }
    let n = bins.len() as f64;
    let mean = bins.iter().map(|&x| x as f64).sum::<f64>() / n;
    if mean == 0.0 {
        return 0.0;
    }
    (bins.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n).sqrt() / mean
}

/// Whether most of the classifier's verdicts say upside down. `votes` = per-crop
/// (upside_down, confidence). Needs a clear majority of confident votes.
pub fn majority_upside_down(votes: &[(bool, f32)]) -> bool {
    let confident: Vec<bool> = votes.iter().filter(|(_, c)| *c >= 0.9).map(|(u, _)| *u).collect();
    if confident.len() < 3 {
        return false;
    }
    let up = confident.iter().filter(|u| **u).count();
    up * 3 > confident.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn text_rows(w: u32, h: u32) -> GrayImage {
        let mut img = GrayImage::new(w, h);
        for line in 0..20 {
            let y0 = 20 + line * 25;
            for y in y0..y0 + 10 {
                // Words of varying length at line-dependent offsets, like real text: the
                // column profile evens out while rows alternate between ink and gaps.
                for x in (20..w - 20).filter(|x| ((x + line * 37) * 7 / 13) % 29 > 5) {
                    img.put_pixel(x, y, Luma([255]));
                }
            }
        }
        img
    }

    #[test]
    fn horizontal_text_is_upright_and_turned_text_is_not() {
        let img = text_rows(400, 560);
        assert!(!lines_are_vertical(&img, 5.0));
        let turned = image::imageops::rotate90(&img);
        assert!(lines_are_vertical(&turned, 5.0));
    }

    /// A ruled table with a text line in each row, drawn 2° off the axis: the rulings and
    /// rows of a scan fed in crooked.
    fn askew_table(w: u32, h: u32) -> GrayImage {
        let t = 2.0f32.to_radians().tan();
        let mut img = GrayImage::new(w, h);
        let mut put = |x: u32, y: u32| {
            let y = (y as f32 + x as f32 * t).round() as u32;
            if y < h {
                img.put_pixel(x, y, Luma([255]));
            }
        };
        let rows: Vec<u32> = (40..h - 60).step_by(26).collect();
        for &r in &rows {
            for x in 30..w - 30 {
                put(x, r);
                put(x, r + 1);
            }
        }
        for c in (30..w - 29).step_by(150) {
            for y in rows[0]..rows[rows.len() - 1] {
                put(c, y);
                put(c + 1, y);
            }
        }
        for (k, &r) in rows[..rows.len() - 1].iter().enumerate() {
            let k = k as u32;
            for x in (40..w - 40).filter(|x| ((x + k * 37) * 7 / 13) % 29 > 5 && (15..110).contains(&((x - 30) % 150)))
            {
                for dy in 9..17 {
                    put(x, r + dy);
                }
            }
        }
        img
    }

    #[test]
    fn a_table_scanned_askew_is_judged_at_its_own_angle() {
        // Unsheared, the tilt smears each ruling's spike over 30 rows, and the column
        // profile of the upright page (its verticals stay sharp) looked the more uneven.
        let img = askew_table(900, 700);
        assert!(!lines_are_vertical(&img, 5.0));
        assert!(lines_are_vertical(&image::imageops::rotate90(&img), 5.0));
    }

    #[test]
    fn upside_down_needs_a_confident_majority() {
        assert!(majority_upside_down(&[(true, 0.99); 5]));
        assert!(!majority_upside_down(&[(true, 0.99), (true, 0.95)]));
        assert!(!majority_upside_down(&[
            (true, 0.99),
            (false, 0.99),
            (true, 0.5),
            (false, 0.99)
        ]));
    }
}
