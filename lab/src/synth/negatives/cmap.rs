//! Makes a TrueType CJK font safe for pdfium's text extraction round trip.
//!
//! When pdfium embeds a CID TrueType font it writes a ToUnicode map glyph → code point by
//! walking the font's Unicode cmap, and where several code points share one glyph the last
//! (highest) one wins. DroidSansFallbackFull maps a dozen common ideographs (北, 不, 金, ...)
//! and their CJK *compatibility* twins (U+F963 北, ...) to the same glyph, so text drawn as
//! U+5317 would extract as U+F963, which readers treat as garbage. Removing the compatibility
//! ideograph ranges from the format-12 cmap leaves one code point per glyph. Nothing we draw
//! uses compatibility ideographs, so no glyph we need is lost.

use zhengxin::{Error, Result};

/// Code point ranges removed: CJK Compatibility Ideographs and their supplement.
const DROPPED: [(u32, u32); 2] = [(0xF900, 0xFAFF), (0x2F800, 0x2FA1F)];

fn be_u16(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 2).map(|s| u16::from_be_bytes([s[0], s[1]]) as u32)
}

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn malformed(what: &str) -> Error {
    Error::artefact("CJK font", "(in memory)", format!("malformed TrueType: {what}"))
}

/// A copy of `font` whose format-12 Unicode cmap subtables no longer map the [`DROPPED`]
/// ranges. The table is rewritten in place (it only shrinks), so no other table moves.
pub fn strip_compat_ideographs(font: &[u8]) -> Result<Vec<u8>> {
    let mut out = font.to_vec();
    let num_tables = be_u16(font, 4).ok_or_else(|| malformed("no table directory"))? as usize;
    let cmap = (0..num_tables)
        .map(|i| 12 + 16 * i)
        .find(|&rec| font.get(rec..rec + 4) == Some(b"cmap"))
        .ok_or_else(|| malformed("no cmap table"))?;
    let cmap_off = be_u32(font, cmap + 8).ok_or_else(|| malformed("cmap record"))? as usize;
    let subtables = be_u16(font, cmap_off + 2).ok_or_else(|| malformed("cmap header"))? as usize;
    let mut patched = 0;
    for i in 0..subtables {
        let rec = cmap_off + 4 + 8 * i;
        let sub = cmap_off + be_u32(font, rec + 4).ok_or_else(|| malformed("cmap encoding record"))? as usize;
        if be_u16(font, sub) != Some(12) {
            continue;
        }
        patch_format12(&mut out, sub)?;
        patched += 1;
    }
    if patched == 0 {
        return Err(malformed("no format-12 (full Unicode) cmap subtable"));
    }
    Ok(out)
}

fn patch_format12(font: &mut [u8], sub: usize) -> Result<()> {
    let length = be_u32(font, sub + 4).ok_or_else(|| malformed("cmap12 header"))? as usize;
    let count = be_u32(font, sub + 12).ok_or_else(|| malformed("cmap12 header"))? as usize;
    let mut groups = Vec::with_capacity(count);
    for g in 0..count {
        let at = sub + 16 + 12 * g;
        let (start, end, glyph) = match (be_u32(font, at), be_u32(font, at + 4), be_u32(font, at + 8)) {
            (Some(s), Some(e), Some(gl)) if s <= e => (s, e, gl),
            _ => return Err(malformed("cmap12 group")),
        };
        // Cut each dropped range out of the group, keeping what lies on either side.
        let mut pieces = vec![(start, end, glyph)];
        for (lo, hi) in DROPPED {
            pieces = pieces
                .into_iter()
                .flat_map(|(s, e, gl)| {
                    let mut keep = Vec::new();
                    if s < lo {
                        keep.push((s, e.min(lo - 1), gl));
                    }
                    if e > hi {
                        let from = s.max(hi + 1);
                        keep.push((from, e, gl + (from - s)));
                    }
                    if e < lo || s > hi {
                        keep = vec![(s, e, gl)];
                    }
                    keep
                })
                .collect();
        }
        groups.extend(pieces);
    }
    if groups.len() > count {
        return Err(malformed("cmap12 would grow when removing compatibility ideographs"));
    }
    let new_length = 16 + 12 * groups.len();
    font[sub + 4..sub + 8].copy_from_slice(&(new_length as u32).to_be_bytes());
    font[sub + 12..sub + 16].copy_from_slice(&(groups.len() as u32).to_be_bytes());
    for (g, (s, e, gl)) in groups.iter().enumerate() {
        let at = sub + 16 + 12 * g;
        font[at..at + 4].copy_from_slice(&s.to_be_bytes());
        font[at + 4..at + 8].copy_from_slice(&e.to_be_bytes());
        font[at + 8..at + 12].copy_from_slice(&gl.to_be_bytes());
    }
    // Zero the freed tail so the file carries no stale groups.
    font[sub + new_length..sub + length].fill(0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal font file: table directory with one `cmap` holding one format-12 subtable.
    fn font_with_groups(groups: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        let cmap_off = 12 + 16u32;
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&[0; 4]);
        f.extend_from_slice(&cmap_off.to_be_bytes());
        f.extend_from_slice(&[0; 4]);
        f.extend_from_slice(&[0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12]);
        f.extend_from_slice(&[0, 12, 0, 0]);
        f.extend_from_slice(&(16 + 12 * groups.len() as u32).to_be_bytes());
        f.extend_from_slice(&[0; 4]);
        f.extend_from_slice(&(groups.len() as u32).to_be_bytes());
        for (s, e, g) in groups {
            for v in [s, e, g] {
                f.extend_from_slice(&v.to_be_bytes());
            }
        }
        f
    }

    fn read_groups(f: &[u8]) -> Vec<(u32, u32, u32)> {
        let sub = 12 + 16 + 12;
        let n = be_u32(f, sub + 12).unwrap() as usize;
        (0..n)
            .map(|g| {
                let at = sub + 16 + 12 * g;
                (
                    be_u32(f, at).unwrap(),
                    be_u32(f, at + 4).unwrap(),
                    be_u32(f, at + 8).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn compatibility_ideographs_are_removed_and_the_rest_kept() {
        let font = font_with_groups(&[
            (0x4E00, 0x4E10, 5),
            (0xF900, 0xF900, 100),
            (0xF963, 0xF963, 8),
            (0xFE10, 0xFE19, 200),
        ]);
        let fixed = strip_compat_ideographs(&font).unwrap();
        assert_eq!(fixed.len(), font.len());
        assert_eq!(read_groups(&fixed), vec![(0x4E00, 0x4E10, 5), (0xFE10, 0xFE19, 200)]);
    }

    #[test]
    fn a_group_straddling_the_range_keeps_both_ends() {
        let font = font_with_groups(&[(0xF8F0, 0xFB05, 10), (0x20000, 0x20001, 1), (0x2F800, 0x2F810, 3)]);
        let fixed = strip_compat_ideographs(&font).unwrap();
        assert_eq!(
            read_groups(&fixed),
            vec![
                (0xF8F0, 0xF8FF, 10),
                (0xFB00, 0xFB05, 10 + 0x210),
                (0x20000, 0x20001, 1)
            ]
        );
        // With no removed group to make room, the in-place rewrite cannot hold the split.
        assert!(strip_compat_ideographs(&font_with_groups(&[(0xF8F0, 0xFB05, 10)])).is_err());
    }

    #[test]
    fn fonts_without_a_full_unicode_cmap_are_rejected() {
        assert!(strip_compat_ideographs(b"not a font").is_err());
    }
}
