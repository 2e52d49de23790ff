//! Golden files: a few small synthetic PDFs (tests/fixtures/golden/*.pdf, see its README) read
//! through the whole pipeline, and both stage outputs — the layout `Document` and the result
//! JSON — compared byte for byte with the files committed next to them. A refactor that should
//! not change behaviour shows here at a glance, as a diff of the golden files.
//!
//! After a deliberate change of behaviour, regenerate them with
//! `ZHENGXIN_GOLDEN=update cargo test --release --test golden` and review the diff before
//! committing it. Needs the models and pdfium (`scripts/download_models.sh`).

use std::path::{Path, PathBuf};

use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden")
}

fn updating() -> bool {
    std::env::var("ZHENGXIN_GOLDEN").is_ok_and(|v| v == "update")
}

/// Compares `actual` with the golden file `name` (or writes it when updating); returns a
/// description of the mismatch instead of panicking so that every file is checked in one run.
fn check(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if updating() {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        return None;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            return Some(format!(
                "{name}: cannot read golden file ({e}); run with ZHENGXIN_GOLDEN=update"
            ))
        }
    };
    if expected == actual {
        return None;
    }
    let first_diff = expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .find(|(_, (e, a))| e != a)
        .map(|(i, (e, a))| format!("first difference at line {}:\n  golden: {e}\n  now:    {a}", i + 1))
        .unwrap_or_else(|| {
            format!(
                "one is a prefix of the other ({} vs {} lines)",
                expected.lines().count(),
                actual.lines().count()
            )
        });
    Some(format!("{name} differs; {first_diff}"))
}

#[test]
fn stage_outputs_match_the_golden_files() {
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/fixtures/golden")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 4, "golden fixtures missing: {pdfs:?}");

    let mut failures = Vec::new();
    for pdf in &pdfs {
        let stem = pdf.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
        let bytes = std::fs::read(pdf).expect("read fixture");
        // Read (and OCR) once: the report stage runs on the very document compared above, as
        // `Pipeline::parse` chains the same stages.
        let doc = pipeline.document(&bytes).expect("document stage");
        let doc_json = serde_json::to_string_pretty(&doc).expect("serialise document") + "\n";
        failures.extend(check(&format!("{stem}.document.json"), &doc_json));
        let report = pipeline.report(&doc, ParseOptions::default()).expect("report stage");
        let report_json = serde_json::to_string_pretty(&report).expect("serialise report") + "\n";
        failures.extend(check(&format!("{stem}.result.json"), &report_json));
    }
    assert!(failures.is_empty(), "golden files differ:\n{}", failures.join("\n"));
}
