//! Synthetic reports (`crate::synth`, which shares no code with the parsers) through the real
//! text path, compared with their ground truth. Ignored by default: it needs libpdfium and the
//! CJK font (`scripts/download_models.sh`); run with
//! `cargo test --lib parse::detail -- --ignored`.

use std::path::PathBuf;

use crate::config::Settings;
use crate::parse::segment::{SectionId, Sections};
use crate::parse::ReportVersion;
use crate::pdf::PdfEngine;
use crate::pipeline::Pipeline;
use crate::synth::{self, Version};

use super::super::parse_credit_trans_detail;
use super::diff;

#[test]
#[ignore = "needs libpdfium and the CJK font (scripts/download_models.sh)"]
fn synthetic_reports_match_their_truth() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let settings = Settings::at(root);
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let pipeline = Pipeline::new(&settings).expect("pipeline");
    // More reports or another corpus on demand: ZX_DETAIL_SYNTH_COUNT, ZX_DETAIL_SYNTH_SEED.
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (count, seed) = (env("ZX_DETAIL_SYNTH_COUNT", 12), env("ZX_DETAIL_SYNTH_SEED", 11));
    let mut failures = Vec::new();
    for index in 0..count {
        let generated = synth::generate(&engine, &settings.cjk_font(), seed, index).expect("generate");
        let version = match generated.version {
            Version::Personal => ReportVersion::Personal,
            _ => ReportVersion::Institution,
        };
        let doc = pipeline.document(&generated.pdf).expect("document");
        let got = parse_credit_trans_detail(Sections::new(&doc.blocks).get(SectionId::CreditTransDetail), version);
        let want = serde_json::to_value(&generated.truth.credit_trans_info_detail).expect("json");
        let got = serde_json::to_value(&got).expect("json");
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
