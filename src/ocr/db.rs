//! DB (Differentiable Binarization) post-processing: probability map → scored boxes in map
//! pixels. Mirrors PaddleOCR's `DBPostProcess` as rapidocr_onnxruntime 1.4.4 runs it
//! (`score_mode: fast`, polygon boxes off).

use image::GrayImage;
use imageproc::contours::{find_contours, BorderType};

use crate::ocr::geometry::{box_score_fast, min_area_rect, mini_box_order, unclip, Quad};
use crate::ocr::params::DetParams;

/// A box found in the probability map, in map pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct MapBox {
    /// Corners in `get_mini_boxes` order.
    pub quad: Quad,
    /// Mean probability inside the box before unclipping.
    pub score: f32,
}

/// Thresholds the map and applies OpenCV's 2×2 dilation (anchor at (1,1): each pixel becomes
/// the max over itself, its left, upper and upper-left neighbours).
pub fn bitmap(map: &[f32], w: usize, h: usize, thresh: f32, dilate: bool) -> GrayImage {
    let bin: Vec<u8> = map.iter().map(|&p| if p > thresh { 255 } else { 0 }).collect();
    let out = if dilate {
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let mut v = bin[y * w + x];
                if x > 0 {
                    v = v.max(bin[y * w + x - 1]);
                }
                if y > 0 {
                    v = v.max(bin[(y - 1) * w + x]);
                    if x > 0 {
                        v = v.max(bin[(y - 1) * w + x - 1]);
                    }
                }
                out[y * w + x] = v;
            }
        }
        out
    } else {
        bin
    };
    GrayImage::from_raw(w as u32, h as u32, out).expect("buffer size matches dimensions")
}

/// `boxes_from_bitmap`: contours → minimum-area rectangles → score filter → unclip → size
/// filter. Boxes stay in map coordinates; the caller scales them to the image.
pub fn boxes_from_map(map: &[f32], w: usize, h: usize, p: &DetParams) -> Vec<MapBox> {
    let bits = bitmap(map, w, h, p.thresh, p.use_dilation);
    // cv2.findContours(RETR_LIST) also returns hole borders, but a hole's interior is below the
    // threshold, so its box never reaches box_thresh; keeping outer borders only is equivalent.
    let contours = find_contours::<i32>(&bits);
    let mut out = Vec::new();
    for c in contours
        .iter()
        .filter(|c| c.border_type == BorderType::Outer)
        .take(p.max_candidates)
    {
        let Some(rect) = min_area_rect(&c.points) else {
            continue;
        };
        if rect.short_side() < p.min_size {
            continue;
        }
        let quad = mini_box_order(rect.corners());
        let score = box_score_fast(map, w, h, &quad);
        if score < p.box_thresh {
            continue;
        }
        let grown = unclip(&rect, p.unclip_ratio);
        // PaddleOCR: `if sside < self.min_size + 2: continue` after unclipping.
        if grown.short_side() < p.min_size + 2.0 {
            continue;
        }
        out.push(MapBox {
            quad: mini_box_order(grown.corners()),
            score,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dilation_spreads_right_and_down_only() {
        let mut map = vec![0.0f32; 9];
        map[4] = 0.9; // centre of 3×3
        let b = bitmap(&map, 3, 3, 0.3, true);
        let on: Vec<(u32, u32)> = b
            .enumerate_pixels()
            .filter(|p| p.2[0] > 0)
            .map(|p| (p.0, p.1))
            .collect();
        assert_eq!(on, vec![(1, 1), (2, 1), (1, 2), (2, 2)]);
        let plain = bitmap(&map, 3, 3, 0.3, false);
        assert_eq!(plain.pixels().filter(|p| p[0] > 0).count(), 1);
    }

    #[test]
    fn a_synthetic_text_blob_becomes_one_unclipped_box() {
        // A 60×8 block of probability 0.8 in a 100×40 map, plus a weak blob (0.4) that passes
        // the 0.3 threshold but fails box_thresh 0.5, plus a 2-px speck below min_size.
        let (w, h) = (100, 40);
        let mut map = vec![0.0f32; w * h];
        for y in 10..18 {
            for x in 20..80 {
                map[y * w + x] = 0.8;
            }
        }
        for y in 25..35 {
            for x in 5..15 {
                map[y * w + x] = 0.4;
            }
        }
        map[37 * w + 90] = 0.9;
        map[37 * w + 91] = 0.9;
        let boxes = boxes_from_map(&map, w, h, &DetParams::default());
        assert_eq!(boxes.len(), 1, "{boxes:?}");
        let b = &boxes[0];
        // The dilated blob covers 61×9 px of which 60×8 hold 0.8 (box_score_fast averages the
        // probability map over the box, not the bitmap).
        assert!((b.score - 0.8 * 480.0 / 549.0).abs() < 1e-3, "{}", b.score);
        // Dilated blob spans x 20..=80, y 10..=18 → rect 60×8; d = 480*1.6/136 ≈ 5.65.
        let d = 60.0 * 8.0 * 1.6 / 136.0;
        assert!((b.quad[0][0] - (20.0 - d)).abs() < 0.6, "{:?}", b.quad);
        assert!((b.quad[0][1] - (10.0 - d)).abs() < 0.6, "{:?}", b.quad);
        assert!((b.quad[2][0] - (80.0 + d)).abs() < 0.6, "{:?}", b.quad);
        assert!((b.quad[2][1] - (18.0 + d)).abs() < 0.6, "{:?}", b.quad);
    }
}
