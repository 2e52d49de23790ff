//! ONNX Runtime plumbing: loading the runtime library once per process, choosing the
//! execution provider, and one `Mutex<Session>` per model (ort's `Session::run` needs
//! `&mut self`).
//!
//! The runtime is a process-global: `ort::init_from` binds one `libonnxruntime` for the life
//! of the process, and the CPU build (`third_party/lib`) and the CUDA build
//! (`third_party/gpu`) are different files. So the first engine's device choice picks the
//! library; later engines reuse it (the GPU build also runs the CPU provider).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::TensorRef;

use crate::error::Cause;
use crate::ocr::params::{ConvSearch, Device, OcrFiles, OcrParams};
use crate::{Error, Result};

/// onnxruntime-gpu has no 1.32 release; 1.31.1 is the newest CUDA 13 build (stack_notes §7).
pub const GPU_ORT_LIB: &str = "libonnxruntime.so.1.31.1";
/// Where `scripts/download_models.sh --gpu` flattens the GPU runtime and the CUDA/cuDNN libs.
pub const GPU_DIR: &str = "third_party/gpu";

/// The loaded runtime and what it can do.
struct Runtime {
    env: ort::environment::Environment,
    /// The library file that was bound.
    lib: PathBuf,
    /// Whether that library is the CUDA build and its CUDA/cuDNN dependencies preloaded.
    cuda_capable: bool,
}

/// The runtime, or the library that was tried and why it failed (shared by every caller: the
/// binding happens once per process).
static RUNTIME: OnceLock<std::result::Result<Runtime, (PathBuf, RuntimeError)>> = OnceLock::new();

/// Why ONNX Runtime could not be bound.
#[derive(Debug, Clone, thiserror::Error)]
enum RuntimeError {
    /// No file at the path.
    #[error("file not found")]
    NotFound,
    /// The library could not be loaded (dlopen, missing API, wrong version).
    #[error(transparent)]
    Load(std::sync::Arc<ort::LoadDynamicError>),
    /// ONNX Runtime loaded but its environment could not be created.
    #[error(transparent)]
    Ort(std::sync::Arc<ort::Error>),
}
static FALLBACK_WARNED: AtomicBool = AtomicBool::new(false);

/// Path of the GPU runtime library under `home`.
pub fn gpu_ort_lib(home: &Path) -> PathBuf {
    home.join(GPU_DIR).join(GPU_ORT_LIB)
}

/// Whether `dir` holds the CUDA runtime and cuDNN (the download script's layout): then every
/// library `ort::ep::cuda::preload_dylibs` names must be there.
fn cuda_libs_beside(dir: &Path) -> bool {
    dir.join("libcudart.so.13").is_file() || dir.join("libcudnn.so.9").is_file()
}

/// The execution provider the sessions actually use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveDevice {
    /// CPU execution provider.
    Cpu,
    /// CUDA execution provider.
    Cuda,
}

/// Reports an unusable device: an error when the caller insists on it, otherwise one warning
/// per process and the CPU.
fn fall_back(params: &OcrParams, what: &'static str, path: &Path, reason: impl Into<Cause>) -> Result<()> {
    let reason = reason.into();
    if params.require_device {
        return Err(Error::device(what, path, reason));
    }
    if !FALLBACK_WARNED.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            "OCR device {:?} is unavailable ({what} at {}: {reason}); running OCR on the CPU instead",
            params.device,
            path.display()
        );
    }
    Ok(())
}

/// Binds ONNX Runtime on first use (the library is chosen from `params.device`) and returns
/// the environment and whether CUDA may be tried.
fn runtime(params: &OcrParams, files: &OcrFiles) -> Result<(&'static Runtime, bool)> {
    let gpu_lib = files.gpu_ort_lib.clone();
    let want_cuda = params.device == Device::Cuda;
    let use_gpu_lib = want_cuda && gpu_lib.is_file();
    if want_cuda && !use_gpu_lib {
        fall_back(
            params,
            "onnxruntime-gpu",
            &gpu_lib,
            "file not found (scripts/download_models.sh --gpu)",
        )?;
    }
    let rt = RUNTIME.get_or_init(|| {
        let (lib, cuda_capable) = if use_gpu_lib {
            // The CUDA provider dlopens cudart/cublas/cuDNN. `download_models.sh --gpu` puts
            // them beside the runtime: preload them from there, so no LD_LIBRARY_PATH is needed.
            // A server with CUDA 13 and cuDNN 9 installed (or a bundle carried without them)
            // has none there: the system loader finds them, and a missing one fails the
            // provider's registration below, which reports it.
            let dir = gpu_lib.parent().unwrap_or(Path::new("."));
            let bundled = cuda_libs_beside(dir);
            let preloaded = if bundled {
                ort::ep::cuda::preload_dylibs(Some(dir), Some(dir))
            } else {
                tracing::debug!(
                    "no CUDA libraries in {}; the system loader resolves them",
                    dir.display()
                );
                Ok(())
            };
            if let Err(e) = &preloaded {
                tracing::warn!("CUDA libraries could not be preloaded from {}: {e}", dir.display());
            }
            (gpu_lib.clone(), preloaded.is_ok())
        } else {
            (files.ort_lib.clone(), false)
        };
        if !lib.is_file() {
            return Err((lib, RuntimeError::NotFound));
        }
        let env = ort::init_from(&lib)
            .map_err(|e| RuntimeError::Load(std::sync::Arc::new(e)))
            .and_then(|b| {
                b.with_name("zhengxin-ocr")
                    .build()
                    .map_err(|e| RuntimeError::Ort(std::sync::Arc::new(e)))
            })
            .map_err(|e| (lib.clone(), e))?;
        Ok(Runtime { env, lib, cuda_capable })
    });
    let rt = match rt {
        Ok(rt) => rt,
        Err((path, reason)) => return Err(Error::artefact("libonnxruntime", path, Cause::from(reason.clone()))),
    };
    let try_cuda = want_cuda && rt.cuda_capable;
    if want_cuda && use_gpu_lib && !rt.cuda_capable {
        let reason = if rt.lib == gpu_lib {
            "CUDA/cuDNN libraries could not be preloaded".to_string()
        } else {
            format!("this process already bound the CPU runtime {}", rt.lib.display())
        };
        fall_back(params, "CUDA runtime", &gpu_lib, reason)?;
    }
    Ok((rt, try_cuda))
}

/// One ONNX model and its session.
pub struct Model {
    /// "det", "rec" or "cls", for messages.
    pub name: &'static str,
    session: Mutex<Session>,
    input: String,
    /// Declared input shape (`-1` = dynamic).
    pub input_shape: Vec<i64>,
    /// Declared output shape of the first output.
    pub output_shape: Vec<i64>,
    /// Custom metadata entries that were asked for at load time.
    pub metadata: Vec<(String, Option<String>)>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("name", &self.name)
            .field("input_shape", &self.input_shape)
            .field("output_shape", &self.output_shape)
            .finish_non_exhaustive()
    }
}

fn artefact(path: &Path, reason: impl Into<Cause>) -> Error {
    Error::artefact("OCR model", path, reason)
}

impl Model {
    /// Loads `path` with the given device and thread settings. `meta_keys` are custom metadata
    /// entries to read while the session is borrowed (the rec dictionary).
    fn load(
        name: &'static str,
        path: &Path,
        params: &OcrParams,
        env: &ort::environment::Environment,
        try_cuda: bool,
        threads: usize,
        meta_keys: &[&str],
    ) -> Result<(Self, ActiveDevice)> {
        if !path.is_file() {
            return Err(artefact(path, "file not found"));
        }
        let builder = || -> ort::Result<_> {
            Ok(Session::builder(env)?
                .with_optimization_level(GraphOptimizationLevel::All)?
                .with_intra_threads(threads.max(1))?
                .with_inter_threads(1)?
                .with_intra_op_spinning(params.intra_op_spinning)?
                // Page sizes and line widths change from run to run: a memory pattern is never
                // reused, and the CPU arena keeps every high-water mark (a 50-page scan grew past
                // 1.4 GB). Plain allocations go back after each run.
                .with_memory_pattern(false)?)
        };
        let mut active = ActiveDevice::Cpu;
        let mut session = None;
        if try_cuda {
            // error_on_failure: registration failure is otherwise silent (stack_notes §7), and we
            // must know which provider runs to warn exactly once and honour require_device.
            let attempt = builder().and_then(|b| {
                let search = match params.cuda.conv_search {
                    ConvSearch::Exhaustive => ort::ep::cuda::ConvAlgorithmSearch::Exhaustive,
                    ConvSearch::Heuristic => ort::ep::cuda::ConvAlgorithmSearch::Heuristic,
                    ConvSearch::Default => ort::ep::cuda::ConvAlgorithmSearch::Default,
                };
                let cuda = ort::ep::CUDA::default().with_conv_algorithm_search(search);
                b.with_execution_providers([cuda.build().error_on_failure()])?
                    .commit_from_file(path)
            });
            match attempt {
                Ok(s) => {
                    session = Some(s);
                    active = ActiveDevice::Cuda;
                }
                Err(reason) => fall_back(params, "CUDA execution provider", path, reason)?,
            }
        }
        let session = match session {
            Some(s) => s,
            None => builder()
                .and_then(|b| {
                    b.with_execution_providers([ort::ep::CPU::default().with_arena_allocator(false).build()])?
                        .commit_from_file(path)
                })
                .map_err(|e| artefact(path, e))?,
        };
        let input = session
            .inputs()
            .first()
            .ok_or_else(|| artefact(path, "model has no input"))?;
        let output = session
            .outputs()
            .first()
            .ok_or_else(|| artefact(path, "model has no output"))?;
        let shape_of = |o: &ort::value::Outlet| o.dtype().tensor_shape().map(|s| s.to_vec());
        let input_shape = shape_of(input).ok_or_else(|| artefact(path, "input is not a tensor"))?;
        let output_shape = shape_of(output).ok_or_else(|| artefact(path, "output is not a tensor"))?;
        let input_name = input.name().to_string();
        // ModelMetadata borrows the session; read it before the session moves (stack_notes §10.4).
        let metadata = {
            let meta = session.metadata().map_err(|e| artefact(path, e))?;
            meta_keys.iter().map(|k| (k.to_string(), meta.custom(k))).collect()
        };
        let model = Model {
            name,
            session: Mutex::new(session),
            input: input_name,
            input_shape,
            output_shape,
            metadata,
        };
        Ok((model, active))
    }

    /// Runs the model on one f32 NCHW tensor and returns the first output's shape and data.
    pub fn run(&self, shape: [usize; 4], data: &[f32]) -> Result<(Vec<usize>, Vec<f32>)> {
        self.run_with(shape, data, |dims, out| Ok((dims.to_vec(), out.to_vec())))
    }

    /// Runs the model on one f32 NCHW tensor and hands the first output's shape and data to
    /// `read` in place. The recogniser's output is batch × steps × 18.7k classes (tens of MB
    /// per batch): copying it out cost more than decoding it. The session stays locked while
    /// `read` runs (a CTC decode: milliseconds per batch).
    pub fn run_with<R>(
        &self,
        shape: [usize; 4],
        data: &[f32],
        read: impl FnOnce(&[usize], &[f32]) -> Result<R>,
    ) -> Result<R> {
        let err = |e: ort::Error| Error::ort(format!("{} inference", self.name), e);
        let tensor = TensorRef::from_array_view((shape, data)).map_err(err)?;
        let mut session = self
            .session
            .lock()
            .map_err(|_| Error::ocr(format!("{} session lock poisoned", self.name)))?;
        let outputs = session.run(ort::inputs![self.input.as_str() => tensor]).map_err(err)?;
        let (out_shape, out) = outputs[0].try_extract_tensor::<f32>().map_err(err)?;
        let dims: Vec<usize> = out_shape.iter().map(|&d| d.max(0) as usize).collect();
        read(&dims, out)
    }
}

/// The sessions, loaded once and shape-checked.
#[derive(Debug)]
pub struct Models {
    /// DB detector.
    pub det: Model,
    /// CTC recogniser: `OcrParams::rec_sessions` sessions of the same model (at least one),
    /// each with its share of the threads, so batches run side by side.
    pub rec: Vec<Model>,
    /// The tiny recogniser, as many sessions as `rec`; empty when its file is absent or it is
    /// turned off.
    pub rec_tiny: Vec<Model>,
    /// Direction classifier.
    pub cls: Model,
    /// Execution provider in use.
    pub device: ActiveDevice,
}

/// Checks a declared shape against an expectation where `None` accepts any size (and `-1`
/// declared dimensions are dynamic, accepted for any expectation).
pub fn shape_matches(declared: &[i64], expected: &[Option<i64>]) -> bool {
    declared.len() == expected.len()
        && declared.iter().zip(expected).all(|(&d, e)| match e {
            None => true,
            Some(v) => d == *v || d < 0,
        })
}

/// Sessions chosen automatically (`rec_sessions` 0) stop at this many: each holds its own
/// copy of the weights and arena.
const MAX_AUTO_REC_SESSIONS: usize = 4;

/// How many rec sessions to create and the intra-op threads of each: `sessions` (0 = one
/// per thread, at most [`MAX_AUTO_REC_SESSIONS`]) capped at `threads`, and the threads
/// shared out evenly (at least one each).
pub fn rec_split(threads: usize, sessions: usize) -> (usize, usize) {
    let threads = threads.max(1);
    let n = if sessions == 0 {
        threads.min(MAX_AUTO_REC_SESSIONS)
    } else {
        sessions.min(threads)
    };
    (n, (threads / n).max(1))
}

/// Loads det, rec and cls from `files.models_dir`, validating their I/O shapes.
pub fn load_models(params: &OcrParams, files: &OcrFiles) -> Result<Models> {
    let (rt, try_cuda) = runtime(params, files)?;
    let dir = &files.models_dir;
    let load = |name, file: &str, threads: usize, keys: &[&str]| {
        let path = dir.join(file);
        Model::load(name, &path, params, &rt.env, try_cuda, threads, keys).map(|(m, d)| (m, d, path))
    };
    let threads = params.threads.max(1);
    let files = params.model_files();
    let (det, det_dev, det_path) = load("det", &files.det, threads, &[])?;
    let (sessions, rec_threads) = rec_split(threads, params.rec_sessions);
    let mut rec = Vec::with_capacity(sessions);
    let rec_path = dir.join(&files.rec);
    for _ in 0..sessions {
        rec.push(load("rec", &files.rec, rec_threads, &["character"])?.0);
    }
    // The tiny recogniser is optional: an installation without it reads everything with small.
    let tiny_path = dir.join(&files.rec_tiny);
    let mut rec_tiny = Vec::new();
    if params.tiny_first() && tiny_path.is_file() {
        for _ in 0..sessions {
            rec_tiny.push(load("rec-tiny", &files.rec_tiny, rec_threads, &[])?.0);
        }
    }
    let (cls, _, cls_path) = load("cls", &files.cls, threads, &[])?;
    let check = |ok: bool, path: &Path, m: &Model, want: &str| {
        if ok {
            Ok(())
        } else {
            Err(artefact(
                path,
                format!(
                    "unexpected I/O shapes {:?} -> {:?}; expected {want}",
                    m.input_shape, m.output_shape
                ),
            ))
        }
    };
    let h = i64::from(params.rec.img_height);
    check(
        shape_matches(&det.input_shape, &[None, Some(3), None, None])
            && shape_matches(&det.output_shape, &[None, Some(1), None, None]),
        &det_path,
        &det,
        "[N,3,H,W] -> [N,1,H,W] (DB probability map)",
    )?;
    check(
        shape_matches(&rec[0].input_shape, &[None, Some(3), Some(h), None]) && rec[0].output_shape.len() == 3,
        &rec_path,
        &rec[0],
        "[N,3,48,W] -> [N,T,classes] (CTC)",
    )?;
    if let Some(tiny) = rec_tiny.first() {
        check(
            shape_matches(&tiny.input_shape, &[None, Some(3), Some(h), None]) && tiny.output_shape.len() == 3,
            &tiny_path,
            tiny,
            "[N,3,48,W] -> [N,T,classes] (CTC)",
        )?;
    }
    let (ch, cw) = (i64::from(params.cls.img_height), i64::from(params.cls.img_width));
    check(
        shape_matches(&cls.input_shape, &[None, Some(3), Some(ch), Some(cw)])
            && shape_matches(&cls.output_shape, &[None, Some(2)]),
        &cls_path,
        &cls,
        "[N,3,48,192] -> [N,2] (0°/180°)",
    )?;
    let device = if det_dev == ActiveDevice::Cuda {
        ActiveDevice::Cuda
    } else {
        ActiveDevice::Cpu
    };
    tracing::info!(
        "OCR models loaded from {} on {:?} ({threads} threads; rec: {sessions} sessions × {rec_threads} threads; tiny first reads: {})",
        dir.display(),
        device,
        !rec_tiny.is_empty(),
    );
    Ok(Models {
        det,
        rec,
        rec_tiny,
        cls,
        device,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_shapes_are_checked_with_dynamic_dims() {
        assert!(shape_matches(&[-1, 3, -1, -1], &[None, Some(3), None, None]));
        assert!(shape_matches(&[-1, 3, 48, -1], &[None, Some(3), Some(48), None]));
        assert!(shape_matches(&[-1, -1, 48, -1], &[None, Some(3), Some(48), None]));
        assert!(!shape_matches(&[-1, 1, 48, -1], &[None, Some(3), Some(48), None]));
        assert!(!shape_matches(&[-1, 3, 48], &[None, Some(3), Some(48), None]));
    }

    #[test]
    fn rec_threads_are_shared_out_between_sessions() {
        assert_eq!(rec_split(2, 1), (1, 2));
        assert_eq!(rec_split(2, 2), (2, 1));
        assert_eq!(rec_split(2, 0), (2, 1));
        assert_eq!(rec_split(2, 8), (2, 1));
        assert_eq!(rec_split(8, 3), (3, 2));
        assert_eq!(rec_split(0, 0), (1, 1));
        assert_eq!(rec_split(16, 0), (4, 4));
    }
}
