//! Measured on the real design sample: the PBOC 本人版 sample in `../shared/samples/` is parsed
//! and scored against a truth transcribed by hand from its page images and text dump
//! (`tests/fixtures/sample/benrenban.truth.json`, see the README there).
//!
//! The truth is partial on purpose (sections 四…十一 of the sample are not transcribed), so this
//! scores RECALL only: every non-empty leaf of the truth must be extracted with the same value;
//! fields the parser reports beyond the truth are not errors here. The four transcribed sections
//! must be extracted completely.

use std::collections::BTreeMap;
use std::path::PathBuf;

use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin::report::CreditReport;
use zhengxin_lab::eval::{compare, flatten, load_truth, section, Outcome};

const SAMPLE: &str = "pboc_personal_benrenban_sample_2015design_19p.pdf";
const TRUTH: &str = "tests/fixtures/sample/benrenban.truth.json";
const SECTIONS: [&str; 4] = [
    "creditHeader",
    "personBasicInfo",
    "infoSummary",
    "creditTransInfoDetail",
];

fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn truth() -> CreditReport {
    load_truth(&repo_root().join(TRUTH)).expect("truth file parses as a CreditReport")
}

/// Per section: (expected leaves, matched leaves).
fn recall_by_section(expected: &CreditReport, got: &CreditReport) -> (BTreeMap<String, (u64, u64)>, Vec<String>) {
    let cmp = compare(expected, got).expect("compare");
    let mut by: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut misses = Vec::new();
    for f in &cmp.fields {
        match f.outcome {
            Outcome::Spurious => continue,
            Outcome::Match => {
                let e = by.entry(section(&f.path).to_string()).or_default();
                e.0 += 1;
                e.1 += 1;
            }
            Outcome::Wrong | Outcome::Missed => {
                by.entry(section(&f.path).to_string()).or_default().0 += 1;
                misses.push(format!(
                    "{:<7} {}\n        expected {:?}\n        got      {:?}",
                    if f.outcome == Outcome::Wrong { "WRONG" } else { "MISSED" },
                    f.path,
                    f.expected,
                    f.got
                ));
            }
        }
    }
    (by, misses)
}

/// The truth covers every section this test asserts on, with the sizes the README states; a
/// truth that lost a section would make the recall check vacuous.
#[test]
fn truth_file_is_a_full_transcription_of_the_four_sections() {
    let t = truth();
    let flat = flatten(&t).expect("flatten");
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for path in flat.leaves.keys() {
        *per.entry(section(path)).or_default() += 1;
    }
    for s in SECTIONS {
        let n = per.get(s).copied().unwrap_or(0);
        println!("truth leaves {s}: {n}");
        assert!(n > 0, "truth has no leaves in {s}");
    }
    let d = &t.credit_trans_info_detail;
    assert_eq!(d.recovery_info.len(), 2);
    assert_eq!(d.acyclic_credit_account.len(), 4);
    assert_eq!(d.cyclical_amount_per_account.len(), 2);
    assert_eq!(d.cyclical_loan_account.len(), 2);
    assert_eq!(d.credit_account.len(), 4);
    assert_eq!(d.quasi_credit_account.len(), 2);
    assert_eq!(d.concerned_refund_duty_info.concern_refund_person_borrow.len(), 2);
    assert_eq!(d.concerned_refund_duty_info.concern_refund_company_borrow.len(), 1);
    assert_eq!(d.extension_protocol_info.len(), 6);
    assert_eq!(t.person_basic_info.person_info.mobile.len(), 5);
    assert_eq!(t.person_basic_info.lived_infos.len(), 5);
    assert_eq!(t.person_basic_info.experiences.len(), 5);
    // The scorer itself: the truth against an empty report recalls nothing.
    let (by, _) = recall_by_section(&t, &CreditReport::default());
    for s in SECTIONS {
        let (n, ok) = by.get(s).copied().unwrap_or((0, 0));
        assert!(n > 0 && ok == 0, "{s}: {ok}/{n} against an empty report");
    }
}

#[test]
fn sample_fields_are_all_extracted() {
    let expected = truth();
    let bytes = std::fs::read(repo_root().join("../shared/samples").join(SAMPLE)).expect("read sample");
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline");
    let outcome = pipeline
        .parse(
            &bytes,
            ParseOptions {
                classify: true,
                ..ParseOptions::default()
            },
        )
        .expect("the sample parses");
    let (by, misses) = recall_by_section(&expected, &outcome.report);

    println!("recall over the truth's non-empty leaves, per section:");
    for (s, (n, ok)) in &by {
        println!("  {s:<24} {ok:>5}/{n:<5} {:.4}", *ok as f64 / (*n).max(1) as f64);
    }
    println!("{} missed/wrong leaves:", misses.len());
    for m in &misses {
        println!("  {m}");
    }

    let failing: Vec<String> = SECTIONS
        .iter()
        .filter_map(|s| {
            let (n, ok) = by.get(*s).copied().unwrap_or((0, 0));
            (n == 0 || ok < n).then(|| format!("{s} {ok}/{n}"))
        })
        .collect();
    assert!(
        failing.is_empty(),
        "recall below 1.0 on the design sample: {} ({} leaves missed or wrong, listed above)",
        failing.join(", "),
        misses.len()
    );
}

/// The forms of `value.format` were written from report_layout.md; the real sample, transcribed
/// by hand and drawn by no generator of ours, holds every one of its dates, amounts, counts,
/// shares, phone numbers and grid states in them.
#[test]
fn every_value_of_the_sample_is_in_its_printed_form() {
    use zhengxin::evidence::checks::{self, formats};
    let truth = truth();
    let checked = zhengxin::evidence::attribute::leaves(&truth)
        .iter()
        .filter(|l| formats::form_of(&l.key).is_some())
        .count();
    assert!(checked > 1_000, "only {checked} values have a form");
    let failed: Vec<_> = checks::failures(&truth)
        .into_iter()
        .filter(|c| c.rule == "value.format")
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}
