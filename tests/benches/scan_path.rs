//! Scanned-path benchmark: every `*.scan-LEVEL.pdf` in a directory, page by page through the
//! OCR path, with the time split by stage (render, geometry = cleaning + orientation + skew +
//! rulings, det, cls vote, rec), then the grid (layout + correction: `grid_s`) and the
//! report (classification, parsing: `parse_s`) for the whole document, all through
//! the pipeline's public stages. Prints one JSON object per file for `scripts/bench_ocr.sh`.
//! Run: `cargo bench --bench scan_path -- DIR LEVEL`.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::config::Settings;
use zhengxin::pipeline::{PageRoute, Pages, ParseOptions, Pipeline};

fn main() {
    zhengxin::alloc::tune_for_ocr();
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let dir = PathBuf::from(args.first().expect("usage: scan_path DIR LEVEL"));
    let level = args.get(1).cloned().unwrap_or_else(|| "clean".into());
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
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
        let doc = pipeline.open(&bytes).expect("open");
        let (mut render, mut geometry, mut det, mut cls, mut rec, mut cells) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut pages = Pages::new();
        let mut dpi = 0.0;
        let t_all = Instant::now();
        for (i, page) in doc.pages().iter().enumerate() {
            // One page at a time on this thread, so each stage's time is its own.
            let t_page = Instant::now();
            let read = pipeline.read_page(&page, i).expect("page");
            if let PageRoute::Ocr(geom, t) = &read.route {
                // Per page on stderr: shows warm-up (first pages, new tensor shapes) apart from
                // the steady state, and leaves a trace when a run is cut off mid-file.
                eprintln!(
                    "{} page {i}: {:.3} s (det {:.3}, rec {:.3})",
                    path.file_name().unwrap().to_string_lossy(),
                    t_page.elapsed().as_secs_f64(),
                    t.det.as_secs_f64(),
                    t.rec.as_secs_f64()
                );
                render += t.render.as_secs_f64();
                geometry += t.geometry.as_secs_f64();
                det += t.det.as_secs_f64();
                cls += t.cls.as_secs_f64();
                rec += t.rec.as_secs_f64();
                cells += t.cells.as_secs_f64();
                dpi = geom.dpi;
            }
            pages.push(i, read);
        }
        let n = pages.contents.len();
        let t = Instant::now();
        let document = pipeline.build_document(pages).expect("document");
        let grid = t.elapsed().as_secs_f64();
        // Classified when it passes, else read as the title suggests, so every file is timed.
        let report = pipeline
            .report(&document, ParseOptions::default())
            .or_else(|_| {
                pipeline.report(
                    &document,
                    ParseOptions {
                        classify: false,
                        ..ParseOptions::default()
                    },
                )
            })
            .expect("report");
        std::hint::black_box(serde_json::to_vec(&report).expect("json"));
        let parse = t.elapsed().as_secs_f64() - grid;
        println!(
            "{{\"file\":{:?},\"pages\":{n},\"dpi\":{dpi:.0},\"total_s\":{:.4},\"render_s\":{render:.4},\"geometry_s\":{geometry:.4},\"det_s\":{det:.4},\"cls_s\":{cls:.4},\"rec_s\":{rec:.4},\"cells_s\":{cells:.4},\"grid_s\":{grid:.4},\"parse_s\":{parse:.4}}}",
            path.file_name().unwrap().to_string_lossy(),
            t_all.elapsed().as_secs_f64()
        );
    }
}
