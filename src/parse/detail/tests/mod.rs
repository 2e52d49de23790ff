//! Tests of the 信贷交易信息明细 parser on block sequences built in code.
//!
//! Cell specs: `"text"` is a 1×1 cell, `"text@3"` spans 3 columns, `"text@1x2"` spans 1 column
//! and 2 rows. Slots covered by a row span from above are skipped automatically. Cell boxes are
//! laid out 10 pt per column (or as chosen) so that pairing across tables (by x) can be exercised too.

mod accounts;
mod cards;
mod grids;
mod robustness;
mod sample;

use crate::geom::Rect;
use crate::layout::{Block, Cell, CellPiece, Line, Table};
use crate::parse::ReportVersion;

use crate::report::CreditTransInfoDetail;

use super::parse_credit_trans_detail;

/// Width of one grid column in the synthetic layout, points.
const COL_W: f32 = 10.0;

/// A free text line.
pub(super) fn line(text: &str) -> Block {
    Block::Line(Line {
        text: text.to_string(),
        page: 0,
        rect: Rect::default(),
        font_size: 10.0,
        bold: false,
        color: 0,
    })
}

fn spec(s: &str) -> (&str, usize, usize) {
    let Some((text, span)) = s.rsplit_once('@') else {
        return (s, 1, 1);
    };
    let (cols, rows) = span.split_once('x').unwrap_or((span, "1"));
    (text, cols.parse().expect("col span"), rows.parse().expect("row span"))
}

/// A table from rows of cell specs, every grid column `col_w` points wide, starting at x = 0.
pub(super) fn table_with(col_w: f32, rows: &[&[&str]]) -> Table {
    let n_rows = rows.len();
    let n_cols = rows.first().map(|r| r.iter().map(|s| spec(s).1).sum()).unwrap_or(0);
    let mut covered = vec![vec![false; n_cols]; n_rows];
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for s in row.iter() {
            while c < n_cols && covered[r][c] {
                c += 1;
            }
            let (text, col_span, row_span) = spec(s);
            for slots in covered.iter_mut().skip(r).take(row_span) {
                for slot in slots.iter_mut().skip(c).take(col_span) {
                    *slot = true;
                }
            }
            let x0 = c as f32 * col_w;
            let rect = Rect::new(
                x0,
                r as f32 * 12.0,
                x0 + col_span as f32 * col_w,
                (r + row_span) as f32 * 12.0,
            );
            cells.push(Cell {
                row: r,
                col: c,
                row_span,
                col_span,
                text: text.to_string(),
                bold: false,
                pieces: vec![CellPiece { page: 0, rect }],
            });
            c += col_span;
        }
    }
    Table {
        n_rows,
        n_cols,
        cells,
        border_color: 0,
        page: 0,
    }
}

/// Moves rows `from_row..` of a table onto `page` (a table stitched across a page break).
pub(super) fn move_rows_to_page(table: &mut Table, from_row: usize, page: usize) {
    for cell in table.cells.iter_mut().filter(|c| c.row >= from_row) {
        for piece in &mut cell.pieces {
            piece.page = page;
        }
    }
}

/// A table block with 10 pt columns.
pub(super) fn table(rows: &[&[&str]]) -> Block {
    Block::Table(table_with(COL_W, rows))
}

/// Parses blocks as a 本人版 section.
pub(super) fn parse(blocks: &[Block]) -> CreditTransInfoDetail {
    parse_credit_trans_detail(blocks, ReportVersion::Personal)
}

/// The values of a loan basic-info form's first row (管理机构 … 账户币种).
pub(super) const LOAN_FIRST_VALUES: &[&str] = &[
    "工商银行北京分行",
    "ICBCZH00001",
    "2010.01.22",
    "2020.01.19",
    "360,000",
    "人民币",
];

/// A 6-column loan basic-info form (two header/value pairs).
pub(super) fn loan_basic(amount_label: &str) -> Block {
    table(&[
        &["管理机构", "账户标识", "开立日期", "到期日期", amount_label, "账户币种"],
        LOAN_FIRST_VALUES,
        &[
            "业务种类",
            "担保方式",
            "还款期数",
            "还款频率",
            "还款方式",
            "共同借款标志",
        ],
        &["个人商业住房贷款", "抵押", "180", "月", "分期等额本金", "主借款人"],
    ])
}

/// A two-year grid (2015 Jan–May, 2014 full), year cells merged over both rows.
pub(super) fn small_grid() -> Vec<Block> {
    let mut year_2015: Vec<&str> = vec!["2015@1x2", "N", "N", "N", "1", "2"];
    year_2015.extend(std::iter::repeat_n("", 7));
    let mut amount_2015: Vec<&str> = vec!["0", "0", "0", "3,000", "6,100"];
    amount_2015.extend(std::iter::repeat_n("", 7));
    let mut year_2014: Vec<&str> = vec!["2014@1x2"];
    year_2014.extend(std::iter::repeat_n("N", 12));
    let amount_2014: Vec<&str> = std::iter::repeat_n("0", 12).collect();
    vec![
        line("2014年01月—2015年05月的还款记录"),
        table(&[
            &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            &year_2015,
            &amount_2015,
            &year_2014,
            &amount_2014,
        ]),
    ]
}
