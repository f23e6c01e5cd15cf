//! The files beside a draft that its checks read, besides the draft
//! itself: the sidecar records `NAME.records.yaml` (see
//! [`crate::frontmatter::sidecar`]) and the posted copy named by
//! `posted_copy` (judged by `life.posting`). Read here, once, with the
//! same size limit as the draft, so that the checks stay free of I/O and a
//! file that cannot be read is a finding, never a crash.

use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::frontmatter::sidecar::{self, Sidecar};
use crate::frontmatter::PostedCopyText;
use crate::source::{ReadError, SourceFile};

/// Reads the sidecar and the posted copy of the draft `doc`, read from
/// `path` and reported as `shown`, into its front matter's records.
/// Nothing is read for a draft whose front matter could not be parsed.
///
/// Returns the paths it looked at, found or not (what a `--cache` entry
/// depends on besides the draft: a sidecar that appears changes the
/// report as much as one that changes).
pub fn attach(doc: &mut Document, path: &Path, shown: &str, max_bytes: u64) -> Vec<PathBuf> {
    let mut consulted = Vec::new();
    if doc.fatal {
        return consulted;
    }
    let Some(fm) = doc.front.as_mut() else {
        return consulted;
    };
    let side = sidecar::path_for(path);
    consulted.push(side.clone());
    let side_shown = sidecar::path_for(Path::new(shown)).display().to_string();
    if std::fs::symlink_metadata(&side).is_ok() {
        match SourceFile::read_limited(&side, max_bytes) {
            Ok(src) => sidecar::merge(
                fm,
                Sidecar {
                    shown: side_shown,
                    text: src.text,
                },
                &mut doc.parse_diagnostics,
            ),
            Err(e) => {
                doc.parse_diagnostics
                    .push(sidecar::unreadable(fm, &side_shown, &e.describe()))
            }
        }
    }
    if let Some(copy) = &fm.records.posted_copy {
        let rel = copy.value.trim();
        let base = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
        let shown = base(Path::new(shown)).join(rel).display().to_string();
        let text = if rel.is_empty() {
            Err("the path is empty".to_string())
        } else {
            let copy = base(path).join(rel);
            consulted.push(copy.clone());
            SourceFile::read_limited(&copy, max_bytes)
                .map(|s| s.text)
                .map_err(|e: ReadError| e.describe())
        };
        fm.records.posted_copy_text = Some(PostedCopyText { shown, text });
    }
    consulted
}
