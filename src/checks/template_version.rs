//! `doc.template-version`: a draft not yet executed must follow the newest
//! version of its templates.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::frontmatter::Status;
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "doc.template-version";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Template version",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "the draft follows an older (or unknown) version of its template",
        doc: "\
## What it checks
The front matter's `template_version` against the versions of the draft's
reference templates (each template file carries `version:` and its
`previous:` versions; `moulint template list` shows them). A draft not yet
executed that names an older version gets a warning naming the newest one.
An executed MOU is left alone. A version moulint does not know is reported
too. A draft without `template_version` is compared with the newest
version and gets no finding.

## Why the state's review cares
DHCS revises its templates with technical changes. An MOU executed before a
change needs no amendment, but a draft not yet executed must use the most
recent version, or the state's review will send it back.

## Example
```yaml
template: base
template_version: \"2023-07\"   # the newest Base version is 2024-01
status: draft
```

## How to fix
Move the draft to the newest template version (`moulint redline` against
the newest reference shows what differs) and update `template_version`.",
    },
    run,
};

/// How a version compares with a template's versions.
enum Standing {
    Current,
    Older(String),
    Unknown,
}

/// Versions written as dates (`2024-01`, `2025-05-15`) compare as text.
fn date_like(v: &str) -> bool {
    v.get(..4)
        .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

fn standing(v: &str, versions: &[String]) -> Standing {
    let Some(newest) = versions.last() else {
        return Standing::Current;
    };
    if v == newest {
        Standing::Current
    } else if versions.iter().any(|k| k == v)
        || (date_like(v) && date_like(newest) && v < newest.as_str())
    {
        Standing::Older(newest.clone())
    } else {
        Standing::Unknown
    }
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &ctx.doc.front else { return };
    let Some(v) = &fm.template_version else {
        return;
    };
    let executed = fm
        .status
        .as_ref()
        .is_some_and(|s| s.value == Status::Executed);
    let mut named: Vec<String> = ctx.doc.template_ids();
    named.retain(|t| ctx.templates.contains(t));
    if named.is_empty() {
        named = ctx.templates.clone();
    }
    let mut older: Vec<(String, String)> = Vec::new();
    let mut unknown: Vec<(String, Vec<String>)> = Vec::new();
    for t in &named {
        let versions: Vec<String> = match ctx.references().set.get(t) {
            Some(f) => f.versions(),
            None => ctx
                .catalog
                .pack(t)
                .and_then(|p| p.def.version.clone())
                .into_iter()
                .collect(),
        };
        match standing(&v.value, &versions) {
            Standing::Current => {}
            Standing::Older(n) => older.push((t.clone(), n)),
            Standing::Unknown => unknown.push((t.clone(), versions)),
        }
    }
    if !older.is_empty() && !executed {
        let newer: Vec<String> = older
            .iter()
            .map(|(t, n)| format!("`{t}` is at version {n}"))
            .collect();
        let newest = &older[0].1;
        out.push(
            Diagnostic::new(
                ID,
                Kind::Outdated,
                Severity::Warning,
                format!(
                    "the draft follows template version {}, but a newer one exists: {}",
                    v.value,
                    crate::reference::join_names(&newer)
                ),
            )
            .with_span(v.span)
            .with_label(format!("older than {newest}"))
            .with_help(format!(
                "move the draft to the newest template version and set `template_version: \"{newest}\"`"
            ))
            .with_note(
                "a draft not yet executed must use the most recent template version; an MOU \
                 executed before a revision needs no amendment",
            )
            .with_templates(older.iter().map(|(t, _)| t.clone()).collect()),
        );
    }
    for (t, versions) in unknown {
        let known = if versions.is_empty() {
            "none recorded".to_string()
        } else {
            versions.join(", ")
        };
        out.push(
            Diagnostic::new(
                ID,
                Kind::Invalid,
                Severity::Warning,
                format!(
                    "template version `{}` is not a known version of template `{t}`",
                    v.value
                ),
            )
            .with_span(v.span)
            .with_label("unknown version")
            .with_help(format!(
                "known versions of `{t}`: {known}; a version newer than these needs its reference \
                 text (`moulint template import --version`)"
            ))
            .with_templates(vec![t]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn versions_compare_by_history_then_by_date() {
        let known = v(&["2023-07", "2024-01"]);
        assert!(matches!(standing("2024-01", &known), Standing::Current));
        assert!(matches!(standing("2023-07", &known), Standing::Older(n) if n == "2024-01"));
        assert!(matches!(standing("2023-01", &known), Standing::Older(_)));
        assert!(matches!(standing("2026-01", &known), Standing::Unknown));
        assert!(matches!(standing("v2", &known), Standing::Unknown));
    }
}
