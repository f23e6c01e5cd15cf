//! The public MOU information page (`moulint report site -o DIR`): an
//! `index.html` like a plan's MOU hub (quarterly meetings by partner
//! category and year, the executed MOUs with their posted copies, the
//! annual reports) and a page `mou-<id>.html` per executed MOU.
//!
//! The pages are built in memory ([`build`]), then written ([`write`]):
//! each atomically, the index last, under names the site makes itself
//! from sanitized ids ([`super::sanitize_id`]), so nothing a document says
//! can name a file or leave the directory. A directory that already holds files is refused
//! unless `--force`; with it, the `mou-*.html` pages of an earlier run that
//! this run did not write are removed (those names only: the site's own).

use std::fmt::Write as _;
use std::path::Path;

use super::html::{escape as e, link, local, page};
use super::{category, page_ids, quarters, years, Meeting, QuarterState};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::repository::{Mou, Repository};
use crate::util::date::Ymd;
use crate::util::fs::write_atomic;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `index.html` or `mou-<id>.html`.
    pub name: String,
    pub html: String,
}

/// The site, built.
#[derive(Debug, Clone)]
pub struct Site {
    pub pages: Vec<Page>,
    /// MOUs that could not be read (listed on the index with their problem).
    pub unreadable: usize,
}

/// An executed MOU with its page.
struct Entry<'a> {
    mou: &'a Mou,
    page: String,
    category: String,
}

/// Builds the pages from the repository, as of `as_of`.
pub fn build(repo: &Repository, catalog: &Catalog, as_of: Ymd, plan: Option<&str>) -> Site {
    let executed: Vec<&Mou> = repo
        .mous
        .iter()
        .filter(|m| m.problem.is_none() && m.is_executed())
        .collect();
    let entries: Vec<Entry> = executed
        .iter()
        .zip(page_ids(&executed))
        .map(|(m, id)| Entry {
            mou: m,
            page: format!("mou-{id}.html"),
            category: category(m, catalog),
        })
        .collect();
    let mut pages = vec![Page {
        name: "index.html".to_string(),
        html: index(repo, &entries, as_of, plan),
    }];
    pages.extend(entries.iter().map(|en| Page {
        name: en.page.clone(),
        html: mou_page(en, as_of, plan),
    }));
    Site {
        pages,
        unreadable: repo.mous.iter().filter(|m| m.problem.is_some()).count(),
    }
}

fn heading(plan: Option<&str>) -> String {
    match plan {
        Some(p) => format!("MOU information: {p}"),
        None => "MOU information".to_string(),
    }
}

fn index(repo: &Repository, entries: &[Entry], as_of: Ymd, plan: Option<&str>) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", e(&heading(plan)));
    let _ = writeln!(
        o,
        "<p class=\"meta\">Memoranda of Understanding with county and community partners \
         (DHCS APL 23-029), as of {as_of}. Written by moulint {}.</p>\n</header>",
        env!("CARGO_PKG_VERSION")
    );
    o.push_str(
        "<nav><a href=\"#meetings\">Quarterly meetings</a><a href=\"#executed\">Executed MOUs</a>\
         <a href=\"#reports\">Annual reports</a></nav>\n",
    );
    meetings_section(&mut o, entries, as_of);
    executed_section(&mut o, entries);
    let unsigned = repo
        .mous
        .iter()
        .filter(|m| m.problem.is_none() && !m.is_executed())
        .count();
    if unsigned > 0 {
        let _ = writeln!(
            o,
            "<p class=\"meta\">{unsigned} MOU{} in draft or submitted, not yet executed, {} not listed.</p>",
            if unsigned == 1 { "" } else { "s" },
            if unsigned == 1 { "is" } else { "are" }
        );
    }
    reports_section(&mut o, repo);
    not_read_section(&mut o, repo);
    page(&heading(plan), &o)
}

/// Quarterly meetings by partner category, then year (latest first).
fn meetings_section(o: &mut String, entries: &[Entry], as_of: Ymd) {
    o.push_str("<section id=\"meetings\">\n<h2>Quarterly meetings</h2>\n");
    if entries.is_empty() {
        o.push_str("<p>No executed MOU.</p>\n</section>\n");
        return;
    }
    let mut categories: Vec<&str> = entries.iter().map(|en| en.category.as_str()).collect();
    categories.sort();
    categories.dedup();
    for c in categories {
        let _ = writeln!(o, "<h3>{}</h3>", e(c));
        let of: Vec<&Entry> = entries.iter().filter(|en| en.category == c).collect();
        let first = of
            .iter()
            .map(|en| *years(en.mou, as_of).start())
            .min()
            .unwrap_or(as_of.year);
        for year in (first..=as_of.year).rev() {
            let rows: Vec<&&Entry> = of
                .iter()
                .filter(|en| years(en.mou, as_of).contains(&year))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(
                o,
                "<table class=\"meetings\" data-year=\"{year}\">\n<caption>{year}</caption>\n\
                 <thead><tr><th>MOU</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th></tr></thead>\n<tbody>"
            );
            for en in rows {
                let _ = write!(o, "<tr><td>{}</td>", local(&en.page, en.mou.name()));
                for q in quarters(en.mou, year, as_of) {
                    o.push_str(&cell(&q));
                }
                o.push_str("</tr>\n");
            }
            o.push_str("</tbody>\n</table>\n");
        }
    }
    o.push_str("</section>\n");
}

fn cell(q: &QuarterState) -> String {
    match q {
        QuarterState::NotInEffect => "<td class=\"later\">not in effect</td>".to_string(),
        QuarterState::Open(held) if held.is_empty() => {
            "<td class=\"later\">not yet due</td>".to_string()
        }
        QuarterState::Missed => "<td class=\"none\">no meeting recorded</td>".to_string(),
        QuarterState::Open(held) | QuarterState::Held(held) => {
            let lines: Vec<String> = held.iter().map(meeting).collect();
            format!("<td>{}</td>", lines.join("<br>"))
        }
    }
}

fn meeting(m: &Meeting) -> String {
    match m.posted {
        Some(p) => format!("held {}, posted {p}", m.date),
        None => format!("held {}, posting not recorded", m.date),
    }
}

fn executed_section(o: &mut String, entries: &[Entry]) {
    o.push_str("<section id=\"executed\">\n<h2>Executed MOUs</h2>\n");
    if entries.is_empty() {
        o.push_str("<p>No executed MOU.</p>\n</section>\n");
        return;
    }
    o.push_str(
        "<table class=\"executed\">\n<thead><tr><th>MOU</th><th>Partner</th><th>Category</th>\
         <th>Counties</th><th>Effective</th><th>Posted copy</th></tr></thead>\n<tbody>\n",
    );
    for en in entries {
        let m = en.mou;
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            local(&en.page, m.name()),
            e(m.other_party.as_deref().unwrap_or("")),
            e(&en.category),
            e(&m.counties.join(", ")),
            e(m.effective_date.as_deref().unwrap_or("")),
            posted(m),
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

/// The posted copy: a link when its address is a web address.
fn posted(m: &Mou) -> String {
    let Some(p) = &m.records.posted else {
        return "<span class=\"none\">not recorded</span>".to_string();
    };
    let date = p
        .date
        .as_ref()
        .map(|d| format!(" (posted {})", super::ymd(d.value)))
        .unwrap_or_default();
    match &p.url {
        Some(u) => format!("{}{date}", link(&u.value, &u.value)),
        None => format!("address not recorded{date}"),
    }
}

fn reports_section(o: &mut String, repo: &Repository) {
    o.push_str("<section id=\"reports\">\n<h2>Annual reports</h2>\n");
    if repo.reports.is_empty() {
        o.push_str("<p>No annual report in the repository.</p>\n</section>\n");
        return;
    }
    let mut reports: Vec<_> = repo.reports.iter().collect();
    reports.sort_by_key(|r| std::cmp::Reverse(r.year));
    o.push_str(
        "<table class=\"reports\">\n<thead><tr><th>Year</th><th>Report</th></tr></thead>\n<tbody>\n",
    );
    for r in reports {
        let title = r.title.as_deref().unwrap_or(&r.shown);
        let shown = match &r.url {
            Some(u) => link(u, title),
            None => format!(
                "{} <span class=\"meta\">(not yet published)</span>",
                e(title)
            ),
        };
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        let _ = writeln!(o, "<tr><td>{}</td><td>{shown}</td></tr>", e(&year));
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

/// Files that could not be read: listed, never dropped.
fn not_read_section(o: &mut String, repo: &Repository) {
    let bad: Vec<&Mou> = repo.mous.iter().filter(|m| m.problem.is_some()).collect();
    if bad.is_empty() && repo.problems.is_empty() {
        return;
    }
    o.push_str(
        "<section id=\"not-read\">\n<h2>Files that could not be read</h2>\n\
         <p>These files are not shown above: correct them and write the page again.</p>\n<ul class=\"not-read\">\n",
    );
    for m in bad {
        let _ = writeln!(
            o,
            "<li><code>{}</code>: <span class=\"problem\">{}</span></li>",
            e(&m.shown),
            e(m.problem.as_deref().unwrap_or(""))
        );
    }
    for p in &repo.problems {
        let _ = writeln!(o, "<li><span class=\"problem\">{}</span></li>", e(p));
    }
    o.push_str("</ul>\n</section>\n");
}

fn mou_page(en: &Entry, as_of: Ymd, plan: Option<&str>) -> String {
    let m = en.mou;
    let mut o = String::new();
    o.push_str("<nav><a href=\"index.html\">All MOUs</a></nav>\n");
    let _ = writeln!(o, "<h1>{}</h1>", e(m.name()));
    o.push_str("<table class=\"particulars\">\n");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    let given = |v: Option<&str>| match v.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => e(v),
        None => "<span class=\"later\">not given</span>".to_string(),
    };
    row("Partner", given(m.other_party.as_deref()));
    row("Category", e(&en.category));
    row("Counties", given(Some(&m.counties.join(", "))));
    row("Plan", given(Some(&m.mcps.join(", "))));
    row("Effective", given(m.effective_date.as_deref()));
    row("Executed", given(m.execution_date.as_deref()));
    row("Posted copy", posted(m));
    o.push_str("</table>\n<h2>Quarterly meetings</h2>\n");
    o.push_str(
        "<table class=\"meetings\">\n<thead><tr><th>Year</th><th>Q1</th><th>Q2</th><th>Q3</th>\
         <th>Q4</th></tr></thead>\n<tbody>\n",
    );
    for year in years(m, as_of).rev() {
        let _ = write!(o, "<tr><td>{year}</td>");
        for q in quarters(m, year, as_of) {
            o.push_str(&cell(&q));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n<h2>Annual reviews</h2>\n");
    if m.records.annual_reviews.is_empty() {
        o.push_str("<p>None recorded.</p>\n");
    } else {
        o.push_str(
            "<table class=\"reviews\">\n<thead><tr><th>Review</th><th>Evidence sent to DHCS</th></tr></thead>\n<tbody>\n",
        );
        for r in &m.records.annual_reviews {
            let sent = r.then.as_ref().map_or("not recorded".to_string(), |d| {
                super::ymd(d.value).to_string()
            });
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{sent}</td></tr>",
                super::ymd(r.date.value)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(o, "<p class=\"meta\">As of {as_of}.</p>");
    let title = match plan {
        Some(p) => format!("{}: {p}", m.name()),
        None => m.name().to_string(),
    };
    page(&title, &o)
}

/// A page name of the site's own: `index.html`, or `mou-` then an id of
/// [`super::sanitize_id`]'s letters, then `.html`.
pub fn is_site_page(name: &str) -> bool {
    name == "index.html"
        || name
            .strip_prefix("mou-")
            .and_then(|r| r.strip_suffix(".html"))
            .is_some_and(|id| {
                !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
}

/// What [`write`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub pages: usize,
    /// Pages of an earlier run removed (`--force`).
    pub removed: Vec<String>,
}

/// Writes the site into `dir` (created if missing). A directory that
/// already holds anything is refused unless `force`.
pub fn write(site: &Site, dir: &Path, force: bool) -> Result<Written, Error> {
    let fail = |message: String| Error::Write {
        path: dir.to_path_buf(),
        message,
    };
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(fail(format!(
                "{} is not a directory: `report site -o` names the directory to write the site in",
                dir.display()
            )))
        }
        Ok(_) => {
            let full = std::fs::read_dir(dir)
                .map_err(|err| fail(format!("cannot read {}: {err}", dir.display())))?
                .next()
                .is_some();
            if full && !force {
                return Err(fail(format!(
                    "{} is not empty: pass --force to replace the site's files in it",
                    dir.display()
                )));
            }
        }
        Err(_) => std::fs::create_dir_all(dir)
            .map_err(|err| fail(format!("cannot create {}: {err}", dir.display())))?,
    }
    // The index last: it never links a page not yet written.
    let (index, pages): (Vec<&Page>, Vec<&Page>) =
        site.pages.iter().partition(|p| p.name == "index.html");
    for p in pages.into_iter().chain(index) {
        // The names are the site's own; checked again so that no change
        // to how they are made can ever write outside `dir`.
        if !is_site_page(&p.name) {
            return Err(fail(format!(
                "refusing to write `{}`: not a page name",
                p.name
            )));
        }
        write_atomic(&dir.join(&p.name), &p.html, true)?;
    }
    let mut removed = Vec::new();
    let listing = std::fs::read_dir(dir)
        .map_err(|err| fail(format!("cannot read {}: {err}", dir.display())))?;
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let ours = name != "index.html" && is_site_page(&name);
        let written = site.pages.iter().any(|p| p.name == name);
        // Only regular files (not links) of our own naming are removed.
        let file = entry.file_type().is_ok_and(|t| t.is_file());
        if ours && !written && file {
            std::fs::remove_file(entry.path())
                .map_err(|err| fail(format!("cannot remove {}: {err}", entry.path().display())))?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(Written {
        pages: site.pages.len(),
        removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_own_names_are_pages() {
        assert!(is_site_page("index.html"));
        assert!(is_site_page("mou-alpine-mhp.html"));
        for n in [
            "mou-.html",
            "mou-../x.html",
            "mou-A.html",
            "notes.html",
            "mou-x.htm",
            "mou-a/b.html",
        ] {
            assert!(!is_site_page(n), "{n}");
        }
    }
}
