//! The large diagonal "COPY 复印无效" mark that anti-copy paper shows on a photocopy: drawn once
//! per document with pdfium (the generator's CJK font, Helvetica for Latin) as a gray layer of
//! the page raster's size, then multiplied into every page, under the text it crosses.

use std::collections::BTreeSet;

use image::GrayImage;
use pdfium_render::prelude::*;

use super::degrade::Raster;
use crate::synth::draw::runs;
use crate::synth::metrics::{char_width, is_latin};
use crate::synth::subset;
use zhengxin::{Error, Result};

/// What the copier prints across the page.
pub(crate) const COPY_MARK: &str = "COPY 复印无效";

/// How the mark is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MarkStyle {
    /// Counter-clockwise angle of the baseline, degrees.
    pub angle_deg: f32,
    /// Mark width as a share of the page diagonal.
    pub span: f32,
    /// Gray level of the mark's ink (0 black – 255 paper).
    pub level: u8,
}

fn pe(e: PdfiumError) -> Error {
    Error::pdf("scan watermark", e)
}

/// Renders the mark alone on a `w_pt` x `h_pt` page into a `w_px` x `h_px` gray layer
/// (255 where there is no mark).
pub(crate) fn render_layer(
    pdfium: &Pdfium,
    font_path: &std::path::Path,
    (w_pt, h_pt): (f32, f32),
    (w_px, h_px): (u32, u32),
    style: &MarkStyle,
) -> Result<GrayImage> {
    let font = std::fs::read(font_path)
        .map_err(|e| Error::artefact("CJK font", font_path.display().to_string(), e.to_string()))?;
    let used: BTreeSet<char> = COPY_MARK.chars().filter(|c| !is_latin(*c)).collect();
    let subset = subset::subset(&font, &used);
    let mut doc = pdfium.create_new_pdf().map_err(pe)?;
    let cjk = doc
        .fonts_mut()
        .load_true_type_from_bytes(subset.as_deref().unwrap_or(&font), true)
        .map_err(pe)?;
    let helv = doc.fonts_mut().helvetica();
    let size = PdfPagePaperSize::Custom(PdfPoints::new(w_pt), PdfPoints::new(h_pt));
    let mut page = doc.pages_mut().create_page_at_end(size).map_err(pe)?;
    let em: f32 = COPY_MARK.chars().map(|ch| char_width(ch, 1.0)).sum();
    let font_size = style.span * w_pt.hypot(h_pt) / em;
    let total = em * font_size;
    let (s, c) = style.angle_deg.to_radians().sin_cos();
    let mut adv = -total / 2.0;
    // Centred on the page, the baseline a third of the cap height below the centre line.
    let (cx, cy) = (w_pt / 2.0 + 0.35 * font_size * s, h_pt / 2.0 - 0.35 * font_size * c);
    for (latin, run) in runs(COPY_MARK) {
        let f = if latin { helv } else { cjk };
        let mut t = PdfPageTextObject::new(&doc, &run, f, PdfPoints::new(font_size)).map_err(pe)?;
        t.set_fill_color(PdfColor::new(style.level, style.level, style.level, 255))
            .map_err(pe)?;
        t.rotate_counter_clockwise_degrees(style.angle_deg).map_err(pe)?;
        t.translate(PdfPoints::new(cx + adv * c), PdfPoints::new(cy + adv * s))
            .map_err(pe)?;
        page.objects_mut().add_text_object(t).map_err(pe)?;
        adv += run.chars().map(|ch| char_width(ch, font_size)).sum::<f32>();
    }
    let config = PdfRenderConfig::new()
        .set_fixed_size(w_px as i32, h_px as i32)
        .use_grayscale_rendering(true);
    let bitmap = page.render_with_config(&config).map_err(pe)?;
    let image = bitmap.as_image().map_err(pe)?;
    Ok(image.to_luma8())
}

/// Multiplies the layer into the page (both the same size; a mismatch leaves the page as is).
pub(crate) fn apply(raster: &mut Raster, layer: &GrayImage) {
    if layer.dimensions() != (raster.width(), raster.height()) {
        return;
    }
    let c = raster.channels();
    for (px, m) in raster.samples_mut().chunks_exact_mut(c).zip(layer.as_raw()) {
        for s in px {
            *s = ((*s as u32 * *m as u32) / 255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_latin_from_cjk() {
        let r = runs(COPY_MARK);
        assert_eq!(r.first().map(|(l, _)| *l), Some(true));
        assert!(r.iter().any(|(l, s)| !*l && s.contains("复印")));
    }

    #[test]
    fn apply_multiplies() {
        let mut r = Raster::Gray(GrayImage::from_raw(2, 1, vec![200, 255]).unwrap());
        apply(&mut r, &GrayImage::from_raw(2, 1, vec![255, 128]).unwrap());
        let Raster::Gray(g) = r else { unreachable!() };
        assert_eq!(g.as_raw(), &vec![200, 128]);
    }
}
