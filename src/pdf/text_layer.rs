//! Decides whether a page's text layer can be trusted. CJK fonts embedded without a usable
//! ToUnicode map extract as U+FFFD, private-use or control characters, or as a jumble of
//! unrelated code points; such pages must go to OCR instead.

/// Verdict on one page's text layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayerQuality {
    /// No (or almost no) extractable text: an image-only page.
    Empty,
    /// Text is there but not readable as Chinese/Latin report text.
    Garbled,
    /// Plausible text.
    Usable,
}

/// Fewer visible characters than this and the page counts as having no text layer; a scanned
/// page may still carry a footer or a stray producer mark.
const MIN_VISIBLE_CHARS: usize = 8;
/// Share of characters outside the expected sets above which a page is garbled.
const MAX_BAD_SHARE: f32 = 0.10;

/// Classifies the extracted text of one page.
pub fn assess_text_layer(text: &str) -> TextLayerQuality {
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() < MIN_VISIBLE_CHARS {
        return TextLayerQuality::Empty;
    }
    let bad = visible.iter().filter(|&&c| !is_expected_char(c)).count();
    if bad as f32 / visible.len() as f32 > MAX_BAD_SHARE {
        TextLayerQuality::Garbled
    } else {
        TextLayerQuality::Usable
    }
}

/// Characters a credit report is made of: ASCII printable, CJK ideographs, CJK and
/// full-width punctuation, general punctuation (em dash, quotes, ellipsis), and a few
/// symbols. Everything else (U+FFFD, private use, controls, rare blocks) counts as bad.
fn is_expected_char(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E            // ASCII printable
        | 0x00B7 | 0x00D7      // middle dot, multiplication sign
        | 0x2010..=0x2027      // dashes, quotes, ellipsis
        | 0x2030..=0x203B      // per mille, primes, reference mark
        | 0x2160..=0x217F      // roman numerals
        | 0x2460..=0x24FF      // circled digits
        | 0x25A0..=0x25FF      // geometric shapes (check boxes)
        | 0x3000..=0x303F      // CJK punctuation
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xFF01..=0xFF5E      // full-width forms
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_is_usable() {
        let t = "个人信用报告（本人版）报告编号：201506010000332123 报告时间：2015.06.01 10:05:15 第1页，共19页";
        assert_eq!(assess_text_layer(t), TextLayerQuality::Usable);
    }

    #[test]
    fn blank_or_nearly_blank_page_is_empty() {
        assert_eq!(assess_text_layer(""), TextLayerQuality::Empty);
        assert_eq!(assess_text_layer("  \n 第1页 \n"), TextLayerQuality::Empty);
    }

    #[test]
    fn replacement_and_private_use_characters_are_garbled() {
        let t = "\u{FFFD}\u{FFFD}\u{E001}\u{E002}\u{E003}报告\u{0001}\u{0002}\u{FFFD}\u{FFFD}";
        assert_eq!(assess_text_layer(t), TextLayerQuality::Garbled);
    }
}
