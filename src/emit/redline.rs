//! `moulint redline`: the redline report a compliance officer attaches to a
//! submission.
//!
//! For each provision of the reference template, in template order, the
//! template's text with the draft's deletions and insertions marked
//! (CriticMarkup `{--deleted--}` / `{++inserted++}` in Markdown; `<del>` /
//! `<ins>` in HTML), then the list of additions the template does not have,
//! under a summary: the verdict and the counts. A draft with no deviation
//! gets a report that says so, for the file-and-use attestation.
//!
//! The HTML page is self-contained (inline CSS, print styles, no scripts, a
//! Content-Security-Policy that forbids every load) and every piece of
//! draft or template text in it is escaped.

use std::fmt::Write as _;

use clap::ValueEnum;

use crate::catalog::Catalog;

use crate::compare::normalize::Token;
use crate::compare::{self, Comparison, Found, OpKind, Outcome, ProvisionDiff, Reference};
use crate::diagnostic::{Kind, Severity};
use crate::lint;
use crate::reference::{Origin, TemplateSet};
use crate::source::SourceFile;
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

/// Builds the report for one draft.
pub fn build(source: SourceFile, catalog: &Catalog, set: &TemplateSet) -> Report {
    let references = compare::References::new(set);
    let checked = lint::check_source(source, catalog, &references);
    let analysis = &checked.analysis;
    let (doc, templates) = (&analysis.doc, &analysis.templates);
    let line = |off: usize| doc.source.line_col(off).0;
    let mut blocking: Vec<FindingLine> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
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

// ---------------------------------------------------------------- Markdown

/// Escapes text for Markdown: markup characters, and the braces of
/// CriticMarkup, are backslash-escaped.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits trailing whitespace off, so markers hug the words.
fn split_ws(s: &str) -> (&str, &str) {
    let core = s.trim_end();
    (core, &s[core.len()..])
}

/// Pieces carry the spaces and punctuation that follow their words; a space
/// is added only where two words would otherwise touch.
fn needs_space(out: &str, next: &Piece) -> bool {
    let text = next.text();
    let prev = out
        .trim_end_matches(['}', '-', '+', '>'])
        .chars()
        .next_back();
    let prev_raw = out.chars().next_back();
    prev_raw.is_some_and(|c| !c.is_whitespace())
        && prev.is_some_and(|c| !matches!(c, '(' | '[' | '"' | '\'' | '/'))
        && text.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// Renders a paragraph's pieces: each escaped, a changed or filled one
/// wrapped in the markers `wrap` gives it (its trailing space outside).
fn render_pieces(
    pieces: &[Piece],
    escape: fn(&str) -> String,
    wrap: fn(&Piece) -> (&'static str, &'static str),
) -> String {
    let mut out = String::new();
    for p in pieces {
        if needs_space(&out, p) {
            out.push(' ');
        }
        let (open, close) = wrap(p);
        let (core, ws) = split_ws(p.text());
        let _ = write!(out, "{open}{}{close}{ws}", escape(core));
    }
    out.trim_end().to_string()
}

fn md_pieces(pieces: &[Piece]) -> String {
    render_pieces(pieces, md_escape, |p| match p {
        Piece::Same(_) | Piece::Fill(_) => ("", ""),
        Piece::Del(_) => ("{--", "--}"),
        Piece::Ins(_) => ("{++", "++}"),
    })
}

fn verdict_line(r: &Report) -> String {
    format!("{}: {}", r.verdict.as_str(), r.verdict.meaning())
}

fn statement(r: &Report) -> String {
    match (&r.skipped, r.verdict) {
        (None, Verdict::FileAndUse) => format!(
            "No mandatory provision of the reference template was modified or removed: the draft \
             keeps every mandatory provision of {} word for word (slots filled, wording not \
             changed). This report may support the file-and-use attestation.",
            r.reference
        ),
        (None, Verdict::Redline) => "Mandatory language was modified or removed. The MOU must be \
             submitted to DHCS as a redline for review and approval before it is signed; the \
             changes are marked below."
            .to_string(),
        (None, Verdict::Incomplete) => "The draft is not finished (slots or front matter left \
             open); the comparison below is provisional."
            .to_string(),
        (None, Verdict::Invalid) => "The draft cannot be read or parsed.".to_string(),
        (Some(Skipped::NoReference(why)), _) => {
            format!("The draft's wording was not compared with a reference template: {why}.")
        }
        (Some(Skipped::NotFollowed(cov)), _) => format!(
            "The draft does not follow the wording of the reference template {} ({:.0}% of its \
             mandatory provisions found word for word), so no word-by-word redline was made. If \
             the draft follows the official template, import it with `moulint template import` \
             and run `moulint redline --templates DIR`.",
            r.reference,
            cov * 100.0
        ),
    }
}

fn counts_line(r: &Report) -> String {
    format!(
        "{} compared: {} unchanged, {} altered, {} missing, {} with text added, {} retitled, {} \
         moved, {} optional not included",
        r.provisions.len(),
        r.count(State::Unchanged),
        r.count(State::Altered),
        r.count(State::Missing),
        r.count(State::Added),
        r.count(State::Retitled),
        r.moved(),
        r.count(State::NotIncluded)
    )
}

fn reference_line(r: &Report) -> String {
    if r.reference.is_empty() {
        return "none".to_string();
    }
    if r.bundled {
        format!(
            "{} (moulint's bundled reference text: the project's own wording in the state's \
             structure, not the official template)",
            r.reference
        )
    } else {
        format!("{} (imported template)", r.reference)
    }
}

/// The summary table's rows, as plain text (the verdict first).
fn summary_rows(r: &Report) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Verdict", verdict_line(r)),
        ("Templates", r.templates.join(", ")),
        ("Reference text", reference_line(r)),
        (
            "Template version in the draft",
            r.draft_version
                .clone()
                .unwrap_or_else(|| "not given (compared with the newest)".to_string()),
        ),
    ];
    if r.skipped.is_none() {
        rows.push(("Provisions", counts_line(r)));
        rows.push(("Additions", r.additions.len().to_string()));
    }
    rows.push((
        "Findings",
        format!(
            "{} errors, {} warnings, {} notes (moulint check lists them)",
            r.errors, r.warnings, r.notes
        ),
    ));
    rows.push(("Tool", format!("moulint {}", env!("CARGO_PKG_VERSION"))));
    rows
}

const NO_ADDITIONS: &str = "The draft adds no text to the reference template.";
const ADDITIONS_INTRO: &str = "Text the reference template does not have. Additions are allowed \
     when they do not conflict with a mandatory provision; the reviewer should confirm each.";

/// "mandatory · draft line 12" after a provision's id.
fn meta_of(p: &ProvisionReport, id: &str) -> String {
    let mut meta = format!(
        "{id} · {}",
        if p.optional { "optional" } else { "mandatory" }
    );
    if let Some(l) = p.line {
        let _ = write!(meta, " · draft line {l}");
    }
    meta
}

fn heading_of(p: &ProvisionReport) -> String {
    let mut h = String::new();
    if let Some(n) = &p.number {
        let dot = if n.ends_with('.') || n.contains(' ') {
            ""
        } else {
            "."
        };
        let _ = write!(h, "{n}{dot} ");
    }
    h.push_str(&p.title);
    h
}

fn status_of(p: &ProvisionReport) -> String {
    let mut s = p.state.as_str().to_string();
    if p.moved {
        s.push_str(", moved");
    }
    s
}

/// The report as Markdown with CriticMarkup.
pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Redline report: {}\n", md_escape(&r.path));
    let _ = writeln!(o, "| | |\n|---|---|");
    for (k, v) in summary_rows(r) {
        let v = md_escape(&v);
        let v = if k == "Verdict" {
            format!("**{v}**")
        } else {
            v
        };
        let _ = writeln!(o, "| {k} | {v} |");
    }
    o.push('\n');
    let _ = writeln!(o, "## Summary\n\n{}\n", md_escape(&statement(r)));
    if !r.blocking.is_empty() {
        let _ = writeln!(o, "### Errors\n");
        for f in &r.blocking {
            let at = f.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(
                o,
                "- {at}`{}` ({}) {}",
                f.id.replace('`', "'"),
                f.kind,
                md_escape(&f.message)
            );
        }
        o.push('\n');
    }
    if !r.provisions.is_empty() {
        let _ = writeln!(
            o,
            "## Provisions\n\nEach provision shows the reference template's text with the \
             draft's changes: `{{--deleted--}}` marks template words the draft removed, \
             `{{++inserted++}}` words the draft added (CriticMarkup). Slots show the draft's \
             text.\n"
        );
    }
    for p in &r.provisions {
        let _ = writeln!(o, "### {} ({})\n", md_escape(&heading_of(p)), status_of(p));
        let _ = writeln!(o, "{}\n", meta_of(p, &format!("`{}`", p.id)));
        if let Some(rm) = &p.remark {
            let _ = writeln!(o, "> {}\n", md_escape(rm));
        }
        for para in &p.paras {
            let text = md_pieces(&para.pieces);
            if text.is_empty() {
                continue;
            }
            match para.kind {
                ParaKind::Heading => {
                    let _ = writeln!(o, "**{text}**\n");
                }
                ParaKind::Item => {
                    let _ = writeln!(o, "- {text}\n");
                }
                ParaKind::Text => {
                    let _ = writeln!(o, "{text}\n");
                }
            }
        }
    }
    if r.skipped.is_none() {
        let _ = writeln!(o, "## Additions\n");
        if r.additions.is_empty() {
            let _ = writeln!(o, "{NO_ADDITIONS}\n");
        } else {
            let _ = writeln!(o, "{ADDITIONS_INTRO}\n");
            for a in &r.additions {
                let _ = writeln!(
                    o,
                    "- line {}, {}: {{++{}++}}",
                    a.line,
                    md_escape(&a.place),
                    md_escape(a.text.trim())
                );
            }
            o.push('\n');
        }
    }
    o.trim_end().to_string() + "\n"
}

// -------------------------------------------------------------------- HTML

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn html_pieces(pieces: &[Piece]) -> String {
    render_pieces(pieces, html_escape, |p| match p {
        Piece::Same(_) => ("", ""),
        Piece::Fill(_) => ("<span class=\"fill\">", "</span>"),
        Piece::Del(_) => ("<del>", "</del>"),
        Piece::Ins(_) => ("<ins>", "</ins>"),
    })
}

const CSS: &str = "\
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}
h3{font-size:1.05rem;margin:1.6rem 0 .2rem}
table.summary{border-collapse:collapse;margin:1rem 0}
table.summary th,table.summary td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
.meta{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#555;margin:0 0 .6rem}
.verdict{font-weight:bold}.v-redline{color:#a00}.v-file-and-use{color:#060}
.state{font-weight:normal;font-size:.9rem;padding:0 .35rem;border-radius:.2rem;background:#eee}
.state-altered,.state-missing{background:#fbe3e3;color:#900}
del{color:#a00;background:#fde8e8;text-decoration:line-through}
ins{color:#05631c;background:#e3f6e5;text-decoration:underline}
.fill{background:#f2f2f2}
.remark{border-left:3px solid #c90;padding-left:.6rem;color:#444}
.head{font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}h3{break-after:avoid}
section.provision{break-inside:avoid-page}del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

/// The report as one self-contained HTML page.
pub fn html(r: &Report) -> String {
    let e = html_escape;
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>Redline report: {}</title>", e(&r.path));
    let _ = writeln!(o, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<h1>Redline report: {}</h1>", e(&r.path));
    o.push_str("<table class=\"summary\">\n");
    for (k, v) in summary_rows(r) {
        let v = if k == "Verdict" {
            format!(
                "<span class=\"verdict v-{}\">{}</span>",
                r.verdict.as_str(),
                e(&v)
            )
        } else {
            e(&v)
        };
        let _ = writeln!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    o.push_str("</table>\n");
    let _ = writeln!(o, "<h2>Summary</h2>\n<p>{}</p>", e(&statement(r)));
    if !r.blocking.is_empty() {
        o.push_str("<h3>Errors</h3>\n<ul>\n");
        for f in &r.blocking {
            let at = f.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(
                o,
                "<li>{}<code>{}</code> ({}) {}</li>",
                e(&at),
                e(&f.id),
                e(f.kind),
                e(&f.message)
            );
        }
        o.push_str("</ul>\n");
    }
    if !r.provisions.is_empty() {
        o.push_str(
            "<h2>Provisions</h2>\n<p>Each provision shows the reference template's text with the \
             draft's changes: <del>deleted</del> marks template words the draft removed, \
             <ins>inserted</ins> words the draft added. <span class=\"fill\">Shaded</span> text \
             fills a template slot.</p>\n",
        );
    }
    for p in &r.provisions {
        let state_class = match p.state {
            State::Altered => "state-altered",
            State::Missing => "state-missing",
            _ => "state-other",
        };
        let _ = writeln!(
            o,
            "<section class=\"provision\">\n<h3>{} <span class=\"state {state_class}\">{}</span></h3>",
            e(&heading_of(p)),
            e(&status_of(p))
        );
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", e(&meta_of(p, &p.id)));
        if let Some(rm) = &p.remark {
            let _ = writeln!(o, "<p class=\"remark\">{}</p>", e(rm));
        }
        let mut in_list = false;
        for para in &p.paras {
            let text = html_pieces(&para.pieces);
            if text.is_empty() {
                continue;
            }
            if para.kind == ParaKind::Item && !in_list {
                o.push_str("<ul>\n");
                in_list = true;
            } else if para.kind != ParaKind::Item && in_list {
                o.push_str("</ul>\n");
                in_list = false;
            }
            match para.kind {
                ParaKind::Heading => {
                    let _ = writeln!(o, "<p class=\"head\">{text}</p>");
                }
                ParaKind::Item => {
                    let _ = writeln!(o, "<li>{text}</li>");
                }
                ParaKind::Text => {
                    let _ = writeln!(o, "<p>{text}</p>");
                }
            }
        }
        if in_list {
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }
    if r.skipped.is_none() {
        o.push_str("<h2>Additions</h2>\n");
        if r.additions.is_empty() {
            let _ = writeln!(o, "<p>{NO_ADDITIONS}</p>");
        } else {
            let _ = writeln!(o, "<p>{ADDITIONS_INTRO}</p>\n<ul>");
            for a in &r.additions {
                let _ = writeln!(
                    o,
                    "<li>line {}, {}: <ins>{}</ins></li>",
                    a.line,
                    e(&a.place),
                    e(a.text.trim())
                );
            }
            o.push_str("</ul>\n");
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}
