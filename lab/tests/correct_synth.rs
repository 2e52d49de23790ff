//! No invention across the synthetic corpus: each generated report's text layer is what it
//! prints (both versions, varied values and layouts), so correcting it as if every page had
//! been OCR'd must change nothing; a `0` misread as `O` in any date or amount must come back
//! exactly; and a misread label or code value must come back exactly or stay as misread.

use std::collections::HashMap;
use zhengxin::config::Settings;
use zhengxin::correct::correct_document;
use zhengxin::layout::{build_document, Block, Document};
use zhengxin::pdf::content::extract_page;
use zhengxin::pdf::PdfEngine;

use zhengxin::lexicon::codes::{ACCOUNT_STATES, BUSINESS_KINDS, QUERY_REASONS, REPAY_METHODS};
use zhengxin::lexicon::labels::column_labels;
use zhengxin_lab::synth::{generate, Version};

fn texts(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Line(l) => out.push((format!("block {b} line"), l.text.clone())),
            Block::Table(t) => out.extend(
                t.cells
                    .iter()
                    .map(|c| (format!("block {b} cell r{} c{}", c.row, c.col), c.text.clone())),
            ),
        }
    }
    out
}

#[test]
fn clean_synthetic_reports_are_not_corrected() {
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let font = zhengxin_lab::synth::cjk_font(&settings);
    let mut versions = Vec::new();
    for index in 0..10 {
        let generated = generate(&engine, &font, 29, index).unwrap_or_else(|e| panic!("report {index}: {e}"));
        versions.push(generated.version);
        let pdf = engine.open(&generated.pdf).expect("open");
        let pages = pdf
            .pages()
            .iter()
            .enumerate()
            .map(|(i, p)| extract_page(&p, i).expect("extract"))
            .collect();
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
        assert!(
            changed.is_empty(),
            "{} changed on a clean reading:\n{}",
            generated.name,
            changed.join("\n")
        );
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
        assert!(
            diffs.is_empty(),
            "{}: {} of {corrupted} not restored:\n{}",
            generated.name,
            diffs.len(),
            diffs.join("\n")
        );
        assert_eq!(stats.fixed_values, corrupted, "{}", generated.name);

        // One character of every label and code value misread: restored or left, never
        // replaced by another word.
        let mut doc = clean.clone();
        let misread = corrupt_words(&mut doc);
        correct_document(&mut doc, &all);
        for ((place, want), (_, got)) in texts(&clean).iter().zip(texts(&doc)) {
            if let Some(bad) = misread.get(place) {
                assert!(
                    &got == want || &got == bad,
                    "{} {place}: {want:?} misread as {bad:?} became {got:?}",
                    generated.name
                );
            }
        }
    }
    assert!(
        versions.contains(&Version::Personal) && versions.contains(&Version::Institution),
        "{versions:?}"
    );
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
            if (dated || amount) && s.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',') && s.contains('0')
            {
                c.text = s.replacen('0', "O", 1);
                n += 1;
            }
        }
    }
    n
}

/// The middle character of every table cell that is a label or code value replaced by `口`;
/// returns the misread texts by place (as [`texts`] names them).
fn corrupt_words(doc: &mut Document) -> HashMap<String, String> {
    let words: Vec<&str> = [
        column_labels(),
        ACCOUNT_STATES,
        BUSINESS_KINDS,
        REPAY_METHODS,
        QUERY_REASONS,
    ]
    .concat();
    let mut out = HashMap::new();
    for (b, block) in doc.blocks.iter_mut().enumerate() {
        let Block::Table(t) = block else { continue };
        for c in &mut t.cells {
            let n = c.text.chars().count();
            if n >= 3 && words.contains(&c.text.as_str()) {
                c.text = c
                    .text
                    .chars()
                    .enumerate()
                    .map(|(k, ch)| if k == n / 2 { '口' } else { ch })
                    .collect();
                out.insert(format!("block {b} cell r{} c{}", c.row, c.col), c.text.clone());
            }
        }
    }
    out
}
