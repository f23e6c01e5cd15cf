//! `moulint templates`: the template kinds, with the entity types each is
//! for and the roles each requires, read from the rule packs; as text or
//! as JSON.

use crate::catalog::RoleParty;
use serde::Serialize;

use super::rules::ListFormat as Format;
use super::Outcome;
use crate::catalog::{Catalog, PackKind};
use crate::error::Error;

/// Arguments of `moulint templates`.
#[derive(clap::Args, Debug)]
pub struct TemplatesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs `moulint templates`.
pub fn run(args: TemplatesArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    super::print(&match args.format {
        Format::Human => text(catalog),
        Format::Json => json(catalog),
    });
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct TemplateOut<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    version: Option<&'a str>,
    includes: &'a [String],
    entity_types: Vec<EntityOut<'a>>,
    roles: Vec<RoleOut<'a>>,
    provisions: usize,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    id: &'a str,
    title: &'a str,
    /// `mcp` or `other`: which party designates it.
    party: &'a str,
    citation: Option<&'a str>,
}

fn collect(catalog: &Catalog) -> Vec<TemplateOut<'_>> {
    catalog
        .packs
        .iter()
        .map(|p| {
            let ids = std::slice::from_ref(&p.def.id);
            TemplateOut {
                id: &p.def.id,
                title: &p.def.title,
                kind: match p.def.kind {
                    PackKind::Base => "base",
                    PackKind::Bespoke => "bespoke",
                },
                version: p.def.version.as_deref(),
                includes: &p.def.includes,
                entity_types: p
                    .def
                    .entity_types
                    .iter()
                    .map(|e| EntityOut {
                        id: &e.id,
                        title: &e.title,
                    })
                    .collect(),
                roles: catalog
                    .roles(ids)
                    .into_iter()
                    .map(|(r, _)| RoleOut {
                        id: &r.def.id,
                        title: &r.def.title,
                        party: r.def.party.as_str(),
                        citation: r.def.citation.as_deref(),
                    })
                    .collect(),
                provisions: catalog
                    .required(ids)
                    .iter()
                    .filter(|r| r.provision.def.mandatory)
                    .count(),
            }
        })
        .collect()
}

/// The human listing.
pub fn text(catalog: &Catalog) -> String {
    let all = collect(catalog);
    let mut out = String::from(
        "Template kinds (write the id in the front matter: `template: mhp`, or a list\n\
         such as `template: [mhp, dmc-ods]` for a combined MOU)\n",
    );
    for t in &all {
        out.push('\n');
        out.push_str(&format!("{}  {}\n", t.id, t.title));
        let mut facts = vec![t.kind.to_string()];
        if !t.includes.is_empty() {
            facts.push(format!("includes {}", t.includes.join(", ")));
        }
        if let Some(v) = t.version {
            facts.push(format!("newest version {v}"));
        }
        facts.push(format!("{} mandatory provisions", t.provisions));
        out.push_str(&format!("  {}\n", facts.join("; ")));
        if t.entity_types.is_empty() {
            out.push_str("  entity types: none listed\n");
        } else {
            out.push_str("  entity types (`other_party.type`):\n");
            let w = t.entity_types.iter().map(|e| e.id.len()).max().unwrap_or(0);
            for e in &t.entity_types {
                out.push_str(&format!("    {:<w$}  {}\n", e.id, e.title));
            }
        }
        if !t.roles.is_empty() {
            out.push_str("  roles:\n");
            for r in &t.roles {
                let by = if r.party == RoleParty::Mcp.as_str() {
                    "designated by the MCP"
                } else {
                    "designated by the other party"
                };
                let cite = r.citation.map(|c| format!(", {c}")).unwrap_or_default();
                out.push_str(&format!("    {} ({by}{cite})\n", r.title));
            }
        }
    }
    out
}

/// The JSON listing: one object per template kind.
pub fn json(catalog: &Catalog) -> String {
    let mut s = serde_json::to_string_pretty(&collect(catalog)).expect("plain data serializes");
    s.push('\n');
    s
}
