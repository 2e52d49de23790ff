//! Shared helpers for the HTTP contract tests: settings over the real pdfium, an in-process
//! server on 127.0.0.1:0, a tiny HTTP client, multipart bodies and hand-built PDFs.
#![allow(dead_code)] // Each test binary uses a different subset.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::HeaderMap;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use zhengxin::config::Settings;
use zhengxin::pipeline::Pipeline;
use zhengxin::server::{self, AppState, ReportParser};

/// Multipart boundary used by [`form`].
pub const BOUNDARY: &str = "zhengxin-test-boundary-7f3a";

/// The repository root (where `third_party/` lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Settings over the checked-out artefacts. Fails (never skips) when libpdfium is missing.
pub fn settings(api_keys: &[&str]) -> Settings {
    let settings = Settings {
        home: repo_root(),
        api_keys: api_keys.iter().map(|k| k.to_string()).collect(),
        request_timeout: Duration::from_secs(60),
        workers: 2,
        ..Settings::at(repo_root())
    };
    let lib = settings.pdfium_lib();
    assert!(
        lib.is_file(),
        "{} is missing: run scripts/download_models.sh before the tests",
        lib.display()
    );
    settings
}

/// The production pipeline (pdfium binds once per process and is shared by every test).
pub fn pipeline(settings: &Settings) -> Arc<Pipeline> {
    Arc::new(Pipeline::new(settings).expect("pipeline start-up (run scripts/download_models.sh)"))
}

/// A server running in the current tokio runtime.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<zhengxin::Result<()>>,
}

impl TestServer {
    /// Starts the production pipeline behind `settings`.
    pub async fn start(settings: Settings) -> Self {
        let pipeline = pipeline(&settings);
        Self::start_state(AppState::new(pipeline, settings)).await
    }

    /// Starts a server over any state (e.g. a substitute parser).
    pub async fn start_with(parser: Arc<dyn ReportParser>, settings: Settings) -> Self {
        Self::start_state(AppState::with_parser(parser, settings)).await
    }

    async fn start_state(state: AppState) -> Self {
        let listener = server::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, Arc::new(state), async move {
            let _ = rx.await;
        }));
        Self {
            addr,
            stop: Some(tx),
            task,
        }
    }

    /// URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Asks the server to shut down (as SIGTERM would) without waiting.
    pub fn trigger_shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }

    /// Shuts down and waits for `serve` to return.
    pub async fn shutdown(mut self) {
        self.trigger_shutdown();
        tokio::time::timeout(Duration::from_secs(30), &mut self.task)
            .await
            .expect("server did not stop within 30 s")
            .expect("server task panicked")
            .expect("serve returned an error");
    }

    /// Waits for `serve` to return after [`Self::trigger_shutdown`].
    pub async fn join(self) -> zhengxin::Result<()> {
        self.task.await.expect("server task panicked")
    }
}

/// A decoded response.
#[derive(Debug)]
pub struct Reply {
    pub code: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    /// The body as received (for byte-for-byte comparisons).
    pub body: Bytes,
}

impl Reply {
    /// The `status` field.
    pub fn status(&self) -> &str {
        self.json["status"]
            .as_str()
            .unwrap_or_else(|| panic!("no status in {}", self.json))
    }
    /// The `error` field.
    pub fn error(&self) -> &str {
        self.json["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", self.json))
    }
}

/// A small HTTP client.
#[derive(Clone)]
pub struct TestClient {
    inner: Client<HttpConnector, Full<Bytes>>,
}

impl Default for TestClient {
    fn default() -> Self {
        Self {
            inner: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
}

impl TestClient {
    /// Sends a request and decodes the JSON body, checking the content type every response
    /// must carry.
    pub async fn send(&self, req: Request<Full<Bytes>>) -> Reply {
        let resp = tokio::time::timeout(Duration::from_secs(60), self.inner.request(req))
            .await
            .expect("no response within 60 s")
            .expect("request failed");
        let code = resp.status();
        let headers = resp.headers().clone();
        let body = resp.into_body().collect().await.expect("read body").to_bytes();
        assert_eq!(
            headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json; charset=utf-8"),
            "content type of a {code} response"
        );
        let json: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(&body)));
        Reply {
            code,
            headers,
            json,
            body,
        }
    }

    /// `POST url` with a multipart body.
    pub async fn post_form(&self, url: &str, body: Vec<u8>, extra: &[(&str, &str)]) -> Reply {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(url)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"));
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        self.send(req.body(Full::new(Bytes::from(body))).unwrap()).await
    }

    /// A request without body.
    pub async fn call(&self, method: Method, url: &str) -> Reply {
        let req = Request::builder()
            .method(method)
            .uri(url)
            .body(Full::new(Bytes::new()))
            .unwrap();
        self.send(req).await
    }

    /// `GET url` of a non-JSON body (`/metrics`): the code and the text.
    pub async fn get_text(&self, url: &str) -> (StatusCode, String) {
        let req = Request::builder().uri(url).body(Full::new(Bytes::new())).unwrap();
        let resp = tokio::time::timeout(Duration::from_secs(60), self.inner.request(req))
            .await
            .expect("no response within 60 s")
            .expect("request failed");
        let code = resp.status();
        let body = resp.into_body().collect().await.expect("read body").to_bytes();
        (code, String::from_utf8_lossy(&body).into_owned())
    }

    /// Asserts `/healthz` answers `{"status":"ok"}`.
    pub async fn assert_healthy(&self, server: &TestServer) {
        let r = self.call(Method::GET, &server.url("/healthz")).await;
        assert_eq!(r.code, StatusCode::OK);
        assert_eq!(r.json, serde_json::json!({"status": "ok"}));
    }
}

/// One form part.
pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub data: &'a [u8],
}

/// A file part.
pub fn file<'a>(name: &'a str, filename: &'a str, data: &'a [u8]) -> Part<'a> {
    Part {
        name,
        filename: Some(filename),
        data,
    }
}

/// A text part.
pub fn text<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    Part {
        name,
        filename: None,
        data: value.as_bytes(),
    }
}

/// Prefix of a multipart body up to the file data of a single `image_file` part.
pub fn file_part_head(name: &str, filename: &str) -> Vec<u8> {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes()
}

/// The closing of a multipart body after the last part's data.
pub fn form_tail() -> Vec<u8> {
    format!("\r\n--{BOUNDARY}--\r\n").into_bytes()
}

/// A `multipart/form-data` body with [`BOUNDARY`].
pub fn form(parts: &[Part<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"", p.name).as_bytes(),
        );
        if let Some(f) = p.filename {
            out.extend_from_slice(format!("; filename=\"{f}\"\r\nContent-Type: application/octet-stream").as_bytes());
        }
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(p.data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// A valid one-page PDF showing `line` in Helvetica, with a correct xref table.
pub fn text_pdf(line: &str) -> Vec<u8> {
    padded_text_pdf(line, 0)
}

/// Like [`text_pdf`], with a comment of `padding` bytes after the header (to reach an exact
/// file size while staying a valid PDF).
pub fn padded_text_pdf(line: &str, padding: usize) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 770 Td ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> \
         /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    assemble_pdf(&objects, padding)
}

/// A PDF of `pages` pages of `width` × `height` pt, each showing `line` (no text layer when
/// `None`: the page goes to the scanned path).
pub fn sized_pages_pdf(pages: usize, width: f32, height: f32, line: Option<&str>) -> Vec<u8> {
    let content = line.map_or(String::new(), |l| format!("BT /F1 12 Tf 72 40 Td ({l}) Tj ET"));
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    for _ in 0..pages {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        ));
    }
    assemble_pdf(&objects, 0)
}

/// Numbers `objects` from 1 (object 1 is the catalog) and writes them with a correct xref
/// table; `padding` bytes of comment after the header.
pub fn assemble_pdf<O: AsRef<[u8]>>(objects: &[O], padding: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    if padding > 0 {
        // A comment line: '%', filler, newline.
        out.push(b'%');
        out.extend(std::iter::repeat_n(b'x', padding.saturating_sub(2)));
        out.push(b'\n');
    }
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(obj.as_ref());
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The 8-byte PNG signature plus an IHDR chunk: what a PNG renamed to `.pdf` starts with.
pub fn png_bytes() -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    v.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    ]);
    v.extend_from_slice(&[0x90, 0x77, 0x53, 0xDE]);
    v
}

/// The committed encrypted fixture.
pub fn encrypted_pdf() -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/encrypted.pdf")).expect("tests/fixtures/encrypted.pdf")
}

/// `zhengxin_stage_seconds` observations by stage, from the metrics text.
pub fn stage_counts(metrics: &str) -> std::collections::BTreeMap<String, u64> {
    metrics
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("zhengxin_stage_seconds_count{stage=\"")?;
            let (stage, value) = rest.split_once("\"} ")?;
            Some((stage.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}
