//! Emitters: the findings of a run rendered for people ([`human`], drawn
//! by miette; [`concise`], one line each) or machines ([`json`],
//! [`json_lines`], [`sarif`], [`github`], [`gitlab`], [`junit`]), the
//! [`statistics`] table, and the redline report ([`redline`]). What several
//! of them share (UTF-16 columns, fingerprints, escaping) is in [`common`].
//!
//! A findings emitter implements [`Emitter`]: it renders one file's report
//! at a time, then the [`Totals`], so that a run streams (a whole [`Run`]
//! renders the same way); [`emitter`] is the one place a [`Format`]
//! picks one, so a new format is one file, one `Format` variant and one
//! arm there. Emitters only render: they read no arguments, write no files
//! and pick no exit codes (that is [`crate::commands`]).

pub mod common;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod redline;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::verdict::Verdict;

/// The output format of the findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style reports with the source text, then the summary
    /// (also `full`).
    #[value(alias = "full")]
    Human,
    /// `path:line:col: severity id message`, one finding a line.
    Concise,
    /// One JSON document (the public report).
    Json,
    /// One JSON object a line: each finding, each file, the summary.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML: one test suite per file.
    Junit,
}

/// What the emitters know of a rule id: from the rule registry, filled in
/// by the command for the ids the run reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    pub id: String,
    /// What a person calls it: the provision's title, or the check's.
    pub title: String,
    /// A sentence or two: what it checks.
    pub summary: String,
    /// The rule's default severity.
    pub severity: Severity,
    /// The whole documentation (`moulint explain ID`), Markdown.
    pub help: String,
}

/// What a run knows once its last file is checked: the counts, what was
/// skipped or left out, the baseline comparison and the documentation of
/// the rule ids its findings carry. An emitter's [`Emitter::end`] reads it.
#[derive(Debug, Default)]
pub struct Totals<'a> {
    /// Files found in directories that are not MOU drafts, not checked.
    pub skipped: &'a [String],
    /// What walking directories left out (hidden, ignored, excluded).
    pub left_out: &'a [crate::walk::LeftOut],
    /// List what was left out, not only count it (`check --verbose`).
    pub verbose: bool,
    pub summary: Summary,
    /// The documentation of the rule ids the findings carry, sorted by id
    /// (empty when the caller has none: emitters then show the id alone).
    pub rules: Vec<RuleDoc>,
    /// The `--baseline` the run was compared with, if any.
    pub baseline: Option<BaselineInfo>,
}

impl Totals<'_> {
    /// The documentation of one rule id, when the caller gave it.
    pub fn rule(&self, id: &str) -> Option<&RuleDoc> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }
}

/// A whole run held at once: every file's report, in input order, and the
/// totals. `moulint check` never holds one (it streams each report through
/// an [`Emitter`] and drops it); tests, the fuzzer and library callers do.
#[derive(Debug)]
pub struct Run<'a> {
    pub reports: &'a [FileReport],
    pub totals: Totals<'a>,
}

/// What comparing a run with a baseline file gave.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BaselineInfo {
    /// The baseline file, as given.
    pub file: String,
    /// Findings the baseline records (listed as suppressed).
    pub matched: usize,
    /// Entries no finding matched any more: `(id, path, message)`.
    pub stale: Vec<StaleEntry>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StaleEntry {
    pub id: String,
    pub path: String,
    pub hash: String,
    pub message: String,
}

impl<'a> Run<'a> {
    pub fn new(reports: &'a [FileReport]) -> Run<'a> {
        Run::with_skipped(reports, &[])
    }

    pub fn with_skipped(reports: &'a [FileReport], skipped: &'a [String]) -> Run<'a> {
        let mut summary = Summary::of(reports);
        summary.skipped = skipped.len();
        Run {
            reports,
            totals: Totals {
                skipped,
                summary,
                ..Totals::default()
            },
        }
    }

    /// The run with what walking left out, counted in its summary.
    pub fn left_out(mut self, left_out: &'a [crate::walk::LeftOut]) -> Run<'a> {
        self.totals.left_out = left_out;
        self.totals.summary.left_out = left_out.len();
        self
    }

    /// The run with the documentation of its rule ids.
    pub fn with_rules(mut self, rules: Vec<RuleDoc>) -> Run<'a> {
        self.totals.rules = sorted_rules(rules);
        self
    }

    /// Every rule id the findings carry (suppressed ones included), sorted,
    /// once each.
    pub fn rule_ids(&self) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self.reports.iter().flat_map(rule_ids_of).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// The rule ids one report's findings carry, suppressed ones included.
pub fn rule_ids_of(r: &FileReport) -> impl Iterator<Item = &str> {
    r.diagnostics
        .iter()
        .chain(r.suppressed.iter().map(|s| &s.diagnostic))
        .map(|d| d.id.as_str())
}

/// Rule documentation sorted by id, once each (what [`Totals::rule`] searches).
pub fn sorted_rules(mut rules: Vec<RuleDoc>) -> Vec<RuleDoc> {
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    rules
}

/// Renders a run file by file, so that a run never holds more than the
/// reports being checked: [`Emitter::begin`], then [`Emitter::file`] for
/// each report in input order, then [`Emitter::end`]. Each returns the text
/// to append. An emitter whose format needs totals before the files (JUnit's
/// counts, SARIF's rule table) keeps what it rendered of each file, never
/// the reports.
pub trait Emitter {
    /// What comes before the first file.
    fn begin(&mut self) -> String {
        String::new()
    }

    /// One file's part.
    fn file(&mut self, report: &FileReport) -> String;

    /// What comes after the last file.
    fn end(&mut self, totals: &Totals) -> String;

    /// A whole run as one text.
    fn render(&mut self, run: &Run) -> String {
        let mut out = self.begin();
        for r in run.reports {
            out.push_str(&self.file(r));
        }
        out.push_str(&self.end(&run.totals));
        out
    }
}

/// `check --quiet`: the summary line alone.
pub struct SummaryLine;

impl Emitter for SummaryLine {
    fn file(&mut self, _: &FileReport) -> String {
        String::new()
    }

    fn end(&mut self, totals: &Totals) -> String {
        format!("{}\n", totals.summary.line())
    }
}

/// The emitter for a format; `style` is how the human one draws (the
/// others ignore it).
pub fn emitter(format: Format, style: human::Style) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Human::new(style)),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json::default()),
        Format::JsonLines => Box::new(json_lines::JsonLines),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github::default()),
        Format::Gitlab => Box::new(gitlab::Gitlab::default()),
        Format::Junit => Box::new(junit::Junit::default()),
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Counts over all files, shared by every emitter.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Markdown files found in directories and skipped: not MOU drafts.
    pub skipped: usize,
    /// Markdown files and directories walking left out (hidden, matched
    /// by an ignore file, excluded, reached twice).
    pub left_out: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(rename = "file-and-use")]
    pub file_and_use: usize,
    /// Annual reports checked (a count added after the others: shown only
    /// when there is one, so a run without reports reads as before).
    #[serde(skip_serializing_if = "is_zero")]
    pub report: usize,
    pub unverified: usize,
    pub redline: usize,
    pub incomplete: usize,
    pub invalid: usize,
    /// Findings suppressed (inline, by the configuration or a baseline):
    /// not counted above.
    pub suppressed: usize,
    /// How many of the suppressed findings still decide their file's
    /// verdict (all that decide one, but those the state approved).
    pub suppressed_deciding: usize,
    /// The day executed MOUs' records were judged as of (`check
    /// --as-of`, today by default); `None` for reports not made by
    /// `check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Files whose report was read back from `--cache` (`None` without
    /// it): counted above like the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cached: Option<usize>,
}

impl Summary {
    /// The totals in one line: `checked 2 files: 3 errors, 1 warning, 0
    /// notes; 1 redline, 1 incomplete`.
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| {
            if n == 1 {
                format!("{n} {w}")
            } else {
                format!("{n} {w}s")
            }
        };
        let mut out = format!(
            "checked {}: {}, {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "note")
        );
        let verdicts = [
            (self.invalid, Verdict::Invalid),
            (self.incomplete, Verdict::Incomplete),
            (self.redline, Verdict::Redline),
            (self.unverified, Verdict::Unverified),
            (self.report, Verdict::Report),
            (self.file_and_use, Verdict::FileAndUse),
        ];
        let shown: Vec<String> = verdicts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, v)| format!("{n} {}", v.as_str()))
            .collect();
        if !shown.is_empty() {
            out.push_str("; ");
            out.push_str(&shown.join(", "));
        }
        if self.suppressed > 0 {
            out.push_str(&format!("; {} suppressed", self.suppressed));
            if self.suppressed_deciding > 0 {
                out.push_str(&format!(
                    " ({} still deciding the verdict)",
                    self.suppressed_deciding
                ));
            }
        }
        if self.skipped > 0 {
            out.push_str(&format!("; {} skipped", self.skipped));
        }
        if self.left_out > 0 {
            out.push_str(&format!("; {} left out", self.left_out));
        }
        if let Some(n) = self.cached {
            out.push_str(&format!("; {n} from the cache"));
        }
        if let Some(d) = &self.as_of {
            out.push_str(&format!(" (as of {d})"));
        }
        out
    }

    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            s.add(r);
        }
        s
    }

    /// Counts one more file.
    pub fn add(&mut self, r: &FileReport) {
        let s = self;
        s.files += 1;
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s.suppressed += r.suppressed.len();
        s.suppressed_deciding += r
            .suppressed
            .iter()
            .filter(|x| x.decides_verdict() && x.diagnostic.decides.is_some())
            .count();
        match r.verdict {
            Verdict::FileAndUse => s.file_and_use += 1,
            Verdict::Report => s.report += 1,
            Verdict::Unverified => s.unverified += 1,
            Verdict::Redline => s.redline += 1,
            Verdict::Incomplete => s.incomplete += 1,
            Verdict::Invalid => s.invalid += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn each_format_has_its_emitter() {
        let run = Run::new(&[]);
        let style = human::Style {
            color: false,
            width: 80,
        };
        let json: serde_json::Value =
            serde_json::from_str(&emitter(Format::Json, style).render(&run)).unwrap();
        assert_eq!(json["files"], serde_json::json!([]));
        assert_eq!(json["summary"]["files"], 0);
        assert_eq!(
            emitter(Format::Human, style).render(&run),
            "checked 0 files: 0 errors, 0 warnings, 0 notes\n"
        );
        // Every format renders an empty run.
        for format in Format::value_variants() {
            let out = emitter(*format, style).render(&run);
            assert!(out.ends_with('\n'), "{format:?}: {out:?}");
        }
        assert_eq!(emitter(Format::Gitlab, style).render(&run), "[]\n");
    }
}
