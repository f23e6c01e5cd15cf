//! `moulint check --statistics`: how many findings each rule id reported,
//! most frequent first, instead of the findings; as a table with the
//! summary line, or as a JSON array.

use serde::Serialize;

use super::{Emitter, Totals};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// One row: an id and a severity it reported with.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub count: usize,
    pub severity: &'static str,
    pub title: &'a str,
}

/// How many findings each id reported with each severity.
type Counts = Vec<(String, Severity, usize)>;

/// The rows: one per id and severity, most frequent first, then by id and
/// from error to info.
fn rows<'a>(counts: &'a mut Counts, totals: &'a Totals) -> Vec<Row<'a>> {
    counts.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| b.1.cmp(&a.1))
    });
    counts
        .iter()
        .map(|(id, severity, count)| Row {
            id,
            count: *count,
            severity: severity.as_str(),
            title: totals.rule(id).map_or("", |r| r.title.as_str()),
        })
        .collect()
}

/// The statistics emitter: a table (`json: false`) or a JSON array.
pub struct Statistics {
    pub json: bool,
    counts: Counts,
}

impl Statistics {
    pub fn new(json: bool) -> Statistics {
        Statistics {
            json,
            counts: Vec::new(),
        }
    }
}

impl Emitter for Statistics {
    fn file(&mut self, r: &FileReport) -> String {
        for d in &r.diagnostics {
            match self
                .counts
                .iter_mut()
                .find(|(id, s, _)| *id == d.id && *s == d.severity)
            {
                Some((_, _, n)) => *n += 1,
                None => self.counts.push((d.id.clone(), d.severity, 1)),
            }
        }
        String::new()
    }

    fn end(&mut self, run: &Totals) -> String {
        let mut counts = std::mem::take(&mut self.counts);
        let rows = rows(&mut counts, run);
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
