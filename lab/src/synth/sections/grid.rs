//! The 5-year repayment grid (§7.7) and the 24-month 缴费记录 grid of 后付费 accounts (§8):
//! month-status series, the printed table, and the truth built from the same cells.

use super::super::date::{amount, Month};
use super::super::model::{Cell, Rgb, Row, Table};
use super::super::rng::SplitMix64;
use zhengxin::report::{PaymentMonth, PaymentRecord, PaymentYear, RefundMonth, RefundRecord, RefundYear};

/// How an account's history ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Open,
    Overdue,
    Cleared,
    BadDebt,
    Transferred,
}

/// One printed month: status over amount.
#[derive(Debug, Clone)]
pub struct MonthCell {
    pub state: String,
    pub amount: String,
}

/// Statuses for `start..=end` (inclusive), newest last. `unit` is the monthly instalment the
/// overdue amounts are multiples of; `card` switches to card codes (`*` = unused month).
pub fn series(
    rng: &mut SplitMix64,
    start: Month,
    end: Month,
    open: Month,
    unit: u64,
    card: bool,
    ending: Ending,
) -> Vec<MonthCell> {
    let n = (end.index() - start.index() + 1).max(1) as usize;
    let mut cells: Vec<MonthCell> = (0..n)
        .map(|_| MonthCell {
            state: "N".into(),
            amount: "0".into(),
        })
        .collect();
    let unit = unit.max(100);
    if card {
        for c in cells.iter_mut() {
            if rng.chance(0.15) {
                c.state = "*".into();
            }
        }
    }
    if start == open && rng.chance(0.6) {
        cells[0].state = "*".into();
    }
    if rng.chance(0.05) && n > 4 {
        // An unknown stretch (`#` over `--`), as in the sample's 2011 card row.
        let a = rng.urange(0, n - 3);
        for c in cells.iter_mut().skip(a).take(rng.urange(2, 8)) {
            c.state = "#".into();
            c.amount = "--".into();
        }
    }
    if rng.chance(0.3) && n > 3 {
        let len = rng.urange(1, 4).min(n - 2);
        let a = rng.urange(0, n - len - 1);
        for k in 0..len {
            cells[a + k] = MonthCell {
                state: (k + 1).to_string(),
                amount: amount(unit * (k as u64 + 1)),
            };
        }
    }
    if rng.chance(0.04) && !card {
        let a = rng.urange(0, n - 1);
        cells[a].state = "D".into();
    }
    // The rarer loan codes (编制说明): Z 以资抵债, M 约定还款日后月底前还款.
    if !card && n > 2 && rng.chance(0.05) {
        let a = rng.urange(0, n - 2);
        cells[a].state = rng.pick(&["Z", "M"]).to_string();
    }
    // Months without a status (the XML's `/`, 未开立) inside the window: blank cells, or the
    // `/` / `-` other printers put in the status row over a blank amount. Never the last
    // month, which the figures read.
    if n > 6 && rng.chance(0.08) {
        let len = rng.urange(1, 3);
        let a = rng.urange(1, n - len - 2);
        let mark = *rng.pick(&["", "", "/", "-"]);
        for c in cells.iter_mut().skip(a).take(len) {
            *c = MonthCell {
                state: mark.into(),
                amount: String::new(),
            };
        }
    }
    match ending {
        Ending::Open => {}
        // G 结束: an account that ended other than by 结清.
        Ending::Transferred => {
            if rng.chance(0.5) {
                cells[n - 1].state = "G".into();
            }
        }
        Ending::Overdue => {
            let len = rng.urange(1, 3).min(n);
            for k in 0..len {
                cells[n - len + k] = MonthCell {
                    state: (k + 1).to_string(),
                    amount: amount(unit * (k as u64 + 1)),
                };
            }
        }
        Ending::Cleared => {
            cells[n - 1] = MonthCell {
                state: "C".into(),
                amount: "0".into(),
            }
        }
        Ending::BadDebt => {
            let len = rng.urange(3, 14).min(n);
            let bal = unit * rng.range(8, 40) as u64;
            for k in 0..len {
                let i = n - len + k;
                cells[i] = if k < 7 && k + 3 < len {
                    MonthCell {
                        state: (k + 1).to_string(),
                        amount: amount(unit * (k as u64 + 1)),
                    }
                } else {
                    MonthCell {
                        state: "B".into(),
                        amount: amount(bal + k as u64 * 100),
                    }
                };
            }
        }
    }
    cells
}

/// `2010年07月—2015年05月` and the grid window of `start..=end`.
pub fn range_text(start: Month, end: Month) -> String {
    format!("{}—{}", start.cn(), end.cn())
}

fn grid_cols() -> Vec<f32> {
    let mut c = vec![1.25];
    c.extend(std::iter::repeat_n(1.0, 12));
    c
}

/// The printed 还款记录 table (attached to its account block) and its truth.
pub fn repayment(start: Month, end: Month, cells: &[MonthCell], border: Rgb) -> (Table, RefundRecord) {
    let range = range_text(start, end);
    let mut t = Table::with_cols(border, &grid_cols()).attached();
    t.row(vec![Cell::h(format!("{range}的还款记录")).span(13).red()]);
    let mut hdr = vec![Cell::h("")];
    hdr.extend((1..=12).map(|m| Cell::h(m.to_string())));
    t.row(hdr);
    let mut rec = RefundRecord {
        date_range: range,
        start_date: start.dot(),
        end_date: end.dot(),
        detail: Vec::new(),
    };
    for y in (start.y..=end.y).rev() {
        let mut st = vec![Cell::h(y.to_string()).rows(2)];
        let mut am = Vec::with_capacity(12);
        let mut year = RefundYear {
            year: y.to_string(),
            month: Vec::new(),
        };
        for m in 1..=12u32 {
            let mo = Month { y, m };
            if mo < start || mo > end {
                st.push(Cell::v(""));
                am.push(Cell::v(""));
                continue;
            }
            let c = &cells[(mo.index() - start.index()) as usize];
            st.push(Cell::v(&c.state));
            am.push(Cell::v(&c.amount));
            // CONVENTIONS 10: month entries only for non-blank cells.
            if c.state.is_empty() && c.amount.is_empty() {
                continue;
            }
            year.month.push(RefundMonth {
                month_value: m.to_string(),
                amount: c.amount.clone(),
                state: c.state.clone(),
            });
        }
        t.row(st);
        t.rows.push(Row {
            cells: am,
            dashed_top: true,
        });
        rec.detail.push(year);
    }
    (t, rec)
}

/// The 24-month 缴费记录 grid of a 后付费 account (status only) and its truth.
pub fn payment(rng: &mut SplitMix64, end: Month, owing: bool, border: Rgb) -> (Table, PaymentRecord) {
    let start = end.add(-23);
    let range = range_text(start, end);
    let mut t = Table::with_cols(border, &grid_cols()).attached();
    t.row(vec![Cell::h(format!("{range}的缴费记录")).span(13).red()]);
    let mut hdr = vec![Cell::h("")];
    hdr.extend((1..=12).map(|m| Cell::h(m.to_string())));
    t.row(hdr);
    let mut rec = PaymentRecord {
        date_range: range,
        detail: Vec::new(),
    };
    let late_from = if owing { 24 - rng.urange(1, 6) as i64 } else { 99 };
    // Beyond N, * and the months past the grace period (§8): `0` (paid within the grace
    // period), a `#` stretch (state unknown), blank months, and a closed (C) or otherwise ended
    // (G) service in its last month.
    let unknown = rng.chance(0.06).then(|| {
        let a = rng.urange(0, 18) as i64;
        a..a + rng.urange(1, 4) as i64
    });
    let blank = rng.chance(0.05).then(|| {
        let a = rng.urange(1, 18) as i64;
        a..a + rng.urange(1, 2) as i64
    });
    let last = if owing {
        None
    } else {
        [None, None, None, None, Some("C"), Some("G")][rng.urange(0, 5)]
    };
    for y in (start.y..=end.y).rev() {
        let mut row = vec![Cell::h(y.to_string())];
        let mut year = PaymentYear {
            year: y.to_string(),
            month: Vec::new(),
        };
        for m in 1..=12u32 {
            let mo = Month { y, m };
            if mo < start || mo > end {
                row.push(Cell::v(""));
                continue;
            }
            let i = mo.index() - start.index();
            let state = if i >= late_from {
                (i - late_from + 1).min(6).to_string()
            } else if let (23, Some(code)) = (i, last) {
                code.into()
            } else if unknown.as_ref().is_some_and(|r| r.contains(&i)) {
                "#".into()
            } else if blank.as_ref().is_some_and(|r| r.contains(&i)) {
                String::new()
            } else if rng.chance(0.05) {
                "*".into()
            } else if rng.chance(0.04) {
                "0".into()
            } else {
                "N".into()
            };
            row.push(Cell::v(&state));
            if state.is_empty() {
                continue;
            }
            year.month.push(PaymentMonth {
                month_value: m.to_string(),
                state,
            });
        }
        t.row(row);
        rec.detail.push(year);
    }
    (t, rec)
}

#[cfg(test)]
mod tests {
    use super::super::super::model::BLUE;
    use super::*;
    use std::collections::BTreeSet;

    /// Every mark of the real grids (report_layout §7.7, §8) is drawn somewhere, and a blank
    /// cell inside the window has no truth entry (CONVENTIONS 10).
    #[test]
    fn grids_draw_every_mark_and_blank_cells() {
        let mut rng = SplitMix64::new(11);
        let end = Month { y: 2020, m: 4 };
        let start = end.add(-59);
        let (mut states, mut pay_states) = (BTreeSet::new(), BTreeSet::new());
        let mut blank_in_window = 0;
        for k in 0..600 {
            let ending = [
                Ending::Open,
                Ending::Overdue,
                Ending::Cleared,
                Ending::BadDebt,
                Ending::Transferred,
            ][k % 5];
            let cells = series(&mut rng, start, end, start, 500, k % 3 == 0, ending);
            let (table, rec) = repayment(start, end, &cells, BLUE);
            let printed: usize = rec.detail.iter().map(|y| y.month.len()).sum();
            let blanks = cells
                .iter()
                .filter(|c| c.state.is_empty() && c.amount.is_empty())
                .count();
            assert_eq!(printed + blanks, 60);
            blank_in_window += blanks;
            // One status and one amount row per printed year, after the title and month rows.
            assert_eq!(table.rows.len(), 2 + 2 * rec.detail.len());
            states.extend(rec.detail.iter().flat_map(|y| y.month.iter()).map(|m| m.state.clone()));
            let (_, pay) = payment(&mut rng, end, k % 4 == 0, BLUE);
            pay_states.extend(pay.detail.iter().flat_map(|y| y.month.iter()).map(|m| m.state.clone()));
        }
        for mark in [
            "*", "#", "/", "-", "C", "G", "D", "Z", "M", "B", "N", "1", "2", "3", "4", "5", "6", "7",
        ] {
            assert!(
                states.contains(mark),
                "repayment grids never print {mark:?}: {states:?}"
            );
        }
        for mark in ["*", "#", "C", "G", "N", "0", "1", "6"] {
            assert!(
                pay_states.contains(mark),
                "payment grids never print {mark:?}: {pay_states:?}"
            );
        }
        assert!(blank_in_window > 0);
        assert!(!states.contains("") && !pay_states.contains(""));
    }
}
