//! `moulint baseline write` and `moulint check --baseline`: a baselined
//! finding stays baselined when lines are inserted above it, a new one is
//! reported, a fixed one is listed as no longer found, and the verdict is
//! the same with or without the baseline.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = run(dir, &[&["check", "--format", "json"], args].concat());
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (v, out.status.code().unwrap())
}

#[test]
fn baseline_round_trip_survives_inserted_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let original = std::fs::read_to_string("fixtures/redline/altered.md").unwrap();
    std::fs::write(dir.path().join("a.md"), &original).unwrap();
    let out = run(dir.path(), &["baseline", "write", "base.json", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    let entries = written["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 8, "{written}");
    assert!(entries.iter().all(|e| e["path"] == "a.md"));
    assert!(!written.to_string().contains("\"line\""), "no line numbers");
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");

    // Lines inserted above the findings: still baselined.
    let shifted = original.replacen(
        "# Memorandum of Understanding\n",
        "# Memorandum of Understanding\n\n<!-- reviewed by counsel -->\n\n",
        1,
    );
    assert_ne!(shifted, original);
    std::fs::write(dir.path().join("a.md"), &shifted).unwrap();
    let (v, code) = json(dir.path(), &["a.md", "--baseline", "base.json"]);
    let f = &v["files"][0];
    assert_eq!(f["diagnostics"], serde_json::json!([]), "{f}");
    assert_eq!(f["suppressed"].as_array().unwrap().len(), 8);
    assert!(f["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["by"] == "baseline"));
    assert_eq!(
        f["verdict"], "redline",
        "a baseline never changes a verdict"
    );
    assert_eq!(v["baseline"]["matched"], 8);
    assert_eq!(v["baseline"]["stale"], serde_json::json!([]));
    assert_eq!(code, 0, "nothing new");
    let (_, code) = json(
        dir.path(),
        &[
            "a.md",
            "--baseline",
            "base.json",
            "--fail-on-verdict",
            "redline",
        ],
    );
    assert_eq!(code, 1);

    // One finding fixed, one new: the new one is reported, the fixed one
    // listed as no longer found.
    let edited = shifted
        .replacen(
            "or their liaisons, may meet at",
            "or their liaisons, shall meet at",
            1,
        )
        .replacen(
            "# Memorandum of Understanding\n",
            "# Memorandum of Understanding\n\nBetween [MCP Name] and the County.\n",
            1,
        );
    std::fs::write(dir.path().join("a.md"), &edited).unwrap();
    let (v, code) = json(dir.path(), &["a.md", "--baseline", "base.json"]);
    let f = &v["files"][0];
    let new: Vec<&str> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(new.contains(&"doc.placeholder"), "{new:?}");
    assert_eq!(code, 1);
    let stale = v["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["id"], "doc.altered");
    assert!(stale[0]["message"].as_str().unwrap().contains("weakened"));
    let out = run(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "a.md",
            "--baseline",
            "base.json",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  baseline base.json: 7 findings in it, 1 entry no longer found"),
        "{text}"
    );
}

#[test]
fn a_broken_baseline_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/redline/clean.md", dir.path().join("a.md")).unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"version\": 1}").unwrap();
    let out = run(dir.path(), &["check", "a.md", "--baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: baseline b.json:"));
    let out = run(dir.path(), &["check", "a.md", "--baseline", "none.json"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
