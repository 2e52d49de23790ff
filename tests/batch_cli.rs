//! `zhengxin parse DIR_OR_FILES… --out DIR`: one body per input (the same as the single-file
//! form prints), per-file status lines, the summary table, the exit code of the worst status,
//! and a rerun that skips what is done.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengxin"));
    c.env("ZHENGXIN_HOME", common::repo_root())
        .env_remove("ZHENGXIN_API_KEYS")
        .env_remove("RUST_LOG");
    c
}

/// A fresh scratch directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("zhengxin-batch-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn body(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The counts of a summary row, e.g. `OK 2 0 2`.
fn row(summary: &str, name: &str) -> Option<Vec<usize>> {
    summary.lines().find_map(|l| {
        let mut cols = l.split_whitespace();
        (cols.next() == Some(name)).then(|| cols.take(3).filter_map(|c| c.parse().ok()).collect())
    })
}

/// Inputs: two text credit reports (one in a subfolder), a PDF that is not a report, a file
/// that is not a PDF at all.
fn inputs(dir: &Path) {
    let report = std::fs::read(common::repo_root().join("tests/fixtures/golden/chr_s2026_004.pdf")).unwrap();
    std::fs::create_dir_all(dir.join("more")).unwrap();
    std::fs::write(dir.join("a_report.pdf"), &report).unwrap();
    std::fs::write(dir.join("more/b_report.pdf"), &report).unwrap();
    std::fs::write(
        dir.join("c_letter.pdf"),
        common::text_pdf("Dear customer, this is not a report"),
    )
    .unwrap();
    std::fs::write(dir.join("d_broken.pdf"), b"%PDF-1.7 truncated nonsense").unwrap();
    std::fs::write(dir.join("ignored.txt"), b"not searched").unwrap();
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    bin().arg("parse").args(args).output().unwrap()
}

#[test]
fn a_folder_gives_one_body_per_pdf_statuses_summary_and_resume() {
    let tmp = TempDir::new("folder");
    let (src, out) = (tmp.0.join("in"), tmp.0.join("out"));
    inputs(&src);
    let o = run(&[
        src.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "-j".as_ref(),
        "2".as_ref(),
    ]);
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    // Worst status PARAMETER_ERROR (the broken file): exit 2.
    assert_eq!(o.status.code(), Some(2), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(row(&stdout, "OK"), Some(vec![2, 0, 2]), "{stdout}");
    assert_eq!(row(&stdout, "NOT_RECOGNIZABLE"), Some(vec![1, 0, 1]), "{stdout}");
    assert_eq!(row(&stdout, "PARAMETER_ERROR"), Some(vec![1, 0, 1]), "{stdout}");
    assert_eq!(row(&stdout, "all"), Some(vec![4, 0, 4]), "{stdout}");
    for (file, status) in [
        ("a_report.pdf", "OK"),
        ("b_report.pdf", "OK"),
        ("c_letter.pdf", "NOT_RECOGNIZABLE"),
        ("d_broken.pdf", "PARAMETER_ERROR"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(&format!(": {status} ("))),
            "no status line {status} for {file}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("ignored.txt"));
    // The same body as the single-file form prints.
    let single = bin().arg("parse").arg(src.join("a_report.pdf")).output().unwrap();
    let single: Value = serde_json::from_slice(&single.stdout).unwrap();
    assert_eq!(body(&out.join("a_report.json")), single);
    assert_eq!(body(&out.join("more/b_report.json"))["status"], "OK");
    assert_eq!(body(&out.join("c_letter.json"))["status"], "NOT_RECOGNIZABLE");
    assert_eq!(body(&out.join("d_broken.json"))["status"], "PARAMETER_ERROR");
    // Only finished files: no temporary names left in --out.
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}"); // 3 bodies + the subfolder

    // Resume: a removed output and a half-written one are parsed again, the rest skipped.
    std::fs::remove_file(out.join("c_letter.json")).unwrap();
    std::fs::write(out.join("a_report.json"), b"{\"status\":\"OK\",\"resu").unwrap();
    let o = run(&[src.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(2), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(row(&stdout, "OK"), Some(vec![1, 1, 2]), "{stdout}");
    assert_eq!(row(&stdout, "NOT_RECOGNIZABLE"), Some(vec![1, 0, 1]), "{stdout}");
    assert_eq!(row(&stdout, "PARAMETER_ERROR"), Some(vec![0, 1, 1]), "{stdout}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("b_report.pdf") && l.contains("skipped")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("a_report.pdf") && !l.contains("skipped")),
        "{stderr}"
    );
    assert_eq!(body(&out.join("a_report.json")), single);
}

#[test]
fn exit_code_follows_the_worst_status() {
    let tmp = TempDir::new("worst");
    let report = common::repo_root().join("tests/fixtures/golden/chr_s2026_004.pdf");
    let letter = tmp.0.join("letter.pdf");
    std::fs::write(&letter, common::text_pdf("Just a letter")).unwrap();
    let out = tmp.0.join("ok");
    let o = run(&[report.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = tmp.0.join("mixed");
    let o = run(&[
        report.as_os_str(),
        letter.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stdout));
    // Two inputs without --out: refused, not half-done.
    let o = run(&[report.as_os_str(), letter.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("--out"), "{}", text(&o.stderr));
    // A missing input stops before anything is parsed.
    let o = run(&[tmp.0.join("missing").as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("cannot read input"), "{}", text(&o.stderr));
}
