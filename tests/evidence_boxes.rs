//! Evidence on generated text PDFs (tests/fixtures/golden): every non-empty leaf of `result`
//! has a field entry, nearly every one is located, and a located box holds exactly the
//! value's characters as the text layer prints them (each character's centre inside the
//! value's box; white space and the diagonal watermark ignored). Values derived from other printed text (a grid's
//! `startDate` from its title) point at that text and are counted apart. Needs pdfium and the
//! models (`scripts/download_models.sh`).

use std::collections::BTreeMap;

use pdfium_render::prelude::PdfDocument;
use serde_json::Value;
use zhengxin::config::Settings;
use zhengxin::pdf::content::extract_page;
use zhengxin::pipeline::{ParseOptions, Pipeline};

/// Keys whose value is not printed as such (EVIDENCE.md: they point at their source text).
const DERIVED: &[&str] = &["startDate", "endDate", "dateRange"];

/// Each page's characters, as the text-layer stage extracts them (the diagonal watermark
/// already dropped): (char, centre x, centre y) in points from the top-left.
fn page_chars(pdf: &PdfDocument<'_>) -> Vec<Vec<(char, f32, f32)>> {
    pdf.pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let content = extract_page(&page, i).expect("text layer");
            content
                .spans
                .iter()
                .flat_map(|s| s.text.chars().zip(s.char_rects.iter()))
                .filter(|(ch, _)| !ch.is_whitespace())
                .map(|(ch, r)| {
                    let (x, y) = r.center();
                    (ch, x, y)
                })
                .collect()
        })
        .collect()
}

fn leaves(v: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    match v {
        Value::String(s) if !s.is_empty() => {
            out.insert(path.to_string(), s.clone());
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(x, &p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_leaf_has_an_entry_and_boxes_hold_exactly_the_value() {
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let (mut total, mut located, mut boxed, mut exact, mut derived) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for name in ["synth_s77_001.pdf", "chr_s2026_004.pdf"] {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        let plain = pipeline.parse(&bytes, ParseOptions::default()).expect("parse");
        let opts = ParseOptions {
            evidence: true,
            ..ParseOptions::default()
        };
        let outcome = pipeline.parse(&bytes, opts).expect("parse with evidence");
        assert_eq!(outcome.report, plain.report, "{name}: result identical with evidence");
        let ev = outcome.evidence.expect("evidence asked for");
        let integrity: Vec<&zhengxin::evidence::Check> =
            ev.checks.iter().filter(|c| c.rule.starts_with("integrity.")).collect();
        assert!(
            integrity.iter().any(|c| c.rule == "integrity.revisions"),
            "{name}: the integrity signals are part of the evidence: {integrity:?}"
        );
        assert!(
            integrity.iter().all(|c| c.ok),
            "{name}: an untouched report raises none: {integrity:?}"
        );
        let result = serde_json::to_value(&outcome.report).unwrap();
        let mut want = BTreeMap::new();
        leaves(&result, "", &mut want);
        let got: Vec<&String> = ev.fields.keys().collect();
        assert_eq!(
            got,
            want.keys().collect::<Vec<_>>(),
            "{name}: one entry per non-empty leaf"
        );
        let pdf = pipeline.engine().open(&bytes).expect("open");
        let chars = page_chars(&pdf);
        for (path, text) in &want {
            total += 1;
            let f = &ev.fields[path];
            assert!(f.source == zhengxin::evidence::Source::Text && f.confidence <= 1.0);
            if f.boxes.is_empty() {
                continue;
            }
            located += 1;
            let key = path.rsplit('.').next().unwrap_or_default();
            if DERIVED.contains(&key) {
                derived += 1;
                continue;
            }
            boxed += 1;
            let inside: String = f
                .boxes
                .iter()
                .flat_map(|b| {
                    let [x0, y0, x1, y1] = b.bbox.map(|v| v as f32);
                    chars[b.page - 1]
                        .iter()
                        .filter(move |(_, x, y)| *x >= x0 && *x <= x1 && *y >= y0 && *y <= y1)
                        .map(|(c, _, _)| *c)
                })
                .collect();
            let value: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if inside == value {
                exact += 1;
            } else {
                wrong.push(format!("{name} {path}"));
            }
        }
    }
    let coverage = located as f64 / total as f64;
    let share = exact as f64 / boxed as f64;
    eprintln!(
        "evidence on text PDFs: {total} leaves, located {located} ({:.2} %), derived {derived}, \
         boxes holding exactly the value {exact}/{boxed} ({:.2} %)",
        coverage * 100.0,
        share * 100.0
    );
    for w in wrong.iter().take(30) {
        eprintln!("  box does not hold the value: {w}");
    }
    assert!(coverage >= 0.99, "coverage {coverage}");
    for name in ["synth_s77_001.pdf", "chr_s2026_004.pdf"] {
        eprintln!("cost, {name}: {}", cost_ratio(&pipeline, &dir.join(name)));
    }
    assert!(share >= 0.99, "exact-box share {share}");
}

/// Parse time with evidence over parse time without, best of fifteen each (a rough figure on a
/// shared machine, reported rather than asserted).
fn cost_ratio(pipeline: &Pipeline, pdf: &std::path::Path) -> String {
    let bytes = std::fs::read(pdf).expect("fixture");
    let best = |evidence: bool| {
        (0..15)
            .map(|_| {
                let t = std::time::Instant::now();
                let opts = ParseOptions {
                    evidence,
                    ..ParseOptions::default()
                };
                pipeline.parse(&bytes, opts).expect("parse");
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let (without, with) = (best(false), best(true));
    format!(
        "text path {:.1} ms without evidence, {:.1} ms with ({:.2}x)",
        without * 1e3,
        with * 1e3,
        with / without
    )
}

/// The real design sample's text layer: every value is located, sentences (防欺诈警示, 异议
/// 信息, 特殊事件说明) and values derived from a title (a card's 未激活 date) included, and no
/// value of a form row loses its note to a grid cell of the same text (`0`).
#[test]
fn every_value_of_the_real_sample_is_located() {
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    let bytes = std::fs::read(&sample).expect("the design sample (../shared/samples)");
    let opts = ParseOptions {
        evidence: true,
        ..ParseOptions::default()
    };
    let ev = pipeline.parse(&bytes, opts).expect("parse").evidence.expect("evidence");
    let unlocated: Vec<&String> = ev
        .fields
        .iter()
        .filter(|(_, f)| f.boxes.is_empty())
        .map(|(p, _)| p)
        .collect();
    assert!(ev.fields.len() > 2000, "{} fields", ev.fields.len());
    assert!(unlocated.is_empty(), "not located: {unlocated:?}");
}
