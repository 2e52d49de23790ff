//! Text recognition: crops → 48-high batches → CTC decode. Mirrors rapidocr 1.4.4's
//! `TextRecognizer`: crops are sorted by aspect ratio so each batch pads little, every batch
//! is as wide as its widest crop (at least `min_width`), and each crop is resized to the
//! model height keeping its aspect ratio, then zero-padded on the right.

use std::time::Instant;

use image::RgbImage;

use crate::ocr::ctc::{decode, Charset};
use crate::ocr::image_ops::{resize_linear, write_chw_bgr};
use crate::ocr::params::RecParams;
use crate::ocr::session::Model;
use crate::{Error, Result};

/// What the recogniser read in one crop.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized {
    /// The text (may be empty).
    pub text: String,
    /// Mean character confidence, 0..1.
    pub score: f32,
    /// Confidence of each character of `text` (same count as `text.chars()`).
    pub char_scores: Vec<f32>,
    /// Approximate centre x of each character in crop pixels, from its CTC timesteps.
    pub char_x: Vec<f32>,
}

/// Width a crop is resized to inside a batch of width `batch_w` (PaddleOCR
/// `resize_norm_img`: `ceil(H * w/h)`, capped at the batch width).
fn resized_width(w: u32, h: u32, height: u32, batch_w: u32) -> u32 {
    let want = (f64::from(height) * f64::from(w) / f64::from(h)).ceil() as u32;
    want.clamp(1, batch_w)
}

/// Recognises every crop. Output order matches input order.
pub fn recognize(model: &Model, charset: &Charset, crops: &[RgbImage], p: &RecParams) -> Result<Vec<Recognized>> {
    let empty = Recognized {
        text: String::new(),
        score: 0.0,
        char_scores: Vec::new(),
        char_x: Vec::new(),
    };
    let mut results = vec![empty; crops.len()];
    let ratio = |img: &RgbImage| img.width() as f32 / img.height().max(1) as f32;
    let mut order: Vec<usize> = (0..crops.len())
        .filter(|&i| crops[i].width() > 0 && crops[i].height() > 0)
        .collect();
    order.sort_by(|&a, &b| ratio(&crops[a]).total_cmp(&ratio(&crops[b])));
    let height = p.img_height;
    let (started, mut infer) = (Instant::now(), std::time::Duration::ZERO);
    for batch in order.chunks(p.batch_size.max(1)) {
        let max_ratio = batch
            .iter()
            .map(|&i| ratio(&crops[i]))
            .fold(p.min_width as f32 / height as f32, f32::max);
        // int(imgH * max_wh_ratio), as rapidocr.
        let batch_w = (height as f32 * max_ratio) as u32;
        let slot = 3 * height as usize * batch_w as usize;
        let mut input = vec![0f32; slot * batch.len()];
        let mut widths = Vec::with_capacity(batch.len());
        for (k, &i) in batch.iter().enumerate() {
            let img = &crops[i];
            let rw = resized_width(img.width(), img.height(), height, batch_w);
            let resized = resize_linear(img, rw, height);
            write_chw_bgr(&resized, &mut input[k * slot..(k + 1) * slot], batch_w as usize);
            widths.push(rw);
        }
        let t = Instant::now();
        let (shape, probs) = model.run([batch.len(), 3, height as usize, batch_w as usize], &input)?;
        infer += t.elapsed();
        let [n, steps, classes] = shape[..] else {
            return Err(Error::Ocr(format!("rec output has shape {shape:?}, expected [N,T,C]")));
        };
        if n != batch.len() || classes != charset.len() || steps == 0 {
            return Err(Error::Ocr(format!(
                "rec output {shape:?} does not fit a batch of {} and {} classes",
                batch.len(),
                charset.len()
            )));
        }
        // Each timestep covers batch_w / steps input columns (8 for PP-OCR recognisers).
        let step_px = batch_w as f32 / steps as f32;
        for (k, &i) in batch.iter().enumerate() {
            let d = decode(&probs[k * steps * classes..(k + 1) * steps * classes], steps, charset);
            let to_crop = crops[i].width() as f32 / widths[k] as f32;
            let char_x = d
                .char_t
                .iter()
                .map(|t| (t * step_px * to_crop).min(crops[i].width() as f32))
                .collect();
            results[i] = Recognized {
                text: d.text,
                score: d.score,
                char_scores: d.char_scores,
                char_x,
            };
        }
    }
    tracing::debug!(
        "rec {} crops: inference {infer:?} of {:?}",
        crops.len(),
        started.elapsed()
    );
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_keep_their_aspect_ratio_up_to_the_batch_width() {
        assert_eq!(resized_width(100, 25, 48, 320), 192);
        assert_eq!(resized_width(1000, 25, 48, 320), 320);
        assert_eq!(resized_width(1, 500, 48, 320), 1);
    }
}
