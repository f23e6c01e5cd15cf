//! The command line: the clap [`Cli`] and [`Command`], and the dispatch.
//!
//! One file per subcommand, holding its clap arguments next to its `run`
//! and the text it prints; the work itself is library code:
//!
//! | command | file | library it drives |
//! |---|---|---|
//! | `check` | [`check`] | [`crate::lint`], [`crate::emit`] |
//! | `rules` | [`rules`] | [`crate::checks`], [`crate::catalog`] |
//! | `explain` | [`explain`] | [`crate::checks`], [`crate::catalog`] |
//! | `outline` | [`outline`] | [`crate::document`] |
//! | `init` | [`init`] | [`crate::new_draft`] |
//! | `redline` | [`redline`] | [`crate::emit::redline`] |
//! | `template import`, `template list` | [`template`] | [`crate::import`], [`crate::reference`] |
//! | `templates` | [`templates`] | [`crate::catalog`] |
//! | `config` | [`config`] | [`crate::config`] |
//! | `baseline write` | [`baseline`] | [`crate::baseline`] |
//! | `portfolio` | [`portfolio`] | [`crate::portfolio`], [`crate::repository`] |
//! | `report site`, `report annual` | [`report`] | [`crate::report`], [`crate::repository`] |
//! | `completions` | [`completions`] | `clap_complete` |
//!
//! A command returns an [`Outcome`] or an [`Error`]; it never prints an
//! error or picks an exit code (`main` does both).

pub mod baseline;
pub mod check;
pub mod completions;
pub mod config;
pub mod explain;
pub mod init;
pub mod outline;
pub mod portfolio;
pub mod redline;
pub mod report;
pub mod rules;
pub mod template;
pub mod templates;

use std::io::Write;
use std::path::Path;

use clap::{Parser, Subcommand};

use crate::catalog::Catalog;
use crate::error::{exit, Error};
use crate::reference::TemplateSet;

#[derive(Parser, Debug)]
#[command(
    name = "moulint",
    version,
    about = "Compliance linter for Medi-Cal MCP Memoranda of Understanding (APL 23-029)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check MOU drafts (files, or directories walked for *.md).
    Check(check::CheckArgs),
    /// List every check and provision with its id, severity and summary.
    Rules(rules::RulesArgs),
    /// Print the section tree moulint sees in a draft (numbers, titles, lines).
    Outline(outline::OutlineArgs),
    /// Print the documentation of a check or provision.
    Explain(explain::ExplainArgs),
    /// Write a new MOU draft from the reference text of a template.
    Init(init::InitArgs),
    /// Write the redline report of a draft against its reference template.
    Redline(redline::RedlineArgs),
    /// Reference templates: import the official text, list those in use.
    #[command(subcommand)]
    Template(template::TemplateCommand),
    /// List the template kinds with their entity types and required roles.
    Templates(templates::TemplatesArgs),
    /// Baselines: record the current findings, for `check --baseline`.
    #[command(subcommand)]
    Baseline(baseline::BaselineCommand),
    /// Print the effective configuration for a file and where each value
    /// came from.
    Config(config::ConfigArgs),
    /// Print the county x template matrix of the plan's MOUs against its plan profile.
    Portfolio(portfolio::PortfolioArgs),
    /// Write the public MOU information page, or the MOU Annual Report draft.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
}

/// How a command that ran to its end went. Failures are [`Error`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing that fails the run.
    Clean,
    /// Findings that fail the run under `moulint check`'s exit policy (by
    /// default, at least one of severity `error`).
    Findings,
}

impl Outcome {
    /// The process exit code for this outcome.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => exit::OK,
            Outcome::Findings => exit::FINDINGS,
        }
    }
}

/// Runs a parsed command line.
/// The packs and vocabularies are loaded here, once, for the commands that
/// read them, and passed down.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    if let Command::Outline(args) = cli.command {
        return outline::run(args);
    }
    if let Command::Completions(args) = cli.command {
        return completions::run(args);
    }
    // `check` compiles ahead, on another core, the regexes its checks will
    // compile: the built-in ones while the catalog loads, then, for one
    // draft, those of the catalog it may need (`check::warm`). The thread
    // reads only statics, the leaked catalog and the draft, and is not
    // waited for: the process ends with the command.
    let catalog_to_warm = match &cli.command {
        Command::Check(args) => {
            let draft = match args.paths.as_slice() {
                [p] if p.is_file() => Some(p.clone()),
                _ => None,
            };
            // Compared with the bundled templates, unless `--templates`
            // says otherwise (a configuration's `templates` is not known
            // yet: the guess then prepares one reference in vain).
            let bundled = args.templates.is_none();
            let (send, receive) = std::sync::mpsc::channel::<&'static Catalog>();
            std::thread::spawn(move || {
                crate::checks::warm_patterns();
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                if let (Some(draft), Ok(catalog), true) = (draft, receive.recv(), cores > 1) {
                    check::warm(catalog, &draft, bundled);
                }
            });
            Some(send)
        }
        _ => None,
    };
    // Dropping what the catalog holds at exit would only take time.
    let catalog: &'static Catalog = Box::leak(Box::new(Catalog::bundled()?));
    if let Some(send) = catalog_to_warm {
        let _ = send.send(catalog);
    }
    match cli.command {
        Command::Check(args) => check::run(args, catalog),
        Command::Rules(args) => rules::run(args, catalog),
        Command::Outline(_) => unreachable!("handled above"),
        Command::Explain(args) => explain::run(args, catalog),
        Command::Init(args) => init::run(args, catalog),
        Command::Redline(args) => redline::run(args, catalog),
        Command::Template(cmd) => template::run(cmd, catalog),
        Command::Templates(args) => templates::run(args, catalog),
        Command::Config(args) => config::run(args, catalog),
        Command::Baseline(cmd) => baseline::run(cmd, catalog),
        Command::Portfolio(args) => portfolio::run(args, catalog),
        Command::Report(cmd) => report::run(cmd, catalog),
        Command::Completions(_) => unreachable!("handled above"),
    }
}

/// Writes a command's output to standard output. A closed pipe
/// (`moulint rules | head`) is not an error worth a panic.
pub(crate) fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// Standard output for a command that streams: a closed pipe (`moulint
/// check | head`) ends the output quietly, and what follows is dropped.
#[derive(Default)]
pub(crate) struct Stdout {
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed && std::io::stdout().lock().write_all(buf).is_err() {
            self.closed = true;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.closed && std::io::stdout().lock().flush().is_err() {
            self.closed = true;
        }
        Ok(())
    }
}

/// The reference templates of `--templates DIR`, or the bundled ones.
/// A template that tags a provision id no pack defines is a configuration
/// error: its text would be compared with nothing.
pub(crate) fn template_set(dir: Option<&Path>, catalog: &Catalog) -> Result<TemplateSet, Error> {
    let set = crate::reference::load(dir)?;
    for t in set.templates() {
        for (id, _) in t.provisions() {
            if catalog.provision(&id).is_some() {
                continue;
            }
            let file = dir.map(|d| d.join(format!("{}.md", t.id)));
            let ids = catalog
                .packs
                .iter()
                .flat_map(|p| p.provisions.iter().map(|v| v.id()));
            let hint = crate::util::suggest::did_you_mean(&id, ids)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            let shown = file
                .as_ref()
                .map_or(t.id.clone(), |f| f.display().to_string());
            return Err(Error::Config {
                line: t.body_line_of(&id),
                file,
                message: format!(
                    "template {shown} tags `{id}`, which is no provision{hint}; `moulint rules` \
                     lists the ids"
                ),
            });
        }
    }
    Ok(set)
}
