//! Words with byte spans, case-folded and stemmed, so that "refers",
//! "referred" and "referral" meet at one stem and the clause model matches
//! concepts by lookup rather than by patterns. Numbers carry their value
//! whichever way they are spelled ("5", "five", "five (5)", "twenty-four").
//!
//! Dotted abbreviations are one word ("C.F.R." is `cfr`, "e.g." is `eg`),
//! a possessive ending is dropped ("MCP's" is `mcp`), and hyphens split
//! words ("follow-up" is `follow` `up`), the same for the draft and for the
//! lexicon's phrases.

use std::ops::Range;

use compact_str::{format_compact, CompactString, ToCompactString};
use rust_stemmers::{Algorithm, Stemmer};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// Digits ("5", "14184.102", "1,000").
    Numeral,
    /// One punctuation character that shapes a clause: `, ; : ( )`.
    Punct(char),
}

/// One token of a text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Bytes in the text tokenized.
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// The case-folded stem (a word), the digits (a numeral) or the
    /// character (punctuation). Short strings are kept inline: a draft's
    /// words cost no allocation.
    pub stem: CompactString,
    /// The case-folded word as written (for a lexicon entry that must not
    /// be stemmed: `=yearly`, whose stem is that of "year").
    pub lower: CompactString,
    /// A word with a possessive ending ("MCP's", "Parties'").
    pub possessive: bool,
    /// The value of a number, spelled in digits or words. A bracketed
    /// numeral that repeats the number word before it ("five (5)") is not
    /// a token.
    pub number: Option<u32>,
    /// The number of `stem` in the vocabulary of the tokenizer that read
    /// it (see [`Tokenizer::with_vocabulary`]), so that a phrase set
    /// numbered in the same vocabulary reads the token without hashing its
    /// stem again; [`NOT_IN_VOCABULARY`] for a stem it lacks.
    pub stem_number: u32,
}

/// The [`Token::stem_number`] of a stem the vocabulary lacks.
pub const NOT_IN_VOCABULARY: u32 = u32::MAX;

/// The punctuation that is a token, and its index in [`PUNCTUATION`].
const PUNCTUATION: [char; 5] = [',', ';', ':', '(', ')'];
fn punctuation_index(c: char) -> Option<usize> {
    match c {
        ',' => Some(0),
        ';' => Some(1),
        ':' => Some(2),
        '(' => Some(3),
        ')' => Some(4),
        _ => None,
    }
}

/// Splits texts into tokens (one stemmer, built once).
pub struct Tokenizer {
    stemmer: Stemmer,
    /// Sorted words whose numbers (positions) tokens carry.
    vocabulary: &'static [&'static str],
    /// The numbers of [`PUNCTUATION`].
    punctuation: [u32; 5],
    /// The vocabulary's numerals, with their numbers: a handful, so that
    /// a numeral of the text is looked for among them alone.
    numerals: Vec<(&'static str, u32)>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::with_vocabulary(&[])
    }
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokenizer(English)")
    }
}

/// The value of a number word ("five", "thirty", "hundred" is not one).
pub fn word_value(w: &str) -> Option<u32> {
    number_word(w.as_bytes())
}

/// [`word_value`] of a word's bytes. A `match`, so that each comparison is
/// with a word of known length, compiled inline: every word of every
/// draft is asked.
pub fn number_word(w: &[u8]) -> Option<u32> {
    Some(match w {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// A word as written, case-folded and stemmed, and its stem's number.
#[derive(Clone)]
struct Forms {
    lower: CompactString,
    stem: CompactString,
    stem_number: u32,
}

/// Each thread's [`Forms`] of the words it has read, for one vocabulary.
#[derive(Default)]
struct Memo {
    /// The vocabulary the numbers are in (its address and length).
    vocabulary: (usize, usize),
    forms: rustc_hash::FxHashMap<CompactString, Forms>,
}

impl Tokenizer {
    /// A tokenizer whose tokens carry their words' numbers in `vocabulary`
    /// (sorted): the lexicon's words, for its phrase set.
    pub fn with_vocabulary(vocabulary: &'static [&'static str]) -> Tokenizer {
        let mut tokenizer = Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
            vocabulary,
            punctuation: [NOT_IN_VOCABULARY; 5],
            numerals: Vec::new(),
        };
        let mut buf = [0u8; 4];
        tokenizer.punctuation = PUNCTUATION.map(|c| tokenizer.number(c.encode_utf8(&mut buf)));
        tokenizer.numerals = (0..vocabulary.len())
            .filter(|&i| vocabulary[i].starts_with(|c: char| c.is_ascii_digit()))
            .map(|i| (vocabulary[i], i as u32))
            .collect();
        tokenizer
    }

    /// The number of a word in the vocabulary.
    fn number(&self, word: &str) -> u32 {
        self.vocabulary
            .binary_search(&word)
            .map_or(NOT_IN_VOCABULARY, |i| i as u32)
    }

    /// The number of a numeral (digits) in the vocabulary.
    fn numeral_number(&self, digits: &str) -> u32 {
        self.numerals
            .iter()
            .find(|(n, _)| *n == digits)
            .map_or(NOT_IN_VOCABULARY, |&(_, i)| i)
    }

    /// A word as written, case-folded and stemmed, and numbered.
    fn forms(&self, written: &str) -> Forms {
        // A draft says the same words again and again, and the stemmer
        // costs a thousand instructions a word: each thread remembers the
        // forms it computed, by the word as written so that a word seen
        // before is not even case-folded again (up to a bound, so that a
        // file of random words cannot grow it without end).
        thread_local! {
            static MEMO: std::cell::RefCell<Memo> = Default::default();
        }
        const MAX_REMEMBERED: usize = 50_000;
        MEMO.with(|cell| {
            let mut memo = cell.borrow_mut();
            let vocabulary = (self.vocabulary.as_ptr() as usize, self.vocabulary.len());
            if memo.vocabulary != vocabulary {
                // Numbers of another vocabulary (another tokenizer).
                memo.forms.clear();
                memo.vocabulary = vocabulary;
            }
            if let Some(forms) = memo.forms.get(written) {
                return forms.clone();
            }
            let lower = lowercase(written);
            let stem = self.stemmer.stem(&lower).to_compact_string();
            let forms = Forms {
                stem_number: self.number(&stem),
                lower,
                stem,
            };
            if memo.forms.len() >= MAX_REMEMBERED {
                memo.forms.clear();
            }
            memo.forms.insert(written.into(), forms.clone());
            forms
        })
    }

    /// Every token of `text`, in order.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        // About one token in six bytes of prose: room for most blocks'
        // tokens at once, rather than a reallocation every doubling.
        let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = char_at(text, i);
            if c.is_ascii_digit() {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_digit()
                        || (matches!(b[i], b'.' | b',')
                            && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
                {
                    i += 1;
                }
                let digits = &text[start..i];
                let value = digits.replace(',', "").parse::<u32>().ok();
                // "five (5)": the numeral repeats the word before it.
                let repeats = value.is_some()
                    && start > 0
                    && b[start - 1] == b'('
                    && b.get(i) == Some(&b')')
                    && out
                        .iter()
                        .rev()
                        .nth(1)
                        .is_some_and(|t| t.kind == TokenKind::Word && t.number == value);
                if repeats {
                    // Drop "(5)" whole: the word before says it, and a
                    // phrase such as "every three months" then matches
                    // "every three (3) months".
                    out.pop();
                    i += 1;
                    continue;
                }
                out.push(Token {
                    range: start..i,
                    kind: TokenKind::Numeral,
                    stem: digits.into(),
                    lower: digits.into(),
                    possessive: false,
                    number: value,
                    stem_number: self.numeral_number(digits),
                });
                continue;
            }
            if c.is_alphabetic() {
                let start = i;
                // A dotted abbreviation: single letters each followed by a
                // full stop ("C.F.R.", "U.S.C.", "e.g.").
                let mut letters = CompactString::default();
                let mut j = i;
                while let Some(l) = text[j..].chars().next() {
                    let after = j + l.len_utf8();
                    if !l.is_alphabetic() || b.get(after) != Some(&b'.') {
                        break;
                    }
                    letters.extend(l.to_lowercase());
                    j = after + 1;
                }
                if letters.chars().count() >= 2 {
                    out.push(Token {
                        range: start..j,
                        kind: TokenKind::Word,
                        stem_number: self.number(&letters),
                        stem: letters.clone(),
                        lower: letters,
                        possessive: false,
                        number: None,
                    });
                    i = j;
                    continue;
                }
                while i < b.len() {
                    // ASCII letters and digits without decoding: most words.
                    if b[i].is_ascii_alphanumeric() {
                        i += 1;
                        continue;
                    }
                    let ch = char_at(text, i);
                    if ch.is_alphanumeric() {
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                let Forms {
                    lower,
                    stem,
                    stem_number,
                } = self.forms(&text[start..i]);
                let number = word_value(&lower);
                // "twenty-four": a tens word, a hyphen, a units word.
                if let (Some(t), Some(prev)) = (number, out.last_mut()) {
                    if t < 10
                        && prev.number.is_some_and(|p| p >= 20 && p % 10 == 0)
                        && text[prev.range.end..start] == *"-"
                    {
                        prev.number = Some(prev.number.unwrap_or(0) + t);
                        prev.range.end = i;
                        prev.stem = format_compact!("{}-{lower}", prev.stem);
                        prev.lower = prev.stem.clone();
                        prev.stem_number = self.number(&prev.stem);
                        continue;
                    }
                }
                let end = i;
                // A contraction's "n't" is a word "not": "doesn't" reads
                // "does not", "won't" "will not", "can't" "can not".
                if let Some(len) = contracted_not(&text[i..], &lower) {
                    let (base, base_end) = match lower.as_str() {
                        "can" => (CompactString::const_new("can"), end),
                        "won" => (CompactString::const_new("will"), end - 1),
                        "shan" => (CompactString::const_new("shall"), end - 1),
                        _ => (CompactString::from(&lower[..lower.len() - 1]), end - 1),
                    };
                    let base = self.forms(&base);
                    out.push(Token {
                        range: start..base_end,
                        kind: TokenKind::Word,
                        stem: base.stem,
                        lower: base.lower,
                        possessive: false,
                        number: None,
                        stem_number: base.stem_number,
                    });
                    out.push(Token {
                        range: base_end..i + len,
                        kind: TokenKind::Word,
                        stem: CompactString::const_new("not"),
                        lower: CompactString::const_new("not"),
                        possessive: false,
                        number: None,
                        stem_number: self.number("not"),
                    });
                    i += len;
                    continue;
                }
                // A possessive ending belongs to the word: "MCP's", "Parties'".
                let mut possessive = false;
                if text[i..].starts_with("'s") || text[i..].starts_with("\u{2019}s") {
                    let n = if b[i] == b'\'' { 2 } else { 4 };
                    if !text[i + n..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                    {
                        i += n;
                        possessive = true;
                    }
                } else if (text[i..].starts_with('\'') || text[i..].starts_with('\u{2019}'))
                    && lower.ends_with('s')
                {
                    possessive = true;
                }
                out.push(Token {
                    range: start..end,
                    kind: TokenKind::Word,
                    stem,
                    lower,
                    possessive,
                    number,
                    stem_number,
                });
                continue;
            }
            if let Some(k) = punctuation_index(c) {
                out.push(Token {
                    range: i..i + 1,
                    kind: TokenKind::Punct(c),
                    stem: c.to_compact_string(),
                    lower: c.to_compact_string(),
                    possessive: false,
                    number: None,
                    stem_number: self.punctuation[k],
                });
            }
            i += c.len_utf8();
        }
        out
    }

    /// The stems of a phrase's words (punctuation and numerals as they
    /// are), for matching against tokens.
    /// A word written `=word` matches only as written, unstemmed.
    pub fn phrase(&self, phrase: &str) -> Vec<String> {
        phrase
            .split_whitespace()
            .flat_map(|w| match w.strip_prefix('=') {
                Some(exact) => vec![format!("={}", exact.to_lowercase())],
                // A gap: any one word ("at * option").
                None if w == "*" => vec!["*".to_string()],
                // A comma, semicolon or colon in a phrase must be in the
                // text too ("admission, discharge or transfer").
                None => self
                    .tokens(w)
                    .into_iter()
                    .map(|t| t.stem.into_string())
                    .collect(),
            })
            .collect()
    }
}

/// The character at byte `i` (a char boundary) of `text`; ASCII without
/// decoding.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b if b < 0x80 => b as char,
        _ => text[i..].chars().next().expect("in bounds"),
    }
}

/// The lowercase form of a word, kept inline when short: ASCII without a
/// second pass.
pub(crate) fn lowercase(word: &str) -> CompactString {
    if word.is_ascii() {
        let mut out = CompactString::from(word);
        out.make_ascii_lowercase();
        out
    } else {
        word.to_lowercase().into()
    }
}

/// The length of the `'t` after a word that ends in "n" ("doesn" of
/// "doesn't"), when it closes the word: the word and it are a contraction
/// of "not".
fn contracted_not(rest: &str, word: &str) -> Option<usize> {
    if word.len() < 2 || !word.ends_with('n') {
        return None;
    }
    let len = if rest.starts_with("'t") {
        2
    } else if rest.starts_with("\u{2019}t") {
        4
    } else {
        return None;
    };
    let closes = !rest[len..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    closes.then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(t: &str) -> Vec<String> {
        Tokenizer::default()
            .tokens(t)
            .into_iter()
            .map(|t| t.stem.into_string())
            .collect()
    }

    #[test]
    fn words_are_folded_and_stemmed() {
        assert_eq!(
            stems("The MCP's Referrals refer"),
            ["the", "mcp", "referr", "refer"]
        );
        assert_eq!(stems("follow-up"), ["follow", "up"]);
    }

    #[test]
    fn a_contracted_not_is_the_word_not() {
        let t = "It doesn't. We won\u{2019}t, can't; shan't. The Parties' don";
        let toks = Tokenizer::default().tokens(t);
        let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lower,
            [
                "it", "does", "not", "we", "will", "not", ",", "can", "not", ";", "shall", "not",
                "the", "parties", "don"
            ]
        );
        // Spans stay byte-exact: "does" and "n't".
        assert_eq!(&t[toks[1].range.clone()], "does");
        assert_eq!(&t[toks[2].range.clone()], "n't");
        assert_eq!(&t[toks[5].range.clone()], "n\u{2019}t");
        assert_eq!(&t[toks[8].range.clone()], "'t");
    }

    #[test]
    fn dotted_abbreviations_are_one_word() {
        assert_eq!(stems("42 C.F.R. Part 2"), ["42", "cfr", "part", "2"]);
        assert_eq!(stems("e.g. U.S.C."), ["eg", "usc"]);
        // A lone initial stays a word of its own.
        assert_eq!(stems("J. Smith"), ["j", "smith"]);
    }

    #[test]
    fn numbers_carry_their_value_however_spelled() {
        let t = Tokenizer::default();
        let values =
            |s: &str| -> Vec<Option<u32>> { t.tokens(s).into_iter().map(|t| t.number).collect() };
        assert_eq!(values("five (5) working"), [Some(5), None]);
        assert_eq!(values("5 days"), [Some(5), None]);
        assert_eq!(values("twenty-four months"), [Some(24), None]);
        assert_eq!(values("Section 5.6.2"), [None, None]);
    }

    #[test]
    fn spans_are_byte_exact() {
        let text = "Plan’s é-mail (5)";
        for tok in Tokenizer::default().tokens(text) {
            assert!(text.get(tok.range.clone()).is_some());
        }
    }
}
