//! The rule registry: every id moulint can report, looked up by id, and the
//! verdict computed from the findings.
//!
//! Checks declare their [`RuleMeta`](crate::rule::RuleMeta) next to their
//! code (see [`crate::checks`]); provisions get theirs from their pack. The
//! verdict is computed from this metadata and each finding's kind, never
//! from its severity, so that a severity changed by configuration can never
//! turn a `redline` into `file-and-use`.

use crate::catalog::Catalog;
use crate::checks::CHECKS;
use crate::diagnostic::Diagnostic;
use crate::rule::Decision;
use crate::verdict::Verdict;

/// The decisions of one id: a check's, or a provision's from its pack.
pub fn decisions<'a>(catalog: &'a Catalog, id: &str) -> Option<&'a [Decision]> {
    if let Some(c) = CHECKS.iter().find(|c| c.meta.id == id) {
        return Some(c.meta.decides);
    }
    catalog.provision(id).map(|p| p.decides)
}

/// The verdict one finding decides, if any.
pub fn effect(catalog: &Catalog, d: &Diagnostic) -> Option<Verdict> {
    if d.advisory {
        return None;
    }
    decisions(catalog, &d.id)?
        .iter()
        .find(|(k, _)| *k == d.kind)
        .map(|(_, v)| *v)
}

/// Records on each finding the verdict it decides, then returns the most
/// severe (see [`verdict`]).
pub fn decide(fatal: bool, diagnostics: &mut [Diagnostic], catalog: &Catalog) -> Verdict {
    for d in diagnostics.iter_mut() {
        d.decides = effect(catalog, d);
        escape(d);
    }
    let worst = diagnostics.iter().filter_map(|d| d.decides).max();
    if fatal {
        Verdict::Invalid
    } else {
        worst.unwrap_or(Verdict::FileAndUse)
    }
}

/// Every finding's words with hidden characters escaped (see
/// [`crate::text::escape_hidden`]): a message quoting the draft never
/// reorders or hides what a person reads.
fn escape(d: &mut Diagnostic) {
    let fix = |s: &mut String| {
        if let std::borrow::Cow::Owned(e) = crate::text::escape_hidden(s) {
            *s = e;
        }
    };
    fix(&mut d.message);
    for s in [&mut d.label, &mut d.help, &mut d.note]
        .into_iter()
        .flatten()
    {
        fix(s);
    }
    for l in &mut d.labels {
        fix(&mut l.message);
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
        .filter_map(|d| effect(catalog, d))
        .max()
        .unwrap_or(Verdict::FileAndUse)
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn every_check_id_is_unique() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.meta.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
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
