//! The `moulint` binary: parses the command line, runs the command, and
//! turns the result into the exit code. This is the only place that prints
//! an error or picks an exit code.

use std::process::ExitCode;

use clap::Parser;
use moulint::commands::{self, Cli};

#[global_allocator]
static ALLOCATOR: moulint::allocator::MiMalloc = moulint::allocator::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc's `mi_option_e`: committed
/// on first touch instead of a whole arena at once, mimalloc's resident
/// memory stays near what the check uses (76 MB instead of 146 MB for 200
/// drafts).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Set before anything allocates (the runtime allocates before `main`),
/// from the program's initializers.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn configure() {
        // SAFETY: setting an option is allowed at any time; this one is
        // read when an arena is reserved.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
    }
    configure
};

fn main() -> ExitCode {
    match commands::run(Cli::parse()) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
