//! Finding, parsing and validating the YAML front matter block.
//!
//! The block is detected by [`split()`] (a `---` first line, after an
//! optional byte order mark, CRLF tolerated, closed by `---` or `...`),
//! parsed into a spanned tree (see [`crate::yaml`]) and checked against
//! [`SCHEMA`]. Every span is shifted into file coordinates, so a finding
//! points at the exact key or value in the original file.
//!
//! # The schema is a table
//!
//! [`SCHEMA`] (in `schema.rs`) lists the top-level keys, in the order help
//! text lists them and missing keys are reported. Each [`Field`] states:
//!
//! - `key`, and `takes`: what it takes, in words (help text; [`KEYS`] is
//!   the list of both);
//! - `ty`, its [`Type`]: a string; a string or a list of strings; one of a
//!   fixed set of words (`status`); a date, YYYY-MM-DD ([`Date`]); a
//!   mapping with its own table of sub-fields (`other_party` with `name`
//!   and `type`); or a list whose items all have one type, such as a list
//!   of mappings (the lifecycle records of executed MOUs);
//! - `need`, a [`Need`]: optional; required, with the hint shown when it
//!   is missing; or one key of a [`Group`] of which exactly one must be
//!   given (`mcp` / `mcps`);
//! - `hook`, an optional [`Hook`] for a rule the type cannot state, each
//!   one documented where it is defined (today one: "`template` names no
//!   template");
//! - `store`, a [`Store`] that moves the checked value ([`Checked`],
//!   [`Typed`], [`Record`] for a mapping) into [`FrontMatter`].
//!
//! One generic validator (`validate.rs`) walks the YAML tree against the
//! table. Keys that are not strings, keys given twice and unknown keys
//! (with a did-you-mean, at the top level and inside mappings) are
//! findings; values are checked against their types; then what is missing
//! is reported, in table order. Its module docs give the exact wording.
//!
//! # Adding a key
//!
//! Add a [`Field`] to [`SCHEMA`] where it should appear in help text. If a
//! check needs its value, add a field to [`FrontMatter`] and give the
//! entry a `store` that fills it from the [`Checked`] value:
//!
//! ```text
//! Field::new("posted", "the day the executed MOU was posted", Type::Date)
//!     .store(|fm, c| fm.posted = c.value.date()),
//! ```
//!
//! A key whose value is a mapping names a second table of [`Field`]s for
//! its sub-keys (as `other_party` does), and its `store` reads the
//! [`Record`]. A list of records is a list of such mappings:
//!
//! ```text
//! const MEETING: &[Field] = &[
//!     Field::new("date", "the day the meeting was held", Type::Date)
//!         .required("the day the meeting was held, YYYY-MM-DD"),
//!     Field::new("summary_posted", "the day its summary was posted", Type::Date),
//! ];
//! // in SCHEMA:
//! Field::new("meetings", "the meetings held", Type::ListOf(&Type::Mapping(MEETING)))
//!     .store(|fm, c| fm.meetings = c.value.records()),
//! ```
//!
//! Findings inside such a list name the list (`meetings.date` is missing)
//! and point at the item.

pub mod schema;
pub mod sidecar;
mod split;
mod validate;

pub use schema::{KEYS, RECORDS, REPORT_SCHEMA, SCHEMA};
pub use split::{split, Split, SplitResult};
pub use validate::{Checked, Date, Field, Group, Hook, Need, Record, Store, Type, Typed};

use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::yaml::{self, Node};

/// The front matter check's id in the catalog.
pub const ID: &str = "doc.front-matter";

/// A value and the bytes it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Executed,
}

#[derive(Debug, Clone, Default)]
pub struct Party {
    pub name: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub span: Option<Span>,
}

/// Validated front matter. Fields are `None` when absent or unusable; the
/// matching finding is already in the parse result's diagnostics.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    pub templates: Vec<Sp<String>>,
    /// The `template` key itself, for findings about the set of templates.
    pub template_key: Option<Span>,
    pub template_version: Option<Sp<String>>,
    pub mcps: Vec<Sp<String>>,
    pub other_party: Party,
    pub counties: Vec<Sp<String>>,
    /// Knox-Keene subcontractor plans that are also parties to the MOU.
    pub subcontractors: Vec<Sp<String>>,
    pub effective_date: Option<Sp<String>>,
    pub execution_date: Option<Sp<String>>,
    pub status: Option<Sp<Status>>,
    /// What was done after signing (an executed MOU's records).
    pub records: Records,
    /// Set when the front matter is a report's (`report:`), not an MOU's.
    pub report: Option<ReportMeta>,
    pub root: Option<Node>,
}

/// A report's front matter (see [`REPORT_SCHEMA`]); fields are `None`
/// when absent or unusable.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// `annual`.
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub plan: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
}

/// The records of an executed MOU: meetings held, annual reviews, contact
/// changes and the posted copy. Items whose dates did not pass are left
/// out (their findings are made).
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub meetings: Vec<Dated>,
    pub meetings_key: Option<Span>,
    pub annual_reviews: Vec<Dated>,
    pub annual_reviews_key: Option<Span>,
    pub contact_changes: Vec<ContactChange>,
    pub contact_changes_key: Option<Span>,
    pub posted: Option<Posted>,
    /// `posted_copy`: the file of the posted copy, relative to the MOU.
    pub posted_copy: Option<Sp<String>>,
    /// `posted_copy`'s file as read for the checks (see
    /// [`PostedCopyText`]); `None` when there is no `posted_copy` or it was
    /// not looked at (standard input).
    pub posted_copy_text: Option<PostedCopyText>,
    /// Good-faith efforts recorded for the MOU (shown by `portfolio`).
    pub good_faith: Vec<GoodFaith>,
    /// The sidecar `NAME.records.yaml` the keys of `from_sidecar` came
    /// from; their spans point into its text, not the draft's.
    pub sidecar: Option<std::sync::Arc<sidecar::Sidecar>>,
    /// The record keys read from the sidecar.
    pub from_sidecar: Vec<&'static str>,
}

impl Records {
    /// Where a finding about a record of `key` at `span` can point: the
    /// span itself when the key is in the front matter; for a key of the
    /// sidecar, `None` and the sidecar's `file:line:column` of the span
    /// (a report shows one file, the draft's).
    pub fn place(&self, key: &str, span: Span) -> Result<Span, String> {
        match &self.sidecar {
            Some(s) if self.from_sidecar.contains(&key) => Err(s.position(span)),
            _ => Ok(span),
        }
    }
}

/// The posted copy's file, read: its shown path and text, or why it could
/// not be read (a finding of `life.posting`).
#[derive(Debug, Clone)]
pub struct PostedCopyText {
    pub shown: String,
    pub text: Result<String, String>,
}

/// A good-faith effort: `{date, action}`.
#[derive(Debug, Clone)]
pub struct GoodFaith {
    pub date: Sp<Date>,
    pub action: Sp<String>,
}

/// A dated record (a meeting, a review) and the date something followed
/// it (the meeting's posting, the review's evidence sent).
#[derive(Debug, Clone)]
pub struct Dated {
    pub date: Sp<Date>,
    pub then: Option<Sp<Date>>,
    /// Written as a mapping (`{date, ...}`), not as a bare date.
    pub detailed: bool,
    /// What findings about the record point at: its date.
    pub span: Span,
}

/// A change of Responsible Person or liaison.
#[derive(Debug, Clone)]
pub struct ContactChange {
    pub role: Option<Sp<String>>,
    pub changed: Sp<Date>,
    pub notified: Option<Sp<Date>>,
}

/// The posted copy of the executed MOU.
#[derive(Debug, Clone)]
pub struct Posted {
    /// The `posted` key.
    pub key: Span,
    pub url: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
}

/// Result of reading the front matter.
pub struct Parsed {
    pub front: Option<FrontMatter>,
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The YAML could not be parsed at all: the file is `invalid`.
    pub fatal: bool,
}

pub fn parse(text: &str) -> Parsed {
    let mut diags = Vec::new();
    let sp = match split(text) {
        SplitResult::Found(sp) => sp,
        SplitResult::Absent { body_start } => {
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Missing,
                    Severity::Error,
                    "the draft has no front matter",
                )
                .with_help(
                    "start the file with a `---` line, the YAML keys `template`, `mcp`, \
                         `other_party`, `counties` and `status`, and a closing `---` line; \
                         without them moulint cannot tell which template the MOU must follow \
                         (see `moulint explain doc.front-matter`)",
                ),
            );
            return Parsed {
                front: None,
                body_start,
                diagnostics: diags,
                fatal: false,
            };
        }
        SplitResult::Unclosed(open) => {
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    "the front matter is never closed",
                )
                .with_span(open)
                .with_label("opened here")
                .with_help("add a line holding only `---` after the last YAML key"),
            );
            return Parsed {
                front: None,
                body_start: text.len(),
                diagnostics: diags,
                fatal: true,
            };
        }
    };
    let yaml_text = &text[sp.yaml.offset..sp.yaml.end()];
    let mut root = match yaml::parse(yaml_text) {
        Ok(n) => n,
        Err((msg, off)) => {
            let span = match off {
                Some(o) => {
                    let o = sp.yaml.offset + o.min(yaml_text.len());
                    let len = text[o..].chars().next().map_or(0, |c| c.len_utf8());
                    Span::new(o, len)
                }
                None => sp.block,
            };
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!("the front matter is not valid YAML: {msg}"),
                )
                .with_span(span)
                .with_label("here")
                .with_help("fix the YAML syntax; quote values that contain `:` or start with `[`"),
            );
            return Parsed {
                front: None,
                body_start: sp.body_start,
                diagnostics: diags,
                fatal: true,
            };
        }
    };
    root.shift(sp.yaml.offset);
    let mut fm = FrontMatter {
        span: sp.block,
        ..FrontMatter::default()
    };
    schema::validate(&root, &mut fm, &mut diags);
    fm.root = Some(root);
    Parsed {
        front: Some(fm),
        body_start: sp.body_start,
        diagnostics: diags,
        fatal: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let t = "---\ntemplate: base\nefective_date: 2025-01-01\n---\n";
        let p = parse(t);
        let d = p
            .diagnostics
            .iter()
            .find(|d| d.message.contains("efective_date"))
            .unwrap();
        assert_eq!(d.help.as_deref(), Some("did you mean `effective_date`?"));
        let s = d.span.unwrap();
        assert_eq!(&t[s.offset..s.end()], "efective_date");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let t = "---\ntemplate: [base\nmcp: x\n---\n";
        let p = parse(t);
        assert!(p.fatal);
        let s = p.diagnostics[0].span.unwrap();
        assert!(s.offset >= 4 && s.offset <= t.len(), "{s:?}");
    }
}
