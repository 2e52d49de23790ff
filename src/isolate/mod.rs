//! Parsing in worker processes, so that a crash or a runaway parse in pdfium or ONNX Runtime
//! costs one request instead of the server: [`protocol`] (frames on the pipes), [`worker`]
//! (one process seen from the server), [`pool`] (the [`ReportParser`](crate::server::ReportParser)
//! the server uses) and [`child`] (the `zhengxin worker` loop).

pub mod child;
pub mod pool;
pub mod protocol;
pub mod worker;

pub use pool::{PoolConfig, WorkerPool};
pub use worker::WorkerCommand;
