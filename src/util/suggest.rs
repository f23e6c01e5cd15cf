//! "Did you mean ...?" suggestions for misspelt ids, keys and values.

/// The candidate closest to `word` (Jaro-Winkler similarity above 0.8), if
/// any is that close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_candidates() {
        assert_eq!(did_you_mean("bsae", ["base", "mhp"]), Some("base"));
        assert_eq!(
            did_you_mean(
                "base.dispute-resolutoin",
                ["base.dispute-resolution", "base.term"]
            ),
            Some("base.dispute-resolution")
        );
        assert_eq!(did_you_mean("zzz", ["base", "mhp"]), None);
        assert_eq!(did_you_mean("base", std::iter::empty()), None);
    }
}
