//! Sidecar records: an executed MOU's records (meetings, reviews, contact
//! changes, the posted copy, good-faith efforts) kept in `NAME.records.yaml`
//! beside `NAME.md` instead of its front matter, so that the signed text is
//! never edited to record what happened after signing.
//!
//! The sidecar takes the keys of [`RECORDS`] only, validated by the same
//! table as the front matter. A key given in both places is one
//! `doc.front-matter` error (the front matter's value is the one used, and
//! the finding says so): nothing is picked silently.
//!
//! # Where findings point
//!
//! A report shows one file, the draft. A finding about a value of the
//! sidecar therefore points at the draft's `status` value (the front
//! matter block when there is none) and names the sidecar's file, line and
//! column in its message (`alpine.records.yaml:4:5: ...`). The same holds
//! for the `life.*` findings about sidecar records ([`Records::place`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::schema::RECORDS;
use super::validate::check_root;
use super::{FrontMatter, ID};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::yaml;

/// What a sidecar file name ends with.
pub const SUFFIX: &str = ".records.yaml";

/// A sidecar's name as shown and its text (for line and column numbers).
#[derive(Debug, Clone)]
pub struct Sidecar {
    pub shown: String,
    pub text: String,
}

impl Sidecar {
    /// `file:line:column` of a span's start, the column in characters.
    pub fn position(&self, span: Span) -> String {
        let (line, column) = crate::util::position::line_col(&self.text, span.offset);
        format!("{}:{line}:{column}", self.shown)
    }
}

/// The sidecar of a draft: `NAME.records.yaml` beside `NAME.md`.
pub fn path_for(draft: &Path) -> PathBuf {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    draft.with_file_name(format!("{stem}{SUFFIX}"))
}

/// Whether a file is a sidecar (never a draft of its own).
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(SUFFIX))
}

/// Reads the sidecar's records into the draft's front matter `fm`. Every
/// problem (bad YAML, a wrong type, a key also in the front matter) is a
/// `doc.front-matter` finding in `diags`, at the draft's `status` value,
/// naming the sidecar's file, line and column.
pub fn merge(fm: &mut FrontMatter, sidecar: Sidecar, diags: &mut Vec<Diagnostic>) {
    let anchor = fm.status.as_ref().map_or(fm.span, |s| s.span);
    let sidecar = Arc::new(sidecar);
    let mut found = Vec::new();
    let root = match yaml::parse(&sidecar.text) {
        Ok(root) => root,
        Err((msg, off)) => {
            let at = sidecar.position(Span::new(off.unwrap_or(0), 0));
            diags.push(relocated(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!("the records file is not valid YAML: {msg}"),
                )
                .with_help("fix the YAML syntax; quote values that contain `:` or start with `[`"),
                &at,
                anchor,
            ));
            return;
        }
    };
    if matches!(root.value, yaml::Value::Null) {
        return;
    }
    let block = Span::new(0, sidecar.text.len());
    let Some(record) = check_root(&root, block, RECORDS, &mut found) else {
        relocate_all(found, &sidecar, anchor, diags);
        return;
    };
    let root = fm.root.take();
    let in_front = |key: &str| root.as_ref().and_then(|r| r.get(key)).map(|(k, _)| k.span);
    let mut taken = Vec::new();
    let mut conflicts = Vec::new();
    for (key, checked) in record.fields {
        if let Some(front_key) = in_front(key) {
            let at = sidecar.position(checked.key);
            conflicts.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!(
                        "`{key}` is given both in the front matter and in {at}; the front \
                         matter's is used"
                    ),
                )
                .with_span(front_key)
                .with_label("also in the records file")
                .with_help(format!(
                    "keep `{key}` in one place: the sidecar {}, or the front matter",
                    sidecar.shown
                )),
            );
            continue;
        }
        if let Some(store) = RECORDS.iter().find(|f| f.key == key).and_then(|f| f.store) {
            store(fm, checked);
            taken.push(key);
        }
    }
    // Conflict findings already point into the draft; the others into the
    // sidecar.
    relocate_all(found, &sidecar, anchor, diags);
    diags.extend(conflicts);
    fm.root = root;
    fm.records.from_sidecar = taken;
    fm.records.sidecar = Some(sidecar);
}

/// A read failure of the sidecar (it exists but cannot be read): one
/// finding at the draft's `status` value.
pub fn unreadable(fm: &FrontMatter, shown: &str, why: &str) -> Diagnostic {
    let anchor = fm.status.as_ref().map_or(fm.span, |s| s.span);
    Diagnostic::new(
        ID,
        Kind::Invalid,
        Severity::Error,
        format!("the records file {shown} cannot be read: {why}"),
    )
    .with_span(anchor)
    .with_label("records of this MOU")
    .with_help("make it a UTF-8 YAML file, or remove it and keep the records in the front matter")
}

fn relocate_all(
    found: Vec<Diagnostic>,
    sidecar: &Sidecar,
    anchor: Span,
    out: &mut Vec<Diagnostic>,
) {
    for d in found {
        let at = sidecar.position(d.span.unwrap_or_default());
        out.push(relocated(d, &at, anchor));
    }
}

/// A finding about the sidecar, pointed at the draft's `anchor` with the
/// sidecar position in its message (secondary labels, which would point
/// into the sidecar, are dropped).
fn relocated(mut d: Diagnostic, at: &str, anchor: Span) -> Diagnostic {
    d.message = format!("{at}: {}", d.message);
    d.span = Some(anchor);
    d.label = Some("records of this MOU are in the records file".into());
    d.labels.clear();
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse;

    const DRAFT: &str = "---\ntemplate: base\nmcp: P\nother_party: {name: C, type: coc}\ncounties: [Alpine]\nstatus: executed\n---\n";

    fn merged(front: &str, side: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let p = parse(front);
        let mut fm = p.front.unwrap();
        let mut diags = Vec::new();
        merge(
            &mut fm,
            Sidecar {
                shown: "a.records.yaml".into(),
                text: side.into(),
            },
            &mut diags,
        );
        (fm, diags)
    }

    #[test]
    fn records_come_from_the_sidecar() {
        let (fm, d) = merged(DRAFT, "meetings:\n  - 2025-02-01\nposted_copy: posted.md\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.records.meetings.len(), 1);
        assert_eq!(fm.records.from_sidecar, ["meetings", "posted_copy"]);
        let place = fm.records.place("meetings", fm.records.meetings[0].span);
        assert_eq!(place, Err("a.records.yaml:2:5".to_string()));
    }

    #[test]
    fn bad_yaml_and_bad_values_name_the_sidecar_line() {
        let (_, d) = merged(DRAFT, "meetings: [2025-01-01\n");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.starts_with("a.records.yaml:"),
            "{}",
            d[0].message
        );
        let status = DRAFT.find("executed").unwrap();
        assert_eq!(d[0].span.unwrap().offset, status);
        let (_, d) = merged(DRAFT, "\nmeetings: [2025-02-30]\n");
        assert_eq!(
            d[0].message,
            "a.records.yaml:2:12: `meetings` is not a real date: `2025-02-30`"
        );
    }

    #[test]
    fn a_key_in_both_places_is_one_finding() {
        let front = DRAFT.replace(
            "status: executed\n",
            "status: executed\nmeetings: [2025-03-01]\n",
        );
        let (fm, d) = merged(&front, "meetings: [2025-02-01]\n");
        assert_eq!(d.len(), 1);
        assert!(d[0]
            .message
            .contains("both in the front matter and in a.records.yaml:1:1"));
        let s = d[0].span.unwrap();
        assert_eq!(&front[s.offset..s.end()], "meetings");
        assert_eq!(fm.records.meetings[0].date.value.month, 3);
        assert!(fm.records.from_sidecar.is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(
            path_for(Path::new("d/alpine.md")),
            Path::new("d/alpine.records.yaml")
        );
        assert!(is_sidecar(Path::new("d/alpine.records.yaml")));
        assert!(!is_sidecar(Path::new("d/alpine.yaml")));
    }
}
