//! 账户状态 read together with the labels its row prints.
//!
//! The state word picks the sub-object the figures go into (CONVENTIONS §9), and each state
//! prints its own labels: `结清` rows print `账户关闭日期`, open states `五级分类` …. On a poor
//! scan the two-character word is often misread (`站清`, `迪期`) while the labels are read
//! (they are longer, and snapped to the lexicon). A word that is no state is then read through
//! its row's labels: the figures go where the labels say, and the word becomes that kind's
//! state word only when exactly one of the kind's words is one substitution away; otherwise it
//! stays as read. A word read as a state is never second-guessed.

use crate::lexicon::codes::ACCOUNT_STATES;
use crate::lexicon::fuzzy;

use super::labels::{compact, state_kind};
use super::rows::Form;

/// A state kind as its row shows it.
pub(crate) struct Kind {
    /// The kind as [`state_kind`] names it (the callers' match arm).
    pub key: &'static str,
    /// The state words of this kind.
    pub words: &'static [&'static str],
    /// Labels that only this kind's rows print (any one shows the kind).
    pub shown_by: &'static [&'static str],
}

/// Open states of a loan: they print the full figures (正常 arm).
pub(crate) const LOAN_KINDS: &[Kind] = &[
    Kind {
        key: "结清",
        words: &["结清"],
        shown_by: &["账户关闭日期"],
    },
    Kind {
        key: "转出",
        words: &["转出"],
        shown_by: &["转出月份"],
    },
    Kind {
        key: "正常",
        words: &["正常", "逾期", "担保物不足", "强制平仓", "司法追偿"],
        shown_by: &["五级分类", "剩余还款期数", "当前逾期期数"],
    },
];

/// Card states: 销户 prints its date, open states their balances.
pub(crate) const CARD_KINDS: &[Kind] = &[
    Kind {
        key: "销户",
        words: &["销户"],
        shown_by: &["销户日期"],
    },
    Kind {
        key: "正常",
        words: &["正常", "逾期", "止付", "银行止付", "冻结", "司法追偿"],
        shown_by: &["已用额度", "透支余额", "账单日"],
    },
];

/// 被追偿 states (code table A.31).
pub(crate) const RECOVERY_KINDS: &[Kind] = &[
    Kind {
        key: "结束",
        words: &["结束"],
        shown_by: &["账户关闭日期"],
    },
    Kind {
        key: "催收",
        words: &["催收"],
        shown_by: &["余额", "最近一次还款日期"],
    },
];

/// The state as read (`value`, corrected only as described above) and the kind whose
/// sub-object its figures fill.
pub(crate) struct State {
    pub value: String,
    pub kind: String,
}

/// Reads the state word `printed` of a row whose other labels are in `status`.
pub(crate) fn read(printed: &str, status: &Form, kinds: &[Kind]) -> State {
    let kind = state_kind(printed);
    let as_read = State {
        value: printed.to_string(),
        kind: kind.clone(),
    };
    if kind.is_empty() || ACCOUNT_STATES.contains(&kind.as_str()) {
        return as_read;
    }
    let mut shown = kinds.iter().filter(|k| k.shown_by.iter().any(|l| status.has(l)));
    let (Some(k), None) = (shown.next(), shown.next()) else {
        return as_read;
    };
    let n = kind.chars().count();
    let mut near = k.words.iter().filter(|w| {
        let m = w.chars().count();
        m == n && fuzzy::within_counted(&kind, n, w, m, 1) == Some(1)
    });
    let value = match (near.next(), near.next()) {
        (Some(w), None) => {
            tracing::debug!(state = *w, "state word read through its row's labels");
            w.to_string()
        }
        _ => printed.to_string(),
    };
    State {
        kind: if k.words.contains(&compact(&value).as_str()) {
            compact(&value)
        } else {
            k.key.to_string()
        },
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::table::Value;

    fn form(labels: &[&str]) -> Form {
        let mut f = Form::default();
        for l in labels {
            f.push(l, Value::blank());
        }
        f
    }

    #[test]
    fn a_state_read_as_such_is_kept() {
        let s = read("结清", &form(&["五级分类"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("结清", "结清"));
        let s = read("", &form(&["账户关闭日期"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("", ""));
    }

    #[test]
    fn a_misread_word_is_read_through_the_labels() {
        let s = read("站清", &form(&["账户状态", "账户关闭日期"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("结清", "结清"));
        let s = read("迪期", &form(&["账户状态", "五级分类", "余额"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("逾期", "逾期"));
        let s = read("销广", &form(&["销户日期"]), CARD_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("销户", "销户"));
    }

    #[test]
    fn an_unreadable_word_keeps_its_reading_but_its_figures_go_where_the_labels_say() {
        // Two characters off: no word is near, the figures still go to the 结清 sub-object.
        let s = read("站消", &form(&["账户关闭日期"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("站消", "结清"));
        // Labels of two kinds, or of none: nothing is inferred.
        let s = read("站清", &form(&["账户关闭日期", "五级分类"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("站清", "站清"));
        let s = read("站清", &form(&["余额"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("站清", "站清"));
    }

    #[test]
    fn two_near_words_of_one_kind_leave_the_word_as_read() {
        // `正期` is one substitution from both 正常 and 逾期: the word stays, the figures go to
        // the open state's sub-object.
        let s = read("正期", &form(&["五级分类"]), LOAN_KINDS);
        assert_eq!((s.value.as_str(), s.kind.as_str()), ("正期", "正常"));
    }
}
