//! `moulint check --cache`: a report read back says what checking the
//! file again says, and anything the report depends on that changes (the
//! draft, its sidecar records, the day judged, how it is checked) makes
//! the file checked again.

mod common;

use std::path::Path;

use assert_cmd::Command;
use moulint::lint::FileReport;
use serde_json::Value;

struct Run {
    json: Value,
    code: i32,
    stderr: String,
}

/// `check --format json`, as of 2025-12-15 unless `args` say.
fn check(args: &[&str]) -> Run {
    let mut cmd = Command::cargo_bin("moulint").unwrap();
    cmd.args(["check", "--format", "json"]);
    if !args.contains(&"--as-of") {
        cmd.args(["--as-of", "2025-12-15"]);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("stdout is JSON; stderr: {stderr}"));
    Run {
        json,
        code: out.status.code().unwrap(),
        stderr,
    }
}

/// How many reports the run read back from the cache.
fn cached(r: &Run) -> u64 {
    r.json["summary"]["cached"]
        .as_u64()
        .expect("a cached count")
}

/// The run's output without the cache's count: what checking said.
fn said(r: &Run) -> Value {
    let mut v = r.json.clone();
    v["summary"].as_object_mut().unwrap().remove("cached");
    v
}

/// A directory with two drafts: a complete Base draft and one whose
/// quarterly meetings became optional.
fn two_drafts(dir: &Path) -> (String, String) {
    let complete = std::fs::read_to_string("fixtures/base/complete.md").unwrap();
    let a = dir.join("a.md");
    let b = dir.join("b.md");
    std::fs::write(&a, &complete).unwrap();
    std::fs::write(&b, weakened(&complete)).unwrap();
    (a.display().to_string(), b.display().to_string())
}

/// The draft with its first "shall meet" made "may meet".
fn weakened(text: &str) -> String {
    assert!(text.contains("shall meet"), "the fixture states meetings");
    text.replacen("shall meet", "may meet", 1)
}

fn verdicts(r: &Run) -> Vec<String> {
    r.json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["verdict"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_second_run_reads_every_report_back_and_says_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_drafts(dir.path());
    let cache = dir.path().join("cache").display().to_string();
    let uncached = check(&[&a, &b]);
    assert!(uncached.json["summary"].get("cached").is_none());
    let first = check(&["--cache-dir", &cache, &a, &b]);
    let second = check(&["--cache-dir", &cache, &a, &b]);
    assert_eq!((cached(&first), cached(&second)), (0, 2));
    assert_eq!(said(&second), uncached.json);
    assert_eq!(said(&first), uncached.json);
    assert_eq!(second.code, uncached.code);
    assert_eq!(verdicts(&second), ["file-and-use", "redline"]);
    // The human summary says so.
    let human = Command::cargo_bin("moulint")
        .unwrap()
        .args([
            "check",
            "--as-of",
            "2025-12-15",
            "--cache-dir",
            &cache,
            &a,
            &b,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("2 reports read back from the cache"),
        "{text}"
    );
}

#[test]
fn the_cache_directory_is_made_ignored_by_git_and_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_drafts(dir.path());
    let cache = dir.path().join("nested/cache");
    check(&["--cache-dir", &cache.display().to_string(), &a]);
    let ignore = std::fs::read_to_string(cache.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    let tag = std::fs::read_to_string(cache.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
}

#[test]
fn entries_of_other_builds_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_drafts(dir.path());
    let cache = dir.path().join("cache");
    check(&["--cache-dir", &cache.display().to_string(), &a]);
    let old = cache.join("0.0.9-0123456789abcdef");
    std::fs::create_dir_all(old.join("ab")).unwrap();
    std::fs::write(old.join("ab/cd.json"), "{}").unwrap();
    let notes = cache.join("notes");
    std::fs::create_dir(&notes).unwrap();
    // A changed draft is a new entry: the write prunes.
    std::fs::write(&a, weakened(&std::fs::read_to_string(&a).unwrap())).unwrap();
    check(&["--cache-dir", &cache.display().to_string(), &a]);
    assert!(!old.exists(), "another build's entries are gone");
    assert!(notes.is_dir(), "a directory not named like a build's stays");
    let builds = std::fs::read_dir(&cache)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(builds, 2, "this build's and notes/");
}

#[test]
fn a_changed_draft_is_checked_again_and_only_it() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_drafts(dir.path());
    let cache = dir.path().join("cache").display().to_string();
    check(&["--cache-dir", &cache, &a, &b]);
    let text = std::fs::read_to_string(&a).unwrap();
    std::fs::write(&a, weakened(&text)).unwrap();
    let after = check(&["--cache-dir", &cache, &a, &b]);
    assert_eq!(cached(&after), 1);
    assert_eq!(verdicts(&after), ["redline", "redline"]);
    assert_eq!(said(&after), check(&[&a, &b]).json);
}

#[test]
fn another_day_or_another_way_of_checking_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_drafts(dir.path());
    let cache = dir.path().join("cache").display().to_string();
    check(&["--cache-dir", &cache, &a]);
    let later = check(&["--cache-dir", &cache, "--as-of", "2027-01-02", &a]);
    assert_eq!(cached(&later), 0, "another as-of day");
    let all = check(&["--cache-dir", &cache, "--no-inline-suppressions", &a]);
    assert_eq!(cached(&all), 0, "--no-inline-suppressions");
    let again = check(&["--cache-dir", &cache, &a]);
    assert_eq!(cached(&again), 1, "the first way, kept");
}

#[test]
fn reference_templates_that_change_make_every_file_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_drafts(dir.path());
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    for e in std::fs::read_dir("rules/templates").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, tpl.join(p.file_name().unwrap())).unwrap();
    }
    let t = tpl.display().to_string();
    let cache = dir.path().join("cache").display().to_string();
    check(&["--cache-dir", &cache, "--templates", &t, &a]);
    let kept = check(&["--cache-dir", &cache, "--templates", &t, &a]);
    assert_eq!(cached(&kept), 1);
    let base = tpl.join("base.md");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, weakened(&text)).unwrap();
    let changed = check(&["--cache-dir", &cache, "--templates", &t, &a]);
    assert_eq!(cached(&changed), 0, "the reference text changed");
    assert_eq!(said(&changed), check(&["--templates", &t, &a]).json);
    assert_ne!(said(&changed), said(&kept));
}

#[test]
fn records_beside_the_draft_that_appear_or_change_make_it_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("alpine.md");
    std::fs::copy("fixtures/life/no-records.md", &md).unwrap();
    let md = md.display().to_string();
    let cache = dir.path().join("cache").display().to_string();
    let meetings = |r: &Run| {
        r.json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["id"] == "life.quarterly-meeting")
            .count()
    };
    let before = check(&["--cache-dir", &cache, &md]);
    assert!(meetings(&before) > 0, "no meetings recorded");
    let sidecar = dir.path().join("alpine.records.yaml");
    std::fs::write(
        &sidecar,
        "meetings: [2025-01-20, 2025-04-21, 2025-07-21, 2025-10-20]\n",
    )
    .unwrap();
    let with_records = check(&["--cache-dir", &cache, &md]);
    assert_eq!(cached(&with_records), 0, "the sidecar appeared");
    assert_eq!(said(&with_records), check(&[&md]).json);
    assert!(meetings(&with_records) < meetings(&before));
    std::fs::write(&sidecar, "meetings: [2025-01-20]\n").unwrap();
    let changed = check(&["--cache-dir", &cache, &md]);
    assert_eq!(cached(&changed), 0, "the sidecar changed");
    assert_eq!(said(&changed), check(&[&md]).json);
    let kept = check(&["--cache-dir", &cache, &md]);
    assert_eq!(cached(&kept), 1);
}

#[test]
fn a_damaged_entry_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_drafts(dir.path());
    let cache = dir.path().join("cache");
    let first = check(&["--cache-dir", &cache.display().to_string(), &a, &b]);
    let mut damaged = 0;
    for entry in walk(&cache) {
        if entry.extension().is_some_and(|e| e == "json") {
            std::fs::write(&entry, "{\"consulted\": [], \"report\": {\"pa").unwrap();
            damaged += 1;
        }
    }
    assert_eq!(damaged, 2);
    let after = check(&["--cache-dir", &cache.display().to_string(), &a, &b]);
    assert_eq!(cached(&after), 0);
    assert_eq!(said(&after), said(&first));
    assert!(after.stderr.is_empty(), "{}", after.stderr);
}

#[test]
fn a_cache_that_cannot_be_written_is_one_warning_and_the_check_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_drafts(dir.path());
    let blocked = dir.path().join("not-a-directory");
    std::fs::write(&blocked, "a file where the cache would go\n").unwrap();
    let run = check(&["--cache-dir", &blocked.display().to_string(), &a, &b]);
    let uncached = check(&[&a, &b]);
    assert_eq!(said(&run), uncached.json);
    assert_eq!(run.code, uncached.code);
    assert_eq!(
        run.stderr
            .matches("warning: cannot write the cache")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&blocked).unwrap(),
        "a file where the cache would go\n"
    );
}

#[test]
fn walked_files_that_are_not_drafts_stay_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    two_drafts(&drafts);
    std::fs::write(drafts.join("README.md"), "# Notes\n\nNot a draft.\n").unwrap();
    let cache = dir.path().join("cache").display().to_string();
    let d = drafts.display().to_string();
    let first = check(&["--cache-dir", &cache, &d]);
    let second = check(&["--cache-dir", &cache, &d]);
    assert_eq!(cached(&second), 2, "the two drafts, not the README");
    assert_eq!(said(&second), said(&first));
    assert_eq!(second.json["summary"]["skipped"], 1);
}

#[test]
fn every_fixture_report_reads_back_as_it_was_written() {
    // A kept report must be the report: every field survives its JSON
    // (a field added to the report without it fails here).
    let mut read = 0;
    for path in walk(Path::new("fixtures")) {
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let report = common::lint_file(&path, common::catalog());
        let json = serde_json::to_string(&report).unwrap();
        let mut back: FileReport = serde_json::from_str(&json).unwrap();
        assert!(back.source.is_none(), "the source is the file's, not kept");
        back.source = report.source.clone();
        assert_eq!(
            format!("{back:?}"),
            format!("{report:?}"),
            "{}",
            path.display()
        );
        read += 1;
    }
    assert!(read > 400, "{read} fixtures");
}

#[test]
fn the_cache_inside_a_checked_directory_is_not_reported_left_out() {
    let dir = tempfile::tempdir().unwrap();
    two_drafts(dir.path());
    let d = dir.path().display().to_string();
    let cache = dir.path().join(".moulint-cache").display().to_string();
    check(&["--cache-dir", &cache, &d]);
    let second = check(&["--cache-dir", &cache, &d]);
    assert_eq!(cached(&second), 2);
    assert_eq!(second.json["left_out"], serde_json::json!([]));
    assert_eq!(second.json["summary"]["left_out"], 0);
    // Another hidden directory still is.
    std::fs::create_dir(dir.path().join(".drafts")).unwrap();
    std::fs::write(dir.path().join(".drafts/c.md"), "# c\n").unwrap();
    let third = check(&["--cache-dir", &cache, &d]);
    assert_eq!(third.json["summary"]["left_out"], 1);
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
