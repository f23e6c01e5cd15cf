//! Running the checks over files: walking paths, reading each file once,
//! analysing and checking files in parallel, and turning read failures into
//! findings.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::checks;
use crate::compare::References;
use crate::diagnostic::{Diagnostic, Suppressed};
use crate::document::Document;
use crate::registry::decide;
use crate::source::{ReadError, SourceFile};
use crate::verdict::Verdict;
use crate::walk;

/// Everything found in one file. It reads back from JSON (a `--cache`
/// entry, see [`crate::cache`]) without its source, which the file gives.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    pub templates: Vec<String>,
    pub verdict: Verdict,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings kept out of `diagnostics` (inline suppressions, the
    /// configuration, a baseline), in the same order; each still decides
    /// the verdict unless the state approved it
    /// ([`Suppressed::decides_verdict`]).
    pub suppressed: Vec<Suppressed>,
    /// Where each required provision and its elements were found.
    pub provisions: Vec<ProvisionFound>,
    /// Mandatory provisions whose wording was not compared with a
    /// reference text.
    pub not_compared: Vec<String>,
    /// The text the spans point into (for an undecodable file, its valid
    /// prefix); `None` when nothing could be read.
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

/// Where a required provision was found: its section, and where each of
/// its elements is stated (an element stated in another article or an
/// exhibit counts, and this records where).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProvisionFound {
    pub id: String,
    /// The section holding it, by name ("4 MCP Obligations").
    pub section: Option<String>,
    /// How it was found: one of [`FOUND_BY`].
    #[serde(deserialize_with = "found_by")]
    pub by: Option<Word>,
    pub elements: Vec<ElementFound>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ElementFound {
    pub id: String,
    /// `section` (in the provision's own section), `elsewhere` or `absent`.
    #[serde(deserialize_with = "found_where")]
    pub found: Word,
    /// The statement found, when found.
    pub span: Option<crate::diagnostic::Span>,
}

/// A word of a fixed few (named so that serde, reading one back, copies
/// it into the static word rather than borrowing from its input).
pub type Word = &'static str;

/// How a provision can be found ([`ProvisionFound::by`]).
const FOUND_BY: [&str; 3] = ["title", "elements", "alignment"];
/// Where an element can be found ([`ElementFound::found`]).
const FOUND_WHERE: [&str; 3] = ["section", "elsewhere", "absent"];

/// One of `words`, read back: the fields hold the words themselves.
fn one_of<E: serde::de::Error>(s: &str, words: [&'static str; 3]) -> Result<&'static str, E> {
    words
        .into_iter()
        .find(|w| *w == s)
        .ok_or_else(|| E::custom(format!("unknown word `{s}`")))
}

fn found_by<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| one_of(&s, FOUND_BY))
        .transpose()
}

fn found_where<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one_of(&String::deserialize(d)?, FOUND_WHERE)
}

/// Where the analysis found each required provision.
fn provisions_found(a: &Analysis) -> Vec<ProvisionFound> {
    if a.doc.fatal {
        return Vec::new();
    }
    let tree = &a.doc.tree;
    a.required
        .iter()
        .zip(a.located())
        .map(|(r, l)| {
            let blocks = l.section.map(|s| tree.sections[s].blocks.clone());
            let elements = r
                .provision
                .elements
                .iter()
                .zip(&l.hits)
                .map(|(e, hits)| {
                    let inside = hits
                        .iter()
                        .find(|h| blocks.as_ref().is_some_and(|b| b.contains(&h.block)));
                    let (found, hit) = match (inside, hits.first()) {
                        (Some(h), _) => (FOUND_WHERE[0], Some(h)),
                        (None, Some(h)) => (FOUND_WHERE[1], Some(h)),
                        (None, None) => (FOUND_WHERE[2], None),
                    };
                    ElementFound {
                        id: e.def.id.clone(),
                        found,
                        span: hit.map(|h| tree.blocks[h.block].source_span(h.range.clone())),
                    }
                })
                .collect();
            ProvisionFound {
                id: r.provision.id().to_string(),
                section: l.section.map(|s| tree.describe(s)),
                by: l.by.map(|b| match b {
                    crate::analysis::FoundBy::Title => FOUND_BY[0],
                    crate::analysis::FoundBy::Elements => FOUND_BY[1],
                    crate::analysis::FoundBy::Alignment => FOUND_BY[2],
                }),
                elements,
            }
        })
        .collect()
}

/// A checked draft with its analysis, for callers that need more than the
/// findings (the redline report renders the analysis' word diffs).
pub struct Checked<'k> {
    pub analysis: Analysis<'k>,
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: Vec<Suppressed>,
    pub verdict: Verdict,
}

/// How one file is checked, beyond the packs and templates: what the
/// configuration tells the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Apply the draft's `moulint-disable...` comments (off with
    /// `--no-inline-suppressions`).
    pub inline_suppressions: bool,
    /// Bracketed text accepted verbatim (`[sic]` always is): not a
    /// template slot. Compared without the brackets, ignoring case.
    pub accept: Vec<String>,
    /// Front matter keys of the team's own, accepted without a finding.
    pub front_matter_keys: Vec<String>,
    /// The day an executed MOU's records are judged as of (`--as-of`).
    pub as_of: crate::util::date::Ymd,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            inline_suppressions: true,
            accept: Vec::new(),
            front_matter_keys: Vec::new(),
            as_of: crate::util::date::today(),
        }
    }
}

impl Options {
    /// Whether a finding is about text the configuration accepts: a
    /// bracketed text of `accept`, or an unknown front matter key of
    /// `front_matter_keys`.
    fn accepts(&self, d: &Diagnostic, text: &str) -> bool {
        let Some(span) = d.span else { return false };
        let Some(under) = text.get(span.offset..span.end()) else {
            return false;
        };
        match d.id.as_str() {
            checks::placeholders::ID => {
                let inner = under.trim().trim_start_matches('[').trim_end_matches(']');
                self.accept.iter().any(|a| {
                    let a = a.trim().trim_start_matches('[').trim_end_matches(']');
                    a.trim().eq_ignore_ascii_case(inner.trim())
                })
            }
            crate::frontmatter::ID => {
                d.message.starts_with("unknown front matter key")
                    && self.front_matter_keys.iter().any(|k| k == under)
            }
            _ => false,
        }
    }
}

/// Parses, analyses and checks one decoded file.
pub fn check_source<'k>(
    source: SourceFile,
    catalog: &'k Catalog,
    references: &'k References<'k>,
) -> Checked<'k> {
    check_document(
        Document::parse(source),
        catalog,
        references,
        &Options::default(),
    )
}

/// Analyses and checks one parsed file. A file that is not an MOU draft
/// (no moulint key in its front matter) gets one finding, not a finding
/// per provision.
///
/// The verdict is decided from every finding, suppressed ones included:
/// a suppression hides a finding but leaves its verdict, unless it records
/// the state's approval (`approved-by-dhcs DATE:`).
fn check_document<'k>(
    doc: Document,
    catalog: &'k Catalog,
    references: &'k References<'k>,
    options: &Options,
) -> Checked<'k> {
    let report = doc.is_report();
    let not_a_draft = !doc.is_mou_draft() && !report;
    let mut analysis = Analysis::new(doc, catalog, references);
    analysis.as_of = options.as_of;
    let mut diagnostics = if not_a_draft {
        vec![checks::front_matter::not_a_draft(&analysis.doc)]
    } else if analysis.doc.fatal {
        analysis.doc.parse_diagnostics.clone()
    } else if report {
        checks::run_report(&analysis)
    } else {
        checks::run_all(&analysis)
    };
    let text = &analysis.doc.source.text;
    diagnostics.retain(|d| !options.accepts(d, text));
    let mut suppressed = Vec::new();
    if options.inline_suppressions && !not_a_draft && !analysis.doc.fatal {
        let applied = checks::suppression::apply(&analysis, diagnostics);
        diagnostics = applied.kept;
        suppressed = applied.suppressed;
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut verdict = decide(analysis.doc.fatal, &mut diagnostics, catalog);
    if report {
        verdict = verdict.max(Verdict::Report);
    }
    for s in &mut suppressed {
        s.diagnostic.decides = crate::registry::effect(catalog, &s.diagnostic);
        if s.decides_verdict() {
            verdict = verdict.max(s.diagnostic.decides.unwrap_or(Verdict::FileAndUse));
        }
    }
    Checked {
        analysis,
        diagnostics,
        suppressed,
        verdict,
    }
}

impl Checked<'_> {
    pub fn into_report(self) -> FileReport {
        // A file that is not an MOU draft has no provisions to show.
        let draft = self.analysis.doc.is_mou_draft();
        let provisions = if draft {
            provisions_found(&self.analysis)
        } else {
            Vec::new()
        };
        let not_compared = match draft {
            true => self.analysis.not_compared().map(|n| n.ids),
            false => None,
        };
        let not_compared = not_compared.unwrap_or_default();
        let doc = self.analysis.doc;
        FileReport {
            path: doc.source.path.clone(),
            templates: doc.template_ids(),
            verdict: self.verdict,
            diagnostics: self.diagnostics,
            suppressed: self.suppressed,
            provisions,
            not_compared,
            source: Some(doc.source),
        }
    }
}

/// Checks one decoded file.
pub fn lint_source(source: SourceFile, catalog: &Catalog, references: &References) -> FileReport {
    check_source(source, catalog, references).into_report()
}

/// A report for a file that could not be read: one finding.
fn unreadable(shown: String, e: ReadError, catalog: &Catalog) -> FileReport {
    let (diag, source) = checks::encoding::finding(&shown, e);
    let mut diagnostics = vec![diag];
    FileReport {
        path: shown,
        templates: Vec::new(),
        verdict: decide(false, &mut diagnostics, catalog),
        diagnostics,
        suppressed: Vec::new(),
        provisions: Vec::new(),
        not_compared: Vec::new(),
        source,
    }
}

/// Reads and checks one file the user named; a read failure is a finding,
/// not an abort.
pub fn lint_file(path: &Path, catalog: &Catalog, references: &References) -> FileReport {
    lint_file_with(path, catalog, references, &Options::default())
}

/// [`lint_file`] with options (tests fix the as-of date).
pub fn lint_file_with(
    path: &Path,
    catalog: &Catalog,
    references: &References,
    options: &Options,
) -> FileReport {
    match SourceFile::read(path) {
        Ok(src) => {
            let shown = src.path.clone();
            let mut doc = Document::parse(src);
            crate::records::attach(&mut doc, path, &shown, crate::source::MAX_FILE_BYTES);
            check_document(doc, catalog, references, options).into_report()
        }
        Err(e) => unreadable(path.display().to_string(), e, catalog),
    }
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file, or `-` for standard input.
    pub path: PathBuf,
    /// The name findings report: the path, or for standard input the
    /// `--stdin-filename`.
    pub name: String,
    /// Named on the command line (always reported), rather than found by
    /// walking a directory (skipped when it is not an MOU draft).
    pub named: bool,
    /// How to check it (from its configuration).
    pub options: std::sync::Arc<Options>,
}

/// What checking a set of inputs gave.
#[derive(Debug, Default)]
pub struct Checks {
    /// One report per checked file, in input order.
    pub reports: Vec<FileReport>,
    /// Files found in directories that are not MOU drafts (no moulint
    /// front matter), in input order.
    pub skipped: Vec<String>,
    /// Markdown files and directories walking left out, and why.
    pub left_out: Vec<walk::LeftOut>,
}

/// Checks one input: `None` when it was found by walking and is not an
/// MOU draft.
pub fn lint_input(
    input: &Input,
    catalog: &Catalog,
    references: &References,
    max_bytes: u64,
) -> Option<FileReport> {
    match read_input(input, max_bytes, catalog) {
        Ok(src) => check_input(input, src, catalog, references, max_bytes).report,
        Err(unreadable) => Some(*unreadable),
    }
}

/// An input's text, or the report of a file that could not be read.
pub fn read_input(
    input: &Input,
    max_bytes: u64,
    catalog: &Catalog,
) -> Result<SourceFile, Box<FileReport>> {
    let read = if input.path.as_os_str() == "-" {
        read_stdin(&input.name, max_bytes)
    } else {
        SourceFile::read_limited(&input.path, max_bytes).map(|mut s| {
            s.path = input.name.clone();
            s
        })
    };
    read.map_err(|e| Box::new(unreadable(input.name.clone(), e, catalog)))
}

/// What checking an input's text gave.
pub struct Looked {
    /// `None` for a walked file that is not an MOU draft.
    pub report: Option<FileReport>,
    /// The files beside it the check read, found or not (its records).
    pub consulted: Vec<PathBuf>,
}

/// Checks an input's text (see [`lint_input`]).
pub fn check_input(
    input: &Input,
    src: SourceFile,
    catalog: &Catalog,
    references: &References,
    max_bytes: u64,
) -> Looked {
    let mut doc = Document::parse(src);
    if !input.named && !doc.is_mou_draft() && !doc.is_report() {
        return Looked {
            report: None,
            consulted: Vec::new(),
        };
    }
    let mut consulted = Vec::new();
    // Standard input has no directory: its records are its front matter's.
    if input.path.as_os_str() != "-" && doc.is_mou_draft() {
        consulted = crate::records::attach(&mut doc, &input.path, &input.name, max_bytes);
    }
    Looked {
        report: Some(check_document(doc, catalog, references, &input.options).into_report()),
        consulted,
    }
}

/// Standard input, read to its end and decoded.
fn read_stdin(name: &str, max_bytes: u64) -> Result<SourceFile, ReadError> {
    let bytes = crate::source::read_bounded(std::io::stdin().lock(), max_bytes)?;
    SourceFile::from_bytes(name.to_string(), bytes)
}

/// Expands the command line's paths: files as given, directories walked
/// for Markdown files (honouring `.gitignore` and `.moulintignore`, and
/// following symbolic links to directories once: a link back up the tree
/// is a loop, skipped), in a stable order. `-` is standard input, reported
/// as `stdin_name`. What could not be walked (a loop, an unreadable
/// directory) is returned as plain messages, one each, and what the walk
/// left out (hidden, ignored) is named. See [`once_each`] for a file
/// reached twice.
pub fn collect(inputs: &[PathBuf], stdin_name: &str) -> Collected {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut left_out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut reached = walk::Reached::default();
            let walk = ignore::WalkBuilder::new(input)
                .add_custom_ignore_filename(".moulintignore")
                .follow_links(true)
                .build();
            for entry in walk {
                match entry {
                    // A sidecar holds a draft's records: never a draft.
                    Ok(e) if crate::frontmatter::sidecar::is_sidecar(e.path()) => {}
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        reached.files.insert(e.into_path());
                    }
                    Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => {
                        reached.dirs.insert(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(walk_problem(&e)),
                }
            }
            left_out.extend(walk::unreached(input, &reached, readable));
            let mut found: Vec<PathBuf> =
                reached.files.into_iter().filter(|p| readable(p)).collect();
            found.sort();
            out.extend(found.into_iter().map(|path| Input {
                name: path.display().to_string(),
                path,
                named: false,
                options: Default::default(),
            }));
        } else {
            // A named file is always reported, even one we cannot read.
            let name = if input.as_os_str() == "-" {
                stdin_name.to_string()
            } else {
                input.display().to_string()
            };
            out.push(Input {
                path: input.clone(),
                name,
                named: true,
                options: Default::default(),
            });
        }
    }
    Collected {
        inputs: out,
        problems,
        left_out,
    }
}

/// Leaves out a walked file reached a second time (through a symbolic
/// link): it is checked once, under its first path. Run after the
/// configuration's exclusions, so that excluding one path checks the other.
pub fn once_each<T>(
    items: &mut Vec<T>,
    input: impl Fn(&T) -> &Input,
    left_out: &mut Vec<walk::LeftOut>,
) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| {
        let i = input(item);
        if i.named {
            return true;
        }
        let first = seen.insert(std::fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone()));
        if !first {
            left_out.push(walk::LeftOut::file(&i.path, walk::Reason::SameFile));
        }
        first
    });
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// What could not be walked, in words (a loop, an unreadable directory).
    pub problems: Vec<String>,
    /// The Markdown files and directories the walk left out, and why.
    pub left_out: Vec<walk::LeftOut>,
}

/// A walking error in words.
fn walk_problem(e: &ignore::Error) -> String {
    let mut e = e;
    loop {
        match e {
            ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
                if let ignore::Error::Loop { ancestor, child } = err.as_ref() {
                    return format!(
                        "{} links back to {}: a directory loop, not followed",
                        child.display(),
                        ancestor.display()
                    );
                }
                e = err;
            }
            ignore::Error::Loop { ancestor, child } => {
                return format!(
                    "{} links back to {}: a directory loop, not followed",
                    child.display(),
                    ancestor.display()
                )
            }
            other => return other.to_string(),
        }
    }
}

/// A file some reader takes (by its extension).
fn readable(p: &Path) -> bool {
    crate::reader::for_path(p).is_some()
}
