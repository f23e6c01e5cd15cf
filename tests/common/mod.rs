//! What the integration tests share: the bundled knowledge, loaded once per
//! test binary, and the check entry points over it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use moulint::catalog::Catalog;
use moulint::compare::References;
use moulint::lint::FileReport;
use moulint::reference::TemplateSet;
use moulint::source::SourceFile;

/// The bundled packs and vocabularies.
pub fn catalog() -> &'static Catalog {
    static CELL: OnceLock<Catalog> = OnceLock::new();
    CELL.get_or_init(|| Catalog::bundled().expect("bundled packs load"))
}

/// The bundled reference templates.
pub fn templates() -> &'static TemplateSet {
    static CELL: OnceLock<TemplateSet> = OnceLock::new();
    CELL.get_or_init(|| TemplateSet::bundled().expect("bundled templates load"))
}

/// The bundled templates, prepared once for every test of the binary.
pub fn references() -> &'static References<'static> {
    static CELL: OnceLock<References<'static>> = OnceLock::new();
    CELL.get_or_init(|| References::new(templates()))
}

/// The day the tests judge executed MOUs' records as of (the `life.*`
/// checks), so that no result changes with the clock: 2025-12-15.
pub const AS_OF: moulint::util::date::Ymd = moulint::util::date::Ymd::new(2025, 12, 15);

/// Reads and checks one file against the bundled templates, as of
/// [`AS_OF`].
pub fn lint_file(path: &Path, catalog: &Catalog) -> FileReport {
    let options = moulint::lint::Options {
        as_of: AS_OF,
        ..Default::default()
    };
    moulint::lint::lint_file_with(path, catalog, references(), &options)
}

/// Checks one decoded file against the bundled templates.
pub fn lint_source(source: SourceFile, catalog: &Catalog) -> FileReport {
    moulint::lint::lint_source(source, catalog, references())
}

/// Checks one decoded file against the given templates.
pub fn lint_source_with(source: SourceFile, catalog: &Catalog, set: &TemplateSet) -> FileReport {
    moulint::lint::lint_source(source, catalog, &References::new(set))
}

/// Runs a driver of `tests/browser/` (`site.mjs`, `report.mjs`) with its
/// arguments and reads the JSON it prints. `None` when Chromium or the
/// driver is not installed (`.ci/run` installs both and sets
/// `MOULINT_BROWSER_TESTS=1`, which makes their absence a failure).
pub fn in_browser(script: &str, args: &[&Path]) -> Option<serde_json::Value> {
    let chromium = std::env::var("MOULINT_CHROMIUM").unwrap_or("/usr/bin/chromium".into());
    let driver = Path::new("tests/browser/node_modules/playwright-core");
    let required = std::env::var_os("MOULINT_BROWSER_TESTS").is_some();
    if !Path::new(&chromium).exists() || !driver.exists() {
        assert!(
            !required,
            "MOULINT_BROWSER_TESTS is set but {chromium} or {} is missing",
            driver.display()
        );
        eprintln!(
            "note: browser test skipped: install chromium and run `npm ci --prefix tests/browser`"
        );
        return None;
    }
    let run = std::process::Command::new("node")
        .arg(format!("tests/browser/{script}"))
        .args(args)
        .env("MOULINT_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    assert!(
        run.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some(
        serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{script} prints JSON: {e}")),
    )
}
