//! Document-level tests of the corrector on hand-built tables.

use super::*;
use crate::geom::Rect;
use crate::layout::CellPiece;

/// A table on `page` from rows of cell texts, one grid column per cell. `"<n>|text"` spans `n`
/// columns; `"^"` is covered by the cell above (row span).
pub(crate) fn table(rows: &[&[&str]], page: usize) -> Table {
    let mut cells: Vec<Cell> = Vec::new();
    let mut n_cols = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for text in row.iter() {
            if *text == "^" {
                let above = cells
                    .iter_mut()
                    .find(|c| c.col == col && c.row + c.row_span == r)
                    .expect("cell above");
                above.row_span += 1;
                col += above.col_span;
                continue;
            }
            let (span, text) = match text.split_once('|') {
                Some((n, t)) if n.parse::<usize>().is_ok() => (n.parse().unwrap_or(1), t),
                _ => (1, *text),
            };
            cells.push(Cell {
                row: r,
                col,
                row_span: 1,
                col_span: span,
                text: text.to_string(),
                bold: false,
                pieces: vec![CellPiece {
                    page,
                    rect: Rect::default(),
                }],
            });
            col += span;
        }
        n_cols = n_cols.max(col);
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Table {
        n_rows: rows.len(),
        n_cols,
        cells,
        border_color: 0,
        page,
    }
}

fn line(text: &str, page: usize) -> Block {
    Block::Line(Line {
        text: text.into(),
        page,
        rect: Rect::default(),
        font_size: 10.0,
        bold: true,
        color: 0,
    })
}

fn texts(t: &Table, r: usize) -> Vec<String> {
    t.row(r).iter().map(|c| c.text.clone()).collect()
}

fn run(t: Table) -> (Table, CorrectionStats) {
    let page = t.page;
    let mut doc = Document {
        page_count: page + 1,
        blocks: vec![Block::Table(t)],
    };
    let stats = correct_document(&mut doc, &[page]);
    match doc.blocks.remove(0) {
        Block::Table(t) => (t, stats),
        Block::Line(_) => unreachable!("a table went in"),
    }
}

#[test]
fn form_table_labels_snap_and_values_follow_their_labels() {
    let t = table(
        &[
            &["营理机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户师种"],
            &[
                "工商银行北京分行",
                "ICBCZHOO001",
                "2010.O1.22",
                "2020.01.19",
                "36O,000",
                "人民币",
            ],
            &[
                "业务种类",
                "担保方式",
                "还款期数",
                "还款频率",
                "还款方式",
                "共同借款标志",
            ],
            &["个人商业住房贷款", "抵押", "l80", "月", "分期等额本金", "主借款人"],
        ],
        3,
    );
    let (t, stats) = run(t);
    assert_eq!(
        texts(&t, 0),
        ["管理机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户币种"]
    );
    // 账户标识 is an identifier: its `OO` stays as read
    assert_eq!(
        texts(&t, 1),
        [
            "工商银行北京分行",
            "ICBCZHOO001",
            "2010.01.22",
            "2020.01.19",
            "360,000",
            "人民币"
        ]
    );
    assert_eq!(texts(&t, 3)[2], "180");
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 2,
            fixed_values: 3,
            left_as_read: 0
        }
    );
}

#[test]
fn status_table_with_anchor_and_code_values() {
    let t = table(
        &[
            &["2|账户1（授信协议标汉：X1）"],
            &["2|截至2O15年05月25日"],
            &["账户状态", "账户关闭日期"],
            &["结消", "2015.05.l5"],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 0), ["账户1（授信协议标识：X1）"]);
    assert_eq!(texts(&t, 1), ["截至2015年05月25日"]);
    assert_eq!(texts(&t, 3), ["结清", "2015.05.15"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 2,
            fixed_values: 2,
            left_as_read: 0
        }
    );
}

#[test]
fn unreadable_values_are_left_as_read() {
    let t = table(
        &[
            &["开立日期", "借款金额", "账户状态", "被查询者证件号码"],
            // a non-date, an amount without its comma, an unknown state, a bad check digit
            &["2015.13.01", "360000", "正帝", "110105194912310021"],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 1), ["2015.13.01", "360000", "正帝", "110105194912310021"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 0,
            fixed_values: 0,
            left_as_read: 4
        }
    );
}

#[test]
fn free_text_columns_are_never_touched() {
    let t = table(
        &[
            &["姓名", "证件类型", "证件号码", "工作单位", "联系电话"],
            &[
                "李金花l",
                "外国人居留证",
                "123560000008888",
                "三星电子北京分公司财务部O",
                "138OOOO3333",
            ],
        ],
        0,
    );
    let (t, stats) = run(t);
    // 姓名 and 工作单位 are free text; a 15-digit number is a valid first-generation ID; the
    // phone's four `O`s are repaired because seven of its digits were read as digits
    assert_eq!(
        texts(&t, 1),
        [
            "李金花l",
            "外国人居留证",
            "123560000008888",
            "三星电子北京分公司财务部O",
            "13800003333"
        ]
    );
    assert_eq!(stats.snapped_labels, 0);
    assert_eq!(stats.fixed_values, 1);
}

#[test]
fn grid_blank_stays_blank_and_codes_are_validated() {
    let t = table(
        &[
            &["13|2010年07月-2015年05月的还款记录"],
            &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            &["2O15", "N", "Ｎ", "O", "#", "", "", "", "", "", "", "", ""],
            &["^", "0", "O", "0", "--", "", "", "", "", "", "", "", ""],
            &["2014", "", "", "", "", "", "", "", "", "", "", "*", "1"],
            &["^", "", "", "", "", "", "", "", "", "", "", "0", "5,5OO"],
            &["机构说明", "12|添加日期"],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 0), ["2010年07月—2015年05月的还款记录"]);
    let status: Vec<String> = texts(&t, 2);
    assert_eq!(&status[..5], ["2015", "N", "N", "O", "#"]);
    assert!(status[5..].iter().all(String::is_empty), "blank months stay blank");
    // An amount row holds amounts and `--`: a lone `O` there can only be `0`.
    assert_eq!(&texts(&t, 3)[..4], ["0", "0", "0", "--"]);
    assert!(texts(&t, 4)[1..11].iter().all(String::is_empty));
    assert_eq!(&texts(&t, 5)[10..], ["0", "5,500"]);
    // fixed: range dash, year, Ｎ, amount `O`, 5,5OO; left: status `O` (`0` or `D`)
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 0,
            fixed_values: 5,
            left_as_read: 1
        }
    );
}

#[test]
fn grid_marks_map_into_the_grid_alphabet() {
    // A 后付费 grid: `O` can only be `0` there (no `D`), `大`/`★` are the `*` mark, and a blank
    // month stays blank. The credit grid below keeps `O` as read (`0` or `D`).
    let t = table(
        &[
            &["13|2013年06月—2015年05月的缴费记录"],
            &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            &["2015", "N", "O", "大", "★", "", "", "", "", "", "", "", ""],
            &["13|2014年06月—2015年05月的还款记录"],
            &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            &["2015", "O", "大", "", "", "", "", "", "", "", "", "", ""],
            &["^", "0", "0", "", "", "", "", "", "", "", "", "", ""],
        ],
        0,
    );
    let (t, _) = run(t);
    let payment = texts(&t, 2);
    assert_eq!(&payment[..5], ["2015", "N", "0", "*", "*"]);
    assert!(payment[5..].iter().all(String::is_empty));
    assert_eq!(&texts(&t, 5)[..3], ["2015", "O", "*"]);
}

#[test]
fn a_grid_title_and_month_row_misread_in_one_character_come_back() {
    // `记` read as `尺` in the title's fixed ending, month 7 read as `1` between 6 and 8, month 12
    // read as `I` after 11, the `*` mark read as a dot.
    let t = table(
        &[
            &["13|2014年11月一2017年02月的还款尺录"],
            &["", "1", "2", "3", "4", "5", "6", "1", "8", "9", "10", "11", "I"],
            &["2017", "•", "N", "", "", "", "", "", "", "", "", "", ""],
            &["^", "0", "0", "", "", "", "", "", "", "", "", "", ""],
            &["13|2014年11月—2017年02月的迁款に录"],
            &["13|2014年11月—2017年02月的状态说明"],
        ],
        0,
    );
    let (t, _) = run(t);
    assert_eq!(texts(&t, 0), ["2014年11月—2017年02月的还款记录"]);
    let months: Vec<String> = texts(&t, 1);
    let want: Vec<String> = (1..=12).map(|m| m.to_string()).collect();
    assert_eq!(months[1..], want[..]);
    assert_eq!(&texts(&t, 2)[..3], ["2017", "*", "N"]);
    // Two characters off the ending still snap; three off is no title and is left as read.
    assert_eq!(texts(&t, 4), ["2014年11月—2017年02月的还款记录"]);
    assert_eq!(texts(&t, 5), ["2014年11月—2017年02月的状态说明"]);
    assert_eq!(header_months(&["", "1", "2", "3", "4", "5", "6", "1", "8"])[7], Some(7));
    assert_eq!(header_months(&["", "x", "2", "3"])[1], Some(1));
    // A cell between months that leave two out is not guessed.
    assert_eq!(header_months(&["", "1", "2", "3", "x", "6"])[4], None);
}

#[test]
fn lines_headings_captions_and_prose() {
    let mut doc = Document {
        page_count: 1,
        blocks: vec![
            line("一 个人基本信悤", 0),
            line("（二）非循环贷账户", 0),
            line("账户3（授信协议标汉：ICBCZH121211）", 0),
            line("报告时间：2024.031311:05:32", 0),
            line("本报告中的还款期数为\u{201c}--\u{201d}是指该账户是非分期还款。", 0),
        ],
    };
    let stats = correct_document(&mut doc, &[0]);
    let got: Vec<&str> = doc.lines().map(|l| l.text.as_str()).collect();
    assert_eq!(
        got,
        [
            "一 个人基本信息",
            "（二）非循环贷账户",
            "账户3（授信协议标识：ICBCZH121211）",
            "报告时间：2024.03.13 11:05:32",
            "本报告中的还款期数为\u{201c}--\u{201d}是指该账户是非分期还款。",
        ]
    );
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 2,
            fixed_values: 1,
            left_as_read: 0
        }
    );
}

#[test]
fn pages_not_listed_are_untouched() {
    let rows: &[&[&str]] = &[&["开立日期", "借款金额"], &["2010.O1.22", "36O,000"]];
    let mut doc = Document {
        page_count: 2,
        blocks: vec![
            line("一 个人基本信悤", 0),
            Block::Table(table(rows, 0)),
            Block::Table(table(rows, 1)),
        ],
    };
    let before = doc.clone();
    let stats = correct_document(&mut doc, &[1]);
    assert_eq!(doc.blocks[0], before.blocks[0]);
    assert_eq!(doc.blocks[1], before.blocks[1]);
    let Block::Table(ocr) = &doc.blocks[2] else {
        unreachable!("third block is a table")
    };
    assert_eq!(texts(ocr, 1), ["2010.01.22", "360,000"]);
    assert_eq!(stats.fixed_values, 2);
    assert_eq!(correct_document(&mut doc.clone(), &[]), CorrectionStats::default());
}

#[test]
fn list_table_header_governs_every_row_below() {
    let t = table(
        &[
            &["编号", "查询日期", "查询机构", "查询原因"],
            &["1", "2015.O5.31", "中国工商银行", "货款审批"],
            &["2", "2015.05.14", "货款公司", "费后管理"],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 1), ["1", "2015.05.31", "中国工商银行", "贷款审批"]);
    // 查询机构 is free text: a confusion pair inside it is not applied
    assert_eq!(texts(&t, 2), ["2", "2015.05.14", "货款公司", "贷后管理"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 2,
            fixed_values: 1,
            left_as_read: 0
        }
    );
}

#[test]
fn small_counts_are_not_a_month_row_and_unlisted_codes_stay() {
    let t = table(
        &[
            &[
                "贷款审批",
                "信用卡审批",
                "贷款审批",
                "信用卡审批",
                "本人查询",
                "贷后管理",
                "担保资格审查",
                "特约商户实名审查",
            ],
            &["1", "2", "3", "4", "5", "6", "7", "1O"],
            &["业务种类", "担保方式"],
            // not in the code table and two edits from 个人消费贷款: left as read, not guessed
            &["个人住房货款", "抵抻"],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 1)[7], "10");
    assert_eq!(texts(&t, 3), ["个人住房货款", "抵抻"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 0,
            fixed_values: 1,
            left_as_read: 2
        }
    );
}

#[test]
fn anchor_cut_into_cells_is_a_title() {
    let t = table(
        &[
            &["账户状态", "余额", "最近一次还款日期"],
            &["呆账", "166,OOO", "2013.04.O5"],
            &["2015年O4月12日以后的最新还款记录", "", ""],
        ],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 1), ["呆账", "166,000", "2013.04.05"]);
    assert_eq!(texts(&t, 2)[0], "2015年04月12日以后的最新还款记录");
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 0,
            fixed_values: 3,
            left_as_read: 0
        }
    );
}

#[test]
fn prefixed_labels_and_values() {
    let cases: &[(&str, Edit)] = &[
        (
            "报告编号：2015O6010000332123",
            Edit::Value("报告编号：201506010000332123".into()),
        ),
        (
            "报告编亏：201506010000332123",
            Edit::Label("报告编号：201506010000332123".into()),
        ),
        ("报告时间：2015.06.01 10:05:15", Edit::Keep),
        ("报告时间：2015.06.01 10:05", Edit::Left),
        ("报告时间：", Edit::Keep),
        ("联系电话：010—90000000", Edit::Keep),
    ];
    for (text, want) in cases {
        assert_eq!(&line_edit(text), want, "{text}");
    }
}

#[test]
fn a_title_without_header_row_implies_its_columns() {
    let t = table(
        &[&["3|上一次查询记录"], &["2025.O6.13", "村镇银行“KZPA”", "货款审批"]],
        0,
    );
    let (t, stats) = run(t);
    assert_eq!(texts(&t, 1), ["2025.06.13", "村镇银行“KZPA”", "贷款审批"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 1,
            fixed_values: 1,
            left_as_read: 0
        }
    );
}

#[test]
fn a_header_tail_on_its_own_row_still_names_the_column() {
    let t = table(
        &[
            &["应还款日", "最近一次还款日"],
            &["", "期"],
            &["2019.O9.14", "2019.O6.16"],
        ],
        0,
    );
    let (t, stats) = run(t);
    // the cut header is left for the parsers to join; the value under it is checked as a date
    assert_eq!(texts(&t, 0), ["应还款日", "最近一次还款日"]);
    assert_eq!(texts(&t, 1), ["", "期"]);
    assert_eq!(texts(&t, 2), ["2019.09.14", "2019.06.16"]);
    assert_eq!(
        stats,
        CorrectionStats {
            snapped_labels: 0,
            fixed_values: 2,
            left_as_read: 1
        }
    );
}

#[test]
fn a_year_column_split_or_spanned_by_its_rulings_still_opens_grid_rows() {
    // The month row's first cell spans two grid columns (`2|`); one year spans both columns
    // (`2|2019`), the next reads in the second of two cells (`|2018`) as a lost ruling split
    // the column. The amount rows under both are read as amounts: a lone `o` there is `0`.
    let t = table(
        &[
            &["14|2015年07月—2019年12月的还款记录"],
            &["2|", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            &["2|2019", "N", "N", "N", "N", "1", "2", "N", "N", "N", "N", "N", "N"],
            &["^", "0", "o", "0", "0", "560", "1.120", "0", "0", "0", "0", "0", "0"],
            &["", "2O18", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N"],
            &["^", "^", "0", "0", "o", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
        ],
        0,
    );
    let (t, _) = run(t);
    assert_eq!(&texts(&t, 3)[..7], ["0", "0", "0", "0", "560", "1,120", "0"]);
    assert_eq!(&texts(&t, 4)[..2], ["", "2018"]);
    assert_eq!(&texts(&t, 5)[..4], ["0", "0", "0", "0"]);
}
