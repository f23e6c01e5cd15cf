//! The generic validator: it walks a spanned YAML tree against a table of
//! [`Field`]s and returns what it could check as typed values
//! ([`Record`], [`Typed`]), reporting everything else as
//! `doc.front-matter` findings.
//!
//! A mapping is walked in the order its keys are written. For each entry:
//! a key that is not a string, a key given twice (the first one counts)
//! and a key the table does not know (with a did-you-mean over the
//! table's keys) are findings; a known key's value is checked against the
//! field's [`Type`], then the field's [`Hook`], if any, runs. After the
//! entries, the table is walked in its order for what is missing: each
//! [`Need::Required`] key not given, and each [`Group`] (checked at its
//! first key) with none or several of its keys given.
//!
//! Findings read differently at the root of the front matter and inside a
//! value (see `Place`): a missing top-level key points at the opening
//! `---`, a missing sub-key at the key that holds the mapping (or the list
//! item); unknown top-level keys are labelled "not a moulint key" and list
//! every known key when nothing is close.

use super::{FrontMatter, Sp, ID};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::util::suggest::did_you_mean;
use crate::yaml::{Node, Value};

/// One key of a mapping: of the front matter itself, or of a value that
/// is a mapping ([`Type::Mapping`]).
pub struct Field {
    pub key: &'static str,
    /// What the key takes, in words, for help text.
    pub takes: &'static str,
    pub ty: Type,
    pub need: Need,
    /// A rule the type cannot state, run after the type check.
    pub hook: Option<Hook>,
    /// Moves the checked value into [`FrontMatter`]. Only top-level fields
    /// have one; a mapping's sub-fields are read by its field's `store`
    /// (from the [`Record`] it receives).
    pub store: Option<Store>,
}

/// A special rule for one field: it gets the key, the value and what the
/// type check made of it, and may add findings.
pub type Hook = fn(key: &Node, value: &Node, typed: &Typed, diags: &mut Vec<Diagnostic>);

/// Fills [`FrontMatter`] from a field's checked value. It is called for
/// every given (first) occurrence of the key, even when its value was
/// wrong ([`Typed::Bad`]), so it can keep the key's span.
pub type Store = fn(&mut FrontMatter, Checked);

impl Field {
    /// An optional field with no hook and no store.
    pub const fn new(key: &'static str, takes: &'static str, ty: Type) -> Field {
        Field {
            key,
            takes,
            ty,
            need: Need::Optional,
            hook: None,
            store: None,
        }
    }
    /// The key must be given; `hint` ends the help: "add `key:` (hint)".
    pub const fn required(self, hint: &'static str) -> Field {
        Field {
            need: Need::Required(hint),
            ..self
        }
    }
    /// The key belongs to `group`, exactly one of whose keys must be given.
    pub const fn one_of(self, group: &'static Group) -> Field {
        Field {
            need: Need::OneOf(group),
            ..self
        }
    }
    pub const fn hook(self, hook: Hook) -> Field {
        Field {
            hook: Some(hook),
            ..self
        }
    }
    pub const fn store(self, store: Store) -> Field {
        Field {
            store: Some(store),
            ..self
        }
    }
}

/// What a value must be.
#[derive(Clone, Copy)]
pub enum Type {
    /// A scalar, taken as its text: numbers are accepted as written (`mcp:
    /// 5` is the name "5"); booleans, nothing, lists and mappings are not.
    String,
    /// A string or a list of strings; one string is a list of one.
    StringOrList,
    /// A string that is one of these words, exactly as written (case
    /// included); a near miss gets a did-you-mean. Checked as a
    /// [`Type::String`] first. The checked value is the word's index.
    OneOf(&'static [&'static str]),
    /// A calendar date written YYYY-MM-DD that exists (no 2025-02-30).
    Date,
    /// A mapping whose keys are these fields, validated like the root
    /// (unknown, duplicate and missing sub-keys included).
    Mapping(&'static [Field]),
    /// A date (YYYY-MM-DD), or a mapping with these fields for a date with
    /// more to say (`- 2025-03-12` or `- {date: 2025-03-12, posted:
    /// 2025-04-01}`). Anything else is reported as neither.
    DateOr(&'static [Field]),
    /// A list whose items all have this type, e.g. a list of records:
    /// `Type::ListOf(&Type::Mapping(MEETING))`. Items of the wrong type are
    /// reported and left out.
    ListOf(&'static Type),
}

/// Whether a key must be given.
#[derive(Clone, Copy)]
pub enum Need {
    Optional,
    /// Must be given; the hint explains what to add.
    Required(&'static str),
    /// Exactly one of the group's keys must be given.
    OneOf(&'static Group),
}

/// Keys of which exactly one must be given, such as `mcp` / `mcps`. Every
/// key of the group is a field of the same table whose need is
/// `Need::OneOf` this group; the group is checked once, after the entries,
/// at the place of its first key in the table.
pub struct Group {
    /// The keys, first the one reported missing when none is given. When
    /// several are given, the finding points at the second of them in this
    /// order.
    pub keys: &'static [&'static str],
    /// The hint when none is given: "add `first:` (hint)".
    pub missing: &'static str,
    /// The help when several are given.
    pub conflict: &'static str,
}

/// A given key's value after its type check.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The key.
    pub key: Span,
    /// The whole value.
    pub span: Span,
    pub value: Typed,
}

/// A value that passed its type check, or [`Typed::Bad`].
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// The value did not have its type; the finding is already made.
    Bad,
    Str(Sp<String>),
    /// The index of the word in its [`Type::OneOf`] list.
    Word(Sp<usize>),
    Date(Sp<Date>),
    /// The items that passed (for [`Type::StringOrList`], one string is a
    /// list of one).
    List(Vec<Typed>),
    Map(Record),
}

impl Typed {
    pub fn string(self) -> Option<Sp<String>> {
        match self {
            Typed::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The strings of a string or a list of strings.
    pub fn strings(self) -> Vec<Sp<String>> {
        match self {
            Typed::Str(s) => vec![s],
            Typed::List(items) => items.into_iter().filter_map(Typed::string).collect(),
            _ => Vec::new(),
        }
    }
    pub fn word(self) -> Option<Sp<usize>> {
        match self {
            Typed::Word(w) => Some(w),
            _ => None,
        }
    }
    pub fn date(self) -> Option<Sp<Date>> {
        match self {
            Typed::Date(d) => Some(d),
            _ => None,
        }
    }
    pub fn record(self) -> Option<Record> {
        match self {
            Typed::Map(r) => Some(r),
            _ => None,
        }
    }
    /// The records of a list of mappings.
    pub fn records(self) -> Vec<Record> {
        match self {
            Typed::List(items) => items.into_iter().filter_map(Typed::record).collect(),
            _ => Vec::new(),
        }
    }
    /// Holds no usable value: wrong, or a list with no item that passed.
    pub fn is_empty(&self) -> bool {
        match self {
            Typed::Bad => true,
            Typed::List(items) => items.is_empty(),
            _ => false,
        }
    }
}

/// A mapping's given keys and their checked values, in the order written
/// (each key once: a repeated key is reported and dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub span: Span,
    pub fields: Vec<(&'static str, Checked)>,
}

impl Record {
    pub fn get(&self, key: &str) -> Option<&Checked> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, c)| c)
    }
    /// Takes a key's checked value out of the record.
    pub fn take(&mut self, key: &str) -> Option<Checked> {
        let i = self.fields.iter().position(|(k, _)| *k == key)?;
        Some(self.fields.remove(i).1)
    }
}

/// A calendar date, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses YYYY-MM-DD (ASCII digits) and rejects dates that do not exist.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if !(digits(0..4) && digits(5..7) && digits(8..10)) {
            return None;
        }
        let year: i32 = s[0..4].parse().ok()?;
        let month: u32 = s[5..7].parse().ok()?;
        let day: u32 = s[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

/// Checks the whole front matter (`root`, whose block with its fences is
/// `block`) against `fields`. `None` when it is not a mapping.
pub fn check_root(
    root: &Node,
    block: Span,
    fields: &'static [Field],
    diags: &mut Vec<Diagnostic>,
) -> Option<Record> {
    check_mapping(root, fields, &Place::Root { block }, diags)
}

/// Front matter keys that site generators and document repositories use;
/// moulint ignores them.
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "description",
    "author",
    "date",
    "tags",
    "lang",
    "layout",
    "version",
];

/// An invalid-value finding.
pub fn invalid(span: Span, msg: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(ID, Kind::Invalid, Severity::Error, msg)
        .with_span(span)
        .with_help(help)
}

/// Where a mapping sits, which decides how findings about it read.
enum Place<'a> {
    /// The front matter itself; `block` is the whole block, fences included.
    Root { block: Span },
    /// The value of the key at `path` (dotted, e.g. `other_party`).
    Value { path: &'a str, key: Span },
    /// An item of the list at `path`; `item` is what findings about its
    /// missing keys point at.
    Item { path: &'a str, item: Span },
}

impl Place<'_> {
    /// The path of a key in this mapping, as findings name it.
    fn path_of(&self, key: &str) -> String {
        match self {
            Place::Root { .. } => key.to_string(),
            Place::Value { path, .. } | Place::Item { path, .. } => format!("{path}.{key}"),
        }
    }

    fn not_a_mapping(&self, node: &Node, fields: &[Field]) -> Diagnostic {
        let found = node.type_name();
        match self {
            Place::Root { block } => invalid(
                if node.span.length == 0 {
                    *block
                } else {
                    node.span
                },
                format!("the front matter must be a mapping of keys, found {found}"),
                "write one `key: value` per line",
            ),
            Place::Value { path, .. } => invalid(
                node.span,
                format!(
                    "`{path}` must be a mapping with {}, found {found}",
                    and_list(fields, "")
                ),
                format!(
                    "write `{path}:` then indented {} lines",
                    and_list(fields, ":")
                ),
            ),
            Place::Item { path, .. } => invalid(
                node.span,
                format!(
                    "each item of `{path}` must be a mapping with {}, found {found}",
                    and_list(fields, "")
                ),
                format!(
                    "write each item as `- ` followed by indented {} lines",
                    and_list(fields, ":")
                ),
            ),
        }
    }

    /// A key other tools put in front matter, or a user's own `x-` key:
    /// accepted without a finding at the top level.
    fn foreign(&self, key: &str) -> bool {
        matches!(self, Place::Root { .. }) && (COMMON_KEYS.contains(&key) || key.starts_with("x-"))
    }

    fn unknown(&self, k: &Node, key: &str, fields: &[Field]) -> Diagnostic {
        let hint = did_you_mean(key, fields.iter().map(|f| f.key));
        match self {
            Place::Root { .. } => {
                let known = || fields.iter().map(|f| f.key).collect::<Vec<_>>().join(", ");
                match hint {
                    // Close to a moulint key: most likely a typo that loses
                    // the value, so it stays an error.
                    Some(s) => invalid(
                        k.span,
                        format!("unknown front matter key `{key}`"),
                        format!("did you mean `{s}`?"),
                    )
                    .with_label("not a moulint key"),
                    // Someone else's key (a site generator's, a team's).
                    None => Diagnostic::new(
                        ID,
                        Kind::Invalid,
                        Severity::Warning,
                        format!("unknown front matter key `{key}` is ignored"),
                    )
                    .advisory()
                    .with_span(k.span)
                    .with_label("not a moulint key")
                    .with_help(format!(
                        "moulint reads {}; prefix your own keys with `x-` to keep them without \
                         this warning",
                        known()
                    )),
                }
            }
            Place::Value { path, .. } | Place::Item { path, .. } => {
                let help = match hint {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`{path}` takes {}", and_list(fields, "")),
                };
                invalid(k.span, format!("unknown key `{key}` in `{path}`"), help)
            }
        }
    }

    fn given_twice(&self, k: &Node, key: &str) -> Diagnostic {
        let msg = match self {
            Place::Root { .. } => format!("front matter key `{key}` is given twice"),
            _ => format!("`{}` is given twice", self.path_of(key)),
        };
        invalid(k.span, msg, "keep one of them")
    }

    fn missing(&self, key: &str, hint: &str) -> Diagnostic {
        let missing = |msg: String| Diagnostic::new(ID, Kind::Missing, Severity::Error, msg);
        match self {
            Place::Root { block } => missing(format!("front matter key `{key}` is missing"))
                .with_span(Span::new(block.offset, 3))
                .with_label("front matter starts here")
                .with_help(format!("add `{key}:` ({hint})")),
            Place::Value { path, key: at } => missing(format!("`{path}.{key}` is missing"))
                .with_span(*at)
                .with_help(format!("add `{key}:` under `{path}` ({hint})")),
            Place::Item { path, item } => missing(format!("`{path}.{key}` is missing"))
                .with_span(*item)
                .with_help(format!("add `{key}:` to this item of `{path}` ({hint})")),
        }
    }
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`", each key followed by `suffix`.
fn and_list(fields: &[Field], suffix: &str) -> String {
    let keys: Vec<String> = fields
        .iter()
        .map(|f| format!("`{}{suffix}`", f.key))
        .collect();
    joined(&keys, "and")
}

/// "a", "a or b", "a, b or c" (with `last` as the final word).
fn joined(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

fn check_mapping(
    node: &Node,
    fields: &'static [Field],
    place: &Place,
    diags: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let Value::Map(entries) = &node.value else {
        diags.push(place.not_a_mapping(node, fields));
        return None;
    };
    let mut record = Record {
        span: node.span,
        fields: Vec::new(),
    };
    // Every string key seen, known or not, with the span of its first use.
    let mut given: Vec<(&str, Span)> = Vec::new();
    for (k, v) in entries {
        let Some(key) = k.as_str() else {
            diags.push(invalid(
                k.span,
                "front matter keys must be strings",
                "use a plain word as the key",
            ));
            continue;
        };
        if given.iter().any(|(g, _)| *g == key) {
            diags.push(place.given_twice(k, key));
            continue;
        }
        given.push((key, k.span));
        let Some(field) = fields.iter().find(|f| f.key == key) else {
            if !place.foreign(key) {
                diags.push(place.unknown(k, key, fields));
            }
            continue;
        };
        let path = place.path_of(key);
        let typed = check_value(
            v,
            &field.ty,
            &path,
            &Place::Value {
                path: &path,
                key: k.span,
            },
            diags,
        );
        if let Some(hook) = field.hook {
            hook(k, v, &typed, diags);
        }
        record.fields.push((
            field.key,
            Checked {
                key: k.span,
                span: v.span,
                value: typed,
            },
        ));
    }
    let given_at = |key: &str| given.iter().find(|(g, _)| *g == key).map(|(_, s)| *s);
    for field in fields {
        match field.need {
            Need::Optional => {}
            Need::Required(hint) => {
                if given_at(field.key).is_none() {
                    diags.push(place.missing(field.key, hint));
                }
            }
            Need::OneOf(group) if group.keys.first() == Some(&field.key) => {
                let present: Vec<Span> = group.keys.iter().filter_map(|k| given_at(k)).collect();
                match present.as_slice() {
                    [] => diags.push(place.missing(group.keys[0], group.missing)),
                    [_] => {}
                    [_, second, ..] => {
                        let keys: Vec<String> =
                            group.keys.iter().map(|k| format!("`{k}`")).collect();
                        let msg = match keys.as_slice() {
                            [a, b] => format!("give either {a} or {b}, not both"),
                            _ => format!("give only one of {}", joined(&keys, "or")),
                        };
                        diags.push(invalid(*second, msg, group.conflict));
                    }
                }
            }
            Need::OneOf(_) => {}
        }
    }
    Some(record)
}

/// Checks a value against its type. `path` names it in findings; `place`
/// is where it sits, should it be a mapping.
fn check_value(
    v: &Node,
    ty: &Type,
    path: &str,
    place: &Place,
    diags: &mut Vec<Diagnostic>,
) -> Typed {
    match ty {
        Type::String => check_string(v, path, diags),
        Type::StringOrList => match &v.value {
            Value::Seq(items) => Typed::List(
                items
                    .iter()
                    .map(|i| check_string(i, path, diags))
                    .filter(|t| !matches!(t, Typed::Bad))
                    .collect(),
            ),
            Value::Str(_) => Typed::List(vec![check_string(v, path, diags)]),
            _ => {
                diags.push(invalid(
                    v.span,
                    format!(
                        "`{path}` must be a list of strings, found {}",
                        v.type_name()
                    ),
                    "write `[A, B]` or one item per line starting with `- `",
                ));
                Typed::Bad
            }
        },
        Type::OneOf(words) => {
            let Typed::Str(s) = check_string(v, path, diags) else {
                return Typed::Bad;
            };
            if let Some(i) = words.iter().position(|w| *w == s.value) {
                return Typed::Word(Sp {
                    value: i,
                    span: s.span,
                });
            }
            let choices = joined(
                &words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                "or",
            );
            let help = match did_you_mean(&s.value, words.iter().copied()) {
                Some(h) => format!("did you mean `{h}`? {path} is {choices}"),
                None => format!("use {choices}"),
            };
            diags.push(invalid(
                s.span,
                format!("unknown {path} `{}`", s.value),
                help,
            ));
            Typed::Bad
        }
        Type::Date => check_date(v, path, diags),
        Type::DateOr(fields) => match &v.value {
            Value::Map(_) => check_mapping(v, fields, place, diags).map_or(Typed::Bad, Typed::Map),
            Value::Str(_) | Value::Int(_) | Value::Float(_) => check_date(v, path, diags),
            _ => {
                diags.push(invalid(
                    v.span,
                    format!(
                        "`{path}` must be a date or a mapping with {}, found {}",
                        and_list(fields, ""),
                        v.type_name()
                    ),
                    "write YYYY-MM-DD, or `{date: YYYY-MM-DD, ...}`",
                ));
                Typed::Bad
            }
        },
        Type::Mapping(fields) => {
            check_mapping(v, fields, place, diags).map_or(Typed::Bad, Typed::Map)
        }
        Type::ListOf(item) => {
            let Value::Seq(items) = &v.value else {
                diags.push(invalid(
                    v.span,
                    format!(
                        "`{path}` must be a list of {}, found {}",
                        plural(item),
                        v.type_name()
                    ),
                    "write one item per line starting with `- `",
                ));
                return Typed::Bad;
            };
            Typed::List(
                items
                    .iter()
                    .map(|i| {
                        let at = Place::Item {
                            path,
                            item: item_anchor(i),
                        };
                        check_value(i, item, path, &at, diags)
                    })
                    .filter(|t| !matches!(t, Typed::Bad))
                    .collect(),
            )
        }
    }
}

fn check_string(v: &Node, path: &str, diags: &mut Vec<Diagnostic>) -> Typed {
    match v.scalar_text() {
        Some(s) if !matches!(v.value, Value::Bool(_)) => Typed::Str(Sp {
            value: s,
            span: v.span,
        }),
        _ => {
            diags.push(invalid(
                v.span,
                format!("`{path}` must be a string, found {}", v.type_name()),
                "write the value as text",
            ));
            Typed::Bad
        }
    }
}

fn check_date(v: &Node, path: &str, diags: &mut Vec<Diagnostic>) -> Typed {
    let text = match &v.value {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => v.scalar_text().unwrap_or_default(),
        _ => {
            diags.push(invalid(
                v.span,
                format!("`{path}` must be a date, found {}", v.type_name()),
                "write the date as YYYY-MM-DD",
            ));
            return Typed::Bad;
        }
    };
    match Date::parse(text.trim()) {
        Some(d) => Typed::Date(Sp {
            value: d,
            span: v.span,
        }),
        None => {
            diags.push(
                invalid(
                    v.span,
                    format!("`{path}` is not a real date: `{text}`"),
                    "write YYYY-MM-DD, with a month and day that exist",
                )
                .with_label("expected YYYY-MM-DD"),
            );
            Typed::Bad
        }
    }
}

/// What findings about a list item point at: the item, or, for a block
/// mapping (whose span is empty), its first key.
fn item_anchor(item: &Node) -> Span {
    match &item.value {
        Value::Map(entries) if item.span.length == 0 => {
            entries.first().map_or(item.span, |(k, _)| k.span)
        }
        _ => item.span,
    }
}

/// What a list of `ty` holds, for "must be a list of ...".
fn plural(ty: &Type) -> String {
    match ty {
        Type::String => "strings".into(),
        Type::StringOrList => "strings or lists of strings".into(),
        Type::OneOf(words) => format!(
            "words ({})",
            joined(
                &words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                "or"
            )
        ),
        Type::Date => "dates (YYYY-MM-DD)".into(),
        Type::DateOr(fields) => format!(
            "dates (YYYY-MM-DD) or mappings with {}",
            and_list(fields, "")
        ),
        Type::Mapping(fields) => format!("mappings with {}", and_list(fields, "")),
        Type::ListOf(_) => "lists".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// A lifecycle record, as a test table: the list-of-mappings and date
    /// types at work.
    const MEETING: &[Field] = &[
        Field::new("date", "the day the meeting was held", Type::Date)
            .required("the day it was held, YYYY-MM-DD"),
        Field::new(
            "kind",
            "quarterly or special",
            Type::OneOf(&["quarterly", "special"]),
        ),
    ];
    const RECORDS: &[Field] = &[
        Field::new(
            "meetings",
            "the meetings held",
            Type::ListOf(&Type::Mapping(MEETING)),
        ),
        Field::new("posted", "the day the executed MOU was posted", Type::Date),
        Field::new("liaisons", "names", Type::ListOf(&Type::String)),
    ];

    /// The record and the findings as (message, text under the span, help).
    fn check(yaml: &str) -> (Option<Record>, Vec<(String, String, String)>) {
        let root = yaml::parse(yaml).unwrap();
        let mut diags = Vec::new();
        let record = check_root(&root, Span::new(0, yaml.len()), RECORDS, &mut diags);
        let found = diags
            .iter()
            .map(|d| {
                let s = d.span.unwrap();
                (
                    d.message.clone(),
                    yaml[s.offset..s.end()].to_string(),
                    d.help.clone().unwrap_or_default(),
                )
            })
            .collect();
        (record, found)
    }

    fn f(msg: &str, at: &str, help: &str) -> (String, String, String) {
        (msg.into(), at.into(), help.into())
    }

    #[test]
    fn dates_parse_only_days_that_exist() {
        let d = |s| Date::parse(s).map(|d| (d.year, d.month, d.day));
        assert_eq!(d("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(d("2025-04-30"), Some((2025, 4, 30)));
        for bad in [
            "2025-02-29",
            "2025-04-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "2025-1-01",
            "+202-01-01",
            "2025/01/01",
            "2025-01-01T",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        assert!(Date::parse("2025-01-31") < Date::parse("2025-02-01"));
    }

    #[test]
    fn a_date_value_is_checked() {
        let (r, found) = check("posted: 2025-03-01\n");
        assert!(found.is_empty(), "{found:?}");
        let posted = r.unwrap().take("posted").unwrap().value.date().unwrap();
        assert_eq!(
            posted.value,
            Date {
                year: 2025,
                month: 3,
                day: 1
            }
        );
        assert_eq!(posted.span, Span::new(8, 10));

        let (_, found) = check("posted: 2025-02-30\n");
        assert_eq!(
            found,
            [f(
                "`posted` is not a real date: `2025-02-30`",
                "2025-02-30",
                "write YYYY-MM-DD, with a month and day that exist"
            )]
        );
        let (_, found) = check("posted: [2025-03-01]\n");
        assert_eq!(
            found,
            [f(
                "`posted` must be a date, found a list",
                "[",
                "write the date as YYYY-MM-DD"
            )]
        );
    }

    #[test]
    fn a_list_of_mappings_gives_records() {
        let y = "meetings:\n  - date: 2025-01-15\n    kind: quarterly\n  - {date: 2025-04-15}\n";
        let (r, found) = check(y);
        assert!(found.is_empty(), "{found:?}");
        let mut meetings = r.unwrap().take("meetings").unwrap().value.records();
        assert_eq!(meetings.len(), 2);
        let date = meetings[0].take("date").unwrap().value.date().unwrap();
        assert_eq!(&y[date.span.offset..date.span.end()], "2025-01-15");
        let kind = meetings[0].take("kind").unwrap().value.word().unwrap();
        assert_eq!(kind.value, 0);
        assert_eq!(meetings[1].get("kind"), None);
    }

    #[test]
    fn findings_inside_a_list_of_mappings_name_the_list() {
        let y = "meetings:\n  - kind: quartely\n    dte: 2025-01-15\n  - 2025-04-15\n  - {date: 2025-02-30}\n";
        let (r, found) = check(y);
        assert_eq!(
            found,
            [
                f(
                    "unknown meetings.kind `quartely`",
                    "quartely",
                    "did you mean `quarterly`? meetings.kind is quarterly or special"
                ),
                f("unknown key `dte` in `meetings`", "dte", "did you mean `date`?"),
                f(
                    "`meetings.date` is missing",
                    "kind",
                    "add `date:` to this item of `meetings` (the day it was held, YYYY-MM-DD)"
                ),
                f(
                    "each item of `meetings` must be a mapping with `date` and `kind`, found a string",
                    "2025-04-15",
                    "write each item as `- ` followed by indented `date:` and `kind:` lines"
                ),
                f(
                    "`meetings.date` is not a real date: `2025-02-30`",
                    "2025-02-30",
                    "write YYYY-MM-DD, with a month and day that exist"
                ),
            ]
        );
        // The two mappings are kept, the string is not.
        let meetings = r.unwrap().take("meetings").unwrap().value.records();
        assert_eq!(meetings.len(), 2);
    }

    #[test]
    fn a_list_type_wants_a_list() {
        let (_, found) = check("meetings: {date: 2025-01-15}\nliaisons: Ana Ruiz\n");
        assert_eq!(
            found,
            [
                f(
                    "`meetings` must be a list of mappings with `date` and `kind`, found a mapping",
                    "{",
                    "write one item per line starting with `- `"
                ),
                f(
                    "`liaisons` must be a list of strings, found a string",
                    "Ana Ruiz",
                    "write one item per line starting with `- `"
                ),
            ]
        );
    }

    #[test]
    fn a_key_given_twice_keeps_the_first() {
        // The YAML parser already refuses duplicate keys; a tree built by
        // hand shows the validator's own rule.
        let node = |value, offset, length| Node {
            value,
            span: Span::new(offset, length),
        };
        let key = |offset| node(Value::Str("posted".into()), offset, 6);
        let date = |s: &str, offset| node(Value::Str(s.into()), offset, 10);
        let root = node(
            Value::Map(vec![
                (key(0), date("2025-01-01", 8)),
                (key(19), date("2025-02-02", 27)),
            ]),
            0,
            37,
        );
        let mut diags = Vec::new();
        let mut r = check_root(&root, Span::new(0, 37), RECORDS, &mut diags).unwrap();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "front matter key `posted` is given twice");
        assert_eq!(diags[0].span, Some(Span::new(19, 6)));
        let posted = r.take("posted").unwrap().value.date().unwrap();
        assert_eq!(posted.value.month, 1);
    }
}
