//! Plain text of Markdown blocks, with a map back to source bytes.
//!
//! Checks match patterns against plain text (markup removed, line breaks as
//! spaces, typographic quotes, dashes and no-break spaces folded to ASCII)
//! and must still report byte-exact spans in the original file. A
//! [`Block`] keeps, for every run of its text, where that run came from.

use crate::diagnostic::Span;

/// One run of block text and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    text_start: usize,
    text_len: usize,
    src_start: usize,
    src_len: usize,
    /// Text and source are the same bytes, so an offset inside the run
    /// maps to the same offset inside its source. A folded character
    /// (`…` read as `...`) is never exact, even when the lengths agree:
    /// an offset inside it maps to its start or end, never into it.
    exact: bool,
}

impl Seg {
    fn exact(&self) -> bool {
        self.exact
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    /// Text directly inside a list item (a tight list).
    ItemText,
    TableCell,
}

/// A paragraph, heading, tight list item or table cell.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain, folded text.
    pub text: String,
    /// Source bytes of the whole block.
    pub span: Span,
    /// Innermost section holding the block (index into the tree's sections).
    pub section: usize,
    /// Byte length (in `text`) of a bold run that opens the block, if any.
    pub lead_in: Option<usize>,
    segs: Vec<Seg>,
}

impl Block {
    pub fn new(kind: BlockKind, start: usize) -> Self {
        Block::sized(kind, start, 0)
    }

    /// A block whose source is about `source_len` bytes: its text (the
    /// source less its markup) is given that room at once, rather than
    /// growing by doubling as the parser hands it over piece by piece.
    pub fn sized(kind: BlockKind, start: usize, source_len: usize) -> Self {
        Block {
            kind,
            text: String::with_capacity(source_len),
            span: Span::new(start, 0),
            section: 0,
            lead_in: None,
            segs: Vec::with_capacity(if source_len == 0 { 0 } else { 4 }),
        }
    }

    /// Appends text that came from `src` in the file. When the source bytes
    /// are the text itself (no escapes or entities), typographic characters
    /// are folded one by one so every other byte keeps an exact position.
    pub fn push(&mut self, text: &str, src: std::ops::Range<usize>) {
        let exact = src.len() == text.len();
        if !exact {
            let folded = fold(text);
            self.push_seg(&folded, src.start, src.len(), false);
            return;
        }
        // Of ASCII, only a tab folds: most text is one segment.
        if text.is_ascii() && !text.as_bytes().contains(&b'\t') {
            self.push_seg(text, src.start, text.len(), true);
            return;
        }
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            if let Some(rep) = fold_char(c) {
                if run_start < i {
                    self.push_seg(
                        &text[run_start..i],
                        src.start + run_start,
                        i - run_start,
                        true,
                    );
                }
                self.push_seg(rep, src.start + i, c.len_utf8(), false);
                run_start = i + c.len_utf8();
            }
        }
        if run_start < text.len() {
            self.push_seg(
                &text[run_start..],
                src.start + run_start,
                text.len() - run_start,
                true,
            );
        }
    }

    /// Appends a single space standing for a line break at `src`.
    pub fn push_break(&mut self, src: std::ops::Range<usize>) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push_seg(" ", src.start, src.len(), src.len() == 1);
        }
    }

    fn push_seg(&mut self, text: &str, src_start: usize, src_len: usize, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text_start: self.text.len(),
            text_len: text.len(),
            src_start,
            src_len,
            exact: exact && text.len() == src_len,
        });
        self.text.push_str(text);
    }

    /// Source span of a byte range of `text`.
    pub fn source_span(&self, range: std::ops::Range<usize>) -> Span {
        if self.segs.is_empty() {
            return Span::new(self.span.offset, 0);
        }
        let start = self.source_offset(range.start, false);
        let end = if range.end > range.start {
            self.source_offset(range.end, true)
        } else {
            start
        };
        Span::new(start, end.max(start) - start)
    }

    /// Maps a text offset to a source offset; `is_end` maps an exclusive end
    /// so that a range ending at a segment boundary stays in its segment.
    fn source_offset(&self, off: usize, is_end: bool) -> usize {
        let probe = if is_end { off.saturating_sub(1) } else { off };
        let idx = match self.segs.binary_search_by(|s| s.text_start.cmp(&probe)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let seg = self.segs[idx];
        let within = off.saturating_sub(seg.text_start).min(seg.text_len);
        if seg.exact() {
            seg.src_start + within
        } else if is_end {
            seg.src_start + seg.src_len
        } else {
            seg.src_start
        }
    }
}

/// Folds typographic characters to the ASCII that patterns are written in.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' => " ",
        '\u{2026}' => "...",
        _ => return None,
    })
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// The Unicode name of a character that changes what a reader sees without
/// showing itself: bidirectional controls (displayed order differs from
/// stored order), zero-width characters, tag characters and the soft
/// hyphen. `None` for every other character.
pub fn hidden_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{115F}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{17B4}' => "KHMER VOWEL INHERENT AQ",
        '\u{17B5}' => "KHMER VOWEL INHERENT AA",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{206A}'..='\u{206F}' => "DEPRECATED FORMAT CHARACTER",
        '\u{3164}' => "HANGUL FILLER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{FFA0}' => "HALFWIDTH HANGUL FILLER",
        '\u{E0001}' => "LANGUAGE TAG",
        '\u{E0020}'..='\u{E007E}' => "TAG CHARACTER",
        '\u{E007F}' => "CANCEL TAG",
        _ => return None,
    })
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: a hidden character as messages name
/// it. A tag character also says which ASCII character it stands for.
pub fn describe_hidden(c: char) -> String {
    let name = hidden_char(c).unwrap_or("CHARACTER");
    let code = c as u32;
    match code {
        0xE0020..=0xE007E => {
            let ascii = char::from_u32(code - 0xE0000).unwrap_or('?');
            format!("U+{code:04X} {name} (`{ascii}`)")
        }
        _ => format!("U+{code:04X} {name}"),
    }
}

/// Characters that may belong to a word (letters, digits, combining
/// accents).
pub fn word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The letters of `word` outside its main script (the script most of its
/// letters have; Latin on a tie), each with its script's name: the
/// lookalikes of a word that mixes scripts (`shаll` with a Cyrillic `а`).
/// Empty for a word of one script, or of a mix one writing system uses
/// (Unicode's UTS #39 data).
pub fn odd_letters(word: &str) -> Vec<(char, &'static str)> {
    use unicode_script::{Script, UnicodeScript};
    use unicode_security::MixedScript;
    if word.is_ascii() || word.is_single_script() {
        return Vec::new();
    }
    let scripts: Vec<(char, Script)> = word
        .chars()
        .map(|c| (c, c.script()))
        .filter(|(_, s)| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .collect();
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for (_, s) in &scripts {
        match counts.iter_mut().find(|(t, _)| t == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((*s, 1)),
        }
    }
    let main = counts
        .iter()
        .max_by_key(|(s, n)| (*n, *s == Script::Latin))
        .map(|(s, _)| *s);
    scripts
        .into_iter()
        .filter(|(_, s)| Some(*s) != main)
        .map(|(c, s)| (c, s.full_name()))
        .collect()
}

/// Where [`escape_hidden`] escapes `s`: the byte offsets of hidden
/// characters, of control characters other than line ends and tabs, and of
/// the lookalike letters of words that mix scripts, in order.
pub fn hidden_offsets(s: &str) -> Vec<usize> {
    let bad =
        |c: char| hidden_char(c).is_some() || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
    let mut out = Vec::new();
    if s.bytes()
        .all(|b| b.is_ascii_graphic() || b" \n\t\r".contains(&b))
    {
        return out;
    }
    // A word's letters can mix scripts only if one is outside ASCII: the
    // ASCII bytes (most of any text) are read one by one without decoding,
    // and only words holding another character are asked of their scripts.
    let word = |from: usize, to: usize, out: &mut Vec<usize>| {
        let letters = odd_letters(&s[from..to]);
        for (i, c) in s[from..to].char_indices() {
            if letters.iter().any(|(l, _)| *l == c) {
                out.push(from + i);
            }
        }
    };
    let bytes = s.as_bytes();
    // The word being read: where it starts, and whether it is all ASCII.
    let mut start: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (is_word, ascii, len) = match bytes[i] {
            b if b < 0x80 => {
                if b == 0x7f || (b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r')) {
                    out.push(i);
                }
                (b.is_ascii_alphanumeric(), true, 1)
            }
            _ => {
                let c = s[i..].chars().next().expect("on a character boundary");
                if bad(c) {
                    out.push(i);
                }
                (word_char(c), false, c.len_utf8())
            }
        };
        match (is_word, start) {
            (true, None) => start = Some((i, ascii)),
            (true, Some((f, all_ascii))) => start = Some((f, all_ascii && ascii)),
            (false, Some((f, all_ascii))) => {
                if !all_ascii {
                    word(f, i, &mut out);
                }
                start = None;
            }
            (false, None) => {}
        }
        i += len;
    }
    if let Some((f, false)) = start {
        word(f, s.len(), &mut out);
    }
    out.sort_unstable();
    out
}

/// Text safe to print: what [`hidden_offsets`] finds written as
/// `<U+202E>`, so that a message or a report never reorders, hides or
/// disguises what is around it.
pub fn escape_hidden(s: &str) -> std::borrow::Cow<'_, str> {
    let at = hidden_offsets(s);
    if at.is_empty() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8 * at.len());
    let mut from = 0;
    for i in at {
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push_str(&s[from..i]);
        out.push_str(&format!("<U+{:04X}>", c as u32));
        from = i + c.len_utf8();
    }
    out.push_str(&s[from..]);
    std::borrow::Cow::Owned(out)
}

/// Lowercase words of a title, numbering and punctuation dropped, `&` read
/// as "and": the form in which section titles are compared.
pub fn normalize_title(title: &str) -> String {
    let folded = fold(title).replace('&', " and ");
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// Reads a number written in digits or in English words ("five",
/// "twenty-four", "ninety"), as MOUs write "five (5) working days".
pub fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    match s.split_once('-') {
        Some((tens, units)) => {
            let (t, u) = (
                crate::tokens::word_value(tens)?,
                crate::tokens::word_value(units)?,
            );
            (t >= 20 && t % 10 == 0 && u < 10).then_some(t + u)
        }
        None => crate::tokens::word_value(&s),
    }
}

/// Bracketed runs `[...]` with 1 to `max_chars` characters and no bracket
/// inside: (the whole run, its inside), byte ranges, left to right. A
/// linear scan: the regex `\[([^\[\]]{1,N})\]` it replaces compiled to
/// an automaton N times its class, most of a small draft's start-up.
pub fn brackets(
    text: &str,
    max_chars: usize,
) -> impl Iterator<Item = (std::ops::Range<usize>, std::ops::Range<usize>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[at..].find('[').map(|i| at + i) {
            let inside = open + 1;
            let Some(close) = text[inside..].find(['[', ']']).map(|i| inside + i) else {
                at = text.len();
                return None;
            };
            if text.as_bytes()[close] == b'[' {
                at = close;
                continue;
            }
            at = close + 1;
            let n = text[inside..close].chars().count();
            if (1..=max_chars).contains(&n) {
                return Some((open..close + 1, inside..close));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn brackets_are_found_as_the_bounded_pattern_would() {
        let re = regex::Regex::new(r"\[([^\[\]]{1,5})\]").unwrap();
        for text in [
            "a [b] [cdefgh] [[x]] [] [é́é] [open [ok] ]x[",
            "[12345][123456]",
            "]]][",
            "",
        ] {
            let ours: Vec<_> = brackets(text, 5).collect();
            let theirs: Vec<_> = re
                .captures_iter(text)
                .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
                .collect();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    use super::*;

    #[test]
    fn folded_characters_keep_exact_spans_around_them() {
        let src = "the MCP\u{2019}s duty \u{2014} now";
        let mut b = Block::new(BlockKind::Paragraph, 10);
        b.push(src, 10..10 + src.len());
        assert_eq!(b.text, "the MCP's duty - now");
        let at = b.text.find("duty").unwrap();
        let sp = b.source_span(at..at + 4);
        assert_eq!(&src[sp.offset - 10..sp.end() - 10], "duty");
        let q = b.text.find('\'').unwrap();
        let sp = b.source_span(q..q + 1);
        assert_eq!(&src[sp.offset - 10..sp.end() - 10], "\u{2019}");
    }

    #[test]
    fn an_offset_inside_a_folded_character_never_splits_it() {
        // "…" (3 bytes) is read as "..." (3 bytes): the middle dot maps to
        // the whole character, not to a byte inside it.
        let src = "wait\u{2026}now";
        let mut b = Block::new(BlockKind::Paragraph, 0);
        b.push(src, 0..src.len());
        assert_eq!(b.text, "wait...now");
        for i in 4..7 {
            for j in i + 1..=7 {
                let sp = b.source_span(i..j);
                assert!(src.is_char_boundary(sp.offset), "{i}..{j}: {sp:?}");
                assert!(src.is_char_boundary(sp.end()), "{i}..{j}: {sp:?}");
            }
        }
        let sp = b.source_span(5..6);
        assert_eq!(&src[sp.offset..sp.end()], "\u{2026}");
    }

    #[test]
    fn titles_normalize() {
        assert_eq!(
            normalize_title("Screening, Assessment & Referrals."),
            "screening assessment and referrals"
        );
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(parse_number("five"), Some(5));
        assert_eq!(parse_number("10"), Some(10));
        assert_eq!(parse_number("Thirty"), Some(30));
        assert_eq!(parse_number("some"), None);
    }
}

/// Lowercase words with single spaces and a space at each end, so that a
/// phrase is found as whole words with `contains(" phrase ")`.
pub fn padded_words(s: &str) -> String {
    if s.is_ascii() {
        // Byte by byte: a word's letters lowercased, one space after it.
        // Each byte writes at most one, so the output fits in the input's
        // length and the two spaces added at the ends.
        let mut out = vec![b' '; s.len() + 2];
        let mut n = 1;
        let mut in_word = false;
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                out[n] = b.to_ascii_lowercase();
                n += 1;
                in_word = true;
            } else if in_word {
                out[n] = b' ';
                n += 1;
                in_word = false;
            }
        }
        // The byte at `n` is still a space.
        out.truncate(if in_word { n + 1 } else { n });
        return String::from_utf8(out).expect("ASCII in, ASCII out");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            out.push_str(&w.to_lowercase());
        }
        out.push(' ');
    }
    out
}

/// Phrases looked for as whole words in padded text ([`padded_words`]).
/// One automaton pass over the text finds every phrase it holds, where a
/// substring search per phrase would read the text once for each.
#[derive(Debug, Clone)]
pub struct PaddedPhrases {
    /// The phrases padded but for the leading space, which every word of
    /// the text has: patterns that begin with a letter let the automaton
    /// skip ahead to where one may start.
    finder: aho_corasick::AhoCorasick,
}

impl PaddedPhrases {
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> Self {
        let padded: Vec<String> = phrases
            .into_iter()
            .map(|p| padded_words(p.as_ref())[1..].to_string())
            .collect();
        let finder = aho_corasick::AhoCorasick::builder()
            .build(&padded)
            .expect("phrases of the built-in vocabulary");
        PaddedPhrases { finder }
    }

    /// The index of the first phrase, in list order, that `padded_text`
    /// holds (not the first to occur in the text).
    pub fn first_in(&self, padded_text: &str) -> Option<usize> {
        // Most texts hold none: a plain search says so, skipping ahead
        // with the automaton's prefilter, where listing every overlapping
        // match has to step through each byte.
        if !self.finder.is_match(padded_text) {
            return None;
        }
        let bytes = padded_text.as_bytes();
        self.finder
            .find_overlapping_iter(padded_text)
            .filter(|m| m.start() == 0 || bytes[m.start() - 1] == b' ')
            .map(|m| m.pattern().as_usize())
            .min()
    }
}

#[cfg(test)]
mod hidden_tests {
    use super::{escape_hidden, hidden_offsets};

    #[test]
    fn hidden_characters_controls_and_lookalikes_are_found_where_they_are() {
        assert!(hidden_offsets("Plain text, tabs\tand lines\n.").is_empty());
        // An ASCII control, a zero-width space, a Cyrillic `а` in "shаll".
        let s = "a\u{7}b \u{201c}x\u{200B}y\u{201d} sh\u{430}ll";
        let at = hidden_offsets(s);
        assert_eq!(at, vec![1, 8, 18]);
        assert_eq!(
            escape_hidden(s),
            "a<U+0007>b \u{201c}x<U+200B>y\u{201d} sh<U+0430>ll"
        );
        // A word of one other script, and one mixing scripts at the end.
        assert!(hidden_offsets("\u{201c}Привет\u{201d}").is_empty());
        assert_eq!(hidden_offsets("x p\u{430}"), vec![3]);
    }
}

#[cfg(test)]
mod padded_tests {
    use super::{padded_words, PaddedPhrases};

    #[test]
    fn the_first_phrase_in_list_order_is_found_as_whole_words() {
        let set = PaddedPhrases::new(["need not", "notwithstanding", "the mcp"]);
        let text = padded_words("Notwithstanding the above, the MCP need not meet.");
        assert_eq!(set.first_in(&text), Some(0));
        assert_eq!(set.first_in(&padded_words("Notwithstanding it.")), Some(1));
        assert_eq!(set.first_in(&padded_words("the MCPs need nothing")), None);
    }

    #[test]
    fn padded_words_are_lowercase_with_one_space_around_each() {
        assert_eq!(
            padded_words("The MCP's  duty -- does NOT apply."),
            " the mcp s duty does not apply "
        );
        assert_eq!(padded_words(" ... "), " ");
        // Outside ASCII, a word is lowercased as a whole (a final sigma).
        assert_eq!(padded_words("ΟΔΟΣ, Größe"), " οδος größe ");
    }
}
