//! 五 公共信息明细 → `publicInfoDetail` (report_layout.md §9): eight record tables, the court
//! ones stacked in two tables joined on 编号, 住房公积金 as repeated forms without 编号.

use crate::layout::Block;
use crate::report::{
    AdministrativePenaltyRecord, AdministrativeRewardRecord, CivilJudgmentRecord, ExecutiveQualificationRecord,
    ForceExecuteRecord, HousingProvidentFundContributionRecord, LowSecurityRescueRecord, OwingTaxRecord,
    PublicInfoDetail,
};

use super::form::{items, read_forms, read_keyed};

const SECTION: &str = "publicInfoDetail";

fn set_tax(r: &mut OwingTaxRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "主管税务机关" => r.charged_tax_office = v,
        "欠税总额" => r.owing_tax_amount = v,
        "欠税统计日期" => r.owing_tax_stats_date = v,
        _ => return false,
    }
    true
}

fn set_civil(r: &mut CivilJudgmentRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "立案法院" => r.filling_court = v,
        "案由" => r.reason = v,
        "立案日期" => r.filling_date = v,
        "结案方式" => r.closing_type = v,
        "判决/调解结果" | "判决/调节结果" => r.closing_result = v,
        "判决/调解生效日期" | "判决/调节生效日期" => r.closing_effect_date = v,
        "诉讼标的" => r.litigation = v,
        "诉讼标的金额" => r.litigation_amount = v,
        _ => return false,
    }
    true
}

fn set_force(r: &mut ForceExecuteRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        // S3 prints the first block with the civil labels; the meaning is the same.
        "执行法院" | "立案法院" => r.execute_court = v,
        "执行案由" | "案由" => r.execute_reason = v,
        "立案日期" => r.filling_date = v,
        "结案方式" => r.closing_type = v,
        "案件状态" => r.case_state = v,
        "结案日期" => r.closing_date = v,
        "申请执行标的" => r.apply_execute_subject = v,
        "申请执行标的价值" | "申请执行标的金额" => r.apply_execute_subject_value = v,
        "已执行标的" => r.executed_subject = v,
        "已执行标的金额" => r.executed_subject_amount = v,
        _ => return false,
    }
    true
}

fn set_penalty(r: &mut AdministrativePenaltyRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "处罚机构" => r.penalty_org = v,
        "处罚内容" => r.penalty_content = v,
        "处罚金额" => r.penalty_amount = v,
        "生效日期" => r.effect_date = v,
        "截止日期" => r.due_date = v,
        "行政复议结果" => r.administrative_review_result = v,
        _ => return false,
    }
    true
}

fn set_fund(r: &mut HousingProvidentFundContributionRecord, label: &str, v: String) -> bool {
    match label {
        "参缴地" => r.contribution_place = v,
        "参缴日期" => r.contribution_date = v,
        "初缴月份" => r.first_contribution_date = v,
        "缴至月份" => r.contribution_due_date = v,
        "缴费状态" => r.contribution_state = v,
        "月缴存额" => r.amount_per_month = v,
        "个人缴存比例" => r.self_contribution_proportion = v,
        "单位缴存比例" => r.company_contribution_proportion = v,
        "缴费单位" => r.contribution_company = v,
        "信息更新日期" => r.update_at = v,
        _ => return false,
    }
    true
}

fn set_low_security(r: &mut LowSecurityRescueRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "人员类别" => r.person_type = v,
        "所在地" => r.place = v,
        "工作单位" => r.company = v,
        "家庭月收入" => r.family_income_per_month = v,
        "申请日期" => r.apply_date = v,
        "批准日期" => r.agree_date = v,
        "信息更新日期" => r.update_at = v,
        _ => return false,
    }
    true
}

fn set_qualification(r: &mut ExecutiveQualificationRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "执业资格名称" => r.executive_qualification_name = v,
        "等级" => r.level = v,
        "获得日期" => r.got_date = v,
        "到期日期" => r.deadline_date = v,
        "吊销日期" => r.revocation_date = v,
        "颁发机构" => r.issuer = v,
        "机构所在地" | "颁发机构所在地" => r.issuer_place = v,
        _ => return false,
    }
    true
}

fn set_reward(r: &mut AdministrativeRewardRecord, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "奖励机构" => r.reward_company = v,
        "奖励内容" => r.reward_content = v,
        "生效日期" => r.effect_date = v,
        "截止日期" => r.due_date = v,
        _ => return false,
    }
    true
}

/// The blocks of the eight sub-sections of 五 公共信息明细.
#[derive(Default)]
pub struct PublicBlocks<'a> {
    /// （一）欠税记录
    pub owing_tax: &'a [Block],
    /// （二）民事判决记录
    pub civil_judgment: &'a [Block],
    /// （三）强制执行记录
    pub force_execute: &'a [Block],
    /// （四）行政处罚记录
    pub administrative_penalty: &'a [Block],
    /// （五）住房公积金参缴记录
    pub housing_fund: &'a [Block],
    /// （六）低保救助记录
    pub low_security_rescue: &'a [Block],
    /// （七）执业资格记录
    pub executive_qualification: &'a [Block],
    /// （八）行政奖励记录
    pub administrative_reward: &'a [Block],
}

/// Parses 五 公共信息明细. Every table with 编号 is read keyed, so a record whose columns are
/// stacked in two tables, or whose row a page break cut, comes out as one record.
pub fn parse_public_info(b: &PublicBlocks<'_>) -> PublicInfoDetail {
    PublicInfoDetail {
        owing_tax_record: read_keyed(&items(b.owing_tax), set_tax, SECTION),
        civil_judgment_record: read_keyed(&items(b.civil_judgment), set_civil, SECTION),
        force_execute_record: read_keyed(&items(b.force_execute), set_force, SECTION),
        administrative_penalty_record: read_keyed(&items(b.administrative_penalty), set_penalty, SECTION),
        housing_provident_fund_contribution_record: read_forms(&items(b.housing_fund), set_fund, "参缴地", SECTION),
        low_security_rescue_record: read_keyed(&items(b.low_security_rescue), set_low_security, SECTION),
        executive_qualification_record: read_keyed(&items(b.executive_qualification), set_qualification, SECTION),
        administrative_reward_record: read_keyed(&items(b.administrative_reward), set_reward, SECTION),
    }
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::table;
    use super::*;

    #[test]
    fn stacked_court_tables_join_on_number() {
        let civil = [table(&[
            &["编号", "立案法院", "案由", "立案日期", "结案方式"],
            &["1", "北京市宣武区人民法院", "--", "2011.09.11", "判决"],
            &["2", "北京市东城区人民法院", "--", "2009.05.09", "判决"],
            &["编号", "判决/调解结果", "判决/调解生效日期", "诉讼标的", "诉讼标的金额"],
            &[
                "1",
                "被告张十五赔偿原告李四人民币 500,000 元",
                "2011.07.09",
                "房屋买卖纠纷",
                "500,000",
            ],
            &[
                "2",
                "被告张十五赔偿原告王五人民币 200,000 元",
                "2010.10.11",
                "房屋买卖纠纷",
                "200,000",
            ],
        ])];
        let force = [table(&[
            &["编号", "执行法院", "执行案由", "立案日期", "结案方式"],
            &["1", "北京市西城区人民法院", "--", "2012.09.11", "执行结案"],
            &[
                "编号",
                "案件状态",
                "结案日期",
                "申请执行标的",
                "申请执行标的价值",
                "已执行标的",
                "已执行标的金额",
            ],
            &[
                "1",
                "执行完毕",
                "2012.09.15",
                "房屋",
                "420,000",
                "房屋买卖纠纷",
                "420,000",
            ],
        ])];
        let d = parse_public_info(&PublicBlocks {
            civil_judgment: &civil,
            force_execute: &force,
            ..Default::default()
        });
        assert_eq!(d.civil_judgment_record.len(), 2);
        let c = &d.civil_judgment_record[1];
        assert_eq!(
            (c.no.as_str(), c.filling_court.as_str(), c.closing_result.as_str()),
            ("2", "北京市东城区人民法院", "被告张十五赔偿原告王五人民币200,000元")
        );
        assert_eq!(c.litigation_amount, "200,000");
        let f = &d.force_execute_record[0];
        assert_eq!(
            (
                f.execute_court.as_str(),
                f.case_state.as_str(),
                f.executed_subject_amount.as_str()
            ),
            ("北京市西城区人民法院", "执行完毕", "420,000")
        );
        assert!(d.owing_tax_record.is_empty());
    }

    #[test]
    fn fund_forms_and_simple_lists() {
        let fund = [
            table(&[
                &[
                    "参缴地",
                    "参缴日期",
                    "初缴月份",
                    "缴至月份",
                    "缴费状态",
                    "月缴存额",
                    "个人缴存比例",
                    "单位缴存比例",
                ],
                &[
                    "内蒙古自治区通辽市",
                    "2007.01.01",
                    "2007.01",
                    "2008.12",
                    "缴交",
                    "1,000",
                    "12%",
                    "12%",
                ],
                &["7|缴费单位", "信息更新日期"],
                &["7|科左中旗努日木苏木经管站", "2013.07"],
            ]),
            table(&[
                &[
                    "参缴地",
                    "参缴日期",
                    "初缴月份",
                    "缴至月份",
                    "缴费状态",
                    "月缴存额",
                    "个人缴存比例",
                    "单位缴存比例",
                ],
                &[
                    "北京市",
                    "2006.07.01",
                    "2006.01",
                    "2006.12",
                    "缴交",
                    "1,000",
                    "12%",
                    "12%",
                ],
                &["7|缴费单位", "信息更新日期"],
                &["7|北京银行", "2014.07"],
            ]),
        ];
        let tax = [table(&[
            &["编号", "主管税务机关", "欠税总额", "欠税统计日期"],
            &["1", "北京市东城区地税局", "500", "2012.03.17"],
        ])];
        let qual = [table(&[
            &[
                "编号",
                "执业资格名称",
                "等级",
                "获得日期",
                "到期日期",
                "吊销日期",
                "颁发机构",
                "机构所在地",
            ],
            &[
                "1",
                "会计从业资格证书",
                "省市级机构颁发的执业资\n格证书",
                "2009.03",
                "2017.05",
                "--",
                "江西省财政厅",
                "江西省南昌\n市市辖区",
            ],
        ])];
        let d = parse_public_info(&PublicBlocks {
            housing_fund: &fund,
            owing_tax: &tax,
            executive_qualification: &qual,
            ..Default::default()
        });
        assert_eq!(d.housing_provident_fund_contribution_record.len(), 2);
        let f = &d.housing_provident_fund_contribution_record[0];
        assert_eq!(
            (
                f.contribution_company.as_str(),
                f.update_at.as_str(),
                f.company_contribution_proportion.as_str()
            ),
            ("科左中旗努日木苏木经管站", "2013.07", "12%")
        );
        assert_eq!(
            d.housing_provident_fund_contribution_record[1].contribution_place,
            "北京市"
        );
        assert_eq!(d.owing_tax_record[0].owing_tax_amount, "500");
        let q = &d.executive_qualification_record[0];
        assert_eq!(
            (q.level.as_str(), q.issuer_place.as_str()),
            ("省市级机构颁发的执业资格证书", "江西省南昌市市辖区")
        );
    }
}
