//! 信息概要: the summary tables on the first pages (except 授信及负债信息概要, which lives in
//! `summary_debt`).

use serde::{Deserialize, Serialize};

use super::summary_debt::CreditTransExtensionAndDebtSummary;

/// 信息概要
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct InfoSummary {
    /// 个人信用报告"数字解读"
    pub personal_credit_report_explication: PersonalCreditReportExplication,
    /// 信贷交易信息提示
    pub credit_trans_info_hint: CreditTransInfoHint,
    /// 信贷交易违约信息概要
    pub credit_trans_breach_info_summary: CreditTransBreachInfoSummary,
    /// 信贷交易授信及负债信息概要
    pub credit_trans_extension_and_debt_summary: CreditTransExtensionAndDebtSummary,
    /// 非信贷交易信息概要
    pub noncredit_trans_info_summary: Vec<NoncreditTransInfoSummary>,
    /// 公共信息概要
    pub public_info_summary: Vec<PublicInfoSummary>,
    /// 查询记录概要
    pub query_record_summary: QueryRecordSummary,
}

/// 数字解读
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PersonalCreditReportExplication {
    /// 数字解读
    pub digit_explication: String,
    /// 相对位置
    pub relative_location: String,
    /// 说明: one string per 影响因素 line.
    pub desc: Vec<String>,
}

/// 信贷交易信息提示
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditTransInfoHint {
    /// 账户总数 (合计 row)
    pub total_account_num: String,
    /// The business rows, grouped by 业务类型.
    pub detail: CreditTransHintDetail,
}

/// 信贷交易信息提示 rows, grouped by 业务类型.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditTransHintDetail {
    /// 贷款
    pub loan: Vec<AccountCountRow>,
    /// 信用卡
    pub credit_card: Vec<AccountCountRow>,
    /// 其他
    pub others: Vec<AccountCountRow>,
}

/// One 信贷交易信息提示 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AccountCountRow {
    /// 业务类型 (e.g. 个人住房贷款, 贷记卡; for 其他 the printed sub-type cell)
    #[serde(rename = "type")]
    pub kind: String,
    /// 账户数
    pub account_num: String,
    /// 首笔业务发放月份
    pub first_got_at: String,
}

/// 信贷交易违约信息概要
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditTransBreachInfoSummary {
    /// 被追偿信息汇总
    pub recourse_info_summary: RecourseInfoSummary,
    /// 呆账信息汇总
    pub bad_debts_summary: BadDebtsSummary,
    /// 逾期(透支)信息汇总
    pub overdue_info_collection: Vec<OverdueInfoCollection>,
}

/// 被追偿信息汇总
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RecourseInfoSummary {
    /// 账户数合计
    pub total_account_num: String,
    /// 余额合计
    pub surplus_amount: String,
    /// The business rows, without 合计.
    pub detail: Vec<RecourseDetail>,
}

/// One 被追偿信息汇总 business row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RecourseDetail {
    /// 业务类型 (资产处置业务, 垫款业务)
    #[serde(rename = "type")]
    pub kind: String,
    /// 账户数
    pub account_num: String,
    /// 余额
    pub surplus_amount: String,
}

/// 呆账信息汇总
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct BadDebtsSummary {
    /// 账户数
    pub account_num: String,
    /// 余额
    pub surplus_amount: String,
}

/// One 逾期(透支)信息汇总 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OverdueInfoCollection {
    /// 账户类型, as printed (非循环贷账户, 循环贷账户一, 贷记卡账户 …)
    #[serde(rename = "type")]
    pub kind: String,
    /// 账户数
    pub account_num: String,
    /// 月份数
    pub month_num: String,
    /// 单月最高逾期/透支总额
    pub max_amount_per_month: String,
    /// 最长逾期/透支月数
    pub max_overdue_month_num: String,
}

/// One 非信贷交易信息概要 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct NoncreditTransInfoSummary {
    /// 业务类型 (电信业务, 自来水业务 …)
    #[serde(rename = "type")]
    pub kind: String,
    /// 账户数
    pub account_num: String,
    /// 欠费金额
    pub debt_amount: String,
}

/// One 公共信息概要 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PublicInfoSummary {
    /// 信息类型 (欠税信息, 民事判决信息 …)
    #[serde(rename = "type")]
    pub kind: String,
    /// 记录数
    pub record_num: String,
    /// 涉及金额
    pub reference_amount: String,
}

/// 查询记录概要
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QueryRecordSummary {
    /// 上一次查询记录 (授信机构版)
    pub last_query_record: LastQueryRecord,
    /// 最近1个月内的查询机构数
    pub last_1_month_query_company_num: Last1MonthQueryCompanyNum,
    /// 最近1个月内的查询次数
    pub last_1_month_query_num: Last1MonthQueryNum,
    /// 最近2年内的查询次数
    pub last_2_year_query_num: Last2YearQueryNum,
    /// 异议标注及说明
    pub objection_and_description: Vec<ObjectionAndDescription>,
}

/// 上一次查询记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LastQueryRecord {
    /// 查询日期
    pub date: String,
    /// 查询机构
    pub company_name: String,
    /// 查询原因
    pub detail: String,
}

/// 最近1个月内的查询机构数
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Last1MonthQueryCompanyNum {
    /// 贷款审批
    pub loan_approval: String,
    /// 信用卡审批
    pub credit_approval: String,
}

/// 最近1个月内的查询次数
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Last1MonthQueryNum {
    /// 贷款审批
    pub loan_approval: String,
    /// 信用卡审批
    pub credit_approval: String,
    /// 本人查询
    pub self_query: String,
}

/// 最近2年内的查询次数
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Last2YearQueryNum {
    /// 贷后管理
    pub manager_after_loan: String,
    /// 担保资格审查
    pub guarantee_investigate: String,
    /// 特约商户实名审查
    pub bespoke_merchants_real_name_investigate: String,
}

/// One 异议标注及说明 entry of the summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ObjectionAndDescription {
    /// 异议标注
    pub objection_label: String,
    /// 添加日期
    pub add_date: String,
}
