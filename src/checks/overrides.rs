//! Added text that takes a mandatory obligation back. The state allows
//! language added to a template only when it neither conflicts with nor
//! materially changes a mandatory provision; `doc.altered` reports such an
//! addition as a `conflict` (deciding `redline`) instead of an `added`
//! note. An addition conflicts when it
//!
//! - holds override words ("notwithstanding", "does not apply", "need
//!   not", "in lieu of": `overrides` in `rules/vocab/modality.yaml`) and
//!   stands inside a mandatory provision's text, cites a mandatory section
//!   ("Section 9.1") or provision by its title, or refers back to the text
//!   before it ("the preceding sentence": `refers_back`) when that text is
//!   mandatory;
//! - or defines a term the mandatory text uses (`"Working Day" means ...`);
//! - or restates the duty of a mandatory provision it stands in, follows or
//!   cites with its force taken away: the clause model reads, in the added
//!   words, one of the provision's elements negated or excepted ("The
//!   MCP's obligation under this Section is limited to Network Providers
//!   and does not extend to Subcontractors").

use crate::analysis::provisions::Located;
use crate::catalog::vocab::Modality;
use crate::catalog::Required;
use crate::clause::matching::Weakness;
use crate::compare::normalize::Token;
use crate::compare::{Comparison, ProvisionDiff};
use crate::tree::Tree;

/// The mandatory provision an addition conflicts with, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Index into the reference's provisions.
    pub provision: usize,
    /// "sets it aside (\"notwithstanding\")", "redefines \"Working Day\"".
    pub how: String,
}

/// Where an addition stands, for what it can refer back to.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The mandatory provision whose text it stands in, if any.
    pub inside: Option<usize>,
    /// The mandatory provision whose text comes right before it, if any.
    pub after: Option<usize>,
}

use crate::text::padded_words as padded;

/// What every addition of one draft is read against: the comparison with
/// its reference, the draft's tree, the provisions' diffs and elements.
pub struct Setting<'a> {
    pub comparison: &'a Comparison,
    pub tree: &'a Tree,
    pub diffs: &'a [ProvisionDiff],
    pub modality: &'a Modality,
    pub required: &'a [Required<'a>],
    pub located: &'a [Located],
}

/// One added passage as its tests read it: its text, its padded words
/// (made once), and the mandatory provision it cites (found on first use,
/// since both kinds of conflict may ask).
struct Addition<'a> {
    text: &'a str,
    words: String,
    cited: std::cell::OnceCell<Option<(usize, String)>>,
}

impl<'a> Addition<'a> {
    fn new(text: &'a str) -> Self {
        Addition {
            text,
            words: padded(text),
            cited: std::cell::OnceCell::new(),
        }
    }

    fn cited(&self, s: &Setting) -> Option<&(usize, String)> {
        self.cited.get_or_init(|| cited(s, self)).as_ref()
    }
}

/// Does the added `text` (the draft's tokens `added`) conflict with a
/// mandatory provision: by its override words or a definition
/// ([`conflict`]), or by restating a duty with its force taken away
/// ([`weakened`])?
pub fn added_conflict(s: &Setting, text: &str, added: &[Token], place: Place) -> Option<Conflict> {
    let a = Addition::new(text);
    conflict(s, &a, place).or_else(|| weakened(s, added, || touched(s, &a, place)))
}

/// Does the added text conflict with a mandatory provision by its words?
fn conflict(s: &Setting, a: &Addition, place: Place) -> Option<Conflict> {
    let r = &s.comparison.reference;
    let mandatory = |i: usize| !r.provisions[i].optional;
    if let Some(term) = redefined_term(s.comparison, a.text) {
        return Some(term);
    }
    let word = s.modality.override_in(&a.words)?;
    let sets_aside = |i: usize, why: String| Conflict {
        provision: i,
        how: format!("sets it aside (\"{word}\"{why})"),
    };
    if let Some(i) = place.inside.filter(|&i| mandatory(i)) {
        return Some(sets_aside(i, String::new()));
    }
    if let Some((i, citation)) = a.cited(s) {
        return Some(sets_aside(*i, format!(", citing {citation}")));
    }
    if let Some(back) = s.modality.reference_back_in(&a.words) {
        if let Some(i) = place.after.filter(|&i| mandatory(i)) {
            return Some(sets_aside(i, format!(", of \"{back}\"")));
        }
    }
    None
}

/// What an addition touches, for [`weakened`]: where it stands, and the
/// mandatory provision it cites, if any.
fn touched(s: &Setting, a: &Addition, place: Place) -> Vec<usize> {
    let mandatory = |i: &usize| !s.comparison.reference.provisions[*i].optional;
    let mut out: Vec<usize> = [place.inside, place.after]
        .into_iter()
        .flatten()
        .chain(a.cited(s).map(|(i, _)| *i))
        .filter(mandatory)
        .collect();
    out.dedup();
    out
}

/// Which of the mandatory provisions `touched` (reference indices) the
/// `added` words restate negated or excepted away: the words that weaken
/// one of its elements' statements are added words. (Made optional is not
/// enough: "The Parties may also meet monthly" adds a permission beside
/// the duty, it takes none away.)
fn weakened(
    s: &Setting,
    added: &[Token],
    touched: impl FnOnce() -> Vec<usize>,
) -> Option<Conflict> {
    let r = &s.comparison.reference;
    let is_added = |(block, words): &(usize, std::ops::Range<usize>)| {
        added
            .iter()
            .any(|t| t.block == *block && t.start < words.end && words.start < t.end)
    };
    // What it touches is worth finding only when some weakening words are
    // added ones (most additions weaken nothing).
    let any = s
        .located
        .iter()
        .flat_map(|l| l.weak.iter().flatten())
        .any(|w| {
            matches!(w.weakness, Weakness::Negated | Weakness::Excepted) && is_added(&w.words)
        });
    if !any {
        return None;
    }
    let touched = touched();
    for (req, loc) in s.required.iter().zip(s.located) {
        let Some(i) = touched
            .iter()
            .copied()
            .find(|&i| r.provisions[i].id == req.provision.id())
        else {
            continue;
        };
        for w in loc.weak.iter().flatten() {
            if !matches!(w.weakness, Weakness::Negated | Weakness::Excepted) {
                continue;
            }
            if is_added(&w.words) {
                return Some(Conflict {
                    provision: i,
                    how: format!("restates its duty {}", w.weakness.describe()),
                });
            }
        }
    }
    None
}

/// A mandatory provision the text cites: by a section number that is, or
/// is inside, the draft section holding it, or by its title (of two words
/// or more, so that "Term" alone cites nothing).
fn cited(s: &Setting, a: &Addition) -> Option<(usize, String)> {
    let (r, tree) = (&s.comparison.reference, s.tree);
    let by_number = super::structure::may_cite(a.text, &a.words)
        .then(|| super::structure::reference_pattern().captures_iter(a.text));
    for m in by_number.into_iter().flatten() {
        let number = m[2].to_ascii_lowercase();
        let number = if number.chars().all(|ch| matches!(ch, 'i' | 'v' | 'x')) {
            crate::tree::roman_value(&number).map_or(number, |v| v.to_string())
        } else {
            number
        };
        for (section, _) in tree.find_number(&number) {
            let path = tree.path(section);
            let hit = s.diffs.iter().find(|d| {
                !r.provisions[d.index].optional
                    && d.section(tree).is_some_and(|p| path.contains(&p))
            });
            if let Some(d) = hit {
                return Some((d.index, m[0].trim().to_string()));
            }
        }
    }
    r.title_cited_in(&a.words)
        .map(|i| (i, format!("\"{}\"", r.provisions[i].title)))
}

/// Draft blocks that no provision's comparison and no addition covers
/// (`covered`), yet define a term the mandatory text uses: a second
/// "Working Day" elsewhere in the draft, close enough to the template's
/// own definition to be read as its words, is still a new definition.
/// A block that is word for word a block of the reference is template
/// text, not a redefinition.
pub fn redefinitions(c: &Comparison, tree: &Tree, covered: &[bool]) -> Vec<(usize, Conflict)> {
    let r = &c.reference;
    let mut out = Vec::new();
    for (b, block) in tree.blocks.iter().enumerate() {
        if covered.get(b).copied().unwrap_or(true) || defined_term(&block.text).is_none() {
            continue;
        }
        let words = padded(&block.text);
        if r.tree.blocks.iter().any(|rb| padded(&rb.text) == words) {
            continue;
        }
        if let Some(conf) = redefined_term(c, &block.text) {
            out.push((b, conf));
        }
    }
    out
}

/// A term the added text defines (`"Working Day" means ...`) that a
/// mandatory provision of the template uses: the first such provision.
fn redefined_term(c: &Comparison, text: &str) -> Option<Conflict> {
    let r = &c.reference;
    let term = defined_term(text)?;
    let key = padded(&term);
    // "Working Day" is used by "Working Days" too.
    let plural = format!("{}s ", key.trim_end());
    let uses = |i: usize| {
        let words = r.padded_text(i);
        words.contains(&key) || words.contains(&plural)
    };
    r.provisions
        .iter()
        .enumerate()
        .find(|(i, p)| !p.optional && uses(*i))
        .map(|(i, _)| Conflict {
            provision: i,
            how: format!("redefines \"{term}\", a term its text uses"),
        })
}

/// The term a sentence defines: a quoted term followed by "means", "shall
/// mean", "has the meaning" or "is defined as".
fn defined_term(text: &str) -> Option<String> {
    const VERBS: [&str; 5] = [
        "means",
        "shall mean",
        "mean",
        "has the meaning",
        "is defined as",
    ];
    // The longest verb and the space after it.
    const VERB_CHARS: usize = 16;
    let mut rest = text;
    while let Some((open, len)) = find_quote(rest, '\u{201c}') {
        let after_open = &rest[open + len..];
        let (close, quote) = find_quote(after_open, '\u{201d}')?;
        let term = after_open[..close].trim();
        let tail = &after_open[close + quote..];
        let tail = tail.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        // The verb follows the quote at once: lowercasing the next few
        // characters is enough (the whole tail, after every quote, would
        // make a long paragraph quadratic).
        let lower: String = tail
            .chars()
            .take(VERB_CHARS)
            .flat_map(char::to_lowercase)
            .collect();
        if !term.is_empty()
            && VERBS
                .iter()
                .any(|v| lower.starts_with(v) && lower[v.len()..].starts_with(' '))
        {
            return Some(term.to_string());
        }
        rest = tail;
    }
    None
}

/// The first straight quote or `curly` quote in `s`: its offset and
/// length. (A byte search: most of a paragraph is neither.)
fn find_quote(s: &str, curly: char) -> Option<(usize, usize)> {
    let mut lead = [0u8; 4];
    let lead = curly.encode_utf8(&mut lead).as_bytes()[0];
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'"', lead, &bytes[from..]) {
        let at = from + i;
        if bytes[at] == b'"' {
            return Some((at, 1));
        }
        // `lead` begins a character, so `at` is on a boundary.
        if s[at..].starts_with(curly) {
            return Some((at, curly.len_utf8()));
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_read_from_quotes() {
        assert_eq!(
            defined_term("\"Working Day\" means any day but Sunday."),
            Some("Working Day".into())
        );
        assert_eq!(
            defined_term("In this MOU, \u{201c}Member\u{201d} shall mean a person."),
            Some("Member".into())
        );
        assert_eq!(defined_term("The \"Plan\" refers Members."), None);
        assert_eq!(defined_term("No quotes means nothing"), None);
    }

    #[test]
    fn phrases_match_whole_words() {
        let w = padded("Notwithstanding Section 9.1, the Parties need not meet.");
        assert!(w.contains(&padded("need not")));
        assert!(!w.contains(&padded("not meet quarterly")));
        assert!(!padded("the notwithstandingly odd").contains(&padded("notwithstanding")));
    }
}
