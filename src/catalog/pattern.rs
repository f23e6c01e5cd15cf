//! A regex from the rule data, compiled the first time a check uses it.
//!
//! Compiling every pack's patterns took most of start-up, while one draft
//! uses only its templates' packs and `rules` or `explain` none. A
//! [`Pattern`] keeps its source and compiles on first use; it derefs to
//! the compiled [`Regex`], so checks use it as one.
//!
//! The bundled packs' patterns are all compiled by a test
//! ([`crate::catalog::Catalog::compile_all`]), so none fails at run time;
//! should one ever fail, it matches nothing rather than panic.

use std::ops::Deref;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// A pack pattern and, once used, its compiled regex.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    case_insensitive: bool,
    /// What it is, for the error: `base.term title pattern`.
    origin: String,
    /// The compiled size allowed: packs' patterns are bounded tighter
    /// than the vocabularies' long word lists.
    size_limit: usize,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    pub fn new(source: String, case_insensitive: bool, origin: String) -> Pattern {
        Pattern {
            source,
            case_insensitive,
            origin,
            size_limit: 1 << 22,
            compiled: OnceLock::new(),
        }
    }

    /// A vocabulary's pattern (built from its word lists, flags inline),
    /// with the regex crate's default size limit. Its syntax is checked
    /// now, so that a mistake in a vocabulary is a load error; it compiles
    /// on first use.
    pub fn checked(source: String, origin: String) -> Result<Pattern, String> {
        regex_syntax::ast::parse::Parser::new()
            .parse(&source)
            .map_err(|e| format!("a pattern does not compile: {e}"))?;
        Ok(Pattern {
            source,
            case_insensitive: false,
            origin,
            size_limit: 10 << 20,
            compiled: OnceLock::new(),
        })
    }

    /// The pattern as compiled (after any lowercasing).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether it has a capture group of this name, read from the source
    /// (`(?P<n>` or `(?<n>`) without compiling it.
    pub fn has_group(&self, name: &str) -> bool {
        self.source.contains(&format!("(?P<{name}>"))
            || self.source.contains(&format!("(?<{name}>"))
    }

    /// Compiles it, or says why it does not compile.
    pub fn compile(&self) -> Result<&Regex, String> {
        if let Some(re) = self.compiled.get() {
            return Ok(re);
        }
        let re = self.build().map_err(|e| {
            format!(
                "{}: pattern `{}` does not compile: {e}",
                self.origin, self.source
            )
        })?;
        Ok(self.compiled.get_or_init(|| re))
    }

    fn build(&self) -> Result<Regex, regex::Error> {
        RegexBuilder::new(&self.source)
            .case_insensitive(self.case_insensitive)
            .size_limit(self.size_limit)
            .build()
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            self.build().unwrap_or_else(|_| {
                // Matches nothing: an empty class.
                Regex::new(r"[^\s\S]").expect("a valid pattern")
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use_and_reports_a_bad_pattern() {
        let p = Pattern::new("meet(s|ings)?".into(), true, "t: title".into());
        assert!(p.compiled.get().is_none());
        assert!(p.is_match("MEETINGS"));
        assert!(p.compiled.get().is_some());
        let bad = Pattern::new("(unclosed".into(), false, "t: role r".into());
        let e = bad.compile().unwrap_err();
        assert!(
            e.starts_with("t: role r: pattern `(unclosed` does not compile"),
            "{e}"
        );
        assert!(!bad.is_match("(unclosed"), "a bad pattern matches nothing");
        assert!(Pattern::new("(?P<n>[0-9]+) days".into(), false, String::new()).has_group("n"));
        assert!(!Pattern::new("[0-9]+ days".into(), false, String::new()).has_group("n"));
    }
}
