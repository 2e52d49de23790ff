//! Form-style sections read by label, on the shared table reader ([`super::table`]).
//!
//! Every table of the report is a stack of *header rows* (bold labels) each followed by one or
//! more *value rows* (report_layout.md §15). This module turns the reader's row stream into
//! [`Item`]s (lines and non-blank table rows in value and key form), splits them at known
//! titles, and groups rows under their header row. A value is paired with the header cell it
//! overlaps most horizontally in page coordinates ([`best_overlap`]), so an extra, missing or
//! merged column never shifts the other values, and a table that the layout stage left in two
//! pieces still pairs up. Stacked tables are joined into records by `编号` ([`read_keyed`]).
//!
//! Every value keeps its page boxes ([`Value`]); [`apply`] is where a value is handed to its
//! field, with the boxes at hand.

use std::collections::HashMap;

use serde::Serialize;

use crate::evidence::provenance;
use crate::layout::{Block, CellPiece};
use crate::lexicon::runs::run_together;

use super::labels::{correct, missing_label, one_slip, spellings};
use super::table::{self, best_overlap, even_part, Value};
use super::text::{clean, key, title_matches};

/// Width given to one grid column when a cell has no page box (fixtures built by hand).
const PSEUDO_COL_WIDTH: f32 = 100.0;

/// One table cell as the parsers see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PCell {
    /// Value form of the text (layout whitespace removed).
    pub text: String,
    /// Key form of the text (for label matching).
    pub key: String,
    /// Horizontal extent on the page.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Page boxes of the cell.
    pub boxes: Vec<CellPiece>,
}

impl PCell {
    /// The cell's text as a value, with its boxes.
    pub fn value(&self) -> Value {
        Value {
            text: self.text.clone(),
            boxes: self.boxes.clone(),
        }
    }
}

/// A piece of a section in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A text line outside tables.
    Line {
        /// Value form.
        text: String,
        /// Key form.
        key: String,
        /// Page box of the line.
        boxes: Vec<CellPiece>,
    },
    /// One grid row of a table: the cells covering it (row-spanning cells included), left to
    /// right. Blank rows are not emitted.
    Row(Vec<PCell>),
}

impl Item {
    /// The single text of a title-like item: a line, or a row with exactly one non-empty cell.
    pub fn single_key(&self) -> Option<&str> {
        self.single().map(|(_, k)| k)
    }

    /// Value and key of a title-like item (see [`Item::single_key`]).
    pub fn single(&self) -> Option<(&str, &str)> {
        self.single_parts().map(|(text, key, _)| (text, key))
    }

    /// Value, key and boxes of a title-like item.
    fn single_parts(&self) -> Option<(&str, &str, &[CellPiece])> {
        match self {
            Item::Line { text, key, boxes } => Some((text, key, boxes)),
            Item::Row(cells) => {
                let mut non_empty = cells.iter().filter(|c| !c.key.is_empty());
                let first = non_empty.next()?;
                non_empty
                    .next()
                    .is_none()
                    .then_some((first.text.as_str(), first.key.as_str(), first.boxes.as_slice()))
            }
        }
    }
}

/// The sentence that title-like items hold (a wrapped sentence comes as several lines), noted
/// as one value with every line's boxes.
pub(crate) fn sentence<'a>(items: impl IntoIterator<Item = &'a Item>) -> String {
    provenance::joined(
        items
            .into_iter()
            .filter_map(Item::single_parts)
            .map(|(text, _, boxes)| (text, boxes)),
    )
}

/// Flattens blocks into items; tables become their non-blank grid rows.
pub(crate) fn items(blocks: &[Block]) -> Vec<Item> {
    let mut out = Vec::new();
    for it in table::items(blocks) {
        match it {
            table::Item::Line(l) => {
                let k = key(&l.text);
                if !k.is_empty() {
                    let v = Value::of_line(l, clean(&l.text));
                    out.push(Item::Line {
                        text: v.text,
                        key: k,
                        boxes: v.boxes,
                    });
                }
            }
            table::Item::Row { table: t, .. } => {
                // A row whose only text comes from cells spanning down from above repeats that
                // text (a header cell OCR'd as two grid rows): it carries nothing new.
                if it.own_cells().iter().any(|c| !key(&c.text).is_empty()) {
                    out.push(Item::Row(row_cells(&it, table::has_boxes(t))));
                }
            }
        }
    }
    out
}

/// The cells covering a grid row (a row-spanning group cell such as 信息提示's 贷款 belongs to
/// every row it spans), left to right, placed by page x when the table has boxes and by grid
/// column otherwise.
fn row_cells(it: &table::Item<'_>, has_boxes: bool) -> Vec<PCell> {
    let mut cells = it.covering_cells();
    cells.sort_by_key(|c| c.col);
    cells
        .into_iter()
        .map(|c| {
            let (x0, x1) = match table::xs(c) {
                Some(xs) if has_boxes => xs,
                _ => {
                    let (c0, c1) = table::cols(c);
                    (c0 * PSEUDO_COL_WIDTH, c1 * PSEUDO_COL_WIDTH)
                }
            };
            PCell {
                text: clean(&c.text),
                key: key(&c.text),
                x0,
                x1,
                boxes: c.pieces.clone(),
            }
        })
        .collect()
}

/// Shortest title recognised at the start of a fused title-and-header cell.
const MIN_FUSED_TITLE: usize = 6;

/// A run of items under one title.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    /// Index into the title list given to [`split_titles`]; `None` for items before any title.
    pub title: Option<usize>,
    /// Items after the title up to the next title.
    pub items: &'a [Item],
}

/// Splits items at titles. `titles[i]` lists the accepted spellings (key form) of title `i`; a
/// title is a line or a single-cell row equal to a spelling, optionally followed by a
/// parenthesised note.
pub(crate) fn split_titles<'a>(items: &'a [Item], titles: &[&[&str]]) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    let mut cur: (Option<usize>, usize) = (None, 0);
    for (i, it) in items.iter().enumerate() {
        // A title row cut into pieces by OCR (`其 | 他 | 证件信息`) reads as its joined text.
        let joined: String;
        let k = match (it.single_key(), it) {
            (Some(k), _) => k,
            (None, Item::Row(cells)) => {
                joined = cells.iter().map(|c| c.key.as_str()).collect();
                joined.as_str()
            }
            (None, Item::Line { .. }) => continue,
        };
        let exact = titles.iter().position(|alts| alts.iter().any(|a| title_matches(k, a)));
        // OCR slips in a title (`呆帐信息汇总`) are accepted when only one title is that close.
        let near = || {
            let mut it = titles
                .iter()
                .enumerate()
                .filter(|(_, alts)| alts.iter().any(|a| one_slip(k, a)));
            let first = it.next().map(|(i, _)| i);
            if it.next().is_some() {
                None
            } else {
                first
            }
        };
        // A title fused with the header row under it (rulings lost by OCR:
        // `非循环贷账户信息汇总管理机构数账户数…`): the row opens the part and stays in it.
        let fused = || {
            let single_cell = matches!(it, Item::Row(cells) if cells.iter().filter(|c| !c.key.is_empty()).count() == 1);
            let longest = titles
                .iter()
                .enumerate()
                .flat_map(|(t, alts)| alts.iter().map(move |a| (t, *a)))
                .filter(|(_, a)| a.chars().count() >= MIN_FUSED_TITLE && k.len() > a.len() && k.starts_with(a))
                .max_by_key(|(_, a)| a.len());
            longest.filter(|_| single_cell).map(|(t, _)| t)
        };
        let (t, start) = match exact.or_else(near) {
            Some(t) => (t, i + 1),
            None => match fused() {
                Some(t) => (t, i),
                None => continue,
            },
        };
        if cur.0.is_some() || i > cur.1 {
            parts.push(Part {
                title: cur.0,
                items: &items[cur.1..i],
            });
        }
        cur = (Some(t), start);
    }
    if cur.0.is_some() || cur.1 < items.len() {
        parts.push(Part {
            title: cur.0,
            items: &items[cur.1..],
        });
    }
    parts
}

/// A header cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HCell {
    /// Label in key form (corrected when OCR misread it).
    pub key: String,
    /// The key as printed.
    pub raw: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

/// A header row with its value rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// A header row directly above `headers` that had no value rows of its own (e.g. `担保责任 |
    /// 其他相关还款责任` above `账户数 | 担保金额 | …`).
    pub supers: Vec<HCell>,
    /// The header cells, left to right.
    pub headers: Vec<HCell>,
    /// Value rows; `rows[r][h]` holds the value cells paired with header `h`, left to right
    /// (usually one; two when a header spans a group cell and a sub-type cell).
    pub rows: Vec<Vec<Vec<Value>>>,
}

impl Group {
    /// Index of the first header with this label.
    pub fn find(&self, label: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.key == label)
    }

    /// Whether some header has this label.
    pub fn has(&self, label: &str) -> bool {
        self.find(label).is_some()
    }

    /// Value of header `h` in row `r`: its cells' texts joined (a cell cut in two reads as one).
    /// This is where a section parser takes a value from a group by hand, so it is noted as
    /// evidence.
    pub fn value(&self, r: usize, h: usize) -> String {
        let v = self.value_of(r, h);
        provenance::note(&v.text, &v.boxes);
        v.text
    }

    /// Like [`Group::value`], with the boxes of the cells joined.
    pub fn value_of(&self, r: usize, h: usize) -> Value {
        let mut out = Value::blank();
        for v in self.rows.get(r).and_then(|row| row.get(h)).into_iter().flatten() {
            out.append(v);
        }
        out
    }

    /// The super-header label above header `h`, if any.
    pub fn super_of(&self, h: usize) -> Option<&str> {
        let hc = self.headers.get(h)?;
        overlapping(&self.supers, hc.x0, hc.x1).map(|i| self.supers[i].key.as_str())
    }

    /// Row `r` as (label, value) pairs in header order.
    pub fn pairs(&self, r: usize) -> Vec<(String, Value)> {
        (0..self.headers.len())
            .map(|h| (self.headers[h].key.clone(), self.value_of(r, h)))
            .collect()
    }
}

/// Index of the header cell overlapping `[x0, x1]` most; `None` when nothing overlaps.
fn overlapping(cells: &[HCell], x0: f32, x1: f32) -> Option<usize> {
    best_overlap(cells.iter().map(|c| (c.x0, c.x1)), (x0, x1))
}

/// The label a cell key stands for: itself when the parser knows it, else the known label it is
/// one OCR slip away from.
fn label_of(k: &str, is_label: &dyn Fn(&str) -> bool) -> Option<String> {
    if is_label(k) {
        return Some(k.to_string());
    }
    if let Some(fixed) = correct(k, is_label) {
        tracing::debug!(label = fixed, "misread label corrected");
        return Some(fixed.to_string());
    }
    // OCR specks read as ASCII at either end of a label (`业务类型1`, `.余额`); labels never
    // start or end with ASCII.
    let trimmed = k.trim_matches(|c: char| c.is_ascii() && !c.is_whitespace());
    if trimmed.is_empty() || trimmed.len() == k.len() {
        return None;
    }
    label_of(trimmed, is_label)
}

/// Longest run of label fragments merged: OCR often cuts one header cell into pieces
/// (`就业 | 状况`, `数 | 据发生 | 机构名称`); consecutive non-empty cells whose joined text is a
/// label (or one slip from one) become one header cell spanning them.
const MAX_FRAGMENTS: usize = 4;

/// The non-empty cells of a row as header candidates, label fragments merged.
pub(crate) fn header_cells(cells: &[PCell], is_label: &dyn Fn(&str) -> bool) -> Vec<HCell> {
    let non_empty: Vec<&PCell> = cells.iter().filter(|c| !c.key.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < non_empty.len() {
        // A cell that is a label on its own is never a fragment (`甲 | 特约商户实名审查` must not
        // read as one slip from `特约商户实名审查`).
        let longest = (2..=MAX_FRAGMENTS.min(non_empty.len() - i)).rev().find_map(|n| {
            let run = &non_empty[i..i + n];
            if run.iter().any(|c| is_label(&c.key)) {
                return None;
            }
            let joined: String = run.iter().map(|c| c.key.as_str()).collect();
            label_of(&joined, is_label).map(|l| (n, l, joined))
        });
        let (n, key, raw) = match longest {
            Some(found) => found,
            None => {
                let c = non_empty[i];
                match label_of(&c.key, is_label) {
                    Some(l) => (1, l, c.key.clone()),
                    None => match run_together_cells(c, is_label) {
                        Some(split) => {
                            out.extend(split);
                            i += 1;
                            continue;
                        }
                        None => (1, c.key.clone(), c.key.clone()),
                    },
                }
            }
        };
        out.push(HCell {
            key,
            raw,
            x0: non_empty[i].x0,
            x1: non_empty[i + n - 1].x1,
        });
        i += n;
    }
    out
}

/// A header cell as header candidates: one per label when its text is several labels run
/// together (the rulings between them lost, e.g. at a page foot), each with an equal share of
/// the cell's width — the labels head equal columns, and a value pairs by the most overlap, so
/// a share off by a little still pairs right. `None` when the text is no such run.
fn run_together_cells(c: &PCell, is_label: &dyn Fn(&str) -> bool) -> Option<Vec<HCell>> {
    let labels = run_together(&c.key, is_label)?;
    let n = labels.len();
    let cells = labels.into_iter().enumerate().map(|(k, l)| {
        let (x0, x1) = even_part((c.x0, c.x1), k, n);
        HCell {
            key: l.to_string(),
            raw: l.to_string(),
            x0,
            x1,
        }
    });
    Some(cells.collect())
}

/// Whether header candidates make a header row (see [`is_header_row`]).
fn is_header(headers: &[HCell], is_label: &dyn Fn(&str) -> bool) -> bool {
    let labels = headers.iter().filter(|h| is_label(&h.key)).count();
    is_header_row(labels, headers.len())
}

/// The header-row rule of every table the parsers read (forms here, account blocks in
/// `detail::rows`): of a row's non-empty cells, label fragments joined, at least one and at
/// least half are labels of the section being read. Unknown labels may stay in a header row, so
/// their values are paired (and dropped) instead of landing under a neighbouring label; a value
/// row holding one label-like word among its values is not a header.
pub(crate) fn is_header_row(labels: usize, non_empty: usize) -> bool {
    labels > 0 && labels * 2 >= non_empty
}

/// Whether `cells` (the row right under `g`'s header) only continues header labels: each of its
/// non-empty cells, appended to the header cell above it, makes a label that was not one before.
fn completes_header(g: &Group, cells: &[PCell], is_label: &dyn Fn(&str) -> bool) -> bool {
    let mut any = false;
    for c in cells.iter().filter(|c| !c.key.is_empty()) {
        let Some(h) = overlapping(&g.headers, c.x0, c.x1) else {
            return false;
        };
        let head = &g.headers[h].raw;
        if is_label(head) || !is_label(&format!("{head}{}", c.key)) {
            return false;
        }
        any = true;
    }
    any
}

/// Fewest labels a run-together header must hold to be read as one.
const MIN_FUSED_LABELS: usize = 3;

/// A header row whose rulings OCR lost, so that title, labels and sometimes values arrive as
/// one cell (`非循环贷账户信息汇总管理机构数账户数…最近6个月平均应还款2 3 610,000 …`): the labels
/// found in order, and the values when they trail in the same cell (space-separated, one per
/// label).
fn fused_header(cells: &[PCell], is_label: &dyn Fn(&str) -> bool) -> Option<(Vec<String>, Option<Vec<Value>>)> {
    let mut non_empty = cells.iter().filter(|c| !c.key.is_empty());
    let cell = non_empty.next()?;
    if non_empty.next().is_some() {
        return None;
    }
    let known: Vec<&str> = spellings().iter().copied().filter(|l| is_label(l)).collect();
    let k = cell.key.as_str();
    for (p, _) in k.char_indices() {
        let mut labels: Vec<String> = Vec::new();
        let mut rest = &k[p..];
        while let Some(l) = known.iter().filter(|l| rest.starts_with(**l)).max_by_key(|l| l.len()) {
            labels.push(l.to_string());
            rest = &rest[l.len()..];
        }
        if labels.len() < MIN_FUSED_LABELS {
            continue;
        }
        let last = labels.last().map(String::as_str).unwrap_or_default();
        // The values share the one cell, so each points at the cell's boxes.
        let values = cell.text.rfind(last).map(|i| {
            cell.text[i + last.len()..]
                .split_whitespace()
                .map(|v| Value {
                    text: v.to_string(),
                    boxes: cell.boxes.clone(),
                })
                .collect::<Vec<_>>()
        });
        let inline = values.filter(|v| v.len() == labels.len());
        return Some((labels, inline));
    }
    None
}

/// Groups the rows of `items` under their header rows. Lines do not end a group (a table cut
/// by a page break may leave a stray line between its rows); rows before any header are
/// skipped with a debug log.
pub(crate) fn groups(items: &[Item], is_label: &dyn Fn(&str) -> bool) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut orphans = 0usize;
    for it in items {
        let Item::Row(cells) = it else { continue };
        if let Some((labels, inline)) = fused_header(cells, is_label) {
            // Positions unknown: the first value row with one cell per label supplies them.
            let headers = labels
                .into_iter()
                .map(|k| HCell {
                    raw: k.clone(),
                    key: k,
                    x0: f32::NAN,
                    x1: f32::NAN,
                })
                .collect();
            let rows: Vec<Vec<Vec<Value>>> = inline
                .into_iter()
                .map(|v| v.into_iter().map(|x| vec![x]).collect())
                .collect();
            out.push(Group {
                supers: Vec::new(),
                headers,
                rows,
            });
            continue;
        }
        let headers = header_cells(cells, is_label);
        if is_header(&headers, is_label) {
            // A header directly under a header without values is a sub-header row.
            let supers = match out.last_mut() {
                Some(g) if g.rows.is_empty() => out.pop().map(|g| g.headers).unwrap_or_default(),
                _ => Vec::new(),
            };
            out.push(Group {
                supers,
                headers,
                rows: Vec::new(),
            });
            continue;
        }
        let Some(g) = out.last_mut() else {
            orphans += 1;
            continue;
        };
        if g.rows.is_empty() && completes_header(g, cells, is_label) {
            // The tail of a wrapped header cell that the layout stage put on a row of its own
            // (`特约商户实名审` / `查`): it belongs to the labels, not to the values.
            for c in cells.iter().filter(|c| !c.key.is_empty()) {
                if let Some(h) = overlapping(&g.headers, c.x0, c.x1) {
                    let hc = &mut g.headers[h];
                    hc.raw.push_str(&c.key);
                    hc.key = hc.raw.clone();
                }
            }
            continue;
        }
        if g.headers.iter().any(|h| h.x0.is_nan()) {
            let values: Vec<&PCell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
            if values.len() != g.headers.len() {
                tracing::debug!("value row not matching a run-together header skipped");
                continue;
            }
            for (h, c) in g.headers.iter_mut().zip(&values) {
                (h.x0, h.x1) = (c.x0, c.x1);
            }
        }
        let mut row: Vec<Vec<Value>> = vec![Vec::new(); g.headers.len()];
        for c in cells.iter().filter(|c| !c.text.is_empty()) {
            match overlapping(&g.headers, c.x0, c.x1) {
                Some(h) => row[h].push(c.value()),
                None => tracing::debug!("value cell outside every header column skipped"),
            }
        }
        g.rows.push(row);
    }
    if orphans > 0 {
        tracing::debug!(orphans, "rows without a header row skipped");
    }
    out
}

/// Sets one field of `T` from a label; returns `false` for a label `T` does not know. Called
/// with an empty value to ask whether a label is known. Setters take the text; the value's
/// boxes stay with [`apply`], which hands each value to its setter.
pub(crate) type Setter<T> = fn(&mut T, &str, String) -> bool;

/// The label test of a setter.
pub(crate) fn accepts<T: Default>(set: Setter<T>) -> impl Fn(&str) -> bool {
    move |k: &str| set(&mut T::default(), k, String::new())
}

/// Builds a record from (label, value) pairs; unknown labels are logged (without values) and
/// skipped. This is where every form-style value is taken: `value.boxes` says where it is
/// printed.
pub(crate) fn apply<T: Default + Serialize>(pairs: &[(String, Value)], set: Setter<T>, section: &str) -> T {
    let mut rec = T::default();
    // Evidence: the record as JSON before each setter call, so that the leaves a value changed
    // name the key it went to.
    let mut before = provenance::active().then(|| serde_json::to_value(&rec).unwrap_or_default());
    let misread = misread_labels(pairs.iter().map(|(l, _)| l.as_str()), &accepts(set));
    for ((label, value), misread) in pairs.iter().zip(misread) {
        let taken = set(&mut rec, label, value.text.clone())
            || misread.is_some_and(|l| {
                // The correction stage saw no known label over this value: repaired now, and
                // not taken where it does not fit the label's format.
                crate::correct::value_under(&value.text, l).is_some_and(|text| set(&mut rec, l, text))
            });
        if !taken {
            super::labels::log_unknown(section, label, "unknown label skipped");
            continue;
        }
        if let Some(prev) = before.as_mut() {
            let after = serde_json::to_value(&rec).unwrap_or_default();
            for (key, text) in provenance::changed_leaves(prev, &after) {
                provenance::note_keyed(Some(&key), &text, &value.boxes);
            }
            *prev = after;
        }
    }
    rec
}

/// For each label of one table (in order): the label it was misread for when `accept` does not
/// take it ([`missing_label`]); `None` for a label taken as it is, one nothing fits, and every
/// label two misread ones would both stand for (no guess between them).
pub(crate) fn misread_labels<'a>(
    labels: impl Iterator<Item = &'a str> + Clone,
    accept: &dyn Fn(&str) -> bool,
) -> Vec<Option<&'static str>> {
    let printed = |l: &str| labels.clone().any(|p| p == l);
    let found: Vec<Option<&'static str>> = labels
        .clone()
        .map(|k| (!accept(k)).then(|| missing_label(k, accept, &printed)).flatten())
        .collect();
    found
        .iter()
        .map(|f| f.filter(|l| found.iter().filter(|g| **g == Some(*l)).count() == 1))
        .collect()
}

/// Record-number label of stacked and list tables.
pub(crate) const NO: &str = "编号";

/// Adds `more` to `rec`: a label already present with a non-empty value keeps its first value.
fn merge_pairs(rec: &mut Vec<(String, Value)>, more: Vec<(String, Value)>) {
    for (l, v) in more {
        match rec.iter_mut().find(|(rl, _)| *rl == l) {
            Some((_, rv)) if rv.is_empty() => *rv = v,
            Some(_) => {}
            None => rec.push((l, v)),
        }
    }
}

/// Value rows of all groups as (label, value) records. In a group with a `编号` column, a row
/// whose `编号` is blank continues the row above (a cell cut by a page break that the layout
/// stage did not stitch): its texts are appended to that row's.
pub(crate) fn records(groups: &[Group]) -> Vec<Vec<(String, Value)>> {
    let mut out = Vec::new();
    for g in groups {
        let no = g.find(NO);
        let mut local: Vec<Vec<(String, Value)>> = Vec::new();
        for r in 0..g.rows.len() {
            let pairs = g.pairs(r);
            let continues = no.is_some_and(|n| g.value_of(r, n).is_empty());
            match local.last_mut() {
                Some(prev) if continues => {
                    for ((_, pv), (_, v)) in prev.iter_mut().zip(pairs) {
                        pv.append(&v);
                    }
                }
                _ => local.push(pairs),
            }
        }
        out.extend(local);
    }
    out
}

/// A list table (header row, then one record per value row).
pub(crate) fn read_list<T: Default + Serialize>(items: &[Item], set: Setter<T>, section: &str) -> Vec<T> {
    let gs = groups(items, &accepts(set));
    records(&gs).iter().map(|p| apply(p, set, section)).collect()
}

/// The part of a `编号` value records are joined on: its leading digits when it has some.
fn join_key(no: &str) -> String {
    let digits: String = no.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        no.to_string()
    } else {
        digits
    }
}

/// Stacked tables keyed by `编号` (CONVENTIONS §11): every value row of every group, joined
/// into one record per `编号`, in order of first appearance.
pub(crate) fn read_keyed<T: Default + Serialize>(items: &[Item], set: Setter<T>, section: &str) -> Vec<T> {
    let gs = groups(items, &accepts(set));
    let mut order: Vec<Vec<(String, Value)>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for rec in records(&gs) {
        // Joined on the number's digits: a stray character the layout stage pushed into the
        // 编号 cell (`2北`) must not split a record.
        let no = rec
            .iter()
            .find(|(l, _)| l == NO)
            .map(|(_, v)| join_key(&v.text))
            .unwrap_or_default();
        match index.get(&no) {
            Some(&i) if !no.is_empty() => merge_pairs(&mut order[i], rec),
            _ => {
                if !no.is_empty() {
                    index.insert(no, order.len());
                }
                order.push(rec);
            }
        }
    }
    order.iter().map(|p| apply(p, set, section)).collect()
}

/// A form (one record in header/value row pairs): the first value row of every group.
pub(crate) fn read_form<T: Default + Serialize>(items: &[Item], set: Setter<T>, section: &str) -> T {
    let gs = groups(items, &accepts(set));
    let mut pairs = Vec::new();
    for g in gs.iter().filter(|g| !g.rows.is_empty()) {
        merge_pairs(&mut pairs, g.pairs(0));
    }
    apply(&pairs, set, section)
}

/// Repeated forms without `编号` (住房公积金参缴记录, 后付费 accounts): a group whose header
/// has `start` opens a new record; other groups add to the current one.
pub(crate) fn read_forms<T: Default + Serialize>(items: &[Item], set: Setter<T>, start: &str, section: &str) -> Vec<T> {
    let gs = groups(items, &accepts(set));
    let mut recs: Vec<Vec<(String, Value)>> = Vec::new();
    for g in &gs {
        for r in 0..g.rows.len() {
            if g.has(start) || recs.is_empty() {
                recs.push(Vec::new());
            }
            if let Some(cur) = recs.last_mut() {
                merge_pairs(cur, g.pairs(r));
            }
        }
    }
    recs.iter().map(|p| apply(p, set, section)).collect()
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built documents for parser tests.

    use crate::geom::Rect;
    use crate::layout::{Block, Cell, CellPiece, Line, Table};

    /// A line block.
    pub fn line(text: &str) -> Block {
        Block::Line(Line {
            text: text.into(),
            page: 0,
            rect: Rect::default(),
            font_size: 10.0,
            bold: true,
            color: 0,
        })
    }

    /// A table from rows of cell texts, one grid column per cell. A text `"<n>|label"` gives
    /// the cell a column span of `n`; a cell `"^"` is covered by the cell above (row span).
    pub fn table(rows: &[&[&str]]) -> Block {
        table_at(rows, 0.0)
    }

    /// Like [`table`], with page boxes and every cell shifted right by `dx` points (to check
    /// that pairing works by position across separately cut tables).
    pub fn table_at(rows: &[&[&str]], dx: f32) -> Block {
        let mut cells: Vec<Cell> = Vec::new();
        let mut n_cols = 0;
        for (r, row) in rows.iter().enumerate() {
            let mut col = 0;
            for text in row.iter() {
                if *text == "^" {
                    if let Some(c) = cells.iter_mut().find(|c| c.col == col && c.row + c.row_span == r) {
                        c.row_span += 1;
                        col += c.col_span;
                    } else {
                        col += 1;
                    }
                    continue;
                }
                let (span, t) = match text.split_once('|') {
                    Some((n, t)) if n.parse::<usize>().is_ok() => (n.parse().unwrap_or(1), t),
                    _ => (1, *text),
                };
                let rect = Rect::new(
                    dx + col as f32 * 50.0,
                    r as f32 * 20.0,
                    dx + (col + span) as f32 * 50.0,
                    (r + 1) as f32 * 20.0,
                );
                cells.push(Cell {
                    row: r,
                    col,
                    row_span: 1,
                    col_span: span,
                    text: t.into(),
                    bold: false,
                    pieces: vec![CellPiece { page: 0, rect }],
                });
                col += span;
            }
            n_cols = n_cols.max(col);
        }
        cells.sort_by_key(|c| (c.row, c.col));
        Block::Table(Table {
            n_rows: rows.len(),
            n_cols,
            cells,
            border_color: 0,
            page: 0,
        })
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
