//! `doc.template-unknown`: the front matter names a template we do not know.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};
use crate::util::suggest::did_you_mean;
use crate::verdict::Verdict;

pub const ID: &str = "doc.template-unknown";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Unknown template",
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Incomplete)],
        scope: Scope::Document,
        summary: "the template id in the front matter is not a known template",
        doc: "\
## What it checks
Each id under `template:` must name a template kind moulint knows
(`moulint templates` lists them).

## Why the state's review cares
The state requires the Bespoke template for every MOU the MCP Contract
requires. A misspelt id means the draft is checked against the wrong
provisions, or only against the Base ones.

## Example
`template: mph` is reported with the suggestion `mhp`.

## How to fix
Use one of the listed ids; for a combined MOU give a list: `[mhp, dmc-ods]`.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &ctx.doc.front else { return };
    for t in &fm.templates {
        if ctx.catalog.pack(&t.value).is_some() {
            continue;
        }
        let known: Vec<&str> = ctx.catalog.template_ids().collect();
        let help = match did_you_mean(&t.value, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Known templates: {}", known.join(", ")),
            None => format!("known templates: {}", known.join(", ")),
        };
        out.push(
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                format!("unknown template `{}`", t.value),
            )
            .with_span(t.span)
            .with_label("not a known template id")
            .with_help(help),
        );
    }
}
