//! Reference templates: the text a draft is compared with, word by word.
//!
//! A reference template is a Markdown file with YAML front matter
//! (`rules/templates/<id>.md`, embedded at build time; or `<id>.md` in a
//! directory given with `--templates DIR`, e.g. written by
//! `moulint template import`). The markup, kept close to plain Markdown:
//!
//! - front matter: `template: <id>`, `version: "<newest version>"`,
//!   optionally `previous: [<older versions>]`, `title:` and
//!   `standalone: true` (a complete document, not a bespoke fragment);
//! - `<!-- moulint: provision ID -->` on the line before a heading, a bold
//!   lead-in or a list item tags that section (to the next section of the
//!   same or higher rank) as the mandatory text of provision `ID`;
//!   `<!-- moulint: optional ID -->` tags an optional provision;
//! - slots are bracketed (`[MCP Name]`, `[Party Name]`, `[County]`,
//!   `[Effective Date]`, ...); drafting notes are bracketed and start with
//!   `Drafting Note:`;
//! - the Base template holds the line `<!-- moulint: bespoke-articles -->`
//!   where Bespoke articles go. A Bespoke template (not `standalone`) holds
//!   only its own articles and writes `{n}` where the article number goes;
//!   [`assemble`] inserts it into the Base text at the marker and numbers
//!   its articles after the last Base article. A combined MOU
//!   (`template: [mhp, dmc-ods]`) gets each kind's articles in turn,
//!   numbered consecutively.
//!
//! The stable API for other commands (`moulint init`): [`TemplateSet`]
//! (which templates exist), [`assemble`] (the reference text of a set of
//! template ids, with every tagged provision's byte range), [`Slots`] and
//! [`fill`] (a fillable draft body from it).

use crate::catalog::vocab::Drafting;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::frontmatter::{split, SplitResult};
use crate::tree::{SectionKind, Tree};
use crate::yaml::{self, Value};

/// The line in the Base template where Bespoke articles are inserted.
pub const BESPOKE_MARKER: &str = "<!-- moulint: bespoke-articles -->";

/// Slot filled from front matter `mcp` / `mcps`.
pub const MCP_NAME: &str = "MCP Name";
/// Slot filled from front matter `other_party.name`.
pub const PARTY_NAME: &str = "Party Name";
/// Slot filled from front matter `counties`.
pub const COUNTY: &str = "County";

/// A template that cannot be loaded or assembled: which one, and why.
/// Loading is strict: this is a configuration error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template id; empty for an error about the directory itself.
    pub template: String,
    pub message: String,
    /// The file (or the `--templates` directory) concerned, when read
    /// from disk.
    pub path: Option<PathBuf>,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.path, self.template.is_empty()) {
            (Some(p), true) => write!(f, "templates directory {}: {}", p.display(), self.message),
            (Some(p), false) => write!(
                f,
                "reference template `{}` ({}): {}",
                self.template,
                p.display(),
                self.message
            ),
            (None, _) => write!(
                f,
                "reference template `{}`: {}",
                self.template, self.message
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

fn err(template: &str, message: impl Into<String>) -> TemplateError {
    TemplateError {
        template: template.to_string(),
        message: message.into(),
        path: None,
    }
}

/// One reference template file, its front matter read.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The template id (the file name without `.md`).
    pub id: String,
    /// Newest version of this template (front matter `version`).
    pub version: Option<String>,
    /// Older versions, oldest first (front matter `previous`).
    pub previous: Vec<String>,
    pub title: Option<String>,
    /// A complete document (the Base template, or an imported official
    /// Bespoke template) rather than a fragment inserted into Base.
    pub standalone: bool,
    /// The Markdown after the front matter.
    pub body: String,
    /// How many lines of the file come before the body.
    pub body_line: usize,
}

impl TemplateFile {
    /// Parses a template file's text.
    pub fn parse(id: &str, text: &str) -> Result<TemplateFile, TemplateError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (meta, body) = match split(text) {
            SplitResult::Found(sp) => (
                Some(&text[sp.yaml.offset..sp.yaml.end()]),
                &text[sp.body_start..],
            ),
            SplitResult::Absent { body_start } => (None, &text[body_start..]),
            SplitResult::Unclosed(_) => {
                return Err(err(id, "the front matter is never closed"));
            }
        };
        let mut file = TemplateFile {
            id: id.to_string(),
            version: None,
            previous: Vec::new(),
            title: None,
            standalone: id == "base",
            body: body.to_string(),
            body_line: text[..text.len() - body.len()].matches('\n').count(),
        };
        if let Some(meta) = meta {
            let root = yaml::parse(meta)
                .map_err(|(m, _)| err(id, format!("front matter is not valid YAML: {m}")))?;
            let entries = match &root.value {
                Value::Map(e) => e.as_slice(),
                Value::Null => &[],
                _ => return Err(err(id, "front matter must be a mapping")),
            };
            for (k, v) in entries {
                let key = k.as_str().unwrap_or("");
                let text = || {
                    v.scalar_text()
                        .ok_or_else(|| err(id, format!("`{key}` must be a string")))
                };
                match key {
                    "template" => {
                        let t = text()?;
                        if t != id {
                            return Err(err(
                                id,
                                format!("the file declares `template: {t}`; its name must be `{t}.md`"),
                            ));
                        }
                    }
                    // `template_version` as in a draft's front matter.
                    "version" | "template_version" => file.version = Some(text()?),
                    "title" => file.title = Some(text()?),
                    "standalone" => match v.value {
                        Value::Bool(b) => file.standalone = b || id == "base",
                        _ => return Err(err(id, "`standalone` must be true or false")),
                    },
                    "previous" => {
                        file.previous = match &v.value {
                            Value::Seq(items) => items
                                .iter()
                                .map(|i| {
                                    i.scalar_text().ok_or_else(|| {
                                        err(id, "`previous` must be a list of versions")
                                    })
                                })
                                .collect::<Result<_, _>>()?,
                            _ => vec![text()?],
                        }
                    }
                    other => {
                        return Err(err(
                            id,
                            format!(
                                "unknown front matter key `{other}` (known: template, version, previous, title, standalone)"
                            ),
                        ))
                    }
                }
            }
        }
        // Marks must parse; a typo is an error, not a silently untagged provision.
        for line in file.body.lines() {
            if let Some(m) = mark_of(line.trim()) {
                parse_mark(&m).map_err(|e| err(id, e))?;
            }
        }
        Ok(file)
    }

    /// The 1-based line of the file holding the first mark of `id`.
    pub fn body_line_of(&self, id: &str) -> Option<usize> {
        let at = self.body.lines().position(|l| {
            mark_of(l.trim()).is_some_and(
                |m| matches!(parse_mark(&m), Ok(Mark::Provision { id: ref i, .. }) if i == id),
            )
        })?;
        Some(self.body_line + at + 1)
    }

    /// The provisions this file tags, in order: (id, optional).
    pub fn provisions(&self) -> Vec<(String, bool)> {
        provision_marks(&self.body).collect()
    }

    /// Every version this template has had, oldest first, newest last.
    pub fn versions(&self) -> Vec<String> {
        let mut v = self.previous.clone();
        if let Some(n) = &self.version {
            v.push(n.clone());
        }
        v
    }
}

/// Where a template set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary (`rules/templates/`).
    Bundled,
    /// Read from a directory (`--templates DIR`).
    Dir(PathBuf),
}

/// The reference templates in use: the bundled ones or a user's directory.
#[derive(Debug)]
pub struct TemplateSet {
    pub origin: Origin,
    templates: Vec<TemplateFile>,
}

impl TemplateSet {
    /// Builds a set from `(id, file text)` pairs.
    pub fn from_sources(
        origin: Origin,
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<TemplateSet, TemplateError> {
        let templates = sources
            .into_iter()
            .map(|(id, text)| TemplateFile::parse(&id, &text))
            .collect::<Result<_, _>>()?;
        Ok(TemplateSet::new(origin, templates))
    }

    fn new(origin: Origin, mut templates: Vec<TemplateFile>) -> TemplateSet {
        templates.sort_by(|a, b| a.id.cmp(&b.id));
        TemplateSet { origin, templates }
    }

    /// The templates shipped with moulint (embedded at build time).
    pub fn bundled() -> Result<TemplateSet, TemplateError> {
        TemplateSet::from_sources(
            Origin::Bundled,
            crate::bundled::files("templates", "md").map(|(id, t)| (id.to_string(), t.to_string())),
        )
    }

    /// The bundled templates, loaded once for the unit tests.
    #[cfg(test)]
    pub(crate) fn for_tests() -> &'static TemplateSet {
        static CELL: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
        CELL.get_or_init(|| TemplateSet::bundled().expect("bundled templates load"))
    }

    /// Reads every `<id>.md` in `dir` (the format `moulint template import`
    /// writes), and assembles each one, so that a template that cannot be
    /// used is an error now rather than a comparison skipped later.
    pub fn from_dir(dir: &Path) -> Result<TemplateSet, TemplateError> {
        let at = |path: &Path, e: TemplateError| TemplateError {
            path: Some(path.to_path_buf()),
            ..e
        };
        let entries = std::fs::read_dir(dir).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "it does not exist".to_string(),
                std::io::ErrorKind::NotADirectory => "it is not a directory".to_string(),
                _ => format!("cannot read it: {e}"),
            };
            at(dir, err("", why))
        })?;
        let mut templates = Vec::new();
        let mut paths = HashMap::new();
        for e in entries {
            let p = e
                .map_err(|e| at(dir, err("", format!("cannot list it: {e}"))))?
                .path();
            if !p.is_file() || p.extension().is_none_or(|x| x != "md") {
                continue;
            }
            let Some(id) = p.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(&p)
                .map_err(|e| at(&p, err(id, format!("cannot read it: {e}"))))?;
            templates.push(TemplateFile::parse(id, &text).map_err(|e| at(&p, e))?);
            paths.insert(id.to_string(), p);
        }
        if templates.is_empty() {
            return Err(at(dir, err("", "it holds no `<id>.md` template")));
        }
        let set = TemplateSet::new(Origin::Dir(dir.to_path_buf()), templates);
        for t in &set.templates {
            assemble(std::slice::from_ref(&t.id), &set).map_err(|e| {
                match paths.get(&e.template) {
                    Some(p) => at(p, e),
                    None => at(dir, e),
                }
            })?;
        }
        Ok(set)
    }

    pub fn get(&self, id: &str) -> Option<&TemplateFile> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn templates(&self) -> &[TemplateFile] {
        &self.templates
    }
}

/// The templates of `--templates DIR`, or the bundled ones without it.
pub fn load(dir: Option<&Path>) -> Result<TemplateSet, TemplateError> {
    match dir {
        Some(d) => TemplateSet::from_dir(d),
        None => TemplateSet::bundled(),
    }
}

/// Ids in order, each once; none means Base.
pub fn normalize_ids(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    if out.is_empty() {
        out.push("base".to_string());
    }
    out
}

/// A provision tagged in the assembled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedProvision {
    /// The catalog id from the mark (`base.dispute-resolution`).
    pub id: String,
    /// Tagged `optional` rather than `provision`.
    pub optional: bool,
    /// The template file the text came from.
    pub template: String,
    /// The tagged section's title as written (numbering removed).
    pub title: String,
    /// Byte range of the tagged section (heading to the section's end) in
    /// [`Assembled::markdown`]; the mark itself is just before it.
    pub range: Range<usize>,
    /// Byte range of the `<!-- moulint: ... -->` mark.
    pub mark: Range<usize>,
}

/// The reference text for a set of template ids.
#[derive(Debug, Clone)]
pub struct Assembled {
    /// The template ids, in order, each once (Base when none were given).
    pub templates: Vec<String>,
    /// Each template file used, with its newest version.
    pub versions: Vec<(String, Option<String>)>,
    /// The Markdown body (front matter stripped, marks kept, `{n}` numbered,
    /// the bespoke-articles marker replaced by the Bespoke articles).
    pub markdown: String,
    /// Every tagged provision, in document order.
    pub provisions: Vec<TaggedProvision>,
    /// Which template each byte range of `markdown` came from.
    pub sources: Vec<(Range<usize>, String)>,
    /// `markdown` parsed (at offset 0): the provisions are read from it,
    /// and a comparison needs it too, so it is parsed once.
    pub tree: Tree,
}

/// What a `<!-- moulint: ... -->` comment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Provision {
        id: String,
        optional: bool,
    },
    BespokeArticles,
    /// The paragraph after it applies to a Base-only MOU (a note on when
    /// to use Base): dropped when Bespoke articles are inserted.
    BaseOnly,
}

/// The inside of a moulint comment line, if `line` is one.
fn mark_of(line: &str) -> Option<String> {
    let inner = line.strip_prefix("<!--")?.strip_suffix("-->")?;
    comment_mark(inner)
}

/// The mark a comment's inner text holds, read by the one directive
/// grammar ([`crate::directives`]).
fn comment_mark(inner: &str) -> Option<String> {
    crate::directives::classify(inner)?
        .moulint_text()
        .map(str::to_string)
}

/// Parses the text after `moulint:` in a comment.
pub fn parse_mark(text: &str) -> Result<Mark, String> {
    let mut words = text.split_whitespace();
    let kind = words.next().unwrap_or("");
    let id = words.next();
    let extra = words.next();
    match (kind, id, extra) {
        ("provision" | "optional", Some(id), None) => {
            let ok = id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c));
            if !ok || !id.contains('.') {
                return Err(format!(
                    "`{id}` is not a provision id (lowercase, dot-separated, like `base.referrals`)"
                ));
            }
            Ok(Mark::Provision {
                id: id.to_string(),
                optional: kind == "optional",
            })
        }
        ("bespoke-articles", None, None) => Ok(Mark::BespokeArticles),
        ("base-only", None, None) => Ok(Mark::BaseOnly),
        _ => Err(format!(
            "unknown mark `<!-- moulint: {text} -->` (expected `provision ID`, `optional ID`, `bespoke-articles` or `base-only`)"
        )),
    }
}

/// Removes each `base-only` mark and the paragraph after it (up to the
/// next blank line), with the blank line that follows.
fn drop_base_only(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut skipping = false;
    let mut in_paragraph = false;
    for line in body.split_inclusive('\n') {
        let bare = line.trim();
        if !skipping && mark_of(bare).is_some_and(|m| parse_mark(&m) == Ok(Mark::BaseOnly)) {
            skipping = true;
            in_paragraph = false;
            continue;
        }
        if skipping {
            if bare.is_empty() {
                if in_paragraph {
                    skipping = false;
                }
                continue;
            }
            in_paragraph = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Assembles the reference text for `template_ids` (a draft's `template:`
/// list): the Base text with each Bespoke template's articles inserted at
/// the bespoke-articles marker and numbered after the last Base article.
/// A `standalone` template (an imported official Bespoke template) is used
/// whole as the main text instead of Base; further standalone templates
/// contribute only the tagged provisions the main text lacks.
///
/// Errors: a named template the set does not hold, a mark that tags no
/// section, or a provision tagged twice.
pub fn assemble(template_ids: &[String], set: &TemplateSet) -> Result<Assembled, TemplateError> {
    let ids = normalize_ids(template_ids);
    let mut files = Vec::new();
    for id in &ids {
        let f = set.get(id).ok_or_else(|| {
            let origin = match &set.origin {
                Origin::Bundled => "moulint has".to_string(),
                Origin::Dir(d) => format!("{} holds", d.display()),
            };
            err(id, format!("no reference text: {origin} no `{id}.md`"))
        })?;
        files.push(f);
    }
    let main = match files.iter().find(|f| f.standalone) {
        Some(f) => *f,
        None => set.get("base").ok_or_else(|| {
            err(
                "base",
                "no Base reference text to insert Bespoke articles into",
            )
        })?,
    };
    let mut versions = vec![(main.id.clone(), main.version.clone())];
    let mut main_body = normalize_newlines(&main.body);
    if ids.iter().any(|id| id != &main.id) {
        main_body = drop_base_only(&main_body);
    }
    let main_tags: Vec<String> = tags_in(&main_body);

    // Where the Bespoke articles go, and the number they start from.
    let (at, marker_len) = match find_marker(&main_body) {
        Some(r) => (r.start, r.len()),
        None => (end_of_articles(&main_body), 0),
    };
    let mut next = last_article_number(&main_body, at) + 1;

    let mut inserted: Vec<(String, String)> = Vec::new();
    let mut present = main_tags.clone();
    for f in &files {
        if std::ptr::eq(*f, main) {
            continue;
        }
        versions.push((f.id.clone(), f.version.clone()));
        let body = normalize_newlines(&f.body);
        let fragment = if f.standalone {
            missing_sections(&body, &present)
        } else {
            body
        };
        let (numbered, after) = number_articles(&fragment, next);
        next = after;
        present.extend(tags_in(&numbered));
        inserted.push((f.id.clone(), numbered));
    }

    let mut markdown = String::with_capacity(main_body.len() + 1024);
    let mut sources = Vec::new();
    markdown.push_str(&main_body[..at]);
    sources.push((0..markdown.len(), main.id.clone()));
    for (id, text) in &inserted {
        if !markdown.is_empty() && !markdown.ends_with("\n\n") {
            markdown.push_str(if markdown.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
        let start = markdown.len();
        markdown.push_str(text.trim_matches('\n'));
        markdown.push_str("\n\n");
        sources.push((start..markdown.len(), id.clone()));
    }
    let start = markdown.len();
    let rest = &main_body[at + marker_len..];
    markdown.push_str(rest.strip_prefix('\n').unwrap_or(rest));
    sources.push((start..markdown.len(), main.id.clone()));

    let tree = Tree::parse(&markdown, 0);
    let provisions = tagged_provisions(&tree, &sources)?;
    Ok(Assembled {
        templates: ids,
        versions,
        markdown,
        provisions,
        sources,
        tree,
    })
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n")
}

fn tags_in(body: &str) -> Vec<String> {
    provision_marks(body).map(|(id, _)| id).collect()
}

/// The provision marks of a template body, in order: (id, optional).
fn provision_marks(body: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    body.lines()
        .filter_map(|l| mark_of(l.trim()))
        .filter_map(|m| match parse_mark(&m) {
            Ok(Mark::Provision { id, optional }) => Some((id, optional)),
            _ => None,
        })
}

/// The marker line's byte range, newline included.
fn find_marker(body: &str) -> Option<Range<usize>> {
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        if mark_of(line.trim()).is_some_and(|m| parse_mark(&m) == Ok(Mark::BespokeArticles)) {
            return Some(pos..pos + line.len());
        }
        pos += line.len();
    }
    None
}

/// Is a top-level section an article (numbered `4`, `IV`, `Article 4`)?
fn article_number(kind: SectionKind, number: Option<&str>) -> Option<u32> {
    let n = number?;
    match kind {
        SectionKind::Numbered { depth: 1 } | SectionKind::Heading(_) => n.parse().ok(),
        _ => None,
    }
}

/// Without a marker, Bespoke articles go after the last top-level article.
fn end_of_articles(body: &str) -> usize {
    let tree = Tree::parse(body, 0);
    tree.sections
        .iter()
        .filter(|s| article_number(s.kind, s.number.as_deref()).is_some())
        .map(|s| s.span.end())
        .max()
        .unwrap_or(body.len())
}

/// The highest article number before `at`.
fn last_article_number(body: &str, at: usize) -> u32 {
    let tree = Tree::parse(body, 0);
    tree.sections
        .iter()
        .filter(|s| s.head_span.offset < at)
        .filter_map(|s| article_number(s.kind, s.number.as_deref()))
        .max()
        .unwrap_or(0)
}

/// Does a line open an article numbered `{n}` (`## Article {n}. Title`,
/// `## {n}. Title`, `**{n}. Title.**`)?
fn opens_article(line: &str) -> bool {
    let t = line.trim_start();
    let t = t.trim_start_matches('#').trim_start();
    let t = t.trim_start_matches("**").trim_start();
    let lower = t.to_ascii_lowercase();
    let t = ["article ", "section "]
        .iter()
        .find_map(|k| lower.strip_prefix(k).map(|_| t[k.len()..].trim_start()))
        .unwrap_or(t);
    t.strip_prefix("{n}").is_some_and(|r| {
        let sub = r
            .strip_prefix('.')
            .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit() || c == '{'));
        !sub && (r.is_empty() || r.starts_with(['.', ':', ' ', '*']))
    })
}

/// Replaces `{n}` with article numbers from `first`: each line that opens
/// an article `{n}` takes the next number, other `{n}`s (`{n}.1`, "Section
/// {n}") the current one. Returns the text and the next free number.
fn number_articles(text: &str, first: u32) -> (String, u32) {
    if !text.contains("{n}") {
        return (text.to_string(), first);
    }
    let mut n = first;
    let mut started = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if opens_article(line) {
            if started {
                n += 1;
            }
            started = true;
        }
        out.push_str(&line.replace("{n}", &n.to_string()));
    }
    (out, n + 1)
}

/// From a standalone template, the tagged sections (mark included) whose
/// provision ids are not yet `present`, in order, as one fragment.
fn missing_sections(body: &str, present: &[String]) -> String {
    let tree = Tree::parse(body, 0);
    let mut out = String::new();
    let mut taken_until = 0;
    for c in &tree.comments {
        let Some(Ok(Mark::Provision { id, .. })) = comment_mark(&c.text).map(|m| parse_mark(&m))
        else {
            continue;
        };
        if present.contains(&id) || c.span.offset < taken_until {
            continue;
        }
        let Some(sec) = section_after(&tree, c.span.end()) else {
            continue;
        };
        let end = tree.sections[sec].span.end();
        out.push_str(body[c.span.offset..end].trim_end());
        out.push_str("\n\n");
        taken_until = end;
    }
    out
}

/// The first section whose head starts at or after `offset`.
pub(crate) fn section_after(tree: &Tree, offset: usize) -> Option<usize> {
    tree.sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, s)| s.head_span.offset >= offset)
        .min_by_key(|(i, s)| (s.head_span.offset, *i))
        .map(|(i, _)| i)
}

fn tagged_provisions(
    tree: &Tree,
    sources: &[(Range<usize>, String)],
) -> Result<Vec<TaggedProvision>, TemplateError> {
    let source_of = |off: usize| {
        sources
            .iter()
            .find(|(r, _)| r.contains(&off))
            .or(sources.last())
            .map(|(_, id)| id.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<TaggedProvision> = Vec::new();
    for c in &tree.comments {
        let Some(m) = comment_mark(&c.text) else {
            continue;
        };
        let template = source_of(c.span.offset);
        let mark = parse_mark(&m).map_err(|e| err(&template, e))?;
        let Mark::Provision { id, optional } = mark else {
            continue;
        };
        let sec = section_after(tree, c.span.end())
            .ok_or_else(|| err(&template, format!("the mark for `{id}` tags no section")))?;
        let s = &tree.sections[sec];
        if out.iter().any(|p| p.id == id) {
            return Err(err(&template, format!("provision `{id}` is tagged twice")));
        }
        out.push(TaggedProvision {
            id,
            optional,
            template,
            title: s.title.clone().unwrap_or_else(|| s.display_name()),
            range: s.span.offset..s.span.end(),
            mark: c.span.offset..c.span.end(),
        });
    }
    Ok(out)
}

/// Values for template slots, keyed by slot name (`MCP Name`); names are
/// compared case-insensitively with spaces normalized.
#[derive(Debug, Clone, Default)]
pub struct Slots {
    values: BTreeMap<String, String>,
}

fn slot_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Slots {
    pub fn new() -> Slots {
        Slots::default()
    }

    /// Sets one slot's value.
    pub fn set(mut self, name: &str, value: impl Into<String>) -> Slots {
        self.values.insert(slot_key(name), value.into());
        self
    }

    /// The slots front matter fills: `[MCP Name]` from `mcp`/`mcps`,
    /// `[Party Name]` from `other_party.name`, `[County]` from `counties`
    /// (several names joined "A, B and C").
    pub fn from_front(fm: &crate::frontmatter::FrontMatter) -> Slots {
        let mut s = Slots::new();
        let mcps: Vec<String> = fm.mcps.iter().map(|m| m.value.clone()).collect();
        if !mcps.is_empty() {
            s = s.set(MCP_NAME, join_names(&mcps));
        }
        if let Some(n) = &fm.other_party.name {
            s = s.set(PARTY_NAME, n.value.clone());
        }
        let counties: Vec<String> = fm.counties.iter().map(|c| c.value.clone()).collect();
        if !counties.is_empty() {
            s = s.set(COUNTY, join_names(&counties));
        }
        s
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(&slot_key(name)).map(String::as_str)
    }
}

/// A bracketed span in text: `[Name]` or `[Drafting Note: ...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket {
    pub range: Range<usize>,
    /// The text between the brackets.
    pub inner: Range<usize>,
    pub note: bool,
}

/// Is bracketed text a slot (not a citation `[1]`, `[sic]` or task box)?
pub fn is_slot_text(inner: &str) -> bool {
    let t = inner.trim();
    !(t.is_empty()
        || t.eq_ignore_ascii_case("x")
        || t.eq_ignore_ascii_case("sic")
        || t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '-' || c == ' '))
}

/// Slots and drafting notes in a text, in order. A bracket may wrap onto
/// the next line but not span a blank line. Markdown links (`[text](url)`,
/// `[text][ref]`) are skipped.
pub fn brackets(text: &str, drafting: &Drafting) -> Vec<Bracket> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Most text holds no bracket: the next one is found a word at a time.
    while let Some(at) = memchr::memchr(b'[', &bytes[i..]) {
        i += at;
        let window = &bytes[i + 1..bytes.len().min(i + 2002)];
        let Some(len) = window.iter().position(|&c| c == b']' || c == b'[') else {
            i += 1;
            continue;
        };
        let close = i + 1 + len;
        let inner = i + 1..close;
        let blank_line = text[inner.clone()]
            .split('\n')
            .skip(1)
            .any(|l| l.trim().is_empty());
        if bytes[close] != b']' || len == 0 || len > 2000 || blank_line {
            i += 1;
            continue;
        }
        let after = bytes.get(close + 1).copied();
        let note = drafting.is_note(&text[inner.clone()]);
        let link = matches!(after, Some(b'(') | Some(b'['));
        if note || (!link && len <= 300 && is_slot_text(&text[inner.clone()])) {
            out.push(Bracket {
                range: i..close + 1,
                inner,
                note,
            });
        }
        i = close + 1;
        if after == Some(b'[') && !note {
            // `[text][ref]`: skip the reference label too.
            if let Some(end) = text[i..].find([']', '\n']) {
                i += end + 1;
            }
        }
    }
    out
}

/// The distinct slot names in a text, in order of first use (drafting
/// notes excluded, whitespace in a name collapsed): what `moulint init`
/// must ask for or leave open.
pub fn slot_names(markdown: &str, drafting: &Drafting) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in brackets(markdown, drafting) {
        let name = markdown[b.inner]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !b.note && !out.iter().any(|n| slot_key(n) == slot_key(&name)) {
            out.push(name);
        }
    }
    out
}

/// Fills the slots `slots` has values for, leaves the others bracketed,
/// and removes every `<!-- moulint: ... -->` mark (a line holding only a
/// mark is removed with its line break). Drafting notes are kept; see
/// [`strip_drafting_notes`].
pub fn fill(markdown: &str, slots: &Slots, drafting: &Drafting) -> String {
    let mut text = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if mark_of(bare.trim()).is_some() {
            continue;
        }
        text.push_str(&strip_inline_marks(line));
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for b in brackets(&text, drafting) {
        if b.note {
            continue;
        }
        let inner = &text[b.inner.clone()];
        if let Some(permits) = crate::variation::Variation::parse(inner) {
            // A permitted variation starts as the template's own choice.
            out.push_str(&text[last..b.range.start]);
            out.push_str(permits.default_text());
            last = b.range.end;
        } else if let Some(v) = slots.get(inner) {
            out.push_str(&text[last..b.range.start]);
            out.push_str(v);
            last = b.range.end;
            // Several names ("Alpine and Mono"): the word after the slot
            // agrees ("County" becomes "Counties", "is" becomes "are").
            if v.contains(" and ") {
                if let Some((from, to)) = plural_after(&text[last..]) {
                    out.push_str(to);
                    last += from;
                }
            }
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The word right after a slot that must agree with several names: its
/// length in `rest` (with the space before it) and the plural to write.
fn plural_after(rest: &str) -> Option<(usize, &'static str)> {
    const AGREE: &[(&str, &str)] = &[
        (" County", " Counties"),
        (" county", " counties"),
        (" is ", " are "),
        (" has ", " have "),
    ];
    AGREE.iter().find_map(|&(one, many)| {
        let word_ends = rest[one.len().min(rest.len())..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        (rest.starts_with(one) && word_ends).then_some((one.len(), many))
    })
}

fn strip_inline_marks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("<!--") {
        let Some(j) = rest[i..].find("-->") else {
            break;
        };
        let comment = &rest[i..i + j + 3];
        out.push_str(&rest[..i]);
        if mark_of(comment).is_none() {
            out.push_str(comment);
        }
        rest = &rest[i + j + 3..];
    }
    out.push_str(rest);
    out
}

/// Removes `[Drafting Note: ...]` brackets. A note that is a paragraph of
/// its own goes with its lines (and the blank line after it); a note inside
/// a sentence goes with the space before it.
pub fn strip_drafting_notes(markdown: &str, drafting: &Drafting) -> String {
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    for b in brackets(markdown, drafting).into_iter().filter(|b| b.note) {
        let ls = markdown[..b.range.start].rfind('\n').map_or(0, |i| i + 1);
        let le = markdown[b.range.end..]
            .find('\n')
            .map_or(markdown.len(), |i| b.range.end + i + 1);
        let alone = markdown[ls..b.range.start].trim().is_empty()
            && markdown[b.range.end..le].trim().is_empty();
        if alone {
            let mut end = le;
            let before_blank = ls == 0 || markdown[..ls].ends_with("\n\n");
            // Drop the blank line after it, so no double blank line stays.
            if before_blank {
                let next_le = markdown[end..]
                    .find('\n')
                    .map_or(markdown.len(), |i| end + i + 1);
                if markdown[end..next_le].trim().is_empty() {
                    end = next_le;
                }
            }
            cuts.push(ls..end);
        } else if b.range.start > 0 && markdown.as_bytes()[b.range.start - 1] == b' ' {
            cuts.push(b.range.start - 1..b.range.end);
        } else {
            let end = if markdown.as_bytes().get(b.range.end) == Some(&b' ') {
                b.range.end + 1
            } else {
                b.range.end
            };
            cuts.push(b.range.start..end);
        }
    }
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for c in cuts {
        if c.start < last {
            continue;
        }
        out.push_str(&markdown[last..c.start]);
        last = c.end;
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafting() -> &'static Drafting {
        &crate::catalog::Catalog::for_tests().vocab.drafting
    }

    const BASE: &str = "---\ntemplate: base\nversion: \"2025-05\"\nprevious: [\"2024-01\"]\n---\n# MOU\n\nThis MOU is between [MCP Name] and [Party Name].\n\n<!-- moulint: provision base.term -->\n## 1. Term\n\nThe MOU starts on [Effective Date]. [Drafting Note: say when.]\n\n<!-- moulint: optional base.optional.x -->\n## 2. Extra\n\nOptional words.\n\n<!-- moulint: bespoke-articles -->\n\n## Signatures\n\n[MCP Name]\n";
    const MHP: &str = "---\ntemplate: mhp\nversion: \"2025-05\"\n---\n<!-- moulint: provision mhp.nwd -->\n## Article {n}. No Wrong Door\n\n{n}.1 The MCP shall coordinate.\n\n<!-- moulint: provision mhp.tools -->\n## Article {n}. Tools\n\nSee Section {n}.\n";
    const ODS: &str = "---\ntemplate: dmc-ods\n---\n<!-- moulint: provision dmc-ods.part2 -->\n## {n}. Part 2\n\nThe parties follow 42 CFR Part 2.\n";

    fn set() -> TemplateSet {
        TemplateSet::from_sources(
            Origin::Bundled,
            [("base", BASE), ("mhp", MHP), ("dmc-ods", ODS)]
                .map(|(a, b)| (a.to_string(), b.to_string())),
        )
        .unwrap()
    }

    #[test]
    fn base_alone_keeps_its_text_and_tags() {
        let a = assemble(&[], &set()).unwrap();
        assert_eq!(a.templates, vec!["base"]);
        assert_eq!(a.versions, vec![("base".into(), Some("2025-05".into()))]);
        let ids: Vec<(&str, bool)> = a
            .provisions
            .iter()
            .map(|p| (p.id.as_str(), p.optional))
            .collect();
        assert_eq!(ids, vec![("base.term", false), ("base.optional.x", true)]);
        let term = &a.provisions[0];
        assert!(a.markdown[term.range.clone()].starts_with("## 1. Term"));
        assert_eq!(term.title, "Term");
        assert!(!a.markdown.contains("bespoke-articles"));
    }

    #[test]
    fn bespoke_articles_are_inserted_and_numbered() {
        let ids = vec!["mhp".to_string(), "dmc-ods".to_string()];
        let a = assemble(&ids, &set()).unwrap();
        let md = &a.markdown;
        let p3 = md.find("## Article 3. No Wrong Door").expect(md);
        let p4 = md.find("## Article 4. Tools").expect(md);
        let p5 = md.find("## 5. Part 2").expect(md);
        assert!(p3 < p4 && p4 < p5 && p5 < md.find("## Signatures").unwrap());
        assert!(md.contains("3.1 The MCP shall coordinate."));
        assert!(md.contains("See Section 4."));
        let ids: Vec<&str> = a.provisions.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "base.term",
                "base.optional.x",
                "mhp.nwd",
                "mhp.tools",
                "dmc-ods.part2"
            ]
        );
        assert_eq!(a.provisions[2].template, "mhp");
        assert_eq!(a.provisions[4].template, "dmc-ods");
        assert_eq!(a.provisions[0].template, "base");
    }

    #[test]
    fn fill_replaces_known_slots_and_strips_marks() {
        let a = assemble(&["mhp".to_string()], &set()).unwrap();
        let slots = Slots::new()
            .set(MCP_NAME, "Alpine Health")
            .set("party name", "Alpine County");
        let out = fill(&a.markdown, &slots, drafting());
        assert!(out.contains("between Alpine Health and Alpine County."));
        assert!(out.contains("[Effective Date]"));
        assert!(!out.contains("moulint:"));
        assert!(out.contains("\n## 1. Term"));
        let clean = strip_drafting_notes(&out, drafting());
        assert!(
            clean.contains("The MOU starts on [Effective Date].\n"),
            "{clean}"
        );
        assert_eq!(
            slot_names(&a.markdown, drafting()),
            vec!["MCP Name", "Party Name", "Effective Date"]
        );
    }

    #[test]
    fn bad_marks_and_unknown_templates_are_errors() {
        let bad = TemplateSet::from_sources(
            Origin::Bundled,
            [(
                "base".to_string(),
                "<!-- moulint: provison base.x -->\n# X\n".to_string(),
            )],
        );
        assert!(bad.unwrap_err().message.contains("unknown mark"));
        let e = assemble(&["lea".to_string()], &set()).unwrap_err();
        assert_eq!(e.template, "lea");
        let wrong = TemplateSet::from_sources(
            Origin::Bundled,
            [("mhp".to_string(), "---\ntemplate: base\n---\n".to_string())],
        );
        assert!(wrong.is_err());
    }

    #[test]
    fn brackets_skip_links_and_citations() {
        let t = "See [the APL](http://x) and [1], [x], [MCP Name][ref] and [County].";
        let found: Vec<&str> = brackets(t, drafting())
            .iter()
            .map(|b| &t[b.range.clone()])
            .collect();
        assert_eq!(found, vec!["[County]"]);
    }
}
