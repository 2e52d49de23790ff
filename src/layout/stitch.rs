//! Tables that flow over a page break: the first table of page N+1 continues the last table
//! of page N when nothing (no heading, no caption) lies between them and both have the same
//! outer edges and border colour. A row cut mid-cell is merged back into one row.

use super::grid::{GridCell, GridTable};
use super::params::LayoutParams;

/// Whether `next` (first block of its page) continues `prev` (last block of the page before),
/// and if so how far `next` lies to the right of `prev` (0 unless the pages are scans).
/// `shift_tol` is how far a whole page may have moved sideways against the one before: 0 for
/// pages of a text layer, which share one coordinate system; on scans each sheet lay on the
/// glass in its own place, so a table continued over the break keeps its width but not its
/// position.
pub(crate) fn continues(prev: &GridTable, next: &GridTable, p: &LayoutParams, shift_tol: f32) -> Option<f32> {
    let (a0, a1) = (prev.xs[0], prev.xs[prev.xs.len() - 1]);
    let (b0, b1) = (next.xs[0], next.xs[next.xs.len() - 1]);
    let shift = b0 - a0;
    let aligned = shift.abs() <= p.stitch_edge_tol && (b1 - a1).abs() <= p.stitch_edge_tol;
    let same_width = ((b1 - b0) - (a1 - a0)).abs() <= p.stitch_edge_tol && shift.abs() <= shift_tol;
    let shift = if aligned {
        0.0
    } else if same_width {
        shift
    } else {
        return None;
    };
    let moved: Vec<f32> = next.xs.iter().map(|x| x - shift).collect();
    (next.page == prev.last_page + 1 && prev.color == next.color && outer_edges_merge(&prev.xs, &moved, p))
        .then_some(shift)
}

/// Whether both tables' outer edges fall on the same edges of the joined grid. Close outer
/// edges can still land apart when an inner edge of one table lies near them and takes one
/// into its cluster; joined, the other table's cells would then leave a column uncovered.
fn outer_edges_merge(a: &[f32], b: &[f32], p: &LayoutParams) -> bool {
    let (_, map_a, map_b) = merged_edges(a, b, p.min_cell.max(p.snap_tol));
    map_a.first() == map_b.first() && map_a.last() == map_b.last()
}

/// Appends `next` below `prev`, on a common set of column edges; `shift` is how far `next`
/// lies to the right of `prev` (what [`continues`] measured). Only the column edges are moved:
/// the cells keep the boxes of their own page.
pub(crate) fn append(prev: &mut GridTable, mut next: GridTable, shift: f32, p: &LayoutParams) {
    for x in &mut next.xs {
        *x -= shift;
    }
    let tol = p.min_cell.max(p.snap_tol);
    let (xs, prev_map, next_map) = merged_edges(&prev.xs, &next.xs, tol);
    remap_columns(prev, &prev_map);
    remap_columns(&mut next, &next_map);
    prev.xs = xs;
    let split_row = row_was_cut(prev, &next, p);
    let offset = if split_row { prev.n_rows - 1 } else { prev.n_rows };
    for mut cell in next.cells {
        if split_row && cell.r0 == 0 {
            let last = prev.n_rows;
            if let Some(t) = prev
                .cells
                .iter_mut()
                .find(|t| t.r1 == last && t.c0 == cell.c0 && t.c1 == cell.c1)
            {
                t.text.push_str(&cell.text);
                t.bold_chars += cell.bold_chars;
                t.chars += cell.chars;
                t.pieces.append(&mut cell.pieces);
                t.r1 = offset + cell.r1;
                if cell.tail_slack_em.is_some() {
                    t.tail_slack_em = cell.tail_slack_em;
                }
                continue;
            }
        }
        cell.r0 += offset;
        cell.r1 += offset;
        prev.cells.push(cell);
    }
    prev.n_rows = offset + next.n_rows;
    prev.last_page = next.last_page;
    prev.bottom_open = next.bottom_open;
    prev.cells.sort_by_key(|c| (c.r0, c.c0));
}

/// Union of two edge lists; edges closer than `tol` become one (greedy clusters anchored at
/// their first member, so two edges of one table, which are at least `tol` apart, never
/// share a cluster). Returns the merged edges and, for each input list, the merged index of
/// each of its edges.
fn merged_edges(a: &[f32], b: &[f32], tol: f32) -> (Vec<f32>, Vec<usize>, Vec<usize>) {
    let mut all: Vec<(f32, bool, usize)> = a
        .iter()
        .enumerate()
        .map(|(i, &x)| (x, false, i))
        .chain(b.iter().enumerate().map(|(i, &x)| (x, true, i)))
        .collect();
    all.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut map_a, mut map_b) = (vec![0; a.len()], vec![0; b.len()]);
    let mut edges: Vec<f32> = Vec::new();
    for (x, from_b, i) in all {
        if edges.last().is_none_or(|&anchor| x - anchor >= tol) {
            edges.push(x);
        }
        let k = edges.len() - 1;
        if from_b {
            map_b[i] = k;
        } else {
            map_a[i] = k;
        }
    }
    (edges, map_a, map_b)
}

/// Re-indexes a table's cells onto merged edges (`map[old edge] = new edge`).
fn remap_columns(t: &mut GridTable, map: &[usize]) {
    for c in &mut t.cells {
        c.c0 = map[c.c0];
        c.c1 = map[c.c1];
    }
}

/// Decides whether the last row of `prev` and the first row of `next` are one row cut by the
/// page break. Both must have the same cell columns, and both must be header rows (bold) or
/// both value rows. Two header rows are one only when every label that goes on had wrapped
/// (`逾期31—60天未还本` / `金`: a header row cut at a page foot). Text below a cell that is
/// empty above always starts a new row. For value rows, either a ruling is missing at the cut
/// (the producer left the row open) and the text agrees (some cell ends there, or every cell
/// that goes on had wrapped), or the text alone says so: the continuation fills only some of the cells, each of those sits
/// under a filled cell, and at least one cell above ends and has nothing below. The cells
/// continued must either have wrapped (their last line above was full), or the cut fell
/// between two lines of a multi-line cell: then the continuation leaves the leading key cell
/// (编号, a year, a value) empty under a one-row cell, the row above is not a header, and no
/// more cells continue than end. A new row whose first cell (编号, a year) is short fails
/// these tests, and so does a new row under a row-spanning label.
fn row_was_cut(prev: &GridTable, next: &GridTable, p: &LayoutParams) -> bool {
    let last = prev.n_rows;
    let mut above: Vec<&GridCell> = prev.cells.iter().filter(|c| c.r1 == last).collect();
    let mut below: Vec<&GridCell> = next.cells.iter().filter(|c| c.r0 == 0).collect();
    above.sort_by_key(|c| c.c0);
    below.sort_by_key(|c| c.c0);
    let same_columns =
        above.len() == below.len() && above.iter().zip(&below).all(|(a, b)| a.c0 == b.c0 && a.c1 == b.c1);
    // A header row's rest is bold and a value row's first part is not: a value row under a
    // header row, or a header row under a value row, is a row of its own whatever the rulings
    // say (Chromium leaves the edge at a page break unruled).
    let (bold_above, bold_below) = (mostly_bold(&above), mostly_bold(&below));
    let below_has_text = below.iter().any(|c| c.chars > 0);
    if !same_columns || below.is_empty() || (below_has_text && bold_above != bold_below) {
        return false;
    }
    // A row with no text left open at the page foot is only the start of the row that the
    // next page carries (Chromium draws its cell sides before moving it over).
    if above.iter().all(|c| c.text.is_empty()) && (prev.bottom_open || next.top_open) {
        return true;
    }
    // Two header rows in a row are one cut row only when the text says so.
    let header_cut = bold_above && bold_below;
    let mut continued = 0;
    let mut finished = 0;
    let mut all_wrapped = true;
    for (a, b) in above.iter().zip(&below) {
        match (a.text.is_empty(), b.text.is_empty()) {
            // Text under an empty cell starts a row (a year under the grid's blank corner).
            (true, false) => return false,
            (false, false) => {
                continued += 1;
                all_wrapped &= a.tail_slack_em.is_some_and(|s| s <= p.full_slack_em);
            }
            (false, true) => finished += 1,
            (true, true) => {}
        }
    }
    if header_cut {
        // Only wrapped labels continue; a second header row of short labels is its own row.
        return continued > 0 && all_wrapped;
    }
    if prev.bottom_open || next.top_open {
        // The producer left the row open, unless the text says otherwise: a row below that
        // goes on in every filled cell although none of them had wrapped is a new row
        // (Chromium leaves the last edge of a page unruled at every break).
        return finished > 0 || all_wrapped;
    }
    if continued == 0 || finished == 0 {
        return false;
    }
    all_wrapped || {
        let (lead_above, lead_below) = (above[0], below[0]);
        let key_done = !lead_above.text.is_empty() && lead_below.text.is_empty() && lead_above.r1 - lead_above.r0 == 1;
        key_done && !bold_above && continued <= finished
    }
}

/// Header rows are printed bold; a row whose text is mostly bold is a header, not a value row.
fn mostly_bold(row: &[&GridCell]) -> bool {
    let (bold, chars) = row.iter().fold((0, 0), |(b, n), c| (b + c.bold_chars, n + c.chars));
    chars > 0 && bold * 2 > chars
}
