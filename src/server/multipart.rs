//! Reads the `multipart/form-data` body of `POST /api/credit_report_v2` while it streams in.
//!
//! The upload limit is enforced chunk by chunk: the file is never buffered beyond
//! [`MAX_UPLOAD_BYTES`], and the whole body (file + boundaries + small fields) never beyond
//! [`MAX_BODY_BYTES`]. A non-PDF is rejected as soon as its first KiB has arrived.

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::header::{HeaderMap, CONTENT_LENGTH, CONTENT_TYPE};
use multer::{Constraints, Multipart, SizeLimit};

use crate::config::MAX_UPLOAD_BYTES;
use crate::error::InvalidInput;
use crate::pdf;
use crate::pipeline::ParseOptions;
use crate::{Error, Result};

/// Name of the file field.
pub const FILE_FIELD: &str = "image_file";
/// Name of the classification switch.
pub const CLASSIFY_FIELD: &str = "auto_classify";
/// Name of the evidence switch (EVIDENCE.md).
pub const EVIDENCE_FIELD: &str = "evidence";
/// Name of the page-image switch: with `evidence=1`, each evidence page carries a PNG of itself
/// (the review page draws the boxes over it). Without evidence it is checked and ignored.
pub const PAGE_IMAGES_FIELD: &str = "page_images";
/// Room for boundaries, part headers and small extra fields on top of the file itself.
pub const FORM_OVERHEAD_BYTES: usize = 1024 * 1024;
/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES;
/// Largest non-file field kept or skipped; `auto_classify` needs one byte.
const MAX_SMALL_FIELD_BYTES: usize = 64 * 1024;
/// The magic-byte check looks at this many leading bytes (the PDF spec allows leading junk
/// before `%PDF-` within the first KiB).
const MAGIC_WINDOW: usize = 1024;

/// The parsed form.
#[derive(Debug)]
pub struct Upload {
    /// The uploaded file, at most [`MAX_UPLOAD_BYTES`].
    pub file: Vec<u8>,
    /// Options from the other fields.
    pub options: ParseOptions,
}

/// The error for a file over the limit; shared with the CLI so both say the same thing.
pub fn file_too_large() -> Error {
    InvalidInput::TooLarge {
        limit_mb: MAX_UPLOAD_BYTES / (1024 * 1024),
    }
    .into()
}

/// Rejects a body whose declared length is already over the limit, before any of it is read
/// (and before hyper sends `100 Continue`, so a client that waits for it sends nothing).
pub fn check_content_length(headers: &HeaderMap) -> Result<()> {
    let Some(v) = headers.get(CONTENT_LENGTH) else {
        return Ok(());
    };
    // hyper has already rejected a malformed Content-Length; this parse cannot fail on a
    // request that got this far, but a failure is treated as "no declared length".
    match v.to_str().ok().and_then(|s| s.trim().parse::<u64>().ok()) {
        Some(n) if n > MAX_BODY_BYTES as u64 => Err(file_too_large()),
        _ => Ok(()),
    }
}

/// The multipart boundary from `Content-Type`, or a PARAMETER_ERROR explaining what the
/// endpoint expects.
pub fn boundary(headers: &HeaderMap) -> Result<String> {
    let wrong = || {
        Error::invalid_input(format!(
            "Content-Type must be multipart/form-data with a boundary and a file field `{FILE_FIELD}`"
        ))
    };
    let ct = headers
        .get(CONTENT_TYPE)
        .ok_or_else(wrong)?
        .to_str()
        .map_err(|_| wrong())?;
    multer::parse_boundary(ct).map_err(|_| wrong())
}

/// Reads the form from `body`. Unknown fields are read and dropped (bounded in size);
/// `image_file` is required, `auto_classify` optional (`0` or `1`, default `1`), `evidence`
/// optional (`0` or `1`, default `0`), `page_images` optional (`0` or `1`, default `0`; only
/// honoured with `evidence=1`).
pub async fn read_upload<B>(body: B, boundary: String) -> Result<Upload>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let limits = Constraints::new().size_limit(SizeLimit::new().whole_stream(MAX_BODY_BYTES as u64));
    let mut form = Multipart::with_constraints(body.into_data_stream(), boundary, limits);
    let mut file: Option<Vec<u8>> = None;
    let mut classify: Option<bool> = None;
    let mut evidence: Option<bool> = None;
    let mut page_images: Option<bool> = None;
    while let Some(mut field) = form.next_field().await.map_err(map_multer)? {
        match field.name() {
            Some(FILE_FIELD) => {
                if file.is_some() {
                    return Err(Error::invalid_input(format!("more than one `{FILE_FIELD}` field")));
                }
                file = Some(read_file(&mut field).await?);
            }
            Some(CLASSIFY_FIELD) => {
                if classify.is_some() {
                    return Err(Error::invalid_input(format!("more than one `{CLASSIFY_FIELD}` field")));
                }
                let value = read_small(&mut field, true).await?;
                classify = Some(parse_switch(&value, CLASSIFY_FIELD)?);
            }
            Some(EVIDENCE_FIELD) => {
                if evidence.is_some() {
                    return Err(Error::invalid_input(format!("more than one `{EVIDENCE_FIELD}` field")));
                }
                let value = read_small(&mut field, true).await?;
                evidence = Some(parse_switch(&value, EVIDENCE_FIELD)?);
            }
            Some(PAGE_IMAGES_FIELD) => {
                if page_images.is_some() {
                    return Err(Error::invalid_input(format!(
                        "more than one `{PAGE_IMAGES_FIELD}` field"
                    )));
                }
                let value = read_small(&mut field, true).await?;
                page_images = Some(parse_switch(&value, PAGE_IMAGES_FIELD)?);
            }
            // The contract lets clients send extra fields; they are skipped, not stored.
            _ => {
                read_small(&mut field, false).await?;
            }
        }
    }
    let file =
        file.ok_or_else(|| Error::invalid_input(format!("missing file: the form has no `{FILE_FIELD}` field")))?;
    pdf::check_pdf_magic(&file)?;
    let evidence = evidence.unwrap_or(false);
    Ok(Upload {
        file,
        options: ParseOptions {
            classify: classify.unwrap_or(true),
            evidence,
            // The images belong to the evidence's pages; without evidence there is nowhere to
            // put them, so the switch is ignored rather than an error.
            page_images: evidence && page_images.unwrap_or(false),
        },
    })
}

/// Collects the file, failing as soon as it passes the limit or its first KiB shows it is not
/// a PDF.
async fn read_file(field: &mut multer::Field<'_>) -> Result<Vec<u8>> {
    let mut buf: Vec<u8> = Vec::new();
    let mut magic_checked = false;
    while let Some(chunk) = field.chunk().await.map_err(map_multer)? {
        if buf.len() + chunk.len() > MAX_UPLOAD_BYTES {
            return Err(file_too_large());
        }
        buf.extend_from_slice(&chunk);
        if !magic_checked && buf.len() >= MAGIC_WINDOW {
            pdf::check_pdf_magic(&buf[..MAGIC_WINDOW])?;
            magic_checked = true;
        }
    }
    Ok(buf)
}

/// Reads a small text field; `keep = false` only counts the bytes (for ignored fields).
async fn read_small(field: &mut multer::Field<'_>, keep: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = field.chunk().await.map_err(map_multer)? {
        seen += chunk.len();
        if seen > MAX_SMALL_FIELD_BYTES {
            return Err(Error::invalid_input(format!(
                "form field too large: fields other than `{FILE_FIELD}` are limited to {} KiB",
                MAX_SMALL_FIELD_BYTES / 1024
            )));
        }
        if keep {
            buf.extend_from_slice(&chunk);
        }
    }
    Ok(buf)
}

/// A switch field (`auto_classify`, `evidence`, `page_images`) accepts exactly `0` or `1` (surrounding
/// whitespace allowed). The value is not echoed back: whatever a client sent stays out of
/// responses and logs.
fn parse_switch(value: &[u8], name: &str) -> Result<bool> {
    match value.trim_ascii() {
        b"1" => Ok(true),
        b"0" => Ok(false),
        _ => Err(Error::invalid_input(format!("`{name}` must be 0 or 1"))),
    }
}

/// Maps multer's errors to client-facing PARAMETER_ERRORs.
fn map_multer(e: multer::Error) -> Error {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => file_too_large(),
        multer::Error::StreamReadFailed(_) => {
            Error::invalid_input("upload interrupted: the request body could not be read to the end")
        }
        multer::Error::IncompleteStream
        | multer::Error::IncompleteFieldData { .. }
        | multer::Error::IncompleteHeaders => {
            Error::invalid_input("malformed multipart/form-data body: it ends before the closing boundary")
        }
        _ => Error::invalid_input("malformed multipart/form-data body"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use http_body_util::{Full, StreamBody};
    use hyper::body::Frame;
    use hyper::header::HeaderValue;

    const B: &str = "XyZb0undary";

    fn form(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, filename, data) in parts {
            out.extend_from_slice(format!("--{B}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
            if let Some(f) = filename {
                out.extend_from_slice(format!("; filename=\"{f}\"\r\nContent-Type: application/pdf").as_bytes());
            }
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{B}--\r\n").as_bytes());
        out
    }

    async fn read(body: Vec<u8>) -> Result<Upload> {
        read_upload(Full::new(Bytes::from(body)), B.to_string()).await
    }

    fn err_text(r: Result<Upload>) -> String {
        match r {
            Err(e) if matches!(e.kind(), ErrorKind::InvalidInput(_)) => e.to_string(),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn reads_file_and_classify_and_skips_unknown_fields() {
        let pdf = b"%PDF-1.4 rest";
        let up = read(form(&[
            ("note", None, b"hi"),
            (FILE_FIELD, Some("a.pdf"), pdf),
            (CLASSIFY_FIELD, None, b"0"),
        ]))
        .await
        .unwrap();
        assert_eq!(up.file, pdf);
        assert!(!up.options.classify);
        let up = read(form(&[(FILE_FIELD, Some("a.pdf"), pdf)])).await.unwrap();
        assert!(up.options.classify, "auto_classify defaults to 1");
        let up = read(form(&[(FILE_FIELD, None, pdf), (CLASSIFY_FIELD, None, b" 1\r\n")]))
            .await
            .unwrap();
        assert!(up.options.classify);
        assert!(!up.options.evidence, "evidence defaults to 0");
        let up = read(form(&[(FILE_FIELD, None, pdf), (EVIDENCE_FIELD, None, b"1")]))
            .await
            .unwrap();
        assert!(up.options.evidence);
        assert!(!up.options.page_images, "page_images defaults to 0");
        let up = read(form(&[
            (FILE_FIELD, None, pdf),
            (EVIDENCE_FIELD, None, b"1"),
            (PAGE_IMAGES_FIELD, None, b"1"),
        ]))
        .await
        .unwrap();
        assert!(up.options.evidence && up.options.page_images);
        for evidence in [&b"0"[..], b""] {
            let mut parts = vec![(FILE_FIELD, None, &pdf[..]), (PAGE_IMAGES_FIELD, None, &b"1"[..])];
            if !evidence.is_empty() {
                parts.push((EVIDENCE_FIELD, None, evidence));
            }
            let up = read(form(&parts)).await.unwrap();
            assert!(!up.options.page_images, "page_images without evidence is ignored");
        }
    }

    #[tokio::test]
    async fn rejects_bad_forms() {
        let pdf: &[u8] = b"%PDF-1.4";
        assert!(err_text(read(form(&[("file", Some("a.pdf"), pdf)])).await).contains("missing file"));
        for bad in [&b"2"[..], b"abc", b"", b"01", b"true"] {
            let m = err_text(read(form(&[(FILE_FIELD, Some("a.pdf"), pdf), (CLASSIFY_FIELD, None, bad)])).await);
            assert!(m.contains("auto_classify"), "{m}");
            let m = err_text(read(form(&[(FILE_FIELD, Some("a.pdf"), pdf), (EVIDENCE_FIELD, None, bad)])).await);
            assert!(m.contains("`evidence` must be 0 or 1"), "{m}");
            let m = err_text(
                read(form(&[
                    (FILE_FIELD, Some("a.pdf"), pdf),
                    (PAGE_IMAGES_FIELD, None, bad),
                ]))
                .await,
            );
            assert!(m.contains("`page_images` must be 0 or 1"), "{m}");
        }
        let m = err_text(read(form(&[(FILE_FIELD, Some("a"), pdf), (FILE_FIELD, Some("b"), pdf)])).await);
        assert!(m.contains("more than one"));
        assert!(err_text(read(form(&[(FILE_FIELD, Some("a.pdf"), b"")])).await).contains("empty"));
        assert!(err_text(read(form(&[(FILE_FIELD, Some("a.pdf"), b"GIF89a")])).await).contains("not a PDF"));
        let mut cut = form(&[(FILE_FIELD, Some("a.pdf"), pdf)]);
        cut.truncate(cut.len() - 10);
        assert!(err_text(read(cut).await).contains("malformed"));
        let big_extra = vec![b'x'; MAX_SMALL_FIELD_BYTES + 1];
        let m = err_text(read(form(&[("extra", None, &big_extra), (FILE_FIELD, Some("a"), pdf)])).await);
        assert!(m.contains("field too large"));
    }

    /// A body that would be endless: the reader must stop at the limit, having pulled no more
    /// than one chunk past the whole-body bound.
    #[tokio::test]
    async fn stops_reading_just_past_the_limit() {
        use futures_util::StreamExt;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        const CHUNK: usize = 256 * 1024;
        let pulled = Arc::new(AtomicUsize::new(0));
        let head = Bytes::from(format!(
            "--{B}\r\nContent-Disposition: form-data; name=\"{FILE_FIELD}\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.4\n"
        ));
        let counter = pulled.clone();
        let chunks = futures_util::stream::iter(std::iter::once(head).chain(std::iter::repeat_with(move || {
            counter.fetch_add(CHUNK, Ordering::Relaxed);
            Bytes::from(vec![b'0'; CHUNK])
        })))
        .map(|b| Ok::<_, std::convert::Infallible>(Frame::data(b)));
        let m = err_text(read_upload(StreamBody::new(chunks), B.to_string()).await);
        assert!(m.contains("too large"), "{m}");
        let n = pulled.load(Ordering::Relaxed);
        assert!(
            (MAX_UPLOAD_BYTES..=MAX_BODY_BYTES + CHUNK).contains(&n),
            "pulled {n} bytes"
        );
    }

    #[test]
    fn content_length_and_content_type_checks() {
        let mut h = HeaderMap::new();
        assert!(check_content_length(&h).is_ok());
        h.insert(CONTENT_LENGTH, HeaderValue::from(MAX_BODY_BYTES as u64));
        assert!(check_content_length(&h).is_ok());
        h.insert(CONTENT_LENGTH, HeaderValue::from(MAX_BODY_BYTES as u64 + 1));
        assert!(check_content_length(&h).is_err());

        let mut h = HeaderMap::new();
        assert!(boundary(&h).is_err());
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
        assert!(boundary(&h).is_err());
        h.insert(CONTENT_TYPE, HeaderValue::from_static("multipart/form-data"));
        assert!(boundary(&h).is_err());
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=abc"),
        );
        assert_eq!(boundary(&h).unwrap(), "abc");
    }
}
