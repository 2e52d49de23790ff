//! Run-time settings: where the artefacts live, API keys, limits, the OCR device and every
//! tuning value of the stages. Built once, from command-line flags over environment variables
//! over defaults, validated, then passed down read-only: no stage reads the environment.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::error::ConfigError;
use crate::layout::LayoutParams;
use crate::ocr::{ConvSearch, Device, OcrFiles, OcrParams, Precision};
use crate::scanned::glyph_runs::GlyphRunParams;
use crate::scanned::ScanParams;

/// Upload limit fixed by the API contract (30 MB).
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;

/// Per-request time limit when none is set: a 50-page scan takes minutes on a small CPU box.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
/// Listen address of `serve` when none is set.
pub const DEFAULT_ADDR: &str = "0.0.0.0:8080";

/// Environment variable naming the directory that holds `third_party/` and `models/`.
pub const ENV_HOME: &str = "ZHENGXIN_HOME";
/// Comma-separated API keys; unset or empty means no authentication.
pub const ENV_API_KEYS: &str = "ZHENGXIN_API_KEYS";
/// Per-request time limit in seconds.
pub const ENV_TIMEOUT: &str = "ZHENGXIN_REQUEST_TIMEOUT_SECS";
/// Listen address of `serve` (flag `--addr`).
pub const ENV_ADDR: &str = "ZHENGXIN_ADDR";
/// Parses run at once (flag `--workers`).
pub const ENV_WORKERS: &str = "ZHENGXIN_WORKERS";
/// OCR device: `cpu` (default) or `cuda` (`gpu` is accepted for `cuda`; flag `--device`).
pub const ENV_DEVICE: &str = "ZHENGXIN_DEVICE";
/// `1`: refuse to start when the requested OCR device cannot be used (no CPU fallback).
pub const ENV_REQUIRE_DEVICE: &str = "ZHENGXIN_REQUIRE_DEVICE";
/// Scanned pages of one document read at once, each with its own OCR engine (0 = automatic;
/// see [`split_cores`]).
pub const ENV_PAGE_WORKERS: &str = "ZHENGXIN_PAGE_WORKERS";
/// Intra-op threads of each OCR model session.
pub const ENV_OCR_THREADS: &str = "ZHENGXIN_OCR_THREADS";
/// `0`: a page's recogniser calls do not borrow the pool's idle engines (`OcrParams::lend_idle`).
pub const ENV_OCR_LEND_IDLE: &str = "ZHENGXIN_OCR_LEND_IDLE";
/// Recogniser sessions run side by side (`OcrParams::rec_sessions`; 0 = one per thread).
pub const ENV_OCR_REC_SESSIONS: &str = "ZHENGXIN_OCR_REC_SESSIONS";
/// Minimum recogniser batch width in pixels (`RecParams::min_width`).
pub const ENV_OCR_REC_MIN_WIDTH: &str = "ZHENGXIN_OCR_REC_MIN_WIDTH";
/// Crops per recogniser call (`RecParams::batch_size`).
pub const ENV_OCR_REC_BATCH: &str = "ZHENGXIN_OCR_REC_BATCH";
/// Width budget of narrow recogniser batches (`RecParams::batch_width_budget`; 0 = off).
pub const ENV_OCR_REC_BUDGET: &str = "ZHENGXIN_OCR_REC_BUDGET";
/// Longer side of the detector input in pixels (`DetParams::max_side_len`).
pub const ENV_OCR_DET_MAX_SIDE: &str = "ZHENGXIN_OCR_DET_MAX_SIDE";
/// OCR model precision (the detector, the recogniser's output layer): `auto` (int8 on CPU, fp32
/// on CUDA), `int8` or `fp32`.
pub const ENV_OCR_PRECISION: &str = "ZHENGXIN_OCR_PRECISION";
/// `0` turns off first reads by the tiny recogniser (`TinyRecParams::enabled`; on by default, CPU only).
pub const ENV_OCR_REC_TINY: &str = "ZHENGXIN_OCR_REC_TINY";
/// `0`: tiny's reads of the report's fixed texts go to small too (`TinyRecParams::fixed_texts`).
pub const ENV_OCR_REC_TINY_FIXED: &str = "ZHENGXIN_OCR_REC_TINY_FIXED";
/// `0`: tiny's reads of fixed texts with uncertain characters go to small too
/// (`TinyRecParams::snap_fixed_texts`).
pub const ENV_OCR_REC_TINY_SNAP: &str = "ZHENGXIN_OCR_REC_TINY_SNAP";
/// `0`: tiny's reads of lines printed from a form with numbers filled in go to small too
/// (`TinyRecParams::forms`).
pub const ENV_OCR_REC_TINY_FORMS: &str = "ZHENGXIN_OCR_REC_TINY_FORMS";
/// `0`: tiny's sure reads of a text small already read the same on the page go to small too
/// (`TinyRecParams::repeats`).
pub const ENV_OCR_REC_TINY_REPEATS: &str = "ZHENGXIN_OCR_REC_TINY_REPEATS";
/// Minimum input width of tiny's reads in px (`TinyRecParams::min_width`).
pub const ENV_OCR_REC_TINY_MIN_WIDTH: &str = "ZHENGXIN_OCR_REC_TINY_MIN_WIDTH";
/// cuDNN convolution algorithm search on CUDA: `exhaustive`, `heuristic` or `default`.
pub const ENV_CUDA_CONV_SEARCH: &str = "ZHENGXIN_CUDA_CONV_SEARCH";
/// Crops per recogniser call on CUDA (`CudaParams::rec_batch_size`).
pub const ENV_CUDA_REC_BATCH: &str = "ZHENGXIN_CUDA_REC_BATCH";
/// Highest resolution a scanned page is rendered at, in DPI (150–300; finer scans are
/// rendered down to it: `ScanParams::max_dpi`).
pub const ENV_SCAN_MAX_DPI: &str = "ZHENGXIN_SCAN_MAX_DPI";
/// Documents with more pages are refused with PARAMETER_ERROR (1–100000).
pub const ENV_MAX_PAGES: &str = "ZHENGXIN_MAX_PAGES";
/// Evidence: values whose confidence is below this are put up for review (0..=1).
pub const ENV_REVIEW_THRESHOLD: &str = "ZHENGXIN_REVIEW_THRESHOLD";
/// Evidence with `page_images=1`: resolution of the page images, in DPI (a screen resolution:
/// the images are for people, not for OCR).
pub const ENV_REVIEW_DPI: &str = "ZHENGXIN_REVIEW_DPI";
/// `serve`: where parses run, `process` (default: a pool of `zhengxin worker` processes, so a
/// crash in pdfium or ONNX Runtime costs one request) or `thread` (in the server process).
pub const ENV_ISOLATION: &str = "ZHENGXIN_ISOLATION";
/// Process isolation: a worker is replaced after this many requests (0 = never).
pub const ENV_WORKER_MAX_REQUESTS: &str = "ZHENGXIN_WORKER_MAX_REQUESTS";
/// Process isolation: a worker whose resident memory passes this many MB after a request is
/// replaced (0 = never).
pub const ENV_WORKER_MAX_RSS_MB: &str = "ZHENGXIN_WORKER_MAX_RSS_MB";
/// Process isolation: address-space limit of each worker in MB (`RLIMIT_AS`; 0 = none).
pub const ENV_WORKER_MEMORY_MB: &str = "ZHENGXIN_WORKER_MEMORY_MB";
/// Default of [`ENV_WORKER_MAX_REQUESTS`]: often enough to shed slow leaks in native code,
/// rare enough that model loading is a negligible share of the work.
pub const DEFAULT_WORKER_MAX_REQUESTS: u64 = 500;
/// Default of [`ENV_WORKER_MAX_RSS_MB`]: above the ≈ 1 GiB peak of a 50-page scan with two
/// page workers, so only a worker that kept what it no longer needs is recycled.
pub const DEFAULT_WORKER_MAX_RSS_MB: u64 = 2048;
/// Default of [`ENV_WORKER_MEMORY_MB`] on the CPU: a 9-page scan peaked at 601 MB of address
/// space in a worker (VmPeak; 135 MB idle with the models loaded) and a 50-page scan at under
/// 1 GiB resident, so 4 GiB stops only runaway allocation. With CUDA it is off (0): the CUDA
/// runtime reserves tens of GB of address space it never touches.
pub const DEFAULT_WORKER_MEMORY_MB: u64 = 4096;
/// Default of [`ENV_REVIEW_THRESHOLD`] (EVIDENCE.md).
pub const DEFAULT_REVIEW_THRESHOLD: f64 = 0.95;

/// Default of [`ENV_REVIEW_DPI`]: a CSS pixel is 1/96 inch, so a page at 100 % zoom shows one
/// image pixel per screen pixel.
pub const DEFAULT_REVIEW_DPI: u32 = 96;
/// Bounds of [`ENV_REVIEW_DPI`]: below 36 DPI 9-pt print is under 5 px high and cannot be
/// checked by eye; above 200 DPI a 50-page report's images reach tens of MB per response.
pub const REVIEW_DPI_RANGE: (u32, u32) = (36, 200);

/// Upper bound of `workers` (flag and environment alike).
pub const MAX_WORKERS: usize = 256;
/// Upper bound of `page_workers`.
pub const MAX_PAGE_WORKERS: usize = 64;
/// Automatic page workers stop at this many: each holds its own copy of the models
/// (≈ 50 MB) and one page's images in flight (≈ 200–400 MB at 300 DPI while it is read).
pub const MAX_AUTO_PAGE_WORKERS: usize = 8;

/// Where `serve` runs its parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// Each parse in a worker process of a pool (`zhengxin worker`).
    Process,
    /// Each parse on a blocking thread of the server process.
    Thread,
}

/// Limits of the worker processes under [`Isolation::Process`]; 0 turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerLimits {
    /// Requests a worker serves before it is replaced.
    pub max_requests: u64,
    /// Resident memory (MB) past which a worker is replaced after its request.
    pub max_rss_mb: u64,
    /// Address-space limit (MB, `RLIMIT_AS`) set in each worker.
    pub memory_mb: u64,
}

impl Default for WorkerLimits {
    fn default() -> Self {
        Self {
            max_requests: DEFAULT_WORKER_MAX_REQUESTS,
            max_rss_mb: DEFAULT_WORKER_MAX_RSS_MB,
            memory_mb: DEFAULT_WORKER_MEMORY_MB,
        }
    }
}

/// Command-line flags that override their environment variable. `None` / `false`: not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// `--addr`.
    pub addr: Option<String>,
    /// `--workers`.
    pub workers: Option<usize>,
    /// `--device`.
    pub device: Option<Device>,
    /// `--require-device`.
    pub require_device: bool,
}

/// Validated settings: the one configuration value of a process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory holding `third_party/lib` and `models/`.
    pub home: PathBuf,
    /// Accepted API keys; empty = authentication off.
    pub api_keys: Vec<String>,
    /// Per-request time limit.
    pub request_timeout: Duration,
    /// Concurrent parse jobs (CPU-bound work slots).
    pub workers: usize,
    /// OCR engines, and so scanned pages read at once; shared by all requests, so the OCR of
    /// every concurrent parse together uses `page_workers × ocr.threads` cores.
    pub page_workers: usize,
    /// Listen address of `serve`.
    pub addr: String,
    /// OCR device, threads and model knobs.
    pub ocr: OcrParams,
    /// Tunables of the scanned-page path (binarisation, rulings, deskew).
    pub scan: ScanParams,
    /// Tunables of the garbled-text-layer path.
    pub glyph_runs: GlyphRunParams,
    /// Tolerances of table and line reconstruction.
    pub layout: LayoutParams,
    /// Evidence: confidence below which a value is put up for review, in [0, 1].
    pub review_threshold: f64,
    /// Evidence with `page_images=1`: resolution of the page images, DPI.
    pub review_dpi: u32,
    /// Documents with more pages are refused.
    pub max_pages: usize,
    /// `serve`: worker processes or threads.
    pub isolation: Isolation,
    /// `serve` with process isolation: when workers are replaced.
    pub worker_limits: WorkerLimits,
}

impl Settings {
    /// Settings from the environment alone (no flags). `home` falls back to the first of: the
    /// current directory, the executable's ancestors, that contains `third_party/lib`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::load(&Flags::default())
    }

    /// Settings from `flags` over the environment over the defaults.
    pub fn load(flags: &Flags) -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var_os(name), flags)
    }

    /// Settings from `flags` over the variables `var` returns over the defaults. The one
    /// place that knows every variable's name, default and bounds.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>, flags: &Flags) -> Result<Self, ConfigError> {
        let text = |name: &'static str| -> Result<Option<String>, ConfigError> {
            match var(name) {
                None => Ok(None),
                Some(v) => v
                    .into_string()
                    .map(Some)
                    .map_err(|_| ConfigError::NotUnicode { var: name }),
            }
        };
        let home = match var(ENV_HOME) {
            Some(h) => {
                let p = PathBuf::from(h);
                if !p.is_dir() {
                    return Err(ConfigError::NotADirectory { var: ENV_HOME, path: p });
                }
                p
            }
            None => discover_home(),
        };
        let mut s = Self::at(home);
        if let Some(v) = text(ENV_API_KEYS)? {
            s.api_keys = parse_api_keys(&v)?;
        }
        if let Some(v) = text(ENV_TIMEOUT)? {
            s.request_timeout = Duration::from_secs(parse_positive(&v, ENV_TIMEOUT, 3600)? as u64);
        }
        if let Some(v) = text(ENV_WORKERS)? {
            s.workers = parse_positive(&v, ENV_WORKERS, MAX_WORKERS)?;
        }
        if let Some(v) = text(ENV_ADDR)? {
            s.addr = v;
        }
        read_ocr_params(&mut s.ocr, &text)?;
        let page_workers = match text(ENV_PAGE_WORKERS)? {
            Some(v) => parse_bounded(&v, ENV_PAGE_WORKERS, 0, MAX_PAGE_WORKERS)?,
            None => 0,
        };
        let threads = text(ENV_OCR_THREADS)?.map(|_| s.ocr.threads);
        (s.page_workers, s.ocr.threads) = split_cores(cores(), page_workers, threads);
        if let Some(v) = text(ENV_REVIEW_THRESHOLD)? {
            s.review_threshold = parse_unit(&v, ENV_REVIEW_THRESHOLD)?;
        }
        if let Some(v) = text(ENV_REVIEW_DPI)? {
            let (lo, hi) = REVIEW_DPI_RANGE;
            s.review_dpi = parse_bounded(&v, ENV_REVIEW_DPI, lo as usize, hi as usize)? as u32;
        }
        if let Some(v) = text(ENV_SCAN_MAX_DPI)? {
            use crate::raster::dpi::{MAX_DPI, MIN_DPI};
            s.scan.max_dpi = parse_bounded(&v, ENV_SCAN_MAX_DPI, MIN_DPI as usize, MAX_DPI as usize)? as f32;
        }
        if let Some(v) = text(ENV_MAX_PAGES)? {
            s.max_pages = parse_positive(&v, ENV_MAX_PAGES, 100_000)?;
        }
        if let Some(v) = text(ENV_ISOLATION)? {
            s.isolation = parse_isolation(&v)?;
        }
        let mb_limit = 1 << 20;
        if let Some(v) = text(ENV_WORKER_MAX_REQUESTS)? {
            s.worker_limits.max_requests = parse_bounded(&v, ENV_WORKER_MAX_REQUESTS, 0, 1 << 30)? as u64;
        }
        if let Some(v) = text(ENV_WORKER_MAX_RSS_MB)? {
            s.worker_limits.max_rss_mb = parse_bounded(&v, ENV_WORKER_MAX_RSS_MB, 0, mb_limit)? as u64;
        }
        if let Some(v) = text(ENV_WORKER_MEMORY_MB)? {
            s.worker_limits.memory_mb = match parse_bounded(&v, ENV_WORKER_MEMORY_MB, 0, mb_limit)? {
                // Below this not even the runtime libraries map; the worker could never start.
                n @ 1..=255 => return Err(invalid(ENV_WORKER_MEMORY_MB, "0 (off) or at least 256", &n.to_string())),
                n => n as u64,
            };
        }
        if let Some(w) = flags.workers {
            s.workers = parse_positive(&w.to_string(), "--workers", MAX_WORKERS)?;
        }
        if let Some(a) = &flags.addr {
            s.addr.clone_from(a);
        }
        if let Some(d) = flags.device {
            s.ocr.device = d;
        }
        s.ocr.require_device |= flags.require_device;
        if s.ocr.device == Device::Cuda && text(ENV_WORKER_MEMORY_MB)?.is_none() {
            s.worker_limits.memory_mb = 0;
        }
        Ok(s)
    }

    /// Settings over the artefacts under `home`, everything else at its default (no API keys,
    /// default time limit, one worker per core, OCR on the CPU). For library users and tests
    /// that know where the artefacts are.
    pub fn at(home: PathBuf) -> Self {
        let workers = cores();
        let (page_workers, threads) = split_cores(workers, 0, None);
        Self {
            home,
            api_keys: Vec::new(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            workers,
            page_workers,
            addr: DEFAULT_ADDR.to_string(),
            ocr: OcrParams {
                threads,
                ..OcrParams::default()
            },
            scan: ScanParams::default(),
            glyph_runs: GlyphRunParams::default(),
            layout: LayoutParams::default(),
            review_threshold: DEFAULT_REVIEW_THRESHOLD,
            review_dpi: DEFAULT_REVIEW_DPI,
            max_pages: crate::pdf::DEFAULT_MAX_PAGES,
            isolation: Isolation::Process,
            worker_limits: WorkerLimits::default(),
        }
    }

    /// Path of libpdfium.
    pub fn pdfium_lib(&self) -> PathBuf {
        self.home.join("third_party/lib/libpdfium.so")
    }
    /// Path of libonnxruntime (CPU build).
    pub fn ort_lib(&self) -> PathBuf {
        self.home.join("third_party/lib/libonnxruntime.so.1.32.0")
    }
    /// Directory of the ONNX models.
    pub fn models_dir(&self) -> PathBuf {
        self.home.join("models")
    }
    /// The files the OCR stage loads.
    pub fn ocr_files(&self) -> OcrFiles {
        OcrFiles {
            models_dir: self.models_dir(),
            ort_lib: self.ort_lib(),
            gpu_ort_lib: crate::ocr::gpu_ort_lib(&self.home),
        }
    }
}

/// The `ZHENGXIN_DEVICE`, `ZHENGXIN_REQUIRE_DEVICE` and `ZHENGXIN_OCR_*` variables over `p`.
fn read_ocr_params(
    p: &mut OcrParams,
    text: &impl Fn(&'static str) -> Result<Option<String>, ConfigError>,
) -> Result<(), ConfigError> {
    if let Some(v) = text(ENV_DEVICE)? {
        p.device = parse_device(&v, ENV_DEVICE)?;
    }
    if let Some(v) = text(ENV_REQUIRE_DEVICE)? {
        p.require_device = parse_flag(&v, ENV_REQUIRE_DEVICE)?;
    }
    if let Some(v) = text(ENV_OCR_THREADS)? {
        p.threads = parse_positive(&v, ENV_OCR_THREADS, 256)?;
    }
    if let Some(v) = text(ENV_OCR_LEND_IDLE)? {
        p.lend_idle = parse_flag(&v, ENV_OCR_LEND_IDLE)?;
    }
    if let Some(v) = text(ENV_OCR_REC_SESSIONS)? {
        p.rec_sessions = parse_bounded(&v, ENV_OCR_REC_SESSIONS, 0, 64)?;
    }
    if let Some(v) = text(ENV_OCR_REC_MIN_WIDTH)? {
        p.rec.min_width = parse_bounded(&v, ENV_OCR_REC_MIN_WIDTH, 0, 4096)? as u32;
    }
    if let Some(v) = text(ENV_OCR_REC_BATCH)? {
        p.rec.batch_size = parse_positive(&v, ENV_OCR_REC_BATCH, 256)?;
    }
    if let Some(v) = text(ENV_OCR_REC_BUDGET)? {
        p.rec.batch_width_budget = parse_bounded(&v, ENV_OCR_REC_BUDGET, 0, 1 << 20)? as u32;
    }
    if let Some(v) = text(ENV_OCR_DET_MAX_SIDE)? {
        p.det.max_side_len = parse_bounded(&v, ENV_OCR_DET_MAX_SIDE, 320, 8192)? as u32;
    }
    if let Some(v) = text(ENV_OCR_PRECISION)? {
        p.precision = parse_precision(&v)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY)? {
        p.tiny.enabled = parse_flag(&v, ENV_OCR_REC_TINY)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY_FIXED)? {
        p.tiny.fixed_texts = parse_flag(&v, ENV_OCR_REC_TINY_FIXED)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY_SNAP)? {
        p.tiny.snap_fixed_texts = parse_flag(&v, ENV_OCR_REC_TINY_SNAP)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY_FORMS)? {
        p.tiny.forms = parse_flag(&v, ENV_OCR_REC_TINY_FORMS)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY_REPEATS)? {
        p.tiny.repeats = parse_flag(&v, ENV_OCR_REC_TINY_REPEATS)?;
    }
    if let Some(v) = text(ENV_OCR_REC_TINY_MIN_WIDTH)? {
        p.tiny.min_width = parse_bounded(&v, ENV_OCR_REC_TINY_MIN_WIDTH, 0, 4096)? as u32;
    }
    if let Some(v) = text(ENV_CUDA_CONV_SEARCH)? {
        p.cuda.conv_search = parse_conv_search(&v)?;
    }
    if let Some(v) = text(ENV_CUDA_REC_BATCH)? {
        p.cuda.rec_batch_size = parse_positive(&v, ENV_CUDA_REC_BATCH, 1024)?;
    }
    Ok(())
}

/// The cores this process may run on (the affinity mask: `taskset -c 0` gives 1).
fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// How `cores` are shared out between OCR engines: `(page workers, intra-op threads per
/// engine)` from the page workers asked for (0 = automatic) and the threads asked for
/// (`None` = automatic).
///
/// Automatic is one single-threaded engine per core (at most [`MAX_AUTO_PAGE_WORKERS`], the
/// rest as threads): pages are independent, so whole pages side by side keep every core busy,
/// while one page's models on several threads leave cores idle in the single-threaded
/// stages (cleaning, skew, rulings, post-processing) and in small recogniser batches.
pub fn split_cores(cores: usize, page_workers: usize, threads: Option<usize>) -> (usize, usize) {
    let cores = cores.max(1);
    match (page_workers, threads) {
        (0, None) => {
            let w = cores.min(MAX_AUTO_PAGE_WORKERS);
            (w, (cores / w).max(1))
        }
        (0, Some(t)) => ((cores / t.max(1)).clamp(1, MAX_AUTO_PAGE_WORKERS), t.max(1)),
        (w, None) => (w, (cores / w).max(1)),
        (w, Some(t)) => (w, t.max(1)),
    }
}

fn discover_home() -> PathBuf {
    let has_libs = |p: &Path| p.join("third_party/lib").is_dir();
    if let Ok(cwd) = std::env::current_dir() {
        if has_libs(&cwd) {
            return cwd;
        }
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(found) = exe.ancestors().skip(1).find(|p| has_libs(p)) {
            return found.to_path_buf();
        }
    }
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Splits and validates a comma list of API keys. Keys must be printable ASCII without
/// spaces (they travel in HTTP headers) and at least 8 characters long.
pub fn parse_api_keys(v: &str) -> Result<Vec<String>, ConfigError> {
    let mut keys = Vec::new();
    for k in v.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        if k.len() < 8 || !k.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ConfigError::ApiKey { var: ENV_API_KEYS });
        }
        keys.push(k.to_string());
    }
    Ok(keys)
}

/// A probability: a number in [0, 1].
fn parse_unit(v: &str, name: &'static str) -> Result<f64, ConfigError> {
    match v.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(invalid(name, "a number from 0 to 1", v)),
    }
}

fn invalid(name: &'static str, expected: impl Into<String>, got: &str) -> ConfigError {
    ConfigError::Invalid {
        name,
        expected: expected.into(),
        got: got.to_string(),
    }
}

/// Parses a model precision name.
pub fn parse_precision(v: &str) -> Result<Precision, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "auto" | "" => Ok(Precision::Auto),
        "int8" => Ok(Precision::Int8),
        "fp32" | "float32" => Ok(Precision::Fp32),
        _ => Err(invalid(ENV_OCR_PRECISION, "`auto`, `int8` or `fp32`", v)),
    }
}

/// Parses [`ENV_CUDA_CONV_SEARCH`].
pub fn parse_conv_search(v: &str) -> Result<ConvSearch, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "exhaustive" => Ok(ConvSearch::Exhaustive),
        "heuristic" => Ok(ConvSearch::Heuristic),
        "default" => Ok(ConvSearch::Default),
        _ => Err(invalid(
            ENV_CUDA_CONV_SEARCH,
            "`exhaustive`, `heuristic` or `default`",
            v,
        )),
    }
}

/// Parses an OCR device name given as `name` (`gpu` is accepted for `cuda`).
pub fn parse_device(v: &str, name: &'static str) -> Result<Device, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "cpu" => Ok(Device::Cpu),
        "cuda" | "gpu" => Ok(Device::Cuda),
        _ => Err(invalid(name, "`cpu` or `cuda`", v)),
    }
}

/// Parses a `0`/`1` (also `false`/`true`) flag.
pub fn parse_flag(v: &str, name: &'static str) -> Result<bool, ConfigError> {
    match v.trim() {
        "1" | "true" => Ok(true),
        "0" | "false" | "" => Ok(false),
        _ => Err(invalid(name, "0 or 1", v)),
    }
}

/// Parses an integer in `min..=max`.
pub fn parse_bounded(v: &str, name: &'static str, min: usize, max: usize) -> Result<usize, ConfigError> {
    match v.trim().parse::<usize>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(invalid(name, format!("an integer between {min} and {max}"), v)),
    }
}

/// `process` or `thread`.
pub fn parse_isolation(v: &str) -> Result<Isolation, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "process" => Ok(Isolation::Process),
        "thread" => Ok(Isolation::Thread),
        _ => Err(invalid(ENV_ISOLATION, "process or thread", v)),
    }
}

/// Parses a positive integer no larger than `max`.
pub fn parse_positive(v: &str, name: &'static str, max: usize) -> Result<usize, ConfigError> {
    parse_bounded(v, name, 1, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_are_split_trimmed_and_validated() {
        assert_eq!(
            parse_api_keys(" key-aaaa1 , key-bbbb2,,").unwrap(),
            vec!["key-aaaa1", "key-bbbb2"]
        );
        assert!(parse_api_keys("").unwrap().is_empty());
        assert!(parse_api_keys("short").is_err());
        assert!(parse_api_keys("has space inside").is_err());
    }

    #[test]
    fn the_review_dpi_is_a_bounded_screen_resolution() {
        let vars = |v: &'static str| move |name: &str| (name == ENV_REVIEW_DPI).then(|| OsString::from(v));
        assert_eq!(
            Settings::from_vars(vars("144"), &Flags::default()).unwrap().review_dpi,
            144
        );
        for bad in ["35", "201", "0", "96.5", "screen"] {
            let e = Settings::from_vars(vars(bad), &Flags::default()).unwrap_err();
            assert!(e.to_string().contains(ENV_REVIEW_DPI), "{bad}: {e}");
        }
        let d = Settings::from_vars(|_| None, &Flags::default()).unwrap();
        assert_eq!(d.review_dpi, DEFAULT_REVIEW_DPI);
    }

    #[test]
    fn the_review_threshold_is_a_probability() {
        let vars = |v: &'static str| move |name: &str| (name == ENV_REVIEW_THRESHOLD).then(|| OsString::from(v));
        let s = Settings::from_vars(vars("0.9"), &Flags::default()).unwrap();
        assert_eq!(s.review_threshold, 0.9);
        assert!(Settings::from_vars(vars("1.5"), &Flags::default()).is_err());
        assert!(Settings::from_vars(vars("high"), &Flags::default()).is_err());
        let d = Settings::from_vars(|_| None, &Flags::default()).unwrap();
        assert_eq!(d.review_threshold, DEFAULT_REVIEW_THRESHOLD);
    }

    #[test]
    fn isolation_and_worker_limits_are_validated() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| OsString::from(v))
        };
        let d = Settings::from_vars(|_| None, &Flags::default()).unwrap();
        assert_eq!(d.isolation, Isolation::Process);
        assert_eq!(d.worker_limits, WorkerLimits::default());
        let s = Settings::from_vars(
            vars(&[
                (ENV_ISOLATION, "Thread"),
                (ENV_WORKER_MAX_REQUESTS, "0"),
                (ENV_WORKER_MAX_RSS_MB, "900"),
                (ENV_WORKER_MEMORY_MB, "4096"),
            ]),
            &Flags::default(),
        )
        .unwrap();
        assert_eq!(s.isolation, Isolation::Thread);
        assert_eq!(
            s.worker_limits,
            WorkerLimits {
                max_requests: 0,
                max_rss_mb: 900,
                memory_mb: 4096
            }
        );
        let cuda = Settings::from_vars(vars(&[(ENV_DEVICE, "cuda")]), &Flags::default()).unwrap();
        assert_eq!(
            cuda.worker_limits.memory_mb, 0,
            "no address-space cap under CUDA by default"
        );
        assert!(Settings::from_vars(vars(&[(ENV_ISOLATION, "fork")]), &Flags::default()).is_err());
        assert!(Settings::from_vars(vars(&[(ENV_WORKER_MEMORY_MB, "100")]), &Flags::default()).is_err());
        assert!(Settings::from_vars(vars(&[(ENV_WORKER_MAX_RSS_MB, "-1")]), &Flags::default()).is_err());
    }

    #[test]
    fn the_page_limit_is_a_bounded_count() {
        let vars = |v: &'static str| move |name: &str| (name == ENV_MAX_PAGES).then(|| OsString::from(v));
        assert_eq!(
            Settings::from_vars(vars("40"), &Flags::default()).unwrap().max_pages,
            40
        );
        assert!(Settings::from_vars(vars("0"), &Flags::default()).is_err());
        assert!(Settings::from_vars(vars("many"), &Flags::default()).is_err());
        let d = Settings::from_vars(|_| None, &Flags::default()).unwrap();
        assert_eq!(d.max_pages, crate::pdf::DEFAULT_MAX_PAGES);
    }

    #[test]
    fn device_and_flags_are_validated() {
        assert_eq!(parse_device("CUDA", "X").unwrap(), Device::Cuda);
        assert_eq!(parse_device("gpu", "X").unwrap(), Device::Cuda);
        assert_eq!(parse_device("cpu", "X").unwrap(), Device::Cpu);
        assert!(parse_device("tpu", "X").is_err());
        assert!(parse_flag("1", "X").unwrap());
        assert!(!parse_flag("0", "X").unwrap());
        assert!(parse_flag("yes", "X").is_err());
        assert_eq!(parse_precision("INT8").unwrap(), Precision::Int8);
        assert_eq!(parse_precision("fp32").unwrap(), Precision::Fp32);
        assert_eq!(parse_precision("").unwrap(), Precision::Auto);
        assert!(parse_precision("int4").is_err());
        assert_eq!(parse_conv_search("EXHAUSTIVE").unwrap(), ConvSearch::Exhaustive);
        assert_eq!(parse_conv_search(" heuristic").unwrap(), ConvSearch::Heuristic);
        assert_eq!(parse_conv_search("default").unwrap(), ConvSearch::Default);
        assert!(parse_conv_search("fastest").is_err());
    }

    #[test]
    fn cores_are_shared_between_page_workers_and_threads() {
        assert_eq!(split_cores(1, 0, None), (1, 1));
        assert_eq!(split_cores(2, 0, None), (2, 1));
        assert_eq!(
            split_cores(32, 0, None),
            (MAX_AUTO_PAGE_WORKERS, 32 / MAX_AUTO_PAGE_WORKERS)
        );
        assert_eq!(split_cores(4, 0, Some(2)), (2, 2));
        assert_eq!(split_cores(2, 0, Some(4)), (1, 4));
        assert_eq!(split_cores(8, 2, None), (2, 4));
        assert_eq!(split_cores(2, 4, None), (4, 1));
        assert_eq!(split_cores(8, 3, Some(5)), (3, 5));
        let s = Settings::from_vars(vars(&[home(), (ENV_PAGE_WORKERS, "1")]), &Flags::default()).unwrap();
        assert_eq!((s.page_workers, s.ocr.threads), (1, cores()));
        let s = Settings::from_vars(vars(&[home(), (ENV_OCR_THREADS, "1")]), &Flags::default()).unwrap();
        assert_eq!((s.page_workers, s.ocr.threads), (cores().min(MAX_AUTO_PAGE_WORKERS), 1));
        assert!(Settings::from_vars(vars(&[home(), (ENV_PAGE_WORKERS, "65")]), &Flags::default()).is_err());
    }

    #[test]
    fn positive_numbers_are_bounded() {
        assert_eq!(parse_positive("30", "X", 60).unwrap(), 30);
        assert!(parse_positive("0", "X", 60).is_err());
        assert!(parse_positive("61", "X", 60).is_err());
        assert!(parse_positive("abc", "X", 60).is_err());
        assert_eq!(parse_bounded("0", "X", 0, 4).unwrap(), 0);
        assert!(parse_bounded("5", "X", 0, 4).is_err());
        assert!(parse_bounded("100", "X", 320, 8192).is_err());
    }

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: std::collections::HashMap<String, OsString> =
            pairs.iter().map(|(k, v)| (k.to_string(), OsString::from(v))).collect();
        move |name| map.get(name).cloned()
    }

    fn home() -> (&'static str, &'static str) {
        (ENV_HOME, env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s = Settings::from_vars(vars(&[home()]), &Flags::default()).unwrap();
        assert_eq!(s.request_timeout, DEFAULT_REQUEST_TIMEOUT);
        assert_eq!(s.addr, DEFAULT_ADDR);
        assert!(s.api_keys.is_empty());
        let (page_workers, threads) = split_cores(cores(), 0, None);
        assert_eq!(s.page_workers, page_workers);
        assert_eq!(
            s.ocr,
            OcrParams {
                threads,
                ..OcrParams::default()
            }
        );
    }

    #[test]
    fn flags_override_the_environment() {
        let env = vars(&[
            home(),
            (ENV_DEVICE, "gpu"),
            (ENV_WORKERS, "3"),
            (ENV_ADDR, "127.0.0.1:1"),
            (ENV_TIMEOUT, "30"),
            (ENV_OCR_THREADS, "2"),
        ]);
        let s = Settings::from_vars(&env, &Flags::default()).unwrap();
        assert_eq!(s.ocr.device, Device::Cuda);
        assert_eq!((s.workers, s.addr.as_str()), (3, "127.0.0.1:1"));
        assert_eq!(s.request_timeout, Duration::from_secs(30));
        assert_eq!(s.ocr.threads, 2);
        let flags = Flags {
            addr: Some("127.0.0.1:2".into()),
            workers: Some(5),
            device: Some(Device::Cpu),
            require_device: true,
        };
        let s = Settings::from_vars(&env, &flags).unwrap();
        assert_eq!(s.ocr.device, Device::Cpu);
        assert!(s.ocr.require_device);
        assert_eq!((s.workers, s.addr.as_str()), (5, "127.0.0.1:2"));
    }

    #[test]
    fn bad_values_name_their_variable() {
        let err = |pairs: &[(&str, &str)]| {
            Settings::from_vars(vars(pairs), &Flags::default())
                .unwrap_err()
                .to_string()
        };
        assert!(err(&[home(), (ENV_DEVICE, "tpu")]).starts_with(ENV_DEVICE));
        assert!(err(&[home(), (ENV_WORKERS, "0")]).starts_with(ENV_WORKERS));
        assert!(err(&[home(), (ENV_TIMEOUT, "x")]).starts_with(ENV_TIMEOUT));
        assert!(err(&[(ENV_HOME, "/nonexistent/zhengxin-home")]).starts_with(ENV_HOME));
        assert!(err(&[home(), (ENV_API_KEYS, "short")]).starts_with(ENV_API_KEYS));
        assert!(err(&[home(), (ENV_OCR_REC_TINY_REPEATS, "yes")]).starts_with(ENV_OCR_REC_TINY_REPEATS));
        assert!(err(&[home(), (ENV_OCR_REC_TINY_MIN_WIDTH, "5000")]).starts_with(ENV_OCR_REC_TINY_MIN_WIDTH));
        assert!(err(&[home(), (ENV_OCR_LEND_IDLE, "2")]).starts_with(ENV_OCR_LEND_IDLE));
    }

    #[test]
    fn lending_idle_engines_is_on_unless_turned_off() {
        let s = Settings::from_vars(vars(&[home()]), &Flags::default()).unwrap();
        assert!(s.ocr.lend_idle);
        let s = Settings::from_vars(vars(&[home(), (ENV_OCR_LEND_IDLE, "0")]), &Flags::default()).unwrap();
        assert!(!s.ocr.lend_idle);
    }

    #[test]
    fn tiny_reads_are_set_from_the_environment() {
        let env = vars(&[
            home(),
            (ENV_OCR_REC_TINY_REPEATS, "0"),
            (ENV_OCR_REC_TINY_MIN_WIDTH, "96"),
        ]);
        let s = Settings::from_vars(&env, &Flags::default()).unwrap();
        assert!(!s.ocr.tiny.repeats);
        assert_eq!(s.ocr.tiny.min_width, 96);
        let s = Settings::from_vars(vars(&[home()]), &Flags::default()).unwrap();
        assert!(s.ocr.tiny.repeats);
        assert_eq!(s.ocr.tiny.min_width, 128);
    }
}
