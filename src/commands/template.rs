//! `moulint template import FILE --id ID`: tags a Markdown copy of an
//! official template (see [`crate::import`]) and writes it atomically to
//! `DIR/<id>.md`, then lists what it tagged and what it could not find;
//! `moulint template list`: the reference templates in use, with their
//! versions and tagged provisions.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Outcome;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::import::{import, Imported};
use crate::reference::{Origin, TemplateSet};
use crate::util::fs::write_atomic;

/// The subcommands of `moulint template`.
#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// Turn a Markdown copy of an official template into a reference
    /// template (tags its provisions; reports those it could not tag).
    Import(ImportArgs),
    /// List the reference templates in use: versions and tagged provisions.
    List(ListArgs),
}

/// Arguments of `moulint template import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The template as Markdown (for example converted from DOCX).
    pub file: PathBuf,
    /// The template kind it is (`base`, `mhp`, ...; `moulint templates`).
    #[arg(long)]
    pub id: String,
    /// The template's version (for example the state's release date, `2025-05`).
    #[arg(long)]
    pub version: Option<String>,
    /// Directory to write `<id>.md` into.
    #[arg(long, value_name = "DIR", default_value = "templates")]
    pub out: PathBuf,
    /// Replace an existing `DIR/<id>.md`.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `moulint template list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Read `<id>.md` templates from DIR instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs `moulint template import` or `moulint template list`.
pub fn run(cmd: TemplateCommand, catalog: &Catalog) -> Result<Outcome, Error> {
    match cmd {
        TemplateCommand::Import(args) => {
            let source = crate::source::SourceFile::read(&args.file)
                .map_err(|e| Error::unreadable(&args.file, e))?;
            let imported = import(&source.text, &args.id, args.version.as_deref(), catalog)?;
            std::fs::create_dir_all(&args.out).map_err(|e| Error::Write {
                path: args.out.clone(),
                message: format!("cannot create {}: {e}", args.out.display()),
            })?;
            let path = args.out.join(format!("{}.md", args.id));
            write_atomic(&path, &imported.text, args.force).map_err(|e| match e {
                crate::util::fs::WriteError::Exists(p) => Error::Write {
                    message: format!("{} already exists: pass --force to replace it", p.display()),
                    path: p,
                },
                e => e.into(),
            })?;
            super::print(&summary(&path, &args.id, &imported));
        }
        TemplateCommand::List(args) => {
            let set = super::template_set(args.templates.as_deref(), catalog)?;
            super::print(&list_text(&set));
        }
    }
    Ok(Outcome::Clean)
}

/// What an import did, for the terminal.
pub fn summary(path: &Path, id: &str, imp: &Imported) -> String {
    let mut o = format!(
        "wrote {} (template `{id}`, version {}): {} provisions tagged, {} not found\n",
        path.display(),
        imp.version.as_deref().unwrap_or("not given"),
        imp.tagged.len(),
        imp.untagged.len()
    );
    for t in &imp.tagged {
        let how = if t.existing { " (mark kept)" } else { "" };
        o.push_str(&format!(
            "  tagged  {:<40} line {:<5} {}{how}\n",
            t.id, t.line, t.title
        ));
    }
    if !imp.untagged.is_empty() {
        o.push_str(
            "could not tag these provisions: add `<!-- moulint: provision ID -->` (or `optional \
             ID`) on the line before each one's heading\n",
        );
        for u in &imp.untagged {
            o.push_str(&format!(
                "  missing {:<40} {} ({})\n",
                u.id,
                u.title,
                if u.mandatory { "mandatory" } else { "optional" }
            ));
        }
    }
    if imp.version.is_none() {
        o.push_str("no version given: pass --version so `doc.template-version` can compare drafts with it\n");
    }
    o
}

/// `moulint template list`.
pub fn list_text(set: &TemplateSet) -> String {
    let origin = match &set.origin {
        Origin::Bundled => "bundled reference templates (moulint's own wording)".to_string(),
        Origin::Dir(d) => format!("templates in {}", d.display()),
    };
    let mut o = format!("{origin}\n");
    for t in set.templates() {
        let marks = t.provisions();
        let optional = marks.iter().filter(|(_, o)| *o).count();
        let mandatory = marks.len() - optional;
        let mut versions = t.version.clone().unwrap_or_else(|| "unversioned".into());
        if !t.previous.is_empty() {
            versions.push_str(&format!(" (earlier: {})", t.previous.join(", ")));
        }
        o.push_str(&format!(
            "  {:<16} {:<28} {:>2} mandatory, {:>2} optional  {}\n",
            t.id,
            versions,
            mandatory,
            optional,
            if t.standalone {
                "complete text"
            } else {
                "articles inserted into base"
            }
        ));
    }
    o
}
