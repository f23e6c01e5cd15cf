//! The MOU Annual Report draft (`moulint report annual --year Y`): for each
//! MOU executed and in effect during the year, the three parts plans
//! publish — the annual review process followed, the amendments to the
//! MOU or to policies and procedures, and the outcomes of the review —
//! filled from the records where they can be, and otherwise left as
//! bracketed slots, which `moulint check` reports on the written file
//! (`doc.placeholder`) until they are completed.
//!
//! Every value taken from a document is escaped for Markdown, so a title
//! cannot add markup; one that itself holds a bracketed slot stays one.

use std::fmt::Write as _;

use super::{category, effective, quarters, ymd, QuarterState};
use crate::catalog::Catalog;
use crate::emit::redline::markdown;
use crate::repository::{Mou, Repository};
use crate::util::date::Ymd;

/// A value from a document as Markdown text: on one line (a line break
/// could start a heading) and with its markup characters escaped.
fn md(s: &str) -> String {
    markdown::escape(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The slot the plan's name takes when no MOU or profile gives it.
const PLAN_SLOT: &str = "[plan name]";

/// The report's Markdown, as of `as_of`.
pub fn render(
    repo: &Repository,
    catalog: &Catalog,
    year: i32,
    plan: Option<&str>,
    as_of: Ymd,
) -> String {
    let mut o = String::from("---\nreport: annual\n");
    let _ = writeln!(o, "year: {year}");
    if let Some(p) = plan {
        // A JSON string is a YAML string: quotes and newlines stay inside.
        let _ = writeln!(o, "plan: {}", serde_json::Value::from(p));
    }
    o.push_str("---\n\n");
    let _ = writeln!(o, "# MOU Annual Report {year}\n");
    let plan_text = plan.map_or(PLAN_SLOT.to_string(), md);
    // A file name in a code span: its backticks cannot close it.
    let code = |s: &str| s.replace('`', "'").replace(['\n', '\r'], " ");
    let _ = writeln!(
        o,
        "{plan_text} reviewed each Memorandum of Understanding in effect in {year} with its \
         partners, as DHCS APL 23-029 requires. For each MOU this report gives the annual review \
         process followed, the amendments made to the MOU or to policies and procedures, and the \
         outcomes of the review.\n"
    );
    let _ = writeln!(
        o,
        "> Drafted by moulint {} from the MOU records as of {as_of}. Complete every bracketed \
         slot; `moulint check` reports those left open.\n",
        env!("CARGO_PKG_VERSION")
    );
    let end = Ymd::new(year, 12, 31);
    let in_year: Vec<&Mou> = repo
        .mous
        .iter()
        .filter(|m| m.problem.is_none() && m.is_executed())
        .filter(|m| effective(m).is_none_or(|d| d <= end))
        .collect();
    if in_year.is_empty() {
        let _ = writeln!(
            o,
            "No executed MOU in the repository was in effect in {year}. [confirm that no MOU was in effect in {year}]\n"
        );
    }
    for (i, m) in in_year.iter().enumerate() {
        mou(&mut o, i + 1, m, catalog, year, as_of);
    }
    let unread: Vec<&Mou> = repo.mous.iter().filter(|m| m.problem.is_some()).collect();
    if !unread.is_empty() {
        o.push_str("## Files that could not be read\n\n");
        o.push_str(
            "These files are not in the report: correct them and draft the report again, or \
             complete their parts by hand.\n\n",
        );
        for m in unread {
            let _ = writeln!(
                o,
                "- `{}`: {} [complete the review of this MOU or remove this line]",
                code(&m.shown),
                md(m.problem.as_deref().unwrap_or(""))
            );
        }
        o.push('\n');
    }
    o
}

fn mou(o: &mut String, n: usize, m: &Mou, catalog: &Catalog, year: i32, as_of: Ymd) {
    let _ = writeln!(o, "## {n}. {}\n", md(m.name()));
    let mut facts = vec![format!("Category: {}", md(&category(m, catalog)))];
    if let Some(p) = &m.other_party {
        facts.push(format!("Partner: {}", md(p)));
    }
    if !m.counties.is_empty() {
        facts.push(format!("Counties: {}", md(&m.counties.join(", "))));
    }
    if let Some(d) = &m.effective_date {
        facts.push(format!("Effective: {}", md(d)));
    }
    for f in facts {
        let _ = writeln!(o, "- {f}");
    }
    o.push('\n');

    o.push_str("### Annual review process followed\n\n");
    let reviews: Vec<_> = m
        .records
        .annual_reviews
        .iter()
        .filter(|r| r.date.value.year == year)
        .collect();
    if reviews.is_empty() {
        let _ = writeln!(
            o,
            "No annual review in {year} is recorded. [date of the annual review and the evidence sent to DHCS]\n"
        );
    }
    for r in reviews {
        let date = ymd(r.date.value);
        match &r.then {
            Some(sent) => {
                let _ = writeln!(
                    o,
                    "- Reviewed on {date}; evidence of the review sent to DHCS on {}.",
                    ymd(sent.value)
                );
            }
            None => {
                let _ = writeln!(
                    o,
                    "- Reviewed on {date}; evidence sent to DHCS on [date the evidence of the review was sent to DHCS]."
                );
            }
        }
    }
    o.push('\n');
    let _ = writeln!(o, "Quarterly meetings in {year}:\n");
    for (i, q) in quarters(m, year, as_of).iter().enumerate() {
        let said = match q {
            QuarterState::NotInEffect => "the MOU was not yet in effect".to_string(),
            QuarterState::Missed => "no meeting recorded".to_string(),
            QuarterState::Open(h) if h.is_empty() => format!("not ended on {as_of}"),
            QuarterState::Open(h) | QuarterState::Held(h) => h
                .iter()
                .map(|x| match x.posted {
                    Some(p) => format!("held {}, posted {p}", x.date),
                    None => format!("held {}", x.date),
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        let _ = writeln!(o, "- Q{}: {said}", i + 1);
    }
    o.push('\n');
    o.push_str(
        "[how the review was done: who took part for each party, which provisions, policies \
         and procedures were reviewed, and how partners' input was gathered]\n\n",
    );

    o.push_str("### Amendments to the MOU or to policies and procedures\n\n");
    o.push_str(
        "[the amendments made to the MOU, and to policies and procedures, as a result of the \
         review, with their dates; or \"None\"]\n\n",
    );

    o.push_str("### Outcomes of the review\n\n");
    o.push_str(
        "[the outcomes of the review: what works, the issues found, the actions agreed and \
         who will take them by when]\n\n",
    );
}
