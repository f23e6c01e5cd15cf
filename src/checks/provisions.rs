//! Provision checks: every provision the draft's templates require is
//! present, complete and current. The provisions themselves are data (the
//! packs in `rules/packs/`); this file is the one engine that reads them.
//!
//! A provision is found by its section title (title, variants, title
//! patterns), or else as the smallest section holding all its elements.
//! Inside the found section each element must match, and bounded numbers
//! must be within bounds. When nothing is found, an anchor element matched
//! elsewhere is a fragment (`incomplete`); otherwise the provision is
//! `missing`.

use super::{Check, Context};
use crate::analysis::{in_blocks, Hit, Weak};
use crate::catalog::{Element, Force, Provision};
use crate::clause::matching::Weakness;
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::frontmatter::Status;
use crate::rule::{RuleMeta, Scope};
use crate::tree::Tree;

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: "provisions",
        title: "Required provision",
        default_severity: Severity::Error,
        decides: crate::rule::MANDATORY_PROVISION,
        scope: Scope::Provision,
        summary:
            "every mandatory provision of the draft's templates is present, complete and current",
        doc: "\
## What it checks
For each provision the draft's templates require (see `moulint rules`),
that its section is there (by title or title variant, or as one section
holding all its elements), that the section expresses every element of the
provision (for example a deadline of at most five working days), and that
optional provisions the draft includes are current. Each provision has its
own id and documentation: `moulint explain base.dispute-resolution`.

## Why the state's review cares
APL 23-029: a draft that keeps every mandatory provision can be filed and
used; removing or modifying one forces a redline review by the state before
the MOU may be signed.

## How to fix
Add the missing provision or the missing element, following the example in
the provision's documentation.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let tree = &ctx.doc.tree;
    let executed = ctx
        .doc
        .front
        .as_ref()
        .and_then(|f| f.status.as_ref())
        .is_some_and(|s| s.value == Status::Executed);
    for (req, located) in ctx.required.iter().zip(ctx.located()) {
        let p = req.provision;
        let all_hits = &located.hits;
        let found = located.section;
        let base = |kind: Kind, severity: Severity, msg: String| {
            Diagnostic::new(p.id(), kind, severity, msg)
                .with_provision(p.id())
                .with_templates(req.templates.clone())
        };
        let note = if p.def.mandatory && p.severity != Severity::Error {
            format!("reported as a {}: this requirement is not confirmed as mandatory, so it does not decide the verdict ({})", p.severity.as_str(), p.citation)
        } else if p.def.mandatory {
            format!("removing or changing a mandatory provision forces a redline review by DHCS before the MOU may be signed ({})", p.citation)
        } else {
            format!(
                "optional provision; when included it must follow the current template ({})",
                p.citation
            )
        };
        match found {
            Some(si) => {
                let s = &tree.sections[si];
                let name = tree.describe(si);
                // An out-of-date optional provision is one finding, not one
                // more per element the old wording lacks.
                let before = out.len();
                outdated(tree, p, &s.blocks, executed, &base, out);
                if !p.def.mandatory && out.len() > before {
                    continue;
                }
                // A section that states none of the provision is one
                // finding, not one per element.
                let nothing = p.elements.len() > 1
                    && all_hits.iter().all(Vec::is_empty)
                    && located.weak.iter().all(Vec::is_empty);
                if nothing {
                    let lacks: Vec<&str> = p
                        .elements
                        .iter()
                        .map(|e| e.def.description.as_str())
                        .collect();
                    out.push(
                        base(
                            Kind::Incomplete,
                            p.severity,
                            format!(
                                "{} ({name}) states none of the provision: {}",
                                p.def.title,
                                lacks.join("; ")
                            ),
                        )
                        .with_span(s.title_span)
                        .with_label("titled for the provision, but states none of it")
                        .with_help(p.def.help.trim().to_string())
                        .with_note(note.clone()),
                    );
                    continue;
                }
                // The words weakening a duty element not stated soundly: a
                // mention weakened by the same words ("At its discretion,
                // the County notifies the Plan of admissions") is reported
                // with the duty, not instead of it.
                let weakened_of = |weak: &'_ [Weak]| {
                    weak.iter()
                        .find(|w| s.blocks.contains(&w.block))
                        .or_else(|| weak.first())
                        .map(|w| w.words.clone())
                };
                let duties_weakened: Vec<(usize, std::ops::Range<usize>)> = p
                    .elements
                    .iter()
                    .zip(all_hits)
                    .zip(&located.weak)
                    .filter(|((el, hs), _)| el.def.force != Force::Any && hs.is_empty())
                    .filter_map(|(_, weak)| weakened_of(weak))
                    .collect();
                // One weakening is one finding, however many elements the
                // sentence it weakens states.
                let mut weakened_at: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
                for ((el, hs), weak) in p.elements.iter().zip(all_hits).zip(&located.weak) {
                    let mut inside: Vec<&Hit> = in_blocks(hs, &s.blocks).collect();
                    // Stated in another article or an exhibit, it counts.
                    if inside.is_empty() {
                        inside = hs.iter().collect();
                    }
                    if inside.is_empty() {
                        let weakened = weak
                            .iter()
                            .find(|w| s.blocks.contains(&w.block))
                            .or_else(|| weak.first());
                        if let Some(w) = weakened {
                            let mention =
                                el.def.force == Force::Any && duties_weakened.contains(&w.words);
                            if !mention && !weakened_at.contains(&w.words) {
                                weakened_at.push(w.words.clone());
                                out.push(weakened_duty(tree, p, el, w, &name, &base, &note));
                            }
                            continue;
                        }
                        out.push(
                            base(
                                Kind::Incomplete,
                                p.severity,
                                format!(
                                    "{} ({name}) does not state {}",
                                    p.def.title, el.def.description
                                ),
                            )
                            .with_span(s.title_span)
                            .with_element(&el.def.id)
                            .with_label(format!("this section lacks: {}", el.def.description))
                            .with_help(p.def.help.trim().to_string())
                            .with_note(note.clone()),
                        );
                        continue;
                    }
                    bounds(tree, p, el, &inside, &base, &note, out);
                }
            }
            None => {
                outdated(tree, p, &(0..tree.blocks.len()), executed, &base, out);
                if !p.def.mandatory {
                    continue;
                }
                let fragments: Vec<&Hit> = p
                    .elements
                    .iter()
                    .zip(all_hits)
                    .filter(|(e, _)| e.def.anchor)
                    .flat_map(|(_, hs)| hs.iter())
                    .collect();
                // The core duty stated, but weakened: say so at the words.
                let weak_core = p.elements.iter().zip(&located.weak).find(|(e, w)| {
                    e.def.anchor
                        && w.first()
                            .is_some_and(|w| w.weakness != Weakness::NotProhibited)
                });
                if let (None, Some((el, w))) = (fragments.first(), weak_core) {
                    let name = tree.describe(tree.blocks[w[0].block].section);
                    out.push(weakened_duty(tree, p, el, &w[0], &name, &base, &note));
                } else if let Some(first) = fragments.first() {
                    let b = &tree.blocks[first.block];
                    let where_ = tree.describe(b.section);
                    let mut d = base(
                        Kind::Incomplete,
                        p.severity,
                        format!(
                            "no {} provision: only a fragment of it was found, in {where_}",
                            p.def.title
                        ),
                    )
                    .with_span(b.source_span(first.range.clone()))
                    .with_label(format!("a fragment of {}, not the provision", p.def.title))
                    .with_help(format!(
                        "add a section titled {} that states all of it. {}",
                        p.def.title,
                        p.def.help.trim()
                    ))
                    .with_note(note.clone());
                    for h in fragments.iter().skip(1).take(3) {
                        d = d.with_secondary(
                            tree.blocks[h.block].source_span(h.range.clone()),
                            "another fragment",
                        );
                    }
                    out.push(d);
                } else {
                    out.push(
                        base(
                            Kind::Missing,
                            p.severity,
                            format!("mandatory provision {} is missing", p.def.title),
                        )
                        .with_help(format!(
                            "add a section titled {}. {}",
                            p.def.title,
                            p.def.help.trim()
                        ))
                        .with_note(note.clone()),
                    );
                }
            }
        }
    }
}

/// A duty stated with words that take its force away: negated, made
/// optional, excepted away or put on the wrong party.
fn weakened_duty(
    tree: &Tree,
    p: &Provision,
    el: &Element,
    w: &Weak,
    name: &str,
    base: &dyn Fn(Kind, Severity, String) -> Diagnostic,
    note: &str,
) -> Diagnostic {
    let (b, r) = &w.words;
    let block = &tree.blocks[*b];
    let words = &block.text[r.clone()];
    let message = match w.weakness {
        Weakness::Unspecified => format!(
            "{} ({name}) does not name {}: the sentence speaks of them only in general words",
            p.def.title, el.def.description
        ),
        _ => format!(
            "{} ({name}): the duty that {} is {} (\"{words}\")",
            p.def.title,
            el.def.description,
            w.weakness.describe()
        ),
    };
    base(Kind::Incomplete, p.severity, message)
    .with_span(block.source_span(r.clone()))
    .with_element(&el.def.id)
    .with_label(format!("{} here", w.weakness.describe()))
    .with_help(format!(
        "{} {}",
        match w.weakness {
            Weakness::NotProhibited => "state it as a prohibition (\"may not\", \"only as\").",
            Weakness::Contradicted =>
                "state it as the template does, without the words that contradict it.",
            Weakness::Unspecified =>
                "name them specifically: the programs themselves, or the list, table or exhibit that names them.",
            _ => "state it as a binding duty, without the words that weaken it.",
        },
        p.def.help.trim()
    ))
    .with_note(note.to_string())
}

fn bounds(
    tree: &Tree,
    p: &Provision,
    el: &Element,
    inside: &[&Hit],
    base: &dyn Fn(Kind, Severity, String) -> Diagnostic,
    note: &str,
    out: &mut Vec<Diagnostic>,
) {
    if el.def.min.is_none() && el.def.max.is_none() {
        return;
    }
    let within = |n: u32| el.def.min.is_none_or(|m| n >= m) && el.def.max.is_none_or(|m| n <= m);
    // One in-bounds statement satisfies the element; report the others only
    // when none is in bounds.
    if inside
        .iter()
        .any(|h| h.number.as_ref().is_some_and(|(n, _)| within(*n)))
    {
        return;
    }
    for h in inside {
        let Some((n, r)) = &h.number else { continue };
        let b = &tree.blocks[h.block];
        let limit = match (el.def.min, el.def.max) {
            (Some(lo), Some(hi)) => format!("between {lo} and {hi}"),
            (None, Some(hi)) => format!("at most {hi}"),
            (Some(lo), None) => format!("at least {lo}"),
            (None, None) => unreachable!("checked above"),
        };
        out.push(
            base(
                Kind::Incomplete,
                p.severity,
                format!(
                    "{}: {} must be {limit}, the draft says {n}",
                    p.def.title, el.def.description
                ),
            )
            .with_span(b.source_span(r.clone()))
            .with_element(&el.def.id)
            .with_label(format!("must be {limit}"))
            .with_help(p.def.help.trim().to_string())
            .with_note(note.to_string()),
        );
    }
}

fn outdated(
    tree: &Tree,
    p: &Provision,
    blocks: &std::ops::Range<usize>,
    executed: bool,
    base: &dyn Fn(Kind, Severity, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (regexes, message) in &p.outdated {
        for b in &tree.blocks[blocks.clone()] {
            let Some(m) = regexes.iter().find_map(|r| r.find(&b.text)) else {
                continue;
            };
            // An MOU executed before the change needs no amendment.
            let severity = if executed {
                Severity::Info
            } else {
                Severity::Warning
            };
            out.push(
                base(
                    Kind::Outdated,
                    severity,
                    format!("{} uses out-of-date wording", p.def.title),
                )
                .with_span(b.source_span(m.range()))
                .with_label("out-of-date wording")
                .with_help(message.trim().to_string())
                .with_note(
                    "a draft not yet executed must follow the current version of the template",
                ),
            );
        }
    }
}
