//! Background flattening: every pixel divided by the paper level around it, so paper reads
//! white across the whole page. Poor scans are printed on gray stock and shaded by the lamp
//! (paper anywhere from ~170 to ~235); without this, one fixed "paper is brighter than this"
//! level either leaves the darker paper in place or, where paper sits right at that level,
//! turns it into salt-and-pepper that the text detector and the recogniser both read as ink.

use image::GrayImage;

use crate::pixel_math::{floor_i64, round_i64};

/// Flattening tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlattenParams {
    /// Side of the blocks the paper level is sampled in, as a fraction of the page width:
    /// 1/48 is ~26 px at 150 DPI and ~52 px at 300 DPI, a little over a text line.
    pub block_frac: f32,
    /// Share of a block's pixels darker than its paper level: paper is the bright end of the
    /// histogram, but not the very top, which is noise.
    pub paper_quantile: f32,
    /// Blocks are widened by this many neighbours on each side (their brightest paper level
    /// wins), so a block filled by a bold heading still finds paper.
    pub reach_blocks: u32,
    /// Paper levels below this are left alone: that is a dark picture, not paper.
    pub min_paper: u8,
}

impl Default for FlattenParams {
    fn default() -> Self {
        Self {
            block_frac: 1.0 / 48.0,
            paper_quantile: 0.9,
            reach_blocks: 1,
            min_paper: 96,
        }
    }
}

/// Returns `gray` with each pixel scaled by 255 / (the paper level around it), clipped.
pub fn flatten_background(gray: &GrayImage, p: &FlattenParams) -> GrayImage {
    let (w, h) = gray.dimensions();
    if w == 0 || h == 0 {
        return gray.clone();
    }
    let block = ((w as f32 * p.block_frac) as u32).max(8);
    let (nx, ny) = (w.div_ceil(block), h.div_ceil(block));
    let levels = block_levels(gray, block, nx, ny, p.paper_quantile);
    let paper = widen(&levels, nx, ny, p.reach_blocks);

    // Bilinear interpolation between block centres keeps the field smooth, so block edges
    // never show up as steps in the flattened page. A column's two blocks and weight are the
    // same on every row: found once.
    let half = block as f32 / 2.0;
    let clamp_x = |bx: i64| bx.clamp(0, nx as i64 - 1) as usize;
    let columns: Vec<(usize, usize, f32)> = (0..w)
        .map(|x| {
            let fx = (x as f32 + 0.5 - half) / block as f32;
            let bx = floor_i64(fx);
            (clamp_x(bx), clamp_x(bx + 1), fx - bx as f32)
        })
        .collect();
    let paper_row = |by: i64| {
        let r = by.clamp(0, ny as i64 - 1) as usize * nx as usize;
        &paper[r..r + nx as usize]
    };
    let mut out = GrayImage::new(w, h);
    let raw = gray.as_raw();
    for (y, (dst, src)) in out
        .chunks_exact_mut(w as usize)
        .zip(raw.chunks_exact(w as usize))
        .enumerate()
    {
        let fy = (y as f32 + 0.5 - half) / block as f32;
        let by = floor_i64(fy);
        let ty = fy - by as f32;
        let (upper, lower) = (paper_row(by), paper_row(by + 1));
        for ((d, &v), &(x0, x1, tx)) in dst.iter_mut().zip(src).zip(&columns) {
            let top = upper[x0] * (1.0 - tx) + upper[x1] * tx;
            let bottom = lower[x0] * (1.0 - tx) + lower[x1] * tx;
            let level = top * (1.0 - ty) + bottom * ty;
            *d = if level < p.min_paper as f32 {
                v
            } else {
                round_i64(f32::from(v) * 255.0 / level).min(255) as u8
            };
        }
    }
    out
}

/// The `quantile` gray level of each block, row by row.
fn block_levels(gray: &GrayImage, block: u32, nx: u32, ny: u32, quantile: f32) -> Vec<f32> {
    let (w, h) = gray.dimensions();
    let mut out = Vec::with_capacity((nx * ny) as usize);
    for by in 0..ny {
        for bx in 0..nx {
            let mut hist = [0u32; 256];
            let (x0, y0) = (bx * block, by * block);
            let (x1, y1) = ((x0 + block).min(w), (y0 + block).min(h));
            for y in y0..y1 {
                for x in x0..x1 {
                    hist[gray.as_raw()[(y * w + x) as usize] as usize] += 1;
                }
            }
            let n = (x1 - x0) * (y1 - y0);
            let want = (n as f32 * quantile).ceil() as u32;
            let mut seen = 0;
            let level = hist
                .iter()
                .position(|&c| {
                    seen += c;
                    seen >= want
                })
                .unwrap_or(255);
            out.push(level as f32);
        }
    }
    out
}

/// Each block's level replaced by the brightest within `reach` blocks.
fn widen(levels: &[f32], nx: u32, ny: u32, reach: u32) -> Vec<f32> {
    let r = reach as i64;
    let mut out = vec![0.0; levels.len()];
    for by in 0..ny as i64 {
        for bx in 0..nx as i64 {
            let mut best = 0.0f32;
            for y in (by - r).max(0)..=(by + r).min(ny as i64 - 1) {
                for x in (bx - r).max(0)..=(bx + r).min(nx as i64 - 1) {
                    best = best.max(levels[(y * nx as i64 + x) as usize]);
                }
            }
            out[(by * nx as i64 + bx) as usize] = best;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Paper shading from 235 on the left to 175 on the right, with ink at 25 % of the local
    /// paper level in a band of text-like strokes across the middle.
    fn shaded_page() -> GrayImage {
        GrayImage::from_fn(480, 300, |x, y| {
            let paper = 235.0 - 60.0 * x as f32 / 479.0;
            let ink = (140..160).contains(&y) && x % 6 < 3;
            Luma([if ink { paper * 0.25 } else { paper } as u8])
        })
    }

    #[test]
    fn shaded_paper_comes_out_white_and_ink_stays_dark() {
        let f = flatten_background(&shaded_page(), &FlattenParams::default());
        // Stroke columns are those with x % 6 < 3.
        for x in [6, 240, 468] {
            assert!(
                f.get_pixel(x, 20).0[0] >= 250,
                "paper at x={x}: {}",
                f.get_pixel(x, 20).0[0]
            );
            assert!(
                f.get_pixel(x, 150).0[0] <= 75,
                "ink at x={x}: {}",
                f.get_pixel(x, 150).0[0]
            );
        }
    }

    #[test]
    fn white_page_is_unchanged() {
        let mut g = GrayImage::from_pixel(200, 100, Luma([255]));
        g.put_pixel(50, 50, Luma([20]));
        assert_eq!(flatten_background(&g, &FlattenParams::default()), g);
    }

    #[test]
    fn a_block_filled_with_ink_borrows_its_neighbours_paper() {
        // A 20×20 solid glyph on 200 paper: its own blocks' level is ink, but the widened
        // level is paper, so it stays dark rather than being stretched to white.
        let mut g = GrayImage::from_pixel(480, 200, Luma([200]));
        for y in 90..110 {
            for x in 230..250 {
                g.put_pixel(x, y, Luma([40]));
            }
        }
        let f = flatten_background(&g, &FlattenParams::default());
        assert!(f.get_pixel(240, 100).0[0] <= 60);
        assert!(f.get_pixel(100, 20).0[0] >= 250);
    }

    #[test]
    fn the_field_is_the_per_pixel_bilinear_blend_of_the_block_levels() {
        // The per-pixel formula, written out, against the column-table version.
        let page = shaded_page();
        let p = FlattenParams::default();
        let (w, h) = page.dimensions();
        let block = ((w as f32 * p.block_frac) as u32).max(8);
        let (nx, ny) = (w.div_ceil(block), h.div_ceil(block));
        let paper = widen(
            &block_levels(&page, block, nx, ny, p.paper_quantile),
            nx,
            ny,
            p.reach_blocks,
        );
        let at = |bx: i64, by: i64| {
            paper[(by.clamp(0, ny as i64 - 1) as u32 * nx + bx.clamp(0, nx as i64 - 1) as u32) as usize]
        };
        let half = block as f32 / 2.0;
        let want = GrayImage::from_fn(w, h, |x, y| {
            let fx = (x as f32 + 0.5 - half) / block as f32;
            let fy = (y as f32 + 0.5 - half) / block as f32;
            let (bx, by) = (fx.floor(), fy.floor());
            let (tx, ty) = (fx - bx, fy - by);
            let (bx, by) = (bx as i64, by as i64);
            let top = at(bx, by) * (1.0 - tx) + at(bx + 1, by) * tx;
            let bottom = at(bx, by + 1) * (1.0 - tx) + at(bx + 1, by + 1) * tx;
            let level = top * (1.0 - ty) + bottom * ty;
            let v = page.get_pixel(x, y).0[0];
            Luma([if level < p.min_paper as f32 {
                v
            } else {
                (v as f32 * 255.0 / level).round().min(255.0) as u8
            }])
        });
        assert_eq!(flatten_background(&page, &p), want);
    }
}
