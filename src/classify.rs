//! Structural classification: is this document a second-generation personal credit report
//! (个人信用报告, 本人版 or 授信机构版)? Decided by layout, not by one keyword: the title with
//! its version line, the header table, and numbered section headings must all be there.

use crate::layout::{Document, Table};
use crate::lexicon::confusions::ONE_LOOKALIKES;
use crate::lexicon::labels::HEADER_TABLE_LABELS;
use crate::lexicon::sections::level1_titles;
use crate::lexicon::{fuzzy, Fold};
use crate::parse::ReportVersion;

/// Section headings are looked for up to this page (the sample has all eleven by page 17,
/// the first two on page 1–2 even in the shortest report).
const MAX_HEADING_PAGES: usize = 64;
/// The title block is on page 1; a scanned spread or a cover page may push it to page 2.
const TITLE_PAGES: usize = 2;
/// Numbered level-1 headings required.
const MIN_SECTIONS: usize = 2;

const NUMERALS: [&str; 12] = [
    "十一", "十二", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
];

/// Text with whitespace removed and half-width parentheses made full-width (OCR output).
fn norm(s: &str) -> String {
    Fold::TITLE_LINE.apply(s)
}

/// The version named by the line under the title, if any.
pub fn version_hint(doc: &Document) -> Option<ReportVersion> {
    doc.lines()
        .filter(|l| l.page < TITLE_PAGES)
        .find_map(|l| version_of(&norm(&l.text)))
}

fn version_of(t: &str) -> Option<ReportVersion> {
    if t.contains("（本人版）") {
        Some(ReportVersion::Personal)
    } else if t.contains("（授信机构版）") || t.contains("（机构版）") {
        Some(ReportVersion::Institution)
    } else {
        None
    }
}

/// A numbered level-1 heading. On OCR pages the numeral 一 may come back as a dash, the
/// separator 、 or its space may be lost, and one character of the title may be misread, so
/// the title is matched within one edit when it is long enough for that to stay unambiguous.
fn is_section_heading(t: &str) -> bool {
    let rest = match NUMERALS.iter().find_map(|n| t.strip_prefix(n)) {
        Some(r) => r,
        None => match t.chars().next() {
            Some(c) if ONE_LOOKALIKES.contains(&c) => &t[c.len_utf8()..],
            _ => return false,
        },
    };
    let rest = rest.trim_start_matches(['、', '.', '．', ',', '，']);
    level1_titles()
        .iter()
        .any(|title| *title == rest || (title.chars().count() >= 4 && fuzzy::within(title, rest, 1).is_some()))
}

fn is_header_table(t: &Table) -> bool {
    let has = |prefix: &str| t.cells.iter().any(|c| norm(&c.text).starts_with(prefix));
    has("报告编号") && has("被查询者姓名")
}

/// The header table is three rows of at most ~25 pt: its labels lie within this band.
const HEADER_BAND_PT: f32 = 90.0;

/// The header table when its grid came apart: 报告编号 and at least three of the second-row
/// labels, all on one title page within one table-sized band, with most labels inside
/// (fragments of) ruled tables.
fn is_broken_header_table(doc: &Document) -> bool {
    (0..TITLE_PAGES).any(|page| {
        // (label index or None for 报告编号, y, inside a table)
        let mut found: Vec<(Option<usize>, f32, bool)> = Vec::new();
        let mut see = |text: &str, y: f32, in_table: bool| {
            let t = norm(text);
            if t.starts_with("报告编号") {
                found.push((None, y, in_table));
            }
            for (i, l) in HEADER_TABLE_LABELS.iter().enumerate() {
                if t.contains(l) {
                    found.push((Some(i), y, in_table));
                }
            }
        };
        for l in doc.lines().filter(|l| l.page == page) {
            see(&l.text, l.rect.y0, false);
        }
        for t in doc.tables() {
            for c in &t.cells {
                if let Some(piece) = c.pieces.iter().find(|p| p.page == page) {
                    see(&c.text, piece.rect.y0, true);
                }
            }
        }
        found.iter().filter(|f| f.0.is_none()).any(|&(_, y0, _)| {
            let near: Vec<_> = found
                .iter()
                .filter(|f| f.0.is_some() && f.1 >= y0 - 5.0 && f.1 - y0 <= HEADER_BAND_PT)
                .collect();
            let mut labels: Vec<usize> = near.iter().filter_map(|f| f.0).collect();
            labels.sort_unstable();
            labels.dedup();
            labels.len() >= 3 && near.iter().filter(|f| f.2).count() * 2 >= near.len()
        })
    })
}

/// Why a document is not a readable second-generation personal credit report. `Display` is
/// the text the client sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// An enterprise report.
    #[error("enterprise credit report (企业信用报告) is not supported; only personal reports are")]
    Enterprise,
    /// The simplified personal report.
    #[error("simplified personal report (简版) is not supported; only the detailed second-generation report is")]
    Simplified,
    /// No personal-report title on the first page.
    #[error("not a personal credit report: no title 个人信用报告 on the first page")]
    NoTitle,
    /// Neither the second-generation header table nor a version line.
    #[error(
        "personal credit report without the second-generation header table (报告编号/被查询者姓名) or version line: \
         a simplified (简版) or first-generation layout, which is not supported"
    )]
    FirstGeneration,
    /// The header table but no version line.
    #[error("personal credit report without a version line (（本人版）/（授信机构版）) under the title")]
    NoVersionLine,
    /// A version line but no header table.
    #[error("no report header table (报告编号/被查询者姓名) on the first page")]
    NoHeaderTable,
    /// Too few numbered section headings.
    #[error("found {found} numbered section headings (一 个人基本信息, 二 信息概要, …); expected at least {expected}")]
    TooFewSections {
        /// Headings found.
        found: usize,
        /// Headings required.
        expected: usize,
    },
}

/// Recognises a second-generation personal credit report, or says why not.
pub fn classify(doc: &Document) -> Result<ReportVersion, Rejection> {
    let first: Vec<String> = doc
        .lines()
        .filter(|l| l.page < TITLE_PAGES)
        .map(|l| norm(&l.text))
        .collect();
    if first.iter().any(|t| t.contains("企业信用报告")) {
        return Err(Rejection::Enterprise);
    }
    if first.iter().any(|t| t.contains("（简版）")) {
        return Err(Rejection::Simplified);
    }
    if !first.iter().any(|t| t.contains("个人信用报告")) {
        return Err(Rejection::NoTitle);
    }
    let header = doc.tables().any(|t| t.page < TITLE_PAGES && is_header_table(t)) || is_broken_header_table(doc);
    let version = first.iter().find_map(|t| version_of(t));
    let sections = doc
        .lines()
        .filter(|l| l.page < MAX_HEADING_PAGES && is_section_heading(&norm(&l.text)))
        .count();
    match (version, header, sections >= MIN_SECTIONS) {
        (Some(v), true, true) => Ok(v),
        (None, false, _) => Err(Rejection::FirstGeneration),
        (None, true, _) => Err(Rejection::NoVersionLine),
        (Some(_), false, _) => Err(Rejection::NoHeaderTable),
        (Some(_), true, false) => Err(Rejection::TooFewSections {
            found: sections,
            expected: MIN_SECTIONS,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;
    use crate::layout::{Block, Cell, CellPiece, Line};

    fn line(text: &str, page: usize) -> Block {
        Block::Line(Line {
            text: text.into(),
            page,
            rect: Rect::default(),
            font_size: 9.0,
            bold: true,
            color: 0,
        })
    }

    fn header() -> Block {
        let cell = |row, col, text: &str| Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            bold: false,
            pieces: vec![CellPiece {
                page: 0,
                rect: Rect::default(),
            }],
        };
        Block::Table(Table {
            n_rows: 2,
            n_cols: 2,
            cells: vec![
                cell(0, 0, "报告编号：2015"),
                cell(0, 1, "报告时间：2015.06.01"),
                cell(1, 0, "被查询者姓名"),
                cell(1, 1, "查询原因"),
            ],
            border_color: 0,
            page: 0,
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { page_count: 3, blocks }
    }

    #[test]
    fn both_versions_are_recognised_by_structure() {
        let d = doc(vec![
            line("个人信用报告", 0),
            line("（本人版）", 0),
            header(),
            line("一 个人基本信息", 0),
            line("二 信息概要", 1),
        ]);
        assert_eq!(classify(&d), Ok(ReportVersion::Personal));
        let d = doc(vec![
            line("个人信用报告", 0),
            line("(授信机构版)", 0),
            header(),
            line("一个人基本信息", 0),
            line("三 信贷交易信息明细", 2),
        ]);
        assert_eq!(classify(&d), Ok(ReportVersion::Institution));
        assert_eq!(version_hint(&d), Some(ReportVersion::Institution));
    }

    #[test]
    fn ocr_shaped_headings_and_a_broken_header_table_are_recognised() {
        assert!(is_section_heading("—个人基本信息"));
        assert!(is_section_heading("二信息概耍"));
        assert!(is_section_heading("三、查询记录"));
        assert!(!is_section_heading("二信息"));
        assert!(!is_section_heading("个人基本信息"));
        assert!(!is_section_heading("一查询"));
        // Header grid fallen apart: 报告编号 as a loose line, labels in table fragments.
        let at = |text: &str, y: f32| Cell {
            row: 0,
            col: 0,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            bold: false,
            pieces: vec![CellPiece {
                page: 0,
                rect: Rect {
                    x0: 0.0,
                    y0: y,
                    x1: 10.0,
                    y1: y + 10.0,
                },
            }],
        };
        let frag = |cells: Vec<Cell>| {
            Block::Table(Table {
                n_rows: 1,
                n_cols: cells.len(),
                cells,
                border_color: 0,
                page: 0,
            })
        };
        let mut number = line("报告编号：2025010116532196818825", 0);
        if let Block::Line(l) = &mut number {
            l.rect = Rect {
                x0: 0.0,
                y0: 160.0,
                x1: 10.0,
                y1: 170.0,
            };
        }
        let blocks = |far: f32| {
            vec![
                line("个人信用报告", 0),
                line("（授信机构版）", 0),
                number.clone(),
                frag(vec![at("被查询者姓名", 175.0), at("郭洋丽", 190.0)]),
                frag(vec![at("被查询者证件类型被查询者证件号码", far)]),
                line("一个人基本信息", 0),
                line("二信息概要", 0),
            ]
        };
        assert_eq!(classify(&doc(blocks(175.0))), Ok(ReportVersion::Institution));
        // The same labels scattered down the page are not a header table.
        assert!(classify(&doc(blocks(400.0)))
            .unwrap_err()
            .to_string()
            .contains("header table"));
    }

    #[test]
    fn one_keyword_is_not_enough() {
        // Title and version, but no header table and no sections: a document quoting them.
        let d = doc(vec![line("个人信用报告", 0), line("（本人版）", 0)]);
        assert!(classify(&d).unwrap_err().to_string().contains("header table"));
        let d = doc(vec![
            line("个人信用报告", 0),
            line("（本人版）", 0),
            header(),
            line("一 个人基本信息", 0),
        ]);
        assert!(classify(&d).unwrap_err().to_string().contains("section headings"));
    }

    #[test]
    fn simplified_enterprise_and_other_documents_are_rejected_with_a_reason() {
        let jianban = doc(vec![
            line("个人信用报告", 0),
            line("报告编号：2016080303000014210351", 0),
            line("信贷记录", 0),
        ]);
        assert!(classify(&jianban).unwrap_err().to_string().contains("简版"));
        let marked = doc(vec![line("个人信用报告", 0), line("（简版）", 0)]);
        assert!(classify(&marked).unwrap_err().to_string().contains("简版"));
        let enterprise = doc(vec![line("企业信用报告", 0), line("（授信机构版）", 0), header()]);
        assert!(classify(&enterprise).unwrap_err().to_string().contains("企业信用报告"));
        let invoice = doc(vec![line("增值税专用发票", 0)]);
        assert!(classify(&invoice).unwrap_err().to_string().contains("个人信用报告"));
        assert!(classify(&Document::default()).is_err());
    }
}
