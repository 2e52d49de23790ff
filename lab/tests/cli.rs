//! The `zhengxin-lab` binary: help text, and one-line errors with exit status 1.

use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengxin-lab"));
    c.env_remove("RUST_LOG");
    c
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_lists_both_commands_and_examples() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "gen-corpus",
        "eval",
        "Examples:",
        "ZHENGXIN_HOME",
        "scripts/download_models.sh",
    ] {
        assert!(text.contains(needle), "--help lacks {needle:?}:\n{text}");
    }
    // The service's commands stay with the service binary.
    for service in ["serve", "parse"] {
        assert!(!bin().arg(service).output().unwrap().status.success(), "{service} runs");
    }
}

#[test]
fn eval_on_a_missing_corpus_fails_with_one_line() {
    let missing = std::env::temp_dir().join("zhengxin-cli-test-no-corpus");
    let out = bin().arg("eval").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("zhengxin-lab: error: ") && err.contains("zhengxin-cli-test-no-corpus"),
        "{err}"
    );
}

#[test]
fn gen_corpus_rejects_an_unknown_scan_level_before_writing() {
    let out_dir = std::env::temp_dir().join(format!("zhengxin-lab-cli-test-{}", std::process::id()));
    let out = bin()
        .args(["gen-corpus", "--count", "1", "--scan-levels", "blurry", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("zhengxin-lab: error: "), "{err}");
    assert!(!out_dir.exists(), "wrote {} before validating", out_dir.display());
}
