//! Debugging aid for the scanned path: reads pages FIRST..=LAST of a PDF (text layer when usable,
//! OCR otherwise), prints per-page geometry and ruling counts, then the rebuilt document's blocks
//! and the classification verdict. Meant for synthetic corpora (it prints text content).
//!
//! `cargo run --release --example dump_doc -- FILE.pdf [FIRST-LAST]`; `DUMP_RULINGS=1` also
//! prints every ruling.

use zhengxin::config::{self, Settings};
use zhengxin::content::Orientation;
use zhengxin::layout::{build_document, Block};
use zhengxin::ocr::OcrEngine;
use zhengxin::pdf::{content::extract_page_checked, PdfEngine, TextLayerQuality};
use zhengxin::scanned::{read_scanned_page, ScanParams};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: dump_doc FILE.pdf [FIRST-LAST]");
    let (first, last) = args
        .get(2)
        .and_then(|r| r.split_once('-'))
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .unwrap_or((0usize, usize::MAX));
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("pdfium");
    let ocr = OcrEngine::new(&config::ocr_params_from_env().expect("ocr params"), &settings).expect("ocr");
    let bytes = std::fs::read(path).expect("read pdf");
    let pdf = engine.open(&bytes).expect("open");
    let mut pages = Vec::new();
    let mut ocr_pages = Vec::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        if i < first || i > last {
            continue;
        }
        let (content, quality) = extract_page_checked(&page, i).expect("extract");
        if let Ok(out) = std::env::var("DUMP_PNG") {
            dump_png(&page, &out);
        }
        if let Ok(out) = std::env::var("DUMP_CLEAN") {
            dump_clean(&page, i, &format!("{out}-{i}.png"));
        }
        let content = if quality == TextLayerQuality::Usable {
            content
        } else {
            let (c, g, t) = read_scanned_page(&ocr, &page, i, &ScanParams::default()).expect("scan");
            println!("page {i}: {g:?} {t:?}");
            ocr_pages.push(i);
            c
        };
        let n = |o| content.rulings.iter().filter(|r| r.orientation == o).count();
        println!(
            "page {i}: spans={} h={} v={}",
            content.spans.len(),
            n(Orientation::Horizontal),
            n(Orientation::Vertical)
        );
        if std::env::var_os("DUMP_RULINGS").is_some() {
            for r in &content.rulings {
                println!("  {:?} pos={:.1} {:.1}..{:.1}", r.orientation, r.pos, r.start, r.end);
            }
        }
        if std::env::var_os("DUMP_SPANS").is_some() {
            for s in &content.spans {
                println!("  span {:?} {:?}", s.rect, s.text);
            }
        }
        pages.push(content);
    }
    let mut doc = build_document(pages);
    zhengxin::correct::correct_document(&mut doc, &ocr_pages);
    for b in &doc.blocks {
        match b {
            Block::Line(l) => println!("L p{} {:?}", l.page, l.text),
            Block::Table(t) => {
                println!("T p{} {}x{}", t.page, t.n_rows, t.n_cols);
                for c in &t.cells {
                    println!("   [{},{} {}x{}] {:?}", c.row, c.col, c.row_span, c.col_span, c.text);
                }
            }
        }
    }
    println!("classify: {:?}", zhengxin::classify::classify(&doc));
}

/// Writes the cleaned page and its ink mask (as rendered, before turning/deskew), cropped to
/// `DUMP_CROP=x,y,w,h` pixels when given, scaled ×3 for viewing.
fn dump_png(page: &pdfium_render::prelude::PdfPage<'_>, out: &str) {
    use pdfium_render::prelude::PdfRenderConfig;
    let dpi = zhengxin::raster::choose_dpi(page);
    let img = page
        .render_with_config(&PdfRenderConfig::new().scale_page_by_factor(dpi / 72.0))
        .unwrap()
        .as_image()
        .unwrap()
        .into_rgb8();
    let p = zhengxin::raster::BinarizeParams::default();
    let clean = zhengxin::raster::clean_for_ocr(&img, &p);
    let gray = image::GrayImage::from_fn(clean.width(), clean.height(), |x, y| {
        image::Luma([clean.get_pixel(x, y).0[0]])
    });
    let ink = zhengxin::raster::binarize(&gray, &p);
    let crop = std::env::var("DUMP_CROP")
        .ok()
        .map(|c| c.split(',').map(|v| v.parse::<u32>().unwrap()).collect::<Vec<_>>());
    let save = |g: &image::GrayImage, name: &str| {
        let g = match &crop {
            Some(c) => image::imageops::crop_imm(g, c[0], c[1], c[2], c[3]).to_image(),
            None => g.clone(),
        };
        let g = image::imageops::resize(&g, g.width() * 3, g.height() * 3, image::imageops::FilterType::Nearest);
        g.save(format!("{out}-{name}.png")).unwrap();
    };
    let win = (zhengxin::raster::LineParams::default().smooth_pt * dpi / 72.0).round() as u32;
    save(
        &zhengxin::raster::binarize(&zhengxin::raster::smooth_along(&gray, true, win), &p),
        "vink",
    );
    save(&gray, "gray");
    save(&ink, "ink");
}

/// The page as the recogniser sees it after the model-free stages (photo rectified, seals removed,
/// flattened, whitened, turned, deskewed).
fn dump_clean(page: &pdfium_render::prelude::PdfPage<'_>, index: usize, out: &str) {
    let p = ScanParams::default();
    let (img, dpi, _) = zhengxin::scanned::render_page(page, index).expect("render");
    if let Some(q) = &p.quad {
        let quad = zhengxin::raster::quad::find_page_quad(&image::imageops::grayscale(&img), q);
        println!("page {index}: {}x{} quad {quad:?}", img.width(), img.height());
    }
    let img = match &p.quad {
        Some(q) => zhengxin::raster::quad::rectify_photo(img, q),
        None => img,
    };
    let mut g = zhengxin::scanned::PageGeometry {
        dpi,
        ..Default::default()
    };
    let s = zhengxin::scanned::straighten(&img, &p, &mut g);
    s.clean.save(out).expect("write png");
    // The flattened, unwhitened page the rulings are found in.
    s.gray.save(out.replace(".png", "-gray.png")).expect("write png");
}
