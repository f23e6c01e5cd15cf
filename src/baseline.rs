//! Baselines: the findings of a run recorded in a file
//! (`moulint baseline write FILE PATHS...`), so that `moulint check
//! --baseline FILE` reports only the new ones and lists the entries that
//! no longer occur.
//!
//! An entry is keyed by the rule id, the path as given, and a hash of the
//! finding's normalized text (the text under its span with runs of
//! whitespace as one space, or its message for a file-wide finding) and its
//! provision; never a line number, so a finding stays baselined when lines
//! are added above it. A baselined finding is listed as suppressed and
//! still decides its file's verdict.

use std::collections::{HashMap, VecDeque};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Suppressed, SuppressedBy};
use crate::emit::common::{fnv1a64, subject};
use crate::error::Error;
use crate::lint::FileReport;
use crate::util::fs::write_atomic;

/// Bumped only if the meaning of an entry changes.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub path: String,
    /// 16 hex digits: the hash of the normalized text and the provision.
    pub hash: String,
    /// The finding's message when it was recorded, for people reading the
    /// file (not compared).
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// The entry of one finding of a report.
pub fn entry(report: &FileReport, d: &Diagnostic) -> Entry {
    let text = subject(d, report.source.as_ref());
    let key = format!("{text}\0{}", d.provision.as_deref().unwrap_or(""));
    Entry {
        id: d.id.clone(),
        path: report.path.clone(),
        hash: format!("{:016x}", fnv1a64(key.as_bytes())),
        message: d.message.clone(),
    }
}

/// The baseline of the findings the reports show.
pub fn of(reports: &[FileReport]) -> Baseline {
    Baseline {
        version: VERSION,
        entries: reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| entry(r, d)))
            .collect(),
    }
}

/// Writes a baseline atomically, replacing the file.
/// Writes a baseline; an existing file is replaced only with `replace`.
pub fn write(path: &Path, baseline: &Baseline, replace: bool) -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(baseline).expect("plain data serializes");
    text.push('\n');
    write_atomic(path, &text, replace)?;
    Ok(())
}

/// Reads a baseline; one that cannot be read or parsed is a configuration
/// error.
pub fn read(path: &Path) -> Result<Baseline, Error> {
    let bad = |message: String| Error::Config {
        file: Some(path.to_path_buf()),
        line: None,
        message: format!("baseline {}: {message}", path.display()),
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    if b.version != VERSION {
        return Err(bad(format!(
            "version {} is not {VERSION}: write it again with `moulint baseline write`",
            b.version
        )));
    }
    Ok(b)
}

/// What applying a baseline gave.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// Findings found in the baseline (now suppressed).
    pub matched: usize,
    /// Entries no finding matched: fixed since the baseline was written.
    pub stale: Vec<Entry>,
}

/// Moves the findings the baseline records to each report's suppressed
/// list (each entry matches one finding); the verdicts are left as they
/// are.
pub fn apply(baseline: &Baseline, reports: &mut [FileReport]) -> Applied {
    let mut matcher = Matcher::new(baseline);
    for r in reports {
        matcher.apply(r);
    }
    matcher.finish()
}

/// A baseline applied a report at a time, as `moulint check` streams them.
pub struct Matcher<'b> {
    baseline: &'b Baseline,
    /// The entries not matched yet, by [`Matcher::key`], in file order.
    open: HashMap<String, VecDeque<usize>>,
    matched: usize,
}

impl<'b> Matcher<'b> {
    pub fn new(baseline: &'b Baseline) -> Matcher<'b> {
        let mut open: HashMap<_, VecDeque<usize>> = HashMap::new();
        for (i, e) in baseline.entries.iter().enumerate() {
            open.entry(Matcher::key(e)).or_default().push_back(i);
        }
        Matcher {
            baseline,
            open,
            matched: 0,
        }
    }

    /// What an entry and a finding must share to match.
    fn key(e: &Entry) -> String {
        format!("{}\0{}\0{}", e.id, e.path, e.hash)
    }

    /// Moves the report's findings the baseline records to its suppressed
    /// list.
    pub fn apply(&mut self, r: &mut FileReport) {
        let mut kept = Vec::new();
        for d in std::mem::take(&mut r.diagnostics) {
            let e = entry(r, &d);
            let hit = self
                .open
                .get_mut(&Matcher::key(&e))
                .and_then(|q| q.pop_front());
            match hit {
                Some(_) => {
                    self.matched += 1;
                    r.suppressed.push(Suppressed {
                        diagnostic: d,
                        by: SuppressedBy::Baseline,
                    });
                }
                None => kept.push(d),
            }
        }
        r.diagnostics = kept;
    }

    /// What the baseline matched, and its entries nothing matched.
    pub fn finish(self) -> Applied {
        let mut left: Vec<usize> = self.open.into_values().flatten().collect();
        left.sort_unstable();
        Applied {
            matched: self.matched,
            stale: left
                .into_iter()
                .map(|i| self.baseline.entries[i].clone())
                .collect(),
        }
    }
}
