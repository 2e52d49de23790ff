//! The corrector through the public API: the same form table, once on an OCR page and once on
//! a text page. Only the OCR copy changes, and only where a label or format makes the reading
//! certain.

use zhengxin::correct::{correct_document, CorrectionStats};
use zhengxin::geom::Rect;
use zhengxin::layout::{Block, Cell, CellPiece, Document, Line, Table};

/// A form table on `page`, one grid column per cell.
fn form(rows: &[&[&str]], page: usize) -> Table {
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            cells.push(Cell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                text: (*text).to_string(),
                bold: false,
                pieces: vec![CellPiece {
                    page,
                    rect: Rect::default(),
                }],
            });
        }
    }
    Table {
        n_rows: rows.len(),
        n_cols: rows[0].len(),
        cells,
        border_color: 0x0000ff,
        page,
    }
}

fn caption(text: &str, page: usize) -> Block {
    Block::Line(Line {
        text: text.into(),
        page,
        rect: Rect::default(),
        font_size: 10.0,
        bold: true,
        color: 0,
    })
}

const ROWS: &[&[&str]] = &[
    &["管理机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户师种"],
    &[
        "工商银行北京分行",
        "ICBCZH0000l",
        "2015.O6.01",
        "2020.01.19",
        "36O,000",
        "人民币",
    ],
    &["账户状态", "五级分类", "余额", "剩余还款期数", "本月应还款", "应还款日"],
    &["结消", "正常", "--", "l25", "5,OOO", "2015.13.05"],
];

fn table_texts(doc: &Document, block: usize) -> Vec<Vec<String>> {
    let Block::Table(t) = &doc.blocks[block] else {
        panic!("block {block} is not a table")
    };
    (0..t.n_rows)
        .map(|r| t.row(r).iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn ocr_page_is_corrected_and_text_page_is_untouched() {
    let mut doc = Document {
        page_count: 2,
        blocks: vec![
            caption("账户1（授信协议标汉：ICBCZH121211）", 0),
            Block::Table(form(ROWS, 0)),
            caption("账户1（授信协议标汉：ICBCZH121211）", 1),
            Block::Table(form(ROWS, 1)),
        ],
    };
    let text_page_before = doc.blocks[..2].to_vec();
    let stats = correct_document(&mut doc, &[1]);

    assert_eq!(doc.blocks[..2], text_page_before[..], "text page untouched");
    let Block::Line(l) = &doc.blocks[2] else {
        panic!("caption is a line")
    };
    assert_eq!(l.text, "账户1（授信协议标识：ICBCZH121211）");
    let got = table_texts(&doc, 3);
    assert_eq!(
        got[0],
        ["管理机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户币种"]
    );
    // 账户标识 is an identifier: its `l` is left as read
    assert_eq!(
        got[1],
        [
            "工商银行北京分行",
            "ICBCZH0000l",
            "2015.06.01",
            "2020.01.19",
            "360,000",
            "人民币"
        ]
    );
    // 2015.13.05 is no date and cannot be repaired without guessing: left as read
    assert_eq!(got[3], ["结清", "正常", "--", "125", "5,000", "2015.13.05"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 3,
            fixed_values: 4,
            left_as_read: 1
        }
    );
}

#[test]
fn no_ocr_pages_means_no_change() {
    let mut doc = Document {
        page_count: 1,
        blocks: vec![Block::Table(form(ROWS, 0))],
    };
    let before = doc.clone();
    assert_eq!(correct_document(&mut doc, &[]), CorrectionStats::default());
    assert_eq!(doc, before);
}
