//! Lone marks read by their shape where the recogniser cannot: `--`, the report's "not
//! applicable", printed alone in a cell. Toner spread (print-and-scan), copier contrast and
//! colour scans turn its two short strokes into blobs that the recogniser reads as `…`, `一`,
//! `"` or `-` at low confidence, while their shape stays unmistakable: two level bars of one
//! size side by side, and nothing else in the cell.

use image::RgbImage;

use super::binarize::luma;
use super::overlay::quantile;
use super::parts::Part;
use crate::geom::Rect;

/// Ink is what lies this far from the cell's darkest marks towards its paper: toner spread
/// bridges the two strokes at about half way, and a lower cut keeps them apart.
const INK_FRACTION: f32 = 0.35;

/// Lower cuts tried, in turn, where the ink at [`INK_FRACTION`] is one bar as long as a `--`:
/// on a blurred 150-DPI copy the two strokes of a small `--` run together into one bar whose
/// middle is only a little lighter than its ends (e.g. 195 between cores of 170 on paper
/// 255). A bar with no lighter middle stays one part at every cut, so a single dash or a
/// long rule is still not taken for two.
const JOINED_INK_FRACTIONS: [f32; 2] = [0.25, 0.15];

/// A single bar at least this long (pt) may be a `--` run together; a lone `-` is shorter.
const MIN_JOINED_WIDTH_PT: f32 = 3.5;

/// A cell whose darkest marks are within this of its paper holds no mark (grain, tint).
const MIN_CONTRAST: u8 = 60;

/// Pixels that count as the darkest marks: a few of a stroke, not one hot pixel.
const DARKEST_RANK: u32 = 4;

/// Parts that span this share of the window's height or width are rulings and ignored.
const RULING_SHARE: f32 = 0.8;

/// Parts smaller than this (pixels) are specks and ignored.
const MIN_PART_PX: usize = 3;

/// A bar is at least this many times as wide as high…
const MIN_BAR_ASPECT: f32 = 1.3;
/// …at most this high (pt): a stroke about 0.5–1 pt thick, spread or blurred…
const MAX_BAR_HEIGHT_PT: f32 = 1.8;
/// …and this wide (pt): the report's dash is about 2 pt long.
const BAR_WIDTH_PT: (f32, f32) = (1.0, 4.5);

/// The two bars differ in width by at most this factor.
const MAX_WIDTH_RATIO: f32 = 1.6;

/// The ink of a window: its parts (specks dropped) in window pixels, and the window's origin.
struct Ink {
    x0: usize,
    y0: usize,
    parts: Vec<Part>,
}

impl Ink {
    /// `None` when the window is empty or holds no mark (darkest ink within [`MIN_CONTRAST`]
    /// of its paper).
    fn of(img: &RgbImage, window: &Rect) -> Option<Ink> {
        Self::cut_at(img, window, INK_FRACTION)
    }

    /// [`Ink::of`] with ink taken as what lies `fraction` of the way from the darkest marks
    /// towards the paper.
    fn cut_at(img: &RgbImage, window: &Rect, fraction: f32) -> Option<Ink> {
        let x0 = window.x0.max(0.0).floor() as u32;
        let y0 = window.y0.max(0.0).floor() as u32;
        let x1 = (window.x1.ceil() as u32).min(img.width());
        let y1 = (window.y1.ceil() as u32).min(img.height());
        if x1 <= x0 || y1 <= y0 {
            return None;
        }
        let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let levels: Vec<u8> = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .map(|(x, y)| luma(img.get_pixel(x, y).0))
            .collect();
        let mut hist = [0u32; 256];
        for &l in &levels {
            hist[usize::from(l)] += 1;
        }
        let n = levels.len() as u32;
        if n <= DARKEST_RANK {
            return None;
        }
        let darkest = quantile(&hist, n, (DARKEST_RANK + 1) as f32 / n as f32);
        let paper = quantile(&hist, n, 0.9);
        if paper.saturating_sub(darkest) < MIN_CONTRAST {
            return None;
        }
        let cut = f32::from(darkest) + fraction * f32::from(paper - darkest);
        let mask: Vec<bool> = levels.iter().map(|&l| f32::from(l) < cut).collect();
        let (_, parts) = super::parts::parts(&mask, w, h);
        // A ruling crossing the window (a cell box a little off its rulings) is no mark.
        let ruling =
            |p: &Part| p.height() as f32 >= RULING_SHARE * h as f32 || p.width() as f32 >= RULING_SHARE * w as f32;
        Some(Ink {
            x0: x0 as usize,
            y0: y0 as usize,
            parts: parts
                .into_iter()
                .filter(|p| p.area >= MIN_PART_PX && !ruling(p))
                .collect(),
        })
    }

    /// A part's box in image pixels.
    fn rect(&self, p: &Part) -> Rect {
        Rect::new(
            (self.x0 + p.x0) as f32,
            (self.y0 + p.y0) as f32,
            (self.x0 + p.x1) as f32,
            (self.y0 + p.y1) as f32,
        )
    }
}

/// The two bars of a `--` (pixel rects, left first) when the ink inside `window` (pixels of
/// `img`) is exactly that: two level bars of about one size, side by side on one line, a gap
/// between them no wider than a bar, and no other ink but specks. Where the ink is one bar as
/// long as a `--`, lower ink cuts ([`JOINED_INK_FRACTIONS`]) look for its two strokes run
/// together. `None` for anything else.
pub fn double_dash(img: &RgbImage, window: &Rect, px_per_pt: f32) -> Option<[Rect; 2]> {
    let ink = Ink::of(img, window)?;
    if let Some(bars) = two_bars(&ink, px_per_pt) {
        return Some(bars);
    }
    let joined = match ink.parts.as_slice() {
        [p] => {
            let (pw, ph) = (p.width() as f32, p.height() as f32);
            ph <= MAX_BAR_HEIGHT_PT * px_per_pt
                && (MIN_JOINED_WIDTH_PT * px_per_pt..=2.0 * BAR_WIDTH_PT.1 * px_per_pt).contains(&pw)
        }
        _ => false,
    };
    if !joined {
        return None;
    }
    JOINED_INK_FRACTIONS
        .iter()
        .filter_map(|&f| Ink::cut_at(img, window, f))
        .find_map(|ink| two_bars(&ink, px_per_pt))
}

/// The two bars of [`double_dash`] in one cut of the ink.
fn two_bars(ink: &Ink, px_per_pt: f32) -> Option<[Rect; 2]> {
    let [a, b] = ink.parts.as_slice() else {
        return None;
    };
    let (a, b) = if a.x0 <= b.x0 { (a, b) } else { (b, a) };
    let is_bar = |p: &Part| {
        let (pw, ph) = (p.width() as f32, p.height() as f32);
        pw >= MIN_BAR_ASPECT * ph
            && ph <= MAX_BAR_HEIGHT_PT * px_per_pt
            && (BAR_WIDTH_PT.0 * px_per_pt..=BAR_WIDTH_PT.1 * px_per_pt).contains(&pw)
    };
    let (wa, wb) = (a.width() as f32, b.width() as f32);
    let overlap = a.y1.min(b.y1).saturating_sub(a.y0.max(b.y0));
    let gap = b.x0.saturating_sub(a.x1) as f32;
    let level = 2 * overlap >= a.height().min(b.height());
    let ok = is_bar(a)
        && is_bar(b)
        && wa.max(wb) <= MAX_WIDTH_RATIO * wa.min(wb)
        && level
        && b.x0 > a.x1
        && gap <= wa.max(wb);
    ok.then(|| [ink.rect(a), ink.rect(b)])
}

/// A lone mark's core is this many points across at least, both ways: smaller ink is dust.
const MIN_BLOB_PT: f32 = 1.2;
/// …and at most this: larger ink is a character, not a mark.
const MAX_BLOB_PT: f32 = 4.0;
/// Its width and height differ by at most this factor (a `*` scanned at 150 DPI is a round
/// blob; a dash or a stroke is not).
const MAX_BLOB_ASPECT: f32 = 1.7;

/// The box (pixels) of the one compact blob that is the only ink inside `window`: what a `*`
/// printed at 8–9 pt leaves on a 150-DPI scan (a few pixels of ink, its arms blurred into a
/// disc), and what dust is not (smaller). `None` for anything else: no ink, two marks, a
/// stroke, a character-sized shape.
pub fn lone_blob(img: &RgbImage, window: &Rect, px_per_pt: f32) -> Option<Rect> {
    let ink = Ink::of(img, window)?;
    let [p] = ink.parts.as_slice() else {
        return None;
    };
    let (pw, ph) = (p.width() as f32, p.height() as f32);
    let size = MIN_BLOB_PT * px_per_pt..=MAX_BLOB_PT * px_per_pt;
    let ok = size.contains(&pw) && size.contains(&ph) && pw.max(ph) <= MAX_BLOB_ASPECT * pw.min(ph);
    ok.then(|| ink.rect(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A white image with dark boxes `(x0, y0, x1, y1)` of level `ink`.
    fn page(w: u32, h: u32, boxes: &[(u32, u32, u32, u32)], ink: u8) -> RgbImage {
        let mut img = RgbImage::from_pixel(w, h, Rgb([250, 250, 250]));
        for &(x0, y0, x1, y1) in boxes {
            for y in y0..y1 {
                for x in x0..x1 {
                    img.put_pixel(x, y, Rgb([ink, ink, ink]));
                }
            }
        }
        img
    }

    const PX_PER_PT: f32 = 300.0 / 72.0;

    #[test]
    fn two_level_bars_are_a_double_dash() {
        // 300 DPI: bars 9 × 4 px (2.2 × 1 pt), 3 px apart, mid-gray as a faint copy leaves them.
        let img = page(30, 50, &[(3, 24, 12, 28), (15, 24, 24, 28)], 120);
        let window = Rect::new(0.0, 0.0, 30.0, 50.0);
        let bars = double_dash(&img, &window, PX_PER_PT).expect("two bars");
        assert_eq!(bars[0], Rect::new(3.0, 24.0, 12.0, 28.0));
        assert_eq!(bars[1], Rect::new(15.0, 24.0, 24.0, 28.0));
    }

    #[test]
    fn a_bridge_lighter_than_the_bars_does_not_join_them() {
        let mut img = page(30, 50, &[(3, 24, 12, 28), (15, 24, 24, 28)], 20);
        for y in 25..27 {
            for x in 12..15 {
                img.put_pixel(x, y, Rgb([140, 140, 140]));
            }
        }
        assert!(double_dash(&img, &Rect::new(0.0, 0.0, 30.0, 50.0), PX_PER_PT).is_some());
    }

    #[test]
    fn two_strokes_run_together_by_blur_are_still_a_double_dash() {
        // 150 DPI, as a heavy copy leaves a small `--`: one bar 11 px long whose middle
        // column (195) is lighter than the strokes' cores (168–172) on paper 255.
        let px_per_pt = 150.0 / 72.0;
        let mut img = page(40, 30, &[], 255);
        let rows: [[u8; 11]; 2] = [
            [185, 174, 172, 181, 192, 195, 186, 169, 168, 188, 237],
            [187, 176, 174, 181, 194, 201, 193, 176, 172, 192, 229],
        ];
        for (dy, row) in rows.iter().enumerate() {
            for (dx, &v) in row.iter().enumerate() {
                img.put_pixel(14 + dx as u32, 14 + dy as u32, Rgb([v, v, v]));
            }
        }
        let window = Rect::new(0.0, 0.0, 40.0, 30.0);
        let bars = double_dash(&img, &window, px_per_pt).expect("two bars");
        assert!(bars[0].x1 <= 20.0 && bars[1].x0 >= 20.0, "{bars:?}");
        // The same bar without its lighter middle is one dash, at every cut.
        let flat = page(40, 30, &[(14, 14, 25, 16)], 172);
        assert!(double_dash(&flat, &window, px_per_pt).is_none());
    }

    #[test]
    fn other_shapes_are_not() {
        let window = Rect::new(0.0, 0.0, 40.0, 50.0);
        let none = |boxes: &[(u32, u32, u32, u32)]| double_dash(&page(40, 50, boxes, 20), &window, PX_PER_PT);
        // One bar (a dash, or two bars run together).
        assert!(none(&[(3, 24, 24, 28)]).is_none());
        // `=`: bars stacked, not side by side.
        assert!(none(&[(3, 20, 12, 23), (3, 27, 12, 30)]).is_none());
        // Two dots (square, not bars).
        assert!(none(&[(3, 24, 7, 28), (12, 24, 16, 28)]).is_none());
        // Bars far apart (two marks, not one `--`).
        assert!(none(&[(3, 24, 12, 28), (28, 24, 37, 28)]).is_none());
        // Two bars and a third mark.
        assert!(none(&[(3, 24, 12, 28), (15, 24, 24, 28), (28, 10, 33, 40)]).is_none());
        // Bars of very different length.
        assert!(none(&[(3, 24, 7, 27), (10, 24, 30, 28)]).is_none());
        // Thick strokes: a digit-sized blob pair.
        assert!(none(&[(3, 15, 12, 35), (15, 15, 24, 35)]).is_none());
        // Blank, and grain within the contrast floor.
        assert!(none(&[]).is_none());
        assert!(double_dash(
            &page(30, 50, &[(3, 24, 12, 28), (15, 24, 24, 28)], 210),
            &Rect::new(0.0, 0.0, 30.0, 50.0),
            PX_PER_PT
        )
        .is_none());
    }

    #[test]
    fn a_lone_compact_blob_is_found_and_dust_strokes_and_pairs_are_not() {
        // 150 DPI: a `*` left as a 5 × 4 px blob in a 40 × 30 px cell.
        let px_per_pt = 150.0 / 72.0;
        let window = Rect::new(0.0, 0.0, 40.0, 30.0);
        let blob = |boxes: &[(u32, u32, u32, u32)]| lone_blob(&page(40, 30, boxes, 130), &window, px_per_pt);
        assert_eq!(blob(&[(17, 8, 22, 12)]), Some(Rect::new(17.0, 8.0, 22.0, 12.0)));
        // Dust (2 × 2 px, under 1.2 pt), a dash (a bar), a digit-sized stroke, two blobs.
        assert!(blob(&[(17, 8, 19, 10)]).is_none());
        assert!(blob(&[(14, 12, 24, 14)]).is_none());
        assert!(blob(&[(17, 4, 21, 24)]).is_none());
        assert!(blob(&[(10, 8, 15, 12), (25, 8, 30, 12)]).is_none());
        assert!(blob(&[]).is_none());
        // A ruling along the window's edge (a cell box a little off its rulings) is ignored.
        assert_eq!(
            blob(&[(17, 8, 22, 12), (1, 0, 3, 30)]),
            Some(Rect::new(17.0, 8.0, 22.0, 12.0))
        );
    }
}
