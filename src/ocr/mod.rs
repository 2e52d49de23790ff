//! OCR for pages without a usable text layer: PP-OCR detection (DB) + recognition (CTC),
//! optionally with the 0°/180° classifier, run through ONNX Runtime (`ort`). The pipeline and
//! every default mirror rapidocr_onnxruntime 1.4.4 (see `shared/design/stack_notes.md` §4);
//! the models are PP-OCRv6 small det/rec and the v2.0 mobile cls.
//!
//! ```text
//! RgbImage ─detect─▶ Vec<DetBox> (px quads) ─crop─▶ crops ─[classify_180]─▶ recognize
//!   ─▶ Vec<Recognized> (text, per-char scores and x) ─▶ OcrLine (px) ─to_text_span─▶ TextSpan (pt)
//! ```
//!
//! Coordinates here are pixels of the image given to the engine (origin top-left, y down);
//! [`OcrLine::to_text_span`] converts to PDF points for stage 1.

mod cls;
mod crew;
mod ctc;
mod db;
mod det;
mod engine;
mod geometry;
mod image_ops;
mod lazy;
mod line;
mod params;
mod rec;
pub(crate) mod script;
mod session;

pub use cls::Direction;
pub use crew::Crew;
pub use ctc::{decode as ctc_decode, Charset, Decoded};
pub use det::{det_input_size, DetBox};
pub use engine::{ink_bounds, ink_lines, OcrEngine, OcrTimings, PageOcr};
pub use geometry::{Crop, Quad};
pub use lazy::OcrSlot;
pub use line::{OcrLine, BOX_HEIGHT_PER_FONT_SIZE};
pub use params::{
    ClsParams, ConvSearch, CudaParams, DetParams, Device, LimitType, ModelFiles, OcrFiles, OcrParams, Precision,
    RecParams, TinyRecParams,
};
pub use rec::Recognized;
pub use session::{gpu_ort_lib, ActiveDevice};
