//! Records after signing kept beside the draft: the sidecar
//! `NAME.records.yaml` and the posted copy (`posted_copy`), through the
//! command line, at a fixed as-of date.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn check(args: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .args(["check", "--format", "json", "--as-of", "2025-12-15"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "stdout is JSON; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap())
}

/// `(id, kind, line, message)` of a file's findings whose id starts with
/// `prefix`.
fn findings(f: &Value, prefix: &str) -> Vec<(String, String, u64, String)> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"].as_str().unwrap().starts_with(prefix))
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A draft like `fixtures/life/no-records.md` with `extra` added to its
/// front matter, written with `sidecar` (when given) beside it.
fn draft_with(dir: &Path, extra: &str, sidecar: Option<&[u8]>) -> String {
    let text = std::fs::read_to_string("fixtures/life/no-records.md").unwrap();
    let text = text.replacen(
        "status: executed\n",
        &format!("status: executed\n{extra}"),
        1,
    );
    let md = dir.join("alpine.md");
    std::fs::write(&md, text).unwrap();
    if let Some(s) = sidecar {
        std::fs::write(dir.join("alpine.records.yaml"), s).unwrap();
    }
    md.display().to_string()
}

#[test]
fn sidecar_records_are_read_and_findings_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let md = draft_with(
        dir.path(),
        "",
        Some(b"# records\nmeetings:\n  - 2025-02-12\n  - 2025-08-20\n  - 2025-11-05\nposted: {url: https://example.org/a.pdf, date: 2025-01-15}\n"),
    );
    let (v, code) = check(&[&md]);
    assert_eq!(code, 0, "{v:#}");
    let f = &v["files"][0];
    // Q2 2025 has no meeting: the finding points at `status` (line 11 of
    // the draft) and names the sidecar's `meetings` key.
    let life = findings(f, "life.");
    assert_eq!(life.len(), 1, "{life:#?}");
    let (id, kind, line, message) = &life[0];
    assert_eq!(
        (id.as_str(), kind.as_str(), *line),
        ("life.quarterly-meeting", "missing", 11)
    );
    assert!(
        message.ends_with(&format!(
            "({}:2:1)",
            dir.path().join("alpine.records.yaml").display()
        )),
        "{message}"
    );
}

#[test]
fn a_sidecar_with_a_yaml_error_is_one_finding_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let md = draft_with(
        dir.path(),
        "",
        Some(b"meetings:\n  - 2025-02-12\n  - [oops\n"),
    );
    let (v, code) = check(&[&md]);
    assert_eq!(code, 1, "{v:#}");
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "incomplete");
    let fm = findings(f, "doc.front-matter");
    assert_eq!(fm.len(), 1, "{fm:#?}");
    let side = dir.path().join("alpine.records.yaml").display().to_string();
    assert!(fm[0].3.starts_with(&format!("{side}:")), "{fm:#?}");
    assert!(fm[0].3.contains("not valid YAML"), "{fm:#?}");
    assert_eq!(fm[0].2, 11);
    // Bytes that are not UTF-8: a finding too, never a panic.
    let md = draft_with(dir.path(), "", Some(b"meetings: [\xff]\n"));
    let (v, _) = check(&[&md]);
    let fm = findings(&v["files"][0], "doc.front-matter");
    assert!(
        fm[0].3.contains("cannot be read: it is not valid UTF-8"),
        "{fm:#?}"
    );
}

#[test]
fn a_key_in_both_places_is_one_clear_finding() {
    let dir = tempfile::tempdir().unwrap();
    let md = draft_with(
        dir.path(),
        "meetings: [2025-02-12, 2025-05-14, 2025-08-20, 2025-11-05]\n",
        Some(b"meetings: [2025-02-12]\n"),
    );
    let (v, _) = check(&[&md]);
    let f = &v["files"][0];
    let fm = findings(f, "doc.front-matter");
    assert_eq!(fm.len(), 1, "{fm:#?}");
    assert_eq!(fm[0].2, 12, "at the front matter's `meetings` key");
    assert!(
        fm[0].3.contains("both in the front matter and in"),
        "{fm:#?}"
    );
    assert!(fm[0].3.contains("the front matter's is used"), "{fm:#?}");
    // The front matter's meetings were used: no quarter is missing.
    assert!(findings(f, "life.quarterly-meeting").is_empty());
}

#[test]
fn walking_a_directory_skips_sidecars_silently() {
    let dir = tempfile::tempdir().unwrap();
    draft_with(dir.path(), "", Some(b"meetings: [2025-02-12]\n"));
    let (v, _) = check(&[dir.path().to_str().unwrap()]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v:#}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("alpine.md"));
    assert_eq!(v["skipped"], serde_json::json!([]), "{v:#}");
}

#[test]
fn posted_copies_are_read_relative_to_the_mou() {
    let dir = "fixtures/rules/life.posting";
    let (v, _) = check(&[
        &format!("{dir}/trigger-posted-copy-signed.md"),
        &format!("{dir}/trigger-posted-copy-unreadable.md"),
        &format!("{dir}/trigger-sidecar.md"),
        &format!("{dir}/pass-posted-copy.md"),
    ]);
    let files = v["files"].as_array().unwrap();
    let signed = findings(&files[0], "life.posting");
    assert_eq!(signed.len(), 1);
    assert_eq!(
        signed[0].3,
        "the posted copy fixtures/rules/life.posting/posted/signed.md still shows signatures: \
         line 14 `By: Dana Whitaker`, line 19 `By: signature`"
    );
    let unreadable = findings(&files[1], "life.posting");
    assert_eq!(
        unreadable[0].3,
        "the posted copy fixtures/rules/life.posting/posted/nowhere.md cannot be read: it does not exist"
    );
    let side = findings(&files[2], "life.posting");
    assert_eq!(side.len(), 2, "{side:#?}");
    assert!(
        side[1]
            .3
            .contains("has signature lines left blank: line 14"),
        "{side:#?}"
    );
    assert!(
        side[1]
            .3
            .ends_with("(fixtures/rules/life.posting/trigger-sidecar.records.yaml:4:14)"),
        "{side:#?}"
    );
    assert!(findings(&files[3], "life.posting").is_empty());
}
