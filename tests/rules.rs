//! Data-driven rule tests over `fixtures/rules/<id>/` (see
//! `fixtures/README.md`). Each fixture states what it must produce in
//! directives:
//!
//! ```text
//! <!-- expect: base.referrals incomplete element=party-refers line=15 -->
//! <!-- expect-none: base.referrals -->
//! ```
//!
//! The findings of the fixture's rule (id or provision equal to the
//! directory's name), as `(id, kind, element, line)`, must be exactly the
//! expected multiset. One fixture or rule runs alone with
//! `MOULINT_FIXTURE=base.referrals/trigger-one-way cargo test --test rules`
//! (the variable is matched against `<id>/<file stem>`, as a substring).
//!
//! Each rule also has one human snapshot: its trigger fixtures' findings.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::lint_file;
use moulint::directives::{self, DirectiveKind, Expectation};
use moulint::emit;
use moulint::lint::FileReport;

/// One fixture: its rule id (the directory), path and `<id>/<stem>` name.
struct Fixture {
    id: String,
    path: PathBuf,
    name: String,
    file: String,
}

fn all_fixtures() -> Vec<Fixture> {
    let root = Path::new("fixtures/rules");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root).expect("fixtures/rules exists") {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&dir).unwrap() {
            let path = f.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let stem = path.file_stem().unwrap().to_string_lossy();
                out.push(Fixture {
                    name: format!("{id}/{stem}"),
                    file: path.file_name().unwrap().to_string_lossy().to_string(),
                    id: id.clone(),
                    path,
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.id, &a.file).cmp(&(&b.id, &b.file)));
    out
}

/// The fixtures `MOULINT_FIXTURE` selects (all when unset).
fn fixtures() -> Vec<Fixture> {
    let all = all_fixtures();
    assert!(!all.is_empty(), "no fixtures under fixtures/rules");
    let Ok(only) = std::env::var("MOULINT_FIXTURE") else {
        return all;
    };
    let picked: Vec<Fixture> = all.into_iter().filter(|f| f.name.contains(&only)).collect();
    assert!(
        !picked.is_empty(),
        "MOULINT_FIXTURE={only} names no fixture"
    );
    picked
}

fn check(path: &Path) -> FileReport {
    lint_file(path, common::catalog())
}

/// The finding is about the rule `id`.
fn of_rule(d: &moulint::diagnostic::Diagnostic, id: &str) -> bool {
    d.id == id || d.provision.as_deref() == Some(id)
}

/// 1-based line of byte `offset` in the file.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// An expectation as its directive would say it.
fn show(e: &Expectation) -> String {
    let mut s = format!("expect: {} {}", e.id, e.kind.as_str());
    if let Some(el) = &e.element {
        let _ = write!(s, " element={el}");
    }
    if let Some(l) = e.line {
        let _ = write!(s, " line={l}");
    }
    s
}

/// What a fixture's directives say: expected findings and ids that must
/// have none, or the problems with the directives themselves.
struct Stated {
    expected: Vec<Expectation>,
    none: Vec<String>,
    problems: Vec<String>,
}

/// Reads the directives of a fixture. The whole file is read (not only the
/// body after the front matter), so that a fixture whose front matter never
/// closes can still state its expectation; bytes that are not UTF-8 are
/// replaced, which keeps every line number.
fn stated(f: &Fixture, bytes: &[u8]) -> Stated {
    let text = String::from_utf8_lossy(bytes);
    let mut s = Stated {
        expected: Vec::new(),
        none: Vec::new(),
        problems: Vec::new(),
    };
    for d in directives::parse(&text, 0) {
        let line = line_of(text.as_bytes(), d.span.offset);
        match d.kind {
            DirectiveKind::Expect(e) => s.expected.push(e),
            DirectiveKind::ExpectNone { id } => s.none.push(id),
            // A malformed suppression is the draft's text under test
            // (`doc.suppression` reports it), not a fixture's mistake.
            DirectiveKind::Malformed { text, .. } if text.starts_with("moulint-") => {}
            DirectiveKind::Malformed { text, error } => s.problems.push(format!(
                "line {line}: malformed directive `{text}`: {error}"
            )),
            DirectiveKind::Moulint { .. } | DirectiveKind::Suppress(_) => {}
        }
    }
    if s.expected.is_empty() && s.none.is_empty() {
        s.problems
            .push("no `expect:` or `expect-none:` directive".to_string());
    }
    if f.file.starts_with("trigger") && s.expected.is_empty() {
        s.problems
            .push("a trigger fixture needs at least one `expect:` directive".to_string());
    }
    if f.file.starts_with("pass") {
        if !s.expected.is_empty() {
            s.problems
                .push("a pass fixture must state no `expect:` directive".to_string());
        }
        if !s.none.contains(&f.id) {
            s.problems
                .push(format!("a pass fixture must state `expect-none: {}`", f.id));
        }
    }
    if !f.file.starts_with("trigger") && !f.file.starts_with("pass") {
        s.problems
            .push("fixture names start with `trigger` or `pass`".to_string());
    }
    for id in &s.none {
        if s.expected.iter().any(|e| &e.id == id) {
            s.problems
                .push(format!("`expect-none: {id}` contradicts an `expect: {id}`"));
        }
    }
    s
}

/// The findings of the fixture's rule as expectations, in report order.
fn got(f: &Fixture, report: &FileReport, bytes: &[u8]) -> Vec<Expectation> {
    report
        .diagnostics
        .iter()
        .filter(|d| of_rule(d, &f.id))
        .map(|d| Expectation {
            id: d.id.clone(),
            kind: d.kind,
            element: d.element.clone(),
            line: d.span.map(|s| line_of(bytes, s.offset)),
        })
        .collect()
}

/// `a` less `b`, as multisets.
fn minus(a: &[Expectation], b: &[Expectation]) -> Vec<Expectation> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for e in a {
        match rest.iter().position(|r| r == e) {
            Some(i) => {
                rest.swap_remove(i);
            }
            None => out.push(e.clone()),
        }
    }
    out
}

/// Everything wrong with one fixture; empty when it holds.
fn verify(f: &Fixture) -> Vec<String> {
    let bytes = std::fs::read(&f.path).expect("fixture reads");
    let s = stated(f, &bytes);
    let mut problems = s.problems;
    let report = check(&f.path);
    let got = got(f, &report, &bytes);
    for e in minus(&s.expected, &got) {
        problems.push(format!("expected, not found: {}", show(&e)));
    }
    for e in minus(&got, &s.expected) {
        problems.push(format!("found, not expected: {}", show(&e)));
    }
    for id in &s.none {
        let n = report.diagnostics.iter().filter(|d| of_rule(d, id)).count();
        if n > 0 && id != &f.id {
            problems.push(format!("expect-none: {id}, but {n} such finding(s)"));
        }
    }
    if !problems.is_empty() && !got.is_empty() {
        let mut all = String::from("all findings of the rule:");
        for e in &got {
            let _ = write!(all, "\n      {}", show(e));
        }
        problems.push(all);
    }
    problems
}

#[test]
fn every_rule_fixture_produces_exactly_what_it_states() {
    let all = fixtures();
    let mut failures = Vec::new();
    for f in &all {
        let problems = verify(f);
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({}):\n    {}",
                f.path.display(),
                f.name,
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from their directives \
         (run one alone with MOULINT_FIXTURE=<id>/<stem>):\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_check_and_provision_has_fixtures_both_ways() {
    let all = all_fixtures();
    let catalog = common::catalog();
    let mut ids: Vec<String> = moulint::checks::CHECKS
        .iter()
        .map(|c| c.meta.id.to_string())
        .filter(|id| id.contains('.'))
        .collect();
    ids.extend(
        catalog
            .packs
            .iter()
            .flat_map(|p| p.provisions.iter().map(|v| v.id().to_string())),
    );
    let mut lacking = Vec::new();
    for id in ids {
        let names: Vec<&str> = all
            .iter()
            .filter(|f| f.id == id)
            .map(|f| f.file.as_str())
            .collect();
        if !names.iter().any(|n| n.starts_with("trigger"))
            || !names.iter().any(|n| n.starts_with("pass"))
        {
            lacking.push(id);
        }
    }
    assert!(
        lacking.is_empty(),
        "rules without a trigger and a pass fixture: {lacking:?}"
    );
}

/// One snapshot per rule: the human report of its trigger fixtures, in
/// file-name order, showing only that rule's findings. The closing summary
/// is left out: its verdicts come from every finding, not the rule's (the
/// emitter's own snapshots in `tests/emit.rs` cover it). Pass fixtures have
/// no snapshot; their directives already say they produce nothing.
#[test]
fn rule_snapshots() {
    // `MOULINT_FIXTURE` picks rules here: a snapshot holds all their triggers.
    let rules: Vec<String> = fixtures().into_iter().map(|f| f.id).collect();
    let mut by_rule: BTreeMap<String, Vec<FileReport>> = BTreeMap::new();
    for f in all_fixtures() {
        if !f.file.starts_with("trigger") || !rules.contains(&f.id) {
            continue;
        }
        let mut report = check(&f.path);
        report.diagnostics.retain(|d| of_rule(d, &f.id));
        by_rule.entry(f.id.clone()).or_default().push(report);
    }
    let mut failed = Vec::new();
    for (id, reports) in &by_rule {
        let style = emit::human::Style {
            color: false,
            width: 100,
        };
        let human = emit::human::render(reports, style);
        let findings = human
            .strip_suffix(&emit::human::summary(&emit::Run::new(reports)))
            .expect("the summary closes the report")
            .replace(
                &format!("moulint {}", env!("CARGO_PKG_VERSION")),
                "moulint [version]",
            );
        // Keep going past a mismatch, so that one run lists every rule.
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::assert_snapshot!(id.as_str(), findings)
        }));
        if ok.is_err() {
            failed.push(id.clone());
        }
    }
    assert!(failed.is_empty(), "snapshots differ for: {failed:?}");
}
