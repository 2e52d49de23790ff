//! Page content from the PDF text layer and vector paths: characters with their boxes, font
//! size, colour and weight grouped into spans; borders as rulings. Watermark text and images
//! are dropped here, so nothing downstream can glue them into a cell.

pub mod glyph;
pub mod paths;
pub mod spans;

use pdfium_render::prelude::*;

use crate::content::{ContentSource, PageContent};
use crate::geom::Rect;
use crate::pdf::facts::PageFacts;
use crate::pdf::{assess_text_layer, TextLayerQuality};
use crate::{Error, Result};

use glyph::{drop_watermark, Glyph, WatermarkRules};
use paths::{page_rulings, RulingRules};
use spans::{build_spans, SpanRules};

/// Font weight from which a font counts as bold (CSS/OpenType scale).
const BOLD_WEIGHT: u32 = 600;

/// Reads one page. `index` is the zero-based page index recorded in the result.
pub fn extract_page(page: &PdfPage<'_>, index: usize) -> Result<PageContent> {
    extract_page_checked(page, index).map(|read| read.content)
}

/// One page's text layer read by [`extract_page_checked`].
#[derive(Debug, Clone)]
pub struct LayerRead {
    /// Spans and rulings.
    pub content: PageContent,
    /// The text layer's verdict, from the same characters.
    pub quality: TextLayerQuality,
    /// What the integrity signals need of the page, from the same objects and characters.
    pub facts: PageFacts,
}

/// Reads one page and judges its text layer from the same characters, so the text page is
/// loaded once (loading it is the largest single cost of the text path).
pub fn extract_page_checked(page: &PdfPage<'_>, index: usize) -> Result<LayerRead> {
    let width = page.width().value;
    let height = page.height().value;
    let mut facts = PageFacts::default();
    let rulings = page_rulings(page, &RulingRules::default(), &mut facts);
    let (mut glyphs, raw) = read_glyphs(page, height, false, Some(&mut facts))?;
    let quality = assess_text_layer(&raw);
    drop_watermark(&mut glyphs, &WatermarkRules::default());
    let spans = build_spans(&glyphs, &rulings, &SpanRules::default());
    Ok(LayerRead {
        content: PageContent {
            index,
            width,
            height,
            source: ContentSource::TextLayer,
            spans,
            rulings,
        },
        quality,
        facts,
    })
}

/// Every drawn glyph of a page whose text layer does not decode (see
/// [`read_glyphs`]`(.., true)`), watermark dropped: the boxes are exact even where the
/// characters are not.
pub fn undecodable_glyphs(page: &PdfPage<'_>) -> Result<Vec<Glyph>> {
    let (mut glyphs, _) = read_glyphs(page, page.height().value, true, None)?;
    drop_watermark(&mut glyphs, &WatermarkRules::default());
    Ok(glyphs)
}

/// Visible characters in content-stream order, whitespace and pdfium's generated characters
/// left out (spaces are decided later from the geometry); and every drawn character as text
/// (undecodable ones as U+FFFD) for the text-layer check. With `keep_undecodable` (a garbled
/// page), every glyph that leaves ink is kept whatever it decodes to (a whitespace or control
/// character becomes U+FFFD) and every inkless one (a space) is dropped. With `facts`, every
/// decoded non-whitespace character is also recorded there ([`PageFacts::see_char`]).
fn read_glyphs(
    page: &PdfPage<'_>,
    height: f32,
    keep_undecodable: bool,
    mut facts: Option<&mut PageFacts>,
) -> Result<(Vec<Glyph>, String)> {
    let text = page.text().map_err(|e| Error::pdf("text layer", e))?;
    let chars = text.chars();
    let mut out = Vec::with_capacity(chars.len());
    let mut raw = String::with_capacity(chars.len() * 3);
    let mut space_before = false;
    for c in chars.iter() {
        let Ok(generated) = c.is_generated() else { continue };
        let ch = c.unicode_char().unwrap_or(char::REPLACEMENT_CHARACTER);
        if ch == ' ' || ch == '\u{3000}' {
            space_before = true;
        } else if ch == '\r' || ch == '\n' {
            space_before = false;
        }
        if generated {
            continue;
        }
        raw.push(ch);
        // One lookup of the character's text object, shared by the checks below.
        let mode = c.render_mode();
        // Fetched at most once: the bold test and the facts may both want it.
        let mut font_name: Option<String> = None;
        if let Some(f) = facts.as_deref_mut() {
            if !ch.is_whitespace() && !ch.is_control() {
                let visible = !matches!(
                    mode,
                    Ok(PdfPageTextRenderMode::Invisible | PdfPageTextRenderMode::InvisibleClipping)
                );
                let name = font_name.insert(c.font_name());
                let rect = visible
                    .then(|| c.loose_bounds().ok())
                    .flatten()
                    .map(|b| pdf_rect(&b, height));
                f.see_char(ch, visible, name, rect.as_ref());
            }
        }
        // Invisible text (a scanner's OCR layer over its image) has boxes but no pixels.
        if keep_undecodable && matches!(mode, Ok(PdfPageTextRenderMode::Invisible)) {
            continue;
        }
        let ch = if keep_undecodable {
            // The code may decode to anything, a space or a control included: ink decides.
            if !leaves_ink(&c) {
                continue;
            }
            if ch.is_whitespace() || ch.is_control() {
                char::REPLACEMENT_CHARACTER
            } else {
                ch
            }
        } else if ch.is_whitespace() || ch.is_control() {
            continue;
        } else {
            ch
        };
        let Ok(b) = c.loose_bounds() else { continue };
        let rect = pdf_rect(&b, height);
        if !(rect.x0.is_finite() && rect.y0.is_finite() && rect.x1.is_finite() && rect.y1.is_finite()) {
            continue;
        }
        let size = c.scaled_font_size().value;
        let (color, alpha) = c
            .fill_color()
            .map(|k| {
                (
                    ((k.red() as u32) << 16) | ((k.green() as u32) << 8) | k.blue() as u32,
                    k.alpha(),
                )
            })
            .unwrap_or((0, 255));
        out.push(Glyph {
            ch,
            rect,
            font_size: if size > 0.0 { size } else { rect.height() },
            bold: is_bold(&c, &mode, font_name),
            color,
            alpha,
            angle: c.angle_degrees().ok().filter(|a| a.is_finite()).unwrap_or(0.0),
            space_before,
        });
        space_before = false;
    }
    Ok((out, raw))
}

/// A pdfium box (bottom-left origin) in top-left page space.
fn pdf_rect(b: &PdfRect, height: f32) -> Rect {
    Rect::new(
        b.left().value,
        height - b.top().value,
        b.right().value,
        height - b.bottom().value,
    )
}

/// Whether a glyph's tight box has an area (a space glyph's has none).
fn leaves_ink(c: &PdfPageTextChar<'_>) -> bool {
    c.tight_bounds()
        .is_ok_and(|b| b.width().value > 0.01 && b.height().value > 0.01)
}

/// Bold as drawn: Word fakes bold CJK with fill+stroke rendering; other producers use a bold
/// weight or a bold font (`SimSun,Bold`, `…-Bold`). The name is read last because it costs
/// a string allocation per character
/// (`font_name`: the name when the caller fetched it already).
fn is_bold(
    c: &PdfPageTextChar<'_>,
    mode: &std::result::Result<PdfPageTextRenderMode, PdfiumError>,
    font_name: Option<String>,
) -> bool {
    let stroked = matches!(
        mode,
        Ok(PdfPageTextRenderMode::FilledThenStroked
            | PdfPageTextRenderMode::StrokedUnfilled
            | PdfPageTextRenderMode::FilledThenStrokedClipping
            | PdfPageTextRenderMode::StrokedUnfilledClipping)
    );
    if stroked {
        return true;
    }
    let heavy = match c.font_weight() {
        Some(PdfFontWeight::Custom(w)) => w >= BOLD_WEIGHT,
        Some(w) => matches!(
            w,
            PdfFontWeight::Weight600
                | PdfFontWeight::Weight700Bold
                | PdfFontWeight::Weight800
                | PdfFontWeight::Weight900
        ),
        None => false,
    };
    heavy || {
        let name = font_name.unwrap_or_else(|| c.font_name()).to_ascii_lowercase();
        ["bold", "black", "heavy", "demi"].iter().any(|k| name.contains(k))
    }
}
