//! Loan accounts (非循环贷, 循环额度下分 / 循环贷账户一, 循环贷 / 循环贷账户二) from a
//! [`RawRecord`] (report_layout.md §7.2, §7.3, §7.6).

use crate::report::{
    BalanceState, ClosedState, CyclicalLoanAccount, LoanAccount, LoanAccountState, LoanNormal, TransferState,
};

use super::addons::{latest_repayment, special_trans, Remarks};
use super::record::RawRecord;
use super::rows::Form;
use super::state;

/// Fills a loan-shaped account from a [`RawRecord`]: `$ty` is the schema type, `$amount` its
/// amount field, `$amount_labels` the amount label in order of preference (the two revolving
/// families have been printed with either). [`LoanAccount`] and [`CyclicalLoanAccount`] differ
/// only in the amount field's name, so the field list is written once, here.
macro_rules! loan_shaped {
    ($ty:ident, $amount:ident, $raw:expr, $amount_labels:expr) => {{
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
        } = $raw;
        let notes = Remarks::from_rows(remarks);
        let account = $ty {
            name,
            manage_company: basic.take(&["管理机构"]),
            amount_id: basic.take(&["账户标识"]),
            start_date: basic.take(&["开立日期"]),
            deadline_date: basic.take(&["到期日期"]),
            $amount: basic.take($amount_labels),
            account_currency_type: basic.take(&["账户币种", "币种"]),
            kind: basic.take(&["业务种类"]),
            guarantee_type: basic.take(&["担保方式"]),
            refund_period_num: basic.take(&["还款期数"]),
            refund_frequency: basic.take(&["还款频率"]),
            refund_type: basic.take(&["还款方式"]),
            join_refund_flag: basic.take(&["共同借款标志"]),
            due_date: due_date.text,
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
        log_dropped(big_amount.len(), special_events.len());
        account
    }};
}

/// 非循环贷账户 and 循环额度下分账户: the amount is printed as 借款金额.
pub(crate) fn loan_account(raw: RawRecord) -> LoanAccount {
    loan_shaped!(LoanAccount, refund_amount, raw, &["借款金额", "账户授信额度"])
}

/// 循环贷账户: the amount is printed as 账户授信额度; the shape is otherwise the same.
pub(crate) fn cyclical_loan_account(raw: RawRecord) -> CyclicalLoanAccount {
    loan_shaped!(
        CyclicalLoanAccount,
        account_extension_amount,
        raw,
        &["账户授信额度", "借款金额"]
    )
}

/// Logs the parts a loan prints but has no key for.
fn log_dropped(big_amount: usize, special_events: usize) {
    if big_amount > 0 {
        tracing::warn!(rows = big_amount, "大额专项分期信息 has no key on a loan; skipped");
    }
    if special_events > 0 {
        // The loan schema has no 特殊事件说明 key (CONVENTIONS §19: printed, no key → not kept).
        tracing::debug!(rows = special_events, "特殊事件说明 has no key on a loan; skipped");
    }
}

/// 账户状态 and only the sub-object for that state (CONVENTIONS §9).
fn loan_state(mut status: Form) -> LoanAccountState {
    let read = state::read(&status.take(&["账户状态"]), &status, state::LOAN_KINDS);
    let mut state = LoanAccountState {
        value: read.value,
        ..LoanAccountState::default()
    };
    match read.kind.as_str() {
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
