//! `moulint completions SHELL`: the shell completion script, generated
//! from the command line's definition.

use clap::CommandFactory;

use super::{Cli, Outcome};
use crate::error::Error;

/// Arguments of `moulint completions`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: CompletionsArgs) -> Result<Outcome, Error> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "moulint", &mut out);
    super::print(&String::from_utf8_lossy(&out));
    Ok(Outcome::Clean)
}
