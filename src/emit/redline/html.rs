//! The redline report as one self-contained HTML page: inline CSS with
//! print styles (a page per article, page numbers, A4 or Letter), no
//! scripts, a Content-Security-Policy that forbids every load, `<del>` and
//! `<ins>` for the draft's changes, and every piece of draft or template
//! text escaped.

use std::fmt::Write as _;

use super::wording::{
    findings_line, heading_of, kind_words, meta_of, particulars, render_pieces, statement,
    status_of, tally, ADDITIONS_INTRO, NO_ADDITIONS,
};
use super::{Para, ParaKind, Part, Piece, ProvisionReport, Report, State};

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
:root{color-scheme:light}
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:0 0 .8rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .2rem}
table{border-collapse:collapse;margin:.8rem 0;width:100%}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
table.particulars th{width:13rem;font-weight:normal;color:#444}
table.tally td.count{text-align:right;width:4rem}
.meta{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#555;margin:0 0 .6rem}
.verdict{font-weight:bold}.v-redline,.v-incomplete,.v-invalid{color:#a00}.v-file-and-use{color:#060}.v-unverified{color:#8a5a00}
.state{font-weight:normal;font-size:.85rem;padding:0 .35rem;border-radius:.2rem;background:#eee}
.state-altered,.state-missing{background:#fbe3e3;color:#900}
.optional .state{background:#e8eef8;color:#234}
del{color:#a00;background:#fde8e8;text-decoration:line-through}
ins{color:#05631c;background:#e3f6e5;text-decoration:underline}
.fill{background:#f2f2f2}
.remark{border-left:3px solid #c90;padding-left:.6rem;color:#444}
.head{font-weight:bold}
section.passage{color:#333}
ol.findings li{margin-bottom:.5rem}
@page{margin:18mm 16mm 20mm;@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);font:9pt Georgia,serif;color:#555}}
@media print{body{margin:0;max-width:none;font-size:10.5pt}
header.cover{break-after:page}.article{break-before:page}
h2,h3{break-after:avoid}tr,li{break-inside:avoid}
del,ins,.fill,.state{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
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
    cover(&mut o, r);
    findings(&mut o, r);
    mou(&mut o, r);
    additions(&mut o, r);
    o.push_str("</body>\n</html>\n");
    o
}

/// The particulars, the statement and the tally: the first page.
fn cover(o: &mut String, r: &Report) {
    let e = escape;
    o.push_str("<header class=\"cover\">\n<h1>Redline report</h1>\n");
    o.push_str("<table class=\"particulars\">\n");
    for (k, v) in particulars(r) {
        let v = if k == "Verdict" {
            format!(
                "<span class=\"verdict v-{}\" id=\"verdict\">{}</span>",
                r.verdict.as_str(),
                e(&v)
            )
        } else {
            e(&v)
        };
        let _ = writeln!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    o.push_str("</table>\n");
    let _ = writeln!(
        o,
        "<h2>Summary</h2>\n<p class=\"statement\">{}</p>",
        e(&statement(r))
    );
    if r.skipped.is_none() {
        o.push_str(
            "<table class=\"tally\">\n<tr><th>Provisions</th><th>Count</th>\
             <th>What it means for the submission</th></tr>\n",
        );
        for t in tally(r) {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"count\">{}</td><td>{}</td></tr>",
                t.what, t.count, t.meaning
            );
        }
        o.push_str("</table>\n");
    }
    let _ = writeln!(o, "<p>{}</p>", e(&findings_line(r)));
    o.push_str("</header>\n");
}

/// The findings that decide the verdict, by title, their changes rendered.
fn findings(o: &mut String, r: &Report) {
    if r.blocking.is_empty() {
        return;
    }
    let e = escape;
    o.push_str("<section class=\"findings\">\n<h2>What decides the verdict</h2>\n<ol class=\"findings\">\n");
    for f in &r.blocking {
        let at = f
            .line
            .map(|l| format!(", draft line {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<li data-id=\"{}\"><strong>{}</strong>: {}{}<br>{}</li>",
            e(&f.id),
            e(&f.title),
            kind_words(f.kind),
            e(&at),
            html_pieces(&f.pieces)
        );
    }
    o.push_str("</ol>\n</section>\n");
}

/// The whole MOU in the draft's order.
fn mou(o: &mut String, r: &Report) {
    if r.body.is_empty() {
        return;
    }
    o.push_str(
        "<section class=\"mou\">\n<h2>The MOU, with the changes marked</h2>\n<p class=\"legend\">\
         Each provision shows the reference template's text with the draft's changes: \
         <del>deleted</del> marks template words the draft removed, <ins>inserted</ins> words \
         the draft added. <span class=\"fill\">Shaded</span> text fills a template slot. Text \
         outside the template's provisions (preamble, exhibits, signature blocks) is the \
         draft's own; what it adds to the template is marked inserted.</p>\n",
    );
    for part in &r.body {
        match part {
            Part::Provision(i) => provision(o, &r.provisions[*i]),
            Part::Passage(p) => {
                let class = if p.article {
                    "passage article"
                } else {
                    "passage"
                };
                let _ = writeln!(o, "<section class=\"{class}\" data-line=\"{}\">", p.line);
                paras(o, &p.paras, "h3");
                o.push_str("</section>\n");
            }
        }
    }
    o.push_str("</section>\n");
}

fn provision(o: &mut String, p: &ProvisionReport) {
    let e = escape;
    let state_class = match p.state {
        State::Altered => "state-altered",
        State::Missing => "state-missing",
        _ => "state-other",
    };
    let mut class = String::from("provision");
    if p.article {
        class.push_str(" article");
    }
    if p.optional {
        class.push_str(" optional");
    }
    let title = match &p.title_pieces {
        Some(pieces) => html_pieces(pieces),
        None => e(&heading_of(p)),
    };
    let label = if p.optional {
        format!("optional provision, {}", status_of(p))
    } else {
        status_of(p)
    };
    let _ = writeln!(
        o,
        "<section class=\"{class}\" data-provision=\"{}\" data-state=\"{}\">\n<h3>{title} <span class=\"state {state_class}\">{}</span></h3>",
        e(&p.id),
        p.state.as_str(),
        e(&label)
    );
    let _ = writeln!(o, "<p class=\"meta\">{}</p>", e(&meta_of(p, &p.id)));
    if let Some(rm) = &p.remark {
        let _ = writeln!(o, "<p class=\"remark\">{}</p>", e(rm));
    }
    paras(o, &p.paras, "p class=\"head\"");
    o.push_str("</section>\n");
}

/// Paragraphs, list items and table cells; `head` is the tag that opens a
/// heading (its closing tag is its first word).
fn paras(o: &mut String, list: &[Para], head: &str) {
    #[derive(PartialEq)]
    enum Open {
        None,
        List,
        Table,
    }
    let mut open = Open::None;
    let mut in_row = false;
    let close_tag = head.split(' ').next().unwrap_or("p");
    for para in list {
        let text = html_pieces(&para.pieces);
        let want = match para.kind {
            ParaKind::Item => Open::List,
            ParaKind::Cell { .. } => Open::Table,
            _ => Open::None,
        };
        if text.is_empty() && want != Open::Table {
            continue;
        }
        if want != open {
            match open {
                Open::List => o.push_str("</ul>\n"),
                Open::Table => {
                    if in_row {
                        o.push_str("</tr>\n");
                        in_row = false;
                    }
                    o.push_str("</table>\n");
                }
                Open::None => {}
            }
            match want {
                Open::List => o.push_str("<ul>\n"),
                Open::Table => o.push_str("<table class=\"draft\">\n"),
                Open::None => {}
            }
            open = want;
        }
        match para.kind {
            ParaKind::Heading => {
                let _ = writeln!(o, "<{head}>{text}</{close_tag}>");
            }
            ParaKind::Item => {
                let _ = writeln!(o, "<li>{text}</li>");
            }
            ParaKind::Text => {
                let _ = writeln!(o, "<p>{text}</p>");
            }
            ParaKind::Cell { header, row_start } => {
                if row_start {
                    if in_row {
                        o.push_str("</tr>\n");
                    }
                    o.push_str("<tr>");
                    in_row = true;
                }
                let tag = if header { "th" } else { "td" };
                let _ = write!(o, "<{tag}>{text}</{tag}>");
            }
        }
    }
    match open {
        Open::List => o.push_str("</ul>\n"),
        Open::Table => {
            if in_row {
                o.push_str("</tr>\n");
            }
            o.push_str("</table>\n");
        }
        Open::None => {}
    }
}

/// An index of the additions, with their lines, for the reviewer.
fn additions(o: &mut String, r: &Report) {
    if r.skipped.is_some() {
        return;
    }
    let e = escape;
    o.push_str("<section class=\"additions\">\n<h2>Index of additions</h2>\n");
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
    o.push_str("</section>\n");
}
