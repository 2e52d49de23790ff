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
use std::time::Duration;

use ocr_common::{render_sample_page, score, settings};
use zhengxin::geom::Rect;
use zhengxin::ocr::{OcrEngine, OcrParams};

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
    let mut params = OcrParams::default();
    if let Ok(t) = std::env::var("OCR_THREADS") {
        params.threads = t.parse().expect("OCR_THREADS");
    }
    if let Ok(v) = std::env::var("OCR_REC_MIN_WIDTH") {
        params.rec.min_width = v.parse().expect("OCR_REC_MIN_WIDTH");
    }
    if let Ok(v) = std::env::var("OCR_SPIN") {
        params.intra_op_spinning = v == "1";
    }
    let engine = OcrEngine::new(&params, &settings()).expect("engine");
    let out_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/ocr_bench");
    std::fs::create_dir_all(&out_dir).expect("output dir");
    println!(
        "threads {} (spinning {}), rec min width {}, device {:?}, {rounds} rounds, pages {pages:?}",
        params.threads,
        params.intra_op_spinning,
        params.rec.min_width,
        engine.device()
    );
    let (mut det_sum, mut rec_sum, mut acc_sum) = (0.0, 0.0, 0.0);
    for &p in &pages {
        let page = render_sample_page(p - 1, 200.0);
        page.image.save(out_dir.join(format!("p{p:02}.png"))).expect("png");
        std::fs::write(
            out_dir.join(format!("p{p:02}.gt.json")),
            serde_json::to_string(&page.chars).unwrap(),
        )
        .expect("gt json");
        let (mut det, mut cls, mut rec) = (Duration::MAX, Duration::MAX, Duration::MAX);
        let mut last = None;
        let cpu0 = cpu_seconds();
        for _ in 0..rounds.max(1) {
            let r = engine.ocr_page(&page.image).expect("ocr");
            det = det.min(r.timings.det);
            cls = cls.min(r.timings.cls);
            rec = rec.min(r.timings.rec);
            last = Some(r);
        }
        let cpu = (cpu_seconds() - cpu0) / rounds.max(1) as f64;
        let r = last.expect("one round");
        let lines: Vec<(Rect, String)> = r.lines.iter().map(|l| (l.rect, l.text.clone())).collect();
        let s = score(&lines, &page.chars);
        println!(
            "page {p:2}: {:4} lines, det {:.3}s, crop+cls {:.3}s, rec {:.3}s, total {:.3}s (CPU {cpu:.2}s); \
             char accuracy {:.4} (folded {:.4}; {} GT chars, {} uncovered, {} extra boxes)",
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
        rec_sum += rec.as_secs_f64();
        acc_sum += s.accuracy_folded;
    }
    let n = pages.len() as f64;
    println!(
        "mean: det {:.3} s/page, rec {:.3} s/page, folded char accuracy {:.4}",
        det_sum / n,
        rec_sum / n,
        acc_sum / n
    );
}
