//! Broad-stroke marks: the large diagonal "COPY 复印无效" a photocopy of anti-copy paper shows,
//! drawn in letters ~100 pt high whose strokes are ~8–12 pt wide, mid gray, across the text.
//! Report print never has strokes that wide (glyph strokes ≤ 1.5 pt, rulings ≤ 1 pt), so the
//! mark is found by its stroke width — a morphological opening with a square wider than any
//! print stroke — not by its angle or words. Inside it, pixels lighter than halfway between
//! the mark's gray and the page's ink are turned to paper; text printed over it is darker
//! than the mark and stays.

use image::{GrayImage, Luma};

/// Tunables (points on the paper).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BroadParams {
    /// Pixels between these levels (on a flattened page, paper ≈ 255) may belong to a mark:
    /// lighter is paper, darker is print ink. A window of a blurred text line always holds some
    /// stroke darker than `ink_level`, so text lines do not pass as a broad mark.
    pub ink_level: u8,
    pub paper_level: u8,
    /// Side of the opening square: wider than any print stroke.
    pub min_stroke_pt: f32,
    /// A mark's connected piece spans at least this much (a letter of the mark); bold
    /// headings fused by blur stay far smaller.
    pub min_extent_pt: f32,
    /// The mark's region is grown by this much to take its blurred edge.
    pub edge_pt: f32,
}

impl Default for BroadParams {
    fn default() -> Self {
        Self {
            ink_level: 50,
            paper_level: 215,
            min_stroke_pt: 4.0,
            min_extent_pt: 36.0,
            edge_pt: 1.2,
        }
    }
}

/// Box sums over a 0/1 mask via an integral image.
struct Integral {
    w: usize,
    sums: Vec<u32>,
}

impl Integral {
    fn new(mask: &[bool], w: usize, h: usize) -> Self {
        let stride = w + 1;
        let mut sums = vec![0u32; stride * (h + 1)];
        for y in 0..h {
            let mut row = 0;
            for x in 0..w {
                row += mask[y * w + x] as u32;
                sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
            }
        }
        Self { w, sums }
    }

    /// Sum over [x0, x1) x [y0, y1).
    fn sum(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u32 {
        let s = self.w + 1;
        self.sums[y1 * s + x1] + self.sums[y0 * s + x0] - self.sums[y0 * s + x1] - self.sums[y1 * s + x0]
    }
}

/// Pixels of `mask` covered by some all-set `k`x`k` square (opening), grown by `grow` px.
fn open_and_grow(mask: &[bool], w: usize, h: usize, k: usize, grow: usize) -> Vec<bool> {
    let full = Integral::new(mask, w, h);
    // Top-left corners of all-set squares.
    let fits: Vec<bool> = (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            x + k <= w && y + k <= h && full.sum(x, y, x + k, y + k) == (k * k) as u32
        })
        .collect();
    let corners = Integral::new(&fits, w, h);
    // A pixel is covered when a fitting square's corner lies within k-1 (+ grow) above/left
    // of it, or within `grow` below/right.
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let x0 = x.saturating_sub(k - 1 + grow);
            let y0 = y.saturating_sub(k - 1 + grow);
            let (x1, y1) = ((x + grow + 1).min(w), (y + grow + 1).min(h));
            corners.sum(x0, y0, x1, y1) > 0
        })
        .collect()
}

/// Keeps only 8-connected pieces of `mask` whose bounding box spans at least `min_extent` px.
fn keep_large(mask: &mut [bool], w: usize, h: usize, min_extent: usize) {
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut piece = Vec::new();
    for start in 0..w * h {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        piece.clear();
        let (mut x_lo, mut x_hi, mut y_lo, mut y_hi) = (w, 0, h, 0);
        while let Some(i) = stack.pop() {
            piece.push(i);
            let (x, y) = (i % w, i / w);
            (x_lo, x_hi, y_lo, y_hi) = (x_lo.min(x), x_hi.max(x), y_lo.min(y), y_hi.max(y));
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if (x_hi - x_lo + 1).max(y_hi - y_lo + 1) < min_extent {
            for &i in &piece {
                mask[i] = false;
            }
        }
    }
}

/// Returns `gray` (a flattened page, paper ≈ 255) with broad-stroke marks turned to paper,
/// and whether any was found.
pub fn remove_broad_marks(gray: &GrayImage, px_per_pt: f32, p: &BroadParams) -> (GrayImage, bool) {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let k = (p.min_stroke_pt * px_per_pt).round().max(3.0) as usize;
    if w < k * 4 || h < k * 4 {
        return (gray.clone(), false);
    }
    let raw = gray.as_raw();
    let dark: Vec<bool> = raw.iter().map(|&v| v >= p.ink_level && v < p.paper_level).collect();
    let mut core = open_and_grow(&dark, w, h, k, 0);
    keep_large(&mut core, w, h, (p.min_extent_pt * px_per_pt) as usize);
    let n = core.iter().filter(|&&c| c).count();
    if n == 0 {
        return (gray.clone(), false);
    }
    // The mark's own gray: the median under its core (text over it is a small share).
    let mut hist = [0u32; 256];
    for (i, _) in core.iter().enumerate().filter(|(_, &c)| c) {
        hist[raw[i] as usize] += 1;
    }
    let median = {
        let mut acc = 0;
        (0..256).find(|&v| {
            acc += hist[v];
            acc * 2 >= n as u32
        })
    }
    .unwrap_or(128) as u32;
    // The page's ink: the darkest 0.2 % of all pixels.
    let mut page_hist = [0u64; 256];
    for &v in raw {
        page_hist[v as usize] += 1;
    }
    let target = (w * h) as u64 / 500;
    let mut acc = 0;
    let ink = (0..256).find(|&v| {
        acc += page_hist[v];
        acc >= target
    });
    let ink = ink.unwrap_or(0).min(median as usize) as u32;
    let cut = ((median + ink) / 2) as u8;
    let grow = (p.edge_pt * px_per_pt).round() as usize;
    let region = if grow > 0 {
        // Growing the core: an opening of the core with a 1-px square is the core itself.
        open_and_grow(&core, w, h, 1, grow)
    } else {
        core
    };
    let mut out = gray.clone();
    for (i, px) in out.pixels_mut().enumerate() {
        if region[i] && px.0[0] >= cut {
            *px = Luma([255]);
        }
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(g: &mut GrayImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>, v: u8) {
        for yy in y {
            for xx in x.clone() {
                g.put_pixel(xx, yy, Luma([v]));
            }
        }
    }

    /// 2 px/pt: a gray bar 20 pt wide and 150 pt long (a mark stroke), a black text line of
    /// 1-pt strokes crossing it, a bold blob 10 pt square, and a ruling.
    fn page() -> GrayImage {
        let mut g = GrayImage::from_pixel(600, 400, Luma([255]));
        fill(&mut g, 100..140, 50..350, 150);
        for x in (60..200).step_by(8) {
            fill(&mut g, x..x + 2, 190..210, 20);
        }
        fill(&mut g, 400..420, 100..120, 30);
        fill(&mut g, 20..580, 370..372, 60);
        g
    }

    #[test]
    fn the_wide_gray_stroke_goes_text_and_rulings_stay() {
        let (out, found) = remove_broad_marks(&page(), 2.0, &BroadParams::default());
        assert!(found);
        assert_eq!(out.get_pixel(120, 100).0[0], 255, "mark body removed");
        assert_eq!(out.get_pixel(100, 100).0[0], 255, "mark edge removed");
        assert!(out.get_pixel(124, 200).0[0] < 60, "text over the mark kept");
        assert!(out.get_pixel(410, 110).0[0] < 60, "small bold blob kept");
        assert!(out.get_pixel(300, 370).0[0] < 100, "ruling kept");
    }

    #[test]
    fn a_page_without_marks_is_unchanged() {
        let mut g = GrayImage::from_pixel(300, 300, Luma([255]));
        fill(&mut g, 20..280, 100..102, 40);
        let (out, found) = remove_broad_marks(&g, 2.0, &BroadParams::default());
        assert!(!found);
        assert_eq!(out, g);
    }
}
