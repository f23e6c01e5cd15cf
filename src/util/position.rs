//! Line and column of a byte offset in a text that has no [`SourceFile`]
//! (a sidecar, a configuration file, a plan profile): messages about those
//! files name `file:line:column` the way diagnostics on drafts do.
//!
//! [`SourceFile`]: crate::source::SourceFile

/// 1-based line and column (in characters) of `offset` in `text`. An offset
/// past the end or inside a character counts from the character's start.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn counts_lines_and_characters() {
        let text = "ab\nçd\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        // `ç` is two bytes: the offset after it is the second column.
        assert_eq!(line_col(text, 5), (2, 2));
        // Inside `ç`: its own column.
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 99), (3, 1));
    }
}
