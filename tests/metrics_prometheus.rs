//! `GET /metrics` as Prometheus users see it: Debian's `promtool check metrics` accepts the
//! classic text, and a real Prometheus server (from `scripts/fetch_prometheus.sh`) scrapes a
//! running zhengxin over loopback and answers queries for its series.

mod common;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use common::*;
use zhengxin::server::{API_PATH, METRICS_PATH};

/// The Prometheus binaries; fetched once by the set-up script.
fn prometheus_bin() -> std::path::PathBuf {
    let out = Command::new(repo_root().join("scripts/fetch_prometheus.sh"))
        .output()
        .expect("run scripts/fetch_prometheus.sh");
    assert!(
        out.status.success(),
        "fetch_prometheus.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .lines()
        .last()
        .unwrap()
        .into()
}

/// One plain HTTP/1.1 GET; (head, body).
async fn get(addr: std::net::SocketAddr, path: &str, accept: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: t\r\nAccept: {accept}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    (head.to_string(), body.to_string())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Kills the Prometheus server however the test ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promtool_accepts_the_metrics_and_prometheus_scrapes_them() {
    let bin = prometheus_bin();
    let server = TestServer::start(settings(&[])).await;
    let client = TestClient::default();
    // One answer of each kind the counters should show: a report (its pages counted), a
    // document that is not one, a file that is no PDF.
    let sample = repo_root().join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    let sample = std::fs::read(&sample).unwrap_or_else(|e| panic!("{}: {e}", sample.display()));
    let r = client
        .post_form(
            &server.url(API_PATH),
            form(&[file("image_file", "report.pdf", &sample)]),
            &[],
        )
        .await;
    assert_eq!(r.status(), "OK", "{}", r.json);
    let r = client
        .post_form(
            &server.url(API_PATH),
            form(&[file("image_file", "plain.pdf", &text_pdf("Hello"))]),
            &[],
        )
        .await;
    assert_eq!(r.status(), "NOT_RECOGNIZABLE", "{}", r.json);
    let r = client
        .post_form(
            &server.url(API_PATH),
            form(&[file("image_file", "x.pdf", b"not a pdf")]),
            &[],
        )
        .await;
    assert_eq!(r.status(), "PARAMETER_ERROR", "{}", r.json);

    // The classic text format, linted by promtool.
    let (head, text) = get(server.addr, METRICS_PATH, "*/*").await;
    assert!(head.contains("text/plain; version=0.0.4"), "{head}");
    assert!(
        text.contains("zhengxin_requests_total{status=\"NOT_RECOGNIZABLE\"} 1"),
        "{text}"
    );
    assert!(text.contains("zhengxin_pages_total{source=\"text\"} 19"), "{text}");
    assert!(text.contains("zhengxin_requests_total{status=\"OK\"} 1"), "{text}");
    let mut promtool = Command::new(bin.join("promtool"))
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    promtool.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let lint = promtool.wait_with_output().unwrap();
    assert!(
        lint.status.success(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
    // OpenMetrics for a client that asks for it.
    let (head, om) = get(server.addr, METRICS_PATH, "application/openmetrics-text;version=1.0.0").await;
    assert!(head.contains("application/openmetrics-text"), "{head}");
    assert!(om.ends_with("# EOF\n"));

    // A real Prometheus scraping every second.
    let dir = std::env::temp_dir().join(format!("zhengxin-prom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global: {{scrape_interval: 1s, scrape_timeout: 1s}}\nscrape_configs:\n  - job_name: zhengxin\n    static_configs:\n      - targets: ['{}']\n",
            server.addr
        ),
    )
    .unwrap();
    let web = format!("127.0.0.1:{}", free_port());
    let prom = Killed(
        Command::new(bin.join("prometheus"))
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--storage.tsdb.path={}", dir.join("data").display()))
            .arg(format!("--web.listen-address={web}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start prometheus"),
    );
    let query = |q: &'static str| {
        let web = web.clone();
        async move {
            let addr: std::net::SocketAddr = web.parse().unwrap();
            let Ok(mut s) = TcpStream::connect(addr).await else {
                return None;
            };
            let req = format!("GET /api/v1/query?query={q} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            s.write_all(req.as_bytes()).await.ok()?;
            let mut raw = String::new();
            s.read_to_string(&mut raw).await.ok()?;
            let body = raw.split_once("\r\n\r\n")?.1;
            serde_json::from_str::<Value>(body).ok()
        }
    };
    let t0 = Instant::now();
    let found = loop {
        if let Some(v) = query("zhengxin_requests_total").await {
            let series = v["data"]["result"].as_array().cloned().unwrap_or_default();
            let not_recognizable = series
                .iter()
                .find(|s| s["metric"]["status"] == "NOT_RECOGNIZABLE")
                .map(|s| s["value"][1].clone());
            if let Some(value) = not_recognizable {
                break value;
            }
        }
        assert!(
            t0.elapsed() < Duration::from_secs(90),
            "Prometheus did not report zhengxin_requests_total within 90 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert_eq!(found, "1");
    let build = query("zhengxin_build_info").await.expect("query build_info");
    assert_eq!(build["data"]["result"][0]["value"][1], "1", "{build}");
    // Seconds per stage: the one report parsed (a text PDF, no evidence) went through these
    // stages once each; OCR stages did not run, so they have no series.
    let stages = query("zhengxin_stage_seconds_count")
        .await
        .expect("query stage seconds");
    let mut seen: Vec<(String, String)> = stages["data"]["result"]
        .as_array()
        .expect("stage series")
        .iter()
        .map(|s| {
            (
                s["metric"]["stage"].as_str().unwrap_or_default().to_string(),
                s["value"][1].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    seen.sort();
    let once = |s: &str| (s.to_string(), "1".to_string());
    assert_eq!(
        seen,
        [once("layout"), once("open"), once("parse"), once("text")],
        "{stages}"
    );
    let up = query("up").await.expect("query up");
    assert_eq!(up["data"]["result"][0]["value"][1], "1", "{up}");
    drop(prom);
    let _ = std::fs::remove_dir_all(&dir);
    server.shutdown().await;
}
