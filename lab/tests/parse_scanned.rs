//! The sample's non-detail pages as a scan (synth scanner, mild level) through OCR, layout, the
//! OCR corrector and [`parse_report`], against the text-layer parse of the same report.
//! Measures how much of the sections outside 三 survives OCR; ignored by default (models,
//! pdfium, minutes of CPU): `cargo test --lib parse::scanned_tests -- --ignored --nocapture`.

use std::path::PathBuf;

use serde_json::Value;

use super::{parse_report, ReportVersion};
use crate::config::Settings;
use crate::correct::correct_document;
use crate::layout::build_document;
use crate::ocr::{OcrEngine, OcrParams};
use crate::pdf::PdfEngine;
use crate::pipeline::Pipeline;
use crate::scanned::{read_scanned_page, ScanParams};
use crate::synth::scan::{scan_with_engine, ScanLevel};

/// (path, expected, found) for every string leaf that differs.
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<(String, String, String)>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                diff(&format!("{path}.{k}"), wv, g.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            for (i, wv) in w.iter().enumerate() {
                diff(&format!("{path}[{i}]"), wv, g.get(i).unwrap_or(&Value::Null), out);
            }
        }
        _ if want != got => out.push((path.to_string(), want.to_string(), got.to_string())),
        _ => {}
    }
}

fn leaves(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.values().map(leaves).sum(),
        Value::Array(a) => a.iter().map(leaves).sum(),
        _ => 1,
    }
}

/// The report without 三 信贷交易信息明细, as JSON.
fn outside_detail(r: &crate::report::CreditReport) -> Value {
    let mut v = serde_json::to_value(r).expect("json");
    if let Value::Object(m) = &mut v {
        m.remove("creditTransInfoDetail");
    }
    v
}

#[test]
#[ignore = "needs the OCR models and libpdfium (scripts/download_models.sh); minutes of CPU"]
fn scanned_sample_outside_the_detail_agrees_with_the_text_layer() {
    let settings = Settings::at(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let pdf = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let ocr = OcrEngine::new(&OcrParams::default(), &settings).expect("OCR models");
    let sample = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf"),
    )
    .expect("sample");
    let want_doc = Pipeline::new(&settings)
        .expect("pipeline")
        .document(&sample)
        .expect("document");
    let want = outside_detail(&parse_report(&want_doc, ReportVersion::Personal));

    // Pages 1–4 (header, 一, 二, start of 三) and 12–17 (end of 三, 四, 五, design-era
    // sections, 本人声明 … 查询记录).
    let src = pdf.open(&sample).expect("open sample");
    let mut excerpt = pdf.pdfium().create_new_pdf().expect("new pdf");
    excerpt
        .pages_mut()
        .copy_page_range_from_document(&src, 0..=3, 0)
        .expect("copy pages");
    excerpt
        .pages_mut()
        .copy_page_range_from_document(&src, 11..=16, 4)
        .expect("copy pages");
    let bytes = excerpt.save_to_bytes().expect("save");
    let (scan, _) = scan_with_engine(&pdf, &bytes, ScanLevel::Mild, 5).expect("scan");
    let doc = pdf.open(&scan).expect("open scan");
    let mut pages = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        pages.push(
            read_scanned_page(&ocr, &page, i, &ScanParams::default())
                .expect("read page")
                .0,
        );
    }
    let mut document = build_document(pages);
    let all: Vec<usize> = (0..document.page_count).collect();
    correct_document(&mut document, &all);
    if let Ok(dir) = std::env::var("ZHENGXIN_PARSE_DUMP") {
        std::fs::write(
            PathBuf::from(dir).join("scanned_document.json"),
            serde_json::to_string_pretty(&document).expect("json"),
        )
        .expect("dump");
    }
    let got = outside_detail(&parse_report(&document, ReportVersion::Personal));

    let mut diffs = Vec::new();
    diff("", &want, &got, &mut diffs);
    for (path, w, g) in &diffs {
        println!("{path}: expected {w}, found {g}");
    }
    let total = leaves(&want);
    let agreement = 1.0 - diffs.len() as f64 / total as f64;
    println!(
        "{} differences over {total} leaves: agreement {agreement:.3}",
        diffs.len()
    );
    // A regression floor, not a target: most of what is lost is upstream (rulings OCR misses
    // fuse title, header and value rows; characters land in the neighbouring cell).
    assert!(
        agreement >= 0.8,
        "only {agreement:.3} of the sections outside 三 survive OCR"
    );
}
