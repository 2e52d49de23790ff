//! The 5-year repayment grid, `YYYY年MM月—YYYY年MM月的还款记录` (report_layout.md §7.7).
//!
//! Printed as a month header row (`| | 1 | 2 | … | 12 |`) and, per year, newest first, a status
//! row over an amount row, the year cell spanning both. Cells outside the account's window are
//! blank and produce no `month` entry (CONVENTIONS §10). Months are found by reading the header
//! row by label, so a union grid with extra columns or merged blanks cannot shift a month.

use crate::evidence::provenance;
use crate::layout::CellPiece;
use crate::report::{RefundMonth, RefundRecord, RefundYear};

use super::anchors::GridTitle;
use crate::parse::table::{Item, Value};

use super::rows::{header_where, is_body, pair_split, Header};

/// Month labels `1`…`12` of the grid's header row.
fn is_month(label: &str) -> bool {
    matches!(label.parse::<u8>(), Ok(1..=12)) && !label.starts_with('0')
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.chars().all(|c| c.is_ascii_digit())
}

/// One grid row read against the month header: the text left of the months (the year column)
/// and the value under each month label (with its boxes).
struct GridRow {
    year: Value,
    months: Vec<(String, Value)>,
}

fn read_row(months: &Header<'_>, item: &Item<'_>) -> GridRow {
    let mut year = Value::blank();
    let mut cells = Vec::new();
    for (label, value) in pair_split(months, item) {
        if is_month(&label) {
            cells.push((label, value));
        } else if cells.is_empty() {
            year.append(&value);
        }
        // A column among the months whose label could not be read (`6F 7`): its value
        // belongs to no known month and is dropped; added to the year it would end the grid.
    }
    GridRow { year, months: cells }
}

/// Reads `item` as the grid's month row (`| | 1 | 2 | … | 12 |`, at least six months).
fn month_header<'a>(item: &Item<'a>) -> Option<Header<'a>> {
    header_where(item, is_month)
        .map(split_merged_months)
        .filter(|h| h.cells.iter().filter(|c| is_month(&c.label)).count() >= 6)
}

/// Splits a header cell that holds the run of months missing between its neighbours
/// (`6 | 7 8 | 9`, read `78` once folded, or `7F 8` with a speck): a ruling lost in a scan merges two month cells,
/// and the values under them must still pair with their own month. Only the exact run that
/// the neighbours leave out is split; any other text stays one label.
fn split_merged_months(mut header: Header<'_>) -> Header<'_> {
    let month_of = |label: &str| is_month(label).then(|| label.parse::<u8>().ok()).flatten();
    let mut cells = Vec::with_capacity(header.cells.len() + 2);
    for (i, cell) in header.cells.iter().enumerate() {
        let before = header.cells[..i]
            .iter()
            .rev()
            .find_map(|c| month_of(&c.label))
            .unwrap_or(0);
        let after = header.cells[i + 1..]
            .iter()
            .find_map(|c| month_of(&c.label))
            .unwrap_or(13);
        let run: Vec<String> = (before.saturating_add(1)..after).map(|m| m.to_string()).collect();
        // Only the digits count: a merged cell picks up specks read as letters (`6F 7`).
        let text: String = cell.label.chars().filter(char::is_ascii_digit).collect();
        if run.len() >= 2 && run.concat() == text {
            cells.extend(cell.split_evenly(&run));
        } else {
            cells.push(cell.clone());
        }
    }
    header.cells = cells;
    header
}

/// Whether `item` is a grid's month row.
pub(crate) fn is_month_header(item: &Item<'_>) -> bool {
    month_header(item).is_some()
}

/// Reads the grid that follows `title`; returns the record and how many items of `rest` it
/// consumed (the month header and the year rows).
pub(crate) fn parse_grid(title: GridTitle, rest: &[Item<'_>]) -> (RefundRecord, usize) {
    let mut record = RefundRecord {
        date_range: title.range,
        start_date: title.start,
        end_date: title.end,
        detail: Vec::new(),
    };
    let month_header = rest.first().and_then(month_header);
    let Some(month_header) = month_header else {
        tracing::warn!("repayment grid without a month header row; grid left empty");
        return (record, 0);
    };
    let mut i = 1;
    while let Some(item) = rest.get(i) {
        if !is_body(item) {
            break;
        }
        if item.own_cells().iter().all(|c| c.text.trim().is_empty()) {
            // A row with no text where a year row is due (the empty start of a row that a
            // page break moved on) holds nothing; the grid goes on below it.
            i += 1;
            continue;
        }
        let status = read_row(&month_header, item);
        if !is_year(&status.year.text) {
            break;
        }
        // The amount row is the next body row with nothing in the year column (the year cell is
        // merged over both rows, or blank).
        let amounts = rest
            .get(i + 1)
            .filter(|next| is_body(next))
            .map(|next| read_row(&month_header, next))
            .filter(|row| row.year.is_empty());
        i += if amounts.is_some() { 2 } else { 1 };
        if provenance::active() {
            note_grid_row(&month_header, &status, amounts.as_ref());
        }
        record.detail.push(year_entry(status, amounts));
    }
    (record, i)
}

/// Evidence: where a year's values are printed. A month number points at its header cell,
/// a status or amount at the cell it was read from (both at the status cell when they share
/// one).
fn note_grid_row(months: &Header<'_>, status: &GridRow, amounts: Option<&GridRow>) {
    let note = |key: &str, text: &str, boxes: &[CellPiece]| provenance::note_keyed(Some(key), text, boxes);
    note("year", &status.year.text, &status.year.boxes);
    for (k, (label, state)) in status.months.iter().enumerate() {
        note("monthValue", label, &months.label_boxes(label));
        let amount = amounts.and_then(|row| row.months.get(k)).map(|(_, a)| a);
        match amount {
            Some(a) if !a.is_empty() => {
                note("state", &state.text, &state.boxes);
                note("amount", &a.text, &a.boxes);
            }
            _ => {
                let (code, rest) = split_combined(&state.text);
                note("state", &code, &state.boxes);
                note("amount", &rest, &state.boxes);
                note("state", &state.text, &state.boxes);
            }
        }
    }
}

/// Builds one year's entry from its status row and, when printed, its amount row. Without an
/// amount row (the dashed separator not detected, so each cell holds `B16,200`), a cell splits
/// after its first character: status codes are always one character (编制说明). With an amount
/// row, a status cell over a blank amount cell splits the same way when the rest reads as an
/// amount (the separator missed for that one cell).
fn year_entry(status: GridRow, amounts: Option<GridRow>) -> RefundYear {
    let mut month = Vec::new();
    for (k, (label, state_value)) in status.months.iter().enumerate() {
        let state_text = &state_value.text;
        let (state, amount) = match &amounts {
            Some(row) => {
                let amount = row.months.get(k).map(|(_, a)| a.text.clone()).unwrap_or_default();
                match split_combined(state_text) {
                    (code, rest) if amount.is_empty() && is_amount(&rest) => (code, rest),
                    _ => (state_text.clone(), amount),
                }
            }
            None => split_combined(state_text),
        };
        if state.is_empty() && amount.is_empty() {
            continue;
        }
        month.push(RefundMonth {
            month_value: label.clone(),
            amount,
            state,
        });
    }
    RefundYear {
        year: status.year.text,
        month,
    }
}

/// `16,200`, `0`, `--`: what an amount cell of the grid holds.
fn is_amount(text: &str) -> bool {
    text == "--"
        || (text.starts_with(|c: char| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || c == ','))
}

fn split_combined(text: &str) -> (String, String) {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => (first.to_string(), chars.as_str().to_string()),
        None => (String::new(), String::new()),
    }
}
