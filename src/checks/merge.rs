//! One cause, one finding: findings different checks make about the same
//! words are merged after the checks run, before the verdict.
//!
//! - A provision found out of bounds (`incomplete`: "the deadline must be
//!   at most 5") where the word comparison also found the template's words
//!   changed (`doc.altered`) is one edit: the provision's finding stays,
//!   and says the wording changed too.
//! - A role whose contact is a template slot (`doc.role` placeholder) is
//!   not counted again by `doc.placeholder` for the same slot.
//!
//! Both merged findings decide the same verdict, so merging never changes
//! it.

use crate::diagnostic::{Diagnostic, Kind, Span};

fn overlaps(a: Span, b: Span) -> bool {
    a.offset < b.end() && b.offset < a.end() || a == b
}

/// Merges findings that share a cause, keeping the others in order.
pub fn one_cause_one_finding(findings: &mut Vec<Diagnostic>, text: &str) {
    let mut gone = vec![false; findings.len()];
    // An out-of-bounds provision and the changed words that made it so.
    for i in 0..findings.len() {
        let d = &findings[i];
        let is_bound = d.kind == Kind::Incomplete && !d.id.starts_with("doc.") && d.span.is_some();
        if !is_bound {
            continue;
        }
        let at = d.span.expect("checked");
        let Some(j) = (0..findings.len()).find(|&j| {
            let a = &findings[j];
            !gone[j]
                && a.id == super::altered::ID
                && a.kind == Kind::Altered
                && !a.advisory
                && a.span.is_some_and(|s| overlaps(s, at))
        }) else {
            continue;
        };
        let (changed, span) = (
            findings[j]
                .message
                .split_once(" changed: ")
                .map_or(findings[j].message.clone(), |(_, c)| c.to_string()),
            findings[j].span.expect("checked"),
        );
        gone[j] = true;
        let d = &mut findings[i];
        let also = format!("the template's wording was changed here too: {changed}");
        d.note = Some(match d.note.take() {
            Some(n) => format!("{n}; {also}"),
            None => also,
        });
        if !(span.contains(at) || at.contains(span)) {
            d.labels.push(crate::diagnostic::Label {
                span,
                message: "changed from the template".into(),
            });
        }
    }
    // Placeholder contacts reported by the role they belong to: the slots
    // on the line of a role's placeholder contact (its table row, its
    // sentence) become labels of the role's finding.
    let line_of = |s: Span| {
        let start = text[..s.offset.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[s.offset.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| s.offset + i);
        start..end
    };
    for r in 0..findings.len() {
        if findings[r].id != super::roles::ID || findings[r].kind != Kind::Placeholder {
            continue;
        }
        let lines: Vec<std::ops::Range<usize>> =
            findings[r].labels.iter().map(|l| line_of(l.span)).collect();
        for p in 0..findings.len() {
            let d = &findings[p];
            let Some(s) = d
                .span
                .filter(|_| d.id == super::placeholders::ID && !gone[p])
            else {
                continue;
            };
            if !lines.iter().any(|l| l.contains(&s.offset)) {
                continue;
            }
            gone[p] = true;
            let role = &mut findings[r];
            if !role.labels.iter().any(|l| l.span == s) {
                role.labels.push(crate::diagnostic::Label {
                    span: s,
                    message: "placeholder contact".into(),
                });
            }
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}
