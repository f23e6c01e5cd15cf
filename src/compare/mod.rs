//! Comparing a draft with its reference template, word by word.
//!
//! [`Reference::build`] prepares an assembled template once (parsed,
//! tokenized, provisions located, trigram index); [`prepare`] tokenizes a
//! draft and aligns it with the reference ([`align`]); [`Comparison::diffs`]
//! diffs the words of each matched provision ([`diff`]);
//! [`Comparison::additions`] lists the draft text outside them that the
//! template does not have. The `doc.altered` check and `moulint redline`
//! both read these results.

pub mod align;
pub mod diff;
pub mod normalize;

use crate::catalog::vocab::{Drafting, Modality};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

// Fx hashing: the keys are trigram keys, ids and titles, looked up for
// every draft block; SipHash's resistance to chosen keys buys nothing here.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::catalog::Catalog;
use crate::diagnostic::Span;
use crate::document::Document;
use crate::reference::{
    assemble, join_names, normalize_ids, section_after, Assembled, TemplateError, TemplateSet,
    COUNTY, MCP_NAME, PARTY_NAME,
};
use crate::text::{normalize_title, BlockKind};
use crate::tree::Tree;

pub use align::{Alignment, Match};
pub use diff::{Op, OpKind};
use normalize::{
    shingle_count, shingles, tokenize, DraftLexicon, Lexicon, SlotValues, Token, Tokens,
};

/// The references of one run: a template set and the references prepared
/// from it, each assembled and tokenized once and shared by every draft
/// that names the same template ids (drafts checked in parallel wait for
/// the one build).
#[derive(Debug)]
pub struct References<'s> {
    pub set: &'s TemplateSet,
    cache: Mutex<HashMap<Vec<String>, Arc<Prepared>>>,
}

/// One prepared reference, built by the first draft that needs it.
type Prepared = OnceLock<Result<Arc<Reference>, TemplateError>>;

impl References<'static> {
    /// The bundled templates' references, one for the whole process, so
    /// that `check`'s warm-up thread can prepare a draft's reference
    /// while the draft is read; `None` should they not load (the check
    /// then loads them itself and reports why).
    pub fn bundled() -> Option<&'static References<'static>> {
        static BUNDLED: OnceLock<Option<References<'static>>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let set = TemplateSet::bundled().ok()?;
                Some(References::new(Box::leak(Box::new(set))))
            })
            .as_ref()
    }
}

impl<'s> References<'s> {
    pub fn new(set: &'s TemplateSet) -> Self {
        References {
            set,
            cache: Mutex::new(HashMap::default()),
        }
    }

    /// The prepared reference for a set of template ids; `drafting` says
    /// which bracketed text is a drafting note.
    pub fn get(
        &self,
        ids: &[String],
        drafting: &Drafting,
    ) -> Result<Arc<Reference>, TemplateError> {
        let key = normalize_ids(ids);
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache.entry(key.clone()).or_default().clone()
        };
        cell.get_or_init(|| {
            assemble(&key, self.set).map(|a| Arc::new(Reference::build(a, drafting)))
        })
        .clone()
    }

    /// Which of a draft's templates the set has text for, and which not.
    pub fn split(&self, templates: &[String]) -> (Vec<String>, Vec<String>) {
        templates
            .iter()
            .cloned()
            .partition(|t| self.set.get(t).is_some())
    }
}

/// A tagged provision of the reference, ready to compare.
#[derive(Debug, Clone)]
pub struct RefProvision {
    pub id: String,
    pub optional: bool,
    pub title: String,
    pub template: String,
    /// The tagged section in the reference tree.
    pub section: usize,
    /// Blocks that are this provision's own text (nested tagged provisions
    /// excluded), in order.
    pub blocks: Vec<usize>,
    /// The words of those blocks.
    pub tokens: Vec<Token>,
    /// Trigram count of those blocks.
    pub shingles: u32,
    /// The tagged provision this one sits inside, if any.
    pub parent: Option<usize>,
}

/// An assembled reference template, prepared for comparison.
#[derive(Debug)]
pub struct Reference {
    pub assembled: Assembled,
    pub tree: Tree,
    pub lexicon: Lexicon,
    pub tokens: Tokens,
    pub provisions: Vec<RefProvision>,
    /// Per reference block: the provision whose own text it is.
    pub block_owner: Vec<Option<usize>>,
    /// Trigram -> buckets holding it (provision index, or `provisions.len()`
    /// for untagged template text).
    pub(crate) index: HashMap<u64, Vec<u32>>,
    /// Trigram -> untagged reference blocks holding it, to find the
    /// template paragraph (preamble, recitals) a draft paragraph follows.
    pub(crate) untagged_index: HashMap<u64, Vec<u32>>,
    /// Per provision: its own text as padded words
    /// ([`crate::text::padded_words`]), made on first use.
    padded: std::sync::OnceLock<Vec<String>>,
    /// The mandatory provisions a citation can name by title, with those
    /// titles as padded words, made on first use.
    cited_titles: std::sync::OnceLock<Vec<(usize, String)>>,
    /// Titles of template sections that hold no tagged text (signature
    /// blocks, contact exhibits): draft text under them is not "added".
    pub untagged_titles: HashSet<String>,
}

impl Reference {
    /// The assembled text's tree moves into [`Reference::tree`].
    pub fn build(mut assembled: Assembled, drafting: &Drafting) -> Reference {
        let tree = std::mem::take(&mut assembled.tree);
        let mut lexicon = Lexicon::default();
        let tokens = tokenize(&tree, &mut lexicon, drafting);
        let nb = tree.blocks.len();
        let mut block_owner: Vec<Option<usize>> = vec![None; nb];
        let mut provisions = Vec::new();
        for tp in &assembled.provisions {
            let Some(section) = section_after(&tree, tp.mark.end) else {
                continue;
            };
            let i = provisions.len();
            let blocks = tree.sections[section].blocks.clone();
            let parent = blocks.clone().next().and_then(|b| block_owner[b]);
            for b in blocks {
                block_owner[b] = Some(i);
            }
            provisions.push(RefProvision {
                id: tp.id.clone(),
                optional: tp.optional,
                title: tp.title.clone(),
                template: tp.template.clone(),
                section,
                blocks: Vec::new(),
                tokens: Vec::new(),
                shingles: 0,
                parent,
            });
        }
        let n = provisions.len();
        let mut index: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut untagged_index: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut keys = Vec::new();
        for (b, owner) in block_owner.iter().enumerate() {
            keys.clear();
            let toks = tokens.of_block(b);
            shingles(toks, &mut keys);
            let bucket = owner.unwrap_or(n);
            if let Some(p) = *owner {
                let rp = &mut provisions[p];
                rp.blocks.push(b);
                rp.tokens.extend_from_slice(toks);
                rp.shingles += keys.len() as u32;
            }
            for &k in &keys {
                let e = index.entry(k).or_default();
                if !e.contains(&(bucket as u32)) {
                    e.push(bucket as u32);
                }
                if owner.is_none() {
                    let e = untagged_index.entry(k).or_default();
                    if e.last() != Some(&(b as u32)) {
                        e.push(b as u32);
                    }
                }
            }
        }
        let untagged_titles = tree
            .sections
            .iter()
            .skip(1)
            .filter(|s| {
                !s.title_key.is_empty() && s.blocks.clone().all(|b| block_owner[b].is_none())
            })
            .map(|s| s.title_key.clone())
            .collect();
        Reference {
            assembled,
            tree,
            lexicon,
            tokens,
            provisions,
            block_owner,
            index,
            untagged_index,
            untagged_titles,
            padded: std::sync::OnceLock::new(),
            cited_titles: std::sync::OnceLock::new(),
        }
    }

    /// Provision `i`'s own text as lowercase words with a space at each
    /// end ([`crate::text::padded_words`]), so that a phrase is found in
    /// it as whole words.
    pub fn padded_text(&self, i: usize) -> &str {
        let all = self.padded.get_or_init(|| {
            self.provisions
                .iter()
                .map(|p| {
                    let mut words = String::from(" ");
                    for &b in &p.blocks {
                        words.push_str(
                            crate::text::padded_words(&self.tree.blocks[b].text).trim_start(),
                        );
                    }
                    words
                })
                .collect()
        });
        &all[i]
    }

    /// The first mandatory provision, in the template's order, whose title
    /// `padded_text` ([`crate::text::padded_words`]) holds as whole words.
    /// Only titles of two words or more count, so that "Term" alone cites
    /// nothing. (Asked a few times per draft: a substring search per title
    /// costs less than building an automaton of them.)
    pub fn title_cited_in(&self, padded_text: &str) -> Option<usize> {
        let titles = self.cited_titles.get_or_init(|| {
            (0..self.provisions.len())
                .filter(|&i| {
                    let p = &self.provisions[i];
                    !p.optional && p.title.split_whitespace().count() >= 2
                })
                .map(|i| (i, crate::text::padded_words(&self.provisions[i].title)))
                .collect()
        });
        titles
            .iter()
            .find(|(_, title)| padded_text.contains(title.as_str()))
            .map(|&(i, _)| i)
    }

    /// The untagged reference block that shares most of the trigrams
    /// `keys` (a draft paragraph's), when it shares at least half of the
    /// smaller of the two.
    fn untagged_block(&self, keys: &[u64]) -> Option<usize> {
        let mut counts: HashMap<u32, u32> = HashMap::default();
        for k in keys {
            for &b in self.untagged_index.get(k).into_iter().flatten() {
                *counts.entry(b).or_default() += 1;
            }
        }
        let (b, hits) = counts
            .into_iter()
            .max_by_key(|&(b, c)| (c, std::cmp::Reverse(b)))?;
        let size = shingle_count(self.tokens.of_block(b as usize).len()).min(keys.len() as u32);
        (2 * hits >= size).then_some(b as usize)
    }

    /// Are most of the trigrams `keys` somewhere in the reference?
    fn is_template_text(&self, keys: &[u64]) -> bool {
        let hits = keys.iter().filter(|k| self.index.contains_key(k)).count();
        !keys.is_empty() && 2 * hits >= keys.len()
    }

    pub fn provision(&self, id: &str) -> Option<(usize, &RefProvision)> {
        self.provisions.iter().enumerate().find(|(_, p)| p.id == id)
    }

    /// "`base` version 2025-05", "`mhp` version 2025-05 and `base` ...".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .assembled
            .versions
            .iter()
            .map(|(id, v)| match v {
                Some(v) => format!("`{id}` version {v}"),
                None => format!("`{id}`"),
            })
            .collect();
        crate::reference::join_names(&parts)
    }
}

/// Draft text the reference template does not have.
#[derive(Debug, Clone)]
pub struct Addition {
    /// The draft blocks it lies in.
    pub blocks: Range<usize>,
    /// The words of those blocks.
    pub tokens: Vec<Token>,
    /// The added ones among them (all, for whole added paragraphs).
    pub words: Range<usize>,
    /// Its source bytes: the whole blocks, or the added words in one.
    pub span: Span,
}

/// A draft compared with its reference.
#[derive(Debug)]
pub struct Comparison {
    pub reference: Arc<Reference>,
    /// The draft's words (ids shared with the reference lexicon).
    pub tokens: Tokens,
    /// The front matter's names for slots, as the trigrams read them.
    values: SlotValues,
    pub alignment: Alignment,
    /// The draft's templates the set holds no text for: the comparison was
    /// made with the others, and their own provisions were not compared.
    pub absent: Vec<String>,
}

/// The outcome of preparing a comparison.
#[derive(Debug)]
pub enum Outcome {
    Compared(Comparison),
    /// No reference text for the draft's templates.
    Skipped {
        reason: String,
    },
}

impl Outcome {
    pub fn comparison(&self) -> Option<&Comparison> {
        match self {
            Outcome::Compared(c) => Some(c),
            Outcome::Skipped { .. } => None,
        }
    }
}

/// Tokenizes and aligns a draft with the reference for `templates`.
pub fn prepare(
    doc: &Document,
    templates: &[String],
    references: &References,
    catalog: &Catalog,
) -> Outcome {
    // Compare with the templates the set has text for; the provisions of
    // the others are reported as not compared, never silently skipped.
    let (present, absent) = references.split(templates);
    if present.is_empty() && !absent.is_empty() && references.set.get("base").is_none() {
        let e = references.get(templates, &catalog.vocab.drafting).err();
        return Outcome::Skipped {
            reason: e.map_or_else(|| "no reference text".to_string(), |e| e.to_string()),
        };
    }
    let reference = match references.get(&present, &catalog.vocab.drafting) {
        Ok(r) => r,
        Err(e) => {
            return Outcome::Skipped {
                reason: e.to_string(),
            }
        }
    };
    let mut lex = DraftLexicon::new(&reference.lexicon);
    let values = SlotValues::new(
        slot_values(doc).iter().map(|(k, v)| (*k, v.as_str())),
        &mut lex,
        &catalog.vocab.drafting,
    );
    let tokens = tokenize(&doc.tree, &mut lex, &catalog.vocab.drafting);
    let title_keys: Vec<Vec<String>> = reference
        .provisions
        .iter()
        .map(|p| {
            let mut keys = vec![reference.tree.sections[p.section].title_key.clone()];
            if keys[0].is_empty() {
                keys[0] = normalize_title(&p.title);
            }
            if let Some(cp) = catalog.provision(&p.id) {
                keys.extend(cp.title_keys.iter().cloned());
            }
            keys
        })
        .collect();
    let alignment = align::align(&reference, &doc.tree, &tokens, &values, &title_keys);
    Outcome::Compared(Comparison {
        reference,
        tokens,
        values,
        alignment,
        absent,
    })
}

/// The names the front matter gives the slots: `[MCP Name]` each plan and
/// all of them ("A and B", as `moulint init` fills a multi-plan MOU),
/// `[Party Name]` the other party, `[County]` each county and all of them.
fn slot_values(doc: &Document) -> Vec<(&'static str, String)> {
    let Some(fm) = &doc.front else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (slot, list) in [(MCP_NAME, &fm.mcps), (COUNTY, &fm.counties)] {
        let names: Vec<String> = list.iter().map(|m| m.value.clone()).collect();
        if names.len() > 1 {
            out.push((slot, join_names(&names)));
        }
        out.extend(names.into_iter().map(|n| (slot, n)));
    }
    if let Some(n) = &fm.other_party.name {
        out.push((PARTY_NAME, n.value.clone()));
    }
    out
}

/// Where a reference provision was found in the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Aligned by its words (or title): the draft blocks compared.
    Aligned(Match),
    /// Not aligned, but the provisions check finds it in this section, which
    /// the alignment gave to no other provision: compared with it.
    Located(usize),
    /// Not aligned; the provisions check finds its elements only in this
    /// section, which holds another provision's text.
    Elsewhere(usize),
    /// Nowhere (the provisions check reports it missing).
    NotFound,
}

/// One provision, compared.
#[derive(Debug, Clone)]
pub struct ProvisionDiff {
    /// Index into [`Reference::provisions`].
    pub index: usize,
    pub found: Found,
    /// The draft words compared (those of the blocks the unit owns).
    pub tokens: Vec<Token>,
    pub ops: Vec<Op>,
    /// Share of template words found unchanged, 0 to 1.
    pub similarity: f32,
    /// Matched but out of template order.
    pub moved: bool,
}

/// Below this word similarity a provision is reported once as rewritten
/// rather than change by change.
pub const REWRITTEN: f32 = 0.4;

impl ProvisionDiff {
    /// Rewritten beyond a useful word diff.
    pub fn rewritten(&self) -> bool {
        matches!(self.found, Found::Aligned(_) | Found::Located(_)) && self.similarity < REWRITTEN
    }

    /// Any change that is not a slot fill or an equal run.
    pub fn changed(&self) -> bool {
        self.ops
            .iter()
            .any(|o| !matches!(o.kind, OpKind::Equal | OpKind::Slot))
    }

    /// The draft section (or first block's section) the provision sits in.
    pub fn section(&self, tree: &Tree) -> Option<usize> {
        match &self.found {
            Found::Aligned(m) => m
                .section
                .or_else(|| tree.blocks.get(m.blocks.start).map(|b| b.section)),
            Found::Located(s) | Found::Elsewhere(s) => Some(*s),
            Found::NotFound => None,
        }
    }
}

impl Comparison {
    /// Does the draft follow the reference's wording at all? When fewer than
    /// a quarter of the mandatory provisions match word for word, the draft
    /// was written from other text and a word diff would only be noise.
    pub fn follows(&self) -> bool {
        self.alignment.coverage >= 0.25
    }

    /// The draft section a provision is aligned with, for the provisions
    /// check: the unit's section, or the innermost section holding it.
    pub fn aligned_section(&self, id: &str, tree: &Tree) -> Option<usize> {
        if !self.follows() {
            return None;
        }
        let (p, _) = self.reference.provision(id)?;
        let m = self.alignment.matches[p].as_ref()?;
        if m.dice < align::FOLLOWS {
            return None;
        }
        if let Some(s) = m.section {
            return Some(s);
        }
        let first = tree.blocks.get(m.blocks.start)?.section;
        tree.path(first)
            .into_iter()
            .rev()
            .find(|&s| tree.sections[s].blocks.end >= m.blocks.end)
    }

    /// Diffs every reference provision. `located` says where the provision
    /// analysis (by title, then elements) placed a provision the alignment
    /// did not find.
    /// `modality` says which words make a duty and which soften it.
    pub fn diffs(
        &self,
        tree: &Tree,
        located: &dyn Fn(&str) -> Option<usize>,
        modality: &Modality,
    ) -> Vec<ProvisionDiff> {
        let r = &self.reference;
        let owner = &self.alignment.owner;
        let mut out = Vec::with_capacity(r.provisions.len());
        for (p, rp) in r.provisions.iter().enumerate() {
            let found = match &self.alignment.matches[p] {
                Some(m) => Found::Aligned(m.clone()),
                None => match located(&rp.id) {
                    Some(s) => {
                        let blocks = tree.sections[s].blocks.clone();
                        let taken = blocks.clone().filter(|&b| owner[b].is_some()).count();
                        if taken * 2 > blocks.len() {
                            Found::Elsewhere(s)
                        } else {
                            Found::Located(s)
                        }
                    }
                    None => Found::NotFound,
                },
            };
            let blocks: Range<usize> = match &found {
                Found::Aligned(m) => m.blocks.clone(),
                Found::Located(s) => tree.sections[*s].blocks.clone(),
                _ => 0..0,
            };
            let own = |b: usize| match &found {
                Found::Aligned(_) => owner[b] == Some(p),
                _ => owner[b].is_none(),
            };
            let tokens: Vec<Token> = blocks
                .filter(|&b| own(b))
                .flat_map(|b| self.tokens.of_block(b).iter().copied())
                .collect();
            let comparable = matches!(found, Found::Aligned(_) | Found::Located(_));
            let (ops, similarity) = if comparable && tokens.len() > 4 * rp.tokens.len() + 200 {
                // Far more draft text than the provision has (a whole
                // article found by title alone): not worth a word diff.
                let all = Op {
                    kind: OpKind::Changed,
                    old: 0..rp.tokens.len(),
                    new: 0..tokens.len(),
                    weakens: None,
                };
                (vec![all], 0.0)
            } else if comparable {
                let ops = diff::diff(&rp.tokens, &r.tree, &tokens, tree, modality);
                let same: usize = ops
                    .iter()
                    .filter(|o| matches!(o.kind, OpKind::Equal | OpKind::Slot))
                    .map(|o| o.old.len())
                    .sum();
                let sim = if rp.tokens.is_empty() {
                    1.0
                } else {
                    same as f32 / rp.tokens.len() as f32
                };
                (ops, sim)
            } else {
                (Vec::new(), 0.0)
            };
            out.push(ProvisionDiff {
                index: p,
                found,
                tokens,
                ops,
                similarity,
                moved: self.alignment.moved[p],
            });
        }
        out
    }

    /// Draft text the reference does not have, outside the provisions:
    /// runs of paragraphs that are no template text, and whole sentences
    /// added to a paragraph of untagged template text (the preamble,
    /// recitals). A run is one section's: a heading starts another (an
    /// added exhibit of thirty procedures is thirty additions, each
    /// where its procedure is), unless the run holds nothing but
    /// headings yet. In a table the run has entered, a cell of template
    /// words (a header such as "Phone", a party's name for its slot) does
    /// not end it: one added table is one addition, not one a row.
    /// Changed words in untagged text are not reported: only the tagged
    /// provisions are mandatory. Text compared with a provision
    /// found in `diffs` (by its title, the alignment having missed it) is
    /// that provision's, reported with it.
    pub fn additions(
        &self,
        tree: &Tree,
        diffs: &[ProvisionDiff],
        modality: &Modality,
    ) -> Vec<Addition> {
        let r = &self.reference;
        let untagged = r.provisions.len() as u32;
        let mut compared = vec![false; tree.blocks.len()];
        for d in diffs {
            if let Found::Located(s) = d.found {
                compared[tree.sections[s].blocks.clone()].fill(true);
            }
        }
        let mut out: Vec<Addition> = Vec::new();
        let mut keys = Vec::new();
        // The block after the last whole-paragraph addition, and whether
        // that run holds only headings.
        let mut whole_until: Option<usize> = None;
        let mut headings_only = false;
        // Template cells right after the run, joined to it if it goes on
        // after them.
        let mut bridged: Vec<usize> = Vec::new();
        for (b, block) in tree.blocks.iter().enumerate() {
            if whole_until != Some(b) {
                bridged.clear();
            }
            let heading = matches!(block.kind, BlockKind::Heading(_));
            let toks = self.tokens.of_block(b);
            let dominant = self.alignment.dominant[b];
            let skip = self.alignment.owner[b].is_some()
                || compared[b]
                || toks.is_empty()
                || dominant.is_some_and(|q| q != untagged)
                // The block's section or an ancestor, walked up without
                // collecting the path.
                || std::iter::successors(Some(block.section), |&s| tree.sections[s].parent)
                    .any(|s| r.untagged_titles.contains(&tree.sections[s].title_key));
            if skip {
                continue;
            }
            keys.clear();
            self.values.shingles(toks, &mut keys);
            if let Some(rb) = r.untagged_block(&keys) {
                let ops = diff::diff(r.tokens.of_block(rb), &r.tree, toks, tree, modality);
                let template = ops.iter().all(|o| o.kind != OpKind::Added);
                // Only after a cell of the same table: a template table
                // standing after an added paragraph is no part of it.
                let table_of = |k: usize| crate::table::cell_at(&tree.tables, k).map(|c| c.table);
                let in_table = b > 0 && table_of(b).is_some() && table_of(b) == table_of(b - 1);
                if template && in_table && whole_until == Some(b) {
                    bridged.push(b);
                    whole_until = Some(b + 1);
                    continue;
                }
                for op in ops.iter().filter(|o| o.kind == OpKind::Added) {
                    let words = &toks[op.new.clone()];
                    keys.clear();
                    self.values.shingles(words, &mut keys);
                    if r.is_template_text(&keys) {
                        continue; // template words from elsewhere, merged in
                    }
                    out.push(Addition {
                        blocks: b..b + 1,
                        tokens: toks.to_vec(),
                        words: op.new.clone(),
                        span: Comparison::span_of(tree, words).unwrap_or(block.span),
                    });
                }
                continue;
            }
            if dominant.is_some() {
                continue;
            }
            // A whole paragraph: joined with the one before when that is
            // a whole added paragraph of its section too.
            match out.last_mut() {
                Some(last) if whole_until == Some(b) && (!heading || headings_only) => {
                    last.blocks.end = b + 1;
                    for &k in &bridged {
                        last.tokens.extend_from_slice(self.tokens.of_block(k));
                    }
                    bridged.clear();
                    headings_only &= heading;
                    last.tokens.extend_from_slice(toks);
                    last.words.end = last.tokens.len();
                    last.span = Span::from_range(last.span.offset..block.span.end());
                }
                _ => {
                    headings_only = heading;
                    out.push(Addition {
                        blocks: b..b + 1,
                        tokens: toks.to_vec(),
                        words: 0..toks.len(),
                        span: block.span,
                    })
                }
            }
            whole_until = Some(b + 1);
        }
        out
    }

    /// The source span of draft tokens `range` of `tokens` (first to last).
    pub fn span_of(tree: &Tree, tokens: &[Token]) -> Option<Span> {
        let first = tokens.first()?;
        let last = tokens.last()?;
        let a = tree.blocks[first.block].source_span(first.range());
        let b = tree.blocks[last.block].source_span(last.range());
        Some(Span::from_range(a.offset..b.end().max(a.offset)))
    }
}

/// Text of a token run as written (punctuation between words kept), blocks
/// joined by " / ".
pub fn text_of(tree: &Tree, tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let block = tokens[i].block;
        let mut j = i;
        while j + 1 < tokens.len() && tokens[j + 1].block == block {
            j += 1;
        }
        if !out.is_empty() {
            out.push_str(" / ");
        }
        out.push_str(&tree.blocks[block].text[tokens[i].start..tokens[j].end]);
        i = j + 1;
    }
    out
}
