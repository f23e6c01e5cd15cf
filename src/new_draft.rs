//! A new MOU draft from the reference text of one or more templates, with
//! the front matter and the party slots filled (what `moulint init`
//! writes; the command itself is [`crate::commands::init`]).
//!
//! The text comes from [`crate::reference::assemble`] (Base plus each
//! Bespoke template's articles, numbered), the slots `[MCP Name]`, `[Party
//! Name]` and `[County]` are filled, every other slot stays bracketed (so
//! `moulint check` lists exactly what is left to fill) and the moulint
//! marks are removed. With several plans, the plan's signature block and
//! its rows of the contacts exhibit are repeated for each plan. A required
//! role the contacts exhibit lacks gets a row of slots.
//!
//! [`Request::new`] checks what was asked against the rule packs,
//! [`render`] writes the draft's text, and [`open_items`] counts what is
//! left to fill.

use crate::catalog::vocab::Signatures;
use crate::catalog::{Catalog, Fit, RoleParty};
use crate::error::Error;
use crate::frontmatter::SplitResult;
use crate::reference::{self, join_names, Slots, TemplateSet, COUNTY, MCP_NAME, PARTY_NAME};
use crate::text::BlockKind;
use crate::tree::Tree;
use crate::util::suggest::did_you_mean;

/// What the command needs, checked.
#[derive(Debug, Clone)]
pub struct Request {
    pub templates: Vec<String>,
    pub mcps: Vec<String>,
    pub party: String,
    pub party_type: String,
    pub counties: Vec<String>,
}

fn cleaned(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in list {
        let v = v.trim().to_string();
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

impl Request {
    /// Checks what was asked against the rule packs: the lists are trimmed
    /// and deduplicated, every template must exist, and the entity type
    /// (by default the templates' first one) must be one the templates are
    /// for. Every error is a usage error.
    pub fn new(
        templates: &[String],
        mcps: &[String],
        party: &str,
        party_type: Option<&str>,
        counties: &[String],
        catalog: &Catalog,
    ) -> Result<Request, Error> {
        let templates = cleaned(templates);
        if templates.is_empty() {
            return Err(Error::Usage(
                "name at least one template with --template".into(),
            ));
        }
        let known: Vec<&str> = catalog.template_ids().collect();
        for t in &templates {
            if catalog.pack(t).is_none() {
                let hint = did_you_mean(t, known.iter().copied())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "unknown template `{t}`; {hint}known templates: {}",
                    known.join(", ")
                )));
            }
        }
        let mcps = cleaned(mcps);
        if mcps.is_empty() {
            return Err(Error::Usage("name the plan with --mcp".into()));
        }
        let party = party.trim().to_string();
        if party.is_empty() {
            return Err(Error::Usage("name the other party with --party".into()));
        }
        let counties = cleaned(counties);
        if counties.is_empty() {
            return Err(Error::Usage("name a county with --county".into()));
        }
        let packs: Vec<_> = templates.iter().filter_map(|t| catalog.pack(t)).collect();
        let party_type = match party_type {
            Some(t) => t.trim().to_string(),
            None => packs
                .iter()
                .find_map(|p| p.def.entity_types.first())
                .map(|e| e.id.clone())
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "the template{} {} list{} no entity type; give one with --party-type",
                        if templates.len() > 1 { "s" } else { "" },
                        templates.join(", "),
                        if templates.len() > 1 { "" } else { "s" }
                    ))
                })?,
        };
        let own: Vec<&str> = packs
            .iter()
            .flat_map(|p| p.def.entity_types.iter().map(|e| e.id.as_str()))
            .collect();
        let msg = match catalog.fit(&templates, &party_type) {
            Fit::Fits => None,
            Fit::Unknown => {
                let hint = did_you_mean(&party_type, own.iter().copied())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                Some(format!(
                    "unknown entity type `{party_type}`; {hint}the entity types of {} are: {}",
                    templates.join(", "),
                    own.join(", ")
                ))
            }
            Fit::NeedsBespoke(owners) => Some(format!(
                "a `{party_type}` has a Bespoke template: use --template {} (the Bespoke template must be used for every MOU the MCP Contract requires, APL 23-029; Base is for entities without one)",
                owners.join(" or --template ")
            )),
            Fit::Elsewhere(owners) => Some(format!(
                "`{party_type}` is not an entity type of {}: use --template {}, or one of: {}",
                templates.join(", "),
                owners.join(" or --template "),
                own.join(", ")
            )),
        };
        if let Some(msg) = msg {
            return Err(Error::Usage(msg));
        }
        Ok(Request {
            templates,
            mcps,
            party,
            party_type,
            counties,
        })
    }
}

/// A YAML scalar for a value: plain when that is safe, else double-quoted.
fn yaml_scalar(v: &str) -> String {
    let plain = v.chars().next().is_some_and(|c| c.is_alphanumeric())
        && v.chars()
            .all(|c| c.is_alphanumeric() || " .,'&()/-".contains(c))
        && !v.ends_with(' ')
        && !matches!(
            v.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        )
        && v.parse::<f64>().is_err();
    if plain {
        v.to_string()
    } else {
        serde_json::to_string(v).expect("a string serializes")
    }
}

/// A flow list (`[A, B]`): an item with a comma is quoted, or it would
/// read as two.
fn yaml_list(vs: &[String]) -> String {
    let items: Vec<String> = vs
        .iter()
        .map(|v| {
            if v.contains(',') {
                serde_json::to_string(v).expect("a string serializes")
            } else {
                yaml_scalar(v)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Replaces byte ranges of `text`, given in order and not overlapping.
fn splice(text: &str, edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut last = 0;
    for (r, with) in edits {
        out.push_str(&text[last..r.start]);
        out.push_str(&with);
        last = r.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Repeats, for each plan, the signature blocks and the table rows that
/// name `[MCP Name]`, so every plan signs and designates. Signature blocks
/// and rows are read from the Markdown's tree, as `moulint check` reads
/// them.
fn per_plan(markdown: &str, mcps: &[String], signatures: &Signatures) -> String {
    if mcps.len() < 2 {
        return markdown.to_string();
    }
    let slot = format!("[{MCP_NAME}]");
    let tree = Tree::parse(markdown, 0);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for row in tree.tables.iter().flat_map(|t| &t.rows) {
        let src = &markdown[row.span.offset..row.span.end()];
        if !row.header && src.contains(&slot) {
            let copies: Vec<String> = mcps.iter().map(|m| src.replace(&slot, m)).collect();
            // A row's span holds its line end, but for the file's last line.
            let joined = if src.ends_with('\n') {
                copies.concat()
            } else {
                copies.join("\n")
            };
            edits.push((row.span.offset..row.span.end(), joined));
        }
    }
    for b in &tree.blocks {
        // The paragraph without its line end.
        let src = markdown[b.span.offset..b.span.end()].trim_end_matches(['\n', '\r']);
        if b.kind == BlockKind::Paragraph && src.contains(&slot) && signatures.signs(&b.text) {
            let copies: Vec<String> = mcps.iter().map(|m| src.replace(&slot, m)).collect();
            edits.push((
                b.span.offset..b.span.offset + src.len(),
                copies.join("\n\n"),
            ));
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    splice(markdown, edits)
}

/// Adds a row to the contacts exhibit (the first table with a row naming a
/// role) for every role the templates require that it lacks, e.g. the MCP
/// Child Welfare Liaison of a Child Welfare MOU, with slots for the person,
/// so that `moulint check` asks for them.
fn add_role_rows(markdown: &str, roles: &[&crate::catalog::Role]) -> String {
    let tree = Tree::parse(markdown, 0);
    let line = |r: &crate::table::Row| &markdown[r.span.offset..r.span.end()];
    let names = |r: &crate::catalog::Role, l: &str| r.regexes.iter().any(|re| re.is_match(l));
    let Some(table) = tree.tables.iter().find(|t| {
        t.rows
            .iter()
            .any(|row| roles.iter().any(|r| names(r, line(row))))
    }) else {
        return markdown.to_string();
    };
    let Some(head) = table.rows.first().filter(|r| r.header) else {
        return markdown.to_string();
    };
    let header: Vec<&str> = head
        .cells
        .clone()
        .map(|b| tree.blocks[b].text.trim())
        .collect();
    let missing: Vec<&&crate::catalog::Role> = roles
        .iter()
        .filter(|r| !table.rows.iter().any(|row| names(r, line(row))))
        .collect();
    if missing.is_empty() || header.len() < 2 {
        return markdown.to_string();
    }
    // Each new row goes after the last row of a role of the same party.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for r in missing {
        let row: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if i == 0 {
                    r.def.title.clone()
                } else if h.eq_ignore_ascii_case("party") {
                    if r.def.party == RoleParty::Mcp {
                        format!("[{MCP_NAME}]")
                    } else {
                        format!("[{PARTY_NAME}]")
                    }
                } else {
                    format!("[{h}]")
                }
            })
            .collect();
        let same_party = |l: &str| {
            roles
                .iter()
                .filter(|q| q.def.party == r.def.party)
                .any(|q| names(q, l))
        };
        let after = table
            .rows
            .iter()
            .rfind(|row| same_party(line(row)))
            .or_else(|| {
                table
                    .rows
                    .iter()
                    .rfind(|row| roles.iter().any(|q| names(q, line(row))))
            })
            .or(table.rows.last())
            .expect("a table has rows");
        let at = after.span.end();
        let lead = if markdown[..at].ends_with('\n') {
            ""
        } else {
            "\n"
        };
        inserts.push((at, format!("{lead}| {} |\n", row.join(" | "))));
    }
    let edits = inserts.into_iter().map(|(at, row)| (at..at, row)).collect();
    splice(markdown, edits)
}

/// The draft's full text.
pub fn render(req: &Request, catalog: &Catalog, set: &TemplateSet) -> Result<String, Error> {
    let assembled = reference::assemble(&req.templates, set)?;
    let first = &req.templates[0];
    let version = assembled
        .versions
        .iter()
        .find(|(id, _)| id == first)
        .and_then(|(_, v)| v.clone())
        .or_else(|| catalog.pack(first).and_then(|p| p.def.version.clone()));
    let slots = Slots::new()
        .set(MCP_NAME, join_names(&req.mcps))
        .set(PARTY_NAME, req.party.clone())
        .set(COUNTY, join_names(&req.counties));
    let roles: Vec<&crate::catalog::Role> = catalog
        .roles(&req.templates)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let markdown = add_role_rows(&assembled.markdown, &roles);
    let body = reference::fill(
        &per_plan(&markdown, &req.mcps, &catalog.vocab.signatures),
        &slots,
        &catalog.vocab.drafting,
    );

    let mut fm = String::from("---\n");
    if req.templates.len() == 1 {
        fm.push_str(&format!("template: {}\n", yaml_scalar(first)));
    } else {
        fm.push_str(&format!("template: {}\n", yaml_list(&req.templates)));
    }
    if let Some(v) = version {
        fm.push_str(&format!(
            "template_version: {}\n",
            serde_json::to_string(&v).expect("string")
        ));
    }
    if req.mcps.len() == 1 {
        fm.push_str(&format!("mcp: {}\n", yaml_scalar(&req.mcps[0])));
    } else {
        fm.push_str("mcps:\n");
        for m in &req.mcps {
            fm.push_str(&format!("  - {}\n", yaml_scalar(m)));
        }
    }
    fm.push_str(&format!(
        "other_party:\n  name: {}\n  type: {}\n",
        yaml_scalar(&req.party),
        yaml_scalar(&req.party_type)
    ));
    fm.push_str(&format!("counties: {}\n", yaml_list(&req.counties)));
    fm.push_str("effective_date: upon execution\nstatus: draft\n---\n\n");
    let mut text = fm;
    text.push_str(body.trim_start_matches(['\n', '\r']).trim_end());
    text.push('\n');
    Ok(text)
}

/// The slots and drafting notes left in a draft's body, as `moulint check`
/// lists them (the front matter's `[A, B]` lists are no slots).
pub fn open_items(text: &str, drafting: &crate::catalog::vocab::Drafting) -> (usize, usize) {
    let body = match crate::frontmatter::split(text) {
        SplitResult::Found(s) => &text[s.body_start..],
        _ => text,
    };
    let all = reference::brackets(body, drafting);
    let notes = all.iter().filter(|b| b.note).count();
    (all.len() - notes, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(
            yaml_scalar("Golden Poppy Health Plan"),
            "Golden Poppy Health Plan"
        );
        assert_eq!(yaml_scalar("Acme, Inc."), "Acme, Inc.");
        assert_eq!(yaml_scalar("A: B"), "\"A: B\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("#1 Plan"), "\"#1 Plan\"");
    }

    #[test]
    fn each_plan_signs_and_designates() {
        let md = "Text [MCP Name].\n\n**[MCP Name]**  \nBy: ____\n\n**[Party Name]**  \nBy: ____\n\n| Role | Party | Name |\n|---|---|---|\n| MCP Responsible Person | [MCP Name] | [Name] |\n| Party | [Party Name] | [Name] |\n";
        let sig = &Catalog::for_tests().vocab.signatures;
        let out = per_plan(md, &["A".into(), "B".into()], sig);
        assert!(out.contains("Text [MCP Name]."));
        assert!(
            out.contains("**A**  \nBy: ____\n\n**B**  \nBy: ____\n"),
            "{out}"
        );
        assert!(out.contains(
            "| MCP Responsible Person | A | [Name] |\n| MCP Responsible Person | B | [Name] |\n"
        ));
        assert_eq!(per_plan(md, &["A".into()], sig), md);
    }
}
