//! `doc.encoding`: files that cannot be read or decoded. There is no
//! document to check, so the finding is made from the read error itself,
//! before any parsing.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::rule::{RuleMeta, Scope};
use crate::source::{ReadError, SourceFile};
use crate::verdict::Verdict;

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Unreadable file",
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Invalid)],
        scope: Scope::File,
        summary: "the file cannot be read, or is not valid UTF-8",
        doc: "\
## What it checks
That each path can be read and its bytes are UTF-8. A byte order mark,
CRLF line ends and tabs are fine. The finding points at the first byte that
is not UTF-8. A Word, PDF, OpenDocument or Rich Text file named on the
command line (known by its first bytes or its extension) gets one finding
that says how to convert it. Other files in the same run are still checked.

## Why the state's review cares
A file moulint cannot read cannot be shown to hold the mandatory
provisions; its verdict is `invalid`.

## Example
A draft saved as Windows-1252 with a curly quote (byte 0x92) is reported
at that byte.

## How to fix
Save the file as UTF-8, or fix the path or its permissions.",
    },
    run,
};

pub const ID: &str = "doc.encoding";

/// A read document has no encoding problem left to find.
fn run(_: &Context, _: &mut Vec<Diagnostic>) {}

/// The finding for a file that could not be read, with the text it points
/// into (the valid prefix of an undecodable file).
pub fn finding(path: &str, e: ReadError) -> (Diagnostic, Option<SourceFile>) {
    match e {
        ReadError::NotFound => (
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                "the file does not exist",
            )
            .with_help("check the path"),
            None,
        ),
        ReadError::Binary { what } => {
            let stem = std::path::Path::new(path)
                .file_stem()
                .map_or("draft".into(), |s| s.to_string_lossy().to_string());
            let help = if what.contains("PDF") {
                "export the MOU from the program that wrote it (Word, Google Docs) as .docx, \
                 convert that to Markdown with `pandoc FILE.docx -t gfm -o FILE.md`, and add the \
                 front matter (`moulint init` shows it)"
                    .to_string()
            } else {
                format!(
                    "convert it to Markdown with `pandoc {path} -t gfm -o {stem}.md`, add the \
                     front matter (`moulint init` shows it) and check the .md file"
                )
            };
            (
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!("the file is {what}, not a Markdown draft"),
                )
                .with_help(help)
                .with_note(
                    "moulint reads Markdown drafts; a converted copy keeps the headings, lists \
                     and tables it needs",
                ),
                None,
            )
        }
        ReadError::Io(msg) => (
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                format!("cannot read the file: {msg}"),
            )
            .with_help("check the path and the file's permissions"),
            None,
        ),
        ReadError::TooLarge { limit, .. } => (
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                format!("the file is larger than the {limit}-byte limit; it was not read"),
            )
            .with_help(
                "an MOU is far smaller: check that this is the right file, or raise the \
                 limit with `--max-file-size`",
            ),
            None,
        ),
        ReadError::Encoding {
            offset,
            line,
            column,
            prefix,
        } => (
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                format!(
                    "the file is not valid UTF-8 (first bad byte at line {line}, column {column})"
                ),
            )
            .with_span(Span::new(offset, 1))
            .with_label("not UTF-8")
            .with_help(
                "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
            )
            .with_note("moulint reads Markdown drafts as UTF-8 text"),
            Some(SourceFile::new(path.to_string(), prefix)),
        ),
    }
}
