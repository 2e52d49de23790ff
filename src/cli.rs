//! Command-line interface: `zhengxin parse` (one PDF → the API's JSON body on stdout) and
//! `zhengxin serve` (the HTTP API).
//!
//! Exit codes of `parse` follow the body's `status`: 0 `OK`, 2 `PARAMETER_ERROR`,
//! 3 `NOT_RECOGNIZABLE`, 1 `INTERNAL_ERROR` and start-up failures. With `--out DIR` (many
//! files, [`crate::batch`]) the worst status over all files decides.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::api::Status;
use crate::batch;
use crate::config::{self, Flags, Isolation, Settings};
use crate::isolate::{self, PoolConfig, WorkerCommand, WorkerPool};
use crate::ocr::Device;
use crate::pipeline::{ParseOptions, Pipeline};
use crate::server::{self, AppState, ReportParser};

const EXAMPLES: &str = "\
Examples:
  zhengxin parse report.pdf --pretty          print the structured report as JSON
  zhengxin parse scan.pdf --no-classify       skip the is-this-a-credit-report check
  zhengxin parse reports/ --out results/ -j 2 one JSON file per PDF; a rerun skips done ones
  zhengxin serve --addr 0.0.0.0:8080 --workers 4
  curl -F image_file=@report.pdf http://localhost:8080/api/credit_report_v2

Environment (a flag, where there is one, wins over its variable; README.md lists them all):
  ZHENGXIN_HOME                  directory holding third_party/ and models/ (default: found
                                 from the current directory or the executable's location)
  ZHENGXIN_API_KEYS              comma-separated API keys; when set, requests must send
                                 X-Api-Key: KEY or Authorization: Bearer KEY
  ZHENGXIN_REQUEST_TIMEOUT_SECS  per-request time limit (default 600)
  ZHENGXIN_ADDR                  serve: listen address (--addr; default 0.0.0.0:8080)
  ZHENGXIN_WORKERS               serve: parses run at once (--workers; default: CPUs)
  ZHENGXIN_ISOLATION             serve: process (default; parses in worker processes) or thread
  ZHENGXIN_DEVICE                OCR device, cpu or cuda (--device; default cpu)
  ZHENGXIN_REQUIRE_DEVICE        1: no CPU fallback (--require-device)
  ZHENGXIN_OCR_*                 OCR threads and model knobs (see README.md)
  RUST_LOG                       log filter (default: info for serve, warn for parse)

Run scripts/download_models.sh once to fetch libpdfium and the models.";

/// Reads PBOC second-generation personal credit reports (个人信用报告, PDF) into JSON.
#[derive(Debug, Parser)]
#[command(name = "zhengxin", version, after_help = EXAMPLES)]
#[command(
    long_about = "Reads PBOC second-generation personal credit reports (个人信用报告, 二代) \
from PDF - text PDFs or scans - and returns the structured JSON of the credit_report_v2 API \
(shared/spec/API.md)."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one PDF and print the API's JSON response body to stdout; or, with --out DIR,
    /// parse every PDF given (directories are searched for *.pdf) into DIR/NAME.json.
    ///
    /// Exit status: 0 OK, 2 PARAMETER_ERROR (not a PDF, too large, encrypted, unreadable
    /// file), 3 NOT_RECOGNIZABLE, 1 INTERNAL_ERROR or start-up failure. With --out: the
    /// worst over all files, worst first INTERNAL_ERROR (1) > PARAMETER_ERROR (2) >
    /// NOT_RECOGNIZABLE (3) > OK (0).
    Parse(ParseArgs),
    /// Run the HTTP API: POST /api/credit_report_v2 (multipart field image_file), GET /healthz (liveness), GET /readyz (readiness), GET /metrics (Prometheus).
    Serve(ServeArgs),
    /// Internal: a parse worker of `serve` (framed requests on stdin, replies on stdout).
    #[command(hide = true)]
    Worker(WorkerArgs),
}

/// `zhengxin worker` (started by `serve`, not by people).
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// OCR device, as `serve` was given it.
    #[command(flatten)]
    pub device: DeviceArgs,
}

/// `zhengxin parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The PDF to read (at most 30 MB, like the API); with --out, any number of PDFs and
    /// directories.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub files: Vec<PathBuf>,
    /// Write one body per input to DIR/NAME.json (atomically: a rerun skips inputs whose
    /// output is complete), show progress and a summary table.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --out: files parsed at once, sharing one set of models.
    #[arg(short = 'j', long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
    /// Do not reject PDFs that are not credit reports (the API's auto_classify=0).
    #[arg(long)]
    pub no_classify: bool,
    /// Indent the JSON.
    #[arg(long)]
    pub pretty: bool,
    /// Add `evidence` (boxes, confidence, checks, review list; the API's evidence=1).
    #[arg(long)]
    pub evidence: bool,
    /// OCR device for pages without a text layer.
    #[command(flatten)]
    pub device: DeviceArgs,
}

/// Where OCR runs (image-only pages).
#[derive(Debug, Args)]
pub struct DeviceArgs {
    /// `cpu`, or `cuda` (alias `gpu`; needs `scripts/download_models.sh --gpu`; falls back to
    /// the CPU with a warning when CUDA cannot be used) [default: ZHENGXIN_DEVICE, else cpu].
    #[arg(long, value_parser = device_flag)]
    pub device: Option<Device>,
    /// Refuse to start instead of falling back to the CPU [default: ZHENGXIN_REQUIRE_DEVICE].
    #[arg(long)]
    pub require_device: bool,
}

fn device_flag(v: &str) -> Result<Device, config::ConfigError> {
    config::parse_device(v, "--device")
}

/// `zhengxin serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: ZHENGXIN_ADDR, else 0.0.0.0:8080].
    #[arg(long)]
    pub addr: Option<String>,
    /// Parses run at once (1..=256) [default: ZHENGXIN_WORKERS, else the number of CPUs].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,
    /// OCR device for pages without a text layer.
    #[command(flatten)]
    pub device: DeviceArgs,
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Parse(args) => parse(&args),
        Command::Serve(args) => serve(&args),
        Command::Worker(args) => worker(&args),
    };
    outcome.unwrap_or_else(|e| {
        // One line, naming the file and the set-up script for artefact errors (native
        // libraries' messages carry newlines of their own).
        let text = format!("{e:#}");
        eprintln!(
            "zhengxin: error: {}",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        ExitCode::from(1)
    })
}

/// Exit code for a response status.
pub fn exit_code(status: Status) -> u8 {
    match status {
        Status::Ok => 0,
        Status::ParameterError => 2,
        Status::NotRecognizable => 3,
        Status::NoPermission | Status::InternalError => 1,
    }
}

/// Sends logs to stderr under `RUST_LOG`, or `default_filter` when it is unset; also used by
/// the `zhengxin-lab` binary.
pub fn init_logging(default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter));
    // Logs go to stderr so that stdout carries only the JSON body; colours only on a terminal
    // so that log files and collectors get plain text.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

impl DeviceArgs {
    fn flags(&self) -> Flags {
        Flags {
            device: self.device,
            require_device: self.require_device,
            ..Flags::default()
        }
    }
}

/// The settings, once, from `flags` over the environment; a bad value stops start-up with
/// "invalid configuration: …".
fn load_settings(flags: &Flags) -> crate::Result<Settings> {
    Ok(Settings::load(flags)?)
}

fn load_pipeline(settings: &Settings) -> anyhow::Result<Pipeline> {
    let pipeline = Pipeline::new(settings)?;
    tracing::info!(device = ?pipeline.ocr_device(), "OCR ready");
    Ok(pipeline)
}

fn parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    init_logging("warn");
    let single = match (&args.out, args.files.as_slice()) {
        (None, [file]) => Some(file),
        (Some(_), _) => None,
        (None, _) => anyhow::bail!("several inputs need --out DIR"),
    };
    let jobs = match single {
        Some(_) => None,
        None => Some(batch::collect_jobs(&args.files)?),
    };
    let settings = load_settings(&Flags {
        // Page workers (OCR engines) sized for the files parsed at once.
        workers: jobs.as_ref().map(|_| usize::from(args.jobs)),
        ..args.device.flags()
    })?;
    // The OCR models load only if a page needs them. A device asked for by name is checked
    // at start, as `serve` does: `--require-device` must refuse (and a fallback warn)
    // whatever the documents.
    let pipeline = if settings.ocr.device == Device::Cpu {
        Pipeline::new_lazy(&settings)?
    } else {
        load_pipeline(&settings)?
    };
    let opts = ParseOptions {
        classify: !args.no_classify,
        evidence: args.evidence,
        page_images: false,
    };
    if let (Some(jobs), Some(out)) = (jobs, &args.out) {
        let report = batch::run(
            &pipeline,
            jobs,
            &batch::BatchOptions {
                out: out.clone(),
                jobs: usize::from(args.jobs),
                parse: opts,
                pretty: args.pretty,
            },
        )?;
        print!("{}", report.summary());
        return Ok(ExitCode::from(exit_code(report.worst())));
    }
    let file = single.context("one input")?;
    let body = batch::parse_file(&pipeline, file, opts);
    let json = if args.pretty {
        serde_json::to_string_pretty(&body)
    } else {
        serde_json::to_string(&body)
    }
    .context("serialising the response")?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}")
        .and_then(|()| out.flush())
        .context("writing to stdout")?;
    Ok(ExitCode::from(exit_code(body.status)))
}

fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging("info");
    let settings = load_settings(&Flags {
        addr: args.addr.clone(),
        workers: args.workers.map(usize::from),
        ..args.device.flags()
    })?;
    server::install_panic_hook();
    let loading = std::time::Instant::now();
    let parser: Arc<dyn ReportParser> = match settings.isolation {
        Isolation::Thread => Arc::new(load_pipeline(&settings)?),
        Isolation::Process => Arc::new(WorkerPool::start(pool_config(&settings)?)?),
    };
    let load_seconds = loading.elapsed().as_secs_f64();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    runtime.block_on(async {
        let listener = server::bind(&settings.addr).await?;
        let local = listener.local_addr().context("reading the bound address")?;
        tracing::info!(
            addr = %local,
            workers = settings.workers,
            isolation = ?settings.isolation,
            auth = !settings.api_keys.is_empty(),
            timeout_s = settings.request_timeout.as_secs(),
            "listening"
        );
        let state = Arc::new(AppState::with_parser(parser, settings));
        state.metrics().set_model_load_seconds(load_seconds);
        server::serve(listener, state, server::shutdown_signal()).await?;
        anyhow::Ok(())
    })?;
    // A parse job that outlived its request may still be running on a blocking thread; do not
    // let it hold the process open indefinitely.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// The pool `serve` runs under process isolation: `workers` copies of this executable, each
/// with its share of the OCR engines (in-process, the engines are one pool for all requests;
/// here each worker has its own, so the share keeps the total the same) and the device the
/// server was given.
fn pool_config(settings: &Settings) -> anyhow::Result<PoolConfig> {
    let program = std::env::current_exe().context("locating the zhengxin executable for the workers")?;
    let per_worker = settings.page_workers.div_ceil(settings.workers.max(1)).max(1);
    let device = match settings.ocr.device {
        Device::Cpu => "cpu",
        Device::Cuda => "cuda",
    };
    let env = [
        (config::ENV_PAGE_WORKERS, per_worker.to_string()),
        (config::ENV_OCR_THREADS, settings.ocr.threads.to_string()),
        (config::ENV_DEVICE, device.to_string()),
        (
            config::ENV_REQUIRE_DEVICE,
            u8::from(settings.ocr.require_device).to_string(),
        ),
    ];
    let mut env: Vec<(std::ffi::OsString, std::ffi::OsString)> =
        env.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
    env.push((config::ENV_HOME.into(), settings.home.clone().into_os_string()));
    Ok(PoolConfig {
        command: WorkerCommand {
            program,
            args: vec!["worker".into()],
            env,
            memory_mb: settings.worker_limits.memory_mb,
        },
        workers: settings.workers,
        limits: settings.worker_limits,
    })
}

fn worker(args: &WorkerArgs) -> anyhow::Result<ExitCode> {
    init_logging("warn");
    let settings = load_settings(&args.device.flags())?;
    server::install_panic_hook();
    let replies = isolate::child::take_stdout()?;
    let pipeline = load_pipeline(&settings)?;
    isolate::child::run(&pipeline, replies)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn workers_are_bounded() {
        let ok = Cli::try_parse_from(["zhengxin", "serve", "--workers", "256"]).unwrap();
        assert!(matches!(
            ok.command,
            Command::Serve(ServeArgs { workers: Some(256), .. })
        ));
        assert!(Cli::try_parse_from(["zhengxin", "serve", "--workers", "0"]).is_err());
        assert!(Cli::try_parse_from(["zhengxin", "serve", "--workers", "257"]).is_err());
    }

    #[test]
    fn device_flag_takes_the_same_names_as_the_variable() {
        let device = |name: &str| match Cli::try_parse_from(["zhengxin", "parse", "--device", name, "x.pdf"]) {
            Ok(Cli {
                command: Command::Parse(a),
            }) => a.device.device,
            _ => None,
        };
        assert_eq!(device("gpu"), Some(Device::Cuda));
        assert_eq!(device("cuda"), Some(Device::Cuda));
        assert_eq!(device("cpu"), Some(Device::Cpu));
        assert!(Cli::try_parse_from(["zhengxin", "parse", "--device", "tpu", "x.pdf"]).is_err());
        // Not given: the variable (or the default) decides, in `config`.
        let unset = Cli::try_parse_from(["zhengxin", "parse", "x.pdf"]).unwrap();
        assert!(matches!(
            unset.command,
            Command::Parse(ParseArgs {
                device: DeviceArgs { device: None, .. },
                ..
            })
        ));
    }

    #[test]
    fn parse_takes_many_inputs_with_out_and_bounded_jobs() {
        let cli = Cli::try_parse_from(["zhengxin", "parse", "a.pdf", "dir", "--out", "o", "-j", "3"]).unwrap();
        let Command::Parse(args) = cli.command else {
            panic!("not parse")
        };
        assert_eq!(args.files, [PathBuf::from("a.pdf"), PathBuf::from("dir")]);
        assert_eq!(args.out, Some(PathBuf::from("o")));
        assert_eq!(args.jobs, 3);
        assert!(Cli::try_parse_from(["zhengxin", "parse", "a.pdf", "--out", "o", "-j", "0"]).is_err());
        assert!(
            Cli::try_parse_from(["zhengxin", "parse", "--out", "o"]).is_err(),
            "an input is required"
        );
    }

    #[test]
    fn exit_codes_follow_status() {
        assert_eq!(exit_code(Status::Ok), 0);
        assert_eq!(exit_code(Status::ParameterError), 2);
        assert_eq!(exit_code(Status::NotRecognizable), 3);
        assert_eq!(exit_code(Status::InternalError), 1);
    }
}
