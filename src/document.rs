//! A parsed MOU draft: source, front matter and section tree, built once.
//! Every check reads this; none re-reads the file or re-parses text.

use crate::diagnostic::Diagnostic;
use crate::directives::{self, Directive};
use crate::frontmatter::{self, FrontMatter};
use crate::reader::{Markdown, Reader};
use crate::source::SourceFile;
use crate::tree::Tree;

#[derive(Debug)]
pub struct Document {
    pub source: SourceFile,
    pub front: Option<FrontMatter>,
    /// Where the Markdown body starts (after the front matter).
    pub body_start: usize,
    pub tree: Tree,
    /// Comments addressed to moulint in the body (see [`directives`]).
    pub directives: Vec<Directive>,
    /// Findings made while parsing (front matter problems).
    pub parse_diagnostics: Vec<Diagnostic>,
    /// The front matter could not be parsed: the file is `invalid`.
    pub fatal: bool,
}

impl Document {
    /// Reads a Markdown draft.
    pub fn parse(source: SourceFile) -> Document {
        Document::read(source, &Markdown)
    }

    /// Reads a draft with the given reader: the front matter first, then
    /// the body.
    pub fn read(source: SourceFile, reader: &dyn Reader) -> Document {
        let fm = frontmatter::parse(&source.text);
        let body = &source.text[fm.body_start..];
        let tree = reader.read(body, fm.body_start);
        let directives = directives::of_comments(&tree.comments);
        Document {
            front: fm.front,
            body_start: fm.body_start,
            tree,
            directives,
            parse_diagnostics: fm.diagnostics,
            fatal: fm.fatal,
            source,
        }
    }

    /// Whether the file means to be an MOU draft: its front matter holds at
    /// least one moulint key, or cannot be parsed (then nobody can tell,
    /// and it is reported). A README or changelog is not one.
    pub fn is_mou_draft(&self) -> bool {
        if self.fatal {
            return true;
        }
        let root = self.front.as_ref().and_then(|f| f.root.as_ref());
        root.is_some_and(|r| {
            crate::frontmatter::schema::SCHEMA
                .iter()
                .any(|f| r.get(f.key).is_some())
        })
    }

    /// Whether the file is a report (`report:` in its front matter, such
    /// as the MOU Annual Report), not an MOU: only the checks of its text
    /// run on it.
    pub fn is_report(&self) -> bool {
        !self.fatal && self.front.as_ref().is_some_and(|f| f.report.is_some())
    }

    /// Template ids named in the front matter.
    pub fn template_ids(&self) -> Vec<String> {
        self.front
            .as_ref()
            .map(|f| f.templates.iter().map(|t| t.value.clone()).collect())
            .unwrap_or_default()
    }
}
