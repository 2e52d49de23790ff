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
pub mod evidence;
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
pub use evidence::{EvidenceScore, Labelled, LabelledField, Reliability};
pub use flatten::{flatten, normalise, section, Flat, GridCell};
pub use render::render_text;
pub use route::{route_of, row_key, selects, DEFAULT_ROUTE};
pub use summary::{
    Bound, EvalSummary, Example, FailedDocument, GridScore, Metric, Score, ThresholdResult, VariantAccumulator,
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
    /// Print expected/extracted values of wrong fields (with `--evidence`, also every wrong
    /// field `review` leaves out and every right one it names, with their confidence signals,
    /// on stderr). Synthetic corpora
    /// only: real reports hold personal data.
    #[arg(long)]
    pub show_values: bool,
    /// Parse with evidence (`evidence=1`) and score it too: coverage, box correctness on text
    /// PDFs, flag recall, flag rate and ECE per variant. The field scores are unchanged
    /// (`result` is the same with evidence); parse times include the evidence.
    #[arg(long)]
    pub evidence: bool,
    /// With --evidence: fail unless VARIANT's evidence coverage reaches VALUE. Repeatable.
    #[arg(long = "min-coverage", value_name = "VARIANT=VALUE", value_parser = parse_threshold, requires = "evidence")]
    pub min_coverage: Vec<(String, f64)>,
    /// With --evidence: fail unless VARIANT's share of boxes holding exactly their value (text
    /// PDFs) reaches VALUE. Repeatable.
    #[arg(long = "min-boxes", value_name = "VARIANT=VALUE", value_parser = parse_threshold, requires = "evidence")]
    pub min_boxes: Vec<(String, f64)>,
    /// With --evidence: fail unless VARIANT's flag recall reaches VALUE. Repeatable.
    #[arg(long = "min-flag-recall", value_name = "VARIANT=VALUE", value_parser = parse_threshold, requires = "evidence")]
    pub min_flag_recall: Vec<(String, f64)>,
    /// With --evidence: fail if VARIANT's flag rate exceeds VALUE. Repeatable.
    #[arg(long = "max-flag-rate", value_name = "VARIANT=VALUE", value_parser = parse_threshold, requires = "evidence")]
    pub max_flag_rate: Vec<(String, f64)>,
    /// With --evidence: fail if VARIANT's ECE over OCR fields exceeds VALUE. Repeatable.
    #[arg(long = "max-ece", value_name = "VARIANT=VALUE", value_parser = parse_threshold, requires = "evidence")]
    pub max_ece: Vec<(String, f64)>,
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
        let scored = score_document(pipeline, doc, truths.get(doc, &route)?, args.evidence)?;
        let acc = accumulators.entry(row_key(&route, &doc.variant)).or_default();
        if args.evidence {
            acc.add_evidence(&scored.labelled, scored.boxes);
            if args.show_values {
                // What flag recall misses and what the flag rate spends, one line each, to find
                // what a check could catch or a signal could spare.
                for f in scored.labelled.fields.iter().filter(|f| f.right == f.flagged) {
                    eprintln!(
                        "{}: {} {} {} confidence {:.3} within {} {:?}",
                        if f.right {
                            "flagged right field"
                        } else {
                            "unflagged wrong field"
                        },
                        row_key(&route, &doc.variant),
                        doc.name,
                        f.path,
                        f.confidence,
                        f.flagged_within,
                        f.signals
                    );
                }
            }
        }
        acc.add(
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
    let limits = [
        (&args.min_f1, Metric::FieldF1, Bound::AtLeast),
        (&args.min_grid, Metric::GridCells, Bound::AtLeast),
        (&args.min_coverage, Metric::Coverage, Bound::AtLeast),
        (&args.min_boxes, Metric::BoxCorrectness, Bound::AtLeast),
        (&args.min_flag_recall, Metric::FlagRecall, Bound::AtLeast),
        (&args.max_flag_rate, Metric::FlagRate, Bound::AtMost),
        (&args.max_ece, Metric::Ece, Bound::AtMost),
    ];
    let thresholds: Vec<ThresholdResult> = limits
        .into_iter()
        .flat_map(|(limits, metric, bound)| check_thresholds(limits, metric, bound, &variants))
        .collect();
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
            Some(v) => format!(
                "{} {} {v:.4} {} {:.4}",
                t.variant,
                metric_name(t.metric),
                if t.bound == Bound::AtMost { ">" } else { "<" },
                t.min
            ),
            None => format!(
                "{} {}: not measured (no documents, or nothing to measure it on)",
                t.variant,
                metric_name(t.metric)
            ),
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
pub fn scope_of(truth: &CreditReport, route: &str) -> Result<Scope> {
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
    /// Its fields labelled with their evidence (empty without evidence).
    labelled: Labelled,
    /// Boxes checked against the text layer and how many hold exactly the value (text PDFs).
    boxes: Option<(u64, u64)>,
}

fn score_document(pipeline: &Pipeline, doc: &Document, truth: &Truth, with_evidence: bool) -> Result<Scored> {
    let bytes = std::fs::read(&doc.pdf)?;
    let start = Instant::now();
    let parsed = pipeline.parse(
        &bytes,
        ParseOptions {
            classify: true,
            evidence: with_evidence,
            page_images: false,
        },
    );
    let seconds = start.elapsed().as_secs_f64();
    match parsed {
        Ok(outcome) => {
            let (labelled, boxes) = match &outcome.evidence {
                Some(ev) => (
                    evidence::label(&truth.report, &outcome.report, ev, &truth.scope)?,
                    (doc.variant == TEXT_VARIANT)
                        .then(|| text_layer_chars(pipeline, &bytes))
                        .flatten()
                        .map(|pages| evidence::boxes_exact(&outcome.report, ev, &pages)),
                ),
                None => (Labelled::default(), None),
            };
            Ok(Scored {
                comparison: compare_within(&truth.report, &outcome.report, &truth.scope)?,
                pages: outcome.summary.page_count as u64,
                seconds,
                failure: None,
                labelled,
                boxes,
            })
        }
        // A missing model or library, or a required device that fails, is a broken set-up,
        // not an extraction failure: stop.
        Err(e)
            if matches!(
                e.kind(),
                zhengxin::error::ErrorKind::Artefact { .. } | zhengxin::error::ErrorKind::Device { .. }
            ) =>
        {
            Err(e)
        }
        Err(e) => {
            tracing::info!(document = %doc.name, variant = %doc.variant, error = %e, "parse failed");
            Ok(Scored {
                comparison: compare_within(&truth.report, &CreditReport::default(), &truth.scope)?,
                pages: page_count(pipeline, &bytes),
                seconds,
                failure: Some(e.to_string()),
                labelled: Labelled::default(),
                boxes: None,
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

/// The characters of each page of a text-layer PDF (white space left out), as the text-layer
/// stage extracts them; `None` when the file cannot be read that way.
fn text_layer_chars(pipeline: &Pipeline, bytes: &[u8]) -> Option<Vec<evidence::PageChars>> {
    let pdf = pipeline.engine().open(bytes).ok()?;
    pdf.pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let content = zhengxin::pdf::content::extract_page(&page, i).ok()?;
            Some(
                content
                    .spans
                    .iter()
                    .flat_map(|s| s.text.chars().zip(s.char_rects.iter()))
                    .filter(|(ch, _)| !ch.is_whitespace())
                    .map(|(ch, r)| {
                        let (x, y) = r.center();
                        (ch, x, y)
                    })
                    .collect(),
            )
        })
        .collect()
}

fn check_thresholds(
    limits: &[(String, f64)],
    metric: Metric,
    bound: Bound,
    variants: &[VariantSummary],
) -> Vec<ThresholdResult> {
    limits
        .iter()
        .map(|(variant, limit)| {
            let row = variants.iter().find(|v| route::names_row(variant, &v.variant));
            let reached = row.and_then(|v| figure(v, metric));
            ThresholdResult {
                variant: variant.clone(),
                metric,
                min: *limit,
                bound,
                reached,
                passed: match reached {
                    Some(f) => match bound {
                        Bound::AtLeast => f >= *limit,
                        Bound::AtMost => f <= *limit,
                    },
                    None => metric == Metric::FlagRecall && row.is_some_and(nothing_to_flag),
                },
            }
        })
        .collect()
}

/// Whether a variant was parsed with evidence and every scored field came out right: flag
/// recall has nothing to be measured on, and a floor on it is met (no wrong field went
/// unflagged), not failed as if the variant had not been measured.
fn nothing_to_flag(v: &VariantSummary) -> bool {
    v.documents > 0 && v.evidence.as_ref().is_some_and(|e| e.fields > 0 && e.wrong == 0)
}

/// The figure `metric` names in a variant's summary, when it was measured.
fn figure(v: &VariantSummary, metric: Metric) -> Option<f64> {
    let ev = v.evidence.as_ref();
    match metric {
        Metric::FieldF1 => Some(v.overall.f1),
        Metric::GridCells => Some(v.grid_cells.accuracy),
        Metric::Coverage => ev.map(|e| e.coverage),
        Metric::BoxCorrectness => ev.and_then(|e| e.box_correctness),
        Metric::FlagRecall => ev.and_then(|e| e.flag_recall),
        Metric::FlagRate => ev.map(|e| e.flag_rate),
        Metric::Ece => ev.and_then(|e| e.ece),
    }
}

/// How a metric is named in messages.
pub fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::FieldF1 => "F1",
        Metric::GridCells => "grid cells",
        Metric::Coverage => "evidence coverage",
        Metric::BoxCorrectness => "exact boxes",
        Metric::FlagRecall => "flag recall",
        Metric::FlagRate => "flag rate",
        Metric::Ece => "ECE",
    }
}
