//! The per-file submission verdict: can this MOU be filed and used?

use serde::Serialize;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::registry;

/// Part of the JSON contract: add variants, never rename them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No mandatory provision modified or removed: file and use.
    FileAndUse,
    /// A mandatory provision modified or removed: the state must review a
    /// redline before execution.
    Redline,
    /// Slots left open, required front matter missing or wrong, or the
    /// parties named inconsistently: not finished.
    Incomplete,
    /// The file cannot be read or its front matter cannot be parsed.
    Invalid,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::FileAndUse => "file-and-use",
            Verdict::Redline => "redline",
            Verdict::Incomplete => "incomplete",
            Verdict::Invalid => "invalid",
        }
    }

    /// What the verdict means, for the human summary.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::FileAndUse => "no mandatory provision modified or removed",
            Verdict::Redline => {
                "mandatory provision modified or removed: redline review by DHCS before signing"
            }
            Verdict::Incomplete => {
                "not finished: fill the slots, fix the front matter and party names first"
            }
            Verdict::Invalid => "cannot be read or parsed",
        }
    }
}

/// The most severe verdict any finding decides (`invalid` >
/// `incomplete` > `redline` > `file-and-use`). Which finding decides what
/// comes from the rule registry, never from severity.
pub fn verdict(fatal: bool, diagnostics: &[Diagnostic], catalog: &Catalog) -> Verdict {
    if fatal {
        return Verdict::Invalid;
    }
    diagnostics
        .iter()
        .filter_map(|d| registry::effect(catalog, d))
        .max()
        .unwrap_or(Verdict::FileAndUse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Kind, Severity};

    fn catalog() -> &'static Catalog {
        Catalog::for_tests()
    }

    #[test]
    fn severity_does_not_decide() {
        // A missing mandatory provision is a redline even when a user has
        // turned its severity down.
        let d = Diagnostic::new("base.referrals", Kind::Missing, Severity::Info, "gone");
        assert_eq!(verdict(false, &[d], catalog()), Verdict::Redline);
        // And a kind the rule does not list decides nothing, even as error.
        let d = Diagnostic::new("doc.structure", Kind::Invalid, Severity::Error, "x");
        assert_eq!(verdict(false, &[d], catalog()), Verdict::FileAndUse);
    }

    #[test]
    fn the_worst_decision_wins_and_advisory_findings_never_decide() {
        let redline = Diagnostic::new("base.referrals", Kind::Missing, Severity::Error, "gone");
        let unfinished = Diagnostic::new("doc.dates", Kind::Missing, Severity::Error, "no date");
        assert_eq!(
            verdict(false, &[redline.clone(), unfinished], catalog()),
            Verdict::Incomplete
        );
        assert_eq!(
            verdict(false, &[redline.clone().advisory()], catalog()),
            Verdict::FileAndUse
        );
        assert_eq!(verdict(true, &[redline], catalog()), Verdict::Invalid);
    }

    #[test]
    fn unconfirmed_provisions_never_decide() {
        let d = Diagnostic::new("base.equal-treatment", Kind::Missing, Severity::Error, "x");
        assert_eq!(verdict(false, &[d], catalog()), Verdict::FileAndUse);
    }
}
