//! A set of phrases matched on stems by lookup: each phrase is filed under
//! its first stem, so one pass over a text's tokens finds every phrase of
//! every concept with a hash lookup per token, however many concepts the
//! lexicon holds. The stems are numbered when the set is built, so that
//! after one lookup per token a phrase is compared as a few integers. A
//! set numbered in a tokenizer's vocabulary (the lexicon's) needs not even
//! that lookup: each token carries its words' numbers in it.

use rustc_hash::FxHashMap;

use crate::tokens::{Token, TokenKind};

/// A phrase word: the number of a stem, of a `=word` (matched as written)
/// or [`ANY`].
type Sym = u32;

/// `*`: any one word (not punctuation).
const ANY: Sym = 0;

/// Phrases (stem sequences), each with a label of the caller's.
#[derive(Debug, Clone)]
pub struct PhraseSet<L> {
    /// The numbers of the stems the phrases use.
    stems: FxHashMap<String, Sym>,
    /// The numbers of the `=word`s, by word (one numbering with `stems`).
    exact: FxHashMap<String, Sym>,
    /// Per symbol: the phrases that start with it, longest first.
    by_first: Vec<Vec<(Vec<Sym>, L)>>,
    /// The first bytes and lengths of the keys of `stems` and of `exact`
    /// (see [`Shapes`]): most words of a text are in neither, and this
    /// says so without hashing them.
    stem_shapes: Shapes,
    exact_shapes: Shapes,
    /// Whether any phrase was added.
    any: bool,
    /// The vocabulary of the tokenizer whose tokens it reads (see
    /// [`PhraseSet::with_vocabulary`]), and per word of it, its symbol as
    /// a stem.
    vocabulary: &'static [&'static str],
    stem_by_number: Vec<Option<Sym>>,
    /// Whether every stem of the phrases is in the vocabulary, so that a
    /// token's [`Token::stem_number`] says which it is.
    numbered: bool,
}

impl<L> Default for PhraseSet<L> {
    fn default() -> Self {
        PhraseSet::with_vocabulary(&[])
    }
}

impl<L> PhraseSet<L> {
    /// A set that reads tokens by their numbers in `vocabulary` (sorted)
    /// while it holds that vocabulary's words only: it must be given the
    /// tokens of a [`crate::tokens::Tokenizer::with_vocabulary`] of the
    /// same vocabulary.
    pub fn with_vocabulary(vocabulary: &'static [&'static str]) -> Self {
        PhraseSet {
            stems: FxHashMap::default(),
            exact: FxHashMap::default(),
            by_first: vec![Vec::new()],
            stem_shapes: Shapes::default(),
            exact_shapes: Shapes::default(),
            any: false,
            vocabulary,
            stem_by_number: vec![None; vocabulary.len()],
            numbered: true,
        }
    }

    /// Files stem symbol `id` under the stem's number in the vocabulary; a
    /// stem it lacks leaves the set to read tokens by their stems.
    fn number(&mut self, stem: &str, id: Sym) {
        match self.vocabulary.binary_search(&stem) {
            Ok(n) => self.stem_by_number[n] = Some(id),
            Err(_) => self.numbered = false,
        }
    }
}

/// Per first byte, a bit for each length (31 for 31 bytes and more) of
/// the words starting with it: a word whose bit is clear is not one of
/// them.
#[derive(Debug, Clone)]
struct Shapes(Box<[u32; 256]>);

impl Default for Shapes {
    fn default() -> Self {
        Shapes(Box::new([0; 256]))
    }
}

impl Shapes {
    fn bit(word: &str) -> Option<(usize, u32)> {
        let b = word.as_bytes();
        Some((usize::from(*b.first()?), 1 << b.len().min(31)))
    }

    fn add(&mut self, word: &str) {
        if let Some((first, bit)) = Shapes::bit(word) {
            self.0[first] |= bit;
        }
    }

    /// Whether `word` may be one of the words added (the empty word is
    /// not ruled out).
    fn may_hold(&self, word: &str) -> bool {
        Shapes::bit(word).is_none_or(|(first, bit)| self.0[first] & bit != 0)
    }
}

/// One phrase found: tokens `start..end` of the text, and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<L> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

/// What a token is to the phrases: the number of its stem and of its word
/// as written, when some phrase has them.
#[derive(Clone, Copy)]
struct Read {
    stem: Option<Sym>,
    exact: Option<Sym>,
    punct: bool,
}

impl Read {
    /// Whether the token is phrase word `s`: its stem, its word as written
    /// for a `=word`, any word for `*`; punctuation only by its own stem.
    fn is(self, s: Sym) -> bool {
        if self.punct {
            return self.stem == Some(s);
        }
        s == ANY || self.stem == Some(s) || self.exact == Some(s)
    }
}

impl<L: Copy + PartialEq> PhraseSet<L> {
    /// The number of a phrase word, numbering it if new.
    fn sym(&mut self, word: &str) -> Sym {
        if word == "*" {
            return ANY;
        }
        let next = self.by_first.len() as Sym;
        let id = match word.strip_prefix('=') {
            Some(w) => {
                self.exact_shapes.add(w);
                *self.exact.entry(w.to_string()).or_insert(next)
            }
            None => {
                self.stem_shapes.add(word);
                let id = *self.stems.entry(word.to_string()).or_insert(next);
                if id == next {
                    self.number(word, id);
                }
                id
            }
        };
        if id == next {
            self.by_first.push(Vec::new());
        }
        id
    }

    /// Adds a phrase (its stems, see [`crate::tokens::Tokenizer::phrase`]);
    /// an empty one is ignored.
    pub fn add(&mut self, stems: Vec<String>, label: L) {
        if stems.is_empty() {
            return;
        }
        let syms: Vec<Sym> = stems.iter().map(|w| self.sym(w)).collect();
        self.any = true;
        let list = &mut self.by_first[syms[0] as usize];
        if list.iter().any(|(s, l)| *s == syms && *l == label) {
            return;
        }
        list.push((syms, label));
        // Longest first, so a caller that keeps the first match at a
        // position keeps the longest.
        list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }

    pub fn is_empty(&self) -> bool {
        !self.any
    }

    /// Every phrase occurring in `tokens` (words and numerals; punctuation
    /// breaks a phrase unless the phrase has it too: "admission, discharge
    /// or transfer"), overlapping ones included, in order of start.
    pub fn find_all(&self, tokens: &[Token]) -> Vec<Found<L>> {
        let mut out = Vec::new();
        if !self.any {
            return out;
        }
        let reads: Vec<Read> = tokens
            .iter()
            .map(|t| Read {
                stem: if self.numbered {
                    // A number past the table (`NOT_IN_VOCABULARY`) is no
                    // stem of it.
                    self.stem_by_number
                        .get(t.stem_number as usize)
                        .copied()
                        .flatten()
                } else if self.stem_shapes.may_hold(&t.stem) {
                    self.stems.get(t.stem.as_str()).copied()
                } else {
                    None
                },
                exact: if self.exact.is_empty() || !self.exact_shapes.may_hold(&t.lower) {
                    None
                } else {
                    self.exact.get(t.lower.as_str()).copied()
                },
                punct: matches!(t.kind, TokenKind::Punct(_)),
            })
            .collect();
        for (i, r) in reads.iter().enumerate() {
            // A phrase starts with the token's stem, or with its word
            // as written (`=word`): those lists, in that order.
            let firsts = [r.stem, r.exact].into_iter().flatten();
            for (syms, label) in firsts.flat_map(|s| &self.by_first[s as usize]) {
                let end = i + syms.len();
                let fits =
                    end <= reads.len() && reads[i..end].iter().zip(syms).all(|(r, &s)| r.is(s));
                if fits {
                    out.push(Found {
                        start: i,
                        end,
                        label: *label,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Tokenizer;

    #[test]
    fn phrases_match_on_stems_across_inflections() {
        let t = Tokenizer::default();
        let mut set = PhraseSet::default();
        set.add(t.phrase("refer"), 1);
        set.add(t.phrase("no later than"), 2);
        set.add(t.phrase("no"), 3);
        set.add(t.phrase("at * option"), 4);
        let toks = t.tokens("Plan refers Members no later than, no at the option; at option");
        let found: Vec<(usize, u8)> = set
            .find_all(&toks)
            .into_iter()
            .map(|f| (f.start, f.label))
            .collect();
        assert_eq!(found, [(1, 1), (3, 2), (3, 3), (7, 3), (8, 4)]);
    }

    #[test]
    fn punctuation_breaks_a_phrase_unless_the_phrase_has_it() {
        let t = Tokenizer::default();
        let mut set = PhraseSet::default();
        set.add(t.phrase("admission, discharge or transfer"), 1);
        set.add(t.phrase("discharge planning"), 2);
        let toks = t.tokens("admission, discharge or transfer; discharge, planning");
        let found: Vec<(usize, usize, u8)> = set
            .find_all(&toks)
            .into_iter()
            .map(|f| (f.start, f.end, f.label))
            .collect();
        assert_eq!(found, [(0, 5, 1)]);
    }
}
