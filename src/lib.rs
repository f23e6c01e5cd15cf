//! moulint: a compliance linter for Medi-Cal MCP Memoranda of Understanding.
//!
//! Data flows one way, and no module depends on one that depends on it
//! (`tests/layering.rs`):
//!
//! 1. [`source`] reads the bytes; [`frontmatter`] splits and validates the
//!    YAML block against its schema table;
//! 2. a [`reader`] builds the [`tree`] (sections, blocks, [`table`]s,
//!    comments) in one Markdown pass; [`document`] holds it with the
//!    [`directives`];
//! 3. [`analysis`] computes each fact of the draft once, on first use: its
//!    [`anatomy`], the parties and their aliases, where each provision is,
//!    the word comparison ([`compare`]) with its diffs and additions;
//! 4. the [`checks`] read the analysis and the [`catalog`] (rule packs and
//!    vocabularies, all data under `rules/`) and make
//!    [`diagnostic::Diagnostic`]s;
//! 5. the [`registry`] computes the verdict from each rule's metadata
//!    ([`rule`]), never from severity;
//! 6. [`emit`] renders the reports for people or machines.
//!
//! The command line sits on top: [`commands`] has one file per subcommand,
//! each returning an [`commands::Outcome`] or the one [`error::Error`],
//! which the binary alone turns into a message and an exit code. What a
//! command makes besides findings is library code: [`new_draft`] (`init`),
//! [`import`] (`template import`) and [`emit::redline`] (`redline`).
//! Across files, [`repository`] reads a plan's MOUs (front matter and
//! records) for the commands that look at all of them at once.
//! [`util`] holds the helpers with no domain knowledge (atomic writes,
//! "did you mean" suggestions, dates); [`calendar`] counts working days
//! and quarters over a holiday table the catalog loads from data.

pub mod allocator;
pub mod analysis;
pub mod anatomy;
pub mod baseline;
pub mod bundled;
pub mod cache;
pub mod calendar;
pub mod catalog;
pub mod checks;
pub mod clause;
pub mod commands;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod directives;
pub mod document;
pub mod emit;
pub mod error;
pub mod frontmatter;
pub mod fuzzing;
pub mod import;
pub mod lint;
pub mod names;
pub mod new_draft;
pub mod phrases;
pub mod portfolio;
pub mod reader;
pub mod records;
pub mod reference;
pub mod registry;
pub mod report;
pub mod repository;
pub mod rule;
pub mod sentences;
pub mod source;
pub mod table;
pub mod text;
pub mod tokens;
pub mod tree;
pub mod units;
pub mod util;
pub mod variation;
pub mod verdict;
pub mod walk;
pub mod yaml;
