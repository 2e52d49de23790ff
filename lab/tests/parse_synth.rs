//! Synthetic reports (`zhengxin_lab::synth`, which shares no code with the parsers) through the
//! real text path, compared with their ground truth: [`parse_report`] on every section except 三
//! 信贷交易信息明细, and the 三 parser on its own. Ignored by default: they need libpdfium and the
//! CJK font (`scripts/download_models.sh`); run with
//! `cargo test --release -p zhengxin-lab --test parse_synth -- --ignored`.

mod common;

use serde_json::Value;
use zhengxin::parse::detail::parse_credit_trans_detail;
use zhengxin::parse::segment::{SectionId, Sections};
use zhengxin::parse::{parse_report, ReportVersion};
use zhengxin::pdf::PdfEngine;
use zhengxin::pipeline::Pipeline;
use zhengxin_lab::synth::{self, Version};

use common::{diff, settings};

#[test]
#[ignore = "needs libpdfium and the CJK font (scripts/download_models.sh)"]
fn synthetic_reports_match_their_truth_outside_the_detail() {
    let settings = settings();
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let pipeline = Pipeline::new(&settings).expect("pipeline");
    // More reports or another corpus on demand: ZX_PARSE_SYNTH_COUNT, ZX_PARSE_SYNTH_SEED.
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (count, seed) = (env("ZX_PARSE_SYNTH_COUNT", 12), env("ZX_PARSE_SYNTH_SEED", 23));
    let mut failures = Vec::new();
    for index in 0..count {
        let generated = synth::generate(&engine, &synth::cjk_font(&settings), seed, index).expect("generate");
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

#[test]
#[ignore = "needs libpdfium and the CJK font (scripts/download_models.sh)"]
fn synthetic_reports_match_their_truth() {
    let settings = settings();
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium");
    let pipeline = Pipeline::new(&settings).expect("pipeline");
    // More reports or another corpus on demand: ZX_DETAIL_SYNTH_COUNT, ZX_DETAIL_SYNTH_SEED.
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (count, seed) = (env("ZX_DETAIL_SYNTH_COUNT", 12), env("ZX_DETAIL_SYNTH_SEED", 11));
    let mut failures = Vec::new();
    for index in 0..count {
        let generated = synth::generate(&engine, &synth::cjk_font(&settings), seed, index).expect("generate");
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
