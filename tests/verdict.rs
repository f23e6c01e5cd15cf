//! The verdict through the command line: it never contradicts the
//! findings, never claims what was not compared, follows the documented
//! order, and the README's table says what the registry does.

use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.env("SOURCE_DATE_EPOCH", common_as_of());
    c
}

const COMPLETE: &str = "fixtures/base/complete.md";

/// `moulint check --format json ARGS`: the first file's report and the
/// exit code.
fn check(args: &[&str]) -> (Value, i32) {
    let out = moulint()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (v["files"][0].clone(), out.status.code().unwrap())
}

/// The complete Base draft edited by `edit`, checked.
fn check_edited(edit: impl Fn(String) -> String) -> (Value, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.md");
    let text = std::fs::read_to_string(COMPLETE).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&path, edited).unwrap();
    check(&[path.to_str().unwrap()])
}

/// Removes the lines from the one starting with `from` up to (not
/// including) the next line starting with `until`.
fn cut(text: &str, from: &str, until: &str) -> String {
    let start = text.find(from).expect("start found");
    let end = start + text[start..].find(until).expect("end found");
    format!("{}{}", &text[..start], &text[end..])
}

/// `moulint rules --format json`: every rule with its decisions.
fn rules_json() -> Value {
    let out = moulint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `(id, kind, decides)` of every finding.
fn findings(f: &Value) -> Vec<(String, String, Option<String>)> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["decides"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_complete_draft_compared_with_every_template_is_file_and_use() {
    let (f, code) = check(&[COMPLETE]);
    assert_eq!(f["verdict"], "file-and-use", "{f:#}");
    assert_eq!(f["not_compared"], serde_json::json!([]));
    assert_eq!(code, 0);
}

#[test]
fn a_removed_mandatory_provision_is_a_redline() {
    let (f, code) = check_edited(|t| cut(&t, "## 6. Training", "## 7."));
    assert_eq!(f["verdict"], "redline", "{f:#}");
    assert!(findings(&f).contains(&(
        "base.training".into(),
        "missing".into(),
        Some("redline".into())
    )));
    assert_eq!(code, 1);
}

#[test]
fn a_role_not_designated_is_unfinished_not_a_redline() {
    let (f, _) = check_edited(|t| {
        t.lines()
            .filter(|l| !l.starts_with("| MCP Responsible Person |"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert_eq!(f["verdict"], "incomplete", "{f:#}");
    let role: Vec<_> = findings(&f)
        .into_iter()
        .filter(|(id, _, _)| id == "doc.role")
        .collect();
    assert_eq!(
        role,
        [(
            "doc.role".into(),
            "incomplete".into(),
            Some("incomplete".into())
        )]
    );
}

#[test]
fn unfinished_dates_are_incomplete() {
    let executed_undated = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("execution_date:"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let date = |v: &'static str| {
        move |t: String| {
            t.replace(
                "effective_date: 2025-01-01",
                &format!("effective_date: {v}"),
            )
        }
    };
    for (name, (f, code)) in [
        (
            "executed, no execution_date",
            check_edited(executed_undated),
        ),
        ("impossible date", check_edited(date("2025-02-30"))),
        ("US-style date", check_edited(date("03/15/2025"))),
        ("date in words", check_edited(date("\"March 1, 2025\""))),
    ] {
        assert_eq!(f["verdict"], "incomplete", "{name}: {f:#}");
        let dates: Vec<_> = findings(&f)
            .into_iter()
            .filter(|(id, _, _)| id == "doc.dates")
            .collect();
        assert_eq!(dates.len(), 1, "{name}: {dates:?}");
        assert_eq!(dates[0].2.as_deref(), Some("incomplete"), "{name}");
        assert_eq!(code, 1, "{name}");
    }
}

#[test]
fn a_template_set_without_one_of_the_drafts_templates_is_unverified() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("rules/templates/base.md", dir.path().join("base.md")).unwrap();
    let (f, code) = check(&[
        "--templates",
        dir.path().to_str().unwrap(),
        "fixtures/templates/mhp/complete.md",
    ]);
    assert_eq!(f["verdict"], "unverified", "{f:#}");
    // Exactly the MHP template's mandatory provisions: the Base ones were
    // compared.
    assert_eq!(
        ids(&f["not_compared"]),
        [
            "mhp.no-wrong-door",
            "mhp.screening-tools",
            "mhp.clinical-consultation",
            "mhp.dispute-resolution",
            "mhp.transition-of-care"
        ]
    );
    let d: Vec<&Value> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "unverified")
        .collect();
    assert_eq!(d.len(), 1, "one finding lists them: {d:#?}");
    assert_eq!(d[0]["id"], "doc.altered");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["decides"], "unverified");
    assert!(d[0]["message"].as_str().unwrap().contains("no `mhp.md`"));
    // It points at the template with no text.
    let text = std::fs::read_to_string("fixtures/templates/mhp/complete.md").unwrap();
    let off = d[0]["span"]["offset"].as_u64().unwrap() as usize;
    let len = d[0]["span"]["length"].as_u64().unwrap() as usize;
    assert_eq!(&text[off..off + len], "mhp");
    // The absent template's articles are not reported as added text.
    assert!(!findings(&f).iter().any(|(_, k, _)| k == "added"));
    assert_eq!(code, 0, "unverified alone exits 0");
}

#[test]
fn with_every_template_present_the_same_draft_is_file_and_use() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["base", "mhp"] {
        std::fs::copy(
            format!("rules/templates/{id}.md"),
            dir.path().join(format!("{id}.md")),
        )
        .unwrap();
    }
    let (f, code) = check(&[
        "--templates",
        dir.path().to_str().unwrap(),
        "fixtures/templates/mhp/complete.md",
    ]);
    assert_eq!(f["verdict"], "file-and-use", "{f:#}");
    assert_eq!(code, 0);
}

#[test]
fn a_draft_that_does_not_follow_the_reference_text_is_unverified() {
    let (f, code) = check(&["fixtures/realistic/base-coc-articles.md"]);
    assert_eq!(f["verdict"], "unverified", "{f:#}");
    // Every mandatory Base provision, and nothing else.
    let catalog: Value = rules_json();
    let mandatory: Vec<String> = catalog
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["template"] == "base" && r["mandatory"] == true)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&f["not_compared"]), mandatory);
    let unverified: Vec<_> = findings(&f)
        .into_iter()
        .filter(|(_, k, _)| k == "unverified")
        .collect();
    assert_eq!(unverified.len(), 1);
    assert_eq!(code, 0);
}

#[test]
fn front_matter_keys_of_other_tools_are_accepted_and_near_misses_are_not() {
    let add = |keys: &'static str| {
        move |t: String| {
            t.replacen(
                "status: executed\n",
                &format!("status: executed\n{keys}"),
                1,
            )
        }
    };
    let (f, code) = check_edited(add(
        "title: Alpine MOU\nauthor: Counsel\ndate: 2024-12-01\ntags: [mou]\nlang: en\n\
         layout: doc\nversion: 3\ndescription: x\nx-reviewer: Dana\n",
    ));
    assert_eq!(f["verdict"], "file-and-use", "{f:#}");
    assert!(findings(&f).is_empty(), "{f:#}");
    assert_eq!(code, 0);

    let (f, code) = check_edited(add("reviewed_by: Dana\n"));
    assert_eq!(f["verdict"], "file-and-use", "{f:#}");
    assert_eq!(
        findings(&f),
        [("doc.front-matter".into(), "invalid".into(), None)]
    );
    assert_eq!(f["diagnostics"][0]["severity"], "warning");
    assert_eq!(code, 0);

    let (f, code) = check_edited(|t| t.replace("counties: [Alpine]", "countie: [Alpine]"));
    assert_eq!(f["verdict"], "incomplete", "{f:#}");
    let fm: Vec<&Value> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == "doc.front-matter" && d["kind"] == "invalid")
        .collect();
    assert_eq!(fm.len(), 1, "{fm:#?}");
    assert!(fm[0]["help"].as_str().unwrap().contains("`counties`"));
    assert_eq!(code, 1);
}

/// Every error finding on every fixture decides a verdict, and no file
/// with one is `file-and-use` or `unverified`.
#[test]
fn an_error_finding_always_decides_a_verdict() {
    let out = moulint()
        .args(["check", "--format", "json", "fixtures"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut bad = Vec::new();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            if d["severity"] == "error" && d["decides"].is_null() {
                bad.push(format!("{} {} {}", f["path"], d["id"], d["kind"]));
            }
        }
        let errors = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error");
        if errors && matches!(f["verdict"].as_str(), Some("file-and-use" | "unverified")) {
            bad.push(format!(
                "{}: {} with an error finding",
                f["path"], f["verdict"]
            ));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The verdict order, seen from the outside: a file's verdict is the
/// worst its findings decide.
#[test]
fn the_worst_decision_wins_in_the_documented_order() {
    // A removed provision (redline) and an open slot (incomplete).
    let (f, _) = check_edited(|t| {
        cut(&t, "## 6. Training", "## 7.").replace(
            "Sierra Vista Continuum of Care (\"Third-Party",
            "[Party Name] (\"Third-Party",
        )
    });
    let decided: BTreeSet<String> = findings(&f).into_iter().filter_map(|x| x.2).collect();
    assert!(decided.contains("redline") && decided.contains("incomplete"));
    assert_eq!(f["verdict"], "incomplete");
    // An unreadable file is invalid, whatever else.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.md");
    std::fs::write(&p, b"---\ntemplate: base\n---\n\xe9t\xe9\n").unwrap();
    let (f, _) = check(&[p.to_str().unwrap()]);
    assert_eq!(f["verdict"], "invalid");
}

/// The README's table of what each check decides says what the registry
/// does (`moulint rules --format json`).
#[test]
fn the_readme_table_matches_the_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("| rule | decides |")
        .nth(1)
        .expect("the README has the rule table");
    let rules: Value = rules_json();
    let verdicts = [
        "invalid",
        "incomplete",
        "redline",
        "unverified",
        "file-and-use",
    ];
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut checked = BTreeSet::new();
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').collect();
        let (rule, decides) = (cells[1], cells[2]);
        let documented: BTreeSet<String> = ticked(decides)
            .into_iter()
            .filter(|w| verdicts.contains(&w.as_str()))
            .collect();
        for id in ticked(rule) {
            let Some(r) = rules
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id.as_str())
            else {
                // A status word (`param`), not an id; a dotted word must be one.
                assert!(!id.contains('.'), "README names `{id}`, which is no rule");
                continue;
            };
            let actual: BTreeSet<String> = r["decides"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["verdict"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(documented, actual, "README row for `{id}`");
            checked.insert(id);
        }
    }
    // Every check has its row.
    for r in rules.as_array().unwrap() {
        if r["rule"] == "check" {
            let id = r["id"].as_str().unwrap();
            assert!(checked.contains(id), "no README row for `{id}`");
        }
    }
}

/// One cause, one finding: an edit that both changes the template's words
/// and breaks a provision's bound is one finding with both facts; a role's
/// placeholder contacts are not counted again as open slots.
#[test]
fn one_edit_is_one_finding() {
    let (f, _) = check_edited(|t| {
        t.replace(
            "five (5) Working Days after the change",
            "ten (10) Working Days after the change",
        )
    });
    let all = findings(&f);
    assert_eq!(
        all,
        [(
            "base.contacts.change-notice".into(),
            "incomplete".into(),
            Some("redline".into())
        )],
        "{f:#}"
    );
    let note = f["diagnostics"][0]["note"].as_str().unwrap();
    assert!(note.contains("[-five (5)-]{+ten (10)+}"), "{note}");

    let (f, _) = check_edited(|t| {
        t.replace(
            "| Maria Delgado | Director, Community Partnerships | mdelgado@goldenpoppyhp.org | (530) 555-0142 |",
            "| [Name] | [Title] | [email] | [phone] |",
        )
    });
    let all = findings(&f);
    assert_eq!(
        all,
        [(
            "doc.role".into(),
            "placeholder".into(),
            Some("incomplete".into())
        )],
        "{f:#}"
    );
    // Every slot of the row is shown on the one finding.
    assert_eq!(f["diagnostics"][0]["labels"].as_array().unwrap().len(), 4);
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
