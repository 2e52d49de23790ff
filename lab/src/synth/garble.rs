//! Garbled-text variants of text-layer PDFs: the same file, drawn exactly the same, but with a
//! text layer that no longer decodes to the report's characters — as real PDFs whose CJK fonts
//! are embedded without a usable Unicode map.
//!
//! The rewrite is a same-length byte edit of the font dictionaries' `/ToUnicode` key to a key
//! no reader knows (`/NoUnicode`), so every xref offset stays valid and the page content is
//! untouched. A font whose only route to Unicode was that map (an embedded CID font with
//! Identity-H encoding: the generator's CJK font, and every font a Chromium/Skia PDF embeds)
//! then extracts as undecodable codes; a simple font with a standard encoding (the generator's
//! built-in Helvetica) still decodes through its encoding.
//!
//! Object streams (compressed dictionaries) are not opened: a PDF whose fonts sit in one is
//! reported as having nothing to garble rather than silently returned unchanged.

use zhengxin::{Error, Result};

/// The key that maps a font's character codes to Unicode.
const TO_UNICODE: &[u8] = b"/ToUnicode";
/// Its replacement: same length, unknown to every reader, so the map is ignored.
const DISABLED: &[u8] = b"/NoUnicode";

/// Returns `pdf` with every `/ToUnicode` key disabled, and how many were.
pub fn disable_unicode_maps(pdf: &[u8]) -> (Vec<u8>, usize) {
    debug_assert_eq!(TO_UNICODE.len(), DISABLED.len());
    let mut out = pdf.to_vec();
    let mut count = 0;
    let mut i = 0;
    while let Some(pos) = find_from(&out, TO_UNICODE, i) {
        // A key, not a longer name that merely starts the same (`/ToUnicodeX`).
        let next = out.get(pos + TO_UNICODE.len()).copied();
        if next.is_none_or(is_name_end) {
            out[pos..pos + DISABLED.len()].copy_from_slice(DISABLED);
            count += 1;
        }
        i = pos + TO_UNICODE.len();
    }
    (out, count)
}

/// The garbled variant of a text-layer PDF; an error if it has no Unicode map to disable
/// (the variant would not be garbled at all).
pub fn garble(pdf: &[u8]) -> Result<Vec<u8>> {
    match disable_unicode_maps(pdf) {
        (_, 0) => Err(Error::internal(
            "garbled variant: the PDF has no /ToUnicode map in an uncompressed font dictionary",
        )),
        (out, _) => Ok(out),
    }
}

/// PDF delimiters and whitespace end a name.
fn is_name_end(b: u8) -> bool {
    b.is_ascii_whitespace() || b"/<>[]()%{}".contains(&b) || b == 0
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_to_unicode_keys_are_disabled_and_length_is_kept() {
        let pdf = b"1 0 obj<</Type/Font/ToUnicode 5 0 R>>endobj 2 0 obj<</ToUnicode\n6 0 R/ToUnicodeX 1>>";
        let (out, n) = disable_unicode_maps(pdf);
        assert_eq!(n, 2);
        assert_eq!(out.len(), pdf.len());
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s.matches("/NoUnicode").count(), 2);
        assert!(s.contains("/ToUnicodeX 1"));
    }

    #[test]
    fn a_pdf_without_maps_is_an_error() {
        assert!(garble(b"%PDF-1.7 1 0 obj<</Type/Font/BaseFont/Helvetica>>").is_err());
    }
}
