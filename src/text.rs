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
}

impl Seg {
    /// Text and source correspond byte for byte.
    fn exact(&self) -> bool {
        self.text_len == self.src_len
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
        Block {
            kind,
            text: String::new(),
            span: Span::new(start, 0),
            section: 0,
            lead_in: None,
            segs: Vec::new(),
        }
    }

    /// Appends text that came from `src` in the file. When the source bytes
    /// are the text itself (no escapes or entities), typographic characters
    /// are folded one by one so every other byte keeps an exact position.
    pub fn push(&mut self, text: &str, src: std::ops::Range<usize>) {
        let exact = src.len() == text.len();
        if !exact {
            let folded = fold(text);
            self.push_seg(&folded, src.start, src.len());
            return;
        }
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            if let Some(rep) = fold_char(c) {
                if run_start < i {
                    self.push_seg(&text[run_start..i], src.start + run_start, i - run_start);
                }
                self.push_seg(rep, src.start + i, c.len_utf8());
                run_start = i + c.len_utf8();
            }
        }
        if run_start < text.len() {
            self.push_seg(
                &text[run_start..],
                src.start + run_start,
                text.len() - run_start,
            );
        }
    }

    /// Appends a single space standing for a line break at `src`.
    pub fn push_break(&mut self, src: std::ops::Range<usize>) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push_seg(" ", src.start, src.len());
        }
    }

    fn push_seg(&mut self, text: &str, src_start: usize, src_len: usize) {
        if text.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text_start: self.text.len(),
            text_len: text.len(),
            src_start,
            src_len,
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

#[cfg(test)]
mod tests {
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
