//! GitHub Actions workflow commands: one annotation per finding
//! (`::error`, `::warning`, `::notice` for `info`), placed on the file and
//! the lines and columns (characters) of the span, then each file's verdict
//! and the summary as plain log lines.

use super::common::{github_data, github_property, region};
use super::{Emitter, Totals};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// The GitHub Actions emitter: annotations as each file comes, its
/// verdict line kept for the end.
#[derive(Default)]
pub struct Github {
    verdicts: String,
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for Github {
    fn file(&mut self, r: &FileReport) -> String {
        let mut out = String::new();
        for d in &r.diagnostics {
            let mut props = vec![format!("file={}", github_property(&r.path))];
            if let Some(a) = region(d.span, r.source.as_ref()) {
                props.push(format!("line={}", a.line));
                props.push(format!("col={}", a.column));
                props.push(format!("endLine={}", a.end_line));
                props.push(format!("endColumn={}", a.end_column));
            }
            let title = format!("{} ({})", d.id, d.kind.as_str());
            props.push(format!("title={}", github_property(&title)));
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{} {}::{}\n",
                command(d.severity),
                props.join(","),
                github_data(&message)
            ));
        }
        self.verdicts.push_str(&format!(
            "{}: {} ({})\n",
            r.path,
            r.verdict.as_str(),
            r.verdict.meaning()
        ));
        out
    }

    fn end(&mut self, run: &Totals) -> String {
        let mut out = std::mem::take(&mut self.verdicts);
        out.push_str(&run.summary.line());
        out.push('\n');
        out
    }
}
