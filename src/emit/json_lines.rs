//! JSON Lines: one JSON object a line, for tools that stream. Every object
//! has a `type`: one `finding` per finding (with its file's path and
//! verdict), then one `file` per file after its findings, then one
//! `summary` last. Fields may be added; existing ones keep their names.

use serde::Serialize;

use super::common::{fingerprints, region};
use super::{Emitter, Summary, Totals};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

#[derive(Serialize)]
struct Finding<'a> {
    r#type: &'static str,
    path: &'a str,
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    note: Option<&'a str>,
    /// 1-based, columns in characters; null for a file-wide finding.
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    provision: Option<&'a str>,
    element: Option<&'a str>,
    decides: Option<&'static str>,
    /// The verdict of the finding's file.
    verdict: &'static str,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct File<'a> {
    r#type: &'static str,
    path: &'a str,
    templates: &'a [String],
    verdict: &'static str,
    errors: usize,
    warnings: usize,
    infos: usize,
    not_compared: &'a [String],
}

#[derive(Serialize)]
struct Last<'a> {
    r#type: &'static str,
    tool: &'static str,
    version: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
    /// Markdown files found in directories that are not MOU drafts.
    skipped_paths: &'a [String],
}

/// The JSON Lines emitter.
pub struct JsonLines;

fn line<T: Serialize>(out: &mut String, value: &T) {
    out.push_str(&serde_json::to_string(value).expect("plain data serializes"));
    out.push('\n');
}

impl Emitter for JsonLines {
    fn file(&mut self, r: &FileReport) -> String {
        let mut out = String::new();
        let prints = fingerprints(r);
        for (d, fp) in r.diagnostics.iter().zip(&prints) {
            let at = region(d.span, r.source.as_ref());
            line(
                &mut out,
                &Finding {
                    r#type: "finding",
                    path: &r.path,
                    id: &d.id,
                    kind: d.kind.as_str(),
                    severity: d.severity.as_str(),
                    message: &d.message,
                    help: d.help.as_deref(),
                    note: d.note.as_deref(),
                    line: at.map(|a| a.line),
                    column: at.map(|a| a.column),
                    end_line: at.map(|a| a.end_line),
                    end_column: at.map(|a| a.end_column),
                    provision: d.provision.as_deref(),
                    element: d.element.as_deref(),
                    decides: d.decides.map(|v| v.as_str()),
                    verdict: r.verdict.as_str(),
                    fingerprint: fp,
                },
            );
        }
        let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
        line(
            &mut out,
            &File {
                r#type: "file",
                path: &r.path,
                templates: &r.templates,
                verdict: r.verdict.as_str(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
                not_compared: &r.not_compared,
            },
        );
        out
    }

    fn end(&mut self, run: &Totals) -> String {
        let mut out = String::new();
        line(
            &mut out,
            &Last {
                r#type: "summary",
                tool: "moulint",
                version: env!("CARGO_PKG_VERSION"),
                summary: &run.summary,
                skipped_paths: run.skipped,
            },
        );
        out
    }
}
