//! The rule data as written in `rules/packs/*.yaml` and
//! `rules/vocab/lexicon.yaml`, before validation: what serde reads.
//!
//! `build.rs` includes this file too. It parses the bundled files into
//! these types at build time (a bundled file that does not parse fails the
//! build) and embeds them as JSON, which the binary reads far faster than
//! YAML. Files from elsewhere are read as YAML at run time, into the same
//! types, with the same messages. So this file uses nothing of the crate.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackKind {
    Base,
    Bespoke,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityType {
    pub id: String,
    pub title: String,
}

/// Which party designates a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleParty {
    /// The managed care plan (each plan, on an MOU signed by several).
    Mcp,
    /// The third-party entity.
    Other,
}

/// How sure the project is that a provision is required
/// (`shared/domain/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProvisionStatus {
    /// In the state's MOU documents the project was built from.
    Seed,
    /// Seen in the state's or plans' public pages.
    Public,
    /// Not confirmed: our reading of the program, kept as data.
    Param,
}

/// A role the template requires someone to hold (see the roles check).
#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
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
    pub actor: Option<PartyRole>,
    /// Parties the sentence must also name ("refers Members to the other
    /// party").
    #[serde(default)]
    pub roles: Vec<PartyRole>,
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
    /// Concepts that contradict the element: a statement of it holding
    /// one ("turns 18" for a transition at 21) is altered.
    #[serde(default)]
    pub against: Vec<String>,
    /// The sentence must name what it speaks of in words of its own ("the
    /// services" alone names none): a word that no concept, party, marker
    /// or general word of the lexicon explains.
    #[serde(default)]
    pub specific: bool,
}

/// The force an element's sentence must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutdatedDef {
    pub patterns: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
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

/// Who a mention of a party stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyRole {
    /// The managed care plan (or plans).
    Mcp,
    /// The third-party entity.
    Other,
    /// Both or each of the parties ("the Parties", "each Party").
    Parties,
    /// The state's Department of Health Care Services.
    Dhcs,
}

/// `rules/vocab/lexicon.yaml`, as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconDef {
    pub roles: BTreeMap<PartyRole, Vec<String>>,
    pub markers: MarkersDef,
    pub concepts: BTreeMap<String, Vec<String>>,
    /// Words that name nothing specific: articles, pronouns, prepositions
    /// and generic nouns (see [`ElementDef::specific`]).
    #[serde(default)]
    pub general: Vec<String>,
    /// Words that point at where things are named ("the following",
    /// "listed in Exhibit B"): a specific element is named where they are.
    #[serde(default)]
    pub pointers: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkersDef {
    pub duty: Vec<String>,
    pub weak: Vec<String>,
    pub negation: Vec<String>,
    pub bounds: Vec<String>,
    pub exceptions: Vec<String>,
    pub restrictions: Vec<String>,
    pub limits: Vec<String>,
    pub objects: Vec<String>,
    pub agents: Vec<String>,
    pub denials: Vec<String>,
    pub conditions: Vec<String>,
    pub judgments: Vec<String>,
    pub deferrals: Vec<String>,
    pub leeway: Vec<String>,
    pub riders: Vec<String>,
    pub exclusions: Vec<String>,
    pub determinations: Vec<String>,
    pub prohibitions: Vec<String>,
    /// Optional, so that lexicons written before it still load.
    #[serde(default)]
    pub premises: Vec<String>,
}
