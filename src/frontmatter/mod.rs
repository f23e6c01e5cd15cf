//! Finding, parsing and validating the YAML front matter block.
//!
//! The block is detected by [`split()`] (a `---` first line, after an
//! optional byte order mark, CRLF tolerated, closed by `---` or `...`),
//! parsed into a spanned tree (see [`crate::yaml`]) and checked against the schema below.
//! Every span is shifted into file coordinates, so a finding points at the
//! exact key or value in the original file.

mod split;

pub use split::{split, Split, SplitResult};

use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::yaml::{self, Node, Value};

/// The front matter check's id in the catalog.
pub const ID: &str = "doc.front-matter";

/// A value and the bytes it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Executed,
}

#[derive(Debug, Clone, Default)]
pub struct Party {
    pub name: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub span: Option<Span>,
}

/// Validated front matter. Fields are `None` when absent or unusable; the
/// matching finding is already in the parse result's diagnostics.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    pub templates: Vec<Sp<String>>,
    /// The `template` key itself, for findings about the set of templates.
    pub template_key: Option<Span>,
    pub template_version: Option<Sp<String>>,
    pub mcps: Vec<Sp<String>>,
    pub other_party: Party,
    pub counties: Vec<Sp<String>>,
    /// Knox-Keene subcontractor plans that are also parties to the MOU.
    pub subcontractors: Vec<Sp<String>>,
    pub effective_date: Option<Sp<String>>,
    pub execution_date: Option<Sp<String>>,
    pub status: Option<Sp<Status>>,
    pub root: Option<Node>,
}

/// Top-level keys and what they take; the schema in one table.
pub const KEYS: &[(&str, &str)] = &[
    (
        "template",
        "a template id, or a list of them for a combined MOU",
    ),
    (
        "template_version",
        "the version of the template the draft follows",
    ),
    ("mcp", "the managed care plan's name"),
    (
        "mcps",
        "a list of plan names, for an MOU signed by several plans",
    ),
    ("other_party", "a mapping with `name` and `type`"),
    ("counties", "a list of counties the MOU covers"),
    (
        "subcontractors",
        "a list of Knox-Keene subcontractor plans that are parties to the MOU",
    ),
    ("effective_date", "YYYY-MM-DD or `upon execution`"),
    ("execution_date", "YYYY-MM-DD, the date all parties signed"),
    ("status", "draft, submitted or executed"),
];

const PARTY_KEYS: &[(&str, &str)] = &[
    ("name", "the other party's legal name"),
    ("type", "the kind of entity (see `moulint templates`)"),
];

/// Result of reading the front matter.
pub struct Parsed {
    pub front: Option<FrontMatter>,
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The YAML could not be parsed at all: the file is `invalid`.
    pub fatal: bool,
}

pub fn parse(text: &str) -> Parsed {
    let mut diags = Vec::new();
    let sp = match split(text) {
        SplitResult::Found(sp) => sp,
        SplitResult::Absent { body_start } => {
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Missing,
                    Severity::Error,
                    "the draft has no front matter",
                )
                .with_help(
                    "start the file with a `---` line, the YAML keys `template`, `mcp`, \
                         `other_party`, `counties` and `status`, and a closing `---` line; \
                         without them moulint cannot tell which template the MOU must follow \
                         (see `moulint explain doc.front-matter`)",
                ),
            );
            return Parsed {
                front: None,
                body_start,
                diagnostics: diags,
                fatal: false,
            };
        }
        SplitResult::Unclosed(open) => {
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    "the front matter is never closed",
                )
                .with_span(open)
                .with_label("opened here")
                .with_help("add a line holding only `---` after the last YAML key"),
            );
            return Parsed {
                front: None,
                body_start: text.len(),
                diagnostics: diags,
                fatal: true,
            };
        }
    };
    let yaml_text = &text[sp.yaml.offset..sp.yaml.end()];
    let mut root = match yaml::parse(yaml_text) {
        Ok(n) => n,
        Err((msg, off)) => {
            let span = match off {
                Some(o) => {
                    let o = sp.yaml.offset + o.min(yaml_text.len());
                    let len = text[o..].chars().next().map_or(0, |c| c.len_utf8());
                    Span::new(o, len)
                }
                None => sp.block,
            };
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!("the front matter is not valid YAML: {msg}"),
                )
                .with_span(span)
                .with_label("here")
                .with_help("fix the YAML syntax; quote values that contain `:` or start with `[`"),
            );
            return Parsed {
                front: None,
                body_start: sp.body_start,
                diagnostics: diags,
                fatal: true,
            };
        }
    };
    root.shift(sp.yaml.offset);
    let mut fm = FrontMatter {
        span: sp.block,
        ..FrontMatter::default()
    };
    validate(&root, &mut fm, &mut diags);
    fm.root = Some(root);
    Parsed {
        front: Some(fm),
        body_start: sp.body_start,
        diagnostics: diags,
        fatal: false,
    }
}

fn invalid(span: Span, msg: String, help: &str) -> Diagnostic {
    Diagnostic::new(ID, Kind::Invalid, Severity::Error, msg)
        .with_span(span)
        .with_help(help.to_string())
}

fn missing_key(fm_span: Span, key: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        ID,
        Kind::Missing,
        Severity::Error,
        format!("front matter key `{key}` is missing"),
    )
    .with_span(Span::new(fm_span.offset, 3))
    .with_label("front matter starts here")
    .with_help(format!("add `{key}:` ({why})"))
}

/// Suggests the closest known key, if any is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn string_of(n: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Sp<String>> {
    match n.scalar_text() {
        Some(s) if !matches!(n.value, Value::Bool(_)) => Some(Sp {
            value: s,
            span: n.span,
        }),
        _ => {
            diags.push(invalid(
                n.span,
                format!("`{key}` must be a string, found {}", n.type_name()),
                "write the value as text",
            ));
            None
        }
    }
}

fn string_list(n: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Sp<String>> {
    match &n.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| string_of(i, key, diags))
            .collect(),
        Value::Str(_) => string_of(n, key, diags).into_iter().collect(),
        _ => {
            diags.push(invalid(
                n.span,
                format!("`{key}` must be a list of strings, found {}", n.type_name()),
                "write `[A, B]` or one item per line starting with `- `",
            ));
            Vec::new()
        }
    }
}

fn validate(root: &Node, fm: &mut FrontMatter, diags: &mut Vec<Diagnostic>) {
    let Value::Map(entries) = &root.value else {
        let span = if root.span.length == 0 {
            fm.span
        } else {
            root.span
        };
        diags.push(invalid(
            span,
            format!(
                "the front matter must be a mapping of keys, found {}",
                root.type_name()
            ),
            "write one `key: value` per line",
        ));
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for (k, v) in entries {
        let Some(key) = k.as_str() else {
            diags.push(invalid(
                k.span,
                "front matter keys must be strings".into(),
                "use a plain word as the key",
            ));
            continue;
        };
        if seen.contains(&key) {
            diags.push(invalid(
                k.span,
                format!("front matter key `{key}` is given twice"),
                "keep one of them",
            ));
            continue;
        }
        seen.push(key);
        match key {
            "template" => {
                fm.template_key = Some(k.span);
                fm.templates = string_list(v, key, diags);
                if fm.templates.is_empty()
                    && !matches!(
                        v.value,
                        Value::Map(_) | Value::Bool(_) | Value::Int(_) | Value::Float(_)
                    )
                {
                    diags.push(invalid(
                        k.span,
                        "`template` names no template".into(),
                        "name at least one template id (see `moulint templates`)",
                    ));
                }
            }
            "template_version" => fm.template_version = string_of(v, key, diags),
            "mcp" => fm.mcps.extend(string_of(v, key, diags)),
            "mcps" => fm.mcps.extend(string_list(v, key, diags)),
            "other_party" => fm.other_party = party(k, v, diags),
            "counties" => fm.counties = string_list(v, key, diags),
            "subcontractors" => fm.subcontractors = string_list(v, key, diags),
            "effective_date" => fm.effective_date = string_of(v, key, diags),
            "execution_date" => fm.execution_date = string_of(v, key, diags),
            "status" => {
                if let Some(s) = string_of(v, key, diags) {
                    let status = match s.value.as_str() {
                        "draft" => Some(Status::Draft),
                        "submitted" => Some(Status::Submitted),
                        "executed" => Some(Status::Executed),
                        other => {
                            let hint = did_you_mean(other, ["draft", "submitted", "executed"]);
                            let mut d = invalid(
                                s.span,
                                format!("unknown status `{other}`"),
                                "use draft, submitted or executed",
                            );
                            if let Some(h) = hint {
                                d.help = Some(format!(
                                    "did you mean `{h}`? status is draft, submitted or executed"
                                ));
                            }
                            diags.push(d);
                            None
                        }
                    };
                    fm.status = status.map(|value| Sp {
                        value,
                        span: s.span,
                    });
                }
            }
            other => {
                let mut d = Diagnostic::new(
                    ID,
                    Kind::Invalid,
                    Severity::Error,
                    format!("unknown front matter key `{other}`"),
                )
                .with_span(k.span)
                .with_label("not a moulint key");
                let known = KEYS.iter().map(|(k, _)| *k);
                d.help = Some(match did_you_mean(other, known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "known keys: {}",
                        KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                    ),
                });
                diags.push(d);
            }
        }
    }
    if root.get("template").is_none() {
        diags.push(missing_key(
            fm.span,
            "template",
            "the template id, e.g. `base` or `[mhp, dmc-ods]`",
        ));
    }
    if root.get("mcp").is_some() && root.get("mcps").is_some() {
        let (k, _) = root.get("mcps").expect("checked");
        diags.push(invalid(
            k.span,
            "give either `mcp` or `mcps`, not both".into(),
            "use `mcps` for an MOU signed by several plans",
        ));
    } else if root.get("mcp").is_none() && root.get("mcps").is_none() {
        diags.push(missing_key(
            fm.span,
            "mcp",
            "the plan's name, or `mcps:` with a list",
        ));
    }
    if root.get("other_party").is_none() {
        diags.push(missing_key(
            fm.span,
            "other_party",
            "a mapping with `name` and `type`",
        ));
    }
    if root.get("counties").is_none() {
        diags.push(missing_key(
            fm.span,
            "counties",
            "a list of the counties the MOU covers",
        ));
    }
    if root.get("status").is_none() {
        diags.push(missing_key(
            fm.span,
            "status",
            "draft, submitted or executed",
        ));
    }
}

fn party(k: &Node, v: &Node, diags: &mut Vec<Diagnostic>) -> Party {
    let mut p = Party {
        span: Some(v.span),
        ..Party::default()
    };
    let Value::Map(entries) = &v.value else {
        diags.push(invalid(
            v.span,
            format!(
                "`other_party` must be a mapping with `name` and `type`, found {}",
                v.type_name()
            ),
            "write `other_party:` then indented `name:` and `type:` lines",
        ));
        return p;
    };
    for (pk, pv) in entries {
        match pk.as_str() {
            Some("name") => p.name = string_of(pv, "other_party.name", diags),
            Some("type") => p.kind = string_of(pv, "other_party.type", diags),
            Some(other) => {
                let mut d = invalid(
                    pk.span,
                    format!("unknown key `{other}` in `other_party`"),
                    "",
                );
                d.help = Some(
                    match did_you_mean(other, PARTY_KEYS.iter().map(|(k, _)| *k)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`other_party` takes `name` and `type`".to_string(),
                    },
                );
                diags.push(d);
            }
            None => diags.push(invalid(
                pk.span,
                "front matter keys must be strings".into(),
                "use a plain word as the key",
            )),
        }
    }
    for (key, why) in PARTY_KEYS {
        if v.get(key).is_none() {
            diags.push(
                Diagnostic::new(
                    ID,
                    Kind::Missing,
                    Severity::Error,
                    format!("`other_party.{key}` is missing"),
                )
                .with_span(k.span)
                .with_help(format!("add `{key}:` under `other_party` ({why})")),
            );
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let t = "---\ntemplate: base\nefective_date: 2025-01-01\n---\n";
        let p = parse(t);
        let d = p
            .diagnostics
            .iter()
            .find(|d| d.message.contains("efective_date"))
            .unwrap();
        assert_eq!(d.help.as_deref(), Some("did you mean `effective_date`?"));
        let s = d.span.unwrap();
        assert_eq!(&t[s.offset..s.end()], "efective_date");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let t = "---\ntemplate: [base\nmcp: x\n---\n";
        let p = parse(t);
        assert!(p.fatal);
        let s = p.diagnostics[0].span.unwrap();
        assert!(s.offset >= 4 && s.offset <= t.len(), "{s:?}");
    }
}
