//! The check registry: one file per check family, one table listing them.
//!
//! A check reads the parsed [`Document`] and the rule packs and pushes
//! [`Diagnostic`]s. Its id, default severity, the verdicts it can decide
//! and its documentation sit next to its code in a
//! [`RuleMeta`](crate::registry::RuleMeta); `moulint rules`, `moulint
//! explain` and the verdict read this table.

use crate::catalog::{Catalog, Required};
use crate::diagnostic::Diagnostic;
use crate::document::Document;

pub mod altered;
pub mod dates;
pub mod encoding;
pub mod front_matter;
pub mod parties;
pub mod placeholders;
pub mod provisions;
pub mod roles;
pub mod structure;
pub mod template_version;
pub mod templates;

/// Everything a check may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub catalog: &'a Catalog,
    /// Known template ids from the front matter (unknown ones dropped).
    pub templates: Vec<String>,
    /// Provisions those templates require, each once.
    pub required: Vec<Required<'a>>,
    /// The reference templates in use (bundled or `--templates DIR`);
    /// `None` skips the template checks.
    pub template_set: Option<&'a crate::reference::TemplateSet>,
    /// The draft aligned with its reference template, computed once per
    /// document (see [`crate::compare`]); `None` skips the comparison.
    pub comparison: Option<&'a crate::compare::Outcome>,
}

impl<'a> Context<'a> {
    /// The draft section the word comparison aligned with a provision, if
    /// the draft follows the reference text.
    pub fn aligned_section(&self, provision: &str) -> Option<usize> {
        self.comparison?
            .comparison()?
            .aligned_section(provision, &self.doc.tree)
    }
}

pub struct Check {
    pub meta: crate::registry::RuleMeta,
    pub run: fn(&Context, &mut Vec<Diagnostic>),
}

/// Every check, in the order they run. Provision ids are checked by
/// `provisions` and documented by their packs.
pub const CHECKS: &[Check] = &[
    encoding::CHECK,
    front_matter::CHECK,
    templates::CHECK,
    placeholders::CHECK,
    dates::CHECK,
    structure::CHECK,
    provisions::CHECK,
    altered::CHECK,
    template_version::CHECK,
    roles::CHECK,
    parties::CHECK,
];

/// Runs every check over a document.
pub fn run_all(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in CHECKS {
        (c.run)(ctx, &mut out);
    }
    out
}

pub fn meta(id: &str) -> Option<&'static crate::registry::RuleMeta> {
    CHECKS.iter().map(|c| &c.meta).find(|m| m.id == id)
}
