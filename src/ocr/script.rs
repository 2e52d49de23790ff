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

/// `text` with the brackets and double quotes the recogniser reads as ASCII put back in the
/// report's print: it sets Chinese text with full-width `（）` (CONVENTIONS.md 3) and `“”`, and
/// at scan resolution the recogniser cannot tell the widths apart (`组合(含保证)` for
/// `组合（含保证）`, `公司“8YQLEK"` for `公司“8YQLEK”`). An ASCII `"` becomes the closing mark
/// after an open `“`, the opening one before a later closing mark; a lone one stays as read.
/// One character for one, so per-character boxes and scores still line up.
pub fn printed_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut open = false;
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            '(' => '（',
            ')' => '）',
            '“' => {
                open = true;
                c
            }
            '”' => {
                open = false;
                c
            }
            '"' if open => {
                open = false;
                '”'
            }
            '"' if chars[i + 1..].iter().any(|&n| matches!(n, '"' | '”')) => {
                open = true;
                '“'
            }
            c => c,
        };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_quotes_as_the_report_prints_them() {
        assert_eq!(printed_punctuation("组合(含保证)"), "组合（含保证）");
        assert_eq!(printed_punctuation("本人查询(临柜）"), "本人查询（临柜）");
        assert_eq!(printed_punctuation("公司“8YQLEK\""), "公司“8YQLEK”");
        assert_eq!(printed_punctuation("公司\"8YQLEK”"), "公司“8YQLEK”");
        assert_eq!(printed_punctuation("公司\"AB\"与\"CD\""), "公司“AB”与“CD”");
        // A lone ASCII quote tells nothing of its side: left as read.
        assert_eq!(printed_punctuation("公司\"8YQLEK"), "公司\"8YQLEK");
        assert_eq!(printed_punctuation("2015.06.01 10:05:15"), "2015.06.01 10:05:15");
    }

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
