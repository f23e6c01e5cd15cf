//! `moulint check --cache`: each file's report kept from one run to the
//! next, so that a CI job re-run on a repository of drafts checks only
//! the files that changed.
//!
//! An entry is found by a key that hashes everything its report depends
//! on: moulint itself (the executable's bytes, since the rules are built
//! into it: no entry is trusted across versions or builds), the reference
//! templates, how the file is checked ([`crate::lint::Options`]: the configuration's
//! `accept` and `front-matter-keys`, `--no-inline-suppressions`, the day
//! of `--as-of`), the file's name, path and size limit, and its text. The
//! files beside it the check read (its sidecar records and posted copy,
//! found or not) are listed in the entry with their contents' hashes and
//! compared when it is read back. The configuration's `select`, `ignore`
//! and severities are applied afterwards, on every run, cached or not.
//!
//! Entries are written to a temporary file, then renamed, so that a run
//! stopped half-way or two runs at once leave whole entries (not synced to
//! disk: an entry a crash loses is a miss). An entry that
//! cannot be read back, for whatever reason, is a miss: the file is checked
//! again. A cache that cannot be written is one warning, and the run goes
//! on without it. The directory holds a `.gitignore` of `*` and a
//! `CACHEDIR.TAG`, so that it is neither committed nor backed up, and a
//! directory per build of moulint; a build's first write removes the
//! others'.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::compare::References;
use crate::lint::{FileReport, Input};
use crate::reference::TemplateSet;
use crate::source::SourceFile;

/// Where `--cache` keeps its entries when `--cache-dir` does not say.
pub const DEFAULT_DIR: &str = ".moulint-cache";

/// The cache of one run.
#[derive(Debug)]
pub struct Cache {
    /// This build's directory under the cache directory.
    root: PathBuf,
    /// The cache directory itself (for the warning).
    dir: PathBuf,
    /// What identifies this build of moulint.
    tool: blake3::Hash,
    /// A write has failed and been reported: no more warnings, no more
    /// writes.
    failed: AtomicBool,
    /// Other builds' entries were removed (see [`Cache::prune_other_builds`]).
    pruned: std::sync::Once,
    /// Reports read back this run (not counting walked files that are
    /// not drafts, which the summary does not count as checked).
    hits: AtomicUsize,
}

/// The cache for the files compared with one template set.
#[derive(Debug)]
pub struct Scope<'c> {
    cache: &'c Cache,
    templates: blake3::Hash,
}

/// An entry's key: the hash of what its report depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(blake3::Hash);

/// A file beside the draft that its check read, and what it held.
#[derive(Debug, Serialize, Deserialize)]
struct Consulted {
    path: PathBuf,
    /// The hex hash of its bytes; `None` when it could not be read (it was
    /// missing, most often).
    hash: Option<String>,
}

/// What an entry holds.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    consulted: Vec<Consulted>,
    /// `None` for a file found by walking that is not an MOU draft.
    report: Option<FileReport>,
}

impl Cache {
    /// The cache in `dir` (made on the first write).
    pub fn open(dir: &Path) -> Cache {
        let tool = tool_identity();
        let name = format!("{}-{}", env!("CARGO_PKG_VERSION"), &tool.to_hex()[..16]);
        Cache {
            root: dir.join(name),
            dir: dir.to_path_buf(),
            tool,
            failed: AtomicBool::new(false),
            pruned: std::sync::Once::new(),
            hits: AtomicUsize::new(0),
        }
    }

    /// The cache for files compared with `set`.
    pub fn scope(&self, set: &TemplateSet) -> Scope<'_> {
        // Every field of the set, templates' bodies included, is in its
        // `Debug` text: a field added later is keyed without a change here.
        let templates = blake3::hash(format!("{set:?}").as_bytes());
        Scope {
            cache: self,
            templates,
        }
    }

    /// How many reports were read back so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    fn path_of(&self, key: &Key) -> PathBuf {
        let hex = key.0.to_hex();
        self.root
            .join(&hex[..2])
            .join(format!("{}.json", &hex[2..]))
    }

    /// Makes the cache directory, marked as one, and `sub` under its root.
    fn make_dirs(&self, sub: &Path) -> std::io::Result<()> {
        if !self.dir.is_dir() {
            std::fs::create_dir_all(&self.dir)?;
            let tag = format!(
                "{}\n# Made by moulint check --cache.\n",
                crate::walk::CACHE_TAG_SIGNATURE
            );
            let marks = [
                (".gitignore", "# Made by moulint check --cache.\n*\n"),
                ("CACHEDIR.TAG", tag.as_str()),
            ];
            for (name, text) in marks {
                crate::util::fs::write_atomic(&self.dir.join(name), text, true)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            }
        }
        self.pruned.call_once(|| self.prune_other_builds());
        std::fs::create_dir_all(sub)
    }

    /// Removes the entries other builds of moulint kept, which this one
    /// never reads (each build has a directory of its own, named by its
    /// version and identity): without this a cache kept between CI runs
    /// grows with every upgrade. Only in a directory moulint made (its
    /// `CACHEDIR.TAG` says so), and only directories named like a build's.
    fn prune_other_builds(&self) {
        let tag = std::fs::read_to_string(self.dir.join("CACHEDIR.TAG")).unwrap_or_default();
        if !crate::walk::is_tagged_cache(&self.dir) || !tag.contains("moulint") {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            let build = e.file_name().to_str().is_some_and(is_build_name);
            if build && path != self.root && e.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}

/// Whether a directory name is one [`Cache::open`] gives a build:
/// `VERSION-` and sixteen hex digits.
fn is_build_name(name: &str) -> bool {
    let Some((version, id)) = name.rsplit_once('-') else {
        return false;
    };
    version.starts_with(|c: char| c.is_ascii_digit())
        && id.len() == 16
        && id.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Scope<'_> {
    /// [`crate::lint::lint_input`] through the cache: a report kept for
    /// the same input is read back, and a new one is kept.
    pub fn lint_input(
        &self,
        input: &Input,
        catalog: &Catalog,
        references: &References,
        max_bytes: u64,
    ) -> Option<FileReport> {
        // A file that cannot be read is one cheap finding: not kept.
        let src = match crate::lint::read_input(input, max_bytes, catalog) {
            Ok(src) => src,
            Err(unreadable) => return Some(*unreadable),
        };
        let key = self.key(input, max_bytes, &src);
        if let Some(kept) = self.load(&key) {
            return kept.map(|mut r| {
                r.source = Some(src);
                r
            });
        }
        let looked = crate::lint::check_input(input, src, catalog, references, max_bytes);
        self.store(&key, &looked.consulted, looked.report.as_ref());
        looked.report
    }

    /// The key of a file's report.
    fn key(&self, input: &Input, max_bytes: u64, source: &SourceFile) -> Key {
        let mut h = blake3::Hasher::new();
        // Each part with its length first, so that no two inputs run
        // together into the same bytes.
        let mut part = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        part(self.cache.tool.as_bytes());
        part(self.templates.as_bytes());
        part(format!("{:?}", *input.options).as_bytes());
        part(input.path.as_os_str().as_encoded_bytes());
        part(input.name.as_bytes());
        part(&[input.named as u8]);
        part(&max_bytes.to_le_bytes());
        part(source.path.as_bytes());
        part(source.text.as_bytes());
        Key(h.finalize())
    }

    /// The report kept under `key`, if there is one and the files it
    /// consulted hold what they held: `Some(None)` for a walked file that
    /// is not a draft. Its `source` is left for the caller to fill.
    fn load(&self, key: &Key) -> Option<Option<FileReport>> {
        let text = std::fs::read(self.cache.path_of(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&text).ok()?;
        let unchanged = entry
            .consulted
            .iter()
            .all(|c| hash_file(&c.path).map(|h| h.to_hex().to_string()) == c.hash);
        if !unchanged {
            return None;
        }
        if entry.report.is_some() {
            self.cache.hits.fetch_add(1, Ordering::Relaxed);
        }
        Some(entry.report)
    }

    /// Keeps `report` under `key`, with the files its check consulted.
    fn store(&self, key: &Key, consulted: &[PathBuf], report: Option<&FileReport>) {
        let cache = self.cache;
        if cache.failed.load(Ordering::Relaxed) {
            return;
        }
        #[derive(Serialize)]
        struct EntryRef<'a> {
            consulted: Vec<Consulted>,
            report: Option<&'a FileReport>,
        }
        let entry = EntryRef {
            consulted: consulted
                .iter()
                .map(|p| Consulted {
                    path: p.clone(),
                    hash: hash_file(p).map(|h| h.to_hex().to_string()),
                })
                .collect(),
            report,
        };
        let path = cache.path_of(key);
        let dir = path.parent().expect("an entry has a directory");
        let written = serde_json::to_vec(&entry)
            .map_err(std::io::Error::other)
            .and_then(|json| {
                cache.make_dirs(dir)?;
                crate::util::fs::replace_unsynced(dir, &path, &json)
                    .map_err(|e| std::io::Error::other(e.to_string()))
            });
        if let Err(e) = written {
            if !cache.failed.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "warning: cannot write the cache in {}: {e}; checking without it",
                    cache.dir.display()
                );
            }
        }
    }
}

/// The hash of a file's bytes; `None` when it cannot be read.
fn hash_file(path: &Path) -> Option<blake3::Hash> {
    let mut file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut h = blake3::Hasher::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            return Some(h.finalize());
        }
        h.update(&buf[..n]);
    }
}

/// What identifies this build: its version and the bytes of the running
/// executable (the packs, templates and checks are all in it), or the
/// version alone should the executable not be readable.
fn tool_identity() -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(exe) = std::env::current_exe().ok().and_then(|p| hash_file(&p)) {
        h.update(exe.as_bytes());
    }
    h.finalize()
}
