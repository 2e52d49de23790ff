//! The report's words, in one place: the section registry ([`sections`]), labels and titles
//! ([`labels`]), the fixed words of anchor lines ([`anchors`]), code tables ([`codes`]), all
//! of the fixed texts as one set ([`printed`]), the forms printed with numbers filled in
//! ([`patterns`]), the OCR confusions seen in real scans
//! ([`confusions`]), the one normaliser ([`fold`]), the one fuzzy matcher ([`fuzzy`]) and the
//! splitter of labels run together ([`runs`]).
//!
//! OCR correction, classification and the section parsers all read their words here and keep
//! no lists of their own, so a spelling added once is known everywhere. This module depends on
//! nothing else in the crate: it is data and string functions only.

pub mod anchors;
pub mod codes;
pub mod confusions;
pub mod fold;
pub mod fuzzy;
pub mod labels;
pub mod patterns;
pub mod printed;
pub mod producers;
pub mod runs;
pub mod sections;

pub use fold::{Dashes, Fold, Width};
pub use labels::ValueKind;
pub use sections::SectionId;
