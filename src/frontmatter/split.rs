//! Finding the front matter block: a `---` first line, after an optional
//! byte order mark, CRLF tolerated, closed by `---` or `...`.

use crate::diagnostic::Span;

/// Where the block sits in the file.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    /// The whole block, fences included.
    pub block: Span,
    /// The YAML between the fences.
    pub yaml: Span,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

pub enum SplitResult {
    Found(Split),
    /// No front matter; the body starts after any byte order mark.
    Absent {
        body_start: usize,
    },
    /// Opened but never closed: the opening fence's span.
    Unclosed(Span),
}

/// Detects the front matter block.
pub fn split(text: &str) -> SplitResult {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter { text, pos: start };
    let Some((o_start, o_end, first)) = lines.next() else {
        return SplitResult::Absent { body_start: start };
    };
    if first.trim_end() != "---" {
        return SplitResult::Absent { body_start: start };
    }
    let yaml_start = o_end;
    for (l_start, l_end, line) in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return SplitResult::Found(Split {
                block: Span::from_range(o_start..l_end),
                yaml: Span::from_range(yaml_start..l_start),
                body_start: l_end,
            });
        }
    }
    SplitResult::Unclosed(Span::from_range(o_start..o_start + first.trim_end().len()))
}

/// Lines with their byte ranges (end includes the line break).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, adv) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += adv;
        Some((start, start + adv, line.trim_end_matches('\r')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_tolerates_bom_and_crlf() {
        let t = "\u{feff}---\r\ntemplate: base\r\n---\r\n# Body\r\n";
        let SplitResult::Found(sp) = split(t) else {
            panic!("not found")
        };
        assert_eq!(&t[sp.yaml.offset..sp.yaml.end()], "template: base\r\n");
        assert_eq!(&t[sp.body_start..], "# Body\r\n");
        assert_eq!(sp.block.offset, 3);
    }
}
