//! zhengxin reads PBOC second-generation personal credit reports (个人信用报告, 二代) from PDF and
//! returns the `result` object of `shared/spec/result_schema.json`.
//!
//! Stages and the types that travel between them:
//!
//! ```text
//! PDF bytes ──pdf::PdfEngine──▶ pdf::OpenedPdf (pages, text-layer check)
//!   text page ──pdf::content──▶ content::PageContent { spans: Vec<TextSpan>, rulings: Vec<Ruling> }
//!   image page ─ocr (issue 4/4)─▶ content::PageContent (same type)
//! Vec<PageContent> ──layout──▶ layout::Document { blocks: Vec<Block::{Line, Table}> }
//! Document ──parse──▶ report::CreditReport ──api──▶ api::ApiResponse (JSON body)
//! ```
//!
//! Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner and y
//! growing downwards, on every stage.

pub mod alloc;
pub mod api;
pub mod classify;
pub mod cli;
pub mod config;
pub mod content;
pub mod correct;
pub mod error;
pub mod eval;
pub mod geom;
pub mod layout;
pub mod lexicon;
pub mod ocr;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod raster;
pub mod report;
pub mod scanned;
pub mod server;
pub mod synth;

pub use error::{Error, Result};
