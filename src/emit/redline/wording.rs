//! What both renderings of the redline report say: the summary rows, the
//! summary statement, the headings of provisions, and how a paragraph's
//! pieces are joined and marked (each renderer brings its own escaping and
//! markers).

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

fn counts_line(r: &Report) -> String {
    format!(
        "{} compared: {} unchanged, {} altered, {} missing, {} with text added, {} retitled, {} \
         moved, {} optional not included",
        r.provisions.len(),
        r.count(State::Unchanged),
        r.count(State::Altered),
        r.count(State::Missing),
        r.count(State::Added),
        r.count(State::Retitled),
        r.moved(),
        r.count(State::NotIncluded)
    )
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
        format!("{} (imported template)", r.reference)
    }
}

/// The summary table's rows, as plain text (the verdict first).
pub(super) fn summary_rows(r: &Report) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Verdict", verdict_line(r)),
        ("Templates", r.templates.join(", ")),
        ("Reference text", reference_line(r)),
        (
            "Template version in the draft",
            r.draft_version
                .clone()
                .unwrap_or_else(|| "not given (compared with the newest)".to_string()),
        ),
    ];
    if r.skipped.is_none() {
        rows.push(("Provisions", counts_line(r)));
        rows.push(("Additions", r.additions.len().to_string()));
    }
    rows.push((
        "Findings",
        format!(
            "{} errors, {} warnings, {} notes (moulint check lists them)",
            r.errors, r.warnings, r.notes
        ),
    ));
    rows.push(("Tool", format!("moulint {}", env!("CARGO_PKG_VERSION"))));
    rows
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
        let dot = if n.ends_with('.') || n.contains(' ') {
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
