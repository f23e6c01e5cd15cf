//! Rule packs: the data in `rules/packs/`, loaded, validated and compiled.
//!
//! Packs are embedded at build time so the binary runs anywhere. Loading is
//! strict in the manner of Vale: an unknown key, an unknown included pack, a
//! regex that does not compile or a duplicate id is a configuration error
//! (exit 2), never a silent no-op. Patterns compile on first use
//! ([`pattern`]): packs loaded from other sources are compiled whole at
//! load, and the bundled ones by a test.

mod fit;
pub mod lexicon;
pub mod pattern;
pub mod vocab;
pub use fit::Fit;
pub use vocab::Vocab;

use std::collections::BTreeMap;

use pattern::Pattern;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::text::normalize_title;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PackKind {
    Base,
    Bespoke,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityType {
    pub id: String,
    pub title: String,
}

/// Which party designates a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleParty {
    /// The managed care plan (each plan, on an MOU signed by several).
    Mcp,
    /// The third-party entity.
    Other,
}

impl RoleParty {
    /// The word packs and the JSON output use.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleParty::Mcp => "mcp",
            RoleParty::Other => "other",
        }
    }
}

/// How sure the project is that a provision is required
/// (`shared/domain/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProvisionStatus {
    /// In the state's MOU documents the project was built from.
    Seed,
    /// Seen in the state's or plans' public pages.
    Public,
    /// Not confirmed: our reading of the program, kept as data.
    Param,
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

/// A role the template requires someone to hold (see the roles check).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: String,
    pub title: String,
    /// Which party designates the role.
    pub party: RoleParty,
    /// How drafts name the role (regexes, case-insensitive).
    pub patterns: Vec<String>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementDef {
    pub id: String,
    pub description: String,
    /// The provision's core duty: without a section of its own, the
    /// provision is present only where this element is.
    #[serde(default)]
    pub anchor: bool,
    /// Regexes, for exact text only (citations); most elements use
    /// concepts.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Lexicon concepts that must occur together in one sentence (or a
    /// list item with its lead-in), in any order; `a|b` takes either.
    #[serde(default)]
    pub concepts: Vec<String>,
    /// Who the sentence must bind, when it says.
    #[serde(default)]
    pub actor: Option<lexicon::PartyRole>,
    /// Parties the sentence must also name ("refers Members to the other
    /// party").
    #[serde(default)]
    pub roles: Vec<lexicon::PartyRole>,
    /// What force the sentence must have.
    #[serde(default)]
    pub force: Force,
    /// The concept naming the unit of the bounded number (`min`, `max`).
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub max: Option<u32>,
}

/// The force an element's sentence must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Force {
    /// A binding duty: not negated, not made optional, not excepted away.
    #[default]
    Duty,
    /// A binding prohibition ("may not delegate", "no priority").
    Prohibition,
    /// A statement of fact, whatever its force (a definition, a date).
    Any,
    /// A statement that need not be a duty ("disputes not resolved are
    /// escalated to DHCS"), but that a negated modal denies ("in no event
    /// shall either Party refer a dispute to DHCS").
    Stated,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutdatedDef {
    pub patterns: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionDef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub title_patterns: Vec<String>,
    #[serde(default = "yes")]
    pub mandatory: bool,
    #[serde(default = "error_severity")]
    pub severity: String,
    #[serde(default)]
    pub status: Option<ProvisionStatus>,
    #[serde(default)]
    pub citation: Option<String>,
    pub summary: String,
    pub why: String,
    pub help: String,
    pub example: String,
    #[serde(default)]
    pub elements: Vec<ElementDef>,
    #[serde(default)]
    pub outdated: Vec<OutdatedDef>,
}

fn yes() -> bool {
    true
}
fn error_severity() -> String {
    "error".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackDef {
    pub id: String,
    pub title: String,
    pub kind: PackKind,
    #[serde(default)]
    pub includes: Vec<String>,
    #[serde(default)]
    pub replaces: Vec<String>,
    /// The default citation of the pack's provisions and roles.
    pub citation: String,
    /// What the draft's notes say about replacing a person in one of the
    /// pack's roles (and the roles of packs including it).
    #[serde(default)]
    pub role_change_note: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub entity_types: Vec<EntityType>,
    #[serde(default)]
    pub roles: Vec<RoleDef>,
    #[serde(default)]
    pub provisions: Vec<ProvisionDef>,
}

/// An element and its compiled patterns (see [`compile_lower`]: they match
/// ASCII-lowercased text).
#[derive(Debug)]
pub struct Element {
    pub def: ElementDef,
    pub regexes: Vec<Pattern>,
    /// The concepts, each a choice of lexicon concept ids.
    pub concepts: Vec<Vec<u16>>,
    /// The unit concept of a bounded number.
    pub unit: Option<u16>,
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
        let cat = Catalog::assemble(
            crate::bundled::files("packs", "yaml")
                .map(|(id, text)| (id.to_string(), text.to_string())),
            Vocab::bundled()?,
        )?;
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
        let cat = Catalog::assemble(sources, vocab)?;
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

    /// Parses and validates packs, their patterns left uncompiled.
    fn assemble(
        sources: impl IntoIterator<Item = (String, String)>,
        vocab: Vocab,
    ) -> Result<Catalog, PackError> {
        let mut packs = Vec::new();
        for (name, text) in sources {
            let def: PackDef = serde_saphyr::from_str(&text).map_err(|e| PackError {
                pack: name.clone(),
                message: e.to_string(),
            })?;
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
                    concepts,
                    unit,
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
    fn lowering_keeps_escapes_and_group_names() {
        assert_eq!(
            lower_pattern(r"MCP\S+\p{Lu}(?P<n>\w+)[A-Z]"),
            r"mcp\S+\p{Lu}(?P<n>\w+)[a-z]"
        );
        assert_eq!(lower_pattern(r"\bDHCS\b"), r"(?-u:\b)dhcs(?-u:\b)");
    }
}
