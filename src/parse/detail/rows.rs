//! Account-block rows read by label, on the shared table reader ([`crate::parse::table`]).
//!
//! An account block is printed as stacked tables whose column grids differ (a 6-column basic
//! form over a 13-column repayment grid); the layout stage may return it as one table with a
//! union grid and merged cells, as several tables, or with title rows (`截至…`) either inside a
//! table or as free lines. The reader's row stream lets one walker handle all of these; this
//! module tells title rows, header rows (labels of this section) and value rows apart.
//!
//! Forms are read by label: a header row of labels and the value row under it are paired cell
//! by cell through their horizontal overlap (grid columns inside one table, page x-coordinates
//! across tables), never by position, so merged cells and unexpected extra columns cannot shift
//! a value onto the wrong label.

use crate::layout::{Cell, CellPiece};
use crate::lexicon::runs::run_together;
use crate::parse::form::is_header_row;
use crate::parse::table::{self, best_overlap, even_part, Item, Value};

use super::anchors;
use super::labels::{canon, compact, is_known, longest_known, nearest_known};

/// The text of a title-like row: a free line, a row that is one single cell (the full-width
/// `截至…`, grid-title and sentence rows), or a row whose non-empty cells, joined left to right,
/// read as an anchor (a title cut into pieces by phantom column splits, as OCR layouts produce:
/// `截至2015年05月` | `25日`).
pub(crate) fn title(item: &Item<'_>) -> Option<String> {
    match *item {
        Item::Line(line) => Some(line.text.clone()),
        Item::Row { .. } => {
            let covering = item.covering_cells();
            if let [only] = covering.as_slice() {
                return (only.row == item.row_index()).then(|| only.text.clone());
            }
            let non_empty: Vec<&Cell> = covering.iter().copied().filter(|c| !c.text.trim().is_empty()).collect();
            if non_empty.is_empty() || non_empty.iter().any(|c| c.row != item.row_index()) {
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

/// A table row that can hold values: not a free line, not a title row, not a header row.
pub(crate) fn is_body(item: &Item<'_>) -> bool {
    matches!(item, Item::Row { .. }) && title(item).is_none() && header(item).is_none()
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
            cols: table::cols(cell),
            xs: table::xs(cell),
        }
    }

    /// The cell cut into `labels.len()` equal parts left to right, one label each: a header
    /// cell that holds several labels because the rulings between them were lost.
    pub(crate) fn split_evenly(&self, labels: &[String]) -> Vec<HeaderCell> {
        let n = labels.len();
        labels
            .iter()
            .enumerate()
            .map(|(k, label)| HeaderCell {
                label: label.clone(),
                cols: even_part(self.cols, k, n),
                xs: self.xs.map(|xs| even_part(xs, k, n)),
            })
            .collect()
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

impl<'a> Header<'a> {
    /// The row's own cells as (label, boxes), each label read once: evidence for values
    /// derived from a label, such as a grid's month number (reading the labels again for each
    /// value cost more than the rest of an evidence parse's grid notes).
    pub(crate) fn labelled_boxes(&self) -> Vec<(String, &'a [CellPiece])> {
        self.item
            .own_cells()
            .into_iter()
            .map(|c| (canon(&c.text), c.pieces.as_slice()))
            .collect()
    }

    /// Where the label `label` of a header cell cut into parts ([`HeaderCell::split_evenly`]:
    /// months run together by a lost ruling, `2 3`) is printed: its part of the row's own
    /// cell, cut the same way. Empty when no cell carries `label` or it has no page box.
    pub(crate) fn part_boxes(&self, label: &str) -> Vec<CellPiece> {
        let Some((x0, x1)) = self.cells.iter().find(|c| c.label == label).and_then(|c| c.xs) else {
            return Vec::new();
        };
        let mid = (x0 + x1) / 2.0;
        self.item
            .own_cells()
            .into_iter()
            .flat_map(|c| c.pieces.iter())
            .filter(|p| p.rect.x0 <= mid && mid <= p.rect.x1)
            .map(|p| {
                let mut rect = p.rect;
                (rect.x0, rect.x1) = (x0.max(p.rect.x0), x1.min(p.rect.x1));
                CellPiece { page: p.page, rect }
            })
            .collect()
    }

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
        if !later_page || title(next).is_some() {
            return false;
        }
        let tails: Vec<String> = pair(self, next).into_iter().map(|(_, v)| canon(&v.text)).collect();
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

/// Reads `item` as a header row by the parsers' one header-row rule ([`is_header_row`]), over
/// this section's labels.
pub(crate) fn header<'a>(item: &Item<'a>) -> Option<Header<'a>> {
    read_header(item, is_known, true)
}

/// Like [`header`] with a caller-chosen vocabulary (the grid's month row uses `1`…`12`, and
/// splits run-together months by its own rule).
pub(crate) fn header_where<'a>(item: &Item<'a>, known: impl Fn(&str) -> bool) -> Option<Header<'a>> {
    read_header(item, known, false)
}

fn read_header<'a>(item: &Item<'a>, known: impl Fn(&str) -> bool, split_runs: bool) -> Option<Header<'a>> {
    let cells: Vec<HeaderCell> = item.own_cells().into_iter().map(HeaderCell::of).collect();
    let mut labels = merge_fragments(cells, &known);
    if split_runs {
        labels = split_runs_together(labels, &known);
    }
    let non_empty = labels.iter().filter(|h| !h.label.is_empty()).count();
    let hits = labels.iter().filter(|h| !h.label.is_empty() && known(&h.label)).count();
    if !is_header_row(hits, non_empty) {
        return None;
    }
    Some(Header {
        item: *item,
        cells: labels,
    })
}

/// Splits each unknown header cell that is several known labels run together (the rulings
/// between them lost at a page foot, `管理机构账户标识`) into equal parts, one label each.
fn split_runs_together(cells: Vec<HeaderCell>, known: &impl Fn(&str) -> bool) -> Vec<HeaderCell> {
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        let parts = (!cell.label.is_empty() && !known(&cell.label))
            .then(|| run_together(&cell.label, known))
            .flatten();
        match parts {
            Some(parts) => {
                let parts: Vec<String> = parts.into_iter().map(str::to_string).collect();
                out.extend(cell.split_evenly(&parts));
            }
            None => out.push(cell),
        }
    }
    out
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
    match table::xs(cell) {
        Some(xs) if !same_table => xs,
        _ => table::cols(cell),
    }
}

/// Pairs a value row with a header row: one `(label, value)` per header cell, in header order.
/// Each value cell goes to the labelled header cell it overlaps most (a blank header cell only
/// when it touches no label); a header cell with no value cell gets an empty value. Value text
/// is returned as printed (trimmed), with the boxes of its cells.
pub(crate) fn pair(header: &Header<'_>, value: &Item<'_>) -> Vec<(String, Value)> {
    pair_with(header, value, false)
}

/// [`pair`] for rows of one-token cells (a repayment grid's year rows): a value cell that spans
/// two or more labelled header cells (a ruling the scan lost between them) and holds exactly one
/// whitespace-separated token per cell it spans (`N N`, `0 0`) gives each its own token, with
/// an equal share of the cell's box. Any other such cell goes whole to the label it overlaps most.
pub(crate) fn pair_split(header: &Header<'_>, value: &Item<'_>) -> Vec<(String, Value)> {
    pair_with(header, value, true)
}

/// A value cell goes to a labelled header cell over a blank one when at least this share of
/// its width lies under the label.
const MIN_LABEL_SHARE: f32 = 0.15;

/// A header cell counts as spanned by a value cell when this share of its width lies under it.
const SPANNED_SHARE: f32 = 0.6;

fn pair_with(header: &Header<'_>, value: &Item<'_>, split: bool) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = header.cells.iter().map(|h| (h.label.clone(), Value::blank())).collect();
    let same_table = header.item.same_table(value);
    let spans: Vec<(f32, f32)> = header.cells.iter().map(|h| h.extent(same_table)).collect();
    for cell in value.own_cells() {
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        let vspan = extent(cell, same_table);
        if split {
            let spanned: Vec<usize> = (0..spans.len())
                .filter(|&i| !header.cells[i].label.is_empty())
                .filter(|&i| {
                    let (a, b) = spans[i];
                    let inside = (b.min(vspan.1) - a.max(vspan.0)).max(0.0);
                    b > a && inside >= SPANNED_SHARE * (b - a)
                })
                .collect();
            let tokens: Vec<&str> = text.split_whitespace().collect();
            if spanned.len() >= 2 && tokens.len() == spanned.len() {
                let n = tokens.len();
                for (k, (&i, token)) in spanned.iter().zip(&tokens).enumerate() {
                    let boxes = cell
                        .pieces
                        .iter()
                        .map(|p| {
                            let mut rect = p.rect;
                            (rect.x0, rect.x1) = even_part((p.rect.x0, p.rect.x1), k, n);
                            crate::layout::CellPiece { page: p.page, rect }
                        })
                        .collect();
                    out[i].1.append(&Value {
                        text: token.to_string(),
                        boxes,
                    });
                }
                continue;
            }
        }
        // A labelled header cell wins over a blank one: OCR layouts shift boundaries, and a
        // value that spills under a blank neighbour still belongs to its label. Blank header
        // cells (the grid's year column) take only values that barely touch a label: a
        // value on the next page's table, whose rulings a scan moved by a point or two, is
        // not a label's for that sliver. With no blank cell under it either, the sliver
        // still decides.
        let width = (vspan.1 - vspan.0).max(0.0);
        let best_among = |labelled: bool, min_share: f32| {
            let among: Vec<usize> = (0..spans.len())
                .filter(|&i| header.cells[i].label.is_empty() != labelled)
                .filter(|&i| table::overlap(spans[i], vspan) >= min_share * width)
                .collect();
            best_overlap(among.iter().map(|&i| spans[i]), vspan).map(|k| among[k])
        };
        let best = best_among(true, MIN_LABEL_SHARE)
            .or_else(|| best_among(false, 0.0))
            .or_else(|| best_among(true, 0.0));
        match best.and_then(|i| out.get_mut(i)) {
            Some(slot) => slot.1.append(&Value::of_cell(cell, text.to_string())),
            None => tracing::debug!("value cell outside every header column skipped"),
        }
    }
    out
}

/// Label → value pairs read from one or more header/value row pairs, consumed by label. Each
/// value keeps its boxes ([`Form::take_value`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pairs: Vec<(String, Value)>,
    used: Vec<bool>,
}

impl Form {
    /// Adds pairs (from [`pair`]).
    pub(crate) fn extend(&mut self, pairs: Vec<(String, Value)>) {
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
    pub(crate) fn continue_with(&mut self, pairs: Vec<(String, Value)>) {
        let start = self.pairs.len().saturating_sub(pairs.len());
        for (k, (_, value)) in pairs.into_iter().enumerate() {
            if let Some((_, v)) = self.pairs.get_mut(start + k) {
                v.append(&value);
            }
        }
    }

    /// Adds one pair.
    pub(crate) fn push(&mut self, label: &str, value: Value) {
        self.extend(vec![(label.to_string(), value)]);
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
        self.take_value(labels).text
    }

    /// Like [`Form::take`], with the page boxes the value was read from (none when it was not
    /// printed).
    pub(crate) fn take_value(&mut self, labels: &[&str]) -> Value {
        let exact = labels
            .iter()
            .find_map(|label| self.pairs.iter().position(|(l, _)| l == label));
        let (i, text) = match exact {
            Some(i) => (i, None),
            None => match self.misread(labels) {
                Some((i, text)) => (i, Some(text)),
                None => return Value::blank(),
            },
        };
        if let Some(flag) = self.used.get_mut(i) {
            *flag = true;
        }
        let mut value = self.pairs.get(i).map(|(_, v)| v.clone()).unwrap_or_default();
        if let Some(text) = text {
            value.text = text;
        }
        crate::evidence::provenance::note(&value.text, &value.boxes);
        value
    }

    /// The unused pair whose label was misread for one of `labels`: a label no known label
    /// matches closely enough for the lexicon to correct it alone (`逾期31-60大未迁本`, `余制`),
    /// whose nearest known label ([`nearest_known`], unique) is the one asked for, and which
    /// is the only such pair of this form. The table is known here, so a looser reach is safe
    /// than for a label read out of context.
    ///
    /// Returns the pair's index and its value as the label's format repairs it (the correction
    /// stage saw no label over it); a value that does not fit that format at all says the
    /// label was another, and the pair is not taken.
    fn misread(&self, labels: &[&str]) -> Option<(usize, String)> {
        let mut hits = self
            .pairs
            .iter()
            .zip(&self.used)
            .enumerate()
            .filter(|(_, ((l, _), used))| !**used && !l.is_empty() && !is_known(l))
            .filter_map(|(i, ((l, v), _))| {
                let (k, _) = nearest_known(l).filter(|(k, _)| labels.contains(k))?;
                Some((i, crate::correct::value_under(&v.text, k)?))
            });
        match (hits.next(), hits.next()) {
            (Some(hit), None) => {
                tracing::debug!("misread label read in its table");
                Some(hit)
            }
            _ => None,
        }
    }
    /// Logs (its length only, see [`crate::parse::labels::log_unknown`]) every non-blank label
    /// that no field consumed.
    pub(crate) fn log_unused(&self, context: &'static str) {
        for ((label, _), used) in self.pairs.iter().zip(&self.used) {
            if !used && !label.is_empty() {
                crate::parse::labels::log_unknown(context, label, "unknown label skipped");
            }
        }
    }
}
