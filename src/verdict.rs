//! The per-file submission verdict: can this MOU be filed and used? (It is
//! computed from the findings by [`crate::registry::verdict`].)

use serde::{Deserialize, Serialize};

/// Part of the JSON contract: add variants, never rename them. Ordered
/// from best to worst (`file-and-use`, `report`, `unverified`, `redline`,
/// `incomplete`, `invalid`); a file's verdict is the worst any finding
/// decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No mandatory provision modified or removed: file and use.
    FileAndUse,
    /// An annual report, not an MOU (`report:` in its front matter): its
    /// slots and text are checked, not provisions. Worse than
    /// `file-and-use` so that a report is never counted as an MOU that may
    /// be filed; an open slot still makes it `incomplete`.
    Report,
    /// Nothing found wrong, but some mandatory provisions were not compared
    /// with a reference text (no text for one of the templates, or a draft
    /// that does not follow it): their wording is not verified.
    Unverified,
    /// A mandatory provision modified or removed: the state must review a
    /// redline before execution.
    Redline,
    /// Slots left open, a required role not designated, required front
    /// matter missing or wrong, or the parties named inconsistently: not
    /// finished.
    Incomplete,
    /// The file cannot be read or its front matter cannot be parsed.
    Invalid,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::FileAndUse => "file-and-use",
            Verdict::Report => "report",
            Verdict::Unverified => "unverified",
            Verdict::Redline => "redline",
            Verdict::Incomplete => "incomplete",
            Verdict::Invalid => "invalid",
        }
    }

    /// What the verdict means, for the human summary.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::FileAndUse => "no mandatory provision modified or removed",
            Verdict::Report => {
                "an annual report, not an MOU: its slots are checked, not provisions"
            }
            Verdict::Unverified => {
                "nothing found wrong, but some mandatory wording was not compared with a reference text"
            }
            Verdict::Redline => {
                "mandatory provision modified or removed: redline review by DHCS before signing"
            }
            Verdict::Incomplete => {
                "not finished: fill the slots, designate the roles, fix the front matter and party names first"
            }
            Verdict::Invalid => "cannot be read or parsed",
        }
    }
}
