//! No invention on real text: the 本人版 sample's text layer is what the report prints, so
//! correcting it as if every page had been OCR'd must change nothing (a change would be a
//! "correction" of a right reading). Corrupting known cells must then be undone exactly.

use std::path::PathBuf;

use zhengxin::config::Settings;
use zhengxin::correct::correct_document;
use zhengxin::layout::{build_document, Block, Document};
use zhengxin::pdf::content::extract_page;
use zhengxin::pdf::PdfEngine;

const BENRENBAN: &str = "pboc_personal_benrenban_sample_2015design_19p.pdf";

fn document(name: &str) -> Document {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples")
        .join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let engine = PdfEngine::load(&Settings::from_env().expect("settings").pdfium_lib()).expect("libpdfium");
    let pdf = engine.open(&bytes).expect("open");
    let pages = pdf
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| extract_page(&p, i).expect("extract"))
        .collect();
    build_document(pages)
}

/// Every text of the document with its place, for comparing two versions.
fn texts(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Line(l) => out.push((format!("block {b} line"), l.text.clone())),
            Block::Table(t) => {
                for c in &t.cells {
                    out.push((format!("block {b} cell r{} c{}", c.row, c.col), c.text.clone()));
                }
            }
        }
    }
    out
}

fn all_pages(doc: &Document) -> Vec<usize> {
    (0..doc.page_count).collect()
}

#[test]
fn a_correct_reading_is_not_corrected() {
    let mut doc = document(BENRENBAN);
    let before = texts(&doc);
    let pages = all_pages(&doc);
    let stats = correct_document(&mut doc, &pages);
    let after = texts(&doc);
    let changed: Vec<String> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| format!("{}: {:?} → {:?}", a.0, a.1, b.1))
        .collect();
    assert!(
        changed.is_empty(),
        "changed on a clean reading:\n{}",
        changed.join("\n")
    );
    assert_eq!(stats.snapped_labels + stats.fixed_values, 0);
    // What is left is what the sample prints outside the code tables: a 还款方式 cut into two
    // rows (`按期结息、` / `到期还本`) and a fictional ID whose check character fails.
    assert!(stats.left_as_read <= 6, "{stats:?}");
}

#[test]
fn corrupted_cells_are_restored_exactly() {
    let clean = document(BENRENBAN);
    let mut doc = clean.clone();
    // OCR-style corruptions of known cells: O for 0, a confused label, 结消, a hyphen for the
    // grid title's em dash.
    let corrupt = |t: &str| -> Option<String> {
        match t {
            "2010.01.22" => Some("2010.O1.22".into()),
            "360,000" => Some("36O,000".into()),
            "管理机构" => Some("营理机构".into()),
            "结清" => Some("结消".into()),
            "账户币种" => Some("账户师种".into()),
            _ if t.ends_with("的还款记录") && t.contains('—') => Some(t.replace('—', "-")),
            _ => None,
        }
    };
    let mut corrupted = 0;
    for block in &mut doc.blocks {
        if let Block::Table(t) = block {
            for c in &mut t.cells {
                if let Some(bad) = corrupt(&c.text) {
                    c.text = bad;
                    corrupted += 1;
                }
            }
        }
    }
    assert!(corrupted >= 10, "the sample holds these values ({corrupted} found)");
    let pages = all_pages(&doc);
    let stats = correct_document(&mut doc, &pages);
    let diffs: Vec<String> = texts(&clean)
        .iter()
        .zip(texts(&doc))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| format!("{}: {:?} ≠ {:?}", a.0, a.1, b.1))
        .collect();
    assert!(diffs.is_empty(), "not restored:\n{}", diffs.join("\n"));
    assert_eq!(stats.snapped_labels + stats.fixed_values, corrupted);
}

/// `0` → `O` once in every date and comma-grouped amount of the sample, grid amounts included.
#[test]
fn every_misread_zero_in_dates_and_amounts_is_restored() {
    let clean = document(BENRENBAN);
    let mut doc = clean.clone();
    let mut corrupted = 0;
    for block in &mut doc.blocks {
        let Block::Table(t) = block else { continue };
        for c in &mut t.cells {
            let t = c.text.as_str();
            let dated = t.len() == 10 && t.as_bytes()[4] == b'.' && t.as_bytes()[7] == b'.';
            let amount = t.contains(',') && t.chars().all(|ch| ch.is_ascii_digit() || ch == ',');
            if (dated || amount) && t.contains('0') {
                c.text = t.replacen('0', "O", 1);
                corrupted += 1;
            }
        }
    }
    assert!(corrupted >= 100, "{corrupted} cells corrupted");
    let pages = all_pages(&doc);
    let stats = correct_document(&mut doc, &pages);
    let diffs: Vec<String> = texts(&clean)
        .iter()
        .zip(texts(&doc))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| format!("{}: {:?} ≠ {:?}", a.0, a.1, b.1))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} of {corrupted} not restored:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert_eq!(stats.fixed_values, corrupted);
}

/// One character of every label (and code value) of the sample misread as `口`: each comes
/// back either exactly as printed or exactly as misread — never as another word.
#[test]
fn a_misread_label_is_restored_or_left_never_replaced() {
    use zhengxin::lexicon::codes::{ACCOUNT_STATES, BUSINESS_KINDS, REPAY_METHODS};
    use zhengxin::lexicon::labels::column_labels;
    let clean = document(BENRENBAN);
    let mut doc = clean.clone();
    let words: Vec<&str> = [column_labels(), ACCOUNT_STATES, BUSINESS_KINDS, REPAY_METHODS].concat();
    let mut corrupted = Vec::new();
    for (b, block) in doc.blocks.iter_mut().enumerate() {
        let Block::Table(t) = block else { continue };
        for (i, c) in t.cells.iter_mut().enumerate() {
            let n = c.text.chars().count();
            if n >= 3 && words.contains(&c.text.as_str()) {
                c.text = c
                    .text
                    .chars()
                    .enumerate()
                    .map(|(k, ch)| if k == n / 2 { '口' } else { ch })
                    .collect();
                corrupted.push((b, i, c.text.clone()));
            }
        }
    }
    assert!(corrupted.len() >= 100, "{} cells corrupted", corrupted.len());
    let pages = all_pages(&doc);
    correct_document(&mut doc, &pages);
    let (mut restored, mut left) = (0, 0);
    for (b, i, misread) in &corrupted {
        let (Block::Table(got), Block::Table(want)) = (&doc.blocks[*b], &clean.blocks[*b]) else {
            unreachable!()
        };
        let (got, want) = (&got.cells[*i].text, &want.cells[*i].text);
        if got == want {
            restored += 1;
        } else {
            assert_eq!(
                got, misread,
                "block {b} cell {i}: {want:?} misread as {misread:?} became {got:?}"
            );
            left += 1;
        }
    }
    println!("restored {restored}, left {left}");
    // Most labels are far from every other entry; the rest are ambiguous and stay as read.
    assert!(restored * 10 >= corrupted.len() * 8, "restored {restored}, left {left}");
}
