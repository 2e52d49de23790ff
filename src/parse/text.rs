//! Text normalisation shared by the section parsers.
//!
//! Two forms exist on purpose: a *key* (labels, titles, headings) is folded hard so that the
//! Word-made sample (`最近 6 个月`), real reports and OCR output (`(一)`, `－`) compare equal; a
//! *value* is only cleaned of layout whitespace, because CONVENTIONS.md §1–3 wants values as
//! printed.

use crate::lexicon::sections::is_numeral;
use crate::lexicon::Fold;

/// Canonical form of a label, title or heading ([`Fold::KEY`]): no whitespace, full-width
/// parentheses and colon, one kind of dash, no quotes, full-width digits as ASCII, no trailing
/// colon.
pub(crate) fn key(s: &str) -> String {
    Fold::KEY.apply(s)
}

/// Whether a character is wide (CJK ideograph, CJK or full-width punctuation, general
/// punctuation such as the em dash): spaces next to such characters are layout artefacts of
/// Word-made PDFs (`截至 2015 年 05 月`), never part of a value.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F      // general punctuation: — “ ” …
        | 0x2E80..=0x9FFF    // CJK radicals, punctuation, kana, ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF) // full-width forms
}

/// A value as printed, with layout whitespace removed (CONVENTIONS.md §2): whitespace runs that
/// touch a wide character are dropped, other runs collapse to one ASCII space, ends trimmed.
/// `2015.06.01  10:05:15` keeps its one space; `北京市 35 号` becomes `北京市35号`.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev_wide = out.chars().next_back().is_some_and(is_wide);
            if !prev_wide && !is_wide(c) && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Strips a level-2 numbering prefix `（一）` / `(四)` from a heading key; `None` when the key
/// does not start with one.
pub(crate) fn strip_paren_numeral(k: &str) -> Option<&str> {
    let rest = k.strip_prefix('（')?;
    let close = rest.find('）')?;
    // An empty numeral is accepted: OCR drops it (`（）信贷交易信息提示`).
    let num = &rest[..close];
    if !num.chars().all(is_numeral_char) {
        return None;
    }
    Some(&rest[close + '）'.len_utf8()..])
}

/// Strips a level-1 numbering prefix `三` / `十一` / `三、` from a heading key; `None` when the
/// key does not start with a numeral.
pub(crate) fn strip_numeral(k: &str) -> Option<&str> {
    let end = k
        .char_indices()
        .find(|&(_, c)| !is_numeral_char(c))
        .map_or(k.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let rest = &k[end..];
    Some(rest.trim_start_matches(['、', '.', '．']))
}

/// Chinese numerals as headings print them, plus the dash OCR reads for `一` (a key has every
/// dash folded to `—`).
pub(crate) fn is_numeral_char(c: char) -> bool {
    is_numeral(c) || c == '—'
}

/// Whether `k` is `title` or `title` followed by a parenthesised note, e.g.
/// `信贷交易授信及负债信息概要（未结清/未销户）` or `其他证件信息（证件个数：2）`.
pub(crate) fn title_matches(k: &str, title: &str) -> bool {
    match k.strip_prefix(title) {
        Some("") => true,
        Some(rest) => rest.starts_with('（') && rest.ends_with('）'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_spaces_parens_dashes_and_quotes() {
        assert_eq!(key(" 最近 6 个月平\n均使用额度 "), "最近6个月平均使用额度");
        assert_eq!(key("(一)身份信息"), "（一）身份信息");
        assert_eq!(key("逾期61－90天未还本金"), "逾期61—90天未还本金");
        assert_eq!(key("逾期31-60天"), "逾期31—60天");
        assert_eq!(key("个人信用报告“数字解读”"), "个人信用报告数字解读");
        assert_eq!(key("报告编号:"), "报告编号");
        assert_eq!(key("最近６个月"), "最近6个月");
    }

    #[test]
    fn clean_drops_layout_spaces_and_keeps_value_spaces() {
        assert_eq!(clean(" 截至 2015 年 05 月 25 日 "), "截至2015年05月25日");
        assert_eq!(clean("2015.06.01   10:05:15"), "2015.06.01 10:05:15");
        assert_eq!(clean("2010 年 07 月—2015 年 05 月"), "2010年07月—2015年05月");
        assert_eq!(clean("Room 5  B"), "Room 5 B");
        assert_eq!(clean("按期结息、\n到期还本"), "按期结息、到期还本");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn numbering_prefixes_are_stripped() {
        assert_eq!(strip_paren_numeral("（三）居住信息"), Some("居住信息"));
        assert_eq!(strip_paren_numeral("（本人版）"), None);
        assert_eq!(strip_numeral("十一查询记录"), Some("查询记录"));
        assert_eq!(strip_numeral("三、信贷交易信息明细"), Some("信贷交易信息明细"));
        assert_eq!(strip_numeral("—个人基本信息"), Some("个人基本信息"));
        assert_eq!(strip_numeral("报告说明"), None);
    }

    #[test]
    fn titles_accept_a_parenthesised_note_only() {
        assert!(title_matches("其他证件信息（证件个数：2）", "其他证件信息"));
        assert!(title_matches("其他证件信息", "其他证件信息"));
        assert!(!title_matches("其他证件信息表", "其他证件信息"));
    }
}
