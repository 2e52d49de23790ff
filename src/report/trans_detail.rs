//! 信贷交易信息明细: the container, 被追偿信息, 相关还款责任信息 and 授信协议信息. Loan and card
//! accounts live in `loan` and `card`.

use serde::{Deserialize, Serialize};

use super::card::{CreditAccount, QuasiCreditAccount};
use super::common::{BalanceState, ClosedState, SpecialTransType};
use super::loan::{CyclicalLoanAccount, LoanAccount};

/// 信贷交易信息明细
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditTransInfoDetail {
    /// 被追偿信息
    pub recovery_info: Vec<RecoveryInfo>,
    /// 非循环贷账户
    pub acyclic_credit_account: Vec<LoanAccount>,
    /// 循环额度下分账户 (本人版: 循环贷账户一)
    pub cyclical_amount_per_account: Vec<LoanAccount>,
    /// 循环贷账户 (本人版: 循环贷账户二)
    pub cyclical_loan_account: Vec<CyclicalLoanAccount>,
    /// 贷记卡账户
    pub credit_account: Vec<CreditAccount>,
    /// 准贷记卡账户
    pub quasi_credit_account: Vec<QuasiCreditAccount>,
    /// 相关还款责任信息
    pub concerned_refund_duty_info: ConcernedRefundDutyInfo,
    /// 授信协议信息
    pub extension_protocol_info: Vec<ExtensionProtocolInfo>,
}

/// 被追偿信息: one account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RecoveryInfo {
    /// `账户N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 债权接收日期
    pub creditor_received_date: String,
    /// 原债权人
    pub original_creditor: String,
    /// 原债务业务种类
    pub original_type: String,
    /// 债权金额
    pub creditor_amount: String,
    /// 债权转移时的还款状态
    pub state_when_creditor_transfer: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 账户状态 and the figures for that state
    pub account_state: RecoveryAccountState,
    /// 特殊交易类型
    pub special_trans_types: Vec<SpecialTransType>,
}

/// 账户状态 of a 被追偿 account. Only the sub-object matching `value` is filled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RecoveryAccountState {
    /// 账户状态 as printed (催收, 结束)
    pub value: String,
    /// 催收
    pub debt_collection: BalanceState,
    /// 结束
    pub debt_finish: ClosedState,
}

/// 相关还款责任信息, split by the kind of primary borrower.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ConcernedRefundDutyInfo {
    /// 为个人借款承担的相关还款责任
    pub concern_refund_person_borrow: Vec<PersonBorrowDuty>,
    /// 为企业借款承担的相关还款责任
    pub concern_refund_company_borrow: Vec<CompanyBorrowDuty>,
}

/// One 相关还款责任 for a personal loan; ends with 还款状态.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PersonBorrowDuty {
    /// `账户N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 开立日期
    pub start_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 相关还款责任人类型
    pub person_duty_type: String,
    /// 相关还款责任金额
    pub refund_duty_amount: String,
    /// 币种
    pub currency_type: String,
    /// 保证合同编号
    pub guarantee_contract_serial: String,
    /// 主业务借款人
    pub primary_borrower: String,
    /// 主业务借款人证件类型
    pub primary_borrower_id_type: String,
    /// 主业务借款人证件号码
    pub primary_borrower_id_num: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 五级分类
    pub five_level_type: String,
    /// 余额
    pub surplus_amount: String,
    /// 还款状态
    pub refund_state: String,
}

/// One 相关还款责任 for a company loan; ends with 逾期月数.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CompanyBorrowDuty {
    /// `账户N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 业务种类
    #[serde(rename = "type")]
    pub kind: String,
    /// 开立日期
    pub start_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 相关还款责任人类型
    pub person_duty_type: String,
    /// 相关还款责任金额
    pub refund_duty_amount: String,
    /// 币种
    pub currency_type: String,
    /// 保证合同编号
    pub guarantee_contract_serial: String,
    /// 主业务借款人
    pub primary_borrower: String,
    /// 主业务借款人证件类型
    pub primary_borrower_id_type: String,
    /// 主业务借款人证件号码
    pub primary_borrower_id_num: String,
    /// The date of the `截至…` row, as printed
    pub due_date: String,
    /// 五级分类
    pub five_level_type: String,
    /// 余额
    pub surplus_amount: String,
    /// 逾期月数
    pub overdue_month_num: String,
}

/// 授信协议信息: one agreement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ExtensionProtocolInfo {
    /// `授信协议N` from the caption
    pub name: String,
    /// 管理机构
    pub manage_company: String,
    /// 授信协议标识
    pub extension_protocol_id: String,
    /// 生效日期
    pub effect_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 授信额度用途
    pub extension_amount_scope: String,
    /// 授信额度
    pub extension_amount: String,
    /// 授信限额
    pub extension_limit_amount: String,
    /// 授信限额编号
    pub extension_limit_serial: String,
    /// 已用额度
    pub used_amount: String,
    /// 币种
    pub currency_type: String,
}
