//! Which rendering route produced a document, and the per-route row keys of the summary.
//!
//! The generator records the route (`pdfium`, `chromium`) in `NAME.meta.json`; a corpus
//! without meta files, or a meta file without the key, is the pdfium route. Summary rows are
//! keyed `ROUTE/VARIANT` (`pdfium/text`, `chromium/clean`); a bare `VARIANT` in `--min-f1`,
//! `--min-grid` or `--variant` still works as before.

use std::path::Path;

/// The route of corpora written before routes existed.
pub const DEFAULT_ROUTE: &str = "pdfium";

const TRUTH_SUFFIX: &str = ".truth.json";
const META_SUFFIX: &str = ".meta.json";

/// The route recorded next to `truth` (`NAME.truth.json` → `NAME.meta.json`).
pub fn route_of(truth: &Path) -> String {
    let meta = truth
        .file_name()
        .and_then(|f| f.to_str())
        .and_then(|f| f.strip_suffix(TRUTH_SUFFIX))
        .map(|name| truth.with_file_name(format!("{name}{META_SUFFIX}")));
    meta.and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("route").and_then(|r| r.as_str()).map(str::to_string))
        .filter(|r| !r.is_empty() && !r.contains('/'))
        .unwrap_or_else(|| DEFAULT_ROUTE.to_string())
}

/// The summary row of a document: `ROUTE/VARIANT`.
pub fn row_key(route: &str, variant: &str) -> String {
    format!("{route}/{variant}")
}

/// Splits a row key into (route, variant); a bare variant is the default route's.
pub fn split_key(key: &str) -> (&str, &str) {
    key.split_once('/').unwrap_or((DEFAULT_ROUTE, key))
}

/// Whether a key given on the command line names row `row`: `chromium/clean` names only that
/// row, a bare `clean` names the default route's row (as before routes existed).
pub fn names_row(key: &str, row: &str) -> bool {
    split_key(key) == split_key(row)
}

/// Whether `--variant` value `filter` selects a document of `route` and `variant`: a full key
/// selects that row, a bare variant that variant on every route.
pub fn selects(filter: &str, route: &str, variant: &str) -> bool {
    match filter.split_once('/') {
        Some((r, v)) => r == route && v == variant,
        None => filter == variant,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_comes_from_the_meta_file() {
        let dir = std::env::temp_dir().join(format!("zhengxin-eval-route-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("a.meta.json"), br#"{"route":"chromium","pages":3}"#).expect("write");
        std::fs::write(dir.join("b.meta.json"), br#"{"pages":3}"#).expect("write");
        std::fs::write(dir.join("c.meta.json"), b"not json").expect("write");
        assert_eq!(route_of(&dir.join("a.truth.json")), "chromium");
        assert_eq!(route_of(&dir.join("b.truth.json")), "pdfium");
        assert_eq!(route_of(&dir.join("c.truth.json")), "pdfium");
        assert_eq!(route_of(&dir.join("d.truth.json")), "pdfium");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn bare_keys_name_the_default_route() {
        assert!(names_row("text", "pdfium/text"));
        assert!(names_row("pdfium/text", "pdfium/text"));
        assert!(names_row("chromium/clean", "chromium/clean"));
        assert!(!names_row("clean", "chromium/clean"));
        assert!(!names_row("chromium/text", "pdfium/text"));
        assert!(selects("text", "chromium", "text"));
        assert!(selects("chromium/text", "chromium", "text"));
        assert!(!selects("chromium/text", "pdfium", "text"));
        assert!(!selects("mild", "pdfium", "text"));
    }
}
