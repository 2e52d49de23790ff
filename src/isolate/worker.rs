//! One worker process, seen from the server: spawn it (with its memory cap), wait until it is
//! ready, send it one request at a time, and kill it when its deadline passes.

use std::ffi::OsString;
use std::io::{BufReader, BufWriter, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::protocol::{self, Reply, WireOptions, MAX_REPLY_FRAME};
use crate::pipeline::{ParseOptions, ParseOutcome};
use crate::Result;

/// How to start a worker: production runs `current_exe() worker`; tests put any program that
/// speaks [`protocol`] here.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Variables added to the inherited environment.
    pub env: Vec<(OsString, OsString)>,
    /// Address-space limit in MB (`RLIMIT_AS`), 0 = none.
    pub memory_mb: u64,
}

/// Why a request got no reply from its worker. The worker is unusable after either.
#[derive(Debug)]
pub enum Failure {
    /// The deadline passed and the worker was killed.
    TimedOut,
    /// The worker died or broke the protocol; the text says how (exit status, signal).
    Died(String),
}

/// A running worker that has said it is ready.
pub struct Worker {
    child: Arc<Mutex<Child>>,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    pid: u32,
    served: u64,
}

impl Worker {
    /// Starts a worker and waits for its `Ready`, killing it if that has not come by
    /// `ready_by`.
    pub fn spawn(cmd: &WorkerCommand, ready_by: Instant) -> std::result::Result<Self, Failure> {
        let mut command = Command::new(&cmd.program);
        command
            .args(&cmd.args)
            .envs(cmd.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if cmd.memory_mb > 0 {
            limit_address_space(&mut command, cmd.memory_mb);
        }
        let mut child = command
            .spawn()
            .map_err(|e| Failure::Died(format!("cannot start {}: {e}", cmd.program.display())))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failure::Died("worker pipes missing".into()));
        };
        let mut worker = Worker {
            pid: child.id(),
            child: Arc::new(Mutex::new(child)),
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(stdout),
            served: 0,
        };
        match worker.await_reply(ready_by)? {
            Reply::Ready => Ok(worker),
            _ => Err(worker.broken("a reply before Ready")),
        }
    }

    /// The worker's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Requests answered so far.
    pub fn served(&self) -> u64 {
        self.served
    }

    /// Resident memory in MB, from `/proc/PID/status`; `None` where it cannot be read.
    pub fn rss_mb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024)
    }

    /// Runs one parse in the worker. `Ok` carries the parse's own result (a refused PDF is an
    /// `Ok(Err(..))`); `Err` means the worker is gone and must be replaced.
    pub fn parse(
        &mut self,
        bytes: &[u8],
        opts: ParseOptions,
        deadline: Instant,
    ) -> std::result::Result<Result<ParseOutcome>, Failure> {
        let options = serde_json::to_vec(&WireOptions::from(opts)).expect("options serialise");
        let sent = protocol::write_frame(&mut self.stdin, &options)
            .and_then(|()| protocol::write_frame(&mut self.stdin, bytes))
            .and_then(|()| self.stdin.flush());
        if let Err(e) = sent {
            return Err(self.broken(&format!("cannot send the request: {e}")));
        }
        let reply = self.await_reply(deadline)?;
        self.served += 1;
        match reply {
            Reply::Parsed(outcome) => Ok(Ok(outcome.into_outcome())),
            Reply::Failed(e) => Ok(Err(e.into_error())),
            Reply::Ready => Err(self.broken("Ready in place of a reply")),
        }
    }

    /// Reads the next reply; a watchdog thread SIGKILLs the worker if it has not come by
    /// `deadline`, which ends the read with EOF and frees the worker's CPU at once.
    fn await_reply(&mut self, deadline: Instant) -> std::result::Result<Reply, Failure> {
        let (done, wait) = mpsc::channel::<()>();
        let child = self.child.clone();
        let watchdog = std::thread::spawn(move || {
            let left = deadline.saturating_duration_since(Instant::now());
            match wait.recv_timeout(left) {
                Err(RecvTimeoutError::Timeout) => {
                    let _ = lock(&child).kill();
                    true
                }
                _ => false,
            }
        });
        let read = protocol::read_frame(&mut self.stdout, MAX_REPLY_FRAME);
        drop(done);
        let killed = watchdog.join().unwrap_or(false);
        if killed {
            self.reap();
            return Err(Failure::TimedOut);
        }
        match read {
            Ok(Some(frame)) => {
                serde_json::from_slice(&frame).map_err(|e| self.broken(&format!("unreadable reply: {e}")))
            }
            Ok(None) => Err(self.broken("closed its output")),
            Err(e) => Err(self.broken(&format!("reply cut short: {e}"))),
        }
    }

    /// How the worker ended if it has exited while idle (killed from outside, OOM-killed);
    /// `None` while it runs.
    pub fn exited(&self) -> Option<String> {
        lock(&self.child).try_wait().ok().flatten().map(describe)
    }

    /// Kills and reaps the worker after a protocol failure, and says how it ended: the exit
    /// status is what tells an abort or an OOM kill from a plain exit.
    fn broken(&mut self, what: &str) -> Failure {
        let status = self.reap();
        Failure::Died(match status {
            Some(s) => format!("{what}; {}", describe(s)),
            None => what.to_string(),
        })
    }

    /// SIGKILL (a no-op if it has exited) and wait, so no zombie is left.
    fn reap(&mut self) -> Option<ExitStatus> {
        let mut child = lock(&self.child);
        let _ = child.kill();
        child.wait().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // A worker holds nothing worth a graceful stop: no files, no state between requests.
        self.reap();
    }
}

fn lock(child: &Mutex<Child>) -> std::sync::MutexGuard<'_, Child> {
    child.lock().unwrap_or_else(PoisonError::into_inner)
}

/// "killed by signal 6 (SIGABRT)", "exit status 1".
fn describe(s: ExitStatus) -> String {
    match (s.code(), s.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(sig)) => format!("killed by signal {sig}{}", signal_name(sig)),
        _ => s.to_string(),
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGABRT => " (SIGABRT)",
        libc::SIGSEGV => " (SIGSEGV)",
        libc::SIGBUS => " (SIGBUS)",
        libc::SIGKILL => " (SIGKILL: OOM killer or an operator)",
        libc::SIGILL => " (SIGILL)",
        libc::SIGFPE => " (SIGFPE)",
        _ => "",
    }
}

/// Sets `RLIMIT_AS` in the child between fork and exec, so an allocation past it fails in the
/// worker (an abort or an error there) instead of pushing the host into the OOM killer.
#[allow(unsafe_code)]
fn limit_address_space(command: &mut Command, mb: u64) {
    use std::os::unix::process::CommandExt;
    let bytes = mb.saturating_mul(1024 * 1024) as libc::rlim_t;
    // SAFETY: the closure runs in the forked child before exec and only calls setrlimit, an
    // async-signal-safe system call, on a value built before the fork.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}
