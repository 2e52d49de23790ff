//! A small drawing surface over pdfium for the negative documents: A4 pages, top-left
//! coordinates in points (the crate-wide convention), text in the embedded CJK TrueType font,
//! and thin rules. DroidSansFallbackFull maps no ASCII code point except the space, so Latin-1
//! runs (digits, dates, amounts) are drawn in the built-in Helvetica instead; a run drawn in
//! the CJK font would render as nothing and extract as nothing. It remembers every string it drew, per page, so the finished PDF can be
//! checked to extract back exactly that text.

use pdfium_render::prelude::*;

use zhengxin::pdf::PdfEngine;
use zhengxin::{Error, Result};

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.0;
pub(crate) const PAGE_H: f32 = 842.0;

fn pdf_err(what: &'static str) -> impl Fn(PdfiumError) -> Error {
    move |e| Error::pdf(format!("negatives: {what}"), e)
}

/// Horizontal anchoring of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

pub(crate) struct Canvas<'a> {
    doc: PdfDocument<'a>,
    cjk: PdfFontToken,
    latin: PdfFontToken,
    page: Option<PdfPage<'a>>,
    /// Strings drawn on each page, in drawing order.
    written: Vec<Vec<String>>,
}

impl<'a> Canvas<'a> {
    /// A new empty document with the CJK font loaded as a CID-keyed TrueType font (pdfium
    /// then writes a Type0 font with Identity-H encoding and a ToUnicode map, which is what
    /// makes the text extract back). `font_bytes` must already have been passed through
    /// [`super::strip_compat_ideographs`].
    pub(crate) fn new(engine: &'a PdfEngine, font_bytes: &[u8]) -> Result<Self> {
        let mut doc = engine.pdfium().create_new_pdf().map_err(pdf_err("create document"))?;
        let cjk = doc
            .fonts_mut()
            .load_true_type_from_bytes(font_bytes, true)
            .map_err(pdf_err("load CJK font"))?;
        let latin = doc.fonts_mut().helvetica();
        Ok(Self {
            doc,
            cjk,
            latin,
            page: None,
            written: Vec::new(),
        })
    }

    /// Starts a new A4 page; later drawing goes there.
    pub(crate) fn new_page(&mut self) -> Result<()> {
        // Dropping the previous page makes pdfium regenerate its content stream.
        self.page = None;
        let page = self
            .doc
            .pages_mut()
            .create_page_at_end(PdfPagePaperSize::a4())
            .map_err(pdf_err("new page"))?;
        self.page = Some(page);
        self.written.push(Vec::new());
        Ok(())
    }

    fn page(&mut self) -> Result<&mut PdfPage<'a>> {
        self.page
            .as_mut()
            .ok_or_else(|| Error::internal("negatives: drawing before new_page"))
    }

    /// Draws `s` with its baseline `y` points below the top edge, anchored at `x`, switching
    /// font between Latin-1 and CJK runs. Returns the drawn width.
    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, align: Align, s: &str) -> Result<f32> {
        if s.trim().is_empty() {
            return Ok(0.0);
        }
        let (cjk, latin) = (self.cjk, self.latin);
        let page = self.page()?;
        let mut objects = Vec::new();
        // Spaces are not drawn (a run's bounds may leave out trailing blanks); they advance
        // the pen by a Helvetica space width each.
        let space = 0.278 * size;
        let mut cursor = x + space * leading_spaces(s) as f32;
        for run in runs(s) {
            let font = if run.latin { latin } else { cjk };
            let obj = page
                .objects_mut()
                .create_text_object(
                    PdfPoints::new(cursor),
                    PdfPoints::new(PAGE_H - y),
                    &run.text,
                    font,
                    PdfPoints::new(size),
                )
                .map_err(pdf_err("text object"))?;
            let right = obj.bounds().map_err(pdf_err("text bounds"))?.right().value;
            cursor = right.max(cursor) + space * run.trailing_spaces as f32;
            objects.push(obj);
        }
        let width = cursor - x;
        let shift = match align {
            Align::Left => 0.0,
            Align::Center => -width / 2.0,
            Align::Right => -width,
        };
        if shift != 0.0 {
            for obj in &mut objects {
                obj.translate(PdfPoints::new(shift), PdfPoints::ZERO)
                    .map_err(pdf_err("move text"))?;
            }
        }
        if let Some(w) = self.written.last_mut() {
            w.push(s.to_string());
        }
        Ok(width)
    }

    /// A straight rule from (x1, y1) to (x2, y2), top-left coordinates.
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) -> Result<()> {
        let page = self.page()?;
        page.objects_mut()
            .create_path_object_line(
                PdfPoints::new(x1),
                PdfPoints::new(PAGE_H - y1),
                PdfPoints::new(x2),
                PdfPoints::new(PAGE_H - y2),
                PdfColor::BLACK,
                PdfPoints::new(width),
            )
            .map_err(pdf_err("line"))?;
        Ok(())
    }

    /// Outline of a rectangle given by its top-left corner and size.
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) -> Result<()> {
        self.line(x, y, x + w, y, width)?;
        self.line(x + w, y, x + w, y + h, width)?;
        self.line(x + w, y + h, x, y + h, width)?;
        self.line(x, y + h, x, y, width)
    }

    /// Writes `text` wrapped to `width` points starting with a baseline at `y`; returns the
    /// baseline of the line after the paragraph. Wrapping estimates advance widths (full-width
    /// characters = 1 em, others = 0.55 em), which is exact enough for body text.
    pub(crate) fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, leading: f32, text: &str) -> Result<f32> {
        let mut y = y;
        for line in wrap(text, width / size) {
            self.text(x, y, size, Align::Left, &line)?;
            y += leading;
        }
        Ok(y)
    }

    /// Saves the document and checks every page's extracted text against what was drawn.
    pub(crate) fn finish(mut self, engine: &PdfEngine) -> Result<Vec<u8>> {
        self.page = None;
        let mut bytes = self.doc.save_to_bytes().map_err(pdf_err("save"))?;
        drop(self.doc);
        // Fix the wall-clock date first, then seed the file ID from the (now stable) content
        // so that distinct documents get distinct IDs.
        crate::synth::scan::make_reproducible(&mut bytes, 0);
        let content_hash = bytes.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01B3)
        });
        crate::synth::scan::make_reproducible(&mut bytes, content_hash);
        verify_text(engine, &bytes, &self.written)?;
        Ok(bytes)
    }
}

/// A maximal stretch of text drawn in one font.
#[derive(Debug, PartialEq)]
pub(crate) struct Run {
    pub latin: bool,
    /// Text without trailing spaces.
    pub text: String,
    pub trailing_spaces: usize,
}

fn leading_spaces(s: &str) -> usize {
    s.chars().take_while(|&c| c == ' ').count()
}

/// Splits `s` into Latin-1 (Helvetica) and other (CJK font) runs; spaces stay inside a run
/// or are counted as the trailing blanks of the run before them.
pub(crate) fn runs(s: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for c in s.chars().skip(leading_spaces(s)) {
        if c == ' ' {
            if let Some(last) = out.last_mut() {
                last.trailing_spaces += 1;
            }
            continue;
        }
        let latin = (c as u32) < 0x100;
        match out.last_mut() {
            Some(last) if last.latin == latin => {
                for _ in 0..std::mem::take(&mut last.trailing_spaces) {
                    last.text.push(' ');
                }
                last.text.push(c);
            }
            _ => out.push(Run {
                latin,
                text: c.to_string(),
                trailing_spaces: 0,
            }),
        }
    }
    out
}

/// Splits `text` into lines of at most `ems` em widths.
pub(crate) fn wrap(text: &str, ems: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = if c.is_ascii() { 0.55 } else { 1.0 };
        if used + w > ems && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            used = 0.0;
        }
        current.push(c);
        used += w;
    }
    if !current.trim().is_empty() {
        lines.push(current);
    }
    lines
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reopens `bytes` and requires each drawn string (whitespace ignored) to appear in its
/// page's extracted text; a font without a usable ToUnicode map would fail here.
pub(crate) fn verify_text(engine: &PdfEngine, bytes: &[u8], written: &[Vec<String>]) -> Result<()> {
    let doc = engine.open(bytes)?;
    let pages = doc.pages();
    if pages.len() as usize != written.len() {
        return Err(Error::internal(format!(
            "negatives: wrote {} pages, pdfium reads {}",
            written.len(),
            pages.len()
        )));
    }
    for (index, (page, strings)) in pages.iter().zip(written).enumerate() {
        let extracted = squeeze(&page.text().map_err(pdf_err("text layer"))?.all());
        for s in strings {
            if !extracted.contains(&squeeze(s)) {
                let preview: String = extracted.chars().take(120).collect();
                return Err(Error::internal(format!(
                    "negatives: page {index}: drawn text {s:?} does not extract back (page text starts {preview:?})"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_by_script_and_keep_inner_spaces() {
        let r = runs("  报告编号：2015 06 01 第1页");
        let texts: Vec<(bool, &str, usize)> = r
            .iter()
            .map(|r| (r.latin, r.text.as_str(), r.trailing_spaces))
            .collect();
        assert_eq!(
            texts,
            vec![
                (false, "报告编号：", 0),
                (true, "2015 06 01", 1),
                (false, "第", 0),
                (true, "1", 0),
                (false, "页", 0)
            ]
        );
        assert!(runs("¥12.00")[0].latin);
    }

    #[test]
    fn wrap_counts_ascii_as_half_width() {
        let lines = wrap("一二三四五六七八九十", 4.0);
        assert_eq!(lines, vec!["一二三四", "五六七八", "九十"]);
        let lines = wrap("abcdefgh一二", 4.5);
        assert_eq!(lines, vec!["abcdefgh", "一二"]);
    }
}
