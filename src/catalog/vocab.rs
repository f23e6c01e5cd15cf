//! The vocabularies in `rules/vocab/*.yaml`: the word lists the checks use
//! that are facts about how MOUs are written (corporate suffixes, position
//! titles, signature labels, drafting-note markers, obligation words, ...),
//! loaded and compiled once with the packs. Rust holds the mechanisms that
//! read them; `rules/README.md` documents every list.

use super::pattern::Pattern;
use crate::text::PaddedPhrases;
use serde::Deserialize;

use super::PackError;

/// `rules/vocab/names.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub ignored: Vec<String>,
    pub common: Vec<String>,
    pub not_a_party: Vec<String>,
    pub role_words: Vec<String>,
    pub county: String,
}

/// `rules/vocab/contacts.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactsDef {
    title_words: Vec<String>,
    policies: Vec<String>,
    contact_words: Vec<String>,
    not_yet_named: Vec<String>,
    example_contacts: Vec<String>,
    contact_slot_words: Vec<String>,
}

/// The contact vocabulary, compiled.
#[derive(Debug)]
pub struct Contacts {
    pub title_word: Pattern,
    pub policies: Pattern,
    pub contact_words: Pattern,
    pub not_yet_named: Pattern,
    pub example_contact: Pattern,
    pub contact_slot: Pattern,
}

/// `rules/vocab/signatures.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignaturesDef {
    page_titles: Vec<String>,
    page_titles_exact: Vec<String>,
    witness: String,
    labels: Vec<String>,
    signer_labels: Vec<String>,
    posted_marks: Vec<String>,
}

/// The signature-page vocabulary, compiled.
#[derive(Debug)]
pub struct Signatures {
    /// A normalized section title that opens the signature page.
    pub page_title: Pattern,
    /// The formula that opens the signing paragraph, at its start.
    pub witness: Pattern,
    /// A signature-block label with its colon (`Name:`), after a line
    /// start, a space or a table pipe.
    pub label: Pattern,
    pub signer_labels: Vec<String>,
    /// What a signer line of a posted copy may hold instead of a
    /// signature ("Original Signed by", `/s/`, a redaction), lowercase.
    pub posted_marks: Vec<String>,
}

/// `rules/vocab/drafting.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftingDef {
    note_markers: Vec<String>,
    undecided: Vec<String>,
}

/// The drafting-note vocabulary, compiled.
#[derive(Debug)]
pub struct Drafting {
    pub note_markers: Vec<String>,
    pub undecided: Vec<String>,
    /// A note label in running text (`NTD:`), or an undecided word.
    pub in_text: Pattern,
}

impl Drafting {
    /// Bracketed text that is a drafting note: it starts with a marker.
    pub fn is_note(&self, inner: &str) -> bool {
        let t = inner.trim_start().to_ascii_lowercase();
        self.note_markers.iter().any(|m| t.starts_with(m.as_str()))
    }
}

/// `rules/vocab/modality.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    pub obligation: Vec<String>,
    pub permission: Vec<String>,
    /// Words that make a clause conditional or take it back.
    pub qualifiers: Vec<String>,
    /// Words of a slot's name that make it a value (a date, a number, a
    /// name), which no condition or duty can fill.
    pub value_slots: Vec<String>,
    /// Phrases that set an obligation aside ("notwithstanding").
    pub overrides: Vec<String>,
    /// Phrases by which a sentence points back at the text before it.
    pub refers_back: Vec<String>,
    /// `overrides` and `refers_back` as one automaton each, made on first
    /// use: every added paragraph is searched for them.
    #[serde(skip)]
    finders: std::sync::OnceLock<[PaddedPhrases; 2]>,
}

impl Modality {
    /// The first of [`Self::overrides`] that `padded_text` (see
    /// [`crate::text::padded_words`]) holds as whole words.
    pub fn override_in(&self, padded_text: &str) -> Option<&str> {
        let i = self.finders()[0].first_in(padded_text)?;
        Some(&self.overrides[i])
    }

    /// The first of [`Self::refers_back`] that `padded_text` holds.
    pub fn reference_back_in(&self, padded_text: &str) -> Option<&str> {
        let i = self.finders()[1].first_in(padded_text)?;
        Some(&self.refers_back[i])
    }

    fn finders(&self) -> &[PaddedPhrases; 2] {
        self.finders
            .get_or_init(|| [&self.overrides, &self.refers_back].map(PaddedPhrases::new))
    }
}

/// `rules/vocab/references.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    pub into_this: Vec<String>,
    pub external_after: Vec<String>,
    pub external_before: Vec<String>,
}

/// `rules/vocab/sentences.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentences {
    pub abbreviations: Vec<String>,
}

/// `rules/vocab/lifecycle.yaml`: the windows of an executed MOU's
/// obligations (the `life.*` checks) and the working-day calendar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    pub contact_notice_working_days: u32,
    pub meeting_posting_working_days: u32,
    pub review_interval_months: u32,
    pub holidays: crate::calendar::Holidays,
}

/// `rules/vocab/portfolio.yaml`: which templates a county served by the
/// plan needs an MOU under (`moulint portfolio`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioRules {
    /// Needed in every county.
    pub every_county: Vec<String>,
    /// Needed where a county has the feature, by feature id.
    pub features: std::collections::BTreeMap<String, Feature>,
    /// Groups of features of which exactly one applies to each county.
    pub one_of: Vec<Vec<String>>,
}

/// Something a county has that brings its own templates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub description: String,
    pub templates: Vec<String>,
}

/// Every vocabulary.
#[derive(Debug)]
pub struct Vocab {
    pub lifecycle: Lifecycle,
    pub portfolio: PortfolioRules,
    pub names: Names,
    pub contacts: Contacts,
    pub signatures: Signatures,
    pub drafting: Drafting,
    pub modality: Modality,
    pub references: References,
    pub sentences: Sentences,
    pub lexicon: super::lexicon::Lexicon,
}

/// `a|b|c` with each word escaped, longest first so that a longer phrase
/// wins over its prefix.
fn alternation(words: &[String]) -> String {
    let mut w: Vec<String> = words.iter().map(|w| regex::escape(w.trim())).collect();
    w.sort_by_key(|w| std::cmp::Reverse(w.len()));
    w.join("|")
}

/// Words and phrases as one case-insensitive pattern, whole words, with
/// any run of spaces between the words of a phrase.
fn words_pattern(file: &str, words: &[String]) -> Result<Pattern, PackError> {
    let alt = alternation(words).replace(' ', r"\s+");
    compile(file, &format!(r"(?i)\b(?:{alt})\b"))
}

impl Vocab {
    /// Every pattern the vocabularies build (for
    /// [`crate::catalog::Catalog::compile_all`]).
    pub fn patterns(&self) -> [&Pattern; 10] {
        let (c, s) = (&self.contacts, &self.signatures);
        [
            &c.title_word,
            &c.policies,
            &c.contact_words,
            &c.not_yet_named,
            &c.example_contact,
            &c.contact_slot,
            &s.page_title,
            &s.witness,
            &s.label,
            &self.drafting.in_text,
        ]
    }
}

/// A vocabulary pattern: its syntax checked now, compiled on first use
/// (a command that never reads it, `rules` say, never pays for it).
fn compile(file: &str, pattern: &str) -> Result<Pattern, PackError> {
    Pattern::checked(pattern.to_string(), format!("vocab/{file}")).map_err(|message| PackError {
        pack: format!("vocab/{file}"),
        message,
    })
}

fn parse<T: for<'de> Deserialize<'de>>(
    files: &[(String, String)],
    name: &str,
) -> Result<T, PackError> {
    let err = |message: String| PackError {
        pack: format!("vocab/{name}"),
        message,
    };
    let (_, text) = files
        .iter()
        .find(|(n, _)| n == name)
        .ok_or_else(|| err("the vocabulary file is missing".into()))?;
    serde_saphyr::from_str(text).map_err(|e| err(e.to_string()))
}

impl Vocab {
    /// The vocabularies shipped with moulint (`rules/vocab/`).
    /// The lexicon, the largest, was parsed at build time (`build.rs`) and
    /// is read from the JSON it wrote.
    pub fn bundled() -> Result<Vocab, PackError> {
        Vocab::load(
            crate::bundled::files("vocab", "yaml").map(|(n, t)| (n.to_string(), t.to_string())),
            |_| {
                let def =
                    serde_json::from_str(crate::bundled::LEXICON_DEF).map_err(|e| PackError {
                        pack: "vocab/lexicon".into(),
                        message: e.to_string(),
                    })?;
                super::lexicon::Lexicon::from_def(def)
            },
        )
    }

    /// Loads the vocabularies from (file stem, YAML) pairs; every file must
    /// be there and every pattern must compile.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Vocab, PackError> {
        Vocab::load(sources, super::lexicon::Lexicon::parse)
    }

    /// [`Vocab::from_sources`], the lexicon read from its text by `lexicon`.
    fn load(
        sources: impl IntoIterator<Item = (String, String)>,
        lexicon: impl FnOnce(&str) -> Result<super::lexicon::Lexicon, PackError>,
    ) -> Result<Vocab, PackError> {
        let files: Vec<(String, String)> = sources.into_iter().collect();
        let known = [
            "names",
            "contacts",
            "signatures",
            "drafting",
            "modality",
            "references",
            "sentences",
            "lexicon",
            "lifecycle",
            "portfolio",
        ];
        if let Some((n, _)) = files.iter().find(|(n, _)| !known.contains(&n.as_str())) {
            return Err(PackError {
                pack: format!("vocab/{n}"),
                message: format!(
                    "no check reads this vocabulary (known: {})",
                    known.join(", ")
                ),
            });
        }
        let c: ContactsDef = parse(&files, "contacts")?;
        let example = c
            .example_contacts
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let contacts = Contacts {
            title_word: compile(
                "contacts",
                &format!(r"(?i)\b(?:{})\b", alternation(&c.title_words)),
            )?,
            policies: words_pattern("contacts", &c.policies)?,
            contact_words: words_pattern("contacts", &c.contact_words)?,
            not_yet_named: compile(
                "contacts",
                &format!(
                    r"(?i)\b(?:{})\b",
                    alternation(&c.not_yet_named).replace(' ', r"\s+")
                ),
            )?,
            example_contact: compile("contacts", &format!("(?i){example}"))?,
            contact_slot: compile(
                "contacts",
                &format!(r"(?i)\b(?:{})\b", alternation(&c.contact_slot_words)),
            )?,
        };
        let s: SignaturesDef = parse(&files, "signatures")?;
        let signatures = Signatures {
            page_title: compile(
                "signatures",
                &format!(
                    r"^(?:the\s+)?(?:{})\b|^(?:{})$",
                    alternation(&s.page_titles),
                    alternation(&s.page_titles_exact)
                ),
            )?,
            witness: compile(
                "signatures",
                &format!(
                    r"(?i)^\W*{}\b",
                    regex::escape(&s.witness).replace(' ', r"\s+")
                ),
            )?,
            label: compile(
                "signatures",
                &format!(
                    r"(?i)(?:^|[\s|])(?:{})\s*:",
                    alternation(&s.labels).replace(' ', r"\s+")
                ),
            )?,
            signer_labels: s.signer_labels,
            posted_marks: s.posted_marks.iter().map(|m| m.to_lowercase()).collect(),
        };
        let lifecycle: Lifecycle = parse(&files, "lifecycle")?;
        if let Some(p) = lifecycle.holidays.rules.iter().find_map(|r| r.problem()) {
            return Err(PackError {
                pack: "vocab/lifecycle".into(),
                message: format!("a holiday rule gives no date: {p}"),
            });
        }
        let portfolio: PortfolioRules = parse(&files, "portfolio")?;
        if let Some(f) = portfolio
            .one_of
            .iter()
            .flatten()
            .find(|f| !portfolio.features.contains_key(*f))
        {
            return Err(PackError {
                pack: "vocab/portfolio".into(),
                message: format!("`one_of` names `{f}`, which is not a feature"),
            });
        }
        Ok(Vocab {
            lifecycle,
            portfolio,
            names: parse(&files, "names")?,
            contacts,
            signatures,
            drafting: {
                let d: DraftingDef = parse(&files, "drafting")?;
                let in_text = compile(
                    "drafting",
                    &format!(
                        r"(?i)\b(?:{})\s*:|\b(?:{})\b",
                        alternation(&d.note_markers).replace(' ', r"\s+"),
                        alternation(&d.undecided)
                    ),
                )?;
                Drafting {
                    note_markers: d.note_markers,
                    undecided: d.undecided,
                    in_text,
                }
            },
            modality: parse(&files, "modality")?,
            references: parse(&files, "references")?,
            sentences: parse(&files, "sentences")?,
            lexicon: {
                let (_, text) =
                    files
                        .iter()
                        .find(|(n, _)| n == "lexicon")
                        .ok_or_else(|| PackError {
                            pack: "vocab/lexicon".into(),
                            message: "the vocabulary file is missing".into(),
                        })?;
                lexicon(text)?
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Vocab {
        Vocab::from_sources(
            crate::bundled::files("vocab", "yaml").map(|(n, t)| (n.to_string(), t.to_string())),
        )
        .expect("bundled vocabularies load")
    }

    #[test]
    fn lists_compile_to_whole_word_patterns() {
        let v = bundled();
        assert!(v.contacts.title_word.is_match("the Deputy Director"));
        assert!(!v.contacts.title_word.is_match("leadership"));
        assert!(v
            .contacts
            .policies
            .is_match("kept in its Policies  and Procedures."));
        assert!(v.contacts.not_yet_named.is_match("Name: to be  determined"));
        assert!(v.contacts.example_contact.is_match("(555) 555-5555"));
        assert!(v.signatures.label.is_match("| Printed Name: |"));
        assert!(v
            .signatures
            .witness
            .is_match("IN WITNESS WHEREOF, the Parties"));
        assert!(v.signatures.page_title.is_match("signature page"));
        assert!(v
            .signatures
            .page_title
            .is_match("signatures of the parties"));
        assert!(v.signatures.page_title.is_match("execution"));
        assert!(!v
            .signatures
            .page_title
            .is_match("execution of counterparts"));
        assert!(v.drafting.is_note(" NTD: confirm"));
        assert!(v.drafting.in_text.is_match("Note to drafter: confirm"));
        assert!(v.drafting.in_text.is_match("due TBD."));
        assert!(!v.drafting.in_text.is_match("the drafting notes"));
    }

    #[test]
    fn an_unknown_vocabulary_is_a_configuration_error() {
        let mut files: Vec<(String, String)> = crate::bundled::files("vocab", "yaml")
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        files.push(("colours".into(), "x: []".into()));
        let e = Vocab::from_sources(files).unwrap_err();
        assert!(e.message.contains("no check reads"), "{e:?}");
    }
}
