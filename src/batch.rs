//! `zhengxin parse DIR_OR_FILES… --out DIR`: many PDFs through one shared [`Pipeline`], one
//! JSON file per input (the same body the API returns), a progress bar, a status line per
//! file, a summary table, and resume.
//!
//! Resume: each body is written to a hidden temporary name inside `--out` and renamed into
//! place once complete, so a file named `NAME.json` in `--out` is always a whole body; a rerun
//! skips every input whose `NAME.json` exists and parses as a body (a leftover temporary file
//! from an interrupted run is ignored and overwritten), except `INTERNAL_ERROR` bodies: those
//! are our fault (a time-out, a device) and may pass on a second try.
//!
//! Exit code: that of the worst status over all inputs (skipped ones count with the status
//! stored in their file), worst first: `INTERNAL_ERROR` / `NO_PERMISSION` (1, also an output
//! file that could not be written), `PARAMETER_ERROR` (2), `NOT_RECOGNIZABLE` (3), `OK` (0).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use thiserror::Error;

use crate::api::{ApiResponse, Status};
use crate::config::MAX_UPLOAD_BYTES;
use crate::error::{self, InvalidInput};
use crate::pipeline::{ParseOptions, Pipeline};
use crate::server;

/// Why a batch could not start (per-file problems are statuses, never these).
#[derive(Debug, Error)]
pub enum BatchError {
    /// An input path that is neither a file nor a directory, or a directory that cannot be listed.
    #[error("cannot read input {path}")]
    Input {
        /// The path as given or found.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Two inputs would write the same output file.
    #[error("{first} and {second} would both be written to {out}; pass them in separate runs")]
    Collision {
        /// One input.
        first: PathBuf,
        /// The other.
        second: PathBuf,
        /// The shared output name.
        out: PathBuf,
    },
    /// No PDF among the inputs.
    #[error("no input files (directories are searched for *.pdf)")]
    Empty,
    /// `--out` cannot be created.
    #[error("cannot create output directory {path}")]
    OutDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// One input and where its body goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The PDF.
    pub input: PathBuf,
    /// Its output, relative to `--out`: the path under the directory it was found in (or the
    /// file name of an input given by name) with `.json` for the extension.
    pub output: PathBuf,
}

/// Lists the jobs for `inputs`: files as given (whatever their extension: the parser says
/// whether they are PDFs), directories searched recursively for `*.pdf` (any case), in order.
pub fn collect_jobs(inputs: &[PathBuf]) -> Result<Vec<Job>, BatchError> {
    let mut jobs = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| BatchError::Input {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            find_pdfs(input, &mut found)?;
            found.sort();
            for pdf in found {
                let rel = pdf.strip_prefix(input).unwrap_or(&pdf).to_path_buf();
                jobs.push(Job {
                    output: rel.with_extension("json"),
                    input: pdf,
                });
            }
        } else {
            let name = input.file_name().map(PathBuf::from).unwrap_or_else(|| input.clone());
            jobs.push(Job {
                output: name.with_extension("json"),
                input: input.clone(),
            });
        }
    }
    if jobs.is_empty() {
        return Err(BatchError::Empty);
    }
    let mut seen: HashMap<&Path, &Path> = HashMap::new();
    for job in &jobs {
        if let Some(first) = seen.insert(&job.output, &job.input) {
            return Err(BatchError::Collision {
                first: first.to_path_buf(),
                second: job.input.clone(),
                out: job.output.clone(),
            });
        }
    }
    Ok(jobs)
}

fn find_pdfs(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let unreadable = |source| BatchError::Input {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if path.is_dir() {
            find_pdfs(&path, found)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads the input under the same 30 MB limit as the API, checking the size before reading.
pub fn read_input(path: &Path) -> crate::Result<Vec<u8>> {
    let unreadable = |source: std::io::Error| InvalidInput::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(InvalidInput::NotAFile {
            path: path.to_path_buf(),
        }
        .into());
    }
    if meta.len() > MAX_UPLOAD_BYTES as u64 {
        return Err(server::file_too_large());
    }
    Ok(std::fs::read(path).map_err(unreadable)?)
}

/// The API's response body for one file: what `zhengxin parse FILE` prints.
pub fn parse_file(pipeline: &Pipeline, path: &Path, opts: ParseOptions) -> ApiResponse {
    match read_input(path).and_then(|bytes| pipeline.parse(&bytes, opts)) {
        Ok(outcome) => ApiResponse::ok_with(outcome.report, outcome.evidence),
        Err(e) => {
            if Status::of(&e) == Status::InternalError {
                // The chain names causes (a file, a model), never field values.
                tracing::error!(error = %error::chain(&e), "parse failed");
            }
            ApiResponse::from_error(&e)
        }
    }
}

/// How bad a status is for the exit code: higher is worse.
fn severity(status: Status) -> u8 {
    match status {
        Status::Ok => 0,
        Status::NotRecognizable => 1,
        Status::ParameterError => 2,
        Status::NoPermission | Status::InternalError => 3,
    }
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Parsed now; its body has this status.
    Parsed(Status),
    /// Its output was already complete; the stored body has this status.
    Skipped(Status),
    /// Parsed, but the output could not be written (counts as `INTERNAL_ERROR`).
    WriteFailed,
}

impl Outcome {
    /// The status this input counts with.
    pub fn status(self) -> Status {
        match self {
            Outcome::Parsed(s) | Outcome::Skipped(s) => s,
            Outcome::WriteFailed => Status::InternalError,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Parsed(s) => write!(f, "{}", status_name(*s)),
            Outcome::Skipped(s) => write!(f, "{} (done before, skipped)", status_name(*s)),
            Outcome::WriteFailed => write!(f, "INTERNAL_ERROR (output not written)"),
        }
    }
}

/// The status as the API spells it.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Ok => "OK",
        Status::ParameterError => "PARAMETER_ERROR",
        Status::NoPermission => "NO_PERMISSION",
        Status::NotRecognizable => "NOT_RECOGNIZABLE",
        Status::InternalError => "INTERNAL_ERROR",
    }
}

/// A batch's settings.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where the bodies go.
    pub out: PathBuf,
    /// Files parsed at once.
    pub jobs: usize,
    /// Per-file parse options.
    pub parse: ParseOptions,
    /// Indent the JSON.
    pub pretty: bool,
}

/// Every input's outcome, in input order, and the wall time.
#[derive(Debug)]
pub struct BatchReport {
    /// `(job, outcome, seconds spent parsing)` per input.
    pub rows: Vec<(Job, Outcome, Duration)>,
    /// Wall time of the whole batch.
    pub elapsed: Duration,
}

impl BatchReport {
    /// The worst status over all inputs (`OK` for none).
    pub fn worst(&self) -> Status {
        self.rows
            .iter()
            .map(|(_, o, _)| o.status())
            .max_by_key(|s| severity(*s))
            .unwrap_or(Status::Ok)
    }

    /// The summary table: one row per status, then totals.
    pub fn summary(&self) -> String {
        let mut by_status: BTreeMap<u8, (Status, usize, usize)> = BTreeMap::new();
        for (_, outcome, _) in &self.rows {
            let s = outcome.status();
            let row = by_status.entry(severity(s)).or_insert((s, 0, 0));
            match outcome {
                Outcome::Skipped(_) => row.2 += 1,
                _ => row.1 += 1,
            }
        }
        let mut t = String::new();
        t.push_str(&format!(
            "{:<18} {:>7} {:>8} {:>7}\n",
            "status", "parsed", "skipped", "total"
        ));
        for (status, parsed, skipped) in by_status.values() {
            t.push_str(&format!(
                "{:<18} {:>7} {:>8} {:>7}\n",
                status_name(*status),
                parsed,
                skipped,
                parsed + skipped
            ));
        }
        let skipped = self
            .rows
            .iter()
            .filter(|(_, o, _)| matches!(o, Outcome::Skipped(_)))
            .count();
        t.push_str(&format!(
            "{:<18} {:>7} {:>8} {:>7}\n",
            "all",
            self.rows.len() - skipped,
            skipped,
            self.rows.len()
        ));
        let failed: Vec<_> = self
            .rows
            .iter()
            .filter(|(_, o, _)| o.status() != Status::Ok)
            .map(|(j, o, _)| format!("  {}: {o}", j.input.display()))
            .collect();
        if !failed.is_empty() {
            t.push_str("not OK:\n");
            t.push_str(&failed.join("\n"));
            t.push('\n');
        }
        t.push_str(&format!(
            "wall time {:.1} s; worst status {} (exit {})\n",
            self.elapsed.as_secs_f64(),
            status_name(self.worst()),
            crate::cli::exit_code(self.worst())
        ));
        t
    }
}

/// The status stored in a complete output file, or `None` when the input is to be parsed
/// (no file, not a whole body, or an `INTERNAL_ERROR` worth another try).
fn done_status(path: &Path) -> Option<Status> {
    #[derive(serde::Deserialize)]
    struct Head {
        status: Status,
    }
    let text = std::fs::read(path).ok()?;
    let status = serde_json::from_slice::<Head>(&text).ok()?.status;
    (status != Status::InternalError).then_some(status)
}

/// Writes `bytes` to `dest` through a temporary file in the same directory and a rename, so
/// that `dest` is either absent or complete.
fn write_atomically(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Runs `jobs` with `opts.jobs` files at once over one shared pipeline. The bar and the
/// per-file lines go to stderr (the bar only on a terminal).
pub fn run(pipeline: &Pipeline, jobs: Vec<Job>, opts: &BatchOptions) -> Result<BatchReport, BatchError> {
    std::fs::create_dir_all(&opts.out).map_err(|source| BatchError::OutDir {
        path: opts.out.clone(),
        source,
    })?;
    let start = Instant::now();
    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<(Outcome, Duration)>>> = Mutex::new(vec![None; jobs.len()]);
    let workers = opts.jobs.clamp(1, jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let t0 = Instant::now();
                let outcome = run_one(pipeline, job, opts);
                let took = t0.elapsed();
                bar.suspend(|| {
                    eprintln!(
                        "[{}/{}] {}: {outcome} ({:.1} s)",
                        i + 1,
                        jobs.len(),
                        job.input.display(),
                        took.as_secs_f64()
                    )
                });
                bar.inc(1);
                if let Ok(mut r) = results.lock() {
                    r[i] = Some((outcome, took));
                }
            });
        }
    });
    bar.finish_and_clear();
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    let rows = jobs
        .into_iter()
        .zip(results)
        // A worker thread that panicked left its slot empty: that file counts as our fault.
        .map(|(job, r)| {
            let (o, d) = r.unwrap_or((Outcome::Parsed(Status::InternalError), Duration::ZERO));
            (job, o, d)
        })
        .collect();
    Ok(BatchReport {
        rows,
        elapsed: start.elapsed(),
    })
}

fn run_one(pipeline: &Pipeline, job: &Job, opts: &BatchOptions) -> Outcome {
    let dest = opts.out.join(&job.output);
    if let Some(status) = done_status(&dest) {
        return Outcome::Skipped(status);
    }
    let body = parse_file(pipeline, &job.input, opts.parse);
    let json = if opts.pretty {
        serde_json::to_vec_pretty(&body)
    } else {
        serde_json::to_vec(&body)
    };
    let written = json.map_err(std::io::Error::other).and_then(|mut bytes| {
        bytes.push(b'\n');
        write_atomically(&dest, &bytes)
    });
    match written {
        Ok(()) => Outcome::Parsed(body.status),
        Err(e) => {
            tracing::error!(output = %dest.display(), error = %e, "cannot write the output");
            Outcome::WriteFailed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("zhengxin-batch-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn directories_are_searched_and_names_kept_relative() {
        let d = tmpdir("collect");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["a.pdf", "B.PDF", "notes.txt", "sub/c.pdf"] {
            std::fs::write(d.join(f), b"x").unwrap();
        }
        let jobs = collect_jobs(std::slice::from_ref(&d)).unwrap();
        let outs: Vec<_> = jobs.iter().map(|j| j.output.clone()).collect();
        assert_eq!(outs, [PathBuf::from("B.json"), "a.json".into(), "sub/c.json".into()]);
        // The same file twice would write one output twice.
        let twice = collect_jobs(&[d.join("a.pdf"), d.join("a.pdf")]);
        assert!(matches!(twice, Err(BatchError::Collision { .. })));
        assert!(matches!(
            collect_jobs(&[d.join("sub/nothing")]),
            Err(BatchError::Input { .. })
        ));
        let empty = tmpdir("empty");
        assert!(matches!(collect_jobs(&[empty]), Err(BatchError::Empty)));
    }

    #[test]
    fn only_complete_outputs_count_as_done() {
        let d = tmpdir("done");
        let f = d.join("x.json");
        assert_eq!(done_status(&f), None);
        std::fs::write(&f, br#"{"status":"OK","result":{"#).unwrap();
        assert_eq!(done_status(&f), None, "a truncated body is not done");
        write_atomically(&f, br#"{"status":"NOT_RECOGNIZABLE","error":"x"}"#).unwrap();
        assert_eq!(done_status(&f), Some(Status::NotRecognizable));
        write_atomically(&f, br#"{"status":"INTERNAL_ERROR","error":"x"}"#).unwrap();
        assert_eq!(done_status(&f), None, "our failures are retried");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
    }

    #[test]
    fn the_worst_status_decides() {
        let job = Job {
            input: "a.pdf".into(),
            output: "a.json".into(),
        };
        let report = |outcomes: &[Outcome]| BatchReport {
            rows: outcomes.iter().map(|o| (job.clone(), *o, Duration::ZERO)).collect(),
            elapsed: Duration::ZERO,
        };
        let ok = Outcome::Parsed(Status::Ok);
        assert_eq!(report(&[ok, ok]).worst(), Status::Ok);
        assert_eq!(
            report(&[ok, Outcome::Skipped(Status::NotRecognizable)]).worst(),
            Status::NotRecognizable
        );
        assert_eq!(
            report(&[
                Outcome::Parsed(Status::NotRecognizable),
                Outcome::Parsed(Status::ParameterError),
                ok
            ])
            .worst(),
            Status::ParameterError
        );
        assert_eq!(report(&[Outcome::WriteFailed, ok]).worst(), Status::InternalError);
        let table = report(&[ok, Outcome::Skipped(Status::Ok)]).summary();
        assert!(table.contains("OK"), "{table}");
        assert!(
            table
                .lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["all", "1", "1", "2"]),
            "{table}"
        );
    }
}
