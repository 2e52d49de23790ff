//! Text-path benchmark: PDF bytes → JSON for every `*.pdf` (not `*.scan-*.pdf`) in a directory,
//! without and with `evidence=1` (repeats alternating between the two, so both see the same
//! machine). Prints one JSON object per line for `scripts/bench.sh`, which puts it next to the
//! pdfplumber baseline and gives the evidence's cost as a ratio. Run:
//! `cargo bench --bench text_path -- DIR [REPEATS]`.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};

/// Wall and parsing-thread CPU seconds of one parse, serialisation included; `None` on failure.
fn timed_parse(pipeline: &Pipeline, bytes: &[u8], evidence: bool) -> Option<(f64, f64, usize)> {
    let t = Instant::now();
    let c = thread_cpu_s();
    let options = ParseOptions {
        evidence,
        ..ParseOptions::default()
    };
    // Serialising is part of "PDF bytes → JSON", so it is inside the timed region.
    let o = pipeline.parse(bytes, options).ok()?;
    let pages = o.summary.page_count;
    let json = serde_json::to_vec(&zhengxin::api::ApiResponse::ok_with(o.report, o.evidence)).expect("json");
    std::hint::black_box(json);
    Some((t.elapsed().as_secs_f64(), thread_cpu_s() - c, pages))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

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
        let (mut times, mut cpu) = (Vec::with_capacity(repeats), Vec::with_capacity(repeats));
        let (mut ev_times, mut ev_cpu) = (Vec::with_capacity(repeats), Vec::with_capacity(repeats));
        let mut pages = 0;
        let mut ok = true;
        for _ in 0..repeats {
            for evidence in [false, true] {
                let Some((wall, c, n)) = timed_parse(&pipeline, &bytes, evidence) else {
                    ok = false;
                    continue;
                };
                pages = n;
                let (t, cp) = if evidence {
                    (&mut ev_times, &mut ev_cpu)
                } else {
                    (&mut times, &mut cpu)
                };
                t.push(wall);
                cp.push(c);
            }
        }
        if times.is_empty() || ev_times.is_empty() {
            println!(
                "{{\"file\":{:?},\"pages\":0,\"ok\":false}}",
                path.file_name().unwrap().to_string_lossy()
            );
            continue;
        }
        let min_s = times.iter().copied().fold(f64::INFINITY, f64::min);
        let (median_s, cpu_median) = (median(times), median(cpu));
        let (ev_median, ev_cpu_median) = (median(ev_times), median(ev_cpu));
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
            "{{\"file\":{:?},\"pages\":{},\"ok\":{},\"median_s\":{:.6},\"min_s\":{:.6},\"layout_median_s\":{:.6},\"cpu_median_s\":{:.6},\"evidence_median_s\":{:.6},\"evidence_cpu_median_s\":{:.6}}}",
            path.file_name().unwrap().to_string_lossy(),
            pages,
            ok,
            median_s,
            min_s,
            layout_median,
            cpu_median,
            ev_median,
            ev_cpu_median
        );
    }
}
