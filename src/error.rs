//! The crate's error type. [`Error`] is one pointer wide (a boxed [`ErrorKind`]) so that every
//! `Result` stays small, and it keeps the library error that caused it (pdfium, ONNX Runtime,
//! I/O) as its [`source`](std::error::Error::source), so a log line can show the whole chain.
//!
//! The error knows nothing of HTTP or of the API's statuses: `api::ApiResponse::from_error`
//! decides what a client is told, the server decides the HTTP code.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use pdfium_render::prelude::PdfiumError;

use crate::classify::Rejection;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A cause of any type, kept for `source()`.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can stop a request or start-up.
pub struct Error(Box<ErrorKind>);

/// What went wrong. The `Display` of the input, permission and recognition kinds is the text a
/// client is shown; the others are for logs and start-up messages.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input itself is wrong: not a PDF, too large, corrupt or encrypted, a bad form field.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// Authentication is configured and the request did not present a valid key.
    #[error(transparent)]
    NoPermission(#[from] Denied),
    /// The PDF opened but has no pages.
    #[error("PDF has no pages")]
    NoPages,
    /// The PDF is not a second-generation personal credit report.
    #[error(transparent)]
    NotReport(#[from] Rejection),
    /// A run-time artefact (libpdfium, libonnxruntime, a model, a font) is missing or unusable.
    /// Raised at start-up; the message names the file and the set-up script.
    #[error("{what} could not be loaded from {} (run scripts/download_models.sh)", path.display())]
    Artefact {
        /// What was being loaded, e.g. "libpdfium".
        what: &'static str,
        /// The path that was tried.
        path: PathBuf,
        /// Why it failed.
        #[source]
        cause: Cause,
    },
    /// The OCR device that was insisted on (`--require-device`) cannot be used: the GPU
    /// runtime, the CUDA/cuDNN libraries or the GPU itself. Raised at start-up.
    #[error("OCR device unavailable: {what} at {}", path.display())]
    Device {
        /// What failed, e.g. "CUDA execution provider".
        what: &'static str,
        /// The file that was being loaded when it failed.
        path: PathBuf,
        /// Why.
        #[source]
        cause: Cause,
    },
    /// Invalid settings (environment variable or flag); which one and why is the source.
    #[error("invalid configuration")]
    Config(#[from] ConfigError),
    /// pdfium failed on an operation other than opening the document.
    #[error("pdf processing failed: {what}")]
    Pdf {
        /// The operation, e.g. "rendering page 3".
        what: Cow<'static, str>,
        /// pdfium's error.
        #[source]
        source: PdfiumError,
    },
    /// OCR model inference failed.
    #[error("ocr failed: {what}")]
    Ocr {
        /// The step, e.g. "det inference".
        what: Cow<'static, str>,
        /// ONNX Runtime's error, when it raised one.
        #[source]
        source: Option<ort::Error>,
    },
    /// The per-request time limit was hit.
    #[error("timed out")]
    Timeout,
    /// Anything else that is our fault; logged, the client sees a generic text.
    #[error("internal error: {what}")]
    Internal {
        /// What failed.
        what: Cow<'static, str>,
        /// The underlying error, if any.
        #[source]
        source: Option<Cause>,
    },
    /// File-system error (CLI, corpus generation).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Why an input was refused. `Display` is the text the client sees.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidInput {
    /// Zero bytes.
    #[error("empty file")]
    Empty,
    /// No `%PDF-` header near the start.
    #[error("unsupported file format: not a PDF (no %PDF- header)")]
    NotPdf,
    /// Password-protected.
    #[error("PDF is password-protected (encrypted); upload an unencrypted copy")]
    Encrypted(#[source] PdfiumError),
    /// pdfium cannot parse the file structure.
    #[error("PDF is corrupt or truncated and cannot be opened")]
    Corrupt(#[source] PdfiumError),
    /// pdfium refused the file for another reason.
    #[error("PDF cannot be opened: {0:?}")]
    Unopenable(#[source] PdfiumError),
    /// More pages than a document may have (`ZHENGXIN_MAX_PAGES`).
    #[error("PDF has {pages} pages; at most {max} are read (a credit report has far fewer)")]
    TooManyPages {
        /// Pages in the document.
        pages: usize,
        /// The limit.
        max: usize,
    },
    /// A page so large that rendering it would take more pixels than any report page needs
    /// (an image bomb: a tiny file that asks for gigabytes of raster).
    #[error("page {page} is {width_pt:.0} × {height_pt:.0} pt: too large to render as a report page (at most {max_mpx} megapixels at {dpi:.0} DPI)")]
    PageTooLarge {
        /// 1-based page number.
        page: usize,
        /// Page width in points.
        width_pt: f32,
        /// Page height in points.
        height_pt: f32,
        /// The resolution it would be rendered at.
        dpi: f32,
        /// The limit in megapixels.
        max_mpx: u64,
    },
    /// One compressed stream inflates to more than any report needs (a decompression bomb).
    #[error("PDF has a compressed stream that inflates to more than {max_mb} MB; no credit report needs that much")]
    StreamTooLarge {
        /// The per-stream limit in MiB.
        max_mb: u64,
    },
    /// All compressed streams together inflate to more than any report needs.
    #[error("PDF's compressed streams inflate to more than {max_mb} MB in all; no credit report needs that much")]
    StreamsTooLarge {
        /// The whole-document limit in MiB.
        max_mb: u64,
    },
    /// Larger than the API's upload limit.
    #[error("file too large: the limit is {limit_mb} MB")]
    TooLarge {
        /// The limit in MB.
        limit_mb: usize,
    },
    /// A local file (CLI) that cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A local path (CLI) that is not a regular file.
    #[error("cannot read {}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A refusal explained in words: a malformed form field, a bad command-line argument.
    #[error("{0}")]
    Other(String),
}

/// A setting that cannot be used (`config`), named so that the message says which one and
/// why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A path setting that does not name a directory.
    #[error("{var}={} is not a directory", path.display())]
    NotADirectory {
        /// The variable.
        var: &'static str,
        /// Its value.
        path: PathBuf,
    },
    /// A variable whose value is not UTF-8.
    #[error("{var} is not valid UTF-8")]
    NotUnicode {
        /// The variable.
        var: &'static str,
    },
    /// A value outside what the setting accepts.
    #[error("{name} must be {expected}, got {got:?}")]
    Invalid {
        /// The variable or flag.
        name: &'static str,
        /// What it accepts.
        expected: String,
        /// What it was given.
        got: String,
    },
    /// A malformed API key (the keys themselves are never echoed).
    #[error("{var}: every key must be at least 8 printable ASCII characters without spaces")]
    ApiKey {
        /// The variable.
        var: &'static str,
    },
    /// OCR parameters that cannot run.
    #[error("OCR batch sizes and thread count must be at least 1")]
    OcrZero,
    /// The listen address cannot be bound.
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address.
        addr: String,
        /// The bind error.
        #[source]
        source: std::io::Error,
    },
}

/// Why a request was not authorised. `Display` is the text the client sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// No key in the request head.
    #[error("missing API key: send it as `X-Api-Key: KEY` or `Authorization: Bearer KEY`")]
    MissingKey,
    /// A key that matches none of the configured ones.
    #[error("invalid API key")]
    InvalidKey,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// A refusal of the input explained in words.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        InvalidInput::Other(message.into()).into()
    }

    /// An unusable artefact at `path`.
    pub fn artefact(what: &'static str, path: impl Into<PathBuf>, cause: impl Into<Cause>) -> Self {
        ErrorKind::Artefact {
            what,
            path: path.into(),
            cause: cause.into(),
        }
        .into()
    }

    /// The required OCR device `what` failed while loading `path`.
    pub fn device(what: &'static str, path: impl Into<PathBuf>, cause: impl Into<Cause>) -> Self {
        ErrorKind::Device {
            what,
            path: path.into(),
            cause: cause.into(),
        }
        .into()
    }

    /// A pdfium failure during `what`.
    pub fn pdf(what: impl Into<Cow<'static, str>>, source: PdfiumError) -> Self {
        ErrorKind::Pdf {
            what: what.into(),
            source,
        }
        .into()
    }

    /// An OCR failure that ONNX Runtime did not raise (a worker panicked, an output of the
    /// wrong shape).
    pub fn ocr(what: impl Into<Cow<'static, str>>) -> Self {
        ErrorKind::Ocr {
            what: what.into(),
            source: None,
        }
        .into()
    }

    /// An ONNX Runtime failure during `what`.
    pub fn ort(what: impl Into<Cow<'static, str>>, source: ort::Error) -> Self {
        ErrorKind::Ocr {
            what: what.into(),
            source: Some(source),
        }
        .into()
    }

    /// Our fault, without an underlying error.
    pub fn internal(what: impl Into<Cow<'static, str>>) -> Self {
        ErrorKind::Internal {
            what: what.into(),
            source: None,
        }
        .into()
    }

    /// Our fault, caused by `source`.
    pub fn internal_from(what: impl Into<Cow<'static, str>>, source: impl Into<Cause>) -> Self {
        ErrorKind::Internal {
            what: what.into(),
            source: Some(source.into()),
        }
        .into()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    // The kind's own cause: `Error` and `ErrorKind` are one link of the chain, not two.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self(Box::new(kind))
    }
}

impl From<InvalidInput> for Error {
    fn from(e: InvalidInput) -> Self {
        ErrorKind::from(e).into()
    }
}

impl From<Denied> for Error {
    fn from(e: Denied) -> Self {
        ErrorKind::from(e).into()
    }
}

impl From<Rejection> for Error {
    fn from(e: Rejection) -> Self {
        ErrorKind::from(e).into()
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        ErrorKind::from(e).into()
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        ErrorKind::from(e).into()
    }
}

/// The error and its causes on one line, `outer: cause: root`, for logs.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    // Native libraries end their messages with newlines (ONNX Runtime does); the chain is
    // one line for logs and the command line.
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = one_line(e.to_string());
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&one_line(cause.to_string()));
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn the_cause_is_kept_as_source() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = Error::artefact("libpdfium", "/x/libpdfium.so", io);
        let source = std::error::Error::source(&e).expect("source kept");
        assert_eq!(source.to_string(), "no such file");
        assert_eq!(
            chain(&e),
            "libpdfium could not be loaded from /x/libpdfium.so (run scripts/download_models.sh): no such file"
        );
    }

    #[test]
    fn config_errors_name_the_setting_once() {
        let e = Error::from(ConfigError::NotUnicode { var: "X" });
        assert_eq!(chain(&e), "invalid configuration: X is not valid UTF-8");
    }

    #[test]
    fn client_texts_do_not_repeat_their_cause() {
        let e = Error::from(InvalidInput::Corrupt(PdfiumError::UnknownBitmapFormat));
        assert_eq!(e.to_string(), "PDF is corrupt or truncated and cannot be opened");
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(Error::from(Denied::InvalidKey).to_string(), "invalid API key");
    }
}
