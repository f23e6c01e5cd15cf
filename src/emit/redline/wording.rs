//! What both renderings of the redline report say: the particulars, the
//! summary statement and tally, the headings of provisions, and how a
//! paragraph's pieces are joined and marked (each renderer brings its own
//! escaping and markers).

use std::fmt::Write as _;

use super::{Piece, ProvisionReport, Report, Skipped, State};
use crate::verdict::Verdict;

/// Splits trailing whitespace off, so markers hug the words.
fn split_ws(s: &str) -> (&str, &str) {
    let core = s.trim_end();
    (core, &s[core.len()..])
}

/// Pieces carry the spaces and punctuation that follow their words; a space
/// is added only where two words would otherwise touch.
fn needs_space(out: &str, next: &Piece) -> bool {
    let text = next.text();
    let prev = out
        .trim_end_matches(['}', '-', '+', '>'])
        .chars()
        .next_back();
    let prev_raw = out.chars().next_back();
    prev_raw.is_some_and(|c| !c.is_whitespace())
        && prev.is_some_and(|c| !matches!(c, '(' | '[' | '"' | '\'' | '/'))
        && text.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// Renders a paragraph's pieces: each escaped, a changed or filled one
/// wrapped in the markers `wrap` gives it (its trailing space outside).
pub(super) fn render_pieces(
    pieces: &[Piece],
    escape: fn(&str) -> String,
    wrap: fn(&Piece) -> (&'static str, &'static str),
) -> String {
    let mut out = String::new();
    for p in pieces {
        if needs_space(&out, p) {
            out.push(' ');
        }
        let (open, close) = wrap(p);
        let (core, ws) = split_ws(p.text());
        let _ = write!(out, "{open}{}{close}{ws}", escape(core));
    }
    out.trim_end().to_string()
}

fn verdict_line(r: &Report) -> String {
    format!("{}: {}", r.verdict.as_str(), r.verdict.meaning())
}

pub(super) fn statement(r: &Report) -> String {
    match (&r.skipped, r.verdict) {
        (None, Verdict::FileAndUse) => format!(
            "No mandatory provision of the reference template was modified or removed: the draft \
             keeps every mandatory provision of {} word for word (slots filled, wording not \
             changed). This report may support the file-and-use attestation.",
            r.reference
        ),
        (None, Verdict::Unverified) => "No change to mandatory language was found in what was \
             compared, but some mandatory provisions were not compared with a reference text \
             (listed under the findings): this report cannot support a file-and-use attestation \
             until they are."
            .to_string(),
        (None, Verdict::Redline) => "Mandatory language was modified or removed. The MOU must be \
             submitted to DHCS as a redline for review and approval before it is signed; the \
             changes are marked below."
            .to_string(),
        (None, Verdict::Incomplete) => "The draft is not finished (slots or front matter left \
             open); the comparison below is provisional."
            .to_string(),
        (None, Verdict::Invalid) => "The draft cannot be read or parsed.".to_string(),
        (None, Verdict::Report) => "The file is a report, not an MOU: there are no provisions \
             to compare."
            .to_string(),
        (Some(Skipped::NoReference(why)), _) => {
            format!("The draft's wording was not compared with a reference template: {why}.")
        }
        (Some(Skipped::NotFollowed(cov)), _) => format!(
            "The draft does not follow the wording of the reference template {} ({:.0}% of its \
             mandatory provisions found word for word), so no word-by-word redline was made. If \
             the draft follows the official template, import it with `moulint template import` \
             and run `moulint redline --templates DIR`.",
            r.reference,
            cov * 100.0
        ),
    }
}

fn reference_line(r: &Report) -> String {
    if r.reference.is_empty() {
        return "none".to_string();
    }
    if r.bundled {
        format!(
            "{} (moulint's bundled reference text: the project's own wording in the state's \
             structure, not the official template)",
            r.reference
        )
    } else {
        format!(
            "{} (imported template: the text the plan imported, presumably the official one)",
            r.reference
        )
    }
}

fn list_or(values: &[String], none: &str) -> String {
    if values.is_empty() {
        none.to_string()
    } else {
        values.join(", ")
    }
}

/// The particulars at the head of the report, as plain text: who, where,
/// which template, which dates, and the verdict.
pub(super) fn particulars(r: &Report) -> Vec<(&'static str, String)> {
    let h = &r.header;
    let not_given = "not given".to_string();
    let other = match (&h.other_party, &h.other_kind) {
        (Some(n), Some(k)) => format!("{n} ({k})"),
        (Some(n), None) => n.clone(),
        (None, Some(k)) => format!("not named ({k})"),
        (None, None) => not_given.clone(),
    };
    vec![
        ("Verdict", verdict_line(r)),
        (
            if h.mcps.len() > 1 { "MCPs" } else { "MCP" },
            list_or(&h.mcps, "not given"),
        ),
        ("Other party", other),
        (
            if h.counties.len() > 1 {
                "Counties"
            } else {
                "County"
            },
            list_or(&h.counties, "not given"),
        ),
        ("Templates", list_or(&r.templates, "not given")),
        ("Compared with", reference_line(r)),
        (
            "Template version in the draft",
            r.draft_version
                .clone()
                .unwrap_or_else(|| "not given (compared with the newest)".to_string()),
        ),
        (
            "Effective date",
            h.effective_date.clone().unwrap_or(not_given.clone()),
        ),
        (
            "Execution date",
            h.execution_date.clone().unwrap_or(not_given.clone()),
        ),
        ("Status", h.status.map(str::to_string).unwrap_or(not_given)),
        ("Draft file", r.path.clone()),
        (
            "Generated",
            format!("{} by moulint {}", h.generated, env!("CARGO_PKG_VERSION")),
        ),
    ]
}

/// One row of the summary tally: what became of some provisions, how many,
/// and what that means for the submission.
pub(super) struct Tally {
    pub what: &'static str,
    pub count: usize,
    pub meaning: &'static str,
}

/// The summary tally, first thing after the particulars. The four main
/// rows are always shown; the others when they count something.
pub(super) fn tally(r: &Report) -> Vec<Tally> {
    let count = |state: State, optional: bool| {
        r.provisions
            .iter()
            .filter(|p| p.state == state && p.optional == optional)
            .count()
    };
    let both = |state: State| count(state.clone(), false) + count(state, true);
    let rows = [
        (
            "Unchanged",
            both(State::Unchanged) + both(State::Added),
            "nothing to review: the template's words kept, slots filled (text added to them is \
             counted below)",
            true,
        ),
        (
            "Mandatory provision changed",
            count(State::Altered, false),
            "requires a redline: DHCS reviews and approves the change before the MOU is signed",
            true,
        ),
        (
            "Mandatory provision missing",
            count(State::Missing, false),
            "requires a redline: removing a mandatory provision needs DHCS approval",
            true,
        ),
        (
            "Text added",
            r.additions.len(),
            "allowed when it does not conflict with a mandatory provision; the reviewer \
             confirms each addition",
            true,
        ),
        (
            "Optional provision changed",
            count(State::Altered, true) + count(State::Missing, true),
            "allowed: optional provisions may be adapted; no redline",
            false,
        ),
        (
            "Title changed only",
            both(State::Retitled),
            "the wording is kept; worth a look, not a redline",
            false,
        ),
        (
            "Moved",
            r.moved(),
            "out of the template's order; the wording is compared where it is",
            false,
        ),
        (
            "Optional provision not included",
            count(State::NotIncluded, true),
            "allowed: an optional provision may be left out",
            false,
        ),
    ];
    rows.into_iter()
        .filter(|(_, n, _, always)| *always || *n > 0)
        .map(|(what, count, meaning, _)| Tally {
            what,
            count,
            meaning,
        })
        .collect()
}

/// The finding counts, for the line under the tally.
pub(super) fn findings_line(r: &Report) -> String {
    format!(
        "{} errors, {} warnings, {} notes in all; moulint check lists every finding.",
        r.errors, r.warnings, r.notes
    )
}

/// A finding's kind in words, after its title.
pub(super) fn kind_words(kind: &str) -> &'static str {
    match kind {
        "missing" => "missing",
        "incomplete" => "incomplete",
        "outdated" => "out of date",
        "placeholder" => "slot left unfilled",
        "invalid" => "invalid",
        "altered" => "wording changed",
        "moved" => "moved",
        "added" => "text added",
        "unverified" => "not compared with a reference text",
        _ => "finding",
    }
}

pub(super) const NO_ADDITIONS: &str = "The draft adds no text to the reference template.";
pub(super) const ADDITIONS_INTRO: &str =
    "Text the reference template does not have. Additions are allowed \
     when they do not conflict with a mandatory provision; the reviewer should confirm each.";

/// "mandatory · draft line 12" after a provision's id.
pub(super) fn meta_of(p: &ProvisionReport, id: &str) -> String {
    let mut meta = format!(
        "{id} · {}",
        if p.optional { "optional" } else { "mandatory" }
    );
    if let Some(l) = p.line {
        let _ = write!(meta, " · draft line {l}");
    }
    meta
}

pub(super) fn heading_of(p: &ProvisionReport) -> String {
    let mut h = String::new();
    if let Some(n) = &p.number {
        let dot = if n.ends_with('.') || n.contains(' ') || n.contains('.') {
            ""
        } else {
            "."
        };
        let _ = write!(h, "{n}{dot} ");
    }
    h.push_str(&p.title);
    h
}

pub(super) fn status_of(p: &ProvisionReport) -> String {
    let mut s = p.state.as_str().to_string();
    if p.moved {
        s.push_str(", moved");
    }
    s
}
