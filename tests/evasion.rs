//! What the reader sees is what moulint checks: each way of hiding or
//! disguising text in a file-and-use draft (`fixtures/redline/clean.md`)
//! changes its verdict, through the command line.

use assert_cmd::Command;
use serde_json::Value;

const CLEAN: &str = "fixtures/redline/clean.md";

/// Paragraph 9.1 of the clean draft: a mandatory duty.
const DUTY: &str = "**9.1 Frequency and Purpose.** The MCP Responsible Person and the\n\
Third-Party Entity Responsible Person, or their liaisons, shall meet at\n\
least quarterly to assess how this MOU is being carried out, to address\n\
specific issues in referral and care coordination, and to agree on\n\
follow-up actions.\n";

/// `moulint check --format json` over the clean draft with 9.1 replaced
/// by `edit(9.1)`: the file's report, the exit code and the edited text.
fn check_edited(edit: impl Fn(&str) -> String) -> (Value, i32, String) {
    let text = std::fs::read_to_string(CLEAN).unwrap();
    assert!(text.contains(DUTY), "the clean draft has paragraph 9.1");
    let edited = text.replace(DUTY, &edit(DUTY));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.md");
    std::fs::write(&path, &edited).unwrap();
    let out = Command::cargo_bin("moulint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (v["files"][0].clone(), out.status.code().unwrap(), edited)
}

/// The findings with this id, as (offset, length, message).
fn of(f: &Value, id: &str) -> Vec<(usize, usize, String)> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == id)
        .map(|d| {
            (
                d["span"]["offset"].as_u64().unwrap() as usize,
                d["span"]["length"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_clean_draft_is_file_and_use() {
    let (f, code, _) = check_edited(|d| d.to_string() + "\n");
    assert_eq!(f["verdict"], "file-and-use", "{f:#}");
    assert_eq!(code, 0);
}

#[test]
fn a_duty_wrapped_in_a_hidden_html_block_is_not_read() {
    let (f, code, text) = check_edited(|d| format!("<div hidden>\n\n{d}\n</div>\n"));
    assert_eq!(code, 1);
    assert_eq!(f["verdict"], "incomplete");
    let html = of(&f, "doc.raw-html");
    assert_eq!(html.len(), 1, "one finding for the element: {html:?}");
    let (at, len, msg) = &html[0];
    assert_eq!(&text[*at..at + len], "<div hidden>");
    assert!(msg.contains("`<div hidden>`"), "{msg}");
    // The duty inside is not counted as present: its words are deleted.
    let altered = of(&f, "doc.altered");
    assert!(
        altered
            .iter()
            .any(|(_, _, m)| m.contains("[-Frequency and Purpose")),
        "{altered:?}"
    );
}

#[test]
fn a_duty_hidden_by_an_inline_style_is_not_read() {
    let (f, code, text) = check_edited(|d| {
        d.replace(
            "shall meet at\nleast quarterly",
            "<span style=\"display:none\">shall meet at\nleast quarterly</span>",
        )
    });
    assert_eq!(code, 1);
    assert_eq!(f["verdict"], "incomplete");
    let html = of(&f, "doc.raw-html");
    assert_eq!(html.len(), 1, "{html:?}");
    assert_eq!(
        &text[html[0].0..html[0].0 + html[0].1],
        "<span style=\"display:none\">"
    );
    assert!(of(&f, "doc.altered")
        .iter()
        .any(|(_, _, m)| m.contains("[-shall meet at least quarterly-]")));
}

#[test]
fn struck_through_text_is_deleted_text() {
    let (f, code, _) =
        check_edited(|d| d.replace("shall meet at", "~~shall meet at~~ may meet at"));
    assert_eq!(code, 1);
    assert_ne!(f["verdict"], "file-and-use");
    assert_eq!(f["verdict"], "redline");
    let altered = of(&f, "doc.altered");
    assert!(
        altered
            .iter()
            .any(|(_, _, m)| m.contains("[-shall-]{+may+}")),
        "{altered:?}"
    );
    // Struck text alone (nothing added) removes the duty just the same.
    let (f, _, _) = check_edited(|d| d.replace("shall meet at", "~~shall~~ meet at"));
    assert_eq!(f["verdict"], "redline");
}

#[test]
fn a_right_to_left_override_in_a_duty_is_named_and_escaped() {
    let (f, code, text) = check_edited(|d| d.replace("shall meet", "shall\u{202E} meet"));
    assert_eq!(code, 1);
    assert_eq!(f["verdict"], "incomplete");
    let hidden = of(&f, "doc.hidden-text");
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let (at, len, msg) = &hidden[0];
    assert_eq!(&text[*at..at + len], "\u{202E}");
    assert!(msg.contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{msg}");
    // No report carries the character itself.
    for format in ["json", "human", "concise", "sarif"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.md");
        std::fs::write(&path, &text).unwrap();
        let out = Command::cargo_bin("moulint")
            .unwrap()
            .args(["check", "--color", "never", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(!s.contains('\u{202E}'), "{format} shows U+202E raw");
        assert!(s.contains("U+202E"), "{format} names it");
    }
}

#[test]
fn a_cyrillic_letter_in_shall_is_a_finding() {
    let (f, code, text) = check_edited(|d| d.replace("shall meet", "sh\u{0430}ll meet"));
    assert_eq!(code, 1);
    assert_eq!(f["verdict"], "incomplete");
    let hidden = of(&f, "doc.hidden-text");
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let (at, len, msg) = &hidden[0];
    assert_eq!(&text[*at..at + len], "sh\u{0430}ll");
    assert!(msg.contains("U+0430"), "{msg}");
    assert!(msg.contains("Cyrillic"), "{msg}");
    // Every message shows the lookalike escaped, the word comparison's too.
    for d in f["diagnostics"].as_array().unwrap() {
        assert!(
            !d["message"].as_str().unwrap().contains('\u{0430}'),
            "{d:#}"
        );
    }
}

#[test]
fn zero_width_tag_and_soft_hyphen_characters_are_findings() {
    for (hide, name) in [
        ("sh\u{200B}all", "U+200B ZERO WIDTH SPACE"),
        ("shall\u{E0049}\u{E0047}", "U+E0049 TAG CHARACTER"),
        ("sh\u{00AD}all", "U+00AD SOFT HYPHEN"),
    ] {
        let (f, code, _) = check_edited(|d| d.replace("shall meet", &format!("{hide} meet")));
        assert_eq!(code, 1, "{name}");
        assert_eq!(f["verdict"], "incomplete", "{name}");
        let hidden = of(&f, "doc.hidden-text");
        assert!(
            hidden.iter().any(|(_, _, m)| m.contains(name)),
            "{hidden:?}"
        );
    }
}
