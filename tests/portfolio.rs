//! `moulint portfolio`: the county x template matrix of a fixture
//! repository (`fixtures/portfolio/`) against its plan profile.

use assert_cmd::Command;
use serde_json::Value;

const REPO: &str = "fixtures/portfolio";

fn portfolio(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .arg("portfolio")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn json() -> Value {
    let (out, _, code) = portfolio(&[REPO, "--format", "json"]);
    assert_eq!(code, 1, "missing MOUs exit 1");
    serde_json::from_str(&out).unwrap()
}

/// The state of one county's cell under one template, with its MOUs.
fn cell(v: &Value, county: &str, template: &str) -> (String, Vec<String>, usize) {
    let row = v["counties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["county"] == county)
        .unwrap_or_else(|| panic!("no row {county}"));
    let c = row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["template"] == template)
        .unwrap_or_else(|| panic!("no cell {county} {template}"));
    let mous = c["mous"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    (
        c["state"].as_str().unwrap().to_string(),
        mous,
        c["good_faith"].as_array().unwrap().len(),
    )
}

#[test]
fn each_cell_is_executed_in_draft_missing_or_not_needed_from_the_mous_front_matter() {
    let v = json();
    let s = |c, t| cell(&v, c, t);
    assert_eq!(
        s("Alpine", "mhp"),
        ("executed".into(), vec!["alpine-mhp.md".into()], 0)
    );
    assert_eq!(
        s("Alpine", "dmc"),
        ("draft".into(), vec!["alpine-dmc.md".into()], 0)
    );
    // A combined MOU covers each of its templates, in each of its counties
    // ("Sierra County" is Sierra).
    assert_eq!(s("Alpine", "wcm").0, "executed");
    assert_eq!(
        s("Sierra", "lhd"),
        ("executed".into(), vec!["public-health.md".into()], 0)
    );
    // A submitted MOU is not executed; its sidecar's good-faith effort shows.
    assert_eq!(
        s("Sierra", "ccw"),
        ("draft".into(), vec!["sierra-ccw.md".into()], 1)
    );
    assert_eq!(s("Sierra", "mhp"), ("missing".into(), vec![], 0));
    // Efforts in the profile: still missing, but shown rather than flagged.
    assert_eq!(s("Sierra", "wic"), ("missing".into(), vec![], 2));
    // A feature decides between dmc and dmc-ods; a reason leaves one out.
    assert_eq!(s("Sierra", "dmc").0, "not-needed");
    assert_eq!(s("Alpine", "dmc-ods").0, "not-needed");
    // A template no county needs is no column.
    let columns = v["templates"].as_array().unwrap();
    for t in ["lea", "justice", "tcm", "base"] {
        assert!(!columns.iter().any(|c| c == t), "{t} in {columns:?}");
    }
}

/// The findings the profile's `# expect:` directives state
/// (`portfolio.missing county=Sierra template=mhp line=11`), sorted.
fn expected(profile: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_to_string(profile)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// Each missing MOU without efforts is one finding, at its county's line
/// in the profile: exactly the ones the fixture's directives state (a
/// county with good-faith efforts recorded, Sierra's `wic`, has none).
#[test]
fn each_missing_mou_without_efforts_is_one_finding() {
    let v = json();
    let mut found: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} county={} template={} line={}",
                f["id"].as_str().unwrap(),
                f["county"].as_str().unwrap(),
                f["template"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect();
    found.sort();
    let want = expected(&format!("{REPO}/plan.yaml"));
    assert!(!want.is_empty());
    assert_eq!(found, want);
    assert!(!found
        .iter()
        .any(|f| f.contains("county=Sierra template=wic ")));
    assert_eq!(v["summary"]["findings"], want.len());
}

#[test]
fn mous_outside_the_matrix_are_listed_with_the_reason_and_other_markdown_is_not_an_mou() {
    let v = json();
    let unplaced: Vec<(String, String)> = v["mous"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !m["unplaced"].is_null())
        .map(|m| {
            (
                m["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                m["unplaced"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(unplaced.len(), 2, "{unplaced:?}");
    assert_eq!(unplaced[0].0, "broken.md");
    assert!(unplaced[0].1.starts_with("not read: "), "{unplaced:?}");
    assert_eq!(
        unplaced[1],
        (
            "nevada-mhp.md".into(),
            "the plan profile lists none of its counties (Nevada)".into()
        )
    );
    let files: Vec<&str> = v["mous"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["file"].as_str().unwrap())
        .collect();
    assert!(!files.iter().any(|f| f.ends_with("README.md")), "{files:?}");
}

#[test]
fn the_table_the_json_and_the_csv() {
    let (table, _, code) = portfolio(&[REPO]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("portfolio_table", table);
    let (csv, _, _) = portfolio(&[REPO, "--format", "csv"]);
    insta::assert_snapshot!("portfolio_csv", csv);
    let (json, _, _) = portfolio(&[REPO, "--format", "json"]);
    insta::assert_snapshot!("portfolio_json", json);
    // One CSV line per county and template, after the header.
    let v: Value = serde_json::from_str(&json).unwrap();
    let cells: usize = v["counties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cells"].as_array().unwrap().len())
        .sum();
    assert_eq!(csv.lines().count(), cells + 1);
}

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("moulint-portfolio-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_complete_portfolio_exits_zero_and_the_toml_profile_works_too() {
    let d = temp("complete");
    std::fs::write(
        d.join("moulint.toml"),
        "[plan]\nplan = \"P\"\n[[plan.counties]]\ncounty = \"Alpine\"\noperates = [\"dmc-state-plan\"]\n\
         [plan.counties.not_needed]\nmhp = \"r\"\nlhd = \"r\"\nsocial-services = \"r\"\nccw = \"r\"\nihss = \"r\"\n\
         regional-center = \"r\"\nlea = \"r\"\nfirst5 = \"r\"\nwic = \"r\"\njustice = \"r\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("dmc.md"),
        "---\ntemplate: dmc\nstatus: executed\ncounties: [Alpine]\n---\n# Alpine DMC MOU\n",
    )
    .unwrap();
    let (out, err, code) = portfolio(&[d.to_str().unwrap()]);
    std::fs::remove_dir_all(&d).unwrap();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 county x 1 template: 1 executed"), "{out}");
}

#[test]
fn profile_mistakes_are_configuration_errors_with_a_line_and_column() {
    let d = temp("bad");
    std::fs::write(
        d.join("plan.yaml"),
        "counties:\n  - county: Alpine\n    operates: [dmc-state-plan, whole-child-modle]\n",
    )
    .unwrap();
    let (_, err, code) = portfolio(&[d.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("plan.yaml:3:32: `whole-child-modle` is not a county feature (did you mean `whole-child-model`?)"),
        "{err}"
    );
    std::fs::remove_file(d.join("plan.yaml")).unwrap();
    let (_, err, code) = portfolio(&[d.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no plan profile"), "{err}");
    std::fs::remove_dir_all(&d).unwrap();
    let (_, err, code) = portfolio(&["fixtures/portfolio/plan.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a directory"), "{err}");
}

#[test]
fn the_rule_is_listed_and_explained() {
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .args(["explain", "portfolio.missing"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("scope: portfolio"), "{text}");
}
