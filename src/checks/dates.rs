//! `doc.dates`: effective and execution dates.

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::frontmatter::{Date, Sp, Status};
use crate::rule::{RuleMeta, Scope};
use crate::verdict::Verdict;

pub const ID: &str = "doc.dates";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Dates",
        default_severity: Severity::Error,
        decides: &[(Kind::Missing, Verdict::Incomplete), (Kind::Invalid, Verdict::Incomplete)],
        scope: Scope::Document,
        summary: "effective and execution dates: real dates, present when executed, not retroactive without reason",
        doc: "\
## What it checks
`effective_date` is a real calendar date written YYYY-MM-DD, or `upon
execution`; `execution_date` is a real date. An MOU whose `status` is
`executed` must give both. An effective date earlier than the execution
date is a warning.

## Why the state's review cares
The execution date is when every party has signed; the effective date is
when the MOU takes effect. A redlined MOU may only be executed after the
state approves it, and filed MOUs are tracked by these dates. An MOU that
takes effect before it was signed has retroactive effect, which needs a
stated reason.

## Example
```yaml
effective_date: 2025-02-30   # not a real date
status: executed             # but no execution_date
```

## How to fix
Write real dates as YYYY-MM-DD; add `execution_date` once all parties have
signed; if the effective date is earlier on purpose, say why in the Term
article.",
    },
    run,
};

fn bad_date(d: &Sp<String>, key: &str, allow_upon: bool) -> Diagnostic {
    let shape = if allow_upon {
        "YYYY-MM-DD or `upon execution`"
    } else {
        "YYYY-MM-DD"
    };
    Diagnostic::new(
        ID,
        Kind::Invalid,
        Severity::Error,
        format!("`{key}` is not a real date: `{}`", d.value),
    )
    .with_span(d.span)
    .with_label(format!("expected {shape}"))
    .with_help(format!("write {shape}, with a month and day that exist"))
    .with_note("the state tracks filed MOUs by their effective and execution dates")
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &ctx.doc.front else { return };
    let effective = fm.effective_date.as_ref().and_then(|d| {
        if d.value.trim().eq_ignore_ascii_case("upon execution") {
            return None;
        }
        let parsed = Date::parse(d.value.trim());
        if parsed.is_none() {
            out.push(bad_date(d, "effective_date", true));
        }
        parsed.map(|p| (p, d.span))
    });
    let execution = fm.execution_date.as_ref().and_then(|d| {
        let parsed = Date::parse(d.value.trim());
        if parsed.is_none() {
            out.push(bad_date(d, "execution_date", false));
        }
        parsed.map(|p| (p, d.span))
    });
    if let Some(status) = &fm.status {
        if status.value == Status::Executed {
            for (key, value) in [
                ("execution_date", &fm.execution_date),
                ("effective_date", &fm.effective_date),
            ] {
                if value.is_none() {
                    out.push(
                        Diagnostic::new(ID, Kind::Missing, Severity::Error, format!("an executed MOU needs `{key}`"))
                            .with_span(status.span)
                            .with_label("the MOU is marked executed")
                            .with_help(format!("add `{key}: YYYY-MM-DD` to the front matter"))
                            .with_note("an executed MOU is filed with the state with both its execution and effective dates"),
                    );
                }
            }
        }
    }
    if let (Some((eff, eff_span)), Some((exe, exe_span))) = (effective, execution) {
        if eff < exe {
            out.push(
                Diagnostic::new(ID, Kind::Invalid, Severity::Warning, "the effective date is earlier than the execution date")
                    .advisory()
                    .with_span(eff_span)
                    .with_label("takes effect here")
                    .with_secondary(exe_span, "but is signed here")
                    .with_help("if the MOU is meant to apply retroactively, state the reason in the Term article; otherwise make it effective on or after execution")
                    .with_note("retroactive effect covers a period before every party agreed to the MOU"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn real_dates_only() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-1-01").is_none());
        assert!(Date::parse("2025-04-31").is_none());
    }
}
