//! A YAML value tree where every key and value carries its byte span.
//!
//! Front matter is parsed into this generic tree (by serde-saphyr, whose
//! default budgets stop alias bombs) and then validated against the schema
//! table in [`crate::frontmatter`], so every finding can point at the exact
//! key or value that is wrong and unknown keys get a did-you-mean instead
//! of a bare serde error.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A value and where it sits; `span` is relative to the YAML text until
/// [`Node::shift`] moves it into file coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// Looks up a key in a mapping node.
    pub fn get(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
    /// A scalar rendered back as text (numbers and booleans included).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    /// Adds `base` to every span in the tree.
    pub fn shift(&mut self, base: usize) {
        self.span.offset += base;
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift(base)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.shift(base);
                v.shift(base);
            }),
            _ => {}
        }
    }
}

/// Parses YAML text into a spanned tree. Errors carry a byte offset into
/// `yaml` when the parser knows one.
pub fn parse(yaml: &str) -> Result<Node, (String, Option<usize>)> {
    match serde_saphyr::from_str::<Spanned<Value>>(yaml) {
        Ok(sp) => Ok(to_node(sp, yaml)),
        Err(e) => {
            let offset = e.location().and_then(|l| {
                l.span()
                    .byte_offset()
                    .map(|o| o as usize)
                    .or_else(|| offset_of(yaml, l.line() as usize, l.column() as usize))
            });
            Err((message(&e.to_string()), offset))
        }
    }
}

/// The parser's message as one plain sentence. The library's message may
/// embed a rendered snippet and its own "line N column M" prefix: the bare
/// sentence is kept, since every caller names the place itself.
pub fn message(library: &str) -> String {
    let first = library.lines().next().unwrap_or("invalid YAML");
    let first = first.trim_start_matches("error: ");
    let first = match first.find(": ") {
        Some(i) if first.starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    plain_words(first)
}

/// A parser message without what is meant for Rust programmers: advice
/// about the library's options (`set DuplicateKeyPolicy in Options`), type
/// names, and debug text (`Some(...)`, `Error { .. }`).
fn plain_words(msg: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for part in msg.split(", ") {
        let lower = part.to_ascii_lowercase();
        let for_programmers = lower.contains("options")
            || lower.contains("policy")
            || lower.contains("serde")
            || part.contains("::")
            || part.contains("Some(")
            || part.contains(" { ")
            || part.contains("Error(");
        if !for_programmers {
            kept.push(part);
        }
    }
    let out = kept.join(", ");
    let out = out.trim().trim_end_matches([',', ';', ':']).trim();
    if out.is_empty() {
        "the YAML cannot be parsed".to_string()
    } else {
        out.to_string()
    }
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

fn to_node(sp: Spanned<Value>, yaml: &str) -> Node {
    let s = sp.referenced.span();
    let offset = s.byte_offset().unwrap_or(0) as usize;
    let mut length = s.byte_len().unwrap_or(0) as usize;
    if offset + length > yaml.len() {
        length = yaml.len().saturating_sub(offset);
    }
    Node {
        value: sp.value,
        span: Span::new(offset, length),
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(item);
        }
        Ok(Value::Seq(items.into_iter().map(raw_node).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Spanned<Value>>()? {
            let v = map.next_value::<Spanned<Value>>()?;
            entries.push((raw_node(k), raw_node(v)));
        }
        Ok(Value::Map(entries))
    }
}

/// Converts without clamping; [`parse`] clamps the root, and inner spans
/// come from the same parser run.
fn raw_node(sp: Spanned<Value>) -> Node {
    let s = sp.referenced.span();
    Node {
        value: sp.value,
        span: Span::new(
            s.byte_offset().unwrap_or(0) as usize,
            s.byte_len().unwrap_or(0) as usize,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_carry_byte_spans() {
        let y = "template: base\nother_party:\n  name: \"Ça Va\"\n  type: coc\ncounties: [A, B]\n";
        let n = parse(y).unwrap();
        let (k, v) = n.get("template").unwrap();
        assert_eq!(&y[k.span.offset..k.span.end()], "template");
        assert_eq!(&y[v.span.offset..v.span.end()], "base");
        let (_, party) = n.get("other_party").unwrap();
        let (_, name) = party.get("name").unwrap();
        assert_eq!(name.as_str(), Some("Ça Va"));
        assert!(
            y[name.span.offset..].starts_with("\"Ça Va\""),
            "{:?}",
            name.span
        );
        let (_, counties) = n.get("counties").unwrap();
        let Value::Seq(items) = &counties.value else {
            panic!()
        };
        assert_eq!(&y[items[1].span.offset..items[1].span.end()], "B");
    }

    #[test]
    fn messages_carry_no_programmer_text() {
        let err = parse("template: base\ntemplate: mhp\n").unwrap_err();
        assert_eq!(err.0, "duplicate mapping key: template");
        assert_eq!(
            plain_words("Error { kind: Eof }"),
            "the YAML cannot be parsed"
        );
    }

    #[test]
    fn syntax_errors_have_an_offset() {
        let err = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(err.1.is_some(), "{err:?}");
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            y.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&y).is_err());
    }
}
