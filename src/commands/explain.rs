//! `moulint explain ID`: the documentation of one check or provision
//! (what it checks, why the state's review cares, an example, how to fix).

use super::Outcome;
use crate::catalog::Catalog;
use crate::checks::{self, CHECKS};
use crate::error::Error;
use crate::util::suggest::did_you_mean;

/// Arguments of `moulint explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Provision ids (`base.dispute-resolution`) or check ids (`doc.dates`).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

/// Runs `moulint explain`; an unknown id is a usage error with the closest
/// known id as a suggestion, and nothing is printed.
pub fn run(args: ExplainArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let mut texts = Vec::new();
    for id in &args.ids {
        match explain_text(catalog, id) {
            Some(text) => texts.push(text),
            None => {
                let ids = all_ids(catalog);
                let hint = did_you_mean(id, ids.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "no check or provision has the id `{id}`{hint}; `moulint rules` lists them"
                )));
            }
        }
    }
    super::print(&texts.join("\n"));
    Ok(Outcome::Clean)
}

/// Every id `explain` knows: the checks', then the provisions'.
fn all_ids(catalog: &Catalog) -> Vec<String> {
    let mut ids: Vec<String> = CHECKS.iter().map(|c| c.meta.id.to_string()).collect();
    ids.extend(checks::CROSS_FILE.iter().map(|m| m.id.to_string()));
    ids.extend(
        catalog
            .packs
            .iter()
            .flat_map(|p| p.provisions.iter().map(|v| v.id().to_string())),
    );
    ids
}

/// `moulint explain ID`.
pub fn explain_text(catalog: &Catalog, id: &str) -> Option<String> {
    if let Some(meta) = checks::meta(id) {
        return Some(format!(
            "# {} ({})\n\n{}\n\n- scope: {}\n- verdict: {}\n\n{}\n",
            meta.id,
            meta.default_severity.as_str(),
            meta.summary,
            meta.scope.as_str(),
            crate::rule::describe(meta.decides),
            meta.doc.trim()
        ));
    }
    let v = catalog.provision(id)?;
    let mut out = format!(
        "# {}: {}\n\n{}\n\n",
        v.id(),
        v.def.title,
        v.def.summary.trim()
    );
    let required_by: Vec<&str> = catalog
        .packs
        .iter()
        .filter(|p| {
            catalog
                .required(std::slice::from_ref(&p.def.id))
                .iter()
                .any(|r| r.provision.id() == v.id())
        })
        .map(|p| p.def.id.as_str())
        .collect();
    out.push_str(&format!(
        "- {}; severity {}\n- verdict: {}\n- how sure: {}\n- citation: {}\n- required by templates: {}\n",
        if v.def.mandatory {
            "mandatory"
        } else {
            "optional"
        },
        v.severity.as_str(),
        crate::rule::describe(v.decides),
        v.def.status.map_or("unknown", |s| s.describe()),
        v.citation,
        required_by.join(", ")
    ));
    if !v.def.variants.is_empty() {
        out.push_str(&format!(
            "- also found under the titles: {}\n",
            v.def.variants.join("; ")
        ));
    }
    out.push_str("\n## What it checks\nThe provision must state:\n");
    for e in &v.elements {
        let bound = match (e.def.min, e.def.max) {
            (Some(lo), Some(hi)) => format!(" (between {lo} and {hi})"),
            (None, Some(hi)) => format!(" (at most {hi})"),
            (Some(lo), None) => format!(" (at least {lo})"),
            _ => String::new(),
        };
        out.push_str(&format!("- {}{bound}\n", e.def.description));
    }
    out.push_str(&format!(
        "\n## Why the state's review cares\n{}\n",
        v.def.why.trim()
    ));
    out.push_str(&format!(
        "\n## Example\n```markdown\n{}\n```\n",
        v.def.example.trim()
    ));
    out.push_str(&format!("\n## How to fix\n{}\n", v.def.help.trim()));
    Some(out)
}
