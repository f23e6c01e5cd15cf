//! `moulint check`: checks drafts (files, or directories walked for
//! Markdown) and prints the findings, for people or as JSON.
//!
//! The files are read and checked by [`crate::lint`] and rendered by the
//! [`crate::emit`] emitter of `--format`; this file only turns the
//! arguments into those calls and the findings into the [`Outcome`]: any
//! finding of severity `error` is [`Outcome::Findings`].

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::Outcome;
use crate::catalog::Catalog;
use crate::emit::{self, human::Style, Format, Run};
use crate::error::Error;
use crate::lint;

/// Arguments of `moulint check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads a draft from standard
    /// input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The name to report for standard input (`-`), for example the path
    /// the editor has open.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colors in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Compare with the `<id>.md` reference templates in DIR (for example
    /// written by `moulint template import`) instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// When to use colors in human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs `moulint check`: [`Outcome::Findings`] when any finding is an
/// error.
pub fn run(args: CheckArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    for p in &args.paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(Error::Usage(format!("{} does not exist", p.display())));
        }
    }
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) may be given only once".into(),
        ));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let inputs = lint::collect(&args.paths, stdin_name);
    if inputs.is_empty() {
        return Err(Error::Usage(
            "no Markdown files found under the given paths".into(),
        ));
    }
    let set = super::template_set(args.templates.as_deref(), catalog)?;
    let checks = lint::lint_paths(&inputs, catalog, &set);
    let run = Run::with_skipped(&checks.reports, &checks.skipped);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let style = Style { color, width: 100 };
    super::print(&emit::emitter(args.format, style).render(&run));
    Ok(if run.summary.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
