//! Colour clean-up and binarisation.
//!
//! Red seals are removed by colour (red clearly dominating green and blue), light watermarks
//! and paper tint by intensity relative to the local background; the remaining ink is
//! thresholded against a local mean (Bradley–Roth adaptive thresholding), which copes with the
//! uneven illumination of scans where a global threshold would black out dark corners.

use image::{GrayImage, Luma, RgbImage};

/// Binarisation tunables.
#[derive(Debug, Clone, Copy)]
pub struct BinarizeParams {
    /// Side of the square window for the local mean, as a fraction of the page width.
    /// 1/40 of an A4 width at 200 DPI is ~41 px: larger than a stroke, smaller than a shadow.
    pub window_frac: f32,
    /// A pixel is ink when darker than `(1 - t)` × local mean (Bradley–Roth use 0.15).
    pub t: f32,
    /// Pixels at least this bright are background (watermark tint, paper); on the page the
    /// recogniser reads boxes from, see `stroke_level`.
    pub background_level: u8,
    /// On the page the recogniser reads boxes from ([`keep_faint_strokes`]), pixels from
    /// `background_level` up to this level stay where they are darker than the paper beside
    /// them by `stroke_contrast`: the faint stems of a pale copy (the flat tints of shaded
    /// cells are still whitened). Equal to `background_level`, every pixel from there up is
    /// paper.
    pub stroke_level: u8,
    /// How much darker than the brightest pixel within `stroke_radius_px` a pixel between the
    /// two levels must be to count as a stroke.
    pub stroke_contrast: u8,
    /// Radius (pixels) of the square the paper beside a faint stroke is looked for in.
    pub stroke_radius_px: u32,
}

impl Default for BinarizeParams {
    fn default() -> Self {
        Self {
            window_frac: 1.0 / 40.0,
            t: 0.15,
            background_level: 215,
            stroke_level: 235,
            stroke_contrast: 20,
            stroke_radius_px: 3,
        }
    }
}

/// Whether an RGB pixel is seal ink: red clearly above green and blue. Black/gray ink has
/// r≈g≈b, so it is never touched.
fn is_seal_red(r: u8, g: u8, b: u8) -> bool {
    let (r, g, b) = (r as i16, g as i16, b as i16);
    r > 110 && r - g > 45 && r - b > 45
}

/// ITU-R BT.601 luma of an RGB pixel, integer form: the one grey level every raster pass uses.
pub fn luma([r, g, b]: [u8; 3]) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
}

/// Converts to gray with red seal ink turned to paper white. Light watermarks are left for
/// [`binarize`]'s background level to drop.
pub fn suppress_seal_and_watermark(img: &RgbImage) -> GrayImage {
    let mut out = GrayImage::new(img.width(), img.height());
    for (x, y, p) in img.enumerate_pixels() {
        let [r, g, b] = p.0;
        let v = if is_seal_red(r, g, b) { 255 } else { luma(p.0) };
        out.put_pixel(x, y, Luma([v]));
    }
    out
}

/// Adaptive threshold: returns an image where ink is 255 and background 0.
pub fn binarize(gray: &GrayImage, p: &BinarizeParams) -> GrayImage {
    // The integral image in u32 while a whole page's sum fits (to 16.8 megapixels: every
    // 200- and 300-DPI A4 page), u64 beyond: half the memory written and read three times a
    // page.
    if u64::from(gray.width()) * u64::from(gray.height()) * 255 <= u64::from(u32::MAX) {
        threshold_with::<u32>(gray, p)
    } else {
        threshold_with::<u64>(gray, p)
    }
}

/// [`binarize`] with its integral image in `T`, which must hold 255 × the pixel count.
fn threshold_with<T>(gray: &GrayImage, p: &BinarizeParams) -> GrayImage
where
    T: Copy + Default + From<u8> + Into<u64> + std::ops::Add<Output = T> + std::ops::Sub<Output = T>,
{
    let (w, h) = gray.dimensions();
    let (wu, hu) = (w as usize, h as usize);
    let mut out = GrayImage::new(w, h);
    if w == 0 || h == 0 {
        return out;
    }
    // Integral image with a zero border row/column.
    let stride = wu + 1;
    let mut integral = vec![T::default(); stride * (hu + 1)];
    for y in 0..hu {
        let mut row = T::default();
        for x in 0..wu {
            row = row + T::from(gray.as_raw()[y * wu + x]);
            integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1] + row;
        }
    }
    let half = ((w as f32 * p.window_frac) as usize / 2).max(4);
    let raw = gray.as_raw();
    let buf: &mut [u8] = &mut out;
    for y in 0..hu {
        let y0 = y.saturating_sub(half);
        let y1 = (y + half + 1).min(hu);
        for x in 0..wu {
            let v = raw[y * wu + x];
            if v >= p.background_level {
                continue;
            }
            let x0 = x.saturating_sub(half);
            let x1 = (x + half + 1).min(wu);
            let sum: u64 = (integral[y1 * stride + x1] + integral[y0 * stride + x0]
                - integral[y0 * stride + x1]
                - integral[y1 * stride + x0])
                .into();
            let count = ((x1 - x0) * (y1 - y0)) as u64;
            // v < mean * (1 - t)  ⇔  v * count * 100 < sum * (100 - 100t)
            if (v as u64) * count * 100 < sum * ((100.0 - 100.0 * p.t) as u64) {
                buf[y * wu + x] = 255;
            }
        }
    }
    out
}

/// The page as the recogniser should see it: gray, with seal ink and light tints (watermark,
/// paper shading brighter than `background_level`) turned to white, so neither leaks into
/// detection boxes or characters. Black text under a seal keeps its own pixels.
pub fn clean_for_ocr(img: &RgbImage, p: &BinarizeParams) -> RgbImage {
    gray_to_rgb(&whiten_tint(&suppress_seal_and_watermark(img), p))
}

/// A gray page as the three equal channels the models take. The page is kept gray until
/// then: a deskew turn of one channel costs a third of three.
pub fn gray_to_rgb(gray: &GrayImage) -> RgbImage {
    image::buffer::ConvertBuffer::convert(gray)
}

/// [`clean_for_ocr`] of an already seal-free gray page.
pub fn whiten_tint(gray: &GrayImage, p: &BinarizeParams) -> GrayImage {
    whiten(gray, |v, _| v >= p.background_level)
}

/// The page the recogniser reads detected boxes from: as [`whiten_tint`], but a pixel from
/// `background_level` up to `stroke_level` stays where the paper within `stroke_radius_px` is
/// brighter by `stroke_contrast`: it is part of a stroke, not of a flat tint. A pale copy
/// prints its `N`s' stems at 195–220, and whitened from 215 they read `I`, `V` or nothing.
/// Detection keeps the [`whiten_tint`] page: there the report's own light watermark, a stroke
/// too, would join the headings it lies behind into one box.
pub fn keep_faint_strokes(gray: &GrayImage, p: &BinarizeParams) -> GrayImage {
    if p.stroke_level <= p.background_level {
        return whiten_tint(gray, p);
    }
    let paper = local_max(gray, p.stroke_radius_px);
    whiten(gray, |v, i| {
        v >= p.stroke_level || (v >= p.background_level && paper[i].saturating_sub(v) < p.stroke_contrast)
    })
}

/// `gray` with the pixels `to_paper` picks (by level and index) turned white.
fn whiten(gray: &GrayImage, to_paper: impl Fn(u8, usize) -> bool) -> GrayImage {
    let mut out = gray.clone();
    for (i, o) in out.pixels_mut().enumerate() {
        if to_paper(o.0[0], i) {
            o.0[0] = 255;
        }
    }
    out
}

/// The brightest pixel within `radius` of each pixel (a square window), row-major.
fn local_max(gray: &GrayImage, radius: u32) -> Vec<u8> {
    local_extreme(gray, radius, u8::max)
}

/// The darkest pixel within `radius` of each pixel (a square window), row-major.
pub(super) fn local_min(gray: &GrayImage, radius: u32) -> Vec<u8> {
    local_extreme(gray, radius, u8::min)
}

/// The `pick` (max or min) of the pixels within `radius` of each pixel, as a pass along the
/// rows and one across them (whole rows at a time, which the compiler vectorises), row-major.
fn local_extreme(gray: &GrayImage, radius: u32, pick: impl Fn(u8, u8) -> u8 + Copy) -> Vec<u8> {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let r = radius as usize;
    let src = gray.as_raw();
    let mut along = vec![0u8; w * h];
    for (row, out) in src.chunks_exact(w.max(1)).zip(along.chunks_exact_mut(w.max(1))) {
        for (x, o) in out.iter_mut().enumerate() {
            let (a, b) = (x.saturating_sub(r), (x + r).min(w - 1));
            *o = row[a..=b].iter().copied().fold(row[x], pick);
        }
    }
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        let (a, b) = (y.saturating_sub(r), (y + r).min(h - 1));
        let dst = &mut out[y * w..(y + 1) * w];
        dst.copy_from_slice(&along[a * w..(a + 1) * w]);
        for k in a + 1..=b {
            for (d, &s) in dst.iter_mut().zip(&along[k * w..(k + 1) * w]) {
                *d = pick(*d, s);
            }
        }
    }
    out
}

/// Mean of `gray` over a `win`-pixel window along one axis (`vertical`: along y). Rulings are
/// long in one direction, so averaging along them keeps them dark while scan noise and the
/// breaks that blur and JPEG leave in a one-pixel line average out; text strokes across the
/// window are diluted. Used only for the ruling mask, never for the image given to OCR.
pub fn smooth_along(gray: &GrayImage, vertical: bool, win: u32) -> GrayImage {
    let (w, h) = gray.dimensions();
    if win <= 1 || w == 0 || h == 0 {
        return gray.clone();
    }
    let half = (win / 2) as usize;
    let (wu, hu) = (w as usize, h as usize);
    let raw = gray.as_raw();
    let mut out = GrayImage::new(w, h);
    let dst: &mut [u8] = &mut out;
    // Pixel `i` of a line of `len` averages pixels `a..b` of it.
    let window = |i: usize, len: usize| (i.saturating_sub(half), (i + half + 1).min(len));
    if vertical {
        // Every column at once, a row at a time: running column sums over the window's rows,
        // so the page is read in memory order (a column at a time strides a whole row per
        // pixel and missed the cache on every one).
        let mut sums = vec![0u32; wu];
        let (mut a, mut b) = (0, 0);
        for y in 0..hu {
            let (na, nb) = window(y, hu);
            for row in raw.chunks_exact(wu).take(nb).skip(b) {
                sums.iter_mut().zip(row).for_each(|(s, &v)| *s += u32::from(v));
            }
            for row in raw.chunks_exact(wu).take(na).skip(a) {
                sums.iter_mut().zip(row).for_each(|(s, &v)| *s -= u32::from(v));
            }
            (a, b) = (na, nb);
            let n = (b - a) as u32;
            for (d, &s) in dst[y * wu..(y + 1) * wu].iter_mut().zip(&sums) {
                *d = (s / n) as u8;
            }
        }
    } else {
        let mut prefix = vec![0u32; wu + 1];
        for (row, out_row) in raw.chunks_exact(wu).zip(dst.chunks_exact_mut(wu)) {
            for (x, &v) in row.iter().enumerate() {
                prefix[x + 1] = prefix[x] + u32::from(v);
            }
            for (x, d) in out_row.iter_mut().enumerate() {
                let (a, b) = window(x, wu);
                *d = ((prefix[b] - prefix[a]) / (b - a) as u32) as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A `w` × `h` page of seeded noise.
    fn noise(w: u32, h: u32, mut seed: u32) -> GrayImage {
        GrayImage::from_fn(w, h, |_, _| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            image::Luma([(seed >> 16) as u8])
        })
    }

    #[test]
    fn smoothing_along_either_axis_is_the_mean_over_the_window() {
        let g = noise(37, 23, 7);
        for vertical in [false, true] {
            for win in [2, 3, 8, 9, 60] {
                let out = smooth_along(&g, vertical, win);
                let half = (win / 2) as i64;
                for (x, y, p) in out.enumerate_pixels() {
                    let (i, len) = if vertical { (y, g.height()) } else { (x, g.width()) };
                    let (a, b) = (
                        (i64::from(i) - half).max(0),
                        (i64::from(i) + half + 1).min(i64::from(len)),
                    );
                    let sum: u32 = (a..b)
                        .map(|k| {
                            let (px, py) = if vertical { (x, k as u32) } else { (k as u32, y) };
                            u32::from(g.get_pixel(px, py).0[0])
                        })
                        .sum();
                    assert_eq!(
                        u32::from(p.0[0]),
                        sum / (b - a) as u32,
                        "{x},{y} win {win} vertical {vertical}"
                    );
                }
            }
        }
        assert_eq!(smooth_along(&g, true, 1), g);
    }

    #[test]
    fn the_threshold_is_the_same_with_either_integral_width() {
        let g = noise(211, 97, 11);
        let p = BinarizeParams::default();
        let narrow = threshold_with::<u32>(&g, &p);
        assert_eq!(narrow, threshold_with::<u64>(&g, &p));
        assert_eq!(binarize(&g, &p), narrow);
        assert!(narrow.pixels().any(|v| v.0[0] == 255) && narrow.pixels().any(|v| v.0[0] == 0));
    }

    #[test]
    fn a_gray_page_becomes_three_equal_channels() {
        let g = GrayImage::from_fn(3, 2, |x, y| image::Luma([(x * 90 + y * 7) as u8]));
        let rgb = gray_to_rgb(&g);
        for (x, y, p) in rgb.enumerate_pixels() {
            assert_eq!(p.0, [g.get_pixel(x, y).0[0]; 3]);
        }
    }

    #[test]
    fn red_seal_is_removed_but_black_ink_kept() {
        let mut img = RgbImage::from_pixel(4, 1, Rgb([250, 250, 250]));
        img.put_pixel(0, 0, Rgb([220, 40, 40])); // seal red
        img.put_pixel(1, 0, Rgb([20, 20, 20])); // ink
        img.put_pixel(2, 0, Rgb([120, 30, 30])); // dark seal edge
        let g = suppress_seal_and_watermark(&img);
        assert_eq!(g.get_pixel(0, 0).0[0], 255);
        assert!(g.get_pixel(1, 0).0[0] < 40);
        assert_eq!(g.get_pixel(2, 0).0[0], 255);
    }

    #[test]
    fn ink_found_on_both_bright_and_dark_background() {
        // Left half bright paper, right half dark shadow; a stroke crosses both.
        let mut g = GrayImage::from_fn(200, 60, |x, _| Luma([if x < 100 { 240 } else { 150 }]));
        for x in 0..200 {
            let bg = g.get_pixel(x, 30).0[0];
            g.put_pixel(x, 30, Luma([bg / 3]));
        }
        let b = binarize(&g, &BinarizeParams::default());
        for x in [10, 50, 150, 190] {
            assert_eq!(b.get_pixel(x, 30).0[0], 255, "stroke at x={x}");
            assert_eq!(b.get_pixel(x, 10).0[0], 0, "background at x={x}");
        }
    }

    #[test]
    fn local_extremes_are_those_of_the_square_around_each_pixel() {
        let g = GrayImage::from_fn(13, 7, |x, y| Luma([((x * 37 + y * 91 + x * y * 13) % 251) as u8]));
        for radius in 0..4u32 {
            let (max, min) = (local_max(&g, radius), local_min(&g, radius));
            for (y, x) in (0..7u32).flat_map(|y| (0..13u32).map(move |x| (y, x))) {
                let around = (y.saturating_sub(radius)..=(y + radius).min(6))
                    .flat_map(|j| (x.saturating_sub(radius)..=(x + radius).min(12)).map(move |i| (i, j)))
                    .map(|(i, j)| g.get_pixel(i, j).0[0]);
                let i = (y * 13 + x) as usize;
                assert_eq!(max[i], around.clone().max().unwrap(), "max r={radius} ({x},{y})");
                assert_eq!(min[i], around.min().unwrap(), "min r={radius} ({x},{y})");
            }
        }
    }

    #[test]
    fn light_watermark_is_background() {
        let mut g = GrayImage::from_pixel(100, 100, Luma([250]));
        for i in 0..100 {
            g.put_pixel(i, i, Luma([225])); // faint diagonal watermark stroke
        }
        let b = binarize(&g, &BinarizeParams::default());
        assert!(b.pixels().all(|p| p.0[0] == 0));
    }

    #[test]
    fn a_faint_stem_reaches_the_recogniser_and_a_flat_tint_does_not() {
        // Paper at 245; a shaded block at 225 (x 0..40); a faint 2-px stem at 220 (x 60..62), as
        // a pale copy prints an `N`'s stems; a dot of dark ink; a line at 238, past the stroke level.
        let mut g = GrayImage::from_fn(100, 40, |x, _| Luma([if x < 40 { 225 } else { 245 }]));
        for y in 0..40 {
            for x in 60..62 {
                g.put_pixel(x, y, Luma([220]));
            }
            g.put_pixel(80, y, Luma([238]));
        }
        g.put_pixel(70, 20, Luma([40]));
        let p = BinarizeParams::default();
        let faint = keep_faint_strokes(&g, &p);
        let tint = whiten_tint(&g, &p);
        let at = |img: &GrayImage, x, y| img.get_pixel(x, y).0[0];
        assert_eq!(at(&faint, 60, 20), 220, "faint stem kept");
        assert_eq!(at(&faint, 61, 5), 220, "faint stem kept along its length");
        assert_eq!(at(&faint, 20, 20), 255, "flat tint whitened inside the block");
        assert_eq!(at(&faint, 80, 20), 255, "above the stroke level");
        assert_eq!(at(&faint, 70, 20), 40, "dark ink kept");
        assert_eq!(at(&tint, 60, 20), 255, "detection's page drops the stem");
        assert_eq!(at(&tint, 70, 20), 40);
        // With the two levels equal the recogniser's page is the detector's.
        let same = BinarizeParams {
            stroke_level: p.background_level,
            ..p
        };
        assert_eq!(keep_faint_strokes(&g, &same), tint);
    }
}
