//! Text-path benchmark: PDF bytes → JSON for every `*.pdf` (not `*.scan-*.pdf`) in a directory.
//! Prints one JSON object per line for `scripts/bench.sh`, which puts it next to the pdfplumber
//! baseline. Run: `cargo bench --bench text_path -- DIR [REPEATS]`.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};

/// CPU time of this thread in seconds (Linux schedstat, ns resolution). Wall time on a shared
/// 2-core machine swings with other load; CPU time of the parsing thread barely does.
fn thread_cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let dir = PathBuf::from(args.first().expect("usage: text_path DIR [REPEATS]"));
    let repeats: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let settings = Settings::from_env().expect("settings");
    let pipeline = Pipeline::new(&settings).expect("pipeline (run scripts/download_models.sh)");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".pdf") && !n.contains(".scan-") && !n.starts_with("neg-") && !n.starts_with("broken-")
        })
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).expect("read pdf");
        let mut times = Vec::with_capacity(repeats);
        let mut cpu = Vec::with_capacity(repeats);
        let mut pages = 0;
        let mut ok = true;
        for _ in 0..repeats {
            let t = Instant::now();
            let c = thread_cpu_s();
            // Serialising is part of "PDF bytes → JSON", so it is inside the timed region.
            match pipeline.parse(&bytes, ParseOptions::default()) {
                Ok(o) => {
                    pages = o.summary.page_count;
                    let json = serde_json::to_vec(&zhengxin::api::ApiResponse::ok(o.report)).expect("json");
                    std::hint::black_box(json);
                }
                Err(_) => ok = false,
            }
            times.push(t.elapsed().as_secs_f64());
            cpu.push(thread_cpu_s() - c);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let median = times[times.len() / 2];
        cpu.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let cpu_median = cpu[cpu.len() / 2];
        // The layout stage alone (open + extract + grid), to split the time by stage.
        let mut layout_times: Vec<f64> = (0..repeats)
            .map(|_| {
                let t = Instant::now();
                let _ = pipeline.document(&bytes);
                t.elapsed().as_secs_f64()
            })
            .collect();
        layout_times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let layout_median = layout_times[layout_times.len() / 2];
        println!(
            "{{\"file\":{:?},\"pages\":{},\"ok\":{},\"median_s\":{:.6},\"min_s\":{:.6},\"layout_median_s\":{:.6},\"cpu_median_s\":{:.6}}}",
            path.file_name().unwrap().to_string_lossy(),
            pages,
            ok,
            median,
            times[0],
            layout_median,
            cpu_median
        );
    }
}
