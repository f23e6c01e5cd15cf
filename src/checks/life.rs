//! What the `life.*` checks share: whether a draft is an executed MOU with
//! a usable effective date, and the dates of its records as calendar days.
//!
//! The `life.*` checks judge what the parties did after signing (meetings,
//! reviews, notices, posting) as of a day (`check --as-of`). They never
//! decide the file-and-use / redline verdict: that is about the text.

use super::Context;
use crate::diagnostic::{Diagnostic, Span};
use crate::frontmatter::{Date, FrontMatter, Records, Status};
use crate::util::date::Ymd;

/// An executed MOU's effective date and where to point when a record is
/// missing.
pub struct Executed<'a> {
    pub effective: Ymd,
    /// The `effective_date` value (or `execution_date`'s, for `upon
    /// execution`).
    pub effective_span: Span,
    /// The `status: executed` value.
    pub status_span: Span,
    pub records: &'a Records,
    pub front: &'a FrontMatter,
    pub as_of: Ymd,
}

pub fn ymd(d: Date) -> Ymd {
    Ymd::new(d.year, d.month, d.day)
}

/// The draft, when it is an executed MOU whose effective date is known
/// (`upon execution` takes the execution date); `None` for a draft, a
/// submitted MOU, or dates `doc.dates` already reports.
pub fn executed<'a>(ctx: &'a Context) -> Option<Executed<'a>> {
    let fm = ctx.doc.front.as_ref()?;
    let status = fm.status.as_ref()?;
    if status.value != Status::Executed {
        return None;
    }
    let eff = fm.effective_date.as_ref()?;
    let (date, span) = if eff.value.trim().eq_ignore_ascii_case("upon execution") {
        let exe = fm.execution_date.as_ref()?;
        (Date::parse(exe.value.trim())?, exe.span)
    } else {
        (Date::parse(eff.value.trim())?, eff.span)
    };
    Some(Executed {
        effective: ymd(date),
        effective_span: span,
        status_span: status.span,
        records: &fm.records,
        front: fm,
        as_of: ctx.as_of,
    })
}

impl Executed<'_> {
    /// Points `d` at the record of `key` at `span`, under `label`. A
    /// record of the sidecar `NAME.records.yaml` cannot be underlined in
    /// the draft's report: the finding points at the `status` value and
    /// its message ends with the sidecar's `file:line:column`.
    pub fn at(&self, d: Diagnostic, key: &str, span: Span, label: impl Into<String>) -> Diagnostic {
        match self.records.place(key, span) {
            Ok(span) => d.with_span(span).with_label(label),
            Err(pos) => {
                let mut d = d
                    .with_span(self.status_span)
                    .with_label(format!("executed; the record is at {pos}"));
                d.message = format!("{} ({pos})", d.message);
                d
            }
        }
    }

    /// Adds a secondary label at a record of `key`, when it is in the
    /// draft (a sidecar record has no place in the draft's report).
    pub fn also(&self, d: Diagnostic, key: &str, span: Span, label: &str) -> Diagnostic {
        match self.records.place(key, span) {
            Ok(span) => d.with_secondary(span, label),
            Err(_) => d,
        }
    }
}

/// The note every `life.*` finding carries: what it is judged against.
pub fn as_of_note(as_of: Ymd) -> String {
    format!("judged as of {as_of} (`moulint check --as-of DATE` sets the day); this obligation follows signing and does not change the verdict on the text")
}
