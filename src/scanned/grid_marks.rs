//! Repayment-grid marks that the recogniser read as characters no grid holds: on a blurred
//! 150-DPI copy a `*` comes back as `@`, `曲`, `希` or `è`, a `B` as `8`, a `1` as `一`, a
//! `#` as `薛`, often at a confidence that passes. A one-character cell in a row of state
//! codes can only hold a state code, so such a cell is read again:
//! - where its only ink is one compact blob of mark size
//!   ([`crate::raster::marks::lone_blob`]), as `*` by its shape, the same reading blank cells
//!   get ([`super::read_blank_cells`]): a blurred `*` is a disc that the recogniser, even held
//!   to the codes, takes for `0`, `6` or `#`;
//! - otherwise with the reading restricted to the codes (constrained decoding,
//!   [`crate::ocr::OcrEngine::read_rects_of`]): the recogniser's own best code for that ink.
//!
//! Either reading keeps a low confidence (the shape's [`super::UNCONFIRMED_DASH_SCORE`], or the
//! probability the recogniser gives the code among all characters), so the evidence puts it
//! up for review. Where no code comes back, the cell keeps what was read.

use image::RgbImage;

use super::{cell_window_px, read_by_shape};
use crate::content::PageContent;
use crate::correct::formats::is_known_mark_misreading;
use crate::geom::Rect;
use crate::layout::{RowCell, RulingCells};
use crate::lexicon::codes::GRID_STATUS;
use crate::ocr::OcrEngine;
use crate::Result;

/// A row is a grid's state row when at least this many of its cells hold one state code
/// each…
const MIN_CODE_CELLS: usize = 3;

/// …one of them a code that is not a digit (`N`, `*`, `#`, a letter): the amount rows (`0`)
/// hold digits only, and a digit-only row of states is not told from them…
fn is_letter_code(c: char) -> bool {
    GRID_STATUS.contains(&c) && !c.is_ascii_digit()
}

/// …more cells hold a code than hold one character that is none…
fn is_state_row(codes: usize, letter_codes: usize, odd: usize) -> bool {
    codes >= MIN_CODE_CELLS && letter_codes >= 1 && codes > odd
}

/// …and no cell holds a two-digit month label: the month header (`1`…`12`), whose `7` a copy
/// may turn into `*`, is no state row, and its `8` is no misread `B`.
fn is_month_label(text: &str) -> bool {
    matches!(text.trim(), "10" | "11" | "12")
}

/// The one character of `text`, if it has exactly one.
fn one_char(text: &str) -> Option<char> {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The cells of `row` holding one span of one character that is neither a state code nor a
/// known misreading of one, where the row is a state row: `(span index, cell)`.
fn odd_cells(content: &PageContent, row: &[RowCell]) -> Vec<(usize, Rect)> {
    let text = |s: usize| content.spans[s].text.as_str();
    if row.iter().flat_map(|c| &c.spans).any(|&s| is_month_label(text(s))) {
        return Vec::new();
    }
    let singles: Vec<(usize, char, Rect)> = row
        .iter()
        .filter_map(|cell| match cell.spans[..] {
            [s] => one_char(text(s)).map(|c| (s, c, cell.rect)),
            _ => None,
        })
        .collect();
    let codes = singles.iter().filter(|(_, c, _)| GRID_STATUS.contains(c)).count();
    let letter_codes = singles.iter().filter(|(_, c, _)| is_letter_code(*c)).count();
    // A known misreading (`★`, `。`, `井`) is left to the correction stage, which maps it back
    // with the recogniser's own confidence.
    let odd: Vec<(usize, Rect)> = singles
        .iter()
        .filter(|(_, c, _)| !GRID_STATUS.contains(c) && !is_known_mark_misreading(*c))
        .map(|&(s, _, r)| (s, r))
        .collect();
    if is_state_row(codes, letter_codes, odd.len()) {
        odd
    } else {
        Vec::new()
    }
}

/// Reads again every one-character cell of a state row of the page's grids (`cells`) whose
/// character is no state code (see the module), and puts the reading in place of its span where it is one code.
pub(super) fn reread_odd_marks(
    engine: &OcrEngine,
    clean: &RgbImage,
    cells: &RulingCells,
    content: &mut PageContent,
    px_per_pt: f32,
) -> Result<()> {
    let mut odd: Vec<(usize, Rect)> = cells
        .rows(&content.spans)
        .iter()
        .flat_map(|row| odd_cells(content, row))
        .collect();
    // Overlapping ruling networks can give one cell twice.
    odd.sort_by_key(|(s, _)| *s);
    odd.dedup_by_key(|(s, _)| *s);
    let mut by_recogniser = Vec::new();
    for (s, cell) in odd {
        let blob = cell_window_px(&cell, px_per_pt).and_then(|w| crate::raster::marks::lone_blob(clean, &w, px_per_pt));
        match blob {
            Some(blob) => content.spans[s] = read_by_shape("*", &[blob]).to_text_span(px_per_pt),
            None => by_recogniser.push((s, crop_px(&content.spans[s].rect, &cell, px_per_pt, clean))),
        }
    }
    if by_recogniser.is_empty() {
        return Ok(());
    }
    let crops: Vec<Option<Rect>> = by_recogniser.iter().map(|(_, r)| *r).collect();
    let read = engine.read_rects_of(clean, &crops, GRID_STATUS)?;
    for ((s, _), line) in by_recogniser.into_iter().zip(read) {
        if let Some(line) = line.filter(|l| one_char(&l.text).is_some_and(|c| GRID_STATUS.contains(&c))) {
            content.spans[s] = line.to_text_span(px_per_pt);
        }
    }
    Ok(())
}

/// The pixels of a span's box (points) inside its cell, in whole pixels within the image:
/// the crop the detector gave the recogniser. `None` when nothing is left.
fn crop_px(span: &Rect, cell: &Rect, px_per_pt: f32, img: &RgbImage) -> Option<Rect> {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (x0, y0) = (span.x0.max(cell.x0) * px_per_pt, span.y0.max(cell.y0) * px_per_pt);
    let (x1, y1) = (span.x1.min(cell.x1) * px_per_pt, span.y1.min(cell.y1) * px_per_pt);
    let (x0, y0) = (x0.floor().clamp(0.0, w), y0.floor().clamp(0.0, h));
    let (x1, y1) = (x1.ceil().clamp(0.0, w), y1.ceil().clamp(0.0, h));
    (x1 - x0 >= 1.0 && y1 - y0 >= 1.0).then(|| Rect::new(x0, y0, x1, y1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_row_needs_codes_a_letter_code_and_more_codes_than_odd_cells() {
        assert!(is_state_row(8, 3, 1));
        assert!(is_state_row(3, 1, 2));
        // Amount rows: digits only.
        assert!(!is_state_row(9, 0, 0));
        assert!(!is_state_row(2, 2, 1), "too few codes");
        assert!(!is_state_row(3, 1, 3), "as many odd cells as codes");
    }

    #[test]
    fn two_digit_month_labels_mark_the_month_header() {
        assert!(is_month_label("10") && is_month_label(" 12"));
        assert!(!is_month_label("1") && !is_month_label("N") && !is_month_label("100"));
    }

    #[test]
    fn a_crop_stays_inside_its_cell_and_the_image() {
        let img = RgbImage::new(100, 100);
        let px_per_pt = 2.0;
        let cell = Rect::new(10.0, 10.0, 20.0, 20.0);
        let r = crop_px(&Rect::new(8.0, 12.0, 15.5, 18.0), &cell, px_per_pt, &img).expect("crop");
        assert_eq!(r, Rect::new(20.0, 24.0, 31.0, 36.0));
        assert!(crop_px(
            &Rect::new(60.0, 60.0, 70.0, 70.0),
            &Rect::new(60.0, 60.0, 70.0, 70.0),
            px_per_pt,
            &img
        )
        .is_none());
    }
}
