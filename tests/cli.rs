//! The `zhengxin` binary: help text, `parse` output and exit codes, start-up errors, and
//! `serve` shutting down cleanly on SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengxin"));
    c.env("ZHENGXIN_HOME", common::repo_root())
        .env_remove("ZHENGXIN_API_KEYS")
        .env_remove("RUST_LOG");
    c
}

/// A file in the temp directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let p = std::env::temp_dir().join(format!("zhengxin-cli-test-{}-{name}", std::process::id()));
        std::fs::write(&p, bytes).unwrap();
        Self(p)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run_parse(file: &Path, extra: &[&str]) -> (Output, Value) {
    assert!(common::settings(&[]).pdfium_lib().is_file());
    let out = bin().arg("parse").arg(file).args(extra).output().unwrap();
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON body ({e}): {stdout:?}; stderr: {}",
            stderr(&out)
        )
    });
    (out, json)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_explains_commands_examples_and_setup() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "parse",
        "serve",
        "Examples:",
        "curl -F image_file=@",
        "ZHENGXIN_API_KEYS",
        "scripts/download_models.sh",
    ] {
        assert!(text.contains(needle), "--help lacks {needle:?}:\n{text}");
    }
    // The corpus generator and the scorer are `zhengxin-lab`'s, not the service's.
    for tool in ["gen-corpus", "eval"] {
        assert!(!text.contains(tool), "--help still lists {tool:?}:\n{text}");
        assert!(!bin().arg(tool).output().unwrap().status.success(), "{tool} still runs");
    }
    let out = bin().args(["parse", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in ["--no-classify", "--pretty", "2 PARAMETER_ERROR", "3 NOT_RECOGNIZABLE"] {
        assert!(text.contains(needle), "parse --help lacks {needle:?}:\n{text}");
    }
}

#[test]
fn parse_non_pdf_exits_2_with_the_api_body() {
    let f = TempFile::new("notes.pdf", b"just some text, renamed to .pdf");
    let (out, json) = run_parse(&f.0, &[]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert_eq!(json["status"], "PARAMETER_ERROR");
    assert!(json["error"].as_str().unwrap().contains("not a PDF"));
    assert!(json.get("result").is_none());
    // Exactly the body, on one line.
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn parse_missing_file_exits_2() {
    let missing = std::env::temp_dir().join("zhengxin-cli-test-does-not-exist.pdf");
    let (out, json) = run_parse(&missing, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json["status"], "PARAMETER_ERROR");
    assert!(json["error"].as_str().unwrap().contains("cannot read"), "{json}");
}

#[test]
fn parse_encrypted_and_plain_pdfs() {
    let (out, json) = run_parse(&common::repo_root().join("tests/fixtures/encrypted.pdf"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(json["error"].as_str().unwrap().contains("password-protected"), "{json}");

    let f = TempFile::new("plain.pdf", &common::text_pdf("Hello from a plain test document"));
    let (out, json) = run_parse(&f.0, &["--pretty"]);
    assert_eq!(out.status.code(), Some(3), "{json}");
    assert_eq!(json["status"], "NOT_RECOGNIZABLE");
    assert!(
        String::from_utf8(out.stdout).unwrap().lines().count() > 1,
        "--pretty indents"
    );

    let (out, json) = run_parse(&f.0, &["--no-classify"]);
    let expected = if json["status"] == "OK" { 0 } else { 3 };
    assert_eq!(out.status.code(), Some(expected), "{json}");
}

#[test]
fn missing_pdfium_is_one_clear_line_and_exit_1() {
    let empty_home = std::env::temp_dir().join(format!("zhengxin-cli-test-home-{}", std::process::id()));
    std::fs::create_dir_all(&empty_home).unwrap();
    let f = TempFile::new("any.pdf", b"%PDF-1.4");
    let out = bin()
        .env("ZHENGXIN_HOME", &empty_home)
        .arg("parse")
        .arg(&f.0)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir(&empty_home);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("libpdfium.so") && err.contains("scripts/download_models.sh"),
        "{err}"
    );
}

/// `parse` loads the OCR models only when a page needs them: with pdfium but no models, a text
/// report still parses, and a scanned one fails with the missing model named.
#[test]
fn parse_loads_ocr_models_only_for_pages_that_need_them() {
    let home = std::env::temp_dir().join(format!("zhengxin-cli-test-nomodels-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let third_party = home.join("third_party");
    if !third_party.exists() {
        std::os::unix::fs::symlink(common::repo_root().join("third_party"), &third_party).unwrap();
    }
    let golden = common::repo_root().join("tests/fixtures/golden");
    let run = |pdf: &str| {
        bin()
            .env("ZHENGXIN_HOME", &home)
            .arg("parse")
            .arg(golden.join(pdf))
            .output()
            .unwrap()
    };
    let text = run("synth_s77_001.pdf");
    let scan = run("chr_s77_001.scan-print.pdf");
    let _ = std::fs::remove_file(&third_party);
    let _ = std::fs::remove_dir(&home);

    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let json: Value = serde_json::from_slice(&text.stdout).unwrap();
    assert_eq!(json["status"], "OK");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(golden.join("synth_s77_001.result.json")).unwrap()).unwrap();
    assert_eq!(json["result"], expected, "same result as with the models present");

    assert_ne!(scan.status.code(), Some(0));
    let body = String::from_utf8_lossy(&scan.stdout).into_owned() + &stderr(&scan);
    assert!(body.contains("model"), "the error names the missing model: {body}");
}

#[test]
fn serve_rejects_out_of_range_workers() {
    for w in ["0", "257", "many"] {
        let out = bin()
            .args(["serve", "--addr", "127.0.0.1:0", "--workers", w])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--workers {w}");
        assert!(stderr(&out).contains("--workers"), "{}", stderr(&out));
    }
}

#[test]
fn serve_answers_health_and_stops_on_sigterm() {
    let mut child = bin()
        .args(["serve", "--addr", "127.0.0.1:0", "--workers", "2"])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited before listening").unwrap();
        if let Some(rest) = line.split("addr=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.ends_with(r#"{"status":"ok"}"#), "{reply}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let t0 = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        assert!(t0.elapsed() < Duration::from_secs(15), "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "serve exit status after SIGTERM: {status}");
    let rest: Vec<String> = lines.map_while(|l| l.ok()).collect();
    assert!(rest.iter().any(|l| l.contains("SIGTERM")), "{rest:?}");
}

#[test]
fn cuda_request_falls_back_to_cpu_with_one_warning_or_fails_when_required() {
    let f = TempFile::new("blank.pdf", &common::text_pdf("zhengxin device check"));
    let gpu_lib = common::repo_root().join("third_party/gpu/libonnxruntime.so.1.31.1");
    let (out, json) = run_parse(&f.0, &["--device", "cuda", "--no-classify"]);
    // The request itself is answered either way (the PDF is not a report: not recognisable).
    assert_ne!(json["status"], "INTERNAL_ERROR", "stderr: {}", stderr(&out));
    let gpu_present = std::process::Command::new("nvidia-smi")
        .arg("-L")
        .output()
        .is_ok_and(|o| o.status.success());
    if gpu_lib.is_file() && gpu_present {
        // A GPU server set up with `download_models.sh --gpu`: nothing to fall back from.
        return;
    }
    let err = stderr(&out);
    assert_eq!(
        err.matches("running OCR on the CPU instead").count(),
        1,
        "one fallback warning expected: {err}"
    );
    let out = bin()
        .args(["parse", "--device", "cuda", "--require-device"])
        .arg(&f.0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Without the GPU runtime the error says how to get it; with it but no GPU, the CUDA
    // provider's own failure is named.
    let names_cause = if gpu_lib.is_file() {
        err.contains("CUDA")
    } else {
        err.contains("download_models.sh --gpu")
    };
    assert!(names_cause && err.lines().count() == 1, "{err}");
}

/// `scripts/gpu_check.sh` on a machine without an NVIDIA GPU stops at once with exit status 2
/// and says why (on a GPU machine it would run the whole check, so there it is not run here).
#[test]
fn gpu_check_says_clearly_that_there_is_no_gpu() {
    let has_gpu = std::process::Command::new("nvidia-smi")
        .arg("-L")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_gpu {
        return;
    }
    let out = std::process::Command::new("bash")
        .arg(common::repo_root().join("scripts/gpu_check.sh"))
        .env("GPU_CHECK_WORK", std::env::temp_dir().join("zhengxin-gpu-check-test"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no NVIDIA GPU") && err.lines().count() == 1, "{err}");
}
