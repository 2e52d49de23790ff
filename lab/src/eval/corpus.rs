//! Finds the documents of an evaluation corpus.
//!
//! Layout (written by the synthetic corpus generator): `NAME.truth.json` holds the expected
//! `CreditReport`; `NAME.pdf` is its text-layer rendering and `NAME.scan-LEVEL.pdf` its scanned
//! renderings at degradation LEVEL (clean, mild, heavy, …); `NAME.garbled.pdf` is the text PDF
//! with an unusable text layer (variant `garbled`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhengxin::report::CreditReport;
use zhengxin::{Error, Result};

/// Variant name of the text-layer PDF.
pub const TEXT_VARIANT: &str = "text";

const TRUTH_SUFFIX: &str = ".truth.json";
const PDF_SUFFIX: &str = ".pdf";
const SCAN_MARK: &str = ".scan-";
/// Whole-file variants that are not scans: `NAME.garbled.pdf` (text PDF, unusable text layer).
const OTHER_VARIANTS: &[&str] = &[crate::synth::GARBLED_VARIANT];

/// One PDF to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// NAME shared by the PDF and its truth file.
    pub name: String,
    /// `text` or the scan level.
    pub variant: String,
    /// The PDF.
    pub pdf: PathBuf,
    /// The truth file.
    pub truth: PathBuf,
}

/// What a corpus directory holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    /// Scorable PDFs, ordered by name then variant.
    pub documents: Vec<Document>,
    /// Truth files that have no PDF at all.
    pub truths_without_pdf: Vec<PathBuf>,
    /// PDFs that have no truth file (not scored).
    pub pdfs_without_truth: Vec<PathBuf>,
}

impl Corpus {
    /// Scans `dir` (not recursively).
    pub fn scan(dir: &Path) -> Result<Self> {
        let mut truths: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut pdfs: Vec<(String, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let Some(file) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if let Some(name) = file.strip_suffix(TRUTH_SUFFIX) {
                truths.insert(name.to_string(), entry.path());
            } else if let Some(stem) = file.strip_suffix(PDF_SUFFIX) {
                pdfs.push((stem.to_string(), entry.path()));
            }
        }

        let mut corpus = Corpus::default();
        for (stem, path) in pdfs {
            match split_variant(&stem, |n| truths.contains_key(n)) {
                Some((name, variant)) => corpus.documents.push(Document {
                    truth: truths[name].clone(),
                    name: name.to_string(),
                    variant: variant.to_string(),
                    pdf: path,
                }),
                None => corpus.pdfs_without_truth.push(path),
            }
        }
        corpus
            .documents
            .sort_by(|a, b| (&a.name, &a.variant).cmp(&(&b.name, &b.variant)));
        corpus.pdfs_without_truth.sort();
        for (name, path) in &truths {
            if !corpus.documents.iter().any(|d| &d.name == name) {
                corpus.truths_without_pdf.push(path.clone());
            }
        }
        Ok(corpus)
    }
}

/// Splits a PDF stem into (NAME, variant); `has_truth` decides between `A.scan-x` being the scan
/// of `A` or the text PDF of a report literally named `A.scan-x`.
fn split_variant(stem: &str, has_truth: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    if let Some((name, level)) = stem.rsplit_once(SCAN_MARK) {
        if !level.is_empty() && has_truth(name) {
            return Some((name, level));
        }
    }
    if let Some((name, variant)) = stem.rsplit_once('.') {
        if OTHER_VARIANTS.contains(&variant) && has_truth(name) {
            return Some((name, variant));
        }
    }
    has_truth(stem).then_some((stem, TEXT_VARIANT))
}

/// Reads a truth file. Unknown keys are an error (the report structs deny them), so a truth file
/// written against another schema cannot silently score as "nothing expected".
pub fn load_truth(path: &Path) -> Result<CreditReport> {
    let text = std::fs::read_to_string(path)?;
    serde_json::from_str(&text)
        .map_err(|e| Error::invalid_input(format!("truth file {} is not a CreditReport: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("zhengxin-eval-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        dir
    }

    #[test]
    fn pairs_pdfs_with_truth_by_variant() {
        let dir = scratch_dir("scan");
        for f in [
            "a.truth.json",
            "a.pdf",
            "a.scan-mild.pdf",
            "a.scan-heavy.pdf",
            "a.garbled.pdf",
            "b.truth.json",
            "c.pdf",
            "notes.txt",
        ] {
            std::fs::write(dir.join(f), b"{}").expect("write");
        }
        let corpus = Corpus::scan(&dir).expect("scan");
        let got: Vec<(&str, &str)> = corpus
            .documents
            .iter()
            .map(|d| (d.name.as_str(), d.variant.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![("a", "garbled"), ("a", "heavy"), ("a", "mild"), ("a", "text")]
        );
        assert!(corpus.documents.iter().all(|d| d.truth == dir.join("a.truth.json")));
        assert_eq!(corpus.truths_without_pdf, vec![dir.join("b.truth.json")]);
        assert_eq!(corpus.pdfs_without_truth, vec![dir.join("c.pdf")]);
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn scan_mark_without_matching_truth_is_a_text_pdf() {
        assert_eq!(
            split_variant("x.scan-mild", |n| n == "x.scan-mild"),
            Some(("x.scan-mild", "text"))
        );
        assert_eq!(split_variant("x.scan-mild", |n| n == "x"), Some(("x", "mild")));
        assert_eq!(split_variant("x.scan-", |n| n == "x"), None);
        assert_eq!(split_variant("x.garbled", |n| n == "x"), Some(("x", "garbled")));
        assert_eq!(
            split_variant("x.garbled", |n| n == "x.garbled"),
            Some(("x.garbled", "text"))
        );
    }

    #[test]
    fn truth_with_unknown_key_is_rejected() {
        let dir = scratch_dir("truth");
        let path = dir.join("t.truth.json");
        std::fs::write(&path, br#"{"creditHeader":{"serialNo":"1","bogus":"x"}}"#).expect("write");
        assert!(matches!(
            load_truth(&path).map_err(Error::into_kind),
            Err(zhengxin::error::ErrorKind::InvalidInput(_))
        ));
        std::fs::write(&path, br#"{"creditHeader":{"serialNo":"1"}}"#).expect("write");
        assert_eq!(load_truth(&path).expect("valid").credit_header.serial_no, "1");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
