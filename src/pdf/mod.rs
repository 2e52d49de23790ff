//! PDF access through pdfium (`pdfium-render`), bound at run time to the `libpdfium.so` that
//! `scripts/download_models.sh` extracts from the pypdfium2 wheel.
//!
//! pdfium can be bound only once per process (a second `bind_to_library` fails), so the
//! binding lives in a process-wide `OnceLock` and every caller shares it.

pub mod content;
pub mod facts;
mod filters;
pub mod streams;
mod text_layer;

use std::path::Path;
use std::sync::OnceLock;

use pdfium_render::prelude::*;

use crate::error::{Cause, InvalidInput};
use crate::{Error, Result};

pub use text_layer::{assess_text_layer, TextLayerQuality};

/// `%PDF-` must appear within the first 1024 bytes (the PDF spec allows leading junk).
const PDF_MAGIC_WINDOW: usize = 1024;

/// The binding, or why it failed (shared: every later caller reports the same cause).
static PDFIUM: OnceLock<std::result::Result<Pdfium, BindError>> = OnceLock::new();

/// Why libpdfium could not be bound.
#[derive(Debug, Clone, thiserror::Error)]
enum BindError {
    /// No file at the path.
    #[error("file not found")]
    NotFound,
    /// The file exists but pdfium-render refused it; the binding happens once per process,
    /// so the cause is shared by every caller.
    #[error(transparent)]
    Bind(std::sync::Arc<PdfiumError>),
}

/// The process-wide pdfium binding.
pub struct PdfEngine {
    pdfium: &'static Pdfium,
    /// Documents with more pages are refused at open.
    max_pages: usize,
}

/// Default of `ZHENGXIN_MAX_PAGES`: real reports run to a few dozen pages; a document of
/// thousands is not one, and each page costs seconds when scanned.
pub const DEFAULT_MAX_PAGES: usize = 300;

/// Most pixels one page may be rendered to: an A3 page at 300 DPI is 17.4 Mpx, so 50 Mpx
/// (≈ 200 MB of RGBA) leaves room for any real report while a forged page size (PDF allows
/// 14,400 pt a side: 40,000 px at 200 DPI, 6.4 GB) is refused before pdfium allocates it.
pub const MAX_PAGE_PIXELS: u64 = 50_000_000;

/// Refuses to render page `index` at `px_per_pt` when that would exceed [`MAX_PAGE_PIXELS`].
pub fn check_render_size(page: &PdfPage<'_>, index: usize, px_per_pt: f32) -> Result<()> {
    let (w, h) = (page.width().value, page.height().value);
    let pixels = f64::from(w * px_per_pt).ceil() * f64::from(h * px_per_pt).ceil();
    if !pixels.is_finite() || pixels > MAX_PAGE_PIXELS as f64 {
        return Err(InvalidInput::PageTooLarge {
            page: index + 1,
            width_pt: w,
            height_pt: h,
            dpi: px_per_pt * 72.0,
            max_mpx: MAX_PAGE_PIXELS / 1_000_000,
        }
        .into());
    }
    Ok(())
}

impl PdfEngine {
    /// Binds libpdfium from `lib_path` on first call; later calls reuse that binding (and
    /// ignore `lib_path`).
    pub fn load(lib_path: &Path) -> Result<Self> {
        let bound = PDFIUM.get_or_init(|| {
            if !lib_path.is_file() {
                return Err(BindError::NotFound);
            }
            Pdfium::bind_to_library(lib_path)
                .map(Pdfium::new)
                .map_err(|e| BindError::Bind(std::sync::Arc::new(e)))
        });
        match bound {
            Ok(p) => Ok(Self {
                pdfium: p,
                max_pages: DEFAULT_MAX_PAGES,
            }),
            Err(reason) => Err(Error::artefact("libpdfium", lib_path, Cause::from(reason.clone()))),
        }
    }

    /// The underlying pdfium handle.
    pub fn pdfium(&self) -> &'static Pdfium {
        self.pdfium
    }

    /// Opens a PDF held in memory. Never touches the disk. Non-PDF bytes, corrupt files,
    /// password-protected files and decompression bombs become [`InvalidInput`] with a precise
    /// message.
    pub fn open<'a>(&self, bytes: &'a [u8]) -> Result<PdfDocument<'a>> {
        check_pdf_magic(bytes)?;
        // Before pdfium: its own cap on inflated streams is 1 GiB each.
        streams::check_inflated_size(
            bytes,
            streams::MAX_STREAM_INFLATED_BYTES,
            streams::MAX_TOTAL_INFLATED_BYTES,
        )?;
        let doc = self
            .pdfium
            .load_pdf_from_byte_slice(bytes, None)
            .map_err(map_open_error)?;
        let pages = usize::try_from(doc.pages().len()).unwrap_or(0);
        if pages > self.max_pages {
            return Err(InvalidInput::TooManyPages {
                pages,
                max: self.max_pages,
            }
            .into());
        }
        Ok(doc)
    }

    /// This engine with documents of more than `max_pages` pages refused at open.
    pub fn with_max_pages(self, max_pages: usize) -> Self {
        Self { max_pages, ..self }
    }
}

/// Rejects empty and non-PDF uploads before pdfium sees them.
pub fn check_pdf_magic(bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(InvalidInput::Empty.into());
    }
    let window = &bytes[..bytes.len().min(PDF_MAGIC_WINDOW)];
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(InvalidInput::NotPdf.into());
    }
    Ok(())
}

fn map_open_error(e: PdfiumError) -> Error {
    match &e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => InvalidInput::Encrypted(e),
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError)
        | PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FileError) => InvalidInput::Corrupt(e),
        _ => InvalidInput::Unopenable(e),
    }
    .into()
}

/// Page count and per-page text-layer verdicts of a PDF, as `Pipeline::read_pages` found them.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfSummary {
    /// Number of pages.
    pub page_count: usize,
    /// Per page: how usable its text layer is.
    pub text_layers: Vec<TextLayerQuality>,
}
