//! A bound on what a PDF's Flate streams inflate to, checked before pdfium sees the file.
//!
//! pdfium offers no setting for it: its public API (`fpdfview.h`) has none, and its Flate
//! decoder's only cap is compiled in (1 GiB of output per stream). A 900 KB upload whose one
//! content stream inflates to 900 MB of blanks cost 1.8 GB of RSS and 6.6 s in `zhengxin
//! parse`. So every zlib stream in the file is inflated here into a small scratch buffer that
//! is overwritten, never kept, and the file is refused once one stream or all of them together
//! pass a limit. zlib data ends itself, so no `/Length` (which may be indirect or wrong) is
//! needed, and no object is parsed.
//!
//! The other expanding filters are counted the same way when the stream's dictionary names
//! them (`super::filters`): LZW (12-bit codes: up to ~2,700× its input) and RunLength (64×),
//! also behind ASCIIHex / ASCII85 stages, which are decoded first (they only shrink data).
//!
//! What this does not see: a second expanding stage (`[/FlateDecode /FlateDecode]` counts the
//! first one only), a `/Filter` given by indirect reference (then any zlib data is still
//! counted), and encrypted streams (their bytes are not zlib until decrypted). Those are
//! bounded only by pdfium's own cap and the worker's memory limit.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZFlush, MZStatus};

use super::filters::{self, Filter};
use crate::error::InvalidInput;
use crate::Result;

/// Largest one stream may inflate to: a scanned A4 page stored as a Flate RGB image at 600 DPI
/// is 105 MB, so 256 MiB leaves room for any real page image.
pub const MAX_STREAM_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

/// Largest all streams together may inflate to: ten such pages of real reports' own scans
/// would be far less; 2 GiB also caps the time this check itself may take (about 1–2 s).
pub const MAX_TOTAL_INFLATED_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Inflates every zlib stream in `bytes` (output discarded) and refuses the file when one of
/// them passes `max_stream` bytes or all of them `max_total`.
pub fn check_inflated_size(bytes: &[u8], max_stream: u64, max_total: u64) -> Result<()> {
    let mut total = 0u64;
    let mut at = 0;
    let mut scratch = vec![0u8; 64 * 1024];
    while let Some((dict_end, start)) = next_stream_data(bytes, at) {
        let chain = filters::dictionary_before(bytes, dict_end).map(filters::filter_chain);
        let (consumed, inflated) = decoded_size(
            &bytes[start..],
            chain.as_deref().unwrap_or_default(),
            max_stream.saturating_add(1),
            &mut scratch,
        );
        if inflated > max_stream {
            return Err(InvalidInput::StreamTooLarge {
                max_mb: max_stream / (1024 * 1024),
            }
            .into());
        }
        total += inflated;
        if total > max_total {
            return Err(InvalidInput::StreamsTooLarge {
                max_mb: max_total / (1024 * 1024),
            }
            .into());
        }
        at = start + consumed.max(1);
    }
    Ok(())
}

/// What the data at the start of `data` decodes to under `chain`, counted up to `cap`: (input
/// bytes consumed, decoded bytes). Leading ASCII stages are decoded; the first expanding stage
/// is counted: LZW and RunLength when named, otherwise (Flate, no or an unknown filter) the
/// data is inflated if it is zlib at all.
fn decoded_size(data: &[u8], chain: &[Filter], cap: u64, scratch: &mut [u8]) -> (usize, u64) {
    let mut decoded: Option<(usize, Vec<u8>)> = None;
    let mut stages = chain.iter();
    let expanding = loop {
        let input = decoded.as_ref().map_or(data, |(_, d)| d.as_slice());
        let step = match stages.next() {
            Some(Filter::AsciiHex) => filters::ascii_hex(input),
            Some(Filter::Ascii85) => filters::ascii85(input),
            other => break other.copied(),
        };
        // What the stream consumed of the file is what its first stage read.
        let consumed = decoded.as_ref().map_or(step.0, |(c, _)| *c);
        decoded = Some((consumed, step.1));
    };
    let input = decoded.as_ref().map_or(data, |(_, d)| d.as_slice());
    let (read, size) = match expanding {
        Some(Filter::Lzw { early_change }) => filters::lzw_size(input, early_change, cap),
        Some(Filter::RunLength) => filters::run_length_size(input, cap),
        _ => inflated_size(input, cap, scratch),
    };
    (decoded.map_or(read, |(c, _)| c), size)
}

/// The next stream at or after `from`: (the end of its dictionary, just past `>>`; where its
/// data begins, after a `stream` keyword that follows the dictionary and ends its line).
fn next_stream_data(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    const KEYWORD: &[u8] = b"stream";
    let mut i = from;
    while i + KEYWORD.len() <= bytes.len() {
        let hit = bytes[i..].windows(KEYWORD.len()).position(|w| w == KEYWORD)? + i;
        let after = hit + KEYWORD.len();
        i = after;
        let before = bytes[..hit].trim_ascii_end();
        if !before.ends_with(b">>") {
            continue; // `endstream`, or the word inside some other token
        }
        let dict_end = before.len();
        match bytes.get(after..after + 2) {
            Some([b'\r', b'\n']) => return Some((dict_end, after + 2)),
            Some([b'\n', _]) | Some([b'\r', _]) => return Some((dict_end, after + 1)),
            _ if bytes.get(after) == Some(&b'\n') => return Some((dict_end, after + 1)),
            _ => continue,
        }
    }
    None
}

/// Inflates the zlib stream at the start of `data` until it ends, fails or passes `cap`
/// bytes: (input bytes consumed, bytes inflated). Data that is not zlib inflates to 0.
fn inflated_size(data: &[u8], cap: u64, scratch: &mut [u8]) -> (usize, u64) {
    let mut state = InflateState::new_boxed(DataFormat::Zlib);
    let (mut consumed, mut written) = (0usize, 0u64);
    loop {
        let r = inflate(&mut state, &data[consumed..], scratch, MZFlush::None);
        consumed += r.bytes_consumed;
        written += r.bytes_written as u64;
        match r.status {
            Ok(MZStatus::Ok) if written <= cap && (r.bytes_consumed > 0 || r.bytes_written > 0) => continue,
            _ => return (consumed, written),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec_zlib;

    fn pdf_with_streams(streams: &[Vec<u8>]) -> Vec<u8> {
        let filtered: Vec<_> = streams.iter().map(|s| ("/FlateDecode", s.clone())).collect();
        pdf_with_filters(&filtered)
    }

    /// A PDF of streams, each with its `/Filter` value.
    fn pdf_with_filters(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        for (i, (filter, s)) in streams.iter().enumerate() {
            out.extend_from_slice(
                format!(
                    "{} 0 obj\n<< /Length {} /Filter {filter} >>\nstream\r\n",
                    i + 1,
                    s.len()
                )
                .as_bytes(),
            );
            out.extend_from_slice(s);
            out.extend_from_slice(b"\r\nendstream\nendobj\n");
        }
        out.extend_from_slice(b"%%EOF\n");
        out
    }

    #[test]
    fn counts_each_stream_and_their_sum() {
        let one_mb = compress_to_vec_zlib(&vec![b' '; 1 << 20], 6);
        let pdf = pdf_with_streams(&[one_mb.clone(), one_mb.clone(), one_mb]);
        assert!(check_inflated_size(&pdf, 2 << 20, 4 << 20).is_ok());
        let err = check_inflated_size(&pdf, (1 << 20) - 1, 4 << 20).unwrap_err();
        assert!(matches!(
            err.kind(),
            crate::ErrorKind::InvalidInput(InvalidInput::StreamTooLarge { .. })
        ));
        let err = check_inflated_size(&pdf, 2 << 20, (3 << 20) - 1).unwrap_err();
        assert!(matches!(
            err.kind(),
            crate::ErrorKind::InvalidInput(InvalidInput::StreamsTooLarge { .. })
        ));
    }

    #[test]
    fn non_zlib_and_unterminated_streams_count_nothing() {
        let pdf = pdf_with_streams(&[b"BT (plain) Tj ET".to_vec(), vec![0xff; 100]]);
        assert!(check_inflated_size(&pdf, 0, 0).is_ok());
        // A file cut inside its stream keyword or right after it.
        assert!(check_inflated_size(b"<< >>\nstream", 0, 0).is_ok());
        assert!(check_inflated_size(b"<< >>\nstream\n", 0, 0).is_ok());
        // `endstream` and a `stream` not after a dictionary are not stream starts.
        assert_eq!(next_stream_data(b"x endstream\n", 0), None);
        assert_eq!(next_stream_data(b"/mainstream\n", 0), None);
        assert_eq!(next_stream_data(b"<<>> stream\nAB", 0), Some((4, 12)));
    }

    fn is_stream_too_large(r: Result<()>) -> bool {
        matches!(
            r.unwrap_err().kind(),
            crate::ErrorKind::InvalidInput(InvalidInput::StreamTooLarge { .. })
        )
    }

    #[test]
    fn counts_flate_behind_ascii_stages() {
        let z = compress_to_vec_zlib(&vec![b' '; 1 << 20], 6);
        let hex: Vec<u8> = z
            .iter()
            .flat_map(|b| format!("{b:02x}").into_bytes())
            .chain(*b">")
            .collect();
        let pdf = pdf_with_filters(&[("[/ASCIIHexDecode /FlateDecode]", hex)]);
        assert!(check_inflated_size(&pdf, 1 << 20, 1 << 20).is_ok());
        assert!(is_stream_too_large(check_inflated_size(&pdf, (1 << 20) - 1, 1 << 30)));
    }

    #[test]
    fn counts_lzw_and_run_length() {
        let (lzw, n) = crate::pdf::filters::tests::lzw_run(20_000);
        let pdf = pdf_with_filters(&[("/LZWDecode", lzw)]);
        assert!(check_inflated_size(&pdf, n, n).is_ok());
        assert!(is_stream_too_large(check_inflated_size(&pdf, n - 1, 1 << 30)));
        // 1,000 runs of 128 bytes each.
        let rl: Vec<u8> = std::iter::repeat_n([129u8, b'x'], 1000)
            .flatten()
            .chain([128])
            .collect();
        let pdf = pdf_with_filters(&[("/RunLengthDecode", rl)]);
        assert!(check_inflated_size(&pdf, 128_000, 128_000).is_ok());
        assert!(is_stream_too_large(check_inflated_size(&pdf, 127_999, 1 << 30)));
    }

    #[test]
    fn truncated_zlib_counts_what_it_inflated() {
        let z = compress_to_vec_zlib(&vec![b'a'; 1 << 20], 6);
        let pdf = pdf_with_streams(&[z[..z.len() / 2].to_vec()]);
        assert!(check_inflated_size(&pdf, 1 << 20, 1 << 20).is_ok());
    }
}
