//! No invention across the synthetic corpus: each generated report's text layer is what it
//! prints (both versions, varied values and layouts), so correcting it as if every page had
//! been OCR'd must change nothing; and a `0` misread as `O` in any date or amount must come
//! back exactly.

use zhengxin::config::Settings;
use zhengxin::correct::correct_document;
use zhengxin::layout::{build_document, Block, Document};
use zhengxin::pdf::content::extract_page;
use zhengxin::pdf::PdfEngine;
use zhengxin::synth::{generate, Version};

fn texts(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Line(l) => out.push((format!("block {b} line"), l.text.clone())),
            Block::Table(t) => {
                out.extend(t.cells.iter().map(|c| (format!("block {b} cell r{} c{}", c.row, c.col), c.text.clone())))
            }
        }
    }
    out
}

#[test]
fn clean_synthetic_reports_are_not_corrected() {
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let font = settings.cjk_font();
    let mut versions = Vec::new();
    for index in 0..16 {
        let generated = generate(&engine, &font, 29, index).unwrap_or_else(|e| panic!("report {index}: {e}"));
        versions.push(generated.version);
        let pdf = engine.open(&generated.pdf).expect("open");
        let pages = pdf.pages().iter().enumerate().map(|(i, p)| extract_page(&p, i).expect("extract")).collect();
        let mut doc = build_document(pages);
        let before = texts(&doc);
        let all: Vec<usize> = (0..doc.page_count).collect();
        let stats = correct_document(&mut doc, &all);
        let changed: Vec<String> = before
            .iter()
            .zip(texts(&doc))
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, b)| format!("{}: {:?} → {:?}", a.0, a.1, b.1))
            .collect();
        assert!(changed.is_empty(), "{} changed on a clean reading:\n{}", generated.name, changed.join("\n"));
        assert_eq!(stats.snapped_labels + stats.fixed_values, 0, "{}", generated.name);

        let clean = doc.clone();
        let corrupted = corrupt_zeros(&mut doc);
        let stats = correct_document(&mut doc, &all);
        let diffs: Vec<String> = texts(&clean)
            .iter()
            .zip(texts(&doc))
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, b)| format!("{}: {:?} ≠ {:?}", a.0, a.1, b.1))
            .collect();
        assert!(diffs.is_empty(), "{}: {} of {corrupted} not restored:\n{}", generated.name, diffs.len(), diffs.join("\n"));
        assert_eq!(stats.fixed_values, corrupted, "{}", generated.name);
    }
    assert!(versions.contains(&Version::Personal) && versions.contains(&Version::Institution), "{versions:?}");
}

/// `0` → `O` once in every table cell holding a dotted date or a comma-grouped amount.
fn corrupt_zeros(doc: &mut Document) -> usize {
    let mut n = 0;
    for block in &mut doc.blocks {
        let Block::Table(t) = block else { continue };
        for c in &mut t.cells {
            let s = c.text.as_str();
            let b = s.as_bytes();
            let dated = (s.len() == 10 && b[4] == b'.' && b[7] == b'.') || (s.len() == 7 && b[4] == b'.');
            let amount = s.contains(',') && s.chars().all(|ch| ch.is_ascii_digit() || ch == ',');
            if (dated || amount) && s.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',') && s.contains('0') {
                c.text = s.replacen('0', "O", 1);
                n += 1;
            }
        }
    }
    n
}
