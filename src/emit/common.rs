//! What several emitters share: where a finding is (lines, columns in
//! characters and in UTF-16 code units), its stable fingerprint, and the
//! escaping of XML, URIs and GitHub workflow commands.

use crate::diagnostic::{Diagnostic, Span};
use crate::lint::FileReport;
use crate::source::SourceFile;

/// Where a finding is, 1-based. The end is exclusive: the position just
/// after the last character of the span. `column` and `end_column` count
/// characters (as the JSON report does); `column16` and `end_column16`
/// count UTF-16 code units (as SARIF does by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub column16: usize,
    pub end_column16: usize,
}

impl Region {
    /// The region of a file-wide finding: the start of the file.
    pub const START: Region = Region {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        column16: 1,
        end_column16: 1,
    };
}

/// The region of a span in its source; `None` when the finding has no span
/// or no text to point into.
pub fn region(span: Option<Span>, source: Option<&SourceFile>) -> Option<Region> {
    let (span, src) = (span?, source?);
    // A span that takes its line's break ends on that line, not at the
    // start of the next.
    let mut end = span.end().min(src.text.len()).max(span.offset);
    let bytes = src.text.as_bytes();
    if end > span.offset && bytes.get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > span.offset && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    }
    let (line, column) = src.line_col(span.offset);
    let (end_line, end_column) = src.line_col(end);
    Some(Region {
        line,
        column,
        end_line,
        end_column,
        column16: utf16_column(&src.text, span.offset),
        end_column16: utf16_column(&src.text, end),
    })
}

/// The 1-based column of a byte offset in UTF-16 code units: a character
/// outside the Basic Multilingual Plane counts two. An offset inside a
/// character counts from that character's start; one past the text, from
/// its end.
pub fn utf16_column(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    text[start..end].encode_utf16().count() + 1
}

/// FNV-1a, 64 bits: a small hash that is the same on every machine and in
/// every release (unlike the standard library's randomized one).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_on(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a 64 of `bytes` after bytes that hashed to `h`: the hash of the
/// two runs joined, without hashing the first again.
fn fnv1a64_on(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Runs of whitespace as one space, trimmed: reflowing a paragraph does not
/// change what a finding is about.
fn normalized(text: &str) -> String {
    if !text.is_ascii() {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // ASCII, byte by byte: the white space of `split_whitespace` is tab to
    // carriage return, and space.
    let mut out = Vec::with_capacity(text.len());
    let words = text
        .as_bytes()
        .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .filter(|w| !w.is_empty());
    for w in words {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(w);
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// What a finding is about, independent of where the file puts it: the
/// text under its span, or its message for a file-wide finding.
pub fn subject<'a>(d: &'a Diagnostic, source: Option<&'a SourceFile>) -> String {
    match (d.span, source) {
        (Some(s), Some(src)) => normalized(src.slice(s)),
        _ => normalized(&d.message),
    }
}

/// One fingerprint per finding of a report, in order: the hash of the id,
/// the path and the normalized text under the span (never a line number),
/// and how many findings of the file before it had the same three, so two
/// identical slots stay two findings. Inserting or removing lines above a
/// finding keeps its fingerprint; 16 hex digits.
pub fn fingerprints(report: &FileReport) -> Vec<String> {
    fingerprints_of(report, report.diagnostics.iter())
}

/// [`fingerprints`] of the suppressed findings of a report.
pub fn suppressed_fingerprints(report: &FileReport) -> Vec<String> {
    fingerprints_of(report, report.suppressed.iter().map(|s| &s.diagnostic))
}

fn fingerprints_of<'a>(
    report: &FileReport,
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> Vec<String> {
    let mut seen: Vec<u64> = Vec::new();
    diagnostics
        .map(|d| {
            let key = [
                "moulint",
                &d.id,
                &report.path,
                &subject(d, report.source.as_ref()),
            ]
            .join("\0");
            let base = fnv1a64(key.as_bytes());
            let nth = seen.iter().filter(|h| **h == base).count();
            seen.push(base);
            // The hash of `key`, a NUL and `nth`.
            let hash = fnv1a64_on(base, format!("\0{nth}").as_bytes());
            format!("{hash:016x}")
        })
        .collect()
}

/// Text for XML content or a double-quoted attribute. Characters XML 1.0
/// cannot hold (most control characters) become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The message of a GitHub workflow command (after `::`): `%`, CR and LF
/// escaped.
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a GitHub workflow command (`file=`, `title=`): as
/// [`github_data`], and `:` and `,` too.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A path as a URI reference: relative paths stay relative (with `/`
/// separators, `./` dropped), absolute ones become `file://` URIs; every
/// byte outside the unreserved set and `/` is percent-encoded.
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rel = path.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    let mut out = String::new();
    if !is_relative(rel) {
        out.push_str(if rel.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for b in rel.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Whether a path is relative (and so resolved against the checkout).
pub fn is_relative(path: &str) -> bool {
    !path.starts_with('/') && !path.starts_with('\\') && path.get(1..2) != Some(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_code_units() {
        // é is one UTF-16 unit (two bytes), 😀 two units (four bytes).
        let text = "ab\né[x] 😀[y]";
        let x = text.find("[x]").unwrap();
        let y = text.find("[y]").unwrap();
        assert_eq!(utf16_column(text, 0), 1);
        assert_eq!(utf16_column(text, x), 2);
        assert_eq!(utf16_column(text, y), 8);
        let src = SourceFile::new("t.md", text.to_string());
        let r = region(Some(Span::new(y, 3)), Some(&src)).unwrap();
        // In characters the emoji counts one.
        assert_eq!((r.line, r.column, r.end_column), (2, 7, 10));
        assert_eq!((r.column16, r.end_column16), (8, 11));
        // An offset inside a character counts from its start.
        assert_eq!(utf16_column(text, y - 1), 6);
    }

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn github_escaping_follows_the_runner_rules() {
        assert_eq!(
            github_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(github_property("C:\\a,b%\nc"), "C%3A\\a%2Cb%25%0Ac");
    }

    #[test]
    fn xml_and_uri_escaping() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}"
        );
        assert_eq!(
            path_uri("./drafts/my draft#1.md"),
            "drafts/my%20draft%231.md"
        );
        assert_eq!(path_uri("/tmp/é.md"), "file:///tmp/%C3%A9.md");
        assert!(is_relative("drafts/a.md") && !is_relative("/a.md") && !is_relative("C:\\a"));
    }
}

/// A JSON array written one element at a time, laid out exactly as
/// `serde_json::to_string_pretty` lays out the whole document, so a streamed
/// report reads byte for byte like one serialized at once. `depth` is the
/// nesting of the array's closing bracket (0 for a top-level array, 1 for
/// an array that is a field of the top-level object, and so on).
#[derive(Debug, Default)]
pub struct PrettyArray {
    depth: usize,
    items: usize,
}

impl PrettyArray {
    pub fn at_depth(depth: usize) -> PrettyArray {
        PrettyArray { depth, items: 0 }
    }

    /// How many elements were written.
    pub fn len(&self) -> usize {
        self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// The text of one more element, its separator included.
    pub fn item(&mut self, value: &impl serde::Serialize) -> String {
        let mut out = Vec::with_capacity(4096);
        out.extend_from_slice(if self.items == 0 { b"\n" } else { b",\n" });
        let f = Indented {
            depth: self.depth + 1,
            has_value: false,
        };
        f.indent(&mut out).expect("a Vec takes any write");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, f);
        value.serialize(&mut ser).expect("plain data serializes");
        self.items += 1;
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// The closing bracket (the opening one is the caller's).
    pub fn close(&self) -> String {
        if self.items == 0 {
            "]".to_string()
        } else {
            format!("\n{}]", "  ".repeat(self.depth))
        }
    }
}

/// serde_json's pretty layout ([`serde_json::ser::PrettyFormatter`], the
/// same steps) started `depth` levels in: an element of a nested array
/// comes out as serde lays it out in the whole document, written once
/// rather than laid out at the top and indented line by line after.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Opens an array or an object one level deeper.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Closes it, on a line of its own when it held anything.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    /// Starts an array's value or an object's key on a line of its own.
    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `serialized` with the empty array of `key` (`"key": []`, as serde lays
/// it out) replaced by `array`'s text, opening bracket included.
pub fn splice(serialized: &str, key: &str, array: &str) -> String {
    let empty = format!("\"{key}\": []");
    match serialized.find(&empty) {
        Some(at) => format!(
            "{}\"{key}\": {array}{}",
            &serialized[..at],
            &serialized[at + empty.len()..]
        ),
        None => serialized.to_string(),
    }
}

#[cfg(test)]
mod pretty_array_tests {
    use super::PrettyArray;

    #[test]
    fn streams_the_layout_serde_gives_the_whole_document() {
        #[derive(serde::Serialize)]
        struct Doc {
            name: &'static str,
            items: Vec<serde_json::Value>,
        }
        let items = [
            serde_json::json!({"a": 1, "b": [1, 2]}),
            serde_json::json!("x\ny"),
            serde_json::json!([]),
        ];
        for n in 0..=items.len() {
            let whole = serde_json::to_string_pretty(&Doc {
                name: "n",
                items: items[..n].to_vec(),
            })
            .unwrap();
            let mut array = PrettyArray::at_depth(1);
            let mut streamed = String::from("[");
            for v in &items[..n] {
                streamed.push_str(&array.item(v));
            }
            streamed.push_str(&array.close());
            let skeleton = serde_json::to_string_pretty(&Doc {
                name: "n",
                items: vec![],
            })
            .unwrap();
            assert_eq!(super::splice(&skeleton, "items", &streamed), whole);
        }
    }
}
