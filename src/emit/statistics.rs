//! `moulint check --statistics`: how many findings each rule id reported,
//! most frequent first, instead of the findings; as a table with the
//! summary line, or as a JSON array.

use serde::Serialize;

use super::{Emitter, Run};
use crate::diagnostic::Severity;

/// One row: an id and a severity it reported with.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub count: usize,
    pub severity: &'static str,
    pub title: &'a str,
}

/// The rows of a run: one per id and severity, most frequent first, then
/// by id and from error to info.
pub fn rows<'a>(run: &'a Run) -> Vec<Row<'a>> {
    let mut counts: Vec<(&str, Severity, usize)> = Vec::new();
    for d in run.reports.iter().flat_map(|r| &r.diagnostics) {
        match counts
            .iter_mut()
            .find(|(id, s, _)| *id == d.id && *s == d.severity)
        {
            Some((_, _, n)) => *n += 1,
            None => counts.push((&d.id, d.severity, 1)),
        }
    }
    counts.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| a.0.cmp(b.0))
            .then_with(|| b.1.cmp(&a.1))
    });
    counts
        .into_iter()
        .map(|(id, severity, count)| Row {
            id,
            count,
            severity: severity.as_str(),
            title: run.rule(id).map_or("", |r| r.title.as_str()),
        })
        .collect()
}

/// The statistics emitter: a table (`json: false`) or a JSON array.
pub struct Statistics {
    pub json: bool,
}

impl Emitter for Statistics {
    fn render(&self, run: &Run) -> String {
        let rows = rows(run);
        if self.json {
            let mut s = serde_json::to_string_pretty(&rows).expect("plain data serializes");
            s.push('\n');
            return s;
        }
        let count_w = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        let id_w = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
        let mut out = String::new();
        for r in &rows {
            let line = format!(
                "{:>count_w$}  {:<id_w$}  {:<7}  {}",
                r.count, r.id, r.severity, r.title
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str(&run.summary.line());
        out.push('\n');
        out
    }
}
