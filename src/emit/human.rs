//! Human output: compiler-style reports drawn by miette, then a summary.

use std::fmt::Write;
use std::sync::Arc;

use miette::{
    Diagnostic as MietteTrait, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource,
    SourceCode,
};

use super::{Emitter, Run};
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
    source: Option<NamedSource<Arc<str>>>,
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

/// The human emitter: each finding drawn by miette, then the summary.
pub struct Human {
    pub style: Style,
}

impl Emitter for Human {
    fn render(&self, run: &Run) -> String {
        draw(run, self.style)
    }
}

/// [`Human`] over reports, for callers without a [`Run`].
pub fn render(reports: &[FileReport], style: Style) -> String {
    Human { style }.render(&Run::new(reports))
}

fn draw(run: &Run, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for r in run.reports {
        let text: Option<Arc<str>> = r.source.as_ref().map(|s| Arc::from(s.text.as_str()));
        for d in &r.diagnostics {
            let mut labels = Vec::new();
            let mut located = String::new();
            if let (Some(t), Some(s)) = (&text, d.span) {
                if drawable(t, s) {
                    labels.push(LabeledSpan::new_primary_with_span(
                        d.label.clone(),
                        (s.offset, s.length),
                    ));
                    for l in &d.labels {
                        if drawable(t, l.span) {
                            labels.push(LabeledSpan::new_with_span(
                                Some(l.message.clone()),
                                (l.span.offset, l.span.length),
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
                text.as_ref().map(|t| NamedSource::new(&r.path, t.clone()))
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
            let mut buf = String::new();
            if handler.render_report(&mut buf, &rd).is_err() {
                buf = format!("{}: {}\n", d.id, d.message);
            }
            out.push_str(&buf);
            out.push_str(&file_line);
            out.push('\n');
        }
    }
    out.push_str(&summary(run));
    out
}

/// The first `n` names, then how many more.
fn clip_list(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(" and {} more", names.len() - n));
    }
    s
}

/// The closing summary: totals, then each file's verdict.
pub fn summary(run: &Run) -> String {
    let s = &run.summary;
    let mut out = String::new();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
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
    for r in run.reports {
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
        let _ = writeln!(
            out,
            "  {:<12} {}  ({}{also})",
            r.verdict.as_str(),
            r.path,
            r.verdict.meaning()
        );
    }
    out
}
