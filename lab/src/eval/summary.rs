//! Aggregation of per-document comparisons into the per-variant summary that `zhengxin-lab eval`
//! prints and writes as JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::compare::{Comparison, Counts, GridCounts};
use super::corpus::TEXT_VARIANT;
use super::evidence::{EvidenceAccumulator, EvidenceScore, Labelled};
use super::flatten::normalise;
use super::route::{split_key, DEFAULT_ROUTE};

/// How many wrong paths a variant lists.
pub const TOP_WRONG_PATHS: usize = 20;

/// The whole evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalSummary {
    /// The corpus directory.
    pub corpus: String,
    /// Whether examples carry field values (synthetic corpora only).
    pub show_values: bool,
    /// One entry per route and variant (`pdfium/text` first).
    pub variants: Vec<VariantSummary>,
    /// The `--min-f1` checks, in the order given.
    pub thresholds: Vec<ThresholdResult>,
}

/// Scores of one variant (`text` or a scan level) over all its documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VariantSummary {
    /// `ROUTE/VARIANT`: the rendering route and `text` or the scan level.
    pub variant: String,
    /// PDFs scored.
    pub documents: usize,
    /// PDFs whose parse returned an error (scored as all fields missed).
    pub failures: Vec<FailedDocument>,
    /// PDFs extracted with no wrong, missed or spurious field.
    pub exact: usize,
    /// `exact / documents`.
    pub exact_share: f64,
    /// Field scores over all sections.
    pub overall: Score,
    /// Field scores per top-level key of `result`.
    pub sections: BTreeMap<String, Score>,
    /// Repayment-grid cell accuracy.
    pub grid_cells: GridScore,
    /// Extracted leaves outside the sections their (partial, hand-made) truth transcribes: not
    /// scored, counted so that what was left out stays visible.
    #[serde(default)]
    pub unscored_fields: u64,
    /// Pages parsed.
    pub pages: u64,
    /// Wall time spent in the parse calls.
    pub parse_seconds: f64,
    /// `pages / parse_seconds`.
    pub pages_per_second: f64,
    /// The most frequent wrong paths (indices normalised to `[]`), most frequent first.
    pub top_wrong_paths: Vec<WrongPath>,
    /// Evidence figures (`eval --evidence` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceScore>,
}

/// A document whose parse failed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FailedDocument {
    /// NAME of the document.
    pub document: String,
    /// The error message.
    pub error: String,
}

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The raw counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// TP / (TP + FP)
    pub precision: f64,
    /// TP / (TP + FN)
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl From<Counts> for Score {
    fn from(counts: Counts) -> Self {
        Self {
            counts,
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
        }
    }
}

/// Grid-cell accuracy with its counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct GridScore {
    /// The raw counts.
    #[serde(flatten)]
    pub counts: GridCounts,
    /// correct / expected
    pub accuracy: f64,
}

/// One frequently wrong path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WrongPath {
    /// Path with indices normalised to `[]`.
    pub path: String,
    /// Wrong, missed or spurious occurrences.
    pub count: u64,
    /// The first occurrence.
    pub example: Example,
}

/// Where a wrong path occurred; values only when the corpus is synthetic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// NAME of the document.
    pub document: String,
    /// The full path there.
    pub path: String,
    /// Expected value (`--show-values` only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub expected: Option<String>,
    /// Extracted value (`--show-values` only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub got: Option<String>,
}

/// What a threshold is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Field F1 over every leaf (`--min-f1`).
    #[default]
    FieldF1,
    /// Repayment-grid cell accuracy (`--min-grid`).
    GridCells,
    /// Share of extracted leaves with an evidence entry (`--min-coverage`).
    Coverage,
    /// Share of checked boxes holding exactly their value (`--min-boxes`).
    BoxCorrectness,
    /// Share of wrong fields flagged for review (`--min-flag-recall`).
    FlagRecall,
    /// Share of fields flagged for review (`--max-flag-rate`).
    FlagRate,
    /// Expected calibration error over OCR fields (`--max-ece`).
    Ece,
}

/// Which side of its limit a threshold wants the figure on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// A floor: the figure must reach `min`.
    #[default]
    AtLeast,
    /// A ceiling: the figure must not exceed `min`.
    AtMost,
}

/// One `--min-f1` / `--min-grid VARIANT=VALUE` check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThresholdResult {
    /// The variant checked.
    pub variant: String,
    /// The measure checked.
    pub metric: Metric,
    /// The limit: a floor, or a ceiling when `bound` is `at_most`.
    pub min: f64,
    /// Which side of `min` passes.
    #[serde(default)]
    pub bound: Bound,
    /// Reached value; `None` when the corpus had no document of that variant, or the figure
    /// cannot be measured there (flag recall without wrong fields, ECE without OCR fields).
    pub reached: Option<f64>,
    /// Whether the requirement is met.
    pub passed: bool,
}

/// Running totals of one variant.
#[derive(Debug, Default)]
pub struct VariantAccumulator {
    documents: usize,
    failures: Vec<FailedDocument>,
    exact: usize,
    overall: Counts,
    sections: BTreeMap<String, Counts>,
    grid: GridCounts,
    unscored: u64,
    pages: u64,
    parse_seconds: f64,
    wrong: BTreeMap<String, WrongPath>,
    evidence: Option<EvidenceAccumulator>,
}

impl VariantAccumulator {
    /// Adds one document. `failure` is the parse error, if the parse failed (then `cmp` compares
    /// the truth with an empty report).
    pub fn add(
        &mut self,
        document: &str,
        cmp: &Comparison,
        pages: u64,
        parse_seconds: f64,
        failure: Option<String>,
        show_values: bool,
    ) {
        self.documents += 1;
        if let Some(error) = failure {
            self.failures.push(FailedDocument {
                document: document.to_string(),
                error,
            });
        } else if cmp.is_exact() {
            self.exact += 1;
        }
        self.overall.add(cmp.counts());
        for (section, counts) in cmp.counts_by_section() {
            self.sections.entry(section).or_default().add(counts);
        }
        self.grid.add(cmp.grid);
        self.unscored += cmp.unscored;
        self.pages += pages;
        self.parse_seconds += parse_seconds;
        for field in cmp.errors() {
            let path = normalise(&field.path);
            let entry = self.wrong.entry(path.clone()).or_insert_with(|| WrongPath {
                path,
                count: 0,
                example: Example {
                    document: document.to_string(),
                    path: field.path.clone(),
                    expected: show_values.then(|| field.expected.clone()),
                    got: show_values.then(|| field.got.clone()),
                },
            });
            entry.count += 1;
        }
    }

    /// Adds one document's evidence: its labelled fields and, on text-layer PDFs, its box
    /// counts (checked, exact).
    pub fn add_evidence(&mut self, labelled: &Labelled, boxes: Option<(u64, u64)>) {
        self.evidence.get_or_insert_with(Default::default).add(labelled, boxes);
    }

    /// The finished summary of this variant.
    pub fn finish(self, variant: &str) -> VariantSummary {
        let mut wrong: Vec<WrongPath> = self.wrong.into_values().collect();
        // Ties broken by path so the listing is stable between runs.
        wrong.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.path.cmp(&b.path)));
        wrong.truncate(TOP_WRONG_PATHS);
        VariantSummary {
            variant: variant.to_string(),
            documents: self.documents,
            failures: self.failures,
            exact: self.exact,
            exact_share: if self.documents == 0 {
                0.0
            } else {
                self.exact as f64 / self.documents as f64
            },
            overall: self.overall.into(),
            sections: self.sections.into_iter().map(|(k, c)| (k, c.into())).collect(),
            grid_cells: GridScore {
                counts: self.grid,
                accuracy: self.grid.accuracy(),
            },
            unscored_fields: self.unscored,
            pages: self.pages,
            parse_seconds: self.parse_seconds,
            pages_per_second: if self.parse_seconds > 0.0 {
                self.pages as f64 / self.parse_seconds
            } else {
                0.0
            },
            top_wrong_paths: wrong,
            evidence: self.evidence.map(EvidenceAccumulator::finish),
        }
    }
}

/// Orders rows for display: the pdfium route first, then the other routes by name; within a
/// route `text` first, then the scan levels by name. Bare variants are the pdfium route's.
pub fn variant_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(k: &str) -> (bool, &str, bool, &str) {
        let (route, variant) = split_key(k);
        (route != DEFAULT_ROUTE, route, variant != TEXT_VARIANT, variant)
    }
    key(a).cmp(&key(b))
}
