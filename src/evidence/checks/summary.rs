//! 信息概要 against the detail records: account counts of 信贷交易信息提示, the per-type totals of
//! 信贷交易授信及负债信息概要, 被追偿 and 呆账 counts, and 公共信息概要's record counts.
//!
//! The summary's totals cover the accounts still open. Whether a 呆账 account (and, for cards, a
//! 未激活 one) counts as open is not printed anywhere, so both readings are accepted.

use std::collections::BTreeSet;

use super::values;
use super::Check;
use crate::lexicon::fuzzy;
use crate::report::{CreditReport, LoanAccountInfoSummary, LoanAccountState};

const HINT_TOTAL: &str = "summary.hint.total";
const HINT_LOANS: &str = "summary.hint.loanCount";
const HINT_CARDS: &str = "summary.hint.cardCount";
const DEBT_LOANS: &str = "summary.debt.loans";
const DEBT_CARDS: &str = "summary.debt.cards.accountCount";
const RECOURSE: &str = "summary.recourse.accountCount";
const BAD_DEBT: &str = "summary.badDebt.accountCount";
const PUBLIC: &str = "summary.publicInfo.recordCount";
const OVERDUE_TYPES: &str = "summary.overdue.accountTypes";
const OVERDUE_ROWS: &str = "summary.overdue.rowValues";

const HINT: &str = "infoSummary.creditTransInfoHint";
const DEBT: &str = "infoSummary.creditTransExtensionAndDebtSummary";
const DETAIL: &str = "creditTransInfoDetail";

/// Compares a printed count with the possible actual ones and records the check.
fn count_check(out: &mut Vec<Check>, rule: &str, printed: &str, actual: &[u64], paths: Vec<String>, what: &str) {
    let Some(n) = values::count(printed) else { return };
    let ok = actual.contains(&n);
    let message = if ok {
        format!("{what}: the summary's {n} agrees with the detail")
    } else {
        let mut a: Vec<u64> = actual.to_vec();
        a.dedup();
        let a: Vec<String> = a.iter().map(u64::to_string).collect();
        format!("{what}: the summary says {n}, the detail has {}", a.join(" or "))
    };
    out.push(Check::new(rule, ok, paths, message));
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    hint(r, out);
    debt(r, out);
    breach(r, out);
    public(r, out);
}

fn hint(r: &CreditReport, out: &mut Vec<Check>) {
    let h = &r.info_summary.credit_trans_info_hint;
    let d = &r.credit_trans_info_detail;
    let rows = || {
        h.detail
            .loan
            .iter()
            .chain(&h.detail.credit_card)
            .chain(&h.detail.others)
    };
    let counts: Option<Vec<u64>> = rows().map(|row| values::count(&row.account_num)).collect();
    if let Some(counts) = counts.filter(|c| !c.is_empty()) {
        count_check(
            out,
            HINT_TOTAL,
            &h.total_account_num,
            &[counts.iter().sum()],
            vec![format!("{HINT}.totalAccountNum"), format!("{HINT}.detail")],
            "账户数 合计 against the rows above it",
        );
    }
    let loans: Option<Vec<u64>> = h
        .detail
        .loan
        .iter()
        .map(|row| values::count(&row.account_num))
        .collect();
    if let Some(loans) = loans.filter(|l| !l.is_empty()) {
        let n = (d.acyclic_credit_account.len() + d.cyclical_amount_per_account.len() + d.cyclical_loan_account.len())
            as u64;
        count_check(
            out,
            HINT_LOANS,
            &loans.iter().sum::<u64>().to_string(),
            &[n],
            vec![
                format!("{HINT}.detail.loan"),
                format!("{DETAIL}.acyclicCreditAccount"),
                format!("{DETAIL}.cyclicalAmountPerAccount"),
                format!("{DETAIL}.cyclicalLoanAccount"),
            ],
            "loan accounts",
        );
    }
    for (i, row) in h.detail.credit_card.iter().enumerate() {
        let (list, n) = if row.kind.contains("准贷记卡") {
            ("quasiCreditAccount", d.quasi_credit_account.len())
        } else if row.kind.contains("贷记卡") {
            ("creditAccount", d.credit_account.len())
        } else {
            continue;
        };
        count_check(
            out,
            HINT_CARDS,
            &row.account_num,
            &[n as u64],
            vec![
                format!("{HINT}.detail.creditCard[{i}].accountNum"),
                format!("{DETAIL}.{list}"),
            ],
            "card accounts",
        );
    }
}

/// A loan account as the debt summary sees it.
struct Loan<'a> {
    company: &'a str,
    amount: &'a str,
    state: &'a LoanAccountState,
}

fn loan(a: &crate::report::LoanAccount) -> Loan<'_> {
    Loan {
        company: &a.manage_company,
        amount: &a.refund_amount,
        state: &a.account_state,
    }
}

fn is_closed_loan(state: &str) -> bool {
    state.contains("结清") || state.contains("转出")
}

fn debt(r: &CreditReport, out: &mut Vec<Check>) {
    let d = &r.credit_trans_info_detail;
    let s = &r.info_summary.credit_trans_extension_and_debt_summary;
    let families: [(&str, &LoanAccountInfoSummary, Vec<Loan<'_>>, &str); 3] = [
        (
            "acyclicLoanAccountInfoSummary",
            &s.acyclic_loan_account_info_summary,
            d.acyclic_credit_account.iter().map(loan).collect(),
            "acyclicCreditAccount",
        ),
        (
            "cyclicalAmountAccountInfoSummary",
            &s.cyclical_amount_account_info_summary,
            d.cyclical_amount_per_account.iter().map(loan).collect(),
            "cyclicalAmountPerAccount",
        ),
        (
            "cyclicalLoanAccountInfoSummary",
            &s.cyclical_loan_account_info_summary,
            d.cyclical_loan_account
                .iter()
                .map(|a| Loan {
                    company: &a.manage_company,
                    amount: &a.account_extension_amount,
                    state: &a.account_state,
                })
                .collect(),
            "cyclicalLoanAccount",
        ),
    ];
    for (key, sum, accounts, list) in families {
        if values::count(&sum.account_num).is_none() {
            continue;
        }
        // Both readings of "open": with and without 呆账 accounts.
        let readings: Vec<Vec<&Loan<'_>>> = [true, false]
            .into_iter()
            .map(|with_bad_debt| {
                accounts
                    .iter()
                    .filter(|a| !is_closed_loan(&a.state.value) && (with_bad_debt || !a.state.value.contains("呆账")))
                    .collect()
            })
            .collect();
        let fits = |open: &[&Loan<'_>]| -> Vec<&'static str> {
            let mut wrong = Vec::new();
            if values::count(&sum.account_num) != Some(open.len() as u64) {
                wrong.push("accountNum");
            }
            let orgs: BTreeSet<&str> = open.iter().map(|a| a.company.trim()).collect();
            if values::count(&sum.manage_company_num).is_some_and(|n| n != orgs.len() as u64) {
                wrong.push("manageCompanyNum");
            }
            let total: Option<i64> = open.iter().map(|a| values::amount(a.amount)).sum();
            if let (Some(printed), Some(total)) = (values::amount(&sum.extension_amount), total) {
                if printed != total {
                    wrong.push("extensionAmount");
                }
            }
            let balance: Option<i64> = open
                .iter()
                .map(|a| {
                    let n = &a.state.normal.surplus_amount;
                    let b = &a.state.bad_debt.surplus_amount;
                    match (n.trim().is_empty(), b.trim().is_empty()) {
                        (true, true) => Some(0),
                        (false, _) => values::amount(n),
                        (true, false) => values::amount(b),
                    }
                })
                .sum();
            if let (Some(printed), Some(balance)) = (values::amount(&sum.surplus_amount), balance) {
                if printed != balance {
                    wrong.push("surplusAmount");
                }
            }
            wrong
        };
        let results: Vec<Vec<&str>> = readings.iter().map(|o| fits(o)).collect();
        let best = results.iter().min_by_key(|w| w.len()).expect("two readings");
        let ok = best.is_empty();
        let mut paths: Vec<String> = if ok {
            vec![format!("{DEBT}.{key}")]
        } else {
            best.iter().map(|f| format!("{DEBT}.{key}.{f}")).collect()
        };
        paths.push(format!("{DETAIL}.{list}"));
        out.push(Check::new(
            DEBT_LOANS,
            ok,
            paths,
            if ok {
                format!("{key}: counts and totals agree with the open accounts")
            } else {
                format!("{key}: {} disagree with the open accounts", best.join(", "))
            },
        ));
    }

    let cards: [(&str, &str, Vec<&str>, &str); 2] = [
        (
            "creditAccountInfoSummary",
            &s.credit_account_info_summary.account_num,
            d.credit_account
                .iter()
                .map(|a| a.account_state.value.as_str())
                .collect(),
            "creditAccount",
        ),
        (
            "quasiCreditAccountInfoSummary",
            &s.quasi_credit_account_info_summary.account_num,
            d.quasi_credit_account
                .iter()
                .map(|a| a.account_state.value.as_str())
                .collect(),
            "quasiCreditAccount",
        ),
    ];
    for (key, printed, states, list) in cards {
        let open = |inactive: bool, bad: bool| {
            states
                .iter()
                .filter(|s| !s.contains("销户") && (inactive || !s.contains("未激活")) && (bad || !s.contains("呆账")))
                .count() as u64
        };
        let readings = [
            open(true, true),
            open(true, false),
            open(false, true),
            open(false, false),
        ];
        count_check(
            out,
            DEBT_CARDS,
            printed,
            &readings,
            vec![format!("{DEBT}.{key}.accountNum"), format!("{DETAIL}.{list}")],
            key,
        );
    }
}

fn breach(r: &CreditReport, out: &mut Vec<Check>) {
    let b = &r.info_summary.credit_trans_breach_info_summary;
    let d = &r.credit_trans_info_detail;
    let base = "infoSummary.creditTransBreachInfoSummary";
    overdue_types(r, out);
    overdue_rows(r, out);
    let rows: Option<Vec<u64>> = b
        .recourse_info_summary
        .detail
        .iter()
        .map(|x| values::count(&x.account_num))
        .collect();
    if let Some(rows) = rows.filter(|r| !r.is_empty()) {
        count_check(
            out,
            RECOURSE,
            &b.recourse_info_summary.total_account_num,
            &[rows.iter().sum()],
            vec![
                format!("{base}.recourseInfoSummary.totalAccountNum"),
                format!("{base}.recourseInfoSummary.detail"),
            ],
            "被追偿 合计 against its rows",
        );
    }
    count_check(
        out,
        RECOURSE,
        &b.recourse_info_summary.total_account_num,
        &[d.recovery_info.len() as u64],
        vec![
            format!("{base}.recourseInfoSummary.totalAccountNum"),
            format!("{DETAIL}.recoveryInfo"),
        ],
        "被追偿 accounts",
    );
    let states = d
        .acyclic_credit_account
        .iter()
        .chain(&d.cyclical_amount_per_account)
        .map(|a| &a.account_state.value)
        .chain(d.cyclical_loan_account.iter().map(|a| &a.account_state.value))
        .chain(d.credit_account.iter().map(|a| &a.account_state.value))
        .chain(d.quasi_credit_account.iter().map(|a| &a.account_state.value));
    let bad = states.filter(|s| s.contains("呆账")).count() as u64;
    count_check(
        out,
        BAD_DEBT,
        &b.bad_debts_summary.account_num,
        &[bad],
        vec![format!("{base}.badDebtsSummary.accountNum"), format!("{DETAIL}")],
        "呆账 accounts",
    );
}

/// 逾期（透支）信息汇总 prints one row per account type, each type once, and its 循环贷 rows come
/// from one design: `循环贷账户` (2015 design) or `循环贷账户一` / `循环贷账户二` (later), never
/// both. A row read as another row's type (`循环贷账户一` losing its `一`) breaks that.
fn overdue_types(r: &CreditReport, out: &mut Vec<Check>) {
    let list = "infoSummary.creditTransBreachInfoSummary.overdueInfoCollection";
    let kinds: Vec<(usize, &str)> = r
        .info_summary
        .credit_trans_breach_info_summary
        .overdue_info_collection
        .iter()
        .enumerate()
        .map(|(i, row)| (i, row.kind.trim()))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    if kinds.len() < 2 {
        return;
    }
    let mut bad = BTreeSet::new();
    for (n, &(i, a)) in kinds.iter().enumerate() {
        for &(j, b) in &kinds[n + 1..] {
            if a == b {
                bad.extend([i, j]);
            }
        }
    }
    let rows_of = |set: &[&str]| {
        kinds
            .iter()
            .filter(|(_, k)| set.contains(k))
            .map(|&(i, _)| i)
            .collect::<Vec<_>>()
    };
    let (old, new) = (rows_of(&["循环贷账户"]), rows_of(&["循环贷账户一", "循环贷账户二"]));
    if !old.is_empty() && !new.is_empty() {
        bad.extend(old.into_iter().chain(new));
    }
    // Both designs print 非循环贷账户 first, then their R4 row, then their R1 row. Where the table
    // starts so, those two rows name their design even when one is misread by a character
    // (`循环贷账户一` read `循环贷账户~` is still the 本人版's R4 row), so a misread R4 row beside
    // an R1 row of the other design (`循环贷账户二` that lost its numeral) is caught too.
    let rows = &r.info_summary.credit_trans_breach_info_summary.overdue_info_collection;
    if let [first, r4, r1, ..] = rows.as_slice() {
        if first.kind.trim() == "非循环贷账户" {
            if let (Some(a), Some(b)) = (design_of(0, r4.kind.trim()), design_of(1, r1.kind.trim())) {
                if a != b {
                    bad.extend([1, 2]);
                }
            }
        }
    }
    let (ok, paths, message) = if bad.is_empty() {
        (
            true,
            vec![list.to_string()],
            format!("{} account types, each printed once", kinds.len()),
        )
    } else {
        (
            false,
            bad.iter().map(|i| format!("{list}[{i}].type")).collect(),
            format!(
                "{} row(s) repeat an account type or mix two designs' 循环贷 rows",
                bad.len()
            ),
        )
    };
    out.push(Check::new(OVERDUE_TYPES, ok, paths, message));
}

/// The R4 and R1 rows' names in each design of 逾期（透支）信息汇总 (report_layout.md: 本人版, and
/// the 授信机构版 / template names).
const DESIGNS: [[&str; 2]; 2] = [["循环贷账户一", "循环贷账户二"], ["循环额度下分账户", "循环贷账户"]];

/// The design (index into [`DESIGNS`]) that `kind`, printed in `slot` (0: the R4 row, 1: the R1
/// row), belongs to: the one whose name it is, else the only one whose name it is one
/// character from.
fn design_of(slot: usize, kind: &str) -> Option<usize> {
    let names = DESIGNS.map(|d| d[slot]);
    if let Some(i) = names.iter().position(|n| *n == kind) {
        return Some(i);
    }
    let mut near = (0..names.len()).filter(|&i| fuzzy::within(kind, names[i], 1).is_some());
    match (near.next(), near.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// A 逾期（透支）信息汇总 row prints `--` in all four columns (no account of its type was ever
/// overdue) or counts and an amount in all four, with at least one account and at least as
/// many months as accounts (each account counted was overdue in a month of its own). A row
/// with one `--` read as a number, or a number as `--` (a watermark stroke across `--` read
/// as `1`), breaks that; which of its values is the misread one the row does not tell, so
/// all four are named.
fn overdue_rows(r: &CreditReport, out: &mut Vec<Check>) {
    let list = "infoSummary.creditTransBreachInfoSummary.overdueInfoCollection";
    let rows = &r.info_summary.credit_trans_breach_info_summary.overdue_info_collection;
    let mut read = 0;
    let mut bad = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cells = [
            &row.account_num,
            &row.month_num,
            &row.max_amount_per_month,
            &row.max_overdue_month_num,
        ];
        if cells.iter().any(|c| c.trim().is_empty()) {
            continue; // a value not read is a miss, not a disagreement
        }
        read += 1;
        let dashes = cells.iter().filter(|c| c.trim() == "--").count();
        let ok = match dashes {
            4 => true,
            0 => match (values::count(&row.account_num), values::count(&row.month_num)) {
                (Some(a), Some(m)) => a >= 1 && m >= a,
                _ => true, // not counts at all: `value.format` names them
            },
            _ => false,
        };
        if !ok {
            bad.push(i);
        }
    }
    if read == 0 {
        return;
    }
    let (ok, paths, message) = if bad.is_empty() {
        (
            true,
            vec![list.to_string()],
            format!("{read} rows, each all counts or all `--`"),
        )
    } else {
        let fields = ["accountNum", "monthNum", "maxAmountPerMonth", "maxOverdueMonthNum"];
        (
            false,
            bad.iter()
                .flat_map(|i| fields.iter().map(move |f| format!("{list}[{i}].{f}")))
                .collect(),
            format!(
                "{} row(s) mix `--` with counts, or count fewer months than accounts",
                bad.len()
            ),
        )
    };
    out.push(Check::new(OVERDUE_ROWS, ok, paths, message));
}

fn public(r: &CreditReport, out: &mut Vec<Check>) {
    let p = &r.public_info_detail;
    for (i, row) in r.info_summary.public_info_summary.iter().enumerate() {
        let (list, n) = if row.kind.contains("欠税") {
            ("owingTaxRecord", p.owing_tax_record.len())
        } else if row.kind.contains("民事判决") {
            ("civilJudgmentRecord", p.civil_judgment_record.len())
        } else if row.kind.contains("强制执行") {
            ("forceExecuteRecord", p.force_execute_record.len())
        } else if row.kind.contains("行政处罚") {
            ("administrativePenaltyRecord", p.administrative_penalty_record.len())
        } else {
            continue;
        };
        count_check(
            out,
            PUBLIC,
            &row.record_num,
            &[n as u64],
            vec![
                format!("infoSummary.publicInfoSummary[{i}].recordNum"),
                format!("publicInfoDetail.{list}"),
            ],
            list,
        );
    }
}
