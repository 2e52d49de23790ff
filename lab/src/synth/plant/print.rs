//! Finding the printed cell of a value among the composed blocks, so that a plant changes the
//! truth leaf and the cell that prints it together (the truth stays what is printed).
//!
//! Cells are found by what the sections print around them — a table's title, a header above a
//! value, a row label before it, an account's unique 账户标识 — and every edit first checks that
//! the cell holds exactly the truth's current value, so a plant never edits the wrong cell.

use super::super::model::{Block, Cell, Table};

/// Whether some cell of `t` reads exactly `text`.
pub fn has(t: &Table, text: &str) -> bool {
    t.rows.iter().flat_map(|r| &r.cells).any(|c| c.text == text)
}

/// The first cell, in the first table holding one, that reads exactly `text` (a value printed
/// once, such as an ID or a phone number).
pub fn cell_reading<'a>(blocks: &'a mut [Block], text: &str) -> Option<&'a mut Cell> {
    table_with(blocks, text)?
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .find(|c| c.text == text)
}

/// The first table holding a cell that reads exactly `text`.
pub fn table_with<'a>(blocks: &'a mut [Block], text: &str) -> Option<&'a mut Table> {
    blocks.iter_mut().find_map(|b| match b {
        Block::Table(t) if has(t, text) => Some(t),
        _ => None,
    })
}

/// Block index of the one table holding a cell that reads exactly `text` (`None` when no table
/// or several do: the cell would be ambiguous).
pub fn only_table_index(blocks: &[Block], text: &str) -> Option<usize> {
    let mut hits = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table(t) if has(t, text)))
        .map(|(i, _)| i);
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// The table at block index `i`.
pub fn table_at(blocks: &mut [Block], i: usize) -> Option<&mut Table> {
    match blocks.get_mut(i)? {
        Block::Table(t) => Some(t),
        _ => None,
    }
}

/// The value cell under the header cell reading `header`: same position in the next row
/// (header and value rows of the sections split the width into the same number of cells).
pub fn below<'a>(t: &'a mut Table, header: &str) -> Option<&'a mut Cell> {
    let (r, i) = t.rows.iter().enumerate().find_map(|(r, row)| {
        let i = row.cells.iter().position(|c| c.text == header)?;
        Some((r, i))
    })?;
    let n = t.rows[r].cells.len();
    let next = t.rows.get_mut(r + 1)?;
    (next.cells.len() == n).then_some(())?;
    next.cells.get_mut(i)
}

/// The cell right after the one reading `key` in the same row (a row label and its value).
pub fn after<'a>(t: &'a mut Table, key: &str) -> Option<&'a mut Cell> {
    let row = t.rows.iter_mut().find(|row| row.cells.iter().any(|c| c.text == key))?;
    let i = row.cells.iter().position(|c| c.text == key)?;
    row.cells.get_mut(i + 1)
}

/// The first cell whose text starts with `prefix` (`报告编号：…`).
pub fn starting<'a>(t: &'a mut Table, prefix: &str) -> Option<&'a mut Cell> {
    t.rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .find(|c| c.text.starts_with(prefix))
}

/// Prints `new` where `field` was printed as `prefix` + `field`, in the truth and the cell
/// alike; `None` (nothing changed) when the cell does not hold the truth's value.
pub fn reprint(field: &mut String, cell: Option<&mut Cell>, prefix: &str, suffix: &str, new: String) -> Option<()> {
    let cell = cell?;
    (cell.text == format!("{prefix}{field}{suffix}") && *field != new).then_some(())?;
    cell.text = format!("{prefix}{new}{suffix}");
    *field = new;
    Some(())
}

/// Prints `new` for the value `field` in the cell located by `find` (no prefix).
pub fn reprint_value(field: &mut String, cell: Option<&mut Cell>, new: String) -> Option<()> {
    reprint(field, cell, "", "", new)
}
