//! `moulint report site` and `moulint report annual` over a fixture
//! repository (`fixtures/report/`, as of 2025-12-15) and over hostile
//! ones made here: what is written, what is escaped, where files go, and
//! how `moulint check` reads the annual report.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const REPO: &str = "fixtures/report";
const AS_OF: &str = "2025-12-15";

fn moulint(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn site(repo: &Path, out: &Path, extra: &[&str]) -> (String, i32) {
    let mut args = vec![
        "report",
        "site",
        repo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ];
    args.extend(extra);
    let (_, err, code) = moulint(&args);
    (err, code)
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// An MOU file's text: executed, with these values in it.
fn mou(title: &str, party: &str, county: &str, url: &str) -> String {
    format!(
        "---\ntemplate: mhp\nmcp: Golden Poppy Health Plan\nother_party:\n  name: {}\n  type: county-mhp\n\
         counties: [{}]\neffective_date: 2025-01-01\nstatus: executed\nmeetings: [2025-03-12]\n\
         posted: {{url: {}, date: 2025-01-15}}\n---\n\n# {title}\n",
        serde_json::Value::from(party),
        serde_json::Value::from(county),
        serde_json::Value::from(url),
    )
}

#[test]
fn the_index_of_the_fixture_repository() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (err, code) = site(Path::new(REPO), &out, &[]);
    // broken.md cannot be read: listed, and the run exits 1.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("wrote 3 pages"), "{err}");
    assert_eq!(
        names(&out),
        ["index.html", "mou-alpine-mhp.html", "mou-sierra-lhd.html"]
    );
    let index = read(out.join("index.html"));
    insta::assert_snapshot!("report_site_index", index);
    // The unreadable file is listed with its problem; the draft is not a
    // page; the report of 2024 is linked.
    assert!(index.contains("<code>fixtures/report/broken.md</code>: <span class=\"problem\">the front matter is not valid YAML"));
    assert!(
        !index.contains("Nevada"),
        "a submitted MOU is not published"
    );
    assert!(index.contains("href=\"https://goldenpoppy.example/mou/annual-report-2024.pdf\""));
    let page = read(out.join("mou-alpine-mhp.html"));
    assert!(page.contains("<h1>Alpine Mental Health Plan MOU</h1>"));
    assert!(page.contains("<tr><th>Partner</th><td>Alpine County Behavioral Health</td></tr>"));
    assert!(
        page.contains("<td>2025-11-20</td><td>2025-11-25</td>"),
        "{page}"
    );
}

#[test]
fn document_values_are_escaped_and_only_web_addresses_are_links() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    std::fs::write(
        repo.join("evil.md"),
        mou(
            // In a code span, so that the heading's text keeps the tag.
            "`<script>alert('title')</script>`",
            "\"><img src=x onerror=alert(1)>",
            "<b>Alpine</b>",
            "javascript:alert(document.cookie)",
        ),
    )
    .unwrap();
    std::fs::write(
        repo.join("quotes.md"),
        mou(
            "A & B \"MOU\"",
            "Party's",
            "Sierra",
            "https://e.example/x?a=\"><script>alert(2)</script>",
        ),
    )
    .unwrap();
    std::fs::write(
        repo.join("report.md"),
        "---\nreport: annual\nyear: 2024\nurl: \"data:text/html,<script>alert(3)</script>\"\n---\n# <script>alert(4)</script>\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let (err, code) = site(&repo, &out, &[]);
    assert_eq!(code, 0, "{err}");
    for name in names(&out) {
        let html = read(out.join(&name));
        assert!(!html.contains("<script"), "{name}: a script tag\n{html}");
        assert!(!html.contains("<img"), "{name}: an image tag");
        assert!(!html.contains("<b>"), "{name}: markup from a county");
        for href in html.split("href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            assert!(
                href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with('#')
                    || href == "index.html"
                    || (href.starts_with("mou-") && href.ends_with(".html")),
                "{name}: link to {href}"
            );
        }
        assert!(html
            .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"));
    }
    let index = read(out.join("index.html"));
    assert!(index.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
    assert!(index.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(index.contains("&lt;b&gt;Alpine&lt;/b&gt;"));
    assert!(index.contains("A &amp; B &quot;MOU&quot;"));
    // The javascript: and data: addresses are shown as text, not linked.
    assert!(index.contains("javascript:alert(document.cookie) <span class=\"problem\">(not a web address: not linked)</span>"));
    assert!(!index.contains("href=\"javascript:"));
    assert!(!index.contains("href=\"data:"));
    // A web address's quotes cannot close the attribute.
    assert!(index.contains(
        "href=\"https://e.example/x?a=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""
    ));
}

#[test]
fn file_names_come_from_ids_and_nothing_is_written_outside_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("north")).unwrap();
    let title = "../../escape/<x>";
    // A stem with dots, spaces and markup; the same stem twice; a title
    // that names a path.
    std::fs::write(
        repo.join("Alpine MHP <v2>..md"),
        mou(title, "P", "Alpine", "https://e.example"),
    )
    .unwrap();
    std::fs::write(
        repo.join("mhp.md"),
        mou(title, "P", "Alpine", "https://e.example"),
    )
    .unwrap();
    std::fs::write(
        repo.join("north/mhp.md"),
        mou(title, "P", "Alpine", "https://e.example"),
    )
    .unwrap();
    let out = dir.path().join("out").join("site");
    let (err, code) = site(&repo, &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        names(&out),
        [
            "index.html",
            "mou-alpine-mhp-v2.html",
            "mou-mhp-2.html",
            "mou-mhp.html"
        ]
    );
    // Only the output directory was added beside the repository.
    assert_eq!(names(dir.path()), ["out", "repo"]);
    assert_eq!(names(&dir.path().join("out")), ["site"]);
    assert_eq!(names(&repo), ["Alpine MHP <v2>..md", "mhp.md", "north"]);
    // No temporary file is left.
    assert!(names(&out).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn a_directory_with_files_is_refused_without_force_and_stale_pages_go_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "mine").unwrap();
    std::fs::write(out.join("mou-old.html"), "an earlier run's page").unwrap();
    std::fs::write(out.join("notes.html"), "not ours").unwrap();
    std::fs::write(out.join("mou-Keep.html"), "not our naming").unwrap();
    let (err, code) = site(Path::new(REPO), &out, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not empty: pass --force to replace the site's files in it"),
        "{err}"
    );
    assert_eq!(read(out.join("index.html")), "mine", "nothing replaced");
    assert_eq!(names(&out).len(), 4, "nothing written");

    let (err, code) = site(Path::new(REPO), &out, &["--force"]);
    assert_eq!(code, 1, "broken.md: {err}");
    assert!(
        err.contains("removed 1 stale page(s): mou-old.html"),
        "{err}"
    );
    assert_eq!(
        names(&out),
        [
            "index.html",
            "mou-Keep.html",
            "mou-alpine-mhp.html",
            "mou-sierra-lhd.html",
            "notes.html"
        ]
    );
    assert!(read(out.join("index.html")).starts_with("<!DOCTYPE html>"));
    assert_eq!(read(out.join("notes.html")), "not ours");

    // An output that is a file, a bad date, standard input: clear errors.
    let file = out.join("notes.html");
    let (err, code) = site(Path::new(REPO), &file, &["--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a directory"), "{err}");
    let (_, err, code) = moulint(&["report", "site", REPO, "-o", "x", "--as-of", "2025-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a real date"), "{err}");
    let (_, err, code) = moulint(&["report", "site", "-", "-o", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("standard input"), "{err}");
    let (_, err, code) = moulint(&["report", "site", "no/such/dir", "-o", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

fn annual(extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["report", "annual", "--year", "2025", REPO, "--as-of", AS_OF];
    args.extend(extra);
    moulint(&args)
}

#[test]
fn the_annual_report_has_the_three_parts_for_each_mou() {
    let (md, err, code) = annual(&[]);
    assert_eq!(code, 1, "broken.md is listed: {err}");
    insta::assert_snapshot!("report_annual", md);
    assert!(md
        .starts_with("---\nreport: annual\nyear: 2025\nplan: \"Golden Poppy Health Plan\"\n---\n"));
    for part in [
        "### Annual review process followed",
        "### Amendments to the MOU or to policies and procedures",
        "### Outcomes of the review",
    ] {
        assert_eq!(md.matches(part).count(), 2, "{part}");
    }
    // From the records: the reviews of the year, evidence sent or a slot.
    assert!(
        md.contains("Reviewed on 2025-11-20; evidence of the review sent to DHCS on 2025-11-25.")
    );
    assert!(md.contains("Reviewed on 2025-06-30; evidence sent to DHCS on [date the evidence of the review was sent to DHCS]."));
    assert!(md.contains("- Q3: no meeting recorded"));
    assert!(md.contains("`fixtures/report/broken.md`"));
    assert!(!md.contains("Nevada"), "a submitted MOU is not reviewed");
    // A year before any MOU took effect.
    let (md, _, _) = moulint(&["report", "annual", "--year", "2023", REPO, "--as-of", AS_OF]);
    assert!(md.contains("No executed MOU in the repository was in effect in 2023."));
    let (_, err, code) = moulint(&["report", "annual", "--year", "twenty", REPO]);
    assert_eq!(code, 2, "{err}");
}

fn check_json(path: &Path, extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["check", path.to_str().unwrap(), "--format", "json"];
    args.extend(extra);
    let (out, err, code) = moulint(&args);
    (
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")),
        code,
    )
}

#[test]
fn check_reports_the_slots_of_the_written_report_and_its_verdict_is_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annual-2025.md");
    let (_, err, code) = annual(&["-o", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("wrote"), "{err}");
    let (_, err, code) = annual(&["-o", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists: pass --force"), "{err}");

    // The draft: its slots, and only the checks of a text.
    let (v, code) = check_json(&file, &["--as-of", AS_OF]);
    assert_eq!(code, 1);
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "incomplete");
    let ids: Vec<&str> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    // Three parts for two MOUs, one evidence date, one unread file.
    assert_eq!(ids.len(), 8, "{ids:?}");
    assert!(ids.iter().all(|i| *i == "doc.placeholder"), "{ids:?}");
    assert!(
        v["summary"].get("report").is_none(),
        "no report verdict yet"
    );

    // Completed, it is a report: no provision is asked of it.
    let text = std::fs::read_to_string(&file).unwrap();
    let filled = regex_free_fill(&text);
    std::fs::write(&file, filled).unwrap();
    let (v, code) = check_json(&file, &["--as-of", AS_OF]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["files"][0]["verdict"], "report");
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
    assert_eq!(v["summary"]["report"], 1);
    assert_eq!(v["summary"]["file-and-use"], 0);
    let (_, code) = check_json(&file, &["--fail-on-verdict", "report"]);
    assert_eq!(code, 1, "report is as bad as --fail-on-verdict report");
    let (_, code) = check_json(&file, &["--fail-on-verdict", "unverified"]);
    assert_eq!(code, 0, "a report is better than unverified");
    let (out, _, _) = moulint(&["check", file.to_str().unwrap()]);
    assert!(
        out.contains("an annual report, not an MOU: its slots are checked, not provisions"),
        "{out}"
    );

    // An MOU's summary has no `report` count: the JSON reads as before.
    let (v, _) = check_json(
        Path::new("fixtures/report/alpine-mhp.md"),
        &["--as-of", AS_OF],
    );
    assert!(v["summary"].get("report").is_none(), "{}", v["summary"]);
    assert_ne!(v["files"][0]["verdict"], "report");
}

/// The report with every bracketed slot replaced by text.
fn regex_free_fill(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '[' => {
                depth += 1;
                out.push_str("done");
            }
            ']' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn a_report_front_matter_is_checked_against_its_own_keys() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.md");
    std::fs::write(&file, "---\nreport: anual\nyear: 25\n---\n# R\n").unwrap();
    let (v, code) = check_json(&file, &[]);
    assert_eq!(code, 1);
    let messages: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"unknown report `anual`")
            || messages.iter().any(|m| m.contains("anual")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"`year` must be a year, YYYY, found `25`"),
        "{messages:?}"
    );
    // No MOU key is asked of a report.
    assert!(
        !messages.iter().any(|m| m.contains("template")),
        "{messages:?}"
    );
    // Walking a directory checks the report too, and the repository lists
    // it as a report rather than as an MOU that could not be read.
    let (out, _, _) = moulint(&["check", REPO, "--format", "json", "--as-of", AS_OF]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let verdict = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("annual-2024.md"))
        .map(|f| f["verdict"].clone());
    assert_eq!(verdict, Some(Value::from("report")));
}

#[test]
fn the_site_renders_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (err, _) = site(Path::new(REPO), &out, &[]);
    let Some(got) = common::in_browser("site.mjs", &[&out]) else {
        return;
    };
    let index = &got["index"];
    assert_eq!(
        index["title"], "MOU information: Golden Poppy Health Plan",
        "{err}"
    );
    assert_eq!(index["h1"], "MOU information: Golden Poppy Health Plan");
    assert_eq!(index["scripts"], 0);
    assert!(index["csp"]
        .as_str()
        .unwrap()
        .contains("default-src 'none'"));
    let tables = index["tables"].as_array().unwrap();
    let of = |class: &str| tables.iter().filter(|t| t["class"] == class).count();
    assert_eq!(of("meetings"), 3, "{tables:?}");
    assert_eq!(of("executed"), 1);
    assert_eq!(of("reports"), 1);
    assert!(tables
        .iter()
        .all(|t| t["visible"] == true && t["rows"].as_u64() > Some(0)));
    assert_eq!(index["notRead"].as_array().unwrap().len(), 1);
    assert!(
        index["scrollWidth"].as_u64().unwrap() <= 1000,
        "no overflow"
    );
    // Every page the index links opens, with its own title.
    let pages = got["pages"].as_object().unwrap();
    assert_eq!(pages.len(), 2, "{pages:?}");
    for (name, p) in pages {
        assert!(p.is_object(), "{name} does not open");
        assert!(p["h1"].as_str().unwrap().ends_with("MOU"), "{name}: {p}");
    }
    // No console message, no page error, nothing loaded from elsewhere.
    assert_eq!(got["console"], serde_json::json!([]));
    assert_eq!(got["errors"], serde_json::json!([]));
    assert_eq!(got["blocked"], serde_json::json!([]));
}

#[cfg(unix)]
#[test]
fn links_in_the_directory_never_lead_a_write_or_a_removal_outside_it() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside.html");
    std::fs::write(&outside, "keep me").unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    symlink(&outside, out.join("index.html")).unwrap();
    symlink(&outside, out.join("mou-gone.html")).unwrap();
    let (err, code) = site(Path::new(REPO), &out, &["--force"]);
    assert_eq!(code, 1, "broken.md: {err}");
    assert_eq!(read(outside.clone()), "keep me");
    // The link named like the index is replaced by the page itself; the
    // stale-looking link is not a page of ours: left as it is.
    let index = std::fs::symlink_metadata(out.join("index.html")).unwrap();
    assert!(index.file_type().is_file());
    let gone = std::fs::symlink_metadata(out.join("mou-gone.html")).unwrap();
    assert!(gone.file_type().is_symlink());
}

#[test]
fn a_named_report_file_is_a_report_not_an_unreadable_mou() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (err, code) = site(
        Path::new("fixtures/report/annual-2024.md"),
        &out,
        &["--plan-name", "Golden Poppy Health Plan"],
    );
    assert_eq!(code, 0, "{err}");
    let index = read(out.join("index.html"));
    assert!(index.contains(">MOU Annual Report 2024</a>"), "{index}");
    assert!(!index.contains("could not be read"), "{index}");
    assert_eq!(names(&out), ["index.html"]);
}

#[test]
fn document_values_cannot_add_markup_to_the_annual_report() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    std::fs::write(
        repo.join("evil.md"),
        mou(
            "`<script>x</script>` *MOU*",
            "Party\n# Forged heading <img src=x>",
            "Alpine",
            "https://e.example",
        ),
    )
    .unwrap();
    let file = dir.path().join("annual.md");
    let (_, err, code) = moulint(&[
        "report",
        "annual",
        "--year",
        "2025",
        repo.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--plan-name",
        "Plan \"Q\"\n<b>",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(file.clone());
    assert!(md.contains("plan: \"Plan \\\"Q\\\"\\n<b>\"\n"), "{md}");
    assert!(!md.contains("\n# Forged"), "{md}");
    assert!(
        md.contains("Partner: Party \\# Forged heading \\<img src=x\\>"),
        "{md}"
    );
    let (v, _) = check_json(&file, &[]);
    let ids: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().all(|i| *i == "doc.placeholder"), "{ids:?}");
    assert_eq!(
        ids.len(),
        4,
        "the three parts and the evidence date: {ids:?}"
    );
}

#[test]
fn a_page_that_cannot_be_written_stops_the_run_before_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // A directory where a page goes: that page cannot be written.
    std::fs::create_dir_all(out.join("mou-sierra-lhd.html")).unwrap();
    std::fs::write(out.join("index.html"), "the published index").unwrap();
    let (err, code) = site(Path::new(REPO), &out, &["--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("mou-sierra-lhd.html is a directory"), "{err}");
    // The published index is untouched (written last), no page is half
    // written and no temporary file is left.
    assert_eq!(read(out.join("index.html")), "the published index");
    assert_eq!(
        names(&out),
        ["index.html", "mou-alpine-mhp.html", "mou-sierra-lhd.html"]
    );
    assert!(read(out.join("mou-alpine-mhp.html")).ends_with("</html>\n"));
}

/// The plan's name: `--plan-name`, else the plan profile `moulint
/// portfolio` reads (`--plan FILE`, else `plan.yaml` beside the MOUs),
/// else the `mcp` the executed MOUs name; a broken profile is an error.
#[test]
fn the_plan_name_comes_from_the_plan_profile() {
    let plan_of = |md: &str| {
        md.lines()
            .find_map(|l| l.strip_prefix("plan: "))
            .map(str::to_string)
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("plan.yaml");
    std::fs::write(&profile, "plan: Sierra Summit Health\ncounties:\n  - county: Alpine\n    operates: [dmc-state-plan]\n").unwrap();
    let (md, err, _) = annual(&["--plan", profile.to_str().unwrap()]);
    assert_eq!(
        plan_of(&md).as_deref(),
        Some("\"Sierra Summit Health\""),
        "{err}"
    );
    let (md, _, _) = annual(&[
        "--plan",
        profile.to_str().unwrap(),
        "--plan-name",
        "Named Plan",
    ]);
    assert_eq!(plan_of(&md).as_deref(), Some("\"Named Plan\""));
    // Found beside the MOUs, as the portfolio finds it.
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    for f in ["alpine-mhp.md", "sierra-lhd.md", "sierra-lhd.records.yaml"] {
        std::fs::copy(Path::new(REPO).join(f), repo.join(f)).unwrap();
    }
    std::fs::copy(&profile, repo.join("plan.yaml")).unwrap();
    let (md, err, code) = moulint(&[
        "report",
        "annual",
        "--year",
        "2025",
        repo.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(plan_of(&md).as_deref(), Some("\"Sierra Summit Health\""));
    std::fs::write(repo.join("plan.yaml"), "plan: [unclosed\n").unwrap();
    let (_, err, code) = moulint(&["report", "annual", "--year", "2025", repo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan.yaml"), "{err}");
}
