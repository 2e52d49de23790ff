//! The per-report look of the Chromium route, drawn from the seed: fonts, table rulings and
//! padding, header shading, sizes, page margins and footer, watermark and logo (seal) style.
//! Everything here is visual; none of it reaches the truth.

use super::super::model::Rgb;
use super::super::rng::SplitMix64;

/// CJK faces of the Debian packages fonts-noto-cjk, fonts-wqy-zenhei and fonts-arphic-uming.
const CJK_FACES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
];
/// Latin/digit faces (fonts-liberation, fonts-urw-base35), listed before the CJK face so
/// digits and ASCII come from them.
const LATIN_FACES: &[&str] = &["Liberation Sans", "Liberation Serif", "Nimbus Sans", "Nimbus Roman"];

/// How each page is numbered at its foot (Chromium's @page margin boxes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    /// `第N页，共M页`, as the pdfium route and the real report print it.
    Chinese,
    /// `第 N 页，共 M 页` with spaces, as other report printers do.
    Spaced,
    /// No page numbers.
    None,
}

/// The watermark drawn on every page (position: fixed repeats on each printed page).
#[derive(Debug, Clone)]
pub struct WatermarkStyle {
    pub text: String,
    pub color: Rgb,
    /// 0..1
    pub alpha: f32,
    /// Degrees, counter-clockwise.
    pub angle: f32,
    /// px
    pub size: f32,
    /// Tiles per page (1 large centred, or a 2 × 2 grid).
    pub tiles: usize,
}

/// The red logo at the top left of page 1: ring pair, or a seal-like ring with a star.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogoStyle {
    /// Outer diameter in px.
    pub size: f32,
    /// Outer ring stroke in px.
    pub stroke: f32,
    /// A five-point star in the middle instead of the inner ring.
    pub star: bool,
}

/// Everything visual the Chromium route varies per report.
#[derive(Debug, Clone)]
pub struct HtmlStyle {
    /// CSS font-family list: Latin face first, then the CJK face.
    pub font_family: String,
    /// Body (table) text size in px.
    pub base_px: f32,
    /// Table ruling width in px.
    pub rule_px: f32,
    /// Cell padding (vertical, horizontal) in px.
    pub pad: (f32, f32),
    /// Fill for header (bold) cells, if any.
    pub header_fill: Option<Rgb>,
    /// Line height factor of table text.
    pub line_height: f32,
    /// Page margins (top, right/left, bottom) in mm.
    pub margin_mm: (f32, f32, f32),
    pub footer: Footer,
    /// Rows may not be cut across pages (`break-inside: avoid`); otherwise Chromium may split a
    /// tall row mid-cell.
    pub keep_rows: bool,
    /// Headings and captions stay with what follows (`break-after: avoid`).
    pub keep_headings: bool,
    /// CSS `text-autospace` between CJK and Latin runs (a visual gap, no space character).
    pub autospace: bool,
    pub logo: LogoStyle,
}

impl HtmlStyle {
    /// Draws a style. Uses only `rng`, so the composed report (truth) is unaffected.
    pub fn draw(rng: &mut SplitMix64) -> Self {
        let cjk = *rng.pick(CJK_FACES);
        let latin = *rng.pick(LATIN_FACES);
        let header_fill = if rng.chance(0.4) {
            // The bank renderings' header fills (report_layout §2) and a light grey.
            Some(*rng.pick(&[Rgb(0xA7, 0xE3, 0xF1), Rgb(0x99, 0xCC, 0xFF), Rgb(0xEE, 0xEE, 0xEE)]))
        } else {
            None
        };
        HtmlStyle {
            font_family: format!("\"{latin}\", \"{cjk}\""),
            base_px: *rng.pick(&[10.0, 10.5, 11.0, 11.5]),
            rule_px: 0.5 + rng.below(11) as f32 / 10.0,
            pad: (1.0 + rng.below(4) as f32, 2.0 + rng.below(5) as f32),
            header_fill,
            line_height: *rng.pick(&[1.25, 1.3, 1.4]),
            margin_mm: (
                10.0 + rng.below(9) as f32,
                10.0 + rng.below(9) as f32,
                14.0 + rng.below(7) as f32,
            ),
            footer: *rng.pick(&[
                Footer::Chinese,
                Footer::Chinese,
                Footer::Chinese,
                Footer::Spaced,
                Footer::None,
            ]),
            keep_rows: rng.chance(0.5),
            keep_headings: rng.chance(0.6),
            autospace: rng.chance(0.25),
            logo: LogoStyle {
                size: 36.0 + rng.below(16) as f32,
                stroke: 2.0 + rng.below(3) as f32,
                star: rng.chance(0.4),
            },
        }
    }
}
