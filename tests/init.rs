//! `moulint init` and `moulint templates` as users run them.

mod common;

use std::path::Path;

use assert_cmd::Command;
use moulint::catalog::PackKind;
use serde_json::Value;

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.env("SOURCE_DATE_EPOCH", common_as_of());
    c
}

fn kinds() -> Vec<String> {
    common::catalog()
        .packs
        .iter()
        .map(|p| p.def.id.clone())
        .collect()
}

/// Runs `moulint check --format json` on a file: the file's report.
fn check(path: &Path) -> Value {
    let out = moulint()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    v["files"][0].clone()
}

/// Findings that are not placeholders: what `init` must never leave.
fn not_placeholders(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] != "placeholder")
        .map(|d| {
            format!(
                "{} ({}, {}): {}",
                d["id"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn init_to(path: &Path, templates: &str, extra: &[&str]) -> std::process::Output {
    moulint()
        .args(["init", "--template", templates])
        .args(["--mcp", "Golden Poppy Health Plan"])
        .args(["--party", "Sierra Vista Agency"])
        .args(["--county", "Alpine"])
        .args(extra)
        .arg("-o")
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn every_template_kind_initializes_to_a_draft_with_placeholders_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for kind in kinds() {
        let path = dir.path().join(format!("{kind}.md"));
        let out = init_to(&path, &kind, &[]);
        if !out.status.success() {
            failures.push(format!(
                "{kind}: init failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let report = check(&path);
        assert_eq!(report["templates"], serde_json::json!([kind]));
        let bad = not_placeholders(&report);
        if !bad.is_empty() {
            failures.push(format!("{kind}:\n  {}", bad.join("\n  ")));
        }
        let ds = report["diagnostics"].as_array().unwrap();
        if ds.is_empty() || report["verdict"] != "incomplete" {
            failures.push(format!(
                "{kind}: expected open slots and an `incomplete` verdict, got {}",
                report["verdict"]
            ));
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for gone in ["moulint:", "[MCP Name]", "[Party Name]", "[County]"] {
            if text.contains(gone) {
                failures.push(format!("{kind}: `{gone}` left in the draft"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_front_matter_is_filled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.md");
    let out = init_to(&path, "base", &["--county", "Mono"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let base = common::catalog().pack("base").unwrap();
    let first_type = &base.def.entity_types[0].id;
    let version = common::templates()
        .get("base")
        .and_then(|t| t.version.clone())
        .or_else(|| base.def.version.clone())
        .unwrap_or_default();
    for line in [
        "---\ntemplate: base\n".to_string(),
        format!("template_version: \"{version}\"\n"),
        "mcp: Golden Poppy Health Plan\n".into(),
        format!("other_party:\n  name: Sierra Vista Agency\n  type: {first_type}\n"),
        "counties: [Alpine, Mono]\n".into(),
        "effective_date: upon execution\nstatus: draft\n---\n".into(),
    ] {
        assert!(text.contains(&line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn combined_and_multi_plan_drafts_check_clean_but_for_placeholders() {
    let bespoke: Vec<String> = common::catalog()
        .packs
        .iter()
        .filter(|p| p.def.kind == PackKind::Bespoke)
        .map(|p| p.def.id.clone())
        .take(2)
        .collect();
    let templates = if bespoke.len() == 2 {
        bespoke.join(",")
    } else {
        "base".to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("combined.md");
    let out = init_to(&path, &templates, &["--mcp", "Blue Oak Health"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("mcps:\n  - Golden Poppy Health Plan\n  - Blue Oak Health\n"),
        "{text}"
    );
    // Each plan gets its own signature block.
    assert!(text.contains("**Golden Poppy Health Plan**"), "{text}");
    assert!(text.contains("**Blue Oak Health**"), "{text}");
    let report = check(&path);
    let bad = not_placeholders(&report);
    assert!(bad.is_empty(), "{templates}:\n{}", bad.join("\n"));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mou.md");
    std::fs::write(&path, "my own draft\n").unwrap();
    let out = init_to(&path, "base", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own draft\n");
    assert_eq!(entries(dir.path()), ["mou.md"]);
}

#[test]
fn init_force_replaces_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mou.md");
    std::fs::write(&path, "my own draft\n").unwrap();
    let out = init_to(&path, "base", &["--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("---\ntemplate: base\n"));
    let fresh = dir.path().join("new.md");
    assert!(init_to(&fresh, "base", &[]).status.success());
    assert_eq!(entries(dir.path()), ["mou.md", "new.md"]);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn init_without_output_prints_the_draft() {
    let out = moulint()
        .args([
            "init", "-t", "base", "--mcp", "A Plan", "--party", "B Agency", "--county", "Alpine",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("---\ntemplate: base\n"), "{text}");
    assert!(text.contains("between A Plan"), "{text}");
    // A permitted variation starts as the template's own choice.
    assert!(text.contains("shall meet within ten (10)\n"), "{text}");
    assert!(!text.contains("[at most:"), "{text}");
}

#[test]
fn bad_arguments_exit_two_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    let out = init_to(&path, "bsae", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `base`?"));
    let out = init_to(&path, "base", &["--party-type", "continuum-of-cair"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `continuum-of-care`?"));
    assert!(!path.exists());
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn templates_lists_every_kind_with_entity_types_and_roles() {
    let out = moulint().arg("templates").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let catalog = common::catalog();
    for p in &catalog.packs {
        assert!(
            text.contains(&format!("\n{}  {}\n", p.def.id, p.def.title)),
            "{}",
            p.def.id
        );
        for e in &p.def.entity_types {
            assert!(text.contains(&e.id), "{}", e.id);
        }
    }
    assert!(text.contains("MCP Responsible Person (designated by the MCP"));
    assert!(text.contains("Third-Party Responsible Person (designated by the other party"));
    let out = moulint()
        .args(["templates", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), catalog.packs.len());
    let base = arr.iter().find(|t| t["id"] == "base").unwrap();
    let roles: Vec<&str> = base["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        ["mcp-responsible-person", "party-responsible-person"]
    );
}

#[test]
fn the_summary_counts_what_check_lists() {
    let dir = tempfile::tempdir().unwrap();
    for (i, templates) in ["base", "ccw,ihss"].iter().enumerate() {
        let path = dir.path().join(format!("d{i}.md"));
        let out = init_to(&path, templates, &["--county", "Mono"]);
        assert!(out.status.success());
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        let report = check(&path);
        let listed = |note: bool| {
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["id"] == "doc.placeholder")
                .filter(|d| d["message"].as_str().unwrap().starts_with("drafting note") == note)
                .count()
        };
        // A role's placeholder contacts are labels of its one finding.
        let role_slots: usize = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["id"] == "doc.role" && d["kind"] == "placeholder")
            .map(|d| d["labels"].as_array().unwrap().len())
            .sum();
        let expected = format!(
            ": {} slots to fill and {} drafting notes to remove;",
            listed(false) + role_slots,
            listed(true)
        );
        assert!(
            said.contains(&expected),
            "{templates}: {said} vs {expected}"
        );
    }
}

#[test]
fn a_county_with_a_comma_stays_one_county() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.md");
    let out = init_to(&path, "base", &["--county", "Mono, CA"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("counties: [Alpine, \"Mono, CA\"]\n"),
        "{text}"
    );
    assert!(not_placeholders(&check(&path)).is_empty());
}

#[cfg(unix)]
#[test]
fn force_keeps_the_replaced_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mou.md");
    std::fs::write(&path, "my own draft\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(init_to(&path, "base", &["--force"]).status.success());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(entries(dir.path()), ["mou.md"]);
}

#[test]
fn several_counties_read_in_the_plural_and_still_match_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("multi.md");
    let out = init_to(&path, "base", &["--county", "Mono"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("live in Alpine and Mono Counties."), "{text}");
    assert!(!text.contains("Alpine and Mono County"));
    // Written in the plural (or edited so), the draft changes no template word.
    let report = check(&path);
    assert_eq!(not_placeholders(&report), Vec::<String>::new());
}

#[test]
fn a_one_county_draft_edited_for_two_counties_and_two_plans_changes_no_template_word() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.md");
    assert!(init_to(&path, "base", &[]).status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    // The user adds a county and a plan by hand, writing the plural where
    // the names are several.
    let mcp = "Golden Poppy Health Plan";
    let two_plans = format!("{mcp} and Blue Oak Health");
    assert!(text.contains("counties: [Alpine]\n"), "{text}");
    let edited = text
        .replacen("counties: [Alpine]\n", "counties: [Alpine, Mono]\n", 1)
        .replacen(
            &format!("mcp: {mcp}\n"),
            &format!("mcps:\n  - {mcp}\n  - Blue Oak Health\n"),
            1,
        )
        .replace("Alpine County", "Alpine and Mono Counties")
        .replacen(
            &format!("between {mcp}"),
            &format!("between {two_plans}"),
            1,
        )
        .replacen(
            &format!("**{mcp}**  \n"),
            &format!(
                "**Blue Oak Health**  \nBy: ____  \nName: [Name]  \nTitle: [Title]  \nDate: \
                 [Date]\n\n**{mcp}**  \n"
            ),
            1,
        );
    assert_ne!(edited, text);
    assert!(edited.contains("mcps:"), "{edited}");
    std::fs::write(&path, &edited).unwrap();
    let report = check(&path);
    assert_eq!(not_placeholders(&report), Vec::<String>::new());
}

#[test]
fn a_bespoke_draft_omits_the_base_only_note_and_a_base_draft_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let note = "Use this Base template only";
    for (kind, kept) in [("base", true), ("mhp", false), ("ccw,ihss", false)] {
        let path = dir.path().join(format!("{}.md", kind.replace(',', "-")));
        assert!(init_to(&path, kind, &[]).status.success());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.contains(note), kept, "{kind}");
        assert!(
            !text.contains("moulint: base-only"),
            "{kind}: the mark is not copied"
        );
    }
}

#[test]
fn outline_names_kinds_in_words() {
    let out = moulint()
        .args(["outline", "fixtures/base/complete.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 Definitions  (heading, level 2)"), "{text}");
    assert!(
        text.contains("4.1 MCP Services  (numbered section)"),
        "{text}"
    );
    assert!(!text.contains('{') && !text.contains("Heading("), "{text}");
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
