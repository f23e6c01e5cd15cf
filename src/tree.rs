//! The section tree: one parse of the Markdown body into numbered sections
//! and text blocks, all with byte spans in the original file.
//!
//! MOUs number their parts in many ways: ATX and setext headings
//! (`## 4. MCP Obligations`, `Article IV`, `Section 4.1`), bold lead-ins
//! (`**4. MCP Obligations.**`), sub-provisions as `a.`, `(a)`, `i.`
//! paragraphs or ordered lists, and exhibits. All become [`Section`]s, so
//! checks can ask for "the Dispute Resolution article" instead of raw text.

use crate::table::{Row, Table};
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::diagnostic::Span;
use crate::text::{normalize_title, Block, BlockKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The whole body; holds the preamble and every top-level section.
    Root,
    Heading(u8),
    /// `Article 4`, `Section 4.1`, `4.1 Title.`: `depth` counts the dotted parts.
    Numbered {
        depth: usize,
    },
    /// `a.`, `(a)`.
    Lettered,
    /// `i.`, `(iv)`.
    Roman,
    /// A bold title with no number: `**Notice.** Text`.
    Lead,
    /// A paragraph that is only a bold title (`**Signatures**`): it ranks
    /// like an article, not like a sub-clause.
    Title,
    /// An item of an ordered list; `nesting` counts enclosing lists.
    Item {
        nesting: usize,
    },
    /// `Exhibit A`, `Attachment 1`, `Appendix B`.
    Exhibit,
}

impl SectionKind {
    /// What `moulint outline` calls it.
    pub fn label(&self) -> String {
        match self {
            SectionKind::Root => "document".into(),
            SectionKind::Heading(level) => format!("heading, level {level}"),
            SectionKind::Numbered { .. } => "numbered section".into(),
            SectionKind::Lettered => "lettered clause".into(),
            SectionKind::Roman => "roman-numbered clause".into(),
            SectionKind::Lead => "bold lead-in".into(),
            SectionKind::Title => "bold title".into(),
            SectionKind::Item { .. } => "list item".into(),
            SectionKind::Exhibit => "exhibit".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    /// The number as written (`4`, `4.1`, `IV`, `a`, `ii`, `A`).
    pub label: Option<String>,
    /// The number in comparable form: Roman article numbers in digits.
    pub number: Option<String>,
    pub title: Option<String>,
    /// `title` normalized for comparison (see [`normalize_title`]).
    pub title_key: String,
    /// Where the title text sits (or the label, for untitled sections).
    pub title_span: Span,
    /// The heading line or the block that opens the section.
    pub head_span: Span,
    /// From the section's start to the start of the next section that is not
    /// its descendant.
    pub span: Span,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Blocks inside the section, descendants included (a contiguous range).
    pub blocks: std::ops::Range<usize>,
}

/// The words that open an exhibit's title (`Exhibit A`, `Schedule 1`); a
/// cross-reference to one of them is a reference to an exhibit too.
pub const EXHIBIT_WORDS: &str = "exhibit|attachment|appendix|schedule";

impl Section {
    /// An exhibit, attachment, appendix or schedule: by its own title, or a
    /// heading numbered like one.
    pub fn is_exhibit(&self) -> bool {
        self.kind == SectionKind::Exhibit
            || self
                .number
                .as_deref()
                .is_some_and(|n| n.starts_with("exhibit"))
    }

    /// A short human name: "Section 4.1 (Referrals)", "Exhibit A".
    pub fn display_name(&self) -> String {
        let label = self.label.as_deref();
        match (self.kind, label, &self.title) {
            (_, Some(l), Some(t)) => format!("{l} {t}"),
            (_, Some(l), None) => l.to_string(),
            (_, None, Some(t)) => t.clone(),
            _ => "the preamble".to_string(),
        }
    }
}

/// An HTML comment in the body: template marks, test expectations and
/// suppressions are read from these (see [`crate::directives`]).
#[derive(Debug, Clone)]
pub struct Comment {
    /// The whole comment, `<!--` to `-->`, in file coordinates.
    pub span: Span,
    /// What is between `<!--` and `-->`, trimmed.
    pub text: String,
}

/// The comments inside `body[r]` (raw HTML), with spans shifted by `base`.
fn comments_in(body: &str, r: std::ops::Range<usize>, base: usize, out: &mut Vec<Comment>) {
    let Some(html) = body.get(r.clone()) else {
        return;
    };
    let mut at = 0;
    while let Some(open) = html[at..].find("<!--") {
        let start = at + open;
        let inner_start = start + 4;
        let Some(close) = html[inner_start..].find("-->") else {
            break;
        };
        let end = inner_start + close + 3;
        out.push(Comment {
            span: Span::from_range(base + r.start + start..base + r.start + end),
            text: html[inner_start..inner_start + close].trim().to_string(),
        });
        at = end;
    }
}

/// Raw HTML in the body that is not a comment: a reader's browser would
/// draw it (or hide what it wraps), so what moulint reads and what a reader
/// sees may differ. Text inside an element it opens is not block text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    /// The HTML block or inline tag, in file coordinates.
    pub span: Span,
    /// An HTML block (a `<div>` on its own lines), not a tag inside a
    /// paragraph.
    pub block: bool,
    /// A comment opened and never closed: it hides the rest of the text.
    pub unclosed_comment: bool,
}

/// HTML elements with no content: opening one hides nothing.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The raw HTML in `html` (an HTML block or an inline tag, starting at
/// file offset `at`) other than comments, and how it changes the depth of
/// open elements (`depth`).
fn raw_html_in(html: &str, at: usize, block: bool, depth: &mut usize) -> Option<RawHtml> {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = re(&TAG, r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>]*?)(/?)>");
    // What is left once comments are taken out.
    let mut rest = String::new();
    let mut unclosed = false;
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        rest.push_str(&html[from..from + open]);
        match html[from + open + 4..].find("-->") {
            Some(close) => from = from + open + 4 + close + 3,
            None => {
                unclosed = true;
                from = html.len();
                break;
            }
        }
    }
    rest.push_str(&html[from..]);
    // Only closing tags: the end of an element already reported.
    let closes_only = *depth > 0
        && !unclosed
        && tag.replace_all(&rest, "").trim().is_empty()
        && tag.captures_iter(&rest).all(|c| !c[1].is_empty());
    for c in tag.captures_iter(&rest) {
        let name = c[2].to_ascii_lowercase();
        if c[1].is_empty() {
            if c[3].is_empty() && !VOID_ELEMENTS.contains(&name.as_str()) {
                *depth += 1;
            }
        } else {
            *depth = depth.saturating_sub(1);
        }
    }
    if (rest.trim().is_empty() && !unclosed) || closes_only {
        return None;
    }
    let trimmed = html.trim_end();
    Some(RawHtml {
        span: Span::new(at, trimmed.len()),
        block,
        unclosed_comment: unclosed,
    })
}

#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    /// Raw HTML other than comments, in document order.
    pub raw_html: Vec<RawHtml>,
    /// Tables in document order (their cells are blocks).
    pub tables: Vec<Table>,
    /// Every block's text, joined by [`Tree::SEPARATOR`], so a pattern is
    /// run once per document instead of once per block.
    pub joined: String,
    /// `joined` with ASCII letters lowercased (same byte offsets), which
    /// provision patterns are compiled for.
    pub joined_lower: String,
    /// Where each block's text starts in `joined`.
    pub block_starts: Vec<usize>,
}

impl Tree {
    /// Between blocks in `joined`: a blank line, which no sentence crosses.
    pub const SEPARATOR: &'static str = "\n\n";

    /// The block whose text holds `joined` offset `at`, and `at` within it;
    /// `None` when `at` falls on a separator.
    pub fn block_at(&self, at: usize) -> Option<(usize, usize)> {
        let bi = self
            .block_starts
            .partition_point(|&s| s <= at)
            .checked_sub(1)?;
        let within = at - self.block_starts[bi];
        (within <= self.blocks[bi].text.len()).then_some((bi, within))
    }

    /// Parses `body`, which starts at byte `base` of the file.
    pub fn parse(body: &str, base: usize) -> Tree {
        Builder::new(base, body.len()).run(body)
    }

    pub fn root(&self) -> &Section {
        &self.sections[0]
    }

    /// Blocks of a section, descendants included.
    pub fn blocks_of(&self, section: usize) -> &[Block] {
        &self.blocks[self.sections[section].blocks.clone()]
    }

    /// Sections whose number (as compared) equals `number`.
    pub fn find_number(&self, number: &str) -> impl Iterator<Item = (usize, &Section)> {
        let number = number.to_string();
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.number.as_deref() == Some(number.as_str()))
    }

    /// The section whose children are the document's articles: the root,
    /// or the one heading that titles the whole body (`# Memorandum of
    /// Understanding` with the articles under it).
    pub fn articles_parent(&self) -> usize {
        match self.root().children.as_slice() {
            [only]
                if matches!(self.sections[*only].kind, SectionKind::Heading(_))
                    && !self.sections[*only].children.is_empty() =>
            {
                *only
            }
            _ => 0,
        }
    }

    /// The article holding `section` (itself, if it is one); `None` for
    /// text before the first article (the preamble).
    pub fn article_of(&self, section: usize) -> Option<usize> {
        let parent = self.articles_parent();
        self.path(section)
            .into_iter()
            .find(|&s| self.sections[s].parent == Some(parent))
    }

    /// Chain of ancestors from the root down to `section`, inclusive.
    pub fn path(&self, section: usize) -> Vec<usize> {
        // Room for a typical depth, so the path is not regrown.
        let mut out = Vec::with_capacity(8);
        out.push(section);
        let mut cur = section;
        while let Some(p) = self.sections[cur].parent {
            out.push(p);
            cur = p;
        }
        out.reverse();
        out
    }

    /// A section's name for messages; an untitled one (a list item, `a.`)
    /// is named with its nearest titled ancestor: "item 2 of 7 Referrals".
    pub fn describe(&self, section: usize) -> String {
        let s = &self.sections[section];
        let own = s.display_name();
        if s.title.is_some() {
            return own;
        }
        let own = match s.kind {
            SectionKind::Item { .. } => format!("item {}", s.label.as_deref().unwrap_or("")),
            _ => own,
        };
        let mut cur = s.parent;
        while let Some(p) = cur {
            let ps = &self.sections[p];
            if ps.title.is_some() {
                return format!("{own} of {}", ps.display_name());
            }
            cur = ps.parent;
        }
        own
    }

    /// Innermost section holding a byte offset.
    pub fn section_at(&self, offset: usize) -> usize {
        let mut cur = 0;
        'down: loop {
            for &c in &self.sections[cur].children {
                let s = self.sections[c].span;
                if offset >= s.offset && offset < s.end() {
                    cur = c;
                    continue 'down;
                }
            }
            return cur;
        }
    }
}

/// What a heading or paragraph opening says about numbering.
struct Head {
    kind: SectionKind,
    label: Option<String>,
    title: Option<String>,
    /// Byte range of the title within the block text.
    title_range: Option<std::ops::Range<usize>>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("built-in pattern"))
}

/// Compiles the patterns headings are read with (see
/// [`crate::checks::warm_patterns`]).
pub(crate) fn warm_patterns() {
    let _ = parse_head("", true);
}

/// Splits a heading or lead-in into its number and title.
fn parse_head(text: &str, is_heading: bool) -> Option<Head> {
    static ARTICLE: OnceLock<Regex> = OnceLock::new();
    static EXHIBIT: OnceLock<Regex> = OnceLock::new();
    static DECIMAL: OnceLock<Regex> = OnceLock::new();
    static LETTER: OnceLock<Regex> = OnceLock::new();
    let article = re(
        &ARTICLE,
        r"(?i)^(?:article|section|§)\s+([0-9]+(?:\.[0-9]+)*|[ivxlc]+)\b\.?(?:\s*[:.\-]\s*|\s+|$)",
    );
    let exhibit = EXHIBIT.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)^(?:{EXHIBIT_WORDS})\s+([a-z0-9]{{1,3}})\b\.?(?:\s*[:.\-]\s*|\s+|$)"
        ))
        .expect("built-in pattern")
    });
    let decimal = re(
        &DECIMAL,
        r"^([0-9]{1,3}(?:\.[0-9]{1,3})*)\.?(?:\s*[:.\-]\s*|\s+|$)",
    );
    let letter = re(
        &LETTER,
        r"^(?:\(([a-zA-Z]{1,4}|[0-9]{1,2})\)|([a-zA-Z]{1,4})\.)(?:\s+|$)",
    );

    // Each pattern is anchored: one whose first character cannot be the
    // text's is not run. A non-ASCII first character is left to the
    // regexes (`§`; the long s folds to `s`).
    let first = text.bytes().next().unwrap_or(0);
    let may_start = |letters: &[u8]| first >= 0x80 || letters.contains(&first.to_ascii_lowercase());
    let captures = |re: &'static Regex, may: bool| may.then(|| re.captures(text)).flatten();

    let (kind, label, rest_at) = if let Some(c) = captures(article, may_start(b"as")) {
        let l = c[1].to_string();
        let depth = l.split('.').count();
        (SectionKind::Numbered { depth }, l, c.get(0)?.end())
    } else if let Some(c) = captures(exhibit, may_start(b"eas")) {
        (
            SectionKind::Exhibit,
            format!("Exhibit {}", &c[1]),
            c.get(0)?.end(),
        )
    } else if let Some(c) = captures(decimal, first.is_ascii_digit())
        // "2025 Amendments" starts with a year, not a section number.
        .filter(|c| c[1].len() < 4 || c[1].contains('.'))
    {
        let l = c[1].to_string();
        let depth = l.split('.').count();
        (SectionKind::Numbered { depth }, l, c.get(0)?.end())
    } else if let Some(c) = captures(letter, first == b'(' || first.is_ascii_alphabetic()) {
        let l = c.get(1).or(c.get(2))?.as_str().to_string();
        let kind = if l.chars().all(|ch| ch.is_ascii_digit()) {
            SectionKind::Lettered
        } else if is_roman(&l) && (l.len() > 1 || matches!(l.as_str(), "i" | "v" | "x")) {
            SectionKind::Roman
        } else if l.len() == 1 && l.chars().all(|ch| ch.is_ascii_lowercase()) {
            SectionKind::Lettered
        } else {
            return None;
        };
        (kind, l, c.get(0)?.end())
    } else if is_heading {
        return Some(Head {
            kind: SectionKind::Root, // replaced by the caller
            label: None,
            title: clean_title(text).map(|t| t.to_string()),
            title_range: title_range(text, 0),
        });
    } else {
        return None;
    };
    // "Section 5.6 of the MCP Contract requires ..." is a sentence citing
    // another document, not a section opening.
    let rest = text[rest_at..].trim_start();
    if !is_heading
        && matches!(kind, SectionKind::Numbered { .. })
        && rest.starts_with(|c: char| c.is_lowercase())
    {
        return None;
    }
    let title = clean_title(&text[rest_at..]);
    Some(Head {
        kind,
        label: Some(label),
        title: title.map(|t| t.to_string()),
        title_range: title_range(text, rest_at),
    })
}

fn title_range(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let t = clean_title(&text[at..])?;
    let start = at + text[at..].find(t)?;
    Some(start..start + t.len())
}

fn clean_title(s: &str) -> Option<&str> {
    let t = s.trim().trim_end_matches(['.', ':']).trim();
    (!t.is_empty()).then_some(t)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// The text provision patterns run over: ASCII letters lowercased, and a
/// dot between digits ("Section 12.3") read as a comma, so that patterns
/// scoped to one sentence with `[^.]` do not stop inside a number. Byte
/// offsets are unchanged.
fn pattern_text(joined: &str) -> String {
    let mut bytes = joined.as_bytes().to_ascii_lowercase();
    for i in 1..bytes.len().saturating_sub(1) {
        if bytes[i] == b'.' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit() {
            bytes[i] = b',';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    String::from_utf8(bytes).expect("still UTF-8")
}

/// Roman numerals to digits, for comparing `Article IV` with `4`.
pub fn roman_value(s: &str) -> Option<u32> {
    if !is_roman(s) {
        return None;
    }
    let val = |c: char| match c.to_ascii_lowercase() {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 100,
    };
    let chars: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0;
    for (i, &v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|&n| n > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    u32::try_from(total).ok()
}

/// The title of a sub-provision paragraph ("a. Referrals. The MCP ..."): a
/// short run of capitalized words ending in a period.
fn sentence_title(rest: &str) -> Option<&str> {
    let end = rest
        .find(". ")
        .or_else(|| rest.strip_suffix('.').map(|r| r.len()))?;
    let cand = &rest[..end];
    let words: Vec<&str> = cand.split_whitespace().collect();
    let small = [
        "and", "or", "of", "the", "to", "for", "in", "with", "a", "an", "on",
    ];
    let titled = words
        .iter()
        .all(|w| small.contains(w) || w.chars().next().is_some_and(|c| !c.is_lowercase()));
    (!words.is_empty() && words.len() <= 8 && titled).then_some(cand)
}

struct Open {
    section: usize,
    /// Lists open when this section started (items close with their list).
    list_depth: usize,
}

struct Builder {
    base: usize,
    tree: Tree,
    stack: Vec<Open>,
    /// Blocks being built (a tight item can hold a nested paragraph).
    current: Vec<Block>,
    /// For each open list: ordered start number, items seen, item section.
    lists: Vec<(Option<u64>, u64)>,
    item_sections: Vec<Option<usize>>,
    strong_depth: usize,
    strong_start: Option<usize>,
    table_cell: bool,
    /// Struck-through text (`~~...~~`) being read: deleted, not text.
    strike_depth: usize,
    /// HTML elements opened by raw HTML and not closed: what they wrap
    /// may be hidden from a reader, so it is not text either.
    html_depth: usize,
}

impl Builder {
    fn new(base: usize, len: usize) -> Self {
        let root = Section {
            kind: SectionKind::Root,
            label: None,
            number: None,
            title: None,
            title_key: String::new(),
            title_span: Span::new(base, 0),
            head_span: Span::new(base, 0),
            span: Span::new(base, len),
            parent: None,
            children: Vec::new(),
            blocks: 0..0,
        };
        Builder {
            base,
            tree: Tree {
                sections: vec![root],
                ..Tree::default()
            },
            stack: vec![Open {
                section: 0,
                list_depth: 0,
            }],
            current: Vec::new(),
            lists: Vec::new(),
            item_sections: Vec::new(),
            strong_depth: 0,
            strong_start: None,
            table_cell: false,
            strike_depth: 0,
            html_depth: 0,
        }
    }

    fn run(mut self, body: &str) -> Tree {
        let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        // Raw HTML as the parser sees it: whole HTML blocks (the parser
        // splits them into lines, and a comment may span several), and
        // inline HTML. A comment in code is text, never seen here.
        let mut html_block_end = 0;
        for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
            match ev {
                Event::Start(Tag::HtmlBlock) => {
                    comments_in(body, range.clone(), self.base, &mut self.tree.comments);
                    html_block_end = range.end;
                    self.raw_html(body, range.clone(), true);
                }
                Event::Html(_) | Event::InlineHtml(_) if range.start >= html_block_end => {
                    comments_in(body, range.clone(), self.base, &mut self.tree.comments);
                    self.raw_html(body, range.clone(), false);
                }
                _ => {}
            }
            let r = range.start + self.base..range.end + self.base;
            self.event(ev, r);
        }
        let end = self.base + body.len();
        while self.stack.len() > 1 {
            self.close_top(end);
        }
        let n = self.tree.blocks.len();
        self.tree.sections[0].blocks = 0..n;
        let size: usize = self.tree.blocks.iter().map(|b| b.text.len() + 2).sum();
        self.tree.joined.reserve(size);
        for b in &self.tree.blocks {
            self.tree.block_starts.push(self.tree.joined.len());
            self.tree.joined.push_str(&b.text);
            self.tree.joined.push_str(Tree::SEPARATOR);
        }
        self.tree.joined_lower = pattern_text(&self.tree.joined);
        self.tree
    }

    /// Records raw HTML (not comments) and the elements it opens or closes.
    fn raw_html(&mut self, body: &str, r: std::ops::Range<usize>, block: bool) {
        let Some(html) = body.get(r.clone()) else {
            return;
        };
        if let Some(h) = raw_html_in(html, self.base + r.start, block, &mut self.html_depth) {
            self.tree.raw_html.push(h);
        }
    }

    fn event(&mut self, ev: Event, r: std::ops::Range<usize>) {
        match ev {
            Event::Start(Tag::Strikethrough) => self.strike_depth += 1,
            Event::End(TagEnd::Strikethrough) => {
                self.strike_depth = self.strike_depth.saturating_sub(1);
            }
            // Struck-through text is deleted text, and text inside raw HTML
            // elements may be hidden from a reader: neither is read.
            Event::Text(_) | Event::Code(_) if self.strike_depth > 0 || self.html_depth > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                self.current.push(Block::sized(
                    BlockKind::Heading(heading_level(level)),
                    r.start,
                    r.len(),
                ));
            }
            Event::Start(Tag::Paragraph) => {
                self.current
                    .push(Block::sized(BlockKind::Paragraph, r.start, r.len()));
            }
            Event::Start(Tag::Table(_)) => {
                let at = self.tree.blocks.len();
                self.tree.tables.push(Table {
                    span: Span::new(r.start, 0),
                    rows: Vec::new(),
                    blocks: at..at,
                });
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                let at = self.tree.blocks.len();
                if let Some(t) = self.tree.tables.last_mut() {
                    t.rows.push(Row {
                        span: Span::new(r.start, 0),
                        header: matches!(ev, Event::Start(Tag::TableHead)),
                        cells: at..at,
                    });
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                let at = self.tree.blocks.len();
                if let Some(row) = self.tree.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.span = Span::from_range(row.span.offset..r.end);
                    row.cells.end = at;
                }
            }
            Event::End(TagEnd::Table) => {
                let at = self.tree.blocks.len();
                if let Some(t) = self.tree.tables.last_mut() {
                    t.span = Span::from_range(t.span.offset..r.end);
                    t.blocks.end = at;
                }
            }
            Event::Start(Tag::TableCell) => {
                self.table_cell = true;
                self.current
                    .push(Block::sized(BlockKind::TableCell, r.start, r.len()));
            }
            Event::Start(Tag::List(start)) => {
                self.flush_item_text(r.start);
                self.lists.push((start, 0));
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush_item_text(r.start);
                let nesting = self.lists.len();
                let mut section = None;
                if let Some((Some(start), seen)) = self.lists.last_mut() {
                    let number = (*start + *seen).to_string();
                    *seen += 1;
                    section = Some(self.open_item(number, nesting, r.clone()));
                }
                self.item_sections.push(section);
                self.current.push(Block::new(BlockKind::ItemText, r.start));
            }
            Event::End(TagEnd::Item) => {
                self.flush_item_text(r.end);
                if let Some(Some(sec)) = self.item_sections.pop() {
                    while let Some(top) = self.stack.last() {
                        let done = top.section == sec;
                        self.close_top(r.end);
                        if done {
                            break;
                        }
                    }
                }
            }
            Event::Start(Tag::Strong) => {
                if self.strong_depth == 0 {
                    self.strong_start = self.current.last().map(|b| b.text.len());
                }
                self.strong_depth += 1;
            }
            Event::End(TagEnd::Strong) => {
                self.strong_depth = self.strong_depth.saturating_sub(1);
                if self.strong_depth == 0 && self.strong_start == Some(0) {
                    if let Some(b) = self.current.last_mut() {
                        if b.lead_in.is_none() {
                            b.lead_in = Some(b.text.len());
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = self.current.last_mut() {
                    b.push(&t, r);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = self.current.last_mut() {
                    b.push_break(r);
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) => {
                if let Some(mut b) = self.current.pop() {
                    b.span = Span::from_range(b.span.offset..r.end);
                    self.finish_block(b);
                }
            }
            Event::End(TagEnd::TableCell) => {
                self.table_cell = false;
                if let Some(mut b) = self.current.pop() {
                    b.span = Span::from_range(b.span.offset..r.end);
                    self.finish_block(b);
                }
            }
            _ => {}
        }
    }

    /// Text directly in a tight list item becomes its own block when the
    /// item's content ends or a nested list begins.
    fn flush_item_text(&mut self, end: usize) {
        if matches!(self.current.last(), Some(b) if b.kind == BlockKind::ItemText) {
            let mut b = self.current.pop().expect("checked");
            if !b.text.trim().is_empty() {
                b.span = Span::from_range(b.span.offset..end.max(b.span.offset));
                self.finish_block(b);
            }
            // A nested block may follow; keep collecting item text after it.
            self.current.push(Block::new(BlockKind::ItemText, end));
        }
    }

    fn finish_block(&mut self, mut b: Block) {
        // Trim trailing item-text spans to their last text byte.
        if b.kind == BlockKind::ItemText {
            let end = b.source_span(0..b.text.len()).end();
            b.span = Span::from_range(b.span.offset..end.max(b.span.offset));
        }
        let top = self.stack.last().map_or(0, |o| o.section);
        let fresh_item = {
            let t = &self.tree.sections[top];
            matches!(t.kind, SectionKind::Item { .. })
                && t.title.is_none()
                && t.blocks.start == self.tree.blocks.len()
        };
        if fresh_item {
            // The first line of a numbered list item may carry its title.
            let title = match b.lead_in {
                Some(n) => clean_title(&b.text[..n]),
                None => sentence_title(&b.text),
            };
            if let Some(t) = title {
                let at = b.text.find(t).unwrap_or(0);
                let sec = &mut self.tree.sections[top];
                sec.title = Some(t.to_string());
                sec.title_key = normalize_title(t);
                sec.title_span = b.source_span(at..at + t.len());
                sec.head_span = b.source_span(0..at + t.len());
            }
        } else if let Some(head) = self.head_of(&b) {
            self.open_section(head, &b);
        }
        b.section = self.stack.last().map_or(0, |o| o.section);
        self.tree.blocks.push(b);
    }

    /// Decides whether a finished block opens a section.
    fn head_of(&self, b: &Block) -> Option<Head> {
        if self.table_cell || b.kind == BlockKind::TableCell {
            return None;
        }
        match b.kind {
            BlockKind::Heading(level) => {
                let mut h = parse_head(&b.text, true)?;
                h.kind = SectionKind::Heading(level);
                Some(h)
            }
            BlockKind::Paragraph | BlockKind::ItemText => {
                let lead = b.lead_in.map(|n| &b.text[..n]);
                match lead {
                    Some(lead) => {
                        if let Some(h) = parse_head(lead, false) {
                            return Some(self.disambiguate(h));
                        }
                        let t = clean_title(lead)?;
                        let words = t.split_whitespace().count();
                        let ends =
                            lead.trim_end().ends_with(['.', ':']) || lead.len() == b.text.len();
                        let alone = lead.trim_end().len() == b.text.trim_end().len();
                        (words <= 8 && ends).then(|| Head {
                            kind: if alone {
                                SectionKind::Title
                            } else {
                                SectionKind::Lead
                            },
                            label: None,
                            title: Some(t.to_string()),
                            title_range: title_range(lead, 0),
                        })
                    }
                    None => {
                        let mut h = parse_head(&b.text, false)?;
                        let at = h.title_range.as_ref().map_or(b.text.len(), |r| r.start);
                        let rest = &b.text[at..];
                        // Plain paragraphs: the title is a short lead sentence.
                        h.title = sentence_title(rest).map(|t| t.to_string());
                        h.title_range = h.title.as_ref().map(|t| at..at + t.len());
                        Some(self.disambiguate(h))
                    }
                }
            }
            _ => None,
        }
    }

    /// "i." after "h." is a letter, not a Roman one.
    fn disambiguate(&self, mut h: Head) -> Head {
        if h.kind == SectionKind::Roman {
            if let Some(l) = h.label.as_deref() {
                let prev = match l {
                    "i" => Some("h"),
                    "v" => Some("u"),
                    "x" => Some("w"),
                    _ => None,
                };
                let top = self.stack.last().map(|o| &self.tree.sections[o.section]);
                if let (Some(p), Some(top)) = (prev, top) {
                    if top.kind == SectionKind::Lettered && top.label.as_deref() == Some(p) {
                        h.kind = SectionKind::Lettered;
                    }
                }
            }
        }
        h
    }

    fn open_section(&mut self, head: Head, b: &Block) {
        let numeric =
            |l: &str| l.starts_with(|c: char| c.is_ascii_digit()) || roman_value(l).is_some();
        let new_depth = match (head.kind, head.label.as_deref()) {
            (SectionKind::Heading(_), Some(l)) if numeric(l) => l.split('.').count(),
            (SectionKind::Numbered { depth }, _) => depth,
            _ => 0,
        };
        // Close the sections this one ends.
        while let Some(top) = self.stack.last() {
            if top.section == 0 || top.list_depth > self.lists.len() {
                break;
            }
            // Sections inside an open list item stay inside it.
            if top.list_depth < self.lists.len()
                && matches!(
                    self.tree.sections[top.section].kind,
                    SectionKind::Item { .. }
                )
            {
                break;
            }
            let t = &self.tree.sections[top.section];
            let t_depth = match t.kind {
                SectionKind::Numbered { depth } => depth,
                SectionKind::Heading(_) => t
                    .number
                    .as_deref()
                    .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                    .map_or(0, |n| n.split('.').count()),
                _ => 0,
            };
            let closes = match (head.kind, t.kind) {
                (SectionKind::Heading(h), SectionKind::Heading(th)) => th >= h,
                (SectionKind::Heading(_), _) => true,
                (SectionKind::Exhibit, SectionKind::Heading(_)) => t
                    .number
                    .as_deref()
                    .is_some_and(|n| n.starts_with("exhibit")),
                (SectionKind::Exhibit, _) => true,
                (SectionKind::Numbered { .. }, SectionKind::Heading(_)) => {
                    t_depth > 0 && t_depth >= new_depth
                }
                (SectionKind::Numbered { .. }, SectionKind::Numbered { .. }) => {
                    t_depth >= new_depth
                }
                (SectionKind::Numbered { .. }, SectionKind::Exhibit) => false,
                (SectionKind::Numbered { .. }, _) => true,
                (
                    SectionKind::Lettered,
                    SectionKind::Lettered | SectionKind::Roman | SectionKind::Lead,
                ) => true,
                (SectionKind::Roman, SectionKind::Roman) => true,
                (
                    SectionKind::Title,
                    SectionKind::Numbered { .. }
                    | SectionKind::Lettered
                    | SectionKind::Roman
                    | SectionKind::Lead
                    | SectionKind::Title,
                ) => true,
                (
                    SectionKind::Lead,
                    SectionKind::Lead | SectionKind::Lettered | SectionKind::Roman,
                ) => true,
                _ => false,
            };
            if !closes {
                break;
            }
            self.close_top(b.span.offset);
        }
        let parent = self.stack.last().map_or(0, |o| o.section);
        let number = head.label.as_deref().map(|l| match roman_value(l) {
            Some(v)
                if matches!(
                    head.kind,
                    SectionKind::Numbered { .. } | SectionKind::Heading(_)
                ) =>
            {
                v.to_string()
            }
            _ => l.to_ascii_lowercase(),
        });
        let title_span = match &head.title_range {
            Some(r) => b.source_span(r.clone()),
            None => b.source_span(0..b.lead_in.unwrap_or(b.text.len()).min(b.text.len())),
        };
        let head_span = match b.kind {
            BlockKind::Heading(_) => b.span,
            _ => b.source_span(0..b.lead_in.unwrap_or(b.text.len())),
        };
        let idx = self.tree.sections.len();
        self.tree.sections.push(Section {
            kind: head.kind,
            label: head.label,
            number,
            // A quoted title is a defined term (`**1.3 "Care Coordination"**
            // means ...`), not the provision of that name.
            title_key: head
                .title
                .as_deref()
                .filter(|t| !t.starts_with(['"', '\'']))
                .map(normalize_title)
                .unwrap_or_default(),
            title: head.title,
            title_span,
            head_span,
            span: Span::new(b.span.offset, 0),
            parent: Some(parent),
            children: Vec::new(),
            blocks: self.tree.blocks.len()..self.tree.blocks.len(),
        });
        self.tree.sections[parent].children.push(idx);
        self.stack.push(Open {
            section: idx,
            list_depth: self.lists.len(),
        });
    }

    /// An ordered-list item is a numbered sub-provision of its section.
    /// Under a numbered section the item's number continues it (item 2 of
    /// Article 4 is 4.2), as word processors number multi-level lists.
    fn open_item(&mut self, label: String, nesting: usize, r: std::ops::Range<usize>) -> usize {
        let parent = self.stack.last().map_or(0, |o| o.section);
        let number = match self.tree.sections[parent].number.as_deref() {
            Some(pn) if pn.starts_with(|c: char| c.is_ascii_digit()) => format!("{pn}.{label}"),
            _ => label.clone(),
        };
        let idx = self.tree.sections.len();
        self.tree.sections.push(Section {
            kind: SectionKind::Item { nesting },
            label: Some(label),
            number: Some(number),
            title: None,
            title_key: String::new(),
            title_span: Span::new(r.start, 0),
            head_span: Span::new(r.start, 0),
            span: Span::new(r.start, 0),
            parent: Some(parent),
            children: Vec::new(),
            blocks: self.tree.blocks.len()..self.tree.blocks.len(),
        });
        self.tree.sections[parent].children.push(idx);
        self.stack.push(Open {
            section: idx,
            list_depth: self.lists.len() - 1,
        });
        idx
    }

    fn close_top(&mut self, end: usize) {
        if let Some(open) = self.stack.pop() {
            let n = self.tree.blocks.len();
            let s = &mut self.tree.sections[open.section];
            s.span = Span::from_range(s.span.offset..end.max(s.span.offset));
            s.blocks = s.blocks.start..n;
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (depth, number, title) for every section but the root.
    fn outline(md: &str) -> Vec<(usize, Option<String>, Option<String>)> {
        let t = Tree::parse(md, 0);
        (1..t.sections.len())
            .map(|i| {
                let s = &t.sections[i];
                (t.path(i).len() - 1, s.number.clone(), s.title.clone())
            })
            .collect()
    }

    fn entry(depth: usize, number: &str, title: &str) -> (usize, Option<String>, Option<String>) {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        (depth, opt(number), opt(title))
    }

    #[test]
    fn atx_headings_with_bold_subsections() {
        let md = "# MOU\n\n## 4. MCP Obligations\n\n**4.1 Services.** Text.\n\n**4.2 Liaison.** Text.\n\n## 5. Term\n";
        assert_eq!(
            outline(md),
            vec![
                entry(1, "", "MOU"),
                entry(2, "4", "MCP Obligations"),
                entry(3, "4.1", "Services"),
                entry(3, "4.2", "Liaison"),
                entry(2, "5", "Term"),
            ]
        );
    }

    #[test]
    fn article_words_roman_numerals_and_setext() {
        let md = "ARTICLE IV\nDISPUTES\n==========\n\n(a) Process. Text.\n\n(b) Escalation. Text.\n\n(i) first\n\n(ii) second\n\nSection 5 - Term\n----------------\n";
        let o = outline(md);
        assert_eq!(o[0].1.as_deref(), Some("4"), "{o:?}");
        assert_eq!(o[1], entry(2, "a", "Process"));
        assert_eq!(o[2], entry(2, "b", "Escalation"));
        assert_eq!(o[3].0, 3);
        assert_eq!(o[3].1.as_deref(), Some("i"));
        assert_eq!(o.last().unwrap().1.as_deref(), Some("5"));
    }

    #[test]
    fn bold_lead_ins_nest_by_number_depth() {
        let md = "**1. Definitions.** Text.\n\n**2. Referrals.**\n\n**2.1 To the MCP.** Text.\n\n**2.2 To the County.** Text.\n\n**3. Term.** Text.\n";
        assert_eq!(
            outline(md),
            vec![
                entry(1, "1", "Definitions"),
                entry(1, "2", "Referrals"),
                entry(2, "2.1", "To the MCP"),
                entry(2, "2.2", "To the County"),
                entry(1, "3", "Term"),
            ]
        );
    }

    #[test]
    fn ordered_list_items_are_sub_provisions() {
        let md = "## 7. Referrals\n\n1. **Process.** The MCP refers.\n2. Information Sent. Details.\n   1. nested\n\n## 8. Next\n";
        let o = outline(md);
        assert_eq!(o[1], entry(2, "7.1", "Process"));
        assert_eq!(o[2], entry(2, "7.2", "Information Sent"));
        assert_eq!(o[3].1.as_deref(), Some("7.2.1"));
        assert_eq!(o[3].0, 3);
        assert_eq!(o[4], entry(1, "8", "Next"));
    }

    #[test]
    fn letter_i_after_h_is_a_letter() {
        let md = "## 1. A\n\nh. Eighth.\n\ni. Ninth.\n";
        let t = Tree::parse(md, 0);
        let last = t.sections.last().unwrap();
        assert_eq!(last.kind, SectionKind::Lettered);
    }

    #[test]
    fn exhibits_are_top_level() {
        let md = "## 14. General\n\n**14.1 Notice.** Text.\n\n## Exhibit A - Contacts\n\n**Exhibit B: Data**\n";
        let o = outline(md);
        assert_eq!(o[2], entry(1, "exhibit a", "Contacts"));
        assert_eq!(o[3], entry(1, "exhibit b", "Data"));
    }

    #[test]
    fn spans_are_byte_exact_with_an_offset_base() {
        let body = "## 12. Dispute Resolution\n\nThe parties meet “in good faith”.\n";
        let base = 40;
        let t = Tree::parse(body, base);
        let s = &t.sections[1];
        let at = |sp: Span| &body[sp.offset - base..sp.end() - base];
        assert_eq!(at(s.title_span), "Dispute Resolution");
        assert_eq!(s.span.end(), base + body.len());
        let b = &t.blocks[1];
        assert_eq!(b.text, "The parties meet \"in good faith\".");
        let i = b.text.find("good").unwrap();
        assert_eq!(at(b.source_span(i..i + 4)), "good");
    }

    #[test]
    fn a_bold_title_alone_ends_a_bold_article() {
        let md = "**16. Emergency Preparedness.**\n\nText.\n\n**Signatures**\n\nSigned.\n\n**Exhibit A. Contacts**\n";
        let o = outline(md);
        assert_eq!(o[1], entry(1, "", "Signatures"), "{o:?}");
        assert_eq!(o[2].0, 1);
    }

    #[test]
    fn a_sentence_citing_a_section_is_not_one() {
        assert!(outline("Section 5.6 of the MCP Contract requires this MOU.\n").is_empty());
        assert_eq!(
            outline("Section 5. Term. The MOU runs.\n")[0].1.as_deref(),
            Some("5")
        );
    }

    #[test]
    fn untitled_sections_are_described_by_their_article() {
        let t = Tree::parse("## 7. Referrals\n\n1. first\n2. second\n", 0);
        assert_eq!(t.describe(3), "item 2 of 7 Referrals");
        assert_eq!(t.describe(1), "7 Referrals");
    }

    #[test]
    fn pattern_text_keeps_offsets_and_sentences() {
        assert_eq!(
            pattern_text("Under Section 12.3 to DHCS. Next"),
            "under section 12,3 to dhcs. next"
        );
        assert_eq!(pattern_text("Café 1.5"), "café 1,5");
    }

    #[test]
    fn struck_and_html_wrapped_text_is_not_block_text() {
        let t = Tree::parse(
            "The MCP ~~shall~~ may refer.\n\n<div hidden>\n\nGone.\n\n</div>\n\nKept <span hidden>gone</span> here <!-- c --> too.\n",
            0,
        );
        let texts: Vec<&str> = t.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["The MCP  may refer.", "", "Kept  here  too."]);
        // The closing `</div>` ends the element it reports; the comment is
        // not raw HTML.
        assert_eq!(t.raw_html.len(), 2, "{:?}", t.raw_html);
        assert!(t.raw_html[0].block && !t.raw_html[1].block);
        assert_eq!(t.comments.len(), 1);
    }

    #[test]
    fn a_void_element_hides_nothing() {
        let t = Tree::parse("Line one<br>line two.\n", 0);
        assert_eq!(t.blocks[0].text, "Line oneline two.");
        assert_eq!(t.raw_html.len(), 1);
    }

    #[test]
    fn years_are_not_section_numbers() {
        assert_eq!(
            outline("## 2025 Amendments\n"),
            vec![entry(1, "", "2025 Amendments")]
        );
    }
}
