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

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};
use regex_syntax::ast::{self, Ast};

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
    /// What a text must contain for the pattern to match, read from the
    /// source on first use (see [`Gate`]).
    gate: OnceLock<Option<Gate>>,
}

impl Pattern {
    pub fn new(source: String, case_insensitive: bool, origin: String) -> Pattern {
        Pattern {
            source,
            case_insensitive,
            origin,
            size_limit: 1 << 22,
            compiled: OnceLock::new(),
            gate: OnceLock::new(),
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
            gate: OnceLock::new(),
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

/// The searches the checks run. Each first asks the [`Gate`]: while the
/// pattern is not compiled, a text holding none of its required literals
/// cannot match, and the pattern stays uncompiled. Any other [`Regex`]
/// method reaches the compiled regex through `Deref`.
impl Pattern {
    /// The compiled regex, unless `hay` cannot match (and it is not yet
    /// compiled).
    fn for_text(&self, hay: &str) -> Option<&Regex> {
        if let Some(re) = self.compiled.get() {
            return Some(re);
        }
        match self.gate() {
            Some(g) if !g.admits(hay) => None,
            _ => Some(self),
        }
    }

    /// Whether `hay` holds none of the literals every match holds (by the
    /// [`Gate`]; never for a pattern without one), so that no part of it
    /// can match. A caller searching many texts (a draft's blocks) asks
    /// this once of all of them joined rather than the gate of each.
    pub fn excludes(&self, hay: &str) -> bool {
        self.gate().is_some_and(|g| !g.admits(hay))
    }

    /// Where in `hay` one of the literals every match holds begins: a
    /// match can only be where one is. `lower` is `hay` ASCII-lowercased
    /// (the same offsets), which the caller makes once for all the patterns
    /// it asks: a case-folding automaton has to stop at every letter that
    /// may start a literal, a plain one over lowercase text skips ahead.
    ///
    /// A caller searching many short texts (a draft's paragraphs) joins
    /// them with newlines, asks this once, and searches only the texts a
    /// literal begins in, where asking the regex of each text would pay
    /// its start-up cost per text. `None` when the pattern has no such
    /// literals, or they could span two joined texts (one holds a
    /// newline), or `hay` may hold them in a form the gate does not see:
    /// then every text must be searched.
    pub fn literal_starts(&self, hay: &str, lower: &str) -> Option<Vec<usize>> {
        let gate = self.gate()?;
        if gate.literals.iter().any(|l| l.contains('\n')) || gate.may_fold_from(hay) {
            return None;
        }
        let (finder, text) = gate.plain(hay, lower);
        Some(finder.find_iter(text).map(|m| m.start()).collect())
    }

    /// [`Self::excludes`], given `lower` as for [`Self::literal_starts`]:
    /// for many short texts (table cells), where the case-folding search
    /// costs most.
    pub fn excludes_lowered(&self, hay: &str, lower: &str) -> bool {
        self.gate().is_some_and(|g| {
            let (finder, text) = g.plain(hay, lower);
            !g.may_fold_from(hay) && !finder.is_match(text)
        })
    }

    /// The gate, read from the source on first use.
    fn gate(&self) -> Option<&Gate> {
        self.gate
            .get_or_init(|| Gate::of(&self.source, self.case_insensitive))
            .as_ref()
    }

    /// Whether a text may hold a match, by the [`Gate`] alone, `lower`
    /// being the text ASCII-lowercased: a guess that errs towards yes,
    /// for compiling ahead of need.
    pub fn may_match(&self, lower: &str) -> bool {
        self.gate().is_none_or(|g| {
            g.literals.iter().any(|l| {
                if l.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.contains(l.to_ascii_lowercase().as_str())
                } else {
                    lower.contains(l.as_str())
                }
            })
        })
    }

    /// Whether it is compiled.
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.for_text(hay).is_some_and(|re| re.is_match(hay))
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<regex::Match<'h>> {
        self.for_text(hay)?.find(hay)
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<regex::Captures<'h>> {
        self.for_text(hay)?.captures(hay)
    }

    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<regex::Captures<'h>> {
        self.for_text(hay)?.captures_at(hay, start)
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> regex::Matches<'r, 'h> {
        match self.for_text(hay) {
            Some(re) => re.find_iter(hay),
            None => never().find_iter(&hay[..0]),
        }
    }

    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> regex::CaptureMatches<'r, 'h> {
        match self.for_text(hay) {
            Some(re) => re.captures_iter(hay),
            None => never().captures_iter(&hay[..0]),
        }
    }
}

/// A regex that matches nothing (an empty class), cheap to compile.
fn never() -> &'static Regex {
    static NEVER: OnceLock<Regex> = OnceLock::new();
    NEVER.get_or_init(|| Regex::new("[a&&b]").expect("a valid pattern"))
}

/// Literals one of which every match of a pattern contains, read from its
/// syntax tree: a text holding none of them cannot match, so the pattern
/// need not be compiled to know. Compiling a pattern costs far more than
/// looking for a few literals, and most of a pack's patterns find nothing
/// in most drafts.
#[derive(Debug)]
struct Gate {
    literals: Vec<String>,
    /// Compare ASCII letters without case (the pattern has an `i` flag);
    /// the literals are then lowercase and ASCII.
    fold: bool,
    /// All the literals in one automaton: a gate is asked of every block
    /// while its pattern is uncompiled, and one pass over the text beats
    /// one substring search per literal.
    finder: AhoCorasick,
    /// Under `fold`, the lowercase literals in an automaton that does not
    /// fold case, for text already lowercased; made on first use.
    lowercase: OnceLock<AhoCorasick>,
}

/// More alternatives than this and the gate is not worth testing.
const GATE_MAX_LITERALS: usize = 16;

impl Gate {
    fn of(source: &str, case_insensitive: bool) -> Option<Gate> {
        let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok()?;
        let fold = case_insensitive || has_case_flag(&ast);
        let mut literals = required(&ast, fold)?;
        if fold {
            for l in &mut literals {
                l.make_ascii_lowercase();
            }
        }
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(fold)
            .build(&literals)
            .ok()?;
        Some(Gate {
            literals,
            fold,
            finder,
            lowercase: OnceLock::new(),
        })
    }

    /// The automaton to search with and the text to search: under `fold`,
    /// the case-sensitive one over `lower` (`hay` ASCII-lowercased).
    fn plain<'t>(&self, hay: &'t str, lower: &'t str) -> (&AhoCorasick, &'t str) {
        if !self.fold {
            return (&self.finder, hay);
        }
        let finder = self.lowercase.get_or_init(|| {
            AhoCorasick::new(&self.literals).unwrap_or_else(|_| self.finder.clone())
        });
        (finder, lower)
    }

    /// Whether `hay` may hold a match.
    fn admits(&self, hay: &str) -> bool {
        self.may_fold_from(hay) || self.finder.is_match(hay)
    }

    /// Whether `hay` may hold a literal in a form the automaton does not
    /// find: under case folding `s` and `k` also match the long s and the
    /// Kelvin sign, the only non-ASCII letters that fold to ASCII.
    fn may_fold_from(&self, hay: &str) -> bool {
        self.fold && !hay.is_ascii() && (hay.contains('\u{17F}') || hay.contains('\u{212A}'))
    }
}

/// Whether any group or flag sets `i` (set or cleared: either way some
/// part may fold case).
fn has_case_flag(ast: &Ast) -> bool {
    let flags_fold = |f: &ast::Flags| {
        f.items
            .iter()
            .any(|i| i.kind == ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive))
    };
    match ast {
        Ast::Flags(f) => flags_fold(&f.flags),
        Ast::Group(g) => {
            matches!(&g.kind, ast::GroupKind::NonCapturing(f) if flags_fold(f))
                || has_case_flag(&g.ast)
        }
        Ast::Repetition(r) => has_case_flag(&r.ast),
        Ast::Alternation(a) => a.asts.iter().any(has_case_flag),
        Ast::Concat(c) => c.asts.iter().any(has_case_flag),
        _ => false,
    }
}

/// Matches nothing of the text: an assertion, a flag, an empty group.
fn zero_width(ast: &Ast) -> bool {
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => true,
        Ast::Group(g) => zero_width(&g.ast),
        Ast::Concat(c) => c.asts.iter().all(zero_width),
        _ => false,
    }
}

/// Literals one of which every match of `ast` contains, if it has any.
/// Under `fold`, literals are ASCII only (a non-ASCII letter may fold to
/// another).
fn required(ast: &Ast, fold: bool) -> Option<Vec<String>> {
    match ast {
        Ast::Literal(l) if !fold || l.c.is_ascii() => Some(vec![l.c.to_string()]),
        Ast::Group(g) => required(&g.ast, fold),
        Ast::Repetition(r) => {
            let min = match &r.op.kind {
                ast::RepetitionKind::OneOrMore => 1,
                ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n))
                | ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n))
                | ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(n, _)) => *n,
                _ => 0,
            };
            if min == 0 {
                None
            } else {
                required(&r.ast, fold)
            }
        }
        Ast::Alternation(a) => {
            let mut all = Vec::new();
            for branch in &a.asts {
                all.extend(required(branch, fold)?);
                if all.len() > GATE_MAX_LITERALS {
                    return None;
                }
            }
            Some(all)
        }
        Ast::Concat(c) => {
            // Runs of literals (assertions between them match nothing of
            // the text), and what each other item requires: the best one.
            let mut best: Option<Vec<String>> = None;
            let mut offer = |set: Vec<String>| {
                let score = |s: &Vec<String>| {
                    let shortest = s.iter().map(String::len).min().unwrap_or(0);
                    (shortest, std::cmp::Reverse(s.len()))
                };
                if best.as_ref().is_none_or(|b| score(&set) > score(b)) {
                    best = Some(set);
                }
            };
            let mut run = String::new();
            for item in &c.asts {
                match item {
                    Ast::Literal(l) if !fold || l.c.is_ascii() => run.push(l.c),
                    _ if zero_width(item) => {}
                    _ => {
                        if !run.is_empty() {
                            offer(vec![std::mem::take(&mut run)]);
                        }
                        if let Some(set) = required(item, fold) {
                            offer(set);
                        }
                    }
                }
            }
            if !run.is_empty() {
                offer(vec![run]);
            }
            best
        }
        _ => None,
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

    fn literals(source: &str, case_insensitive: bool) -> Option<Vec<String>> {
        Gate::of(source, case_insensitive).map(|g| g.literals)
    }

    #[test]
    fn the_gate_reads_the_literals_every_match_holds() {
        let status = r"(?-u:\b)authorization status(?-u:\b)[^.]{0,200}(closure|closing)";
        assert_eq!(literals(status, false).unwrap(), ["authorization status"]);
        assert_eq!(
            literals(r"(?i)^\W*in\s+Witness\s+whereof\b", false).unwrap(),
            ["witness"]
        );
        assert_eq!(
            literals("^(the )?(mcp|plan)( s)? (duties|obligations)$", false).unwrap(),
            ["duties", "obligations"]
        );
        // Nothing required: an optional literal, an empty branch.
        assert_eq!(literals("(abc)?x*", false), None);
        assert_eq!(literals("abc|", false), None);
        // A non-ASCII letter may fold to another case.
        assert_eq!(literals("(?i)é", false), None);
        assert_eq!(literals("é", false).unwrap(), ["é"]);
    }

    #[test]
    fn literal_starts_say_which_joined_texts_may_match() {
        let p = Pattern::new(
            r"\b(?:plans?|county)\s+responsible persons?\b".into(),
            true,
            String::new(),
        );
        let hay = "The Plan\nMCP Responsible Person: Ana\nthe county responsible PERSON";
        let lower = hay.to_ascii_lowercase();
        assert_eq!(p.literal_starts(hay, &lower), Some(vec![13, 48]));
        assert!(p.excludes_lowered("The Plan", "the plan"));
        assert!(!p.excludes_lowered("RESPONSIBLE PERSON", "responsible person"));
        // A literal holding a newline could span two joined texts.
        let across = Pattern::new("end\nstart".into(), false, String::new());
        assert_eq!(across.literal_starts("end\nstart", "end\nstart"), None);
        // No literal every match holds: every text must be searched.
        let open = Pattern::new("[a-z]+".into(), false, String::new());
        assert_eq!(open.literal_starts("abc", "abc"), None);
        assert!(!open.excludes_lowered("abc", "abc"));
    }

    #[test]
    fn a_gated_pattern_finds_what_the_regex_finds() {
        let p = Pattern::new(
            "referrals? (process|procedures?)".into(),
            true,
            String::new(),
        );
        assert!(!p.is_match("the MOU"));
        assert!(p.find_iter("a b c").next().is_none());
        assert!(p.captures_iter("a b c").next().is_none());
        assert!(p.compiled.get().is_none(), "no literal: not compiled");
        // Case folds, also for the long s and the Kelvin sign.
        assert!(p.is_match("REFERRAL PROCESS"));
        let k = Pattern::new("kind".into(), true, String::new());
        assert!(k.is_match("\u{212A}ind"));
        let s = Pattern::new("(?i)sole".into(), false, String::new());
        assert!(s.is_match("\u{17F}ole"));
        assert!(!s.is_match("whole"));
        let exact = Pattern::new("(?-u:\\b)july 1,? 2025".into(), false, String::new());
        assert!(!exact.is_match("July 1, 2025"), "case-sensitive");
        assert_eq!(exact.find("on july 1 2025").map(|m| m.start()), Some(3));
        let caps = exact.captures_at("july 1, 2025; july 1 2025", 1).unwrap();
        assert_eq!(caps.get(0).unwrap().start(), 14);
    }
}
