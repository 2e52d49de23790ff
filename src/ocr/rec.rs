//! Text recognition: crops → 48-high batches → CTC decode. Mirrors rapidocr 1.4.4's
//! `TextRecognizer`: crops are sorted by aspect ratio so each batch pads little, every batch
//! is as wide as its widest crop (at least `min_width`), and each crop is resized to the
//! model height keeping its aspect ratio, then zero-padded on the right.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use image::RgbImage;

use crate::ocr::crew::Crew;
use crate::ocr::ctc::{decode_within, Alphabet, Charset};
use crate::ocr::image_ops::{resize_linear, write_chw_bgr};
use crate::ocr::params::RecParams;
use crate::ocr::session::{Model, Models};
use crate::{Error, Result};

/// Where a recogniser call may borrow idle engines (see [`crate::ocr::crew`]).
#[derive(Clone, Copy)]
pub(crate) struct Lenders<'a> {
    /// The pool the calling engine belongs to.
    pub crew: &'a Arc<Crew>,
    /// The call's model among a lent engine's models.
    pub model: fn(&Models) -> Option<&Model>,
}

/// Batches that must still be waiting for a lent engine to be worth a thread: each is a few
/// milliseconds, a thread's start tens of microseconds.
const MIN_BATCHES_TO_LEND: usize = 4;

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

/// One inference call: crop indices (ascending aspect ratio) and the padded input width.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Batch {
    pub idx: Vec<usize>,
    pub width: u32,
}

/// Batch width for the widest aspect ratio in it: `int(H * max(ratio, min_width / H))`, as
/// rapidocr computes it.
fn batch_width(max_ratio: f64, p: &RecParams) -> u32 {
    let h = f64::from(p.img_height);
    bucket_width((h * max_ratio.max(f64::from(p.min_width) / h)) as u32, p.width_bucket)
}

/// `w` rounded up to one of four sizes per octave (steps of an eighth of the octave's lower
/// power of two, never below `step`); `step` 0 leaves `w` as it is. At most 25 % padding,
/// and a page's few hundred crops fall into a dozen widths.
fn bucket_width(w: u32, step: u32) -> u32 {
    if step == 0 || w == 0 {
        return w;
    }
    let octave = 1u32 << (31 - w.leading_zeros());
    let s = (octave / 4).max(step);
    w.div_ceil(s) * s
}

/// Groups crops (given as width/height ratios) into batches of similar width: sorted by
/// ratio, `batch_size` crops per batch, and, when `batch_width_budget` is set, narrow batches
/// grow past that while crops × batch width stays within the budget (fewer, fuller calls for
/// the many short table cells). Zero-sized crops (ratio not finite or ≤ 0) are left out.
pub(crate) fn plan_batches(ratios: &[f64], p: &RecParams) -> Vec<Batch> {
    let mut order: Vec<usize> = (0..ratios.len())
        .filter(|&i| ratios[i].is_finite() && ratios[i] > 0.0)
        .collect();
    order.sort_by(|&a, &b| ratios[a].total_cmp(&ratios[b]));
    let min_n = p.batch_size.max(1);
    let mut batches = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for i in order {
        if let Some(&first) = cur.first() {
            // Sorted ascending, so adding `i` makes the batch as wide as crop `i`.
            let w = batch_width(ratios[i], p) as usize;
            let narrow = batch_width(ratios[first], p) as f32;
            let grows_ok = p.max_width_growth <= 0.0 || w as f32 <= narrow * p.max_width_growth;
            let fits = grows_ok && (cur.len() < min_n || (cur.len() + 1) * w <= p.batch_width_budget as usize);
            if !fits {
                let width = batch_width(ratios[*cur.last().expect("non-empty")], p);
                batches.push(Batch {
                    idx: std::mem::take(&mut cur),
                    width,
                });
            }
        }
        cur.push(i);
    }
    if let Some(&last) = cur.last() {
        let width = batch_width(ratios[last], p);
        batches.push(Batch { idx: cur, width });
    }
    batches
}

/// Recognises every crop, each reading restricted to `alphabet` where one is given. Output
/// order matches input order. With several sessions in `models`, batches are handed out to
/// one thread per session; with `lenders`, also to idle engines of the same pool while
/// enough are left. Which session reads a batch does not change its reading.
pub(crate) fn recognize(
    models: &[Model],
    charset: &Charset,
    crops: &[RgbImage],
    p: &RecParams,
    alphabet: Option<&Alphabet>,
    lenders: Option<Lenders<'_>>,
) -> Result<Vec<Recognized>> {
    let empty = Recognized {
        text: String::new(),
        score: 0.0,
        char_scores: Vec::new(),
        char_x: Vec::new(),
    };
    let mut results = vec![empty; crops.len()];
    let ratios: Vec<f64> = crops
        .iter()
        .map(|c| {
            if c.width() == 0 || c.height() == 0 {
                0.0
            } else {
                f64::from(c.width()) / f64::from(c.height())
            }
        })
        .collect();
    let mut batches = plan_batches(&ratios, p);
    // Costliest first, so the sessions finish together instead of one running the widest
    // batch alone at the end.
    batches.sort_by_key(|b| std::cmp::Reverse(b.width as usize * b.idx.len()));
    let started = Instant::now();
    let own = models.first().ok_or_else(no_model)?;
    let workers = models.len().min(batches.len());
    let next = AtomicUsize::new(0);
    let lent = AtomicUsize::new(0);
    // Reads the next batch not yet taken until none is left or `stop` (asked before each
    // batch) says so. The batches are shared out one at a time, so every session finishes
    // within a batch of the others.
    let take = |model: &Model, stop: &dyn Fn() -> bool| -> Result<Vec<(usize, Recognized)>> {
        let mut out = Vec::new();
        while !stop() {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(b) = batches.get(k) else { break };
            if let Err(e) = run_batch(model, charset, crops, b, p, alphabet).map(|r| out.extend(r)) {
                // The others stop at their next batch: the call fails anyway.
                next.store(batches.len(), Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(out)
    };
    let parts: Vec<Result<Vec<(usize, Recognized)>>> = std::thread::scope(|s| {
        let (take, lent) = (&take, &lent);
        let helpers = RefCell::new(Vec::new());
        for model in &models[1..workers.max(1)] {
            helpers.borrow_mut().push(s.spawn(move || take(model, &|| false)));
        }
        // Before each of its batches, this thread looks for an idle engine to share what is
        // left with.
        let lend = || {
            let left = batches.len().saturating_sub(next.load(Ordering::Relaxed));
            if let Some(l) = lenders.filter(|_| left >= MIN_BATCHES_TO_LEND) {
                if let Some(spare) = l.crew.spare() {
                    lent.fetch_add(1, Ordering::Relaxed);
                    helpers
                        .borrow_mut()
                        .push(s.spawn(move || match (l.model)(spare.models()) {
                            Some(model) => take(model, &|| spare.wanted()),
                            None => Ok(Vec::new()),
                        }));
                }
            }
            false
        };
        let mut parts = vec![take(own, &lend)];
        parts.extend(
            helpers
                .into_inner()
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(Error::ocr("rec worker panicked")))),
        );
        parts
    });
    let mut done = Vec::with_capacity(crops.len());
    for part in parts {
        done.extend(part?);
    }
    for (i, r) in done {
        results[i] = r;
    }
    tracing::debug!(
        "rec {} crops in {} batches on {workers} sessions and {} lent: {:?}; {} columns",
        crops.len(),
        batches.len(),
        lent.load(Ordering::Relaxed),
        started.elapsed(),
        batches.iter().map(|b| b.width as usize * b.idx.len()).sum::<usize>(),
    );
    Ok(results)
}

fn no_model() -> Error {
    Error::ocr("no rec session")
}

/// Resizes, pads and runs one batch, then decodes it.
fn run_batch(
    model: &Model,
    charset: &Charset,
    crops: &[RgbImage],
    b: &Batch,
    p: &RecParams,
    alphabet: Option<&Alphabet>,
) -> Result<Vec<(usize, Recognized)>> {
    let height = p.img_height;
    let batch_w = b.width.max(1);
    let slot = 3 * height as usize * batch_w as usize;
    let mut input = vec![0f32; slot * b.idx.len()];
    let mut widths = Vec::with_capacity(b.idx.len());
    for (k, &i) in b.idx.iter().enumerate() {
        let img = &crops[i];
        let rw = resized_width(img.width(), img.height(), height, batch_w);
        let resized = resize_linear(img, rw, height);
        write_chw_bgr(&resized, &mut input[k * slot..(k + 1) * slot], batch_w as usize);
        widths.push(rw);
    }
    model.run_with(
        [b.idx.len(), 3, height as usize, batch_w as usize],
        &input,
        |shape, probs| decode_batch(shape, probs, b, crops, &widths, charset, alphabet),
    )
}

/// Decodes one batch's output (`[N, T, C]` probabilities) into each crop's reading, with
/// character positions in the crop's pixels (`widths`: each crop's resized width).
fn decode_batch(
    shape: &[usize],
    probs: &[f32],
    b: &Batch,
    crops: &[RgbImage],
    widths: &[u32],
    charset: &Charset,
    alphabet: Option<&Alphabet>,
) -> Result<Vec<(usize, Recognized)>> {
    let [n, steps, classes] = shape[..] else {
        return Err(Error::ocr(format!("rec output has shape {shape:?}, expected [N,T,C]")));
    };
    if n != b.idx.len() || classes != charset.len() || steps == 0 || probs.len() != n * steps * classes {
        return Err(Error::ocr(format!(
            "rec output {shape:?} does not fit a batch of {} and {} classes",
            b.idx.len(),
            charset.len()
        )));
    }
    // Each timestep covers batch_w / steps input columns (8 for PP-OCR recognisers).
    let step_px = b.width.max(1) as f32 / steps as f32;
    let mut out = Vec::with_capacity(n);
    for (k, &i) in b.idx.iter().enumerate() {
        let d = decode_within(
            &probs[k * steps * classes..(k + 1) * steps * classes],
            steps,
            charset,
            alphabet,
        );
        let to_crop = crops[i].width() as f32 / widths[k] as f32;
        let char_x = d
            .char_t
            .iter()
            .map(|t| (t * step_px * to_crop).min(crops[i].width() as f32))
            .collect();
        out.push((
            i,
            Recognized {
                text: d.text,
                score: d.score,
                char_scores: d.char_scores,
                char_x,
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucketed_widths_take_four_sizes_per_octave() {
        assert_eq!(bucket_width(300, 0), 300);
        assert_eq!(bucket_width(128, 32), 128);
        assert_eq!(bucket_width(129, 32), 160);
        assert_eq!(bucket_width(300, 32), 320);
        assert_eq!(bucket_width(513, 32), 640);
        assert_eq!(bucket_width(40, 32), 64);
        let widths: std::collections::BTreeSet<u32> = (128..2048).map(|w| bucket_width(w, 32)).collect();
        assert_eq!(widths.len(), 17, "{widths:?}");
        assert!((128..2048)
            .all(|w| bucket_width(w, 32) >= w && f64::from(bucket_width(w, 32)) <= f64::from(w) * 1.25 + 1.0));
    }

    #[test]
    fn crops_keep_their_aspect_ratio_up_to_the_batch_width() {
        assert_eq!(resized_width(100, 25, 48, 320), 192);
        assert_eq!(resized_width(1000, 25, 48, 320), 320);
        assert_eq!(resized_width(1, 500, 48, 320), 1);
    }

    fn params(min_width: u32, batch_size: usize, budget: u32) -> RecParams {
        RecParams {
            min_width,
            batch_size,
            batch_width_budget: budget,
            max_width_growth: 0.0,
            ..RecParams::default()
        }
    }

    #[test]
    fn a_much_wider_crop_starts_its_own_batch() {
        // Five table cells (ratio 1–1.4) and one long line (ratio 40), floor 0, batches of 6.
        let ratios = [1.0, 1.2, 40.0, 1.1, 1.4, 1.3];
        let p = RecParams {
            max_width_growth: 1.5,
            ..params(0, 6, 0)
        };
        let b = plan_batches(&ratios, &p);
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(b[0].idx, vec![0, 3, 1, 5, 4]);
        assert_eq!(b[0].width, 67);
        assert_eq!(b[1].idx, vec![2]);
        // Without the limit all six share the long line's width.
        assert_eq!(plan_batches(&ratios, &params(0, 6, 0)).len(), 1);
    }

    #[test]
    fn batches_follow_aspect_ratio_and_the_width_floor() {
        let ratios = [4.0, 1.0, 0.0, 10.0, 2.0, f64::NAN];
        // rapidocr: fixed batches in ratio order, at least 320 wide.
        let b = plan_batches(&ratios, &params(320, 2, 0));
        assert_eq!(
            b,
            vec![
                Batch {
                    idx: vec![1, 4],
                    width: 320
                },
                Batch {
                    idx: vec![0, 3],
                    width: 480
                },
            ]
        );
        // Without the floor a batch is as wide as its widest crop.
        let b = plan_batches(&ratios, &params(0, 2, 0));
        assert_eq!(
            b[0],
            Batch {
                idx: vec![1, 4],
                width: 96
            }
        );
        assert_eq!(b[1].width, 480);
    }

    #[test]
    fn narrow_batches_grow_within_the_width_budget() {
        // Ten 1:1 crops (48 px) and two long ones; budget 6 × 96 px.
        let mut ratios = vec![1.0; 10];
        ratios.extend([8.0, 9.0]);
        let b = plan_batches(&ratios, &params(0, 2, 576));
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(b[0].idx.len(), 10);
        assert_eq!(b[0].width, 48);
        // The long crops still pair up: batch_size is the minimum.
        assert_eq!(
            b[1],
            Batch {
                idx: vec![10, 11],
                width: 432
            }
        );
        // Every crop exactly once.
        let mut all: Vec<usize> = b.iter().flat_map(|b| b.idx.clone()).collect();
        all.sort();
        assert_eq!(all, (0..12).collect::<Vec<_>>());
    }
}
