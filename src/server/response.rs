//! JSON responses. Every answer the server gives, errors and 404s included, is a JSON body
//! with `Content-Type: application/json; charset=utf-8`.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use serde::Serialize;

use crate::api::{ApiResponse, Status};

/// Response body type of the server.
pub type Body = Full<Bytes>;

/// Header carrying the request id, so a client can quote it when reporting a problem.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

const JSON: &str = "application/json; charset=utf-8";

/// Used when serialising the real body failed; a constant so it cannot fail itself.
const FALLBACK_INTERNAL: &str = r#"{"status":"INTERNAL_ERROR","error":"internal server error"}"#;

/// `GET /healthz` body.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `ok` while the server accepts requests.
    pub status: &'static str,
}

/// `GET /readyz` body.
#[derive(Debug, Serialize)]
pub struct Readiness {
    /// `ready`, or `not ready`.
    pub status: &'static str,
    /// Why not, when not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// Serialises `value` with HTTP status `code`.
pub fn json<T: Serialize>(code: StatusCode, value: &T, request_id: u64) -> Response<Body> {
    match serde_json::to_vec(value) {
        Ok(body) => build(code, Bytes::from(body), request_id),
        Err(e) => {
            tracing::error!(request_id, error = %e, "response serialisation failed");
            build(
                StatusCode::INTERNAL_SERVER_ERROR,
                Bytes::from_static(FALLBACK_INTERNAL.as_bytes()),
                request_id,
            )
        }
    }
}

/// A JSON document that is part of the binary (`GET /openapi.json`), served without a copy.
pub fn static_json(code: StatusCode, body: &'static str, request_id: u64) -> Response<Body> {
    build(code, Bytes::from_static(body.as_bytes()), request_id)
}

/// HTTP code of an API status, per API.md's error table.
pub fn http_code(status: Status) -> StatusCode {
    match status {
        Status::Ok => StatusCode::OK,
        Status::ParameterError | Status::NoPermission | Status::NotRecognizable => StatusCode::BAD_REQUEST,
        Status::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The API body with the HTTP code its status maps to.
pub fn api(resp: &ApiResponse, request_id: u64) -> Response<Body> {
    json(http_code(resp.status), resp, request_id)
}

/// An error body with an explicit HTTP code (404, 405), status `PARAMETER_ERROR`.
pub fn parameter_error(code: StatusCode, message: String, request_id: u64) -> Response<Body> {
    let body = ApiResponse {
        status: Status::ParameterError,
        result: None,
        error: Some(message),
        evidence: None,
    };
    json(code, &body, request_id)
}

/// 405 with the `Allow` header naming the one method the route takes.
pub fn method_not_allowed(allowed: &'static str, path: &'static str, request_id: u64) -> Response<Body> {
    let mut resp = parameter_error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed: use {allowed} {path}"),
        request_id,
    );
    resp.headers_mut().insert(ALLOW, HeaderValue::from_static(allowed));
    resp
}

/// 500 for a panic that escaped the handler itself.
pub fn internal(request_id: u64) -> Response<Body> {
    build(
        StatusCode::INTERNAL_SERVER_ERROR,
        Bytes::from_static(FALLBACK_INTERNAL.as_bytes()),
        request_id,
    )
}

/// A non-JSON body (the metrics text) with its content type.
pub fn text(code: StatusCode, content_type: &'static str, body: String, request_id: u64) -> Response<Body> {
    let mut resp = build(code, Bytes::from(body), request_id);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

fn build(code: StatusCode, body: Bytes, request_id: u64) -> Response<Body> {
    let mut resp = Response::new(Full::new(body));
    *resp.status_mut() = code;
    resp.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
    resp.headers_mut()
        .insert(REQUEST_ID_HEADER, HeaderValue::from(request_id));
    resp
}
