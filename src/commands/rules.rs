//! `moulint rules`: every check and provision with its id, severity,
//! summary and the verdicts its findings decide; as text, or as JSON for
//! tools (`--format json`, a public interface: fields may be added, never
//! renamed).

use clap::ValueEnum;
use serde::Serialize;

use super::Outcome;
use crate::catalog::Catalog;
use crate::checks::CHECKS;
use crate::error::Error;
use crate::rule::Decision;

/// Arguments of `moulint rules`.
#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// How `rules` prints its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

/// Runs `moulint rules`.
pub fn run(args: RulesArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    match args.format {
        ListFormat::Human => super::print(&rules_text(catalog)),
        ListFormat::Json => super::print(&rules_json(catalog)),
    }
    Ok(Outcome::Clean)
}

/// `moulint rules`: one line per check and provision.
pub fn rules_text(catalog: &Catalog) -> String {
    let mut out = String::from("Checks\n");
    for c in CHECKS {
        out.push_str(&format!(
            "  {:<40} {:<8} {}\n",
            c.meta.id,
            c.meta.default_severity.as_str(),
            c.meta.summary
        ));
    }
    out.push_str("\nAcross files (`moulint portfolio`)\n");
    for m in crate::checks::CROSS_FILE {
        out.push_str(&format!(
            "  {:<40} {:<8} {}\n",
            m.id,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    for p in &catalog.packs {
        out.push_str(&format!("\nTemplate `{}`: {}\n", p.def.id, p.def.title));
        for v in &p.provisions {
            let sev = if v.def.mandatory {
                v.severity.as_str().to_string()
            } else {
                format!("{} (optional)", v.severity.as_str())
            };
            out.push_str(&format!(
                "  {:<40} {:<8} {}\n",
                v.id(),
                sev,
                v.def.summary.trim()
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    /// `check`, `cross-file` (reported by `portfolio`) or `provision`.
    rule: &'static str,
    /// The template whose pack defines a provision; `null` for checks.
    template: Option<&'a str>,
    severity: &'static str,
    /// Whether a provision is mandatory in its template; `null` for checks.
    mandatory: Option<bool>,
    /// `file`, `document`, `provision` or `portfolio`.
    scope: &'static str,
    /// What a person calls it (reports show it instead of the id).
    title: &'a str,
    summary: &'a str,
    /// Which finding kinds decide which verdict; kinds not listed decide
    /// none.
    decides: Vec<DecisionOut>,
}

#[derive(Serialize)]
struct DecisionOut {
    kind: &'static str,
    verdict: &'static str,
}

fn decisions(d: &[Decision]) -> Vec<DecisionOut> {
    d.iter()
        .map(|(k, v)| DecisionOut {
            kind: k.as_str(),
            verdict: v.as_str(),
        })
        .collect()
}

/// `moulint rules --format json`: one object per check and provision.
pub fn rules_json(catalog: &Catalog) -> String {
    let mut rules: Vec<RuleOut> = CHECKS
        .iter()
        .map(|c| RuleOut {
            id: c.meta.id,
            rule: "check",
            template: None,
            severity: c.meta.default_severity.as_str(),
            mandatory: None,
            scope: c.meta.scope.as_str(),
            title: c.meta.title,
            summary: c.meta.summary,
            decides: decisions(c.meta.decides),
        })
        .collect();
    rules.extend(crate::checks::CROSS_FILE.iter().map(|m| RuleOut {
        id: m.id,
        rule: "cross-file",
        template: None,
        severity: m.default_severity.as_str(),
        mandatory: None,
        scope: m.scope.as_str(),
        title: m.title,
        summary: m.summary,
        decides: decisions(m.decides),
    }));
    for p in &catalog.packs {
        for v in &p.provisions {
            rules.push(RuleOut {
                id: v.id(),
                rule: "provision",
                template: Some(&p.def.id),
                severity: v.severity.as_str(),
                mandatory: Some(v.def.mandatory),
                scope: crate::rule::Scope::Provision.as_str(),
                title: &v.def.title,
                summary: v.def.summary.trim(),
                decides: decisions(v.decides),
            });
        }
    }
    let mut s = serde_json::to_string_pretty(&rules).expect("plain data serializes");
    s.push('\n');
    s
}
