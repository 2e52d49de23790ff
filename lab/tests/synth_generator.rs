//! The synthetic corpus generator: determinism, truth round-trip, page furniture read back with
//! pdfium, and coverage of versions and page-break behaviour.

use std::path::PathBuf;

use zhengxin::config::Settings;
use zhengxin::pdf::PdfEngine;
use zhengxin::report::CreditReport;
use zhengxin_lab::synth::{generate, id_is_valid, Generated, Version, MAX_PAGES};

fn setup() -> (PdfEngine, PathBuf) {
    let s = Settings::from_env().expect("settings");
    let e = PdfEngine::load(&s.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    (e, zhengxin_lab::synth::cjk_font(&s))
}

fn page_texts(e: &PdfEngine, pdf: &[u8]) -> Vec<String> {
    let doc = e.open(pdf).expect("open generated pdf");
    doc.pages().iter().map(|p| p.text().expect("text").all()).collect()
}

fn gen(e: &PdfEngine, f: &std::path::Path, seed: u64, i: u64) -> Generated {
    generate(e, f, seed, i).unwrap_or_else(|err| panic!("seed {seed} report {i}: {err}"))
}

#[test]
fn same_seed_gives_same_truth_and_pdf() {
    let (e, f) = setup();
    for i in 0..3 {
        let a = gen(&e, &f, 11, i);
        let b = gen(&e, &f, 11, i);
        assert_eq!(
            serde_json::to_string(&a.truth).unwrap(),
            serde_json::to_string(&b.truth).unwrap()
        );
        assert_eq!(page_texts(&e, &a.pdf), page_texts(&e, &b.pdf));
        assert!(a.pdf == b.pdf, "report {i}: PDF bytes differ between runs");
    }
    let other = gen(&e, &f, 12, 0);
    assert_ne!(
        serde_json::to_string(&gen(&e, &f, 11, 0).truth).unwrap(),
        serde_json::to_string(&other.truth).unwrap()
    );
}

#[test]
fn truth_round_trips_and_ids_are_valid() {
    let (e, f) = setup();
    for i in 0..6 {
        let g = gen(&e, &f, 3, i);
        let json = serde_json::to_string_pretty(&g.truth).unwrap();
        let back: CreditReport = serde_json::from_str(&json).expect("truth parses as CreditReport");
        assert_eq!(back, g.truth);
        let h = &g.truth.credit_header;
        assert_eq!(h.serial_no.len(), 22);
        assert!(
            h.serial_no.starts_with(&h.report_time.replace(['.', ' ', ':'], "")),
            "{} vs {}",
            h.serial_no,
            h.report_time
        );
        match g.version {
            Version::Institution => assert!(id_is_valid(&h.id_num), "{}", h.id_num),
            Version::Personal => assert!(h.id_num.contains("******") && h.id_num.chars().count() == 16),
        }
        let sp = &g.truth.person_basic_info.connubial_info;
        if sp.id_type == "身份证" {
            assert!(id_is_valid(&sp.id_num), "{}", sp.id_num);
        }
        for d in &g
            .truth
            .credit_trans_info_detail
            .concerned_refund_duty_info
            .concern_refund_person_borrow
        {
            if d.primary_borrower_id_type == "身份证" {
                assert!(id_is_valid(&d.primary_borrower_id_num));
            }
        }
    }
}

#[test]
fn pages_have_footers_and_truth_values_are_printed() {
    let (e, f) = setup();
    for i in 0..5 {
        let g = gen(&e, &f, 5, i);
        assert!((2..=MAX_PAGES).contains(&g.pages), "report {i}: {} pages", g.pages);
        let texts = page_texts(&e, &g.pdf);
        assert_eq!(texts.len(), g.pages);
        for (n, t) in texts.iter().enumerate() {
            // Reports drawn with a CJK/Latin gap extract as `第 1 页，共 25 页`.
            let footer = format!("第{}页，共{}页", n + 1, g.pages);
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(compact.contains(&footer), "report {i} page {} lacks {footer}", n + 1);
        }
        let all: String = texts.concat();
        let title = match g.version {
            Version::Personal => "（本人版）",
            Version::Institution => "（授信机构版）",
        };
        assert!(texts[0].contains("个人信用报告") && texts[0].contains(title));
        assert!(all.contains(&g.truth.credit_header.serial_no));
        for m in &g.truth.person_basic_info.person_info.mobile {
            assert!(all.contains(&m.mobile), "{} not printed", m.mobile);
        }
        for q in &g.truth.query_record.company_query_record {
            assert!(all.contains(&q.date));
        }
    }
}

#[test]
fn versions_sections_and_page_breaks_vary_across_seeds() {
    let (e, f) = setup();
    let (mut personal, mut institution, mut breaks, mut cuts) = (0, 0, 0, 0);
    let (mut with_cards, mut without_cards, mut with_public, mut without_public) = (0, 0, 0, 0);
    for i in 0..20 {
        let g = gen(&e, &f, 1, i);
        match g.version {
            Version::Personal => personal += 1,
            Version::Institution => institution += 1,
        }
        let stats = g.stats.expect("the pdfium route records its breaks");
        breaks += stats.table_breaks;
        cuts += stats.row_cuts;
        let d = &g.truth.credit_trans_info_detail;
        if d.credit_account.is_empty() {
            without_cards += 1
        } else {
            with_cards += 1
        }
        let p = &g.truth.public_info_detail;
        if p == &Default::default() {
            without_public += 1
        } else {
            with_public += 1
        }
    }
    assert!(
        personal > 0 && institution > 0,
        "both versions: {personal}/{institution}"
    );
    assert!(breaks > 0, "no table flowed across a page break");
    assert!(cuts > 0, "no row was cut mid-cell");
    assert!(with_cards > 0 && without_cards > 0);
    assert!(with_public > 0 && without_public > 0);
}

#[test]
fn scan_level_lists_parse() {
    use zhengxin_lab::synth::parse_scan_levels;
    assert!(parse_scan_levels("none").unwrap().is_empty());
    assert_eq!(parse_scan_levels("clean,mild,heavy").unwrap().len(), 3);
    assert!(parse_scan_levels("clean,blurry").is_err());
}

/// Writes a few reports for eyeballing: `ZX_SYNTH_DUMP=/tmp/dir cargo test -p zhengxin-lab --test synth_generator dump -- --ignored`.
#[test]
#[ignore]
fn dump() {
    let dir = PathBuf::from(std::env::var("ZX_SYNTH_DUMP").unwrap_or_else(|_| "/tmp/zx_synth".into()));
    let env = |k: &str, d: u64| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (seed, count) = (env("ZX_SYNTH_SEED", 1), env("ZX_SYNTH_COUNT", 6) as usize);
    let args = zhengxin_lab::synth::GenArgs {
        out: dir,
        seed,
        count,
        scan_levels: "none".into(),
        negatives: false,
        garbled: false,
        route: zhengxin_lab::synth::Route::Pdfium,
        source: None,
        truth: None,
        plant: Vec::new(),
    };
    let t = std::time::Instant::now();
    zhengxin_lab::synth::run(&args).unwrap();
    eprintln!("{count} reports in {:?}", t.elapsed());
}

fn leaves(v: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((key.to_string(), s.clone())),
        serde_json::Value::Array(a) => a.iter().for_each(|x| leaves(x, key, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| leaves(x, k, out)),
        _ => {}
    }
}

/// Every truth value is printed: after removing layout whitespace, footers and the watermark,
/// each non-empty leaf occurs in the PDF's text (wrapped and page-cut cells included).
#[test]
fn every_truth_value_is_in_the_text_layer() {
    let (e, f) = setup();
    for i in 0..8 {
        let g = gen(&e, &f, 21, i);
        let mut text: String = page_texts(&e, &g.pdf)
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for n in 1..=g.pages {
            text = text.replace(&format!("第{}页，共{}页", n, g.pages), "");
        }
        let wm: String = g.watermark.chars().filter(|c| !c.is_whitespace()).collect();
        text = text.replace(&wm, "");
        let mut all = Vec::new();
        leaves(&serde_json::to_value(&g.truth).unwrap(), "", &mut all);
        let missing: Vec<_> = all
            .iter()
            // startDate/endDate of a grid are the title's months re-formatted as YYYY.MM (CONVENTIONS 10).
            .filter(|(k, v)| !v.is_empty() && !matches!(k.as_str(), "startDate" | "endDate"))
            .filter(|(_, v)| !text.contains(&v.chars().filter(|c| !c.is_whitespace()).collect::<String>()))
            .collect();
        assert!(
            missing.is_empty(),
            "report {i}: {} values not printed, e.g. {:?}",
            missing.len(),
            &missing[..missing.len().min(8)]
        );
    }
}

/// Page-count and break statistics over 40 reports: `cargo test -p zhengxin-lab --test synth_generator stats -- --ignored --nocapture`.
#[test]
#[ignore]
fn stats() {
    let (e, f) = setup();
    let mut pages = Vec::new();
    for i in 0..40 {
        let g = gen(&e, &f, 2, i);
        let s = g.stats.unwrap_or_default();
        pages.push((g.pages, s.table_breaks, s.row_cuts, g.pdf.len() / 1024));
    }
    eprintln!("{pages:?}");
}

/// Every section of the schema is filled in some reports and absent (`""`/`[]`) in others.
#[test]
fn every_section_is_sometimes_present_and_sometimes_absent() {
    let (e, f) = setup();
    let pointers = [
        "/creditHeader/otherIdInfo", "/creditHeader/antiHackInfo/warningInfo", "/creditHeader/objectionInfo",
        "/personBasicInfo/personInfo/mobile", "/personBasicInfo/personInfo/gender/organization",
        "/personBasicInfo/connubialInfo/name", "/personBasicInfo/livedInfos", "/personBasicInfo/experiences",
        "/infoSummary/personalCreditReportExplication/digitExplication", "/infoSummary/creditTransInfoHint/totalAccountNum",
        "/infoSummary/creditTransBreachInfoSummary/recourseInfoSummary/totalAccountNum",
        "/infoSummary/creditTransBreachInfoSummary/badDebtsSummary/accountNum",
        "/infoSummary/creditTransBreachInfoSummary/overdueInfoCollection",
        "/infoSummary/creditTransExtensionAndDebtSummary/acyclicLoanAccountInfoSummary/accountNum",
        "/infoSummary/creditTransExtensionAndDebtSummary/cyclicalAmountAccountInfoSummary/accountNum",
        "/infoSummary/creditTransExtensionAndDebtSummary/cyclicalLoanAccountInfoSummary/accountNum",
        "/infoSummary/creditTransExtensionAndDebtSummary/creditAccountInfoSummary/accountNum",
        "/infoSummary/creditTransExtensionAndDebtSummary/quasiCreditAccountInfoSummary/accountNum",
        "/infoSummary/creditTransExtensionAndDebtSummary/concernedRefundDutyInfoSummary/forPerson/guaranteeDuty/accountNum",
        "/infoSummary/noncreditTransInfoSummary", "/infoSummary/publicInfoSummary",
        "/infoSummary/queryRecordSummary/last1MonthQueryNum/selfQuery", "/infoSummary/queryRecordSummary/lastQueryRecord/date",
        "/infoSummary/queryRecordSummary/objectionAndDescription",
        "/creditTransInfoDetail/recoveryInfo", "/creditTransInfoDetail/acyclicCreditAccount",
        "/creditTransInfoDetail/cyclicalAmountPerAccount", "/creditTransInfoDetail/cyclicalLoanAccount",
        "/creditTransInfoDetail/creditAccount", "/creditTransInfoDetail/quasiCreditAccount",
        "/creditTransInfoDetail/concernedRefundDutyInfo/concernRefundPersonBorrow",
        "/creditTransInfoDetail/concernedRefundDutyInfo/concernRefundCompanyBorrow",
        "/creditTransInfoDetail/extensionProtocolInfo", "/noncreditTransInfoDetail",
        "/publicInfoDetail/owingTaxRecord", "/publicInfoDetail/civilJudgmentRecord", "/publicInfoDetail/forceExecuteRecord",
        "/publicInfoDetail/administrativePenaltyRecord", "/publicInfoDetail/housingProvidentFundContributionRecord",
        "/publicInfoDetail/lowSecurityRescueRecord", "/publicInfoDetail/executiveQualificationRecord",
        "/publicInfoDetail/administrativeRewardRecord", "/selfDeclare", "/objectionLabel",
        "/queryRecord/personQueryRecord", "/queryRecord/companyQueryRecord",
    ];
    let mut seen = vec![(0, 0); pointers.len()];
    let mut states = std::collections::BTreeSet::new();
    for i in 0..40 {
        let g = gen(&e, &f, 4, i);
        let v = serde_json::to_value(&g.truth).unwrap();
        for (k, p) in pointers.iter().enumerate() {
            let present = match v.pointer(p).unwrap_or_else(|| panic!("{p} missing from the truth")) {
                serde_json::Value::String(s) => !s.is_empty(),
                serde_json::Value::Array(a) => !a.is_empty(),
                other => panic!("{p}: unexpected {other}"),
            };
            if present {
                seen[k].0 += 1
            } else {
                seen[k].1 += 1
            }
        }
        let d = &g.truth.credit_trans_info_detail;
        states.extend(d.acyclic_credit_account.iter().map(|a| a.account_state.value.clone()));
        states.extend(d.credit_account.iter().map(|a| a.account_state.value.clone()));
        states.extend(d.recovery_info.iter().map(|a| a.account_state.value.clone()));
    }
    let never: Vec<_> = pointers
        .iter()
        .zip(&seen)
        .filter(|(_, s)| s.0 == 0 || s.1 == 0)
        .collect();
    assert!(never.is_empty(), "always present or always absent: {never:?}");
    for s in ["正常", "逾期", "结清", "呆账", "转出", "销户", "未激活", "催收", "结束"] {
        assert!(states.contains(s), "state {s} never drawn: {states:?}");
    }
}
