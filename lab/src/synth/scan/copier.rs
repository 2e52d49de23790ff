//! Office-copier effects: a hard tone curve (the copier's "darker" setting: light grays drop
//! to paper, mid grays go near black) and streaks where the drum or the glass is dirty.

use super::degrade::Raster;
use crate::synth::rng::SplitMix64;

/// Linear stretch of [`lo`, `hi`] to [0, 255], clipping outside: heavy contrast.
pub(crate) fn contrast(raster: &mut Raster, lo: u8, hi: u8) {
    if hi <= lo {
        return;
    }
    let (lo, span) = (lo as i32, (hi - lo) as i32);
    let lut: Vec<u8> = (0..256i32)
        .map(|v| ((v - lo) * 255 / span).clamp(0, 255) as u8)
        .collect();
    for s in raster.samples_mut() {
        *s = lut[*s as usize];
    }
}

/// `count` vertical streaks (the copy runs down the page past a dirty spot): each is 1–4 px
/// wide, darkens by up to `strength` (0–255) and fades in and out along the page.
pub(crate) fn streaks(raster: &mut Raster, count: usize, strength: f32, rng: &mut SplitMix64) {
    let (w, h, c) = (raster.width() as usize, raster.height() as usize, raster.channels());
    if w == 0 || h == 0 {
        return;
    }
    let data = raster.samples_mut();
    for _ in 0..count {
        let x0 = rng.below(w as u64) as usize;
        let width = rng.range_i64(1, 4) as usize;
        let depth = strength * rng.range_f64(0.5, 1.0) as f32;
        let (f1, p1) = (rng.range_f64(0.5, 3.0) as f32, rng.range_f64(0.0, 6.3) as f32);
        for y in 0..h {
            let t = y as f32 / h as f32;
            // Between 0.2 and 1 of the depth: a streak is never entirely gone.
            let along = 0.6 + 0.4 * (std::f32::consts::TAU * f1 * t + p1).sin();
            let d = (depth * along) as i32;
            for x in x0..(x0 + width).min(w) {
                for s in &mut data[(y * w + x) * c..(y * w + x + 1) * c] {
                    *s = (*s as i32 - d).max(0) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn contrast_clips_both_ends() {
        let mut r = Raster::Gray(GrayImage::from_raw(3, 1, vec![40, 128, 230]).unwrap());
        contrast(&mut r, 60, 200);
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.as_raw()[0], 0);
        assert_eq!(g.as_raw()[2], 255);
        assert!((120..=130).contains(&g.as_raw()[1]));
    }

    #[test]
    fn streaks_darken_whole_columns_only() {
        let mut r = Raster::Gray(GrayImage::from_pixel(50, 40, Luma([255])));
        streaks(&mut r, 2, 80.0, &mut SplitMix64::new(4));
        let Raster::Gray(g) = r else { unreachable!() };
        let dark_cols: Vec<u32> = (0..50)
            .filter(|&x| (0..40).all(|y| g.get_pixel(x, y).0[0] < 255))
            .collect();
        assert!(!dark_cols.is_empty() && dark_cols.len() <= 8, "{dark_cols:?}");
        for x in 0..50 {
            let col: Vec<u8> = (0..40).map(|y| g.get_pixel(x, y).0[0]).collect();
            assert!(col.iter().all(|&v| v == 255) || col.iter().all(|&v| v < 255));
        }
    }
}
