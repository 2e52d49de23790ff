//! Image-only ("scanned") variants of text-layer PDFs: every page is rendered with pdfium,
//! degraded like a print-stamp-scan cycle, JPEG-compressed and written into a new PDF that
//! has no text layer at all (one full-page image per page).
//!
//! Everything is driven by one seed, so the same input, level and seed give the same bytes.
//! Pages are processed one at a time; at most one page raster is alive at once.
//!
//! # Parameters per level
//!
//! Ranges are sampled per document (DPI, JPEG quality, tone, noise, blur, background) or per
//! page (skew) from the seed; the values actually used are returned in [`ScanManifest`].
//!
//! | parameter                  | `clean`        | `mild`            | `heavy`           |
//! |----------------------------|----------------|-------------------|-------------------|
//! | DPI                        | 300 or 200     | 200               | 150               |
//! | colour                     | gray           | gray + red seal   | gray + red seal   |
//! | skew per page (\|deg\|)    | 0              | 0.2 – 1.0         | 0.5 – 2.0         |
//! | one page turned            | no             | 90° or 180°       | 90° or 180°       |
//! | paper / ink level (0–255)  | 255 / 0        | 238–248 / 15–35   | 215–235 / 35–60   |
//! | uneven background (max)    | none           | 3 – 8 % darker    | 10 – 20 % darker  |
//! | gaussian blur σ (px)       | none           | 0.4 – 0.7         | 0.8 – 1.2         |
//! | gaussian noise σ (0–255)   | 0 – 2          | 2 – 4             | 7 – 12            |
//! | JPEG quality               | 88 – 92        | 70 – 80           | 45 – 60           |
//! | seal (one page, opacity)   | none           | 0.55 – 0.70       | 0.65 – 0.85       |
//!
//! Levels imitating other producers (each page keeps the report's own colours where the
//! level is in colour: blue, orange, pink and red borders, red titles and labels):
//!
//! | parameter                  | `color`          | `print`            | `copier`             | `photo`              |
//! |----------------------------|------------------|--------------------|----------------------|----------------------|
//! | what                       | colour scan      | print-and-scan     | office copier        | phone photo          |
//! | DPI                        | 200, 240 or 300  | 150, 200 or 300    | 150 or 200           | 200 or 240           |
//! | colour                     | RGB              | gray               | gray                 | RGB                  |
//! | skew per page (\|deg\|)    | 0.2 – 1.0        | 0.2 – 1.0          | 0.3 – 1.5            | 0 (turn in the quad) |
//! | one page turned            | 90° or 180°      | 90° or 180°        | 90° or 180°          | no                   |
//! | paper / ink level (0–255)  | 236–248 / 15–35  | 232–246 / 20–40    | 230–245 / 10–30      | 225–245 / 20–45      |
//! | uneven background (max)    | 3 – 8 %          | 3 – 8 %            | 5 – 12 %             | 20 – 35 %            |
//! | gaussian blur σ (px)       | 0.4 – 0.7        | 0.5 – 0.8          | 0.5 – 0.9            | 0.6 – 1.0            |
//! | gaussian noise σ (0–255)   | 1.5 – 3          | 2 – 4              | 4 – 8                | 3 – 6                |
//! | JPEG quality               | 72 – 82          | 70 – 80            | 55 – 70              | 60                   |
//! | seal (opacity)             | 0.55 – 0.75, one page + 30 % of the others | none | none       | 0.55 – 0.75, one page|
//! | halftone screen (lpi)      | –                | 60 – 85            | –                    | –                    |
//! | toner spread (0–1)         | –                | 0.3 – 0.6          | –                    | –                    |
//! | scale / shift per page     | –                | ±2 % / ±3 mm       | –                    | –                    |
//! | contrast stretch lo / hi   | –                | –                  | 45–70 / 185–210      | –                    |
//! | streaks (count, depth)     | –                | –                  | 2 – 6, 40 – 90       | –                    |
//! | "COPY 复印无效" watermark   | –                | –                  | every page: 30–45°, 55–70 % of the diagonal, gray 110–160 | – |
//! | page in frame (perspective)| –                | –                  | –                    | fill 80–90 %, turn ≤ 4°, keystone 2–5 %, surface 50–120 |
//!
//! The seal is a 38–42 mm red round stamp centred inside the ruled (table) area of its page
//! when the page has one. Skew is clockwise-positive; `rotation_cw` is the clockwise quarter
//! turn applied to the page image (undo it by turning counter-clockwise by the same amount).
//! A page turned by 90° gets a landscape page box (width and height swapped).

mod copier;
mod degrade;
mod photo;
mod print;
mod seal;
mod watermark;

use std::fmt;
use std::io::Cursor;
use std::str::FromStr;

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, GrayImage};
use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};

use super::rng::SplitMix64;
use degrade::Raster;
use photo::PhotoParams;
use watermark::MarkStyle;
use zhengxin::config::Settings;
use zhengxin::pdf::PdfEngine;
use zhengxin::{Error, Result};

/// How badly a scan is degraded; see the module documentation for the exact parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScanLevel {
    /// Good office scanner: 200–300 DPI, straight, nearly noiseless, still JPEG.
    Clean,
    /// Typical bank-counter scan: slight skew, one turned page, seal, mild noise.
    Mild,
    /// Poor scan: 150 DPI, up to 2° skew, strong noise, blur and JPEG artefacts.
    Heavy,
    /// Colour scan: the report's own colours kept, red seals on some pages.
    Color,
    /// Print-and-scan: halftoned grays, toner spread, slight scale and shift.
    Print,
    /// Office copier: heavy contrast, streaks, a large diagonal "COPY 复印无效" mark.
    Copier,
    /// Phone photo: the page in perspective on a darker surface, uneven light, JPEG 60.
    Photo,
}

impl ScanLevel {
    /// Every level, mildest first.
    pub const ALL: [ScanLevel; 7] = [
        ScanLevel::Clean,
        ScanLevel::Mild,
        ScanLevel::Heavy,
        ScanLevel::Color,
        ScanLevel::Print,
        ScanLevel::Copier,
        ScanLevel::Photo,
    ];

    /// The lowercase name used on command lines and in manifests.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanLevel::Clean => "clean",
            ScanLevel::Mild => "mild",
            ScanLevel::Heavy => "heavy",
            ScanLevel::Color => "color",
            ScanLevel::Print => "print",
            ScanLevel::Copier => "copier",
            ScanLevel::Photo => "photo",
        }
    }
}

impl fmt::Display for ScanLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ScanLevel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ScanLevel::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "unknown scan level {s:?} (expected clean, mild, heavy, color, print, copier or photo)"
                ))
            })
    }
}

/// Print-and-scan drawing ranges (see the module table).
#[derive(Debug, Clone, Copy, PartialEq)]
struct PrintParams {
    /// Halftone cell in pixels at the render DPI.
    halftone_cell: f32,
    toner_spread: f32,
    /// Largest relative scale change per page (0.02 = ±2 %).
    max_scale: f32,
    /// Largest shift per page, millimetres.
    max_shift_mm: f32,
}

/// Copier drawing ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CopierParams {
    contrast: (u8, u8),
    streaks: usize,
    streak_depth: f32,
    mark: MarkStyle,
}

/// Document-wide degradation parameters drawn for one (level, seed).
#[derive(Debug, Clone, PartialEq)]
struct ScanParams {
    dpi: u32,
    jpeg_quality: u8,
    /// Render and keep RGB (otherwise gray, RGB only on sealed pages).
    color: bool,
    paper: u8,
    ink: u8,
    background: f32,
    blur_sigma: f32,
    noise_sigma: f32,
    /// Range of |skew| in degrees; (0, 0) for none.
    skew_range: (f64, f64),
    /// Whether one page is turned by 90° or 180°.
    turn: bool,
    /// Whether one page is sealed.
    seal: bool,
    /// Chance that each other page is sealed too.
    extra_seal_chance: f64,
    seal_opacity: f32,
    print: Option<PrintParams>,
    copier: Option<CopierParams>,
    photo: Option<PhotoParams>,
}

impl ScanParams {
    fn draw(level: ScanLevel, rng: &mut SplitMix64) -> Self {
        let f = |rng: &mut SplitMix64, lo: f64, hi: f64| rng.range_f64(lo, hi) as f32;
        let u8r = |rng: &mut SplitMix64, lo: i64, hi: i64| rng.range_i64(lo, hi) as u8;
        let base = ScanParams {
            dpi: 200,
            jpeg_quality: 90,
            color: false,
            paper: 255,
            ink: 0,
            background: 0.0,
            blur_sigma: 0.0,
            noise_sigma: 0.0,
            skew_range: (0.0, 0.0),
            turn: false,
            seal: false,
            extra_seal_chance: 0.0,
            seal_opacity: 0.0,
            print: None,
            copier: None,
            photo: None,
        };
        match level {
            ScanLevel::Clean => ScanParams {
                dpi: if rng.chance(0.5) { 300 } else { 200 },
                jpeg_quality: u8r(rng, 88, 92),
                noise_sigma: f(rng, 0.0, 2.0),
                ..base
            },
            ScanLevel::Mild => ScanParams {
                dpi: 200,
                jpeg_quality: u8r(rng, 70, 80),
                paper: u8r(rng, 238, 248),
                ink: u8r(rng, 15, 35),
                background: f(rng, 0.03, 0.08),
                blur_sigma: f(rng, 0.4, 0.7),
                noise_sigma: f(rng, 2.0, 4.0),
                skew_range: (0.2, 1.0),
                turn: true,
                seal: true,
                seal_opacity: f(rng, 0.55, 0.70),
                ..base
            },
            ScanLevel::Heavy => ScanParams {
                dpi: 150,
                jpeg_quality: u8r(rng, 45, 60),
                paper: u8r(rng, 215, 235),
                ink: u8r(rng, 35, 60),
                background: f(rng, 0.10, 0.20),
                blur_sigma: f(rng, 0.8, 1.2),
                noise_sigma: f(rng, 7.0, 12.0),
                skew_range: (0.5, 2.0),
                turn: true,
                seal: true,
                seal_opacity: f(rng, 0.65, 0.85),
                ..base
            },
            ScanLevel::Color => ScanParams {
                dpi: *rng.pick(&[200, 240, 300]),
                jpeg_quality: u8r(rng, 72, 82),
                color: true,
                paper: u8r(rng, 236, 248),
                ink: u8r(rng, 15, 35),
                background: f(rng, 0.03, 0.08),
                blur_sigma: f(rng, 0.4, 0.7),
                noise_sigma: f(rng, 1.5, 3.0),
                skew_range: (0.2, 1.0),
                turn: true,
                seal: true,
                extra_seal_chance: 0.3,
                seal_opacity: f(rng, 0.55, 0.75),
                ..base
            },
            ScanLevel::Print => {
                let dpi = *rng.pick(&[150, 200, 300]);
                ScanParams {
                    dpi,
                    jpeg_quality: u8r(rng, 70, 80),
                    paper: u8r(rng, 232, 246),
                    ink: u8r(rng, 20, 40),
                    background: f(rng, 0.03, 0.08),
                    blur_sigma: f(rng, 0.5, 0.8),
                    noise_sigma: f(rng, 2.0, 4.0),
                    skew_range: (0.2, 1.0),
                    turn: true,
                    print: Some(PrintParams {
                        halftone_cell: dpi as f32 / f(rng, 60.0, 85.0),
                        toner_spread: f(rng, 0.3, 0.6),
                        max_scale: 0.02,
                        max_shift_mm: 3.0,
                    }),
                    ..base
                }
            }
            ScanLevel::Copier => ScanParams {
                dpi: *rng.pick(&[150, 200]),
                jpeg_quality: u8r(rng, 55, 70),
                paper: u8r(rng, 230, 245),
                ink: u8r(rng, 10, 30),
                background: f(rng, 0.05, 0.12),
                blur_sigma: f(rng, 0.5, 0.9),
                noise_sigma: f(rng, 4.0, 8.0),
                skew_range: (0.3, 1.5),
                turn: true,
                copier: Some(CopierParams {
                    contrast: (u8r(rng, 45, 70), u8r(rng, 185, 210)),
                    streaks: rng.range_i64(2, 6) as usize,
                    streak_depth: f(rng, 40.0, 90.0),
                    mark: MarkStyle {
                        angle_deg: f(rng, 30.0, 45.0),
                        span: f(rng, 0.55, 0.70),
                        level: u8r(rng, 110, 160),
                    },
                }),
                ..base
            },
            ScanLevel::Photo => ScanParams {
                dpi: *rng.pick(&[200, 240]),
                jpeg_quality: 60,
                color: true,
                paper: u8r(rng, 225, 245),
                ink: u8r(rng, 20, 45),
                background: f(rng, 0.20, 0.35),
                blur_sigma: f(rng, 0.6, 1.0),
                noise_sigma: f(rng, 3.0, 6.0),
                seal: true,
                seal_opacity: f(rng, 0.55, 0.75),
                photo: Some(PhotoParams {
                    fill: f(rng, 0.80, 0.90),
                    turn_deg: 0.0,
                    keystone: f(rng, 0.02, 0.05),
                    surface: u8r(rng, 50, 120),
                }),
                ..base
            },
        }
    }
}

/// Largest in-plane turn of a photographed page, degrees.
const PHOTO_MAX_TURN_DEG: f64 = 4.0;

/// What was done to each page, so orientation/deskew detection can be scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanManifest {
    /// Degradation level.
    pub level: ScanLevel,
    /// Seed the scan was made with.
    pub seed: u64,
    /// Render resolution.
    pub dpi: u32,
    /// JPEG quality of every page image.
    pub jpeg_quality: u8,
    /// Whether pages were kept in colour.
    #[serde(default)]
    pub color: bool,
    /// One entry per page, in page order.
    pub pages: Vec<ScannedPage>,
}

/// Per-page record of a scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScannedPage {
    /// Zero-based page index.
    pub index: usize,
    /// Clockwise quarter turn applied to the page image: 0, 90 or 180.
    pub rotation_cw: u16,
    /// Clockwise skew in degrees applied after the quarter turn (for a photo: the page's
    /// in-plane turn inside the frame).
    pub skew_deg: f32,
    /// Pixel size of the embedded image.
    pub width_px: u32,
    /// Pixel size of the embedded image.
    pub height_px: u32,
    /// Whether the red seal was stamped on this page.
    pub seal: bool,
    /// Print-and-scan: scale applied to the page (1 elsewhere).
    #[serde(default = "one")]
    pub scale: f32,
    /// Print-and-scan: shift of the page on the glass, pixels (x, y).
    #[serde(default)]
    pub shift_px: [i32; 2],
    /// Whether the copier's diagonal mark is on this page.
    #[serde(default)]
    pub watermark: bool,
    /// Photo: page corners in the image (top-left, top-right, bottom-right, bottom-left).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad: Option<[[f32; 2]; 4]>,
}

fn one() -> f32 {
    1.0
}

impl ScanManifest {
    /// The page that was turned and by how much (clockwise degrees), if any.
    pub fn rotated_page(&self) -> Option<(usize, u16)> {
        self.pages
            .iter()
            .find(|p| p.rotation_cw != 0)
            .map(|p| (p.index, p.rotation_cw))
    }
}

/// Renders `pdf_bytes` into an image-only PDF at `level`; see the module documentation.
pub fn make_scan(pdf_bytes: &[u8], level: ScanLevel, seed: u64) -> Result<Vec<u8>> {
    make_scan_with_manifest(pdf_bytes, level, seed).map(|(bytes, _)| bytes)
}

/// [`make_scan`] that also returns what was done to each page.
pub fn make_scan_with_manifest(pdf_bytes: &[u8], level: ScanLevel, seed: u64) -> Result<(Vec<u8>, ScanManifest)> {
    let settings = Settings::from_env()?;
    let engine = PdfEngine::load(&settings.pdfium_lib())?;
    scan_with_engine(&engine, pdf_bytes, level, seed)
}

/// Per-page choices drawn before the page is degraded.
struct PageDraw {
    rotation_cw: u16,
    skew_deg: f32,
    sealed: bool,
    scale: f32,
    shift_px: [i32; 2],
}

/// [`make_scan_with_manifest`] for callers that already hold the pdfium binding.
pub fn scan_with_engine(
    engine: &PdfEngine,
    pdf_bytes: &[u8],
    level: ScanLevel,
    seed: u64,
) -> Result<(Vec<u8>, ScanManifest)> {
    let source = engine.open(pdf_bytes)?;
    let root = SplitMix64::new(seed ^ 0x5CA9_0000_0000_0000);
    let params = ScanParams::draw(level, &mut root.fork(1));
    let page_count = source.pages().len() as usize;
    let mut choice = root.fork(2);
    let (turned, turn, sealed) = if page_count > 0 {
        // The same draws in the same order for every level, so old levels keep their bytes.
        let turned = choice.below(page_count as u64) as usize;
        let turn = *choice.pick(&[90u16, 180]);
        let sealed = choice.below(page_count as u64) as usize;
        (params.turn.then_some(turned), turn, params.seal.then_some(sealed))
    } else {
        (None, 0, None)
    };
    let mut extra_seals = root.fork(3);
    // The copier mark is the same on every page: drawn once per page size, reused.
    let mut mark_layer: Option<((u32, u32), GrayImage)> = None;

    let mut out = engine.pdfium().create_new_pdf().map_err(pdf_err("create document"))?;
    let mut manifest = ScanManifest {
        level,
        seed,
        dpi: params.dpi,
        jpeg_quality: params.jpeg_quality,
        color: params.color,
        pages: Vec::new(),
    };
    for (index, page) in source.pages().iter().enumerate() {
        let mut rng = root.fork(1000 + index as u64);
        let rotation_cw = if turned == Some(index) { turn } else { 0 };
        let (lo, hi) = params.skew_range;
        let mut skew_deg = if hi > 0.0 {
            let magnitude = rng.range_f64(lo, hi);
            (if rng.chance(0.5) { magnitude } else { -magnitude }) as f32
        } else {
            0.0
        };
        let extra = params.extra_seal_chance > 0.0 && extra_seals.chance(params.extra_seal_chance);
        let mut draw = PageDraw {
            rotation_cw,
            skew_deg,
            sealed: sealed == Some(index) || extra,
            scale: 1.0,
            shift_px: [0, 0],
        };
        let mut page_rng = rng.fork(77);
        if let Some(pp) = &params.print {
            draw.scale = 1.0 + page_rng.range_f64(-pp.max_scale as f64, pp.max_scale as f64) as f32;
            let max_px = (pp.max_shift_mm / 25.4 * params.dpi as f32) as i64;
            draw.shift_px = [
                page_rng.range_i64(-max_px, max_px) as i32,
                page_rng.range_i64(-max_px, max_px) as i32,
            ];
        }
        let mut photo = params.photo;
        if let Some(ph) = photo.as_mut() {
            ph.turn_deg = page_rng.range_f64(-PHOTO_MAX_TURN_DEG, PHOTO_MAX_TURN_DEG) as f32;
            skew_deg = ph.turn_deg;
            draw.skew_deg = 0.0;
        }
        let (w_pt, h_pt) = (page.width().value, page.height().value);
        let raster = render(&page, params.dpi, params.color)?;
        drop(page);
        let mut watermark = None;
        if let Some(cp) = &params.copier {
            let size = (raster.width(), raster.height());
            if mark_layer.as_ref().map(|(s, _)| *s) != Some(size) {
                let font = crate::synth::cjk_font(&Settings::from_env()?);
                let layer = watermark::render_layer(engine.pdfium(), &font, (w_pt, h_pt), size, &cp.mark)?;
                mark_layer = Some((size, layer));
            }
            watermark = mark_layer.as_ref().map(|(_, l)| l);
        }
        let (raster, quad) = degrade_page(raster, &params, &draw, watermark, photo.as_ref(), &mut rng);
        let (width_px, height_px) = (raster.width(), raster.height());
        let jpeg = encode_jpeg(&raster, params.jpeg_quality)?;
        drop(raster);
        let (page_w, page_h) = if rotation_cw % 180 == 90 {
            (h_pt, w_pt)
        } else {
            (w_pt, h_pt)
        };
        add_image_page(&mut out, jpeg, page_w, page_h)?;
        manifest.pages.push(ScannedPage {
            index,
            rotation_cw,
            skew_deg,
            width_px,
            height_px,
            seal: draw.sealed,
            scale: draw.scale,
            shift_px: draw.shift_px,
            watermark: watermark.is_some(),
            quad,
        });
    }
    let mut bytes = out.save_to_bytes().map_err(pdf_err("save"))?;
    make_reproducible(&mut bytes, seed);
    Ok((bytes, manifest))
}

fn pdf_err(what: &'static str) -> impl Fn(PdfiumError) -> Error {
    move |e| Error::pdf(format!("scan: {what}"), e)
}

fn render(page: &PdfPage<'_>, dpi: u32, color: bool) -> Result<Raster> {
    let px = |pt: f32| ((pt * dpi as f32 / 72.0).round() as i32).max(1);
    let config = PdfRenderConfig::new()
        .set_fixed_size(px(page.width().value), px(page.height().value))
        .use_grayscale_rendering(!color)
        .render_form_data(true);
    let bitmap = page.render_with_config(&config).map_err(pdf_err("render"))?;
    let image = bitmap.as_image().map_err(pdf_err("bitmap"))?;
    Ok(if color {
        Raster::Rgb(image.to_rgb8())
    } else {
        Raster::Gray(image.to_luma8())
    })
}

/// Applies the physical order of events: the page is printed (halftone, toner) or copied
/// (mark, contrast, streaks), the bank stamps the paper, the paper is on grayish stock with
/// grayish toner, then it is fed (turned, skewed, scaled, shifted) into a scanner — or
/// photographed — whose lamp and optics add shading and blur to the grainy page. Returns the
/// page and, for a photo, where its corners landed.
fn degrade_page(
    raster: Raster,
    params: &ScanParams,
    draw: &PageDraw,
    mark: Option<&GrayImage>,
    photo: Option<&PhotoParams>,
    rng: &mut SplitMix64,
) -> (Raster, Option<[[f32; 2]; 4]>) {
    let mut raster = raster;
    if let Some(pp) = &params.print {
        print::halftone(&mut raster, pp.halftone_cell);
        print::toner_spread(&mut raster, pp.toner_spread);
    }
    if let (Some(cp), Some(layer)) = (&params.copier, mark) {
        watermark::apply(&mut raster, layer);
        copier::contrast(&mut raster, cp.contrast.0, cp.contrast.1);
        copier::streaks(&mut raster, cp.streaks, cp.streak_depth, &mut rng.fork(5));
    }
    let mut raster = if draw.sealed {
        let band = match &raster {
            Raster::Gray(g) => degrade::ruled_band(g),
            Raster::Rgb(c) => degrade::ruled_band(&image::imageops::grayscale(c)),
        };
        let (w, h) = (raster.width() as f32, raster.height() as f32);
        let mut rgb = raster.into_rgb();
        let radius = (rng.range_f64(19.0, 21.0) / 25.4) as f32 * params.dpi as f32;
        let cx = (w * rng.range_f64(0.45, 0.85) as f32).clamp(radius, (w - radius).max(radius));
        let (top, bottom) = match band {
            Some((a, b)) => (a as f32, b as f32),
            None => (h * 0.5, h * 0.85),
        };
        let cy = (top + (bottom - top) * rng.next_f64() as f32).clamp(radius, (h - radius).max(radius));
        seal::stamp(
            &mut rgb,
            seal::SealPlacement { cx, cy, radius },
            params.seal_opacity,
            rng,
        );
        Raster::Rgb(rgb)
    } else {
        raster
    };
    if draw.scale != 1.0 || draw.shift_px != [0, 0] {
        raster = print::scale_shift(raster, draw.scale, draw.shift_px[0] as i64, draw.shift_px[1] as i64);
    }
    raster.tone(params.paper, params.ink);
    let mut raster = raster.rotate_quarter(draw.rotation_cw).skew(draw.skew_deg);
    let mut quad = None;
    if let Some(ph) = photo {
        let (r, q) = photo::place_in_frame(raster, ph, &mut rng.fork(6));
        raster = r;
        quad = Some(q);
    }
    raster.uneven_background(params.background, rng);
    // Paper grain and toner speckle are part of what the optics see, so the noise goes in
    // before the blur; noise added after it would be pixel-sharp, which looks less like a
    // real scan and roughly doubles the JPEG size.
    raster.noise(params.noise_sigma, rng);
    (raster.blur(params.blur_sigma), quad)
}

fn encode_jpeg(raster: &Raster, quality: u8) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut buf, quality);
    let res = match raster {
        Raster::Gray(g) => enc.encode(g.as_raw(), g.width(), g.height(), ExtendedColorType::L8),
        Raster::Rgb(c) => enc.encode(c.as_raw(), c.width(), c.height(), ExtendedColorType::Rgb8),
    };
    res.map_err(|e| Error::internal(format!("scan: jpeg encoding failed: {e}")))?;
    Ok(buf)
}

/// Appends a page of `w_pt` x `h_pt` points whose only content is the JPEG, embedded as is
/// (DCTDecode), stretched over the whole page.
fn add_image_page(doc: &mut PdfDocument<'_>, jpeg: Vec<u8>, w_pt: f32, h_pt: f32) -> Result<()> {
    let size = PdfPagePaperSize::Custom(PdfPoints::new(w_pt), PdfPoints::new(h_pt));
    let mut page = doc.pages_mut().create_page_at_end(size).map_err(pdf_err("new page"))?;
    let mut image = PdfPageImageObject::new_from_jpeg_reader(doc, Cursor::new(jpeg)).map_err(pdf_err("load jpeg"))?;
    image.scale(w_pt, h_pt).map_err(pdf_err("scale image"))?;
    page.objects_mut()
        .add_image_object(image)
        .map_err(pdf_err("add image"))?;
    Ok(())
}

/// Fixed creation date written over pdfium's wall-clock one (same length).
const FIXED_DATE: &[u8; 14] = b"20200101000000";

/// pdfium stamps the Info dictionary with the current time and the trailer `/ID` with values
/// derived from a heap address, so two runs would differ. Both are overwritten in place (same
/// length, so the cross-reference offsets stay valid): the date with [`FIXED_DATE`], the ID
/// with hex digits drawn from the seed.
pub(crate) fn make_reproducible(bytes: &mut [u8], seed: u64) {
    const KEY: &[u8] = b"/CreationDate(D:";
    if let Some(at) = bytes.windows(KEY.len()).position(|w| w == KEY) {
        let start = at + KEY.len();
        if bytes.len() >= start + 14 && bytes[start..start + 14].iter().all(u8::is_ascii_digit) {
            bytes[start..start + 14].copy_from_slice(FIXED_DATE);
        }
    }
    stamp_file_id(bytes, seed);
}

fn stamp_file_id(bytes: &mut [u8], seed: u64) {
    let Some(at) = find_last(bytes, b"/ID") else { return };
    let mut rng = SplitMix64::new(seed ^ 0x1D1D_1D1D);
    let mut i = at + 3;
    let mut strings = 0;
    while i < bytes.len() && strings < 2 {
        match bytes[i] {
            b'<' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'>' {
                    if bytes[i].is_ascii_hexdigit() {
                        bytes[i] = b"0123456789ABCDEF"[rng.below(16) as usize];
                    }
                    i += 1;
                }
                strings += 1;
            }
            b']' => break,
            _ => {}
        }
        i += 1;
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_round_trip() {
        for level in ScanLevel::ALL {
            assert_eq!(level.to_string().parse::<ScanLevel>().unwrap(), level);
        }
        assert_eq!(" Heavy ".parse::<ScanLevel>().unwrap(), ScanLevel::Heavy);
        assert!(matches!(
            "blurry".parse::<ScanLevel>().map_err(Error::into_kind),
            Err(zhengxin::error::ErrorKind::InvalidInput(_))
        ));
        assert_eq!(serde_json::to_string(&ScanLevel::Mild).unwrap(), "\"mild\"");
    }

    #[test]
    fn parameters_stay_inside_the_documented_ranges() {
        let mut at_300 = 0;
        for seed in 0..200 {
            let clean = ScanParams::draw(ScanLevel::Clean, &mut SplitMix64::new(seed));
            assert!(clean.dpi == 200 || clean.dpi == 300);
            at_300 += (clean.dpi == 300) as usize;
            assert!((88..=92).contains(&clean.jpeg_quality) && clean.noise_sigma <= 2.0);
            assert!(!clean.turn && !clean.seal && clean.skew_range == (0.0, 0.0));
            let mild = ScanParams::draw(ScanLevel::Mild, &mut SplitMix64::new(seed));
            assert_eq!(mild.dpi, 200);
            assert!((70..=80).contains(&mild.jpeg_quality) && mild.turn && mild.seal);
            let heavy = ScanParams::draw(ScanLevel::Heavy, &mut SplitMix64::new(seed));
            assert_eq!(heavy.dpi, 150);
            assert!((45..=60).contains(&heavy.jpeg_quality) && heavy.skew_range.1 <= 2.0);
            assert!(heavy.noise_sigma > mild.noise_sigma && heavy.background > mild.background);
        }
        assert!(
            (70..=130).contains(&at_300),
            "clean DPI should be 300 about half the time: {at_300}/200"
        );
    }

    #[test]
    fn new_levels_draw_inside_their_documented_ranges() {
        for seed in 0..200 {
            let color = ScanParams::draw(ScanLevel::Color, &mut SplitMix64::new(seed));
            assert!([200, 240, 300].contains(&color.dpi) && color.color && color.seal && color.turn);
            assert!(color.skew_range.1 <= 1.0 && color.print.is_none() && color.photo.is_none());
            let print = ScanParams::draw(ScanLevel::Print, &mut SplitMix64::new(seed));
            let pp = print.print.expect("print parameters");
            assert!([150, 200, 300].contains(&print.dpi) && !print.color && !print.seal);
            let lpi = print.dpi as f32 / pp.halftone_cell;
            assert!((60.0..=85.0).contains(&lpi) && (0.3..=0.6).contains(&pp.toner_spread));
            assert!(pp.max_scale <= 0.02 && pp.max_shift_mm <= 3.0);
            let copier = ScanParams::draw(ScanLevel::Copier, &mut SplitMix64::new(seed));
            let cp = copier.copier.expect("copier parameters");
            assert!([150, 200].contains(&copier.dpi) && cp.contrast.0 < cp.contrast.1);
            assert!((2..=6).contains(&cp.streaks) && (30.0..=45.0).contains(&cp.mark.angle_deg));
            let photo = ScanParams::draw(ScanLevel::Photo, &mut SplitMix64::new(seed));
            let ph = photo.photo.expect("photo parameters");
            assert!(photo.color && photo.jpeg_quality == 60 && !photo.turn && photo.skew_range == (0.0, 0.0));
            assert!((0.8..=0.9).contains(&ph.fill) && ph.keystone <= 0.05);
        }
    }

    #[test]
    fn creation_date_is_fixed_in_place() {
        let mut a = b"3 0 obj\r\n<</CreationDate(D:20261128233403+00'00')/Creator(PDFium)>>".to_vec();
        let len = a.len();
        make_reproducible(&mut a, 1);
        assert_eq!(a.len(), len);
        assert!(a.windows(14).any(|w| w == FIXED_DATE));
    }

    #[test]
    fn file_id_is_rewritten_in_place() {
        let mut a = b"trailer\n<</Size 3/ID[<0A1B2C><FFEE00>]>>\n".to_vec();
        let len = a.len();
        let mut b = a.clone();
        let n = b.len();
        b[n - 10] = b'9';
        stamp_file_id(&mut a, 4);
        stamp_file_id(&mut b, 4);
        assert_eq!(a.len(), len);
        assert_eq!(a, b);
        assert!(!a.windows(6).any(|w| w == b"0A1B2C"));
    }
}
