//! Every template kind has a complete draft under fixtures/templates/ that
//! holds all its provisions and roles, and fixtures/realistic/ holds
//! complete drafts in other house styles: no finding may say otherwise.

mod common;

use std::path::PathBuf;

use common::lint_file;
use moulint::diagnostic::{Kind, Severity};
use moulint::emit;
use moulint::verdict::Verdict;

fn complete_drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir("fixtures/templates").unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    // Drafts written in other house styles, not from our reference text.
    for f in std::fs::read_dir("fixtures/realistic").unwrap() {
        out.push(f.unwrap().path());
    }
    out.sort();
    out
}

#[test]
fn every_kind_has_a_complete_draft() {
    let catalog = common::catalog();
    let drafts = complete_drafts();
    for id in catalog.template_ids().filter(|id| *id != "base") {
        let p = PathBuf::from(format!("fixtures/templates/{id}/complete.md"));
        assert!(drafts.contains(&p), "no complete draft for template `{id}`");
    }
}

#[test]
fn complete_drafts_are_file_and_use_or_unverified() {
    let catalog = common::catalog();
    let mut failures = Vec::new();
    for p in complete_drafts() {
        let r = lint_file(&p, catalog);
        let bad: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error || matches!(d.kind, Kind::Missing | Kind::Incomplete)
            })
            .map(|d| format!("{} {}: {}", d.id, d.kind.as_str(), d.message))
            .collect();
        // Drafts in other house styles do not follow our reference text, so
        // their wording is not compared: the verdict says so.
        let expected = if p.starts_with("fixtures/realistic") {
            Verdict::Unverified
        } else {
            Verdict::FileAndUse
        };
        if r.verdict != expected || !bad.is_empty() {
            failures.push(format!("{}: {} {bad:#?}", p.display(), r.verdict.as_str()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn combined_drafts_report_which_template_requires_what() {
    let catalog = common::catalog();
    let text = std::fs::read_to_string("fixtures/templates/combined/mhp-dmc-ods.md").unwrap();
    // Remove the DMC-ODS ADT clause: the finding must name dmc-ods only,
    // and a Base provision shared by both templates is required by both.
    let start = text
        .find("Admission, Discharge and Transfer")
        .or_else(|| text.find("ADT"))
        .expect("ADT clause");
    let para_start = text[..start].rfind("\n\n").unwrap();
    let para_end = start + text[start..].find("\n\n").unwrap();
    let cut = format!("{}{}", &text[..para_start], &text[para_end..]);
    let r = common::lint_source(
        moulint::source::SourceFile::new("combined.md", cut),
        catalog,
    );
    let adt = r
        .diagnostics
        .iter()
        .find(|d| d.provision.as_deref() == Some("dmc-ods.adt"))
        .expect("dmc-ods.adt reported");
    assert_eq!(adt.templates, vec!["dmc-ods".to_string()]);
    let required = catalog.required(&["mhp".to_string(), "dmc-ods".to_string()]);
    let shared = required
        .iter()
        .find(|r| r.provision.id() == "base.dispute-resolution")
        .unwrap();
    assert_eq!(
        shared.templates,
        vec!["mhp".to_string(), "dmc-ods".to_string()]
    );
    assert_eq!(
        required
            .iter()
            .filter(|r| r.provision.id() == "base.dispute-resolution")
            .count(),
        1
    );
}

#[test]
fn complete_draft_snapshots() {
    let catalog = common::catalog();
    for p in complete_drafts() {
        let r = lint_file(&p, catalog);
        let name = p
            .strip_prefix("fixtures")
            .unwrap()
            .with_extension("")
            .to_string_lossy()
            .replace('/', "__");
        let reports = [r];
        insta::assert_snapshot!(
            name,
            emit::human::render(
                &reports,
                emit::human::Style {
                    color: false,
                    width: 100
                }
            )
        );
    }
}
