//! PDF access through pdfium (`pdfium-render`), bound at run time to the `libpdfium.so` that
//! `scripts/download_models.sh` extracts from the pypdfium2 wheel.
//!
//! pdfium can be bound only once per process (a second `bind_to_library` fails), so the
//! binding lives in a process-wide `OnceLock` and every caller shares it.

pub mod content;
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
            Ok(p) => Ok(Self { pdfium: p }),
            Err(reason) => Err(Error::artefact("libpdfium", lib_path, Cause::from(reason.clone()))),
        }
    }

    /// The underlying pdfium handle.
    pub fn pdfium(&self) -> &'static Pdfium {
        self.pdfium
    }

    /// Opens a PDF held in memory. Never touches the disk. Non-PDF bytes, corrupt files and
    /// password-protected files become [`InvalidInput`] with a precise message.
    pub fn open<'a>(&self, bytes: &'a [u8]) -> Result<PdfDocument<'a>> {
        check_pdf_magic(bytes)?;
        match self.pdfium.load_pdf_from_byte_slice(bytes, None) {
            Ok(doc) => Ok(doc),
            Err(e) => Err(map_open_error(e)),
        }
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
