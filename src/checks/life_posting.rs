//! `life.posting`: an executed MOU with no posted copy recorded, or a
//! posted copy (`posted_copy`) that still shows signatures.

use super::life::{as_of_note, executed, Executed};
use super::life_posted_copy::{signer_lines, Shows};
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
        summary: "an executed MOU with no posted copy recorded in `posted`, or a posted copy (`posted_copy`) that still shows signatures",
        doc: "\
## What it checks
An executed MOU (`status: executed` with an effective date) must record
where its public copy is: `posted: {url, date}`.

With `posted_copy: FILE` (a Markdown file, relative to the MOU file), the
posted copy itself is read: each line a signer writes on (`By:`,
`Signature:`) in its signature blocks must hold \"Original Signed by\", a
conformed signature (`/s/ Name`) or a redaction (`[signature]`,
`[redacted]`; the list is `posted_marks` in
`rules/vocab/signatures.yaml`). A line showing anything else (a name, an
image) is a signature still shown; a blank line means an unsigned copy
was posted; a copy with no signature blocks, or one that cannot be read,
is reported too.

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
YYYY-MM-DD}` to the front matter (or the sidecar `NAME.records.yaml`).
Replace each signature of the posted copy by \"Original Signed by NAME\".",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    if x.records.posted.is_none() {
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
    posted_copy(ctx, &x, out);
}

/// The posted copy's file (`posted_copy`): readable, with signature
/// blocks whose signer lines show "Original Signed by" or a redaction.
fn posted_copy(ctx: &Context, x: &Executed, out: &mut Vec<Diagnostic>) {
    let (Some(copy), Some(read)) = (&x.records.posted_copy, &x.records.posted_copy_text) else {
        return;
    };
    let shown = &read.shown;
    let finding = |kind, message: String, label: &str, help: &str| {
        let d = Diagnostic::new(ID, kind, Severity::Warning, message);
        x.at(d, "posted_copy", copy.span, label)
            .with_help(help)
            .with_note(as_of_note(x.as_of))
    };
    let text = match &read.text {
        Ok(t) => t,
        Err(why) => {
            out.push(finding(
                Kind::Invalid,
                format!("the posted copy {shown} cannot be read: {why}"),
                "posted copy",
                "give the path of the posted copy, relative to this file, as a Markdown file (convert a PDF with `pandoc`)",
            ));
            return;
        }
    };
    let Some(lines) = signer_lines(shown, text, &ctx.catalog.vocab) else {
        out.push(finding(
            Kind::Missing,
            format!("the posted copy {shown} has no signature blocks: it cannot be told from an unsigned draft"),
            "posted copy",
            "post the executed MOU with its signature page, each signature replaced by \"Original Signed by NAME\"",
        ));
        return;
    };
    let list = |shows: Shows| {
        let hits: Vec<String> = lines
            .iter()
            .filter(|l| l.shows == shows)
            .map(|l| format!("line {} `{}`", l.line, l.text))
            .collect();
        hits.join(", ")
    };
    let signed = list(Shows::Signature);
    if !signed.is_empty() {
        out.push(finding(
            Kind::Incomplete,
            format!("the posted copy {shown} still shows signatures: {signed}"),
            "posted copy",
            "replace each signature of the posted copy by \"Original Signed by NAME\" (or redact it) and post it again",
        ));
    }
    let blank = list(Shows::Blank);
    if !blank.is_empty() {
        out.push(finding(
            Kind::Incomplete,
            format!("the posted copy {shown} has signature lines left blank: {blank}"),
            "posted copy",
            "post the executed MOU, with \"Original Signed by NAME\" on each signature line, not an unsigned copy",
        ));
    }
}
