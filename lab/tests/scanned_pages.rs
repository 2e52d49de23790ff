//! The scanned-page path on real pixels: the first pages of the PBOC design sample, turned
//! into an image-only PDF by the corpus scanner (skewed, one page rotated, seal, noise), must
//! come back upright and straight with their rulings and most of their text. Ground truth is
//! the sample's own text layer. Needs the models and pdfium (`scripts/download_models.sh`).

use std::path::PathBuf;

use pdfium_render::prelude::*;
use zhengxin::config::Settings;
use zhengxin::content::Orientation;
use zhengxin::ocr::{OcrEngine, OcrParams};
use zhengxin::pdf::PdfEngine;
use zhengxin::scanned::{read_scanned_page, ScanParams};
use zhengxin_lab::synth::scan::{scan_with_engine, ScanLevel};

fn sample_path() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf")
}

/// Characters of `truth` found in `got`, as a multiset share (order-free, so reading-order
/// differences between text layer and OCR do not count as recognition errors).
fn char_recall(truth: &str, got: &str) -> f64 {
    use std::collections::HashMap;
    let mut have: HashMap<char, i64> = HashMap::new();
    for c in got.chars().filter(|c| !c.is_whitespace()) {
        *have.entry(c).or_default() += 1;
    }
    let mut total = 0;
    let mut hit = 0;
    for c in truth.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        let e = have.entry(c).or_default();
        if *e > 0 {
            *e -= 1;
            hit += 1;
        }
    }
    hit as f64 / total.max(1) as f64
}

#[test]
fn scanned_sample_pages_come_back_upright_straight_and_readable() {
    let settings = Settings::from_env().expect("settings");
    let pdf = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let ocr = OcrEngine::new(&OcrParams::default(), &settings.ocr_files())
        .expect("OCR models (run scripts/download_models.sh)");

    // A 4-page excerpt keeps the test quick.
    let bytes = std::fs::read(sample_path()).expect("sample PDF in ../shared/samples");
    let src = pdf.open(&bytes).unwrap();
    let mut excerpt = pdf.pdfium().create_new_pdf().unwrap();
    excerpt
        .pages_mut()
        .copy_page_range_from_document(&src, 0..=3, 0)
        .unwrap();
    let excerpt_bytes = excerpt.save_to_bytes().unwrap();
    let truth: Vec<String> = excerpt.pages().iter().map(|p| p.text().unwrap().all()).collect();

    let mut seen_rotation = false;
    for (level, seed) in [(ScanLevel::Mild, 3u64), (ScanLevel::Heavy, 5)] {
        let (scan, manifest) = scan_with_engine(&pdf, &excerpt_bytes, level, seed).expect("scan");
        let doc = pdf.open(&scan).unwrap();
        for (i, page) in doc.pages().iter().enumerate() {
            let (content, geom, t) = read_scanned_page(&ocr, &page, i, &ScanParams::default()).expect("read page");
            let m = &manifest.pages[i];
            let expected_turns = ((360 - m.rotation_cw as u32) % 360 / 90) as u8;
            seen_rotation |= m.rotation_cw != 0;
            assert_eq!(
                geom.quarter_turns, expected_turns,
                "{level:?} page {i}: orientation (manifest {m:?})"
            );
            assert!(
                (geom.skew_deg - m.skew_deg).abs() <= 0.3,
                "{level:?} page {i}: skew {} vs {}",
                geom.skew_deg,
                m.skew_deg
            );
            let text: String = content.spans.iter().map(|s| s.text.as_str()).collect();
            let recall = char_recall(&truth[i], &text);
            let hs = content
                .rulings
                .iter()
                .filter(|r| r.orientation == Orientation::Horizontal)
                .count();
            let vs = content.rulings.len() - hs;
            println!(
                "{level:?} p{i}: dpi {} turns {} skew {:.2} (true {:.2}) rulings h{hs} v{vs} char recall {:.3} det {:?} rec {:?}",
                geom.dpi, geom.quarter_turns, geom.skew_deg, m.skew_deg, recall, t.det, t.rec
            );
            // Regression floors a little under what the path reaches today (mild ≥ 0.985,
            // heavy ≥ 0.965 on every page). Heavy pages fell to 0.63 before the paper level
            // was flattened: gray stock right at the tint level turned into speckle.
            let floor = 0.93;
            assert!(recall >= floor, "{level:?} page {i}: char recall {recall:.3} < {floor}");
            assert!(hs >= 3 && vs >= 2, "{level:?} page {i}: rulings h{hs} v{vs}");
        }
    }
    assert!(seen_rotation, "the scanner should have rotated one page");
}
