//! Raster degradations that imitate a print-and-scan cycle. Each works on 8-bit gray or RGB
//! buffers alike: photometric effects change every channel of a pixel by the same amount, so a
//! gray pixel stays gray and only the (red) seal carries colour.

use image::{GrayImage, ImageBuffer, Luma, Pixel, Rgb, RgbImage};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};

use crate::synth::rng::SplitMix64;

/// A page raster: gray unless a colour seal was stamped on it (keeping plain pages single
/// channel makes them three times cheaper to process and smaller as JPEG).
pub(crate) enum Raster {
    Gray(GrayImage),
    Rgb(RgbImage),
}

impl Raster {
    pub(crate) fn width(&self) -> u32 {
        match self {
            Raster::Gray(i) => i.width(),
            Raster::Rgb(i) => i.width(),
        }
    }

    pub(crate) fn height(&self) -> u32 {
        match self {
            Raster::Gray(i) => i.height(),
            Raster::Rgb(i) => i.height(),
        }
    }

    pub(super) fn channels(&self) -> usize {
        match self {
            Raster::Gray(_) => 1,
            Raster::Rgb(_) => 3,
        }
    }

    pub(super) fn samples_mut(&mut self) -> &mut [u8] {
        match self {
            Raster::Gray(i) => i.as_mut(),
            Raster::Rgb(i) => i.as_mut(),
        }
    }

    /// Promotes a gray raster to RGB (needed before stamping a coloured seal).
    pub(crate) fn into_rgb(self) -> RgbImage {
        match self {
            Raster::Rgb(i) => i,
            Raster::Gray(g) => {
                let (w, h) = g.dimensions();
                let data = g.into_raw().into_iter().flat_map(|v| [v, v, v]).collect();
                // Length is exactly w*h*3 by construction.
                RgbImage::from_raw(w, h, data).unwrap_or_else(|| RgbImage::new(w, h))
            }
        }
    }

    /// Rotates by a multiple of 90° clockwise (0, 90, 180, 270); other values leave it as is.
    pub(crate) fn rotate_quarter(self, degrees_cw: u16) -> Self {
        use image::imageops::{rotate180, rotate270, rotate90};
        match (self, degrees_cw) {
            (Raster::Gray(i), 90) => Raster::Gray(rotate90(&i)),
            (Raster::Gray(i), 180) => Raster::Gray(rotate180(&i)),
            (Raster::Gray(i), 270) => Raster::Gray(rotate270(&i)),
            (Raster::Rgb(i), 90) => Raster::Rgb(rotate90(&i)),
            (Raster::Rgb(i), 180) => Raster::Rgb(rotate180(&i)),
            (Raster::Rgb(i), 270) => Raster::Rgb(rotate270(&i)),
            (r, _) => r,
        }
    }

    /// Small-angle skew as from a sheet fed crookedly; uncovered corners become paper white.
    pub(crate) fn skew(self, degrees: f32) -> Self {
        if degrees.abs() < 1e-3 {
            return self;
        }
        let theta = degrees.to_radians();
        match self {
            Raster::Gray(i) => Raster::Gray(rotate_about_center(
                &i,
                theta,
                Interpolation::Bilinear,
                Border::Constant(Luma([255])),
            )),
            Raster::Rgb(i) => Raster::Rgb(rotate_about_center(
                &i,
                theta,
                Interpolation::Bilinear,
                Border::Constant(Rgb([255, 255, 255])),
            )),
        }
    }

    /// Optics/sensor blur.
    pub(crate) fn blur(self, sigma: f32) -> Self {
        if sigma <= 0.0 {
            return self;
        }
        match self {
            Raster::Gray(i) => Raster::Gray(blur_image(&i, sigma)),
            Raster::Rgb(i) => Raster::Rgb(blur_image(&i, sigma)),
        }
    }

    /// Compresses the tone range: paper is not pure white, toner not pure black.
    pub(crate) fn tone(&mut self, paper: u8, ink: u8) {
        let (paper, ink) = (paper as u32, ink as u32);
        if paper == 255 && ink == 0 {
            return;
        }
        let lut: Vec<u8> = (0..256u32).map(|v| (ink + v * (paper - ink) / 255) as u8).collect();
        for s in self.samples_mut() {
            *s = lut[*s as usize];
        }
    }

    /// Multiplies brightness by a smooth field: a linear gradient in a random direction plus
    /// one broad shadow blob, the way lamp fall-off and a lifted page edge look in a scan.
    /// `amplitude` is the largest relative darkening (0.1 = paper down to 90 %).
    pub(crate) fn uneven_background(&mut self, amplitude: f32, rng: &mut SplitMix64) {
        if amplitude <= 0.0 {
            return;
        }
        let (w, h, c) = (self.width() as usize, self.height() as usize, self.channels());
        let angle = rng.range_f64(0.0, std::f64::consts::TAU) as f32;
        let (dx, dy) = (angle.cos(), angle.sin());
        let blob_x = rng.range_f64(0.0, 1.0) as f32;
        let blob_y = rng.range_f64(0.0, 1.0) as f32;
        let blob_r2 = rng.range_f64(0.08, 0.25).powi(2) as f32;
        let gradient_share = rng.range_f64(0.4, 0.8) as f32;
        let diag = ((w * w + h * h) as f32).sqrt();
        // The field is smooth, so computing it on a coarse grid and holding it constant over
        // 8x8 blocks is visually identical and ~60x cheaper than per-pixel exp().
        const CELL: usize = 8;
        let data = self.samples_mut();
        for by in (0..h).step_by(CELL) {
            for bx in (0..w).step_by(CELL) {
                let (x, y) = ((bx + CELL / 2) as f32, (by + CELL / 2) as f32);
                let lin = ((x - w as f32 / 2.0) * dx + (y - h as f32 / 2.0) * dy) / diag + 0.5;
                let (u, v) = (x / w as f32 - blob_x, y / h as f32 - blob_y);
                let blob = (-(u * u + v * v) / blob_r2).exp();
                let dark = amplitude * (gradient_share * lin.clamp(0.0, 1.0) + (1.0 - gradient_share) * blob);
                let factor = ((1.0 - dark) * 256.0) as u32;
                for yy in by..(by + CELL).min(h) {
                    let row = &mut data[(yy * w + bx) * c..(yy * w + (bx + CELL).min(w)) * c];
                    for s in row.iter_mut() {
                        *s = ((*s as u32 * factor) >> 8) as u8;
                    }
                }
            }
        }
    }

    /// Adds zero-mean gaussian sensor noise of standard deviation `sigma` (in 0..255 units),
    /// the same value on every channel of a pixel.
    pub(crate) fn noise(&mut self, sigma: f32, rng: &mut SplitMix64) {
        if sigma <= 0.0 {
            return;
        }
        // A table of deviates indexed by random bits: per-pixel Box–Muller is the slowest
        // step of the whole pipeline at 300 DPI, and the table's 4096 levels are plenty.
        let table: Vec<i16> = (0..4096)
            .map(|_| (rng.gaussian() as f32 * sigma).round() as i16)
            .collect();
        let c = self.channels();
        let data = self.samples_mut();
        let mut bits = 0u64;
        for (i, px) in data.chunks_exact_mut(c).enumerate() {
            if i % 5 == 0 {
                bits = rng.next_u64();
            }
            let n = table[(bits & 0xFFF) as usize];
            bits >>= 12;
            for s in px {
                *s = (*s as i16 + n).clamp(0, 255) as u8;
            }
        }
    }
}

fn blur_image<P>(img: &ImageBuffer<P, Vec<u8>>, sigma: f32) -> ImageBuffer<P, Vec<u8>>
where
    P: Pixel<Subpixel = u8> + 'static,
{
    imageproc::filter::gaussian_blur_f32(img, sigma)
}

/// Rows that belong to long horizontal rules (table borders): more than 40 % of the row dark.
/// Returns the first and last such row, i.e. the vertical extent of the ruled area, when at
/// least two separate rules exist.
pub(crate) fn ruled_band(gray: &GrayImage) -> Option<(u32, u32)> {
    let (w, h) = gray.dimensions();
    let threshold = (w as usize * 2) / 5;
    let mut rules = Vec::new();
    let mut in_rule = false;
    for y in 0..h {
        let row = &gray.as_raw()[(y * w) as usize..((y + 1) * w) as usize];
        let dark = row.iter().filter(|&&v| v < 160).count();
        let is_rule = dark > threshold;
        if is_rule && !in_rule {
            rules.push(y);
        }
        in_rule = is_rule;
    }
    match (rules.first(), rules.last()) {
        (Some(&a), Some(&b)) if rules.len() >= 2 => Some((a, b)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(w: u32, h: u32) -> GrayImage {
        let mut g = GrayImage::from_pixel(w, h, Luma([255]));
        for y in [20u32, 60, 100] {
            for x in 10..w - 10 {
                g.put_pixel(x, y, Luma([0]));
            }
        }
        g
    }

    #[test]
    fn ruled_band_spans_first_to_last_rule() {
        assert_eq!(ruled_band(&page(200, 150)), Some((20, 100)));
        assert_eq!(ruled_band(&GrayImage::from_pixel(50, 50, Luma([255]))), None);
    }

    #[test]
    fn noise_is_seeded_and_roughly_calibrated() {
        let mut a = Raster::Gray(GrayImage::from_pixel(100, 100, Luma([128])));
        let mut b = Raster::Gray(GrayImage::from_pixel(100, 100, Luma([128])));
        a.noise(10.0, &mut SplitMix64::new(3));
        b.noise(10.0, &mut SplitMix64::new(3));
        let (Raster::Gray(a), Raster::Gray(b)) = (a, b) else {
            unreachable!()
        };
        assert_eq!(a, b);
        let n = a.as_raw().len() as f64;
        let mean = a.as_raw().iter().map(|&v| v as f64).sum::<f64>() / n;
        let var = a.as_raw().iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
        assert!((mean - 128.0).abs() < 1.0, "mean {mean}");
        assert!((var.sqrt() - 10.0).abs() < 1.5, "sd {}", var.sqrt());
    }

    #[test]
    fn background_darkens_but_never_brightens() {
        let mut r = Raster::Gray(GrayImage::from_pixel(64, 64, Luma([200])));
        r.uneven_background(0.2, &mut SplitMix64::new(9));
        let Raster::Gray(g) = r else { unreachable!() };
        assert!(g.as_raw().iter().all(|&v| (150..=200).contains(&v)));
        assert!(g.as_raw().iter().any(|&v| v < 195));
    }

    #[test]
    fn quarter_turns_swap_dimensions() {
        let r = Raster::Gray(GrayImage::new(30, 10)).rotate_quarter(90);
        assert_eq!((r.width(), r.height()), (10, 30));
        let r = r.rotate_quarter(180);
        assert_eq!((r.width(), r.height()), (10, 30));
    }

    #[test]
    fn tone_maps_white_to_paper_and_black_to_ink() {
        let mut r = Raster::Gray(GrayImage::from_raw(2, 1, vec![0, 255]).unwrap());
        r.tone(240, 30);
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.as_raw(), &vec![30, 240]);
    }
}
