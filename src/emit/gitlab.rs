//! GitLab Code Quality: a JSON array of issues, one per finding, with the
//! file's path, the lines of the span and a stable fingerprint (the one
//! SARIF carries). GitLab's severities are read from the finding: an error
//! that makes the file invalid is `blocker`, one that decides `incomplete`
//! or `redline` is `critical`, any other error `major`, a warning `minor`
//! and an info `info`.

use serde::Serialize;

use super::common::{fingerprints, region, PrettyArray, Region};
use super::{Emitter, Totals};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::verdict::Verdict;

#[derive(Serialize)]
struct Issue<'a> {
    r#type: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(d: &Diagnostic) -> &'static str {
    match (d.severity, d.decides) {
        (Severity::Error, Some(Verdict::Invalid)) => "blocker",
        (Severity::Error, Some(Verdict::Incomplete | Verdict::Redline)) => "critical",
        (Severity::Error, _) => "major",
        (Severity::Warning, _) => "minor",
        (Severity::Info, _) => "info",
    }
}

/// The GitLab Code Quality emitter: the array streams, an issue at a time.
#[derive(Default)]
pub struct Gitlab {
    issues: PrettyArray,
}

impl Emitter for Gitlab {
    fn begin(&mut self) -> String {
        "[".to_string()
    }

    fn file(&mut self, r: &FileReport) -> String {
        let mut out = String::new();
        let path = r.path.strip_prefix("./").unwrap_or(&r.path);
        for (d, fingerprint) in r.diagnostics.iter().zip(fingerprints(r)) {
            let at = region(d.span, r.source.as_ref()).unwrap_or(Region::START);
            out.push_str(&self.issues.item(&Issue {
                r#type: "issue",
                description: format!("{}: {}", d.id, d.message),
                check_name: &d.id,
                fingerprint,
                severity: severity(d),
                location: Location {
                    path,
                    lines: Lines {
                        begin: at.line,
                        end: at.end_line,
                    },
                },
            }));
        }
        out
    }

    fn end(&mut self, _: &Totals) -> String {
        self.issues.close() + "\n"
    }
}
