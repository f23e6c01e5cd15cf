//! Applying the configuration to a checked file's findings, after its
//! verdict is decided: severities first, then `select` and `ignore`, which
//! move findings to the report's suppressed list. The verdict is left as
//! it is: a hidden finding still decides it.

use super::{selects, FileRules};
use crate::diagnostic::{Diagnostic, Suppressed, SuppressedBy};
use crate::lint::FileReport;

/// The severity the configuration gives a finding: the longest selector
/// that matches its id wins.
fn severity(rules: &FileRules, d: &mut Diagnostic) {
    let best = rules
        .severity
        .iter()
        .filter(|(sel, _)| selects(sel, &d.id))
        .max_by_key(|(sel, _)| sel.len());
    if let Some((_, s)) = best {
        d.severity = s.value;
    }
}

/// Why the configuration hides a finding, if it does.
fn hidden(rules: &FileRules, d: &Diagnostic) -> Option<String> {
    if let Some(i) = rules.ignore.iter().find(|i| selects(&i.value, &d.id)) {
        return Some(format!("ignore = \"{}\" ({})", i.value, i.origin));
    }
    let select = rules.select.as_ref()?;
    if select.value.iter().any(|s| selects(s, &d.id)) {
        return None;
    }
    Some(format!("not in select ({})", select.origin))
}

/// Applies `rules` to one report.
pub fn apply(report: &mut FileReport, rules: &FileRules) {
    for s in &mut report.suppressed {
        severity(rules, &mut s.diagnostic);
    }
    let mut kept = Vec::new();
    for mut d in std::mem::take(&mut report.diagnostics) {
        severity(rules, &mut d);
        match hidden(rules, &d) {
            Some(why) => report.suppressed.push(Suppressed {
                diagnostic: d,
                by: SuppressedBy::Config { why },
            }),
            None => kept.push(d),
        }
    }
    report.diagnostics = kept;
}
