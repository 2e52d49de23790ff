//! Accuracy scorer: runs the pipeline over a corpus with ground truth and reports field
//! precision/recall/F1 (overall and per top-level section of `result`), the share of reports
//! extracted exactly, repayment-grid cell accuracy, throughput and the most frequent wrong paths,
//! per route and variant (`pdfium/text`, `chromium/clean`: the route from `NAME.meta.json`, the
//! variant `text` or the scan level).
//!
//! Field scoring flattens both reports to `path → value` over non-empty string leaves (see
//! [`flatten`]); a leaf is a true positive when the extracted report has the same path with an
//! equal value, and a wrong value counts as both a false positive and a false negative. A failed
//! parse scores as an empty report: every expected field missed.
//!
//! A truth that the generator wrote is complete and is scored whole. A truth written by hand for
//! a document the generator did not draw (route `source`, `gen-corpus --source … --truth …`) may
//! transcribe only some sections of it: it is scored on the sections it transcribes (top-level
//! keys with a non-empty leaf, [`Scope::transcribed`]), and what the parser extracts elsewhere is
//! counted as unscored, not as false positives.
//!
//! Values of fields are printed only with `--show-values`, meant for synthetic corpora: real
//! reports hold personal data that must not reach logs or terminals.

mod compare;
mod corpus;
mod flatten;
mod render;
mod route;
mod summary;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin::report::CreditReport;
use zhengxin::{Error, Result};

pub use compare::{compare, compare_within, Comparison, Counts, FieldResult, GridCounts, Outcome, Scope};
pub use corpus::{load_truth, Corpus, Document, TEXT_VARIANT};
pub use flatten::{flatten, normalise, section, Flat, GridCell};
pub use render::render_text;
pub use route::{route_of, row_key, DEFAULT_ROUTE};
pub use summary::{
    EvalSummary, Example, FailedDocument, GridScore, Metric, Score, ThresholdResult, VariantAccumulator,
    VariantSummary, WrongPath,
};

/// `zhengxin-lab eval DIR`: score the pipeline against a corpus with ground truth.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Corpus directory: NAME.truth.json with NAME.pdf and/or NAME.scan-LEVEL.pdf.
    pub dir: PathBuf,
    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// Fail unless VARIANT reaches this field F1, e.g. `--min-f1 chromium/clean=0.95`; a bare
    /// variant (`text=0.95`) is the pdfium route's. Repeatable.
    #[arg(long = "min-f1", value_name = "VARIANT=VALUE", value_parser = parse_threshold)]
    pub min_f1: Vec<(String, f64)>,
    /// Fail unless VARIANT's repayment-grid cell accuracy reaches this, e.g.
    /// `--min-grid pdfium/clean=0.995` (bare variant: pdfium route). Repeatable.
    #[arg(long = "min-grid", value_name = "VARIANT=VALUE", value_parser = parse_threshold)]
    pub min_grid: Vec<(String, f64)>,
    /// Score only these variants: `text` or a scan level (on every route), or `ROUTE/VARIANT`.
    /// Repeatable; default all.
    #[arg(long = "variant", value_name = "VARIANT")]
    pub variants: Vec<String>,
    /// Print expected/extracted values of wrong fields. Synthetic corpora only: real reports
    /// hold personal data.
    #[arg(long)]
    pub show_values: bool,
}

/// Parses `VARIANT=VALUE` with VALUE in [0, 1].
fn parse_threshold(s: &str) -> std::result::Result<(String, f64), String> {
    let (variant, value) = s
        .split_once('=')
        .ok_or_else(|| format!("expected VARIANT=VALUE, got {s:?}"))?;
    let value: f64 = value.trim().parse().map_err(|e| format!("bad value in {s:?}: {e}"))?;
    if variant.trim().is_empty() || !(0.0..=1.0).contains(&value) {
        return Err(format!("expected VARIANT=VALUE with VALUE in [0, 1], got {s:?}"));
    }
    Ok((variant.trim().to_string(), value))
}

/// Scores every document of `args.dir`, prints the report, writes the JSON summary if asked,
/// and fails if a `--min-f1` threshold is not met (after writing the summary).
pub fn run(args: &EvalArgs, pipeline: &Pipeline) -> Result<EvalSummary> {
    let corpus = Corpus::scan(&args.dir)?;
    for path in &corpus.pdfs_without_truth {
        tracing::warn!(pdf = %path.display(), "no truth file; not scored");
    }
    for path in &corpus.truths_without_pdf {
        tracing::warn!(truth = %path.display(), "no PDF for this truth file");
    }
    let documents: Vec<(&Document, String)> = corpus
        .documents
        .iter()
        .map(|d| (d, route_of(&d.truth)))
        .filter(|(d, r)| args.variants.is_empty() || args.variants.iter().any(|f| route::selects(f, r, &d.variant)))
        .collect();
    if documents.is_empty() {
        return Err(Error::invalid_input(format!(
            "{}: no PDF with a matching NAME.truth.json to score (variants filter: {:?})",
            args.dir.display(),
            args.variants
        )));
    }

    let mut accumulators: BTreeMap<String, VariantAccumulator> = BTreeMap::new();
    let mut truths = TruthCache::default();
    for (doc, route) in documents {
        let scored = score_document(pipeline, doc, truths.get(doc, &route)?)?;
        accumulators.entry(row_key(&route, &doc.variant)).or_default().add(
            &doc.name,
            &scored.comparison,
            scored.pages,
            scored.seconds,
            scored.failure,
            args.show_values,
        );
    }

    let mut accumulators: Vec<(String, VariantAccumulator)> = accumulators.into_iter().collect();
    accumulators.sort_by(|a, b| summary::variant_order(&a.0, &b.0));
    let variants: Vec<VariantSummary> = accumulators.into_iter().map(|(v, acc)| acc.finish(&v)).collect();
    let mut thresholds = check_thresholds(&args.min_f1, Metric::FieldF1, &variants);
    thresholds.extend(check_thresholds(&args.min_grid, Metric::GridCells, &variants));
    let summary = EvalSummary {
        corpus: args.dir.display().to_string(),
        show_values: args.show_values,
        variants,
        thresholds,
    };

    print!("{}", render_text(&summary));
    if let Some(out) = &args.json {
        let json = serde_json::to_string_pretty(&summary)
            .map_err(|e| Error::internal(format!("serialising the eval summary: {e}")))?;
        std::fs::write(out, json)?;
    }
    let failed: Vec<String> = summary
        .thresholds
        .iter()
        .filter(|t| !t.passed)
        .map(|t| match t.reached {
            Some(v) => format!("{} {} {v:.4} < {:.4}", t.variant, metric_name(t.metric), t.min),
            None => format!("{}: no documents of this variant", t.variant),
        })
        .collect();
    if !failed.is_empty() {
        return Err(Error::invalid_input(format!(
            "accuracy threshold not met: {}",
            failed.join("; ")
        )));
    }
    Ok(summary)
}

/// The truth of the document being scored, with the part of the report it covers. Documents
/// come sorted by name, so each truth file is read once for all its variants without holding the
/// whole corpus in memory.
#[derive(Default)]
struct TruthCache {
    name: Option<String>,
    truth: Truth,
}

/// A loaded truth and its scope.
#[derive(Default)]
struct Truth {
    report: CreditReport,
    scope: Scope,
}

impl TruthCache {
    fn get(&mut self, doc: &Document, route: &str) -> Result<&Truth> {
        if self.name.as_deref() != Some(doc.name.as_str()) {
            let report = load_truth(&doc.truth)?;
            self.truth = Truth {
                scope: scope_of(&report, route)?,
                report,
            };
            self.name = Some(doc.name.clone());
        }
        Ok(&self.truth)
    }
}

/// Hand truths of outside documents (route `source`) cover the sections they transcribe; the
/// generator's truths cover the whole report.
fn scope_of(truth: &CreditReport, route: &str) -> Result<Scope> {
    if route == crate::synth::SOURCE_ROUTE {
        Scope::transcribed(truth)
    } else {
        Ok(Scope::Whole)
    }
}

/// One parsed and compared document.
struct Scored {
    comparison: Comparison,
    pages: u64,
    seconds: f64,
    failure: Option<String>,
}

fn score_document(pipeline: &Pipeline, doc: &Document, truth: &Truth) -> Result<Scored> {
    let bytes = std::fs::read(&doc.pdf)?;
    let start = Instant::now();
    let parsed = pipeline.parse(
        &bytes,
        ParseOptions {
            classify: true,
            ..ParseOptions::default()
        },
    );
    let seconds = start.elapsed().as_secs_f64();
    match parsed {
        Ok(outcome) => Ok(Scored {
            comparison: compare_within(&truth.report, &outcome.report, &truth.scope)?,
            pages: outcome.summary.page_count as u64,
            seconds,
            failure: None,
        }),
        // A missing model or library is a broken set-up, not an extraction failure: stop.
        Err(e) if matches!(e.kind(), zhengxin::error::ErrorKind::Artefact { .. }) => Err(e),
        Err(e) => {
            tracing::info!(document = %doc.name, variant = %doc.variant, error = %e, "parse failed");
            Ok(Scored {
                comparison: compare_within(&truth.report, &CreditReport::default(), &truth.scope)?,
                pages: page_count(pipeline, &bytes),
                seconds,
                failure: Some(e.to_string()),
            })
        }
    }
}

/// Page count of a PDF the pipeline could not parse (for the throughput figures); 0 if pdfium
/// cannot open it either.
fn page_count(pipeline: &Pipeline, bytes: &[u8]) -> u64 {
    pipeline
        .engine()
        .open(bytes)
        .map_or(0, |doc| u64::try_from(doc.pages().len()).unwrap_or(0))
}

fn check_thresholds(mins: &[(String, f64)], metric: Metric, variants: &[VariantSummary]) -> Vec<ThresholdResult> {
    mins.iter()
        .map(|(variant, min)| {
            let reached = variants
                .iter()
                .find(|v| route::names_row(variant, &v.variant))
                .map(|v| match metric {
                    Metric::FieldF1 => v.overall.f1,
                    Metric::GridCells => v.grid_cells.accuracy,
                });
            ThresholdResult {
                variant: variant.clone(),
                metric,
                min: *min,
                reached,
                passed: reached.is_some_and(|f| f >= *min),
            }
        })
        .collect()
}

/// How a metric is named in messages.
pub fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::FieldF1 => "F1",
        Metric::GridCells => "grid cells",
    }
}
