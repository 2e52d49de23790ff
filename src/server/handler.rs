//! Routing and the `credit_report_v2` request: auth → form → parse slot → blocking parse,
//! all under one per-request deadline.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::FutureExt;
use hyper::{Method, Request, Response, StatusCode};

use super::response::{self, Body, Health, Readiness};
use super::{auth, metrics, multipart, review, AppState};
use crate::api::{ApiResponse, Status};
use crate::error::{self, ErrorKind};
use crate::pipeline::ParseOutcome;
use crate::{Error, Result};

/// The API route.
pub const API_PATH: &str = "/api/credit_report_v2";
/// The liveness route.
pub const HEALTH_PATH: &str = "/healthz";
/// The readiness route: 200 while requests can be parsed, 503 while draining or while no
/// parser worker runs.
pub const READY_PATH: &str = "/readyz";
/// The Prometheus metrics route (OpenMetrics text).
pub const METRICS_PATH: &str = "/metrics";

/// Answers one request. Never fails: every outcome is a JSON response, a panic included.
pub async fn handle<B>(state: &AppState, req: Request<B>) -> Response<Body>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let id = state.next_request_id();
    // A panic in the async part (the blocking parse is caught on its own) becomes a 500 for
    // this request instead of a dropped connection.
    AssertUnwindSafe(route(state, req, id))
        .catch_unwind()
        .await
        .unwrap_or_else(|_| {
            tracing::error!(request_id = id, "request handler panicked");
            response::internal(id)
        })
}

async fn route<B>(state: &AppState, req: Request<B>, id: u64) -> Response<Body>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    match (req.method(), req.uri().path()) {
        (&Method::GET, HEALTH_PATH) => response::json(StatusCode::OK, &Health { status: "ok" }, id),
        (_, HEALTH_PATH) => response::method_not_allowed("GET", HEALTH_PATH, id),
        (&Method::GET, READY_PATH) => match state.not_ready() {
            None => response::json(
                StatusCode::OK,
                &Readiness {
                    status: "ready",
                    reason: None,
                },
                id,
            ),
            Some(why) => response::json(
                StatusCode::SERVICE_UNAVAILABLE,
                &Readiness {
                    status: "not ready",
                    reason: Some(why),
                },
                id,
            ),
        },
        (_, READY_PATH) => response::method_not_allowed("GET", READY_PATH, id),
        (&Method::GET, METRICS_PATH) => {
            let text = state.metrics().render(state.restarts());
            let accept = req.headers().get(hyper::header::ACCEPT).and_then(|v| v.to_str().ok());
            if metrics::accepts_openmetrics(accept) {
                response::text(StatusCode::OK, metrics::CONTENT_TYPE, text, id)
            } else {
                response::text(
                    StatusCode::OK,
                    metrics::CLASSIC_CONTENT_TYPE,
                    metrics::classic_text(&text),
                    id,
                )
            }
        }
        (_, METRICS_PATH) => response::method_not_allowed("GET", METRICS_PATH, id),
        (&Method::POST, API_PATH) => credit_report(state, req, id).await,
        (&Method::GET, path) if review::is_asset(path) => {
            let auth_required = !state.settings().api_keys.is_empty();
            review::asset(path, auth_required, id).unwrap_or_else(|| response::internal(id))
        }
        (_, path) if review::is_asset(path) => response::method_not_allowed("GET", review::REVIEW_PATH, id),
        (_, API_PATH) => {
            tracing::info!(request_id = id, method = %req.method(), "method not allowed");
            response::method_not_allowed("POST", API_PATH, id)
        }
        _ => {
            tracing::info!(request_id = id, "unknown path");
            response::parameter_error(
                StatusCode::NOT_FOUND,
                format!("not found: the API is POST {API_PATH}"),
                id,
            )
        }
    }
}

/// Timings and sizes of one request, for the log line (never any content).
#[derive(Debug, Default)]
struct RequestLog {
    content_length: Option<u64>,
    upload_bytes: Option<usize>,
    pages: Option<usize>,
    read: Option<Duration>,
    queued: Option<Duration>,
    parse: Option<Duration>,
}

async fn credit_report<B>(state: &AppState, req: Request<B>, id: u64) -> Response<Body>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let started = Instant::now();
    let _in_flight = state.metrics().in_flight();
    let deadline_std = started + state.settings().request_timeout;
    let deadline = tokio::time::Instant::from_std(deadline_std);
    let mut log = RequestLog::default();
    // One deadline covers reading the body too, so a client trickling its upload cannot hold a
    // connection and an upload slot forever.
    let result = tokio::time::timeout_at(deadline, process(state, req, id, deadline_std, &mut log))
        .await
        .unwrap_or_else(|_| Err(ErrorKind::Timeout.into()));
    let mut pages = None;
    let body = match result {
        Ok(outcome) => {
            log.pages = Some(outcome.summary.page_count);
            let ocr = outcome.ocr_pages.len();
            pages = Some((outcome.summary.page_count.saturating_sub(ocr), ocr));
            ApiResponse::ok_with(outcome.report, outcome.evidence)
        }
        Err(e) => {
            if Status::of(&e) == Status::InternalError {
                // Internal messages are ours (no document content) and needed to debug.
                tracing::error!(request_id = id, error = %error::chain(&e), "request failed");
            }
            ApiResponse::from_error(&e)
        }
    };
    state
        .metrics()
        .answered(body.status, started.elapsed().as_secs_f64(), pages);
    let ms = |d: Option<Duration>| d.map(|d| d.as_millis() as u64);
    tracing::info!(
        request_id = id,
        status = ?body.status,
        http = response::http_code(body.status).as_u16(),
        content_length = log.content_length,
        upload_bytes = log.upload_bytes,
        pages = log.pages,
        read_ms = ms(log.read),
        queued_ms = ms(log.queued),
        parse_ms = ms(log.parse),
        total_ms = started.elapsed().as_millis() as u64,
        "credit_report_v2"
    );
    response::api(&body, id)
}

async fn process<B>(
    state: &AppState,
    req: Request<B>,
    request_id: u64,
    deadline: Instant,
    log: &mut RequestLog,
) -> Result<ParseOutcome>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    log.content_length = req
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    // Everything that can be decided from the head is decided before the body is touched.
    auth::authorize(req.headers(), &state.settings().api_keys)?;
    multipart::check_content_length(req.headers())?;
    let boundary = multipart::boundary(req.headers())?;

    let closed = |_| Error::internal("server is shutting down");
    let upload_slot = state.upload_slots.clone().acquire_owned().await.map_err(closed)?;
    let t = Instant::now();
    let upload = multipart::read_upload(req.into_body(), boundary).await?;
    log.read = Some(t.elapsed());
    log.upload_bytes = Some(upload.file.len());

    let t = Instant::now();
    let queued = state.metrics().queued();
    let parse_slot = state.parse_slots.clone().acquire_owned().await.map_err(closed)?;
    drop(queued);
    log.queued = Some(t.elapsed());

    let parser = state.parser.clone();
    let request_timeout = state.settings().request_timeout;
    let t = Instant::now();
    let job = tokio::task::spawn_blocking(move || {
        // Both permits live as long as the job, not the request: if the client's deadline
        // passes first, the job keeps its CPU slot and its upload memory until it really ends,
        // so timed-out work still counts against the bounds (a worker process is killed at the
        // deadline, so there the job ends with it).
        let _slots = (upload_slot, parse_slot);
        let result = parser.parse_until(&upload.file, upload.options, deadline);
        let took = t.elapsed();
        if took > request_timeout {
            // The client has had its "timed out" answer; operators need to know that a worker
            // slot was held this long.
            tracing::warn!(
                request_id,
                parse_ms = took.as_millis() as u64,
                "parse job outlived its request"
            );
        }
        result
    });
    let joined = job.await;
    log.parse = Some(t.elapsed());
    match joined {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(Error::internal("the parser panicked")),
        Err(e) => Err(Error::internal_from("parse job did not complete", e)),
    }
}
