//! The sample's section 三 as a scan (synth scanner, mild level) through OCR, layout and the
//! OCR corrector, against the same pages read from the text layer. Measures how much of the
//! section survives OCR; ignored by default (models, pdfium, minutes of CPU).

use crate::correct::correct_document;
use crate::layout::build_document;
use crate::ocr::{OcrEngine, OcrParams};
use crate::parse::segment::{SectionId, Sections};
use crate::scanned::{read_scanned_page, ScanParams};
use crate::synth::scan::{scan_with_engine, ScanLevel};

use super::sample::{sample_bytes, sample_detail, settings};
use super::{diff, parse};

/// Counts the string leaves of a JSON value.
fn leaves(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => m.values().map(leaves).sum(),
        serde_json::Value::Array(a) => a.iter().map(leaves).sum(),
        _ => 1,
    }
}

#[test]
#[ignore = "needs the OCR models and libpdfium (scripts/download_models.sh); minutes of CPU"]
fn scanned_sample_section_three_agrees_with_the_text_layer() {
    let settings = settings();
    let pdf = crate::pdf::PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let ocr = OcrEngine::new(&OcrParams::default(), &settings).expect("OCR models");
    let sample = sample_bytes();
    let src = pdf.open(&sample).expect("open sample");
    // Pages 4–12 hold 三 信贷交易信息明细 (0-based 3..=11).
    let mut excerpt = pdf.pdfium().create_new_pdf().expect("new pdf");
    excerpt
        .pages_mut()
        .copy_page_range_from_document(&src, 3..=11, 0)
        .expect("copy pages");
    let bytes = excerpt.save_to_bytes().expect("save");
    let (scan, _) = scan_with_engine(&pdf, &bytes, ScanLevel::Mild, 3).expect("scan");
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
    // The excerpt starts under the section heading, so the splitter may not see 三; parse from
    // the first sub-section heading on.
    let blocks = Sections::new(&document.blocks).get(SectionId::CreditTransDetail);
    let blocks = if blocks.is_empty() {
        &document.blocks[..]
    } else {
        blocks
    };
    let got = serde_json::to_value(parse(blocks)).expect("json");
    let want = serde_json::to_value(sample_detail()).expect("json");
    let mut diffs = Vec::new();
    diff("", &want, &got, &mut diffs, usize::MAX);
    let total = leaves(&want);
    for d in diffs.iter().take(40) {
        println!("{d}");
    }
    let agreement = 1.0 - diffs.len() as f64 / total as f64;
    println!(
        "{} differences over {total} leaves: agreement {agreement:.3}",
        diffs.len()
    );
    assert!(agreement >= 0.9, "only {agreement:.3} of section 三 survives OCR");
}
