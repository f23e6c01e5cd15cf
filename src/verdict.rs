//! The per-file submission verdict: can this MOU be filed and used?

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Kind, Severity};

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

/// `invalid`, else `incomplete`, else `redline`, else `file-and-use`.
pub fn verdict(fatal: bool, diagnostics: &[Diagnostic]) -> Verdict {
    if fatal || diagnostics.iter().any(|d| d.id == "doc.encoding") {
        return Verdict::Invalid;
    }
    let unfinished = diagnostics.iter().any(|d| {
        d.kind == Kind::Placeholder
            || (d.severity == Severity::Error
                && matches!(
                    d.id.as_str(),
                    "doc.front-matter" | "doc.template-unknown" | "doc.parties"
                ))
    });
    if unfinished {
        return Verdict::Incomplete;
    }
    // A role left undesignated removes part of the mandatory obligations
    // articles (each party's Responsible Person and liaisons).
    let redline = diagnostics.iter().any(|d| {
        (d.provision.is_some() || d.id == "doc.role")
            && d.severity == Severity::Error
            && matches!(d.kind, Kind::Missing | Kind::Incomplete | Kind::Altered)
    });
    if redline {
        Verdict::Redline
    } else {
        Verdict::FileAndUse
    }
}
