//! Recognition measured on the blind corpus (`fixtures/generalization/`):
//! paraphrases and near misses written from the domain notes alone, never
//! seen by whoever wrote the packs. Each file names its provision and case
//! in a `<!-- blind: provision=ID case=paraphrase|near-miss -->` comment.
//!
//! The corpus is held out: nothing may be tuned to it. This test guards the
//! measured floor, so a change that recognizes fewer paraphrases or catches
//! fewer near misses fails; raise the floor when the mechanism improves.

mod common;

use std::path::{Path, PathBuf};

use moulint::diagnostic::Kind;

/// Measured at the floor's last raise (the regex packs, before the clause
/// model): paraphrases recognized, near misses caught.
const PARAPHRASES_RECOGNIZED: usize = 61;
const NEAR_MISSES_CAUGHT: usize = 45;

fn corpus(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("fixtures/generalization exists") {
        let p = e.unwrap().path();
        if p.is_dir() {
            corpus(&p, out);
        } else if p.extension().is_some_and(|x| x == "md")
            && p.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(p);
        }
    }
}

/// `provision` and `case` from a file's blind comment.
fn blind(text: &str) -> Option<(Option<String>, String)> {
    let start = text.find("<!-- blind:")? + "<!-- blind:".len();
    let end = start + text[start..].find("-->")?;
    let mut provision = None;
    let mut case = None;
    for w in text[start..end].split_whitespace() {
        if let Some(v) = w.strip_prefix("provision=") {
            provision = Some(v.to_string());
        } else if let Some(v) = w.strip_prefix("case=") {
            case = Some(v.to_string());
        }
    }
    Some((provision, case?))
}

#[test]
fn blind_recognition_stays_at_or_above_its_floor() {
    let mut files = Vec::new();
    corpus(Path::new("fixtures/generalization"), &mut files);
    files.sort();
    let (mut recognized, mut paraphrases, mut caught, mut near_misses) = (0, 0, 0, 0);
    let mut missed = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (provision, case) = blind(&text)
            .unwrap_or_else(|| panic!("{}: no `<!-- blind: ... -->` comment", path.display()));
        let Some(provision) = provision else {
            assert_eq!(case, "complete", "{}", path.display());
            continue;
        };
        let report = common::lint_file(path, common::catalog());
        let flagged = report.diagnostics.iter().any(|d| {
            (d.provision.as_deref() == Some(&provision) || d.id == provision)
                && matches!(
                    d.kind,
                    Kind::Missing | Kind::Incomplete | Kind::Outdated | Kind::Altered
                )
        });
        match case.as_str() {
            "paraphrase" => {
                paraphrases += 1;
                if flagged {
                    missed.push(path.display().to_string());
                } else {
                    recognized += 1;
                }
            }
            "near-miss" => {
                near_misses += 1;
                caught += usize::from(flagged);
            }
            other => panic!("{}: unknown case `{other}`", path.display()),
        }
    }
    assert!(paraphrases > 50 && near_misses > 30, "the corpus is there");
    println!(
        "paraphrases recognized {recognized}/{paraphrases}, near misses caught {caught}/{near_misses}"
    );
    assert!(
        recognized >= PARAPHRASES_RECOGNIZED,
        "paraphrases recognized fell to {recognized}/{paraphrases} (floor {PARAPHRASES_RECOGNIZED}); \
         not recognized:\n{}",
        missed.join("\n")
    );
    assert!(
        caught >= NEAR_MISSES_CAUGHT,
        "near misses caught fell to {caught}/{near_misses} (floor {NEAR_MISSES_CAUGHT})"
    );
}
