//! 信贷交易授信及负债信息概要: one summary per account family plus 相关还款责任.

use serde::{Deserialize, Serialize};

/// 信贷交易授信及负债信息概要
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditTransExtensionAndDebtSummary {
    /// 非循环贷账户信息汇总
    pub acyclic_loan_account_info_summary: LoanAccountInfoSummary,
    /// 循环额度下分账户信息汇总 (本人版: 循环贷账户一)
    pub cyclical_amount_account_info_summary: LoanAccountInfoSummary,
    /// 循环贷账户信息汇总 (本人版: 循环贷账户二)
    pub cyclical_loan_account_info_summary: LoanAccountInfoSummary,
    /// 贷记卡账户信息汇总
    pub credit_account_info_summary: CreditAccountInfoSummary,
    /// 准贷记卡账户信息汇总
    pub quasi_credit_account_info_summary: QuasiCreditAccountInfoSummary,
    /// 相关还款责任信息汇总
    pub concerned_refund_duty_info_summary: ConcernedRefundDutyInfoSummary,
}

/// 非循环贷 / 循环额度下分账户 / 循环贷账户信息汇总 (the three share one table shape).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LoanAccountInfoSummary {
    /// 管理机构数
    pub manage_company_num: String,
    /// 账户数
    pub account_num: String,
    /// 授信总额
    pub extension_amount: String,
    /// 余额
    pub surplus_amount: String,
    /// 最近6个月平均应还款
    pub avg_6month_pay: String,
}

/// 贷记卡账户信息汇总
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditAccountInfoSummary {
    /// 发卡机构数
    pub company_num: String,
    /// 账户数
    pub account_num: String,
    /// 授信总额
    pub extension_amount: String,
    /// 单家机构最高授信额
    pub max_amount_per_company: String,
    /// 单家机构最低授信额
    pub min_amount_per_company: String,
    /// 已用额度
    pub used_amount: String,
    /// 最近6个月平均使用额度
    pub avg_6month_used_amount: String,
}

/// 准贷记卡账户信息汇总
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QuasiCreditAccountInfoSummary {
    /// 发卡机构数
    pub company_num: String,
    /// 账户数
    pub account_num: String,
    /// 授信总额
    pub extension_amount: String,
    /// 单家机构最高授信额
    pub max_amount_per_company: String,
    /// 单家机构最低授信额
    pub min_amount_per_company: String,
    /// 透支余额
    pub surplus_amount: String,
    /// 最近6个月平均透支余额
    pub avg_6month_overdraft_amount: String,
}

/// 相关还款责任信息汇总
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ConcernedRefundDutyInfoSummary {
    /// 为个人
    pub for_person: RefundDutyByBorrower,
    /// 为企业
    pub for_company: RefundDutyByBorrower,
}

/// The 相关还款责任 totals for one kind of primary borrower (个人 or 企业).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RefundDutyByBorrower {
    /// 担保责任
    pub guarantee_duty: GuaranteeDuty,
    /// 其他相关还款责任
    pub other_refund_duty: OtherRefundDuty,
}

/// 担保责任 totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct GuaranteeDuty {
    /// 账户数
    pub account_num: String,
    /// 担保金额
    pub guarantee_amount: String,
    /// 余额
    pub surplus_amount: String,
}

/// 其他相关还款责任 totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OtherRefundDuty {
    /// 账户数
    pub account_num: String,
    /// 还款责任金额
    pub refund_duty_amount: String,
    /// 余额
    pub surplus_amount: String,
}
