//! Unexpected input: extra columns, unknown tables, missing titles, cross-table forms, junk.

use crate::layout::{Block, Cell, Table};
use crate::parse::ReportVersion;
use crate::report::CreditTransInfoDetail;

use super::super::parse_credit_trans_detail;
use super::{line, loan_basic, move_rows_to_page, parse, table, table_with, LOAN_FIRST_VALUES};

#[test]
fn unknown_extra_column_does_not_shift_values() {
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        table(&[
            &[
                "管理机构",
                "账户标识",
                "开立日期",
                "到期日期",
                "借款金额",
                "账户币种",
                "@2",
            ],
            &[
                "工商银行北京分行",
                "ICBCZH00001",
                "2010.01.22",
                "2020.01.19",
                "360,000",
                "人民币",
                "@2",
            ],
            // A BOC rendering inserts 贷款发放形式 mid-row (report_layout.md §7.2).
            &[
                "业务种类",
                "担保方式",
                "贷款发放形式",
                "还款期数",
                "还款频率",
                "还款方式",
                "共同借款标志@2",
            ],
            &[
                "个人商业住房贷款",
                "抵押",
                "新增",
                "180",
                "月",
                "分期等额本金",
                "主借款人@2",
            ],
        ]),
    ];
    let a = &parse(&blocks).acyclic_credit_account[0];
    assert_eq!(a.guarantee_type, "抵押");
    assert_eq!(a.refund_period_num, "180");
    assert_eq!(a.refund_frequency, "月");
    assert_eq!(a.refund_type, "分期等额本金");
    assert_eq!(a.join_refund_flag, "主借款人");
}

#[test]
fn labels_run_together_where_the_rulings_were_lost_still_head_their_columns() {
    // A header row at a page foot whose inner sides the scan lost: two labels in one cell,
    // three in the next; the value row below kept its rulings.
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        table(&[
            &["管理机构账户标识@2", "开立日期到期日期借款金额@3", "账户币种"],
            LOAN_FIRST_VALUES,
        ]),
    ];
    let a = &parse(&blocks).acyclic_credit_account[0];
    assert_eq!(
        (a.manage_company.as_str(), a.amount_id.as_str(), a.start_date.as_str()),
        ("工商银行北京分行", "ICBCZH00001", "2010.01.22")
    );
    assert_eq!(
        (a.deadline_date.as_str(), a.refund_amount.as_str()),
        ("2020.01.19", "360,000")
    );
    assert_eq!(a.account_currency_type, "人民币");
}

#[test]
fn table_with_unexpected_labels_is_skipped() {
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        loan_basic("借款金额"),
        table(&[&["神秘字段甲", "神秘字段乙", "神秘字段丙"], &["值一", "值二", "值三"]]),
        line("截至2015年05月25日"),
        table(&[
            &["账户状态", "账户关闭日期", "未知日期"],
            &["结清", "2015.05.15", "2015.05.16"],
        ]),
    ];
    let a = &parse(&blocks).acyclic_credit_account[0];
    assert_eq!(a.manage_company, "工商银行北京分行");
    assert_eq!(a.join_refund_flag, "主借款人");
    assert_eq!(a.account_state.value, "结清");
    assert_eq!(a.account_state.clear.account_closed_date, "2015.05.15");
}

#[test]
fn header_and_values_in_different_tables_pair_by_page_position() {
    // Header row at the foot of one page, value row at the top of the next, unstitched, with a
    // column grid twice as fine: column indices differ, x positions agree.
    let top = Block::Table(table_with(
        20.0,
        &[
            &["管理机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户币种"],
            &[
                "工商银行北京分行",
                "ICBCZH00001",
                "2010.01.22",
                "2020.01.19",
                "360,000",
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
        ],
    ));
    let bottom = Block::Table(table_with(
        10.0,
        &[&[
            "个人商业住房贷款@2",
            "抵押@2",
            "180@2",
            "月@2",
            "分期等额本金@2",
            "无@2",
        ]],
    ));
    let a = &parse(&[line("（二）非循环贷账户"), line("账户1"), top, bottom]).acyclic_credit_account[0];
    assert_eq!(
        (a.kind.as_str(), a.guarantee_type.as_str(), a.refund_period_num.as_str()),
        ("个人商业住房贷款", "抵押", "180")
    );
    assert_eq!(
        (a.refund_type.as_str(), a.join_refund_flag.as_str()),
        ("分期等额本金", "无")
    );
}

#[test]
fn status_form_without_its_title_is_still_a_status() {
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        loan_basic("借款金额"),
        table(&[&["账户状态", "转出月份"], &["转出", "2011.08"]]),
    ];
    let a = &parse(&blocks).acyclic_credit_account[0];
    assert_eq!(a.account_state.transfer.transfer_date, "2011.08");
    assert_eq!(a.due_date, "");
}

#[test]
fn account_without_caption_is_kept_unnamed() {
    let blocks = vec![line("（二）非循环贷账户"), loan_basic("借款金额")];
    let d = parse(&blocks);
    assert_eq!(d.acyclic_credit_account.len(), 1);
    assert_eq!(d.acyclic_credit_account[0].name, "");
    assert_eq!(d.acyclic_credit_account[0].refund_amount, "360,000");
}

#[test]
fn junk_input_never_panics() {
    let bad_cell = Cell {
        row: 7,
        col: 9,
        row_span: 0,
        col_span: 0,
        text: "账户状态".into(),
        bold: true,
        pieces: Vec::new(),
    };
    let broken = Table {
        n_rows: 2,
        n_cols: 1,
        cells: vec![bad_cell],
        border_color: 0,
        page: 0,
    };
    let empty = Table {
        n_rows: 0,
        n_cols: 0,
        cells: Vec::new(),
        border_color: 0,
        page: 0,
    };
    let blocks = vec![
        line("账户1"),
        Block::Table(empty.clone()),
        line("（五）贷记卡账户"),
        Block::Table(broken),
        line("截至"),
        line("账户2"),
        line("的还款记录"),
        line("2015年01月—2015年05月的还款记录"),
        Block::Table(empty),
        table(&[&["特殊交易类型"]]),
        table(&[
            &["", "1", "2", "3", "4", "5", "6"],
            &["2015", "N", "", "", "", "", ""],
            &["20", "0"],
        ]),
    ];
    for version in [ReportVersion::Personal, ReportVersion::Institution] {
        let d = parse_credit_trans_detail(&blocks, version);
        // `账户1` came before any sub-section heading, so only `账户2` is an account.
        assert_eq!(d.credit_account.len(), 1);
        assert_eq!(d.credit_account[0].name, "账户2");
    }
    assert_eq!(parse(&[]), CreditTransInfoDetail::default());
}

#[test]
fn cells_cut_by_a_page_break_are_joined() {
    // The sample's p7→p8 break cuts `按期结息、到期还本`; p5→p6 cuts `担保人（第三方）代偿`.
    let mut basic = table_with(
        10.0,
        &[
            &[
                "管理机构",
                "账户标识",
                "开立日期",
                "到期日期",
                "账户授信额度",
                "账户币种",
            ],
            &[
                "广发银行北京分行",
                "CGB0007",
                "2013.07.22",
                "2019.01.31",
                "70,000",
                "美元",
            ],
            &[
                "业务种类",
                "担保方式",
                "还款期数",
                "还款频率",
                "还款方式",
                "共同借款标志",
            ],
            &["个人消费贷款", "抵押", "--", "月", "按期结息、", "无"],
            &["", "", "", "", "到期还本", ""],
            &["截至2015年05月05日@6"],
            &["账户状态@3", "账户关闭日期@3"],
            &["结清@3", "2015.04.28@3"],
        ],
    );
    move_rows_to_page(&mut basic, 4, 1);
    let mut trans = table_with(
        10.0,
        &[
            &["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
            &[
                "担保人（第三",
                "2014.07.05",
                "0",
                "20,000",
                "该贷款由XX公司代偿20,000元。",
            ],
            &["方）代偿", "", "", "", ""],
            // A complete row at the top of the next page is a row of its own.
            &["提前结清", "2015.05.15", "7", "500", "--"],
        ],
    );
    move_rows_to_page(&mut trans, 2, 2);
    move_rows_to_page(&mut trans, 3, 3);
    let blocks = vec![
        line("（四）循环贷账户"),
        line("账户1"),
        Block::Table(basic),
        Block::Table(trans),
    ];
    let a = &parse(&blocks).cyclical_loan_account[0];
    assert_eq!(a.refund_type, "按期结息、到期还本");
    assert_eq!(a.join_refund_flag, "无");
    assert_eq!(a.account_state.clear.account_closed_date, "2015.04.28");
    let kinds: Vec<&str> = a.special_trans_types.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, ["担保人（第三方）代偿", "提前结清"]);
    assert_eq!(a.special_trans_types[0].occur_date, "2014.07.05");
}

#[test]
fn blank_row_on_the_same_page_is_not_a_continuation() {
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        table(&[
            &[
                "业务种类",
                "担保方式",
                "还款期数",
                "还款频率",
                "还款方式",
                "共同借款标志",
            ],
            &["个人消费贷款", "抵押", "--", "月", "按期结息、", "无"],
            &["", "", "", "", "到期还本", ""],
        ]),
    ];
    assert_eq!(parse(&blocks).acyclic_credit_account[0].refund_type, "按期结息、");
}

#[test]
fn header_labels_cut_by_a_page_break_are_completed() {
    let mut status = table_with(
        10.0,
        &[
            &[
                "当前逾期期数",
                "当前逾期总额",
                "逾期31—60天未还本金",
                "逾期61－90天未还本金",
                "逾期91－180天未还本",
                "逾期180天以上未还本",
            ],
            &["", "", "", "", "金", "金"],
            &["1", "24,660", "0", "0", "5", "6"],
        ],
    );
    move_rows_to_page(&mut status, 1, 1);
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1"),
        line("截至2025年08月08日"),
        table(&[&["账户状态", "余额"], &["逾期", "24,660"]]),
        Block::Table(status),
    ];
    let n = &parse(&blocks).acyclic_credit_account[0].account_state.normal;
    assert_eq!(
        (n.curr_overdue_periods.as_str(), n.curr_overdue_amount.as_str()),
        ("1", "24,660")
    );
    assert_eq!((n.overdue_91_tp_180.as_str(), n.overdue_180.as_str()), ("5", "6"));
}

#[test]
fn ocr_layout_with_split_labels_split_titles_and_shifted_cells() {
    // What an OCR layout makes of a 呆账 loan: labels cut into fragments, a blank row left by
    // merged header cells, the `截至…` title cut in two, a value spilling under a blank column.
    let blocks = vec![
        line("中心（二）非循环贷账户使用"),
        line("账户1告仅供"),
        table(&[
            &[
                "@2x2",
                "管理@2x2",
                "机",
                "构@1x2",
                "账户@2x2",
                "标识@1x2",
                "开立日@2x2",
                "期@1x2",
            ],
            &["@1"],
            &["工商银行北京分行@5", "ICBCZH00001@3", "2010.01.22@3"],
            &["截至2015年05月@6", "25日@5"],
            &["@4", "账户", "状态@2", "余额@2", "最近一@1", "次还款日期@1"],
            &["呆账@7", "166,000@2", "2013.04.05@2"],
        ]),
    ];
    let d = parse(&blocks);
    assert_eq!(d.acyclic_credit_account.len(), 1);
    let a = &d.acyclic_credit_account[0];
    assert_eq!(a.name, "账户1");
    assert_eq!(
        (a.manage_company.as_str(), a.amount_id.as_str(), a.start_date.as_str()),
        ("工商银行北京分行", "ICBCZH00001", "2010.01.22")
    );
    assert_eq!(a.due_date, "2015年05月25日");
    assert_eq!(a.account_state.value, "呆账");
    assert_eq!(a.account_state.bad_debt.surplus_amount, "166,000");
    assert_eq!(a.account_state.bad_debt.latest_repay_date, "2013.04.05");
}

#[test]
fn heading_and_caption_merged_into_one_ocr_line() {
    let blocks = vec![
        line("（五）贷记卡账户"),
        line("账户1（授信协议标识：X）信中己的信（六）准贷记卡账户"),
        table(&[&["发卡机构", "账户标识"], &["邮储银行信用卡中心", "PSBC0002"]]),
    ];
    let d = parse(&blocks);
    assert!(d.credit_account.is_empty());
    assert_eq!(d.quasi_credit_account.len(), 1);
    assert_eq!(d.quasi_credit_account[0].name, "账户1");
    assert_eq!(d.quasi_credit_account[0].amount_id, "PSBC0002");
}

/// One record of a long revolving section: caption (when given), basic form, `截至` status,
/// a one-year grid and a 特殊交易 row, each value tagged with `k` so that a leak shows.
fn revolving_record(k: usize, caption: Option<&str>, blocks: &mut Vec<Block>) {
    if let Some(c) = caption {
        blocks.push(line(c));
    }
    blocks.push(loan_basic("借款金额"));
    blocks.push(line(&format!("截至2015年05月{:02}日", k)));
    blocks.push(table(&[
        &["账户状态", "五级分类", "余额", "剩余还款期数"],
        &["正常", "正常", &format!("{k},000"), "12"],
    ]));
    blocks.push(line(&format!("2014年{:02}月—2015年05月的还款记录", k)));
    let mut header = vec![""];
    let months: Vec<String> = (1..=12).map(|m| m.to_string()).collect();
    header.extend(months.iter().map(String::as_str));
    let mut state: Vec<&str> = vec!["2015@1x2", "N", "N", "N", "N", "N"];
    state.extend(std::iter::repeat_n("", 7));
    let mut amount: Vec<&str> = vec!["0"; 5];
    amount.extend(std::iter::repeat_n("", 7));
    blocks.push(table(&[&header, &state, &amount]));
    blocks.push(table(&[
        &["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
        &["提前还款（部分）", &format!("2014.07.{:02}", k), "0", "1,000", "--"],
    ]));
}

#[test]
fn a_lost_caption_in_a_run_of_records_does_not_merge_two_records() {
    let mut blocks = vec![line("（三）循环额度下分账户")];
    revolving_record(1, Some("账户1（授信协议标识：A1）"), &mut blocks);
    // The caption of the second record was lost by OCR.
    revolving_record(2, None, &mut blocks);
    revolving_record(3, Some("账户3（授信协议标识：A3）"), &mut blocks);
    let accounts = parse(&blocks).cyclical_amount_per_account;
    assert_eq!(accounts.len(), 3);
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["账户1", "", "账户3"]);
    for (k, a) in accounts.iter().enumerate() {
        let k = k + 1;
        assert_eq!(a.due_date, format!("2015年05月{k:02}日"), "record {k}");
        assert_eq!(a.refund_record.start_date, format!("2014.{k:02}"), "record {k}");
        assert_eq!(a.special_trans_types.len(), 1, "record {k}");
        assert_eq!(
            a.special_trans_types[0].occur_date,
            format!("2014.07.{k:02}"),
            "record {k}"
        );
        assert_eq!(a.refund_period_num, "180", "record {k}");
    }
}

#[test]
fn values_keep_the_boxes_they_were_read_from() {
    // A value cut by a page break has one box per page; the 截至 date and the state read from
    // the sentence form point at the title row.
    let mut t = table_with(
        10.0,
        &[
            &["管理机构", "账户标识", "还款方式"],
            &["银行甲", "X01", "按期结息、"],
            &["", "", "到期还本"],
            &["截至2015年05月28日，账户状态为“未激活”。@3"],
        ],
    );
    move_rows_to_page(&mut t, 2, 1);
    let blocks = [Block::Table(t)];
    let items = crate::parse::table::items(&blocks);
    let mut raw = super::super::record::read_record("账户1".into(), &items);
    let company = raw.basic.take_value(&["管理机构"]);
    assert_eq!(company.text, "银行甲");
    let b = &company.boxes;
    assert_eq!((b.len(), b[0].page, b[0].rect.x0, b[0].rect.y0), (1, 0, 0.0, 12.0));
    let way = raw.basic.take_value(&["还款方式"]);
    assert_eq!(way.text, "按期结息、到期还本");
    let pages: Vec<usize> = way.boxes.iter().map(|b| b.page).collect();
    assert_eq!(pages, [0, 1]);
    assert!(way.boxes.iter().all(|b| b.rect.x0 == 20.0));
    assert_eq!(raw.due_date.text, "2015年05月28日");
    assert_eq!(raw.due_date.boxes.first().map(|b| b.rect.y0), Some(36.0));
    let state = raw.status.take_value(&["账户状态"]);
    assert_eq!(state.boxes, raw.due_date.boxes);
    assert!(raw.basic.take_value(&["开立日期"]).boxes.is_empty());
}
