//! Command-line interface of the test tooling: `zhengxin-lab gen-corpus` (a seeded synthetic
//! corpus with its ground truth) and `zhengxin-lab eval` (the service's pipeline scored against
//! such a corpus) and `zhengxin-lab calibrate` (the evidence's confidence model fitted on one).

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use zhengxin::config::Settings;
use zhengxin::pipeline::Pipeline;

const EXAMPLES: &str = "\
Examples:
  zhengxin-lab gen-corpus --out corpus --count 20 --seed 7
  zhengxin-lab gen-corpus --route chromium --out corpus --count 2 --seed 77 --scan-levels clean
  zhengxin-lab eval corpus --min-f1 text=0.95
  zhengxin-lab eval corpus --evidence --min-flag-recall mild=0.5 --max-ece mild=0.05
  zhengxin-lab calibrate corpus/calib --out src/evidence/calibration.json

Environment:
  ZHENGXIN_HOME  directory holding third_party/ (pdfium, the CJK font) and models/ (default:
                 found from the current directory or the executable's location)
  RUST_LOG       log filter (default: info for gen-corpus, warn for eval)

Run scripts/download_models.sh once to fetch libpdfium, the font and the models.";

/// Test tooling for zhengxin: the synthetic corpus generator and the scorer.
#[derive(Debug, Parser)]
#[command(name = "zhengxin-lab", version, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score the pipeline against a corpus with ground truth (NAME.pdf + NAME.truth.json).
    ///
    /// Exit status 1 when a --min-f1 threshold is not met or the corpus cannot be read.
    Eval(crate::eval::EvalArgs),
    /// Generate a synthetic corpus: seeded credit-report PDFs with their ground truth.
    GenCorpus(crate::synth::GenArgs),
    /// Fit the evidence's confidence model on a corpus with ground truth and write the
    /// calibration file (prints the reliability before and after).
    Calibrate(crate::calibrate::CalibrateArgs),
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Eval(args) => eval(&args),
        Command::GenCorpus(args) => gen_corpus(&args),
        Command::Calibrate(args) => calibrate(&args),
    };
    outcome.unwrap_or_else(|e| {
        eprintln!("zhengxin-lab: error: {e:#}");
        ExitCode::from(1)
    })
}

fn eval(args: &crate::eval::EvalArgs) -> anyhow::Result<ExitCode> {
    zhengxin::cli::init_logging("warn");
    let settings = Settings::from_env()?;
    let pipeline = Pipeline::new(&settings)?;
    // The scorer prints its own report; a missed threshold comes back as an error (exit 1).
    crate::eval::run(args, &pipeline).with_context(|| format!("evaluating the corpus in {}", args.dir.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn calibrate(args: &crate::calibrate::CalibrateArgs) -> anyhow::Result<ExitCode> {
    zhengxin::cli::init_logging("warn");
    let settings = Settings::from_env()?;
    let pipeline = Pipeline::new(&settings)?;
    crate::calibrate::run(args, &pipeline, settings.review_threshold)
        .with_context(|| format!("calibrating on the corpus in {}", args.dir.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn gen_corpus(args: &crate::synth::GenArgs) -> anyhow::Result<ExitCode> {
    zhengxin::cli::init_logging("info");
    crate::synth::run(args).with_context(|| format!("generating the corpus in {}", args.out.display()))?;
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
}
