//! `moulint template import`: turn a user's Markdown copy of an official
//! template into a reference template the checks use; `moulint template
//! list`: the reference templates in use.
//!
//! Import finds each provision the template kind requires (see the packs in
//! `rules/packs/`) by its section title, variants or elements, the same
//! search the provision checks make, and writes the mark `<!-- moulint:
//! provision ID -->` (or `optional ID`) on the line before the section's
//! heading, lead-in or list item. Provisions it could not find are listed
//! so the user can tag them by hand. Marks already in the file are kept.
//! The result is written atomically to `DIR/<id>.md` with front matter
//! (`template`, `version`, `standalone`), ready for `--templates DIR`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::catalog::Catalog;
use crate::cli::Outcome;
use crate::error::Error;
use crate::frontmatter::{split, SplitResult};
use crate::reference::{self, parse_mark, Mark, TemplateSet};
use crate::tree::Tree;
use crate::yaml;

#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// Turn a Markdown copy of an official template into a reference
    /// template (tags its provisions; reports those it could not tag).
    Import(ImportArgs),
    /// List the reference templates in use: versions and tagged provisions.
    List {
        /// Read `<id>.md` templates from DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The template as Markdown (for example converted from DOCX).
    pub file: PathBuf,
    /// The template kind it is (`base`, `mhp`, ...; `moulint templates`).
    #[arg(long)]
    pub id: String,
    /// The template's version (for example the state's release date, `2025-05`).
    #[arg(long)]
    pub version: Option<String>,
    /// Directory to write `<id>.md` into.
    #[arg(long, value_name = "DIR", default_value = "templates")]
    pub out: PathBuf,
}

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
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
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
    for c in &tree.comments {
        let inner = c.text.trim();
        let Some(rest) = inner.strip_prefix("moulint:") else {
            continue;
        };
        if let Ok(Mark::Provision { id, .. }) = parse_mark(rest.trim()) {
            if let Some(s) = reference::section_after(&tree, c.span.end()) {
                existing.push((id, s));
            }
        }
    }
    let located = crate::analysis::provisions::locate(&tree, &required, None);
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

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Runs `moulint template ...`.
pub fn run(cmd: TemplateCommand, catalog: &Catalog) -> Result<Outcome, Error> {
    match cmd {
        TemplateCommand::Import(args) => {
            let text = std::fs::read_to_string(&args.file).map_err(|e| Error::Read {
                path: args.file.clone(),
                message: e.to_string(),
            })?;
            let imported = import(&text, &args.id, args.version.as_deref(), catalog)?;
            std::fs::create_dir_all(&args.out).map_err(|e| Error::Write {
                path: args.out.clone(),
                message: format!("cannot create {}: {e}", args.out.display()),
            })?;
            let path = args.out.join(format!("{}.md", args.id));
            crate::util::fs::write_atomic(&path, &imported.text, true)?;
            crate::cli::print(&summary(&path, &args.id, &imported));
        }
        TemplateCommand::List { templates } => {
            let set = crate::cli::template_set(templates.as_deref())?;
            crate::cli::print(&list_text(&set));
        }
    }
    Ok(Outcome::Clean)
}

/// What an import did, for the terminal.
pub fn summary(path: &Path, id: &str, imp: &Imported) -> String {
    let mut o = format!(
        "wrote {} (template `{id}`, version {}): {} provisions tagged, {} not found\n",
        path.display(),
        imp.version.as_deref().unwrap_or("not given"),
        imp.tagged.len(),
        imp.untagged.len()
    );
    for t in &imp.tagged {
        let how = if t.existing { " (mark kept)" } else { "" };
        o.push_str(&format!(
            "  tagged  {:<40} line {:<5} {}{how}\n",
            t.id, t.line, t.title
        ));
    }
    if !imp.untagged.is_empty() {
        o.push_str(
            "could not tag these provisions: add `<!-- moulint: provision ID -->` (or `optional \
             ID`) on the line before each one's heading\n",
        );
        for u in &imp.untagged {
            o.push_str(&format!(
                "  missing {:<40} {} ({})\n",
                u.id,
                u.title,
                if u.mandatory { "mandatory" } else { "optional" }
            ));
        }
    }
    if imp.version.is_none() {
        o.push_str("no version given: pass --version so `doc.template-version` can compare drafts with it\n");
    }
    o
}

/// `moulint template list`.
pub fn list_text(set: &TemplateSet) -> String {
    let origin = match &set.origin {
        reference::Origin::Bundled => {
            "bundled reference templates (moulint's own wording)".to_string()
        }
        reference::Origin::Dir(d) => format!("templates in {}", d.display()),
    };
    let mut o = format!("{origin}\n");
    for t in set.templates() {
        let marks = t.provisions();
        let optional = marks.iter().filter(|(_, o)| *o).count();
        let mandatory = marks.len() - optional;
        let mut versions = t.version.clone().unwrap_or_else(|| "unversioned".into());
        if !t.previous.is_empty() {
            versions.push_str(&format!(" (earlier: {})", t.previous.join(", ")));
        }
        o.push_str(&format!(
            "  {:<16} {:<28} {:>2} mandatory, {:>2} optional  {}\n",
            t.id,
            versions,
            mandatory,
            optional,
            if t.standalone {
                "complete text"
            } else {
                "articles inserted into base"
            }
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_tags_by_title_and_reports_the_rest() {
        let catalog = Catalog::bundled().unwrap();
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
}
