//! Synthetic reports (`crate::synth`, which shares no code with the parsers) through the real
//! text path and [`parse_report`], compared with their ground truth on every section except 三
//! 信贷交易信息明细 (checked in `detail`). Ignored by default: it needs libpdfium and the CJK
//! font (`scripts/download_models.sh`); run with `cargo test --lib parse::synth_tests -- --ignored`.

use std::path::PathBuf;

use serde_json::Value;

use super::{parse_report, ReportVersion};
use crate::config::Settings;
use crate::pdf::PdfEngine;
use crate::pipeline::Pipeline;
use crate::synth::{self, Version};

/// Paths where two JSON values differ (at most `limit`).
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                diff(&format!("{path}.{k}"), wv, g.get(k).unwrap_or(&Value::Null), out, limit);
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {} items expected, {} found", w.len(), g.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                diff(&format!("{path}[{i}]"), wv, gv, out, limit);
            }
        }
        _ if want != got => out.push(format!("{path}: expected {want}, found {got}")),
        _ => {}
    }
}

#[test]
#[ignore = "needs libpdfium and the CJK font (scripts/download_models.sh)"]
fn synthetic_reports_match_their_truth_outside_the_detail() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let settings = Settings::at(root);
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let pipeline = Pipeline::new(&settings).expect("pipeline");
    // More reports or another corpus on demand: ZX_PARSE_SYNTH_COUNT, ZX_PARSE_SYNTH_SEED.
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (count, seed) = (env("ZX_PARSE_SYNTH_COUNT", 12), env("ZX_PARSE_SYNTH_SEED", 23));
    let mut failures = Vec::new();
    for index in 0..count {
        let generated = synth::generate(&engine, &settings.cjk_font(), seed, index).expect("generate");
        let version = match generated.version {
            Version::Personal => ReportVersion::Personal,
            _ => ReportVersion::Institution,
        };
        let doc = pipeline.document(&generated.pdf).expect("document");
        let mut got = serde_json::to_value(parse_report(&doc, version)).expect("json");
        let mut want = serde_json::to_value(&generated.truth).expect("json");
        for v in [&mut got, &mut want] {
            if let Value::Object(m) = v {
                m.remove("creditTransInfoDetail");
            }
        }
        let mut diffs = Vec::new();
        diff("", &want, &got, &mut diffs, 8);
        if !diffs.is_empty() {
            failures.push(format!(
                "{} ({:?}):\n  {}",
                generated.name,
                generated.version,
                diffs.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} reports (seed {seed}) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
