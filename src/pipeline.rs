//! The whole parse: PDF bytes → `CreditReport`. Loaded once at start-up (pdfium binding and
//! the OCR sessions), then shared by all requests (`Send + Sync`).
//!
//! Pages are read as a stream: a page with a usable text layer is read from it (about a
//! millisecond); a vector page whose text layer is garbled (CJK fonts without a usable
//! ToUnicode map) keeps its glyph boxes and rulings and only the characters are recognised,
//! run by run (`scanned::glyph_runs`, on the calling thread); a scan is rendered and OCR'd.
//! At most two scanned pages are in memory at once — the one the models
//! are reading and the next one, rendered and straightened meanwhile on the calling thread —
//! so memory does not grow with the page count.

use pdfium_render::prelude::PdfDocument;

use crate::classify;
use crate::config::{self, Settings};
use crate::content::PageContent;
use crate::correct;
use crate::layout::{self, Document};
use crate::ocr::{ActiveDevice, OcrEngine, OcrParams};
use crate::parse::ReportVersion;
use crate::pdf::{self, PdfEngine, PdfSummary, TextLayerQuality};
use crate::report::CreditReport;
use crate::scanned::{self, ScanParams};
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
    /// Zero-based indices of the pages read by OCR.
    pub ocr_pages: Vec<usize>,
}

/// Everything loaded once.
pub struct Pipeline {
    engine: PdfEngine,
    ocr: OcrEngine,
    scan: ScanParams,
}

impl Pipeline {
    /// Binds pdfium and loads the OCR models with parameters from the environment
    /// ([`config::ocr_params_from_env`]). Fails with a message naming the missing file and the
    /// set-up script.
    pub fn new(settings: &Settings) -> Result<Self> {
        Self::with_ocr_params(settings, &config::ocr_params_from_env()?)
    }

    /// [`Pipeline::new`] with explicit OCR parameters (device, threads, model knobs).
    pub fn with_ocr_params(settings: &Settings, ocr: &OcrParams) -> Result<Self> {
        let engine = PdfEngine::load(&settings.pdfium_lib())?;
        let ocr = OcrEngine::new(ocr, settings)?;
        Ok(Self {
            engine,
            ocr,
            scan: ScanParams::default(),
        })
    }

    /// The execution provider the OCR models actually run on.
    pub fn ocr_device(&self) -> ActiveDevice {
        self.ocr.device()
    }

    /// The pdfium binding.
    pub fn engine(&self) -> &PdfEngine {
        &self.engine
    }

    /// Parses one PDF held in memory.
    pub fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        let (doc, summary, ocr_pages) = self.read_document(bytes)?;
        let version = if opts.classify {
            classify::classify(&doc).map_err(Error::NotRecognizable)?
        } else {
            classify::version_hint(&doc).unwrap_or(ReportVersion::Personal)
        };
        let report = crate::parse::parse_report(&doc, version);
        tracing::debug!(
            pages = summary.page_count,
            blocks = doc.blocks.len(),
            ?version,
            "report parsed"
        );
        Ok(ParseOutcome {
            report,
            summary,
            ocr_pages,
        })
    }

    /// The layout stage's output for a PDF (debugging, tests, benchmarks), OCR'd pages
    /// corrected as in [`Pipeline::parse`].
    pub fn document(&self, bytes: &[u8]) -> Result<Document> {
        self.read_document(bytes).map(|(doc, _, _)| doc)
    }

    fn read_document(&self, bytes: &[u8]) -> Result<(Document, PdfSummary, Vec<usize>)> {
        let pdf = self.engine.open(bytes)?;
        let (pages, summary, ocr_pages) = self.read_pages(&pdf)?;
        if summary.page_count == 0 {
            return Err(Error::NotRecognizable("PDF has no pages".into()));
        }
        let mut doc = layout::build_document(pages);
        let stats = correct::correct_document(&mut doc, &ocr_pages);
        if !ocr_pages.is_empty() {
            tracing::debug!(ocr_pages = ocr_pages.len(), ?stats, "OCR text corrected");
        }
        Ok((doc, summary, ocr_pages))
    }

    /// Reads every page: from its text layer when that is usable, by OCR otherwise. pdfium
    /// stays on this thread (text layers, rendering, and the model-free page preparation);
    /// a second thread runs the models on the previous prepared page meanwhile.
    fn read_pages(&self, pdf: &PdfDocument<'_>) -> Result<(Vec<PageContent>, PdfSummary, Vec<usize>)> {
        let n = pdf.pages().len() as usize;
        let mut pages: Vec<Option<PageContent>> = vec![None; n];
        let mut text_layers = Vec::with_capacity(n);
        let mut ocr_pages = Vec::new();
        let ocr_read = std::thread::scope(|s| -> Result<Vec<(usize, PageContent)>> {
            // Rendezvous: the next page waits here, prepared, until the models are free.
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, scanned::PreparedPage, std::time::Duration)>(0);
            let models = s.spawn(move || -> Result<Vec<(usize, PageContent)>> {
                let mut out = Vec::new();
                for (i, prepared, render) in rx {
                    let (content, geometry, mut timings) = scanned::recognize_page(&self.ocr, prepared, i, &self.scan)?;
                    timings.render = render;
                    tracing::debug!(
                        page = i,
                        ?geometry,
                        ?timings,
                        spans = content.spans.len(),
                        "page read by OCR"
                    );
                    out.push((i, content));
                    crate::alloc::release_free_memory();
                }
                Ok(out)
            });
            let mut sent = Ok(());
            for (i, page) in pdf.pages().iter().enumerate() {
                let (content, quality) = pdf::content::extract_page_checked(&page, i)?;
                text_layers.push(quality);
                if quality == TextLayerQuality::Usable {
                    pages[i] = Some(content);
                    continue;
                }
                ocr_pages.push(i);
                if quality == TextLayerQuality::Garbled {
                    // Exact rulings and glyph boxes, characters from pixels; `None`: no usable
                    // glyph layout (a scan with its own text layer), read as a scan below.
                    let glyphs = &scanned::glyph_runs::GlyphRunParams::default();
                    if let Some((read, timings)) =
                        scanned::glyph_runs::read_garbled_page(&self.ocr, &page, i, content.rulings, glyphs)?
                    {
                        tracing::debug!(page = i, ?timings, spans = read.spans.len(), "page read by glyph runs");
                        pages[i] = Some(read);
                        continue;
                    }
                }
                tracing::debug!(page = i, ?quality, "page goes to OCR");
                let (img, dpi, render) = scanned::render_page(&page, i)?;
                let prepared = scanned::prepare_page(img, dpi, &self.scan);
                // A send fails only when the model thread has stopped on an error, which
                // its join below reports.
                if tx.send((i, prepared, render)).is_err() {
                    sent = Err(());
                    break;
                }
            }
            drop(tx);
            let read = models
                .join()
                .unwrap_or_else(|_| Err(Error::Ocr("OCR page thread panicked".into())))?;
            sent.map_err(|()| Error::Ocr("OCR page thread stopped".into()))?;
            Ok(read)
        })?;
        for (i, content) in ocr_read {
            pages[i] = Some(content);
        }
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(i, p)| p.ok_or_else(|| Error::Ocr(format!("page {} was not read", i + 1))))
            .collect::<Result<Vec<_>>>()?;
        Ok((
            pages,
            PdfSummary {
                page_count: n,
                text_layers,
            },
            ocr_pages,
        ))
    }
}
