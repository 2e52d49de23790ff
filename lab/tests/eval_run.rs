//! `eval::run` end to end on a one-report corpus built from the public 本人版 sample, with a
//! truth file that no extraction can fully match (so the numbers do not depend on how far the
//! parsers have come).

use std::path::{Path, PathBuf};

use zhengxin::config::Settings;
use zhengxin::error::ErrorKind;
use zhengxin::pipeline::Pipeline;
use zhengxin::report::CreditReport;
use zhengxin::Error;
use zhengxin_lab::eval::{self, EvalArgs, EvalSummary};

const SAMPLE: &str = "pboc_personal_benrenban_sample_2015design_19p.pdf";
const SAMPLE_PAGES: u64 = 19;

fn corpus(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengxin-eval-run-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    let sample = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("../shared/samples")
        .join(SAMPLE);
    std::fs::copy(&sample, dir.join("r.pdf")).expect("copy sample");
    std::fs::copy(&sample, dir.join("r.scan-clean.pdf")).expect("copy sample");
    std::fs::write(dir.join("orphan.pdf"), b"%PDF-1.4 not scored").expect("write orphan");
    let mut truth = CreditReport::default();
    // Three expected leaves, one of which no parser can produce from this PDF.
    truth.credit_header.serial_no = "SYNTHETIC-NOT-IN-THE-PDF".into();
    truth.credit_header.id_type = "身份证".into();
    truth.query_record.company_query_record.push(Default::default());
    truth.query_record.company_query_record[0].no = "1".into();
    std::fs::write(dir.join("r.truth.json"), serde_json::to_vec(&truth).expect("json")).expect("write truth");
    dir
}

fn args(dir: &Path, min_f1: Vec<(String, f64)>) -> EvalArgs {
    EvalArgs {
        dir: dir.to_path_buf(),
        json: Some(dir.join("summary.json")),
        min_f1,
        min_grid: Vec::new(),
        variants: Vec::new(),
        show_values: false,
        evidence: false,
        min_coverage: Vec::new(),
        min_boxes: Vec::new(),
        min_flag_recall: Vec::new(),
        max_flag_rate: Vec::new(),
        max_ece: Vec::new(),
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(&Settings::from_env().expect("settings")).expect("pipeline")
}

#[test]
fn scores_each_variant_and_writes_json() {
    let dir = corpus("ok");
    let summary = eval::run(&args(&dir, vec![("text".into(), 0.0)]), &pipeline()).expect("run");
    let names: Vec<&str> = summary.variants.iter().map(|v| v.variant.as_str()).collect();
    assert_eq!(
        names,
        vec!["pdfium/text", "pdfium/clean"],
        "rows are ROUTE/VARIANT; no meta file means pdfium"
    );
    for v in &summary.variants {
        assert_eq!(v.documents, 1);
        assert_eq!(v.pages, SAMPLE_PAGES);
        // Every expected leaf is either found or missed, whatever the parser returns.
        assert_eq!(v.overall.counts.tp + v.overall.counts.fn_, 3);
        assert!(
            v.overall.counts.fn_ >= 1,
            "the synthetic serial number cannot be extracted"
        );
        assert_eq!(v.exact, 0);
    }
    let written: EvalSummary =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).expect("summary written"))
            .expect("summary json");
    assert_eq!(written.variants.len(), 2);
    assert!(written.thresholds[0].passed);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn unmet_or_unknown_threshold_fails_after_writing_json() {
    let dir = corpus("fail");
    let err = eval::run(
        &args(&dir, vec![("text".into(), 1.0), ("heavy".into(), 0.0)]),
        &pipeline(),
    )
    .expect_err("F1 1.0 is out of reach and there is no heavy variant");
    assert!(
        matches!(err.kind(), ErrorKind::InvalidInput(_))
            && err.to_string().contains("text F1")
            && err.to_string().contains("heavy"),
        "{err}"
    );
    let written: EvalSummary =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).expect("summary written"))
            .expect("summary json");
    let passed: Vec<bool> = written.thresholds.iter().map(|t| t.passed).collect();
    assert_eq!(passed, vec![false, false]);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn variant_filter_and_empty_corpus() {
    let dir = corpus("filter");
    let mut a = args(&dir, Vec::new());
    a.variants = vec!["clean".into()];
    let summary = eval::run(&a, &pipeline()).expect("run");
    assert_eq!(summary.variants.len(), 1);
    assert_eq!(summary.variants[0].variant, "pdfium/clean");
    a.variants = vec!["nonexistent".into()];
    assert!(matches!(
        eval::run(&a, &pipeline()).map_err(Error::into_kind),
        Err(ErrorKind::InvalidInput(_))
    ));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn evidence_figures_are_scored_with_their_limits() {
    let dir = corpus("evidence");
    let mut a = args(&dir, Vec::new());
    a.variants = vec!["text".into()];
    a.evidence = true;
    a.min_coverage = vec![("text".into(), 1.0)];
    a.min_boxes = vec![("text".into(), 0.99)];
    // The truth names a serial number the PDF does not print: that extracted value is wrong
    // (or missed), and no OCR field exists for an ECE on a text PDF.
    a.max_ece = vec![("text".into(), 0.02)];
    let err = eval::run(&a, &pipeline()).expect_err("no OCR field: ECE not measured");
    assert!(err.to_string().contains("ECE"), "{err}");
    let written: EvalSummary =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).expect("summary written"))
            .expect("summary json");
    let ev = written.variants[0].evidence.as_ref().expect("evidence scored");
    assert_eq!(ev.coverage, 1.0);
    assert!(ev.covered > 0 && ev.boxes_checked > 0);
    assert_eq!(ev.ocr_fields, 0);
    let passed: Vec<bool> = written.thresholds.iter().map(|t| t.passed).collect();
    assert_eq!(passed, vec![true, true, false]);
    std::fs::remove_dir_all(&dir).expect("clean up");
}
