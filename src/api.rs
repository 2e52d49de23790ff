//! The response body of `POST /api/credit_report_v2` (and of `zhengxin parse`), exactly as
//! `shared/spec/API.md` specifies it.

use serde::{Deserialize, Serialize};

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
    /// HTTP status code for this API status, per API.md's error table.
    pub fn http_code(self) -> u16 {
        match self {
            Status::Ok => 200,
            Status::ParameterError | Status::NoPermission | Status::NotRecognizable => 400,
            Status::InternalError => 500,
        }
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
}

impl ApiResponse {
    /// A successful response.
    pub fn ok(report: CreditReport) -> Self {
        Self {
            status: Status::Ok,
            result: Some(Box::new(report)),
            error: None,
        }
    }

    /// A failure response built from an error.
    pub fn from_error(err: &Error) -> Self {
        Self {
            status: err.status(),
            result: None,
            error: Some(err.client_message()),
        }
    }

    /// HTTP code to send with this body.
    pub fn http_code(&self) -> u16 {
        self.status.http_code()
    }
}
