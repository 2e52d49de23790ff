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
    let hs: Vec<Ruling> = rulings
        .iter()
        .filter(|r| r.orientation == Orientation::Horizontal)
        .copied()
        .collect();
    rulings
        .into_iter()
        .filter_map(|r| match r.orientation {
            Orientation::Horizontal => (text_share(&r, &boxes) < MAX_TEXT_SHARE).then_some(r),
            Orientation::Vertical => {
                (!is_stem(&r, lines, px_per_pt)).then(|| without_tails_through_text(r, &hs, &boxes))
            }
        })
        .collect()
}

/// How far (points) a vertical may stop short of, or run past, a horizontal it meets.
const MEET_TOL_PT: f32 = 2.5;
/// A stroke climbing through glyphs ends at their edge, inside the detector's padded box;
/// blur takes it this far (points) past. A border ends at its row's edge, past the padding.
const END_PAST_BOX_PT: f32 = 1.0;
/// Longest stretch (points) past a table's last horizontal that can be a climb through one
/// line of text: the gap to a heading and the heading's box.
const MAX_TAIL_PT: f32 = 30.0;

/// The vertical `r` without its stretch past the last horizontal of `hs` it meets, at either
/// end, where that stretch ends in the open (no horizontal there) and holds a line box of
/// `boxes` that it runs across and ends in. That is a column ruling climbing through the
/// strokes of a bold heading below or above its table (`（二）非` | `循环贷账户`: the heading
/// became a row of the table and the section after it was lost). A table's border ends on a horizontal, and where the last
/// one was lost, at the row's edge, past the padding around its text.
fn without_tails_through_text(mut r: Ruling, hs: &[Ruling], boxes: &[Rect]) -> Ruling {
    let Some((first, last)) = hs
        .iter()
        .filter(|h| {
            (h.start - MEET_TOL_PT..=h.end + MEET_TOL_PT).contains(&r.pos)
                && (r.start - MEET_TOL_PT..=r.end + MEET_TOL_PT).contains(&h.pos)
        })
        .map(|h| (h.pos, h.pos))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    else {
        return r;
    };
    let across: Vec<&Rect> = boxes.iter().filter(|b| b.x0 < r.pos && r.pos < b.x1).collect();
    let tail = |from: f32, to: f32| to - from > MEET_TOL_PT && to - from <= MAX_TAIL_PT;
    if tail(last, r.end)
        && across
            .iter()
            .any(|b| b.y0 >= last - MEET_TOL_PT && (b.center().1..=b.y1 + END_PAST_BOX_PT).contains(&r.end))
    {
        r.end = last;
    }
    if tail(r.start, first)
        && across
            .iter()
            .any(|b| b.y1 <= first + MEET_TOL_PT && (b.y0 - END_PAST_BOX_PT..=b.center().1).contains(&r.start))
    {
        r.start = first;
    }
    r
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

    /// A table's last row 146–162 with its bottom at 162.2; the heading `（二）非循环贷账户`
    /// 168–181.4 below it, 255.9–346.6 across; the column ruling at 298.2 ran on to 182.1.
    #[test]
    fn a_column_ruling_climbing_through_a_heading_is_cut_at_the_tables_edge() {
        let heading = vec![line(255.9, 168.1, 346.6, 181.4)];
        let table = vec![h(128.3, 42.0, 554.0), h(146.0, 42.0, 554.0), h(162.2, 42.0, 554.0)];
        let mut rulings = table.clone();
        rulings.push(v(298.2, 128.5, 182.1));
        let kept = without_rulings_through_text(rulings.clone(), &heading, 1.0);
        assert_eq!(kept.last().map(|r| (r.start, r.end)), Some((128.5, 162.2)));
        // Climbing up into a title above the table, likewise.
        let title = vec![line(255.9, 109.5, 346.6, 122.8)];
        let mut up = table.clone();
        up.push(v(298.2, 109.0, 162.0));
        let kept = without_rulings_through_text(up, &title, 1.0);
        assert_eq!(kept.last().map(|r| (r.start, r.end)), Some((128.3, 162.0)));
    }

    #[test]
    fn a_border_past_a_lost_bottom_ruling_or_beside_a_line_stays_whole() {
        let table = vec![h(128.3, 42.0, 554.0), h(146.0, 42.0, 554.0)];
        let end_of = |column: Ruling, lines: &[OcrLine]| {
            let mut rulings = table.clone();
            rulings.push(column);
            without_rulings_through_text(rulings, lines, 1.0).last().map(|r| r.end)
        };
        // The last row's bottom at 162.2 was lost: its border ends there, below the padding
        // under a line read across it (148.5–158.5).
        let row = [line(255.9, 148.5, 346.6, 158.5)];
        assert_eq!(end_of(v(298.2, 128.5, 162.4), &row), Some(162.4));
        // A line beside the ruling, not across it.
        let beside = [line(300.0, 168.1, 346.6, 181.4)];
        assert_eq!(end_of(v(298.2, 128.5, 182.1), &beside), Some(182.1));
    }

    #[test]
    fn a_box_over_two_rows_does_not_hide_the_ruling_between_them() {
        let lines = vec![line(50.0, 180.0, 300.0, 208.0)];
        let rulings = vec![h(194.0, 50.0, 300.0)];
        assert_eq!(without_rulings_through_text(rulings, &lines, 1.0).len(), 1);
    }
}
