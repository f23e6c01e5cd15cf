//! `moulint outline FILE`: the section tree moulint sees in a draft
//! (numbers, titles, kinds and lines), to see why a heading was or was not
//! taken for a provision.

use std::path::PathBuf;

use super::Outcome;
use crate::document::Document;
use crate::error::Error;
use crate::source::SourceFile;

/// Arguments of `moulint outline`.
#[derive(clap::Args, Debug)]
pub struct OutlineArgs {
    /// The draft to outline.
    pub path: PathBuf,
}

/// Runs `moulint outline`; an unreadable draft is [`Error::Read`].
pub fn run(args: OutlineArgs) -> Result<Outcome, Error> {
    let src = SourceFile::read(&args.path).map_err(|e| Error::unreadable(&args.path, e))?;
    super::print(&outline_text(&Document::parse(src)));
    Ok(Outcome::Clean)
}

/// `moulint outline`: the section tree, indented, with line numbers.
pub fn outline_text(doc: &Document) -> String {
    fn walk(doc: &Document, i: usize, depth: usize, out: &mut String) {
        let s = &doc.tree.sections[i];
        if i > 0 {
            let (line, _) = doc.source.line_col(s.head_span.offset);
            out.push_str(&format!(
                "{:>5}  {}{}  ({})\n",
                line,
                "  ".repeat(depth - 1),
                s.display_name(),
                s.kind.label()
            ));
        }
        for &c in &s.children {
            walk(doc, c, depth + 1, out);
        }
    }
    let mut out = String::new();
    walk(doc, 0, 0, &mut out);
    out
}
