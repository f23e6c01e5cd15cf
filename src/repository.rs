//! A plan's document repository read as a set of MOUs: for each draft or
//! executed MOU found under the given paths, what its front matter and
//! records say (templates, status, counties, parties, dates, meetings,
//! reviews, posting, good-faith efforts). `moulint portfolio` and
//! `moulint report` read this; neither re-reads a file.
//!
//! Reading follows `moulint check`: directories are walked the same way
//! (ignore files honoured, sidecars never taken for drafts), a walked file
//! without moulint front matter is not an MOU, and sidecar records
//! (`NAME.records.yaml`) are merged. A file that cannot be read or whose
//! front matter cannot be parsed is kept, with its problem, so that a
//! report never silently drops an MOU. A report (`report:` front matter,
//! such as an MOU Annual Report) is no MOU: it is listed apart, for the
//! public page to link.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::frontmatter::{Records, Status};
use crate::lint;
use crate::source::SourceFile;
use crate::walk::LeftOut;

/// One MOU as its front matter describes it.
#[derive(Debug, Clone)]
pub struct Mou {
    /// The file as read.
    pub path: PathBuf,
    /// The file as reports name it.
    pub shown: String,
    /// The body's first heading, if any.
    pub title: Option<String>,
    pub templates: Vec<String>,
    pub status: Option<Status>,
    pub mcps: Vec<String>,
    pub other_party: Option<String>,
    pub other_party_type: Option<String>,
    pub counties: Vec<String>,
    /// As written: a date, or `upon execution`.
    pub effective_date: Option<String>,
    pub execution_date: Option<String>,
    pub records: Records,
    /// Why the file could not be read or its front matter used, in words;
    /// its other fields are then empty.
    pub problem: Option<String>,
}

impl Mou {
    /// Executed: signed, its records apply.
    pub fn is_executed(&self) -> bool {
        self.status == Some(Status::Executed)
    }

    /// Serves `county` (names compared without case or surrounding space).
    pub fn serves(&self, county: &str) -> bool {
        self.counties.iter().any(|c| same_county(c, county))
    }

    /// Built from `template` (alone or combined with others).
    pub fn uses(&self, template: &str) -> bool {
        self.templates.iter().any(|t| t == template)
    }

    /// What people call the MOU: its title, else its other party, else its
    /// file.
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .or(self.other_party.as_deref())
            .unwrap_or(&self.shown)
    }
}

/// Two county names are the same county: compared without case, surrounding
/// space or a trailing "County".
pub fn same_county(a: &str, b: &str) -> bool {
    county_key(a) == county_key(b)
}

/// A county name in comparable form.
pub fn county_key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_suffix(" county").unwrap_or(&lower);
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A report found in the repository (`report:` front matter).
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub path: PathBuf,
    pub shown: String,
    /// The body's first heading, if any.
    pub title: Option<String>,
    /// `annual`.
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub plan: Option<String>,
    /// Where it is published, as written.
    pub url: Option<String>,
}

/// The MOUs under some paths, and what reading them left out.
#[derive(Debug, Default)]
pub struct Repository {
    /// In walking order (stable: sorted within each directory).
    pub mous: Vec<Mou>,
    /// The reports, in walking order.
    pub reports: Vec<ReportFile>,
    /// What could not be walked, in words.
    pub problems: Vec<String>,
    /// Markdown files and directories the walk left out, and why.
    pub left_out: Vec<LeftOut>,
}

/// Reads every MOU under `paths` (files as given, directories walked).
/// Standard input is not a repository: `-` is refused by the callers.
pub fn load(paths: &[PathBuf], max_bytes: u64) -> Repository {
    let mut collected = lint::collect(paths, "-");
    let mut left_out = std::mem::take(&mut collected.left_out);
    lint::once_each(&mut collected.inputs, |i| i, &mut left_out);
    let entries: Vec<Entry> = collected
        .inputs
        .par_iter()
        .filter_map(|i| read(&i.path, &i.name, i.named, max_bytes))
        .collect();
    let (mut mous, mut reports) = (Vec::new(), Vec::new());
    for e in entries {
        match e {
            Entry::Mou(m) => mous.push(*m),
            Entry::Report(r) => reports.push(r),
        }
    }
    Repository {
        mous,
        reports,
        problems: collected.problems,
        left_out,
    }
}

/// What a file of the repository is.
enum Entry {
    Mou(Box<Mou>),
    Report(ReportFile),
}

/// Reads one file: `None` when it was found by walking and is neither an
/// MOU nor a report.
fn read(path: &Path, shown: &str, named: bool, max_bytes: u64) -> Option<Entry> {
    read_mou(path, shown, named, max_bytes)
        .map(|r| r.map_or_else(Entry::Report, |m| Entry::Mou(Box::new(m))))
}

/// [`read`], with a report given back as `Err`.
fn read_mou(
    path: &Path,
    shown: &str,
    named: bool,
    max_bytes: u64,
) -> Option<Result<Mou, ReportFile>> {
    let src = match SourceFile::read_limited(path, max_bytes) {
        Ok(s) => s,
        Err(e) => return Some(Ok(unusable(path, shown, e.describe()))),
    };
    let doc = Document::parse(src);
    let title = first_title(&doc);
    if doc.is_report() {
        let meta = doc.front.and_then(|f| f.report).unwrap_or_default();
        return Some(Err(ReportFile {
            path: path.to_path_buf(),
            shown: shown.to_string(),
            title,
            kind: meta.kind,
            year: meta.year,
            plan: meta.plan,
            url: meta.url,
        }));
    }
    if !named && !doc.is_mou_draft() {
        return None;
    }
    Some(Ok(mou(doc, path, shown, title, max_bytes)))
}

/// The body's first heading.
fn first_title(doc: &Document) -> Option<String> {
    doc.tree
        .sections
        .iter()
        .find_map(|s| s.title.clone())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// An MOU from its parsed file.
fn mou(mut doc: Document, path: &Path, shown: &str, title: Option<String>, max_bytes: u64) -> Mou {
    if doc.fatal {
        let why = doc
            .parse_diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_else(|| "its front matter cannot be read".to_string());
        return unusable(path, shown, why);
    }
    crate::records::attach(&mut doc, path, shown, max_bytes);
    let Some(fm) = doc.front else {
        return Mou {
            title,
            ..unusable(path, shown, "it has no front matter".to_string())
        };
    };
    let strings = |v: &[crate::frontmatter::Sp<String>]| -> Vec<String> {
        v.iter().map(|s| s.value.clone()).collect()
    };
    Mou {
        path: path.to_path_buf(),
        shown: shown.to_string(),
        title,
        templates: strings(&fm.templates),
        status: fm.status.map(|s| s.value),
        mcps: strings(&fm.mcps),
        other_party: fm.other_party.name.map(|n| n.value),
        other_party_type: fm.other_party.kind.map(|k| k.value),
        counties: strings(&fm.counties),
        effective_date: fm.effective_date.map(|d| d.value),
        execution_date: fm.execution_date.map(|d| d.value),
        records: fm.records,
        problem: None,
    }
}

/// A file kept only with the reason it could not be used.
fn unusable(path: &Path, shown: &str, why: String) -> Mou {
    Mou {
        path: path.to_path_buf(),
        shown: shown.to_string(),
        title: None,
        templates: Vec::new(),
        status: None,
        mcps: Vec::new(),
        other_party: None,
        other_party_type: None,
        counties: Vec::new(),
        effective_date: None,
        execution_date: None,
        records: Records::default(),
        problem: Some(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_names_compare_without_case_space_or_the_word_county() {
        assert!(same_county("Alameda", " alameda County "));
        assert!(same_county("San  Luis Obispo", "san luis obispo"));
        assert!(!same_county("Alameda", "Alpine"));
    }

    #[test]
    fn a_walked_directory_gives_its_mous_and_skips_other_markdown() {
        let dir = std::env::temp_dir().join(format!("moulint-repo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("README.md"), "# Notes\n").unwrap();
        std::fs::write(
            dir.join("mhp.md"),
            "---\ntemplate: mhp\nstatus: executed\ncounties: [Alameda]\nmcp: Plan\nother_party:\n  name: Alameda Behavioral Health\n  type: county-mhp\n---\n# Alameda MHP MOU\n",
        )
        .unwrap();
        std::fs::write(dir.join("mhp.records.yaml"), "meetings: [2025-02-01]\n").unwrap();
        std::fs::write(dir.join("broken.md"), "---\ntemplate: [\n---\n").unwrap();
        std::fs::write(
            dir.join("annual-2025.md"),
            "---\nreport: annual\nyear: 2025\n---\n# MOU Annual Report 2025\n",
        )
        .unwrap();
        let repo = load(std::slice::from_ref(&dir), crate::source::MAX_FILE_BYTES);
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<_> = repo
            .mous
            .iter()
            .map(|m| m.path.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["broken.md", "mhp.md"]);
        assert!(repo.mous[0].problem.is_some());
        let mhp = &repo.mous[1];
        assert!(mhp.is_executed() && mhp.serves("alameda") && mhp.uses("mhp"));
        assert_eq!(mhp.name(), "Alameda MHP MOU");
        assert_eq!(mhp.records.meetings.len(), 1, "the sidecar's meeting");
        assert_eq!(repo.reports.len(), 1, "a report is listed apart");
        assert_eq!(repo.reports[0].year, Some(2025));
        assert_eq!(
            repo.reports[0].title.as_deref(),
            Some("MOU Annual Report 2025")
        );
    }
}
