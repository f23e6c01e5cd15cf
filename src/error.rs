//! The one error type of the commands, and the exit codes.
//!
//! Every command returns `Result<Outcome, Error>` (see
//! [`crate::commands::Outcome`]); `main` prints the error, whose `Display`
//! reads like a compiler's (`error: ...`), and exits with
//! [`Error::exit_code`]. No other place prints an error or picks an exit
//! code, so the same failure exits the same way in every command.
//!
//! The library's own error types convert into it: [`PackError`] and
//! [`TemplateError`] are configuration errors, [`WriteError`] a write
//! error, and [`Error::unreadable`] words a [`ReadError`].

use std::path::{Path, PathBuf};

use crate::catalog::PackError;
use crate::reference::TemplateError;
use crate::source::ReadError;
use crate::util::fs::WriteError;

/// Exit codes: part of the public interface (the README's "Exit codes").
pub mod exit {
    /// No finding of severity `error`.
    pub const OK: u8 = 0;
    /// At least one `error` finding, or an input that cannot be read.
    pub const FINDINGS: u8 = 1;
    /// A usage or configuration error, or an output that cannot be written.
    pub const USAGE: u8 = 2;
}

/// Why a command stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Arguments that cannot be acted on: an unknown id, a missing value,
    /// no files to check. Exit code 2.
    Usage(String),
    /// A rule pack or reference template that does not load or assemble.
    /// `message` is the whole sentence (it names the pack, template or
    /// file); `file` and `line` locate the problem for tools, when known.
    /// Exit code 2.
    Config {
        file: Option<PathBuf>,
        line: Option<usize>,
        message: String,
    },
    /// An input the command needs cannot be read (missing, not UTF-8, too
    /// large). Exit code 1, the code of an unreadable file in `check`.
    Read { path: PathBuf, message: String },
    /// An output cannot be written, or is refused (it exists, it is not a
    /// regular file); `message` is the whole sentence. Exit code 2.
    Write { path: PathBuf, message: String },
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { .. } => exit::FINDINGS,
            Error::Usage(_) | Error::Config { .. } | Error::Write { .. } => exit::USAGE,
        }
    }

    /// `path` could not be read as a draft: why, in words.
    pub fn unreadable(path: &Path, e: ReadError) -> Error {
        let message = match e {
            // A path that names nothing is a mistake in the arguments.
            ReadError::NotFound => {
                return Error::Usage(format!("{} does not exist", path.display()))
            }
            ReadError::Binary { what } => format!(
                "it is {what}, not a Markdown draft (convert it, for example with `pandoc -t gfm`)"
            ),
            ReadError::Io(m) => m,
            ReadError::Encoding { line, column, .. } => {
                format!("not valid UTF-8 (line {line}, column {column})")
            }
            ReadError::TooLarge { size, limit } => {
                format!("{size} bytes, over the {limit}-byte limit")
            }
        };
        Error::Read {
            path: path.to_path_buf(),
            message,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(message)
            | Error::Config { message, .. }
            | Error::Write { message, .. } => write!(f, "error: {message}"),
            Error::Read { path, message } => {
                write!(f, "error: cannot read {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<PackError> for Error {
    fn from(e: PackError) -> Error {
        Error::Config {
            file: None,
            line: None,
            message: e.to_string(),
        }
    }
}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Error {
        Error::Config {
            file: e.path.clone(),
            line: None,
            message: e.to_string(),
        }
    }
}

impl From<WriteError> for Error {
    fn from(e: WriteError) -> Error {
        let path = match &e {
            WriteError::Exists(p) | WriteError::Failed { path: p, .. } => p.clone(),
        };
        Error::Write {
            path,
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_compiler_and_maps_to_the_documented_codes() {
        let usage = Error::Usage("name the plan with --mcp".into());
        assert_eq!(usage.to_string(), "error: name the plan with --mcp");
        assert_eq!(usage.exit_code(), 2);
        let read = Error::unreadable(
            Path::new("d.md"),
            ReadError::Encoding {
                offset: 3,
                line: 2,
                column: 4,
                prefix: String::new(),
            },
        );
        assert_eq!(
            read.to_string(),
            "error: cannot read d.md: not valid UTF-8 (line 2, column 4)"
        );
        assert_eq!(read.exit_code(), 1);
        let config = Error::from(PackError {
            pack: "base".into(),
            message: "unknown key `x`".into(),
        });
        assert_eq!(
            config.to_string(),
            "error: rule pack `base`: unknown key `x`"
        );
        assert_eq!(config.exit_code(), 2);
        let write = Error::from(WriteError::Exists(PathBuf::from("out.md")));
        assert_eq!(
            write.to_string(),
            "error: out.md already exists: pass --force to replace it"
        );
        assert_eq!(write.exit_code(), 2);
    }
}
