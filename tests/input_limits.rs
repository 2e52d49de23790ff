//! Input limits at the PDF entry: encryption, decoded stream sizes. A PDF that needs a user password is a
//! PARAMETER_ERROR whose message says so; one encrypted with an owner password only (empty
//! user password: permissions, not secrecy) opens and reads like any other.

mod common;

use zhengxin::api::{client_message, Status};
use zhengxin::pdf::{self, TextLayerQuality};

fn pipeline() -> zhengxin::pipeline::Pipeline {
    zhengxin::pipeline::Pipeline::new_lazy(&common::settings(&[])).expect("pdfium binds")
}

#[test]
fn user_password_pdf_is_a_parameter_error_that_says_why() {
    let p = pipeline();
    let Err(err) = p.open(&common::encrypted_pdf()) else {
        panic!("a user-password PDF must not open");
    };
    assert_eq!(Status::of(&err), Status::ParameterError);
    assert!(
        client_message(&err).contains("password-protected"),
        "{}",
        client_message(&err)
    );
}

#[test]
fn owner_password_only_pdf_opens_and_reads() {
    let bytes = std::fs::read(common::repo_root().join("tests/fuzz/limits/owner-password-only.pdf")).unwrap();
    let p = pipeline();
    let doc = p.open(&bytes).expect("an owner-password-only PDF opens");
    let page = doc.pages().get(0).expect("page 0");
    let pdf::content::LayerRead { content, quality, .. } =
        pdf::content::extract_page_checked(&page, 0).expect("text layer");
    assert_eq!(quality, TextLayerQuality::Usable);
    let text: String = content.spans.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("Owner"), "{text}");
}

/// A one-page PDF whose content stream inflates to `inflated` bytes of blanks and then one line.
fn flate_bomb_pdf(inflated: usize) -> Vec<u8> {
    let mut content = vec![b' '; inflated];
    content.extend_from_slice(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET");
    let stream = miniz_oxide::deflate::compress_to_vec_zlib(&content, 1);
    drop(content);
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        [
            format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).as_bytes(),
            &stream,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    common::assemble_pdf(&objects, 0)
}

#[test]
fn decompression_bomb_is_refused_before_pdfium_and_a_small_stream_opens() {
    let p = pipeline();
    let small = flate_bomb_pdf(1 << 20);
    let doc = p.open(&small).expect("a 1 MiB stream opens");
    assert_eq!(doc.pages().len(), 1);
    drop(doc);

    let bomb = flate_bomb_pdf(pdf::streams::MAX_STREAM_INFLATED_BYTES as usize + 1);
    assert!(
        bomb.len() < 2 << 20,
        "the bomb is a small upload ({} bytes)",
        bomb.len()
    );
    let Err(err) = p.open(&bomb) else {
        panic!("a stream over the limit is refused");
    };
    assert_eq!(Status::of(&err), Status::ParameterError);
    assert!(
        client_message(&err).contains("inflates to more than"),
        "{}",
        client_message(&err)
    );
}

/// The LZW content stream of `tests/fuzz/limits/lzw-content.pdf` decodes to this many bytes
/// (pypdf's encoder: codes of 9 to 12 bits, the table cleared when full).
const LZW_CONTENT_BYTES: u64 = 39_041;

#[test]
fn lzw_stream_is_counted_at_the_size_pdfium_decodes_it_to() {
    let bytes = std::fs::read(common::repo_root().join("tests/fuzz/limits/lzw-content.pdf")).unwrap();
    // pdfium decodes it: the last line of the content stream is on the page.
    let p = pipeline();
    let doc = p.open(&bytes).expect("an LZW content stream opens");
    let page = doc.pages().get(0).expect("page 0");
    let content = pdf::content::extract_page_checked(&page, 0)
        .expect("text layer")
        .content;
    let text: String = content.spans.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("LZWmarker") || text.contains("LZW marker"), "{text}");
    // The size check counts exactly what it decodes to: the limit at that size passes, one
    // byte less refuses it.
    assert!(pdf::streams::check_inflated_size(&bytes, LZW_CONTENT_BYTES, LZW_CONTENT_BYTES).is_ok());
    let Err(err) = pdf::streams::check_inflated_size(&bytes, LZW_CONTENT_BYTES - 1, u64::MAX) else {
        panic!("a limit below the decoded size refuses the stream");
    };
    assert_eq!(Status::of(&err), Status::ParameterError);
}
