//! The portfolio for people (a table with its findings and notes), for
//! machines (JSON) and for spreadsheets (CSV, one line per county and
//! template).

use serde::Serialize;

use super::{Portfolio, State};
use crate::frontmatter::Date;

fn day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// What a cell shows in the table.
fn mark(state: State, efforts: bool) -> &'static str {
    match (state, efforts) {
        (State::Executed, _) => "executed",
        (State::Draft, _) => "draft",
        (State::Missing, true) => "effort",
        (State::Missing, false) => "MISSING",
        (State::NotNeeded, _) => "-",
    }
}

/// The terminal table: one row per county, one column per template, then
/// the findings, the good-faith efforts, the MOUs placed nowhere and a
/// summary line.
pub fn table(p: &Portfolio) -> String {
    let mut out = String::new();
    let plan = p.plan.as_deref().unwrap_or("the plan");
    out.push_str(&format!(
        "Portfolio of {plan} (plan profile {})\n\n",
        p.profile
    ));
    let county_w = p
        .rows
        .iter()
        .map(|r| r.county.chars().count())
        .chain([6])
        .max()
        .unwrap_or(6);
    let widths: Vec<usize> = p.templates.iter().map(|t| t.len().max(8)).collect();
    out.push_str(&format!("{:<county_w$}", "County"));
    for (t, w) in p.templates.iter().zip(&widths) {
        out.push_str(&format!("  {t:<w$}"));
    }
    out.push('\n');
    for r in &p.rows {
        out.push_str(&format!("{:<county_w$}", r.county));
        for (c, w) in r.cells.iter().zip(&widths) {
            out.push_str(&format!(
                "  {:<w$}",
                mark(c.state, !c.good_faith.is_empty())
            ));
        }
        out.push('\n');
    }
    out.push_str("\n(executed: an executed MOU; draft: drafts only; effort: none, good-faith efforts recorded; MISSING: none; -: not needed)\n");
    if !p.findings.is_empty() {
        out.push('\n');
        for f in &p.findings {
            out.push_str(&format!(
                "error[{}]: {}\n  --> {}:{}\n",
                f.id, f.message, p.profile, f.line
            ));
        }
        out.push_str(
            "  = why: APL 23-029 requires an MOU with each required entity in every county where it has responsibilities\n\
             \x20 = help: add the MOU's draft naming the county in `counties` (`moulint init TEMPLATE`), record the efforts made \
             under `good_faith` in the plan profile, or list the template under the county's `not_needed` with the reason\n",
        );
    }
    let efforts: Vec<_> = p
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |c| (r, c)))
        .filter(|(_, c)| !c.good_faith.is_empty() && c.state != State::Executed)
        .collect();
    if !efforts.is_empty() {
        out.push_str("\nGood-faith efforts\n");
        for (r, c) in efforts {
            for e in &c.good_faith {
                out.push_str(&format!(
                    "  {} {}: {} {} ({})\n",
                    r.county,
                    c.template,
                    day(e.date),
                    e.action,
                    e.recorded_in
                ));
            }
        }
    }
    let unplaced: Vec<_> = p.mous.iter().filter(|m| m.unplaced.is_some()).collect();
    if !unplaced.is_empty() {
        out.push_str("\nMOUs in no cell\n");
        for m in unplaced {
            out.push_str(&format!(
                "  {}: {}\n",
                m.file,
                m.unplaced.as_deref().unwrap_or_default()
            ));
        }
    }
    for problem in &p.problems {
        out.push_str(&format!("\nwarning: {problem}\n"));
    }
    let [executed, draft, missing, not_needed] = p.counts().map(|(_, n)| n);
    let parts = [
        format!("{executed} executed"),
        format!("{draft} in draft"),
        format!(
            "{missing} missing ({} with good-faith efforts)",
            missing - p.findings.len()
        ),
        format!("{not_needed} not needed"),
    ];
    out.push_str(&format!(
        "\n{} x {}: {}; {} read; {}\n",
        count(p.rows.len(), "county", "counties"),
        count(p.templates.len(), "template", "templates"),
        parts.join(", "),
        count(p.mous.len(), "MOU file", "MOU files"),
        count(p.findings.len(), "finding", "findings")
    ));
    out
}

/// `1 county`, `2 counties`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[derive(Serialize)]
struct JsonOut<'a> {
    plan: Option<&'a str>,
    profile: &'a str,
    templates: &'a [String],
    counties: Vec<JsonRow<'a>>,
    mous: Vec<JsonMou<'a>>,
    findings: Vec<JsonFinding<'a>>,
    problems: &'a [String],
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    county: &'a str,
    operates: &'a [String],
    cells: Vec<JsonCell<'a>>,
}

#[derive(Serialize)]
struct JsonCell<'a> {
    template: &'a str,
    /// `executed`, `draft`, `missing` or `not-needed`.
    state: &'static str,
    why: &'a str,
    /// The files of the MOUs that cover the cell.
    mous: Vec<&'a str>,
    good_faith: Vec<JsonEffort<'a>>,
}

#[derive(Serialize)]
struct JsonEffort<'a> {
    date: String,
    action: &'a str,
    recorded_in: &'a str,
}

#[derive(Serialize)]
struct JsonMou<'a> {
    file: &'a str,
    name: &'a str,
    templates: &'a [String],
    counties: &'a [String],
    status: Option<&'static str>,
    unplaced: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    severity: &'static str,
    county: &'a str,
    template: &'a str,
    /// The line of the county's entry in the plan profile.
    line: usize,
    message: &'a str,
    help: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    executed: usize,
    draft: usize,
    missing: usize,
    not_needed: usize,
    findings: usize,
}

fn status(s: crate::frontmatter::Status) -> &'static str {
    use crate::frontmatter::Status::*;
    match s {
        Draft => "draft",
        Submitted => "submitted",
        Executed => "executed",
    }
}

/// The portfolio as one JSON object (`--format json`).
pub fn json(p: &Portfolio) -> String {
    let [executed, draft, missing, not_needed] = p.counts().map(|(_, n)| n);
    let out = JsonOut {
        plan: p.plan.as_deref(),
        profile: &p.profile,
        templates: &p.templates,
        counties: p
            .rows
            .iter()
            .map(|r| JsonRow {
                county: &r.county,
                operates: &r.operates,
                cells: r
                    .cells
                    .iter()
                    .map(|c| JsonCell {
                        template: &c.template,
                        state: c.state.as_str(),
                        why: &c.why,
                        mous: c.mous.iter().map(|&i| p.mous[i].file.as_str()).collect(),
                        good_faith: c
                            .good_faith
                            .iter()
                            .map(|e| JsonEffort {
                                date: day(e.date),
                                action: &e.action,
                                recorded_in: &e.recorded_in,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        mous: p
            .mous
            .iter()
            .map(|m| JsonMou {
                file: &m.file,
                name: &m.name,
                templates: &m.templates,
                counties: &m.counties,
                status: m.status.map(status),
                unplaced: m.unplaced.as_deref(),
            })
            .collect(),
        findings: p
            .findings
            .iter()
            .map(|f| JsonFinding {
                id: f.id,
                severity: "error",
                county: &f.county,
                template: &f.template,
                line: f.line,
                message: &f.message,
                help: &f.help,
            })
            .collect(),
        problems: &p.problems,
        summary: JsonSummary {
            executed,
            draft,
            missing,
            not_needed,
            findings: p.findings.len(),
        },
    };
    let mut s = serde_json::to_string_pretty(&out).expect("plain data serializes");
    s.push('\n');
    s
}

/// A CSV field, quoted when it holds a comma, quote or line break. A
/// leading `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet
/// never runs a value taken from a document as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The portfolio as CSV: a header, then one line per county and template.
pub fn csv(p: &Portfolio) -> String {
    let mut out = String::from("county,template,state,mous,good_faith,why\r\n");
    for r in &p.rows {
        for c in &r.cells {
            let mous: Vec<&str> = c.mous.iter().map(|&i| p.mous[i].file.as_str()).collect();
            let efforts: Vec<String> = c
                .good_faith
                .iter()
                .map(|e| format!("{} {}", day(e.date), e.action))
                .collect();
            let line = [
                field(&r.county),
                field(&c.template),
                field(c.state.as_str()),
                field(&mous.join("; ")),
                field(&efforts.join("; ")),
                field(&c.why),
            ];
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-"), "'-");
    }
}
