//! Units of text: a paragraph, list item or heading alone, or a whole
//! table row with its cells joined. The role and party checks read a row
//! of a contacts or signature table as one piece of text, and still map
//! every offset back to its cell and its bytes in the file.

use std::ops::Range;

use crate::diagnostic::Span;
use crate::table::cell_at;
use crate::text::BlockKind;
use crate::tree::Tree;

/// A paragraph, list item or heading, or a whole table row: what the check
/// reads as one piece of text.
#[derive(Debug)]
pub struct Unit {
    /// For each joined block (a table row's cells): where its text starts
    /// in `text`, and its index.
    parts: Vec<(usize, usize)>,
    pub text: String,
    /// For a table row: the unit index of its table's first row, and the
    /// row's number in the table (0 for the header row).
    pub row: Option<(usize, usize)>,
}

impl Unit {
    /// How many cells (blocks) the unit joins: 1 unless a table row.
    pub fn width(&self) -> usize {
        self.parts.len()
    }

    pub fn first_block(&self) -> usize {
        self.parts[0].1
    }

    /// The text range of cell `col` (the block `col` of the unit).
    pub fn cell(&self, col: usize) -> Option<Range<usize>> {
        let &(at, _) = self.parts.get(col)?;
        let end = self
            .parts
            .get(col + 1)
            .map_or(self.text.len(), |&(next, _)| next - 1);
        Some(at..end)
    }

    /// The cell holding a text offset.
    pub fn column(&self, pos: usize) -> usize {
        self.parts.partition_point(|(at, _)| *at <= pos).max(1) - 1
    }

    /// The blocks of the unit, one per cell of a table row.
    pub fn cell_blocks(&self) -> impl Iterator<Item = usize> + '_ {
        self.parts.iter().map(|&(_, b)| b)
    }

    /// Maps a range of the unit's text to file bytes.
    pub fn span(&self, tree: &Tree, r: Range<usize>) -> Span {
        let locate = |pos: usize| {
            let (at, b) = self.parts[self.column(pos)];
            (b, (pos - at).min(tree.blocks[b].text.len()))
        };
        let (sb, so) = locate(r.start);
        let (eb, eo) = locate(r.end.saturating_sub(1).max(r.start));
        let eo = if r.end > r.start {
            (eo + 1).min(tree.blocks[eb].text.len())
        } else {
            eo
        };
        if sb == eb {
            return tree.blocks[sb].source_span(so..eo.max(so));
        }
        let start = tree.blocks[sb].source_span(so..so).offset;
        let end = tree.blocks[eb].source_span(0..eo).end();
        Span::from_range(start..end.max(start))
    }
}

/// The blocks of `range` grouped into units: the cells of a table row
/// together, every other block alone. The rows of one table are numbered
/// from the first one in `range` (the header row, when the range holds the
/// whole table), and carry the index of that first row's unit.
pub fn units(tree: &Tree, range: Range<usize>) -> Vec<Unit> {
    let blocks = &tree.blocks;
    let mut out: Vec<Unit> = Vec::new();
    // The table of the previous unit, when it was a table row.
    let mut prev_table: Option<usize> = None;
    let mut i = range.start;
    while i < range.end {
        let mut u = Unit {
            parts: vec![(0, i)],
            text: blocks[i].text.clone(),
            row: None,
        };
        let mut j = i + 1;
        let cell = (blocks[i].kind == BlockKind::TableCell)
            .then(|| cell_at(&tree.tables, i))
            .flatten();
        if let Some(at) = cell {
            let row = &tree.tables[at.table].rows[at.row];
            while j < range.end.min(row.cells.end) {
                u.text.push(' ');
                u.parts.push((u.text.len(), j));
                u.text.push_str(&blocks[j].text);
                j += 1;
            }
            let above = out.last().and_then(|p| p.row);
            u.row = Some(match above {
                Some((first, n)) if prev_table == Some(at.table) => (first, n + 1),
                _ => (out.len(), 0),
            });
        }
        prev_table = cell.map(|c| c.table);
        out.push(u);
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_numbered_per_table() {
        let md = "| A | B |\n|---|---|\n| a1 | b1 |\n| a2 |  |\n\n| C | D |\n|:--|--:|\n| c1 | d1 |\n\nText.\n";
        let tree = Tree::parse(md, 0);
        let us = units(&tree, 0..tree.blocks.len());
        let rows: Vec<(&str, Option<(usize, usize)>)> =
            us.iter().map(|u| (u.text.as_str(), u.row)).collect();
        assert_eq!(
            rows,
            [
                ("A B", Some((0, 0))),
                ("a1 b1", Some((0, 1))),
                ("a2 ", Some((0, 2))),
                ("C D", Some((3, 0))),
                ("c1 d1", Some((3, 1))),
                ("Text.", None)
            ]
        );
        assert_eq!(&us[1].text[us[1].cell(1).unwrap()], "b1");
        assert_eq!(us[2].cell(1), Some(3..3));
        let sp = us[4].span(&tree, us[4].cell(1).unwrap());
        assert_eq!(&md[sp.offset..sp.end()], "d1");
    }
}
