//! Properties over generated drafts: a clean draft with random edits
//! (text of any script, brackets, quotes, line breaks and Markdown marks
//! inserted at random places). Whatever the edit, every span lies inside
//! the file on character boundaries, every output format renders, the
//! line endings do not change what is found, and text inserted inside
//! one provision finds nothing about another.

mod common;

use moulint::emit::{self, human::Style, Format, Run};
use moulint::lint::FileReport;
use moulint::source::SourceFile;
use proptest::prelude::*;

const CLEAN: &str = include_str!("../fixtures/redline/clean.md");

fn check(text: &str) -> FileReport {
    common::lint_source(
        SourceFile::new("draft.md", text.to_string()),
        common::catalog(),
    )
}

/// Pieces an edit is made of: words, marks and characters that have broken
/// parsers before (a multi-byte ellipsis, a BOM, a lone CR, brackets).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("shall not".to_string()),
        Just("[MCP Name]".to_string()),
        Just("\u{2026}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("\n## ".to_string()),
        Just("**".to_string()),
        Just("1. ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("\"Term\" means ".to_string()),
        Just("Section 9.1".to_string()),
        "[a-zA-Z ]{1,12}",
        "\\PC{1,6}",
    ]
}

/// A byte offset of `text` on a character boundary, from a fraction.
fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn edited() -> impl Strategy<Value = String> {
    prop::collection::vec((0.0f64..1.0, prop::collection::vec(piece(), 1..4)), 1..4).prop_map(
        |edits| {
            let mut text = CLEAN.to_string();
            for (at, pieces) in edits {
                let i = boundary(&text, at);
                text.insert_str(i, &pieces.concat());
            }
            text
        },
    )
}

/// A finding's id, kind and line and column: what two runs compare.
type Found = (String, &'static str, Option<(usize, usize)>);

/// What a finding is, where: for comparing runs.
fn found(r: &FileReport) -> Vec<Found> {
    let src = r.source.as_ref().expect("decoded");
    let mut v: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                d.kind.as_str(),
                d.span.map(|s| src.line_col(s.offset)),
            )
        })
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_character_boundaries_and_every_format_renders(text in edited()) {
        let r = check(&text);
        for d in &r.diagnostics {
            if let Some(s) = d.span {
                prop_assert!(s.end() <= text.len(), "{} past the end", d.id);
                prop_assert!(text.is_char_boundary(s.offset), "{} starts inside a character", d.id);
                prop_assert!(text.is_char_boundary(s.end()), "{} ends inside a character", d.id);
            }
        }
        let reports = [r];
        let run = Run::new(&reports);
        let style = Style { color: false, width: 100 };
        for format in [
            Format::Human,
            Format::Concise,
            Format::Json,
            Format::JsonLines,
            Format::Sarif,
            Format::Github,
            Format::Gitlab,
            Format::Junit,
        ] {
            let out = emit::emitter(format, style).render(&run);
            prop_assert!(!out.is_empty());
        }
    }

    #[test]
    fn crlf_cr_and_bom_find_what_lf_finds_at_the_same_lines_and_columns(text in edited()) {
        let lf = text.replace(['\r', '\u{feff}'], "");
        let expected = found(&check(&lf));
        let crlf = lf.replace('\n', "\r\n");
        prop_assert_eq!(&expected, &found(&check(&crlf)), "CRLF");
        let cr = lf.replace('\n', "\r");
        prop_assert_eq!(&expected, &found(&check(&cr)), "CR");
        let bom = format!("\u{feff}{lf}");
        prop_assert_eq!(&expected, &found(&check(&bom)), "BOM");
    }

    #[test]
    fn words_added_inside_one_provision_find_nothing_about_another(
        at in 0usize..1000,
        words in prop::collection::vec(
            prop::sample::select(vec!["the", "parties", "review", "records", "weekly", "and", "share", "notes", "with", "staff"]),
            2..8,
        ),
    ) {
        // A sentence of plain words, appended to a paragraph of Article 9.
        let start = CLEAN.find("## 9. Quarterly Meetings").unwrap();
        let end = CLEAN.find("## 10. Quality Improvement").unwrap();
        let ends: Vec<usize> = CLEAN[start..end].match_indices(".\n").map(|(i, _)| start + i + 1).collect();
        let i = ends[at % ends.len()];
        let sentence = format!(" {}.", words.join(" "));
        let text = format!("{}{}{}", &CLEAN[..i], sentence, &CLEAN[i..]);
        let about_others = |r: &FileReport| -> Vec<String> {
            r.diagnostics
                .iter()
                .filter(|d| d.provision.as_deref() != Some("base.quarterly-meetings"))
                .map(|d| format!("{} {} {}", d.id, d.kind.as_str(), d.message))
                .collect()
        };
        prop_assert_eq!(about_others(&check(CLEAN)), about_others(&check(&text)));
    }
}
