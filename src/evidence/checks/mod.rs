//! Consistency rules: the report checked against itself (EVIDENCE.md, "Consistency rules").
//!
//! Each rule has a stable dotted id and yields one [`Check`] per thing it compared — passed or
//! failed — with the `result` paths involved and a message that names counts and dates but
//! never a person's data. A rule only speaks when it could read both sides: an empty or
//! unreadable value is a miss for the parsers to own, not an inconsistency of the report.
//! Where the report's own definition leaves room (a "last month" window, whether 呆账 accounts
//! count as open), a rule accepts every reading the real report allows, so that it fires on a
//! report that contradicts itself and never on one that is merely read another way.

mod accounts;
pub mod formats;
mod header;
mod identity;
mod numbering;
mod queries;
mod summary;
pub mod values;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::attribute::{self, Leaf};
use crate::report::CreditReport;

/// One application of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Stable dotted id, e.g. `summary.hint.total`.
    pub rule: String,
    /// Whether the report agrees with itself here.
    pub ok: bool,
    /// The `result` paths compared (EVIDENCE.md path syntax).
    pub paths: Vec<String>,
    /// What was compared, without personal data.
    pub message: String,
}

impl Check {
    fn new(rule: &str, ok: bool, paths: Vec<String>, message: String) -> Self {
        Self {
            rule: rule.to_string(),
            ok,
            paths,
            message,
        }
    }
}

/// Every rule on one report, in a stable order (by rule family, then by path).
pub fn run(report: &CreditReport) -> Vec<Check> {
    run_on(report, &attribute::leaves(report))
}

/// [`run`] on a report whose leaves ([`attribute::leaves`]) the caller has read already (an
/// evidence parse reads them once for the checks and the fields).
pub fn run_on(report: &CreditReport, leaves: &[Leaf]) -> Vec<Check> {
    let mut out = Vec::new();
    identity::run(report, &mut out);
    header::run(report, &mut out);
    numbering::run(report, &mut out);
    accounts::run(report, &mut out);
    summary::run(report, &mut out);
    queries::run(report, &mut out);
    formats::run(leaves, &mut out);
    out
}

/// Rules that pass only when a value equals another one read independently of it, so that a
/// misread of either would almost always make them fail: a passed one corroborates the values
/// it names (a confidence signal). Rules of order (a date not after another), of form
/// (`value.format`) and of numbering say nothing of a value's characters and are not here.
const CORROBORATING: [&str; 11] = [
    "identity.idNum.checkDigit",
    "identity.birthDate",
    "integrity.serialNo.reportTime",
    "summary.hint.total",
    "summary.hint.cardCount",
    "summary.hint.loanCount",
    "summary.badDebt.accountCount",
    "summary.debt.cards.accountCount",
    "summary.debt.loans",
    "summary.recourse.accountCount",
    "summary.publicInfo.recordCount",
];

/// Every path a failed check names.
pub fn failed_paths(checks: &[Check]) -> HashSet<&str> {
    checks
        .iter()
        .filter(|c| !c.ok)
        .flat_map(|c| c.paths.iter().map(String::as_str))
        .collect()
}

/// The leaves that a value read apart from them agrees with: those a passed [`CORROBORATING`]
/// check names, the titles of the repayment grids whose cells begin and end on the title's
/// months, and the grid months whose state of no arrears sits over an amount of `0`; none of
/// `failed` ([`failed_paths`] of `checks`). A confidence signal, not a check.
pub fn corroborated(report: &CreditReport, checks: &[Check], failed: &HashSet<&str>) -> HashSet<String> {
    checks
        .iter()
        .filter(|c| c.ok && CORROBORATING.contains(&c.rule.as_str()))
        .flat_map(|c| c.paths.iter().cloned())
        .chain(accounts::ranges_met_by_cells(report))
        .chain(accounts::quiet_months(report))
        .filter(|p| !failed.contains(p.as_str()))
        .collect()
}

/// The failed checks only.
pub fn failures(report: &CreditReport) -> Vec<Check> {
    run(report).into_iter().filter(|c| !c.ok).collect()
}

#[cfg(test)]
mod tests;
