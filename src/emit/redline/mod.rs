//! The redline report a compliance officer attaches to a submission (what
//! `moulint redline` writes; the command is [`crate::commands::redline`]).
//!
//! For each provision of the reference template, in template order, the
//! template's text with the draft's deletions and insertions marked
//! (CriticMarkup `{--deleted--}` / `{++inserted++}` in Markdown; `<del>` /
//! `<ins>` in HTML), then the list of additions the template does not have,
//! under a summary: the verdict and the counts. A draft with no deviation
//! gets a report that says so, for the file-and-use attestation.
//!
//! This file holds the report model and [`build`], which fills it from the
//! draft's analysis; [`markdown`] and [`html`] render it, with the wording
//! they share in `wording.rs`, and [`render`] picks one for a
//! [`RedlineFormat`].

mod wording;

pub mod html;
pub mod markdown;

use clap::ValueEnum;

use crate::compare::normalize::Token;
use crate::compare::{self, Comparison, Found, OpKind, Outcome, ProvisionDiff, Reference};
use crate::diagnostic::{Kind, Severity};
use crate::lint::Checked;
use crate::reference::Origin;
use crate::text::BlockKind;
use crate::tree::Tree;
use crate::verdict::Verdict;

/// The report's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RedlineFormat {
    /// Markdown with CriticMarkup.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// The report in a format.
pub fn render(report: &Report, format: RedlineFormat) -> String {
    match format {
        RedlineFormat::Md => markdown::render(report),
        RedlineFormat::Html => html::render(report),
    }
}

/// A piece of a rendered paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Template text the draft keeps.
    Same(String),
    /// Draft text in a template slot.
    Fill(String),
    /// Template text the draft deleted.
    Del(String),
    /// Draft text the template does not have.
    Ins(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(s) | Piece::Fill(s) | Piece::Del(s) | Piece::Ins(s) => s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Heading,
    Text,
    Item,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub kind: ParaKind,
    pub pieces: Vec<Piece>,
}

/// What became of a provision in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Unchanged,
    /// Mandatory or optional words changed.
    Altered,
    /// Only whole sentences added.
    Added,
    /// Only the title changed.
    Retitled,
    /// Found nowhere.
    Missing,
    /// An optional provision the draft does not include.
    NotIncluded,
}

impl State {
    pub fn as_str(&self) -> &'static str {
        match self {
            State::Unchanged => "unchanged",
            State::Altered => "altered",
            State::Added => "text added",
            State::Retitled => "title changed",
            State::Missing => "missing",
            State::NotIncluded => "not included (optional)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProvisionReport {
    pub id: String,
    pub title: String,
    /// The template's number for it (`9`, `14.1`), if any.
    pub number: Option<String>,
    pub optional: bool,
    pub state: State,
    pub moved: bool,
    /// 1-based line in the draft where it sits.
    pub line: Option<usize>,
    /// A remark (where the elements were found, how much was rewritten).
    pub remark: Option<String>,
    pub paras: Vec<Para>,
}

#[derive(Debug, Clone)]
pub struct AdditionReport {
    pub line: usize,
    pub place: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct FindingLine {
    pub line: Option<usize>,
    pub id: String,
    pub kind: &'static str,
    pub severity: &'static str,
    pub message: String,
}

/// Why the word comparison was not made.
#[derive(Debug, Clone)]
pub enum Skipped {
    NoReference(String),
    NotFollowed(f32),
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub path: String,
    pub templates: Vec<String>,
    pub reference: String,
    pub bundled: bool,
    pub draft_version: Option<String>,
    pub verdict: Verdict,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub skipped: Option<Skipped>,
    pub provisions: Vec<ProvisionReport>,
    pub additions: Vec<AdditionReport>,
    /// Error findings that make the verdict redline (or incomplete/invalid).
    pub blocking: Vec<FindingLine>,
}

impl Report {
    pub fn count(&self, state: State) -> usize {
        self.provisions.iter().filter(|p| p.state == state).count()
    }
    pub fn moved(&self) -> usize {
        self.provisions.iter().filter(|p| p.moved).count()
    }
    /// No mandatory deviation found and the words were compared.
    pub fn clean(&self) -> bool {
        self.verdict == Verdict::FileAndUse && self.skipped.is_none()
    }
}

/// Builds the report of one checked draft from its findings and its
/// analysis (the word diffs and additions the check computed).
pub fn build(checked: &Checked) -> Report {
    let analysis = &checked.analysis;
    let set = analysis.references().set;
    let (doc, templates) = (&analysis.doc, &analysis.templates);
    let line = |off: usize| doc.source.line_col(off).0;
    let mut blocking: Vec<FindingLine> = checked
        .diagnostics
        .iter()
        // What decides the verdict, whatever its configured severity.
        .filter(|d| crate::registry::effect(analysis.catalog, d).is_some())
        .map(|d| FindingLine {
            line: d.span.map(|s| line(s.offset)),
            id: d.id.clone(),
            kind: d.kind.as_str(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
        })
        .collect();
    blocking.sort_by_key(|f| (f.line.unwrap_or(0), f.id.clone()));
    let count = |s: Severity| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let mut report = Report {
        path: doc.source.path.clone(),
        templates: templates.clone(),
        reference: String::new(),
        bundled: set.origin == Origin::Bundled,
        draft_version: doc
            .front
            .as_ref()
            .and_then(|f| f.template_version.as_ref())
            .map(|v| v.value.clone()),
        verdict: checked.verdict,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Info),
        skipped: None,
        provisions: Vec::new(),
        additions: Vec::new(),
        blocking,
    };
    let c = match analysis.comparison() {
        None => {
            report.skipped = Some(Skipped::NoReference(
                "the draft's front matter cannot be parsed".into(),
            ));
            return report;
        }
        Some(Outcome::Compared(c)) => c,
        Some(Outcome::Skipped { reason }) => {
            report.skipped = Some(Skipped::NoReference(reason.clone()));
            return report;
        }
    };
    report.reference = c.reference.describe().replace('`', "");
    if !c.follows() {
        report.skipped = Some(Skipped::NotFollowed(c.alignment.coverage));
        return report;
    }
    let tree = &doc.tree;
    let diffs = analysis.diffs().unwrap_or_default();
    let missing_ids: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Missing)
        .filter_map(|d| d.provision.as_deref())
        .collect();
    for d in diffs {
        report
            .provisions
            .push(provision_report(c, tree, d, &missing_ids, &line));
    }
    for a in analysis.additions() {
        report.additions.push(AdditionReport {
            line: line(a.span.offset),
            place: tree.sections[tree.blocks[a.blocks.start].section].display_name(),
            text: run_text(tree, &a.tokens, a.words.clone()),
        });
    }
    // Sentences added inside provisions are additions too.
    for d in diffs {
        for op in d.ops.iter().filter(|o| o.kind == OpKind::Added) {
            let t = &d.tokens[op.new.start];
            report.additions.push(AdditionReport {
                line: line(tree.blocks[t.block].source_span(t.range()).offset),
                place: c.reference.provisions[d.index].title.clone(),
                text: run_text(tree, &d.tokens, op.new.clone()),
            });
        }
    }
    report.additions.sort_by_key(|a| a.line);
    report
}

fn provision_report(
    c: &Comparison,
    tree: &Tree,
    d: &ProvisionDiff,
    missing_ids: &[&str],
    line: &dyn Fn(usize) -> usize,
) -> ProvisionReport {
    let r: &Reference = &c.reference;
    let rp = &r.provisions[d.index];
    let sec = &r.tree.sections[rp.section];
    let at = d
        .section(tree)
        .map(|s| line(tree.sections[s].head_span.offset));
    let at = match &d.found {
        Found::Aligned(m) => tree
            .blocks
            .get(m.blocks.start)
            .map(|b| line(b.span.offset))
            .or(at),
        _ => at,
    };
    let mut remark = None;
    let (state, paras) = match &d.found {
        Found::NotFound => {
            if rp.optional && !missing_ids.contains(&rp.id.as_str()) {
                (State::NotIncluded, Vec::new())
            } else {
                (State::Missing, deleted_paras(r, rp))
            }
        }
        Found::Elsewhere(s) => {
            remark = Some(format!(
                "the template text is not in the draft; only its elements appear, in {}",
                tree.sections[*s].display_name()
            ));
            (State::Altered, deleted_paras(r, rp))
        }
        Found::Aligned(_) | Found::Located(_) => {
            if d.rewritten() {
                remark = Some(format!(
                    "rewritten: {:.0}% of the template's words are unchanged",
                    d.similarity * 100.0
                ));
            }
            let kinds: Vec<OpKind> = d.ops.iter().map(|o| o.kind).collect();
            let state = if kinds.contains(&OpKind::Changed) {
                State::Altered
            } else if kinds.contains(&OpKind::Title) {
                State::Retitled
            } else if kinds.contains(&OpKind::Added) {
                State::Added
            } else {
                State::Unchanged
            };
            (state, diff_paras(r, rp, tree, d))
        }
    };
    ProvisionReport {
        id: rp.id.clone(),
        title: rp.title.clone(),
        number: sec.label.clone(),
        optional: rp.optional,
        state,
        moved: d.moved,
        line: at,
        remark,
        paras,
    }
}

/// Text of tokens `range` of `list` as written: punctuation kept, the text
/// before a block's first word and after its last included, blocks joined
/// by a space.
fn run_text(tree: &Tree, list: &[Token], range: std::ops::Range<usize>) -> String {
    let mut out = String::new();
    let mut a = range.start;
    while a < range.end {
        let block = list[a].block;
        let mut b = a;
        while b < range.end && list[b].block == block {
            b += 1;
        }
        let text = &tree.blocks[block].text;
        let s = if a == 0 || list[a - 1].block != block {
            0
        } else {
            list[a].start
        };
        let e = if b == list.len() || list[b].block != block {
            text.len()
        } else {
            list[b].start
        };
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(&text[s..e]);
        a = b;
    }
    out
}

fn para_kind(tree: &Tree, block: usize) -> ParaKind {
    match tree.blocks[block].kind {
        BlockKind::Heading(_) => ParaKind::Heading,
        BlockKind::ItemText => ParaKind::Item,
        _ => ParaKind::Text,
    }
}

/// The template text of a provision, all struck out.
fn deleted_paras(r: &Reference, rp: &compare::RefProvision) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let toks = &rp.tokens;
    let mut a = 0;
    while a < toks.len() {
        let block = toks[a].block;
        let mut b = a;
        while b < toks.len() && toks[b].block == block {
            b += 1;
        }
        paras.push(Para {
            kind: para_kind(&r.tree, block),
            pieces: vec![Piece::Del(run_text(&r.tree, toks, a..b))],
        });
        a = b;
    }
    paras
}

/// The template text of a provision with the draft's changes marked.
fn diff_paras(
    r: &Reference,
    rp: &compare::RefProvision,
    tree: &Tree,
    d: &ProvisionDiff,
) -> Vec<Para> {
    let old = &rp.tokens;
    let mut paras: Vec<Para> = Vec::new();
    let mut cur_block: Option<usize> = None;
    // Starts a paragraph for template block `block` if it is a new one.
    let open = |paras: &mut Vec<Para>, cur: &mut Option<usize>, block: usize| {
        if *cur != Some(block) {
            paras.push(Para {
                kind: para_kind(&r.tree, block),
                pieces: Vec::new(),
            });
            *cur = Some(block);
        }
    };
    let push = |paras: &mut Vec<Para>, p: Piece| {
        if paras.is_empty() {
            paras.push(Para {
                kind: ParaKind::Text,
                pieces: Vec::new(),
            });
        }
        paras.last_mut().expect("one paragraph").pieces.push(p);
    };
    // Template runs, split at template block boundaries.
    let old_runs = |range: std::ops::Range<usize>| {
        let mut runs = Vec::new();
        let mut a = range.start;
        while a < range.end {
            let block = old[a].block;
            let mut b = a;
            while b < range.end && old[b].block == block {
                b += 1;
            }
            runs.push((block, a..b));
            a = b;
        }
        runs
    };
    for op in &d.ops {
        let new_text = || run_text(tree, &d.tokens, op.new.clone());
        match op.kind {
            OpKind::Equal => {
                for (block, run) in old_runs(op.old.clone()) {
                    open(&mut paras, &mut cur_block, block);
                    push(&mut paras, Piece::Same(run_text(&r.tree, old, run)));
                }
            }
            OpKind::Slot => {
                let runs = old_runs(op.old.clone());
                if let Some((block, _)) = runs.first() {
                    open(&mut paras, &mut cur_block, *block);
                }
                push(&mut paras, Piece::Fill(new_text()));
                if let Some((block, _)) = runs.last() {
                    open(&mut paras, &mut cur_block, *block);
                }
            }
            _ => {
                for (block, run) in old_runs(op.old.clone()) {
                    open(&mut paras, &mut cur_block, block);
                    push(&mut paras, Piece::Del(run_text(&r.tree, old, run)));
                }
                if !op.new.is_empty() {
                    if op.old.is_empty() && cur_block.is_none() {
                        if let Some(t) = old.get(op.old.start) {
                            open(&mut paras, &mut cur_block, t.block);
                        }
                    }
                    push(&mut paras, Piece::Ins(new_text()));
                }
            }
        }
    }
    paras
}
