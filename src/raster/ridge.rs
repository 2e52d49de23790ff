//! Thin dark lines by contrast with the paper right beside them. A ruling is darker than the
//! paper a few pixels to either side of it, whatever else is on the page; a threshold
//! against the mean of a window (see `binarize`) instead drops a faint line wherever text is
//! close, because the text pulls the mean down to the line's own level — on poor 150-DPI
//! scans that broke nearly every table border next to each cell's text.

use image::GrayImage;

/// Where the paper beside a line is looked for, and how much darker the line must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RidgeParams {
    /// Nearest offset across the line, pixels: beyond the line's half width and its blur.
    pub near_px: u32,
    /// Farthest offset across the line, pixels: a short reach still finds paper between a
    /// ruling and the cell text beside it.
    pub far_px: u32,
    /// A pixel is line ink when darker than `(1 - t)` × the paper beside it.
    pub t: f32,
    /// Pixels at least this bright are never ink.
    pub background_level: u8,
    /// Compare with the darker of the two sides instead of the brighter: only a line with
    /// paper on both sides passes, never the edge of a shaded area, whose other side is the
    /// same shade.
    pub both_sides: bool,
}

/// Marks (255) pixels of `gray` that are darker than the brighter of the two sides across a
/// line running horizontally (`vertical == false`) or vertically (the darker with
/// `both_sides`). Each side's paper level is its brightest pixel between `near_px` and
/// `far_px` away, so text, or another stroke, on one side does not hide a line whose other
/// side is paper.
pub fn ridge_mask(gray: &GrayImage, vertical: bool, p: &RidgeParams) -> GrayImage {
    let (w, h) = gray.dimensions();
    let mut out = GrayImage::new(w, h);
    if w == 0 || h == 0 || p.far_px < p.near_px {
        return out;
    }
    let (wu, hu) = (w as usize, h as usize);
    let raw = gray.as_raw();
    // Offsets are taken across the line: rows for horizontal lines, columns for vertical ones.
    let (step, across_len) = if vertical { (1usize, wu) } else { (wu, hu) };
    let keep = 1.0 - p.t;
    let buf: &mut [u8] = &mut out;
    for y in 0..hu {
        for x in 0..wu {
            let i = y * wu + x;
            let v = raw[i];
            if v >= p.background_level {
                continue;
            }
            let at = if vertical { x } else { y };
            let side = |sign: i64| {
                let mut best = 0u8;
                for k in p.near_px..=p.far_px {
                    let a = at as i64 + sign * k as i64;
                    if a < 0 || a >= across_len as i64 {
                        break;
                    }
                    let j = (i as i64 + sign * (k as i64) * step as i64) as usize;
                    best = best.max(raw[j]);
                }
                best
            };
            let paper = if p.both_sides {
                side(-1).min(side(1))
            } else {
                side(-1).max(side(1))
            };
            if (v as f32) < paper as f32 * keep {
                buf[i] = 255;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn params() -> RidgeParams {
        RidgeParams {
            near_px: 2,
            far_px: 5,
            t: 0.07,
            background_level: 250,
            both_sides: false,
        }
    }

    /// Paper at 195 with a faint two-pixel line at 165 on rows 20–21, and a block of dark
    /// "text" (60) starting three rows under it on the left half.
    fn faint_line_beside_text() -> GrayImage {
        let mut g = GrayImage::from_pixel(120, 60, Luma([195]));
        for x in 0..120 {
            g.put_pixel(x, 20, Luma([165]));
            g.put_pixel(x, 21, Luma([168]));
        }
        for y in 24..40 {
            for x in 0..60 {
                g.put_pixel(x, y, Luma([60]));
            }
        }
        g
    }

    #[test]
    fn faint_line_is_found_even_where_text_is_close() {
        let m = ridge_mask(&faint_line_beside_text(), false, &params());
        for x in [5, 30, 59, 90, 115] {
            assert_eq!(m.get_pixel(x, 20).0[0], 255, "line at x={x}");
        }
        // Paper above and between stays paper.
        for x in [5, 90] {
            assert_eq!(m.get_pixel(x, 10).0[0], 0);
            assert_eq!(m.get_pixel(x, 23).0[0], 0);
        }
    }

    #[test]
    fn the_line_is_not_found_across_its_own_direction() {
        // A horizontal line has no paper to its left and right, so the vertical mask skips it.
        let m = ridge_mask(&faint_line_beside_text(), true, &params());
        assert_eq!(m.get_pixel(90, 20).0[0], 0);
    }

    #[test]
    fn a_shaded_band_is_a_line_only_to_the_one_sided_test() {
        // Paper at 250 above row 30, a shaded band at 190 from row 30 on.
        let g = GrayImage::from_fn(40, 60, |_, y| Luma([if y < 30 { 250 } else { 190 }]));
        let one = ridge_mask(&g, false, &params());
        assert_eq!(
            one.get_pixel(20, 32).0[0],
            255,
            "the band's edge is darker than the paper above"
        );
        let both = ridge_mask(
            &g,
            false,
            &RidgeParams {
                both_sides: true,
                ..params()
            },
        );
        assert!(both.pixels().all(|p| p.0[0] == 0));
        // A real line keeps paper on both sides.
        let line = ridge_mask(
            &faint_line_beside_text(),
            false,
            &RidgeParams {
                both_sides: true,
                ..params()
            },
        );
        assert_eq!(line.get_pixel(90, 20).0[0], 255);
    }

    #[test]
    fn uniform_noisy_paper_has_no_ridges() {
        // ±4 levels of deterministic "noise" around 195 never reaches 7 % contrast.
        let g = GrayImage::from_fn(80, 80, |x, y| Luma([(191 + (x * 7 + y * 13) % 9) as u8]));
        let m = ridge_mask(&g, false, &params());
        assert!(m.pixels().all(|p| p.0[0] == 0));
    }
}
