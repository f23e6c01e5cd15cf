//! Tables as the draft writes them: rows of cells, each cell one block of
//! the tree, with the source span of every table and row. Checks read
//! tables here instead of scanning the source for pipes.

use std::ops::Range;

use crate::diagnostic::Span;

/// One row of a table: the header row or a body row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row's line, with its line end.
    pub span: Span,
    pub header: bool,
    /// The blocks of its cells, in column order (an empty cell is an
    /// empty block, so columns line up).
    pub cells: Range<usize>,
}

/// A table: its rows in order, the header row first when there is one.
#[derive(Debug, Clone)]
pub struct Table {
    pub span: Span,
    pub rows: Vec<Row>,
    /// Every cell block of the table.
    pub blocks: Range<usize>,
}

/// Where a cell block sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellAt {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

/// The cell holding `block`, among `tables` (in block order).
pub fn cell_at(tables: &[Table], block: usize) -> Option<CellAt> {
    let t = tables.partition_point(|t| t.blocks.end <= block);
    let table = tables.get(t).filter(|t| t.blocks.contains(&block))?;
    let row = table.rows.partition_point(|r| r.cells.end <= block);
    let cells = &table.rows.get(row)?.cells;
    cells.contains(&block).then(|| CellAt {
        table: t,
        row,
        column: block - cells.start,
    })
}

#[cfg(test)]
mod tests {
    use crate::tree::Tree;

    #[test]
    fn rows_and_cells_are_read_from_the_markdown() {
        let md = "Intro.\n\n| Role | Name |\n|---|---|\n| MCP | Ann |\n| County |  |\n\nAfter.\n";
        let tree = Tree::parse(md, 0);
        assert_eq!(tree.tables.len(), 1);
        let t = &tree.tables[0];
        assert_eq!(t.rows.len(), 3);
        assert!(t.rows[0].header && !t.rows[1].header);
        let cell = |r: usize, c: usize| tree.blocks[t.rows[r].cells.start + c].text.as_str();
        assert_eq!((cell(0, 0), cell(1, 1), cell(2, 1)), ("Role", "Ann", ""));
        assert_eq!(
            &md[t.rows[1].span.offset..t.rows[1].span.end()],
            "| MCP | Ann |\n"
        );
        let b = t.rows[2].cells.start;
        assert_eq!(
            super::cell_at(&tree.tables, b),
            Some(super::CellAt {
                table: 0,
                row: 2,
                column: 0
            })
        );
        assert_eq!(super::cell_at(&tree.tables, 0), None);
    }

    #[test]
    fn separate_tables_stay_apart() {
        let md = "| A |\n|---|\n| 1 |\n\nText.\n\n| B |\n|---|\n| 2 |\n";
        let tree = Tree::parse(md, 0);
        assert_eq!(tree.tables.len(), 2);
    }
}
