//! Structural classification: is this document a second-generation personal credit report
//! (个人信用报告, 本人版 or 授信机构版)? Decided by layout, not by one keyword: the title with
//! its version line, the header table, and numbered section headings must all be there.

use crate::layout::{Document, Table};
use crate::parse::ReportVersion;

/// Section headings are looked for up to this page (the sample has all eleven by page 17,
/// the first two on page 1–2 even in the shortest report).
const MAX_HEADING_PAGES: usize = 64;
/// The title block is on page 1; a scanned spread or a cover page may push it to page 2.
const TITLE_PAGES: usize = 2;
/// Numbered level-1 headings required.
const MIN_SECTIONS: usize = 2;

/// Level-1 section titles of both versions and of the design-era sample.
const SECTION_TITLES: [&str; 12] = [
    "个人基本信息",
    "信息概要",
    "信贷交易信息明细",
    "非信贷交易信息明细",
    "公共信息明细",
    "非金融信用交易信息",
    "公开信息",
    "其他非公开信息",
    "本人声明",
    "异议标注",
    "查询记录",
    "报告说明",
];

const NUMERALS: [&str; 12] = ["十一", "十二", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Text with whitespace removed and half-width parentheses made full-width (OCR output).
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

/// The version named by the line under the title, if any.
pub fn version_hint(doc: &Document) -> Option<ReportVersion> {
    doc.lines().filter(|l| l.page < TITLE_PAGES).find_map(|l| version_of(&norm(&l.text)))
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

fn is_section_heading(t: &str) -> bool {
    let Some(rest) = NUMERALS.iter().find_map(|n| t.strip_prefix(n)) else { return false };
    let rest = rest.strip_prefix('、').unwrap_or(rest);
    SECTION_TITLES.contains(&rest)
}

fn is_header_table(t: &Table) -> bool {
    let has = |prefix: &str| t.cells.iter().any(|c| norm(&c.text).starts_with(prefix));
    has("报告编号") && has("被查询者姓名")
}

/// Recognises a second-generation personal credit report, or says why not.
pub fn classify(doc: &Document) -> Result<ReportVersion, String> {
    let first: Vec<String> = doc.lines().filter(|l| l.page < TITLE_PAGES).map(|l| norm(&l.text)).collect();
    if first.iter().any(|t| t.contains("企业信用报告")) {
        return Err("enterprise credit report (企业信用报告) is not supported; only personal reports are".into());
    }
    if first.iter().any(|t| t.contains("（简版）")) {
        return Err("simplified personal report (简版) is not supported; only the detailed second-generation report is".into());
    }
    if !first.iter().any(|t| t.contains("个人信用报告")) {
        return Err("not a personal credit report: no title 个人信用报告 on the first page".into());
    }
    let header = doc.tables().any(|t| t.page < TITLE_PAGES && is_header_table(t));
    let version = first.iter().find_map(|t| version_of(t));
    let sections =
        doc.lines().filter(|l| l.page < MAX_HEADING_PAGES && is_section_heading(&norm(&l.text))).count();
    match (version, header, sections >= MIN_SECTIONS) {
        (Some(v), true, true) => Ok(v),
        (None, false, _) => Err(
            "personal credit report without the second-generation header table (报告编号/被查询者姓名) or version line: \
             a simplified (简版) or first-generation layout, which is not supported"
                .into(),
        ),
        (None, true, _) => Err("personal credit report without a version line (（本人版）/（授信机构版）) under the title".into()),
        (Some(_), false, _) => Err("no report header table (报告编号/被查询者姓名) on the first page".into()),
        (Some(_), true, false) => {
            Err(format!("found {sections} numbered section headings (一 个人基本信息, 二 信息概要, …); expected at least {MIN_SECTIONS}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;
    use crate::layout::{Block, Cell, CellPiece, Line};

    fn line(text: &str, page: usize) -> Block {
        Block::Line(Line { text: text.into(), page, rect: Rect::default(), font_size: 9.0, bold: true, color: 0 })
    }

    fn header() -> Block {
        let cell = |row, col, text: &str| Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            bold: false,
            pieces: vec![CellPiece { page: 0, rect: Rect::default() }],
        };
        Block::Table(Table {
            n_rows: 2,
            n_cols: 2,
            cells: vec![cell(0, 0, "报告编号：2015"), cell(0, 1, "报告时间：2015.06.01"), cell(1, 0, "被查询者姓名"), cell(1, 1, "查询原因")],
            border_color: 0,
            page: 0,
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { page_count: 3, blocks }
    }

    #[test]
    fn both_versions_are_recognised_by_structure() {
        let d = doc(vec![line("个人信用报告", 0), line("（本人版）", 0), header(), line("一 个人基本信息", 0), line("二 信息概要", 1)]);
        assert_eq!(classify(&d), Ok(ReportVersion::Personal));
        let d = doc(vec![line("个人信用报告", 0), line("(授信机构版)", 0), header(), line("一个人基本信息", 0), line("三 信贷交易信息明细", 2)]);
        assert_eq!(classify(&d), Ok(ReportVersion::Institution));
        assert_eq!(version_hint(&d), Some(ReportVersion::Institution));
    }

    #[test]
    fn one_keyword_is_not_enough() {
        // Title and version, but no header table and no sections: a document quoting them.
        let d = doc(vec![line("个人信用报告", 0), line("（本人版）", 0)]);
        assert!(classify(&d).unwrap_err().contains("header table"));
        let d = doc(vec![line("个人信用报告", 0), line("（本人版）", 0), header(), line("一 个人基本信息", 0)]);
        assert!(classify(&d).unwrap_err().contains("section headings"));
    }

    #[test]
    fn simplified_enterprise_and_other_documents_are_rejected_with_a_reason() {
        let jianban = doc(vec![line("个人信用报告", 0), line("报告编号：2016080303000014210351", 0), line("信贷记录", 0)]);
        assert!(classify(&jianban).unwrap_err().contains("简版"));
        let marked = doc(vec![line("个人信用报告", 0), line("（简版）", 0)]);
        assert!(classify(&marked).unwrap_err().contains("简版"));
        let enterprise = doc(vec![line("企业信用报告", 0), line("（授信机构版）", 0), header()]);
        assert!(classify(&enterprise).unwrap_err().contains("企业信用报告"));
        let invoice = doc(vec![line("增值税专用发票", 0)]);
        assert!(classify(&invoice).unwrap_err().contains("个人信用报告"));
        assert!(classify(&Document::default()).is_err());
    }
}
