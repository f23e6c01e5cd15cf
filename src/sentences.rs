//! Where sentences end, one segmenter for every check: a `.`, `;`, `!` or
//! `?` before white space ends a sentence, except a full stop after a
//! single letter ("e.g.", "C.F.R.", "J. Smith") or after an abbreviation
//! of `rules/vocab/sentences.yaml` ("Dr.", "No.", "Inc.").

use crate::catalog::vocab::Sentences;

impl Sentences {
    /// The byte offsets just after each sentence end in `text`.
    pub fn ends<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let b = text.as_bytes();
        // `at` is the next offset to try; the scan jumps from one `.;!?`
        // to the next, as most bytes are none and need no test.
        let mut at = 1;
        std::iter::from_fn(move || {
            while at < b.len() {
                let Some(k) = b[at - 1..b.len() - 1]
                    .iter()
                    .position(|c| matches!(c, b'.' | b';' | b'!' | b'?'))
                else {
                    at = b.len();
                    break;
                };
                let i = at + k;
                at = i + 1;
                if self.ends_at(text, i) {
                    return Some(i);
                }
            }
            None
        })
    }

    /// Whether a sentence ends just before byte `i` (`text[i - 1]` is one
    /// of `.;!?`).
    fn ends_at(&self, text: &str, i: usize) -> bool {
        let b = text.as_bytes();
        let (c, next) = (b[i - 1], b[i]);
        if !next.is_ascii_whitespace() || !matches!(c, b'.' | b';' | b'!' | b'?') {
            return false;
        }
        if c != b'.' {
            return true;
        }
        let before = &text[..i - 1];
        // After a bracket or a quote ("five (5). The"), the full stop
        // ends the sentence.
        if before
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphanumeric())
        {
            return true;
        }
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        // A lone digit ends one ("42 C.F.R. Part 2. The") unless it
        // numbers the block ("2. The MCP").
        if word.len() == 1 && word.as_bytes()[0].is_ascii_digit() {
            return !before[..before.len() - 1].trim().is_empty();
        }
        let abbreviation = self
            .abbreviations
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word));
        word.chars().count() > 1 && !abbreviation
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let s = &crate::catalog::Catalog::for_tests().vocab.sentences;
        let t = "Dr. Lee, e.g. the lead, signs. Per 42 C.F.R. Part 2; then stop! Ok";
        let ends: Vec<&str> = s.ends(t).map(|i| &t[..i]).collect();
        assert_eq!(
            ends,
            [
                "Dr. Lee, e.g. the lead, signs.",
                "Dr. Lee, e.g. the lead, signs. Per 42 C.F.R. Part 2;",
                "Dr. Lee, e.g. the lead, signs. Per 42 C.F.R. Part 2; then stop!"
            ]
        );
    }

    #[test]
    fn a_bracket_or_a_lone_digit_before_a_full_stop_ends_a_sentence() {
        let s = &crate::catalog::Catalog::for_tests().vocab.sentences;
        let t = "2. Within five (5). Under Part 2. Then \"go\". Done";
        let ends: Vec<&str> = s.ends(t).map(|i| &t[..i]).collect();
        assert_eq!(
            ends,
            [
                "2. Within five (5).",
                "2. Within five (5). Under Part 2.",
                "2. Within five (5). Under Part 2. Then \"go\"."
            ]
        );
    }
}
