//! `doc.parties`: who the MOU is between.
//!
//! Two questions. Does the other party's entity type (`other_party.type`)
//! fit the templates the draft names (a Regional Center MOU is not for a
//! county jail; Base is only for entities without a Bespoke template)? And
//! does every party the front matter names (`mcp`/`mcps`, `other_party.name`,
//! `subcontractors`) appear in the preamble and in the signature blocks, and
//! does every party the preamble or signature blocks name appear in the
//! front matter?
//!
//! Names are compared as words: case, punctuation and the words "the",
//! "Inc.", "LLC" (and similar corporate suffixes) are ignored, and a name
//! matches when its words appear in order, side by side.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, CheckInfo, Context};
use crate::catalog::{Catalog, PackKind};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::frontmatter::{did_you_mean, Sp, Status};
use crate::text::BlockKind;
use crate::tree::{SectionKind, Tree};

pub const ID: &str = "doc.parties";

pub const CHECK: Check = Check {
    info: CheckInfo {
        id: ID,
        severity: Severity::Error,
        summary: "the other party's entity type must fit the template, and every party must be named in the preamble and the signature blocks",
        doc: "\
## What it checks
1. **Entity type.** `other_party.type` must be one of the entity types of
   the template the draft names (of one of them, for a combined MOU);
   `moulint templates` lists them. A Regional Center MOU whose other party
   is a `county-jail` is an error that names the template for county jails
   (`template: justice`). The Base template is only for entities that have
   no Bespoke template: a Base MOU with an entity that has one is an error.
   An entity type no template lists is reported with the closest known one.
2. **Parties.** Every party the front matter names (`mcp` or `mcps`,
   `other_party.name`, and any Knox-Keene `subcontractors`) must be named in
   the preamble (the text before the first numbered article) and in the
   signature blocks (a section titled like \"Signatures\" or \"Signature
   Page\", the paragraphs after \"In Witness Whereof\", or the `By:` lines
   near the end). A party the preamble or the signature blocks name that
   the front matter does not list is reported too (a warning: the names
   are read from the text); when one listed party is missing and one
   unlisted name is found, that is one error: the same party named two
   ways. Names are compared ignoring case, punctuation,
   \"the\", \"Inc.\" and \"LLC\". A draft without a preamble or signature
   blocks gets one finding for each (a warning while `status: draft`).

## Why the state's review cares
APL 23-029: the Bespoke template must be used for every MOU the MCP
Contract requires; the Base template serves only entities without one, so
an MOU on the wrong template is checked against the wrong mandatory
provisions and cannot be filed as is. An MOU binds only the parties that
are named and sign: with several MCPs on one MOU, or subcontracted plans
that share the MCP's duties, each must be named and must sign, and the
front matter must list them so that the right plans are tracked.

## Example
```yaml
template: regional-center
other_party:
  name: Alpine County Jail
  type: county-jail      # error: use `template: justice`
```
```markdown
This MOU is made between Golden Poppy Health Plan (\"MCP\") and Sierra
Regional Center (\"Regional Center\").   <- `mcps:` also lists Blue Oak Health
```

## How to fix
Use the template the finding names, or correct `other_party.type`. Name
every party in the opening paragraph and give each a signature block; list
every party in the front matter (`mcps:` for several plans,
`subcontractors:` for Knox-Keene subcontractors).",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.doc.front.is_none() {
        return;
    }
    entity_fit(ctx, out);
    parties(ctx, out);
}

// ---------------------------------------------------------------- entity type

/// Every entity type of every pack: (type id, type title, pack id).
fn all_types(catalog: &Catalog) -> Vec<(&str, &str, &str)> {
    catalog
        .packs
        .iter()
        .flat_map(|p| {
            p.def
                .entity_types
                .iter()
                .map(move |e| (e.id.as_str(), e.title.as_str(), p.def.id.as_str()))
        })
        .collect()
}

fn pack_name(catalog: &Catalog, id: &str) -> String {
    match catalog.pack(id) {
        Some(p) => format!(
            "{} (`{id}`)",
            p.def.title.trim_end_matches(" Template").trim()
        ),
        None => format!("`{id}`"),
    }
}

fn entity_fit(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let fm = ctx.doc.front.as_ref().expect("checked by run");
    let Some(kind) = &fm.other_party.kind else {
        return;
    };
    let catalog = ctx.catalog;
    let types = all_types(catalog);
    if types.is_empty() {
        return;
    }
    let named: Vec<&Sp<String>> = fm
        .templates
        .iter()
        .filter(|t| catalog.pack(&t.value).is_some())
        .collect();
    let named_ids: Vec<String> = named.iter().map(|t| t.value.clone()).collect();
    let all_base = named.iter().all(|t| {
        catalog
            .pack(&t.value)
            .is_some_and(|p| p.def.kind == PackKind::Base)
    });
    let owners: Vec<(&str, &str)> = types
        .iter()
        .filter(|(id, _, _)| *id == kind.value)
        .map(|(_, title, pack)| (*title, *pack))
        .collect();
    let diag = |sev: Severity, msg: String| {
        Diagnostic::new(ID, Kind::Invalid, sev, msg)
            .with_span(kind.span)
            .with_templates(named_ids.clone())
    };
    let with_templates = |mut d: Diagnostic| {
        for t in &named {
            d = d.with_secondary(t.span, "template named here");
        }
        d
    };
    if owners.is_empty() {
        let mut ids: Vec<&str> = types.iter().map(|(id, _, _)| *id).collect();
        ids.dedup();
        let hint = match did_you_mean(&kind.value, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        // Base serves any agency without a Bespoke template, so an unlisted
        // type there is only suspicious; a Bespoke template lists its own.
        let sev = if all_base {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.push(
            diag(sev, format!("unknown entity type `{}`", kind.value))
                .with_label("not an entity type of any template")
                .with_help(format!(
                    "{hint}`moulint templates` lists each template's entity types; for an agency no Bespoke template covers, use `template: base` with `type: other-local-agency`"
                ))
                .with_note("moulint cannot tell whether the right template is used when the entity type is unknown (APL 23-029: the Bespoke template must be used for every MOU the MCP Contract requires)"),
        );
        return;
    }
    if named.is_empty() || owners.iter().any(|(_, p)| named_ids.iter().any(|n| n == p)) {
        return;
    }
    let title = owners[0].0;
    let bespoke: Vec<&str> = owners
        .iter()
        .map(|(_, p)| *p)
        .filter(|p| {
            catalog
                .pack(p)
                .is_some_and(|q| q.def.kind == PackKind::Bespoke)
        })
        .collect();
    let suggest = |packs: &[&str]| -> String {
        let list: Vec<String> = packs.iter().map(|p| format!("`template: {p}`")).collect();
        list.join(" or ")
    };
    if all_base && !bespoke.is_empty() {
        out.push(with_templates(
            diag(
                Severity::Error,
                format!(
                    "a Base MOU with a {title} (`{}`): the Bespoke template must be used for every MOU the MCP Contract requires",
                    kind.value
                ),
            )
            .with_label(format!("has the Bespoke template {}", pack_name(catalog, bespoke[0])))
            .with_help(format!(
                "use {}: the Base template is only for entities that have no Bespoke template",
                suggest(&bespoke)
            ))
            .with_note("APL 23-029: for every MOU the MCP Contract requires, the MCP must use the Bespoke MOU template; the Base template serves third parties without one"),
        ));
        return;
    }
    let owner_packs: Vec<&str> = owners.iter().map(|(_, p)| *p).collect();
    let names: Vec<String> = named_ids.iter().map(|t| pack_name(catalog, t)).collect();
    out.push(with_templates(
        diag(
            Severity::Error,
            format!(
                "the {} template{} {} not for a {title} (`{}`)",
                names.join(" and "),
                if names.len() > 1 { "s" } else { "" },
                if names.len() > 1 { "are" } else { "is" },
                kind.value
            ),
        )
        .with_label("does not fit the template")
        .with_help(format!(
            "use {}, whose entity types include `{}`, or correct `other_party.type`",
            suggest(&owner_packs),
            kind.value
        ))
        .with_note("an MOU on the wrong template is checked against the wrong mandatory provisions; the state requires the Bespoke template for the kind of entity (APL 23-029)"),
    ));
}

// ---------------------------------------------------------------- party names

/// Words dropped when names are compared.
const NOISE: &[&str] = &[
    "the",
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "lp",
    "llp",
];

/// The comparable words of a text, each with its byte range: lowercase,
/// `.` and `'` dropped inside words ("L.L.C." is `llc`), `&` read as "and",
/// other punctuation a separator, noise words left out.
/// Comparable words, each with its byte range in the text.
type Words = Vec<(String, Range<usize>)>;

pub(crate) fn words(text: &str) -> Words {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut end = 0;
    let flush =
        |cur: &mut String, start: usize, end: usize, out: &mut Vec<(String, Range<usize>)>| {
            if !cur.is_empty() {
                if !NOISE.contains(&cur.as_str()) {
                    out.push((std::mem::take(cur), start..end));
                }
                cur.clear();
            }
        };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if cur.is_empty() {
                start = i;
            }
            cur.extend(c.to_lowercase());
            end = i + c.len_utf8();
        } else if (c == '.' || c == '\'') && !cur.is_empty() {
            // Inside a word ("L.L.C.", "Children's"): keep reading it.
            let next = text[i + 1..].chars().next();
            if !next.is_some_and(|n| n.is_alphanumeric()) {
                flush(&mut cur, start, end, &mut out);
            }
        } else {
            flush(&mut cur, start, end, &mut out);
            if c == '&' {
                out.push(("and".to_string(), i..i + 1));
            }
        }
    }
    flush(&mut cur, start, end, &mut out);
    out
}

fn keys(text: &str) -> Vec<String> {
    words(text).into_iter().map(|(w, _)| w).collect()
}

/// Where `needle`'s words occur side by side in `hay`.
fn find_words(
    text: &str,
    hay: &[(String, Range<usize>)],
    needle: &[String],
) -> Option<Range<usize>> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    // Words of one name are side by side: only spaces and light punctuation
    // between them, not a parenthesis or a quote (`Alpine ("County")`).
    let joined = |a: &Range<usize>, b: &Range<usize>| {
        text.get(a.end..b.start).is_some_and(|gap| {
            gap.chars()
                .all(|c| c.is_whitespace() || ",.-'&/".contains(c))
        })
    };
    (0..=hay.len() - needle.len())
        .find(|&i| {
            let run = &hay[i..i + needle.len()];
            run.iter().zip(needle).all(|((w, _), n)| w == n)
                && run.windows(2).all(|p| joined(&p[0].1, &p[1].1))
        })
        .map(|i| hay[i].1.start..hay[i + needle.len() - 1].1.end)
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && needle.len() <= hay.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// A front matter name and a name read from the text are the same party
/// when the words of one hold the words of the other.
fn same_party(a: &[String], b: &[String]) -> bool {
    contains_words(a, b) || contains_words(b, a)
}

/// The first numbered article (`## 1. Definitions`, `Article I`).
fn first_article(tree: &Tree) -> Option<usize> {
    tree.sections
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, s)| match s.kind {
            SectionKind::Numbered { .. } => true,
            SectionKind::Heading(_) => s
                .number
                .as_deref()
                .is_some_and(|n| !n.starts_with("exhibit")),
            _ => false,
        })
        .map(|(i, _)| i)
}

/// Blocks before the first numbered article (the first few blocks when
/// nothing is numbered).
fn preamble(tree: &Tree) -> Range<usize> {
    match first_article(tree) {
        Some(s) => 0..tree.sections[s].blocks.start,
        None => 0..tree.blocks.len().min(8),
    }
}

struct Pats {
    sig_title: Regex,
    witness: Regex,
    sig_label: Regex,
    parties_kw: Regex,
    defined: Regex,
    sentence_end: Regex,
    apposition: Regex,
    role_label: Regex,
}

fn pats() -> &'static Pats {
    static CELL: OnceLock<Pats> = OnceLock::new();
    CELL.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("built-in pattern");
        Pats {
            sig_title: re(
                r"^(?:the\s+)?(?:(?:authorized\s+)?signatures?|signature\s+(?:pages?|blocks?)|signatories|in witness whereof)\b|^execution(?:\s+page)?$",
            ),
            witness: re(r"(?i)^\W*in witness whereof\b"),
            sig_label: re(
                r"(?i)(?:^|[\s|])(?:by|signature|signed|name|print(?:ed)? name|title|date|its)\s*:",
            ),
            parties_kw: re(r"(?i)\b(?:between|among)\b"),
            defined: re(r#"\([^()"]*"[^"]{1,60}"[^()]*\)"#),
            sentence_end: re(r"[.!?]\s+[A-Z]"),
            apposition: re(
                r"(?i),\s*(?:an?|acting|on behalf|by and through|doing business|d/b/a|through)\b",
            ),
            role_label: re(r"^(?:[A-Z][\w-]*\s?){1,3}:\s*"),
        }
    })
}

/// The signature blocks: a section titled like "Signatures", else the
/// paragraphs from "In Witness Whereof" to the next exhibit, else the
/// blocks around the `By:` lines near the end.
fn signatures(tree: &Tree) -> Option<Range<usize>> {
    let p = pats();
    let until_exhibit = |from: usize| {
        tree.sections
            .iter()
            .filter(|s| {
                s.kind == SectionKind::Exhibit
                    || s.number
                        .as_deref()
                        .is_some_and(|n| n.starts_with("exhibit"))
            })
            .map(|s| s.blocks.start)
            .find(|&b| b > from)
            .unwrap_or(tree.blocks.len())
    };
    // The last section so titled ("Signatures" clauses of the General
    // Provisions come earlier), or the last "In Witness Whereof", whichever
    // comes later.
    let section = tree
        .sections
        .iter()
        .skip(1)
        .rfind(|s| p.sig_title.is_match(&s.title_key) && !s.blocks.is_empty())
        .map(|s| s.blocks.clone());
    let witness = tree
        .blocks
        .iter()
        .rposition(|b| p.witness.is_match(&b.text))
        .map(|i| i..until_exhibit(i));
    match (section, witness) {
        (Some(s), Some(w)) => return Some(if w.start > s.start { w } else { s }),
        (Some(r), None) | (None, Some(r)) => return Some(r),
        (None, None) => {}
    }
    let with_by: Vec<usize> = tree
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            p.sig_label.find_iter(&b.text).any(|m| {
                m.as_str()
                    .trim_start_matches([' ', '|'])
                    .to_ascii_lowercase()
                    .starts_with(['b', 's'])
            })
        })
        .map(|(i, _)| i)
        .collect();
    let &last = with_by.last()?;
    // Only the last cluster: signature lines sit together after the articles.
    let mut first = last;
    for &i in with_by.iter().rev() {
        if i + 4 < first {
            break;
        }
        first = i;
    }
    Some(first.saturating_sub(2)..(last + 2).min(until_exhibit(last)))
}

/// A party name read from the text: block index and range in its text.
#[derive(Debug, Clone)]
struct Named {
    block: usize,
    range: Range<usize>,
}

/// Trims a stretch of text down to the name it holds; `None` if it does
/// not read like a name.
fn clean_name(text: &str, at: usize) -> Option<Range<usize>> {
    let p = pats();
    let mut s = at;
    let mut e = at + text.len();
    let seg = |s: usize, e: usize| &text[s - at..e - at];
    // Skip what joins it to the previous party.
    loop {
        let t = seg(s, e);
        let trimmed = t.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
        s += t.len() - trimmed.len();
        let lower = seg(s, e).to_ascii_lowercase();
        if lower.starts_with("and ") {
            s += 4;
        } else {
            break;
        }
    }
    let t = seg(s, e);
    if let Some(i) = t.rfind(", and ") {
        s += i + 6;
    } else if t.starts_with(|c: char| c.is_lowercase()) {
        if let Some(i) = t.rfind(" and ") {
            s += i + 5;
        }
    }
    let t = seg(s, e);
    if let Some(m) = p.apposition.find(t) {
        e = s + m.start();
    }
    let t = seg(s, e);
    let trimmed = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    e = s + trimmed.len();
    let t = seg(s, e);
    let n = t.split_whitespace().count();
    let first = t
        .split_whitespace()
        .find(|w| !w.eq_ignore_ascii_case("the"))
        .unwrap_or("");
    let ok = n > 0
        && n <= 12
        && first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !t.starts_with('[');
    ok.then_some(s..e)
}

/// Names in the preamble's "between X ("MCP") and Y ("County")" clause.
fn preamble_names(tree: &Tree, range: &Range<usize>) -> Vec<Named> {
    let p = pats();
    let mut out = Vec::new();
    for bi in range.clone() {
        let text = &tree.blocks[bi].text;
        let Some(kw) = p.parties_kw.find(text) else {
            continue;
        };
        let mut cursor = kw.end();
        for m in p.defined.find_iter(text) {
            if m.start() < cursor {
                continue;
            }
            let seg = &text[cursor..m.start()];
            cursor = m.end();
            if p.sentence_end.is_match(seg) {
                break;
            }
            let Some(r) = clean_name(seg, m.start() - seg.len()) else {
                continue;
            };
            let k = keys(&text[r.clone()]);
            let generic = k.is_empty()
                || k.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "memorandum" | "mou" | "agreement" | "this" | "dhcs"
                    )
                })
                || contains_words(&k, &keys("Department of Health Care Services"));
            if !generic {
                out.push(Named {
                    block: bi,
                    range: r,
                });
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// Names over the `By:` lines of the signature blocks.
fn signature_names(tree: &Tree, range: &Range<usize>) -> Vec<Named> {
    let p = pats();
    let mut out = Vec::new();
    for bi in range.clone() {
        let b = &tree.blocks[bi];
        if b.kind == BlockKind::TableCell || p.witness.is_match(&b.text) {
            continue;
        }
        let Some(first) = p.sig_label.find(&b.text) else {
            continue;
        };
        let label = first
            .as_str()
            .trim_start_matches([' ', '|'])
            .to_ascii_lowercase();
        if !(label.starts_with("by") || label.starts_with("sign")) {
            continue;
        }
        let (block, text, upto) = if first.start() > 0 {
            (bi, b.text.as_str(), first.start())
        } else {
            // The name sits in the block above: a bold line or a heading.
            if bi == range.start {
                continue;
            }
            let prev = &tree.blocks[bi - 1];
            if prev.kind == BlockKind::TableCell || p.sig_label.is_match(&prev.text) {
                continue;
            }
            if let BlockKind::Heading(_) = prev.kind {
                if p.sig_title
                    .is_match(&crate::text::normalize_title(&prev.text))
                {
                    continue;
                }
            }
            (bi - 1, prev.text.as_str(), prev.text.len())
        };
        let mut s = 0;
        let head = &text[..upto];
        if let Some(m) = p.role_label.find(head) {
            s = m.end();
        }
        let lower = head[s..].to_ascii_lowercase();
        for pre in ["for ", "on behalf of "] {
            if lower.starts_with(pre) {
                s += pre.len();
                break;
            }
        }
        if let Some(r) = clean_name(&head[s..], s) {
            out.push(Named { block, range: r });
        }
    }
    out
}

fn parties(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let fm = ctx.doc.front.as_ref().expect("checked by run");
    let tree = &ctx.doc.tree;
    let mut named: Vec<(&Sp<String>, &str)> = Vec::new();
    named.extend(fm.mcps.iter().map(|n| (n, "MCP")));
    named.extend(fm.other_party.name.iter().map(|n| (n, "other party")));
    named.extend(fm.subcontractors.iter().map(|n| (n, "subcontractor")));
    // Slots are the placeholder check's business.
    named.retain(|(n, _)| !n.value.trim_start().starts_with('[') && !keys(&n.value).is_empty());
    if named.is_empty() || tree.blocks.is_empty() {
        return;
    }
    let draft = fm.status.as_ref().is_none_or(|s| s.value == Status::Draft);
    let absent_sev = if draft {
        Severity::Warning
    } else {
        Severity::Error
    };
    let templates = ctx.templates.clone();
    let pre = preamble(tree);
    let sig = signatures(tree);
    let regions: [(&str, Option<Range<usize>>); 2] = [
        // A title heading alone is no preamble.
        (
            "preamble",
            tree.blocks[pre.clone()]
                .iter()
                .any(|b| !matches!(b.kind, BlockKind::Heading(_)))
                .then(|| pre.clone()),
        ),
        ("signature blocks", sig.clone()),
    ];
    for (what, region) in &regions {
        let Some(region) = region else {
            let (msg, help) = if *what == "preamble" {
                (
                    "the MOU has no preamble naming the parties before its first article",
                    "open the MOU with a paragraph naming every party: \"This MOU is made between [MCP Name] (\\\"MCP\\\") and [Party Name] (...)\"",
                )
            } else {
                (
                    "the MOU has no signature blocks",
                    "end the MOU with a \"Signatures\" section holding a signature block (name, `By:`, `Name:`, `Title:`, `Date:`) for every party",
                )
            };
            let mut d = Diagnostic::new(ID, Kind::Missing, absent_sev, msg);
            if *what == "preamble" {
                if let Some(s) = first_article(tree) {
                    d = d
                        .with_span(tree.sections[s].title_span)
                        .with_label("the first article; no text before it names the parties");
                }
            }
            out.push(
                d.with_templates(templates.clone())
                    .with_help(help)
                    .with_note("an MOU binds the parties that are named and sign it"),
            );
            continue;
        };
        let region_span = {
            let (a, b) = (
                &tree.blocks[region.start],
                &tree.blocks[region.end.max(region.start + 1) - 1],
            );
            Span::from_range(a.span.offset..b.span.end().max(a.span.offset))
        };
        let block_words: Vec<(&str, Words)> = tree.blocks[region.clone()]
            .iter()
            .map(|b| (b.text.as_str(), words(&b.text)))
            .collect();
        let absent: Vec<&(&Sp<String>, &str)> = named
            .iter()
            .filter(|(n, _)| {
                let k = keys(&n.value);
                !block_words
                    .iter()
                    .any(|(t, w)| find_words(t, w, &k).is_some())
            })
            .collect();
        let found = if *what == "preamble" {
            preamble_names(tree, region)
        } else {
            signature_names(tree, region)
        };
        let fm_keys: Vec<Vec<String>> = named.iter().map(|(n, _)| keys(&n.value)).collect();
        let mut unknown: Vec<Named> = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for f in found {
            let k = keys(&tree.blocks[f.block].text[f.range.clone()]);
            if fm_keys.iter().any(|fk| same_party(fk, &k)) || seen.contains(&k) {
                continue;
            }
            seen.push(k);
            unknown.push(f);
        }
        let note = "an MOU binds only the parties named and signing it; every plan, subcontractor and third party listed in the front matter must be both";
        // One party missing and one unknown name: the same party, named two ways.
        if let ([(n, role)], [f]) = (absent.as_slice(), unknown.as_slice()) {
            let b = &tree.blocks[f.block];
            let text = &b.text[f.range.clone()];
            out.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!(
                        "the {what} {} the {role} `{text}`, the front matter `{}`",
                        if *what == "preamble" { "names" } else { "name" },
                        n.value
                    ),
                )
                .with_span(b.source_span(f.range.clone()))
                .with_label(format!("the front matter calls this party `{}`", n.value))
                .with_secondary(n.span, "the front matter's name")
                .with_templates(templates.clone())
                .with_help("use the party's one legal name in the front matter, the preamble and the signature blocks (case, punctuation, \"the\", \"Inc.\" and \"LLC\" do not matter)")
                .with_note(note),
            );
            continue;
        }
        for (n, role) in absent {
            out.push(
                Diagnostic::new(
                    ID,
                    Kind::Missing,
                    Severity::Error,
                    format!(
                        "the {role} `{}` named in the front matter is not named in the {what}",
                        n.value
                    ),
                )
                .with_span(n.span)
                .with_label(format!("not in the {what}"))
                .with_secondary(Span::new(region_span.offset, 0), if *what == "preamble" {
                    "the preamble starts here"
                } else {
                    "the signature blocks start here"
                })
                .with_templates(templates.clone())
                .with_help(if *what == "preamble" {
                    format!("name `{}` as a party in the opening paragraph, exactly as in the front matter, or correct the front matter", n.value)
                } else {
                    format!("add a signature block for `{}`, or correct the front matter", n.value)
                })
                .with_note(note),
            );
        }
        for f in unknown {
            let b = &tree.blocks[f.block];
            let text = &b.text[f.range.clone()];
            out.push(
                Diagnostic::new(
                    ID,
                    Kind::Missing,
                    Severity::Warning,
                    format!("`{text}` is named as a party in the {what} but not in the front matter"),
                )
                .with_span(b.source_span(f.range.clone()))
                .with_label("a party the front matter does not list")
                .with_templates(templates.clone())
                .with_help("list it in the front matter (`mcps:` for another plan, `subcontractors:` for a Knox-Keene subcontractor, `other_party.name` for the third party), or correct the name so that it matches")
                .with_note("the front matter says who the MOU binds; moulint checks and tracks the MOU for the parties listed there"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<String> {
        keys(s)
    }

    #[test]
    fn names_compare_without_noise() {
        assert_eq!(
            k("Golden Poppy Health Plan, Inc."),
            k("golden poppy health plan")
        );
        assert_eq!(k("The Acme L.L.C."), k("acme"));
        assert_eq!(
            k("Children's Hospital & Clinics"),
            k("childrens hospital and clinics")
        );
        assert!(same_party(
            &k("Golden Poppy Health Plan"),
            &k("Golden Poppy Health Plan, Inc., a California corporation")
        ));
        assert!(!same_party(&k("Golden Poppy"), &k("Blue Oak Health")));
    }

    #[test]
    fn names_are_found_with_their_ranges() {
        let t = "between GOLDEN POPPY HEALTH PLAN, INC. (\"MCP\") and";
        let w = words(t);
        let r = find_words(t, &w, &k("Golden Poppy Health Plan")).unwrap();
        assert!(find_words(
            "Alpine (\"County\")",
            &words("Alpine (\"County\")"),
            &k("Alpine County")
        )
        .is_none());
        assert_eq!(&t[r], "GOLDEN POPPY HEALTH PLAN");
    }

    #[test]
    fn clean_names() {
        let t = ", a Medi-Cal managed care plan, and Alpine County Behavioral Health ";
        let r = clean_name(t, 0).unwrap();
        assert_eq!(&t[r], "Alpine County Behavioral Health");
        let t = " and the County of Alpine, acting through its Department ";
        let r = clean_name(t, 0).unwrap();
        assert_eq!(&t[r], "the County of Alpine");
        assert!(clean_name(" [Party Name] ", 0).is_none());
    }
}
