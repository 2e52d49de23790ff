//! Optional API-key check. Runs on the request head only, before any of the body is read, so
//! an unauthenticated client cannot make the server buffer an upload.

use hyper::header::{HeaderMap, AUTHORIZATION};

use crate::error::Denied;
use crate::Result;

/// Header carrying the key directly.
pub const API_KEY_HEADER: &str = "x-api-key";

/// Accepts the request when `keys` is empty (authentication off) or when `X-Api-Key: K` or
/// `Authorization: Bearer K` carries one of `keys`.
pub fn authorize(headers: &HeaderMap, keys: &[String]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let presented = presented_keys(headers);
    if presented.is_empty() {
        return Err(Denied::MissingKey.into());
    }
    // Every presented key is compared against every configured key without short-circuiting,
    // so the response time does not reveal which key (or how much of one) matched.
    let mut matched = false;
    for p in &presented {
        for k in keys {
            matched |= constant_time_eq(p, k.as_bytes());
        }
    }
    if matched {
        Ok(())
    } else {
        Err(Denied::InvalidKey.into())
    }
}

/// Keys found in the request head. Values that are not visible ASCII are ignored (they cannot
/// match a configured key, which `config::parse_api_keys` restricts to printable ASCII).
fn presented_keys(headers: &HeaderMap) -> Vec<&[u8]> {
    let mut out = Vec::new();
    for v in headers.get_all(API_KEY_HEADER) {
        let b = trim(v.as_bytes());
        if !b.is_empty() {
            out.push(b);
        }
    }
    for v in headers.get_all(AUTHORIZATION) {
        let b = trim(v.as_bytes());
        // The scheme name is case-insensitive (RFC 9110 §11.1).
        if b.len() > 7 && b[..7].eq_ignore_ascii_case(b"bearer ") {
            let token = trim(&b[7..]);
            if !token.is_empty() {
                out.push(token);
            }
        }
    }
    out
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &b[start..end]
}

/// Compares two byte strings in time that depends only on the length of `presented`, never on
/// where the first difference is.
fn constant_time_eq(presented: &[u8], expected: &[u8]) -> bool {
    // A length mismatch is folded into the accumulator instead of returning early.
    let mut diff: usize = presented.len() ^ expected.len();
    if expected.is_empty() {
        return false;
    }
    for (i, &b) in presented.iter().enumerate() {
        diff |= usize::from(b ^ expected[i % expected.len()]);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use hyper::header::HeaderValue;

    fn keys() -> Vec<String> {
        vec!["key-aaaa-1111".to_string(), "key-bbbb-2222".to_string()]
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn no_keys_configured_means_open() {
        assert!(authorize(&HeaderMap::new(), &[]).is_ok());
    }

    #[test]
    fn accepts_either_header_form() {
        assert!(authorize(&headers(&[("x-api-key", "key-bbbb-2222")]), &keys()).is_ok());
        assert!(authorize(&headers(&[("authorization", "Bearer key-aaaa-1111")]), &keys()).is_ok());
        assert!(authorize(&headers(&[("authorization", "bearer  key-aaaa-1111 ")]), &keys()).is_ok());
    }

    #[test]
    fn rejects_missing_wrong_and_prefix_keys() {
        let missing = authorize(&HeaderMap::new(), &keys()).unwrap_err();
        assert!(matches!(missing.kind(), ErrorKind::NoPermission(Denied::MissingKey)));
        assert!(missing.to_string().contains("missing"));
        for bad in [
            "key-aaaa-111",
            "key-aaaa-11111",
            "KEY-AAAA-1111",
            "key-aaaa-1111key-aaaa-1111",
        ] {
            let e = authorize(&headers(&[("x-api-key", bad)]), &keys()).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::NoPermission(Denied::InvalidKey)) && e.to_string() == "invalid API key",
                "{bad}"
            );
        }
        // Basic auth is not a bearer token.
        assert!(authorize(&headers(&[("authorization", "Basic key-aaaa-1111")]), &keys()).is_err());
    }

    #[test]
    fn constant_time_eq_matches_only_equal_strings() {
        assert!(constant_time_eq(b"abcdefgh", b"abcdefgh"));
        assert!(!constant_time_eq(b"abcdefgh", b"abcdefgi"));
        assert!(!constant_time_eq(b"abcd", b"abcdabcd"));
        assert!(!constant_time_eq(b"", b"abcd"));
        assert!(!constant_time_eq(b"abcd", b""));
    }
}
