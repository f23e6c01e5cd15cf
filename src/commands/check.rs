//! `moulint check`: checks drafts (files, or directories walked for
//! Markdown) and prints the findings, for people or for tools.
//!
//! The files are read and checked by [`crate::lint`] and rendered by the
//! [`crate::emit`] emitter of `--format` (or the statistics of
//! `--statistics`), to standard output or atomically to `--output FILE`;
//! this file only turns the arguments into those calls and the findings
//! into the [`Outcome`] by the exit policy ([`ExitPolicy`]): by default,
//! any finding of severity `error` is [`Outcome::Findings`].

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::Outcome;
use crate::catalog::Catalog;
use crate::checks;
use crate::diagnostic::Severity;
use crate::emit::{self, human::Style, Emitter, Format, RuleDoc, Run};
use crate::error::Error;
use crate::lint::{self, FileReport};
use crate::util::fs::write_atomic;
use crate::verdict::Verdict;

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
    /// Refuse files larger than this (bytes, or with a unit: `512KB`,
    /// `10MB`); a refused file is one finding.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = crate::util::fs::parse_size)]
    pub max_file_size: u64,
    /// Write the output to FILE (atomically, replacing it) instead of
    /// standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when any finding is of this severity or above.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 1 when any file's verdict is this one or worse (invalid >
    /// incomplete > redline > unverified); severities then do not count.
    #[arg(long, value_enum, value_name = "VERDICT", conflicts_with = "fail_on")]
    pub fail_on_verdict: Option<FailVerdict>,
    /// Exit 0 whatever the findings (usage and configuration errors still
    /// exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule id reported instead of the
    /// findings (formats human, concise and json).
    #[arg(long, conflicts_with = "quiet")]
    pub statistics: bool,
    /// Print only the summary line (formats human and concise).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The least severity that fails the run (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any error.
    Error,
    /// Any warning or error.
    Warning,
    /// Any finding.
    Info,
    /// No finding fails the run.
    Never,
}

/// The least severe verdict that fails the run (`--fail-on-verdict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailVerdict {
    Invalid,
    Incomplete,
    Redline,
    Unverified,
}

impl FailVerdict {
    fn verdict(self) -> Verdict {
        match self {
            FailVerdict::Invalid => Verdict::Invalid,
            FailVerdict::Incomplete => Verdict::Incomplete,
            FailVerdict::Redline => Verdict::Redline,
            FailVerdict::Unverified => Verdict::Unverified,
        }
    }
}

/// When a run fails (exit 1): the README's "Exit codes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitPolicy {
    /// Any finding of this severity or above (`None`: never).
    Severity(Option<Severity>),
    /// Any file whose verdict is this one or worse.
    Verdict(Verdict),
    /// Never (`--exit-zero`).
    Zero,
}

impl ExitPolicy {
    fn of(args: &CheckArgs) -> ExitPolicy {
        if args.exit_zero {
            return ExitPolicy::Zero;
        }
        if let Some(v) = args.fail_on_verdict {
            return ExitPolicy::Verdict(v.verdict());
        }
        ExitPolicy::Severity(match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        })
    }

    /// Whether these reports fail the run.
    pub fn fails(self, reports: &[FileReport]) -> bool {
        match self {
            ExitPolicy::Zero | ExitPolicy::Severity(None) => false,
            ExitPolicy::Severity(Some(least)) => reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.severity >= least),
            ExitPolicy::Verdict(least) => reports.iter().any(|r| r.verdict >= least),
        }
    }
}

/// When to use colors in human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs `moulint check`: [`Outcome::Findings`] when the exit policy fails
/// the run.
pub fn run(args: CheckArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let text_format = matches!(args.format, Format::Human | Format::Concise);
    if args.quiet && !text_format {
        return Err(Error::Usage(
            "--quiet applies to --format human and concise only".into(),
        ));
    }
    if args.statistics && !(text_format || args.format == Format::Json) {
        return Err(Error::Usage(
            "--statistics applies to --format human, concise and json only".into(),
        ));
    }
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
    let checks = lint::lint_paths(&inputs, catalog, &set, args.max_file_size);
    let run = Run::with_skipped(&checks.reports, &checks.skipped);
    let run = {
        let docs = rule_docs(catalog, &run.rule_ids());
        run.with_rules(docs)
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = Style { color, width: 100 };
    let text = if args.statistics {
        emit::statistics::Statistics {
            json: args.format == Format::Json,
        }
        .render(&run)
    } else if args.quiet {
        format!("{}\n", run.summary.line())
    } else {
        emit::emitter(args.format, style).render(&run)
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, &text, true)?;
            eprintln!("wrote {}: {}", path.display(), run.summary.line());
        }
        None => super::print(&text),
    }
    Ok(if ExitPolicy::of(&args).fails(run.reports) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The documentation of the rule ids a run reports, from the rule registry
/// (checks' metadata, provisions' packs) and `moulint explain`.
fn rule_docs(catalog: &Catalog, ids: &[&str]) -> Vec<RuleDoc> {
    ids.iter()
        .filter_map(|id| {
            let help = super::explain::explain_text(catalog, id)?;
            let (title, summary, severity) = if let Some(meta) = checks::meta(id) {
                let what = first_paragraph(meta.doc, "What it checks");
                (
                    meta.title.to_string(),
                    what.unwrap_or_else(|| meta.summary.to_string()),
                    meta.default_severity,
                )
            } else {
                let v = catalog.provision(id)?;
                (
                    v.def.title.clone(),
                    v.def
                        .summary
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    v.severity,
                )
            };
            Some(RuleDoc {
                id: id.to_string(),
                title,
                summary,
                severity,
                help,
            })
        })
        .collect()
}

/// The first paragraph of a `## heading` section of a check's
/// documentation, on one line.
fn first_paragraph(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let rest = &doc[start..];
    let body = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    let words: Vec<&str> = body.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}
