//! 四 非信贷交易信息明细 → `noncreditTransInfoDetail` (report_layout.md §8): 后付费 accounts,
//! each captioned `账户`, with a basic-info form and an optional 24-month 缴费记录 grid.

use crate::evidence::provenance;
use crate::layout::{Block, CellPiece};
use crate::lexicon::anchors;
use crate::report::{NoncreditTransInfo, PaymentMonth, PaymentRecord, PaymentYear};

use super::form::{accepts, header_cells, items, read_form, Item, PCell};
use super::table;

const SECTION: &str = "noncreditTransInfoDetail";

/// The label that opens an account's basic-info form.
const START: &str = "机构名称";

fn set_basic(n: &mut NoncreditTransInfo, label: &str, v: String) -> bool {
    match label {
        START => n.company_name = v,
        "业务类型" => n.kind = v,
        "业务开通日期" => n.start_date = v,
        "当前缴费状态" => n.curr_payed_state = v,
        "当前欠费金额" => n.curr_overdue_amount = v,
        "记账年月" => n.account_date = v,
        _ => return false,
    }
    true
}

/// Whether an item is an account caption (`账户`, or `账户N` should a report number them).
fn caption(it: &Item) -> Option<&str> {
    let (text, k) = it.single()?;
    let rest = k.strip_prefix("账户")?;
    rest.chars().all(|c| c.is_ascii_digit()).then_some(text)
}

/// Splits the section into accounts: at each caption, and at each basic-info header row that
/// would be a second one in the same account (a lost caption).
fn accounts(its: &[Item]) -> Vec<(&str, &[Item])> {
    let is_label = accepts(set_basic);
    // Read as header cells, so that a header whose rulings the scan lost (`机构名称业务类型`)
    // still opens its account.
    let opens =
        |it: &Item| matches!(it, Item::Row(cells) if header_cells(cells, &is_label).iter().any(|h| h.key == START));
    let mut out: Vec<(&str, &[Item])> = Vec::new();
    let mut start = 0usize;
    let mut name = "";
    let mut has_form = false;
    for (i, it) in its.iter().enumerate() {
        let cap = caption(it);
        if let Some(c) = cap {
            // Evidence: the record's name points at its caption.
            provenance::note_keyed(Some("name"), c, &item_boxes(it));
        }
        let opening = opens(it);
        if cap.is_some() || (opening && has_form) {
            if has_form {
                out.push((name, &its[start..i]));
            }
            start = if cap.is_some() { i + 1 } else { i };
            name = cap.unwrap_or("");
            has_form = false;
        }
        if opening {
            has_form = true;
        }
    }
    if has_form {
        out.push((name, &its[start..]));
    }
    out
}

/// Month number of a grid header cell (`1`…`12`).
fn month_of(c: &PCell) -> Option<&str> {
    c.key
        .parse::<u8>()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .map(|_| c.key.as_str())
}

/// Whether `it` is a grid's month header row (`| | 1 | 2 | … | 12 |`, at least six months, no
/// year).
fn is_month_row(it: &Item) -> bool {
    let Item::Row(cells) = it else { return false };
    cells.iter().filter(|c| month_of(c).is_some()).count() >= 6 && !cells.iter().any(is_year)
}

/// Whether a cell is a grid year (four digits).
fn is_year(c: &PCell) -> bool {
    c.key.len() == 4 && c.key.chars().all(|ch| ch.is_ascii_digit())
}

/// The `YYYY年MM月—YYYY年MM月的缴费记录` grid: a month header row, then one status row per year
/// (a year cell spanning a status and an amount row, as the credit grids print, is read the
/// same way: the amount row adds no state). Only non-blank cells give month entries
/// (CONVENTIONS §10). A grid whose title was not read (OCR) is still read from its month row;
/// its range then stays blank.
pub(crate) fn payment_grid(its: &[Item]) -> PaymentRecord {
    let mut rec = PaymentRecord::default();
    let title_at = its.iter().position(|it| {
        it.single_key()
            .is_some_and(|k| k.ends_with(anchors::PAYMENT_RECORD) || k.ends_with(anchors::REPAYMENT_RECORD))
    });
    let body_from = match title_at {
        Some(at) => {
            if let Some((text, _)) = its[at].single() {
                rec.date_range = text
                    .trim_end_matches(anchors::PAYMENT_RECORD)
                    .trim_end_matches(anchors::REPAYMENT_RECORD)
                    .to_string();
                provenance::note_keyed(Some("dateRange"), &rec.date_range, &item_boxes(&its[at]));
            }
            at + 1
        }
        None => match its.iter().position(is_month_row) {
            Some(at) => {
                tracing::warn!(section = SECTION, "payment grid without a readable title");
                at
            }
            None => return rec,
        },
    };
    let mut months: Vec<&PCell> = Vec::new();
    for it in &its[body_from..] {
        let Item::Row(cells) = it else { continue };
        if is_month_row(it) {
            months = cells.iter().filter(|c| month_of(c).is_some()).collect();
            continue;
        }
        let Some(year) = cells.iter().find(|c| is_year(c)) else {
            continue;
        };
        if months.is_empty() {
            tracing::debug!(section = SECTION, "grid row before the month header skipped");
            continue;
        }
        provenance::note_keyed(Some("year"), &year.text, &year.boxes);
        let mut entry = PaymentYear {
            year: year.text.clone(),
            month: Vec::new(),
        };
        for c in cells.iter().filter(|c| !c.text.is_empty() && !std::ptr::eq(*c, year)) {
            let best = months
                .iter()
                .map(|m| (m, table::overlap((m.x0, m.x1), (c.x0, c.x1))))
                .filter(|(_, ov)| *ov > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best.and_then(|(m, _)| month_of(m)) {
                Some(mv) => entry.month.push({
                    provenance::note_keyed(Some("monthValue"), mv, &m_boxes(best));
                    provenance::note_keyed(Some("state"), &c.text, &c.boxes);
                    PaymentMonth {
                        month_value: mv.to_string(),
                        state: c.text.clone(),
                    }
                }),
                None => tracing::debug!(section = SECTION, "grid cell outside the month columns skipped"),
            }
        }
        // A year cell spanning two grid rows shows up in both; the second adds its months.
        match rec.detail.last_mut() {
            Some(last) if last.year == entry.year => {
                for m in entry.month {
                    if !last.month.iter().any(|x| x.month_value == m.month_value) {
                        last.month.push(m);
                    }
                }
            }
            _ => rec.detail.push(entry),
        }
    }
    rec
}

/// Parses 四 非信贷交易信息明细.
pub fn parse_noncredit(blocks: &[Block]) -> Vec<NoncreditTransInfo> {
    let its = items(blocks);
    accounts(&its)
        .into_iter()
        .map(|(name, acc)| {
            let mut n: NoncreditTransInfo = read_form(acc, set_basic, SECTION);
            // Every 后付费 record is captioned just `账户` (CONVENTIONS §7); when the layout
            // stage lost the caption line the record still is one.
            n.name = if name.is_empty() {
                "账户".to_string()
            } else {
                name.to_string()
            };
            n.refund_record = payment_grid(acc);
            n
        })
        .collect()
}

/// Boxes of an item (a line's, or its cells').
fn item_boxes(it: &Item) -> Vec<CellPiece> {
    match it {
        Item::Line { boxes, .. } => boxes.clone(),
        Item::Row(cells) => cells.iter().flat_map(|c| c.boxes.clone()).collect(),
    }
}

/// Boxes of the month header cell a grid cell was paired with.
fn m_boxes(best: Option<(&&PCell, f32)>) -> Vec<CellPiece> {
    best.map(|(m, _)| m.boxes.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::{line, table};
    use super::*;

    const BASIC: &[&str] = &[
        "机构名称",
        "业务类型",
        "业务开通日期",
        "当前缴费状态",
        "当前欠费金额",
        "记账年月",
    ];

    #[test]
    fn accounts_with_and_without_grid() {
        let blocks = vec![
            line("后付费记录"),
            line("账户"),
            table(&[
                BASIC,
                &[
                    "中国铁通甘肃分公司",
                    "固定电话后付费",
                    "2009.08.17",
                    "欠费",
                    "10,000",
                    "2015.05",
                ],
                &["13|2013 年 06 月—2015 年 05 月的缴费记录"],
                &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
                &["2015", "N", "N", "N", "1", "2", "", "", "", "", "", "", ""],
                &["2013", "", "", "", "", "", "N", "N", "N", "N", "N", "N", "N"],
            ]),
            line("账户"),
            table(&[
                BASIC,
                &["北京市自来水公司", "自来水费", "2013.08.17", "欠费", "200", "2015.06"],
            ]),
            // Caption lost: the second form opens a third account.
            table(&[
                BASIC,
                &[
                    "中国联通甘肃分公司",
                    "移动电话后付费",
                    "2012.08.17",
                    "正常",
                    "0",
                    "2015.05",
                ],
            ]),
        ];
        let r = parse_noncredit(&blocks);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].name, "账户");
        assert_eq!(r[0].company_name, "中国铁通甘肃分公司");
        assert_eq!(r[0].curr_overdue_amount, "10,000");
        assert_eq!(r[0].refund_record.date_range, "2013年06月—2015年05月");
        assert_eq!(r[0].refund_record.detail.len(), 2);
        let y2015 = &r[0].refund_record.detail[0];
        assert_eq!(y2015.year, "2015");
        assert_eq!(y2015.month.len(), 5);
        assert_eq!(
            y2015.month[3],
            PaymentMonth {
                month_value: "4".into(),
                state: "1".into()
            }
        );
        let y2013 = &r[0].refund_record.detail[1];
        assert_eq!(y2013.month.first().map(|m| m.month_value.as_str()), Some("6"));
        assert_eq!(r[1].kind, "自来水费");
        assert_eq!(r[1].refund_record, PaymentRecord::default());
        assert_eq!(r[2].name, "账户");
        assert_eq!(r[2].account_date, "2015.05");
    }

    #[test]
    fn a_header_whose_rulings_were_lost_still_opens_its_account() {
        // At a page foot the scan lost the sides between labels: two labels in one cell,
        // three in the next. Each is read as its labels, and the values pair by position.
        let blocks = vec![
            line("后付费记录"),
            line("账户"),
            table(&[
                &[
                    "2|机构名称业务类型",
                    "3|业务开通日期当前缴费状态当前欠费金额",
                    "记账年月",
                ],
                &[
                    "中国移动通信集团北京有限公司",
                    "燃气费",
                    "2008.07.06",
                    "正常",
                    "0",
                    "2017.06",
                ],
            ]),
            line("账户"),
            table(&[
                BASIC,
                &["北京市自来水公司", "自来水费", "2013.08.17", "欠费", "200", "2015.06"],
            ]),
        ];
        let r = parse_noncredit(&blocks);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].company_name, "中国移动通信集团北京有限公司");
        assert_eq!(r[0].kind, "燃气费");
        assert_eq!(r[0].start_date, "2008.07.06");
        assert_eq!(r[0].curr_payed_state, "正常");
        assert_eq!(r[0].curr_overdue_amount, "0");
        assert_eq!(r[0].account_date, "2017.06");
        assert_eq!(r[1].company_name, "北京市自来水公司");
    }

    #[test]
    fn grid_without_a_readable_title_is_still_read() {
        let blocks = vec![
            line("账户"),
            table(&[
                BASIC,
                &[
                    "中国联通甘肃分公司",
                    "移动电话后付费",
                    "2012.08.17",
                    "正常",
                    "0",
                    "2015.05",
                ],
                // The title row came back as noise (OCR): the grid is read from its month row.
                &["13|2O13年06月一2015年O5月的缴赞记汞"],
                &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
                &["2015", "N", "N", "*", "N", "N", "", "", "", "", "", "", ""],
                &["2014", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N"],
                &["2013", "", "", "", "", "", "0", "N", "N", "N", "N", "N", "N"],
            ]),
        ];
        let r = parse_noncredit(&blocks);
        let grid = &r[0].refund_record;
        assert_eq!(grid.date_range, "");
        let years: Vec<&str> = grid.detail.iter().map(|y| y.year.as_str()).collect();
        assert_eq!(years, ["2015", "2014", "2013"]);
        assert_eq!(grid.detail[0].month.len(), 5);
        assert_eq!(grid.detail[0].month[2].state, "*");
        assert_eq!(grid.detail[2].month[0].month_value, "6");
        assert_eq!(grid.detail[2].month[0].state, "0");
    }

    #[test]
    fn grid_with_amount_rows_under_each_year() {
        // A producer that prints the 后付费 grid like the credit grids: the year cell spans a
        // status row and an amount row. The amount row adds no state.
        let blocks = vec![
            line("账户"),
            table(&[
                BASIC,
                &[
                    "中国联通甘肃分公司",
                    "移动电话后付费",
                    "2012.08.17",
                    "欠费",
                    "300",
                    "2015.05",
                ],
                &["13|2014年06月—2015年05月的缴费记录"],
                &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
                &["2015", "N", "N", "N", "1", "2", "", "", "", "", "", "", ""],
                &["^", "0", "0", "0", "100", "300", "", "", "", "", "", "", ""],
                &["2014", "", "", "", "", "", "N", "N", "N", "N", "N", "N", "N"],
                &["^", "", "", "", "", "", "0", "0", "0", "0", "0", "0", "0"],
            ]),
        ];
        let r = parse_noncredit(&blocks);
        let grid = &r[0].refund_record;
        assert_eq!(grid.date_range, "2014年06月—2015年05月");
        assert_eq!(grid.detail.len(), 2);
        let states: Vec<&str> = grid.detail[0].month.iter().map(|m| m.state.as_str()).collect();
        assert_eq!(states, ["N", "N", "N", "1", "2"]);
        assert_eq!(grid.detail[1].month.len(), 7);
    }

    #[test]
    fn absent_section_is_empty() {
        assert!(parse_noncredit(&[]).is_empty());
    }
}
