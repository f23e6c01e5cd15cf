//! Emitters: the findings of a run rendered for people ([`human`], drawn
//! by miette) or machines ([`json`]), and the redline report
//! ([`redline`]).
//!
//! A findings emitter implements [`Emitter`] over a [`Run`] (every file's
//! report and the [`Summary`]); [`emitter`] is the one place a [`Format`]
//! picks one, so a new format is one file, one `Format` variant and one
//! arm there. Emitters only render: they read no arguments, write no files
//! and pick no exit codes (that is [`crate::commands`]).

pub mod human;
pub mod json;
pub mod redline;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::verdict::Verdict;

/// The output format of the findings (and of `moulint templates`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// What a findings emitter renders: the reports of one run, in input
/// order, and their counts.
#[derive(Debug)]
pub struct Run<'a> {
    pub reports: &'a [FileReport],
    /// Files found in directories that are not MOU drafts, not checked.
    pub skipped: &'a [String],
    pub summary: Summary,
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
            skipped,
            summary,
        }
    }
}

/// Renders a whole run as one text.
pub trait Emitter {
    fn render(&self, run: &Run) -> String;
}

/// The emitter for a format; `style` is how the human one draws (the
/// others ignore it).
pub fn emitter(format: Format, style: human::Style) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Human { style }),
        Format::Json => Box::new(json::Json),
    }
}

/// Counts over all files, shared by every emitter.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Markdown files found in directories and skipped: not MOU drafts.
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(rename = "file-and-use")]
    pub file_and_use: usize,
    pub unverified: usize,
    pub redline: usize,
    pub incomplete: usize,
    pub invalid: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
            match r.verdict {
                Verdict::FileAndUse => s.file_and_use += 1,
                Verdict::Unverified => s.unverified += 1,
                Verdict::Redline => s.redline += 1,
                Verdict::Incomplete => s.incomplete += 1,
                Verdict::Invalid => s.invalid += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
