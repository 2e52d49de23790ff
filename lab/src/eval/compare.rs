//! The comparison core: expected vs extracted report → per-path outcomes. Pure; needs no
//! pipeline, so tests and other tools can score reports directly.

use std::collections::BTreeMap;

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

/// The result of comparing one extracted report with its truth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Every path that is non-empty on at least one side, in path order.
    pub fields: Vec<FieldResult>,
    /// Grid-cell accuracy counts.
    pub grid: GridCounts,
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

/// Compares `got` against the truth `expected`.
pub fn compare(expected: &CreditReport, got: &CreditReport) -> Result<Comparison> {
    let want = flatten(expected)?;
    let have = flatten(got)?;

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
    Ok(Comparison { fields, grid })
}
