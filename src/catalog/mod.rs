//! Rule packs: the data in `rules/packs/`, loaded, validated and compiled.
//!
//! Packs are embedded at build time so the binary runs anywhere. Loading is
//! strict in the manner of Vale: an unknown key, an unknown included pack, a
//! regex that does not compile or a duplicate id is a configuration error
//! (exit 2), never a silent no-op. Patterns compile on first use
//! ([`pattern`]): packs loaded from other sources are compiled whole at
//! load, and the bundled ones by a test.

pub mod defs;
mod fit;
pub mod lexicon;
pub mod pattern;
pub mod vocab;
pub use defs::{
    ElementDef, EntityType, Force, OutdatedDef, PackDef, PackKind, ProvisionDef, ProvisionStatus,
    RoleDef, RoleParty,
};
pub use fit::Fit;
pub use vocab::Vocab;

use std::collections::BTreeMap;

use pattern::Pattern;

use crate::diagnostic::Severity;
use crate::text::normalize_title;

impl RoleParty {
    /// The word packs and the JSON output use.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleParty::Mcp => "mcp",
            RoleParty::Other => "other",
        }
    }
}

impl ProvisionStatus {
    /// What `moulint explain` says about it.
    pub fn describe(self) -> &'static str {
        match self {
            ProvisionStatus::Seed => "seed (the state's MOU documents)",
            ProvisionStatus::Public => "public (seen in the state's or plans' public pages)",
            ProvisionStatus::Param => {
                "param (not confirmed: our reading of the program, kept as data)"
            }
        }
    }
}

/// An element and its compiled patterns (see [`compile_lower`]: they match
/// ASCII-lowercased text).
#[derive(Debug)]
pub struct Element {
    pub def: ElementDef,
    pub regexes: Vec<Pattern>,
    /// The concepts, each a choice of lexicon concept ids.
    pub concepts: Vec<Vec<u16>>,
    /// Per concept id of `concepts`, sorted: the choices that accept it,
    /// as bits (empty when there are more choices than bits). A unit's
    /// concept words are sorted into the choices in one pass with it.
    pub choices_of: Vec<(u16, u32)>,
    /// The unit concept of a bounded number.
    pub unit: Option<u16>,
    /// Concepts that contradict it ([`ElementDef::against`]).
    pub against: Vec<u16>,
    /// For an element that must be [`ElementDef::specific`]: what tells
    /// a specific statement from a general one.
    pub specificity: Option<lexicon::Specificity>,
}

/// [`Element::choices_of`] for `concepts`.
fn choices_of(concepts: &[Vec<u16>]) -> Vec<(u16, u32)> {
    if concepts.len() > 32 {
        return Vec::new();
    }
    let mut out: Vec<(u16, u32)> = Vec::new();
    for (k, ids) in concepts.iter().enumerate() {
        for &id in ids {
            match out.iter_mut().find(|(c, _)| *c == id) {
                Some((_, bits)) => *bits |= 1 << k,
                None => out.push((id, 1 << k)),
            }
        }
    }
    out.sort_unstable();
    out
}

#[derive(Debug)]
pub struct Provision {
    pub def: ProvisionDef,
    /// The pack that defines it.
    pub pack: String,
    pub severity: Severity,
    /// Which of its findings decide the verdict (see [`crate::registry`]):
    /// only a mandatory, confirmed provision forces a redline.
    pub decides: &'static [crate::rule::Decision],
    pub citation: String,
    /// Title and variants, normalized.
    pub title_keys: Vec<String>,
    pub title_regexes: Vec<Pattern>,
    pub elements: Vec<Element>,
    pub outdated: Vec<(Vec<Pattern>, String)>,
}

impl Provision {
    pub fn id(&self) -> &str {
        &self.def.id
    }
}

#[derive(Debug)]
pub struct Role {
    pub def: RoleDef,
    pub regexes: Vec<Pattern>,
    /// The role's citation, else its pack's.
    pub citation: String,
    /// The pack that defines it.
    pub pack: String,
}

#[derive(Debug)]
pub struct Pack {
    pub def: PackDef,
    pub provisions: Vec<Provision>,
    pub roles: Vec<Role>,
}

/// What moulint knows: the rule packs and the vocabularies the checks
/// read, loaded and validated once.
#[derive(Debug)]
pub struct Catalog {
    pub packs: Vec<Pack>,
    pub vocab: Vocab,
}

/// A configuration error in a pack: which file, and what.
#[derive(Debug, Clone)]
pub struct PackError {
    pub pack: String,
    pub message: String,
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule pack `{}`: {}", self.pack, self.message)
    }
}

/// A provision a document must hold, and which of its templates ask for it.
#[derive(Debug, Clone)]
pub struct Required<'a> {
    pub provision: &'a Provision,
    pub templates: Vec<String>,
}

/// A case-insensitive pack pattern (compiled on first use).
fn compile(what: &str, pat: &str) -> Pattern {
    Pattern::new(pat.to_string(), true, what.to_string())
}

/// Element patterns run over ASCII-lowercased text (`Tree::joined_lower`)
/// as case-sensitive regexes with lowercased literals: the same matches as
/// a case-insensitive search, but with literal prefilters the regex engine
/// can use, which makes the provision checks several times faster.
fn compile_lower(what: &str, pat: &str) -> Pattern {
    Pattern::new(lower_pattern(pat), false, what.to_string())
}

/// Lowercases a pattern's ASCII letters, leaving escapes (`\S`, `\p{Lu}`)
/// and group syntax (`(?P<name>`) as written.
fn lower_pattern(pat: &str) -> String {
    let mut out = String::with_capacity(pat.len());
    let mut chars = pat.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An ASCII word boundary keeps the fast lazy DFA on text with
            // non-ASCII letters; a Unicode one would make it give up.
            '\\' if matches!(chars.peek(), Some('b' | 'B')) => {
                let b = chars.next().expect("peeked");
                out.push_str(&format!("(?-u:\\{b})"));
            }
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                    if matches!(n, 'p' | 'P') && chars.peek() == Some(&'{') {
                        for k in chars.by_ref() {
                            out.push(k);
                            if k == '}' {
                                break;
                            }
                        }
                    }
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                out.push(c);
                out.push(chars.next().expect("peeked"));
                if chars.peek() == Some(&'P') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            _ => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

impl Catalog {
    /// The note on replacing a role's holder: from the pack that defines
    /// the role, else from a pack it includes.
    pub fn role_change_note(&self, pack: &str) -> Option<&str> {
        let mut seen = Vec::new();
        let mut level = vec![pack];
        while !level.is_empty() && seen.len() <= self.packs.len() {
            let mut next = Vec::new();
            for id in level {
                let Some(p) = self.pack(id).filter(|_| !seen.contains(&id)) else {
                    continue;
                };
                seen.push(id);
                if let Some(n) = &p.def.role_change_note {
                    return Some(n);
                }
                next.extend(p.def.includes.iter().map(String::as_str));
            }
            level = next;
        }
        None
    }

    /// The packs and vocabularies shipped with moulint (embedded at build
    /// time), loaded and validated. A command loads them once and passes
    /// them down; nothing holds them in a global.
    pub fn bundled() -> Result<Catalog, PackError> {
        // Their patterns are left to compile on first use: a test compiles
        // every one of them (`compile_all`).
        // Parsed from YAML and checked at build time (`build.rs`): read
        // here from the JSON it wrote.
        let defs = crate::bundled::PACK_DEFS.iter().map(|(id, json)| {
            let def = serde_json::from_str(json).map_err(|e| PackError {
                pack: id.to_string(),
                message: e.to_string(),
            })?;
            Ok((id.to_string(), def))
        });
        let cat = Catalog::assemble(defs, Vocab::bundled()?)?;
        cat.portfolio_templates_exist()?;
        Ok(cat)
    }

    /// Every template `rules/vocab/portfolio.yaml` names has a pack. Asked
    /// of the bundled catalog only: a test's catalog of a few packs need
    /// not hold them all.
    fn portfolio_templates_exist(&self) -> Result<(), PackError> {
        let portfolio = &self.vocab.portfolio;
        let named = portfolio
            .every_county
            .iter()
            .chain(portfolio.features.values().flat_map(|f| &f.templates));
        for t in named {
            if self.pack(t).is_none() {
                return Err(PackError {
                    pack: "vocab/portfolio".into(),
                    message: format!("names template `{t}`, which no pack defines"),
                });
            }
        }
        Ok(())
    }

    /// The bundled catalog, loaded once for the unit tests.
    #[cfg(test)]
    pub(crate) fn for_tests() -> &'static Catalog {
        static CELL: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CELL.get_or_init(|| Catalog::bundled().expect("bundled packs load"))
    }

    /// Loads packs from (name, YAML) pairs and checks them as a whole,
    /// with the bundled vocabularies.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Catalog, PackError> {
        Catalog::from_parts(sources, Vocab::bundled()?)
    }

    /// Loads packs from (name, YAML) pairs with the given vocabularies,
    /// every pattern compiled (a bad one is a load error).
    pub fn from_parts(
        sources: impl IntoIterator<Item = (String, String)>,
        vocab: Vocab,
    ) -> Result<Catalog, PackError> {
        let cat = Catalog::assemble(sources.into_iter().map(parse_pack), vocab)?;
        cat.compile_all()?;
        Ok(cat)
    }

    /// Compiles every pattern of every pack and vocabulary: the first that
    /// does not compile is the error.
    pub fn compile_all(&self) -> Result<(), PackError> {
        for pattern in self.vocab.patterns() {
            pattern.compile().map_err(|message| PackError {
                pack: "vocab".into(),
                message,
            })?;
        }
        for pack in &self.packs {
            let provisions = pack.provisions.iter().flat_map(|p| {
                let elements = p.elements.iter().flat_map(|e| &e.regexes);
                let outdated = p.outdated.iter().flat_map(|(rs, _)| rs);
                p.title_regexes.iter().chain(elements).chain(outdated)
            });
            let roles = pack.roles.iter().flat_map(|r| &r.regexes);
            for pattern in provisions.chain(roles) {
                pattern.compile().map_err(|message| PackError {
                    pack: pack.def.id.clone(),
                    message,
                })?;
            }
        }
        Ok(())
    }

    /// Validates parsed packs (name, definition), in order: the first
    /// error, in parsing or in a pack, is the error. Their patterns are
    /// left uncompiled.
    fn assemble(
        defs: impl IntoIterator<Item = Result<(String, PackDef), PackError>>,
        vocab: Vocab,
    ) -> Result<Catalog, PackError> {
        let mut packs = Vec::new();
        for parsed in defs {
            let (name, def) = parsed?;
            if def.id != name {
                return Err(PackError {
                    pack: name,
                    message: format!("the file declares id `{}`", def.id),
                });
            }
            packs.push(Pack::compile(def, &vocab.lexicon)?);
        }
        // Included packs first (Base before the Bespoke packs that build on
        // it), then by id: the order `rules` and `templates` list them in.
        let depths: Vec<usize> = packs.iter().map(|p| include_depth(&packs, p)).collect();
        let mut order: Vec<usize> = (0..packs.len()).collect();
        order.sort_by_key(|&i| (depths[i], packs[i].def.id.clone()));
        let mut slots: Vec<Option<Pack>> = packs.into_iter().map(Some).collect();
        let packs = order.iter().filter_map(|&i| slots[i].take()).collect();
        let cat = Catalog { packs, vocab };
        cat.validate()?;
        Ok(cat)
    }

    fn validate(&self) -> Result<(), PackError> {
        let mut ids = BTreeMap::new();
        for p in &self.packs {
            let err = |m: String| PackError {
                pack: p.def.id.clone(),
                message: m,
            };
            for inc in &p.def.includes {
                if self.pack(inc).is_none() {
                    return Err(err(format!("includes unknown pack `{inc}`")));
                }
            }
            for r in &p.def.replaces {
                let known = p
                    .def
                    .includes
                    .iter()
                    .filter_map(|i| self.pack(i))
                    .any(|q| q.provisions.iter().any(|v| v.id() == r));
                if !known {
                    return Err(err(format!(
                        "replaces `{r}`, which no included pack defines"
                    )));
                }
            }
            for v in &p.provisions {
                // The verdict's "redline" is a claim about the state's rules:
                // only confirmed requirements may make it.
                if v.def.status == Some(ProvisionStatus::Param) && v.severity == Severity::Error {
                    return Err(err(format!(
                        "provision `{}` is unconfirmed (status: param) and so may not be an error; make it a warning",
                        v.id()
                    )));
                }
                if let Some(prev) = ids.insert(v.id().to_string(), p.def.id.clone()) {
                    return Err(err(format!(
                        "provision `{}` is also defined in `{prev}`",
                        v.id()
                    )));
                }
                if !v.id().starts_with(&format!("{}.", p.def.id)) {
                    return Err(err(format!(
                        "provision `{}` must start with `{}.`",
                        v.id(),
                        p.def.id
                    )));
                }
            }
        }
        Ok(())
    }

    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.def.id == id)
    }

    pub fn provision(&self, id: &str) -> Option<&Provision> {
        self.packs
            .iter()
            .flat_map(|p| &p.provisions)
            .find(|v| v.id() == id)
    }

    pub fn template_ids(&self) -> impl Iterator<Item = &str> {
        self.packs.iter().map(|p| p.def.id.as_str())
    }

    /// The union of provisions the given templates require, each once, in
    /// pack order (included packs first). A provision one template replaces
    /// is still required if another template asks for it directly.
    pub fn required(&self, templates: &[String]) -> Vec<Required<'_>> {
        let mut out: Vec<Required> = Vec::new();
        for t in templates {
            let Some(pack) = self.pack(t) else { continue };
            let mut chain = Vec::new();
            self.expand(pack, &mut chain);
            let replaced: Vec<&str> = chain
                .iter()
                .flat_map(|p| p.def.replaces.iter().map(String::as_str))
                .collect();
            for p in chain {
                for v in &p.provisions {
                    if replaced.contains(&v.id()) {
                        continue;
                    }
                    match out.iter_mut().find(|r| r.provision.id() == v.id()) {
                        Some(r) => {
                            if !r.templates.contains(t) {
                                r.templates.push(t.clone());
                            }
                        }
                        None => out.push(Required {
                            provision: v,
                            templates: vec![t.clone()],
                        }),
                    }
                }
            }
        }
        out
    }

    /// The roles the given templates require, each once.
    pub fn roles(&self, templates: &[String]) -> Vec<(&Role, Vec<String>)> {
        let mut out: Vec<(&Role, Vec<String>)> = Vec::new();
        for t in templates {
            let Some(pack) = self.pack(t) else { continue };
            let mut chain = Vec::new();
            self.expand(pack, &mut chain);
            for p in chain {
                for r in &p.roles {
                    match out.iter_mut().find(|(x, _)| x.def.id == r.def.id) {
                        Some((_, ts)) => {
                            if !ts.contains(t) {
                                ts.push(t.clone());
                            }
                        }
                        None => out.push((r, vec![t.clone()])),
                    }
                }
            }
        }
        out
    }

    /// The patterns of `templates` and the packs they include: (title
    /// patterns, element and outdated-text patterns, role patterns).
    pub fn patterns_of(&self, templates: &[&str]) -> [Vec<&Pattern>; 3] {
        let mut chain = Vec::new();
        for t in templates {
            if let Some(pack) = self.pack(t) {
                self.expand(pack, &mut chain);
            }
        }
        let provisions = || chain.iter().flat_map(|pack| &pack.provisions);
        let titles = provisions().flat_map(|p| &p.title_regexes).collect();
        let elements = provisions()
            .flat_map(|p| {
                let outdated = p.outdated.iter().flat_map(|(rs, _)| rs);
                p.elements.iter().flat_map(|e| &e.regexes).chain(outdated)
            })
            .collect();
        let roles = chain
            .iter()
            .flat_map(|pack| pack.roles.iter().flat_map(|r| &r.regexes))
            .collect();
        [titles, elements, roles]
    }

    /// A pack and everything it includes, included packs first.
    fn expand<'a>(&'a self, pack: &'a Pack, out: &mut Vec<&'a Pack>) {
        for inc in &pack.def.includes {
            if let Some(p) = self.pack(inc) {
                if !out.iter().any(|q| q.def.id == p.def.id) {
                    self.expand(p, out);
                }
            }
        }
        if !out.iter().any(|q| q.def.id == pack.def.id) {
            out.push(pack);
        }
    }
}

/// A pack's YAML, parsed.
fn parse_pack((name, text): (String, String)) -> Result<(String, PackDef), PackError> {
    match serde_saphyr::from_str(&text) {
        Ok(def) => Ok((name, def)),
        Err(e) => Err(PackError {
            pack: name,
            message: e.to_string(),
        }),
    }
}

/// How many levels of `includes` lie under a pack (0 for Base); a cycle
/// stops at the number of packs.
fn include_depth(packs: &[Pack], p: &Pack) -> usize {
    let mut depth = 0;
    let mut level: Vec<&str> = p.def.includes.iter().map(String::as_str).collect();
    while !level.is_empty() && depth < packs.len() {
        depth += 1;
        level = packs
            .iter()
            .filter(|q| level.contains(&q.def.id.as_str()))
            .flat_map(|q| q.def.includes.iter().map(String::as_str))
            .collect();
    }
    depth
}

impl Pack {
    fn compile(def: PackDef, lexicon: &lexicon::Lexicon) -> Result<Pack, PackError> {
        let pid = def.id.clone();
        let err = |m: String| PackError {
            pack: pid.clone(),
            message: m,
        };
        let mut provisions = Vec::new();
        for v in &def.provisions {
            let severity: Severity = v
                .severity
                .parse()
                .map_err(|e: String| err(format!("{}: {e}", v.id)))?;
            let mut elements = Vec::new();
            for e in &v.elements {
                if e.patterns.is_empty() && e.concepts.is_empty() {
                    return Err(err(format!(
                        "{} element {}: an element needs concepts (or patterns, for exact text)",
                        v.id, e.id
                    )));
                }
                let concept = |name: &str| {
                    lexicon.concept(name).ok_or_else(|| {
                        err(format!(
                            "{} element {}: unknown concept `{name}` (rules/vocab/lexicon.yaml lists the concepts)",
                            v.id, e.id
                        ))
                    })
                };
                let concepts = e
                    .concepts
                    .iter()
                    .map(|c| c.split('|').map(|n| concept(n.trim())).collect())
                    .collect::<Result<Vec<Vec<u16>>, _>>()?;
                let unit = e.unit.as_deref().map(concept).transpose()?;
                let against = e
                    .against
                    .iter()
                    .map(|n| concept(n))
                    .collect::<Result<Vec<u16>, _>>()?;
                let regexes: Vec<Pattern> = e
                    .patterns
                    .iter()
                    .map(|p| compile_lower(&format!("{} element {}", v.id, e.id), p))
                    .collect();
                if (e.min.is_some() || e.max.is_some())
                    && unit.is_none()
                    && !regexes.iter().any(|r| r.has_group("n"))
                {
                    return Err(err(format!(
                        "{} element {}: `min`/`max` need a `unit` (or a pattern with a group named `n`)",
                        v.id, e.id
                    )));
                }
                elements.push(Element {
                    def: e.clone(),
                    regexes,
                    choices_of: choices_of(&concepts),
                    concepts,
                    unit,
                    against,
                    specificity: e.specific.then(|| lexicon.specificity().clone()),
                });
            }
            let outdated = v
                .outdated
                .iter()
                .map(|o| {
                    let rs = o
                        .patterns
                        .iter()
                        .map(|p| compile(&format!("{} outdated", v.id), p))
                        .collect();
                    (rs, o.message.clone())
                })
                .collect();
            let title_regexes = v
                .title_patterns
                .iter()
                .map(|p| compile(&format!("{} title pattern", v.id), p))
                .collect();
            let mut title_keys = vec![normalize_title(&v.title)];
            title_keys.extend(v.variants.iter().map(|t| normalize_title(t)));
            // Prose fields are wrapped in the YAML; emitters re-wrap them.
            let citation = v.citation.clone().unwrap_or_else(|| def.citation.clone());
            let mut v = v.clone();
            for field in [&mut v.summary, &mut v.why, &mut v.help] {
                *field = field.split_whitespace().collect::<Vec<_>>().join(" ");
            }
            let decides = if v.mandatory && v.status != Some(ProvisionStatus::Param) {
                crate::rule::MANDATORY_PROVISION
            } else {
                crate::rule::ADVISORY_PROVISION
            };
            provisions.push(Provision {
                def: v,
                pack: pid.clone(),
                severity,
                decides,
                citation,
                title_keys,
                title_regexes,
                elements,
                outdated,
            });
        }
        let roles = def
            .roles
            .iter()
            .map(|r| {
                let regexes = r
                    .patterns
                    .iter()
                    .map(|p| compile(&format!("role {}", r.id), p))
                    .collect();
                Role {
                    def: r.clone(),
                    regexes,
                    citation: r.citation.clone().unwrap_or_else(|| def.citation.clone()),
                    pack: pid.clone(),
                }
            })
            .collect();
        Ok(Pack {
            def,
            provisions,
            roles,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::lower_pattern;

    #[test]
    fn the_data_parsed_at_build_time_is_the_yaml() {
        let yaml: Vec<_> = crate::bundled::files("packs", "yaml").collect();
        assert_eq!(yaml.len(), crate::bundled::PACK_DEFS.len());
        for ((id, text), (json_id, json)) in yaml.iter().zip(crate::bundled::PACK_DEFS) {
            assert_eq!(id, json_id);
            let from_yaml: super::PackDef = serde_saphyr::from_str(text).unwrap();
            let from_json: super::PackDef = serde_json::from_str(json).unwrap();
            assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"), "{id}");
        }
        let (_, text) = crate::bundled::files("vocab", "yaml")
            .find(|(n, _)| *n == "lexicon")
            .unwrap();
        let from_yaml: super::lexicon::LexiconDef = serde_saphyr::from_str(text).unwrap();
        let from_json: super::lexicon::LexiconDef =
            serde_json::from_str(crate::bundled::LEXICON_DEF).unwrap();
        assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"));
    }

    #[test]
    fn lowering_keeps_escapes_and_group_names() {
        assert_eq!(
            lower_pattern(r"MCP\S+\p{Lu}(?P<n>\w+)[A-Z]"),
            r"mcp\S+\p{Lu}(?P<n>\w+)[a-z]"
        );
        assert_eq!(lower_pattern(r"\bDHCS\b"), r"(?-u:\b)dhcs(?-u:\b)");
    }
}
