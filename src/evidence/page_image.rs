//! Page images for the review page (`page_images=1`): each evidence page as a PNG data URL,
//! rendered by pdfium at a screen resolution, so a person can see every field's box over the
//! page it was read from. Rendered in the process that parsed the PDF (the worker, under
//! process isolation) while the document is still open; nothing is written to disk.
//!
//! Size: a report page is black print on white paper, so it is encoded as 8-bit grey unless
//! it really has colour (a colour scan, a red seal), which a reviewer may need to see.

use std::io::Cursor;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ImageEncoder};
use pdfium_render::prelude::PdfDocument;

use super::Evidence;
use crate::scanned;
use crate::{Error, Result};

/// Prefix of every image the evidence carries.
pub const DATA_URL_PREFIX: &str = "data:image/png;base64,";

/// A channel difference up to this is anti-aliasing or scanner noise, not colour.
const GREY_TOLERANCE: u8 = 6;

/// Renders every page of `pdf` at `dpi` and puts its image on the evidence page of the same
/// number. A page that cannot be rendered (one refused as too large to render) keeps no image:
/// the report and its boxes are still worth showing.
pub fn attach(pdf: &PdfDocument<'_>, evidence: &mut Evidence, dpi: u32) {
    for (i, page) in pdf.pages().iter().enumerate() {
        let Some(info) = evidence.pages.iter_mut().find(|p| p.page == i + 1) else {
            continue;
        };
        match scanned::render_at(&page, i, dpi as f32).and_then(|img| encode_png(img).map(|png| data_url(&png))) {
            Ok(url) => info.image = Some(url),
            // The error names the page and the cause, never its content.
            Err(e) => tracing::warn!(page = i + 1, error = %e, "page image not rendered"),
        }
    }
}

/// The image as a PNG: 8-bit grey when no pixel has colour, 8-bit RGB otherwise.
pub fn encode_png(img: DynamicImage) -> Result<Vec<u8>> {
    let rgb = img.into_rgb8();
    let coloured = rgb.pixels().any(|p| {
        let [r, g, b] = p.0;
        r.abs_diff(g) > GREY_TOLERANCE || g.abs_diff(b) > GREY_TOLERANCE || r.abs_diff(b) > GREY_TOLERANCE
    });
    let mut out = Vec::new();
    // Adaptive filtering with the default deflate level: on report pages it is within a few per
    // cent of the best level at a fraction of its time.
    let encoder = PngEncoder::new_with_quality(Cursor::new(&mut out), CompressionType::Default, FilterType::Adaptive);
    let written = if coloured {
        encoder.write_image(rgb.as_raw(), rgb.width(), rgb.height(), image::ExtendedColorType::Rgb8)
    } else {
        let grey = DynamicImage::ImageRgb8(rgb).into_luma8();
        encoder.write_image(grey.as_raw(), grey.width(), grey.height(), image::ExtendedColorType::L8)
    };
    written.map_err(|e| Error::internal_from("encoding a page image as PNG", e))?;
    Ok(out)
}

/// `data:image/png;base64,…` of `png`.
pub fn data_url(png: &[u8]) -> String {
    let mut s = String::with_capacity(DATA_URL_PREFIX.len() + png.len().div_ceil(3) * 4);
    s.push_str(DATA_URL_PREFIX);
    base64_into(png, &mut s);
    s
}

/// Standard base64 (RFC 4648 §4, with padding): a dozen lines, not worth a dependency.
fn base64_into(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgb, RgbImage};

    fn b64(bytes: &[u8]) -> String {
        let mut s = String::new();
        base64_into(bytes, &mut s);
        s
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        // RFC 4648 §10.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(b64(plain.as_bytes()), coded, "{plain:?}");
        }
        assert_eq!(b64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn grey_pages_are_grey_pngs_and_colour_survives() {
        let mut page = RgbImage::from_pixel(40, 30, Rgb([255, 255, 255]));
        page.put_pixel(3, 4, Rgb([20, 22, 19]));
        let png = encode_png(DynamicImage::ImageRgb8(page.clone())).unwrap();
        let back = image::load_from_memory(&png).unwrap();
        assert_eq!(back.color(), image::ColorType::L8);
        assert_eq!(back.dimensions(), (40, 30));
        assert!(back.get_pixel(3, 4).0[0] < 30);

        page.put_pixel(10, 10, Rgb([220, 30, 30]));
        let png = encode_png(DynamicImage::ImageRgb8(page)).unwrap();
        let back = image::load_from_memory(&png).unwrap();
        assert_eq!(back.color(), image::ColorType::Rgb8);
        assert_eq!(back.to_rgb8().get_pixel(10, 10), &Rgb([220, 30, 30]));
    }

    #[test]
    fn data_urls_carry_the_png_prefix() {
        assert_eq!(data_url(b"\x89PNG"), "data:image/png;base64,iVBORw==");
    }
}
