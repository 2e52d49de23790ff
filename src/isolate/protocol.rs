//! What travels over a worker's pipes. Every message is a frame: a little-endian `u32` length,
//! then that many bytes. A request is two frames (the options as JSON, then the PDF); a reply
//! is one JSON frame ([`Reply`]). Nothing here is ever logged.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use crate::classify::Rejection;
use crate::error::{self, ErrorKind};
use crate::evidence::Evidence;
use crate::pdf::{PdfSummary, TextLayerQuality};
use crate::pipeline::{ParseOptions, ParseOutcome};
use crate::report::CreditReport;
use crate::{Error, Result};

/// Largest request frame: the upload limit plus room for the options.
pub const MAX_REQUEST_FRAME: usize = crate::config::MAX_UPLOAD_BYTES + 64 * 1024;
/// Largest reply frame; a report with evidence is a few MB at most.
pub const MAX_REPLY_FRAME: usize = 256 * 1024 * 1024;

/// Writes one frame.
pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len =
        u32::try_from(payload.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(payload)
}

/// Reads one frame; `None` when the stream ends cleanly before it (the peer closed the pipe).
pub fn read_frame(r: &mut impl Read, max: usize) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < len.len() {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes over the {max}-byte limit"),
        ));
    }
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)?;
    Ok(Some(payload))
}

/// The options frame of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireOptions {
    /// `ParseOptions::classify`.
    pub classify: bool,
    /// `ParseOptions::evidence`.
    pub evidence: bool,
    /// `ParseOptions::page_images`; absent in a frame from an older server, hence the default.
    #[serde(default)]
    pub page_images: bool,
}

impl From<ParseOptions> for WireOptions {
    fn from(o: ParseOptions) -> Self {
        Self {
            classify: o.classify,
            evidence: o.evidence,
            page_images: o.page_images,
        }
    }
}

impl From<WireOptions> for ParseOptions {
    fn from(o: WireOptions) -> Self {
        Self {
            classify: o.classify,
            evidence: o.evidence,
            page_images: o.page_images,
        }
    }
}

/// A worker's message to the server.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Sent once, after the models loaded: the worker takes requests from now on.
    Ready,
    /// A parse that succeeded.
    Parsed(Box<WireOutcome>),
    /// A parse that failed, with the kind that decides the client's status.
    Failed(WireError),
}

/// [`ParseOutcome`] on the wire.
#[derive(Debug, Serialize, Deserialize)]
pub struct WireOutcome {
    /// The report.
    pub report: CreditReport,
    /// The evidence, when asked for.
    pub evidence: Option<Evidence>,
    /// Pages in the document.
    pub page_count: usize,
    /// Per page: its text layer's verdict.
    pub text_layers: Vec<WireTextLayer>,
    /// Pages read by OCR.
    pub ocr_pages: Vec<usize>,
}

/// [`TextLayerQuality`] on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireTextLayer {
    /// `Empty`.
    Empty,
    /// `Garbled`.
    Garbled,
    /// `Usable`.
    Usable,
}

/// An error on the wire: enough to give the client the same status and text as an in-process
/// parse would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum WireError {
    /// The input was refused; `message` is the client's text.
    Parameter {
        /// The text.
        message: String,
    },
    /// The PDF has no pages.
    NoPages,
    /// Not a readable second-generation personal report.
    NotReport {
        /// Why.
        rejection: WireRejection,
    },
    /// The worker's own time limit (not used by `zhengxin worker`; kept so that the kind maps
    /// both ways).
    Timeout,
    /// Our fault; `message` is the whole error chain, our text only (for the server's log).
    Internal {
        /// The chain.
        message: String,
    },
}

/// [`Rejection`] on the wire; both conversions are exhaustive matches, so a new rejection does
/// not compile until it is added here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum WireRejection {
    Enterprise,
    Simplified,
    NoTitle,
    FirstGeneration,
    NoVersionLine,
    NoHeaderTable,
    TooFewSections { found: usize, expected: usize },
}

impl From<Rejection> for WireRejection {
    fn from(r: Rejection) -> Self {
        match r {
            Rejection::Enterprise => Self::Enterprise,
            Rejection::Simplified => Self::Simplified,
            Rejection::NoTitle => Self::NoTitle,
            Rejection::FirstGeneration => Self::FirstGeneration,
            Rejection::NoVersionLine => Self::NoVersionLine,
            Rejection::NoHeaderTable => Self::NoHeaderTable,
            Rejection::TooFewSections { found, expected } => Self::TooFewSections { found, expected },
        }
    }
}

impl From<WireRejection> for Rejection {
    fn from(r: WireRejection) -> Self {
        match r {
            WireRejection::Enterprise => Self::Enterprise,
            WireRejection::Simplified => Self::Simplified,
            WireRejection::NoTitle => Self::NoTitle,
            WireRejection::FirstGeneration => Self::FirstGeneration,
            WireRejection::NoVersionLine => Self::NoVersionLine,
            WireRejection::NoHeaderTable => Self::NoHeaderTable,
            WireRejection::TooFewSections { found, expected } => Self::TooFewSections { found, expected },
        }
    }
}

impl From<TextLayerQuality> for WireTextLayer {
    fn from(q: TextLayerQuality) -> Self {
        match q {
            TextLayerQuality::Empty => Self::Empty,
            TextLayerQuality::Garbled => Self::Garbled,
            TextLayerQuality::Usable => Self::Usable,
        }
    }
}

impl From<WireTextLayer> for TextLayerQuality {
    fn from(q: WireTextLayer) -> Self {
        match q {
            WireTextLayer::Empty => Self::Empty,
            WireTextLayer::Garbled => Self::Garbled,
            WireTextLayer::Usable => Self::Usable,
        }
    }
}

impl Reply {
    /// The reply to a parse.
    pub fn of(result: Result<ParseOutcome>) -> Self {
        match result {
            Ok(o) => Reply::Parsed(Box::new(WireOutcome {
                report: o.report,
                evidence: o.evidence,
                page_count: o.summary.page_count,
                text_layers: o.summary.text_layers.into_iter().map(Into::into).collect(),
                ocr_pages: o.ocr_pages,
            })),
            Err(e) => Reply::Failed(WireError::of(&e)),
        }
    }
}

impl WireError {
    /// The wire form of an error.
    pub fn of(e: &Error) -> Self {
        match e.kind() {
            ErrorKind::InvalidInput(i) => WireError::Parameter { message: i.to_string() },
            ErrorKind::NoPages => WireError::NoPages,
            ErrorKind::NotReport(r) => WireError::NotReport { rejection: (*r).into() },
            ErrorKind::Timeout => WireError::Timeout,
            _ => WireError::Internal {
                message: error::chain(e),
            },
        }
    }

    /// The error the server handles as if the parse had run in its own process.
    pub fn into_error(self) -> Error {
        match self {
            WireError::Parameter { message } => Error::invalid_input(message),
            WireError::NoPages => ErrorKind::NoPages.into(),
            WireError::NotReport { rejection } => Rejection::from(rejection).into(),
            WireError::Timeout => ErrorKind::Timeout.into(),
            WireError::Internal { message } => Error::internal(format!("in the worker: {message}")),
        }
    }
}

impl WireOutcome {
    /// The outcome as the pipeline returned it in the worker.
    pub fn into_outcome(self) -> ParseOutcome {
        ParseOutcome {
            report: self.report,
            summary: PdfSummary {
                page_count: self.page_count,
                text_layers: self.text_layers.into_iter().map(Into::into).collect(),
            },
            ocr_pages: self.ocr_pages,
            evidence: self.evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{client_message, Status};

    #[test]
    fn frames_round_trip_and_a_clean_end_is_not_an_error() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"abc").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r, 10).unwrap().unwrap(), b"abc");
        assert_eq!(read_frame(&mut r, 10).unwrap().unwrap(), b"");
        assert!(read_frame(&mut r, 10).unwrap().is_none());
    }

    #[test]
    fn options_round_trip_and_page_images_defaults_off_in_an_older_frame() {
        let opts = ParseOptions {
            classify: false,
            evidence: true,
            page_images: true,
        };
        let json = serde_json::to_vec(&WireOptions::from(opts)).unwrap();
        let back: WireOptions = serde_json::from_slice(&json).unwrap();
        assert_eq!(ParseOptions::from(back), opts);
        let old: WireOptions = serde_json::from_str(r#"{"classify":true,"evidence":true}"#).unwrap();
        assert!(!ParseOptions::from(old).page_images);
    }

    #[test]
    fn truncated_and_oversized_frames_are_errors() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"abcdef").unwrap();
        assert!(read_frame(&mut &buf[..3], 10).is_err());
        assert!(read_frame(&mut &buf[..7], 10).is_err());
        assert!(read_frame(&mut &buf[..], 5).is_err());
    }

    #[test]
    fn errors_keep_their_status_and_client_text_across_the_pipe() {
        let errors: Vec<Error> = vec![
            Error::invalid_input("bad field"),
            crate::error::InvalidInput::TooManyPages { pages: 9, max: 3 }.into(),
            ErrorKind::NoPages.into(),
            Rejection::TooFewSections { found: 1, expected: 4 }.into(),
            Rejection::Enterprise.into(),
            ErrorKind::Timeout.into(),
            Error::internal("pdfium broke"),
        ];
        for e in errors {
            let json = serde_json::to_vec(&Reply::Failed(WireError::of(&e))).unwrap();
            let Reply::Failed(w) = serde_json::from_slice(&json).unwrap() else {
                panic!("not a failure")
            };
            let back = w.into_error();
            assert_eq!(Status::of(&back), Status::of(&e));
            assert_eq!(client_message(&back), client_message(&e));
        }
    }
}
