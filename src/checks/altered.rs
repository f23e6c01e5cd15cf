//! `doc.altered`: the draft's wording compared with the reference template,
//! word by word (see [`crate::compare`]).

use super::{overrides, Check, Context};
use crate::compare::{text_of, Comparison, Found, OpKind, Outcome, ProvisionDiff};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::rule::{RuleMeta, Scope};
use crate::tree::Tree;
use crate::variation::Variation;
use crate::verdict::Verdict;

pub const ID: &str = "doc.altered";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Changed template wording",
        default_severity: Severity::Error,
        decides: &[
            (Kind::Altered, Verdict::Redline),
            (Kind::Missing, Verdict::Redline),
            (Kind::Unverified, Verdict::Unverified),
            (Kind::Conflict, Verdict::Redline),
        ],
        scope: Scope::Provision,
        summary:
            "mandatory template wording modified, moved, or text added (word-by-word comparison)",
        doc: "\
## What it checks
The draft is compared word by word with the reference template of its
`template:` kinds (the Base text with each Bespoke template's articles).
Each tagged provision of the template is found in the draft (by its words
and title, wherever the draft put it), then its words are diffed. Line
wrapping, curly or straight quotes, dashes, punctuation, case, and the
numbering of articles and clauses do not count; each bracketed slot
(`[MCP Name]`, `[County]`, `[number]`) matches whatever the draft wrote in
its place, and drafting notes are ignored. Findings:

- `altered` (error): words of a mandatory provision deleted, replaced, or
  words inserted inside one of its sentences. Turning `shall` or `must`
  into `may`, `should` or `is encouraged to` is always altered. The span
  covers the changed words; the message shows them as
  `[-deleted-]{+inserted+}`. In an optional provision the same is a
  warning; a change confined to a title is a warning.
- `moved` (info): a provision present out of the template's order.
- `added` (info): whole sentences or sections the template does not have,
  listed for the reviewer: one finding for each added section's run of
  paragraphs, an added table as one (however many of its cells are
  template words, such as \"Phone\" or a party's name).
- `conflict` (error): added text that sets a mandatory obligation aside:
  override words (\"notwithstanding\", \"does not apply\", \"need not\", \"in
  lieu of\") inside a mandatory provision's text, or citing a mandatory
  section or provision, or referring back to mandatory text before it
  (\"the preceding sentence\"); or a definition of a term the mandatory text
  uses (a new \"Working Day\"). The state allows added language only when it
  does not conflict with a mandatory provision, so this forces a redline.

- `unverified` (warning): mandatory provisions whose wording could not be
  compared, listed in one finding: `--templates DIR` holds no text for one
  of the draft's templates (the others are still compared), the text does
  not tag a provision, or the draft does not follow the reference text at
  all (then it gets this one finding instead of a flood of differences).
  The verdict is then `unverified`, never `file-and-use`: moulint does not
  claim what it did not check. Import the official template (`moulint
  template import`) and check with `--templates DIR`.

A provision found nowhere is reported `missing` by its own provision id.

## Why the state's review cares
APL 23-029: an MOU that keeps every mandatory provision unmodified may be
filed and used; one that modifies or removes mandatory language must be
submitted to DHCS as a redline for review and approval before it is
signed. Parties may add local language that does not conflict with the
mandatory provisions.

## Example
Template: `The Parties shall meet at least quarterly.` Draft: `The Parties
may meet at least quarterly.` is reported as
`[-shall-]{+may+}`, weakening a mandatory obligation.

## How to fix
Restore the template's words (`moulint redline DRAFT` lists every change),
or keep the change and submit the redlined MOU to DHCS before signing.",
    },
    run,
};

/// One finding listing the mandatory provisions not compared, and why.
fn unverified(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(nc) = ctx.not_compared() else {
        return;
    };
    let n = nc.ids.len();
    let (count, verb) = if n == 1 {
        ("1 mandatory provision".to_string(), "was")
    } else {
        (format!("{n} mandatory provisions"), "were")
    };
    let mut d = Diagnostic::new(
        ID,
        Kind::Unverified,
        Severity::Warning,
        format!("{count} {verb} not compared with a reference text: {}", nc.why),
    )
    .with_note(format!(
        "not compared, so whether their wording was modified is not verified: {}",
        nc.ids.join(", ")
    ))
    .with_help(
        "import the official text of each template (`moulint template import OFFICIAL.md --id ID`) \
         into one directory and check with `--templates DIR`",
    );
    // Point at the template the set has no text for, or at the first one.
    let absent = ctx.compared().map(|c| c.absent.clone()).unwrap_or_default();
    if let Some(fm) = &ctx.doc.front {
        let at = fm
            .templates
            .iter()
            .find(|t| absent.contains(&t.value))
            .or(fm.templates.first());
        if let Some(t) = at {
            let followed = ctx.compared().is_some_and(|c| c.follows());
            let label = if absent.contains(&t.value) {
                "no reference text for this template"
            } else if followed {
                "its reference text does not tag them"
            } else {
                "the draft does not follow this template's reference text"
            };
            d = d.with_span(t.span).with_label(label);
        }
    }
    out.push(d);
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(outcome) = ctx.comparison() else {
        return;
    };
    unverified(ctx, out);
    let c = match outcome {
        Outcome::Compared(c) if c.follows() => c,
        _ => return,
    };
    let tree = &ctx.doc.tree;
    let described = c.reference.describe();
    let Some(diffs) = ctx.diffs() else {
        return;
    };
    for d in diffs {
        report(ctx, c, d, &described, out);
    }
    moved(ctx, c, diffs, out);
    // With a template's text absent, its articles would all read as added
    // text: the `unverified` finding already covers them.
    let additions = if c.absent.is_empty() {
        ctx.additions()
    } else {
        &[]
    };
    let setting = setting(ctx, c, diffs);
    let mut covered = vec![false; tree.blocks.len()];
    for d in diffs {
        d.tokens.iter().for_each(|t| covered[t.block] = true);
    }
    for a in additions {
        covered[a.blocks.clone()].fill(true);
    }
    for (b, conf) in overrides::redefinitions(c, tree, &covered) {
        let block = &tree.blocks[b];
        let what = format!(
            "a definition in {}",
            tree.sections[block.section].display_name()
        );
        out.push(conflict_finding(c, &conf, &what, &block.text, block.span));
    }
    for a in additions {
        let first = &tree.blocks[a.blocks.start];
        let where_ = tree.sections[first.section].display_name();
        let words = text_of(tree, &a.tokens[a.words.clone()]);
        let place = place_of(tree, diffs, a.blocks.start);
        let added = &a.tokens[a.words.clone()];
        let conf = overrides::added_conflict(&setting, &words, added, place);
        if let Some(conf) = conf {
            let what = format!("text added in {where_}");
            out.push(conflict_finding(c, &conf, &what, &words, a.span));
            continue;
        }
        out.push(
            Diagnostic::new(
                ID,
                Kind::Added,
                Severity::Info,
                format!(
                    "text not in the reference template, in {where_}: \"{}\"",
                    clip(&words, 160)
                ),
            )
            .with_span(a.span)
            .with_label("added text")
            .with_note(
                "additions are allowed when they do not conflict with a mandatory provision; \
                 the reviewer should confirm that this one does not",
            ),
        );
    }
}

/// The finding for added text (`what`: "text added in 14.10 ...") that
/// conflicts with a mandatory provision.
fn conflict_finding(
    c: &Comparison,
    conf: &overrides::Conflict,
    what: &str,
    words: &str,
    span: Span,
) -> Diagnostic {
    let p = &c.reference.provisions[conf.provision];
    let title = &p.title;
    Diagnostic::new(
        ID,
        Kind::Conflict,
        Severity::Error,
        format!(
            "{what} conflicts with the mandatory provision {title}: it {}: \"{}\"",
            conf.how,
            clip(words, 160)
        ),
    )
    .with_provision(p.id.clone())
    .with_span(span)
    .with_label(format!("conflicts with {title}"))
    .with_help(CONFLICT_HELP)
    .with_note(CONFLICT_NOTE)
}

const CONFLICT_HELP: &str = "remove the added language, or keep it and submit the MOU to DHCS as \
                             a redline for review before signing";
const CONFLICT_NOTE: &str = "APL 23-029: language may be added to a template only when it does \
                             not conflict with or materially change a mandatory provision";

/// How an added group of words in a provision conflicts with it, if it
/// does (words for the message: "sets it aside (\"notwithstanding\")").
fn added_conflict(ctx: &Context, c: &Comparison, d: &ProvisionDiff, g: &Group) -> Option<String> {
    let tree = &ctx.doc.tree;
    let words: Vec<String> = d.ops[g.ops.clone()]
        .iter()
        .filter(|op| op.kind == OpKind::Added)
        .map(|op| text_of(tree, &d.tokens[op.new.clone()]))
        .collect();
    let place = overrides::Place {
        inside: Some(d.index),
        after: Some(d.index),
    };
    let diffs = ctx.diffs().unwrap_or_default();
    let added: Vec<crate::compare::normalize::Token> = d.ops[g.ops.clone()]
        .iter()
        .filter(|op| op.kind == OpKind::Added)
        .flat_map(|op| d.tokens[op.new.clone()].iter().cloned())
        .collect();
    let text = words.join(" ");
    let conf = overrides::added_conflict(&setting(ctx, c, diffs), &text, &added, place)?;
    let r = &c.reference;
    Some(if conf.provision == d.index {
        conf.how
    } else {
        format!(
            "conflicts with the mandatory provision {}: it {}",
            r.provisions[conf.provision].title, conf.how
        )
    })
}

/// What the draft's additions are read against, for [`overrides`].
fn setting<'a>(
    ctx: &'a Context,
    c: &'a Comparison,
    diffs: &'a [ProvisionDiff],
) -> overrides::Setting<'a> {
    overrides::Setting {
        comparison: c,
        tree: &ctx.doc.tree,
        diffs,
        modality: &ctx.catalog.vocab.modality,
        required: &ctx.required,
        located: ctx.located(),
    }
}

/// The mandatory provisions an addition at draft block `block` stands in
/// (its section is inside the provision's) and follows (the compared
/// provision whose blocks end nearest before it).
fn place_of(tree: &Tree, diffs: &[ProvisionDiff], block: usize) -> overrides::Place {
    let path = tree.path(tree.blocks[block].section);
    let inside = diffs
        .iter()
        .filter(|d| d.section(tree).is_some_and(|s| s != 0 && path.contains(&s)))
        .max_by_key(|d| d.section(tree).map(|s| tree.path(s).len()))
        .map(|d| d.index);
    let end_of = |d: &ProvisionDiff| match &d.found {
        Found::Aligned(m) => Some(m.blocks.end),
        Found::Located(s) => Some(tree.sections[*s].blocks.end),
        _ => None,
    };
    let after = diffs
        .iter()
        .filter_map(|d| end_of(d).filter(|&e| e <= block).map(|e| (e, d.index)))
        .max_by_key(|&(e, _)| e)
        .map(|(_, i)| i);
    overrides::Place { inside, after }
}

/// Shortens text to about `max` bytes, cutting in the middle.
pub fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut a = max / 2;
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = s.len() - max / 2;
    while !s.is_char_boundary(b) {
        b += 1;
    }
    format!("{} … {}", s[..a].trim_end(), s[b..].trim_start())
}

fn templates_of(ctx: &Context, id: &str, fallback: &str) -> Vec<String> {
    ctx.required
        .iter()
        .find(|r| r.provision.id() == id)
        .map(|r| r.templates.clone())
        .unwrap_or_else(|| vec![fallback.to_string()])
}

/// Where to point for a provision as a whole: its section's heading, or
/// its first block.
fn head_span(tree: &Tree, d: &ProvisionDiff) -> Option<Span> {
    match &d.found {
        Found::Aligned(m) => match m.section {
            Some(s) => Some(tree.sections[s].head_span),
            None => tree.blocks.get(m.blocks.start).map(|b| b.span),
        },
        Found::Located(s) | Found::Elsewhere(s) => Some(tree.sections[*s].title_span),
        Found::NotFound => None,
    }
}

/// One group of nearby changes in a provision.
pub struct Group {
    /// Op indices, first to last (equal runs between included).
    pub ops: std::ops::Range<usize>,
    pub kind: OpKind,
    pub weakens: Option<String>,
}

/// Groups a provision's changes: changes fewer than four words apart are
/// one finding.
/// The permitted variation of a template slot the group changed, if any
/// (`[at most: ten (10)]` filled with "twenty (20)").
fn permitted_in(c: &Comparison, d: &ProvisionDiff, g: &Group) -> Option<Variation> {
    let r = &c.reference;
    let tokens = &r.provisions[d.index].tokens;
    d.ops[g.ops.clone()]
        .iter()
        .filter(|op| op.kind == OpKind::Changed)
        .flat_map(|op| &tokens[op.old.clone()])
        .filter(|t| t.slot)
        .find_map(|t| {
            let text = &r.tree.blocks[t.block].text[t.range()];
            Variation::parse(text.trim_start_matches('[').trim_end_matches(']'))
        })
}

pub fn groups(d: &ProvisionDiff) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut gap = usize::MAX;
    for (i, op) in d.ops.iter().enumerate() {
        if matches!(op.kind, OpKind::Equal | OpKind::Slot) {
            gap = gap.saturating_add(op.old.len().max(op.new.len()));
            continue;
        }
        let rank = |k: OpKind| match k {
            OpKind::Changed => 3,
            OpKind::Title => 2,
            _ => 1,
        };
        match out.last_mut() {
            Some(g) if gap < 4 => {
                g.ops.end = i + 1;
                if rank(op.kind) > rank(g.kind) {
                    g.kind = op.kind;
                }
                if g.weakens.is_none() {
                    g.weakens = op.weakens.clone();
                }
            }
            _ => out.push(Group {
                ops: i..i + 1,
                kind: op.kind,
                weakens: op.weakens.clone(),
            }),
        }
        gap = 0;
    }
    out
}

/// The redline excerpt of a group: a few template words of context, then
/// `[-deleted-]{+inserted+}`.
pub fn excerpt(c: &Comparison, tree: &Tree, d: &ProvisionDiff, g: &Group) -> String {
    let r = &c.reference;
    let rp = &r.provisions[d.index];
    let ops = &d.ops[g.ops.clone()];
    let mut out = String::new();
    // The template block of the last template word written: a new block
    // starts with " / ".
    let mut block: Option<usize> = None;
    let mut push = |out: &mut String, old: &[crate::compare::normalize::Token], s: &str| {
        if s.is_empty() {
            return;
        }
        let starts_block = old
            .first()
            .is_some_and(|t| block.is_some_and(|b| b != t.block));
        if !out.is_empty() {
            out.push_str(if starts_block { " / " } else { " " });
        }
        out.push_str(s);
        if let Some(t) = old.last() {
            block = Some(t.block);
        }
    };
    let first_old = ops[0].old.start;
    let last_old = ops[ops.len() - 1].old.end;
    let before = &rp.tokens[first_old.saturating_sub(6)..first_old];
    if first_old > 6 {
        out.push('…');
    }
    push(&mut out, before, &text_of(&r.tree, before));
    for op in ops {
        let old_toks = &rp.tokens[op.old.clone()];
        let old = text_of(&r.tree, old_toks);
        let new = text_of(tree, &d.tokens[op.new.clone()]);
        match op.kind {
            OpKind::Equal => push(&mut out, old_toks, &clip(&old, 80)),
            OpKind::Slot => push(&mut out, old_toks, &clip(&new, 80)),
            _ => {
                let mut s = String::new();
                if !old.is_empty() {
                    s.push_str(&format!("[-{}-]", clip(&old, 160)));
                }
                if !new.is_empty() {
                    s.push_str(&format!("{{+{}+}}", clip(&new, 160)));
                }
                push(&mut out, old_toks, &s);
            }
        }
    }
    let after_end = (last_old + 6).min(rp.tokens.len());
    let after = &rp.tokens[last_old..after_end];
    push(&mut out, after, &text_of(&r.tree, after));
    if after_end < rp.tokens.len() {
        out.push_str(" …");
    }
    out
}

/// The span of a group's draft words; for a pure deletion, the point where
/// the words were deleted: after the draft word before them, or before the
/// word after them when they opened a template paragraph.
fn group_span(c: &Comparison, tree: &Tree, d: &ProvisionDiff, g: &Group) -> Option<Span> {
    let ops = &d.ops[g.ops.clone()];
    let changed = |o: &&crate::compare::Op| !matches!(o.kind, OpKind::Equal | OpKind::Slot);
    let first = ops.iter().filter(changed).find(|o| !o.new.is_empty());
    let last = ops.iter().filter(changed).rfind(|o| !o.new.is_empty());
    if let (Some(f), Some(l)) = (first, last) {
        return Comparison::span_of(tree, &d.tokens[f.new.start..l.new.end]);
    }
    let op = ops.iter().find(changed)?;
    let old = &c.reference.provisions[d.index].tokens;
    let opens_block = op.old.start == 0 || old[op.old.start - 1].block != old[op.old.start].block;
    let point = |t: &crate::compare::normalize::Token, end: bool| {
        let s = tree.blocks[t.block].source_span(t.range());
        Span::new(if end { s.end() } else { s.offset }, 0)
    };
    let before = op.new.start.checked_sub(1).and_then(|i| d.tokens.get(i));
    match (before, d.tokens.get(op.new.start)) {
        (Some(b), Some(a)) if opens_block && a.block != b.block => Some(point(a, false)),
        (Some(b), _) => Some(point(b, true)),
        (None, Some(a)) => Some(point(a, false)),
        (None, None) => None,
    }
}

fn report(
    ctx: &Context,
    c: &Comparison,
    d: &ProvisionDiff,
    described: &str,
    out: &mut Vec<Diagnostic>,
) {
    let tree = &ctx.doc.tree;
    let rp = &c.reference.provisions[d.index];
    let mandatory = !rp.optional;
    let title = &rp.title;
    let templates = templates_of(ctx, &rp.id, &rp.template);
    let severity = if mandatory {
        Severity::Error
    } else {
        Severity::Warning
    };
    let note = if mandatory {
        format!(
            "APL 23-029: modifying or removing mandatory language requires DHCS review and \
             approval of a redlined MOU before it is signed (compared with reference template \
             {described})"
        )
    } else {
        format!(
            "optional provision: when included it should follow the template, but a change here \
             does not by itself require a redline (compared with reference template {described})"
        )
    };
    let help =
        "restore the template's wording (`moulint redline` shows every change), or keep the \
                change and submit the redlined MOU to DHCS for review before signing";
    let base = |kind: Kind, severity: Severity, msg: String| {
        let d = Diagnostic::new(ID, kind, severity, msg)
            .with_provision(rp.id.clone())
            .with_templates(templates.clone());
        // A change to an optional provision does not force a redline.
        if mandatory {
            d
        } else {
            d.advisory()
        }
    };
    match &d.found {
        Found::NotFound => {
            // The provisions check reports catalog provisions; a provision
            // only the reference template tags is reported here.
            let in_catalog = ctx.required.iter().any(|r| r.provision.id() == rp.id);
            if mandatory && !in_catalog {
                out.push(
                    Diagnostic::new(
                        ID,
                        Kind::Missing,
                        Severity::Error,
                        format!("mandatory provision {title} of the reference template is missing"),
                    )
                    .with_provision(rp.id.clone())
                    .with_templates(templates.clone())
                    .with_help(format!(
                        "add the {title} provision from the reference template"
                    ))
                    .with_note(note),
                );
            }
        }
        Found::Elsewhere(s) => {
            let name = tree.sections[*s].display_name();
            out.push(
                base(
                    Kind::Altered,
                    severity,
                    format!(
                        "the template text of {title} is not in the draft; only its elements \
                         appear, in {name}"
                    ),
                )
                .with_span(tree.sections[*s].title_span)
                .with_label(format!("{title} was rewritten into this section"))
                .with_help(help)
                .with_note(note),
            );
        }
        Found::Aligned(_) | Found::Located(_) if d.rewritten() => {
            let mut diag = base(
                Kind::Altered,
                severity,
                format!(
                    "the wording of {title} was rewritten: {:.0}% of the template's words are \
                     unchanged",
                    d.similarity * 100.0
                ),
            )
            .with_label("rewritten from the template")
            .with_help(help)
            .with_note(note);
            if let Some(sp) = head_span(tree, d) {
                diag = diag.with_span(sp);
            }
            out.push(diag);
        }
        _ => {
            for g in groups(d) {
                let ex = excerpt(c, tree, d, &g);
                let (kind, sev, msg, label) = match g.kind {
                    OpKind::Changed => match &g.weakens {
                        Some(w) => (
                            Kind::Altered,
                            severity,
                            format!("the obligation \"{w}\" in {title} was weakened: {ex}"),
                            format!("weakens \"{w}\""),
                        ),
                        None => (
                            Kind::Altered,
                            severity,
                            format!(
                                "{} wording of {title} changed: {ex}",
                                if mandatory { "mandatory" } else { "optional" }
                            ),
                            "changed from the template".to_string(),
                        ),
                    },
                    OpKind::Title => (
                        Kind::Altered,
                        if mandatory {
                            Severity::Warning
                        } else {
                            Severity::Info
                        },
                        format!("the title of {title} differs from the template: {ex}"),
                        "title changed".to_string(),
                    ),
                    _ => match added_conflict(ctx, c, d, &g) {
                        Some(how) => (
                            Kind::Conflict,
                            Severity::Error,
                            format!("text added to {title} {how}: {ex}"),
                            "conflicts with the mandatory text".to_string(),
                        ),
                        None => (
                            Kind::Added,
                            Severity::Info,
                            format!("text added to {title} (not in the template): {ex}"),
                            "added text".to_string(),
                        ),
                    },
                };
                let mut diag = base(kind, sev, msg).with_label(label);
                // A retitled provision keeps its words: worth a look, not a redline.
                if g.kind == OpKind::Title {
                    diag = diag.advisory();
                }
                diag = if kind == Kind::Conflict {
                    diag.with_help(CONFLICT_HELP).with_note(CONFLICT_NOTE)
                } else if kind == Kind::Added {
                    diag.with_note(
                        "additions are allowed when they do not conflict with a mandatory \
                         provision; the reviewer should confirm that this one does not",
                    )
                } else if let Some(permits) = permitted_in(c, d, &g) {
                    diag.with_help(format!(
                        "the template permits {} here: keep within it, or submit the change as a \
                         redline to DHCS for review before signing",
                        permits.describe()
                    ))
                    .with_note(note.clone())
                } else {
                    diag.with_help(help).with_note(note.clone())
                };
                if let Some(sp) = group_span(c, tree, d, &g).or_else(|| head_span(tree, d)) {
                    diag = diag.with_span(sp);
                }
                out.push(diag);
            }
        }
    }
}

fn moved(ctx: &Context, c: &Comparison, diffs: &[ProvisionDiff], out: &mut Vec<Diagnostic>) {
    let tree = &ctx.doc.tree;
    let r = &c.reference;
    for d in diffs.iter().filter(|d| d.moved) {
        let rp = &r.provisions[d.index];
        // The provision the template puts it after, among those in order.
        let after = diffs[..d.index]
            .iter()
            .rev()
            .find(|e| !e.moved && matches!(e.found, Found::Aligned(_)))
            .map(|e| r.provisions[e.index].title.clone());
        let place = match after {
            Some(t) => format!("the template places it after {t}"),
            None => "the template places it first".to_string(),
        };
        let mut diag = Diagnostic::new(
            ID,
            Kind::Moved,
            Severity::Info,
            format!("{} is out of the template's order: {place}", rp.title),
        )
        .with_provision(rp.id.clone())
        .with_templates(templates_of(ctx, &rp.id, &rp.template))
        .with_label("moved")
        .with_note("moving a provision does not modify it; the reviewer may want to know");
        if let Some(sp) = head_span(tree, d) {
            diag = diag.with_span(sp);
        }
        out.push(diag);
    }
}
