//! `life.annual-review`: more than the review interval with no review.

use super::life::{as_of_note, executed, ymd};
use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "life.annual-review";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Annual review",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "an executed MOU with more than 12 months since its effective date or its last review and no review recorded",
        doc: "\
## What it checks
For an executed MOU, the time from the effective date to the first review
in `annual_reviews`, between consecutive reviews, and from the last review
to the as-of date must each be at most the review interval of
`rules/vocab/lifecycle.yaml` (`review_interval_months`, 12). One finding
per overdue review.

## Why the state's review cares
Every template's General Provisions require the plan to review the MOU
annually and send evidence of the review to the state; the plan's yearly
MOU Annual Report describes the review process.

## Example
```yaml
status: executed
effective_date: 2024-01-01
annual_reviews: [2025-03-15]   # more than 12 months after the effective date
```

## How to fix
Review the MOU, record the day in `annual_reviews` (YYYY-MM-DD, or `{date,
evidence_sent}` with the day evidence went to the state).",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(x) = executed(ctx) else { return };
    let months = ctx.catalog.vocab.lifecycle.review_interval_months as i32;
    let mut reviews: Vec<_> = x.records.annual_reviews.iter().collect();
    reviews.sort_by_key(|r| r.date.value);
    let mut since = (x.effective, "the effective date");
    let fallback = x.records.annual_reviews_key.unwrap_or(x.status_span);
    for r in reviews {
        let day = ymd(r.date.value);
        let due = since.0.plus_months(months);
        if day > due {
            let d = Diagnostic::new(
                ID,
                Kind::Incomplete,
                Severity::Warning,
                format!("the review of {day} came more than {months} months after {} ({}): it was due by {due}", since.1, since.0),
            );
            out.push(
                x.at(d, "annual_reviews", r.span, format!("due by {due}"))
                    .with_help("review the MOU at least once every review interval")
                    .with_note(as_of_note(x.as_of)),
            );
        }
        since = (day, "the previous review");
    }
    let due = since.0.plus_months(months);
    if x.as_of > due {
        let (key, span, label) = match x.records.annual_reviews_key {
            Some(_) => ("annual_reviews", fallback, "no review recorded since"),
            None => ("effective_date", x.effective_span, "in effect since"),
        };
        let d = Diagnostic::new(
            ID,
            Kind::Missing,
            Severity::Warning,
            format!("no annual review recorded in the {months} months after {} ({}): it was due by {due}", since.1, since.0),
        );
        out.push(
            x.at(d, key, span, label)
            .with_help("review the MOU, send the evidence to the state and add the day to `annual_reviews`")
            .with_note(as_of_note(x.as_of)),
        );
    }
}
