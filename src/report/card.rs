//! Card accounts of 信贷交易信息明细: 贷记卡 and 准贷记卡.

use serde::{Deserialize, Serialize};

use super::common::{BalanceState, DatedNote, LatestRepayment, RefundRecord, SpecialTransType};

/// 贷记卡账户
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditAccount {
    /// `账户N` from the caption
    pub name: String,
    /// 发卡机构
    pub card_company: String,
    /// 账户标识
    pub amount_id: String,
    /// 开立日期
    pub start_date: String,
    /// 账户授信额度
    pub account_extension_amount: String,
    /// 共享授信额度
    pub shared_extension_amount: String,
    /// 币种
    pub currency_type: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 担保方式
    pub guarantee_type: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 账户状态 and the figures for that state
    pub account_state: CardAccountState<CreditCardNormal>,
    /// 大额专项分期信息
    pub big_amount_special_period_info: BigAmountSpecialPeriodInfo,
    /// `…以后的最新还款记录`
    pub before_due_date: LatestRepayment,
    /// 还款记录
    pub refund_record: RefundRecord,
    /// 特殊事件说明
    pub special_event_info: String,
    /// 特殊交易类型
    pub special_trans_types: Vec<SpecialTransType>,
    /// 机构说明
    pub company_info: Vec<DatedNote>,
    /// 本人声明
    pub self_statement: Vec<DatedNote>,
    /// 异议标注
    pub objection_label: Vec<DatedNote>,
}

/// 准贷记卡账户
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QuasiCreditAccount {
    /// `账户N` from the caption
    pub name: String,
    /// 发卡机构
    pub card_company: String,
    /// 账户标识
    pub amount_id: String,
    /// 开立日期
    pub start_date: String,
    /// 账户授信额度
    pub account_extension_amount: String,
    /// 共享授信额度
    pub shared_extension_amount: String,
    /// 币种
    pub currency_type: String,
    /// 担保方式
    pub guarantee_type: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 账户状态 and the figures for that state
    pub account_state: CardAccountState<QuasiCreditNormal>,
    /// 还款记录
    pub refund_record: RefundRecord,
    /// 特殊交易类型
    pub special_trans_types: Vec<SpecialTransType>,
}

/// 账户状态 of a card; `N` is the open-state figures, which differ between 贷记卡 and 准贷记卡.
/// Only the sub-object matching `value` is filled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CardAccountState<N> {
    /// 账户状态 as printed (正常, 止付, 冻结, 呆账, 销户, 未激活 …)
    pub value: String,
    /// Open states (正常, 止付, 冻结, 司法追偿 …)
    pub normal: N,
    /// 呆账
    pub bad_debt: BalanceState,
    /// 销户
    pub account_canceled: CanceledState,
    /// 未激活
    pub inactive: InactiveState,
}

/// The figures of an open 贷记卡.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditCardNormal {
    /// 余额
    pub surplus_amount: String,
    /// 已用额度
    pub used_amount: String,
    /// 未出单的大额专项分期余额
    pub unspecified_large_amount_specific_period_amount: String,
    /// 剩余分期期数
    pub surplus_periods_num: String,
    /// 最近6个月平均使用额度
    pub avg_6month_pay: String,
    /// 最大使用额度
    pub max_used_amount: String,
    /// 账单日
    pub bill_date: String,
    /// 本月应还款
    pub scheduled_payment: String,
    /// 本月实还款
    pub real_payed: String,
    /// 最近一次还款日期
    pub latest_repay_date: String,
    /// 当前逾期期数
    pub curr_overdue_periods: String,
    /// 当前逾期总额
    pub curr_overdue_amount: String,
}

/// The figures of an open 准贷记卡.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QuasiCreditNormal {
    /// 透支余额
    pub over_draft_amount: String,
    /// 最近6个月平均透支余额
    pub latest_6_months_avg_over_draft_amount: String,
    /// 最大透支余额
    pub max_over_draft_amount: String,
    /// 账单日
    pub bill_date: String,
    /// 本月实还款
    pub real_payed: String,
    /// 最近一次还款日期
    pub latest_repay_date: String,
    /// 透支180天以上未付余额
    pub over_draft_180_unpayed_amount: String,
}

/// 销户
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CanceledState {
    /// 销户日期
    pub canceled_date: String,
}

/// 未激活
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct InactiveState {
    /// The 截至 date before which the card was still inactive (date only, e.g. `2015年05月28日`)
    pub inactive_due_date: String,
}

/// 大额专项分期信息 of a 贷记卡.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct BigAmountSpecialPeriodInfo {
    /// 大额专项分期额度
    pub period_amount: String,
    /// 分期额度生效日期
    pub period_amount_effective_date: String,
    /// 分期额度到期日期
    pub period_amount_due_date: String,
    /// 已用分期额度
    pub used_period_amount: String,
}
