//! The lexicon (`rules/vocab/lexicon.yaml`): concepts as words and
//! phrases, the generic words for each party role, and the words that give
//! a clause its force (duty, weak, negation, bounds, exceptions), compiled
//! into one phrase set so a draft's tokens are read once for all of them.

use std::collections::HashMap;

pub use super::defs::{LexiconDef, PartyRole};
use super::PackError;
use crate::phrases::PhraseSet;
use crate::tokens::Tokenizer;

impl PartyRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyRole::Mcp => "mcp",
            PartyRole::Other => "other",
            PartyRole::Parties => "parties",
            PartyRole::Dhcs => "dhcs",
        }
    }

    /// Whether a clause whose actor is `self` binds `wanted`: a duty of
    /// the Parties binds each of them.
    pub fn binds(self, wanted: PartyRole) -> bool {
        self == wanted
            || (self == PartyRole::Parties && matches!(wanted, PartyRole::Mcp | PartyRole::Other))
            || (wanted == PartyRole::Parties && matches!(self, PartyRole::Mcp | PartyRole::Other))
    }
}

/// The words that give a clause its force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// Makes a duty: "shall", "agrees to", "is responsible for".
    Duty,
    /// Makes it optional or soft: "may", "should", "at its discretion".
    Weak,
    /// Denies it: "not", "neither", "in no event".
    Negation,
    /// A bound, not a denial: "no later than", "not less than".
    Bound,
    /// An exception that swallows it: "unless the Parties agree otherwise".
    Exception,
    /// Restricts what it allows, which states a prohibition: "only as the
    /// MCP Contract permits", "without preference".
    Restriction,
    /// Narrows a permission to a limit: "may disclose only after consent".
    /// Narrower than a restriction: "may disclose without consent" widens.
    Limit,
    /// A word after which a party is an object, not the one bound: "to",
    /// "with", "from".
    Object,
    /// The agent of a passive duty: "by" ("Members are referred by Plan").
    Agent,
    /// A word that takes a duty away wherever it stands in the duty's
    /// clause: "is relieved of", "waived", "excluded from".
    Denial,
    /// Opens a condition on a duty: "unless", "whenever", "to the extent".
    Condition,
    /// A party's own judgment: "decides", "elects", "sees fit". After a
    /// condition, with a party between, it is an exception ("unless the
    /// County elects to").
    Judgment,
    /// Makes a duty give way: "yields to", "depends on", "subject to".
    Deferral,
    /// What a deferral gives way to that empties the duty: "resources",
    /// "the MCP's determination", "any contrary agreement".
    Leeway,
    /// Opens a sentence that qualifies the duties before it: "However",
    /// "This obligation", "The foregoing".
    Rider,
    /// A condition that carves cases out of a duty: "unless", "except
    /// where". After one, a party's determination ("unless the MCP
    /// determines that ...") or leeway ("except where staffing ...") is an
    /// exception; after "if" or "when" it is only a trigger.
    Exclusion,
    /// A party's finding: "determines", "finds", "concludes".
    Determination,
    /// A word that forbids: "prohibits", "restricts", "limits". It states
    /// a prohibition; negated ("Nothing in this MOU prohibits", "is not
    /// restricted") it lifts one.
    Prohibit,
    /// Opens a clause that supposes, not states: "if", "when", "once".
    /// What such a clause holds alone is a premise ("If a liaison is
    /// designated, it shall ..."), no duty.
    Premise,
    /// A phrase whose words name nothing else inside it: a concept's
    /// phrase written `!phrase` in the lexicon ("substance use disorder",
    /// "family resource center").
    Opaque,
}

impl Marker {
    /// Whether a sentence holding it may qualify a duty it names again: an
    /// exception's or a denial's words (see `clause::matching::qualifier`).
    pub fn may_qualify(self) -> bool {
        matches!(
            self,
            Marker::Exception
                | Marker::Denial
                | Marker::Condition
                | Marker::Exclusion
                | Marker::Deferral
        )
    }
}

/// What a phrase of the lexicon stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Concept(u16),
    Role(PartyRole),
    Marker(Marker),
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub tokenizer: Tokenizer,
    /// Every entry with its label, as written: made into [`Self::phrases`]
    /// on first use, so that a command that reads no draft (`rules`,
    /// `explain`) never builds the phrase set.
    entries: Vec<(String, Label)>,
    phrases: std::sync::OnceLock<PhraseSet<Label>>,
    /// Concept names, indexed by [`Label::Concept`].
    pub concepts: Vec<String>,
    index: HashMap<String, u16>,
    /// The general words and the pointers, as written; stemmed on first
    /// use.
    general: Vec<String>,
    pointers: Vec<String>,
    specificity: std::sync::OnceLock<Specificity>,
}

/// What tells a specific statement from a general one (see
/// [`super::defs::ElementDef::specific`]): stems, sorted.
#[derive(Debug, Clone, Default)]
pub struct Specificity {
    /// Words that name nothing specific ("the", "delivery").
    pub general: Vec<compact_str::CompactString>,
    /// Words that point at where things are named ("following", "listed").
    pub pointers: Vec<compact_str::CompactString>,
}

impl Lexicon {
    pub fn parse(text: &str) -> Result<Lexicon, PackError> {
        let err = |message: String| PackError {
            pack: "vocab/lexicon".into(),
            message,
        };
        let def: LexiconDef = serde_saphyr::from_str(text).map_err(|e| err(e.to_string()))?;
        Lexicon::from_def(def)
    }

    /// The lexicon from its parsed file, checked.
    pub fn from_def(def: LexiconDef) -> Result<Lexicon, PackError> {
        let err = |message: String| PackError {
            pack: "vocab/lexicon".into(),
            message,
        };
        let mut entries = Vec::new();
        let mut add = |words: &[String], label: Label, what: &str| -> Result<(), PackError> {
            for w in words {
                // `!phrase`: the phrase's words name nothing else inside it
                // ("substance use disorder" is no use of anything).
                let (w, opaque) = match w.strip_prefix('!') {
                    Some(rest) => (rest, true),
                    None => (w.as_str(), false),
                };
                let parts: Vec<&str> = w.split_whitespace().collect();
                if !w.chars().any(char::is_alphanumeric) {
                    return Err(err(format!("{what}: `{w}` has no words")));
                }
                if parts.first() == Some(&"*") || parts.last() == Some(&"*") {
                    return Err(err(format!("{what}: `{w}` starts or ends with a gap `*`")));
                }
                entries.push((w.to_string(), label));
                if opaque {
                    entries.push((w.to_string(), Label::Marker(Marker::Opaque)));
                }
            }
            Ok(())
        };
        for (role, words) in &def.roles {
            add(words, Label::Role(*role), role.as_str())?;
        }
        let m = &def.markers;
        for (words, marker, what) in [
            (&m.duty, Marker::Duty, "duty"),
            (&m.weak, Marker::Weak, "weak"),
            (&m.negation, Marker::Negation, "negation"),
            (&m.bounds, Marker::Bound, "bounds"),
            (&m.exceptions, Marker::Exception, "exceptions"),
            (&m.restrictions, Marker::Restriction, "restrictions"),
            (&m.limits, Marker::Limit, "limits"),
            (&m.objects, Marker::Object, "objects"),
            (&m.agents, Marker::Agent, "agents"),
            (&m.denials, Marker::Denial, "denials"),
            (&m.conditions, Marker::Condition, "conditions"),
            (&m.judgments, Marker::Judgment, "judgments"),
            (&m.deferrals, Marker::Deferral, "deferrals"),
            (&m.leeway, Marker::Leeway, "leeway"),
            (&m.riders, Marker::Rider, "riders"),
            (&m.exclusions, Marker::Exclusion, "exclusions"),
            (&m.determinations, Marker::Determination, "determinations"),
            (&m.prohibitions, Marker::Prohibit, "prohibitions"),
            (&m.premises, Marker::Premise, "premises"),
        ] {
            add(words, Label::Marker(marker), what)?;
        }
        let mut concepts = Vec::new();
        let mut index = HashMap::new();
        for (i, (name, words)) in def.concepts.iter().enumerate() {
            let id = u16::try_from(i).map_err(|_| err("too many concepts".into()))?;
            if words.is_empty() {
                return Err(err(format!("concept `{name}` lists no words")));
            }
            add(words, Label::Concept(id), name)?;
            concepts.push(name.clone());
            index.insert(name.clone(), id);
        }
        for (words, what) in [(&def.general, "general"), (&def.pointers, "pointers")] {
            if let Some(w) = words.iter().find(|w| w.split_whitespace().count() != 1) {
                return Err(err(format!("{what}: `{w}` is not one word")));
            }
        }
        Ok(Lexicon {
            tokenizer: Tokenizer::with_vocabulary(crate::bundled::LEXICON_WORDS),
            entries,
            phrases: std::sync::OnceLock::new(),
            concepts,
            index,
            general: def.general,
            pointers: def.pointers,
            specificity: std::sync::OnceLock::new(),
        })
    }

    /// Every entry as a phrase of stems, built on first use. A phrase of
    /// the bundled lexicon was stemmed at build time; any other (a lexicon
    /// read from a file) is stemmed here.
    pub fn phrases(&self) -> &PhraseSet<Label> {
        self.phrases.get_or_init(|| {
            // Numbered in the tokenizer's vocabulary: a draft's tokens are
            // read by number (a lexicon from a file with words the bundled
            // one lacks is read by word).
            let mut set = PhraseSet::with_vocabulary(crate::bundled::LEXICON_WORDS);
            for (w, label) in &self.entries {
                set.add(self.phrase_stems(w), *label);
            }
            set
        })
    }

    /// The stems of an entry's phrase: from the table `build.rs` made with
    /// this same tokenizer (stems depend on the phrase alone), else stemmed.
    fn phrase_stems(&self, phrase: &str) -> Vec<String> {
        let table = crate::bundled::LEXICON_STEMS;
        match table.binary_search_by(|(p, _)| (*p).cmp(phrase)) {
            Ok(i) => table[i].1.iter().map(|s| s.to_string()).collect(),
            Err(_) => self.tokenizer.phrase(phrase),
        }
    }

    /// The general words and pointers, stemmed.
    pub fn specificity(&self) -> &Specificity {
        self.specificity.get_or_init(|| {
            let stems = |words: &[String]| {
                let mut stems: Vec<compact_str::CompactString> = words
                    .iter()
                    .flat_map(|w| self.tokenizer.phrase(w))
                    .map(Into::into)
                    .collect();
                stems.sort();
                stems.dedup();
                stems
            };
            Specificity {
                general: stems(&self.general),
                pointers: stems(&self.pointers),
            }
        })
    }

    /// A concept by name.
    pub fn concept(&self, name: &str) -> Option<u16> {
        self.index.get(name).copied()
    }

    /// The name of a concept.
    pub fn name(&self, id: u16) -> &str {
        &self.concepts[usize::from(id)]
    }

    /// Whether the whole of `text` is one of the generic words for
    /// `role` ("DHCS", "the State").
    pub fn names_role(&self, text: &str, role: PartyRole) -> bool {
        let tokens = self.tokenizer.tokens(text);
        let words = tokens
            .iter()
            .filter(|t| !matches!(t.kind, crate::tokens::TokenKind::Punct(_)))
            .count();
        self.phrases().find_all(&tokens).iter().any(|f| {
            f.label == Label::Role(role)
                && tokens[f.start..f.end]
                    .iter()
                    .filter(|t| !matches!(t.kind, crate::tokens::TokenKind::Punct(_)))
                    .count()
                    == words
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_time_stems_are_the_tokenizers() {
        let tokenizer = Tokenizer::default();
        let table = crate::bundled::LEXICON_STEMS;
        assert!(
            table.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no repeat"
        );
        for (phrase, stems) in table {
            assert_eq!(tokenizer.phrase(phrase), *stems, "{phrase}");
        }
        // Every bundled entry is in the table.
        let lexicon = &crate::catalog::Catalog::for_tests().vocab.lexicon;
        for (w, _) in &lexicon.entries {
            assert!(table.binary_search_by(|(p, _)| (*p).cmp(w)).is_ok(), "{w}");
        }
    }
}
