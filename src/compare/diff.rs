//! The word diff inside one matched provision, and what each change means.
//!
//! Words are diffed with the Myers algorithm of the `similar` crate on
//! interned ids (only the words of one provision and its draft unit, so the
//! cost is bounded by the provision, not the document). Each run of
//! changes (a hunk) is then classified:
//!
//! - a slot in the template replaced by draft words: a fill, not a change;
//! - template words deleted or replaced: `Changed` (mandatory text altered);
//! - draft words inserted as whole sentences between template sentences:
//!   `Added` (local language, allowed when it does not conflict);
//! - words inserted inside a template sentence: `Changed`;
//! - changes confined to a title: `Title`.
//!
//! A change that turns `shall`/`must` into `may`/`should`/`is encouraged
//! to` is flagged as a weakening; it is always a change.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::normalize::Token;
use crate::tree::Tree;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// The same words.
    Equal,
    /// Template slots filled with the draft's words.
    Slot,
    /// Template words deleted, replaced, or words inserted inside a sentence.
    Changed,
    /// Whole sentences the template does not have.
    Added,
    /// A change confined to a section title.
    Title,
}

/// One stretch of the diff: `old` indexes the template tokens, `new` the
/// draft tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    pub kind: OpKind,
    pub old: Range<usize>,
    pub new: Range<usize>,
    /// The obligation word this change weakens (`shall`, `must`), if any.
    pub weakens: Option<String>,
}

const STRONG: &[&str] = &["shall", "must", "will", "required", "agrees", "agree"];
const WEAK: &[&str] = &[
    "may",
    "should",
    "encouraged",
    "can",
    "could",
    "might",
    "endeavor",
    "endeavour",
    "endeavors",
    "strive",
    "strives",
    "attempt",
    "attempts",
    "consider",
    "considers",
    "optionally",
    "reasonable",
    "feasible",
    "discretion",
];

/// The word a token stands for, lowercased, in its tree.
pub fn word(tree: &Tree, t: &Token) -> String {
    tree.blocks[t.block].text[t.range()].to_lowercase()
}

/// Diffs template tokens (`old`, in `reference`) with draft tokens (`new`,
/// in `draft`).
pub fn diff(old: &[Token], reference: &Tree, new: &[Token], draft: &Tree) -> Vec<Op> {
    let a: Vec<u32> = old.iter().map(|t| t.id).collect();
    let b: Vec<u32> = new.iter().map(|t| t.id).collect();
    let raw = capture_diff_slices(Algorithm::Myers, &a, &b);
    // Merge adjacent changes into hunks.
    let mut segs: Vec<(bool, Range<usize>, Range<usize>)> = Vec::new();
    for op in raw {
        let (tag, o, n) = op.as_tag_tuple();
        let equal = tag == DiffTag::Equal;
        match segs.last_mut() {
            Some((false, lo, ln)) if !equal => {
                lo.end = o.end;
                ln.end = n.end;
            }
            _ => segs.push((equal, o, n)),
        }
    }
    segs.into_iter()
        .map(|(equal, o, n)| {
            if equal {
                return Op {
                    kind: OpKind::Equal,
                    old: o,
                    new: n,
                    weakens: None,
                };
            }
            classify(old, reference, new, draft, o, n)
        })
        .collect()
}

fn classify(
    old: &[Token],
    reference: &Tree,
    new: &[Token],
    draft: &Tree,
    o: Range<usize>,
    n: Range<usize>,
) -> Op {
    let op = |kind, weakens| Op {
        kind,
        old: o.clone(),
        new: n.clone(),
        weakens,
    };
    let ot = &old[o.clone()];
    let nt = &new[n.clone()];
    if !ot.is_empty() && ot.iter().any(|t| t.slot) && fills(ot, nt) {
        return op(OpKind::Slot, None);
    }
    if ot.is_empty() {
        if sentence_boundary_before(new, n.start, draft)
            && sentence_boundary_after(new, n.end, draft)
        {
            return op(OpKind::Added, None);
        }
        return op(OpKind::Changed, weakening(&[], nt, reference, draft));
    }
    if ot.iter().all(|t| t.title) && nt.iter().all(|t| t.title) {
        return op(OpKind::Title, None);
    }
    op(OpKind::Changed, weakening(ot, nt, reference, draft))
}

/// Can the draft words `nt` be the template words `ot` with each slot
/// filled by one or more words?
fn fills(ot: &[Token], nt: &[Token]) -> bool {
    if nt.is_empty() || ot.len() * nt.len() > 200_000 {
        return false;
    }
    // ok[i][j]: ot[..i] matches nt[..j].
    let w = nt.len() + 1;
    let mut ok = vec![false; (ot.len() + 1) * w];
    ok[0] = true;
    for i in 1..=ot.len() {
        let t = &ot[i - 1];
        for j in 1..=nt.len() {
            ok[i * w + j] = if t.slot {
                // The slot takes nt[j-1], alone or after more of its fill.
                ok[(i - 1) * w + j - 1] || ok[i * w + j - 1]
            } else {
                ok[(i - 1) * w + j - 1] && t.id == nt[j - 1].id
            };
        }
    }
    ok[ot.len() * w + nt.len()]
}

/// Do the draft tokens before `at` end a sentence (or is `at` the start of
/// a block)?
fn sentence_boundary_before(new: &[Token], at: usize, draft: &Tree) -> bool {
    if at == 0 || at >= new.len() {
        return true;
    }
    let (p, t) = (&new[at - 1], &new[at]);
    p.block != t.block || ends_sentence(&draft.blocks[t.block].text[p.end..t.start])
}

fn sentence_boundary_after(new: &[Token], at: usize, draft: &Tree) -> bool {
    if at == 0 || at >= new.len() {
        return true;
    }
    let (p, t) = (&new[at - 1], &new[at]);
    p.block != t.block || ends_sentence(&draft.blocks[t.block].text[p.end..t.start])
}

fn ends_sentence(between: &str) -> bool {
    between.contains(['.', ';', ':', '!', '?'])
}

/// `Some("shall")` when the template side has an obligation word and the
/// draft side a permissive one instead.
fn weakening(ot: &[Token], nt: &[Token], reference: &Tree, draft: &Tree) -> Option<String> {
    let old: Vec<String> = ot.iter().map(|t| word(reference, t)).collect();
    let new: Vec<String> = nt.iter().map(|t| word(draft, t)).collect();
    let weak = new.iter().any(|w| WEAK.contains(&w.as_str()));
    if !weak {
        return None;
    }
    let strong = old.iter().find(|w| STRONG.contains(&w.as_str()))?;
    if new.contains(strong) && !new.iter().any(|w| w == "not") {
        // "shall, where feasible," keeps the obligation word but still
        // qualifies it; only report the weakening when it is gone.
        return None;
    }
    Some(strong.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::normalize::{tokenize, DraftLexicon, Lexicon, Tokens};

    fn run(template: &str, draft: &str) -> (Vec<Op>, Tokens, Tokens) {
        let rt = Tree::parse(template, 0);
        let dt = Tree::parse(draft, 0);
        let mut lex = Lexicon::default();
        let a = tokenize(&rt, &mut lex);
        let mut dl = DraftLexicon::new(&lex);
        let b = tokenize(&dt, &mut dl);
        (diff(&a.tokens, &rt, &b.tokens, &dt), a, b)
    }

    fn kinds(ops: &[Op]) -> Vec<OpKind> {
        ops.iter().map(|o| o.kind).collect()
    }

    #[test]
    fn identical_text_is_one_equal_run() {
        let (ops, _, _) = run("The MCP shall meet.\n", "The  MCP\nshall meet.\n");
        assert_eq!(kinds(&ops), vec![OpKind::Equal]);
    }

    #[test]
    fn slots_take_any_words() {
        let (ops, _, _) = run(
            "Between [MCP Name] and [Party Name], in [County].\n",
            "Between Alpine Health Plan and Alpine County Behavioral Health, in Alpine County.\n",
        );
        assert!(
            ops.iter()
                .all(|o| matches!(o.kind, OpKind::Equal | OpKind::Slot)),
            "{ops:?}"
        );
    }

    #[test]
    fn replaced_word_is_changed_and_weakening_is_named() {
        let (ops, _, b) = run(
            "The MCP shall meet quarterly. The parties agree.\n",
            "The MCP may meet quarterly. The parties agree.\n",
        );
        let ch: Vec<&Op> = ops.iter().filter(|o| o.kind == OpKind::Changed).collect();
        assert_eq!(ch.len(), 1);
        assert_eq!(ch[0].weakens.as_deref(), Some("shall"));
        assert_eq!(ch[0].new.len(), 1);
        assert_eq!(b.tokens[ch[0].new.start].start, 8);
    }

    #[test]
    fn whole_sentences_are_added_inserts_inside_are_changes() {
        let (ops, _, _) = run(
            "The MCP shall meet. The parties agree.\n",
            "The MCP shall meet. Local words go here. The parties agree.\n",
        );
        assert_eq!(
            kinds(&ops),
            vec![OpKind::Equal, OpKind::Added, OpKind::Equal]
        );
        let (ops, _, _) = run(
            "The MCP shall meet. The parties agree.\n",
            "The MCP shall, where feasible, meet. The parties agree.\n",
        );
        assert!(ops.iter().any(|o| o.kind == OpKind::Changed));
    }
}
