//! The crate's error type. Each variant maps to exactly one API status code (see
//! [`Error::status`]), so the server never has to guess from a message.

use crate::api::Status;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a request or start-up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request itself is wrong: missing field, not a PDF, too large, bad parameter,
    /// corrupt or encrypted PDF. The message is shown to the client.
    #[error("{0}")]
    InvalidInput(String),
    /// Authentication is configured and the request did not present a valid key.
    #[error("{0}")]
    NoPermission(String),
    /// The PDF opened, but it is not a credit report we can read (classification, unreadable
    /// pages). The message is shown to the client.
    #[error("{0}")]
    NotRecognizable(String),
    /// A run-time artefact (libpdfium, libonnxruntime, a model, a font) is missing or unusable.
    /// Raised at start-up; the message names the file and the set-up script.
    #[error("{what} could not be loaded from {path}: {reason} (run scripts/download_models.sh)")]
    Artefact {
        /// What was being loaded, e.g. "libpdfium".
        what: &'static str,
        /// The path that was tried.
        path: String,
        /// Why it failed.
        reason: String,
    },
    /// Invalid configuration (environment variable or flag).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// pdfium failed on an operation other than opening the document.
    #[error("pdf processing failed: {0}")]
    Pdf(String),
    /// OCR model inference failed.
    #[error("ocr failed: {0}")]
    Ocr(String),
    /// The per-request time limit was hit.
    #[error("timed out")]
    Timeout,
    /// Anything else that is our fault; the message is logged, the client sees a generic text.
    #[error("internal error: {0}")]
    Internal(String),
    /// File-system error (CLI, corpus generation).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The API status this error is reported as.
    pub fn status(&self) -> Status {
        match self {
            Error::InvalidInput(_) => Status::ParameterError,
            Error::NoPermission(_) => Status::NoPermission,
            Error::NotRecognizable(_) => Status::NotRecognizable,
            _ => Status::InternalError,
        }
    }

    /// The text put in the response's `error` field. Internal details stay in the log.
    pub fn client_message(&self) -> String {
        match self {
            Error::InvalidInput(m) | Error::NoPermission(m) | Error::NotRecognizable(m) => m.clone(),
            Error::Timeout => "timed out".to_string(),
            _ => "internal server error".to_string(),
        }
    }
}
