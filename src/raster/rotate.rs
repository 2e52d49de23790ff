//! Deskew rotation: the page turned by a small angle about its centre, bilinear, with a
//! constant border. The same pixels as imageproc 0.27's `rotate_about_center` (same inverse
//! matrix, same float operations, same truncating blend; a test holds them equal), at a
//! fraction of its cost: imageproc samples through a generic per-pixel border check and a
//! per-channel closure, which made the three deskew turns ≈ 7 % of a scanned page's CPU.

use image::{GrayImage, ImageBuffer, Luma, Pixel};

use crate::pixel_math::floor_i64;

/// A 3 × 3 row-major matrix product, in the order of operations imageproc composes its
/// projections with (the inverse matrix must come out bit-identical).
fn mul3x3(a: [f32; 9], b: [f32; 9]) -> [f32; 9] {
    let [a00, a01, a02, a10, a11, a12, a20, a21, a22] = a;
    let [b00, b01, b02, b10, b11, b12, b20, b21, b22] = b;
    [
        a00 * b00 + a01 * b10 + a02 * b20,
        a00 * b01 + a01 * b11 + a02 * b21,
        a00 * b02 + a01 * b12 + a02 * b22,
        a10 * b00 + a11 * b10 + a12 * b20,
        a10 * b01 + a11 * b11 + a12 * b21,
        a10 * b02 + a11 * b12 + a12 * b22,
        a20 * b00 + a21 * b10 + a22 * b20,
        a20 * b01 + a21 * b11 + a22 * b21,
        a20 * b02 + a21 * b12 + a22 * b22,
    ]
}

/// The affine map from an output pixel to its source position: the inverse of
/// translate(c) · rotate(θ) · translate(−c), composed as imageproc composes it.
fn source_map(width: u32, height: u32, theta: f32) -> [f32; 6] {
    let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
    let (s, c) = theta.sin_cos();
    let to_centre_inverse = [1.0, 0.0, -cx, 0.0, 1.0, -cy, 0.0, 0.0, 1.0];
    let rotate_inverse = [c, s, 0.0, -s, c, 0.0, 0.0, 0.0, 1.0];
    let from_centre_inverse = [1.0, 0.0, cx, 0.0, 1.0, cy, 0.0, 0.0, 1.0];
    let m = mul3x3(from_centre_inverse, mul3x3(rotate_inverse, to_centre_inverse));
    [m[0], m[1], m[2], m[3], m[4], m[5]]
}

/// `image` turned clockwise by `theta` radians about its centre; output pixels whose source
/// falls outside take `border`.
pub fn rotate_bilinear<P>(image: &ImageBuffer<P, Vec<u8>>, theta: f32, border: P) -> ImageBuffer<P, Vec<u8>>
where
    P: Pixel<Subpixel = u8>,
{
    let (w, h) = image.dimensions();
    let mut out: ImageBuffer<P, Vec<u8>> = ImageBuffer::new(w, h);
    match P::CHANNEL_COUNT {
        1 => turn::<1>(image.as_raw(), out.as_mut(), w, h, theta, border.channels()),
        3 => turn::<3>(image.as_raw(), out.as_mut(), w, h, theta, border.channels()),
        2 => turn::<2>(image.as_raw(), out.as_mut(), w, h, theta, border.channels()),
        4 => turn::<4>(image.as_raw(), out.as_mut(), w, h, theta, border.channels()),
        // `image` has no pixel type of other channel counts.
        _ => {}
    }
    out
}

/// The turn over raw rows of `N`-channel pixels.
fn turn<const N: usize>(src: &[u8], dst: &mut [u8], w: u32, h: u32, theta: f32, fill: &[u8]) {
    if w == 0 || h == 0 || fill.len() != N {
        return;
    }
    let t = source_map(w, h, theta);
    let size = (i64::from(w), i64::from(h));
    let border: [u8; N] = fill.try_into().unwrap_or([255; N]);
    for (y, row) in dst.chunks_exact_mut(w as usize * N).enumerate() {
        let yf = y as f32;
        for (x, px) in row.chunks_exact_mut(N).enumerate() {
            let (corner, rw, bw) = source_of(&t, x as f32, yf);
            let [tl, tr, bl, br] = neighbours(src, size, corner, border);
            for k in 0..N {
                px[k] = blend(rw, bw, [tl[k], tr[k], bl[k], br[k]]);
            }
        }
    }
}

/// Where output pixel (`xf`, `yf`) samples the source under the map `t`: the top-left pixel of
/// its four neighbours, and the weights of the right and bottom ones.
fn source_of(t: &[f32; 6], xf: f32, yf: f32) -> ((i64, i64), f32, f32) {
    let sx = t[0] * xf + t[1] * yf + t[2];
    let sy = t[3] * xf + t[4] * yf + t[5];
    let (left, top) = (floor_i64(sx), floor_i64(sy));
    ((left, top), sx - left as f32, sy - top as f32)
}

/// The four pixels at `(left, top)`, one right, one down and both, of an image of `size`
/// `N`-channel pixels in raw rows; those outside it are `border`.
fn neighbours<const N: usize>(
    src: &[u8],
    (w, h): (i64, i64),
    (left, top): (i64, i64),
    border: [u8; N],
) -> [[u8; N]; 4] {
    let stride = w as usize * N;
    let pixel = |o: usize| -> [u8; N] { src[o..o + N].try_into().unwrap_or([0; N]) };
    if left >= 0 && left + 1 < w && top >= 0 && top + 1 < h {
        let o = top as usize * stride + left as usize * N;
        return [pixel(o), pixel(o + N), pixel(o + stride), pixel(o + stride + N)];
    }
    let at = |x: i64, y: i64| {
        if x < 0 || x >= w || y < 0 || y >= h {
            border
        } else {
            pixel(y as usize * stride + x as usize * N)
        }
    };
    [
        at(left, top),
        at(left + 1, top),
        at(left, top + 1),
        at(left + 1, top + 1),
    ]
}

/// Gray images of one size turned together by `theta` about their centre: each the same pixels
/// as [`rotate_bilinear`] gives it, with every output pixel's source position and weights
/// computed once for all of them (a skewed page turns three planes; done one by one, the
/// positions were most of the turns' cost). Images of another size than the first are turned
/// on their own.
pub fn rotate_bilinear_together<const K: usize>(images: [&GrayImage; K], theta: f32, border: u8) -> [GrayImage; K] {
    let Some(first) = images.first() else {
        return std::array::from_fn(|_| GrayImage::new(0, 0));
    };
    let (w, h) = first.dimensions();
    if images.iter().any(|i| i.dimensions() != (w, h)) || w == 0 || h == 0 {
        return images.map(|i| rotate_bilinear(i, theta, Luma([border])));
    }
    let mut out: [GrayImage; K] = std::array::from_fn(|_| GrayImage::new(w, h));
    let t = source_map(w, h, theta);
    let size = (i64::from(w), i64::from(h));
    for y in 0..h as usize {
        let yf = y as f32;
        for x in 0..w as usize {
            let (corner, rw, bw) = source_of(&t, x as f32, yf);
            let o = y * w as usize + x;
            for (src, dst) in images.iter().zip(out.iter_mut()) {
                let [[tl], [tr], [bl], [br]] = neighbours(src.as_raw(), size, corner, [border]);
                dst.as_mut()[o] = blend(rw, bw, [tl, tr, bl, br]);
            }
        }
    }
    out
}

/// The bilinear blend of the four neighbours `[tl, tr, bl, br]` as imageproc does it: across,
/// truncated, then down, truncated (float to u8 saturates, as imageproc's clamp does for every
/// finite value).
fn blend(rw: f32, bw: f32, [tl, tr, bl, br]: [u8; 4]) -> u8 {
    let upper = ((1.0 - rw) * f32::from(tl) + rw * f32::from(tr)) as u8;
    let lower = ((1.0 - rw) * f32::from(bl) + rw * f32::from(br)) as u8;
    ((1.0 - bw) * f32::from(upper) + bw * f32::from(lower)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma, Rgb, RgbImage};
    use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};

    fn noise(seed: &mut u32) -> u8 {
        *seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (*seed >> 16) as u8
    }

    #[test]
    fn the_turn_equals_imageprocs_pixel_for_pixel() {
        let mut seed = 11;
        // Odd and even sizes, both directions, deskew-sized and larger angles.
        for (w, h) in [(97, 131), (120, 80), (1, 1), (2, 3)] {
            let rgb = RgbImage::from_fn(w, h, |_, _| Rgb([noise(&mut seed), noise(&mut seed), noise(&mut seed)]));
            let gray = GrayImage::from_fn(w, h, |_, _| Luma([noise(&mut seed)]));
            for deg in [-7.3f32, -0.6, 0.25, 1.0, 3.9, 30.0] {
                let theta = deg.to_radians();
                let white = Rgb([255, 255, 255]);
                let want = rotate_about_center(&rgb, theta, Interpolation::Bilinear, Border::Constant(white));
                assert_eq!(rotate_bilinear(&rgb, theta, white), want, "rgb {w}x{h} at {deg}°");
                let want = rotate_about_center(&gray, theta, Interpolation::Bilinear, Border::Constant(Luma([255])));
                assert_eq!(
                    rotate_bilinear(&gray, theta, Luma([255])),
                    want,
                    "gray {w}x{h} at {deg}°"
                );
            }
        }
    }

    #[test]
    fn planes_turned_together_equal_each_turned_alone() {
        let mut seed = 5;
        for (w, h) in [(97, 131), (2, 3), (1, 1)] {
            let planes: Vec<GrayImage> = (0..3)
                .map(|_| GrayImage::from_fn(w, h, |_, _| Luma([noise(&mut seed)])))
                .collect();
            for deg in [-4.1f32, -0.6, 0.3, 2.7] {
                let theta = deg.to_radians();
                let together = rotate_bilinear_together([&planes[0], &planes[1], &planes[2]], theta, 255);
                for (alone, turned) in planes.iter().zip(&together) {
                    assert_eq!(*turned, rotate_bilinear(alone, theta, Luma([255])), "{w}x{h} at {deg}°");
                }
            }
        }
        // Another size is turned on its own.
        let small = GrayImage::from_fn(5, 4, |x, y| Luma([(x * 40 + y) as u8]));
        let [a, b] = rotate_bilinear_together([&small, &GrayImage::new(3, 3)], 0.1, 0);
        assert_eq!(a, rotate_bilinear(&small, 0.1, Luma([0])));
        assert_eq!(b.dimensions(), (3, 3));
    }

    #[test]
    fn an_empty_image_stays_empty() {
        let img = GrayImage::new(0, 5);
        assert_eq!(rotate_bilinear(&img, 0.1, Luma([255])).dimensions(), (0, 5));
    }
}
