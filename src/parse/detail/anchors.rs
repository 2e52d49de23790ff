//! Title lines of 三 信贷交易信息明细 (report_layout.md §15 anchors): sub-section headings, record
//! captions, `截至…`, `…以后的最新还款记录`, `…的还款记录`, and the add-on titles.
//!
//! Every function takes text already passed through `labels::compact` (no whitespace), so the
//! Word-sample spacing (`截至 2015 年 05 月 25 日`) and real-report text match alike.

use super::labels::one_substitution_from;
use crate::lexicon::anchors as words;
use crate::lexicon::sections::CREDIT_DETAIL_TITLES;

/// The eight sub-sections, in printed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SubSection {
    /// （一）被追偿信息
    Recovery,
    /// （二）非循环贷账户
    Acyclic,
    /// （三）循环额度下分账户 / 本人版 循环贷账户一
    CyclicalAmount,
    /// （四）循环贷账户 / 本人版 循环贷账户二
    CyclicalLoan,
    /// （五）贷记卡账户
    CreditCard,
    /// （六）准贷记卡账户
    QuasiCreditCard,
    /// （七）相关还款责任信息
    RefundDuty,
    /// （八）授信协议信息
    Protocol,
}

/// Which naming set a revolving heading used (report_layout.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// `循环贷账户一` / `循环贷账户二`
    Personal,
    /// `循环额度下分账户` / `循环贷账户`
    Institution,
    /// A heading both versions share.
    Shared,
}

/// Reads a sub-section heading, with or without its `（一）` numbering.
pub(crate) fn sub_section(text: &str) -> Option<(SubSection, Naming)> {
    let title = strip_numbering(text);
    // OCR may misread one character of a heading (`非循环货账户`); the titles differ enough
    // from each other for a unique one-character match to be safe.
    let title = one_substitution_from(title, CREDIT_DETAIL_TITLES).unwrap_or(title);
    let found = match title {
        "被追偿信息" => (SubSection::Recovery, Naming::Shared),
        "非循环贷账户" => (SubSection::Acyclic, Naming::Shared),
        "循环额度下分账户" => (SubSection::CyclicalAmount, Naming::Institution),
        "循环贷账户一" => (SubSection::CyclicalAmount, Naming::Personal),
        "循环贷账户" => (SubSection::CyclicalLoan, Naming::Institution),
        "循环贷账户二" => (SubSection::CyclicalLoan, Naming::Personal),
        "贷记卡账户" => (SubSection::CreditCard, Naming::Shared),
        "准贷记卡账户" => (SubSection::QuasiCreditCard, Naming::Shared),
        "相关还款责任信息" => (SubSection::RefundDuty, Naming::Shared),
        "授信协议信息" => (SubSection::Protocol, Naming::Shared),
        _ => return None,
    };
    Some(found)
}

/// A sub-section title anywhere in `text`, for OCR lines that glued watermark noise or a
/// neighbouring line to the heading (`中心被追偿信息`, `账户1（…）（六）准贷记卡账户`). The longest
/// title wins, so `准贷记卡账户` is not read as `贷记卡账户` nor `循环贷账户一` as `循环贷账户`.
/// These titles occur nowhere else in the section, which makes the containment test safe.
pub(crate) fn sub_section_within(text: &str) -> Option<(SubSection, Naming)> {
    if let Some(found) = sub_section(text) {
        return Some(found);
    }
    let title = CREDIT_DETAIL_TITLES
        .iter()
        .filter(|t| text.contains(**t))
        .max_by_key(|t| t.chars().count())?;
    sub_section(title)
}

/// Drops a leading `（一）`…`（十）` (full- or half-width parentheses).
fn strip_numbering(text: &str) -> &str {
    let open = ['（', '('];
    let close = ['）', ')'];
    let Some(rest) = text.strip_prefix(open) else {
        return text;
    };
    let numeral_end = rest
        .find(|c: char| !"一二三四五六七八九十".contains(c))
        .unwrap_or(rest.len());
    match rest.get(numeral_end..).and_then(|r| r.strip_prefix(close)) {
        Some(title) if numeral_end > 0 => title,
        _ => text,
    }
}

/// Borrower class of a 相关还款责任 sub-heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DutyClass {
    /// 有相关还款责任的个人借款
    Person,
    /// 有相关还款责任的企业借款
    Company,
}

/// Reads `有相关还款责任的个人借款` / `…企业借款`, also inside a longer OCR line.
pub(crate) fn duty_class(text: &str) -> Option<DutyClass> {
    if text.contains("有相关还款责任的个人借款") {
        Some(DutyClass::Person)
    } else if text.contains("有相关还款责任的企业借款") {
        Some(DutyClass::Company)
    } else {
        None
    }
}

/// Longest stray tail an OCR caption line may carry after its number.
const CAPTION_NOISE_CHARS: usize = 6;

/// `账户N…` → `账户N` (CONVENTIONS §7: agreement id, `（其他机构转入）`, card tail dropped);
/// `授信协议N` → `授信协议N`.
pub(crate) fn caption(text: &str) -> Option<String> {
    for prefix in ["账户", "授信协议"] {
        let Some(rest) = text.strip_prefix(prefix) else {
            continue;
        };
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            continue;
        }
        let tail = rest.get(digits.len()..).unwrap_or("");
        // `账户1（授信协议标识：…）`: a parenthesis, nothing, or a short OCR tail (watermark
        // fragments such as `告仅供`) may follow the number; a longer text is a sentence.
        if tail.is_empty() || tail.starts_with(['（', '(']) || tail.chars().count() <= CAPTION_NOISE_CHARS {
            return Some(format!("{prefix}{digits}"));
        }
    }
    None
}

/// The `截至…` title: its date and, for `截至2015年05月28日，账户状态为“未激活”。`, the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Due {
    /// Date as printed, e.g. `2015年05月25日`.
    pub date: String,
    /// State named in the sentence form, e.g. `未激活`.
    pub state: Option<String>,
}

/// Reads a `截至YYYY年MM月DD日` title (also `截止…`, seen in bank renderings).
pub(crate) fn due(text: &str) -> Option<Due> {
    let rest = text
        .strip_prefix(words::AS_OF)
        .or_else(|| text.strip_prefix(words::AS_OF_VARIANT))?;
    let end = rest.find('日')? + '日'.len_utf8();
    let date = rest.get(..end)?;
    if !date.contains('年') || !date.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let tail = rest.get(end..).unwrap_or("");
    let state = tail.find("账户状态为").map(|i| {
        let after = tail.get(i + "账户状态为".len()..).unwrap_or("");
        after
            .trim_matches(|c: char| "“”\"「」『』'‘’。.，,".contains(c))
            .to_string()
    });
    Some(Due {
        date: date.to_string(),
        state: state.filter(|s| !s.is_empty()),
    })
}

/// `2015年05月05日以后的最新还款记录` → `2015年05月05日`.
pub(crate) fn latest_repayment(text: &str) -> Option<String> {
    let date = text.strip_suffix(words::LATEST_REPAYMENT)?;
    date.contains('年').then(|| date.to_string())
}

/// A repayment-grid title, `2010年07月—2015年05月的还款记录`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GridTitle {
    /// Title without `的还款记录`.
    pub range: String,
    /// `YYYY.MM` of the first month.
    pub start: String,
    /// `YYYY.MM` of the last month.
    pub end: String,
}

/// Reads a grid title.
pub(crate) fn grid_title(text: &str) -> Option<GridTitle> {
    let range = text.strip_suffix(words::REPAYMENT_RECORD)?;
    let months = year_months(range);
    let (start, end) = match months.as_slice() {
        [a, b, ..] => (a.clone(), b.clone()),
        _ => return None,
    };
    Some(GridTitle {
        range: range.to_string(),
        start,
        end,
    })
}

/// Every `YYYY年M(M)月` in `text` as `YYYY.MM`.
fn year_months(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < chars.len() {
        let year: String = chars.iter().skip(i).take(4).collect();
        if year.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年') {
            let month: String = chars.iter().skip(i + 5).take_while(|c| c.is_ascii_digit()).collect();
            if (1..=2).contains(&month.len()) && chars.get(i + 5 + month.len()) == Some(&'月') {
                out.push(format!("{year}.{month:0>2}"));
                i += 6 + month.len();
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `大额专项分期信息` title of a card's instalment table.
pub(crate) const BIG_AMOUNT_TITLE: &str = "大额专项分期信息";
/// `特殊事件说明` title; the sentence rows under it are the events.
pub(crate) const SPECIAL_EVENT_TITLE: &str = "特殊事件说明";

/// Whether a compacted text is a title printed inside an account block (`截至…`, `…以后的最新
/// 还款记录`, `…的还款记录`, 大额专项分期信息, 特殊事件说明): the anchors that a row cut into
/// several cells may still spell out when joined.
pub(crate) fn is_row_title(text: &str) -> bool {
    due(text).is_some()
        || latest_repayment(text).is_some()
        || grid_title(text).is_some()
        || text == BIG_AMOUNT_TITLE
        || text == SPECIAL_EVENT_TITLE
}

/// Whether a compacted single-cell text is one of the titles above (used to tell title rows
/// from value rows that happen to have one non-empty cell).
pub(crate) fn is_anchor(text: &str) -> bool {
    is_row_title(text) || caption(text).is_some() || sub_section(text).is_some() || duty_class(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_sections_accept_both_naming_sets() {
        assert_eq!(
            sub_section("（三）循环贷账户一"),
            Some((SubSection::CyclicalAmount, Naming::Personal))
        );
        assert_eq!(
            sub_section("（三）循环额度下分账户"),
            Some((SubSection::CyclicalAmount, Naming::Institution))
        );
        assert_eq!(
            sub_section("（四）循环贷账户"),
            Some((SubSection::CyclicalLoan, Naming::Institution))
        );
        assert_eq!(
            sub_section("循环贷账户二"),
            Some((SubSection::CyclicalLoan, Naming::Personal))
        );
        assert_eq!(
            sub_section("（六）准贷记卡账户"),
            Some((SubSection::QuasiCreditCard, Naming::Shared))
        );
        assert_eq!(sub_section("（九）未知"), None);
        assert_eq!(
            sub_section("（二）非循环货账户"),
            Some((SubSection::Acyclic, Naming::Shared))
        );
        assert_eq!(
            sub_section_within("中心被追偿信息"),
            Some((SubSection::Recovery, Naming::Shared))
        );
        assert_eq!(
            sub_section_within("账户1（授信协议标识：X）信中（六）准贷记卡账户"),
            Some((SubSection::QuasiCreditCard, Naming::Shared))
        );
        assert_eq!(
            sub_section_within("（三）循环贷账户一使用"),
            Some((SubSection::CyclicalAmount, Naming::Personal))
        );
        // 循环贷账户一 vs 循环贷账户二 differ in one character: each must match exactly.
        assert_eq!(sub_section("循环贷账户三"), None);
    }

    #[test]
    fn captions_keep_only_the_account_number() {
        assert_eq!(caption("账户1（授信协议标识：ICBCZH121211）").as_deref(), Some("账户1"));
        assert_eq!(caption("账户12（卡片尾号：1365）").as_deref(), Some("账户12"));
        assert_eq!(caption("授信协议3").as_deref(), Some("授信协议3"));
        assert_eq!(caption("账户状态"), None);
        assert_eq!(caption("账户2告仅供悠").as_deref(), Some("账户2"));
        assert_eq!(caption("账户10笔贷款已于2015年全部结清。"), None);
        assert_eq!(caption("账户"), None);
    }

    #[test]
    fn due_reads_plain_and_sentence_forms() {
        assert_eq!(
            due("截至2015年05月25日"),
            Some(Due {
                date: "2015年05月25日".into(),
                state: None
            })
        );
        assert_eq!(
            due("截至2015年05月28日，账户状态为“未激活”。"),
            Some(Due {
                date: "2015年05月28日".into(),
                state: Some("未激活".into())
            })
        );
        assert_eq!(due("截至目前"), None);
    }

    #[test]
    fn grid_title_gives_range_and_months() {
        let t = grid_title("2010年07月—2015年05月的还款记录").unwrap();
        assert_eq!(t.range, "2010年07月—2015年05月");
        assert_eq!((t.start.as_str(), t.end.as_str()), ("2010.07", "2015.05"));
        assert_eq!(
            latest_repayment("2015年05月05日以后的最新还款记录").as_deref(),
            Some("2015年05月05日")
        );
    }
}
