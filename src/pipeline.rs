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
//! [`Pipeline::parse`] runs them all, and records the time each finer stage took (open, text,
//! render, geometry, detect, recognise, layout, parse, evidence: [`StageTimes`]) in its outcome
//! for the `zhengxin_stage_seconds` metric.
//!
//! Pages are read as a stream: a page with a usable text layer is read from it (about a
//! millisecond); a vector page whose text layer is garbled (CJK fonts without a usable
//! ToUnicode map) keeps its glyph boxes and rulings and only the characters are recognised,
//! run by run (`scanned::glyph_runs`, on the calling thread); a scan is rendered and OCR'd.
//!
//! Scanned pages are read side by side: pdfium renders them one after another on the calling
//! thread (it is not thread-safe, and rendering is a small part of a page's time), and page
//! workers each take the next rendered page, prepare it (cleaning, orientation, skew,
//! rulings) and run the models on it with an engine borrowed from the [`EnginePool`]. The
//! pool has `Settings::page_workers` engines shared by every request, so pages of one request
//! and concurrent requests together never run more OCR at once than there are engines. Each
//! page's result depends on that page alone and pages are assembled by index, so the output
//! does not depend on how many workers there are or which finished first. At most one page per
//! worker plus the one rendered next are in memory at once, so memory does not grow with the
//! page count.

mod engines;
mod stages;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use image::RgbImage;
use pdfium_render::prelude::{PdfDocument, PdfPage};

pub use engines::{EnginePool, Lease};
pub use stages::{Stage, StageTimes};

use crate::classify;
use crate::config::Settings;
use crate::content::PageContent;
use crate::correct;
use crate::error::ErrorKind;
use crate::evidence::{self, provenance, Calibration, Evidence, Sheet};
use crate::layout::{self, Document, LayoutParams};
use crate::ocr::{ActiveDevice, OcrEngine};
use crate::parse::ReportVersion;
use crate::pdf::facts::PageFacts;
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
    /// `page_images=1` (only with `evidence`): each evidence page carries a PNG of itself at
    /// `Settings::review_dpi`, for the review page.
    pub page_images: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            classify: true,
            evidence: false,
            page_images: false,
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
    /// Time spent per stage (`zhengxin_stage_seconds`).
    pub stages: StageTimes,
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
    /// Time spent reading the pages, per stage ([`Pipeline::read_pages`] fills it).
    pub stages: StageTimes,
    /// What the integrity signals need of each page, in page order.
    pub facts: Vec<PageFacts>,
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
            stages: StageTimes::default(),
            facts: Vec::new(),
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
        self.facts.push(read.facts);
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
    /// What the integrity signals need of the page.
    pub facts: PageFacts,
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
    Scan(TextLayerQuality, PageFacts),
}

/// A page rendered on the calling thread, on its way to a page worker.
struct Rendered {
    index: usize,
    image: RgbImage,
    dpi: f32,
    render: Duration,
}

/// A page read by a page worker.
type OcrRead = (usize, PageContent, PageGeometry, ScanTimings);

/// Everything loaded once.
pub struct Pipeline {
    engine: PdfEngine,
    ocr: EnginePool,
    scan: ScanParams,
    glyph_runs: GlyphRunParams,
    layout: LayoutParams,
    review_threshold: f64,
    review_dpi: u32,
    calibration: Calibration,
}

impl Pipeline {
    /// Binds pdfium and loads the OCR models as `settings` say, one engine per page worker
    /// (a server: no request pays for the load). Fails with a message naming the missing file
    /// and the set-up script.
    pub fn new(settings: &Settings) -> Result<Self> {
        let ocr = EnginePool::eager(&settings.ocr, &settings.ocr_files(), settings.page_workers)?;
        Self::with_ocr(settings, ocr)
    }

    /// Binds pdfium now and loads the OCR models when a page first needs them (a one-shot
    /// parse of a text report never loads them). A missing model fails the first scanned page.
    pub fn new_lazy(settings: &Settings) -> Result<Self> {
        Self::with_ocr(
            settings,
            EnginePool::lazy(&settings.ocr, &settings.ocr_files(), settings.page_workers),
        )
    }

    fn with_ocr(settings: &Settings, ocr: EnginePool) -> Result<Self> {
        let engine = PdfEngine::load(&settings.pdfium_lib())?.with_max_pages(settings.max_pages);
        Ok(Self {
            engine,
            ocr,
            scan: settings.scan,
            glyph_runs: settings.glyph_runs,
            layout: settings.layout,
            review_threshold: settings.review_threshold,
            review_dpi: settings.review_dpi,
            calibration: Calibration::committed(),
        })
    }

    /// The execution provider the OCR models run on; `None` until they are loaded.
    pub fn ocr_device(&self) -> Option<ActiveDevice> {
        self.ocr.first_loaded().map(OcrEngine::device)
    }

    /// The pdfium binding.
    pub fn engine(&self) -> &PdfEngine {
        &self.engine
    }

    /// The first OCR engine, loaded first if it is not yet (tools that call the models
    /// directly; the page stages borrow engines from [`Pipeline::engines`]).
    pub fn ocr(&self) -> Result<&OcrEngine> {
        self.ocr.first()
    }

    /// The OCR engines: one per page worker, shared by all requests.
    pub fn engines(&self) -> &EnginePool {
        &self.ocr
    }

    /// Parses one PDF held in memory: every stage.
    pub fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        let t = Instant::now();
        let pdf = self.open(bytes)?;
        let open = t.elapsed();
        let mut pages = self.read_pages(&pdf)?;
        pages.stages.add(Stage::Open, open);
        self.finish(bytes, &pdf, pages, opts)
    }

    /// Every stage after the pages are read (`bytes` and `pdf` are the file they were read
    /// from): the document, the report and, when `opts` ask for it, the evidence. Public so that
    /// the scanned-path benchmark can time what `evidence=1` adds to pages read once.
    pub fn finish(
        &self,
        bytes: &[u8],
        pdf: &PdfDocument<'_>,
        mut pages: Pages,
        opts: ParseOptions,
    ) -> Result<ParseOutcome> {
        let mut stages = std::mem::take(&mut pages.stages);
        let facts = std::mem::take(&mut pages.facts);
        let (summary, ocr_pages) = (pages.summary.clone(), pages.ocr_pages.clone());
        // The glyphs and page frames are taken before the layout stage consumes the pages.
        let sheet = opts
            .evidence
            .then(|| stages.time(Stage::Evidence, || Sheet::new(&pages.contents, &pages.geometries)));
        let doc = stages.time(Stage::Layout, || self.build_document(pages))?;
        let (report, evidence) = match sheet {
            None => (stages.time(Stage::Parse, || self.report(&doc, opts))?, None),
            Some(sheet) => {
                let (report, log) = stages.time(Stage::Parse, || provenance::collect(|| self.report(&doc, opts)));
                let report = report?;
                let evidence = stages.time(Stage::Evidence, || {
                    let mut evidence = evidence::build(&report, &log, &sheet, self.review_threshold, &self.calibration);
                    // Integrity signals inform only: listed with the checks, they put no field
                    // up for review and change no confidence.
                    evidence.checks.extend(evidence::integrity::run(bytes, pdf, &facts));
                    if opts.page_images {
                        evidence::page_image::attach(pdf, &mut evidence, self.review_dpi);
                    }
                    evidence
                });
                (report, Some(evidence))
            }
        };
        tracing::debug!(pages = summary.page_count, blocks = doc.blocks.len(), "report parsed");
        Ok(ParseOutcome {
            report,
            summary,
            ocr_pages,
            evidence,
            stages,
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
        // A single page's stage times travel in its route; the rest is not kept here.
        match self.first_pass(page, index, &mut StageTimes::default())? {
            FirstPass::Done(read) => Ok(read),
            FirstPass::Scan(quality, facts) => {
                let lease = self.ocr.lease();
                let (content, geometry, timings) =
                    scanned::read_scanned_page(lease.engine()?, page, index, &self.scan)?;
                Ok(PageRead {
                    content,
                    quality,
                    route: PageRoute::Ocr(geometry, timings),
                    facts,
                })
            }
        }
    }

    /// The text layer, or the glyph-run path for a garbled one; [`FirstPass::Scan`] when the
    /// page has to be rendered and read by OCR.
    fn first_pass(&self, page: &PdfPage<'_>, index: usize, stages: &mut StageTimes) -> Result<FirstPass> {
        let pdf::content::LayerRead {
            content,
            quality,
            facts,
        } = stages.time(Stage::Text, || pdf::content::extract_page_checked(page, index))?;
        if quality == TextLayerQuality::Usable {
            return Ok(FirstPass::Done(PageRead {
                content,
                quality,
                route: PageRoute::TextLayer,
                facts,
            }));
        }
        if quality == TextLayerQuality::Garbled {
            // Exact rulings and glyph boxes, characters from pixels; `None`: no usable glyph
            // layout (a scan with its own text layer), read as a scan.
            let lease = self.ocr.lease();
            if let Some((read, timings)) =
                glyph_runs::read_garbled_page(lease.engine()?, page, index, content.rulings, &self.glyph_runs)?
            {
                tracing::debug!(
                    page = index,
                    ?timings,
                    spans = read.spans.len(),
                    "page read by glyph runs"
                );
                stages.add(Stage::Text, timings.runs);
                stages.add(Stage::Render, timings.render);
                stages.add(Stage::Recognise, timings.rec);
                return Ok(FirstPass::Done(PageRead {
                    content: read,
                    quality,
                    route: PageRoute::GlyphRuns(timings),
                    facts,
                }));
            }
        }
        Ok(FirstPass::Scan(quality, facts))
    }

    /// Reads every page: from its text layer when that is usable, by OCR otherwise. pdfium
    /// stays on this thread (text layers, rendering); one page worker per engine prepares and
    /// reads the rendered scans meanwhile, and the pages are put back in order.
    pub fn read_pages(&self, pdf: &PdfDocument<'_>) -> Result<Pages> {
        let n = pdf.pages().len() as usize;
        let mut pages: Vec<Option<PageContent>> = vec![None; n];
        let mut text_layers = Vec::with_capacity(n);
        let mut facts = Vec::with_capacity(n);
        let mut ocr_pages = Vec::new();
        let mut stages = StageTimes::default();
        // Set by a worker whose page failed: no further page is rendered or read.
        let stop = AtomicBool::new(false);
        let ocr_read = std::thread::scope(|s| -> Result<Vec<OcrRead>> {
            // Rendezvous: a rendered page waits here until a worker is free, so pages are not
            // rendered faster than they are read.
            let (tx, rx) = sync_channel::<Rendered>(0);
            // Shared by the workers; dropped with the last of them, which makes a send fail
            // rather than wait for ever.
            let rx = Arc::new(Mutex::new(rx));
            let workers: Vec<_> = (0..self.ocr.size())
                .map(|_| {
                    let (rx, stop) = (Arc::clone(&rx), &stop);
                    s.spawn(move || self.page_worker(&rx, stop))
                })
                .collect();
            drop(rx);
            let mut sent = Ok(());
            for (i, page) in pdf.pages().iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let quality = match self.first_pass(&page, i, &mut stages)? {
                    FirstPass::Done(read) => {
                        text_layers.push(read.quality);
                        if read.from_pixels() {
                            ocr_pages.push(i);
                        }
                        facts.push(read.facts);
                        pages[i] = Some(read.content);
                        continue;
                    }
                    FirstPass::Scan(quality, page_facts) => {
                        facts.push(page_facts);
                        quality
                    }
                };
                text_layers.push(quality);
                ocr_pages.push(i);
                tracing::debug!(page = i, ?quality, "page goes to OCR");
                let (image, dpi, render) = scanned::render_page(&page, i, self.scan.max_dpi)?;
                let job = Rendered {
                    index: i,
                    image,
                    dpi,
                    render,
                };
                // A send fails only when every worker has stopped on an error, which the
                // joins below report.
                if tx.send(job).is_err() {
                    sent = Err(());
                    break;
                }
            }
            drop(tx);
            let mut read = Vec::new();
            // The error of the earliest failed page, whichever worker met it first.
            let mut failed: Option<(usize, Error)> = None;
            for worker in workers {
                match worker.join() {
                    Ok(Ok(done)) => read.extend(done),
                    Ok(Err((i, e))) => {
                        if failed.as_ref().is_none_or(|(j, _)| i < *j) {
                            failed = Some((i, e));
                        }
                    }
                    Err(_) => {
                        if failed.is_none() {
                            failed = Some((usize::MAX, Error::ocr("OCR page worker panicked")));
                        }
                    }
                }
            }
            if let Some((_, e)) = failed {
                return Err(e);
            }
            sent.map_err(|()| Error::ocr("OCR page workers stopped"))?;
            Ok(read)
        });
        if !ocr_pages.is_empty() {
            // Once per document, not per page: the next page's tensors reuse what this one
            // freed instead of faulting it in again (see `alloc`).
            crate::alloc::release_free_memory();
        }
        let ocr_read = ocr_read?;
        let mut geometries = Vec::with_capacity(ocr_read.len());
        for (i, content, geometry, timings) in ocr_read {
            pages[i] = Some(content);
            geometries.push((i, geometry));
            stages.add(Stage::Render, timings.render);
            stages.add(Stage::Geometry, timings.geometry);
            stages.add(Stage::Detect, timings.det + timings.cls);
            stages.add(Stage::Recognise, timings.rec + timings.cells);
        }
        // Workers finish in any order; the evidence lists geometries by page.
        geometries.sort_by_key(|&(i, _)| i);
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
            stages,
            facts,
        })
    }

    /// One page worker: takes rendered pages until there are no more (or another worker's
    /// page failed) and reads each with a borrowed engine. Its error names the page.
    fn page_worker(
        &self,
        jobs: &Mutex<Receiver<Rendered>>,
        stop: &AtomicBool,
    ) -> std::result::Result<Vec<OcrRead>, (usize, Error)> {
        let mut out = Vec::new();
        loop {
            // The lock is held only while this worker waits for the next page.
            let job = match jobs.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => break,
            };
            let Ok(job) = job else { break };
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let index = job.index;
            match self.read_rendered(job) {
                Ok(read) => out.push(read),
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    return Err((index, e));
                }
            }
        }
        Ok(out)
    }

    /// Prepares and reads one rendered page with an engine borrowed for the time it takes.
    fn read_rendered(&self, job: Rendered) -> Result<OcrRead> {
        let Rendered {
            index,
            image,
            dpi,
            render,
        } = job;
        let lease = self.ocr.lease();
        let engine = lease.engine()?;
        let prepared = scanned::prepare_page(image, dpi, &self.scan);
        let (content, geometry, mut timings) = scanned::recognize_page(engine, prepared, index, &self.scan)?;
        timings.render = render;
        tracing::debug!(
            page = index,
            ?geometry,
            ?timings,
            spans = content.spans.len(),
            "page read by OCR"
        );
        Ok((index, content, geometry, timings))
    }
}
