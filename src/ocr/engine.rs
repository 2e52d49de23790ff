//! [`OcrEngine`]: the three sessions loaded once, and the stage calls built on them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use image::RgbImage;

use crate::error::ConfigError;
use crate::geom::Rect;
use crate::ocr::cls::{self, Direction};
use crate::ocr::crew::Crew;
use crate::ocr::ctc::{Alphabet, Charset};
use crate::ocr::det::{self, DetBox};
use crate::ocr::geometry::{crop_quad, Crop, Quad};
use crate::ocr::line::OcrLine;
use crate::ocr::params::OcrParams;
use crate::ocr::params::{OcrFiles, RecParams, TinyRecParams};
use crate::ocr::rec::{self, Lenders, Recognized};
use crate::ocr::session::{load_models, ActiveDevice, Model, Models};
use crate::{Error, Result};

/// Seconds spent per stage on one page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OcrTimings {
    /// Resize, detector inference and DB post-processing.
    pub det: Duration,
    /// Cropping and direction classification.
    pub cls: Duration,
    /// Recognition (resize, inference, CTC decode).
    pub rec: Duration,
}

/// A page's OCR result.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOcr {
    /// Lines in reading order, with score ≥ `RecParams::text_score`.
    pub lines: Vec<OcrLine>,
    /// Where the time went.
    pub timings: OcrTimings,
}

/// The class table of `dict`, checked against `model`'s output width (entries + blank + space).
fn checked_charset(dict: &str, model: &Model, what: &'static str, path: &std::path::Path) -> Result<Charset> {
    let artefact = |reason: String| Error::artefact(what, path, reason);
    let charset = Charset::from_metadata(dict).map_err(|e| artefact(e.to_string()))?;
    let classes = model.output_shape.last().copied().unwrap_or(-1);
    if classes >= 0 && classes as usize != charset.len() {
        return Err(artefact(format!(
            "model has {classes} output classes but its dictionary gives {} (entries + blank + space)",
            charset.len()
        )));
    }
    Ok(charset)
}

/// The small recogniser among an engine's models.
fn small_of(models: &Models) -> Option<&Model> {
    models.rec.first()
}

/// The tiny recogniser among an engine's models.
fn tiny_of(models: &Models) -> Option<&Model> {
    models.rec_tiny.first()
}

/// PP-OCR detection + recognition (+ optional direction classification). `Send + Sync`:
/// each session sits behind its own mutex, so concurrent callers serialise per model.
#[derive(Debug)]
pub struct OcrEngine {
    models: Arc<Models>,
    /// The pool this engine belongs to, when its recogniser calls may borrow idle engines.
    crew: Option<Arc<Crew>>,
    charset: Charset,
    /// The tiny recogniser's dictionary, when it is loaded.
    tiny_charset: Option<Charset>,
    params: OcrParams,
}

impl OcrEngine {
    /// Loads and validates the det, rec and cls models from `files.models_dir` and binds
    /// ONNX Runtime (CPU or CUDA build, per `params.device`) if this process has not yet.
    /// Missing or malformed files are [`ErrorKind::Artefact`](crate::error::ErrorKind::Artefact).
    pub fn new(params: &OcrParams, files: &OcrFiles) -> Result<Self> {
        if params.rec.batch_size == 0 || params.cls.batch_size == 0 || params.threads == 0 {
            return Err(ConfigError::OcrZero.into());
        }
        let models = load_models(params, files)?;
        let names = params.model_files();
        let rec_path = files.models_dir.join(&names.rec);
        let dict = models.rec[0]
            .metadata
            .iter()
            .find(|(k, _)| k == "character")
            .and_then(|(_, v)| v.clone())
            .ok_or_else(|| {
                Error::artefact(
                    "OCR rec model",
                    &rec_path,
                    "no `character` metadata (the dictionary) in the model",
                )
            })?;
        let charset = checked_charset(&dict, &models.rec[0], "OCR rec model", &rec_path)?;
        // The tiny model carries no dictionary; it comes as a file beside it.
        let tiny_charset = match models.rec_tiny.first() {
            None => None,
            Some(tiny) => {
                let dict_path = files.models_dir.join(&names.rec_tiny_dict);
                let dict = std::fs::read_to_string(&dict_path)
                    .map_err(|e| Error::artefact("OCR tiny rec dictionary", &dict_path, e))?;
                Some(checked_charset(&dict, tiny, "OCR tiny rec dictionary", &dict_path)?)
            }
        };
        let mut params = params.clone();
        if models.device == ActiveDevice::Cuda {
            params.rec = params.rec.for_cuda(&params.cuda);
        }
        Ok(Self {
            models: Arc::new(models),
            charset,
            tiny_charset,
            params,
            crew: None,
        })
    }

    /// [`OcrEngine::new`] for engine `index` of `crew`: its models are recorded there, and
    /// with [`OcrParams::lend_idle`] its recogniser calls share their batches with the crew's
    /// idle engines.
    pub fn in_crew(params: &OcrParams, files: &OcrFiles, crew: &Arc<Crew>, index: usize) -> Result<Self> {
        let mut engine = Self::new(params, files)?;
        crew.joined(index, &engine.models);
        if params.lend_idle {
            engine.crew = Some(Arc::clone(crew));
        }
        Ok(engine)
    }

    /// Where a recogniser call of `model` may borrow idle engines.
    fn lenders(&self, model: fn(&Models) -> Option<&Model>) -> Option<Lenders<'_>> {
        self.crew.as_ref().map(|crew| Lenders { crew, model })
    }

    /// The execution provider actually in use.
    pub fn device(&self) -> ActiveDevice {
        self.models.device
    }

    /// The parameters the engine was built with.
    pub fn params(&self) -> &OcrParams {
        &self.params
    }

    /// Number of recogniser classes (dictionary + blank + space).
    pub fn class_count(&self) -> usize {
        self.charset.len()
    }

    /// Finds text boxes, in `img` pixels and reading order.
    pub fn detect(&self, img: &RgbImage) -> Result<Vec<DetBox>> {
        det::detect(&self.models.det, img, &self.params.det)
    }

    /// Cuts each box out of `img` (perspective-corrected, tall boxes turned upright).
    /// Boxes of zero size give `None`.
    pub fn crop(&self, img: &RgbImage, boxes: &[DetBox]) -> Vec<Option<Crop>> {
        boxes.iter().map(|b| crop_quad(img, &b.quad)).collect()
    }

    /// Says which crops are upside down (0°/180° classifier).
    pub fn classify_180(&self, crops: &[RgbImage]) -> Result<Vec<Direction>> {
        cls::classify(&self.models.cls, crops, &self.params.cls)
    }

    /// Reads each crop (one text line each). Output order matches input order.
    pub fn recognize(&self, crops: &[RgbImage]) -> Result<Vec<Recognized>> {
        self.recognize_within(crops, None)
    }

    /// [`OcrEngine::recognize`], each reading restricted to `alphabet` where one is given (by
    /// the small recogniser, whose classes the alphabet was made from).
    fn recognize_within(&self, crops: &[RgbImage], alphabet: Option<&Alphabet>) -> Result<Vec<Recognized>> {
        let Some(tiny_charset) = self.tiny_charset.as_ref().filter(|_| alphabet.is_none()) else {
            return rec::recognize(
                &self.models.rec,
                &self.charset,
                crops,
                &self.params.rec,
                alphabet,
                self.lenders(small_of),
            );
        };
        // Tiny first; small again for whatever tiny's read cannot stand for (TinyRecParams).
        let tiny = &self.params.tiny;
        let tiny_rec = RecParams {
            min_width: tiny.min_width,
            ..self.params.rec.clone()
        };
        let mut reads = rec::recognize(
            &self.models.rec_tiny,
            tiny_charset,
            crops,
            &tiny_rec,
            None,
            self.lenders(tiny_of),
        )?;
        let mut again = Vec::new();
        for (i, (r, crop)) in reads.iter_mut().zip(crops).enumerate() {
            let size = (crop.width() as f32, crop.height() as f32);
            let fixed = crate::lexicon::printed::is_fixed_text(&r.text);
            if tiny.accepts(&r.text, &r.char_scores, &r.char_x, size, fixed) {
                continue;
            }
            match tiny.completes(&r.text, &r.char_scores, &r.char_x, size) {
                // Same character count: the scores and centres still belong to the text.
                Some(text) => {
                    r.text = text;
                    tiny.vouch(&mut r.char_scores);
                    r.score = super::ctc::line_score(&r.char_scores);
                }
                None => again.push(i),
            }
        }
        tracing::debug!(crops = crops.len(), reread = again.len(), "tiny first reads");
        if again.is_empty() {
            return Ok(reads);
        }
        let (first, repeats) = if tiny.repeats {
            repeats_of(&reads, crops, &again, tiny)
        } else {
            (again, Vec::new())
        };
        self.read_small(&mut reads, crops, &first)?;
        // A repeat keeps tiny's read where small read its first crop the same (`repeats_of`).
        let unconfirmed: Vec<usize> = repeats
            .into_iter()
            .filter(|&(i, lead)| reads[lead].text != reads[i].text)
            .map(|(i, _)| i)
            .collect();
        self.read_small(&mut reads, crops, &unconfirmed)?;
        Ok(reads)
    }

    /// Small's reads of the crops `which` replace those in `reads`.
    fn read_small(&self, reads: &mut [Recognized], crops: &[RgbImage], which: &[usize]) -> Result<()> {
        if which.is_empty() {
            return Ok(());
        }
        let subset: Vec<RgbImage> = which.iter().map(|&i| crops[i].clone()).collect();
        let second = rec::recognize(
            &self.models.rec,
            &self.charset,
            &subset,
            &self.params.rec,
            None,
            self.lenders(small_of),
        )?;
        for (&i, r) in which.iter().zip(second) {
            reads[i] = r;
        }
        Ok(())
    }

    /// Full-page OCR: detect, crop, optionally fix upside-down crops, recognise, and drop lines
    /// scoring below `text_score` (rapidocr `filter_result`).
    pub fn ocr_page(&self, img: &RgbImage) -> Result<PageOcr> {
        let t = Instant::now();
        let boxes = self.detect(img)?;
        let det = t.elapsed();
        let mut page = self.ocr_boxes(img, &boxes)?;
        page.timings.det = det;
        Ok(page)
    }

    /// The rest of [`OcrEngine::ocr_page`] for boxes already detected on `img`: crop,
    /// optionally fix upside-down crops, recognise, filter. `timings.det` stays zero.
    pub fn ocr_boxes(&self, img: &RgbImage, boxes: &[DetBox]) -> Result<PageOcr> {
        let mut timings = OcrTimings::default();
        let t = Instant::now();
        let (quads, mut crops): (Vec<Quad>, Vec<Crop>) = boxes
            .iter()
            .filter_map(|b| crop_quad(img, &b.quad).map(|c| (b.quad, c)))
            .unzip();
        let mut flipped = vec![false; crops.len()];
        if self.params.cls.enabled && !crops.is_empty() {
            let images: Vec<RgbImage> = crops.iter().map(|c| c.image.clone()).collect();
            for (i, d) in self.classify_180(&images)?.iter().enumerate() {
                if d.upside_down {
                    image::imageops::rotate180_in_place(&mut crops[i].image);
                    flipped[i] = true;
                }
            }
        }
        timings.cls = t.elapsed();

        let t = Instant::now();
        let shapes: Vec<(f32, bool)> = crops.iter().map(|c| (c.image.width() as f32, c.rotated)).collect();
        let images: Vec<RgbImage> = crops.into_iter().map(|c| c.image).collect();
        let recognized = self.recognize(&images)?;
        let lines = recognized
            .into_iter()
            .zip(quads.iter().zip(shapes.iter().zip(&flipped)))
            .filter(|(r, _)| r.score >= self.params.rec.text_score && !r.text.trim().is_empty())
            .map(|(r, (q, (&(width, rotated), &f)))| OcrLine::new(*q, r, width, rotated, f))
            .collect();
        timings.rec = t.elapsed();
        Ok(PageOcr { lines, timings })
    }

    /// Recognises one known single-line region (e.g. a table cell) of `img` without running
    /// the detector. See [`OcrEngine::ocr_regions`].
    pub fn ocr_region(&self, img: &RgbImage, rect: Rect) -> Result<Option<OcrLine>> {
        Ok(self.ocr_regions(img, &[rect])?.pop().flatten())
    }

    /// Recognises several single-line regions in one batched pass. Each region is first
    /// tightened to its ink (dark pixels), so cell padding and empty cells cost nothing;
    /// regions without ink give `None`. Regions are read as horizontal text: unlike det
    /// boxes, a tall region (a lone digit tightened to its ink) is not turned 90°. Text is not filtered by score: the caller knows
    /// the region holds text. Regions with several text lines need [`OcrEngine::ocr_page`]
    /// on the crop instead.
    pub fn ocr_regions(&self, img: &RgbImage, rects: &[Rect]) -> Result<Vec<Option<OcrLine>>> {
        let tight: Vec<Option<Rect>> = rects.iter().map(|r| ink_bounds(img, r)).collect();
        self.read_rects(img, &tight)
    }

    /// Crops each rect exactly as given (`None`: nothing to read) and recognises the crops in
    /// one batched pass; empty readings give `None`. For regions whose extent is known
    /// exactly (glyph runs of a PDF), where tightening to ink would lose the line height.
    pub fn read_rects(&self, img: &RgbImage, rects: &[Option<Rect>]) -> Result<Vec<Option<OcrLine>>> {
        self.read_rects_within(img, rects, None)
    }

    /// [`OcrEngine::read_rects`] for regions that can hold only the characters `chars` (a
    /// repayment grid's state codes): each reading is the recogniser's best among them
    /// (constrained decoding, [`crate::ocr::ctc::decode_within`]), at the probability it
    /// gives that reading among all classes.
    pub fn read_rects_of(
        &self,
        img: &RgbImage,
        rects: &[Option<Rect>],
        chars: &[char],
    ) -> Result<Vec<Option<OcrLine>>> {
        self.read_rects_within(img, rects, Some(&self.charset.alphabet(chars)))
    }

    /// [`OcrEngine::read_rects`] with each reading restricted to `alphabet` where one is given.
    fn read_rects_within(
        &self,
        img: &RgbImage,
        rects: &[Option<Rect>],
        alphabet: Option<&Alphabet>,
    ) -> Result<Vec<Option<OcrLine>>> {
        let (found, images): (Vec<(usize, Rect)>, Vec<RgbImage>) = rects
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let r = (*r)?;
                let (x, y) = (r.x0 as u32, r.y0 as u32);
                let (w, h) = ((r.x1 - r.x0) as u32, (r.y1 - r.y0) as u32);
                (w > 0 && h > 0).then(|| ((i, r), image::imageops::crop_imm(img, x, y, w, h).to_image()))
            })
            .unzip();
        let recognized = self.recognize_within(&images, alphabet)?;
        let mut out = vec![None; rects.len()];
        for (((i, r), crop), rec) in found.into_iter().zip(&images).zip(recognized) {
            if rec.text.trim().is_empty() {
                continue;
            }
            let quad = [[r.x0, r.y0], [r.x1, r.y0], [r.x1, r.y1], [r.x0, r.y1]];
            out[i] = Some(OcrLine::new(quad, rec, crop.width() as f32, false, false));
        }
        Ok(out)
    }
}

impl OcrEngine {
    /// Recognises known table cells without the detector: each cell's ink is split into text
    /// lines at blank pixel rows (see [`ink_lines`]) and every line is recognised in one
    /// batched pass. Each line's crop is padded like [`ink_bounds`] and then, within its
    /// cell, grown to at least `min_line_px` high around the ink: the recogniser reads a lone
    /// `--` cropped to its own two-pixel height as a thick `一`, but as `--` in a crop of a
    /// text line's height. Returns each cell's lines, top to bottom (empty for a blank cell).
    pub fn ocr_cells(&self, img: &RgbImage, cells: &[Rect], min_line_px: f32) -> Result<Vec<Vec<OcrLine>>> {
        let lines: Vec<(usize, Rect)> = cells
            .iter()
            .enumerate()
            .flat_map(|(i, cell)| {
                let (x0, y0, x1, y1) = pixel_window(img, cell);
                let window = Rect::new(x0 as f32, y0 as f32, x1 as f32, y1 as f32);
                ink_lines(img, cell)
                    .into_iter()
                    .map(move |l| (i, line_crop(&l, &window, min_line_px)))
            })
            .collect();
        let rects: Vec<Option<Rect>> = lines.iter().map(|(_, r)| Some(*r)).collect();
        let read = self.read_rects(img, &rects)?;
        let mut out = vec![Vec::new(); cells.len()];
        for ((i, _), line) in lines.into_iter().zip(read) {
            if let Some(line) = line {
                out[i].push(line);
            }
        }
        Ok(out)
    }
}

/// Splits the crops `refused` (tiny's reads that did not stand) into those small reads first
/// and repeats: a later crop whose read tiny was sure of, whole
/// ([`TinyRecParams::is_sure_whole`]), with the same text as an earlier such crop, paired
/// with that earlier crop's index. Crops keep their order, so the split is the same on every
/// run of a page.
fn repeats_of(
    reads: &[Recognized],
    crops: &[RgbImage],
    refused: &[usize],
    tiny: &TinyRecParams,
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut lead_of: HashMap<&str, usize> = HashMap::new();
    let mut first = Vec::with_capacity(refused.len());
    let mut repeats = Vec::new();
    for &i in refused {
        let r = &reads[i];
        let size = (crops[i].width() as f32, crops[i].height() as f32);
        if !tiny.is_sure_whole(&r.text, &r.char_scores, &r.char_x, size) {
            first.push(i);
            continue;
        }
        match lead_of.get(r.text.as_str()) {
            Some(&lead) => repeats.push((i, lead)),
            None => {
                lead_of.insert(&r.text, i);
                first.push(i);
            }
        }
    }
    (first, repeats)
}

/// The crop of one ink line: padded by a quarter of its height (at least 2 px), grown
/// vertically around its centre to `min_h`, whole pixels, never beyond `window`.
fn line_crop(ink: &Rect, window: &Rect, min_h: f32) -> Rect {
    let pad = (ink.height() * 0.25).round().max(2.0);
    let (cy, h) = ((ink.y0 + ink.y1) / 2.0, (ink.height() + 2.0 * pad).max(min_h));
    Rect::new(
        (ink.x0 - pad).max(window.x0).floor(),
        (cy - h / 2.0).max(window.y0).floor(),
        (ink.x1 + pad).min(window.x1).ceil(),
        (cy + h / 2.0).min(window.y1).ceil(),
    )
}

/// The text lines inside `rect`: runs of pixel rows holding ink, split where at least
/// [`LINE_GAP_PX`] blank rows separate them, each narrowed to its own ink columns (unpadded;
/// [`OcrEngine::ocr_regions`] pads).
pub fn ink_lines(img: &RgbImage, rect: &Rect) -> Vec<Rect> {
    let (x0, y0, x1, y1) = pixel_window(img, rect);
    let is_ink = |x: u32, y: u32| is_ink(img, x, y);
    let mut out = Vec::new();
    let mut run: Option<(u32, u32)> = None; // first and last inked row of the current line
    let flush = |a: u32, b: u32, out: &mut Vec<Rect>| {
        let (mut lx0, mut lx1) = (u32::MAX, 0);
        for y in a..=b {
            for x in x0..x1 {
                if is_ink(x, y) {
                    lx0 = lx0.min(x);
                    lx1 = lx1.max(x + 1);
                }
            }
        }
        if lx0 < lx1 {
            out.push(Rect::new(lx0 as f32, a as f32, lx1 as f32, (b + 1) as f32));
        }
    };
    for y in y0..y1 {
        if (x0..x1).any(|x| is_ink(x, y)) {
            run = match run {
                Some((a, b)) if y - b > LINE_GAP_PX => {
                    flush(a, b, &mut out);
                    Some((y, y))
                }
                Some((a, _)) => Some((a, y)),
                None => Some((y, y)),
            };
        }
    }
    if let Some((a, b)) = run {
        flush(a, b, &mut out);
    }
    out
}

/// Blank rows that separate two text lines in a cell (lines in a report cell are set 4–10 px
/// apart at 150–300 DPI; strokes inside one CJK line never leave two empty rows across the
/// whole line).
const LINE_GAP_PX: u32 = 2;

/// Luma below which a pixel counts as ink. Scans and renders put text near 0 and paper near
/// 255; the sample's watermark is drawn at about 200–230, so it stays out.
const INK_LUMA: u8 = 160;

/// `rect` as whole pixels `(x0, y0, x1, y1)`, half-open, clamped to the image.
fn pixel_window(img: &RgbImage, rect: &Rect) -> (u32, u32, u32, u32) {
    let (w, h) = (img.width() as f32, img.height() as f32);
    (
        rect.x0.max(0.0).floor() as u32,
        rect.y0.max(0.0).floor() as u32,
        rect.x1.min(w).ceil() as u32,
        rect.y1.min(h).ceil() as u32,
    )
}

/// Whether the pixel's luma (BT.601) is below [`INK_LUMA`].
fn is_ink(img: &RgbImage, x: u32, y: u32) -> bool {
    let p = img.get_pixel(x, y).0;
    (u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000 < u32::from(INK_LUMA)
}

/// Bounds of the ink inside `rect` (integer pixels, clamped to the image), padded by a quarter
/// of the ink height (at least 2 px, never beyond `rect`): recognisers are trained on det
/// crops, which carry about that much margin after unclipping.
pub fn ink_bounds(img: &RgbImage, rect: &Rect) -> Option<Rect> {
    let (x0, y0, x1, y1) = pixel_window(img, rect);
    let (mut ix0, mut iy0, mut ix1, mut iy1) = (u32::MAX, u32::MAX, 0, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            if is_ink(img, x, y) {
                ix0 = ix0.min(x);
                iy0 = iy0.min(y);
                ix1 = ix1.max(x + 1);
                iy1 = iy1.max(y + 1);
            }
        }
    }
    if ix0 >= ix1 || iy0 >= iy1 {
        return None;
    }
    let ink = Rect::new(ix0 as f32, iy0 as f32, ix1 as f32, iy1 as f32);
    Some(line_crop(
        &ink,
        &Rect::new(x0 as f32, y0 as f32, x1 as f32, y1 as f32),
        0.0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, score: f32, xs: &[f32]) -> Recognized {
        Recognized {
            text: text.to_string(),
            score,
            char_scores: vec![score; text.chars().count()],
            char_x: xs.to_vec(),
        }
    }

    #[test]
    fn later_sure_reads_of_one_text_wait_for_small_to_read_the_first() {
        let tiny = TinyRecParams::default();
        let xs = [19.0, 42.0, 64.0, 81.0];
        let crops = vec![RgbImage::new(100, 34); 6];
        let reads = vec![
            read("中国银行", 0.99, &xs),
            read("招商银行", 0.99, &xs),
            read("中国银行", 0.99, &xs),
            read("中国银行", 0.9, &xs),
            read("招商银行", 0.99, &xs),
            read("中国银行", 0.99, &[19.0, 42.0, 64.0, 70.0]),
        ];
        let (first, repeats) = repeats_of(&reads, &crops, &[0, 1, 2, 3, 4, 5], &tiny);
        // The doubtful read (3) and the one short of its crop's end (5) are small's to read.
        assert_eq!(first, vec![0, 1, 3, 5]);
        assert_eq!(repeats, vec![(2, 0), (4, 1)]);
        // Only the crops refused are looked at.
        let (first, repeats) = repeats_of(&reads, &crops, &[2, 4], &tiny);
        assert_eq!((first, repeats), (vec![2, 4], vec![]));
    }

    #[test]
    fn ink_bounds_tighten_to_dark_pixels_with_padding() {
        let mut img = RgbImage::from_pixel(100, 50, image::Rgb([255, 255, 255]));
        for y in 20..28 {
            for x in 30..60 {
                img.put_pixel(x, y, image::Rgb([0, 0, 0]));
            }
        }
        // Light grey (watermark-like) pixels are ignored.
        img.put_pixel(5, 5, image::Rgb([210, 210, 210]));
        let r = ink_bounds(&img, &Rect::new(0.0, 0.0, 100.0, 50.0)).unwrap();
        assert_eq!(r, Rect::new(28.0, 18.0, 62.0, 30.0));
        // Padding never leaves the given rect.
        let r = ink_bounds(&img, &Rect::new(30.0, 20.0, 60.0, 28.0)).unwrap();
        assert_eq!(r, Rect::new(30.0, 20.0, 60.0, 28.0));
        assert!(ink_bounds(&img, &Rect::new(70.0, 0.0, 100.0, 50.0)).is_none());
    }

    #[test]
    fn a_flat_mark_is_cropped_to_a_text_line_height_inside_its_cell() {
        // A `--` two pixels high in a cell 40 px high: padded by 2 px, then grown to 30 px
        // around its centre.
        let window = Rect::new(0.0, 0.0, 100.0, 40.0);
        let dash = Rect::new(40.0, 19.0, 60.0, 21.0);
        assert_eq!(line_crop(&dash, &window, 30.0), Rect::new(38.0, 5.0, 62.0, 35.0));
        // Never beyond the cell.
        assert_eq!(line_crop(&dash, &window, 60.0), Rect::new(38.0, 0.0, 62.0, 40.0));
        // Without a minimum it is the padded ink, as `ink_bounds` gives.
        assert_eq!(line_crop(&dash, &window, 0.0), Rect::new(38.0, 17.0, 62.0, 23.0));
    }

    #[test]
    fn ink_lines_split_a_cell_at_blank_rows() {
        let mut img = RgbImage::from_pixel(100, 60, image::Rgb([255, 255, 255]));
        let mut fill = |xs: std::ops::Range<u32>, ys: std::ops::Range<u32>| {
            for y in ys {
                for x in xs.clone() {
                    img.put_pixel(x, y, image::Rgb([0, 0, 0]));
                }
            }
        };
        fill(10..80, 5..15); // line 1
        fill(10..40, 16..17); // touches line 1 after one blank row: same line
        fill(20..50, 25..35); // line 2, nine blank rows below
        let cell = Rect::new(0.0, 0.0, 100.0, 60.0);
        let lines = ink_lines(&img, &cell);
        assert_eq!(
            lines,
            vec![Rect::new(10.0, 5.0, 80.0, 17.0), Rect::new(20.0, 25.0, 50.0, 35.0)]
        );
        assert!(ink_lines(&img, &Rect::new(85.0, 0.0, 100.0, 60.0)).is_empty());
    }
}
