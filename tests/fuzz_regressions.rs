//! Replays the fuzz regression inputs (`fixtures/fuzz/<target>/`) through
//! the entry point each fuzz target calls, so a crash fuzzing found stays
//! fixed as an ordinary test. Any panic fails the test with the file name.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// A fuzz target's name and the entry point it calls.
type Target = (&'static str, fn(&[u8]));

/// The targets, each with its entry point in `moulint::fuzzing`.
const TARGETS: [Target; 4] = [
    ("front_matter", moulint::fuzzing::front_matter),
    ("tree", moulint::fuzzing::tree),
    ("check", moulint::fuzzing::check),
    ("redline", moulint::fuzzing::redline),
];

fn inputs(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new("fixtures/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Every input runs through its own target's entry point and every other
/// stage too: a crash in the tree may first show up under the whole check.
#[test]
fn every_stage_takes_every_fuzz_regression_input() {
    let mut panicked = Vec::new();
    for (target, _) in TARGETS {
        let files = inputs(target);
        assert!(!files.is_empty(), "fixtures/fuzz/{target} holds inputs");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            for (stage, run) in TARGETS {
                if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
                    panicked.push(format!("{} under {stage}", file.display()));
                }
            }
        }
    }
    assert!(panicked.is_empty(), "panicked on: {panicked:#?}");
}
