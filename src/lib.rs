//! moulint: a compliance linter for Medi-Cal MCP Memoranda of Understanding.
//!
//! Data flows one way: [`source`] reads bytes, [`frontmatter`] splits and
//! parses the YAML block, [`tree`] parses the Markdown once into a section
//! tree with byte spans, [`document`] holds both, the [`checks`] read the
//! document and the [`catalog`] of rule packs, every finding is one
//! [`diagnostic::Diagnostic`], and [`emit`] renders them for people or
//! machines.

pub mod analysis;
pub mod bundled;
pub mod catalog;
pub mod checks;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod document;
pub mod emit;
pub mod error;
pub mod frontmatter;
pub mod import;
pub mod init;
pub mod lint;
pub mod reference;
pub mod registry;
pub mod source;
pub mod templates_cmd;
pub mod text;
pub mod tree;
pub mod util;
pub mod verdict;
pub mod yaml;
