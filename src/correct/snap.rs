//! Snapping OCR text to a closed vocabulary, only when the answer is unambiguous.
//!
//! A text snaps to an entry when (a) it already is the entry up to layout variants (folded
//! form), (b) the §15 confusion pairs turn it into the entry, or (c) exactly one entry lies
//! within a small edit distance (1 for entries of 3–5 characters, 2 from 6 characters, by
//! substitutions; short entries never match fuzzily) and no other entry does, not even by an
//! insertion or deletion. Anything else is left as read: a
//! guess between two labels would put a value under the wrong key, which is worse than a miss.

use crate::lexicon::confusions::{self, digit_of};
use crate::lexicon::labels::{standalone_lines, CAPTION_NOTES, CAPTION_WORDS};
use crate::lexicon::sections::{self, level1_titles, level2_titles, unnumbered_titles};
use crate::lexicon::{fuzzy, Fold};

/// The comparison form of correction ([`Fold::MATCH`]): printed variants that the parsers
/// treat alike must not count as OCR errors.
pub fn fold(s: &str) -> String {
    Fold::MATCH.apply(s)
}

/// Edit distance an entry of `len` characters tolerates.
fn tolerance(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Looser form under which two entries count as the same word: the code table's `，` and the
/// sample's `、` (`按期结息，到期还本` / `按期结息、到期还本`) are one value printed two ways.
fn loose(s: &str) -> String {
    s.chars()
        .map(|c| if matches!(c, '，' | ',' | '、') { '、' } else { c })
        .collect()
}

/// The vocabulary entry `text` stands for, or `None` when no entry or more than one fits.
/// Returns the entry as printed in the vocabulary (which may equal `text` up to folding).
/// This is the label rule: edit distance 1 for entries of 3–5 characters, 2 from 6, by
/// substitutions only; an entry within that distance by an insertion or deletion blocks.
pub fn snap_to_vocab(text: &str, vocab: &[&'static str]) -> Option<&'static str> {
    snap_with(text, vocab, Mode::Label)
}

/// Like [`snap_to_vocab`], for a *value* of a code table (账户状态, 业务种类 …). Code tables are
/// not exhaustive and a real value missing from one often differs from a listed one by a
/// character or two (`个人住房贷款` / `个人消费贷款`), so the tolerance is tighter: 1 substitution,
/// 2 from ten characters.
pub fn snap_code_value(text: &str, vocab: &[&'static str]) -> Option<&'static str> {
    snap_with(text, vocab, Mode::Value)
}

#[derive(Clone, Copy)]
enum Mode {
    Label,
    Value,
}

fn snap_with(text: &str, vocab: &[&'static str], mode: Mode) -> Option<&'static str> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    if let Some(e) = vocab.iter().find(|e| fold(e) == t) {
        return Some(e);
    }
    // Confusion pairs: every pair that occurs is replaced; the result must be an entry.
    if let Some(replaced) = confusions::repaired(&t) {
        if let Some(e) = vocab.iter().find(|e| fold(e) == replaced) {
            return Some(e);
        }
    }
    let t_len = t.chars().count();
    let mut hits: Vec<(&'static str, usize)> = Vec::new();
    for e in vocab {
        let f = fold(e);
        let f_len = f.chars().count();
        let tol = match mode {
            Mode::Label => tolerance(f_len),
            Mode::Value => value_tolerance(f_len),
        };
        if tol == 0 || t_len < 3 || t_len.abs_diff(f_len) > tol {
            continue;
        }
        if let Some(d) = fuzzy::within_counted(&t, t_len, &f, f_len, tol) {
            // Only substitutions correct: a text shorter or longer than the entry is a fragment
            // (a header cut at its line wrap, `最近一次还款日` + `期` on the next row) or another
            // word (非金融信用交易信息 / …汇总). Such a near entry makes the text ambiguous.
            if f_len != t_len {
                return None;
            }
            hits.push((e, d));
        }
    }
    match hits.as_slice() {
        [(e, _)] => Some(e),
        [] => None,
        many => {
            // Several entries: acceptable only when they are spellings of one value; then the
            // nearest one (unique) keeps the punctuation that was read.
            let key = loose(&fold(many[0].0));
            if many.iter().any(|(e, _)| loose(&fold(e)) != key) {
                return None;
            }
            let best = many.iter().map(|(_, d)| *d).min()?;
            let mut nearest = many.iter().filter(|(_, d)| *d == best);
            match (nearest.next(), nearest.next()) {
                (Some((e, _)), None) => Some(e),
                _ => None,
            }
        }
    }
}

/// Substitutions a code value of `len` characters tolerates.
fn value_tolerance(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=9 => 1,
        _ => 2,
    }
}

/// `text` corrected to `entry` when they differ beyond layout variants; `None` when `text`
/// already reads as `entry` (so printed punctuation and spacing are kept).
pub fn replacement(text: &str, entry: &str) -> Option<String> {
    (fold(text) != fold(entry)).then(|| entry.to_string())
}

/// Snaps `text` and returns the corrected text only when it changes.
pub fn snap_change(text: &str, vocab: &[&'static str]) -> Option<String> {
    snap_to_vocab(text, vocab).and_then(|e| replacement(text, e))
}

/// Chinese numerals as headings print them, plus the dash OCR reads for `一` (the parsers
/// accept it as a numeral, so it must be kept as one, not dropped as noise).
fn is_l1_numeral(c: char) -> bool {
    sections::is_numeral(c) || matches!(c, '—' | '-')
}

/// Splits `（三）` / `(三)` off a level-2 heading: (prefix, rest).
fn split_l2_numeral(text: &str) -> Option<(&str, &str)> {
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let body = &text[open.len_utf8()..];
    let close = body.find(['）', ')'])?;
    let num = &body[..close];
    if num.is_empty() || !num.chars().all(is_l1_numeral) {
        return None;
    }
    let close_len = body[close..].chars().next().map_or(1, char::len_utf8);
    let cut = open.len_utf8() + close + close_len;
    Some((&text[..cut], &text[cut..]))
}

/// Splits `三 ` / `十一、` off a level-1 heading: (prefix, rest).
fn split_l1_numeral(text: &str) -> Option<(&str, &str)> {
    let end = text
        .char_indices()
        .find(|&(_, c)| !is_l1_numeral(c))
        .map_or(text.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let after = text[end..].trim_start_matches([' ', '\u{3000}', '、', '.', '．']);
    let cut = text.len() - after.len();
    Some((&text[..cut], after))
}

/// Snaps a title that may carry a parenthesised note (`信贷交易授信及负债信息概要（未结清/未销户）`):
/// the whole text first, then the part before each `（` with the note kept as read.
fn snap_title_with_note(rest: &str, vocab: &[&'static str]) -> Option<String> {
    if let Some(e) = snap_to_vocab(rest, vocab) {
        return replacement(rest, e);
    }
    for (i, _) in rest.char_indices().filter(|&(i, c)| i > 0 && matches!(c, '（' | '(')) {
        if let Some(e) = snap_to_vocab(&rest[..i], vocab) {
            return replacement(&rest[..i], e).map(|fixed| format!("{fixed}{}", &rest[i..]));
        }
    }
    None
}

/// Corrects a heading line: the numeral is kept as read, the title snaps to the level-2 or
/// level-1 vocabulary. A line without a numeral only snaps to the stand-alone lines and the
/// unnumbered level-1 titles: snapping `—个人基本信息` whole would drop the numeral the parsers
/// need. `None` when nothing changes or nothing fits.
pub fn snap_heading(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some((prefix, rest)) = split_l2_numeral(text) {
        return snap_title_with_note(rest, level2_titles()).map(|t| format!("{prefix}{t}"));
    }
    if let Some((prefix, rest)) = split_l1_numeral(text) {
        if let Some(t) = snap_title_with_note(rest, level1_titles()) {
            return Some(format!("{prefix}{t}"));
        }
    }
    snap_change(text, standalone_lines()).or_else(|| snap_change(text, unnumbered_titles()))
}

/// Corrects an account caption `账户3（授信协议标识：ICBC…）（卡片尾号：1365）`: the caption word
/// and the labels inside parentheses snap, and the caption number is read through the digit
/// confusions (`账户1O` → `账户10`: long sub-sections reach two-digit numbers, and a number that
/// does not read as one loses the record boundary). Identifiers inside the notes stay as read.
/// `None` when the text is not caption-shaped or nothing changes.
pub fn snap_caption(text: &str) -> Option<String> {
    // The caption word is Chinese; the number (digits or their look-alike letters) or a note
    // in parentheses starts at the first character that is not.
    let digits_at = text.find(|c: char| c.is_ascii_alphanumeric() || digit_of(c).is_some() || c == '（' || c == '(');
    let (word, tail) = match digits_at {
        Some(i) if i > 0 => text.split_at(i),
        _ => (text, ""),
    };
    // A caption is a caption word, then a number and/or notes in parentheses, nothing else.
    let num_end = tail.find(|c: char| digit_of(c).is_none()).unwrap_or(tail.len());
    let (number, notes) = tail.split_at(num_end);
    let real_digits = number
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if !(notes.is_empty() || notes.starts_with(['（', '('])) || (num_end == 0 && notes.is_empty()) {
        return None;
    }
    // A number with no digit read as one (`账户O`) is not taken for a number misread.
    if !number.is_empty() && real_digits == 0 {
        return None;
    }
    let word_entry = snap_to_vocab(word, CAPTION_WORDS)?;
    let mut out = String::with_capacity(text.len());
    out.push_str(word_entry);
    out.extend(number.chars().filter_map(digit_of));
    out.push_str(&snap_notes(notes));
    (out != text).then_some(out)
}

/// Snaps the labels of `（label：value）` / `（label）` groups; values stay as read.
fn snap_notes(notes: &str) -> String {
    let mut out = String::with_capacity(notes.len());
    let mut rest = notes;
    while let Some(open) = rest.find(['（', '(']) {
        let open_len = rest[open..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&rest[..open + open_len]);
        rest = &rest[open + open_len..];
        let close = rest.find(['）', ')']).unwrap_or(rest.len());
        let inner = &rest[..close];
        match inner.find(['：', ':']) {
            Some(colon) => {
                let label = &inner[..colon];
                out.push_str(&snap_change(label, CAPTION_NOTES).unwrap_or_else(|| label.to_string()));
                out.push_str(&inner[colon..]);
            }
            None => out.push_str(&snap_change(inner, CAPTION_NOTES).unwrap_or_else(|| inner.to_string())),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::codes::{ACCOUNT_STATES, CURRENCIES, QUERY_REASONS, REPAY_METHODS};
    use crate::lexicon::labels::column_labels;

    #[test]
    fn snap_table() {
        // (text, vocabulary, expected entry)
        let cases: &[(&str, &[&'static str], Option<&str>)] = &[
            ("结清", ACCOUNT_STATES, Some("结清")),
            ("结消", ACCOUNT_STATES, Some("结清")),
            ("营理机构", column_labels(), Some("管理机构")),
            ("账户师种", column_labels(), Some("账户币种")),
            ("账户授信舰度", column_labels(), Some("账户授信额度")),
            ("账户授信概度", column_labels(), Some("账户授信额度")),
            // a header cut at its line wrap is a fragment, not a misreading
            ("最近一次还款日", column_labels(), None),
            ("货后管理", QUERY_REASONS, Some("贷后管理")),
            ("资款审批", QUERY_REASONS, Some("贷款审批")),
            ("被瓷询者姓名", column_labels(), Some("被查询者姓名")),
            // one substitution in a 4-character label, no other label near
            ("开立日明", column_labels(), Some("开立日期")),
            // folded equal: dash and spacing variants are not errors
            ("逾期 61－90 天未还本金", column_labels(), Some("逾期61—90天未还本金")),
            // ambiguous: one edit from both 逾期31—60… and 逾期61—90…
            ("逾期31—90天未还本金", column_labels(), None),
            // two-character entries never match fuzzily
            ("余颜", column_labels(), None),
            ("正帝", ACCOUNT_STATES, None),
            // free text is not near any label
            ("工商银行北京分行", column_labels(), None),
            ("张十五", column_labels(), None),
            ("北京市朝阳区春晓园北区7号楼C522室", column_labels(), None),
            ("人民市", CURRENCIES, Some("人民币")),
            // one edit from 人民币 and from 人民币元: ambiguous
            ("人民币兀", CURRENCIES, None),
            // two spellings of one value: the nearer one keeps the comma that was read
            ("按期结息，到期还木", REPAY_METHODS, Some("按期结息，到期还本")),
            ("", column_labels(), None),
        ];
        for (text, vocab, want) in cases {
            assert_eq!(snap_to_vocab(text, vocab), *want, "{text}");
        }
    }

    #[test]
    fn code_values_snap_on_substitutions_only() {
        use crate::lexicon::codes::BUSINESS_KINDS;
        let cases: &[(&str, Option<&str>)] = &[
            ("个人商业住房货款", Some("个人商业住房贷款")),
            ("分期等额本全", None), // not in BUSINESS_KINDS
            ("个人汽车消费货欵", None),
            ("个人汽车消费贷欵", Some("个人汽车消费贷款")),
            // two substitutions in six characters would be a guess (个人住房贷款 → 个人消费贷款)
            ("个人住房货款", None),
            ("个人住房贷款", None),
            ("个人消费贷欵", Some("个人消费贷款")),
        ];
        for (text, want) in cases {
            assert_eq!(snap_code_value(text, BUSINESS_KINDS), *want, "{text}");
        }
        assert_eq!(snap_code_value("分朝等额本金", REPAY_METHODS), Some("分期等额本金"));
        // one substitution from both 分期等额本金 and 分期等额本息
        assert_eq!(snap_code_value("分期等额本全", REPAY_METHODS), None);
        // an entry one insertion away (人民币) makes 人民币兀 ambiguous
        assert_eq!(snap_code_value("人民币兀", CURRENCIES), None);
        assert_eq!(snap_code_value("人民市", CURRENCIES), Some("人民币"));
        assert_eq!(snap_code_value("结消", ACCOUNT_STATES), Some("结清"));
    }

    #[test]
    fn snap_change_only_reports_real_changes() {
        assert_eq!(snap_change("结消", ACCOUNT_STATES), Some("结清".to_string()));
        assert_eq!(snap_change("结清", ACCOUNT_STATES), None);
        assert_eq!(snap_change("逾期61－90天未还本金", column_labels()), None);
    }

    #[test]
    fn headings_keep_numerals_and_notes() {
        let cases: &[(&str, Option<&str>)] = &[
            ("一 个人基本信悤", Some("一 个人基本信息")),
            // one edit from 信贷交易信息明细 and two from 非信贷交易信息明细: ambiguous, left as read
            ("三 信贷交易信息明绌", None),
            (
                "（三）信贷交易授信及负债信息慨要（未结清/未销户）",
                Some("（三）信贷交易授信及负债信息概要（未结清/未销户）"),
            ),
            ("(二)配偶信悤", Some("(二)配偶信息")),
            ("十一查询记彔", Some("十一查询记录")),
            ("—个人基本信悤", Some("—个人基本信息")),
            ("—个人基本信息", None),
            // a title without its numeral is not a heading: not snapped
            ("身份信悤", None),
            ("（一）身份信息", None),
            ("报告说朋", Some("报告说明")),
            ("有相关还款责任的个人借款", None),
            ("1. 本报告由中国人民银行征信中心出具", None),
        ];
        for (text, want) in cases {
            assert_eq!(snap_heading(text).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn captions_fix_labels_not_identifiers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("账户3（授信协议标识：ICBCZH121211）", None),
            (
                "账户3（授信协议标汉：ICBCZH121211）",
                Some("账户3（授信协议标识：ICBCZH121211）"),
            ),
            ("账户12（卡片尾亏：1365）", Some("账户12（卡片尾号：1365）")),
            ("授信协义2", Some("授信协议2")),
            ("账户（其他机构转人）", Some("账户（其他机构转入）")),
            // identifiers inside the note are never touched
            ("账户1（授信协议标识：ICBCZHl2l2ll）", None),
            ("账户说明文字", None),
            // two-digit numbers through the digit confusions, notes kept
            ("账户1O（授信协议标识：ICBC01）", Some("账户10（授信协议标识：ICBC01）")),
            ("账户l2", Some("账户12")),
            ("账户１１（卡片尾号：1365）", Some("账户11（卡片尾号：1365）")),
            // no digit at all: not a number misread
            ("账户O", None),
            ("账户12（授信协议标识：ICBCZH121211）", None),
        ];
        for (text, want) in cases {
            assert_eq!(snap_caption(text).as_deref(), *want, "{text}");
        }
    }
}
