//! zhengxin reads PBOC second-generation personal credit reports (个人信用报告, 二代) from PDF and
//! returns the `result` object of `shared/spec/result_schema.json`.
//!
//! Stages and the types that travel between them ([`pipeline::Pipeline`] runs them, and
//! exposes each one so that a test or a benchmark can stop between them):
//!
//! ```text
//! PDF bytes ──Pipeline::open (pdf)──▶ PdfDocument
//!   page, text layer usable ──pdf::content──────────────────────▶ content::PageContent
//!   page, text layer garbled ──scanned::glyph_runs (ocr rec)────▶ content::PageContent
//!   page, image only ──scanned (raster, ocr det/cls/rec)────────▶ content::PageContent
//! pipeline::Pages ──Pipeline::build_document (layout, correct)──▶ layout::Document
//! Document ──Pipeline::report (classify, parse)──▶ report::CreditReport ──api──▶ api::ApiResponse
//! ```
//!
//! [`config::Settings`] is read once from flags and environment and passed down; failures are
//! [`Error`]s whose [`ErrorKind`](error::ErrorKind) says what went wrong and whose `source()`
//! keeps the library error that caused it.
//!
//! Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner and y
//! growing downwards, on every stage.

pub mod alloc;
pub mod api;
pub mod batch;
pub mod classify;
pub mod cli;
pub mod config;
pub mod content;
pub mod correct;
pub mod error;
pub mod evidence;
pub mod geom;
pub mod isolate;
pub mod layout;
pub mod lexicon;
pub mod ocr;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod pixel_math;
pub mod raster;
pub mod report;
pub mod scanned;
pub mod server;

pub use error::{Error, ErrorKind, Result};
