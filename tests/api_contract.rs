//! The HTTP contract of `shared/spec/API.md`, over a real socket, with the real pipeline
//! (libpdfium from `scripts/download_models.sh`; missing → these tests fail, never skip).

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::{Method, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use common::*;
use zhengxin::api::ApiResponse;
use zhengxin::config::{Settings, MAX_UPLOAD_BYTES};
use zhengxin::error::ErrorKind;
use zhengxin::pdf::{PdfSummary, TextLayerQuality};
use zhengxin::pipeline::{ParseOptions, ParseOutcome};
use zhengxin::report::CreditReport;
use zhengxin::server::{handle, AppState, ReportParser, API_PATH, READY_PATH, REVIEW_PATH};
use zhengxin::Result;

const PLAIN_LINE: &str = "Hello from a plain test document, not a credit report";

fn assert_parameter_error(r: &Reply, needle: &str) {
    assert_eq!(r.code, StatusCode::BAD_REQUEST, "{}", r.json);
    assert_eq!(r.status(), "PARAMETER_ERROR", "{}", r.json);
    assert!(
        r.error().contains(needle),
        "error {:?} should mention {needle:?}",
        r.error()
    );
    assert!(r.json.get("result").is_none(), "no result on failure: {}", r.json);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_are_parameter_errors_with_precise_messages() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let pdf = text_pdf(PLAIN_LINE);
    let mut truncated = pdf.clone();
    truncated.truncate(pdf.len() / 2);
    let encrypted = encrypted_pdf();
    let png = png_bytes();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("missing file", form(&[text("auto_classify", "1")]), "missing file"),
        ("wrong field name", form(&[file("file", "a.pdf", &pdf)]), "missing file"),
        (
            "non-PDF",
            form(&[file("image_file", "notes.pdf", b"plain text, no PDF header at all")]),
            "not a PDF",
        ),
        (
            "PNG renamed .pdf",
            form(&[file("image_file", "photo.pdf", &png)]),
            "not a PDF",
        ),
        (
            "empty file",
            form(&[file("image_file", "empty.pdf", b"")]),
            "empty file",
        ),
        (
            "truncated PDF",
            form(&[file("image_file", "cut.pdf", &truncated)]),
            "corrupt or truncated",
        ),
        (
            "encrypted PDF",
            form(&[file("image_file", "locked.pdf", &encrypted)]),
            "password-protected",
        ),
        (
            "auto_classify=2",
            form(&[file("image_file", "a.pdf", &pdf), text("auto_classify", "2")]),
            "auto_classify",
        ),
        (
            "evidence=2",
            form(&[file("image_file", "a.pdf", &pdf), text("evidence", "2")]),
            "`evidence` must be 0 or 1",
        ),
        (
            "auto_classify=abc",
            form(&[text("auto_classify", "abc"), file("image_file", "a.pdf", &pdf)]),
            "auto_classify",
        ),
        (
            "two files",
            form(&[file("image_file", "a.pdf", &pdf), file("image_file", "b.pdf", &pdf)]),
            "more than one",
        ),
    ];
    for (what, body, needle) in cases {
        let r = client.post_form(&url, body, &[]).await;
        assert_eq!(r.status(), "PARAMETER_ERROR", "{what}: {}", r.json);
        assert_parameter_error(&r, needle);
        client.assert_healthy(&server).await;
    }

    // Not multipart at all: a raw PDF body, and no Content-Type.
    for ct in [Some("application/pdf"), None] {
        let mut req = hyper::Request::builder().method(Method::POST).uri(&url);
        if let Some(ct) = ct {
            req = req.header("content-type", ct);
        }
        let r = client
            .send(
                req.body(http_body_util::Full::new(bytes::Bytes::from(pdf.clone())))
                    .unwrap(),
            )
            .await;
        assert_parameter_error(&r, "multipart/form-data");
        client.assert_healthy(&server).await;
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_pdfs_are_not_recognizable_and_extra_fields_are_ignored() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let pdf = text_pdf(PLAIN_LINE);

    // With classification (explicit and default) a non-report must be rejected.
    for body in [
        form(&[file("image_file", "plain.pdf", &pdf), text("auto_classify", "1")]),
        form(&[
            text("comment", "ignored"),
            file("image_file", "plain.pdf", &pdf),
            text("x-extra", ""),
        ]),
    ] {
        let r = client.post_form(&url, body, &[]).await;
        assert_eq!(r.code, StatusCode::BAD_REQUEST, "{}", r.json);
        assert_eq!(r.status(), "NOT_RECOGNIZABLE", "{}", r.json);
        assert!(!r.error().is_empty());
        client.assert_healthy(&server).await;
    }

    // Without classification the answer depends on how far extraction has come; either way
    // it is a well-formed answer, not a parameter or internal error.
    let r = client
        .post_form(
            &url,
            form(&[file("image_file", "plain.pdf", &pdf), text("auto_classify", "0")]),
            &[],
        )
        .await;
    match r.status() {
        "OK" => {
            assert_eq!(r.code, StatusCode::OK);
            assert!(
                r.json["result"].is_object() && r.json.get("error").is_none(),
                "{}",
                r.json
            );
        }
        "NOT_RECOGNIZABLE" => assert_eq!(r.code, StatusCode::BAD_REQUEST),
        other => panic!("unexpected status {other}: {}", r.json),
    }
    assert!(r.headers.contains_key("x-request-id"));
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

/// Top-level keys of `shared/spec/result_schema.json`.
fn schema_top_keys() -> Vec<String> {
    let text =
        std::fs::read_to_string(repo_root().join("../shared/spec/result_schema.json")).expect("result_schema.json");
    let schema: Value = serde_json::from_str(&text).unwrap();
    schema.as_object().unwrap().keys().cloned().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_report_gets_a_contract_answer() {
    let sample = repo_root().join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    let pdf = std::fs::read(&sample).unwrap_or_else(|e| panic!("{}: {e}", sample.display()));
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let r = client
        .post_form(
            &server.url(API_PATH),
            form(&[file("image_file", "report.pdf", &pdf)]),
            &[],
        )
        .await;
    // A real credit report is never a parameter or internal error; until extraction lands the
    // pipeline answers NOT_RECOGNIZABLE, afterwards OK with the full result object.
    match r.status() {
        "OK" => {
            assert_eq!(r.code, StatusCode::OK);
            let keys: Vec<String> = r.json["result"]
                .as_object()
                .expect("result object")
                .keys()
                .cloned()
                .collect();
            assert_eq!(keys, schema_top_keys());
        }
        "NOT_RECOGNIZABLE" => assert_eq!(r.code, StatusCode::BAD_REQUEST),
        other => panic!("unexpected status {other}: {}", r.json),
    }
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

/// Non-empty string leaves of a JSON value.
fn count_leaves(v: &Value) -> usize {
    match v {
        Value::String(s) => usize::from(!s.is_empty()),
        Value::Array(items) => items.iter().map(count_leaves).sum(),
        Value::Object(map) => map.values().map(count_leaves).sum(),
        _ => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_is_opt_in_and_leaves_the_body_untouched() {
    let golden = repo_root().join("tests/fixtures/golden");
    let pdf = std::fs::read(golden.join("chr_s2026_004.pdf")).expect("golden PDF");
    let truth: CreditReport = serde_json::from_str(
        &std::fs::read_to_string(golden.join("chr_s2026_004.result.json")).expect("golden result"),
    )
    .expect("golden result parses");
    let today = serde_json::to_vec(&ApiResponse::ok(truth)).unwrap();
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let post = |extra: Option<&'static str>| {
        let mut parts = vec![file("image_file", "report.pdf", &pdf)];
        if let Some(v) = extra {
            parts.push(text("evidence", v));
        }
        client.post_form(&url, form(&parts), &[])
    };
    // Without the option, or with evidence=0, the body is byte for byte the golden answer.
    let absent = post(None).await;
    assert_eq!(absent.status(), "OK", "{}", absent.json);
    assert!(
        absent.body == today,
        "evidence absent: body differs from the golden answer"
    );
    let zero = post(Some("0")).await;
    assert!(zero.body == today, "evidence=0: body differs from the golden answer");

    let with = post(Some("1")).await;
    assert_eq!(with.code, StatusCode::OK);
    assert_eq!(with.status(), "OK");
    assert_eq!(
        with.json["result"], absent.json["result"],
        "result is identical with evidence"
    );
    let keys: Vec<&str> = with.json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["evidence", "result", "status"]);
    let ev = &with.json["evidence"];
    assert_eq!(ev["version"], 1);
    let pages = ev["pages"].as_array().expect("pages");
    assert!(!pages.is_empty());
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p["page"], i + 1);
        assert!(p["width"].as_f64().unwrap() > 0.0 && p["height"].as_f64().unwrap() > 0.0);
        assert!(matches!(p["source"].as_str(), Some("text" | "ocr")), "{p}");
        assert!(matches!(p["rotation"].as_u64(), Some(0 | 90 | 180 | 270)), "{p}");
    }
    let fields = ev["fields"].as_object().expect("fields");
    assert_eq!(
        fields.len(),
        count_leaves(&with.json["result"]),
        "one entry per non-empty leaf"
    );
    for (path, f) in fields {
        let c = f["confidence"].as_f64().expect("confidence");
        assert!((0.0..=1.0).contains(&c), "{path}: {c}");
        assert!(matches!(f["source"].as_str(), Some("text" | "ocr")), "{path}");
        for b in f["boxes"].as_array().expect("boxes") {
            let page = b["page"].as_u64().unwrap() as usize;
            let bbox: Vec<f64> = b["bbox"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let p = &pages[page - 1];
            assert!(
                bbox[0] <= bbox[2] && bbox[1] <= bbox[3] && bbox[0] >= 0.0 && bbox[1] >= 0.0,
                "{path}: {bbox:?}"
            );
            assert!(
                bbox[2] <= p["width"].as_f64().unwrap() && bbox[3] <= p["height"].as_f64().unwrap(),
                "{path}: box off its page"
            );
        }
    }
    assert!(ev["checks"].as_array().is_some_and(|c| !c.is_empty()), "checks applied");
    for path in ev["review"].as_array().expect("review") {
        assert!(path.is_string());
    }
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_images_are_pngs_at_the_review_dpi_and_only_with_evidence() {
    let golden = repo_root().join("tests/fixtures/golden");
    let pdf = std::fs::read(golden.join("chr_s2026_004.pdf")).expect("golden PDF");
    let dpi = 100;
    let server = TestServer::start(Settings {
        review_dpi: dpi,
        ..settings(&[])
    })
    .await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let post = |fields: &[(&'static str, &'static str)]| {
        let mut parts = vec![file("image_file", "report.pdf", &pdf)];
        parts.extend(fields.iter().map(|(k, v)| text(k, v)));
        client.post_form(&url, form(&parts), &[])
    };
    let with = post(&[("evidence", "1"), ("page_images", "1")]).await;
    assert_eq!(with.status(), "OK", "{}", with.json);
    let plain = post(&[("evidence", "1")]).await;
    assert_eq!(
        with.json["result"], plain.json["result"],
        "result is identical with page images"
    );
    let pages = with.json["evidence"]["pages"].as_array().expect("pages");
    for (p, bare) in pages.iter().zip(plain.json["evidence"]["pages"].as_array().unwrap()) {
        let url = p["image"].as_str().expect("every page has an image");
        let b64 = url.strip_prefix("data:image/png;base64,").expect("a PNG data URL");
        let png = decode_base64(b64);
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("the PNG decodes");
        let scale = f64::from(dpi) / 72.0;
        let (w, h) = (
            p["width"].as_f64().unwrap() * scale,
            p["height"].as_f64().unwrap() * scale,
        );
        assert!(
            (f64::from(img.width()) - w).abs() <= 1.0 && (f64::from(img.height()) - h).abs() <= 1.0,
            "page {}: {}x{} px for {w}x{h}",
            p["page"],
            img.width(),
            img.height()
        );
        assert!(bare.get("image").is_none(), "no image without page_images=1");
        let mut without = p.clone();
        without.as_object_mut().unwrap().remove("image");
        assert_eq!(&without, bare, "the image is the only addition");
    }
    // Without evidence the switch is ignored: the body is the plain answer.
    let ignored = post(&[("page_images", "1")]).await;
    let none = post(&[]).await;
    assert!(
        ignored.body == none.body,
        "page_images without evidence changes nothing"
    );
    let bad = post(&[("evidence", "1"), ("page_images", "yes")]).await;
    assert_parameter_error(&bad, "`page_images` must be 0 or 1");
    server.shutdown().await;
}

/// Standard base64 with padding (test-side decoder, independent of the server's encoder).
fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes = s.as_bytes();
    assert_eq!(bytes.len() % 4, 0, "padded base64");
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for q in bytes.chunks(4) {
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        let n = q[..4 - pad].iter().fold(0u32, |n, &c| (n << 6) | val(c)) << (6 * pad);
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_page_is_served_offline_and_asks_for_a_key_when_keys_are_set() {
    for keys in [&[][..], &["key-review-0001"][..]] {
        let server = TestServer::start(settings(keys)).await;
        // The page is public (it holds no data); the API calls it makes carry the key.
        let (code, head, body) = raw_get(server.addr, REVIEW_PATH).await;
        assert_eq!(code, 200);
        assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
        assert!(head.contains("content-security-policy: default-src 'none'"), "{head}");
        let required = if keys.is_empty() { "0" } else { "1" };
        assert!(body.contains(&format!("data-auth-required=\"{required}\"")));
        for asset in ["/review/review.js", "/review/review.css"] {
            assert!(body.contains(asset), "the page links {asset}");
            let (code, _, text) = raw_get(server.addr, asset).await;
            assert_eq!(code, 200, "{asset}");
            assert!(!text.contains("https://"), "{asset}: nothing from another origin");
        }
        let r = TestClient::default().call(Method::POST, &server.url(REVIEW_PATH)).await;
        assert_eq!(r.code, StatusCode::METHOD_NOT_ALLOWED);
        server.shutdown().await;
    }
}

/// `GET path` over a fresh connection: status, lower-cased head, body.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf))
        .await
        .expect("no answer within 10 s")
        .unwrap();
    let text = String::from_utf8(buf).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head");
    let code = head[9..12].parse().unwrap();
    (code, head.to_ascii_lowercase(), body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_method_and_unknown_path_get_json_errors() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let r = client.call(method.clone(), &server.url(API_PATH)).await;
        assert_eq!(r.code, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(r.status(), "PARAMETER_ERROR");
        assert_eq!(r.headers.get("allow").unwrap(), "POST");
        client.assert_healthy(&server).await;
    }
    let r = client.call(Method::POST, &server.url("/healthz")).await;
    assert_eq!(r.code, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers.get("allow").unwrap(), "GET");
    for path in ["/", "/api/credit_report", "/api/credit_report_v2/extra", "/healthz/x"] {
        let r = client.call(Method::GET, &server.url(path)).await;
        assert_eq!(r.code, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.status(), "PARAMETER_ERROR");
        assert!(r.error().contains(API_PATH));
        client.assert_healthy(&server).await;
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_keys_are_required_when_configured() {
    let keys = ["test-key-0001", "test-key-0002"];
    let server = TestServer::start(settings(&keys)).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let pdf = text_pdf(PLAIN_LINE);
    let body = || form(&[file("image_file", "plain.pdf", &pdf)]);

    let r = client.post_form(&url, body(), &[]).await;
    assert_eq!(
        (r.code, r.status()),
        (StatusCode::BAD_REQUEST, "NO_PERMISSION"),
        "{}",
        r.json
    );
    assert!(r.error().contains("missing API key"));
    for header in [
        ("x-api-key", "test-key-0003"),
        ("authorization", "Bearer test-key-000"),
        ("authorization", "Basic test-key-0001"),
    ] {
        let r = client.post_form(&url, body(), &[header]).await;
        assert_eq!(r.status(), "NO_PERMISSION", "{header:?}: {}", r.json);
        client.assert_healthy(&server).await;
    }
    // A valid key (either header form) lets the request through to the parser.
    for header in [
        ("x-api-key", "test-key-0002"),
        ("authorization", "Bearer test-key-0001"),
    ] {
        let r = client.post_form(&url, body(), &[header]).await;
        assert!(
            matches!(r.status(), "NOT_RECOGNIZABLE" | "OK"),
            "{header:?}: {}",
            r.json
        );
        let r = client
            .post_form(&url, form(&[file("image_file", "x.pdf", b"GIF89a...")]), &[header])
            .await;
        assert_parameter_error(&r, "not a PDF");
    }
    // The key is checked on the head alone: a request that announces a body but sends none
    // is answered at once.
    let head = format!(
        "POST {API_PATH} HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: 1000000\r\n\r\n"
    );
    let (code, json) = raw_exchange(server.addr, head.as_bytes()).await;
    assert_eq!((code, json["status"].as_str()), (400, Some("NO_PERMISSION")));
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

/// Writes `bytes` and reads one response, without sending anything more.
async fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), read_response(&mut s))
        .await
        .expect("no answer within 10 s")
}

/// Reads one HTTP/1.1 response with a Content-Length body.
async fn read_response(s: &mut TcpStream) -> (u16, Value) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut chunk).await.expect("read response head");
        assert!(
            n > 0,
            "connection closed before a response: {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let code: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("content-length");
    while buf.len() < head_end + len {
        let n = s.read(&mut chunk).await.expect("read response body");
        assert!(n > 0, "connection closed inside the body");
        buf.extend_from_slice(&chunk[..n]);
    }
    (
        code,
        serde_json::from_slice(&buf[head_end..head_end + len]).expect("JSON body"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_limit_is_exact_and_enforced_while_streaming() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);

    // Declared far over the limit: answered after the first 64 KiB of a 40 MB body.
    let mut head = format!(
        "POST {API_PATH} HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: 40000000\r\n\r\n"
    )
    .into_bytes();
    head.extend_from_slice(&file_part_head("image_file", "big.pdf"));
    head.extend_from_slice(b"%PDF-1.4\n");
    head.resize(head.len() + 64 * 1024, b'0');
    let (code, json) = raw_exchange(server.addr, &head).await;
    assert_eq!(
        (code, json["status"].as_str()),
        (400, Some("PARAMETER_ERROR")),
        "{json}"
    );
    assert!(json["error"].as_str().unwrap().contains("too large"));
    client.assert_healthy(&server).await;

    // A large non-PDF is refused from its first KiB: 20 MB announced, 64 KiB sent.
    let mut head = format!(
        "POST {API_PATH} HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: 20000000\r\n\r\n"
    )
    .into_bytes();
    head.extend_from_slice(&file_part_head("image_file", "video.pdf"));
    head.resize(head.len() + 64 * 1024, b'v');
    let (code, json) = raw_exchange(server.addr, &head).await;
    assert_eq!(
        (code, json["status"].as_str()),
        (400, Some("PARAMETER_ERROR")),
        "{json}"
    );
    assert!(json["error"].as_str().unwrap().contains("not a PDF"));
    client.assert_healthy(&server).await;

    // Exactly 30 MB + 1 byte with an honest Content-Length.
    let mut over = b"%PDF-1.4\n".to_vec();
    over.resize(MAX_UPLOAD_BYTES + 1, b'0');
    let r = client
        .post_form(&url, form(&[file("image_file", "big.pdf", &over)]), &[])
        .await;
    assert_parameter_error(&r, "too large");
    drop(over);
    client.assert_healthy(&server).await;

    // Exactly 30 MB is allowed: a valid PDF padded to the limit reaches the parser.
    let exact = pdf_of_exact_size(PLAIN_LINE, MAX_UPLOAD_BYTES);
    assert_eq!(exact.len(), MAX_UPLOAD_BYTES);
    let r = client
        .post_form(&url, form(&[file("image_file", "max.pdf", &exact)]), &[])
        .await;
    assert!(matches!(r.status(), "NOT_RECOGNIZABLE" | "OK"), "{}", r.json);
    drop(exact);
    client.assert_healthy(&server).await;

    // No length declared (chunked), 96 MiB offered: the answer must come while the client is
    // still sending, i.e. the server stopped reading near the limit instead of consuming it all.
    const TOTAL: usize = 96 * 1024 * 1024;
    const CHUNK: usize = 1024 * 1024;
    let stream = TcpStream::connect(server.addr).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let sent = Arc::new(AtomicUsize::new(0));
    let sent_w = sent.clone();
    let writer = tokio::spawn(async move {
        let head = format!(
            "POST {API_PATH} HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
             Transfer-Encoding: chunked\r\n\r\n"
        );
        wr.write_all(head.as_bytes()).await?;
        let mut first = file_part_head("image_file", "endless.pdf");
        first.extend_from_slice(b"%PDF-1.4\n");
        wr.write_all(format!("{:x}\r\n", first.len()).as_bytes()).await?;
        wr.write_all(&first).await?;
        wr.write_all(b"\r\n").await?;
        let data = vec![b'0'; CHUNK];
        while sent_w.load(Ordering::Relaxed) < TOTAL {
            wr.write_all(format!("{CHUNK:x}\r\n").as_bytes()).await?;
            wr.write_all(&data).await?;
            wr.write_all(b"\r\n").await?;
            sent_w.fetch_add(CHUNK, Ordering::Relaxed);
        }
        wr.write_all(b"0\r\n\r\n").await?;
        std::io::Result::Ok(())
    });
    let reply = tokio::time::timeout(Duration::from_secs(60), read_response_split(&mut rd))
        .await
        .expect("no answer to the endless upload within 60 s");
    let at_answer = sent.load(Ordering::Relaxed);
    assert_eq!(
        (reply.0, reply.1["status"].as_str()),
        (400, Some("PARAMETER_ERROR")),
        "{}",
        reply.1
    );
    assert!(reply.1["error"].as_str().unwrap().contains("too large"));
    assert!(
        at_answer >= MAX_UPLOAD_BYTES - CHUNK,
        "answered after only {at_answer} bytes"
    );
    assert!(
        at_answer < TOTAL,
        "the server read the whole {TOTAL}-byte body before answering"
    );
    drop(rd);
    let finished = tokio::time::timeout(Duration::from_secs(30), writer)
        .await
        .expect("writer stuck")
        .unwrap();
    assert!(
        finished.is_err(),
        "the server must close the connection instead of draining 96 MiB"
    );
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

/// [`read_response`] over an owned read half.
async fn read_response_split(rd: &mut tokio::net::tcp::OwnedReadHalf) -> (u16, Value) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..i]).to_string();
            let len: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .expect("content-length");
            if buf.len() >= i + 4 + len {
                let code = head
                    .split(' ')
                    .nth(1)
                    .and_then(|c| c.parse().ok())
                    .expect("status line");
                return (
                    code,
                    serde_json::from_slice(&buf[i + 4..i + 4 + len]).expect("JSON body"),
                );
            }
        }
        let n = rd.read(&mut chunk).await.expect("read response");
        assert!(n > 0, "connection closed before a full response");
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// A valid PDF of exactly `size` bytes (the padding comment absorbs the difference; the xref
/// offset's digit count can shift by one, hence the second pass).
fn pdf_of_exact_size(line: &str, size: usize) -> Vec<u8> {
    let base = text_pdf(line).len();
    let mut padding = size - base;
    loop {
        let pdf = padded_text_pdf(line, padding);
        match pdf.len().cmp(&size) {
            std::cmp::Ordering::Equal => return pdf,
            std::cmp::Ordering::Greater => padding -= pdf.len() - size,
            std::cmp::Ordering::Less => padding += size - pdf.len(),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_concurrent_uploads_are_all_answered_correctly() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let pdf = Arc::new(text_pdf(PLAIN_LINE));
    let encrypted = Arc::new(encrypted_pdf());
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (client, url, pdf, encrypted) = (client.clone(), url.clone(), pdf.clone(), encrypted.clone());
        tasks.push(tokio::spawn(async move {
            let (body, expect): (Vec<u8>, &[&str]) = match i % 4 {
                0 => (form(&[file("image_file", "t.pdf", b"not a pdf")]), &["PARAMETER_ERROR"]),
                1 => (form(&[file("image_file", "p.pdf", &pdf)]), &["NOT_RECOGNIZABLE"]),
                2 => (form(&[file("image_file", "e.pdf", &encrypted)]), &["PARAMETER_ERROR"]),
                _ => (
                    form(&[file("image_file", "p.pdf", &pdf), text("auto_classify", "0")]),
                    &["NOT_RECOGNIZABLE", "OK"],
                ),
            };
            let r = client.post_form(&url, body, &[]).await;
            assert!(expect.contains(&r.status()), "request {i}: {}", r.json);
            if i % 4 == 2 {
                assert!(r.error().contains("password"), "request {i}: {}", r.json);
            }
            r.headers["x-request-id"].to_str().unwrap().to_string()
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.expect("request task panicked"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 16, "request ids must be unique");
    client.assert_healthy(&server).await;
    server.shutdown().await;
}

/// Substitute parsers: the production server code with a parser that misbehaves on purpose.
struct PanickingParser;

impl ReportParser for PanickingParser {
    fn parse(&self, _: &[u8], _: ParseOptions) -> Result<ParseOutcome> {
        panic!("deliberate test panic");
    }
}

/// Sleeps, counting how many calls started and how many overlap.
#[derive(Default)]
struct SlowParser {
    delay: Duration,
    started: AtomicUsize,
    running: AtomicUsize,
    max_running: AtomicUsize,
    finished: AtomicUsize,
}

impl ReportParser for SlowParser {
    fn parse(&self, _: &[u8], _: ParseOptions) -> Result<ParseOutcome> {
        self.started.fetch_add(1, Ordering::SeqCst);
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_running.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        self.running.fetch_sub(1, Ordering::SeqCst);
        self.finished.fetch_add(1, Ordering::SeqCst);
        Err(ErrorKind::NoPages.into())
    }
}

/// Returns the empty ("absent") report: exercises the success body.
struct EmptyReportParser;

impl ReportParser for EmptyReportParser {
    fn parse(&self, _: &[u8], _: ParseOptions) -> Result<ParseOutcome> {
        Ok(ParseOutcome {
            report: CreditReport::default(),
            summary: PdfSummary {
                page_count: 1,
                text_layers: vec![TextLayerQuality::Usable],
            },
            ocr_pages: Vec::new(),
            evidence: None,
        })
    }
}

/// Says it cannot parse now, as a worker pool does while every worker is lost.
struct NotReadyParser;

impl ReportParser for NotReadyParser {
    fn parse(&self, _: &[u8], _: ParseOptions) -> Result<ParseOutcome> {
        Err(ErrorKind::NoPages.into())
    }

    fn ready(&self) -> bool {
        false
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_is_200_when_parsing_can_run_and_503_with_the_reason_when_not() {
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    let r = client.call(Method::GET, &server.url(READY_PATH)).await;
    assert_eq!(r.code, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "ready");
    let r = client.call(Method::POST, &server.url(READY_PATH)).await;
    assert_eq!(r.code, StatusCode::METHOD_NOT_ALLOWED);
    server.shutdown().await;

    let server = TestServer::start_with(Arc::new(NotReadyParser), settings(&[])).await;
    let r = client.call(Method::GET, &server.url(READY_PATH)).await;
    assert_eq!(r.code, StatusCode::SERVICE_UNAVAILABLE, "{}", r.json);
    assert_eq!(r.json["status"], "not ready");
    assert!(
        r.json["reason"].as_str().is_some_and(|w| w.contains("worker")),
        "{}",
        r.json
    );
    // Liveness is another question: the process is up.
    client.assert_healthy(&server).await;
    server.shutdown().await;

    // Draining (what `serve` marks on SIGTERM): not ready, whatever the parser says.
    let state = AppState::with_parser(Arc::new(EmptyReportParser), settings(&[]));
    let get = || {
        hyper::Request::get(READY_PATH)
            .body(http_body_util::Empty::<bytes::Bytes>::new())
            .unwrap()
    };
    assert_eq!(handle(&state, get()).await.status(), StatusCode::OK);
    state.begin_drain();
    assert_eq!(handle(&state, get()).await.status(), StatusCode::SERVICE_UNAVAILABLE);
}

fn plain_form() -> Vec<u8> {
    form(&[file("image_file", "plain.pdf", &text_pdf(PLAIN_LINE))])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_parse_is_an_internal_error_and_the_server_keeps_serving() {
    let server = TestServer::start_with(Arc::new(PanickingParser), settings(&[])).await;
    let client = TestClient::default();
    for _ in 0..3 {
        let r = client.post_form(&server.url(API_PATH), plain_form(), &[]).await;
        assert_eq!(
            (r.code, r.status()),
            (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR"),
            "{}",
            r.json
        );
        assert_eq!(r.error(), "internal server error", "internal details stay in the log");
        client.assert_healthy(&server).await;
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn success_body_has_the_result_object_and_no_error() {
    let server = TestServer::start_with(Arc::new(EmptyReportParser), settings(&[])).await;
    let client = TestClient::default();
    let r = client.post_form(&server.url(API_PATH), plain_form(), &[]).await;
    assert_eq!((r.code, r.status()), (StatusCode::OK, "OK"));
    assert!(r.json.get("error").is_none());
    let keys: Vec<String> = r.json["result"]
        .as_object()
        .expect("result object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, schema_top_keys(), "top-level keys of result");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeouts_answer_promptly_but_keep_the_worker_slot_until_the_job_ends() {
    // The job outlasts the deadline tenfold, so the ordering below holds on a loaded machine.
    let parser = Arc::new(SlowParser {
        delay: Duration::from_millis(3000),
        ..Default::default()
    });
    let mut s = settings(&[]);
    s.workers = 1;
    s.request_timeout = Duration::from_millis(300);
    let server = TestServer::start_with(parser.clone(), s).await;
    let client = TestClient::default();
    let url = server.url(API_PATH);

    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(
            async move { client.post_form(&url, plain_form(), &[]).await },
        ));
    }
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(
            (r.code, r.status()),
            (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR"),
            "{}",
            r.json
        );
        assert_eq!(r.error(), "timed out");
    }
    assert!(
        t0.elapsed() < Duration::from_millis(2500),
        "timeouts took {:?}",
        t0.elapsed()
    );
    // The first job is still running and still owns the only slot: a new request cannot
    // start a second job.
    let r = client.post_form(&url, plain_form(), &[]).await;
    assert_eq!(r.error(), "timed out");
    assert!(t0.elapsed() < Duration::from_millis(3000), "still inside the first job");
    client.assert_healthy(&server).await;
    while parser.finished.load(Ordering::SeqCst) == 0 {
        assert!(t0.elapsed() < Duration::from_secs(20), "the first job never finished");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        parser.started.load(Ordering::SeqCst),
        1,
        "timed-out requests must not start more jobs"
    );
    assert_eq!(parser.max_running.load(Ordering::SeqCst), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_accepting_and_lets_the_request_in_flight_finish() {
    let parser = Arc::new(SlowParser {
        delay: Duration::from_millis(800),
        ..Default::default()
    });
    let mut server = TestServer::start_with(parser.clone(), settings(&[])).await;
    let addr = server.addr;
    let client = TestClient::default();
    let url = server.url(API_PATH);
    let in_flight = tokio::spawn(async move { client.post_form(&url, plain_form(), &[]).await });
    let t0 = Instant::now();
    while parser.started.load(Ordering::SeqCst) == 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "the request never reached the parser"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.trigger_shutdown();
    let r = in_flight.await.unwrap();
    assert_eq!(
        r.status(),
        "NOT_RECOGNIZABLE",
        "the in-flight request gets its real answer: {}",
        r.json
    );
    tokio::time::timeout(Duration::from_secs(10), server.join())
        .await
        .expect("serve did not return after shutdown")
        .expect("serve failed");
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no longer accepting after shutdown"
    );
}
