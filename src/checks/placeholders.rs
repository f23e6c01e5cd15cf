//! `doc.placeholder`: template slots and drafting notes left in the text.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};
use crate::verdict::Verdict;
use crate::yaml::{Node, Value};

pub const ID: &str = "doc.placeholder";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Unfilled template slot",
        default_severity: Severity::Error,
        decides: &[(Kind::Placeholder, Verdict::Incomplete)],
        scope: Scope::Document,
        summary: "unfilled template slot or drafting note left in the draft",
        doc: "\
## What it checks
Bracketed template slots left in the text or the front matter (`[MCP
Name]`, `[insert date]`, `[description of other party]`), drafting notes
(`[Drafting Note: ...]`, `Note to Draft:`), and `TBD`. Markdown links
(`[text](url)`, `[text][ref]`) are not placeholders, nor are citations such
as `[1]` or `[sic]`, or task boxes `[ ]` and `[x]`.

## Why the state's review cares
An MOU with open slots is not a finished contract: it cannot be executed,
filed or posted, and the state cannot tell whether a slot hides a change to
mandatory text. The draft's verdict is `incomplete` until every slot is
filled.

## Example
`This MOU is between [MCP Name] and Alpine County.` is reported at
`[MCP Name]`.

## How to fix
Replace the slot with the real text (party names, dates, numbers) and
delete drafting notes before the MOU is signed.",
    },
    run,
};

/// A bracketed slot: up to 300 characters between brackets.
const SLOT_CHARS: usize = 300;

/// Bracketed text that is not a slot: citations, `[sic]`, task boxes.
fn is_slot(inner: &str) -> bool {
    let t = inner.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("x") || t.eq_ignore_ascii_case("sic") {
        return false;
    }
    !t.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '-' || c == ' ')
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let drafting = &ctx.catalog.vocab.drafting;
    let note = &drafting.in_text;
    // Many drafts hold no drafting note: one look at all their text spares
    // searching each block for one.
    let joined: Vec<&str> = ctx
        .doc
        .tree
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    let notes = !note.excludes(&joined.join("\n"));
    for b in &ctx.doc.tree.blocks {
        let mut covered = Vec::new();
        for (whole, inner) in crate::text::brackets(&b.text, SLOT_CHARS) {
            let inner = &b.text[inner];
            if !is_slot(inner) {
                continue;
            }
            covered.push(whole.clone());
            let span = b.source_span(whole.clone());
            let d = if drafting.is_note(inner) {
                Diagnostic::new(
                    ID,
                    Kind::Placeholder,
                    Severity::Error,
                    "drafting note left in the draft",
                )
                .with_label("drafting note")
                .with_help("delete the drafting note once its instruction has been followed")
            } else {
                Diagnostic::new(
                    ID,
                    Kind::Placeholder,
                    Severity::Error,
                    format!("template slot `{}` is not filled in", &b.text[whole]),
                )
                .with_label("unfilled slot")
                .with_help("replace the bracketed slot with the real text")
            };
            out.push(
                d.with_span(span)
                    .with_note("a draft with open slots cannot be executed, filed or posted"),
            );
        }
        if !notes {
            continue;
        }
        for m in note.find_iter(&b.text) {
            if covered.iter().any(|r| r.contains(&m.start())) {
                continue;
            }
            let is_tbd = drafting
                .undecided
                .iter()
                .any(|u| m.as_str().eq_ignore_ascii_case(u));
            let msg = if is_tbd {
                "`TBD` left in the draft"
            } else {
                "drafting note left in the draft"
            };
            out.push(
                Diagnostic::new(ID, Kind::Placeholder, Severity::Error, msg)
                    .with_span(b.source_span(m.range()))
                    .with_label(if is_tbd {
                        "to be decided"
                    } else {
                        "drafting note"
                    })
                    .with_help(if is_tbd {
                        "decide and write the value"
                    } else {
                        "delete the drafting note once its instruction has been followed"
                    })
                    .with_note("a draft with open slots cannot be executed, filed or posted"),
            );
        }
    }
    if let Some(root) = ctx.doc.front.as_ref().and_then(|f| f.root.as_ref()) {
        front_matter_slots(root, out);
    }
}

/// Slots in front matter values: `mcp: "[MCP Name]"`.
fn front_matter_slots(n: &Node, out: &mut Vec<Diagnostic>) {
    match &n.value {
        Value::Str(s)
            if crate::text::brackets(s, SLOT_CHARS).any(|(_, inner)| is_slot(&s[inner])) =>
        {
            out.push(
                Diagnostic::new(
                    ID,
                    Kind::Placeholder,
                    Severity::Error,
                    format!("front matter value `{s}` is a template slot"),
                )
                .with_span(n.span)
                .with_label("unfilled slot")
                .with_help("write the real value")
                .with_note("a draft with open slots cannot be executed, filed or posted"),
            );
        }
        Value::Seq(items) => items.iter().for_each(|i| front_matter_slots(i, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| front_matter_slots(v, out)),
        _ => {}
    }
}
