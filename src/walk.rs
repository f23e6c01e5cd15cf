//! What walking a directory left out, and why: a gate that silently skips
//! a draft is a gate a draft can slip past. [`crate::lint::collect`]
//! walks with the ignore files and the hidden filter; this module names
//! the Markdown files (and whole directories) that walk did not reach.
//!
//! Not counted: files no reader takes (not Markdown), the `.git`
//! directory, and symbolic links to directories the walk did not follow
//! (a loop or a broken link is already a warning of its own).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why a file or directory was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Its name starts with a dot.
    Hidden,
    /// An ignore file matches it (`.gitignore` in a Git repository,
    /// `.ignore`, `.moulintignore`).
    IgnoreFile,
    /// The configuration's `include`/`exclude` or `--exclude` leave it out.
    Excluded,
    /// The same file was reached by another path (through a symbolic link)
    /// and is checked there.
    SameFile,
}

impl Reason {
    /// The words the summary uses.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Hidden => "hidden",
            Reason::IgnoreFile => "matched by an ignore file",
            Reason::Excluded => "excluded by the configuration or --exclude",
            Reason::SameFile => "the same file as another path, checked there",
        }
    }
}

/// A file or directory the walk left out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    pub path: String,
    pub reason: Reason,
    /// A whole directory (what is inside it is not listed).
    pub directory: bool,
}

impl LeftOut {
    pub fn file(path: &Path, reason: Reason) -> LeftOut {
        LeftOut {
            path: path.display().to_string(),
            reason,
            directory: false,
        }
    }
}

/// What the filtered walk of one root reached.
#[derive(Debug, Default)]
pub struct Reached {
    pub dirs: HashSet<PathBuf>,
    pub files: HashSet<PathBuf>,
}

/// How a `CACHEDIR.TAG` starts (the Cache Directory Tagging convention).
pub const CACHE_TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";

/// Whether a directory is a cache by the Cache Directory Tagging
/// convention (a `CACHEDIR.TAG` starting with its signature), as the
/// `--cache` directory is: no content, nothing left out.
pub fn is_tagged_cache(dir: &Path) -> bool {
    let mut head = [0u8; CACHE_TAG_SIGNATURE.len()];
    std::fs::File::open(dir.join("CACHEDIR.TAG"))
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| head == *CACHE_TAG_SIGNATURE.as_bytes())
}

/// The Markdown files and directories under `root` that the filtered walk
/// did not reach, sorted by path. `takes` says which files are drafts to
/// read (by their extension). A directory left out is listed once, not
/// the files in it.
pub fn unreached(root: &Path, reached: &Reached, takes: impl Fn(&Path) -> bool) -> Vec<LeftOut> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        let mut below = Vec::new();
        for path in paths {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let Ok(link) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            // Follows a link to what it names; a broken one is a warning.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if reached.dirs.contains(&path) {
                    below.push(path);
                } else if path.file_name().is_some_and(|n| n == ".git")
                    || link.is_symlink()
                    || is_tagged_cache(&path)
                {
                    continue;
                } else {
                    out.push(LeftOut {
                        path: path.display().to_string(),
                        reason: if hidden {
                            Reason::Hidden
                        } else {
                            Reason::IgnoreFile
                        },
                        directory: true,
                    });
                }
            } else if meta.is_file() && takes(&path) && !reached.files.contains(&path) {
                let reason = if hidden {
                    Reason::Hidden
                } else {
                    Reason::IgnoreFile
                };
                out.push(LeftOut::file(&path, reason));
            }
        }
        stack.extend(below);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
