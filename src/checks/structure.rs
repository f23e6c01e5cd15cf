//! `doc.structure`: numbering and cross-references.

use crate::catalog::vocab::References as ReferenceWords;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};
use crate::tree::{Section, SectionKind, Tree};

pub const ID: &str = "doc.structure";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Section numbering and references",
        default_severity: Severity::Warning,
        decides: &[],
        scope: Scope::Document,
        summary: "duplicate or skipped section numbers, and cross-references that point nowhere",
        doc: "\
## What it checks
Sibling sections numbered twice (two Article 4s), numbers that skip (3
then 5, or a. then c.), sub-sections numbered under the wrong parent (5.1
inside Article 4), and references such as `Section 12` or `Exhibit C` to
sections the draft does not have. References to other documents (`Section
5.6 of the MCP Contract`, `42 CFR Part 2`) are left alone.

## Why the state's review cares
Provisions refer to each other by number (the dispute process, the
contacts exhibit). A reference that points nowhere makes an obligation
unenforceable as written, and the reviewer has to ask which section was
meant, which slows the review.

## Example
```markdown
## 3. Term
## 5. Referrals       <- Article 4 is skipped
Disputes follow Section 12.   <- there is no Section 12
```

## How to fix
Renumber the sections in order and correct each reference to the section
it means.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let tree = &ctx.doc.tree;
    for (i, s) in tree.sections.iter().enumerate() {
        numbering(tree, i, s, out);
    }
    references(tree, &ctx.catalog.vocab.references, out);
}

/// Sort key for a numbered label: its last component as a number.
fn ordinal(s: &Section) -> Option<u32> {
    let label = s.number.as_deref()?;
    match s.kind {
        SectionKind::Numbered { .. } | SectionKind::Heading(_) | SectionKind::Item { .. } => {
            label.rsplit('.').next()?.parse().ok()
        }
        SectionKind::Lettered if label.len() == 1 => {
            let c = label.chars().next()?;
            c.is_ascii_lowercase().then(|| c as u32 - 'a' as u32 + 1)
        }
        _ => None,
    }
}

fn family(s: &Section) -> u8 {
    match s.kind {
        SectionKind::Lettered => 1,
        SectionKind::Roman => 2,
        SectionKind::Item { .. } => 3,
        _ if s.is_exhibit() => 4,
        _ => 0,
    }
}

fn numbering(tree: &Tree, parent: usize, p: &Section, out: &mut Vec<Diagnostic>) {
    // Each number's first use, per family: a map, so that a list of many
    // thousand items is checked in linear time.
    let mut seen: std::collections::HashMap<(u8, &str), &Section> = Default::default();
    let mut last: Vec<(u8, u32, &Section)> = Vec::new();
    for &c in &p.children {
        let s = &tree.sections[c];
        let Some(num) = s.number.as_deref() else {
            continue;
        };
        let fam = family(s);
        if let Some(first) = seen.get(&(fam, num)) {
            out.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Warning,
                    format!(
                        "section number {} is used twice",
                        s.label.as_deref().unwrap_or(num)
                    ),
                )
                .with_span(s.head_span)
                .with_label("second use")
                .with_secondary(first.head_span, "first use")
                .with_help("renumber the sections in order and update references to them")
                .with_note(
                    "references by number become ambiguous for the parties and the reviewer",
                ),
            );
            continue;
        }
        seen.insert((fam, num), s);
        // 5.1 inside Article 4.
        if let (Some(pn), SectionKind::Numbered { .. } | SectionKind::Heading(_)) =
            (p.number.as_deref(), s.kind)
        {
            let depth = if let SectionKind::Numbered { depth } = s.kind {
                depth
            } else {
                num.split('.').count()
            };
            if depth > 1 && num.contains('.') && pn.chars().all(|c| c.is_ascii_digit() || c == '.')
            {
                let prefix = &num[..num.rfind('.').unwrap_or(0)];
                if prefix != pn {
                    out.push(
                        Diagnostic::new(ID, Kind::Invalid, Severity::Warning, format!("section {num} sits inside section {pn}"))
                            .with_span(s.head_span)
                            .with_label(format!("expected {pn}.x"))
                            .with_secondary(p.head_span, "parent section")
                            .with_help("renumber the sub-section to match the section that holds it")
                            .with_note("references by number become ambiguous for the parties and the reviewer"),
                    );
                }
            }
        }
        let Some(ord) = ordinal(s) else { continue };
        if let Some(prev) = last.iter_mut().find(|(f, _, _)| *f == fam) {
            if ord > prev.1 + 1 {
                let expected = expected_label(s, prev.1 + 1);
                out.push(
                    Diagnostic::new(ID, Kind::Invalid, Severity::Warning, format!("numbering skips from {} to {}", prev.2.label.as_deref().unwrap_or(""), s.label.as_deref().unwrap_or(num)))
                        .with_span(s.head_span)
                        .with_label(format!("expected {expected}"))
                        .with_secondary(prev.2.head_span, "previous")
                        .with_help("renumber the sections in order, or restore the missing one")
                        .with_note("a gap often means a provision was deleted, which the state's review will ask about"),
                );
            }
            *prev = (fam, ord, s);
        } else {
            last.push((fam, ord, s));
        }
    }
    let _ = parent;
}

fn expected_label(s: &Section, ord: u32) -> String {
    match s.kind {
        SectionKind::Lettered => char::from_u32('a' as u32 + ord - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => {
            let label = s.label.as_deref().unwrap_or("");
            match label.rfind('.') {
                Some(i) => format!("{}.{ord}", &label[..i]),
                None => ord.to_string(),
            }
        }
    }
}

/// A cross-reference: `Section 4.2`, `Article IV`, `Exhibit A`, `§ 9.1`.
/// (The word boundary is asked before a word only: the section sign
/// follows a space, where there is none.)
pub(super) fn reference_pattern() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(&format!(r"(?i)(\b(?:sections?|articles?|{})|§)\s+([0-9]+(?:\.[0-9]+)*|[ivx]+\b|[a-z]\b)(\.?\s*\(([a-z0-9]+)\))?", crate::tree::EXHIBIT_WORDS)).expect("built-in pattern")
    })
}

/// The words a cross-reference opens with ([`reference_pattern`]),
/// lowercase, each with its own substring finder. The pattern's own search
/// folds case, and its prefilter stops at every "art" of "party" and "sec"
/// of "second"; looking for the whole words in lowercased text leaves it
/// the few blocks that hold one. (One finder per word: together in one
/// automaton, the two bytes of `\u{a7}` would set the prefilter's width,
/// and "se" or "at" is in most words.)
fn reference_words() -> &'static [memchr::memmem::Finder<'static>] {
    static CELL: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    CELL.get_or_init(|| {
        ["section", "article", "\u{a7}"]
            .into_iter()
            .chain(crate::tree::EXHIBIT_WORDS.split('|'))
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
            .collect()
    })
}

/// Where in `lower` (a text with ASCII letters lowercased) a reference word
/// begins, word by word (not in order).
fn reference_word_starts(lower: &str) -> impl Iterator<Item = usize> + '_ {
    reference_words()
        .iter()
        .flat_map(move |f| f.find_iter(lower.as_bytes()))
}

/// Whether `text` may hold a cross-reference. `lower` is a lowercase form
/// of it that keeps each word's ASCII letters together: `text` with ASCII
/// letters lowercased, or its padded words ([`crate::text::padded_words`],
/// which drop the section sign; the sign is looked for in `text`). The
/// pattern also reads the long s `\u{17f}` as an `s`: a text holding one may
/// hold a reference the words miss.
pub(super) fn may_cite(text: &str, lower: &str) -> bool {
    reference_word_starts(lower).next().is_some() || text.contains(['\u{a7}', '\u{17f}'])
}

/// Words around a reference that mean it points into another document
/// (`rules/vocab/references.yaml`).
fn is_external(after: &str, before: &str, v: &ReferenceWords) -> bool {
    let a = after.trim_start().to_ascii_lowercase();
    let b = before.trim_end().to_ascii_lowercase();
    if v.into_this.iter().any(|p| a.starts_with(p.as_str())) {
        return false;
    }
    v.external_after.iter().any(|p| a.starts_with(p.as_str()))
        || v.external_before.iter().any(|p| b.ends_with(p.as_str()))
}

fn references(tree: &Tree, v: &ReferenceWords, out: &mut Vec<Diagnostic>) {
    let re = reference_pattern();
    let numbers: Vec<&str> = tree
        .sections
        .iter()
        .filter_map(|s| s.number.as_deref())
        .collect();
    let number_set: std::collections::HashSet<&str> = numbers.iter().copied().collect();
    // The blocks where a reference word begins, found in one pass over
    // the whole draft (see [`reference_words`]).
    let mut may_hold = vec![tree.joined.contains('\u{17f}'); tree.blocks.len()];
    for at in reference_word_starts(&tree.joined_lower) {
        if let Some((bi, _)) = tree.block_at(at) {
            may_hold[bi] = true;
        }
    }
    for (b, _) in tree.blocks.iter().zip(&may_hold).filter(|(_, may)| **may) {
        // A heading is a definition, not a reference.
        if matches!(b.kind, crate::text::BlockKind::Heading(_)) {
            continue;
        }
        for c in re.captures_iter(&b.text) {
            let m = c.get(0).expect("whole match");
            let word = c[1].to_ascii_lowercase();
            let target = c[2].to_ascii_lowercase();
            if is_external(&b.text[m.end()..], &b.text[..m.start()], v) {
                continue;
            }
            let is_exhibit = crate::tree::EXHIBIT_WORDS.split('|').any(|w| w == word);
            let key = if is_exhibit {
                format!("exhibit {target}")
            } else if target.chars().all(|ch| matches!(ch, 'i' | 'v' | 'x')) {
                crate::tree::roman_value(&target)
                    .map(|v| v.to_string())
                    .unwrap_or(target.clone())
            } else {
                target.clone()
            };
            // Single letters only make sense for exhibits.
            if !is_exhibit && key.chars().all(|ch| ch.is_ascii_alphabetic()) {
                continue;
            }
            let found = if is_exhibit {
                numbers.iter().any(|n| n.ends_with(&key) || *n == key)
            } else {
                number_set.contains(key.as_str())
            };
            if !found {
                out.push(
                    Diagnostic::new(ID, Kind::Invalid, Severity::Warning, format!("`{}` refers to a section this draft does not have", m.as_str().trim()))
                        .with_span(b.source_span(m.range()))
                        .with_label("points nowhere")
                        .with_help("correct the reference to the section it means, or add the missing section")
                        .with_note("an obligation that relies on a missing section cannot be enforced as written"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{may_cite, reference_pattern};

    /// The word check passes every text the pattern finds a reference in.
    #[test]
    fn the_reference_words_admit_what_the_pattern_matches() {
        for text in [
            "as set out in SECTION 4.2 above",
            "see \u{a7} 12",
            "under Article IV",
            "listed in Exhibit A",
            "per Schedule 2(b)",
            "the \u{17f}ection 3 duty",
        ] {
            assert!(reference_pattern().is_match(text), "{text}");
            assert!(may_cite(text, &text.to_ascii_lowercase()), "{text}");
            assert!(may_cite(text, &crate::text::padded_words(text)), "{text}");
        }
        let plain = "the Parties shall meet in a second session";
        assert!(!may_cite(plain, &plain.to_ascii_lowercase()));
    }
}
