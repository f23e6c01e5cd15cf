//! `doc.role`: every role the draft's templates require is designated.
//!
//! Roles are data: each pack lists the roles its template requires (`roles:`
//! in `rules/packs/<id>.yaml`), with regexes for how drafts name them; the
//! Base pack holds the two every MOU needs (MCP Responsible Person and
//! Third-Party Responsible Person), so every template requires them.
//!
//! A role is *mentioned* where one of its patterns matches, in one
//! paragraph, heading, list item or table cell, or where a table's column
//! header and row label name it together (`MCP` over `Responsible
//! Person`). Each mention *reaches* the text that speaks about it: its
//! part of a paragraph (up to the mention of another role, split where a
//! sentence or clause ends between them), its table row, the cells under it
//! when it heads a column, and the lines right under a heading or a `Role:`
//! line naming it. A role is *designated* where a mention reaches contact
//! details (an email address or a phone number), or a position title when
//! the draft states that contact details are kept in the parties' Policies
//! and Procedures; a placeholder in reach (in a paragraph, in the mention's
//! own sentence) is a finding of its own. The analysis reads all of this
//! once ([`crate::analysis::roles`]); this check turns it into findings.

use super::{Check, Context};
use crate::analysis::roles::{Plan, Stretch};
use crate::catalog::RoleParty;
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::rule::{RuleMeta, Scope};
use crate::verdict::Verdict;

pub const ID: &str = "doc.role";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Required role",
        default_severity: Severity::Error,
        // A role not (yet) designated is an unfinished draft, not a removed
        // mandatory provision.
        decides: &[(Kind::Placeholder, Verdict::Incomplete), (Kind::Missing, Verdict::Incomplete), (Kind::Incomplete, Verdict::Incomplete)],
        scope: Scope::Document,
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
- by name and contact details: an email address or phone number next to
  the role, in its table row (or under it, when the role heads a column,
  or in the party's column when the table has one column per party and a
  `Responsible Person` row), in its part of a paragraph (another role's
  contacts in the same paragraph do not count for it), or in the lines
  right under a heading or a `Role:` line naming it, or
- by position title only, when the draft also states that the contact
  details are kept in the parties' Policies and Procedures.

Findings:
- `missing`: the role is never mentioned;
- `incomplete`: the role is mentioned but nowhere designated;
- `placeholder`: the role's contact details are template slots or dummies
  (`[Name]`, `[email]`, `TBD`, `________`, `xxx-xxx-xxxx`,
  `(555) 555-5555`, `name@example.com`); in a paragraph, only those in the
  sentence naming the role count;
- `incomplete` (warning), with several plans (`mcps:`): when the
  designations name the plan they are for, a plan with none (each plan
  that signs designates its own MCP roles: our reading of APL 23-029).

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
or one column per party:
```markdown
| | MCP | County |
|---|---|---|
| Responsible Person | Dana Reyes | Lee Wong |
| Email | dana.reyes@goldenpoppy.org | lwong@alpinecounty.gov |
```
or, by title only:
```markdown
The MCP Responsible Person is the MCP's Director of Care Coordination.
Contact information for each Responsible Person and liaison is kept in
the Parties' Policies and Procedures.
```
Flagged: `The MCP Responsible Person is Dana Reyes, dana@plan.org. The
County Responsible Person is [Name].` (a placeholder for the County's).

## How to fix
Name the person and give an email or phone number next to the role, or
give the position title and state that contact details are in the
Parties' Policies and Procedures. Replace every placeholder contact. With
several plans, give each plan's row of the contacts exhibit its own person.",
    },
    run,
};

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let d = ctx.roles();
    let tree = &ctx.doc.tree;
    let units = &d.units;
    for rd in &d.roles {
        let (role, templates) = (rd.role, rd.templates.clone());
        let def = &role.def;
        let who = if def.party == RoleParty::Mcp {
            "the MCP"
        } else {
            "the other party"
        };
        let requires = ctx.catalog.templates_phrase(&templates);
        let verb = if templates.len() > 1 {
            "require"
        } else {
            "requires"
        };
        let mut note = format!(
            "{requires} {verb} {who} to designate the {} ({})",
            def.title, role.citation
        );
        if let Some(change) = ctx.catalog.role_change_note(&role.pack) {
            note.push_str("; ");
            note.push_str(change);
        }
        let help = def.help.clone().unwrap_or_else(|| {
            format!(
                "name the {} with an email or phone number next to the role, or give the position title and state that contact details are in the Parties' Policies and Procedures",
                def.title
            )
        });
        let base = |kind: Kind, sev: Severity, msg: String| {
            Diagnostic::new(ID, kind, sev, msg)
                .with_templates(templates.clone())
                .with_help(help.clone())
                .with_note(note.clone())
        };
        let mine = &rd.mentions;
        if mine.is_empty() {
            out.push(base(
                Kind::Missing,
                Severity::Error,
                format!("no {} is designated: {requires} {verb} one", def.title),
            ));
            continue;
        }
        let (designated, dummies) = (&rd.designated, &rd.placeholders);
        for (m, _, k, r) in dummies {
            let shown = &units[*k].text[r.clone()];
            out.push(
                base(
                    Kind::Placeholder,
                    Severity::Error,
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
        if designated.is_empty() && dummies.is_empty() {
            // Point at the mention that reads most like a designation.
            let best = mine
                .iter()
                .find(|m| units[m.unit].text.to_ascii_lowercase().contains("designat"))
                .unwrap_or(&mine[0]);
            out.push(
                base(
                    Kind::Incomplete,
                    Severity::Error,
                    format!(
                        "the {} is named but not designated: no name with contact details, and no position title with a statement that contact details are in the Parties' Policies and Procedures",
                        def.title
                    ),
                )
                .with_span(units[best.unit].span(tree, best.range.clone()))
                .with_label("named here, with no contact details nearby"),
            );
        }
        if def.party != RoleParty::Mcp || d.plans.len() < 2 {
            continue;
        }
        // Several plans: when designations say which plan they are for,
        // every plan needs one (or a placeholder already reported).
        let names = |reach: &[Stretch], plan: &Plan| {
            reach
                .iter()
                .any(|st| plan.named_in(&units[st.unit].text[st.range.clone()]))
        };
        let Some((example, _)) = designated
            .iter()
            .find(|(_, r)| d.plans.iter().any(|p| names(r, p)))
        else {
            continue;
        };
        for plan in &d.plans {
            let covered = designated.iter().any(|(_, r)| names(r, plan))
                || dummies.iter().any(|(_, r, _, _)| names(r, plan));
            if covered {
                continue;
            }
            out.push(
                base(
                    Kind::Incomplete,
                    Severity::Warning,
                    format!(
                        "no {} is designated for `{}`: the MOU designates one for another plan",
                        def.title, plan.name.value
                    ),
                )
                .advisory()
                .with_span(plan.name.span)
                .with_label(format!("a plan with no {}", def.title))
                .with_secondary(
                    units[example.unit].span(tree, example.range.clone()),
                    "designated for another plan here",
                )
                .with_help(format!(
                    "designate {}'s {} next to its name, as for the other plans (a row of the contacts exhibit naming the plan)",
                    plan.name.value, def.title
                )),
            );
        }
    }
}
