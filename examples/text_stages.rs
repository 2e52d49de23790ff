//! Text-path time by stage over a corpus directory, to see where a page's milliseconds go:
//! `cargo run --release --example text_stages -- DIR [REPEATS]` (the text-layer PDFs in DIR;
//! the text page is loaded a second time on its own to time it).
use std::time::Instant;
use zhengxin::config::Settings;
use zhengxin::pdf::{content::extract_page_checked, PdfEngine};

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let reps: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let settings = Settings::from_env().unwrap();
    let engine = PdfEngine::load(&settings.pdfium_lib()).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".pdf") && !p.to_string_lossy().contains(".scan-"))
        .collect();
    files.sort();
    let mut t = [0f64; 7];
    let mut pages = 0;
    for _ in 0..reps {
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            let s = Instant::now();
            let pdf = engine.open(&bytes).unwrap();
            t[0] += s.elapsed().as_secs_f64();
            let n = pdf.pages().len();
            let mut contents = Vec::new();
            for i in 0..n {
                let s = Instant::now();
                let page = pdf.pages().get(i).unwrap();
                t[1] += s.elapsed().as_secs_f64();
                let s = Instant::now();
                let txt = page.text().unwrap();
                t[2] += s.elapsed().as_secs_f64();
                drop(txt);
                let s = Instant::now();
                let c = extract_page_checked(&page, i as usize).unwrap().content;
                t[3] += s.elapsed().as_secs_f64();
                contents.push(c);
                pages += 1;
            }
            let s = Instant::now();
            let doc = zhengxin::layout::build_document(contents);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let v = zhengxin::classify::classify(&doc).unwrap();
            let r = zhengxin::parse::parse_report(&doc, v);
            t[5] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let j = serde_json::to_vec(&zhengxin::api::ApiResponse::ok(r)).unwrap();
            std::hint::black_box(j);
            t[6] += s.elapsed().as_secs_f64();
        }
    }
    let names = [
        "open",
        "load_page",
        "text_page(dup)",
        "extract(text+glyphs+rulings+spans)",
        "build_document",
        "classify+parse",
        "serialize",
    ];
    for (n, v) in names.iter().zip(t) {
        println!("{n:40} {:.3} ms/page", v / pages as f64 * 1000.0);
    }
}
