//! 0°/180° direction classification of text crops (PaddleOCR `TextClassifier`, v2.0 mobile
//! model): each crop is resized to 48 high, at most 192 wide, zero-padded to 192, and batched
//! in aspect-ratio order. Labels are `["0", "180"]`.

use image::RgbImage;

use crate::ocr::image_ops::{resize_linear, write_chw_bgr};
use crate::ocr::params::ClsParams;
use crate::ocr::session::Model;
use crate::{Error, Result};

/// The classifier's verdict for one crop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Direction {
    /// The crop is upside down ("180" won with more than `ClsParams::thresh`).
    pub upside_down: bool,
    /// Probability of the winning label.
    pub score: f32,
}

/// Classifies every crop; output order matches input order.
pub fn classify(model: &Model, crops: &[RgbImage], p: &ClsParams) -> Result<Vec<Direction>> {
    let mut out = vec![
        Direction {
            upside_down: false,
            score: 0.0
        };
        crops.len()
    ];
    let ratio = |img: &RgbImage| img.width() as f32 / img.height().max(1) as f32;
    let mut order: Vec<usize> = (0..crops.len())
        .filter(|&i| crops[i].width() > 0 && crops[i].height() > 0)
        .collect();
    order.sort_by(|&a, &b| ratio(&crops[a]).total_cmp(&ratio(&crops[b])));
    let (h, w) = (p.img_height, p.img_width);
    let slot = 3 * h as usize * w as usize;
    for batch in order.chunks(p.batch_size.max(1)) {
        let mut input = vec![0f32; slot * batch.len()];
        for (k, &i) in batch.iter().enumerate() {
            let img = &crops[i];
            let rw = ((f64::from(h) * f64::from(img.width()) / f64::from(img.height())).ceil() as u32).clamp(1, w);
            write_chw_bgr(
                &resize_linear(img, rw, h),
                &mut input[k * slot..(k + 1) * slot],
                w as usize,
            );
        }
        let (shape, probs) = model.run([batch.len(), 3, h as usize, w as usize], &input)?;
        if shape != [batch.len(), 2] {
            return Err(Error::ocr(format!(
                "cls output has shape {shape:?}, expected [{}, 2]",
                batch.len()
            )));
        }
        for (k, &i) in batch.iter().enumerate() {
            let (p0, p180) = (probs[2 * k], probs[2 * k + 1]);
            out[i] = if p180 > p0 {
                Direction {
                    upside_down: p180 > p.thresh,
                    score: p180,
                }
            } else {
                Direction {
                    upside_down: false,
                    score: p0,
                }
            };
        }
    }
    Ok(out)
}
