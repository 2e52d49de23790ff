//! Facts about one page's drawing that the document-integrity signals
//! ([`crate::evidence::integrity`]) judge: how much of the page its largest image covers, which
//! font families draw its visible characters, how many visible characters lie over that image,
//! and its text. They are gathered while the first pass reads the page's objects and
//! characters ([`super::content::extract_page_checked`]), so the signals never load a page
//! again: loading every page and its text a second time made them cost more than the parse of
//! a text report.

use std::collections::BTreeMap;

use crate::geom::Rect;

/// Share of the page an image must cover to count as the page's picture (a scan).
pub const PAGE_IMAGE_COVER: f32 = 0.6;

/// Slack, in points, around the page image within which a character counts as over it.
const OVER_IMAGE_SLACK: f32 = 1.0;

/// What the integrity signals need of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// Largest share of the page one image covers.
    pub image_cover: f32,
    /// That image's box, top-left origin, in points.
    pub image_box: Option<Rect>,
    /// Visible characters drawn over the page image (counted only where it covers at least
    /// [`PAGE_IMAGE_COVER`]).
    pub over_image: usize,
    /// Visible characters drawn per font family ([`font_family`]).
    pub fonts: BTreeMap<String, usize>,
    /// The page's characters without whitespace, invisible ones included (section headings).
    pub text: String,
}

impl PageFacts {
    /// Whether the page's largest image covers most of it (a scanned page).
    pub fn has_page_image(&self) -> bool {
        self.image_box.is_some() && self.image_cover >= PAGE_IMAGE_COVER
    }

    /// Records an image object's box (top-left origin) on a page of `area` square points.
    pub(crate) fn see_image(&mut self, rect: Rect, area: f32) {
        let cover = (rect.width() * rect.height()).abs() / area.max(1.0);
        if cover > self.image_cover {
            self.image_cover = cover;
            self.image_box = Some(rect);
        }
    }

    /// Records one non-whitespace character: `visible` when it leaves ink-producing text
    /// (not the invisible layer of a searchable scan), drawn in `font` at `rect`.
    pub(crate) fn see_char(&mut self, ch: char, visible: bool, font: &str, rect: Option<&Rect>) {
        self.text.push(ch);
        if !visible {
            return;
        }
        let family = font_family(font);
        match self.fonts.get_mut(family) {
            Some(n) => *n += 1,
            None => {
                self.fonts.insert(family.to_string(), 1);
            }
        }
        let image = self.image_box.filter(|_| self.has_page_image());
        if let (Some(r), Some(img)) = (rect, image) {
            let s = OVER_IMAGE_SLACK;
            if r.x0 >= img.x0 - s && r.x1 <= img.x1 + s && r.y0 >= img.y0 - s && r.y1 <= img.y1 + s {
                self.over_image += 1;
            }
        }
    }
}

/// A font's family: `ABCDEF+SourceHanSerifCN-Regular` → `SourceHanSerifCN`, `SimSun,Bold` →
/// `SimSun`. Styles are dropped because a report legitimately sets a few bold digits on some
/// pages only (Chromium prints a heading's Latin characters in the bold face of the family).
pub fn font_family(raw: &str) -> &str {
    let name = match raw.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => raw,
    };
    name.split(['-', ',']).next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_families_drop_subset_tags_and_styles() {
        assert_eq!(font_family("ABCDEF+SourceHanSerifCN-Regular"), "SourceHanSerifCN");
        assert_eq!(font_family("SimSun,Bold"), "SimSun");
        assert_eq!(font_family("Helvetica"), "Helvetica");
        assert_eq!(font_family("Times-Roman"), "Times");
        assert_eq!(font_family(""), "");
    }

    #[test]
    fn characters_count_over_a_page_image_only() {
        let mut f = PageFacts::default();
        // A small image (a logo) is no page image: nothing counts as over it.
        f.see_image(Rect::new(0.0, 0.0, 10.0, 10.0), 10_000.0);
        f.see_char('1', true, "F", Some(&Rect::new(1.0, 1.0, 5.0, 5.0)));
        assert_eq!(f.over_image, 0);
        f.see_image(Rect::new(0.0, 0.0, 100.0, 100.0), 10_000.0);
        assert!(f.has_page_image());
        f.see_char('2', true, "ABCDEF+F-Bold", Some(&Rect::new(1.0, 1.0, 5.0, 5.0)));
        // Invisible text (a searchable scan's OCR layer) is text, but neither font nor ink.
        f.see_char('3', false, "G", Some(&Rect::new(1.0, 1.0, 5.0, 5.0)));
        f.see_char('4', true, "F", Some(&Rect::new(99.0, 99.0, 102.0, 102.0)));
        assert_eq!(f.over_image, 1);
        assert_eq!(f.fonts.get("F"), Some(&3));
        assert!(!f.fonts.contains_key("G"));
        assert_eq!(f.text, "1234");
    }
}
