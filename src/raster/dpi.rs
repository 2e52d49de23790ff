//! Render resolution for an image-only page, chosen from the resolution of the scan embedded
//! in it: rendering a 150-DPI scan at 600 DPI only multiplies OCR cost (the detail is not
//! there), while rendering a 400-DPI scan at 100 DPI destroys small print.

use pdfium_render::prelude::*;

/// Never render below this: 9-pt report text is ~19 px high at 150 DPI, about the least the
/// 48-px-high recogniser input tolerates without inventing strokes.
pub const MIN_DPI: f32 = 150.0;
/// Never render above this: beyond 300 DPI the recogniser gains nothing and memory grows.
pub const MAX_DPI: f32 = 300.0;
/// Used when the page has no embedded image (vector page with a garbled text layer).
pub const VECTOR_DPI: f32 = 200.0;

/// The effective resolution of the largest image on the page, if there is one.
pub fn embedded_image_dpi(page: &PdfPage<'_>) -> Option<f32> {
    let mut best: Option<(f32, f32)> = None; // (area in pt², dpi)
    for obj in page.objects().iter() {
        if let PdfPageObject::Image(img) = &obj {
            let (Ok(px_w), Ok(b)) = (img.width(), obj.bounds()) else {
                continue;
            };
            let w_pt = (b.right().value - b.left().value).abs();
            let h_pt = (b.top().value - b.bottom().value).abs();
            if w_pt < 1.0 || px_w <= 0 {
                continue;
            }
            // A page-sized scan may be placed rotated; the longer sides correspond then.
            let px_h = img.height().unwrap_or(px_w) as f32;
            let (long_px, long_pt) = ((px_w as f32).max(px_h), w_pt.max(h_pt));
            let dpi = long_px / (long_pt / 72.0);
            let area = w_pt * h_pt;
            if best.is_none_or(|(a, _)| area > a) {
                best = Some((area, dpi));
            }
        }
    }
    best.map(|(_, dpi)| dpi)
}

/// The DPI to render an image-only page at, at most `max_dpi`.
pub fn choose_dpi(page: &PdfPage<'_>, max_dpi: f32) -> f32 {
    clamp_dpi(embedded_image_dpi(page), max_dpi)
}

/// Clamps a measured scan resolution into the useful band, capped at `max_dpi` (itself kept
/// within [`MIN_DPI`, `MAX_DPI`]; pure, for tests).
pub fn clamp_dpi(measured: Option<f32>, max_dpi: f32) -> f32 {
    let max = max_dpi.clamp(MIN_DPI, MAX_DPI);
    match measured {
        Some(d) if d.is_finite() && d > 0.0 => d.clamp(MIN_DPI, max),
        _ => VECTOR_DPI.min(max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpi_follows_the_scan_within_bounds() {
        assert_eq!(clamp_dpi(Some(150.0), MAX_DPI), 150.0);
        assert_eq!(clamp_dpi(Some(200.0), MAX_DPI), 200.0);
        assert_eq!(clamp_dpi(Some(600.0), MAX_DPI), 300.0);
        assert_eq!(clamp_dpi(Some(72.0), MAX_DPI), 150.0);
        assert_eq!(clamp_dpi(None, MAX_DPI), 200.0);
        assert_eq!(clamp_dpi(Some(f32::NAN), MAX_DPI), 200.0);
    }

    #[test]
    fn a_lower_cap_shrinks_only_finer_scans() {
        assert_eq!(clamp_dpi(Some(300.0), 200.0), 200.0);
        assert_eq!(clamp_dpi(Some(240.0), 200.0), 200.0);
        assert_eq!(clamp_dpi(Some(150.0), 200.0), 150.0);
        assert_eq!(clamp_dpi(None, 180.0), 180.0);
        // The cap itself stays in the useful band.
        assert_eq!(clamp_dpi(Some(300.0), 100.0), MIN_DPI);
        assert_eq!(clamp_dpi(Some(600.0), 900.0), MAX_DPI);
    }
}
