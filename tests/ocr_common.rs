//! Shared helpers for the OCR integration tests (included with `#[path]`; as its own test
//! target it holds no tests). Renders pages of the real sample report with pdfium and takes
//! the text layer as ground truth, then scores OCR lines against it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use image::RgbImage;
use pdfium_render::prelude::*;
use serde::Serialize;

use zhengxin::config::Settings;
use zhengxin::geom::Rect;
use zhengxin::ocr::{OcrEngine, OcrParams};
use zhengxin::pdf::PdfEngine;

/// The 19-page 本人版 sample (fictitious person; see shared/samples/README.md).
pub fn sample_pdf() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf")
}

/// Settings over the checked-out artefacts; panics (the test fails, never skips) when the
/// models or libraries are missing.
pub fn settings() -> Settings {
    let s = Settings::from_env().expect("settings");
    for f in [
        s.ort_lib(),
        s.pdfium_lib(),
        s.models_dir().join(OcrParams::default().models.rec),
    ] {
        assert!(
            f.is_file(),
            "{} is missing: run scripts/download_models.sh",
            f.display()
        );
    }
    s
}

/// One engine per test process (the ONNX Runtime library binds once).
pub fn engine() -> &'static OcrEngine {
    static ENGINE: OnceLock<OcrEngine> = OnceLock::new();
    ENGINE.get_or_init(|| OcrEngine::new(&OcrParams::default(), &settings().ocr_files()).expect("OCR engine"))
}

/// A text-layer character in rendered pixels.
#[derive(Debug, Clone, Serialize)]
pub struct GtChar {
    /// The character.
    pub ch: char,
    /// Its loose box in pixels (origin top-left).
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Font size in points.
    pub font_size: f32,
}

impl GtChar {
    fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

/// A rendered page and its text-layer characters (no whitespace, no generated chars).
pub struct RenderedPage {
    /// The pixels.
    pub image: RgbImage,
    /// Ground truth.
    pub chars: Vec<GtChar>,
    /// Pixels per PDF point.
    pub px_per_pt: f32,
}

/// Renders page `index` (0-based) of the sample at `dpi`.
pub fn render_sample_page(index: i32, dpi: f32) -> RenderedPage {
    let s = settings();
    let engine = PdfEngine::load(&s.pdfium_lib()).expect("pdfium");
    let bytes = std::fs::read(sample_pdf()).expect("sample PDF (shared/samples)");
    let doc = engine.open(&bytes).expect("open sample");
    let page = doc.pages().get(index).expect("page");
    let scale = dpi / 72.0;
    let cfg = PdfRenderConfig::new().scale_page_by_factor(scale);
    let image = page
        .render_with_config(&cfg)
        .expect("render")
        .as_image()
        .expect("bitmap")
        .into_rgb8();
    let page_h = page.height().value;
    let text = page.text().expect("text layer");
    let chars = text
        .chars()
        .iter()
        .filter(|c| !c.is_generated().unwrap_or(true))
        .filter_map(|c| {
            let ch = c.unicode_char()?;
            if ch.is_whitespace() || ch.is_control() {
                return None;
            }
            let b = c.loose_bounds().ok()?;
            Some(GtChar {
                ch,
                x0: b.left().value * scale,
                y0: (page_h - b.top().value) * scale,
                x1: b.right().value * scale,
                y1: (page_h - b.bottom().value) * scale,
                font_size: c.scaled_font_size().value,
            })
        })
        .collect();
    RenderedPage {
        image,
        chars,
        px_per_pt: scale,
    }
}

/// NFKC-style fold for the forms OCR cannot tell apart: full-width ASCII (U+FF01–FF5E) and
/// the ideographic space map to ASCII, as Unicode NFKC does for them.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Edit distance between two character sequences.
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Character accuracy of OCR lines against the text layer.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// Ground-truth characters.
    pub total: usize,
    /// Sum over boxes of the edit distance between OCR text and the GT chars centred in the box.
    pub edits: usize,
    /// GT characters centred in no OCR box (missed text).
    pub uncovered: usize,
    /// The uncovered characters with their pixel boxes, for the log.
    pub missed: Vec<(char, [f32; 4])>,
    /// OCR boxes holding no GT character (image text such as the logo; not scored).
    pub extra_boxes: usize,
    /// Same as `edits` after folding full-width forms.
    pub edits_folded: usize,
    /// 1 − (edits + uncovered) / total.
    pub accuracy: f64,
    /// The same with folded forms.
    pub accuracy_folded: f64,
    /// (ocr text, gt text) of boxes that differ after folding, for the log.
    pub diffs: Vec<(String, String)>,
}

/// Scores `(box, text)` pairs: each GT char goes to the first box containing its centre (boxes
/// are single lines, so the GT string of a box is its chars in x order); spaces are ignored.
pub fn score(lines: &[(Rect, String)], gt: &[GtChar]) -> Score {
    let mut owner = vec![None; gt.len()];
    for (i, g) in gt.iter().enumerate() {
        let (cx, cy) = g.center();
        owner[i] = lines.iter().position(|(r, _)| r.contains(cx, cy));
    }
    let mut s = Score {
        total: gt.len(),
        ..Score::default()
    };
    s.uncovered = owner.iter().filter(|o| o.is_none()).count();
    s.missed = gt
        .iter()
        .zip(&owner)
        .filter(|(_, o)| o.is_none())
        .map(|(g, _)| (g.ch, [g.x0, g.y0, g.x1, g.y1]))
        .collect();
    for (k, (_, text)) in lines.iter().enumerate() {
        let mut mine: Vec<&GtChar> = gt
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == Some(k))
            .map(|(g, _)| g)
            .collect();
        if mine.is_empty() {
            s.extra_boxes += 1;
            continue;
        }
        mine.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let want: Vec<char> = mine.iter().map(|g| g.ch).collect();
        let got: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        s.edits += levenshtein(&got, &want);
        let (wf, gf): (Vec<char>, Vec<char>) = (
            want.iter().map(|&c| fold(c)).collect(),
            got.iter().map(|&c| fold(c)).collect(),
        );
        let e = levenshtein(&gf, &wf);
        s.edits_folded += e;
        if e > 0 {
            s.diffs.push((gf.iter().collect(), wf.iter().collect()));
        }
    }
    let t = s.total.max(1) as f64;
    s.accuracy = 1.0 - (s.edits + s.uncovered) as f64 / t;
    s.accuracy_folded = 1.0 - (s.edits_folded + s.uncovered) as f64 / t;
    s
}
