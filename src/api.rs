//! The response body of `POST /api/credit_report_v2` (and of `zhengxin parse`), exactly as
//! `shared/spec/API.md` specifies it, and what a client is told about each kind of error. The
//! HTTP code of each status is the server's business (`server::response`).

use serde::{Deserialize, Serialize};

use crate::error::ErrorKind;
use crate::evidence::Evidence;
use crate::report::CreditReport;
use crate::Error;

/// The `status` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Success; `result` is present.
    Ok,
    /// Bad request parameters (HTTP 400).
    ParameterError,
    /// Missing or wrong credentials (HTTP 400).
    NoPermission,
    /// Not a credit report, or unreadable (HTTP 400).
    NotRecognizable,
    /// Our fault (HTTP 500).
    InternalError,
}

impl Status {
    /// The wire spelling (`OK`, `PARAMETER_ERROR`, …), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::ParameterError => "PARAMETER_ERROR",
            Status::NoPermission => "NO_PERMISSION",
            Status::NotRecognizable => "NOT_RECOGNIZABLE",
            Status::InternalError => "INTERNAL_ERROR",
        }
    }

    /// The status an error is reported as, per API.md's error table.
    pub fn of(err: &Error) -> Self {
        match err.kind() {
            ErrorKind::InvalidInput(_) => Status::ParameterError,
            ErrorKind::NoPermission(_) => Status::NoPermission,
            ErrorKind::NoPages | ErrorKind::NotReport(_) => Status::NotRecognizable,
            _ => Status::InternalError,
        }
    }
}

/// The text put in the response's `error` field: the error itself when it is about the
/// request, a fixed text when it is ours (the details stay in the log).
pub fn client_message(err: &Error) -> String {
    match (Status::of(err), err.kind()) {
        (Status::InternalError, ErrorKind::Timeout) => "timed out".to_string(),
        (Status::InternalError, _) => "internal server error".to_string(),
        _ => err.to_string(),
    }
}

/// The JSON body. `result` only on success, `error` only on failure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiResponse {
    /// `OK` or an error code.
    pub status: Status,
    /// The structured report (success only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub result: Option<Box<CreditReport>>,
    /// Human-readable failure description (failure only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Where each value is printed and how sure we are (success with `evidence=1` only;
    /// absent otherwise, so the body is exactly API.md's).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evidence: Option<Box<Evidence>>,
}

impl ApiResponse {
    /// A successful response.
    pub fn ok(report: CreditReport) -> Self {
        Self {
            status: Status::Ok,
            result: Some(Box::new(report)),
            error: None,
            evidence: None,
        }
    }

    /// A successful response with its evidence when there is some.
    pub fn ok_with(report: CreditReport, evidence: Option<Evidence>) -> Self {
        Self {
            evidence: evidence.map(Box::new),
            ..Self::ok(report)
        }
    }

    /// A failure response built from an error.
    pub fn from_error(err: &Error) -> Self {
        Self {
            status: Status::of(err),
            result: None,
            error: Some(client_message(err)),
            evidence: None,
        }
    }
}
