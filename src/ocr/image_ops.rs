//! Pixel helpers shared by det, cls and rec: an OpenCV-compatible bilinear resize and the
//! PP-OCR tensor layout (BGR, CHW, `(x/255 - 0.5) / 0.5`).

use image::RgbImage;

use crate::pixel_math::round_i64;

/// Source index pairs and the weight of the second one, OpenCV `INTER_LINEAR` style: centres
/// aligned (`(d + 0.5) * scale - 0.5`), clamped at the borders. rapidocr resizes with
/// `cv2.resize`, so matching its sampling keeps our det/rec inputs close to the reference.
/// `image::imageops::resize(Triangle)` is also a box-filtered downscale and measured 150–270 ms
/// per page (stack_notes §4.1); this costs a fraction of that.
fn taps(src: u32, dst: u32) -> Vec<(usize, usize, f32)> {
    let scale = src as f32 / dst as f32;
    (0..dst)
        .map(|d| {
            let f = (d as f32 + 0.5) * scale - 0.5;
            let i = f.floor();
            let w = f - i;
            let i = i as i64;
            if i < 0 {
                (0, 0, 0.0)
            } else if i >= i64::from(src) - 1 {
                let last = src as usize - 1;
                (last, last, 0.0)
            } else {
                (i as usize, i as usize + 1, w)
            }
        })
        .collect()
}

/// Bilinear resize with OpenCV `cv2.resize(..., INTER_LINEAR)` sampling.
pub fn resize_linear(img: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (sw, sh) = img.dimensions();
    if (sw, sh) == (width, height) {
        return img.clone();
    }
    let width = width.max(1);
    let height = height.max(1);
    let xs = taps(sw, width);
    let ys = taps(sh, height);
    let src = img.as_raw();
    let stride = sw as usize * 3;
    let mut out = vec![0u8; width as usize * height as usize * 3];
    let mut row_a = vec![0f32; width as usize * 3];
    let mut row_b = vec![0f32; width as usize * 3];
    let hrow = |y: usize, dst: &mut [f32]| {
        let row = &src[y * stride..(y + 1) * stride];
        for (x, &(x0, x1, w)) in xs.iter().enumerate() {
            for c in 0..3 {
                let a = f32::from(row[x0 * 3 + c]);
                let b = f32::from(row[x1 * 3 + c]);
                dst[x * 3 + c] = a + (b - a) * w;
            }
        }
    };
    let mut cached: (usize, usize) = (usize::MAX, usize::MAX);
    for (y, &(y0, y1, w)) in ys.iter().enumerate() {
        // Consecutive output rows usually share source rows when upscaling; reuse them.
        if cached != (y0, y1) {
            if cached.1 == y0 {
                std::mem::swap(&mut row_a, &mut row_b);
            } else {
                hrow(y0, &mut row_a);
            }
            hrow(y1, &mut row_b);
            cached = (y0, y1);
        }
        let dst = &mut out[y * width as usize * 3..(y + 1) * width as usize * 3];
        for ((d, &a), &b) in dst.iter_mut().zip(&row_a).zip(&row_b) {
            *d = round_i64(a + (b - a) * w).clamp(0, 255) as u8;
        }
    }
    RgbImage::from_raw(width, height, out).expect("buffer size matches dimensions")
}

/// Writes `img` into one CHW slot of a batch tensor of width `slot_width` (≥ image width),
/// as BGR scaled to [-1, 1]; the columns right of the image stay as they are (zero padding,
/// as PaddleOCR's `resize_norm_img` pads).
pub fn write_chw_bgr(img: &RgbImage, slot: &mut [f32], slot_width: usize) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    debug_assert!(w <= slot_width && slot.len() == 3 * h * slot_width);
    let plane = h * slot_width;
    for (y, row) in img.as_raw().chunks_exact(w * 3).enumerate() {
        for (x, px) in row.chunks_exact(3).enumerate() {
            let at = y * slot_width + x;
            // RGB in memory, BGR for the model: PaddleOCR models were trained on cv2 images.
            slot[at] = f32::from(px[2]) / 127.5 - 1.0;
            slot[plane + at] = f32::from(px[1]) / 127.5 - 1.0;
            slot[2 * plane + at] = f32::from(px[0]) / 127.5 - 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resize_matches_opencv_sampling_on_a_ramp() {
        // A 4-px ramp 0,100,200,250 halved: OpenCV samples at x = 0.5 and 2.5.
        let img = RgbImage::from_fn(4, 1, |x, _| {
            let v = [0u8, 100, 200, 250][x as usize];
            image::Rgb([v, v, v])
        });
        let out = resize_linear(&img, 2, 1);
        assert_eq!(out.get_pixel(0, 0)[0], 50);
        assert_eq!(out.get_pixel(1, 0)[0], 225);
        // Doubling clamps at the edges: first output equals the first input.
        let up = resize_linear(&img, 8, 2);
        assert_eq!(up.get_pixel(0, 0)[0], 0);
        assert_eq!(up.get_pixel(7, 1)[0], 250);
        assert_eq!(up.get_pixel(1, 0)[0], 25);
    }

    #[test]
    fn tensor_is_bgr_chw_in_minus_one_to_one_with_zero_padding() {
        let img = RgbImage::from_fn(2, 1, |_, _| image::Rgb([255, 0, 51]));
        let mut slot = vec![0f32; 3 * 3];
        write_chw_bgr(&img, &mut slot, 3);
        assert_eq!(&slot[0..3], &[51.0 / 127.5 - 1.0, 51.0 / 127.5 - 1.0, 0.0]);
        assert_eq!(&slot[3..6], &[-1.0, -1.0, 0.0]);
        assert_eq!(&slot[6..9], &[1.0, 1.0, 0.0]);
    }
}
