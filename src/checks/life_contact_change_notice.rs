//! `life.contact-change-notice`: a change of Responsible Person or liaison
//! notified late, or not notified when the window has passed.

use super::life::{as_of_note, executed, ymd};
use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "life.contact-change-notice";

/// The records this check reads.
const KEY: &str = "contact_changes";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Contact change notice",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "a change of Responsible Person or liaison notified to the state more than 5 working days after it",
        doc: "\
## What it checks
For an executed MOU, each item of `contact_changes` (`{role, changed,
notified}`): the state must be notified no later than the window of
`rules/vocab/lifecycle.yaml` (`contact_notice_working_days`, 5 working
days after the change). Working days skip weekends and California state
holidays (the rules are in the same file; a Sunday holiday is observed the
Monday after, a Saturday holiday takes no weekday off). A change with no
`notified` date is reported once the window has passed by the as-of date.

## Why the state's review cares
A new Responsible Person or liaison needs no amendment to the MOU, but the
state must be told, with the person's name and contact information, no
later than five working days after the change.

## Example
```yaml
contact_changes:
  - role: MCP Responsible Person
    changed: 2025-11-26   # Wednesday before Thanksgiving
    notified: 2025-12-08  # the sixth working day after
```

## How to fix
Notify the state within the window and record the day in `notified`.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    let life = &ctx.catalog.vocab.lifecycle;
    let window = life.contact_notice_working_days;
    for c in &x.records.contact_changes {
        let changed = ymd(c.changed.value);
        let due = life.holidays.working_day_after(changed, window);
        let role = c
            .role
            .as_ref()
            .map_or("a contact".to_string(), |r| format!("the {}", r.value));
        match &c.notified {
            Some(n) if ymd(n.value) > due => {
                let days = life.holidays.working_days_between(changed, ymd(n.value));
                let d = Diagnostic::new(
                    ID,
                    Kind::Incomplete,
                    Severity::Warning,
                    format!("the change of {role} on {changed} was notified {days} working days after it; the limit is {window}"),
                );
                let d = x.at(d, KEY, n.span, format!("due by {due}"));
                out.push(
                    x.also(d, KEY, c.changed.span, "changed here")
                    .with_help("notify the state of a new Responsible Person or liaison, with name and contact information, within the window")
                    .with_note(as_of_note(x.as_of)),
                );
            }
            None if x.as_of > due => out.push(
                x.at(
                    Diagnostic::new(
                        ID,
                        Kind::Missing,
                        Severity::Warning,
                        format!("the change of {role} on {changed} has no notice recorded; it was due by {due}"),
                    ),
                    KEY,
                    c.changed.span,
                    "no `notified` date",
                )
                .with_help("notify the state and add `notified: YYYY-MM-DD` to this change")
                .with_note(as_of_note(x.as_of)),
            ),
            _ => {}
        }
    }
}
