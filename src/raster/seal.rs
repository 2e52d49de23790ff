//! Red seals (公章) told apart from red print by shape, not by hue alone. The report itself
//! prints in red (the borders of 逾期（透支）信息汇总, 呆账 and 被追偿 blocks, grid titles and
//! labels such as 当前逾期期数), and pink and orange borders also pass a "red" test, so
//! whitening every red pixel erases exactly the blocks a lender most needs. A seal is a round
//! stamp of 30–50 mm with a closed ring and dense ink inside; red print is thin lines and glyph
//! strokes. Seals are found as dense red spots ringed by a red circle, and only red ink inside
//! such a circle is removed — except long straight runs that continue outside it (a red table
//! ruling the seal was stamped across).

use image::{GrayImage, Luma, RgbImage};

/// Seal search tunables (millimetres on the paper).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SealParams {
    /// Smallest and largest ring radius looked for.
    pub min_radius_mm: f32,
    pub max_radius_mm: f32,
    /// Side of the square in which red ink must be dense for a seal to be looked for.
    pub window_mm: f32,
    /// Share of that square covered by red ink: a seal's ring, star and characters cover
    /// ~20–30 % of it, a red-bordered table or a red title line under 10 %.
    pub min_density: f32,
    /// Share of the ring's angular bins that must hold red ink (blotchy ink leaves gaps).
    pub min_ring_cover: f32,
}

impl Default for SealParams {
    fn default() -> Self {
        Self {
            min_radius_mm: 13.0,
            max_radius_mm: 26.0,
            window_mm: 20.0,
            min_density: 0.13,
            min_ring_cover: 0.7,
        }
    }
}

/// A seal found on the page, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seal {
    pub cx: f32,
    pub cy: f32,
    pub radius: f32,
}

/// Whether an RGB pixel is red ink: red clearly above green and blue. Black/gray ink has
/// r≈g≈b; blue print has a low red channel.
pub fn is_red(r: u8, g: u8, b: u8) -> bool {
    let (r, g, b) = (r as i16, g as i16, b as i16);
    r > 110 && r - g > 45 && r - b > 45
}

/// Coarse cells are this big on the paper.
const CELL_MM: f32 = 0.5;
/// Dense spots examined per page (each costs a ring search of ~2 M probes).
const MAX_SEARCHES: usize = 12;
/// Cells (each way, in centre and radius) of the fine search around the coarse best ring.
const REFINE_CELLS: i32 = 3;
/// Angular bins of the ring test.
const RING_BINS: usize = 90;

/// Red-ink map on a grid of [`CELL_MM`] cells: a cell is red when a quarter of its pixels are.
struct RedGrid {
    w: usize,
    h: usize,
    cell: usize,
    red: Vec<bool>,
}

impl RedGrid {
    fn new(img: &RgbImage, px_per_mm: f32) -> Self {
        let cell = ((px_per_mm * CELL_MM).round() as usize).max(1);
        let (iw, ih) = (img.width() as usize, img.height() as usize);
        let (w, h) = (iw.div_ceil(cell), ih.div_ceil(cell));
        let mut count = vec![0u32; w * h];
        for (x, y, p) in img.enumerate_pixels() {
            if is_red(p.0[0], p.0[1], p.0[2]) {
                count[(y as usize / cell) * w + x as usize / cell] += 1;
            }
        }
        let need = ((cell * cell) as u32 / 4).max(1);
        Self {
            w,
            h,
            cell,
            red: count.into_iter().map(|c| c >= need).collect(),
        }
    }

    fn at(&self, x: i64, y: i64) -> bool {
        x >= 0 && y >= 0 && (x as usize) < self.w && (y as usize) < self.h && self.red[y as usize * self.w + x as usize]
    }

    /// Share of the ring's bins holding red within ±1 cell of radius `r` (cells) around (cx, cy).
    fn ring_cover(&self, cx: f32, cy: f32, r: f32) -> f32 {
        let hit = (0..RING_BINS)
            .filter(|&k| {
                let a = k as f32 * std::f32::consts::TAU / RING_BINS as f32;
                let (s, c) = a.sin_cos();
                [-1.0f32, 0.0, 1.0].iter().any(|dr| {
                    let rr = r + dr;
                    self.at((cx + rr * c).round() as i64, (cy + rr * s).round() as i64)
                })
            })
            .count();
        hit as f32 / RING_BINS as f32
    }
}

/// Finds round red seals on a page rendered at `px_per_mm`.
pub fn find_seals(img: &RgbImage, px_per_mm: f32, p: &SealParams) -> Vec<Seal> {
    let grid = RedGrid::new(img, px_per_mm);
    let (w, h) = (grid.w, grid.h);
    if w == 0 || h == 0 || !grid.red.iter().any(|&r| r) {
        return Vec::new();
    }
    // Integral image of red cells for the density window.
    let stride = w + 1;
    let mut integral = vec![0u32; stride * (h + 1)];
    for y in 0..h {
        let mut row = 0;
        for x in 0..w {
            row += grid.red[y * w + x] as u32;
            integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1] + row;
        }
    }
    let half = ((p.window_mm / CELL_MM) / 2.0).round() as usize;
    let density = |x: usize, y: usize| {
        let (x0, y0) = (x.saturating_sub(half), y.saturating_sub(half));
        let (x1, y1) = ((x + half + 1).min(w), (y + half + 1).min(h));
        let sum = integral[y1 * stride + x1] + integral[y0 * stride + x0]
            - integral[y0 * stride + x1]
            - integral[y1 * stride + x0];
        sum as f32 / ((2 * half + 1) * (2 * half + 1)) as f32
    };
    // Candidate centres: the densest window positions, sampled every 2 mm.
    let step = (2.0 / CELL_MM) as usize;
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for y in (0..h).step_by(step) {
        for x in (0..w).step_by(step) {
            let d = density(x, y);
            if d >= p.min_density {
                candidates.push((d, x, y));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (r_lo, r_hi) = (p.min_radius_mm / CELL_MM, p.max_radius_mm / CELL_MM);
    let mut seals: Vec<(f32, f32, f32)> = Vec::new();
    // The ring search below covers ±8 mm around a candidate, so candidates closer than that
    // to one already searched add nothing; a page holds few seals.
    let mut searched: Vec<(usize, usize)> = Vec::new();
    let near = (8.0 / CELL_MM) as usize;
    for &(_, x, y) in &candidates {
        if searched.len() >= MAX_SEARCHES {
            break;
        }
        if searched
            .iter()
            .any(|&(sx, sy)| sx.abs_diff(x) <= near && sy.abs_diff(y) <= near)
        {
            continue;
        }
        searched.push((x, y));
        // Already explained by a seal found before.
        if seals
            .iter()
            .any(|&(sx, sy, sr)| (sx - x as f32).hypot(sy - y as f32) < sr)
        {
            continue;
        }
        let mut best = (0.0f32, 0.0, 0.0, 0.0);
        // The densest window need not be centred on the seal: search ±8 mm around it.
        let reach = (8.0 / CELL_MM) as i64;
        for dy in (-reach..=reach).step_by(2) {
            for dx in (-reach..=reach).step_by(2) {
                let (cx, cy) = (x as f32 + dx as f32, y as f32 + dy as f32);
                let mut r = r_lo;
                while r <= r_hi {
                    let cover = grid.ring_cover(cx, cy, r);
                    if cover > best.0 {
                        best = (cover, cx, cy, r);
                    }
                    r += 1.0;
                }
            }
        }
        // The coarse step can straddle a thin or blotchy ring's true centre, which costs it a
        // tenth of its cover (a seal on a colour scan read 0.67 there, 0.70 at its centre):
        // refine around the best at single-cell steps.
        let (_, bx, by, br) = best;
        for dy in -REFINE_CELLS..=REFINE_CELLS {
            for dx in -REFINE_CELLS..=REFINE_CELLS {
                for dr in -REFINE_CELLS..=REFINE_CELLS {
                    let (cx, cy, r) = (bx + dx as f32, by + dy as f32, br + dr as f32);
                    if !(r_lo..=r_hi).contains(&r) {
                        continue;
                    }
                    let cover = grid.ring_cover(cx, cy, r);
                    if cover > best.0 {
                        best = (cover, cx, cy, r);
                    }
                }
            }
        }
        // One seal per place: a ring found inside one already found is its inner ring or its
        // characters, and erasing red over its larger reach would take red print with it.
        let inside_found = seals.iter().any(|&(sx, sy, sr)| (sx - best.1).hypot(sy - best.2) < sr);
        if best.0 >= p.min_ring_cover && !inside_found {
            seals.push((best.1, best.2, best.3));
        }
    }
    let cell = grid.cell as f32;
    seals
        .into_iter()
        .map(|(cx, cy, r)| Seal {
            cx: (cx + 0.5) * cell,
            cy: (cy + 0.5) * cell,
            radius: (r + 0.5) * cell,
        })
        .collect()
}

/// Slopes (tangents) tried for a ruling that runs under a seal: seals are removed before the
/// page is deskewed, and over a seal's width a ruling tilted by a scan's 1–2° drifts several
/// pixels off any one pixel row.
const RULING_SLOPES: [f32; 17] = [
    -0.035, -0.030, -0.026, -0.022, -0.017, -0.013, -0.009, -0.004, 0.0, 0.004, 0.009, 0.013, 0.017, 0.022, 0.026,
    0.030, 0.035,
];

/// Gray page (BT.601 luma) with the red ink inside `seals` turned to paper white. Red print
/// elsewhere keeps its gray value, as a gray scan would have it; red rulings that run through a
/// seal and on beyond it, level or tilted, are kept too. `margin` (px) widens each seal for its
/// blurred edge.
pub fn gray_without_seals(img: &RgbImage, seals: &[Seal], margin: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let mut out = GrayImage::from_fn(w, h, |x, y| Luma([super::binarize::luma(img.get_pixel(x, y).0)]));
    for s in seals {
        let r = s.radius + margin;
        let x0 = (s.cx - r).floor().max(0.0) as u32;
        let y0 = (s.cy - r).floor().max(0.0) as u32;
        let x1 = ((s.cx + r).ceil().max(0.0) as u32).min(w);
        let y1 = ((s.cy + r).ceil().max(0.0) as u32).min(h);
        let keep = rulings_through(img, s, r);
        for y in y0..y1 {
            for x in x0..x1 {
                let p = img.get_pixel(x, y).0;
                let inside = (x as f32 + 0.5 - s.cx).hypot(y as f32 + 0.5 - s.cy) <= r;
                if inside && is_red(p[0], p[1], p[2]) && !keep.contains(x, y) {
                    out.put_pixel(x, y, Luma([255]));
                }
            }
        }
    }
    out
}

/// Pixels of a seal's disc that belong to red rulings crossing it.
struct KeepMask {
    x0: u32,
    y0: u32,
    w: u32,
    h: u32,
    keep: Vec<bool>,
}

impl KeepMask {
    fn contains(&self, x: u32, y: u32) -> bool {
        x >= self.x0
            && y >= self.y0
            && x < self.x0 + self.w
            && y < self.y0 + self.h
            && self.keep[((y - self.y0) * self.w + x - self.x0) as usize]
    }
}

/// The red straight runs (rulings) that cross the disc of radius `r` around the seal: red on
/// both sides outside the disc, probed a quarter radius beyond it where a ruling is plain
/// print, and red (allowing the seal's own gaps) nearly all along, at one of
/// [`RULING_SLOPES`]. Each such run's pixels, a pixel either side, are kept.
fn rulings_through(img: &RgbImage, s: &Seal, r: f32) -> KeepMask {
    let (w, h) = img.dimensions();
    let ext = r * 1.25;
    let bx0 = (s.cx - ext).floor().max(0.0) as u32;
    let by0 = (s.cy - ext).floor().max(0.0) as u32;
    let bx1 = ((s.cx + ext).ceil().max(0.0) as u32).min(w);
    let by1 = ((s.cy + ext).ceil().max(0.0) as u32).min(h);
    let (bw, bh) = (bx1.saturating_sub(bx0), by1.saturating_sub(by0));
    let mut mask = KeepMask {
        x0: bx0,
        y0: by0,
        w: bw,
        h: bh,
        keep: vec![false; (bw * bh) as usize],
    };
    if bw == 0 || bh == 0 {
        return mask;
    }
    // Red map of the probed square, and whether a box pixel lies outside the disc.
    let red: Vec<bool> = (0..bw * bh)
        .map(|i| {
            let p = img.get_pixel(bx0 + i % bw, by0 + i / bw).0;
            is_red(p[0], p[1], p[2])
        })
        .collect();
    let outside = |x: u32, y: u32| (x as f32 + 0.5 - s.cx).hypot(y as f32 + 0.5 - s.cy) > r;
    for horizontal in [true, false] {
        // Along: the run's direction (box coordinates); across: the ruling's offset.
        let (along_len, across_len) = if horizontal { (bw, bh) } else { (bh, bw) };
        let centre = if horizontal {
            s.cx - bx0 as f32
        } else {
            s.cy - by0 as f32
        };
        let at = |i: u32, off: f32, t: f32| -> Option<(u32, u32)> {
            let a = (off + (i as f32 + 0.5 - centre) * t).round();
            if a < 0.0 || a >= across_len as f32 {
                return None;
            }
            Some(if horizontal { (i, a as u32) } else { (a as u32, i) })
        };
        for off in 0..across_len {
            for &t in &RULING_SLOPES {
                let line: Vec<Option<(u32, u32)>> = (0..along_len).map(|i| at(i, off as f32, t)).collect();
                let red_at = |p: Option<(u32, u32)>| p.is_some_and(|(x, y)| red[(y * bw + x) as usize]);
                let out_red = |p: Option<(u32, u32)>| red_at(p) && p.is_some_and(|(x, y)| outside(bx0 + x, by0 + y));
                let (Some(a), Some(b)) = (
                    line.iter().position(|&p| out_red(p)),
                    line.iter().rposition(|&p| out_red(p)),
                ) else {
                    continue;
                };
                let (a, b) = (a as u32, b as u32);
                let hits = line[a as usize..=b as usize].iter().filter(|&&p| red_at(p)).count() as u32;
                if b <= a + r as u32 || hits * 10 < (b - a + 1) * 9 {
                    continue;
                }
                for &p in &line[a as usize..=b as usize] {
                    let Some((x, y)) = p else { continue };
                    for d in -1i64..=1 {
                        let (kx, ky) = if horizontal {
                            (x as i64, y as i64 + d)
                        } else {
                            (x as i64 + d, y as i64)
                        };
                        if kx >= 0 && ky >= 0 && (kx as u32) < bw && (ky as u32) < bh {
                            mask.keep[(ky as u32 * bw + kx as u32) as usize] = true;
                        }
                    }
                }
                break;
            }
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    const RED: Rgb<u8> = Rgb([220, 40, 40]);

    fn fill(img: &mut RgbImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>, c: Rgb<u8>) {
        for yy in y {
            for xx in x.clone() {
                img.put_pixel(xx, yy, c);
            }
        }
    }

    /// 8 px/mm: a 40 mm seal (ring, filled centre) at (200, 200) px, a red-bordered table
    /// (1 px lines every 6 mm) to its right, and a red title line of glyph-like strokes.
    fn page() -> RgbImage {
        let mut img = RgbImage::from_pixel(800, 600, Rgb([250, 250, 250]));
        for (x, y, p) in img.enumerate_pixels_mut() {
            let d = (x as f32 + 0.5 - 200.0).hypot(y as f32 + 0.5 - 200.0);
            if (150.0..=160.0).contains(&d) || d < 40.0 || ((80.0..120.0).contains(&d) && (x / 6) % 2 == 0) {
                *p = RED;
            }
        }
        for k in 0..8 {
            fill(&mut img, 420..780, 100 + k * 48..102 + k * 48, RED);
        }
        for x in [420, 540, 660, 778] {
            fill(&mut img, x..x + 2, 100..438, RED);
        }
        for k in 0..20 {
            fill(&mut img, 420 + k * 16..424 + k * 16, 460..490, RED);
            fill(&mut img, 420 + k * 16..432 + k * 16, 470..473, RED);
        }
        // A red ruling running under the seal and on to the page edge.
        fill(&mut img, 0..800, 300..302, RED);
        img
    }

    #[test]
    fn finds_the_seal_and_nothing_in_red_print() {
        let seals = find_seals(&page(), 8.0, &SealParams::default());
        assert_eq!(seals.len(), 1, "{seals:?}");
        let s = seals[0];
        assert!((s.cx - 200.0).abs() < 8.0 && (s.cy - 200.0).abs() < 8.0, "{s:?}");
        assert!((s.radius - 155.0).abs() < 10.0, "{s:?}");
    }

    #[test]
    fn seal_ink_goes_red_print_stays() {
        let img = page();
        let seals = find_seals(&img, 8.0, &SealParams::default());
        let g = gray_without_seals(&img, &seals, 4.0);
        assert_eq!(g.get_pixel(200, 200).0[0], 255, "seal centre whitened");
        assert_eq!(g.get_pixel(200, 46).0[0], 255, "seal ring whitened");
        assert!(g.get_pixel(500, 148).0[0] < 120, "table ruling kept");
        assert!(g.get_pixel(421, 470).0[0] < 120, "title stroke kept");
        assert!(g.get_pixel(200, 300).0[0] < 120, "ruling under the seal kept");
    }

    #[test]
    fn a_tilted_ruling_under_the_seal_is_kept() {
        // The same seal with a red ruling across the page tilted 1.1° (the page not yet
        // deskewed): 2 px thick, drifting 15 px over the page's width.
        let mut img = page();
        for x in 0..800u32 {
            let y = 250.0 + (x as f32 - 400.0) * 0.02;
            fill(&mut img, x..x + 1, y as u32..y as u32 + 2, RED);
        }
        let seals = find_seals(&img, 8.0, &SealParams::default());
        assert_eq!(seals.len(), 1, "{seals:?}");
        let g = gray_without_seals(&img, &seals, 4.0);
        for x in [120u32, 200, 280] {
            let y = (250.0 + (x as f32 - 400.0) * 0.02) as u32;
            assert!(g.get_pixel(x, y).0[0] < 120, "tilted ruling kept at x = {x}");
        }
        assert_eq!(g.get_pixel(200, 200).0[0], 255, "seal centre still whitened");
    }

    #[test]
    fn no_red_no_seal() {
        let img = RgbImage::from_pixel(300, 300, Rgb([240, 240, 240]));
        assert!(find_seals(&img, 8.0, &SealParams::default()).is_empty());
    }
}
