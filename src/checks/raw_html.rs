//! `doc.raw-html`: HTML in the draft other than comments. A browser draws
//! it, so it can hide a clause (`<div hidden>`, `display:none`) or show
//! text that is not in the Markdown moulint reads; MOU drafts need none.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::rule::{RuleMeta, Scope};
use crate::verdict::Verdict;

pub const ID: &str = "doc.raw-html";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Raw HTML",
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Incomplete)],
        scope: Scope::Document,
        summary: "HTML in the draft, which can hide text from a reader or show text moulint does not read",
        doc: "\
## What it checks
Raw HTML anywhere in the body: HTML blocks (`<div hidden>` on its own
line) and tags inside a paragraph (`<span style=\"display:none\">`, `<br>`).
HTML comments are allowed, and so are moulint's own directives, which are
comments; a comment that is opened and never closed is reported, because
it hides everything after it. Text inside an element that raw HTML opens
is not read as the draft's text: it never satisfies a provision, and the
word comparison shows it as deleted.

## Why the state's review cares
What the state and the other party read is the rendered document. HTML
can hide a mandatory clause from that reader (`hidden`, `display:none`,
a white font) while the Markdown still holds it, or show text the Markdown
does not have. A draft is checked only if what moulint reads is what a
reader sees, so its verdict is `incomplete` until the HTML is gone.

## Example
```markdown
<div hidden>

The MCP shall meet with the County at least quarterly.

</div>
```
is reported at `<div hidden>`, and the sentence inside does not count.

## How to fix
Write the text in Markdown (headings, lists, tables, `**bold**`) and delete
the HTML. A line break inside a paragraph is a line end, or two spaces
before it; a page break needs no markup.",
    },
    run,
};

/// The first line of an HTML fragment, at most 80 characters.
fn shown(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut s: String = first.chars().take(80).collect();
    if s.len() < first.len() {
        s.push('…');
    }
    s
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let src = &ctx.doc.source;
    for h in &ctx.doc.tree.raw_html {
        let text = src.slice(h.span);
        let first_len = text.find('\n').unwrap_or(text.len());
        let span = Span::new(h.span.offset, text[..first_len].trim_end().len());
        let d = if h.unclosed_comment {
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                "an HTML comment is opened here and never closed: everything after it is hidden",
            )
            .with_label("comment never closed")
            .with_help("close the comment with `-->`, or delete `<!--`")
        } else {
            let what = if h.block {
                "an HTML block"
            } else {
                "an HTML tag"
            };
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Error,
                format!("{what} in the draft: `{}`", shown(text)),
            )
            .with_label("raw HTML")
            .with_help("write this in Markdown and delete the HTML; text inside it is not read")
        };
        out.push(d.with_span(span).with_note(
            "HTML can hide a clause from the reader, or show text moulint does not read",
        ));
    }
}
