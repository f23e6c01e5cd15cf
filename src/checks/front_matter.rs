//! `doc.front-matter`: the YAML block that says what the MOU is.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};
use crate::verdict::Verdict;

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: crate::frontmatter::ID,
        title: "Front matter",
        default_severity: Severity::Error,
        decides: &[
            (Kind::Missing, Verdict::Incomplete),
            (Kind::Invalid, Verdict::Incomplete),
        ],
        scope: Scope::Document,
        summary: "front matter missing, malformed, or with unknown keys or bad values",
        doc: "\
## What it checks
The YAML block at the top of the draft (between `---` lines): that it
exists, parses, and holds `template`, `mcp` (or `mcps`), `other_party`
with `name` and `type`, `counties` and `status` (draft, submitted or
executed).

Keys other tools use (`title`, `description`, `author`, `date`, `tags`,
`lang`, `layout`, `version`) and your own keys starting with `x-` are
accepted and ignored. A key close to a moulint key (`stauts`) is an error
with a did-you-mean, since its value would be lost; any other unknown key
is a warning that decides nothing.

A front matter with `report:` is a report's (the MOU Annual Report that
`moulint report annual` drafts): it takes `report` (`annual`), `year`
(YYYY), `plan` and `url`, and no MOU key is asked of it.

A Markdown file with no moulint key in its front matter (a README, a
changelog) is not an MOU draft: in a directory it is skipped, with a count
in the summary; named on the command line it gets one finding saying so.

## Why the state's review cares
The front matter says which template the MOU follows, who the parties are
and where it applies. Without it moulint cannot tell which mandatory
provisions apply, and the draft is reported `incomplete` (or `invalid` when
the YAML cannot be parsed at all).

## Example
```yaml
---
template: base
mcp: Golden Poppy Health Plan
other_party:
  name: Sierra Vista Continuum of Care
  type: continuum-of-care
counties: [Alpine]
effective_date: upon execution
status: draft
---
```

## How to fix
Add the missing key, correct the spelling the finding suggests, or fix the
YAML syntax at the place the finding points to.",
    },
    run,
};

/// The one finding of a file named for checking that is not an MOU draft
/// (no moulint key in its front matter): a README, a changelog.
pub fn not_a_draft(doc: &crate::document::Document) -> Diagnostic {
    let d = Diagnostic::new(
        crate::frontmatter::ID,
        Kind::Missing,
        Severity::Error,
        "not an MOU draft: no front matter with `template:`",
    )
    .with_help(
        "an MOU draft starts with front matter naming its template, parties and counties \
         (`moulint init` writes one); a file that is not a draft need not be named: \
         directories skip such files",
    );
    match &doc.front {
        Some(f) => d
            .with_span(f.span)
            .with_label("no moulint key in this front matter"),
        None => d,
    }
}

/// Front matter findings are made while parsing; this forwards them.
fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    out.extend(ctx.doc.parse_diagnostics.iter().cloned());
}
