//! `doc.role`: every role the draft's templates require is designated.
//!
//! Roles are data: each pack lists the roles its template requires (`roles:`
//! in `rules/packs/<id>.yaml`), with regexes for how drafts name them; the
//! Base pack holds the two every MOU needs (MCP Responsible Person and
//! Third-Party Responsible Person), so every template requires them.
//!
//! A role is *mentioned* where one of its patterns matches; it is
//! *designated* where a mention sits next to contact details (an email
//! address or a phone number in the same paragraph, list item or table row,
//! or in the lines right under a heading or a `Role:` lead-in), or next to a
//! position title when the draft states that contact details are kept in
//! the parties' Policies and Procedures.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, CheckInfo, Context};
use crate::catalog::{Catalog, Role};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::text::BlockKind;
use crate::tree::Tree;

pub const ID: &str = "doc.role";

pub const CHECK: Check = Check {
    info: CheckInfo {
        id: ID,
        severity: Severity::Error,
        summary: "a required role (Responsible Person, liaison) not designated, or designated with placeholder contacts",
        doc: "\
## What it checks
Every MOU designates an MCP Responsible Person and a Third-Party
Responsible Person. Some templates require more: the County Child Welfare
MOU an MCP Child Welfare Liaison (APL 24-013), the IHSS and Regional Center
MOUs an LTSS Liaison (APL 24-009), the Whole Child Model and Local Health
Department MOUs a CCS Liaison. `moulint templates` lists the roles of each
template; a combined MOU needs the roles of all its templates.

A role is designated either
- by name and contact details: an email address or phone number in the
  same paragraph, list item or table row as the role (or in the lines right
  under a heading or a `Role:` line naming it), or
- by position title only, when the draft also states that the contact
  details are kept in the parties' Policies and Procedures.

Findings:
- `missing`: the role is never mentioned;
- `incomplete`: the role is mentioned but nowhere designated;
- `placeholder`: the role's contact details are template slots or dummies
  (`[Name]`, `[email]`, `TBD`, `xxx-xxx-xxxx`, `name@example.com`).

Each finding says which template requires the role. The deadline for
telling DHCS about a new Responsible Person or liaison (no later than five
working days) is a provision of its own: `moulint explain
base.contacts.change-notice`.

## Why the state's review cares
APL 23-029: the Responsible Persons oversee the MOU, meet the other party
at least quarterly and report compliance; the liaisons are how members'
care is coordinated day to day. An MOU that names nobody, or names a slot,
cannot be operated, and DHCS monitors these contacts.

## Example
```markdown
| Role | Name and title | Email | Phone |
|---|---|---|---|
| MCP Responsible Person | Dana Reyes, Director of Care Coordination | dana.reyes@goldenpoppy.org | (916) 555-0142 |
| County Responsible Person | Lee Wong, Deputy Director | lwong@alpinecounty.gov | (530) 555-0190 |
```
or, by title only:
```markdown
The MCP Responsible Person is the MCP's Director of Care Coordination.
Contact information for each Responsible Person and liaison is kept in
the Parties' Policies and Procedures.
```

## How to fix
Name the person and give an email or phone number next to the role, or
give the position title and state that contact details are in the
Parties' Policies and Procedures. Replace every placeholder contact.",
    },
    run,
};

/// A paragraph, list item or heading, or a whole table row: the reach
/// within which contact details count as next to a role.
#[derive(Debug)]
pub(crate) struct Unit {
    /// For each joined block: where its text starts in `text`, and its index.
    parts: Vec<(usize, usize)>,
    pub text: String,
}

impl Unit {
    pub fn first_block(&self) -> usize {
        self.parts[0].1
    }

    /// Maps a range of the unit's text to file bytes.
    pub fn span(&self, tree: &Tree, r: Range<usize>) -> Span {
        let locate = |pos: usize| {
            let i = self.parts.partition_point(|(at, _)| *at <= pos).max(1) - 1;
            let (at, b) = self.parts[i];
            let len = tree.blocks[b].text.len();
            (b, (pos - at).min(len))
        };
        let (sb, so) = locate(r.start);
        let (eb, eo) = locate(r.end.saturating_sub(1).max(r.start));
        let eo = if r.end > r.start {
            (eo + 1).min(tree.blocks[eb].text.len())
        } else {
            eo
        };
        if sb == eb {
            return tree.blocks[sb].source_span(so..eo.max(so));
        }
        let start = tree.blocks[sb].source_span(so..so).offset;
        let end = tree.blocks[eb].source_span(0..eo).end();
        Span::from_range(start..end.max(start))
    }
}

/// Blocks grouped into units: table cells of one row together, every other
/// block alone.
pub(crate) fn units(tree: &Tree, source: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tree.blocks.len() {
        let mut u = Unit {
            parts: vec![(0, i)],
            text: tree.blocks[i].text.clone(),
        };
        let mut j = i + 1;
        if tree.blocks[i].kind == BlockKind::TableCell {
            while j < tree.blocks.len() && tree.blocks[j].kind == BlockKind::TableCell {
                let (prev, next) = (tree.blocks[j - 1].span, tree.blocks[j].span);
                let between = source.get(prev.end()..next.offset).unwrap_or("\n");
                if between.contains('\n') {
                    break;
                }
                u.text.push(' ');
                u.parts.push((u.text.len(), j));
                u.text.push_str(&tree.blocks[j].text);
                j += 1;
            }
        }
        out.push(u);
        i = j;
    }
    out
}

struct Patterns {
    email: Regex,
    phone: Regex,
    slot: Regex,
    bracketed: Regex,
    contact_slot: Regex,
    tbd: Regex,
    dummy_phone: Regex,
    dummy_email: Regex,
    policies: Regex,
    contact_words: Regex,
    title_word: Regex,
    title_after: Regex,
    title_before: Regex,
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("built-in pattern");
        Patterns {
            email: re(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"),
            phone: re(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-]?)\d{3}[\s.-]\d{4}\b"),
            slot: re(r"\[([^\[\]]{1,80})\]"),
            bracketed: re(r"\[[^\[\]]{1,1000}\]"),
            contact_slot: re(
                r"(?i)\b(?:names?|e-?mails?|phones?|telephone|tel|fax|titles?|contacts?|address|position|person|liaison|designee|tbd)\b",
            ),
            tbd: re(r"(?i)\b(?:TBD|TBA|to be (?:determined|designated|named|announced|assigned|confirmed))\b"),
            dummy_phone: re(r"(?i)(?:\(?[x#0]{3}\)?[\s.-]?[x#0]{3}[\s.-]?[x#0]{4})"),
            dummy_email: re(
                r"(?i)\b[\w.+-]+@example\.(?:com|org|net|gov)\b|\b(?:name|email|e-mail|user|username|first\.last|firstname\.lastname|x{2,})@[\w.-]+",
            ),
            policies: re(r"(?i)\bpolicies\s+(?:and|&)\s+procedures\b|\bP&Ps?\b"),
            contact_words: re(r"(?i)\bcontact\s+(?:information|info|details)\b"),
            title_word: re(
                r"(?i)\b(?:director|manager|officer|coordinator|supervisor|administrator|chief|head|president|lead|specialist|analyst|nurse|physician|counsel|deputy|executive|superintendent|commissioner|warden|ceo|coo|cmo|cfo)\b",
            ),
            title_after: re(
                r"^(?:'s)?\s*(?:is|shall be|will be|:|-|,|\()\s*(?:the\s+|its\s+|an?\s+)?(?:[\w-]+'s\s+)?([A-Z][^.;()|]{0,80})",
            ),
            title_before: re(
                r"(?i)\b(?:serves?|shall serve|will serve|is designated|shall be designated|will be designated|acts?|shall act|will act)\s+as\s+(?:the\s+|its\s+|an?\s+)?$",
            ),
        }
    })
}

/// The slots `moulint init` and the comparison fill from the front matter:
/// party names, not contact details.
fn is_party_slot(inner: &str) -> bool {
    let t = inner.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "mcp name" | "party name" | "county" | "counties"
    )
}

/// A slot for contact details (`[Name]`, `[Email]`, `[Title]`), not one
/// for a number or a date that happens to sit near the role.
fn is_contact_slot(inner: &str) -> bool {
    let t = inner.trim();
    !is_party_slot(t) && patterns().contact_slot.is_match(t)
}

/// Placeholder contact details in a text: ranges.
fn placeholders(text: &str) -> Vec<Range<usize>> {
    let p = patterns();
    let mut out: Vec<Range<usize>> = Vec::new();
    for c in p.slot.captures_iter(text) {
        if is_contact_slot(&c[1]) {
            out.push(c.get(0).expect("whole match").range());
        }
    }
    for re in [&p.tbd, &p.dummy_phone, &p.dummy_email] {
        for m in re.find_iter(text) {
            // Digits of a real number such as 000 inside 555-0100 are not a dummy.
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric())
                || after.is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            if !out.iter().any(|r| r.start < m.end() && m.start() < r.end) {
                out.push(m.range());
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Real contact details (email or phone) outside placeholder ranges.
fn has_contact(text: &str, dummies: &[Range<usize>]) -> bool {
    let p = patterns();
    [&p.email, &p.phone].iter().any(|re| {
        re.find_iter(text).any(|m| {
            !dummies
                .iter()
                .any(|r| r.start < m.end() && m.start() < r.end)
        })
    })
}

/// A position title tied to the mention at `m`: "Role: Director of X",
/// "Role is the MCP's Director of X", "The Director of X serves as the Role".
fn has_title(text: &str, m: &Range<usize>) -> bool {
    let p = patterns();
    if let Some(c) = p.title_after.captures(&text[m.end..]) {
        let phrase: String = c[1]
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        if p.title_word.is_match(&phrase) {
            return true;
        }
    }
    let before = &text[..m.start];
    if p.title_before.is_match(before) {
        let words: Vec<&str> = before.split_whitespace().rev().take(12).collect();
        return words.iter().any(|w| p.title_word.is_match(w));
    }
    false
}

/// One place a role is named.
#[derive(Debug, Clone)]
struct Mention {
    role: usize,
    unit: usize,
    range: Range<usize>,
}

/// Every mention of every role; a match inside a longer match of another
/// role (the `Responsible Person` of `MCP Responsible Person`) is not one.
fn mentions(units: &[Unit], roles: &[(&Role, Vec<String>)]) -> Vec<Mention> {
    let mut all = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let mut here: Vec<Mention> = Vec::new();
        for (ri, (role, _)) in roles.iter().enumerate() {
            for re in &role.regexes {
                for m in re.find_iter(&u.text) {
                    if m.is_empty() {
                        continue;
                    }
                    let dup = here.iter().any(|x| {
                        x.role == ri && x.range.start < m.end() && m.start() < x.range.end
                    });
                    if !dup {
                        here.push(Mention {
                            role: ri,
                            unit: ui,
                            range: m.range(),
                        });
                    }
                }
            }
        }
        let kept: Vec<Mention> = here
            .iter()
            .filter(|a| {
                !here.iter().any(|b| {
                    b.role != a.role
                        && b.range.start <= a.range.start
                        && a.range.end <= b.range.end
                        && b.range.len() > a.range.len()
                })
            })
            .cloned()
            .collect();
        all.extend(kept);
    }
    all.sort_by_key(|m| (m.unit, m.range.start));
    all
}

/// What the units around one mention say about the role.
#[derive(Debug, Default)]
struct Evidence {
    designated: bool,
    /// The first placeholder contact, with the unit it is in.
    placeholder: Option<(usize, Range<usize>)>,
}

fn evidence(
    tree: &Tree,
    units: &[Unit],
    all: &[Mention],
    m: &Mention,
    policies_statement: bool,
) -> Evidence {
    let u = &units[m.unit];
    let mut ev = Evidence::default();
    let mut context = vec![m.unit];
    let first = &tree.blocks[u.first_block()];
    // A heading or a bold lead-in naming the role: what follows is about it.
    let heading = matches!(first.kind, BlockKind::Heading(_))
        || (u.parts.len() == 1 && first.lead_in.is_some_and(|n| m.range.end <= n));
    let rest = u.text[m.range.end..].trim();
    let lead_line = rest.is_empty()
        || rest.ends_with(':')
        || rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
    if heading || lead_line {
        let limit = if heading { 6 } else { 4 };
        for (k, next) in units.iter().enumerate().skip(m.unit + 1).take(limit - 1) {
            let bi = next.first_block();
            let sec = tree.blocks[bi].section;
            // A heading, or a block opening a section outside the mention's.
            let opens = sec != 0 && tree.sections[sec].blocks.start == bi;
            if matches!(tree.blocks[bi].kind, BlockKind::Heading(_))
                || (opens && !tree.path(sec).contains(&first.section))
            {
                break;
            }
            if all.iter().any(|x| x.unit == k && x.role != m.role) {
                break;
            }
            context.push(k);
        }
    }
    for &k in &context {
        let text = &units[k].text;
        let dummies = placeholders(text);
        if ev.placeholder.is_none() {
            if let Some(r) = dummies.first() {
                ev.placeholder = Some((k, r.clone()));
            }
        }
        if has_contact(text, &dummies) {
            ev.designated = true;
        }
    }
    if policies_statement && has_title(&u.text, &m.range) {
        ev.designated = true;
    }
    ev
}

/// "the County Child Welfare template (`ccw`)", or several.
pub(crate) fn templates_phrase(catalog: &Catalog, templates: &[String]) -> String {
    let names: Vec<String> = templates
        .iter()
        .map(|t| match catalog.pack(t) {
            Some(p) => {
                let title = p.def.title.trim_end_matches(" Template");
                format!("{title} (`{t}`)")
            }
            None => format!("`{t}`"),
        })
        .collect();
    match names.len() {
        0 => "the template".to_string(),
        1 => format!("the {} template", names[0]),
        _ => format!(
            "the {} and {} templates",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
    }
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let roles = ctx.catalog.roles(&ctx.templates);
    if roles.is_empty() {
        return;
    }
    let tree = &ctx.doc.tree;
    let units = units(tree, &ctx.doc.source.text);
    let all = mentions(&units, &roles);
    let p = patterns();
    // Drafting notes and slots are instructions, not statements.
    let policies_statement = units.iter().any(|u| {
        let said = p.bracketed.replace_all(&u.text, " ");
        p.policies.is_match(&said) && p.contact_words.is_match(&said)
    });
    for (ri, (role, templates)) in roles.iter().enumerate() {
        let def = &role.def;
        let who = if def.party == "mcp" {
            "the MCP"
        } else {
            "the other party"
        };
        let requires = templates_phrase(ctx.catalog, templates);
        let verb = if templates.len() > 1 {
            "require"
        } else {
            "requires"
        };
        let citation = def.citation.as_deref().unwrap_or("APL 23-029");
        let note = format!(
            "{requires} {verb} {who} to designate the {} ({citation}); a later change of the person is reported to DHCS within five working days and needs no amendment",
            def.title
        );
        let help = def.help.clone().unwrap_or_else(|| {
            format!(
                "name the {} with an email or phone number next to the role, or give the position title and state that contact details are in the Parties' Policies and Procedures",
                def.title
            )
        });
        let base = |kind: Kind, msg: String| {
            Diagnostic::new(ID, kind, Severity::Error, msg)
                .with_templates(templates.clone())
                .with_help(help.clone())
                .with_note(note.clone())
        };
        let mine: Vec<&Mention> = all.iter().filter(|m| m.role == ri).collect();
        if mine.is_empty() {
            out.push(base(
                Kind::Missing,
                format!("no {} is designated: {requires} {verb} one", def.title),
            ));
            continue;
        }
        let mut designated = false;
        let mut flagged_units: Vec<usize> = Vec::new();
        let mut dummies = Vec::new();
        for m in &mine {
            let ev = evidence(tree, &units, &all, m, policies_statement);
            match ev.placeholder {
                Some((k, r)) => {
                    if !flagged_units.contains(&k) {
                        flagged_units.push(k);
                        dummies.push((*m, k, r));
                    }
                }
                None => designated |= ev.designated,
            }
        }
        for (m, k, r) in &dummies {
            let shown = &units[*k].text[r.clone()];
            out.push(
                base(
                    Kind::Placeholder,
                    format!(
                        "the {}'s contact details are a placeholder (`{shown}`)",
                        def.title
                    ),
                )
                .with_span(units[m.unit].span(tree, m.range.clone()))
                .with_label(format!("{} not yet designated", def.title))
                .with_secondary(units[*k].span(tree, r.clone()), "placeholder contact"),
            );
        }
        if designated || !dummies.is_empty() {
            continue;
        }
        // Point at the mention that reads most like a designation.
        let best = mine
            .iter()
            .find(|m| units[m.unit].text.to_ascii_lowercase().contains("designat"))
            .unwrap_or(&mine[0]);
        out.push(
            base(
                Kind::Incomplete,
                format!(
                    "the {} is named but not designated: no name with contact details, and no position title with a statement that contact details are in the Parties' Policies and Procedures",
                    def.title
                ),
            )
            .with_span(units[best.unit].span(tree, best.range.clone()))
            .with_label("named here, with no contact details nearby"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_contacts() {
        let t = "MCP Responsible Person: [Name], xxx-xxx-xxxx, name@example.com, TBD";
        let found: Vec<&str> = placeholders(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["[Name]", "xxx-xxx-xxxx", "name@example.com", "TBD"]);
        assert!(placeholders("[MCP Name] Responsible Person: (916) 555-0100").is_empty());
    }

    #[test]
    fn contacts_and_titles() {
        assert!(has_contact("Dana Reyes, dana@plan.org", &[]));
        assert!(has_contact("Dana Reyes, (916) 555-0142", &[]));
        assert!(has_contact("Dana Reyes, 916-555-0142", &[]));
        assert!(!has_contact("Article 12.3 of 2024", &[]));
        let t = "The MCP Responsible Person is the MCP's Director of Care Coordination.";
        let at = t.find("MCP Responsible Person").unwrap();
        assert!(has_title(t, &(at..at + 22)));
        let t = "The MCP Responsible Person reports to the compliance officer.";
        assert!(!has_title(t, &(at..at + 22)));
        let t = "The Director of Care Coordination serves as the MCP Responsible Person.";
        let at = t.find("MCP Responsible").unwrap();
        assert!(has_title(t, &(at..at + 22)));
    }
}
