//! The JSON report: a public interface. Fields may be added; existing ones
//! keep their names and meaning.

use serde::Serialize;

use super::common::{fingerprints, PrettyArray};
use super::{Emitter, Run, Summary, Totals};
use crate::diagnostic::{Diagnostic, Span, SuppressedBy};
use crate::lint::FileReport;
use crate::source::SourceFile;

/// Bumped only if an existing field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    /// Markdown files found in directories that are not MOU drafts.
    skipped: &'a [String],
    /// Markdown files and directories walking left out, and why.
    left_out: &'a [crate::walk::LeftOut],
    summary: Summary,
    /// The `--baseline` comparison, or null.
    baseline: Option<&'a super::BaselineInfo>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    templates: &'a [String],
    verdict: &'static str,
    diagnostics: Vec<Diag<'a>>,
    /// Where each required provision and its elements were found.
    provisions: Vec<ProvisionOut<'a>>,
    /// Mandatory provisions whose wording was not compared with a
    /// reference text (the verdict is then at best `unverified`).
    not_compared: &'a [String],
    /// Findings suppressed, with what suppressed them.
    suppressed: Vec<SuppressedOut<'a>>,
}

#[derive(Serialize)]
struct SuppressedOut<'a> {
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    message: &'a str,
    /// The line of the finding (null for a file-wide one).
    line: Option<usize>,
    /// `inline`, `config` or `baseline`.
    by: &'static str,
    /// The line of the suppression comment (inline only).
    suppression_line: Option<usize>,
    reason: String,
    /// The date of the state's approval the reason records, if any: only
    /// then does the finding no longer decide the verdict.
    approved_by_dhcs: Option<&'a str>,
    decides: Option<&'static str>,
    /// Whether it still decides the file's verdict.
    deciding: bool,
}

#[derive(Serialize)]
struct ProvisionOut<'a> {
    id: &'a str,
    section: Option<&'a str>,
    found_by: Option<&'static str>,
    elements: Vec<ElementOut<'a>>,
}

#[derive(Serialize)]
struct ElementOut<'a> {
    id: &'a str,
    /// `section`, `elsewhere` or `absent`.
    found: &'static str,
    span: Option<JsonSpan>,
}

#[derive(Serialize)]
pub struct JsonSpan {
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    span: Option<JsonSpan>,
}

#[derive(Serialize)]
struct Diag<'a> {
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    note: Option<&'a str>,
    span: Option<JsonSpan>,
    provision: Option<&'a str>,
    element: Option<&'a str>,
    /// The verdict the finding decides (`redline`, `incomplete`, ...), or
    /// null when it decides none.
    decides: Option<&'static str>,
    templates: &'a [String],
    labels: Vec<LabelOut<'a>>,
    /// Stable across edits elsewhere in the file (see
    /// [`super::common::fingerprints`]): the same as SARIF's and GitLab's.
    fingerprint: String,
}

/// A span with 1-based line and column (columns count characters).
pub fn json_span(span: Span, source: Option<&SourceFile>) -> JsonSpan {
    let (line, column, end_line, end_column) = match source {
        Some(src) => {
            let (l, c) = src.line_col(span.offset);
            let (el, ec) = src.line_col(span.end());
            (l, c, el, ec)
        }
        None => (1, 1, 1, 1),
    };
    JsonSpan {
        offset: span.offset,
        length: span.length,
        line,
        column,
        end_line,
        end_column,
    }
}

fn diag<'a>(d: &'a Diagnostic, src: Option<&SourceFile>, fingerprint: String) -> Diag<'a> {
    Diag {
        id: &d.id,
        kind: d.kind.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        note: d.note.as_deref(),
        span: d.span.map(|s| json_span(s, src)),
        provision: d.provision.as_deref(),
        element: d.element.as_deref(),
        decides: d.decides.map(|v| v.as_str()),
        templates: &d.templates,
        labels: d
            .labels
            .iter()
            .map(|l| LabelOut {
                message: &l.message,
                span: Some(json_span(l.span, src)),
            })
            .collect(),
        fingerprint,
    }
}

/// The JSON emitter: one document for the whole run, its `files` array
/// written a file at a time.
#[derive(Default)]
pub struct Json {
    files: PrettyArray,
}

impl Json {
    /// The document with no file and these totals, as serde lays it out:
    /// the frame the files are spliced into.
    fn frame(totals: &Totals) -> String {
        let report = Report {
            version: SCHEMA_VERSION,
            tool: Tool {
                name: "moulint",
                version: env!("CARGO_PKG_VERSION"),
            },
            files: Vec::new(),
            skipped: totals.skipped,
            left_out: totals.left_out,
            summary: totals.summary.clone(),
            baseline: totals.baseline.as_ref(),
        };
        serde_json::to_string_pretty(&report).expect("plain data serializes")
    }
}

/// Where the frame's empty `files` array is.
const FILES: &str = "\"files\": []";

impl Emitter for Json {
    fn begin(&mut self) -> String {
        // `files` is a field of the document.
        self.files = PrettyArray::at_depth(1);
        // The fields before `files` hold no totals.
        let frame = Json::frame(&Totals::default());
        let at = frame.find(FILES).expect("the frame has a files array");
        format!("{}\"files\": [", &frame[..at])
    }

    fn file(&mut self, r: &FileReport) -> String {
        self.files.item(&file(r))
    }

    fn end(&mut self, totals: &Totals) -> String {
        let frame = Json::frame(totals);
        let at = frame.find(FILES).expect("the frame has a files array");
        let mut s = self.files.close();
        s.push_str(&frame[at + FILES.len()..]);
        s.push('\n');
        s
    }
}

/// [`Json`] over reports, for callers without a [`Run`].
pub fn render(reports: &[FileReport]) -> String {
    Json::default().render(&Run::new(reports))
}

/// One file's entry.
fn file(r: &FileReport) -> File<'_> {
    File {
        path: &r.path,
        templates: &r.templates,
        verdict: r.verdict.as_str(),
        diagnostics: r
            .diagnostics
            .iter()
            .zip(fingerprints(r))
            .map(|(d, fp)| diag(d, r.source.as_ref(), fp))
            .collect(),
        provisions: r
            .provisions
            .iter()
            .map(|p| ProvisionOut {
                id: &p.id,
                section: p.section.as_deref(),
                found_by: p.by,
                elements: p
                    .elements
                    .iter()
                    .map(|e| ElementOut {
                        id: &e.id,
                        found: e.found,
                        span: e.span.map(|s| json_span(s, r.source.as_ref())),
                    })
                    .collect(),
            })
            .collect(),
        not_compared: &r.not_compared,
        suppressed: r
            .suppressed
            .iter()
            .map(|x| {
                let d = &x.diagnostic;
                let (suppression_line, approved) = match &x.by {
                    SuppressedBy::Inline {
                        line,
                        approved_by_dhcs,
                        ..
                    } => (Some(*line), approved_by_dhcs.as_deref()),
                    _ => (None, None),
                };
                SuppressedOut {
                    id: &d.id,
                    kind: d.kind.as_str(),
                    severity: d.severity.as_str(),
                    message: &d.message,
                    line: d
                        .span
                        .zip(r.source.as_ref())
                        .map(|(s, src)| src.line_col(s.offset).0),
                    by: x.source(),
                    suppression_line,
                    reason: x.reason(),
                    approved_by_dhcs: approved,
                    decides: d.decides.map(|v| v.as_str()),
                    deciding: x.decides_verdict() && d.decides.is_some(),
                }
            })
            .collect(),
    }
}
