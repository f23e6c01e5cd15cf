//! Which part of the draft holds each reference provision.
//!
//! Every reference provision and every draft block is reduced to word
//! trigrams (see [`super::normalize::shingles`]); one hash lookup per draft
//! trigram says which reference provisions share it. A candidate unit for a
//! provision is a draft section (any depth) or a run of consecutive blocks
//! that mostly hold that provision's words; its score is the Dice overlap of
//! trigrams, plus a bonus when the section's title is the provision's. The
//! work is one pass over the draft's words plus one cell per (provision,
//! section) pair: quadratic only between provisions and sections, never
//! between the two documents' words.
//!
//! Units are then taken best score first (a unit serves one provision;
//! units nest but never partly overlap), and the order is checked by a
//! longest increasing subsequence over the matched provisions in template
//! order: provisions outside it are `moved`.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::normalize::{SlotValues, Tokens};
use super::Reference;
use crate::tree::Tree;

/// Score at or above which a unit is taken.
const ACCEPT: f32 = 0.4;
/// Added to a section whose title is the provision's title.
const TITLE_BONUS: f32 = 0.3;
/// Prefers a section to the bare run of blocks inside it.
const SECTION_BONUS: f32 = 0.05;
/// Dice overlap at which a match counts as following the template's words.
pub const FOLLOWS: f32 = 0.5;

/// Where one reference provision sits in the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Draft blocks (a section's blocks, or a run of blocks).
    pub blocks: Range<usize>,
    /// The draft section, when the unit is one.
    pub section: Option<usize>,
    /// Trigram overlap, 0 to 1.
    pub dice: f32,
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Per reference provision.
    pub matches: Vec<Option<Match>>,
    /// Per draft block: the provision whose unit is the innermost holding it.
    pub owner: Vec<Option<usize>>,
    /// Per draft block: the bucket holding most of its words, if one does (a
    /// provision index, or the provision count for untagged template text).
    pub dominant: Vec<Option<u32>>,
    /// Per reference provision: matched, but out of template order.
    pub moved: Vec<bool>,
    /// Share of mandatory provisions matched with overlap >= [`FOLLOWS`].
    pub coverage: f32,
}

struct Cand {
    score: f32,
    dice: f32,
    p: usize,
    blocks: Range<usize>,
    section: Option<usize>,
}

/// Aligns a draft (its tree and tokens) with a reference, reading the
/// front matter's names as their slots (`values`). `title_keys[p]` holds
/// the normalized titles provision `p` is known by.
pub fn align(
    r: &Reference,
    tree: &Tree,
    tokens: &Tokens,
    values: &SlotValues,
    title_keys: &[Vec<String>],
) -> Alignment {
    let n = r.provisions.len();
    let untagged = n as u32;
    let nb = tree.blocks.len();

    // Per block: its trigram count and sparse hits per bucket.
    let mut size = vec![0u32; nb];
    let mut hits: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nb];
    let mut keys = Vec::new();
    for b in 0..nb {
        keys.clear();
        values.shingles(tokens.of_block(b), &mut keys);
        size[b] = keys.len() as u32;
        let h = &mut hits[b];
        for k in &keys {
            if let Some(buckets) = r.index.get(k) {
                for &q in buckets {
                    match h.iter_mut().find(|(x, _)| *x == q) {
                        Some(e) => e.1 += 1,
                        None => h.push((q, 1)),
                    }
                }
            }
        }
    }
    // The bucket that holds most of a block's words, if any does.
    let dominant: Vec<Option<u32>> = (0..nb)
        .map(|b| {
            hits[b]
                .iter()
                .filter(|(_, c)| 2 * c >= size[b] && size[b] > 0)
                .max_by_key(|(q, c)| (*c, std::cmp::Reverse(*q)))
                .map(|(q, _)| *q)
        })
        .collect();

    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::default();
    for (p, keys) in title_keys.iter().enumerate() {
        for k in keys {
            if !k.is_empty() {
                by_title.entry(k.as_str()).or_default().push(p);
            }
        }
    }

    let psize: Vec<u32> = r.provisions.iter().map(|p| p.shingles).collect();
    let dice = |h: u32, ps: u32, us: u32| -> f32 {
        if ps + us == 0 {
            return 0.0;
        }
        2.0 * h.min(ps).min(us) as f32 / (ps + us) as f32
    };

    let mut cands: Vec<Cand> = Vec::new();
    let mut section_of_range: HashMap<(usize, usize), usize> = HashMap::default();
    // Section candidates.
    let mut sum = vec![0u32; n + 1];
    let mut dom = vec![0u32; n + 1];
    for (si, s) in tree.sections.iter().enumerate().skip(1) {
        if s.blocks.is_empty() {
            continue;
        }
        section_of_range
            .entry((s.blocks.start, s.blocks.end))
            .or_insert(si);
        let mut total = 0u32;
        let mut dom_total = 0u32;
        let mut touched: Vec<usize> = Vec::new();
        for b in s.blocks.clone() {
            total += size[b];
            for &(q, c) in &hits[b] {
                if sum[q as usize] == 0 && dom[q as usize] == 0 {
                    touched.push(q as usize);
                }
                sum[q as usize] += c;
            }
            if let Some(q) = dominant[b].filter(|&q| q != untagged) {
                if sum[q as usize] == 0 && dom[q as usize] == 0 {
                    touched.push(q as usize);
                }
                dom[q as usize] += size[b];
                dom_total += size[b];
            }
        }
        let titled = by_title.get(s.title_key.as_str());
        let mut consider: Vec<usize> = touched.iter().copied().filter(|&q| q < n).collect();
        if let Some(ps) = titled {
            consider.extend(ps.iter().copied());
        }
        consider.sort_unstable();
        consider.dedup();
        for p in consider {
            // Blocks that are mostly another provision's words do not count
            // against this one: a parent article holds its children.
            let own = total - dom_total + dom[p];
            let d = dice(sum[p], psize[p], own);
            let bonus = if titled.is_some_and(|ps| ps.contains(&p)) {
                TITLE_BONUS
            } else {
                0.0
            };
            let score = d + bonus + SECTION_BONUS;
            if score >= ACCEPT {
                cands.push(Cand {
                    score,
                    dice: d,
                    p,
                    blocks: s.blocks.clone(),
                    section: Some(si),
                });
            }
        }
        for q in touched {
            sum[q] = 0;
            dom[q] = 0;
        }
    }

    // Run candidates: the best run of blocks mostly holding a provision's
    // words (for provisions the draft did not give a section of their own).
    let mut run: Vec<Option<(usize, usize, u32, u32)>> = vec![None; n]; // start, last, hits, size
    let mut best: Vec<Option<(usize, usize, u32, u32)>> = vec![None; n];
    let mut prev_nonzero: Option<usize> = None;
    let close = |best: &mut Vec<Option<(usize, usize, u32, u32)>>,
                 p: usize,
                 r: (usize, usize, u32, u32)| {
        if best[p].is_none_or(|b| r.2 > b.2) {
            best[p] = Some(r);
        }
    };
    for b in 0..nb {
        if size[b] == 0 {
            continue;
        }
        for &(q, c) in &hits[b] {
            let p = q as usize;
            if p >= n || 2 * c < size[b] {
                continue;
            }
            match run[p] {
                Some((s, last, h, z)) if Some(last) == prev_nonzero => {
                    run[p] = Some((s, b, h + c, z + size[b]));
                }
                other => {
                    if let Some(r) = other {
                        close(&mut best, p, r);
                    }
                    run[p] = Some((b, b, c, size[b]));
                }
            }
        }
        prev_nonzero = Some(b);
    }
    for p in 0..n {
        if let Some(r) = run[p] {
            close(&mut best, p, r);
        }
        let Some((start, last, h, z)) = best[p] else {
            continue;
        };
        let range = (start, last + 1);
        if section_of_range.contains_key(&range) {
            continue;
        }
        let d = dice(h, psize[p], z);
        if d >= ACCEPT {
            cands.push(Cand {
                score: d,
                dice: d,
                p,
                blocks: start..last + 1,
                section: None,
            });
        }
    }

    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.blocks.len().cmp(&b.blocks.len()))
            .then(a.p.cmp(&b.p))
            .then(a.blocks.start.cmp(&b.blocks.start))
    });
    let mut matches: Vec<Option<Match>> = vec![None; n];
    let mut taken: Vec<Range<usize>> = Vec::new();
    for c in cands {
        if matches[c.p].is_some() {
            continue;
        }
        let conflict = taken.iter().any(|t| {
            let overlap = t.start < c.blocks.end && c.blocks.start < t.end;
            let nested = (t.start <= c.blocks.start && c.blocks.end <= t.end)
                || (c.blocks.start <= t.start && t.end <= c.blocks.end);
            *t == c.blocks || (overlap && !nested)
        });
        if conflict {
            continue;
        }
        taken.push(c.blocks.clone());
        matches[c.p] = Some(Match {
            blocks: c.blocks,
            section: c.section,
            dice: c.dice,
        });
    }

    // Innermost unit owns each block.
    let mut owner: Vec<Option<usize>> = vec![None; nb];
    let mut order: Vec<usize> = (0..n).filter(|&p| matches[p].is_some()).collect();
    order.sort_by_key(|&p| std::cmp::Reverse(matches[p].as_ref().map_or(0, |m| m.blocks.len())));
    for p in order {
        if let Some(m) = &matches[p] {
            for b in m.blocks.clone() {
                owner[b] = Some(p);
            }
        }
    }

    let moved = out_of_order(&matches);
    let mandatory = r.provisions.iter().filter(|p| !p.optional).count();
    let good = r
        .provisions
        .iter()
        .zip(&matches)
        .filter(|(p, m)| !p.optional && m.as_ref().is_some_and(|m| m.dice >= FOLLOWS))
        .count();
    let coverage = if mandatory == 0 {
        1.0
    } else {
        good as f32 / mandatory as f32
    };
    Alignment {
        matches,
        owner,
        dominant,
        moved,
        coverage,
    }
}

/// Matched provisions not on the longest run in template order.
fn out_of_order(matches: &[Option<Match>]) -> Vec<bool> {
    let seq: Vec<(usize, usize)> = matches
        .iter()
        .enumerate()
        .filter_map(|(p, m)| m.as_ref().map(|m| (p, m.blocks.start)))
        .collect();
    // Longest non-decreasing subsequence of start blocks (patience).
    let mut tails: Vec<usize> = Vec::new(); // index into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let key = seq[i].1;
        let pos = tails.partition_point(|&t| seq[t].1 <= key);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    let mut moved = vec![false; matches.len()];
    for (i, (p, _)) in seq.iter().enumerate() {
        moved[*p] = !keep[i];
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize) -> Option<Match> {
        Some(Match {
            blocks: start..start + 1,
            section: None,
            dice: 1.0,
        })
    }

    #[test]
    fn one_swapped_provision_is_moved() {
        let moved = out_of_order(&[m(0), m(10), m(5), None, m(20)]);
        assert_eq!(moved, vec![false, true, false, false, false]);
        let moved = out_of_order(&[m(0), m(5), m(10)]);
        assert!(moved.iter().all(|x| !x));
    }
}
