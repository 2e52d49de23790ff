//! `GET /review`: the review page. Plain HTML, CSS and JavaScript compiled into the binary
//! (`review/`), so the page works offline and needs no build step or second server. It calls
//! `POST /api/credit_report_v2` with `evidence=1&page_images=1` from the browser and shows each
//! field's box over its page; nothing about a report passes through these routes.

use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, X_CONTENT_TYPE_OPTIONS};
use hyper::{Response, StatusCode};

use super::response::{self, Body};

/// The page.
pub const REVIEW_PATH: &str = "/review";
/// Its script.
pub const SCRIPT_PATH: &str = "/review/review.js";
/// Its style sheet.
pub const STYLE_PATH: &str = "/review/review.css";

const HTML: &str = include_str!("review/index.html");
const SCRIPT: &str = include_str!("review/review.js");
const STYLE: &str = include_str!("review/review.css");

/// Replaced in the HTML by `1` or `0`: whether the page must ask for an API key before it
/// calls the API (the keys themselves never leave the server).
const AUTH_MARKER: &str = "{{AUTH_REQUIRED}}";

/// Same-origin scripts and styles only; page images arrive as `data:` URLs and the export is a
/// `blob:` download. Nothing is fetched from anywhere else.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                      connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// One of the page's files, or `None` when `path` is not one of them.
pub fn asset(path: &str, auth_required: bool, request_id: u64) -> Option<Response<Body>> {
    let (content_type, body) = content(path, auth_required)?;
    let mut resp = response::text(StatusCode::OK, content_type, body, request_id);
    let h = resp.headers_mut();
    h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The files change with the binary; a browser must not keep an old script next to a new API.
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Some(resp)
}

/// Content type and body of one of the page's files.
fn content(path: &str, auth_required: bool) -> Option<(&'static str, String)> {
    Some(match path {
        REVIEW_PATH => (
            "text/html; charset=utf-8",
            HTML.replace(AUTH_MARKER, if auth_required { "1" } else { "0" }),
        ),
        SCRIPT_PATH => ("text/javascript; charset=utf-8", SCRIPT.to_string()),
        STYLE_PATH => ("text/css; charset=utf-8", STYLE.to_string()),
        _ => return None,
    })
}

/// Whether `path` is one of the page's routes.
pub fn is_asset(path: &str) -> bool {
    matches!(path, REVIEW_PATH | SCRIPT_PATH | STYLE_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_links_only_its_own_files_and_says_whether_a_key_is_needed() {
        for auth in [false, true] {
            let resp = asset(REVIEW_PATH, auth, 1).unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            assert!(resp.headers()[hyper::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"));
            let (_, html) = content(REVIEW_PATH, auth).unwrap();
            assert!(!html.contains(AUTH_MARKER));
            assert!(html.contains(&format!("data-auth-required=\"{}\"", u8::from(auth))));
            assert!(html.contains(SCRIPT_PATH) && html.contains(STYLE_PATH));
            // Offline: no file from another origin.
            assert!(
                !html.contains("http://") && !html.contains("https://"),
                "external reference"
            );
        }
        for path in [SCRIPT_PATH, STYLE_PATH] {
            assert!(is_asset(path));
            let resp = asset(path, false, 1).unwrap();
            assert!(resp.headers().contains_key(CONTENT_SECURITY_POLICY));
        }
        assert!(asset("/review/other.js", false, 1).is_none());
        assert!(!SCRIPT.contains("https://") && !STYLE.contains("https://"));
    }
}
