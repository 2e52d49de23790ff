//! Per-account add-ons shared by the account types (report_layout.md §7.8): 特殊交易 rows,
//! remark tables, and the `…以后的最新还款记录` form.

use crate::report::{DatedNote, LatestRepayment, SpecialTransType};

use crate::parse::table::Value;

use super::rows::Form;

/// 特殊交易类型 rows.
pub(crate) fn special_trans(forms: Vec<Form>) -> Vec<SpecialTransType> {
    forms
        .into_iter()
        .map(|mut f| {
            let row = SpecialTransType {
                kind: f.take(&["特殊交易类型"]),
                occur_date: f.take(&["发生日期"]),
                change_month_num: f.take(&["变更月数"]),
                occur_amount: f.take(&["发生金额"]),
                detail_record: f.take(&["明细记录"]),
            };
            f.log_unused("特殊交易");
            row
        })
        .collect()
}

/// Remark rows sorted by kind.
#[derive(Debug, Default)]
pub(crate) struct Remarks {
    /// 机构说明
    pub company_info: Vec<DatedNote>,
    /// 本人声明
    pub self_statement: Vec<DatedNote>,
    /// 异议标注
    pub objection_label: Vec<DatedNote>,
    /// 特殊标注
    pub special_label: Vec<DatedNote>,
}

impl Remarks {
    /// Sorts `(kind, form)` rows into their lists. Kinds without a key (征信中心说明) are logged.
    pub(crate) fn from_rows(rows: Vec<(String, Form)>) -> Self {
        let mut out = Remarks::default();
        for (kind, mut form) in rows {
            let note = DatedNote {
                value: form.take(&[kind.as_str()]),
                add_date: form.take(&["添加日期"]),
            };
            form.log_unused("remark");
            let list = match kind.as_str() {
                "机构说明" => &mut out.company_info,
                "本人声明" => &mut out.self_statement,
                "异议标注" => &mut out.objection_label,
                "特殊标注" => &mut out.special_label,
                _ => {
                    tracing::warn!(kind = kind.as_str(), "remark kind has no schema key; skipped");
                    continue;
                }
            };
            list.push(note);
        }
        out
    }

    /// Logs remark kinds that an account type has no key for (cards print no 特殊标注 key).
    pub(crate) fn drop_special_label(&self, context: &'static str) {
        if !self.special_label.is_empty() {
            tracing::warn!(
                context,
                rows = self.special_label.len(),
                "特殊标注 has no schema key here; skipped"
            );
        }
    }
}

/// The `…以后的最新还款记录` form, under the date of its title.
pub(crate) fn latest_repayment(date: Value, mut form: Form) -> LatestRepayment {
    let latest = LatestRepayment {
        value: date.text,
        five_level_type: form.take(&["五级分类"]),
        surplus_amount: form.take(&["余额"]),
        refund_date: form.take(&["还款日期"]),
        refund_amount: form.take(&["还款金额"]),
        curr_refund_state: form.take(&["当前还款状态"]),
    };
    form.log_unused("最新还款记录");
    latest
}
