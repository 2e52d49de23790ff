//! Page images for the review page (`page_images=1`): each evidence page as a PNG data URL,
//! rendered by pdfium at a screen resolution, so a person can see every field's box over the
//! page it was read from. Rendered in the process that parsed the PDF (the worker, under
//! process isolation) while the document is still open; nothing is written to disk.
//!
//! Size: a report page is black print on white paper with at most a few coloured rulings,
//! stamps or a watermark, so it is written as an 8-bit indexed PNG: 40 greys for the print and
//! its anti-aliasing plus the 216-colour cube for the few coloured pixels (a 96-DPI A4 text page:
//! about 55 KB instead of 170 KB as RGB, with no difference visible at screen size). A page that
//! is mostly colour (a colour scan, a photo) would be posterised by that palette and stays RGB.

use std::io::Cursor;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ImageEncoder, RgbImage};
use pdfium_render::prelude::PdfDocument;

use super::Evidence;
use crate::scanned;
use crate::{Error, Result};

/// Prefix of every image the evidence carries.
pub const DATA_URL_PREFIX: &str = "data:image/png;base64,";

/// A channel difference up to this is anti-aliasing or scanner noise, not colour.
const GREY_TOLERANCE: u8 = 6;
/// Grey levels of the palette: steps of about 6.5 in 255, finer than the eye tells apart on
/// anti-aliased print.
const GREYS: usize = 40;
/// Levels per channel of the colour cube that follows the greys (6³ = 216; 40 + 216 = 256).
const CUBE: usize = 6;
/// Above this share of coloured pixels the page is a colour image and stays RGB.
const MAX_COLOUR_SHARE: f64 = 0.25;

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

/// The image as a PNG: indexed (greys + colour cube) unless most of it is colour, then RGB.
pub fn encode_png(img: DynamicImage) -> Result<Vec<u8>> {
    let rgb = img.into_rgb8();
    let pixels = u64::from(rgb.width()) * u64::from(rgb.height());
    let coloured = rgb.pixels().filter(|p| !is_grey(p.0)).count() as u64;
    let what = "encoding a page image as PNG";
    if pixels > 0 && coloured as f64 / pixels as f64 > MAX_COLOUR_SHARE {
        encode_rgb(&rgb).map_err(|e| Error::internal_from(what, e))
    } else {
        encode_indexed(&rgb).map_err(|e| Error::internal_from(what, e))
    }
}

fn is_grey([r, g, b]: [u8; 3]) -> bool {
    r.abs_diff(g) <= GREY_TOLERANCE && g.abs_diff(b) <= GREY_TOLERANCE && r.abs_diff(b) <= GREY_TOLERANCE
}

/// Palette index of a pixel: the nearest grey for grey pixels, the nearest cube colour for
/// the others.
fn index_of(p: [u8; 3]) -> u8 {
    let level = |v: u32, levels: usize| (v * (levels as u32 - 1) + 127) / 255;
    let [r, g, b] = p.map(u32::from);
    if is_grey(p) {
        let luma = (r * 299 + g * 587 + b * 114) / 1000;
        level(luma, GREYS) as u8
    } else {
        let c = CUBE as u32;
        (GREYS as u32 + (level(r, CUBE) * c + level(g, CUBE)) * c + level(b, CUBE)) as u8
    }
}

/// The 256 RGB entries [`index_of`] points into.
fn palette() -> Vec<u8> {
    let step = |i: usize, levels: usize| ((i * 255 + (levels - 1) / 2) / (levels - 1)) as u8;
    let mut pal = Vec::with_capacity(3 * (GREYS + CUBE.pow(3)));
    for i in 0..GREYS {
        pal.extend([step(i, GREYS); 3]);
    }
    for r in 0..CUBE {
        for g in 0..CUBE {
            for b in 0..CUBE {
                pal.extend([step(r, CUBE), step(g, CUBE), step(b, CUBE)]);
            }
        }
    }
    pal
}

fn encode_indexed(rgb: &RgbImage) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let indices: Vec<u8> = rgb.pixels().map(|p| index_of(p.0)).collect();
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, rgb.width(), rgb.height());
    enc.set_color(png::ColorType::Indexed);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_palette(palette());
    // Row filters predict neighbouring values, which palette indices are not.
    enc.set_filter(png::Filter::NoFilter);
    enc.set_compression(png::Compression::Balanced);
    let mut writer = enc.write_header()?;
    writer.write_image_data(&indices)?;
    writer.finish()?;
    Ok(out)
}

fn encode_rgb(rgb: &RgbImage) -> std::result::Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::new();
    // Adaptive filtering with the default deflate level: on scans it is within a few per cent
    // of the best level at a fraction of its time.
    PngEncoder::new_with_quality(Cursor::new(&mut out), CompressionType::Default, FilterType::Adaptive).write_image(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        image::ExtendedColorType::Rgb8,
    )?;
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
    use image::Rgb;

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
    fn report_pages_are_indexed_pngs_that_keep_grey_print_and_colour() {
        let mut page = RgbImage::from_pixel(40, 30, Rgb([255, 255, 255]));
        page.put_pixel(3, 4, Rgb([20, 22, 19]));
        page.put_pixel(5, 4, Rgb([128, 128, 128]));
        page.put_pixel(10, 10, Rgb([220, 30, 30]));
        let png = encode_png(DynamicImage::ImageRgb8(page)).unwrap();
        let decoder = png::Decoder::new(Cursor::new(&png));
        let info = decoder.read_info().unwrap().info().clone();
        assert_eq!(info.color_type, png::ColorType::Indexed);
        let back = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (40, 30));
        let near = |a: &Rgb<u8>, b: [u8; 3], tol: u8| a.0.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tol);
        assert!(near(back.get_pixel(0, 0), [255, 255, 255], 0), "paper stays white");
        assert!(
            near(back.get_pixel(3, 4), [20, 20, 20], 4),
            "{:?}",
            back.get_pixel(3, 4)
        );
        assert!(
            near(back.get_pixel(5, 4), [128, 128, 128], 4),
            "{:?}",
            back.get_pixel(5, 4)
        );
        // Colour stays colour (the nearest of the cube: one step is 51).
        assert!(
            near(back.get_pixel(10, 10), [220, 30, 30], 26),
            "{:?}",
            back.get_pixel(10, 10)
        );
    }

    #[test]
    fn colour_images_stay_rgb() {
        let mut page = RgbImage::new(20, 20);
        for (x, y, p) in page.enumerate_pixels_mut() {
            *p = Rgb([(x * 12) as u8, (y * 12) as u8, 90]);
        }
        let png = encode_png(DynamicImage::ImageRgb8(page.clone())).unwrap();
        let back = image::load_from_memory(&png).unwrap();
        assert_eq!(back.color(), image::ColorType::Rgb8);
        assert_eq!(back.to_rgb8(), page, "lossless");
    }

    #[test]
    fn the_palette_has_256_entries_and_every_index_is_in_it() {
        assert_eq!(palette().len(), 3 * 256);
        assert_eq!(index_of([0, 0, 0]), 0);
        assert_eq!(index_of([255, 255, 255]), (GREYS - 1) as u8);
        let magenta = index_of([255, 0, 255]) as usize;
        assert_eq!(magenta, GREYS + 5 * CUBE * CUBE + 5);
        assert_eq!(&palette()[3 * magenta..3 * magenta + 3], &[255, 0, 255]);
        assert_eq!(index_of([0, 0, 255]) as usize, GREYS + CUBE - 1);
    }

    #[test]
    fn data_urls_carry_the_png_prefix() {
        assert_eq!(data_url(b"\x89PNG"), "data:image/png;base64,iVBORw==");
    }
}
