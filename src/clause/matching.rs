//! Matching a provision element against the clause model: its concepts
//! must occur together in one unit, and the unit must have the force the
//! element asks for. A unit that has the concepts but not the force is a
//! weakened statement of the duty, reported with the words that weaken it.

use std::ops::Range;

use super::{Clauses, Unit};
use crate::catalog::lexicon::{Label, Marker, PartyRole};
use crate::catalog::{Element, Force};
use crate::tokens::TokenKind;

/// Why a unit holding an element's concepts does not state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// "does not", "neither Party is required to".
    Negated,
    /// "may", "should", "at its discretion".
    Optional,
    /// "except as the Parties otherwise agree".
    Excepted,
    /// A prohibition that is not one ("may delegate").
    NotProhibited,
    /// Binds another party than the element's.
    WrongParty(PartyRole),
    /// States what contradicts it ("turns 18" for a transition at 21).
    Contradicted,
    /// Names what it speaks of only in general words ("governs the
    /// coordination of services" names no service).
    Unspecified,
}

impl Weakness {
    /// How a finding names it.
    pub fn describe(self) -> String {
        match self {
            Weakness::Negated => "negated".into(),
            Weakness::Optional => "made optional".into(),
            Weakness::Excepted => "hollowed out by an exception".into(),
            Weakness::NotProhibited => "not stated as a prohibition".into(),
            Weakness::WrongParty(r) => format!("placed on the wrong party ({})", r.as_str()),
            Weakness::Contradicted => "contradicted".into(),
            Weakness::Unspecified => "named only in general words".into(),
        }
    }
}

/// Why a unit does not state a duty, with the words: block and bytes.
pub type Weakening = (Weakness, usize, Range<usize>);

/// One unit that holds an element's concepts.
#[derive(Debug, Clone)]
pub struct Match {
    pub block: usize,
    /// Bytes in the block's text from the first to the last concept word
    /// found in the sentence (the lead-in's words are not in the range).
    pub range: Range<usize>,
    /// The bounded number and its bytes, for an element with a `unit`.
    pub number: Option<(u32, Range<usize>)>,
    /// Why it does not state the element, with the words: block and bytes.
    pub weakness: Option<Weakening>,
}

/// A token of a unit: its block and index, lead-in first.
#[derive(Debug, Clone, Copy)]
struct At {
    block: usize,
    token: usize,
    /// Order in the unit (lead-in tokens come first).
    seq: usize,
}

/// Every unit holding the element's concepts, with its force judged.
pub fn matches(clauses: &Clauses, el: &Element) -> Vec<Match> {
    if el.concepts.is_empty() {
        return Vec::new();
    }
    let units = &clauses.units;
    let weakeners = &clauses.weakeners;
    let mut out = Vec::new();
    for i in clauses.candidates(&el.concepts) {
        let u = &units[i];
        let Some(mut m) = judge(clauses, i, el) else {
            continue;
        };
        // A rider later in the section ("However, either Party can
        // override this requirement") weakens a duty stated soundly.
        // So does a later sentence that names the duty again and excepts
        // or denies it ("The designation is waived whenever ...").
        // Only the units that can weaken anything are visited.
        if m.weakness.is_none() && el.def.force != Force::Any {
            let from = weakeners.partition_point(|&j| j <= i);
            m.weakness = weakeners[from..]
                .iter()
                .take_while(|&&j| units[j].group == u.group)
                .find_map(|&j| {
                    clauses.riders[j].clone().or_else(|| {
                        clauses.qualifiers[j]
                            .clone()
                            .filter(|_| refers_back(clauses, &units[j], el))
                    })
                });
        }
        out.push(m);
    }
    out
}

/// A statement of fact (force any) whose concepts are named across the
/// items of one list, or the rows of one table, under the lead-in that
/// governs them all ("Each Party shall: 1) screen adults with the Adult
/// Screening Tool; 2) screen youth with the Youth Screening Tool"). Each
/// concept must be in an item that no denial takes away; the match is the
/// first item holding one.
pub fn spread(clauses: &Clauses, el: &Element) -> Vec<Match> {
    if el.def.force != Force::Any || el.concepts.len() < 2 {
        return Vec::new();
    }
    let units = &clauses.units;
    let holds = |i: usize, ids: &[u16]| {
        clauses.read(i).found.iter().any(|(s, _, l)| {
            s.block == units[i].block && matches!(l, Label::Concept(c) if ids.contains(c))
        })
    };
    let denied = |i: usize| {
        clauses
            .read(i)
            .found
            .iter()
            .any(|(_, _, l)| *l == Label::Marker(Marker::Denial))
    };
    let mut out = Vec::new();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let Some((lb, lr)) = u.lead_in.first() else {
            continue;
        };
        let key = (*lb, lr.start);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let siblings: Vec<usize> = (i..units.len())
            .take_while(|&j| units[j].group == u.group)
            .filter(|&j| {
                units[j]
                    .lead_in
                    .first()
                    .is_some_and(|(b, r)| (*b, r.start) == key)
                    && !denied(j)
            })
            .collect();
        let all = el
            .concepts
            .iter()
            .all(|ids| siblings.iter().any(|&j| holds(j, ids)));
        let Some(&first) = siblings
            .iter()
            .find(|&&j| el.concepts.iter().any(|ids| holds(j, ids)))
        else {
            continue;
        };
        if !all {
            continue;
        }
        let f = &units[first];
        let toks = &clauses.blocks[f.block].tokens[f.tokens.clone()];
        out.push(Match {
            block: f.block,
            range: toks[0].range.start..toks[toks.len() - 1].range.end,
            number: None,
            weakness: None,
        });
    }
    out
}

/// How the sentence holding byte `at` of block `block` weakens what it
/// states: an exception or a denial in its own words ([`qualifier`]).
/// For elements matched by their exact words (a citation), which have no
/// concepts to judge the force of.
pub fn weakened_at(clauses: &Clauses, block: usize, at: usize) -> Option<Weakening> {
    let toks = &clauses.blocks.get(block)?.tokens;
    let i = clauses.units.iter().position(|u| {
        u.block == block
            && !u.tokens.is_empty()
            && toks[u.tokens.start].range.start <= at
            && at < toks[u.tokens.end - 1].range.end
    })?;
    clauses.qualifiers[i].clone()
}

/// How a unit weakens the duties stated before it in its section: it
/// opens with a rider ("However", "This obligation") and carries an
/// exception or a denial ("does not apply", "may be waived").
pub fn rider(clauses: &Clauses, u: &Unit) -> Option<Weakening> {
    let read = own_read(clauses, u);
    // The rider words open the sentence, after at most an enumerator.
    let opens = read
        .found
        .iter()
        .any(|(s, _, l)| *l == Label::Marker(Marker::Rider) && s.seq <= 3);
    if !opens {
        return None;
    }
    qualifier(clauses, u)
}

/// How a unit would weaken a duty it refers back to: an exception or a
/// denial in its own sentence ("The designation is waived whenever ...").
pub fn qualifier(clauses: &Clauses, u: &Unit) -> Option<Weakening> {
    let read = own_read(clauses, u);
    if let Some((s, e)) = exception(clauses, &read) {
        let (b, r) = bytes(clauses, s, e);
        return Some((Weakness::Excepted, b, r));
    }
    let (s, e, _) = read
        .found
        .iter()
        .find(|(_, _, l)| *l == Label::Marker(Marker::Denial))?;
    let (b, r) = bytes(clauses, *s, *e);
    Some((Weakness::Negated, b, r))
}

/// A unit's own sentence, without what leads it in.
fn own_read(clauses: &Clauses, u: &Unit) -> Read {
    let own = Unit {
        lead_in: Vec::new(),
        ..u.clone()
    };
    labels(clauses, &own)
}

/// Whether a unit opens by naming the element's duty again, after a
/// determiner ("The designation ...", "This coordination ..."): it then
/// speaks of the duty stated before it.
fn refers_back(clauses: &Clauses, u: &Unit, el: &Element) -> bool {
    let b = &clauses.blocks[u.block];
    let toks = &b.tokens[u.tokens.clone()];
    let Some(det) = toks.iter().take(3).position(|t| {
        matches!(
            t.lower.as_str(),
            "the" | "this" | "these" | "such" | "that" | "those" | "each" | "any"
        )
    }) else {
        return false;
    };
    let at = u.tokens.start + det;
    b.found.iter().any(|f| {
        matches!(f.label, Label::Concept(c) if el.concepts[0].contains(&c))
            && f.start > at
            && f.start <= at + 2
    })
}

/// Where the unit excepts its duty away: an exception phrase ("unless the
/// Parties otherwise agree"); a condition, a party and its judgment in one
/// clause ("whenever the MCP thinks it useful"); or a deferral to leeway
/// ("yields to any contrary agreement").
fn exception(clauses: &Clauses, read: &Read) -> Option<(At, At)> {
    let found = &read.found;
    let of = |m: Marker| read.marks(m);
    if let Some(hit) = of(Marker::Exception).next() {
        return Some(hit);
    }
    let one_clause = |a: usize, b: usize| !read.starts.iter().any(|&c| a < c && c <= b);
    let party_between = |a: usize, b: usize| {
        found
            .iter()
            .any(|(s, _, l)| matches!(l, Label::Role(_)) && a < s.seq && s.seq < b)
            || pronoun_between(clauses, read, a, b)
    };
    for (cs, _) in of(Marker::Condition) {
        let judged = of(Marker::Judgment).find(|(js, _)| {
            js.seq > cs.seq
                && js.seq <= cs.seq + 8
                && one_clause(cs.seq, js.seq)
                && party_between(cs.seq, js.seq)
        });
        if let Some((_, je)) = judged {
            return Some((cs, je));
        }
    }
    for (xs, _) in of(Marker::Exclusion) {
        let within = |s: &At| s.seq > xs.seq && s.seq <= xs.seq + 8 && one_clause(xs.seq, s.seq);
        let determined =
            of(Marker::Determination).find(|(ds, _)| within(ds) && party_between(xs.seq, ds.seq));
        let leeway = of(Marker::Leeway).find(|(ls, _)| within(ls));
        if let Some((_, end)) = determined.or(leeway) {
            return Some((xs, end));
        }
    }
    for (ds, de) in of(Marker::Deferral) {
        let leeway = of(Marker::Leeway)
            .find(|(ls, _)| ls.seq > de.seq && ls.seq <= de.seq + 6 && one_clause(de.seq, ls.seq));
        if let Some((_, le)) = leeway {
            return Some((ds, le));
        }
    }
    None
}

/// The case-folded word at a position of the unit.
fn word_at<'c>(clauses: &'c Clauses, read: &Read, seq: usize) -> Option<&'c str> {
    read.at(seq)
        .map(|t| clauses.blocks[t.block].tokens[t.token].lower.as_str())
}

/// Whether a word is a form of "be" (the auxiliary of a passive).
fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "be" | "been" | "being" | "was" | "were"
    )
}

/// Whether the weak words `s..=e` are one bare modal ("may", "can",
/// "could", "might"), which states a possibility as often as an option.
fn bare_modal(clauses: &Clauses, s: &At, e: &At) -> bool {
    s.block == e.block
        && s.token == e.token
        && matches!(
            clauses.blocks[s.block].tokens[s.token].lower.as_str(),
            "may" | "can" | "could" | "might"
        )
}

/// Whether a token is an auxiliary verb ("is", "are", "will", "does").
fn auxiliary(clauses: &Clauses, at: &At) -> bool {
    matches!(
        clauses.blocks[at.block].tokens[at.token].lower.as_str(),
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "shall"
            | "would"
            | "does"
            | "do"
            | "did"
            | "has"
            | "have"
            | "had"
            | "must"
            | "can"
            | "may"
    )
}

/// Whether a party pronoun ("it", "they") stands strictly between two
/// positions of the unit's own sentence.
fn pronoun_between(clauses: &Clauses, read: &Read, a: usize, b: usize) -> bool {
    read.between(a, b).any(|at| {
        matches!(
            clauses.blocks[at.block].tokens[at.token].lower.as_str(),
            "it" | "they" | "its" | "their"
        )
    })
}

/// What a unit holds, in unit order (lead-in first): every label found
/// with where it is, and where its clauses start (the unit, its sentence,
/// and after each comma, semicolon, colon or closing bracket).
#[derive(Debug)]
pub struct Read {
    found: Vec<(At, At, Label)>,
    /// Where the unit's parts and clauses start.
    starts: Vec<usize>,
    /// The unit's parts (lead-in first): block, tokens, and the order in
    /// the unit of the first.
    parts: Vec<(usize, Range<usize>, usize)>,
    /// Where a joined clause starts, after a conjunction or a semicolon.
    joins: Vec<usize>,
    /// The clause starts that are not inside a concept's phrase (a comma
    /// in "admission, discharge or transfer" opens no clause).
    clause_starts: Vec<usize>,
    /// The markers, grouped by kind, each group in unit order: judging a
    /// statement asks for one kind at a time, many times over.
    markers: Vec<(At, At)>,
    /// Where each kind's group starts in `markers` (and where the last
    /// ends), indexed by the marker's discriminant.
    marker_starts: [u32; MARKER_KINDS + 1],
    /// Where the unit excepts its duty away ([`exception`]), whatever the
    /// element: read once.
    exception: Option<(At, At)>,
    /// The parties the unit names, in unit order: every statement judged
    /// asks who binds it ([`actor`]).
    roles: Vec<(PartyRole, At, At)>,
}

/// How many kinds of [`Marker`] there are.
const MARKER_KINDS: usize = Marker::Opaque as usize + 1;

/// What a unit holds, with its lead-in: computed once per unit, when the
/// model is built, and read by every element's matching.
pub fn read(clauses: &Clauses, u: &Unit) -> Read {
    labels(clauses, u)
}

fn labels(clauses: &Clauses, u: &Unit) -> Read {
    let parts: Vec<(usize, Range<usize>)> = u
        .lead_in
        .iter()
        .cloned()
        .chain(std::iter::once((u.block, u.tokens.clone())))
        .collect();
    // Sized up front: a unit is read once, and growing its vectors by
    // doubling cost as much as filling them.
    let words: usize = parts.iter().map(|(_, r)| r.len()).sum();
    let mut found = Vec::with_capacity(words);
    let mut starts = Vec::with_capacity(words / 4 + parts.len());
    let mut seq = 0;
    for (_, range) in &parts {
        starts.push(seq);
        seq += range.len();
    }
    let mut seq = 0;
    let mut joins = Vec::with_capacity(words / 8 + 1);
    let mut placed = Vec::with_capacity(parts.len());
    for (block, range) in parts {
        let b = &clauses.blocks[block];
        placed.push((block, range.clone(), seq));
        for (i, t) in b.tokens[range.clone()].iter().enumerate() {
            // A clause opens after a comma, semicolon, colon or closing
            // bracket, and at a conjunction ("..., and the MCP conducts").
            let conjunction = matches!(
                t.lower.as_str(),
                "and" | "but" | "while" | "whereas" | "then"
            );
            if conjunction || matches!(t.kind, TokenKind::Punct(',' | ';' | ':' | ')')) {
                starts.push(seq + i + 1);
            }
            if conjunction || t.kind == TokenKind::Punct(';') {
                joins.push(seq + i + 1);
            }
        }
        // The block's labels are in order of start: only the unit's window
        // is visited, so a block of many sentences costs linear time.
        let from = b.found.partition_point(|f| f.start < range.start);
        let to = b.found.partition_point(|f| f.start < range.end);
        for f in &b.found[from..to] {
            if f.end <= range.end {
                let at = |t: usize| At {
                    block,
                    token: t,
                    seq: seq + t - range.start,
                };
                found.push((at(f.start), at(f.end - 1), f.label));
            }
        }
        seq += range.len();
    }
    found.sort_by_key(|(s, _, _)| s.seq);
    // Positions inside a concept's phrase, after its first word.
    let mut inside = vec![false; seq + 1];
    for (s, e, l) in &found {
        if matches!(l, Label::Concept(_)) {
            inside[s.seq + 1..=e.seq].fill(true);
        }
    }
    let clause_starts = starts
        .iter()
        .copied()
        .filter(|&c| !inside.get(c).copied().unwrap_or(false))
        .collect();
    let mut kinds = [0u32; MARKER_KINDS + 1];
    for (_, _, l) in &found {
        if let Label::Marker(m) = l {
            kinds[*m as usize + 1] += 1;
        }
    }
    for k in 1..=MARKER_KINDS {
        kinds[k] += kinds[k - 1];
    }
    let mut markers = vec![(At::PLACEHOLDER, At::PLACEHOLDER); kinds[MARKER_KINDS] as usize];
    let mut next = kinds;
    for (s, e, l) in &found {
        if let Label::Marker(m) = l {
            markers[next[*m as usize] as usize] = (*s, *e);
            next[*m as usize] += 1;
        }
    }
    let roles = found
        .iter()
        .filter_map(|(s, e, l)| match l {
            Label::Role(r) => Some((*r, *s, *e)),
            _ => None,
        })
        .collect();
    let mut read = Read {
        found,
        starts,
        parts: placed,
        joins,
        clause_starts,
        markers,
        marker_starts: kinds,
        exception: None,
        roles,
    };
    read.exception = exception(clauses, &read);
    read
}

impl At {
    /// A position to fill a table with before it is written.
    const PLACEHOLDER: At = At {
        block: 0,
        token: 0,
        seq: 0,
    };
}

impl Read {
    /// The markers of one kind, in unit order: first and last token each.
    fn marks(&self, m: Marker) -> std::iter::Copied<std::slice::Iter<'_, (At, At)>> {
        self.marker_slice(m).iter().copied()
    }

    /// [`Self::marks`] as a slice, to search by position.
    fn marker_slice(&self, m: Marker) -> &[(At, At)] {
        let from = self.marker_starts[m as usize] as usize;
        let to = self.marker_starts[m as usize + 1] as usize;
        &self.markers[from..to]
    }

    /// The tokens strictly between two positions of the unit, in order.
    fn between(&self, a: usize, b: usize) -> impl Iterator<Item = At> + '_ {
        self.within(a + 1..b)
    }

    /// Where the clause holding position `seq` starts: the last clause
    /// start at or before it.
    fn clause_start(&self, seq: usize) -> usize {
        self.clause_starts
            .iter()
            .copied()
            .filter(|&c| c <= seq)
            .max()
            .unwrap_or(0)
    }

    /// The token at a position of the unit.
    fn at(&self, seq: usize) -> Option<At> {
        self.within(seq..seq.saturating_add(1)).next()
    }

    /// The tokens at positions `r` of the unit, in order.
    fn within(&self, r: Range<usize>) -> impl Iterator<Item = At> + '_ {
        self.parts.iter().flat_map(move |(block, range, seq)| {
            let from = r.start.max(*seq);
            let to = r.end.min(seq + range.len());
            (from..to.max(from)).map(move |s| At {
                block: *block,
                token: range.start + s - seq,
                seq: s,
            })
        })
    }
}

fn judge(clauses: &Clauses, i: usize, el: &Element) -> Option<Match> {
    let u = &clauses.units[i];
    let read = clauses.read(i);
    let found = &read.found;
    let occurrences = |ids: &[u16]| -> Vec<(At, At)> {
        found
            .iter()
            .filter_map(|(s, e, l)| match l {
                Label::Concept(c) if ids.contains(c) => Some((*s, *e)),
                _ => None,
            })
            .collect()
    };
    let groups: Vec<Vec<(At, At)>> = if el.choices_of.is_empty() {
        el.concepts.iter().map(|g| occurrences(g)).collect()
    } else {
        // One pass over the unit's words, each concept word into every
        // choice that accepts it (in the words' order, as above).
        let mut groups = vec![Vec::new(); el.concepts.len()];
        for (s, e, l) in found {
            let Label::Concept(c) = l else { continue };
            let Ok(k) = el.choices_of.binary_search_by_key(c, |&(id, _)| id) else {
                continue;
            };
            let mut bits = el.choices_of[k].1;
            while bits != 0 {
                groups[bits.trailing_zeros() as usize].push((*s, *e));
                bits &= bits - 1;
            }
        }
        groups
    };
    if groups.iter().any(Vec::is_empty) {
        return None;
    }
    let number = match el.unit {
        Some(unit) => Some(bounded_number(clauses, u, unit)?),
        None => None,
    };
    // Each statement of the first concept is judged on its own ("The County
    // refers Members to the Plan, and the Plan refers Members to the
    // County"): a sound one wins.
    // A real sentence states its duty a few times at most; a block with no
    // sentence end (a pasted table, one huge line) is judged on its first
    // statements only, so that its cost stays linear in its length.
    const MOST_HEADS: usize = 16;
    // Joined clauses with a subject of their own ("..., and the MCP shall
    // refer"): the occurrence on the head's side of one is nearer.
    let subjects: Vec<usize> = read
        .joins
        .iter()
        .copied()
        .filter(|&c| {
            read.roles
                .iter()
                .any(|(_, s, _)| c <= s.seq && s.seq <= c + 2)
        })
        .collect();
    let mut best: Option<Match> = None;
    let mut spans = Vec::with_capacity(groups.len());
    for &head in groups[0].iter().take(MOST_HEADS) {
        spans.clear();
        spans.push(head);
        spans.extend(groups[1..].iter().map(|g| nearest(g, head, &subjects)));
        if borrowed(clauses, read, &subjects, &spans) {
            continue;
        }
        let Some(m) = judge_at(clauses, u, el, read, &spans, number.clone()) else {
            continue;
        };
        let sound = m.weakness.is_none();
        if best.is_none() || sound {
            best = Some(m);
        }
        if sound {
            break;
        }
    }
    best
}

/// Whether the statement at `head` is a Member's own act, in the present
/// tense and active voice, binding no party ("Members who want food aid
/// apply to the County on their own"): its clause opens with the Member
/// as its subject, and no modal is in the unit ("Members shall be
/// referred" and "Members are referred" state a party's duty).
fn members_act(clauses: &Clauses, read: &Read, head: usize) -> bool {
    if read.marks(Marker::Duty).next().is_some() || read.marks(Marker::Weak).next().is_some() {
        return false;
    }
    let word = |seq: usize| word_at(clauses, read, seq);
    if head.checked_sub(1).and_then(word).is_some_and(is_be) {
        return false;
    }
    let start = read.clause_start(head);
    let opening = (start..head).find(|&seq| {
        !word(seq).is_some_and(|w| matches!(w, "the" | "a" | "an" | "any" | "each" | "all"))
    });
    // The Member is the subject: the act follows it, or a relative clause
    // does ("Members who want ..."); not "Member information is shared".
    let member = opening.and_then(|seq| {
        read.found
            .iter()
            .filter(|(s, _, l)| s.seq == seq && *l == Label::Concept(clauses.member))
            .map(|(_, e, _)| e.seq)
            .max()
    });
    member.is_some_and(|end| end + 1 == head || word(end + 1).is_some_and(|w| w == "who"))
}

/// Whether the head (`spans[0]`) is in a joined clause with a subject of
/// its own while another concept is named only before that clause ("The
/// MCP shall refer Members ..., and First 5 shall inform the MCP of the
/// outcome of each referral": First 5 refers no Member). An object
/// pronoun or a demonstrative in the clause may stand for what came before
/// ("and First 5 refers them back", "those families", "coordinate it").
fn borrowed(clauses: &Clauses, read: &Read, subjects: &[usize], spans: &[(At, At)]) -> bool {
    let head = spans[0].0.seq;
    let Some(&start) = subjects.iter().rev().find(|&&c| c <= head) else {
        return false;
    };
    if !spans[1..].iter().any(|(s, _)| s.seq < start) {
        return false;
    }
    // A clause is joined after a semicolon or a comma and a conjunction;
    // a bare "and" may join two subjects ("the Plan and the Department
    // shall continue").
    let token = |seq: usize| {
        read.at(seq)
            .map(|at| &clauses.blocks[at.block].tokens[at.token])
    };
    let after_comma = |seq: usize| {
        token(seq).is_some_and(|t| t.kind == TokenKind::Punct(';'))
            || seq
                .checked_sub(1)
                .and_then(token)
                .is_some_and(|t| t.kind == TokenKind::Punct(','))
    };
    if !start.checked_sub(1).is_some_and(after_comma) {
        return false;
    }
    // A verb that ends its clause takes its object from before ("..., and
    // the Plan's care manager attends").
    if token(head_end(read, head) + 1).is_none_or(|t| matches!(t.kind, TokenKind::Punct(_))) {
        return false;
    }
    let end = read
        .joins
        .iter()
        .copied()
        .find(|&j| j > head)
        .unwrap_or(usize::MAX);
    // "it" stands back as an object (before a preposition, a comma or the
    // end: "to coordinate it with"), not as the clause's subject ("each
    // referral it receives").
    let object = |seq: usize| {
        token(seq + 1).is_none_or(|t| matches!(t.kind, TokenKind::Punct(_)))
            || read
                .found
                .iter()
                .any(|(s, _, l)| s.seq == seq + 1 && *l == Label::Marker(Marker::Object))
    };
    !read.within(start..end).any(|at| {
        match clauses.blocks[at.block].tokens[at.token].lower.as_str() {
            "them" | "those" | "these" | "such" | "same" => true,
            "it" => object(at.seq),
            _ => false,
        }
    })
}

/// The occurrence nearest to `head` (`occ` is in unit order, non-empty),
/// one with no clause start in `apart` between it and the head first.
fn nearest(occ: &[(At, At)], head: (At, At), apart: &[usize]) -> (At, At) {
    let at = occ.partition_point(|(s, _)| s.seq < head.0.seq);
    let before = at.checked_sub(1).map(|i| occ[i]);
    let after = occ.get(at).copied();
    let split = |a: usize, b: usize| apart.iter().any(|&c| a < c && c <= b);
    match (before, after) {
        (Some(b), Some(a)) if split(b.0.seq, head.0.seq) != split(head.0.seq, a.0.seq) => {
            if split(b.0.seq, head.0.seq) {
                a
            } else {
                b
            }
        }
        (Some(b), Some(a)) if head.0.seq - b.0.seq <= a.0.seq - head.0.seq => b,
        (_, Some(a)) => a,
        (Some(b), None) => b,
        (None, None) => unreachable!("occurrences are non-empty"),
    }
}

fn judge_at(
    clauses: &Clauses,
    u: &Unit,
    el: &Element,
    read: &Read,
    spans: &[(At, At)],
    number: Option<(u32, Range<usize>)>,
) -> Option<Match> {
    let found = &read.found;
    // The sentence's own words: a list item may state nothing but what its
    // lead-in governs, yet its range is in its own block.
    let own = || spans.iter().filter(|(s, _)| s.block == u.block);
    let toks = &clauses.blocks[u.block].tokens;
    let sentence = {
        let t = &toks[u.tokens.clone()];
        t[0].range.start..t[t.len() - 1].range.end
    };
    // What a specific element names is in the whole sentence.
    let first_own = own().map(|(s, _)| s.token).min();
    let range = match first_own {
        Some(start) if el.specificity.is_none() => {
            let end = own().map(|(_, e)| e.token).max().expect("non-empty");
            toks[start].range.start..toks[end].range.end
        }
        _ => sentence.clone(),
    };
    let head = spans[0].0.seq;
    let bound = actor(clauses, read, head);
    if el.def.force == Force::Duty && bound.is_none() && members_act(clauses, read, head) {
        return None;
    }
    // Parties the sentence names besides the one it binds. DHCS is no
    // party to the MOU, so naming it always counts, even as the subject
    // of a passive ("DHCS is notified by the MCP").
    for role in &el.def.roles {
        let named = read.roles.iter().any(|(r, s, _)| {
            r.binds(*role)
                && (*role == PartyRole::Dhcs || bound.is_none_or(|(_, b, _)| b.seq != s.seq))
        });
        if !named {
            return None;
        }
    }
    // A concept the element asks of its object that is in fact the
    // subject with the party's name ("The CoC Responsible Person shall
    // designate a liaison") does not state it: the Responsible Person acts,
    // no one designates one.
    if let Some((_, _, be)) = bound {
        let modal = found
            .iter()
            .find(|(s, _, l)| {
                s.seq > be.seq && matches!(l, Label::Marker(Marker::Duty | Marker::Weak))
            })
            .map(|(s, _, _)| s.seq);
        if let Some(m) = modal.filter(|&m| m < head) {
            let subject = spans[1..]
                .iter()
                .any(|(s, e)| s.seq == be.seq + 1 && e.seq + 1 == m);
            if subject {
                return None;
            }
        }
    }
    let first = spans.iter().map(|(s, _)| s.seq).min().expect("concepts");
    let last = spans.iter().map(|(_, e)| e.seq).max().expect("concepts");
    // What a clause opened by a premise holds alone is supposed, not
    // stated ("If a liaison is designated, the liaison shall serve"): no
    // statement of a duty or a prohibition.
    if matches!(el.def.force, Force::Duty | Force::Prohibition) && supposed(read, first, last) {
        return None;
    }
    // Words that contradict it are the more telling cause.
    let weakness = contradicted(clauses, read, el)
        .or_else(|| force(clauses, read, (head, first, last), el, bound))
        .or_else(|| {
            // The whole sentence is the cause: none of its words names one.
            unspecified(clauses, read, el).then_some((Weakness::Unspecified, u.block, sentence))
        });
    Some(Match {
        block: u.block,
        range,
        number,
        weakness,
    })
}

/// The first words of the unit that contradict the element (see
/// [`crate::catalog::defs::ElementDef::against`]), unless a negation
/// shortly before them in their clause denies them ("no service is
/// withheld, delayed or stopped").
fn contradicted(
    clauses: &Clauses,
    read: &Read,
    el: &Element,
) -> Option<(Weakness, usize, Range<usize>)> {
    const NEAR: usize = 8;
    // Most elements name nothing that contradicts them.
    if el.against.is_empty() {
        return None;
    }
    let denied = |at: usize| {
        read.marks(Marker::Negation).any(|(n, _)| {
            n.seq < at && at <= n.seq + NEAR && !read.joins.iter().any(|&j| n.seq < j && j <= at)
        })
    };
    let (s, e, _) = read.found.iter().find(|(s, _, l)| {
        matches!(l, Label::Concept(c) if el.against.contains(c)) && !denied(s.seq)
    })?;
    let (b, r) = bytes(clauses, *s, *e);
    Some((Weakness::Contradicted, b, r))
}

/// Whether the unit names nothing in words of its own, for an element
/// that must be specific: every word is in a concept, a
/// party mention or a marker, is one of the lexicon's general words, or is
/// part of a name (a word right before a party mention: "Monterey
/// County"). A list item or table cell brings its own words, and a word
/// pointing at where things are named ("the following services", "listed
/// in Exhibit B") names them there.
fn unspecified(clauses: &Clauses, read: &Read, el: &Element) -> bool {
    let Some(words) = el.specificity.as_ref() else {
        return false;
    };
    let len = read
        .parts
        .last()
        .map_or(0, |(_, range, seq)| seq + range.len());
    let mut explained = vec![false; len + 1];
    let mut party_at = vec![false; len + 1];
    for (s, e, l) in &read.found {
        explained[s.seq..=e.seq].fill(true);
        if matches!(l, Label::Role(_)) {
            party_at[s.seq] = true;
        }
    }
    !read.within(0..len).any(|at| {
        let t = &clauses.blocks[at.block].tokens[at.token];
        let own = !explained[at.seq]
            && !party_at[at.seq + 1]
            && words.general.binary_search(&t.stem).is_err();
        t.kind == TokenKind::Word && (own || words.pointers.binary_search(&t.stem).is_ok())
    })
}

/// Where the concept phrase starting at `head` ends (its longest).
fn head_end(read: &Read, head: usize) -> usize {
    read.found
        .iter()
        .filter(|(s, _, l)| s.seq == head && matches!(l, Label::Concept(_)))
        .map(|(_, e, _)| e.seq)
        .max()
        .unwrap_or(head)
}

/// Whether the words from `first` to `last` lie in one clause that a
/// premise opens ("if", "when": see [`Marker::Premise`]).
fn supposed(read: &Read, first: usize, last: usize) -> bool {
    read.marks(Marker::Premise).any(|(s, _)| {
        s.seq < first
            && (s.seq == 0 || read.starts.contains(&s.seq))
            && !read.starts.iter().any(|&c| s.seq < c && c <= last)
    })
}

/// The words' bytes: from `s` to `e` (one block).
fn bytes(clauses: &Clauses, s: At, e: At) -> (usize, Range<usize>) {
    let t = &clauses.blocks[s.block].tokens;
    (s.block, t[s.token].range.start..t[e.token].range.end)
}

/// Judges the force of the unit for the element whose concepts span
/// `first..=last` (unit order).
fn force(
    clauses: &Clauses,
    read: &Read,
    (head, first, last): (usize, usize, usize),
    el: &Element,
    bound: Option<(PartyRole, At, At)>,
) -> Option<Weakening> {
    let found = &read.found;
    let marker = |m: Marker| read.marks(m);
    // The bounds, in unit order: every modal and negation asks whether it
    // stands inside one, and a unit may hold thousands, so only those that
    // start at most the longest one's length before it are looked at.
    let bounds = read.marker_slice(Marker::Bound);
    let longest = bounds.iter().map(|(s, e)| e.seq - s.seq).max().unwrap_or(0);
    let inside_bound = |s: &At| {
        let from = bounds.partition_point(|(bs, _)| bs.seq + longest < s.seq);
        bounds[from..]
            .iter()
            .take_while(|(bs, _)| bs.seq <= s.seq)
            .any(|(_, be)| s.seq <= be.seq)
    };
    // A prohibition's negation may stand anywhere before its last word
    // ("Members receive no priority"); a duty is denied by a negation
    // before its head, the element's first concept ("does not post"), not
    // by one inside what it requires ("confirms the Member is not
    // enrolled").
    let negation = marker(Marker::Negation).rfind(|(s, _)| s.seq <= last && !inside_bound(s));
    // A restriction after the negation and before the element's last
    // concept makes what follows it what the negation requires, not what
    // it denies: the sentence states a limit ("shall not disclose records
    // unless the parent consents", "shall not disclose them except as
    // Part 2 permits").
    let restricted_between =
        |n: &At| marker(Marker::Restriction).any(|(r, _)| n.seq < r.seq && r.seq < last);
    // The negation stands in the head's clause, or at a modal that governs
    // it across a clause ("shall not, at any time, refer"); one in another
    // clause ("who have not yet reached age five, and the WIC Agency
    // refers") denies something else.
    let at_modal = |n: &At| {
        read.marks(Marker::Duty)
            .chain(read.marks(Marker::Weak))
            .any(|(m, me)| m.seq <= n.seq + 2 && n.seq <= me.seq + 2)
    };
    // The clause holding the head: from the last clause start at or
    // before it to the next one.
    let clause_start = read.clause_start(head);
    let denial = marker(Marker::Negation)
        .rfind(|(s, _)| s.seq < head && !inside_bound(s))
        .filter(|(s, _)| s.seq >= clause_start || at_modal(s))
        .filter(|(s, _)| !restricted_between(s));
    // Or by one right after its head and the auxiliaries that follow it,
    // when the head is the subject of a passive ("services are not
    // continued", "the choice does not decide").
    let head_end = head_end(read, head);
    let passive_denial = marker(Marker::Negation).find(|(s, _)| {
        s.seq > head_end
            && !inside_bound(s)
            && read
                .between(head_end, s.seq)
                .all(|t| auxiliary(clauses, &t))
    });
    let denial = denial.or(passive_denial);
    let clause_end = read
        .clause_starts
        .iter()
        .copied()
        .filter(|&c| c > head)
        .min()
        .unwrap_or(usize::MAX);
    // A denial word takes the duty away before its head or in its clause
    // ("referrals are excluded from this MOU").
    let taken = marker(Marker::Denial).find(|(s, _)| s.seq < clause_end && !inside_bound(s));
    // Or later in the sentence, when it points back at the duty ("...
    // are the LHD's responsibility, and the MCP has no obligation with
    // respect to them").
    let points_back = |e: &At| {
        read.between(e.seq, e.seq + 5).any(|t| {
            matches!(
                clauses.blocks[t.block].tokens[t.token].lower.as_str(),
                "it" | "them" | "these" | "those" | "this" | "that"
            )
        })
    };
    let taken_back = taken.or_else(|| {
        marker(Marker::Denial)
            .find(|(s, e)| s.seq >= clause_end && !inside_bound(s) && points_back(e))
    });
    // The modal governing the duty: the last duty or weak word before its
    // first concept, else the first after it ("Training is required").
    let modals: Vec<(At, At, bool)> = found
        .iter()
        .filter_map(|(s, e, l)| match l {
            Label::Marker(Marker::Duty) => Some((*s, *e, false)),
            Label::Marker(Marker::Weak) => Some((*s, *e, true)),
            _ => None,
        })
        .filter(|(s, _, _)| !inside_bound(s))
        .collect();
    // A modal does not govern across a joined clause with its own subject
    // ("The County may ask, and the Plan shares"); a weak one after a Member is the Member's
    // entitlement, not the party's option ("Members may receive"). With
    // none before it, the first after it governs ("Training is required").
    let new_subject = |a: usize, b: usize| {
        read.roles.iter().any(|(_, s, _)| {
            a < s.seq
                && s.seq < b
                && read
                    .joins
                    .iter()
                    .any(|&c| a < c && c <= s.seq && s.seq <= c + 2)
        })
    };
    let entitled = |m: &At| {
        found.iter().any(|(_, e, l)| {
            *l == Label::Concept(clauses.member) && e.seq < m.seq && m.seq <= e.seq + 2
        })
    };
    let governing = modals
        .iter()
        .rfind(|(s, _, weak)| {
            s.seq < first && !(*weak && entitled(s)) && !new_subject(s.seq, first)
        })
        .or_else(|| modals.iter().find(|(s, _, _)| s.seq >= first));
    // A negation of the modal governing the head: "shall not", "in no
    // event shall", "neither Party shall", "no Party may".
    let modal_negation = governing.and_then(|(ms, me, _)| {
        marker(Marker::Negation)
            .filter(|(n, _)| !inside_bound(n))
            .find(|(n, ne)| {
                let inside = ms.seq <= n.seq && ne.seq <= me.seq;
                let before = ne.seq < ms.seq
                    && read.between(ne.seq, ms.seq).all(|t| {
                        read.roles
                            .iter()
                            .any(|(_, rs, re)| rs.seq <= t.seq && t.seq <= re.seq)
                    });
                let after = n.seq == me.seq + 1;
                inside || before || after
            })
    });
    // A statement with no modal whose head is its subject, denied by its
    // verb: "Capitalized terms used in this MOU do not take the meanings
    // given in the MCP Contract". Only an article, a determiner or words
    // of a concept may come before the head in its clause, so a party's
    // verb ("The MCP confirms the Member is not enrolled") is not read
    // this way.
    let subject_denied = || {
        let modal_before = read
            .marks(Marker::Duty)
            .chain(read.marks(Marker::Weak))
            .any(|(s, _)| s.seq < last);
        let opens = read.within(clause_start..head).all(|t| {
            let named = found.iter().any(|(s, e, l)| {
                matches!(l, Label::Concept(_)) && s.seq <= t.seq && t.seq <= e.seq
            });
            named
                || matches!(
                    clauses.blocks[t.block].tokens[t.token].lower.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "all"
                        | "any"
                        | "each"
                        | "every"
                        | "such"
                        | "these"
                        | "those"
                        | "this"
                        | "that"
                )
        });
        if modal_before || !opens {
            return None;
        }
        marker(Marker::Negation).find(|(n, _)| {
            head_end < n.seq
                && n.seq < last
                && !inside_bound(n)
                && !restricted_between(n)
                && n.seq < clause_end
                && n.seq
                    .checked_sub(1)
                    .and_then(|p| read.at(p))
                    .is_some_and(|t| auxiliary(clauses, &t))
        })
    };
    match el.def.force {
        // What need not be a duty (a negation may be its content: "services
        // are not duplicated") is still taken away by a denial word in its
        // own clause ("dyadic services are excluded").
        // Its clause, or an earlier one with no new subject between: a
        // list's commas do not end the denial's reach ("Neither Party is
        // required to prevent, track or resolve duplicative services").
        Force::Any | Force::Stated => {
            if let Some((s, e)) = modal_negation.filter(|_| el.def.force == Force::Stated) {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::Negated, b, r));
            }
            if let Some((s, e)) =
                taken.filter(|(s, _)| s.seq >= clause_start || !new_subject(s.seq, head))
            {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::Negated, b, r));
            }
            // What need not be a duty is still made optional by words that
            // leave it to a party's choice ("are encouraged to coordinate",
            // "may, at their discretion, share"): only a bare modal ("may",
            // "can") may state a possibility or a Member's entitlement. A
            // duty to try ("shall attempt to resolve it within fifteen
            // days") still states what it is about.
            let tried = |w: &At| {
                found.iter().any(|(_, de, l)| {
                    *l == Label::Marker(Marker::Duty) && de.seq < w.seq && w.seq <= de.seq + 3
                })
            };
            if let Some((s, e, true)) =
                governing.filter(|(s, e, _)| !bare_modal(clauses, s, e) && !tried(s))
            {
                let (b, r) = bytes(clauses, *s, *e);
                return Some((Weakness::Optional, b, r));
            }
        }
        Force::Duty => {
            if let Some((s, e)) = denial.or(taken_back).or_else(subject_denied) {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::Negated, b, r));
            }
            // An exception names the judgment it leaves the duty to
            // ("unless the Plan considers it unnecessary"), more than the
            // weak word inside it.
            if let Some((s, e)) = read.exception {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::Excepted, b, r));
            }
            // A permission narrowed before the element's last concept
            // is a limit, not an option ("may disclose it only after the
            // Member consents").
            let limited =
                |m: &At| marker(Marker::Limit).any(|(r, _)| m.seq < r.seq && r.seq < last);
            if let Some((s, e, true)) = governing.filter(|(s, _, _)| !limited(s)) {
                let (b, r) = bytes(clauses, *s, *e);
                return Some((Weakness::Optional, b, r));
            }
        }
        Force::Prohibition => {
            // A negation shortly before a word that forbids the element's
            // concept, in its clause, lifts the prohibition ("Nothing in
            // this MOU limits the MCP's ability to delegate"; not "...,
            // and nothing in it limits a Member's access").
            let one_clause = |a: usize, b: usize| !read.starts.iter().any(|&c| a < c && c <= b);
            let lifted = marker(Marker::Negation)
                .filter(|(n, _)| !inside_bound(n))
                .find_map(|(n, _)| {
                    marker(Marker::Prohibit)
                        .find(|(p, _)| {
                            n.seq < p.seq
                                && p.seq <= n.seq + 6
                                && p.seq < first
                                && one_clause(n.seq, first)
                        })
                        .map(|(_, pe)| (n, pe))
                });
            if let Some((s, e)) = lifted {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::NotProhibited, b, r));
            }
            // Advice is no prohibition ("should refrain from delegating").
            if let Some((s, e, true)) = governing.filter(|(s, e, _)| !bare_modal(clauses, s, e)) {
                let (b, r) = bytes(clauses, *s, *e);
                return Some((Weakness::Optional, b, r));
            }
            let restricted = marker(Marker::Restriction)
                .chain(marker(Marker::Prohibit))
                .next()
                .is_some();
            if negation.is_none() && !restricted {
                let (s, e) = found
                    .iter()
                    .find(|(s, _, _)| s.seq == first)
                    .map(|(s, e, _)| (*s, *e))
                    .expect("the first concept is found");
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::NotProhibited, b, r));
            }
        }
    }
    if let Some((s, e)) = read.exception {
        let (b, r) = bytes(clauses, s, e);
        return Some((Weakness::Excepted, b, r));
    }
    if let Some(wanted) = el.def.actor {
        if let Some((role, s, e)) = bound {
            if !role.binds(wanted) {
                let (b, r) = bytes(clauses, s, e);
                return Some((Weakness::WrongParty(role), b, r));
            }
        }
    }
    None
}

/// Who the unit binds for the statement at `head`: the last party named
/// before it other than as an object ("to", "with", "from" the County),
/// with one joined to it by "and" binding both; else the agent of a
/// passive ("referred by the Plan").
fn actor(clauses: &Clauses, read: &Read, head: usize) -> Option<(PartyRole, At, At)> {
    // Between a preposition and the name: at most an article or "each".
    // (The markers are grouped by kind: read in place, not collected.)
    let after = |m: Marker, s: &At| {
        read.marks(m)
            .any(|(_, e)| e.seq < s.seq && s.seq <= e.seq + 2)
    };
    let roles = &read.roles;
    // A subject comes right before its modal ("the Plan shall") or opens
    // a clause ("The County refers", "..., and the MCP conducts"); the one
    // nearest the statement binds. A mention placed otherwise, or a
    // possessive ("the CoC's services"), binds no one.
    let modal_starts = || {
        read.marks(Marker::Duty)
            .chain(read.marks(Marker::Weak))
            .map(|(s, _)| s.seq)
    };
    // A passive verb with its agent right after it ("A CCS Liaison is
    // designated by the MCP") binds the agent, whatever its subject names.
    let be = |seq: Option<usize>| {
        seq.and_then(|seq| word_at(clauses, read, seq))
            .is_some_and(is_be)
    };
    if be(head.checked_sub(1)) || be(head.checked_sub(2)) {
        let head_end = head_end(read, head);
        let by = read
            .marks(Marker::Agent)
            .map(|(_, e)| e.seq)
            .find(|&m| m == head_end + 1);
        if let Some(m) = by {
            if let Some(&(role, s, e)) = roles.iter().find(|(_, s, _)| m < s.seq && s.seq <= m + 2)
            {
                return Some((role, s, e));
            }
        }
    }
    let possessive = |e: &At| clauses.blocks[e.block].tokens[e.token].possessive;
    let free: Vec<&(PartyRole, At, At)> = roles
        .iter()
        .filter(|(_, s, _)| s.seq < head && !after(Marker::Object, s) && !after(Marker::Agent, s))
        .collect();
    // A possessive opening the clause of the statement, with no other
    // party before it, names who acts through its staff ("the Plan's
    // Child Welfare Liaison or care manager shall attend").
    let placed = |s: &At, e: &At| {
        let opens = read.starts.iter().any(|&c| c <= s.seq && s.seq <= c + 2);
        if possessive(e) {
            let other_between = roles
                .iter()
                .any(|(_, rs, _)| e.seq < rs.seq && rs.seq < head);
            return opens && head <= e.seq + 10 && !other_between;
        }
        modal_starts().any(|m| m > e.seq && m <= e.seq + 3) || opens
    };
    let subject = free.iter().rev().find(|(_, s, e)| placed(s, e));
    if let Some(&&(role, s, e)) = subject {
        // "The Plan and the County shall": two parties joined bind both.
        let joined = free
            .iter()
            .rev()
            .find(|(_, _, pe)| pe.seq < s.seq && s.seq <= pe.seq + 3);
        if let Some(&&(prev, ps, _)) = joined {
            if prev != role {
                return Some((PartyRole::Parties, ps, e));
            }
        }
        return Some((role, s, e));
    }
    // The agent of this passive follows its verb: the first after the
    // head, else the last before it.
    let agent = |r: &&(PartyRole, At, At)| after(Marker::Agent, &r.1);
    roles
        .iter()
        .filter(agent)
        .find(|(_, s, _)| s.seq > head)
        .or_else(|| roles.iter().filter(agent).rfind(|(_, s, _)| s.seq < head))
        .copied()
}

/// A number followed closely by the unit concept ("five (5) working
/// days"), in the unit's own sentence or its lead-in.
fn bounded_number(clauses: &Clauses, u: &Unit, unit: u16) -> Option<(u32, Range<usize>)> {
    let parts = u
        .lead_in
        .iter()
        .cloned()
        .chain(std::iter::once((u.block, u.tokens.clone())));
    for (block, range) in parts {
        let b = &clauses.blocks[block];
        for f in &b.found {
            if f.label != Label::Concept(unit) || f.start < range.start || f.end > range.end {
                continue;
            }
            // Back from the unit word over at most four tokens (the
            // repeated numeral and its brackets) to the number.
            let from = f.start.saturating_sub(5).max(range.start);
            let number = b.tokens[from..f.start]
                .iter()
                .rev()
                .take_while(|t| {
                    t.number.is_some()
                        || matches!(t.kind, TokenKind::Punct('(' | ')'))
                        || t.kind == TokenKind::Numeral
                })
                .find_map(|t| t.number.map(|n| (n, t.range.clone())));
            if number.is_some() {
                return number;
            }
        }
    }
    None
}
