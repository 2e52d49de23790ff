//! One character as read from the text layer, and the watermark test. Pure data, so the
//! rules can be tested without a PDF.

use crate::geom::Rect;

/// A visible character in page space (top-left origin).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character (never whitespace).
    pub ch: char,
    /// Loose box: the full em box, so neighbouring glyphs of a word touch.
    pub rect: Rect,
    /// Font size in points.
    pub font_size: f32,
    /// Drawn bold (fill+stroke render mode, a bold weight, or a bold font name).
    pub bold: bool,
    /// Fill colour 0xRRGGBB.
    pub color: u32,
    /// Fill alpha, 0..=255.
    pub alpha: u8,
    /// Rotation of the glyph in degrees, counter-clockwise.
    pub angle: f32,
    /// A space character (drawn, or inserted by pdfium for a word gap) came right before this
    /// glyph in the text layer.
    pub space_before: bool,
}

/// What makes text a watermark rather than report content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WatermarkRules {
    /// Glyphs rotated by more than this (degrees, either way) are watermark: report text is
    /// upright, watermarks are diagonal.
    pub max_angle: f32,
    /// Glyphs more transparent than this alpha are watermark.
    pub min_alpha: u8,
    /// Glyphs whose darkest channel is at least this are too light to be content (light grey,
    /// white).
    pub light_channel: u8,
    /// Glyphs larger than this many times the page's median font size, and larger than
    /// `huge_min_size`, are watermark.
    pub huge_factor: f32,
    /// See `huge_factor`; the report title is 15–18 pt.
    pub huge_min_size: f32,
}

impl Default for WatermarkRules {
    fn default() -> Self {
        Self {
            max_angle: 1.5,
            min_alpha: 128,
            light_channel: 0xB4,
            huge_factor: 2.5,
            huge_min_size: 28.0,
        }
    }
}

/// Drops watermark glyphs (rotated, transparent, light or huge).
pub fn drop_watermark(glyphs: &mut Vec<Glyph>, rules: &WatermarkRules) {
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.font_size).collect();
    sizes.sort_by(f32::total_cmp);
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    let huge = (median * rules.huge_factor).max(rules.huge_min_size);
    glyphs.retain(|g| {
        let angle = g.angle.rem_euclid(360.0);
        let tilted = angle.min(360.0 - angle) > rules.max_angle;
        let darkest = [(g.color >> 16) as u8, (g.color >> 8) as u8, g.color as u8]
            .into_iter()
            .min()
            .unwrap_or(0);
        !(tilted || g.alpha < rules.min_alpha || darkest >= rules.light_channel || g.font_size > huge)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, size: f32, color: u32, alpha: u8, angle: f32) -> Glyph {
        Glyph {
            ch,
            rect: Rect::new(0.0, 0.0, size, size),
            font_size: size,
            bold: false,
            color,
            alpha,
            angle,
            space_before: false,
        }
    }

    #[test]
    fn rotated_light_transparent_and_huge_glyphs_are_dropped() {
        let mut v = vec![
            g('报', 9.0, 0x000000, 255, 0.0),
            g('告', 9.0, 0xFC4642, 255, 0.0),  // red content text stays
            g('题', 18.0, 0x000000, 255, 0.0), // the title stays
            g('本', 30.0, 0xFF0000, 77, 15.0), // bank watermark: rotated, alpha 0.3
            g('仅', 9.0, 0x000000, 255, 35.0), // rotated
            g('供', 9.0, 0xC8C8C8, 255, 0.0),  // light grey
            g('您', 9.0, 0x000000, 60, 0.0),   // transparent
            g('了', 60.0, 0x000000, 255, 0.0), // huge
            g('解', 9.0, 0x000000, 255, 359.5),
        ];
        drop_watermark(&mut v, &WatermarkRules::default());
        let kept: String = v.iter().map(|g| g.ch).collect();
        assert_eq!(kept, "报告题解");
    }
}
