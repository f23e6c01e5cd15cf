//! The per-file submission verdict: can this MOU be filed and used? (It is
//! computed from the findings by [`crate::registry::verdict`].)

use serde::Serialize;

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
