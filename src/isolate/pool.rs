//! The pool of warm workers behind the server's [`ReportParser`] seam. A request takes an idle
//! worker and gives it back after its reply; a worker that dies or runs past the deadline is
//! replaced in the background (and counted), one that has served its share or grown too big
//! is recycled the same way.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::worker::{Failure, Worker, WorkerCommand};
use crate::config::WorkerLimits;
use crate::error::ErrorKind;
use crate::pipeline::{ParseOptions, ParseOutcome};
use crate::server::ReportParser;
use crate::{Error, Result};

/// How long a worker may take to load its models and say it is ready.
pub const START_TIMEOUT: Duration = Duration::from_secs(120);
/// Pause between attempts when a replacement worker fails to start.
const RESTART_BACKOFF: Duration = Duration::from_secs(1);

/// What the pool is built from.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// How to start a worker.
    pub command: WorkerCommand,
    /// Workers kept running.
    pub workers: usize,
    /// When a worker is recycled (its `memory_mb` is in `command`).
    pub limits: WorkerLimits,
}

/// A pool of worker processes; see the module documentation.
pub struct WorkerPool {
    shared: Arc<Shared>,
}

struct Shared {
    config: PoolConfig,
    idle: Mutex<Vec<Worker>>,
    returned: Condvar,
    replaced: AtomicU64,
    recycled: AtomicU64,
    /// Workers started and not yet lost or recycled (busy or idle).
    live: AtomicUsize,
}

impl WorkerPool {
    /// Starts every worker and waits until all are ready; the first that fails to start fails
    /// the pool (a server should not come up unable to parse).
    pub fn start(config: PoolConfig) -> Result<Self> {
        let ready_by = Instant::now() + START_TIMEOUT;
        let started: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..config.workers.max(1))
                .map(|_| s.spawn(|| Worker::spawn(&config.command, ready_by)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(Failure::Died("start-up thread panicked".into())))
                })
                .collect()
        });
        let mut idle = Vec::with_capacity(started.len());
        for w in started {
            match w {
                Ok(w) => idle.push(w),
                Err(f) => {
                    return Err(Error::internal(format!(
                        "worker process failed to start: {}",
                        reason(&f)
                    )))
                }
            }
        }
        tracing::info!(workers = idle.len(), "worker processes ready");
        let live = AtomicUsize::new(idle.len());
        Ok(Self {
            shared: Arc::new(Shared {
                config,
                idle: Mutex::new(idle),
                returned: Condvar::new(),
                replaced: AtomicU64::new(0),
                recycled: AtomicU64::new(0),
                live,
            }),
        })
    }

    /// Workers replaced because they crashed, broke the protocol or ran past a deadline.
    pub fn replaced(&self) -> u64 {
        self.shared.replaced.load(Ordering::Relaxed)
    }

    /// Workers replaced because they reached the request count or memory limit.
    pub fn recycled(&self) -> u64 {
        self.shared.recycled.load(Ordering::Relaxed)
    }

    /// Whether at least one worker is running (busy or idle): while every worker is lost and
    /// none has restarted yet, the server cannot parse.
    pub fn has_live_worker(&self) -> bool {
        self.shared.live.load(Ordering::Relaxed) > 0
    }

    /// Process ids of the idle workers (for tests and diagnostics).
    pub fn idle_pids(&self) -> Vec<u32> {
        self.shared.lock_idle().iter().map(Worker::pid).collect()
    }

    /// Waits for an idle worker until `deadline`.
    fn take(&self, deadline: Instant) -> Result<Worker> {
        let mut idle = self.shared.lock_idle();
        loop {
            if let Some(w) = idle.pop() {
                // A worker that died while idle (killed from outside, OOM-killed) would cost
                // the request it is given an INTERNAL_ERROR that is not that request's doing.
                match w.exited() {
                    None => return Ok(w),
                    Some(how) => {
                        let pid = w.pid();
                        drop(idle);
                        drop(w);
                        self.replace(pid, &format!("died while idle: {how}"));
                        idle = self.shared.lock_idle();
                        continue;
                    }
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ErrorKind::Timeout.into());
            }
            idle = self
                .shared
                .returned
                .wait_timeout(idle, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Puts a worker that answered back in the pool, or recycles it when it is due.
    fn give_back(&self, w: Worker) {
        let limits = &self.shared.config.limits;
        let worn = limits.max_requests > 0 && w.served() >= limits.max_requests;
        let rss = (limits.max_rss_mb > 0).then(|| w.rss_mb()).flatten();
        let grown = rss.is_some_and(|mb| mb > limits.max_rss_mb);
        if worn || grown {
            self.shared.recycled.fetch_add(1, Ordering::Relaxed);
            tracing::info!(pid = w.pid(), served = w.served(), rss_mb = rss, "worker recycled");
            drop(w);
            self.shared.live.fetch_sub(1, Ordering::Relaxed);
            Shared::start_replacement(&self.shared);
        } else {
            self.shared.lock_idle().push(w);
            self.shared.returned.notify_one();
        }
    }

    /// Counts and logs a lost worker and starts its replacement.
    fn replace(&self, pid: u32, reason: &str) {
        self.shared.replaced.fetch_add(1, Ordering::Relaxed);
        self.shared.live.fetch_sub(1, Ordering::Relaxed);
        tracing::warn!(pid, reason, "worker replaced");
        Shared::start_replacement(&self.shared);
    }
}

impl Shared {
    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts a worker on a thread of its own (loading models takes a while and must not delay
    /// the reply to the request that lost the old one) and adds it to the idle list. Retries
    /// until it starts or the pool is dropped.
    fn start_replacement(shared: &Arc<Shared>) {
        let weak = Arc::downgrade(shared);
        let spawned = std::thread::Builder::new()
            .name("zhengxin-worker-start".into())
            .spawn(move || loop {
                let Some(shared) = weak.upgrade() else { return };
                match Worker::spawn(&shared.config.command, Instant::now() + START_TIMEOUT) {
                    Ok(w) => {
                        shared.live.fetch_add(1, Ordering::Relaxed);
                        shared.lock_idle().push(w);
                        shared.returned.notify_one();
                        return;
                    }
                    Err(f) => {
                        tracing::error!(reason = %reason(&f), "replacement worker failed to start; retrying");
                        drop(shared);
                        std::thread::sleep(RESTART_BACKOFF);
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start a thread to replace a worker");
        }
    }
}

fn reason(f: &Failure) -> String {
    match f {
        Failure::TimedOut => "timed out".to_string(),
        Failure::Died(how) => how.clone(),
    }
}

impl ReportParser for WorkerPool {
    fn ready(&self) -> bool {
        self.has_live_worker()
    }

    fn restarts(&self) -> u64 {
        self.replaced()
    }

    fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
        self.parse_until(bytes, opts, Instant::now() + crate::config::DEFAULT_REQUEST_TIMEOUT)
    }

    fn parse_until(&self, bytes: &[u8], opts: ParseOptions, deadline: Instant) -> Result<ParseOutcome> {
        let mut worker = self.take(deadline)?;
        let pid = worker.pid();
        match worker.parse(bytes, opts, deadline) {
            Ok(result) => {
                self.give_back(worker);
                result
            }
            Err(failure) => {
                drop(worker);
                self.replace(pid, &reason(&failure));
                match failure {
                    Failure::TimedOut => Err(ErrorKind::Timeout.into()),
                    Failure::Died(how) => Err(Error::internal(format!("worker process lost: {how}"))),
                }
            }
        }
    }
}
