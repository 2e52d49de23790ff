//! Planted inconsistencies (`gen-corpus --plant RULE`): a report whose printed content
//! contradicts itself the way one consistency rule of `zhengxin::evidence::checks` checks, and
//! in no other way, so that the rule can be seen to fire on it and stay quiet elsewhere.
//!
//! A plant is a mutation of the composed report before it is laid out and drawn: it changes a
//! truth leaf and the cell that prints it together ([`print`]), so the truth is still what is
//! printed and the scorer still scores reading. Plants on accounts run before the summary is
//! computed from the detail (the summary then agrees with the changed account, and only the
//! account-level rule is broken); plants on the header, identity and summary run last. A report
//! that has nothing for a plant to change (no loan, no 呆账 account, a masked ID…) is not
//! planted; the caller draws another. The generator only knows the rules' ids, never their code.

mod accounts;
mod identity;
pub mod print;
mod summary;

use super::date::Date;
use super::model::Block;
use super::rng::SplitMix64;
use zhengxin::report::CreditReport;
use zhengxin::{Error, Result};

/// One kind of planted inconsistency, named by the id of the rule that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Plant {
    IdCheckDigit,
    BirthDate,
    ReportTimeFormat,
    SerialFormat,
    SerialReportTime,
    RecordNumbering,
    PublicNumbering,
    QueryNumbering,
    DueAfterReportTime,
    OpenAfterDeadline,
    ClosedWithBalance,
    GridMonthsOutside,
    GridCellCount,
    HintTotal,
    HintLoanCount,
    HintCardCount,
    DebtLoans,
    DebtCardCount,
    RecourseCount,
    BadDebtCount,
    OverdueTypes,
    OverdueRowValues,
    PublicRecordCount,
    QueryCounts,
    ValueFormat,
}

/// When a plant runs: before the summary is derived from the detail, or on the finished report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Detail,
    Final,
}

/// The composed report a plant edits: its truth, its printed blocks, and the report date.
pub struct Draft<'a> {
    pub truth: &'a mut CreditReport,
    pub blocks: &'a mut Vec<Block>,
    pub today: Date,
    pub rng: &'a mut SplitMix64,
}

type PlantFn = fn(&mut Draft<'_>) -> Option<()>;

impl Plant {
    /// Every kind, in the rules' order.
    pub const ALL: [Plant; 25] = [
        Plant::IdCheckDigit,
        Plant::BirthDate,
        Plant::ReportTimeFormat,
        Plant::SerialFormat,
        Plant::SerialReportTime,
        Plant::RecordNumbering,
        Plant::PublicNumbering,
        Plant::QueryNumbering,
        Plant::DueAfterReportTime,
        Plant::OpenAfterDeadline,
        Plant::ClosedWithBalance,
        Plant::GridMonthsOutside,
        Plant::GridCellCount,
        Plant::HintTotal,
        Plant::HintLoanCount,
        Plant::HintCardCount,
        Plant::DebtLoans,
        Plant::DebtCardCount,
        Plant::RecourseCount,
        Plant::BadDebtCount,
        Plant::OverdueTypes,
        Plant::OverdueRowValues,
        Plant::PublicRecordCount,
        Plant::QueryCounts,
        Plant::ValueFormat,
    ];

    /// The id of the rule this plant breaks (stable, EVIDENCE.md).
    pub fn rule(self) -> &'static str {
        self.spec().0
    }

    /// File-name mark: the rule id with `-` for `.` (`plant-summary-hint-total`).
    pub fn slug(self) -> String {
        format!("plant-{}", self.rule().replace('.', "-"))
    }

    pub fn stage(self) -> Stage {
        self.spec().1
    }

    fn spec(self) -> (&'static str, Stage, PlantFn) {
        use Stage::{Detail, Final};
        match self {
            Plant::IdCheckDigit => ("identity.idNum.checkDigit", Final, identity::check_digit),
            Plant::BirthDate => ("identity.birthDate", Final, identity::birth_date),
            Plant::ReportTimeFormat => ("header.reportTime.format", Final, identity::report_time_format),
            Plant::SerialFormat => ("header.serialNo.format", Final, identity::serial_format),
            Plant::SerialReportTime => ("integrity.serialNo.reportTime", Final, identity::serial_date),
            Plant::RecordNumbering => ("basicInfo.records.numbering", Final, identity::record_numbering),
            Plant::PublicNumbering => ("publicInfo.records.numbering", Final, identity::public_numbering),
            Plant::QueryNumbering => ("queryRecord.records.numbering", Final, identity::query_numbering),
            Plant::DueAfterReportTime => ("account.dueDate.notAfterReportTime", Detail, accounts::due_after_report),
            Plant::OpenAfterDeadline => (
                "account.startDate.notAfterDeadlineDate",
                Detail,
                accounts::open_after_deadline,
            ),
            Plant::ClosedWithBalance => ("account.closed.zeroBalance", Detail, accounts::closed_with_balance),
            Plant::GridMonthsOutside => (
                "account.refundRecord.monthsInRange",
                Detail,
                accounts::grid_months_outside,
            ),
            Plant::GridCellCount => ("account.refundRecord.cellCount", Detail, accounts::grid_year_twice),
            Plant::HintTotal => ("summary.hint.total", Final, summary::hint_total),
            Plant::HintLoanCount => ("summary.hint.loanCount", Final, summary::hint_loans),
            Plant::HintCardCount => ("summary.hint.cardCount", Final, summary::hint_cards),
            Plant::DebtLoans => ("summary.debt.loans", Final, summary::debt_loans),
            Plant::DebtCardCount => ("summary.debt.cards.accountCount", Final, summary::debt_cards),
            Plant::RecourseCount => ("summary.recourse.accountCount", Final, summary::recourse),
            Plant::BadDebtCount => ("summary.badDebt.accountCount", Final, summary::bad_debt),
            Plant::OverdueTypes => ("summary.overdue.accountTypes", Final, summary::overdue_types),
            Plant::OverdueRowValues => ("summary.overdue.rowValues", Final, summary::overdue_row_values),
            Plant::PublicRecordCount => ("summary.publicInfo.recordCount", Final, summary::public_records),
            Plant::QueryCounts => ("summary.query.counts", Final, summary::query_counts),
            Plant::ValueFormat => ("value.format", Final, identity::mobile_format),
        }
    }

    /// Plants into `draft` when this plant runs at `stage`; `Some(())` once it changed the
    /// report, `None` when the report has nothing this plant can change.
    pub fn apply(self, stage: Stage, draft: &mut Draft<'_>) -> Option<()> {
        let (_, at, f) = self.spec();
        (at == stage).then_some(())?;
        f(draft)
    }

    /// `all` or a comma/repeated list of rule ids → the plants, in the rules' order.
    pub fn parse_list(items: &[String]) -> Result<Vec<Plant>> {
        let mut out = Vec::new();
        for item in items
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if item.eq_ignore_ascii_case("all") {
                out.extend(Plant::ALL);
                continue;
            }
            let p = Plant::ALL.into_iter().find(|p| p.rule() == item).ok_or_else(|| {
                let known: Vec<&str> = Plant::ALL.iter().map(|p| p.rule()).collect();
                Error::invalid_input(format!(
                    "--plant {item}: not a rule id (one of: all, {})",
                    known.join(", ")
                ))
            })?;
            out.push(p);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// A plant under way in one compose: which kind, its own random stream (so the report's content
/// draws are the unplanted report's), and whether it has been planted.
pub struct Planter {
    pub plant: Plant,
    pub rng: SplitMix64,
    pub planted: bool,
}

impl Planter {
    pub fn new(plant: Plant, seed: u64, index: u64, attempt: u64) -> Self {
        // "PLANT": a stream apart from the report's own.
        let rng = SplitMix64::for_report(seed ^ 0x0050_4C41_4E54, index).fork(attempt + 1);
        Planter {
            plant,
            rng,
            planted: false,
        }
    }

    /// Runs the plant if it belongs to `stage` and has not been planted yet.
    pub fn at(&mut self, stage: Stage, truth: &mut CreditReport, blocks: &mut Vec<Block>, today: Date) {
        if self.planted {
            return;
        }
        let mut draft = Draft {
            truth,
            blocks,
            today,
            rng: &mut self.rng,
        };
        self.planted = self.plant.apply(stage, &mut draft).is_some();
    }
}

/// A `YYYY.MM.DD` or `YYYY年MM月DD日` date as printed.
pub(crate) fn read_date(s: &str) -> Option<Date> {
    let g: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| g.parse().ok())
        .collect::<Option<_>>()?;
    match g[..] {
        [y, m, d] if (1..=12).contains(&m) && (1..=31).contains(&d) => Some(Date::new(y as i32, m, d)),
        _ => None,
    }
}

/// A `YYYY.MM` month as printed.
pub(crate) fn read_month(s: &str) -> Option<super::date::Month> {
    let g: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| g.parse().ok())
        .collect::<Option<_>>()?;
    match g[..] {
        [y, m] if (1..=12).contains(&m) => Some(super::date::Month { y: y as i32, m }),
        _ => None,
    }
}
