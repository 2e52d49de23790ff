//! The 5-year repayment grid (§7.7) and the 24-month 缴费记录 grid of 后付费 accounts (§8):
//! month-status series, the printed table, and the truth built from the same cells.

use super::super::date::{amount, Month};
use super::super::model::{Cell, Rgb, Row, Table};
use super::super::rng::Rng;
use crate::report::{PaymentMonth, PaymentRecord, PaymentYear, RefundMonth, RefundRecord, RefundYear};

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
    rng: &mut Rng,
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
    match ending {
        Ending::Open | Ending::Transferred => {}
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
pub fn payment(rng: &mut Rng, end: Month, owing: bool, border: Rgb) -> (Table, PaymentRecord) {
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
            } else if rng.chance(0.05) {
                "*".into()
            } else {
                "N".into()
            };
            row.push(Cell::v(&state));
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
