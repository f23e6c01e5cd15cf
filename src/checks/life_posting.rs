//! `life.posting`: an executed MOU with no posted copy recorded.

use super::life::{as_of_note, executed};
use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "life.posting";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Posted copy",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "an executed MOU with no posted copy recorded in `posted`",
        doc: "\
## What it checks
An executed MOU (`status: executed` with an effective date) must record
where its public copy is: `posted: {url, date}`.

## Why the state's review cares
Every template's General Provisions require the plan to post the executed
MOU on its website (signatures may be replaced by \"Original Signed by\").

## Example
```yaml
status: executed
effective_date: 2025-01-01
# no `posted:`
```

## How to fix
Post the executed MOU and add `posted: {url: https://..., date:
YYYY-MM-DD}` to the front matter.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    if x.records.posted.is_some() {
        return;
    }
    out.push(
        Diagnostic::new(
            ID,
            Kind::Missing,
            Severity::Warning,
            "the executed MOU has no posted copy recorded",
        )
        .with_span(x.status_span)
        .with_label("executed")
        .with_help("post the executed MOU on the plan's website and add `posted: {url, date}`")
        .with_note(as_of_note(x.as_of)),
    );
}
