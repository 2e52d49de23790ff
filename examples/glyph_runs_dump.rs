//! Debugging aid for the glyph-run path: for page PAGE of a PDF with a garbled text layer,
//! prints each glyph run (box, glyph count, font size) and what the recogniser reads in its
//! crop. Meant for synthetic corpora (it prints text content).
//!
//! `cargo run --release --example glyph_runs_dump -- FILE.pdf PAGE`

use zhengxin::config::Settings;
use zhengxin::ocr::OcrEngine;
use zhengxin::pdf::content::{extract_page_checked, undecodable_glyphs};
use zhengxin::pdf::PdfEngine;
use zhengxin::scanned::glyph_runs::{crop_rect, group_runs, vertical_room};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: glyph_runs_dump FILE.pdf PAGE");
    let index: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("pdfium");
    let ocr = OcrEngine::new(&settings.ocr, &settings.ocr_files()).expect("ocr");
    let bytes = std::fs::read(path).expect("read pdf");
    let pdf = engine.open(&bytes).expect("open");
    let page = pdf.pages().get(index as i32).expect("page");
    let read = extract_page_checked(&page, index).expect("extract");
    let (content, quality) = (read.content, read.quality);
    println!("text layer {quality:?}, {} rulings", content.rulings.len());
    let glyphs = undecodable_glyphs(&page).expect("glyphs");
    if let Ok(y) = std::env::var("DUMP_GLYPHS_Y").map(|v| v.parse::<f32>().unwrap_or(0.0)) {
        for g in glyphs.iter().filter(|g| g.rect.y0 <= y && g.rect.y1 >= y) {
            println!("glyph {:?} {:?} fs={} bold={}", g.ch, g.rect, g.font_size, g.bold);
        }
    }
    let runs = group_runs(&glyphs, &content.rulings);
    let p = settings.glyph_runs;
    let px_per_pt = p.dpi / 72.0;
    let img = page
        .render_with_config(&pdfium_render::prelude::PdfRenderConfig::new().scale_page_by_factor(px_per_pt))
        .expect("render")
        .as_image()
        .expect("image")
        .into_rgb8();
    let crops: Vec<_> = runs
        .iter()
        .zip(vertical_room(&runs))
        .map(|(r, room)| {
            Some(crop_rect(
                &r.rect,
                r.font_size,
                &content.rulings,
                room,
                &p,
                px_per_pt,
                &img,
            ))
        })
        .collect();
    let read = ocr.read_rects(&img, &crops).expect("rec");
    for ((run, crop), line) in runs.iter().zip(&crops).zip(read) {
        let text = line.map(|l| l.text).unwrap_or_default();
        let widths: Vec<String> = run
            .glyphs
            .iter()
            .map(|g| format!("{:.2}", g.rect.width() / g.font_size))
            .collect();
        println!(
            "{:?} n={} fs={:.1} crop={:?} read={:?} ({} chars) widths_em={}",
            run.rect,
            run.glyphs.len(),
            run.font_size,
            crop,
            text,
            text.chars().filter(|c| !c.is_whitespace()).count(),
            widths.join(",")
        );
    }
}
