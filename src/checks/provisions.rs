//! Provision checks: every provision the draft's templates require is
//! present, complete and current. The provisions themselves are data (the
//! packs in `rules/packs/`); this file is the one engine that reads them.
//!
//! A provision is found by its section title (title, variants, title
//! patterns), or else as the smallest section holding all its elements.
//! Inside the found section each element must match, and bounded numbers
//! must be within bounds. When nothing is found, an anchor element matched
//! elsewhere is a fragment (`incomplete`); otherwise the provision is
//! `missing`.

use super::{Check, CheckInfo, Context};
use crate::catalog::{Element, Provision, Required};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::frontmatter::Status;
use crate::text::parse_number;
use crate::tree::Tree;

pub const CHECK: Check = Check {
    info: CheckInfo {
        id: "provisions",
        severity: Severity::Error,
        summary:
            "every mandatory provision of the draft's templates is present, complete and current",
        doc: "\
## What it checks
For each provision the draft's templates require (see `moulint rules`),
that its section is there (by title or title variant, or as one section
holding all its elements), that the section expresses every element of the
provision (for example a deadline of at most five working days), and that
optional provisions the draft includes are current. Each provision has its
own id and documentation: `moulint explain base.dispute-resolution`.

## Why the state's review cares
APL 23-029: a draft that keeps every mandatory provision can be filed and
used; removing or modifying one forces a redline review by the state before
the MOU may be signed.

## How to fix
Add the missing provision or the missing element, following the example in
the provision's documentation.",
    },
    run,
};

/// One element match: block, byte range in its text, and the bounded number.
#[derive(Debug, Clone)]
struct Hit {
    block: usize,
    range: std::ops::Range<usize>,
    number: Option<(u32, std::ops::Range<usize>)>,
}

/// Every element's matches in the whole tree.
fn provision_hits(tree: &Tree, p: &Provision) -> Vec<Vec<Hit>> {
    p.elements.iter().map(|e| hits(tree, e)).collect()
}

/// Every match of an element's patterns, each within one block. Patterns
/// run over the tree's joined text (one search per pattern, not per block);
/// a match that runs across a block boundary is retried within its block
/// alone (so a greedy pattern cannot lose the match inside the block), and
/// the search resumes at the next block.
fn hits(tree: &Tree, el: &Element) -> Vec<Hit> {
    let hay = tree.joined_lower.as_str();
    let mut out = Vec::new();
    for re in &el.regexes {
        let mut at = 0;
        while at < hay.len() {
            let Some(c) = re.captures_at(hay, at) else {
                break;
            };
            let m = c.get(0).expect("whole match");
            let Some((bi, start)) = tree.block_at(m.start()) else {
                at = next_block(tree, m.start());
                continue;
            };
            let base = tree.block_starts[bi];
            let block_end = base + tree.blocks[bi].text.len();
            if m.end() > block_end {
                // Positions in `rest` are `start` bytes into the block.
                let rest = &hay[base + start..block_end];
                for c in re.captures_iter(rest) {
                    if c.get(0).is_some_and(|m| !m.is_empty()) {
                        out.push(hit(bi, &c, |p| p + start));
                    }
                }
                at = next_block(tree, m.start());
                continue;
            }
            if m.is_empty() {
                at = hay[m.end()..]
                    .chars()
                    .next()
                    .map_or(hay.len(), |ch| m.end() + ch.len_utf8());
                continue;
            }
            out.push(hit(bi, &c, |p| p - base));
            at = m.end();
        }
    }
    out.sort_by_key(|h| (h.block, h.range.start));
    out.dedup_by(|a, b| {
        a.block == b.block && a.range.start < b.range.end && b.range.start < a.range.end
    });
    out
}

/// A match as a [`Hit`]; `to_block` maps haystack positions into the
/// block's text.
fn hit(block: usize, c: &regex::Captures, to_block: impl Fn(usize) -> usize) -> Hit {
    let m = c.get(0).expect("whole match");
    Hit {
        block,
        range: to_block(m.start())..to_block(m.end()),
        number: c.name("n").and_then(|g| {
            parse_number(g.as_str()).map(|n| (n, to_block(g.start())..to_block(g.end())))
        }),
    }
}

/// Where the block after the one holding `at` starts in the joined text.
fn next_block(tree: &Tree, at: usize) -> usize {
    let i = tree.block_starts.partition_point(|&s| s <= at);
    tree.block_starts
        .get(i)
        .copied()
        .unwrap_or(tree.joined.len())
}

fn in_blocks<'h>(
    hits: &'h [Hit],
    blocks: &std::ops::Range<usize>,
) -> impl Iterator<Item = &'h Hit> + use<'h> {
    let end = blocks.end;
    let start = hits.partition_point(|h| h.block < blocks.start);
    hits[start..].iter().take_while(move |h| h.block < end)
}

/// How well a section title names a provision: 3 exact, 2 pattern, 1 contains.
fn title_score(p: &Provision, key: &str) -> u8 {
    if key.is_empty() {
        return 0;
    }
    if p.title_keys.iter().any(|k| k == key) {
        return 3;
    }
    if p.title_regexes.iter().any(|r| r.is_match(key)) {
        return 2;
    }
    // Containment only for phrases: a one-word title ("Term") inside a
    // longer one ("Long-Term Services") says nothing.
    if p.title_keys
        .iter()
        .any(|k| k.contains(' ') && contains_words(key, k))
    {
        return 1;
    }
    0
}

/// `needle` occurs in `hay` as whole words (both are normalized titles:
/// lowercase words separated by single spaces).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before = i == 0 || hay.as_bytes()[i - 1] == b' ';
        let end = i + needle.len();
        let after = end == hay.len() || hay.as_bytes()[end] == b' ';
        before && after
    })
}

/// Assigns sections to provisions by title, best matches first; a section
/// names at most one provision.
fn match_titles(tree: &Tree, required: &[Required]) -> Vec<Option<usize>> {
    let mut cands = Vec::new();
    for (pi, r) in required.iter().enumerate() {
        for (si, s) in tree.sections.iter().enumerate().skip(1) {
            let score = title_score(r.provision, &s.title_key);
            if score > 0 {
                cands.push((std::cmp::Reverse(score), si, pi));
            }
        }
    }
    cands.sort();
    let mut by_prov = vec![None; required.len()];
    let mut taken = vec![false; tree.sections.len()];
    for (_, si, pi) in cands {
        if by_prov[pi].is_none() && !taken[si] {
            by_prov[pi] = Some(si);
            taken[si] = true;
        }
    }
    by_prov
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let tree = &ctx.doc.tree;
    let executed = ctx
        .doc
        .front
        .as_ref()
        .and_then(|f| f.status.as_ref())
        .is_some_and(|s| s.value == Status::Executed);
    let by_title = match_titles(tree, &ctx.required);
    let container = containers(tree, &by_title);
    for (pi, req) in ctx.required.iter().enumerate() {
        let p = req.provision;
        let all_hits = provision_hits(tree, p);
        let found = by_title[pi]
            .or_else(|| by_elements(tree, &all_hits, &container))
            .or_else(|| ctx.aligned_section(p.id()));
        let base = |kind: Kind, severity: Severity, msg: String| {
            Diagnostic::new(p.id(), kind, severity, msg)
                .with_provision(p.id())
                .with_templates(req.templates.clone())
        };
        let note = if p.def.mandatory && p.severity != Severity::Error {
            format!("reported as a {}: this requirement is not confirmed as mandatory, so it does not decide the verdict ({})", p.severity.as_str(), p.citation)
        } else if p.def.mandatory {
            format!("removing or changing a mandatory provision forces a redline review by DHCS before the MOU may be signed ({})", p.citation)
        } else {
            format!(
                "optional provision; when included it must follow the current template ({})",
                p.citation
            )
        };
        match found {
            Some(si) => {
                let s = &tree.sections[si];
                let name = tree.describe(si);
                for (el, hs) in p.elements.iter().zip(&all_hits) {
                    let inside: Vec<&Hit> = in_blocks(hs, &s.blocks).collect();
                    if inside.is_empty() {
                        out.push(
                            base(
                                Kind::Incomplete,
                                p.severity,
                                format!(
                                    "{} ({name}) does not state {}",
                                    p.def.title, el.def.description
                                ),
                            )
                            .with_span(s.title_span)
                            .with_element(&el.def.id)
                            .with_label(format!("this section lacks: {}", el.def.description))
                            .with_help(p.def.help.trim().to_string())
                            .with_note(note.clone()),
                        );
                        continue;
                    }
                    bounds(tree, p, el, &inside, &base, &note, out);
                }
                outdated(tree, p, &s.blocks, executed, &base, out);
            }
            None => {
                outdated(tree, p, &(0..tree.blocks.len()), executed, &base, out);
                if !p.def.mandatory {
                    continue;
                }
                let fragments: Vec<&Hit> = p
                    .elements
                    .iter()
                    .zip(&all_hits)
                    .filter(|(e, _)| e.def.anchor)
                    .flat_map(|(_, hs)| hs.iter())
                    .collect();
                if let Some(first) = fragments.first() {
                    let b = &tree.blocks[first.block];
                    let where_ = tree.describe(b.section);
                    let mut d = base(
                        Kind::Incomplete,
                        p.severity,
                        format!(
                            "no {} provision: only a fragment of it was found, in {where_}",
                            p.def.title
                        ),
                    )
                    .with_span(b.source_span(first.range.clone()))
                    .with_label(format!("a fragment of {}, not the provision", p.def.title))
                    .with_help(format!(
                        "add a section titled {} that states all of it. {}",
                        p.def.title,
                        p.def.help.trim()
                    ))
                    .with_note(note.clone());
                    for h in fragments.iter().skip(1).take(3) {
                        d = d.with_secondary(
                            tree.blocks[h.block].source_span(h.range.clone()),
                            "another fragment",
                        );
                    }
                    out.push(d);
                } else {
                    out.push(
                        base(
                            Kind::Missing,
                            p.severity,
                            format!("mandatory provision {} is missing", p.def.title),
                        )
                        .with_help(format!(
                            "add a section titled {}. {}",
                            p.def.title,
                            p.def.help.trim()
                        ))
                        .with_note(note.clone()),
                    );
                }
            }
        }
    }
}

/// Where each required provision is, by title and else by its elements:
/// the search [`run`] makes, for other checks (`doc.altered` asks it about
/// provisions the word comparison did not find).
pub fn locate(tree: &Tree, required: &[Required]) -> Vec<Option<usize>> {
    let by_title = match_titles(tree, required);
    let container = containers(tree, &by_title);
    required
        .iter()
        .zip(by_title)
        .map(|(r, t)| {
            t.or_else(|| {
                let all: Vec<Vec<Hit>> = provision_hits(tree, r.provision);
                by_elements(tree, &all, &container)
            })
        })
        .collect()
}

/// Sections holding another provision's titled section: containers (the
/// document title, an article of articles), never one provision themselves.
/// One other provision inside is allowed (an article may hold a clause
/// titled for another provision); two or more make a container.
fn containers(tree: &Tree, by_title: &[Option<usize>]) -> Vec<bool> {
    let mut inside = vec![0usize; tree.sections.len()];
    for &si in by_title.iter().flatten() {
        let mut cur = tree.sections[si].parent;
        while let Some(p) = cur {
            inside[p] += 1;
            cur = tree.sections[p].parent;
        }
    }
    let mut container: Vec<bool> = inside.iter().map(|&n| n >= 2).collect();
    container[0] = true;
    container
}

/// The smallest section (not a container) holding every element.
fn by_elements(tree: &Tree, all_hits: &[Vec<Hit>], container: &[bool]) -> Option<usize> {
    if all_hits.is_empty() || all_hits.iter().any(|h| h.is_empty()) {
        return None;
    }
    tree.sections
        .iter()
        .enumerate()
        .filter(|(i, _)| !container[*i])
        .filter(|(_, s)| {
            all_hits
                .iter()
                .all(|hs| in_blocks(hs, &s.blocks).next().is_some())
        })
        .min_by_key(|(_, s)| s.span.length)
        .map(|(i, _)| i)
}

fn bounds(
    tree: &Tree,
    p: &Provision,
    el: &Element,
    inside: &[&Hit],
    base: &dyn Fn(Kind, Severity, String) -> Diagnostic,
    note: &str,
    out: &mut Vec<Diagnostic>,
) {
    if el.def.min.is_none() && el.def.max.is_none() {
        return;
    }
    let within = |n: u32| el.def.min.is_none_or(|m| n >= m) && el.def.max.is_none_or(|m| n <= m);
    // One in-bounds statement satisfies the element; report the others only
    // when none is in bounds.
    if inside
        .iter()
        .any(|h| h.number.as_ref().is_some_and(|(n, _)| within(*n)))
    {
        return;
    }
    for h in inside {
        let Some((n, r)) = &h.number else { continue };
        let b = &tree.blocks[h.block];
        let limit = match (el.def.min, el.def.max) {
            (Some(lo), Some(hi)) => format!("between {lo} and {hi}"),
            (None, Some(hi)) => format!("at most {hi}"),
            (Some(lo), None) => format!("at least {lo}"),
            (None, None) => unreachable!("checked above"),
        };
        out.push(
            base(
                Kind::Incomplete,
                p.severity,
                format!(
                    "{}: {} must be {limit}, the draft says {n}",
                    p.def.title, el.def.description
                ),
            )
            .with_span(b.source_span(r.clone()))
            .with_element(&el.def.id)
            .with_label(format!("must be {limit}"))
            .with_help(p.def.help.trim().to_string())
            .with_note(note.to_string()),
        );
    }
}

fn outdated(
    tree: &Tree,
    p: &Provision,
    blocks: &std::ops::Range<usize>,
    executed: bool,
    base: &dyn Fn(Kind, Severity, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (regexes, message) in &p.outdated {
        for b in &tree.blocks[blocks.clone()] {
            let Some(m) = regexes.iter().find_map(|r| r.find(&b.text)) else {
                continue;
            };
            // An MOU executed before the change needs no amendment.
            let severity = if executed {
                Severity::Info
            } else {
                Severity::Warning
            };
            out.push(
                base(
                    Kind::Outdated,
                    severity,
                    format!("{} uses out-of-date wording", p.def.title),
                )
                .with_span(b.source_span(m.range()))
                .with_label("out-of-date wording")
                .with_help(message.trim().to_string())
                .with_note(
                    "a draft not yet executed must follow the current version of the template",
                ),
            );
        }
    }
}
