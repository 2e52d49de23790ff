//! Tests of the 信息概要 parsers (kept apart so the parsers stay short).

use super::super::form::testutil::{line, table};
use super::*;
use crate::report::{LoanAccountInfoSummary, RefundDutyByBorrower};

#[test]
fn hint_groups_rows_and_takes_total() {
    let blocks = vec![table(&[
        &["2|业务类型", "账户数", "首笔业务发放月份"],
        &["贷款", "个人住房贷款", "2", "2007.09"],
        &["^", "个人商用房贷款（包括商住两用房）", "1", "2008.01"],
        &["信用卡", "贷记卡", "2", "2007.09"],
        &["^", "准贷记卡", "1", "2009.10"],
        &["其他", "--", "3", "2007.09"],
        &["2|合计", "11", "--"],
    ])];
    let h = parse_hint(&blocks);
    assert_eq!(h.total_account_num, "11");
    assert_eq!(h.detail.loan.len(), 2);
    assert_eq!(h.detail.loan[1].kind, "个人商用房贷款（包括商住两用房）");
    assert_eq!(h.detail.loan[1].first_got_at, "2008.01");
    assert_eq!(
        h.detail.credit_card[1],
        AccountCountRow {
            kind: "准贷记卡".into(),
            account_num: "1".into(),
            first_got_at: "2009.10".into()
        }
    );
    assert_eq!(
        h.detail.others,
        vec![AccountCountRow {
            kind: "--".into(),
            account_num: "3".into(),
            first_got_at: "2007.09".into()
        }]
    );
}

#[test]
fn breach_tables_by_label_with_both_naming_sets() {
    let personal = vec![
        line("被追偿信息汇总"),
        table(&[
            &["业务类型", "账户数", "余额"],
            &["资产处置业务", "1", "10,000"],
            &["垫款业务", "1", "20,000"],
        ]),
        // 合计 continues on the next page as a separate piece.
        table(&[&["合计", "2", "30,000"]]),
        table(&[&["2|呆账信息汇总"], &["账户数", "余额"], &["1", "170,000"]]),
        table(&[
            &["5|逾期（透支）信息汇总"],
            &[
                "账户类型",
                "账户数",
                "月份数",
                "单月最高逾期/透支总额",
                "最长逾期/透支月数",
            ],
            &["非循环贷账户", "3", "6", "5,500", "2"],
            &["循环贷账户一", "1", "3", "2,500", "1"],
            &["准贷记卡账户", "--", "--", "--", "--"],
        ]),
    ];
    let b = parse_breach(&personal);
    assert_eq!(b.recourse_info_summary.total_account_num, "2");
    assert_eq!(b.recourse_info_summary.surplus_amount, "30,000");
    assert_eq!(b.recourse_info_summary.detail.len(), 2);
    assert_eq!(b.recourse_info_summary.detail[1].kind, "垫款业务");
    assert_eq!(
        b.bad_debts_summary,
        BadDebtsSummary {
            account_num: "1".into(),
            surplus_amount: "170,000".into()
        }
    );
    assert_eq!(b.overdue_info_collection.len(), 3);
    assert_eq!(b.overdue_info_collection[1].kind, "循环贷账户一");
    assert_eq!(b.overdue_info_collection[1].max_amount_per_month, "2,500");
    assert_eq!(b.overdue_info_collection[2].max_overdue_month_num, "--");

    let institution = vec![table(&[
        &[
            "账户类型",
            "账户数",
            "月份数",
            "单月最高逾期/透支总额",
            "最长逾期/透支月数",
        ],
        &["循环额度下分账户", "1", "3", "2,500", "1"],
        &["循环贷账户", "2", "6", "5,500", "2"],
    ])];
    let b = parse_breach(&institution);
    assert_eq!(b.overdue_info_collection[0].kind, "循环额度下分账户");
    assert_eq!(b.overdue_info_collection[1].kind, "循环贷账户");
    assert_eq!(b.recourse_info_summary.detail, vec![]);
}

fn loan_table(title: &str, n: &str) -> Block {
    let title = format!("5|{title}");
    table(&[
        &[title.as_str()],
        &["管理机构数", "账户数", "授信总额", "余额", "最近 6 个月平均应还款"],
        &["2", n, "1,010,000", "551,000", "6,000"],
    ])
}

#[test]
fn extension_debt_titles_decide_between_identical_tables() {
    for (one, two) in [
        ("循环贷账户一信息汇总", "循环贷账户二信息汇总"),
        ("循环额度下分账户信息汇总", "循环贷账户信息汇总"),
    ] {
        // Printed out of the usual order on purpose: the title, not the position, decides.
        let blocks = vec![
            loan_table(two, "22"),
            loan_table("非循环贷账户信息汇总", "3"),
            loan_table(one, "11"),
        ];
        let d = parse_extension_debt(&blocks);
        assert_eq!(d.acyclic_loan_account_info_summary.account_num, "3");
        assert_eq!(d.cyclical_amount_account_info_summary.account_num, "11");
        assert_eq!(d.cyclical_loan_account_info_summary.account_num, "22");
        assert_eq!(d.cyclical_loan_account_info_summary.avg_6month_pay, "6,000");
    }
}

#[test]
fn extension_debt_cards_and_duty() {
    let blocks = vec![
        table(&[
            &["7|贷记卡账户信息汇总"],
            &[
                "发卡机构数",
                "账户数",
                "授信总额",
                "单家机构\n最高授信额",
                "单家机构最低授信额",
                "已用额度",
                "最近 6 个月平\n均使用额度",
            ],
            &["2", "4", "80,000", "30,000", "20,000", "15,000", "4,000"],
        ]),
        line("准贷记卡账户信息汇总"),
        table(&[
            &[
                "发卡机构数",
                "账户数",
                "授信总额",
                "单家机构最高授信额",
                "单家机构最低授信额",
                "透支余额",
                "最近6个月平均透支余额",
            ],
            &["3", "4", "95,000", "30,000", "5,000", "12,000", "2,000"],
        ]),
        table(&[
            &["6|相关还款责任信息汇总"],
            &["6|为个人"],
            &["3|担保责任", "3|其他相关还款责任"],
            &["账户数", "担保金额", "余额", "账户数", "还款责任金额", "余额"],
            &["1", "200,000", "100,000", "3", "900,000", "500,000"],
            &["6|为企业"],
            &["3|担保责任", "3|其他相关还款责任"],
            &["账户数", "担保金额", "余额", "账户数", "还款责任金额", "余额"],
            &["4", "5", "6", "7", "8", "9"],
        ]),
    ];
    let d = parse_extension_debt(&blocks);
    assert_eq!(d.credit_account_info_summary.max_amount_per_company, "30,000");
    assert_eq!(d.credit_account_info_summary.avg_6month_used_amount, "4,000");
    assert_eq!(d.quasi_credit_account_info_summary.surplus_amount, "12,000");
    assert_eq!(d.quasi_credit_account_info_summary.avg_6month_overdraft_amount, "2,000");
    let p = &d.concerned_refund_duty_info_summary.for_person;
    assert_eq!(p.guarantee_duty.guarantee_amount, "200,000");
    assert_eq!(p.guarantee_duty.surplus_amount, "100,000");
    assert_eq!(p.other_refund_duty.account_num, "3");
    assert_eq!(p.other_refund_duty.surplus_amount, "500,000");
    let c = &d.concerned_refund_duty_info_summary.for_company;
    assert_eq!(
        (
            c.guarantee_duty.account_num.as_str(),
            c.other_refund_duty.refund_duty_amount.as_str()
        ),
        ("4", "8")
    );
    assert_eq!(d.acyclic_loan_account_info_summary, LoanAccountInfoSummary::default());
}

#[test]
fn duty_without_super_headers_falls_back_to_occurrence() {
    let blocks = vec![table(&[
        &["6|相关还款责任信息汇总"],
        &["账户数", "担保金额", "余额", "账户数", "还款责任金额", "余额"],
        &["1", "2", "3", "4", "5", "6"],
    ])];
    let d = parse_extension_debt(&blocks);
    let p = &d.concerned_refund_duty_info_summary.for_person;
    assert_eq!(
        (
            p.guarantee_duty.surplus_amount.as_str(),
            p.other_refund_duty.account_num.as_str()
        ),
        ("3", "4")
    );
    assert_eq!(
        d.concerned_refund_duty_info_summary.for_company,
        RefundDutyByBorrower::default()
    );
}

#[test]
fn explication_splits_factors() {
    let blocks = vec![table(&[
        &["数字解读", "相对位置", "说明"],
        &[
            "720",
            ">50%",
            "影响因素1：存在逾期还款记录\n影响因素2：近期没有信用活动",
        ],
    ])];
    let e = parse_explication(&blocks);
    assert_eq!(e.digit_explication, "720");
    assert_eq!(e.relative_location, ">50%");
    assert_eq!(
        e.desc,
        vec!["影响因素1：存在逾期还款记录", "影响因素2：近期没有信用活动"]
    );
    assert_eq!(
        split_factors("信息主体信用记录不足，无法给出数字解读。"),
        vec!["信息主体信用记录不足，无法给出数字解读。"]
    );
    assert!(split_factors("").is_empty());
}

#[test]
fn query_summary_with_super_headers_last_query_and_objections() {
    let blocks = vec![
        table(&[&["3|上一次查询记录"], &["2019.07.01", "商业银行“ABCD”", "贷款审批"]]),
        table(&[
            &[
                "2|最近1个月内的查询机构数",
                "3|最近1个月内的查询次数",
                "3|最近2年内的查询次数",
            ],
            &[
                "贷款审批",
                "信用卡审批",
                "贷款审批",
                "信用卡审批",
                "本人查询",
                "贷后管理",
                "担保资格\n审查",
                "特约商户\n实名审查",
            ],
            &["1", "2", "3", "4", "5", "6", "7", "8"],
        ]),
        table(&[
            &["2|异议及说明信息"],
            &["异议标注", "添加日期"],
            &["信贷交易信息提示正处于异议处理中。", "2014.07.22"],
        ]),
    ];
    let s = parse_query_summary(&blocks);
    assert_eq!(
        s.last_query_record,
        LastQueryRecord {
            date: "2019.07.01".into(),
            company_name: "商业银行“ABCD”".into(),
            detail: "贷款审批".into()
        }
    );
    assert_eq!(s.last_1_month_query_company_num.loan_approval, "1");
    assert_eq!(s.last_1_month_query_company_num.credit_approval, "2");
    assert_eq!(s.last_1_month_query_num.loan_approval, "3");
    assert_eq!(s.last_1_month_query_num.credit_approval, "4");
    assert_eq!(s.last_1_month_query_num.self_query, "5");
    assert_eq!(s.last_2_year_query_num.manager_after_loan, "6");
    assert_eq!(s.last_2_year_query_num.guarantee_investigate, "7");
    assert_eq!(s.last_2_year_query_num.bespoke_merchants_real_name_investigate, "8");
    assert_eq!(
        s.objection_and_description,
        vec![ObjectionAndDescription {
            objection_label: "信贷交易信息提示正处于异议处理中。".into(),
            add_date: "2014.07.22".into()
        }]
    );
}

#[test]
fn noncredit_and_public_summaries_and_absent_sections() {
    let b = SummaryBlocks {
        noncredit: &[table(&[
            &["3|后付费业务欠费信息汇总"],
            &["业务类型", "账户数", "欠费金额"],
            &["电信业务", "1", "10,000"],
            &["水电气等公用事业", "1", "200"],
        ])],
        public: &[table(&[
            &["信息类型", "记录数", "涉及金额"],
            &["欠税信息", "1", "10,000"],
        ])],
        ..SummaryBlocks::default()
    };
    let s = parse_summary(&b);
    assert_eq!(s.noncredit_trans_info_summary.len(), 2);
    assert_eq!(s.noncredit_trans_info_summary[1].debt_amount, "200");
    assert_eq!(
        s.public_info_summary[0],
        PublicInfoSummary {
            kind: "欠税信息".into(),
            record_num: "1".into(),
            reference_amount: "10,000".into()
        }
    );
    assert_eq!(s.query_record_summary, QueryRecordSummary::default());
    assert_eq!(s.credit_trans_info_hint, CreditTransInfoHint::default());
    assert_eq!(
        s.personal_credit_report_explication,
        PersonalCreditReportExplication::default()
    );
}
