//! `zhengxin-lab calibrate DIR --out FILE`: fits the OCR confidence model of the evidence
//! (`src/evidence/calibration.json`) on a corpus with ground truth.
//!
//! Every document of DIR is parsed with evidence; each field read from pixels is labelled right
//! or wrong against the truth (the scorer's labelling, [`crate::eval::evidence::label`]) and
//! described by the model's inputs ([`zhengxin::evidence::Calibration::features`]). A logistic
//! regression ([`fit`], centred on the hand-set [`PRIOR`]) over those gives the new weights,
//! written with the rest of the committed parameters to FILE. The reliability of the confidence
//! (10-bin ECE) and the flag recall and rate at the review threshold are printed before
//! (committed weights) and after (fitted weights), per route and level, on the fitting corpus
//! itself: the held-out check is `zhengxin-lab eval --evidence` on another corpus once the file
//! is compiled in.
//!
//! Fit on a corpus of its own seed, never on the one the floors of `make eval-ci` are measured
//! on, or those floors stop measuring anything.

pub mod fit;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

use zhengxin::evidence::{Calibration, FEATURES, FEATURE_COUNT};
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin::{Error, Result};

use crate::eval::evidence::{label, LabelledField, Reliability};
use crate::eval::{load_truth, route_of, row_key, scope_of, selects, Corpus};
use fit::Features;

/// Where the fit's prior centres each weight (order of [`FEATURES`]): the hand-set weights the
/// model started from. Fixed here rather than read from the committed file, so the same corpus
/// always fits the same weights, however often the file was refitted before.
pub const PRIOR: Features = [2.0, 0.6, 0.4, -1.5, -2.5, -3.0, -2.0, 1.0];

/// `zhengxin-lab calibrate DIR --out FILE`.
#[derive(Debug, Clone, clap::Args)]
pub struct CalibrateArgs {
    /// Corpus directory with ground truth (as for `eval`), of a seed of its own.
    pub dir: PathBuf,
    /// Where to write the fitted calibration (the committed one: src/evidence/calibration.json).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Fit only on these variants: a scan level (every route) or `ROUTE/LEVEL`. Repeatable;
    /// default every document of DIR (text-layer PDFs add no OCR field).
    #[arg(long = "variant", value_name = "VARIANT")]
    pub variants: Vec<String>,
    /// Strength of the pull of each weight towards its hand-set prior ([`PRIOR`]; Gaussian, in
    /// units of samples): keeps signals the corpus never shows at their prior.
    #[arg(long, default_value_t = 1.0)]
    pub prior: f64,
    /// Fit only these weights (names as in the file, e.g. `w_corroborated`; repeatable), the
    /// others held at their committed values: a signal added to the model gets its weight
    /// without moving the operating point the committed weights set. Default: every weight.
    #[arg(long = "fit", value_name = "WEIGHT")]
    pub fit: Vec<String>,
    /// Also write every OCR field's model inputs and label as CSV (no values), to inspect.
    #[arg(long, value_name = "CSV")]
    pub samples: Option<PathBuf>,
}

/// One OCR field of the fitting corpus.
struct Sample {
    /// Summary row: `ROUTE/LEVEL`.
    row: String,
    features: Features,
    right: bool,
    /// Confidence under the committed weights, as the pipeline gave it.
    before: f64,
    /// Flagged under the committed weights.
    flagged_before: bool,
    /// Named by a failed check, which puts it in review whatever its confidence.
    flagged_by_check: bool,
}

/// Fits, prints the reliability before/after and writes `args.out`. `threshold`: the review
/// threshold the flag figures are taken at.
pub fn run(args: &CalibrateArgs, pipeline: &Pipeline, threshold: f64) -> Result<()> {
    let committed = Calibration::committed();
    // Checked before the corpus is parsed: a misspelt weight should not cost the parse.
    let free = (!args.fit.is_empty()).then(|| free_weights(&args.fit)).transpose()?;
    let samples = collect(args, pipeline, &committed)?;
    let data: Vec<(Features, bool)> = samples.iter().map(|s| (s.features, s.right)).collect();
    let weights = match free {
        None => fit::fit(&data, PRIOR, args.prior),
        Some(free) => fit::fit_some(&data, committed.weights(), PRIOR, args.prior, free),
    }
    .map_err(|e| Error::invalid_input(format!("fitting the calibration: {e}")))?;
    let fitted = committed.with_weights(weights);

    let report = render(&samples, &fitted, threshold);
    print!("{report}");
    let wrong = samples.iter().filter(|s| !s.right).count();
    let (before, after) = overall_ece(&samples, &fitted);
    let comment = format!(
        "Confidence model of evidence::confidence. Text-layer values: text_layer unless a failed check names them \
         (failed_check_text). OCR values: sigmoid(bias + w_min_prob*logit(min char prob) + w_mean_prob*logit(mean \
         char prob) + w_not_verbatim*[value not printed verbatim, e.g. corrected] + w_bad_format*[date/amount that \
         does not parse] + w_failed_check*[named by a failed check] + w_no_glyphs*[no glyph found in its box] + \
         w_corroborated*[equal to a value read apart from it: a passed check of checks::CORROBORATING, a grid \
         title met by its cells, a grid month's state of no arrears over an amount of 0]). OCR weights {} by `zhengxin-lab calibrate {}{} --out <this file>` (logistic \
         regression, prior weight {}) on {} OCR fields, {} wrong; 10-bin ECE on that corpus {:.4} before, {:.4} \
         after.",
        if args.fit.is_empty() {
            "fitted".to_string()
        } else {
            format!("{} fitted, the others held at the file's values,", args.fit.join(", "))
        },
        args.dir.display(),
        args.fit.iter().map(|f| format!(" --fit {f}")).collect::<String>(),
        args.prior,
        samples.len(),
        wrong,
        before,
        after
    );
    std::fs::write(&args.out, fitted.to_file(&comment))?;
    println!("wrote {}", args.out.display());
    Ok(())
}

/// The weights `--fit` names, as a mask over [`FEATURES`]; an unknown name is an error.
fn free_weights(names: &[String]) -> Result<[bool; FEATURE_COUNT]> {
    let mut free = [false; FEATURE_COUNT];
    for name in names {
        let i = FEATURES.iter().position(|f| f == name).ok_or_else(|| {
            Error::invalid_input(format!("--fit {name}: not a weight (one of {})", FEATURES.join(", ")))
        })?;
        free[i] = true;
    }
    Ok(free)
}

/// Parses every selected document with evidence and collects its labelled OCR fields.
fn collect(args: &CalibrateArgs, pipeline: &Pipeline, committed: &Calibration) -> Result<Vec<Sample>> {
    let corpus = Corpus::scan(&args.dir)?;
    let mut samples = Vec::new();
    let mut csv = String::from("row,document,right,confidence,");
    csv.push_str(&FEATURES.join(","));
    csv.push('\n');
    let mut parsed = 0usize;
    for doc in &corpus.documents {
        let route = route_of(&doc.truth);
        if !args.variants.is_empty() && !args.variants.iter().any(|f| selects(f, &route, &doc.variant)) {
            continue;
        }
        let truth = load_truth(&doc.truth)?;
        let scope = scope_of(&truth, &route)?;
        let bytes = std::fs::read(&doc.pdf)?;
        let outcome = match pipeline.parse(
            &bytes,
            ParseOptions {
                classify: true,
                evidence: true,
                page_images: false,
            },
        ) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{} ({}): parse failed, skipped: {e}", doc.name, doc.variant);
                continue;
            }
        };
        let Some(evidence) = &outcome.evidence else {
            continue;
        };
        parsed += 1;
        let row = row_key(&route, &doc.variant);
        let labelled = label(&truth, &outcome.report, evidence, &scope)?;
        let ocr: Vec<&LabelledField> = labelled.fields.iter().filter(|f| f.ocr).collect();
        eprintln!(
            "{} {row}: {} OCR fields, {} wrong",
            doc.name,
            ocr.len(),
            ocr.iter().filter(|f| !f.right).count()
        );
        for f in ocr {
            let features = committed.features(&f.signals);
            let _ = writeln!(
                csv,
                "{row},{},{},{},{}",
                doc.name,
                u8::from(f.right),
                f.confidence,
                features.map(|v| format!("{v:.6}")).join(",")
            );
            samples.push(Sample {
                row: row.clone(),
                features,
                right: f.right,
                before: f.confidence,
                flagged_before: f.flagged,
                flagged_by_check: f.signals.failed_check,
            });
        }
    }
    if let Some(path) = &args.samples {
        std::fs::write(path, csv)?;
    }
    if samples.is_empty() {
        return Err(Error::invalid_input(format!(
            "{}: no field read from pixels in {parsed} parsed documents (a corpus with scans and truth is needed)",
            args.dir.display()
        )));
    }
    Ok(samples)
}

/// Confidence under the fitted weights, rounded as the pipeline rounds it.
fn after(fitted: &Calibration, s: &Sample) -> f64 {
    let w = fitted.weights();
    (fit::predict(&w, &s.features) * 1000.0).round() / 1000.0
}

fn overall_ece(samples: &[Sample], fitted: &Calibration) -> (f64, f64) {
    let (mut before, mut after_) = (Reliability::default(), Reliability::default());
    for s in samples {
        before.add(s.before, s.right);
        after_.add(after(fitted, s), s.right);
    }
    (before.ece().unwrap_or(0.0), after_.ece().unwrap_or(0.0))
}

/// Per row and overall: fields, wrong, ECE, flag recall and rate, before → after.
#[derive(Default)]
struct Row {
    fields: u64,
    wrong: u64,
    ece: [Reliability; 2],
    flagged: [u64; 2],
    wrong_flagged: [u64; 2],
}

fn render(samples: &[Sample], fitted: &Calibration, threshold: f64) -> String {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for s in samples {
        let conf_after = after(fitted, s);
        let flagged = [s.flagged_before, conf_after < threshold || s.flagged_by_check];
        for key in [s.row.as_str(), "ALL"] {
            let r = rows.entry(key.to_string()).or_default();
            r.fields += 1;
            r.wrong += u64::from(!s.right);
            r.ece[0].add(s.before, s.right);
            r.ece[1].add(conf_after, s.right);
            for (i, &f) in flagged.iter().enumerate() {
                r.flagged[i] += u64::from(f);
                r.wrong_flagged[i] += u64::from(f && !s.right);
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "OCR fields of the fitting corpus, review threshold {threshold}: before → after the fit"
    );
    let _ = writeln!(
        out,
        "  {:<18} {:>7} {:>6} {:>17} {:>17} {:>17}",
        "row", "fields", "wrong", "ECE", "flag recall", "flag rate"
    );
    let pair = |a: f64, b: f64| format!("{a:.4} → {b:.4}");
    let share = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    for (key, r) in &rows {
        let _ = writeln!(
            out,
            "  {:<18} {:>7} {:>6} {:>17} {:>17} {:>17}",
            key,
            r.fields,
            r.wrong,
            pair(r.ece[0].ece().unwrap_or(0.0), r.ece[1].ece().unwrap_or(0.0)),
            pair(share(r.wrong_flagged[0], r.wrong), share(r.wrong_flagged[1], r.wrong)),
            pair(share(r.flagged[0], r.fields), share(r.flagged[1], r.fields)),
        );
    }
    let _ = writeln!(out, "fitted weights:");
    for (name, w) in FEATURES.iter().zip(fitted.weights()) {
        let _ = writeln!(out, "  {name:<16} {w:>9.4}");
    }
    out
}
