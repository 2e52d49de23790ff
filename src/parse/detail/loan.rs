//! Loan accounts (非循环贷, 循环额度下分 / 循环贷账户一, 循环贷 / 循环贷账户二) from a
//! [`RawRecord`] (report_layout.md §7.2, §7.3, §7.6).

use crate::report::{
    BalanceState, ClosedState, CyclicalLoanAccount, LoanAccount, LoanAccountState, LoanNormal, TransferState,
};

use super::addons::{latest_repayment, special_trans, Remarks};
use super::labels::state_kind;
use super::record::RawRecord;
use super::rows::Form;

/// 非循环贷账户 and 循环额度下分账户: the amount is printed as 借款金额.
pub(crate) fn loan_account(raw: RawRecord) -> LoanAccount {
    build(raw, &["借款金额", "账户授信额度"])
}

/// 循环贷账户: the amount is printed as 账户授信额度; the shape is otherwise the same.
pub(crate) fn cyclical_loan_account(raw: RawRecord) -> CyclicalLoanAccount {
    let a = build(raw, &["账户授信额度", "借款金额"]);
    CyclicalLoanAccount {
        name: a.name,
        manage_company: a.manage_company,
        amount_id: a.amount_id,
        start_date: a.start_date,
        deadline_date: a.deadline_date,
        account_extension_amount: a.refund_amount,
        account_currency_type: a.account_currency_type,
        kind: a.kind,
        guarantee_type: a.guarantee_type,
        refund_period_num: a.refund_period_num,
        refund_frequency: a.refund_frequency,
        refund_type: a.refund_type,
        join_refund_flag: a.join_refund_flag,
        due_date: a.due_date,
        account_state: a.account_state,
        before_deadline_date: a.before_deadline_date,
        refund_record: a.refund_record,
        special_trans_types: a.special_trans_types,
        company_info: a.company_info,
        self_statement: a.self_statement,
        objection_label: a.objection_label,
        special_label: a.special_label,
    }
}

/// Fills a loan account; `amount_labels` lists the amount label in order of preference (the
/// two revolving families have been printed with either).
fn build(raw: RawRecord, amount_labels: &[&str]) -> LoanAccount {
    let RawRecord {
        name,
        mut basic,
        due_date,
        status,
        latest_date,
        latest,
        big_amount,
        grid,
        special_trans: trans,
        special_events,
        remarks,
    } = raw;
    let notes = Remarks::from_rows(remarks);
    let account = LoanAccount {
        name,
        manage_company: basic.take(&["管理机构"]),
        amount_id: basic.take(&["账户标识"]),
        start_date: basic.take(&["开立日期"]),
        deadline_date: basic.take(&["到期日期"]),
        refund_amount: basic.take(amount_labels),
        account_currency_type: basic.take(&["账户币种", "币种"]),
        kind: basic.take(&["业务种类"]),
        guarantee_type: basic.take(&["担保方式"]),
        refund_period_num: basic.take(&["还款期数"]),
        refund_frequency: basic.take(&["还款频率"]),
        refund_type: basic.take(&["还款方式"]),
        join_refund_flag: basic.take(&["共同借款标志"]),
        due_date,
        account_state: loan_state(status),
        before_deadline_date: latest_repayment(latest_date, latest),
        refund_record: grid,
        special_trans_types: special_trans(trans),
        company_info: notes.company_info,
        self_statement: notes.self_statement,
        objection_label: notes.objection_label,
        special_label: notes.special_label,
    };
    basic.log_unused("loan basic info");
    if !big_amount.is_empty() {
        tracing::warn!(
            rows = big_amount.len(),
            "大额专项分期信息 has no key on a loan; skipped"
        );
    }
    if !special_events.is_empty() {
        // The loan schema has no 特殊事件说明 key (CONVENTIONS §19: printed, no key → not kept).
        tracing::debug!(
            rows = special_events.len(),
            "特殊事件说明 has no key on a loan; skipped"
        );
    }
    account
}

/// 账户状态 and only the sub-object for that state (CONVENTIONS §9).
fn loan_state(mut status: Form) -> LoanAccountState {
    let value = status.take(&["账户状态"]);
    let mut state = LoanAccountState {
        value: value.clone(),
        ..LoanAccountState::default()
    };
    match state_kind(&value).as_str() {
        "" => {}
        "呆账" => {
            state.bad_debt = BalanceState {
                surplus_amount: status.take(&["余额"]),
                latest_repay_date: status.take(&["最近一次还款日期"]),
            }
        }
        "转出" => {
            state.transfer = TransferState {
                transfer_date: status.take(&["转出月份"]),
            }
        }
        "结清" => {
            state.clear = ClosedState {
                account_closed_date: status.take(&["账户关闭日期"]),
            }
        }
        // 正常, 逾期, 司法追偿 and every other open state print the full figures.
        _ => state.normal = loan_normal(&mut status),
    }
    status.log_unused("loan status");
    state
}

fn loan_normal(status: &mut Form) -> LoanNormal {
    LoanNormal {
        five_level_type: status.take(&["五级分类"]),
        surplus_amount: status.take(&["余额"]),
        surplus_payment_num: status.take(&["剩余还款期数"]),
        scheduled_payment: status.take(&["本月应还款"]),
        scheduled_pay_at: status.take(&["应还款日"]),
        real_payed: status.take(&["本月实还款"]),
        latest_repay_date: status.take(&["最近一次还款日期"]),
        curr_overdue_periods: status.take(&["当前逾期期数"]),
        curr_overdue_amount: status.take(&["当前逾期总额"]),
        overdue_31_tp_60: status.take(&["逾期31-60天未还本金"]),
        overdue_61_tp_90: status.take(&["逾期61-90天未还本金"]),
        overdue_91_tp_180: status.take(&["逾期91-180天未还本金"]),
        overdue_180: status.take(&["逾期180天以上未还本金"]),
    }
}
