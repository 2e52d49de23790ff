//! Print-and-scan effects: a laser printer draws every gray as a screen of toner dots and its
//! toner spreads a little beyond the strokes; the sheet then lands on the scanner glass a
//! little scaled and shifted. Applied to the page before the scanner's own effects.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, Rgb, RgbImage};

use super::degrade::Raster;

/// Levels strictly between these are halftoned; darker is solid toner, lighter is paper.
const SOLID_BELOW: u8 = 24;
const PAPER_ABOVE: u8 = 240;

/// Replaces mid-tones by a clustered-dot screen with a period of `cell` pixels (the printer's
/// line screen): a dot grows from the cell's centre with the darkness it stands for, so the
/// average tone is kept while every pixel becomes toner or paper, as on a real print.
pub(crate) fn halftone(raster: &mut Raster, cell: f32) {
    let n = cell.round() as usize;
    if n < 2 {
        return;
    }
    // Threshold matrix: the cell's pixels ranked from the centre outwards (a spot function),
    // so a coverage of k/n² inks exactly the k most central pixels.
    let spot = |i: usize| ((i as f32 + 0.5) / n as f32 * std::f32::consts::TAU).cos();
    let mut order: Vec<usize> = (0..n * n).collect();
    order.sort_by(|&a, &b| (spot(b / n) + spot(b % n)).total_cmp(&(spot(a / n) + spot(a % n))));
    let mut threshold = vec![0f32; n * n];
    for (rank, &i) in order.iter().enumerate() {
        threshold[i] = (rank as f32 + 0.5) / (n * n) as f32;
    }
    let w = raster.width() as usize;
    let c = raster.channels();
    for (i, px) in raster.samples_mut().chunks_exact_mut(c).enumerate() {
        let t = threshold[((i / w) % n) * n + (i % w) % n];
        // Each channel is screened on its own (a colour printer has one screen per toner).
        for s in px.iter_mut() {
            if *s > SOLID_BELOW && *s < PAPER_ABOVE {
                let coverage = 1.0 - *s as f32 / 255.0;
                *s = if coverage > t { 0 } else { 255 };
            }
        }
    }
}

/// Toner spread: each pixel moves `amount` (0–1) of the way towards the darkest of its
/// 4-neighbourhood, so strokes grow by up to a pixel on every side.
pub(crate) fn toner_spread(raster: &mut Raster, amount: f32) {
    if amount <= 0.0 {
        return;
    }
    let (w, h, c) = (raster.width() as usize, raster.height() as usize, raster.channels());
    let data = raster.samples_mut();
    let src = data.to_vec();
    let a = (amount.clamp(0.0, 1.0) * 256.0) as i32;
    for y in 0..h {
        for x in 0..w {
            for k in 0..c {
                let at = |xx: usize, yy: usize| src[(yy * w + xx) * c + k];
                let mut m = at(x, y);
                if x > 0 {
                    m = m.min(at(x - 1, y));
                }
                if x + 1 < w {
                    m = m.min(at(x + 1, y));
                }
                if y > 0 {
                    m = m.min(at(x, y - 1));
                }
                if y + 1 < h {
                    m = m.min(at(x, y + 1));
                }
                let v = at(x, y) as i32;
                data[(y * w + x) * c + k] = (v - (((v - m as i32) * a) >> 8)) as u8;
            }
        }
    }
}

/// Scales the page by `scale` about its top-left corner and shifts it by (`dx`, `dy`) pixels on
/// a canvas of the original size; what is uncovered becomes white, what falls off is lost.
pub(crate) fn scale_shift(raster: Raster, scale: f32, dx: i64, dy: i64) -> Raster {
    let (w, h) = (raster.width(), raster.height());
    let (nw, nh) = (
        ((w as f32 * scale).round() as u32).max(1),
        ((h as f32 * scale).round() as u32).max(1),
    );
    match raster {
        Raster::Gray(g) => {
            let scaled = imageops::resize(&g, nw, nh, FilterType::Triangle);
            let mut out = GrayImage::from_pixel(w, h, Luma([255]));
            imageops::overlay(&mut out, &scaled, dx, dy);
            Raster::Gray(out)
        }
        Raster::Rgb(c) => {
            let scaled = imageops::resize(&c, nw, nh, FilterType::Triangle);
            let mut out = RgbImage::from_pixel(w, h, Rgb([255, 255, 255]));
            imageops::overlay(&mut out, &scaled, dx, dy);
            Raster::Rgb(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halftone_keeps_the_mean_tone_and_leaves_only_toner_or_paper() {
        let mut r = Raster::Gray(GrayImage::from_pixel(64, 64, Luma([128])));
        halftone(&mut r, 4.0);
        let Raster::Gray(g) = r else { unreachable!() };
        assert!(g.as_raw().iter().all(|&v| v == 0 || v == 255));
        let mean = g.as_raw().iter().map(|&v| v as f64).sum::<f64>() / g.as_raw().len() as f64;
        assert!((mean - 128.0).abs() < 20.0, "mean {mean}");
        // Solid black and paper stay as they are.
        let mut r = Raster::Gray(GrayImage::from_raw(2, 1, vec![0, 255]).unwrap());
        halftone(&mut r, 4.0);
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.as_raw(), &vec![0, 255]);
    }

    #[test]
    fn toner_spread_grows_a_stroke() {
        let mut g = GrayImage::from_pixel(9, 9, Luma([255]));
        g.put_pixel(4, 4, Luma([0]));
        let mut r = Raster::Gray(g);
        toner_spread(&mut r, 0.5);
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.get_pixel(4, 4).0[0], 0);
        assert!(g.get_pixel(3, 4).0[0] < 140 && g.get_pixel(4, 5).0[0] < 140);
        assert_eq!(g.get_pixel(2, 4).0[0], 255);
    }

    #[test]
    fn scale_shift_keeps_the_canvas_size_and_moves_content() {
        let mut g = GrayImage::from_pixel(100, 100, Luma([255]));
        g.put_pixel(10, 10, Luma([0]));
        let r = scale_shift(Raster::Gray(g), 1.0, 5, 7);
        assert_eq!((r.width(), r.height()), (100, 100));
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.get_pixel(15, 17).0[0], 0);
        assert_eq!(g.get_pixel(0, 0).0[0], 255);
    }
}
