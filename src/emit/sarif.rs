//! SARIF 2.1.0, the format code-scanning services read. One run: the
//! driver lists every rule id the findings carry (with its documentation
//! from the rule registry), each finding is a result with its region in
//! UTF-16 code units (SARIF's default column kind) and a stable
//! fingerprint, each file is an artifact carrying its verdict, and the
//! run's properties hold the verdicts and the summary.

use serde::Serialize;

use super::common::{
    fingerprints, is_relative, path_uri, region, splice, suppressed_fingerprints, PrettyArray,
};
use super::{Emitter, Summary, Totals};
use crate::diagnostic::{Severity, SuppressedBy};
use crate::lint::FileReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where the project and its rule documentation live, from the package
/// metadata (`homepage`, else `repository`); no URI is written when the
/// package names none.
const HOMEPAGE: &str = env!("CARGO_PKG_HOMEPAGE");
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn information_uri() -> Option<&'static str> {
    [HOMEPAGE, REPOSITORY].into_iter().find(|u| !u.is_empty())
}
/// The base id relative artifact paths are resolved against.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    artifacts: Vec<Artifact<'a>>,
    results: Vec<SarifResult>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'static str>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
struct Artifact<'a> {
    location: ArtifactLocation,
    properties: ArtifactProperties<'a>,
}

#[derive(Serialize)]
struct ArtifactProperties<'a> {
    verdict: &'static str,
    templates: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    /// Empty for a finding reported; for a suppressed one, what
    /// suppressed it: `inSource` (a comment in the draft, with its reason)
    /// or `external` (the configuration, a baseline).
    suppressions: Vec<SarifSuppression>,
    properties: ResultProperties,
}

/// A result's message (owned: results are kept until the rule table is
/// known).
#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "moulint/v1")]
    v1: String,
}

#[derive(Serialize)]
struct ResultProperties {
    kind: &'static str,
    decides: Option<&'static str>,
    provision: Option<String>,
    element: Option<String>,
    verdict: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// For a suppressed finding: the date of the state's approval its
    /// suppression records, and whether it still decides the verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_by_dhcs: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deciding: Option<bool>,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    verdicts: Vec<FileVerdict<'a>>,
    summary: &'a Summary,
    skipped: &'a [String],
}

#[derive(Serialize)]
struct FileVerdict<'a> {
    path: &'a str,
    verdict: &'static str,
}

/// The SARIF level of a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(path: &str, index: Option<usize>) -> ArtifactLocation {
    ArtifactLocation {
        uri: path_uri(path),
        uri_base_id: is_relative(path).then_some(SRCROOT),
        index,
    }
}

/// The SARIF emitter. The run's rule table (sorted by id) and its
/// artifacts come before its results in the log, so each file's parts are
/// kept until the end: its results without their source, its artifact and
/// verdict as text.
#[derive(Default)]
pub struct Sarif {
    results: Vec<SarifResult>,
    artifacts: (PrettyArray, String),
    verdicts: (PrettyArray, String),
}

impl Emitter for Sarif {
    fn begin(&mut self) -> String {
        // Artifacts and results are elements of the one run's arrays,
        // verdicts of its properties'.
        self.artifacts.0 = PrettyArray::at_depth(3);
        self.verdicts.0 = PrettyArray::at_depth(4);
        String::new()
    }

    fn file(&mut self, r: &FileReport) -> String {
        let index = self.artifacts.0.len();
        let prints = fingerprints(r);
        let hidden = suppressed_fingerprints(r);
        let all = r
            .diagnostics
            .iter()
            .map(|d| (d, None))
            .chain(r.suppressed.iter().map(|s| (&s.diagnostic, Some(s))));
        for ((d, sup), fp) in all.zip(prints.into_iter().chain(hidden)) {
            let region = region(d.span, r.source.as_ref()).map(|a| Region {
                start_line: a.line,
                start_column: a.column16,
                end_line: a.end_line,
                end_column: a.end_column16,
            });
            self.results.push(SarifResult {
                rule_id: d.id.clone(),
                // Set once the rule table is known.
                rule_index: 0,
                level: level(d.severity),
                message: Message {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: location(&r.path, Some(index)),
                        region,
                    },
                }],
                partial_fingerprints: Fingerprints { v1: fp },
                suppressions: sup
                    .map(|s| SarifSuppression {
                        kind: match s.by {
                            SuppressedBy::Inline { .. } => "inSource",
                            _ => "external",
                        },
                        justification: s.reason(),
                    })
                    .into_iter()
                    .collect(),
                properties: ResultProperties {
                    kind: d.kind.as_str(),
                    decides: d.decides.map(|v| v.as_str()),
                    provision: d.provision.clone(),
                    element: d.element.clone(),
                    verdict: r.verdict.as_str(),
                    help: d.help.clone(),
                    approved_by_dhcs: sup.and_then(|s| match &s.by {
                        SuppressedBy::Inline {
                            approved_by_dhcs, ..
                        } => approved_by_dhcs.clone(),
                        _ => None,
                    }),
                    deciding: sup.map(|s| s.decides_verdict() && d.decides.is_some()),
                },
            });
        }
        let artifact = self.artifacts.0.item(&Artifact {
            location: location(&r.path, None),
            properties: ArtifactProperties {
                verdict: r.verdict.as_str(),
                templates: &r.templates,
            },
        });
        self.artifacts.1.push_str(&artifact);
        let verdict = self.verdicts.0.item(&FileVerdict {
            path: &r.path,
            verdict: r.verdict.as_str(),
        });
        self.verdicts.1.push_str(&verdict);
        String::new()
    }

    fn end(&mut self, run: &Totals) -> String {
        let uri = information_uri();
        let found = std::mem::take(&mut self.results);
        let mut ids: Vec<&str> = found.iter().map(|r| r.rule_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let rules = ids
            .iter()
            .map(|&id| {
                let doc = run.rule(id);
                let title = doc.map_or(id, |d| d.title.as_str());
                Rule {
                    id,
                    short_description: Text { text: title },
                    full_description: Text {
                        text: doc.map_or(title, |d| d.summary.as_str()),
                    },
                    help: doc.map(|d| Help {
                        text: &d.help,
                        markdown: &d.help,
                    }),
                    help_uri: uri,
                    default_configuration: Configuration {
                        level: level(doc.map_or(Severity::Warning, |d| d.severity)),
                    },
                }
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![SarifRun {
                tool: Tool {
                    driver: Driver {
                        name: "moulint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: uri,
                        rules,
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: true,
                }],
                column_kind: "utf16CodeUnits",
                artifacts: Vec::new(),
                results: Vec::new(),
                properties: RunProperties {
                    verdicts: Vec::new(),
                    summary: &run.summary,
                    skipped: run.skipped,
                },
            }],
        };
        let mut s = serde_json::to_string_pretty(&log).expect("plain data serializes");
        let mut results = (PrettyArray::at_depth(3), String::new());
        let indices: Vec<usize> = found
            .iter()
            .map(|r| ids.binary_search(&r.rule_id.as_str()).unwrap_or(0))
            .collect();
        for (mut r, index) in found.into_iter().zip(indices) {
            r.rule_index = index;
            results.1.push_str(&results.0.item(&r));
        }
        for (key, (array, text)) in [
            ("artifacts", &mut self.artifacts),
            ("results", &mut results),
            ("verdicts", &mut self.verdicts),
        ] {
            let whole = format!("[{}{}", std::mem::take(text), array.close());
            s = splice(&s, key, &whole);
        }
        s.push('\n');
        s
    }
}
