//! The `moulint` binary: parses the command line, runs the command, and
//! turns the result into the exit code. This is the only place that prints
//! an error or picks an exit code.

use std::process::ExitCode;

use clap::Parser;
use moulint::commands::{self, Cli};

fn main() -> ExitCode {
    match commands::run(Cli::parse()) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
