//! Words for comparison, each with its place in a block's text.
//!
//! Blocks (see [`crate::text`]) already have markup removed, line breaks as
//! spaces and typographic quotes and dashes folded. On top of that a token
//! is a lowercased word (letters and digits, `'` inside a word, `.` and `,`
//! inside a number); punctuation and whitespace separate words and are not
//! compared. The number or letter that opens a section (`Article 4.`,
//! `4.1`, `(a)`, `Exhibit B`) is not a word: numbering may differ. A
//! bracketed slot (`[MCP Name]`) is one token; a drafting note is nothing.
//! To find template text in a draft, a name its front matter gives a slot
//! (the plan, the other party, the county) reads as that slot (see
//! [`SlotValues`]).
//! Every token keeps its byte range in the block text, so a difference maps
//! back to exact bytes in the file through [`crate::text::Block::source_span`].

use crate::catalog::vocab::Drafting;
use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::reference::brackets;
use crate::tokens::lowercase;
use crate::tree::{SectionKind, Tree};

/// One compared word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Interned normalized text (see [`Lexicon`]).
    pub id: u32,
    /// Block index in its tree.
    pub block: usize,
    /// Byte range in the block's text.
    pub start: usize,
    pub end: usize,
    /// A bracketed slot, standing for whatever the draft puts in its place.
    pub slot: bool,
    /// Part of a heading or bold lead-in title.
    pub title: bool,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Interned words of the reference text; shared, never changed after build.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    map: HashMap<String, u32>,
    words: Vec<String>,
}

impl Lexicon {
    pub fn id(&self, word: &str) -> Option<u32> {
        self.map.get(word).copied()
    }
    pub fn word(&self, id: u32) -> Option<&str> {
        self.words.get(id as usize).map(String::as_str)
    }
    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Something that turns a word into an id.
pub trait Intern {
    fn intern(&mut self, word: &str) -> u32;
}

impl Intern for Lexicon {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.map.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.map.insert(word.to_string(), id);
        id
    }
}

/// A draft's words: the reference lexicon, plus local ids for words the
/// reference does not have (they can never be equal to a reference word).
pub struct DraftLexicon<'a> {
    pub base: &'a Lexicon,
    local: HashMap<String, u32>,
}

impl<'a> DraftLexicon<'a> {
    pub fn new(base: &'a Lexicon) -> Self {
        DraftLexicon {
            base,
            local: HashMap::default(),
        }
    }
}

impl Intern for DraftLexicon<'_> {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.base.id(word) {
            return id;
        }
        // Look up before inserting: most of a draft's own words recur, and
        // `entry` would allocate the key each time.
        if let Some(&id) = self.local.get(word) {
            return id;
        }
        let next = (self.base.len() + self.local.len()) as u32;
        self.local.insert(word.to_string(), next);
        next
    }
}

/// The tokens of a whole tree, grouped by block.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    /// For each block, its tokens' range in `tokens`.
    pub by_block: Vec<Range<usize>>,
}

impl Tokens {
    pub fn of_block(&self, block: usize) -> &[Token] {
        &self.tokens[self.by_block[block].clone()]
    }
}

/// Tokenizes every block of a tree.
/// `drafting` says which bracketed text is a drafting note (no words).
pub fn tokenize(tree: &Tree, lex: &mut impl Intern, drafting: &Drafting) -> Tokens {
    let mut out = Tokens {
        tokens: Vec::with_capacity(tree.blocks.len() * 24),
        by_block: Vec::with_capacity(tree.blocks.len()),
    };
    // Table cells repeat their words ("Yes", a party's name): a block
    // read before with the same text, start and title is copied. Its
    // words are interned already, so the copy has the ids a second
    // reading would give.
    let mut read_at: HashMap<(&str, usize, usize), usize> = HashMap::default();
    for bi in 0..tree.blocks.len() {
        let start = out.tokens.len();
        let b = &tree.blocks[bi];
        let title_end = match b.kind {
            crate::text::BlockKind::Heading(_) => usize::MAX,
            _ => b.lead_in.unwrap_or(0),
        };
        let from = content_start(tree, bi);
        match read_at.entry((b.text.as_str(), from, title_end)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = out.by_block[*e.get()].clone();
                out.tokens.extend_from_within(first);
                out.tokens[start..].iter_mut().for_each(|t| t.block = bi);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(bi);
                tokenize_text(&b.text, from, title_end, bi, lex, drafting, &mut out.tokens);
                fold_references(&b.text, lex, &mut out.tokens, start);
                fold_numbers(&b.text, lex, &mut out.tokens, start);
            }
        }
        out.by_block.push(start..out.tokens.len());
    }
    out
}

/// The interned form of a slot: `[MCP  Name]` is `[mcp name]`.
fn slot_word(inner: &str) -> String {
    let name: Vec<&str> = inner.split_whitespace().collect();
    format!("[{}]", name.join(" ").to_lowercase())
}

/// Names the draft's front matter gives the slots (`[MCP Name]` is each
/// plan's name and all of them joined, `[County]` each county and all of
/// them, `[Party Name]` the other party's name). Where the template has a
/// slot and the draft that name, the trigrams that find the template's
/// text in the draft read the name as the slot itself; without that, a
/// short paragraph with three slots filled by long names shares too few
/// trigrams with its template text to be found. (The word diff needs no
/// help: a slot takes whatever words the draft put in its place.)
#[derive(Debug, Default)]
pub struct SlotValues {
    /// (the value's word ids, the slot's id), longest value first: a
    /// handful, so a scan beats a hash.
    values: Vec<(Vec<u32>, u32)>,
    /// A bit for each value's first word (its id modulo 64): a word whose
    /// bit is clear starts no value, known without the scan (most words).
    first_words: u64,
}

impl SlotValues {
    /// `pairs` are (slot name, value). A one-word value that is also a word
    /// of the reference text (`lex.base`) is left alone: the template may
    /// use that word as a word.
    pub fn new<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        lex: &mut DraftLexicon,
        drafting: &Drafting,
    ) -> SlotValues {
        let mut values: Vec<(Vec<u32>, u32)> = Vec::new();
        let mut toks = Vec::new();
        for (slot, value) in pairs {
            toks.clear();
            tokenize_text(&crate::text::fold(value), 0, 0, 0, lex, drafting, &mut toks);
            let words: Vec<u32> = toks.iter().map(|t| t.id).collect();
            let common = words.len() == 1 && lex.base.word(words[0]).is_some();
            if words.is_empty() || common || values.iter().any(|(w, _)| *w == words) {
                continue;
            }
            values.push((words, lex.intern(&slot_word(slot))));
        }
        values.sort_by_key(|v| std::cmp::Reverse(v.0.len()));
        let first_words = values
            .iter()
            .fold(0, |bits, (words, _)| bits | first_word_bit(words[0]));
        SlotValues {
            values,
            first_words,
        }
    }

    /// The value spelled by the words that start `tokens`, if any: its
    /// length and its slot's id.
    fn at(&self, tokens: &[Token]) -> Option<(usize, u32)> {
        if self.first_words & first_word_bit(tokens.first()?.id) == 0 {
            return None;
        }
        self.values
            .iter()
            .find(|(words, _)| {
                tokens.len() >= words.len()
                    && words.iter().zip(tokens).all(|(a, t)| *a == t.id && !t.slot)
            })
            .map(|(words, id)| (words.len(), *id))
    }

    /// The trigram keys of `tokens` (see [`shingles`]), each run of words
    /// that spells a value read as its slot. Where several values start
    /// at the same word the longest wins: a party "Alpine County Office of
    /// Education" before the county "Alpine".
    pub fn shingles(&self, tokens: &[Token], out: &mut Vec<u64>) {
        let first = (0..tokens.len()).find(|&i| self.at(&tokens[i..]).is_some());
        let Some(first) = first else {
            return shingles(tokens, out);
        };
        let mut ids: Vec<u32> = tokens[..first].iter().map(|t| t.id).collect();
        let mut r = first;
        while r < tokens.len() {
            match self.at(&tokens[r..]) {
                Some((len, id)) => {
                    ids.push(id);
                    r += len;
                }
                None => {
                    ids.push(tokens[r].id);
                    r += 1;
                }
            }
        }
        shingle_ids(&ids, out);
    }
}

/// [`SlotValues::first_words`]' bit for a word.
fn first_word_bit(id: u32) -> u64 {
    1 << (id % 64)
}

/// Cross-references are compared as "a reference", not by number: a draft
/// that renumbers its articles (`Section 4.2` becomes `Article IV(b)`)
/// changes no mandatory words. Whether the reference points anywhere is
/// `doc.structure`'s business.
fn fold_references(text: &str, lex: &mut impl Intern, tokens: &mut Vec<Token>, from: usize) {
    let word = |t: &Token| lowercase(&text[t.range()]);
    let is_number = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || c == '.')
            || crate::tree::roman_value(w).is_some_and(|v| v <= 40)
    };
    let mut i = from;
    while i + 1 < tokens.len() {
        // Only a word of 7 or 8 bytes (or the 2 of `§`) can be a keyword:
        // no other character lowercases to an ASCII letter of these words.
        // Most words are not, and need not be lowercased.
        if !matches!(tokens[i].end - tokens[i].start, 2 | 7 | 8) {
            i += 1;
            continue;
        }
        let w = word(&tokens[i]);
        let keyword = matches!(
            w.as_str(),
            "section" | "sections" | "article" | "articles" | "§"
        );
        if !keyword || tokens[i].slot || !is_number(&word(&tokens[i + 1])) {
            i += 1;
            continue;
        }
        // Sub-references written `IV(b)` or `4.2(a)(i)` go with the number.
        let mut j = i + 2;
        while j < tokens.len()
            && text[tokens[j - 1].end..tokens[j].start].trim() == "("
            && tokens[j].end - tokens[j].start <= 4
        {
            j += 1;
        }
        // "Section 5.6 of the MCP Contract" cites another document: its
        // number is mandatory wording like any other.
        if tokens
            .get(j)
            .is_some_and(|t| matches!(word(t).as_str(), "of" | "in" | "under"))
        {
            i = j;
            continue;
        }
        tokens[i].id = lex.intern("section");
        tokens[i + 1].id = lex.intern("#ref");
        tokens.drain(i + 2..j);
        i += 2;
        // "Articles 7 and 8", "Sections 3 through 5".
        while i + 1 < tokens.len()
            && matches!(word(&tokens[i]).as_str(), "and" | "or" | "through" | "to")
            && is_number(&word(&tokens[i + 1]))
        {
            tokens[i + 1].id = lex.intern("#ref");
            i += 2;
        }
    }
}

/// Numbers are compared by value: "five (5)", "five" and "5" are the
/// same word, `#5`, and "twenty-four (24)" is one word too. The numeral
/// in brackets after a number word goes with it (its token spans both).
fn fold_numbers(text: &str, lex: &mut impl Intern, tokens: &mut Vec<Token>, from: usize) {
    // Cross-reference numbers are already "a reference".
    let reference = lex.intern("#ref");
    let value = |t: &Token| -> Option<(u32, bool)> {
        if t.slot || t.id == reference {
            return None;
        }
        let w = &text[t.range()];
        if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
            return w.parse().ok().map(|v| (v, true));
        }
        // A number word is 3 to 9 ASCII letters, the first one of
        // "zotfsen" (zero, one, two, ..., nine): lowercase only those, in
        // the pass that checks them.
        let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
        if !(3..=9).contains(&w.len())
            || !matches!(first, Some(b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n'))
        {
            return None;
        }
        let mut lower = [0u8; 9];
        for (l, b) in lower.iter_mut().zip(w.bytes()) {
            if !b.is_ascii_alphabetic() {
                return None;
            }
            *l = b.to_ascii_lowercase();
        }
        crate::tokens::number_word(&lower[..w.len()]).map(|v| (v, false))
    };
    let between = |a: &Token, b: &Token| &text[a.end..b.start];
    let mut i = from;
    while i < tokens.len() {
        let Some((mut v, digits)) = value(&tokens[i]) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        // "twenty-four": a tens word, a hyphen and a unit word.
        if !digits && v >= 20 && v % 10 == 0 {
            if let Some((u, false)) = tokens.get(end).and_then(value) {
                if u < 10 && between(&tokens[end - 1], &tokens[end]) == "-" {
                    v += u;
                    end += 1;
                }
            }
        }
        // "five (5)": the numeral repeats the word; the token ends after
        // its closing bracket.
        let mut closing = 0;
        if !digits {
            if let Some(t) = tokens.get(end) {
                let closed = text[t.end..].starts_with(')');
                if value(t) == Some((v, true))
                    && between(&tokens[end - 1], t).trim() == "("
                    && closed
                {
                    end += 1;
                    closing = 1;
                }
            }
        }
        let last_end = tokens[end - 1].end + closing;
        let t = &mut tokens[i];
        t.id = lex.intern(&format!("#{v}"));
        t.end = last_end;
        tokens.drain(i + 1..end);
        i += 1;
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '%' | '$' | '§')
}

/// Tokenizes `text` from byte `from`; words ending at or before
/// `title_end` are title words.
fn tokenize_text(
    text: &str,
    from: usize,
    title_end: usize,
    bi: usize,
    lex: &mut impl Intern,
    drafting: &Drafting,
    out: &mut Vec<Token>,
) {
    let marks = brackets(text, drafting);
    let mut mark_i = 0;
    let mut push = |s: usize, e: usize, slot: bool| {
        let norm = &text[s..e];
        let id = if slot {
            lex.intern(&slot_word(&norm[1..norm.len() - 1]))
        } else if norm == "&" {
            lex.intern("and")
        } else if norm
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            lex.intern(norm)
        } else {
            lex.intern(&lowercase(norm))
        };
        out.push(Token {
            id,
            block: bi,
            start: s,
            end: e,
            slot,
            title: e <= title_end,
        });
    };
    // Walked by byte offset (`from` is a character boundary), decoding
    // only non-ASCII characters.
    let char_at = |i: usize| match text.as_bytes()[i] {
        b if b < 0x80 => b as char,
        _ => text[i..].chars().next().expect("in bounds"),
    };
    let mut word_start: Option<usize> = None;
    let mut i = from;
    while i < text.len() {
        let c = char_at(i);
        let after = i + c.len_utf8();
        // Brackets: a slot is one token, a drafting note is skipped.
        if c == '[' {
            while mark_i < marks.len() && marks[mark_i].range.start < i {
                mark_i += 1;
            }
            if let Some(m) = marks.get(mark_i).filter(|m| m.range.start == i) {
                if let Some(s) = word_start.take() {
                    push(s, i, false);
                }
                if !m.note {
                    push(m.range.start, m.range.end, true);
                }
                // On at the first character from the bracket's end.
                i = m.range.end.max(after);
                while !text.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
        }
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            // The rest of an ASCII word at once: nothing in it ends a word.
            i = after;
            while text
                .as_bytes()
                .get(i)
                .is_some_and(u8::is_ascii_alphanumeric)
            {
                i += 1;
            }
            continue;
        }
        if let Some(s) = word_start {
            let prev = text[..i].chars().next_back();
            let next = text[after..].chars().next();
            let joins = match c {
                '\'' => {
                    prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric)
                }
                '.' | ',' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
            if joins {
                i = after;
                continue;
            }
            push(s, i, false);
            word_start = None;
        }
        if c == '&' {
            push(i, i + 1, false);
        }
        i = after;
    }
    if let Some(s) = word_start {
        push(s, text.len(), false);
    }
}

/// Where a block's comparable text starts: after the number or letter that
/// opens its section, if the block opens one.
pub fn content_start(tree: &Tree, bi: usize) -> usize {
    let b = &tree.blocks[bi];
    let s = &tree.sections[b.section];
    if s.blocks.start != bi {
        return 0;
    }
    let Some(label) = s.label.as_deref() else {
        return 0;
    };
    if matches!(s.kind, SectionKind::Item { .. }) {
        return 0;
    }
    let label = match s.kind {
        SectionKind::Exhibit => label.rsplit(' ').next().unwrap_or(label),
        _ => label,
    };
    strip_label(&b.text, label).unwrap_or(0)
}

/// The offset after `Article 4.` / `(a)` / `4.1` at the start of `text`.
fn strip_label(text: &str, label: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let mut rest = &text[lead..];
    let lower = rest.to_ascii_lowercase();
    for k in [
        "article ",
        "section ",
        "exhibit ",
        "attachment ",
        "appendix ",
        "schedule ",
        "§ ",
    ] {
        if lower.starts_with(k) {
            rest = rest[k.len()..].trim_start();
            break;
        }
    }
    let rest = rest.strip_prefix('(').unwrap_or(rest);
    // `get`: the label's length may end inside a character of the text.
    if !rest
        .get(..label.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(label))
    {
        return None;
    }
    let mut after = &rest[label.len()..];
    after = after.strip_prefix(')').unwrap_or(after);
    after = after.strip_prefix(['.', ':', '-']).unwrap_or(after);
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let after = after.trim_start();
    Some(text.len() - after.len())
}

/// How many keys [`shingles`] makes for a run of `len` tokens.
pub fn shingle_count(len: usize) -> u32 {
    match len {
        0 => 0,
        1 | 2 => 1,
        n => n as u32 - 2,
    }
}

/// Word-trigram keys of a token run (bigram or unigram keys for shorter
/// runs), for finding which reference provision a draft block resembles.
pub fn shingles(tokens: &[Token], out: &mut Vec<u64>) {
    push_keys(tokens.len(), |i| tokens[i].id, out);
}

fn shingle_ids(ids: &[u32], out: &mut Vec<u64>) {
    push_keys(ids.len(), |i| ids[i], out);
}

/// The keys of a run of `len` word ids, `id(i)` the i-th.
fn push_keys(len: usize, id: impl Fn(usize) -> u32, out: &mut Vec<u64>) {
    const M: u64 = (1 << 20) - 1;
    let id = |i: usize| id(i) as u64 & M;
    match len {
        0 => {}
        1 => out.push((1 << 62) | id(0)),
        2 => out.push((2 << 62) | (id(0) << 20) | id(1)),
        n => out
            .extend((0..n - 2).map(|i| (3 << 60) ^ (id(i) << 40) | (id(i + 1) << 20) | id(i + 2))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(md: &str) -> Vec<String> {
        let tree = Tree::parse(md, 0);
        let mut lex = Lexicon::default();
        let t = tokenize(
            &tree,
            &mut lex,
            &crate::catalog::Catalog::for_tests().vocab.drafting,
        );
        t.tokens
            .iter()
            .map(|t| lex.word(t.id).unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_label_longer_than_a_character_boundary_allows_is_no_label() {
        // The label's length ends inside the U+FEFF after "Data".
        assert_eq!(
            strip_label("B. Data\u{feff}... Elements", "B. Data.."),
            None
        );
        assert_eq!(strip_label("B. Data Elements", "B"), Some(3));
    }

    #[test]
    fn words_ignore_numbering_punctuation_case_and_wrapping() {
        assert_eq!(
            words("## Article 4. Referral Processes\n\n(a) The MCP\u{2019}s duty \u{2014} to refer\nmembers, within 1,000.5 days.\n"),
            vec!["referral", "processes", "the", "mcp's", "duty", "to", "refer", "members", "within", "1,000.5", "days"]
        );
        assert_eq!(
            words("## 4.1 Referral Processes\n"),
            vec!["referral", "processes"]
        );
        assert_eq!(words("**Exhibit B. Contacts.**\n"), vec!["contacts"]);
    }

    #[test]
    fn cross_references_compare_without_their_numbers() {
        assert_eq!(
            words("Disputes follow Section 12.2 and Exhibit A.\n"),
            words("Disputes follow Article XII(b) and Exhibit A.\n")
        );
        assert_eq!(
            words("See Articles 7 and 8.\n"),
            words("See Articles VII and VIII.\n")
        );
        assert_ne!(words("See Exhibit A.\n"), words("See Exhibit B.\n"));
        assert_ne!(
            words("Section 5.6 of the MCP Contract.\n"),
            words("Section 5.7 of the MCP Contract.\n")
        );
    }

    #[test]
    fn slots_are_one_token_and_notes_none() {
        assert_eq!(
            words("Between [MCP  Name] and x. [Drafting Note: fill in.] Done.\n"),
            vec!["between", "[mcp name]", "and", "x", "done"]
        );
    }

    #[test]
    fn spans_point_at_the_word() {
        let md = "The MCP shall meet quarterly.\n";
        let tree = Tree::parse(md, 0);
        let mut lex = Lexicon::default();
        let t = tokenize(
            &tree,
            &mut lex,
            &crate::catalog::Catalog::for_tests().vocab.drafting,
        );
        let q = t.tokens[4];
        let sp = tree.blocks[0].source_span(q.range());
        assert_eq!(&md[sp.offset..sp.end()], "quarterly");
    }
}
