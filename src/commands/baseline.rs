//! `moulint baseline write FILE PATHS...`: records the findings `moulint
//! check PATHS...` would report (after the configuration and the inline
//! suppressions) in FILE, written atomically, for `check --baseline FILE`.

use std::path::PathBuf;

use super::check::{CheckArgs, Color, FailOn};
use super::Outcome;
use crate::catalog::Catalog;
use crate::emit::Format;
use crate::error::Error;

#[derive(clap::Subcommand, Debug)]
pub enum BaselineCommand {
    /// Record the current findings of PATHS in FILE (replacing it).
    Write(WriteArgs),
}

/// Arguments of `moulint baseline write`.
#[derive(clap::Args, Debug)]
pub struct WriteArgs {
    /// The baseline file to write.
    pub file: PathBuf,
    /// Files or directories to check, as `moulint check` takes them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Compare with the reference templates in DIR, as `moulint check`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Leave out walked files that match GLOB, as `moulint check`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Replace the baseline file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(cmd: BaselineCommand, catalog: &Catalog) -> Result<Outcome, Error> {
    let BaselineCommand::Write(args) = cmd;
    let check = CheckArgs {
        paths: args.paths,
        stdin_filename: None,
        format: Format::Human,
        color: Color::Never,
        templates: args.templates,
        output: None,
        fail_on: FailOn::Error,
        fail_on_verdict: None,
        exit_zero: false,
        statistics: false,
        quiet: false,
        force: false,
        verbose: false,
        baseline: None,
        exclude: args.exclude,
        no_inline_suppressions: false,
        max_file_size: crate::source::MAX_FILE_BYTES,
        as_of: None,
        cache: false,
        cache_dir: None,
    };
    let checks = super::check::findings(&check, catalog)?;
    let baseline = crate::baseline::of(&checks.reports);
    crate::baseline::write(&args.file, &baseline, args.force)?;
    eprintln!(
        "wrote {}: {} findings of {} files",
        args.file.display(),
        baseline.entries.len(),
        checks.reports.len()
    );
    Ok(Outcome::Clean)
}
