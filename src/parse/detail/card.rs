//! Card accounts (贷记卡, 准贷记卡) from a [`RawRecord`] (report_layout.md §7.4–§7.6).

use crate::report::{
    BalanceState, BigAmountSpecialPeriodInfo, CanceledState, CardAccountState, CreditAccount, CreditCardNormal,
    InactiveState, QuasiCreditAccount, QuasiCreditNormal,
};

use super::addons::{latest_repayment, special_trans, Remarks};
use super::record::RawRecord;
use super::rows::Form;
use super::state;
use crate::evidence::provenance;
use crate::parse::table::Value;

/// 贷记卡账户.
pub(crate) fn credit_account(raw: RawRecord) -> CreditAccount {
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
    notes.drop_special_label("贷记卡");
    let account = CreditAccount {
        name,
        card_company: basic.take(&["发卡机构", "管理机构"]),
        amount_id: basic.take(&["账户标识"]),
        start_date: basic.take(&["开立日期"]),
        account_extension_amount: basic.take(&["账户授信额度"]),
        shared_extension_amount: basic.take(&["共享授信额度"]),
        currency_type: basic.take(&["币种", "账户币种"]),
        kind: basic.take(&["业务种类"]),
        guarantee_type: basic.take(&["担保方式"]),
        account_state: card_state(status, &due_date, credit_normal),
        due_date: due_date.text,
        big_amount_special_period_info: big_amount_info(big_amount),
        before_due_date: latest_repayment(latest_date, latest),
        refund_record: grid,
        // Each event is a whole sentence ending in `。`, so joining keeps them readable.
        special_event_info: provenance::joined(special_events.iter().map(|s| (s.text.as_str(), s.boxes.as_slice()))),
        special_trans_types: special_trans(trans),
        company_info: notes.company_info,
        self_statement: notes.self_statement,
        objection_label: notes.objection_label,
    };
    basic.log_unused("贷记卡 basic info");
    account
}

/// 准贷记卡账户. The schema keeps no 最新还款记录, 大额专项分期, 特殊事件 or remarks for it.
pub(crate) fn quasi_credit_account(raw: RawRecord) -> QuasiCreditAccount {
    let RawRecord {
        name,
        mut basic,
        due_date,
        status,
        latest_date: _,
        latest,
        big_amount,
        grid,
        special_trans: trans,
        special_events,
        remarks,
    } = raw;
    let account = QuasiCreditAccount {
        name,
        card_company: basic.take(&["发卡机构", "管理机构"]),
        amount_id: basic.take(&["账户标识"]),
        start_date: basic.take(&["开立日期"]),
        account_extension_amount: basic.take(&["账户授信额度"]),
        shared_extension_amount: basic.take(&["共享授信额度"]),
        currency_type: basic.take(&["币种", "账户币种"]),
        guarantee_type: basic.take(&["担保方式"]),
        account_state: card_state(status, &due_date, quasi_normal),
        due_date: due_date.text,
        refund_record: grid,
        special_trans_types: special_trans(trans),
    };
    basic.log_unused("准贷记卡 basic info");
    latest.log_unused("准贷记卡 最新还款记录");
    let dropped = big_amount.len() + special_events.len() + remarks.len();
    if dropped > 0 {
        tracing::warn!(rows = dropped, "准贷记卡 add-ons without a schema key skipped");
    }
    account
}

/// 账户状态 and only the sub-object for that state (CONVENTIONS §9); `normal` reads the
/// open-state figures of the card family.
fn card_state<N: Default>(mut status: Form, due_date: &Value, normal: fn(&mut Form) -> N) -> CardAccountState<N> {
    let read = state::read(&status.take(&["账户状态"]), &status, state::CARD_KINDS);
    let mut state = CardAccountState {
        value: read.value,
        ..CardAccountState::default()
    };
    match read.kind.as_str() {
        "" => {}
        "呆账" => {
            state.bad_debt = BalanceState {
                surplus_amount: status.take(&["余额"]),
                latest_repay_date: status.take(&["最近一次还款日期"]),
            }
        }
        "销户" => {
            state.account_canceled = CanceledState {
                canceled_date: status.take(&["销户日期"]),
            }
        }
        // `截至2015年05月28日，账户状态为“未激活”。`: the date only (CONVENTIONS §9).
        "未激活" => {
            // The title's date a second time: its evidence points at the title too.
            provenance::note(&due_date.text, &due_date.boxes);
            state.inactive = InactiveState {
                inactive_due_date: due_date.text.clone(),
            }
        }
        // 正常, 止付, 冻结, 司法追偿 and every other open state print the full figures.
        _ => state.normal = normal(&mut status),
    }
    status.log_unused("card status");
    state
}

fn credit_normal(status: &mut Form) -> CreditCardNormal {
    CreditCardNormal {
        surplus_amount: status.take(&["余额"]),
        used_amount: status.take(&["已用额度"]),
        unspecified_large_amount_specific_period_amount: status.take(&["未出单的大额专项分期余额"]),
        surplus_periods_num: status.take(&["剩余分期期数"]),
        avg_6month_pay: status.take(&["最近6个月平均使用额度"]),
        max_used_amount: status.take(&["最大使用额度"]),
        bill_date: status.take(&["账单日"]),
        scheduled_payment: status.take(&["本月应还款"]),
        real_payed: status.take(&["本月实还款"]),
        latest_repay_date: status.take(&["最近一次还款日期"]),
        curr_overdue_periods: status.take(&["当前逾期期数"]),
        curr_overdue_amount: status.take(&["当前逾期总额"]),
    }
}

fn quasi_normal(status: &mut Form) -> QuasiCreditNormal {
    QuasiCreditNormal {
        over_draft_amount: status.take(&["透支余额"]),
        latest_6_months_avg_over_draft_amount: status.take(&["最近6个月平均透支余额"]),
        max_over_draft_amount: status.take(&["最大透支余额"]),
        bill_date: status.take(&["账单日"]),
        real_payed: status.take(&["本月实还款"]),
        latest_repay_date: status.take(&["最近一次还款日期"]),
        over_draft_180_unpayed_amount: status.take(&["透支180天以上未付余额"]),
    }
}

/// 大额专项分期信息: the schema holds one object, so the first row is kept and further rows
/// are logged.
fn big_amount_info(rows: Vec<Form>) -> BigAmountSpecialPeriodInfo {
    let mut rows = rows.into_iter();
    let Some(mut first) = rows.next() else {
        return BigAmountSpecialPeriodInfo::default();
    };
    let info = BigAmountSpecialPeriodInfo {
        period_amount: first.take(&["大额专项分期额度"]),
        period_amount_effective_date: first.take(&["分期额度生效日期"]),
        period_amount_due_date: first.take(&["分期额度到期日期"]),
        used_period_amount: first.take(&["已用分期金额", "已用分期额度"]),
    };
    first.log_unused("大额专项分期信息");
    let extra = rows.count();
    if extra > 0 {
        tracing::warn!(
            rows = extra,
            "further 大额专项分期信息 rows have no schema key; skipped"
        );
    }
    info
}
