//! Data-driven rule tests. Every directory `fixtures/rules/<id>/` holds
//! drafts named `trigger*.md`, which must produce at least one finding
//! with that id, and `pass*.md`, which must produce none. The human and
//! JSON output of every fixture is snapshotted.

use std::path::{Path, PathBuf};

use moulint::catalog::Catalog;
use moulint::emit;
use moulint::lint::{lint_file, FileReport};

fn fixtures() -> Vec<(String, PathBuf)> {
    let root = Path::new("fixtures/rules");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root).expect("fixtures/rules exists") {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "md") {
                out.push((id.clone(), f));
            }
        }
    }
    out.sort();
    out
}

fn check(path: &Path) -> FileReport {
    lint_file(path, Catalog::bundled().expect("bundled packs load"))
}

fn snapshot_name(path: &Path) -> String {
    path.strip_prefix("fixtures/rules")
        .unwrap()
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__")
}

#[test]
fn every_rule_fixture_triggers_or_passes_as_named() {
    let all = fixtures();
    assert!(!all.is_empty());
    let mut failures = Vec::new();
    for (id, path) in &all {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report = check(path);
        let hits = report
            .diagnostics
            .iter()
            .filter(|d| &d.id == id || d.provision.as_deref() == Some(id))
            .count();
        if name.starts_with("trigger") && hits == 0 {
            failures.push(format!(
                "{}: expected a `{id}` finding, got none",
                path.display()
            ));
        }
        if name.starts_with("pass") && hits > 0 {
            failures.push(format!(
                "{}: expected no `{id}` finding, got {hits}",
                path.display()
            ));
        }
        if !name.starts_with("trigger") && !name.starts_with("pass") {
            failures.push(format!(
                "{}: fixture names start with trigger or pass",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_check_and_provision_has_fixtures_both_ways() {
    let all = fixtures();
    let catalog = Catalog::bundled().unwrap();
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
        let names: Vec<String> = all
            .iter()
            .filter(|(d, _)| *d == id)
            .map(|(_, p)| p.file_name().unwrap().to_string_lossy().to_string())
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

/// Snapshots show only the findings of the fixture's own rule (a short
/// fixture also lacks most provisions; that noise belongs to other tests).
#[test]
fn rule_fixture_snapshots() {
    for (id, path) in fixtures() {
        let mut report = check(&path);
        report
            .diagnostics
            .retain(|d| d.id == id || d.provision.as_deref() == Some(id.as_str()));
        let name = snapshot_name(&path);
        let reports = [report];
        let human = emit::human::render(
            &reports,
            emit::human::Style {
                color: false,
                width: 100,
            },
        );
        insta::assert_snapshot!(format!("{name}__human"), human);
        insta::assert_snapshot!(format!("{name}__json"), emit::json::render(&reports));
    }
}
