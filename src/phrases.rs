//! A set of phrases matched on stems by lookup: each phrase is filed under
//! its first stem, so one pass over a text's tokens finds every phrase of
//! every concept with a hash lookup per token, however many concepts the
//! lexicon holds.

use rustc_hash::FxHashMap;

use crate::tokens::{Token, TokenKind};

/// Phrases (stem sequences), each with a label of the caller's.
#[derive(Debug, Clone)]
pub struct PhraseSet<L> {
    /// Filed under the first stem.
    by_first: FxHashMap<String, Vec<(Vec<String>, L)>>,
    /// Phrases whose first word is matched as written (`=word`), filed
    /// under that word.
    by_exact_first: FxHashMap<String, Vec<(Vec<String>, L)>>,
}

impl<L> Default for PhraseSet<L> {
    fn default() -> Self {
        PhraseSet {
            by_first: FxHashMap::default(),
            by_exact_first: FxHashMap::default(),
        }
    }
}

/// One phrase found: tokens `start..end` of the text, and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<L> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

impl<L: Copy + PartialEq> PhraseSet<L> {
    /// Adds a phrase (its stems, see [`crate::tokens::Tokenizer::phrase`]);
    /// an empty one is ignored.
    pub fn add(&mut self, stems: Vec<String>, label: L) {
        let Some(first) = stems.first().cloned() else {
            return;
        };
        let list = match first.strip_prefix('=') {
            Some(word) => self.by_exact_first.entry(word.to_string()).or_default(),
            None => self.by_first.entry(first).or_default(),
        };
        if list.iter().any(|(s, l)| *s == stems && *l == label) {
            return;
        }
        list.push((stems, label));
        // Longest first, so a caller that keeps the first match at a
        // position keeps the longest.
        list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty() && self.by_exact_first.is_empty()
    }

    /// Every phrase occurring in `tokens` (words and numerals; punctuation
    /// breaks a phrase unless the phrase has it too: "admission, discharge
    /// or transfer"), overlapping ones included, in order of start.
    pub fn find_all(&self, tokens: &[Token]) -> Vec<Found<L>> {
        let mut out = Vec::new();
        // A stem, or `=word` for an entry matched only as written.
        // `*` is any one word.
        let same = |t: &Token, s: &str| match t.kind {
            TokenKind::Punct(_) => t.stem == s,
            _ => s == "*" || t.stem == s || s.strip_prefix('=').is_some_and(|w| t.lower == w),
        };
        for (i, t) in tokens.iter().enumerate() {
            let exact = if self.by_exact_first.is_empty() {
                None
            } else {
                self.by_exact_first.get(t.lower.as_str())
            };
            let lists = [self.by_first.get(t.stem.as_str()), exact];
            for (stems, label) in lists.into_iter().flatten().flatten() {
                let end = i + stems.len();
                let fits = end <= tokens.len()
                    && tokens[i..end].iter().zip(stems).all(|(t, s)| same(t, s));
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
