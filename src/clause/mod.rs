//! The clause model, built once per document: every block's tokens, the
//! lexicon's concepts and party mentions found in them, and the units a
//! provision element is looked for in (a sentence, or a list item with the
//! lead-in that introduces its list). [`matching`] reads a unit's force:
//! who is bound, and whether the duty is negated, made optional or excepted
//! away.

pub mod matching;

use std::cell::OnceCell;
use std::ops::Range;

use crate::catalog::lexicon::{Label, Lexicon, PartyRole};
use crate::catalog::vocab::Sentences;
use crate::phrases::{Found, PhraseSet};
use crate::text::BlockKind;
use crate::tokens::{Token, TokenKind};
use crate::tree::Tree;

use rustc_hash::FxHashMap as HashMap;

/// One block's tokens and what the lexicon found in them.
#[derive(Debug, Default, Clone)]
pub struct BlockTokens {
    pub tokens: Vec<Token>,
    /// Concepts, party mentions and markers, in order of start.
    pub found: Vec<Found<Label>>,
}

/// Where an element is looked for: tokens of one block, and the lead-in
/// that governs them.
#[derive(Debug, Clone)]
pub struct Unit {
    pub block: usize,
    /// Tokens of the sentence (or list item) in its block.
    pub tokens: Range<usize>,
    /// What governs it, in reading order: the lead-in sentence of its
    /// list; for a table cell, the paragraph introducing the table, its
    /// column's header and its row's first cell. Block and tokens each.
    pub lead_in: Vec<(usize, Range<usize>)>,
    /// Units under the same heading share a group.
    pub group: usize,
    /// For a table cell read under its table's lead-ins: which of them
    /// is its column's header.
    pub cell: Option<Cell>,
}

/// Tokens of one block: its index and the tokens' range.
pub type Part = (usize, Range<usize>);

/// A table cell's place among its lead-ins ([`Unit::lead_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Its column's header, as an index in `lead_in`.
    pub header: Option<usize>,
}

/// The clause model of one document.
#[derive(Debug, Default)]
pub struct Clauses {
    pub blocks: Vec<BlockTokens>,
    pub units: Vec<Unit>,
    /// Per unit: how it weakens the duties before it in its group, when it
    /// is a rider ("However, either Party can override this requirement"),
    /// with the words (block and bytes).
    pub riders: Vec<Option<matching::Weakening>>,
    /// Per unit: how it would weaken a duty it names again (an exception
    /// or a denial in its own sentence).
    pub qualifiers: Vec<Option<matching::Weakening>>,
    /// The units with a rider or a qualifier, in order.
    pub weakeners: Vec<usize>,
    /// Per unit: what it holds, read on first use ([`matching::read`]):
    /// only the units holding an element's concepts are ever read.
    reads: Vec<OnceCell<matching::Read>>,
    /// Per concept id: the units whose reading holds it, in order. An
    /// element is judged only in the units that hold its concepts.
    pub concept_units: Vec<Vec<u32>>,
    /// Per concept id: the units holding it in their own words, or for a
    /// table cell in its column's header ([`Clauses::candidates`]).
    own_units: Vec<Vec<u32>>,
    /// The table cells read under their table's lead-ins, as bits over
    /// the units.
    cells: Vec<u64>,
    /// The lexicon's `member` concept: a weak modal after it is the
    /// Member's entitlement ("Members may receive").
    pub member: u16,
}

impl Clauses {
    /// Builds the model: tokens and lexicon matches per block, party
    /// mentions resolved with the draft's own names (a name or alias of a
    /// listed party wins over the lexicon's generic words), and units.
    pub fn build(
        tree: &Tree,
        lexicon: &Lexicon,
        sentences: &Sentences,
        parties: &[(PartyRole, &str)],
    ) -> Self {
        let mut names = PhraseSet::default();
        for (role, name) in parties {
            names.add(lexicon.tokenizer.phrase(name), *role);
        }
        // Table cells repeat their words ("Yes", a party's name, a
        // contact's title): a text read before is copied, not read again
        // (what a block holds depends on its text alone).
        let mut read_at: HashMap<&str, usize> = HashMap::default();
        let mut blocks: Vec<BlockTokens> = Vec::with_capacity(tree.blocks.len());
        for b in &tree.blocks {
            if let Some(&k) = read_at.get(b.text.as_str()) {
                blocks.push(blocks[k].clone());
                continue;
            }
            read_at.insert(&b.text, blocks.len());
            blocks.push({
                let tokens = lexicon.tokenizer.tokens(&b.text);
                let mut found = lexicon.phrases().find_all(&tokens);
                let own = names.find_all(&tokens);
                if !own.is_empty() {
                    let longest = own.iter().map(|o| o.end - o.start).max().unwrap_or(0);
                    found.retain(|f| {
                        !matches!(f.label, Label::Role(_))
                            || !overlaps_any(&own, longest, f.start, f.end)
                    });
                    found.extend(own.into_iter().map(|o| Found {
                        start: o.start,
                        end: o.end,
                        label: Label::Role(o.label),
                    }));
                    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
                }
                drop_contained(&mut found);
                BlockTokens { tokens, found }
            });
        }
        drop(read_at);
        let units = units(tree, &blocks, sentences);
        let mut clauses = Clauses {
            blocks,
            units,
            riders: Vec::new(),
            qualifiers: Vec::new(),
            weakeners: Vec::new(),
            reads: Vec::new(),
            concept_units: Vec::new(),
            own_units: Vec::new(),
            cells: Vec::new(),
            member: lexicon.concept("member").unwrap_or(u16::MAX),
        };
        // Only a unit whose own sentence holds an exception or a denial
        // can qualify a duty (see [`matching::qualifier`]); the others are
        // not read for it.
        let n = clauses.units.len();
        clauses.reads = (0..n).map(|_| OnceCell::new()).collect();
        clauses.qualifiers = vec![None; n];
        clauses.riders = vec![None; n];
        for i in 0..n {
            let u = &clauses.units[i];
            if !clauses
                .own_labels(u)
                .any(|l| matches!(l, Label::Marker(m) if m.may_qualify()))
            {
                debug_assert!(
                    matching::qualifier(&clauses, u).is_none()
                        && matching::rider(&clauses, u).is_none(),
                    "unit {i} qualifies a duty without an exception or denial word: widen Marker::may_qualify"
                );
                continue;
            }
            clauses.qualifiers[i] = matching::qualifier(&clauses, u);
            clauses.riders[i] = matching::rider(&clauses, u);
        }
        clauses.weakeners = (0..n)
            .filter(|&j| clauses.riders[j].is_some() || clauses.qualifiers[j].is_some())
            .collect();
        clauses.concept_units = concept_units(&clauses, |u| {
            let lead_in = u.lead_in.iter().map(|(b, r)| (*b, r));
            lead_in.chain(std::iter::once((u.block, &u.tokens)))
        });
        clauses.own_units = concept_units(&clauses, |u| {
            let header = u.cell.and_then(|c| c.header).map(|k| &u.lead_in[k]);
            let header = header.map(|(b, r)| (*b, r));
            header
                .into_iter()
                .chain(std::iter::once((u.block, &u.tokens)))
        });
        clauses.cells = vec![0; n.div_ceil(64)];
        for (i, u) in clauses.units.iter().enumerate() {
            if u.cell.is_some() {
                clauses.cells[i / 64] |= 1 << (i % 64);
            }
        }
        clauses
    }

    /// What unit `i` holds, with its lead-in.
    pub fn read(&self, i: usize) -> &matching::Read {
        self.reads[i].get_or_init(|| matching::read(self, &self.units[i]))
    }

    /// The labels found in the parts of a unit, lead-in first: each part's
    /// window of its block's labels (in order of start), those ending in it.
    fn part_labels<'a>(
        &'a self,
        parts: impl Iterator<Item = (usize, &'a Range<usize>)> + 'a,
    ) -> impl Iterator<Item = Label> + 'a {
        parts.flat_map(move |(block, range)| {
            let found = &self.blocks[block].found;
            let from = found.partition_point(|f| f.start < range.start);
            let to = found.partition_point(|f| f.start < range.end);
            found[from..to]
                .iter()
                .filter(move |f| f.end <= range.end)
                .map(|f| f.label)
        })
    }

    /// The labels of a unit's own sentence, without its lead-in.
    fn own_labels<'a>(&'a self, u: &'a Unit) -> impl Iterator<Item = Label> + 'a {
        self.part_labels(std::iter::once((u.block, &u.tokens)))
    }

    /// The units that hold every one of `concepts` (each a choice of
    /// ids), in order: the intersection of their postings. Each choice's
    /// units (the union of its ids' postings) are bits over the units, so
    /// neither the union nor the intersection sorts anything.
    ///
    /// A table cell is one only when its own words or its column's header
    /// hold one of the concepts. A cell that holds none repeats what its
    /// table's introducing paragraph or the rest of its row says: the
    /// paragraph's sentences are units of their own, and the cell that
    /// names the concept reads the rest of its row, this cell included
    /// (a site directory's hundred rows under "The Parties update this
    /// Exhibit" state no hundred updates).
    pub fn candidates(&self, concepts: &[Vec<u16>]) -> Vec<usize> {
        let empty: &[u32] = &[];
        let posting = |c: u16| {
            self.concept_units
                .get(c as usize)
                .map_or(empty, Vec::as_slice)
        };
        let own_posting = |c: u16| self.own_units.get(c as usize).map_or(empty, Vec::as_slice);
        if concepts.is_empty() {
            return Vec::new();
        }
        let words = self.units.len().div_ceil(64);
        let mut all = vec![u64::MAX; words];
        let mut choice = vec![0u64; words];
        for ids in concepts {
            choice.fill(0);
            let mut any = false;
            for u in ids.iter().flat_map(|&c| posting(c)) {
                choice[*u as usize / 64] |= 1 << (u % 64);
                any = true;
            }
            if !any {
                return Vec::new();
            }
            all.iter_mut().zip(&choice).for_each(|(a, c)| *a &= c);
        }
        choice.fill(0);
        for u in concepts.iter().flatten().flat_map(|&c| own_posting(c)) {
            choice[*u as usize / 64] |= 1 << (u % 64);
        }
        all.iter_mut()
            .zip(&choice)
            .zip(&self.cells)
            .for_each(|((a, own), cell)| *a &= !cell | own);
        let mut out = Vec::new();
        for (w, &bits) in all.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                out.push(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
        out
    }
}

/// The inverted index of concepts: per concept id, the units holding it
/// in the `parts` of them searched (a unit's block and tokens each).
fn concept_units<'a, P>(clauses: &'a Clauses, parts: impl Fn(&'a Unit) -> P) -> Vec<Vec<u32>>
where
    P: Iterator<Item = (usize, &'a Range<usize>)> + 'a,
{
    let mut index: Vec<Vec<u32>> = Vec::new();
    for (i, u) in clauses.units.iter().enumerate() {
        for label in clauses.part_labels(parts(u)) {
            let Label::Concept(c) = label else { continue };
            let c = c as usize;
            if index.len() <= c {
                index.resize_with(c + 1, Vec::new);
            }
            // Units are visited in order: a repeat is the last entry.
            if index[c].last() != Some(&(i as u32)) {
                index[c].push(i as u32);
            }
        }
    }
    index
}

/// Drops a party mention inside a longer one ("party" in "other party"),
/// a duty or weak word inside a longer one ("may" in "may not") and any
/// concept inside an opaque phrase ("use" in "substance use disorder"); a
/// negation stays, so "may not" both binds and denies.
fn drop_contained(found: &mut Vec<Found<Label>>) {
    use crate::catalog::lexicon::Marker;
    let modal = |l: Label| matches!(l, Label::Marker(Marker::Duty | Marker::Weak));
    let role = |l: Label| matches!(l, Label::Role(_));
    let concept = |l: Label| matches!(l, Label::Concept(_));
    // Only a modal or a party inside another one, or a concept inside an
    // opaque phrase, is dropped: with fewer than two modals or parties and
    // no opaque phrase, nothing is (most blocks).
    let opaque = found
        .iter()
        .any(|f| f.label == Label::Marker(Marker::Opaque));
    if !opaque
        && found
            .iter()
            .filter(|f| modal(f.label) || role(f.label))
            .nth(1)
            .is_none()
    {
        return;
    }
    // The phrases by start: as found (the lookups report them in order of
    // start), else a sorted copy.
    let all: std::borrow::Cow<[Found<Label>]> = if found.is_sorted_by_key(|g| g.start) {
        std::borrow::Cow::Borrowed(found.as_slice())
    } else {
        let mut all = found.clone();
        all.sort_by_key(|g| g.start);
        std::borrow::Cow::Owned(all)
    };
    // Only a phrase starting at most the longest phrase's length before
    // `f` can hold it: a window, so a block of any length costs linear time.
    let longest = all.iter().map(|g| g.end - g.start).max().unwrap_or(0);
    let keep: Vec<bool> = found
        .iter()
        .map(|f| {
            let from = all.partition_point(|g| g.start + longest < f.start);
            let to = all.partition_point(|g| g.start <= f.start);
            !all[from..to].iter().any(|g| {
                g.end - g.start > f.end - f.start
                    && g.start <= f.start
                    && f.end <= g.end
                    && ((modal(f.label) && modal(g.label))
                        || (role(f.label) && role(g.label))
                        || (concept(f.label) && g.label == Label::Marker(Marker::Opaque)))
            })
        })
        .collect();
    drop(all);
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
}

/// Whether any of `found` (in order of start, none longer than
/// `longest` tokens) overlaps tokens `start..end`.
fn overlaps_any<L>(found: &[Found<L>], longest: usize, start: usize, end: usize) -> bool {
    let from = found.partition_point(|o| o.start + longest <= start);
    found[from..]
        .iter()
        .take_while(|o| o.start < end)
        .any(|o| o.start < end && start < o.end)
}

/// What governs a table cell: a table reads as statements, one per row,
/// under the paragraph that introduces it ("The Parties meet as set out
/// below:"), each cell governed by its column's header and the rest of
/// its row ("Frequency" | "At least quarterly"). For a block that is no
/// table cell, none.
fn table_leads(tree: &Tree, blocks: &[BlockTokens], bi: usize) -> Option<(Vec<Part>, Cell)> {
    let c = crate::table::cell_at(&tree.tables, bi)
        .filter(|_| tree.blocks[bi].kind == BlockKind::TableCell)?;
    let table = &tree.tables[c.table];
    let whole = |k: usize| (k, 0..blocks[k].tokens.len());
    let mut out = Vec::new();
    let intro = table.blocks.start.checked_sub(1).filter(|&k| {
        tree.blocks[k].kind == BlockKind::Paragraph
            && tree.blocks[k].section == tree.blocks[bi].section
    });
    out.extend(intro.map(whole));
    let header = table.rows.first().filter(|r| r.header && c.row > 0);
    let column_header =
        header.and_then(|h| Some(h.cells.start + c.column).filter(|k| h.cells.contains(k)));
    out.extend(column_header.map(whole));
    // The rest of its row: a row is one statement ("MCP" | "DHCS" |
    // "5 Working Days").
    if header.is_some() {
        let row = &table.rows[c.row];
        out.extend(row.cells.clone().filter(|&k| k != bi).map(whole));
    } else if c.column > 0 {
        out.push(whole(table.rows[c.row].cells.start));
    }
    out.retain(|(_, r)| !r.is_empty());
    let header = column_header.and_then(|k| out.iter().position(|(b, _)| *b == k));
    Some((out, Cell { header }))
}

/// Whether a paragraph opens with a list enumerator: "(a)", "(iv)",
/// "a.", "1)", "2.".
fn enumerated(text: &str) -> bool {
    let t = text.trim_start();
    let (inner, rest) = match t.strip_prefix('(') {
        Some(r) => match r.split_once(')') {
            Some((i, rest)) => (i, rest),
            None => return false,
        },
        None => match t.find(['.', ')']) {
            Some(k) => (&t[..k], &t[k + 1..]),
            None => return false,
        },
    };
    let short = !inner.is_empty() && inner.len() <= 4;
    let alnum = inner.chars().all(|c| c.is_ascii_alphanumeric());
    let lettered = inner.len() == 1 || inner.chars().all(|c| "ivxlIVXL".contains(c));
    let numbered = inner.chars().all(|c| c.is_ascii_digit());
    short && alnum && (lettered || numbered) && rest.starts_with(char::is_whitespace)
}

/// Splits every block into units. A sentence ending in a colon is a
/// lead-in: it governs the rest of its block ("The Plan shall: (a) ...;
/// (b) ...") and the list items that follow it.
fn units(tree: &Tree, blocks: &[BlockTokens], sentences: &Sentences) -> Vec<Unit> {
    let mut out = Vec::new();
    // The lead-in governing list items: block and tokens.
    let mut list_lead: Option<(usize, Range<usize>)> = None;
    let mut group = 0;
    for (bi, b) in tree.blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Heading(_)) {
            list_lead = None;
            group += 1;
            continue;
        }
        // A bold title ("**6.1 Meetings.**") opens a section as a heading does.
        if b.lead_in.is_some() {
            group += 1;
        }
        let toks = &blocks[bi].tokens;
        // A paragraph opening with an enumerator ("(a) apply the policy;")
        // after a lead-in paragraph ("The MCP and the MHP shall:") is an
        // item of its list, as a Markdown list item is.
        let item = b.kind == BlockKind::ItemText
            || (b.kind == BlockKind::Paragraph && list_lead.is_some() && enumerated(&b.text));
        if !item {
            list_lead = None;
        }
        let (outer, cell) = if item {
            (list_lead.iter().cloned().collect(), None)
        } else {
            match table_leads(tree, blocks, bi) {
                Some((leads, cell)) => (leads, Some(cell)),
                None => (Vec::new(), None),
            }
        };
        let mut inner: Option<(usize, Range<usize>)> = None;
        let mut start = 0;
        let ends = sentences.ends(&b.text).chain(std::iter::once(b.text.len()));
        let title_end = b.lead_in.unwrap_or(0);
        for end in ends {
            let t0 = toks.partition_point(|t| t.range.start < start);
            let t1 = toks.partition_point(|t| t.range.start < end);
            let text = b.text[start..end].trim();
            start = end;
            if t0 == t1
                || toks[t0..t1]
                    .iter()
                    .all(|t| matches!(t.kind, TokenKind::Punct(_)))
            {
                continue;
            }
            // A bold title opening the block ("**6.1 Meetings.**") is not
            // a statement.
            if toks[t1 - 1].range.end <= title_end {
                continue;
            }
            let (lead_in, cell) = match &inner {
                Some(l) => (vec![l.clone()], None),
                None => (outer.clone(), cell),
            };
            out.push(Unit {
                block: bi,
                tokens: t0..t1,
                lead_in,
                group,
                cell,
            });
            // "The County shall: (a) ...;" leads in what follows its colon.
            let colon = toks[t0..t1]
                .iter()
                .rposition(|t| t.kind == TokenKind::Punct(':'));
            if let Some(k) = colon {
                inner = Some((bi, t0..t0 + k + 1));
            } else if text.ends_with('.') {
                inner = None;
            }
        }
        if b.text.trim_end().ends_with(':') {
            list_lead = out
                .last()
                .filter(|u| u.block == bi)
                .map(|u| (bi, u.tokens.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn units_of(md: &str) -> Vec<(String, Option<String>)> {
        let tree = Tree::parse(md, 0);
        let v = &Catalog::for_tests().vocab;
        let c = Clauses::build(&tree, &v.lexicon, &v.sentences, &[]);
        let text = |b: usize, r: &Range<usize>| {
            let toks = &c.blocks[b].tokens[r.clone()];
            tree.blocks[b].text[toks[0].range.start..toks[toks.len() - 1].range.end].to_string()
        };
        c.units
            .iter()
            .map(|u| {
                (
                    text(u.block, &u.tokens),
                    u.lead_in.last().map(|(b, r)| text(*b, r)),
                )
            })
            .collect()
    }

    #[test]
    fn a_lead_in_governs_its_list_and_its_inline_items() {
        let u = units_of(
            "## 4. Duties\n\nThe Plan shall:\n\n- refer Members;\n- accept referrals.\n\nThe County shall: (a) train staff; (b) report.\n",
        );
        let lead = Some("The Plan shall:".to_string());
        assert_eq!(u[0], ("The Plan shall:".into(), None));
        assert_eq!(u[1], ("refer Members;".into(), lead.clone()));
        assert_eq!(u[2], ("accept referrals".into(), lead));
        assert_eq!(
            u[4],
            ("(b) report".into(), Some("The County shall:".into()))
        );
    }

    #[test]
    fn a_table_cell_is_judged_for_what_its_words_or_its_header_name() {
        let md = "## Exhibit B\n\nThe Parties update this Exhibit as sites open or close.\n\n\
                  | Site | Location | Updates |\n|---|---|---|\n\
                  | Site 1 | 1 Main Street | yearly |\n| Site 2 | 2 Oak Street | monthly |\n";
        let tree = Tree::parse(md, 0);
        let v = &Catalog::for_tests().vocab;
        let c = Clauses::build(&tree, &v.lexicon, &v.sentences, &[]);
        let improve = v.lexicon.concept("improve").expect("a lexicon concept");
        let text = |i: usize| {
            let u = &c.units[i];
            let toks = &c.blocks[u.block].tokens[u.tokens.clone()];
            &tree.blocks[u.block].text[toks[0].range.start..toks[toks.len() - 1].range.end]
        };
        // Every cell reads the introducing paragraph, yet only the cells
        // under "Updates" (and the header itself) say anything of updates.
        let found: Vec<&str> = c
            .candidates(&[vec![improve]])
            .into_iter()
            .map(text)
            .collect();
        assert_eq!(
            found,
            [
                "The Parties update this Exhibit as sites open or close",
                "Updates",
                "yearly",
                "monthly"
            ]
        );
    }

    #[test]
    fn enumerated_paragraphs_after_a_lead_in_are_its_items() {
        let u = units_of(
            "## 6. Care\n\nThe MCP and the MHP shall:\n\n(a) apply the policy;\n\n(b) coordinate services.\n\n4.1 The MCP refers Members.\n",
        );
        let lead = Some("The MCP and the MHP shall:".to_string());
        assert_eq!(u[1], ("(a) apply the policy;".into(), lead.clone()));
        assert_eq!(u[2], ("(b) coordinate services".into(), lead));
        assert_eq!(u[3].1, None, "{u:?}");
    }

    #[test]
    fn no_concept_is_read_inside_an_opaque_phrase() {
        let md = "The MCP may use substance use disorder records as family resource centers do.\n";
        let tree = Tree::parse(md, 0);
        let v = &Catalog::for_tests().vocab;
        let c = Clauses::build(&tree, &v.lexicon, &v.sentences, &[]);
        let concepts: Vec<(&str, &str)> = c.blocks[0]
            .found
            .iter()
            .filter_map(|f| match f.label {
                Label::Concept(id) => {
                    let t = &c.blocks[0].tokens;
                    let words = &md[t[f.start].range.start..t[f.end - 1].range.end];
                    Some((v.lexicon.name(id), words))
                }
                _ => None,
            })
            .filter(|(name, _)| {
                ["use", "sud", "caregiver", "early-childhood-program"].contains(name)
            })
            .collect();
        assert_eq!(
            concepts,
            [
                ("use", "use"),
                ("sud", "substance use disorder"),
                ("early-childhood-program", "family resource centers")
            ]
        );
    }

    #[test]
    fn citations_do_not_end_a_sentence() {
        let u = units_of("The Parties comply with 42 C.F.R. Part 2 and Cal. Welf. & Inst. Code Sec. 14184.102 at all times.\n");
        assert_eq!(u.len(), 1, "{u:?}");
    }
}
