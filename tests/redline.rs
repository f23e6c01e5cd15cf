//! The word-by-word comparison with the reference templates (`doc.altered`),
//! template import, and the redline report.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{lint_source, lint_source_with};
use moulint::catalog::Catalog;
use moulint::diagnostic::{Diagnostic, Kind};
use moulint::emit::redline;
use moulint::lint::FileReport;
use moulint::new_draft;
use moulint::reference::{self, Slots, TemplateSet};
use moulint::source::SourceFile;
use moulint::verdict::Verdict;

const MCP: &str = "Golden Poppy Health Plan";
const PARTY: &str = "Sierra Vista County Agency";

fn catalog() -> &'static Catalog {
    common::catalog()
}

fn bundled() -> &'static TemplateSet {
    common::templates()
}

/// A finished draft generated from the reference text of `ids` as a user
/// makes one: `moulint init` (front matter, party slots, role rows), then
/// every other slot filled and the drafting notes removed.
fn generate(ids: &[&str], set: &TemplateSet) -> String {
    generate_for(ids, &[MCP], PARTY, set)
}

/// [`generate`] for given plans and other party.
fn generate_for(ids: &[&str], mcps: &[&str], party: &str, set: &TemplateSet) -> String {
    let kind = catalog()
        .pack(ids[0])
        .and_then(|p| p.def.entity_types.first())
        .map_or("county".to_string(), |e| e.id.clone());
    let req = new_draft::Request {
        templates: ids.iter().map(|s| s.to_string()).collect(),
        mcps: mcps.iter().map(|m| m.to_string()).collect(),
        party: party.to_string(),
        party_type: kind,
        counties: vec!["Alpine".to_string()],
    };
    let text = new_draft::render(&req, catalog(), set).expect("init renders");
    let split = text.find("\n---\n").expect("front matter") + 5;
    let (front, text) = text.split_at(split);
    let mut slots = Slots::new();
    for name in reference::slot_names(text, &catalog().vocab.drafting) {
        let lower = name.to_lowercase();
        let value = if lower.contains("number") || lower.contains("days") {
            "five (5)"
        } else if lower.contains("date") {
            "January 1, 2025"
        } else if lower == "name" || lower.ends_with(" name") {
            "Jordan Lee"
        } else if lower == "title" || lower.ends_with(" title") {
            "Director of Care Coordination"
        } else if lower.contains("email") {
            "jordan.lee@goldenpoppy.org"
        } else if lower.contains("phone") {
            "(530) 555-0100"
        } else {
            "Local text agreed by the Parties"
        };
        slots = slots.set(&name, value);
    }
    let drafting = &catalog().vocab.drafting;
    let body = reference::strip_drafting_notes(&reference::fill(text, &slots, drafting), drafting);
    format!("{front}{body}")
}

fn check(text: &str) -> FileReport {
    lint_source(SourceFile::new("draft.md", text.to_string()), catalog())
}

fn ours(r: &FileReport) -> Vec<&Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.id == "doc.altered")
        .collect()
}

fn show(r: &FileReport) -> String {
    r.diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {:?}: {}",
                d.id,
                d.kind.as_str(),
                d.severity.as_str(),
                d.provision,
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "draft lacks {from:?}");
    text.replacen(from, to, 1)
}

/// Template ids the catalog can check (a template without a pack is
/// `doc.template-unknown`).
fn checkable() -> Vec<String> {
    bundled()
        .templates()
        .iter()
        .map(|t| t.id.clone())
        .filter(|id| catalog().pack(id).is_some())
        .collect()
}

#[test]
fn every_bundled_template_assembles_with_base() {
    for t in bundled().templates() {
        let a = reference::assemble(std::slice::from_ref(&t.id), bundled())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!a.markdown.contains("{n}"), "{}: unnumbered article", t.id);
        assert!(!a.provisions.is_empty(), "{}: no tagged provision", t.id);
        if t.id != "base" {
            assert!(
                a.provisions.iter().any(|p| p.template == t.id),
                "{}: its own provisions are not in the assembled text",
                t.id
            );
        }
    }
}

#[test]
fn a_draft_generated_from_each_template_is_file_and_use() {
    for id in checkable() {
        let text = generate(&[&id], bundled());
        let r = check(&text);
        assert!(ours(&r).is_empty(), "{id}:\n{}", show(&r));
        assert_eq!(r.verdict, Verdict::FileAndUse, "{id}:\n{}", show(&r));
    }
}

#[test]
fn a_combined_draft_is_file_and_use() {
    let ids = checkable();
    let bespoke: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|i| *i != "base")
        .take(2)
        .collect();
    if bespoke.len() < 2 {
        return; // one kind only: nothing to combine yet
    }
    let text = generate(&bespoke, bundled());
    let r = check(&text);
    assert!(ours(&r).is_empty(), "{}", show(&r));
    assert_eq!(r.verdict, Verdict::FileAndUse, "{}", show(&r));
}

#[test]
fn front_matter_names_fill_their_slots_wherever_they_stand() {
    // A party named after its county, and two plans sharing `[MCP Name]`:
    // the paragraphs that hold those slots are template text, not additions.
    let parties = [
        "Alpine County Office of Education",
        "Alpine County Public Health Department",
        "County of Alpine",
    ];
    for id in checkable() {
        for (i, party) in parties.iter().enumerate() {
            let mcps: &[&str] = if i == 1 {
                &[MCP, "Blue Oak Health"]
            } else {
                &[MCP]
            };
            let text = generate_for(&[&id], mcps, party, bundled());
            let r = check(&text);
            assert!(ours(&r).is_empty(), "{id}, {party}:\n{}", show(&r));
        }
    }
}

#[test]
fn a_front_matter_name_written_longer_in_the_text_is_still_a_fill() {
    // `counties: [Alpine County]` where the template writes `[County]
    // County`, and a plan name with its corporate suffix.
    let clean = generate(&["base"], bundled());
    let text = replace_once(&clean, "counties: [Alpine]", "counties: [Alpine County]");
    let text = text.replacen(
        &format!("made between {MCP}"),
        &format!("made between {MCP}, Inc."),
        1,
    );
    let r = check(&text);
    assert!(ours(&r).is_empty(), "{}", show(&r));
}

#[test]
fn a_sentence_added_to_the_preamble_is_the_only_addition() {
    let clean = generate_for(
        &["lhd"],
        &[MCP, "Blue Oak Health"],
        "Alpine County Public Health Department",
        bundled(),
    );
    let added = "Each MCP is bound by this MOU separately for its own Members.";
    let text = replace_once(
        &clean,
        "together the \"Parties.\"",
        &format!("together the \"Parties.\" {added}"),
    );
    let (d, span) = one_finding(&text, bundled());
    assert_eq!(d.kind, Kind::Added, "{}", d.message);
    assert_eq!(format!("{span}."), added);
}

#[test]
fn one_changed_word_is_one_altered_finding_on_its_span() {
    let clean = generate(&["base"], bundled());
    let text = replace_once(
        &clean,
        "least quarterly to assess",
        "least annually to assess",
    );
    let r = check(&text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    let d = found[0];
    assert_eq!(d.kind, Kind::Altered);
    assert_eq!(d.provision.as_deref(), Some("base.quarterly-meetings"));
    let s = d.span.expect("a span");
    assert_eq!(&text[s.offset..s.end()], "annually");
    assert!(
        d.message.contains("[-quarterly-]{+annually+}"),
        "{}",
        d.message
    );
    assert_eq!(r.verdict, Verdict::Redline);
}

#[test]
fn weakening_shall_to_may_is_altered() {
    let clean = generate(&["base"], bundled());
    let text = replace_once(
        &clean,
        "or their liaisons, shall meet",
        "or their liaisons, may meet",
    );
    let r = check(&text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    assert!(
        found[0].message.contains("weakened"),
        "{}",
        found[0].message
    );
    let s = found[0].span.unwrap();
    assert_eq!(&text[s.offset..s.end()], "may");
    assert_eq!(r.verdict, Verdict::Redline);
}

#[test]
fn a_deleted_provision_is_missing_and_not_also_altered() {
    let clean = generate(&["base"], bundled());
    let start = clean.find("## 13. Equal Treatment").unwrap();
    let end = clean.find("## 14. General Provisions").unwrap();
    let text = format!("{}{}", &clean[..start], &clean[end..]);
    let r = check(&text);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.kind == Kind::Missing
                && d.provision.as_deref() == Some("base.equal-treatment")),
        "{}",
        show(&r)
    );
    assert!(ours(&r).is_empty(), "{}", show(&r));
}

#[test]
fn a_reordered_draft_is_only_moved() {
    let clean = generate(&["base"], bundled());
    let a = clean.find("## 12. Dispute Resolution").unwrap();
    let b = clean.find("## 13. Equal Treatment").unwrap();
    let c = clean.find("## 14. General Provisions").unwrap();
    let text = format!(
        "{}{}{}{}",
        &clean[..a],
        &clean[b..c],
        &clean[a..b],
        &clean[c..]
    );
    let r = check(&text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    assert_eq!(found[0].kind, Kind::Moved);
    assert_eq!(r.verdict, Verdict::FileAndUse, "{}", show(&r));
}

#[test]
fn crlf_and_curly_quotes_change_nothing() {
    let clean = generate(&["base"], bundled());
    let split = clean.find("\n---\n").unwrap() + 5;
    let (front, body) = clean.split_at(split);
    let mut curly = String::new();
    let mut open = true;
    for c in body.chars() {
        match c {
            '"' => {
                curly.push(if open { '\u{201C}' } else { '\u{201D}' });
                open = !open;
            }
            '\'' => curly.push('\u{2019}'),
            _ => curly.push(c),
        }
    }
    let text = format!("{front}{curly}").replace('\n', "\r\n");
    assert!(text.contains('\u{201C}') && text.contains("\r\n"));
    let r = check(&text);
    assert!(ours(&r).is_empty(), "{}", show(&r));
    assert_eq!(r.verdict, check(&clean).verdict);
}

#[test]
fn a_draft_from_other_text_gets_one_warning_not_a_flood() {
    let text = "---\ntemplate: base\nmcp: A\nother_party:\n  name: B\n  type: county\ncounties: [Alpine]\nstatus: draft\n---\n\n# MOU\n\n## 1. Definitions\n\nWords of our own, nothing like the template.\n";
    let r = check(text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    assert!(
        found[0].message.contains("does not follow"),
        "{}",
        found[0].message
    );
}

#[test]
fn template_version_older_is_a_warning_unless_executed() {
    let clean = generate(&["base"], bundled());
    let newest = bundled().get("base").unwrap().version.clone().unwrap();
    let old = replace_once(
        &clean,
        &format!("template_version: \"{newest}\""),
        "template_version: \"2000-01\"",
    );
    let r = check(&old);
    let d: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| d.id == "doc.template-version")
        .collect();
    assert_eq!(d.len(), 1, "{}", show(&r));
    assert!(d[0].message.contains(&newest), "{}", d[0].message);
    let executed = replace_once(&old, "status: draft", "status: executed");
    let r = check(&executed);
    assert!(
        !r.diagnostics.iter().any(|d| d.id == "doc.template-version"),
        "{}",
        show(&r)
    );
}

#[test]
fn import_then_check_against_the_imported_template() {
    let dir = tempfile::tempdir().unwrap();
    // The "official" text: our Base template without marks, one sentence
    // in other words.
    let base = bundled().get("base").unwrap();
    let official = reference::fill(&base.body, &Slots::new(), &catalog().vocab.drafting);
    let official = replace_once(
        &official,
        "The Parties shall carry out quality improvement activities to assess\nwhether this MOU improves care coordination for Members.",
        "The Parties jointly run quality improvement projects that measure\nwhether this MOU improves care coordination for Members.",
    );
    assert!(!official.contains("moulint:"));
    let src = dir.path().join("official.md");
    std::fs::write(&src, &official).unwrap();
    let out = dir.path().join("templates");
    let run = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["template", "import"])
        .arg(&src)
        .args(["--id", "base", "--version", "2030-01", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("base.quality-improvement"), "{stdout}");
    let written = std::fs::read_to_string(out.join("base.md")).unwrap();
    assert!(written.contains("<!-- moulint: provision base.quality-improvement -->"));

    let set = TemplateSet::from_dir(&out).unwrap();
    let draft = generate(&["base"], &set);
    assert!(draft.contains("template_version: \"2030-01\""));
    let file = |t: &str| SourceFile::new("draft.md", t.to_string());
    // Against the imported template: nothing altered.
    let r = lint_source_with(file(&draft), catalog(), &set);
    assert!(ours(&r).is_empty(), "{}", show(&r));
    assert_eq!(r.verdict, Verdict::FileAndUse, "{}", show(&r));
    // Against the bundled one, the reworded provision differs.
    let r = lint_source_with(file(&draft), catalog(), bundled());
    assert!(
        ours(&r).iter().any(|d| d.kind == Kind::Altered
            && d.provision.as_deref() == Some("base.quality-improvement")),
        "{}",
        show(&r)
    );
    // The command line takes the directory too.
    let path = dir.path().join("draft.md");
    std::fs::write(&path, &draft).unwrap();
    let run = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .arg("check")
        .arg(&path)
        .arg("--templates")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "file-and-use", "{v:#}");
}

fn report(path: &str, format: redline::RedlineFormat) -> String {
    let src = SourceFile::read(Path::new(path)).unwrap();
    let references = moulint::compare::References::new(bundled());
    let checked = moulint::lint::check_source(src, catalog(), &references);
    let generated = moulint::util::date::Ymd {
        year: 2025,
        month: 12,
        day: 4,
    };
    redline::render(&redline::build(&checked, generated), format)
}

#[test]
fn redline_reports() {
    for name in ["clean", "altered"] {
        let path = format!("fixtures/redline/{name}.md");
        insta::assert_snapshot!(
            format!("redline_{name}_md"),
            report(&path, redline::RedlineFormat::Md)
        );
        insta::assert_snapshot!(
            format!("redline_{name}_html"),
            report(&path, redline::RedlineFormat::Html)
        );
    }
}

#[test]
fn a_clean_draft_gets_the_attestation_statement() {
    let md = report("fixtures/redline/clean.md", redline::RedlineFormat::Md);
    assert!(md.contains("No mandatory provision of the reference template was modified or removed"));
    // Only the legend shows the markers.
    assert_eq!(md.matches("{--").count(), 1, "{md}");
    assert_eq!(md.matches("{++").count(), 1, "{md}");
}

#[test]
fn html_report_escapes_text_and_loads_nothing() {
    let html = report("fixtures/redline/escape.md", redline::RedlineFormat::Html);
    // The draft's markup is shown as text.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains("<img"), "an image element");
    assert!(!lower.contains("<a "), "a link element");
    // No attribute anywhere inside a tag carries an event handler or a URL.
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j);
        let tag = &rest[i..end];
        assert!(!tag.contains("onerror") && !tag.contains("onload"), "{tag}");
        assert!(!tag.contains("src=") && !tag.contains("href="), "{tag}");
        rest = &rest[end..];
    }
    assert!(!lower.contains("http://") && !lower.contains("url("));
    // The only https:// is the escaped draft text.
    assert_eq!(
        lower.matches("https://").count(),
        lower.matches("&quot;https://").count()
    );
    assert!(lower.contains("content-security-policy"));
    let md = report("fixtures/redline/escape.md", redline::RedlineFormat::Md);
    assert!(md.contains("\\<script\\>"), "{md}");
}

#[test]
fn redline_command_writes_atomically_and_prints_without_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let run = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args([
            "redline",
            "fixtures/redline/altered.md",
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<del>"));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, vec!["report.html"], "no temporary file left behind");
    let run = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .args(["redline", "fixtures/redline/clean.md"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("# Redline report"));
}

/// The one `doc.altered` finding of a draft, and the text its span covers.
fn one_finding(text: &str, set: &TemplateSet) -> (Diagnostic, String) {
    let r = lint_source_with(
        SourceFile::new("draft.md", text.to_string()),
        catalog(),
        set,
    );
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    let d = found[0].clone();
    let s = d.span.expect("a span");
    (d, text[s.offset..s.end()].to_string())
}

#[test]
fn one_changed_word_anywhere_is_one_finding_on_that_word() {
    let clean = generate(&["base"], bundled());
    // (template text, draft text, provision, the span's text)
    let cases = [
        // First word of a paragraph.
        (
            "The Parties shall carry out quality",
            "Both Parties shall carry out quality",
            "base.quality-improvement",
            "Both",
        ),
        // Last word of a paragraph.
        (
            "improves care coordination for Members.",
            "improves care coordination for Enrollees.",
            "base.quality-improvement",
            "Enrollees",
        ),
        // First word after a bold lead-in.
        (
            "Frequency and Purpose.** The MCP",
            "Frequency and Purpose.** Each MCP",
            "base.quarterly-meetings",
            "Each",
        ),
        // Inside a list item, and the first word of one.
        (
            "- make sure the MCP has enough staff",
            "- make sure the MCP has some staff",
            "base.mcp-obligations",
            "some",
        ),
        (
            "- oversee the MCP's compliance",
            "- review the MCP's compliance",
            "base.mcp-obligations",
            "review",
        ),
        // Last word of a list item.
        (
            "officer;\n- make sure",
            "manager;\n- make sure",
            "base.mcp-obligations",
            "manager",
        ),
        // Next to a filled slot (`within [number of days] days`).
        (
            "within five (5) days after the Effective",
            "within five (5) weeks after the Effective",
            "base.training",
            "weeks",
        ),
        // A word with non-ASCII letters and curly quotes around it.
        (
            "a short summary of the follow-up",
            "a \u{201C}brève\u{201D} summary of the follow-up",
            "base.quarterly-meetings",
            "brève",
        ),
    ];
    for (from, to, provision, covered) in cases {
        let text = replace_once(&clean, from, to);
        let (d, span) = one_finding(&text, bundled());
        assert_eq!(d.kind, Kind::Altered, "{to}: {}", d.message);
        assert_eq!(d.provision.as_deref(), Some(provision), "{to}");
        assert_eq!(span, covered, "{to}: {}", d.message);
    }
}

#[test]
fn a_deleted_word_points_where_it_was() {
    let clean = generate(&["base"], bundled());
    // (template text, draft text, the draft text just after the point)
    let cases = [
        // Inside a sentence: just after the word before it.
        ("a short summary of", "a summary of", " summary of"),
        // The first word of a paragraph: at the word that now starts it.
        (
            "\n\nThe Parties shall carry out quality",
            "\n\nParties shall carry out quality",
            "Parties shall carry",
        ),
        // The first word of a list item.
        ("- oversee the MCP's", "- the MCP's", "the MCP's"),
        // The last word of a paragraph: after the word that now ends it.
        ("coordination for Members.\n", "coordination for.\n", ".\n"),
    ];
    for (from, to, after) in cases {
        let text = replace_once(&clean, from, to);
        let (d, span) = one_finding(&text, bundled());
        assert_eq!(d.kind, Kind::Altered, "{to}: {}", d.message);
        assert!(d.message.contains("[-"), "{}", d.message);
        assert_eq!(span, "", "{to}: a point, not a range");
        let at = d.span.unwrap().offset;
        assert!(
            text[at..].starts_with(after),
            "{to}: points at {:?}",
            &text[at..at + 20]
        );
    }
}

#[test]
fn one_changed_word_in_a_table_cell_is_one_finding_on_that_cell() {
    // An imported template may tag a provision holding a table.
    let base = bundled().get("base").unwrap();
    let tagged = replace_once(
        &base.body,
        "## Exhibit B. Data Elements",
        "<!-- moulint: provision base.test-data-elements -->\n## Exhibit B. Data Elements",
    );
    let set = TemplateSet::from_sources(
        reference::Origin::Bundled,
        [(
            "base".to_string(),
            format!("---\ntemplate: base\nversion: \"2025-05\"\n---\n{tagged}"),
        )],
    )
    .unwrap();
    let clean = generate(&["base"], &set);
    let r = lint_source_with(SourceFile::new("draft.md", clean.clone()), catalog(), &set);
    assert!(ours(&r).is_empty(), "{}", show(&r));
    let text = replace_once(&clean, "| Date of birth |", "| Date of death |");
    let (d, span) = one_finding(&text, &set);
    assert_eq!(d.kind, Kind::Altered);
    assert_eq!(d.provision.as_deref(), Some("base.test-data-elements"));
    assert_eq!(span, "death");
}

#[test]
fn spans_are_exact_bytes_with_bom_crlf_tabs_and_curly_quotes() {
    let clean = generate(&["base"], bundled());
    // Before the changed word, in the same paragraph: a no-break space
    // (two bytes, one in the compared text), a tab, an en dash.
    let text = replace_once(
        &clean,
        "The MCP Responsible Person and the\nThird-Party Entity Responsible Person, or their liaisons, shall meet at\nleast quarterly to assess",
        "The MCP Responsible\u{a0}Person and the\nThird\u{2013}Party Entity Responsible Person, or their liaisons, shall meet at\nleast\tannually to \u{2018}assess\u{2019}",
    );
    let text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let (d, span) = one_finding(&text, bundled());
    assert_eq!(d.provision.as_deref(), Some("base.quarterly-meetings"));
    assert_eq!(span, "annually");
}

#[test]
fn a_changed_optional_provision_never_forces_a_redline() {
    let clean = generate(&["base"], bundled());
    let optional = moulint::compare::References::new(bundled())
        .get(&["base".to_string()], &catalog().vocab.drafting)
        .unwrap()
        .provisions
        .iter()
        .find(|p| p.optional)
        .map(|p| p.title.clone())
        .expect("an optional provision");
    // The first sentence after the optional provision's heading, reworded.
    let at = clean.find(&format!("{optional}\n")).expect("its heading");
    let para = at + clean[at..].find("\n\n").unwrap() + 2;
    let word_end = para + clean[para..].find(' ').unwrap();
    let text = format!("{}Reworded{}", &clean[..para], &clean[word_end..]);
    let r = check(&text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    assert_eq!(found[0].kind, Kind::Altered);
    assert_eq!(found[0].severity, moulint::diagnostic::Severity::Warning);
    assert_eq!(r.verdict, Verdict::FileAndUse, "{}", show(&r));
}

#[test]
fn a_broken_templates_dir_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let run = |dir: &Path| {
        let out = Command::cargo_bin("moulint")
            .unwrap()
            .env("SOURCE_DATE_EPOCH", common_as_of())
            .args(["check", "fixtures/redline/clean.md", "--templates"])
            .arg(dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run(&dir.path().join("nope"));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("templates directory") && err.contains("nope"),
        "{err}"
    );
    let (code, err) = run(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("holds no"), "{err}");
    let file = dir.path().join("base.md");
    // A mark that tags nothing shows only when the template is assembled:
    // still an error at start-up, not a comparison skipped per draft.
    std::fs::write(
        &file,
        "# MOU\n\nText.\n\n<!-- moulint: provision base.term -->\n",
    )
    .unwrap();
    let (code, err) = run(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("base.md") && err.contains("tags no section"),
        "{err}"
    );
    std::fs::write(&file, "---\nversion: [\n---\n# MOU\n").unwrap();
    let (code, err) = run(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("base.md") && err.contains("YAML"), "{err}");
    std::fs::write(&file, b"\xff\xfe# MOU\n").unwrap();
    let (code, err) = run(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("base.md"), "{err}");
}

/// Every `step`-th plain word of each mandatory provision of each template,
/// with the draft text around it: (template, provision, byte offset of the
/// word in the generated draft, the word).
fn sample_words(step: usize) -> Vec<(String, String, String, usize, String)> {
    let mut out = Vec::new();
    for id in checkable() {
        let clean = generate(&[&id], bundled());
        let body = clean.find("\n---\n").unwrap() + 5;
        let reference = moulint::compare::References::new(bundled())
            .get(std::slice::from_ref(&id), &catalog().vocab.drafting)
            .unwrap();
        for rp in reference.provisions.iter().filter(|p| !p.optional) {
            let toks = &rp.tokens;
            for k in (1..toks.len().saturating_sub(1)).filter(|k| k % step == step / 2) {
                let (p, t, n) = (&toks[k - 1], &toks[k], &toks[k + 1]);
                let text = &reference.tree.blocks[t.block].text;
                let word = &text[t.range()];
                if p.block != t.block
                    || n.block != t.block
                    || t.title
                    || !word.chars().all(char::is_alphabetic)
                {
                    continue;
                }
                // The word with its neighbours, found once in the draft
                // (whose lines may wrap elsewhere).
                let context = &text[p.start..n.end];
                if context.contains(['[', '*']) {
                    continue;
                }
                let words: Vec<String> = context.split_whitespace().map(regex::escape).collect();
                let re = regex::Regex::new(&words.join(r"\s+")).unwrap();
                let found: Vec<usize> = re
                    .find_iter(&clean[body..])
                    .map(|m| body + m.start())
                    .collect();
                if found.len() != 1 {
                    continue;
                }
                let at = found[0] + (t.start - p.start);
                if clean.get(at..at + word.len()) != Some(word) {
                    continue; // the draft wraps a line before the word
                }
                out.push((
                    id.clone(),
                    rp.id.clone(),
                    clean.clone(),
                    at,
                    word.to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn any_one_word_changed_or_deleted_is_one_finding_there() {
    use rayon::prelude::*;
    let samples = sample_words(37);
    assert!(samples.len() > 60, "{}", samples.len());
    let failures: Vec<String> = samples
        .par_iter()
        .flat_map_iter(|(id, provision, clean, at, word)| {
            let (at, end) = (*at, at + word.len());
            let changed = format!("{}Zqxvk{}", &clean[..at], &clean[end..]);
            let deleted = format!("{}{}", &clean[..at], clean[end..].trim_start_matches(' '));
            [(changed, "Zqxvk"), (deleted, "")]
                .into_iter()
                .filter_map(move |(text, want)| {
                    let r = check(&text);
                    let found = ours(&r);
                    let ok = found.len() == 1
                        && found[0].kind == Kind::Altered
                        && found[0].provision.as_deref() == Some(provision.as_str())
                        && found[0].span.is_some_and(|s| {
                            let covered = &text[s.offset..s.end()];
                            // A deletion is a point just after the word
                            // before it (and its punctuation).
                            covered == want
                                && (!want.is_empty() || (s.offset <= at && at <= s.offset + 3))
                        });
                    (!ok).then(|| format!("{id} {provision} {word:?} -> {want:?}:\n{}", show(&r)))
                })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_rewritten_provision_is_one_finding_not_also_additions() {
    let clean = generate(&["base"], bundled());
    let a = clean.find("## 10. Quality Improvement").unwrap();
    let b = clean.find("## 11. ").unwrap();
    let text = format!(
        "{}## 10. Quality Improvement\n\nEach year the two organizations review together how \
         well members moved between their programs, using referral counts and complaint logs, \
         and they write down fixes. Results go to both boards within ninety days.\n\nThe \
         organizations also publish a short plain-language note on what changed for residents \
         after each review cycle.\n\n{}",
        &clean[..a],
        &clean[b..]
    );
    let r = check(&text);
    let found = ours(&r);
    assert_eq!(found.len(), 1, "{}", show(&r));
    assert!(found[0].message.contains("rewritten"), "{}", show(&r));
    assert_eq!(
        found[0].provision.as_deref(),
        Some("base.quality-improvement")
    );
}

/// The HTML report as a reader gets it from headless Chromium: the
/// particulars and the tally first, the findings by title with their
/// changes rendered, the whole MOU in the draft's order with each article
/// on a new page, page numbers, no overflow at A4 or Letter width, and a
/// PDF for each paper.
#[test]
fn html_report_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let run = Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .env("SOURCE_DATE_EPOCH", "1764806400")
        .args([
            "redline",
            "fixtures/redline/altered.md",
            "--format",
            "html",
            "-o",
        ])
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let Some(got) = common::in_browser("report.mjs", &[&html, dir.path()]) else {
        return;
    };
    let dom = &got["dom"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();

    // Nothing is loaded from anywhere; no script runs.
    assert_eq!(got["blocked"], serde_json::json!([]));
    assert_eq!(dom["scripts"], 0);
    assert!(text(&dom["csp"]).contains("default-src 'none'"));

    // The particulars, from the front matter.
    let p = &dom["particulars"];
    assert!(text(&p["Verdict"]).starts_with("redline"), "{p}");
    assert_eq!(text(&p["MCP"]), "Golden Poppy Health Plan");
    assert_eq!(
        text(&p["Other party"]),
        "Sierra Vista Continuum of Care (continuum-of-care)"
    );
    assert_eq!(text(&p["County"]), "Alpine");
    assert_eq!(text(&p["Effective date"]), "2025-01-01");
    assert_eq!(text(&p["Execution date"]), "not given");
    assert_eq!(text(&p["Status"]), "draft");
    assert!(text(&p["Compared with"]).contains("not the official template"));
    assert_eq!(
        text(&p["Generated"]),
        format!("2025-12-04 by moulint {}", env!("CARGO_PKG_VERSION"))
    );

    // The tally: what each count means for the submission.
    let tally: Vec<(String, String)> = dom["tally"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (text(&r[0]), text(&r[1])))
        .collect();
    let count = |what: &str| {
        tally
            .iter()
            .find(|(w, _)| w == what)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| panic!("no tally row {what}: {tally:?}"))
    };
    assert_eq!(count("Unchanged"), "16");
    assert_eq!(count("Mandatory provision changed"), "2");
    assert_eq!(count("Mandatory provision missing"), "0");
    assert_eq!(count("Text added"), "2");

    // Findings by title, their changes rendered as deletions and insertions.
    let findings = dom["findings"].as_array().unwrap();
    let titles: Vec<String> = findings.iter().map(|f| text(&f["title"])).collect();
    assert_eq!(titles, ["Quarterly Meetings", "Dispute Resolution"]);
    assert_eq!(findings[0]["del"], serde_json::json!(["shall"]));
    assert_eq!(findings[0]["ins"], serde_json::json!(["may"]));

    // The whole MOU in the draft's order: the preamble first, the moved
    // provision where the draft has it, an added article, the signature
    // blocks and the exhibits last, each article on a new page and each
    // heading shown once.
    let parts = dom["parts"].as_array().unwrap();
    assert_eq!(parts[0]["provision"], serde_json::Value::Null);
    assert_eq!(text(&parts[0]["heading"]), "Memorandum of Understanding");
    let order: Vec<String> = parts
        .iter()
        .filter_map(|p| p["provision"].as_str().map(str::to_string))
        .collect();
    let at = |id: &str| order.iter().position(|o| o == id).unwrap();
    assert!(at("base.equal-treatment") < at("base.dispute-resolution"));
    assert!(at("base.quarterly-meetings") < at("base.quality-improvement"));
    let headings: Vec<String> = parts.iter().map(|p| text(&p["heading"])).collect();
    let pos = |h: &str| {
        headings
            .iter()
            .position(|x| x.starts_with(h))
            .unwrap_or_else(|| panic!("no part {h}: {headings:?}"))
    };
    assert!(pos("Signatures") > pos("14.3 Delegation"));
    assert!(pos("Exhibit A") > pos("Signatures"));
    let added = &parts[pos("17. Local Coordination Committee")];
    assert_eq!(
        added["ins"][0],
        serde_json::json!("17. Local Coordination Committee")
    );
    assert!(parts[pos("Exhibit A")]["tables"].as_u64().unwrap() >= 1);
    for part in parts {
        assert!(
            part["headings"].as_u64() <= Some(1),
            "a heading once: {part}"
        );
        let class = text(&part["class"]);
        let expected = if class.contains("article") {
            "page"
        } else {
            "auto"
        };
        assert_eq!(text(&part["breakBefore"]), expected, "{part}");
    }
    let qm = &parts[pos("9. Quarterly Meetings")];
    assert_eq!(qm["state"], "altered");
    assert_eq!(qm["del"], serde_json::json!(["shall"]));
    assert_eq!(
        qm["ins"],
        serde_json::json!([
            "may",
            "The Parties may also invite County staff to these meetings."
        ])
    );
    assert_eq!(dom["coverBreakAfter"], "page");
    let optional = &parts[pos("15. Closed-Loop Referrals")];
    assert!(text(&optional["class"]).contains("optional"));
    assert!(text(&optional["heading"]).contains("optional provision, not included"));

    // Print: numbered pages, both papers, nothing wider than the page.
    assert!(dom["pageRules"][0]
        .as_str()
        .unwrap()
        .contains("counter(page)"));
    let articles = parts
        .iter()
        .filter(|p| text(&p["class"]).contains("article"))
        .count() as u64;
    for (paper, size) in [("A4", [595.0, 842.0]), ("Letter", [612.0, 792.0])] {
        let pr = &got["print"][paper];
        assert_eq!(pr["wide"], serde_json::json!([]), "{paper}: {pr}");
        assert!(pr["scrollWidth"].as_u64() <= pr["width"].as_u64(), "{pr}");
        assert!(pr["pages"].as_u64().unwrap() > articles, "{paper}: {pr}");
        let media = pr["mediaBox"].as_array().unwrap();
        assert!((media[2].as_f64().unwrap() - size[0]).abs() < 2.0, "{pr}");
        assert!((media[3].as_f64().unwrap() - size[1]).abs() < 2.0, "{pr}");
    }
    assert!(got["png"].as_u64().unwrap() > 10_000);
}

/// `moulint check --format json` on `text`, with `--templates DIR` when
/// given: the file's verdict and its `doc.altered` findings.
fn check_cli(text: &str, templates: Option<&Path>) -> (String, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::write(&draft, text).unwrap();
    let mut cmd = Command::cargo_bin("moulint").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", common_as_of());
    cmd.arg("check").arg(&draft).args(["--format", "json"]);
    if let Some(t) = templates {
        cmd.arg("--templates").arg(t);
    }
    let out = cmd.output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let file = &json["files"][0];
    let altered = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == "doc.altered" && d["severity"] == "error")
        .cloned()
        .collect();
    (file["verdict"].as_str().unwrap().to_string(), altered)
}

/// Permitted variation through the CLI: the bundled Base template lets the
/// parties shorten the dispute periods (`[at most: ten (10)]`); a template
/// may also set a floor (`[at least: ...]`) and offer alternatives (`[one
/// of: ... | ...]`); an optional article may be deleted and the articles
/// after it renumbered.
#[test]
fn permitted_variations_pass_and_anything_else_is_a_change() {
    let clean = std::fs::read_to_string("fixtures/redline/clean.md").unwrap();
    let with = |from: &str, to: &str| {
        assert!(clean.contains(from), "{from}");
        clean.replacen(from, to, 1)
    };
    let meet = "meet within ten (10)";

    // A period the parties may shorten, in any spelling.
    for shorter in ["five (5)", "5", "ten", "ten (10)"] {
        let (verdict, altered) = check_cli(&with(meet, &format!("meet within {shorter}")), None);
        assert_eq!(
            (verdict.as_str(), altered.len()),
            ("file-and-use", 0),
            "{shorter}"
        );
    }
    // Longer, or no number at all, changes the mandatory timeline.
    for other in ["twenty (20)", "a reasonable number of"] {
        let (verdict, altered) = check_cli(&with(meet, &format!("meet within {other}")), None);
        assert_eq!(verdict, "redline", "{other}");
        assert_eq!(altered.len(), 1, "{other}: {altered:?}");
        assert_eq!(altered[0]["span"]["line"], 233);
        assert!(
            altered[0]["help"]
                .as_str()
                .unwrap()
                .contains("a number no greater than ten (10)"),
            "{altered:?}"
        );
    }

    // A floor and alternatives, in a template of the plan's own.
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("rules/templates/base.md").unwrap();
    let base = base
        .replacen(
            "at least [number of days] days' written notice",
            "at least [at least: ninety (90)] days' written notice",
            1,
        )
        .replacen(
            "and then renews\nautomatically for successive one-year terms,",
            "and then [one of: renews automatically for successive one-year terms | ends \
             when the initial term ends],",
            1,
        );
    std::fs::write(dir.path().join("base.md"), base).unwrap();
    let templates = Some(dir.path());
    let notice = "at least ninety (90) days'";
    let renews = "renews\nautomatically for successive one-year terms";
    for (draft, expected) in [
        (clean.clone(), "file-and-use"),
        (with(notice, "at least 120 days'"), "file-and-use"),
        (with(notice, "at least sixty (60) days'"), "redline"),
        (
            with(renews, "ends when the initial term\nends"),
            "file-and-use",
        ),
        (with(renews, "renews for one month at a time"), "redline"),
    ] {
        let (verdict, altered) = check_cli(&draft, templates);
        assert_eq!(verdict, expected, "{altered:?}");
        assert_eq!(
            altered.is_empty(),
            expected == "file-and-use",
            "{altered:?}"
        );
    }

    // An optional article deleted, the next one renumbered.
    let from = clean.find("## 15. Closed-Loop Referrals").unwrap();
    let to = clean.find("## 16. Emergency Preparedness").unwrap();
    let deleted = format!(
        "{}## 15. Emergency Preparedness{}",
        &clean[..from],
        &clean[to + "## 16. Emergency Preparedness".len()..]
    );
    let (verdict, altered) = check_cli(&deleted, None);
    assert_eq!((verdict.as_str(), altered.len()), ("file-and-use", 0));
}

/// A value slot (a date, a number, a name) takes a value, not a clause: a
/// condition or a duty written into its fill is a change of the mandatory
/// wording, while a fill of any other shape passes.
#[test]
fn a_condition_inside_a_slot_fill_is_a_change() {
    let clean = std::fs::read_to_string("fixtures/redline/clean.md").unwrap();
    let effective = "This MOU takes effect on January 1, 2025";
    assert!(clean.contains(effective));
    for (fill, expected) in [
        ("January 1, 2025", "file-and-use"),
        ("the date of the last signature below", "file-and-use"),
        ("1/1/2025", "file-and-use"),
        ("January 1, 2025, unless DHCS objects", "redline"),
        ("January 1, 2025 if the County agrees", "redline"),
        ("a date the MCP may choose", "redline"),
    ] {
        let text = clean.replacen(effective, &format!("This MOU takes effect on {fill}"), 1);
        let (verdict, altered) = check_cli(&text, None);
        assert_eq!(verdict, expected, "{fill}: {altered:?}");
        if expected == "redline" {
            assert_eq!(altered.len(), 1, "{fill}: {altered:?}");
            assert_eq!(altered[0]["span"]["line"], 47, "{fill}");
        }
    }
}

/// Added language that sets a mandatory obligation aside is a conflict,
/// through the CLI: the verdict is `redline`, never `file-and-use`; the
/// same override word with nothing mandatory to set aside stays a note.
#[test]
fn added_text_that_overrides_mandatory_text_forces_a_redline() {
    for (fixture, verdict) in [
        ("trigger-conflict-inside", "redline"),
        ("trigger-conflict-cites", "redline"),
        ("trigger-conflict-definition", "redline"),
        ("trigger-added-harmless", "file-and-use"),
    ] {
        let path = format!("fixtures/rules/doc.altered/{fixture}.md");
        let out = Command::cargo_bin("moulint")
            .unwrap()
            .env("SOURCE_DATE_EPOCH", common_as_of())
            .args(["check", &path, "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let file = &json["files"][0];
        assert_eq!(file["verdict"], verdict, "{fixture}: {file}");
        let conflicts: Vec<&serde_json::Value> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["kind"] == "conflict")
            .collect();
        assert_eq!(
            conflicts.len(),
            usize::from(verdict == "redline"),
            "{fixture}"
        );
        if let Some(c) = conflicts.first() {
            assert_eq!(c["severity"], "error");
            assert!(c["provision"].as_str().is_some(), "{c}");
        }
        assert_eq!(
            out.status.code(),
            Some(if verdict == "redline" { 1 } else { 0 })
        );
    }
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
