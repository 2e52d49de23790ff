//! The 5-year repayment grid, `YYYY年MM月—YYYY年MM月的还款记录` (report_layout.md §7.7).
//!
//! Printed as a month header row (`| | 1 | 2 | … | 12 |`) and, per year, newest first, a status
//! row over an amount row, the year cell spanning both. Cells outside the account's window are
//! blank and produce no `month` entry (CONVENTIONS §10). Months are found by reading the header
//! row by label, so a union grid with extra columns or merged blanks cannot shift a month.

use crate::correct::formats;
use crate::evidence::provenance;
use crate::layout::CellPiece;
use crate::report::{RefundMonth, RefundRecord, RefundYear};

use super::anchors::GridTitle;
use crate::parse::table::{Item, Value};

use super::rows::{header_where, is_body, pair_split, Header, HeaderCell};

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
    header_where(item, |label| is_month(label) || is_month_run(label))
        .map(split_merged_months)
        .filter(|h| h.cells.iter().filter(|c| is_month(&c.label)).count() >= 6)
}

/// Two or more consecutive month labels in one cell (`6 7 8`, folded to `678`): a month row
/// whose rulings a scan lost, which is still a month row however many of its cells ran
/// together.
fn is_month_run(label: &str) -> bool {
    (1..=11u8).any(|first| {
        let mut run = first.to_string();
        (first + 1..=12).any(|m| {
            run.push_str(&m.to_string());
            run == label
        })
    })
}

/// Splits a header cell that holds the run of months missing between its neighbours
/// (`6 | 7 8 | 9`, read `78` once folded, or `7F 8` with a speck): a ruling lost in a scan merges two month cells,
/// and the values under them must still pair with their own month. Only the exact run that
/// the neighbours leave out is split; any other text stays one label.
fn split_merged_months(mut header: Header<'_>) -> Header<'_> {
    let month_of = |label: &str| is_month(label).then(|| label.parse::<u8>().ok()).flatten();
    let mut cells = Vec::with_capacity(header.cells.len() + 2);
    for (i, cell) in header.cells.iter().enumerate() {
        // The last month before this cell, counting the cells already split: several lost
        // rulings in one header leave merged cells side by side (`1 | 2 3 | 4 5 | 6 7 8`).
        let before = cells
            .iter()
            .rev()
            .find_map(|c: &HeaderCell| month_of(&c.label))
            .unwrap_or(0);
        let after = header.cells[i + 1..]
            .iter()
            .find_map(|c| month_of(&c.label))
            .unwrap_or(13);
        // Only the digits count: a merged cell picks up specks read as letters (`6F 7`).
        let text: String = cell.label.chars().filter(char::is_ascii_digit).collect();
        // The months that follow `before` and read as this cell's digits, short of the next
        // month label; with no month label between, the whole gap (`6 | 7 8 | 9`).
        let run: Vec<String> = (before.saturating_add(1)..after)
            .map(|end| {
                (before.saturating_add(1)..=end)
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
            })
            .find(|run| run.concat() == text)
            .unwrap_or_else(|| (before.saturating_add(1)..after).map(|m| m.to_string()).collect());
        if (run.len() >= 2 || (i == 0 && !run.is_empty())) && run.concat() == text {
            // The first cell of the row holding months has the year column merged in too
            // (its blank label is the leftmost part): the year values stay out of month 1.
            let parts = if i == 0 {
                std::iter::once(String::new()).chain(run).collect()
            } else {
                run
            };
            cells.extend(cell.split_evenly(&parts));
        } else if let Some(month) = unread_month(&header.cells, i, &run) {
            cells.extend(cell.split_evenly(&[month]));
        } else {
            cells.push(cell.clone());
        }
    }
    header.cells = cells;
    header
}

/// The month of blank header cell `i` whose label did not read (a thin `1` lost in a scan):
/// the months missing between its labelled neighbours (`run`) are exactly as many as the
/// blank cells between them, so each blank takes the next month of the run in order. The
/// first cell is the year column's, blank by design, and never a month.
fn unread_month(cells: &[HeaderCell], i: usize, run: &[String]) -> Option<String> {
    if i == 0 || !cells[i].label.is_empty() || run.is_empty() {
        return None;
    }
    let is_gap = |c: &HeaderCell| c.label.is_empty() || !is_month(&c.label);
    let start = (1..=i).rev().take_while(|&j| is_gap(&cells[j])).last()?;
    let end = (i..cells.len()).take_while(|&j| is_gap(&cells[j])).last()? + 1;
    let gap = &cells[start..end];
    // Any text in the gap that is not a month (a speck, a misread label) makes the count
    // unsure: the blanks stay unlabelled.
    (gap.iter().all(|c| c.label.is_empty()) && gap.len() == run.len()).then(|| run[i - start].clone())
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
            // Specks read as lines of their own where a page break cuts the grid (marks of
            // the scan beside the table) do not end it when a year row follows them.
            let specks = rest[i..].iter().take_while(|item| is_speck(item)).count();
            let continues = rest
                .get(i + specks)
                .is_some_and(|next| is_body(next) && is_year(&read_row(&month_header, next).year.text));
            if specks > 0 && continues {
                i += specks;
                continue;
            }
            break;
        }
        if item.own_cells().iter().all(|c| c.text.trim().is_empty()) {
            // A row with no text where a year row is due (the empty start of a row that a
            // page break moved on) holds nothing; the grid goes on below it.
            i += 1;
            continue;
        }
        let status = read_row(&month_header, item);
        if is_year(&status.year.text) {
            // The amount row is the next body row with nothing in the year column (the year
            // cell is merged over both rows, or blank).
            let amounts = amount_row(&month_header, rest.get(i + 1));
            i += if amounts.is_some() { 2 } else { 1 };
            push_year(&mut record, &month_header, status, amounts);
        } else if let Some(merged) = MergedYears::of(item, &status.year) {
            i += read_merged_years(&mut record, &month_header, &rest[i..], merged);
        } else {
            break;
        }
    }
    (record, i)
}

/// Longest free line taken for a speck, in characters.
const MAX_SPECK_CHARS: usize = 8;

/// A short free line of ASCII only (`1`, `Pe`, `82-0:`): the report prints nothing like it
/// between two rows of a grid (its headings and notes are Chinese), so it is noise of the scan.
fn is_speck(item: &Item<'_>) -> bool {
    match item {
        Item::Line(line) => {
            let text = line.text.trim();
            text.chars().count() <= MAX_SPECK_CHARS && text.is_ascii()
        }
        Item::Row { .. } => false,
    }
}

/// The row after a status row read as its amount row: a body row with nothing in the year
/// column.
fn amount_row(months: &Header<'_>, next: Option<&Item<'_>>) -> Option<GridRow> {
    next.filter(|next| is_body(next))
        .map(|next| read_row(months, next))
        .filter(|row| row.year.is_empty())
}

fn push_year(record: &mut RefundRecord, months: &Header<'_>, status: GridRow, amounts: Option<GridRow>) {
    if provenance::active() {
        note_grid_row(months, &status, amounts.as_ref());
    }
    record.detail.push(year_entry(status, amounts));
}

/// A year cell that a lost ruling merged over the rows of several years (`20182017`): the
/// years it holds, newest first as the grid prints them, and how many rows each year has
/// (2: status and amount rows; 1: a 后付费 grid's state row).
struct MergedYears {
    years: Vec<String>,
    rows_per_year: usize,
    boxes: Vec<CellPiece>,
}

impl MergedYears {
    /// Only a run of consecutive years, each one less than the year before, in a cell spanning
    /// one or two rows per year: any other text in the year column still ends the grid.
    fn of(item: &Item<'_>, year: &Value) -> Option<Self> {
        let digits: String = year.text.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() < 8 || !digits.len().is_multiple_of(4) || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let years: Vec<String> = digits
            .as_bytes()
            .chunks(4)
            .map(|y| String::from_utf8_lossy(y).into_owned())
            .collect();
        let numbers: Vec<u32> = years.iter().filter_map(|y| y.parse().ok()).collect();
        if !numbers.windows(2).all(|w| w[1] + 1 == w[0]) {
            return None;
        }
        let cell = item
            .own_cells()
            .into_iter()
            .find(|c| c.text.chars().filter(|c| !c.is_whitespace()).eq(digits.chars()))?;
        let rows_per_year = cell.row_span / years.len();
        (cell.row_span.is_multiple_of(years.len()) && matches!(rows_per_year, 1 | 2)).then(|| MergedYears {
            years,
            rows_per_year,
            boxes: year.boxes.clone(),
        })
    }

    /// The box of year `k`: its share of the merged cell, top to bottom.
    fn boxes_of(&self, k: usize) -> Vec<CellPiece> {
        let n = self.years.len() as f32;
        self.boxes
            .iter()
            .map(|p| {
                let h = p.rect.height() / n;
                let mut rect = p.rect;
                rect.y0 = p.rect.y0 + h * k as f32;
                rect.y1 = rect.y0 + h;
                CellPiece { page: p.page, rect }
            })
            .collect()
    }
}

/// Reads the years of a merged year cell from the rows it spans (`rows[0]` is its first);
/// returns how many rows were consumed.
fn read_merged_years(record: &mut RefundRecord, months: &Header<'_>, rows: &[Item<'_>], merged: MergedYears) -> usize {
    let mut used = 0;
    for (k, year) in merged.years.iter().enumerate() {
        let Some(item) = rows.get(used).filter(|r| is_body(r)) else {
            break;
        };
        let mut status = read_row(months, item);
        // In a cell one row per year, a row below the first that holds amounts only is an
        // amount row: the span was not a 后付费 grid's years, and its rows are not guessed at.
        let amounts_only = status.months.iter().any(|(_, v)| !v.is_empty())
            && status.months.iter().all(|(_, v)| v.is_empty() || is_amount(&v.text));
        if merged.rows_per_year == 1 && k > 0 && amounts_only {
            break;
        }
        // Rows below the cell's first have no year text of their own: the merged cell is
        // owned by the first row. The first row's year text is the whole run.
        status.year = Value {
            text: year.clone(),
            boxes: merged.boxes_of(k),
        };
        let amounts = if merged.rows_per_year == 2 {
            amount_row(months, rows.get(used + 1))
        } else {
            None
        };
        used += if amounts.is_some() { 2 } else { 1 };
        push_year(record, months, status, amounts);
    }
    used
}

/// Evidence: where a year's values are printed. A month number points at its header cell,
/// a status or amount at the cell it was read from (both at the status cell when they share
/// one).
fn note_grid_row(months: &Header<'_>, status: &GridRow, amounts: Option<&GridRow>) {
    let note = |key: &str, text: &str, boxes: &[CellPiece]| provenance::note_keyed(Some(key), text, boxes);
    note("year", &status.year.text, &status.year.boxes);
    let labelled = months.labelled_boxes();
    for (k, (label, state)) in status.months.iter().enumerate() {
        let mut label_boxes: Vec<CellPiece> = labelled
            .iter()
            .filter(|(l, _)| l == label)
            .flat_map(|(_, pieces)| pieces.iter().cloned())
            .collect();
        if label_boxes.is_empty() {
            // The month was printed in a cell it shares with others (a ruling lost in a scan).
            label_boxes = months.part_boxes(label);
        }
        note("monthValue", label, &label_boxes);
        let amount = amounts.and_then(|row| row.months.get(k)).map(|(_, a)| a);
        match amount {
            Some(a) if !a.is_empty() => {
                note("state", &state.text, &state.boxes);
                note("amount", &a.text, &a.boxes);
            }
            _ => {
                let (code, rest) = split_status_amount(&state.text);
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
            None => split_status_amount(state_text),
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

/// A cell holding a status and its amount run together (`B16,200`), split after the first
/// character. When what follows is no amount but the whole cell is a grouped one (`20,750`,
/// the status did not read), it is the amount alone and the status stays blank.
fn split_status_amount(text: &str) -> (String, String) {
    let (code, rest) = split_combined(text);
    if !rest.is_empty() && !formats::is_amount(&rest) && text.contains(',') && formats::is_amount(text) {
        (String::new(), text.to_string())
    } else {
        (code, rest)
    }
}

fn split_combined(text: &str) -> (String, String) {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => (first.to_string(), chars.as_str().to_string()),
        None => (String::new(), String::new()),
    }
}
