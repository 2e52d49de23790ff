//! Text PDFs whose fonts lost their Unicode maps (the generator's `garbled` variant): the text
//! layer must be judged garbled, and the pages read from their exact glyph boxes and rulings
//! with the recogniser; a PDF mixing garbled and sound pages is read page by page. Needs the
//! models and pdfium (`scripts/download_models.sh`).

use zhengxin::config::Settings;
use zhengxin::pdf::{assess_text_layer, PdfEngine, TextLayerQuality};
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin_lab::eval::compare;
use zhengxin_lab::synth::{self, garble};

/// Field F1 a generated garbled report must reach (issue 10 targets 0.995 on a corpus; one
/// report is a small sample, so the floor leaves room for a single misread field).
const MIN_F1: f64 = 0.98;
/// Grid cells read right, same reasoning.
const MIN_GRID: f64 = 0.98;

fn setup() -> (Settings, PdfEngine, Pipeline) {
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    (settings, engine, pipeline)
}

#[test]
fn garbled_report_reads_from_glyph_runs_and_mixed_pdf_page_by_page() {
    let (settings, engine, pipeline) = setup();
    let g = synth::generate(&engine, &synth::cjk_font(&settings), 11, 0).expect("generate");
    let garbled = garble::garble(&g.pdf).expect("garble");
    assert_eq!(garbled.len(), g.pdf.len(), "same-length edit");

    // Every page's text layer is judged garbled.
    {
        let doc = engine.open(&garbled).expect("open garbled");
        for (i, page) in doc.pages().iter().enumerate() {
            let text = page.text().expect("text").all();
            assert_eq!(
                assess_text_layer(&text),
                TextLayerQuality::Garbled,
                "page {i} of the garbled PDF"
            );
        }
    }

    let out = pipeline
        .parse(&garbled, ParseOptions::default())
        .expect("parse garbled");
    assert_eq!(out.ocr_pages.len(), g.pages, "every page read from pixels");
    let cmp = compare(&g.truth, &out.report).expect("compare");
    let (f1, grid) = (cmp.counts().f1(), cmp.grid.accuracy());
    eprintln!(
        "garbled: F1 {f1:.4} grid {grid:.4} ({} fields not matched)",
        cmp.errors().count()
    );
    assert!(f1 >= MIN_F1, "garbled F1 {f1:.4} < {MIN_F1}");
    assert!(grid >= MIN_GRID, "garbled grid cells {grid:.4} < {MIN_GRID}");

    // Mixed: even pages garbled, odd pages sound.
    let mixed = {
        let text = engine.open(&g.pdf).expect("open text");
        let bad = engine.open(&garbled).expect("open garbled");
        let mut doc = engine.pdfium().create_new_pdf().expect("new pdf");
        for i in 0..g.pages as i32 {
            let src = if i % 2 == 0 { &bad } else { &text };
            doc.pages_mut()
                .copy_page_range_from_document(src, i..=i, i)
                .expect("copy page");
        }
        doc.save_to_bytes().expect("save mixed")
    };
    let out = pipeline.parse(&mixed, ParseOptions::default()).expect("parse mixed");
    let want: Vec<usize> = (0..g.pages).filter(|i| i % 2 == 0).collect();
    assert_eq!(out.ocr_pages, want, "only the garbled pages go to OCR");
    let cmp = compare(&g.truth, &out.report).expect("compare");
    let (f1, grid) = (cmp.counts().f1(), cmp.grid.accuracy());
    eprintln!("mixed: F1 {f1:.4} grid {grid:.4}");
    assert!(f1 >= MIN_F1, "mixed F1 {f1:.4} < {MIN_F1}");
    assert!(grid >= MIN_GRID, "mixed grid cells {grid:.4} < {MIN_GRID}");
}
