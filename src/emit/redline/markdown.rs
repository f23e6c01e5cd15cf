//! The redline report as Markdown: a summary table, then each provision's
//! template text with the draft's changes in CriticMarkup (`{--deleted--}`,
//! `{++inserted++}`), then the additions. Every piece of draft or template
//! text is escaped, braces included, so no text can forge a mark.

use std::fmt::Write as _;

use super::wording::{
    heading_of, meta_of, render_pieces, statement, status_of, summary_rows, ADDITIONS_INTRO,
    NO_ADDITIONS,
};
use super::{ParaKind, Piece, Report};

/// Escapes text for Markdown: markup characters, and the braces of
/// CriticMarkup, are backslash-escaped.
pub fn escape(s: &str) -> String {
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

fn md_pieces(pieces: &[Piece]) -> String {
    render_pieces(pieces, escape, |p| match p {
        Piece::Same(_) | Piece::Fill(_) => ("", ""),
        Piece::Del(_) => ("{--", "--}"),
        Piece::Ins(_) => ("{++", "++}"),
    })
}

/// The report as Markdown with CriticMarkup.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Redline report: {}\n", escape(&r.path));
    let _ = writeln!(o, "| | |\n|---|---|");
    for (k, v) in summary_rows(r) {
        let v = escape(&v);
        let v = if k == "Verdict" {
            format!("**{v}**")
        } else {
            v
        };
        let _ = writeln!(o, "| {k} | {v} |");
    }
    o.push('\n');
    let _ = writeln!(o, "## Summary\n\n{}\n", escape(&statement(r)));
    if !r.blocking.is_empty() {
        let _ = writeln!(o, "### Errors\n");
        for f in &r.blocking {
            let at = f.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(
                o,
                "- {at}`{}` ({}) {}",
                f.id.replace('`', "'"),
                f.kind,
                escape(&f.message)
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
        let _ = writeln!(o, "### {} ({})\n", escape(&heading_of(p)), status_of(p));
        let _ = writeln!(o, "{}\n", meta_of(p, &format!("`{}`", p.id)));
        if let Some(rm) = &p.remark {
            let _ = writeln!(o, "> {}\n", escape(rm));
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
                    escape(&a.place),
                    escape(a.text.trim())
                );
            }
            o.push('\n');
        }
    }
    o.trim_end().to_string() + "\n"
}
