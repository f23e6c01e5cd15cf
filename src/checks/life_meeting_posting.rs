//! `life.meeting-posting`: a meeting posted late, or not yet posted.

use super::life::{as_of_note, executed, ymd};
use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "life.meeting-posting";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Meeting posting",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "a meeting whose date and summary were posted after the posting window, or not posted when the window has passed",
        doc: "\
## What it checks
For an executed MOU, each meeting written as `{date, posted}` in
`meetings`: its date and follow-up summary must be posted within the
window of `rules/vocab/lifecycle.yaml` (`meeting_posting_working_days`, 30
working days after the meeting; working days skip weekends and California
state holidays). A meeting with no `posted` date is reported once the
window has passed by the as-of date. A meeting written as a bare date
records no posting and is not judged.

## Why the state's review cares
Plans publish the dates of their quarterly meetings and a summary of each.
The 30-working-day window is a parameter the project could not confirm,
kept as data so that it can be corrected without a new release.

## Example
```yaml
meetings:
  - {date: 2025-03-12, posted: 2025-06-02}   # more than 30 working days
```

## How to fix
Post the meeting's date and summary, and record the day in `posted`.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    let life = &ctx.catalog.vocab.lifecycle;
    let window = life.meeting_posting_working_days;
    for m in &x.records.meetings {
        let held = ymd(m.date.value);
        let due = life.holidays.working_day_after(held, window);
        match &m.then {
            Some(p) if ymd(p.value) > due => {
                let late = life.holidays.working_days_between(held, ymd(p.value));
                let d = Diagnostic::new(
                    ID,
                    Kind::Incomplete,
                    Severity::Warning,
                    format!("the meeting of {held} was posted {late} working days after it; the window is {window}"),
                );
                let d = x.at(d, "meetings", p.span, format!("due by {due}"));
                out.push(
                    x.also(d, "meetings", m.span, "the meeting")
                        .with_help("post each meeting's date and summary within the window")
                        .with_note(as_of_note(x.as_of)),
                );
            }
            None if m.detailed && x.as_of > due => out.push(
                x.at(
                    Diagnostic::new(
                        ID,
                        Kind::Missing,
                        Severity::Warning,
                        format!(
                            "the meeting of {held} has no posting recorded; it was due by {due}"
                        ),
                    ),
                    "meetings",
                    m.span,
                    "no `posted` date",
                )
                .with_help(
                    "post the meeting's date and summary and add `posted: YYYY-MM-DD` to this item",
                )
                .with_note(as_of_note(x.as_of)),
            ),
            _ => {}
        }
    }
}
