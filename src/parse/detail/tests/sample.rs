//! The PBOC 本人版 design sample (`shared/samples`), through the real text path: pdfium →
//! layout → section splitter → this parser. Ignored by default because it needs libpdfium
//! (`scripts/download_models.sh`); run with `cargo test --lib parse::detail -- --ignored`.
//! Expected values are read off the sample (`shared/samples/text/benrenban_sample.layout.txt`).

use std::path::PathBuf;

use crate::config::Settings;
use crate::parse::segment::{SectionId, Sections};
use crate::pipeline::Pipeline;
use crate::report::CreditTransInfoDetail;

use super::parse;

/// Settings over the checked-out artefacts.
pub(super) fn settings() -> Settings {
    Settings::at(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The sample PDF's bytes.
pub(super) fn sample_bytes() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    std::fs::read(path).expect("sample PDF in ../shared/samples")
}

/// Section 三 of the sample read from its text layer.
pub(super) fn sample_detail() -> CreditTransInfoDetail {
    let pipeline = Pipeline::new(&settings()).expect("libpdfium (run scripts/download_models.sh)");
    let doc = pipeline.document(&sample_bytes()).expect("document");
    parse(Sections::new(&doc.blocks).get(SectionId::CreditTransDetail))
}

#[test]
#[ignore = "needs libpdfium (scripts/download_models.sh) and ../shared/samples"]
fn sample_report_section_three() {
    let d = sample_detail();
    let names = |v: Vec<&str>| v.join(",");

    assert_eq!(
        names(d.recovery_info.iter().map(|a| a.name.as_str()).collect()),
        "账户1,账户2"
    );
    assert_eq!(
        d.recovery_info[0].account_state.debt_collection.surplus_amount,
        "20,000"
    );
    assert_eq!(
        d.recovery_info[1].account_state.debt_finish.account_closed_date,
        "2011.01.20"
    );
    assert_eq!(d.recovery_info[1].special_trans_types[0].kind, "担保人（第三方）代偿");

    let states: Vec<&str> = d
        .acyclic_credit_account
        .iter()
        .map(|a| a.account_state.value.as_str())
        .collect();
    assert_eq!(states, ["呆账", "逾期", "转出", "结清"]);
    let a2 = &d.acyclic_credit_account[1];
    assert_eq!((a2.name.as_str(), a2.account_currency_type.as_str()), ("账户2", "美元"));
    assert_eq!(a2.account_state.normal.overdue_31_tp_60, "1,000");
    assert_eq!(a2.before_deadline_date.value, "2015年05月05日");
    assert_eq!(a2.special_label[0].add_date, "2013.10.25");
    let g = &a2.refund_record;
    assert_eq!(
        (g.date_range.as_str(), g.start_date.as_str(), g.end_date.as_str()),
        ("2010年09月—2015年05月", "2010.09", "2015.05")
    );
    let per_year: Vec<(&str, usize)> = g.detail.iter().map(|y| (y.year.as_str(), y.month.len())).collect();
    assert_eq!(
        per_year,
        [
            ("2015", 5),
            ("2014", 12),
            ("2013", 12),
            ("2012", 12),
            ("2011", 12),
            ("2010", 4)
        ]
    );
    let may = &g.detail[0].month[4];
    assert_eq!(
        (may.month_value.as_str(), may.state.as_str(), may.amount.as_str()),
        ("5", "2", "6,100")
    );
    assert_eq!(g.detail[1].month[6].state, "D");
    assert_eq!(g.detail[5].month[0].month_value, "9");
    let transferred = &d.acyclic_credit_account[2];
    assert_eq!(transferred.account_state.transfer.transfer_date, "2011.08");
    assert_eq!(transferred.refund_record.detail[0].month[7].amount, "--");

    assert_eq!(d.cyclical_amount_per_account.len(), 2);
    assert_eq!(d.cyclical_amount_per_account[1].account_state.value, "正常");
    assert_eq!(d.cyclical_loan_account.len(), 2);
    // Cut by the p7→p8 page break in the sample.
    assert_eq!(d.cyclical_loan_account[0].refund_type, "按期结息、到期还本");
    assert_eq!(d.cyclical_loan_account[0].account_extension_amount, "70,000");
    assert_eq!(
        d.cyclical_loan_account[1].account_state.clear.account_closed_date,
        "2015.04.28"
    );

    let cards: Vec<&str> = d
        .credit_account
        .iter()
        .map(|c| c.account_state.value.as_str())
        .collect();
    assert_eq!(cards, ["呆账", "正常", "销户", "未激活"]);
    assert_eq!(
        d.credit_account[1]
            .big_amount_special_period_info
            .period_amount_effective_date,
        "2015.09.12"
    );
    assert_eq!(d.credit_account[1].special_event_info, "该账户2015年05月不出单。");
    assert_eq!(
        d.credit_account[2].account_state.account_canceled.canceled_date,
        "2015年05月10日"
    );
    assert_eq!(
        d.credit_account[3].account_state.inactive.inactive_due_date,
        "2015年05月28日"
    );
    assert!(d.credit_account[3].refund_record.detail.is_empty());

    assert_eq!(d.quasi_credit_account.len(), 2);
    assert_eq!(
        d.quasi_credit_account[1]
            .account_state
            .normal
            .over_draft_180_unpayed_amount,
        "0"
    );

    let duty = &d.concerned_refund_duty_info;
    assert_eq!(duty.concern_refund_person_borrow.len(), 2);
    assert_eq!(duty.concern_refund_person_borrow[1].primary_borrower, "王五");
    assert_eq!(duty.concern_refund_company_borrow[0].overdue_month_num, "2");

    assert_eq!(d.extension_protocol_info.len(), 6);
    assert_eq!(d.extension_protocol_info[5].extension_protocol_id, "BHXY4432122");
}
