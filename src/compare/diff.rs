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

use crate::catalog::vocab::Modality;
use std::ops::Range;

use crate::variation::Variation;
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

/// The word a token stands for, lowercased, in its tree.
fn word(tree: &Tree, t: &Token) -> String {
    tree.blocks[t.block].text[t.range()].to_lowercase()
}

/// Diffs template tokens (`old`, in `reference`) with draft tokens (`new`,
/// in `draft`).
/// `modality` says which words make a duty and which soften it.
pub fn diff(
    old: &[Token],
    reference: &Tree,
    new: &[Token],
    draft: &Tree,
    modality: &Modality,
) -> Vec<Op> {
    let sides = Sides {
        old,
        reference,
        new,
        draft,
        modality,
    };
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
    let segs = join_around_slots(segs, old);
    let mut ops = Vec::with_capacity(segs.len());
    for (equal, o, n) in segs {
        if !equal {
            sides.hunk(o, n, &mut ops);
            continue;
        }
        // A slot the draft left bracketed is still a slot (the report
        // shows the draft's text there, as for a fill).
        let mut a = o.start;
        while a < o.end {
            let slot = old[a].slot;
            let mut b = a + 1;
            while b < o.end && !slot && !old[b].slot {
                b += 1;
            }
            let (na, nb) = (n.start + (a - o.start), n.start + (b - o.start));
            let kind = if slot { OpKind::Slot } else { OpKind::Equal };
            push(&mut ops, Op::new(kind, a..b, na..nb));
            a = b;
        }
    }
    sides.refuse_unpermitted(&mut ops);
    ops
}

/// Joins two hunks separated by a few equal words when either holds a
/// template slot: the diff may have matched a word of the fill ("takes
/// effect on the date of the last signature") with a word after the slot
/// ("[Effective Date] (the ..."), leaving the slot empty and the fill an
/// insertion. Aligned again as one hunk, the slot takes the fill.
fn join_around_slots(
    segs: Vec<(bool, Range<usize>, Range<usize>)>,
    old: &[Token],
) -> Vec<(bool, Range<usize>, Range<usize>)> {
    const FEW: usize = 3;
    let has_slot = |r: &Range<usize>| old[r.clone()].iter().any(|t| t.slot);
    let mut out: Vec<(bool, Range<usize>, Range<usize>)> = Vec::with_capacity(segs.len());
    for seg in segs {
        let n = out.len();
        if !seg.0 && n >= 2 {
            let (gap, before) = (&out[n - 1], &out[n - 2]);
            if gap.0 && !before.0 && gap.1.len() <= FEW && (has_slot(&before.1) || has_slot(&seg.1))
            {
                out.pop();
                let before = out.last_mut().expect("two segments");
                before.1.end = seg.1.end;
                before.2.end = seg.2.end;
                continue;
            }
        }
        out.push(seg);
    }
    out
}

/// Two words that differ only by agreeing with a slot's fill: "County" and
/// "Counties" after `[County]` filled with two counties, "is" and "are"
/// after `[MCP Name]` filled with two plans.
fn agrees(template: &str, draft: &str) -> bool {
    const PAIRS: &[(&str, &str)] = &[
        ("is", "are"),
        ("has", "have"),
        ("was", "were"),
        ("does", "do"),
        ("its", "their"),
        ("it", "they"),
    ];
    let plural = |one: &str, many: &str| {
        many.strip_suffix('s').is_some_and(|m| m == one)
            || many.strip_suffix("es").is_some_and(|m| m == one)
            || (one.ends_with('y') && many.strip_suffix("ies") == Some(&one[..one.len() - 1]))
    };
    template == draft
        || plural(template, draft)
        || plural(draft, template)
        || PAIRS
            .iter()
            .any(|&(a, b)| (a, b) == (template, draft) || (b, a) == (template, draft))
}

impl Op {
    fn new(kind: OpKind, old: Range<usize>, new: Range<usize>) -> Op {
        Op {
            kind,
            old,
            new,
            weakens: None,
        }
    }
}

/// Appends `op`, joining it to an equal run before it; an empty op is
/// dropped.
fn push(ops: &mut Vec<Op>, op: Op) {
    if op.old.is_empty() && op.new.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if op.kind == OpKind::Equal && last.kind == OpKind::Equal => {
            last.old.end = op.old.end;
            last.new.end = op.new.end;
        }
        _ => ops.push(op),
    }
}

/// The two token runs being diffed, each with its tree.
struct Sides<'a> {
    old: &'a [Token],
    reference: &'a Tree,
    new: &'a [Token],
    draft: &'a Tree,
    modality: &'a Modality,
}

impl Sides<'_> {
    /// A slot whose fill is not what the slot stands for is a change of
    /// the template's wording: a fill outside what the slot permits
    /// ([`Variation`]: a bound on a number, alternatives), or a value slot
    /// (a date, a number, a name) whose fill carries a duty, a permission or
    /// a condition ("January 1, 2025, unless DHCS objects"). A slot the
    /// draft left as the template wrote it is a placeholder, for
    /// `doc.placeholder`.
    fn refuse_unpermitted(&self, ops: &mut [Op]) {
        let m = self.modality;
        for op in ops.iter_mut().filter(|o| o.kind == OpKind::Slot) {
            let t = &self.old[op.old.start];
            let slot = &self.reference.blocks[t.block].text[t.range()];
            let inner = slot.trim_start_matches('[').trim_end_matches(']');
            let fill = crate::compare::text_of(self.draft, &self.new[op.new.clone()]);
            if fill == slot {
                continue;
            }
            let refused = match Variation::parse(inner) {
                Some(permits) => !permits.allows(&fill),
                None => {
                    let words = |s: &str| -> Vec<String> {
                        s.split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .map(str::to_lowercase)
                            .collect()
                    };
                    let value = words(inner).iter().any(|w| m.value_slots.contains(w));
                    value
                        && words(&fill).iter().any(|w| {
                            m.qualifiers.contains(w)
                                || m.obligation.contains(w)
                                || m.permission.contains(w)
                        })
                }
            };
            if refused {
                op.kind = OpKind::Changed;
            }
        }
    }

    /// Appends the ops for one hunk of the word diff. Words at either end
    /// that read the same on both sides are equal (a cross-reference
    /// number the template reads as "a reference" stays a number when its
    /// keyword was changed). When the template side holds slots, the rest
    /// is aligned again with each slot taking any one or more draft words,
    /// so that a fill is a [`OpKind::Slot`] and only the words around it
    /// that really differ are a change (`within [number] days` against
    /// `within five (5) weeks` changes `days`, not the fill).
    fn hunk(&self, o: Range<usize>, n: Range<usize>, ops: &mut Vec<Op>) {
        let same = |i: usize, j: usize| {
            !self.old[i].slot
                && word(self.reference, &self.old[i]) == word(self.draft, &self.new[j])
        };
        let mut head = 0;
        while head < o.len().min(n.len()) && same(o.start + head, n.start + head) {
            head += 1;
        }
        let mut tail = 0;
        while tail < (o.len() - head).min(n.len() - head)
            && same(o.end - 1 - tail, n.end - 1 - tail)
        {
            tail += 1;
        }
        let (o_mid, n_mid) = (o.start + head..o.end - tail, n.start + head..n.end - tail);
        push(
            ops,
            Op::new(OpKind::Equal, o.start..o_mid.start, n.start..n_mid.start),
        );
        let steps = if self.old[o_mid.clone()].iter().any(|t| t.slot) {
            let (os, ns) = (o_mid.start, n_mid.start);
            let next_to_slot = |k: usize| {
                (k > 0 && self.old[k - 1].slot) || self.old.get(k + 1).is_some_and(|t| t.slot)
            };
            let matches = |i: usize, j: usize| {
                let (t, u) = (&self.old[os + i], &self.new[ns + j]);
                t.id == u.id
                    || (next_to_slot(os + i)
                        && agrees(&word(self.reference, t), &word(self.draft, u)))
            };
            fill_slots(&self.old[o_mid.clone()], &self.new[n_mid.clone()], matches)
        } else {
            None
        };
        let steps = steps.unwrap_or_else(|| vec![(None, 0..o_mid.len(), 0..n_mid.len())]);
        // Runs of edits between matches and fills are one change each.
        let mut pending: Option<(Range<usize>, Range<usize>)> = None;
        for (kind, so, sn) in steps {
            let so = o_mid.start + so.start..o_mid.start + so.end;
            let sn = n_mid.start + sn.start..n_mid.start + sn.end;
            let Some(kind) = kind else {
                match &mut pending {
                    Some((po, pn)) => {
                        po.end = so.end;
                        pn.end = sn.end;
                    }
                    None => pending = Some((so, sn)),
                }
                continue;
            };
            if let Some((po, pn)) = pending.take() {
                push(ops, self.change(po, pn));
            }
            push(ops, Op::new(kind, so, sn));
        }
        if let Some((po, pn)) = pending {
            push(ops, self.change(po, pn));
        }
        push(
            ops,
            Op::new(OpKind::Equal, o_mid.end..o.end, n_mid.end..n.end),
        );
    }

    /// One changed stretch without slot fills: added sentences, a changed
    /// title, or changed words (naming the obligation a change weakens).
    fn change(&self, o: Range<usize>, n: Range<usize>) -> Op {
        let ot = &self.old[o.clone()];
        let nt = &self.new[n.clone()];
        let added =
            ot.is_empty() && self.sentence_boundary(n.start) && self.sentence_boundary(n.end);
        let kind = if added {
            OpKind::Added
        } else if !ot.is_empty() && ot.iter().all(|t| t.title) && nt.iter().all(|t| t.title) {
            OpKind::Title
        } else {
            OpKind::Changed
        };
        let weakens = if kind == OpKind::Changed {
            self.weakening(o.clone(), n.clone())
        } else {
            None
        };
        Op {
            kind,
            old: o,
            new: n,
            weakens,
        }
    }

    /// Does a sentence end between draft tokens `at - 1` and `at` (or is
    /// `at` at either end of the run, or the start of a block)?
    fn sentence_boundary(&self, at: usize) -> bool {
        if at == 0 || at >= self.new.len() {
            return true;
        }
        let (p, t) = (&self.new[at - 1], &self.new[at]);
        p.block != t.block
            || self.draft.blocks[t.block].text[p.end..t.start].contains(['.', ';', ':', '!', '?'])
    }

    /// `Some("shall")` when the template side of a change has an obligation
    /// word and the draft side a permissive one instead. A prohibition
    /// kept in other words ("shall not" as "may not") weakens nothing.
    fn weakening(&self, o: Range<usize>, n: Range<usize>) -> Option<String> {
        // Each side with the word after it, which may be the "not".
        let words = |toks: &[Token], r: Range<usize>, tree: &Tree| -> Vec<String> {
            toks[r.start..(r.end + 1).min(toks.len())]
                .iter()
                .map(|t| word(tree, t))
                .collect()
        };
        let old = words(self.old, o.clone(), self.reference);
        let new = words(self.new, n.clone(), self.draft);
        let (old_in, new_in) = (&old[..o.len()], &new[..n.len()]);
        let m = self.modality;
        if !new_in.iter().any(|w| m.permission.contains(w)) {
            return None;
        }
        let at = old_in.iter().position(|w| m.obligation.contains(w))?;
        let strong = &old_in[at];
        let followed_by_not = |ws: &[String], i: usize| ws.get(i + 1).is_some_and(|w| w == "not");
        let prohibition_kept = followed_by_not(&old, at)
            && new_in
                .iter()
                .enumerate()
                .any(|(i, w)| w == "may" && followed_by_not(&new, i));
        if prohibition_kept {
            return None;
        }
        if new_in.contains(strong) && !new_in.iter().any(|w| w == "not") {
            // "shall, where feasible," keeps the obligation word but still
            // qualifies it; only report the weakening when it is gone.
            return None;
        }
        Some(strong.clone())
    }
}

/// One step of a slot-aware alignment: `Some(Equal)` or `Some(Slot)`, or
/// `None` for an edit; with its template and draft ranges (relative).
type Step = (Option<OpKind>, Range<usize>, Range<usize>);

/// Aligns template words `ot` (with slots) and draft words `nt` with the
/// fewest edits, each slot taking one or more draft words (as few as
/// possible) or being deleted. `None` when the hunk is too large to align.
fn fill_slots(
    ot: &[Token],
    nt: &[Token],
    matches: impl Fn(usize, usize) -> bool,
) -> Option<Vec<Step>> {
    const EDIT: u64 = 1 << 20;
    if (ot.len() + 1) * (nt.len() + 1) > 200_000 {
        return None;
    }
    let w = nt.len() + 1;
    // cost[i * w + j]: aligning ot[..i] with nt[..j]; a word a slot takes
    // costs 1, so that a slot takes no word that could match otherwise.
    let mut cost = vec![0u64; (ot.len() + 1) * w];
    for (j, c) in cost[..w].iter_mut().enumerate() {
        *c = j as u64 * EDIT;
    }
    for i in 1..=ot.len() {
        let t = &ot[i - 1];
        cost[i * w] = cost[(i - 1) * w] + EDIT;
        let up = (i - 1) * w;
        // For a slot taking nt[k..j]: the least cost[i-1][k] - k, k < j.
        let mut best = i64::MAX;
        for j in 1..w {
            let mut c = cost[up + j].min(cost[i * w + j - 1]) + EDIT;
            if t.slot {
                best = best.min(cost[up + j - 1] as i64 - (j - 1) as i64);
                c = c.min((best + j as i64) as u64);
            } else {
                let sub = if matches(i - 1, j - 1) { 0 } else { EDIT };
                c = c.min(cost[up + j - 1] + sub);
            }
            cost[i * w + j] = c;
        }
    }
    // Back from the end, preferring a match or a fill to an edit.
    let mut steps: Vec<Step> = Vec::new();
    let (mut i, mut j) = (ot.len(), nt.len());
    while i > 0 || j > 0 {
        let here = cost[i * w + j];
        let up = if i > 0 { (i - 1) * w } else { 0 };
        if i > 0 && j > 0 && !ot[i - 1].slot && matches(i - 1, j - 1) && cost[up + j - 1] == here {
            steps.push((Some(OpKind::Equal), i - 1..i, j - 1..j));
            (i, j) = (i - 1, j - 1);
            continue;
        }
        if i > 0 && ot[i - 1].slot {
            if let Some(k) = (0..j)
                .rev()
                .find(|&k| cost[up + k] + (j - k) as u64 == here)
            {
                steps.push((Some(OpKind::Slot), i - 1..i, k..j));
                (i, j) = (i - 1, k);
                continue;
            }
        }
        if i > 0 && j > 0 && cost[up + j - 1] + EDIT == here {
            steps.push((None, i - 1..i, j - 1..j));
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && cost[up + j] + EDIT == here {
            steps.push((None, i - 1..i, j..j));
            i -= 1;
        } else {
            steps.push((None, i..i, j - 1..j));
            j -= 1;
        }
    }
    steps.reverse();
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::normalize::{tokenize, DraftLexicon, Lexicon, Tokens};

    fn run(template: &str, draft: &str) -> (Vec<Op>, Tokens, Tokens) {
        let rt = Tree::parse(template, 0);
        let dt = Tree::parse(draft, 0);
        let mut lex = Lexicon::default();
        let drafting = &crate::catalog::Catalog::for_tests().vocab.drafting;
        let a = tokenize(&rt, &mut lex, drafting);
        let mut dl = DraftLexicon::new(&lex);
        let b = tokenize(&dt, &mut dl, drafting);
        let modality = &crate::catalog::Catalog::for_tests().vocab.modality;
        (diff(&a.tokens, &rt, &b.tokens, &dt, modality), a, b)
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

    /// The obligation a one-sentence change weakens, if any (`None` for
    /// no change at all).
    fn weakens(template: &str, draft: &str) -> Option<Option<String>> {
        let (ops, _, _) = run(template, draft);
        let ch: Vec<&Op> = ops.iter().filter(|o| o.kind == OpKind::Changed).collect();
        assert!(ch.len() <= 1, "{template} / {draft}: {ops:?}");
        ch.first().map(|o| o.weakens.clone())
    }

    #[test]
    fn weakenings_are_named_and_kept_prohibitions_are_not() {
        let w = |s: &str| Some(Some(s.to_string()));
        let cases = [
            ("The MCP shall meet.", "The MCP may meet.", w("shall")),
            ("The MCP must meet.", "The MCP should meet.", w("must")),
            (
                "The MCP is required to meet.",
                "The MCP is encouraged to meet.",
                w("required"),
            ),
            (
                "The MCP shall meet.",
                "The MCP will endeavor to meet.",
                w("shall"),
            ),
            ("The MCP shall not share.", "The MCP may share.", w("shall")),
            (
                "The MCP must not share.",
                "The MCP should not share.",
                w("must"),
            ),
            // Still a prohibition: changed, but not weakened.
            (
                "The MCP shall not share.",
                "The MCP may not share.",
                Some(None),
            ),
            // Qualified, the obligation word kept: changed, not named.
            (
                "The MCP shall meet.",
                "The MCP shall, where feasible, meet.",
                Some(None),
            ),
            ("The MCP shall meet.", "The MCP shall meet.", None),
        ];
        for (template, draft, want) in cases {
            assert_eq!(weakens(template, draft), want, "{template} / {draft}");
        }
    }

    fn only_equal_and_slots(ops: &[Op]) -> bool {
        ops.iter()
            .all(|o| matches!(o.kind, OpKind::Equal | OpKind::Slot))
    }

    #[test]
    fn numbers_compare_by_value_in_three_spellings() {
        let template = "Notify DHCS within five (5) Working Days.\n";
        for draft in [
            "Notify DHCS within 5 Working Days.\n",
            "Notify DHCS within five Working Days.\n",
            "Notify DHCS within five (5) Working Days.\n",
        ] {
            let (ops, _, _) = run(template, draft);
            assert_eq!(kinds(&ops), vec![OpKind::Equal], "{draft}");
        }
        let (ops, _, _) = run(
            "Meet within twenty-four (24) hours.\n",
            "Meet within 24 hours.\n",
        );
        assert_eq!(kinds(&ops), vec![OpKind::Equal]);
        for draft in [
            "Notify DHCS within ten (10) Working Days.\n",
            "Notify DHCS within 6 Working Days.\n",
        ] {
            let (ops, _, _) = run(template, draft);
            assert!(ops.iter().any(|o| o.kind == OpKind::Changed), "{draft}");
        }
    }

    #[test]
    fn a_slot_takes_every_word_up_to_the_next_fixed_words() {
        let template =
            "This MOU takes effect on [Effective Date] (the \"Effective Date\"). It lasts.\n";
        for draft in [
            "This MOU takes effect on January 1, 2025 (the \"Effective Date\"). It lasts.\n",
            "This MOU takes effect on the date of the last signature below (the \"Effective Date\"). It lasts.\n",
        ] {
            let (ops, _, _) = run(template, draft);
            assert!(only_equal_and_slots(&ops), "{draft}: {ops:?}");
        }
        // The words after the slot still count.
        let (ops, _, _) = run(
            template,
            "This MOU takes effect on the date of the last signature below. It lasts.\n",
        );
        assert!(ops.iter().any(|o| o.kind == OpKind::Changed), "{ops:?}");
    }

    #[test]
    fn a_word_next_to_a_slot_may_agree_with_several_names() {
        let (ops, _, _) = run(
            "Members in [County] County. [MCP Name] is responsible.\n",
            "Members in Alpine and Mono Counties. Plan A and Plan B are responsible.\n",
        );
        assert!(only_equal_and_slots(&ops), "{ops:?}");
        // Away from a slot, a plural is a change.
        let (ops, _, _) = run("The County reviews it.\n", "The Counties review it.\n");
        assert!(ops.iter().any(|o| o.kind == OpKind::Changed), "{ops:?}");
        assert!(agrees("county", "counties") && agrees("is", "are") && !agrees("county", "parish"));
    }

    #[test]
    fn a_change_next_to_a_filled_slot_leaves_the_fill_alone() {
        let (ops, _, b) = run(
            "Within [number] Working Days after it.\n",
            "Within five (5) Calendar Days after it.\n",
        );
        let ch: Vec<&Op> = ops.iter().filter(|o| o.kind == OpKind::Changed).collect();
        assert_eq!(ch.len(), 1, "{ops:?}");
        assert_eq!(ch[0].new.len(), 1, "{ops:?}");
        assert_eq!(b.tokens[ch[0].new.start].start, "Within five (5) ".len());
        // "five (5)" is one word, compared by value.
        assert!(ops
            .iter()
            .any(|o| o.kind == OpKind::Slot && o.new.len() == 1));
    }

    #[test]
    fn a_changed_reference_keyword_leaves_its_numbers_alone() {
        // The template reads "Articles 7 and 8" as references; the draft's
        // "Chapters 7 and 8" are numbers: only the keyword changed.
        let (ops, _, b) = run(
            "Improve the processes in Articles 7 and 8.\n",
            "Improve the processes in Chapters 7 and 8.\n",
        );
        let ch: Vec<&Op> = ops.iter().filter(|o| o.kind != OpKind::Equal).collect();
        assert_eq!(ch.len(), 1, "{ops:?}");
        assert_eq!(ch[0].new.len(), 1);
        assert_eq!(
            b.tokens[ch[0].new.start].start,
            "Improve the processes in ".len()
        );
    }
}
