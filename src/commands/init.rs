//! `moulint init`: writes a new draft from the reference text of one or
//! more templates (the draft itself is made by [`crate::new_draft`]).
//!
//! The draft goes to standard output, or to `-o FILE`: never over an
//! existing file unless `--force`, and atomically
//! ([`crate::util::fs::write_atomic`]), so a failed run leaves nothing half
//! written. After writing a file, a line on standard error says how many
//! slots and drafting notes are left.

use std::path::PathBuf;

use super::Outcome;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::new_draft::{open_items, render, Request};
use crate::util::fs::{write_atomic, WriteError};

/// Arguments of `moulint init`.
#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Template kind (`moulint templates` lists them). Repeat it, or give a
    /// comma list, for a combined MOU: `--template mhp,dmc-ods`.
    #[arg(
        long = "template",
        short = 't',
        required = true,
        value_delimiter = ',',
        value_name = "KIND"
    )]
    pub templates: Vec<String>,
    /// The managed care plan's name. Repeat it for an MOU several plans sign.
    #[arg(long = "mcp", required = true, value_name = "NAME")]
    pub mcps: Vec<String>,
    /// The other party's legal name.
    #[arg(long, value_name = "NAME")]
    pub party: String,
    /// The other party's entity type (default: the template's first one).
    #[arg(long = "party-type", value_name = "TYPE")]
    pub party_type: Option<String>,
    /// A county the MOU covers. Repeat it for several.
    #[arg(long = "county", required = true, value_name = "NAME")]
    pub counties: Vec<String>,
    /// Write the draft to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it already exists.
    #[arg(long)]
    pub force: bool,
    /// Take the reference text from DIR (`<id>.md` files) instead of the
    /// bundled templates.
    #[arg(long = "templates", value_name = "DIR")]
    pub templates_dir: Option<PathBuf>,
}

/// Runs `moulint init`.
pub fn run(args: InitArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let req = Request::new(
        &args.templates,
        &args.mcps,
        &args.party,
        args.party_type.as_deref(),
        &args.counties,
        catalog,
    )?;
    let set = super::template_set(args.templates_dir.as_deref(), catalog)?;
    let text = render(&req, catalog, &set)?;
    match &args.output {
        None => super::print(&text),
        Some(path) => {
            write_atomic(path, &text, args.force).map_err(|e| match e {
                WriteError::Exists(p) => Error::Write {
                    message: format!(
                        "{} already exists; moulint init does not overwrite it (use --force to replace it)",
                        p.display()
                    ),
                    path: p,
                },
                e => e.into(),
            })?;
            let (slots, notes) = open_items(&text, &catalog.vocab.drafting);
            eprintln!(
                "wrote {}: {slots} slots to fill and {notes} drafting notes to remove; `moulint check {}` lists them",
                path.display(),
                path.display()
            );
        }
    }
    Ok(Outcome::Clean)
}
