//! Labels of 三 信贷交易信息明细 as this section compares them, and the text normalisation
//! used for it. The labels themselves are the lexicon's
//! ([`crate::lexicon::labels::detail_labels`]).
//!
//! Labels are compared in a canonical form ([`Fold::DETAIL_LABEL`]: no whitespace, one kind of
//! dash) so that Word-made PDFs (`逾期 31—60 天`), real reports (`逾期31－90天`) and OCR output
//! read alike. Values are never canonicalised: they are returned as printed.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lexicon::codes::{ACCOUNT_STATES, STATE_SPELLINGS};
use crate::lexicon::confusions::{self, CONFUSIONS};
use crate::lexicon::labels::{detail_labels, LABEL_VARIANTS};
use crate::lexicon::{fuzzy, Fold};

pub(crate) use crate::lexicon::labels::REMARK_KINDS;

/// Text with all whitespace removed. Used for anchors (`截至 2015 年 05 月` → `截至2015年05月`).
pub(crate) fn compact(text: &str) -> String {
    Fold::COMPACT.apply(text)
}

/// Canonical form of a label: whitespace removed, dash variants unified to `-`, other
/// renderings (`关闭日期`) and the OCR confusions of report_layout.md §15 resolved.
pub(crate) fn canon(text: &str) -> String {
    let s = Fold::DETAIL_LABEL.apply(text);
    if let Some((_, label)) = LABEL_VARIANTS.iter().find(|(variant, _)| *variant == s) {
        return Fold::DETAIL_LABEL.apply(label);
    }
    if is_known(&s) {
        return s;
    }
    if let Some(repaired) = confusions::repaired(&s).filter(|r| is_known(r)) {
        return repaired;
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
pub(crate) fn one_substitution_from<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    if let Some(exact) = candidates.iter().find(|c| **c == text) {
        return Some(exact);
    }
    single_substitution(text, candidates)
}

/// The single candidate that `text` (four or more characters) matches with exactly one
/// character substituted.
fn single_substitution<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let n = text.chars().count();
    if n < 4 {
        return None;
    }
    let one_off = |cand: &str| {
        let nc = cand.chars().count();
        nc == n && fuzzy::within_counted(text, n, cand, nc, 1) == Some(1)
    };
    let mut hits = candidates.iter().filter(|cand| one_off(cand));
    match (hits.next(), hits.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    }
}

/// The lexicon's detail labels indexed for the lookups made for every cell of section 三's
/// tables: as a set, by length in characters (a substitution keeps the length), and the
/// longest length.
struct KnownIndex {
    set: HashSet<&'static str>,
    by_len: HashMap<usize, Vec<&'static str>>,
    /// Longest known label or variant, plus the one character a misreading may add.
    longest: usize,
}

fn known_index() -> &'static KnownIndex {
    static INDEX: OnceLock<KnownIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let labels: Vec<&'static str> = detail_labels().iter().map(String::as_str).collect();
        let mut by_len: HashMap<usize, Vec<&'static str>> = HashMap::new();
        for l in &labels {
            by_len.entry(l.chars().count()).or_default().push(l);
        }
        // A misread label is as long as the label it stands for, so the confusions' misread
        // forms add no length beyond the labels'.
        let longest = labels
            .iter()
            .copied()
            .chain(LABEL_VARIANTS.iter().map(|(v, _)| *v))
            .map(|l| l.chars().count())
            .max();
        KnownIndex {
            set: labels.into_iter().collect(),
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
/// dropped, a variant spelling (`呆帐`, bank renderings) or an OCR confusion (`结消`, §15) read as
/// the state it stands for.
pub(crate) fn state_kind(printed: &str) -> String {
    let s = compact(printed);
    if let Some((_, state)) = STATE_SPELLINGS.iter().find(|(variant, _)| *variant == s) {
        return state.to_string();
    }
    match CONFUSIONS
        .iter()
        .find(|(bad, good)| *bad == s && ACCOUNT_STATES.contains(good))
    {
        Some((_, state)) => state.to_string(),
        None => s,
    }
}

/// The known label nearest to `text` (a canonical label that is no known one) and its edit
/// distance, when that label is the only one at that distance and within reach: at most a third
/// of the label's characters, at least one. For the labels a form still lacks
/// ([`super::rows::Form::take_value`]): a row's misread label whose value would otherwise be lost.
pub(crate) fn nearest_known(text: &str) -> Option<(&'static str, usize)> {
    let known = known_index()
        .by_len
        .iter()
        .flat_map(|(len, labels)| labels.iter().map(|l| (*l, *len)));
    fuzzy::unique_nearest(text, known)
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
