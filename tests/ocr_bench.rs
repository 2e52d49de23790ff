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
    let mut params = zhengxin::config::ocr_params_from_env().expect("OCR settings from the environment");
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
