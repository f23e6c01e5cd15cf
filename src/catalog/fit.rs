//! What the catalog knows about templates as a whole: which template an
//! entity type calls for, and how to name templates in messages.

use super::{Catalog, Pack, PackKind};

/// How an entity type fits the templates a draft (or `moulint init`) names.
#[derive(Debug, PartialEq, Eq)]
pub enum Fit<'a> {
    /// One of the templates lists it.
    Fits,
    /// No template lists it.
    Unknown,
    /// Only Base is named, and the entity has these Bespoke templates.
    NeedsBespoke(Vec<&'a str>),
    /// The templates that list it, none of them named.
    Elsewhere(Vec<&'a str>),
}

impl Catalog {
    /// How the entity type `kind` fits `templates`.
    pub fn fit(&self, templates: &[String], kind: &str) -> Fit<'_> {
        let owners: Vec<&Pack> = self
            .packs
            .iter()
            .filter(|p| p.def.entity_types.iter().any(|e| e.id == kind))
            .collect();
        if owners.is_empty() {
            return Fit::Unknown;
        }
        if owners.iter().any(|p| templates.contains(&p.def.id)) {
            return Fit::Fits;
        }
        let bespoke: Vec<&str> = owners
            .iter()
            .filter(|p| p.def.kind == PackKind::Bespoke)
            .map(|p| p.def.id.as_str())
            .collect();
        if self.all_base(templates) && !bespoke.is_empty() {
            Fit::NeedsBespoke(bespoke)
        } else {
            Fit::Elsewhere(owners.iter().map(|p| p.def.id.as_str()).collect())
        }
    }

    /// Every named template is a Base template (true when none is named).
    pub fn all_base(&self, templates: &[String]) -> bool {
        templates
            .iter()
            .all(|t| self.pack(t).is_some_and(|p| p.def.kind == PackKind::Base))
    }

    /// "the County Child Welfare template (`ccw`)", or several.
    pub fn templates_phrase(&self, templates: &[String]) -> String {
        let names: Vec<String> = templates.iter().map(|t| self.pack_name(t)).collect();
        match names.as_slice() {
            [] => "the template".to_string(),
            [one] => format!("the {one} template"),
            [init @ .., last] => format!("the {} and {last} templates", init.join(", ")),
        }
    }

    /// "County Child Welfare (`ccw`)": a pack's title and id.
    pub fn pack_name(&self, id: &str) -> String {
        match self.pack(id) {
            Some(p) => format!(
                "{} (`{id}`)",
                p.def.title.trim_end_matches(" Template").trim()
            ),
            None => format!("`{id}`"),
        }
    }
}
