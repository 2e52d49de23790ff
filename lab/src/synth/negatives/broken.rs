//! Files that must be rejected before parsing: empty, truncated, not a PDF, garbage.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

use super::NegativeFile;
use crate::synth::rng::SplitMix64;
use zhengxin::{Error, Result};

/// Builds the four broken files. `valid_pdf` is a complete PDF whose first half becomes
/// `broken-truncated.pdf`.
pub(super) fn broken_files(valid_pdf: &[u8], rng: &mut SplitMix64) -> Result<Vec<NegativeFile>> {
    let broken = |file_name, bytes| NegativeFile {
        file_name,
        opens: false,
        bytes,
    };
    Ok(vec![
        broken("broken-empty.pdf", Vec::new()),
        broken("broken-truncated.pdf", valid_pdf[..valid_pdf.len() / 2].to_vec()),
        broken("broken-notpdf.pdf", png_bytes(rng)?),
        broken("broken-garbage.pdf", garbage(rng)),
    ])
}

/// A small seeded PNG: a real image file someone uploaded by mistake.
fn png_bytes(rng: &mut SplitMix64) -> Result<Vec<u8>> {
    let mut img = RgbImage::new(64, 48);
    for p in img.pixels_mut() {
        let v = rng.next_u64();
        *p = Rgb([v as u8, (v >> 8) as u8, (v >> 16) as u8]);
    }
    let mut buf = Cursor::new(Vec::new());
    img.write_to(&mut buf, ImageFormat::Png)
        .map_err(|e| Error::internal(format!("negatives: png encoding failed: {e}")))?;
    Ok(buf.into_inner())
}

/// A PDF header followed by random bytes: passes a magic-number check, has no objects.
fn garbage(rng: &mut SplitMix64) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let len = 4096 + rng.below(4096) as usize;
    bytes.extend((0..len).map(|_| rng.next_u64() as u8));
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_files_have_the_promised_shapes() {
        let valid = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec();
        let files = broken_files(&valid, &mut SplitMix64::new(1)).unwrap();
        let names: Vec<_> = files.iter().map(|f| f.file_name).collect();
        assert_eq!(
            names,
            [
                "broken-empty.pdf",
                "broken-truncated.pdf",
                "broken-notpdf.pdf",
                "broken-garbage.pdf"
            ]
        );
        assert!(files.iter().all(|f| !f.opens));
        assert!(files[0].bytes.is_empty());
        assert_eq!(files[1].bytes, valid[..valid.len() / 2]);
        assert!(files[2].bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(files[3].bytes.starts_with(b"%PDF-1.7\n") && files[3].bytes.len() > 4096);
        let again = broken_files(&valid, &mut SplitMix64::new(1)).unwrap();
        assert_eq!(files[3].bytes, again[3].bytes);
    }
}
