//! The redline report as Markdown: the particulars and the summary, the
//! findings that decide the verdict, then the whole MOU in the draft's
//! order, each provision's template text with the draft's changes in
//! CriticMarkup (`{--deleted--}`, `{++inserted++}`), then an index of the
//! additions. Every piece of draft or template
//! text is escaped, braces included, so no text can forge a mark.

use std::fmt::Write as _;

use super::wording::{
    findings_line, heading_of, kind_words, meta_of, particulars, render_pieces, statement,
    status_of, tally, ADDITIONS_INTRO, NO_ADDITIONS,
};
use super::{Para, ParaKind, Part, Piece, Report};

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
    let _ = writeln!(o, "# Redline report\n");
    let _ = writeln!(o, "| | |\n|---|---|");
    for (k, v) in particulars(r) {
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
    if r.skipped.is_none() {
        let _ = writeln!(
            o,
            "| Provisions | Count | What it means for the submission |\n|---|--:|---|"
        );
        for t in tally(r) {
            let _ = writeln!(o, "| {} | {} | {} |", t.what, t.count, t.meaning);
        }
        o.push('\n');
    }
    let _ = writeln!(o, "{}\n", findings_line(r));
    if !r.blocking.is_empty() {
        let _ = writeln!(o, "## What decides the verdict\n");
        for (n, f) in r.blocking.iter().enumerate() {
            let at = f
                .line
                .map(|l| format!(", draft line {l}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "{}. **{}**: {}{at}  \n   {}",
                n + 1,
                escape(&f.title),
                kind_words(f.kind),
                md_pieces(&f.pieces)
            );
        }
        o.push('\n');
    }
    if !r.body.is_empty() {
        let _ = writeln!(
            o,
            "## The MOU, with the changes marked\n\nEach provision shows the reference \
             template's text with the draft's changes: `{{--deleted--}}` marks template words \
             the draft removed, `{{++inserted++}}` words the draft added (CriticMarkup). Slots \
             show the draft's text. Text outside the template's provisions (preamble, exhibits, \
             signature blocks) is the draft's own; what it adds to the template is marked \
             inserted.\n"
        );
    }
    for part in &r.body {
        match part {
            Part::Provision(i) => {
                let p = &r.provisions[*i];
                let title = match &p.title_pieces {
                    Some(pieces) => md_pieces(pieces),
                    None => escape(&heading_of(p)),
                };
                let optional = if p.optional {
                    "optional provision, "
                } else {
                    ""
                };
                let _ = writeln!(o, "### {title} ({optional}{})\n", status_of(p));
                let _ = writeln!(o, "{}\n", meta_of(p, &format!("`{}`", p.id)));
                if let Some(rm) = &p.remark {
                    let _ = writeln!(o, "> {}\n", escape(rm));
                }
                paras(&mut o, &p.paras, "**");
            }
            Part::Passage(p) => paras(&mut o, &p.paras, "###"),
        }
    }
    if r.skipped.is_none() {
        let _ = writeln!(o, "## Index of additions\n");
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

/// Paragraphs as Markdown blocks; a heading is marked with `head` (`###`
/// before it, or `**` around it); table rows become pipe rows.
fn paras(o: &mut String, list: &[Para], head: &str) {
    let mut row: Vec<String> = Vec::new();
    let mut header_row = false;
    let mut in_table = false;
    let flush_row = |o: &mut String, row: &mut Vec<String>, header: bool, in_table: &mut bool| {
        if row.is_empty() {
            return;
        }
        let _ = writeln!(o, "| {} |", row.join(" | "));
        if header || !*in_table {
            let _ = writeln!(o, "|{}", "---|".repeat(row.len()));
        }
        *in_table = true;
        row.clear();
    };
    for para in list {
        let text = md_pieces(&para.pieces);
        if let ParaKind::Cell { header, row_start } = para.kind {
            if row_start {
                flush_row(o, &mut row, header_row, &mut in_table);
                header_row = header;
            }
            row.push(text);
            continue;
        }
        if !row.is_empty() || in_table {
            flush_row(o, &mut row, header_row, &mut in_table);
            o.push('\n');
            in_table = false;
        }
        if text.is_empty() {
            continue;
        }
        match para.kind {
            ParaKind::Heading if head == "**" => {
                let _ = writeln!(o, "**{text}**\n");
            }
            ParaKind::Heading => {
                let _ = writeln!(o, "{head} {text}\n");
            }
            ParaKind::Item => {
                let _ = writeln!(o, "- {text}\n");
            }
            _ => {
                let _ = writeln!(o, "{text}\n");
            }
        }
    }
    if !row.is_empty() || in_table {
        flush_row(o, &mut row, header_row, &mut in_table);
        o.push('\n');
    }
}
