//! Directives: HTML comments addressed to moulint rather than to the
//! reader. One parser for all of them, so fixture expectations, template
//! marks and inline suppressions agree on what a directive is and where it
//! sits.
//!
//! ```text
//! <!-- expect: ID KIND [element=EL] [line=N] -->   one expected finding
//! <!-- expect-none: ID -->                         no finding of that id
//! <!-- moulint-disable-next-line ID... -- reason -->  suppressions (see
//! <!-- moulint-disable ID... -- reason -->            [`Suppression`])
//! <!-- moulint-enable ID... -->
//! <!-- moulint-disable-file ID... -- reason -->
//! <!-- moulint ... -->  or  <!-- moulint: ... -->  any other directive
//! ```
//!
//! Comments are found the way the Markdown parser sees them: a comment
//! inside a fenced or indented code block, or inside a code span, is text,
//! not a directive. Every directive keeps the byte span of its whole comment
//! (`<!--` to `-->`) in the original file.

use crate::diagnostic::{Kind, Span};
use crate::tree::{Comment, Tree};

/// A directive and where its comment sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment, `<!--` to `-->`, in file coordinates.
    pub span: Span,
    pub kind: DirectiveKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `expect: ID KIND [element=EL] [line=N]`: one finding with this id
    /// and kind (and element, and 1-based line of its span's start, when
    /// given).
    Expect(Expectation),
    /// `expect-none: ID`: no finding with this id.
    ExpectNone { id: String },
    /// `moulint ...` or `moulint: ...`: `text` is what follows the word
    /// `moulint` and its optional colon, trimmed.
    Moulint { text: String },
    /// `moulint-disable...` or `moulint-enable`: an inline suppression.
    Suppress(Suppression),
    /// A comment that starts like an expectation (`expect...`) or a
    /// suppression (`moulint-...`) but does not follow the grammar. Kept, never dropped, so that its reader can
    /// report it.
    Malformed { text: String, error: String },
}

/// One expected finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expectation {
    pub id: String,
    pub kind: Kind,
    pub element: Option<String>,
    pub line: Option<usize>,
}

/// What a suppression comment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `moulint-disable-next-line`: findings starting on the line after
    /// the comment.
    NextLine,
    /// `moulint-disable`: findings starting after the comment, up to the
    /// matching `moulint-enable` (or the end of the file).
    Disable,
    /// `moulint-enable`: ends a `moulint-disable` of the same ids.
    Enable,
    /// `moulint-disable-file`: every finding of the ids in the file,
    /// file-wide ones included.
    File,
}

/// An inline suppression: `moulint-disable... ID[,ID]... -- reason`.
///
/// The ids are rule ids or id prefixes (`base.general`), separated by
/// spaces or commas. The reason follows ` -- ` and is mandatory for every
/// scope but `Enable`; a reason starting `approved-by-dhcs YYYY-MM-DD:`
/// records the state's approval of the deviation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub scope: Scope,
    pub ids: Vec<String>,
    /// The text after ` -- `, trimmed; `None` when there is none.
    pub reason: Option<String>,
    /// The date of `approved-by-dhcs DATE:`, when the reason starts so.
    pub approved_by_dhcs: Option<String>,
}

/// The marker of a reason recording the state's approval.
pub const APPROVED: &str = "approved-by-dhcs";

/// Parses the text of a `moulint-...` comment (`first` is its first word).
fn suppression(t: &str, first: &str) -> Result<Suppression, String> {
    let scope = match first {
        "moulint-disable-next-line" => Scope::NextLine,
        "moulint-disable" => Scope::Disable,
        "moulint-enable" => Scope::Enable,
        "moulint-disable-file" => Scope::File,
        _ => {
            return Err(format!(
                "`{first}` is not a directive: write `moulint-disable-next-line`,                  `moulint-disable`, `moulint-enable` or `moulint-disable-file`"
            ))
        }
    };
    let rest = &t[first.len()..];
    let (ids, reason) = match rest.find(" --") {
        Some(i) => (&rest[..i], Some(rest[i + 3..].trim())),
        None => (rest, None),
    };
    let ids: Vec<String> = ids
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        return Err(format!("`{first}` needs the rule ids it suppresses"));
    }
    if let Some(bad) = ids.iter().find(|i| !valid_id(i)) {
        return Err(format!("`{bad}` is not a rule id"));
    }
    let reason = reason.filter(|r| !r.is_empty()).map(str::to_string);
    let mut approved_by_dhcs = None;
    if let Some(r) = &reason {
        if let Some(after) = r.strip_prefix(APPROVED) {
            let after = after.trim_start();
            let (date, why) = after.split_once(':').ok_or_else(|| {
                format!("write `{APPROVED} YYYY-MM-DD: reason` (a colon after the date)")
            })?;
            let date = date.trim();
            if !real_date(date) {
                return Err(format!(
                    "`{date}` is not a date: write `{APPROVED} YYYY-MM-DD: reason`"
                ));
            }
            if why.trim().is_empty() {
                return Err(format!(
                    "`{APPROVED} {date}:` needs a reason after the colon"
                ));
            }
            approved_by_dhcs = Some(date.to_string());
        }
    }
    Ok(Suppression {
        scope,
        ids,
        reason,
        approved_by_dhcs,
    })
}

/// `YYYY-MM-DD` naming a real calendar day.
fn real_date(s: &str) -> bool {
    use crate::util::date::{from_days, to_days, Ymd};
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (s[0..4].parse(), s[5..7].parse(), s[8..10].parse())
    else {
        return false;
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let ymd = Ymd { year, month, day };
    from_days(to_days(ymd)) == ymd
}

/// The directives among a parsed body's comments, in order.
pub fn of_comments(comments: &[Comment]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|c| {
            Some(Directive {
                span: c.span,
                kind: classify(&c.text)?,
            })
        })
        .collect()
}

/// Every directive in `text[from..]`, in order; spans are offsets into
/// `text`. `from` is where the Markdown starts (after the front matter).
/// The comments are found by the one Markdown pass of [`Tree::parse`].
pub fn parse(text: &str, from: usize) -> Vec<Directive> {
    let body = text.get(from..).unwrap_or("");
    of_comments(&Tree::parse(body, from).comments)
}

impl DirectiveKind {
    /// The text of a `moulint ...` directive (a template mark, a
    /// suppression), after the word `moulint` and its colon.
    pub fn moulint_text(&self) -> Option<&str> {
        match self {
            DirectiveKind::Moulint { text } => Some(text),
            _ => None,
        }
    }
}

/// What a comment's inner text says, if it is a directive at all.
pub fn classify(inner: &str) -> Option<DirectiveKind> {
    let t = inner.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    let word = first.split(':').next().unwrap_or("");
    if word == "moulint" {
        let rest = t["moulint".len()..].trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        return Some(DirectiveKind::Moulint {
            text: rest.trim().to_string(),
        });
    }
    let malformed = |error: String| DirectiveKind::Malformed {
        text: t.to_string(),
        error,
    };
    if word.starts_with("moulint-") {
        return Some(match suppression(t, first) {
            Ok(s) => DirectiveKind::Suppress(s),
            Err(e) => malformed(e),
        });
    }
    if !word.to_ascii_lowercase().starts_with("expect") {
        return None;
    }
    Some(if let Some(rest) = t.strip_prefix("expect:") {
        match expectation(rest) {
            Ok(e) => DirectiveKind::Expect(e),
            Err(e) => malformed(e),
        }
    } else if let Some(rest) = t.strip_prefix("expect-none:") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            [id] if valid_id(id) => DirectiveKind::ExpectNone { id: id.to_string() },
            [id] => malformed(format!("`{id}` is not a rule id")),
            [] => malformed("`expect-none:` needs a rule id".into()),
            _ => malformed("`expect-none:` takes one rule id and nothing else".into()),
        }
    } else {
        malformed(format!(
            "`{first}` is not a directive: write `expect: ID KIND [element=EL] [line=N]` \
             or `expect-none: ID`"
        ))
    })
}

/// Parses `ID KIND [element=EL] [line=N]`.
fn expectation(rest: &str) -> Result<Expectation, String> {
    let mut words = rest.split_whitespace();
    let id = words.next().ok_or("`expect:` needs a rule id and a kind")?;
    if !valid_id(id) {
        return Err(format!("`{id}` is not a rule id"));
    }
    let kind = words.next().ok_or("`expect:` needs a kind after the id")?;
    let kind: Kind = kind.parse()?;
    let mut e = Expectation {
        id: id.to_string(),
        kind,
        element: None,
        line: None,
    };
    for w in words {
        let (key, value) = w
            .split_once('=')
            .ok_or_else(|| format!("`{w}` is not `element=EL` or `line=N`"))?;
        match key {
            "element" if e.element.is_some() => return Err("`element=` given twice".into()),
            "element" if valid_id(value) => e.element = Some(value.to_string()),
            "element" => return Err(format!("`{value}` is not an element id")),
            "line" if e.line.is_some() => return Err("`line=` given twice".into()),
            "line" => match value.parse::<usize>() {
                Ok(n) if n >= 1 => e.line = Some(n),
                _ => return Err(format!("`line={value}` is not a line number (1 or more)")),
            },
            _ => {
                return Err(format!(
                    "unknown option `{key}=` (expected element= or line=)"
                ))
            }
        }
    }
    Ok(e)
}

/// Rule and element ids: lowercase letters, digits, `.`, `-` and `_`.
fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<DirectiveKind> {
        parse(text, 0).into_iter().map(|d| d.kind).collect()
    }

    fn expect(id: &str, kind: Kind, element: Option<&str>, line: Option<usize>) -> DirectiveKind {
        DirectiveKind::Expect(Expectation {
            id: id.into(),
            kind,
            element: element.map(Into::into),
            line,
        })
    }

    #[test]
    fn parses_expectations_with_and_without_options() {
        let text = "<!-- expect: base.referrals incomplete element=party-refers line=15 -->\n\
                    <!-- expect: doc.dates invalid -->\n\
                    <!-- expect: base.term missing line=3 element=end -->\n\
                    <!-- expect-none: base.term -->\n";
        assert_eq!(
            kinds(text),
            vec![
                expect(
                    "base.referrals",
                    Kind::Incomplete,
                    Some("party-refers"),
                    Some(15)
                ),
                expect("doc.dates", Kind::Invalid, None, None),
                expect("base.term", Kind::Missing, Some("end"), Some(3)),
                DirectiveKind::ExpectNone {
                    id: "base.term".into()
                },
            ]
        );
    }

    #[test]
    fn spans_cover_the_whole_comment_in_file_coordinates() {
        let text = "---\nx: 1\n---\n# T\n\nText <!-- expect: doc.role missing --> more.\n";
        let from = text.find("# T").unwrap();
        let ds = parse(text, from);
        assert_eq!(ds.len(), 1);
        let s = ds[0].span;
        assert_eq!(
            &text[s.offset..s.end()],
            "<!-- expect: doc.role missing -->"
        );
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = "# T\n\n```\n<!-- expect: doc.role missing -->\n```\n\n    \
                    <!-- expect: doc.role missing -->\n\n\
                    Use `<!-- expect: doc.role missing -->` like this.\n\n\
                    <!-- expect-none: doc.role -->\n";
        assert_eq!(
            kinds(text),
            vec![DirectiveKind::ExpectNone {
                id: "doc.role".into()
            }]
        );
    }

    #[test]
    fn finds_several_comments_in_one_block_and_multi_line_comments() {
        let text = "<!-- expect: a.b missing --> <!-- expect-none: c.d -->\n\
                    <!-- a note for the drafter -->\n\
                    <!--\n  expect: e.f added\n-->\n\nPara <!-- moulint:\n provision x.y -->.\n";
        let ds = parse(text, 0);
        assert_eq!(
            ds.iter().map(|d| d.kind.clone()).collect::<Vec<_>>(),
            vec![
                expect("a.b", Kind::Missing, None, None),
                DirectiveKind::ExpectNone { id: "c.d".into() },
                expect("e.f", Kind::Added, None, None),
                DirectiveKind::Moulint {
                    text: "provision x.y".into()
                },
            ]
        );
        let s = ds[2].span;
        assert_eq!(&text[s.offset..s.end()], "<!--\n  expect: e.f added\n-->");
    }

    #[test]
    fn moulint_comments_with_or_without_a_colon() {
        let text = "<!-- moulint: provision base.term -->\n\n<!-- moulint disable doc.role -->\n\n\
                    <!-- moulintx -->\n\n<!-- Incomplete: referrals go one way. -->\n";
        assert_eq!(
            kinds(text),
            vec![
                DirectiveKind::Moulint {
                    text: "provision base.term".into()
                },
                DirectiveKind::Moulint {
                    text: "disable doc.role".into()
                },
            ]
        );
    }

    #[test]
    fn malformed_expectations_are_kept_with_a_reason() {
        for (text, why) in [
            ("expect: base.term", "needs a kind"),
            ("expect: base.term gone", "unknown kind"),
            ("expect: base.term missing line=0", "not a line number"),
            ("expect: base.term missing line=x", "not a line number"),
            ("expect: base.term missing line=2 line=3", "twice"),
            ("expect: base.term missing elem=x", "unknown option"),
            ("expect: base.term missing extra", "is not `element=EL`"),
            ("expect: Base.Term missing", "not a rule id"),
            ("expect-none:", "needs a rule id"),
            ("expect-none: a.b c.d", "one rule id"),
            ("expect base.term missing", "not a directive"),
            ("expects: base.term missing", "not a directive"),
            ("Expect: base.term missing", "not a directive"),
        ] {
            let ds = kinds(&format!("<!-- {text} -->\n"));
            match ds.as_slice() {
                [DirectiveKind::Malformed { error, .. }] => {
                    assert!(error.contains(why), "{text}: {error}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn suppressions_with_reasons_approvals_and_errors() {
        let text = "<!-- moulint-disable-next-line doc.dates, doc.role -- the county signs later -->\n\n\
                    <!-- moulint-disable base.general -- approved-by-dhcs 2025-03-01: local terms -->\n\n\
                    <!-- moulint-enable base.general -->\n\n\
                    <!-- moulint-disable-file doc.structure -->\n";
        let s = |scope, ids: &[&str], reason: Option<&str>, approved: Option<&str>| {
            DirectiveKind::Suppress(Suppression {
                scope,
                ids: ids.iter().map(|i| i.to_string()).collect(),
                reason: reason.map(Into::into),
                approved_by_dhcs: approved.map(Into::into),
            })
        };
        assert_eq!(
            kinds(text),
            vec![
                s(
                    Scope::NextLine,
                    &["doc.dates", "doc.role"],
                    Some("the county signs later"),
                    None
                ),
                s(
                    Scope::Disable,
                    &["base.general"],
                    Some("approved-by-dhcs 2025-03-01: local terms"),
                    Some("2025-03-01")
                ),
                s(Scope::Enable, &["base.general"], None, None),
                s(Scope::File, &["doc.structure"], None, None),
            ]
        );
        for (text, why) in [
            ("moulint-disable -- why", "needs the rule ids"),
            ("moulint-disable Doc.Dates -- why", "not a rule id"),
            ("moulint-disable-line doc.dates -- why", "not a directive"),
            (
                "moulint-disable doc.dates -- approved-by-dhcs 2025-02-30: x",
                "not a date",
            ),
            (
                "moulint-disable doc.dates -- approved-by-dhcs 2025-02-03 x",
                "a colon",
            ),
            (
                "moulint-disable doc.dates -- approved-by-dhcs 2025-02-03:",
                "needs a reason",
            ),
        ] {
            match kinds(&format!("<!-- {text} -->\n")).as_slice() {
                [DirectiveKind::Malformed { error, .. }] => {
                    assert!(error.contains(why), "{text}: {error}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn starts_at_the_given_offset() {
        let text = "<!-- expect-none: a.b -->\n\n<!-- expect-none: c.d -->\n";
        let from = text.find("\n\n").unwrap() + 2;
        let ds = parse(text, from);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].span.offset, from);
    }
}
