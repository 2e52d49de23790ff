//! Repayment grids: window blanks, merged year cells, union tables, page-split grids.

use crate::layout::Block;
use crate::report::{RefundMonth, RefundRecord};

use super::{line, parse, table, table_with};

const MONTHS: [&str; 13] = ["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

/// A plain year's status and amount rows, for grids whose point lies in another year.
const S2013: &[&str] = &["2013@1x2", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "#"];
const A2013: &[&str] = &["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "--"];

/// A year's status row (year cell merged over two rows) and amount row; `None` is a blank cell.
fn year_rows(year: &str, cells: [Option<(&'static str, &'static str)>; 12]) -> (Vec<String>, Vec<String>) {
    let mut status = vec![format!("{year}@1x2")];
    let mut amount = Vec::new();
    for cell in cells {
        let (s, a) = cell.unwrap_or(("", ""));
        status.push(s.to_string());
        amount.push(a.to_string());
    }
    (status, amount)
}

fn accounts_with_grid(grid: Vec<Block>) -> RefundRecord {
    let mut blocks = vec![line("（二）非循环贷账户"), line("账户1（授信协议标识：X）")];
    blocks.extend(grid);
    let mut detail = parse(&blocks);
    assert_eq!(detail.acyclic_credit_account.len(), 1);
    detail.acyclic_credit_account.remove(0).refund_record
}

/// The years a grid was read with, newest first.
fn years(record: &RefundRecord) -> Vec<&str> {
    record.detail.iter().map(|y| y.year.as_str()).collect()
}

fn month(m: &str, state: &str, amount: &str) -> RefundMonth {
    RefundMonth {
        month_value: m.into(),
        amount: amount.into(),
        state: state.into(),
    }
}

#[test]
fn blank_cells_outside_the_window_are_absent() {
    const N0: Option<(&str, &str)> = Some(("N", "0"));
    let (s2011, a2011) = year_rows(
        "2011",
        [N0, N0, N0, N0, N0, N0, N0, Some(("#", "--")), None, None, None, None],
    );
    let (s2010, a2010) = year_rows(
        "2010",
        [
            None,
            None,
            None,
            None,
            None,
            None,
            N0,
            Some(("1", "100")),
            Some(("2", "200")),
            Some(("3", "300")),
            N0,
            N0,
        ],
    );
    let rows: Vec<Vec<String>> = vec![
        MONTHS.iter().map(|s| s.to_string()).collect(),
        s2011,
        a2011,
        s2010,
        a2010,
    ];
    let rows_ref: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows_ref: Vec<&[&str]> = rows_ref.iter().map(Vec::as_slice).collect();
    let record = accounts_with_grid(vec![line("2010 年 07 月—2011 年 08 月的还款记录"), table(&rows_ref)]);

    assert_eq!(record.date_range, "2010年07月—2011年08月");
    assert_eq!(
        (record.start_date.as_str(), record.end_date.as_str()),
        ("2010.07", "2011.08")
    );
    assert_eq!(years(&record), ["2011", "2010"]);
    let y2011 = &record.detail[0].month;
    assert_eq!(y2011.len(), 8);
    assert_eq!(y2011[0], month("1", "N", "0"));
    assert_eq!(y2011[7], month("8", "#", "--"));
    assert!(y2011
        .iter()
        .all(|m| !["9", "10", "11", "12"].contains(&m.month_value.as_str())));
    let y2010 = &record.detail[1].month;
    let present: Vec<&str> = y2010.iter().map(|m| m.month_value.as_str()).collect();
    assert_eq!(present, ["7", "8", "9", "10", "11", "12"]);
    assert_eq!(y2010[1], month("8", "1", "100"));
    assert_eq!(y2010[3], month("10", "3", "300"));
}

#[test]
fn one_union_table_holds_basic_form_status_and_grid() {
    // Layout stages that see one bordered block return one table whose grid is the union of all
    // column boundaries; the 6-label form then sits on spans of a 13-column grid.
    let mut rows: Vec<Vec<&str>> = vec![
        vec![
            "管理机构@3",
            "账户标识@2",
            "开立日期@2",
            "到期日期@2",
            "借款金额@2",
            "账户币种@2",
        ],
        vec![
            "工商银行北京分行@3",
            "ICBCZH00001@2",
            "2010.01.22@2",
            "2020.01.19@2",
            "360,000@2",
            "人民币@2",
        ],
        vec!["截至2015年05月25日@13"],
        vec!["账户状态@5", "余额@4", "最近一次还款日期@4"],
        vec!["呆账@5", "166,000@4", "2013.04.05@4"],
        vec!["2015年01月—2015年05月的还款记录@13"],
        MONTHS.to_vec(),
    ];
    let mut status = vec!["2015@1x2", "B", "B", "B", "B", "B"];
    status.extend(std::iter::repeat_n("", 7));
    let mut amount = vec!["16,200", "16,300", "16,400", "16,500", "16,600"];
    amount.extend(std::iter::repeat_n("", 7));
    rows.push(status);
    rows.push(amount);
    rows.push(vec![
        "特殊交易类型@3",
        "发生日期@2",
        "变更月数@2",
        "发生金额@2",
        "明细记录@4",
    ]);
    rows.push(vec!["提前结清@3", "2015.05.15@2", "7@2", "500@2", "--@4"]);
    let rows_ref: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let mut detail = parse(&[line("（二）非循环贷账户"), line("账户1"), table(&rows_ref)]);
    let a = detail.acyclic_credit_account.remove(0);
    assert_eq!(
        (
            a.manage_company.as_str(),
            a.refund_amount.as_str(),
            a.account_currency_type.as_str()
        ),
        ("工商银行北京分行", "360,000", "人民币")
    );
    assert_eq!(a.due_date, "2015年05月25日");
    assert_eq!(a.account_state.value, "呆账");
    assert_eq!(a.account_state.bad_debt.latest_repay_date, "2013.04.05");
    assert_eq!(a.refund_record.detail.len(), 1);
    assert_eq!(a.refund_record.detail[0].month.len(), 5);
    assert_eq!(a.refund_record.detail[0].month[4], month("5", "B", "16,600"));
    assert_eq!(a.special_trans_types[0].change_month_num, "7");
}

#[test]
fn status_and_amount_in_one_cell_split_after_the_status_code() {
    // No dashed separator detected: one row per year, `B16,200` in a cell. `20,750` is an
    // amount whose status did not read (`0,750` is no amount): the status stays blank.
    let mut y2015 = vec!["2015", "B16,200", "#--", "N0", "1116,200", "20,750"];
    y2015.extend(std::iter::repeat_n("", 7));
    let record = accounts_with_grid(vec![line("2015年01月—2015年05月的还款记录"), table(&[&MONTHS, &y2015])]);
    assert_eq!(
        record.detail[0].month,
        [
            month("1", "B", "16,200"),
            month("2", "#", "--"),
            month("3", "N", "0"),
            month("4", "1", "116,200"),
            month("5", "", "20,750")
        ]
    );
}

#[test]
fn grid_cut_by_a_page_break_continues_in_the_next_table() {
    // Unstitched page break: the second table has its own (finer) column grid but the same x.
    let full: Vec<&str> = std::iter::once("2014@1x2")
        .chain(std::iter::repeat_n("N", 12))
        .collect();
    let zeros: Vec<&str> = std::iter::repeat_n("0", 12).collect();
    let first = table(&[&MONTHS, &full, &zeros]);
    let fine_status: Vec<String> = std::iter::once("2013@2x2".to_string())
        .chain((0..12).map(|m| if m < 6 { "@2".into() } else { "N@2".into() }))
        .collect();
    let fine_amount: Vec<String> = (0..12)
        .map(|m| if m < 6 { "@2".to_string() } else { "0@2".to_string() })
        .collect();
    let fine_status: Vec<&str> = fine_status.iter().map(String::as_str).collect();
    let fine_amount: Vec<&str> = fine_amount.iter().map(String::as_str).collect();
    let second = Block::Table(table_with(5.0, &[&fine_status, &fine_amount]));
    let record = accounts_with_grid(vec![line("2013年07月—2014年12月的还款记录"), first, second]);
    assert_eq!(years(&record), ["2014", "2013"]);
    assert_eq!(record.detail[0].month.len(), 12);
    let months_2013: Vec<&str> = record.detail[1].month.iter().map(|m| m.month_value.as_str()).collect();
    assert_eq!(months_2013, ["7", "8", "9", "10", "11", "12"]);
    assert_eq!(record.detail[1].month[0], month("7", "N", "0"));
}

#[test]
fn grid_without_a_readable_title_is_still_read() {
    let mut y2015 = vec!["2015@1x2", "N", "1"];
    y2015.extend(std::iter::repeat_n("", 10));
    let mut a2015 = vec!["0", "500"];
    a2015.extend(std::iter::repeat_n("", 10));
    let record = accounts_with_grid(vec![
        line("2015年01月—2015年02月的还款纪录"),
        table(&[&MONTHS, &y2015, &a2015]),
    ]);
    assert_eq!(record.date_range, "");
    assert_eq!(record.detail.len(), 1);
    assert_eq!(record.detail[0].month, [month("1", "N", "0"), month("2", "1", "500")]);
}

#[test]
fn one_cell_with_both_lines_over_a_blank_amount_is_split() {
    let mut y2015 = vec!["2015@1x2", "N", "B16,200", "N"];
    y2015.extend(std::iter::repeat_n("", 9));
    let mut a2015 = vec!["0", "", "0"];
    a2015.extend(std::iter::repeat_n("", 9));
    let record = accounts_with_grid(vec![
        line("2015年01月—2015年03月的还款记录"),
        table(&[&MONTHS, &y2015, &a2015]),
    ]);
    assert_eq!(
        record.detail[0].month,
        [month("1", "N", "0"), month("2", "B", "16,200"), month("3", "N", "0")]
    );
}

#[test]
fn an_empty_row_between_the_month_row_and_the_years_is_skipped() {
    // The empty start of the first year row left at a page foot (the rest moved on).
    let empty: Vec<&str> = std::iter::repeat_n("", 13).collect();
    let mut y2024 = vec!["2024@1x2"];
    y2024.extend(std::iter::repeat_n("", 6));
    y2024.extend(["N", "1", "2", "3"]);
    y2024.extend(["", ""]);
    let mut a2024: Vec<&str> = std::iter::repeat_n("", 6).collect();
    a2024.extend(["0", "3,000", "6,000", "12,000"]);
    a2024.extend(["", ""]);
    let record = accounts_with_grid(vec![
        line("2024年07月—2024年10月的还款记录"),
        table(&[&MONTHS, &empty, &y2024, &a2024]),
    ]);
    assert_eq!(record.detail.len(), 1);
    assert_eq!(record.detail[0].year, "2024");
    assert_eq!(record.detail[0].month.len(), 4);
    assert_eq!(record.detail[0].month[3], month("10", "3", "12,000"));
}

#[test]
fn month_cells_merged_by_a_lost_ruling_still_pair_with_their_values() {
    // A scan lost the ruling between months 7 and 8 in the month row only.
    let header: &[&str] = &["", "1", "2", "3", "4", "5", "6", "7 8@2x1", "9", "10", "11", "12"];
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "1", "2", "N", "N", "N", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "100", "200", "0", "0", "0", "0"];
    let record = accounts_with_grid(vec![
        line("2013年01月—2014年12月的还款记录"),
        table(&[header, s2014, a2014, S2013, A2013]),
    ]);
    assert_eq!(
        years(&record),
        ["2014", "2013"],
        "the year rows under the merged cell are read"
    );
    let y2014 = &record.detail[0].month;
    assert_eq!(y2014.len(), 12);
    assert_eq!(y2014[6], month("7", "1", "100"));
    assert_eq!(y2014[7], month("8", "2", "200"));
    assert_eq!(record.detail[1].month[11], month("12", "#", "--"));
}

#[test]
fn merged_month_cells_side_by_side_are_each_split() {
    // A scan lost five rulings of the month row: `2 3 | 4 5 | 6 7 8` run into each other,
    // and `10 11` too; every value still pairs with its own month.
    let header: &[&str] = &["", "1", "2 3@2x1", "4 5@2x1", "6 7 8@3x1", "9", "10 11@2x1", "12"];
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "1", "2", "N", "N", "3", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "100", "200", "0", "0", "300", "0"];
    let record = accounts_with_grid(vec![
        line("2014年01月—2014年12月的还款记录"),
        table(&[header, s2014, a2014]),
    ]);
    let y2014 = &record.detail[0].month;
    assert_eq!(y2014.len(), 12);
    assert_eq!(y2014[6], month("7", "1", "100"));
    assert_eq!(y2014[7], month("8", "2", "200"));
    assert_eq!(y2014[10], month("11", "3", "300"));
}

#[test]
fn a_month_printed_in_a_merged_cell_points_at_its_part_of_it() {
    // Evidence: `2 3` in one cell (a lost ruling); month 3's number is the right half of it.
    let header: &[&str] = &["", "1", "2 3@2x1", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"];
    let (record, log) = crate::evidence::provenance::collect(|| {
        accounts_with_grid(vec![
            line("2014年01月—2014年12月的还款记录"),
            table(&[header, s2014, a2014]),
        ])
    });
    assert_eq!(record.detail[0].month.len(), 12);
    let month_box = |m: &str| {
        let notes: Vec<_> = log
            .notes
            .iter()
            .filter(|n| n.key.as_deref() == Some("monthValue") && n.text == m)
            .collect();
        assert_eq!(notes.len(), 1, "month {m}: {notes:?}");
        assert_eq!(notes[0].boxes.len(), 1, "month {m}");
        let r = notes[0].boxes[0].rect;
        (r.x0, r.x1)
    };
    let (one0, one1) = month_box("1");
    let (two0, two1) = month_box("2");
    let (three0, three1) = month_box("3");
    let (four0, _) = month_box("4");
    let width = one1 - one0;
    assert!(width > 0.0);
    // Each half of the merged cell is one month's column wide, side by side, left to right.
    assert!(
        (two0 - one1).abs() < 0.01 && (two1 - two0 - width).abs() < 0.01,
        "{two0}..{two1}"
    );
    assert!((three0 - two1).abs() < 0.01 && (three1 - three0 - width).abs() < 0.01);
    assert!((four0 - three1).abs() < 0.01);
}

#[test]
fn a_header_cell_that_is_not_the_missing_run_is_not_split() {
    // `9 10` between 6 and 9 is not the run 7, 8: left as one (unknown) label.
    let header: &[&str] = &["", "1", "2", "3", "4", "5", "6", "9 10@2x1", "9", "10", "11", "12"];
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "", "", "N", "N", "N", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "", "", "0", "0", "0", "0"];
    let record = accounts_with_grid(vec![
        line("2014年01月—2014年12月的还款记录"),
        table(&[header, s2014, a2014]),
    ]);
    let months: Vec<&str> = record.detail[0].month.iter().map(|m| m.month_value.as_str()).collect();
    assert_eq!(months, ["1", "2", "3", "4", "5", "6", "9", "10", "11", "12"]);
}

#[test]
fn a_speck_in_a_merged_month_cell_or_an_unreadable_month_label_does_not_end_the_grid() {
    // `7F 8`: the merged run 7, 8 with a speck read as a letter, split as the run. `?` over a
    // column of month 11 that did not read: its values belong to no month and are dropped,
    // and the year rows below are still read.
    let header: &[&str] = &["", "1", "2", "3", "4", "5", "6", "7F 8@2x1", "9", "10", "?", "12"];
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "1", "2", "N", "N", "工", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "100", "200", "0", "0", "0", "0"];
    let record = accounts_with_grid(vec![
        line("2013年01月—2014年12月的还款记录"),
        table(&[header, s2014, a2014, S2013, A2013]),
    ]);
    assert_eq!(years(&record), ["2014", "2013"]);
    let y2014 = &record.detail[0].month;
    assert_eq!(y2014[6], month("7", "1", "100"));
    assert_eq!(y2014[7], month("8", "2", "200"));
    let months: Vec<&str> = y2014.iter().map(|m| m.month_value.as_str()).collect();
    assert_eq!(months, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12"]);
}

#[test]
fn a_year_row_cell_over_two_months_with_one_token_each_is_split() {
    // The ruling between months 7 and 8 lost in the year rows only: `6 7` / `N N` over two
    // month columns give each month its own token; `1N` (one token) stays with month 11.
    let s2014: &[&str] = &["2014@1x2", "N", "N", "N", "N", "N", "N", "6 7@2x1", "N", "N", "1N", "N"];
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "13,740 16,030@2x1", "0", "0", "0", "0"];
    let record = accounts_with_grid(vec![
        line("2014年01月—2014年12月的还款记录"),
        table(&[&MONTHS, s2014, a2014]),
    ]);
    let y2014 = &record.detail[0].month;
    assert_eq!(y2014.len(), 12);
    assert_eq!(y2014[6], month("7", "6", "13,740"));
    assert_eq!(y2014[7], month("8", "7", "16,030"));
    assert_eq!(y2014[10], month("11", "1N", "0"));
}

#[test]
fn a_year_cell_merged_over_two_years_by_a_lost_ruling_gives_each_year_its_rows() {
    // The ruling between 2014's amount row and 2013's status row lost in the year column: one
    // cell over four rows reads `20142013`. A run that is not consecutive years still ends the
    // grid (no year is invented for rows whose year cannot be told).
    let status = |merged: &'static str| -> Vec<&'static str> {
        [merged, "N", "N", "N", "N", "N", "N", "1", "2", "N", "N", "N", "N"].to_vec()
    };
    let a2014: &[&str] = &["0", "0", "0", "0", "0", "0", "100", "200", "0", "0", "0", "0"];
    let s2013: &[&str] = &["N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "#"];
    let s2012: Vec<String> = S2013.iter().map(|s| s.replace("2013", "2012")).collect();
    let s2012: Vec<&str> = s2012.iter().map(String::as_str).collect();
    let read = |merged: &'static str| {
        accounts_with_grid(vec![
            line("2012年01月—2014年12月的还款记录"),
            table(&[&MONTHS, &status(merged), a2014, s2013, A2013, &s2012, A2013]),
        ])
    };
    let record = read("20142013@1x4");
    assert_eq!(years(&record), ["2014", "2013", "2012"]);
    assert_eq!(record.detail[0].month[7], month("8", "2", "200"));
    assert_eq!(record.detail[1].month[11], month("12", "#", "--"));
    assert_eq!(record.detail[2].month[11], month("12", "#", "--"));
    let record = read("20142012@1x4");
    assert!(record.detail.is_empty(), "{:?}", record.detail);
}

#[test]
fn a_state_only_grid_with_a_year_cell_merged_over_two_years_reads_both() {
    // A 后付费 grid prints one state row per year: a cell over two rows holding two years.
    // Where the second row holds amounts, it is no 后付费 grid's second year: not read as one.
    let s2020: Vec<&str> = std::iter::once("20202019@1x2")
        .chain(std::iter::repeat_n("N", 11))
        .chain(["1"])
        .collect();
    let s2019: Vec<&str> = std::iter::repeat_n("N", 12).collect();
    let a2020: Vec<&str> = std::iter::repeat_n("0", 11).chain(["100"]).collect();
    let read = |second: &[&str]| {
        accounts_with_grid(vec![
            line("2019年01月—2020年12月的还款记录"),
            table(&[&MONTHS, &s2020, second]),
        ])
    };
    let record = read(&s2019);
    assert_eq!(years(&record), ["2020", "2019"]);
    assert_eq!(record.detail[0].month[11], month("12", "1", ""));
    assert_eq!(record.detail[1].month.len(), 12);
    let record = read(&a2020);
    assert_eq!(years(&record), ["2020"]);
}

#[test]
fn a_month_label_that_did_not_read_is_the_one_month_its_neighbours_leave_out() {
    // Month 1's label lost in the scan: the blank between the year column and `2` is month 1,
    // and the year rows still pair (the month-1 value no longer falls into the year column).
    let header: &[&str] = &["", "", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
    let record = accounts_with_grid(vec![
        line("2013年01月—2013年12月的还款记录"),
        table(&[header, S2013, A2013]),
    ]);
    assert_eq!(years(&record), ["2013"]);
    assert_eq!(record.detail[0].month.len(), 12);
    assert_eq!(record.detail[0].month[0], month("1", "N", "0"));

    // Two blanks where one month is missing: which is month 7 cannot be told; neither is.
    let header: &[&str] = &["", "1", "2", "3", "4", "5", "6", "", "", "8", "9", "10", "11"];
    let s2013: &[&str] = &["2013@1x2", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "#"];
    let record = accounts_with_grid(vec![
        line("2013年01月—2013年12月的还款记录"),
        table(&[header, s2013, A2013]),
    ]);
    let months: Vec<&str> = record.detail[0].month.iter().map(|m| m.month_value.as_str()).collect();
    assert_eq!(months, ["1", "2", "3", "4", "5", "6", "8", "9", "10", "11"]);
}

#[test]
fn months_merged_with_the_year_column_leave_the_year_to_its_column() {
    // The rulings between the year column and months 1 and 2 lost in the month row only: one
    // cell `1 2` over three columns. Its left part is the year column's.
    for first in ["1 2@3x1", "1@2x1"] {
        let rest: Vec<&str> = if first.starts_with("1 2") {
            vec!["3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
        } else {
            vec!["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
        };
        let header: Vec<&str> = std::iter::once(first).chain(rest).collect();
        let s2014: &[&str] = &["2014@1x2", "1", "2", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N"];
        let a2014: &[&str] = &["100", "200", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"];
        let record = accounts_with_grid(vec![
            line("2013年01月—2014年12月的还款记录"),
            table(&[&header, s2014, a2014, S2013, A2013]),
        ]);
        assert_eq!(years(&record), ["2014", "2013"], "{first}");
        assert_eq!(record.detail[0].month[0], month("1", "1", "100"), "{first}");
        assert_eq!(record.detail[0].month[1], month("2", "2", "200"), "{first}");
    }
}

#[test]
fn a_speck_line_at_the_page_break_does_not_end_the_grid_but_a_heading_does() {
    let s2014: Vec<&str> = std::iter::once("2014@1x2")
        .chain(std::iter::repeat_n("N", 12))
        .collect();
    let zeros: Vec<&str> = std::iter::repeat_n("0", 12).collect();
    let read = |between: &[&str]| {
        let mut blocks = vec![
            line("2013年01月—2014年12月的还款记录"),
            table(&[&MONTHS, &s2014, &zeros]),
        ];
        blocks.extend(between.iter().map(|text| line(text)));
        blocks.push(table(&[S2013, A2013]));
        let record = accounts_with_grid(blocks);
        record.detail.iter().map(|y| y.year.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        read(&["1"]),
        ["2014", "2013"],
        "a speck beside the table at the page foot"
    );
    assert_eq!(read(&["Pe", "82-0:"]), ["2014", "2013"], "two specks");
    assert_eq!(read(&["机构说明"]), ["2014"], "text the report prints ends the grid");
    assert_eq!(read(&["1", "机构说明"]), ["2014"]);
}

#[test]
fn a_year_cell_on_the_next_page_a_point_wider_stays_the_years() {
    // The next page's table, its rulings moved by the scan: the year cell reaches a point
    // under month 1's label. It is still the year, and month 1 keeps its own value.
    let s2014: Vec<&str> = std::iter::once("2014@1x2")
        .chain(std::iter::repeat_n("N", 12))
        .collect();
    let zeros: Vec<&str> = std::iter::repeat_n("0", 12).collect();
    let first = table(&[&MONTHS, &s2014, &zeros]);
    let mut second = table_with(10.0, &[S2013, A2013]);
    for cell in second.cells.iter_mut().filter(|c| c.col == 0) {
        cell.pieces[0].rect.x1 += 1.0;
    }
    let record = accounts_with_grid(vec![
        line("2013年01月—2014年12月的还款记录"),
        first,
        Block::Table(second),
    ]);
    assert_eq!(years(&record), ["2014", "2013"]);
    assert_eq!(record.detail[1].month[0], month("1", "N", "0"));
}
