//! Helpers shared by the parser tests over generated and scanned reports.
#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::PathBuf;

use serde_json::Value;
use zhengxin::config::Settings;

/// The repository root (where `third_party/` and `../shared` are found).
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Settings over the checked-out artefacts, or those under `ZHENGXIN_HOME` when it is set (a
/// worktree without its own third_party/ and models/).
pub fn settings() -> Settings {
    let home = std::env::var_os(zhengxin::config::ENV_HOME)
        .map(PathBuf::from)
        .unwrap_or_else(repo_root);
    Settings::at(home)
}

/// The PBOC 本人版 design sample's bytes.
pub fn sample_bytes() -> Vec<u8> {
    std::fs::read(repo_root().join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf"))
        .expect("sample PDF in ../shared/samples")
}

/// Paths where two JSON values differ (at most `limit`).
pub fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                diff(&format!("{path}.{k}"), wv, g.get(k).unwrap_or(&Value::Null), out, limit);
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {} items expected, {} found", w.len(), g.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                diff(&format!("{path}[{i}]"), wv, gv, out, limit);
            }
        }
        _ if want != got => out.push(format!("{path}: expected {want}, found {got}")),
        _ => {}
    }
}

/// Counts the string leaves of a JSON value.
pub fn leaves(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.values().map(leaves).sum(),
        Value::Array(a) => a.iter().map(leaves).sum(),
        _ => 1,
    }
}
