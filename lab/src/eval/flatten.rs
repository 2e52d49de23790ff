//! Flattens a `CreditReport` into `path → value` for its non-empty string leaves.
//!
//! Records in lists are addressed by position (`acyclicCreditAccount[2].balance`), except the
//! rows and cells of repayment/payment grids, which are addressed by what they mean
//! (`refundRecord.detail[year=2014].month[m=3].state`): a parser that drops one blank year row
//! or one cell must not shift every later cell onto a wrong key. The `year` and `monthValue`
//! leaves are consumed by those keys and not listed as fields of their own.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use zhengxin::report::CreditReport;
use zhengxin::{Error, Result};

/// Key of the grid object in every account family (credit and noncredit alike).
const GRID_KEY: &str = "refundRecord";

/// One repayment-grid cell: what the accuracy of grids is measured on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridCell {
    /// 状态
    pub state: String,
    /// 金额; always empty on noncredit grids, which print none.
    pub amount: String,
}

/// The flattened form of one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flat {
    /// Non-empty string leaves by path.
    pub leaves: BTreeMap<String, String>,
    /// Every grid cell by `…refundRecord.detail[year=Y].month[m=M]`.
    pub cells: BTreeMap<String, GridCell>,
    /// The path in `leaves` of each leaf by its positional path (EVIDENCE.md's, list items
    /// all as `[i]`), which is how the evidence names fields. The grids' `year` and
    /// `monthValue` leaves, consumed by the keys, have none.
    pub positions: BTreeMap<String, String>,
}

/// Flattens `report`.
pub fn flatten(report: &CreditReport) -> Result<Flat> {
    let value =
        serde_json::to_value(report).map_err(|e| Error::internal(format!("serialising a report for scoring: {e}")))?;
    let mut flat = Flat::default();
    walk(&value, "", "", &mut flat);
    Ok(flat)
}

/// Replaces every bracketed index or key with `[]`, so that the same field of different records
/// counts as one path: `a[2].b.detail[year=2014].month[m=3].state` → `a[].b.detail[].month[].state`.
pub fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for ch in path.chars() {
        match ch {
            '[' => {
                if depth == 0 {
                    out.push_str("[]");
                }
                depth += 1;
            }
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The top-level key of `result` a path belongs to.
pub fn section(path: &str) -> &str {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    &path[..end]
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Walks `value`, at scorer path `path` and positional path `pos`.
fn walk(value: &Value, path: &str, pos: &str, flat: &mut Flat) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let (child_path, child_pos) = (join(path, key), join(pos, key));
                if key == GRID_KEY {
                    if let Value::Object(grid) = child {
                        walk_grid(grid, &child_path, &child_pos, flat);
                        continue;
                    }
                }
                walk(child, &child_path, &child_pos, flat);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), &format!("{pos}[{i}]"), flat);
            }
        }
        Value::String(s) => {
            if !s.is_empty() {
                flat.leaves.insert(path.to_string(), s.clone());
                flat.positions.insert(pos.to_string(), path.to_string());
            }
        }
        // The report holds only strings, lists and objects.
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn walk_grid(grid: &Map<String, Value>, path: &str, pos: &str, flat: &mut Flat) {
    for (key, child) in grid {
        let (child_path, child_pos) = (join(path, key), join(pos, key));
        match (key.as_str(), child) {
            ("detail", Value::Array(years)) => {
                let mut seen = BTreeMap::new();
                for (i, year) in years.iter().enumerate() {
                    let Value::Object(year) = year else { continue };
                    let label = unique_label(&mut seen, "year=", text(year, "year"));
                    walk_year(
                        year,
                        &format!("{child_path}[{label}]"),
                        &format!("{child_pos}[{i}]"),
                        flat,
                    );
                }
            }
            _ => walk(child, &child_path, &child_pos, flat),
        }
    }
}

fn walk_year(year: &Map<String, Value>, path: &str, pos: &str, flat: &mut Flat) {
    for (key, child) in year {
        match (key.as_str(), child) {
            ("year", _) => {}
            ("month", Value::Array(months)) => {
                let mut seen = BTreeMap::new();
                for (i, month) in months.iter().enumerate() {
                    let Value::Object(month) = month else {
                        continue;
                    };
                    let label = unique_label(&mut seen, "m=", text(month, "monthValue"));
                    let cell_path = format!("{path}.month[{label}]");
                    let cell_pos = format!("{pos}.month[{i}]");
                    for (k, v) in month.iter().filter(|(k, _)| k.as_str() != "monthValue") {
                        walk(v, &join(&cell_path, k), &join(&cell_pos, k), flat);
                    }
                    let cell = GridCell {
                        state: text(month, "state").to_string(),
                        amount: text(month, "amount").to_string(),
                    };
                    flat.cells.insert(cell_path, cell);
                }
            }
            _ => walk(child, &join(path, key), &join(pos, key), flat),
        }
    }
}

fn text<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `prefix + key`, with `#2`, `#3` … appended to repeats so a duplicated year or month (a parser
/// error) stays visible instead of overwriting the first occurrence.
fn unique_label(seen: &mut BTreeMap<String, usize>, prefix: &str, key: &str) -> String {
    match seen.entry(key.to_string()) {
        Entry::Vacant(e) => {
            e.insert(1);
            format!("{prefix}{key}")
        }
        Entry::Occupied(mut e) => {
            *e.get_mut() += 1;
            format!("{prefix}{key}#{}", e.get())
        }
    }
}
