//! The whole parse: PDF bytes → `CreditReport`. Loaded once at start-up (pdfium binding and
//! the OCR sessions), then shared by all requests (`Send + Sync`).
//!
//! The stages are public, so that a test, a benchmark or an example can stop between them
//! without copying the page loop:
//!
//! ```text
//! bytes ──open──▶ PdfDocument ──read_pages──▶ Pages { Vec<PageContent>, … }   (read_page: one page)
//!       ──build_document──▶ layout::Document ──report──▶ report::CreditReport
//! ```
//!
//! [`Pipeline::parse`] runs them all.
//!
//! Pages are read as a stream: a page with a usable text layer is read from it (about a
//! millisecond); a vector page whose text layer is garbled (CJK fonts without a usable
//! ToUnicode map) keeps its glyph boxes and rulings and only the characters are recognised,
//! run by run (`scanned::glyph_runs`, on the calling thread); a scan is rendered and OCR'd.
//! At most two scanned pages are in memory at once — the one the models
//! are reading and the next one, rendered and straightened meanwhile on the calling thread —
//! so memory does not grow with the page count.

use pdfium_render::prelude::{PdfDocument, PdfPage};

use crate::classify;
use crate::config::Settings;
use crate::content::PageContent;
use crate::correct;
use crate::error::ErrorKind;
use crate::evidence::{self, provenance, Calibration, Evidence, Sheet};
use crate::layout::{self, Document, LayoutParams};
use crate::ocr::{ActiveDevice, OcrEngine, OcrSlot};
use crate::parse::ReportVersion;
use crate::pdf::{self, PdfEngine, PdfSummary, TextLayerQuality};
use crate::report::CreditReport;
use crate::scanned::glyph_runs::{self, GlyphRunParams, GlyphRunTimings};
use crate::scanned::{self, PageGeometry, ScanParams, ScanTimings};
use crate::{Error, Result};

/// Per-request options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// `auto_classify=1`: reject PDFs that are not second-generation personal credit reports.
    pub classify: bool,
    /// `evidence=1`: also say where each value is printed and how sure we are of it.
    pub evidence: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            classify: true,
            evidence: false,
        }
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
    /// The evidence, when the options asked for it.
    pub evidence: Option<Evidence>,
}

/// The first stage's output for a whole document: every page's content, in page order.
#[derive(Debug, Clone)]
pub struct Pages {
    /// One per page, in page order.
    pub contents: Vec<PageContent>,
    /// Page count and per-page text-layer verdicts.
    pub summary: PdfSummary,
    /// Zero-based indices of the pages read from pixels (glyph runs or OCR); their text is
    /// corrected against the report's vocabulary in [`Pipeline::build_document`].
    pub ocr_pages: Vec<usize>,
    /// How each page read by OCR was turned and deskewed (page index, geometry): the evidence
    /// maps its boxes back to the page with it.
    pub geometries: Vec<(usize, PageGeometry)>,
}

impl Pages {
    /// No pages yet; [`Pages::push`] adds them.
    pub fn new() -> Self {
        Self {
            contents: Vec::new(),
            summary: PdfSummary {
                page_count: 0,
                text_layers: Vec::new(),
            },
            ocr_pages: Vec::new(),
            geometries: Vec::new(),
        }
    }

    /// Appends page `index` as [`Pipeline::read_page`] read it (pages one by one, a subset
    /// of them, or in a different order: `build_document` sorts by page index).
    pub fn push(&mut self, index: usize, read: PageRead) {
        if read.from_pixels() {
            self.ocr_pages.push(index);
        }
        if let PageRoute::Ocr(geometry, _) = read.route {
            self.geometries.push((index, geometry));
        }
        self.summary.page_count += 1;
        self.summary.text_layers.push(read.quality);
        self.contents.push(read.content);
    }
}

impl Default for Pages {
    fn default() -> Self {
        Self::new()
    }
}

/// How one page was read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageRoute {
    /// From its usable text layer.
    TextLayer,
    /// Garbled text layer: glyph boxes and rulings from the PDF, characters recognised run by
    /// run.
    GlyphRuns(GlyphRunTimings),
    /// Rendered and read by OCR.
    Ocr(PageGeometry, ScanTimings),
}

/// One page read by [`Pipeline::read_page`].
#[derive(Debug, Clone)]
pub struct PageRead {
    /// What was read.
    pub content: PageContent,
    /// The text layer's verdict, which chose the route.
    pub quality: TextLayerQuality,
    /// The route taken, with its timings.
    pub route: PageRoute,
}

impl PageRead {
    /// Whether the page's text came from pixels (so it is corrected later).
    pub fn from_pixels(&self) -> bool {
        self.route != PageRoute::TextLayer
    }
}

/// What the model-free part of reading a page decided.
enum FirstPass {
    /// Read completely.
    Done(PageRead),
    /// Needs rendering and OCR.
    Scan(TextLayerQuality),
}

/// Everything loaded once.
pub struct Pipeline {
    engine: PdfEngine,
    ocr: OcrSlot,
    scan: ScanParams,
    glyph_runs: GlyphRunParams,
    layout: LayoutParams,
    review_threshold: f64,
    calibration: Calibration,
}

impl Pipeline {
    /// Binds pdfium and loads the OCR models as `settings` say (a server: no request pays for
    /// the load). Fails with a message naming the missing file and the set-up script.
    pub fn new(settings: &Settings) -> Result<Self> {
        let ocr = OcrSlot::eager(&settings.ocr, &settings.ocr_files())?;
        Self::with_ocr(settings, ocr)
    }

    /// Binds pdfium now and loads the OCR models when a page first needs them (a one-shot
    /// parse of a text report never loads them). A missing model fails the first scanned page.
    pub fn new_lazy(settings: &Settings) -> Result<Self> {
        Self::with_ocr(settings, OcrSlot::lazy(&settings.ocr, &settings.ocr_files()))
    }

    fn with_ocr(settings: &Settings, ocr: OcrSlot) -> Result<Self> {
        let engine = PdfEngine::load(&settings.pdfium_lib())?.with_max_pages(settings.max_pages);
        Ok(Self {
            engine,
            ocr,
            scan: settings.scan,
            glyph_runs: settings.glyph_runs,
            layout: settings.layout,
            review_threshold: settings.review_threshold,
            calibration: Calibration::committed(),
        })
    }

    /// The execution provider the OCR models run on; `None` until they are loaded.
    pub fn ocr_device(&self) -> Option<ActiveDevice> {
        self.ocr.loaded().map(OcrEngine::device)
    }

    /// The pdfium binding.
    pub fn engine(&self) -> &PdfEngine {
        &self.engine
    }

    /// The OCR models, loaded first if they are not yet.
    pub fn ocr(&self) -> Result<&OcrEngine> {
        self.ocr.get()
    }

    /// Parses one PDF held in memory: every stage.
    pub fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        let pdf = self.open(bytes)?;
        let pages = self.read_pages(&pdf)?;
        let (summary, ocr_pages) = (pages.summary.clone(), pages.ocr_pages.clone());
        // The glyphs and page frames are taken before the layout stage consumes the pages.
        let sheet = opts.evidence.then(|| Sheet::new(&pages.contents, &pages.geometries));
        let doc = self.build_document(pages)?;
        let (report, evidence) = match sheet {
            None => (self.report(&doc, opts)?, None),
            Some(sheet) => {
                let (report, log) = provenance::collect(|| self.report(&doc, opts));
                let report = report?;
                let mut evidence = evidence::build(&report, &log, &sheet, self.review_threshold, &self.calibration);
                // Integrity signals inform only: listed with the checks, they put no field up
                // for review and change no confidence.
                evidence.checks.extend(evidence::integrity::run(bytes, &pdf, &report));
                (report, Some(evidence))
            }
        };
        tracing::debug!(pages = summary.page_count, blocks = doc.blocks.len(), "report parsed");
        Ok(ParseOutcome {
            report,
            summary,
            ocr_pages,
            evidence,
        })
    }

    /// The stages up to the rebuilt document (debugging, tests, benchmarks), OCR'd pages
    /// corrected as in [`Pipeline::parse`].
    pub fn document(&self, bytes: &[u8]) -> Result<Document> {
        let pdf = self.open(bytes)?;
        self.build_document(self.read_pages(&pdf)?)
    }

    /// Opens a PDF held in memory. Non-PDF bytes, corrupt and password-protected files are
    /// [`ErrorKind::InvalidInput`].
    pub fn open<'a>(&self, bytes: &'a [u8]) -> Result<PdfDocument<'a>> {
        self.engine.open(bytes)
    }

    /// Rebuilds lines and tables from the pages and corrects the text of the pages read from
    /// pixels. A document without pages is [`ErrorKind::NoPages`].
    pub fn build_document(&self, pages: Pages) -> Result<Document> {
        if pages.summary.page_count == 0 {
            return Err(ErrorKind::NoPages.into());
        }
        let mut doc = layout::build_document_with(pages.contents, &self.layout);
        let stats = correct::correct_document(&mut doc, &pages.ocr_pages);
        if !pages.ocr_pages.is_empty() {
            tracing::debug!(ocr_pages = pages.ocr_pages.len(), ?stats, "OCR text corrected");
        }
        Ok(doc)
    }

    /// The report in `doc`. With `opts.classify`, a document that is not a second-generation
    /// personal report is [`ErrorKind::NotReport`]; without, it is read as the version its
    /// title suggests (personal when none).
    pub fn report(&self, doc: &Document, opts: ParseOptions) -> Result<CreditReport> {
        let version = if opts.classify {
            classify::classify(doc)?
        } else {
            classify::version_hint(doc).unwrap_or(ReportVersion::Personal)
        };
        tracing::debug!(?version, "report version");
        Ok(crate::parse::parse_report(doc, version))
    }

    /// Reads one page on the calling thread, by the route [`Pipeline::read_pages`] would take
    /// for it, and says which route that was. For examples and benchmarks that look at pages
    /// one by one; a whole document reads faster through `read_pages`, which overlaps the
    /// models with the next page's preparation.
    pub fn read_page(&self, page: &PdfPage<'_>, index: usize) -> Result<PageRead> {
        match self.first_pass(page, index)? {
            FirstPass::Done(read) => Ok(read),
            FirstPass::Scan(quality) => {
                let (content, geometry, timings) =
                    scanned::read_scanned_page(self.ocr.get()?, page, index, &self.scan)?;
                Ok(PageRead {
                    content,
                    quality,
                    route: PageRoute::Ocr(geometry, timings),
                })
            }
        }
    }

    /// The text layer, or the glyph-run path for a garbled one; [`FirstPass::Scan`] when the
    /// page has to be rendered and read by OCR.
    fn first_pass(&self, page: &PdfPage<'_>, index: usize) -> Result<FirstPass> {
        let (content, quality) = pdf::content::extract_page_checked(page, index)?;
        if quality == TextLayerQuality::Usable {
            return Ok(FirstPass::Done(PageRead {
                content,
                quality,
                route: PageRoute::TextLayer,
            }));
        }
        if quality == TextLayerQuality::Garbled {
            // Exact rulings and glyph boxes, characters from pixels; `None`: no usable glyph
            // layout (a scan with its own text layer), read as a scan.
            if let Some((read, timings)) =
                glyph_runs::read_garbled_page(self.ocr.get()?, page, index, content.rulings, &self.glyph_runs)?
            {
                tracing::debug!(
                    page = index,
                    ?timings,
                    spans = read.spans.len(),
                    "page read by glyph runs"
                );
                return Ok(FirstPass::Done(PageRead {
                    content: read,
                    quality,
                    route: PageRoute::GlyphRuns(timings),
                }));
            }
        }
        Ok(FirstPass::Scan(quality))
    }

    /// Reads every page: from its text layer when that is usable, by OCR otherwise. pdfium
    /// stays on this thread (text layers, rendering, and the model-free page preparation);
    /// a second thread runs the models on the previous prepared page meanwhile.
    pub fn read_pages(&self, pdf: &PdfDocument<'_>) -> Result<Pages> {
        let n = pdf.pages().len() as usize;
        let mut pages: Vec<Option<PageContent>> = vec![None; n];
        let mut text_layers = Vec::with_capacity(n);
        let mut ocr_pages = Vec::new();
        let ocr_read = std::thread::scope(|s| -> Result<Vec<(usize, PageContent, PageGeometry)>> {
            // Rendezvous: the next page waits here, prepared, until the models are free.
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, scanned::PreparedPage, std::time::Duration)>(0);
            let models = s.spawn(move || -> Result<Vec<(usize, PageContent, PageGeometry)>> {
                let mut out = Vec::new();
                for (i, prepared, render) in rx {
                    let (content, geometry, mut timings) =
                        scanned::recognize_page(self.ocr.get()?, prepared, i, &self.scan)?;
                    timings.render = render;
                    tracing::debug!(
                        page = i,
                        ?geometry,
                        ?timings,
                        spans = content.spans.len(),
                        "page read by OCR"
                    );
                    out.push((i, content, geometry));
                    crate::alloc::release_free_memory();
                }
                Ok(out)
            });
            let mut sent = Ok(());
            for (i, page) in pdf.pages().iter().enumerate() {
                let quality = match self.first_pass(&page, i)? {
                    FirstPass::Done(read) => {
                        text_layers.push(read.quality);
                        if read.from_pixels() {
                            ocr_pages.push(i);
                        }
                        pages[i] = Some(read.content);
                        continue;
                    }
                    FirstPass::Scan(quality) => quality,
                };
                text_layers.push(quality);
                ocr_pages.push(i);
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
                .unwrap_or_else(|_| Err(Error::ocr("OCR page thread panicked")))?;
            sent.map_err(|()| Error::ocr("OCR page thread stopped"))?;
            Ok(read)
        })?;
        let mut geometries = Vec::with_capacity(ocr_read.len());
        for (i, content, geometry) in ocr_read {
            pages[i] = Some(content);
            geometries.push((i, geometry));
        }
        let contents = pages
            .into_iter()
            .enumerate()
            .map(|(i, p)| p.ok_or_else(|| Error::ocr(format!("page {} was not read", i + 1))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Pages {
            contents,
            summary: PdfSummary {
                page_count: n,
                text_layers,
            },
            ocr_pages,
            geometries,
        })
    }
}
