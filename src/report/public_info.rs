//! 公共信息明细: tax arrears, court and administrative records, provident fund, welfare,
//! qualifications and awards.

use serde::{Deserialize, Serialize};

/// 公共信息明细
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PublicInfoDetail {
    /// 欠税记录
    pub owing_tax_record: Vec<OwingTaxRecord>,
    /// 民事判决记录
    pub civil_judgment_record: Vec<CivilJudgmentRecord>,
    /// 强制执行记录
    pub force_execute_record: Vec<ForceExecuteRecord>,
    /// 行政处罚记录
    pub administrative_penalty_record: Vec<AdministrativePenaltyRecord>,
    /// 住房公积金参缴记录
    pub housing_provident_fund_contribution_record: Vec<HousingProvidentFundContributionRecord>,
    /// 低保救助记录
    pub low_security_rescue_record: Vec<LowSecurityRescueRecord>,
    /// 执业资格记录
    pub executive_qualification_record: Vec<ExecutiveQualificationRecord>,
    /// 行政奖励记录
    pub administrative_reward_record: Vec<AdministrativeRewardRecord>,
}

/// 欠税记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OwingTaxRecord {
    /// 编号
    pub no: String,
    /// 主管税务机关
    pub charged_tax_office: String,
    /// 欠税总额
    pub owing_tax_amount: String,
    /// 欠税统计日期
    pub owing_tax_stats_date: String,
}

/// 民事判决记录 (joined per 编号 across the stacked tables).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CivilJudgmentRecord {
    /// 编号
    pub no: String,
    /// 立案法院
    pub filling_court: String,
    /// 案由
    pub reason: String,
    /// 立案日期
    pub filling_date: String,
    /// 结案方式
    pub closing_type: String,
    /// 判决/调解结果
    pub closing_result: String,
    /// 判决/调解生效日期
    pub closing_effect_date: String,
    /// 诉讼标的
    pub litigation: String,
    /// 诉讼标的金额
    pub litigation_amount: String,
}

/// 强制执行记录 (joined per 编号 across the stacked tables).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ForceExecuteRecord {
    /// 编号
    pub no: String,
    /// 执行法院
    pub execute_court: String,
    /// 执行案由
    pub execute_reason: String,
    /// 立案日期
    pub filling_date: String,
    /// 结案方式
    pub closing_type: String,
    /// 案件状态
    pub case_state: String,
    /// 结案日期
    pub closing_date: String,
    /// 申请执行标的
    pub apply_execute_subject: String,
    /// 申请执行标的价值
    pub apply_execute_subject_value: String,
    /// 已执行标的
    pub executed_subject: String,
    /// 已执行标的金额
    pub executed_subject_amount: String,
}

/// 行政处罚记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AdministrativePenaltyRecord {
    /// 编号
    pub no: String,
    /// 处罚机构
    pub penalty_org: String,
    /// 处罚内容
    pub penalty_content: String,
    /// 处罚金额
    pub penalty_amount: String,
    /// 生效日期
    pub effect_date: String,
    /// 截止日期
    pub due_date: String,
    /// 行政复议结果
    pub administrative_review_result: String,
}

/// 住房公积金参缴记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct HousingProvidentFundContributionRecord {
    /// 参缴地
    pub contribution_place: String,
    /// 参缴日期
    pub contribution_date: String,
    /// 初缴月份
    pub first_contribution_date: String,
    /// 缴至月份
    pub contribution_due_date: String,
    /// 缴费状态
    pub contribution_state: String,
    /// 月缴存额
    pub amount_per_month: String,
    /// 个人缴存比例
    pub self_contribution_proportion: String,
    /// 单位缴存比例
    pub company_contribution_proportion: String,
    /// 缴费单位
    pub contribution_company: String,
    /// 信息更新日期
    pub update_at: String,
}

/// 低保救助记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LowSecurityRescueRecord {
    /// 编号
    pub no: String,
    /// 人员类别
    pub person_type: String,
    /// 所在地
    pub place: String,
    /// 工作单位
    pub company: String,
    /// 家庭月收入
    pub family_income_per_month: String,
    /// 申请日期
    pub apply_date: String,
    /// 批准日期
    pub agree_date: String,
    /// 信息更新日期
    pub update_at: String,
}

/// 执业资格记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ExecutiveQualificationRecord {
    /// 编号
    pub no: String,
    /// 执业资格名称 (the schema key keeps its misspelling)
    #[serde(rename = "executiveQulificationName")]
    pub executive_qualification_name: String,
    /// 等级
    pub level: String,
    /// 获得日期
    pub got_date: String,
    /// 到期日期
    pub deadline_date: String,
    /// 吊销日期
    pub revocation_date: String,
    /// 颁发机构
    pub issuer: String,
    /// 颁发机构所在地
    pub issuer_place: String,
}

/// 行政奖励记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AdministrativeRewardRecord {
    /// 编号
    pub no: String,
    /// 奖励机构
    pub reward_company: String,
    /// 奖励内容
    pub reward_content: String,
    /// 生效日期
    pub effect_date: String,
    /// 截止日期
    pub due_date: String,
}
