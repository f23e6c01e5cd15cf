//! The front matter validator's findings and typed result over a corpus of
//! front matters, pinned as one snapshot: every finding's kind, severity,
//! message, label, help and span text, in order, and every `FrontMatter`
//! field with the text its span covers.

use std::fmt::Write as _;

use moulint::diagnostic::Span;
use moulint::frontmatter::{parse, Sp};

/// Front matters (the YAML between the fences) and what each exercises.
const CORPUS: &[(&str, &str)] = &[
    (
        "every key, valid",
        "template: [base, mhp]\ntemplate_version: \"2024.1\"\nmcps: [Golden Poppy, Blue Lupine]\n\
         other_party:\n  name: Sierra Vista CoC\n  type: continuum-of-care\ncounties: [Alpine, Mono]\n\
         subcontractors: [Kaiser]\neffective_date: upon execution\nexecution_date: 2025-01-02\n\
         status: executed",
    ),
    ("empty block", ""),
    ("a comment only", "# nothing here"),
    ("root is a list", "- template\n- base"),
    ("root is a string", "template base"),
    ("root is a number", "42"),
    (
        "keys that are not strings",
        "1: x\ntrue: y\n~: z\ntemplate: base\nmcp: A\nother_party: {name: B, type: coc}\ncounties: [C]\nstatus: draft",
    ),
    (
        "a key given twice",
        "template: base\nmcp: A\ntemplate: mhp\nother_party: {name: B, type: coc}\ncounties: [C]\nstatus: draft",
    ),
    (
        "an unknown key given twice",
        "zzz: 1\nzzz: 2\ntemplate: base\nmcp: A\nother_party: {name: B, type: coc}\ncounties: [C]\nstatus: draft",
    ),
    ("template empty", "template:\nmcp: A"),
    ("template empty list", "template: []\nmcp: A"),
    ("template list of non-strings", "template: [true, 5, [x], {a: b}]"),
    ("template list partly valid", "template: [base, false]"),
    ("template a mapping", "template: {id: base}"),
    ("template a boolean", "template: yes"),
    ("template true", "template: true"),
    ("template a number", "template: 7"),
    ("template a float", "template: 1.5"),
    ("template an empty string", "template: \"\""),
    ("template_version a float", "template_version: 2024.1"),
    ("template_version a boolean", "template_version: false"),
    ("template_version a list", "template_version: [1]"),
    ("template_version empty", "template_version:"),
    ("mcp a number", "mcp: 5"),
    ("mcp a boolean", "mcp: true"),
    ("mcp empty", "mcp:"),
    ("mcp a list", "mcp: [A, B]"),
    ("mcp a mapping", "mcp: {name: A}"),
    ("mcps a string", "mcps: Golden Poppy"),
    ("mcps partly valid", "mcps: [A, true, 3, [x]]"),
    ("mcps a number", "mcps: 5"),
    ("mcps a mapping", "mcps: {a: b}"),
    ("mcps empty", "mcps:"),
    ("mcp and mcps", "template: base\nmcp: A\nmcps: [B, C]"),
    ("mcps before mcp", "mcps: [B, C]\ntemplate: base\nmcp: A"),
    ("mcp twice and mcps", "mcp: A\nmcp: B\nmcps: [C]"),
    ("mcp and mcps both invalid", "mcp: [A]\nmcps: 5"),
    ("neither mcp nor mcps", "template: base\nstatus: draft"),
    ("other_party a string", "other_party: Sierra Vista"),
    ("other_party empty", "other_party:"),
    ("other_party a list", "other_party: [a, b]"),
    ("other_party an empty mapping", "other_party: {}"),
    ("other_party without type", "other_party:\n  name: Sierra Vista"),
    ("other_party without name", "other_party: {type: coc}"),
    (
        "other_party misspelt key",
        "other_party:\n  nam: Sierra Vista\n  type: coc",
    ),
    (
        "other_party unknown key",
        "other_party:\n  name: Sierra Vista\n  type: coc\n  zzz: 1",
    ),
    (
        "other_party keys that are not strings",
        "other_party: {1: a, name: B, type: C}",
    ),
    (
        "other_party values of the wrong type",
        "other_party:\n  name: true\n  type: [a]",
    ),
    (
        "other_party numbers",
        "other_party:\n  name: 12\n  type: 3.5",
    ),
    (
        "other_party nested mapping",
        "other_party:\n  name: {first: A}\n  type:",
    ),
    ("counties a string", "counties: Alpine"),
    ("counties partly valid", "counties: [Alpine, 5, true, [x]]"),
    ("counties a number", "counties: 5"),
    ("counties empty", "counties:"),
    ("counties a mapping", "counties: {a: b}"),
    ("counties empty list", "counties: []"),
    ("subcontractors a string", "subcontractors: Kaiser"),
    ("subcontractors a boolean", "subcontractors: false"),
    ("subcontractors partly valid", "subcontractors: [Kaiser, null]"),
    (
        "dates as text",
        "effective_date: 2025-01-01\nexecution_date: \"not yet\"",
    ),
    ("dates as numbers", "effective_date: 20250101\nexecution_date: 2025.5"),
    ("dates of the wrong type", "effective_date: true\nexecution_date: [2025-01-01]"),
    ("dates empty", "effective_date:\nexecution_date:"),
    ("status draft", "status: draft"),
    ("status submitted", "status: submitted"),
    ("status capitalised", "status: Draft"),
    ("status misspelt", "status: exectued"),
    ("status unknown", "status: signed"),
    ("status far off", "status: zzz"),
    ("status a number", "status: 5"),
    ("status a boolean", "status: true"),
    ("status empty", "status:"),
    ("status a list", "status: [draft]"),
    ("status quoted", "status: \"submitted\""),
    (
        "unknown keys",
        "efective_date: 2025-01-01\ncounty: [Alpine]\nzzz: 1\nTemplate: base\nmcp_name: A\nother: x",
    ),
    ("only unknown keys", "foo: bar"),
    (
        "everything wrong at once",
        "status: signed\ntemplate: {}\nmcps: 3\nmcp: true\nother_party: {nam: X, 2: y}\n\
         counties: 4\nfoo: 1",
    ),
    (
        "a key given twice, once quoted",
        "\"template\": base\ntemplate: mhp",
    ),
    (
        "a sub-key given twice",
        "other_party: {name: A, name: B, type: coc}",
    ),
    ("a number key and its text", "1: a\n\"1\": b"),
    ("a list as a key", "? [a, b]\n: c\ntemplate: base"),
    ("a merge key", "<<: {template: base, mcp: A}\nstatus: draft"),
    ("an anchor and alias", "mcp: &m A\nsubcontractors: [*m]"),
    ("a key with accents", "cómo: x"),
];

fn text_of(text: &str, s: Span) -> String {
    format!(
        "`{}`",
        text.get(s.offset..s.end()).unwrap_or("<out of range>")
    )
}

fn line_col(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

fn sp<T: std::fmt::Debug>(text: &str, s: &Sp<T>) -> String {
    format!("{:?} {}", s.value, text_of(text, s.span))
}

fn sps<T: std::fmt::Debug>(text: &str, v: &[Sp<T>]) -> String {
    let items: Vec<String> = v.iter().map(|s| sp(text, s)).collect();
    format!("[{}]", items.join(", "))
}

fn opt<T: std::fmt::Debug>(text: &str, s: &Option<Sp<T>>) -> String {
    s.as_ref().map_or("-".to_string(), |s| sp(text, s))
}

fn render(title: &str, yaml: &str) -> String {
    let text = format!("---\n{yaml}\n---\n# Body\n");
    let p = parse(&text);
    let mut out = String::new();
    writeln!(out, "## {title}").unwrap();
    for line in yaml.lines() {
        writeln!(out, "    {line}").unwrap();
    }
    writeln!(out, "fatal: {}, body starts at {}", p.fatal, p.body_start).unwrap();
    for d in &p.diagnostics {
        write!(
            out,
            "- {} {} {}",
            d.id,
            d.kind.as_str(),
            d.severity.as_str()
        )
        .unwrap();
        match d.span {
            Some(s) => write!(
                out,
                " at {} {} (+{})",
                line_col(&text, s.offset),
                text_of(&text, s),
                s.length
            )
            .unwrap(),
            None => write!(out, " (no span)").unwrap(),
        }
        writeln!(out, ": {}", d.message).unwrap();
        if let Some(l) = &d.label {
            writeln!(out, "    label: {l}").unwrap();
        }
        for l in &d.labels {
            writeln!(
                out,
                "    secondary {}: {}",
                text_of(&text, l.span),
                l.message
            )
            .unwrap();
        }
        if let Some(h) = &d.help {
            writeln!(out, "    help: {h}").unwrap();
        }
        if let Some(n) = &d.note {
            writeln!(out, "    note: {n}").unwrap();
        }
    }
    if let Some(fm) = &p.front {
        let mut fields = Vec::new();
        fields.push(format!("templates {}", sps(&text, &fm.templates)));
        if let Some(k) = fm.template_key {
            fields.push(format!("template_key {}", text_of(&text, k)));
        }
        fields.push(format!(
            "template_version {}",
            opt(&text, &fm.template_version)
        ));
        fields.push(format!("mcps {}", sps(&text, &fm.mcps)));
        let party = &fm.other_party;
        fields.push(format!(
            "other_party {} name {} kind {}",
            party.span.map_or("-".to_string(), |s| text_of(&text, s)),
            opt(&text, &party.name),
            opt(&text, &party.kind)
        ));
        fields.push(format!("counties {}", sps(&text, &fm.counties)));
        fields.push(format!("subcontractors {}", sps(&text, &fm.subcontractors)));
        fields.push(format!("effective_date {}", opt(&text, &fm.effective_date)));
        fields.push(format!("execution_date {}", opt(&text, &fm.execution_date)));
        fields.push(format!("status {}", opt(&text, &fm.status)));
        fields.push(format!(
            "block {} root {}",
            text_of(&text, fm.span).len(),
            fm.root.is_some()
        ));
        for f in fields {
            writeln!(out, "  {f}").unwrap();
        }
    } else {
        writeln!(out, "  no front matter").unwrap();
    }
    out
}

#[test]
fn corpus_findings_and_fields() {
    let mut all = String::new();
    for (title, yaml) in CORPUS {
        all.push_str(&render(title, yaml));
        all.push('\n');
    }
    insta::assert_snapshot!("corpus", all);
}
