//! Test tooling for zhengxin, kept out of the service binary: the seeded synthetic corpus
//! generator ([`synth`]: text PDFs on two rendering routes, scanned variants, negatives, each
//! with its ground truth) and the scorer ([`eval`]: runs the service's pipeline over a corpus
//! and compares with the truth; with `--evidence` it also scores the evidence) and the fit of the
//! evidence's confidence model ([`calibrate`]). The `zhengxin-lab` binary ([`cli`]) drives them.
//!
//! This crate depends on the service crate `zhengxin` (its PDF engine, report types, pipeline);
//! the service never depends on this one.

pub mod calibrate;
pub mod cli;
pub mod eval;
pub mod synth;
