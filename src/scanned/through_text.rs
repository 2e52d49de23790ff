//! Horizontal "rulings" that run through recognised text lines are dropped.
//!
//! The ruling finder sees only pixels. On a shaded header row, the bottom strokes of a row of
//! bold labels (`账户状态 五级分类 余额 …`), bridged along the line and set off from the grey
//! ground, pass for a long horizontal ruling. The grid then gets a row boundary through the
//! middle of the header: its labels land in one row, the second line of a wrapped label
//! (`最近一次还款` / `日期`) in a phantom row below, and the record's values no longer sit under
//! their labels (a whole 账户状态 block lost on a clean 300-DPI scan). A printed ruling never
//! runs through the middle of a text line, and the recogniser's line boxes, known by now,
//! tell where text is.
//!
//! The same holds for a short vertical down the middle of a character: the stem of `个` in a
//! tight row (11 pt, ending within the tolerance of the row's borders) passed for a cell border,
//! cut the character in two, and its left stroke, alone in a sliver of a cell, was read as `*`
//! (`*个人商业住房贷款`). A border between two cells that the detector merged into one line lies
//! in the gap between their characters, or is read as a bar (`|`, `1`) of its own.

use crate::content::{Orientation, Ruling};
use crate::geom::{covered_length, Rect};
use crate::ocr::OcrLine;

/// A ruling counts as inside a line box only this far (share of the box height) from both of
/// its edges: the detector pads its boxes around the glyphs, and a ruling close above or below
/// a line of cell text lies in that padding.
const INSIDE_MARGIN: f32 = 0.15;
/// Line boxes taller than this (points) are not one line of cell text (the report's is 8.5–10
/// pt, boxes about 1.4 times that): a box the detector merged over two rows has a true ruling
/// through its middle.
const MAX_LINE_PT: f32 = 18.0;
/// A ruling is dropped when text lines cover at least this share of its length. A printed
/// ruling is crossed by text only by accident (a seal's lettering, a stray box) over a small
/// share; bridged glyph bottoms lie under text over most of theirs.
const MAX_TEXT_SHARE: f32 = 0.3;

/// Verticals shorter than this (points) may be a character's stem: a cell border of the
/// report's rows (≥ 14 pt) that is this short ends within a row.
const MAX_STEM_PT: f32 = 20.0;
/// A vertical is a character's stem when it lies within this share of the character's width
/// from its centre (the recogniser places characters to a point or two).
const STEM_CORE: f32 = 0.3;
/// How far (points) a stem may reach past its line's box, top or bottom.
const STEM_REACH_PT: f32 = 2.0;

/// `rulings` without the horizontals that run through `lines` and the short verticals down
/// the middle of their characters (boxes in pixels, `px_per_pt` pixels per point; rulings in
/// points).
pub fn without_rulings_through_text(rulings: Vec<Ruling>, lines: &[OcrLine], px_per_pt: f32) -> Vec<Ruling> {
    let boxes: Vec<Rect> = lines
        .iter()
        .map(|l| {
            let r = &l.rect;
            Rect::new(r.x0 / px_per_pt, r.y0 / px_per_pt, r.x1 / px_per_pt, r.y1 / px_per_pt)
        })
        .filter(|b| b.height() <= MAX_LINE_PT)
        .collect();
    rulings
        .into_iter()
        .filter(|r| match r.orientation {
            Orientation::Horizontal => text_share(r, &boxes) < MAX_TEXT_SHARE,
            Orientation::Vertical => !is_stem(r, lines, px_per_pt),
        })
        .collect()
}

/// Whether the vertical `r` is short and runs down the middle of a recognised character that
/// is no bar (a bar may be the ruling itself, read as text).
fn is_stem(r: &Ruling, lines: &[OcrLine], px_per_pt: f32) -> bool {
    if r.end - r.start > MAX_STEM_PT {
        return false;
    }
    lines.iter().any(|l| {
        let (y0, y1) = (l.rect.y0 / px_per_pt, l.rect.y1 / px_per_pt);
        r.start >= y0 - STEM_REACH_PT
            && r.end <= y1 + STEM_REACH_PT
            && l.text.chars().zip(&l.char_rects).any(|(c, b)| {
                let (centre, width) = ((b.x0 + b.x1) / 2.0 / px_per_pt, (b.x1 - b.x0) / px_per_pt);
                !c.is_whitespace()
                    && !matches!(c, '|' | '1' | 'l' | 'I' | '丨' | '｜')
                    && (r.pos - centre).abs() <= STEM_CORE * width
            })
    })
}

/// Share of the horizontal ruling `r`'s length that lies inside the `boxes` (points).
fn text_share(r: &Ruling, boxes: &[Rect]) -> f32 {
    let len = r.end - r.start;
    if len <= 0.0 {
        return 0.0;
    }
    let inside = boxes.iter().filter(|b| {
        let m = INSIDE_MARGIN * b.height();
        r.pos > b.y0 + m && r.pos < b.y1 - m
    });
    covered_length(r.start, r.end, inside.map(|b| (b.x0, b.x1))) / len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> OcrLine {
        OcrLine::upright(
            Rect::new(x0, y0, x1, y1),
            "账户状态".into(),
            vec![0.9; 4],
            vec![Rect::default(); 4],
        )
    }

    fn h(pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Horizontal,
            pos,
            start,
            end,
            color: 0,
        }
    }

    /// Labels 187–200.6 pt high in a header row 180–208 (1 px per pt): the bridged glyph
    /// bottoms at 197.9 go, the row's own borders stay.
    #[test]
    fn glyph_bottoms_under_a_row_of_labels_are_no_ruling() {
        let lines: Vec<OcrLine> = [(64.0, 100.5), (125.0, 162.0), (194.0, 216.0), (240.0, 292.0)]
            .iter()
            .map(|&(a, b)| line(a, 187.2, b, 200.6))
            .collect();
        let rulings = vec![h(180.2, 50.0, 300.0), h(197.9, 60.0, 300.0), h(208.4, 50.0, 300.0)];
        let kept = without_rulings_through_text(rulings, &lines, 1.0);
        let pos: Vec<f32> = kept.iter().map(|r| r.pos).collect();
        assert_eq!(pos, vec![180.2, 208.4]);
    }

    #[test]
    fn a_ruling_in_the_padding_of_a_line_box_or_under_one_word_stays() {
        // 199.5 is within the bottom 15 % of the boxes; 190 crosses one 20-pt word of 240 pt.
        let lines = [line(64.0, 187.2, 100.5, 200.6), line(125.0, 187.2, 145.0, 200.6)];
        let rulings = vec![h(199.5, 60.0, 300.0), h(192.0, 120.0, 360.0)];
        assert_eq!(without_rulings_through_text(rulings, &lines[..], 1.0).len(), 2);
    }

    fn v(pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Vertical,
            ..h(pos, start, end)
        }
    }

    /// `个人商业` at 10 pt a character from x = 53, on a line 105–117 (1 px per pt).
    fn line_of_chars(text: &str) -> OcrLine {
        let n = text.chars().count();
        let rects: Vec<Rect> = (0..n)
            .map(|i| Rect::new(53.0 + 10.0 * i as f32, 105.0, 63.0 + 10.0 * i as f32, 117.0))
            .collect();
        OcrLine::upright(
            Rect::new(53.0, 105.0, 53.0 + 10.0 * n as f32, 117.0),
            text.into(),
            vec![0.9; n],
            rects,
        )
    }

    #[test]
    fn a_short_vertical_down_a_character_is_its_stem() {
        let lines = [line_of_chars("个人商业")];
        // Down the middle of 个; between 人 and 商 (a border the detector read across); long.
        let rulings = vec![v(58.3, 106.9, 118.1), v(73.0, 104.0, 118.0), v(68.0, 90.0, 130.0)];
        let pos: Vec<f32> = without_rulings_through_text(rulings, &lines, 1.0)
            .iter()
            .map(|r| r.pos)
            .collect();
        assert_eq!(pos, vec![73.0, 68.0]);
        // A border read as a bar of its own stays.
        let lines = [line_of_chars("N1N")];
        assert_eq!(
            without_rulings_through_text(vec![v(68.0, 106.0, 117.0)], &lines, 1.0).len(),
            1
        );
    }

    #[test]
    fn a_box_over_two_rows_does_not_hide_the_ruling_between_them() {
        let lines = vec![line(50.0, 180.0, 300.0, 208.0)];
        let rulings = vec![h(194.0, 50.0, 300.0)];
        assert_eq!(without_rulings_through_text(rulings, &lines, 1.0).len(), 1);
    }
}
