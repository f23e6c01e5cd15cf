//! Permitted variation: slots of a reference template that say what the
//! parties may put in their place, where the template's drafting notes
//! allow a change.
//!
//! - `[at most: ten (10)]`: a number no greater than ten (a period the
//!   parties may shorten); `init` writes "ten (10)".
//! - `[at least: ninety (90)]`: a number no smaller (a notice period the
//!   parties may lengthen).
//! - `[one of: email | certified mail]`: one of the alternatives, word for
//!   word; `init` writes the first.
//!
//! Any other slot (`[number of days]`) takes whatever the draft puts there.
//! The word comparison ([`crate::compare`]) asks [`Variation::allows`]
//! about the words that fill such a slot: a fill it refuses is a change to
//! the template's wording, reported like any other.

use crate::tokens::word_value;

/// What a slot permits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Variation {
    AtMost { value: u32, text: String },
    AtLeast { value: u32, text: String },
    OneOf(Vec<String>),
}

impl Variation {
    /// The variation a slot's inner text declares (case-insensitive
    /// keyword), if any. A bound whose number cannot be read is no
    /// variation: the slot then takes any words, as before.
    pub fn parse(inner: &str) -> Option<Variation> {
        let (keyword, rest) = inner.split_once(':')?;
        let keyword = keyword.split_whitespace().collect::<Vec<_>>().join(" ");
        let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        match keyword.to_ascii_lowercase().as_str() {
            "at most" => number(&rest).map(|value| Variation::AtMost { value, text: rest }),
            "at least" => number(&rest).map(|value| Variation::AtLeast { value, text: rest }),
            "one of" => {
                let options: Vec<String> = rest
                    .split('|')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_string)
                    .collect();
                (!options.is_empty()).then_some(Variation::OneOf(options))
            }
            _ => None,
        }
    }

    /// Does the draft's text in the slot keep within what is permitted?
    pub fn allows(&self, fill: &str) -> bool {
        match self {
            Variation::AtMost { value, .. } => number(fill).is_some_and(|v| v <= *value),
            Variation::AtLeast { value, .. } => number(fill).is_some_and(|v| v >= *value),
            Variation::OneOf(options) => {
                let fill = words(fill);
                options.iter().any(|o| words(o) == fill)
            }
        }
    }

    /// What a new draft says in the slot: the template's own number, or
    /// its first alternative.
    pub fn default_text(&self) -> &str {
        match self {
            Variation::AtMost { text, .. } | Variation::AtLeast { text, .. } => text,
            Variation::OneOf(options) => &options[0],
        }
    }

    /// The permission in words, for a finding's note.
    pub fn describe(&self) -> String {
        match self {
            Variation::AtMost { text, .. } => format!("a number no greater than {text}"),
            Variation::AtLeast { text, .. } => format!("a number no smaller than {text}"),
            Variation::OneOf(options) => format!("one of: {}", options.join("; ")),
        }
    }
}

/// Lowercase words, punctuation dropped.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The value of a number written as digits, words or both: "10", "ten",
/// "ten (10)", "twenty-four (24)". Words and digits that disagree, or any
/// other word, make it no number.
pub fn number(s: &str) -> Option<u32> {
    let mut spelled: Option<u32> = None;
    let mut digits: Option<u32> = None;
    for w in words(s) {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            if digits.is_some() {
                return None;
            }
            digits = Some(w.parse().ok()?);
            continue;
        }
        let v = word_value(&w)?;
        spelled = match spelled {
            None => Some(v),
            // "twenty-four": a tens word then a unit word.
            Some(t) if t >= 20 && t % 10 == 0 && v < 10 => Some(t + v),
            Some(_) => return None,
        };
    }
    match (spelled, digits) {
        (Some(a), Some(b)) if a != b => None,
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_three_spellings() {
        for s in ["10", "ten", "ten (10)", "Ten (10)"] {
            assert_eq!(number(s), Some(10), "{s}");
        }
        assert_eq!(number("twenty-four (24)"), Some(24));
        assert_eq!(number("ten (11)"), None);
        assert_eq!(number("ten business"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn bounds_and_alternatives() {
        let most = Variation::parse("at most: ten (10)").unwrap();
        assert!(most.allows("five (5)") && most.allows("10") && most.allows("ten"));
        assert!(!most.allows("fifteen (15)") && !most.allows("a reasonable time"));
        assert_eq!(most.default_text(), "ten (10)");
        let least = Variation::parse("At  Least:  ninety (90)").unwrap();
        assert!(least.allows("120") && !least.allows("sixty (60)"));
        let one = Variation::parse("one of: email | certified mail").unwrap();
        assert!(one.allows("Certified mail") && one.allows("email"));
        assert!(!one.allows("fax"));
        assert_eq!(one.default_text(), "email");
        assert_eq!(Variation::parse("number of days"), None);
        assert_eq!(Variation::parse("at most: a few"), None);
        assert_eq!(Variation::parse("Drafting Note: text"), None);
    }
}
