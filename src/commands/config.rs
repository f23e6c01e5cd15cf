//! `moulint config [FILE]`: the effective configuration for a file (or
//! for the files of a directory), and where each value came from.

use std::path::PathBuf;

use super::Outcome;
use crate::catalog::Catalog;
use crate::config::{self, Loader};
use crate::error::Error;

/// Arguments of `moulint config`.
#[derive(clap::Args, Debug)]
pub struct ConfigArgs {
    /// The draft (or directory) whose configuration to print; the working
    /// directory when left out.
    pub file: Option<PathBuf>,
}

/// Prints the configuration; a configuration error exits 2, as in `check`.
pub fn run(args: ConfigArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let file = args.file.unwrap_or_else(|| PathBuf::from("."));
    if std::fs::symlink_metadata(&file).is_err() {
        return Err(Error::Usage(format!("{} does not exist", file.display())));
    }
    let mut loader = Loader::new(catalog);
    let found = loader.for_path(&file)?;
    super::print(&config::show::render(
        &config::absolute(&file),
        found.as_deref(),
    ));
    Ok(Outcome::Clean)
}
