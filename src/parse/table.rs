//! The one table reader under every section parser: a section's blocks as a stream of rows
//! ([`Item`]), cells placed in a shared horizontal frame, header ↔ value pairing by overlap
//! ([`best_overlap`]), and values that carry where they are printed ([`Value`]).
//!
//! The report prints every table as header rows (labels) over value rows (report_layout.md
//! §15), often as several stacked tables with different column grids, cut by page breaks and,
//! after OCR, with lost or phantom rulings. Pairing a value with the header it overlaps most,
//! never by position, is what keeps an extra, missing or merged column from shifting the other
//! values. Which labels make a header row is the section's business ([`super::form`] for the
//! form-style sections, [`super::detail`] for account blocks); both pair through here.
//!
//! Evidence: every [`Value`] keeps the page and box of each cell it was read from
//! (`Value::boxes`, in the layout stage's page coordinates). Values are taken by label in
//! `form::apply` and `detail::rows::Form::take_value`; the boxes are at hand there.

use crate::layout::{Block, Cell, CellPiece, Line, Table};

/// A value as read, with the page boxes of the cells (or line) it came from: a value joined
/// from several cells (a cell cut by a page break, a merged value cell printed as two) has one
/// box per piece.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Value {
    /// Text as the section parser wants it (trimmed or cleaned of layout whitespace).
    pub text: String,
    /// Where the text is printed: page index and box, one per cell piece.
    pub boxes: Vec<CellPiece>,
}

impl Value {
    /// A value read from `cell`, with `text` derived from the cell's text.
    pub(crate) fn of_cell(cell: &Cell, text: String) -> Self {
        Value {
            text,
            boxes: cell.pieces.clone(),
        }
    }

    /// A value read from a line outside tables.
    pub(crate) fn of_line(line: &Line, text: String) -> Self {
        Value {
            text,
            boxes: vec![CellPiece {
                page: line.page,
                rect: line.rect,
            }],
        }
    }

    /// A value with no printed source (a blank the parser fills in).
    pub(crate) fn blank() -> Self {
        Value::default()
    }

    /// Appends `other` (text and boxes): the second half of a value cut in two.
    pub(crate) fn append(&mut self, other: &Value) {
        self.text.push_str(&other.text);
        self.boxes.extend(other.boxes.iter().cloned());
    }

    /// Whether the text is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// One row of a section in reading order: a free text line, or one grid row of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item<'a> {
    /// Text outside tables.
    Line(&'a Line),
    /// Grid row `row` of `table`.
    Row {
        /// The table (possibly stitched over pages).
        table: &'a Table,
        /// Grid row index.
        row: usize,
    },
}

/// Expands the blocks into rows in reading order, every grid row of every table included.
pub(crate) fn items(blocks: &[Block]) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Line(line) => out.push(Item::Line(line)),
            Block::Table(table) => out.extend((0..table.n_rows).map(|row| Item::Row { table, row })),
        }
    }
    out
}

impl<'a> Item<'a> {
    /// Cells whose top slot is in this row, left to right (none for a line).
    pub(crate) fn own_cells(&self) -> Vec<&'a Cell> {
        match *self {
            Item::Line(_) => Vec::new(),
            Item::Row { table, row } => table.row(row),
        }
    }

    /// Cells covering this row, cells merged down from rows above included, in the table's
    /// row-major order (none for a line).
    pub(crate) fn covering_cells(&self) -> Vec<&'a Cell> {
        match *self {
            Item::Line(_) => Vec::new(),
            Item::Row { table, row } => table
                .cells
                .iter()
                .filter(|c| row >= c.row && row < c.row + c.row_span.max(1))
                .collect(),
        }
    }

    /// First and last page of the row's own cells (a line's page); `None` for a row without
    /// cells.
    pub(crate) fn pages(&self) -> Option<(usize, usize)> {
        match *self {
            Item::Line(line) => Some((line.page, line.page)),
            Item::Row { .. } => {
                let pages = self
                    .own_cells()
                    .into_iter()
                    .flat_map(|c| c.pieces.iter().map(|p| p.page));
                pages.fold(None, |acc, p| match acc {
                    None => Some((p, p)),
                    Some((lo, hi)) => Some((lo.min(p), hi.max(p))),
                })
            }
        }
    }

    /// Where the row is printed: the line's box, or the boxes of the row's own cells.
    pub(crate) fn boxes(&self) -> Vec<CellPiece> {
        match *self {
            Item::Line(line) => Value::of_line(line, String::new()).boxes,
            Item::Row { .. } => self.own_cells().into_iter().flat_map(|c| c.pieces.clone()).collect(),
        }
    }

    /// Grid row index (0 for a line).
    pub(crate) fn row_index(&self) -> usize {
        match *self {
            Item::Line(_) => 0,
            Item::Row { row, .. } => row,
        }
    }

    /// The table of a row.
    pub(crate) fn table(&self) -> Option<&'a Table> {
        match *self {
            Item::Line(_) => None,
            Item::Row { table, .. } => Some(table),
        }
    }

    /// Whether both items are rows of the same table (then grid columns compare directly).
    pub(crate) fn same_table(&self, other: &Item<'_>) -> bool {
        matches!((self.table(), other.table()), (Some(a), Some(b)) if std::ptr::eq(a, b))
    }
}

/// Grid columns `[col, col + span)` a cell covers.
pub(crate) fn cols(cell: &Cell) -> (f32, f32) {
    (cell.col as f32, (cell.col + cell.col_span.max(1)) as f32)
}

/// Page x-range of the cell's first piece; `None` for a cell without a box (hand-built
/// fixtures).
pub(crate) fn xs(cell: &Cell) -> Option<(f32, f32)> {
    cell.pieces.first().map(|p| (p.rect.x0, p.rect.x1))
}

/// Whether every cell of the table has a page box, so that page x-coordinates can be compared
/// across its rows and with other tables.
pub(crate) fn has_boxes(table: &Table) -> bool {
    table.cells.iter().all(|c| !c.pieces.is_empty())
}

/// Part `k` of `n` equal parts of the extent `(a, b)`, left to right (a cell that holds `n`
/// columns because the rulings between them were lost).
pub(crate) fn even_part((a, b): (f32, f32), k: usize, n: usize) -> (f32, f32) {
    let n = n as f32;
    (a + (b - a) * k as f32 / n, a + (b - a) * (k + 1) as f32 / n)
}

/// Length of the overlap of two ranges (0 when they do not meet).
pub(crate) fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0.0)
}

/// Index of the candidate range that overlaps `v` most, the first one on a tie; `None` when
/// none overlaps. The one pairing rule of the reader: a value cell belongs to the header cell
/// it overlaps most.
pub(crate) fn best_overlap(candidates: impl IntoIterator<Item = (f32, f32)>, v: (f32, f32)) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, c) in candidates.into_iter().enumerate() {
        let ov = overlap(c, v);
        if ov > 0.0 && best.is_none_or(|(_, b)| ov > b) {
            best = Some((i, ov));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_overlapping_range_wins_and_ties_keep_the_first() {
        let heads = [(0.0, 10.0), (10.0, 30.0), (30.0, 40.0)];
        assert_eq!(best_overlap(heads, (5.0, 25.0)), Some(1));
        assert_eq!(best_overlap(heads, (5.0, 15.0)), Some(0));
        assert_eq!(best_overlap(heads, (50.0, 60.0)), None);
        // Touching edges do not overlap.
        assert_eq!(best_overlap(heads, (40.0, 45.0)), None);
    }

    #[test]
    fn values_joined_keep_every_box() {
        let piece = |page| CellPiece {
            page,
            rect: crate::geom::Rect::new(0.0, 0.0, 1.0, 1.0),
        };
        let mut v = Value {
            text: "按期结息、".into(),
            boxes: vec![piece(0)],
        };
        v.append(&Value {
            text: "到期还本".into(),
            boxes: vec![piece(1)],
        });
        assert_eq!(v.text, "按期结息、到期还本");
        assert_eq!(v.boxes.iter().map(|b| b.page).collect::<Vec<_>>(), [0, 1]);
    }
}
