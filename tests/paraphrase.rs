//! Recognition measured on the blind paraphrase corpus
//! (`fixtures/paraphrase/`, written from `BRIEF.md` alone): every mandatory
//! provision of every pack said in seven or more ways, each of which must be
//! recognized, and in three or more weakened ways (negated, optional,
//! excepted, ...), each of which must be flagged.
//!
//! Each case becomes one draft: front matter for the provision's template,
//! the case's preamble and its articles. A positive is recognized when no
//! finding about its provision is `missing`, `incomplete` or `altered`; a
//! negative is caught when one is.
//!
//! `MOULINT_PARAPHRASE=1 cargo test --test paraphrase -- --nocapture`
//! prints every case that fails.

mod common;

use std::path::Path;

use moulint::diagnostic::{Kind, Severity};
use moulint::source::SourceFile;
use serde::Deserialize;

/// The floor: recognized positives and caught negatives, as measured at the
/// last change of the mechanism. The targets are 98% and 100%.
const RECALL_FLOOR: f64 = 0.99;
const CAUGHT_FLOOR: f64 = 1.0;
const HOLDOUT_RECALL_FLOOR: f64 = 0.97;
const HOLDOUT_CAUGHT_FLOOR: f64 = 0.80;

#[derive(Deserialize)]
struct CaseFile {
    provision: String,
    template: String,
    mcp: String,
    other_party: String,
    counties: Vec<String>,
    preamble: String,
    positive: Vec<Case>,
    negative: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    #[serde(default)]
    style: Option<String>,
    #[serde(default)]
    defect: Option<String>,
    #[serde(default)]
    preamble: Option<String>,
    text: String,
}

/// The draft a case stands for.
fn draft(f: &CaseFile, c: &Case) -> String {
    let pack = common::catalog().pack(&f.template).expect("known template");
    let kind = &pack.def.entity_types[0].id;
    let counties = f
        .counties
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "---\ntemplate: {}\nmcp: \"{}\"\nother_party:\n  name: \"{}\"\n  type: {kind}\ncounties: [{counties}]\nstatus: draft\n---\n\n# Memorandum of Understanding\n\n{}\n\n{}\n",
        f.template,
        f.mcp,
        f.other_party,
        c.preamble.as_deref().unwrap_or(&f.preamble).trim(),
        c.text.trim()
    )
}

/// Whether the draft has a finding that the provision is not there as a
/// binding duty.
fn flagged(provision: &str, name: &str, text: String) -> Option<String> {
    let report = common::lint_source(SourceFile::new(name, text), common::catalog());
    report
        .diagnostics
        .iter()
        .find(|d| {
            d.provision.as_deref() == Some(provision)
                && matches!(d.kind, Kind::Missing | Kind::Incomplete | Kind::Altered)
        })
        .map(|d| d.message.clone())
}

/// What a corpus measures: recognized positives, caught negatives, and
/// every case that fails.
struct Measure {
    recognized: usize,
    positives: usize,
    caught: usize,
    negatives: usize,
    failures: Vec<String>,
}

impl Measure {
    fn recall(&self) -> f64 {
        self.recognized as f64 / self.positives as f64
    }

    fn share(&self) -> f64 {
        self.caught as f64 / self.negatives as f64
    }
}

fn measure(dir: &str) -> Measure {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut m = Measure {
        recognized: 0,
        positives: 0,
        caught: 0,
        negatives: 0,
        failures: Vec::new(),
    };
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let f: CaseFile =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            common::catalog().provision(&f.provision).is_some(),
            "{}: unknown provision",
            path.display()
        );
        for (i, c) in f.positive.iter().enumerate() {
            m.positives += 1;
            let name = format!("{}#positive-{}", f.provision, i + 1);
            if let Some(why) = flagged(&f.provision, &name, draft(&f, c)) {
                m.failures.push(format!(
                    "{name} ({}) not recognized: {why}",
                    c.style.as_deref().unwrap_or("?")
                ));
            } else {
                m.recognized += 1;
            }
        }
        for (i, c) in f.negative.iter().enumerate() {
            m.negatives += 1;
            let name = format!("{}#negative-{}", f.provision, i + 1);
            if flagged(&f.provision, &name, draft(&f, c)).is_some() {
                m.caught += 1;
            } else {
                m.failures.push(format!(
                    "{name} ({}) not flagged",
                    c.defect.as_deref().unwrap_or("?")
                ));
            }
        }
    }
    println!(
        "{dir}: recognized {}/{} ({:.1}%), flagged {}/{} ({:.1}%)",
        m.recognized,
        m.positives,
        m.recall() * 100.0,
        m.caught,
        m.negatives,
        m.share() * 100.0
    );
    if std::env::var_os("MOULINT_PARAPHRASE").is_some() {
        for f in &m.failures {
            println!("  {f}");
        }
    }
    m
}

#[test]
fn blind_paraphrases_are_recognized_and_weakened_duties_flagged() {
    let m = measure("fixtures/paraphrase");
    assert!(
        m.positives >= 6 * 60 && m.negatives >= 3 * 60,
        "the corpus is there"
    );
    assert!(
        m.recall() >= RECALL_FLOOR && m.share() >= CAUGHT_FLOOR,
        "recognition fell below its floor ({:.1}% / {:.1}%)",
        RECALL_FLOOR * 100.0,
        CAUGHT_FLOOR * 100.0
    );
}

/// The holdout corpus (`fixtures/paraphrase-holdout/`): written blind from
/// the same brief after the mechanisms above were built, and never used to
/// tune them, so it tells how recognition generalizes. Its floors are what
/// it measured when it was added.
#[test]
fn the_holdout_corpus_measures_generalization() {
    let m = measure("fixtures/paraphrase-holdout");
    assert!(
        m.positives >= 5 * 60 && m.negatives >= 4 * 60,
        "the holdout corpus is there"
    );
    assert!(
        m.recall() >= HOLDOUT_RECALL_FLOOR && m.share() >= HOLDOUT_CAUGHT_FLOOR,
        "holdout recognition fell below its floor ({:.1}% / {:.1}%)",
        HOLDOUT_RECALL_FLOOR * 100.0,
        HOLDOUT_CAUGHT_FLOOR * 100.0
    );
}

#[test]
fn complete_blind_drafts_get_no_error() {
    for name in ["numbered-headings", "bold-lead-ins", "upper-case-articles"] {
        let path = Path::new("fixtures/paraphrase/complete").join(format!("{name}.md"));
        let report = common::lint_file(&path, common::catalog());
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {:?} {}", d.id, d.kind, d.message))
            .collect();
        assert!(
            errors.is_empty(),
            "{name}: {} error(s):\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}

/// Added language measured on the blind conflict corpus
/// (`fixtures/conflicts/corpus.yaml`, written from the domain notes and a
/// clean draft alone): each `conflict` entry, inserted into the clean
/// draft, must make the verdict `redline` with a `conflict` or `altered`
/// finding; each `harmless` one must leave it `file-and-use`.
#[derive(Deserialize)]
struct Addition {
    id: String,
    kind: String,
    anchor: String,
    place: String,
    text: String,
    #[allow(dead_code)]
    why: String,
}

/// The floors: conflicts caught and harmless additions passed, as measured
/// when each corpus was written. The targets are 100% both.
const CONFLICTS_CAUGHT_FLOOR: f64 = 0.52;
const HARMLESS_PASSED_FLOOR: f64 = 0.86;
const HOLDOUT_CONFLICTS_CAUGHT_FLOOR: f64 = 0.16;
const HOLDOUT_HARMLESS_PASSED_FLOOR: f64 = 0.93;

/// Inserts each entry alone into the clean draft and measures: (share of
/// conflicts caught, share of harmless additions passed).
fn measure_additions(path: &str) -> (f64, f64) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let entries: Vec<Addition> = serde_saphyr::from_str(&text).unwrap();
    let clean = std::fs::read_to_string("fixtures/redline/clean.md").unwrap();
    let (mut caught, mut conflicts, mut passed, mut harmless) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for e in &entries {
        assert_eq!(clean.matches(&e.anchor).count(), 1, "{}: anchor", e.id);
        let at = clean.find(&e.anchor).unwrap() + e.anchor.len();
        let draft = match e.place.as_str() {
            "sentence" => format!("{} {}{}", &clean[..at], e.text.trim(), &clean[at..]),
            "paragraph" | "section" => {
                let end = clean[at..].find("\n\n").map_or(clean.len(), |i| at + i);
                format!("{}\n\n{}{}", &clean[..end], e.text.trim(), &clean[end..])
            }
            other => panic!("{}: unknown place {other}", e.id),
        };
        let report = common::lint_source(
            SourceFile::new(format!("{}.md", e.id), draft),
            common::catalog(),
        );
        let why = || {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| format!("{} ({})", d.id, d.kind.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match e.kind.as_str() {
            "conflict" => {
                conflicts += 1;
                if report.verdict == moulint::verdict::Verdict::Redline {
                    caught += 1;
                } else {
                    failures.push(format!("{} not caught: {}", e.id, e.text.trim()));
                }
            }
            "harmless" => {
                harmless += 1;
                if report.verdict == moulint::verdict::Verdict::FileAndUse {
                    passed += 1;
                } else {
                    failures.push(format!("{} flagged ({}): {}", e.id, why(), e.text.trim()));
                }
            }
            other => panic!("{}: unknown kind {other}", e.id),
        }
    }
    assert!(conflicts > 0 && harmless > 0, "{path}");
    let share = |a: usize, b: usize| a as f64 / b as f64;
    println!(
        "{path}: conflicts caught {caught}/{conflicts} ({:.1}%), harmless passed {passed}/{harmless} ({:.1}%)",
        share(caught, conflicts) * 100.0,
        share(passed, harmless) * 100.0
    );
    if std::env::var_os("MOULINT_PARAPHRASE").is_some() {
        for f in &failures {
            println!("  {f}");
        }
    }
    (share(caught, conflicts), share(passed, harmless))
}

#[test]
fn blind_additions_that_conflict_are_caught_and_harmless_ones_pass() {
    let (caught, passed) = measure_additions("fixtures/conflicts/corpus.yaml");
    assert!(
        caught >= CONFLICTS_CAUGHT_FLOOR,
        "conflicts caught fell to {caught:.3}"
    );
    assert!(
        passed >= HARMLESS_PASSED_FLOOR,
        "harmless passed fell to {passed:.3}"
    );
}

/// Written after the mechanism, by another author, and never tuned to.
#[test]
fn the_additions_holdout_measures_generalization() {
    let (caught, passed) = measure_additions("fixtures/conflicts/holdout.yaml");
    assert!(
        caught >= HOLDOUT_CONFLICTS_CAUGHT_FLOOR,
        "holdout conflicts caught fell to {caught:.3}"
    );
    assert!(
        passed >= HOLDOUT_HARMLESS_PASSED_FLOOR,
        "holdout harmless passed fell to {passed:.3}"
    );
}
