//! Scanned pages read side by side give the same result as pages read one at a time: the
//! design sample's first pages scanned (synth scanner, mild level), parsed by a pipeline with
//! one page worker on two threads and by one with three single-threaded page workers, must
//! produce the same report and evidence, byte for byte.

mod common;

use zhengxin::pdf::PdfEngine;
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin_lab::synth::scan::{scan_with_engine, ScanLevel};

use common::{sample_bytes, settings};

/// The report and the evidence of `scan` as JSON, read with `page_workers` engines of
/// `threads` intra-op threads each.
fn parse_json(scan: &[u8], page_workers: usize, threads: usize) -> (String, String) {
    let mut s = settings();
    s.page_workers = page_workers;
    s.ocr.threads = threads;
    let pipeline = Pipeline::new(&s).expect("pipeline (run scripts/download_models.sh)");
    assert_eq!(pipeline.engines().size(), page_workers);
    let opts = ParseOptions {
        classify: false,
        evidence: true,
        page_images: false,
    };
    let out = pipeline.parse(scan, opts).expect("parse");
    assert_eq!(out.ocr_pages, (0..out.summary.page_count).collect::<Vec<_>>());
    (
        serde_json::to_string(&out.report).expect("report json"),
        serde_json::to_string(&out.evidence.expect("evidence")).expect("evidence json"),
    )
}

#[test]
fn page_workers_do_not_change_the_result() {
    let pdf = PdfEngine::load(&settings().pdfium_lib()).expect("libpdfium");
    let sample = sample_bytes();
    let src = pdf.open(&sample).expect("open sample");
    // Header, 一, 二 and the start of 三: four pages, so three workers finish out of order.
    let mut excerpt = pdf.pdfium().create_new_pdf().expect("new pdf");
    excerpt
        .pages_mut()
        .copy_page_range_from_document(&src, 0..=3, 0)
        .expect("copy pages");
    let bytes = excerpt.save_to_bytes().expect("save");
    let (scan, _) = scan_with_engine(&pdf, &bytes, ScanLevel::Mild, 5).expect("scan");

    let (one_report, one_evidence) = parse_json(&scan, 1, 2);
    let (three_report, three_evidence) = parse_json(&scan, 3, 1);
    assert!(
        one_report.len() > 1000,
        "the scan was read: {} bytes of report",
        one_report.len()
    );
    assert!(one_report == three_report, "the report differs with three page workers");
    assert!(
        one_evidence == three_evidence,
        "the evidence differs with three page workers"
    );
}
