//! Entry points the fuzz targets (`fuzz/`) and their regression test
//! (`tests/fuzz_regressions.rs`) share, so that a crash found by fuzzing
//! is replayed through exactly the code that found it.
//!
//! Each takes arbitrary bytes and must return without panicking, whatever
//! they hold; what it computes is thrown away.

use std::sync::OnceLock;

use crate::catalog::Catalog;
use crate::compare::References;
use crate::emit::{self, human, redline, Format, Run};
use crate::lint::{self, FileReport};
use crate::reference::TemplateSet;
use crate::source::SourceFile;

/// The bundled packs and templates, loaded once per process.
fn knowledge() -> (&'static Catalog, &'static References<'static>) {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    static TEMPLATES: OnceLock<TemplateSet> = OnceLock::new();
    static REFERENCES: OnceLock<References<'static>> = OnceLock::new();
    let catalog = CATALOG.get_or_init(|| Catalog::bundled().expect("bundled packs load"));
    let templates =
        TEMPLATES.get_or_init(|| TemplateSet::bundled().expect("bundled templates load"));
    (
        catalog,
        REFERENCES.get_or_init(|| References::new(templates)),
    )
}

/// Splits and validates the front matter of a UTF-8 input.
pub fn front_matter(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::frontmatter::parse(text);
    }
}

/// Builds the section tree of a UTF-8 input.
pub fn tree(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::tree::Tree::parse(text, 0);
    }
}

/// Decodes and checks one file, then renders the report in every output
/// format (an undecodable input is a finding, as on the command line).
pub fn check(data: &[u8]) {
    let (catalog, references) = knowledge();
    let report = match SourceFile::from_bytes("fuzz.md".into(), data.to_vec()) {
        Ok(src) => lint::lint_source(src, catalog, references),
        Err(_) => return,
    };
    render_all(&report);
}

/// Checks one file and writes its redline report in Markdown and HTML.
pub fn redline(data: &[u8]) {
    let (catalog, references) = knowledge();
    let Ok(src) = SourceFile::from_bytes("fuzz.md".into(), data.to_vec()) else {
        return;
    };
    let checked = lint::check_source(src, catalog, references);
    let report = redline::build(&checked, crate::util::date::Ymd::new(2025, 12, 4));
    let _ = redline::render(&report, redline::RedlineFormat::Md);
    let _ = redline::render(&report, redline::RedlineFormat::Html);
}

fn render_all(report: &FileReport) {
    use clap::ValueEnum;
    let reports = std::slice::from_ref(report);
    let run = Run::new(reports);
    let style = human::Style {
        color: false,
        width: 100,
    };
    for format in Format::value_variants() {
        let _ = emit::emitter(*format, style).render(&run);
    }
}
