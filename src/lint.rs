//! Running the checks over files: walking paths, reading each file once,
//! checking files in parallel, and turning read failures into findings.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::checks::{self, Context};
use crate::compare;
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::document::Document;
use crate::reference::TemplateSet;
use crate::source::{ReadError, SourceFile};
use crate::verdict::{verdict, Verdict};

/// The id of findings about files that cannot be read or decoded.
pub const ENCODING_ID: &str = "doc.encoding";

/// Everything found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub templates: Vec<String>,
    pub verdict: Verdict,
    pub diagnostics: Vec<Diagnostic>,
    /// The text the spans point into (for an undecodable file, its valid
    /// prefix); `None` when nothing could be read.
    pub source: Option<SourceFile>,
}

/// Checks one decoded file against the bundled reference templates.
pub fn lint_source(source: SourceFile, catalog: &Catalog) -> FileReport {
    let empty;
    let set = match TemplateSet::bundled() {
        Ok(s) => s,
        Err(_) => {
            // `moulint` reports a broken bundle at start-up (exit 2).
            empty = TemplateSet::empty();
            &empty
        }
    };
    lint_source_with(source, catalog, set)
}

/// A checked draft with what the checks computed on the way, for callers
/// that need more than the findings (the redline report reuses the parse
/// and the word comparison instead of doing them again).
pub struct Checked {
    pub doc: Document,
    /// Known templates the draft was checked against (Base when none).
    pub templates: Vec<String>,
    /// The word comparison; `None` when the front matter is unparsable.
    pub comparison: Option<compare::Outcome>,
    pub diagnostics: Vec<Diagnostic>,
    pub verdict: Verdict,
}

/// Parses and checks one decoded file against the given reference templates.
pub fn check_source(source: SourceFile, catalog: &Catalog, set: &TemplateSet) -> Checked {
    let doc = Document::parse(source);
    // An MOU without a usable template is still checked against Base:
    // every template includes its provisions.
    let mut templates: Vec<String> = doc
        .template_ids()
        .into_iter()
        .filter(|t| catalog.pack(t).is_some())
        .collect();
    if templates.is_empty() && catalog.pack("base").is_some() && !doc.fatal {
        templates.push("base".to_string());
    }
    let comparison = (!doc.fatal).then(|| compare::prepare(&doc, &templates, set, catalog));
    let mut diagnostics = if doc.fatal {
        doc.parse_diagnostics.clone()
    } else {
        let ctx = Context {
            doc: &doc,
            catalog,
            templates: templates.clone(),
            required: catalog.required(&templates),
            template_set: Some(set),
            comparison: comparison.as_ref(),
        };
        checks::run_all(&ctx)
    };
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let verdict = verdict(doc.fatal, &diagnostics, catalog);
    Checked {
        doc,
        templates,
        comparison,
        diagnostics,
        verdict,
    }
}

/// Checks one decoded file against the given reference templates.
pub fn lint_source_with(source: SourceFile, catalog: &Catalog, set: &TemplateSet) -> FileReport {
    let c = check_source(source, catalog, set);
    FileReport {
        path: c.doc.source.path.clone(),
        templates: c.doc.template_ids(),
        verdict: c.verdict,
        diagnostics: c.diagnostics,
        source: Some(c.doc.source),
    }
}

/// Reads and checks one file; a read failure is a finding, not an abort.
pub fn lint_file(path: &Path, catalog: &Catalog) -> FileReport {
    let shown = path.display().to_string();
    match SourceFile::read(path) {
        Ok(src) => lint_source(src, catalog),
        Err(e) => unreadable(shown, path, e),
    }
}

/// [`lint_file`] against the given reference templates.
pub fn lint_file_with(path: &Path, catalog: &Catalog, set: &TemplateSet) -> FileReport {
    let shown = path.display().to_string();
    match SourceFile::read(path) {
        Ok(src) => lint_source_with(src, catalog, set),
        Err(e) => unreadable(shown, path, e),
    }
}

fn unreadable(shown: String, path: &Path, e: ReadError) -> FileReport {
    let (diag, source) = match e {
        ReadError::Io(msg) => (
            Diagnostic::new(
                ENCODING_ID,
                Kind::Invalid,
                Severity::Error,
                format!("cannot read the file: {msg}"),
            )
            .with_help("check the path and the file's permissions"),
            None,
        ),
        ReadError::TooLarge { size, limit } => (
            Diagnostic::new(
                ENCODING_ID,
                Kind::Invalid,
                Severity::Error,
                format!("the file is {size} bytes, over the {limit}-byte limit"),
            )
            .with_help("an MOU is far smaller; check that this is the right file"),
            None,
        ),
        ReadError::Encoding {
            offset,
            line,
            column,
        } => {
            // Keep the valid prefix so the finding can still be located.
            let prefix = std::fs::read(path)
                .ok()
                .map(|mut b| {
                    b.truncate(offset);
                    String::from_utf8(b).unwrap_or_default()
                })
                .unwrap_or_default();
            (
                Diagnostic::new(ENCODING_ID, Kind::Invalid, Severity::Error, format!("the file is not valid UTF-8 (first bad byte at line {line}, column {column})"))
                    .with_span(Span::new(offset, 1))
                    .with_label("not UTF-8")
                    .with_help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")")
                    .with_note("moulint reads Markdown drafts as UTF-8 text"),
                Some(SourceFile::new(shown.clone(), prefix)),
            )
        }
    };
    FileReport {
        path: shown,
        templates: Vec::new(),
        verdict: Verdict::Invalid,
        diagnostics: vec![diag],
        source,
    }
}

/// Expands the command line's paths: files as given, directories walked
/// for Markdown files (honouring .gitignore), in a stable order.
pub fn collect(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(input)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| is_markdown(p))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            // Missing files are kept: reading them reports the problem.
            out.push(input.clone());
        }
    }
    out
}

fn is_markdown(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "mdx")
    )
}

/// Checks many files in parallel; reports come back in input order.
pub fn lint_paths(paths: &[PathBuf], catalog: &Catalog) -> Vec<FileReport> {
    paths.par_iter().map(|p| lint_file(p, catalog)).collect()
}

/// [`lint_paths`] against the given reference templates.
pub fn lint_paths_with(paths: &[PathBuf], catalog: &Catalog, set: &TemplateSet) -> Vec<FileReport> {
    paths
        .par_iter()
        .map(|p| lint_file_with(p, catalog, set))
        .collect()
}
