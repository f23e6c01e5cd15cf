//! The parties the front matter lists, with the short names the draft
//! gives them: `Golden Poppy Health Plan ("Plan")` makes "Plan" an alias of
//! the MCP. Later stages read a party by any of its names.

use crate::anatomy::Anatomy;
use crate::catalog::vocab::Names;
use crate::diagnostic::Span;
use crate::frontmatter::{FrontMatter, Sp};
use crate::names::find_words;
use crate::tree::Tree;

/// Which side of the MOU a party is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A managed care plan (`mcp` / `mcps`).
    Mcp,
    /// The third-party entity (`other_party`).
    Other,
    /// A Knox-Keene subcontractor plan that is a party (`subcontractors`).
    Subcontractor,
}

/// A short name the draft defines for a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub term: String,
    /// The term in the file.
    pub span: Span,
}

/// One party as the front matter lists it and the draft names it.
#[derive(Debug, Clone)]
pub struct Party {
    pub side: Side,
    pub name: Sp<String>,
    /// The name's comparable forms (see [`Names::forms`]).
    pub forms: Vec<Vec<String>>,
    pub aliases: Vec<Alias>,
}

/// The listed parties, each with the aliases the preamble defines for it. A
/// definition belongs to the party whose name stands before it in full, or
/// else to the only party it shares a distinctive word with.
pub fn parties(
    front: Option<&FrontMatter>,
    tree: &Tree,
    anatomy: &Anatomy,
    names: &Names,
) -> Vec<Party> {
    let Some(fm) = front else {
        return Vec::new();
    };
    let listed = fm
        .mcps
        .iter()
        .map(|n| (Side::Mcp, n))
        .chain(fm.other_party.name.iter().map(|n| (Side::Other, n)))
        .chain(fm.subcontractors.iter().map(|n| (Side::Subcontractor, n)));
    let mut out: Vec<Party> = listed
        // A slot is not a name yet.
        .filter(|(_, n)| !n.value.trim_start().starts_with('['))
        .map(|(side, n)| Party {
            side,
            name: n.clone(),
            forms: names.forms(&n.value),
            aliases: Vec::new(),
        })
        .filter(|p| !p.forms[0].is_empty())
        .collect();
    for d in anatomy.preamble_terms() {
        let text = &tree.blocks[d.block].text[d.names.clone()];
        let words = names.words(text);
        let full: Vec<usize> = (0..out.len())
            .filter(|&i| find_words(text, &words, &out[i].forms).is_some())
            .collect();
        let owner = if full.is_empty() {
            let keys: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
            let sharing: Vec<usize> = (0..out.len())
                .filter(|&i| names.share_a_name_word(&out[i].forms[0], &keys))
                .collect();
            (sharing.len() == 1).then(|| sharing[0])
        } else {
            // The last party named before the parenthesis is the one defined.
            full.iter()
                .copied()
                .max_by_key(|&i| find_words(text, &words, &out[i].forms).map(|r| r.start))
        };
        if let Some(i) = owner {
            out[i].aliases.push(Alias {
                term: d.term.clone(),
                span: d.span,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::Analysis;
    use crate::catalog::Catalog;
    use crate::compare::References;
    use crate::document::Document;
    use crate::reference::TemplateSet;
    use crate::source::SourceFile;

    use super::Side;

    #[test]
    fn preamble_definitions_become_aliases() {
        let md = "---\ntemplate: base\nmcp: Golden Poppy Health Plan\nother_party:\n  name: Alpine County Behavioral Health\n  type: county-behavioral-health\ncounties: [Alpine]\nstatus: draft\n---\n# MOU\n\nThis MOU is between Golden Poppy Health Plan, Inc. (\"Plan\") and the County of Alpine, acting through its Behavioral Health Department (\u{201c}BHRS\u{201d}), each a \"Party\".\n\n## 1. Definitions\n\nText.\n";
        let catalog = Catalog::for_tests();
        let refs = References::new(TemplateSet::for_tests());
        let a = Analysis::new(
            Document::parse(SourceFile::new("x.md", md.to_string())),
            catalog,
            &refs,
        );
        let got: Vec<(Side, Vec<&str>)> = a
            .parties()
            .iter()
            .map(|p| (p.side, p.aliases.iter().map(|x| x.term.as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            [(Side::Mcp, vec!["Plan"]), (Side::Other, vec!["BHRS"])]
        );
        let s = a.parties()[1].aliases[0].span;
        assert_eq!(&md[s.offset..s.end()], "BHRS");
        // The preamble is one sentence; "Inc." ends none.
        let texts: Vec<&str> = a
            .sentences()
            .iter()
            .map(|s| &a.doc.tree.blocks[s.block].text[s.range.clone()])
            .collect();
        assert_eq!(texts[0], "MOU");
        assert!(texts[1].starts_with("This MOU is between") && texts[1].ends_with("\"Party\"."));
        assert_eq!(texts[2..], ["1. Definitions", "Text."]);
        // A check runs on its own over the analysis.
        let alone = crate::checks::run_one("doc.placeholder", &a).expect("a check");
        assert!(alone.iter().all(|d| d.id == "doc.placeholder"));
        assert!(crate::checks::run_one("doc.nothing", &a).is_none());
    }
}
