//! Template import: turns a user's Markdown copy of an official template
//! into a reference template the checks use (what `moulint template
//! import` writes; the command is [`crate::commands::template`]).
//!
//! [`import`] finds each provision the template kind requires (see the packs in
//! `rules/packs/`) by its section title, variants or elements, the same
//! search the provision checks make, and writes the mark `<!-- moulint:
//! provision ID -->` (or `optional ID`) on the line before the section's
//! heading, lead-in or list item. Provisions it could not find are listed
//! so the user can tag them by hand. Marks already in the file are kept.
//! The result gets front matter (`template`, `version`, `standalone`); the
//! command writes it to `DIR/<id>.md`, ready for `--templates DIR`.

use crate::catalog::Catalog;
use crate::error::Error;
use crate::frontmatter::{split, SplitResult};
use crate::reference::{self, parse_mark, Mark, TemplateSet};
use crate::tree::Tree;
use crate::yaml;

/// One provision the import tagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub id: String,
    pub title: String,
    /// 1-based line of the tagged heading in the written file.
    pub line: usize,
    /// The mark was already in the file.
    pub existing: bool,
}

/// One provision the import could not find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untagged {
    pub id: String,
    pub title: String,
    pub mandatory: bool,
}

/// The template file an import produces, and what it tagged.
#[derive(Debug, Clone)]
pub struct Imported {
    pub text: String,
    pub version: Option<String>,
    pub tagged: Vec<Tagged>,
    pub untagged: Vec<Untagged>,
}

/// Builds the reference template text for `id` from a Markdown copy of the
/// official template. Errors: an unknown template id, or a result that does
/// not load as a template (a broken mark already in the file).
pub fn import(
    text: &str,
    id: &str,
    version: Option<&str>,
    catalog: &Catalog,
) -> Result<Imported, Error> {
    let pack = catalog.pack(id).ok_or_else(|| {
        let known: Vec<&str> = catalog.template_ids().collect();
        Error::Usage(format!(
            "unknown template id `{id}` (known: {})",
            known.join(", ")
        ))
    })?;
    let text = unescape_brackets(
        &text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n"),
    );
    // A front matter block in the copy: keep its version, drop the rest.
    let (mut found_version, body) = match split(&text) {
        SplitResult::Found(sp) => {
            let v = yaml::parse(&text[sp.yaml.offset..sp.yaml.end()])
                .ok()
                .and_then(|root| {
                    root.get("version")
                        .or_else(|| root.get("template_version"))
                        .and_then(|(_, v)| v.scalar_text())
                });
            (v, text[sp.body_start..].to_string())
        }
        _ => (None, text.clone()),
    };
    if let Some(v) = version {
        found_version = Some(v.to_string());
    }

    let tree = Tree::parse(&body, 0);
    let required = catalog.required(&[id.to_string()]);
    // Marks already present, and the sections they tag.
    let mut existing: Vec<(String, usize)> = Vec::new();
    for d in crate::directives::of_comments(&tree.comments) {
        let Some(text) = d.kind.moulint_text() else {
            continue;
        };
        if let Ok(Mark::Provision { id, .. }) = parse_mark(text) {
            if catalog.provision(&id).is_none() {
                return Err(Error::Usage(format!(
                    "the file tags `{id}`, which is no provision; `moulint rules` lists the ids"
                )));
            }
            if let Some(s) = reference::section_after(&tree, d.span.end()) {
                existing.push((id, s));
            }
        }
    }
    // A template has no parties of its own: generic role words only.
    let v = &catalog.vocab;
    let clauses = crate::clause::Clauses::build(&tree, &v.lexicon, &v.sentences, &[]);
    let statements = vec![true; tree.blocks.len()];
    let located =
        crate::analysis::provisions::locate(&tree, &clauses, &statements, &required, None);
    let mut used: Vec<usize> = existing.iter().map(|(_, s)| *s).collect();
    let mut inserts: Vec<(usize, String, String)> = Vec::new(); // offset, mark line, id
    let mut untagged = Vec::new();
    for (req, loc) in required.iter().zip(located) {
        let p = req.provision;
        if existing.iter().any(|(e, _)| e == p.id()) {
            continue;
        }
        match loc.section.filter(|s| !used.contains(s)) {
            Some(s) => {
                used.push(s);
                let head = tree.sections[s].head_span.offset;
                let line_start = body[..head].rfind('\n').map_or(0, |i| i + 1);
                let indent: String = body[line_start..head]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .collect();
                let kind = if p.def.mandatory {
                    "provision"
                } else {
                    "optional"
                };
                inserts.push((
                    line_start,
                    format!("{indent}<!-- moulint: {kind} {} -->\n", p.id()),
                    p.id().to_string(),
                ));
            }
            None => untagged.push(Untagged {
                id: p.id().to_string(),
                title: p.def.title.clone(),
                mandatory: p.def.mandatory,
            }),
        }
    }
    inserts.sort_by_key(|(at, _, _)| *at);
    let mut out_body = String::with_capacity(body.len() + inserts.len() * 48);
    let mut last = 0;
    for (at, mark, _) in &inserts {
        out_body.push_str(&body[last..*at]);
        // A mark needs a blank line before it to stay a block of its own.
        if !out_body.is_empty() && !out_body.ends_with("\n\n") {
            out_body.push('\n');
        }
        out_body.push_str(mark);
        last = *at;
    }
    out_body.push_str(&body[last..]);

    let mut front = format!("---\ntemplate: {id}\n");
    if let Some(v) = &found_version {
        front.push_str(&format!("version: {}\n", yaml_string(v)));
    }
    if id != "base" {
        front.push_str("standalone: true\n");
    }
    front.push_str(&format!(
        "title: {}\n---\n",
        yaml_string(&format!("{} (imported)", pack.def.title))
    ));
    let text = format!("{front}{}", out_body.trim_start_matches('\n'));
    // The result must load and assemble like any template.
    let set =
        TemplateSet::from_sources(reference::Origin::Bundled, [(id.to_string(), text.clone())])?;
    let assembled = reference::assemble(&[id.to_string()], &set)?;
    if assembled.provisions.is_empty() {
        return Err(Error::Usage(format!(
            "no provision of the `{id}` template was found in the file, so nothing was tagged: \
             is it the right file and `--id`? (tag provisions by hand with `<!-- moulint: \
             provision ID -->` before their headings)"
        )));
    }
    let front_lines = front.matches('\n').count();
    let tagged = assembled
        .provisions
        .iter()
        .map(|tp| Tagged {
            id: tp.id.clone(),
            title: tp.title.clone(),
            line: front_lines + 1 + assembled.markdown[..tp.range.start].matches('\n').count(),
            existing: existing.iter().any(|(e, _)| *e == tp.id),
        })
        .collect();
    Ok(Imported {
        text,
        version: found_version,
        tagged,
        untagged,
    })
}

/// Pandoc escapes brackets it writes as text (`\[MCP Name\]`); in a
/// template they are slots, so the escapes go.
fn unescape_brackets(text: &str) -> String {
    text.replace("\\[", "[").replace("\\]", "]")
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_tags_by_title_and_reports_the_rest() {
        let catalog = Catalog::for_tests();
        let md = "# MOU\n\n## 1. Definitions\n\nCapitalized terms have the meanings in the MCP Contract.\n\n## 9. Quarterly Meetings\n\nThe Parties shall meet at least quarterly.\n";
        let imp = import(md, "base", Some("2025-05"), catalog).unwrap();
        assert!(imp
            .text
            .starts_with("---\ntemplate: base\nversion: \"2025-05\"\n"));
        assert!(imp.text.contains(
            "<!-- moulint: provision base.quarterly-meetings -->\n## 9. Quarterly Meetings"
        ));
        assert!(imp.tagged.iter().any(|t| t.id == "base.definitions"));
        assert!(imp
            .untagged
            .iter()
            .any(|u| u.id == "base.dispute-resolution"));
        // Import again: marks are kept, not doubled.
        let again = import(&imp.text, "base", None, catalog).unwrap();
        assert_eq!(again.text.matches("base.quarterly-meetings").count(), 1);
        assert_eq!(again.version.as_deref(), Some("2025-05"));
        assert!(import(md, "nope", None, catalog).is_err());
    }

    #[test]
    fn pandoc_escaped_brackets_become_slots() {
        let catalog = Catalog::for_tests();
        let md = "# MOU\n\n## 1. Definitions\n\nCapitalized terms used by \\[MCP Name\\] have the meanings in the MCP Contract.\n";
        let imp = import(md, "base", None, catalog).unwrap();
        assert!(imp.text.contains("used by [MCP Name] have"), "{}", imp.text);
        let drafting = &catalog.vocab.drafting;
        assert!(reference::slot_names(&imp.text, drafting).contains(&"MCP Name".to_string()));
    }

    #[test]
    fn an_import_that_tags_nothing_or_an_unknown_id_is_an_error() {
        let catalog = Catalog::for_tests();
        let err = import("# Minutes\n\nWe met.\n", "base", None, catalog).unwrap_err();
        assert!(err.to_string().contains("nothing was tagged"), "{err}");
        assert_eq!(err.exit_code(), 2);
        let md = "# MOU\n\n<!-- moulint: provision base.nope -->\n## 1. Definitions\n\nText.\n";
        let err = import(md, "base", None, catalog).unwrap_err();
        assert!(err.to_string().contains("`base.nope`"), "{err}");
    }
}
