//! The command line as users run it: exit codes, formats, many files.

use assert_cmd::Command;
use serde_json::Value;

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.env("SOURCE_DATE_EPOCH", common_as_of());
    c
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = moulint()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    (v, out.status.code().unwrap())
}

const COMPLETE: &str = "fixtures/base/complete.md";

#[test]
fn complete_base_draft_is_file_and_use_and_exits_zero() {
    let (v, code) = json(&[COMPLETE]);
    assert_eq!(code, 0, "{v:#}");
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "file-and-use", "{v:#}");
    assert_eq!(f["templates"], serde_json::json!(["base"]));
    let errors: Vec<&Value> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn findings_exit_one_and_follow_the_json_contract() {
    let (v, code) = json(&["fixtures/rules/doc.placeholder/trigger.md"]);
    assert_eq!(code, 1);
    let f = &v["files"][0];
    assert_eq!(f["path"], "fixtures/rules/doc.placeholder/trigger.md");
    assert_eq!(f["verdict"], "incomplete");
    let d = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "doc.placeholder" && d["span"]["line"] == 20)
        .expect("slot on line 20");
    assert_eq!(d["kind"], "placeholder");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].is_string() && d["help"].is_string());
    // Optional fields are present, and null when they do not apply.
    assert!(d["element"].is_null() && d.get("element").is_some());
    // The span is byte-exact in the original file.
    let text = std::fs::read_to_string("fixtures/rules/doc.placeholder/trigger.md").unwrap();
    let off = d["span"]["offset"].as_u64().unwrap() as usize;
    let len = d["span"]["length"].as_u64().unwrap() as usize;
    assert_eq!(&text[off..off + len], "[MCP Name]");
    assert_eq!(d["span"]["column"], 21);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn element_findings_name_the_pack_element() {
    let (v, _) = json(&["fixtures/rules/base.contacts.change-notice/trigger-ten-days.md"]);
    let d = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "base.contacts.change-notice")
        .expect("the out-of-bounds deadline");
    assert_eq!(d["kind"], "incomplete");
    assert_eq!(d["element"], "deadline");
    assert_eq!(d["provision"], "base.contacts.change-notice");
}

#[test]
fn a_bad_file_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("signed.docx");
    std::fs::write(&docx, b"PK\x03\x04\x14\x00word/document.xml").unwrap();
    let (v, code) = json(&[
        docx.to_str().unwrap(),
        "fixtures/rules/doc.encoding/trigger.md",
        COMPLETE,
    ]);
    assert_eq!(code, 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    // A Word file gets one finding that says how to convert it.
    assert_eq!(files[0]["verdict"], "invalid");
    assert_eq!(files[0]["diagnostics"].as_array().unwrap().len(), 1);
    let d = &files[0]["diagnostics"][0];
    assert_eq!(d["id"], "doc.encoding");
    assert!(d["message"].as_str().unwrap().contains("a Word document"));
    assert!(d["help"].as_str().unwrap().contains("pandoc"));
    assert!(d["span"].is_null());
    assert_eq!(files[1]["verdict"], "invalid");
    let d = &files[1]["diagnostics"][0];
    assert_eq!(d["id"], "doc.encoding");
    assert_eq!(d["span"]["line"], 9);
    let bytes = std::fs::read("fixtures/rules/doc.encoding/trigger.md").unwrap();
    assert_eq!(bytes[d["span"]["offset"].as_u64().unwrap() as usize], 0x92);
    assert_eq!(files[2]["verdict"], "file-and-use");
    assert_eq!(v["summary"]["invalid"], 2);
}

#[test]
fn directories_are_walked_for_markdown_in_order() {
    let (v, _) = json(&["fixtures/rules/doc.dates"]);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 5);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.iter().all(|p| p.ends_with(".md")));
}

#[test]
fn human_output_underlines_and_summarizes() {
    let out = moulint()
        .args([
            "check",
            "--color",
            "never",
            "fixtures/rules/doc.template-unknown/trigger.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(!s.contains('\u{1b}'), "no colour codes with --color never");
    assert!(s.contains("unknown template `bsae`"));
    assert!(s.contains("did you mean `base`?"));
    assert!(s.contains("fixtures/rules/doc.template-unknown/trigger.md:2:"));
    assert!(s.contains("checked 1 file:"));
    assert!(s.contains("incomplete   fixtures/rules/doc.template-unknown/trigger.md"));
}

#[test]
fn color_always_colors() {
    let out = moulint()
        .args([
            "check",
            "--color",
            "always",
            "fixtures/rules/doc.template-unknown/trigger.md",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn usage_errors_exit_two() {
    moulint().arg("check").assert().code(2);
    moulint()
        .args(["check", "--format", "xml", COMPLETE])
        .assert()
        .code(2);
    moulint().arg("frobnicate").assert().code(2);
    let out = moulint()
        .args(["explain", "base.dispute-resolutoin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("did you mean `base.dispute-resolution`?"));
}

#[test]
fn an_empty_directory_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    moulint().arg("check").arg(dir.path()).assert().code(2);
}

#[test]
fn empty_and_odd_files_are_findings_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let tabs = dir.path().join("tabs.md");
    std::fs::write(
        &tabs,
        "---\ntemplate:\tbase\n---\n#\tTitle\n\n\t\tindented code\n",
    )
    .unwrap();
    let only_fence = dir.path().join("fence.md");
    std::fs::write(&only_fence, "---").unwrap();
    let (v, code) = json(&[
        empty.to_str().unwrap(),
        tabs.to_str().unwrap(),
        only_fence.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let ids = |f: &Value| {
        f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(ids(&files[0]).contains(&"doc.front-matter".to_string()));
    assert_eq!(files[0]["verdict"], "incomplete");
    assert_eq!(files[2]["verdict"], "invalid");
}

#[test]
fn huge_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    let mut text = std::fs::read_to_string(COMPLETE).unwrap();
    let filler = "The parties keep records of the work under this MOU. ".repeat(20) + "\n\n";
    for _ in 0..3000 {
        text.push_str(&filler);
    }
    std::fs::write(&big, &text).unwrap();
    let (v, _) = json(&[big.to_str().unwrap()]);
    assert_eq!(v["files"][0]["verdict"], "file-and-use");
}

#[test]
fn rules_lists_checks_and_provisions() {
    let out = moulint().arg("rules").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for id in [
        "doc.front-matter",
        "doc.placeholder",
        "doc.dates",
        "doc.structure",
        "doc.template-unknown",
        "doc.encoding",
        "base.dispute-resolution",
        "base.optional.closed-loop-referrals",
    ] {
        assert!(s.contains(id), "{id} missing from `moulint rules`");
    }
}

#[test]
fn explain_prints_the_documentation() {
    for id in ["base.quarterly-meetings", "doc.dates"] {
        let out = moulint().args(["explain", id]).output().unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        for heading in [
            "## What it checks",
            "## Why the state's review cares",
            "## Example",
            "## How to fix",
        ] {
            assert!(s.contains(heading), "{id}: {heading} missing in\n{s}");
        }
    }
}

#[test]
fn a_missing_path_is_a_usage_error_and_an_unreadable_input_exits_one() {
    for args in [
        &["check", "does/not/exist.md"][..],
        &["check", COMPLETE, "does/not/exist.md"],
        &["outline", "does/not/exist.md"],
        &["redline", "does/not/exist.md"],
        &["template", "import", "does/not/exist.md", "--id", "base"],
    ] {
        let out = moulint().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "error: does/not/exist.md does not exist\n",
            "{args:?}"
        );
    }
    let out = moulint()
        .args(["outline", "fixtures/rules/doc.encoding/trigger.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: cannot read fixtures/rules/doc.encoding/trigger.md: not valid UTF-8 (line 9, column 8)\n"
    );
}

#[test]
fn a_repository_walk_skips_files_that_are_not_drafts_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(COMPLETE, dir.path().join("alpine.md")).unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# Our MOUs\n\nDrafts live here.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("CHANGELOG.md"),
        "---\ntitle: Changes\n---\n\n# Changelog\n",
    )
    .unwrap();
    let out = moulint()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v:#}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("alpine.md"));
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2);
    assert!(skipped[0].ends_with("CHANGELOG.md") && skipped[1].ends_with("README.md"));
    assert_eq!(v["summary"]["skipped"], 2);
    // The human summary has one line for them.
    let out = moulint().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("skipped 2 Markdown files").count(),
        1,
        "{text}"
    );

    // Named on the command line, a README gets one finding, not twenty.
    let (v, code) = json(&[dir.path().join("README.md").to_str().unwrap()]);
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["id"], "doc.front-matter");
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("not an MOU draft"));
    assert_eq!(v["files"][0]["provisions"], serde_json::json!([]));
    assert_eq!(code, 1);
}

#[test]
fn standard_input_is_checked_under_the_given_name() {
    let out = moulint()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "drafts/alpine.md",
            "-",
        ])
        .write_stdin(std::fs::read(COMPLETE).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "drafts/alpine.md");
    assert_eq!(v["files"][0]["verdict"], "file-and-use");
    // Without a name it is `<stdin>`; bad bytes are a finding with a span.
    let out = moulint()
        .args(["check", "--format", "json", "-"])
        .write_stdin(b"---\ntemplate: base\n---\n\xff\n".to_vec())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(v["files"][0]["verdict"], "invalid");
    assert_eq!(v["files"][0]["diagnostics"][0]["span"]["offset"], 23);
    let out = moulint().args(["check", "-", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn template_import_refuses_to_overwrite_and_a_template_with_an_unknown_id_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        moulint()
            .args([
                "template",
                "import",
                "rules/templates/base.md",
                "--id",
                "base",
                "--out",
            ])
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8(again.stderr)
        .unwrap()
        .contains("already exists: pass --force"));
    assert_eq!(run(&["--force"]).status.code(), Some(0));

    let path = dir.path().join("base.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("provision base.term -->", "provision base.terms -->"),
    )
    .unwrap();
    let out = moulint()
        .args(["check", "--templates"])
        .arg(dir.path())
        .arg(COMPLETE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("tags `base.terms`, which is no provision (did you mean `base.term`?)"),
        "{err}"
    );
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}

/// An executed MOU with no records: the `life.*` checks report what was
/// not done after signing, as warnings that leave the verdict alone; the
/// as-of date is in both summaries; `--fail-on warning` gates on them.
#[test]
fn executed_mou_records_are_judged_as_of_a_day() {
    let executed = "fixtures/life/no-records.md";
    let (v, code) = json(&[executed, "--as-of", "2025-10-15"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["as_of"], "2025-10-15");
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "file-and-use", "{v:#}");
    let life: Vec<(String, String)> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"].as_str().unwrap().starts_with("life."))
        .inspect(|d| {
            assert_eq!(d["severity"], "warning");
            assert_eq!(d["decides"], Value::Null);
        })
        .map(|d| {
            (
                d["id"].as_str().unwrap().into(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    // Effective 2025-01-01: Q1 to Q3 2025 are over, none has a meeting; no
    // annual review is due yet; nothing is posted.
    let ids: Vec<&str> = life.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(
        ids,
        [
            "life.posting",
            "life.quarterly-meeting",
            "life.quarterly-meeting",
            "life.quarterly-meeting"
        ],
        "{life:#?}"
    );
    assert!(life[3].1.contains("Q3 2025"), "{life:#?}");
    // A year later the review is overdue too.
    let (v, _) = json(&[executed, "--as-of", "2026-01-15"]);
    let f = &v["files"][0];
    assert!(f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == "life.annual-review"));
    // The human summary names the day; --fail-on warning fails the run.
    let out = moulint()
        .args(["check", executed, "--as-of", "2025-10-15", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.trim_end().ends_with("(as of 2025-10-15)"), "{text}");
    let out = moulint()
        .args([
            "check",
            executed,
            "--as-of",
            "2025-10-15",
            "--fail-on",
            "warning",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Without --as-of, the day is today (here SOURCE_DATE_EPOCH's).
    let (v, _) = json(&[executed]);
    assert_eq!(v["summary"]["as_of"], "2025-12-15");
    // A day that does not exist is a usage error.
    let out = moulint()
        .args(["check", executed, "--as-of", "2025-02-30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a real date"));
}
