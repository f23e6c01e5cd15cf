//! `doc.suppression`: inline suppressions (`<!-- moulint-disable... -->`)
//! and the findings about them. A suppression takes effect only with a
//! reason; one without a reason, a malformed one, an unmatched
//! `moulint-enable` and one that suppresses nothing are findings of this
//! check. [`apply`] runs after every other check, since whether a
//! suppression suppresses anything depends on their findings.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span, Suppressed, SuppressedBy};
use crate::directives::{DirectiveKind, Scope as Covers, Suppression, APPROVED};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "doc.suppression";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Inline suppression",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "a suppression comment without a reason, malformed, or that suppresses nothing",
        doc: "\
## What it checks
The suppression comments of a draft:

```markdown
<!-- moulint-disable-next-line ID... -- reason -->
<!-- moulint-disable ID... -- reason -->   ...   <!-- moulint-enable ID... -->
<!-- moulint-disable-file ID... -- reason -->
```

IDs are rule ids or id prefixes (`base.general`), separated by spaces or
commas. `disable-next-line` covers findings that start on the line after
the comment; `disable` those that start after it, up to the
`moulint-enable` naming the same id (or the end of the file);
`disable-file` every finding of the ids in the file, including file-wide
ones such as a missing provision. A suppression without a reason
suppresses nothing and is reported, as is a malformed comment, a
`moulint-enable` with no `moulint-disable` before it, and a suppression
that matches no finding.

## Why the state's review cares
A suppression records a deviation: the reason is its audit trail. A
suppressed finding still decides the verdict (a suppressed missing
mandatory provision is still a redline), unless the reason records the
state's approval: `-- approved-by-dhcs YYYY-MM-DD: reason`. The summary
counts suppressed findings, and the JSON and SARIF outputs list them with
their reasons. `moulint check --no-inline-suppressions` ignores them all.

## Example
```markdown
<!-- moulint-disable-next-line doc.placeholder -->
The County's address is [to be confirmed].
```
has no reason: the placeholder is still reported, and so is the comment.

## How to fix
Give the reason after ` -- `, remove a suppression that no longer
suppresses anything, or fix the finding instead.",
    },
    run,
};

/// Nothing runs with the other checks: see [`apply`].
fn run(_: &Context, _: &mut Vec<Diagnostic>) {}

/// One suppression comment of the draft.
struct Comment<'a> {
    span: Span,
    /// 1-based lines of the comment's start and end.
    line: usize,
    end_line: usize,
    s: &'a Suppression,
    used: bool,
}

/// Whether `id` is `selector` or starts with `selector.`.
pub fn matches(selector: &str, id: &str) -> bool {
    id == selector
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// What applying a draft's suppressions gave.
pub struct Applied {
    /// The findings left.
    pub kept: Vec<Diagnostic>,
    /// The findings suppressed, with their suppression.
    pub suppressed: Vec<Suppressed>,
}

/// Applies the draft's suppression comments to its findings, and adds the
/// findings of this check (a suppression without a reason, malformed, an
/// unmatched `moulint-enable`, or one that suppresses nothing).
pub fn apply(ctx: &Context, diagnostics: Vec<Diagnostic>) -> Applied {
    let src = &ctx.doc.source;
    let mut comments = Vec::new();
    let mut findings = Vec::new();
    for d in &ctx.doc.directives {
        match &d.kind {
            DirectiveKind::Suppress(s) => comments.push(Comment {
                span: d.span,
                line: src.line_col(d.span.offset).0,
                end_line: src.line_col(d.span.end()).0,
                s,
                used: false,
            }),
            DirectiveKind::Malformed { text, error } if text.starts_with("moulint-") => {
                findings.push(finding(d.span, format!("malformed suppression: {error}")));
            }
            _ => {}
        }
    }
    // Where each `moulint-disable` ends: the first later `moulint-enable`
    // naming the same id.
    let mut ends: Vec<Vec<usize>> = vec![Vec::new(); comments.len()];
    let mut enable_used = vec![false; comments.len()];
    for (i, c) in comments.iter().enumerate() {
        if c.s.scope != Covers::Disable {
            continue;
        }
        for id in &c.s.ids {
            let end = comments
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, e)| e.s.scope == Covers::Enable && e.s.ids.iter().any(|x| x == id));
            ends[i].push(match end {
                Some((j, e)) => {
                    enable_used[j] = true;
                    e.line
                }
                None => usize::MAX,
            });
        }
    }
    for (c, used) in comments.iter().zip(&enable_used) {
        if c.s.scope == Covers::Enable && !used {
            findings.push(
                finding(
                    c.span,
                    format!(
                        "`moulint-enable {}` has no `moulint-disable` before it",
                        c.s.ids.join(" ")
                    ),
                )
                .with_help("remove it, or add the `moulint-disable` it ends"),
            );
        }
        if c.s.scope != Covers::Enable && c.s.reason.is_none() {
            findings.push(
                finding(
                    c.span,
                    "suppression without a reason: it suppresses nothing",
                )
                .with_help(format!(
                    "give the reason after ` -- ` (`-- {APPROVED} YYYY-MM-DD: reason` when \
                         the state approved the deviation)"
                ))
                .with_note("the reason is the audit trail of the deviation"),
            );
        }
    }
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    for d in diagnostics {
        let line = d.span.map(|s| src.line_col(s.offset).0);
        let by = comments.iter().enumerate().position(|(i, c)| {
            c.s.reason.is_some()
                && c.s.ids.iter().enumerate().any(|(k, sel)| {
                    matches(sel, &d.id)
                        && match (c.s.scope, line) {
                            (Covers::File, _) => true,
                            (Covers::NextLine, Some(l)) => l == c.end_line + 1,
                            (Covers::Disable, Some(l)) => l > c.end_line && l < ends[i][k],
                            _ => false,
                        }
                })
        });
        match by {
            Some(i) => {
                let c = &mut comments[i];
                c.used = true;
                suppressed.push(Suppressed {
                    diagnostic: d,
                    by: SuppressedBy::Inline {
                        line: c.line,
                        reason: c.s.reason.clone().unwrap_or_default(),
                        approved_by_dhcs: c.s.approved_by_dhcs.clone(),
                    },
                });
            }
            None => kept.push(d),
        }
    }
    for c in &comments {
        if c.used || c.s.scope == Covers::Enable || c.s.reason.is_none() {
            continue;
        }
        let unknown: Vec<&String> = c.s.ids.iter().filter(|sel| !known(ctx, sel)).collect();
        let help = match unknown.first() {
            Some(sel) => {
                let ids = rule_ids(ctx);
                match crate::util::suggest::did_you_mean(sel, ids.iter().map(String::as_str)) {
                    Some(s) => format!("`{sel}` matches no rule: did you mean `{s}`?"),
                    None => format!("`{sel}` matches no rule; `moulint rules` lists the ids"),
                }
            }
            None => "remove the suppression: the finding it was for is gone".to_string(),
        };
        findings.push(
            finding(
                c.span,
                format!("suppression of `{}` suppresses nothing", c.s.ids.join(" ")),
            )
            .with_help(help),
        );
    }
    kept.extend(findings);
    Applied { kept, suppressed }
}

/// Every rule id: the checks' and the provisions'.
fn rule_ids(ctx: &Context) -> Vec<String> {
    let mut ids: Vec<String> = super::CHECKS
        .iter()
        .map(|c| c.meta.id.to_string())
        .collect();
    for p in &ctx.catalog.packs {
        ids.extend(p.provisions.iter().map(|v| v.id().to_string()));
    }
    ids
}

/// Whether a selector matches any rule.
fn known(ctx: &Context, selector: &str) -> bool {
    rule_ids(ctx).iter().any(|id| matches(selector, id))
}

fn finding(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(ID, Kind::Invalid, Severity::Warning, message)
        .with_span(span)
        .with_label("suppression")
        .advisory()
}
