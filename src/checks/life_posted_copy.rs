//! What `life.posting` reads in a posted copy (`posted_copy`): the lines a
//! signer writes on (`By:`, `Signature:`) in its signature blocks, each
//! one holding "Original Signed by" or a redaction, a signature, or
//! nothing.
//!
//! The signature blocks are found as in the draft ([`crate::anatomy`],
//! from `rules/vocab/signatures.yaml`); what may stand in a signer line
//! instead of a signature is that file's `posted_marks`.

use crate::anatomy::Anatomy;
use crate::catalog::vocab::Vocab;
use crate::document::Document;
use crate::source::SourceFile;

/// What a signer line of the posted copy shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// "Original Signed by", `/s/` or a redaction: as the state allows.
    Replaced,
    /// Anything else: a name, an image, a signature.
    Signature,
    /// Nothing but blanks or underscores: an unsigned copy.
    Blank,
}

/// One signer line: its 1-based line in the posted copy, its text, and
/// what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerLine {
    pub line: usize,
    pub text: String,
    pub shows: Shows,
}

/// The signer lines of the posted copy's signature blocks; `None` when it
/// has no signature blocks at all.
pub fn signer_lines(shown: &str, text: &str, vocab: &Vocab) -> Option<Vec<SignerLine>> {
    let doc = Document::parse(SourceFile::new(shown, text.to_string()));
    let anatomy = Anatomy::of(&doc.tree, &vocab.signatures, &vocab.sentences);
    let range = anatomy.signatures?;
    let sig = &vocab.signatures;
    let mut out = Vec::new();
    for block in &doc.tree.blocks[range] {
        let t = &block.text;
        let labels: Vec<regex::Match> = sig.label.find_iter(t).collect();
        for (i, m) in labels.iter().enumerate() {
            if !sig.signs(m.as_str()) {
                continue;
            }
            // The value: to the line's end or the next label.
            let end = t[m.end()..].find('\n').map_or(t.len(), |e| m.end() + e);
            let end = labels.get(i + 1).map_or(end, |n| n.start().min(end));
            let value = &t[m.end()..end];
            // The label's match starts with the space or pipe before it.
            let start = m.start()
                + (m.as_str().len() - m.as_str().trim_start_matches([' ', '\t', '\n', '|']).len());
            let line = doc
                .source
                .line_col(block.source_span(start..m.end()).offset)
                .0;
            out.push(SignerLine {
                line,
                text: t[start..end].trim().trim_matches('|').trim().to_string(),
                shows: classify(value, &sig.posted_marks),
            });
        }
    }
    Some(out)
}

fn classify(value: &str, marks: &[String]) -> Shows {
    let bare: String = value
        .chars()
        .filter(|c| !matches!(c, '|' | '_' | '*' | '\\') && !c.is_whitespace())
        .collect();
    if bare.is_empty() {
        return Shows::Blank;
    }
    let lower = value.to_lowercase();
    if marks.iter().any(|m| lower.contains(m.as_str())) {
        Shows::Replaced
    } else {
        Shows::Signature
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(md: &str) -> Option<Vec<(usize, Shows)>> {
        let v = &crate::catalog::Catalog::for_tests().vocab;
        signer_lines("p.md", md, v).map(|l| l.into_iter().map(|s| (s.line, s.shows)).collect())
    }

    #[test]
    fn what_signer_lines_show() {
        let md = "# MOU\n\n## 1. Term\n\nText.\n\n## Signatures\n\nBy: Original Signed by Ann Lee  \nName: Ann Lee\n\nBy: /s/ Bo Ng\n\nBy: Carla Diaz  \nTitle: Director\n\nBy: ____________\n\nSignature: [signature]\n";
        assert_eq!(
            lines(md).unwrap(),
            [
                (9, Shows::Replaced),
                (12, Shows::Replaced),
                (14, Shows::Signature),
                (17, Shows::Blank),
                (19, Shows::Replaced)
            ]
        );
        assert_eq!(lines("# MOU\n\nNo signatures here.\n"), None);
    }
}
