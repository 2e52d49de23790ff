//! A wide gray overlay lifted off the page: the large diagonal `COPY 复印无效` mark of a
//! photocopy, a gray stamp, a dark band left where a photo's page edge was. Print is thin (a
//! 22-pt bold title's strokes are under 3 pt wide), so ink in large shapes whose strokes are
//! several points wide is an overlay. Where it is clearly lighter than the print, it is
//! divided out (it was multiplied in), which turns it to paper and leaves the darker ink
//! under it: the rulings and characters it crosses. Left in, the mark's strokes chain with
//! the rulings they cross into one thick blob that is no ruling, and cover the cells the
//! recogniser reads.

use image::GrayImage;

use super::parts::parts;
use super::seal::Seal;

/// Overlay tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverlayParams {
    /// Pixels darker than this are ink of either kind (paper is 255 after flattening). Light
    /// tints sit above it and stay: the `XX提供` watermark, and the shading of header rows.
    pub ink_level: u8,
    /// Once a mark is lifted, a second pass lifts what is wide and darker than this: header
    /// shading at 196–210 (a Chromium-printed report's darker tints, scanned), which the
    /// first pass lifts in patches at most, leaving a ragged frame along the rulings that
    /// hides them from the ruling finder. One pass at this level would gather the mark and
    /// the shading into one histogram whose spread is too wide to tell either from print.
    pub tint_level: u8,
    /// Width, in points, of the strokes that make an overlay: print is thinner at any angle.
    pub width_pt: f32,
    /// Fewer overlay pixels than this share of the page: nothing to lift (a filled `★`).
    pub min_area_share: f32,
    /// An overlay's connected part spans at least this many points (a copy mark's letter is
    /// 60–80 pt tall); the blurred dense middle of a bold character, which can be as wide
    /// as a mark's stroke, is under 15.
    pub min_extent_pt: f32,
    /// The overlay's median level must be at least this much lighter than the print's, and
    /// at least `spreads` times its own interquartile range; otherwise the two cannot be told
    /// apart by level and the page is left as it is.
    pub min_gap: u8,
    pub spreads: u8,
    /// Pixels this close to the overlay are lifted too when light enough: its blurred rim.
    pub rim_pt: f32,
    /// How much darker than the overlay's median a rim pixel may be and still be lifted.
    pub rim_margin: u8,
}

impl Default for OverlayParams {
    fn default() -> Self {
        Self {
            ink_level: 200,
            tint_level: 215,
            width_pt: 3.5,
            min_area_share: 0.005,
            min_extent_pt: 30.0,
            min_gap: 30,
            spreads: 3,
            rim_pt: 1.0,
            rim_margin: 20,
        }
    }
}

/// Chamfer (3-4) distance, in thirds of a pixel, from each pixel to the nearest pixel where
/// `source` holds (0 on them), capped at `cap`.
fn chamfer(w: usize, h: usize, source: impl Fn(usize) -> bool, cap: u32) -> Vec<u32> {
    let mut d: Vec<u32> = (0..w * h).map(|i| if source(i) { 0 } else { cap }).collect();
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let mut v = d[i];
            if x > 0 {
                v = v.min(d[i - 1] + 3);
            }
            if y > 0 {
                v = v.min(d[i - w] + 3);
                if x > 0 {
                    v = v.min(d[i - w - 1] + 4);
                }
                if x + 1 < w {
                    v = v.min(d[i - w + 1] + 4);
                }
            }
            d[i] = v;
        }
    }
    for y in (0..h).rev() {
        for x in (0..w).rev() {
            let i = y * w + x;
            let mut v = d[i];
            if x + 1 < w {
                v = v.min(d[i + 1] + 3);
            }
            if y + 1 < h {
                v = v.min(d[i + w] + 3);
                if x + 1 < w {
                    v = v.min(d[i + w + 1] + 4);
                }
                if x > 0 {
                    v = v.min(d[i + w - 1] + 4);
                }
            }
            d[i] = v;
        }
    }
    d
}

/// Clears the 8-connected parts of `mask` (`w` × `h`) whose bounding box is under `min`
/// pixels on both sides: the dense middle of a blurred bold character, not an overlay.
fn keep_large(mask: &mut [bool], w: usize, h: usize, min: usize) {
    let (runs, parts) = parts(mask, w, h);
    for r in runs {
        let p = &parts[r.part];
        if p.width() < min && p.height() < min {
            mask[r.y * w + r.x0..r.y * w + r.x1].fill(false);
        }
    }
}

/// Level at quantile `q` (0–1) of a histogram holding `n` pixels.
pub(super) fn quantile(hist: &[u32; 256], n: u32, q: f32) -> u8 {
    let want = ((n as f32 * q) as u32).max(1);
    let mut seen = 0;
    for (level, &c) in hist.iter().enumerate() {
        seen += c;
        if seen >= want {
            return level as u8;
        }
    }
    255
}

/// What [`lift_overlay`] took off a page.
#[derive(Debug, Default)]
pub struct Lifted {
    /// Pixels whose level changed; 0 when there was no overlay or it was as dark as the print.
    pub pixels: usize,
    /// Where the mark lay (255 there, its rim included; 0 elsewhere), when one was lifted by
    /// the first pass: what it covered came back at most as faint as it was under the mark,
    /// so rulings broken there may be continued through it. The tint pass's shading is not
    /// in it: rulings through a shaded row are as strong as anywhere.
    pub mark: Option<GrayImage>,
}

/// Turns a wide overlay lighter than the print to paper (see the module note), then the
/// wide tints up to `tint_level` the same way. Nothing inside `seals` counts as
/// overlay: what is left of a seal there, and the pale print under it, is
/// [`super::seal`]'s to judge.
pub fn lift_overlay(gray: &mut GrayImage, px_per_pt: f32, seals: &[Seal], p: &OverlayParams) -> Lifted {
    let tint = OverlayParams {
        ink_level: p.tint_level,
        ..*p
    };
    let mark = lift_one(gray, px_per_pt, seals, p);
    let shade = lift_one(gray, px_per_pt, seals, &tint);
    Lifted {
        pixels: mark.as_ref().map_or(0, |m| m.0) + shade.map_or(0, |s| s.0),
        mark: mark.map(|m| m.1),
    }
}

/// One pass of [`lift_overlay`], for overlays darker than `p.ink_level`: the pixels lifted
/// and where the overlay and its rim lay, or `None` when nothing was lifted.
fn lift_one(gray: &mut GrayImage, px_per_pt: f32, seals: &[Seal], p: &OverlayParams) -> Option<(usize, GrayImage)> {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    if w < 2 || h < 2 {
        return None;
    }
    // Most pages have no overlay: a half-size copy (2 × 2 means) shows that no long stroke
    // core is there, at a quarter of the cost of the search below (blurred bold print has
    // cores too, but short ones).
    let (sw, sh) = (w / 2, h / 2);
    let small: Vec<u8> = {
        let px = gray.as_raw();
        (0..sw * sh)
            .map(|k| {
                let (x, y) = (2 * (k % sw), 2 * (k / sw));
                let at = |dx: usize, dy: usize| u32::from(px[(y + dy) * w + x + dx]);
                ((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4) as u8
            })
            .collect()
    };
    let (to_paper, _) = depth(&small, sw, sh, px_per_pt / 2.0, 2.0, seals, p);
    let r = disc(px_per_pt / 2.0, p);
    let mut core: Vec<bool> = to_paper.iter().map(|&d| d >= r).collect();
    drop(to_paper);
    // The cores of a bold character's strokes are small; an overlay's are long.
    keep_large(
        &mut core,
        sw,
        sh,
        ((p.min_extent_pt - p.width_pt) * px_per_pt / 2.0) as usize,
    );
    let deep = core.iter().filter(|&&c| c).count();
    if (deep as f32) < p.min_area_share * 0.25 * (sw * sh) as f32 {
        return None;
    }
    drop(small);
    let px = gray.as_raw();
    let (to_paper, _) = depth(px, w, h, px_per_pt, 1.0, seals, p);
    let r = disc(px_per_pt, p);
    let to_deep = chamfer(w, h, |i| to_paper[i] >= r, r + 1);
    drop(to_paper);
    let mut wide: Vec<bool> = to_deep.iter().map(|&d| d < r).collect();
    drop(to_deep);
    keep_large(&mut wide, w, h, (p.min_extent_pt * px_per_pt) as usize);
    let (mut over, mut print) = ([0u32; 256], [0u32; 256]);
    let (mut n_over, mut n_print) = (0u32, 0u32);
    for (i, &v) in px.iter().enumerate() {
        if wide[i] {
            over[v as usize] += 1;
            n_over += 1;
        } else if v < p.ink_level {
            print[v as usize] += 1;
            n_print += 1;
        }
    }
    if (n_over as f32) < p.min_area_share * (w * h) as f32 || n_print == 0 {
        return None;
    }
    // The print's darkest (most of its pixels are blurred stroke edges) against the
    // overlay's middle.
    let print_level = quantile(&print, n_print, 0.05);
    let over_level = quantile(&over, n_over, 0.5);
    // An overlay is even (a copy mark is one gray); its spread bounds how near the print's
    // level it may come and still be told from it.
    let spread = quantile(&over, n_over, 0.75).saturating_sub(quantile(&over, n_over, 0.25));
    let gap = p.min_gap.max(spread.saturating_mul(p.spreads));
    if over_level < print_level.saturating_add(gap) {
        return None;
    }
    let rim = (3.0 * p.rim_pt * px_per_pt).round().max(3.0) as u32;
    let to_wide = chamfer(w, h, |i| wide[i], rim + 1);
    drop(wide);
    // The overlay was multiplied into the page, so dividing by its level restores what lies
    // under it (a ruling under a 160-gray mark at 40 comes back at 64) and turns the overlay
    // itself to paper. Its rim, where it fades into the paper, goes to paper where no darker
    // print is in it.
    let rim_floor = over_level.saturating_sub(p.rim_margin);
    let mut lifted = 0;
    let mut mark = GrayImage::new(w as u32, h as u32);
    for ((v, d), m) in gray.as_mut().iter_mut().zip(to_wide).zip(mark.as_mut()) {
        let old = *v;
        if d == 0 {
            *v = (u32::from(old) * 255 / u32::from(over_level)).min(255) as u8;
        } else if d <= rim && old >= rim_floor {
            *v = 255;
        }
        if d <= rim {
            *m = 255;
        }
        lifted += usize::from(*v != old);
    }
    Some((lifted, mark))
}

/// Radius, in thirds of a pixel, of the disc an overlay's strokes hold and print's do not.
fn disc(px_per_pt: f32, p: &OverlayParams) -> u32 {
    (3.0 * p.width_pt * px_per_pt / 2.0).round().max(3.0) as u32
}

/// Distance to paper (capped past the disc's radius) of every pixel of the `w` × `h` image
/// `px`, `scale` page pixels each, and how many hold the disc. Seals are paper here.
fn depth(
    px: &[u8],
    w: usize,
    h: usize,
    px_per_pt: f32,
    scale: f32,
    seals: &[Seal],
    p: &OverlayParams,
) -> (Vec<u32>, usize) {
    let r = disc(px_per_pt, p);
    let in_seal = |i: usize| {
        let (x, y) = (scale * (i % w) as f32, scale * (i / w) as f32);
        seals
            .iter()
            .any(|s| (x - s.cx).hypot(y - s.cy) <= s.radius + p.width_pt * px_per_pt * scale)
    };
    let d = chamfer(w, h, |i| px[i] >= p.ink_level || in_seal(i), r + 1);
    let deep = d.iter().filter(|&&v| v >= r).count();
    (d, deep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    const PX_PER_PT: f32 = 150.0 / 72.0;

    fn fill(g: &mut GrayImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>, v: u8) {
        for yy in y {
            for xx in x.clone() {
                let old = g.get_pixel(xx, yy).0[0];
                // Multiplied in, as a mark is printed over the page.
                g.put_pixel(xx, yy, Luma([((old as u32 * v as u32) / 255) as u8]));
            }
        }
    }

    /// A page with a ruling at x = 100, a line of thin "glyph" strokes, and optionally a
    /// diagonal band 14 px (≈ 7 pt) wide at `level` crossing both.
    fn page(band: Option<u8>) -> GrayImage {
        let mut g = GrayImage::from_pixel(300, 300, Luma([255]));
        fill(&mut g, 100..103, 0..300, 40);
        for x in (150..250).step_by(6) {
            fill(&mut g, x..x + 2, 120..140, 30);
        }
        if let Some(level) = band {
            for y in 0..300u32 {
                let x0 = y.saturating_sub(7);
                fill(&mut g, x0..(x0 + 14).min(300), y..y + 1, level);
            }
        }
        g
    }

    #[test]
    fn a_light_wide_band_is_lifted_and_the_print_it_crosses_stays() {
        let mut g = page(Some(150));
        let lifted = lift_overlay(&mut g, PX_PER_PT, &[], &OverlayParams::default());
        assert!(lifted.pixels > 0);
        // Where the band lay is told, across the ruling too, and nowhere else.
        let mark = lifted.mark.expect("the band's place");
        for (x, y) in [(50, 50), (101, 101), (200, 200)] {
            assert_eq!(mark.get_pixel(x, y).0[0], 255, "band at ({x}, {y})");
        }
        for (x, y) in [(250, 20), (20, 250), (150, 130)] {
            assert_eq!(mark.get_pixel(x, y).0[0], 0, "no band at ({x}, {y})");
        }
        // The band's own pixels are paper again, away from the print.
        assert_eq!(g.get_pixel(50, 50).0[0], 255);
        assert_eq!(g.get_pixel(200, 200).0[0], 255);
        // The ruling keeps its ink where the band crossed it, and so do the strokes.
        assert!(g.get_pixel(101, 101).0[0] < 60);
        assert!(g.get_pixel(150, 130).0[0] < 60);
        assert!(g.get_pixel(151, 130).0[0] < 60);
    }

    #[test]
    fn a_shaded_header_row_is_lifted_whole_and_the_ruling_through_it_stays() {
        // Header shading scans at 196–210 on some routes; lifted only where it falls under
        // the ink level, what remains is a ragged frame along the rulings that hides them.
        let mut g = page(None);
        fill(&mut g, 0..300, 100..160, 207);
        let lifted = lift_overlay(&mut g, PX_PER_PT, &[], &OverlayParams::default());
        assert!(lifted.pixels > 0);
        // Shading hides no ruling: it is no mark to continue rulings under.
        assert!(lifted.mark.is_none());
        for x in [20, 60, 97, 104, 130, 280] {
            assert_eq!(g.get_pixel(x, 110).0[0], 255, "shading left at x = {x}");
        }
        assert!(g.get_pixel(101, 130).0[0] < 60);
        assert!(g.get_pixel(150, 130).0[0] < 60);
    }

    #[test]
    fn a_mark_and_a_lighter_shaded_row_are_both_lifted() {
        let mut g = page(Some(150));
        fill(&mut g, 0..300, 200..218, 207);
        assert!(lift_overlay(&mut g, PX_PER_PT, &[], &OverlayParams::default()).pixels > 0);
        assert_eq!(g.get_pixel(50, 50).0[0], 255, "mark left");
        assert_eq!(g.get_pixel(30, 209).0[0], 255, "shading left");
        assert!(g.get_pixel(101, 209).0[0] < 60);
    }

    #[test]
    fn thin_print_a_small_blot_or_a_band_as_dark_as_the_print_is_left_as_it_is() {
        let mut plain = page(None);
        let before = plain.clone();
        assert_eq!(
            lift_overlay(&mut plain, PX_PER_PT, &[], &OverlayParams::default()).pixels,
            0
        );
        assert_eq!(plain, before);
        // A blurred bold character's middle, as wide as a mark's stroke but only 10 pt across.
        let mut blot = page(None);
        fill(&mut blot, 30..50, 30..50, 150);
        let before = blot.clone();
        assert_eq!(
            lift_overlay(&mut blot, PX_PER_PT, &[], &OverlayParams::default()).pixels,
            0
        );
        assert_eq!(blot, before);
        let mut dark = page(Some(45));
        let before = dark.clone();
        assert_eq!(
            lift_overlay(&mut dark, PX_PER_PT, &[], &OverlayParams::default()).pixels,
            0
        );
        assert_eq!(dark, before);
    }
}
