//! Emitters: the same reports rendered for people (miette) or machines.

pub mod human;
pub mod json;
pub mod redline;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::verdict::Verdict;

/// Counts over all files, shared by every emitter.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(rename = "file-and-use")]
    pub file_and_use: usize,
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
                Verdict::Redline => s.redline += 1,
                Verdict::Incomplete => s.incomplete += 1,
                Verdict::Invalid => s.invalid += 1,
            }
        }
        s
    }
}
