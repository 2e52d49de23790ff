//! [`parse_report`] on the real 本人版 sample in `../shared/samples` (text path, needs libpdfium
//! from scripts/download_models.sh).

use std::path::PathBuf;
use std::sync::OnceLock;

use super::{parse_report, ReportVersion};
use crate::config::Settings;
use crate::layout::Document;
use crate::pipeline::Pipeline;
use crate::report::CreditReport;

fn sample_document() -> Document {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let pipeline = Pipeline::new(&Settings::from_env().expect("settings")).expect("pipeline");
    pipeline.document(&bytes).expect("document")
}

/// Parsed once for all tests of this module.
fn sample_report() -> &'static CreditReport {
    static REPORT: OnceLock<CreditReport> = OnceLock::new();
    REPORT.get_or_init(|| {
        let doc = sample_document();
        let report = parse_report(&doc, ReportVersion::Personal);
        if let Ok(dir) = std::env::var("ZHENGXIN_PARSE_DUMP") {
            // Debugging aid: the document and the result as JSON.
            let dump = |name: &str, json: String| std::fs::write(PathBuf::from(&dir).join(name), json).expect("dump");
            dump("document.json", serde_json::to_string_pretty(&doc).expect("json"));
            dump("report.json", serde_json::to_string_pretty(&report).expect("json"));
        }
        report
    })
}

#[test]
fn sample_header_and_basic_info() {
    let r = sample_report();
    let h = &r.credit_header;
    assert_eq!(
        (h.serial_no.as_str(), h.report_time.as_str()),
        ("201506010000332123", "2015.06.01 10:05:15")
    );
    assert_eq!(
        (h.who_was_checked.as_str(), h.id_num.as_str(), h.reason.as_str()),
        ("张十五", "110108******181X", "本人查询（临柜）")
    );
    assert_eq!(h.other_id_info.len(), 2);
    assert_eq!(
        h.anti_hack_info.warning_info,
        "信息主体申请设置防欺诈警示，联系电话：010—90000000/13900000000。"
    );
    assert_eq!(
        (
            h.anti_hack_info.effect_date.as_str(),
            h.anti_hack_info.due_date.as_str()
        ),
        ("2015年5月29日", "2016年5月28日")
    );
    assert_eq!(
        h.objection_info,
        "信息主体对信用报告内容提出了3笔异议且正在处理中，请浏览时注意阅读相关内容。"
    );

    let b = &r.person_basic_info;
    assert_eq!(
        (
            b.person_info.birthday.value.as_str(),
            b.person_info.birthday.organization.as_str()
        ),
        ("1981.08.15", "工商银行")
    );
    assert_eq!(
        b.person_info.post_addr.value,
        "北京市西城区金融大街35号国际企业大厦A座301室"
    );
    assert_eq!(b.person_info.mobile.len(), 5);
    assert_eq!(
        (
            b.person_info.mobile[4].mobile.as_str(),
            b.person_info.mobile[4].organization.as_str()
        ),
        ("18600000000", "建设银行")
    );
    assert_eq!(b.connubial_info.id_type, "外国人居留证");
    assert_eq!(b.lived_infos.len(), 5);
    assert_eq!(
        (b.lived_infos[1].status.as_str(), b.lived_infos[1].organization.as_str()),
        ("集体宿舍", "中国银行")
    );
    assert_eq!(b.experiences.len(), 5);
    let e = &b.experiences[1];
    assert_eq!(e.company, "北京大学信息科学技术学院软件工程研究所");
    assert_eq!(e.address, "北京市海淀区颐和园路5号理科3号楼601室");
    assert_eq!((e.started_at.as_str(), e.organization.as_str()), ("2007", "中国银行"));
}

#[test]
fn sample_info_summary() {
    let s = &sample_report().info_summary;
    assert_eq!(s.personal_credit_report_explication.digit_explication, "");
    assert_eq!(s.credit_trans_info_hint.total_account_num, "11");
    assert_eq!(s.credit_trans_info_hint.detail.loan.len(), 3);
    assert_eq!(s.credit_trans_info_hint.detail.credit_card.len(), 2);
    assert_eq!(s.credit_trans_info_hint.detail.others[0].kind, "--");
    let b = &s.credit_trans_breach_info_summary;
    assert_eq!(
        (
            b.recourse_info_summary.total_account_num.as_str(),
            b.recourse_info_summary.surplus_amount.as_str()
        ),
        ("2", "30,000")
    );
    assert_eq!(b.recourse_info_summary.detail.len(), 2);
    assert_eq!(b.bad_debts_summary.surplus_amount, "170,000");
    let kinds: Vec<&str> = b.overdue_info_collection.iter().map(|o| o.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "非循环贷账户",
            "循环贷账户一",
            "循环贷账户二",
            "贷记卡账户",
            "准贷记卡账户"
        ]
    );
    let d = &s.credit_trans_extension_and_debt_summary;
    assert_eq!(d.acyclic_loan_account_info_summary.extension_amount, "1,010,000");
    assert_eq!(d.cyclical_amount_account_info_summary.extension_amount, "20,000");
    assert_eq!(d.cyclical_loan_account_info_summary.extension_amount, "610,000");
    assert_eq!(d.credit_account_info_summary.avg_6month_used_amount, "4,000");
    assert_eq!(d.quasi_credit_account_info_summary.min_amount_per_company, "5,000");
    assert_eq!(
        d.concerned_refund_duty_info_summary
            .for_company
            .other_refund_duty
            .refund_duty_amount,
        "900,000"
    );
    assert_eq!(s.noncredit_trans_info_summary.len(), 2);
    // 公共信息汇总 only: the design-era 非金融/公开信息概要 tables must not leak in.
    assert_eq!(s.public_info_summary.len(), 4);
    let q = &s.query_record_summary;
    assert_eq!(q.last_1_month_query_num.self_query, "3");
    assert_eq!(q.last_2_year_query_num.manager_after_loan, "7");
    assert_eq!(q.last_2_year_query_num.bespoke_merchants_real_name_investigate, "1");
    assert_eq!(q.objection_and_description.len(), 1);
}

#[test]
fn sample_closing_sections() {
    let r = sample_report();
    assert_eq!(r.noncredit_trans_info_detail.len(), 3);
    let n = &r.noncredit_trans_info_detail[2];
    assert_eq!(
        (n.company_name.as_str(), n.refund_record.date_range.as_str()),
        ("中国联通甘肃分公司", "2013年06月—2015年05月")
    );
    assert_eq!(
        n.refund_record.detail.iter().map(|y| y.month.len()).collect::<Vec<_>>(),
        [5, 12, 7]
    );
    let p = &r.public_info_detail;
    assert_eq!(p.owing_tax_record.len(), 2);
    assert_eq!(
        p.civil_judgment_record[1].closing_result,
        "被告张十五赔偿原告王五人民币200,000元"
    );
    assert_eq!(p.force_execute_record[1].closing_date, "2011.10.11");
    assert_eq!(
        p.administrative_penalty_record[1].penalty_content,
        "暂扣或者吊销许可证、暂扣或者吊销执照"
    );
    assert_eq!(p.housing_provident_fund_contribution_record.len(), 2);
    assert_eq!(p.low_security_rescue_record[0].update_at, "2008.03.15");
    assert_eq!(p.executive_qualification_record[1].issuer_place, "北京市市辖区朝阳区");
    // 七 公开信息's 认定类/惩戒类 records must not be read as 行政奖励.
    assert_eq!(p.administrative_reward_record.len(), 2);
    assert_eq!(r.self_declare.len(), 1);
    assert_eq!(r.objection_label[0].add_date, "2015.04.15");
    assert_eq!(r.query_record.company_query_record.len(), 5);
    assert_eq!(r.query_record.person_query_record.len(), 3);
    assert_eq!(
        r.query_record.person_query_record[2].query_company,
        "中国人民银行营业管理部"
    );
}
