//! The check registry: one file per check family, one table listing them.
//!
//! A check reads the parsed [`Document`](crate::document::Document) and the rule packs and pushes
//! [`Diagnostic`]s. Its id, default severity, the verdicts it can decide
//! and its documentation sit next to its code in a
//! [`RuleMeta`](crate::rule::RuleMeta); `moulint rules`, `moulint
//! explain` and the verdict read this table.

use crate::diagnostic::Diagnostic;

/// Compiles the built-in regexes of the tree and the checks, in the order
/// a check of a draft comes to them (see [`crate::commands::run`]).
pub(crate) fn warm_patterns() {
    crate::tree::warm_patterns();
    structure::reference_pattern();
    crate::analysis::roles::warm_patterns();
    parties::warm_patterns();
}

pub mod altered;
pub mod dates;
pub mod encoding;
pub mod front_matter;
pub mod hidden_text;
pub mod life;
pub mod life_annual_review;
pub mod life_contact_change_notice;
pub mod life_meeting_posting;
pub mod life_posted_copy;
pub mod life_posting;
pub mod life_quarterly_meeting;
pub mod merge;
pub mod overrides;
pub mod parties;
pub mod placeholders;
pub mod portfolio_missing;
pub mod provisions;
pub mod raw_html;
pub mod roles;
pub mod structure;
pub mod suppression;
pub mod template_version;
pub mod templates;

/// Everything a check may read: the draft and the facts computed from it.
pub use crate::analysis::Analysis as Context;

pub struct Check {
    pub meta: crate::rule::RuleMeta,
    pub run: fn(&Context, &mut Vec<Diagnostic>),
}

/// Every check, in the order they run. Provision ids are checked by
/// `provisions` and documented by their packs.
pub const CHECKS: &[Check] = &[
    encoding::CHECK,
    front_matter::CHECK,
    templates::CHECK,
    hidden_text::CHECK,
    raw_html::CHECK,
    placeholders::CHECK,
    dates::CHECK,
    structure::CHECK,
    provisions::CHECK,
    altered::CHECK,
    template_version::CHECK,
    roles::CHECK,
    parties::CHECK,
    life_quarterly_meeting::CHECK,
    life_meeting_posting::CHECK,
    life_annual_review::CHECK,
    life_contact_change_notice::CHECK,
    life_posting::CHECK,
    suppression::CHECK,
];

/// Runs every check over a document; findings of one cause are merged
/// ([`merge`]).
pub fn run_all(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in CHECKS {
        (c.run)(ctx, &mut out);
    }
    merge::one_cause_one_finding(&mut out, &ctx.doc.source.text);
    out
}

/// The checks of a report (`report:` front matter): those of any text
/// moulint reads, not those of an MOU's provisions, parties or records.
pub const REPORT_CHECKS: &[&str] = &[
    encoding::ID,
    crate::frontmatter::ID,
    hidden_text::ID,
    raw_html::ID,
    placeholders::ID,
];

/// Runs the checks of a report ([`REPORT_CHECKS`]).
pub fn run_report(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in CHECKS.iter().filter(|c| REPORT_CHECKS.contains(&c.meta.id)) {
        (c.run)(ctx, &mut out);
    }
    merge::one_cause_one_finding(&mut out, &ctx.doc.source.text);
    out
}

/// Runs one check alone (tests run a rule without the others).
pub fn run_one(id: &str, ctx: &Context) -> Option<Vec<Diagnostic>> {
    let c = CHECKS.iter().find(|c| c.meta.id == id)?;
    let mut out = Vec::new();
    (c.run)(ctx, &mut out);
    Some(out)
}

/// The rules that look across the files of a repository rather than at
/// one draft: reported by `moulint portfolio`, listed by `rules` and
/// `explain` beside the checks.
pub const CROSS_FILE: &[crate::rule::RuleMeta] = &[portfolio_missing::META];

/// The metadata of a check or cross-file rule.
pub fn meta(id: &str) -> Option<&'static crate::rule::RuleMeta> {
    CHECKS
        .iter()
        .map(|c| &c.meta)
        .chain(CROSS_FILE)
        .find(|m| m.id == id)
}
