//! Run-time configuration: where the artefacts live, API keys, limits. Read once from
//! flags/environment, validated, then shared read-only.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::ocr::{Device, OcrParams, Precision};
use crate::{Error, Result};

/// Upload limit fixed by the API contract (30 MB).
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;

/// Environment variable naming the directory that holds `third_party/` and `models/`.
pub const ENV_HOME: &str = "ZHENGXIN_HOME";
/// Comma-separated API keys; unset or empty means no authentication.
pub const ENV_API_KEYS: &str = "ZHENGXIN_API_KEYS";
/// Per-request time limit in seconds.
pub const ENV_TIMEOUT: &str = "ZHENGXIN_REQUEST_TIMEOUT_SECS";
/// OCR device: `cpu` (default) or `cuda`.
pub const ENV_DEVICE: &str = "ZHENGXIN_DEVICE";
/// `1`: refuse to start when the requested OCR device cannot be used (no CPU fallback).
pub const ENV_REQUIRE_DEVICE: &str = "ZHENGXIN_REQUIRE_DEVICE";
/// Intra-op threads of each OCR model session.
pub const ENV_OCR_THREADS: &str = "ZHENGXIN_OCR_THREADS";
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
/// Detector precision: `auto` (int8 on CPU, fp32 on CUDA), `int8` or `fp32`.
pub const ENV_OCR_PRECISION: &str = "ZHENGXIN_OCR_PRECISION";

/// Validated settings.
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
}

impl Settings {
    /// Reads the environment and applies defaults. `home` falls back to the first of: the
    /// current directory, the executable's ancestors, that contains `third_party/lib`.
    pub fn from_env() -> Result<Self> {
        let home = match std::env::var_os(ENV_HOME) {
            Some(h) => {
                let p = PathBuf::from(h);
                if !p.is_dir() {
                    return Err(Error::Config(format!("{ENV_HOME}={} is not a directory", p.display())));
                }
                p
            }
            None => discover_home(),
        };
        let api_keys = match std::env::var(ENV_API_KEYS) {
            Ok(v) => parse_api_keys(&v)?,
            Err(std::env::VarError::NotPresent) => Vec::new(),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::Config(format!("{ENV_API_KEYS} is not valid UTF-8")))
            }
        };
        let request_timeout = match std::env::var(ENV_TIMEOUT) {
            Ok(v) => Duration::from_secs(parse_positive(&v, ENV_TIMEOUT, 3600)? as u64),
            // A 50-page scan takes minutes on a small CPU box.
            Err(_) => Duration::from_secs(600),
        };
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Ok(Self {
            home,
            api_keys,
            request_timeout,
            workers,
        })
    }

    /// Settings over the artefacts under `home`, everything else at its default (no API keys,
    /// default time limit, one worker per core). For library users and tests that know where
    /// the artefacts are.
    pub fn at(home: PathBuf) -> Self {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Self {
            home,
            api_keys: Vec::new(),
            request_timeout: Duration::from_secs(600),
            workers,
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
pub fn parse_api_keys(v: &str) -> Result<Vec<String>> {
    let mut keys = Vec::new();
    for k in v.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        if k.len() < 8 || !k.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Config(format!(
                "{ENV_API_KEYS}: every key must be at least 8 printable ASCII characters without spaces"
            )));
        }
        keys.push(k.to_string());
    }
    Ok(keys)
}

/// OCR parameters from the environment (`ZHENGXIN_DEVICE`, `ZHENGXIN_REQUIRE_DEVICE`,
/// `ZHENGXIN_OCR_THREADS`, `ZHENGXIN_OCR_REC_*`, `ZHENGXIN_OCR_DET_MAX_SIDE`) over the
/// defaults of [`OcrParams`].
pub fn ocr_params_from_env() -> Result<OcrParams> {
    let mut p = OcrParams::default();
    if let Ok(v) = std::env::var(ENV_DEVICE) {
        p.device = parse_device(&v)?;
    }
    if let Ok(v) = std::env::var(ENV_REQUIRE_DEVICE) {
        p.require_device = parse_flag(&v, ENV_REQUIRE_DEVICE)?;
    }
    if let Ok(v) = std::env::var(ENV_OCR_THREADS) {
        p.threads = parse_positive(&v, ENV_OCR_THREADS, 256)?;
    }
    if let Ok(v) = std::env::var(ENV_OCR_REC_SESSIONS) {
        p.rec_sessions = parse_bounded(&v, ENV_OCR_REC_SESSIONS, 0, 64)?;
    }
    if let Ok(v) = std::env::var(ENV_OCR_REC_MIN_WIDTH) {
        p.rec.min_width = parse_bounded(&v, ENV_OCR_REC_MIN_WIDTH, 0, 4096)? as u32;
    }
    if let Ok(v) = std::env::var(ENV_OCR_REC_BATCH) {
        p.rec.batch_size = parse_positive(&v, ENV_OCR_REC_BATCH, 256)?;
    }
    if let Ok(v) = std::env::var(ENV_OCR_REC_BUDGET) {
        p.rec.batch_width_budget = parse_bounded(&v, ENV_OCR_REC_BUDGET, 0, 1 << 20)? as u32;
    }
    if let Ok(v) = std::env::var(ENV_OCR_DET_MAX_SIDE) {
        p.det.max_side_len = parse_bounded(&v, ENV_OCR_DET_MAX_SIDE, 320, 8192)? as u32;
    }
    if let Ok(v) = std::env::var(ENV_OCR_PRECISION) {
        p.precision = parse_precision(&v)?;
    }
    Ok(p)
}

/// Parses a model precision name.
pub fn parse_precision(v: &str) -> Result<Precision> {
    match v.trim().to_ascii_lowercase().as_str() {
        "auto" | "" => Ok(Precision::Auto),
        "int8" => Ok(Precision::Int8),
        "fp32" | "float32" => Ok(Precision::Fp32),
        _ => Err(Error::Config(format!(
            "{ENV_OCR_PRECISION} must be `auto`, `int8` or `fp32`, got {v:?}"
        ))),
    }
}

/// Parses an OCR device name.
pub fn parse_device(v: &str) -> Result<Device> {
    match v.trim().to_ascii_lowercase().as_str() {
        "cpu" => Ok(Device::Cpu),
        "cuda" | "gpu" => Ok(Device::Cuda),
        _ => Err(Error::Config(format!("device must be `cpu` or `cuda`, got {v:?}"))),
    }
}

/// Parses a `0`/`1` (also `false`/`true`) flag.
pub fn parse_flag(v: &str, name: &str) -> Result<bool> {
    match v.trim() {
        "1" | "true" => Ok(true),
        "0" | "false" | "" => Ok(false),
        _ => Err(Error::Config(format!("{name} must be 0 or 1, got {v:?}"))),
    }
}

/// Parses an integer in `min..=max`.
pub fn parse_bounded(v: &str, name: &str, min: usize, max: usize) -> Result<usize> {
    match v.trim().parse::<usize>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(Error::Config(format!(
            "{name} must be an integer between {min} and {max}, got {v:?}"
        ))),
    }
}

/// Parses a positive integer no larger than `max`.
pub fn parse_positive(v: &str, name: &str, max: usize) -> Result<usize> {
    match v.trim().parse::<usize>() {
        Ok(n) if n >= 1 && n <= max => Ok(n),
        _ => Err(Error::Config(format!(
            "{name} must be an integer between 1 and {max}, got {v:?}"
        ))),
    }
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
    fn device_and_flags_are_validated() {
        assert_eq!(parse_device("CUDA").unwrap(), Device::Cuda);
        assert_eq!(parse_device("cpu").unwrap(), Device::Cpu);
        assert!(parse_device("tpu").is_err());
        assert!(parse_flag("1", "X").unwrap());
        assert!(!parse_flag("0", "X").unwrap());
        assert!(parse_flag("yes", "X").is_err());
        assert_eq!(parse_precision("INT8").unwrap(), Precision::Int8);
        assert_eq!(parse_precision("fp32").unwrap(), Precision::Fp32);
        assert_eq!(parse_precision("").unwrap(), Precision::Auto);
        assert!(parse_precision("int4").is_err());
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
}
