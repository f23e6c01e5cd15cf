//! What every rule declares about itself: its id, default severity, the
//! verdicts its findings can decide, its scope and its documentation. Checks
//! declare a [`RuleMeta`] next to their code; provisions get their decisions
//! from their pack. The [`crate::registry`] reads these to compute verdicts.

use crate::diagnostic::{Kind, Severity};
use crate::verdict::Verdict;

/// What a rule's findings are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The file as bytes, before any parsing (reading, decoding).
    File,
    /// One parsed draft.
    Document,
    /// One provision of the draft's templates.
    Provision,
    /// The plan's MOUs together, against its plan profile.
    Portfolio,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::File => "file",
            Scope::Document => "document",
            Scope::Provision => "provision",
            Scope::Portfolio => "portfolio",
        }
    }
}

/// A finding of this kind decides (at least) this verdict, unless the
/// finding is advisory ([`Diagnostic::advisory`]).
pub type Decision = (Kind, Verdict);

/// Everything `moulint rules`, `moulint explain` and the verdict know about
/// one rule id.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub default_severity: Severity,
    /// Which findings decide which verdict; kinds not listed decide none.
    pub decides: &'static [Decision],
    pub scope: Scope,
    /// A short name for people (reports show it instead of the id).
    pub title: &'static str,
    pub summary: &'static str,
    /// What it checks, why the state's review cares, an example, how to fix.
    pub doc: &'static str,
}

/// A mandatory, confirmed provision: its absence, or a missing element,
/// forces a redline.
pub const MANDATORY_PROVISION: &[Decision] = &[
    (Kind::Missing, Verdict::Redline),
    (Kind::Incomplete, Verdict::Redline),
];

/// An optional or unconfirmed provision: reported, never decisive.
pub const ADVISORY_PROVISION: &[Decision] = &[];

/// The documentation line `explain` and `rules` print for a decision list.
pub fn describe(decides: &[Decision]) -> String {
    if decides.is_empty() {
        return "never decides the verdict".to_string();
    }
    let mut by_verdict: Vec<(Verdict, Vec<&str>)> = Vec::new();
    for (k, v) in decides {
        match by_verdict.iter_mut().find(|(w, _)| w == v) {
            Some((_, ks)) => ks.push(k.as_str()),
            None => by_verdict.push((*v, vec![k.as_str()])),
        }
    }
    by_verdict.sort_by_key(|(v, _)| std::cmp::Reverse(*v));
    by_verdict
        .iter()
        .map(|(v, ks)| format!("`{}` when {}", v.as_str(), ks.join(" or ")))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_groups_kinds_by_verdict() {
        assert_eq!(
            describe(MANDATORY_PROVISION),
            "`redline` when missing or incomplete"
        );
        assert_eq!(describe(&[]), "never decides the verdict");
    }
}
