//! `moulint rules`: one line per check and provision, with its id,
//! severity and summary.

use super::Outcome;
use crate::catalog::Catalog;
use crate::checks::CHECKS;
use crate::error::Error;

/// Runs `moulint rules`.
pub fn run(catalog: &Catalog) -> Result<Outcome, Error> {
    super::print(&rules_text(catalog));
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
