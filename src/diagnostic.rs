//! The one finding type every check produces and every emitter reads.

use serde::{Deserialize, Serialize};

/// A byte range in the original file.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn new(offset: usize, length: usize) -> Self {
        Span { offset, length }
    }
    pub fn from_range(r: std::ops::Range<usize>) -> Self {
        Span {
            offset: r.start,
            length: r.end.saturating_sub(r.start),
        }
    }
    pub fn end(&self) -> usize {
        self.offset + self.length
    }
    pub fn contains(&self, other: Span) -> bool {
        other.offset >= self.offset && other.end() <= self.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// What sort of problem a finding is. Part of the JSON contract: add
/// variants, never rename them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Nothing of a required provision, key or role was found.
    Missing,
    /// Present, but an element is absent or a number is out of bounds.
    Incomplete,
    /// Present in a version the state has since replaced.
    Outdated,
    /// A template slot or drafting note left in the text.
    Placeholder,
    /// A value that cannot be right (bad date, unknown id, bad YAML, bytes).
    Invalid,
    /// Mandatory wording changed from the template.
    Altered,
    /// A provision present out of the template's order (informational).
    Moved,
    /// Text the template does not have (informational).
    Added,
    /// Mandatory provisions that could not be compared with a reference
    /// text (no text for a template, or a draft that does not follow it).
    Unverified,
    /// Added text that sets a mandatory obligation aside or redefines a
    /// term the mandatory text uses.
    Conflict,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Incomplete => "incomplete",
            Kind::Outdated => "outdated",
            Kind::Placeholder => "placeholder",
            Kind::Invalid => "invalid",
            Kind::Altered => "altered",
            Kind::Moved => "moved",
            Kind::Added => "added",
            Kind::Unverified => "unverified",
            Kind::Conflict => "conflict",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        use Kind::*;
        [
            Missing,
            Incomplete,
            Outdated,
            Placeholder,
            Invalid,
            Altered,
            Moved,
            Added,
            Unverified,
            Conflict,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("unknown kind `{s}`"))
    }
}

/// A secondary location shown under the main one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Catalog id: a provision id (`base.referrals`) or a check id (`doc.dates`).
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Why it matters for the state's review.
    pub note: Option<String>,
    /// The offending text; `None` only for findings about the whole file.
    pub span: Option<Span>,
    /// What the main span's underline says.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    /// The provision the finding is about, when there is one.
    pub provision: Option<String>,
    /// The provision's element (its pack `id`) the finding is about, when
    /// it is about one element.
    pub element: Option<String>,
    /// The template packs whose requirement this finding comes from.
    pub templates: Vec<String>,
    /// The rule judged this finding informational in its context (an
    /// unconfirmed requirement, a title change, a draft not yet signed): it
    /// never decides the verdict, whatever its kind or severity.
    pub advisory: bool,
    /// The verdict this finding decides, filled in from the rule registry
    /// once the checks have run (see [`crate::registry::effect`]); `None`
    /// for findings that decide nothing.
    pub decides: Option<crate::verdict::Verdict>,
}

impl Diagnostic {
    pub fn new(
        id: impl Into<String>,
        kind: Kind,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            id: id.into(),
            kind,
            severity,
            message: message.into(),
            help: None,
            note: None,
            span: None,
            label: None,
            labels: Vec::new(),
            provision: None,
            element: None,
            templates: Vec::new(),
            advisory: false,
            decides: None,
        }
    }
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn with_provision(mut self, id: impl Into<String>) -> Self {
        self.provision = Some(id.into());
        self
    }
    pub fn with_element(mut self, id: impl Into<String>) -> Self {
        self.element = Some(id.into());
        self
    }
    pub fn with_templates(mut self, templates: Vec<String>) -> Self {
        self.templates = templates;
        self
    }
    /// Marks the finding as one that never decides the verdict.
    pub fn advisory(mut self) -> Self {
        self.advisory = true;
        self
    }
    /// Sort key: position in the file, file-wide findings first.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        match self.span {
            Some(s) => (1, s.offset, &self.id),
            None => (0, 0, &self.id),
        }
    }
}

/// A finding kept out of the findings list: by an inline suppression, by
/// the configuration (`select`, `ignore`) or by a baseline. It still
/// decides its file's verdict, unless an inline suppression records the
/// state's approval (`approved-by-dhcs DATE:`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub by: SuppressedBy,
}

/// What suppressed a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuppressedBy {
    /// A `moulint-disable...` comment: its 1-based line, its reason, and
    /// the date of the state's approval when the reason records one.
    Inline {
        line: usize,
        reason: String,
        approved_by_dhcs: Option<String>,
    },
    /// The configuration: `why` names the setting (`ignore = doc.dates`).
    Config { why: String },
    /// An entry of the `--baseline` file.
    Baseline,
}

impl Suppressed {
    /// Whether the finding still decides its file's verdict: always, unless
    /// the suppression records the state's approval.
    pub fn decides_verdict(&self) -> bool {
        !matches!(
            self.by,
            SuppressedBy::Inline {
                approved_by_dhcs: Some(_),
                ..
            }
        )
    }

    /// Why, in words: the reason of an inline suppression, the setting of
    /// the configuration, or `baseline`.
    pub fn reason(&self) -> String {
        match &self.by {
            SuppressedBy::Inline { reason, .. } => reason.clone(),
            SuppressedBy::Config { why } => why.clone(),
            SuppressedBy::Baseline => "in the baseline".to_string(),
        }
    }

    /// `inline`, `config` or `baseline`.
    pub fn source(&self) -> &'static str {
        match self.by {
            SuppressedBy::Inline { .. } => "inline",
            SuppressedBy::Config { .. } => "config",
            SuppressedBy::Baseline => "baseline",
        }
    }
}
