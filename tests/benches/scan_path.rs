//! Scanned-path benchmark: every `*.scan-LEVEL.pdf` in a directory, page by page through the
//! OCR path, with the time split by stage (render, geometry = cleaning + orientation + skew +
//! rulings, det, cls vote, rec), then the grid (layout + correction: `grid_s`) and the
//! report (classification, parsing: `parse_s`) for the whole document, all through
//! the pipeline's public stages; then what `evidence=1` adds after the reading (`after_s`,
//! `after_evidence_s`). Prints one JSON object per file for `scripts/bench_ocr.sh`.
//! Run: `cargo bench --bench scan_path -- DIR LEVEL`.

use std::path::PathBuf;
use std::time::Instant;

use pdfium_render::prelude::PdfDocument;
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
        let document = pipeline.build_document(pages.clone()).expect("document");
        let grid = t.elapsed().as_secs_f64();
        // Classified when it passes, else read as the title suggests, so every file is timed.
        let mut classify = true;
        let report = pipeline
            .report(&document, ParseOptions::default())
            .or_else(|_| {
                classify = false;
                pipeline.report(
                    &document,
                    ParseOptions {
                        classify,
                        ..ParseOptions::default()
                    },
                )
            })
            .expect("report");
        std::hint::black_box(serde_json::to_vec(&report).expect("json"));
        let parse = t.elapsed().as_secs_f64() - grid;
        let read = t_all.elapsed().as_secs_f64() - grid - parse;
        let (after, after_evidence) = after_reading(&pipeline, &bytes, &doc, &pages, classify);
        println!(
            "{{\"file\":{:?},\"pages\":{n},\"dpi\":{dpi:.0},\"total_s\":{:.4},\"render_s\":{render:.4},\"geometry_s\":{geometry:.4},\"det_s\":{det:.4},\"cls_s\":{cls:.4},\"rec_s\":{rec:.4},\"cells_s\":{cells:.4},\"grid_s\":{grid:.4},\"parse_s\":{parse:.4},\"read_s\":{read:.4},\"after_s\":{after:.5},\"after_evidence_s\":{after_evidence:.5}}}",
            path.file_name().unwrap().to_string_lossy(),
            read + grid + parse,
        );
    }
}

/// What `evidence=1` adds to a scan: every stage after the reading (document, report, JSON of the
/// body) from the same pages, without and with the evidence, in alternating rounds (the reading
/// itself is the same with or without the option). Median seconds of each.
fn after_reading(
    pipeline: &Pipeline,
    bytes: &[u8],
    pdf: &PdfDocument<'_>,
    pages: &Pages,
    classify: bool,
) -> (f64, f64) {
    const ROUNDS: usize = 5;
    let mut times = [Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS)];
    for _ in 0..ROUNDS {
        for (evidence, out) in [false, true].into_iter().zip(times.iter_mut()) {
            let opts = ParseOptions {
                classify,
                evidence,
                ..ParseOptions::default()
            };
            let pages = pages.clone();
            let t = Instant::now();
            let outcome = pipeline.finish(bytes, pdf, pages, opts).expect("report");
            std::hint::black_box(serde_json::to_vec(&outcome.report).expect("json"));
            if let Some(e) = &outcome.evidence {
                std::hint::black_box(serde_json::to_vec(e).expect("json"));
            }
            out.push(t.elapsed().as_secs_f64());
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let [mut off, mut on] = times;
    (median(&mut off), median(&mut on))
}
