//! `doc.encoding`: files that cannot be read or decoded. The findings are
//! made by the reader (`crate::lint`), before any parsing; this entry
//! carries the documentation.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::registry::{RuleMeta, Scope};
use crate::verdict::Verdict;

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: crate::lint::ENCODING_ID,
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Invalid)],
        scope: Scope::File,
        summary: "the file cannot be read, or is not valid UTF-8",
        doc: "\
## What it checks
That each path can be read and its bytes are UTF-8. A byte order mark,
CRLF line ends and tabs are fine. The finding points at the first byte that
is not UTF-8. Other files in the same run are still checked.

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

fn run(_: &Context, _: &mut Vec<Diagnostic>) {}
