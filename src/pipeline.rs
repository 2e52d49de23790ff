//! The whole parse: PDF bytes → `CreditReport`. Loaded once at start-up (pdfium binding, and
//! later the OCR sessions), then shared by all requests (`Send + Sync`).

use pdfium_render::prelude::PdfDocument;

use crate::classify;
use crate::content::PageContent;
use crate::config::Settings;
use crate::layout::{self, Document};
use crate::parse::ReportVersion;
use crate::pdf::{self, PdfEngine, PdfSummary, TextLayerQuality};
use crate::report::CreditReport;
use crate::{Error, Result};

/// Per-request options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// `auto_classify=1`: reject PDFs that are not second-generation personal credit reports.
    pub classify: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self { classify: true }
    }
}

/// What a successful parse returns besides the report (for logs and benchmarks; no field
/// values).
#[derive(Debug, Clone)]
pub struct ParseOutcome {
    /// The extracted report.
    pub report: CreditReport,
    /// Page count and per-page text-layer verdicts.
    pub summary: PdfSummary,
}

/// Everything loaded once.
pub struct Pipeline {
    engine: PdfEngine,
}

impl Pipeline {
    /// Binds pdfium (and loads models once the OCR path exists). Fails with a message naming
    /// the missing file and the set-up script.
    pub fn new(settings: &Settings) -> Result<Self> {
        let engine = PdfEngine::load(&settings.pdfium_lib())?;
        Ok(Self { engine })
    }

    /// The pdfium binding.
    pub fn engine(&self) -> &PdfEngine {
        &self.engine
    }

    /// Parses one PDF held in memory.
    pub fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        let pdf = self.engine.open(bytes)?;
        let (pages, summary) = read_pages(&pdf)?;
        if summary.page_count == 0 {
            return Err(Error::NotRecognizable("PDF has no pages".into()));
        }
        let unreadable = unreadable_pages(&summary);
        if !unreadable.is_empty() {
            // Until the OCR path exists, such pages cannot be read at all.
            return Err(Error::NotRecognizable(no_text_message(&unreadable)));
        }
        let doc = layout::build_document(pages);
        let version = if opts.classify {
            classify::classify(&doc).map_err(Error::NotRecognizable)?
        } else {
            classify::version_hint(&doc).unwrap_or(ReportVersion::Personal)
        };
        let report = crate::parse::parse_report(&doc, version);
        tracing::debug!(pages = summary.page_count, blocks = doc.blocks.len(), ?version, "report parsed");
        Ok(ParseOutcome { report, summary })
    }

    /// The layout stage's output for a PDF (debugging, tests, benchmarks). Pages without a
    /// readable text layer are an error, as in [`Pipeline::parse`].
    pub fn document(&self, bytes: &[u8]) -> Result<Document> {
        let pdf = self.engine.open(bytes)?;
        let (pages, summary) = read_pages(&pdf)?;
        let unreadable = unreadable_pages(&summary);
        if !unreadable.is_empty() {
            return Err(Error::NotRecognizable(no_text_message(&unreadable)));
        }
        Ok(layout::build_document(pages))
    }
}

/// Zero-based indices of pages whose text layer is garbled or empty.
fn unreadable_pages(summary: &PdfSummary) -> Vec<usize> {
    summary.text_layers.iter().enumerate().filter(|(_, q)| **q != TextLayerQuality::Usable).map(|(i, _)| i).collect()
}

fn no_text_message(pages: &[usize]) -> String {
    match pages {
        [one] => format!("page {} has no readable text layer", one + 1),
        many => {
            let list: Vec<String> = many.iter().map(|i| (i + 1).to_string()).collect();
            format!("pages {} have no readable text layer", list.join(", "))
        }
    }
}

/// Extracts every page's text and rulings, judging each page's text layer on the way.
fn read_pages(pdf: &PdfDocument<'_>) -> Result<(Vec<PageContent>, PdfSummary)> {
    let n = pdf.pages().len() as usize;
    let mut pages = Vec::with_capacity(n);
    let mut text_layers = Vec::with_capacity(n);
    for (i, page) in pdf.pages().iter().enumerate() {
        let (content, quality) = pdf::content::extract_page_checked(&page, i)?;
        pages.push(content);
        text_layers.push(quality);
    }
    Ok((pages, PdfSummary { page_count: n, text_layers }))
}
