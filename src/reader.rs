//! Readers: what turns a file's text into the document's blocks and
//! sections. Everything after the reader (anatomy, analysis, checks,
//! reports) reads the [`Tree`] alone, so another input format (a DOCX
//! reader mapping its runs back to byte offsets) is one more [`Reader`],
//! with no change to the checks.

use crate::tree::Tree;

/// Builds the section tree of a draft's body.
pub trait Reader: Sync {
    /// The formats this reader takes, by file extension.
    fn extensions(&self) -> &'static [&'static str];

    /// Parses `body`, which starts at byte `base` of the file, into blocks
    /// and sections whose spans are byte offsets in the file.
    fn read(&self, body: &str, base: usize) -> Tree;
}

/// CommonMark with GitHub tables and strikethrough (pulldown-cmark).
pub struct Markdown;

impl Reader for Markdown {
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown", "mdx"]
    }

    fn read(&self, body: &str, base: usize) -> Tree {
        Tree::parse(body, base)
    }
}

/// Every reader, in order of preference.
pub const READERS: &[&dyn Reader] = &[&Markdown];

/// The reader for a path, by its extension.
pub fn for_path(path: &std::path::Path) -> Option<&'static dyn Reader> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    READERS
        .iter()
        .copied()
        .find(|r| r.extensions().contains(&ext.as_str()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_files_have_a_reader_and_others_none() {
        use std::path::Path;
        assert!(super::for_path(Path::new("a/draft.MD")).is_some());
        assert!(super::for_path(Path::new("draft.docx")).is_none());
    }
}
