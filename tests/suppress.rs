//! Inline suppressions through the command line: with and without a
//! reason, unused, `--no-inline-suppressions`, and the verdict, which a
//! suppression leaves as it is unless it records the state's approval.
//!
//! The draft: `fixtures/redline/altered.md`, a redline with two
//! `doc.altered` errors (lines 175 and 250), edited in a temporary
//! directory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const ALTERED: &str = "fixtures/redline/altered.md";
const CLEAN: &str = "fixtures/redline/clean.md";

/// `fixture` with `comment` inserted as a line before each 1-based line of
/// `before` (of the original), in a fresh directory.
fn edited(fixture: &str, inserts: &[(usize, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let text = std::fs::read_to_string(fixture).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        for (at, comment) in inserts {
            if *at == i + 1 {
                out.push_str(comment);
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    let path = dir.path().join("draft.md");
    std::fs::write(&path, out).unwrap();
    (dir, path)
}

/// `moulint check --format json ARGS PATH`: the report and the exit code.
fn json(path: &Path, args: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["check", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (v, out.status.code().unwrap())
}

/// `(id, line)` of every reported finding of the first file with this id.
fn lines(v: &Value, id: &str) -> Vec<u64> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == id)
        .map(|d| d["span"]["line"].as_u64().unwrap_or(0))
        .collect()
}

fn errors_of(v: &Value, id: &str) -> usize {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == id && d["severity"] == "error")
        .count()
}

#[test]
fn a_suppressed_finding_is_listed_with_its_reason_and_still_decides_the_verdict() {
    let (_d, path) = edited(
        ALTERED,
        &[(
            175,
            "<!-- moulint-disable-next-line doc.altered -- the parties keep \"may\" -->",
        )],
    );
    let (v, code) = json(&path, &[]);
    let f = &v["files"][0];
    // Line 175 is now 176: the suppressed one is gone, the other stays.
    assert_eq!(errors_of(&v, "doc.altered"), 1);
    assert!(!lines(&v, "doc.altered").contains(&176));
    assert_eq!(f["verdict"], "redline");
    assert_eq!(code, 1, "the other doc.altered error still fails the run");
    let s = &f["suppressed"];
    assert_eq!(s.as_array().unwrap().len(), 1, "{s}");
    assert_eq!(s[0]["id"], "doc.altered");
    assert_eq!(s[0]["line"], 176);
    assert_eq!(s[0]["suppression_line"], 175);
    assert_eq!(s[0]["by"], "inline");
    assert_eq!(s[0]["reason"], "the parties keep \"may\"");
    assert_eq!(s[0]["approved_by_dhcs"], Value::Null);
    assert_eq!(s[0]["decides"], "redline");
    assert_eq!(s[0]["deciding"], true);
    assert_eq!(v["summary"]["suppressed"], 1);
    assert_eq!(v["summary"]["suppressed_deciding"], 1);
    assert!(lines(&v, "doc.suppression").is_empty());
}

#[test]
fn suppressing_every_mandatory_deviation_keeps_the_redline_unless_approved() {
    let hidden = edited(
        ALTERED,
        &[(
            12,
            "<!-- moulint-disable-file doc.altered -- reviewed by counsel -->",
        )],
    );
    let (v, code) = json(&hidden.1, &[]);
    assert_eq!(errors_of(&v, "doc.altered"), 0);
    assert_eq!(v["files"][0]["verdict"], "redline");
    assert_eq!(code, 0, "no error left to fail on");
    let (_, code) = json(&hidden.1, &["--fail-on-verdict", "redline"]);
    assert_eq!(code, 1, "the verdict gate still sees the redline");
    // The summary line explains the verdict.
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["check", "--color", "never"])
        .arg(&hidden.1)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\n  5 findings suppressed (2 still deciding the verdict);"),
        "{text}"
    );
    assert!(
        text.contains("before signing; 2 suppressed findings decide it)"),
        "{text}"
    );
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["check", "--format", "concise"])
        .arg(&hidden.1)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.lines().last().unwrap();
    assert!(
        summary.ends_with(
            "; 1 redline; 5 suppressed (2 still deciding the verdict) (as of 2025-12-15)"
        ),
        "{summary}"
    );

    let approved = edited(
        ALTERED,
        &[(
            12,
            "<!-- moulint-disable-file doc.altered -- approved-by-dhcs 2025-03-14: redline \
             approved with these changes -->",
        )],
    );
    let (v, code) = json(&approved.1, &["--fail-on-verdict", "redline"]);
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "file-and-use");
    assert_eq!(code, 0);
    assert_eq!(f["suppressed"][0]["approved_by_dhcs"], "2025-03-14");
    assert_eq!(f["suppressed"][0]["deciding"], false);
    assert_eq!(v["summary"]["suppressed_deciding"], 0);
}

#[test]
fn a_suppression_without_a_reason_suppresses_nothing_and_is_a_finding() {
    let (_d, path) = edited(
        ALTERED,
        &[(175, "<!-- moulint-disable-next-line doc.altered -->")],
    );
    let (v, code) = json(&path, &[]);
    assert_eq!(errors_of(&v, "doc.altered"), 2);
    assert_eq!(lines(&v, "doc.suppression"), [175]);
    assert_eq!(v["files"][0]["suppressed"], serde_json::json!([]));
    assert_eq!(v["files"][0]["verdict"], "redline");
    assert_eq!(code, 1);
}

#[test]
fn an_unused_suppression_is_a_finding_that_decides_nothing() {
    let (_d, path) = edited(
        CLEAN,
        &[(
            12,
            "<!-- moulint-disable doc.placeholder -- slots filled at signing -->",
        )],
    );
    let (v, code) = json(&path, &[]);
    let d = &v["files"][0]["diagnostics"];
    assert_eq!(lines(&v, "doc.suppression"), [12], "{d}");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["decides"], Value::Null);
    assert_eq!(v["files"][0]["verdict"], "file-and-use");
    assert_eq!(code, 0);
}

#[test]
fn no_inline_suppressions_reports_everything() {
    let (_d, path) = edited(
        ALTERED,
        &[
            (12, "<!-- moulint-disable-file doc.altered -- reviewed -->"),
            (175, "<!-- moulint-disable-next-line doc.structure -->"),
        ],
    );
    let (v, _) = json(&path, &["--no-inline-suppressions"]);
    assert_eq!(errors_of(&v, "doc.altered"), 2);
    assert!(lines(&v, "doc.suppression").is_empty());
    assert_eq!(v["summary"]["suppressed"], 0);
    let (v, _) = json(&path, &[]);
    assert_eq!(errors_of(&v, "doc.altered"), 0);
    assert_eq!(
        lines(&v, "doc.suppression"),
        [176],
        "the one without a reason"
    );
}

#[test]
fn sarif_lists_suppressed_results_with_their_justification() {
    let (_d, path) = edited(
        ALTERED,
        &[(
            175,
            "<!-- moulint-disable-next-line doc.altered -- the parties keep \"may\" -->",
        )],
    );
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["check", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| !r["suppressions"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["suppressions"],
        serde_json::json!([{"kind": "inSource", "justification": "the parties keep \"may\""}])
    );
    assert_eq!(
        suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        176
    );
    assert_eq!(suppressed[0]["properties"]["deciding"], true);
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
