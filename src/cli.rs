//! Command-line interface: argument parsing and the subcommands.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog::Catalog;
use crate::checks::CHECKS;
use crate::diagnostic::Severity;
use crate::emit;
use crate::error::{exit, Error};
use crate::lint;
use crate::reference::Loaded;
use crate::source::SourceFile;

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
    Check(CheckArgs),
    /// List every check and provision with its id, severity and summary.
    Rules,
    /// Print the section tree moulint sees in a draft (numbers, titles, lines).
    Outline {
        /// The draft to outline.
        path: PathBuf,
    },
    /// Print the documentation of a check or provision.
    Explain {
        /// A provision id (`base.dispute-resolution`) or check id (`doc.dates`).
        id: String,
    },
    /// Write a new MOU draft from the reference text of a template.
    Init(crate::init::InitArgs),
    /// Write the redline report of a draft against its reference template.
    Redline(crate::emit::redline::RedlineArgs),
    /// Reference templates: import the official text, list those in use.
    #[command(subcommand)]
    Template(crate::import::TemplateCommand),
    /// List the template kinds with their entity types and required roles.
    Templates {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// How a command that ran to its end went. Failures are [`Error`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing that fails the run.
    Clean,
    /// At least one finding of severity `error` (`moulint check`).
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
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    let catalog = Catalog::bundled()?;
    match cli.command {
        Command::Check(args) => check(args, catalog),
        Command::Outline { path } => {
            let src = SourceFile::read(&path).map_err(|e| Error::unreadable(&path, e))?;
            print(&outline_text(&crate::document::Document::parse(src)));
            Ok(Outcome::Clean)
        }
        Command::Rules => {
            print(&rules_text(catalog));
            Ok(Outcome::Clean)
        }
        Command::Init(args) => crate::init::run(args, catalog),
        Command::Redline(args) => crate::emit::redline::run(args, catalog),
        Command::Template(cmd) => crate::import::run(cmd, catalog),
        Command::Templates { format } => {
            print(&match format {
                Format::Human => crate::templates_cmd::text(catalog),
                Format::Json => crate::templates_cmd::json(catalog),
            });
            Ok(Outcome::Clean)
        }
        Command::Explain { id } => match explain_text(catalog, &id) {
            Some(text) => {
                print(&text);
                Ok(Outcome::Clean)
            }
            None => {
                let ids = all_ids(catalog);
                let hint = crate::util::suggest::did_you_mean(&id, ids.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                Err(Error::Usage(format!(
                    "no check or provision has the id `{id}`{hint}; `moulint rules` lists them"
                )))
            }
        },
    }
}

/// Writes a command's output to standard output. A closed pipe
/// (`moulint rules | head`) is not an error worth a panic.
pub fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// The reference templates of `--templates DIR`, or the bundled ones.
pub fn template_set(dir: Option<&Path>) -> Result<Loaded, Error> {
    Ok(crate::reference::load(dir)?)
}

fn check(args: CheckArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let paths = lint::collect(&args.paths);
    if paths.is_empty() {
        return Err(Error::Usage(
            "no Markdown files found under the given paths".into(),
        ));
    }
    let set = template_set(args.templates.as_deref())?;
    let reports = lint::lint_paths(&paths, catalog, &set);
    let text = match args.format {
        Format::Json => emit::json::render(&reports),
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            emit::human::render(&reports, emit::human::Style { color, width: 100 })
        }
    };
    print(&text);
    let failed = reports
        .iter()
        .any(|r| r.diagnostics.iter().any(|d| d.severity == Severity::Error));
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn all_ids(catalog: &Catalog) -> Vec<String> {
    let mut ids: Vec<String> = CHECKS.iter().map(|c| c.meta.id.to_string()).collect();
    ids.extend(
        catalog
            .packs
            .iter()
            .flat_map(|p| p.provisions.iter().map(|v| v.id().to_string())),
    );
    ids
}

/// `moulint rules`: one line per check and provision.
pub fn rules_text(catalog: &Catalog) -> String {
    let mut out = String::from("Checks\n");
    for c in CHECKS {
        out.push_str(&format!(
            "  {:<40} {:<8} {}\n",
            c.meta.id,
            c.meta.default_severity.as_str(),
            c.meta.summary
        ));
    }
    for p in &catalog.packs {
        out.push_str(&format!("\nTemplate `{}`: {}\n", p.def.id, p.def.title));
        for v in &p.provisions {
            let sev = if v.def.mandatory {
                v.severity.as_str().to_string()
            } else {
                format!("{} (optional)", v.severity.as_str())
            };
            out.push_str(&format!(
                "  {:<40} {:<8} {}\n",
                v.id(),
                sev,
                v.def.summary.trim()
            ));
        }
    }
    out
}

/// `moulint explain ID`.
pub fn explain_text(catalog: &Catalog, id: &str) -> Option<String> {
    if let Some(meta) = crate::checks::meta(id) {
        return Some(format!(
            "# {} ({})\n\n{}\n\n- scope: {}\n- verdict: {}\n\n{}\n",
            meta.id,
            meta.default_severity.as_str(),
            meta.summary,
            meta.scope.as_str(),
            crate::registry::describe(meta.decides),
            meta.doc.trim()
        ));
    }
    let v = catalog.provision(id)?;
    let mut out = format!(
        "# {}: {}\n\n{}\n\n",
        v.id(),
        v.def.title,
        v.def.summary.trim()
    );
    let required_by: Vec<&str> = catalog
        .packs
        .iter()
        .filter(|p| {
            catalog
                .required(std::slice::from_ref(&p.def.id))
                .iter()
                .any(|r| r.provision.id() == v.id())
        })
        .map(|p| p.def.id.as_str())
        .collect();
    out.push_str(&format!(
        "- {}; severity {}\n- verdict: {}\n- how sure: {}\n- citation: {}\n- required by templates: {}\n",
        if v.def.mandatory {
            "mandatory"
        } else {
            "optional"
        },
        v.severity.as_str(),
        crate::registry::describe(v.decides),
        match v.def.status.as_deref() {
            Some("seed") => "seed (the state's MOU documents)",
            Some("public") => "public (seen in the state's or plans' public pages)",
            Some("param") => "param (not confirmed: our reading of the program, kept as data)",
            _ => "unknown",
        },
        v.citation,
        required_by.join(", ")
    ));
    if !v.def.variants.is_empty() {
        out.push_str(&format!(
            "- also found under the titles: {}\n",
            v.def.variants.join("; ")
        ));
    }
    out.push_str("\n## What it checks\nThe provision must state:\n");
    for e in &v.elements {
        let bound = match (e.def.min, e.def.max) {
            (Some(lo), Some(hi)) => format!(" (between {lo} and {hi})"),
            (None, Some(hi)) => format!(" (at most {hi})"),
            (Some(lo), None) => format!(" (at least {lo})"),
            _ => String::new(),
        };
        out.push_str(&format!("- {}{bound}\n", e.def.description));
    }
    out.push_str(&format!(
        "\n## Why the state's review cares\n{}\n",
        v.def.why.trim()
    ));
    out.push_str(&format!(
        "\n## Example\n```markdown\n{}\n```\n",
        v.def.example.trim()
    ));
    out.push_str(&format!("\n## How to fix\n{}\n", v.def.help.trim()));
    Some(out)
}

/// `moulint outline`: the section tree, indented, with line numbers.
pub fn outline_text(doc: &crate::document::Document) -> String {
    fn walk(doc: &crate::document::Document, i: usize, depth: usize, out: &mut String) {
        let s = &doc.tree.sections[i];
        if i > 0 {
            let (line, _) = doc.source.line_col(s.head_span.offset);
            out.push_str(&format!(
                "{:>5}  {}{} [{:?}]\n",
                line,
                "  ".repeat(depth - 1),
                s.display_name(),
                s.kind
            ));
        }
        for &c in &s.children {
            walk(doc, c, depth + 1, out);
        }
    }
    let mut out = String::new();
    walk(doc, 0, 0, &mut out);
    out
}
