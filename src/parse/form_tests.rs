//! Tests of the label-based table reader.

use super::testutil::{line, table, table_at};
use super::*;

#[derive(Debug, Default, PartialEq, serde::Serialize)]
struct Rec {
    no: String,
    a: String,
    b: String,
    c: String,
}

fn set_rec(r: &mut Rec, label: &str, v: String) -> bool {
    match label {
        "编号" => r.no = v,
        "甲" => r.a = v,
        "乙" => r.b = v,
        "丙" => r.c = v,
        _ => return false,
    }
    true
}

fn rec(no: &str, a: &str, b: &str, c: &str) -> Rec {
    Rec {
        no: no.into(),
        a: a.into(),
        b: b.into(),
        c: c.into(),
    }
}

#[test]
fn form_reads_by_label_with_extra_column_and_shuffled_order() {
    let blocks = [table(&[&["丙", "未知", "甲"], &["3", "x", "1"], &["乙"], &["2"]])];
    let r: Rec = read_form(&items(&blocks), set_rec, "t");
    assert_eq!(r, rec("", "1", "2", "3"));
}

#[test]
fn merged_value_cell_goes_to_the_header_it_overlaps_most() {
    // 甲 spans two columns and its value is printed as two cells; 乙's value spans two
    // columns but starts under 乙.
    let blocks = [table(&[&["2|甲", "乙", "丙"], &["ab", "cd", "2|e"], &["x"]])];
    let r: Rec = read_form(&items(&blocks), set_rec, "t");
    assert_eq!(r, rec("", "abcd", "e", ""));
}

#[test]
fn misread_labels_are_corrected_to_the_parsers_own() {
    #[derive(Debug, Default, PartialEq, serde::Serialize)]
    struct Who {
        name: String,
        fund: String,
    }
    fn set_who(w: &mut Who, label: &str, v: String) -> bool {
        match label {
            "被查询者姓名" => w.name = v,
            "单位缴存比例" => w.fund = v,
            _ => return false,
        }
        true
    }
    let blocks = [table(&[&["被瓷询者姓名1", "单位缴存比列"], &["张三", "12%"]])];
    let w: Who = read_form(&items(&blocks), set_who, "t");
    assert_eq!(
        w,
        Who {
            name: "张三".into(),
            fund: "12%".into()
        }
    );
}

#[test]
fn header_cells_cut_by_ocr_are_joined() {
    let blocks = [table(&[&["编", "号", "甲", "", "乙"], &["2|7", "1", "", "2"]])];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "编号" | "甲" | "乙"));
    let keys: Vec<&str> = gs[0].headers.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, ["编号", "甲", "乙"]);
    assert_eq!((gs[0].value(0, 0).as_str(), gs[0].value(0, 2).as_str()), ("7", "2"));
}

#[test]
fn missing_column_leaves_field_empty_without_shifting() {
    let blocks = [table(&[&["甲", "丙"], &["1", "3"]])];
    let r: Rec = read_form(&items(&blocks), set_rec, "t");
    assert_eq!(r, rec("", "1", "", "3"));
}

#[test]
fn keyed_tables_join_on_number_and_stitch_cut_rows() {
    let blocks = [
        table(&[
            &["编号", "甲", "乙"],
            &["1", "a1", "b1"],
            &["2", "a2", "b2"],
            &["", "-cont", ""],
        ]),
        line("记录"),
        table(&[&["编号", "丙"], &["2", "c2"], &["1", "c1"]]),
    ];
    let r: Vec<Rec> = read_keyed(&items(&blocks), set_rec, "t");
    assert_eq!(r, vec![rec("1", "a1", "b1", "c1"), rec("2", "a2-cont", "b2", "c2")]);
}

#[test]
fn list_rows_pair_by_position_across_separately_cut_tables() {
    // The second piece of the table has no header and its columns are 10 pt to the right.
    let blocks = [
        table_at(&[&["编号", "甲", "乙"], &["1", "a1", "b1"]], 0.0),
        table_at(&[&["2", "a2", "b2"]], 10.0),
    ];
    let r: Vec<Rec> = read_list(&items(&blocks), set_rec, "t");
    assert_eq!(r, vec![rec("1", "a1", "b1", ""), rec("2", "a2", "b2", "")]);
}

#[test]
fn repeated_forms_start_a_record_at_the_start_label() {
    let blocks = [
        table(&[&["甲", "乙"], &["1", "2"], &["丙"], &["3"]]),
        table(&[&["甲", "乙"], &["4", "5"], &["丙"], &["6"]]),
    ];
    let r: Vec<Rec> = read_forms(&items(&blocks), set_rec, "甲", "t");
    assert_eq!(r, vec![rec("", "1", "2", "3"), rec("", "4", "5", "6")]);
}

#[test]
fn titles_split_lines_and_single_cell_rows() {
    let blocks = [
        table(&[&["2|第一表"], &["甲", "乙"], &["1", "2"]]),
        line("第二表（注）"),
        table(&[&["甲"], &["9"]]),
    ];
    let its = items(&blocks);
    let parts = split_titles(&its, &[&["第一表"], &["第二表"]]);
    assert_eq!(
        parts.iter().map(|p| p.title).collect::<Vec<_>>(),
        vec![Some(0), Some(1)]
    );
    let r: Rec = read_form(parts[1].items, set_rec, "t");
    assert_eq!(r.a, "9");
}

#[test]
fn title_rows_cut_into_pieces_still_split() {
    let blocks = [table(&[
        &["其", "他", "", "证件信息"],
        &["证件类型", "证件号码"],
        &["护照", "G1"],
    ])];
    let its = items(&blocks);
    let parts = split_titles(&its, &[&["其他证件信息"]]);
    assert_eq!(parts.len(), 1);
    assert_eq!((parts[0].title, parts[0].items.len()), (Some(0), 2));
}

#[test]
fn run_together_headers_are_split_into_labels() {
    fn set_loan(r: &mut crate::report::LoanAccountInfoSummary, label: &str, v: String) -> bool {
        match label {
            "管理机构数" => r.manage_company_num = v,
            "账户数" => r.account_num = v,
            "授信总额" => r.extension_amount = v,
            "余额" => r.surplus_amount = v,
            "最近6个月平均应还款" => r.avg_6month_pay = v,
            _ => return false,
        }
        true
    }
    let apart = [table(&[
        &["5|非循环贷账户信息汇总管理机构数账户数授信总额余额最近6个月平均应还款"],
        &["2", "3", "1,010,000", "551,000", "6,000"],
    ])];
    let r: crate::report::LoanAccountInfoSummary = read_form(&items(&apart), set_loan, "t");
    assert_eq!(
        (
            r.manage_company_num.as_str(),
            r.surplus_amount.as_str(),
            r.avg_6month_pay.as_str()
        ),
        ("2", "551,000", "6,000")
    );
    let inline = [table(&[&[
        "循环贷账户二信息汇总管理机构数账户数授信总额余额最近6个月平均应还款2 3 610,000 50,000 8,000",
    ]])];
    let r: crate::report::LoanAccountInfoSummary = read_form(&items(&inline), set_loan, "t");
    assert_eq!((r.account_num.as_str(), r.extension_amount.as_str()), ("3", "610,000"));
    // A sentence is not a header.
    let sentence = [table(&[&["信息主体对信用报告内容提出了3笔异议"]])];
    assert!(groups(&items(&sentence), &accepts(set_loan)).is_empty());
}

#[test]
fn titles_fused_with_their_header_still_split_and_keep_the_header() {
    let blocks = [
        table(&[&["3|乙表的标题文字甲乙丙"], &["1", "2", "3"]]),
        table(&[&["3|甲表的标题文字"], &["甲", "乙", "丙"], &["4", "5", "6"]]),
    ];
    let its = items(&blocks);
    let parts = split_titles(&its, &[&["甲表的标题文字"], &["乙表的标题文字"]]);
    assert_eq!(
        parts.iter().map(|p| p.title).collect::<Vec<_>>(),
        vec![Some(1), Some(0)]
    );
    // The fused row stays in its part (its labels are read by `fused_header`).
    assert_eq!(parts[0].items.len(), 2);
    assert_eq!(parts[0].items[0].single_key(), Some("乙表的标题文字甲乙丙"));
}

#[test]
fn sub_header_rows_become_supers() {
    let blocks = [table(&[&["2|X", "Y"], &["甲", "乙", "甲"], &["1", "2", "3"]])];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "X" | "Y" | "甲" | "乙"));
    assert_eq!(gs.len(), 1);
    assert_eq!(gs[0].super_of(2), Some("Y"));
    assert_eq!(gs[0].super_of(0), Some("X"));
    assert_eq!(gs[0].value(0, 2), "3");
}

#[test]
fn wrapped_header_tail_on_its_own_row_joins_the_label() {
    let blocks = [table(&[&["甲", "特约商户实名审"], &["", "查"], &["1", "2"]])];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "甲" | "特约商户实名审查"));
    assert_eq!(gs[0].headers[1].key, "特约商户实名审查");
    assert_eq!((gs[0].rows.len(), gs[0].value(0, 1).as_str()), (1, "2"));
    // A real value row is not mistaken for a tail.
    let blocks = [table(&[&["甲", "特约商户实名审查"], &["", "查"]])];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "甲" | "特约商户实名审查"));
    assert_eq!(gs[0].value(0, 1), "查");
}

#[test]
fn rows_holding_only_spanned_text_are_dropped() {
    // 编号 and 甲 span both header grid rows; the second grid row adds nothing.
    let blocks = [table(&[&["编号", "甲", "乙"], &["^", "^", ""], &["1", "a", "b"]])];
    let its = items(&blocks);
    assert_eq!(its.len(), 2);
}

#[test]
fn row_spanning_cells_belong_to_every_row() {
    let blocks = [table(&[&["2|甲", "乙"], &["G", "s1", "1"], &["^", "s2", "2"]])];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "甲" | "乙"));
    let texts: Vec<&str> = gs[0].rows[1][0].iter().map(|v| v.text.as_str()).collect();
    assert_eq!(texts, ["G", "s2"]);
}

#[test]
fn values_carry_the_boxes_of_their_cells() {
    // 甲's value is printed as two cells: both boxes travel with the joined value; a value
    // continued on a blank-编号 row adds that row's box.
    let blocks = [table_at(&[&["编号", "2|甲"], &["1", "a", "b"], &["", "c", ""]], 10.0)];
    let gs = groups(&items(&blocks), &|k: &str| matches!(k, "编号" | "甲"));
    let v = gs[0].value_of(0, 1);
    assert_eq!(v.text, "ab");
    let xs: Vec<(f32, f32)> = v.boxes.iter().map(|b| (b.rect.x0, b.rect.x1)).collect();
    assert_eq!(xs, [(60.0, 110.0), (110.0, 160.0)]);
    assert!(v.boxes.iter().all(|b| b.page == 0 && b.rect.y0 == 20.0));
    let recs = records(&gs);
    let (_, joined) = &recs[0][1];
    assert_eq!(joined.text, "abc");
    assert_eq!(joined.boxes.len(), 3);
    assert_eq!(joined.boxes[2].rect.y0, 40.0);
}
