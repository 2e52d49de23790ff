//! Renders laid-out pages into a text-layer PDF with pdfium (through the process-wide
//! `zhengxin::pdf::PdfEngine`). Two fonts: the embedded CJK TrueType (CID, Identity-H with a
//! ToUnicode map, so text extracts) and the built-in Helvetica for Latin characters.
//!
//! Bold: Droid Sans Fallback has no bold face, so bold text uses render mode "fill then stroke"
//! with a thin stroke in the text colour — the same trick Word uses for fake bold.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use pdfium_render::prelude::*;

use super::layout::{Op, Page, PAGE_H, PAGE_W};
use super::metrics::{char_width, is_latin};
use super::model::Rgb;
use super::subset;
use zhengxin::pdf::PdfEngine;
use zhengxin::{Error, Result};

/// The diagonal watermark of a version (§1 "Watermark").
#[derive(Debug, Clone)]
pub struct Watermark {
    pub text: String,
    pub color: Rgb,
    pub alpha: u8,
    pub angle: f32,
    pub size: f32,
}

static FONT: OnceLock<std::result::Result<Vec<u8>, String>> = OnceLock::new();

fn font_bytes(path: &std::path::Path) -> Result<&'static [u8]> {
    let r = FONT.get_or_init(|| std::fs::read(path).map_err(|e| e.to_string()));
    match r {
        Ok(b) => Ok(b.as_slice()),
        Err(reason) => Err(Error::artefact("CJK font", path.display().to_string(), reason.clone())),
    }
}

fn pe(e: PdfiumError) -> Error {
    Error::pdf("drawing", e)
}

fn color(c: Rgb, a: u8) -> PdfColor {
    PdfColor::new(c.0, c.1, c.2, a)
}

/// Writes `pages` to PDF bytes. `script_gap` (em) is extra space drawn where a line switches
/// between CJK and Latin runs, as Word's autospace does (the gap is visual; no space character is
/// written). `stamp` (`YYYYMMDDhhmmss`) and `id_seed` replace pdfium's wall-clock creation date
/// and random file ID so the output is byte-reproducible.
#[allow(clippy::too_many_arguments)]
pub fn render(
    engine: &PdfEngine,
    font_path: &std::path::Path,
    pages: &[Page],
    wm: &Watermark,
    script_gap: f32,
    stamp: &str,
    id_seed: u64,
) -> Result<Vec<u8>> {
    let font_data = font_bytes(font_path)?;
    let mut used: BTreeSet<char> = wm.text.chars().collect();
    for p in pages {
        for op in &p.ops {
            if let Op::Text { text, .. } = op {
                used.extend(text.chars().filter(|c| !is_latin(*c)));
            }
        }
    }
    // Embed only the glyphs drawn (2.3 MB → about 0.2 MB per PDF); the full font if the
    // subsetter does not understand it.
    let subset = subset::subset(font_data, &used);
    let mut doc = engine.pdfium().create_new_pdf().map_err(pe)?;
    let cjk = doc
        .fonts_mut()
        .load_true_type_from_bytes(subset.as_deref().unwrap_or(font_data), true)
        .map_err(pe)?;
    let helv = doc.fonts_mut().helvetica();
    for p in pages {
        let mut page = doc.pages_mut().create_page_at_end(PdfPagePaperSize::a4()).map_err(pe)?;
        // Regenerating after every object is quadratic; commit once per page instead.
        page.set_content_regeneration_strategy(PdfPageContentRegenerationStrategy::Manual);
        watermark(&doc, &mut page, (cjk, helv), wm)?;
        for op in &p.ops {
            match op {
                Op::Text {
                    x,
                    baseline,
                    size,
                    text,
                    bold,
                    color: c,
                } => {
                    let mut x = *x;
                    let parts = runs(text);
                    // Keep the line centred on the same point once the gaps are added.
                    x -= script_gap * size * parts.len().saturating_sub(1) as f32 / 2.0;
                    for (latin, run) in parts {
                        let font = if latin { helv } else { cjk };
                        let mut t = PdfPageTextObject::new(&doc, &run, font, PdfPoints::new(*size)).map_err(pe)?;
                        t.set_fill_color(color(*c, 255)).map_err(pe)?;
                        if *bold {
                            t.set_render_mode(PdfPageTextRenderMode::FilledThenStroked)
                                .map_err(pe)?;
                            t.set_stroke_color(color(*c, 255)).map_err(pe)?;
                            t.set_stroke_width(PdfPoints::new(size * 0.04)).map_err(pe)?;
                        }
                        t.translate(PdfPoints::new(x), PdfPoints::new(PAGE_H - baseline))
                            .map_err(pe)?;
                        page.objects_mut().add_text_object(t).map_err(pe)?;
                        x += run.chars().map(|ch| char_width(ch, *size)).sum::<f32>() + script_gap * size;
                    }
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                    dashed,
                } => {
                    let mut l = PdfPagePathObject::new_line(
                        &doc,
                        PdfPoints::new(*x1),
                        PdfPoints::new(PAGE_H - y1),
                        PdfPoints::new(*x2),
                        PdfPoints::new(PAGE_H - y2),
                        color(*c, 255),
                        PdfPoints::new(*width),
                    )
                    .map_err(pe)?;
                    if *dashed {
                        l.set_dash_array(&[PdfPoints::new(2.0), PdfPoints::new(1.5)], PdfPoints::ZERO)
                            .map_err(pe)?;
                    }
                    page.objects_mut().add_path_object(l).map_err(pe)?;
                }
                Op::Ring {
                    cx,
                    cy,
                    r,
                    width,
                    color: c,
                } => {
                    let ring = PdfPagePathObject::new_circle_at(
                        &doc,
                        PdfPoints::new(*cx),
                        PdfPoints::new(PAGE_H - cy),
                        PdfPoints::new(*r),
                        Some(color(*c, 255)),
                        Some(PdfPoints::new(*width)),
                        None,
                    )
                    .map_err(pe)?;
                    page.objects_mut().add_path_object(ring).map_err(pe)?;
                }
            }
        }
        page.regenerate_content().map_err(pe)?;
    }
    let mut bytes = doc.save_to_bytes().map_err(pe)?;
    drop(doc);
    make_reproducible(&mut bytes, stamp, id_seed);
    Ok(bytes)
}

/// Four light diagonal tiles per page, drawn first so the content covers them. Each font run
/// is its own rotated object placed along the rotated baseline (digits need Helvetica).
fn watermark<'a>(
    doc: &PdfDocument<'a>,
    page: &mut PdfPage<'a>,
    fonts: (PdfFontToken, PdfFontToken),
    wm: &Watermark,
) -> Result<()> {
    if wm.text.is_empty() {
        return Ok(());
    }
    let (cjk, helv) = fonts;
    let total: f32 = wm.text.chars().map(|ch| char_width(ch, wm.size)).sum();
    let (s, c) = wm.angle.to_radians().sin_cos();
    for (cx, cy) in [(0.28, 0.27), (0.72, 0.40), (0.28, 0.63), (0.72, 0.80)] {
        let mut adv = -total / 2.0;
        for (latin, run) in runs(&wm.text) {
            let font = if latin { helv } else { cjk };
            let mut t = PdfPageTextObject::new(doc, &run, font, PdfPoints::new(wm.size)).map_err(pe)?;
            t.set_fill_color(color(wm.color, wm.alpha)).map_err(pe)?;
            t.rotate_counter_clockwise_degrees(wm.angle).map_err(pe)?;
            let x = cx * PAGE_W + adv * c;
            let y = (1.0 - cy) * PAGE_H + adv * s;
            t.translate(PdfPoints::new(x), PdfPoints::new(y)).map_err(pe)?;
            page.objects_mut().add_text_object(t).map_err(pe)?;
            adv += run.chars().map(|ch| char_width(ch, wm.size)).sum::<f32>();
        }
    }
    Ok(())
}

/// Splits text into maximal runs of one font (Latin → Helvetica, the rest → the CJK font).
pub(crate) fn runs(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for ch in text.chars() {
        let latin = is_latin(ch);
        match out.last_mut() {
            Some((l, s)) if *l == latin => s.push(ch),
            _ => out.push((latin, ch.to_string())),
        }
    }
    out
}

/// Overwrites, in place and with equal lengths (so the xref stays valid), the two values pdfium
/// takes from the clock: `/CreationDate(D:…)` and the trailer `/ID`.
fn make_reproducible(bytes: &mut [u8], stamp: &str, id_seed: u64) {
    if let Some(pos) = find(bytes, b"/CreationDate(D:") {
        let start = pos + b"/CreationDate(D:".len();
        if let Some(len) = bytes[start..].iter().position(|&b| b == b')') {
            let want = format!("{stamp}+08'00'");
            if want.len() == len {
                bytes[start..start + len].copy_from_slice(want.as_bytes());
            } else {
                // Unknown layout: keep the length, blank the clock digits deterministically.
                for (i, b) in bytes[start..start + len].iter_mut().enumerate() {
                    if b.is_ascii_digit() {
                        *b = stamp.as_bytes().get(i).copied().unwrap_or(b'0');
                    }
                }
            }
        }
    }
    if let Some(pos) = bytes.windows(4).rposition(|w| w == b"/ID[") {
        let mut x = id_seed ^ 0xA5A5_5A5A_C3C3_3C3C;
        let mut i = pos + 4;
        let end = (pos + 200).min(bytes.len());
        let hex = b"0123456789ABCDEF";
        let mut in_hex = false;
        while i < end && bytes[i] != b']' {
            match bytes[i] {
                b'<' => in_hex = true,
                b'>' => in_hex = false,
                _ if in_hex => {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    bytes[i] = hex[(x >> 60) as usize];
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_by_font_and_patch_keeps_length() {
        let r = runs("截至2015年05月");
        assert_eq!(r.len(), 5);
        assert!(!r[0].0 && r[1].0 && r[1].1 == "2015");
        let mut pdf = b"x/CreationDate(D:20261128232631+00'00')y/ID[<AB12><AB12>]".to_vec();
        let n = pdf.len();
        make_reproducible(&mut pdf, "20150601100515", 9);
        assert_eq!(pdf.len(), n);
        let s = String::from_utf8(pdf).unwrap();
        assert!(s.contains("(D:20150601100515+08'00')"), "{s}");
        assert!(!s.contains("AB12"));
    }
}
