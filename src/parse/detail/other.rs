//! 被追偿信息 (§7.1), 相关还款责任信息 (§7.9) and 授信协议信息 (§7.10) from a [`RawRecord`].

use crate::report::{
    BalanceState, ClosedState, CompanyBorrowDuty, ExtensionProtocolInfo, PersonBorrowDuty, RecoveryAccountState,
    RecoveryInfo,
};

use super::addons::special_trans;
use super::anchors::DutyClass;
use super::record::RawRecord;
use super::state;

/// Logs parts a record type does not print (a grid, remarks …) so that nothing is dropped
/// silently; the values themselves are not logged.
fn log_unexpected(raw: &RawRecord, context: &'static str) {
    let rows = raw.big_amount.len()
        + raw.special_events.len()
        + raw.remarks.len()
        + raw.grid.detail.len()
        + usize::from(!raw.latest.is_empty());
    if rows > 0 {
        tracing::warn!(context, rows, "parts without a schema key skipped");
    }
}

/// 被追偿信息 account: 催收 → debtCollection, 结束 → debtFinish.
pub(crate) fn recovery_info(mut raw: RawRecord) -> RecoveryInfo {
    log_unexpected(&raw, "被追偿信息");
    let b = &mut raw.basic;
    let mut info = RecoveryInfo {
        name: std::mem::take(&mut raw.name),
        manage_company: b.take(&["管理机构"]),
        kind: b.take(&["业务种类"]),
        creditor_received_date: b.take(&["债权接收日期"]),
        original_creditor: b.take(&["原债权人"]),
        original_type: b.take(&["原债务业务种类"]),
        creditor_amount: b.take(&["债权金额"]),
        state_when_creditor_transfer: b.take(&["债权转移时的还款状态"]),
        due_date: std::mem::take(&mut raw.due_date.text),
        ..RecoveryInfo::default()
    };
    b.log_unused("被追偿信息 basic info");
    let s = &mut raw.status;
    let read = state::read(&s.take(&["账户状态"]), s, state::RECOVERY_KINDS);
    let mut state = RecoveryAccountState {
        value: read.value,
        ..RecoveryAccountState::default()
    };
    match read.kind.as_str() {
        "催收" => {
            state.debt_collection = BalanceState {
                surplus_amount: s.take(&["余额"]),
                latest_repay_date: s.take(&["最近一次还款日期"]),
            }
        }
        "结束" => {
            state.debt_finish = ClosedState {
                account_closed_date: s.take(&["账户关闭日期"]),
            }
        }
        "" => {}
        // C1 knows only 催收/结束 (code table A.31); another word keeps its value and no figures.
        _ => tracing::warn!("unknown 被追偿 account state; figures skipped"),
    }
    s.log_unused("被追偿信息 status");
    info.account_state = state;
    info.special_trans_types = special_trans(std::mem::take(&mut raw.special_trans));
    info
}

/// 相关还款责任 account. The borrower class comes from the sub-heading; without one, the last
/// status label decides (个人 rows end with 还款状态, 企业 rows with 逾期月数; CONVENTIONS §16).
pub(crate) enum Duty {
    /// 有相关还款责任的个人借款
    Person(PersonBorrowDuty),
    /// 有相关还款责任的企业借款
    Company(CompanyBorrowDuty),
}

/// Reads a 相关还款责任 account under the given sub-heading class (if any was printed).
pub(crate) fn refund_duty(mut raw: RawRecord, class: Option<DutyClass>) -> Duty {
    log_unexpected(&raw, "相关还款责任信息");
    let class = class.unwrap_or(if raw.status.has("逾期月数") {
        DutyClass::Company
    } else {
        DutyClass::Person
    });
    let b = &mut raw.basic;
    let s = &mut raw.status;
    // Both shapes share every field but the last, so the person shape is filled first.
    let mut person = PersonBorrowDuty {
        name: std::mem::take(&mut raw.name),
        manage_company: b.take(&["管理机构"]),
        kind: b.take(&["业务种类"]),
        start_date: b.take(&["开立日期"]),
        deadline_date: b.take(&["到期日期"]),
        person_duty_type: b.take(&["责任人类型"]),
        refund_duty_amount: b.take(&["还款责任金额"]),
        currency_type: b.take(&["币种"]),
        guarantee_contract_serial: b.take(&["保证合同编号"]),
        primary_borrower: b.take(&["主业务借款人"]),
        primary_borrower_id_type: b.take(&["主业务借款人证件类型"]),
        primary_borrower_id_num: b.take(&["主业务借款人证件号码"]),
        due_date: std::mem::take(&mut raw.due_date.text),
        five_level_type: s.take(&["五级分类"]),
        surplus_amount: s.take(&["余额"]),
        refund_state: String::new(),
    };
    let duty = match class {
        DutyClass::Person => {
            person.refund_state = s.take(&["还款状态"]);
            Duty::Person(person)
        }
        DutyClass::Company => Duty::Company(CompanyBorrowDuty {
            name: person.name,
            manage_company: person.manage_company,
            kind: person.kind,
            start_date: person.start_date,
            deadline_date: person.deadline_date,
            person_duty_type: person.person_duty_type,
            refund_duty_amount: person.refund_duty_amount,
            currency_type: person.currency_type,
            guarantee_contract_serial: person.guarantee_contract_serial,
            primary_borrower: person.primary_borrower,
            primary_borrower_id_type: person.primary_borrower_id_type,
            primary_borrower_id_num: person.primary_borrower_id_num,
            due_date: person.due_date,
            five_level_type: person.five_level_type,
            surplus_amount: person.surplus_amount,
            overdue_month_num: s.take(&["逾期月数"]),
        }),
    };
    b.log_unused("相关还款责任 basic info");
    s.log_unused("相关还款责任 status");
    duty
}

/// 授信协议N: two header/value pairs, no status.
pub(crate) fn extension_protocol(mut raw: RawRecord) -> ExtensionProtocolInfo {
    log_unexpected(&raw, "授信协议信息");
    let b = &mut raw.basic;
    let info = ExtensionProtocolInfo {
        name: std::mem::take(&mut raw.name),
        manage_company: b.take(&["管理机构"]),
        extension_protocol_id: b.take(&["授信协议标识"]),
        effect_date: b.take(&["生效日期"]),
        deadline_date: b.take(&["到期日期"]),
        extension_amount_scope: b.take(&["授信额度用途"]),
        extension_amount: b.take(&["授信额度"]),
        extension_limit_amount: b.take(&["授信限额"]),
        extension_limit_serial: b.take(&["授信限额编号"]),
        used_amount: b.take(&["已用额度"]),
        currency_type: b.take(&["币种"]),
    };
    b.log_unused("授信协议 info");
    if !raw.due_date.is_empty() || !raw.status.is_empty() {
        tracing::warn!("授信协议 with a 截至 part; skipped");
    }
    info
}
