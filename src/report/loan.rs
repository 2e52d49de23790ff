//! Loan accounts of 信贷交易信息明细: 非循环贷账户, 循环额度下分账户 and 循环贷账户.

use serde::{Deserialize, Serialize};

use super::common::{BalanceState, ClosedState, DatedNote, LatestRepayment, RefundRecord, SpecialTransType};

/// 非循环贷账户 and 循环额度下分账户 (本人版: 循环贷账户一) — both print 借款金额.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LoanAccount {
    /// `账户N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 账户标识
    pub amount_id: String,
    /// 开立日期
    pub start_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 借款金额
    pub refund_amount: String,
    /// 账户币种
    pub account_currency_type: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 担保方式
    pub guarantee_type: String,
    /// 还款期数
    pub refund_period_num: String,
    /// 还款频率
    pub refund_frequency: String,
    /// 还款方式
    pub refund_type: String,
    /// 共同借款标志
    pub join_refund_flag: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 账户状态 and the figures for that state
    pub account_state: LoanAccountState,
    /// `…以后的最新还款记录`
    pub before_deadline_date: LatestRepayment,
    /// 还款记录
    pub refund_record: RefundRecord,
    /// 特殊交易类型
    pub special_trans_types: Vec<SpecialTransType>,
    /// 机构说明
    pub company_info: Vec<DatedNote>,
    /// 本人声明
    pub self_statement: Vec<DatedNote>,
    /// 异议标注
    pub objection_label: Vec<DatedNote>,
    /// 特殊标注
    pub special_label: Vec<DatedNote>,
}

/// 循环贷账户 (本人版: 循环贷账户二) — prints 账户授信额度 where the others print 借款金额.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CyclicalLoanAccount {
    /// `账户N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 账户标识
    pub amount_id: String,
    /// 开立日期
    pub start_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 账户授信额度
    pub account_extension_amount: String,
    /// 账户币种
    pub account_currency_type: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 担保方式
    pub guarantee_type: String,
    /// 还款期数
    pub refund_period_num: String,
    /// 还款频率
    pub refund_frequency: String,
    /// 还款方式
    pub refund_type: String,
    /// 共同借款标志
    pub join_refund_flag: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 账户状态 and the figures for that state
    pub account_state: LoanAccountState,
    /// `…以后的最新还款记录`
    pub before_deadline_date: LatestRepayment,
    /// 还款记录
    pub refund_record: RefundRecord,
    /// 特殊交易类型
    pub special_trans_types: Vec<SpecialTransType>,
    /// 机构说明
    pub company_info: Vec<DatedNote>,
    /// 本人声明
    pub self_statement: Vec<DatedNote>,
    /// 异议标注
    pub objection_label: Vec<DatedNote>,
    /// 特殊标注
    pub special_label: Vec<DatedNote>,
}

/// 账户状态 of a loan. Only the sub-object matching `value` is filled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LoanAccountState {
    /// 账户状态 as printed (正常, 逾期, 司法追偿, 呆账, 转出, 结清 …)
    pub value: String,
    /// Open states (正常, 逾期, 司法追偿 …)
    pub normal: LoanNormal,
    /// 呆账
    pub bad_debt: BalanceState,
    /// 转出
    pub transfer: TransferState,
    /// 结清
    pub clear: ClosedState,
}

/// The figures of an open loan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LoanNormal {
    /// 五级分类
    pub five_level_type: String,
    /// 余额
    pub surplus_amount: String,
    /// 剩余还款期数
    pub surplus_payment_num: String,
    /// 本月应还款
    pub scheduled_payment: String,
    /// 应还款日
    pub scheduled_pay_at: String,
    /// 本月实还款
    pub real_payed: String,
    /// 最近一次还款日期
    pub latest_repay_date: String,
    /// 当前逾期期数
    pub curr_overdue_periods: String,
    /// 当前逾期总额
    pub curr_overdue_amount: String,
    /// 逾期31-60天未还本金
    pub overdue_31_tp_60: String,
    /// 逾期61-90天未还本金
    pub overdue_61_tp_90: String,
    /// 逾期91-180天未还本金
    pub overdue_91_tp_180: String,
    /// 逾期180天以上未还本金
    pub overdue_180: String,
}

/// 转出
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TransferState {
    /// 转出月份
    pub transfer_date: String,
}
