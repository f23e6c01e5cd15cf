//! A deterministic corpus of MOU drafts for the benchmarks, built from the
//! bundled reference templates (`rules/templates/<id>.md`, read from disk)
//! with the edits real drafts carry: every slot filled (party, plan and
//! county names, dates, periods, contacts), a house style (the template's
//! `## 1.` headings and bold lead-ins, `## Article 1.` with `### Section 4.1`
//! headings, or upper-case article titles; "Plan" and "County" short names),
//! some deviations (a sentence removed, a paragraph added, a duty weakened
//! from "shall" to "may", a drafting note left in), combined templates on
//! some drafts, and exhibits (contact tables, local procedures) that bring
//! each draft to the target size.
//!
//! No randomness from outside: a xorshift generator seeded per draft, so the
//! same `(n, target, seed)` always gives the same bytes. Shared by the
//! benches with `#[path = "corpus/mod.rs"] mod corpus;`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Drafts in the default corpus, and in the full one (`MOULINT_BENCH_FULL=1`).
pub const DEFAULT_DRAFTS: usize = 200;
pub const FULL_DRAFTS: usize = 1000;
/// Target size of one draft, in bytes (about 70 KB, so 1,000 drafts is ~70 MB).
pub const DRAFT_BYTES: usize = 70_000;
pub const SEED: u64 = 0x006d_6f75_6c69_6e74; // "moulint"

/// Number of drafts the benches use: `MOULINT_BENCH_FULL=1` gives the full
/// corpus, `MOULINT_BENCH_DRAFTS=N` any other size.
pub fn drafts_from_env() -> usize {
    if let Some(n) = std::env::var("MOULINT_BENCH_DRAFTS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    if std::env::var("MOULINT_BENCH_FULL").is_ok_and(|v| v != "0" && !v.is_empty()) {
        FULL_DRAFTS
    } else {
        DEFAULT_DRAFTS
    }
}

/// Xorshift64*: small, fast, good enough to choose edits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // SplitMix64 once, so that neighbouring seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// One generated draft: a file name and its Markdown.
pub struct Draft {
    pub name: String,
    pub text: String,
}

/// A bundled reference template: its id and body (front matter removed).
struct Template {
    id: String,
    body: String,
}

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/templates")
}

fn load(id: &str) -> Template {
    let path = templates_dir().join(format!("{id}.md"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let body = match text.strip_prefix("---\n") {
        Some(rest) => rest.find("\n---\n").map_or(rest, |i| &rest[i + 5..]),
        None => &text,
    };
    Template {
        id: id.to_string(),
        body: body.to_string(),
    }
}

/// Bespoke kinds with the entity type and party name a draft of that kind
/// names (`{C}` is the county).
const KINDS: &[(&str, &str, &str)] = &[
    ("base", "continuum-of-care", "{C} Continuum of Care"),
    ("base", "area-agency-on-aging", "{C} Area Agency on Aging"),
    (
        "ccw",
        "county-child-welfare",
        "{C} County Department of Children and Family Services",
    ),
    ("dmc", "county-dmc", "{C} County Behavioral Health Services"),
    (
        "dmc-ods",
        "county-dmc-ods",
        "{C} County Behavioral Health Services",
    ),
    ("first5", "first5-commission", "First 5 {C}"),
    (
        "ihss",
        "county-ihss",
        "{C} County In-Home Supportive Services",
    ),
    ("justice", "county-jail", "{C} County Sheriff's Office"),
    (
        "lea",
        "local-educational-agency",
        "{C} County Office of Education",
    ),
    (
        "lhd",
        "local-health-department",
        "{C} County Public Health Department",
    ),
    ("mhp", "county-mhp", "{C} County Behavioral Health Services"),
    ("regional-center", "regional-center", "{C} Regional Center"),
    (
        "social-services",
        "county-social-services",
        "{C} County Department of Social Services",
    ),
    (
        "tcm",
        "county-tcm",
        "{C} County Targeted Case Management Program",
    ),
    (
        "wcm",
        "county-ccs",
        "{C} County California Children's Services",
    ),
    ("wic", "wic-agency", "{C} County WIC Program"),
];

/// Combinations that real counties sign as one MOU (the first template's
/// entity type is the party's).
const COMBINED: &[&[&str]] = &[
    &["mhp", "dmc-ods"],
    &["mhp", "dmc"],
    &["lhd", "wcm"],
    &["social-services", "ihss"],
    &["ccw", "social-services"],
];

const COUNTIES: &[&str] = &[
    "Alameda",
    "Alpine",
    "Amador",
    "Butte",
    "Calaveras",
    "Colusa",
    "Contra Costa",
    "Del Norte",
    "El Dorado",
    "Fresno",
    "Glenn",
    "Humboldt",
    "Imperial",
    "Inyo",
    "Kern",
    "Kings",
    "Lake",
    "Lassen",
    "Los Angeles",
    "Madera",
    "Marin",
    "Mariposa",
    "Mendocino",
    "Merced",
    "Modoc",
    "Mono",
    "Monterey",
    "Napa",
    "Nevada",
    "Orange",
    "Placer",
    "Plumas",
    "Riverside",
    "Sacramento",
    "San Benito",
    "San Bernardino",
    "San Diego",
    "San Joaquin",
    "San Mateo",
    "Santa Barbara",
    "Santa Clara",
    "Santa Cruz",
    "Shasta",
    "Sierra",
    "Siskiyou",
    "Solano",
    "Sonoma",
    "Stanislaus",
    "Sutter",
    "Tehama",
    "Trinity",
    "Tulare",
    "Tuolumne",
    "Ventura",
    "Yolo",
    "Yuba",
];

const PLANS: &[&str] = &[
    "Golden Poppy Health Plan",
    "Coastal Oak Health",
    "Sierra Pines Community Health Plan",
    "Valley Harvest Health Alliance",
    "Redwood Bay Health Partners",
    "Central Coast Care Network",
];

const FIRST: &[&str] = &[
    "Maria",
    "James",
    "Linh",
    "Roberto",
    "Aisha",
    "David",
    "Mei",
    "Carlos",
    "Priya",
    "Thomas",
    "Guadalupe",
    "Kevin",
    "Fatima",
    "Daniel",
    "Esperanza",
    "Michael",
    "Naomi",
    "Jorge",
];
const LAST: &[&str] = &[
    "Hernandez",
    "Nguyen",
    "Okafor",
    "Smith",
    "Patel",
    "Garcia",
    "Chen",
    "Lopez",
    "Johnson",
    "Ramirez",
    "Kim",
    "Martinez",
    "Williams",
    "Singh",
    "Torres",
    "Brown",
    "Flores",
    "Yamamoto",
];
const TITLES: &[&str] = &[
    "Director of Care Coordination",
    "Program Manager",
    "Deputy Director",
    "Manager, Community Partnerships",
    "Behavioral Health Liaison",
    "Chief Operating Officer",
    "Supervising Social Worker",
    "Quality Improvement Coordinator",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NUMBERS: &[&str] = &[
    "two (2)",
    "three (3)",
    "five (5)",
    "seven (7)",
    "ten (10)",
    "fourteen (14)",
    "thirty (30)",
];

/// The `i`-th draft of a corpus seeded with `seed`, about `target` bytes.
pub fn draft(i: usize, target: usize, seed: u64) -> Draft {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let county = *rng.pick(COUNTIES);
    let plan = *rng.pick(PLANS);

    // The kind: a third Base, a tenth combined, the rest one Bespoke kind.
    let roll = rng.below(100);
    let ids: Vec<&str> = if roll < 10 {
        rng.pick(COMBINED).to_vec()
    } else if roll < 40 {
        vec!["base"]
    } else {
        let bespoke: Vec<&(&str, &str, &str)> = KINDS.iter().filter(|k| k.0 != "base").collect();
        vec![rng.pick(&bespoke).0]
    };
    let candidates: Vec<&(&str, &str, &str)> = KINDS.iter().filter(|k| k.0 == ids[0]).collect();
    let (_, entity_type, party_pattern) = **rng.pick(&candidates);
    let party = party_pattern.replace("{C}", county);
    let is_county = party.contains("County");

    let style = Style {
        articles: rng.below(3),
        sections_as_headings: rng.chance(35),
        plan_short: rng.chance(10),
        party_short: is_county && rng.chance(20),
    };
    let year = 2024 + rng.below(3);
    let month = rng.below(12);
    let effective = format!("{} 1, {year}", MONTHS[month]);
    let effective_iso = format!("{year}-{:02}-01", month + 1);

    let mut text = String::with_capacity(target + 8192);
    text.push_str("---\n");
    if ids.len() == 1 {
        text.push_str(&format!("template: {}\n", ids[0]));
    } else {
        text.push_str(&format!("template: [{}]\n", ids.join(", ")));
    }
    text.push_str("template_version: \"2024-01\"\n");
    text.push_str(&format!(
        "mcp: {plan}\nother_party:\n  name: {party}\n  type: {entity_type}\n"
    ));
    text.push_str(&format!(
        "counties: [{county}]\neffective_date: {effective_iso}\nstatus: draft\n---\n"
    ));

    let body = assemble(&ids, rng.chance(20));
    let mut fill = Fill {
        rng: &mut rng,
        plan,
        party: &party,
        county,
        effective: &effective,
    };
    let filled = fill.slots(&body);
    let keep_note = fill.rng.chance(5);
    let mut blocks = blocks(&filled, keep_note);
    deviate(&mut blocks, fill.rng);
    let mut body = restyle(&blocks, &style);
    if style.plan_short {
        body = short_names(&body, "MCP", "Plan");
    }
    if style.party_short {
        body = short_names(&body, "Third-Party Entity", "County");
    }
    text.push_str(&body);
    extend(&mut text, target, fill.rng, plan, &party, county);

    let name = format!(
        "{:04}-{}-{}.md",
        i,
        county.to_lowercase().replace(' ', "-"),
        ids.join("+")
    );
    Draft { name, text }
}

/// `n` drafts of about `target` bytes each.
pub fn generate(n: usize, target: usize, seed: u64) -> Vec<Draft> {
    (0..n).map(|i| draft(i, target, seed)).collect()
}

/// Writes the drafts into `dir` (created if needed); returns the bytes written.
pub fn write(dir: &Path, drafts: &[Draft]) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for d in drafts {
        std::fs::write(dir.join(&d.name), &d.text)?;
        bytes += d.text.len();
    }
    Ok(bytes)
}

/// The Base body with each Bespoke template's articles at the
/// `bespoke-articles` mark, numbered after the Base articles.
fn assemble(ids: &[&str], drop_last_optional: bool) -> String {
    let base = load("base");
    let bespoke: Vec<Template> = ids
        .iter()
        .filter(|i| **i != "base")
        .map(|i| load(i))
        .collect();
    let mut body = base.body.clone();
    let mut next = 17;
    if drop_last_optional {
        // Article 16 is optional and last: deleting it needs no renumbering.
        if let (Some(a), Some(b)) = (
            body.find("<!-- moulint: optional base.optional.emergency-preparedness -->"),
            body.find("<!-- moulint: bespoke-articles -->"),
        ) {
            body.replace_range(a..b, "");
            next = 16;
        }
    }
    let mut articles = String::new();
    for t in &bespoke {
        articles.push_str(&t.body.replace("{n}", &next.to_string()));
        articles.push('\n');
        next += 1;
    }
    body = body.replace("<!-- moulint: bespoke-articles -->", &articles);
    // The liaisons the Bespoke kinds require, designated in Exhibit A.
    let mut rows = String::new();
    for (kind, role) in [
        ("ccw", "MCP Child Welfare Liaison"),
        ("ihss", "LTSS Liaison"),
        ("regional-center", "LTSS Liaison"),
        ("wcm", "CCS Liaison"),
        ("lhd", "CCS Liaison"),
    ] {
        if ids.contains(&kind) && !rows.contains(role) {
            rows.push_str(&format!(
                "| {role} | [MCP Name] | [Name] | [Title] | [Email] | [Phone] |\n"
            ));
        }
    }
    if let Some(at) = body.find("| MCP emergency contact |") {
        body.insert_str(at, &rows);
    }
    if !bespoke.is_empty() {
        // The note on when to use Base alone goes in every Bespoke MOU.
        if let Some(a) = body.find("<!-- moulint: base-only -->") {
            let end = body[a..].find("\n\n").map_or(body.len(), |e| a + e + 2);
            body.replace_range(a..end, "");
        }
    }
    body
}

struct Style {
    /// 0: `## 1. Title`; 1: `## Article 1. Title`; 2: `## ARTICLE 1. TITLE`.
    articles: usize,
    /// `### Section 4.1 Title` headings instead of `**4.1 Title.**` lead-ins.
    sections_as_headings: bool,
    plan_short: bool,
    party_short: bool,
}

struct Fill<'a> {
    rng: &'a mut Rng,
    plan: &'a str,
    party: &'a str,
    county: &'a str,
    effective: &'a str,
}

impl Fill<'_> {
    fn person(&mut self) -> String {
        format!("{} {}", self.rng.pick(FIRST), self.rng.pick(LAST))
    }
    fn phone(&mut self) -> String {
        format!(
            "({}) 555-{:04}",
            200 + self.rng.below(700),
            self.rng.below(10_000)
        )
    }
    fn email(&mut self, who: &str) -> String {
        let domain = if self.rng.chance(50) {
            self.plan
        } else {
            self.party
        };
        let domain: String = domain
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_lowercase();
        let local: String = who
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(".");
        format!("{local}@{domain}.example.org")
    }

    /// Replaces every bracketed slot (drafting notes stay, and are dropped
    /// later with the other marks).
    fn slots(&mut self, body: &str) -> String {
        let mut out = String::with_capacity(body.len() + 1024);
        let mut rest = body;
        let mut last_person = String::from("Maria Hernandez");
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let Some(len) = rest[open..].find(']') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let inner = &rest[open + 1..open + len];
            rest = &rest[open + len + 1..];
            if inner.starts_with("Drafting Note:") || inner.contains('\n') && !inner.contains(':') {
                out.push('[');
                out.push_str(inner);
                out.push(']');
                continue;
            }
            let value = match inner {
                "MCP Name" => self.plan.to_string(),
                "Party Name" => self.party.to_string(),
                "County" => self.county.to_string(),
                "Effective Date" | "Date" => self.effective.to_string(),
                "number" | "number of days" => self.rng.pick(NUMBERS).to_string(),
                "Name" => {
                    last_person = self.person();
                    last_person.clone()
                }
                "Title" => self.rng.pick(TITLES).to_string(),
                "Email" => self.email(&last_person.clone()),
                "Phone" => self.phone(),
                "Yes or No" => if self.rng.chance(50) { "Yes" } else { "No" }.to_string(),
                "short description of the Third-Party Entity" => {
                    format!("the agency that serves residents of {} County", self.county)
                }
                "list each service or program of the Third-Party Entity" => {
                    "case management, housing navigation and benefits enrollment assistance"
                        .to_string()
                }
                "list of metrics" => {
                    "referral volume, time to first contact and closed-loop completion".to_string()
                }
                "MCP notice address" => format!("1200 Main Street, {} County, CA", self.county),
                "Third-Party Entity notice address" => {
                    format!("45 Civic Center Plaza, {} County, CA", self.county)
                }
                "additional data element agreed by the Parties" => {
                    "Primary care provider".to_string()
                }
                other => {
                    if let Some(v) = other
                        .strip_prefix("at most:")
                        .or_else(|| other.strip_prefix("at least:"))
                    {
                        v.trim().to_string()
                    } else if let Some(v) = other.strip_prefix("one of:") {
                        v.split('|').next().unwrap_or("").trim().to_string()
                    } else if self.rng.chance(3) {
                        // A slot left unfilled, as drafts have.
                        format!("[{other}]")
                    } else {
                        format!("the {}", other.to_lowercase())
                    }
                }
            };
            out.push_str(&value);
        }
        out.push_str(rest);
        out
    }
}

/// Splits the body into blocks (paragraphs, headings, lists, tables),
/// dropping moulint marks and, unless `keep_note`, the drafting notes.
fn blocks(body: &str, keep_note: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for para in body.split("\n\n") {
        let lines: Vec<&str> = para
            .lines()
            .filter(|l| !l.trim_start().starts_with("<!-- moulint:"))
            .collect();
        let p = lines.join("\n");
        let p = p.trim_matches('\n');
        if p.is_empty() {
            continue;
        }
        if p.starts_with("[Drafting Note:") && !keep_note {
            continue;
        }
        // A heading followed by text in one paragraph: two blocks.
        if let Some((head, rest)) = p.split_once('\n') {
            if head.starts_with('#') {
                out.push(head.to_string());
                out.push(rest.to_string());
                continue;
            }
        }
        out.push(p.to_string());
    }
    out
}

/// Some drafts differ from the template: a sentence removed, a paragraph
/// added, a duty weakened.
fn deviate(blocks: &mut Vec<String>, rng: &mut Rng) {
    let prose: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            let b = &blocks[i];
            !b.starts_with('#') && !b.starts_with('|') && !b.starts_with('-') && b.len() > 200
        })
        .collect();
    if prose.is_empty() {
        return;
    }
    if rng.chance(15) {
        let i = *rng.pick(&prose);
        let b = &blocks[i];
        if let Some(a) = b.find(". ") {
            if let Some(e) = b[a + 2..].find(". ") {
                let cut = format!("{}{}", &b[..a + 1], &b[a + 2 + e + 1..]);
                blocks[i] = cut;
            }
        }
    }
    if rng.chance(20) {
        let i = *rng.pick(&prose);
        let b = &blocks[i];
        if let Some(a) = b.find(" shall ") {
            blocks[i] = format!("{} may {}", &b[..a], &b[a + 7..]);
        }
    }
    if rng.chance(30) {
        let i = *rng.pick(&prose);
        let added = local_paragraph(rng);
        blocks.insert(i + 1, added);
    }
}

const SUBJECTS: &[&str] = &[
    "The Parties",
    "Each Party",
    "The MCP Liaison",
    "The Third-Party Entity Liaison",
    "The Responsible Persons",
    "Staff of each Party",
];
const VERBS: &[&str] = &[
    "will meet as needed to review",
    "shall document",
    "may jointly develop",
    "will coordinate on",
    "shall make reasonable efforts to streamline",
    "agree to share updates about",
];
const OBJECTS: &[&str] = &[
    "the local referral workflow for Members experiencing homelessness",
    "the schedule for joint case conferences",
    "training materials for front-line staff",
    "the list of community resources available in the county",
    "outreach to Members who have not responded to three contact attempts",
    "the handling of referrals received after business hours",
    "translation and interpretation support for Members",
    "transportation to appointments in rural areas of the county",
];
const TAILS: &[&str] = &[
    "",
    " at least once each quarter",
    " in a manner consistent with applicable law",
    " through the secure portal described in Exhibit B",
    " and report on it at the quarterly meeting",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {}{}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

fn local_paragraph(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut p = String::new();
    for k in 0..n {
        if k > 0 {
            p.push(' ');
        }
        p.push_str(&sentence(rng));
    }
    wrap(&p, 76)
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    let mut col = 0;
    for w in text.split_whitespace() {
        if col > 0 && col + 1 + w.len() > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.len();
    }
    out
}

/// Renders the blocks in the draft's house style.
fn restyle(blocks: &[String], style: &Style) -> String {
    let mut out = String::new();
    for b in blocks {
        let mut b = b.clone();
        if let Some(rest) = b.strip_prefix("## ") {
            // `## 4. MCP Obligations`: an article heading.
            if let Some((num, title)) = rest.split_once(". ") {
                if num.chars().all(|c| c.is_ascii_digit()) {
                    b = match style.articles {
                        1 => format!("## Article {num}. {title}"),
                        2 => format!("## ARTICLE {num}. {}", title.to_uppercase()),
                        _ => b,
                    };
                }
            }
        } else if style.sections_as_headings && b.starts_with("**") {
            // `**4.1 MCP Services.** text`: a bold lead-in.
            if let Some(end) = b[2..].find(".**") {
                let lead = &b[2..2 + end];
                if lead.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    let rest = b[2 + end + 3..].trim_start().to_string();
                    b = format!(
                        "### Section {lead}\n\n{}",
                        wrap(&rest.replace('\n', " "), 76)
                    );
                }
            }
        }
        out.push_str(&b);
        out.push_str("\n\n");
    }
    out
}

/// Gives a party a short name: the defined term in the preamble and the
/// phrase "the X" everywhere after it.
fn short_names(body: &str, long: &str, short: &str) -> String {
    body.replace(&format!("(\"{long}\")"), &format!("(\"{short}\")"))
        .replace(&format!("the {long}"), &format!("the {short}"))
        .replace(&format!("The {long}"), &format!("The {short}"))
}

/// Adds exhibits until the draft is about `target` bytes: a table of
/// service sites and contacts, then local procedures.
fn extend(text: &mut String, target: usize, rng: &mut Rng, plan: &str, party: &str, county: &str) {
    if text.len() >= target {
        return;
    }
    let table_until = text.len() + (target - text.len()) / 2;
    text.push_str("## Exhibit C. Service Sites and Contacts\n\n");
    text.push_str(&format!(
        "The sites below serve Members in {county} County. The Parties update this \
         Exhibit as sites open or close; a change does not require an amendment.\n\n"
    ));
    text.push_str("| Site | Party | Address | Contact | Title | Phone | Email | Hours |\n");
    text.push_str("|---|---|---|---|---|---|---|---|\n");
    let mut site = 1;
    while text.len() < table_until {
        let who = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let owner = if rng.chance(50) { plan } else { party };
        let mut f = Fill {
            rng,
            plan,
            party,
            county,
            effective: "",
        };
        let phone = f.phone();
        let email = f.email(&who);
        text.push_str(&format!(
            "| {county} Site {site} | {owner} | {} {} Street, {county} County | {who} | {} | {phone} | {email} | {} |\n",
            100 + rng.below(9000),
            rng.pick(LAST),
            rng.pick(TITLES),
            if rng.chance(70) { "Mon-Fri 8-5" } else { "24/7" },
        ));
        site += 1;
    }
    text.push_str("\n## Exhibit D. Local Procedures\n\n");
    let mut n = 1;
    while text.len() < target {
        text.push_str(&format!("### D.{n} Local Procedure {n}\n\n"));
        for _ in 0..1 + rng.below(3) {
            text.push_str(&local_paragraph(rng));
            text.push_str("\n\n");
        }
        n += 1;
    }
}
