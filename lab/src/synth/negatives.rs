//! Negative cases for the classifier and the upload checks: valid PDFs with real Chinese text
//! layers that are NOT second-generation personal credit reports, and broken files.
//!
//! | file                        | what it is                                                  |
//! |-----------------------------|-------------------------------------------------------------|
//! | `neg-invoice.pdf`           | 电子发票 (VAT e-invoice) with a ruled item table            |
//! | `neg-bank-statement.pdf`    | 银行流水: account statement, ruled transaction table, 2 pages |
//! | `neg-contract.pdf`          | 借款合同: numbered clauses in paragraphs, 2 pages           |
//! | `neg-jianban.pdf`           | 个人信用报告（简版）: narrative report with `信贷记录`      |
//! | `neg-enterprise.pdf`        | 企业信用报告 title page                                      |
//! | `broken-empty.pdf`          | 0 bytes                                                     |
//! | `broken-truncated.pdf`      | first half of a valid PDF                                   |
//! | `broken-notpdf.pdf`         | PNG bytes                                                   |
//! | `broken-garbage.pdf`        | `%PDF-1.7` header, then random bytes                        |
//!
//! Valid negatives are checked before they are returned: each is reopened with pdfium and
//! every string drawn must extract back from its page.

mod broken;
mod canvas;
mod cmap;
mod documents;
mod jianban;
mod vocab;

use std::path::{Path, PathBuf};

use crate::synth::rng::SplitMix64;
use zhengxin::config::Settings;
use zhengxin::pdf::PdfEngine;
use zhengxin::{Error, Result};

pub use cmap::strip_compat_ideographs;

/// One negative file.
#[derive(Debug, Clone)]
pub struct NegativeFile {
    /// File name, `neg-<kind>.pdf` (valid, not a report) or `broken-<kind>.pdf` (must be
    /// rejected as invalid input).
    pub file_name: &'static str,
    /// Whether pdfium is expected to open it.
    pub opens: bool,
    /// File content.
    pub bytes: Vec<u8>,
}

/// Writes all negatives into `dir` (created if missing) and returns their paths, valid
/// negatives first.
pub fn write_negatives(dir: &Path, seed: u64) -> Result<Vec<PathBuf>> {
    let settings = Settings::from_env()?;
    let engine = PdfEngine::load(&settings.pdfium_lib())?;
    let font_path = crate::synth::cjk_font(&settings);
    let font = std::fs::read(&font_path)
        .map_err(|e| Error::artefact("CJK font", font_path.display().to_string(), e.to_string()))?;
    std::fs::create_dir_all(dir)?;
    let mut paths = Vec::new();
    for file in build_negatives(&engine, &font, seed)? {
        let path = dir.join(file.file_name);
        std::fs::write(&path, &file.bytes)?;
        paths.push(path);
    }
    Ok(paths)
}

/// Builds every negative in memory with the given pdfium binding and CJK TrueType font bytes
/// (as read from disk; see [`strip_compat_ideographs`] for why they are patched first).
pub fn build_negatives(engine: &PdfEngine, font: &[u8], seed: u64) -> Result<Vec<NegativeFile>> {
    let font = strip_compat_ideographs(font)?;
    let font = font.as_slice();
    let root = SplitMix64::new(seed ^ 0x4E45_4741_5449_5645);
    let valid = [
        ("neg-invoice.pdf", documents::invoice as Builder),
        ("neg-bank-statement.pdf", documents::bank_statement),
        ("neg-contract.pdf", documents::contract),
        ("neg-jianban.pdf", jianban::jianban),
        ("neg-enterprise.pdf", jianban::enterprise_title),
    ];
    let mut files = Vec::new();
    for (i, (file_name, build)) in valid.into_iter().enumerate() {
        let mut rng = root.fork(i as u64 + 1);
        let bytes = build(engine, font, &mut rng)?;
        files.push(NegativeFile {
            file_name,
            opens: true,
            bytes,
        });
    }
    let sample = files[0].bytes.clone();
    files.extend(broken::broken_files(&sample, &mut root.fork(100))?);
    Ok(files)
}

/// Signature shared by the document builders.
type Builder = fn(&PdfEngine, &[u8], &mut SplitMix64) -> Result<Vec<u8>>;
