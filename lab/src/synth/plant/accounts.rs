//! Plants in one loan or card account: a 截至 date after the report time, an 开立日期 after
//! the 到期日期, a 结清 loan that shows a balance after it closed, a repayment grid whose printed
//! months leave the range its title names, and a grid that prints a year twice. They run
//! before the summary is derived, so the summary agrees with the changed account.

use super::super::date::{amount, Date, Month};
use super::super::model::{Block, Table};
use super::super::rng::SplitMix64;
use super::super::sections::grid::range_text;
use super::print::{below, only_table_index, reprint, reprint_value, table_at};
use super::{read_date, read_month, Draft};
use zhengxin::report::{CreditTransInfoDetail, LatestRepayment, RefundRecord};

/// What a plant may change in one account, whatever its family.
struct Acct<'a> {
    /// 账户标识: unique in the report, so it finds the account's table.
    id: &'a str,
    start: &'a str,
    /// 到期日期 (loans only).
    deadline: Option<&'a mut String>,
    due: &'a mut String,
    state: &'a mut String,
    /// A loan's `以后的最新还款记录`.
    later: Option<&'a mut LatestRepayment>,
    grid: &'a mut RefundRecord,
}

fn accounts(d: &mut CreditTransInfoDetail) -> Vec<Acct<'_>> {
    let mut out = Vec::new();
    macro_rules! loans {
        ($list:expr) => {
            out.extend($list.iter_mut().map(|a| Acct {
                id: &a.amount_id,
                start: &a.start_date,
                deadline: Some(&mut a.deadline_date),
                due: &mut a.due_date,
                state: &mut a.account_state.value,
                later: Some(&mut a.before_deadline_date),
                grid: &mut a.refund_record,
            }))
        };
    }
    macro_rules! cards {
        ($list:expr) => {
            out.extend($list.iter_mut().map(|a| Acct {
                id: &a.amount_id,
                start: &a.start_date,
                deadline: None,
                due: &mut a.due_date,
                state: &mut a.account_state.value,
                later: None,
                grid: &mut a.refund_record,
            }))
        };
    }
    loans!(d.acyclic_credit_account);
    loans!(d.cyclical_amount_per_account);
    loans!(d.cyclical_loan_account);
    cards!(d.credit_account);
    cards!(d.quasi_credit_account);
    out
}

/// Tries `f` on the accounts in a random rotation until one takes the plant.
fn on_some_account(
    d: &mut Draft<'_>,
    f: impl Fn(&mut Acct<'_>, &mut Vec<Block>, &mut SplitMix64, Date) -> Option<()>,
) -> Option<()> {
    let mut accts = accounts(&mut d.truth.credit_trans_info_detail);
    if accts.is_empty() {
        return None;
    }
    let n = accts.len();
    let first = d.rng.below(n as u64) as usize;
    (0..n).find_map(|k| f(&mut accts[(first + k) % n], d.blocks, d.rng, d.today))
}

/// The account's own table (the one printing its 账户标识).
fn account_table<'a>(blocks: &'a mut [Block], a: &Acct<'_>) -> Option<&'a mut Table> {
    let i = only_table_index(blocks, a.id)?;
    table_at(blocks, i)
}

/// The account's repayment grid: the table right after its own, titled `…的还款记录`.
fn grid_table<'a>(blocks: &'a mut [Block], a: &Acct<'_>) -> Option<&'a mut Table> {
    let i = only_table_index(blocks, a.id)?;
    let t = table_at(blocks, i + 1)?;
    let title = &t.rows.first()?.cells.first()?.text;
    (*title == format!("{}的还款记录", a.grid.date_range)).then_some(t)
}

/// Prints a 截至 date 1–25 days after the report date.
pub fn due_after_report(d: &mut Draft<'_>) -> Option<()> {
    on_some_account(d, |a, blocks, rng, today| {
        let new = today.add_days(rng.range(1, 25)).cn();
        let t = account_table(blocks, a)?;
        let cell = t
            .rows
            .iter_mut()
            .flat_map(|r| r.cells.iter_mut())
            .find(|c| c.text == format!("截至{}", a.due));
        reprint(a.due, cell, "截至", "", new)
    })
}

/// Prints a loan's 到期日期 1–24 months before its 开立日期.
pub fn open_after_deadline(d: &mut Draft<'_>) -> Option<()> {
    on_some_account(d, |a, blocks, rng, _| {
        let start = read_date(a.start)?;
        let new = start.add_months(-rng.range(1, 24)).dot();
        let cell = account_table(blocks, a).and_then(|t| below(t, "到期日期"));
        reprint_value(a.deadline.as_deref_mut()?, cell, new)
    })
}

/// Prints, after a 结清 loan's state, a `以后的最新还款记录` that still shows a balance: the
/// account is closed at its 截至 date and owes money after it. (A balance in the state's own
/// row would have no key in the result: a 结清 state keeps only its closing date, CONVENTIONS 9.)
pub fn closed_with_balance(d: &mut Draft<'_>) -> Option<()> {
    on_some_account(d, |a, blocks, rng, today| {
        (*a.state == "结清").then_some(())?;
        a.later.as_deref()?.value.is_empty().then_some(())?;
        let due = read_date(a.due)?;
        let refund = rng.amount(500, 20_000, 100);
        let new = LatestRepayment {
            value: a.due.clone(),
            five_level_type: "正常".into(),
            surplus_amount: amount(rng.amount(1_000, 200_000, 100)),
            refund_date: due.add_days(rng.range(1, 20)).min(today).dot(),
            refund_amount: amount(refund),
            curr_refund_state: "N".into(),
        };
        let t = account_table(blocks, a)?;
        // The loan's state rows close its table; the record follows them as on an open loan.
        (t.rows.last()?.cells.first()?.text == "结清").then_some(())?;
        t.title(&format!("{}以后的最新还款记录", new.value));
        t.hdr(&["五级分类", "余额", "还款日期", "还款金额", "当前还款状态"]);
        t.val(&[
            &new.five_level_type,
            &new.surplus_amount,
            &new.refund_date,
            &new.refund_amount,
            &new.curr_refund_state,
        ]);
        *a.later.as_deref_mut()? = new;
        Some(())
    })
}

/// The grid's range as months.
fn grid_range(g: &RefundRecord) -> Option<(Month, Month)> {
    Some((read_month(&g.start_date)?, read_month(&g.end_date)?))
}

/// Printed months of a grid as (year, month).
fn printed(g: &RefundRecord) -> impl Iterator<Item = Month> + '_ {
    g.detail.iter().flat_map(|y| {
        let year: Option<i32> = y.year.parse().ok();
        y.month.iter().filter_map(move |m| {
            Some(Month {
                y: year?,
                m: m.month_value.parse().ok()?,
            })
        })
    })
}

/// Titles a grid with a range 1–3 months earlier than the months it prints (same length, so
/// the cell count still fits): its newest months fall outside.
pub fn grid_months_outside(d: &mut Draft<'_>) -> Option<()> {
    on_some_account(d, |a, blocks, rng, _| {
        let (start, end) = grid_range(a.grid)?;
        let k = rng.range(1, 3);
        let (start, end) = (start.add(-k), end.add(-k));
        printed(a.grid).any(|m| m > end).then_some(())?;
        let cell = grid_table(blocks, a).and_then(|t| t.rows.first_mut()?.cells.first_mut());
        reprint(&mut a.grid.date_range, cell, "", "的还款记录", range_text(start, end))?;
        a.grid.start_date = start.dot();
        a.grid.end_date = end.dot();
        Some(())
    })
}

/// Prints one year of a grid twice (its status and amount rows repeated), so the grid holds
/// more cells than its range has months while every month stays inside the range.
pub fn grid_year_twice(d: &mut Draft<'_>) -> Option<()> {
    on_some_account(d, |a, blocks, _, _| {
        let (start, end) = grid_range(a.grid)?;
        let span = (end.index() - start.index() + 1) as usize;
        let cells = printed(a.grid).count();
        let (yi, year) = a.grid.detail.iter().enumerate().max_by_key(|(_, y)| y.month.len())?;
        (cells + year.month.len() > span).then_some(())?;
        let year = year.clone();
        let t = grid_table(blocks, a)?;
        let r = t
            .rows
            .iter()
            .position(|row| row.cells.first().is_some_and(|c| c.text == year.year && c.rowspan == 2))?;
        let rows: Vec<_> = t.rows.get(r..r + 2)?.to_vec();
        t.rows.splice(r + 2..r + 2, rows);
        a.grid.detail.insert(yi + 1, year);
        Some(())
    })
}
