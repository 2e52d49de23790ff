//! Per-account rules over every loan and card account (and 被追偿 accounts where they apply):
//! the 截至 date is not after the report time, the account opens before it falls due, a closed
//! account carries no balance, and its repayment grid stays inside the range its title names.
//!
//! A closed account's balance can sit in two places of the result: the open-state figures (kept
//! only where a state reads as open, CONVENTIONS 9, so in practice for a state such as
//! `提前结清` that a reader keeps as open), and the `以后的最新还款记录` printed after the 截至 date,
//! which keeps its 余额 whatever the state: a 结清/销户 account with a later balance contradicts
//! itself there.

use super::values::{self, Day};
use super::Check;
use crate::report::{CreditReport, RefundMonth, RefundRecord};

const AS_OF: &str = "account.dueDate.notAfterReportTime";
const OPEN_BEFORE_DUE: &str = "account.startDate.notAfterDeadlineDate";
const CLOSED_ZERO: &str = "account.closed.zeroBalance";
const GRID_RANGE: &str = "account.refundRecord.monthsInRange";
const GRID_CELLS: &str = "account.refundRecord.cellCount";

/// What the rules need of one account, whatever its kind.
struct Account<'a> {
    path: String,
    start_date: Option<&'a str>,
    deadline_date: Option<&'a str>,
    due_date: &'a str,
    state: &'a str,
    /// Balance fields of the open state and of the latest repayment after the 截至 date (path
    /// relative to the account, value).
    balances: Vec<(&'static str, &'a str)>,
    grid: Option<&'a RefundRecord>,
}

fn accounts(r: &CreditReport) -> Vec<Account<'_>> {
    let d = &r.credit_trans_info_detail;
    let mut out = Vec::new();
    // The three loan lists share one shape (借款金额 or 授信额度 aside, which no rule here reads).
    macro_rules! loans {
        ($list:expr, $accts:expr) => {
            out.extend($accts.iter().enumerate().map(|(i, a)| Account {
                path: format!("creditTransInfoDetail.{}[{i}]", $list),
                start_date: Some(&a.start_date),
                deadline_date: Some(&a.deadline_date),
                due_date: &a.due_date,
                state: &a.account_state.value,
                balances: vec![
                    (
                        "accountState.normal.surplusAmount",
                        &a.account_state.normal.surplus_amount,
                    ),
                    (
                        "beforeDeadlineDate.surplusAmount",
                        &a.before_deadline_date.surplus_amount,
                    ),
                ],
                grid: Some(&a.refund_record),
            }))
        };
    }
    loans!("acyclicCreditAccount", d.acyclic_credit_account);
    loans!("cyclicalAmountPerAccount", d.cyclical_amount_per_account);
    loans!("cyclicalLoanAccount", d.cyclical_loan_account);
    out.extend(d.credit_account.iter().enumerate().map(|(i, a)| Account {
        path: format!("creditTransInfoDetail.creditAccount[{i}]"),
        start_date: Some(&a.start_date),
        deadline_date: None,
        due_date: &a.due_date,
        state: &a.account_state.value,
        balances: vec![
            (
                "accountState.normal.surplusAmount",
                &a.account_state.normal.surplus_amount,
            ),
            ("accountState.normal.usedAmount", &a.account_state.normal.used_amount),
            ("beforeDueDate.surplusAmount", &a.before_due_date.surplus_amount),
        ],
        grid: Some(&a.refund_record),
    }));
    out.extend(d.quasi_credit_account.iter().enumerate().map(|(i, a)| Account {
        path: format!("creditTransInfoDetail.quasiCreditAccount[{i}]"),
        start_date: Some(&a.start_date),
        deadline_date: None,
        due_date: &a.due_date,
        state: &a.account_state.value,
        balances: vec![(
            "accountState.normal.overDraftAmount",
            &a.account_state.normal.over_draft_amount,
        )],
        grid: Some(&a.refund_record),
    }));
    out.extend(d.recovery_info.iter().enumerate().map(|(i, a)| Account {
        path: format!("creditTransInfoDetail.recoveryInfo[{i}]"),
        start_date: None,
        deadline_date: None,
        due_date: &a.due_date,
        state: &a.account_state.value,
        balances: Vec::new(),
        grid: None,
    }));
    out
}

/// 结清 (loans) and 销户 (cards) close an account; 转出 and 结束 move the debt elsewhere, so the
/// balance rule does not speak for them.
fn is_closed(state: &str) -> bool {
    state.contains("结清") || state.contains("销户")
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let report_day = values::date_time(&r.credit_header.report_time).map(|t| t.0);
    for a in accounts(r) {
        if let (Some(report_day), Some(due)) = (report_day, values::date(a.due_date)) {
            let ok = due <= report_day;
            out.push(Check::new(
                AS_OF,
                ok,
                vec![format!("{}.dueDate", a.path), "creditHeader.reportTime".into()],
                if ok {
                    "the 截至 date is not after the report time".into()
                } else {
                    format!(
                        "the 截至 date is {} day(s) after the report time",
                        due.ordinal() - report_day.ordinal()
                    )
                },
            ));
        }
        if let (Some(start), Some(deadline)) = (
            a.start_date.and_then(values::date),
            a.deadline_date.and_then(values::date),
        ) {
            let ok = start <= deadline;
            out.push(Check::new(
                OPEN_BEFORE_DUE,
                ok,
                vec![format!("{}.startDate", a.path), format!("{}.deadlineDate", a.path)],
                if ok {
                    "opened before it falls due"
                } else {
                    "the 开立日期 is after the 到期日期"
                }
                .into(),
            ));
        }
        if is_closed(a.state) {
            let non_zero: Vec<String> = a
                .balances
                .iter()
                .filter(|(_, v)| values::amount(v).is_some_and(|x| x != 0))
                .map(|(p, _)| format!("{}.{p}", a.path))
                .collect();
            let ok = non_zero.is_empty();
            let mut paths = vec![format!("{}.accountState.value", a.path)];
            paths.extend(non_zero);
            out.push(Check::new(
                CLOSED_ZERO,
                ok,
                paths,
                if ok {
                    "a closed account with no balance"
                } else {
                    "a closed account shows a balance"
                }
                .into(),
            ));
        }
        if let Some(g) = a.grid {
            grid(&a.path, g, out);
        }
    }
}

/// Every printed cell of a grid whose year and month read as numbers: (year row, cell in the
/// row, its month, the cell). A row whose year does not read is skipped whole.
fn printed_cells(g: &RefundRecord) -> impl Iterator<Item = (usize, usize, Day, &RefundMonth)> {
    g.detail.iter().enumerate().flat_map(|(yi, y)| {
        let year = y.year.trim().parse::<i32>().ok();
        y.month.iter().enumerate().filter_map(move |(mi, m)| {
            let month = m.month_value.trim().parse::<u32>().ok()?;
            Some((
                yi,
                mi,
                Day {
                    year: year?,
                    month,
                    day: 0,
                },
                m,
            ))
        })
    })
}

/// The title leaves (range and the two months derived from it) of every grid whose earliest
/// and latest printed cells fall on the title's first and last months: the cells' places (a
/// year read in its own column, a month by its column) agree with the title read apart from
/// them. Not a rule: a grid may leave its end months blank, so a mismatch says nothing.
pub(super) fn ranges_met_by_cells(r: &CreditReport) -> Vec<String> {
    let mut out = Vec::new();
    for a in accounts(r) {
        let Some(g) = a.grid else { continue };
        let (Some(start), Some(end)) = (values::month(&g.start_date), values::month(&g.end_date)) else {
            continue;
        };
        let span = printed_cells(g).fold(None, |span: Option<(Day, Day)>, (_, _, day, _)| {
            Some(span.map_or((day, day), |(lo, hi)| (lo.min(day), hi.max(day))))
        });
        if span == Some((start, end)) {
            out.extend(["dateRange", "startDate", "endDate"].map(|k| format!("{}.refundRecord.{k}", a.path)));
        }
    }
    out
}

/// The state and amount leaves of every grid month that prints a state of no arrears (`N`
/// paid as agreed, `*` nothing due) over an overdue amount of `0`. The two are separate cells,
/// read apart, and the report prints a nonzero amount only under a state of arrears (a count
/// of months overdue), so each reading agrees with the other. Not a rule: other states print
/// either.
pub(super) fn quiet_months(r: &CreditReport) -> Vec<String> {
    let mut out = Vec::new();
    for a in accounts(r) {
        let Some(g) = a.grid else { continue };
        for (yi, mi, _, m) in printed_cells(g) {
            if matches!(m.state.trim(), "N" | "*") && m.amount.trim() == "0" {
                let cell = format!("{}.refundRecord.detail[{yi}].month[{mi}]", a.path);
                out.extend([format!("{cell}.state"), format!("{cell}.amount")]);
            }
        }
    }
    out
}

/// The months a grid prints lie inside its title's range, and it prints no more cells than
/// the range has months (blank cells are left out, so fewer is fine).
fn grid(path: &str, g: &RefundRecord, out: &mut Vec<Check>) {
    let (Some(start), Some(end)) = (values::month(&g.start_date), values::month(&g.end_date)) else {
        return;
    };
    if g.detail.is_empty() || start > end {
        return;
    }
    let span = (end.year - start.year) as i64 * 12 + end.month as i64 - start.month as i64 + 1;
    let mut outside = Vec::new();
    let mut outside_months = 0usize;
    let mut cells = 0usize;
    for (yi, mi, day, m) in printed_cells(g) {
        cells += 1;
        if day < start || day > end {
            outside_months += 1;
            // The values printed in that month are what a reviewer must look at (a stray mark
            // read as a state before the account opened); a month with none is named whole.
            let cell = format!("{path}.refundRecord.detail[{yi}].month[{mi}]");
            let leaves: Vec<String> = [("state", &m.state), ("amount", &m.amount)]
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(key, _)| format!("{cell}.{key}"))
                .collect();
            if leaves.is_empty() {
                outside.push(cell);
            } else {
                outside.extend(leaves);
            }
        }
    }
    let ok = outside.is_empty();
    let n = outside_months;
    let mut paths = vec![format!("{path}.refundRecord.dateRange")];
    paths.extend(outside);
    out.push(Check::new(
        GRID_RANGE,
        ok,
        paths,
        if ok {
            "every printed month lies inside the grid's date range".into()
        } else {
            format!("{n} printed month(s) lie outside the grid's date range")
        },
    ));
    let ok = cells as i64 <= span;
    out.push(Check::new(
        GRID_CELLS,
        ok,
        vec![
            format!("{path}.refundRecord.dateRange"),
            format!("{path}.refundRecord.detail"),
        ],
        format!("{cells} cell(s) printed for a range of {span} month(s)"),
    ));
}
