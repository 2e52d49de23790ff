//! The section's blocks as one stream of rows, and form reading by label.
//!
//! An account block is printed as stacked tables whose column grids differ (a 6-column basic
//! form over a 13-column repayment grid); the layout stage may return it as one table with a
//! union grid and merged cells, as several tables, or with title rows (`截至…`) either inside a
//! table or as free lines. Flattening everything to rows lets one walker handle all of these.
//!
//! Forms are read by label: a header row of labels and the value row under it are paired cell
//! by cell through their horizontal overlap (grid columns inside one table, page x-coordinates
//! across tables), never by position, so merged cells and unexpected extra columns cannot shift
//! a value onto the wrong label.

use crate::layout::{Block, Cell, Line, Table};

use super::anchors;
use super::labels::{canon, compact, is_known, longest_known};

/// One row of the stream: a free text line, or one grid row of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item<'a> {
    /// Text outside tables.
    Line(&'a Line),
    /// Grid row `row` of `table`.
    Row { table: &'a Table, row: usize },
}

/// Expands the blocks into rows in reading order.
pub(crate) fn items(blocks: &[Block]) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Line(line) => out.push(Item::Line(line)),
            Block::Table(table) => {
                for row in 0..table.n_rows {
                    out.push(Item::Row { table, row });
                }
            }
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

    /// Cells covering this row, including cells merged down from rows above.
    fn covering_cells(&self) -> Vec<&'a Cell> {
        match *self {
            Item::Line(_) => Vec::new(),
            Item::Row { table, row } => table
                .cells
                .iter()
                .filter(|c| row >= c.row && row < c.row + c.row_span.max(1))
                .collect(),
        }
    }

    /// The text of a title-like row: a free line, a row that is one single cell (the full-width
    /// `截至…`, grid-title and sentence rows), or a row whose non-empty cells, joined left to
    /// right, read as an anchor (a title cut into pieces by phantom column splits, as OCR
    /// layouts produce: `截至2015年05月` | `25日`).
    pub(crate) fn title(&self) -> Option<String> {
        match *self {
            Item::Line(line) => Some(line.text.clone()),
            Item::Row { .. } => {
                let covering = self.covering_cells();
                if let [only] = covering.as_slice() {
                    return (only.row == self.row_index()).then(|| only.text.clone());
                }
                let non_empty: Vec<&Cell> = covering.iter().copied().filter(|c| !c.text.trim().is_empty()).collect();
                if non_empty.is_empty() || non_empty.iter().any(|c| c.row != self.row_index()) {
                    return None;
                }
                let mut ordered = non_empty;
                ordered.sort_by_key(|c| c.col);
                let joined: String = ordered.iter().map(|c| c.text.trim()).collect();
                let anchor = if ordered.len() == 1 {
                    anchors::is_anchor(&compact(&joined))
                } else {
                    anchors::is_row_title(&compact(&joined))
                };
                anchor.then_some(joined)
            }
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

    fn row_index(&self) -> usize {
        match *self {
            Item::Line(_) => 0,
            Item::Row { row, .. } => row,
        }
    }

    fn table(&self) -> Option<&'a Table> {
        match *self {
            Item::Line(_) => None,
            Item::Row { table, .. } => Some(table),
        }
    }
}

/// A table row that can hold values: not a free line, not a title row, not a header row.
pub(crate) fn is_body(item: &Item<'_>) -> bool {
    matches!(item, Item::Row { .. }) && item.title().is_none() && header(item).is_none()
}

/// A header cell: its canonical label and where it lies.
#[derive(Debug, Clone)]
pub(crate) struct HeaderCell {
    /// Canonical label (`labels::canon`); `""` for a blank header cell (the grid's year column).
    pub label: String,
    /// Grid columns covered, `[start, end)`.
    cols: (f32, f32),
    /// Page x-range, when the cell has a box.
    xs: Option<(f32, f32)>,
}

impl HeaderCell {
    fn of(cell: &Cell) -> Self {
        HeaderCell {
            label: canon(&cell.text),
            cols: (cell.col as f32, (cell.col + cell.col_span.max(1)) as f32),
            xs: cell.pieces.first().map(|p| (p.rect.x0, p.rect.x1)),
        }
    }

    /// Extent in the frame shared with the value row: columns within one table, x otherwise.
    fn extent(&self, same_table: bool) -> (f32, f32) {
        match self.xs {
            Some(xs) if !same_table => xs,
            _ => self.cols,
        }
    }
}

/// A header row ready to be paired with value rows.
#[derive(Debug, Clone)]
pub(crate) struct Header<'a> {
    item: Item<'a>,
    /// Header cells left to right, blank ones included.
    pub cells: Vec<HeaderCell>,
}

impl Header<'_> {
    /// The first label of the row that this section knows, e.g. `特殊交易类型` or `机构说明`.
    pub(crate) fn first_known(&self) -> Option<&str> {
        self.cells.iter().map(|h| h.label.as_str()).find(|l| is_known(l))
    }

    /// Whether the row carries `label`.
    pub(crate) fn has(&self, label: &str) -> bool {
        self.cells.iter().any(|h| h.label == label)
    }

    /// Completes labels cut by a page break (`逾期91－180天未还本` / `金`): when `next` starts
    /// on a later page than this row and appending its text turns an unknown label into a
    /// known one, the text is appended to every label and `true` is returned (the caller then
    /// skips `next`).
    pub(crate) fn absorb_cut_row(&mut self, next: &Item<'_>) -> bool {
        let later_page =
            matches!((self.item.pages(), next.pages()), (Some((_, last)), Some((first, _))) if first > last);
        if !later_page || next.title().is_some() {
            return false;
        }
        let tails: Vec<String> = pair(self, next).into_iter().map(|(_, text)| canon(&text)).collect();
        let completes = self.cells.iter().zip(&tails).any(|(h, tail)| {
            !tail.is_empty() && !is_known(&h.label) && is_known(&canon(&format!("{}{tail}", h.label)))
        });
        if completes {
            for (h, tail) in self.cells.iter_mut().zip(tails) {
                h.label = canon(&format!("{}{tail}", h.label));
            }
        }
        completes
    }
}

/// Reads `item` as a header row when at least one of its non-empty cells, and at least half of
/// them, are known labels. Unknown labels stay in the row so that their values are paired (and
/// then dropped) instead of landing under a neighbouring label.
pub(crate) fn header<'a>(item: &Item<'a>) -> Option<Header<'a>> {
    header_where(item, is_known)
}

/// Like [`header`] with a caller-chosen vocabulary (the grid's month row uses `1`…`12`).
pub(crate) fn header_where<'a>(item: &Item<'a>, known: impl Fn(&str) -> bool) -> Option<Header<'a>> {
    let cells: Vec<HeaderCell> = item.own_cells().into_iter().map(HeaderCell::of).collect();
    let labels = merge_fragments(cells, &known);
    let non_empty = labels.iter().filter(|h| !h.label.is_empty()).count();
    let hits = labels.iter().filter(|h| !h.label.is_empty() && known(&h.label)).count();
    if hits == 0 || hits * 2 < non_empty {
        return None;
    }
    Some(Header {
        item: *item,
        cells: labels,
    })
}

/// Longest run of header cells joined back into one label.
const MAX_FRAGMENTS: usize = 6;

/// Joins runs of adjacent unknown fragments that spell a known label (`管理` | `机` | `构`):
/// OCR layouts split a label wherever the recogniser left a gap. The joined cell covers the
/// whole run, so the value under it still pairs by overlap. Known labels are never joined.
fn merge_fragments(cells: Vec<HeaderCell>, known: &impl Fn(&str) -> bool) -> Vec<HeaderCell> {
    let mut out: Vec<HeaderCell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while let Some(first) = cells.get(i) {
        let mut merged = None;
        if !first.label.is_empty() && !known(&first.label) {
            let mut joined = first.label.clone();
            for (j, next) in cells.iter().enumerate().skip(i + 1).take(MAX_FRAGMENTS - 1) {
                if known(&next.label) {
                    break;
                }
                joined.push_str(&next.label);
                if joined.chars().count() > longest_known() {
                    break;
                }
                let label = canon(&joined);
                if !next.label.is_empty() && known(&label) {
                    merged = Some((j, label, next));
                    break;
                }
            }
        }
        match merged {
            Some((j, label, last)) => {
                let xs = first.xs.zip(last.xs).map(|(a, b)| (a.0.min(b.0), a.1.max(b.1)));
                out.push(HeaderCell {
                    label,
                    cols: (first.cols.0, last.cols.1),
                    xs,
                });
                i = j + 1;
            }
            None => {
                out.push(first.clone());
                i += 1;
            }
        }
    }
    out
}

/// Horizontal extent of a value cell in a frame shared with the header row: grid columns when
/// both rows come from the same table, page x-coordinates otherwise.
fn extent(cell: &Cell, same_table: bool) -> (f32, f32) {
    match cell.pieces.first() {
        Some(piece) if !same_table => (piece.rect.x0, piece.rect.x1),
        _ => (cell.col as f32, (cell.col + cell.col_span.max(1)) as f32),
    }
}

fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0.0)
}

/// Pairs a value row with a header row: one `(label, value)` per header cell, in header order.
/// Each value cell goes to the labelled header cell it overlaps most (a blank header cell only
/// when it touches no label); a header cell with no value cell gets `""`. Value text is returned as printed (trimmed).
pub(crate) fn pair(header: &Header<'_>, value: &Item<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = header.cells.iter().map(|h| (h.label.clone(), String::new())).collect();
    let same_table = matches!((header.item.table(), value.table()), (Some(a), Some(b)) if std::ptr::eq(a, b));
    let spans: Vec<(f32, f32)> = header.cells.iter().map(|h| h.extent(same_table)).collect();
    for cell in value.own_cells() {
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        let vspan = extent(cell, same_table);
        // A labelled header cell wins over a blank one: OCR layouts shift boundaries, and a
        // value that spills under a blank neighbour still belongs to its label. Blank header
        // cells (the grid's year column) take only values that touch no label.
        let best_among = |labelled: bool| {
            spans
                .iter()
                .zip(&header.cells)
                .enumerate()
                .filter(|(_, (_, h))| h.label.is_empty() != labelled)
                .map(|(i, (s, _))| (i, overlap(*s, vspan)))
                .filter(|(_, o)| *o > 0.0)
                .fold(None::<(usize, f32)>, |acc, (i, o)| match acc {
                    Some((_, best)) if best >= o => acc,
                    _ => Some((i, o)),
                })
        };
        let best = best_among(true).or_else(|| best_among(false));
        match best.and_then(|(i, _)| out.get_mut(i)) {
            Some(slot) => slot.1.push_str(text),
            None => tracing::debug!("value cell outside every header column skipped"),
        }
    }
    out
}

/// Label → value pairs read from one or more header/value row pairs, consumed by label.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pairs: Vec<(String, String)>,
    used: Vec<bool>,
}

impl Form {
    /// Adds pairs (from [`pair`]).
    pub(crate) fn extend(&mut self, pairs: Vec<(String, String)>) {
        for p in pairs {
            self.pairs.push(p);
            self.used.push(false);
        }
    }

    /// Appends another form's pairs (a form printed as two header/value row pairs).
    pub(crate) fn merge(&mut self, other: Form) {
        self.pairs.extend(other.pairs);
        self.used.extend(other.used);
    }

    /// Appends a continuation row (from [`pair`] with the same header) value by value: the
    /// second half of cells cut by a page break (CONVENTIONS §6).
    pub(crate) fn continue_with(&mut self, pairs: Vec<(String, String)>) {
        let start = self.pairs.len().saturating_sub(pairs.len());
        for (k, (_, value)) in pairs.into_iter().enumerate() {
            if let Some((_, v)) = self.pairs.get_mut(start + k) {
                v.push_str(&value);
            }
        }
    }

    /// Adds one pair.
    pub(crate) fn push(&mut self, label: &str, value: &str) {
        self.extend(vec![(label.to_string(), value.to_string())]);
    }

    /// Whether nothing was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Whether `label` was read (used or not).
    pub(crate) fn has(&self, label: &str) -> bool {
        self.pairs.iter().any(|(l, _)| l == label)
    }

    /// Takes the value under the first of `labels` present (aliases in order of preference);
    /// `""` when none was printed.
    pub(crate) fn take(&mut self, labels: &[&str]) -> String {
        for label in labels {
            if let Some(i) = self.pairs.iter().position(|(l, _)| l == label) {
                if let Some(flag) = self.used.get_mut(i) {
                    *flag = true;
                }
                return self.pairs.get(i).map(|(_, v)| v.clone()).unwrap_or_default();
            }
        }
        String::new()
    }

    /// Logs (label only, never the value) every non-blank label that no field consumed.
    pub(crate) fn log_unused(&self, context: &'static str) {
        for ((label, _), used) in self.pairs.iter().zip(&self.used) {
            if !used && !label.is_empty() {
                tracing::warn!(context, label = label.as_str(), "unknown label skipped");
            }
        }
    }
}
