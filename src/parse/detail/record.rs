//! One record (an account block, a 相关还款责任 account or a 授信协议) read into label → value
//! forms, independent of the account type (report_layout.md §7.0).
//!
//! The walker follows the printed anatomy: basic-info form, `截至…` title and its status form,
//! optional `…以后的最新还款记录`, the repayment grid, then add-ons (大额专项分期信息, 特殊事件说明,
//! 特殊交易, remark tables). Which form a header row belongs to is decided by the title that
//! precedes it, because labels such as 余额 and 五级分类 occur in several of them. The per-type
//! builders then take values by label.

use crate::report::RefundRecord;

use super::anchors::{self, GridTitle, BIG_AMOUNT_TITLE, SPECIAL_EVENT_TITLE};
use super::grid::{is_month_header, parse_grid};
use super::labels::{compact, REMARK_KINDS};
use crate::parse::table::{Item, Value};

use super::rows::{header, is_body, pair, title, Form, Header};

/// Everything printed for one record, by part.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawRecord {
    /// `账户N` / `授信协议N` from the caption.
    pub name: String,
    /// Basic-info form(s) before the `截至…` title.
    pub basic: Form,
    /// Date of the `截至…` title, as printed (boxes: the title's).
    pub due_date: Value,
    /// Status form(s) after the `截至…` title; holds `账户状态` (also from the sentence form
    /// `…账户状态为“未激活”。`).
    pub status: Form,
    /// Date before `以后的最新还款记录` (boxes: the title's).
    pub latest_date: Value,
    /// The 最新还款记录 form.
    pub latest: Form,
    /// Rows of 大额专项分期信息.
    pub big_amount: Vec<Form>,
    /// The repayment grid (`Default` when none was printed).
    pub grid: RefundRecord,
    /// Rows of the 特殊交易类型 table.
    pub special_trans: Vec<Form>,
    /// Sentences under 特殊事件说明 (boxes: each sentence's row or line).
    pub special_events: Vec<Value>,
    /// Remark rows: (kind label such as `机构说明`, form holding the kind label and 添加日期).
    pub remarks: Vec<(String, Form)>,
}

/// Which part of the block the walker is in; set by titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Basic,
    Status,
    Latest,
    BigAmount,
    SpecialEvent,
    /// After the grid: only self-describing tables (特殊交易, remarks) are expected.
    Trailer,
}

/// Reads the items of one record (everything after its caption up to the next caption).
pub(crate) fn read_record(name: String, items: &[Item<'_>]) -> RawRecord {
    let mut raw = RawRecord {
        name,
        ..RawRecord::default()
    };
    let mut part = Part::Basic;
    let mut i = 0;
    while let Some(item) = items.get(i) {
        i += 1;
        if let Some(text) = title(item) {
            part = on_title(&mut raw, part, (item, &text), items, &mut i);
            continue;
        }
        if let Some(mut head) = header(item) {
            if items.get(i).is_some_and(|next| head.absorb_cut_row(next)) {
                i += 1;
            }
            part = on_header(&mut raw, part, &head, items, &mut i);
            continue;
        }
        if raw.grid.detail.is_empty() && is_month_header(item) {
            // A month row with no title before it: the title was lost (OCR) or merged into
            // another row. The grid is still read; its range stays blank.
            tracing::warn!(record = raw.name.as_str(), "repayment grid without a readable title");
            let (grid, used) = parse_grid(GridTitle::default(), items.get(i.saturating_sub(1)..).unwrap_or(&[]));
            raw.grid = grid;
            i += used.saturating_sub(1);
            part = Part::Trailer;
            continue;
        }
        if part == Part::SpecialEvent {
            let text: String = item.own_cells().iter().map(|c| c.text.trim()).collect();
            if !text.is_empty() {
                raw.special_events.push(Value {
                    text,
                    boxes: item.boxes(),
                });
            }
            continue;
        }
        tracing::debug!(record = raw.name.as_str(), "row outside any form skipped");
    }
    raw
}

/// Handles a title-like row (the item and its text); returns the new part. May consume grid
/// rows by advancing `next`. Values read from a title point at the title's boxes.
fn on_title(
    raw: &mut RawRecord,
    part: Part,
    (item, printed): (&Item<'_>, &str),
    items: &[Item<'_>],
    next: &mut usize,
) -> Part {
    let compacted = compact(printed);
    let text = compacted.as_str();
    let from_title = |text: String| {
        let boxes = item.boxes();
        crate::evidence::provenance::note(&text, &boxes);
        Value { text, boxes }
    };
    if let Some(due) = anchors::due(text) {
        raw.due_date = from_title(due.date);
        if let Some(state) = due.state {
            raw.status.push("账户状态", from_title(state));
        }
        return Part::Status;
    }
    if let Some(date) = anchors::latest_repayment(text) {
        raw.latest_date = from_title(date);
        return Part::Latest;
    }
    if let Some(title) = anchors::grid_title(text) {
        // Evidence: the range and the dates split from it point at the title.
        let boxes = item.boxes();
        for (key, derived) in [
            ("dateRange", &title.range),
            ("startDate", &title.start),
            ("endDate", &title.end),
        ] {
            crate::evidence::provenance::note_keyed(Some(key), derived, &boxes);
        }
        let (grid, used) = parse_grid(title, items.get(*next..).unwrap_or(&[]));
        raw.grid = grid;
        *next += used;
        return Part::Trailer;
    }
    if text == BIG_AMOUNT_TITLE {
        return Part::BigAmount;
    }
    if text == SPECIAL_EVENT_TITLE {
        return Part::SpecialEvent;
    }
    if part == Part::SpecialEvent && !is_noise(text) {
        // The sentence keeps its own spacing; only titles are compared compacted.
        raw.special_events.push(Value {
            text: printed.trim().to_string(),
            boxes: item.boxes(),
        });
        return part;
    }
    // Caption continuations (`（其他机构转入）`, `（卡片尾号：…）`), the `（由于该类账户的数量过大…）`
    // note and a wrapped final `。` carry nothing the schema keeps (CONVENTIONS §19).
    tracing::debug!(record = raw.name.as_str(), noise = is_noise(text), "title line skipped");
    part
}

/// Parenthesised notes and lone punctuation.
fn is_noise(text: &str) -> bool {
    let parenthesised =
        (text.starts_with('（') && text.ends_with('）')) || (text.starts_with('(') && text.ends_with(')'));
    parenthesised || text.chars().all(|c| "。.，,".contains(c))
}

/// Handles a header row and the value row(s) under it; returns the new part.
fn on_header(raw: &mut RawRecord, part: Part, head: &Header<'_>, items: &[Item<'_>], next: &mut usize) -> Part {
    let first = head.first_known().unwrap_or("").to_string();
    if first == "特殊交易类型" {
        raw.special_trans.extend(value_rows(head, items, next, usize::MAX));
        return Part::Trailer;
    }
    if REMARK_KINDS.contains(&first.as_str()) {
        for form in value_rows(head, items, next, usize::MAX) {
            raw.remarks.push((first.clone(), form));
        }
        return Part::Trailer;
    }
    // 账户状态 only ever heads a status form, so it places the form even when the `截至…` title
    // was lost (OCR) or printed inside the same table row.
    let part = if head.has("账户状态") && part == Part::Basic {
        Part::Status
    } else {
        part
    };
    match part {
        Part::BigAmount => raw.big_amount.extend(value_rows(head, items, next, usize::MAX)),
        Part::Basic | Part::Status | Part::Latest => {
            let mut rows = value_rows(head, items, next, 1);
            let form = rows.pop().unwrap_or_else(|| {
                // A header with no value row under it: the labels are printed, their values blank.
                let mut blank = Form::default();
                for cell in &head.cells {
                    blank.push(&cell.label, Value::blank());
                }
                blank
            });
            let target = match part {
                Part::Basic => &mut raw.basic,
                Part::Status => &mut raw.status,
                _ => &mut raw.latest,
            };
            target.merge(form);
        }
        Part::SpecialEvent | Part::Trailer => {
            let mut stray = Form::default();
            for form in value_rows(head, items, next, usize::MAX) {
                stray.merge(form);
            }
            stray.log_unused("form after the repayment grid");
        }
    }
    part
}

/// Pairs up to `max` value rows following the header (at `*next`), advancing `*next` past them.
/// A value row is any table row that is neither a title nor another header. A row that only
/// completes the previous one across a page break (see [`is_cut_continuation`]) is appended to
/// it and does not count against `max`.
fn value_rows(head: &Header<'_>, items: &[Item<'_>], next: &mut usize, max: usize) -> Vec<Form> {
    let mut out: Vec<Form> = Vec::new();
    let mut previous: Option<(Item<'_>, Vec<(String, Value)>)> = None;
    while let Some(item) = items.get(*next) {
        if !is_body(item) {
            break;
        }
        if item.own_cells().iter().all(|c| c.text.trim().is_empty()) {
            // A row with no text (left over from a header cell merged over two grid rows, or
            // an OCR gap) holds no values; the values are in the next row.
            *next += 1;
            continue;
        }
        let pairs = pair(head, item);
        if let (Some((prev_item, prev_pairs)), Some(form)) = (&previous, out.last_mut()) {
            if is_cut_continuation(prev_item, prev_pairs, item, &pairs) {
                form.continue_with(pairs);
                *next += 1;
                continue;
            }
        }
        if out.len() >= max {
            break;
        }
        let mut form = Form::default();
        form.extend(pairs.clone());
        out.push(form);
        previous = Some((*item, pairs));
        *next += 1;
    }
    out
}

/// Whether `row` is the rest of `prev` cut by a page break (`按期结息、` / `到期还本`): it starts
/// on a later page than `prev` ends, has some text, and is blank under at least one label that
/// `prev` filled. A complete record printed at the top of the next page fills every label.
fn is_cut_continuation(
    prev: &Item<'_>,
    prev_pairs: &[(String, Value)],
    row: &Item<'_>,
    pairs: &[(String, Value)],
) -> bool {
    let later_page =
        matches!((prev.pages(), row.pages()), (Some((_, prev_last)), Some((first, _))) if first > prev_last);
    let has_text = pairs.iter().any(|(_, v)| !v.is_empty());
    let leaves_gap = prev_pairs
        .iter()
        .zip(pairs)
        .any(|((_, before), (_, now))| !before.is_empty() && now.is_empty());
    later_page && has_text && leaves_gap
}
