//! The clause model's findings point at the words that cause them: a
//! negated, optional or excepted duty is reported on the weakening words,
//! and a wrong party on the party named.

mod common;

use std::path::Path;

use moulint::diagnostic::Kind;

/// The bytes of the file that `provision`'s one `incomplete` finding spans.
fn spanned(fixture: &str, provision: &str) -> String {
    let path = Path::new("fixtures/rules").join(fixture);
    let text = std::fs::read_to_string(&path).unwrap();
    let report = common::lint_file(&path, common::catalog());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.provision.as_deref() == Some(provision) && d.kind == Kind::Incomplete)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{fixture}: one cause, one finding: {found:#?}"
    );
    let span = found[0].span.expect("a span");
    text[span.offset..span.offset + span.length].to_string()
}

#[test]
fn weakened_duties_are_reported_on_the_weakening_words() {
    let q = "base.quarterly-meetings";
    assert_eq!(spanned(&format!("{q}/trigger-negated.md"), q), "Neither");
    assert_eq!(
        spanned(&format!("{q}/trigger-optional.md"), q),
        "at their discretion"
    );
    assert_eq!(
        spanned(&format!("{q}/trigger-excepted.md"), q),
        "except as the Parties otherwise agree"
    );
    let p = "base.general.posting";
    assert_eq!(spanned(&format!("{p}/trigger-negated.md"), p), "not");
    assert_eq!(
        spanned(
            "base.general.delegation/trigger-free-delegation.md",
            "base.general.delegation"
        ),
        "delegate"
    );
}

#[test]
fn exceptions_denials_and_riders_are_reported_on_their_words() {
    let cases = [
        (
            "base.general.posting/trigger-rider-however.md",
            "can override",
        ),
        (
            "base.general.annual-review/trigger-deferral.md",
            "Subject to available staffing",
        ),
        ("base.training/trigger-relieved.md", "relieved of"),
        (
            "base.quarterly-meetings/trigger-party-judgment.md",
            "unless the Plan considers it",
        ),
    ];
    for (fixture, words) in cases {
        let provision = fixture.split('/').next().unwrap();
        assert_eq!(spanned(fixture, provision), words, "{fixture}");
    }
}

#[test]
fn an_element_stated_in_another_article_counts_and_is_recorded_there() {
    let path = Path::new("fixtures/rules/base.referrals/pass-information-elsewhere.md");
    let report = common::lint_file(path, common::catalog());
    let referrals = report
        .provisions
        .iter()
        .find(|p| p.id == "base.referrals")
        .expect("required");
    assert_eq!(referrals.section.as_deref(), Some("7 Referrals"));
    let found: Vec<(&str, &str)> = referrals
        .elements
        .iter()
        .map(|e| (e.id.as_str(), e.found))
        .collect();
    assert_eq!(
        found,
        [
            ("mcp-refers", "section"),
            ("party-refers", "section"),
            ("referral-information", "elsewhere"),
            ("acceptance", "section"),
        ]
    );
    let text = std::fs::read_to_string(path).unwrap();
    let span = referrals.elements[2].span.expect("a span");
    assert!(text[span.offset..span.end()].starts_with("referral made under this MOU includes"));
}

#[test]
fn a_sentence_that_names_nothing_specific_is_reported_whole() {
    // None of its words names a service: the whole sentence is the cause.
    assert_eq!(
        spanned("base.services/trigger-general-words.md", "base.services"),
        "This MOU applies to the services of each Party for the Members both of\n\
         them serve in Alpine County"
    );
}
