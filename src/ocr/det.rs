//! Text detection: page image → DB input tensor → probability map → boxes in image pixels,
//! sorted in reading order.

use std::time::Instant;

use image::RgbImage;

use crate::geom::Rect;
use crate::ocr::db::boxes_from_map;
use crate::ocr::geometry::{order_clockwise, quad_bounds, sort_reading_order, Quad};
use crate::ocr::image_ops::{resize_linear, write_chw_bgr};
use crate::ocr::params::{DetParams, LimitType};
use crate::ocr::session::Model;
use crate::{Error, Result};

/// A detected text box in the pixels of the image given to `detect`.
#[derive(Debug, Clone, PartialEq)]
pub struct DetBox {
    /// Corners clockwise from top-left, integer-valued (rapidocr rounds them).
    pub quad: Quad,
    /// Mean DB probability inside the box, 0..1.
    pub score: f32,
}

impl DetBox {
    /// Axis-aligned bounds in pixels.
    pub fn rect(&self) -> Rect {
        let (x0, y0, x1, y1) = quad_bounds(&self.quad);
        Rect::new(x0, y0, x1, y1)
    }
}

/// Rounds to a multiple of 32 with Python's `round` (ties to even), at least 32.
fn round32(v: f64) -> u32 {
    ((v / 32.0).round_ties_even() as u32 * 32).max(32)
}

/// One rapidocr resize step: scale by `ratio` (truncating like `int()`), then round both sides
/// to multiples of 32.
fn scaled(w: u32, h: u32, ratio: f64) -> (u32, u32) {
    (
        round32((f64::from(w) * ratio).trunc()),
        round32((f64::from(h) * ratio).trunc()),
    )
}

/// The detector input size for a `w`×`h` image. rapidocr resizes twice: `main.py` first
/// shrinks pages whose longer side exceeds `max_side_len` (and enlarges tiny ones), then
/// `DetPreProcess` applies `limit_side_len`/`limit_type`. We compute the final size and resize
/// once, which saves a full-page resample.
pub fn det_input_size(w: u32, h: u32, p: &DetParams) -> (u32, u32) {
    let (mut w1, mut h1) = (w, h);
    if w1.max(h1) > p.max_side_len {
        let ratio = f64::from(p.max_side_len) / f64::from(w1.max(h1));
        (w1, h1) = scaled(w1, h1, ratio);
    }
    if w1.min(h1) < p.min_side_len {
        let ratio = f64::from(p.min_side_len) / f64::from(w1.min(h1));
        (w1, h1) = scaled(w1, h1, ratio);
    }
    let ratio = match p.limit_type {
        LimitType::Min if w1.min(h1) < p.limit_side_len => f64::from(p.limit_side_len) / f64::from(w1.min(h1)),
        LimitType::Max if w1.max(h1) > p.limit_side_len => f64::from(p.limit_side_len) / f64::from(w1.max(h1)),
        _ => 1.0,
    };
    scaled(w1, h1, ratio)
}

/// Runs the detector on `img` and returns boxes in `img` pixels, in reading order.
pub fn detect(model: &Model, img: &RgbImage, p: &DetParams) -> Result<Vec<DetBox>> {
    let (w, h) = img.dimensions();
    if w == 0 || h == 0 {
        return Err(Error::invalid_input("empty image given to OCR"));
    }
    let (dw, dh) = det_input_size(w, h, p);
    let t0 = Instant::now();
    let resized = resize_linear(img, dw, dh);
    let mut input = vec![0f32; 3 * dw as usize * dh as usize];
    write_chw_bgr(&resized, &mut input, dw as usize);
    let t1 = Instant::now();
    let (shape, map) = model.run([1, 3, dh as usize, dw as usize], &input)?;
    let [1, 1, mh, mw] = shape[..] else {
        return Err(Error::ocr(format!(
            "det output has shape {shape:?}, expected [1,1,H,W]"
        )));
    };
    let t2 = Instant::now();
    let boxes = boxes_to_image(boxes_from_map(&map, mw, mh, p), mw, mh, w, h);
    tracing::debug!(
        "det {w}x{h} -> {dw}x{dh}: pre {:?}, inference {:?}, post {:?}, {} boxes",
        t1 - t0,
        t2 - t1,
        t2.elapsed(),
        boxes.len()
    );
    Ok(boxes)
}

/// Scales map boxes to the image, then rapidocr's `filter_tag_det_res`: round, order the
/// corners clockwise, clip to the image and drop boxes 3 px or less wide or high.
fn boxes_to_image(boxes: Vec<crate::ocr::db::MapBox>, mw: usize, mh: usize, w: u32, h: u32) -> Vec<DetBox> {
    let (sx, sy) = (w as f32 / mw as f32, h as f32 / mh as f32);
    let (maxx, maxy) = ((w - 1) as f32, (h - 1) as f32);
    let mut out: Vec<DetBox> = boxes
        .into_iter()
        .filter_map(|b| {
            let q = b.quad.map(|p| [(p[0] * sx).round(), (p[1] * sy).round()]);
            let q = order_clockwise(q).map(|p| [p[0].clamp(0.0, maxx), p[1].clamp(0.0, maxy)]);
            let len = |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
            if len(q[0], q[1]) as i32 <= 3 || len(q[0], q[3]) as i32 <= 3 {
                return None;
            }
            Some(DetBox {
                quad: q,
                score: b.score,
            })
        })
        .collect();
    sort_reading_order(&mut out, |b| b.quad);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::db::MapBox;

    #[test]
    fn an_a4_page_at_200_dpi_is_detected_at_1120_by_1600() {
        // 1653×2339 → max side 1600 → 1130×1600 → /32 → 1120×1600; the min-736 rule then
        // leaves it alone.
        assert_eq!(det_input_size(1653, 2339, &DetParams::default()), (1120, 1600));
        // rapidocr's 2000 (stack_notes §4.1): 1413×2000 → 1408×1984.
        let rapidocr = DetParams {
            max_side_len: 2000,
            ..DetParams::default()
        };
        assert_eq!(det_input_size(1653, 2339, &rapidocr), (1408, 1984));
        // A cell crop is enlarged until its short side reaches 736.
        assert_eq!(det_input_size(300, 40, &DetParams::default()), (5504, 736));
        let max = DetParams {
            limit_type: LimitType::Max,
            limit_side_len: 960,
            ..DetParams::default()
        };
        assert_eq!(det_input_size(1653, 2339, &max), (672, 960));
    }

    #[test]
    fn map_boxes_are_scaled_rounded_clipped_and_filtered() {
        let b = |x0: f32, y0: f32, x1: f32, y1: f32| MapBox {
            quad: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
            score: 0.9,
        };
        // Map 100×50 for an image 200×100: coordinates double.
        let boxes = vec![
            b(50.0, 30.0, 90.0, 40.0),
            b(-3.0, 2.2, 40.0, 10.0),
            b(10.0, 20.0, 11.0, 30.0),
        ];
        let out = boxes_to_image(boxes, 100, 50, 200, 100);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].quad, [[0.0, 4.0], [80.0, 4.0], [80.0, 20.0], [0.0, 20.0]]);
        assert_eq!(
            out[1].quad,
            [[100.0, 60.0], [180.0, 60.0], [180.0, 80.0], [100.0, 80.0]]
        );
        assert_eq!(out[1].rect(), Rect::new(100.0, 60.0, 180.0, 80.0));
    }
}
