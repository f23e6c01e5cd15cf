//! Where each provision the draft's templates require is, found once per
//! document: by its section title, else as the smallest section holding
//! all its elements, else where the word comparison aligned it. Every
//! element's matches are kept, so the provisions check, `doc.altered`, the
//! redline report and `template import` read one result.

use crate::catalog::{Element, Provision, Required};
use crate::clause::matching::{self, Weakness};
use crate::clause::Clauses;
use crate::compare::Comparison;
use crate::text::parse_number;
use crate::tree::Tree;

/// How a provision was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// A section titled for it (title, a variant or a title pattern).
    Title,
    /// The smallest section holding every one of its elements.
    Elements,
    /// The section the word comparison aligned with its template text.
    Alignment,
}

/// One required provision, located.
#[derive(Debug, Clone)]
pub struct Located {
    /// The section holding it, if found.
    pub section: Option<usize>,
    pub by: Option<FoundBy>,
    /// Every element's matches anywhere in the draft, in element order.
    pub hits: Vec<Vec<Hit>>,
    /// Every element's weakened statements (negated, optional, excepted or
    /// binding the wrong party), in element order.
    pub weak: Vec<Vec<Weak>>,
}

/// A sentence that has an element's words but not its force.
#[derive(Debug, Clone)]
pub struct Weak {
    pub block: usize,
    pub weakness: Weakness,
    /// The words that weaken it: block and bytes in its text.
    pub words: (usize, std::ops::Range<usize>),
}

/// Locates every required provision. `compared` is the word comparison,
/// when the draft was compared with reference text: it places a provision
/// whose title and elements the draft does not show.
pub fn locate(
    tree: &Tree,
    clauses: &Clauses,
    statements: &[bool],
    required: &[Required],
    compared: Option<&Comparison>,
) -> Vec<Located> {
    let by_title = match_titles(tree, required);
    let container = containers(tree, &by_title);
    required
        .iter()
        .zip(by_title)
        .map(|(r, title)| {
            let (hits, weak) = provision_hits(tree, clauses, statements, r.provision);
            let core = r
                .provision
                .elements
                .iter()
                .zip(&hits)
                .find(|(e, _)| e.def.anchor)
                .and_then(|(_, hs)| hs.first());
            let (section, by) = match title {
                Some(s) => (Some(s), Some(FoundBy::Title)),
                // Without a section of its own, a provision is where its
                // core duty is stated, when the rest of it is stated too;
                // otherwise the core is a fragment (see the provisions check).
                None if core.is_some() && hits.iter().all(|h| !h.is_empty()) => {
                    let b = core.expect("checked").block;
                    (Some(tree.blocks[b].section), Some(FoundBy::Elements))
                }
                None => match by_elements(tree, &hits, &container) {
                    Some(s) => (Some(s), Some(FoundBy::Elements)),
                    None => {
                        match compared.and_then(|c| c.aligned_section(r.provision.id(), tree)) {
                            Some(s) => (Some(s), Some(FoundBy::Alignment)),
                            None => (None, None),
                        }
                    }
                },
            };
            Located {
                section,
                by,
                hits,
                weak,
            }
        })
        .collect()
}

/// One element match: block, byte range in its text, and the bounded number.
#[derive(Debug, Clone)]
pub struct Hit {
    pub block: usize,
    pub range: std::ops::Range<usize>,
    pub number: Option<(u32, std::ops::Range<usize>)>,
}

/// Every element's matches in the whole tree: sound statements, and
/// weakened ones. `statements` says which blocks may state a duty (not
/// the preamble's or the recitals').
fn provision_hits(
    tree: &Tree,
    clauses: &Clauses,
    statements: &[bool],
    p: &Provision,
) -> (Vec<Vec<Hit>>, Vec<Vec<Weak>>) {
    let mut all = Vec::new();
    let mut all_weak = Vec::new();
    for e in &p.elements {
        if e.concepts.is_empty() {
            // A citation in a sentence that excepts or denies its duty
            // ("may, if they both choose, use the process in APL 21-013")
            // is weakened there.
            let (mut sound, mut weak) = (Vec::new(), Vec::new());
            for h in hits(tree, e) {
                match matching::weakened_at(clauses, h.block, h.range.start) {
                    Some((weakness, b, r)) if statements[h.block] => weak.push(Weak {
                        block: h.block,
                        weakness,
                        words: (b, r),
                    }),
                    _ => sound.push(h),
                }
            }
            all.push(sound);
            all_weak.push(weak);
            continue;
        }
        let mut sound = Vec::new();
        let mut weak = Vec::new();
        for m in matching::matches(clauses, e) {
            if !statements[m.block] {
                continue;
            }
            match m.weakness {
                // Another party's duty: the element is simply not stated
                // (the County designating its Responsible Person says
                // nothing of the MCP's).
                Some((Weakness::WrongParty(_), ..)) => {}
                None => sound.push(Hit {
                    block: m.block,
                    range: m.range,
                    number: m.number,
                }),
                Some((weakness, b, r)) => weak.push(Weak {
                    block: m.block,
                    weakness,
                    words: (b, r),
                }),
            }
        }
        // A statement that contradicts the element ("a redetermination
        // every three years") alters it, however soundly it is named
        // elsewhere ("Members whose redeterminations are due").
        if weak.iter().any(|w| w.weakness == Weakness::Contradicted) {
            sound.clear();
            weak.retain(|w| w.weakness == Weakness::Contradicted);
        }
        // Named across the items of one list, it is stated there.
        if sound.is_empty() && weak.is_empty() {
            sound.extend(
                matching::spread(clauses, e)
                    .into_iter()
                    .filter(|m| statements[m.block])
                    .map(|m| Hit {
                        block: m.block,
                        range: m.range,
                        number: m.number,
                    }),
            );
        }
        all.push(sound);
        all_weak.push(weak);
    }
    (all, all_weak)
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

pub fn in_blocks<'h>(
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
    // Most titles are shorter than the phrase: no searcher is built then.
    if needle.is_empty() || needle.len() >= hay.len() {
        return false;
    }
    // At each word start: a title is a few words, and comparing bytes
    // there costs less than building a substring searcher per title.
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len() - n.len()).any(|i| {
        let end = i + n.len();
        (i == 0 || h[i - 1] == b' ')
            && h[i] == n[0]
            && &h[i..end] == n
            && (end == h.len() || h[end] == b' ')
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
