//! Debugging aid for the page reading stages: reads pages FIRST..=LAST of a PDF through the
//! pipeline's own stages (text layer when usable, glyph runs when garbled, OCR otherwise),
//! prints per-page route, geometry and ruling counts, then the rebuilt document's blocks and
//! the classification verdict. Meant for synthetic corpora (it prints text content).
//!
//! `cargo run --release --example dump_doc -- FILE.pdf [FIRST-LAST]`; `DUMP_RULINGS=1` also
//! prints every ruling, `DUMP_SPANS=1` every span, `DUMP_CLEAN=PREFIX` writes each OCR'd
//! page as the detector sees it (PREFIX-N.png), `DUMP_REPORT=FILE` the parsed report as JSON.

use zhengxin::config::Settings;
use zhengxin::content::Orientation;
use zhengxin::layout::Block;
use zhengxin::pipeline::{PageRoute, Pages, Pipeline};
use zhengxin::scanned::ScanParams;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: dump_doc FILE.pdf [FIRST-LAST]");
    let (first, last) = args
        .get(2)
        .and_then(|r| r.split_once('-'))
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .unwrap_or((0usize, usize::MAX));
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    let bytes = std::fs::read(path).expect("read pdf");
    let pdf = pipeline.open(&bytes).expect("open");
    let mut pages = Pages::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        if i < first || i > last {
            continue;
        }
        let read = pipeline.read_page(&page, i).expect("read page");
        match &read.route {
            PageRoute::TextLayer => println!("page {i}: text layer"),
            PageRoute::GlyphRuns(t) => println!("page {i}: glyph runs {t:?}"),
            PageRoute::Ocr(g, t) => {
                println!("page {i}: OCR {g:?} {t:?}");
                if let Ok(out) = std::env::var("DUMP_CLEAN") {
                    dump_clean(&page, i, &settings.scan, &format!("{out}-{i}.png"));
                }
            }
        }
        let content = &read.content;
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
        pages.push(i, read);
    }
    let doc = pipeline.build_document(pages).expect("document");
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
    let verdict = zhengxin::classify::classify(&doc);
    println!("classify: {verdict:?}");
    if let (Some(out), Ok(version)) = (std::env::var_os("DUMP_REPORT"), verdict) {
        let report = zhengxin::parse::parse_report(&doc, version);
        std::fs::write(out, serde_json::to_string_pretty(&report).expect("json")).expect("write report");
    }
}

/// The page as the recogniser sees it after the model-free stages (photo rectified, seals
/// removed, flattened, whitened, turned, deskewed): the pipeline's own preparation.
fn dump_clean(page: &pdfium_render::prelude::PdfPage<'_>, index: usize, p: &ScanParams, out: &str) {
    let (img, dpi, _) = zhengxin::scanned::render_page(page, index, p.max_dpi).expect("render");
    let img = match &p.quad {
        Some(q) => zhengxin::raster::quad::rectify_photo(img, q),
        None => img,
    };
    let mut g = zhengxin::scanned::PageGeometry {
        dpi,
        ..Default::default()
    };
    let s = zhengxin::scanned::straighten(&img, p, &mut g);
    s.clean.save(out).expect("write png");
    // The flattened, unwhitened page the rulings are found in.
    s.gray.save(out.replace(".png", "-gray.png")).expect("write png");
}
