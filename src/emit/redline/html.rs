//! The redline report as one self-contained HTML page: inline CSS with
//! print styles, no scripts, a Content-Security-Policy that forbids every
//! load, `<del>`/`<ins>` for the draft's changes, and every piece of draft
//! or template text escaped.

use std::fmt::Write as _;

use super::wording::{
    heading_of, meta_of, render_pieces, statement, status_of, summary_rows, ADDITIONS_INTRO,
    NO_ADDITIONS,
};
use super::{ParaKind, Piece, Report, State};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
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
    render_pieces(pieces, escape, |p| match p {
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
pub fn render(r: &Report) -> String {
    let e = escape;
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
