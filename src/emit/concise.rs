//! Concise output: one line per finding, `path:line:col: severity id
//! message`, then the one-line summary. Lines and columns are 1-based and
//! count characters, at the start of the finding's span; a file-wide
//! finding is at `1:1`.

use super::common::{region, Region};
use super::{Emitter, Totals};
use crate::lint::FileReport;

/// The concise emitter.
pub struct Concise;

impl Emitter for Concise {
    fn file(&mut self, r: &FileReport) -> String {
        let mut out = String::new();
        for d in &r.diagnostics {
            let at = region(d.span, r.source.as_ref()).unwrap_or(Region::START);
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                r.path,
                at.line,
                at.column,
                d.severity.as_str(),
                d.id,
                one_line(&d.message)
            ));
        }
        out
    }

    fn end(&mut self, run: &Totals) -> String {
        let mut out = run.summary.line();
        out.push('\n');
        if run.verbose {
            for l in run.left_out {
                let slash = if l.directory { "/" } else { "" };
                out.push_str(&format!(
                    "left out: {}{slash} ({})\n",
                    l.path,
                    l.reason.describe()
                ));
            }
        }
        out
    }
}

/// A message on one line: line breaks as spaces.
pub(super) fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
