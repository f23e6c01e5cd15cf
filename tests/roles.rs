//! Roles (`doc.role`) and parties (`doc.parties`) against small packs
//! written here, so these tests do not move when the bundled packs grow.

mod common;

use common::lint_source;
use moulint::catalog::Catalog;
use moulint::diagnostic::{Diagnostic, Kind, Severity};
use moulint::source::SourceFile;

const BASE: &str = r#"
id: base
title: Base MOU Template
kind: base
citation: APL 23-029
entity_types:
  - {id: continuum-of-care, title: Continuum of Care}
roles:
  - id: mcp-responsible-person
    title: MCP Responsible Person
    party: mcp
    patterns: ['\bmcp(?:''s)?\s+responsible persons?\b']
  - id: party-responsible-person
    title: Third-Party Responsible Person
    party: other
    patterns: ['\b(?:third[- ]party(?: entity)?|county|center)(?:''s)?\s+responsible persons?\b']
"#;

const CCW: &str = r#"
id: ccw
title: County Child Welfare
kind: bespoke
citation: APL 23-029
includes: [base]
entity_types:
  - {id: county-child-welfare, title: County child welfare agency}
roles:
  - id: child-welfare-liaison
    title: MCP Child Welfare Liaison
    party: mcp
    citation: APL 24-013
    patterns: ['\bchild welfare liaisons?\b']
"#;

const RC: &str = r#"
id: regional-center
title: Regional Center
kind: bespoke
citation: APL 23-029
includes: [base]
entity_types:
  - {id: regional-center, title: Regional Center}
roles:
  - id: ltss-liaison
    title: LTSS Liaison
    party: mcp
    citation: APL 24-009
    patterns: ['\bltss liaisons?\b']
"#;

const IHSS: &str = r#"
id: ihss
title: In-Home Supportive Services
kind: bespoke
citation: APL 23-029
includes: [base]
entity_types:
  - {id: county-ihss, title: County IHSS program}
roles:
  - id: ltss-liaison
    title: LTSS Liaison
    party: mcp
    citation: APL 24-009
    patterns: ['\bltss liaisons?\b']
"#;

const JUSTICE: &str = r#"
id: justice
title: Correctional facilities
kind: bespoke
citation: APL 23-029
includes: [base]
entity_types:
  - {id: county-jail, title: County jail}
  - {id: cdcr, title: CDCR}
"#;

fn catalog() -> Catalog {
    Catalog::from_sources(
        [
            ("base", BASE),
            ("ccw", CCW),
            ("regional-center", RC),
            ("ihss", IHSS),
            ("justice", JUSTICE),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
    )
    .expect("test packs load")
}

/// A draft with the given front matter lines (after `template`) and body.
fn draft(template: &str, party_type: &str, body: &str) -> String {
    format!(
        "---\ntemplate: {template}\nmcp: Golden Poppy Health Plan\nother_party:\n  name: Alpine County\n  type: {party_type}\ncounties: [Alpine]\nstatus: draft\n---\n# MOU\n\nThis MOU is made between Golden Poppy Health Plan (\"MCP\") and Alpine County (\"County\").\n\n## 1. Terms\n\n{body}\n\n## Signatures\n\n**Golden Poppy Health Plan**  \nBy: ____\n\n**Alpine County**  \nBy: ____\n"
    )
}

fn findings(text: &str, id: &str) -> Vec<Diagnostic> {
    let cat = catalog();
    let r = lint_source(SourceFile::new("t.md", text.to_string()), &cat);
    r.diagnostics.into_iter().filter(|d| d.id == id).collect()
}

fn spanned<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    let s = d.span.expect("a span");
    &text[s.offset..s.end()]
}

const DESIGNATED: &str = "MCP Responsible Person: Dana Reyes, dana@goldenpoppy.org.\n\nCounty Responsible Person: Lee Wong, (530) 555-0190.";

#[test]
fn designated_roles_pass() {
    let t = draft("base", "continuum-of-care", DESIGNATED);
    assert!(findings(&t, "doc.role").is_empty());
}

#[test]
fn a_role_never_named_is_missing_and_says_which_template_requires_it() {
    let t = draft("ccw", "county-child-welfare", DESIGNATED);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, Kind::Missing);
    assert!(
        f[0].message.contains("MCP Child Welfare Liaison"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("County Child Welfare (`ccw`)"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].templates, vec!["ccw"]);
    assert!(f[0].note.as_deref().unwrap().contains("APL 24-013"));
}

#[test]
fn a_role_named_without_contacts_is_incomplete_at_the_mention() {
    let body = format!(
        "{DESIGNATED}\n\nThe MCP shall designate a Child Welfare Liaison for foster youth."
    );
    let t = draft("ccw", "county-child-welfare", &body);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, Kind::Incomplete);
    assert_eq!(spanned(&t, &f[0]), "Child Welfare Liaison");
}

#[test]
fn placeholder_contacts_are_flagged_at_the_mention() {
    for dummy in [
        "[Name], [email]",
        "TBD",
        "xxx-xxx-xxxx",
        "name@example.com",
        "(XXX) XXX-XXXX",
    ] {
        let body = format!("MCP Responsible Person: {dummy}\n\nCounty Responsible Person: Lee Wong, lwong@alpine.ca.gov");
        let t = draft("base", "continuum-of-care", &body);
        let f = findings(&t, "doc.role");
        assert_eq!(f.len(), 1, "{dummy}: {f:#?}");
        assert_eq!(f[0].kind, Kind::Placeholder, "{dummy}");
        assert_eq!(spanned(&t, &f[0]), "MCP Responsible Person");
        // Each placeholder of the line is a label of the one finding.
        let slots = dummy.matches('[').count().max(1);
        assert_eq!(f[0].labels.len(), slots, "{dummy}");
    }
}

#[test]
fn a_table_row_designates() {
    let body = "| Role | Name | Email |\n|---|---|---|\n| MCP Responsible Person | Dana Reyes | dana@goldenpoppy.org |\n| County Responsible Person | Lee Wong | lwong@alpine.ca.gov |";
    let t = draft("base", "continuum-of-care", body);
    assert!(findings(&t, "doc.role").is_empty());
    // The other row's contacts do not designate a row without them.
    let body = "| Role | Name | Email |\n|---|---|---|\n| MCP Responsible Person | Dana Reyes | |\n| County Responsible Person | Lee Wong | lwong@alpine.ca.gov |";
    let t = draft("base", "continuum-of-care", body);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(spanned(&t, &f[0]), "MCP Responsible Person");
}

#[test]
fn a_heading_or_lead_line_reaches_the_lines_under_it() {
    let body = "### MCP Responsible Person\n\nDana Reyes, Director\n\ndana@goldenpoppy.org\n\n- County Responsible Person:\n  - Lee Wong\n  - (530) 555-0190";
    let t = draft("base", "continuum-of-care", body);
    assert!(
        findings(&t, "doc.role").is_empty(),
        "{:#?}",
        findings(&t, "doc.role")
    );
}

#[test]
fn titles_count_only_with_the_policies_and_procedures_statement() {
    let titles = "The MCP Responsible Person is the MCP's Director of Care Coordination.\n\nThe Deputy Director of Health serves as the County Responsible Person.";
    let t = draft("base", "continuum-of-care", titles);
    assert_eq!(findings(&t, "doc.role").len(), 2);
    let body = format!("{titles}\n\nContact information for the Responsible Persons is kept in the Parties' Policies and Procedures.");
    let t = draft("base", "continuum-of-care", &body);
    assert!(findings(&t, "doc.role").is_empty());
    // A drafting note saying so is not the statement.
    let body = format!("{titles}\n\n[Drafting Note: contact details may be kept in the Parties' policies and procedures.]");
    let t = draft("base", "continuum-of-care", &body);
    assert_eq!(findings(&t, "doc.role").len(), 2);
}

#[test]
fn the_mcp_role_is_not_mistaken_for_the_other_partys() {
    // "County Responsible Person" pattern must not see the MCP's.
    let body = "MCP Responsible Person: Dana Reyes, dana@goldenpoppy.org.";
    let t = draft("base", "continuum-of-care", body);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Third-Party Responsible Person"));
}

#[test]
fn combined_templates_require_each_role_once_and_name_both_templates() {
    let t = draft("[ihss, regional-center]", "regional-center", DESIGNATED);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].templates, vec!["ihss", "regional-center"]);
    assert!(
        f[0].message.contains("templates require"),
        "{}",
        f[0].message
    );
}

#[test]
fn entity_type_must_fit_the_template() {
    let t = draft("regional-center", "county-jail", DESIGNATED);
    let f = findings(&t, "doc.parties");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, Kind::Invalid);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(spanned(&t, &f[0]), "county-jail");
    assert!(f[0]
        .help
        .as_deref()
        .unwrap()
        .contains("`template: justice`"));
    // Combined: one fitting template is enough.
    let t = draft("[ihss, regional-center]", "regional-center", DESIGNATED);
    assert!(findings(&t, "doc.parties").is_empty());
}

#[test]
fn base_with_an_entity_that_has_a_bespoke_template_cites_the_seed_rule() {
    let t = draft("base", "county-child-welfare", DESIGNATED);
    let f = findings(&t, "doc.parties");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0]
        .message
        .contains("the Bespoke template must be used for every MOU the MCP Contract requires"));
    assert!(f[0].help.as_deref().unwrap().contains("`template: ccw`"));
    assert!(f[0].note.as_deref().unwrap().contains("APL 23-029"));
}

#[test]
fn unknown_entity_types_get_a_suggestion() {
    let t = draft("regional-center", "regional-centre", DESIGNATED);
    let f = findings(&t, "doc.parties");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0]
        .help
        .as_deref()
        .unwrap()
        .starts_with("did you mean `regional-center`?"));
    let t = draft("base", "homeless-coalition", DESIGNATED);
    let f = findings(&t, "doc.parties");
    assert_eq!(
        f[0].severity,
        Severity::Warning,
        "Base serves unlisted agencies"
    );
}

#[test]
fn parties_must_be_in_the_preamble_and_signatures() {
    let t = draft("base", "continuum-of-care", DESIGNATED)
        .replace(
            "mcp: Golden Poppy Health Plan",
            "mcps: [Golden Poppy Health Plan, Blue Oak Health]",
        )
        .replace(
            "status: draft",
            "status: draft\nsubcontractors: [Redwood Health Network]",
        );
    let f = findings(&t, "doc.parties");
    let spans: Vec<&str> = f.iter().map(|d| spanned(&t, d)).collect();
    assert_eq!(
        spans,
        [
            "Blue Oak Health",
            "Blue Oak Health",
            "Redwood Health Network",
            "Redwood Health Network"
        ],
        "{f:#?}"
    );
    assert!(f
        .iter()
        .all(|d| d.kind == Kind::Missing && d.severity == Severity::Error));
}

#[test]
fn names_compare_without_case_punctuation_or_corporate_suffixes() {
    let t = draft("base", "continuum-of-care", DESIGNATED)
        .replace(
            "mcp: Golden Poppy Health Plan",
            "mcp: \"Golden Poppy Health Plan, Inc.\"",
        )
        .replace(
            "**Golden Poppy Health Plan**",
            "**GOLDEN POPPY HEALTH PLAN LLC**",
        )
        .replace(
            "between Golden Poppy Health Plan",
            "between The Golden Poppy Health Plan",
        );
    assert!(
        findings(&t, "doc.parties").is_empty(),
        "{:#?}",
        findings(&t, "doc.parties")
    );
}

#[test]
fn a_party_in_the_text_but_not_the_front_matter_is_flagged_at_the_name() {
    let t = draft("base", "continuum-of-care", DESIGNATED).replace(
        "(\"MCP\") and",
        "(\"MCP\"), Redwood Health Network (\"Redwood\") and",
    );
    let f = findings(&t, "doc.parties");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(spanned(&t, &f[0]), "Redwood Health Network");
}

#[test]
fn one_party_named_two_ways_is_one_finding_at_the_text() {
    let t = draft("base", "continuum-of-care", DESIGNATED).replace(
        "and Alpine County (\"County\")",
        "and the Alpine Health and Human Services Agency (\"County\")",
    );
    let f = findings(&t, "doc.parties");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, Kind::Invalid);
    assert_eq!(
        spanned(&t, &f[0]),
        "the Alpine Health and Human Services Agency"
    );
    assert!(
        f[0].message.contains("the front matter `Alpine County`"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_county_is_the_same_party_written_either_way() {
    // "the County of Alpine" is "Alpine County"; word processors curl apostrophes.
    let t = draft("base", "continuum-of-care", DESIGNATED)
        .replace(
            "and Alpine County (\"County\")",
            "and the County of Alpine (\"County\")",
        )
        .replace("**Alpine County**", "**COUNTY OF ALPINE**");
    assert!(
        findings(&t, "doc.parties").is_empty(),
        "{:#?}",
        findings(&t, "doc.parties")
    );
    let t = draft("base", "continuum-of-care", DESIGNATED)
        .replace(
            "name: Alpine County",
            "name: Alpine County Sheriff\u{2019}s Office",
        )
        .replace("Alpine County (", "Alpine County Sheriff's Office (")
        .replace("**Alpine County**", "**Alpine County Sheriff's Office**");
    assert!(
        findings(&t, "doc.parties").is_empty(),
        "{:#?}",
        findings(&t, "doc.parties")
    );
}

#[test]
fn a_different_party_is_not_taken_for_the_missing_one() {
    // A signature table naming another plan instead of the County: the
    // County is missing and the plan is unlisted, not "one party named two ways".
    let t = draft("base", "continuum-of-care", DESIGNATED).replace(
        "**Golden Poppy Health Plan**  \nBy: ____\n\n**Alpine County**  \nBy: ____\n",
        "| Golden Poppy Health Plan | Blue Oak Health |\n|---|---|\n| By: ____ | By: ____ |\n",
    );
    let f = findings(&t, "doc.parties");
    let got: Vec<(Kind, Severity, &str)> = f
        .iter()
        .map(|d| (d.kind, d.severity, spanned(&t, d)))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Missing, Severity::Error, "Alpine County"),
            (Kind::Missing, Severity::Warning, "Blue Oak Health")
        ],
        "{f:#?}"
    );
    assert!(
        f[1].message.contains("signature blocks"),
        "{}",
        f[1].message
    );
}

#[test]
fn a_signatures_clause_in_the_general_provisions_is_not_the_signature_page() {
    let body = format!("{DESIGNATED}\n\n**1.2 Counterparts; Signatures.** Electronic signatures count as originals.");
    let t = draft("base", "continuum-of-care", &body);
    assert!(
        findings(&t, "doc.parties").is_empty(),
        "{:#?}",
        findings(&t, "doc.parties")
    );
    // Signature lines with no heading, after "In Witness Whereof".
    let w = t.replace(
        "## Signatures\n",
        "IN WITNESS WHEREOF, the Parties sign this MOU.\n",
    );
    assert!(
        findings(&w, "doc.parties").is_empty(),
        "{:#?}",
        findings(&w, "doc.parties")
    );
    // A clause titled only "Signatures", then signature lines with no heading.
    let body =
        format!("{DESIGNATED}\n\n**1.2 Signatures.** Electronic signatures count as originals.\n\n**1.3 Notices.** Notices go to the Responsible Persons.");
    let t = draft("base", "continuum-of-care", &body).replace("## Signatures\n", "");
    assert!(
        findings(&t, "doc.parties").is_empty(),
        "{:#?}",
        findings(&t, "doc.parties")
    );
}

#[test]
fn other_slots_near_a_designated_role_are_not_placeholder_contacts() {
    let body = format!("{DESIGNATED}\n\nThe MCP Responsible Person meets the County at least [number] times a year.");
    let t = draft("base", "continuum-of-care", &body);
    assert!(
        findings(&t, "doc.role").is_empty(),
        "{:#?}",
        findings(&t, "doc.role")
    );
}

fn role_findings(body: &str) -> Vec<(Kind, String, String)> {
    let t = draft("base", "continuum-of-care", body);
    findings(&t, "doc.role")
        .iter()
        .map(|d| (d.kind, d.message.clone(), spanned(&t, d).to_string()))
        .collect()
}

#[test]
fn two_roles_in_one_paragraph_keep_their_own_contacts() {
    // The County's slot is not the MCP's placeholder...
    let f = role_findings("The MCP Responsible Person is Dana Reyes, dana@goldenpoppy.org. The County Responsible Person is [Name], [Email].");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].0, Kind::Placeholder);
    assert_eq!(f[0].2, "County Responsible Person");
    // ...and the MCP's email does not designate the County's person.
    let f = role_findings("The MCP Responsible Person is Dana Reyes, dana@goldenpoppy.org, and the County Responsible Person will be named later.");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].0, f[0].2.as_str()),
        (Kind::Incomplete, "County Responsible Person")
    );
    // Contacts before the role, one clause each; and two roles joined by "and".
    for ok in [
        "Dana Reyes, dana@goldenpoppy.org, is the MCP Responsible Person, and Lee Wong, lwong@alpine.ca.gov, is the County Responsible Person.",
        "Dana Reyes (dana@goldenpoppy.org) and Lee Wong (lwong@alpine.ca.gov) are the MCP Responsible Person and the County Responsible Person, respectively.",
        "The MCP Responsible Person is Dr. Dana Reyes, dana@goldenpoppy.org, and the County Responsible Person is Lee Wong, lwong@alpine.ca.gov.",
    ] {
        assert!(role_findings(ok).is_empty(), "{ok}: {:#?}", role_findings(ok));
    }
}

#[test]
fn a_tbd_elsewhere_in_the_paragraph_is_no_placeholder_contact() {
    let f = role_findings(&format!(
        "{DESIGNATED} The schedule of the quarterly meetings is TBD."
    ));
    assert!(f.is_empty(), "{f:#?}");
    let f = role_findings("The MCP Responsible Person is TBD.\n\nCounty Responsible Person: Lee Wong, (530) 555-0190.");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].0, Kind::Placeholder);
}

#[test]
fn blanks_and_sample_numbers_are_placeholder_contacts() {
    for dummy in [
        "Name: ________ Email: ________",
        "(555) 555-5555",
        "123-456-7890",
    ] {
        let f = role_findings(&format!(
            "MCP Responsible Person: Dana Reyes, {dummy}\n\nCounty Responsible Person: Lee Wong, lwong@alpine.ca.gov"
        ));
        assert_eq!(f.len(), 1, "{dummy}: {f:#?}");
        assert_eq!(f[0].0, Kind::Placeholder, "{dummy}");
        assert_eq!(f[0].2, "MCP Responsible Person");
    }
}

#[test]
fn table_layouts_designate() {
    for ok in [
        // Roles heading the columns, contacts under them.
        "| MCP Responsible Person | County Responsible Person |\n|---|---|\n| Dana Reyes | Lee Wong |\n| dana@goldenpoppy.org | lwong@alpine.ca.gov |",
        // The party heading a column, the role labelling a row.
        "| | MCP | County |\n|---|---|---|\n| Responsible Person | Dana Reyes, dana@goldenpoppy.org | Lee Wong, lwong@alpine.ca.gov |",
        // ...with the contacts in the rows under the role's row.
        "| | MCP | County |\n|---|---|---|\n| Responsible Person | Dana Reyes | Lee Wong |\n| Email | dana@goldenpoppy.org | lwong@alpine.ca.gov |",
        // The party labelling a row, the role heading a column.
        "| Party | Responsible Person | Email |\n|---|---|---|\n| MCP | Dana Reyes | dana@goldenpoppy.org |\n| County | Lee Wong | lwong@alpine.ca.gov |",
        // Position titles only, with the Policies and Procedures statement.
        "| Role | Title |\n|---|---|\n| MCP Responsible Person | Director of Care Coordination |\n| County Responsible Person | Deputy Director |\n\nContact information for each Responsible Person is kept in the Parties' Policies and Procedures.",
    ] {
        assert!(role_findings(ok).is_empty(), "{ok}\n{:#?}", role_findings(ok));
    }
    // The cell under the party is what counts, and the finding points at
    // the row's label; a header spanning two cells is no mention.
    let f = role_findings("| | MCP | County |\n|---|---|---|\n| Responsible Person | Dana Reyes, dana@goldenpoppy.org | [Name] |");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].0, Kind::Placeholder);
    assert!(
        f[0].1.contains("Third-Party Responsible Person"),
        "{}",
        f[0].1
    );
    assert_eq!(f[0].2, "Responsible Person");
    let f = role_findings("| Party | Responsible Person | Email |\n|---|---|---|\n| MCP | Dana Reyes | dana@goldenpoppy.org |\n| County | Lee Wong | |");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].0, f[0].2.as_str()), (Kind::Incomplete, "County"));
}

#[test]
fn a_row_without_contacts_does_not_borrow_the_next_rows() {
    let f = role_findings("| Role | Name | Email |\n|---|---|---|\n| MCP Responsible Person | | |\n| MCP Liaison | Kevin Tran | ktran@goldenpoppy.org |\n| County Responsible Person | Lee Wong | lwong@alpine.ca.gov |");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].0, f[0].2.as_str()),
        (Kind::Incomplete, "MCP Responsible Person")
    );
}

#[test]
fn with_several_plans_each_plan_designates_its_own() {
    let rows = |rows: &str| {
        draft("base", "continuum-of-care", &format!("| Role | Party | Name | Email |\n|---|---|---|---|\n{rows}| County Responsible Person | Alpine County | Lee Wong | lwong@alpine.ca.gov |"))
            .replace(
                "mcp: Golden Poppy Health Plan",
                "mcps: [Golden Poppy Health Plan, Blue Oak Health]",
            )
    };
    let gp = "| MCP Responsible Person | Golden Poppy Health Plan | Dana Reyes | dana@goldenpoppy.org |\n";
    let t = rows(gp);
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].kind, Kind::Incomplete);
    assert_eq!(spanned(&t, &f[0]), "Blue Oak Health");
    assert!(t[..t.find("\n---\n").unwrap()].contains(spanned(&t, &f[0])));
    // Both plans designated, one person for both, or rows that name no plan.
    for ok in [
        format!("{gp}| MCP Responsible Person | Blue Oak Health | Sam Ortiz | sortiz@blueoak.org |\n"),
        "| MCP Responsible Person | Golden Poppy Health Plan and Blue Oak Health | Dana Reyes | dana@goldenpoppy.org |\n".to_string(),
        "| MCP Responsible Person | | Dana Reyes | dana@goldenpoppy.org |\n".to_string(),
    ] {
        let t = rows(&ok);
        assert!(findings(&t, "doc.role").is_empty(), "{ok}\n{:#?}", findings(&t, "doc.role"));
    }
    // A plan's placeholder row is reported once, as a placeholder.
    let t = rows(&format!(
        "{gp}| MCP Responsible Person | Blue Oak Health | [Name] | [Email] |\n"
    ));
    let f = findings(&t, "doc.role");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind, Kind::Placeholder);
}
