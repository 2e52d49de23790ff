//! Test tooling for zhengxin, kept out of the service binary: the seeded synthetic corpus
//! generator ([`synth`]: text PDFs on two rendering routes, scanned variants, negatives, each
//! with its ground truth) and the scorer ([`eval`]: runs the service's pipeline over a corpus
//! and compares with the truth). The `zhengxin-lab` binary ([`cli`]) drives both.
//!
//! This crate depends on the service crate `zhengxin` (its PDF engine, report types, pipeline);
//! the service never depends on this one.

pub mod cli;
pub mod eval;
pub mod synth;
