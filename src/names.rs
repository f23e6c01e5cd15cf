//! Party names compared as words: how `doc.parties` ties a name in the
//! preamble or a signature block to the front matter, and how `doc.role`
//! finds which plan a role belongs to.
//!
//! Case, punctuation (straight or curly) and the ignored words of
//! `rules/vocab/names.yaml` ("the", "Inc.", "LLC") do not count, "County of
//! Alpine" is "Alpine County", and a name matches where its words appear in
//! order, side by side.

use std::ops::Range;

use crate::catalog::vocab::Names;

/// Comparable words, each with its byte range in the text.
pub type Words = Vec<(String, Range<usize>)>;

impl Names {
    /// The comparable words of a text: lowercase, `.` and `'` (straight or
    /// curly) dropped inside words ("L.L.C." is `llc`, "Sheriff’s" is
    /// `sheriffs`), `&` read as "and", other punctuation a separator,
    /// ignored words left out.
    pub fn words(&self, text: &str) -> Words {
        let ignored = |w: &str| self.ignored.iter().any(|i| i == w);
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut at = 0..0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if cur.is_empty() {
                    at.start = i;
                }
                cur.extend(c.to_lowercase());
                at.end = i + c.len_utf8();
                continue;
            }
            let inside = matches!(c, '.' | '\'' | '\u{2018}' | '\u{2019}')
                && !cur.is_empty()
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if inside {
                continue;
            }
            if !cur.is_empty() && !ignored(&cur) {
                out.push((cur.clone(), at.clone()));
            }
            cur.clear();
            if c == '&' {
                out.push(("and".to_string(), i..i + 1));
            }
        }
        if !cur.is_empty() && !ignored(&cur) {
            out.push((cur, at));
        }
        out
    }

    /// The comparable words alone.
    pub fn keys(&self, text: &str) -> Vec<String> {
        self.words(text).into_iter().map(|(w, _)| w).collect()
    }

    /// The forms a name is compared in: its words, and for a county the
    /// other way of writing it ("County of Alpine" and "Alpine County";
    /// "County of Alpine Behavioral Health" and "Alpine County Behavioral
    /// Health").
    pub fn forms(&self, text: &str) -> Vec<Vec<String>> {
        let k = self.keys(text);
        let mut forms = Vec::new();
        if let Some(c) = k.iter().position(|w| *w == self.county) {
            let county = [self.county.clone()];
            if k.get(c + 1).is_some_and(|w| w == "of") {
                // "County of X ..." is also "X County ...", for each end of X.
                for e in c + 3..=k.len() {
                    forms.push([&k[..c], &k[c + 2..e], &county, &k[e..]].concat());
                }
            } else {
                // "X County ..." is also "County of X ...", for each start of X.
                let county_of = [self.county.clone(), "of".to_string()];
                for s in 0..c {
                    forms.push([&k[..s], &county_of, &k[s..c], &k[c + 1..]].concat());
                }
            }
        }
        forms.insert(0, k);
        forms
    }

    /// Two names share a distinctive word (`Sierra` in "Sierra Vista CoC"
    /// and "Sierra Vista Continuum of Care").
    pub fn share_a_name_word(&self, a: &[String], b: &[String]) -> bool {
        a.iter()
            .any(|w| w.len() > 2 && !self.common.iter().any(|c| c == w) && b.contains(w))
    }

    /// A name read from the text that is a role or a document, not a party.
    pub fn generic(&self, k: &[String]) -> bool {
        k.is_empty()
            || self
                .not_a_party
                .iter()
                .any(|p| contains_words(k, &self.keys(p)))
            || k.iter().all(|w| self.role_words.iter().any(|r| r == w))
    }
}

/// Where one of a name's `forms` occurs in `hay` (the words of `text`),
/// its words side by side.
pub fn find_words(
    text: &str,
    hay: &[(String, Range<usize>)],
    forms: &[Vec<String>],
) -> Option<Range<usize>> {
    // Words of one name are side by side: only spaces and light punctuation
    // between them, not a parenthesis or a quote (`Alpine ("County")`).
    let joined = |a: &Range<usize>, b: &Range<usize>| {
        text.get(a.end..b.start).is_some_and(|gap| {
            gap.chars()
                .all(|c| c.is_whitespace() || ",.-'&/\u{2019}".contains(c))
        })
    };
    forms.iter().find_map(|needle| {
        if needle.is_empty() || needle.len() > hay.len() {
            return None;
        }
        (0..=hay.len() - needle.len())
            .find(|&i| {
                let run = &hay[i..i + needle.len()];
                run.iter().zip(needle).all(|((w, _), n)| w == n)
                    && run.windows(2).all(|p| joined(&p[0].1, &p[1].1))
            })
            .map(|i| hay[i].1.start..hay[i + needle.len() - 1].1.end)
    })
}

/// `needle`'s words occur in `hay`, in order and side by side.
pub fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && needle.len() <= hay.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// A front matter name and a name read from the text are the same party
/// when the words of one (in one of its forms) hold the words of the other.
pub fn same_party(a: &[Vec<String>], b: &[Vec<String>]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| contains_words(x, y) || contains_words(y, x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> &'static Names {
        &crate::catalog::Catalog::for_tests().vocab.names
    }

    fn k(s: &str) -> Vec<String> {
        names().keys(s)
    }

    fn same(a: &str, b: &str) -> bool {
        same_party(&names().forms(a), &names().forms(b))
    }

    #[test]
    fn names_compare_without_noise() {
        assert_eq!(
            k("Golden Poppy Health Plan, Inc."),
            k("golden poppy health plan")
        );
        assert_eq!(k("The Acme L.L.C."), k("acme"));
        assert_eq!(
            k("Children's Hospital & Clinics"),
            k("childrens hospital and clinics")
        );
        // Curly apostrophes, as word processors write them.
        assert_eq!(
            k("Alpine County Sheriff\u{2019}s Office"),
            k("Alpine County Sheriff's Office")
        );
        assert!(same(
            "Golden Poppy Health Plan",
            "Golden Poppy Health Plan, Inc., a California corporation"
        ));
        assert!(!same("Golden Poppy", "Blue Oak Health"));
    }

    #[test]
    fn a_county_is_the_same_written_either_way() {
        assert!(same("Alpine County", "the County of Alpine"));
        assert!(same("County of San Luis Obispo", "San Luis Obispo County"));
        assert!(same(
            "Alpine County Behavioral Health",
            "County of Alpine Behavioral Health"
        ));
        assert!(!same("Alpine County", "County of Mono"));
        let t = "between Golden Poppy Health Plan and the COUNTY OF ALPINE (\"County\")";
        let r = find_words(t, &names().words(t), &names().forms("Alpine County")).unwrap();
        assert_eq!(&t[r], "COUNTY OF ALPINE");
    }

    #[test]
    fn names_are_found_with_their_ranges() {
        let t = "between GOLDEN POPPY HEALTH PLAN, INC. (\"MCP\") and";
        let r = find_words(
            t,
            &names().words(t),
            &names().forms("Golden Poppy Health Plan"),
        )
        .unwrap();
        assert_eq!(&t[r], "GOLDEN POPPY HEALTH PLAN");
        let t = "Alpine (\"County\")";
        assert!(find_words(t, &names().words(t), &names().forms("Alpine County")).is_none());
        let t = "the Sheriff\u{2019}s Office of Alpine";
        let r = find_words(t, &names().words(t), &names().forms("Sheriff's Office")).unwrap();
        assert_eq!(&t[r], "Sheriff\u{2019}s Office");
    }
}
