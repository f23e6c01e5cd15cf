//! The parts of an MOU, found once per document: the preamble before the
//! first article (and the recitals in it), the articles, the exhibits, the
//! signature blocks, and the terms the draft defines in quotes
//! (`Sierra Vista Continuum of Care ("CoC")`), with the text each one
//! names. Checks read these parts instead of each finding its own.

use std::ops::Range;

use crate::catalog::vocab::{Sentences, Signatures};
use crate::diagnostic::Span;
use crate::tree::{SectionKind, Tree};

/// A term the draft defines: `("CoC")`, `(the "MOU")`, `(each, a "Party")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedTerm {
    /// The term as written between the quotes.
    pub term: String,
    /// The term's bytes in the file (inside the quotes).
    pub span: Span,
    /// The block it is defined in.
    pub block: usize,
    /// The whole parenthesis, in the block's text.
    pub parenthesis: Range<usize>,
    /// The text it stands for: the words before its parenthesis, back to
    /// the previous definition, a sentence end or the start of the block
    /// (in the block's text).
    pub names: Range<usize>,
}

/// The parts of one MOU.
#[derive(Debug, Clone, Default)]
pub struct Anatomy {
    /// The first numbered article, if any.
    pub first_article: Option<usize>,
    /// Blocks before the first numbered article (the first few blocks when
    /// nothing is numbered).
    pub preamble: Range<usize>,
    /// Blocks of the preamble that are recitals ("WHEREAS", or under a
    /// "Recitals" heading).
    pub recitals: Vec<usize>,
    /// The articles: the first article and the sections beside it, in
    /// order, exhibits aside.
    pub articles: Vec<usize>,
    /// Exhibit, attachment, appendix and schedule sections.
    pub exhibits: Vec<usize>,
    /// The signature blocks, if any.
    pub signatures: Option<Range<usize>>,
    /// Every quoted definition, in document order.
    pub defined_terms: Vec<DefinedTerm>,
}

impl Anatomy {
    pub fn of(tree: &Tree, signatures: &Signatures, sentences: &Sentences) -> Anatomy {
        let first_article = first_article(tree);
        let preamble = match first_article {
            Some(s) => 0..tree.sections[s].blocks.start,
            None => 0..tree.blocks.len().min(8),
        };
        let recitals = preamble
            .clone()
            .filter(|&b| {
                let block = &tree.blocks[b];
                let under = tree.sections[block.section]
                    .title_key
                    .starts_with("recital");
                under
                    || block
                        .text
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("whereas")
            })
            .collect();
        let exhibits: Vec<usize> = (1..tree.sections.len())
            .filter(|&i| tree.sections[i].is_exhibit())
            .collect();
        // The first article's siblings from it on (under the document's
        // title heading, when there is one), exhibits aside.
        let parent = first_article
            .and_then(|s| tree.sections[s].parent)
            .unwrap_or(0);
        let articles = tree.sections[parent]
            .children
            .iter()
            .copied()
            .filter(|&i| !tree.sections[i].is_exhibit())
            .filter(|&i| tree.sections[i].blocks.start >= preamble.end)
            .collect();
        Anatomy {
            first_article,
            signatures: signature_blocks(tree, signatures),
            defined_terms: defined_terms(tree, sentences),
            preamble,
            recitals,
            articles,
            exhibits,
        }
    }

    /// The definitions made in the preamble (where the parties are named).
    pub fn preamble_terms(&self) -> impl Iterator<Item = &DefinedTerm> {
        self.defined_terms
            .iter()
            .filter(|d| self.preamble.contains(&d.block))
    }
}

/// The first numbered article (`## 1. Definitions`, `Article I`).
fn first_article(tree: &Tree) -> Option<usize> {
    tree.sections
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, s)| match s.kind {
            SectionKind::Numbered { .. } => true,
            SectionKind::Heading(_) => s.number.is_some() && !s.is_exhibit(),
            _ => false,
        })
        .map(|(i, _)| i)
}

/// The signature blocks: a section titled like "Signatures", or the
/// paragraphs from "In Witness Whereof" to the next exhibit, whichever
/// comes later; else, or when that holds no `By:` line and `By:` lines
/// follow it (a "Signatures" clause of the General Provisions), the blocks
/// around the last `By:` lines.
fn signature_blocks(tree: &Tree, vocab: &Signatures) -> Option<Range<usize>> {
    let until_exhibit = |from: usize| {
        tree.sections
            .iter()
            .filter(|s| s.is_exhibit())
            .map(|s| s.blocks.start)
            .find(|&b| b > from)
            .unwrap_or(tree.blocks.len())
    };
    let section = tree
        .sections
        .iter()
        .skip(1)
        .rfind(|s| vocab.page_title.is_match(&s.title_key) && !s.blocks.is_empty())
        .map(|s| s.blocks.clone());
    let witness = tree
        .blocks
        .iter()
        .rposition(|b| vocab.witness.is_match(&b.text))
        .map(|i| i..until_exhibit(i));
    let chosen = match (section, witness) {
        (Some(s), Some(w)) => Some(if w.start > s.start { w } else { s }),
        (s, w) => s.or(w),
    };
    // The signature lines before the exhibits that follow the region.
    let limit = chosen
        .as_ref()
        .map_or(tree.blocks.len(), |r| until_exhibit(r.start));
    let with_by: Vec<usize> = (0..limit)
        .filter(|&i| vocab.signs(&tree.blocks[i].text))
        .collect();
    if let Some(r) = &chosen {
        if with_by.iter().any(|i| r.contains(i)) || with_by.last().is_none_or(|&l| l < r.start) {
            return chosen;
        }
    }
    let &last = with_by.last()?;
    // Only the last cluster: signature lines sit together after the articles.
    let mut first = last;
    for &i in with_by.iter().rev() {
        if i + 4 < first {
            break;
        }
        first = i;
    }
    Some(first.saturating_sub(2)..(last + 2).min(until_exhibit(last)))
}

impl Signatures {
    /// The first signature label of a text (`By:`, `Name:`, `Title:`), and
    /// whether it is one a signer writes on (`By:`, `Signature:`).
    pub fn first_label<'t>(&self, text: &'t str) -> Option<(regex::Match<'t>, bool)> {
        let m = self.label.find(text)?;
        Some((m, self.is_signer_label(m.as_str())))
    }

    /// A block with a line a signer writes on (`By:`, `Signature:`).
    pub fn signs(&self, text: &str) -> bool {
        self.label
            .find_iter(text)
            .any(|m| self.is_signer_label(m.as_str()))
    }

    fn is_signer_label(&self, label: &str) -> bool {
        let label = label
            .trim_start_matches([' ', '|', '\t', '\n'])
            .trim_end_matches([' ', ':', '\t'])
            .to_ascii_lowercase();
        self.signer_labels.contains(&label)
    }
}

/// Every `(... "Term" ...)` in the tree, with the text before it that the
/// term stands for.
fn defined_terms(tree: &Tree, sentences: &Sentences) -> Vec<DefinedTerm> {
    let mut out = Vec::new();
    for (bi, b) in tree.blocks.iter().enumerate() {
        let mut from = 0;
        for (whole, term) in definitions(&b.text) {
            let before = &b.text[from..whole.start];
            // Back to the last sentence end before it ("Inc." is none).
            let start = from + sentences.ends(before).last().unwrap_or(0);
            let names = trim(&b.text, start..whole.start);
            // A parenthesis may define more than one term for the same
            // names: ("SHA" or "the Plan").
            let closing = b.text[term.end..].chars().next().map_or(0, char::len_utf8);
            let rest = term.end + closing..whole.end - 1;
            for term in std::iter::once(term).chain(quoted(&b.text, rest)) {
                out.push(DefinedTerm {
                    term: b.text[term.clone()].trim().to_string(),
                    span: b.source_span(term),
                    block: bi,
                    parenthesis: whole.clone(),
                    names: names.clone(),
                });
            }
            from = whole.end;
        }
    }
    out
}

/// Each parenthesis holding one quoted term, straight or curly quotes, in
/// order: its range and the term's. The matches, left to right and not
/// overlapping, of the regex `\([^()"“”]*["“]([^"“”]{1,60})["”][^()]*\)`,
/// found by a scan: each part of it can end in one place only, so the scan
/// never backtracks (and no regex is compiled for it).
fn definitions(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('(').map(|o| at + o) {
        match definition_at(text, open) {
            Some(found) => {
                at = found.0.end;
                out.push(found);
            }
            None => at = open + 1,
        }
    }
    out
}

/// The definition whose parenthesis opens at `open`, if there is one.
fn definition_at(text: &str, open: usize) -> Option<(Range<usize>, Range<usize>)> {
    // No parenthesis or quote before the opening quote.
    let quote = open + 1 + text[open + 1..].find(['(', ')', '"', '“', '”'])?;
    let opening = text[quote..].chars().next()?;
    if opening != '"' && opening != '“' {
        return None;
    }
    // One to sixty characters, none a quote, then a closing quote.
    let start = quote + opening.len_utf8();
    let end = start + text[start..].find(['"', '“', '”'])?;
    let closing = text[end..].chars().next()?;
    if closing == '“' || !(1..=60).contains(&text[start..end].chars().count()) {
        return None;
    }
    // Then no parenthesis before the closing one.
    let after = end + closing.len_utf8();
    let close = after + text[after..].find(['(', ')'])?;
    text[close..]
        .starts_with(')')
        .then(|| (open..close + 1, start..end))
}

/// The quoted terms (one to sixty characters, straight or curly quotes)
/// in `r` of `text`, in order.
fn quoted(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = r.start;
    while let Some(q) = text[at..r.end].find(['"', '“']).map(|q| at + q) {
        let start = q + text[q..].chars().next().map_or(1, char::len_utf8);
        let Some(end) = text[start..r.end].find(['"', '”', '“']).map(|e| start + e) else {
            break;
        };
        let closing = text[end..].chars().next().map_or(1, char::len_utf8);
        if !text[end..].starts_with('“') && (1..=60).contains(&text[start..end].chars().count()) {
            out.push(start..end);
        }
        at = end + closing;
    }
    out
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_what_the_regex_finds() {
        let re = regex::Regex::new(r#"\([^()"“”]*["“]([^"“”]{1,60})["”][^()]*\)"#).unwrap();
        let long = format!("(the \"{}\")", "x".repeat(61));
        for text in [
            r#"Acme, Inc. (the "Plan") and County (“County”) (see "A"), (x (y "Z") w)"#,
            r#"("A" and ("B") ("C“) (“D” ") ("" ) ("E"(F) (é "ü") ("#,
            long.as_str(),
        ] {
            let want: Vec<_> = re
                .captures_iter(text)
                .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
                .collect();
            assert_eq!(definitions(text), want, "{text}");
        }
    }

    #[test]
    fn a_parenthesis_may_define_two_terms() {
        let md = "Sunmeadow Health (\u{201c}SHA\u{201d} or \"the Plan\") and Oak Commission (\"VOECC\").\n";
        let (_, a) = anatomy(md);
        let terms: Vec<(&str, &str)> = a
            .defined_terms
            .iter()
            .map(|d| (d.term.as_str(), &md[d.span.offset..d.span.end()]))
            .collect();
        assert_eq!(
            terms,
            [("SHA", "SHA"), ("the Plan", "the Plan"), ("VOECC", "VOECC")]
        );
    }

    fn anatomy(md: &str) -> (Tree, Anatomy) {
        let tree = Tree::parse(md, 0);
        let v = &crate::catalog::Catalog::for_tests().vocab;
        let a = Anatomy::of(&tree, &v.signatures, &v.sentences);
        (tree, a)
    }

    #[test]
    fn parts_of_an_mou() {
        let md = "# Memorandum of Understanding\n\nThis MOU is between Golden Poppy Health Plan (\"Plan\") and the County of Alpine, acting through its Behavioral Health Department (\u{201c}BHRS\u{201d}).\n\nWHEREAS the Parties serve the same Members.\n\n## 1. Definitions\n\nTerms.\n\n## 2. Term\n\nText.\n\n## Signatures\n\nBy: ________\n\n## Exhibit A: Contacts\n\n| Role | Name |\n|---|---|\n| MCP | Ann |\n";
        let (tree, a) = anatomy(md);
        assert_eq!(a.preamble, 0..3);
        assert_eq!(a.recitals, vec![2]);
        let titles: Vec<String> = a
            .articles
            .iter()
            .map(|&s| tree.sections[s].display_name())
            .collect();
        assert_eq!(titles[..2], ["1 Definitions", "2 Term"]);
        assert_eq!(a.exhibits.len(), 1);
        let sig = a.signatures.clone().unwrap();
        assert!(tree.blocks[sig.start..sig.end]
            .iter()
            .any(|b| b.text.starts_with("By:")));
        let terms: Vec<(&str, &str)> = a
            .preamble_terms()
            .map(|d| (d.term.as_str(), &tree.blocks[d.block].text[d.names.clone()]))
            .collect();
        assert_eq!(
            terms,
            [
                ("Plan", "This MOU is between Golden Poppy Health Plan"),
                (
                    "BHRS",
                    "and the County of Alpine, acting through its Behavioral Health Department"
                )
            ]
        );
        let d = &a.defined_terms[1];
        assert_eq!(&md[d.span.offset..d.span.end()], "BHRS");
    }
}
