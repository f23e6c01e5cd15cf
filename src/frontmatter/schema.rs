//! The front matter schema: one table of the keys a draft may give, what
//! each takes, its type, whether it is required, and where its value goes
//! in [`FrontMatter`]. [`validate`] runs the generic validator over it.

use super::validate::{check_root, invalid, Checked, Field, Group, Type, Typed};
use super::{ContactChange, Dated, FrontMatter, GoodFaith, Party, Posted, Sp, Status};
use crate::diagnostic::Diagnostic;
use crate::yaml::{Node, Value};

/// The top-level keys, in the order help text lists them and missing keys
/// are reported.
pub const SCHEMA: &[Field] = &[
    Field::new(
        "template",
        "a template id, or a list of them for a combined MOU",
        Type::StringOrList,
    )
    .required("the template id, e.g. `base` or `[mhp, dmc-ods]`")
    .hook(names_a_template)
    .store(|fm, c| {
        fm.template_key = Some(c.key);
        fm.templates = c.value.strings();
    }),
    Field::new(
        "template_version",
        "the version of the template the draft follows",
        Type::String,
    )
    .store(|fm, c| fm.template_version = c.value.string()),
    Field::new("mcp", "the managed care plan's name", Type::String)
        .one_of(&PLANS)
        .store(|fm, c| fm.mcps.extend(c.value.string())),
    Field::new(
        "mcps",
        "a list of plan names, for an MOU signed by several plans",
        Type::StringOrList,
    )
    .one_of(&PLANS)
    .store(|fm, c| fm.mcps.extend(c.value.strings())),
    Field::new(
        "other_party",
        "a mapping with `name` and `type`",
        Type::Mapping(OTHER_PARTY),
    )
    .required("a mapping with `name` and `type`")
    .store(store_other_party),
    Field::new(
        "counties",
        "a list of counties the MOU covers",
        Type::StringOrList,
    )
    .required("a list of the counties the MOU covers")
    .store(|fm, c| fm.counties = c.value.strings()),
    Field::new(
        "subcontractors",
        "a list of Knox-Keene subcontractor plans that are parties to the MOU",
        Type::StringOrList,
    )
    .store(|fm, c| fm.subcontractors = c.value.strings()),
    // Dates stay strings here: `doc.dates` judges them, and `effective_date`
    // may also be `upon execution`.
    Field::new(
        "effective_date",
        "YYYY-MM-DD or `upon execution`",
        Type::String,
    )
    .store(|fm, c| fm.effective_date = c.value.string()),
    Field::new(
        "execution_date",
        "YYYY-MM-DD, the date all parties signed",
        Type::String,
    )
    .store(|fm, c| fm.execution_date = c.value.string()),
    Field::new(
        "status",
        "draft, submitted or executed",
        Type::OneOf(STATUS_WORDS),
    )
    .required("draft, submitted or executed")
    .store(|fm, c| {
        fm.status = c.value.word().map(|w| Sp {
            value: STATUSES[w.value],
            span: w.span,
        })
    }),
    // The records of an executed MOU (the `life.*` checks); a sidecar
    // `NAME.records.yaml` may hold them instead (see [`RECORDS`]).
    MEETINGS,
    ANNUAL_REVIEWS,
    CONTACT_CHANGES,
    POSTED,
    POSTED_COPY,
    GOOD_FAITH,
];

/// The keys of a report's front matter (a file whose front matter has
/// `report:`, such as the MOU Annual Report `moulint report annual`
/// writes): it is read against this table instead of [`SCHEMA`], so an
/// MOU's required keys are not asked of it.
pub const REPORT_SCHEMA: &[Field] = &[
    Field::new(
        "report",
        "the kind of report: `annual`",
        Type::OneOf(REPORT_KINDS),
    )
    .required("the kind of report: `annual`")
    .store(|fm, c| {
        let kind = c.value.word().map(|w| REPORT_KINDS[w.value].to_string());
        fm.report.get_or_insert_with(Default::default).kind = kind;
    }),
    Field::new("year", "the year the report covers, YYYY", Type::String)
        .required("the year the report covers, e.g. `2025`")
        .hook(is_a_year)
        .store(|fm, c| {
            let year = c.value.string().and_then(|s| s.value.trim().parse().ok());
            fm.report.get_or_insert_with(Default::default).year = year;
        }),
    Field::new("plan", "the managed care plan's name", Type::String).store(|fm, c| {
        fm.report.get_or_insert_with(Default::default).plan = c.value.string().map(|s| s.value);
    }),
    Field::new(
        "url",
        "where the report is published (http or https)",
        Type::String,
    )
    .store(|fm, c| {
        fm.report.get_or_insert_with(Default::default).url = c.value.string().map(|s| s.value);
    }),
];

/// `report`'s words.
const REPORT_KINDS: &[&str] = &["annual"];

/// Hook on a report's `year`: four digits.
fn is_a_year(_key: &Node, value: &Node, typed: &Typed, diags: &mut Vec<Diagnostic>) {
    let Typed::Str(s) = typed else { return };
    let t = s.value.trim();
    if !(t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())) {
        diags.push(invalid(
            value.span,
            format!("`year` must be a year, YYYY, found `{t}`"),
            "write the four digits of the year the report covers, e.g. `2025`",
        ));
    }
}

/// The keys of an executed MOU's records: in the front matter, or in a
/// sidecar `NAME.records.yaml` beside the draft (which takes only these).
pub const RECORDS: &[Field] = &[
    MEETINGS,
    ANNUAL_REVIEWS,
    CONTACT_CHANGES,
    POSTED,
    POSTED_COPY,
    GOOD_FAITH,
];

const MEETINGS: Field = Field::new(
    "meetings",
    "the quarterly meetings held: dates, or `{date, posted}`",
    Type::ListOf(&Type::DateOr(MEETING)),
)
.store(|fm, c| {
    fm.records.meetings_key = Some(c.key);
    fm.records.meetings = dated(c.value, "posted");
});

const ANNUAL_REVIEWS: Field = Field::new(
    "annual_reviews",
    "the annual reviews done: dates, or `{date, evidence_sent}`",
    Type::ListOf(&Type::DateOr(REVIEW)),
)
.store(|fm, c| {
    fm.records.annual_reviews_key = Some(c.key);
    fm.records.annual_reviews = dated(c.value, "evidence_sent");
});

const CONTACT_CHANGES: Field = Field::new(
    "contact_changes",
    "changes of Responsible Person or liaison: `{role, changed, notified}`",
    Type::ListOf(&Type::Mapping(CONTACT_CHANGE)),
)
.store(store_contact_changes);

const POSTED: Field = Field::new(
    "posted",
    "where and when the executed MOU was posted: `{url, date}`",
    Type::Mapping(POSTED_KEYS),
)
.store(store_posted);

const POSTED_COPY: Field = Field::new(
    "posted_copy",
    "the file of the copy posted (relative to the MOU file), to check its signature blocks",
    Type::String,
)
.store(|fm, c| {
    fm.records.posted_copy = c.value.string();
});

const GOOD_FAITH: Field = Field::new(
    "good_faith",
    "good-faith efforts to reach or execute the MOU: `{date, action}`",
    Type::ListOf(&Type::Mapping(GOOD_FAITH_ITEM)),
)
.store(|fm, c| {
    fm.records.good_faith = c
        .value
        .records()
        .into_iter()
        .filter_map(|mut r| {
            Some(GoodFaith {
                date: r.take("date").and_then(|c| c.value.date())?,
                action: r.take("action").and_then(|c| c.value.string())?,
            })
        })
        .collect();
});

/// An item of `good_faith`.
const GOOD_FAITH_ITEM: &[Field] = &[
    Field::new("date", "the day of the effort", Type::Date)
        .required("the day of the effort, YYYY-MM-DD"),
    Field::new("action", "what was done", Type::String)
        .required("what was done, e.g. `sent the draft to the county`"),
];

/// An item of `meetings` written as a mapping.
const MEETING: &[Field] = &[
    Field::new("date", "the day the meeting was held", Type::Date)
        .required("the day the meeting was held, YYYY-MM-DD"),
    Field::new(
        "posted",
        "the day its date and summary were posted",
        Type::Date,
    ),
];

/// An item of `annual_reviews` written as a mapping.
const REVIEW: &[Field] = &[
    Field::new("date", "the day the review was done", Type::Date)
        .required("the day the review was done, YYYY-MM-DD"),
    Field::new(
        "evidence_sent",
        "the day evidence of the review was sent to the state",
        Type::Date,
    ),
];

/// An item of `contact_changes`.
const CONTACT_CHANGE: &[Field] = &[
    Field::new(
        "role",
        "the role whose person changed, e.g. `MCP Responsible Person`",
        Type::String,
    )
    .required("the role whose person changed"),
    Field::new("changed", "the day the change took effect", Type::Date)
        .required("the day the change took effect, YYYY-MM-DD"),
    Field::new(
        "notified",
        "the day the state was notified of it",
        Type::Date,
    ),
];

/// `posted`'s sub-keys.
const POSTED_KEYS: &[Field] = &[
    Field::new("url", "the address of the posted copy", Type::String)
        .required("the address of the posted copy"),
    Field::new("date", "the day it was posted", Type::Date),
];

/// The dated items of a list of dates or `{date, <then>}` mappings; an
/// item whose date did not pass is left out (its finding is made).
fn dated(list: Typed, then: &str) -> Vec<Dated> {
    let Typed::List(items) = list else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Typed::Date(d) => Some(Dated {
                span: d.span,
                date: d,
                then: None,
                detailed: false,
            }),
            Typed::Map(mut r) => {
                let date = r.take("date").and_then(|c| c.value.date())?;
                Some(Dated {
                    span: date.span,
                    date,
                    then: r.take(then).and_then(|c| c.value.date()),
                    detailed: true,
                })
            }
            _ => None,
        })
        .collect()
}

fn store_contact_changes(fm: &mut FrontMatter, c: Checked) {
    fm.records.contact_changes_key = Some(c.key);
    fm.records.contact_changes = c
        .value
        .records()
        .into_iter()
        .filter_map(|mut r| {
            let changed = r.take("changed").and_then(|c| c.value.date())?;
            Some(ContactChange {
                role: r.take("role").and_then(|c| c.value.string()),
                changed,
                notified: r.take("notified").and_then(|c| c.value.date()),
            })
        })
        .collect();
}

fn store_posted(fm: &mut FrontMatter, c: Checked) {
    let key = c.key;
    let mut r = c.value.record();
    fm.records.posted = Some(Posted {
        key,
        url: r
            .as_mut()
            .and_then(|r| r.take("url"))
            .and_then(|c| c.value.string()),
        date: r
            .as_mut()
            .and_then(|r| r.take("date"))
            .and_then(|c| c.value.date()),
    });
}

/// `other_party`'s sub-keys.
const OTHER_PARTY: &[Field] = &[
    Field::new("name", "the other party's legal name", Type::String)
        .required("the other party's legal name"),
    Field::new(
        "type",
        "the kind of entity (see `moulint templates`)",
        Type::String,
    )
    .required("the kind of entity (see `moulint templates`)"),
];

/// One plan (`mcp`) or several (`mcps`), not both.
const PLANS: Group = Group {
    keys: &["mcp", "mcps"],
    missing: "the plan's name, or `mcps:` with a list",
    conflict: "use `mcps` for an MOU signed by several plans",
};

/// `status`'s words, in the order of [`STATUSES`].
const STATUS_WORDS: &[&str] = &["draft", "submitted", "executed"];
const STATUSES: [Status; 3] = [Status::Draft, Status::Submitted, Status::Executed];

/// The top-level keys and what each takes, from [`SCHEMA`].
pub const KEYS: &[(&str, &str)] = &keys_and_takes::<{ SCHEMA.len() }>(SCHEMA);

const fn keys_and_takes<const N: usize>(fields: &[Field]) -> [(&'static str, &'static str); N] {
    let mut out = [("", ""); N];
    let mut i = 0;
    while i < N {
        out[i] = (fields[i].key, fields[i].takes);
        i += 1;
    }
    out
}

/// Validates the front matter tree `root` (the block with its fences is
/// `fm.span`) against [`SCHEMA`] and fills `fm` from what passed.
/// A front matter with a `report` key is a report's, checked against
/// [`REPORT_SCHEMA`].
pub fn validate(root: &Node, fm: &mut FrontMatter, diags: &mut Vec<Diagnostic>) {
    let table = if root.get("report").is_some() {
        fm.report = Some(super::ReportMeta::default());
        REPORT_SCHEMA
    } else {
        SCHEMA
    };
    let Some(record) = check_root(root, fm.span, table, diags) else {
        return;
    };
    for (key, checked) in record.fields {
        if let Some(store) = table.iter().find(|f| f.key == key).and_then(|f| f.store) {
            store(fm, checked);
        }
    }
}

fn store_other_party(fm: &mut FrontMatter, c: Checked) {
    let mut party = Party {
        span: Some(c.span),
        ..Party::default()
    };
    if let Some(mut r) = c.value.record() {
        party.name = r.take("name").and_then(|c| c.value.string());
        party.kind = r.take("type").and_then(|c| c.value.string());
    }
    fm.other_party = party;
}

/// Hook on `template`: "`template` names no template", on the key, when
/// the value yields no template id: nothing, an empty list, or a list
/// whose every item is of the wrong type. A mapping, boolean or number
/// already has its "must be a list of strings" finding and gets no second.
fn names_a_template(key: &Node, value: &Node, typed: &Typed, diags: &mut Vec<Diagnostic>) {
    let wrong_type = matches!(
        value.value,
        Value::Map(_) | Value::Bool(_) | Value::Int(_) | Value::Float(_)
    );
    if typed.is_empty() && !wrong_type {
        diags.push(invalid(
            key.span,
            "`template` names no template",
            "name at least one template id (see `moulint templates`)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;
    use crate::frontmatter::{parse, Need};

    /// A complete front matter with `line` replaced (or removed when empty).
    fn draft(replace: &str, line: &str) -> String {
        let base = "template: base\nmcp: Golden Poppy\nother_party:\n  name: Sierra Vista\n  \
                    type: coc\ncounties: [Alpine]\nstatus: draft\n";
        let yaml = base.replace(replace, line);
        format!("---\n{yaml}---\n# Body\n")
    }

    /// The findings as (message, text under the span, help).
    fn findings(text: &str) -> Vec<(String, String, String)> {
        parse(text)
            .diagnostics
            .iter()
            .map(|d| {
                let s = d.span.expect("front matter findings have a span");
                (
                    d.message.clone(),
                    text[s.offset..s.end()].to_string(),
                    d.help.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn f(msg: &str, at: &str, help: &str) -> (String, String, String) {
        (msg.into(), at.into(), help.into())
    }

    #[test]
    fn a_complete_draft_has_no_findings_and_fills_the_fields() {
        let t = draft("", "");
        let p = parse(&t);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let fm = p.front.unwrap();
        assert_eq!(fm.templates[0].value, "base");
        assert_eq!(fm.mcps[0].value, "Golden Poppy");
        assert_eq!(fm.other_party.name.unwrap().value, "Sierra Vista");
        assert_eq!(fm.other_party.kind.unwrap().value, "coc");
        assert_eq!(fm.counties[0].value, "Alpine");
        assert_eq!(fm.status.unwrap().value, Status::Draft);
    }

    #[test]
    fn a_required_key_missing_points_at_the_opening_fence() {
        let t = draft("counties: [Alpine]\n", "");
        assert_eq!(
            findings(&t),
            [f(
                "front matter key `counties` is missing",
                "---",
                "add `counties:` (a list of the counties the MOU covers)"
            )]
        );
        let d = &parse(&t).diagnostics[0];
        assert_eq!(d.kind, Kind::Missing);
        assert_eq!(d.label.as_deref(), Some("front matter starts here"));
    }

    #[test]
    fn a_wrong_type_points_at_the_value() {
        let t = draft("counties: [Alpine]", "counties: 5");
        assert_eq!(
            findings(&t),
            [f(
                "`counties` must be a list of strings, found a number",
                "5",
                "write `[A, B]` or one item per line starting with `- `"
            )]
        );
        let t = draft("mcp: Golden Poppy", "mcp: [A]");
        assert_eq!(
            findings(&t),
            [f(
                "`mcp` must be a string, found a list",
                "[",
                "write the value as text"
            )]
        );
        assert!(parse(&t).front.unwrap().mcps.is_empty());
    }

    #[test]
    fn an_unknown_nested_key_gets_a_suggestion() {
        let t = draft("  name: Sierra Vista", "  nmae: Sierra Vista");
        assert_eq!(
            findings(&t),
            [
                f(
                    "unknown key `nmae` in `other_party`",
                    "nmae",
                    "did you mean `name`?"
                ),
                f(
                    "`other_party.name` is missing",
                    "other_party",
                    "add `name:` under `other_party` (the other party's legal name)"
                ),
            ]
        );
        let t = draft("  type: coc", "  type: coc\n  zzz: 1");
        assert_eq!(
            findings(&t),
            [f(
                "unknown key `zzz` in `other_party`",
                "zzz",
                "`other_party` takes `name` and `type`"
            )]
        );
    }

    #[test]
    fn mcp_and_mcps_exactly_one() {
        // Both: on `mcps`, wherever it is written.
        let both = || {
            f(
                "give either `mcp` or `mcps`, not both",
                "mcps",
                "use `mcps` for an MOU signed by several plans",
            )
        };
        let t = draft(
            "mcp: Golden Poppy",
            "mcp: Golden Poppy\nmcps: [Blue Lupine]",
        );
        assert_eq!(findings(&t), [both()]);
        let t = draft("template: base", "mcps: [Blue Lupine]\ntemplate: base");
        assert_eq!(findings(&t), [both()]);
        // Neither: `mcp` is missing.
        let t = draft("mcp: Golden Poppy\n", "");
        assert_eq!(
            findings(&t),
            [f(
                "front matter key `mcp` is missing",
                "---",
                "add `mcp:` (the plan's name, or `mcps:` with a list)"
            )]
        );
        // Either alone is fine.
        let t = draft("mcp: Golden Poppy", "mcps: [Golden Poppy, Blue Lupine]");
        assert!(findings(&t).is_empty());
        assert_eq!(parse(&t).front.unwrap().mcps.len(), 2);
    }

    #[test]
    fn unknown_status_words_get_a_suggestion() {
        let t = draft("status: draft", "status: submited");
        assert_eq!(
            findings(&t),
            [f(
                "unknown status `submited`",
                "submited",
                "did you mean `submitted`? status is draft, submitted or executed"
            )]
        );
    }

    #[test]
    fn records_of_an_executed_mou() {
        let t = draft(
            "status: draft\n",
            "status: executed\nmeetings:\n  - 2025-03-12\n  - {date: 2025-06-10, posted: 2025-07-01}\n\
             annual_reviews: [2025-12-01]\ncontact_changes:\n  - role: MCP Responsible Person\n    \
             changed: 2025-04-01\n    notified: 2025-04-03\nposted: {url: https://example.org/mou, date: 2025-02-01}\n",
        );
        let p = parse(&t);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let r = p.front.unwrap().records;
        assert_eq!(r.meetings.len(), 2);
        assert_eq!(
            &t[r.meetings[0].span.offset..r.meetings[0].span.end()],
            "2025-03-12"
        );
        assert_eq!(r.meetings[1].then.as_ref().unwrap().value.month, 7);
        assert_eq!(r.annual_reviews.len(), 1);
        assert_eq!(r.contact_changes[0].notified.as_ref().unwrap().value.day, 3);
        assert_eq!(
            r.posted.unwrap().url.unwrap().value,
            "https://example.org/mou"
        );
    }

    #[test]
    fn bad_record_dates_are_front_matter_errors() {
        let t = draft(
            "status: draft\n",
            "status: executed\nmeetings: [2025-02-30, {date: 2025-03-01, posted: soon}, true]\n",
        );
        assert_eq!(
            findings(&t),
            [
                f(
                    "`meetings` is not a real date: `2025-02-30`",
                    "2025-02-30",
                    "write YYYY-MM-DD, with a month and day that exist"
                ),
                f(
                    "`meetings.posted` is not a real date: `soon`",
                    "soon",
                    "write YYYY-MM-DD, with a month and day that exist"
                ),
                f(
                    "`meetings` must be a date or a mapping with `date` and `posted`, found a boolean",
                    "true",
                    "write YYYY-MM-DD, or `{date: YYYY-MM-DD, ...}`"
                ),
            ]
        );
        // The item with a good date is kept, without its bad posting date.
        let r = parse(&t).front.unwrap().records;
        assert_eq!(r.meetings.len(), 1);
        assert!(r.meetings[0].then.is_none());
    }

    #[test]
    fn the_table_is_consistent() {
        for fields in [
            SCHEMA,
            OTHER_PARTY,
            MEETING,
            REVIEW,
            CONTACT_CHANGE,
            POSTED_KEYS,
            GOOD_FAITH_ITEM,
            RECORDS,
            REPORT_SCHEMA,
        ] {
            for (i, f) in fields.iter().enumerate() {
                assert!(
                    fields[..i].iter().all(|g| g.key != f.key),
                    "`{}` twice",
                    f.key
                );
                if let Need::OneOf(group) = f.need {
                    assert!(group.keys.contains(&f.key), "`{}` not in its group", f.key);
                    for k in group.keys {
                        let member = fields.iter().find(|g| g.key == *k);
                        assert!(
                            matches!(member.map(|m| m.need), Some(Need::OneOf(g)) if std::ptr::eq(g, group)),
                            "group key `{k}` is not a field of that group"
                        );
                    }
                }
            }
        }
        assert!(SCHEMA.iter().all(|f| f.store.is_some()));
        assert_eq!(KEYS.len(), SCHEMA.len());
        for ((k, takes), f) in KEYS.iter().zip(SCHEMA) {
            assert_eq!((*k, *takes), (f.key, f.takes));
        }
        for (w, s) in STATUS_WORDS.iter().zip(STATUSES) {
            assert_eq!(format!("{s:?}").to_lowercase(), *w);
        }
        assert_eq!(STATUS_WORDS.len(), STATUSES.len());
    }
}
