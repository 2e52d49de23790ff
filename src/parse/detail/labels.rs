//! Printed labels of 三 信贷交易信息明细 and the text normalisation used to compare them.
//!
//! Labels are compared in a canonical form (no whitespace, one kind of dash) so that Word-made
//! PDFs (`逾期 31—60 天`), real reports (`逾期31－90天`) and OCR output read alike. Values are never
//! canonicalised: they are returned as printed.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Every header label this section prints, in canonical form. A table row is read as a header
/// row when at least half of its non-empty cells are in this list (see `rows::header_cells`).
const KNOWN_LABELS: &[&str] = &[
    // basic-info forms (all account types, 被追偿, 相关还款责任, 授信协议)
    "管理机构",
    "发卡机构",
    "账户标识",
    "开立日期",
    "到期日期",
    "借款金额",
    "账户授信额度",
    "共享授信额度",
    "账户币种",
    "币种",
    "业务种类",
    "担保方式",
    "还款期数",
    "还款频率",
    "还款方式",
    "共同借款标志",
    "债权接收日期",
    "原债权人",
    "原债务业务种类",
    "债权金额",
    "债权转移时的还款状态",
    "责任人类型",
    "还款责任金额",
    "保证合同编号",
    "主业务借款人",
    "主业务借款人证件类型",
    "主业务借款人证件号码",
    "授信协议标识",
    "生效日期",
    "授信额度用途",
    "授信额度",
    "授信限额",
    "授信限额编号",
    // status sub-tables
    "账户状态",
    "五级分类",
    "余额",
    "剩余还款期数",
    "本月应还款",
    "应还款日",
    "本月实还款",
    "最近一次还款日期",
    "当前逾期期数",
    "当前逾期总额",
    "逾期31-60天未还本金",
    "逾期61-90天未还本金",
    "逾期91-180天未还本金",
    "逾期180天以上未还本金",
    "账户关闭日期",
    "转出月份",
    "已用额度",
    "未出单的大额专项分期余额",
    "剩余分期期数",
    "最近6个月平均使用额度",
    "最大使用额度",
    "账单日",
    "销户日期",
    "透支余额",
    "最近6个月平均透支余额",
    "最大透支余额",
    "透支180天以上未付余额",
    "还款状态",
    "逾期月数",
    // 最新还款记录
    "还款日期",
    "还款金额",
    "当前还款状态",
    // 大额专项分期信息
    "大额专项分期额度",
    "分期额度生效日期",
    "分期额度到期日期",
    "已用分期金额",
    "已用分期额度",
    // 特殊交易
    "特殊交易类型",
    "发生日期",
    "变更月数",
    "发生金额",
    "明细记录",
    // remark tables
    "机构说明",
    "本人声明",
    "异议标注",
    "特殊标注",
    "征信中心说明",
    "添加日期",
];

/// Variant spellings mapped to the canonical label: other renderings (S3 prints `关闭日期`) and
/// the OCR confusions catalogued in report_layout.md §15.
const ALIASES: &[(&str, &str)] = &[
    ("关闭日期", "账户关闭日期"),
    ("营理机构", "管理机构"),
    ("账户师种", "账户币种"),
    ("账户授信舰度", "账户授信额度"),
    ("账户授信概度", "账户授信额度"),
];

/// Remark tables (`| 机构说明 | 添加日期 |` …): the label that names the remark kind.
pub(crate) const REMARK_KINDS: &[&str] = &["机构说明", "本人声明", "异议标注", "特殊标注", "征信中心说明"];

/// Text with all whitespace removed. Used for anchors (`截至 2015 年 05 月` → `截至2015年05月`).
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Canonical form of a label: whitespace removed, dash variants (— － – ‐ ‑ ― -) unified to `-`,
/// aliases resolved.
pub(crate) fn canon(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2014}' | '\u{FF0D}' | '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{2015}' | '\u{2212}' => '-',
            other => other,
        })
        .collect();
    if let Some((_, canonical)) = ALIASES.iter().find(|(variant, _)| *variant == s) {
        return (*canonical).to_string();
    }
    if is_known(&s) {
        return s;
    }
    match known_of_length(s.chars().count()).and_then(|same| single_substitution(&s, same)) {
        Some(known) => {
            tracing::debug!(label = known, "label read with one misrecognised character");
            known.to_string()
        }
        None => s,
    }
}

/// The candidate equal to `text`, else the single candidate that `text` matches with exactly one
/// character substituted, for OCR misreadings (`营理机构`, `账户师种`, report_layout.md §15).
/// Only texts of four or more characters qualify, and only a unique match counts: `X款金额` could
/// be 借款金额 or 还款金额 and stays unresolved. Insertions and deletions are not tried, so a label
/// cut by a page break (`逾期91-180天未还本`) is not mistaken for a whole one.
pub(crate) fn one_substitution_from(text: &str, candidates: &[&'static str]) -> Option<&'static str> {
    if let Some(exact) = candidates.iter().find(|c| **c == text) {
        return Some(exact);
    }
    single_substitution(text, candidates)
}

/// The single candidate that `text` (four or more characters) matches with exactly one
/// character substituted. Compares in place and stops at the second difference: it runs for
/// every cell of every table.
fn single_substitution(text: &str, candidates: &[&'static str]) -> Option<&'static str> {
    if text.chars().count() < 4 {
        return None;
    }
    let one_off = |cand: &str| {
        let mut diff = 0;
        let mut other = cand.chars();
        for a in text.chars() {
            match other.next() {
                Some(b) if a == b => {}
                Some(_) if diff == 0 => diff = 1,
                _ => return false,
            }
        }
        other.next().is_none() && diff == 1
    };
    let mut hits = candidates.iter().filter(|cand| one_off(cand));
    match (hits.next(), hits.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    }
}

/// [`KNOWN_LABELS`] indexed for the lookups made for every cell of section 三's tables: as a
/// set, by length in characters (a substitution keeps the length), and the longest length.
struct KnownIndex {
    set: HashSet<&'static str>,
    by_len: HashMap<usize, Vec<&'static str>>,
    /// Longest known label or alias, plus the one character a misreading may add.
    longest: usize,
}

fn known_index() -> &'static KnownIndex {
    static INDEX: OnceLock<KnownIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_len: HashMap<usize, Vec<&'static str>> = HashMap::new();
        for l in KNOWN_LABELS {
            by_len.entry(l.chars().count()).or_default().push(l);
        }
        let longest = KNOWN_LABELS
            .iter()
            .chain(ALIASES.iter().map(|(v, _)| v))
            .map(|l| l.chars().count())
            .max();
        KnownIndex {
            set: KNOWN_LABELS.iter().copied().collect(),
            by_len,
            longest: longest.unwrap_or(0) + 1,
        }
    })
}

/// Length in characters beyond which a run of fragments can never spell a known label.
pub(crate) fn longest_known() -> usize {
    known_index().longest
}

/// The known labels of `n` characters.
fn known_of_length(n: usize) -> Option<&'static [&'static str]> {
    known_index().by_len.get(&n).map(Vec::as_slice)
}

/// The state word used to pick the 账户状态 sub-object, for a value kept as printed: whitespace
/// dropped, the variant character 呆帐 (bank renderings) and the OCR confusion 结消 (§15) read as
/// 呆账 / 结清.
pub(crate) fn state_kind(printed: &str) -> String {
    match compact(printed).as_str() {
        "呆帐" => "呆账".to_string(),
        "结消" => "结清".to_string(),
        other => other.to_string(),
    }
}

/// Whether a canonical label is one this section prints.
pub(crate) fn is_known(canonical: &str) -> bool {
    known_index().set.contains(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_unifies_dashes_whitespace_and_aliases() {
        assert_eq!(canon("逾期 31—60 天\n未还本金"), "逾期31-60天未还本金");
        assert_eq!(canon("逾期61－90天未还本金"), "逾期61-90天未还本金");
        assert_eq!(canon("关闭日期"), "账户关闭日期");
        assert!(is_known(&canon("逾期 180 天以上未还本金")));
        assert!(!is_known(&canon("贷款发放形式")));
    }

    #[test]
    fn one_misread_character_is_tolerated_when_unambiguous() {
        assert_eq!(canon("营理机构"), "管理机构");
        assert_eq!(canon("最近一次还歉日期"), "最近一次还款日期");
        // 借款金额 and 还款金额 differ in one character: no guess.
        assert_eq!(canon("X款金额"), "X款金额");
        // Too short to guess; cut labels are not completed here.
        assert_eq!(canon("余頟"), "余頟");
        assert_eq!(canon("逾期91－180天未还本"), "逾期91-180天未还本");
    }

    #[test]
    fn state_kind_reads_variants() {
        assert_eq!(state_kind(" 呆帐 "), "呆账");
        assert_eq!(state_kind("结消"), "结清");
        assert_eq!(state_kind("止付"), "止付");
    }

    #[test]
    fn compact_keeps_punctuation() {
        assert_eq!(compact("截至 2015 年 05 月 25 日"), "截至2015年05月25日");
    }
}
