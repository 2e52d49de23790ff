//! The comparison core: expected vs extracted report → per-path outcomes. Pure; needs no
//! pipeline, so tests and other tools can score reports directly.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::flatten::{flatten, section};
use zhengxin::report::CreditReport;
use zhengxin::Result;

/// What happened to one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Present in both with the same value: a true positive.
    Match,
    /// Present in both with different values: a false positive and a false negative.
    Wrong,
    /// Expected but not extracted (or extracted empty): a false negative.
    Missed,
    /// Extracted but not expected: a false positive.
    Spurious,
}

/// One compared path. Values are the raw strings; `""` where a side lacks the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldResult {
    /// Path of the leaf (see `flatten`).
    pub path: String,
    /// How the two sides compare.
    pub outcome: Outcome,
    /// Expected value.
    pub expected: String,
    /// Extracted value.
    pub got: String,
}

/// True/false positive and false negative counts over non-empty leaves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Same path, equal value.
    pub tp: u64,
    /// Extracted leaves that are absent from the truth or hold another value.
    pub fp: u64,
    /// Expected leaves that were not extracted with their value.
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Counts {
    /// Counts one outcome.
    pub fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Match => self.tp += 1,
            Outcome::Wrong => {
                self.fp += 1;
                self.fn_ += 1;
            }
            Outcome::Missed => self.fn_ += 1,
            Outcome::Spurious => self.fp += 1,
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// TP / (TP + FP). With nothing extracted it is 1 only if nothing was expected either, so a
    /// failed parse scores 0 rather than a vacuous 1.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, self.fn_ == 0)
    }

    /// TP / (TP + FN). With nothing expected it is 1 only if nothing was extracted either.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, self.fp == 0)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(num: u64, den: u64, empty_is_perfect: bool) -> f64 {
    if den == 0 {
        if empty_is_perfect {
            1.0
        } else {
            0.0
        }
    } else {
        num as f64 / den as f64
    }
}

/// Repayment-grid cells: how many expected cells were extracted with both state and amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCounts {
    /// Cells in the truth.
    pub expected: u64,
    /// Of those, cells extracted at the same year/month with equal state and amount.
    pub correct: u64,
}

impl GridCounts {
    /// Adds another set of counts.
    pub fn add(&mut self, other: GridCounts) {
        self.expected += other.expected;
        self.correct += other.correct;
    }

    /// correct / expected; 1 when there were no cells to read.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.expected, true)
    }
}

/// Which part of a report its truth speaks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// The whole report: the truth is complete (generated reports), so a section it leaves empty
    /// was printed empty and anything extracted there is spurious.
    #[default]
    Whole,
    /// Only these top-level keys of `result`: a transcription of part of its document. What the
    /// parser extracts elsewhere is neither right nor wrong as far as this truth can tell.
    Sections(BTreeSet<String>),
}

impl Scope {
    /// The sections `truth` transcribes: the top-level keys of `result` holding at least one
    /// non-empty leaf. For a partial transcription that is its scope by construction: a section
    /// left out is left at its defaults.
    pub fn transcribed(truth: &CreditReport) -> Result<Self> {
        let flat = flatten(truth)?;
        Ok(Scope::Sections(
            flat.leaves.keys().map(|p| section(p).to_string()).collect(),
        ))
    }

    /// Whether the leaf at `path` is scored.
    pub fn covers(&self, path: &str) -> bool {
        match self {
            Scope::Whole => true,
            Scope::Sections(keys) => keys.contains(section(path)),
        }
    }
}

/// The result of comparing one extracted report with its truth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Every path inside the scope that is non-empty on at least one side, in path order.
    pub fields: Vec<FieldResult>,
    /// Grid-cell accuracy counts.
    pub grid: GridCounts,
    /// Extracted leaves outside the scope, not scored (always 0 for [`Scope::Whole`]).
    pub unscored: u64,
}

impl Comparison {
    /// Totals over all fields.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        self.fields.iter().for_each(|f| c.record(f.outcome));
        c
    }

    /// Totals per top-level key of `result`.
    pub fn counts_by_section(&self) -> BTreeMap<String, Counts> {
        let mut by: BTreeMap<String, Counts> = BTreeMap::new();
        for f in &self.fields {
            by.entry(section(&f.path).to_string()).or_default().record(f.outcome);
        }
        by
    }

    /// No wrong, missed or spurious field.
    pub fn is_exact(&self) -> bool {
        self.fields.iter().all(|f| f.outcome == Outcome::Match)
    }

    /// The fields that are not a match.
    pub fn errors(&self) -> impl Iterator<Item = &FieldResult> {
        self.fields.iter().filter(|f| f.outcome != Outcome::Match)
    }
}

/// Compares `got` against the truth `expected`, which covers the whole report.
pub fn compare(expected: &CreditReport, got: &CreditReport) -> Result<Comparison> {
    compare_within(expected, got, &Scope::Whole)
}

/// Compares `got` against the truth `expected` on the leaves `scope` covers; extracted leaves
/// outside it are only counted ([`Comparison::unscored`]).
pub fn compare_within(expected: &CreditReport, got: &CreditReport, scope: &Scope) -> Result<Comparison> {
    let mut want = flatten(expected)?;
    let mut have = flatten(got)?;
    let unscored = have.leaves.keys().filter(|p| !scope.covers(p)).count() as u64;
    for flat in [&mut want, &mut have] {
        flat.leaves.retain(|p, _| scope.covers(p));
        flat.cells.retain(|p, _| scope.covers(p));
    }

    let mut fields = Vec::with_capacity(want.leaves.len().max(have.leaves.len()));
    for (path, exp) in &want.leaves {
        let (outcome, got) = match have.leaves.get(path) {
            Some(g) if g == exp => (Outcome::Match, g.clone()),
            Some(g) => (Outcome::Wrong, g.clone()),
            None => (Outcome::Missed, String::new()),
        };
        fields.push(FieldResult {
            path: path.clone(),
            outcome,
            expected: exp.clone(),
            got,
        });
    }
    for (path, g) in &have.leaves {
        if !want.leaves.contains_key(path) {
            fields.push(FieldResult {
                path: path.clone(),
                outcome: Outcome::Spurious,
                expected: String::new(),
                got: g.clone(),
            });
        }
    }
    fields.sort_by(|a, b| a.path.cmp(&b.path));

    let correct = want
        .cells
        .iter()
        .filter(|(path, cell)| have.cells.get(*path) == Some(*cell))
        .count();
    let grid = GridCounts {
        expected: want.cells.len() as u64,
        correct: correct as u64,
    };
    Ok(Comparison { fields, grid, unscored })
}
