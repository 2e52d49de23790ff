//! Stage 1 output: what one page contains, independent of where it came from (the PDF text
//! layer or OCR). Both producers emit this type, so grid reconstruction and the section
//! parsers never know which path a page took.

use serde::{Deserialize, Serialize};

use crate::geom::Rect;

/// Where a page's content came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentSource {
    /// Read from the PDF's text layer and vector paths.
    TextLayer,
    /// Recognised from pixels.
    Ocr,
}

/// A run of text on one baseline. Invariant: a span never crosses a vertical table ruling
/// (producers split runs at rulings), so assigning spans to cells by centre is safe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The characters, in reading order, with layout whitespace removed.
    pub text: String,
    /// Box around the whole run.
    pub rect: Rect,
    /// Box of each character of `text` (same count as `text.chars()`).
    pub char_rects: Vec<Rect>,
    /// Font size in points (OCR: estimated from the line height).
    pub font_size: f32,
    /// Whether the text was drawn bold (text layer) — headings and table headers are bold.
    pub bold: bool,
    /// Fill colour as 0xRRGGBB.
    pub color: u32,
    /// Recognition confidence per character, 0..1 (text layer: all 1.0).
    pub confidences: Vec<f32>,
}

/// Orientation of a ruling line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Left to right.
    Horizontal,
    /// Top to bottom.
    Vertical,
}

/// A straight table ruling (a stroked line or a thin filled rectangle in the PDF, or a
/// long stroke found in pixels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ruling {
    /// Horizontal or vertical.
    pub orientation: Orientation,
    /// Position across the line: y for horizontal, x for vertical.
    pub pos: f32,
    /// Start along the line: x0 for horizontal, y0 for vertical.
    pub start: f32,
    /// End along the line (`end >= start`).
    pub end: f32,
    /// Stroke colour as 0xRRGGBB.
    pub color: u32,
}

/// Everything found on one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageContent {
    /// Zero-based page index in the PDF.
    pub index: usize,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Text-layer or OCR.
    pub source: ContentSource,
    /// Text runs; watermark text is already removed.
    pub spans: Vec<TextSpan>,
    /// Table rulings; background fills and decorations are already removed.
    pub rulings: Vec<Ruling>,
}
