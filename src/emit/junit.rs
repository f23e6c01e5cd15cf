//! JUnit XML, for CI test reports: one `<testsuite>` per file (named by
//! its path, with its verdict and templates as properties), one
//! `<testcase>` per required provision and per check id that reported
//! something, or a single passing `document checks` case when no check
//! did. A finding about a provision belongs to that provision's case. A
//! case fails (`<failure>`) when it holds an `error`; warnings and notes
//! are its `<system-out>`.

use std::fmt::Write;

use super::common::{region, xml_escape, Region};
use super::concise::one_line;
use super::{Emitter, Totals};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;

/// The JUnit emitter. The document opens with the run's counts, so each
/// file's suite is kept, as text, until the end.
#[derive(Default)]
pub struct Junit {
    suites: String,
    tests: usize,
    failures: usize,
}

/// The name of the passing case of a file no check reported on.
const CLEAN: &str = "document checks";

struct Case<'a> {
    name: &'a str,
    findings: Vec<&'a Diagnostic>,
}

impl Case<'_> {
    fn errors(&self) -> impl Iterator<Item = &&Diagnostic> {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
    fn failed(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// The cases of one file: its provisions in order, then the check ids in
/// order of id.
fn cases(r: &FileReport) -> Vec<Case<'_>> {
    let mut cases: Vec<Case> = r
        .provisions
        .iter()
        .map(|p| Case {
            name: &p.id,
            findings: Vec::new(),
        })
        .collect();
    let provisions = cases.len();
    let mut checks: Vec<Case> = Vec::new();
    for d in &r.diagnostics {
        let owner = d
            .provision
            .as_deref()
            .filter(|p| cases[..provisions].iter().any(|c| c.name == *p))
            .unwrap_or(&d.id);
        if let Some(c) = cases.iter_mut().find(|c| c.name == owner) {
            c.findings.push(d);
        } else if let Some(c) = checks.iter_mut().find(|c| c.name == owner) {
            c.findings.push(d);
        } else {
            checks.push(Case {
                name: owner,
                findings: vec![d],
            });
        }
    }
    if checks.is_empty() {
        checks.push(Case {
            name: CLEAN,
            findings: Vec::new(),
        });
    }
    checks.sort_by(|a, b| a.name.cmp(b.name));
    cases.extend(checks);
    cases
}

/// A finding as one line of a case's text: where, what, how to fix.
fn line(r: &FileReport, d: &Diagnostic) -> String {
    let at = region(d.span, r.source.as_ref()).unwrap_or(Region::START);
    let mut s = format!(
        "{}:{}:{}: {} {} {}",
        r.path,
        at.line,
        at.column,
        d.severity.as_str(),
        d.id,
        one_line(&d.message)
    );
    if let Some(h) = &d.help {
        let _ = write!(s, "\n  help: {}", one_line(h));
    }
    s.push('\n');
    s
}

impl Emitter for Junit {
    fn file(&mut self, r: &FileReport) -> String {
        let cases = cases(r);
        self.tests += cases.len();
        self.failures += cases.iter().filter(|c| c.failed()).count();
        self.suites.push_str(&suite(r, &cases));
        String::new()
    }

    fn end(&mut self, _: &Totals) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"moulint\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            self.tests, self.failures
        );
        out.push_str(&std::mem::take(&mut self.suites));
        out.push_str("</testsuites>\n");
        out
    }
}

/// One file's test suite.
fn suite(r: &FileReport, cases: &[Case]) -> String {
    let mut out = String::new();
    let path = xml_escape(&r.path);
    let _ = writeln!(
        out,
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
        cases.len(),
        cases.iter().filter(|c| c.failed()).count()
    );
    out.push_str("    <properties>\n");
    let _ = writeln!(
        out,
        "      <property name=\"verdict\" value=\"{}\"/>",
        r.verdict.as_str()
    );
    let _ = writeln!(
        out,
        "      <property name=\"templates\" value=\"{}\"/>",
        xml_escape(&r.templates.join(","))
    );
    out.push_str("    </properties>\n");
    for c in cases {
        let name = xml_escape(c.name);
        if c.findings.is_empty() {
            let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\"/>");
            continue;
        }
        let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\">");
        let errors: Vec<&&Diagnostic> = c.errors().collect();
        if let Some(first) = errors.first() {
            let mut message = one_line(&first.message);
            if errors.len() > 1 {
                let _ = write!(message, " (and {} more)", errors.len() - 1);
            }
            let body: String = errors.iter().map(|d| line(r, d)).collect();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_escape(&message),
                first.kind.as_str(),
                xml_escape(&body)
            );
        }
        let rest: String = c
            .findings
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .map(|d| line(r, d))
            .collect();
        if !rest.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml_escape(&rest));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out
}
