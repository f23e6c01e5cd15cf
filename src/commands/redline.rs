//! `moulint redline DRAFT`: writes the redline report of a draft against
//! its reference template, as Markdown or HTML, to standard output or
//! atomically to `-o FILE`. The report is built and rendered by
//! [`crate::emit::redline`]; it is written whatever the verdict (exit 0).

use crate::compare::References;
use crate::lint::check_source;
use std::path::PathBuf;

use super::Outcome;
use crate::catalog::Catalog;
use crate::emit::redline::{self, build, RedlineFormat};
use crate::error::Error;
use crate::source::SourceFile;
use crate::util::fs::write_atomic;

/// Arguments of `moulint redline`.
#[derive(clap::Args, Debug)]
pub struct RedlineArgs {
    /// The draft to compare with its reference template.
    pub draft: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = RedlineFormat::Md)]
    pub format: RedlineFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the `--output` file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Compare with the `<id>.md` templates in DIR instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs `moulint redline`: the report is written whatever the verdict.
pub fn run(args: RedlineArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let set = super::template_set(args.templates.as_deref(), catalog)?;
    let source = SourceFile::read(&args.draft).map_err(|e| Error::unreadable(&args.draft, e))?;
    let references = References::new(&set);
    let checked = check_source(source, catalog, &references);
    // `SOURCE_DATE_EPOCH` fixes the date, for a reproducible report.
    let report = build(&checked, crate::util::date::today());
    let text = redline::render(&report, args.format);
    match &args.output {
        Some(path) => {
            write_atomic(path, &text, args.force)?;
            eprintln!(
                "wrote {} ({}: {})",
                path.display(),
                report.verdict.as_str(),
                report.verdict.meaning()
            );
        }
        None => super::print(&text),
    }
    Ok(Outcome::Clean)
}
