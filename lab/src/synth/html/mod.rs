//! The second, independent rendering route of the generator: the same composed report (blocks,
//! title line, notice box, watermark) written as HTML + CSS and printed to PDF by headless
//! Chromium, which does its own pagination, fonts and table layout. The look (fonts, rulings,
//! padding, header shading, sizes, margins, footer, watermark and logo) is drawn per report
//! from a stream of its own, so the truth is the one `compose` produced for the pdfium route.
//!
//! Like the rest of the generator this never calls the parsers.

mod doc;
mod print;
mod style;
mod table;

pub use doc::{document, TitleBlock};
pub use print::{find_chromium, print_pdf};
pub use style::{Footer, HtmlStyle, LogoStyle, WatermarkStyle};

use super::model::{Rgb, RED};
use super::rng::SplitMix64;

/// The watermark of the Chromium route: the version's text, with tile count, size, angle and
/// strength drawn from `rng`. `personal` = 本人版 (grey notice text), else the 授信机构版's red
/// `姓名提供 时间` line.
pub fn watermark_style(rng: &mut SplitMix64, personal: bool, text: String) -> WatermarkStyle {
    let tiles = if rng.chance(0.3) { 1 } else { 4 };
    let size = if tiles == 1 { 34.0 } else { 24.0 } + rng.below(6) as f32;
    if personal {
        WatermarkStyle {
            text,
            color: Rgb(150, 150, 150),
            alpha: 0.15 + rng.below(15) as f32 / 100.0,
            angle: 25.0 + rng.below(16) as f32,
            size,
            tiles,
        }
    } else {
        WatermarkStyle {
            text,
            color: RED,
            alpha: 0.18 + rng.below(12) as f32 / 100.0,
            angle: 12.0 + rng.below(10) as f32,
            size: size - 4.0,
            tiles,
        }
    }
}

/// `#RRGGBB`
fn css_rgb(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Escapes text for HTML element content.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(css_rgb(RED), "#E02020");
    }

    #[test]
    fn style_is_a_function_of_the_stream() {
        let a = HtmlStyle::draw(&mut SplitMix64::new(5));
        let b = HtmlStyle::draw(&mut SplitMix64::new(5));
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        let fonts: std::collections::BTreeSet<String> = (0..40)
            .map(|s| HtmlStyle::draw(&mut SplitMix64::new(s)).font_family)
            .collect();
        assert!(fonts.len() > 6, "{fonts:?}");
    }
}
