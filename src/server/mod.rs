//! HTTP server for `POST /api/credit_report_v2` (hyper 1 + tokio).
//!
//! [`handle`] is a plain async function over a shared [`AppState`], so tests can call it in
//! process; [`serve`] puts it behind a TCP listener with graceful shutdown.
//!
//! Resource bounds: at most `Settings::workers` parses run at once (each on a blocking thread,
//! which runs it in-process or hands it to a worker process: `crate::isolate`),
//! at most [`upload_slots`] bodies are buffered at once (each ≤ 30 MB), every request has one
//! deadline (`Settings::request_timeout`), and request heads must arrive within
//! [`HEADER_READ_TIMEOUT`].

mod auth;
mod handler;
pub mod metrics;
pub mod multipart;
mod response;
mod review;

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

use crate::config::{ConfigError, Settings};
use crate::pipeline::{ParseOptions, ParseOutcome, Pipeline};
use crate::Result;

pub use auth::{authorize, API_KEY_HEADER};
pub use handler::{handle, API_PATH, HEALTH_PATH, METRICS_PATH, READY_PATH};
pub use multipart::{file_too_large, CLASSIFY_FIELD, EVIDENCE_FIELD, FILE_FIELD, MAX_BODY_BYTES, PAGE_IMAGES_FIELD};
pub use response::{Body, Health, Readiness, REQUEST_ID_HEADER};
pub use review::REVIEW_PATH;

/// A slow client must send its request head within this time.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Extra time, beyond the request deadline, that shutdown waits for in-flight responses.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What the server needs from the parser. [`Pipeline`] is the production implementation;
/// the trait lets tests substitute a parser that panics or stalls, without any switch in the
/// shipped code.
pub trait ReportParser: Send + Sync + 'static {
    /// Parses one PDF held in memory; called on a blocking thread.
    fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome>;

    /// Parses with the request's deadline known. An in-process parse cannot be stopped, so
    /// the default ignores it; a worker pool kills the worker that runs past it.
    fn parse_until(&self, bytes: &[u8], opts: ParseOptions, deadline: std::time::Instant) -> Result<ParseOutcome> {
        let _ = deadline;
        self.parse(bytes, opts)
    }

    /// Whether a parse could run now (`GET /readyz`). An in-process parser is ready once
    /// built; a worker pool is not while none of its workers is running.
    fn ready(&self) -> bool {
        true
    }

    /// Worker processes replaced so far (`zhengxin_worker_restarts_total`); 0 in process.
    fn restarts(&self) -> u64 {
        0
    }
}

impl ReportParser for Pipeline {
    fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        Pipeline::parse(self, bytes, opts)
    }
}

/// State shared by all requests.
pub struct AppState {
    parser: Arc<dyn ReportParser>,
    settings: Settings,
    parse_slots: Arc<Semaphore>,
    upload_slots: Arc<Semaphore>,
    next_id: AtomicU64,
    draining: AtomicBool,
    metrics: metrics::Metrics,
}

impl AppState {
    /// State over the production pipeline.
    pub fn new(pipeline: Arc<Pipeline>, settings: Settings) -> Self {
        Self::with_parser(pipeline, settings)
    }

    /// State over any parser.
    pub fn with_parser(parser: Arc<dyn ReportParser>, settings: Settings) -> Self {
        let workers = settings.workers.max(1);
        Self {
            parser,
            parse_slots: Arc::new(Semaphore::new(workers)),
            upload_slots: Arc::new(Semaphore::new(upload_slots(workers))),
            settings,
            next_id: AtomicU64::new(1),
            draining: AtomicBool::new(false),
            metrics: metrics::Metrics::new(),
        }
    }

    /// The settings the server runs with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Why the server should get no new requests now (`GET /readyz` answers 503 with it), or
    /// `None` when it is ready.
    pub fn not_ready(&self) -> Option<&'static str> {
        if self.draining.load(Ordering::Relaxed) {
            Some("draining: shutting down")
        } else if !self.parser.ready() {
            Some("no parser worker running")
        } else {
            None
        }
    }

    /// The server's metrics (`GET /metrics`).
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.metrics
    }

    /// Marks the server as shutting down: `GET /readyz` answers 503 from now on, so a load
    /// balancer stops sending requests while in-flight ones finish.
    pub fn begin_drain(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }

    /// Worker processes replaced so far.
    fn restarts(&self) -> u64 {
        self.parser.restarts()
    }

    fn next_request_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// Bodies buffered at once: enough to keep every worker fed while uploads arrive, capped so
/// that memory stays below 64 × 30 MB whatever `workers` is.
pub fn upload_slots(workers: usize) -> usize {
    (workers.saturating_mul(4)).clamp(16, 64)
}

/// Binds a listener; errors name the address.
pub async fn bind(addr: &str) -> Result<TcpListener> {
    TcpListener::bind(addr).await.map_err(|source| {
        ConfigError::Listen {
            addr: addr.to_string(),
            source,
        }
        .into()
    })
}

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
/// (bounded by the request deadline plus a grace period) and returns.
pub async fn serve<F>(listener: TcpListener, state: Arc<AppState>, shutdown: F) -> Result<()>
where
    F: Future<Output = ()> + Send,
{
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, state.clone(), stop_rx.clone()));
                }
                Err(e) => {
                    // Typically EMFILE: back off instead of spinning on the error.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            // Reap finished connections so the set does not grow with the server's lifetime.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    state.begin_drain();
    tracing::info!(
        in_flight_connections = connections.len(),
        "shutting down: no longer accepting"
    );
    // The receivers are all subscribed already; an error only means none is left.
    let _ = stop_tx.send(true);
    let grace = state.settings().request_timeout + SHUTDOWN_GRACE;
    let drained = tokio::time::timeout(grace, async { while connections.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(
            remaining = connections.len(),
            "shutdown grace period over; closing connections"
        );
        connections.abort_all();
    }
    Ok(())
}

async fn serve_connection(stream: tokio::net::TcpStream, state: Arc<AppState>, mut stop: watch::Receiver<bool>) {
    let service = service_fn(move |req: Request<Incoming>| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(handle(&state, req).await) }
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    // The guard `wait_for` returns is not `Send`; drop it inside this future.
    let stopping = async move {
        let _ = stop.wait_for(|stopping| *stopping).await;
    };
    tokio::select! {
        res = conn.as_mut() => log_connection_end(res),
        _ = stopping => {
            // Finish the request in progress (if any), then close instead of keeping alive.
            conn.as_mut().graceful_shutdown();
            log_connection_end(conn.await);
        }
    }
}

fn log_connection_end(res: std::result::Result<(), hyper::Error>) {
    if let Err(e) = res {
        // Client-side resets and header timeouts are routine; keep them out of the info log.
        tracing::debug!(error = %e, "connection ended with an error");
    }
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("SIGINT received"),
        _ = term => tracing::info!("SIGTERM received"),
    }
}

/// Replaces the default panic hook (which prints the panic message, possibly built from
/// document content) with one that logs only the location.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        tracing::error!(%location, %thread, "panic (message withheld: it may contain document content)");
    }));
}
