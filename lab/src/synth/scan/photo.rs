//! Phone photo of a printed page: the sheet lies on a darker surface and is seen in
//! perspective, so the page becomes a quadrilateral inside the frame (turned by a few degrees,
//! its far edge shorter). The frame keeps the page raster's size; what is outside the sheet is
//! the surface colour (lighting and noise, added afterwards, give it texture).

use image::{GrayImage, Luma, Rgb, RgbImage};
use imageproc::geometric_transformations::{warp_into, Border, Interpolation, Projection};

use super::degrade::Raster;
use crate::synth::rng::SplitMix64;

/// How the page sits in the photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PhotoParams {
    /// Page width as a share of the frame width before perspective (how close the phone is).
    pub fill: f32,
    /// In-plane turn, degrees (clockwise positive).
    pub turn_deg: f32,
    /// Largest corner displacement from perspective, as a share of the page width.
    pub keystone: f32,
    /// Surface brightness (0–255).
    pub surface: u8,
}

/// Warps the page into the frame; returns the page corners in frame pixels (top-left,
/// top-right, bottom-right, bottom-left).
pub(crate) fn place_in_frame(raster: Raster, p: &PhotoParams, rng: &mut SplitMix64) -> (Raster, [[f32; 2]; 4]) {
    let (w, h) = (raster.width() as f32, raster.height() as f32);
    let (cx, cy) = (
        w / 2.0 + w * rng.range_f64(-0.02, 0.02) as f32,
        h / 2.0 + h * rng.range_f64(-0.02, 0.02) as f32,
    );
    let (hw, hh) = (w * p.fill / 2.0, h * p.fill / 2.0);
    let (s, c) = p.turn_deg.to_radians().sin_cos();
    let k = p.keystone * w;
    // One side nearer the camera: its edge is longer. The side is drawn at random.
    let near = rng.below(4);
    let base = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)];
    let mut quad = [[0f32; 2]; 4];
    for (i, (bx, by)) in base.iter().enumerate() {
        // Corners on the far side move inwards along that side, plus a little jitter.
        let far = match near {
            0 => i >= 2,           // top near: bottom corners far
            1 => i == 0 || i == 3, // right near
            2 => i <= 1,           // bottom near
            _ => i == 1 || i == 2, // left near
        };
        let inwards = if far { k * rng.range_f64(0.6, 1.0) as f32 } else { 0.0 };
        let (mut x, mut y) = (*bx, *by);
        if near.is_multiple_of(2) {
            x -= x.signum() * inwards;
        } else {
            y -= y.signum() * inwards * h / w;
        }
        x += k * 0.2 * rng.range_f64(-1.0, 1.0) as f32;
        y += k * 0.2 * rng.range_f64(-1.0, 1.0) as f32;
        quad[i] = [cx + x * c - y * s, cy + x * s + y * c];
    }
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let to = quad.map(|[x, y]| (x, y));
    let Some(projection) = Projection::from_control_points(from, to) else {
        return (raster, [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]]);
    };
    let sv = p.surface;
    let out = match raster {
        Raster::Gray(g) => {
            let mut out = GrayImage::from_pixel(g.width(), g.height(), Luma([sv]));
            warp_into(
                &g,
                projection,
                Interpolation::Bilinear,
                Border::Constant(Luma([sv])),
                &mut out,
            );
            Raster::Gray(out)
        }
        Raster::Rgb(im) => {
            // A warm-gray desk.
            let surface = Rgb([sv, sv.saturating_sub(6), sv.saturating_sub(14)]);
            let mut out = RgbImage::from_pixel(im.width(), im.height(), surface);
            warp_into(
                &im,
                projection,
                Interpolation::Bilinear,
                Border::Constant(surface),
                &mut out,
            );
            Raster::Rgb(out)
        }
    };
    (out, quad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lands_inside_the_frame_on_the_surface() {
        let page = Raster::Gray(GrayImage::from_pixel(200, 280, Luma([250])));
        let p = PhotoParams {
            fill: 0.85,
            turn_deg: 3.0,
            keystone: 0.04,
            surface: 80,
        };
        let (r, quad) = place_in_frame(page, &p, &mut SplitMix64::new(2));
        assert_eq!((r.width(), r.height()), (200, 280));
        for [x, y] in quad {
            assert!((0.0..200.0).contains(&x) && (0.0..280.0).contains(&y), "{quad:?}");
        }
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.get_pixel(1, 1).0[0], 80, "corner is surface");
        assert!(g.get_pixel(100, 140).0[0] > 240, "centre is page");
    }
}
