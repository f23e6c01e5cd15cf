//! `moulint report site -o DIR` and `moulint report annual --year Y`: the
//! public MOU information page and the MOU Annual Report draft, from a
//! plan's repository ([`crate::repository`]); the work is
//! [`crate::report`]'s. Both exit 1 when an MOU could not be read (it is
//! listed in what they write, never dropped).

use std::path::PathBuf;

use super::check::parse_as_of;
use super::Outcome;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::report::{annual, site};
use crate::repository::Repository;
use crate::util::date::Ymd;
use crate::util::fs::write_atomic;

#[derive(clap::Subcommand, Debug)]
pub enum ReportCommand {
    /// Write the public MOU information page: index.html and a page per
    /// executed MOU.
    Site(SiteArgs),
    /// Write the MOU Annual Report draft for a year (Markdown), its open
    /// parts as slots that `moulint check` reports.
    Annual(AnnualArgs),
}

/// Arguments of `moulint report site`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The site is static and self-contained (no script, no load from elsewhere):
index.html lists the quarterly meetings by partner category and year, the
executed MOUs with their posted copies, and the annual reports (files with
`report: annual` front matter); mou-<id>.html, one per executed MOU, is named
from the file's name, never its title. Only http:// and https:// addresses
become links.")]
pub struct SiteArgs {
    /// The repository of MOUs: files, or directories walked like `check`.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The directory to write the site in (created if missing).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Write into a directory that is not empty, replacing the site's files
    /// and removing its mou-*.html pages this run did not write.
    #[arg(long)]
    pub force: bool,
    /// Show the quarters as of DATE (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Ymd>,
    #[command(flatten)]
    pub plan: PlanArgs,
}

/// Arguments of `moulint report annual`.
#[derive(clap::Args, Debug)]
pub struct AnnualArgs {
    /// The year the report covers.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2200))]
    pub year: i32,
    /// The repository of MOUs: files, or directories walked like `check`.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the `--output` file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Judge the quarters as of DATE (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Ymd>,
    #[command(flatten)]
    pub plan: PlanArgs,
}

/// Where `moulint report` takes the plan's name from.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    /// The plan profile to read the plan's name from (as `moulint
    /// portfolio`: else `plan.yaml` in the first directory given, else the
    /// `[plan]` table of moulint.toml).
    #[arg(long = "plan", value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The plan's name, over the profile's and the MOUs' `mcp`.
    #[arg(long, value_name = "NAME")]
    pub plan_name: Option<String>,
}

/// Runs `moulint report`.
pub fn run(cmd: ReportCommand, catalog: &Catalog) -> Result<Outcome, Error> {
    match cmd {
        ReportCommand::Site(args) => run_site(args, catalog),
        ReportCommand::Annual(args) => run_annual(args, catalog),
    }
}

/// Reads the repository; standard input is no repository.
fn load(paths: &[PathBuf]) -> Result<Repository, Error> {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "`moulint report` reads a repository of files: standard input (`-`) is not one"
                .to_string(),
        ));
    }
    if let Some(p) = paths.iter().find(|p| !p.exists()) {
        return Err(Error::Usage(format!("{} does not exist", p.display())));
    }
    Ok(crate::repository::load(
        paths,
        crate::source::MAX_FILE_BYTES,
    ))
}

/// The plan's name for the page and the report: `--plan-name`, else the
/// plan profile's `plan` (`--plan FILE`, else found as `moulint
/// portfolio` finds it beside the first directory given), else the `mcp`
/// most executed MOUs name.
fn plan_name(
    args: &PlanArgs,
    paths: &[PathBuf],
    repo: &Repository,
    catalog: &Catalog,
) -> Result<Option<String>, Error> {
    if args.plan_name.is_some() {
        return Ok(args.plan_name.clone());
    }
    let profile = args.profile.as_deref();
    let dir = paths.iter().find(|p| p.is_dir());
    let found = match (profile, dir) {
        (Some(file), _) => Some(crate::portfolio::profile::read(file, catalog)?),
        (None, Some(dir)) => crate::portfolio::profile::discover(dir, None, catalog)?,
        (None, None) => None,
    };
    Ok(found
        .and_then(|p| p.plan)
        .or_else(|| crate::report::plan_name(repo)))
}

fn outcome(repo: &Repository) -> Outcome {
    if repo.mous.iter().any(|m| m.problem.is_some()) || !repo.problems.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn run_site(args: SiteArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let repo = load(&args.paths)?;
    let as_of = args.as_of.unwrap_or_else(crate::util::date::today);
    let plan = plan_name(&args.plan, &args.paths, &repo, catalog)?;
    let built = site::build(&repo, catalog, as_of, plan.as_deref());
    let written = site::write(&built, &args.output, args.force)?;
    let mut said = format!(
        "wrote {} pages to {} (as of {as_of})",
        written.pages,
        args.output.display()
    );
    if !written.removed.is_empty() {
        said.push_str(&format!(
            "; removed {} stale page(s): {}",
            written.removed.len(),
            written.removed.join(", ")
        ));
    }
    if built.unreadable > 0 {
        said.push_str(&format!(
            "; {} file(s) could not be read (listed on the index)",
            built.unreadable
        ));
    }
    eprintln!("{said}");
    Ok(outcome(&repo))
}

fn run_annual(args: AnnualArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let repo = load(&args.paths)?;
    let as_of = args.as_of.unwrap_or_else(crate::util::date::today);
    let plan = plan_name(&args.plan, &args.paths, &repo, catalog)?;
    let text = annual::render(&repo, catalog, args.year, plan.as_deref(), as_of);
    match &args.output {
        Some(path) => {
            write_atomic(path, &text, args.force)?;
            eprintln!(
                "wrote {}: complete its slots, then `moulint check {}`",
                path.display(),
                path.display()
            );
        }
        None => super::print(&text),
    }
    Ok(outcome(&repo))
}
