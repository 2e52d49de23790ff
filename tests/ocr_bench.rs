//! OCR timing on sample pages at 200 DPI (ignored by default; run in release):
//!
//! ```text
//! cargo test --release --test ocr_bench -- --ignored --nocapture
//! OCR_BENCH_PAGES=1,2,5 OCR_BENCH_ROUNDS=3 OCR_THREADS=2 OCR_SPIN=1 OCR_REC_MIN_WIDTH=0 cargo test --release --test ocr_bench -- --ignored --nocapture
//! ```
//!
//! Prints det / cls / rec seconds per page (minimum over rounds) and the character accuracy
//! against the text layer, and writes each page as `target/ocr_bench/pNN.png` plus its ground
//! truth `pNN.gt.json`, so `scripts/bench_ocr_baseline.py target/ocr_bench` can time and score
//! rapidocr on exactly the same pixels.

#[path = "ocr_common.rs"]
mod ocr_common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ocr_common::{render_sample_page, score, settings};
use zhengxin::geom::Rect;
use zhengxin::ocr::OcrEngine;

/// CPU seconds (user + system, all threads) this process has used, from /proc/self/stat.
/// Other processes share this machine, so wall time alone swings 2–3× (stack_notes §6).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap();
    ticks / 100.0 // USER_HZ is 100 on Linux
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn bench_ocr_pages_at_200_dpi() {
    let pages: Vec<i32> = env_or("OCR_BENCH_PAGES", "1,2,5")
        .split(',')
        .map(|p| p.trim().parse::<i32>().expect("page number"))
        .collect();
    // RUST_LOG=zhengxin::ocr=debug shows the det/rec phase split.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let rounds: usize = env_or("OCR_BENCH_ROUNDS", "2").parse().expect("OCR_BENCH_ROUNDS");
    // ZHENGXIN_OCR_* as the service reads them, then the bench's own short names.
    let mut params = settings().ocr;
    if let Ok(t) = std::env::var("OCR_THREADS") {
        params.threads = t.parse().expect("OCR_THREADS");
    }
    if let Ok(v) = std::env::var("OCR_REC_MIN_WIDTH") {
        params.rec.min_width = v.parse().expect("OCR_REC_MIN_WIDTH");
    }
    if let Ok(v) = std::env::var("OCR_SPIN") {
        params.intra_op_spinning = v == "1";
    }
    let engine = OcrEngine::new(&params, &settings().ocr_files()).expect("engine");
    let out_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/ocr_bench");
    std::fs::create_dir_all(&out_dir).expect("output dir");
    println!(
        "threads {} (spinning {}), rec sessions {}, rec min width {}, batch {} (width budget {}), \
         det max side {}, device {:?}, {rounds} rounds, pages {pages:?}",
        params.threads,
        params.intra_op_spinning,
        params.rec_sessions,
        params.rec.min_width,
        params.rec.batch_size,
        params.rec.batch_width_budget,
        params.det.max_side_len,
        engine.device()
    );
    let (mut det_sum, mut cls_sum, mut rec_sum, mut cpu_sum, mut acc_sum) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &p in &pages {
        let page = render_sample_page(p - 1, 200.0);
        page.image.save(out_dir.join(format!("p{p:02}.png"))).expect("png");
        std::fs::write(
            out_dir.join(format!("p{p:02}.gt.json")),
            serde_json::to_string(&page.chars).unwrap(),
        )
        .expect("gt json");
        let (mut det, mut cls, mut rec) = (Duration::MAX, Duration::MAX, Duration::MAX);
        let (mut det_cpu, mut rec_cpu, mut cpu) = (f64::MAX, f64::MAX, f64::MAX);
        let mut last = None;
        for _ in 0..rounds.max(1) {
            // detect + ocr_boxes is exactly ocr_page, split so each stage's CPU time shows.
            let (c0, t) = (cpu_seconds(), Instant::now());
            let boxes = engine.detect(&page.image).expect("det");
            let d = t.elapsed();
            let c1 = cpu_seconds();
            let r = engine.ocr_boxes(&page.image, &boxes).expect("ocr");
            let c2 = cpu_seconds();
            det = det.min(d);
            cls = cls.min(r.timings.cls);
            rec = rec.min(r.timings.rec);
            det_cpu = det_cpu.min(c1 - c0);
            rec_cpu = rec_cpu.min(c2 - c1);
            cpu = cpu.min(c2 - c0);
            last = Some(r);
        }
        let r = last.expect("one round");
        let lines: Vec<(Rect, String)> = r.lines.iter().map(|l| (l.rect, l.text.clone())).collect();
        let s = score(&lines, &page.chars);
        if let Ok(tag) = std::env::var("OCR_BENCH_DUMP") {
            // The lines as bench_ocr_baseline.py writes rapidocr's, for side-by-side diffs.
            let dump: Vec<serde_json::Value> = r
                .lines
                .iter()
                .map(|l| serde_json::json!({"box": l.quad, "text": l.text, "score": l.score}))
                .collect();
            let path = out_dir.join(format!("p{p:02}.{tag}.lines.json"));
            std::fs::write(path, serde_json::to_string(&dump).unwrap()).expect("dump");
        }
        println!(
            "page {p:2}: {:4} lines, det {:.3}s, crop+cls {:.3}s, rec {:.3}s, total {:.3}s \
             (CPU {cpu:.2}s: det {det_cpu:.2}s, crop+cls+rec {rec_cpu:.2}s); char accuracy {:.4} (folded {:.4}; {} GT chars, {} uncovered, {} extra boxes)",
            r.lines.len(),
            det.as_secs_f64(),
            cls.as_secs_f64(),
            rec.as_secs_f64(),
            (det + cls + rec).as_secs_f64(),
            s.accuracy,
            s.accuracy_folded,
            s.total,
            s.uncovered,
            s.extra_boxes
        );
        det_sum += det.as_secs_f64();
        cls_sum += cls.as_secs_f64();
        rec_sum += rec.as_secs_f64();
        cpu_sum += cpu;
        acc_sum += s.accuracy_folded;
    }
    let n = pages.len() as f64;
    println!(
        "mean: det {:.3} s/page, crop+cls {:.3}, rec {:.3}, total {:.3} s/page (CPU {:.2} s/page), \
         folded char accuracy {:.4}",
        det_sum / n,
        cls_sum / n,
        rec_sum / n,
        (det_sum + cls_sum + rec_sum) / n,
        cpu_sum / n,
        acc_sum / n
    );
}

/// Per-cell recognition where the grid is known: each non-blank table cell (from the page's
/// own rulings, here the text layer's, as a stand-in for rulings found in pixels), 3 px
/// inside its rulings, is split into ink lines and recognised directly with
/// `OcrEngine::ocr_cells`, skipping detection. Prints its time
/// and character accuracy next to the full det + rec pipeline's, both scored on the same
/// ground truth: the characters inside table cells.
///
/// ```text
/// OCR_BENCH_PAGES=1,2,5 cargo test --release --test ocr_bench bench_cells -- --ignored --nocapture
/// ```
#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn bench_cells_known_from_the_grid() {
    let pages: Vec<i32> = env_or("OCR_BENCH_PAGES", "1,2,5")
        .split(',')
        .map(|p| p.trim().parse::<i32>().expect("page number"))
        .collect();
    let mut params = settings().ocr;
    if let Ok(t) = std::env::var("OCR_THREADS") {
        params.threads = t.parse().expect("OCR_THREADS");
    }
    let s = settings();
    let engine = OcrEngine::new(&params, &s.ocr_files()).expect("engine");
    let pdf = zhengxin::pdf::PdfEngine::load(&s.pdfium_lib()).expect("pdfium");
    let bytes = std::fs::read(ocr_common::sample_pdf()).expect("sample");
    let doc = pdf.open(&bytes).expect("open");
    let (mut t_cells, mut t_full, mut n_cells) = (0.0, 0.0, 0usize);
    let (mut acc_cells, mut acc_full) = (0.0, 0.0);
    let (mut cell_text_cells, mut cell_text_det) = (0.0, 0.0);
    for &p in &pages {
        let page = render_sample_page(p - 1, 200.0);
        let content =
            zhengxin::pdf::content::extract_page(&doc.pages().get(p - 1).expect("page"), 0).expect("text layer");
        let document = zhengxin::layout::build_document(vec![content]);
        let k = page.px_per_pt;
        let (rects, truth): (Vec<Rect>, Vec<&str>) = document
            .tables()
            .flat_map(|t| t.cells.iter())
            .filter(|c| !c.text.is_empty())
            .flat_map(|c| c.pieces.iter().map(move |pc| (pc, c.text.as_str())))
            .map(|(pc, t)| {
                (
                    Rect::new(pc.rect.x0 * k, pc.rect.y0 * k, pc.rect.x1 * k, pc.rect.y1 * k),
                    t,
                )
            })
            .unzip();
        // Inside the rulings: the cell box runs along the lines, whose ink would otherwise
        // widen every crop to the whole cell.
        let inset = env_or("OCR_BENCH_CELL_INSET", "3").parse::<f32>().expect("inset");
        let inner: Vec<Rect> = rects
            .iter()
            .map(|r| Rect::new(r.x0 + inset, r.y0 + inset, r.x1 - inset, r.y1 - inset))
            .collect();
        let in_cells: Vec<ocr_common::GtChar> = page
            .chars
            .iter()
            .filter(|g| {
                let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
                rects.iter().any(|r| r.contains(cx, cy))
            })
            .cloned()
            .collect();
        let (c0, t) = (cpu_seconds(), Instant::now());
        let cells: Vec<Option<String>> = engine
            .ocr_cells(&page.image, &inner, 0.0)
            .expect("cells")
            .into_iter()
            .map(|ls| (!ls.is_empty()).then(|| ls.iter().map(|l| l.text.as_str()).collect()))
            .collect();
        let (tc, cc) = (t.elapsed().as_secs_f64(), cpu_seconds() - c0);
        let (c0, t) = (cpu_seconds(), Instant::now());
        let full = engine.ocr_page(&page.image).expect("page");
        let (tf, cf) = (t.elapsed().as_secs_f64(), cpu_seconds() - c0);
        let cell_lines: Vec<(Rect, String)> = rects
            .iter()
            .zip(&cells)
            .filter_map(|(r, t)| t.as_ref().map(|t| (*r, t.clone())))
            .collect();
        let full_lines: Vec<(Rect, String)> = full.lines.iter().map(|l| (l.rect, l.text.clone())).collect();
        let (sc, sf) = (score(&cell_lines, &in_cells), score(&full_lines, &in_cells));
        // Cell-level accuracy against the text layer's cell text (the char-box score above
        // sorts a box's characters by x, which interleaves the lines of a two-line cell).
        // det+rec lines go to the cell holding their centre, top to bottom.
        let fold = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace()).map(ocr_common::fold).collect() };
        let mut from_det = vec![Vec::new(); rects.len()];
        for l in &full.lines {
            let (cx, cy) = l.rect.center();
            if let Some(i) = rects.iter().position(|r| r.contains(cx, cy)) {
                from_det[i].push((l.rect.y0, l.rect.x0, l.text.clone()));
            }
        }
        let (mut want_n, mut err_cells, mut err_det) = (0usize, 0usize, 0usize);
        for (i, want) in truth.iter().enumerate() {
            let w = fold(want);
            want_n += w.len();
            err_cells += ocr_common::levenshtein(&fold(cells[i].as_deref().unwrap_or("")), &w);
            from_det[i].sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let d: String = from_det[i].iter().map(|t| t.2.as_str()).collect();
            err_det += ocr_common::levenshtein(&fold(&d), &w);
        }
        let cell_acc = |e: usize| 1.0 - e as f64 / want_n.max(1) as f64;
        println!(
            "cells page {p:2}: cell-text accuracy per cell {:.4}, det+rec {:.4} ({want_n} chars)",
            cell_acc(err_cells),
            cell_acc(err_det)
        );
        cell_text_cells += cell_acc(err_cells);
        cell_text_det += cell_acc(err_det);
        if std::env::var("OCR_BENCH_CELL_DIFF").is_ok() {
            for ((r, want), got) in rects.iter().zip(&truth).zip(&cells) {
                let got: String = got.as_ref().map(|t| t.replace(' ', "")).unwrap_or_default();
                let fold = |s: &str| s.chars().map(ocr_common::fold).collect::<String>();
                if fold(&got) != fold(want) {
                    println!("cell diff p{p} {:.0}x{:.0}: {want:?} -> {got:?}", r.width(), r.height());
                }
            }
        }
        println!(
            "cells page {p:2}: {} cells, {} GT chars in cells; per cell {tc:.2}s (CPU {cc:.2}s) accuracy {:.4}; \
             det+rec {tf:.2}s (CPU {cf:.2}s) accuracy {:.4}",
            rects.len(),
            in_cells.len(),
            sc.accuracy_folded,
            sf.accuracy_folded
        );
        t_cells += tc;
        t_full += tf;
        n_cells += rects.len();
        acc_cells += sc.accuracy_folded;
        acc_full += sf.accuracy_folded;
    }
    let n = pages.len() as f64;
    println!(
        "cells mean: {:.0} cells/page; per cell {:.2} s/page, char-box accuracy {:.4}, cell-text accuracy {:.4}; \
         det+rec {:.2} s/page, char-box accuracy {:.4}, cell-text accuracy {:.4}",
        n_cells as f64 / n,
        t_cells / n,
        acc_cells / n,
        cell_text_cells / n,
        t_full / n,
        acc_full / n,
        cell_text_det / n
    );
}
