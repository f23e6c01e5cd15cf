//! moulint: a compliance linter for Medi-Cal MCP Memoranda of Understanding.
//!
//! Data flows one way: [`source`] reads bytes, [`frontmatter`] splits and
//! parses the YAML block, [`tree`] parses the Markdown once into a section
//! tree with byte spans, [`document`] holds both (and the [`directives`]
//! found in comments), the [`checks`] read the document and the [`catalog`]
//! of rule packs, every finding is one [`diagnostic::Diagnostic`], and
//! [`emit`] renders them for people or machines.
//!
//! The command line sits on top: [`commands`] has one file per subcommand,
//! each returning an [`commands::Outcome`] or the one [`error::Error`],
//! which the binary alone turns into a message and an exit code. What a
//! command makes besides findings is library code: [`new_draft`] (`init`),
//! [`import`] (`template import`) and [`emit::redline`] (`redline`).
//! [`util`] holds the helpers with no domain knowledge (atomic writes,
//! "did you mean" suggestions).

pub mod analysis;
pub mod anatomy;
pub mod bundled;
pub mod catalog;
pub mod checks;
pub mod commands;
pub mod compare;
pub mod diagnostic;
pub mod directives;
pub mod document;
pub mod emit;
pub mod error;
pub mod frontmatter;
pub mod import;
pub mod lint;
pub mod names;
pub mod new_draft;
pub mod reader;
pub mod reference;
pub mod registry;
pub mod rule;
pub mod sentences;
pub mod source;
pub mod table;
pub mod text;
pub mod tree;
pub mod units;
pub mod util;
pub mod verdict;
pub mod yaml;
