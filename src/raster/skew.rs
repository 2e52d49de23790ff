//! Skew estimation. Table rulings and text lines are horizontal on a straight page, so the
//! angle that makes the row profile of ink most "peaky" (largest variance of per-row ink
//! counts after shearing) is the page's skew. Computed on a downscaled ink mask, so trying
//! 101 angles costs a few milliseconds.

use image::GrayImage;

use crate::pixel_math::round_i64;

/// Skew search tunables.
#[derive(Debug, Clone, Copy)]
pub struct SkewParams {
    /// Largest angle tried, degrees (the contract asks for ±5°).
    pub max_deg: f32,
    /// Coarse step, degrees; refined once around the best coarse angle at step/10.
    pub step_deg: f32,
    /// Downscale factor applied to the ink mask before the search.
    pub downscale: u32,
}

impl Default for SkewParams {
    fn default() -> Self {
        Self {
            max_deg: 5.0,
            step_deg: 0.25,
            downscale: 4,
        }
    }
}

/// Estimates the page's skew in degrees (positive = content rotated clockwise in image
/// coordinates, i.e. lines descend to the right). Rotate by the negative to straighten.
pub fn estimate_skew_deg(ink: &GrayImage, p: &SkewParams) -> f32 {
    let pts = ink_points(ink, p.downscale.max(1));
    if pts.len() < 50 {
        return 0.0;
    }
    let h = ink.height() / p.downscale.max(1) + 1;
    let score = |deg: f32| profile_variance(&pts, h, deg);
    let mut best = (0.0f32, score(0.0));
    let steps = (p.max_deg / p.step_deg).round() as i32;
    for i in -steps..=steps {
        let a = i as f32 * p.step_deg;
        let s = score(a);
        if s > best.1 {
            best = (a, s);
        }
    }
    // Refine at full resolution: the coarse grid cannot resolve a tenth of a degree.
    let full = ink_points(ink, 1);
    let full_h = ink.height() + 1;
    let fine = p.step_deg / 10.0;
    let centre = best.0;
    let mut refined = (centre, profile_variance(&full, full_h, centre));
    for i in -10..=10 {
        let a = centre + i as f32 * fine;
        if a.abs() > p.max_deg {
            continue;
        }
        let s = profile_variance(&full, full_h, a);
        if s > refined.1 {
            refined = (a, s);
        }
    }
    refined.0
}

/// One point per `f` × `f` cell of `ink` holding any ink, in cell coordinates.
pub(crate) fn ink_points(ink: &GrayImage, f: u32) -> Vec<(f32, f32)> {
    let (w, h) = ink.dimensions();
    let mut pts = Vec::new();
    for by in 0..h / f {
        for bx in 0..w / f {
            let mut any = false;
            'cell: for y in by * f..(by + 1) * f {
                for x in bx * f..(bx + 1) * f {
                    if ink.as_raw()[(y * w + x) as usize] > 0 {
                        any = true;
                        break 'cell;
                    }
                }
            }
            if any {
                pts.push((bx as f32, by as f32));
            }
        }
    }
    pts
}

fn profile_variance(pts: &[(f32, f32)], h: u32, deg: f32) -> f64 {
    let t = deg.to_radians().tan();
    let pad = (h as f32 * 0.1) as i64 + 2;
    let mut bins =
        vec![0u32; (h as i64 + 2 * pad + pts.iter().map(|p| p.0 as i64).max().unwrap_or(0) / 8 + 2) as usize];
    for &(x, y) in pts {
        let row = round_i64(y - x * t) + pad;
        if row >= 0 && (row as usize) < bins.len() {
            bins[row as usize] += 1;
        }
    }
    let n = bins.len() as f64;
    let mean = bins.iter().map(|&b| b as f64).sum::<f64>() / n;
    bins.iter().map(|&b| (b as f64 - mean).powi(2)).sum::<f64>() / n
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn lines_at_angle(deg: f32) -> GrayImage {
        let mut img = GrayImage::new(800, 600);
        let t = deg.to_radians().tan();
        for k in 0..12 {
            let y0 = 60.0 + k as f32 * 40.0;
            for x in 50..750 {
                let y = (y0 + x as f32 * t).round() as i64;
                for dy in 0..2 {
                    let yy = y + dy;
                    if (0..600).contains(&yy) {
                        img.put_pixel(x, yy as u32, Luma([255]));
                    }
                }
            }
        }
        img
    }

    #[test]
    fn recovers_known_skew_within_a_tenth_of_a_degree() {
        for deg in [-3.0f32, -1.2, 0.0, 0.7, 2.0, 4.5] {
            let est = estimate_skew_deg(&lines_at_angle(deg), &SkewParams::default());
            assert!((est - deg).abs() <= 0.1, "true {deg}, estimated {est}");
        }
    }

    #[test]
    fn blank_page_has_no_skew() {
        assert_eq!(
            estimate_skew_deg(&GrayImage::new(100, 100), &SkewParams::default()),
            0.0
        );
    }
}
