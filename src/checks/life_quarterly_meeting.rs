//! `life.quarterly-meeting`: a calendar quarter with no meeting recorded.

use super::life::{as_of_note, executed, ymd};
use super::{Check, Context};
use crate::calendar::Quarter;
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "life.quarterly-meeting";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Quarterly meeting",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "an executed MOU with a past calendar quarter that has no meeting in `meetings`",
        doc: "\
## What it checks
For an executed MOU (`status: executed`), every calendar quarter from the
one holding the effective date up to the as-of date (`--as-of`, today by
default) must have a meeting listed in `meetings`. The current quarter is
left out: it is not over yet. One finding per quarter without a meeting.

## Why the state's review cares
Every template requires the parties to meet at least quarterly to assess
the MOU and address issues, and plans publish their quarterly meeting
dates. A quarter with no meeting is a missed obligation of the signed MOU.

## Example
```yaml
status: executed
effective_date: 2025-01-01
meetings: [2025-02-12, 2025-08-20]   # none in April to June
```

## How to fix
Record each meeting held in `meetings` (YYYY-MM-DD, or `{date, posted}`).
If a quarter's meeting was missed, it cannot be fixed afterwards: hold the
next one, and suppress the finding with the reason, or record it in a
baseline.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    let held: Vec<Quarter> = x
        .records
        .meetings
        .iter()
        .map(|m| Quarter::of(ymd(m.date.value)))
        .collect();
    let (span, label) = match x.records.meetings_key {
        Some(k) => (k, "meetings recorded here"),
        None => (x.status_span, "executed, with no `meetings` recorded"),
    };
    let key = if x.records.meetings_key.is_some() {
        "meetings"
    } else {
        "status"
    };
    for q in Quarter::between(x.effective, x.as_of) {
        if held.contains(&q) {
            continue;
        }
        let d = Diagnostic::new(
            ID,
            Kind::Missing,
            Severity::Warning,
            format!(
                "no meeting recorded in {q} ({} to {})",
                q.first_day().max(x.effective),
                q.last_day()
            ),
        );
        out.push(
            x.at(d, key, span, label)
            .with_help("add the meeting's date to `meetings`; if none was held, record why and hold the next one")
            .with_note(as_of_note(x.as_of)),
        );
    }
}
