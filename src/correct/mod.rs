//! Domain-aware correction of OCR text, without invention (issue [4/4] part 5).
//!
//! Runs between layout and the section parsers, on OCR pages only. Labels snap to the closed
//! vocabularies of the report ([`crate::lexicon`]) when the match is unambiguous ([`snap`]); values are
//! repaired only where the label above them implies a format and the repair validates
//! ([`formats`]). Everything else — names, institutions, addresses, identifiers, sentences, and
//! any text that fits no format — is left exactly as read, and blank cells stay blank.
//!
//! Tables are walked row by row with the reading the parsers use (report_layout.md §15): a
//! header row names the columns of the value rows below it (alternating "form" pairs or a
//! list), a full-width row is a title or an anchor (`截至…`, `…的还款记录`), and a month row
//! `1 … 12` opens a repayment grid whose rows hold status codes and amounts.

pub mod formats;
pub mod snap;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use serde::Serialize;

use crate::layout::{Block, Cell, Document, Line, Table};

use crate::lexicon::anchors;
use crate::lexicon::codes::{ACCOUNT_TYPES, BUSINESS_TYPES, GRID_STATUS, PAYMENT_STATUS, TRANSFER_STATUS};
use crate::lexicon::labels::{self, column_labels, table_titles, IMPLIED_COLUMNS, PREFIX_LABELS, ROW_LABELS};
use crate::lexicon::ValueKind;
use formats::Check;
use snap::{replacement, snap_to_vocab};

/// What the corrector did, as counts only (no text: the report holds personal data).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CorrectionStats {
    /// Headings, captions, labels and code values snapped to a vocabulary entry.
    pub snapped_labels: usize,
    /// Values repaired to their format (dates, amounts, IDs, phones, status codes, anchors).
    pub fixed_values: usize,
    /// Texts expected to be a label or a formatted value that fit nothing and were kept as read.
    pub left_as_read: usize,
}

/// One decision about one text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Edit {
    /// Nothing to do (already right, or free text).
    Keep,
    /// A label, heading or code value snapped to this entry.
    Label(String),
    /// A value repaired to its format.
    Value(String),
    /// Expected to fit a vocabulary or format, but does not: kept as read.
    Left,
}

impl Edit {
    fn apply(self, text: &mut String, stats: &mut CorrectionStats) {
        match self {
            Edit::Keep => {}
            Edit::Label(s) => {
                *text = s;
                stats.snapped_labels += 1;
            }
            Edit::Value(s) => {
                *text = s;
                stats.fixed_values += 1;
            }
            Edit::Left => stats.left_as_read += 1,
        }
    }

    fn from_check(check: Check) -> Edit {
        match check {
            Check::Valid | Check::NotApplicable => Edit::Keep,
            Check::Fixed(s) => Edit::Value(s),
            Check::Invalid => Edit::Left,
        }
    }
}

/// Corrects the lines and table cells of `doc` that lie on the pages listed in `ocr_pages`
/// (zero-based). Text-layer pages are never touched, even inside a table stitched across an
/// OCR page and a text page.
pub fn correct_document(doc: &mut Document, ocr_pages: &[usize]) -> CorrectionStats {
    let mut stats = CorrectionStats::default();
    if ocr_pages.is_empty() {
        return stats;
    }
    for block in &mut doc.blocks {
        match block {
            Block::Line(line) if ocr_pages.contains(&line.page) => correct_line(line, &mut stats),
            Block::Line(_) => {}
            Block::Table(table) => correct_table(table, ocr_pages, &mut stats),
        }
    }
    stats
}

fn correct_line(line: &mut Line, stats: &mut CorrectionStats) {
    let edit = line_edit(&line.text);
    edit.apply(&mut line.text, stats);
}

/// A line outside tables: heading, caption, anchor or `label：value`; anything else is prose.
fn line_edit(text: &str) -> Edit {
    if let Some(edit) = anchor_edit(text).or_else(|| prefixed_edit(text)) {
        return edit;
    }
    if let Some(fixed) = snap::snap_heading(text).or_else(|| snap::snap_caption(text)) {
        return Edit::Label(fixed);
    }
    Edit::Keep
}

/// Dated anchors (§15): `截至YYYY年MM月DD日[…]`, `YYYY年MM月DD日以后的最新还款记录`,
/// `YYYY年MM月—YYYY年MM月的还款记录` / `…的缴费记录`. Only the date part is checked; `None` when
/// the text is not an anchor.
fn anchor_edit(text: &str) -> Option<Edit> {
    let t = text.trim();
    let rebuild = |check: Check, pre: &str, post: &str| match check {
        Check::Fixed(v) => Edit::Value(format!("{pre}{v}{post}")),
        other => Edit::from_check(other),
    };
    if let Some(rest) = t.strip_prefix(anchors::AS_OF) {
        let end = rest.find('日').map(|i| i + '日'.len_utf8())?;
        return Some(rebuild(formats::check_date(&rest[..end]), anchors::AS_OF, &rest[end..]));
    }
    if let Some(date) = t.strip_suffix(anchors::LATEST_REPAYMENT) {
        return Some(rebuild(formats::check_date(date), "", anchors::LATEST_REPAYMENT));
    }
    for suffix in [anchors::REPAYMENT_RECORD, anchors::PAYMENT_RECORD] {
        if let Some(range) = t.strip_suffix(suffix) {
            return Some(rebuild(formats::check_month_range(range), "", suffix));
        }
    }
    // A grid title whose fixed ending lost a character or two to OCR (`的还款尺录`, `的迁款に录`).
    // It snaps to the ending it is nearest to, only where that one is strictly nearer than the
    // other (the two differ in two characters), and only after a well-formed month range: no
    // other text of the report is a month range followed by five characters.
    let distances =
        [anchors::REPAYMENT_RECORD, anchors::PAYMENT_RECORD].map(|suffix| (suffix, tail_distance(t, suffix)));
    if let [(a, Some((da, range))), (b, Some((db, _)))] = distances {
        let (suffix, d) = if da < db { (a, da) } else { (b, db) };
        if da != db && (1..=2).contains(&d) {
            match formats::check_month_range(range) {
                Check::Valid => return Some(Edit::Label(format!("{range}{suffix}"))),
                Check::Fixed(v) => return Some(Edit::Value(format!("{v}{suffix}"))),
                _ => {}
            }
        }
    }
    None
}

/// `text` as its anchor edit would leave it (the grid title with its ending snapped back).
fn as_anchor(text: &str) -> String {
    match anchor_edit(text) {
        Some(Edit::Label(s) | Edit::Value(s)) => s,
        _ => text.to_string(),
    }
}

/// How many of the last `suffix.chars().count()` characters of `t` differ from `suffix`, and
/// `t` without them.
fn tail_distance<'a>(t: &'a str, suffix: &str) -> Option<(usize, &'a str)> {
    let n = suffix.chars().count();
    let start = t.char_indices().rev().nth(n - 1).map(|(i, _)| i)?;
    let differing = t[start..].chars().zip(suffix.chars()).filter(|(a, b)| a != b).count();
    Some((differing, &t[..start]))
}

/// `报告编号：…` / `报告时间：…`: the label snaps, the value is checked against its format.
fn prefixed_edit(text: &str) -> Option<Edit> {
    let colon = text.find(['：', ':'])?;
    let (label, value) = (&text[..colon], &text[colon..]);
    let entry = snap_to_vocab(label, PREFIX_LABELS)?;
    let sep_len = value.chars().next().map_or(0, char::len_utf8);
    let (sep, raw) = value.split_at(sep_len);
    let check = match entry {
        "报告编号" => formats::check_report_number(raw),
        _ => formats::check_report_time(raw),
    };
    let label_changed = replacement(label, entry);
    let new_label = label_changed.clone().unwrap_or_else(|| label.to_string());
    Some(match (check, label_changed) {
        (Check::Fixed(v), _) => Edit::Value(format!("{new_label}{sep}{v}")),
        (_, Some(l)) => Edit::Label(format!("{l}{sep}{raw}")),
        (Check::Invalid, None) if !raw.trim().is_empty() => Edit::Left,
        _ => Edit::Keep,
    })
}

/// Every text a table cell may print as a fixed word: header labels and table titles (a header
/// cell may be either: `担保责任` heads a group of columns), and the row labels and summary
/// values, which are listed only so that they block a snap to a label they resemble.
fn known_words() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| {
        let mut v: Vec<&'static str> = column_labels().iter().chain(table_titles()).copied().collect();
        for extra in [ROW_LABELS, BUSINESS_TYPES, ACCOUNT_TYPES] {
            v.extend(extra.iter().filter(|e| !v.contains(e)).collect::<Vec<_>>());
        }
        v
    })
}

/// A column of the current header row: grid columns covered and the label read there.
#[derive(Debug, Clone)]
struct Column {
    col: usize,
    span: usize,
    label: Option<&'static str>,
    /// The header cell as read (to join a wrapped tail the layout put on the next row).
    text: String,
}

/// Repayment-grid state: the columns of months 1–12 and where the year column is.
#[derive(Debug, Clone)]
struct Grid {
    month_cols: Vec<usize>,
    /// The first column of month 1's label: every cell left of it belongs to the year column,
    /// which a lost ruling may split in two (`| |2018|`) or a year may span (`|2019 |` over
    /// two grid columns), so the year is whichever cell there reads as one.
    first_month_col: usize,
    last_was_status: bool,
    /// The codes a state cell may hold: the 后付费 alphabet under a `…的缴费记录` title, the
    /// credit grids' otherwise (a superset, so an unknown title restricts nothing).
    codes: &'static [char],
}

/// What a row is, decided before any of its cells is changed.
enum RowKind {
    GridStatus,
    GridAmount,
    MonthHeader,
    Title,
    Header,
    Values,
}

fn on_pages(cell: &Cell, pages: &[usize]) -> bool {
    cell.pieces.iter().any(|p| pages.contains(&p.page))
}

/// A grid's year cell: four digits once OCR confusions are repaired (`--` is not a year).
fn is_year_text(text: &str) -> bool {
    let v = formats::check_year(text).value(text.trim());
    v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit())
}

fn month_of(text: &str) -> Option<u8> {
    let v = formats::check_count(text).value(text);
    v.parse::<u8>().ok().filter(|m| (1..=12).contains(m))
}

/// The month each cell of a would-be month row (`| | 1 | 2 | … | 12 |`) stands for: the month it
/// reads as, or, for a short cell misread between two neighbours that leave exactly one month out
/// (`6 | 1 | 8`, `| ? | 2`, `11 | l`), that month. The labels of the row are fixed, so a cell
/// pinned on both sides (or at the run's end, by the run) can only be that one month.
fn header_months(texts: &[&str]) -> Vec<Option<u8>> {
    let read: Vec<Option<u8>> = texts.iter().map(|t| month_of(t)).collect();
    let filled: Vec<usize> = (0..texts.len()).filter(|&i| !texts[i].trim().is_empty()).collect();
    let mut out = read.clone();
    for (k, &i) in filled.iter().enumerate() {
        if texts[i].trim().chars().count() > 2 {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| read[filled[p]]);
        let next = filled.get(k + 1).map(|&n| read[n]);
        let pinned = match (prev, next) {
            (Some(Some(a)), Some(Some(b))) if b == a + 2 => Some(a + 1),
            (None, Some(Some(2))) => Some(1),
            (Some(Some(11)), None) => Some(12),
            _ => None,
        };
        if pinned.is_some() {
            out[i] = pinned;
        }
    }
    out
}

fn correct_table(table: &mut Table, pages: &[usize], stats: &mut CorrectionStats) {
    if !table.cells.iter().any(|c| on_pages(c, pages)) {
        return;
    }
    let mut header: Vec<Column> = Vec::new();
    let mut grid: Option<Grid> = None;
    let mut after_grid_title = false;
    let mut payment_title = false;
    let mut implied: Option<&'static [&'static str]> = None;
    let mut after_header = false;
    for r in 0..table.n_rows {
        let idx: Vec<usize> = (0..table.cells.len()).filter(|&i| table.cells[i].row == r).collect();
        if idx.is_empty() {
            continue;
        }
        let kind = classify_row(table, &idx, grid.as_ref(), r == 0 || after_grid_title);
        if !matches!(kind, RowKind::Title | RowKind::Values) {
            implied = None;
        }
        let was_header = after_header;
        after_header = matches!(kind, RowKind::Header);
        let title_ending = |ending: &str| {
            matches!(kind, RowKind::Title)
                && idx
                    .iter()
                    .any(|&i| snap::fold(&as_anchor(&table.cells[i].text)).ends_with(ending))
        };
        let payment = title_ending(anchors::PAYMENT_RECORD);
        after_grid_title = payment || title_ending(anchors::REPAYMENT_RECORD);
        if matches!(kind, RowKind::Title) {
            payment_title = payment;
        }
        match kind {
            RowKind::GridStatus | RowKind::GridAmount => {
                let g = grid.as_mut().expect("grid rows only while a grid is open");
                let status = matches!(kind, RowKind::GridStatus);
                for &i in &idx {
                    let cell = &mut table.cells[i];
                    if !on_pages(cell, pages) || cell.text.trim().is_empty() {
                        continue; // a blank month stays blank
                    }
                    let edit = if cell.col < g.first_month_col {
                        if is_year_text(&cell.text) {
                            Edit::from_check(formats::check_year(&cell.text))
                        } else {
                            Edit::Keep
                        }
                    } else if !g.month_cols.contains(&cell.col) {
                        Edit::Keep
                    } else if status {
                        Edit::from_check(formats::check_grid_status_cell(&cell.text, g.codes))
                    } else {
                        Edit::from_check(formats::check_grid_amount_cell(&cell.text))
                    };
                    edit.apply(&mut cell.text, stats);
                }
                g.last_was_status = status;
            }
            RowKind::MonthHeader => {
                header.clear();
                let mut month_cols = Vec::new();
                let months = header_months(&idx.iter().map(|&i| table.cells[i].text.as_str()).collect::<Vec<_>>());
                for (&i, m) in idx.iter().zip(months) {
                    let cell = &mut table.cells[i];
                    let Some(m) = m else { continue };
                    month_cols.push(cell.col);
                    if on_pages(cell, pages) && cell.text.trim() != m.to_string() {
                        Edit::Value(m.to_string()).apply(&mut cell.text, stats);
                    }
                }
                // The year column is what lies left of month 1.
                let first_month_col = month_cols.first().copied().unwrap_or(1);
                grid = Some(Grid {
                    month_cols,
                    first_month_col,
                    last_was_status: false,
                    codes: if payment_title { PAYMENT_STATUS } else { GRID_STATUS },
                });
            }
            RowKind::Title => {
                grid = None;
                header.clear();
                implied = None;
                for &i in &idx {
                    let cell = &mut table.cells[i];
                    let edit = title_edit(&cell.text);
                    if let Some(label) = label_entry(&cell.text) {
                        header.push(Column {
                            col: cell.col,
                            span: cell.col_span,
                            label: Some(label),
                            text: cell.text.clone(),
                        });
                        implied = IMPLIED_COLUMNS
                            .iter()
                            .find(|(title, _)| *title == label)
                            .map(|(_, cols)| *cols);
                    }
                    if on_pages(cell, pages) {
                        edit.apply(&mut cell.text, stats);
                    }
                }
            }
            RowKind::Header => {
                grid = None;
                header.clear();
                for &i in &idx {
                    let cell = &mut table.cells[i];
                    let label = label_entry(&cell.text);
                    header.push(Column {
                        col: cell.col,
                        span: cell.col_span,
                        label,
                        text: cell.text.clone(),
                    });
                    if !on_pages(cell, pages) || cell.text.trim().is_empty() {
                        continue;
                    }
                    let edit = match label {
                        Some(entry) => replacement(&cell.text, entry).map_or(Edit::Keep, Edit::Label),
                        None => Edit::Left,
                    };
                    edit.apply(&mut cell.text, stats);
                }
            }
            RowKind::Values => {
                grid = None;
                if let Some(cols) = implied.take().filter(|cols| cols.len() == idx.len()) {
                    // The title's own columns, in order, over this row's cells.
                    header = idx
                        .iter()
                        .zip(cols)
                        .map(|(&i, l)| {
                            let c = &table.cells[i];
                            Column {
                                col: c.col,
                                span: c.col_span,
                                label: Some(l),
                                text: String::new(),
                            }
                        })
                        .collect();
                }
                if was_header && join_header_tail(&mut header, table, &idx) {
                    continue;
                }
                for &i in &idx {
                    let cell = &mut table.cells[i];
                    if !on_pages(cell, pages) || cell.text.trim().is_empty() {
                        continue;
                    }
                    let label = header
                        .iter()
                        .find(|h| h.col == cell.col && h.span == cell.col_span)
                        .and_then(|h| h.label);
                    let edit = value_edit(&cell.text, label, cell.bold);
                    edit.apply(&mut cell.text, stats);
                }
            }
        }
    }
}

/// A row right under a header whose only texts complete header cells that read as no label
/// (`最近一次还款日` over `期`: a wrapped header the layout cut into two rows). The joined labels
/// then name the columns; the row itself is left as it is (the parsers join it). Returns whether
/// the row was such a tail.
fn join_header_tail(header: &mut [Column], table: &Table, idx: &[usize]) -> bool {
    let mut joined: Vec<(usize, &'static str)> = Vec::new();
    for &i in idx {
        let c = &table.cells[i];
        if c.text.trim().is_empty() {
            continue;
        }
        let Some(k) = header
            .iter()
            .position(|h| h.col == c.col && h.span == c.col_span && h.label.is_none())
        else {
            return false;
        };
        match label_entry(&format!("{}{}", header[k].text, c.text)) {
            Some(label) => joined.push((k, label)),
            None => return false,
        }
    }
    for &(k, label) in &joined {
        header[k].label = Some(label);
    }
    !joined.is_empty()
}

/// The column label or table title a header-like text stands for; `None` when it fits none,
/// fits several, or reads as a row label or summary value.
fn label_entry(text: &str) -> Option<&'static str> {
    snap_to_vocab(text, known_words()).filter(|e| column_labels().contains(e) || table_titles().contains(e))
}

/// `may_open_grid`: the row follows a `…的还款记录` title (or starts the table, the title being a
/// line above it), where a month row is expected.
fn classify_row(table: &Table, idx: &[usize], grid: Option<&Grid>, may_open_grid: bool) -> RowKind {
    let cells: Vec<&Cell> = idx.iter().map(|&i| &table.cells[i]).collect();
    if let Some(g) = grid {
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            // An empty row inside a grid (the empty start of a row moved on by a page break)
            // neither closes the grid nor is read; it counts as an amount row of blanks.
            return RowKind::GridAmount;
        }
        let mut year_column = cells.iter().filter(|c| c.col < g.first_month_col);
        if year_column.clone().any(|c| is_year_text(&c.text)) {
            return RowKind::GridStatus;
        }
        // An amount row leaves the year column blank (or has no cell there: the year spans it).
        if g.last_was_status && year_column.all(|c| c.text.trim().is_empty()) {
            return RowKind::GridAmount;
        }
    }
    // Month labels 1…12 left to right. Elsewhere only a near-complete 1…12 run counts, so that a
    // row of small counts (查询次数) is not taken for a grid.
    let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    let months: Vec<u8> = header_months(&texts).into_iter().flatten().collect();
    let increasing = months.windows(2).all(|w| w[0] < w[1]);
    let expected = may_open_grid || (months.first() == Some(&1) && months.len() >= 10);
    if months.len() >= 6 && increasing && expected {
        return RowKind::MonthHeader;
    }
    let filled: Vec<&&Cell> = cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
    // A full-width row, or an anchor row that the rulings cut into several cells.
    if filled.len() == 1 && (cells.len() == 1 || anchor_edit(&filled[0].text).is_some()) {
        return RowKind::Title;
    }
    // Bold does not count: the sample prints row labels (贷款, 合计) bold in value rows.
    let labels = filled.iter().filter(|c| label_entry(&c.text).is_some()).count();
    if !filled.is_empty() && labels * 2 >= filled.len() && labels > 0 {
        RowKind::Header
    } else {
        RowKind::Values
    }
}

/// A full-width row: an anchor, a table title, a single label, or a single value (a sentence,
/// an institution name), which stays as read.
fn title_edit(text: &str) -> Edit {
    if let Some(edit) = anchor_edit(text).or_else(|| prefixed_edit(text)) {
        return edit;
    }
    match label_entry(text) {
        Some(entry) => replacement(text, entry).map_or(Edit::Keep, Edit::Label),
        // Some renderings rule the account caption into the table.
        None => snap::snap_caption(text).map_or(Edit::Keep, Edit::Label),
    }
}

/// `text` as a value under `label`, for a value whose label the section parser recognised only
/// after this stage ran (a label misread beyond this stage's reach): repaired as its format or
/// code table allows, or as read; `None` when it does not fit the label's format at all, which
/// says the label was not that one after all.
pub fn value_under(text: &str, label: &'static str) -> Option<String> {
    if text.trim().is_empty() {
        return Some(text.to_string());
    }
    match value_edit(text, Some(label), false) {
        Edit::Value(s) | Edit::Label(s) => Some(s),
        Edit::Keep => Some(text.to_string()),
        Edit::Left => None,
    }
}

/// A value cell under `label` (the header cell over the same columns, if any).
fn value_edit(text: &str, label: Option<&'static str>, bold: bool) -> Edit {
    if let Some(edit) = anchor_edit(text).or_else(|| prefixed_edit(text)) {
        return edit;
    }
    if bold {
        // Text-layer pages mark labels bold; a bold cell in a value row is a row label.
        if let Some(entry) = label_entry(text) {
            return replacement(text, entry).map_or(Edit::Keep, Edit::Label);
        }
    }
    let Some(kind) = label.and_then(labels::kind_of) else {
        return Edit::Keep;
    };
    if text.trim() == "--" {
        return Edit::Keep;
    }
    match kind {
        ValueKind::Date => Edit::from_check(formats::check_date(text)),
        ValueKind::Year => Edit::from_check(formats::check_year(text)),
        ValueKind::Amount => Edit::from_check(formats::check_amount(text)),
        ValueKind::Count => Edit::from_check(formats::check_count(text)),
        ValueKind::Percent => Edit::from_check(formats::check_percent(text)),
        ValueKind::IdNumber => Edit::from_check(formats::check_id_number(text)),
        ValueKind::Phone => Edit::from_check(formats::check_phone(text)),
        ValueKind::GridStatus => Edit::from_check(formats::check_status(text, GRID_STATUS)),
        ValueKind::TransferStatus => Edit::from_check(formats::check_status(text, TRANSFER_STATUS)),
        ValueKind::Institution => Edit::from_check(formats::check_masked_institution(text)),
        ValueKind::Code(codes) => match snap::snap_code_value(text, codes) {
            Some(entry) => replacement(text, entry).map_or(Edit::Keep, Edit::Label),
            // 合计 closes a summary table in its 业务类型 column.
            None if ROW_LABELS.iter().any(|r| snap::fold(r) == snap::fold(text)) => Edit::Keep,
            None => Edit::Left,
        },
    }
}
