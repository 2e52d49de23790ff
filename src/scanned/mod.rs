//! Image-only pages → [`PageContent`]: render at a resolution matched to the scan, clean seal
//! and watermark ink, turn the page upright, remove skew, find rulings in pixels, detect and
//! recognise text, and cut recognised lines at vertical rulings so no span crosses a cell
//! border. The result feeds the same grid reconstruction and parsers as a text-layer page.

mod orient;

use std::time::{Duration, Instant};

use image::{imageops, GrayImage, Rgb, RgbImage};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
use pdfium_render::prelude::*;

use crate::content::{ContentSource, Orientation, PageContent, Ruling};
use crate::ocr::{OcrEngine, OcrLine};
use crate::raster::{self, BinarizeParams, LineParams, SkewParams};
use crate::{Error, Result};

pub use orient::{lines_are_vertical, majority_upside_down};

/// Tunables of the scanned-page path.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanParams {
    /// Background / ink separation.
    pub binarize: BinarizeParams,
    /// Ruling detection.
    pub lines: LineParams,
    /// Skew search.
    pub skew: SkewParams,
}

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
    let t = Instant::now();
    let dpi = raster::choose_dpi(page);
    let cfg = PdfRenderConfig::new().scale_page_by_factor(dpi / 72.0);
    let img = page
        .render_with_config(&cfg)
        .and_then(|b| b.as_image())
        .map_err(|e| Error::Pdf(format!("rendering page {}: {e:?}", index + 1)))?
        .into_rgb8();
    let render = t.elapsed();
    let (content, geometry, mut timings) = read_page_image(engine, img, dpi, index, p)?;
    timings.render = render;
    Ok((content, geometry, timings))
}

/// Reads one page image rendered at `dpi`.
pub fn read_page_image(
    engine: &OcrEngine,
    img: RgbImage,
    dpi: f32,
    index: usize,
    p: &ScanParams,
) -> Result<(PageContent, PageGeometry, ScanTimings)> {
    let mut timings = ScanTimings::default();
    let mut geometry = PageGeometry { dpi, ..Default::default() };
    let px_per_pt = dpi / 72.0;

    let t = Instant::now();
    let mut clean = raster::clean_for_ocr(&img, &p.binarize);
    drop(img);
    let mut ink = ink_mask(&clean, &p.binarize);
    if lines_are_vertical(&ink) {
        clean = imageops::rotate90(&clean);
        ink = ink_mask(&clean, &p.binarize);
        geometry.quarter_turns = 1;
    }
    let skew = raster::estimate_skew_deg(&ink, &p.skew);
    if skew.abs() >= MIN_DESKEW_DEG {
        clean = rotate_about_center(&clean, -skew.to_radians(), Interpolation::Bilinear, Border::Constant(Rgb([255, 255, 255])));
        ink = ink_mask(&clean, &p.binarize);
        geometry.skew_deg = skew;
    }
    timings.geometry = t.elapsed();

    let t = Instant::now();
    let mut boxes = engine.detect(&clean)?;
    timings.det = t.elapsed();

    let t = Instant::now();
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    // Wide boxes carry the most evidence about direction.
    order.sort_by(|&a, &b| boxes[b].rect().width().total_cmp(&boxes[a].rect().width()));
    let vote_crops: Vec<RgbImage> = order
        .iter()
        .take(VOTE_CROPS)
        .filter_map(|&i| engine.crop(&clean, std::slice::from_ref(&boxes[i])).pop().flatten())
        .filter(|c| !c.rotated)
        .map(|c| c.image)
        .collect();
    let votes: Vec<(bool, f32)> =
        engine.classify_180(&vote_crops)?.iter().map(|d| (d.upside_down, d.score)).collect();
    timings.cls = t.elapsed();
    if majority_upside_down(&votes) {
        imageops::rotate180_in_place(&mut clean);
        imageops::rotate180_in_place(&mut ink);
        geometry.quarter_turns = (geometry.quarter_turns + 2) % 4;
        let t = Instant::now();
        boxes = engine.detect(&clean)?;
        timings.det += t.elapsed();
    }

    let t = Instant::now();
    let rulings = raster::find_rulings(&ink, px_per_pt, &p.lines);
    timings.geometry += t.elapsed();

    let t = Instant::now();
    let crops = engine.crop(&clean, &boxes);
    let (quads, crops): (Vec<_>, Vec<_>) =
        boxes.iter().zip(crops).filter_map(|(b, c)| c.map(|c| (b.quad, c))).unzip();
    let images: Vec<RgbImage> = crops.iter().map(|c| c.image.clone()).collect();
    let recognized = engine.recognize(&images)?;
    let min_score = engine.params().rec.text_score;
    let lines: Vec<OcrLine> = recognized
        .into_iter()
        .zip(quads.iter().zip(&crops))
        .filter(|(r, _)| r.score >= min_score && !r.text.trim().is_empty())
        .map(|(r, (q, c))| OcrLine::new(*q, r, c.image.width() as f32, c.rotated, false))
        .collect();
    timings.rec = t.elapsed();

    let spans = lines
        .iter()
        .flat_map(|l| l.split_at_x(&vertical_cuts_px(&rulings, l, px_per_pt)))
        .map(|l| l.to_text_span(px_per_pt))
        .filter(|s| !s.text.is_empty())
        .collect();
    let content = PageContent {
        index,
        width: clean.width() as f32 / px_per_pt,
        height: clean.height() as f32 / px_per_pt,
        source: ContentSource::Ocr,
        spans,
        rulings,
    };
    Ok((content, geometry, timings))
}

fn ink_mask(clean: &RgbImage, p: &BinarizeParams) -> GrayImage {
    let gray = GrayImage::from_fn(clean.width(), clean.height(), |x, y| image::Luma([clean.get_pixel(x, y).0[0]]));
    raster::binarize(&gray, p)
}

/// x positions (pixels) of vertical rulings that cross the middle of `line`.
fn vertical_cuts_px(rulings: &[Ruling], line: &OcrLine, px_per_pt: f32) -> Vec<f32> {
    let mid_y = line.rect.center().1 / px_per_pt;
    rulings
        .iter()
        .filter(|r| r.orientation == Orientation::Vertical && r.start <= mid_y && r.end >= mid_y)
        .map(|r| r.pos * px_per_pt)
        .collect()
}
