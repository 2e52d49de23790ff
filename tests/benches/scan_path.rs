//! Scanned-path benchmark: every `*.scan-LEVEL.pdf` in a directory, page by page through the
//! OCR path, with the time split by stage (render, geometry = cleaning + orientation + skew +
//! rulings, det, cls vote, rec), then the grid (layout) and correction + classification +
//! parsing for the whole document. Prints one JSON object per file for `scripts/bench_ocr.sh`.
//! Run: `cargo bench --bench scan_path -- DIR LEVEL`.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::config::Settings;
use zhengxin::ocr::{OcrEngine, OcrParams};
use zhengxin::pdf::PdfEngine;
use zhengxin::scanned::{read_scanned_page, ScanParams};

fn main() {
    zhengxin::alloc::tune_for_ocr();
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let dir = PathBuf::from(args.first().expect("usage: scan_path DIR LEVEL"));
    let level = args.get(1).cloned().unwrap_or_else(|| "clean".into());
    let settings = Settings::from_env().expect("settings");
    let pdf = PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let params = zhengxin::config::ocr_params_from_env().unwrap_or_else(|_| OcrParams::default());
    let ocr = OcrEngine::new(&params, &settings).expect("OCR models (run scripts/download_models.sh)");
    let suffix = format!(".scan-{level}.pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).expect("read pdf");
        let doc = pdf.open(&bytes).expect("open");
        let (mut render, mut geometry, mut det, mut cls, mut rec, mut cells) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut pages = Vec::new();
        let mut dpi = 0.0;
        let t_all = Instant::now();
        for (i, page) in doc.pages().iter().enumerate() {
            let (content, geom, t) = read_scanned_page(&ocr, &page, i, &ScanParams::default()).expect("page");
            render += t.render.as_secs_f64();
            geometry += t.geometry.as_secs_f64();
            det += t.det.as_secs_f64();
            cls += t.cls.as_secs_f64();
            rec += t.rec.as_secs_f64();
            cells += t.cells.as_secs_f64();
            dpi = geom.dpi;
            pages.push(content);
        }
        let n = pages.len();
        let t = Instant::now();
        let ocr_pages: Vec<usize> = (0..n).collect();
        let mut document = zhengxin::layout::build_document(pages);
        let grid = t.elapsed().as_secs_f64();
        zhengxin::correct::correct_document(&mut document, &ocr_pages);
        let version = zhengxin::classify::classify(&document)
            .or_else(|_| zhengxin::classify::version_hint(&document).ok_or(()))
            .unwrap_or(zhengxin::parse::ReportVersion::Personal);
        let report = zhengxin::parse::parse_report(&document, version);
        std::hint::black_box(serde_json::to_vec(&report).expect("json"));
        let parse = t.elapsed().as_secs_f64() - grid;
        println!(
            "{{\"file\":{:?},\"pages\":{n},\"dpi\":{dpi:.0},\"total_s\":{:.4},\"render_s\":{render:.4},\"geometry_s\":{geometry:.4},\"det_s\":{det:.4},\"cls_s\":{cls:.4},\"rec_s\":{rec:.4},\"cells_s\":{cells:.4},\"grid_s\":{grid:.4},\"parse_s\":{parse:.4}}}",
            path.file_name().unwrap().to_string_lossy(),
            t_all.elapsed().as_secs_f64()
        );
    }
}
