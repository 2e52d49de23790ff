//! Grid reconstruction and stitching on hand-built pages.

use super::*;
use crate::content::{ContentSource, Orientation, Ruling, TextSpan};

const BLUE: u32 = 0x00B0F0;
const RED: u32 = 0xFC4642;

/// Rulings of a grid drawn Word-style: one piece per cell side with small gaps, leaving out
/// vertical sides `(edge index, row)` and horizontal sides `(edge index, column)`.
fn grid(xs: &[f32], ys: &[f32], no_v: &[(usize, usize)], no_h: &[(usize, usize)], color: u32) -> Vec<Ruling> {
    let mut out = Vec::new();
    for (i, &x) in xs.iter().enumerate() {
        for r in 0..ys.len() - 1 {
            if !no_v.contains(&(i, r)) {
                out.push(Ruling {
                    orientation: Orientation::Vertical,
                    pos: x,
                    start: ys[r] + 0.5,
                    end: ys[r + 1],
                    color,
                });
            }
        }
    }
    for (j, &y) in ys.iter().enumerate() {
        for c in 0..xs.len() - 1 {
            if !no_h.contains(&(j, c)) {
                out.push(Ruling {
                    orientation: Orientation::Horizontal,
                    pos: y + 0.2,
                    start: xs[c] + 0.5,
                    end: xs[c + 1],
                    color,
                });
            }
        }
    }
    out
}

/// A span of 9 pt characters starting at (x, baseline-top y).
fn span(text: &str, x: f32, y: f32) -> TextSpan {
    let n = text.chars().count();
    let rects: Vec<Rect> = (0..n)
        .map(|i| Rect::new(x + 9.0 * i as f32, y, x + 9.0 * (i + 1) as f32, y + 9.0))
        .collect();
    TextSpan {
        text: text.into(),
        rect: Rect::new(x, y, x + 9.0 * n as f32, y + 9.0),
        char_rects: rects,
        font_size: 9.0,
        bold: false,
        color: 0,
        confidences: vec![1.0; n],
    }
}

fn bold(mut s: TextSpan) -> TextSpan {
    s.bold = true;
    s
}

fn page(index: usize, spans: Vec<TextSpan>, rulings: Vec<Ruling>) -> PageContent {
    PageContent {
        index,
        width: 595.0,
        height: 842.0,
        source: ContentSource::TextLayer,
        spans,
        rulings,
    }
}

fn assert_tiles(t: &Table) {
    for r in 0..t.n_rows {
        for c in 0..t.n_cols {
            let n = t
                .cells
                .iter()
                .filter(|x| r >= x.row && r < x.row + x.row_span && c >= x.col && c < x.col + x.col_span)
                .count();
            assert_eq!(n, 1, "slot ({r},{c}) covered {n} times");
        }
    }
}

fn tables(d: &Document) -> Vec<&Table> {
    d.tables().collect()
}

#[test]
fn header_grid_with_merged_cells_and_multi_line_text() {
    let xs = [25.0, 105.0, 200.0, 298.0, 428.0, 570.0];
    let ys = [100.0, 112.0, 124.0, 146.0];
    // Row 0: 报告编号 over columns 0..3, 报告时间 over 3..5.
    let r = grid(&xs, &ys, &[(1, 0), (2, 0), (4, 0)], &[], BLUE);
    let spans = vec![
        span("报告编号：201506010000332123", 30.0, 101.5),
        span("报告时间：2015.06.01 10:05:15", 430.0, 101.5),
        bold(span("被查询者姓名", 30.0, 113.5)),
        span("中国人民银行营", 300.0, 125.0),
        span("业管理部", 310.0, 135.0),
        span("张十五", 40.0, 130.0),
    ];
    let d = build_document(vec![page(0, spans, r)]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    let t = t[0];
    assert_eq!((t.n_rows, t.n_cols), (3, 5));
    assert_tiles(t);
    let head = t.cell_at(0, 2).expect("slot");
    assert_eq!((head.col, head.col_span), (0, 3));
    assert!(head.text.starts_with("报告编号："));
    assert_eq!(
        t.cell_at(0, 4).map(|c| c.text.as_str()),
        Some("报告时间：2015.06.01 10:05:15")
    );
    assert!(t.cell_at(1, 0).is_some_and(|c| c.bold && c.text == "被查询者姓名"));
    assert_eq!(t.cell_at(2, 3).map(|c| c.text.as_str()), Some("中国人民银行营业管理部"));
    assert_eq!(t.cell_at(2, 0).map(|c| c.text.as_str()), Some("张十五"));
    assert_eq!(t.cell_at(2, 1).map(|c| c.text.as_str()), Some(""));
    let piece = &t.cell_at(2, 3).expect("slot").pieces[0];
    assert_eq!(piece.page, 0);
    assert!(
        (piece.rect.x0 - 298.0).abs() < 0.5 && (piece.rect.y1 - 146.2).abs() < 0.5,
        "{piece:?}"
    );
    assert_eq!(t.border_color, BLUE);
}

#[test]
fn a_missing_inner_ruling_makes_a_row_span() {
    // Year cell spanning the state row and the amount row of a repayment grid.
    let xs = [30.0, 72.0, 113.0, 154.0];
    let ys = [200.0, 212.0, 224.0, 236.0, 248.0];
    let r = grid(&xs, &ys, &[], &[(1, 0), (3, 0)], RED);
    let spans = vec![
        span("2015", 35.0, 207.0),
        span("B", 90.0, 201.5),
        span("2014", 35.0, 231.0),
    ];
    let d = build_document(vec![page(0, spans, r)]);
    let t = tables(&d)[0];
    assert_tiles(t);
    let year = t.cell_at(1, 0).expect("slot");
    assert_eq!((year.row, year.row_span, year.text.as_str()), (0, 2, "2015"));
    assert_eq!(t.cell_at(3, 0).map(|c| (c.row, c.text.as_str())), Some((2, "2014")));
    assert_eq!(t.cell_at(0, 1).map(|c| c.row_span), Some(1));
}

#[test]
fn l_shaped_gaps_still_tile_the_grid() {
    // Missing rulings that would leave an L-shaped region become one rectangular cell.
    let xs = [0.0, 50.0, 100.0, 150.0];
    let ys = [0.0, 20.0, 40.0];
    let r = grid(&xs, &ys, &[(1, 0)], &[(1, 1)], BLUE);
    let d = build_document(vec![page(0, vec![], r)]);
    let t = tables(&d)[0];
    assert_tiles(t);
    let c = t.cell_at(0, 0).expect("slot");
    assert_eq!((c.row_span, c.col_span), (2, 2));
}

#[test]
fn lines_outside_tables_in_reading_order_and_footer_dropped() {
    let xs = [30.0, 300.0, 560.0];
    let ys = [100.0, 112.0, 124.0];
    let spans = vec![
        span("第1页，共19页", 260.0, 800.0),
        span("截至2015年05月25日", 30.0, 130.0),
        bold(span("账户1（授信协议标识：ICBCZH121211）", 30.0, 85.0)),
        span("管理机构", 40.0, 101.5),
        bold(span("（二）非循环贷账户", 250.0, 60.0)),
    ];
    let d = build_document(vec![page(0, spans, grid(&xs, &ys, &[], &[], BLUE))]);
    let kinds: Vec<String> = d
        .blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => l.text.clone(),
            Block::Table(t) => format!("table:{}", t.cells[0].text),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "（二）非循环贷账户",
            "账户1（授信协议标识：ICBCZH121211）",
            "table:管理机构",
            "截至2015年05月25日"
        ]
    );
    assert!(d.lines().next().is_some_and(|l| l.bold));
}

/// Page 0 ends with a 5-column table row, page 1 starts with the same columns.
fn two_pages(last_row: Vec<TextSpan>, first_row: Vec<TextSpan>, no_h_bottom: bool) -> Document {
    let xs = [30.0, 102.0, 175.0, 247.0, 319.0, 564.0];
    let ys0 = [700.0, 712.0, 724.0];
    let no_h: Vec<(usize, usize)> = if no_h_bottom {
        (0..5).map(|c| (2, c)).collect()
    } else {
        vec![]
    };
    let mut s0 = vec![bold(span("特殊交易类型", 31.0, 701.5))];
    s0.extend(last_row);
    s0.push(span("第5页，共19页", 260.0, 780.0));
    let ys1 = [36.0, 48.0, 60.0];
    let mut s1 = first_row;
    s1.push(span("机构说明", 40.0, 49.5));
    s1.push(span("第6页，共19页", 260.0, 780.0));
    let p1_rulings = {
        let mut r = grid(&xs, &ys1[..2], &[], &[], RED);
        r.extend(grid(&[30.0, 411.0, 564.0], &ys1[1..], &[], &[], RED));
        r
    };
    build_document(vec![
        page(0, s0, grid(&xs, &ys0, &[], &no_h, RED)),
        page(1, s1, p1_rulings),
    ])
}

#[test]
fn a_row_cut_by_the_page_break_is_merged() {
    let last = vec![
        span("担保人（第三", 31.0, 713.5),
        span("2014.07.05", 105.0, 713.5),
        span("0", 205.0, 713.5),
        span("20,000", 270.0, 713.5),
        span("该贷款由XX公司代偿20,000元。", 330.0, 713.5),
    ];
    let d = two_pages(last, vec![span("方）代偿", 40.0, 37.5)], false);
    let t = tables(&d);
    assert_eq!(t.len(), 1, "stitched into one table");
    let t = t[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 3, "header row, merged row, 机构说明 row");
    let cell = t.cells.iter().find(|c| c.text.starts_with("担保人")).expect("cut cell");
    assert_eq!(cell.text, "担保人（第三方）代偿");
    assert_eq!(cell.pieces.iter().map(|p| p.page).collect::<Vec<_>>(), [0, 1]);
    assert!(t.cells.iter().any(|c| c.row == 2 && c.text == "机构说明"));
    assert!(d.lines().all(|l| !is_page_footer(&l.text)));
    assert_eq!(d.lines().count(), 0);
}

#[test]
fn a_new_row_at_the_top_of_the_next_page_is_not_merged() {
    // A fresh data row whose first cell is short (编号/年份) is a new row, even when other
    // cells are blank.
    let last = vec![
        span("1", 60.0, 713.5),
        span("2014.07.05", 105.0, 713.5),
        span("0", 205.0, 713.5),
    ];
    let first = vec![span("2", 60.0, 37.5), span("2014.08.05", 105.0, 37.5)];
    let d = two_pages(last, first, false);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].n_rows, 4);
    assert_tiles(t[0]);
    assert!(t[0].cells.iter().any(|c| c.text == "2" && c.row == 2));
}

#[test]
fn a_cut_between_two_lines_of_a_cell_is_merged() {
    // The break falls after a line that ends early (影响因素1 ends, 影响因素2 starts on the
    // next page): nothing wrapped, but the key cells are done and only the long cell goes on.
    let last = vec![
        span("481", 40.0, 713.5),
        span(">30%", 105.0, 713.5),
        span("影响因素1：信用历史较短", 330.0, 713.5),
    ];
    let d = two_pages(last, vec![span("影响因素2：贷款账户数较多", 330.0, 37.5)], false);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 3, "header row, merged row, 机构说明 row");
    assert!(t
        .cells
        .iter()
        .any(|c| c.row == 1 && c.text == "影响因素1：信用历史较短影响因素2：贷款账户数较多"));
}

#[test]
fn a_new_row_under_a_row_spanning_label_is_not_merged() {
    // 贷款 spans the rows of its sub-types; the next page goes on with the next sub-type, its
    // first cell empty under the spanning label.
    let last = vec![
        span("贷款", 40.0, 713.5),
        span("个人住房贷款", 105.0, 713.5),
        span("2", 205.0, 713.5),
        span("2015.01", 330.0, 713.5),
    ];
    let first = vec![
        span("个人消费贷款", 105.0, 37.5),
        span("1", 205.0, 37.5),
        span("2016.03", 330.0, 37.5),
    ];
    let d = two_pages(last, first, false);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 4, "the sub-type row stays a row of its own");
    assert!(t.cells.iter().any(|c| c.row == 2 && c.text == "个人消费贷款"));
}

#[test]
fn values_under_a_header_row_at_the_break_are_not_merged_into_it() {
    let last = vec![
        bold(span("数字解读", 40.0, 713.5)),
        bold(span("相对位置", 105.0, 713.5)),
        bold(span("说明", 330.0, 713.5)),
    ];
    let d = two_pages(last, vec![span("影响因素1：信用历史较短", 330.0, 37.5)], false);
    let t = tables(&d)[0];
    assert_eq!(t.n_rows, 4);
    assert!(t
        .cells
        .iter()
        .any(|c| c.row == 2 && c.text == "影响因素1：信用历史较短"));
}

#[test]
fn a_header_row_cut_at_the_page_foot_is_merged() {
    // Wrapped labels filling their cells at the foot of page 0 (`逾期31—60天未还本` / `金`),
    // their last character at the top of page 1; the short labels ended on page 0.
    let last = vec![
        bold(span("当前逾期期数", 31.0, 713.5)),
        bold(span("逾期31天未还本", 103.0, 713.5)),
        bold(span("逾期61天未还本", 176.0, 713.5)),
        bold(span("逾期91天", 248.0, 713.5)),
        bold(span("逾期180天以上未还本金", 330.0, 713.5)),
    ];
    let first = vec![bold(span("金", 105.0, 37.5)), bold(span("金", 178.0, 37.5))];
    let d = two_pages(last, first, false);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 3, "title row, merged header row, 机构说明 row");
    let labels: Vec<&str> = t.row(1).iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        labels,
        [
            "当前逾期期数",
            "逾期31天未还本金",
            "逾期61天未还本金",
            "逾期91天",
            "逾期180天以上未还本金"
        ]
    );
}

#[test]
fn a_second_header_row_at_the_top_of_the_next_page_is_not_merged() {
    // Short labels above, a header row of its own below: nothing wrapped.
    let last = vec![
        bold(span("编号", 31.0, 713.5)),
        bold(span("姓名", 103.0, 713.5)),
        bold(span("日期", 176.0, 713.5)),
    ];
    let first = vec![bold(span("单位", 105.0, 37.5))];
    let d = two_pages(last, first, false);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 4);
    assert!(t.cells.iter().any(|c| c.row == 2 && c.text == "单位"));
}

#[test]
fn values_under_a_header_row_at_the_break_stay_apart_even_without_a_ruling() {
    // Chromium leaves the edge at a page break unruled; a header row at the page foot and the
    // value row that starts the next page are still two rows.
    let last = vec![
        bold(span("业务种类", 31.0, 713.5)),
        bold(span("担保方式", 103.0, 713.5)),
        bold(span("还款期数", 176.0, 713.5)),
        bold(span("还款频率", 248.0, 713.5)),
        bold(span("还款方式", 330.0, 713.5)),
    ];
    let first = vec![
        span("个人经营", 31.0, 37.5),
        span("抵押", 105.0, 37.5),
        span("--", 178.0, 37.5),
        span("月", 250.0, 37.5),
        span("按期结息", 330.0, 37.5),
    ];
    let d = two_pages(last, first, true);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 4);
    assert!(t.cells.iter().any(|c| c.row == 1 && c.text == "业务种类"));
    assert!(t.cells.iter().any(|c| c.row == 2 && c.text == "个人经营"));
}

#[test]
fn a_single_line_running_past_a_table_is_not_an_open_side() {
    // A scanned table whose right border runs on upwards through the heading above it (a
    // copier streak along the border), and one row ruling running on to the left (a copy
    // mark's stroke joined to it). Neither makes a slot: the heading stays a line outside
    // the table, and the rows stay apart.
    let xs = [50.0, 150.0, 250.0, 350.0];
    let ys = [300.0, 320.0, 340.0, 360.0];
    let mut r = grid(&xs, &ys, &[], &[], BLUE);
    r.push(Ruling {
        orientation: Orientation::Vertical,
        pos: 350.0,
        start: 240.0,
        end: 300.0,
        color: BLUE,
    });
    r.push(Ruling {
        orientation: Orientation::Horizontal,
        pos: 340.2,
        start: 40.0,
        end: 50.5,
        color: BLUE,
    });
    let spans = vec![
        bold(span("（三）准贷记卡账户", 120.0, 262.0)),
        span("发卡机构", 60.0, 305.0),
        span("甲", 60.0, 325.0),
        span("乙", 60.0, 345.0),
    ];
    let d = build_document(vec![page(0, spans, r)]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_tiles(t[0]);
    assert_eq!((t[0].n_rows, t[0].n_cols), (3, 3));
    assert_eq!(t[0].cell_at(1, 0).map(|c| c.text.as_str()), Some("甲"));
    assert!(
        d.lines().any(|l| l.text == "（三）准贷记卡账户"),
        "heading stays a line"
    );
}

#[test]
fn open_sides_are_where_most_lines_run_on_to() {
    // The top border is lost: every column ruling runs on to where it was, one further.
    let xs = [50.0, 150.0, 250.0, 350.0];
    let ys = [278.0, 300.0, 320.0];
    let mut r: Vec<Ruling> = grid(&xs, &ys, &[], &[(0, 0), (0, 1), (0, 2)], BLUE);
    r.push(Ruling {
        orientation: Orientation::Vertical,
        pos: 350.0,
        start: 240.0,
        end: 278.0,
        color: BLUE,
    });
    let spans = vec![span("发卡机构", 60.0, 283.0), span("甲", 60.0, 305.0)];
    let d = build_document(vec![page(0, spans, r)]);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!((t.n_rows, t.n_cols), (2, 3));
    let head = t.cell_at(0, 0).expect("slot");
    assert_eq!(head.text, "发卡机构");
    assert!((head.pieces[0].rect.y0 - 278.5).abs() < 1.0, "{:?}", head.pieces[0]);
}

#[test]
fn an_open_edge_does_not_merge_a_full_row_into_unwrapped_text() {
    // The same break with bold lost (Chromium's synthetic bold leaves no trace in the text
    // layer): every filled cell goes on below, none had wrapped, so the row below is new.
    let last = vec![
        span("业务种类", 31.0, 713.5),
        span("担保方式", 103.0, 713.5),
        span("还款期数", 176.0, 713.5),
        span("还款频率", 248.0, 713.5),
        span("还款方式", 330.0, 713.5),
    ];
    let first = vec![
        span("个人经营", 31.0, 37.5),
        span("抵押", 105.0, 37.5),
        span("--", 178.0, 37.5),
        span("月", 250.0, 37.5),
        span("按期结息", 330.0, 37.5),
    ];
    let d = two_pages(last, first, true);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 4);
    assert!(t.cells.iter().any(|c| c.row == 2 && c.text == "个人经营"));
}

#[test]
fn an_empty_open_row_at_the_page_foot_joins_the_row_below() {
    // Chromium draws the sides of the next row's cells at the page foot, then moves the row
    // over; the empty start and the row are one row.
    let first = vec![span("2024", 31.0, 37.5), span("N", 330.0, 37.5)];
    let d = two_pages(vec![], first, true);
    let t = tables(&d)[0];
    assert_tiles(t);
    assert_eq!(t.n_rows, 3);
    assert!(t.cells.iter().any(|c| c.row == 1 && c.text == "2024"));
}

#[test]
fn an_open_bottom_edge_means_the_row_continues() {
    let last = vec![span("1", 60.0, 713.5), span("北京市西城", 330.0, 713.5)];
    let first = vec![span("区", 330.0, 37.5)];
    let d = two_pages(last, first, true);
    let t = tables(&d)[0];
    assert_eq!(t.n_rows, 3);
    assert!(t.cells.iter().any(|c| c.text == "北京市西城区"));
}

#[test]
fn a_heading_between_tables_stops_stitching() {
    let xs = [30.0, 300.0, 560.0];
    let p0 = page(
        0,
        vec![span("甲", 40.0, 701.5)],
        grid(&xs, &[700.0, 712.0], &[], &[], BLUE),
    );
    let p1 = page(
        1,
        vec![bold(span("授信协议2", 40.0, 20.0)), span("乙", 40.0, 37.5)],
        grid(&xs, &[36.0, 48.0], &[], &[], BLUE),
    );
    let d = build_document(vec![p0, p1]);
    assert_eq!(tables(&d).len(), 2);
    // Same layout without the heading, but a different border colour: also two tables.
    let p0 = page(0, vec![], grid(&xs, &[700.0, 712.0], &[], &[], BLUE));
    let p1 = page(1, vec![], grid(&xs, &[36.0, 48.0], &[], &[], RED));
    assert_eq!(tables(&build_document(vec![p0, p1])).len(), 2);
}

#[test]
fn stitched_tables_share_column_edges() {
    // Page 1 continues with a 2-column section: the column edges of both parts are merged.
    let p0 = page(
        0,
        vec![span("a", 40.0, 701.5)],
        grid(&[30.0, 200.0, 560.0], &[700.0, 712.0], &[], &[], BLUE),
    );
    let p1 = page(
        1,
        vec![span("b", 40.0, 37.5)],
        grid(&[30.5, 100.0, 560.0], &[36.0, 48.0], &[], &[], BLUE),
    );
    let d = build_document(vec![p1, p0]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    let t = t[0];
    assert_eq!((t.n_rows, t.n_cols), (2, 3));
    assert_tiles(t);
    assert_eq!(t.cell_at(0, 0).map(|c| (c.col_span, c.text.as_str())), Some((2, "a")));
    assert_eq!(t.cell_at(1, 1).map(|c| (c.col_span, c.text.as_str())), Some((2, "")));
    assert_eq!(t.page, 0);
}

#[test]
fn a_table_continued_on_a_shifted_scanned_sheet_is_stitched() {
    // The second sheet lay 5.4 pt further right on the scanner glass: same widths, same
    // columns. Read from pixels, the parts are one table with the columns of the first; from a
    // text layer (one coordinate system) the same shift means another table.
    let scan = |mut pg: PageContent| {
        pg.source = ContentSource::Ocr;
        pg
    };
    let pages = |shift: f32, width: f32| {
        let p0 = page(
            0,
            vec![span("甲", 40.0, 701.5), span("乙", 210.0, 701.5)],
            grid(&[30.0, 200.0, 560.0], &[700.0, 712.0], &[], &[], BLUE),
        );
        let p1 = page(
            1,
            vec![span("丙", 40.0 + shift, 37.5), span("丁", 210.0 + shift, 37.5)],
            grid(
                &[30.0 + shift, 200.0 + shift, 560.0 + shift + width],
                &[36.0, 48.0],
                &[],
                &[],
                BLUE,
            ),
        );
        (p0, p1)
    };
    let (p0, p1) = pages(5.4, 0.0);
    let d = build_document(vec![scan(p0.clone()), scan(p1.clone())]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].n_rows, t[0].n_cols), (2, 2));
    assert_tiles(t[0]);
    assert_eq!(t[0].cell_at(1, 1).map(|c| c.text.as_str()), Some("丁"));
    assert_eq!(tables(&build_document(vec![p0, p1])).len(), 2);
    // A shifted sheet whose table is 8 pt wider is another table; so is one shifted too far.
    let (p0, p1) = pages(5.4, 8.0);
    assert_eq!(tables(&build_document(vec![scan(p0), scan(p1)])).len(), 2);
    let (p0, p1) = pages(20.0, 0.0);
    assert_eq!(tables(&build_document(vec![scan(p0), scan(p1)])).len(), 2);
}

#[test]
fn pages_without_rulings_or_text_are_fine() {
    let d = build_document(vec![
        page(0, vec![], vec![]),
        page(1, vec![span("一 个人基本信息", 200.0, 50.0)], vec![]),
    ]);
    assert_eq!(d.page_count, 2);
    assert_eq!(d.blocks.len(), 1);
    let lone = vec![Ruling {
        orientation: Orientation::Horizontal,
        pos: 10.0,
        start: 0.0,
        end: 100.0,
        color: 0,
    }];
    assert!(build_document(vec![page(0, vec![], lone)]).blocks.is_empty());
}

#[test]
fn stitching_with_nearly_coincident_edges_keeps_the_tiling() {
    // Column edges 100 and 103.5 on page 0, 101.5 on page 1: no cell may collapse to zero
    // width or overlap another.
    let p0 = page(
        0,
        vec![],
        grid(&[30.0, 100.0, 103.5, 560.0], &[700.0, 712.0], &[], &[], BLUE),
    );
    let p1 = page(1, vec![], grid(&[30.0, 101.5, 560.0], &[36.0, 48.0], &[], &[], BLUE));
    let d = build_document(vec![p0, p1]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_tiles(t[0]);
    assert!(t[0]
        .cells
        .iter()
        .all(|c| c.col_span >= 1 && c.col + c.col_span <= t[0].n_cols));
}

#[test]
fn wobbly_rulings_found_in_pixels_still_make_the_grid() {
    // OCR-style rulings: positions off by up to 0.8 pt, broken into pieces with 1.5 pt gaps,
    // stopping 1.5 pt short of the lines they should meet.
    let mut r = Vec::new();
    let jitter = [0.0, 0.8, -0.6, 0.4];
    for (i, &y) in [100.0f32, 112.0, 124.0].iter().enumerate() {
        let pos = y + jitter[i % 4];
        r.push(Ruling {
            orientation: Orientation::Horizontal,
            pos,
            start: 31.5,
            end: 150.0,
            color: 0,
        });
        r.push(Ruling {
            orientation: Orientation::Horizontal,
            pos: pos + 0.3,
            start: 151.5,
            end: 298.5,
            color: 0,
        });
    }
    for (i, &x) in [30.0f32, 120.0, 300.0].iter().enumerate() {
        let pos = x + jitter[(i + 1) % 4];
        r.push(Ruling {
            orientation: Orientation::Vertical,
            pos,
            start: 101.5,
            end: 122.5,
            color: 0,
        });
    }
    let spans = vec![span("编号", 40.0, 101.5), span("1", 130.0, 113.5)];
    let d = build_document(vec![page(0, spans, r)]);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].n_rows, t[0].n_cols), (2, 2));
    assert_tiles(t[0]);
    assert_eq!(t[0].cell_at(0, 0).map(|c| c.text.as_str()), Some("编号"));
    assert_eq!(t[0].cell_at(1, 1).map(|c| c.text.as_str()), Some("1"));
}

#[test]
fn blank_cells_are_the_cells_no_span_falls_in() {
    // 3 columns × 2 rows; the middle cell of row 1 is merged with the one below (no ruling
    // between them), text in (0,0) and (1,2).
    let xs = [50.0, 150.0, 250.0, 350.0];
    let ys = [100.0, 120.0, 140.0];
    let rulings = grid(&xs, &ys, &[], &[(1, 1)], BLUE);
    let p = page(0, vec![span("正常", 60.0, 105.0), span("N", 260.0, 125.0)], rulings);
    let mut blank = RulingCells::of(&p, &LayoutParams::default()).blank(&p.spans);
    blank.sort_by(|a, b| (a.x0, a.y0).partial_cmp(&(b.x0, b.y0)).unwrap());
    let near = |r: &Rect, want: [f32; 4]| {
        [r.x0, r.y0, r.x1, r.y1]
            .iter()
            .zip(want)
            .all(|(a, b)| (a - b).abs() < 1.0)
    };
    assert_eq!(blank.len(), 3, "{blank:?}");
    assert!(near(&blank[0], [50.0, 120.0, 150.0, 140.0]), "{blank:?}");
    assert!(
        near(&blank[1], [150.0, 100.0, 250.0, 140.0]),
        "the merged cell spans both rows: {blank:?}"
    );
    assert!(near(&blank[2], [250.0, 100.0, 350.0, 120.0]), "{blank:?}");
    // No rulings, no cells.
    let bare = page(0, vec![span("x", 0.0, 0.0)], vec![]);
    assert!(RulingCells::of(&bare, &LayoutParams::default())
        .blank(&bare.spans)
        .is_empty());
}

#[test]
fn a_page_footer_inside_an_open_row_at_the_page_foot_is_not_a_cell() {
    // The moved row's cell sides reach down over the footer: the footer must not become the
    // text of that (empty) row, or it reads as a record.
    let xs = [30.0, 150.0, 564.0];
    let ys0 = [700.0, 712.0, 795.0];
    let no_h: Vec<(usize, usize)> = (0..2).map(|c| (2, c)).collect();
    let s0 = vec![bold(span("编号", 31.0, 701.5)), span("第5页，共6页", 200.0, 780.0)];
    let ys1 = [36.0, 48.0];
    let s1 = vec![
        span("1", 31.0, 37.5),
        span("农村", 160.0, 37.5),
        span("第6页，共6页", 200.0, 780.0),
    ];
    let d = build_document(vec![
        page(0, s0, grid(&xs, &ys0, &[], &no_h, BLUE)),
        page(1, s1, grid(&xs, &ys1, &[], &[], BLUE)),
    ]);
    let texts: Vec<&str> = d
        .tables()
        .flat_map(|t| t.cells.iter().map(|c| c.text.as_str()))
        .chain(d.lines().map(|l| l.text.as_str()))
        .collect();
    assert!(!texts.iter().any(|t| t.contains('页')), "{texts:?}");
    assert!(texts.contains(&"农村"), "{texts:?}");
}
