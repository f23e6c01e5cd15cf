//! Human output: compiler-style reports drawn by miette, then a summary.

use std::fmt::Write;
use std::sync::Arc;

use miette::{
    Diagnostic as MietteTrait, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Emitter, Run, Totals};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::lint::FileReport;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// One finding with its file, in the shape miette draws.
struct Rendered<'a> {
    d: &'a Diagnostic,
    source: Option<Window>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl std::fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Rendered<'_> {}

impl MietteTrait for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} ({})",
            self.d.id,
            self.d.kind.as_str()
        )))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// A span miette can draw: inside the text and on character boundaries.
fn drawable(text: &str, s: Span) -> bool {
    s.end() <= text.len() && text.is_char_boundary(s.offset) && text.is_char_boundary(s.end())
}

/// Lines longer than this are not drawn: the finding is shown with its
/// line and column instead (a minified or generated file can have a line
/// of megabytes).
const MAX_DRAWN_LINE: usize = 2000;

/// What the report shows of one file: its text with hidden characters
/// escaped (see [`crate::text::hidden_offsets`]), where each line starts,
/// and how file offsets move in the shown text.
struct Shown {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
    /// (file offset of an escaped character, its length, bytes added by
    /// the escapes up to and including it).
    escapes: Vec<(usize, usize, usize)>,
}

impl Shown {
    fn new(name: &str, text: &str) -> Shown {
        let at = crate::text::hidden_offsets(text);
        let mut escapes = Vec::with_capacity(at.len());
        let shown: Arc<str> = if at.is_empty() {
            Arc::from(text)
        } else {
            let mut out = String::with_capacity(text.len() + 8 * at.len());
            let mut from = 0;
            let mut added = 0;
            for i in at {
                let c = text[i..].chars().next().unwrap_or(' ');
                let esc = format!("<U+{:04X}>", c as u32);
                out.push_str(&text[from..i]);
                out.push_str(&esc);
                added += esc.len() - c.len_utf8();
                escapes.push((i, c.len_utf8(), added));
                from = i + c.len_utf8();
            }
            out.push_str(&text[from..]);
            Arc::from(out)
        };
        let mut line_starts = vec![0];
        line_starts.extend(shown.match_indices('\n').map(|(i, _)| i + 1));
        Shown {
            name: name.to_string(),
            text: shown,
            line_starts: line_starts.into(),
            escapes,
        }
    }

    /// A file offset in the shown text; an escaped character's end maps
    /// to the end of its escape.
    fn map(&self, off: usize, is_end: bool) -> usize {
        let n = self.escapes.partition_point(
            |&(at, len, _)| {
                if is_end {
                    at + len <= off
                } else {
                    at < off
                }
            },
        );
        off + n.checked_sub(1).map_or(0, |i| self.escapes[i].2)
    }

    fn span(&self, s: Span) -> Span {
        let start = self.map(s.offset, false);
        Span::from_range(start..self.map(s.end(), true).max(start))
    }

    fn line_of(&self, off: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= off)
            .saturating_sub(1)
    }

    /// Where line `i` ends, its line end excluded.
    fn line_end(&self, i: usize) -> usize {
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |&n| n - 1);
        if self.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }

    /// The longest line the span touches, in bytes.
    fn widest_line(&self, s: Span) -> usize {
        let (first, last) = (self.line_of(s.offset), self.line_of(s.end()));
        (first..=last)
            .map(|i| self.line_end(i) - self.line_starts[i])
            .max()
            .unwrap_or(0)
    }

    fn window(&self) -> Window {
        // Where each escape sits in the shown text, and its length.
        let escapes = self
            .escapes
            .iter()
            .scan(0, |before, &(at, len, added)| {
                let shown_at = at + *before;
                let esc_len = len + added - *before;
                *before = added;
                Some((shown_at, esc_len))
            })
            .collect();
        Window {
            name: self.name.clone(),
            text: self.text.clone(),
            line_starts: self.line_starts.clone(),
            escapes: Arc::new(escapes),
        }
    }
}

/// A file's shown text as miette reads it: only the lines around a span,
/// found through the line index, so that drawing a finding costs the size
/// of its snippet, not of the file.
struct Window {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
    /// Where each escape sits in `text` and its length: an escape is one
    /// character of the file, which columns count as one.
    escapes: Arc<Vec<(usize, usize)>>,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let shown = Shown {
            name: String::new(),
            text: self.text.clone(),
            line_starts: self.line_starts.clone(),
            escapes: Vec::new(),
        };
        let first = shown.line_of(start);
        let last = shown.line_of(end.saturating_sub(1).max(start));
        if before == 0 && after == 0 {
            let line_start = self.line_starts[first];
            let from = self.escapes.partition_point(|&(at, _)| at < line_start);
            let to = self.escapes.partition_point(|&(at, _)| at < start);
            let escaped: usize = self.escapes[from..to].iter().map(|(_, len)| len - 1).sum();
            let column = self.text[line_start..start].chars().count() - escaped;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[start..end],
                *span,
                first,
                column,
                last - first + 1,
            )));
        }
        // Context lines too long to draw are left out.
        let short = |i: usize| shown.line_end(i) - self.line_starts[i] <= MAX_DRAWN_LINE;
        let mut from = first;
        while from > 0 && first - from < before && short(from - 1) {
            from -= 1;
        }
        let mut to = last;
        while to + 1 < self.line_starts.len() && to - last < after && short(to + 1) {
            to += 1;
        }
        let data_start = self.line_starts[from];
        // The last line with its line end, as miette's own reader gives it.
        let data_end = self
            .line_starts
            .get(to + 1)
            .copied()
            .unwrap_or(self.text.len())
            .max(end);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            SourceSpan::from((data_start, data_end - data_start)),
            from,
            0,
            // Counted from the top of the file, as miette's own reader
            // counts it: miette then joins the snippets of one finding's
            // labels into one, as it always has.
            to + 1,
        )))
    }
}

/// The human emitter: each finding drawn by miette, then the summary
/// (which ends with each file's verdict, kept as a line per file).
pub struct Human {
    handler: GraphicalReportHandler,
    verdicts: String,
}

impl Human {
    pub fn new(style: Style) -> Human {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        Human {
            handler,
            verdicts: String::new(),
        }
    }
}

impl Emitter for Human {
    fn file(&mut self, r: &FileReport) -> String {
        self.verdicts.push_str(&verdict_line(r));
        draw(r, &self.handler)
    }

    fn end(&mut self, totals: &Totals) -> String {
        closing(totals, &std::mem::take(&mut self.verdicts))
    }
}

/// [`Human`] over reports, for callers without a [`Run`].
pub fn render(reports: &[FileReport], style: Style) -> String {
    Human::new(style).render(&Run::new(reports))
}

/// One file's findings, drawn.
fn draw(r: &FileReport, handler: &GraphicalReportHandler) -> String {
    let mut out = String::new();
    let shown = r.source.as_ref().map(|s| Shown::new(&r.path, &s.text));
    let text = r.source.as_ref().map(|s| s.text.as_str());
    for d in &r.diagnostics {
        let mut labels = Vec::new();
        let mut located = String::new();
        if let (Some(t), Some(sh), Some(s)) = (text, &shown, d.span) {
            let drawn = |s: Span| drawable(t, s) && sh.widest_line(sh.span(s)) <= MAX_DRAWN_LINE;
            if drawn(s) {
                let m = sh.span(s);
                labels.push(LabeledSpan::new_primary_with_span(
                    d.label.clone(),
                    (m.offset, m.length),
                ));
                for l in &d.labels {
                    if drawn(l.span) {
                        let m = sh.span(l.span);
                        labels.push(LabeledSpan::new_with_span(
                            Some(l.message.clone()),
                            (m.offset, m.length),
                        ));
                    }
                }
            } else if let Some(src) = &r.source {
                let (line, col) = src.line_col(s.offset);
                located = format!("{}:{line}:{col}", r.path);
            }
        }
        let mut help = String::new();
        if let Some(h) = &d.help {
            help.push_str(h);
        }
        if let Some(n) = &d.note {
            if !help.is_empty() {
                help.push_str("\nwhy: ");
            }
            help.push_str(n);
        }
        if !d.templates.is_empty() {
            let _ = write!(help, "\nrequired by template: {}", d.templates.join(", "));
        }
        let source = if labels.is_empty() {
            None
        } else {
            shown.as_ref().map(Shown::window)
        };
        let file_line = if source.is_none() {
            let at = if located.is_empty() {
                r.path.clone()
            } else {
                located
            };
            format!("  --> {at}\n")
        } else {
            String::new()
        };
        let rd = Rendered {
            d,
            source,
            help: (!help.is_empty()).then_some(help),
            labels,
        };
        // A drawing failure (or a panic in the drawing library) costs
        // this finding its snippet, never the run.
        let mut buf = String::new();
        let drew = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            handler.render_report(&mut buf, &rd)
        }));
        if !matches!(drew, Ok(Ok(()))) {
            buf = plain(d, r, &rd.help);
        }
        out.push_str(&buf);
        out.push_str(&file_line);
        out.push('\n');
    }
    out
}

/// A finding without a snippet: `path:line:col: severity[id]: message`,
/// then its help.
fn plain(d: &Diagnostic, r: &FileReport, help: &Option<String>) -> String {
    let at = match (d.span, &r.source) {
        (Some(s), Some(src)) => {
            let (line, col) = src.line_col(s.offset);
            format!("{}:{line}:{col}", r.path)
        }
        _ => r.path.clone(),
    };
    let mut out = format!(
        "{} ({})\n\n  {}: {}\n  --> {at}\n",
        d.id,
        d.kind.as_str(),
        d.severity.as_str(),
        d.message
    );
    if let Some(h) = help {
        for line in h.lines() {
            out.push_str(&format!("  help: {line}\n"));
        }
    }
    out
}

/// The first `n` names, then how many more.
pub fn clip_list(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(" and {} more", names.len() - n));
    }
    s
}

/// `1 file`, `2 files`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What walking left out, counted by reason, and with `--verbose` each
/// one: a gate never skips a file silently.
pub fn left_out(run: &Totals) -> String {
    let mut out = String::new();
    if run.left_out.is_empty() {
        return out;
    }
    let mut reasons: Vec<crate::walk::Reason> = run.left_out.iter().map(|l| l.reason).collect();
    reasons.sort();
    reasons.dedup();
    let counts: Vec<String> = reasons
        .iter()
        .map(|&reason| {
            let n = run.left_out.iter().filter(|l| l.reason == reason).count();
            format!("{n} {}", reason.describe())
        })
        .collect();
    let dirs = run.left_out.iter().filter(|l| l.directory).count();
    let what = match (run.left_out.len() - dirs, dirs) {
        (files, 0) => plural(files, "Markdown file"),
        (0, dirs) => plural(dirs, "directory").replace("directorys", "directories"),
        (files, dirs) => format!(
            "{} and {}",
            plural(files, "Markdown file"),
            plural(dirs, "directory").replace("directorys", "directories")
        ),
    };
    let hint = if run.verbose {
        ""
    } else {
        "; --verbose lists them"
    };
    let _ = writeln!(out, "  left out {what}: {}{hint}", counts.join(", "));
    if run.verbose {
        for l in run.left_out {
            let slash = if l.directory { "/" } else { "" };
            let _ = writeln!(out, "    {}{slash} ({})", l.path, l.reason.describe());
        }
    }
    out
}

/// The closing summary of a whole run: totals, then each file's verdict.
pub fn summary(run: &Run) -> String {
    let verdicts: String = run.reports.iter().map(verdict_line).collect();
    closing(&run.totals, &verdicts)
}

/// A file's line in the summary: its verdict and what it means.
fn verdict_line(r: &FileReport) -> String {
    let hidden = r
        .suppressed
        .iter()
        .filter(|x| x.decides_verdict() && x.diagnostic.decides == Some(r.verdict))
        .count();
    let also = match hidden {
        0 => String::new(),
        1 => "; a suppressed finding decides it".to_string(),
        n => format!("; {n} suppressed findings decide it"),
    };
    format!(
        "  {:<12} {}  ({}{also})\n",
        r.verdict.as_str(),
        r.path,
        r.verdict.meaning()
    )
}

/// The summary: totals, then the files' verdict lines.
fn closing(run: &Totals, verdicts: &str) -> String {
    let s = &run.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "checked {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "note")
    );
    if s.suppressed > 0 {
        let deciding = match s.suppressed_deciding {
            0 => String::new(),
            n => format!(" ({n} still deciding the verdict)"),
        };
        let _ = writeln!(
            out,
            "  {} suppressed{deciding}; --format json lists them with their reasons",
            plural(s.suppressed, "finding")
        );
    }
    if let Some(n) = s.cached {
        let _ = writeln!(
            out,
            "  {} read back from the cache (files unchanged since a run kept them)",
            plural(n, "report")
        );
    }
    if let Some(b) = &run.baseline {
        let _ = writeln!(
            out,
            "  baseline {}: {} in it, {} no longer found",
            b.file,
            plural(b.matched, "finding"),
            plural(b.stale.len(), "entry").replace("entrys", "entries")
        );
        for e in &b.stale {
            let _ = writeln!(out, "    fixed: {} {} ({})", e.path, e.id, e.message);
        }
    }
    if !run.skipped.is_empty() {
        let _ = writeln!(
            out,
            "  skipped {} without MOU front matter (`template:`): {}",
            plural(run.skipped.len(), "Markdown file"),
            clip_list(run.skipped, 5)
        );
    }
    out.push_str(&left_out(run));
    out.push_str(verdicts);
    out
}
