//! Image-only pages → [`PageContent`]: render at a resolution matched to the scan, clean seal
//! and watermark ink, turn the page upright, remove skew, find rulings in pixels, detect and
//! recognise text, and cut recognised lines at vertical rulings so no span crosses a cell
//! border. The result feeds the same grid reconstruction and parsers as a text-layer page.

pub mod glyph_runs;
mod grid_marks;
mod orient;
mod periodic;
mod through_text;
mod under_mark;

use std::time::{Duration, Instant};

use image::{imageops, GrayImage, Luma, RgbImage};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
use pdfium_render::prelude::*;

use crate::content::{ContentSource, Orientation, PageContent, Ruling};
use crate::geom::Rect;
use crate::layout::{LayoutParams, RulingCells};
use crate::ocr::{script, OcrEngine, OcrLine};
use crate::raster::quad::QuadParams;
use crate::raster::{
    self, BinarizeParams, FlattenParams, LineParams, OverlayParams, PaleMarkParams, ScreenParams, SealParams,
    SkewParams, StreakParams,
};
use crate::{Error, Result};

pub use orient::{lines_are_vertical, majority_upside_down};

/// Tunables of the scanned-page path.
#[derive(Debug, Clone, Copy)]
pub struct ScanParams {
    /// The highest resolution a page is rendered at, whatever its scan's (`raster::dpi`).
    pub max_dpi: f32,
    /// Background / ink separation.
    pub binarize: BinarizeParams,
    /// Ruling detection.
    pub lines: LineParams,
    /// Binarisation of the ruling masks (see [`ruling_binarize`]).
    pub ruling_binarize: BinarizeParams,
    /// Skew search.
    pub skew: SkewParams,
    /// Paper-level normalisation before anything else looks at the page; `None` skips it.
    pub flatten: Option<FlattenParams>,
    /// Round red seals (told from red print by shape).
    pub seal: SealParams,
    /// Photos: the page quad warped back to the frame; `None` skips it.
    pub quad: Option<QuadParams>,
    /// Copier streaks, dropped from the vertical rulings.
    pub streaks: StreakParams,
    /// A wide overlay lighter than the print (a copy mark), lifted off the page.
    pub overlay: OverlayParams,
    /// Pale text over the print (an institution copy's `XX提供 time` watermark), lifted off
    /// the pages the models read.
    pub pale_marks: PaleMarkParams,
    /// Halftone screens of printed copies, averaged away before rulings are looked for.
    pub screen: ScreenParams,
}

impl Default for ScanParams {
    fn default() -> Self {
        Self {
            max_dpi: raster::dpi::MAX_DPI,
            binarize: BinarizeParams::default(),
            lines: LineParams::default(),
            skew: SkewParams::default(),
            ruling_binarize: ruling_binarize(),
            flatten: Some(FlattenParams::default()),
            seal: SealParams::default(),
            quad: Some(QuadParams::default()),
            streaks: StreakParams::default(),
            overlay: OverlayParams::default(),
            pale_marks: PaleMarkParams::default(),
            screen: ScreenParams::default(),
        }
    }
}

/// Rulings are thresholded against the mean of a wider window, and more leniently, than text:
/// at 150 DPI a blurred one-pixel line is only a little darker than paper, and next to bold
/// labels a text-sized window's mean is so dark that the line drops out exactly where it
/// borders a cell. The along-the-line averaging keeps the lower threshold from picking up noise.
pub fn ruling_binarize() -> BinarizeParams {
    BinarizeParams {
        window_frac: 1.0 / 12.0,
        t: 0.10,
        ..BinarizeParams::default()
    }
}

/// A seal's blurred, blotchy edge reaches this far beyond the ring found on the coarse grid.
const SEAL_EDGE_MM: f32 = 1.0;

/// Below this the page is left as it is: resampling costs more sharpness than it gains.
const MIN_DESKEW_DEG: f32 = 0.05;
/// Text crops sent to the direction classifier to vote on upside-down pages.
const VOTE_CROPS: usize = 24;

/// Where the time of one page went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScanTimings {
    /// pdfium rendering.
    pub render: Duration,
    /// Cleaning, binarisation, orientation, skew and rulings.
    pub geometry: Duration,
    /// Text detection (including a second pass on upside-down pages).
    pub det: Duration,
    /// Orientation vote.
    pub cls: Duration,
    /// Recognition.
    pub rec: Duration,
    /// Second look at grid cells the detector left empty.
    pub cells: Duration,
}

/// What the geometry stage found, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageGeometry {
    /// Render resolution.
    pub dpi: f32,
    /// Clockwise quarter turns applied to make the page upright (0..=3).
    pub quarter_turns: u8,
    /// Skew removed, degrees.
    pub skew_deg: f32,
}

/// Renders page `index` of an image-only PDF and reads it.
pub fn read_scanned_page(
    engine: &OcrEngine,
    page: &PdfPage<'_>,
    index: usize,
    p: &ScanParams,
) -> Result<(PageContent, PageGeometry, ScanTimings)> {
    let (img, dpi, render) = render_page(page, index, p.max_dpi)?;
    let (content, geometry, mut timings) = read_page_image(engine, img, dpi, index, p)?;
    timings.render = render;
    Ok((content, geometry, timings))
}

/// Renders page `index` at the resolution its scan calls for, at most `max_dpi`; returns the
/// image, its DPI and the time taken.
pub fn render_page(page: &PdfPage<'_>, index: usize, max_dpi: f32) -> Result<(RgbImage, f32, Duration)> {
    let t = Instant::now();
    let dpi = raster::choose_dpi(page, max_dpi);
    let img = render_at(page, index, dpi)?.into_rgb8();
    Ok((img, dpi, t.elapsed()))
}

/// Renders page `index` as displayed (after `/Rotate`) at `dpi`, refusing sizes over
/// `pdf::MAX_PAGE_PIXELS` before pdfium allocates them.
pub fn render_at(page: &PdfPage<'_>, index: usize, dpi: f32) -> Result<image::DynamicImage> {
    crate::pdf::check_render_size(page, index, dpi / 72.0)?;
    let cfg = PdfRenderConfig::new().scale_page_by_factor(dpi / 72.0);
    page.render_with_config(&cfg)
        .and_then(|b| b.as_image())
        .map_err(|e| Error::pdf(format!("rendering page {}", index + 1), e))
}

/// Reads one page image rendered at `dpi`.
pub fn read_page_image(
    engine: &OcrEngine,
    img: RgbImage,
    dpi: f32,
    index: usize,
    p: &ScanParams,
) -> Result<(PageContent, PageGeometry, ScanTimings)> {
    recognize_page(engine, prepare_page(img, dpi, p), index, p)
}

/// A page after the stages that need no model: cleaned, turned upright up to a possible half
/// turn, deskewed, its rulings found. Single-threaded work, so the pipeline prepares the next
/// page while the models (which use every core only part of the time) read this one.
pub struct PreparedPage {
    page: Straightened,
    rulings: Vec<Ruling>,
    geometry: PageGeometry,
    timings: ScanTimings,
}

/// The model-free stages of a page image rendered at `dpi`.
pub fn prepare_page(img: RgbImage, dpi: f32, p: &ScanParams) -> PreparedPage {
    let mut timings = ScanTimings::default();
    let mut geometry = PageGeometry {
        dpi,
        ..Default::default()
    };
    let t = Instant::now();
    let img = match &p.quad {
        Some(q) => raster::quad::rectify_photo(img, q),
        None => img,
    };
    let page = straighten(&img, p, &mut geometry);
    drop(img);
    let rulings = page.rulings(dpi / 72.0, p);
    timings.geometry = t.elapsed();
    PreparedPage {
        page,
        rulings,
        geometry,
        timings,
    }
}

/// Detection, the upside-down vote, recognition and the blank-cell pass on a prepared page.
pub fn recognize_page(
    engine: &OcrEngine,
    prepared: PreparedPage,
    index: usize,
    p: &ScanParams,
) -> Result<(PageContent, PageGeometry, ScanTimings)> {
    let PreparedPage {
        mut page,
        mut rulings,
        mut geometry,
        mut timings,
    } = prepared;
    let px_per_pt = geometry.dpi / 72.0;

    let t = Instant::now();
    let mut boxes = engine.detect(&page.clean)?;
    timings.det = t.elapsed();

    let t = Instant::now();
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    // Wide boxes carry the most evidence about direction.
    order.sort_by(|&a, &b| boxes[b].rect().width().total_cmp(&boxes[a].rect().width()));
    let vote_crops: Vec<RgbImage> = order
        .iter()
        .take(VOTE_CROPS)
        .filter_map(|&i| {
            engine
                .crop(&page.clean, std::slice::from_ref(&boxes[i]))
                .pop()
                .flatten()
        })
        .filter(|c| !c.rotated)
        .map(|c| c.image)
        .collect();
    let votes: Vec<(bool, f32)> = engine
        .classify_180(&vote_crops)?
        .iter()
        .map(|d| (d.upside_down, d.score))
        .collect();
    timings.cls = t.elapsed();
    if majority_upside_down(&votes) {
        page.rotate180();
        geometry.quarter_turns = (geometry.quarter_turns + 2) % 4;
        let t = Instant::now();
        boxes = engine.detect(&page.clean)?;
        timings.det += t.elapsed();
        let t = Instant::now();
        rulings = page.rulings(px_per_pt, p);
        timings.geometry += t.elapsed();
    }
    // Only the recogniser's page is needed from here on; the others go now, not at the end.
    let Straightened {
        clean,
        faint,
        gray,
        mark,
    } = page;
    drop((clean, gray, mark));

    let t = Instant::now();
    // The diagonal watermark is dropped before recognition, which would only waste time on it.
    boxes.retain(|b| !is_diagonal(&b.quad));
    let lines = engine.ocr_boxes(&faint, &boxes)?.lines;
    timings.rec = t.elapsed();
    let rulings = through_text::without_rulings_through_text(rulings, &lines, px_per_pt);

    let spans = lines
        .iter()
        .flat_map(|l| l.split_at_x(&vertical_cuts_px(&rulings, l, px_per_pt)))
        .map(|l| {
            let mut span = l.to_text_span(px_per_pt);
            span.text = script::printed_punctuation(&span.text);
            span
        })
        .filter(|s| !s.text.is_empty())
        .collect();
    let mut content = PageContent {
        index,
        width: faint.width() as f32 / px_per_pt,
        height: faint.height() as f32 / px_per_pt,
        source: ContentSource::Ocr,
        spans,
        rulings,
    };
    let t = Instant::now();
    let cells = RulingCells::of(&content, &LayoutParams::default());
    let missed = read_blank_cells(engine, &faint, &cells.blank(&content.spans), px_per_pt)?;
    content.spans.extend(missed);
    grid_marks::reread_odd_marks(engine, &faint, &cells, &mut content, px_per_pt)?;
    timings.cells = t.elapsed();
    Ok((content, geometry, timings))
}

/// How far inside its rulings a blank cell is searched for ink: clear of the ruling strokes
/// (up to ~1 pt wide after blur, ±1 px of position error) but not into the text, which the
/// report sets at least 2 pt from the borders.
const CELL_INSET_PT: f32 = 1.5;

/// Height a cell's text line is cropped to at least: about what the detector's box gives the
/// report's 8.5–9 pt cell text.
const CELL_LINE_PT: f32 = 13.0;

/// A cell read without a detector box is believed only at this mean confidence: higher than
/// `RecParams::text_score`, since what the detector passed over may be noise, and an invented
/// mark in a blank repayment month is worse than a missed one.
const BLANK_CELL_MIN_SCORE: f32 = 0.8;

/// `--`, the report's "not applicable" mark, is believed from this mean confidence: two short
/// strokes at cell height are read with 0.6–0.8 at scan resolution (the recogniser is unsure
/// of their count and length, not of what they are), and stray specks do not line up into
/// two level strokes. Other small marks (`*`, read as `。` or `★` when faint) keep the
/// stricter bar: a speck in a blank repayment month reads as one of them.
const DASHES_MIN_SCORE: f32 = 0.6;

/// Whether a cell read without a detector box is believed.
fn believed(line: &OcrLine) -> bool {
    line.score >= BLANK_CELL_MIN_SCORE || (line.text == "--" && line.score >= DASHES_MIN_SCORE)
}

/// What the recogniser makes of a blurred or spread `--`: dashes, dots and quote marks, all
/// horizontal strokes or blobs on one line.
fn dash_like(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(
                c,
                '-' | '‐'
                    | '–'
                    | '—'
                    | '―'
                    | '－'
                    | '一'
                    | '…'
                    | '‥'
                    | '·'
                    | '.'
                    | '"'
                    | '“'
                    | '”'
                    | '\''
                    | '='
                    | '_'
                    | '~'
            )
        })
}

/// Character confidence of a `--` that the recogniser read as dash-like marks and the shape
/// test confirms: two readers that fail differently agree (no such reading was wrong on the
/// five CI scans compared with their truth field by field), so it is not put up for review.
const AGREED_DASH_SCORE: f32 = 0.99;

/// A cell line read as `--` where its ink has that shape ([`crate::raster::marks::double_dash`]),
/// whatever the recogniser made of it: spread or blurred dashes come back as `…`, `"` or `-`
/// at low confidence, or even as `**` or `#*` at a confidence that passes, while two level
/// bars side by side are nothing else the report prints in a cell. Where the recogniser's
/// reading was not dash-like, the line keeps its confidence only up to
/// [`UNCONFIRMED_DASH_SCORE`], so the evidence puts it up for review.
fn shaped_double_dash(line: &OcrLine, clean: &RgbImage, px_per_pt: f32) -> Option<OcrLine> {
    if line.text == "--" && believed(line) {
        return None; // read as it is; its own confidence stands
    }
    let bars = crate::raster::marks::double_dash(clean, &line.rect, px_per_pt)?;
    let score = if dash_like(line.text.trim()) {
        AGREED_DASH_SCORE
    } else {
        line.score.min(UNCONFIRMED_DASH_SCORE)
    };
    Some(OcrLine {
        text: "--".to_string(),
        score,
        char_scores: vec![score; 2],
        char_rects: bars.to_vec(),
        ..line.clone()
    })
}

/// Highest character confidence of a `--` that only its shape vouches for (the recogniser read
/// something else, or nothing: ink too faint for it): below the evidence's review threshold, so
/// it is put up for review unless a value read apart corroborates it (a quiet grid month over
/// an amount of `0`), and at the text score the recogniser's own reads must reach.
const UNCONFIRMED_DASH_SCORE: f32 = 0.5;

/// Recognises the ink of grid cells that got no text from the detector (`blank`, see
/// [`RulingCells::blank`]): lone marks such as `--` and `*` are often too small for it.
fn read_blank_cells(
    engine: &OcrEngine,
    clean: &RgbImage,
    blank: &[Rect],
    px_per_pt: f32,
) -> Result<Vec<crate::content::TextSpan>> {
    let rects: Vec<Rect> = blank.iter().filter_map(|c| cell_window_px(c, px_per_pt)).collect();
    if rects.is_empty() {
        return Ok(Vec::new());
    }
    let read = engine.ocr_cells(clean, &rects, CELL_LINE_PT * px_per_pt)?;
    let mut lines = Vec::new();
    for (cell, cell_lines) in rects.iter().zip(read) {
        let before = lines.len();
        lines.extend(cell_lines.into_iter().filter_map(|l| {
            shaped_double_dash(&l, clean, px_per_pt)
                .or_else(|| shaped_asterisk(&l, clean, cell, px_per_pt))
                .or_else(|| believed(&l).then_some(l))
        }));
        if lines.len() == before {
            lines.extend(faint_double_dash(clean, cell, px_per_pt).or_else(|| unread_asterisk(clean, cell, px_per_pt)));
        }
    }
    Ok(lines
        .into_iter()
        .map(|l| l.to_text_span(px_per_pt))
        .filter(|s| !s.text.is_empty())
        .collect())
}

/// The pixels of a cell (in points) searched for its ink: [`CELL_INSET_PT`] inside its
/// rulings; `None` for a cell too small to hold a mark.
fn cell_window_px(c: &Rect, px_per_pt: f32) -> Option<Rect> {
    let inset = CELL_INSET_PT;
    (c.width() > 3.0 * inset && c.height() > 3.0 * inset).then(|| {
        Rect::new(
            (c.x0 + inset) * px_per_pt,
            (c.y0 + inset) * px_per_pt,
            (c.x1 - inset) * px_per_pt,
            (c.y1 - inset) * px_per_pt,
        )
    })
}

/// A `*` in a blank cell that the recogniser read as nothing it believes, nor as a dot or
/// star (a ruling in its crop, or the blob read `e`, `单` at 0.2): its shape alone
/// ([`crate::raster::marks::lone_blob`]) vouches for it, so it gets the confidence of a `--`
/// read by shape alone and goes to review.
fn unread_asterisk(clean: &RgbImage, cell: &Rect, px_per_pt: f32) -> Option<OcrLine> {
    let blob = crate::raster::marks::lone_blob(clean, cell, px_per_pt)?;
    Some(read_by_shape("*", &[blob]))
}

/// A line whose characters (one per box, in order) only their shape vouches for: each at
/// [`UNCONFIRMED_DASH_SCORE`], so the evidence puts it up for review.
fn read_by_shape(text: &str, boxes: &[Rect]) -> OcrLine {
    let rect = boxes.iter().copied().reduce(|r, b| r.union(&b)).unwrap_or_default();
    OcrLine::upright(
        rect,
        text.to_string(),
        vec![UNCONFIRMED_DASH_SCORE; boxes.len()],
        boxes.to_vec(),
    )
}

/// Character confidence of a `*` that the recogniser read as a dot or star (below the blank-cell
/// bar) and whose ink is one compact blob: two readers agree, but a dot-sized blob is a
/// weaker shape than two level bars, so it stays under [`AGREED_DASH_SCORE`].
const AGREED_ASTERISK_SCORE: f32 = 0.9;

/// A cell line read as `*` where the recogniser's reading was a dot, star or `*` too unsure
/// to be believed (a `*` at 8–9 pt is a few pixels of ink at 150 DPI: read `·` or `。` at
/// 0.3–0.5) and the cell's only ink is one compact blob of mark size
/// ([`crate::raster::marks::lone_blob`]): dust is smaller, characters are larger, and nothing
/// else the report prints in a cell is a lone dot. Believed lines are left to [`believed`].
fn shaped_asterisk(line: &OcrLine, clean: &RgbImage, cell: &Rect, px_per_pt: f32) -> Option<OcrLine> {
    if believed(line) {
        return None;
    }
    let mut chars = line.text.trim().chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if !crate::correct::formats::reads_as_asterisk(c) {
        return None;
    }
    let blob = crate::raster::marks::lone_blob(clean, cell, px_per_pt)?;
    Some(OcrLine {
        text: "*".to_string(),
        score: AGREED_ASTERISK_SCORE,
        char_scores: vec![AGREED_ASTERISK_SCORE],
        char_rects: vec![blob],
        ..line.clone()
    })
}

/// A `--` in a blank cell whose strokes are lighter than the recogniser's ink level (a hairline
/// dash on a 150-DPI copy stays at 140–170 luma), found by its shape over the whole cell.
fn faint_double_dash(clean: &RgbImage, cell: &Rect, px_per_pt: f32) -> Option<OcrLine> {
    let bars = crate::raster::marks::double_dash(clean, cell, px_per_pt)?;
    Some(read_by_shape("--", &bars))
}

/// A page turned upright (up to a possible half turn) and deskewed.
pub struct Straightened {
    /// What the detector sees: seal ink and light tints turned to white.
    pub clean: RgbImage,
    /// What the recogniser reads the detected boxes and blank cells from: as `clean`, but the
    /// faint strokes of a pale copy between the tint level and paper kept
    /// ([`raster::keep_faint_strokes`]). Built here, in the model-free stage that overlaps the
    /// previous page's recognition, and turned with the page like `clean`.
    pub faint: RgbImage,
    /// The same page, flattened but not whitened: the faint, blurred rulings of a poor scan
    /// are often lighter than the tint level that `clean` turns to paper.
    pub gray: GrayImage,
    /// Where a copy mark was lifted off the page (see [`raster::Lifted::mark`]), turned with it.
    pub mark: Option<GrayImage>,
}

impl Straightened {
    fn rotate180(&mut self) {
        imageops::rotate180_in_place(&mut self.clean);
        imageops::rotate180_in_place(&mut self.faint);
        imageops::rotate180_in_place(&mut self.gray);
        if let Some(m) = self.mark.as_mut() {
            imageops::rotate180_in_place(m);
        }
    }

    /// The page's rulings ([`rulings_of`]), continued where a copy mark parted them.
    pub fn rulings(&self, px_per_pt: f32, p: &ScanParams) -> Vec<Ruling> {
        let rulings = rulings_of(&self.gray, px_per_pt, p);
        match &self.mark {
            Some(mark) => under_mark::continued_under_mark(rulings, mark, &self.gray, px_per_pt),
            None => rulings,
        }
    }
}

/// The page cleaned of seal and tint, turned a quarter if its lines run vertically, and
/// deskewed; `geometry` records what was done. Upside-down pages need the recogniser to
/// tell, so they are left to the caller.
pub fn straighten(img: &RgbImage, p: &ScanParams, geometry: &mut PageGeometry) -> Straightened {
    let px_per_mm = geometry.dpi / 25.4;
    let seals = raster::find_seals(img, px_per_mm, &p.seal);
    let mut gray = raster::gray_without_seals(img, &seals, SEAL_EDGE_MM * px_per_mm);
    if let Some(f) = &p.flatten {
        gray = raster::flatten_background(&gray, f);
    }
    let mut mark = raster::lift_overlay(&mut gray, geometry.dpi / 72.0, &seals, &p.overlay).mark;
    // Both pages the models read are whitened before they are turned, as the detector's always
    // was: whitened after the bilinear turn, the strokes lose the soft edges the recogniser
    // reads them by (the sample's copier scan 0.66 → 0.62, its print 0.44 → 0.39).
    let lifted = raster::lift_pale_marks(&gray, geometry.dpi / 72.0, p.binarize.background_level, &p.pale_marks);
    let models_see = lifted.as_ref().unwrap_or(&gray);
    let mut clean = raster::whiten_tint(models_see, &p.binarize);
    let mut faint = raster::keep_faint_strokes(models_see, &p.binarize);
    drop(lifted);
    let mut ink = raster::binarize(&clean, &p.binarize);
    if lines_are_vertical(&ink, p.skew.max_deg) {
        clean = imageops::rotate90(&clean);
        faint = imageops::rotate90(&faint);
        gray = imageops::rotate90(&gray);
        mark = mark.map(|m| imageops::rotate90(&m));
        ink = raster::binarize(&clean, &p.binarize);
        geometry.quarter_turns = 1;
    }
    let skew = raster::estimate_skew_deg(&ink, &p.skew);
    if skew.abs() >= MIN_DESKEW_DEG {
        let theta = -skew.to_radians();
        [clean, faint, gray] = raster::rotate_bilinear_together([&clean, &faint, &gray], theta, 255);
        mark = mark.map(|m| rotate_about_center(&m, theta, Interpolation::Nearest, Border::Constant(Luma([0]))));
        geometry.skew_deg = skew;
    }
    Straightened {
        clean: raster::gray_to_rgb(&clean),
        faint: raster::gray_to_rgb(&faint),
        gray,
        mark,
    }
}

/// Report text runs level once the page is upright and deskewed (vertical text comes as
/// boxes at ~90°); a box tilted between these is the diagonal watermark (`XX提供 2025.01.01`),
/// whose tall bounds would otherwise swallow the headings and cells it crosses.
const MAX_TEXT_TILT_DEG: f32 = 8.0;

/// Only clearly elongated boxes have a meaningful direction: the minimum-area box of a short,
/// squarish word may come back at any angle.
const MIN_DIAGONAL_ELONGATION: f32 = 3.0;

fn is_diagonal(q: &crate::ocr::Quad) -> bool {
    let e1 = (q[1][0] - q[0][0], q[1][1] - q[0][1]);
    let e2 = (q[2][0] - q[1][0], q[2][1] - q[1][1]);
    let len = |e: (f32, f32)| e.0.hypot(e.1);
    let (long, short) = if len(e1) >= len(e2) {
        (e1, len(e2))
    } else {
        (e2, len(e1))
    };
    if len(long) < MIN_DIAGONAL_ELONGATION * short {
        return false;
    }
    let deg = long.1.atan2(long.0).to_degrees().abs() % 180.0;
    let tilt = deg.min(180.0 - deg);
    tilt > MAX_TEXT_TILT_DEG && tilt < 90.0 - MAX_TEXT_TILT_DEG
}

/// Rulings from the upright page: pixels darker than the paper beside them (see
/// `raster::ridge_mask`), after a short average along the line so noise and JPEG do not break
/// it into dashes. Longer averaging, or joining over longer breaks, lets a column ruling climb
/// through the glyph strokes of a title row above its table, which splits the title.
pub fn rulings_of(gray: &GrayImage, px_per_pt: f32, p: &ScanParams) -> Vec<Ruling> {
    // A printed copy's shading is a lattice of dots, each row and column of which is a ridge.
    let descreened = raster::find_screen(gray, px_per_pt, &p.screen).map(|s| {
        tracing::debug!(
            period_x = s.period_x,
            period_y = s.period_y,
            "halftone screen averaged away"
        );
        raster::descreen(gray, &s)
    });
    let gray = descreened.as_ref().unwrap_or(gray);
    let win = (p.lines.smooth_pt * px_per_pt).round() as u32;
    // A long window along a text line fuses its characters into one "ruling".
    let win_h = (p.lines.smooth_h_pt * px_per_pt).round() as u32;
    let ridge = raster::RidgeParams {
        near_px: (p.lines.ridge_near_pt * px_per_pt).round().max(1.0) as u32,
        far_px: (p.lines.ridge_far_pt * px_per_pt).round().max(2.0) as u32,
        t: p.lines.ridge_t,
        background_level: p.lines.ridge_max_level,
        both_sides: false,
    };
    let mask = |vertical: bool, win: u32| {
        let smooth = raster::smooth_along(gray, vertical, win);
        let mut m = raster::ridge_mask(&smooth, vertical, &ridge);
        if p.lines.ridge_union {
            let b = raster::binarize(&smooth, &p.ruling_binarize);
            for (a, b) in m.as_mut().iter_mut().zip(b.as_raw()) {
                *a |= *b;
            }
        }
        m
    };
    let h_ink = mask(false, win_h);
    let v_ink = mask(true, win);
    let rulings = without_bands(
        gray,
        raster::find_rulings_in(&h_ink, &v_ink, px_per_pt, &p.lines),
        px_per_pt,
    );
    let rulings = without_streaks(gray, rulings, px_per_pt, p);
    periodic::with_lost_columns(gray, rulings, px_per_pt)
}

/// A stroke whose core is at least this light…
const BAND_MIN_CORE: u8 = 195;
/// …and this wide (pt, at half its depth) is a band, not a ruling: a light frame or highlight
/// drawn around a block (≈ 2.6 pt wide at level ≈ 205 on a Chromium-printed report). Printed
/// rulings are under 1 pt at levels 90–140 on clean scans; blur widens them but keeps their
/// core dark, and a thin light ruling stays thin.
const BAND_MIN_WIDTH_PT: f32 = 2.0;
/// A band stands at least this far below its paper (the frame: ≈ 50).
const BAND_MIN_DEPTH: u8 = 25;
/// A stroke's cross-section is measured every this many points along it (the median decides),
/// and at [`MIN_SECTIONS`] points at least. Well under a row's height: spaced a row apart, every
/// section of a grid's column ruling fell where a row ruling crosses it (a Chromium grid's rows
/// are 20.8 pt, a tenth of its 208-pt column ruling), and with a dashed row ruling on its
/// month side only, all of them looked like a shade's edge.
const SECTION_STEP_PT: f32 = 1.5;
const MIN_SECTIONS: usize = 9;
/// The share of the sections that must show the stroke.
const BAND_MIN_SHARE: f32 = 7.0 / 9.0;

/// The rulings that are neither light bands (see [`BAND_MIN_CORE`]) nor the edges of a shade
/// (see [`is_shade_edge`]). Such a band's straight sides pass the ruling finder, and where one
/// runs through a grid's year column it splits `2019` into `2` | `019`, so no year row is read.
fn without_bands(gray: &GrayImage, rulings: Vec<Ruling>, px_per_pt: f32) -> Vec<Ruling> {
    rulings
        .into_iter()
        .filter(|r| {
            let sections = cross_sections(gray, r, px_per_pt);
            !is_light_band(&sections, px_per_pt) && !is_shade_edge(&sections, px_per_pt)
        })
        .collect()
}

/// How far either side of a ruling its cross-sections reach, pt.
const SECTION_REACH_PT: f32 = 3.0;

/// `r`'s cross-sections (gray levels across it, [`SECTION_REACH_PT`] each way) every
/// [`SECTION_STEP_PT`] of its middle 80 %; points whose section leaves the page are left out.
fn cross_sections(gray: &GrayImage, r: &Ruling, px_per_pt: f32) -> Vec<Vec<u8>> {
    let reach = (SECTION_REACH_PT * px_per_pt).round() as i64;
    let (w, h) = (i64::from(gray.width()), i64::from(gray.height()));
    let across = (r.pos * px_per_pt).round() as i64;
    let n = ((0.8 * (r.end - r.start) / SECTION_STEP_PT) as usize + 1).max(MIN_SECTIONS);
    (0..n)
        .filter_map(|k| {
            let t = r.start + (r.end - r.start) * (0.1 + 0.8 * k as f32 / (n - 1) as f32);
            let along = (t * px_per_pt).round() as i64;
            let profile: Vec<u8> = (-reach..=reach)
                .filter_map(|d| {
                    let (x, y) = match r.orientation {
                        Orientation::Horizontal => (along, across + d),
                        Orientation::Vertical => (across + d, along),
                    };
                    ((0..w).contains(&x) && (0..h).contains(&y)).then(|| gray.get_pixel(x as u32, y as u32).0[0])
                })
                .collect();
            (profile.len() == (2 * reach + 1) as usize).then_some(profile)
        })
        .collect()
}

/// The darkest level within `reach` px of a cross-section's middle.
fn section_core(profile: &[u8], reach: usize) -> u8 {
    let mid = profile.len() / 2;
    profile[mid - reach.min(mid)..=(mid + reach).min(profile.len() - 1)]
        .iter()
        .copied()
        .min()
        .unwrap_or(255)
}

/// Whether a ruling's median cross-section (see [`cross_sections`]) has a core lighter than
/// [`BAND_MIN_CORE`] and is wider than [`BAND_MIN_WIDTH_PT`].
fn is_light_band(sections: &[Vec<u8>], px_per_pt: f32) -> bool {
    let core_reach = (1.5 * px_per_pt).round() as usize;
    let mut cores = Vec::with_capacity(sections.len());
    let mut widths = Vec::with_capacity(sections.len());
    for profile in sections {
        let mut sorted = profile.clone();
        sorted.sort_unstable();
        let paper = sorted[sorted.len() * 9 / 10];
        let core = section_core(profile, core_reach);
        if paper.saturating_sub(core) < BAND_MIN_DEPTH {
            continue; // no stroke here (a gap): this point says nothing
        }
        let half = paper.saturating_sub(paper.saturating_sub(core) / 2);
        cores.push(core);
        widths.push(profile.iter().filter(|&&v| v < half).count() as f32 / px_per_pt);
    }
    if cores.is_empty() || (cores.len() as f32) < BAND_MIN_SHARE * sections.len() as f32 {
        return false; // a band runs the stroke's whole length; a stretch of light ink does not
    }
    cores.sort_unstable();
    widths.sort_by(f32::total_cmp);
    cores[cores.len() / 2] >= BAND_MIN_CORE && widths[widths.len() / 2] >= BAND_MIN_WIDTH_PT
}

/// Where the paper beside a ruling is looked for, pt from its middle (as the ruling finder's
/// ridge test looks: `LineParams::ridge_near_pt` .. `ridge_far_pt`).
const EDGE_SIDE_PT: (f32, f32) = (1.0, 2.5);
/// A point of a ruling is a shade's edge when its darker side is less than this share of the
/// stroke's depth (below its brighter side) lighter than its core: paper, or a tint, lies on
/// both sides of a printed line, while a shade's edge has the shade itself on one side.
const EDGE_MAX_DARK_SIDE: f32 = 0.15;
/// A ruling is a shade's edge when at least this share of its points (of at least
/// [`EDGE_MIN_SAMPLES`] that show a stroke) are: a false one through a shaded year column
/// also crosses the year's digits, which are dark on both sides.
const EDGE_MIN_SHARE: f32 = 0.5;
const EDGE_MIN_SAMPLES: usize = 5;
/// A point shows a stroke where its core is this far below its brighter side: the ruling
/// finder's own ridge test (7 % of the paper) is what let a shade's gentle ramp through.
const EDGE_MIN_DEPTH: u8 = 5;

/// Whether a "ruling" is the edge of a shaded area rather than a printed line: flattening the
/// paper lifts the middle of a wide shade (a printed copy's shaded year column) to white but
/// not its borders, which leaves a step inside the shade that is darker than its bright side
/// only. The ruling finder takes the brighter side for paper, so that text beside a ruling does
/// not hide it; along a true ruling the darker side is paper too at most points.
fn is_shade_edge(sections: &[Vec<u8>], px_per_pt: f32) -> bool {
    let near = (EDGE_SIDE_PT.0 * px_per_pt).round() as usize;
    let far = (EDGE_SIDE_PT.1 * px_per_pt).round() as usize;
    let core_reach = (0.5 * px_per_pt).round() as usize;
    let (mut shown, mut edges) = (0usize, 0usize);
    for profile in sections {
        let mid = profile.len() / 2;
        if far > mid || near > far {
            return false;
        }
        let core = section_core(profile, core_reach);
        let side = |sign: i64| {
            (near..=far)
                .map(|k| profile[(mid as i64 + sign * k as i64) as usize])
                .max()
                .unwrap_or(core)
        };
        let (a, b) = (side(-1), side(1));
        let (bright, dark) = (a.max(b), a.min(b));
        if bright.saturating_sub(core) < EDGE_MIN_DEPTH {
            continue;
        }
        shown += 1;
        if f32::from(dark) - f32::from(core) < EDGE_MAX_DARK_SIDE * f32::from(bright - core) {
            edges += 1;
        }
    }
    shown >= EDGE_MIN_SAMPLES && edges as f32 >= EDGE_MIN_SHARE * shown as f32
}

/// Consecutive horizontal rulings at most this far apart belong to one table (the report's
/// tallest rows, multi-line cells, are well under it; the gap a heading leaves between two
/// tables is over it); the space between tables is where a copier streak shows itself. A
/// streak is often faint in the page margins alone, so the gaps between tables count too.
const MAX_ROW_PT: f32 = 50.0;

/// A vertical ruling this close to a streak column is the streak.
const STREAK_TOL_PT: f32 = 2.0;

/// `rulings` less the vertical ones that are copier streaks (see `raster::streaks`), and less
/// the streak's part of a table ruling it runs along. The tables' vertical extent comes from
/// the horizontal rulings, which streaks do not make.
fn without_streaks(gray: &GrayImage, rulings: Vec<Ruling>, px_per_pt: f32, p: &ScanParams) -> Vec<Ruling> {
    let mut hs: Vec<f32> = rulings
        .iter()
        .filter(|r| r.orientation == Orientation::Horizontal)
        .map(|r| r.pos * px_per_pt)
        .collect();
    hs.sort_by(f32::total_cmp);
    let mut spans: Vec<(f32, f32)> = Vec::new();
    for y in hs {
        match spans.last_mut() {
            Some(s) if y - s.1 <= MAX_ROW_PT * px_per_pt => s.1 = y,
            _ => spans.push((y, y)),
        }
    }
    let pad = STREAK_TOL_PT * px_per_pt;
    let outside = |y: u32| {
        let y = y as f32;
        spans.iter().all(|&(a, b)| y < a - pad || y > b + pad)
    };
    let streaks = raster::streak_columns(gray, px_per_pt, &outside, &p.streaks);
    if streaks.is_empty() {
        return rulings;
    }
    // A streak can run right along a table ruling: there the column is much darker than the
    // streak is over blank paper, and that stretch is the ruling.
    let side = (p.streaks.side_pt * px_per_pt).round().max(2.0) as u32;
    let blank_rows: Vec<u32> = (0..gray.height()).filter(|&y| outside(y)).collect();
    let streaks: Vec<(u32, u8)> = streaks
        .into_iter()
        .map(|x| (x, raster::column_depth(gray, x, blank_rows.iter().copied(), side)))
        .collect();
    // Where a horizontal ruling crosses, the paper beside the column is ink too: bridged.
    let gap = (STREAK_TOL_PT * px_per_pt) as u32;
    let min_len = (p.lines.min_v_len_pt * px_per_pt) as u32;
    rulings
        .into_iter()
        .flat_map(|r| {
            let streak = streaks
                .iter()
                .filter(|&&(sx, _)| (sx as f32 + 0.5 - r.pos * px_per_pt).abs() <= STREAK_TOL_PT * px_per_pt)
                .map(|&(_, d)| d)
                .max();
            match streak {
                Some(d) if r.orientation == Orientation::Vertical => {
                    let min_depth = (RULING_OVER_STREAK * u32::from(d)).clamp(u32::from(MIN_RULING_DEPTH), 255) as u8;
                    let rows = (r.start * px_per_pt) as u32..(r.end * px_per_pt).ceil() as u32;
                    raster::deep_stretches(gray, (r.pos * px_per_pt) as u32, rows, side, min_depth, gap, min_len)
                        .into_iter()
                        .map(|s| Ruling {
                            start: s.start as f32 / px_per_pt,
                            end: s.end as f32 / px_per_pt,
                            ..r
                        })
                        .collect::<Vec<_>>()
                }
                _ => vec![r],
            }
        })
        .collect()
}

/// Where a vertical ruling lies along a streak column, the stretches at least this many times
/// as deep as the streak over blank paper, and at least [`MIN_RULING_DEPTH`] deep, are
/// ruling: print is 90–200 levels deep in a copy, a streak 8–50.
const RULING_OVER_STREAK: u32 = 3;
const MIN_RULING_DEPTH: u8 = 60;

/// x positions (pixels) of vertical rulings that cross the middle of `line`.
fn vertical_cuts_px(rulings: &[Ruling], line: &OcrLine, px_per_pt: f32) -> Vec<f32> {
    let mid_y = line.rect.center().1 / px_per_pt;
    rulings
        .iter()
        .filter(|r| r.orientation == Orientation::Vertical && r.start <= mid_y && r.end >= mid_y)
        .map(|r| r.pos * px_per_pt)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        believed, cross_sections, faint_double_dash, is_diagonal, is_light_band, is_shade_edge, rulings_of,
        shaped_double_dash, without_bands, ScanParams,
    };
    use crate::content::Orientation;
    use image::{GrayImage, Luma};

    fn fill(g: &mut GrayImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>, v: u8) {
        for yy in y {
            for xx in x.clone() {
                g.put_pixel(xx, yy, Luma([v]));
            }
        }
    }

    /// A 150-DPI page (flattened paper 255): a one-row table, a full-width title row whose
    /// characters put a vertical stroke right on the column ruling's line, then a grid.
    /// Rulings are faint (175, two pixels); glyphs are dark.
    fn table_title_grid() -> GrayImage {
        let mut g = GrayImage::from_pixel(620, 200, Luma([255]));
        for y in [40, 80, 110, 140, 170] {
            fill(&mut g, 20..580, y..y + 2, 175);
        }
        for x in [20, 300, 578] {
            fill(&mut g, x..x + 2, 40..82, 175);
            fill(&mut g, x..x + 2, 110..172, 175);
        }
        // Title glyphs: a box-like character whose left stroke sits on x = 300, and its
        // neighbours, 18 px (≈ 9 pt) high, 4–5 px clear of the row's borders.
        for x0 in [260, 280, 300, 320] {
            fill(&mut g, x0..x0 + 2, 86..104, 60);
            fill(&mut g, x0 + 12..x0 + 14, 86..104, 60);
            fill(&mut g, x0..x0 + 14, 86..88, 60);
            fill(&mut g, x0..x0 + 14, 95..97, 60);
        }
        g
    }

    #[test]
    fn column_rulings_do_not_climb_through_a_title_row() {
        let px_per_pt = 150.0 / 72.0;
        let rulings = rulings_of(&table_title_grid(), px_per_pt, &ScanParams::default());
        let (title_top, title_bottom) = (82.0 / px_per_pt, 110.0 / px_per_pt);
        let at_col: Vec<_> = rulings
            .iter()
            .filter(|r| r.orientation == Orientation::Vertical && (r.pos * px_per_pt - 301.0).abs() < 3.0)
            .collect();
        assert!(at_col.len() >= 2, "both column pieces found: {rulings:?}");
        // The upper piece may still run a little way down the glyph stroke (it has no
        // horizontal to stop at), but it must not bridge the row and join the grid's column.
        assert!(
            at_col.iter().all(|r| !(r.start < title_top && r.end >= title_bottom)),
            "a column ruling crosses the title row: {at_col:?}"
        );
        let hs = rulings
            .iter()
            .filter(|r| r.orientation == Orientation::Horizontal)
            .count();
        assert_eq!(hs, 5, "{rulings:?}");
    }

    #[test]
    fn only_long_tilted_boxes_are_watermark() {
        // A 170×12 line tilted by ~25° (the watermark), a level line, a vertical line, and a
        // squarish word box at 45°.
        let (c, s) = (25f32.to_radians().cos(), 25f32.to_radians().sin());
        let tilted = [
            [0.0, 0.0],
            [170.0 * c, -170.0 * s],
            [170.0 * c + 12.0 * s, -170.0 * s + 12.0 * c],
            [12.0 * s, 12.0 * c],
        ];
        assert!(is_diagonal(&tilted));
        assert!(!is_diagonal(&[[0.0, 0.0], [170.0, 1.0], [170.0, 13.0], [0.0, 12.0]]));
        assert!(!is_diagonal(&[[0.0, 0.0], [12.0, 0.0], [12.0, 170.0], [0.0, 170.0]]));
        assert!(!is_diagonal(&[[0.0, 10.0], [10.0, 0.0], [20.0, 10.0], [10.0, 20.0]]));
    }

    #[test]
    fn a_faint_pair_of_dashes_is_believed_and_a_faint_speck_is_not() {
        let line = |text: &str, score: f32| crate::ocr::OcrLine {
            quad: [[0.0, 0.0]; 4],
            rect: crate::geom::Rect::new(0.0, 0.0, 1.0, 1.0),
            text: text.into(),
            score,
            char_scores: Vec::new(),
            char_rects: Vec::new(),
        };
        assert!(believed(&line("--", 0.65)));
        assert!(!believed(&line("--", 0.5)));
        assert!(!believed(&line("。", 0.65)));
        assert!(!believed(&line("-", 0.75)));
        assert!(believed(&line("N", 0.9)));
    }

    #[test]
    fn a_wide_light_band_is_no_ruling_and_dark_thin_or_light_thin_strokes_are() {
        // 300 DPI: vertical strokes 200 pt long, each alone on a white page.
        let px_per_pt = 300.0 / 72.0;
        let stroke = |width_px: u32, level: u8| {
            let mut g = GrayImage::from_pixel(120, 900, Luma([252]));
            fill(&mut g, 60..60 + width_px, 20..880, level);
            let r = crate::content::Ruling {
                orientation: Orientation::Vertical,
                pos: (60.0 + width_px as f32 / 2.0) / px_per_pt,
                start: 20.0 / px_per_pt,
                end: 880.0 / px_per_pt,
                color: 0,
            };
            is_light_band(&cross_sections(&g, &r, px_per_pt), px_per_pt)
        };
        assert!(stroke(11, 205), "a 2.6-pt frame at 205 is a band");
        assert!(!stroke(4, 100), "a 1-pt ruling at 100 is a ruling");
        assert!(!stroke(10, 150), "a blurred ruling keeps a dark core");
        assert!(!stroke(3, 204), "a thin light ruling is a ruling");
        assert!(!stroke(11, 240), "too faint to judge: left to the ruling finder");
    }

    /// A vertical ruling over the whole height of `g` at `x_px`.
    fn vertical(g: &GrayImage, x_px: f32, px_per_pt: f32) -> crate::content::Ruling {
        crate::content::Ruling {
            orientation: Orientation::Vertical,
            pos: x_px / px_per_pt,
            start: 10.0 / px_per_pt,
            end: (g.height() - 10) as f32 / px_per_pt,
            color: 0,
        }
    }

    #[test]
    fn the_ramp_inside_a_shade_is_an_edge_and_a_ruling_beside_a_shade_is_not() {
        // 200 DPI: a shaded column 130 px wide between two dark rulings, 130 at its borders
        // rising to 190 in its middle (a flattened printed copy), paper 252 outside.
        let px_per_pt = 200.0 / 72.0;
        let mut g = GrayImage::from_pixel(300, 400, Luma([252]));
        for x in 80..210u32 {
            let from_edge = (x - 80).min(209 - x) as f32;
            fill(
                &mut g,
                x..x + 1,
                0..400,
                (130.0 + 60.0 * (from_edge / 40.0).min(1.0)) as u8,
            );
        }
        fill(&mut g, 78..81, 0..400, 60);
        fill(&mut g, 209..212, 0..400, 60);
        let edge = |x: f32| is_shade_edge(&cross_sections(&g, &vertical(&g, x, px_per_pt), px_per_pt), px_per_pt);
        assert!(edge(100.0), "a point on the ramp");
        assert!(edge(190.0), "a point on the other ramp");
        assert!(!edge(79.5), "the column's left ruling");
        assert!(!edge(210.5), "the column's right ruling");
        // A plain ruling on paper, and a faint one.
        let mut p = GrayImage::from_pixel(120, 400, Luma([250]));
        fill(&mut p, 60..62, 0..400, 200);
        assert!(!is_shade_edge(
            &cross_sections(&p, &vertical(&p, 61.0, px_per_pt), px_per_pt),
            px_per_pt
        ));
    }

    #[test]
    fn a_grid_column_ruling_is_kept_whatever_the_row_pitch() {
        // 300 DPI: a grid's first column ruling (x 340..344, level 115) with rows a tenth of its
        // length apart, alternately a solid ruling across it and a dashed one on its month side
        // only (a Chromium grid): sampled a row apart, every section met a row ruling.
        let px_per_pt = 300.0 / 72.0;
        let mut g = GrayImage::from_pixel(700, 1000, Luma([254]));
        fill(&mut g, 340..344, 100..970, 115);
        let (start, end) = (100.0 / px_per_pt, 970.0 / px_per_pt);
        // Rows every 5 % of the length: the old nine sections, at 10 %, 20 % … 90 %, all met
        // a dashed one.
        for j in 0..=20u32 {
            let y = ((start + (end - start) * 0.05 * j as f32) * px_per_pt).round() as u32;
            let xs = if j % 2 == 0 { 340..650 } else { 100..650 };
            fill(&mut g, xs, y.max(101) - 1..(y + 2).min(969), 115);
        }
        let r = crate::content::Ruling {
            orientation: Orientation::Vertical,
            pos: 342.0 / px_per_pt,
            start,
            end,
            color: 0,
        };
        assert_eq!(without_bands(&g, vec![r], px_per_pt).len(), 1);
    }

    #[test]
    fn a_halftoned_header_row_gives_no_rulings_of_its_own() {
        // 300 DPI: a table of four columns whose header row is shaded by a 5-px dot screen
        // (a printed copy), ruled at 2 px.
        let px_per_pt = 300.0 / 72.0;
        let mut g = GrayImage::from_pixel(900, 500, Luma([250]));
        for y in 102..180u32 {
            for x in 102..800u32 {
                if x % 5 < 2 && y % 5 < 2 {
                    g.put_pixel(x, y, Luma([30]));
                }
            }
        }
        for y in [100, 180, 260, 340] {
            fill(&mut g, 100..802, y..y + 2, 40);
        }
        for x in [100, 275, 450, 625, 800] {
            fill(&mut g, x..x + 2, 100..342, 40);
        }
        let rulings = rulings_of(&g, px_per_pt, &ScanParams::default());
        let vs: Vec<f32> = rulings
            .iter()
            .filter(|r| r.orientation == Orientation::Vertical)
            .map(|r| r.pos * px_per_pt)
            .collect();
        let hs = rulings
            .iter()
            .filter(|r| r.orientation == Orientation::Horizontal)
            .count();
        assert_eq!(vs.len(), 5, "{vs:?}");
        assert_eq!(hs, 4, "{rulings:?}");
    }

    /// 300 DPI, a cell window 40 × 50 px with a `--` of two 9 × 4 px bars at `ink`.
    fn dash_cell(ink: u8) -> (image::RgbImage, crate::geom::Rect) {
        let mut img = image::RgbImage::from_pixel(40, 50, image::Rgb([250, 250, 250]));
        for (x0, x1) in [(10, 19), (22, 31)] {
            for y in 23..27 {
                for x in x0..x1 {
                    img.put_pixel(x, y, image::Rgb([ink, ink, ink]));
                }
            }
        }
        (img, crate::geom::Rect::new(0.0, 0.0, 40.0, 50.0))
    }

    #[test]
    fn a_double_dash_is_read_by_its_shape_with_the_recognisers_agreement_as_confidence() {
        let px_per_pt = 300.0 / 72.0;
        let (img, rect) = dash_cell(30);
        let line = |text: &str, score: f32| crate::ocr::OcrLine {
            quad: [[0.0, 0.0], [40.0, 0.0], [40.0, 50.0], [0.0, 50.0]],
            rect,
            text: text.into(),
            score,
            char_scores: vec![score; text.chars().count()],
            char_rects: Vec::new(),
        };
        // Spread dashes read as an ellipsis: two readers agree.
        let agreed = shaped_double_dash(&line("…", 0.3), &img, px_per_pt).expect("a dash");
        assert_eq!((agreed.text.as_str(), agreed.score), ("--", 0.99));
        assert_eq!(agreed.char_rects.len(), 2);
        // Read as marks with a passing score: the shape wins, the confidence drops to review.
        let disputed = shaped_double_dash(&line("**", 0.85), &img, px_per_pt).expect("a dash");
        assert_eq!((disputed.text.as_str(), disputed.score), ("--", 0.5));
        // A `--` the recogniser is sure of keeps its own reading.
        assert!(shaped_double_dash(&line("--", 0.95), &img, px_per_pt).is_none());
        // Anything else in the cell is left to the recogniser.
        let blank = image::RgbImage::from_pixel(40, 50, image::Rgb([250, 250, 250]));
        assert!(shaped_double_dash(&line("…", 0.3), &blank, px_per_pt).is_none());
    }

    #[test]
    fn a_dash_too_faint_for_the_recogniser_is_read_for_review() {
        let px_per_pt = 300.0 / 72.0;
        let (img, cell) = dash_cell(160);
        let line = faint_double_dash(&img, &cell, px_per_pt).expect("a faint dash");
        assert_eq!((line.text.as_str(), line.score), ("--", 0.5));
        assert_eq!(line.rect, crate::geom::Rect::new(10.0, 23.0, 31.0, 27.0));
        let (grain, cell) = dash_cell(215);
        assert!(faint_double_dash(&grain, &cell, px_per_pt).is_none());
    }
}
