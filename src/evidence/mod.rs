//! Evidence about a parsed report (`shared/spec/EVIDENCE.md`): for now the consistency rules
//! that check the report against itself ([`checks`]). They read only the `result`, so they run
//! on text-layer and OCR results alike.

pub mod checks;
pub mod integrity;
