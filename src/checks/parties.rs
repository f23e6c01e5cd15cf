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
//! Names are compared as words: case, punctuation (straight or curly) and
//! the words "the", "Inc.", "LLC" (and similar corporate suffixes) are
//! ignored, "County of Alpine" is "Alpine County", and a name matches when
//! its words appear in order, side by side.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, Context};
use crate::anatomy::Anatomy;
use crate::catalog::vocab::{Names, Signatures};
use crate::catalog::{EntityType, Fit};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::frontmatter::{Sp, Status};
use crate::names::{find_words, same_party, Words};
use crate::rule::{RuleMeta, Scope};
use crate::text::BlockKind;
use crate::tree::Tree;
use crate::units::units;
use crate::util::suggest::did_you_mean;
use crate::verdict::Verdict;

pub const ID: &str = "doc.parties";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Parties",
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Incomplete), (Kind::Missing, Verdict::Incomplete)],
        scope: Scope::Document,
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
   near the end; a \"Signatures\" clause of the General Provisions with no
   `By:` line is not the signature page). A party the preamble or the
   signature blocks name (over a `By:` line, or heading a column of a
   signature table) that the front matter does not list is reported too (a
   warning: the names are read from the text); when one listed party is
   missing and one unlisted name is found that shares a distinctive word
   with it or is part of it, that is one error: the same party named two
   ways. Names are compared ignoring case, punctuation (curly apostrophes
   too), \"the\", \"Inc.\" and \"LLC\", and \"County of Alpine\" is
   \"Alpine County\". A draft without a preamble or signature blocks gets
   one finding for each (a warning while `status: draft`).

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
Not flagged: front matter `name: Alpine County`, preamble \"the County of
Alpine\", signature block \"COUNTY OF ALPINE\".

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

fn entity_fit(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let fm = ctx.doc.front.as_ref().expect("checked by run");
    let Some(kind) = &fm.other_party.kind else {
        return;
    };
    let catalog = ctx.catalog;
    let types: Vec<&EntityType> = catalog
        .packs
        .iter()
        .flat_map(|p| &p.def.entity_types)
        .collect();
    if types.is_empty() {
        return;
    }
    let named: Vec<&Sp<String>> = fm
        .templates
        .iter()
        .filter(|t| catalog.pack(&t.value).is_some())
        .collect();
    let named_ids: Vec<String> = named.iter().map(|t| t.value.clone()).collect();
    let diag = |sev: Severity, msg: String| {
        let d = Diagnostic::new(ID, Kind::Invalid, sev, msg)
            .with_span(kind.span)
            .with_templates(named_ids.clone());
        // Reported as a warning only where it is a suspicion (an unlisted
        // type under Base): then it never decides the verdict.
        if sev == Severity::Error {
            d
        } else {
            d.advisory()
        }
    };
    let with_templates = |mut d: Diagnostic| {
        for t in &named {
            d = d.with_secondary(t.span, "template named here");
        }
        d
    };
    let suggest = |packs: &[&str]| -> String {
        let list: Vec<String> = packs.iter().map(|p| format!("`template: {p}`")).collect();
        list.join(" or ")
    };
    let title = types
        .iter()
        .find(|e| e.id == kind.value)
        .map_or("", |e| e.title.as_str());
    match catalog.fit(&named_ids, &kind.value) {
        Fit::Fits => {}
        Fit::Unknown => {
            let hint = match did_you_mean(&kind.value, types.iter().map(|e| e.id.as_str())) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            // Base serves any agency without a Bespoke template, so an unlisted
            // type there is only suspicious; a Bespoke template lists its own.
            let sev = if catalog.all_base(&named_ids) {
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
        }
        _ if named.is_empty() => {}
        Fit::NeedsBespoke(bespoke) => out.push(with_templates(
            diag(
                Severity::Error,
                format!(
                    "a Base MOU with a {title} (`{}`): the Bespoke template must be used for every MOU the MCP Contract requires",
                    kind.value
                ),
            )
            .with_label(format!("has the Bespoke template {}", catalog.pack_name(bespoke[0])))
            .with_help(format!(
                "use {}: the Base template is only for entities that have no Bespoke template",
                suggest(&bespoke)
            ))
            .with_note("APL 23-029: for every MOU the MCP Contract requires, the MCP must use the Bespoke MOU template; the Base template serves third parties without one"),
        )),
        Fit::Elsewhere(owners) => out.push(with_templates(
            diag(
                Severity::Error,
                format!(
                    "{} {} not for a {title} (`{}`)",
                    catalog.templates_phrase(&named_ids),
                    if named.len() > 1 { "are" } else { "is" },
                    kind.value
                ),
            )
            .with_label("does not fit the template")
            .with_help(format!(
                "use {}, whose entity types include `{}`, or correct `other_party.type`",
                suggest(&owners),
                kind.value
            ))
            .with_note("an MOU on the wrong template is checked against the wrong mandatory provisions; the state requires the Bespoke template for the kind of entity (APL 23-029)"),
        )),
    }
}

// ---------------------------------------------------------------- party names

struct Pats {
    parties_kw: Regex,
    /// "each plan listed in Exhibit A": parties named through an exhibit.
    listed_in: Regex,
    sentence_end: Regex,
    apposition: Regex,
}

/// Compiles the patterns (see [`super::warm_patterns`]).
pub(super) fn warm_patterns() {
    pats();
}

fn pats() -> &'static Pats {
    static CELL: OnceLock<Pats> = OnceLock::new();
    CELL.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("built-in pattern");
        Pats {
            parties_kw: re(r"(?i)\b(?:between|among)\b"),
            listed_in: re(&format!(
                r"(?i)\b(?:listed|identified|named|set\s+(?:forth|out)|described|specified)\s+(?:in|on)\s+(?:the\s+)?(?:{})\s+[A-Z0-9]{{1,3}}\b",
                crate::tree::EXHIBIT_WORDS
            )),
            sentence_end: re(r"[.!?]\s+[A-Z]"),
            apposition: re(
                r"(?i),\s*(?:an?|acting|on behalf|by and through|doing business|d/b/a|through)\b",
            ),
        }
    })
}

/// Where a role label at the start of `head` ends ("Contractor:",
/// "Plan Name: "), the spaces after its colon included: the end of a match
/// of `^(?:[A-Z][\w-]*\s?){1,3}:\s*`, found by a scan (the regex cost more
/// to compile than every scan of a draft). Up to three words of word
/// characters and hyphens, each starting with an ASCII capital, with one
/// space after each.
fn role_label_end(head: &str) -> Option<usize> {
    let mut words = 0;
    let mut after_space = true;
    for (i, c) in head.char_indices() {
        if c == ':' {
            if words == 0 {
                return None;
            }
            let rest = &head[i + 1..];
            return Some(head.len() - rest.trim_start().len());
        } else if c == '-' || regex_syntax::is_word_character(c) {
            if after_space {
                if !c.is_ascii_uppercase() || words == 3 {
                    return None;
                }
                words += 1;
            }
            after_space = false;
        } else if c.is_whitespace() && !after_space {
            after_space = true;
        } else {
            return None;
        }
    }
    None
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
    // "the Alpine County Health and Human Services Agency" is one name;
    // "a county agency and Alpine County" ends with one.
    let lower_start = t
        .strip_prefix("the ")
        .unwrap_or(t)
        .starts_with(|c: char| c.is_lowercase());
    if let Some(i) = t.rfind(", and ") {
        s += i + 6;
    } else if lower_start {
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

/// Names in the preamble's "between X ("MCP") and Y ("County")" clause:
/// the text before each of the anatomy's definitions there.
fn preamble_names(
    tree: &Tree,
    names: &Names,
    anatomy: &Anatomy,
    range: &Range<usize>,
) -> Vec<Named> {
    let p = pats();
    let mut out = Vec::new();
    for bi in range.clone() {
        let text = &tree.blocks[bi].text;
        let Some(kw) = p.parties_kw.find(text) else {
            continue;
        };
        let mut cursor = kw.end();
        for d in anatomy.defined_terms.iter().filter(|d| d.block == bi) {
            let m = &d.parenthesis;
            if m.start < cursor {
                continue;
            }
            let seg = &text[cursor..m.start];
            cursor = m.end;
            if p.sentence_end.is_match(seg) {
                break;
            }
            let Some(r) = clean_name(seg, m.start - seg.len()) else {
                continue;
            };
            if !names.generic(&names.keys(&text[r.clone()])) {
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

/// Names over the `By:` lines of the signature blocks, and at the head of
/// the columns of a signature table.
fn signature_names(
    tree: &Tree,
    names: &Names,
    sig: &Signatures,
    range: &Range<usize>,
) -> Vec<Named> {
    let mut out = Vec::new();
    for bi in range.clone() {
        let b = &tree.blocks[bi];
        if b.kind == BlockKind::TableCell || sig.witness.is_match(&b.text) {
            continue;
        }
        let Some((first, true)) = sig.first_label(&b.text) else {
            continue;
        };
        let (block, text, upto) = if first.start() > 0 {
            (bi, b.text.as_str(), first.start())
        } else {
            // The name sits in the block above: a bold line or a heading.
            if bi == range.start {
                continue;
            }
            let prev = &tree.blocks[bi - 1];
            if prev.kind == BlockKind::TableCell || sig.label.is_match(&prev.text) {
                continue;
            }
            if let BlockKind::Heading(_) = prev.kind {
                if sig
                    .page_title
                    .is_match(&crate::text::normalize_title(&prev.text))
                {
                    continue;
                }
            }
            (bi - 1, prev.text.as_str(), prev.text.len())
        };
        let mut s = 0;
        let head = &text[..upto];
        if let Some(end) = role_label_end(head) {
            s = end;
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
    // A table with a `By:` cell: the parties head its columns.
    let rows = units(tree, range.clone());
    for (i, head) in rows.iter().enumerate() {
        if head.row != Some((i, 0)) {
            continue;
        }
        let signed = rows[i..]
            .iter()
            .take_while(|u| u.row.is_some_and(|r| r.0 == i))
            .flat_map(|u| u.cell_blocks())
            .any(|c| {
                sig.first_label(&tree.blocks[c].text)
                    .is_some_and(|(m, by)| by && m.start() == 0)
            });
        if !signed {
            continue;
        }
        for c in head.cell_blocks() {
            let text = &tree.blocks[c].text;
            if let Some(r) =
                clean_name(text, 0).filter(|r| !names.generic(&names.keys(&text[r.clone()])))
            {
                out.push(Named { block: c, range: r });
            }
        }
    }
    out
}

/// A party the front matter lists, as compared.
struct Listed<'a> {
    name: &'a Sp<String>,
    role: &'static str,
    forms: Vec<Vec<String>>,
}

fn parties(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let fm = ctx.doc.front.as_ref().expect("checked by run");
    let tree = &ctx.doc.tree;
    let names = &ctx.catalog.vocab.names;
    let listed: Vec<Listed> = fm
        .mcps
        .iter()
        .map(|n| (n, "MCP"))
        .chain(fm.other_party.name.iter().map(|n| (n, "other party")))
        .chain(fm.subcontractors.iter().map(|n| (n, "subcontractor")))
        // Slots are the placeholder check's business.
        .filter(|(n, _)| !n.value.trim_start().starts_with('['))
        .map(|(name, role)| Listed {
            name,
            role,
            forms: names.forms(&name.value),
        })
        .filter(|l| !l.forms[0].is_empty())
        .collect();
    if listed.is_empty() || tree.blocks.is_empty() {
        return;
    }
    let draft = fm.status.as_ref().is_none_or(|s| s.value == Status::Draft);
    let absent_sev = if draft {
        Severity::Warning
    } else {
        Severity::Error
    };
    let diag = |kind: Kind, sev: Severity, msg: String| {
        Diagnostic::new(ID, kind, sev, msg).with_templates(ctx.templates.clone())
    };
    let anatomy = ctx.anatomy();
    let pre = anatomy.preamble.clone();
    let regions: [(&str, Option<Range<usize>>); 2] = [
        // A title heading alone is no preamble.
        (
            "preamble",
            tree.blocks[pre.clone()]
                .iter()
                .any(|b| !matches!(b.kind, BlockKind::Heading(_)))
                .then_some(pre),
        ),
        ("signature blocks", anatomy.signatures.clone()),
    ];
    let note = "an MOU binds only the parties named and signing it; every plan, subcontractor and third party listed in the front matter must be both";
    for (what, region) in regions {
        let is_preamble = what == "preamble";
        let Some(region) = region else {
            let (msg, help) = if is_preamble {
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
            let mut d = diag(Kind::Missing, absent_sev, msg.to_string());
            // A draft may not have its signature page yet.
            if draft {
                d = d.advisory();
            }
            if let Some(s) = anatomy.first_article.filter(|_| is_preamble) {
                d = d
                    .with_span(tree.sections[s].title_span)
                    .with_label("the first article; no text before it names the parties");
            }
            out.push(
                d.with_help(help)
                    .with_note("an MOU binds the parties that are named and sign it"),
            );
            continue;
        };
        // Parties named through an exhibit ("each plan listed in Exhibit
        // A") are named where the exhibit names them.
        let mut blocks = region.clone().collect::<Vec<usize>>();
        if is_preamble {
            if let Some((bi, m)) = region.clone().find_map(|bi| {
                pats()
                    .listed_in
                    .find(&tree.blocks[bi].text)
                    .map(|m| (bi, m.range()))
            }) {
                let text = &tree.blocks[bi].text[m.clone()];
                let exhibit = text
                    .rsplit_once(char::is_whitespace)
                    .map(|(_, l)| l)
                    .unwrap_or("");
                let kind = crate::tree::EXHIBIT_WORDS
                    .split('|')
                    .find(|w| text.to_lowercase().contains(w))
                    .unwrap_or("exhibit");
                let wanted = format!("{kind} {}", exhibit.to_lowercase());
                let found = anatomy.exhibits.iter().find(|&&s| {
                    tree.sections[s]
                        .display_name()
                        .to_lowercase()
                        .starts_with(&wanted)
                });
                match found {
                    Some(&s) => blocks.extend(tree.sections[s].blocks.clone()),
                    None => {
                        let r = m.end - exhibit.len() - kind.len() - 1..m.end;
                        out.push(
                            diag(
                                Kind::Missing,
                                absent_sev,
                                format!(
                                    "the preamble names the parties through {}, which the draft does not have",
                                    &tree.blocks[bi].text[r.clone()]
                                ),
                            )
                            .with_span(tree.blocks[bi].source_span(r))
                            .with_label("no such exhibit in the draft")
                            .with_help("add the exhibit listing every plan that is a party, or name the parties in the preamble")
                            .with_note(note),
                        );
                        continue;
                    }
                }
            }
        }
        let block_words: Vec<(&str, Words)> = blocks
            .iter()
            .map(|&b| {
                (
                    tree.blocks[b].text.as_str(),
                    names.words(&tree.blocks[b].text),
                )
            })
            .collect();
        let present: Vec<bool> = listed
            .iter()
            .map(|l| {
                block_words
                    .iter()
                    .any(|(t, w)| find_words(t, w, &l.forms).is_some())
            })
            .collect();
        let found = if is_preamble {
            preamble_names(tree, names, anatomy, &region)
        } else {
            signature_names(tree, names, &ctx.catalog.vocab.signatures, &region)
        };
        // Names in the text that no party present here accounts for, each
        // with the absent listed party it is a form of, if any.
        let mut strays: Vec<(Named, Option<usize>)> = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for f in found {
            let forms = names.forms(&tree.blocks[f.block].text[f.range.clone()]);
            let of: Vec<usize> = (0..listed.len())
                .filter(|&i| same_party(&listed[i].forms, &forms))
                .collect();
            if of.iter().any(|&i| present[i]) || seen.contains(&forms[0]) {
                continue;
            }
            seen.push(forms[0].clone());
            strays.push((f, of.first().copied()));
        }
        let absent: Vec<&Listed> = (0..listed.len())
            .filter(|&i| !present[i])
            .map(|i| &listed[i])
            .collect();
        let at = |f: &Named| {
            let b = &tree.blocks[f.block];
            (&b.text[f.range.clone()], b.source_span(f.range.clone()))
        };
        // One party missing and one other name for it: the same party, named two ways.
        if let ([l], [(f, of)]) = (absent.as_slice(), strays.as_slice()) {
            let (text, span) = at(f);
            if of.is_some() || names.share_a_name_word(&l.forms[0], &names.keys(text)) {
                out.push(
                    diag(
                        Kind::Invalid,
                        Severity::Error,
                        format!(
                            "the {what} {} the {} `{text}`, the front matter `{}`",
                            if is_preamble { "names" } else { "name" },
                            l.role,
                            l.name.value
                        ),
                    )
                    .with_span(span)
                    .with_label(format!("the front matter calls this party `{}`", l.name.value))
                    .with_secondary(l.name.span, "the front matter's name")
                    .with_help("use the party's one legal name in the front matter, the preamble and the signature blocks (case, punctuation, \"the\", \"Inc.\", \"LLC\" and \"County of X\" for \"X County\" do not matter)")
                    .with_note(note),
                );
                continue;
            }
        }
        for l in absent {
            out.push(
                diag(
                    Kind::Missing,
                    Severity::Error,
                    format!(
                        "the {} `{}` named in the front matter is not named in the {what}",
                        l.role, l.name.value
                    ),
                )
                .with_span(l.name.span)
                .with_label(format!("not in the {what}"))
                .with_secondary(
                    Span::new(tree.blocks[region.start].span.offset, 0),
                    if is_preamble {
                        "the preamble starts here"
                    } else {
                        "the signature blocks start here"
                    },
                )
                .with_help(if is_preamble {
                    format!("name `{}` as a party in the opening paragraph, exactly as in the front matter, or correct the front matter", l.name.value)
                } else {
                    format!("add a signature block for `{}`, or correct the front matter", l.name.value)
                })
                .with_note(note),
            );
        }
        // A name that is a form of an absent party is reported with it.
        for (f, _) in strays.iter().filter(|(_, of)| of.is_none()) {
            let (text, span) = at(f);
            out.push(
                diag(
                    Kind::Missing,
                    Severity::Warning,
                    format!("`{text}` is named as a party in the {what} but not in the front matter"),
                )
                .advisory()
                .with_span(span)
                .with_label("a party the front matter does not list")
                .with_help("list it in the front matter (`mcps:` for another plan, `subcontractors:` for a Knox-Keene subcontractor, `other_party.name` for the third party), or correct the name so that it matches")
                .with_note("the front matter says who the MOU binds; moulint checks and tracks the MOU for the parties listed there"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_labels_end_where_the_regex_says() {
        let re = Regex::new(r"^(?:[A-Z][\w-]*\s?){1,3}:\s*").unwrap();
        for head in [
            "Contractor: Acme",
            "Plan Name:  Acme",
            "MCP-Plan Name Here: x",
            "One Two Three Four: x",
            "Name :\u{a0}x",
            "Name  : x",
            " Name: x",
            "name: x",
            "Ñame: x",
            "Nombre Légal: x",
            ": x",
            "Name",
            "By: ",
        ] {
            assert_eq!(
                role_label_end(head),
                re.find(head).map(|m| m.end()),
                "{head:?}"
            );
        }
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
        let t = " and the Alpine County Health and Human Services Agency ";
        let r = clean_name(t, 0).unwrap();
        assert_eq!(&t[r], "the Alpine County Health and Human Services Agency");
        let t = " a county agency and Alpine County ";
        let r = clean_name(t, 0).unwrap();
        assert_eq!(&t[r], "Alpine County");
    }
}
