//! Where sentences end, one segmenter for every check: a `.`, `;`, `!` or
//! `?` before white space ends a sentence, except a full stop after a
//! single letter ("e.g.", "C.F.R.", "J. Smith") or after an abbreviation
//! of `rules/vocab/sentences.yaml` ("Dr.", "No.", "Inc.").

use crate::catalog::vocab::Sentences;

impl Sentences {
    /// The byte offsets just after each sentence end in `text`.
    pub fn ends<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let b = text.as_bytes();
        (1..b.len()).filter(move |&i| {
            let (c, next) = (b[i - 1], b[i]);
            if !next.is_ascii_whitespace() || !matches!(c, b'.' | b';' | b'!' | b'?') {
                return false;
            }
            if c != b'.' {
                return true;
            }
            let word = text[..i - 1]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let abbreviation = self
                .abbreviations
                .iter()
                .any(|a| a.eq_ignore_ascii_case(word));
            word.chars().count() > 1 && !abbreviation
        })
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
}
