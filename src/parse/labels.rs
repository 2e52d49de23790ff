//! OCR slips in the labels and titles the form-table parsers read (`被瓷询者姓名` →
//! `被查询者姓名`, report_layout.md §15). The words themselves are the lexicon's
//! ([`crate::lexicon::labels::form_words`]).
//!
//! This only proposes corrections: a parser still accepts a corrected label only when its own
//! setter knows it, so a word missing from the lexicon costs a correction, never a wrong field.

use std::sync::OnceLock;

use crate::lexicon::{fuzzy, labels::form_words};

/// Every known spelling (key form, see [`super::text::key`]), for splitting run-together label
/// text.
pub(crate) fn spellings() -> &'static [&'static str] {
    form_words()
}

/// Whether `a` is one OCR slip away from `b`: one character replaced (both at least four
/// characters long), or one character added or dropped (the shorter at least five long).
/// Shorter labels are left alone: one slip in two or three characters is too often another word.
pub(crate) fn one_slip(a: &str, b: &str) -> bool {
    slip_of_len(a, a.chars().count(), b, b.chars().count())
}

/// [`one_slip`] with both lengths (in characters) known: it runs for every value cell of every
/// form table against every spelling of a similar length.
fn slip_of_len(a: &str, na: usize, b: &str, nb: usize) -> bool {
    let long_enough = if na == nb { na >= 4 } else { na.min(nb) >= 5 };
    long_enough && fuzzy::within_counted(a, na, b, nb, 1) == Some(1)
}

/// Spellings with their length in characters, computed once.
fn spellings_with_len() -> &'static [(&'static str, usize)] {
    static TABLE: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    TABLE.get_or_init(|| form_words().iter().map(|s| (*s, s.chars().count())).collect())
}

/// The one known spelling that `k` is a slip of and that `accept` takes; `None` when there is
/// none or more than one.
pub(crate) fn correct(k: &str, accept: &dyn Fn(&str) -> bool) -> Option<&'static str> {
    let n = k.chars().count();
    if n < 4 {
        return None;
    }
    let mut found = spellings_with_len()
        .iter()
        .filter(|(l, nl)| nl.abs_diff(n) <= 1 && slip_of_len(k, n, l, *nl) && accept(l))
        .map(|(l, _)| *l);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The label a header cell misread beyond [`correct`] stands for (`7历`, `当前欠費金制`), read
/// in its table: among the labels `accept` takes that the table did not print (`printed`
/// false), the one nearest to `k`, when it is the only one at that distance and within a third
/// of its length (at least one edit). A table lacks few labels, so a short label can be read
/// here that [`correct`] must leave alone among all the labels of the report.
pub(crate) fn missing_label(
    k: &str,
    accept: &dyn Fn(&str) -> bool,
    printed: &dyn Fn(&str) -> bool,
) -> Option<&'static str> {
    // A known word printed as such is that word (another table's label), not a misreading.
    if spellings().contains(&k) {
        return None;
    }
    let lacking = spellings_with_len()
        .iter()
        .copied()
        .filter(|(l, _)| accept(l) && !printed(l));
    fuzzy::unique_nearest(k, lacking).map(|(l, _)| l)
}

/// Logs a label that no field took. Only its length is logged: text that is no known label
/// may be a value read in a label's place (a row split wrongly, a wrapped cell), and field
/// values are personal data that never go to the logs.
pub(crate) fn log_unknown(section: &str, label: &str, note: &str) {
    tracing::warn!(section, chars = label.chars().count(), "{note}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_single_edits_on_long_enough_words() {
        assert!(one_slip("被瓷询者姓名", "被查询者姓名"));
        assert!(one_slip("营理机构数", "管理机构数"));
        assert!(one_slip("最近6个月平均应还", "最近6个月平均应还款"));
        assert!(!one_slip("性名", "姓名"));
        assert!(!one_slip("贷后管里里", "贷后管理"));
        assert!(!one_slip("管理机构数", "管理机构数"));
        assert!(one_slip("数据发生机名称", "数据发生机构名称"));
        assert!(!one_slip("数据发生名机称", "数据发生机构名称"));
    }

    #[test]
    fn correction_respects_the_accepting_parser() {
        assert_eq!(
            correct("被瓷询者姓名", &|l: &str| l == "被查询者姓名"),
            Some("被查询者姓名")
        );
        assert_eq!(correct("被瓷询者姓名", &|_: &str| false), None);
        assert_eq!(correct("完全不同的词", &|_: &str| true), None);
    }

    #[test]
    fn a_label_the_table_lacks_is_read_through_a_worse_slip() {
        let accept = |l: &str| matches!(l, "学历" | "学位" | "性别");
        let none = |_: &str| false;
        assert_eq!(missing_label("7历", &accept, &none), Some("学历"));
        assert_eq!(missing_label("7位", &accept, &none), Some("学位"));
        // Already printed by the table: not read twice.
        assert_eq!(missing_label("7历", &accept, &|l: &str| l == "学历"), None);
        // Not a label of this parser, or too far.
        assert_eq!(missing_label("7历", &|_: &str| false, &none), None);
        assert_eq!(missing_label("天气", &accept, &none), None);
        assert_eq!(missing_label("学", &accept, &none), None);
    }
}
