//! `moulint portfolio [DIR]`: the county x template matrix of the plan's
//! MOUs against its plan profile, as a table, JSON or CSV. Exits 1 when a
//! needed MOU is missing with no good-faith effort recorded.

use std::path::PathBuf;

use super::Outcome;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::portfolio::{emit, profile, Portfolio};

/// Output formats of `moulint portfolio`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A county x template table, then findings and notes.
    Table,
    /// One JSON object: the matrix, the MOUs, the findings.
    Json,
    /// One line per county and template, for a spreadsheet.
    Csv,
}

/// Arguments of `moulint portfolio`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The plan profile is --plan FILE, else DIR/plan.yaml, else the [plan] table of the
nearest moulint.toml. It lists the counties the plan serves and what operates in each:

  plan: Example Health Plan
  counties:
    - county: Alameda
      operates: [dmc-ods, whole-child-model]   # or dmc-state-plan; targeted-case-management
      not_needed: {lea: the reason}            # optional
      also: [base]                             # optional
  good_faith:
    - {county: Alameda, template: wic, date: 2025-03-01, action: sent a draft}

An MOU covers a county and template when its front matter's `counties` names the
county and its `template` names the template.")]
pub struct PortfolioArgs {
    /// The repository of MOUs (walked like `check` walks a directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The plan profile (YAML, or TOML with a [plan] table).
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `moulint portfolio`.
pub fn run(args: PortfolioArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    if !args.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory: `moulint portfolio` reads a repository of MOUs",
            args.dir.display()
        )));
    }
    let profile = profile::find(&args.dir, args.plan.as_deref(), catalog)?;
    let repo = crate::repository::load(
        std::slice::from_ref(&args.dir),
        crate::source::MAX_FILE_BYTES,
    );
    let order: Vec<&str> = catalog.template_ids().collect();
    let p = Portfolio::build(&profile, &repo, &order);
    super::print(&match args.format {
        Format::Table => emit::table(&p),
        Format::Json => emit::json(&p),
        Format::Csv => emit::csv(&p),
    });
    Ok(if p.findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
