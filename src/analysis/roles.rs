//! Roles: where each role the draft's templates require is mentioned, and
//! whether a mention designates it, computed once per document for
//! `doc.role` (which turns it into findings).
//!
//! Roles are data: each pack lists the roles its template requires (`roles:`
//! in `rules/packs/<id>.yaml`), with regexes for how drafts name them; the
//! Base pack holds the two every MOU needs (MCP Responsible Person and
//! Third-Party Responsible Person), so every template requires them.
//!
//! A role is *mentioned* where one of its patterns matches, in one
//! paragraph, heading, list item or table cell, or where a table's column
//! header and row label name it together (`MCP` over `Responsible
//! Person`). Each mention *reaches* the text that speaks about it: its
//! part of a paragraph (up to the mention of another role, split where a
//! sentence or clause ends between them), its table row, the cells under it
//! when it heads a column, and the lines right under a heading or a `Role:`
//! line naming it. A role is *designated* where a mention reaches contact
//! details (an email address or a phone number), or a position title when
//! the draft states that contact details are kept in the parties' Policies
//! and Procedures; a placeholder in reach (in a paragraph, in the mention's
//! own sentence) is a finding of its own.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::analysis::Analysis;
use crate::catalog::vocab::{Contacts, Names, Sentences};
use crate::catalog::Role;
use crate::frontmatter::Sp;
use crate::names::find_words;
use crate::text::BlockKind;
use crate::tree::Tree;
use crate::units::{units, Unit};

/// One required role, as the draft designates it.
pub struct RoleDesignation<'k> {
    pub role: &'k Role,
    /// The draft's templates that require it.
    pub templates: Vec<String>,
    /// Every mention of it.
    pub mentions: Vec<Mention>,
    /// Mentions that designate it, with the text they reach.
    pub designated: Vec<(Mention, Vec<Stretch>)>,
    /// Mentions whose contact details are a placeholder: the mention, its
    /// reach, and the placeholder (unit, range), one per row or paragraph.
    pub placeholders: Vec<(Mention, Vec<Stretch>, usize, Range<usize>)>,
}

/// The roles of one draft.
pub struct Designations<'a> {
    /// Paragraphs, items, headings and whole table rows, as roles read them.
    pub units: Vec<Unit>,
    pub roles: Vec<RoleDesignation<'a>>,
    /// The front matter's plans, when there are several (each designates
    /// its own MCP roles).
    pub plans: Vec<Plan<'a>>,
}

/// Reads every required role's mentions and designations.
pub fn designations<'k>(ctx: &Analysis<'k>) -> Designations<'k> {
    let required = ctx.catalog.roles(&ctx.templates);
    let tree = &ctx.doc.tree;
    let units = units(tree, 0..tree.blocks.len());
    let all = mentions(&units, &required);
    let contacts = &ctx.catalog.vocab.contacts;
    let sentences = &ctx.catalog.vocab.sentences;
    // Drafting notes and slots are instructions, not statements.
    let said = |t: &str| contacts.policies.is_match(t) && contacts.contact_words.is_match(t);
    let policies_statement = units
        .iter()
        .any(|u| said(&u.text) && said(&without_brackets(&u.text)));
    // Read lazily, once per unit, for the units some mention reaches.
    let facts: Vec<OnceCell<Facts>> = units.iter().map(|_| OnceCell::new()).collect();
    let plans: Vec<Plan> = ctx
        .doc
        .front
        .iter()
        .flat_map(|f| &f.mcps)
        .filter(|n| !n.value.trim_start().starts_with('['))
        .map(|name| Plan {
            name: name.clone(),
            forms: ctx.catalog.vocab.names.forms(&name.value),
            names: &ctx.catalog.vocab.names,
        })
        .filter(|p| !p.forms[0].is_empty())
        .collect();
    let mut roles = Vec::new();
    for (ri, (role, templates)) in required.into_iter().enumerate() {
        let mine: Vec<Mention> = all.iter().filter(|m| m.role == ri).cloned().collect();
        // Each mention: its reach, then whether that designates the role.
        let mut designated = Vec::new();
        let mut placeholders: Vec<(Mention, Vec<Stretch>, usize, Range<usize>)> = Vec::new();
        for m in &mine {
            let r = reach(tree, &units, &all, m, sentences);
            let ev = evidence(&units, &facts, &r, contacts);
            match ev.placeholder {
                // One finding per placeholder row or paragraph.
                Some((k, d)) if !placeholders.iter().any(|(_, _, j, _)| *j == k) => {
                    placeholders.push((m.clone(), r, k, d))
                }
                Some(_) => {}
                None if ev.contact || (policies_statement && titled(&units, m, &r, contacts)) => {
                    designated.push((m.clone(), r))
                }
                None => {}
            }
        }
        roles.push(RoleDesignation {
            role,
            templates,
            mentions: mine,
            designated,
            placeholders,
        });
    }
    Designations {
        units,
        roles,
        plans,
    }
}

struct Patterns {
    email: Regex,
    phone: Regex,
    title_after: Regex,
    title_before: Regex,
}

/// Compiles the patterns (see [`crate::checks::warm_patterns`]).
pub(crate) fn warm_patterns() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("built-in pattern");
        Patterns {
            email: re(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"),
            phone: re(r"(?:\+?1[\s.-]?)?(?:\([0-9]{3}\)\s?|\b[0-9]{3}[\s.-]?)[0-9]{3}[\s.-][0-9]{4}\b"),
            title_after: re(
                r"^(?:'s)?\s*(?:is|shall be|will be|:|-|,|\()\s*(?:the\s+|its\s+|an?\s+)?(?:[\w-]+'s\s+)?([A-Z][^.;()|]*)",
            ),
            title_before: re(
                r"(?i)\b(?:serves?|shall serve|will serve|is designated|shall be designated|will be designated|acts?|shall act|will act)\s+as\s+(?:the\s+|its\s+|an?\s+)?$",
            ),
        }
    })
}

/// The text with each bracketed run (a slot, a drafting note) as a space.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (whole, _) in crate::text::brackets(text, 1000) {
        out.push_str(&text[at..whole.start]);
        out.push(' ');
        at = whole.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The slots `moulint init` and the comparison fill from the front matter:
/// party names, not contact details.
fn is_party_slot(inner: &str) -> bool {
    let t = inner.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "mcp name" | "party name" | "county" | "counties"
    )
}

/// A slot for contact details (`[Name]`, `[Email]`, `[Title]`), not one
/// for a number or a date that happens to sit near the role.
fn is_contact_slot(inner: &str, contacts: &Contacts) -> bool {
    let t = inner.trim();
    !is_party_slot(t) && contacts.contact_slot.is_match(t)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What a unit's text holds, read once: placeholder contact details, and
/// real ones (email addresses, phone numbers) outside them.
#[derive(Debug, Default)]
struct Facts {
    dummies: Vec<Range<usize>>,
    contacts: Vec<Range<usize>>,
}

impl Facts {
    fn of(text: &str, vocab: &Contacts) -> Facts {
        let p = patterns();
        let mut dummies: Vec<Range<usize>> = crate::text::brackets(text, 80)
            .filter(|(_, inner)| is_contact_slot(&text[inner.clone()], vocab))
            .map(|(whole, _)| whole)
            .collect();
        for m in [&vocab.not_yet_named, &vocab.example_contact]
            .into_iter()
            .flat_map(|re| re.find_iter(text))
        {
            // Digits of a real number such as 000 inside 555-0100 are not a dummy.
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            if !dummies.iter().any(|r| overlaps(r, &m.range())) {
                dummies.push(m.range());
            }
        }
        dummies.sort_by_key(|r| r.start);
        let contacts = [&p.email, &p.phone]
            .into_iter()
            .flat_map(|re| re.find_iter(text))
            .map(|m| m.range())
            .filter(|m| !dummies.iter().any(|r| overlaps(r, m)))
            .collect();
        Facts { dummies, contacts }
    }
}

/// A position title tied to the mention at `m`: "Role: Director of X",
/// "Role is the MCP's Director of X", "The Director of X serves as the Role".
fn has_title(text: &str, m: &Range<usize>, contacts: &Contacts) -> bool {
    let p = patterns();
    if let Some(c) = p.title_after.captures(&text[m.end..]) {
        // At most 80 characters after the capital (an unbounded match,
        // cut here: a bounded repetition compiles many times slower).
        let end = c[1].char_indices().nth(81).map_or(c[1].len(), |(i, _)| i);
        let phrase: String = c[1][..end]
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        if contacts.title_word.is_match(&phrase) {
            return true;
        }
    }
    let before = &text[..m.start];
    if p.title_before.is_match(before) {
        let words: Vec<&str> = before.split_whitespace().rev().take(12).collect();
        return words.iter().any(|w| contacts.title_word.is_match(w));
    }
    false
}

/// One place a role is named.
#[derive(Debug, Clone)]
pub struct Mention {
    pub role: usize,
    pub unit: usize,
    pub range: Range<usize>,
    /// A role that only a table's column header and row label name together
    /// (`MCP` over `Responsible Person`): the row's cells that speak for it.
    pub cells: Vec<usize>,
}

/// Per role, per pattern: the units it may match in (`None`: any). A
/// role's patterns end in a literal few units hold ("responsible person",
/// "liaison") after first words most hold ("plan", "county"), so the
/// regex's own prefilter stops everywhere; one pass over all the units'
/// text for the literal leaves the regex the few units that hold it.
fn units_to_search(units: &[Unit], roles: &[(&Role, Vec<String>)]) -> Vec<Vec<Option<Vec<bool>>>> {
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(units.len());
    for u in units {
        starts.push(joined.len());
        joined.push_str(&u.text);
        joined.push('\n');
    }
    let lower = joined.to_ascii_lowercase();
    let unit_at = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    roles
        .iter()
        .map(|(role, _)| {
            role.regexes
                .iter()
                .map(|re| {
                    let hits = re.literal_starts(&joined, &lower)?;
                    let mut may = vec![false; units.len()];
                    hits.into_iter().for_each(|at| may[unit_at(at)] = true);
                    Some(may)
                })
                .collect()
        })
        .collect()
}

/// Every mention of every role; a match inside a longer match of another
/// role (the `Responsible Person` of `MCP Responsible Person`) is not one.
fn mentions(units: &[Unit], roles: &[(&Role, Vec<String>)]) -> Vec<Mention> {
    // The literal gate first: a regex search costs far more to start, and
    // most cells and labels hold no role's literal.
    let mut lower = String::new();
    let mut names = |t: &str, role: &Role| {
        lower.clear();
        lower.push_str(t);
        lower.make_ascii_lowercase();
        role.regexes
            .iter()
            .any(|re| !re.excludes_lowered(t, &lower) && re.is_match(t))
    };
    // Per column of the current table's header row, whether each role
    // names it: read once a table, not once a body row.
    let mut head_names: Option<(usize, Vec<Vec<bool>>)> = None;
    // A header cell and a label joined, both ways round.
    let (mut hl, mut lh) = (String::new(), String::new());
    let may_name = units_to_search(units, roles);
    let mut all = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let mut here: Vec<Mention> = Vec::new();
        for (ri, (role, _)) in roles.iter().enumerate() {
            let searched = role
                .regexes
                .iter()
                .zip(&may_name[ri])
                .filter(|(_, may)| may.as_ref().is_none_or(|units| units[ui]))
                .map(|(re, _)| re);
            for m in searched.flat_map(|re| re.find_iter(&u.text)) {
                let dup = here
                    .iter()
                    .any(|x| x.role == ri && overlaps(&x.range, &m.range()));
                // Not across two cells of a row (`Party | Responsible Person`).
                let one_cell = m.is_empty() || u.column(m.start()) == u.column(m.end() - 1);
                if !m.is_empty() && !dup && one_cell {
                    here.push(Mention {
                        role: ri,
                        unit: ui,
                        range: m.range(),
                        cells: Vec::new(),
                    });
                }
            }
        }
        let kept: Vec<Mention> = here
            .iter()
            .filter(|a| {
                !here.iter().any(|b| {
                    b.role != a.role
                        && b.range.start <= a.range.start
                        && a.range.end <= b.range.end
                        && b.range.len() > a.range.len()
                })
            })
            .cloned()
            .collect();
        all.extend(kept);
        // A body row of a table: its label and each column's header together.
        let Some((table, _)) = u.row.filter(|&(_, n)| n > 0) else {
            continue;
        };
        let (head, label) = (&units[table], u.cell(0).expect("a row has a cell"));
        let l = &u.text[label.clone()];
        if l.trim().is_empty() {
            continue;
        }
        let label_names: Vec<bool> = roles.iter().map(|(role, _)| names(l, role)).collect();
        if head_names.as_ref().is_none_or(|(t, _)| *t != table) {
            let cols = (0..head.width())
                .map(|col| {
                    let h = &head.text[head.cell(col).expect("in the row")];
                    roles.iter().map(|(role, _)| names(h, role)).collect()
                })
                .collect();
            head_names = Some((table, cols));
        }
        let head_names = &head_names.as_ref().expect("just set").1;
        let mut found: Vec<Mention> = Vec::new();
        let cols = u.width().min(head.width());
        for (col, head_col) in head_names.iter().enumerate().take(cols).skip(1) {
            let h = &head.text[head.cell(col).expect("checked")];
            if h.trim().is_empty() {
                continue;
            }
            hl.clear();
            hl.extend([h, " ", l]);
            lh.clear();
            lh.extend([l, " ", h]);
            for (ri, (role, _)) in roles.iter().enumerate() {
                if !head_col[ri] && !label_names[ri] && (names(&hl, role) || names(&lh, role)) {
                    found.push(Mention {
                        role: ri,
                        unit: ui,
                        range: label.clone(),
                        cells: vec![col],
                    });
                }
            }
        }
        // Columns no role heads (`Email`, `Phone`) speak for every role of the row.
        let taken: Vec<usize> = found.iter().map(|m| m.cells[0]).collect();
        for m in &mut found {
            m.cells
                .extend((1..u.width()).filter(|c| !taken.contains(c)));
        }
        all.extend(found);
    }
    all.sort_by_key(|m| (m.unit, m.range.start));
    all
}

/// Words that join two mentions into one ("the MCP Responsible Person and
/// the MCP Child Welfare Liaison").
fn joins(gap: &str) -> bool {
    !gap.contains(['.', ';', ':'])
        && gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "and" | "or" | "the" | "its" | "as" | "well" | "also" | "both" | "a" | "an"
                )
            })
}

/// Where the text between two mentions divides between them: after its
/// last sentence end or clause break (", and ", ", or ", ", but ").
fn divide(gap: &str, sentences: &Sentences) -> Option<usize> {
    let clause = [", and ", ", or ", ", but "]
        .iter()
        .filter_map(|c| gap.rfind(c).map(|i| i + 1))
        .max();
    sentences.ends(gap).last().max(clause)
}

/// A stretch of text that speaks about one mention.
#[derive(Debug, Clone)]
pub struct Stretch {
    pub unit: usize,
    /// Where contact details and titles count.
    pub range: Range<usize>,
    /// Where placeholders count: in a paragraph, only the mention's own
    /// sentence (a `TBD` about meeting dates is no placeholder contact).
    pub dummies: Range<usize>,
}

impl Stretch {
    fn whole(unit: usize, range: Range<usize>) -> Stretch {
        Stretch {
            unit,
            dummies: range.clone(),
            range,
        }
    }
}

/// The part of a paragraph that speaks about mention `m`: from the mention
/// of another role before it to the one after it (mentions joined by "and"
/// count as one); where a sentence or a clause ends between two mentions,
/// each keeps its side.
fn own_reach(
    unit: usize,
    text: &str,
    here: &[&Mention],
    m: &Mention,
    sentences: &Sentences,
) -> Stretch {
    let (mut lo, mut hi) = (m.range.start, m.range.end);
    let mut start = 0;
    for x in here.iter().rev().filter(|x| x.range.end <= m.range.start) {
        let gap = &text[x.range.end.min(lo)..lo];
        if joins(gap) {
            lo = lo.min(x.range.start);
            continue;
        }
        start = x.range.end + divide(gap, sentences).unwrap_or(0);
        break;
    }
    let mut end = text.len();
    for x in here.iter().filter(|x| x.range.start >= m.range.end) {
        let gap = &text[hi..x.range.start.max(hi)];
        if joins(gap) {
            hi = hi.max(x.range.end);
            continue;
        }
        end = hi + divide(gap, sentences).unwrap_or(gap.len());
        break;
    }
    let s = sentences.ends(text).take_while(|&e| e <= lo).last();
    let e = sentences.ends(text).find(|&e| e >= hi);
    Stretch {
        unit,
        dummies: s.unwrap_or(0).max(start)..e.unwrap_or(end).min(end),
        range: start..end,
    }
}

/// The stretches of text that speak about one mention, as (unit, range in
/// its text): the mention's own part of its paragraph or its table row;
/// for a role heading a table column, the cells under it; for a heading or
/// a `Role:` line, the units right under it.
fn reach(
    tree: &Tree,
    units: &[Unit],
    all: &[Mention],
    m: &Mention,
    sentences: &Sentences,
) -> Vec<Stretch> {
    let u = &units[m.unit];
    let others = |k: usize| all.iter().filter(move |x| x.unit == k && x.role != m.role);
    if let Some((table, n)) = u.row {
        // The row (or the cells that speak for a role read from a column
        // header and a row label), then, for a role heading a column, the
        // cells under it down to a row naming another role.
        let (mut out, col) = match m.cells.first() {
            None => (
                vec![Stretch::whole(m.unit, 0..u.text.len())],
                (n == 0).then(|| u.column(m.range.start)),
            ),
            Some(&col) => (
                m.cells
                    .iter()
                    .filter_map(|&c| Some(Stretch::whole(m.unit, u.cell(c)?)))
                    .collect(),
                Some(col),
            ),
        };
        let Some(col) = col else { return out };
        for (k, below) in units.iter().enumerate().skip(m.unit + 1) {
            if below.row.map(|r| r.0) != Some(table) || others(k).next().is_some() {
                break;
            }
            out.extend(below.cell(col).map(|cell| Stretch::whole(k, cell)));
        }
        return out;
    }
    let here: Vec<&Mention> = all.iter().filter(|x| x.unit == m.unit).collect();
    let mut out = vec![own_reach(m.unit, &u.text, &here, m, sentences)];
    let first = &tree.blocks[u.first_block()];
    // A heading or a bold lead-in naming the role: what follows is about it.
    let heading = matches!(first.kind, BlockKind::Heading(_))
        || first.lead_in.is_some_and(|n| m.range.end <= n);
    let rest = u.text[m.range.end..].trim();
    let lead_line = rest.ends_with(':') || rest.chars().all(|c| !c.is_alphanumeric());
    if heading || lead_line {
        let limit = if heading { 5 } else { 3 };
        for (k, next) in units.iter().enumerate().skip(m.unit + 1).take(limit) {
            let bi = next.first_block();
            let sec = tree.blocks[bi].section;
            // A heading, or a block opening a section outside the mention's.
            let opens = sec != 0 && tree.sections[sec].blocks.start == bi;
            if matches!(tree.blocks[bi].kind, BlockKind::Heading(_))
                || (opens && !tree.path(sec).contains(&first.section))
                || others(k).next().is_some()
            {
                break;
            }
            out.push(Stretch::whole(k, 0..next.text.len()));
        }
    }
    out
}

/// What the text around one mention says about the role.
#[derive(Debug, Default)]
struct Evidence {
    /// Real contact details in reach.
    contact: bool,
    /// The first placeholder contact in reach: unit and range.
    placeholder: Option<(usize, Range<usize>)>,
}

fn evidence(
    units: &[Unit],
    facts: &[OnceCell<Facts>],
    reach: &[Stretch],
    contacts: &Contacts,
) -> Evidence {
    let mut ev = Evidence::default();
    for st in reach {
        let f = facts[st.unit].get_or_init(|| Facts::of(&units[st.unit].text, contacts));
        if ev.placeholder.is_none() {
            ev.placeholder = f
                .dummies
                .iter()
                .find(|d| overlaps(d, &st.dummies))
                .map(|d| (st.unit, d.clone()));
        }
        ev.contact |= f.contacts.iter().any(|c| overlaps(c, &st.range));
    }
    ev
}

/// A position title for the mention: in its sentence ("the Role is the
/// Director of X"), or in another cell of its table row or column.
fn titled(units: &[Unit], m: &Mention, reach: &[Stretch], contacts: &Contacts) -> bool {
    let u = &units[m.unit];
    if has_title(&u.text, &m.range, contacts) {
        return true;
    }
    if u.row.is_none() {
        return false;
    }
    let own = u.cell(u.column(m.range.start));
    reach.iter().any(|st| {
        let v = &units[st.unit];
        (0..v.width())
            .filter_map(|c| v.cell(c))
            .filter(|c| overlaps(c, &st.range) && (st.unit != m.unit || Some(c) != own.as_ref()))
            .any(|c| contacts.title_word.is_match(&v.text[c]))
    })
}

/// A front matter party name (one of several plans), as compared.
pub struct Plan<'a> {
    pub name: Sp<String>,
    forms: Vec<Vec<String>>,
    names: &'a Names,
}

impl Plan<'_> {
    /// Is the plan named in a stretch of a unit?
    pub fn named_in(&self, text: &str) -> bool {
        find_words(text, &self.names.words(text), &self.forms).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> &'static crate::catalog::Vocab {
        &crate::catalog::Catalog::for_tests().vocab
    }

    fn shown(t: &str) -> Vec<&str> {
        Facts::of(t, &vocab().contacts)
            .dummies
            .into_iter()
            .map(|r| &t[r])
            .collect()
    }

    fn has_contact(t: &str) -> bool {
        !Facts::of(t, &vocab().contacts).contacts.is_empty()
    }

    #[test]
    fn placeholder_contacts() {
        let t = "MCP Responsible Person: [Name], xxx-xxx-xxxx, name@example.com, TBD";
        assert_eq!(
            shown(t),
            ["[Name]", "xxx-xxx-xxxx", "name@example.com", "TBD"]
        );
        assert!(shown("[MCP Name] Responsible Person: (916) 555-0100").is_empty());
        // Blanks to write on, and the numbers forms print as examples.
        let t = "Name: __________ Phone: (555) 555-5555, 123-456-7890";
        assert_eq!(shown(t), ["__________", "(555) 555-5555", "123-456-7890"]);
        assert!(!has_contact(t));
        assert!(shown("(916) 555-0142, 530-555-5550").is_empty());
    }

    #[test]
    fn contacts_and_titles() {
        assert!(has_contact("Dana Reyes, dana@plan.org"));
        assert!(has_contact("Dana Reyes, (916) 555-0142"));
        assert!(has_contact("Dana Reyes, 916-555-0142"));
        assert!(!has_contact("Article 12.3 of 2024"));
        let t = "The MCP Responsible Person is the MCP's Director of Care Coordination.";
        let at = t.find("MCP Responsible Person").unwrap();
        assert!(has_title(t, &(at..at + 22), &vocab().contacts));
        let t = "The MCP Responsible Person reports to the compliance officer.";
        assert!(!has_title(t, &(at..at + 22), &vocab().contacts));
        let t = "The Director of Care Coordination serves as the MCP Responsible Person.";
        let at = t.find("MCP Responsible").unwrap();
        assert!(has_title(t, &(at..at + 22), &vocab().contacts));
    }
}
