//! `moulint check` as CI runs it: every `--format` over the same two files
//! (one snapshot each), consumers reading SARIF and JUnit, fingerprints that
//! survive edits above a finding, `--output`, `--statistics`, `--quiet`,
//! and the exit policy flags over drafts of each verdict.
//!
//! The run: `fixtures/redline/altered.md` (a redline: changed and moved
//! provisions, skipped numbers, additions) and `fixtures/emit/utf16.md` (a
//! complete draft with one added sentence holding a slot after `é` and
//! `𝐀`, a character of two UTF-16 code units, so SARIF's columns differ
//! from the character columns of the other formats).

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const RUN: &[&str] = &["fixtures/redline/altered.md", "fixtures/emit/utf16.md"];
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.env("SOURCE_DATE_EPOCH", common_as_of());
    c
}

fn check(args: &[&str]) -> Output {
    moulint().arg("check").args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The output of one format over the run, with the tool version redacted.
fn render(format: &str) -> String {
    let out = check(&[&["--format", format, "--color", "never"], RUN].concat());
    assert_eq!(out.status.code(), Some(1), "the run holds errors");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
        .replace(
            &format!("\"version\": \"{VERSION}\""),
            "\"version\": \"[version]\"",
        )
        .replace(
            &format!("\"semanticVersion\": \"{VERSION}\""),
            "\"semanticVersion\": \"[version]\"",
        )
        .replace(
            &format!("\"version\":\"{VERSION}\""),
            "\"version\":\"[version]\"",
        )
}

#[test]
fn snapshot_of_each_format() {
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
    ] {
        insta::assert_snapshot!(format!("format_{format}"), render(format));
    }
}

#[test]
fn full_is_the_human_format() {
    assert_eq!(render("full"), render("human"));
}

/// The findings of the run as the JSON report has them, in order.
fn json_findings() -> Vec<Value> {
    let v: Value = serde_json::from_str(&render("json")).unwrap();
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn sarif_columns_count_utf16_code_units() {
    let sarif: Value = serde_json::from_str(&render("sarif")).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let slot = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "doc.placeholder")
        .expect("the slot of utf16.md");
    let region = &slot["locations"][0]["physicalLocation"]["region"];
    let text = std::fs::read_to_string("fixtures/emit/utf16.md").unwrap();
    let line = text.lines().nth(21).unwrap();
    let at = line.find("[insert address]").unwrap();
    let before = &line[..at];
    assert!(before.chars().count() < before.encode_utf16().count());
    assert_eq!(region["startLine"], 22);
    assert_eq!(region["startColumn"], before.encode_utf16().count() + 1);
    assert_eq!(
        region["endColumn"],
        before.encode_utf16().count() + "[insert address]".len() + 1
    );
    // The other formats count characters, as the JSON report does.
    let concise = render("concise");
    let expected = format!("fixtures/emit/utf16.md:22:{}:", before.chars().count() + 1);
    assert!(concise.contains(&expected), "{concise}");
}

fn python() -> bool {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a Python program over `input` (its standard input) and returns
/// what it prints.
fn run_python(program: &str, input: &str) -> String {
    let out = Command::new("python3")
        .args(["-c", program])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Checks the SARIF 2.1.0 structure a code-scanning service reads, and
/// prints the levels of the results.
const SARIF_CHECK: &str = r#"
import json, sys
log = json.load(sys.stdin)
assert log["version"] == "2.1.0", log["version"]
assert log["$schema"].endswith("sarif-2.1.0.json")
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "moulint" and driver["version"]
rules = driver["rules"]
ids = [r["id"] for r in rules]
assert ids == sorted(set(ids)), ids
for r in rules:
    assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
    assert r["help"]["text"] and r["help"]["markdown"]
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
used = set()
levels = []
for res in run["results"]:
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    used.add(res["ruleId"])
    assert res["level"] in ("error", "warning", "note")
    levels.append(res["level"])
    assert res["message"]["text"]
    assert res["suppressions"] == []
    fp = res["partialFingerprints"]["moulint/v1"]
    assert len(fp) == 16 and int(fp, 16) >= 0
    (loc,) = res["locations"]
    phys = loc["physicalLocation"]
    uri = phys["artifactLocation"]["uri"]
    assert uri and not uri.startswith("/") and " " not in uri
    assert run["artifacts"][phys["artifactLocation"]["index"]]["location"]["uri"] == uri
    reg = phys.get("region")
    if reg:
        assert 1 <= reg["startLine"] <= reg["endLine"]
        assert reg["startColumn"] >= 1 and reg["endColumn"] >= 1
        if reg["startLine"] == reg["endLine"]:
            assert reg["startColumn"] <= reg["endColumn"]
assert used == set(ids), (used, ids)
verdicts = {v["path"]: v["verdict"] for v in run["properties"]["verdicts"]}
print(json.dumps({"levels": levels, "verdicts": verdicts}))
"#;

#[test]
fn sarif_reads_as_sarif_2_1_0() {
    if !python() {
        eprintln!("note: python3 not found; the SARIF structure check is skipped");
        return;
    }
    let read: Value = serde_json::from_str(&run_python(SARIF_CHECK, &render("sarif"))).unwrap();
    let expected: Vec<String> = json_findings()
        .iter()
        .map(|d| match d["severity"].as_str().unwrap() {
            "info" => "note".to_string(),
            s => s.to_string(),
        })
        .collect();
    assert_eq!(read["levels"], serde_json::json!(expected));
    assert_eq!(read["verdicts"][RUN[0]], "redline");
    assert_eq!(read["verdicts"][RUN[1]], "incomplete");
}

/// Reads SARIF with sarif-tools (the `sarif` package) and prints the tool,
/// each record (file, line, severity, rule) and the counts per severity.
const SARIF_READ: &str = r#"
import json, sys, tempfile
from sarif import loader
with tempfile.NamedTemporaryFile("w", suffix=".sarif", delete=False) as f:
    f.write(sys.stdin.read())
log = loader.load_sarif_file(f.name)
report = log.get_report()
print(json.dumps({
    "tools": log.get_distinct_tool_names(),
    "records": [[r["Location"], r["Line"], r["Severity"], r["Code"]] for r in log.get_records()],
    "counts": {s: report.get_issue_count_for_severity(s) for s in report.get_severities()},
}))
"#;

#[test]
fn sarif_reads_with_sarif_tools() {
    let available = python()
        && std::process::Command::new("python3")
            .args(["-c", "import sarif.loader"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("note: python3 with sarif-tools not found; the SARIF reader check is skipped");
        return;
    }
    let read: Value = serde_json::from_str(&run_python(SARIF_READ, &render("sarif"))).unwrap();
    assert_eq!(read["tools"], serde_json::json!(["moulint"]));
    let records = read["records"].as_array().unwrap();
    // The same findings the JSON report has, at the same lines.
    let json: Value = serde_json::from_str(&render("json")).unwrap();
    let expected: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(records.len(), expected);
    assert!(records
        .iter()
        .any(|r| r[0] == RUN[0] && r[1] == 175 && r[2] == "error" && r[3] == "doc.altered"));
    assert_eq!(read["counts"]["error"], json["summary"]["errors"]);
}

/// Reads JUnit XML with junitparser and prints, per suite, its name, the
/// verdict property and its failing cases.
const JUNIT_READ: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromstring(sys.stdin.buffer.read())
out = []
for suite in xml:
    props = {p.name: p.value for p in suite.properties()}
    failed = [case.name for case in suite if any(isinstance(r, Failure) for r in case.result)]
    out.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                "verdict": props["verdict"], "failed": failed,
                "cases": [case.name for case in suite]})
print(json.dumps(out))
"#;

#[test]
fn junit_reads_with_junitparser() {
    let available = python()
        && std::process::Command::new("python3")
            .args(["-c", "import junitparser"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("note: python3 with junitparser not found; the JUnit check is skipped");
        return;
    }
    let suites: Value = serde_json::from_str(&run_python(JUNIT_READ, &render("junit"))).unwrap();
    let suites = suites.as_array().unwrap();
    assert_eq!(suites.len(), 2);
    let altered = &suites[0];
    assert_eq!(altered["name"], RUN[0]);
    assert_eq!(altered["verdict"], "redline");
    assert_eq!(
        altered["failed"],
        serde_json::json!(["base.quarterly-meetings", "base.dispute-resolution"])
    );
    assert_eq!(altered["failures"], 2);
    let cases = altered["cases"].as_array().unwrap();
    assert_eq!(altered["tests"], cases.len());
    assert!(cases.iter().any(|c| c == "base.referrals"));
    assert!(cases.iter().any(|c| c == "doc.structure"));
    let utf16 = &suites[1];
    assert_eq!(utf16["verdict"], "incomplete");
    assert_eq!(utf16["failed"], serde_json::json!(["doc.placeholder"]));
}

#[test]
fn junit_of_a_clean_draft_has_one_passing_check_case() {
    let out = check(&["fixtures/base/complete.md", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert!(xml.contains("failures=\"0\""), "{xml}");
    assert_eq!(xml.matches("<testcase name=\"document checks\"").count(), 1);
    assert!(!xml.contains("<failure"));
}

/// `(id, fingerprint, line)` of each finding, by `json-lines`.
fn prints(dir: &Path, name: &str) -> Vec<(String, String, Value)> {
    let out = moulint()
        .current_dir(dir)
        .args(["check", name, "--format", "json-lines"])
        .output()
        .unwrap();
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["fingerprint"].as_str().unwrap().to_string(),
                v["line"].clone(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("fixtures/redline/altered.md").unwrap();
    std::fs::write(dir.path().join("draft.md"), &text).unwrap();
    let before = prints(dir.path(), "draft.md");
    assert!(before.len() > 3);
    let mut seen: Vec<&String> = before.iter().map(|(_, fp, _)| fp).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), before.len(), "one fingerprint per finding");
    // Two blank lines after the first heading move every finding down.
    let heading = text.find("\n# ").unwrap() + 1;
    let heading_end = heading + text[heading..].find('\n').unwrap() + 1;
    let moved = format!("{}\n\n{}", &text[..heading_end], &text[heading_end..]);
    std::fs::write(dir.path().join("draft.md"), moved).unwrap();
    let after = prints(dir.path(), "draft.md");
    assert_eq!(after.len(), before.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1), "same finding, same fingerprint");
        if let (Some(lb), Some(la)) = (b.2.as_u64(), a.2.as_u64()) {
            assert_eq!(la, lb + 2, "the finding moved down");
        }
    }
    // SARIF and GitLab carry the same fingerprints.
    let out = moulint()
        .current_dir(dir.path())
        .args(["check", "draft.md", "--format", "gitlab"])
        .output()
        .unwrap();
    let gitlab: Value = serde_json::from_slice(&out.stdout).unwrap();
    let from_gitlab: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let from_lines: Vec<&str> = after.iter().map(|(_, fp, _)| fp.as_str()).collect();
    assert_eq!(from_gitlab, from_lines);
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("fixtures/emit/utf16.md").unwrap();
    std::fs::write(dir.path().join("a,b:c.md"), text).unwrap();
    let out = moulint()
        .current_dir(dir.path())
        .args(["check", "a,b:c.md", "--format", "github"])
        .output()
        .unwrap();
    let s = stdout(&out);
    let slot = s
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("the slot is an error annotation");
    assert!(
        slot.starts_with("::error file=a%2Cb%3Ac.md,line=22,col=35,"),
        "{slot}"
    );
    assert!(
        slot.contains(",title=doc.placeholder (placeholder)::"),
        "{slot}"
    );
    assert!(
        slot.contains("%0Ahelp: "),
        "the help on its own line: {slot}"
    );
    assert!(s.contains("::notice file=a%2Cb%3Ac.md,"), "{s}");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moulint.sarif");
    std::fs::write(&file, "old").unwrap();
    let out = check(&[
        RUN[0],
        "--format",
        "sarif",
        "--force",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("wrote ") && stderr.contains("1 redline"),
        "{stderr}"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
    // A directory cannot be written over: a write error, exit 2.
    let out = check(&[RUN[0], "--output", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn statistics_count_findings_per_id() {
    let out = check(&[&["--statistics"], RUN].concat());
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().take(3).collect::<Vec<_>>(),
        ["4", "doc.altered", "info"]
    );
    assert!(s.contains("3  doc.structure    warning  Section numbering and references"));
    assert!(lines
        .last()
        .unwrap()
        .starts_with("checked 2 files: 3 errors"));
    let out = check(&[&["--statistics", "--format", "json"], RUN].concat());
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let total: u64 = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, json_findings().len());
    assert_eq!(rows[0]["title"].as_str().map(str::is_empty), Some(false));
    // Not with a format that has no place for it.
    assert_eq!(
        check(&[RUN[0], "--statistics", "--format", "sarif"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn quiet_prints_only_the_summary_line() {
    let out = check(&[&["--quiet"], RUN].concat());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "checked 2 files: 3 errors, 3 warnings, 4 notes; 1 incomplete, 1 redline (as of 2025-12-15)\n"
    );
    assert_eq!(
        check(&[RUN[0], "-q", "--format", "json"]).status.code(),
        Some(2)
    );
}

/// Drafts of each verdict, with what they hold.
const CLEAN: &str = "fixtures/base/complete.md"; // file-and-use, nothing
const WARNING: &str = "fixtures/rules/doc.template-version/trigger.md"; // file-and-use, one warning
const NOTE: &str = "fixtures/rules/doc.altered/trigger-added.md"; // file-and-use, one note
const REDLINE: &str = "fixtures/redline/altered.md"; // redline, errors
const INCOMPLETE: &str = "fixtures/rules/doc.placeholder/trigger.md"; // incomplete, errors
const INVALID: &str = "fixtures/rules/doc.encoding/trigger.md"; // invalid, one error

fn code(file: &str, flags: &[&str]) -> i32 {
    check(&[&[file, "--format", "concise"], flags].concat())
        .status
        .code()
        .unwrap()
}

#[test]
fn the_drafts_of_the_matrix_have_their_verdicts() {
    for (file, verdict, errors, warnings, infos) in [
        (CLEAN, "file-and-use", 0, 0, 0),
        (WARNING, "file-and-use", 0, 1, 0),
        (NOTE, "file-and-use", 0, 0, 1),
        (INCOMPLETE, "incomplete", 25, 0, 0),
        (INVALID, "invalid", 1, 0, 0),
    ] {
        let out = check(&[file, "--format", "json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["files"][0]["verdict"], verdict, "{file}");
        assert_eq!(v["summary"]["errors"], errors, "{file}");
        if file != INCOMPLETE {
            assert_eq!(v["summary"]["warnings"], warnings, "{file}");
            assert_eq!(v["summary"]["infos"], infos, "{file}");
        }
    }
    let out = check(&[REDLINE, "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "redline");
}

#[test]
fn exit_codes_follow_the_severity_policy() {
    let files = [CLEAN, WARNING, NOTE, REDLINE, INCOMPLETE, INVALID];
    // Each row: flags, then the exit code for each file above.
    let matrix: &[(&[&str], [i32; 6])] = &[
        (&[], [0, 0, 0, 1, 1, 1]),
        (&["--fail-on", "error"], [0, 0, 0, 1, 1, 1]),
        (&["--fail-on", "warning"], [0, 1, 0, 1, 1, 1]),
        (&["--fail-on", "info"], [0, 1, 1, 1, 1, 1]),
        (&["--fail-on", "never"], [0, 0, 0, 0, 0, 0]),
        (&["--exit-zero"], [0, 0, 0, 0, 0, 0]),
        (&["--fail-on", "info", "--exit-zero"], [0, 0, 0, 0, 0, 0]),
    ];
    for (flags, codes) in matrix {
        let got: Vec<i32> = files.iter().map(|f| code(f, flags)).collect();
        assert_eq!(got, codes, "{flags:?}");
    }
}

#[test]
fn exit_codes_follow_the_verdict_policy() {
    let files = [CLEAN, WARNING, REDLINE, INCOMPLETE, INVALID];
    let matrix: &[(&str, [i32; 5])] = &[
        ("unverified", [0, 0, 1, 1, 1]),
        ("redline", [0, 0, 1, 1, 1]),
        ("incomplete", [0, 0, 0, 1, 1]),
        ("invalid", [0, 0, 0, 0, 1]),
    ];
    for (verdict, codes) in matrix {
        let got: Vec<i32> = files
            .iter()
            .map(|f| code(f, &["--fail-on-verdict", verdict]))
            .collect();
        assert_eq!(got, codes, "--fail-on-verdict {verdict}");
    }
    // Several files: the worst verdict counts.
    assert_eq!(
        check(&[CLEAN, INCOMPLETE, "--fail-on-verdict", "incomplete"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        code(INVALID, &["--fail-on-verdict", "invalid", "--exit-zero"]),
        0
    );
}

#[test]
fn exit_policy_usage_errors_exit_two() {
    for flags in [
        &["--fail-on", "fatal"][..],
        &["--fail-on-verdict", "file-and-use"],
        &["--fail-on", "warning", "--fail-on-verdict", "redline"],
    ] {
        assert_eq!(code(CLEAN, flags), 2, "{flags:?}");
    }
    // A usage error exits 2 even with --exit-zero.
    assert_eq!(
        check(&["no-such-draft.md", "--exit-zero"]).status.code(),
        Some(2)
    );
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
