//! Evidence about a parsed report (`shared/spec/EVIDENCE.md`): the consistency rules that check
//! the report against itself ([`checks`]; they read only the `result`, so they run on text-layer
//! and OCR results alike), and the document integrity signals that look at the PDF file itself
//! ([`integrity`]; `integrity.*` checks that inform and never change `status`).

pub mod checks;
pub mod integrity;
