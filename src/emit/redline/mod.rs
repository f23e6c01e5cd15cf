//! The redline report a compliance officer attaches to a submission (what
//! `moulint redline` writes; the command is [`crate::commands::redline`]).
//!
//! It opens with the MOU's particulars (parties, counties, template and
//! reference text, dates, status, verdict, when and by which moulint it
//! was made) and a summary: a statement of what the verdict means and a
//! tally of what became of the provisions, with what each count means for
//! the submission. Then the findings that decide the verdict, by title,
//! their changes rendered. Then the whole MOU in the draft's order: each
//! provision of the reference template as the template's text with the
//! draft's deletions and insertions marked (CriticMarkup `{--deleted--}` /
//! `{++inserted++}` in Markdown; `<del>` / `<ins>` in HTML), a missing one
//! where the template has it, and the draft's own text (preamble,
//! exhibits, signature blocks) as passages with what it adds marked. An
//! index of the additions closes it. A draft with no deviation gets a
//! report that says so, for the file-and-use attestation.
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
use crate::util::date::Ymd;
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
    /// A table cell; `row_start` opens a new row.
    Cell {
        header: bool,
        row_start: bool,
    },
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
            State::NotIncluded => "not included",
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
    /// A top-level article of the template (a page of its own in print).
    pub article: bool,
    /// The heading's words with the draft's changes, when it changed; the
    /// heading is shown once, so it is not among `paras`.
    pub title_pieces: Option<Vec<Piece>>,
    pub paras: Vec<Para>,
}

/// A part of the MOU as the report shows it, in the draft's order.
#[derive(Debug, Clone)]
pub enum Part {
    /// `Report::provisions[i]`: where the draft has it, or, when it is
    /// missing, where the template has it.
    Provision(usize),
    /// Draft text outside every provision (preamble, recitals, exhibits,
    /// signature blocks), with what it adds to the template marked.
    Passage(Passage),
}

#[derive(Debug, Clone)]
pub struct Passage {
    /// 1-based draft line of its first block.
    pub line: usize,
    /// Opens with a top-level heading (a page of its own in print).
    pub article: bool,
    pub paras: Vec<Para>,
}

/// The MOU's particulars, from its front matter.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub mcps: Vec<String>,
    pub other_party: Option<String>,
    pub other_kind: Option<String>,
    pub counties: Vec<String>,
    pub effective_date: Option<String>,
    pub execution_date: Option<String>,
    pub status: Option<&'static str>,
    /// When the report was made.
    pub generated: String,
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
    /// What a person calls it: the provision's title, or the check's.
    pub title: String,
    pub kind: &'static str,
    pub severity: &'static str,
    pub message: String,
    /// The message with its `[-old-]{+new+}` markup read as changes.
    pub pieces: Vec<Piece>,
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
    pub header: Header,
    pub provisions: Vec<ProvisionReport>,
    /// The whole MOU in the draft's order (empty when not compared).
    pub body: Vec<Part>,
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
/// analysis (the word diffs and additions the check computed); `generated`
/// is the date the report states it was made.
pub fn build(checked: &Checked, generated: Ymd) -> Report {
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
            title: finding_title(analysis.catalog, d),
            kind: d.kind.as_str(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
            pieces: marked_pieces(&d.message),
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
        header: header_of(doc.front.as_ref(), generated),
        provisions: Vec::new(),
        body: Vec::new(),
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
    report.body = body(tree, diffs, &report.provisions, analysis.additions(), &line);
    report
}

fn header_of(front: Option<&crate::frontmatter::FrontMatter>, generated: Ymd) -> Header {
    use crate::frontmatter::Status;
    let values = |v: &[crate::frontmatter::Sp<String>]| -> Vec<String> {
        v.iter().map(|s| s.value.clone()).collect()
    };
    let mut h = Header {
        generated: generated.to_string(),
        ..Header::default()
    };
    if let Some(f) = front {
        h.mcps = values(&f.mcps);
        h.counties = values(&f.counties);
        h.other_party = f.other_party.name.as_ref().map(|s| s.value.clone());
        h.other_kind = f.other_party.kind.as_ref().map(|s| s.value.clone());
        h.effective_date = f.effective_date.as_ref().map(|s| s.value.clone());
        h.execution_date = f.execution_date.as_ref().map(|s| s.value.clone());
        h.status = f.status.as_ref().map(|s| match s.value {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Executed => "executed",
        });
    }
    h
}

/// What a person calls a finding: "Quarterly Meetings" for a provision's,
/// the check's title otherwise.
fn finding_title(catalog: &crate::catalog::Catalog, d: &crate::diagnostic::Diagnostic) -> String {
    if let Some(p) = d.provision.as_deref().and_then(|id| catalog.provision(id)) {
        return p.def.title.clone();
    }
    if let Some(p) = catalog.provision(&d.id) {
        return p.def.title.clone();
    }
    crate::checks::meta(&d.id)
        .map(|m| m.title.to_string())
        .unwrap_or_else(|| d.id.clone())
}

/// Reads a message's `[-deleted-]` and `{+inserted+}` markup as pieces.
pub fn marked_pieces(message: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = message;
    loop {
        let del = rest.find("[-").map(|i| (i, "[-", "-]"));
        let ins = rest.find("{+").map(|i| (i, "{+", "+}"));
        let next = match (del, ins) {
            (Some(d), Some(i)) => Some(if d.0 < i.0 { d } else { i }),
            (d, i) => d.or(i),
        };
        let Some((at, open, close)) = next else { break };
        let Some(len) = rest[at + 2..].find(close) else {
            break;
        };
        if at > 0 {
            out.push(Piece::Same(rest[..at].to_string()));
        }
        let inner = rest[at + 2..at + 2 + len].to_string();
        out.push(if open == "[-" {
            Piece::Del(inner)
        } else {
            Piece::Ins(inner)
        });
        rest = &rest[at + 2 + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Same(rest.to_string()));
    }
    out
}

/// The whole MOU in the draft's order: each provision where its blocks
/// start (a missing one after the provisions the template puts before
/// it), and the draft's other blocks as passages, their additions marked.
fn body(
    tree: &Tree,
    diffs: &[ProvisionDiff],
    provisions: &[ProvisionReport],
    additions: &[compare::Addition],
    line: &dyn Fn(usize) -> usize,
) -> Vec<Part> {
    let n = tree.blocks.len();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut claim = |b: usize, i: usize| {
        if let Some(o) = owner.get_mut(b) {
            o.get_or_insert(i);
        }
    };
    for (i, d) in diffs.iter().enumerate() {
        match &d.found {
            Found::Aligned(m) => m.blocks.clone().for_each(|b| claim(b, i)),
            Found::Located(s) => tree.sections[*s].blocks.clone().for_each(|b| claim(b, i)),
            Found::Elsewhere(_) | Found::NotFound => {}
        }
        if matches!(d.found, Found::Aligned(_) | Found::Located(_)) {
            d.tokens.iter().for_each(|t| claim(t.block, i));
        }
    }
    let placed: Vec<bool> = (0..provisions.len())
        .map(|i| owner.contains(&Some(i)))
        .collect();
    let added = added_ranges(tree, additions);
    let mut parts: Vec<Part> = Vec::new();
    let mut shown = vec![false; provisions.len()];
    let show = |parts: &mut Vec<Part>, i: usize, shown: &mut Vec<bool>| {
        // The missing provisions the template puts before this one first.
        for j in 0..i {
            if !shown[j] && !placed[j] {
                shown[j] = true;
                parts.push(Part::Provision(j));
            }
        }
        if !shown[i] {
            shown[i] = true;
            parts.push(Part::Provision(i));
        }
    };
    // The top-level section of the passage being written, if any.
    let mut open: Option<Option<usize>> = None;
    for (b, owned) in owner.iter().enumerate() {
        if let Some(i) = *owned {
            if !shown[i] {
                show(&mut parts, i, &mut shown);
            }
            open = None;
            continue;
        }
        let block = &tree.blocks[b];
        let article = tree.article_of(block.section);
        if open != Some(article) {
            let heads =
                article.is_some_and(|a| block.span.offset == tree.sections[a].head_span.offset);
            parts.push(Part::Passage(Passage {
                line: line(block.span.offset),
                article: heads,
                paras: Vec::new(),
            }));
            open = Some(article);
        }
        if let Some(Part::Passage(p)) = parts.last_mut() {
            p.paras.push(draft_para(tree, b, &added));
        }
    }
    for (i, done) in shown.iter().enumerate() {
        if !done {
            parts.push(Part::Provision(i));
        }
    }
    parts
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
    let mut paras = paras;
    // The heading is the report's title for the provision: shown once,
    // with its changes when the draft changed it.
    let mut title_pieces = None;
    if paras.first().is_some_and(|p| p.kind == ParaKind::Heading) {
        let head = paras.remove(0);
        if state != State::Missing
            && head
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Del(_) | Piece::Ins(_)))
        {
            title_pieces = Some(head.pieces);
        }
    }
    ProvisionReport {
        id: rp.id.clone(),
        title: rp.title.clone(),
        number: sec.label.clone(),
        optional: rp.optional,
        state,
        moved: d.moved,
        line: at,
        remark,
        article: r.tree.article_of(rp.section) == Some(rp.section),
        title_pieces,
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
                // Added paragraphs of their own are shown as paragraphs.
                let own_block = op.old.is_empty()
                    && !op.new.is_empty()
                    && (op.new.start == 0
                        || d.tokens[op.new.start - 1].block != d.tokens[op.new.start].block)
                    && d.tokens
                        .get(op.new.end)
                        .is_none_or(|t| t.block != d.tokens[op.new.end - 1].block);
                if own_block {
                    let kind = para_kind(tree, d.tokens[op.new.start].block);
                    paras.push(Para {
                        kind,
                        pieces: vec![Piece::Ins(new_text())],
                    });
                    cur_block = None;
                    continue;
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

/// Byte ranges of each block's text that the draft adds to the template.
fn added_ranges(tree: &Tree, additions: &[compare::Addition]) -> Vec<Vec<std::ops::Range<usize>>> {
    let mut out = vec![Vec::new(); tree.blocks.len()];
    for a in additions {
        let words = &a.tokens[a.words.clone()];
        if a.words.len() == a.tokens.len() {
            for b in a.blocks.clone() {
                out[b].push(0..tree.blocks[b].text.len());
            }
            continue;
        }
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            let text = &tree.blocks[first.block].text;
            // The added sentence with the punctuation that ends it.
            let end = text[last.end..]
                .find(|c: char| c.is_alphanumeric())
                .map_or(text.len(), |i| last.end + i);
            out[first.block].push(first.start..end);
        }
    }
    out
}

/// A draft block as written, with the text it adds marked inserted.
fn draft_para(tree: &Tree, b: usize, added: &[Vec<std::ops::Range<usize>>]) -> Para {
    let block = &tree.blocks[b];
    let text = &block.text;
    let mut pieces = Vec::new();
    let mut at = 0;
    for r in &added[b] {
        if r.start > at {
            pieces.push(Piece::Same(text[at..r.start].to_string()));
        }
        pieces.push(Piece::Ins(text[r.start.max(at)..r.end].to_string()));
        at = r.end.max(at);
    }
    if at < text.len() {
        pieces.push(Piece::Same(text[at..].to_string()));
    }
    let kind = match block.kind {
        BlockKind::TableCell => match crate::table::cell_at(&tree.tables, b) {
            Some(c) => ParaKind::Cell {
                header: tree.tables[c.table].rows[c.row].header,
                row_start: c.column == 0,
            },
            None => ParaKind::Text,
        },
        _ => para_kind(tree, b),
    };
    Para { kind, pieces }
}
