//! Plain-text rendering of an `EvalSummary` for the terminal.

use std::fmt::Write;

use super::evidence::EvidenceScore;
use super::summary::{Bound, EvalSummary, Score, VariantSummary};

/// The summary as a human-readable report.
pub fn render_text(summary: &EvalSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "corpus {}", summary.corpus);
    for v in &summary.variants {
        render_variant(&mut out, v, summary.show_values);
    }
    for t in &summary.thresholds {
        let reached = match (t.reached, t.passed) {
            (Some(f), _) => format!("{f:.4}"),
            (None, true) => "not measured: no wrong field".to_string(),
            (None, false) => "no documents".to_string(),
        };
        let verdict = if t.passed { "ok" } else { "FAILED" };
        let side = match t.bound {
            Bound::AtLeast => "min",
            Bound::AtMost => "max",
        };
        let _ = writeln!(
            out,
            "threshold {}: {} {reached} ({side} {:.4}) {verdict}",
            t.variant,
            super::metric_name(t.metric),
            t.min
        );
    }
    out
}

fn render_variant(out: &mut String, v: &VariantSummary, show_values: bool) {
    let _ = writeln!(
        out,
        "\n== variant {}: {} documents, {} parse failures, exact {}/{} ({:.1}%), {} pages in {:.2}s ({:.2} pages/s)",
        v.variant,
        v.documents,
        v.failures.len(),
        v.exact,
        v.documents,
        100.0 * v.exact_share,
        v.pages,
        v.parse_seconds,
        v.pages_per_second,
    );
    let _ = writeln!(
        out,
        "  {:<28} {:>7} {:>7} {:>7} {:>9} {:>7} {:>7}",
        "section", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    score_row(out, "ALL", &v.overall);
    for (section, score) in &v.sections {
        score_row(out, section, score);
    }
    let _ = writeln!(
        out,
        "  grid cells: {}/{} correct ({:.2}%)",
        v.grid_cells.counts.correct,
        v.grid_cells.counts.expected,
        100.0 * v.grid_cells.accuracy
    );
    if v.unscored_fields > 0 {
        let _ = writeln!(
            out,
            "  {} extracted fields outside the sections the truth transcribes (not scored)",
            v.unscored_fields
        );
    }
    if let Some(e) = &v.evidence {
        render_evidence(out, e);
    }
    for f in &v.failures {
        let _ = writeln!(out, "  parse failed: {}: {}", f.document, f.error);
    }
    if !v.top_wrong_paths.is_empty() {
        let _ = writeln!(out, "  most frequent wrong paths:");
    }
    for w in &v.top_wrong_paths {
        let _ = write!(
            out,
            "  {:>6}  {}  (first in {}: {}",
            w.count, w.path, w.example.document, w.example.path
        );
        if show_values {
            if let (Some(e), Some(g)) = (&w.example.expected, &w.example.got) {
                let _ = write!(out, ": expected {e:?}, got {g:?}");
            }
        }
        let _ = writeln!(out, ")");
    }
}

fn render_evidence(out: &mut String, e: &EvidenceScore) {
    let opt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
    let _ = writeln!(
        out,
        "  evidence: coverage {:.4} ({}/{}), located {:.4}, exact boxes {} ({}/{}); \
         flag recall {} ({}/{} wrong), flag rate {:.4} ({}/{}), with records in review {} / {:.4}; \
         ECE {} over {} OCR fields",
        e.coverage,
        e.covered,
        e.leaves,
        e.located,
        opt(e.box_correctness),
        e.boxes_exact,
        e.boxes_checked,
        opt(e.flag_recall),
        e.wrong_flagged,
        e.wrong,
        e.flag_rate,
        e.flagged,
        e.fields,
        opt(e.flag_recall_records),
        e.flag_rate_records,
        opt(e.ece),
        e.ocr_fields,
    );
}

fn score_row(out: &mut String, label: &str, s: &Score) {
    let _ = writeln!(
        out,
        "  {:<28} {:>7} {:>7} {:>7} {:>9.4} {:>7.4} {:>7.4}",
        label, s.counts.tp, s.counts.fp, s.counts.fn_, s.precision, s.recall, s.f1
    );
}
