//! The script the report is printed in, as the recogniser's classes see it.
//!
//! A PBOC report is printed in simplified Chinese. The PP-OCR dictionary is wider (18 708
//! classes, traditional forms among them), and on blurred, low-DPI or high-contrast scans the
//! recogniser picks the traditional form: `額` for `额`, `貸` for `贷`, `費` for `费` (a label
//! then matches nothing and its value is lost). The decoder ([`super::ctc`]) counts a
//! traditional class as its simplified form.
//!
//! Classes of other scripts (kana, hangul) are left alone: masking them turns a junk line of
//! low-confidence kana into a confident Latin letter that the layout then keeps (a page-foot
//! speck read `A` split a repayment grid from its header across a page break).

use std::collections::HashMap;
use std::sync::OnceLock;

/// `T S` pairs: see `scripts/gen_simplified_table.py` for the rule and the source (OpenCC).
const SIMPLIFIED: &str = include_str!("simplified.txt");

/// Traditional or variant character → the simplified character the report prints for it.
fn simplified_map() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        SIMPLIFIED
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .filter_map(|pair| {
                let mut cs = pair.chars();
                match (cs.next(), cs.next(), cs.next()) {
                    (Some(t), Some(s), None) => Some((t, s)),
                    _ => None,
                }
            })
            .collect()
    })
}

/// The simplified character a recogniser class stands for, when the class is a traditional
/// or variant form the report never prints.
pub fn simplified(c: char) -> Option<char> {
    simplified_map().get(&c).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_forms_read_as_simplified() {
        assert_eq!(simplified('額'), Some('额'));
        assert_eq!(simplified('貸'), Some('贷'));
        assert_eq!(simplified('費'), Some('费'));
        assert_eq!(simplified('結'), Some('结'));
        // Simplified characters, and GB2312 characters that are also traditional forms, stay.
        assert_eq!(simplified('额'), None);
        assert_eq!(simplified('乾'), None);
        assert_eq!(simplified('於'), None);
        // Rare characters outside GB2312 that are not traditional forms stay (names).
        assert_eq!(simplified('堃'), None);
        assert_eq!(simplified('A'), None);
    }

    #[test]
    fn the_table_is_whole() {
        // Every entry parsed: a malformed line would silently shrink the map.
        let entries = SIMPLIFIED
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .count();
        assert!(entries > 2000, "{entries}");
        assert_eq!(simplified_map().len(), entries);
    }
}
