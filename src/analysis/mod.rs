//! The analysis of one draft: every fact the checks and the reports need,
//! each computed once, on first use, from the document and earlier facts.
//!
//! The order facts depend on each other is one-way: the document, then the
//! word comparison (alignment with the reference text), then where each
//! required provision is (which may use the alignment), then the word diffs
//! of each reference provision (which use both), then the text the draft
//! added. Checks, `moulint redline` and `moulint template import` only read
//! these facts.

pub mod parties;
pub mod provisions;
pub mod roles;

use std::cell::OnceCell;

use crate::anatomy::Anatomy;
use crate::catalog::lexicon::PartyRole;
use crate::catalog::{Catalog, PackKind, Required};
use crate::clause::Clauses;
use crate::compare::{self, Addition, Comparison, Outcome, ProvisionDiff, References};
use crate::document::Document;

pub use parties::{Alias, Party, Side};
pub use provisions::{in_blocks, FoundBy, Hit, Located, Weak};

/// Mandatory provisions not compared with a reference text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCompared {
    /// Their ids, in catalog order.
    pub ids: Vec<String>,
    /// Why, as a clause: "the draft does not follow ...", "DIR holds no
    /// `mhp.md`".
    pub why: String,
}

/// One sentence: its block and its range in the block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub block: usize,
    pub range: std::ops::Range<usize>,
}

/// One draft and what is known about it.
pub struct Analysis<'k> {
    pub doc: Document,
    pub catalog: &'k Catalog,
    /// Known template ids from the front matter (unknown ones dropped);
    /// Base when none is usable.
    pub templates: Vec<String>,
    /// Provisions those templates require, each once.
    pub required: Vec<Required<'k>>,
    /// The day the `life.*` checks judge an executed MOU's records as of
    /// (`check --as-of`, today by default).
    pub as_of: crate::util::date::Ymd,
    references: &'k References<'k>,
    anatomy: OnceCell<Anatomy>,
    sentences: OnceCell<Vec<Sentence>>,
    clauses: OnceCell<Clauses>,
    parties: OnceCell<Vec<Party>>,
    roles: OnceCell<roles::Designations<'k>>,
    comparison: OnceCell<Option<Outcome>>,
    located: OnceCell<Vec<Located>>,
    diffs: OnceCell<Option<Vec<ProvisionDiff>>>,
    additions: OnceCell<Vec<Addition>>,
}

impl<'k> Analysis<'k> {
    /// The templates a draft naming `ids` is checked against: those a
    /// pack defines. An MOU without a usable template is still checked
    /// against Base (unless its front matter could not be parsed): every
    /// template includes its provisions.
    pub fn templates_of(ids: Vec<String>, fatal: bool, catalog: &Catalog) -> Vec<String> {
        let mut templates: Vec<String> = ids
            .into_iter()
            .filter(|t| catalog.pack(t).is_some())
            .collect();
        if templates.is_empty() && !fatal {
            let base = catalog.packs.iter().find(|p| p.def.kind == PackKind::Base);
            templates.extend(base.map(|p| p.def.id.clone()));
        }
        templates
    }

    pub fn new(doc: Document, catalog: &'k Catalog, references: &'k References<'k>) -> Self {
        let templates = Analysis::templates_of(doc.template_ids(), doc.fatal, catalog);
        let required = catalog.required(&templates);
        Analysis {
            doc,
            catalog,
            templates,
            required,
            as_of: crate::util::date::today(),
            references,
            anatomy: OnceCell::new(),
            sentences: OnceCell::new(),
            clauses: OnceCell::new(),
            parties: OnceCell::new(),
            roles: OnceCell::new(),
            comparison: OnceCell::new(),
            located: OnceCell::new(),
            diffs: OnceCell::new(),
            additions: OnceCell::new(),
        }
    }

    /// The reference templates the draft is compared with.
    pub fn references(&self) -> &'k References<'k> {
        self.references
    }

    /// The parts of the MOU: preamble, recitals, articles, exhibits,
    /// signature blocks and defined terms.
    pub fn anatomy(&self) -> &Anatomy {
        self.anatomy.get_or_init(|| {
            let v = &self.catalog.vocab;
            Anatomy::of(&self.doc.tree, &v.signatures, &v.sentences)
        })
    }

    /// Every sentence of every block, in order (one segmenter, with the
    /// abbreviations of `rules/vocab/sentences.yaml`).
    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.get_or_init(|| {
            let s = &self.catalog.vocab.sentences;
            let mut out = Vec::new();
            for (block, b) in self.doc.tree.blocks.iter().enumerate() {
                let mut start = 0;
                let ends = s.ends(&b.text).chain(std::iter::once(b.text.len()));
                for end in ends {
                    let text = &b.text[start..end];
                    let lead = text.len() - text.trim_start().len();
                    if !text.trim().is_empty() {
                        out.push(Sentence {
                            block,
                            range: start + lead..start + text.trim_end().len(),
                        });
                    }
                    start = end;
                }
            }
            out
        })
    }

    /// Where each required role is mentioned and whether it is designated.
    pub fn roles(&self) -> &roles::Designations<'k> {
        self.roles.get_or_init(|| roles::designations(self))
    }

    /// The parties the front matter lists, with the aliases the preamble
    /// defines for them.
    pub fn parties(&self) -> &[Party] {
        self.parties.get_or_init(|| {
            parties::parties(
                self.doc.front.as_ref(),
                &self.doc.tree,
                self.anatomy(),
                &self.catalog.vocab.names,
            )
        })
    }

    /// The draft aligned with its reference text; `None` when the front
    /// matter cannot be parsed.
    pub fn comparison(&self) -> Option<&Outcome> {
        self.comparison
            .get_or_init(|| {
                (!self.doc.fatal).then(|| {
                    compare::prepare(&self.doc, &self.templates, self.references, self.catalog)
                })
            })
            .as_ref()
    }

    /// The comparison, when there was reference text to compare with.
    pub fn compared(&self) -> Option<&Comparison> {
        self.comparison()?.comparison()
    }

    /// Where each required provision is, in the order of [`Self::required`].
    pub fn located(&self) -> &[Located] {
        self.located.get_or_init(|| {
            let aligned = self.compared().filter(|c| c.follows());
            // The preamble and recitals introduce the MOU; they state no
            // duty of it.
            let a = self.anatomy();
            let tree = &self.doc.tree;
            let mut statements = vec![true; tree.blocks.len()];
            if a.first_article.is_some() {
                for b in a.preamble.clone() {
                    statements[b] = false;
                }
            }
            for &b in &a.recitals {
                statements[b] = false;
            }
            provisions::locate(tree, self.clauses(), &statements, &self.required, aligned)
        })
    }

    /// The clause model: tokens, concepts, party mentions and the units
    /// elements are looked for in.
    pub fn clauses(&self) -> &Clauses {
        self.clauses.get_or_init(|| {
            let v = &self.catalog.vocab;
            // The draft's own names for the parties: each listed name and
            // each alias its preamble defines.
            let mut names = Vec::new();
            for p in self.parties() {
                let role = match p.side {
                    Side::Mcp | Side::Subcontractor => PartyRole::Mcp,
                    Side::Other => PartyRole::Other,
                };
                names.push((role, p.name.value.as_str()));
                // An alias defined inside a party's description may name
                // the state ("contracts with the Department of Health Care
                // Services (\"DHCS\")"): that is no name of the party.
                names.extend(
                    p.aliases
                        .iter()
                        .filter(|a| !v.lexicon.names_role(&a.term, PartyRole::Dhcs))
                        .map(|a| (role, a.term.as_str())),
                );
            }
            // An acronym in a listed name is a short name for that party
            // ("Alpine County WIC Program": "WIC"), unless two parties'
            // names share it.
            let acronyms: Vec<(PartyRole, &str)> = names
                .iter()
                .flat_map(|&(role, name)| {
                    name.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
                        .filter(move |w| *w != name)
                        .map(move |w| (role, w))
                })
                .collect();
            for &(role, word) in &acronyms {
                let shared = acronyms.iter().any(|&(r, w)| w == word && r != role);
                if !shared && !names.contains(&(role, word)) {
                    names.push((role, word));
                }
            }
            Clauses::build(&self.doc.tree, &v.lexicon, &v.sentences, &names)
        })
    }

    /// Where one required provision is.
    pub fn location(&self, id: &str) -> Option<&Located> {
        let i = self.required.iter().position(|r| r.provision.id() == id)?;
        self.located().get(i)
    }

    /// The word diff of every reference provision, when the draft follows
    /// the reference text (see [`Comparison::follows`]).
    pub fn diffs(&self) -> Option<&[ProvisionDiff]> {
        self.diffs
            .get_or_init(|| {
                let c = self.compared().filter(|c| c.follows())?;
                let located = |id: &str| self.location(id).and_then(|l| l.section);
                Some(c.diffs(&self.doc.tree, &located, &self.catalog.vocab.modality))
            })
            .as_deref()
    }

    /// The mandatory provisions whose wording was not compared with a
    /// reference text, and why; `None` when every one was (or the draft
    /// could not be parsed). A verdict never claims what was not checked.
    pub fn not_compared(&self) -> Option<NotCompared> {
        let mandatory = self.required.iter().filter(|r| r.provision.def.mandatory);
        let all = || {
            mandatory
                .clone()
                .map(|r| r.provision.id().to_string())
                .collect()
        };
        let (ids, why) = match self.comparison()? {
            Outcome::Skipped { reason } => (all(), reason.clone()),
            Outcome::Compared(c) if !c.follows() => (
                all(),
                format!(
                    "the draft does not follow the wording of the reference template {}: {:.0}% \
                     of its mandatory provisions were found word for word",
                    c.reference.describe(),
                    c.alignment.coverage * 100.0
                ),
            ),
            Outcome::Compared(c) => {
                let ids: Vec<String> = mandatory
                    .map(|r| r.provision.id())
                    .filter(|id| c.reference.provision(id).is_none())
                    .map(str::to_string)
                    .collect();
                let why = if c.absent.is_empty() {
                    format!(
                        "the reference template {} does not tag them",
                        c.reference.describe()
                    )
                } else {
                    let names: Vec<String> = c.absent.iter().map(|t| format!("`{t}.md`")).collect();
                    let holder = match &self.references.set.origin {
                        crate::reference::Origin::Bundled => "moulint has".to_string(),
                        crate::reference::Origin::Dir(d) => format!("{} holds", d.display()),
                    };
                    format!("{holder} no {}", crate::reference::join_names(&names))
                };
                (ids, why)
            }
        };
        (!ids.is_empty()).then_some(NotCompared { ids, why })
    }

    /// Draft text the reference does not have, outside the provisions.
    pub fn additions(&self) -> &[Addition] {
        self.additions
            .get_or_init(|| match (self.compared(), self.diffs()) {
                (Some(c), Some(d)) => c.additions(&self.doc.tree, d, &self.catalog.vocab.modality),
                _ => Vec::new(),
            })
    }
}
