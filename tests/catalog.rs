//! The bundled packs against the shared catalog of provision ids: ids are a
//! public interface, so every catalog provision must have a rule.

mod common;

use moulint::catalog::Catalog;
use moulint::yaml::{self, Value};

const CATALOG: &str = "../shared/domain/provisions.yaml";

fn catalog_ids() -> Vec<String> {
    let text = std::fs::read_to_string(CATALOG)
        .expect("../shared/domain/provisions.yaml beside the project");
    let root = yaml::parse(&text).expect("catalog parses");
    let Value::Map(templates) = &root.value else {
        panic!("catalog is a mapping")
    };
    let mut ids = Vec::new();
    for (_, t) in templates {
        for list in ["provisions", "optional"] {
            if let Some((_, items)) = t.get(list) {
                let Value::Seq(items) = &items.value else {
                    continue;
                };
                for item in items {
                    if let Some((_, id)) = item.get("id") {
                        ids.push(id.as_str().unwrap().to_string());
                    }
                }
            }
        }
    }
    ids
}

#[test]
fn every_catalog_provision_has_a_rule() {
    let packs = common::catalog();
    let ids = catalog_ids();
    assert!(ids.len() > 20, "read {} ids", ids.len());
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| packs.provision(id).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "catalog ids without a rule: {missing:?}"
    );
}

#[test]
fn every_catalog_template_kind_has_a_pack() {
    let packs = common::catalog();
    let text = std::fs::read_to_string(CATALOG).unwrap();
    let root = yaml::parse(&text).unwrap();
    let Value::Map(templates) = &root.value else {
        panic!()
    };
    for (k, _) in templates {
        let id = k.as_str().unwrap();
        assert!(packs.pack(id).is_some(), "no pack for template kind `{id}`");
    }
}

#[test]
fn document_checks_named_in_the_catalog_exist() {
    // Ids the catalog reserves for checks built later (suppressions, records
    // after signing, portfolios) are not required yet.
    let later = ["doc.suppression", "life.", "portfolio."];
    let text = std::fs::read_to_string(CATALOG).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start_matches('#').split_whitespace().next())
        .filter(|w| w.starts_with("doc.") || w.starts_with("life.") || w.starts_with("portfolio."))
        .collect();
    assert!(ids.contains(&"doc.front-matter"));
    for id in ids {
        if later.iter().any(|l| id.starts_with(l)) {
            continue;
        }
        assert!(
            moulint::checks::meta(id).is_some(),
            "catalog check `{id}` has no implementation"
        );
    }
}

#[test]
fn a_broken_pack_is_a_configuration_error() {
    let bad = [
        ("x", "id: x\ntitle: X\nkind: base\nprovisons: []\n"),
        ("y", "id: y\ntitle: Y\nkind: bespoke\nincludes: [nope]\n"),
        (
            "z",
            "id: z\ntitle: Z\nkind: base\nprovisions:\n  - id: z.a\n    title: A\n    summary: s\n    why: w\n    help: h\n    example: e\n    elements:\n      - id: e\n        description: d\n        patterns: ['(unclosed']\n",
        ),
        (
            "w",
            "id: w\ntitle: W\nkind: base\nprovisions:\n  - id: w.a\n    title: A\n    status: param\n    summary: s\n    why: w\n    help: h\n    example: e\n",
        ),
    ];
    for (name, text) in bad {
        let err = Catalog::from_sources([(name.to_string(), text.to_string())]).unwrap_err();
        assert_eq!(err.pack, name, "{err}");
    }
}

/// Every id a finding carries is in the rule registry, so the verdict and
/// `explain` know it (checked over every draft the project ships).
#[test]
fn every_finding_id_is_registered() {
    let catalog = common::catalog();
    let mut unknown = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                let report = common::lint_file(&p, catalog);
                for d in report.diagnostics {
                    if moulint::registry::decisions(catalog, &d.id).is_none() {
                        unknown.push(format!("{}: {}", p.display(), d.id));
                    }
                }
            }
        }
    }
    assert!(unknown.is_empty(), "unregistered finding ids: {unknown:#?}");
}

/// The bundled packs load without compiling their patterns (each compiles
/// on first use), so this test is what keeps every one of them valid.
#[test]
fn every_bundled_pattern_compiles() {
    let catalog = Catalog::bundled().unwrap();
    catalog.compile_all().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_pack_pattern_that_does_not_compile_names_its_provision_and_element() {
    let text = "id: z\ntitle: Z\nkind: base\ncitation: c\nprovisions:\n  - id: z.a\n    title: A\n    summary: s\n    why: w\n    help: h\n    example: e\n    elements:\n      - id: e\n        description: d\n        patterns: ['(unclosed']\n";
    let err = Catalog::from_sources([("z".to_string(), text.to_string())]).unwrap_err();
    assert_eq!(err.pack, "z");
    assert!(
        err.message
            .starts_with("z.a element e: pattern `(unclosed` does not compile"),
        "{}",
        err.message
    );
}
