//! Entry points of the fuzz targets. They live in `entries.rs`, which needs nothing beyond the
//! service crate's own dependencies, so that `tests/fuzz_regressions.rs` (stable toolchain, no
//! cargo-fuzz) replays kept inputs through exactly the same code.

pub mod entries;
